"""Time ``gc-cli schedule --auto`` against ``gc-cli check --no-images`` on the same root.

What it measures, on a calendar generated into a temporary folder by
``benchmarks/generate.py`` (default 1,000 posts in 50 files) and then made
into a posting queue: every ``publish_at:`` and ``repeat:`` line removed and
every status set to ``ready``, so all 1,000 posts wait for a slot; the
settings get one slot an hour from 07:00 to 21:00 every day (105 a week), so
that the queue fits in the window.

(a) ``gc-cli check --no-images --format json --now NOW --calendars DIR``;
(b) ``gc-cli schedule --auto --until UNTIL --now NOW --calendars DIR``, each
    run on a fresh copy of the queue (copying is not timed), so that every run
    plans and writes all 1,000 posts into the 50 files;
(c) the same with ``--dry-run`` (plans, writes nothing), for information.

Each figure is the best (lowest) wall time of ``--runs`` runs (default 5), the
commands taking turns after one warm-up run of each, output sent to a pipe. It
prints the times and the ratio (b)/(a) -- the target is under 3 -- then checks
that the run scheduled every post and that ``check`` finds no error afterwards.

Run it with the interpreter gc-cli is installed in::

    .venv/bin/python benchmarks/bench_schedule.py [--runs 5] [--posts 1000]
        [--files 50] [--seed 1] [--gc-cli PATH]
"""

from __future__ import annotations

import json
import re
import shutil
import sys
import tempfile
from pathlib import Path

from bench_check import (  # benchmarks/ is on sys.path when run as a script
    bench_parser,
    find_gc_cli,
    timed,
)
from generate import generate_calendar

NOW = "2026-12-01T00:00:00-05:00"
UNTIL = "2028-12-31"
SLOTS = [
    f"{day} {hour:02d}:00"
    for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
    for hour in range(7, 22)
]


#: Stands in for the command while cli.py lacks it: the CLI's imports, then the library.
def make_queue(root: Path, posts: int, files: int, seed: int) -> None:
    """A generated calendar with every post ready and unscheduled, and hourly slots."""
    generate_calendar(root, posts=posts, files=files, seed=seed)
    for path in root.rglob("*.y*ml"):
        text = path.read_text(encoding="utf-8")
        if path.name == "settings.yaml":
            text = re.sub(r"(?m)^slots: .*$", "slots: " + json.dumps(SLOTS), text)
        else:
            text = re.sub(r"(?m)^    (publish_at|repeat): .*\n", "", text)
            text = re.sub(r"(?m)^    status: \w+$", "    status: ready", text)
        path.write_text(text, encoding="utf-8")


def check_command(gc_cli: str, root: Path) -> list[str]:
    return [
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


def schedule_command(gc_cli: str, root: Path, *, dry_run: bool) -> list[str]:
    dry = ["--dry-run"] if dry_run else []
    return [
        gc_cli,
        "schedule",
        "--auto",
        "--until",
        UNTIL,
        "--now",
        NOW,
        "--calendars",
        str(root),
        *dry,
    ]


def main(argv: list[str] | None = None) -> int:
    """Generate the queue, time the commands, print the figures and the ratio."""
    args = bench_parser(__doc__, posts=1000, files=50).parse_args(argv)
    gc_cli = find_gc_cli(args.gc_cli)

    with tempfile.TemporaryDirectory(prefix="gc-bench-schedule-") as tmp:
        queue = Path(tmp) / "queue"
        make_queue(queue, args.posts, args.files, args.seed)
        yaml_files = [p for p in queue.rglob("*.y*ml") if p.name != "settings.yaml"]
        print(
            f"calendar: {args.posts} ready posts without a date in {len(yaml_files)} files, "
            f"{len(SLOTS)} slots a week, now {NOW}, --until {UNTIL}"
        )
        print(f"gc-cli:   {gc_cli}")
        work = Path(tmp) / "calendars"

        def fresh() -> Path:
            if work.exists():
                shutil.rmtree(work)
            shutil.copytree(queue, work)
            return work

        check_cmd = check_command(gc_cli, fresh())
        auto_cmd = schedule_command(gc_cli, work, dry_run=False)
        dry_cmd = schedule_command(gc_cli, work, dry_run=True)
        checked = timed(check_cmd)[1]  # warm-up runs: file cache, bytecode cache
        timed(dry_cmd)
        fresh()
        scheduled = timed(auto_cmd)[1]
        check_times: list[float] = []
        auto_times: list[float] = []
        dry_times: list[float] = []
        for _ in range(args.runs):
            fresh()
            check_times.append(timed(check_cmd)[0])
            dry_times.append(timed(dry_cmd)[0])
            seconds, scheduled = timed(auto_cmd)
            auto_times.append(seconds)
        after = timed(check_cmd)[1]

    check, auto, dry = min(check_times), min(auto_times), min(dry_times)
    print(f"(a) gc-cli check --no-images --format json: {check:7.3f} s  (best of {args.runs})")
    print(f"(b) gc-cli schedule --auto:                 {auto:7.3f} s  (best of {args.runs})")
    print(f"(c) gc-cli schedule --auto --dry-run:       {dry:7.3f} s  (best of {args.runs})")
    print(f"ratio (b)/(a): {auto / check:.2f}  (target: under 3)")
    print(f"ratio (c)/(a): {dry / check:.2f}")
    before = json.loads(checked.stdout)
    print(
        f"check before: exit {checked.returncode}, {before['errors']} error(s), "
        f"{before['warnings']} warning(s)"
    )
    last = scheduled.stdout.decode(errors="replace").strip().splitlines()[-1:]
    print(f"schedule: exit {scheduled.returncode}, {' '.join(last)}")
    if scheduled.returncode != 0:
        print(scheduled.stderr.decode(errors="replace")[:800])
        return 1
    report = json.loads(after.stdout)
    print(
        f"check after:  exit {after.returncode}, {report['errors']} error(s), "
        f"{report['warnings']} warning(s)"
    )
    ok = f"{args.posts} posts scheduled in {len(yaml_files)} files" in "".join(last)
    return 0 if ok and report["errors"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
