"""Rules on when a post goes out: daylight-saving changes, statuses against the clock,
recurrences. Now is 2026-11-25 08:00 in America/Toronto unless a test says otherwise.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from conftest import CalendarDir, parsed
from test_rules import COL, P, found, post, settings

WHEN = (8, COL["publish_at"])  # where post() writes publish_at's value
STATUS = (5, COL["status"])
REPEAT = (10, COL["repeat"])  # a repeat: given after the base keys

# -- nonexistent-time / ambiguous-time ---------------------------------------

DST = [
    # Spring forward in Toronto: 2027-03-14, 02:00 -> 03:00.
    pytest.param("2027-03-14 02:30", [P(*WHEN, "nonexistent-time")], id="gap"),
    pytest.param("2027-03-14 02:00", [P(*WHEN, "nonexistent-time")], id="gap-start"),
    pytest.param("2027-03-14 02:59", [P(*WHEN, "nonexistent-time")], id="gap-end"),
    pytest.param("2027-03-14T02:30", [P(*WHEN, "nonexistent-time")], id="gap-with-t"),
    pytest.param("2027-03-14 01:59", [], id="before-gap"),
    pytest.param("2027-03-14 03:00", [], id="after-gap"),
    pytest.param("2027-03-13 02:30", [], id="day-before"),
    pytest.param("2027-03-14T02:30:00-05:00", [], id="gap-with-offset-is-an-instant"),
    pytest.param("2027-03-14T07:30:00Z", [], id="gap-in-utc"),
    # Fall back in Toronto: 2026-11-01, 02:00 -> 01:00.
    pytest.param("2026-11-01 01:30", [P(*WHEN, "ambiguous-time", "warning")], id="fold"),
    pytest.param("2026-11-01 01:00", [P(*WHEN, "ambiguous-time", "warning")], id="fold-start"),
    pytest.param("2026-11-01 01:59", [P(*WHEN, "ambiguous-time", "warning")], id="fold-end"),
    pytest.param("2026-11-01 00:59", [], id="before-fold"),
    pytest.param("2026-11-01 02:00", [], id="after-fold"),
    pytest.param("2026-10-31 01:30", [], id="day-before-fold"),
    pytest.param("2026-11-01T01:30:00-04:00", [], id="fold-with-offset-first"),
    pytest.param("2026-11-01T01:30:00-05:00", [], id="fold-with-offset-second"),
    pytest.param("2027-03-14", [], id="date-alone"),
]


@pytest.mark.parametrize(("when", "expected"), DST)
def test_daylight_saving_times(
    cal: CalendarDir, when: str, expected: list[tuple[object, ...]]
) -> None:
    # Complete (ready, or published once its date has passed): no other time rule applies.
    status = "published" if when < "2026-11-25" else "ready"
    cal.posts(post(publish_at=when, status=status))
    assert found(cal) == expected


def test_dst_messages(cal: CalendarDir) -> None:
    cal.posts(
        post("a", publish_at="2027-03-14 02:30")
        + post("b", publish_at="2026-11-01 01:30", status="published")
    )
    gap, fold = cal.problems()
    assert "2027-03-14 02:30" in gap.message and "America/Toronto" in gap.message
    assert "2026-11-01 01:30" in fold.message and "America/Toronto" in fold.message


RECURRING_DST = [
    pytest.param(
        "2027-02-28 02:30",
        "FREQ=WEEKLY;COUNT=4",
        [P(*WHEN, "nonexistent-time")],
        "2027-03-14",
        id="weekly-occurrence-in-gap",
    ),
    pytest.param("2027-02-28 02:30", "FREQ=WEEKLY;COUNT=2", [], None, id="weekly-stops-before-gap"),
    pytest.param(
        "2027-03-14 02:30",
        "FREQ=DAILY;COUNT=3",
        [P(*WHEN, "nonexistent-time")],
        "2027-03-14",
        id="first-occurrence-in-gap-once",
    ),
    pytest.param("2027-02-28 03:30", "FREQ=WEEKLY;COUNT=4", [], None, id="weekly-outside-gap"),
    pytest.param(
        "2026-10-18 01:30",
        "FREQ=WEEKLY;COUNT=3",
        [P(*WHEN, "ambiguous-time", "warning")],
        "2026-11-01",
        id="weekly-occurrence-in-fold",
    ),
    pytest.param(
        "2026-10-18 01:30", "FREQ=WEEKLY;COUNT=2", [], None, id="weekly-stops-before-fold"
    ),
]


@pytest.mark.parametrize(("when", "rule", "expected", "day"), RECURRING_DST)
def test_daylight_saving_times_of_occurrences(
    cal: CalendarDir, when: str, rule: str, expected: list[tuple[object, ...]], day: str | None
) -> None:
    cal.posts(post(publish_at=when, repeat=rule, status="draft", text="Chaque semaine."))
    assert found(cal, now=parsed("2026-01-01T00:00")) == expected
    if day is not None:
        (problem,) = cal.problems(now=parsed("2026-01-01T00:00"))
        assert day in problem.message


def test_two_occurrences_in_two_gaps(cal: CalendarDir) -> None:
    cal.posts(
        post(
            publish_at="2027-03-14 02:30",
            repeat="FREQ=YEARLY;BYMONTH=3;BYDAY=2SU;COUNT=2",
            status="draft",
        )
    )
    problems = cal.problems(now=parsed("2026-01-01T00:00"))
    assert [(p.line, p.column, p.code) for p in problems] == [
        (*WHEN, "nonexistent-time"),
        (*WHEN, "nonexistent-time"),
    ]
    assert "2027-03-14" in problems[0].message + problems[1].message
    assert "2028-03-12" in problems[0].message + problems[1].message


@pytest.mark.parametrize("when", ["2027-03-14 02:30", "2026-11-01 01:30"])
def test_dst_ignores_cancelled_posts(cal: CalendarDir, when: str) -> None:
    cal.posts(post(publish_at=when, status="cancelled"))
    assert found(cal) == []


# -- not-scheduled -----------------------------------------------------------

NOT_SCHEDULED = [
    pytest.param("scheduled", None, [P(*STATUS, "not-scheduled")], id="scheduled-no-date"),
    pytest.param("scheduled", "2026-12-01", [P(*STATUS, "not-scheduled")], id="scheduled-date"),
    pytest.param("published", None, [P(*STATUS, "not-scheduled")], id="published-no-date"),
    pytest.param("published", "2026-11-20", [P(*STATUS, "not-scheduled")], id="published-date"),
    pytest.param("scheduled", "2026-12-01 09:00", [], id="scheduled-time"),
    pytest.param("published", "2026-11-20 09:00", [], id="published-time"),
    pytest.param("ready", None, [], id="ready-no-date"),
    pytest.param("ready", "2026-12-01", [], id="ready-date"),
    pytest.param("draft", None, [], id="draft-no-date"),
    pytest.param("cancelled", None, [], id="cancelled"),
]


@pytest.mark.parametrize(("status", "when", "expected"), NOT_SCHEDULED)
def test_not_scheduled(
    cal: CalendarDir, status: str, when: str | None, expected: list[tuple[object, ...]]
) -> None:
    cal.posts(post(status=status, publish_at=when))
    assert found(cal) == expected


# -- published-in-future -----------------------------------------------------

PUBLISHED_IN_FUTURE = [
    pytest.param("2026-12-01 09:00", [P(*STATUS, "published-in-future")], id="next-week"),
    pytest.param("2026-11-25 08:01", [P(*STATUS, "published-in-future")], id="in-a-minute"),
    pytest.param("2026-11-25 08:00", [], id="now"),
    pytest.param("2026-11-20 09:00", [], id="last-week"),
    pytest.param("2026-11-25T13:01:00Z", [P(*STATUS, "published-in-future")], id="utc-after"),
    pytest.param("2026-11-25T13:00:00Z", [], id="utc-now"),
]


@pytest.mark.parametrize(("when", "expected"), PUBLISHED_IN_FUTURE)
def test_published_in_future(
    cal: CalendarDir, when: str, expected: list[tuple[object, ...]]
) -> None:
    cal.posts(post(status="published", publish_at=when))
    assert found(cal) == expected


def test_published_in_future_follows_now(cal: CalendarDir) -> None:
    cal.posts(post(status="published", publish_at="2026-12-01 09:00"))
    assert found(cal, now=parsed("2026-12-01T08:59")) == [P(*STATUS, "published-in-future")]
    assert found(cal, now=parsed("2026-12-01T09:00")) == []
    assert found(cal, now=parsed("2026-12-01T14:00:00Z")) == []


def test_published_in_future_ignores_other_statuses(cal: CalendarDir) -> None:
    cal.posts(post(status="scheduled") + post("b", status="ready", publish_at="2026-12-02 09:00"))
    assert found(cal) == []


# -- overdue -----------------------------------------------------------------

OVERDUE = [
    pytest.param(
        "scheduled", "2026-11-20 09:00", [P(*STATUS, "overdue", "warning")], id="last-week"
    ),
    pytest.param(
        "scheduled", "2026-11-25 07:59", [P(*STATUS, "overdue", "warning")], id="a-minute-ago"
    ),
    pytest.param("scheduled", "2026-11-25 08:00", [], id="now"),
    pytest.param("scheduled", "2026-12-01 09:00", [], id="next-week"),
    pytest.param("published", "2026-11-20 09:00", [], id="published"),
    pytest.param("ready", "2026-11-20 09:00", [P(*STATUS, "overdue", "warning")], id="ready"),
    pytest.param("draft", "2026-11-20 09:00", [P(*STATUS, "overdue", "warning")], id="draft"),
    pytest.param("idea", "2026-11-24", [P(*STATUS, "overdue", "warning")], id="idea-yesterday"),
    pytest.param("ready", "2026-11-25", [], id="ready-today-date-alone"),
    pytest.param("cancelled", "2026-11-20 09:00", [], id="cancelled"),
]


@pytest.mark.parametrize(("status", "when", "expected"), OVERDUE)
def test_overdue(
    cal: CalendarDir, status: str, when: str, expected: list[tuple[object, ...]]
) -> None:
    cal.posts(post(status=status, publish_at=when))
    assert found(cal) == expected


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        ("2026-11-01 09:00", [P(*STATUS, "overdue", "warning")]),  # 11-01 to 11-22 passed
        ("2026-11-25 07:00", [P(*STATUS, "overdue", "warning")]),  # the first, an hour ago
        ("2026-11-25 09:00", []),  # every occurrence still to come
    ],
)
def test_overdue_recurring_counts_each_occurrence_that_passed(
    cal: CalendarDir, start: str, expected: list[tuple[object, ...]]
) -> None:
    cal.posts(post(status="scheduled", publish_at=start, repeat="FREQ=WEEKLY;COUNT=5"))
    assert found(cal) == expected


def test_overdue_recurring_names_the_occurrences_and_what_to_do(cal: CalendarDir) -> None:
    cal.posts(post(status="scheduled", publish_at="2026-11-01 09:00", repeat="FREQ=WEEKLY;COUNT=5"))
    (problem,) = cal.problems()
    assert problem.message == (
        "4 occurrences have passed and are not marked published (2026-11-01, 2026-11-08, "
        "2026-11-15, …): mark each one that is out (gc-cli mark ok@2026-11-01 published ...); "
        "skip or move the others (gc-cli schedule ok@2026-11-01 --skip)"
    )


def test_occurrences_marked_published_or_cancelled_are_not_overdue(cal: CalendarDir) -> None:
    cal.posts(
        post(
            status="scheduled",
            publish_at="2026-11-01 09:00",
            repeat="FREQ=WEEKLY;COUNT=3",
            occurrences="{2026-11-01: published, 2026-11-08: cancelled}",
        )
    )
    (problem,) = cal.problems()
    assert problem.code == "overdue"
    assert problem.message.startswith("the occurrence of 2026-11-15 has passed")
    cal.posts(
        post(
            status="scheduled",
            publish_at="2026-11-01 09:00",
            repeat="FREQ=WEEKLY;COUNT=3",
            skip="[2026-11-15]",
            occurrences="{2026-11-01: published, "
            "2026-11-08: {status: published, published_url: https://example.org/p/2}}",
        )
    )
    assert found(cal) == []


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        ("scheduled", "scheduled for 2026-11-20 09:00, which has passed: once it is out"),
        ("ready", "ready for 2026-11-20 09:00, which has passed, and not marked"),
        ("draft", "still draft and its date (2026-11-20 09:00) has passed: move it"),
    ],
)
def test_overdue_says_what_to_do_for_each_status(
    cal: CalendarDir, status: str, expected: str
) -> None:
    cal.posts(post(status=status, publish_at="2026-11-20 09:00"))
    (problem,) = cal.problems()
    assert problem.message.startswith(expected)
    assert "gc-cli " in problem.message


# -- not-ready ---------------------------------------------------------------

NOT_READY = [
    pytest.param("draft", "2026-11-26 09:00", [P(*STATUS, "not-ready", "warning")], id="draft-25h"),
    pytest.param("idea", "2026-11-26 09:00", [P(*STATUS, "not-ready", "warning")], id="idea-25h"),
    pytest.param("draft", "2026-11-27 08:00", [P(*STATUS, "not-ready", "warning")], id="draft-48h"),
    pytest.param("draft", "2026-11-27 08:01", [], id="draft-48h-1min"),
    pytest.param("draft", "2026-12-01 09:00", [], id="draft-next-week"),
    pytest.param(
        "draft", "2026-11-20 09:00", [P(*STATUS, "overdue", "warning")], id="draft-passed"
    ),
    pytest.param("draft", "2026-11-27", [P(*STATUS, "not-ready", "warning")], id="date-alone-40h"),
    pytest.param("draft", "2026-11-28", [], id="date-alone-64h"),
    pytest.param("draft", None, [], id="not-scheduled"),
    pytest.param("ready", "2026-11-26 09:00", [], id="ready"),
    pytest.param("scheduled", "2026-11-26 09:00", [], id="scheduled"),
    pytest.param("cancelled", "2026-11-26 09:00", [], id="cancelled"),
]


@pytest.mark.parametrize(("status", "when", "expected"), NOT_READY)
def test_not_ready(
    cal: CalendarDir, status: str, when: str | None, expected: list[tuple[object, ...]]
) -> None:
    cal.posts(post(status=status, publish_at=when))
    assert found(cal) == expected


@pytest.mark.parametrize(
    ("hours", "when", "expected"),
    [
        (24, "2026-11-26 07:00", [P(*STATUS, "not-ready", "warning")]),
        (24, "2026-11-26 09:00", []),
        (72, "2026-11-28 07:00", [P(*STATUS, "not-ready", "warning")]),
        (72, "2026-11-28 09:00", []),
        (0, "2026-11-25 08:30", []),
        (0, "2026-11-25 07:30", [P(*STATUS, "overdue", "warning")]),
    ],
)
def test_not_ready_follows_ready_before_hours(
    write_calendar: Callable[..., CalendarDir],
    hours: int,
    when: str,
    expected: list[tuple[object, ...]],
) -> None:
    cal = write_calendar(settings(ready_before_hours=hours))
    cal.posts(post(status="draft", publish_at=when))
    assert found(cal) == expected


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        ("2026-11-26 09:00", [P(*STATUS, "not-ready", "warning")]),  # next: 11-26 09:00, 25 h
        ("2026-11-29 09:00", []),  # next: 11-29 09:00, 97 h
    ],
)
def test_not_ready_recurring_looks_at_the_next_occurrence(
    cal: CalendarDir, start: str, expected: list[tuple[object, ...]]
) -> None:
    cal.posts(post(status="draft", publish_at=start, repeat="FREQ=WEEKLY;COUNT=10"))
    assert found(cal) == expected


# -- bad-repeat --------------------------------------------------------------

BAD_REPEAT = [
    pytest.param('"FREQ=WEEKLY;BYDAY=FR"', [P(*REPEAT, "bad-repeat")], id="never-ends"),
    pytest.param("FREQ=DAILY", [P(*REPEAT, "bad-repeat")], id="never-ends-daily"),
    pytest.param('"FREQ=SOMETIMES;COUNT=3"', [P(*REPEAT, "bad-repeat")], id="bad-freq"),
    pytest.param('"FREQ=WEEKLY;COUNT=trois"', [P(*REPEAT, "bad-repeat")], id="bad-count"),
    pytest.param('"FREQ=WEEKLY;BYDAY=XX;COUNT=3"', [P(*REPEAT, "bad-repeat")], id="bad-byday"),
    pytest.param('"COUNT=3"', [P(*REPEAT, "bad-repeat")], id="no-freq"),
    pytest.param("tous les vendredis", [P(*REPEAT, "bad-repeat")], id="prose"),
    pytest.param(
        '"FREQ=WEEKLY;UNTIL=20261101"', [P(*REPEAT, "bad-repeat")], id="until-before-start"
    ),
    pytest.param('"FREQ=WEEKLY;COUNT=0"', [P(*REPEAT, "bad-repeat")], id="count-0"),
    pytest.param('"FREQ=MINUTELY;COUNT=100000"', [P(*REPEAT, "bad-repeat")], id="absurd-count"),
    pytest.param(
        '"DTSTART:20261201T090000\\nRRULE:FREQ=DAILY;COUNT=2"',
        [P(*REPEAT, "bad-repeat")],
        id="with-dtstart",
    ),
    pytest.param(
        '"FREQ=DAILY;INTERVAL=0;COUNT=3"',
        [P(*REPEAT, "bad-repeat")],
        id="interval-0",
    ),
    pytest.param(
        '"FREQ=WEEKLY;COUNT=2;UNTIL=20261231"',
        [P(*REPEAT, "bad-repeat")],
        id="count-and-until",
    ),
    pytest.param('"FREQ=WEEKLY;COUNT=3"', [], id="count"),
    pytest.param('"FREQ=WEEKLY;BYDAY=FR;UNTIL=20261231T235959"', [], id="until"),
    pytest.param('"FREQ=WEEKLY;UNTIL=20261231T235959Z"', [], id="until-utc"),
    pytest.param('"FREQ=WEEKLY;UNTIL=20261231"', [], id="until-date"),
    pytest.param('"RRULE:FREQ=DAILY;COUNT=2"', [], id="rrule-prefix"),
    pytest.param('"freq=weekly;count=3"', [], id="lowercase"),
]


@pytest.mark.parametrize(("rule", "expected"), BAD_REPEAT)
def test_bad_repeat(cal: CalendarDir, rule: str, expected: list[tuple[object, ...]]) -> None:
    cal.posts(post(status="draft", publish_at="2026-12-01 09:00", repeat=rule))
    assert found(cal) == expected


def test_bad_repeat_without_publish_at(cal: CalendarDir) -> None:
    cal.posts(post(status="draft", publish_at=None, repeat='"FREQ=WEEKLY;COUNT=3"'))
    # publish_at left out: text is on line 8, repeat on line 9.
    assert found(cal) == [P(9, COL["repeat"], "bad-repeat")]
    (problem,) = cal.problems()
    assert "publish_at" in problem.message


def test_repeat_from_a_date_alone(cal: CalendarDir) -> None:
    cal.posts(post(status="draft", publish_at="2026-12-01", repeat='"FREQ=WEEKLY;COUNT=3"'))
    assert found(cal) == []


def test_bad_repeat_message_says_why(cal: CalendarDir) -> None:
    cal.posts(post(status="draft", repeat='"FREQ=WEEKLY;BYDAY=FR"'))
    (problem,) = cal.problems()
    assert "COUNT" in problem.message and "UNTIL" in problem.message


def test_bad_repeat_does_not_hide_a_nonexistent_start(cal: CalendarDir) -> None:
    cal.posts(post(status="draft", publish_at="2027-03-14 02:30", repeat="FREQ=WEEKLY"))
    assert found(cal) == [P(*WHEN, "nonexistent-time"), P(*REPEAT, "bad-repeat")]


# -- defaults: ---------------------------------------------------------------


def test_times_from_defaults_are_reported_at_the_defaults_line(cal: CalendarDir) -> None:
    cal.write(
        "posts.yaml",
        """\
        defaults:
          status: scheduled
          publish_at: 2027-03-14 02:30
          channels: [facebook]
          repeat: FREQ=WEEKLY
        posts:
          - {id: a, title: Un, text: Un, repeat: null}
          - {id: b, title: Deux, text: Deux, publish_at: 2027-03-15 09:00, repeat: null}
          - {id: c, title: Trois, text: Trois, publish_at: 2027-03-16, repeat: null}
          - {id: d, title: Quatre, text: Quatre, publish_at: 2027-03-17 09:00}
        """,
    )
    assert found(cal) == [
        P(2, 11, "not-scheduled", post="c"),
        P(3, 15, "nonexistent-time", post="a"),
        P(5, 11, "bad-repeat", post="d"),
    ]


# -- times compared as instants, not as wall-clock readings ------------------

CLOCK_CHANGE = [
    pytest.param(
        "published",
        "2026-11-01T01:30:00-04:00",  # 05:30 UTC
        "2026-11-01T01:20:00-05:00",  # 06:20 UTC: 50 min later
        [],
        id="published-50-min-ago",
    ),
    pytest.param(
        "published",
        "2026-11-01T01:20:00-05:00",  # 06:20 UTC
        "2026-11-01T01:30:00-04:00",  # 05:30 UTC: 50 min earlier
        [P(*STATUS, "published-in-future")],
        id="published-in-50-min",
    ),
    pytest.param(
        "scheduled",
        "2026-11-01T01:30:00-05:00",  # 06:30 UTC
        "2026-11-01T01:40:00-04:00",  # 05:40 UTC: 50 min earlier
        [],
        id="scheduled-in-50-min",
    ),
    pytest.param(
        "draft",
        "2027-03-15 04:00",  # 08:00 UTC
        "2027-03-13T03:30",  # 08:30 UTC two days before: 47 h 30 min earlier
        [P(*STATUS, "not-ready", "warning")],
        id="draft-in-47-h-30",
    ),
]


@pytest.mark.parametrize(("status", "when", "now", "expected"), CLOCK_CHANGE)
def test_statuses_against_now_across_a_clock_change(
    cal: CalendarDir, status: str, when: str, now: str, expected: list[tuple[object, ...]]
) -> None:
    cal.posts(post(status=status, publish_at=when))
    assert found(cal, now=now) == expected


@pytest.mark.parametrize(
    ("status", "when", "now", "expected"),
    [
        ("published", "2026-11-01T01:30:00-04:00", "2026-11-01T01:40:00-04:00", []),
        (
            "published",
            "2026-11-01T01:30:00-05:00",
            "2026-11-01T01:20:00-05:00",
            [P(*STATUS, "published-in-future")],
        ),
        ("draft", "2027-03-15 04:00", "2027-03-13T02:30", []),  # 48 h 30 min before
    ],
)
def test_statuses_against_now_on_the_day_of_a_clock_change(
    cal: CalendarDir, status: str, when: str, now: str, expected: list[tuple[object, ...]]
) -> None:
    cal.posts(post(status=status, publish_at=when))
    assert found(cal, now=now) == expected
