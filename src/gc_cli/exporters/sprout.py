"""``sprout``: a CSV file for Sprout Social's bulk scheduling.

The template, as Sprout's help describes it ("How do I use bulk
scheduling?", https://support.sproutsocial.com/hc/en-us/articles/115005864203),
and as gc-cli writes it:

* a header row; the headers are case-sensitive and ``date``, ``time_24hr``
  and ``message_text`` are required; gc-cli adds two optional columns,
  ``link`` and ``image_url`` (the article mentions links and images without
  naming their columns; Sprout lets columns be renamed and mapped on
  import, so they can be mapped or ignored there);
* ``date`` as ``mm/dd/yyyy`` or ``dd/mm/yyyy``: "Must be in dd/mm/yyyy or
  mm/dd/yyyy format, depending on the import preferences you specify in
  Sprout". No order is a safe default, so gc-cli asks for one
  (``--date-order`` or ``date_order: {sprout: ...}`` in settings.yaml): choose
  what the import preferences say. A file read the other way moves every
  post of the 1st to the 12th of a month to another day without an error;
* ``time_24hr`` on the 24-hour clock (``HH:MM``);
* messages at least 10 minutes apart from one another, and at least 10
  minutes after the upload;
* at most 350 messages in one import (trial accounts: 50);
* ``message_text`` "can't exceed the maximum character count for the
  network": it is the channel's text as published (``published_text``),
  which ``check`` measured — with the link in it on a channel that takes
  links in the text, the ``link`` column being for ``card`` channels
  (Facebook, LinkedIn);
* ``image_url``: the public address of the post's picture
  (``image_base_url`` plus its path); a post with more pictures is left out.

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
    link_column=True,
    pictures=True,
    max_pictures=1,
)
HEADER = ("date", "time_24hr", "message_text", "link", "image_url")
DATE_FORMATS = {"mdy": "%m/%d/%Y", "dmy": "%d/%m/%Y"}


def cells(row: Row, date_order: str) -> list[str]:
    """The row's cells, in the order of :data:`HEADER`."""
    picture = row.pictures[0].url if row.pictures else ""
    return [
        f"{row.when:{DATE_FORMATS[date_order]}}",
        f"{row.when:%H:%M}",
        row.message,
        row.link,
        picture,
    ]


def export(context: ExportContext) -> Rendered:
    """The header row, then one row per message; refused past 350 rows."""
    assert context.date_order is not None  # run.export_calendar requires one for sprout
    selection = select_rows(context, RULES)
    data = csv_bytes(
        (cells(row, context.date_order) for row in selection.rows), header=HEADER, bom=context.bom
    )
    return Rendered(
        data,
        len(selection.rows),
        selection.left_out,
        selection.notes(RULES.tool),
        tuple(row.item for row in selection.rows),
    )
