"""The read side of the calendar as data: ``list``, ``calendar`` and ``report``.

Every function here takes a loaded :class:`~gc_cli.store.calendar.Calendar` (and the
current time where it matters) and returns plain data: :class:`Item` rows, a
:class:`MonthGrid`, a :class:`Report`. Nothing prints, nothing exits; the
renderers of :mod:`gc_cli.render.views` turn the data into text.

An *item* is one publication: a post, or one occurrence of a recurring post
(identified by the post id and the occurrence's local date). Windows are
read in the calendar root's zone: a date means that whole local day, a time
without an offset is a local wall time.

Error messages (:class:`GcError`) and :func:`loading_note` are only ever shown
to a person, on stderr: they are written in the user's language here. The
data returned is the same in every language.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

# Bound and parse_bound are re-exported: callers read windows as the views do.
from gc_cli.cli.options import Bound as Bound
from gc_cli.cli.options import check_range, check_span
from gc_cli.cli.options import parse_bound as parse_bound
from gc_cli.errors import GcError
from gc_cli.i18n import N_, _, ngettext, translated
from gc_cli.store.calendar import Calendar, Entry
from gc_cli.store.loader import load_calendar, suggest, when_to_text
from gc_cli.store.model import KINDS, STATUSES, Image, Post
from gc_cli.timeutil import day_bounds, parse_now, to_aware

#: One value or several for a filter (several: any of them matches).
Choice = str | Collection[str] | None

#: Days a report covers when no ``--to`` is given (today included).
REPORT_DAYS = 30
#: A post still ``idea``/``draft`` this close to its date is listed by ``report``.
NOT_READY_WITHIN = timedelta(days=7)
#: Statuses that mean "not written yet".
UNFINISHED = frozenset({"idea", "draft"})


class CalendarUnusable(GcError):
    """``settings.yaml`` is missing or invalid, so no time can be read (exit 1)."""

    exit_code = 1


# -- loading and arguments ------------------------------------------------------


def load(root: Path, cwd: Path | None = None) -> Calendar:
    """Load ``root`` for reading; :class:`CalendarUnusable` when its settings are broken.

    Posts that could not be read are simply absent; :func:`loading_note` says so.
    """
    calendar = load_calendar(root, cwd)
    if not calendar.usable:
        first = next((p for p in calendar.problems if p.file == calendar.settings_file), None)
        if first:
            where = f"{first.file}:{first.line}:{first.column}: {translated(first.message)}"
        else:
            where = _("{file} is not usable").format(file=calendar.settings_file)
        raise CalendarUnusable(
            _(
                "{where} (the posts' times cannot be read without valid settings; "
                "gc-cli check lists every problem)"
            ).format(where=where)
        )
    return calendar


def loading_note(calendar: Calendar) -> str | None:
    """One line saying what the views leave out because it could not be read, or None.

    A view of a calendar with reading errors is incomplete: the commands print
    this on stderr and exit 1, so that a script never takes a partial list
    for the whole plan.
    """
    errors = sum(1 for p in calendar.problems if p.severity == "error")
    unreadable = calendar.post_count - len(calendar.entries)
    bad_rules = sorted(e.id for e in calendar.entries if e.repeat_error and e.when is not None)
    if not errors and not bad_rules:
        return None
    parts: list[str] = []
    if unreadable:
        parts.append(
            ngettext(
                "{n} post could not be read", "{n} posts could not be read", unreadable
            ).format(n=unreadable)
        )
    if bad_rules:
        parts.append(_("bad repeat rule in {ids}").format(ids=", ".join(bad_rules)))
    left_out = unreadable + len(bad_rules)
    if not left_out:
        # A file that is not YAML at all counts no post; a key written twice
        # costs none: either way the view may be wrong, so say it.
        return _(
            "the calendar has errors; anything that could not be read is left out "
            "(gc-cli check shows where)"
        )
    # Both causes: one clause after the other, with the language's semicolon.
    what = (
        parts[0]
        if len(parts) == 1
        else _("{first}; {second}").format(first=parts[0], second=parts[1])
    )
    return ngettext(
        "the calendar has errors: {what}; {n} post left out (gc-cli check shows where)",
        "the calendar has errors: {what}; {n} posts left out (gc-cli check shows where)",
        left_out,
    ).format(what=what, n=left_out)


def clock(calendar: Calendar, now: str | datetime | None) -> datetime:
    """The current time in the root's zone: ``now`` (ISO 8601 text) or the clock."""
    zone = _zone(calendar)
    if isinstance(now, datetime):
        return to_aware(now, zone)
    if not now:
        return parse_now(None, zone)
    moment = parse_bound(now, "--now")
    assert moment is not None
    return to_aware(moment, zone)


