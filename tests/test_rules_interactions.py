"""Rules on who answers the community (``interactions:`` in settings.yaml).

Now is Wednesday 2026-11-25 08:00 in America/Toronto unless a test says
otherwise. :data:`SETTINGS` has 12 lines, so in a file written by
:func:`roster` the ``interactions:`` key is on line 13, ``response_target:``
on 14, ``roster:`` on 15 and the roster's entries from line 16 on, each on
one line as ``    - {who: KEY, ...}`` (``who``'s value at column 13).
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable

import pytest

from conftest import NOW, SETTINGS, CalendarDir, parsed
from test_rules import COL, P, found, post

Factory = Callable[..., CalendarDir]

INTERACTIONS = 13
TARGET = 14
ROSTER = 15
WHO = 13  # column of who's value in "    - {who: marie, ...}"
WHEN = (8, COL["publish_at"])  # where post() writes publish_at's value

WEEKDAYS = '- {who: marie, days: mon-fri, hours: "08:30-17:00"}'
WEEKENDS = '- {who: agence, days: [sat, sun], hours: "10:00-18:00"}'
#: The standard settings, where the agency also answers the community.
AGENCE_ANSWERS = SETTINGS.replace(
    "roles: [content], external", "roles: [content, interactions], external"
)


def roster(
    *entries: str, target: str = "4h", absences: tuple[str, ...] = (), base: str = SETTINGS
) -> str:
    """Settings with an ``interactions:`` block: ``entries`` one per line."""
    lines = ["interactions:", f"  response_target: {target}", "  roster:"]
    lines += [f"    {entry}" for entry in entries] or ["    []"]
    if not entries:
        lines[-2:] = ["  roster: []"]
    if absences:
        lines += ["  absences:", *(f"    {a}" for a in absences)]
    return base + "\n".join(lines) + "\n"


def codes(cal: CalendarDir, *wanted: str, now: str = NOW) -> list[tuple[object, ...]]:
    """The problems of the codes of this family (or ``wanted``), as :func:`P` tuples."""
    family = wanted or (
        "unknown-member",
        "not-in-interactions-role",
        "coverage-gap",
        "unattended-post",
    )
    return [p for p in found(cal, now=now) if p[2] in family]


def messages(cal: CalendarDir, code: str) -> list[str]:
    return [p.message for p in cal.problems() if p.code == code]


# -- no interactions: block, no rule ---------------------------------------------------


def test_without_a_roster_nothing_is_checked(cal: CalendarDir) -> None:
    cal.posts(post("vendredi", publish_at="2026-11-27 16:30"))
    assert codes(cal) == []


def test_a_roster_that_meets_its_target_is_clean(write_calendar: Factory) -> None:
    cal = write_calendar(
        roster(
            '- {who: marie, days: mon-sun, hours: "08:00-20:00"}',
            '- {who: agence, days: mon-sun, hours: "20:00-08:00"}',
            base=AGENCE_ANSWERS,
        )
    )
    cal.posts(post("vendredi", publish_at="2026-11-27 16:30"))
    assert found(cal) == []


# -- unknown-member / not-in-interactions-role -----------------------------------------


def test_a_roster_member_outside_the_team(write_calendar: Factory) -> None:
    cal = write_calendar(roster(WEEKDAYS, '- {who: mari, days: sat, hours: "10:00-18:00"}'))
    assert codes(cal, "unknown-member") == [P(17, WHO, "unknown-member", post=None)]
    (message,) = messages(cal, "unknown-member")
    assert message == (
        "roster: 'mari' is not in the team (did you mean 'marie'?) (team: marie, agence)"
    )


def test_a_roster_member_without_the_interactions_role(write_calendar: Factory) -> None:
    cal = write_calendar(roster(WEEKDAYS, WEEKENDS))
    assert codes(cal, "not-in-interactions-role") == [
        P(17, WHO, "not-in-interactions-role", post=None)
    ]
    (message,) = messages(cal, "not-in-interactions-role")
    assert message.startswith(
        "roster: 'agence' (Agence Bleu) is on the roster but does not have the "
        "interactions role (roles: content)"
    )


def test_an_absence_of_someone_outside_the_team(write_calendar: Factory) -> None:
    cal = write_calendar(
        roster(
            WEEKDAYS,
            absences=("- {who: marye, from: 2026-12-24}", "- {who: agence, from: 2026-12-24}"),
        )
    )
    # The agency has no interactions role, but its days off are no mistake.
    assert codes(cal, "unknown-member", "not-in-interactions-role") == [
        P(18, WHO, "unknown-member", post=None)
    ]
    assert messages(cal, "unknown-member")[0].startswith("absence: 'marye' is not in the team")


def test_members_are_found_in_block_style_too(write_calendar: Factory) -> None:
    cal = write_calendar(
        SETTINGS
        + textwrap.dedent("""\
            interactions:
              response_target: 4h
              roster:
                - days: mon-fri
                  hours: "08:30-17:00"
                  who: paul
            """)
    )
    assert codes(cal, "unknown-member") == [P(18, 12, "unknown-member", post=None)]


def test_entries_left_out_leave_their_gaps(write_calendar: Factory) -> None:
    # The agency's weekend does not count: its Friday-to-Monday gap is reported.
    cal = write_calendar(roster(WEEKDAYS, WEEKENDS, target="63h"))
    assert [p[2] for p in codes(cal)] == ["coverage-gap"] * 2 + ["not-in-interactions-role"]
    assert "2026-11-27 17:00 (Fri) to 2026-11-30 08:30 (Mon)" in messages(cal, "coverage-gap")[0]


# -- coverage-gap ----------------------------------------------------------------------------


def test_gaps_over_the_target_within_14_days(write_calendar: Factory) -> None:
    cal = write_calendar(roster(WEEKDAYS, target="16h"))
    # Nights last 15 h 30: fine. The two weekends of the next 14 days are not.
    assert codes(cal) == [P(ROSTER, 3, "coverage-gap", "warning", post=None)] * 2
    assert messages(cal, "coverage-gap") == [
        "nobody is on duty from 2026-11-27 17:00 (Fri) to 2026-11-30 08:30 (Mon): a message "
        "sent at 17:00 waits 63 h 30 min for an answer (response_target: 16 h)",
        "nobody is on duty from 2026-12-04 17:00 (Fri) to 2026-12-07 08:30 (Mon): a message "
        "sent at 17:00 waits 63 h 30 min for an answer (response_target: 16 h)",
    ]


def test_a_gap_beyond_14_days_is_not_reported(write_calendar: Factory) -> None:
    cal = write_calendar(
        roster(
            '- {who: marie, days: mon-sun, hours: "00:00-24:00"}',
            absences=("- {who: marie, from: 2026-12-10, to: 2026-12-11}",),
        )
    )
    # The window ends on 2026-12-09 at 08:00; the next day's, a day later.
    assert codes(cal) == []
    assert codes(cal, now=parsed("2026-11-26T08:00")) == [
        P(ROSTER, 3, "coverage-gap", "warning", None)
    ]


def test_a_wait_equal_to_the_target_is_fine(write_calendar: Factory) -> None:
    cal = write_calendar(roster(WEEKDAYS, target="63h30"))
    assert codes(cal) == []
    cal = write_calendar(roster(WEEKDAYS, target="63h29m"))
    assert [p[2] for p in codes(cal)] == ["coverage-gap"] * 2


def test_a_gap_in_progress_counts_from_now(write_calendar: Factory) -> None:
    cal = write_calendar(roster(WEEKDAYS, target="44h"))
    # On Saturday at noon, a message waits until Monday 08:30: 44 h 30 from now,
    # not the 63 h 30 of the whole weekend (those messages are in the past).
    first, *others = [
        p for p in cal.problems(now=parsed("2026-11-28T12:00")) if p.code == "coverage-gap"
    ]
    assert first.message == (
        "nobody is on duty from 2026-11-28 12:00 (Sat) to 2026-11-30 08:30 (Mon): a message "
        "sent at 12:00 waits 44 h 30 min for an answer (response_target: 44 h)"
    )
    assert len(others) == 2  # the next two weekends, to 2026-12-12 12:00
    # An hour later, 43 h 30 are left: within the target. The next two weekends are not.
    later = [
        p.message for p in cal.problems(now=parsed("2026-11-28T13:00")) if p.code == "coverage-gap"
    ]
    assert [m[:42] for m in later] == [
        "nobody is on duty from 2026-12-04 17:00 (F",
        "nobody is on duty from 2026-12-11 17:00 (F",
    ]


def test_an_empty_roster_is_one_endless_gap(write_calendar: Factory) -> None:
    cal = write_calendar(roster())
    assert messages(cal, "coverage-gap") == [
        "nobody is on duty from 2026-11-25 08:00 (Wed) on: a message sent at 08:00 no one "
        "comes on duty within a year for an answer (response_target: 4 h)"
    ]


def test_the_autumn_change_makes_a_night_an_hour_longer(write_calendar: Factory) -> None:
    """21:00 to 09:00 is 12 wall-clock hours, but 13 real ones on the night clocks go back."""
    cal = write_calendar(
        roster('- {who: marie, days: mon-sun, hours: "09:00-21:00"}', target="12h")
    )
    now = "2026-10-25T08:00"
    problems = [p for p in cal.problems(now=now) if p.code == "coverage-gap"]
    assert [p.message for p in problems] == [
        "nobody is on duty from 2026-10-31 21:00 (Sat) to 2026-11-01 09:00 (Sun): a message "
        "sent at 21:00 waits 13 h for an answer (response_target: 12 h)"
    ]
    # In spring the same night is 11 hours: nothing to report.
    assert [
        p for p in cal.problems(now=parsed("2027-03-08T08:00")) if p.code == "coverage-gap"
    ] == []


# -- unattended-post -------------------------------------------------------------------------


def test_a_friday_afternoon_post_without_a_weekend_roster(write_calendar: Factory) -> None:
    cal = write_calendar(roster(WEEKDAYS, target="16h"))
    cal.posts(post("vendredi", publish_at="2026-11-27 16:30"))
    assert codes(cal, "unattended-post") == [
        P(*WHEN, "unattended-post", "warning", post="vendredi")
    ]
    assert messages(cal, "unattended-post") == [
        "goes out 2026-11-27 16:30 (Fri) and nobody is on duty from 17:00: its first comments "
        "would wait up to 63 h 30 min for an answer (response_target: 16 h)"
    ]


def test_a_post_when_nobody_is_there_at_all(write_calendar: Factory) -> None:
    cal = write_calendar(roster(WEEKDAYS, target="16h"))
    cal.posts(post("samedi", publish_at="2026-11-28 10:00"))
    assert messages(cal, "unattended-post") == [
        "goes out 2026-11-28 10:00 (Sat) and nobody is on duty when it goes out: its first "
        "comments would wait up to 46 h 30 min for an answer (response_target: 16 h)"
    ]


@pytest.mark.parametrize(
    ("publish_at", "expected"),
    [
        pytest.param("2026-11-27 09:00", [], id="covered"),
        pytest.param("2026-11-27 14:30", [], id="answered-before-the-end"),
        pytest.param("2026-11-27 15:01", ["unattended-post"], id="a-minute-into-the-gap"),
        pytest.param("2026-11-26 16:30", [], id="thursday-night-within-target"),
        pytest.param("2026-11-27", [], id="date-only"),
        pytest.param(None, [], id="unscheduled"),
        pytest.param("2026-11-20 16:30", [], id="past"),
        pytest.param("2026-11-25T06:30:00-05:00", [], id="its-comments-are-over"),
    ],
)
def test_which_posts_are_looked_at(
    write_calendar: Factory, publish_at: str | None, expected: list[str]
) -> None:
    cal = write_calendar(roster(WEEKDAYS, target="16h"))
    cal.posts(post("p", publish_at=publish_at, status="draft"))
    assert [p[2] for p in codes(cal, "unattended-post")] == expected


def test_a_post_whose_comments_are_still_arriving(write_calendar: Factory) -> None:
    cal = write_calendar(roster(WEEKDAYS, target="16h"))
    cal.posts(post("p", publish_at="2026-11-27 16:30", status="published"))
    assert [p[2] for p in codes(cal, "unattended-post", now=parsed("2026-11-27T18:00"))] == [
        "unattended-post"
    ]


def test_a_cancelled_post_is_left_out(write_calendar: Factory) -> None:
    cal = write_calendar(roster(WEEKDAYS, target="16h"))
    cal.posts(post("p", publish_at="2026-11-27 16:30", status="cancelled"))
    assert codes(cal, "unattended-post") == []


def test_each_occurrence_of_a_recurring_post(write_calendar: Factory) -> None:
    cal = write_calendar(
        roster(WEEKDAYS, target="16h", absences=("- {who: marie, from: 2026-12-08}",))
    )
    cal.posts(post("hebdo", publish_at="2026-11-24 16:00", repeat="FREQ=WEEKLY;COUNT=4"))
    # Tuesdays at 16:00: nights are within the target, but not the day Marie is away
    # (16:00 to Wednesday 08:30). The first occurrence is past.
    assert codes(cal, "unattended-post") == [P(*WHEN, "unattended-post", "warning", post="hebdo")]
    assert messages(cal, "unattended-post") == [
        "goes out 2026-12-08 16:00 (Tue) and nobody is on duty when it goes out: its first "
        "comments would wait up to 16 h 30 min for an answer (response_target: 16 h)"
    ]


def test_a_post_with_an_offset_is_an_instant(write_calendar: Factory) -> None:
    cal = write_calendar(roster(WEEKDAYS, target="16h"))
    # 21:30 UTC is 16:30 in Toronto.
    cal.posts(post("p", publish_at="2026-11-27T21:30:00Z"))
    assert [p[2] for p in codes(cal, "unattended-post")] == ["unattended-post"]
    assert "2026-11-27 16:30 (Fri)" in messages(cal, "unattended-post")[0]


# -- the shape of interactions: (settings problems, at their line) -----------------------------


BAD_SETTINGS = [
    pytest.param(
        "  response_target: 4\n  roster: []\n",
        (TARGET, 20, "interactions.response_target: write the duration as text with its unit"),
        id="target-number",
    ),
    pytest.param(
        "  response_target: 1h5\n  roster: []\n",
        (TARGET, 20, "(1h05)"),
        id="target-minutes",
    ),
    pytest.param(
        "  response_target: 4h\n  roster:\n"
        '    - {who: marie, days: mon-fir, hours: "09:00-17:00"}\n',
        (16, 26, "interactions.roster[0].days: 'mon-fir' is not a day or a range of days"),
        id="days",
    ),
    pytest.param(
        "  response_target: 4h\n  roster:\n    - {who: marie, days: mon, hours: 9-17}\n",
        (16, 38, "interactions.roster[0].hours: '9-17' is not a span of hours"),
        id="hours",
    ),
    pytest.param(
        "  response_target: 4h\n  roster:\n    - {who: marie, days: mon}\n",
        (16, 7, "interactions.roster[0].hours is required"),
        id="hours-missing",
    ),
    pytest.param(
        "  roster: []\n",
        (INTERACTIONS + 1, 3, "interactions.response_target is required"),  # the mapping
        id="target-missing",
    ),
    pytest.param(
        "  response_target: 4h\n  roster: []\n  absences:\n"
        "    - {who: marie, from: 2026-12-24, to: 2026-12-01}\n",
        (17, 42, "interactions.absences[0].to: to (2026-12-01) is before from (2026-12-24)"),
        id="absence-backwards",
    ),
    pytest.param(
        "  response_target: 4h\n  roster: []\n  absences:\n    - {who: marie, from: 24/12}\n",
        (17, 26, "interactions.absences[0].from: '24/12' is not a day"),
        id="absence-date",
    ),
    pytest.param(
        '  response_target: 4h\n  roster:\n    - {who: marie, days: mon, hours: "9:00-17:00", '
        "hour: 1}\n",
        (16, 52, "unknown key 'hour'"),
        id="unknown-key",
    ),
]


@pytest.mark.parametrize(("block", "expected"), BAD_SETTINGS)
def test_a_malformed_block_is_a_settings_problem_at_its_line(
    write_calendar: Factory, block: str, expected: tuple[int, int, str]
) -> None:
    cal = write_calendar(SETTINGS + "interactions:\n" + block)
    problems = cal.problems()
    assert [(p.line, p.column, p.code) for p in problems] == [
        (expected[0], expected[1], "settings")
    ]
    assert expected[2] in problems[0].message


def test_interactions_must_be_a_mapping(write_calendar: Factory) -> None:
    cal = write_calendar(SETTINGS + "interactions: [marie]\n")
    assert [(p.line, p.column, p.message) for p in cal.problems()] == [
        (INTERACTIONS, 15, "interactions should be a mapping, not a list")
    ]


def test_a_misspelt_key_below_interactions_suggests_the_closest(write_calendar: Factory) -> None:
    cal = write_calendar(
        SETTINGS + "interactions:\n  response_target: 4h\n  rooster: []\n  roster: []\n"
    )
    assert [p.message for p in cal.problems()] == ["unknown key 'rooster' (did you mean 'roster'?)"]


def test_the_gap_rule_documents_its_window() -> None:
    from gc_cli.query.coverage import DEFAULT_DAYS
    from gc_cli.rules import all_rules

    rule = next(r for r in all_rules() if r.code == "coverage-gap")
    assert f"next {DEFAULT_DAYS} days" in rule.summary
