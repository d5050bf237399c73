"""``mark`` and ``approve``: what happened to posts after the hand-off, written back to the files.

The files stay the truth once a post has left for a publishing tool: ``mark``
records that posts were handed over (``scheduled``), went out (``published``,
with where they live: ``published_url``), were dropped (``cancelled``) or
go back to work (``ready``, ``draft``...); ``approve`` records who approved a
post (``approved_by``). Plain functions that return data; nothing here prints.

A post is named by its id; one occurrence of a recurring post by its id and
the date naming it (``pain-du-samedi@2027-03-13``): its status is written in
the post's ``occurrences:`` mapping (``2027-03-13: published``, or
``{status: published, published_url: ...}``), which every command reads.
An occurrence given the post's own status, without an address, is taken out
of that mapping again.

All or nothing: every post is found and every edit planned and checked
before anything is written, and the files are written together
(:func:`gc_cli.planning.schedule.write_edits`). Refusals raise
:class:`~gc_cli.errors.Refused` (exit 1): an unknown id or occurrence, a file
whose layout cannot take the edit, and, unless ``force``, a change that gives
a post an error of ``check`` (``published`` before its time, ``scheduled``
without a time). A value that cannot be used (a status that does not exist,
an address that is not one, an approver outside the team) is a
:class:`~gc_cli.errors.BadArgument` (exit 2).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from gc_cli.errors import BadArgument, Refused
from gc_cli.i18n import Message, _, ngettext
from gc_cli.planning.schedule import (
    AFTER,
    created,
    find_entry,
    find_occurrence,
    load_for_writing,
    prepare,
    with_entry,
    with_posts,
    write_edits,
    written_value,
)
from gc_cli.problems import Problem
from gc_cli.query.window import clock
from gc_cli.rules import run_rules
from gc_cli.rules.workflow import approval_problem, approvers
from gc_cli.store.calendar import Calendar, Entry
from gc_cli.store.loader import suggest
from gc_cli.store.model import STATUSES, OccurrenceState, check_url
from gc_cli.store.writer import LineEdit, Snapshot, Value, plan_edit

#: A post, or one occurrence of it: its id and the date naming the occurrence.
Target = tuple[str, date | None]
#: Where a published post lives: one address (key None), or one per channel.
Urls = Mapping[str | None, str]

#: Where a key goes when the post has none, for people reading the file.
_PLACES: dict[str, tuple[str, ...]] = {
    "status": ("publish_at", "title"),
    "published_url": ("status", "link"),
    "approved_by": ("owner", "status"),
    "scheduled_on": ("status",),
    **AFTER,
}


@dataclass(frozen=True)
class Mark:
    """What happens to one post (or occurrence): its ``key`` goes from ``before`` to ``after``.

    ``edits`` are the edits of its file (none when it already says so, with
    ``reason``); ``warnings`` the warnings of ``check`` the change creates,
    ``forced`` the errors written anyway because of ``force``.
    """

    post_id: str
    occurrence: date | None
    file: str
    line: int  # the post's id: line
    key: str  # status or approved_by
    before: str | None
    after: str
    url: str | dict[str, str] | None = None
    #: The channels it was handed over on so far, while some are left (scheduled_on).
    scheduled_on: tuple[str, ...] = ()
    reason: str | None = None
    warnings: tuple[Problem, ...] = ()
    forced: tuple[Problem, ...] = ()
    edits: tuple[LineEdit, ...] = field(default=(), repr=False)
    snapshot: Snapshot | None = field(default=None, repr=False, compare=False)

    @property
    def writes(self) -> bool:
        return bool(self.edits)

    @property
    def name(self) -> str:
        """``id``, or ``id@date`` for an occurrence."""
        return f"{self.post_id}@{self.occurrence}" if self.occurrence else self.post_id


@dataclass(frozen=True)
class MarkResult:
    """What ``mark`` or ``approve`` planned, and the files it wrote."""

    marks: list[Mark]
    written: list[str]
    dry_run: bool = False

    @property
    def planned(self) -> list[Mark]:
        return [m for m in self.marks if m.writes]

    def edits(self) -> list[tuple[Snapshot, LineEdit]]:
        return [(m.snapshot, e) for m in self.marks if m.snapshot is not None for e in m.edits]


# -- the values asked for ------------------------------------------------------------


def check_status(status: str) -> str:
    """``status`` when it is one; :class:`BadArgument` naming the closest otherwise."""
    if status not in STATUSES:
        raise BadArgument(
            "status",
            Message(
                "no status {status!r}{hint}; known: {known}",
                status=status,
                hint=suggest(status, STATUSES),
                known=", ".join(STATUSES),
            ),
        )
    return status


def check_urls(urls: Urls, status: str, count: int) -> str | dict[str, str] | None:
    """The ``published_url`` to write: one address, or one per channel; None when none given."""
    if not urls:
        return None
    if status != "published":
        raise BadArgument(
            "url", Message("records where a published post lives: give it with published")
        )
    if count != 1:
        raise BadArgument(
            "url", Message("an address belongs to one post: mark one post at a time with --url")
        )
    for channel, address in urls.items():
        try:
            check_url(address)
        except ValueError as exc:
            reason = exc.args[0] if exc.args else str(exc)
            if channel is not None:
                reason = Message("{channel}: {reason}", channel=channel, reason=reason)
            raise BadArgument("url", reason) from None
    if None in urls:
        if len(urls) > 1:
            raise BadArgument(
                "url",
                Message(
                    "give one address for the post, or one per channel (CHANNEL=URL), not both"
                ),
            )
        return urls[None]
    return {str(channel): address for channel, address in urls.items()}


# -- planning ------------------------------------------------------------------------


def _targets(calendar: Calendar, targets: Sequence[Target]) -> dict[int, tuple[Entry, list[date]]]:
    """The posts named, each once, with the occurrences named (empty: the post itself).

    Naming a post and one of its occurrences at once is refused: the command
    would say two things of one occurrence.
    """
    found: dict[int, tuple[Entry, list[date]]] = {}
    whole: set[int] = set()
    for post_id, day in targets:
        entry = find_occurrence(calendar, post_id, day) if day else find_entry(calendar, post_id)
        _entry, days = found.setdefault(id(entry), (entry, []))
        if day is None:
            whole.add(id(entry))
        elif day not in days:
            days.append(day)
        if id(entry) in whole and days:
            raise Refused(
                _(
                    "{post} is named alone and with an occurrence ({post}@{day}): name the "
                    "post, or its occurrences"
                ).format(post=post_id, day=days[0].isoformat())
            )
    return found


def plan_marks(
    calendar: Calendar,
    targets: Sequence[Target],
    status: str,
    now: datetime,
    *,
    urls: Urls | None = None,
    force: bool = False,
    snapshots: dict[Path, Snapshot] | None = None,
) -> list[Mark]:
    """Plan giving each target ``status`` (and, for one published post, ``urls``).

    A post leaving ``published`` loses its ``published_url``. Raise as the
    module says, nothing written.
    """
    check_status(status)
    url = check_urls(urls or {}, status, len(targets))
    snapshots = {} if snapshots is None else snapshots
    marks: list[Mark] = []
    updates: dict[int, dict[str, Any]] = {}
    for entry, days in _targets(calendar, targets).values():
        snapshot = _snapshot(entry, snapshots, calendar)
        if days:
            marks.extend(_occurrences(entry, days, _marked(entry, status, url), snapshot, updates))
        else:
            keep = entry.post.published_url if status == "published" else None
            marks.append(_post(entry, status, url if url is not None else keep, snapshot, updates))
    return _judged(calendar, marks, updates, now, force)


def _snapshot(entry: Entry, snapshots: dict[Path, Snapshot], calendar: Calendar) -> Snapshot:
    path = entry.source.path
    if path not in snapshots:
        snapshots[path] = Snapshot.read(path, entry.source.file, calendar.limits.yaml_bytes)
    return snapshots[path]


def _edit(snapshot: Snapshot, entry: Entry, key: str, value: Value | None) -> list[LineEdit]:
    edit = plan_edit(snapshot, entry.source.index, entry.id, value, key=key, after=_PLACES[key])
    return [edit] if edit is not None else []


def _post(
    entry: Entry,
    status: str,
    url: str | dict[str, str] | None,
    snapshot: Snapshot,
    updates: dict[int, dict[str, Any]],
    scheduled_on: Sequence[str] = (),
) -> Mark:
    """The mark of a post: its status, its address once published, the channels it was
    handed over on so far (only while some are left)."""
    post = entry.post
    handed = list(scheduled_on)
    base = Mark(
        post_id=entry.id,
        occurrence=None,
        file=entry.source.file,
        line=entry.source.id_pos[0],
        key="status",
        before=post.status,
        after=status,
        url=url,
        scheduled_on=tuple(handed),
    )
    if post.status == status and post.published_url == url and post.scheduled_on == handed:
        return replace(base, reason=_("already {status}").format(status=status))
    _check_channels(entry, url)
    edits = []
    if post.status != status:
        edits += _edit(snapshot, entry, "status", status)
    if post.published_url != url:
        edits += _edit(snapshot, entry, "published_url", _value(url))
    if post.scheduled_on != handed:
        edits += _edit(snapshot, entry, "scheduled_on", list[Value](handed) or None)
    updates[id(entry)] = {"status": status, "published_url": url, "scheduled_on": handed}
    return replace(base, edits=tuple(edits), snapshot=snapshot)


def _value(url: str | dict[str, str] | None) -> Value | None:
    """An address, or addresses per channel, as the writer takes them."""
    if isinstance(url, dict):
        found: dict[str, Value] = dict(url)
        return found
    return url


def _check_channels(entry: Entry, url: str | dict[str, str] | None) -> None:
    if not isinstance(url, dict):
        return
    for channel in url:
        if channel not in entry.post.channels:
            raise Refused(
                _("{post} does not go out on {channel} (channels: {channels})").format(
                    post=entry.id,
                    channel=channel,
                    channels=", ".join(entry.post.channels) or _("none"),
                )
            )


#: What an occurrence becomes: its status, its address, the channels handed over so far.
NewState = tuple[str, str | dict[str, str] | None, list[str]]


def _state(new: NewState, series: str) -> tuple[Value | None, OccurrenceState | None]:
    """An occurrence's entry of ``occurrences:`` (as written, and as read), None when it
    has nothing of its own: the post's status, no address, no channel handed over."""
    status, url, handed = new
    if url is None and not handed:
        if status == series:
            return None, None
        return status, OccurrenceState.model_validate({"status": status})
    value: dict[str, Value] = {"status": status}
    data: dict[str, Any] = {"status": status}
    address = _value(url)
    if address is not None:
        value["published_url"], data["published_url"] = address, url
    if handed:
        value["scheduled_on"], data["scheduled_on"] = list[Value](handed), list(handed)
    return value, OccurrenceState.model_validate(data)


