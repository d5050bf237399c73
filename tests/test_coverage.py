"""Who answers the community, when: the roster's texts, its spans in real time, the
gaps and their waits, and the figures of ``report``.

Now is Wednesday 2026-11-25 08:00 in America/Toronto unless a test says
otherwise. Daylight-saving changes in Toronto: clocks go back on 2026-11-01
(02:00 → 01:00) and forward on 2027-03-14 (02:00 → 03:00).
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from pydantic import ValidationError

from conftest import NOW_DT, SETTINGS, CalendarDir, parsed
from gc_cli.errors import BadArgument
from gc_cli.planning import report as reporting
from gc_cli.query import select as selection
from gc_cli.query.coverage import (
    Gap,
    Roster,
    comment_wait,
    coverage,
    duty_hours,
    wall_instant,
)
from gc_cli.store.calendar import Calendar
from gc_cli.store.model import (
    DutyHours,
    Interactions,
    days_text,
    format_duration,
    parse_days,
    parse_duration,
    parse_hours,
)

TORONTO = ZoneInfo("America/Toronto")
SAMPLE = Path(__file__).resolve().parents[1] / "calendars"


def at(text: str) -> datetime:
    """A local Toronto wall time as a UTC instant (the first one in a fold)."""
    naive = datetime.fromisoformat(text)
    return naive.replace(tzinfo=TORONTO).astimezone(UTC)


def h(hours: float) -> timedelta:
    return timedelta(hours=hours)


#: The ``write_calendar`` fixture: a root with the given settings.
Factory = Callable[..., CalendarDir]
#: The standard settings, where the agency also answers the community.
AGENCE_ANSWERS = SETTINGS.replace(
    "roles: [content], external", "roles: [content, interactions], external"
)


def with_roster(block: str) -> str:
    """The standard settings with an ``interactions:`` block (dedented YAML)."""
    return SETTINGS + "interactions:\n" + textwrap.indent(textwrap.dedent(block), "  ")


def roster_of(cal: CalendarDir) -> Roster:
    calendar = selection.load(cal.root, cwd=cal.root.parent)
    roster = Roster.of(calendar.settings, calendar.zone)
    assert roster is not None
    return roster


def load(cal: CalendarDir) -> Calendar:
    return selection.load(cal.root, cwd=cal.root.parent)


WEEKDAYS_ONLY = """\
response_target: 4h
roster:
  - {who: marie, days: mon-fri, hours: "08:30-17:00"}