def _zone(calendar: Calendar) -> ZoneInfo:
    if calendar.zone is None:
        raise CalendarUnusable(
            _("{file} is missing or invalid").format(file=calendar.settings_file)
        )
    return calendar.zone


@dataclass(frozen=True, slots=True)
class Window:
    """A span of time, as instants (UTC) and as the local days it touches.

    ``start`` is included and ``stop`` excluded; either may be None (open).
    A timed item is inside when its instant is; a date-only item when its day
    is one of the days the window touches.
    """

    start: datetime | None = None
    stop: datetime | None = None
    first_day: date | None = None
    last_day: date | None = None

    @property
    def bounded(self) -> bool:
        return self.start is not None or self.stop is not None

    def holds(self, when: datetime | date) -> bool:
        """Whether a timed (aware) or date-only moment is inside the window."""
        if isinstance(when, datetime):
            return (self.start is None or when >= self.start) and (
                self.stop is None or when < self.stop
            )
        return (self.first_day is None or when >= self.first_day) and (
            self.last_day is None or when <= self.last_day
        )


def window(calendar: Calendar, start: Bound = None, end: Bound = None) -> Window:
    """The window from ``start`` to ``end``, both included, in the root's zone.

    A date means the whole local day (``end=2026-12-31`` takes in that day's
    evening posts); a time without offset is local. ``GcError`` (exit 2) when
    a bound does not parse or the window ends before it starts.
    """
    zone = _zone(calendar)
    first = parse_bound(start, "--from")
    last = parse_bound(end, "--to")
    begin: datetime | None = None
    stop: datetime | None = None
    if first is not None:
        begin = (
            to_aware(first, zone) if isinstance(first, datetime) else day_bounds(first, zone)[0]
        ).astimezone(UTC)
    if last is not None:
        if isinstance(last, datetime):
            # --to with a time includes that minute's post: stop just after it.
            stop = to_aware(last, zone).astimezone(UTC) + timedelta(microseconds=1)
        else:
            stop = day_bounds(last, zone)[1].astimezone(UTC)
    if begin is not None and stop is not None and stop <= begin:
        raise GcError(_("--to ({end}) is before --from ({start})").format(end=end, start=start))
    return Window(
        begin,
        stop,
        begin.astimezone(zone).date() if begin else None,
        (stop - timedelta(microseconds=1)).astimezone(zone).date() if stop else None,
    )


