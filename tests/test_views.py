"""The data of ``list``, ``calendar`` and ``report`` (gc_cli.query.views): filters, order,
windows, recurrences across daylight-saving changes, month grids, report figures.

The standard settings of conftest: America/Toronto; facebook, instagram, linkedin,
x, mastodon, bluesky; marie (internal) and agence (external). Now is
2026-11-25 08:00 -05:00 unless a test says otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

import pytest

from conftest import NOW, NOW_DT, CalendarDir, Invoke, as_values, parsed
from gc_cli.errors import BadArgument, CalendarUnusable
from gc_cli.planning import report as reporting
from gc_cli.query import select as selection
from gc_cli.query import window
from gc_cli.query.grid import month_grid
from gc_cli.store.calendar import Calendar

BASE: dict[str, str] = {
    "kind": "other",
    "status": "ready",
    "owner": "marie",
    "channels": "[facebook]",
}


def post(pid: str, publish_at: str | None = None, **fields: str) -> str:
    """A post as a YAML list item; ``publish_at`` quoted as written, other values raw."""
    values = {"title": f"Titre {pid}", **BASE, **fields}
    lines = [f"- id: {pid}"]
    if publish_at is not None:
        lines.append(f"  publish_at: {publish_at}")
    lines += [f"  {key}: {value}" for key, value in values.items()]
    return "\n".join(lines) + "\n"


def load(cal: CalendarDir) -> Calendar:
    return selection.load(cal.root, cwd=cal.root.parent)


def ids(items: list[selection.Item]) -> list[str]:
    return [i.id if i.occurrence is None else f"{i.id}@{i.occurrence}" for i in items]


def times(items: list[selection.Item]) -> list[str | None]:
    return [i.publish_at for i in items]


def select(cal: CalendarDir, **kwargs: Any) -> list[selection.Item]:
    return selection.select(load(cal), **as_values(kwargs))


# -- order ----------------------------------------------------------------------


def test_order_is_day_then_date_only_then_instant_then_unscheduled(cal: CalendarDir) -> None:
    cal.posts(
        post("undated-b")
        + post("dec2-0900", "2026-12-02 09:00")
        + post("dec2-day", "2026-12-02")
        + post("dec1-1800", "2026-12-01 18:00")
        # An offset other than the root's: 07:30 -06:00 is 08:30 in Toronto.
        + post("dec2-0830", "2026-12-02T07:30:00-06:00")
        # 01:00 +01:00 on the 3rd is still the evening of the 2nd in Toronto.
        + post("dec2-1900", "2026-12-03T01:00:00+01:00")
        + post("undated-a"),
    )
    items = select(cal)
    assert ids(items) == [
        "dec1-1800",
        "dec2-day",
        "dec2-0830",
        "dec2-0900",
        "dec2-1900",
        "undated-b",
        "undated-a",
    ]
    assert times(items) == [
        "2026-12-01T18:00-05:00",
        "2026-12-02",
        "2026-12-02T08:30-05:00",
        "2026-12-02T09:00-05:00",
        "2026-12-02T19:00-05:00",
        None,
        None,
    ]


def test_same_time_keeps_the_order_of_the_files(cal: CalendarDir) -> None:
    cal.posts(post("b-first", "2026-12-01 09:00"), name="a.yaml")
    cal.posts(post("a-second", "2026-12-01 09:00"), name="b.yaml")
    # The same instant written with an offset, in a third file.
    cal.posts(post("0-third", "2026-12-01T14:00:00Z"), name="c.yaml")
    assert ids(select(cal)) == ["b-first", "a-second", "0-third"]


def test_same_wall_time_in_the_fold_is_ordered_by_instant(cal: CalendarDir) -> None:
    # 01:30 happens twice on 2026-11-01: -05:00 (second) must come after -04:00.
    cal.posts(
        post("second", "2026-11-01T01:30:00-05:00") + post("first", "2026-11-01T01:30:00-04:00")
    )
    items = select(cal)
    assert ids(items) == ["first", "second"]
    assert times(items) == ["2026-11-01T01:30-04:00", "2026-11-01T01:30-05:00"]


def test_item_fields(cal: CalendarDir) -> None:
    cal.posts(
        post(
            "full",
            "2026-12-04 09:00",
            kind="article",
            channels="[facebook, linkedin]",
            status="scheduled",
            owner="agence",
            campaign="fetes-2026",
            tags="[fetes, blogue]",
            text="Bonjour",
            link="https://example.org/a",
            images="[{path: images/a.jpg, alt: Une vitrine}, {path: images/b.png}]",
        )
    )
    (item,) = select(cal)
    assert item.to_dict() == {
        "id": "full",
        "occurrence": None,
        "publish_at": "2026-12-04T09:00-05:00",
        "kind": "article",
        "title": "Titre full",
        "channels": ["facebook", "linkedin"],
        "status": "scheduled",
        "owner": "agence",
        "campaign": "fetes-2026",
        "tags": ["fetes", "blogue"],
        "text": "Bonjour",
        "link": "https://example.org/a",
        "images": [
            {"path": "images/a.jpg", "alt": "Une vitrine"},
            {"path": "images/b.png", "alt": None},
        ],
        "file": "calendars/posts.yaml",
        "line": 2,
    }
    assert list(item.to_dict()) == list(selection.ITEM_FIELDS)


# -- recurring posts --------------------------------------------------------------


def test_weekly_rule_keeps_wall_time_across_the_november_change(cal: CalendarDir) -> None:
    # Clocks go back on Sunday 2026-11-01 in Toronto: -04:00 before, -05:00 after.
    cal.posts(post("vendredi", "2026-10-23 09:00", repeat="FREQ=WEEKLY;BYDAY=FR;COUNT=4"))
    items = select(cal)
    assert times(items) == [
        "2026-10-23T09:00-04:00",
        "2026-10-30T09:00-04:00",
        "2026-11-06T09:00-05:00",
        "2026-11-13T09:00-05:00",
    ]
    assert [i.occurrence for i in items] == [
        date(2026, 10, 23),
        date(2026, 10, 30),
        date(2026, 11, 6),
        date(2026, 11, 13),
    ]
    assert [i.series for i in items] == [(1, 4), (2, 4), (3, 4), (4, 4)]
    # Same wall time, so 7 days apart in the calendar but 169 hours apart in time.
    _, second, third, _ = (i.when for i in items)
    assert isinstance(second, datetime) and isinstance(third, datetime)
    assert third - second == timedelta(days=7)
    assert third.timestamp() - second.timestamp() == 169 * 3600


def test_count_gives_that_many_occurrences(cal: CalendarDir) -> None:
    cal.posts(post("daily", "2026-12-01 12:00", repeat="FREQ=DAILY;INTERVAL=2;COUNT=3"))
    assert ids(select(cal)) == ["daily@2026-12-01", "daily@2026-12-03", "daily@2026-12-05"]


def test_until_is_inclusive_of_an_occurrence_at_that_time(cal: CalendarDir) -> None:
    cal.posts(post("hebdo", "2026-11-06 09:00", repeat="FREQ=WEEKLY;UNTIL=20261120T090000"))
    assert times(select(cal)) == [
        "2026-11-06T09:00-05:00",
        "2026-11-13T09:00-05:00",
        "2026-11-20T09:00-05:00",
    ]


def test_until_before_a_later_occurrence_stops_there(cal: CalendarDir) -> None:
    cal.posts(post("hebdo", "2026-11-06 09:00", repeat="FREQ=WEEKLY;UNTIL=20261119T235900"))
    assert ids(select(cal)) == ["hebdo@2026-11-06", "hebdo@2026-11-13"]


def test_until_as_a_date_keeps_that_day(cal: CalendarDir) -> None:
    """A date-only UNTIL (RFC 5545 allows it with a timed DTSTART) includes that whole day."""
    cal.posts(post("hebdo", "2026-11-06 09:00", repeat="FREQ=WEEKLY;UNTIL=20261120"))
    assert ids(select(cal)) == ["hebdo@2026-11-06", "hebdo@2026-11-13", "hebdo@2026-11-20"]
    assert "bad-repeat" not in {p.code for p in cal.problems()}


def test_until_in_utc_is_an_instant(cal: CalendarDir) -> None:
    # 15:00Z on 2026-11-20 is 10:00 in Toronto: the 12:00 occurrence of that day is after it.
    cal.posts(post("midi", "2026-11-06 12:00", repeat="FREQ=WEEKLY;UNTIL=20261120T150000Z"))
    assert ids(select(cal)) == ["midi@2026-11-06", "midi@2026-11-13"]


def test_date_only_rule_gives_dates(cal: CalendarDir) -> None:
    cal.posts(post("jour", "2026-12-04", repeat="FREQ=WEEKLY;COUNT=2"))
    items = select(cal)
    assert times(items) == ["2026-12-04", "2026-12-11"]
    assert [i.occurrence for i in items] == [date(2026, 12, 4), date(2026, 12, 11)]


def test_expansion_is_bounded_by_the_window(cal: CalendarDir) -> None:
    cal.posts(post("pain", "2027-01-08 09:00", repeat="FREQ=WEEKLY;BYDAY=FR;COUNT=8"))
    items = select(cal, start=parsed("2027-01-20"), end=parsed("2027-01-31"))
    assert ids(items) == ["pain@2027-01-22", "pain@2027-01-29"]
    assert [i.series for i in items] == [(3, 8), (4, 8)]
    assert [i.line for i in items] == [2, 2]


def test_occurrences_interleave_with_other_posts(cal: CalendarDir) -> None:
    cal.posts(
        post("pain", "2027-01-01 09:00", repeat="FREQ=WEEKLY;COUNT=3")
        + post("mardi", "2027-01-05 09:00")
        + post("vendredi", "2027-01-08 08:00")
    )
    assert ids(select(cal)) == [
        "pain@2027-01-01",
        "mardi",
        "vendredi",
        "pain@2027-01-08",
        "pain@2027-01-15",
    ]


def test_a_bad_rule_is_left_out_and_noted(cal: CalendarDir) -> None:
    cal.posts(post("jamais", "2026-12-01 09:00", repeat="FREQ=WEEKLY") + post("ok", "2026-12-02"))
    calendar = load(cal)
    assert ids(selection.select(calendar)) == ["ok"]
    assert selection.loading_note(calendar) == (
        "the calendar has errors: bad repeat rule in jamais; 1 post left out "
        "(gc-cli check shows where)"
    )


def test_a_rule_without_publish_at_is_an_unscheduled_post(cal: CalendarDir) -> None:
    cal.posts(post("sans-date", repeat="FREQ=WEEKLY;COUNT=2"))
    items = select(cal)
    assert [(i.id, i.occurrence, i.publish_at) for i in items] == [("sans-date", None, None)]


# -- windows ----------------------------------------------------------------------

WINDOW_POSTS = (
    post("nov30-late", "2026-11-30 23:59")
    + post("dec1-early", "2026-12-01 00:00")
    + post("dec1-day", "2026-12-01")
    + post("dec15-noon", "2026-12-15 12:00")
    + post("dec31-late", "2026-12-31 23:30")
    + post("jan1-early", "2027-01-01 00:00")
    + post("undated")
)


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        pytest.param(
            None,
            None,
            [
                "nov30-late",
                "dec1-day",
                "dec1-early",
                "dec15-noon",
                "dec31-late",
                "jan1-early",
                "undated",
            ],
            id="everything",
        ),
        pytest.param(
            "2026-12-01",
            "2026-12-31",
            ["dec1-day", "dec1-early", "dec15-noon", "dec31-late"],
            id="dates-are-whole-days",
        ),
        pytest.param(
            "2026-12-15",
            None,
            ["dec15-noon", "dec31-late", "jan1-early"],
            id="from-only-leaves-unscheduled-out",
        ),
        pytest.param(None, "2026-11-30", ["nov30-late"], id="to-only"),
        pytest.param(
            "2026-12-15 12:00",
            "2026-12-31 23:30",
            ["dec15-noon", "dec31-late"],
            id="times-included",
        ),
        pytest.param("2026-12-15 12:01", "2026-12-31 23:29", [], id="times-exclusive-of-others"),
        pytest.param(
            "2026-12-01 08:00", "2026-12-01 09:00", ["dec1-day"], id="date-only-day-touched"
        ),
        pytest.param(
            "2026-12-01T05:00:00Z", "2026-12-01T05:00:00Z", ["dec1-day", "dec1-early"], id="utc"
        ),
        pytest.param(date(2026, 12, 31), date(2026, 12, 31), ["dec31-late"], id="date-objects"),
        pytest.param(
            datetime(2026, 12, 15, 12, 0),
            None,
            ["dec15-noon", "dec31-late", "jan1-early"],
            id="naive",
        ),
    ],
)
def test_window(cal: CalendarDir, start: Any, end: Any, expected: list[str]) -> None:
    cal.posts(WINDOW_POSTS)
    assert ids(select(cal, start=start, end=end)) == expected


def test_a_window_across_the_25_hour_day(cal: CalendarDir) -> None:
    # 2026-11-01 lasts 25 hours in Toronto; its 23:30 post is inside "--to 2026-11-01".
    cal.posts(post("late", "2026-11-01 23:30") + post("next", "2026-11-02 00:00"))
    assert ids(select(cal, start=parsed("2026-11-01"), end=parsed("2026-11-01"))) == ["late"]


def test_a_window_that_ends_before_it_starts_names_its_end(cal: CalendarDir) -> None:
    cal.posts(WINDOW_POSTS)
    with pytest.raises(BadArgument) as caught:
        select(cal, start="2026-12-31", end="2026-12-01")
    assert (caught.value.parameter, caught.value.exit_code) == ("end", 2)
    assert str(caught.value) == "end: 2026-12-01 is before the start (2026-12-31)"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--from", "2026-12-31", "--to", "2026-12-01"), "--to: 2026-12-01 is before the start"),
        (("--from", "2026-13-01"), "--from: '2026-13-01' is not a valid date (month must be in"),
        (("--to", "bientôt"), "--to: 'bientôt' is not a date: write 2026-12-01, 2026-12-01 "),
    ],
)
def test_bad_windows_are_usage_errors_naming_the_option(
    cal: CalendarDir, gc: Callable[..., Invoke], args: tuple[str, ...], message: str
) -> None:
    cal.posts(WINDOW_POSTS)
    out = gc("list", *args, "--now", NOW, cwd=cal.root.parent)
    assert out.exit_code == 2
    assert out.stderr.startswith(f"gc-cli: {message}"), out.stderr


# -- filters ----------------------------------------------------------------------

FILTER_POSTS = (
    post(
        "a",
        "2026-12-01 09:00",
        kind="article",
        channels="[facebook, linkedin]",
        status="scheduled",
        owner="agence",
        campaign="fetes",
    )
    + post("b", "2026-12-02 09:00", kind="product", channels="[instagram]", status="draft")
    + post("c", "2026-12-03", kind="team", channels="[linkedin, x]", status="idea", campaign="rh")
    + post("d", kind="article", channels="[mastodon]", status="ready", owner="agence")
    + post("e", "2026-12-04 09:00", kind="video", channels="[bluesky]", status="cancelled")
)


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"channel": "linkedin"}, ["a", "c"]),
        ({"channel": ["instagram", "mastodon"]}, ["b", "d"]),
        ({"kind": "article"}, ["a", "d"]),
        ({"kind": ["team", "video"]}, ["c", "e"]),
        ({"status": "cancelled"}, ["e"]),
        ({"status": ["idea", "draft"]}, ["b", "c"]),
        ({"owner": "agence"}, ["a", "d"]),
        ({"owner": "marie"}, ["b", "c", "e"]),
        ({"campaign": "fetes"}, ["a"]),
        ({"campaign": ["fetes", "rh"]}, ["a", "c"]),
        ({"unscheduled": True}, ["d"]),
        ({"kind": "article", "owner": "agence", "channel": "linkedin"}, ["a"]),
        ({"kind": "article", "unscheduled": True}, ["d"]),
        ({"channel": "linkedin", "start": "2026-12-02"}, ["c"]),
        ({"status": "ready", "channel": "facebook"}, []),
    ],
)
def test_filters(cal: CalendarDir, filters: dict[str, Any], expected: list[str]) -> None:
    cal.posts(FILTER_POSTS)
    assert ids(select(cal, **filters)) == expected


@pytest.mark.parametrize(
    ("filters", "message"),
    [
        (
            {"channel": "facebok"},
            "channel: no channel 'facebok' (did you mean 'facebook'?); known: bluesky, "
            "facebook, instagram, linkedin, mastodon, x",
        ),
        ({"channel": "threads"}, "channel: no channel 'threads'; known: bluesky, "),
        ({"kind": "articles"}, "kind: no kind 'articles' (did you mean 'article'?); known: "),
        ({"status": "done"}, "status: no status 'done'; known: cancelled, draft, idea, "),
        ({"owner": "mari"}, "owner: no owner 'mari' (did you mean 'marie'?); known: agence, "),
        ({"campaign": "fete"}, "campaign: no campaign 'fete' (did you mean 'fetes'?); known: "),
        (
            {"unscheduled": True, "end": "2026-12-31"},
            "unscheduled: lists the posts without a date, so a window does not apply",
        ),
    ],
)
def test_filter_values_that_match_nothing_are_usage_errors(
    cal: CalendarDir, filters: dict[str, Any], message: str
) -> None:
    cal.posts(FILTER_POSTS)
    with pytest.raises(BadArgument) as caught:
        select(cal, **filters)
    assert str(caught.value).startswith(message)
    assert caught.value.exit_code == 2


# -- loading ------------------------------------------------------------------------


def test_unusable_settings_stop_every_view(write_calendar: Any) -> None:
    cal = write_calendar(settings="timezone: Mars/Olympus\nchannels: {facebook: {}}\n")
    cal.posts(post("a", "2026-12-01 09:00"))
    with pytest.raises(CalendarUnusable) as caught:
        load(cal)
    assert caught.value.exit_code == 1
    assert str(caught.value).startswith("calendars/settings.yaml:1:11: timezone: unknown time zone")


def test_unreadable_posts_are_noted(cal: CalendarDir) -> None:
    cal.posts(post("bon", "2026-12-01 09:00") + post("mauvais", "2026-12-02 09:00", kind="blog"))
    calendar = load(cal)
    assert ids(selection.select(calendar)) == ["bon"]
    assert selection.loading_note(calendar) == (
        "the calendar has errors: 1 post could not be read; 1 post left out "
        "(gc-cli check shows where)"
    )


def test_an_error_that_costs_no_post_is_still_noted(cal: CalendarDir) -> None:
    cal.posts(post("double", "2026-12-01 09:00", kind="article") + "  kind: product\n")
    calendar = load(cal)
    assert ids(selection.select(calendar)) == ["double"]
    assert selection.loading_note(calendar) == (
        "the calendar has errors; anything that could not be read is left out "
        "(gc-cli check shows where)"
    )


def test_a_file_that_is_not_yaml_is_noted(cal: CalendarDir) -> None:
    cal.posts(post("bon", "2026-12-01 09:00"))
    cal.write("casse.yaml", "posts: [\n")
    calendar = load(cal)
    assert ids(selection.select(calendar)) == ["bon"]
    assert selection.loading_note(calendar) == (
        "the calendar has errors; anything that could not be read is left out "
        "(gc-cli check shows where)"
    )


def test_a_clean_calendar_has_no_note(cal: CalendarDir) -> None:
    cal.posts(post("bon", "2026-12-01 09:00"))
    assert selection.loading_note(load(cal)) is None


def test_clock(cal: CalendarDir) -> None:
    cal.posts(post("bon"))
    calendar = load(cal)
    assert window.clock(calendar, NOW_DT).isoformat() == "2026-11-25T08:00:00-05:00"
    summer = window.clock(calendar, datetime(2026, 7, 1, 12))  # naive: a local wall time
    assert summer.isoformat() == "2026-07-01T12:00:00-04:00"


def test_a_bad_now_is_a_usage_error(cal: CalendarDir, gc: Callable[..., Invoke]) -> None:
    cal.posts(post("bon"))
    out = gc("list", "--now", "hier", cwd=cal.root.parent)
    assert out.exit_code == 2
    assert out.stderr.startswith("gc-cli: --now: 'hier' is relative, and --now is what")


# -- month grid -----------------------------------------------------------------------


def test_month_grid(cal: CalendarDir) -> None:
    cal.posts(
        post("nov30", "2026-11-30 09:00")
        + post("dec1", "2026-12-01 09:00", channels="[facebook, x]")
        + post("dec1-day", "2026-12-01", channels="[linkedin]")
        + post("dec24", "2026-12-24 10:00", status="cancelled")
        + post("dec31", "2026-12-31 23:30")
        + post("jan1", "2027-01-01 00:00")
        + post("undated")
    )
    grid = month_grid(load(cal), date(2026, 12, 1), now=parsed("2026-12-10T08:00"))
    assert (grid.year, grid.month, grid.today) == (2026, 12, date(2026, 12, 10))
    # December 2026 starts on a Tuesday and ends on a Thursday: five weeks, Monday first.
    assert [week[0].date for week in grid.weeks] == [
        date(2026, 11, 30),
        date(2026, 12, 7),
        date(2026, 12, 14),
        date(2026, 12, 21),
        date(2026, 12, 28),
    ]
    assert all(len(week) == 7 for week in grid.weeks)
    first_week = grid.weeks[0]
    # The neighbouring month's days are there, empty.
    assert (first_week[0].in_month, first_week[0].items) == (False, [])
    assert [i.id for i in first_week[1].items] == ["dec1-day", "dec1"]
    assert first_week[1].channels == {"facebook", "x", "linkedin"}
    assert [d.date.day for w in grid.weeks for d in w if d.today] == [10]
    assert [d.date.day for w in grid.weeks for d in w if d.past and d.in_month] == list(
        range(1, 10)
    )
    assert [i.id for i in grid.items] == ["dec1-day", "dec1", "dec31"]  # no cancelled post
    assert grid.unscheduled == 1
    assert grid.channels == ["facebook", "instagram", "linkedin", "x", "mastodon", "bluesky"]


def test_month_grid_defaults_to_the_month_of_now(cal: CalendarDir) -> None:
    cal.posts(post("a", "2027-02-14"))
    grid = month_grid(load(cal), now=parsed("2027-02-28T23:59"))
    assert (grid.year, grid.month, len(grid.weeks)) == (2027, 2, 4)
    assert [i.id for i in grid.items] == ["a"]


@pytest.mark.parametrize("month", ["2026-13", "12-2026", "2026-1", "décembre"])
def test_bad_month(cal: CalendarDir, gc: Callable[..., Invoke], month: str) -> None:
    cal.posts(post("a"))
    out = gc("calendar", "--month", month, "--now", NOW, cwd=cal.root.parent)
    assert out.exit_code == 2
    assert re.match(r"^gc-cli: --month: .* is not a month: write YYYY-MM \(2026-12\)$", out.stderr)


# -- report -----------------------------------------------------------------------------

REPORT_POSTS = (
    post(
        "art",
        "2026-11-25 12:00",
        kind="article",
        owner="agence",
        channels="[facebook, linkedin]",
        images="[{path: a.jpg, alt: A}]",
    )
    + post("prod", "2026-11-27", kind="product", status="draft", channels="[instagram]")
    + post("idee", "2026-12-10 09:00", kind="product", status="idea", images="[{path: b.jpg}]")
    + post(
        "hebdo",
        "2026-11-20 09:00",
        kind="team",
        status="draft",
        repeat="FREQ=WEEKLY;COUNT=3",
        owner="null",
    )
    + post("annule", "2026-11-26 09:00", status="cancelled")
    + post("hors", "2026-12-20 09:00")
    + post("sans-date")
)


def test_report(cal: CalendarDir) -> None:
    cal.posts(REPORT_POSTS)
    report = reporting.report(
        load(cal), start=parsed("2026-11-25"), end=parsed("2026-12-10"), now=NOW_DT
    )
    assert report.to_dict() == {
        "from": "2026-11-25",
        "to": "2026-12-10",
        "days": 16,
        "now": "2026-11-25T08:00-05:00",
        "posts": 5,
        "date_only": 1,
        "cancelled": 1,
        "unscheduled": 1,
        "by_kind": [
            {
                "kind": "article",
                "posts": 1,
                "share": 0.2,
                "channels": {
                    "facebook": 1,
                    "instagram": 0,
                    "linkedin": 1,
                    "x": 0,
                    "mastodon": 0,
                    "bluesky": 0,
                },
            },
            {
                "kind": "product",
                "posts": 2,
                "share": 0.4,
                "channels": {
                    "facebook": 1,
                    "instagram": 1,
                    "linkedin": 0,
                    "x": 0,
                    "mastodon": 0,
                    "bluesky": 0,
                },
            },
            {
                "kind": "facility",
                "posts": 0,
                "share": 0.0,
                "channels": dict.fromkeys(
                    ["facebook", "instagram", "linkedin", "x", "mastodon", "bluesky"], 0
                ),
            },
            {
                "kind": "team",
                "posts": 2,
                "share": 0.4,
                "channels": {
                    "facebook": 2,
                    "instagram": 0,
                    "linkedin": 0,
                    "x": 0,
                    "mastodon": 0,
                    "bluesky": 0,
                },
            },
            {
                "kind": "video",
                "posts": 0,
                "share": 0.0,
                "channels": dict.fromkeys(
                    ["facebook", "instagram", "linkedin", "x", "mastodon", "bluesky"], 0
                ),
            },
            {
                "kind": "event",
                "posts": 0,
                "share": 0.0,
                "channels": dict.fromkeys(
                    ["facebook", "instagram", "linkedin", "x", "mastodon", "bluesky"], 0
                ),
            },
            {
                "kind": "other",
                "posts": 0,
                "share": 0.0,
                "channels": dict.fromkeys(
                    ["facebook", "instagram", "linkedin", "x", "mastodon", "bluesky"], 0
                ),
            },
        ],
        "by_channel": [
            {"channel": "facebook", "posts": 4, "share": 0.8},
            {"channel": "instagram", "posts": 1, "share": 0.2},
            {"channel": "linkedin", "posts": 1, "share": 0.2},
            {"channel": "x", "posts": 0, "share": 0.0},
            {"channel": "mastodon", "posts": 0, "share": 0.0},
            {"channel": "bluesky", "posts": 0, "share": 0.0},
        ],
        "owners": [
            {
                "owner": "marie",
                "name": "Marie Tremblay",
                "external": False,
                "posts": 2,
                "share": 0.4,
                "kinds": {"product": 2},
                "duty_hours": None,  # no interactions: block, so no roster
            },
            {
                "owner": "agence",
                "name": "Agence Bleu",
                "external": True,
                "posts": 1,
                "share": 0.2,
                "kinds": {"article": 1},
                "duty_hours": None,
            },
            {
                "owner": None,
                "name": None,
                "external": False,
                "posts": 2,
                "share": 0.4,
                "kinds": {"team": 2},
                "duty_hours": None,
            },
        ],
        "on_duty_share": None,
        "internal": 2,
        "external": 1,
        "unowned": 2,
        "days_without_post": [
            "2026-11-26",
            "2026-11-28",
            "2026-11-29",
            "2026-11-30",
            "2026-12-01",
            "2026-12-02",
            "2026-12-03",
            "2026-12-05",
            "2026-12-06",
            "2026-12-07",
            "2026-12-08",
            "2026-12-09",
        ],
        "with_picture": 2,
        "picture_share": 0.4,
        "not_ready": [
            # Midnight of its day, minus now: 1 day and 16 hours.
            {
                "id": "prod",
                "occurrence": None,
                "publish_at": "2026-11-27",
                "status": "draft",
                "owner": "marie",
                "hours_left": 40,
            },
            {
                "id": "hebdo",
                "occurrence": "2026-11-27",
                "publish_at": "2026-11-27T09:00-05:00",
                "status": "draft",
                "owner": None,
                "hours_left": 49,
            },
        ],
        # The agency's post is ready without an in-house approval (rules.approval: external).
        "awaiting_approval": [
            {
                "id": "art",
                "publish_at": "2026-11-25T12:00-05:00",
                "status": "ready",
                "owner": "agence",
                "approved_by": None,
                "approvers": ["marie"],
            }
        ],
    }


def test_report_lists_drafts_whose_date_passed(cal: CalendarDir) -> None:
    cal.posts(post("en-retard", "2026-11-24 09:00", status="draft"))
    report = reporting.report(load(cal), start=parsed("2026-11-20"), now=NOW_DT)
    assert [(p.item.id, p.left) for p in report.pending] == [("en-retard", timedelta(hours=-23))]
    assert report.to_dict()["not_ready"][0]["hours_left"] == -23


def test_report_default_window_is_30_days_from_today(cal: CalendarDir) -> None:
    cal.posts(
        post("hier", "2026-11-24 09:00")
        + post("ce-matin", "2026-11-25 07:00")
        + post("dernier-jour", "2026-12-24 23:00")
        + post("trop-tard", "2026-12-25 00:00")
    )
    report = reporting.report(load(cal), now=NOW_DT)
    assert (report.first_day, report.last_day, report.days) == (
        date(2026, 11, 25),
        date(2026, 12, 24),
        30,
    )
    assert [i.id for i in report.items] == ["ce-matin", "dernier-jour"]


def test_report_from_alone_gives_30_days_and_to_alone_starts_today(cal: CalendarDir) -> None:
    cal.posts(post("a", "2026-12-01 09:00"))
    calendar = load(cal)
    alone = reporting.report(calendar, start=parsed("2027-01-01"), now=NOW_DT)
    assert (alone.first_day, alone.last_day) == (date(2027, 1, 1), date(2027, 1, 30))
    until = reporting.report(calendar, end=parsed("2026-12-01"), now=NOW_DT)
    assert (until.first_day, until.last_day, until.posts) == (
        date(2026, 11, 25),
        date(2026, 12, 1),
        1,
    )
    with pytest.raises(BadArgument, match=r"^end: 2026-11-01 is not after the start of the window"):
        reporting.report(calendar, end=parsed("2026-11-01"), now=NOW_DT)


def test_report_of_an_empty_window(cal: CalendarDir) -> None:
    cal.posts(post("a"))
    report = reporting.report(
        load(cal), start=parsed("2026-12-01"), end=parsed("2026-12-02"), now=NOW_DT
    )
    doc = report.to_dict()
    assert (doc["posts"], doc["picture_share"], doc["days_without_post"]) == (
        0,
        0.0,
        ["2026-12-01", "2026-12-02"],
    )
    assert [o["owner"] for o in doc["owners"]] == ["marie", "agence"]  # listed with 0
    assert {k["share"] for k in doc["by_kind"]} == {0.0}


def test_report_names_an_owner_outside_the_team(cal: CalendarDir) -> None:
    cal.posts(post("a", "2026-12-01 09:00", owner="paul"))
    report = reporting.report(
        load(cal), start=parsed("2026-12-01"), end=parsed("2026-12-01"), now=NOW_DT
    )
    assert [(o.owner, o.known, o.count) for o in report.owners] == [
        ("marie", True, 0),
        ("agence", True, 0),
        ("paul", False, 1),
    ]
    assert (report.internal, report.external, report.unowned) == (0, 0, 0)
