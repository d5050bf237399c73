"""``hootsuite``: a CSV file for Hootsuite's Bulk Composer (Planner > Bulk schedule).

The template as gc-cli writes it. Sources: Hootsuite's help centre article
on bulk scheduling (https://help.hootsuite.com, "Schedule posts in bulk"),
whose rules gc-cli's issue 6 summarises; the three columns and the limit of
350 messages per file are also described by a user of the tool at
https://kim-iverson-headlee.blogspot.com/2016/08/the-business-of-writing-using-hootsuite.html.
Check the current article when Hootsuite refuses a file.

* **no header row**; three columns: the date and time, the message, and
  an optional link (Hootsuite attaches it, and may shorten it);
* the date and time in one cell, 24-hour clock: ``dd/mm/yyyy HH:MM``
  (gc-cli writes day/month/year: pick that date format when uploading);
* times on a 5-minute grid (minutes ending in 0 or 5);
* each post at least 10 minutes after the upload;
* at most 350 posts in one file;
* no message twice in one file (a recurring post with one text keeps its
  first occurrence; the others are listed as left out).

Images cannot be given in the file: add them in the Bulk Composer's review
step. The file is for one social account: the one chosen when uploading,
which is why ``--channel`` is required. Times are wall-clock times in the
root's zone, read in the Hootsuite account's zone.
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
)
#: ``dd/mm/yyyy HH:MM``: the "Day/Month/Year" date format of the upload dialog.
TIME_FORMAT = "%d/%m/%Y %H:%M"


def cells(row: Row) -> list[str]:
    """The row's three cells: date and time, message, link."""
    return [f"{row.when:{TIME_FORMAT}}", row.message, row.link]


def export(context: ExportContext) -> Rendered:
    """Rows of (date time, message, link), no header; refused past 350 rows."""
    rows, left = select_rows(context, RULES, cells=lambda row: cells(row)[1:])
    data = csv_bytes((cells(row) for row in rows), bom=context.bom)
    return Rendered(data, len(rows), left, tuple(row.item for row in rows))