def _occurrences(
    entry: Entry,
    days: list[date],
    new: Callable[[date], NewState],
    snapshot: Snapshot,
    updates: dict[int, dict[str, Any]],
) -> list[Mark]:
    """Marks of occurrences of one post (``new`` gives what each becomes): one edit of
    its ``occurrences:`` for them all."""
    post = entry.post
    written = written_value(snapshot, entry, "occurrences")
    states = dict(post.occurrences)
    marks: list[Mark] = []
    changed = False
    for day in days:
        status, url, handed = new(day)
        _check_channels(entry, url)
        old = post.occurrences.get(day)
        value, state = _state((status, url, handed), post.status)
        base = Mark(
            post_id=entry.id,
            occurrence=day,
            file=entry.source.file,
            line=entry.source.id_pos[0],
            key="status",
            before=entry.status(day),
            after=status,
            url=url,
            scheduled_on=tuple(handed),
        )
        if old == state:
            marks.append(replace(base, reason=_("already {status}").format(status=status)))
            continue
        written = with_entry(written, day, value)
        if state is None:
            states.pop(day, None)
        else:
            states[day] = state
        changed = True
        marks.append(replace(base, snapshot=snapshot))
    if changed:
        edits = tuple(_edit(snapshot, entry, "occurrences", written))
        updates[id(entry)] = {"occurrences": states}
        # The one edit of the post's occurrences: belongs to its first mark that writes.
        first = next(i for i, m in enumerate(marks) if m.snapshot is not None)
        marks[first] = replace(marks[first], edits=edits)
    return marks


