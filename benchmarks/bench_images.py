"""Time ``gc-cli images --format json`` on a calendar with many photos against a floor.

What it measures, on a calendar generated into a temporary folder by
``benchmarks/generate.py`` (default 2,000 posts in 25 files sharing 1,200
distinct JPEG and PNG photos):

(a) the floor: a fresh ``python -c`` that parses every YAML file of the root
    with ``yaml.load(text, Loader=yaml.CSafeLoader)`` and opens and
    ``verify()``-ies every image file once with Pillow -- interpreter start-up
    and imports included, no validation, no judgement, no output;
(b) ``gc-cli images --format json --now 2026-12-01T00:00:00-05:00 --calendars
    DIR`` as a subprocess, its output sent to a pipe;
(c) for information: ``gc-cli check --format json`` with the image rules on.

Each figure is the best (lowest) wall time of ``--runs`` runs (default 5), the
commands taking turns after one warm-up run of each. It prints the times, the
ratio (b)/(a) -- the target is at most 2 -- and what (b) and (c) found, so that
a calendar the tool rejects (a broken generator, or a tool bug) is noticed
rather than timed.

Run it with the interpreter gc-cli is installed in::

    .venv/bin/python benchmarks/bench_images.py [--runs 5] [--posts 2000]
        [--files 25] [--images 1200] [--seed 1] [--gc-cli PATH]
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

# benchmarks/ is on sys.path when run as a script
from bench_check import bench_parser, find_gc_cli, timed
from generate import generate_calendar

NOW = "2026-12-01T00:00:00-05:00"

#: The floor: parse every post file with the C loader, open and verify every image once.
FLOOR_CODE = """\
import pathlib, sys, yaml
from PIL import Image
loader = yaml.CSafeLoader
for path in sorted(pathlib.Path(sys.argv[1]).rglob("*")):
    if path.suffix in (".yaml", ".yml") and path.name != "settings.yaml":
        yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
    elif path.suffix in (".jpg", ".jpeg", ".png"):
        with Image.open(path) as image:
            image.verify()
"""


def images_command(gc_cli: str, root: Path) -> tuple[list[str], str]:
    """The command timed as (b), and how to name it."""
    command = [gc_cli, "images", "--format", "json", "--now", NOW, "--calendars", str(root)]
    return command, "gc-cli images --format json"


def main(argv: list[str] | None = None) -> int:
    """Generate the calendar, time the commands, print the figures."""
    parser = bench_parser(__doc__, posts=2000, files=25)
    parser.add_argument("--images", type=int, default=1200)
    args = parser.parse_args(argv)
    gc_cli = find_gc_cli(args.gc_cli)

    with tempfile.TemporaryDirectory(prefix="gc-bench-img-") as tmp:
        root = Path(tmp) / "calendars"
        began = time.perf_counter()
        generate_calendar(
            root, posts=args.posts, files=args.files, images=args.images, seed=args.seed
        )
        generated = time.perf_counter() - began
        pictures = [p for p in root.rglob("*") if p.suffix in (".jpg", ".png")]
        print(
            f"calendar: {args.posts} posts in {args.files} files, {len(pictures)} images, "
            f"{sum(p.stat().st_size for p in pictures) / 1e6:.1f} MB of images "
            f"(generated in {generated:.1f} s)"
        )
        floor_cmd = [sys.executable, "-c", FLOOR_CODE, str(root)]
        images_cmd, images_label = images_command(gc_cli, root)
        check_cmd = [gc_cli, "check", "--format", "json", "--now", NOW, "--calendars", str(root)]
        print(f"interpreter: {sys.executable}")
        print(f"gc-cli:      {gc_cli}")

        commands = {"floor": floor_cmd, "images": images_cmd, "check": check_cmd}
        best = dict.fromkeys(commands, float("inf"))
        last: dict[str, subprocess.CompletedProcess[bytes]] = {}
        for name, command in commands.items():  # warm-up: file cache, bytecode cache
            last[name] = timed(command)[1]
        if last["floor"].returncode != 0:
            print(last["floor"].stderr.decode(errors="replace"), file=sys.stderr)
            return 2
        for _ in range(args.runs):
            for name, command in commands.items():
                seconds, last[name] = timed(command)
                best[name] = min(best[name], seconds)

    floor, images, check = best["floor"], best["images"], best["check"]
    runs = f"(best of {args.runs})"
    print(f"(a) floor, CSafeLoader + Image.open().verify() each image: {floor:7.3f} s  {runs}")
    print(f"(b) {images_label + ':':<55} {images:7.3f} s  {runs}")
    print(f"(c) gc-cli check --format json (image rules on):          {check:7.3f} s  {runs}")
    print(f"ratio (b)/(a): {images / floor:.2f}  (target: at most 2)")
    print(f"ratio (c)/(a): {check / floor:.2f}  (for information)")
    status = 0
    for name in ("images", "check"):
        run = last[name]
        try:
            report = json.loads(run.stdout)
        except ValueError:
            print(f"{name}: exit code {run.returncode}, output is not JSON; its first lines:")
            print(run.stdout.decode(errors="replace")[:800])
            print(run.stderr.decode(errors="replace")[:800])
            status = 1
            continue
        if name == "images":
            listed = report.get("images", [])
            formats = Counter(str(i.get("format")) for i in listed)
            print(
                f"images: exit code {run.returncode}; {len(listed)} attachments "
                f"({', '.join(f'{n} {f}' for f, n in formats.most_common())}), "
                f"{report.get('errors')} with errors, {len(report.get('orphans', []))} orphans"
            )
        else:
            codes = Counter(p["code"] for p in report.get("problems", []))
            print(
                f"check: exit code {run.returncode}; {report.get('errors')} error(s), "
                f"{report.get('warnings')} warning(s)"
                + "".join(f"\n  {n:6d}  {code}" for code, n in codes.most_common(5))
            )
    return status


if __name__ == "__main__":
    sys.exit(main())
