"""``export``: the upcoming posts, as a file for another tool. The library side.

:func:`export_calendar` decides *what* goes out — the window, the channel,
cancelled posts left out, recurring posts expanded exactly as ``list``
expands them (it calls :func:`gc_cli.query.select.select`) — and hands it to the
format's exporter (:data:`gc_cli.exporters.base.EXPORTERS`), which decides *how*
and may leave more out (the bulk-upload files take only finished posts
without errors). It returns an :class:`ExportResult`: the bytes and the
list of what was left out, with why. Nothing here prints or exits; writing
a file goes through :func:`write_output`.

The window (:func:`gc_cli.query.window.period`): by default the next
:data:`DEFAULT_DAYS` days from now; ``days`` changes the length;
``start``/``end`` give it as ``list`` reads them (a date is that whole local
day; a time without an offset is local). ``start`` alone runs ``days``
(default 30) days from it; ``end`` alone runs from now.
"""

from __future__ import annotations

import dataclasses
import os
import stat
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from gc_cli.errors import BadArgument, GcError, Refused
from gc_cli.exporters.base import EXPORTERS, ExportContext, ExporterSpec, LeftOut
from gc_cli.i18n import Message, _, ngettext
from gc_cli.planning.mark import Mark, plan_handover
from gc_cli.planning.schedule import load_for_writing, prepare, write_edits
from gc_cli.problems import Problem
from gc_cli.query.select import Item, load, loading_note, select
from gc_cli.query.window import Bound, clock, period, zone_of
from gc_cli.rules.check import check_calendar
from gc_cli.store import atomic
from gc_cli.store.calendar import Calendar
from gc_cli.store.loader import display_path
from gc_cli.store.safeio import kind_of
from gc_cli.store.writer import Snapshot

_TICK = timedelta(microseconds=1)

#: The length of the default window, in days from now.
DEFAULT_DAYS = 30


@dataclass(frozen=True)
class ExportResult:
    """An export: the file's bytes, what is in it, and what was left out and why."""

    format: str
    data: bytes
    #: Publications (rows, for ``csv``) in the file.
    count: int
    first_day: date
    last_day: date
    now: datetime
    left_out: list[LeftOut] = field(default_factory=list)
    #: Set when posts could not be read at all and so are missing (see query.select.loading_note).
    note: str | None = None
    #: The publications in a bulk file, and its channel.
    items: list[Item] = field(default_factory=list)
    channel: str | None = None
    #: With ``mark``: what marking the file's posts changes, planned and checked, and
    #: each file's new bytes (:func:`apply_marks` writes them once the export is out).
    marks: list[Mark] = field(default_factory=list)
    prepared: list[tuple[Snapshot, bytes]] = field(default_factory=list, repr=False)

    @property
    def ok(self) -> bool:
        """No post is missing because of an error of the calendar.

        False when some posts could not be read, or when a bulk file left out
        posts that ``check`` finds errors in: the command then exits 1.
        """
        return self.note is None and not any(left.error for left in self.left_out)

    def summary(self, target: str | Path) -> str:
        """``wrote 17 publications to plan.ics (2026-11-25 to 2026-12-25)``."""
        n = self.count
        if EXPORTERS[self.format].unit == "row":
            template = ngettext(
                "wrote {n} row to {target} ({first} to {last})",
                "wrote {n} rows to {target} ({first} to {last})",
                n,
            )
        else:  # "publication", the unit of every other format
            template = ngettext(
                "wrote {n} publication to {target} ({first} to {last})",
                "wrote {n} publications to {target} ({first} to {last})",
                n,
            )
        return template.format(
            n=n,
            target=target,
            first=self.first_day.isoformat(),
            last=self.last_day.isoformat(),
        )

    def marked(self) -> str | None:
        """``marked 3 publications as handed over on facebook in 2 files``, or None."""
        planned = [m for m in self.marks if m.writes or m.snapshot is not None]
        if not self.marks:
            return None
        files = len({m.file for m in planned})
        if not planned:
            return _("nothing to mark: the posts of the file were marked already")
        return ngettext(
            "marked {n} publication as handed over on {channel} in {files}",
            "marked {n} publications as handed over on {channel} in {files}",
            len(planned),
        ).format(
            n=len(planned),
            channel=self.channel,
            files=ngettext("{n} file", "{n} files", files).format(n=files),
        )

    def messages(self) -> list[str]:
        """The lines to tell the person: each post left out, then the loading note."""
        lines = [_("left out {what}").format(what=left.describe()) for left in self.left_out]
        if self.note:
            lines.append(self.note)
        return lines


