"""Shell completion: what Tab offers for a post id, a channel or an owner, read from the root.

The shell asks only when Tab is pressed (``gc-cli --install-completion`` sets it
up for bash, zsh, fish or PowerShell): the library is imported then, inside
each function, so an ordinary run pays nothing for completion. Formats and
other fixed choices are completed by Click from their enums. A root that
cannot be found or read completes nothing: Tab never prints an error.
"""

import os
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from gc_cli.errors import GcError

if TYPE_CHECKING:
    from gc_cli.store.calendar import Calendar

# No ``from __future__ import annotations`` here: Typer reads the callbacks'
# annotations to know which of them takes the context.


def _calendar(ctx: typer.Context) -> "Calendar | None":
    """The calendar of the root the command line names (``--calendars``, GC_CALENDARS, or the
    one found from here), or None."""
    from gc_cli.store.loader import find_root, load_calendar

    option = ctx.params.get("calendars")
    try:
        root = find_root(str(option) if option else None, os.environ, Path.cwd())
        return load_calendar(root)
    except (GcError, OSError, ValueError):
        return None


def post_ids(ctx: typer.Context, incomplete: str) -> list[str]:
    """The ids of the root's posts that start with what is typed."""
    calendar = _calendar(ctx)
    if calendar is None:
        return []
    ids = dict.fromkeys(entry.id for entry in [*calendar.entries, *calendar.partial])
    return [i for i in ids if i.startswith(incomplete)]


def channels(ctx: typer.Context, incomplete: str) -> list[str]:
    """The channels enabled in settings.yaml that start with what is typed."""
    calendar = _calendar(ctx)
    if calendar is None:
        return []
    return [c for c in calendar.profiles if c.startswith(incomplete)]


def owners(ctx: typer.Context, incomplete: str) -> list[str]:
    """The keys of settings.team that start with what is typed."""
    calendar = _calendar(ctx)
    if calendar is None or calendar.settings is None:
        return []
    return [o for o in calendar.settings.team if o.startswith(incomplete)]
