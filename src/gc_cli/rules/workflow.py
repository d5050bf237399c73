"""Who works on a post, and when they can: closures, owners away, approvals.

The organisation's closures (``closed:`` of settings.yaml) and the team's
absences (``interactions.absences``) say when nobody, or one person, works;
``rules.approval`` says which posts need an in-house member's approval
(``approved_by``) before they go to a publishing tool. Only what is still to
come is looked at: a post whose day has passed is ``overdue``'s business.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, tzinfo

from gc_cli.i18n import N_, Message
from gc_cli.problems import Example, Problem, Rule, Severity
from gc_cli.rules.context import Context
from gc_cli.store.calendar import Entry
from gc_cli.store.loader import suggest
from gc_cli.store.model import COMMITTED, Post, Settings
from gc_cli.timeutil import to_aware

CLOSED_DAY = Rule(
    "closed-day",
    Severity.warning,
    N_(
        "A post (each occurrence of a recurring one) going out on a day the organisation "
        "is closed (closed: of settings.yaml), unless the post says it is meant for it "
        "(on_closed_day: true, a holiday greeting). Posts whose day has passed are left out."
    ),
    Example(
        "posts:\n"
        "  - id: pain-26-decembre\n"
        "    title: Le pain du lendemain de Noël\n"
        "    channels: [facebook]\n"
        "    status: ready\n"
        "    publish_at: 2026-12-26 10:00\n"
        "    text: Le pain du lendemain est prêt.\n",
        settings="closed:\n  - {from: 2026-12-26, label: Lendemain de Noël}\n",
        line=6,
    ),
)
OWNER_AWAY = Rule(
    "owner-away",
    Severity.warning,
    N_(
        "A post whose owner is away (interactions.absences, or a closure) on the day it "
        "goes out; for an idea or a draft, also during the settings.rules."
        "ready_before_hours before it, when it must be finished. One warning per post "
        "(the first occurrence for a recurring one); posts whose day has passed, and "
        "published or cancelled ones, are left out."
    ),
    Example(
        "posts:\n"
        "  - id: blogue-bilan\n"
        "    title: Le bilan de l'année\n"
        "    channels: [facebook]\n"
        "    status: draft\n"
        "    owner: agence\n"
        "    publish_at: 2026-12-18 10:00\n"
        "    text: Notre année en photos.\n",
        settings="interactions:\n"
        "  response_target: 12h\n"
        "  roster:\n"
        '    - {who: marie, days: mon-sun, hours: "00:00-24:00"}\n'
        "  absences:\n"
        "    - {who: agence, from: 2026-12-18}\n",
        line=6,
    ),
)
NOT_APPROVED = Rule(
    "not-approved",
    Severity.error,
    N_(
        "From ready on, a post that needs an approval without a valid approved_by: a "
        "member of the team who is in-house (not external), has the content role and "
        "is not the post's owner. settings.rules.approval says which posts need one: "
        "those of an external owner (external, the default), all, or none. An "
        "approved_by that cannot approve is a warning before ready. gc-cli approve "
        "writes it."
    ),
    Example(
        "posts:\n"
        "  - id: blogue-conserver-pain\n"
        "    title: Comment bien conserver son pain\n"
        "    channels: [facebook]\n"
        "    status: ready\n"
        "    owner: agence   # external: marie approves (approved_by: marie)\n"
        "    publish_at: 2026-12-18 10:00\n"
        "    text: Au frigo, jamais !\n",
        line=6,
    ),
    softer_before_ready=True,
)
RULES = (CLOSED_DAY, OWNER_AWAY, NOT_APPROVED)

#: Statuses nothing more happens to.
_SETTLED = frozenset({"published", "cancelled"})


# -- approvals ---------------------------------------------------------------------


def needs_approval(settings: Settings, post: Post) -> bool:
    """Whether ``post`` needs ``approved_by`` (from ready on), by ``rules.approval``."""
    policy = settings.rules.approval
    if policy == "none":
        return False
    if policy == "all":
        return True
    member = settings.team.get(post.owner) if post.owner is not None else None
    return member is not None and member.external


def approvers(settings: Settings, owner: str | None = None) -> list[str]:
    """Who may approve a post of ``owner``: in-house members with the content role but
    the owner, in the order of the team."""
    return [
        key
        for key, member in settings.team.items()
        if not member.external and "content" in member.roles and key != owner
    ]


def approval_problem(settings: Settings, who: str, owner: str | None) -> Message | None:
    """Why ``who`` cannot approve a post of ``owner``, or None when they can."""
    team = settings.team
    member = team.get(who)
    candidates = ", ".join(approvers(settings, owner)) or Message("none")
    if member is None:
        return Message(
            "{who!r} is not in the team{hint} (who can approve: {candidates})",
            who=who,
            hint=suggest(who, team),
            candidates=candidates,
        )
    if member.external:
        return Message(
            "{who!r} ({name}) is external; an in-house member approves (who can approve: "
            "{candidates})",
            who=who,
            name=member.name,
            candidates=candidates,
        )
    if "content" not in member.roles:
        return Message(
            "{who!r} ({name}) does not have the content role (who can approve: {candidates})",
            who=who,
            name=member.name,
            candidates=candidates,
        )
    if who == owner:
        return Message(
            "{who!r} owns the post; another member approves it (who can approve: {candidates})",
            who=who,
            candidates=candidates,
        )
    return None


def _approval(entry: Entry, settings: Settings) -> Iterator[Problem]:
    post = entry.post
    if post.status == "cancelled":
        return
    if post.approved_by is not None:
        why = approval_problem(settings, post.approved_by, post.owner)
        if why is not None:
            yield entry.problem(NOT_APPROVED, Message("approved_by: {why}", why=why), "approved_by")
        return
    if post.status not in COMMITTED or not needs_approval(settings, post):
        return
    candidates = ", ".join(approvers(settings, post.owner)) or Message("none")
    member = settings.team.get(post.owner) if post.owner is not None else None
    if settings.rules.approval == "all" or member is None:
        yield entry.problem(
            NOT_APPROVED,
            Message(
                "{status} but not approved: every post needs approved_by (rules.approval: "
                "all), from one of {candidates} (gc-cli approve {post} --by ...)",
                status=post.status,
                candidates=candidates,
                post=post.id,
            ),
            *_own(entry, "status"),
        )
        return
    yield entry.problem(
        NOT_APPROVED,
        Message(
            "{status} but not approved: {owner} ({name}) is external, so an in-house "
            "member approves it first, one of {candidates} (gc-cli approve {post} --by ...)",
            status=post.status,
            owner=post.owner,
            name=member.name,
            candidates=candidates,
            post=post.id,
        ),
        *_own(entry, "owner", "status"),
    )


def _own(entry: Entry, *keys: str) -> tuple[str, ...]:
    """The first of ``keys`` the post writes itself: a key its file's defaults give would
    put every post's problem on one line of ``defaults:`` (empty: the post's id line)."""
    return next(((key,) for key in keys if key in entry.source.mapping), ())


# -- closures and absences -----------------------------------------------------------


def away(settings: Settings, who: str, day: date) -> Message | None:
    """Why ``who`` does not work on local ``day`` (a closure, an absence), or None."""
    closure = settings.closure_on(day)
    if closure is not None:
        return closed_reason(closure.label)
    interactions = settings.interactions
    if interactions is not None:
        for absence in interactions.absences:
            if absence.who == who and absence.covers(day):
                return Message(
                    "absent from {first} to {last}",
                    first=absence.from_.isoformat(),
                    last=absence.last.isoformat(),
                )
    return None


def closed_reason(label: str | None) -> Message:
    """``closed: Noël``, or ``closed`` for a closure without a label."""
    return Message("closed: {label}", label=label) if label else Message("closed")


def _upcoming(
    entry: Entry, now: datetime, zone: tzinfo
) -> Iterator[tuple[datetime, date, date | None]]:
    """The moments of ``entry`` still to come: their instant, local day and occurrence."""
    today = now.astimezone(zone).date()
    for moment, occurrence in entry.moments():
        if isinstance(moment, datetime):
            at = moment.astimezone(UTC)
            if at < now:
                continue
            yield at, moment.astimezone(zone).date(), occurrence
        else:
            if moment < today:
                continue
            yield to_aware(moment, zone).astimezone(UTC), moment, occurrence


def _where(entry: Entry, occurrence: date | None, moved: set[date]) -> tuple[str, ...]:
    if occurrence is not None and occurrence in moved:
        key = next(
            (k for k in entry.source.mapping.get("moved", {}) if str(k).strip() == str(occurrence)),
            None,
        )
        if key is not None:
            return ("moved", key)
    return ("publish_at",)


def _closed_days(
    entry: Entry, settings: Settings, now: datetime, zone: tzinfo
) -> Iterator[Problem]:
    post = entry.post
    if post.on_closed_day or post.status == "cancelled" or not settings.closed:
        return
    moved = {occ.day for occ in entry.occurrences if occ.moved}
    for _at, day, occurrence in _upcoming(entry, now, zone):
        if entry.status(occurrence) in _SETTLED:
            continue
        closure = settings.closure_on(day)
        if closure is None:
            continue
        reason = closed_reason(closure.label)
        if occurrence is None:
            message = Message(
                "goes out on {day}, a day the organisation is closed ({reason}): move it "
                "(gc-cli schedule {post} --at ...), or write on_closed_day: true if it is "
                "meant for that day",
                day=day.isoformat(),
                reason=reason,
                post=post.id,
            )
        else:
            message = Message(
                "the occurrence of {occurrence} goes out on {day}, a day the organisation is "
                "closed ({reason}): skip it (gc-cli schedule {post}@{occurrence} --skip) or "
                "move it (--at), or write on_closed_day: true if it is meant for that day",
                occurrence=occurrence.isoformat(),
                day=day.isoformat(),
                reason=reason,
                post=post.id,
            )
        yield entry.problem(CLOSED_DAY, message, *_where(entry, occurrence, moved))


def _owner_away(
    entry: Entry, settings: Settings, now: datetime, zone: tzinfo, before: timedelta
) -> Iterator[Problem]:
    post = entry.post
    owner = post.owner
    if owner is None or owner not in settings.team or post.status == "cancelled":
        return
    found: list[tuple[date | None, Message]] = []
    for at, day, occurrence in _upcoming(entry, now, zone):
        status = entry.status(occurrence)
        if status in _SETTLED:
            continue
        why = away(settings, owner, day)
        facts = {"owner": owner, "day": day.isoformat(), "post": post.id}
        if why is not None:
            found.append(
                (
                    occurrence,
                    Message(
                        "its owner {owner} is away on {day} ({why}), the day it goes out: "
                        "give it to someone else (owner:), or move it (gc-cli schedule "
                        "{post} --at ...)",
                        why=why,
                        **facts,
                    ),
                )
            )
            continue
        if status not in ("idea", "draft") or not before:
            continue
        # The days of the hours before it, when the work must be finished.
        first = max(at - before, now).astimezone(zone).date()
        span = (day - first).days
        busy = [first + timedelta(days=n) for n in range(span)]
        gone = [(d, away(settings, owner, d)) for d in busy]
        gone = [(d, w) for d, w in gone if w is not None]
        if gone:
            found.append(
                (
                    occurrence,
                    Message(
                        "still {status} and its owner {owner} is away on {away} ({why}), "
                        "within the {hours} h before it goes out on {day}, when it must be "
                        "finished: finish it sooner, or give it to someone else (owner:)",
                        status=status,
                        away=gone[0][0].isoformat(),
                        why=gone[0][1],
                        hours=int(before.total_seconds() // 3600),
                        **facts,
                    ),
                )
            )
    if not found:
        return
    _occurrence, message = found[0]
    if len(found) == 2:
        message = Message("{message} (and one more occurrence)", message=message)
    elif len(found) > 2:
        message = Message(
            "{message} (and {count} more occurrences)", message=message, count=len(found) - 1
        )
    yield entry.problem(OWNER_AWAY, message, *_own(entry, "owner"))


def check(ctx: Context) -> Iterator[Problem]:
    cal = ctx.calendar
    settings = cal.settings
    zone = cal.zone
    assert settings is not None and zone is not None
    now = ctx.now.astimezone(UTC)
    before = timedelta(hours=settings.rules.ready_before_hours)
    for entry in cal.entries:
        yield from _approval(entry, settings)
        if entry.when is None:
            continue
        yield from _closed_days(entry, settings, now, zone)
        yield from _owner_away(entry, settings, now, zone, before)