def _marked(
    entry: Entry, status: str, url: str | dict[str, str] | None
) -> Callable[[date], NewState]:
    """What ``mark`` makes of an occurrence: the status asked, its address kept while it
    stays published, no channel left half handed over."""

    def new(day: date) -> NewState:
        old = entry.post.occurrences.get(day)
        kept = old.published_url if old is not None and status == "published" else None
        return status, url if url is not None else kept, []

    return new


def plan_handover(
    calendar: Calendar,
    targets: Sequence[Target],
    channel: str,
    now: datetime,
    *,
    snapshots: dict[Path, Snapshot] | None = None,
) -> list[Mark]:
    """Plan recording that ``targets`` were handed to a publishing tool on ``channel``
    (``export --mark scheduled``).

    A post (or occurrence) on that one channel, or handed over on its other
    channels already, becomes ``scheduled``; one with channels left keeps
    its status and lists the channels handed over so far in ``scheduled_on``.
    """
    snapshots = {} if snapshots is None else snapshots
    marks: list[Mark] = []
    updates: dict[int, dict[str, Any]] = {}

    def handed_over(channels: list[str], before: list[str]) -> list[str]:
        done = {*before, channel}
        return [c for c in channels if c in done]

    for entry, days in _targets(calendar, targets).values():
        post = entry.post
        snapshot = _snapshot(entry, snapshots, calendar)
        if days:

            def new(day: date, entry: Entry = entry) -> NewState:
                own = entry.post.occurrences.get(day)
                status = entry.status(day)
                url = own.published_url if own is not None else None
                handed = handed_over(entry.post.channels, own.scheduled_on if own else [])
                if len(handed) == len(entry.post.channels):
                    return "scheduled", url, []
                return status, url, handed

            marks.extend(_occurrences(entry, days, new, snapshot, updates))
            continue
        handed = handed_over(post.channels, post.scheduled_on)
        if len(handed) == len(post.channels):
            marks.append(_post(entry, "scheduled", post.published_url, snapshot, updates))
        else:
            marks.append(_post(entry, post.status, post.published_url, snapshot, updates, handed))
    return _judged(calendar, marks, updates, now, force=False)


