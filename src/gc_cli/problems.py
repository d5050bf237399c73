"""The one type of finding: a located, coded :class:`Problem`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True, slots=True)
class Problem:
    """A problem at a 1-based line and column of a file.

    Problems sort by file, line and column (then code), the order every
    reporter prints them in.
    """

    file: str
    line: int
    column: int
    code: str
    severity: Severity
    message: str
    post: str | None = None
    channel: str | None = None

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def to_dict(self) -> dict[str, object]:
        """The JSON shape of SPEC §2.1."""
        return {
            "severity": self.severity,
            "code": self.code,
            "message": self.message,
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "post": self.post,
            "channel": self.channel,
        }
