"""The rows of a sheet as posts: gc-cli's own columns, and other tools' bulk files.

Which format a sheet is, is read from its header (the tools' templates as
``export`` writes them, and as their documentation gives them):

* **gc-cli** (``template csv`` and ``export --format csv``): ``id``,
  ``title``, ``publish_at``, ``channel`` or ``channels``, ``kind``,
  ``status``, ``owner``, ``approved_by``, ``campaign``, ``tags``, ``text``, ``link``,
  ``images``, ``image_alts``, ``event_starts``, ``event_ends``,
  ``event_place`` (a post of kind event), ``notes``; lists joined with ``|``. The
  export's ``occurrence``, ``file`` and ``line`` are read and ignored. Rows
  with the same id are one post on several channels (the export writes one
  row per channel); a text that differs between them becomes that channel's
  ``channel_text``. A recurring post comes back as its first occurrence.
* **Buffer** (``Text, Image URL, Tags, Posting Time``), **Sprout Social**
  (``date, time_24hr, message_text``), **Publer** (``Date, Text, Link(s),
  Media URL(s), …``, twelve columns), **Metricool** (``Text, Date, Time,
  Draft``, then a column per network), and **Hootsuite** (no header: date
  and time, message, link): see :mod:`gc_cli.exporters` for the sources.
  They have no id nor title: the title is the start of the text and the id
  comes from it. Their files are for one channel (``--channel``), except
  Metricool's, whose network columns say where a row goes.

Every cell is checked (:func:`gc_cli.planning.sheets.cell_text`) and every
post validated by the same model as the files; a problem names the row's
line and the cell's column.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from pydantic import ValidationError

from gc_cli.i18n import Message
from gc_cli.planning.sheets import (
    RowProblem,
    Sheet,
    cell_text,
    column_of,
    parse_cell_date,
    sheet_problem,
)
from gc_cli.store.loader import suggest
from gc_cli.store.model import Post
from gc_cli.timeutil import localize

#: The columns of gc-cli's own sheet, in the template's order.
COLUMNS: tuple[str, ...] = (
    "id",
    "title",
    "publish_at",
    "channels",
    "kind",
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
    "notes",
)
#: Columns of ``export --format csv`` that describe the row, not the post.
_IGNORED = ("occurrence", "file", "line")
_SKIPPED = frozenset((*_IGNORED, "time", "image_alts"))
LIST_SEPARATOR = "|"
#: Metricool's network columns and gc-cli's built-in channel names.
METRICOOL_NETWORKS: Mapping[str, str] = {
    "Facebook": "facebook",
    "Twitter/X": "x",
    "LinkedIn": "linkedin",
    "GBP": "google_business",
    "Instagram": "instagram",
    "Pinterest": "pinterest",
    "TikTok": "tiktok",
    "Youtube": "youtube",
    "Threads": "threads",
    "Bluesky": "bluesky",
}
TITLE_LENGTH = 60


@dataclass
class Candidate:
    """A post read from one row (or several rows with its id)."""

    line: int
    values: dict[str, Any]
    #: The 1-based column each value came from, for messages.
    columns: dict[str, int] = field(default_factory=dict)
    #: Whether the id was written in the sheet (not made from the title).
    named: bool = True
    #: Each channel's text, before they are folded into text and channel_text.
    texts: dict[str, str] = field(default_factory=dict)
    #: The export's occurrence column: a recurring post comes back as its first one.
    occurrence: str = ""


@dataclass(frozen=True)
class Context:
    """What rows are read with: the root's zone, the channels given, the date order."""

    zone: ZoneInfo
    channels: tuple[str, ...] = ()
    status: str | None = None
    owner: str | None = None
    date_order: str | None = None


def slug(text: str, most: int = 60) -> str:
    """An id from a title: accents folded, lower case, words joined by ``-``."""
    # Folded after the decomposition: NFKD makes "TM" of "™".
    folded = unicodedata.normalize("NFKD", text).casefold()
    ascii_text = "".join(c for c in folded if not unicodedata.combining(c))
    words = "".join(c if c.isascii() and c.isalnum() else " " for c in ascii_text).split()
    result = ""
    for word in words:
        joined = f"{result}-{word}" if result else word
        if len(joined) > most:
            break
        result = joined
    return result or (words[0][:most] if words else "post")


