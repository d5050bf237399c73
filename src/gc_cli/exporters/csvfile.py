"""``csv``: a spreadsheet of the upcoming posts, one row per post and channel.

The header row names the columns of :data:`HEADER`. ``publish_at`` is ISO
8601 with the offset (``2026-12-01T09:00-05:00``), or a date alone for a post
with a day but no time yet; ``text`` is the text that goes out on that row's
channel (its ``channel_text`` when it has one). Lists (tags, image paths,
alt texts) are joined with ``|``. A post of kind ``event`` has its event in
``event_starts``, ``event_ends`` (written as ``publish_at``) and
``event_place``. A post on no channel still has one row,
with an empty channel. Cells that a spreadsheet would run as a formula are
neutralised (see :mod:`gc_cli.exporters.tabular`).
"""

from __future__ import annotations

from gc_cli.exporters.base import ExportContext, Rendered
from gc_cli.exporters.tabular import csv_bytes, neutralise
from gc_cli.query.select import Item

#: Joins the elements of a list in one cell, as ``list --format csv`` does.
SEPARATOR = "|"
HEADER: tuple[str, ...] = (
    "id",
    "occurrence",
    "publish_at",
    "channel",
    "kind",
    "title",
    "status",
    "owner",
    "approved_by",
    "campaign",
    "tags",
    "text",
    "link",
    "images",
    "image_alts",
    "event_starts",
    "event_ends",
    "event_place",
    "file",
    "line",
)


def rows_of(item: Item, only: str | None) -> list[list[str]]:
    """The rows of one publication: one per channel (``only`` that one, when given)."""
    post = item.post
    channels = [only] if only is not None else (list(post.channels) or [""])
    # A post of kind event carries its event, so that the sheet imports back whole.
    event = item.event_dict() if item.event_span is not None and post.event else {}
    rows = []
    for channel in channels:
        text = post.text_for(channel) if channel else post.text
        rows.append(
            [
                post.id,
                item.occurrence.isoformat() if item.occurrence else "",
                item.publish_at or "",
                channel,
                post.kind,
                post.title,
                item.status,
                post.owner or "",
                post.approved_by or "",
                post.campaign or "",
                SEPARATOR.join(post.tags),
                text or "",
                post.link or "",
                SEPARATOR.join(i.path for i in post.images),
                SEPARATOR.join(i.alt or "" for i in post.images),
                event.get("starts") or "",
                event.get("ends") or "",
                event.get("place") or "",
                item.file,
                str(item.line),
            ]
        )
    return rows


def export(context: ExportContext) -> Rendered:
    """The header row and a row per post and channel, every cell formula-safe."""
    rows = [
        [neutralise(cell) for cell in row]
        for item in context.items
        for row in rows_of(item, context.channel)
    ]
    return Rendered(csv_bytes(rows, header=HEADER, bom=context.bom), len(rows))
