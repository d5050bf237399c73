"""A month of the calendar as a grid of weeks, each day with its publications, as data."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from gc_cli.errors import BadArgument, message_of
from gc_cli.query.select import Item, select
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
        return {c for item in self.items for c in item.channels}


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


def channel_order(calendar: Calendar, items: Iterable[Item] = ()) -> list[str]:
    """Enabled channels in settings order, then channels that only ``items`` use."""
    order = list(calendar.settings.channels) if calendar.settings else []
    extra = sorted({c for item in items for c in item.channels} - set(order))
    return order + extra


def month_grid(
    calendar: Calendar, month: date | None = None, *, now: datetime | None = None
) -> MonthGrid:
    """The month holding the day ``month`` (default: the month of ``now``) as a grid of weeks.

    Weeks start on Monday; days of the neighbouring months fill the first and
    last weeks with no publications. Cancelled posts are left out.
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
    items = [i for i in select(calendar, start=first, end=last) if i.status != "cancelled"]
    by_day: dict[date, list[Item]] = {}
    for item in items:
        assert item.day is not None
        by_day.setdefault(item.day, []).append(item)
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
    unscheduled = sum(
        1 for e in calendar.entries if e.when is None and e.post.status != "cancelled"
    )
    return MonthGrid(
        first.year, first.month, weeks, channel_order(calendar, items), today, unscheduled
    )
