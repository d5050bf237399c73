"""``metricool``: a CSV file for Metricool's import (Planner > Import CSV), every network at once.

Source: no Metricool help page on the import could be read. The columns are
those of **Metricool's own template** (Planner, import from CSV, download the
template) as users have copied it — a copy in github.com/vothnha26/PubliCast,
``Mtr_calendar_template.csv`` (commit 288a892), 94 columns with Metricool's
example row. Other projects that generate Metricool files use fewer or more
columns (93 without ``Brand name``, 87, ~97), so Metricool apparently reads
the columns by name; **that is second-hand**. From the template:

* ``Text``, ``Date`` as ``YYYY-MM-DD``, ``Time`` as ``HH:MM:SS`` (24-hour
  clock; read in the brand's time zone in Metricool), ``Draft``;
* one ``true``/``false`` column per network — Facebook, Twitter/X,
  LinkedIn, GBP, Instagram, Pinterest, TikTok, Youtube, Threads, Bluesky:
  one row may go to several networks. **There is no Mastodon column**, so a
  Mastodon publication is left out (the command exits 1), as is a channel
  gc-cli has no Metricool column for;
* ``Picture Url 1`` to ``10`` and ``Alt text picture 1`` to ``10``;
* ``Shortener`` (``true`` in the example: Metricool's link shortener).
  gc-cli writes ``false``: the links go out as typed, as ``check`` counted
  them.

What gc-cli writes: one row per publication, with every network whose text,
pictures and link come out the same; one row per network where they differ
(a ``text_by_channel``, a link placed differently). The template has no link
column, so the link is in the text on every network; on a ``card`` channel
(Facebook, LinkedIn) ``check`` counted the text alone, and the publication is
left out there if the link makes it too long.
"""

from __future__ import annotations

from gc_cli.exporters.base import ExportContext, Rendered
from gc_cli.exporters.bulk import Row, Selection, ToolRules, candidate
from gc_cli.exporters.tabular import csv_bytes
from gc_cli.i18n import Message

RULES = ToolRules(tool="Metricool", pictures=True, max_pictures=10)

#: gc-cli's channels and the template's network columns.
NETWORKS = {
    "facebook": "Facebook",
    "x": "Twitter/X",
    "linkedin": "LinkedIn",
    "instagram": "Instagram",
    "threads": "Threads",
    "bluesky": "Bluesky",
}
#: The template's network columns, in its order.
NETWORK_COLUMNS = (
    "Facebook",
    "Twitter/X",
    "LinkedIn",
    "GBP",
    "Instagram",
    "Pinterest",
    "TikTok",
    "Youtube",
    "Threads",
    "Bluesky",
)
PICTURES = 10
#: The template's other columns, left empty (polls, videos, Pinterest, TikTok, ...).
OTHER_COLUMNS = (
    "Video Thumbnail Url",
    "Video Cover Frame",
    "Twitter/X Can reply",
    "Twitter/X Type",
    "Twitter/X Poll Duration minutes",
    "Twitter/X Poll Option 1",
    "Twitter/X Poll Option 2",
    "Twitter/X Poll Option 3",
    "Twitter/X Poll Option 4",
    "Pinterest Board",
    "Pinterest Pin Title",
    "Pinterest Pin Link",
    "Pinterest Pin New Format",
    "Instagram Post Type",
    "Instagram Show Reel On Feed",
    "Youtube Video Title",
    "Youtube Video Type",
    "Youtube Video Privacy",
    "Youtube video for kids",
    "Youtube Video Category",
    "Youtube Video Tags",
    "Youtube playlist",
    "GBP Post Type",
    "Facebook Post Type",
    "Facebook Title",
    "First Comment Text",
    "TikTok Title",
    "TikTok disable comments",
    "TikTok disable duet",
    "TikTok disable stitch",
    "TikTok Post Privacy",
    "TikTok Branded Content",
    "TikTok Your Brand",
    "TikTok Auto Add Music",
    "TikTok Photo Cover Index",
    "TikTok musicId",
    "TikTok music title",
    "TikTok music author",
    "TikTok music previewUrl",
    "TikTok music thumbnailUrl",
    "TikTok music soundVolume",
    "TikTok music originalVolume",
    "TikTok music startMillis",
    "TikTok music endMillis",
    "TikTok Ai generated content",
    "LinkedIn Type",
    "LinkedIn Poll Question",
    "LinkedIn Poll Option 1",
    "LinkedIn Poll Option 2",
    "LinkedIn Poll Option 3",
    "LinkedIn Poll Option 4",
    "LinkedIn Poll Duration",
    "LinkedIn Show link preview",
    "LinkedIn Images as Carousel",
    "Threads Reply Control",
    "Threads Is Spoiler",
    "Threads Post Type",
    "Brand name",
)
HEADER = (
    "Text",
    "Date",
    "Time",
    "Draft",
    *NETWORK_COLUMNS,
    *(f"Picture Url {n}" for n in range(1, PICTURES + 1)),
    *(f"Alt text picture {n}" for n in range(1, PICTURES + 1)),
    "Document title",
    "Shortener",
    *OTHER_COLUMNS,
)


def _cells(row: Row, networks: set[str]) -> list[str]:
    urls = [picture.url for picture in row.pictures]
    alts = [picture.alt for picture in row.pictures]
    blank = [""] * (PICTURES - len(row.pictures))
    return [
        row.message,
        f"{row.when:%Y-%m-%d}",
        f"{row.when:%H:%M:%S}",
        "false",
        *("true" if column in networks else "false" for column in NETWORK_COLUMNS),
        *urls,
        *blank,
        *alts,
        *blank,
        "",
        "false",
        *[""] * len(OTHER_COLUMNS),
    ]


def export(context: ExportContext) -> Rendered:
    """The header row, then a row per publication and set of networks that get the same post."""
    selection = Selection()
    lines: list[list[str]] = []
    for item in context.items:
        groups: dict[tuple[object, ...], tuple[Row, set[str]]] = {}
        channels = [context.channel] if context.channel else item.channels
        for channel in channels:
            network = NETWORKS.get(channel)
            if network is None:
                selection.leave(
                    item,
                    channel,
                    Message(
                        "Metricool's file has no column for {channel} (it has {networks}): "
                        "schedule this one another way",
                        channel=channel,
                        networks=", ".join(NETWORKS),
                    ),
                )
                continue
            row = candidate(context, RULES, item, channel, selection)
            if row is None:
                continue
            key = (row.message, row.pictures)
            if key in groups:
                groups[key][1].add(network)
            else:
                groups[key] = (row, {network})
        for row, networks in groups.values():
            lines.append(_cells(row, networks))
    data = csv_bytes(lines, header=HEADER, bom=context.bom)
    return Rendered(data, len(lines), selection.left_out, selection.notes(RULES.tool))
