"""Time ``gc-cli schedule --auto`` against ``gc-cli check --no-images`` on the same root.

What it measures, on a calendar generated into a temporary folder by
``benchmarks/generate.py`` (default 1,000 posts in 50 files) and then made
into a posting queue: every ``publish_at:`` and ``repeat:`` line removed and
every status set to ``ready``, so the posts wait for a slot; the settings get
one slot an hour from 07:00 to 21:00 every day (105 a week), so that the queue
fits in the window. The organisation closes on holidays and for a yearly
inventory (``closed:``, 14 closures, some of several days), where no slot may be
filled, and ``--recurring`` posts (20) stay scheduled: weekly for a year on
slot times, each skipping the occurrences on a closed day and one more
(``skip:``) and moving one (``moved:``), so the slots they take (and those they
free) are the ones their skips and moves say.

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
        [--files 50] [--recurring 20] [--seed 1] [--gc-cli PATH]
"""

from __future__ import annotations

import json
import re
import shutil
import sys
import tempfile
from datetime import date, timedelta
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


#: Weeks a recurring post repeats (its COUNT).
WEEKS = 52


def closures() -> list[tuple[date, date, str]]:
    """The days the organisation is closed from December 2026 to 2028: (first, last, label)."""
    found = []
    for year in (2026, 2027, 2028):
        found += [
            (date(year, 12, 24), date(year, 12, 26), "Noël"),
            (date(year, 12, 31), date(year, 12, 31), "Veille du jour de l'An"),
        ]
        if year > 2026:
            found += [
                (date(year, 1, 1), date(year, 1, 2), "Jour de l'An"),
                (date(year, 1, 4), date(year, 1, 6), "Inventaire"),
                (date(year, 6, 24), date(year, 6, 24), "Fête nationale"),
                (date(year, 7, 1), date(year, 7, 1), "Fête du Canada"),
            ]
    return found


def recurring_lines(index: int, closed: set[date]) -> tuple[str, int]:
    """The scheduling lines of recurring post ``index``, and how many occurrences it skips.

    Weekly from a day of the first week at a slot time (07:00, 12:00 or 17:00), no
    two on one slot; it skips its occurrences on a closed day and one more, and
    moves another to 06:00 that day, a different week for each post.
    """
    first = date(2026, 12, 1) + timedelta(days=index % 7)
    hour = 7 + (index // 7) * 5
    days = [first + timedelta(weeks=k) for k in range(WEEKS)]
    skip = {d for d in days if d in closed} | {days[2 + index % 5 * 9]}
    moved = next(d for d in days[5 + index :] if d not in skip)
    lines = (
        f"    publish_at: {first} {hour:02d}:00\n"
        f"    repeat: FREQ=WEEKLY;COUNT={WEEKS}\n"
        f"    skip: [{', '.join(str(d) for d in sorted(skip))}]\n"
        f"    moved: {{{moved}: {moved} 06:00}}\n"
    )
    return lines, len(skip)


def make_queue(root: Path, posts: int, files: int, seed: int, recurring: int = 0) -> int:
    """A generated calendar with every post ready and unscheduled, hourly slots and
    closures, but for ``recurring`` posts (at most 21) scheduled with skips and a move.

    Returns the number of occurrences the recurring posts skip.
    """
    generate_calendar(root, posts=posts, files=files, seed=seed)
    closed = {
        first + timedelta(days=n)
        for first, last, _ in closures()
        for n in range((last - first).days + 1)
    }
    block = "closed:\n" + "".join(
        f"  - {{from: {first}, to: {last}, label: {json.dumps(label, ensure_ascii=False)}}}\n"
        for first, last, label in closures()
    )
    left, skipped = recurring, 0
    for path in sorted(root.rglob("*.y*ml")):
        text = path.read_text(encoding="utf-8")
        if path.name == "settings.yaml":
            text = re.sub(r"(?m)^slots: .*$", "slots: " + json.dumps(SLOTS), text) + block
        else:
            text = re.sub(r"(?m)^    (publish_at|repeat): .*\n", "", text)
            text = re.sub(r"(?m)^    status: \w+$", "    status: ready", text)
            # Half of a file's posts at most, so that every file still has a queue.
            for _ in range(min(left, text.count("    status: ready\n") // 2)):
                lines, count = recurring_lines(recurring - left, closed)
                text = text.replace("    status: ready\n", "    status: scheduled\n" + lines, 1)
                left, skipped = left - 1, skipped + count
        path.write_text(text, encoding="utf-8")
    return skipped


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
    parser = bench_parser(__doc__, posts=1000, files=50)
    parser.add_argument("--recurring", type=int, default=20, choices=range(22))
    args = parser.parse_args(argv)
    gc_cli = find_gc_cli(args.gc_cli)
    queued = args.posts - args.recurring

    with tempfile.TemporaryDirectory(prefix="gc-bench-schedule-") as tmp:
        queue = Path(tmp) / "queue"
        skipped = make_queue(queue, args.posts, args.files, args.seed, args.recurring)
        yaml_files = [p for p in queue.rglob("*.y*ml") if p.name != "settings.yaml"]
        print(
            f"calendar: {queued} ready posts without a date in {len(yaml_files)} files, "
            f"{len(SLOTS)} slots a week, now {NOW}, --until {UNTIL}"
        )
        print(
            f"          {len(closures())} closures; {args.recurring} weekly posts over "
            f"{WEEKS} weeks skipping {skipped} occurrences, each moving one"
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
    closed_day = sum(p["code"] == "closed-day" for p in report["problems"])
    print(f"posts on a closed day after: {closed_day}")
    ok = f"{queued} posts scheduled in {len(yaml_files)} files" in "".join(last)
    return 0 if ok and report["errors"] == 0 and closed_day == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
