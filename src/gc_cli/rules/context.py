"""What every family of rules is given: the loaded calendar, the current time, options."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from gc_cli.problems import Problem
from gc_cli.store.calendar import Calendar


@dataclass(frozen=True, slots=True)
class Context:
    """What every rule sees: the loaded calendar, the current time, and options."""

    calendar: Calendar
    now: datetime
    images: bool = True


#: A family's checks: every problem of its rules in a calendar.
Check = Callable[[Context], Iterable[Problem]]
