"""The one type of finding, a located :class:`Problem`, and the :class:`Rule` it breaks.

Every problem is made by a :class:`Rule`, defined once with its stable code,
its default severity, a summary and a complete example; the rules page
(``docs/rules.md``) is generated from these definitions. Each layer defines the
rules it finds: reading the files in :mod:`gc_cli.store.codes`, the checks of
``gc-cli check`` in the families of :mod:`gc_cli.rules`, whose registry holds
them all.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from enum import StrEnum


class Severity(StrEnum):
    """How bad a problem is; its value is the word of the JSON output."""

    error = "error"
    warning = "warning"


@dataclass(frozen=True, order=True, slots=True)
class Problem:
    """A problem at a 1-based line and column of a file.

    Problems sort by file, line and column (then code), the order every
    reporter prints them in. Made by :meth:`Rule.at`, which gives the code
    and the severity.
    """

    file: str
    line: int
    column: int
    code: str
    severity: Severity
    message: str
    post: str | None = None
    channel: str | None = None
    #: For a recurring post, the local date of the occurrence the problem is
    #: about (None: the post as a whole). Not compared: the message says it.
    occurrence: date | None = field(default=None, compare=False)
    #: The line at fault as written, for a person to see it with a caret under the
    #: column (a YAML syntax error); never part of the JSON.
    excerpt: str | None = field(default=None, compare=False)

    @property
    def is_error(self) -> bool:
        return self.severity == Severity.error

    def to_dict(self) -> dict[str, object]:
        """The JSON shape of docs/json.md: code and severity as plain strings."""
        return {
            "severity": str(self.severity),
            "code": self.code,
            "message": self.message,
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "post": self.post,
            "channel": self.channel,
        }


# -- examples: a calendar root in which a rule is reported -------------------------

#: The ``settings.yaml`` of every example's root; an example may add lines at its end.
EXAMPLE_SETTINGS = """\
timezone: America/Toronto
channels:
  facebook: {}
  instagram: {}
  linkedin: {}
  x: {}
  mastodon: {}
  bluesky: {}
team:
  marie: {name: Marie Tremblay, roles: [content, interactions]}
  agence: {name: Agence Bleu, roles: [content], external: true}
slots: ["mon 09:00", "wed 12:00", "fri 15:00"]
"""
#: When every example is checked (``--now``): a Wednesday morning in Toronto.
EXAMPLE_NOW = datetime(2026, 11, 25, 8, 0, tzinfo=timezone(timedelta(hours=-5)))


@dataclass(frozen=True, slots=True)
class Picture:
    """An image file of an example: a plain picture of one colour."""

    path: str  # below the root, with '/'
    format: str  # as Pillow names it: JPEG, PNG
    width: int
    height: int

    def describe(self) -> str:
        return f"a {self.width} × {self.height} {self.format} picture"


@dataclass(frozen=True, slots=True)
class TextFile:
    """A file of an example that holds text, whatever its name says."""

    path: str  # below the root, with '/'
    text: str

    def describe(self) -> str:
        return f"a text file holding {self.text!r}"


Attachment = Picture | TextFile


@dataclass(frozen=True, slots=True)
class Example:
    """A complete calendar root in which a rule is reported, checked at :data:`EXAMPLE_NOW`.

    The root holds :data:`EXAMPLE_SETTINGS` followed by ``settings``, the post
    file ``posts.yaml`` (none when ``posts`` is empty) and ``files``. Its
    problems are those of the rule, reported at ``line`` of ``file`` with the
    rule's default severity, and of the rules in ``also`` (a rule that cannot
    be met alone); nothing else. Texts are the file format: never translated.
    """

    posts: str
    line: int
    file: str = "posts.yaml"
    settings: str = ""
    files: tuple[Attachment, ...] = ()
    also: tuple[Rule, ...] = ()


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Rule:
    """A stable problem code, its default severity, what it means, and an example.

    Each rule is one object, compared by identity. Its severity is ``severity``
    unless the rule says how it varies: ``softer_before_ready`` makes it a
    warning while the post is an idea or a draft; ``setting`` names the setting
    that chooses it (``severity`` is that setting's default). Raise sites ask
    :meth:`severity_for`, or pass the severity a setting chose to :meth:`at`.
    """

    code: str
    severity: Severity
    # English, marked with N_() where it is written: show it through _().
    summary: str
    example: Example
    softer_before_ready: bool = False
    setting: str | None = None

    def __repr__(self) -> str:
        return f"Rule({self.code!r})"

    @property
    def varies(self) -> bool:
        """Whether the severity depends on the post or on the settings."""
        return self.softer_before_ready or self.setting is not None

    def severity_for(self, *, ready: bool = True, configured: Severity | None = None) -> Severity:
        """The severity for a post that is ``ready`` (or further on) or not, and for the
        severity ``configured`` by :attr:`setting` (None: its default)."""
        if configured is not None:
            if self.setting is None:
                raise ValueError(f"{self.code}: no setting chooses its severity")
            return configured
        if self.softer_before_ready and not ready:
            return Severity.warning
        return self.severity

    def at(
        self,
        file: str,
        line: int,
        column: int,
        message: str,
        *,
        post: str | None = None,
        channel: str | None = None,
        severity: Severity | None = None,
        occurrence: date | None = None,
        excerpt: str | None = None,
    ) -> Problem:
        """This rule's problem at ``line`` and ``column`` of ``file``.

        ``severity`` is for a rule that :attr:`varies` (from :meth:`severity_for`);
        any other rule always has its own. ``occurrence`` ties it to one
        occurrence of a recurring post; ``excerpt`` is the line at fault.
        """
        if severity is not None and severity is not self.severity and not self.varies:
            raise ValueError(f"{self.code}: its severity is always {self.severity}")
        return Problem(
            file,
            line,
            column,
            self.code,
            severity or self.severity,
            message,
            post,
            channel,
            occurrence,
            excerpt,
        )
