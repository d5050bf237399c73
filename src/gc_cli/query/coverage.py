"""Who answers the community, when: duty spans, gaps and waits, as data.

``settings.interactions`` says who watches messages, comments and reviews on
which days of the week and at which local hours, who is away, and the longest
acceptable wait for a first answer (``response_target``). This module turns
it into instants and answers three questions, for ``gc-cli coverage``, the
rules of ``check`` (:mod:`gc_cli.rules.interactions`) and ``report``:

* when is somebody on duty (:class:`Span`, one per person and day);
* when is nobody, and how long does a message sent then wait for an answer
  (:class:`Gap`: a message arriving at its start waits until the next person
  comes on duty);
* which posts go out into those hours (:class:`Unattended`).

Every instant is an aware ``datetime`` in UTC, and every length is a
difference of UTC instants: real elapsed time. Aware datetimes that share a
zone object subtract by wall time, which is an hour off across a daylight-
saving change; converting first is what makes a night of the autumn change
last an hour more. Local wall times are read in the root's zone; one skipped
by the spring change is taken as the instant the clock jumps over it.

Nothing here prints or exits; :mod:`gc_cli.render.coverage` renders.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any, Literal
from zoneinfo import ZoneInfo

from gc_cli.i18n import Message
from gc_cli.query.select import Item, select
from gc_cli.query.window import Bound, clock, period, zone_of
from gc_cli.store.calendar import Calendar
from gc_cli.store.loader import suggest, when_to_text
from gc_cli.store.model import (
    Closure,
    Interactions,
    RosterEntry,
    Settings,
    TeamMember,
    days_text,
)
from gc_cli.timeutil import day_start, local_day, wall_instant

#: Days ``coverage`` and the ``coverage-gap`` rule look ahead by default.
DEFAULT_DAYS = 14
#: The first comments on a post arrive in the hours after it goes out, when
#: engagement peaks: those are the ones ``unattended-post`` looks at.
COMMENT_WINDOW = timedelta(hours=2)
#: How far after a gap to look for somebody coming on duty before giving up
#: (a year: longer than any leave a roster would record as absences).
LOOKAHEAD_DAYS = 366

_ONE_DAY = timedelta(days=1)
#: A span ends at most at 24:00 of its day, or crosses midnight to end before
#: its start time: under a day, plus the hour the autumn change repeats.
_LONGEST_SPAN = timedelta(hours=25)

#: Where a roster problem was written: the list and the index of the item.
Section = Literal["roster", "absences"]


# -- the roster and the team ------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RosterIssue:
    """A roster or absence entry whose ``who`` cannot answer the community."""

    section: Section
    index: int
    who: str
    code: Literal["unknown-member", "not-in-interactions-role"]
    #: A :class:`~gc_cli.i18n.Message`: English in JSON and problems, translated for people.
    message: Message


def roster_issues(settings: Settings) -> list[RosterIssue]:
    """Entries naming someone outside the team, or (roster only) without the role.

    An absence only needs a team member: recording the days off of someone who
    does not answer messages is harmless, a key that matches nobody is a typo.
    """
    interactions = settings.interactions
    if interactions is None:
        return []
    team = settings.team
    known = ", ".join(team) or Message("none")
    issues: list[RosterIssue] = []
    sections: tuple[tuple[Section, Iterable[Any]], ...] = (
        ("roster", interactions.roster),
        ("absences", interactions.absences),
    )
    for section, entries in sections:
        for index, entry in enumerate(entries):
            member = team.get(entry.who)
            if member is None:
                issues.append(
                    RosterIssue(
                        section,
                        index,
                        entry.who,
                        "unknown-member",
                        Message(
                            "{who!r} is not in the team{hint} (team: {team})",
                            who=entry.who,
                            hint=suggest(entry.who, team),
                            team=known,
                        ),
                    )
                )
            elif section == "roster" and "interactions" not in member.roles:
                roles = ", ".join(member.roles) or Message("none")
                issues.append(
                    RosterIssue(
                        section,
                        index,
                        entry.who,
                        "not-in-interactions-role",
                        Message(
                            "{who!r} ({name}) is on the roster but does not have the "
                            "interactions role (roles: {roles}): add it to their roles in "
                            "team, or take them off the roster",
                            who=entry.who,
                            name=member.name,
                            roles=roles,
                        ),
                    )
                )
    return issues


@dataclass(frozen=True, slots=True)
class Span:
    """Someone on duty, from ``start`` to ``end`` (UTC, end excluded)."""

    who: str
    start: datetime
    end: datetime
    #: The local day it starts on: a span crossing midnight belongs to that day.
    day: date
    #: The index of its entry in ``interactions.roster``.
    entry: int

    @property
    def length(self) -> timedelta:
        return self.end - self.start


@dataclass(frozen=True, slots=True)
class Gap:
    """Nobody on duty from ``start`` until ``end``, when somebody comes on duty.

    A message arriving at ``start`` waits the longest: ``wait``. ``end`` is
    None when nobody comes on duty within :data:`LOOKAHEAD_DAYS`.
    """

    start: datetime
    end: datetime | None

    @property
    def wait(self) -> timedelta | None:
        return None if self.end is None else self.end - self.start

    def exceeds(self, target: timedelta) -> bool:
        """Whether a message sent at the start waits longer than ``target``."""
        wait = self.wait
        return wait is None or wait > target


class Roster:
    """The usable entries of ``settings.interactions``, as spans of real time.

    Entries that name someone outside the team or without the interactions
    role are left out (``issues`` says which): they are errors of ``check``,
    and counting their hours would hide the gaps they leave. Spans are built
    per local day, on demand, and kept.
    """

    def __init__(self, interactions: Interactions, team: dict[str, TeamMember], zone: ZoneInfo):
        self.interactions = interactions
        self.team = team
        self.zone = zone
        self.target: timedelta = interactions.response_target
        self.issues: list[RosterIssue] = []
        self._usable: list[tuple[int, RosterEntry]] = []
        self._away: dict[str, list[tuple[date, date]]] = {}
        #: Days the organisation is closed (closed: of settings.yaml): nobody is on duty.
        self._closed: list[tuple[date, date]] = []
        self._days: dict[date, list[Span]] = {}

    @classmethod
    def of(cls, settings: Settings | None, zone: ZoneInfo | None) -> Roster | None:
        """The roster of ``settings``, or None when it has no ``interactions:`` block."""
        if settings is None or zone is None or settings.interactions is None:
            return None
        roster = cls(settings.interactions, settings.team, zone)
        roster.issues = roster_issues(settings)
        left_out = {i.index for i in roster.issues if i.section == "roster"}
        roster._usable = [
            (index, entry)
            for index, entry in enumerate(settings.interactions.roster)
            if index not in left_out
        ]
        for absence in settings.interactions.absences:
            roster._away.setdefault(absence.who, []).append((absence.from_, absence.last))
        roster._closed = [(closure.from_, closure.last) for closure in settings.closed]
        return roster

    @property
    def members(self) -> list[str]:
        """Who is on the (usable) roster, in the order of the team."""
        on = {entry.who for _, entry in self._usable}
        return [key for key in self.team if key in on]

    def away(self, who: str, day: date) -> bool:
        """Whether ``who`` is absent on local ``day``, or the organisation is closed."""
        return any(first <= day <= last for first, last in self._away.get(who, ())) or any(
            first <= day <= last for first, last in self._closed
        )

    def spans_on(self, day: date) -> list[Span]:
        """The spans that start on local ``day`` (absences and entry dates applied)."""
        found = self._days.get(day)
        if found is None:
            found = []
            for index, entry in self._usable:
                if not entry.applies(day) or self.away(entry.who, day):
                    continue
                start = wall_instant(day, entry.hours.start, self.zone)
                end = wall_instant(day, entry.hours.end, self.zone)
                if end > start:  # a span wholly inside the spring gap lasts no time
                    found.append(Span(entry.who, start, end, day, index))
            found.sort(key=lambda span: (span.start, span.entry))
            self._days[day] = found
        return found

    def spans(self, start: datetime, stop: datetime) -> list[Span]:
        """Every span that overlaps ``[start, stop)``, by start."""
        # A span lasts at most a day (and an hour), so the day before may reach in.
        first = local_day(start, self.zone) - _ONE_DAY
        last = local_day(stop - timedelta(microseconds=1), self.zone)
        found: list[Span] = []
        day = first
        while day <= last:
            found.extend(s for s in self.spans_on(day) if s.end > start and s.start < stop)
            day += _ONE_DAY
        found.sort(key=lambda span: (span.start, span.entry))
        return found

    def next_on_duty(self, after: datetime) -> datetime | None:
        """When somebody is next on duty at or after ``after`` (None: not within a year)."""
        day = local_day(after, self.zone) - _ONE_DAY
        for _ in range(LOOKAHEAD_DAYS + 2):
            # Spans of a later day all start later: the first day with one wins.
            starts = [max(s.start, after) for s in self.spans_on(day) if s.end > after]
            if starts:
                return min(starts)
            day += _ONE_DAY
        return None

    def timeline(self, start: datetime, stop: datetime) -> Timeline:
        """Who is on duty over ``[start, stop)``, ready for gaps and waits."""
        return Timeline(self, start, stop, self.spans(start, stop))

    def worst_wait(self, start: datetime, stop: datetime) -> Gap | None:
        """The gap giving the longest wait to a message sent in ``[start, stop)``, if any."""
        return self.timeline(start, stop).worst()


def _merged(spans: Iterable[Span]) -> list[tuple[datetime, datetime]]:
    """The union of ``spans`` as disjoint intervals, by start; touching ones joined."""
    merged: list[tuple[datetime, datetime]] = []
    for span in sorted(spans, key=lambda s: s.start):
        if merged and span.start <= merged[-1][1]:
            if span.end > merged[-1][1]:
                merged[-1] = (merged[-1][0], span.end)
        else:
            merged.append((span.start, span.end))
    return merged


def _overlap(
    intervals: Iterable[tuple[datetime, datetime]], start: datetime, stop: datetime
) -> timedelta:
    """How much of ``[start, stop)`` the disjoint ``intervals`` cover."""
    total = timedelta(0)
    for first, last in intervals:
        low, high = max(first, start), min(last, stop)
        if high > low:
            total += high - low
    return total


@dataclass
class Timeline:
    """The duty spans overlapping ``[start, stop)`` and their union.

    Questions must stay inside ``[start, stop)``: the spans beyond are not
    loaded, except to find when somebody comes back after the last gap.
    """

    roster: Roster
    start: datetime
    stop: datetime
    spans: list[Span]
    covered: list[tuple[datetime, datetime]] = field(init=False)

    def __post_init__(self) -> None:
        self.spans.sort(key=lambda span: (span.start, span.entry))
        self.covered = _merged(self.spans)
        self._starts = [first for first, _ in self.covered]
        self._span_starts = [span.start for span in self.spans]

    def _bounds(self, start: datetime | None, stop: datetime | None) -> tuple[datetime, datetime]:
        return (self.start if start is None else start, self.stop if stop is None else stop)

    def _covered_near(self, start: datetime, stop: datetime) -> list[tuple[datetime, datetime]]:
        """The covered intervals that may overlap ``[start, stop)``, found by bisection:
        the heat map asks once an hour, and a long window has thousands of spans."""
        first = max(bisect_right(self._starts, start) - 1, 0)
        return self.covered[first : bisect_left(self._starts, stop)]

    def uncovered(self, start: datetime, stop: datetime) -> Iterator[Gap]:
        """The gaps met by a message sent in ``[start, stop)``, each from its first
        instant in that interval (a gap in progress at ``start`` starts there)."""
        starts, covered = self._starts, self.covered
        index = bisect_right(starts, start) - 1
        moment = start
        if index >= 0 and covered[index][1] > moment:
            moment = covered[index][1]
        index += 1
        while moment < stop:
            if index < len(covered):
                yield Gap(moment, covered[index][0])
                moment = covered[index][1]
                index += 1
            else:
                yield Gap(moment, self.roster.next_on_duty(moment))
                return

    def gaps(self) -> list[Gap]:
        """Every gap of the timeline's window."""
        return list(self.uncovered(self.start, self.stop))

    def worst(self, start: datetime | None = None, stop: datetime | None = None) -> Gap | None:
        """The gap with the longest wait for a message sent in ``[start, stop)``."""
        worst: Gap | None = None
        for gap in self.uncovered(*self._bounds(start, stop)):
            if worst is None or _longer(gap, worst):
                worst = gap
        return worst

    def covered_time(
        self, start: datetime | None = None, stop: datetime | None = None
    ) -> timedelta:
        """How long somebody is on duty in ``[start, stop)`` (default: the window)."""
        low, high = self._bounds(start, stop)
        return _overlap(self._covered_near(low, high), low, high)

    def on_duty(
        self, who: str, start: datetime | None = None, stop: datetime | None = None
    ) -> timedelta:
        """How long ``who`` is on duty in ``[start, stop)``, their overlapping entries once."""
        mine = _merged(s for s in self.spans if s.who == who)
        return _overlap(mine, *self._bounds(start, stop))

    def who(self, start: datetime, stop: datetime) -> list[str]:
        """Who is on duty at some point of ``[start, stop)``, in the order of the team."""
        # No span lasts longer than a day and the hour of the autumn change.
        first = bisect_left(self._span_starts, start - _LONGEST_SPAN)
        last = bisect_left(self._span_starts, stop)
        present = {s.who for s in self.spans[first:last] if s.end > start}
        return [key for key in self.roster.team if key in present]