def spec_of(fmt: str) -> ExporterSpec:
    """The registered format ``fmt``; :class:`BadArgument` naming the known ones otherwise."""
    spec = EXPORTERS.get(fmt)
    if spec is None:
        raise BadArgument(
            "format",
            Message("no format {format!r}; known: {known}", format=fmt, known=", ".join(EXPORTERS)),
        )
    return spec


def export_calendar(
    calendar: Calendar,
    fmt: str,
    *,
    now: datetime | None = None,
    days: int | None = None,
    start: Bound = None,
    end: Bound = None,
    channel: str | None = None,
    bom: bool = False,
    mark: str | None = None,
) -> ExportResult:
    """Export the publications of ``calendar``'s window in format ``fmt``.

    ``mark`` (``scheduled``, bulk formats only) leaves out what an earlier
    export handed over on the channel and lists the file's publications in
    :attr:`ExportResult.items`, to be marked (:func:`run_export` plans it).

    ``GcError`` (exit 2) for a usage error (unknown format or channel, a bad
    window, ``--bom`` on a format that is not CSV, a bulk format without a
    channel); :class:`~gc_cli.errors.Refused` (exit 1) when a bulk file
    would exceed its tool's limit.
    """
    spec = spec_of(fmt)
    if bom and not spec.csv:
        csv_formats = ", ".join(name for name, s in EXPORTERS.items() if s.csv)
        raise BadArgument(
            "bom",
            Message(
                "only for the CSV formats ({formats}), not {format}",
                formats=csv_formats,
                format=fmt,
            ),
        )
    if mark is not None and mark != "scheduled":
        raise BadArgument(
            "mark",
            Message("only scheduled: the posts of the file are handed to a publishing tool"),
        )
    if mark is not None and not spec.bulk:
        bulk = ", ".join(name for name, s in EXPORTERS.items() if s.bulk)
        raise BadArgument(
            "mark",
            Message(
                "only with the bulk formats ({formats}), which hand posts to a publishing "
                "tool; not with {format}",
                formats=bulk,
                format=fmt,
            ),
        )
    if spec.needs_channel and not channel:
        enabled = ", ".join(calendar.settings.channels) if calendar.settings else ""
        raise BadArgument(
            "channel",
            Message(
                "the format {format} makes a file for one channel: give one (of {channels})",
                format=fmt,
                channels=enabled or Message("none"),
            ),
        )
    if days is not None and end is not None:
        raise BadArgument(
            "days", Message("does not go with an end: give days, or a start and an end")
        )
    moment = clock(calendar, now)
    span = period(
        zone_of(calendar), moment, start=start, end=end, days=DEFAULT_DAYS if days is None else days
    )
    assert span.start is not None and span.stop is not None
    assert span.first_day is not None and span.last_day is not None
    chosen = select(calendar, start=span.start, end=span.stop - _TICK, channel=channel)
    left: list[LeftOut] = []
    items: list[Item] = []
    for item in chosen:
        if item.status == "cancelled":
            left.append(LeftOut.of(item, Message("cancelled")))
        else:
            items.append(item)
    problems: tuple[Problem, ...] = ()
    if spec.needs_problems:
        problems = tuple(check_calendar(calendar, moment).problems)
    context = ExportContext(
        calendar=calendar,
        items=items,
        now=moment,
        first_day=span.first_day,
        last_day=span.last_day,
        channel=channel,
        problems=problems,
        bom=bom,
        left_out=tuple(left),
        handing_over=mark is not None,
    )
    rendered = spec.load()(context)
    return ExportResult(
        format=fmt,
        data=rendered.data,
        count=rendered.count,
        first_day=span.first_day,
        last_day=span.last_day,
        now=moment,
        left_out=[*left, *rendered.left_out],
        note=loading_note(calendar),
        items=list(rendered.items),
        channel=channel,
    )


def run_export(
    root: Path,
    fmt: str,
    *,
    now: datetime | None = None,
    days: int | None = None,
    start: Bound = None,
    end: Bound = None,
    channel: str | None = None,
    bom: bool = False,
    mark: str | None = None,
    cwd: Path | None = None,
) -> ExportResult:
    """Load ``root`` and export it: :func:`export_calendar` for a root on disk.

    The format is checked before the root is read, so a typo costs nothing.
    With ``mark`` (``scheduled``), marking the file's publications as handed
    over is planned and checked too, all or nothing, before anything is
    written (:class:`~gc_cli.errors.Refused` when a file cannot take it):
    write the export, then :func:`apply_marks`.
    """
    spec_of(fmt)
    if mark is None:
        calendar = load(root, cwd)
        return export_calendar(
            calendar, fmt, now=now, days=days, start=start, end=end, channel=channel, bom=bom
        )
    calendar, snapshots = load_for_writing(root, cwd)
    zone_of(calendar)
    result = export_calendar(
        calendar,
        fmt,
        now=now,
        days=days,
        start=start,
        end=end,
        channel=channel,
        bom=bom,
        mark=mark,
    )
    assert channel is not None  # a bulk format needs one
    targets = [(item.id, item.occurrence) for item in result.items]
    marks = plan_handover(calendar, targets, channel, result.now, snapshots=snapshots)
    pairs = [(m.snapshot, e) for m in marks if m.snapshot is not None for e in m.edits]
    return dataclasses.replace(result, marks=marks, prepared=prepare(pairs))


