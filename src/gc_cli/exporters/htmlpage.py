"""``html``: one self-contained page to review the coming weeks in a browser.

Days in order; per publication its time, title, channels, kind, status,
owner, text (and per-channel texts), link, image thumbnails, and beside it
what ``check`` says (errors and warnings). Everything is in the one file:
the style sheet is inline, pictures are ``data:`` URIs
(:mod:`gc_cli.exporters.thumbnails`), and nothing is fetched from the
network.

Words: the template holds none of its own; every label comes from
:func:`gc_cli.exporters.review.labels` in the user's language (the page's
``lang`` follows), so the catalog is extracted from Python alone.

Safety: the page is rendered by Jinja2 with autoescaping on, so no text of a
calendar can open a tag or an attribute; a link becomes clickable only when
it is http(s) (:func:`~gc_cli.exporters.links.web_link`); and a Content
Security Policy forbids scripts and any request outside the page, as a
second line of defence. Control characters, which HTML forbids in text,
are shown (``␛`` for ESC, see :mod:`gc_cli.visible`).
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from gc_cli.exporters.base import ExportContext, Rendered
from gc_cli.exporters.links import web_link
from gc_cli.exporters.review import (
    by_day,
    heading,
    kind_name,
    labels,
    owner_label,
    problems_of,
    series_label,
    severity_name,
    status_name,
    subtitle,
    tally,
    text_on,
    time_label,
)
from gc_cli.exporters.thumbnails import Thumbnail, Thumbnails
from gc_cli.i18n import language, translated
from gc_cli.query.select import Item
from gc_cli.visible import visible

TEMPLATE = "review.html.j2"
#: No script, no request: styles and pictures come from the page itself.
CSP = (
    "default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
    "base-uri 'none'; form-action 'none'"
)


@dataclass(frozen=True, slots=True)
class Picture:
    """An image of a post: its thumbnail and alt text."""

    thumbnail: Thumbnail
    alt: str | None


@dataclass(frozen=True, slots=True)
class Note:
    """A problem from ``check``, as shown beside its post."""

    severity: str  # "error" or "warning": the CSS class
    code: str
    message: str  # in the user's language
    channel: str | None
    label: str  # the severity in the user's language


@dataclass(frozen=True)
class PostView:
    """One publication, every value already a string for the template."""

    id: str
    occurrence: str | None
    time: str
    #: False for a post with a day but no time (``time`` then says so).
    timed: bool
    title: str
    series: str
    kind: str
    status: str  # the value of the post file: the CSS class
    status_label: str  # the status in the user's language
    channels: list[str]
    owner: str
    text: str | None
    #: (channel, heading, text) of each channel's own text.
    channel_texts: list[tuple[str, str, str]]
    link: str | None
    #: True when ``link`` may be an ``href`` (http or https).
    clickable: bool
    pictures: list[Picture] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(1 for note in self.notes if note.severity == "error")


@dataclass(frozen=True)
class DayView:
    iso: str
    label: str
    posts: list[PostView]


def _post(item: Item, context: ExportContext, thumbnails: Thumbnails) -> PostView:
    post = item.post
    link = web_link(post.link)
    return PostView(
        id=post.id,
        occurrence=item.occurrence.isoformat() if item.occurrence else None,
        time=time_label(item),
        timed=isinstance(item.when, datetime),
        title=post.title,
        series=series_label(item).strip(),
        kind=kind_name(post.kind),
        status=item.status,
        status_label=status_name(item.status),
        channels=list(post.channels),
        owner=owner_label(item, context.calendar),
        text=post.text.strip("\n") if post.text else None,
        channel_texts=[(c, text_on(c), t.strip("\n")) for c, t in post.channel_text.items()],
        link=post.link,
        clickable=link is not None,
        pictures=[Picture(thumbnails.of(image.path), image.alt) for image in post.images],
        notes=[
            Note(p.severity, p.code, translated(p.message), p.channel, severity_name(p.severity))
            for p in problems_of(context, item)
        ],
    )


def _environment() -> Any:
    """Jinja2 with autoescaping for every template, and undefined names as errors."""
    from jinja2 import Environment, PackageLoader, StrictUndefined

    return Environment(
        loader=PackageLoader("gc_cli.exporters", "templates"),
        autoescape=True,  # every template, whatever its name: no calendar text is markup
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def _words() -> dict[str, Any]:
    """The labels, escaped for text content but not their quotes.

    They are ours, not calendar text, and they only ever stand between tags:
    an apostrophe stays an apostrophe, as it was when the words were written
    in the template.
    """
    from markupsafe import Markup

    return {key: Markup(html.escape(text, quote=False)) for key, text in labels().items()}


def export(context: ExportContext) -> Rendered:
    """The page, rendered from :data:`TEMPLATE`."""
    thumbnails = Thumbnails(context.calendar.root, limit=context.calendar.limits.image_bytes)
    days = [
        DayView(
            day.day.isoformat(),
            day.label,
            [_post(item, context, thumbnails) for item in day.items],
        )
        for day in by_day(context.items)
    ]
    errors = sum(post.errors for day in days for post in day.posts)
    warnings = sum(len(post.notes) - post.errors for day in days for post in day.posts)
    page = (
        _environment()
        .get_template(TEMPLATE)
        .render(
            lang=language(),
            labels=_words(),
            title=heading(context),
            subtitle=subtitle(context),
            tally=tally(errors, warnings),
            csp=CSP,
            days=days,
            left_out=[left.describe() for left in context.left_out],
        )
    )
    return Rendered(visible(page, terminal=False).encode("utf-8"), len(context.items))