# -- items ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Item:
    """One publication: a post, or one occurrence of a recurring post.

    The fields of SPEC §2.2 are properties of the post; ``when`` is the
    occurrence's time (aware, in the root's zone), its date for a date-only
    post, or None when it is not scheduled.
    """

    post: Post
    when: datetime | date | None
    #: The occurrence's local date for a recurring post; None for a single post.
    occurrence: date | None
    file: str
    line: int
    #: For an occurrence: its rank (from 1) and the number of occurrences.
    series: tuple[int, int] | None = None

    @property
    def id(self) -> str:
        return self.post.id

    @property
    def kind(self) -> str:
        return self.post.kind

    @property
    def title(self) -> str:
        return self.post.title

    @property
    def channels(self) -> list[str]:
        return self.post.channels

    @property
    def status(self) -> str:
        return self.post.status

    @property
    def owner(self) -> str | None:
        return self.post.owner

    @property
    def campaign(self) -> str | None:
        return self.post.campaign

    @property
    def tags(self) -> list[str]:
        return self.post.tags

    @property
    def text(self) -> str | None:
        return self.post.text

    @property
    def link(self) -> str | None:
        return self.post.link

    @property
    def images(self) -> list[Image]:
        return self.post.images

    @property
    def timed(self) -> bool:
        return isinstance(self.when, datetime)

    @property
    def day(self) -> date | None:
        """The local day it goes out, or None when not scheduled."""
        return self.when.date() if isinstance(self.when, datetime) else self.when

    @property
    def publish_at(self) -> str | None:
        """The time as JSON shows it: ISO 8601 with offset, a date, or None."""
        return when_to_text(self.when)

    def moment(self, zone: ZoneInfo) -> datetime | None:
        """The instant it goes out (a date-only item: its local midnight)."""
        return None if self.when is None else to_aware(self.when, zone)

    def to_dict(self) -> dict[str, Any]:
        """The object of SPEC §2.2, keys in the order given there."""
        post = self.post
        return {
            "id": post.id,
            "occurrence": self.occurrence.isoformat() if self.occurrence else None,
            "publish_at": when_to_text(self.when),
            "kind": post.kind,
            "title": post.title,
            "channels": list(post.channels),
            "status": post.status,
            "owner": post.owner,
            "campaign": post.campaign,
            "tags": list(post.tags),
            "text": post.text,
            "link": post.link,
            "images": [{"path": i.path, "alt": i.alt} for i in post.images],
            "file": self.file,
            "line": self.line,
        }


#: The JSON keys of an item, in order (the CSV header adds image_alts after images).
ITEM_FIELDS: tuple[str, ...] = (
    "id",
    "occurrence",
    "publish_at",
    "kind",
    "title",
    "channels",
    "status",
    "owner",
    "campaign",
    "tags",
    "text",
    "link",
    "images",
    "file",
    "line",
)


def _choices(value: Choice) -> frozenset[str]:
    if value is None:
        return frozenset()
    if isinstance(value, str):
        return frozenset((value,))
    return frozenset(value)


def _validate(
    option: str, wanted: frozenset[str], known: Callable[[], Iterable[str]], message: str
) -> None:
    """``GcError`` (exit 2) naming a filter value that can match nothing, with a hint.

    ``known`` is called only when a value was given: it may scan every post.
    ``message`` is the sentence (marked with ``N_``: one per filter, as the
    word for what is filtered takes a gender in other languages).
    """
    if not wanted:
        return
    names = sorted(set(known()))
    for value in sorted(wanted):
        if value not in names:
            listed = ", ".join(names) if names else _("none")
            raise GcError(
                _(message).format(
                    option=option,
                    value=value,
                    hint=translated(suggest(value, names)),
                    known=listed,
                )
            )


def _used(calendar: Calendar, attribute: str) -> set[str]:
    found: set[str] = set()
    for entry in calendar.entries:
        value = getattr(entry.post, attribute)
        if isinstance(value, list):
            found.update(value)
        elif value is not None:
            found.add(value)
    return found