def title_from(text: str) -> str:
    """A title from a post's text: its first line, cut on a word."""
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    if len(first) <= TITLE_LENGTH:
        return first
    cut = first[: TITLE_LENGTH - 1].rsplit(" ", 1)[0].rstrip(" ,;:.")
    return cut + "…"


def when_text(value: date | datetime, zone: ZoneInfo) -> str:
    """A ``publish_at`` as a person writes it: the root's wall time when it is the same instant."""
    if not isinstance(value, datetime):
        return value.isoformat()
    if value.tzinfo is not None:
        wall = value.astimezone(zone).replace(tzinfo=None)
        if localize(wall, zone) == value:
            value = wall
        else:
            return value.isoformat()
    shown = f"{value:%Y-%m-%d %H:%M}"
    return shown + f":{value:%S}" if value.second else shown


def _split(value: str) -> list[str]:
    separator = LIST_SEPARATOR if LIST_SEPARATOR in value else ","
    return [part.strip() for part in value.split(separator) if part.strip()]


class _Row:
    """One row's cells by column, with the problems met reading them."""

    def __init__(self, sheet: Sheet, line: int, cells: Sequence[str], problems: list[RowProblem]):
        self.sheet, self.line, self.cells, self.problems = sheet, line, cells, problems

    def cell(self, column: int | None) -> str:
        if column is None or column >= len(self.cells):
            return ""
        value = cell_text(self.cells[column])
        if isinstance(value, Message):
            self.problem(column, "import-cell", value)
            return ""
        return value

    def problem(self, column: int, code: str, message: str) -> None:
        self.problems.append(sheet_problem(self.sheet.file, self.line, column + 1, code, message))

    def when(
        self, column: int | None, text: str, context: Context, order: str | None
    ) -> str | None:
        if not text.strip():
            return None
        try:
            # The order the person gave wins over the tool's usual one.
            return when_text(parse_cell_date(text, context.date_order or order), context.zone)
        except (ValueError, OverflowError) as exc:
            reason = exc.args[0] if exc.args and isinstance(exc.args[0], str) else str(exc)
            self.problem(column or 0, "import-date", reason)
            return None


# -- gc-cli's own sheet ----------------------------------------------------------------


#: Column names people write instead of the template's (French, and a date and
#: a time in two columns).
ALIASES: Mapping[str, str] = {
    "channel": "channels",
    "titre": "title",
    "texte": "text",
    "lien": "link",
    "canal": "channels",
    "canaux": "channels",
    "réseau": "channels",
    "réseaux": "channels",
    "type": "kind",
    "statut": "status",
    "responsable": "owner",
    "campagne": "campaign",
    "étiquettes": "tags",
    "textes alternatifs": "image_alts",
    "date": "publish_at",
    "heure": "time",
}


def _own_columns(sheet: Sheet, problems: list[RowProblem]) -> dict[str, int]:
    found: dict[str, int] = {}
    known = (*COLUMNS, *ALIASES, "time", *_IGNORED)
    for index, title in enumerate(sheet.header):
        name = unicodedata.normalize("NFC", title.strip().lower())
        if not name:
            continue
        if name not in known:
            hint = suggest(name, known)
            problems.append(
                sheet_problem(
                    sheet.file,
                    sheet.header_line,
                    index + 1,
                    "import-header",
                    Message("unknown column {name!r}{hint}", name=title, hint=hint),
                )
            )
            continue
        key = ALIASES.get(name, name)
        if key in found:
            problems.append(
                sheet_problem(
                    sheet.file,
                    sheet.header_line,
                    index + 1,
                    "import-header",
                    Message("column {name!r} is there twice", name=title),
                )
            )
            continue
        found[key] = index
    if "title" not in found and "id" not in found:
        problems.append(
            sheet_problem(
                sheet.file,
                sheet.header_line,
                1,
                "import-header",
                Message("the sheet needs a title column (see gc-cli template csv)"),
            )
        )
    return found


