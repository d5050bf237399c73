"""Renderers of the read-side views: ``list``, ``calendar`` and ``report``.

Each renderer turns the data of :mod:`gc_cli.query.views` into text on a stream.
Formats are registries (:data:`LIST_FORMATS`, :data:`REPORT_FORMATS`): adding
one is adding a function. ``rich`` is imported only by the functions that lay
out for people, and ``json``/``csv`` only by theirs: a piped ``list --format
json`` never imports rich.

Layout for people (a terminal):

* ``list``: one row a publication; the day of week with the date (shown once
  a day), the time (``--:--`` when only the day is chosen), the title
  truncated to fit (never the other columns), one letter a channel under its
  column, the status, the owner (``*`` marks an external one). Past rows are
  dimmed and a ``now`` row separates past and future.
* ``calendar``: a month grid, Monday first; each day its channels' letters,
  then its posts (time and short title), or ``+N more`` when the cell is full;
  today in brackets.
* ``report``: one table per question.

Piped, ``list`` prints one aligned line per publication, nothing truncated,
and ``report`` plain aligned tables: no colour, no box drawing. The month
grid is for people only, so it keeps its box drawing in a pipe (no colour).

What people read is in their language (:mod:`gc_cli.i18n`): words, day and
month names, sentences. Widths are measured on the rendered text, so that
longer words keep the columns aligned. Values that are data (ids, channel
keys, kinds, statuses, ISO dates) and the JSON and CSV formats are the same
in every language.

Calendar values (titles, names, channel keys, file names) are shown on one
line with their control characters visible (:mod:`gc_cli.visible`) before
they are measured and laid out, so no value can add a line, move the cursor
or colour what follows; JSON escapes them, CSV cells show them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any, TextIO

from gc_cli.i18n import N_, _, clock, day_name, month_name, ngettext
from gc_cli.query.views import ITEM_FIELDS, Item, MonthGrid, Report, channel_order
from gc_cli.store.calendar import Calendar
from gc_cli.visible import json_dump, json_encoder, one_line, visible

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

#: Joins the elements of a list in one CSV cell (channels, tags, image paths, alt texts).
CSV_SEPARATOR = "|"
#: The CSV header: SPEC §2.2's keys, the alt texts of ``images`` in a column of their own.
CSV_FIELDS: tuple[str, ...] = (
    *ITEM_FIELDS[: ITEM_FIELDS.index("images") + 1],
    "image_alts",
    *ITEM_FIELDS[ITEM_FIELDS.index("images") + 1 :],
)

#: A letter per built-in channel; others take the first free letter of their name.
CHANNEL_LETTERS = {
    "facebook": "F",
    "instagram": "I",
    "linkedin": "L",
    "x": "X",
    "mastodon": "M",
    "bluesky": "B",
    "threads": "T",
}
CHANNEL_STYLES = {
    "facebook": "bold blue",
    "instagram": "bold magenta",
    "linkedin": "bold cyan",
    "x": "bold white",
    "mastodon": "bold purple",
    "bluesky": "bold bright_blue",
    "threads": "bold white",
}
STATUS_STYLES = {
    "idea": "magenta",
    "draft": "yellow",
    "ready": "green",
    "scheduled": "cyan",
    "published": "bright_black",
    "cancelled": "red strike",
}
NO_TIME = "--:--"  # the day is chosen, the time not yet
EXTERNAL = "*"  # marks an external owner (agency, freelancer)
NOT_SCHEDULED = N_("not scheduled")  # translated where shown
#: Posts a calendar cell lists before it shows a count instead.
CELL_POSTS = 3
#: The widest layout, in columns, whatever $COLUMNS says.
MAX_WIDTH = 1000


@dataclass(frozen=True)
class Output:
    """Where and how to render.

    ``terminal``: lay out for a person (tables, grids); ``color``: styles and
    colour (a terminal without ``NO_COLOR``); ``width``: columns (None: the
    terminal's, else ``$COLUMNS``, else 80).
    """

    stream: TextIO
    terminal: bool = False
    color: bool = False
    width: int | None = None


def channel_letters(channels: Iterable[str]) -> dict[str, str]:
    """A distinct one-character code per channel, stable for a given list."""
    letters: dict[str, str] = {}
    taken: set[str] = set()
    pending: list[str] = []
    for name in channels:
        code = CHANNEL_LETTERS.get(name)
        if code and code not in taken:
            letters[name] = code
            taken.add(code)
        else:
            pending.append(name)
    for name in pending:
        candidates = [c.upper() for c in name if c.isalnum()] + list("0123456789")
        code = next((c for c in candidates if c not in taken), "?")
        letters[name] = code
        taken.add(code)
    return letters


def _day(day: date) -> str:
    """``Tue 2026-12-01``: the short day name in the user's language, the ISO date."""
    return f"{day_name(day.weekday(), short=True)} {day.isoformat()}"


def cell_width(text: str) -> int:
    """Terminal cells ``text`` takes (an accented letter one, a wide character two)."""
    from rich.cells import cell_len

    return cell_len(text)


def day_width() -> int:
    """The widest short day name of the user's language, in cells."""
    return max(cell_width(day_name(weekday, short=True)) for weekday in range(7))


def _time(item: Item) -> str:
    return item.when.strftime("%H:%M") if isinstance(item.when, datetime) else NO_TIME


def _title(item: Item) -> str:
    """The title on one line, with ``(3/8)`` for the third of eight occurrences."""
    return one_line(item.title) + _series(item)


def _series(item: Item) -> str:
    return f" ({item.series[0]}/{item.series[1]})" if item.series else ""


def _externals(calendar: Calendar) -> set[str]:
    team = calendar.settings.team if calendar.settings else {}
    return {key for key, member in team.items() if member.external}


def _owner(item: Item, externals: set[str]) -> str:
    if item.owner is None:
        return "-"
    return one_line(item.owner) + (EXTERNAL if item.owner in externals else "")


def percent(share: float) -> str:
    """``42%`` (French: a no-break space before the sign)."""
    return _("{percent}%").format(percent=f"{share * 100:.0f}")


def _console(out: Output) -> Console:
    from rich.console import Console

    # Styles (colour, dim, bold) only with colour: NO_COLOR asks for none, and
    # the layout alone still reads well. The width is the terminal's either way.
    console = Console(
        file=out.stream,
        width=out.width,
        force_terminal=out.color,
        highlight=False,
        emoji=False,
        markup=False,
    )
    # rich takes $COLUMNS as it is: COLUMNS=100000000 would lay out cells of
    # millions of spaces. No screen is that wide.
    console.width = min(console.width, MAX_WIDTH)
    return console


#: Rich breaks a line at any Unicode space, the no-break ones too, which
#: French puts before ":", ";" and "%". They cross rich's layout as
#: private-use characters of the same width, and come back in :func:`_print`.
_HOLD = str.maketrans({"\u00a0": "\ue000", "\u202f": "\ue001"})
_RELEASE = str.maketrans({"\ue000": "\u00a0", "\ue001": "\u202f"})


def _hold(text: str) -> str:
    """``text`` with its no-break spaces kept from rich's line breaking."""
    return text.translate(_HOLD)


def _print(console: Console, renderable: Any = "", style: str | None = None) -> None:
    """Print without the trailing spaces rich pads table and wrapped lines with."""
    from rich.text import Text

    if isinstance(renderable, str):
        renderable = _hold(renderable)
    elif isinstance(renderable, Text):
        renderable = renderable.copy()
        renderable.plain = _hold(renderable.plain)  # same length: the styles stay put
    with console.capture() as capture:
        console.print(renderable, style=style)
    lines = capture.get().translate(_RELEASE).split("\n")
    console.file.write("\n".join(line.rstrip() for line in lines))


# -- list -----------------------------------------------------------------------


def list_json(items: Sequence[Item], stream: TextIO) -> None:
    """SPEC §2.2: a JSON array, one object a line (grep-able, and fast to write)."""
    if not items:
        stream.write("[]\n")
        return
    dumps = json_encoder(stream)
    stream.write("[\n")
    stream.write(",\n".join("  " + dumps(item.to_dict()) for item in items))
    stream.write("\n]\n")


def list_csv(items: Sequence[Item], stream: TextIO) -> None:
    """A header row, then a row per publication; lists joined with :data:`CSV_SEPARATOR`.

    ``images`` holds the paths and ``image_alts`` their alt texts in the same
    order (empty for a missing one); null values are empty cells. A cell a
    spreadsheet would run as a formula gets a leading apostrophe, and control
    characters are shown, as in the ``csv`` export (see
    :mod:`gc_cli.exporters.tabular`).
    """
    import csv

    from gc_cli.exporters.tabular import neutralise

    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow(CSV_FIELDS)
    join = CSV_SEPARATOR.join
    for item in items:
        post = item.post
        row = (
            post.id,
            item.occurrence.isoformat() if item.occurrence else "",
            item.publish_at or "",
            post.kind,
            post.title,
            join(post.channels),
            post.status,
            post.owner or "",
            post.campaign or "",
            join(post.tags),
            post.text or "",
            post.link or "",
            join(i.path for i in post.images),
            join(i.alt or "" for i in post.images),
            item.file,
            item.line,
        )
        writer.writerow(
            [
                neutralise(visible(cell, terminal=False)) if isinstance(cell, str) else cell
                for cell in row
            ]
        )


def list_plain(items: Sequence[Item], stream: TextIO, calendar: Calendar) -> None:
    """For pipes: one aligned line per publication, nothing truncated, no header.

    ``Fri 2026-12-04 09:00  scheduled  agence*  facebook,linkedin  blogue-x  Title``
    """
    externals = _externals(calendar)
    not_scheduled = _(NOT_SCHEDULED)
    rows = [
        (
            f"{_day(item.day)} {_time(item)}" if item.day else not_scheduled,
            item.status,
            _owner(item, externals),
            one_line(",".join(item.channels)) or "-",
            item.id,
            _title(item),
        )
        for item in items
    ]
    stream.write("".join(line + "\n" for line in _aligned(rows)))


def _aligned(rows: Sequence[Sequence[str]], right: Iterable[int] = ()) -> list[str]:
    """Rows as lines of columns two spaces apart; the last column is not padded."""
    if not rows:
        return []
    flush_right = set(right)
    rows = [[one_line(cell) for cell in row] for row in rows]
    sizes = [[cell_width(cell) for cell in row] for row in rows]
    widths = [max(size[i] for size in sizes) for i in range(len(rows[0]))]
    lines = []
    for row, size in zip(rows, sizes, strict=True):
        # Padded by cells, not characters: a wide character takes two.
        cells = [
            " " * (widths[i] - size[i]) + cell
            if i in flush_right
            else cell + " " * (widths[i] - size[i])
            for i, cell in enumerate(row)
        ]
        lines.append("  ".join(cells).rstrip())
    return lines


def list_table(
    items: Sequence[Item], out: Output, calendar: Calendar, now: datetime | None = None
) -> None:
    """For a terminal: a table that fits ``out.width`` (80 is enough), past rows dimmed.

    The title column takes what the others leave (at least 12 columns) and is
    truncated; the post id gets a column only when the title keeps 30. When
    even that does not fit, lines overflow (the terminal wraps them) rather
    than squeeze dates or statuses.
    """
    console = _console(out)
    if not items:
        _print(console, _("No posts match."))
        return
    channels = channel_order(calendar, items)
    letters = channel_letters(channels)
    externals = _externals(calendar)
    owners = [_owner(item, externals) for item in items]
    not_scheduled = _(NOT_SCHEDULED)
    header = [_("Date"), _("Time"), _("Id"), _("Title"), _("Status"), _("Owner")]
    date_h, time_h, id_h, title_h, status_h, owner_h = header
    # Widths are those of the rendered words: a longer day name or heading in
    # another language widens its column instead of being cut.
    fixed = {
        "date": max(cell_width(date_h), day_width() + 11, cell_width(not_scheduled)),
        "time": max(cell_width(time_h), 5),
        "channels": max(1, 2 * len(channels) - 1),
        "status": max(cell_width(status_h), *(cell_width(item.status) for item in items)),
        "owner": max(cell_width(owner_h), *(cell_width(o) for o in owners)),
    }
    gaps = 2 * len(fixed)  # two spaces between columns, the title's included
    room = console.width - sum(fixed.values()) - gaps
    id_width = max(cell_width(one_line(item.id)) for item in items)
    with_id = room - id_width - 2 >= 30
    title_width = max(12, room - (id_width + 2 if with_id else 0))
    widths = [fixed["date"], fixed["time"], *([id_width] if with_id else []), title_width]
    widths += [fixed["channels"], fixed["status"], fixed["owner"]]
    paint = _Painter(console)

    def row(cells: Sequence[Sequence[tuple[str, str]]], dim: bool = False) -> str:
        """A line of cells, each a list of (text, style) runs fitted to its column."""
        last = len(cells) - 1
        parts = [
            "".join(paint(text, style, dim) for text, style in _fit(cell, width, pad=i < last))
            for i, (cell, width) in enumerate(zip(cells, widths, strict=False))
        ]
        return paint("  ", "", dim).join(parts)

    def plain(text: str, style: str = "") -> list[tuple[str, str]]:
        return [(text, style)]

    write = out.stream.write
    header = [date_h, time_h, *([id_h] if with_id else []), title_h]
    header += [" ".join(letters[c] for c in channels), status_h, owner_h]
    write(row([plain(h, "bold") for h in header]) + "\n")
    write("─" * (sum(widths) + 2 * (len(widths) - 1)) + "\n")
    marked = now is None
    previous: date | None = None
    for index, (item, owner) in enumerate(zip(items, owners, strict=True)):
        past = now is not None and _is_past(item, now)
        if not marked and now is not None and _after(item, now):
            marked = True
            if index:  # the boundary between what has gone out and what is coming
                marker = [_day(now.date()), now.strftime("%H:%M")]
                marker += [*([""] if with_id else []), "◂ " + _("now")]
                write(row([plain(m, "bold") for m in marker]) + "\n")
                previous = now.date()
        day = item.day
        date_cell = (_day(day) if day != previous else "") if day else not_scheduled
        previous = day
        suffix = _series(item)
        on = set(item.channels)
        channel_runs: list[tuple[str, str]] = []
        for index, name in enumerate(channels):
            if index:
                channel_runs.append((" ", ""))
            if name in on:
                channel_runs.append((letters[name], CHANNEL_STYLES.get(name, "bold")))
            else:
                channel_runs.append(("·", "dim"))
        cells = [
            plain(date_cell, "" if day else "italic"),
            plain(_time(item) if day else ""),
            *([plain(one_line(item.id))] if with_id else []),
            [(_ellipsis(one_line(item.title), title_width - len(suffix)), ""), (suffix, "dim")],
            channel_runs,
            plain(item.status, STATUS_STYLES.get(item.status, "")),
            plain(owner, "italic" if owner.endswith(EXTERNAL) else ""),
        ]
        write(row(cells, past) + "\n")
    _print(console, _legend(channels, letters))
    notes = _list_notes(items, owners)
    if notes:
        _print(console, " · ".join(notes), style="dim")
    _print(console, _list_summary(items))


def _is_past(item: Item, now: datetime) -> bool:
    """Gone out before ``now``; a post with only a day is past from the next day on."""
    if isinstance(item.when, datetime):
        return item.when.timestamp() < now.timestamp()
    return item.when is not None and item.when < now.date()


def _after(item: Item, now: datetime) -> bool:
    """Listed after ``now``: later, on a later day, or not scheduled.

    A post with only today's date is listed before today's timed posts, so
    it stays above the ``now`` row (not dimmed: it may still go out today).
    """
    if isinstance(item.when, datetime):
        return item.when.timestamp() >= now.timestamp()
    return item.when is None or item.when > now.date()


class _Painter:
    """Styled text as ANSI strings, each style parsed once; the bare text without colour.

    The list's lines are built as strings rather than rich renderables: rich
    lays out the 20,000 rows of a large calendar in seconds, this in a fraction.
    """

    def __init__(self, console: Console) -> None:
        from rich.color import ColorSystem

        systems = {
            "standard": ColorSystem.STANDARD,
            "256": ColorSystem.EIGHT_BIT,
            "truecolor": ColorSystem.TRUECOLOR,
            "windows": ColorSystem.WINDOWS,
        }
        name = console.color_system if console.is_terminal else None
        self.system = systems.get(name) if name else None
        self.cache: dict[tuple[str, bool], Any] = {}

    def __call__(self, text: str, style: str, dim: bool = False) -> str:
        if self.system is None or not text or not (style or dim):
            return text
        parsed = self.cache.get((style, dim))
        if parsed is None:
            from rich.style import Style

            parsed = Style.parse(style or "none") + Style(dim=dim or None)
            self.cache[(style, dim)] = parsed
        return str(parsed.render(text, color_system=self.system))


def _ellipsis(text: str, width: int) -> str:
    """``text`` cut to ``width`` terminal cells, ``…`` marking the cut."""
    from rich.cells import cell_len, set_cell_size

    if width <= 0:
        return ""
    if cell_len(text) <= width:
        return text
    return set_cell_size(text, width - 1).rstrip() + "…"


def _fit(runs: Sequence[tuple[str, str]], width: int, pad: bool = True) -> list[tuple[str, str]]:
    """Runs of (text, style) cut to ``width`` cells with ``…``, and padded when ``pad``."""
    from rich.cells import cell_len

    fitted: list[tuple[str, str]] = []
    left = width
    for text, style in runs:
        size = cell_len(text)
        if size > left:
            fitted.append((_ellipsis(text, left), style))
            left = 0
            break
        fitted.append((text, style))
        left -= size
    if left and pad:
        fitted.append((" " * left, ""))
    return fitted


def _box() -> Any:
    from rich import box

    return box.SIMPLE_HEAD


def _legend(channels: Sequence[str], letters: dict[str, str]) -> Text:
    """``F facebook · I instagram``: each channel's letter, in its colour."""
    from rich.text import Text

    legend = Text()
    for i, name in enumerate(channels):
        if i:
            legend.append(" · ")
        legend.append(letters[name], style=CHANNEL_STYLES.get(name, "bold"))
        legend.append(f" {one_line(name)}")
    return legend


def _list_notes(items: Sequence[Item], owners: Sequence[str]) -> list[str]:
    notes = []
    if any(o.endswith(EXTERNAL) for o in owners):
        notes.append(_("{symbol} external").format(symbol=EXTERNAL))
    if any(item.day and not item.timed for item in items):
        notes.append(_("{symbol} no time yet").format(symbol=NO_TIME))
    if any(item.series for item in items):
        notes.append(_("(n/N) occurrence of a recurring post"))
    return notes


def _list_summary(items: Sequence[Item]) -> str:
    undated = sum(1 for item in items if item.day is None)
    total = len(items)
    parts = [ngettext("{n} publication", "{n} publications", total).format(n=total)]
    occurrences = sum(1 for item in items if item.series)
    # The English forms are the same for one and many (the line always read
    # so); other languages make them agree.
    if occurrences:
        parts.append(
            ngettext(
                "{n} of them occurrences of recurring posts",
                "{n} of them occurrences of recurring posts",
                occurrences,
            ).format(n=occurrences)
        )
    if undated:
        parts.append(ngettext("{n} not scheduled", "{n} not scheduled", undated).format(n=undated))
    return ", ".join(parts) + "."


def _list_for_people(items: Sequence[Item], out: Output, calendar: Calendar, now: datetime) -> None:
    if out.terminal:
        list_table(items, out, calendar, now)
    else:
        list_plain(items, out.stream, calendar)


#: ``list --format``: each renders items to an :class:`Output`.
LIST_FORMATS: dict[str, Callable[[Sequence[Item], Output, Calendar, datetime], None]] = {
    "table": _list_for_people,
    "json": lambda items, out, calendar, now: list_json(items, out.stream),
    "csv": lambda items, out, calendar, now: list_csv(items, out.stream),
}


def render_list(
    items: Sequence[Item], fmt: str, out: Output, *, calendar: Calendar, now: datetime
) -> None:
    """Render ``items`` in format ``fmt`` (a key of :data:`LIST_FORMATS`)."""
    LIST_FORMATS[fmt](items, out, calendar, now)


# -- calendar -------------------------------------------------------------------


def month_name_year(grid: MonthGrid) -> str:
    """``December 2026`` / ``décembre 2026``, inside a sentence."""
    return _("{month} {year}").format(month=month_name(grid.month), year=grid.year)


def month_title(grid: MonthGrid) -> str:
    """The month as a title: its first letter a capital (French writes months in lower case)."""
    text = month_name_year(grid)
    return text[:1].upper() + text[1:]


def render_calendar(grid: MonthGrid, out: Output) -> None:
    """The month grid: Monday first, a cell a day, today in brackets, a channel legend.

    Laid out with rich in a terminal and in a pipe alike (it is for people),
    with colour only in a terminal. Cells share the width; under 92 columns
    they have no inner margin, so 80 columns give each day 10.
    """
    from rich.table import Table
    from rich.text import Text

    console = _console(out)
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
    _print(console, table)
    notes = (
        [_("[{day}] today").format(day=grid.today.day)]
        if grid.first <= grid.today <= _month_end(grid)
        else []
    )
    if any(not item.timed for item in grid.items):
        notes.append(_("{symbol} no time yet").format(symbol="•"))
    _print(console, _legend(grid.channels, letters))
    if notes:
        _print(console, " · ".join(notes), style="dim")
    count = len(grid.items)
    _print(
        console,
        ngettext("{n} publication in {month}.", "{n} publications in {month}.", count).format(
            n=count, month=month_name_year(grid)
        ),
    )
    if grid.unscheduled:
        _print(console, _no_date_yet(grid.unscheduled))


def _no_date_yet(count: int) -> str:
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


# -- report ---------------------------------------------------------------------


#: A line of styled runs: (text, rich style); the style is dropped without colour.
Runs = list[tuple[str, str]]


@dataclass
class Block:
    """A titled table of text cells (rendered with rich or as plain text), and notes.

    ``lines`` are laid out by the caller (a heat map): printed as they are,
    after the table and before the notes, in colour when there is colour.
    """

    title: str
    headers: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    right: set[int] = field(default_factory=set)  # right-aligned columns (figures)
    notes: list[str] = field(default_factory=list)
    lines: list[Runs] = field(default_factory=list)


def report_blocks(report: Report) -> list[Block]:
    """The report as titled tables, the same in a terminal and in a pipe."""
    letters = channel_letters(report.channels)
    blocks: list[Block] = []
    head = Block(
        _("Report {first} to {last} ({days}), as of {date} {time}").format(
            first=report.first_day.isoformat(),
            last=report.last_day.isoformat(),
            days=ngettext("{n} day", "{n} days", report.days).format(n=report.days),
            date=report.now.date().isoformat(),
            time=clock(report.now),
        )
    )
    # The optional parts wrap the sentence so far, so that each language
    # places them (and agrees them with their count) as it needs.
    planned = ngettext("{n} publication planned", "{n} publications planned", report.posts).format(
        n=report.posts
    )
    if report.date_only:
        planned = ngettext(
            "{planned} ({n} with no time yet)", "{planned} ({n} with no time yet)", report.date_only
        ).format(planned=planned, n=report.date_only)
    if report.cancelled:
        planned = ngettext(
            "{planned}; {n} cancelled left out",
            "{planned}; {n} cancelled left out",
            report.cancelled,
        ).format(planned=planned, n=report.cancelled)
    head.notes.append(planned + ".")
    if report.unscheduled:
        head.notes.append(_no_date_yet(report.unscheduled))
    blocks.append(head)

    mix = Block(
        _("Content mix by kind"),
        [_("Kind"), _("Posts"), _("Share"), *(letters[c] for c in report.channels)],
        right=set(range(1, 3 + len(report.channels))),
    )
    for k in report.by_kind:
        mix.rows.append(
            [k.kind, str(k.count), percent(k.share), *(str(n) for n in k.channels.values())]
        )
    mix.notes.append(
        _("Per channel: {channels}.").format(
            channels=", ".join(f"{letters[c]} {c}" for c in report.channels)
        )
    )
    blocks.append(mix)

    blocks.append(
        Block(
            _("By channel (share of the publications that go on it)"),
            [_("Channel"), _("Posts"), _("Share")],
            [[c.name, str(c.count), percent(c.share)] for c in report.by_channel],
            right={1, 2},
        )
    )

    # The names are in the JSON; at 80 columns the table keeps the keys people type.
    # With a roster, each person's hours answering the community sit beside
    # their posts: who does what, both sides, at a glance.
    roster = report.on_duty_share is not None
    headers = [
        _("Owner"),
        "",
        _("Posts"),
        _("Share"),
        *([_("On duty")] if roster else []),
        _("Kinds"),
    ]
    owners = Block(_("Who does what"), headers, right={2, 3, 4} if roster else {2, 3})
    for o in report.owners:
        owners.rows.append(
            [
                o.owner or _("(none)"),
                _owner_type(o.owner, o.known, o.external),
                str(o.count),
                percent(o.share),
                *([_duty(o.duty)] if roster else []),
                ", ".join(f"{k} {n}" for k, n in o.kinds.items()),
            ]
        )
    total = report.posts or 1
    split = _(
        "Internal {internal} ({internal_share}), external {external} ({external_share})"
    ).format(
        internal=report.internal,
        internal_share=percent(report.internal / total),
        external=report.external,
        external_share=percent(report.external / total),
    )
    if report.unowned:
        split = _("{split}, no owner {n}").format(split=split, n=report.unowned)
    owners.notes.append(split + ".")
    if report.on_duty_share is not None:
        owners.notes.append(
            _(
                "On duty: hours on the interactions roster; somebody answers the community "
                "{percent} of the time (gc-cli coverage shows when nobody does)."
            ).format(percent=percent(report.on_duty_share))
        )
    blocks.append(owners)

    empty = Block(
        _("Days without a post: {n} of {days}").format(n=len(report.empty_days), days=report.days)
    )
    empty.notes.append(_day_ranges(report.empty_days) if report.empty_days else _("None."))
    blocks.append(empty)

    blocks.append(
        Block(
            _("With a picture: {n} of {posts} ({percent})").format(
                n=report.with_picture, posts=report.posts, percent=percent(report.picture_share)
            )
        )
    )

    pending = Block(
        _("Still idea or draft within 7 days of their date"),
        [_("Date"), _("Time"), _("Post"), _("Status"), _("Owner"), _("Due")]
        if report.pending
        else [],
    )
    for p in report.pending:
        item = p.item
        assert item.day is not None
        pending.rows.append(
            [
                _day(item.day),
                _time(item),
                item.id + (f" ({item.occurrence.isoformat()})" if item.occurrence else ""),
                item.status,
                item.owner or "-",
                _due(p.left),
            ]
        )
    if not report.pending:
        pending.notes.append(_("None."))
    blocks.append(pending)
    return blocks


def _owner_type(owner: str | None, known: bool, external: bool) -> str:
    if owner is None:
        return ""
    if not known:
        return _("not in team")
    return _("external") if external else _("internal")


def _duty(duty: timedelta | None) -> str:
    """``38 h``, ``7 h 30``: time on duty; ``-`` for someone not on the roster."""
    if duty is None:
        return "-"
    minutes = int(duty.total_seconds() // 60)
    hours, rest = divmod(minutes, 60)
    return f"{hours} h {rest:02d}" if rest else f"{hours} h"


def _due(left: timedelta) -> str:
    hours = int(abs(left.total_seconds()) // 3600)
    span = (
        _("{days} d {hours} h").format(days=hours // 24, hours=hours % 24)
        if hours >= 24
        else f"{hours} h"
    )
    return (
        _("in {span}").format(span=span)
        if left >= timedelta(0)
        else _("passed {span} ago").format(span=span)
    )


def short_day(day: date) -> str:
    """``Wed 11-25``: the short day name in the user's language, then month and day."""
    return f"{day_name(day.weekday(), short=True)} {day:%m-%d}"


def _day_ranges(days: Sequence[date]) -> str:
    """``Wed 11-25, Sun 11-29 to Mon 11-30``: consecutive days as ranges."""
    runs: list[list[date]] = []
    for day in days:
        if runs and day - runs[-1][-1] == timedelta(days=1):
            runs[-1].append(day)
        else:
            runs.append([day])
    return ", ".join(
        short_day(run[0])
        if len(run) == 1
        else _("{first} to {last}").format(first=short_day(run[0]), last=short_day(run[-1]))
        for run in runs
    )


def blocks_plain(blocks: Iterable[Block], stream: TextIO) -> None:
    """For pipes: each block as a title, aligned columns, its lines and notes."""
    import textwrap

    out: list[str] = []
    for block in blocks:
        title = one_line(block.title)
        out.append(title)
        if block.headers:
            out.append("-" * cell_width(title))
            out.extend(_aligned([block.headers, *block.rows], block.right))
        out.extend(one_line("".join(text for text, _ in line)).rstrip() for line in block.lines)
        for note in block.notes:
            out.extend(textwrap.wrap(one_line(note), 79) or [""])
        out.append("")
    stream.write("\n".join(out))


def blocks_table(blocks: Iterable[Block], out: Output) -> None:
    """For a terminal: each block as a rich table under a bold title."""
    from rich.table import Table
    from rich.text import Text

    console = _console(out)
    for index, block in enumerate(blocks):
        if index:
            _print(console)
        _print(console, Text(one_line(block.title), style="bold"))
        if block.headers:
            table = Table(
                box=_box(),
                show_edge=False,
                pad_edge=False,
                padding=(0, 1),
                collapse_padding=True,
                header_style="bold",
            )
            for i, header in enumerate(block.headers):
                table.add_column(
                    _hold(one_line(header)),
                    justify="right" if i in block.right else "left",
                    no_wrap=i != len(block.headers) - 1,
                    overflow="fold",
                )
            for row in block.rows:
                table.add_row(*(_hold(one_line(cell)) for cell in row))
            _print(console, table)
        for line in block.lines:
            text = Text(no_wrap=True, overflow="crop")
            for run, style in line:
                text.append(one_line(run), style=style or None)
            _print(console, text)
        for note in block.notes:
            _print(console, one_line(note))


def render_blocks(blocks: Iterable[Block], out: Output) -> None:
    """Blocks laid out for a person: rich tables in a terminal, plain text in a pipe."""
    if out.terminal:
        blocks_table(blocks, out)
    else:
        blocks_plain(blocks, out.stream)


def report_plain(report: Report, stream: TextIO) -> None:
    """For pipes: each block as a title, aligned columns and notes."""
    blocks_plain(report_blocks(report), stream)


def report_table(report: Report, out: Output) -> None:
    """For a terminal: each block as a rich table under a bold title."""
    blocks_table(report_blocks(report), out)


def report_json(report: Report, stream: TextIO) -> None:
    """The report's figures for scripts (one JSON object)."""
    json_dump(report.to_dict(), stream)


def _report_for_people(report: Report, out: Output) -> None:
    if out.terminal:
        report_table(report, out)
    else:
        report_plain(report, out.stream)


#: ``report --format``.
REPORT_FORMATS: dict[str, Callable[[Report, Output], None]] = {
    "table": _report_for_people,
    "json": lambda report, out: report_json(report, out.stream),
}


def render_report(report: Report, fmt: str, out: Output) -> None:
    """Render ``report`` in format ``fmt`` (a key of :data:`REPORT_FORMATS`)."""
    REPORT_FORMATS[fmt](report, out)
