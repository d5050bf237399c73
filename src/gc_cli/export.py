"""``export``: the upcoming posts, as a file for another tool. The library side.

:func:`export_calendar` decides *what* goes out — the window, the channel,
cancelled posts left out, recurring posts expanded exactly as ``list``
expands them (it calls :func:`gc_cli.views.select`) — and hands it to the
format's exporter (:data:`gc_cli.exporters.base.EXPORTERS`), which decides *how*
and may leave more out (the bulk-upload files take only finished posts
without errors). It returns an :class:`ExportResult`: the bytes and the
list of what was left out, with why. Nothing here prints or exits; writing
a file goes through :func:`write_atomically`.

The window: by default the next :data:`DEFAULT_DAYS` days from now;
``days`` changes the length; ``start``/``end`` give it as ``list`` reads
``--from``/``--to`` (a date is that whole local day; a time without an
offset is local). ``start`` alone runs ``days`` (default 30) whole days from
it; ``end`` alone runs from now.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from gc_cli import views
from gc_cli.calendar import Calendar
from gc_cli.errors import GcError
from gc_cli.exporters.base import EXPORTERS, ExportContext, ExporterSpec, LeftOut
from gc_cli.i18n import Message, _, ngettext
from gc_cli.timeutil import to_aware

if TYPE_CHECKING:
    from gc_cli.problems import Problem

#: The length of the default window, in days from now.
DEFAULT_DAYS = 30

Bound = str | date | datetime | None


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
    #: Set when posts could not be read at all and so are missing (see views.loading_note).
    note: str | None = None

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

    def messages(self) -> list[str]:
        """The lines to tell the person: each post left out, then the loading note."""
        lines = [_("left out {what}").format(what=left.describe()) for left in self.left_out]
        if self.note:
            lines.append(self.note)
        return lines


def spec_of(fmt: str) -> ExporterSpec:
    """The registered format ``fmt``; ``GcError`` naming the known ones otherwise."""
    spec = EXPORTERS.get(fmt)
    if spec is None:
        raise GcError(
            _("--format: no format {format}; known: {known}").format(
                format=repr(fmt), known=", ".join(EXPORTERS)
            )
        )
    return spec


def export_bounds(
    calendar: Calendar,
    moment: datetime,
    *,
    days: int | None = None,
    start: Bound = None,
    end: Bound = None,
) -> tuple[date | datetime, date | datetime]:
    """The window's first and last bound, both included, as :func:`views.window` reads them."""
    if days is not None and days < 1:
        raise GcError(
            _("--days: {days} is not a number of days (give 1 or more)").format(days=days)
        )
    if days is not None and end is not None:
        raise GcError(_("--days and --to do not go together: give --days N, or --from D --to D"))
    first = views.parse_bound(start, "--from")
    last = views.parse_bound(end, "--to")
    span = days or DEFAULT_DAYS
    if first is None and last is None:
        return moment, moment + timedelta(days=span)
    if first is None:
        assert last is not None
        stop = views.window(calendar, None, last).stop
        assert stop is not None
        if stop <= moment:
            raise GcError(
                _(
                    "--to ({end}) has passed: the export starts now ({now:%Y-%m-%d %H:%M}); "
                    "give --from as well to export past posts"
                ).format(end=end, now=moment)
            )
        return moment, last
    if last is None:
        if isinstance(first, datetime):
            zone = calendar.zone
            assert zone is not None
            begin = to_aware(first, zone)
            return begin, begin + timedelta(days=span)
        return first, first + timedelta(days=span - 1)
    return first, last


def export_calendar(
    calendar: Calendar,
    fmt: str,
    *,
    now: str | datetime | None = None,
    days: int | None = None,
    start: Bound = None,
    end: Bound = None,
    channel: str | None = None,
    bom: bool = False,
) -> ExportResult:
    """Export the publications of ``calendar``'s window in format ``fmt``.

    ``GcError`` (exit 2) for a usage error (unknown format or channel, a bad
    window, ``--bom`` on a format that is not CSV, a bulk format without a
    channel); :class:`~gc_cli.errors.Refused` (exit 1) when a bulk file
    would exceed its tool's limit.
    """
    spec = spec_of(fmt)
    if bom and not spec.csv:
        csv_formats = ", ".join(name for name, s in EXPORTERS.items() if s.csv)
        raise GcError(
            _("--bom: only for the CSV formats ({formats}), not {format}").format(
                formats=csv_formats, format=fmt
            )
        )
    if spec.needs_channel and not channel:
        enabled = ", ".join(calendar.settings.channels) if calendar.settings else ""
        if enabled:
            refusal = _(
                "--format {format} makes a file for one channel: give --channel C (one of "
                "{channels})"
            )
        else:
            refusal = _("--format {format} makes a file for one channel: give --channel C")
        raise GcError(refusal.format(format=fmt, channels=enabled))
    moment = views.clock(calendar, now)
    first, last = export_bounds(calendar, moment, days=days, start=start, end=end)
    span = views.window(calendar, first, last)
    assert span.first_day is not None and span.last_day is not None
    chosen = views.select(calendar, start=first, end=last, channel=channel)
    left: list[LeftOut] = []
    items: list[views.Item] = []
    for item in chosen:
        if item.status == "cancelled":
            left.append(LeftOut.of(item, Message("cancelled")))
        else:
            items.append(item)
    problems: tuple[Problem, ...] = ()
    if spec.needs_problems:
        from gc_cli.check import check_calendar

        problems = tuple(check_calendar(calendar, moment.isoformat()).problems)
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
        note=views.loading_note(calendar),
    )


def run_export(
    root: Path,
    fmt: str,
    *,
    now: str | datetime | None = None,
    days: int | None = None,
    start: Bound = None,
    end: Bound = None,
    channel: str | None = None,
    bom: bool = False,
    cwd: Path | None = None,
) -> ExportResult:
    """Load ``root`` and export it: :func:`export_calendar` for a root on disk.

    The format is checked before the root is read, so a typo costs nothing.
    """
    spec_of(fmt)
    calendar = views.load(root, cwd)
    return export_calendar(
        calendar, fmt, now=now, days=days, start=start, end=end, channel=channel, bom=bom
    )


def _cannot_write(path: Path, exc: OSError) -> str:
    return _("-o {path}: cannot write ({reason})").format(path=path, reason=exc.strerror or exc)


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file renamed over it.

    An interruption leaves the old file or the new one, never half of one,
    so a calendar app or a sync folder never picks up a truncated export. A
    file that existed keeps its permissions; a new one gets the usual ones
    (0666 less the umask). ``GcError`` (exit 2) names the path on failure.
    """
    target = Path(path)
    folder = target.parent
    if target.is_dir():
        raise GcError(_("-o {path}: is a folder; give a file name").format(path=path))
    if not folder.is_dir():
        raise GcError(_("-o {path}: there is no folder {folder}").format(path=path, folder=folder))
    try:
        mode = target.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    except OSError as exc:
        raise GcError(_cannot_write(path, exc)) from None
    temporary: str | None = None
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, target)
        temporary = None
    except OSError as exc:
        raise GcError(_cannot_write(path, exc)) from None
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):  # the error above is the one to report
                os.unlink(temporary)
