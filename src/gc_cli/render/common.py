"""What every renderer shares: where it writes (:class:`Output`), letters, styles, layout."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, TextIO

from gc_cli.i18n import N_, _, day_name
from gc_cli.query.select import ITEM_FIELDS, Item
from gc_cli.store.calendar import Calendar
from gc_cli.visible import one_line

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text


#: Joins the elements of a list in one CSV cell (channels, tags, image paths, alt texts).
CSV_SEPARATOR = "|"
#: The CSV header: docs/json.md's keys, the alt texts of ``images`` in a column of their own.
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
#: A symbol per status, so that statuses differ without colour (NO_COLOR, a
#: printout): from an empty circle (an idea) to a check mark (published).
STATUS_SYMBOLS = {
    "idea": "○",
    "draft": "◐",
    "ready": "●",
    "scheduled": "◆",
    "published": "✓",
    "cancelled": "✗",
}
#: Marks an event (the event a post of kind event announces, at its own time).
EVENT_SYMBOL = "★"
EVENT_STYLE = "bold bright_red"
NO_TIME = "--:--"  # the day is chosen, the time not yet
EXTERNAL = "*"  # marks an external owner (agency, freelancer)
NOT_SCHEDULED = N_("not scheduled")  # translated where shown
#: Posts a calendar cell lists before it shows a count instead.
CELL_POSTS = 3
#: The widest layout, in columns, whatever $COLUMNS says.
MAX_WIDTH = 1000


@dataclass(frozen=True)
class Output:
    """Where and how to render: every renderer is ``render(data, out)``.

    ``terminal``: lay out for a person (tables, grids); ``color``: styles and
    colour (a terminal without ``NO_COLOR``); ``width``: columns (None: the
    terminal's, else ``$COLUMNS``, else 80); ``format``: the command's
    ``--format`` (``table`` or ``text`` for people, ``json`` and others for
    programs).
    """

    stream: TextIO
    terminal: bool = False
    color: bool = False
    width: int | None = None
    format: str = "table"


def letters(
    names: Iterable[str], *, preferred: Mapping[str, str] | None = None, spare: str = ""
) -> dict[str, str]:
    """A distinct one-character code per name, stable for a given list.

    A name takes its ``preferred`` code when it is still free, else the first
    free letter or digit of its own (upper case), else the first free
    character of ``spare``, else ``?``. Names with a preferred code choose
    first, so that an unknown name never takes a known one's letter.
    """
    preferred = preferred or {}
    codes: dict[str, str] = {}
    taken: set[str] = set()
    pending: list[str] = []
    for name in names:
        code = preferred.get(name)
        if code and code not in taken:
            codes[name] = code
            taken.add(code)
        else:
            pending.append(name)
    for name in pending:
        candidates = [c.upper() for c in name if c.isalnum()] + list(spare)
        code = next((c for c in candidates if c not in taken), "?")
        codes[name] = code
        taken.add(code)
    return codes


def channel_letters(channels: Iterable[str]) -> dict[str, str]:
    """A distinct one-character code per channel: the network's own letter when built in."""
    return letters(channels, preferred=CHANNEL_LETTERS, spare="0123456789")


def person_letters(people: Iterable[str]) -> dict[str, str]:
    """A distinct capital letter per person: their initial, else the next free letter."""
    return letters(people, spare="ABCDEFGHJKLMNPQRTUVWXYZ")


def day_label(day: date) -> str:
    """``Tue 2026-12-01``: the short day name in the user's language, the ISO date."""
    return f"{day_name(day.weekday(), short=True)} {day.isoformat()}"


def cell_width(text: str) -> int:
    """Terminal cells ``text`` takes (an accented letter one, a wide character two)."""
    from rich.cells import cell_len

    return cell_len(text)


def day_width() -> int:
    """The widest short day name of the user's language, in cells."""
    return max(cell_width(day_name(weekday, short=True)) for weekday in range(7))


def time_label(item: Item) -> str:
    return item.when.strftime("%H:%M") if isinstance(item.when, datetime) else NO_TIME


def title_label(item: Item) -> str:
    """The title on one line, with ``(3/8)`` for the third of eight occurrences."""
    return one_line(item.title) + series_label(item)


def series_label(item: Item) -> str:
    return f" ({item.series[0]}/{item.series[1]})" if item.series else ""


def external_owners(calendar: Calendar) -> set[str]:
    team = calendar.settings.team if calendar.settings else {}
    return {key for key, member in team.items() if member.external}


def owner_label(item: Item, externals: set[str]) -> str:
    if item.owner is None:
        return "-"
    return one_line(item.owner) + (EXTERNAL if item.owner in externals else "")


def percent(share: float) -> str:
    """``42%`` (French: a no-break space before the sign)."""
    return _("{percent}%").format(percent=f"{share * 100:.0f}")


def rich_console(out: Output) -> Console:
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
#: private-use characters of the same width, and come back in :func:`print_line`.
_HOLD = str.maketrans({"\u00a0": "\ue000", "\u202f": "\ue001"})
_RELEASE = str.maketrans({"\ue000": "\u00a0", "\ue001": "\u202f"})


def hold(text: str) -> str:
    """``text`` with its no-break spaces kept from rich's line breaking."""
    return text.translate(_HOLD)


def print_line(console: Console, renderable: Any = "", style: str | None = None) -> None:
    """Print without the trailing spaces rich pads table and wrapped lines with."""
    from rich.text import Text

    if isinstance(renderable, str):
        renderable = hold(renderable)
    elif isinstance(renderable, Text):
        renderable = renderable.copy()
        renderable.plain = hold(renderable.plain)  # same length: the styles stay put
    with console.capture() as capture:
        console.print(renderable, style=style)
    lines = capture.get().translate(_RELEASE).split("\n")
    console.file.write("\n".join(line.rstrip() for line in lines))


def aligned(rows: Sequence[Sequence[str]], right: Iterable[int] = ()) -> list[str]:
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


class Painter:
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


def ellipsis(text: str, width: int) -> str:
    """``text`` cut to ``width`` terminal cells, ``…`` marking the cut."""
    from rich.cells import cell_len, set_cell_size

    if width <= 0:
        return ""
    if cell_len(text) <= width:
        return text
    return set_cell_size(text, width - 1).rstrip() + "…"


def fit_runs(
    runs: Sequence[tuple[str, str]], width: int, pad: bool = True
) -> list[tuple[str, str]]:
    """Runs of (text, style) cut to ``width`` cells with ``…``, and padded when ``pad``."""
    from rich.cells import cell_len

    fitted: list[tuple[str, str]] = []
    left = width
    for text, style in runs:
        size = cell_len(text)
        if size > left:
            fitted.append((ellipsis(text, left), style))
            left = 0
            break
        fitted.append((text, style))
        left -= size
    if left and pad:
        fitted.append((" " * left, ""))
    return fitted


def box() -> Any:
    from rich import box

    return box.SIMPLE_HEAD


def symbol(item: Item) -> tuple[str, str]:
    """The symbol of an item and its style: its status's, or the event's."""
    if item.is_event:
        return EVENT_SYMBOL, EVENT_STYLE
    return STATUS_SYMBOLS.get(item.status, "?"), STATUS_STYLES.get(item.status, "")


def symbol_legend(items: Iterable[Item]) -> Text:
    """``○ idea · ◐ draft · ★ event``: the symbols ``items`` use, each with its word.

    The words are the file's own values (``status: draft``, ``kind: event``),
    the same in every language, as ``--status`` takes them.
    """
    from rich.text import Text

    used = {("event" if item.is_event else item.status) for item in items}
    legend = Text()
    for name, (mark, style) in [
        *((status, (STATUS_SYMBOLS[status], STATUS_STYLES[status])) for status in STATUS_SYMBOLS),
        ("event", (EVENT_SYMBOL, EVENT_STYLE)),
    ]:
        if name not in used:
            continue
        if legend:
            legend.append(" · ")
        legend.append(mark, style=style)
        legend.append(f" {name}")
    return legend


def legend(channels: Sequence[str], letters: dict[str, str]) -> Text:
    """``F facebook · I instagram``: each channel's letter, in its colour."""
    from rich.text import Text

    legend = Text()
    for i, name in enumerate(channels):
        if i:
            legend.append(" · ")
        legend.append(letters[name], style=CHANNEL_STYLES.get(name, "bold"))
        legend.append(f" {one_line(name)}")
    return legend
