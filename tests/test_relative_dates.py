"""Relative dates on the command line (``today``, ``+2w``, ``lundi``...), resolved in the
root's zone against ``--now``; through the CLI on real files."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from conftest import NOW, SETTINGS, CalendarDir, Invoke

#: One post a day at 09:00 from Monday 2026-11-23 to Sunday 2026-12-20 (now is Wednesday
#: 2026-11-25 08:00 in Toronto).
DAILY = "".join(
    f"- id: jour-{day:02d}\n  kind: other\n  title: Jour {day}\n  status: draft\n"
    f"  owner: marie\n  channels: [facebook]\n  publish_at: {when} 09:00\n"
    f"  text: Bonjour {day}\n"
    for day, when in enumerate(
        [f"2026-11-{d}" for d in range(23, 31)] + [f"2026-12-{d:02d}" for d in range(1, 21)],
        start=1,
    )
)


@pytest.fixture
def daily(cal: CalendarDir) -> CalendarDir:
    cal.posts(DAILY)
    return cal


def days(gc: Callable[..., Invoke], cal: CalendarDir, *args: str, now: str = NOW) -> list[str]:
    out = gc("list", "--now", now, "--format", "json", *args, cwd=cal.root.parent)
    assert out.exit_code == 0, out.stderr
    return [post["publish_at"][:10] for post in out.json()]


@pytest.mark.parametrize(
    ("start", "end", "same_start", "same_end"),
    [
        ("today", "+2w", "2026-11-25", "2026-12-09"),
        ("tomorrow", "tomorrow", "2026-11-26", "2026-11-26"),
        ("yesterday", "today", "2026-11-24", "2026-11-25"),
        ("friday", "monday", "2026-11-27", "2026-11-30"),  # each the next one
        ("wednesday", "+1w", "2026-12-02", "2026-12-02"),  # today is a Wednesday: not today
        ("-1w", "-2d", "2026-11-18", "2026-11-23"),
        ("-2w", "+1m", "2026-11-11", "2026-12-25"),
        ("aujourd'hui", "demain", "2026-11-25", "2026-11-26"),
        ("Aujourd’hui", "DEMAIN", "2026-11-25", "2026-11-26"),
        ("lundi", "mardi", "2026-11-30", "2026-12-01"),
        ("+1s", "+8j", "2026-12-02", "2026-12-03"),
        ("tomorrow 10:00", "lundi 9h", "2026-11-26 10:00", "2026-11-30 09:00"),
        ("now", "+3h", "2026-11-25 08:00", "2026-11-25 11:00"),
    ],
)
def test_relative_window(
    daily: CalendarDir,
    gc: Callable[..., Invoke],
    start: str,
    end: str,
    same_start: str,
    same_end: str,
) -> None:
    listed = days(gc, daily, "--from", start, "--to", end)
    assert listed
    assert listed == days(gc, daily, "--from", same_start, "--to", same_end)


def test_today_is_a_day_of_the_roots_zone(
    write_calendar: Callable[..., CalendarDir], gc: Callable[..., Invoke]
) -> None:
    cal = write_calendar(SETTINGS.replace("America/Toronto", "Asia/Tokyo"))
    cal.posts(DAILY)
    # 20:00 in Toronto on the 25th is 10:00 on the 26th in Tokyo.
    late = "2026-11-25T20:00:00-05:00"
    assert days(gc, cal, "--from", "today", "--to", "today", now=late) == ["2026-11-26"]


@pytest.mark.parametrize(
    ("value", "says"),
    [
        ("someday", "'someday' is not a date: write 2026-12-01, 2026-12-01 09:00, or a day"),
        ("+3q", "'+3q' is not a date"),
        ("tomorrow 25:00", "'tomorrow 25:00': the time must be 00:00 to 23:59"),
        ("+99999999d", "'+99999999d' is too far from today"),
    ],
)
def test_a_bad_relative_date_is_a_usage_error(
    daily: CalendarDir, gc: Callable[..., Invoke], value: str, says: str
) -> None:
    out = gc("list", "--now", NOW, "--from", value, cwd=daily.root.parent)
    assert out.exit_code == 2
    assert out.stdout == ""
    assert "--from" in out.stderr
    assert says in out.stderr
    assert "Traceback" not in out.stderr


def test_now_itself_must_be_absolute(daily: CalendarDir, gc: Callable[..., Invoke]) -> None:
    out = gc("list", "--now", "tomorrow", cwd=daily.root.parent)
    assert out.exit_code == 2
    assert "'tomorrow' is relative, and --now is what relative dates are read from" in out.stderr


def test_schedule_at_a_relative_time(daily: CalendarDir, gc: Callable[..., Invoke]) -> None:
    out = gc("schedule", "jour-01", "--at", "tomorrow 10:00", "--now", NOW, cwd=daily.root.parent)
    assert out.exit_code == 0, out.stderr
    assert "publish_at: 2026-11-26 10:00\n" in (daily.root / "posts.yaml").read_text()


@pytest.mark.usefixtures("french")
def test_relative_dates_in_french_say_so_in_french(
    daily: CalendarDir, gc: Callable[..., Invoke]
) -> None:
    assert days(gc, daily, "--from", "demain", "--to", "demain") == ["2026-11-26"]
    out = gc("list", "--now", NOW, "--from", "bientôt", cwd=daily.root.parent)
    assert out.exit_code == 2
    assert "'bientôt' n'est pas une date" in out.stderr
