"""Who works on a post, and when: closures (closed-day), owners away (owner-away) and
approvals (not-approved); closures in coverage and schedule --auto. Now is 2026-11-25 08:00."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from conftest import NOW_DT, SETTINGS, CalendarDir
from gc_cli.planning.schedule import schedule_auto

ROSTER = """\
interactions:
  response_target: 48h
  roster:
    - {who: marie, days: mon-sun, hours: "00:00-24:00"}
  absences:
    - {who: marie, from: 2026-12-14, to: 2026-12-16}
"""
CLOSED = """\
closed:
  - {from: 2026-12-25, label: Noël}
  - {from: 2027-01-04, to: 2027-01-06, label: Inventaire}
"""


def post(
    id: str = "a",
    when: str = "2026-12-15 10:00",
    status: str = "ready",
    owner: str = "marie",
    more: str = "",
) -> str:
    return (
        f"- id: {id}\n  title: T {id}\n  channels: [facebook]\n  status: {status}\n"
        f"  owner: {owner}\n  publish_at: {when}\n  text: Billet {id}.\n{more}"
    )


@pytest.fixture
def team(write_calendar: Callable[..., CalendarDir]) -> CalendarDir:
    return write_calendar(SETTINGS + ROSTER + CLOSED)


def codes(cal: CalendarDir) -> list[tuple[str, str | None]]:
    return [(p.code, p.post) for p in cal.problems()]


# -- closed-day ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("when", "expected"),
    [
        ("2026-12-25 10:00", [("closed-day", "a")]),
        ("2026-12-25", [("closed-day", "a")]),
        ("2027-01-04 00:00", [("closed-day", "a")]),
        ("2027-01-06 23:59", [("closed-day", "a")]),
        ("2027-01-07 00:00", []),
        ("2026-12-24 23:59", []),
    ],
)
def test_closed_day(team: CalendarDir, when: str, expected: list[tuple[str, str]]) -> None:
    team.posts(post(when=when))
    found = [c for c in codes(team) if c[0] == "closed-day"]
    assert found == expected


def test_a_post_meant_for_a_closed_day_says_so(team: CalendarDir) -> None:
    team.posts(post(when="2026-12-25 10:00", more="  on_closed_day: true\n"))
    assert [c for c in codes(team) if c[0] == "closed-day"] == []


def test_closed_day_names_the_closure_and_what_to_do(team: CalendarDir) -> None:
    team.posts(post(when="2026-12-25 10:00"))
    (problem,) = [p for p in team.problems() if p.code == "closed-day"]
    assert problem.message == (
        "goes out on 2026-12-25, a day the organisation is closed (closed: Noël): move it "
        "(gc-cli schedule a --at ...), or write on_closed_day: true if it is meant for that day"
    )
    assert (problem.line, problem.severity) == (7, "warning")


def test_closed_day_for_each_occurrence(team: CalendarDir) -> None:
    team.posts(post(when="2026-12-18 10:00", more="  repeat: FREQ=WEEKLY;COUNT=4\n"))
    found = [p for p in team.problems() if p.code == "closed-day"]
    assert [p.message.split(" goes out")[0] for p in found] == ["the occurrence of 2026-12-25"]
    assert "gc-cli schedule a@2026-12-25 --skip" in found[0].message
    team.posts(
        post(
            when="2026-12-18 10:00",
            more="  repeat: FREQ=WEEKLY;COUNT=4\n  skip: [2026-12-25]\n",
        )
    )
    assert [p for p in team.problems() if p.code == "closed-day"] == []


def test_past_published_and_cancelled_posts_are_left_out(team: CalendarDir) -> None:
    team.posts(post(when="2026-12-25 10:00", status="cancelled"))
    assert codes(team) == []
    team.posts(post(when="2026-12-25 10:00"))
    later = team.problems(now="2026-12-26T08:00")
    assert [p.code for p in later if p.code in ("closed-day", "owner-away")] == []


# -- owner-away ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("when", "status", "expected"),
    [
        ("2026-12-15 10:00", "ready", True),  # absent that day
        ("2026-12-15", "ready", True),
        ("2026-12-17 10:00", "ready", False),  # back
        ("2026-12-17 10:00", "draft", True),  # absent in the 48 h before: 12-15 and 12-16
        ("2026-12-18 10:00", "draft", True),  # 12-16 10:00 to 12-18 10:00 touches 12-16
        ("2026-12-19 10:00", "draft", False),
        ("2026-12-25 10:00", "ready", True),  # a closure: nobody works
        ("2026-12-15 10:00", "published", False),
    ],
)
def test_owner_away(team: CalendarDir, when: str, status: str, expected: bool) -> None:
    team.posts(post(when=when, status=status, more="  on_closed_day: true\n"))
    found = [p for p in team.problems() if p.code == "owner-away"]
    assert bool(found) is expected, [p.message for p in team.problems()]
    if found:
        assert found[0].severity == "warning"
        assert found[0].line == 6  # the owner: line


def test_owner_away_messages(team: CalendarDir) -> None:
    team.posts(
        post("a", when="2026-12-15 10:00")
        + post("b", when="2026-12-17 10:00", status="draft")
        + post("c", when="2026-12-25 10:00", more="  on_closed_day: true\n")
    )
    messages = {p.post: p.message for p in team.problems() if p.code == "owner-away"}
    assert messages == {
        "a": "its owner marie is away on 2026-12-15 (absent from 2026-12-14 to 2026-12-16), "
        "the day it goes out: give it to someone else (owner:), or move it "
        "(gc-cli schedule a --at ...)",
        "b": "still draft and its owner marie is away on 2026-12-15 (absent from 2026-12-14 to "
        "2026-12-16), within the 48 h before it goes out on 2026-12-17, when it must be "
        "finished: finish it sooner, or give it to someone else (owner:)",
        "c": "its owner marie is away on 2026-12-25 (closed: Noël), the day it goes out: give "
        "it to someone else (owner:), or move it (gc-cli schedule c --at ...)",
    }


def test_owner_away_once_per_recurring_post(team: CalendarDir) -> None:
    team.posts(post(when="2026-12-14 10:00", more="  repeat: FREQ=DAILY;COUNT=3\n"))
    (problem,) = [p for p in team.problems() if p.code == "owner-away"]
    assert problem.message.endswith("(and 2 more occurrences)")


def test_owner_away_without_a_roster(write_calendar: Callable[..., CalendarDir]) -> None:
    cal = write_calendar(SETTINGS + CLOSED)
    cal.posts(post(when="2026-12-25 10:00", more="  on_closed_day: true\n"))
    assert codes(cal) == [("owner-away", "a")]


# -- not-approved ----------------------------------------------------------------------

APPROVAL = [
    pytest.param("external", "agence", "ready", None, "error", id="external-missing"),
    pytest.param("external", "agence", "published", None, "error", id="external-published"),
    pytest.param("external", "agence", "draft", None, None, id="draft-not-yet"),
    pytest.param("external", "agence", "cancelled", None, None, id="cancelled"),
    pytest.param("external", "agence", "ready", "marie", None, id="approved"),
    pytest.param("external", "marie", "ready", None, None, id="in-house-needs-none"),
    pytest.param("all", "marie", "ready", None, "error", id="all-needs-one"),
    pytest.param("all", "marie", "ready", "marie", "error", id="all-not-by-the-owner"),
    pytest.param("all", "marie", "ready", "paul", None, id="all-by-another"),
    pytest.param("none", "agence", "ready", None, None, id="none"),
    pytest.param("external", "agence", "ready", "agence", "error", id="approved-by-external"),
    pytest.param("external", "agence", "ready", "lea", "error", id="approved-without-content"),
    pytest.param("external", "agence", "ready", "mari", "error", id="approved-by-unknown"),
    pytest.param("external", "agence", "draft", "mari", "warning", id="draft-approver-unknown"),
]


@pytest.mark.parametrize(("policy", "owner", "status", "approver", "expected"), APPROVAL)
def test_not_approved(
    write_calendar: Callable[..., CalendarDir],
    policy: str,
    owner: str,
    status: str,
    approver: str | None,
    expected: str | None,
) -> None:
    settings = SETTINGS.replace(
        "team:\n",
        "team:\n  paul: {name: Paul Roy}\n  lea: {name: Léa Roy, roles: [interactions]}\n",
    )
    cal = write_calendar(settings + f"rules:\n  approval: {policy}\n")
    more = f"  approved_by: {approver}\n" if approver else ""
    cal.posts(post(owner=owner, status=status, when="2026-12-15 10:00", more=more))
    found = [p for p in cal.problems() if p.code == "not-approved"]
    assert [p.severity for p in found] == ([expected] if expected else [])


def test_not_approved_says_who_approves(write_calendar: Callable[..., CalendarDir]) -> None:
    cal = write_calendar()
    cal.posts(post(owner="agence"))
    (problem,) = cal.problems()
    assert problem.message == (
        "ready but not approved: agence (Agence Bleu) is external, so an in-house member "
        "approves it first, one of marie (gc-cli approve a --by ...)"
    )
    assert (problem.line, problem.column) == (6, 12)  # its owner's value


def test_the_owner_from_defaults_puts_the_problem_on_the_post(
    write_calendar: Callable[..., CalendarDir],
) -> None:
    cal = write_calendar()
    cal.write(
        "posts.yaml",
        "defaults:\n  owner: agence\nposts:\n"
        "  - id: a\n    title: A\n    channels: [facebook]\n    status: ready\n"
        "    publish_at: 2026-12-15 10:00\n    text: A.\n",
    )
    (problem,) = cal.problems()
    assert (problem.code, problem.line) == ("not-approved", 7)  # its status: line


# -- closures elsewhere ----------------------------------------------------------------


def test_schedule_auto_fills_no_slot_on_a_closed_day(
    write_calendar: Callable[..., CalendarDir],
) -> None:
    # Slots: mon 09:00, wed 12:00, fri 15:00. Closed Monday 11-30 and Wednesday 12-02.
    cal = write_calendar(
        SETTINGS + "closed:\n  - {from: 2026-11-30, label: Inventaire}\n  - {from: 2026-12-02}\n"
    )
    cal.posts(
        "".join(
            f"- id: p{n}\n  title: P\n  channels: [facebook]\n  status: ready\n"
            f"  owner: marie\n  text: Billet {n}.\n"
            for n in range(3)
        )
        + "- id: fixe\n  title: F\n  channels: [linkedin]\n  status: ready\n"
        "  owner: marie\n  publish_at: 2026-11-30\n  text: Fixe.\n"
    )
    result = schedule_auto(
        cal.root, now=NOW_DT, start=date(2026, 11, 28), dry_run=True, cwd=cal.root.parent
    )
    placed = {c.post_id: (c.text, c.reason) for c in result.changes}
    assert placed == {
        "fixe": (
            None,
            "its day (2026-11-30) is a day the organisation is closed (Inventaire); write "
            "on_closed_day: true if it is meant for that day",
        ),
        "p0": ("2026-12-04 15:00", None),
        "p1": ("2026-12-07 09:00", None),
        "p2": ("2026-12-09 12:00", None),
    }


def test_coverage_shows_closures(team: CalendarDir) -> None:
    from gc_cli.query.coverage import coverage
    from gc_cli.query.select import load

    result = coverage(
        load(team.root, team.root.parent),
        start=date(2026, 12, 24),
        end=date(2026, 12, 26),
        now=NOW_DT,
    )
    assert [(row.day.day, row.closure.label if row.closure else None) for row in result.heat] == [
        (24, None),
        (25, "Noël"),
        (26, None),
    ]
    christmas = result.heat[1]
    assert all(not cell.who for cell in christmas.cells)
    doc = result.to_dict()
    assert doc["closures"] == [{"from": "2026-12-25", "to": "2026-12-25", "label": "Noël"}]
    assert [row["closed"] for row in doc["heatmap"]] == [False, True, False]