def apply_marks(result: ExportResult) -> list[str]:
    """Write what marking the export's publications changes (planned by :func:`run_export`),
    each file once, all or nothing; the files written.

    :class:`~gc_cli.errors.Refused` when a file changed since it was read: the
    export is out, its posts are not marked.
    """
    if not result.prepared:
        return []
    pairs = [(m.snapshot, e) for m in result.marks if m.snapshot is not None for e in m.edits]
    return write_edits(pairs, result.prepared)


#: The names the loader reads as calendar files: never written by -o inside the root.
_CALENDAR_SUFFIXES = (".yaml", ".yml")


def _refused(path: Path, reason: Message) -> GcError:
    return GcError(Message("-o {path}: {reason}", path=path, reason=reason))


def check_output(path: Path, root: Path, *, force: bool = False, cwd: Path | None = None) -> None:
    """Refuse (``GcError``, exit 2, naming ``-o``) a target ``-o`` must not write.

    ``-o`` writes a regular file and nothing else, and leaves the calendar
    alone: it refuses a symbolic link (it would neither follow nor replace
    it), a FIFO, a device, a socket or a folder (send the export to stdout
    for those), a ``.yaml``/``.yml`` name inside the calendar root (it would
    become part of the calendar), and an existing file inside the root
    unless ``force``. A regular file elsewhere is replaced, as most tools do.
    ``cwd`` is where paths in messages are relative to (default: the working
    folder).
    """
    target = Path(path)
    try:
        info = os.lstat(target)
    except FileNotFoundError:
        info = None
    except (OSError, ValueError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise _refused(path, Message("cannot write ({reason})", reason=reason)) from None
    if info is not None and stat.S_ISLNK(info.st_mode):
        raise _refused(
            path,
            Message(
                "is a symbolic link; gc-cli neither writes through a link nor replaces one. "
                "Give the file it leads to, or leave out -o to write to standard output"
            ),
        )
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise _refused(path, Message("is a folder; give a file name"))
    if info is not None and not stat.S_ISREG(info.st_mode):
        raise _refused(
            path,
            Message(
                "{kind}; -o writes regular files only. Leave out -o (or give -o -) and "
                "send standard output there: gc-cli export ... > {path}",
                kind=kind_of(info.st_mode),
                path=path,
            ),
        )
    folder = target.parent
    if not folder.is_dir():
        raise _refused(path, Message("there is no folder {folder}", folder=folder))
    where = Path(os.path.realpath(folder)) / target.name
    if not where.is_relative_to(os.path.realpath(root)):
        return
    shown = display_path(root, cwd or Path.cwd())
    if target.name.lower().endswith(_CALENDAR_SUFFIXES):
        raise _refused(
            path,
            Message(
                "is inside the calendar root {root}, where a .yaml or .yml file is read as "
                "part of the calendar; write the export outside the root",
                root=shown,
            ),
        )
    if info is not None and not force:
        raise _refused(
            path,
            Message(
                "is a file inside the calendar root {root}; gc-cli does not overwrite files "
                "of the calendar. Write the export outside the root, or give --force to "
                "replace this file",
                root=shown,
            ),
        )


def write_output(
    path: Path, data: bytes, root: Path, *, force: bool = False, cwd: Path | None = None
) -> None:
    """Write ``data`` to ``path`` for ``-o``, all or nothing (:mod:`gc_cli.store.atomic`).

    :func:`check_output` first. An interruption leaves the old file or the
    new one, never half of one, so a calendar app or a sync folder never
    picks up a truncated export. A file that existed keeps its permissions
    and owner (or is refused: read-only, several hard links, an owner that
    cannot be kept); a new one gets the usual permissions (0666 less the
    umask). Every failure is a ``GcError`` (exit 2) naming ``-o``.
    """
    check_output(path, root, force=force, cwd=cwd)
    try:
        atomic.write_file(Path(path), data, f"-o {path}")
    except Refused as exc:
        raise GcError(*exc.args) from None
