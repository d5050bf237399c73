"""``schedule``: set, move or clear a post's ``publish_at``, or fill the posting slots.

Plain functions that return data; nothing here prints. A plan is a list of
:class:`Change` objects; :func:`apply` writes them through
:mod:`gc_cli.store.writer`, one rewrite per file.

Refusals raise :class:`~gc_cli.errors.Refused` (exit 1) and change nothing:

* never overridable: an unknown id (the closest ids suggested), a time that
  does not parse, a local time that does not exist (daylight-saving gap), a
  file whose layout one line cannot change safely (see :mod:`gc_cli.store.writer`);
* overridable with ``force``: a time that gives the post (or another) an
  error of ``check`` it did not have. The rules are run on a copy of the
  calendar where the post has its new time, and the problems compared.

Warnings the new time creates (``too-close``, ``too-many-per-day``,
``not-ready``, ...) come back in :attr:`Change.warnings`, to be printed.

Refusals and reasons are for people only (scripts read the exit code), so
they are written in the user's language where they are made; the problems
keep their :class:`~gc_cli.i18n.Message`, translated where they are shown.

``--auto`` works like a posting queue: every ``ready`` post without a time
(files in path order, then by id) gets the first free slot of
``settings.slots`` in the window; a post with a date alone gets a slot on its
own day, and those are placed first, being the most constrained. A slot is
free for a post when none of its channels has a post within
``rules.min_gap_minutes`` of it and ``rules.max_posts_per_day`` still allows
one more on that local day — counting every existing post (recurring ones
occurrence by occurrence) and the ones just planned. Slots are wall times in
the root's zone; one that falls in a daylight-saving gap is skipped. The
window starts now (or ``--from``, when later) and ends :data:`DEFAULT_WEEKS`
weeks later (or at the end of the ``--until`` day).
"""

from __future__ import annotations

import contextlib
import dataclasses
import difflib
from bisect import bisect_left, bisect_right, insort
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo

from gc_cli.errors import BadArgument, GcError, Refused, RefusedArgument, message_of
from gc_cli.i18n import Message, _, day_name, ngettext, translated
from gc_cli.problems import Problem
from gc_cli.query.window import clock, period, zone_of
from gc_cli.rules import run_rules
from gc_cli.store import atomic
from gc_cli.store.calendar import Calendar, Entry
from gc_cli.store.loader import Loader, display_path, load_calendar, post_files
from gc_cli.store.writer import LineEdit, Snapshot, Value, plan_edit, render
from gc_cli.timeutil import (
    WallTime,
    classify,
    expand_rrule,
    in_range,
    localize,
    occurrences,
    to_aware,
)

#: How far ``--auto`` looks for free slots when ``--until`` is not given.
DEFAULT_WEEKS = 8
_TICK = timedelta(microseconds=1)

Action = Literal["set", "move", "clear", "unchanged", "skipped", "skip", "restore"]
When = date | datetime | None


def _explain(exc: Exception) -> str:
    """Why a value was rejected, for a person: a :class:`~gc_cli.i18n.Message` is
    translated (``str(exc)`` would give its English text)."""
    reason = exc.args[0] if len(exc.args) == 1 and isinstance(exc.args[0], str) else str(exc)
    return translated(reason)


@dataclass(frozen=True)
class Change:
    """What happens (or would happen) to one post's ``publish_at``, or to one occurrence.

    ``action`` is ``set`` (it had none), ``move``, ``clear``, ``unchanged``
    (already so; ``reason`` says why) or ``skipped`` (``--auto`` found no
    place for it; ``reason`` says why, in the user's language); for an
    occurrence (``occurrence`` set), ``skip``, ``move`` or ``restore`` (back
    where the rule has it). ``edit`` is the edit to write, ``None`` when
    nothing is written; ``more`` the other keys of the post it changes.
    """

    post_id: str
    file: str
    line: int  # the post's id: line
    action: Action
    before: When
    after: When
    channels: tuple[str, ...] = ()
    text: str | None = None  # publish_at as written in the file
    reason: str | None = None
    warnings: tuple[Problem, ...] = ()
    #: Errors the new time creates, written anyway because of --force.
    forced: tuple[Problem, ...] = ()
    edit: LineEdit | None = field(default=None, repr=False)
    snapshot: Snapshot | None = field(default=None, repr=False, compare=False)
    #: The date naming the occurrence changed, for ``schedule ID@DATE``.
    occurrence: date | None = None
    more: tuple[LineEdit, ...] = field(default=(), repr=False)

    @property
    def writes(self) -> bool:
        """Whether applying this change rewrites a file."""
        return self.edit is not None

    @property
    def edits(self) -> tuple[LineEdit, ...]:
        """Every edit of this change."""
        return (self.edit, *self.more) if self.edit is not None else self.more


# -- loading, with what the files held ---------------------------------------


def load_for_writing(root: Path, cwd: Path | None = None) -> tuple[Calendar, dict[Path, Snapshot]]:
    """Load ``root`` and keep each post file's bytes as they were before loading.

    The snapshots are taken first, so whatever the loader read is what they
    hold — or the file changed in between, and the write will notice and
    refuse. Each file is read twice, as the loader keeps no fingerprint of
    what it read.
    """
    cwd = cwd or Path.cwd()
    snapshots = {}
    for path in post_files(root):
        try:
            snapshots[path] = Snapshot.read(path, display_path(path, cwd))
        except GcError:
            continue  # the loader names an unreadable file itself
    return load_calendar(root, cwd), snapshots


