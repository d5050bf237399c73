"""Spans of time in a calendar's zone: the current time, and the window a view covers.

Every view reads its window the same way: a date means that whole local
day, a datetime without an offset is a local wall time, one with an offset
an instant. :func:`period` gives the window of a command that has a default
length (``report``, ``coverage``, ``export``, ``schedule --auto``): from a
start (default now) for a number of days (default per command) or to an
end. Arguments are Python values; a value that cannot be used is a
:class:`~gc_cli.errors.BadArgument` naming the parameter, which the command
line words as its option.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from gc_cli.errors import BadArgument, CalendarUnusable, message_of
from gc_cli.i18n import Message
from gc_cli.store.calendar import Calendar
from gc_cli.timeutil import current, day_bounds, in_range, to_aware, wall_instant

#: A bound of a window: a local day, or a time (naive: local wall time).
Bound = date | datetime | None

#: The longest window, in days (ten years): the work of ``report`` and
#: ``coverage`` grows with every day, and ``export --days`` is bounded alike.
MAX_DAYS = 3660

_TICK = timedelta(microseconds=1)


def zone_of(calendar: Calendar) -> ZoneInfo:
    """The root's zone; :class:`CalendarUnusable` (exit 1), naming the first problem of
    settings.yaml, when the settings are not usable."""
    if calendar.zone is not None and calendar.settings is not None:
        return calendar.zone
    first = next((p for p in calendar.problems if p.file == calendar.settings_file), None)
    if first is None:
        where = Message("{file} is not usable", file=calendar.settings_file)
    else:
        where = Message(
            "{file}:{line}:{column}: {message}",
            file=first.file,
            line=first.line,
            column=first.column,
            message=first.message,
        )
    raise CalendarUnusable(
        Message(
            "{where} (the posts' times cannot be read without valid settings; "
            "gc-cli check lists every problem)",
            where=where,
        )
    )


def clock(calendar: Calendar, now: datetime | None = None) -> datetime:
    """The current time in the root's zone: ``now`` (naive: local) or the system clock."""
    return current(now, zone_of(calendar))


@dataclass(frozen=True, slots=True)
class Window:
    """A span of time, as instants (UTC) and as the local days it touches.

    ``start`` is included and ``stop`` excluded; either may be None (open).
    A timed item is inside when its instant is; a date-only item when its day
    is one of the days the window touches.
    """

    start: datetime | None = None
    stop: datetime | None = None
    first_day: date | None = None
    last_day: date | None = None

    @property
    def bounded(self) -> bool:
        return self.start is not None or self.stop is not None

    @property
    def days(self) -> int:
        """How many local days the window touches (0 when it is open)."""
        if self.first_day is None or self.last_day is None:
            return 0
        return (self.last_day - self.first_day).days + 1

    def holds(self, when: datetime | date) -> bool:
        """Whether a timed (aware) or date-only moment is inside the window."""
        if isinstance(when, datetime):
            return (self.start is None or when >= self.start) and (
                self.stop is None or when < self.stop
            )
        return (self.first_day is None or when >= self.first_day) and (
            self.last_day is None or when <= self.last_day
        )


def _start_of(bound: date | datetime, zone: ZoneInfo) -> datetime:
    """The first instant of a bound: a date's local midnight, a time itself."""
    if isinstance(bound, datetime):
        return to_aware(bound, zone).astimezone(UTC)
    return day_bounds(bound, zone)[0].astimezone(UTC)


def _stop_of(bound: date | datetime, zone: ZoneInfo) -> datetime:
    """The first instant after a bound, which is included: after a date's last instant,
    just after a time (so the post of that very minute is in)."""
    if isinstance(bound, datetime):
        return to_aware(bound, zone).astimezone(UTC) + _TICK
    return day_bounds(bound, zone)[1].astimezone(UTC)


def _in_range(**bounds: date | datetime | None) -> None:
    """:class:`BadArgument` naming the first bound outside the years gc-cli works with.

    The years leave room (:data:`MAX_DAYS` and more) before Python's year 9999.
    """
    for name, value in bounds.items():
        if value is not None:
            try:
                in_range(value)
            except ValueError as exc:
                raise BadArgument(name, message_of(exc)) from None