def select(
    calendar: Calendar,
    *,
    start: Bound = None,
    end: Bound = None,
    channel: Choice = None,
    kind: Choice = None,
    status: Choice = None,
    owner: Choice = None,
    campaign: Choice = None,
    unscheduled: bool = False,
) -> list[Item]:
    """The publications of ``calendar`` that pass every filter, in date order.

    Order: by local day; on a day, date-only posts first, then timed ones by
    instant; unscheduled posts last; ties keep the order of the files. A
    recurring post gives one item per occurrence inside the window.

    ``start``/``end`` (text, date or datetime; see :func:`window`) narrow the
    window, which leaves unscheduled posts out. A filter given several values
    keeps a post matching any of them; different filters must all match.
    ``unscheduled`` keeps only the posts without a date (it cannot be combined
    with a window). Values that can match nothing (a channel not enabled, an
    owner not in the team) are a ``GcError`` naming the closest valid one.
    """
    span = window(calendar, start, end)
    if unscheduled and span.bounded:
        raise GcError(_("--unscheduled lists the posts without a date: --from/--to do not apply"))
    channels, kinds, statuses = _choices(channel), _choices(kind), _choices(status)
    owners, campaigns = _choices(owner), _choices(campaign)
    settings = calendar.settings
    assert settings is not None  # window() has checked the calendar is usable
    _validate(
        "--channel",
        channels,
        lambda: set(settings.channels) | _used(calendar, "channels"),
        N_("{option}: no channel {value!r}{hint}; known: {known}"),
    )
    _validate(
        "--kind", kinds, lambda: KINDS, N_("{option}: no kind {value!r}{hint}; known: {known}")
    )
    _validate(
        "--status",
        statuses,
        lambda: STATUSES,
        N_("{option}: no status {value!r}{hint}; known: {known}"),
    )
    _validate(
        "--owner",
        owners,
        lambda: set(settings.team) | _used(calendar, "owner"),
        N_("{option}: no owner {value!r}{hint}; known: {known}"),
    )
    _validate(
        "--campaign",
        campaigns,
        lambda: _used(calendar, "campaign"),
        N_("{option}: no campaign {value!r}{hint}; known: {known}"),
    )

    keyed: list[tuple[tuple[int, int, int, float, int, int], Item]] = []
    for index, entry in enumerate(calendar.entries):
        post = entry.post
        if (
            (channels and channels.isdisjoint(post.channels))
            or (kinds and post.kind not in kinds)
            or (statuses and post.status not in statuses)
            or (owners and post.owner not in owners)
            or (campaigns and post.campaign not in campaigns)
        ):
            continue
        if entry.when is None:
            if not span.bounded:
                keyed.append(((1, 0, 0, 0.0, index, 0), _item(entry, None, None)))
            continue
        if unscheduled:
            continue
        keyed.extend(_dated(entry, index, span))
    # Keys are unique (entry index, occurrence rank), so items are never compared.
    keyed.sort(key=lambda pair: pair[0])
    return [item for _, item in keyed]


def _item(
    entry: Entry,
    when: datetime | date | None,
    occurrence: date | None,
    series: tuple[int, int] | None = None,
) -> Item:
    source = entry.source
    return Item(entry.post, when, occurrence, source.file, source.id_pos[0], series)


def _dated(
    entry: Entry, index: int, span: Window
) -> Iterable[tuple[tuple[int, int, int, float, int, int], Item]]:
    """The keyed items of a dated post inside ``span``: itself, or its occurrences."""
    if entry.post.repeat:
        if entry.when is None or not entry.occurrences:
            return  # a bad rule: left out, and loading_note() says so
        total = len(entry.occurrences)
        for rank, (when, local) in enumerate(entry.moments(), start=1):
            if span.holds(when):
                yield _key(when, index, rank), _item(entry, when, local, (rank, total))
        return
    assert entry.when is not None
    if span.holds(entry.when):
        yield _key(entry.when, index, 0), _item(entry, entry.when, None)


def _key(when: datetime | date, index: int, rank: int) -> tuple[int, int, int, float, int, int]:
    # The local day first, so a date-only post sorts before that day's timed
    # ones; then the instant (timestamp, not wall time: a fold repeats an hour).
    if isinstance(when, datetime):
        return (0, when.date().toordinal(), 1, when.timestamp(), index, rank)
    return (0, when.toordinal(), 0, 0.0, index, rank)


# -- month grid -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Day:
    """A cell of the month grid."""

    date: date
    in_month: bool
    today: bool
    past: bool
    items: list[Item] = field(default_factory=list)

    @property
    def channels(self) -> set[str]:
        """Every channel something goes out on that day."""
        return {c for item in self.items for c in item.channels}