def _snapshot(entry: Entry, snapshots: dict[Path, Snapshot] | None, limit: int) -> Snapshot:
    path = entry.source.path
    if snapshots is not None and path in snapshots:
        return snapshots[path]
    snapshot = Snapshot.read(path, entry.source.file, limit)
    if snapshots is not None:
        snapshots[path] = snapshot
    return snapshot


# -- the values asked for ----------------------------------------------------


def check_at(value: date | datetime, zone: ZoneInfo) -> date | datetime:
    """``value`` as a ``publish_at``; :class:`Refused` for a local time that a
    daylight-saving change skips (never overridable)."""
    try:
        in_range(value)
    except ValueError as exc:
        raise BadArgument("at", message_of(exc)) from None
    naive = value if isinstance(value, datetime) and value.tzinfo is None else None
    if naive is not None and classify(naive, zone) is WallTime.NONEXISTENT:
        raise RefusedArgument(
            "at",
            Message(
                "{at:%Y-%m-%d %H:%M} does not exist in {zone}: clocks jump forward "
                "over it (daylight saving time); choose another time",
                at=value,
                zone=zone.key,
            ),
        )
    return value


def format_when(value: date | datetime) -> str:
    """``publish_at`` as gc-cli writes it: ``2026-12-01``, ``2026-12-01 09:00``
    (local), or ``2026-12-01T09:00:00-05:00`` (with an offset)."""
    if not isinstance(value, datetime):
        return value.isoformat()
    if value.tzinfo is not None:
        return value.isoformat(timespec="seconds" if not value.microsecond else "auto")
    if value.microsecond:
        return value.isoformat(sep=" ")
    return value.isoformat(sep=" ", timespec="seconds" if value.second else "minutes")


def describe(value: When) -> str:
    """A ``publish_at`` for people: ``not scheduled``, a date, or a time."""
    if value is None:
        return _("not scheduled")
    return format_when(value)


# -- finding the post --------------------------------------------------------


def find_entry(calendar: Calendar, post_id: str) -> Entry:
    """The one post with ``post_id``; :class:`Refused` naming the closest ids otherwise."""
    found = [entry for entry in calendar.entries if entry.id == post_id]
    if len(found) == 1:
        return found[0]
    if found:
        places = ", ".join(f"{e.source.file}:{e.source.id_pos[0]}" for e in found)
        # Always two or more posts here: no singular form is needed.
        raise Refused(
            _(
                "the id {post} is used by {count} posts ({places}); make it unique first "
                "(gc-cli check: duplicate-id)"
            ).format(post=repr(post_id), count=len(found), places=places)
        )
    broken = sorted(p for p in calendar.problems if p.post == post_id and p.is_error)
    if broken:
        p = broken[0]
        raise Refused(
            _("post {post} cannot be read: {where}: {message}; fix it first (gc-cli check)").format(
                post=repr(post_id),
                where=f"{p.file}:{p.line}:{p.column}",
                message=translated(p.message),
            )
        )
    ids = sorted({entry.id for entry in calendar.entries})
    close = [repr(c) for c in difflib.get_close_matches(post_id, ids, n=3, cutoff=0.6)]
    if not close:
        raise Refused(_("no post has the id {post}").format(post=repr(post_id)))
    if len(close) > 1:
        choices = _("{first} or {last}").format(first=", ".join(close[:-1]), last=close[-1])
    else:
        choices = close[0]
    raise Refused(
        _("no post has the id {post}; did you mean {choices}?").format(
            post=repr(post_id), choices=choices
        )
    )


# -- the rules, before and after ---------------------------------------------


def with_times(calendar: Calendar, times: Mapping[int, When]) -> Calendar:
    """A copy of ``calendar`` where each entry whose ``id()`` is in ``times`` has that
    ``publish_at`` (resolved in the root's zone, recurrence expanded)."""
    return with_posts(calendar, {key: {"publish_at": value} for key, value in times.items()})


def with_posts(calendar: Calendar, updates: Mapping[int, Mapping[str, Any]]) -> Calendar:
    """A copy of ``calendar`` where each entry whose ``id()`` is in ``updates`` has those
    values (Python values of the model: dates, statuses...), its times resolved again
    (skips and moves applied) — the calendar as it would read after an edit."""
    zone = zone_of(calendar)
    resolver = Loader(calendar.root, calendar.root)
    entries = []
    for entry in calendar.entries:
        if id(entry) in updates:
            post = entry.post.model_copy(update=dict(updates[id(entry)]))
            entry = Entry(post, entry.source)
            resolver.resolve_entry(entry, zone)
        entries.append(entry)
    return dataclasses.replace(calendar, entries=entries)


def created(before: Iterable[Problem], after: Iterable[Problem], moved: set[str]) -> list[Problem]:
    """The problems of ``after`` that ``before`` did not have.

    A moved post's problems are matched by code and channel (their messages
    quote the time, which changed); other posts' by their whole message too,
    since they may now name the moved post ("30 min after 'x'").
    """

    def key(p: Problem) -> tuple[object, ...]:
        if p.post in moved:
            return (p.code, p.severity, p.file, p.post, p.channel)
        return (p.code, p.severity, p.file, p.post, p.channel, p.message)

    left = Counter(key(p) for p in before)
    new = []
    for problem in after:
        k = key(problem)
        if left[k] > 0:
            left[k] -= 1
        else:
            new.append(problem)
    return new