def _own_row(
    row: _Row, columns: Mapping[str, int], where: dict[str, int], context: Context
) -> Candidate:
    values: dict[str, Any] = {}
    texts: dict[str, str] = {}
    for key in where:
        column = columns[key]
        text = row.cell(column)
        if key == "publish_at" and "time" in columns:
            text = f"{text} {row.cell(columns['time'])}".strip()
        if not text.strip():
            continue
        if key == "publish_at":
            when = row.when(column, text, context, None)
            if when is not None:
                values[key] = when
        elif key in ("channels", "tags"):
            values[key] = _split(text)
        elif key == "images":
            values[key] = [{"path": path} for path in text.split(LIST_SEPARATOR)]
        elif key in ("text", "notes"):
            values[key] = text
        elif key.startswith("event_"):
            # event_starts, event_ends, event_place: the event: mapping of kind event.
            values.setdefault("event", {})[key.removeprefix("event_")] = text.strip()
        else:
            values[key] = text.strip()
    images = values.get("images")
    if images and "image_alts" in columns:
        alts = row.cell(columns["image_alts"]).split(LIST_SEPARATOR)
        for image, alt in zip(images, alts, strict=False):
            image["path"] = image["path"].strip()
            if alt.strip():
                image["alt"] = alt
    named = "id" in values
    if not named and values.get("title"):
        values["id"] = slug(str(values["title"]))
    if "text" in values:
        for channel in values.get("channels", []) or [""]:
            texts[channel] = values["text"]
    _defaults(values, context)
    occurrence = row.cell(columns["occurrence"]) if "occurrence" in columns else ""
    return Candidate(row.line, values, where, named, texts, occurrence)


def _defaults(values: dict[str, Any], context: Context) -> None:
    if context.channels and not values.get("channels"):
        values["channels"] = list(context.channels)
    if context.owner and "owner" not in values:
        values["owner"] = context.owner
    if context.status and "status" not in values:
        values["status"] = context.status


# -- other tools' bulk files ------------------------------------------------------------


def _tool_post(
    row: _Row,
    *,
    text: str,
    text_column: int | None,
    when: str | None,
    when_column: int | None,
    link: str = "",
    link_column: int | None = None,
    tags: Sequence[str] = (),
    channels: Sequence[str] = (),
    status: str = "draft",
    context: Context,
) -> Candidate:
    values: dict[str, Any] = {}
    where: dict[str, int] = {}
    title = title_from(text) or link
    if title:
        values["title"] = title
        values["id"] = slug(title)
    if when:
        values["publish_at"] = when
    if text.strip():
        values["text"] = text
    if link.strip():
        values["link"] = link.strip()
        values["kind"] = "article"
    if tags:
        values["tags"] = list(tags)
    if channels:
        values["channels"] = list(channels)
    values["status"] = context.status or status
    _defaults(values, context)
    for key, column in (
        ("title", text_column),
        ("text", text_column),
        ("publish_at", when_column),
        ("link", link_column),
    ):
        if column is not None:
            where[key] = column + 1
    texts = dict.fromkeys(values.get("channels", []) or [""], text) if text else {}
    return Candidate(row.line, values, where, False, texts)


def _buffer(row: _Row, header: Sequence[str], context: Context) -> Candidate:
    text_at, tags_at, when_at = (column_of(header, n) for n in ("Text", "Tags", "Posting Time"))
    text = row.cell(text_at)
    link = ""
    lines = text.rstrip().splitlines()
    # Buffer has no link column: gc-cli's export puts the link on the text's last line.
    if lines and lines[-1].startswith(("http://", "https://")) and " " not in lines[-1]:
        link = lines[-1]
        text = "\n".join(lines[:-1]).rstrip()
    return _tool_post(
        row,
        text=text,
        text_column=text_at,
        when=row.when(when_at, row.cell(when_at), context, "dmy"),
        when_column=when_at,
        link=link,
        tags=_split(row.cell(tags_at)),
        context=context,
    )


def _sprout(row: _Row, header: Sequence[str], context: Context) -> Candidate:
    at = {name: column_of(header, name) for name in ("date", "time_24hr", "message_text", "link")}
    moment = f"{row.cell(at['date'])} {row.cell(at['time_24hr'])}".strip()
    return _tool_post(
        row,
        text=row.cell(at["message_text"]),
        text_column=at["message_text"],
        # Sprout's order is the account's import preference: --date-order says it
        # (a date that reads both ways is refused without it).
        when=row.when(at["date"], moment, context, None),
        when_column=at["date"],
        link=row.cell(at["link"]),
        link_column=at["link"],
        context=context,
    )


