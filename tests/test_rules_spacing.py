"""Rules on how posts sit next to each other on one channel: gaps, daily volume,
repeated texts. Checked occurrence by occurrence, across the files of the root.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from conftest import CalendarDir
from test_rules import COL, P, found, post, settings

# Two posts a and b written by post(): b's publish_at is on line 16 and its text on
# line 17 (line 17 and 18 when a has one extra key, such as repeat:).
B_WHEN = (16, COL["publish_at"])
B_TEXT = (17, COL["text"])
DAILY = '"FREQ=DAILY;COUNT=3"'  # from 2026-11-30: 11-30, 12-01, 12-02


def two(a: dict[str, str | None], b: dict[str, str | None]) -> str:
    return post("a", **a) + post("b", **b)


# -- too-close ---------------------------------------------------------------

TOO_CLOSE = [
    pytest.param(
        {},
        {"publish_at": "2026-12-01 09:30"},
        [P(*B_WHEN, "too-close", "warning", "b", "facebook")],
        id="30-min",
    ),
    pytest.param(
        {},
        {"publish_at": "2026-12-01 09:59"},
        [P(*B_WHEN, "too-close", "warning", "b", "facebook")],
        id="59-min",
    ),
    pytest.param({}, {"publish_at": "2026-12-01 10:00"}, [], id="60-min"),
    pytest.param({}, {"publish_at": "2026-12-01 08:00"}, [], id="60-min-before"),
    pytest.param(
        {"publish_at": "2026-12-01 09:30"},
        {},
        [P(8, COL["publish_at"], "too-close", "warning", "a", "facebook")],
        id="later-in-time-not-in-file",
    ),
    pytest.param(
        {},
        {},
        [P(*B_WHEN, "too-close", "warning", "b", "facebook")],
        id="same-time-later-in-file",
    ),
    pytest.param(
        {},
        {"publish_at": "2026-12-01T14:30:00Z"},
        [P(*B_WHEN, "too-close", "warning", "b", "facebook")],
        id="offset",
    ),
    pytest.param({}, {"publish_at": "2026-12-01 09:30", "channels": "[x]"}, [], id="other-channel"),
    pytest.param(
        {"channels": "[facebook, x]"},
        {"publish_at": "2026-12-01 09:30", "channels": "[x, linkedin]"},
        [P(*B_WHEN, "too-close", "warning", "b", "x")],
        id="shared-channel",
    ),
    pytest.param(
        {"channels": "[facebook, linkedin]"},
        {"publish_at": "2026-12-01 09:30", "channels": "[facebook, linkedin]"},
        [
            P(*B_WHEN, "too-close", "warning", "b", "facebook"),
            P(*B_WHEN, "too-close", "warning", "b", "linkedin"),
        ],
        id="each-shared-channel",
    ),
    pytest.param({"status": "cancelled"}, {"publish_at": "2026-12-01 09:30"}, [], id="cancelled-a"),
    pytest.param(
        {}, {"publish_at": "2026-12-01 09:30", "status": "cancelled"}, [], id="cancelled-b"
    ),
    pytest.param({}, {"publish_at": "2026-12-01"}, [], id="date-alone"),
    pytest.param({}, {"publish_at": None}, [], id="unscheduled"),
]


@pytest.mark.parametrize(("a", "b", "expected"), TOO_CLOSE)
def test_too_close(
    cal: CalendarDir,
    a: dict[str, str | None],
    b: dict[str, str | None],
    expected: list[tuple[object, ...]],
) -> None:
    cal.posts(two(a, b))
    assert found(cal) == expected


@pytest.mark.parametrize(
    ("gap", "when", "expected"),
    [
        (30, "2026-12-01 09:30", []),
        (30, "2026-12-01 09:29", [P(*B_WHEN, "too-close", "warning", "b", "facebook")]),
        (120, "2026-12-01 10:59", [P(*B_WHEN, "too-close", "warning", "b", "facebook")]),
        (120, "2026-12-01 11:00", []),
        (0, "2026-12-01 09:00", []),
    ],
)
def test_too_close_follows_min_gap_minutes(
    write_calendar: Callable[..., CalendarDir],
    gap: int,
    when: str,
    expected: list[tuple[object, ...]],
) -> None:
    cal = write_calendar(settings(min_gap_minutes=gap))
    cal.posts(two({}, {"publish_at": when}))
    assert found(cal) == expected


def test_too_close_across_two_files(cal: CalendarDir) -> None:
    cal.posts(post("a"), name="a.yaml")
    cal.posts(post("b", publish_at="2026-12-01 09:20"), name="b.yaml")
    problems = cal.problems()
    assert [
        (p.file, p.line, p.column, p.code, p.severity, p.post, p.channel) for p in problems
    ] == [("calendars/b.yaml", 8, 17, "too-close", "warning", "b", "facebook")]
    assert "20 min" in problems[0].message
    assert "calendars/a.yaml:2" in problems[0].message


def test_too_close_to_an_occurrence(cal: CalendarDir) -> None:
    cal.posts(
        post("a", publish_at="2026-11-30 09:00", repeat=DAILY)
        + post("b", publish_at="2026-12-02 09:15")
    )
    problems = cal.problems()
    assert found(cal) == [P(17, 17, "too-close", "warning", "b", "facebook")]
    assert "2026-12-02" in problems[0].message


def test_occurrence_too_close_to_a_post(cal: CalendarDir) -> None:
    cal.posts(
        post("a", publish_at="2026-11-30 09:00", repeat=DAILY)
        + post("b", publish_at="2026-12-01 08:45")
    )
    assert found(cal) == [P(8, 17, "too-close", "warning", "a", "facebook")]


def test_occurrences_far_from_a_post(cal: CalendarDir) -> None:
    cal.posts(
        post("a", publish_at="2026-11-30 09:00", repeat=DAILY)
        + post("b", publish_at="2026-12-01 12:00")
    )
    assert found(cal) == []


# -- too-many-per-day --------------------------------------------------------

PER_DAY = [
    pytest.param(
        1,
        {},
        {"publish_at": "2026-12-01 15:00"},
        [P(*B_WHEN, "too-many-per-day", "warning", "b", "facebook")],
        id="two-in-a-day",
    ),
    pytest.param(1, {}, {"publish_at": "2026-12-02 09:00"}, [], id="two-days"),
    pytest.param(2, {}, {"publish_at": "2026-12-01 15:00"}, [], id="limit-2"),
    pytest.param(None, {}, {"publish_at": "2026-12-01 15:00"}, [], id="no-limit"),
    pytest.param(
        1, {}, {"publish_at": "2026-12-01 15:00", "channels": "[x]"}, [], id="other-channel"
    ),
    pytest.param(
        1,
        {"channels": "[facebook, x]"},
        {"publish_at": "2026-12-01 15:00", "channels": "[x]"},
        [P(*B_WHEN, "too-many-per-day", "warning", "b", "x")],
        id="shared-channel",
    ),
    pytest.param(
        1,
        {},
        {"publish_at": "2026-12-02T04:30:00Z"},  # 2026-12-01 23:30 in Toronto
        [P(*B_WHEN, "too-many-per-day", "warning", "b", "facebook")],
        id="local-day-from-utc",
    ),
    pytest.param(1, {}, {"publish_at": "2026-12-02T05:30:00Z"}, [], id="next-local-day-from-utc"),
    pytest.param(
        1, {}, {"publish_at": "2026-12-01T21:30:00-08:00"}, [], id="next-local-day-from-vancouver"
    ),
    pytest.param(
        1,
        {"publish_at": "2026-12-01 00:00"},
        {"publish_at": "2026-12-01 23:59"},
        [P(*B_WHEN, "too-many-per-day", "warning", "b", "facebook")],
        id="whole-day",
    ),
    pytest.param(
        1, {"status": "cancelled"}, {"publish_at": "2026-12-01 15:00"}, [], id="cancelled"
    ),
]


@pytest.mark.parametrize(("limit", "a", "b", "expected"), PER_DAY)
def test_too_many_per_day(
    write_calendar: Callable[..., CalendarDir],
    limit: int | None,
    a: dict[str, str | None],
    b: dict[str, str | None],
    expected: list[tuple[object, ...]],
) -> None:
    cal = write_calendar(settings(max_posts_per_day=limit))
    cal.posts(two(a, b))
    assert found(cal) == expected


def test_too_many_per_day_reports_each_post_over_the_limit(
    write_calendar: Callable[..., CalendarDir],
) -> None:
    cal = write_calendar(settings(max_posts_per_day=2))
    cal.posts(
        post("a", publish_at="2026-12-01 09:00")
        + post("b", publish_at="2026-12-01 12:00")
        + post("c", publish_at="2026-12-01 15:00")
        + post("d", publish_at="2026-12-01 18:00")
    )
    assert found(cal) == [
        P(24, 17, "too-many-per-day", "warning", "c", "facebook"),
        P(32, 17, "too-many-per-day", "warning", "d", "facebook"),
    ]
    assert "4 posts" in cal.problems()[0].message


def test_too_many_per_day_across_two_files(write_calendar: Callable[..., CalendarDir]) -> None:
    cal = write_calendar(settings(max_posts_per_day=1))
    cal.posts(post("a", publish_at="2026-12-01 15:00"), name="a.yaml")
    cal.posts(post("b", publish_at="2026-12-01 09:00"), name="b.yaml")
    problems = cal.problems()
    assert [(p.file, p.line, p.column, p.code, p.post, p.channel) for p in problems] == [
        ("calendars/a.yaml", 8, 17, "too-many-per-day", "a", "facebook")
    ]


def test_too_many_per_day_with_an_occurrence(write_calendar: Callable[..., CalendarDir]) -> None:
    cal = write_calendar(settings(max_posts_per_day=1))
    cal.posts(
        post("a", publish_at="2026-11-30 09:00", repeat=DAILY)
        + post("b", publish_at="2026-12-02 15:00")
        + post("c", publish_at="2026-12-03 15:00")
    )
    assert found(cal) == [P(17, 17, "too-many-per-day", "warning", "b", "facebook")]


def test_too_many_per_day_between_occurrences(write_calendar: Callable[..., CalendarDir]) -> None:
    cal = write_calendar(settings(max_posts_per_day=2))
    cal.posts(post("a", repeat='"FREQ=HOURLY;INTERVAL=3;COUNT=3"'))
    problems = cal.problems()
    assert found(cal) == [P(8, 17, "too-many-per-day", "warning", "a", "facebook")]
    assert "3 posts" in problems[0].message


def test_too_many_per_day_counts_a_date_alone(write_calendar: Callable[..., CalendarDir]) -> None:
    cal = write_calendar(settings(max_posts_per_day=1))
    cal.posts(two({}, {"publish_at": "2026-12-01"}))
    assert [(p.code, p.channel) for p in cal.problems()] == [("too-many-per-day", "facebook")]


# -- duplicate-text ----------------------------------------------------------

FETES = "Joyeuses fêtes à toutes et à tous !"
FETES_NFD = FETES.replace("ê", "e\u0302").replace("à", "a\u0300")


def dup(b_when: str = "2026-12-20 09:00", **b: str | None) -> str:
    """Post a on X on 2026-12-01 09:00, then post b (same text unless given) on X."""
    fields: dict[str, str | None] = {"channels": "[x]", "text": FETES, "publish_at": b_when}
    return post("a", channels="[x]", text=FETES) + post("b", **{**fields, **b})


DUPLICATE_TEXT = [
    pytest.param(dup(), [P(*B_TEXT, "duplicate-text", "warning", "b", "x")], id="19-days"),
    pytest.param(
        dup("2026-12-31 09:00"), [P(*B_TEXT, "duplicate-text", "warning", "b", "x")], id="30-days"
    ),
    pytest.param(dup("2026-12-31 09:01"), [], id="30-days-1-min"),
    pytest.param(dup("2027-01-01 09:00"), [], id="31-days"),
    pytest.param(
        dup(text=f'"  {FETES.replace(" ", "   ")}\\t\\n"'),
        [P(*B_TEXT, "duplicate-text", "warning", "b", "x")],
        id="whitespace-folded",
    ),
    pytest.param(
        dup(text=f"|\n    {FETES}"),
        [P(*B_TEXT, "duplicate-text", "warning", "b", "x")],
        id="block-scalar",
    ),
    pytest.param(
        dup(text=FETES_NFD),
        [P(*B_TEXT, "duplicate-text", "warning", "b", "x")],
        id="nfd",
    ),
    pytest.param(dup(text="Joyeuses fêtes à tous !"), [], id="other-text"),
    pytest.param(dup(text=FETES.upper()), [], id="case-differs"),
    pytest.param(dup(channels="[facebook]"), [], id="other-channel"),
    pytest.param(
        dup(channels="[x, facebook]", text="Autre chose.", channel_text=f"{{x: {FETES}}}"),
        [P(18, 23, "duplicate-text", "warning", "b", "x")],
        id="channel-text",
    ),
    pytest.param(dup(channel_text="{x: Autre chose.}"), [], id="channel-text-replaces"),
    pytest.param(dup(status="cancelled"), [], id="cancelled"),
    pytest.param(dup(publish_at=None), [], id="unscheduled"),
]


@pytest.mark.parametrize(("yaml", "expected"), DUPLICATE_TEXT)
def test_duplicate_text(cal: CalendarDir, yaml: str, expected: list[tuple[object, ...]]) -> None:
    cal.posts(yaml)
    assert found(cal) == expected


def test_duplicate_text_on_each_shared_channel(cal: CalendarDir) -> None:
    cal.posts(
        post("a", channels="[x, facebook, linkedin]", text=FETES)
        + post("b", channels="[facebook, linkedin]", text=FETES, publish_at="2026-12-10 09:00")
    )
    assert found(cal) == [
        P(*B_TEXT, "duplicate-text", "warning", "b", "facebook"),
        P(*B_TEXT, "duplicate-text", "warning", "b", "linkedin"),
    ]


def test_duplicate_text_message(cal: CalendarDir) -> None:
    cal.posts(dup())
    (problem,) = cal.problems()
    assert "'a'" in problem.message
    assert "calendars/posts.yaml:2" in problem.message
    assert "19 days" in problem.message


@pytest.mark.parametrize(
    ("days", "when", "expected"),
    [
        (10, "2026-12-20 09:00", []),
        (10, "2026-12-11 09:00", [P(*B_TEXT, "duplicate-text", "warning", "b", "x")]),
        (60, "2027-01-30 09:00", [P(*B_TEXT, "duplicate-text", "warning", "b", "x")]),
        (60, "2027-01-30 09:01", []),
    ],
)
def test_duplicate_text_follows_duplicate_window_days(
    write_calendar: Callable[..., CalendarDir],
    days: int,
    when: str,
    expected: list[tuple[object, ...]],
) -> None:
    cal = write_calendar(settings(duplicate_window_days=days))
    cal.posts(dup(when))
    assert found(cal) == expected


def test_duplicate_text_across_two_files(cal: CalendarDir) -> None:
    cal.posts(post("a", channels="[x]", text=FETES), name="a.yaml")
    cal.posts(post("b", channels="[x]", text=FETES, publish_at="2026-12-05 09:00"), name="b.yaml")
    problems = cal.problems()
    assert [(p.file, p.line, p.column, p.code, p.post, p.channel) for p in problems] == [
        ("calendars/b.yaml", 9, 11, "duplicate-text", "b", "x")
    ]
    assert "calendars/a.yaml:2" in problems[0].message


def test_occurrences_of_one_recurring_post_are_not_duplicates(cal: CalendarDir) -> None:
    cal.posts(post("a", channels="[x]", text=FETES, repeat='"FREQ=WEEKLY;COUNT=4"'))
    assert found(cal) == []


def test_recurring_post_and_another_with_its_text(cal: CalendarDir) -> None:
    cal.posts(
        post("a", channels="[x]", text=FETES, repeat='"FREQ=WEEKLY;COUNT=4"')
        + post("b", channels="[x]", text=FETES, publish_at="2026-12-10 09:00")
    )
    # a goes out on 12-01, 12-08, 12-15 and 12-22; b on 12-10 repeats a's text, and
    # a's occurrence of 12-15 repeats b's.
    assert found(cal) == [
        P(9, 11, "duplicate-text", "warning", "a", "x"),
        P(18, 11, "duplicate-text", "warning", "b", "x"),
    ]


def test_three_times_the_same_text(cal: CalendarDir) -> None:
    cal.posts(
        post("a", channels="[x]", text=FETES)
        + post("b", channels="[x]", text=FETES, publish_at="2026-12-20 09:00")
        + post("c", channels="[x]", text=FETES, publish_at="2027-01-10 09:00")
    )
    # c is 40 days after a, but 21 days after b.
    assert found(cal) == [
        P(17, 11, "duplicate-text", "warning", "b", "x"),
        P(25, 11, "duplicate-text", "warning", "c", "x"),
    ]


def test_duplicate_text_counts_a_date_alone(cal: CalendarDir) -> None:
    cal.posts(dup("2026-12-20"))
    assert found(cal) == [P(*B_TEXT, "duplicate-text", "warning", "b", "x")]


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        # 00:30 EDT then 01:10 EST: 100 minutes apart, 40 by the wall clock.
        pytest.param("2026-11-01 00:30", "2026-11-01T01:10:00-05:00", [], id="fall-back"),
        # 01:30 EST then 03:10 EDT: 40 minutes apart, 100 by the wall clock.
        pytest.param(
            "2027-03-14 01:30",
            "2027-03-14 03:10",
            [P(*B_WHEN, "too-close", "warning", "b", "facebook")],
            id="spring-forward",
        ),
    ],
)
def test_too_close_across_a_clock_change(
    cal: CalendarDir, a: str, b: str, expected: list[tuple[object, ...]]
) -> None:
    # Published once their day has passed: only the gap between them is judged.
    status = "published" if a < "2026-11-25" else "ready"
    cal.posts(two({"publish_at": a, "status": status}, {"publish_at": b, "status": status}))
    assert found(cal) == expected