def severity_label(severity: str) -> str:
    """``error`` or ``warning``, for a person."""
    return _("error") if severity == "error" else _("warning")


def _listing(problems: Sequence[Problem]) -> str:
    return "\n".join(
        f"  {p.file}:{p.line}:{p.column}: {severity_label(p.severity)}: "
        f"{translated(p.message)} [{p.code}]"
        for p in problems
    )


# -- set, move, clear --------------------------------------------------------


def plan_set(
    calendar: Calendar,
    post_id: str,
    at: date | datetime,
    now: datetime,
    force: bool = False,
    *,
    snapshots: dict[Path, Snapshot] | None = None,
) -> Change:
    """Plan giving ``post_id`` the ``publish_at`` ``at`` (a date alone, a local time when
    naive, or a time with an offset).

    ``now`` is an aware time. ``snapshots`` (from :func:`load_for_writing`)
    holds the files as they were loaded; without it the post's file is read
    now. Raise :class:`Refused` as described in the module.
    """
    zone = zone_of(calendar)
    entry = find_entry(calendar, post_id)
    return _plan_one(calendar, entry, check_at(at, zone), now, force, snapshots)


def plan_clear(
    calendar: Calendar,
    post_id: str,
    now: datetime,
    force: bool = False,
    *,
    snapshots: dict[Path, Snapshot] | None = None,
) -> Change:
    """Plan removing the ``publish_at`` of ``post_id`` (``--clear``)."""
    zone_of(calendar)
    entry = find_entry(calendar, post_id)
    return _plan_one(calendar, entry, None, now, force, snapshots)


def _same(a: When, b: When) -> bool:
    if type(a) is not type(b):
        return False
    if isinstance(a, datetime) and isinstance(b, datetime):
        return (a.tzinfo is None) == (b.tzinfo is None) and a == b
    return a == b


def _plan_one(
    calendar: Calendar,
    entry: Entry,
    value: When,
    now: datetime,
    force: bool,
    snapshots: dict[Path, Snapshot] | None,
) -> Change:
    before = entry.post.publish_at
    if _same(before, value):
        if value is None:
            reason = _("{post} has no publish_at").format(post=entry.id)
        else:
            reason = _("{post} is already at {when}").format(post=entry.id, when=describe(value))
        return _change(entry, "unchanged", value, reason=reason)
    text = format_when(value) if value is not None else None
    snapshot = _snapshot(entry, snapshots, calendar.limits.yaml_bytes)
    edit = plan_edit(snapshot, entry.source.index, entry.id, text)
    if edit is None:
        # The file already says so (the loaded calendar lagged behind it).
        return _change(entry, "unchanged", value, reason=_("the file already says so"))
    problems = run_rules(calendar, now, images=False)
    after = run_rules(with_times(calendar, {id(entry): value}), now, images=False)
    new = created(problems, after, {entry.id})
    errors = tuple(p for p in new if p.is_error)
    if errors and not force:
        if value is None:
            refusal = ngettext(
                "removing its publish_at would give this post an error of check; nothing "
                "written (--force writes it anyway):",
                "removing its publish_at would give posts errors of check; nothing written "
                "(--force writes it anyway):",
                len(errors),
            )
        else:
            refusal = ngettext(
                "{when} would give this post an error of check; nothing written (--force "
                "writes it anyway):",
                "{when} would give posts errors of check; nothing written (--force writes it "
                "anyway):",
                len(errors),
            ).format(when=describe(value))
        raise Refused(f"{refusal}\n{_listing(errors)}")
    action: Action = "clear" if value is None else ("set" if before is None else "move")
    return _change(
        entry,
        action,
        value,
        text=text,
        warnings=tuple(p for p in new if not p.is_error),
        forced=errors,
        edit=edit,
        snapshot=snapshot,
    )


def _change(entry: Entry, action: Action, after: When, **more: Any) -> Change:
    """A change of ``entry``: what it was, what it becomes, and ``more``."""
    fields: dict[str, Any] = {"before": entry.post.publish_at, **more}
    return Change(
        post_id=entry.id,
        file=entry.source.file,
        line=entry.source.id_pos[0],
        action=action,
        after=after,
        channels=tuple(entry.post.channels),
        **fields,
    )


# -- one occurrence of a recurring post ---------------------------------------


def rule_days(entry: Entry, zone: ZoneInfo) -> dict[date, datetime]:
    """Every occurrence the post's repeat rule gives, skipped ones included: the date
    naming it and its naive local time by the rule (a date-only post: midnight)."""
    when = entry.when
    if when is None or not entry.post.repeat:
        return {}
    start = (
        when.replace(tzinfo=None)
        if isinstance(when, datetime)
        else datetime(when.year, when.month, when.day)
    )
    try:
        starts = expand_rrule(entry.post.repeat, start, zone)
    except ValueError:
        return {}
    found: dict[date, datetime] = {}
    for local in starts:
        found.setdefault(local.date(), local)
    return found


