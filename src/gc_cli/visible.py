"""What gc-cli writes cannot be steered by what a calendar holds.

A title, a name or a file name comes from whoever can commit to the
calendar. Written raw to a terminal, an escape sequence in it could retitle
the window, clear the screen, hide the lines after it or fake other output;
in an export, a NUL or an ESC breaks the file or the app that reads it. So
every text gc-cli writes follows one rule:

* **Control characters are shown, never sent.** C0 controls (U+0000 to
  U+001F) and DEL become their Unicode control pictures (ESC shows as ``␛``,
  NUL as ``␀``, BEL as ``␇``); C1 controls (U+0080 to U+009F) and lone
  surrogates become ``�`` (U+FFFD). Tab and line feed stay where the output
  can hold them; a carriage return stays only as part of a CR LF line end.
* **In a terminal, bidirectional overrides and isolates** (U+202A to U+202E,
  U+2066 to U+2069) become ``�`` too: they reorder what is shown, and could
  make a line read as something it is not. The exports keep them: they are
  part of text that is published.
* **A one-line field** (a title in a table row, a message after
  ``file:line:col``) shows line breaks and tabs as spaces, so a value cannot
  add a line that looks like gc-cli's own.
* **JSON is exact**: it escapes every such character (``\\u001b``), so a
  script reads the value as it is written in the calendar.

:class:`VisibleWriter` applies the rule to a whole stream: the command line
writes everything meant for people through it, so nothing slips past a
renderer. The renderers still make values visible before laying them out,
so that widths are right and colour cannot come from a value.
"""

from __future__ import annotations

import codecs
import io
import re
from collections.abc import Callable
from functools import cache
from typing import Any, TextIO

#: C0 controls but tab and line feed, DEL, C1 controls, lone surrogates.
_CONTROLS = "\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff"
#: Bidirectional embeddings, overrides and isolates (Unicode UAX #9, "explicit formatting").
_BIDI = "\u202a-\u202e\u2066-\u2069"
#: A whole stream for a terminal: a CR LF line end (CSV rows) is kept.
_STREAM = f"\r(?!\n)|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff{_BIDI}]"
_PATTERNS = {
    "export": f"[{_CONTROLS}]",
    "terminal": f"[{_CONTROLS}{_BIDI}]",
    "stream": _STREAM,
    # The same, with the colour sequences (SGR) gc-cli's own renderers emit left alone.
    "stream+sgr": r"\x1b\[[0-9;]*m|" + _STREAM,
    # Line breaks and tabs of a one-line field (Unicode's line boundaries included).
    "breaks": "[\t\n\v\f\r\x1c-\x1e\x85\u2028\u2029]+",
    # What JSON leaves raw (ensure_ascii off) but a terminal or an editor would act on.
    "json": f"[\x7f-\x9f\ud800-\udfff\u2028\u2029{_BIDI}]",
}


@cache
def _pattern(name: str) -> re.Pattern[str]:
    """Compiled on first use: most output holds no control character at all."""
    return re.compile(_PATTERNS[name])


REPLACEMENT = "\ufffd"


def _picture(char: str) -> str:
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # Unicode "Control Pictures": U+2400 is ␀
    if code == 0x7F:
        return "\u2421"  # ␡
    return REPLACEMENT


def _shown(match: re.Match[str]) -> str:
    return _picture(match[0])


def visible(text: str, *, terminal: bool = True) -> str:
    """``text`` with its control characters shown (the module's rule).

    ``terminal``: for a terminal, bidirectional controls are shown too; an
    export (``terminal=False``) keeps them.
    """
    if text.isprintable():  # the common case, and the fastest test there is
        return text
    return _pattern("terminal" if terminal else "export").sub(_shown, text)


def one_line(text: str, *, terminal: bool = True) -> str:
    """``text`` as one line: line breaks and tabs as a space, controls shown."""
    if text.isprintable():
        return text
    return visible(_pattern("breaks").sub(" ", text), terminal=terminal)


def _shown_in_stream(match: re.Match[str]) -> str:
    text = match[0]
    return text if len(text) > 1 else _picture(text)


class VisibleWriter(io.TextIOBase):
    """A text stream that shows control characters instead of writing them.

    Everything gc-cli writes for people goes through one: a value a renderer
    forgot cannot reach the terminal raw. ``color``: the stream takes the
    colour sequences (SGR: ``ESC [ ... m``) of gc-cli's renderers; every
    other escape sequence is still shown. Line feeds, tabs and CR LF pass.
    """

    def __init__(self, stream: TextIO, *, color: bool = False) -> None:
        super().__init__()
        self.stream = stream
        self._pattern = _pattern("stream+sgr" if color else "stream")

    def write(self, text: str) -> int:
        self.stream.write(self._pattern.sub(_shown_in_stream, text))
        return len(text)

    def writable(self) -> bool:
        return True

    def flush(self) -> None:
        self.stream.flush()

    def isatty(self) -> bool:
        isatty = getattr(self.stream, "isatty", None)
        return bool(isatty and isatty())

    def fileno(self) -> int:
        return self.stream.fileno()

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self.stream, "encoding", None) or "utf-8"


#: The error handler of people's streams: see :func:`encoding_errors`.
ENCODING_ERRORS = "gc_cli.replace"


def _replace_unencodable(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    missing = error.object[error.start : error.end]
    # French puts a no-break space before ":" and ";": a space, not a "?".
    return "".join(" " if char.isspace() else "?" for char in missing), error.end


def encoding_errors() -> str:
    """The name of an error handler that writes what an encoding lacks as ``?``.

    A space the encoding lacks (a no-break space) is written as a space.
    """
    try:
        codecs.lookup_error(ENCODING_ERRORS)
    except LookupError:
        codecs.register_error(ENCODING_ERRORS, _replace_unencodable)
    return ENCODING_ERRORS


def unicode_stream(stream: object) -> bool:
    """Whether ``stream`` can write every character (a UTF encoding, or no encoding at all)."""
    encoding = getattr(stream, "encoding", None)
    if not encoding:
        return True  # an in-memory buffer: the caller encodes it
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        return False
    return name.startswith("utf")


def _escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match[0]):04x}"


def json_encoder(stream: object) -> Callable[[Any], str]:
    """A JSON encoder for ``stream``: exact values, nothing a terminal would act on.

    JSON escapes C0 controls itself; DEL, C1 controls, lone surrogates, line
    and paragraph separators and bidirectional controls are escaped here.
    On a stream that cannot write every character (``PYTHONIOENCODING=ascii``,
    a legacy code page) every non-ASCII character is escaped instead of
    replaced: the document stays valid and loses nothing.
    """
    import json

    if not unicode_stream(stream):
        return json.JSONEncoder(ensure_ascii=True).encode
    encode = json.JSONEncoder(ensure_ascii=False).encode
    raw = _pattern("json")

    def encoded(value: Any) -> str:
        return raw.sub(_escape, encode(value))

    return encoded


def json_dump(value: Any, stream: TextIO, *, indent: int | None = 2) -> None:
    """``value`` as JSON on ``stream`` (see :func:`json_encoder`), then a line end."""
    import json

    text = json.dumps(value, ensure_ascii=not unicode_stream(stream), indent=indent)
    stream.write(_pattern("json").sub(_escape, text) + "\n")
