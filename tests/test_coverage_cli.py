"""``gc-cli coverage`` on the command line: exit codes, formats, the sample calendar.

The library and its renderers are tested in test_coverage*.py.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from conftest import NOW, SETTINGS, CalendarDir, Invoke

SAMPLE = Path(__file__).resolve().parents[1] / "calendars"

ROSTER = SETTINGS + (
    "interactions:\n  response_target: 16h\n  roster:\n"
    '    - {who: marie, days: mon-sun, hours: "08:30-17:00"}\n'
)


def test_the_sample_meets_its_target_over_the_next_14_days(gc: Callable[..., Invoke]) -> None:
    out = gc("coverage", "--calendars", str(SAMPLE), "--now", NOW)
    assert (out.exit_code, out.stderr) == (0, "")
    assert out.stdout.splitlines()[:3] == [
        "Coverage 2026-11-25 08:00 to 2026-12-09 08:00 (14 days, America/Toronto)",
        "Response target: 12 h. Somebody is on duty 163 h of 336 h (49% of the time).",
        "Longest wait 12 h (from Fri 11-27 21:00): every wait is within the 12 h target.",
    ]


def test_the_sample_holidays_exceed_the_target(gc: Callable[..., Invoke]) -> None:
    out = gc(
        "coverage", "--from", "2026-12-21", "--to", "2027-01-03",
        "--calendars", str(SAMPLE), "--now", NOW,
    )  # fmt: skip
    assert out.exit_code == 1
    assert "2 gaps over the 12 h target; longest wait 64 h (from Thu 12-24 17:00)." in out.stdout


def test_json_alone_on_stdout(gc: Callable[..., Invoke]) -> None:
    out = gc("coverage", "--format", "json", "--calendars", str(SAMPLE), "--now", NOW)
    assert (out.exit_code, out.stderr) == (0, "")
    doc = out.json()
    assert (doc["ok"], doc["response_target_minutes"], doc["longest_wait_minutes"]) == (
        True,
        720,
        720,
    )


def test_a_wait_over_the_target_exits_1(
    gc: Callable[..., Invoke], write_calendar: Callable[..., CalendarDir]
) -> None:
    cal = write_calendar(ROSTER.replace("16h", "15h"))
    out = gc("coverage", "--format", "json", "--calendars", str(cal.root), "--now", NOW)
    assert out.exit_code == 1
    assert json.loads(out.stdout)["ok"] is False
    fine = write_calendar(ROSTER, name="fine")
    assert gc("coverage", "--calendars", str(fine.root), "--now", NOW).exit_code == 0


def test_an_unusable_roster_entry_exits_1(
    gc: Callable[..., Invoke], write_calendar: Callable[..., CalendarDir]
) -> None:
    cal = write_calendar(ROSTER + '    - {who: paul, days: sun, hours: "18:00-20:00"}\n')
    out = gc("coverage", "--calendars", str(cal.root), "--now", NOW)
    assert out.exit_code == 1
    assert "paul   sun      18:00-20:00  every week — left out: not in the team" in out.stdout


def test_without_a_roster_exits_0(gc: Callable[..., Invoke], cal: CalendarDir) -> None:
    out = gc("coverage", "--calendars", str(cal.root), "--now", NOW)
    assert out.exit_code == 0
    assert "No roster: settings.yaml has no interactions: block" in out.stdout


def test_a_bad_window_is_a_usage_error(gc: Callable[..., Invoke], cal: CalendarDir) -> None:
    out = gc("coverage", "--from", "demain", "--calendars", str(cal.root), "--now", NOW)
    assert (out.exit_code, out.stdout) == (2, "")
    assert out.stderr.startswith("gc-cli: --from: 'demain'")


def test_broken_settings_exit_1(
    gc: Callable[..., Invoke], write_calendar: Callable[..., CalendarDir]
) -> None:
    cal = write_calendar(ROSTER.replace("16h", "16 hours"))
    out = gc("coverage", "--calendars", str(cal.root), "--now", NOW)
    assert out.exit_code == 1
    assert "interactions.response_target: '16 hours' is not a duration" in out.stderr


def test_help_ends_with_an_example(gc: Callable[..., Invoke]) -> None:
    out = gc("coverage", "--help")
    assert out.exit_code == 0
    assert "Example: gc-cli coverage" in out.stdout