def find_occurrence(calendar: Calendar, post_id: str, day: date) -> Entry:
    """The recurring post ``post_id``, which must have an occurrence named ``day``;
    :class:`Refused` saying why otherwise (the nearest dates suggested)."""
    entry = find_entry(calendar, post_id)
    zone = zone_of(calendar)
    if not entry.post.repeat:
        raise Refused(
            _(
                "{post} does not repeat (it has no repeat:), so it has no occurrence of "
                "{day}; give its id alone"
            ).format(post=post_id, day=day.isoformat())
        )
    days = rule_days(entry, zone)
    if entry.repeat_error or not days:
        raise Refused(
            _("the repeat rule of {post} is not usable; fix it first (gc-cli check)").format(
                post=post_id
            )
        )
    if day not in days:
        nearest = sorted(sorted(days, key=lambda d: abs((d - day).days))[:3])
        raise Refused(
            _("{day} is not the date of an occurrence of {post}; the nearest are {dates}").format(
                day=day.isoformat(), post=post_id, dates=", ".join(d.isoformat() for d in nearest)
            )
        )
    return entry


def _names(key: object, day: date) -> bool:
    return isinstance(key, str) and key.strip() == day.isoformat()


def plain(value: Any) -> Value:
    """A value read from a file (its lists and mappings the loader's) as the writer takes it."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    return value if isinstance(value, str) else str(value)


def with_day(written: Any, day: date, keep: bool) -> list[Value] | None:
    """The list ``written`` (a post's ``skip:`` as in its file) with ``day`` in it or not;
    added in date order when the list is in order. None: the list is empty."""
    items = [plain(item) for item in written] if isinstance(written, list) else []
    items = [item for item in items if not _names(item, day)]
    if keep:
        text = day.isoformat()
        if all(isinstance(i, str) for i in items) and items == sorted(items, key=str):
            at = next((n for n, i in enumerate(items) if str(i) > text), len(items))
            items.insert(at, text)
        else:
            items.append(text)
    return items or None


def with_entry(written: Any, day: date, value: Value | None) -> dict[str, Value] | None:
    """The mapping ``written`` (``moved:`` or ``occurrences:`` as in the file) with the
    entry of ``day`` set to ``value`` (None: taken out). None: the mapping is empty."""
    entries = plain(written) if isinstance(written, dict) else {}
    assert isinstance(entries, dict)
    entries = {k: v for k, v in entries.items() if not _names(k, day)}
    if value is not None:
        entries[day.isoformat()] = value
    return entries or None


def written_value(snapshot: Snapshot, entry: Entry, key: str) -> Any:
    """What the post's own ``key`` holds in its file (None when it has none)."""
    posts = snapshot.data.get("posts") if isinstance(snapshot.data, dict) else None
    index = entry.source.index
    item = posts[index] if isinstance(posts, list) and 0 <= index < len(posts) else None
    return item.get(key) if isinstance(item, dict) else None


#: Where each key of a recurring post goes when the post has none: beside repeat:.
AFTER: dict[str, tuple[str, ...]] = {
    "skip": ("repeat",),
    "moved": ("skip", "repeat"),
    "occurrences": ("moved", "skip", "repeat"),
}


def plan_occurrence(
    calendar: Calendar,
    post_id: str,
    day: date,
    now: datetime,
    *,
    skip: bool = False,
    at: date | datetime | None = None,
    force: bool = False,
    snapshots: dict[Path, Snapshot] | None = None,
) -> Change:
    """Plan skipping the occurrence ``day`` of ``post_id`` (``skip``), moving it to ``at``,
    or, with neither, putting it back where the rule has it.

    Writes ``skip:`` and ``moved:`` beside the post's ``repeat:``; a skipped
    occurrence loses its own status (``occurrences:``). Refused like
    :func:`plan_set`, and when ``day`` names no occurrence.
    """
    zone = zone_of(calendar)
    entry = find_occurrence(calendar, post_id, day)
    post = entry.post
    rule = rule_days(entry, zone)[day]
    timed = entry.timed
    value: date | datetime | None = None
    if at is not None:
        value = check_at(at, zone)
        if timed != isinstance(value, datetime):
            raise RefusedArgument(
                "at",
                Message(
                    "{post} goes out at a time: give the occurrence a date and a time "
                    "(2026-12-23 10:00)",
                    post=post_id,
                )
                if timed
                else Message(
                    "{post} has a date alone: give the occurrence a date alone (2026-12-23)",
                    post=post_id,
                ),
            )
    current = next((o for o in entry.occurrences if o.day == day), None)
    before: When = None
    if current is not None:
        before = current.at if timed else current.local.date()
    back = rule if timed else rule.date()
    if at is None and not skip:
        target: When = back
        action: Action = "restore"
    elif skip:
        target, action = None, "skip"
    else:
        target, action = value, "move"
    moved_to = value if value is not None and not _same(value, back) else None
    skips = [d for d in post.skip if d != day] + ([day] if skip else [])
    moves = {d: v for d, v in post.moved.items() if d != day}
    if moved_to is not None:
        moves[day] = moved_to
    if set(skips) == set(post.skip) and moves == post.moved:
        where = describe(before) if before is not None else _("skipped")
        return _change(
            entry,
            "unchanged",
            target,
            occurrence=day,
            reason=_("the occurrence of {day} is already so ({where})").format(
                day=day.isoformat(), where=where
            ),
        )
    snapshot = _snapshot(entry, snapshots, calendar.limits.yaml_bytes)
    keys: dict[str, Any] = {
        "skip": with_day(written_value(snapshot, entry, "skip"), day, skip),
        "moved": with_entry(
            written_value(snapshot, entry, "moved"),
            day,
            format_when(moved_to) if moved_to is not None else None,
        ),
    }
    update: dict[str, Any] = {"skip": skips, "moved": moves}
    if skip:
        keys["occurrences"] = with_entry(written_value(snapshot, entry, "occurrences"), day, None)
        update["occurrences"] = {d: s for d, s in post.occurrences.items() if d != day}
    edits = [
        edit
        for key, written in keys.items()
        if (
            edit := plan_edit(
                snapshot, entry.source.index, entry.id, written, key=key, after=AFTER[key]
            )
        )
        is not None
    ]
    problems = run_rules(calendar, now, images=False)
    after = run_rules(with_posts(calendar, {id(entry): update}), now, images=False)
    new = created(problems, after, {entry.id})
    errors = tuple(p for p in new if p.is_error)
    if errors and not force:
        refusal = ngettext(
            "this would give the post an error of check; nothing written (--force writes "
            "it anyway):",
            "this would give posts errors of check; nothing written (--force writes it anyway):",
            len(errors),
        )
        raise Refused(f"{refusal}\n{_listing(errors)}")
    return _change(
        entry,
        action,
        target,
        occurrence=day,
        before=before,
        text=format_when(target) if target is not None else None,
        warnings=tuple(p for p in new if not p.is_error),
        forced=errors,
        edit=edits[0] if edits else None,
        more=tuple(edits[1:]),
        snapshot=snapshot,
    )


# -- auto --------------------------------------------------------------------


def auto_window(
    calendar: Calendar,
    start: date | datetime | None,
    until: date | datetime | None,
    now: datetime,
) -> tuple[datetime, datetime]:
    """The first and last instants ``--auto`` may use (both included), in the root's zone.

    It starts at ``start`` (a date: its local midnight) or now, whichever is
    later — a queue never schedules into the past — and ends at ``until`` (a
    date: the end of that local day), by default :data:`DEFAULT_WEEKS` weeks
    after the start (:func:`~gc_cli.query.window.period`).
    """
    zone = zone_of(calendar)
    try:
        span = period(
            zone, now, start=start, end=until, days=DEFAULT_WEEKS * 7, not_before_now=True
        )
    except BadArgument as exc:
        # This window's end is called until.
        parameter = "until" if exc.parameter == "end" else exc.parameter
        raise BadArgument(parameter, exc.reason) from None
    assert span.start is not None and span.stop is not None
    # Both ends are used: a day given as until ends at its last instant.
    end = span.stop if until is None else span.stop - _TICK
    return span.start.astimezone(zone), end.astimezone(zone)


@dataclass(frozen=True, slots=True)
class _Slot:
    local: datetime  # naive wall time
    at: datetime  # aware, in the root zone
    utc: datetime
    wall: WallTime


class _Grid:
    """The slots of ``settings.slots`` from ``begin`` to ``end`` (both included), in
    time order, made a few days at a time as the queue reaches them: a window of
    years costs nothing when the queue fills its first weeks.

    A wall time skipped by a daylight-saving change is left out; one that
    happens twice is taken the first time (still in daylight time).
    """

    def __init__(self, calendar: Calendar, begin: datetime, end: datetime) -> None:
        assert calendar.settings is not None
        self.zone = zone_of(calendar)
        self.begin, self.end = begin, end
        self.first, self.last = begin.astimezone(UTC), end.astimezone(UTC)
        self.by_weekday: dict[int, list[time]] = defaultdict(list)
        for slot in sorted({(s.weekday, s.at) for s in calendar.settings.slots}):
            self.by_weekday[slot[0]].append(slot[1])
        self.slots: list[_Slot] = []
        self.next_day = begin.astimezone(self.zone).date()
        self.last_day = end.astimezone(self.zone).date()
        self.settings = calendar.settings

    def closed(self, day: date) -> str | None:
        """Why the organisation is closed on ``day`` (closed: of settings.yaml), or None."""
        closure = self.settings.closure_on(day)
        if closure is None:
            return None
        return closure.label or _("closed")

    def on(self, day: date) -> list[_Slot]:
        """The slots of one local day that lie in the window."""
        zone = self.zone
        found = []
        # Only a day whose offset changes can hold a skipped or repeated wall time.
        changes = (
            datetime.combine(day, time(0), zone).utcoffset()
            != datetime.combine(day + timedelta(days=1), time(0), zone).utcoffset()
        )
        for at in self.by_weekday.get(day.weekday(), ()):
            local = datetime.combine(day, at)
            wall = classify(local, zone) if changes else WallTime.OK
            if wall is WallTime.NONEXISTENT:
                continue
            aware = localize(local, zone)
            utc = aware.astimezone(UTC)
            if self.first <= utc <= self.last:
                found.append(_Slot(local, aware, utc, wall))
        # Within a day, wall-time order is time order (a repeated hour is taken the first time).
        return found

    def get(self, index: int) -> _Slot | None:
        """Slot number ``index`` of the window, or None past its end."""
        while index >= len(self.slots) and self.next_day <= self.last_day:
            for _day in range(7):
                if self.next_day > self.last_day:
                    break
                # A closed day offers no slot to the queue.
                if self.closed(self.next_day) is None:
                    self.slots.extend(self.on(self.next_day))
                self.next_day += timedelta(days=1)
        return self.slots[index] if index < len(self.slots) else None

    def starting(self, index: int) -> Iterator[_Slot]:
        """The slots from number ``index`` on."""
        while (slot := self.get(index)) is not None:
            yield slot
            index += 1


class _Book:
    """Who is on each channel when: the gaps and daily counts ``--auto`` respects."""

    def __init__(self, calendar: Calendar, zone: ZoneInfo) -> None:
        assert calendar.settings is not None
        rules = calendar.settings.rules
        self.zone = zone
        self.gap = timedelta(minutes=rules.min_gap_minutes)
        self.limit = rules.max_posts_per_day
        self.times: dict[str, list[datetime]] = defaultdict(list)
        self.days: Counter[tuple[str, date]] = Counter()
        for entry in calendar.entries:
            for moment, timed in self.moments(entry):
                self.add(entry.post.channels, moment, timed, keep_order=False)
        for times in self.times.values():
            times.sort()  # once, rather than an insertion per moment

    def moments(self, entry: Entry) -> Iterator[tuple[datetime, bool]]:
        """Each moment of a live post, in UTC, and whether it has a time (as ``check`` sees it)."""
        if entry.post.status == "cancelled" or entry.when is None:
            return
        for moment, _occurrence in entry.moments():
            at = moment if isinstance(moment, datetime) else to_aware(moment, self.zone)
            yield at.astimezone(UTC), entry.timed

    def add(
        self, channels: Iterable[str], moment: datetime, timed: bool, *, keep_order: bool = True
    ) -> None:
        day = moment.astimezone(self.zone).date()
        for channel in channels:
            if timed:
                if keep_order:
                    insort(self.times[channel], moment)
                else:
                    self.times[channel].append(moment)
            self.days[channel, day] += 1

    def remove(self, channels: Iterable[str], moment: datetime, timed: bool) -> None:
        day = moment.astimezone(self.zone).date()
        for channel in channels:
            if timed:
                times = self.times[channel]
                del times[bisect_left(times, moment)]
            self.days[channel, day] -= 1

    def busy(self, channel: str, moment: datetime, extra: int = 0) -> bool:
        """Whether ``channel`` has a post within the gap of ``moment``, or its day is full
        (with ``extra`` more planned there by the same post)."""
        day = moment.astimezone(self.zone).date()
        if self.limit is not None and self.days[channel, day] + extra >= self.limit:
            return True
        if self.gap:
            times = self.times.get(channel)
            if times:
                # Closer than the gap is too close; exactly the gap is fine, as in check.
                i = bisect_right(times, moment - self.gap)
                if i < len(times) and times[i] < moment + self.gap:
                    return True
        return False


def _occurrences(entry: Entry, slot: _Slot, zone: ZoneInfo) -> list[datetime] | None:
    """The UTC moments of ``entry`` if it started at ``slot``; None when one of them
    would fall in a daylight-saving gap. ``ValueError`` when its repeat rule is wrong."""
    post = entry.post
    if not post.repeat:
        return [slot.utc]
    found, _issues = occurrences(
        expand_rrule(post.repeat, slot.local, zone),
        zone,
        skip=post.skip,
        moved=post.moved,
        marked=post.occurrences,
    )
    if any(occ.wall is WallTime.NONEXISTENT for occ in found):
        return None
    return [occ.at.astimezone(UTC) for occ in found]


def _fits(book: _Book, channels: Sequence[str], moments: list[datetime]) -> bool:
    planned: Counter[tuple[str, date]] = Counter()
    for i, moment in enumerate(moments):
        day = moment.astimezone(book.zone).date()
        for channel in channels:
            if book.busy(channel, moment, planned[channel, day]):
                return False
            planned[channel, day] += 1
        # Occurrences of one recurring post must keep the gap between themselves too.
        if i and book.gap and moment - moments[i - 1] < book.gap and channels:
            return False
    return True


def plan_auto(
    calendar: Calendar,
    start: date | datetime | None,
    until: date | datetime | None,
    now: datetime,
    *,
    snapshots: dict[Path, Snapshot] | None = None,
) -> list[Change]:
    """Plan a free slot for every ``ready`` post without a time (see the module).

    Returns a change per such post: ``set``/``move`` with its slot, or
    ``skipped`` with the reason. Posts are taken in file order, then by id,
    those with a date alone first. Each planned time is then checked with the
    rules as :func:`plan_set` does; a post it would give an error is skipped.
    """
    zone = zone_of(calendar)
    assert calendar.settings is not None
    if not calendar.settings.slots:
        raise Refused(
            _(
                "{file} has no slots: add weekly posting times, like "
                'slots: ["tue 09:00", "thu 12:00"]'
            ).format(file=calendar.settings_file)
        )
    begin, end = auto_window(calendar, start, until, now)
    grid = _Grid(calendar, begin, end)
    book = _Book(calendar, zone)
    snapshots = {} if snapshots is None else snapshots
    order = {file: i for i, file in enumerate(calendar.files)}
    count = Counter(entry.id for entry in calendar.entries)
    # "Without a time": no publish_at, or a date alone.
    candidates = [e for e in calendar.entries if e.post.status == "ready" and not e.timed]
    candidates.sort(key=lambda e: (e.when is None, order.get(e.source.file, 0), e.id))
    # The first slot that may still be free for each channel: slots before it are
    # taken for that channel, and only get busier, so no later post can use them.
    first_free: dict[str, int] = defaultdict(int)
    changes: list[Change] = []
    times: dict[int, When] = {}
    for entry in candidates:
        if count[entry.id] > 1:
            changes.append(_skip(entry, _("its id is used by another post too (duplicate-id)")))
            continue
        own = list(book.moments(entry))
        for moment, timed in own:
            book.remove(entry.post.channels, moment, timed)
        found = _place(entry, grid, book, first_free)
        if isinstance(found, str):
            for moment, timed in own:
                book.add(entry.post.channels, moment, timed)
            changes.append(_skip(entry, found))
            continue
        slot, moments = found
        # An hour that happens twice is written with its offset, so it means one instant.
        value: datetime = slot.at if slot.wall is WallTime.AMBIGUOUS else slot.local
        text = format_when(value)
        try:
            snapshot = _snapshot(entry, snapshots, calendar.limits.yaml_bytes)
            edit = plan_edit(snapshot, entry.source.index, entry.id, text)
        except Refused as exc:
            for moment, timed in own:
                book.add(entry.post.channels, moment, timed)
            changes.append(_skip(entry, str(exc)))
            continue
        for moment in moments:
            book.add(entry.post.channels, moment, True)
        for channel in entry.post.channels:
            i = first_free[channel]
            while (taken := grid.get(i)) is not None and book.busy(channel, taken.utc):
                i += 1
            first_free[channel] = i
        times[id(entry)] = value
        action: Action = "set" if entry.post.publish_at is None else "move"
        changes.append(_change(entry, action, value, text=text, edit=edit, snapshot=snapshot))
    if times:
        changes = _judge(calendar, changes, times, now)
    return changes


def _skip(entry: Entry, reason: str) -> Change:
    return _change(entry, "skipped", entry.post.publish_at, reason=reason)


def _place(
    entry: Entry, grid: _Grid, book: _Book, first_free: dict[str, int]
) -> tuple[_Slot, list[datetime]] | str:
    """The first free slot for ``entry`` and its moments, or why there is none."""
    channels = entry.post.channels
    day = entry.post.publish_at
    begin, end = grid.begin, grid.end
    options: Iterable[_Slot]
    if isinstance(day, date) and not isinstance(day, datetime):
        if day < begin.date():
            return _(
                "its day ({day}) is before the window, which starts {begin:%Y-%m-%d %H:%M}"
            ).format(day=day, begin=begin)
        if day > end.date():
            return _(
                "its day ({day}) is after the window, which ends {end:%Y-%m-%d %H:%M} (--until)"
            ).format(day=day, end=end)
        closed = grid.closed(day)
        if closed is not None and not entry.post.on_closed_day:
            return _(
                "its day ({day}) is a day the organisation is closed ({label}); write "
                "on_closed_day: true if it is meant for that day"
            ).format(day=day, label=closed)
        if day.weekday() not in grid.by_weekday:
            # English makes the day plural ("no slot on Mondays"); French says "le lundi".
            return _("no slot on {weekday}s, the day it is set for ({day})").format(
                weekday=day_name(day.weekday()), day=day
            )
        options = grid.on(day)
        if not options:
            return _("the slots of its day ({day}) are outside the window").format(day=day)
        why = _("every slot of its day ({day}) is taken on its channels").format(day=day)
    else:
        # Slots before each channel's first free one are taken for that channel.
        options = grid.starting(max((first_free[c] for c in channels), default=0))
        why = _("no free slot before the end of the window (--until)")
    for slot in options:
        try:
            moments = _occurrences(entry, slot, grid.zone)
        except ValueError as exc:
            return _("its repeat rule is wrong ({reason})").format(reason=_explain(exc))
        if moments is not None and _fits(book, channels, moments):
            return slot, moments
    return why


def _judge(
    calendar: Calendar, changes: list[Change], times: dict[int, When], now: datetime
) -> list[Change]:
    """Check the planned times with the rules: skip a post that would get an error,
    and attach the warnings the plan creates."""
    before = run_rules(calendar, now, images=False)
    after = run_rules(with_times(calendar, times), now, images=False)
    planned = {c.post_id for c in changes if c.writes}
    new = created(before, after, planned)
    errors: dict[str, list[Problem]] = defaultdict(list)
    warnings: dict[str, list[Problem]] = defaultdict(list)
    for problem in new:
        owner = problem.post if problem.post in planned else _named(problem, planned)
        (errors if problem.is_error else warnings)[owner or ""].append(problem)
    judged = []
    for change in changes:
        if change.post_id in errors and change.writes:
            first = errors[change.post_id][0]
            change = dataclasses.replace(
                change,
                action="skipped",
                after=change.before,
                text=None,
                edit=None,
                reason=_("{when} would give it an error: {message} [{code}]").format(
                    when=describe(change.after), message=translated(first.message), code=first.code
                ),
            )
        elif change.writes and change.post_id in warnings:
            change = dataclasses.replace(change, warnings=tuple(warnings[change.post_id]))
        judged.append(change)
    return judged


def _named(problem: Problem, planned: set[str]) -> str | None:
    """The planned post a problem of another post quotes ("after 'x'"), if any."""
    for post_id in sorted(planned):
        if f"'{post_id}'" in problem.message:
            return post_id
    return None


# -- writing -----------------------------------------------------------------


def apply(changes: Sequence[Change]) -> list[str]:
    """Write the changes that have an edit, rewriting each file once (:func:`write_edits`)."""
    return write_edits(
        [
            (change.snapshot, edit)
            for change in changes
            if change.snapshot is not None
            for edit in change.edits
        ]
    )


def prepare(edits: Sequence[tuple[Snapshot, LineEdit]]) -> list[tuple[Snapshot, bytes]]:
    """Each file's new bytes, every edit of it spliced in and checked; nothing written.

    :class:`Refused` when an edit would damage its file, or when the edits of one
    file were planned on different readings of it.
    """
    groups: dict[Path, list[tuple[Snapshot, LineEdit]]] = {}
    for snapshot, edit in edits:
        groups.setdefault(snapshot.path, []).append((snapshot, edit))
    prepared: list[tuple[Snapshot, bytes]] = []
    for group in groups.values():
        snapshot = group[0][0]
        if any(other.raw != snapshot.raw for other, _edit in group):
            raise Refused(
                _("{file}: the file changed between two plans; nothing written").format(
                    file=snapshot.file
                )
            )
        prepared.append((snapshot, render(snapshot, [edit for _s, edit in group])))
    return prepared


def write_edits(
    edits: Sequence[tuple[Snapshot, LineEdit]],
    prepared: Sequence[tuple[Snapshot, bytes]] | None = None,
) -> list[str]:
    """Write ``edits`` (or the bytes already ``prepared`` from them), each file once.

    Every file's new text is built and checked before any is written; every
    file is then locked, and found unchanged and fit to replace (see
    :func:`gc_cli.store.atomic.replace_all`) before the first is replaced, so a
    refusal in one file writes nothing. Returns the files written.
    """
    if prepared is None:
        prepared = prepare(edits)
    done: list[atomic.Held] = []
    with contextlib.ExitStack() as stack:
        items = []
        # One order for every process, so two runs never wait on each other in a cycle.
        for snapshot, data in sorted(prepared, key=lambda item: str(item[0].target)):
            held = stack.enter_context(atomic.hold(snapshot.target, snapshot.file, lock=True))
            items.append(atomic.Replacement(held, data, snapshot.holds))
        try:
            atomic.replace_all(items, done)
        except GcError as exc:
            if done:
                raise type(exc)(
                    _("{error} (already written: {files})").format(
                        error=translated(message_of(exc)),
                        files=", ".join(held.name for held in done),
                    )
                ) from None
            raise
    return [held.name for held in done]


# -- the command -------------------------------------------------------------


@dataclass(frozen=True)
class ScheduleResult:
    """What ``schedule`` planned and wrote."""

    changes: list[Change]
    written: list[str]
    #: Whether nothing was written, by request.
    dry_run: bool = False
    #: The window of ``schedule_auto`` (None for one post).
    window: tuple[datetime, datetime] | None = None

    @property
    def auto(self) -> bool:
        return self.window is not None

    @property
    def planned(self) -> list[Change]:
        return [c for c in self.changes if c.writes]


def _finish(
    changes: list[Change], dry_run: bool, window: tuple[datetime, datetime] | None = None
) -> ScheduleResult:
    written = [] if dry_run else apply(changes)
    return ScheduleResult(changes, written, dry_run, window)


def schedule_post(
    root: Path,
    post_id: str,
    at: date | datetime,
    *,
    now: datetime | None = None,
    force: bool = False,
    dry_run: bool = False,
    cwd: Path | None = None,
) -> ScheduleResult:
    """Set or move the ``publish_at`` of ``post_id`` in its file (unless ``dry_run``).

    Raise :class:`Refused` when the change is refused (see the module), with
    nothing written.
    """
    calendar, snapshots = load_for_writing(root, cwd)
    moment = clock(calendar, now)
    change = plan_set(calendar, post_id, at, moment, force, snapshots=snapshots)
    return _finish([change], dry_run)


def clear_post(
    root: Path,
    post_id: str,
    *,
    now: datetime | None = None,
    force: bool = False,
    dry_run: bool = False,
    cwd: Path | None = None,
) -> ScheduleResult:
    """Remove the ``publish_at`` of ``post_id`` from its file (unless ``dry_run``)."""
    calendar, snapshots = load_for_writing(root, cwd)
    moment = clock(calendar, now)
    change = plan_clear(calendar, post_id, moment, force, snapshots=snapshots)
    return _finish([change], dry_run)


def schedule_occurrence(
    root: Path,
    post_id: str,
    day: date,
    *,
    skip: bool = False,
    at: date | datetime | None = None,
    now: datetime | None = None,
    force: bool = False,
    dry_run: bool = False,
    cwd: Path | None = None,
) -> ScheduleResult:
    """Skip the occurrence ``day`` of a recurring post, move it to ``at``, or (neither)
    put it back where its rule has it, in the post's file (unless ``dry_run``).

    Raise :class:`Refused` when the change is refused (see the module), with
    nothing written.
    """
    if skip and at is not None:
        raise BadArgument("at", Message("does not go with skip: give one of them"))
    calendar, snapshots = load_for_writing(root, cwd)
    moment = clock(calendar, now)
    change = plan_occurrence(
        calendar, post_id, day, moment, skip=skip, at=at, force=force, snapshots=snapshots
    )
    return _finish([change], dry_run)


def schedule_auto(
    root: Path,
    *,
    start: date | datetime | None = None,
    until: date | datetime | None = None,
    now: datetime | None = None,
    dry_run: bool = False,
    cwd: Path | None = None,
) -> ScheduleResult:
    """Give every ``ready`` post without a time the next free slot (see the module)."""
    calendar, snapshots = load_for_writing(root, cwd)
    moment = clock(calendar, now)
    window = auto_window(calendar, start, until, moment)
    changes = plan_auto(calendar, start, until, moment, snapshots=snapshots)
    return _finish(changes, dry_run, window)