def _longer(gap: Gap, than: Gap) -> bool:
    if gap.wait is None:
        return than.wait is not None
    return than.wait is not None and gap.wait > than.wait


# -- posts going out when nobody answers ---------------------------------------------


@dataclass(frozen=True, slots=True)
class Unattended:
    """A publication whose first comments would wait longer than the target."""

    item: Item
    at: datetime  # UTC
    gap: Gap  # the worst gap met by a comment in the two hours after ``at``


def comment_wait(roster: Roster, at: datetime) -> Gap | None:
    """The worst gap met by comments on a post going out at ``at`` (UTC), if any."""
    return roster.worst_wait(at, at + COMMENT_WINDOW)


# -- gc-cli coverage ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Cell:
    """One wall-clock hour of one local day in the heat map."""

    hour: int
    #: Real length of that wall hour: 0 when the spring change skips it, 2 h
    #: when the autumn change repeats it.
    length: timedelta
    covered: timedelta
    who: list[str]
    #: The longest wait of a message sent in that hour (None: nobody for a year).
    wait: timedelta | None
    over_target: bool
    past: bool

    @property
    def exists(self) -> bool:
        return self.length > timedelta(0)

    @property
    def full(self) -> bool:
        return self.exists and self.covered >= self.length


@dataclass(frozen=True, slots=True)
class HeatDay:
    """A row of the heat map: a local day and its 24 wall-clock hours."""

    day: date
    cells: list[Cell]
    #: The closure of that day (closed: of settings.yaml), when the organisation is closed.
    closure: Closure | None = None


