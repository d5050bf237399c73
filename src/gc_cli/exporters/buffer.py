"""``buffer``: a CSV file for Buffer's bulk upload of posts to one channel.

The template as gc-cli writes it. Source: Buffer's help centre article on
bulk uploading posts from a CSV file (https://support.buffer.com), whose
template gc-cli's issue 6 summarises (columns and time format). Buffer states
no per-file limit there; a channel's queue has its plan's limit. Check the
current article when Buffer refuses a file.

* a header row: ``Text``, ``Image URL``, ``Tags``, ``Posting Time``;
* ``Posting Time`` as ``YYYY-MM-DD HH:mm`` (24-hour clock);
* one channel per file: Buffer asks which channel the file is for, which is
  why ``--channel`` is required;
* ``Text`` is the channel's text; the post's link is added on a line of its
  own at the end unless the text already holds it (Buffer has no link
  column; the network builds the preview from the link in the text);
* ``Tags`` are the post's tags, comma-separated;
* ``Image URL`` must be an address Buffer can download: attachments live in
  the repository, not on the web, so the column is left empty and images
  are added in Buffer.

Posts whose time has passed are left out (Buffer cannot schedule them).
Times are wall-clock times in the root's zone, read in the zone set for the
channel in Buffer.
"""

from __future__ import annotations

from gc_cli.exporters.base import ExportContext, Rendered
from gc_cli.exporters.bulk import Row, ToolRules, select_rows
from gc_cli.exporters.tabular import csv_bytes

RULES = ToolRules(tool="Buffer")
HEADER = ("Text", "Image URL", "Tags", "Posting Time")
TIME_FORMAT = "%Y-%m-%d %H:%M"


def text(row: Row) -> str:
    """The message, with the link on its own line when the text does not hold it."""
    if row.link and row.link not in row.message:
        return f"{row.message}\n\n{row.link}"
    return row.message


def cells(row: Row) -> list[str]:
    """The row's four cells, in the template's order."""
    return [text(row), "", ",".join(row.tags), f"{row.when:{TIME_FORMAT}}"]


def export(context: ExportContext) -> Rendered:
    """The header row, then one row per publication on the channel."""
    rows, left = select_rows(context, RULES, cells=lambda row: cells(row)[:3])
    data = csv_bytes((cells(row) for row in rows), header=HEADER, bom=context.bom)
    return Rendered(data, len(rows), left, tuple(row.item for row in rows))
