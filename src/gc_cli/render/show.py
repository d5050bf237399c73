"""``gc-cli show``: one post as it will go out on each channel, for a person or as JSON.

For a person: a heading (id, title, when, kind, status, owner, the event),
then each text with the channels it goes out on and its count against each
one's limit (``212/300 graphemes``), then the images (what each file holds,
whether it fits each channel, its alt text and its count), the
occurrences, and the problems ``check`` finds on the post. Marks are
symbols (``✓``, ``✗``), so they read without colour too. Every value from
the calendar is shown with its control characters visible
(:mod:`gc_cli.visible`); JSON escapes them.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING

from gc_cli.i18n import N_, _, day_name, ngettext, translated
from gc_cli.images import human_bytes
from gc_cli.planning.show import ChannelText, ImageView, PostView
from gc_cli.render.check import pointer, problem_line
from gc_cli.render.common import Output, aligned, print_line, rich_console
from gc_cli.visible import json_dump, one_line, visible

if TYPE_CHECKING:
    from rich.console import Console

OK, NOT_OK = "✓", "✗"
#: How many occurrences of a recurring post are listed before a count.
OCCURRENCES_SHOWN = 8
#: How each channel counts, as the count says it: ``212/300 graphemes``.
UNITS = {
    "characters": N_("characters"),
    "graphemes": N_("graphemes"),
    "weighted": N_("weighted characters"),
}
#: How the optional fields of :data:`gc_cli.planning.show.OPTIONAL_FIELDS` are said.
EXTRA_LABELS = {"approved_by": N_("approved by {value}")}


def render(view: PostView, out: Output) -> None:
    """``view`` as JSON (``out.format == "json"``) or as text for a person."""
    if out.format == "json":
        json_dump(view.to_dict(), out.stream)
        return
    console = rich_console(out)
    for part in (_heading, _texts, _images, _occurrences, _problems):
        part(view, console)


# -- parts -------------------------------------------------------------------------


def _when(when: datetime | date | None) -> str:
    if isinstance(when, datetime):
        return f"{day_name(when.weekday(), short=True)} {when:%Y-%m-%d %H:%M}"
    if isinstance(when, date):
        return f"{day_name(when.weekday(), short=True)} {when.isoformat()}"
    return _("not scheduled")


def _readable(view: PostView, name: str, value: str) -> str:
    """``value``, or ``?`` when the field could not be read."""
    return "?" if name in view.unreadable else value


def _span(starts: datetime | date, ends: datetime | date | None) -> str:
    """``Sat 2026-12-12 14:00 to 16:00``; the day of the end only when it differs."""
    if ends is None:
        return _when(starts)
    if isinstance(starts, datetime) and isinstance(ends, datetime) and starts.date() == ends.date():
        end = f"{ends:%H:%M}"
    else:
        end = _when(ends)
    return _("{starts} to {ends}").format(starts=_when(starts), ends=end)


def _heading(view: PostView, console: Console) -> None:
    from rich.text import Text

    post = view.post
    title = Text(one_line(post.id), style="bold")
    title.append(" · " + one_line(post.title))
    print_line(console, title)
    when = _when(view.when)
    if view.when is not None:
        when += f" ({view.zone})"
    rank = view.rank
    if rank is not None:
        when += " · " + _("occurrence {rank} of {total}").format(rank=rank[0], total=rank[1])
    print_line(console, when)
    facts: list[str] = [_readable(view, "kind", post.kind), _readable(view, "status", post.status)]
    if "owner" in view.unreadable:
        facts.append(_("owner {owner}").format(owner="?"))
    elif post.owner:
        owner = one_line(post.owner)
        if view.owner is not None:
            external = _(", external") if view.owner.external else ""
            owner += f" ({one_line(view.owner.name)}{external})"
        facts.append(_("owner {owner}").format(owner=owner))
    for name, value in view.extra.items():
        if value:
            facts.append(_(EXTRA_LABELS[name]).format(value=one_line(str(value))))
    if post.campaign:
        facts.append(_("campaign {campaign}").format(campaign=one_line(post.campaign)))
    print_line(console, " · ".join(facts))
    if view.event is not None:
        place = post.event.place if post.event else None
        line = _("Event: {span}").format(span=_span(*view.event))
        print_line(console, line + (" · " + one_line(place) if place else ""))
    if post.link:
        print_line(console, _("Link: {link}").format(link=one_line(post.link)))
    if post.tags:
        print_line(console, _("Tags: {tags}").format(tags=one_line(", ".join(post.tags))))
    print_line(console, f"{one_line(view.file)}:{view.line}", style="dim")
    if view.unreadable:
        print_line(
            console,
            _("Could not be read (see the problems below): {fields}").format(
                fields=", ".join(sorted(view.unreadable))
            ),
            style="bold red",
        )


def _count_cells(channel: ChannelText) -> list[str]:
    """``✓``, ``mastodon``, ``187/500 characters``, ``links count 23``, ``2 hashtags``."""
    if channel.label is None:
        return [NOT_OK, channel.channel, _("not enabled in settings.yaml"), "", ""]
    count = channel.count
    if count is None:
        return [NOT_OK, channel.channel, _("no text"), "", ""]
    unit = _(UNITS.get(count.counting, UNITS["characters"]))
    length = f"{count.length}/{count.limit} {unit}"
    if count.over:
        length += " " + _("({over} too many)").format(over=count.length - count.limit)
    links = "" if count.url_length is None else _("each link counts {n}").format(n=count.url_length)
    if count.max_hashtags is None:
        tags = (
            ngettext("{n} hashtag", "{n} hashtags", count.hashtags).format(n=count.hashtags)
            if count.hashtags
            else ""
        )
    else:
        tags = _("{n}/{most} hashtags").format(n=count.hashtags, most=count.max_hashtags)
    fits = not count.over and (count.max_hashtags is None or count.hashtags <= count.max_hashtags)
    return [OK if fits else NOT_OK, channel.channel, length, links, tags]


def _texts(view: PostView, console: Console) -> None:
    """A block per distinct text: the channels it goes out on, the text, each count."""
    from rich.padding import Padding
    from rich.text import Text

    if not view.channels:
        print_line(console)
        unknown = "channels" in view.unreadable
        print_line(console, _("Channels unknown.") if unknown else _("No channel."), style="bold")
        return
    groups: dict[str | None, list[ChannelText]] = {}
    for channel in view.channels:
        groups.setdefault(channel.text, []).append(channel)
    for text, channels in groups.items():
        print_line(console)
        names = ", ".join(one_line(c.channel) for c in channels)
        print_line(console, _("Text on {channels}").format(channels=names), style="bold")
        if text:
            print_line(console, Padding(Text(visible(text.rstrip("\n"))), (0, 0, 0, 2)))
        rows = [[one_line(cell) for cell in _count_cells(c)] for c in channels]
        for line in aligned(rows):
            _marked_line(console, "  " + line)


def _marked_line(console: Console, line: str) -> None:
    """A line starting with ``✓`` or ``✗`` (after its indent), the mark in colour."""
    from rich.text import Text

    text = Text(line)
    mark = line.lstrip()[:1]
    if mark in (OK, NOT_OK):
        start = line.index(mark)
        text.stylize("bold green" if mark == OK else "bold red", start, start + 1)
    print_line(console, text)


def _image_facts(image: ImageView, read: bool) -> str:
    info = image.info
    if not read or info is None:
        return _("not opened (--no-images)")
    if not info.readable:
        return translated(info.describe(image.path))
    return f"{info.format}, {info.width}×{info.height}, {human_bytes(info.size)}"


def _images(view: PostView, console: Console) -> None:
    from rich.padding import Padding
    from rich.text import Text

    if not view.images:
        return
    print_line(console)
    print_line(console, _("Images"), style="bold")
    for image in view.images:
        print_line(
            console, f"  {one_line(image.path)}: {one_line(_image_facts(image, view.images_read))}"
        )
        if view.images_read and image.info is not None and image.info.readable:
            marks = " · ".join(
                f"{NOT_OK if fit.misfits else OK} {one_line(fit.channel)}" for fit in image.fits
            )
            if marks:
                _marked_line(console, "    " + marks)
            for fit in image.fits:
                for misfit in fit.misfits:
                    reason = one_line(translated(misfit.message))
                    _marked_line(console, f"    {NOT_OK} {one_line(fit.channel)}: {reason}")
        length = image.alt_length
        if length is None:
            _marked_line(console, f"    {NOT_OK} " + _("no alt text"))
            continue
        limits = [
            f"{NOT_OK if fit.alt_over(length) else OK} {length}/{fit.alt_limit} "
            + one_line(fit.channel)
            for fit in image.fits
            if fit.alt_limit is not None
        ]
        alt = ngettext("alt text, {n} character", "alt text, {n} characters", length).format(
            n=length
        )
        _marked_line(console, "    " + " · ".join([alt, *limits]))
        print_line(console, Padding(Text(visible(image.alt or "")), (0, 0, 0, 6)), style="dim")


def _occurrences(view: PostView, console: Console) -> None:
    if not view.occurrences:
        return
    print_line(console)
    total = len(view.occurrences)
    print_line(
        console,
        ngettext("{n} occurrence", "{n} occurrences", total).format(n=total),
        style="bold",
    )
    shown: Sequence[datetime | date] = view.occurrences[:OCCURRENCES_SHOWN]
    if view.rank is not None and view.rank[0] > OCCURRENCES_SHOWN:
        first = view.rank[0] - OCCURRENCES_SHOWN // 2
        shown = view.occurrences[first : first + OCCURRENCES_SHOWN]
    for when in shown:
        day = when.date() if isinstance(when, datetime) else when
        mark = "▸" if day == view.occurrence else " "
        print_line(console, f" {mark} {_when(when)}")
    left = total - len(shown)
    if left:
        print_line(console, "   " + ngettext("and {n} more", "and {n} more", left).format(n=left))


def _problems(view: PostView, console: Console) -> None:
    print_line(console)
    if not view.problems:
        print_line(console, _("No problems."), style="bold green")
        return
    errors = view.errors
    warnings = len(view.problems) - errors
    print_line(
        console,
        _("{errors}, {warnings}").format(
            errors=ngettext("{n} error", "{n} errors", errors).format(n=errors),
            warnings=ngettext("{n} warning", "{n} warnings", warnings).format(n=warnings),
        ),
        style="bold red" if errors else "bold yellow",
    )
    # As check writes them: one line each, however long (the terminal wraps it).
    write = console.file.write
    for problem in view.problems:
        write(f"  {problem_line(problem)}\n")
        shown = pointer(problem)
        if shown is not None:
            write("".join(f"    {line}\n" for line in shown))