def _judged(
    calendar: Calendar,
    marks: list[Mark],
    updates: dict[int, dict[str, Any]],
    now: datetime,
    force: bool,
) -> list[Mark]:
    """The rules before and after the changes: an error created refuses them all (unless
    ``force``); the warnings created go with the mark of their post."""
    if not updates:
        return marks
    before = run_rules(calendar, now, images=False)
    after = run_rules(with_posts(calendar, updates), now, images=False)
    new = created(before, after, {m.post_id for m in marks if m.writes or m.snapshot})
    errors = [p for p in new if p.is_error]
    if errors and not force:
        listing = "\n".join(
            f"  {p.file}:{p.line}:{p.column}: {p.message} [{p.code}]" for p in errors
        )
        refusal = ngettext(
            "this would give a post an error of check; nothing written (--force writes it anyway):",
            "this would give posts errors of check; nothing written (--force writes them anyway):",
            len(errors),
        )
        raise Refused(f"{refusal}\n{listing}")
    per_post: dict[str | None, list[Problem]] = defaultdict(list)
    for problem in new:
        per_post[problem.post].append(problem)
    judged = []
    seen: set[str] = set()
    for mark in marks:
        if mark.post_id in seen or mark.snapshot is None:
            judged.append(mark)
            continue
        seen.add(mark.post_id)
        problems = per_post.get(mark.post_id, [])
        judged.append(
            replace(
                mark,
                warnings=tuple(p for p in problems if not p.is_error),
                forced=tuple(p for p in problems if p.is_error),
            )
        )
    return judged


