"""The report of a period, as data: content mix, who does what, gaps, what is not ready."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from gc_cli.query.coverage import duty_hours
from gc_cli.query.grid import channel_order
from gc_cli.query.select import Item, select
from gc_cli.query.window import Bound, clock, period, zone_of
from gc_cli.rules.workflow import approval_problem, approvers, needs_approval
from gc_cli.store.calendar import Calendar
from gc_cli.store.loader import when_to_text
from gc_cli.store.model import KINDS

#: Days a report covers when no end is given (today included).
REPORT_DAYS = 30
#: A post still ``idea``/``draft`` this close to its date is listed by ``report``.
NOT_READY_WITHIN = timedelta(days=7)
#: Statuses that mean "not written yet".
UNFINISHED = frozenset({"idea", "draft"})


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


@dataclass(frozen=True, slots=True)
class Awaiting:
    """A post of the window that needs an approval it does not have yet (rules.approval)."""

    item: Item  # its first publication in the window
    #: Who may give it: in-house members with the content role, the owner left out.
    approvers: list[str]


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
    #: Posts waiting for an approval, and who may give it.
    awaiting: list[Awaiting] = field(default_factory=list)

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
            "awaiting_approval": [
                {
                    "id": a.item.id,
                    "publish_at": a.item.publish_at,
                    "status": a.item.post.status,
                    "owner": a.item.owner,
                    "approved_by": a.item.post.approved_by,
                    "approvers": a.approvers,
                }
                for a in self.awaiting
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


def report(
    calendar: Calendar,
    *,
    start: Bound = None,
    end: Bound = None,
    now: datetime | None = None,
) -> Report:
    """Figures of the plan between ``start`` and ``end`` (whole days, cancelled left out).

    The window is whole local days: by default :data:`REPORT_DAYS` days from
    today; ``start`` alone runs that many days from it, ``end`` alone from
    today (:func:`~gc_cli.query.window.period`).

    Content mix by kind (with a count per channel) and by channel (share of
    the publications that go on it), publications per owner with internal vs
    external, days without any publication, share with a picture, and
    publications still idea/draft within :data:`NOT_READY_WITHIN` of their date.
    With a roster (``interactions:``), each person's hours on duty in the
    window (real elapsed time) and the share of it when somebody is.
    """
    moment = clock(calendar, now)
    zone = zone_of(calendar)
    days = period(zone, moment, start=start, end=end, days=REPORT_DAYS, whole_days=True)
    assert days.first_day is not None and days.last_day is not None
    first, last = days.first_day, days.last_day
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
        awaiting=awaiting(calendar, items),
    )


def awaiting(calendar: Calendar, items: list[Item]) -> list[Awaiting]:
    """The posts of ``items`` that need an approval they lack (a missing ``approved_by``,
    or one who cannot approve), each once, published and cancelled ones left out."""
    settings = calendar.settings
    if settings is None:
        return []
    found: list[Awaiting] = []
    seen: set[str] = set()
    for item in items:
        post = item.post
        if post.id in seen or post.status in ("published", "cancelled"):
            continue
        seen.add(post.id)
        if not needs_approval(settings, post):
            continue
        if (
            post.approved_by is not None
            and approval_problem(settings, post.approved_by, post.owner) is None
        ):
            continue
        found.append(Awaiting(item, approvers(settings, post.owner)))
    return found


def _ordered_kinds(counts: Counter[str] | None) -> dict[str, int]:
    """Non-zero counts by kind, in the order of :data:`KINDS`."""
    if not counts:
        return {}
    return {k: counts[k] for k in KINDS if counts[k]}
