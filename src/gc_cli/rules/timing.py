"""When a post goes out: real local times, statuses that match the clock, recurrences."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Any

from gc_cli.i18n import N_, Message
from gc_cli.problems import Example, Problem, Rule, Severity
from gc_cli.rules.context import Context
from gc_cli.store.calendar import Entry
from gc_cli.timeutil import WallTime, to_aware

NONEXISTENT_TIME = Rule(
    "nonexistent-time",
    Severity.error,
    N_(
        "A local time skipped by a daylight-saving change (in Toronto, 02:30 on the "
        "second Sunday of March never happens). Checked for every occurrence."
    ),
    Example(
        "posts:\n"
        "  - id: cabane-sucre\n"
        "    title: La saison des sucres\n"
        "    channels: [facebook]\n"
        "    publish_at: 2027-03-14 02:30\n"
        "    text: La saison des sucres commence !\n",
        line=5,
    ),
)
AMBIGUOUS_TIME = Rule(
    "ambiguous-time",
    Severity.warning,
    N_(
        "A local time that happens twice when clocks are set back (01:30 on the first "
        "Sunday of November); the first one is used. Write an offset to choose."
    ),
    Example(
        "posts:\n"
        "  - id: heure-normale\n"
        "    title: Le retour à l'heure normale\n"
        "    channels: [facebook]\n"
        "    publish_at: 2027-11-07 01:30\n"
        "    text: Une heure de sommeil de plus !\n",
        line=5,
    ),
)
NOT_SCHEDULED = Rule(
    "not-scheduled",
    Severity.error,
    N_("Status scheduled or published without a date and a time."),
    Example(
        "posts:\n"
        "  - id: menu-noel\n"
        "    title: Le menu de Noël\n"
        "    status: scheduled\n"
        "    channels: [facebook]\n"
        "    publish_at: 2026-12-01\n"
        "    text: Le menu de Noël est arrivé.\n",
        line=4,
    ),
)
PUBLISHED_IN_FUTURE = Rule(
    "published-in-future",
    Severity.error,
    N_("Status published with a date after now."),
    Example(
        "posts:\n"
        "  - id: menu-noel\n"
        "    title: Le menu de Noël\n"
        "    status: published\n"
        "    channels: [facebook]\n"
        "    publish_at: 2026-12-01 09:00\n"
        "    text: Le menu de Noël est arrivé.\n",
        line=4,
    ),
)
OVERDUE = Rule(
    "overdue",
    Severity.warning,
    N_(
        "Its date has passed and it is not marked published or cancelled, whatever its "
        "status (idea, draft, ready, scheduled); the message says what to do: mark it "
        "(gc-cli mark), or move it. For a recurring post, each occurrence that has "
        "passed counts, with its own status (occurrences:), in one warning."
    ),
    Example(
        "posts:\n"
        "  - id: menu-noel\n"
        "    title: Le menu de Noël\n"
        "    status: scheduled\n"
        "    channels: [facebook]\n"
        "    publish_at: 2026-11-20 09:00\n"
        "    text: Le menu de Noël est arrivé.\n",
        line=4,
    ),
)
NOT_READY = Rule(
    "not-ready",
    Severity.warning,
    N_(
        "An idea or draft within settings.rules.ready_before_hours (48 by default) of "
        "its date (once the date has passed, overdue says so)."
    ),
    Example(
        "posts:\n"
        "  - id: menu-noel\n"
        "    title: Le menu de Noël\n"
        "    status: draft\n"
        "    channels: [facebook]\n"
        "    publish_at: 2026-11-26 09:00   # tomorrow\n"
        "    text: Le menu de Noël est arrivé.\n",
        line=4,
    ),
)
BAD_REPEAT = Rule(
    "bad-repeat",
    Severity.error,
    N_(
        "A repeat: rule that does not parse as an RFC 5545 RRULE, never ends (needs "
        "COUNT or UNTIL), has no publish_at to start from, yields an absurd number "
        "of occurrences (over 2,000), or does not yield them within 100 years of "
        "publish_at and 10,000 periods of its frequency (30 February never comes)."
    ),
    Example(
        "posts:\n"
        "  - id: pain-vendredi\n"
        "    title: Le pain du vendredi\n"
        "    channels: [facebook]\n"
        "    publish_at: 2026-12-04 09:00\n"
        "    repeat: FREQ=WEEKLY;BYDAY=FR   # no COUNT or UNTIL\n"
        "    text: Le pain de campagne du vendredi est prêt.\n",
        line=6,
    ),
)
BAD_OCCURRENCE = Rule(
    "bad-occurrence",
    Severity.error,
    N_(
        "A date of skip:, moved: or occurrences: that is not the date of an occurrence "
        "of the post's repeat rule (or a post without repeat: that has them), a date "
        "both skipped and moved, or a move to a date alone for a post with a time (or "
        "the other way round). Reported at that date; the occurrence stays as the rule "
        "has it."
    ),
    Example(
        "posts:\n"
        "  - id: pain-vendredi\n"
        "    title: Le pain du vendredi\n"
        "    channels: [facebook]\n"
        "    publish_at: 2026-12-04 09:00\n"
        "    repeat: FREQ=WEEKLY;BYDAY=FR;COUNT=4\n"
        "    skip: [2026-12-12]   # a Saturday: the occurrences are on Fridays\n"
        "    text: Le pain de campagne du vendredi est prêt.\n",
        line=7,
    ),
)
RULES = (
    NONEXISTENT_TIME,
    AMBIGUOUS_TIME,
    NOT_SCHEDULED,
    PUBLISHED_IN_FUTURE,
    OVERDUE,
    NOT_READY,
    BAD_REPEAT,
    BAD_OCCURRENCE,
)
#: Statuses that are settled: nothing more happens to the post.
SETTLED = frozenset({"published", "cancelled"})
#: How many dates an overdue warning of a recurring post names.
_NAMED = 3


def _moment(value: datetime | date, ctx: Context) -> datetime:
    """The instant in UTC: aware datetimes sharing one zone object compare and
    subtract by wall time, which is an hour off across a DST change."""
    zone = ctx.calendar.zone
    assert zone is not None
    return (value if isinstance(value, datetime) else to_aware(value, zone)).astimezone(UTC)


def check(ctx: Context) -> Iterator[Problem]:
    ready_before = timedelta(hours=ctx.calendar.settings.rules.ready_before_hours)  # type: ignore[union-attr]
    zone = ctx.calendar.zone
    assert zone is not None
    now = ctx.now.astimezone(UTC)
    today = ctx.now.astimezone(zone).date()
    for entry in ctx.calendar.entries:
        post = entry.post
        if post.repeat:
            yield from _repeat(entry)
        yield from _occurrence_keys(entry)
        if post.status == "cancelled":
            continue
        if entry.occurrences:
            yield from _repeat_times(entry)
        elif entry.wall is not WallTime.OK:
            yield _wall_problem(entry, entry.wall, entry.post.publish_at)  # type: ignore[arg-type]
        own = {state.status for state in post.occurrences.values()} if post.repeat else set()
        for status in sorted({post.status, *own} & {"scheduled", "published"}):
            if entry.timed:
                break
            # The status is a value of the file (scheduled, published): kept as written.
            yield entry.problem(
                NOT_SCHEDULED,
                Message(
                    "status is {status} but publish_at has no time: give a date and a time "
                    "(2026-12-01 09:00)",
                    status=status,
                )
                if entry.when is None
                else Message(
                    "status is {status} but publish_at has no time: give a time (2026-12-01 09:00)",
                    status=status,
                ),
                "status",
            )
        moments = [(_moment(m, ctx), m, day) for m, day in entry.moments()]
        if not moments:
            continue
        first = moments[0][0]
        if post.status == "published" and first > now:
            yield entry.problem(
                PUBLISHED_IN_FUTURE,
                Message(
                    "marked published, but its date ({at:%Y-%m-%d %H:%M}) is after now",
                    at=first.astimezone(zone),
                ),
                "status",
            )
        for at, _m, day in moments:
            state = entry.state(day)
            if state is not None and state.status == "published" and at > now:
                assert day is not None
                yield entry.problem(
                    PUBLISHED_IN_FUTURE,
                    Message(
                        "the occurrence of {day} is marked published, but it goes out "
                        "{at:%Y-%m-%d %H:%M}, after now",
                        day=day.isoformat(),
                        at=at.astimezone(zone),
                    ),
                    *_occurrence_path(entry, "occurrences", day),
                    key=True,
                )
        passed = [
            (at, m, day)
            for at, m, day in moments
            if entry.status(day) not in SETTLED and _passed(at, m, now, today)
        ]
        if passed:
            yield _overdue(entry, passed, zone)
        upcoming = next(
            (
                (at, day)
                for at, m, day in moments
                if not _passed(at, m, now, today) and entry.status(day) in ("idea", "draft")
            ),
            None,
        )
        if upcoming is not None and upcoming[0] - now <= ready_before:
            at, day = upcoming
            yield entry.problem(
                NOT_READY,
                Message(
                    "still {status} and it goes out in {duration} ({at:%Y-%m-%d %H:%M})",
                    status=entry.status(day),
                    duration=_duration(max(at - now, timedelta(0))),
                    at=at.astimezone(zone),
                ),
                "status",
            )


def _passed(at: datetime, moment: datetime | date, now: datetime, today: date) -> bool:
    """Whether a time has passed: a time before now, a date alone before today."""
    if isinstance(moment, datetime):
        return at < now
    return moment < today


def _when(moment: datetime | date, zone: tzinfo) -> str:
    if isinstance(moment, datetime):
        return f"{moment.astimezone(zone):%Y-%m-%d %H:%M}"
    return moment.isoformat()


def _overdue(
    entry: Entry, passed: list[tuple[datetime, datetime | date, date | None]], zone: tzinfo
) -> Problem:
    """One overdue warning for a post, or for the occurrences of a recurring post that
    have passed unsettled, saying what to do."""
    post_id = entry.id
    _at, moment, day = passed[-1]
    if day is None:
        status = entry.post.status
        facts = {"post": post_id, "at": _when(moment, zone), "status": status}
        if status == "scheduled":
            message = Message(
                "scheduled for {at}, which has passed: once it is out, mark it "
                "(gc-cli mark {post} published); if it did not go out, move it "
                "(gc-cli schedule {post} --at ...)",
                **facts,
            )
        elif status == "ready":
            message = Message(
                "ready for {at}, which has passed, and not marked scheduled or published: "
                "if it went out, mark it (gc-cli mark {post} published); if not, move it "
                "(gc-cli schedule {post} --at ...)",
                **facts,
            )
        else:
            message = Message(
                "still {status} and its date ({at}) has passed: move it (gc-cli schedule "
                "{post} --at ...), or cancel it (gc-cli mark {post} cancelled)",
                **facts,
            )
        return entry.problem(OVERDUE, message, "status")
    days = [d.isoformat() for _a, _m, d in passed if d is not None]
    named = ", ".join(days[:_NAMED])
    facts = {"post": post_id, "first": days[0], "dates": named}
    if len(days) == 1:
        message = Message(
            "the occurrence of {first} has passed and is not marked published: once it "
            "is out, mark it (gc-cli mark {post}@{first} published); if it did not go "
            "out, skip it (gc-cli schedule {post}@{first} --skip) or move it",
            **facts,
        )
    else:
        message = Message(
            "{count} occurrences have passed and are not marked published ({dates}{more}): "
            "mark each one that is out (gc-cli mark {post}@{first} published ...); skip "
            "or move the others (gc-cli schedule {post}@{first} --skip)",
            count=len(days),
            more=", …" if len(days) > _NAMED else "",
            **facts,
        )
    return entry.problem(OVERDUE, message, "status")


def _occurrence_path(entry: Entry, key: str, day: date) -> tuple[Any, ...]:
    """Where a date of ``skip``/``moved``/``occurrences`` was written: the list item or
    the mapping's key (the key itself when that date is not found)."""
    node = entry.source.mapping.get(key)
    if isinstance(node, list):
        for index, item in enumerate(node):
            if isinstance(item, str) and item.strip() == day.isoformat():
                return (key, index)
    elif isinstance(node, dict):
        for name in node:
            if isinstance(name, str) and name.strip() == day.isoformat():
                return (key, name)
    return (key,)