def _publer(row: _Row, header: Sequence[str], context: Context) -> Candidate:
    at = {name: column_of(header, name) for name in ("Date", "Text", "Link(s)", "Label(s)")}
    links = _split(row.cell(at["Link(s)"]))
    return _tool_post(
        row,
        text=row.cell(at["Text"]),
        text_column=at["Text"],
        when=row.when(at["Date"], row.cell(at["Date"]), context, None),
        when_column=at["Date"],
        link=links[0] if links else "",
        link_column=at["Link(s)"],
        tags=_split(row.cell(at["Label(s)"])),
        context=context,
    )


def _metricool(row: _Row, header: Sequence[str], context: Context) -> Candidate:
    at = {name: column_of(header, name) for name in ("Text", "Date", "Time", "Draft")}
    moment = f"{row.cell(at['Date'])} {row.cell(at['Time'])}".strip()
    channels = [
        channel
        for network, channel in METRICOOL_NETWORKS.items()
        if row.cell(column_of(header, network)).strip().lower() in ("true", "yes", "1")
    ]
    draft = row.cell(at["Draft"]).strip().lower() in ("true", "yes", "1")
    return _tool_post(
        row,
        text=row.cell(at["Text"]),
        text_column=at["Text"],
        when=row.when(at["Date"], moment, context, None),
        when_column=at["Date"],
        channels=channels,
        status="draft" if draft else "ready",
        context=context,
    )


def _hootsuite(row: _Row, header: Sequence[str], context: Context) -> Candidate:
    return _tool_post(
        row,
        text=row.cell(1),
        text_column=1,
        # Hootsuite's upload screen reads month first unless told otherwise (see
        # gc_cli.exporters.hootsuite for the sources).
        when=row.when(0, row.cell(0), context, "mdy"),
        when_column=0,
        link=row.cell(2),
        link_column=2,
        context=context,
    )


Reader = Callable[[_Row, Sequence[str], Context], Candidate]

#: Each tool's format: the header cells that identify it, and its reader.
FORMATS: dict[str, tuple[tuple[str, ...], Reader]] = {
    "buffer": (("Text", "Posting Time"), _buffer),
    "sprout": (("date", "time_24hr", "message_text"), _sprout),
    "publer": (("Date", "Text", "Link(s)"), _publer),
    "metricool": (("Text", "Date", "Time", "Draft"), _metricool),
}


def detect(header: Sequence[str]) -> str:
    """The format of a sheet from its first row: a tool's name, ``hootsuite``, or ``gc-cli``."""
    for name, (needed, _reader) in FORMATS.items():
        if all(column_of(header, column) is not None for column in needed):
            return name
    if 2 <= len(header) <= 3 and not any(c.strip().lower() in COLUMNS for c in header):
        for order in ("mdy", "dmy"):
            try:
                parse_cell_date(header[0], order)
            except (ValueError, OverflowError):
                continue
            return "hootsuite"
        return "gc-cli"
    return "gc-cli"


def read_rows(sheet: Sheet, context: Context) -> tuple[str, list[Candidate], list[RowProblem]]:
    """The format of ``sheet``, a candidate post per row, and the problems of its cells."""
    problems: list[RowProblem] = list(sheet.problems)
    if problems:
        return "gc-cli", [], problems
    fmt = detect(sheet.header)
    rows = sheet.rows
    if fmt == "hootsuite":
        rows = [(sheet.header_line, sheet.header), *rows]
    candidates: list[Candidate] = []
    if fmt == "gc-cli":
        columns = _own_columns(sheet, problems)
        if problems:
            return fmt, [], problems
        # One map of where each value comes from, shared by every row's candidate.
        where = {key: column + 1 for key, column in columns.items() if key not in _SKIPPED}
        for line, cells in rows:
            row = _Row(sheet, line, cells, problems)
            candidates.append(_own_row(row, columns, where, context))
        candidates = _merge(sheet, candidates, problems)
    else:
        reader = _hootsuite if fmt == "hootsuite" else FORMATS[fmt][1]
        for line, cells in rows:
            candidates.append(reader(_Row(sheet, line, cells, problems), sheet.header, context))
    for candidate in candidates:
        _fold_texts(candidate)
        validate(sheet.file, candidate, problems)
    return fmt, candidates, problems


