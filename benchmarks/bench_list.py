"""Time ``gc-cli list --format json`` against ``gc-cli check --no-images`` on one large root.

What it measures, on a calendar generated into a temporary folder by
``benchmarks/generate.py`` (default 20,000 posts in 250 files, no image files):

(a) ``gc-cli check --no-images --format json --now 2026-12-01T00:00:00-05:00
    --calendars DIR``: reading, validating and checking every post;
(b) ``gc-cli list --format json --now ... --calendars DIR``: reading every
    post, expanding the recurring ones and writing each publication as JSON
    (about 13 MB for 20,000 posts), output to a pipe.

Each figure is the best (lowest) wall time of ``--runs`` runs (default 5), the
two commands taking turns after one warm-up run of each. It prints both times
and the ratio (b)/(a) -- the target is at most 1.3 -- with the number of
publications listed and the exit codes, so that a failing command is noticed
rather than timed.

Run it with the interpreter gc-cli is installed in::

    .venv/bin/python benchmarks/bench_list.py [--runs 5] [--posts 20000]
        [--files 250] [--seed 1] [--gc-cli PATH]
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from bench_check import (  # benchmarks/ is on sys.path as a script
    bench_parser,
    find_gc_cli,
    generate_and_describe,
    timed,
)

NOW = "2026-12-01T00:00:00-05:00"


def list_command(gc_cli: str) -> tuple[list[str], str]:
    """The command that runs ``list``, and how to name it."""
    return [gc_cli, "list"], "gc-cli list"


def main(argv: list[str] | None = None) -> int:
    """Generate the calendar, time both commands, print the figures."""
    args = bench_parser(__doc__, posts=20000, files=250).parse_args(argv)
    gc_cli = find_gc_cli(args.gc_cli)
    listing, what = list_command(gc_cli)

    with tempfile.TemporaryDirectory(prefix="gc-bench-") as tmp:
        root = Path(tmp) / "calendars"
        generate_and_describe(root, args.posts, args.files, args.seed)
        common = ["--format", "json", "--now", NOW, "--calendars", str(root)]
        check_cmd = [gc_cli, "check", "--no-images", *common]
        list_cmd = [*listing, *common]
        print(f"interpreter: {sys.executable}")
        print(f"gc-cli:      {gc_cli}")
        print(f"timing:      {what}")

        check_times: list[float] = []
        list_times: list[float] = []
        # One warm-up run of each (file cache, bytecode cache), then take turns.
        check_run = timed(check_cmd)[1]
        list_run = timed(list_cmd)[1]
        for _ in range(args.runs):
            seconds, check_run = timed(check_cmd)
            check_times.append(seconds)
            seconds, list_run = timed(list_cmd)
            list_times.append(seconds)

    check = min(check_times)
    listed = min(list_times)
    label = "(a) gc-cli check --no-images --format json:"
    print(f"{label:<44}{check:7.3f} s  (best of {args.runs})")
    label = f"(b) {what} --format json:"
    print(f"{label:<44}{listed:7.3f} s  (best of {args.runs})")
    print(f"ratio (b)/(a): {listed / check:.2f}  (target: at most 1.3)")
    print(f"exit codes: check {check_run.returncode}, list {list_run.returncode}")
    try:
        items = json.loads(list_run.stdout)
    except ValueError:
        print("list output is not JSON; its first lines:")
        print(list_run.stdout.decode(errors="replace")[:800])
        print(list_run.stderr.decode(errors="replace")[:800])
        return 1
    occurrences = sum(1 for item in items if item["occurrence"])
    undated = sum(1 for item in items if item["publish_at"] is None)
    print(
        f"list wrote {len(items)} publications ({occurrences} occurrences of recurring "
        f"posts, {undated} without a date), {len(list_run.stdout) / 1e6:.1f} MB"
    )
    return 0 if check_run.returncode == 0 and list_run.returncode == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
