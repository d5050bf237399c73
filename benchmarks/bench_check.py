"""Time ``gc-cli check --no-images`` on a large calendar against the YAML parsing floor.

What it measures, on a calendar generated into a temporary folder by
``benchmarks/generate.py`` (default 20,000 posts in 250 files, no image files):

(a) the floor: a fresh ``python -c`` that reads every YAML file of the root and
    parses it with ``yaml.load(text, Loader=yaml.CSafeLoader)`` -- interpreter
    start-up included, no validation at all;
(b) ``gc-cli check --no-images --format json --now 2026-12-01T00:00:00-05:00
    --calendars DIR`` as a subprocess, its output sent to a pipe.

Each figure is the best (lowest) wall time of ``--runs`` runs (default 5), the
two commands taking turns after one warm-up run of each. It prints both times,
the ratio (b)/(a) -- the target is at most 1.5 -- and the exit code of the check
with its error and warning counts, so that a calendar the tool rejects (a
broken generator, or a tool bug) is noticed rather than timed.

Run it with the interpreter gc-cli is installed in::

    .venv/bin/python benchmarks/bench_check.py [--runs 5] [--posts 20000]
        [--files 250] [--seed 1] [--gc-cli PATH]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from generate import generate_calendar  # benchmarks/ is on sys.path when run as a script

NOW = "2026-12-01T00:00:00-05:00"

#: The floor: read and parse every post file with the C loader, nothing else.
FLOOR_CODE = """\
import pathlib, sys, yaml
loader = yaml.CSafeLoader
for path in sorted(pathlib.Path(sys.argv[1]).rglob("*")):
    if path.suffix in (".yaml", ".yml") and path.name != "settings.yaml":
        yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
"""


def find_gc_cli(explicit: str | None) -> str:
    """The gc-cli executable: ``--gc-cli``, else beside this interpreter, else on PATH."""
    if explicit:
        return explicit
    beside = Path(sys.executable).parent / "gc-cli"
    if beside.exists():
        return str(beside)
    found = shutil.which("gc-cli")
    if found is None:
        sys.exit("bench_check.py: gc-cli not found (install it, or pass --gc-cli PATH)")
    return found


def timed(command: list[str]) -> tuple[float, subprocess.CompletedProcess[bytes]]:
    """Wall time of one run of ``command``, stdout captured in a pipe."""
    began = time.perf_counter()
    done = subprocess.run(command, capture_output=True, check=False)
    return time.perf_counter() - began, done


def bench_parser(doc: str, *, posts: int, files: int) -> argparse.ArgumentParser:
    """The options every benchmark on a generated calendar shares."""
    parser = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="runs of each command (best kept)")
    parser.add_argument("--posts", type=int, default=posts)
    parser.add_argument("--files", type=int, default=files)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--gc-cli", dest="gc_cli", help="path of the gc-cli executable")
    return parser


def generate_and_describe(root: Path, posts: int, files: int, seed: int) -> None:
    """Generate the benchmark calendar into ``root`` and print its size."""
    began = time.perf_counter()
    generate_calendar(root, posts=posts, files=files, seed=seed)
    generated = time.perf_counter() - began
    yaml_files = [p for p in root.rglob("*") if p.suffix in (".yaml", ".yml")]
    size = sum(p.stat().st_size for p in yaml_files)
    print(
        f"calendar: {posts} posts in {len(yaml_files) - 1} files + settings.yaml, "
        f"{size / 1e6:.1f} MB of YAML (generated in {generated:.2f} s)"
    )


def main(argv: list[str] | None = None) -> int:
    """Generate the calendar, time both commands, print the figures."""
    args = bench_parser(__doc__, posts=20000, files=250).parse_args(argv)
    gc_cli = find_gc_cli(args.gc_cli)

    with tempfile.TemporaryDirectory(prefix="gc-bench-") as tmp:
        root = Path(tmp) / "calendars"
        generate_and_describe(root, args.posts, args.files, args.seed)
        floor_cmd = [sys.executable, "-c", FLOOR_CODE, str(root)]
        check_cmd = [
            gc_cli,
            "check",
            "--no-images",
            "--format",
            "json",
            "--now",
            NOW,
            "--calendars",
            str(root),
        ]
        print(f"interpreter: {sys.executable}")
        print(f"gc-cli:      {gc_cli}")

        floor_times: list[float] = []
        check_times: list[float] = []
        # One warm-up run of each (file cache, bytecode cache), then take turns.
        floor_run = timed(floor_cmd)[1]
        if floor_run.returncode != 0:
            print(floor_run.stderr.decode(errors="replace"), file=sys.stderr)
            return 2
        check_run = timed(check_cmd)[1]
        for _ in range(args.runs):
            floor_times.append(timed(floor_cmd)[0])
            seconds, check_run = timed(check_cmd)
            check_times.append(seconds)

    floor = min(floor_times)
    check = min(check_times)
    print(f"(a) floor, parse every file with CSafeLoader: {floor:7.3f} s  (best of {args.runs})")
    print(f"(b) gc-cli check --no-images --format json:   {check:7.3f} s  (best of {args.runs})")
    print(f"ratio (b)/(a): {check / floor:.2f}  (target: at most 1.5)")
    print(f"check exit code: {check_run.returncode}")
    try:
        report = json.loads(check_run.stdout)
    except ValueError:
        print("check output is not JSON; its first lines:")
        print(check_run.stdout.decode(errors="replace")[:800])
        print(check_run.stderr.decode(errors="replace")[:800])
        return 1
    print(
        f"check found: {report.get('errors')} error(s), {report.get('warnings')} warning(s), "
        f"{report.get('files')} file(s), {report.get('posts')} post(s)"
    )
    codes = Counter(f"{p['severity']} {p['code']}" for p in report.get("problems", []))
    for code, count in codes.most_common(10):
        print(f"  {count:6d}  {code}")
    for problem in report.get("problems", [])[:5]:
        print(
            f"  e.g. {problem['file']}:{problem['line']}: {problem['code']}: {problem['message']}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
