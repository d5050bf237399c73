"""The renderers of ``gc-cli coverage``: plain text for pipes, the terminal layout
(with and without colour), and JSON for scripts."""

from __future__ import annotations

import io
import json
import re
import textwrap
from collections.abc import Callable

import pytest
from rich.cells import cell_len

from conftest import NOW_DT, SETTINGS, CalendarDir, parsed
from gc_cli.query import select as selection
from gc_cli.query.coverage import Coverage, coverage
from gc_cli.render.common import Output, person_letters
from gc_cli.render.coverage import coverage_blocks
from gc_cli.render.coverage import render as render_coverage

ANSI = re.compile(r"\x1b\[[0-9;]*m")

SMALL = SETTINGS.replace(
    "roles: [content], external", "roles: [content, interactions], external"
) + textwrap.dedent("""\
    interactions:
      response_target: 4h
      roster:
        - {who: marie, days: mon-fri, hours: "08:30-17:00"}
        - {who: agence, days: sat, hours: "10:00-18:00"}
        - {who: paul, days: sun, hours: "10:00-18:00"}
      absences:
        - {who: agence, from: 2026-12-05}
    """)

SMALL_PLAIN = """\
Coverage 2026-11-27 00:00 to 2026-11-30 00:00 (3 days, America/Toronto)
Response target: 4 h. Somebody is on duty 16 h 30 of 72 h (23% of the time).
3 gaps over the 4 h target; longest wait 38 h 30 min (from Sat 11-28 18:00). 1
roster entry left out (gc-cli check shows where).

Roster
------
Who      Days     Hours        When
marie    mon-fri  08:30-17:00  every week
agence*  sat      10:00-18:00  every week
paul     sun      10:00-18:00  every week — left out: not in the team
On duty in the window: marie 8 h 30, agence* 8 h.
* external

Nobody on duty: 3 gaps
----------------------
From             To               Longest wait
Fri 11-27 00:00  08:30              8 h 30 min  over 4 h
Fri 11-27 17:00  Sat 11-28 10:00          17 h  over 4 h
Sat 11-28 18:00  Mon 11-30 08:30   38 h 30 min  over 4 h
A message sent at the start of a gap waits until somebody comes on duty (real
elapsed time, daylight-saving changes included).

Posts going out unattended (first comments in the 2 h after would wait too long)
--------------------------------------------------------------------------------
Date       Time   Post      Nobody from  Wait
Fri 11-27  16:30  vendredi  17:00        17 h

Who is on duty, hour by hour (America/Toronto)
           00    03    06    09    12    15    18    21
Fri 11-27  × × × × × · · · m M M M M M M M M × × × × × × ×
Sat 11-28  × × × × × × · · · · A A A A A A A A × × × × × ×
Sun 11-29  × × × × × × × × × × × × × × × × × × × × × × × ×
M marie · A agence*
lowercase: part of the hour · + several · · nobody · × nobody, a wait over 4 h
"""


@pytest.fixture
def small(write_calendar: Callable[..., CalendarDir]) -> Coverage:
    cal = write_calendar(SMALL)
    cal.posts("- {id: vendredi, title: V, publish_at: 2026-11-27 16:30}\n")
    calendar = selection.load(cal.root, cwd=cal.root.parent)
    return coverage(calendar, start=parsed("2026-11-27"), end=parsed("2026-11-29"), now=NOW_DT)


def render(
    result: Coverage,
    fmt: str = "table",
    *,
    terminal: bool = False,
    color: bool = False,
    width: int | None = None,
) -> str:
    stream = io.StringIO()
    render_coverage(result, Output(stream, terminal=terminal, color=color, width=width, format=fmt))
    return stream.getvalue()


def test_plain_text_for_pipes(small: Coverage) -> None:
    assert render(small) == SMALL_PLAIN


def test_terminal_layout_fits_80_columns(small: Coverage) -> None:
    text = render(small, terminal=True, width=80)
    lines = text.splitlines()
    assert max(cell_len(line) for line in lines) <= 80
    # The same heat map as in a pipe, and rich tables for the rest.
    assert "Fri 11-27  × × × × × · · · m M M M M M M M M × × × × × × ×" in lines
    assert "Fri 11-27 17:00  Sat 11-28 10:00          17 h  over 4 h" in lines
    assert not ANSI.search(text)