@dataclass(frozen=True, slots=True)
class MonthGrid:
    """A month as weeks (Monday first) of days, each with its publications."""

    year: int
    month: int
    weeks: list[list[Day]]
    #: Enabled channels in settings order, then any other channel a post uses.
    channels: list[str]
    today: date
    #: Posts of the whole root with no date yet (not cancelled).
    unscheduled: int

    @property
    def first(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def items(self) -> list[Item]:
        return [item for week in self.weeks for day in week for item in day.items]


def parse_month(text: str | None, today: date) -> date:
    """The first day of ``YYYY-MM`` (default: ``today``'s month)."""
    if text is None:
        return today.replace(day=1)
    try:
        year, month = (int(part) for part in text.strip().split("-"))
        if len(text.strip()) != 7:
            raise ValueError
        first = date(year, month, 1)
    except ValueError:
        raise GcError(
            _("--month: {text!r} is not a month: write YYYY-MM (2026-12)").format(text=text)
        ) from None
    check_range(first, "--month", text)
    return first


def channel_order(calendar: Calendar, items: Iterable[Item] = ()) -> list[str]:
    """Enabled channels in settings order, then channels that only ``items`` use."""
    order = list(calendar.settings.channels) if calendar.settings else []
    extra = sorted({c for item in items for c in item.channels} - set(order))
    return order + extra


def month_grid(
    calendar: Calendar, month: str | date | None = None, *, now: str | datetime | None = None
) -> MonthGrid:
    """The month ``YYYY-MM`` (default: the month of ``now``) as a grid of weeks.

    Weeks start on Monday; days of the neighbouring months fill the first and
    last weeks with no publications. Cancelled posts are left out.
    """
    moment = clock(calendar, now)
    today = moment.date()
    first = month if isinstance(month, date) else parse_month(month, today)
    first = first.replace(day=1)
    last = (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
    items = [i for i in select(calendar, start=first, end=last) if i.status != "cancelled"]
    by_day: dict[date, list[Item]] = {}
    for item in items:
        assert item.day is not None
        by_day.setdefault(item.day, []).append(item)
    begin = first - timedelta(days=first.weekday())
    end = last + timedelta(days=6 - last.weekday())
    weeks: list[list[Day]] = []
    day = begin
    while day <= end:
        if day.weekday() == 0:
            weeks.append([])
        inside = day.month == first.month
        weeks[-1].append(
            Day(day, inside, day == today, day < today, by_day.get(day, []) if inside else [])
        )
        day += timedelta(days=1)
    unscheduled = sum(
        1 for e in calendar.entries if e.when is None and e.post.status != "cancelled"
    )
    return MonthGrid(
        first.year, first.month, weeks, channel_order(calendar, items), today, unscheduled
    )


# -- report ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Count:
    """A count and its share of a whole (0 when the whole is empty)."""

    name: str
    count: int
    share: float


@dataclass(frozen=True, slots=True)
class KindMix:
    """Publications of one kind: how many, their share, and per channel."""

    kind: str
    count: int
    share: float
    channels: dict[str, int]


@dataclass(frozen=True, slots=True)
class OwnerLoad:
    """Who does what: a person's publications, by kind, and their time on duty."""

    owner: str | None  # None: posts with no owner
    name: str | None
    external: bool
    known: bool  # in settings.team
    count: int
    share: float
    kinds: dict[str, int]
    #: Time on duty answering the community in the window (real elapsed time);
    #: None when the root has no roster or this person is not on it.
    duty: timedelta | None = None


@dataclass(frozen=True, slots=True)
class Pending:
    """A publication still ``idea``/``draft`` within a week of its date."""

    item: Item
    #: Time left until it goes out; negative when its date has passed.
    left: timedelta


@dataclass(frozen=True)
class Report:
    """The content plan of a window of whole days, in figures."""

    first_day: date
    last_day: date
    now: datetime
    items: list[Item]  # in the window, cancelled ones left out
    cancelled: int
    channels: list[str]
    by_kind: list[KindMix]
    by_channel: list[Count]
    owners: list[OwnerLoad]
    internal: int  # owners of the team who are not external
    external: int
    unowned: int  # no owner at all (an owner outside the team counts in neither)
    empty_days: list[date]
    with_picture: int
    pending: list[Pending]
    unscheduled: int  # posts of the root with no date (not cancelled)
    #: Share of the window when somebody is on duty; None without a roster.
    on_duty_share: float | None = None

    @property
    def posts(self) -> int:
        return len(self.items)

    @property
    def days(self) -> int:
        return (self.last_day - self.first_day).days + 1

    @property
    def date_only(self) -> int:
        return sum(1 for item in self.items if not item.timed)

    @property
    def picture_share(self) -> float:
        return _share(self.with_picture, self.posts)

    def to_dict(self) -> dict[str, Any]:
        """The report for scripts (``report --format json``)."""
        return {
            "from": self.first_day.isoformat(),
            "to": self.last_day.isoformat(),
            "days": self.days,
            "now": when_to_text(self.now),
            "posts": self.posts,
            "date_only": self.date_only,
            "cancelled": self.cancelled,
            "unscheduled": self.unscheduled,
            "by_kind": [
                {"kind": k.kind, "posts": k.count, "share": k.share, "channels": k.channels}
                for k in self.by_kind
            ],
            "by_channel": [
                {"channel": c.name, "posts": c.count, "share": c.share} for c in self.by_channel
            ],
            "owners": [
                {
                    "owner": o.owner,
                    "name": o.name,
                    "external": o.external,
                    "posts": o.count,
                    "share": o.share,
                    "kinds": o.kinds,
                    "duty_hours": None if o.duty is None else _hours_on(o.duty),
                }
                for o in self.owners
            ],
            "on_duty_share": self.on_duty_share,
            "internal": self.internal,
            "external": self.external,
            "unowned": self.unowned,
            "days_without_post": [d.isoformat() for d in self.empty_days],
            "with_picture": self.with_picture,
            "picture_share": self.picture_share,
            "not_ready": [
                {
                    "id": p.item.id,
                    "occurrence": p.item.occurrence.isoformat() if p.item.occurrence else None,
                    "publish_at": p.item.publish_at,
                    "status": p.item.status,
                    "owner": p.item.owner,
                    "hours_left": _hours(p.left),
                }
                for p in self.pending
            ],
        }


def _share(count: int, whole: int) -> float:
    # Four decimals: enough for a percentage with two, and stable in JSON.
    return round(count / whole, 4) if whole else 0.0


def _hours_on(delta: timedelta) -> float:
    """Hours with two decimals (7 h 30 min is 7.5)."""
    return round(delta.total_seconds() / 3600, 2)


def _hours(delta: timedelta) -> int:
    """Whole hours, rounded towards minus infinity (a passed date is negative)."""
    return int(delta.total_seconds() // 3600)


def report_window(calendar: Calendar, start: Bound, end: Bound, now: datetime) -> tuple[date, date]:
    """The whole local days a report covers.

    Default: :data:`REPORT_DAYS` days from today (today included); with
    ``--from`` only, that many days from it; with ``--to`` only, from today.
    A bound with a time counts its whole day.
    """
    span = window(calendar, start, end)
    first = span.first_day if span.first_day is not None else now.date()
    last = span.last_day if span.last_day is not None else first + timedelta(REPORT_DAYS - 1)
    if last < first:
        raise GcError(
            _("--to ({end}) is before the report's first day ({first})").format(
                end=end, first=first.isoformat()
            )
        )
    check_span(first, last, "--from/--to" if start and end else "--to" if end else "--from")
    return first, last


def report(
    calendar: Calendar,
    *,
    start: Bound = None,
    end: Bound = None,
    now: str | datetime | None = None,
) -> Report:
    """Figures of the plan between ``start`` and ``end`` (whole days, cancelled left out).

    Content mix by kind (with a count per channel) and by channel (share of
    the publications that go on it), publications per owner with internal vs
    external, days without any publication, share with a picture, and
    publications still idea/draft within :data:`NOT_READY_WITHIN` of their date.
    With a roster (``interactions:``), each person's hours on duty in the
    window (real elapsed time) and the share of it when somebody is.
    """
    moment = clock(calendar, now)
    zone = _zone(calendar)
    first, last = report_window(calendar, start, end, moment)
    chosen = select(calendar, start=first, end=last)
    items = [i for i in chosen if i.status != "cancelled"]
    total = len(items)
    channels = channel_order(calendar, items)

    kinds = Counter(i.kind for i in items)
    per_kind_channel: dict[str, Counter[str]] = {k: Counter() for k in KINDS}
    for item in items:
        per_kind_channel[item.kind].update(item.channels)
    by_kind = [
        KindMix(
            k,
            kinds[k],
            _share(kinds[k], total),
            {c: per_kind_channel[k][c] for c in channels},
        )
        for k in KINDS
    ]
    on_channel = Counter(c for i in items for c in i.channels)
    by_channel = [Count(c, on_channel[c], _share(on_channel[c], total)) for c in channels]

    team = calendar.settings.team if calendar.settings else {}
    per_owner = Counter(i.owner for i in items)
    owner_kinds: dict[str | None, Counter[str]] = {}
    for item in items:
        owner_kinds.setdefault(item.owner, Counter())[item.kind] += 1
    duty: dict[str, timedelta] = {}
    on_duty_share: float | None = None
    if calendar.settings is not None and calendar.settings.interactions is not None:
        from gc_cli.query.coverage import duty_hours

        found = duty_hours(calendar, first, last)
        if found is not None:
            duty, on_duty_share = found
    # Every team member with a content role is listed, even with nothing planned:
    # an empty line is the news ("Mathieu has nothing this month"); so is everyone
    # on the roster, who answers the community whether they post or not.
    names = [k for k, m in team.items() if "content" in m.roles or k in duty]
    names += sorted(o for o in per_owner if o is not None and o not in names)
    owners: list[OwnerLoad] = []
    for key in names:
        member = team.get(key)
        owners.append(
            OwnerLoad(
                key,
                member.name if member else None,
                bool(member and member.external),
                member is not None,
                per_owner[key],
                _share(per_owner[key], total),
                _ordered_kinds(owner_kinds.get(key)),
                duty.get(key) if key is not None else None,
            )
        )
    if per_owner[None]:
        owners.append(
            OwnerLoad(
                None,
                None,
                False,
                False,
                per_owner[None],
                _share(per_owner[None], total),
                _ordered_kinds(owner_kinds.get(None)),
            )
        )
    external = sum(o.count for o in owners if o.external)
    internal = sum(o.count for o in owners if o.known and not o.external)

    busy = {i.day for i in items}
    empty_days = [
        first + timedelta(days=n)
        for n in range((last - first).days + 1)
        if first + timedelta(days=n) not in busy
    ]
    pending: list[Pending] = []
    for item in items:
        if item.status in UNFINISHED:
            at = item.moment(zone)
            assert at is not None
            left = at.astimezone(UTC) - moment.astimezone(UTC)
            if left <= NOT_READY_WITHIN:
                pending.append(Pending(item, left))
    unscheduled = sum(
        1 for e in calendar.entries if e.when is None and e.post.status != "cancelled"
    )
    return Report(
        first_day=first,
        last_day=last,
        now=moment,
        items=items,
        cancelled=len(chosen) - total,
        channels=channels,
        by_kind=by_kind,
        by_channel=by_channel,
        owners=owners,
        internal=internal,
        external=external,
        unowned=per_owner[None],
        empty_days=empty_days,
        with_picture=sum(1 for i in items if i.images),
        pending=pending,
        unscheduled=unscheduled,
        on_duty_share=on_duty_share,
    )


def _ordered_kinds(counts: Counter[str] | None) -> dict[str, int]:
    """Non-zero counts by kind, in the order of :data:`KINDS`."""
    if not counts:
        return {}
    return {k: counts[k] for k in KINDS if counts[k]}
