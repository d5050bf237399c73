"""Skipped and moved occurrences of recurring posts: expanded in one place, honoured by
check, list, calendar, report, coverage, schedule --auto and every export, and written by
``schedule ID@DATE --skip`` / ``--at`` / ``--clear``.

The post: Fridays 09:00 from 2026-12-04, four of them (12-04, 12-11, 12-18, 12-25).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime

import pytest

from conftest import NOW, NOW_DT, SETTINGS, CalendarDir, Invoke
from gc_cli.query.select import load, select
from gc_cli.store.loader import load_calendar
from gc_cli.timeutil import occurrences

FRIDAYS = """\
- id: pain
  title: Le pain du vendredi
  channels: [facebook]
  status: ready
  owner: marie
  publish_at: 2026-12-04 09:00
  repeat: FREQ=WEEKLY;BYDAY=FR;COUNT=4
  text: Le pain du vendredi est prêt.
{extra}"""


def fridays(cal: CalendarDir, extra: str = "") -> None:
    cal.posts(FRIDAYS.format(extra=extra))


def listed(gc: Callable[..., Invoke], cal: CalendarDir, *args: str) -> list[tuple[str, str]]:
    run = gc("list", "--calendars", str(cal.root), "--now", NOW, "--format", "json", *args)
    assert run.exit_code == 0, run.stderr
    return [(item["occurrence"], item["publish_at"]) for item in run.json()]


# -- the one place: timeutil.occurrences ---------------------------------------------


def test_skips_and_moves_are_applied_in_time_order() -> None:
    from zoneinfo import ZoneInfo

    zone = ZoneInfo("America/Toronto")
    starts = [datetime(2026, 12, d, 9, 0) for d in (4, 11, 18, 25)]
    found, issues = occurrences(
        starts,
        zone,
        skip=[date(2026, 12, 25)],
        moved={date(2026, 12, 11): datetime(2026, 12, 19, 10, 0)},
    )
    assert issues == []
    assert [(o.day.day, o.local.day, o.local.hour, o.moved) for o in found] == [
        (4, 4, 9, False),
        (18, 18, 9, False),
        (11, 19, 10, True),
    ]


def test_list_expands_with_skips_and_moves(gc: Callable[..., Invoke], cal: CalendarDir) -> None:
    fridays(cal, "  skip: [2026-12-25]\n  moved: {2026-12-11: 2026-12-12 10:00}\n")
    assert listed(gc, cal) == [
        ("2026-12-04", "2026-12-04T09:00-05:00"),
        ("2026-12-11", "2026-12-12T10:00-05:00"),
        ("2026-12-18", "2026-12-18T09:00-05:00"),
    ]
    assert cal.problems() == []


def test_a_move_with_an_offset_is_that_instant(gc: Callable[..., Invoke], cal: CalendarDir) -> None:
    fridays(cal, "  moved: {2026-12-11: 2026-12-11T16:00:00Z}\n")
    assert ("2026-12-11", "2026-12-11T11:00-05:00") in listed(gc, cal)


def test_the_series_counts_what_goes_out(cal: CalendarDir) -> None:
    fridays(cal, "  skip: [2026-12-18]\n")
    items = select(load(cal.root, cal.root.parent))
    assert [(i.occurrence.day if i.occurrence else None, i.series) for i in items] == [
        (4, (1, 3)),
        (11, (2, 3)),
        (25, (3, 3)),
    ]


def test_an_occurrence_has_its_own_status(gc: Callable[..., Invoke], cal: CalendarDir) -> None:
    fridays(cal, "  occurrences: {2026-12-11: cancelled, 2026-12-18: {status: scheduled}}\n")
    run = gc("list", "--calendars", str(cal.root), "--now", NOW, "--format", "json")
    assert [item["status"] for item in run.json()] == ["ready", "cancelled", "scheduled", "ready"]
    only = listed(gc, cal, "--status", "scheduled")
    assert only == [("2026-12-18", "2026-12-18T09:00-05:00")]
    month = gc("calendar", "--calendars", str(cal.root), "--now", NOW, "--month", "2026-12")
    assert month.exit_code == 0
    # The cancelled occurrence is left out of the month, as cancelled posts are.
    assert "3 publications in December 2026." in month.stdout


# -- bad-occurrence --------------------------------------------------------------------

BAD = [
    pytest.param("  skip: [2026-12-12]\n", (10, 12), id="skip-a-saturday"),
    pytest.param("  moved: {2026-12-05: 2026-12-06 09:00}\n", (10, 13), id="move-a-saturday"),
    pytest.param("  occurrences: {2027-01-01: published}\n", (10, 19), id="status-past-the-end"),
    pytest.param(
        "  skip: [2026-12-11]\n  moved: {2026-12-11: 2026-12-12 09:00}\n",
        (11, 13),
        id="skipped-and-moved",
    ),
    pytest.param("  moved: {2026-12-11: 2026-12-12}\n", (10, 13), id="date-alone-for-a-timed-post"),
    pytest.param(
        "  skip: [2026-12-11]\n  occurrences: {2026-12-11: published}\n",
        (11, 19),
        id="status-of-a-skipped-one",
    ),
]


@pytest.mark.parametrize(("extra", "where"), BAD)
def test_dates_that_name_no_occurrence_are_errors(
    cal: CalendarDir, extra: str, where: tuple[int, int]
) -> None:
    fridays(cal, extra)
    problems = cal.problems()
    assert [(p.line, p.column, p.code, p.severity) for p in problems] == [
        (*where, "bad-occurrence", "error")
    ]


def test_skip_without_repeat_is_an_error(cal: CalendarDir) -> None:
    cal.posts(FRIDAYS.format(extra="  skip: [2026-12-11]\n").replace("  repeat: FREQ", "  #"))
    assert [(p.code, p.message) for p in cal.problems()] == [
        ("bad-occurrence", "skip: only a recurring post (repeat:) has occurrences")
    ]


HOSTILE = [
    pytest.param("  skip: [2026-13-01]\n", "is not a valid day", id="month-13"),
    pytest.param("  skip: [next friday]\n", "is not a day", id="prose"),
    pytest.param("  skip: [2026-12-11, 2026-12-11]\n", "2026-12-11 is listed twice", id="twice"),
    pytest.param("  skip: 2026-12-11\n", "should be a list", id="not-a-list"),
    pytest.param("  moved: {2026-12-11: ~}\n", "give the date and time", id="move-to-nothing"),
    pytest.param("  moved: {2026-12-11: tomorrow}\n", "is not a date and time", id="move-to-prose"),
    pytest.param("  moved: [2026-12-11]\n", "should be a mapping", id="moved-a-list"),
    pytest.param("  occurrences: {2026-12-11: sent}\n", "'sent' is not one of", id="bad-status"),
    pytest.param(
        "  occurrences: {2026-12-11: {status: published, published_url: 'ftp://x'}}\n",
        "not an absolute http(s):// address",
        id="bad-url",
    ),
]


@pytest.mark.parametrize(("extra", "message"), HOSTILE)
def test_hostile_values_are_schema_errors_at_their_line(
    cal: CalendarDir, extra: str, message: str
) -> None:
    fridays(cal, extra)
    (problem,) = cal.problems()
    assert (problem.code, problem.line) == ("schema", 10)
    assert message in problem.message


@pytest.mark.timeout(20)
def test_a_huge_skip_list_is_refused_at_once(cal: CalendarDir) -> None:
    days = ", ".join(f"2026-12-{d:02d}" for d in range(1, 29)) + ", "
    cal.posts(FRIDAYS.format(extra=f"  skip: [{days * 100}2026-12-29]\n"))
    (problem,) = cal.problems()
    assert problem.code == "schema"
    assert "skip has 2801 entries; a repeat rule has at most 2000 occurrences" in problem.message


def test_a_move_into_a_nonexistent_local_time_is_an_error_at_the_move(
    cal: CalendarDir,
) -> None:
    cal.posts(
        FRIDAYS.format(extra="  moved: {2027-03-12: 2027-03-14 02:30}\n").replace(
            "2026-12-04 09:00", "2027-03-05 09:00"
        )
    )
    (problem,) = cal.problems()
    assert (problem.code, problem.line, problem.column) == ("nonexistent-time", 10, 25)
    assert "occurrence of 2027-03-12" in problem.message


# -- honoured everywhere ----------------------------------------------------------------


def test_check_counts_only_what_goes_out(write_calendar: Callable[..., CalendarDir]) -> None:
    cal = write_calendar(SETTINGS + "rules:\n  max_posts_per_day: 1\n")
    cal.posts(
        FRIDAYS.format(extra="  moved: {2026-12-11: 2026-12-10 15:00}\n")
        + "- id: jeudi\n  title: Jeudi\n  channels: [facebook]\n  status: ready\n"
        "  owner: marie\n  publish_at: 2026-12-10 09:00\n  text: Jeudi.\n"
        "- id: vendredi\n  title: Vendredi\n  channels: [facebook]\n  status: ready\n"
        "  owner: marie\n  publish_at: 2026-12-11 09:00\n  text: Vendredi.\n"
    )
    # The move puts two posts on Thursday and frees Friday.
    assert [(p.code, p.post) for p in cal.problems()] == [("too-many-per-day", "pain")]


def test_report_and_coverage_use_the_occurrences_that_go_out(cal: CalendarDir) -> None:
    from gc_cli.planning.report import report

    fridays(cal, "  skip: [2026-12-04, 2026-12-11, 2026-12-18]\n")
    result = report(
        load(cal.root, cal.root.parent), start=date(2026, 12, 1), end=date(2026, 12, 31), now=NOW_DT
    )
    assert [(i.id, i.day) for i in result.items] == [("pain", date(2026, 12, 25))]


@pytest.mark.parametrize("fmt", ["csv", "json", "markdown", "html", "ics"])
def test_every_export_honours_skips_and_moves(
    gc: Callable[..., Invoke], cal: CalendarDir, fmt: str
) -> None:
    fridays(cal, "  skip: [2026-12-18]\n  moved: {2026-12-11: 2026-12-12 10:00}\n")
    run = gc(
        "export", "--calendars", str(cal.root), "--now", NOW, "--format", fmt,
        "--from", "2026-12-01", "--to", "2026-12-31",
    )  # fmt: skip
    assert run.exit_code == 0, run.stderr
    out = run.stdout
    assert "2026-12-18" not in out and "20261218" not in out
    if fmt == "markdown":
        assert "3 publications" in out and "December 12" in out or "12 December" in out
    else:
        assert ("2026-12-12" in out) or ("20261212" in out)


@pytest.mark.parametrize("fmt", ["buffer", "sprout"])
def test_bulk_files_honour_skips_and_moves(
    gc: Callable[..., Invoke], cal: CalendarDir, fmt: str
) -> None:
    fridays(cal, "  skip: [2026-12-18]\n  moved: {2026-12-11: 2026-12-12 10:00}\n")
    run = gc(
        "export", "--calendars", str(cal.root), "--now", NOW, "--format", fmt,
        "--channel", "facebook", "--from", "2026-12-01", "--to", "2026-12-31",
    )  # fmt: skip
    assert run.exit_code == 0, run.stderr
    assert run.stdout.count("Le pain du vendredi est prêt.") == 3
    assert "18/12/2026" not in run.stdout and "2026-12-18" not in run.stdout
    assert "12/12/2026" in run.stdout or "2026-12-12 10:00" in run.stdout


def test_schedule_auto_sees_moved_occurrences(cal: CalendarDir) -> None:
    from gc_cli.planning.schedule import schedule_auto

    # The move puts Friday 12-04's occurrence on the Monday 09:00 slot of 11-30.
    fridays(cal, "  moved: {2026-12-04: 2026-11-30 09:00}\n")
    cal.write(
        "b.yaml",
        "posts:\n  - id: nouveau\n    title: N\n    channels: [facebook]\n    status: ready\n"
        "    owner: marie\n    text: Nouveau.\n",
    )
    result = schedule_auto(cal.root, now=NOW_DT, start=date(2026, 11, 30), cwd=cal.root.parent)
    (change,) = result.planned
    assert change.text == "2026-12-02 12:00"


# -- schedule ID@DATE --------------------------------------------------------------------


def test_skip_then_move_then_put_back(gc: Callable[..., Invoke], cal: CalendarDir) -> None:
    fridays(cal)
    path = cal.root / "posts.yaml"
    before = path.read_bytes()
    base = ("--calendars", str(cal.root), "--now", NOW)
    run = gc("schedule", "pain@2026-12-25", "--skip", *base)
    assert run.exit_code == 0, run.stderr
    assert run.stdout.splitlines()[0].startswith("pain@2026-12-25: skipped — ")
    assert run.stdout.splitlines()[0].endswith("posts.yaml:9")
    assert path.read_text() == before.decode().replace(
        "COUNT=4\n", "COUNT=4\n    skip: [2026-12-25]\n"
    )
    run = gc("schedule", "pain@2026-12-11", "--at", "2026-12-12 10:00", *base)
    assert run.exit_code == 0, run.stderr
    assert "moved to 2026-12-12 10:00 (was 2026-12-11" in run.stdout
    assert "    skip: [2026-12-25]\n    moved: {2026-12-11: 2026-12-12 10:00}\n" in path.read_text()
    # Skipping a moved occurrence takes its move out.
    run = gc("schedule", "pain@2026-12-11", "--skip", *base)
    assert run.exit_code == 0, run.stderr
    assert "moved:" not in path.read_text()
    assert "    skip: [2026-12-11, 2026-12-25]\n" in path.read_text()
    for day in ("2026-12-11", "2026-12-25"):
        run = gc("schedule", f"pain@{day}", "--clear", *base)
        assert run.exit_code == 0, run.stderr
    assert path.read_bytes() == before
    again = gc("schedule", "pain@2026-12-11", "--clear", *base)
    assert again.exit_code == 0
    assert "nothing to change" in again.stdout


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("pain@2026-12-12", "--skip"), 1, "2026-12-12 is not the date of an occurrence of pain"),
        (("pian@2026-12-11", "--skip"), 1, "did you mean 'pain'"),
        (("seul@2026-12-11", "--skip"), 1, "seul does not repeat"),
        (("pain@2026-12-11", "--at", "2027-03-14 02:30"), 1, "does not exist in America/Toronto"),
        (("pain@2026-12-11", "--at", "2026-12-12"), 1, "give the occurrence a date and a time"),
        (("pain@demain", "--skip"), 2, "after @ comes the date that names an occurrence"),
        (("pain@2026-12-11T09:00", "--skip"), 2, "after @ comes the date"),
        (("pain", "--skip"), 2, "--skip leaves out one occurrence"),
        (("pain@2026-12-11", "--skip", "--at", "2026-12-12 10:00"), 2, "give one of"),
        (("@2026-12-11", "--skip"), 2, "give the post's id before @"),
    ],
)
def test_refused_occurrence_changes_write_nothing(
    gc: Callable[..., Invoke],
    cal: CalendarDir,
    args: tuple[str, ...],
    code: int,
    message: str,
) -> None:
    fridays(cal)
    cal.write(
        "seul.yaml",
        "posts:\n  - id: seul\n    title: S\n    channels: [facebook]\n    status: ready\n"
        "    owner: marie\n    publish_at: 2026-12-11 09:00\n    text: Seul.\n",
    )
    before = {p: p.read_bytes() for p in cal.root.glob("*.yaml")}
    run = gc("schedule", *args, "--calendars", str(cal.root), "--now", NOW)
    assert run.exit_code == code, run.stdout + run.stderr
    assert message in run.stderr
    assert "Traceback" not in run.stderr
    assert {p: p.read_bytes() for p in cal.root.glob("*.yaml")} == before


def test_a_move_that_creates_an_error_needs_force(
    gc: Callable[..., Invoke], cal: CalendarDir
) -> None:
    fridays(cal, "  occurrences: {2026-12-11: published}\n")
    base = ("--calendars", str(cal.root), "--now", "2026-12-11T12:00")
    run = gc("schedule", "pain@2026-12-11", "--at", "2026-12-13 10:00", *base)
    assert run.exit_code == 1
    assert "published-in-future" in run.stderr
    forced = gc("schedule", "pain@2026-12-11", "--at", "2026-12-13 10:00", "--force", *base)
    assert forced.exit_code == 0, forced.stderr


def test_skip_and_status_round_trip_through_the_loader(cal: CalendarDir) -> None:
    fridays(cal, "  skip: [2026-12-25]\n  occurrences:\n    2026-12-04: published\n")
    calendar = load_calendar(cal.root, cal.root.parent)
    (entry,) = calendar.entries
    assert [o.day.day for o in entry.occurrences] == [4, 11, 18]
    assert entry.status(date(2026, 12, 4)) == "published"
    assert entry.status(date(2026, 12, 11)) == "ready"
    assert json.dumps(entry.post.model_dump(mode="json")["skip"]) == '["2026-12-25"]'