def plan_approvals(
    calendar: Calendar,
    post_ids: Sequence[str],
    by: str | None,
    *,
    snapshots: dict[Path, Snapshot] | None = None,
) -> list[Mark]:
    """Plan writing ``approved_by: by`` on each post.

    ``by`` None: the one in-house member with the content role who may
    approve them all, when there is one. :class:`BadArgument` for a member
    outside the team (or none given when several could approve);
    :class:`Refused` when ``by`` cannot approve a post (external, without
    the content role, its own post).
    """
    settings = calendar.settings
    assert settings is not None
    entries: list[Entry] = []
    for post_id in post_ids:
        entry = find_entry(calendar, post_id)
        if all(e is not entry for e in entries):
            entries.append(entry)
    if by is None:
        possible = set.intersection(*(set(approvers(settings, e.post.owner)) for e in entries))
        ordered = [key for key in settings.team if key in possible]
        if len(ordered) != 1:
            raise BadArgument(
                "by",
                Message(
                    "say who approves: one of {candidates}",
                    candidates=", ".join(ordered) or Message("none"),
                ),
            )
        by = ordered[0]
    if by not in settings.team:
        raise BadArgument(
            "by",
            Message(
                "{who!r} is not in the team{hint} (team: {team})",
                who=by,
                hint=suggest(by, settings.team),
                team=", ".join(settings.team) or Message("none"),
            ),
        )
    marks = []
    snapshots = {} if snapshots is None else snapshots
    for entry in entries:
        why = approval_problem(settings, by, entry.post.owner)
        if why is not None:
            raise Refused(
                _("{post}: {who} cannot approve it: {why}").format(
                    post=entry.id, who=by, why=why.translated()
                )
            )
        base = Mark(
            post_id=entry.id,
            occurrence=None,
            file=entry.source.file,
            line=entry.source.id_pos[0],
            key="approved_by",
            before=entry.post.approved_by,
            after=by,
        )
        if entry.post.approved_by == by:
            marks.append(replace(base, reason=_("already approved by {who}").format(who=by)))
            continue
        snapshot = _snapshot(entry, snapshots, calendar)
        edits = tuple(_edit(snapshot, entry, "approved_by", by))
        marks.append(replace(base, edits=edits, snapshot=snapshot))
    return marks


# -- the commands --------------------------------------------------------------------


def _finish(marks: list[Mark], dry_run: bool) -> MarkResult:
    result = MarkResult(marks, [], dry_run)
    pairs = result.edits()
    prepared = prepare(pairs)  # every file checked before any is written
    written = [] if dry_run else write_edits(pairs, prepared)
    return MarkResult(marks, written, dry_run)


def mark_posts(
    root: Path,
    targets: Sequence[Target],
    status: str,
    *,
    urls: Urls | None = None,
    now: datetime | None = None,
    force: bool = False,
    dry_run: bool = False,
    cwd: Path | None = None,
) -> MarkResult:
    """Give each post (or occurrence) of ``targets`` the ``status`` in its file, all or nothing."""
    check_status(status)
    calendar, snapshots = load_for_writing(root, cwd)
    moment = clock(calendar, now)
    marks = plan_marks(
        calendar, targets, status, moment, urls=urls, force=force, snapshots=snapshots
    )
    return _finish(marks, dry_run)


def approve_posts(
    root: Path,
    post_ids: Sequence[str],
    *,
    by: str | None = None,
    dry_run: bool = False,
    cwd: Path | None = None,
) -> MarkResult:
    """Write ``approved_by`` on each post of ``post_ids``, all or nothing."""
    calendar, snapshots = load_for_writing(root, cwd)
    clock(calendar)  # a root without valid settings is refused here, as by every command
    return _finish(plan_approvals(calendar, post_ids, by, snapshots=snapshots), dry_run)