"""


# -- the texts of the roster --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("4h", 240),
        ("90m", 90),
        ("90min", 90),
        ("1h30", 90),
        ("1h30m", 90),
        ("1h05", 65),
        (" 12h ", 720),
        ("0h45", 45),
    ],
)
def test_durations(text: str, minutes: int) -> None:
    assert parse_duration(text) == timedelta(minutes=minutes)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("4", "is not a duration"),
        ("4 h", "is not a duration"),
        ("1h5", "two digits (1h05)"),
        ("1h75", "minutes after the hours must be 00 to 59"),
        ("0h", "longer than no time"),
        ("0m", "longer than no time"),
        ("2d", "is not a duration"),
        ("-4h", "is not a duration"),
        ("4H", "is not a duration"),
        ("PT4H", "is not a duration"),
    ],
)
def test_bad_durations(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_duration(text)


def test_durations_read_as_people_write_them() -> None:
    assert [format_duration(timedelta(minutes=m)) for m in (45, 60, 90, 3810)] == [
        "45 min",
        "1 h",
        "1 h 30 min",
        "63 h 30 min",
    ]


@pytest.mark.parametrize(
    ("value", "days"),
    [
        ("mon-fri", {0, 1, 2, 3, 4}),
        ("mon", {0}),
        ("Monday", {0}),
        ("sat-sun", {5, 6}),
        ("fri-mon", {4, 5, 6, 0}),  # a range wraps over the weekend
        ("sun-sat", {0, 1, 2, 3, 4, 5, 6}),
        (["sat", "sun"], {5, 6}),
        (["mon-wed", "fri"], {0, 1, 2, 4}),
        ("mon - fri", {0, 1, 2, 3, 4}),
    ],
)
def test_day_ranges_and_lists(value: str | list[str], days: set[int]) -> None:
    assert parse_days(value) == frozenset(days)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("mon-fir", "'mon-fir' is not a day or a range of days"),
        ("mon,wed", "is not a day or a range of days"),
        ("mon-mon", "for one day write mon"),
        (["mon-fri", "wed"], "wed is given twice"),
        ([], "write mon-fri, mon, or a list"),
        (5, "write mon-fri, mon, or a list"),
        ([1], "1 is not a day"),
        ("", "is not a day or a range of days"),
    ],
)
def test_bad_days(value: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_days(value)


@pytest.mark.parametrize(
    ("days", "text"),
    [
        ({0, 1, 2, 3, 4}, "mon-fri"),
        ({5, 6}, "sat-sun"),
        ({4, 5, 6, 0}, "fri-mon"),
        ({0, 2, 4}, "mon, wed, fri"),
        (set(range(7)), "mon-sun"),
        ({6}, "sun"),
    ],
)
def test_days_read_back_as_written(days: set[int], text: str) -> None:
    assert days_text(frozenset(days)) == text
    assert parse_days(text.split(", ") if ", " in text else text) == frozenset(days)


@pytest.mark.parametrize(
    ("text", "start", "end", "crosses"),
    [
        ("08:30-17:00", 510, 1020, False),
        ("20:00-02:00", 1200, 1560, True),  # the next day's 02:00
        ("00:00-24:00", 0, 1440, False),
        ("22:00-24:00", 1320, 1440, False),
        ("23:00-00:00", 1380, 1440, False),
        ("8:30-9:15", 510, 555, False),
        ("08:30 - 17:00", 510, 1020, False),
    ],
)
def test_hours(text: str, start: int, end: int, crosses: bool) -> None:
    hours = parse_hours(text)
    assert hours == DutyHours(start, end)
    assert hours.crosses_midnight is crosses


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("08:30", "is not a span of hours"),
        ("8h30-17h", "is not a span of hours"),
        ("08:30-17:00-18:00", "is not a span of hours"),
        ("25:00-26:00", "times are 00:00 to 23:59"),
        ("08:60-09:00", "times are 00:00 to 23:59"),
        ("24:00-02:00", "times are 00:00 to 23:59"),
        ("22:00-24:30", "times are 00:00 to 23:59"),
        ("08:00-08:00", "starts and ends at the same time"),
    ],
)
def test_bad_hours(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_hours(text)


def test_hours_read_back_as_written() -> None:
    for text in ("08:30-17:00", "20:00-02:00", "00:00-24:00", "23:00-00:00"):
        expected = "23:00-24:00" if text == "23:00-00:00" else text
        assert parse_hours(text).text == expected


def test_absences_and_entry_dates_are_days_in_order() -> None:
    model = Interactions.model_validate(
        {
            "response_target": "4h",
            "roster": [{"who": "a", "days": "sat", "hours": "10:00-18:00", "from": "2026-12-01"}],
            "absences": [{"who": "a", "from": "2026-12-24"}],
        }
    )
    assert model.roster[0].from_ == date(2026, 12, 1)
    assert model.absences[0].last == date(2026, 12, 24)  # no "to": one day
    with pytest.raises(ValidationError) as caught:
        Interactions.model_validate(
            {
                "response_target": "4h",
                "roster": [],
                "absences": [{"who": "a", "from": "2026-12-24", "to": "2026-12-01"}],
            }
        )
    (error,) = caught.value.errors()
    assert error["loc"] == ("absences", 0, "to")
    with pytest.raises(ValidationError, match="is not a day: write it as 2026-12-24"):
        Interactions.model_validate(
            {"response_target": "4h", "roster": [], "absences": [{"who": "a", "from": "24/12"}]}
        )


# -- spans in real time ----------------------------------------------------------------


def test_a_day_range_gives_one_span_a_day_on_those_days(write_calendar: Factory) -> None:
    roster = roster_of(write_calendar(with_roster(WEEKDAYS_ONLY)))
    spans = roster.spans(at("2026-11-23 00:00"), at("2026-11-30 00:00"))  # Monday to Sunday
    assert [(s.who, s.day, s.start, s.end) for s in spans] == [
        ("marie", date(2026, 11, d), at(f"2026-11-{d} 08:30"), at(f"2026-11-{d} 17:00"))
        for d in range(23, 28)
    ]
    assert {s.length for s in spans} == {h(8.5)}


def test_a_span_crossing_midnight_belongs_to_the_day_it_starts(write_calendar: Factory) -> None:
    roster = roster_of(
        write_calendar(
            with_roster("""\
                response_target: 4h
                roster:
                  - {who: marie, days: fri, hours: "20:00-02:00"}
                """)
        )
    )
    (span,) = roster.spans(at("2026-11-27 00:00"), at("2026-11-29 00:00"))
    assert (span.day, span.start, span.end) == (
        date(2026, 11, 27),
        at("2026-11-27 20:00"),
        at("2026-11-28 02:00"),
    )
    # Asked about Saturday only, the Friday span still reaches in.
    assert roster.spans(at("2026-11-28 00:00"), at("2026-11-28 12:00")) == [span]
    # And on Saturday night, nothing: days: fri means the span that starts Friday.
    assert roster.spans(at("2026-11-28 12:00"), at("2026-11-29 12:00")) == []


def test_absences_remove_the_spans_that_start_on_those_days(write_calendar: Factory) -> None:
    roster = roster_of(
        write_calendar(
            with_roster("""\
                response_target: 4h
                roster:
                  - {who: marie, days: mon-fri, hours: "20:00-02:00"}
                absences:
                  - {who: marie, from: 2026-12-01, to: 2026-12-02}
                  - {who: marie, from: 2026-12-04}
                """)
        )
    )
    spans = roster.spans(at("2026-11-30 00:00"), at("2026-12-06 00:00"))
    # Tuesday and Wednesday off, Friday off; Monday's night runs into Tuesday,
    # the first day away, because it started on Monday.
    assert [s.day.day for s in spans] == [30, 3]
    assert spans[0].end == at("2026-12-01 02:00")
    assert roster.away("marie", date(2026, 12, 4))
    assert not roster.away("marie", date(2026, 12, 5))


def test_entry_dates_limit_an_entry_to_some_weeks(write_calendar: Factory) -> None:
    roster = roster_of(
        write_calendar(
            AGENCE_ANSWERS
            + textwrap.dedent("""\
                interactions:
                  response_target: 4h
                  roster:
                    - who: agence
                      days: mon-sun
                      hours: "09:00-17:00"
                      from: 2026-12-24
                      to: 2026-12-26
                    - {who: marie, days: mon-sun, hours: "09:00-17:00", to: 2026-12-23}
                """)
        )
    )
    spans = roster.spans(at("2026-12-22 00:00"), at("2026-12-28 00:00"))
    assert [(s.who, s.day.day) for s in spans] == [
        ("marie", 22),
        ("marie", 23),
        ("agence", 24),
        ("agence", 25),
        ("agence", 26),
    ]


def test_overlapping_entries_of_one_person_count_once(write_calendar: Factory) -> None:
    cal = write_calendar(
        with_roster("""\
            response_target: 4h
            roster:
              - {who: marie, days: mon, hours: "08:00-12:00"}
              - {who: marie, days: mon, hours: "10:00-14:00"}
            """)
    )
    found = duty_hours(load(cal), date(2026, 11, 30), date(2026, 11, 30))
    assert found is not None
    hours, share = found
    assert hours == {"marie": h(6)}
    assert share == 0.25


# -- daylight-saving changes: real elapsed time -------------------------------------------


def test_wall_times_across_the_changes() -> None:
    # Autumn: 01:30 happens twice; the first (daylight, -04:00) is taken.
    assert wall_instant(date(2026, 11, 1), 90, TORONTO) == datetime(2026, 11, 1, 5, 30, tzinfo=UTC)
    # Spring: 02:30 never happens; the clock jumps over it at 07:00 UTC (03:00 EDT).
    jump = datetime(2027, 3, 14, 7, 0, tzinfo=UTC)
    assert wall_instant(date(2027, 3, 14), 150, TORONTO) == jump
    assert wall_instant(date(2027, 3, 14), 120, TORONTO) == jump
    assert wall_instant(date(2027, 3, 14), 180, TORONTO) == jump
    # Minutes past midnight carry into the next day's wall clock.
    assert wall_instant(date(2026, 10, 31), 24 * 60 + 90, TORONTO) == datetime(
        2026, 11, 1, 5, 30, tzinfo=UTC
    )


DST_ROSTER = """\
response_target: 12h30m
roster:
  - {who: marie, days: mon-sun, hours: "09:00-21:00"}
