"""``buffer``: a CSV file for Buffer's bulk upload of posts to one channel.

The template as gc-cli writes it. Buffer's help article "How to upload posts
in bulk to Buffer" (https://support.buffer.com/article/926-how-to-upload-posts-in-bulk-to-buffer)
could not be read; **these facts are second-hand**, from several independent
projects that generate Buffer files and quote it (checked in 2026), and they
agree:

* a header row, case-sensitive: ``Text``, ``Image URL``, ``Tags``,
  ``Posting Time``;
* ``Posting Time`` as ``YYYY-MM-DD HH:mm`` (24-hour clock), read in the
  channel's time zone in Buffer;
* one channel per upload: Buffer asks which channel the file is for, which
  is why ``--channel`` is required;
* at most **10 posts per channel in one upload on the free plan, 100 on
  paid plans** (:data:`FREE_ROWS`, :data:`PAID_ROWS`; ``--plan paid``);
* ``Image URL``: one picture, a direct link Buffer downloads (JPEG or PNG,
  5 MB at most, which ``check`` already holds each channel to);
* ``Tags`` must name tags that already exist in the Buffer account, so the
  calendar's tags go there only on request (``--tags``).

What gc-cli writes: ``Text`` is the channel's text as published; Buffer has
no link column, so the post's link is at its end after an empty line on
every channel (Buffer makes the preview from it) — on a ``card`` channel
(Facebook, LinkedIn) ``check`` counted the text alone, so the row is left
out if the link makes it too long. ``Image URL`` is the public address of
the post's picture (``image_base_url`` plus its path); a post with more than
one picture is left out (schedule it in Buffer), and without a base address
a post on a channel that needs a picture is left out, others go without it.

Posts whose time has passed are left out (Buffer cannot schedule them).
Times are wall-clock times in the root's zone, read in the zone set for the
channel in Buffer.
"""

from __future__ import annotations

from gc_cli.exporters.base import ExportContext, Rendered
from gc_cli.exporters.bulk import Row, ToolRules, select_rows
from gc_cli.exporters.tabular import csv_bytes

#: Posts per channel in one upload, free plan and paid plans (second-hand, see above).
FREE_ROWS = 10
PAID_ROWS = 100
HEADER = ("Text", "Image URL", "Tags", "Posting Time")
TIME_FORMAT = "%Y-%m-%d %H:%M"


def rules(plan: str | None) -> ToolRules:
    """Buffer's rules on ``plan`` (``free`` unless ``paid``)."""
    return ToolRules(
        tool="Buffer",
        max_rows=PAID_ROWS if plan == "paid" else FREE_ROWS,
        pictures=True,
        max_pictures=1,
    )


def cells(row: Row, tags: bool) -> list[str]:
    """The row's four cells, in the template's order."""
    picture = row.pictures[0].url if row.pictures else ""
    return [row.message, picture, ",".join(row.tags) if tags else "", f"{row.when:{TIME_FORMAT}}"]


def export(context: ExportContext) -> Rendered:
    """The header row, then one row per publication on the channel; refused past the plan's
    limit."""
    tool = rules(context.plan)
    paid = PAID_ROWS if context.plan != "paid" else None
    selection = select_rows(context, tool, paid_rows=paid)
    data = csv_bytes(
        (cells(row, context.tags) for row in selection.rows), header=HEADER, bom=context.bom
    )
    return Rendered(
        data,
        len(selection.rows),
        selection.left_out,
        selection.notes(tool.tool),
        tuple(row.item for row in selection.rows),
    )
