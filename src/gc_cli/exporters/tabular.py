"""CSV writing shared by the ``csv`` export and the bulk-upload files.

Files are RFC 4180 CSV: comma-separated, CRLF line ends, a field quoted when
it holds a comma, a quote or a line break (quotes doubled), UTF-8, with a
byte order mark on request (Excel reads UTF-8 without one as the machine's
legacy code page, which mangles accents and emoji).

**Formula injection.** A spreadsheet runs a cell that starts with ``=``,
``+``, ``-`` or ``@`` as a formula (``=HYPERLINK(...)`` makes a link,
``=cmd|...`` once launched programs), and one starting with a tab or a
carriage return can hide such a character. Calendar text is written by many
hands, agencies included, so a cell that starts with one of them is
neutralised with a leading apostrophe, which spreadsheets show as text and
do not display (OWASP's advice). The generic ``csv`` export does that.
The bulk-upload files do not: they are for a publishing tool, which would
publish the apostrophe, so their text is written as it is (docs/export.md
says not to open them in a spreadsheet).

**Control characters** in a cell are shown (``␛`` for ESC, see
:mod:`gc_cli.visible`): a NUL or an ESC would break the program that reads
the file or the terminal that shows it. Line breaks and tabs stay (a cell
may hold several lines).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from gc_cli.visible import visible

#: First characters that make a spreadsheet read a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"


def formula_start(value: str) -> bool:
    """Whether a spreadsheet would take ``value`` for a formula."""
    return value.startswith(FORMULA_STARTS)


def neutralise(value: str) -> str:
    """``value``, with an apostrophe in front when it would start a formula.

    A text that already starts with apostrophes before such a character
    (``'-``) gets one more, so that removing exactly one on import (``import
    csv``) gives it back: otherwise ``'-`` and a neutralised ``-`` would be
    written alike.
    """
    return "'" + value if formula_start(value.lstrip("'")) else value


def csv_bytes(
    rows: Iterable[Sequence[str | int]],
    *,
    header: Sequence[str] | None = None,
    bom: bool = False,
) -> bytes:
    """``rows`` (after ``header``) as RFC 4180 CSV in UTF-8, with a BOM if asked."""
    buffer = io.StringIO(newline="")
    if bom:
        buffer.write(BOM)
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    if header is not None:
        writer.writerow(header)
    writer.writerows(
        [visible(cell, terminal=False) if isinstance(cell, str) else cell for cell in row]
        for row in rows
    )
    return buffer.getvalue().encode("utf-8")