@dataclass(frozen=True, slots=True)
class Person:
    """A roster member and their time on duty in the window."""

    who: str
    name: str
    external: bool
    on_duty: timedelta


@dataclass(frozen=True)
class Coverage:
    """``gc-cli coverage``: the window, who is on duty, the gaps and their waits.

    ``roster`` is None when settings.yaml has no ``interactions:`` block: then
    nothing else is filled and coverage is not tracked.
    """

    start: datetime  # in the root's zone
    stop: datetime
    now: datetime
    zone: ZoneInfo
    roster: Roster | None
    target: timedelta | None = None
    spans: list[Span] = field(default_factory=list)
    gaps: list[Gap] = field(default_factory=list)
    covered: timedelta = timedelta(0)
    people: list[Person] = field(default_factory=list)
    heat: list[HeatDay] = field(default_factory=list)
    unattended: list[Unattended] = field(default_factory=list)
    #: The closures of settings.yaml that touch the window's days.
    closures: list[Closure] = field(default_factory=list)

    @property
    def length(self) -> timedelta:
        return self.stop.astimezone(UTC) - self.start.astimezone(UTC)

    @property
    def share(self) -> float:
        """The share of the window when somebody is on duty (4 decimals)."""
        whole = self.length.total_seconds()
        return round(self.covered.total_seconds() / whole, 4) if whole else 0.0

    @property
    def tracked(self) -> bool:
        return self.roster is not None

    @property
    def over(self) -> list[Gap]:
        """The gaps whose wait exceeds the response target."""
        if self.target is None:
            return []
        return [gap for gap in self.gaps if gap.exceeds(self.target)]

    @property
    def worst(self) -> Gap | None:
        worst: Gap | None = None
        for gap in self.gaps:
            if worst is None or _longer(gap, worst):
                worst = gap
        return worst

    @property
    def issues(self) -> list[RosterIssue]:
        return self.roster.issues if self.roster else []

    @property
    def ok(self) -> bool:
        """No wait over the target, and every roster entry usable."""
        return not self.over and not self.issues

    def to_dict(self) -> dict[str, Any]:
        """The coverage for scripts (``coverage --format json``)."""
        zone = self.zone

        def at(instant: datetime | None) -> str | None:
            return when_to_text(instant.astimezone(zone)) if instant is not None else None

        def minutes(delta: timedelta | None) -> int | None:
            return None if delta is None else int(delta.total_seconds() // 60)

        base: dict[str, Any] = {
            "from": at(self.start),
            "to": at(self.stop),
            "now": at(self.now),
            "timezone": zone.key,
            "roster": self.tracked,
        }
        if self.roster is None:
            return {**base, "ok": True}
        worst = self.worst
        entries = self.roster.interactions.roster
        return {
            **base,
            "ok": self.ok,
            "response_target_minutes": minutes(self.target),
            "window_hours": _hours(self.length),
            "covered_hours": _hours(self.covered),
            "covered_share": self.share,
            "longest_wait_minutes": minutes(worst.wait) if worst else 0,
            "people": [
                {
                    "who": p.who,
                    "name": p.name,
                    "external": p.external,
                    "duty_hours": _hours(p.on_duty),
                }
                for p in self.people
            ],
            "spans": [
                {
                    "who": s.who,
                    "day": s.day.isoformat(),
                    "start": at(s.start),
                    "end": at(s.end),
                    "minutes": minutes(s.length),
                    "entry": s.entry,
                    "days": days_text(entries[s.entry].days),
                    "hours": entries[s.entry].hours.text,
                }
                for s in self.spans
            ],
            "gaps": [
                {
                    "start": at(g.start),
                    "end": at(g.end),
                    "wait_minutes": minutes(g.wait),
                    "over_target": self.target is not None and g.exceeds(self.target),
                }
                for g in self.gaps
            ],
            "closures": [
                {"from": c.from_.isoformat(), "to": c.last.isoformat(), "label": c.label}
                for c in self.closures
            ],
            "unattended_posts": [
                {
                    "id": u.item.id,
                    "occurrence": u.item.occurrence.isoformat() if u.item.occurrence else None,
                    "publish_at": u.item.publish_at,
                    "gap_start": at(u.gap.start),
                    "wait_minutes": minutes(u.gap.wait),
                }
                for u in self.unattended
            ],
            "left_out": [
                {
                    "section": i.section,
                    "index": i.index,
                    "who": i.who,
                    "code": i.code,
                    "message": i.message,
                }
                for i in self.issues
            ],
            # One row a local day, one value an hour (0 to 23) in each list: the
            # real minutes of that wall hour (0 or 120 on a change day), how many
            # were covered, who was on duty, and whether a wait there is too long.
            "heatmap": [
                {
                    "date": row.day.isoformat(),
                    "minutes": [minutes(c.length) for c in row.cells],
                    "covered_minutes": [minutes(c.covered) for c in row.cells],
                    "on_duty": [c.who for c in row.cells],
                    "over_target": [c.over_target for c in row.cells],
                    "closed": row.closure is not None,
                }
                for row in self.heat
            ],
        }


def _hours(delta: timedelta) -> float:
    return round(delta.total_seconds() / 3600, 2)


def coverage(
    calendar: Calendar,
    *,
    start: Bound = None,
    end: Bound = None,
    now: datetime | None = None,
) -> Coverage:
    """Who is on duty over the window, the gaps and their waits, the heat map.

    The window (:func:`~gc_cli.query.window.period`) defaults to the next
    :data:`DEFAULT_DAYS` days from now; ``start`` alone gives that many days
    from it, ``end`` alone starts now. The heat map covers the whole local
    days the window touches. Posts going out in the window (cancelled and
    date-only ones left out) whose first comments would wait longer than the
    target are listed as :class:`Unattended`.
    """
    moment = clock(calendar, now)
    zone = zone_of(calendar)
    assert calendar.settings is not None
    spanned = period(zone, moment, start=start, end=end, days=DEFAULT_DAYS)
    assert spanned.start is not None and spanned.stop is not None
    begin, stop = spanned.start.astimezone(zone), spanned.stop.astimezone(zone)
    roster = Roster.of(calendar.settings, zone)
    if roster is None:
        return Coverage(begin, stop, moment, zone, None)
    first, last = local_day(begin, zone), local_day(stop - timedelta(microseconds=1), zone)
    whole = (day_start(first, zone), day_start(last + _ONE_DAY, zone))
    window = (begin.astimezone(UTC), stop.astimezone(UTC))
    # One timeline for the window and the whole days of the heat map, and the
    # comment windows of posts going out near its end.
    line = roster.timeline(min(whole[0], window[0]), max(whole[1], window[1] + COMMENT_WINDOW))
    gaps = list(line.uncovered(*window))
    team = calendar.settings.team
    people = [
        Person(who, team[who].name, team[who].external, line.on_duty(who, *window))
        for who in roster.members
    ]
    settings = calendar.settings
    heat = [
        _heat_day(line, day, roster, moment.astimezone(UTC), settings.closure_on(day))
        for day in (first + timedelta(days=n) for n in range((last - first).days + 1))
    ]
    closures = [c for c in settings.closed if c.from_ <= last and c.last >= first]
    unattended: list[Unattended] = []
    for item in select(calendar, start=begin, end=stop - timedelta(microseconds=1)):
        if item.status == "cancelled" or not isinstance(item.when, datetime):
            continue
        at = item.when.astimezone(UTC)
        if not window[0] <= at < window[1]:
            continue
        worst = line.worst(at, at + COMMENT_WINDOW)
        if worst is not None and worst.exceeds(roster.target):
            unattended.append(Unattended(item, at, worst))
    return Coverage(
        begin,
        stop,
        moment,
        zone,
        roster,
        target=roster.target,
        spans=[s for s in line.spans if s.end > window[0] and s.start < window[1]],
        gaps=gaps,
        covered=line.covered_time(*window),
        people=people,
        heat=heat,
        unattended=unattended,
        closures=closures,
    )


def _heat_day(
    line: Timeline, day: date, roster: Roster, now: datetime, closure: Closure | None = None
) -> HeatDay:
    cells: list[Cell] = []
    zone = roster.zone
    for hour in range(24):
        low = wall_instant(day, hour * 60, zone)
        high = wall_instant(day, hour * 60 + 60, zone)
        if high <= low:  # the hour the spring change skips
            cells.append(
                Cell(hour, timedelta(0), timedelta(0), [], timedelta(0), False, high <= now)
            )
            continue
        worst = line.worst(low, high)
        wait = timedelta(0) if worst is None else worst.wait
        cells.append(
            Cell(
                hour,
                high - low,
                line.covered_time(low, high),
                line.who(low, high),
                wait,
                worst is not None and worst.exceeds(roster.target),
                high <= now,
            )
        )
    return HeatDay(day, cells, closure)


def duty_hours(
    calendar: Calendar, first: date, last: date
) -> tuple[dict[str, timedelta], float] | None:
    """Each roster member's time on duty over the local days ``first`` to ``last``,
    and the share of those days when somebody is; None without a roster."""
    roster = Roster.of(calendar.settings, calendar.zone)
    if roster is None:
        return None
    zone = roster.zone
    start, stop = day_start(first, zone), day_start(last + _ONE_DAY, zone)
    line = roster.timeline(start, stop)
    hours = {who: line.on_duty(who) for who in roster.members}
    whole = (stop - start).total_seconds()
    return hours, round(line.covered_time().total_seconds() / whole, 4) if whole else 0.0
