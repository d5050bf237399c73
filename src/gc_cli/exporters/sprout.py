"""``sprout``: a CSV file for Sprout Social's bulk scheduling.

The template, as Sprout's help describes it ("How do I use bulk
scheduling?", https://support.sproutsocial.com/hc/en-us/articles/115005864203),
and as gc-cli writes it:

* a header row; the headers are case-sensitive and ``date``, ``time_24hr``
  and ``message_text`` are required; gc-cli adds two optional columns,
  ``link`` and ``image_url`` (not among the required headers; Sprout lets
  columns be renamed and mapped on import, so they can be mapped or
  ignored there);
* ``date`` as ``dd/mm/yyyy`` (Sprout takes dd/mm/yyyy or mm/dd/yyyy as set
  in the import preferences: choose day/month/year);
* ``time_24hr`` on the 24-hour clock (``HH:MM``);
* messages at least 10 minutes apart from one another, and at least 10
  minutes after the upload;
* at most 350 messages in one import (trial accounts: 50);
* ``message_text`` within the network's length, which ``check`` already
  enforces (a post with errors is left out);
* ``image_url`` must be an address Sprout can download: attachments live in
  the repository, so it is left empty and images are added in Sprout.

One file per channel (``--channel``): the profiles are chosen when
uploading. Times are wall-clock times in the root's zone, read in the zone
of the Sprout account.
"""

from __future__ import annotations

from datetime import timedelta

from gc_cli.exporters.base import ExportContext, Rendered
from gc_cli.exporters.bulk import Row, ToolRules, select_rows
from gc_cli.exporters.tabular import csv_bytes

RULES = ToolRules(
    tool="Sprout Social",
    max_rows=350,
    min_ahead=timedelta(minutes=10),
    min_spacing=timedelta(minutes=10),
)
HEADER = ("date", "time_24hr", "message_text", "link", "image_url")


def cells(row: Row) -> list[str]:
    """The row's cells, in the order of :data:`HEADER`."""
    return [f"{row.when:%d/%m/%Y}", f"{row.when:%H:%M}", row.message, row.link, ""]


def export(context: ExportContext) -> Rendered:
    """The header row, then one row per message; refused past 350 rows."""
    rows, left = select_rows(context, RULES, cells=lambda row: cells(row)[2:4])
    data = csv_bytes((cells(row) for row in rows), header=HEADER, bom=context.bom)
    return Rendered(data, len(rows), left, tuple(row.item for row in rows))
