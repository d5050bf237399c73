"""gc-cli: plan an organisation's social-media posts as code.

The library the command line is built on, for scripts: it takes Python values
(paths, dates, datetimes — naive ones are wall times in the calendar's zone)
and returns data; it never prints and never exits. A value it cannot use
raises :class:`BadArgument`, naming the parameter; a refused change
:class:`Refused`; every failure is a :class:`GcError`. See
``docs/python-api.md``.

Each name is imported on first use, so ``import gc_cli`` costs nothing.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

#: Each public name, and the module it lives in.
_API: dict[str, str] = {
    # loading a calendar
    "load_calendar": "gc_cli.store.loader",
    "Calendar": "gc_cli.store.calendar",
    "Entry": "gc_cli.store.calendar",
    # checking it
    "run_check": "gc_cli.rules.check",
    "check_calendar": "gc_cli.rules.check",
    "CheckResult": "gc_cli.rules.check",
    "Problem": "gc_cli.problems",
    # reading it
    "select": "gc_cli.query.select",
    "Item": "gc_cli.query.select",
    "month_grid": "gc_cli.query.grid",
    "coverage": "gc_cli.query.coverage",
    "search_replies": "gc_cli.query.replies",
    "away_messages": "gc_cli.query.replies",
    "report": "gc_cli.planning.report",
    "run_inventory": "gc_cli.images",
    # exporting it
    "run_export": "gc_cli.exporters.run",
    "export_calendar": "gc_cli.exporters.run",
    "ExportResult": "gc_cli.exporters.run",
    # planning it
    "schedule_post": "gc_cli.planning.schedule",
    "clear_post": "gc_cli.planning.schedule",
    "schedule_auto": "gc_cli.planning.schedule",
    "ScheduleResult": "gc_cli.planning.schedule",
    # bringing posts in
    "new_post": "gc_cli.planning.importing",
    "import_csv": "gc_cli.planning.importing",
    "import_feed": "gc_cli.planning.feed",
    "ImportResult": "gc_cli.planning.importing",
    # what goes wrong
    "GcError": "gc_cli.errors",
    "BadArgument": "gc_cli.errors",
    "Refused": "gc_cli.errors",
    "CalendarUnusable": "gc_cli.errors",
}

__all__ = [
    "BadArgument",
    "Calendar",
    "CalendarUnusable",
    "CheckResult",
    "Entry",
    "ExportResult",
    "GcError",
    "ImportResult",
    "Item",
    "Problem",
    "Refused",
    "ScheduleResult",
    "__version__",
    "away_messages",
    "check_calendar",
    "clear_post",
    "coverage",
    "export_calendar",
    "import_csv",
    "import_feed",
    "load_calendar",
    "month_grid",
    "new_post",
    "report",
    "run_check",
    "run_export",
    "run_inventory",
    "schedule_auto",
    "schedule_post",
    "search_replies",
    "select",
]


def __getattr__(name: str) -> Any:
    module = _API.get(name)
    if module is None:
        raise AttributeError(f"module 'gc_cli' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # the next look-up is a plain attribute
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


if TYPE_CHECKING:
    from gc_cli.errors import BadArgument, CalendarUnusable, GcError, Refused
    from gc_cli.exporters.run import ExportResult, export_calendar, run_export
    from gc_cli.images import run_inventory
    from gc_cli.planning.feed import import_feed
    from gc_cli.planning.importing import ImportResult, import_csv, new_post
    from gc_cli.planning.report import report
    from gc_cli.planning.schedule import (
        ScheduleResult,
        clear_post,
        schedule_auto,
        schedule_post,
    )
    from gc_cli.problems import Problem
    from gc_cli.query.coverage import coverage
    from gc_cli.query.grid import month_grid
    from gc_cli.query.replies import away_messages, search_replies
    from gc_cli.query.select import Item, select
    from gc_cli.rules.check import CheckResult, check_calendar, run_check
    from gc_cli.store.calendar import Calendar, Entry
    from gc_cli.store.loader import load_calendar
