"""``gc-cli calendar``: a month grid in the terminal, one cell a day."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from gc_cli.i18n import _, day_name, month_name, ngettext
from gc_cli.query.grid import MonthGrid
from gc_cli.query.select import Item
from gc_cli.render.common import (
    CELL_POSTS,
    CHANNEL_STYLES,
    Output,
    channel_letters,
    legend,
    print_line,
    rich_console,
)
from gc_cli.visible import one_line

if TYPE_CHECKING:
    from rich.text import Text


# -- calendar -------------------------------------------------------------------


def month_name_year(grid: MonthGrid) -> str:
    """``December 2026`` / ``décembre 2026``, inside a sentence."""
    return _("{month} {year}").format(month=month_name(grid.month), year=grid.year)


def month_title(grid: MonthGrid) -> str:
    """The month as a title: its first letter a capital (French writes months in lower case)."""
    text = month_name_year(grid)
    return text[:1].upper() + text[1:]


def render(grid: MonthGrid, out: Output) -> None:
    """The month grid: Monday first, a cell a day, today in brackets, a channel legend.

    Laid out with rich in a terminal and in a pipe alike (it is for people),
    with colour only in a terminal. Cells share the width; under 92 columns
    they have no inner margin, so 80 columns give each day 10.
    """
    from rich.table import Table
    from rich.text import Text

    console = rich_console(out)
    inner = max(8, (console.width - 8) // 7)
    pad = 1 if inner >= 12 else 0
    cell = inner - 2 * pad
    letters = channel_letters(grid.channels)
    table = Table(
        title=month_title(grid),
        title_style="bold",
        box=_square(),
        show_lines=True,
        padding=(0, pad),
        header_style="bold",
    )
    for weekday in range(7):
        table.add_column(day_name(weekday, short=True), width=cell, no_wrap=True, overflow="crop")
    for week in grid.weeks:
        cells = []
        for day in week:
            if not day.in_month:
                cells.append(Text(""))
                continue
            text = _day_header(day.date.day, day.today, day.channels, grid.channels, letters, cell)
            for line in _cell_lines(day.items, cell):
                text.append("\n")
                text.append_text(line)
            if day.past and not day.today:
                text.stylize("dim")
            cells.append(text)
        table.add_row(*cells)
    print_line(console, table)
    notes = (
        [_("[{day}] today").format(day=grid.today.day)]
        if grid.first <= grid.today <= _month_end(grid)
        else []
    )
    if any(not item.timed for item in grid.items):
        notes.append(_("{symbol} no time yet").format(symbol="•"))
    print_line(console, legend(grid.channels, letters))
    if notes:
        print_line(console, " · ".join(notes), style="dim")
    count = len(grid.items)
    print_line(
        console,
        ngettext("{n} publication in {month}.", "{n} publications in {month}.", count).format(
            n=count, month=month_name_year(grid)
        ),
    )
    if grid.unscheduled:
        print_line(console, no_date_yet(grid.unscheduled))


def no_date_yet(count: int) -> str:
    return ngettext(
        "{n} post has no date yet (gc-cli list --unscheduled).",
        "{n} posts have no date yet (gc-cli list --unscheduled).",
        count,
    ).format(n=count)


def _square() -> Any:
    from rich import box

    return box.SQUARE


def _month_end(grid: MonthGrid) -> date:
    following = (grid.first.replace(day=28) + timedelta(days=4)).replace(day=1)
    return following - timedelta(days=1)


def _day_header(
    number: int,
    today: bool,
    used: set[str],
    channels: Sequence[str],
    letters: dict[str, str],
    width: int,
) -> Text:
    """``" 4  FLMB"``: the day number (``[4]`` today), its channels' letters on the right."""
    from rich.text import Text

    label = f"[{number}]" if today else f"{number:>2}"
    header = Text(label, style="bold reverse" if today else "bold")
    codes = [c for c in channels if c in used]
    space = width - len(label) - len(codes)
    if codes and space >= 1:
        header.append(" " * space)
        for name in codes:
            header.append(letters[name], style=CHANNEL_STYLES.get(name, "bold"))
    return header


def _short_time(when: datetime | date | None) -> str:
    """``9h``, ``12h30``: the compact time of a calendar cell (``•`` without a time)."""
    if not isinstance(when, datetime):
        return "•"
    return f"{when.hour}h{when.minute:02d}" if when.minute else f"{when.hour}h"


def _cell_lines(items: Sequence[Item], width: int) -> list[Text]:
    """A line per post (``9h Title``), or the first ones and ``+N more``."""
    from rich.text import Text

    shown = items if len(items) <= CELL_POSTS else items[: CELL_POSTS - 1]
    lines = []
    for item in shown:
        line = Text(f"{_short_time(item.when)} ", style="bold")
        line.append(one_line(item.title))
        line.truncate(width, overflow="ellipsis")
        lines.append(line)
    if len(items) > len(shown):
        more = len(items) - len(shown)
        lines.append(Text(ngettext("+{n} more", "+{n} more", more).format(n=more), style="italic"))
    return lines