def _bound(
    edge: Callable[[date | datetime, ZoneInfo], datetime],
    value: date | datetime,
    zone: ZoneInfo,
    parameter: str,
) -> datetime:
    """``edge(value, zone)``; :class:`BadArgument` for a value too near Python's own
    limits (years 1 and 9999) to move to UTC."""
    try:
        return edge(value, zone)
    except (OverflowError, ValueError):
        raise BadArgument(
            parameter, Message("{value} is too close to the end of time", value=value)
        ) from None


def _made(start: datetime | None, stop: datetime | None, zone: ZoneInfo) -> Window:
    return Window(
        start,
        stop,
        start.astimezone(zone).date() if start else None,
        (stop - _TICK).astimezone(zone).date() if stop else None,
    )


def window(zone: ZoneInfo, start: Bound = None, end: Bound = None) -> Window:
    """The window from ``start`` to ``end``, both included; either may be open.

    :class:`BadArgument` (``end``) when it ends before it starts.
    """
    begin = None if start is None else _bound(_start_of, start, zone, "start")
    stop = None if end is None else _bound(_stop_of, end, zone, "end")
    if begin is not None and stop is not None and stop <= begin:
        raise BadArgument(
            "end", Message("{end} is before the start ({start})", end=end, start=start)
        )
    return _made(begin, stop, zone)


def period(
    zone: ZoneInfo,
    now: datetime,
    *,
    start: Bound = None,
    end: Bound = None,
    days: int,
    whole_days: bool = False,
    not_before_now: bool = False,
) -> Window:
    """The window of a command with a default length, closed at both ends.

    It starts at ``start`` (default: ``now``) and ends at ``end``, included,
    or else ``days`` calendar days later (14 days from 08:00 end at 08:00,
    across a daylight-saving change too). ``whole_days`` widens it to the
    whole local days it touches; ``not_before_now`` moves a start in the past
    to ``now`` (a queue never fills the past).

    :class:`BadArgument` when ``days`` is not 1 to :data:`MAX_DAYS`, when the
    window ends before it starts, or when it spans over :data:`MAX_DAYS` days.
    """
    if not 1 <= days <= MAX_DAYS:
        raise BadArgument(
            "days",
            Message("{days} is not a number of days from 1 to {most}", days=days, most=MAX_DAYS),
        )
    _in_range(start=start, end=end, now=now)
    now = to_aware(now, zone)
    begin = now.astimezone(UTC) if start is None else _start_of(start, zone)
    if whole_days:
        begin = day_bounds(begin.astimezone(zone).date(), zone)[0].astimezone(UTC)
    elif not_before_now:
        begin = max(begin, now.astimezone(UTC))
    if end is not None:
        stop = _stop_of(end, zone)
    else:
        local = begin.astimezone(zone)
        day = local.date() + timedelta(days=days)
        stop = wall_instant(day, local.hour * 60 + local.minute, zone)
        if whole_days:
            stop = day_bounds(day - timedelta(days=1), zone)[1].astimezone(UTC)
    if whole_days:
        stop = day_bounds((stop - _TICK).astimezone(zone).date(), zone)[1].astimezone(UTC)
    if stop <= begin:
        raise BadArgument(
            "end",
            Message(
                "{end} is not after the start of the window ({start:%Y-%m-%d %H:%M})",
                end=end,
                start=begin.astimezone(zone),
            ),
        )
    made = _made(begin, stop, zone)
    # Whole days are counted as the days touched; a span from a time of day, as
    # days of 24 hours, give or take the hour of a daylight-saving change.
    length = made.days if whole_days else round((stop - begin) / timedelta(days=1))
    if length > MAX_DAYS:
        raise BadArgument(
            "end" if end is not None else "start",
            Message(
                "the window is {days} days long ({first} to {last}); it can span at most "
                "{most} days",
                days=length,
                first=made.first_day,
                last=made.last_day,
                most=MAX_DAYS,
            ),
        )
    return made
