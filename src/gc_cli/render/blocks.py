"""Titled tables of text (:class:`Block`): rich tables in a terminal, aligned text in a pipe."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, TextIO

from gc_cli.i18n import _, day_name
from gc_cli.render.common import Output, aligned, box, cell_width, hold, print_line, rich_console
from gc_cli.visible import one_line

if TYPE_CHECKING:
    pass


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


def short_day(day: date) -> str:
    """``Wed 11-25``: the short day name in the user's language, then month and day."""
    return f"{day_name(day.weekday(), short=True)} {day:%m-%d}"


def day_ranges(days: Sequence[date]) -> str:
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
            out.extend(aligned([block.headers, *block.rows], block.right))
        out.extend(one_line("".join(text for text, _ in line)).rstrip() for line in block.lines)
        for note in block.notes:
            out.extend(textwrap.wrap(one_line(note), 79) or [""])
        out.append("")
    stream.write("\n".join(out))


def blocks_table(blocks: Iterable[Block], out: Output) -> None:
    """For a terminal: each block as a rich table under a bold title."""
    from rich.table import Table
    from rich.text import Text

    console = rich_console(out)
    for index, block in enumerate(blocks):
        if index:
            print_line(console)
        print_line(console, Text(one_line(block.title), style="bold"))
        if block.headers:
            table = Table(
                box=box(),
                show_edge=False,
                pad_edge=False,
                padding=(0, 1),
                collapse_padding=True,
                header_style="bold",
            )
            for i, header in enumerate(block.headers):
                table.add_column(
                    hold(one_line(header)),
                    justify="right" if i in block.right else "left",
                    no_wrap=i != len(block.headers) - 1,
                    overflow="fold",
                )
            for row in block.rows:
                table.add_row(*(hold(one_line(cell)) for cell in row))
            print_line(console, table)
        for line in block.lines:
            text = Text(no_wrap=True, overflow="crop")
            for run, style in line:
                text.append(one_line(run), style=style or None)
            print_line(console, text)
        for note in block.notes:
            print_line(console, one_line(note))


def render_blocks(blocks: Iterable[Block], out: Output) -> None:
    """Blocks laid out for a person: rich tables in a terminal, plain text in a pipe."""
    if out.terminal:
        blocks_table(blocks, out)
    else:
        blocks_plain(blocks, out.stream)
