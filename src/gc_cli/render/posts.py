"""``gc-cli list``: the publications as a table for people, or JSON and CSV for tools."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, TextIO

from gc_cli.exporters.tabular import neutralise
from gc_cli.i18n import _, ngettext
from gc_cli.query.grid import channel_order
from gc_cli.query.select import Item, write_json
from gc_cli.render.common import (
    CHANNEL_STYLES,
    CSV_FIELDS,
    CSV_SEPARATOR,
    EXTERNAL,
    NO_TIME,
    NOT_SCHEDULED,
    STATUS_STYLES,
    Output,
    Painter,
    aligned,
    cell_width,
    channel_letters,
    day_label,
    day_width,
    ellipsis,
    external_owners,
    fit_runs,
    legend,
    owner_label,
    print_line,
    rich_console,
    series_label,
    time_label,
    title_label,
)
from gc_cli.store.calendar import Calendar
from gc_cli.visible import one_line, visible

if TYPE_CHECKING:
    pass


# -- list -----------------------------------------------------------------------


def list_csv(items: Sequence[Item], stream: TextIO) -> None:
    """A header row, then a row per publication; lists joined with :data:`CSV_SEPARATOR`.

    ``images`` holds the paths and ``image_alts`` their alt texts in the same
    order (empty for a missing one); null values are empty cells. A cell a
    spreadsheet would run as a formula gets a leading apostrophe, and control
    characters are shown, as in the ``csv`` export (see
    :mod:`gc_cli.exporters.tabular`).
    """
    import csv

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
            item.status,
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
    externals = external_owners(calendar)
    not_scheduled = _(NOT_SCHEDULED)
    rows = [
        (
            f"{day_label(item.day)} {time_label(item)}" if item.day else not_scheduled,
            item.status,
            owner_label(item, externals),
            one_line(",".join(item.channels)) or "-",
            item.id,
            title_label(item),
        )
        for item in items
    ]
    stream.write("".join(line + "\n" for line in aligned(rows)))


def list_table(
    items: Sequence[Item], out: Output, calendar: Calendar, now: datetime | None = None
) -> None:
    """For a terminal: a table that fits ``out.width`` (80 is enough), past rows dimmed.

    The title column takes what the others leave (at least 12 columns) and is
    truncated; the post id gets a column only when the title keeps 30. When
    even that does not fit, lines overflow (the terminal wraps them) rather
    than squeeze dates or statuses.
    """
    console = rich_console(out)
    if not items:
        print_line(console, _("No posts match."))
        return
    channels = channel_order(calendar, items)
    letters = channel_letters(channels)
    externals = external_owners(calendar)
    owners = [owner_label(item, externals) for item in items]
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
    paint = Painter(console)

    def row(cells: Sequence[Sequence[tuple[str, str]]], dim: bool = False) -> str:
        """A line of cells, each a list of (text, style) runs fitted to its column."""
        last = len(cells) - 1
        parts = [
            "".join(paint(text, style, dim) for text, style in fit_runs(cell, width, pad=i < last))
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
                marker = [day_label(now.date()), now.strftime("%H:%M")]
                marker += [*([""] if with_id else []), "◂ " + _("now")]
                write(row([plain(m, "bold") for m in marker]) + "\n")
                previous = now.date()
        day = item.day
        date_cell = (day_label(day) if day != previous else "") if day else not_scheduled
        previous = day
        suffix = series_label(item)
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
            plain(time_label(item) if day else ""),
            *([plain(one_line(item.id))] if with_id else []),
            [(ellipsis(one_line(item.title), title_width - len(suffix)), ""), (suffix, "dim")],
            channel_runs,
            plain(item.status, STATUS_STYLES.get(item.status, "")),
            plain(owner, "italic" if owner.endswith(EXTERNAL) else ""),
        ]
        write(row(cells, past) + "\n")
    print_line(console, legend(channels, letters))
    notes = _list_notes(items, owners)
    if notes:
        print_line(console, " · ".join(notes), style="dim")
    print_line(console, _list_summary(items))


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
    "json": lambda items, out, calendar, now: write_json(items, out.stream),
    "csv": lambda items, out, calendar, now: list_csv(items, out.stream),
}


@dataclass(frozen=True)
class Listing:
    """What ``list`` shows: the items, the calendar they come from, and now (past rows dim)."""

    items: Sequence[Item]
    calendar: Calendar
    now: datetime


def render(listing: Listing, out: Output) -> None:
    """Render ``listing`` in ``out.format`` (a key of :data:`LIST_FORMATS`)."""
    LIST_FORMATS[out.format](listing.items, out, listing.calendar, listing.now)
