"""What the two review formats (Markdown and HTML) share: days, labels, people, problems.

The review documents are for a person approving the coming weeks: the
publications grouped by local day, each with its time, channels, kind,
status, owner, text, link and images, and what ``check`` says about it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from gc_cli.calendar import Calendar
from gc_cli.exporters.base import ExportContext
from gc_cli.problems import Problem
from gc_cli.views import Item

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
NO_TIME = "no time yet"


def day_label(day: date) -> str:
    """``Thursday 26 November 2026``."""
    return f"{WEEKDAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]} {day.year}"


def time_label(item: Item) -> str:
    """``09:00``, or :data:`NO_TIME` for a post with only a day."""
    return f"{item.when:%H:%M}" if isinstance(item.when, datetime) else NO_TIME


def series_label(item: Item) -> str:
    """`` (3/8)`` for the third of eight occurrences, else empty."""
    return f" ({item.series[0]}/{item.series[1]})" if item.series else ""


def owner_label(item: Item, calendar: Calendar) -> str:
    """``agence (Agence Nordet, external)``, the key alone outside the team, ``nobody``."""
    if item.owner is None:
        return "nobody"
    team = calendar.settings.team if calendar.settings else {}
    member = team.get(item.owner)
    if member is None:
        return f"{item.owner} (not in the team)"
    return f"{item.owner} ({member.name}{', external' if member.external else ''})"


@dataclass(frozen=True, slots=True)
class Day:
    """A local day of the window and its publications, in order."""

    day: date
    items: list[Item]

    @property
    def label(self) -> str:
        return day_label(self.day)


def by_day(items: Sequence[Item]) -> list[Day]:
    """The publications grouped by local day, days in order (as ``list`` sorts them)."""
    days: list[Day] = []
    for item in items:
        day = item.day
        assert day is not None  # a bounded window holds only dated posts
        if not days or days[-1].day != day:
            days.append(Day(day, []))
        days[-1].items.append(item)
    return days


def problems_of(context: ExportContext, item: Item) -> list[Problem]:
    """``check``'s problems on the post, errors first, each once."""
    found = context.problems_of(item)
    return sorted(found, key=lambda p: (p.severity != "error", p.line, p.column, p.code))


def heading(context: ExportContext) -> str:
    """``Social media plan, 2026-11-25 to 2026-12-24``."""
    return f"Social media plan, {context.first_day.isoformat()} to {context.last_day.isoformat()}"


def subtitle(context: ExportContext) -> str:
    """How many publications, in which zone, as of when, on which channel."""
    zone = context.calendar.settings.timezone if context.calendar.settings else ""
    count = len(context.items)
    parts = [
        f"{count} publication{'' if count == 1 else 's'}",
        f"times in {zone}",
        f"as of {context.now:%Y-%m-%d %H:%M}",
    ]
    if context.channel:
        parts.append(f"channel {context.channel} only")
    return " · ".join(parts)