def test_terminal_colours_the_heat_map(small: Coverage) -> None:
    text = render(small, terminal=True, color=True, width=80)
    row = next(line for line in text.splitlines() if line.startswith("\x1b[1mFri 11-27"))
    # Green for an hour covered, yellow for part of one, red for a wait over the target.
    assert "\x1b[30;42mM\x1b[0m" in row
    assert "\x1b[30;43mm\x1b[0m" in row
    assert "\x1b[1;37;41m×\x1b[0m" in row
    assert ANSI.sub("", row) == "Fri 11-27  × × × × × · · · m M M M M M M M M × × × × × × ×"


def test_json_for_scripts(small: Coverage) -> None:
    text = render(small, "json")
    doc = json.loads(text)
    assert doc == small.to_dict()
    assert list(doc) == [
        "from",
        "to",
        "now",
        "timezone",
        "roster",
        "ok",
        "response_target_minutes",
        "window_hours",
        "covered_hours",
        "covered_share",
        "longest_wait_minutes",
        "people",
        "spans",
        "gaps",
        "closures",
        "unattended_posts",
        "left_out",
        "heatmap",
    ]
    assert (doc["ok"], doc["response_target_minutes"], doc["longest_wait_minutes"]) == (
        False,
        240,
        2310,
    )
    assert doc["gaps"][1] == {
        "start": "2026-11-27T17:00-05:00",
        "end": "2026-11-28T10:00-05:00",
        "wait_minutes": 1020,
        "over_target": True,
    }
    assert doc["unattended_posts"] == [
        {
            "id": "vendredi",
            "occurrence": None,
            "publish_at": "2026-11-27T16:30-05:00",
            "gap_start": "2026-11-27T17:00-05:00",
            "wait_minutes": 1020,
        }
    ]
    assert [(x["who"], x["code"]) for x in doc["left_out"]] == [("paul", "unknown-member")]
    friday = doc["heatmap"][0]
    assert friday["date"] == "2026-11-27"
    assert friday["covered_minutes"][8:10] == [30, 60]
    assert friday["on_duty"][8] == ["marie"]
    # One line per list item, for grep and diff.
    lists = [value for value in doc.values() if isinstance(value, list) and value]
    assert text.count("\n") == 2 + len(doc) + sum(len(items) + 1 for items in lists)


def test_without_a_roster(cal: CalendarDir) -> None:
    result = coverage(selection.load(cal.root, cwd=cal.root.parent), now=NOW_DT)
    assert render(result) == (
        "Coverage 2026-11-25 08:00 to 2026-12-09 08:00 (14 days, America/Toronto)\n"
        "No roster: settings.yaml has no interactions: block, so nobody is known to\n"
        "answer messages, comments and reviews. Add one (response_target, roster,\n"
        "absences) to see who is on duty and when nobody is.\n"
    )
    assert json.loads(render(result, "json"))["roster"] is False


def test_a_fully_covered_window(write_calendar: Callable[..., CalendarDir]) -> None:
    cal = write_calendar(
        SETTINGS
        + "interactions:\n  response_target: 1h\n  roster:\n"
        + '    - {who: marie, days: mon-sun, hours: "00:00-24:00"}\n'
    )
    result = coverage(selection.load(cal.root, cwd=cal.root.parent), now=NOW_DT)
    blocks = coverage_blocks(result)
    assert (
        blocks[0].notes[1] == "Nobody ever waits: every message is answered within the 1 h target."
    )
    gaps = next(b for b in blocks if b.title.startswith("Nobody on duty"))
    assert (gaps.title, gaps.notes) == (
        "Nobody on duty: 0 gaps",
        ["None: somebody is on duty all the time."],
    )


def test_the_spring_hour_that_never_happens_is_blank(
    write_calendar: Callable[..., CalendarDir],
) -> None:
    cal = write_calendar(
        SETTINGS
        + "interactions:\n  response_target: 12h\n  roster:\n"
        + '    - {who: marie, days: mon-sun, hours: "00:00-24:00"}\n'
    )
    result = coverage(
        selection.load(cal.root, cwd=cal.root.parent),
        start=parsed("2027-03-14"),
        end=parsed("2027-03-14"),
        now=NOW_DT,
    )
    row = next(line for line in render(result).splitlines() if line.startswith("Sun 03-14"))
    assert row == "Sun 03-14  M M   M M M M M M M M M M M M M M M M M M M M M"


def test_people_get_distinct_letters() -> None:
    assert person_letters(["sophie", "sam", "agence", "a"]) == {
        "sophie": "S",
        "sam": "A",
        "agence": "G",
        "a": "B",
    }
