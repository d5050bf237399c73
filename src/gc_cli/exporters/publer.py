"""``publer``: a CSV file for Publer's bulk scheduler, for one channel.

Sources, and how sure they are:

* **first-hand**, Publer's blog "The Ultimate CSV Bulk Scheduler for Social
  Media" (https://publer.com/blog/ultimate-csv-bulk-scheduler-social-media/):
  the template has **twelve columns**, none to be removed ("fill in the
  columns you need and leave the rest blank without changing the
  structure"); **Date** "in the international format … such as
  “2029-11-19 20:35”" (a blank date lets Publer choose the time); **Text**
  the caption; **Link(s)** native link posts on Facebook, LinkedIn, X,
  Threads, Mastodon, Bluesky; **Media URL(s)** photos "using the media
  public URL". Publer's help article "What CSV template should I use?"
  (https://publer.com/help/en/article/how-to-use-a-csv-file-18qhxcq) adds
  alt texts for media and the 24-hour clock.
* **second-hand**, the exact header row and the separators: a public
  project that generates Publer files and reports live imports
  (github.com/mrd1030/beastlyfactss, ``docs/PUBLER_CSV_HOWTO.md``):
  ``Date,Text,Link(s),Media URL(s),Title,Label(s),Alt text(s),Comment(s),
  Board/Album,Post subtype,CTA,Reminder``; several media URLs separated by
  commas; one alt text per picture, separated by ``||``; a time written
  ``10-00`` instead of ``10:00`` imports as an unscheduled draft; and a
  filled ``Link(s)`` makes a link post of a post with pictures, which then
  go unpublished.

What gc-cli writes: the header row and one row per publication on the
channel (``--channel``: the accounts are chosen on Publer's upload screen,
the file has no column for them). ``Text`` is the channel's text as
published (:func:`~gc_cli.store.textcount.published_text`, what ``check``
measured): on a ``card`` channel (Facebook, LinkedIn) the link goes in
``Link(s)`` unless the post has pictures, where it goes in the text (which
must still fit); elsewhere it is in the text. ``Media URL(s)`` are the
pictures' public addresses (``image_base_url`` plus their paths) and
``Alt text(s)`` their alt texts. The other columns stay empty.
"""

from __future__ import annotations

from gc_cli.exporters.base import ExportContext, Rendered
from gc_cli.exporters.bulk import Row, ToolRules, select_rows
from gc_cli.exporters.tabular import csv_bytes

RULES = ToolRules(
    tool="Publer",
    link_column=True,
    link_drops_pictures=True,
    pictures=True,
)
HEADER = (
    "Date",
    "Text",
    "Link(s)",
    "Media URL(s)",
    "Title",
    "Label(s)",
    "Alt text(s)",
    "Comment(s)",
    "Board/Album",
    "Post subtype",
    "CTA",
    "Reminder",
)
#: A colon in the time: ``10-00`` imports as an unscheduled draft (second-hand, above).
TIME_FORMAT = "%Y-%m-%d %H:%M"


def cells(row: Row) -> list[str]:
    """The row's twelve cells, in the order of :data:`HEADER`."""
    urls = ",".join(picture.url for picture in row.pictures)
    alts = "||".join(picture.alt for picture in row.pictures) if row.pictures else ""
    if not alts.strip("|"):
        alts = ""
    return [f"{row.when:{TIME_FORMAT}}", row.message, row.link, urls, "", "", alts] + [""] * 5


def export(context: ExportContext) -> Rendered:
    """The header row, then one row per publication on the channel."""
    selection = select_rows(context, RULES)
    data = csv_bytes((cells(row) for row in selection.rows), header=HEADER, bom=context.bom)
    return Rendered(
        data,
        len(selection.rows),
        selection.left_out,
        selection.notes(RULES.tool),
        tuple(row.item for row in selection.rows),
    )