def _occurrence_keys(entry: Entry) -> Iterator[Problem]:
    """bad-occurrence: dates that name no occurrence, keys on a post that does not repeat."""
    post = entry.post
    if not post.repeat:
        for key, written in (
            ("skip", post.skip),
            ("moved", post.moved),
            ("occurrences", post.occurrences),
        ):
            if written:
                yield entry.problem(
                    BAD_OCCURRENCE,
                    Message("{key}: only a recurring post (repeat:) has occurrences", key=key),
                    key,
                    key=True,
                )
        return
    for issue in entry.occurrence_issues:
        path = _occurrence_path(entry, issue.key, issue.day)
        yield entry.problem(BAD_OCCURRENCE, issue.message, *path, key=issue.key != "skip")


def _duration(delta: timedelta) -> str:
    hours = int(delta.total_seconds() // 3600)
    if hours >= 24:
        # "d" is an English abbreviation (French writes "j"); "h" and "min" are symbols.
        return Message("{days} d {hours} h", days=hours // 24, hours=hours % 24)
    return f"{hours} h {int(delta.total_seconds() // 60) % 60:02d} min"


def _wall_problem(
    entry: Entry,
    wall: WallTime,
    local: datetime,
    occurrence: date | None = None,
    *,
    moved: bool = False,
) -> Problem:
    """nonexistent-time or ambiguous-time for the wall time ``local`` of ``entry``."""
    zone = entry.when.tzinfo  # type: ignore[union-attr]
    # A moved occurrence is where its move is written; any other at publish_at.
    where = (
        _occurrence_path(entry, "moved", occurrence) if moved and occurrence else ("publish_at",)
    )
    # A sentence each with and without the occurrence, so that translations
    # place it where their language wants it.
    if wall is WallTime.NONEXISTENT:
        message = (
            Message(
                "{at:%Y-%m-%d %H:%M} (occurrence of {occurrence}) does not exist in {zone}: "
                "clocks jump forward over it (daylight saving time)",
                at=local,
                occurrence=occurrence,
                zone=zone,
            )
            if occurrence
            else Message(
                "{at:%Y-%m-%d %H:%M} does not exist in {zone}: clocks jump forward "
                "over it (daylight saving time)",
                at=local,
                zone=zone,
            )
        )
        return entry.problem(NONEXISTENT_TIME, message, *where)
    message = (
        Message(
            "{at:%Y-%m-%d %H:%M} (occurrence of {occurrence}) happens twice in {zone} "
            "(clocks go back); the first is used — write an offset to choose",
            at=local,
            occurrence=occurrence,
            zone=zone,
        )
        if occurrence
        else Message(
            "{at:%Y-%m-%d %H:%M} happens twice in {zone} (clocks go back); the "
            "first is used — write an offset to choose",
            at=local,
            zone=zone,
        )
    )
    return entry.problem(AMBIGUOUS_TIME, message, *where)


def _repeat(entry: Entry) -> Iterator[Problem]:
    if entry.when is None:
        yield entry.problem(
            BAD_REPEAT, Message("repeat: needs a publish_at to start from"), "repeat"
        )
        return
    if entry.repeat_error:
        yield entry.problem(
            BAD_REPEAT,
            Message("repeat: {reason}", reason=entry.repeat_error),
            "repeat",
        )


def _repeat_times(entry: Entry) -> Iterator[Problem]:
    if not entry.timed:
        return
    for occ in entry.occurrences:
        if occ.wall is not WallTime.OK:
            yield _wall_problem(entry, occ.wall, occ.local, occ.day, moved=occ.moved)
