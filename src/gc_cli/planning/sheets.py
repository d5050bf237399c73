"""Reading a spreadsheet that people filled or another tool wrote: ``import csv``.

**Bytes to text.** Spreadsheets save CSV in several ways (Microsoft's
``Workbook.SaveAs`` and ``XlFileFormat`` pages): "CSV UTF-8" is UTF-8 with a
byte order mark; "CSV" is the system's code page (cp1252 on French and
English Windows) with the system's list separator (``;`` where the comma is
the decimal mark); "Unicode Text" is UTF-16 with a BOM and tabs. So: a BOM
decides (UTF-8, UTF-16); otherwise strict UTF-8; otherwise cp1252, never
Latin-1 (``€`` is byte 0x80 in cp1252 only). A first line ``sep=;`` (Excel's
directive) names the separator; otherwise it is the one of ``,`` ``;`` and
TAB that splits the header line most.

**Bounds.** The file is read through :mod:`gc_cli.store.safeio` with a cap
(:data:`MAX_SHEET_BYTES`); a cell longer than :data:`MAX_CELL` characters
and a sheet of more than :data:`MAX_ROWS` rows are problems, not work.

**Cells.** gc-cli's own ``csv`` export puts an apostrophe before a cell
that a spreadsheet would run as a formula (:mod:`gc_cli.exporters.tabular`):
exactly one such apostrophe is removed, so that an export reads back as it
was. A cell that *is* a formula (``=…``) or a spreadsheet's error value
(``#NAME?``) is refused: it is not the text someone meant to publish.

**Dates** are read as people type them: ISO 8601 (``2026-12-01 09:00``,
with an offset or not), ``2026/12/01``, day/month/year (``01/12/2026 9:00``
or ``1.12.2026``), month names in English or French (``1 décembre 2026 à
9 h``, ``December 1, 2026 9:00 AM``). ``01/02/2026`` is refused as
ambiguous unless the order is known (a format's own, or ``--date-order``).
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time

from gc_cli.i18n import Message
from gc_cli.problems import Severity
from gc_cli.timeutil import in_range, parse_when

#: Larger than any calendar a team plans by hand (5,000 posts of 1 KiB each
#: take 5 MiB), small enough to keep memory bounded.
MAX_SHEET_BYTES = 32 * 1024 * 1024
#: Facebook's 63,206 characters are the longest text of a built-in channel
#: (gc_cli.store.channels): a cell longer than twice that is not a post.
MAX_CELL = 131_072
MAX_ROWS = 100_000

#: A spreadsheet's error values, as Excel and LibreOffice display them.
ERROR_VALUES = frozenset(
    {"#NAME?", "#VALUE!", "#REF!", "#DIV/0!", "#N/A", "#NULL!", "#NUM!", "#ERROR!", "#SPILL!"}
)
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass
class Sheet:
    """A table read from a file: its header, its rows, and what was found wrong."""

    file: str
    header: list[str]
    #: Each row: the line it starts on (1-based) and its cells.
    rows: list[tuple[int, list[str]]]
    header_line: int = 1
    encoding: str = "utf-8"
    separator: str = ","
    problems: list[RowProblem] = field(default_factory=list)


@dataclass(frozen=True, order=True, slots=True)
class RowProblem:
    """What is wrong in a file being imported (a sheet, a feed), at a 1-based line and
    column (the cell's number).

    Not a :class:`~gc_cli.problems.Problem` of the calendar: no rule of
    ``check`` finds it, and nothing is written while there is one. Its codes
    (``import-encoding``, ``import-header``, ``import-cell``, ``import-date``,
    ``import-value``, ``import-conflict``, ``import-row``) are listed in
    docs/import.md. It has the fields a problem is printed with.
    """

    file: str
    line: int
    column: int
    code: str
    message: str
    severity: Severity = Severity.error
    post: str | None = None
    channel: str | None = None

    @property
    def is_error(self) -> bool:
        return self.severity == Severity.error


def sheet_problem(file: str, line: int, column: int, code: str, message: str) -> RowProblem:
    """An error found in a file being imported, at a 1-based line and column."""
    return RowProblem(file, line, column, code, message)


def decode(data: bytes, file: str) -> tuple[str, str]:
    """``data`` as text and the encoding read; ``ValueError`` with a :class:`Message`."""
    if data.startswith(b"\xef\xbb\xbf"):
        encoding = "utf-8-sig"
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
    else:
        encoding = "utf-8"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        if encoding != "utf-8":
            raise ValueError(
                Message("the file is not valid {encoding}", encoding=encoding)
            ) from None
        try:
            text, encoding = data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            raise ValueError(
                Message("the file is neither UTF-8 nor Windows-1252 text: save it as CSV UTF-8")
            ) from None
    if "\x00" in text:
        raise ValueError(Message("the file holds NUL characters: it is not a CSV file"))
    return text, encoding


def _cells(line: str, separator: str) -> int:
    try:
        return len(next(csv.reader([line], delimiter=separator), []))
    except csv.Error:  # a field over the csv module's limit: read_sheet says so, at its line
        return 0


def _separator(line: str) -> str:
    counts = {sep: _cells(line, sep) for sep in (",", ";", "\t")}
    best = max(counts, key=lambda sep: counts[sep])
    return best if counts[best] > 1 else ","


def read_sheet(data: bytes, file: str, *, header: bool = True) -> Sheet:
    """The rows of a CSV file (the first one as ``header`` unless there is none)."""
    sheet = Sheet(file, [], [])
    try:
        text, sheet.encoding = decode(data, file)
    except ValueError as exc:
        sheet.problems.append(sheet_problem(file, 1, 1, "import-encoding", exc.args[0]))
        return sheet
    first_line = 1
    directive = re.match(r"sep=(.)\r?\n", text)
    if directive:
        sheet.separator = directive.group(1)
        text = text[directive.end() :]
        first_line = 2
    else:
        sheet.separator = _separator(text.split("\n", 1)[0])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sheet.separator, strict=True)
    start = first_line
    previous = 0
    try:
        for cells in reader:
            line = start + previous
            previous = reader.line_num
            if any(len(cell) > MAX_CELL for cell in cells):
                column = next(i for i, c in enumerate(cells, 1) if len(c) > MAX_CELL)
                sheet.problems.append(
                    sheet_problem(
                        file,
                        line,
                        column,
                        "import-cell",
                        Message("a cell longer than {most} characters", most=format(MAX_CELL, ",")),
                    )
                )
                return sheet
            if header and not sheet.header and line == first_line:
                sheet.header = cells
                sheet.header_line = line
                continue
            if not any(cell.strip() for cell in cells):
                continue
            if len(sheet.rows) >= MAX_ROWS:
                sheet.problems.append(
                    sheet_problem(
                        file,
                        line,
                        1,
                        "import-cell",
                        Message("more than {most} rows in one file", most=format(MAX_ROWS, ",")),
                    )
                )
                return sheet
            sheet.rows.append((line, cells))
    except csv.Error as exc:
        # The csv module's own limit (131,072 characters a field) or a stray quote.
        sheet.problems.append(
            sheet_problem(
                file,
                start + previous,
                1,
                "import-cell",
                Message("not a well-formed CSV file: {reason}", reason=str(exc)),
            )
        )
    return sheet


def cell_text(value: str) -> str | Message:
    """A cell's text, or a :class:`Message` saying why it is refused."""
    if not value or value[0] not in "'=# \t\r\n":
        return value  # most cells: nothing to look at (this runs for every cell)
    if value.startswith("'") and value.lstrip("'").startswith(_FORMULA_STARTS):
        return value[1:]
    stripped = value.strip()
    # Only a first "=" makes a formula: " =" is text (and the export leaves it as it is).
    if value.startswith("="):
        return Message("the cell is a spreadsheet formula, not text: {value}", value=value[:40])
    if stripped in ERROR_VALUES:
        return Message("the cell holds the spreadsheet error {value}", value=stripped)
    return value


# -- dates as people type them ------------------------------------------------------

_MONTHS = {
    # English, then French; accents are folded before matching.
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
    "janvier": 1, "janv": 1, "fevrier": 2, "fevr": 2, "fev": 2, "mars": 3, "avril": 4,
    "avr": 4, "mai": 5, "juin": 6, "juillet": 7, "juil": 7, "aout": 8, "septembre": 9,
    "octobre": 10, "novembre": 11, "decembre": 12,
}  # fmt: skip
_WEEKDAYS = (
    r"(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?|"
    r"(?:lun|mar|mer|jeu|ven|sam|dim)(?:di|anche)?\.?"
)
_TIME = re.compile(
    r"(?P<h>\d{1,2})\s*(?:(?::|h|\bh\b)\s*(?P<m>\d{2})?(?::(?P<s>\d{2}))?)?\s*(?P<ampm>[ap]\.?m\.?)?",
)
_NUMERIC = re.compile(r"(?P<a>\d{1,4})[/.\-](?P<b>\d{1,2})[/.\-](?P<c>\d{1,4})")
_NAMED_DMY = re.compile(r"(?P<d>\d{1,2})(?:er)?\s+(?P<mon>[a-z]+)\.?,?\s+(?P<y>\d{4})")
_NAMED_MDY = re.compile(r"(?P<mon>[a-z]+)\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})")
DATE_ORDERS = ("dmy", "mdy")


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _clock(rest: str, value: str) -> time | None:
    """The time in what follows a date (``9:00``, ``9 h 30``, ``à 9h``, ``9:30 PM``)."""
    rest = re.sub(r"^(?:,|t|a|at|@|-)\s*", "", rest.strip(), flags=re.IGNORECASE).strip()
    if not rest:
        return None
    match = _TIME.fullmatch(rest)
    if match is None:
        raise ValueError(Message("{value!r} is not a date and time I can read", value=value))
    hour, minute = int(match.group("h")), int(match.group("m") or 0)
    second = int(match.group("s") or 0)
    ampm = match.group("ampm")
    if ampm:
        if not 1 <= hour <= 12:
            raise ValueError(Message("{value!r}: the hour is not 1 to 12", value=value))
        hour = hour % 12 + (12 if ampm.startswith("p") else 0)
    elif match.group("m") is None and "h" not in rest.lower():
        raise ValueError(Message("{value!r} is not a date and time I can read", value=value))
    try:
        return time(hour, minute, second)
    except ValueError:
        raise ValueError(Message("{value!r}: no such time of day", value=value)) from None


def parse_cell_date(value: str, order: str | None = None) -> date | datetime:
    """A date, or a date and time, as a person or a spreadsheet typed it.

    Returns what :func:`gc_cli.timeutil.parse_when` does (a naive time is a
    wall time in the root's zone). ``order`` (``dmy`` or ``mdy``) reads
    ``01/02/2026``; without it, a date whose day and month could be swapped
    is refused. ``ValueError`` with a :class:`Message` otherwise.
    """
    text = value.strip()
    try:
        return parse_when(text.replace("/", "-") if re.match(r"\d{4}/", text) else text)
    except (ValueError, OverflowError):
        pass
    folded = re.sub(r"^(?:" + _WEEKDAYS + r")\s*,?\s*", "", _fold(text))
    day: date | None = None
    rest = ""
    numeric = _NUMERIC.match(folded)
    named = _NAMED_DMY.match(folded) or _NAMED_MDY.match(folded)
    try:
        if numeric:
            a, b, c = (int(numeric.group(x)) for x in "abc")
            rest = folded[numeric.end() :]
            if len(numeric.group("a")) == 4:
                day = date(a, b, c)
            else:
                year = c + 2000 if len(numeric.group("c")) == 2 else c
                if order is None and a <= 12 and b <= 12 and a != b:
                    raise ValueError(
                        Message(
                            "{value!r} could be day/month or month/day: write "
                            "{year}-{b:02d}-{a:02d} (year-month-day)",
                            value=value,
                            year=year,
                            a=a,
                            b=b,
                        )
                    )
                dmy = order == "dmy" or (order is None and (a > 12 or a == b))
                day = date(year, b, a) if dmy else date(year, a, b)
        elif named and named.group("mon").rstrip(".") in _MONTHS:
            month = _MONTHS[named.group("mon").rstrip(".")]
            day = date(int(named.group("y")), month, int(named.group("d")))
            rest = folded[named.end() :]
    except ValueError as exc:
        if exc.args and isinstance(exc.args[0], Message):
            raise
        raise ValueError(Message("{value!r}: no such day", value=value)) from None
    if day is None:
        raise ValueError(
            Message(
                "{value!r} is not a date I can read: write 2026-12-01 09:00 (year-month-day)",
                value=value,
            )
        )
    moment = _clock(rest, value)
    result: date | datetime = day if moment is None else datetime.combine(day, moment)
    return in_range(result, value)


def column_of(header: Sequence[str], name: str) -> int | None:
    """The 0-based index of column ``name`` in ``header`` (case and spaces ignored)."""
    wanted = name.strip().lower()
    for index, title in enumerate(header):
        if title.strip().lower() == wanted:
            return index
    return None