"""


def test_a_night_of_the_autumn_change_lasts_an_hour_more(write_calendar: Factory) -> None:
    roster = roster_of(write_calendar(with_roster(DST_ROSTER)))
    line = roster.timeline(at("2026-10-30 12:00"), at("2026-11-02 12:00"))
    assert [(g.start, g.wait) for g in line.gaps()] == [
        (at("2026-10-30 21:00"), h(12)),
        (at("2026-10-31 21:00"), h(13)),  # 21:00 to 09:00 of wall clock, 13 real hours
        (at("2026-11-01 21:00"), h(12)),
    ]
    over = [g for g in line.gaps() if g.exceeds(roster.target)]
    assert [g.start for g in over] == [at("2026-10-31 21:00")]


def test_a_night_of_the_spring_change_lasts_an_hour_less(write_calendar: Factory) -> None:
    roster = roster_of(write_calendar(with_roster(DST_ROSTER)))
    line = roster.timeline(at("2027-03-13 12:00"), at("2027-03-14 12:00"))
    (gap,) = line.gaps()
    assert gap.wait == h(11)


@pytest.mark.parametrize(
    ("day", "hours", "length"),
    [
        ("2026-11-01", "00:00-24:00", h(25)),  # the autumn day
        ("2027-03-14", "00:00-24:00", h(23)),  # the spring day
        ("2026-11-02", "00:00-24:00", h(24)),
        ("2027-03-14", "01:30-03:30", h(1)),  # across the jump: one real hour
        ("2027-03-14", "02:30-04:00", h(1)),  # starts in the jump: at 03:00
        ("2026-11-01", "00:30-02:30", h(3)),  # across the repeated hour
        ("2026-10-31", "22:00-02:00", h(5)),  # overnight into the autumn change
    ],
)
def test_a_span_on_a_change_day_lasts_its_real_length(
    write_calendar: Factory,
    day: str,
    hours: str,
    length: timedelta,
) -> None:
    weekday = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")[date.fromisoformat(day).weekday()]
    roster = roster_of(
        write_calendar(
            with_roster(f"""\
                response_target: 4h
                roster:
                  - {{who: marie, days: {weekday}, hours: "{hours}"}}
                """)
        )
    )
    (span,) = roster.spans_on(date.fromisoformat(day))
    assert span.length == length


def test_a_span_wholly_in_the_spring_jump_is_no_span(write_calendar: Factory) -> None:
    roster = roster_of(
        write_calendar(
            with_roster("""\
                response_target: 4h
                roster:
                  - {who: marie, days: sun, hours: "02:10-02:50"}
                """)
        )
    )
    assert roster.spans_on(date(2027, 3, 14)) == []
    assert len(roster.spans_on(date(2027, 3, 21))) == 1


# -- gaps and waits ------------------------------------------------------------------------


def test_a_gap_in_progress_starts_at_the_window(write_calendar: Factory) -> None:
    roster = roster_of(write_calendar(with_roster(WEEKDAYS_ONLY)))
    line = roster.timeline(at("2026-11-25 08:00"), at("2026-11-25 20:00"))
    assert line.gaps() == [
        Gap(at("2026-11-25 08:00"), at("2026-11-25 08:30")),
        # The last gap runs past the window: its wait is measured to the next shift.
        Gap(at("2026-11-25 17:00"), at("2026-11-26 08:30")),
    ]
    assert line.covered_time() == h(8.5)


def test_a_gap_reaches_as_far_as_the_next_person(write_calendar: Factory) -> None:
    roster = roster_of(
        write_calendar(
            with_roster(
                WEEKDAYS_ONLY + "absences:\n  - {who: marie, from: 2026-11-26, to: 2026-12-06}\n"
            )
        )
    )
    worst = roster.worst_wait(at("2026-11-25 17:00"), at("2026-11-25 18:00"))
    assert worst == Gap(at("2026-11-25 17:00"), at("2026-12-07 08:30"))


def test_nobody_ever_on_duty_is_an_endless_gap(write_calendar: Factory) -> None:
    roster = roster_of(write_calendar(with_roster("response_target: 4h\nroster: []\n")))
    (gap,) = roster.timeline(at("2026-11-25 08:00"), at("2026-11-26 08:00")).gaps()
    assert (gap.start, gap.end, gap.wait) == (at("2026-11-25 08:00"), None, None)
    assert gap.exceeds(timedelta(days=1000))


def test_back_to_back_shifts_leave_no_gap(write_calendar: Factory) -> None:
    cal = write_calendar(
        AGENCE_ANSWERS
        + "interactions:\n  response_target: 1h\n  roster:\n"
        + '    - {who: marie, days: mon-sun, hours: "08:00-20:00"}\n'
        + '    - {who: agence, days: mon-sun, hours: "20:00-08:00"}\n'
    )
    roster = roster_of(cal)
    assert roster.timeline(at("2026-11-25 08:00"), at("2026-12-09 08:00")).gaps() == []


def test_friday_afternoon_post_without_a_weekend_roster_waits_until_monday(
    write_calendar: Factory,
) -> None:
    roster = roster_of(write_calendar(with_roster(WEEKDAYS_ONLY)))
    gap = comment_wait(roster, at("2026-11-27 16:30"))
    # Comments in the two hours after 16:30: those from 17:00 wait until Monday 08:30.
    assert gap == Gap(at("2026-11-27 17:00"), at("2026-11-30 08:30"))
    assert gap.wait == h(63.5)
    # A Friday 09:00 post is answered at once.
    assert comment_wait(roster, at("2026-11-27 09:00")) is None


def test_roster_entries_of_people_who_cannot_answer_are_left_out(write_calendar: Factory) -> None:
    roster = roster_of(
        write_calendar(
            with_roster("""\
                response_target: 4h
                roster:
                  - {who: agence, days: sat, hours: "10:00-18:00"}
                  - {who: mari, days: sun, hours: "10:00-18:00"}
                  - {who: marie, days: mon, hours: "10:00-18:00"}
                absences:
                  - {who: paul, from: 2026-12-01}
                  - {who: agence, from: 2026-12-01}
                """)
        )
    )
    assert [(i.section, i.index, i.code) for i in roster.issues] == [
        ("roster", 0, "not-in-interactions-role"),
        ("roster", 1, "unknown-member"),
        ("absences", 0, "unknown-member"),
    ]
    assert roster.members == ["marie"]
    assert {s.who for s in roster.spans(at("2026-11-28 00:00"), at("2026-12-01 00:00"))} == {
        "marie"
    }


# -- the data of gc-cli coverage --------------------------------------------------------------


def test_coverage_of_the_next_14_days(write_calendar: Factory) -> None:
    cal = write_calendar(with_roster(WEEKDAYS_ONLY))
    cal.posts(
        "- {id: vendredi, title: V, publish_at: 2026-11-27 16:30, channels: [facebook]}\n"
        "- {id: annule, title: A, publish_at: 2026-11-27 16:30, status: cancelled}\n"
        "- {id: jour, title: J, publish_at: 2026-11-28}\n"
        "- {id: matin, title: M, publish_at: 2026-11-30 09:00}\n"
    )
    result = coverage(load(cal), now=NOW_DT)
    assert (result.start, result.stop) == (
        datetime(2026, 11, 25, 8, tzinfo=TORONTO),
        datetime(2026, 12, 9, 8, tzinfo=TORONTO),
    )
    assert result.length == h(14 * 24)
    assert result.covered == h(8.5 * 10)
    assert result.share == round(85 / 336, 4)
    assert [(p.who, p.on_duty) for p in result.people] == [("marie", h(85))]
    assert len(result.gaps) == 11
    assert [(g.start, g.wait) for g in result.over][2] == (at("2026-11-27 17:00"), h(63.5))
    assert result.worst == Gap(at("2026-11-27 17:00"), at("2026-11-30 08:30"))
    assert [(u.item.id, u.gap.wait) for u in result.unattended] == [("vendredi", h(63.5))]
    assert not result.ok
    assert len(result.heat) == 15  # Wednesday to Wednesday, whole days


def test_coverage_window_options(write_calendar: Factory) -> None:
    calendar = load(write_calendar(with_roster(WEEKDAYS_ONLY)))
    both = coverage(calendar, start=parsed("2026-12-01"), end=parsed("2026-12-02"), now=NOW_DT)
    assert (both.start, both.stop) == (
        datetime(2026, 12, 1, tzinfo=TORONTO),
        datetime(2026, 12, 3, tzinfo=TORONTO),
    )
    alone = coverage(calendar, start=parsed("2026-12-01"), now=NOW_DT)
    assert alone.stop == datetime(2026, 12, 15, tzinfo=TORONTO)
    until = coverage(calendar, end=parsed("2026-11-26"), now=NOW_DT)
    assert (until.start, until.stop) == (
        datetime(2026, 11, 25, 8, tzinfo=TORONTO),
        datetime(2026, 11, 27, tzinfo=TORONTO),
    )
    # 14 calendar days across the autumn change: 08:00 to 08:00, 337 real hours.
    autumn = coverage(calendar, start=parsed("2026-10-25T08:00"), now=NOW_DT)
    assert autumn.stop == datetime(2026, 11, 8, 8, tzinfo=TORONTO)
    assert autumn.length == h(337)
    with pytest.raises(BadArgument, match=r"^end: 2026-11-20 is not after the start"):
        coverage(calendar, end=parsed("2026-11-20"), now=NOW_DT)
    with pytest.raises(BadArgument, match=r"^start: .* is outside the years gc-cli works with"):
        coverage(calendar, start=date(1969, 12, 31), now=NOW_DT)


def test_coverage_without_a_roster(cal: CalendarDir) -> None:
    result = coverage(load(cal), now=NOW_DT)
    assert not result.tracked
    assert result.ok
    assert result.to_dict() == {
        "from": "2026-11-25T08:00-05:00",
        "to": "2026-12-09T08:00-05:00",
        "now": "2026-11-25T08:00-05:00",
        "timezone": "America/Toronto",
        "roster": False,
        "ok": True,
    }


def test_the_heat_map_shows_each_wall_hour(write_calendar: Factory) -> None:
    calendar = load(write_calendar(with_roster(WEEKDAYS_ONLY)))
    result = coverage(calendar, start=parsed("2026-11-27"), end=parsed("2026-11-27"), now=NOW_DT)
    (day,) = result.heat
    cells = day.cells
    assert len(cells) == 24
    assert (cells[8].covered, cells[8].full, cells[8].who) == (h(0.5), False, ["marie"])
    assert (cells[9].full, cells[16].full, cells[17].who) == (True, True, [])
    assert cells[17].over_target and cells[17].wait == h(63.5)
    assert cells[5].wait == h(3.5) and not cells[5].over_target


def test_the_heat_map_across_the_changes(write_calendar: Factory) -> None:
    calendar = load(write_calendar(with_roster(DST_ROSTER)))
    autumn = (
        coverage(calendar, start=parsed("2026-11-01"), end=parsed("2026-11-01"), now=NOW_DT)
        .heat[0]
        .cells
    )
    assert [c.length for c in autumn[:3]] == [h(1), h(2), h(1)]  # 01:00 happens twice
    spring = (
        coverage(calendar, start=parsed("2027-03-14"), end=parsed("2027-03-14"), now=NOW_DT)
        .heat[0]
        .cells
    )
    assert [c.length for c in spring[1:4]] == [h(1), h(0), h(1)]  # 02:00 never happens
    assert not spring[2].exists


# -- the sample calendar ------------------------------------------------------------------------


def test_the_sample_roster_meets_its_target_in_a_normal_fortnight() -> None:
    result = coverage(selection.load(SAMPLE), now=NOW_DT)
    assert result.ok
    assert result.target == h(12)
    assert result.worst is not None and result.worst.wait == h(12)
    assert [p.who for p in result.people] == ["sophie", "camille", "agence"]


def test_the_sample_roster_leaves_christmas_and_new_year_uncovered() -> None:
    result = coverage(
        selection.load(SAMPLE), start=parsed("2026-12-21"), end=parsed("2027-01-03"), now=NOW_DT
    )
    assert [(g.start, g.wait) for g in result.over] == [
        (at("2026-12-24 17:00"), h(64)),  # the bakery is closed on Boxing Day too
        (at("2026-12-31 21:00"), h(36)),
    ]
    assert result.unattended == []


# -- report: a line per person ----------------------------------------------------------------


TEAM_WITH_CAMILLE = SETTINGS.replace(
    "team:\n", "team:\n  camille: {name: Camille Nguyen, roles: [interactions]}\n"
)


def test_report_shows_hours_on_duty_beside_posts(write_calendar: Factory) -> None:
    cal = write_calendar(
        TEAM_WITH_CAMILLE
        + textwrap.dedent("""\
            interactions:
              response_target: 12h
              roster:
                - {who: marie, days: mon-fri, hours: "08:30-17:00"}
                - {who: camille, days: [sat, sun], hours: "10:00-18:00"}
              absences:
                - {who: marie, from: 2026-12-01}
            """)
    )
    cal.posts("- {id: a, title: A, publish_at: 2026-11-30 09:00, owner: marie}\n")
    report = reporting.report(
        load(cal), start=parsed("2026-11-30"), end=parsed("2026-12-06"), now=NOW_DT
    )
    assert [(o.owner, o.count, o.duty) for o in report.owners] == [
        ("camille", 0, h(16)),  # on the roster: listed, though no post
        ("marie", 1, h(8.5 * 4)),  # Tuesday off
        ("agence", 0, None),  # not on the roster
    ]
    assert report.on_duty_share == round((16 + 34) / 168, 4)
    doc = report.to_dict()
    assert [(o["owner"], o["duty_hours"]) for o in doc["owners"]] == [
        ("camille", 16.0),
        ("marie", 34.0),
        ("agence", None),
    ]
    assert doc["on_duty_share"] == report.on_duty_share


def test_report_hours_are_real_hours_across_the_autumn_change(write_calendar: Factory) -> None:
    cal = write_calendar(
        with_roster("""\
            response_target: 12h
            roster:
              - {who: marie, days: sun, hours: "00:00-24:00"}
            """)
    )
    report = reporting.report(
        load(cal), start=parsed("2026-11-01"), end=parsed("2026-11-01"), now=NOW_DT
    )
    assert report.owners[0].duty == h(25)
