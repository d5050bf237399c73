"""A month of the calendar as a grid of weeks, or one week, each day with its publications
and the events they announce, as data."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from gc_cli.errors import BadArgument, message_of
from gc_cli.query.select import Choice, Item, select
from gc_cli.query.window import clock
from gc_cli.store.calendar import Calendar
from gc_cli.timeutil import in_range


@dataclass(frozen=True, slots=True)
class Day:
    """A cell of the month grid."""

    date: date
    in_month: bool
    today: bool
    past: bool
    items: list[Item] = field(default_factory=list)

    @property
    def channels(self) -> set[str]:
        """Every channel something goes out on that day."""
        return {c for item in self.items if not item.is_event for c in item.channels}

    @property
    def posts(self) -> list[Item]:
        """What goes out that day (the items that are not events)."""
        return [item for item in self.items if not item.is_event]

    @property
    def events(self) -> list[Item]:
        """The events that start that day (each the post of kind event announcing it)."""
        return [item for item in self.items if item.is_event]


@dataclass(frozen=True, slots=True)
class MonthGrid:
    """A month as weeks (Monday first) of days, each with its publications."""

    year: int
    month: int
    weeks: list[list[Day]]
    #: Enabled channels in settings order, then any other channel a post uses.
    channels: list[str]
    today: date
    #: Posts of the whole root with no date yet (not cancelled).
    unscheduled: int

    @property
    def first(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def items(self) -> list[Item]:
        return [item for week in self.weeks for day in week for item in day.items]

    @property
    def days(self) -> list[Day]:
        """The days of the month, in order."""
        return [day for week in self.weeks for day in week if day.in_month]


@dataclass(frozen=True, slots=True)
class WeekGrid:
    """A week, Monday to Sunday, each day with its publications and events."""

    days: list[Day]
    #: Enabled channels in settings order, then any other channel a post uses.
    channels: list[str]
    today: date
    #: Posts of the whole root with no date yet (not cancelled), among those the filters keep.
    unscheduled: int

    @property
    def first(self) -> date:
        return self.days[0].date

    @property
    def last(self) -> date:
        return self.days[-1].date

    @property
    def items(self) -> list[Item]:
        return [item for day in self.days for item in day.items]


def channel_order(calendar: Calendar, items: Iterable[Item] = ()) -> list[str]:
    """Enabled channels in settings order, then channels that only ``items`` use."""
    order = list(calendar.settings.channels) if calendar.settings else []
    extra = sorted({c for item in items for c in item.channels} - set(order))
    return order + extra


def _filtered(
    calendar: Calendar,
    first: date,
    last: date,
    channel: Choice,
    kind: Choice,
    status: Choice,
    owner: Choice,
    campaign: Choice,
) -> tuple[dict[date, list[Item]], list[Item], int]:
    """The items from ``first`` to ``last`` by day, all of them, and the posts of the root
    without a date that the same filters keep. Cancelled posts are left out unless
    ``status`` asks for them."""
    wanted = {status} if isinstance(status, str) else set(status or ())

    def chosen(*, start: date | None, end: date | None, unscheduled: bool) -> list[Item]:
        found = select(
            calendar,
            start=start,
            end=end,
            channel=channel,
            kind=kind,
            status=status,
            owner=owner,
            campaign=campaign,
            unscheduled=unscheduled,
            events=not unscheduled,
        )
        return [i for i in found if "cancelled" in wanted or i.status != "cancelled"]

    items = chosen(start=first, end=last, unscheduled=False)
    by_day: dict[date, list[Item]] = {}
    for item in items:
        assert item.day is not None
        by_day.setdefault(item.day, []).append(item)
    return by_day, items, len(chosen(start=None, end=None, unscheduled=True))


def month_grid(
    calendar: Calendar,
    month: date | None = None,
    *,
    now: datetime | None = None,
    channel: Choice = None,
    kind: Choice = None,
    status: Choice = None,
    owner: Choice = None,
    campaign: Choice = None,
) -> MonthGrid:
    """The month holding the day ``month`` (default: the month of ``now``) as a grid of weeks.

    Weeks start on Monday; days of the neighbouring months fill the first and
    last weeks with no publications. Each day holds its publications and the
    events starting that day (:attr:`Day.events`). The filters are those of
    :func:`~gc_cli.query.select.select`; cancelled posts are left out unless
    ``status`` asks for them.
    """
    moment = clock(calendar, now)
    today = moment.date()
    first = (month or today).replace(day=1)
    if month is not None:
        try:
            in_range(month, month.isoformat()[:7])
        except ValueError as exc:
            raise BadArgument("month", message_of(exc)) from None
    last = (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
    by_day, items, unscheduled = _filtered(
        calendar, first, last, channel, kind, status, owner, campaign
    )
    begin = first - timedelta(days=first.weekday())
    end = last + timedelta(days=6 - last.weekday())
    weeks: list[list[Day]] = []
    day = begin
    while day <= end:
        if day.weekday() == 0:
            weeks.append([])
        inside = day.month == first.month
        weeks[-1].append(
            Day(day, inside, day == today, day < today, by_day.get(day, []) if inside else [])
        )
        day += timedelta(days=1)
    return MonthGrid(
        first.year, first.month, weeks, channel_order(calendar, items), today, unscheduled
    )


def week_grid(
    calendar: Calendar,
    day: date | None = None,
    *,
    now: datetime | None = None,
    channel: Choice = None,
    kind: Choice = None,
    status: Choice = None,
    owner: Choice = None,
    campaign: Choice = None,
) -> WeekGrid:
    """The week, Monday to Sunday, holding ``day`` (default: today), each day with its
    publications and the events starting that day; filters as :func:`month_grid`."""
    moment = clock(calendar, now)
    today = moment.date()
    chosen = day or today
    try:
        in_range(chosen)
        first = chosen - timedelta(days=chosen.weekday())
        last = first + timedelta(days=6)
        in_range(first, chosen.isoformat())
        in_range(last, chosen.isoformat())
    except ValueError as exc:
        raise BadArgument("week", message_of(exc)) from None
    by_day, items, unscheduled = _filtered(
        calendar, first, last, channel, kind, status, owner, campaign
    )
    days = [
        Day(d, True, d == today, d < today, by_day.get(d, []))
        for d in (first + timedelta(days=n) for n in range(7))
    ]
    return WeekGrid(days, channel_order(calendar, items), today, unscheduled)
