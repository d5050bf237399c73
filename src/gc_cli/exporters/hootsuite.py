"""``hootsuite``: a CSV file for Hootsuite's Bulk Composer (Planner > Bulk schedule).

The template as gc-cli writes it. **Every source found is second-hand**:
Hootsuite's own help article on bulk scheduling (help.hootsuite.com,
"Schedule posts in bulk") could not be read, and these facts come from users
of the tool who described it:

* https://kim-iverson-headlee.blogspot.com/2016/08/the-business-of-writing-using-hootsuite.html
  (2016): a CSV "that includes up to 350 messages of three components each:
  the date and time stamp, the message, and the link";
* http://jycalcano.blogspot.com/2015/07/post-8-hootsuite-bulk-messaging.html
  (2015): the upload window lets you "establish which format your .csv file
  is using for the date and time (mm/dd/yyyy hh:mm)" — the date order is a
  choice of the upload screen, month first being its example.

Check the current article when Hootsuite refuses a file. What gc-cli writes:

* **no header row**; three columns: the date and time, the message, and the
  link;
* the date and time in one cell, 24-hour clock, in the order chosen
  (:attr:`~gc_cli.exporters.base.ExportContext.date_order`): ``mm/dd/yyyy
  HH:MM`` (``mdy``, the default) or ``dd/mm/yyyy HH:MM`` (``dmy``). Choose the
  same on the upload screen: a file read the other way moves every post of
  the 1st to the 12th of a month to another day without an error (a day
  past the 12th cannot be a month, so only those posts show the mistake);
* the message is the channel's text as published (``published_text``): on a
  channel that takes links in the text (X, Mastodon, Bluesky, Threads,
  Instagram) the link is in it and the link column is empty, so Hootsuite
  neither adds it again nor shortens it; on a ``card`` channel (Facebook,
  LinkedIn) the link goes in the link column;
* times on a 5-minute grid (minutes ending in 0 or 5);
* each post at least 10 minutes after the upload;
* at most 350 posts in one file;
* no message twice in one file (a recurring post with one text keeps its
  first occurrence; the others are left out, and the command exits 1).

Pictures cannot be given in the file (no source names a column for them): a
post on a channel that needs one (Instagram) is left out, others go without
their pictures, said on stderr; add them in the Bulk Composer's review step.
The file is for one social account, the one chosen when uploading, which is
why ``--channel`` is required. Times are wall-clock times in the root's zone,
read in the Hootsuite account's zone.
"""

from __future__ import annotations

from datetime import timedelta

from gc_cli.exporters.base import ExportContext, Rendered
from gc_cli.exporters.bulk import Row, ToolRules, select_rows
from gc_cli.exporters.tabular import csv_bytes

RULES = ToolRules(
    tool="Hootsuite",
    max_rows=350,
    grid_minutes=5,
    min_ahead=timedelta(minutes=10),
    unique_messages=True,
    link_column=True,
)
#: The upload screen's two date formats, by date order.
TIME_FORMATS = {"mdy": "%m/%d/%Y %H:%M", "dmy": "%d/%m/%Y %H:%M"}


def cells(row: Row, date_order: str) -> list[str]:
    """The row's three cells: date and time, message, link."""
    return [f"{row.when:{TIME_FORMATS[date_order]}}", row.message, row.link]


def export(context: ExportContext) -> Rendered:
    """Rows of (date time, message, link), no header; refused past 350 rows."""
    selection = select_rows(context, RULES)
    order = context.date_order or "mdy"
    data = csv_bytes((cells(row, order) for row in selection.rows), bom=context.bom)
    return Rendered(
        data,
        len(selection.rows),
        selection.left_out,
        selection.notes(RULES.tool),
        tuple(row.item for row in selection.rows),
    )