def _merge(
    sheet: Sheet, candidates: list[Candidate], problems: list[RowProblem]
) -> list[Candidate]:
    """Rows with the same id as one post: the export writes a row per channel."""
    merged: dict[str, Candidate] = {}
    result: list[Candidate] = []
    for candidate in candidates:
        post_id = candidate.values.get("id")
        first = merged.get(post_id) if isinstance(post_id, str) and candidate.named else None
        if first is None:
            if isinstance(post_id, str) and candidate.named:
                merged[post_id] = candidate
            result.append(candidate)
            continue
        if candidate.occurrence != first.occurrence:
            continue  # a later occurrence of a recurring post
        new_channels = [c for c in candidate.values.get("channels", []) if c not in first.texts]
        for key in sorted(set(candidate.values) | set(first.values)):
            if key == "channels" or (key == "text" and new_channels):
                continue
            if first.values.get(key) != candidate.values.get(key):
                column = candidate.columns.get(key, 1)
                problems.append(
                    sheet_problem(
                        sheet.file,
                        candidate.line,
                        column,
                        "import-conflict",
                        Message(
                            "post {id} has another {key} on line {line}",
                            id=post_id,
                            key=key,
                            line=first.line,
                        ),
                    )
                )
                break
        if not new_channels:
            continue  # another occurrence of a recurring post, or the same row again
        first.values["channels"] = [*first.values.get("channels", []), *new_channels]
        for channel in new_channels:
            first.texts[channel] = candidate.values.get("text", "")
    return result


def _fold_texts(candidate: Candidate) -> None:
    """Each channel's text as ``text`` (the most common one) and ``channel_text``."""
    texts = {channel: text for channel, text in candidate.texts.items() if text}
    if len(set(texts.values())) <= 1:
        return
    counts: dict[str, int] = {}
    for text in texts.values():
        counts[text] = counts.get(text, 0) + 1
    main = max(counts, key=lambda text: counts[text])
    candidate.values["text"] = main
    candidate.values["channel_text"] = {
        channel: text for channel, text in texts.items() if text != main and channel
    }


def validate(file: str, candidate: Candidate, problems: list[RowProblem]) -> None:
    """Add to ``problems`` what the post model finds wrong in ``candidate``."""
    if "title" not in candidate.values:
        problems.append(
            sheet_problem(
                file,
                candidate.line,
                candidate.columns.get("title", 1),
                "import-row",
                Message("the row has no title (nor a text to make one from)"),
            )
        )
        return
    try:
        Post.model_validate(candidate.values)
    except ValidationError as exc:
        for error in exc.errors():
            key = str(error["loc"][0]) if error["loc"] else "id"
            column = candidate.columns.get(key, candidate.columns.get("title", 1))
            reason = error.get("ctx", {}).get("error") or error["msg"]
            problems.append(
                sheet_problem(
                    file,
                    candidate.line,
                    column,
                    "import-value",
                    Message("{key}: {reason}", key=key, reason=str(reason)),
                )
            )


#: The example row of the template: one post as a contributor fills it in.
TEMPLATE_ROW: Mapping[str, str] = {
    "id": "",
    "title": "Menu de Noël",
    "publish_at": "2026-12-01 09:00",
    "channels": "facebook|instagram",
    "kind": "product",
    "status": "draft",
    "owner": "",
    "approved_by": "",
    "campaign": "",
    "tags": "noel|menu",
    "text": "Notre menu de Noël est arrivé : tourtière, bûche et pain d'épices maison.",
    "link": "https://example.org/menu-noel",
    "images": "images/menu-noel.jpg",
    "image_alts": "La bûche de Noël sur le comptoir",
    "event_starts": "",
    "event_ends": "",
    "event_place": "",
    "notes": "",
}


def template(*, bom: bool = True) -> bytes:
    """The sheet contributors fill: the header row and one example row to replace."""
    buffer = io.StringIO(newline="")
    # RFC 4180, as the csv export writes; the BOM makes Excel read UTF-8.
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerow([TEMPLATE_ROW[column] for column in COLUMNS])
    return (("\ufeff" if bom else "") + buffer.getvalue()).encode("utf-8")
