"""What every exporter shares: its input, its output, and the registry of formats.

Each format is one module with one pure function ``export(context) ->
Rendered``: the selected publications (and the calendar, the problems of
``check``, the current time) in, the file's bytes and the list of what was
left out (with why) out. :data:`EXPORTERS` names each format's module, which
is imported only when that format is used.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from gc_cli.i18n import N_, _, translated
from gc_cli.problems import Problem
from gc_cli.query.select import Item
from gc_cli.store.calendar import Calendar

__all__ = [
    "EXPORTERS",
    "ExportContext",
    "ExporterSpec",
    "LeftOut",
    "Rendered",
]


@dataclass(frozen=True, slots=True)
class LeftOut:
    """A publication of the window that is not in the file, and why.

    ``error`` is true when the reason is an error of the calendar (the post
    fails ``check``), as opposed to a choice of the format (a draft is not
    sent to a publishing tool) or of the tool (a time off its grid).
    ``reason`` is a :class:`~gc_cli.i18n.Message`: its ``str`` is English,
    :meth:`describe` shows it in the user's language.
    """

    id: str
    occurrence: date | None
    when: datetime | date | None
    reason: str
    channel: str | None = None
    error: bool = False

    @classmethod
    def of(
        cls, item: Item, reason: str, *, channel: str | None = None, error: bool = False
    ) -> LeftOut:
        """``item`` left out for ``reason``."""
        return cls(item.id, item.occurrence, item.when, reason, channel, error)

    def describe(self) -> str:
        """``fetes-concours (2026-12-15 09:00): cancelled``: one line for people."""
        if isinstance(self.when, datetime):
            when = f"{self.when:%Y-%m-%d %H:%M}"
        elif isinstance(self.when, date):
            when = self.when.isoformat()
        else:
            when = _("not scheduled")
        if self.channel:
            return _("{id} ({when}) on {channel}: {reason}").format(
                id=self.id, when=when, channel=self.channel, reason=translated(self.reason)
            )
        return _("{id} ({when}): {reason}").format(
            id=self.id, when=when, reason=translated(self.reason)
        )


@dataclass(frozen=True)
class ExportContext:
    """Everything an exporter may use; all of it already decided by :mod:`gc_cli.exporters.run`.

    ``items`` are the publications of the window in date order, cancelled
    ones and (with ``channel``) those not on that channel already removed.
    ``problems`` are the problems of ``check`` at ``now`` when the format
    asked for them (:attr:`ExporterSpec.needs_problems`), else empty.
    """

    calendar: Calendar
    items: Sequence[Item]
    now: datetime
    first_day: date
    last_day: date
    channel: str | None = None
    problems: Sequence[Problem] = ()
    bom: bool = False
    #: What :mod:`gc_cli.exporters.run` left out before the exporter ran (cancelled posts).
    left_out: Sequence[LeftOut] = ()
    #: The posts of the file are to be marked as handed over (``--mark scheduled``): a
    #: bulk format leaves out those an earlier export handed over on the channel.
    handing_over: bool = False

    def problems_of(self, item: Item) -> list[Problem]:
        """The problems located on ``item``'s post, in report order."""
        return [p for p in self.problems if p.post == item.id]


@dataclass(frozen=True, slots=True)
class Rendered:
    """What an exporter returns: the file's bytes and what it left out."""

    data: bytes
    #: Publications written (rows for ``csv``, which has a row per channel).
    count: int
    left_out: list[LeftOut] = field(default_factory=list)
    #: The publications in the file, for the bulk formats (what ``--mark`` marks).
    items: tuple[Item, ...] = ()


Export = Callable[[ExportContext], Rendered]


@dataclass(frozen=True, slots=True)
class ExporterSpec:
    """A format: its name, where its file goes, and the module that writes it."""

    name: str
    #: One line for ``--help`` and the README: what the file is for (marked
    #: for the catalog; translate it with ``_()`` where it is shown).
    summary: str
    module: str
    extension: str
    media_type: str
    #: Runs ``check`` first: the bulk formats leave out posts with errors, and
    #: the review formats show warnings beside the posts.
    needs_problems: bool = False
    #: One file per channel: ``--channel`` is required.
    needs_channel: bool = False
    #: A CSV file: ``--bom`` applies.
    csv: bool = False
    #: The bulk-upload file of a publishing tool (only ready/scheduled posts).
    bulk: bool = False
    #: What :attr:`Rendered.count` counts.
    unit: str = "publication"

    def load(self) -> Export:
        """The format's ``export`` function (its module imported now)."""
        module = importlib.import_module(f"gc_cli.exporters.{self.module}")
        function: Export = module.export
        return function


def _registry(*specs: ExporterSpec) -> dict[str, ExporterSpec]:
    return {spec.name: spec for spec in specs}


#: Every format of ``gc-cli export --format``, in the order the help lists them.
EXPORTERS: dict[str, ExporterSpec] = _registry(
    ExporterSpec(
        "ics",
        N_(
            "iCalendar: subscribe or import in a calendar app (Google, Outlook, Apple, Thunderbird)"
        ),
        "ics",
        "ics",
        "text/calendar",
    ),
    ExporterSpec(
        "csv",
        N_("a spreadsheet: one row per post and channel (Excel, LibreOffice, Google Sheets)"),
        "csvfile",
        "csv",
        "text/csv",
        csv=True,
        unit="row",
    ),
    ExporterSpec(
        "json",
        N_("the objects of list --format json, for scripts"),
        "jsonfile",
        "json",
        "application/json",
    ),
    ExporterSpec(
        "markdown",
        N_("a review document grouped by day, for a pull request or an email"),
        "markdown",
        "md",
        "text/markdown",
        needs_problems=True,
    ),
    ExporterSpec(
        "html",
        N_("one self-contained review page with thumbnails and warnings, for a browser"),
        "htmlpage",
        "html",
        "text/html",
        needs_problems=True,
    ),
    ExporterSpec(
        "hootsuite",
        N_("Hootsuite's Bulk Composer (one channel per file)"),
        "hootsuite",
        "csv",
        "text/csv",
        needs_problems=True,
        needs_channel=True,
        csv=True,
        bulk=True,
    ),
    ExporterSpec(
        "buffer",
        N_("Buffer's bulk upload (one channel per file)"),
        "buffer",
        "csv",
        "text/csv",
        needs_problems=True,
        needs_channel=True,
        csv=True,
        bulk=True,
    ),
    ExporterSpec(
        "sprout",
        N_("Sprout Social's bulk scheduling (one channel per file)"),
        "sprout",
        "csv",
        "text/csv",
        needs_problems=True,
        needs_channel=True,
        csv=True,
        bulk=True,
    ),
)
