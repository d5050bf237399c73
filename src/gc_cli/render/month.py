"""``gc-cli calendar``: a month grid or a week in the terminal, or either as JSON.

Both are laid out with rich in a terminal and in a pipe alike (they are for
people), with colour only in a terminal. Every post shows the symbol of its
status (:data:`~gc_cli.render.common.STATUS_SYMBOLS`) and every event a
``★``, so that they differ without colour too.

* **The month** has a cell a day. When a cell is wide enough for a title
  (:data:`TITLE_CELL` columns), each post shows its time and title; in a
  narrower one (80 columns give 10 a day), its time, symbol and a number,
  and a numbered legend under the grid gives each title whole.
* **The week** has a column a day, its posts stacked: time, symbol and
  channels, then the whole title, wrapped in the column.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from gc_cli.i18n import _, day_name, long_date, month_name, ngettext
from gc_cli.query.grid import Day, MonthGrid, WeekGrid
from gc_cli.query.select import Item
from gc_cli.render.common import (
    CELL_POSTS,
    CHANNEL_STYLES,
    Output,
    channel_letters,
    ellipsis,
    legend,
    print_line,
    rich_console,
    symbol,
    symbol_legend,
)
from gc_cli.visible import json_encoder, one_line

if TYPE_CHECKING:
    from rich.text import Text

#: The narrowest cell of the month that shows titles; a narrower one shows numbers.
TITLE_CELL = 20
#: Posts a numbered cell lists before it shows a count instead (the legend lists them all).
CODE_POSTS = 5
#: The most lines a title (or a place) takes in a column of the week.
WEEK_TITLE_LINES = 6
#: A day's marker when it is the day without a time yet.
DAY_ONLY = "--"


# -- words -------------------------------------------------------------------------


def month_name_year(grid: MonthGrid) -> str:
    """``December 2026`` / ``décembre 2026``, inside a sentence."""
    return _("{month} {year}").format(month=month_name(grid.month), year=grid.year)


def month_title(grid: MonthGrid) -> str:
    """The month as a title: its first letter a capital (French writes months in lower case)."""
    text = month_name_year(grid)
    return text[:1].upper() + text[1:]


def no_date_yet(count: int) -> str:
    return ngettext(
        "{n} post has no date yet (gc-cli list --unscheduled).",
        "{n} posts have no date yet (gc-cli list --unscheduled).",
        count,
    ).format(n=count)


def _short_time(when: datetime | date | None) -> str:
    """``9h``, ``12h30``: the compact time of a calendar cell (``--`` without a time)."""
    if not isinstance(when, datetime):
        return DAY_ONLY
    return f"{when.hour}h{when.minute:02d}" if when.minute else f"{when.hour}h"


def _counts(items: Sequence[Item], period: str) -> str:
    """``18 publications and 1 event in December 2026.``"""
    posts = sum(1 for item in items if not item.is_event)
    events = len(items) - posts
    if not events:
        return ngettext(
            "{n} publication in {period}.", "{n} publications in {period}.", posts
        ).format(n=posts, period=period)
    return ngettext(
        "{n} publication and {events} in {period}.",
        "{n} publications and {events} in {period}.",
        posts,
    ).format(
        n=posts,
        period=period,
        events=ngettext("{n} event", "{n} events", events).format(n=events),
    )


def _notes(items: Sequence[Item], today: str | None) -> list[str]:
    notes = [today] if today else []
    if any(not item.timed for item in items):
        notes.append(_("{symbol} no time yet").format(symbol=DAY_ONLY))
    return notes


# -- JSON --------------------------------------------------------------------------


def _day_json(day: Day) -> dict[str, Any]:
    return {
        "date": day.date.isoformat(),
        "posts": [item.to_dict() for item in day.posts],
        "events": [item.to_dict() for item in day.events],
    }


def write_json(view: str, days: Sequence[Day], today: date, unscheduled: int, out: Output) -> None:
    """The view as one JSON object: its days, each with the objects of ``list --format json``.

    ``posts`` are what goes out that day (an occurrence of a recurring post
    with its ``occurrence``); ``events`` the posts of kind event whose event
    starts that day. A day a line, so that it reads and diffs well.
    """
    dumps = json_encoder(out.stream)
    head = {
        "view": view,
        "first": days[0].date.isoformat(),
        "last": days[-1].date.isoformat(),
        "today": today.isoformat(),
        "unscheduled": unscheduled,
    }
    lines = [f"{dumps(key)}: {dumps(value)}" for key, value in head.items()]
    body = ",\n  ".join(dumps(_day_json(day)) for day in days)
    out.stream.write("{" + ",\n ".join(lines) + f',\n "days": [\n  {body}\n ]}}\n')


# -- the month -----------------------------------------------------------------------


def render(grid: MonthGrid, out: Output) -> None:
    """The month grid: Monday first, a cell a day, today in brackets, the legends.

    Cells share the width; under 92 columns they have no inner margin, so 80
    columns give each day 10, and the posts are numbered.
    """
    if out.format == "json":
        write_json("month", grid.days, grid.today, grid.unscheduled, out)
        return
    from rich.table import Table
    from rich.text import Text

    console = rich_console(out)
    inner = max(8, (console.width - 8) // 7)
    pad = 1 if inner >= 12 else 0
    cell = inner - 2 * pad
    titled = cell >= TITLE_CELL
    letters = channel_letters(grid.channels)
    codes = {id(item): number for number, item in enumerate(grid.items, start=1)}
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
            lines = _titled_lines(day.items, cell) if titled else _coded_lines(day.items, codes)
            for line in lines:
                text.append("\n")
                text.append_text(line)
            if day.past and not day.today:
                text.stylize("dim")
            cells.append(text)
        table.add_row(*cells)
    print_line(console, table)
    if not titled and grid.items:
        print_line(console, _code_legend(grid.items, console.width))
    print_line(console, legend(grid.channels, letters))
    if grid.items:
        print_line(console, symbol_legend(grid.items))
    today = (
        _("[{day}] today").format(day=grid.today.day)
        if grid.first <= grid.today <= _month_end(grid)
        else None
    )
    notes = _notes(grid.items, today)
    if notes:
        print_line(console, " · ".join(notes), style="dim")
    print_line(console, _counts(grid.items, month_name_year(grid)))
    if grid.unscheduled:
        print_line(console, no_date_yet(grid.unscheduled))


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


def _marked(item: Item) -> Text:
    """``9h ◆``: the time, then the symbol of the status (or of an event) in its colour."""
    from rich.text import Text

    mark, style = symbol(item)
    line = Text(f"{_short_time(item.when)} ", style="bold")
    line.append(mark, style=style)
    return line


def _titled_lines(items: Sequence[Item], width: int) -> list[Text]:
    """A line per post (``9h ◆ Title``), or the first ones and ``+N more``."""
    return _with_more(items, CELL_POSTS, lambda item: _titled(item, width))


def _titled(item: Item, width: int) -> Text:
    line = _marked(item)
    line.append(" " + one_line(item.title))
    line.truncate(width, overflow="ellipsis")
    return line


def _coded_lines(items: Sequence[Item], codes: dict[int, int]) -> list[Text]:
    """A line per post (``9h ◆3``: its number in the legend), or the first ones and ``+N``."""

    def coded(item: Item) -> Text:
        line = _marked(item)
        line.append(str(codes[id(item)]))
        return line

    return _with_more(items, CODE_POSTS, coded)


def _with_more(items: Sequence[Item], most: int, line: Any) -> list[Text]:
    from rich.text import Text

    shown = items if len(items) <= most else items[: most - 1]
    lines = [line(item) for item in shown]
    if len(items) > len(shown):
        more = len(items) - len(shown)
        lines.append(Text(ngettext("+{n} more", "+{n} more", more).format(n=more), style="italic"))
    return lines


def _code_legend(items: Sequence[Item], width: int) -> Any:
    """The numbered posts: number, day, time, symbol, and the whole title (wrapped)."""
    from rich.table import Table
    from rich.text import Text

    table = Table.grid(padding=(0, 1))
    table.add_column(justify="right", style="bold", no_wrap=True)
    table.add_column(no_wrap=True)
    table.add_column(justify="right", no_wrap=True)
    table.add_column(no_wrap=True)
    table.add_column(overflow="fold")
    for number, item in enumerate(items, start=1):
        assert item.day is not None
        mark, style = symbol(item)
        title = Text(one_line(item.title))
        place = item.post.event.place if item.is_event and item.post.event else None
        if place:
            title.append(" · " + ellipsis(one_line(place), width), style="dim")
        table.add_row(
            str(number),
            f"{day_name(item.day.weekday(), short=True)} {item.day.day:>2}",
            _short_time(item.when),
            Text(mark, style=style),
            title,
        )
    return table


# -- the week ------------------------------------------------------------------------


def week_title(grid: WeekGrid) -> str:
    """``Week of Monday 30 November 2026``."""
    return _("Week of {day}").format(day=long_date(grid.first))


def render_week(grid: WeekGrid, out: Output) -> None:
    """The week: a column a day (today in brackets), its posts and events stacked, each
    with its time, symbol and channels, then its title wrapped in the column."""
    if out.format == "json":
        write_json("week", grid.days, grid.today, grid.unscheduled, out)
        return
    from rich.table import Table
    from rich.text import Text

    console = rich_console(out)
    inner = max(8, (console.width - 8) // 7)
    pad = 1 if inner >= 12 else 0
    cell = inner - 2 * pad
    letters = channel_letters(grid.channels)
    table = Table(
        title=week_title(grid),
        title_style="bold",
        box=_square(),
        show_lines=True,
        padding=(0, pad),
        header_style="bold",
    )
    for day in grid.days:
        label = f"{day_name(day.date.weekday(), short=True)} {day.date.day}"
        header = Text(f"[{label}]" if day.today else label, style="bold")
        table.add_column(header, width=cell, overflow="fold")
    cells = []
    for day in grid.days:
        text = Text()
        for item in day.items:
            if text:
                text.append("\n\n")
            text.append_text(_week_post(item, cell, letters))
        if day.past and not day.today:
            text.stylize("dim")
        cells.append(text)
    table.add_row(*cells)
    print_line(console, table)
    print_line(console, legend(grid.channels, letters))
    if grid.items:
        print_line(console, symbol_legend(grid.items))
    current = next((day.date for day in grid.days if day.today), None)
    marker = (
        None
        if current is None
        else _("[{day}] today").format(
            day=f"{day_name(current.weekday(), short=True)} {current.day}"
        )
    )
    notes = _notes(grid.items, marker)
    if notes:
        print_line(console, " · ".join(notes), style="dim")
    period = _("the week of {day}").format(day=long_date(grid.first))
    print_line(console, _counts(grid.items, period))
    if grid.unscheduled:
        print_line(console, no_date_yet(grid.unscheduled))


def _week_post(item: Item, width: int, letters: dict[str, str]) -> Text:
    """``9h ◆ FI`` (letters on a line of their own when they do not fit), then the title."""

    head = _marked(item)
    used = [letters[c] for c in letters if c in item.channels and not item.is_event]
    if used:
        codes = "".join(used)
        head.append(" " if head.cell_len + 1 + len(codes) <= width else "\n")
        for channel in (c for c in letters if c in item.channels):
            head.append(letters[channel], style=CHANNEL_STYLES.get(channel, "bold"))
    most = max(60, WEEK_TITLE_LINES * width)
    head.append("\n" + ellipsis(one_line(item.title), most))
    place = item.post.event.place if item.is_event and item.post.event else None
    if place:
        head.append("\n@ " + ellipsis(one_line(place), most), style="italic")
    return head
