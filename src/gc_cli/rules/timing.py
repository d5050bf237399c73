"""When a post goes out: real local times, statuses that match the clock, recurrences."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

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
    N_("Status scheduled, its date passed, and not marked published."),
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
        "its date, or past it."
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
AFTER_EVENT_START = Rule(
    "after-event-start",
    Severity.warning,
    N_(
        "A post of kind event that goes out after its event has started (an event of "
        "whole days: on a later day), so it announces what is already under way or over. "
        "Checked for every occurrence; posts already published and cancelled ones are "
        "left alone."
    ),
    Example(
        "posts:\n"
        "  - id: atelier-biscuits\n"
        "    kind: event\n"
        "    title: L'atelier de biscuits de Noël\n"
        "    channels: [facebook]\n"
        "    publish_at: 2026-12-05 14:00\n"
        "    event: {starts: 2026-12-05 10:00, ends: 2026-12-05 12:00, place: La Mie dorée}\n"
        "    text: Venez décorer vos biscuits de Noël avec nous, samedi matin !\n",
        line=6,
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
    AFTER_EVENT_START,
)


def _moment(value: datetime | date, ctx: Context) -> datetime:
    """The instant in UTC: aware datetimes sharing one zone object compare and
    subtract by wall time, which is an hour off across a DST change."""
    zone = ctx.calendar.zone
    assert zone is not None
    return (value if isinstance(value, datetime) else to_aware(value, zone)).astimezone(UTC)


def check(ctx: Context) -> Iterator[Problem]:
    ready_before = timedelta(hours=ctx.calendar.settings.rules.ready_before_hours)  # type: ignore[union-attr]
    for entry in ctx.calendar.entries:
        post = entry.post
        if post.repeat:
            yield from _repeat(entry)
        if post.status == "cancelled":
            continue
        if entry.occurrences:
            yield from _repeat_times(entry)
        elif entry.wall is not WallTime.OK:
            yield _wall_problem(entry, entry.wall, entry.post.publish_at)  # type: ignore[arg-type]
        if post.status in ("scheduled", "published") and not entry.timed:
            # The status is a value of the file (scheduled, published): kept as written.
            yield entry.problem(
                NOT_SCHEDULED,
                Message(
                    "status is {status} but publish_at has no time: give a date and a time "
                    "(2026-12-01 09:00)",
                    status=post.status,
                )
                if entry.when is None
                else Message(
                    "status is {status} but publish_at has no time: give a time (2026-12-01 09:00)",
                    status=post.status,
                ),
                "status",
            )
        if entry.event_start is not None and post.status != "published":
            yield from _after_event(entry)
        dated = [(_moment(m, ctx), occurrence) for m, occurrence in entry.moments()]
        if not dated:
            continue
        moments = [m for m, _ in dated]
        now = ctx.now.astimezone(UTC)
        zone = ctx.calendar.zone
        first, last = moments[0], moments[-1]
        if post.status == "published" and first > now:
            yield entry.problem(
                PUBLISHED_IN_FUTURE,
                Message(
                    "marked published, but its date ({at:%Y-%m-%d %H:%M}) is after now",
                    at=first.astimezone(zone),
                ),
                "status",
                occurrence=dated[0][1],
            )
        if post.status == "scheduled" and entry.timed and last < now:
            yield entry.problem(
                OVERDUE,
                Message(
                    "scheduled for {at:%Y-%m-%d %H:%M}, which has passed: mark it "
                    "published, or move it",
                    at=last.astimezone(zone),
                ),
                "status",
                occurrence=dated[-1][1],
            )
        if post.status in ("idea", "draft"):
            upcoming, occurrence = next(((m, o) for m, o in dated if m >= now), dated[-1])
            if upcoming - now <= ready_before:
                left = upcoming - now
                at = upcoming.astimezone(zone)
                yield entry.problem(
                    NOT_READY,
                    Message(
                        "still {status} and its date has passed ({at:%Y-%m-%d %H:%M})",
                        status=post.status,
                        at=at,
                    )
                    if left < timedelta(0)
                    else Message(
                        "still {status} and it goes out in {duration} ({at:%Y-%m-%d %H:%M})",
                        status=post.status,
                        duration=_duration(left),
                        at=at,
                    ),
                    "status",
                    occurrence=occurrence,
                )


def _after_event(entry: Entry) -> Iterator[Problem]:
    """after-event-start for the first moment the post goes out once its event has started."""
    start = entry.event_start
    assert start is not None
    for moment, occurrence in entry.moments():
        if isinstance(moment, datetime) and isinstance(start, datetime):
            late = moment.astimezone(UTC) > start.astimezone(UTC)
        else:
            # Whole days on either side: only a later day is after the start.
            late = _day_of(moment) > _day_of(start)
        if late:
            facts = {"at": _written(moment), "starts": _written(start)}
            yield entry.problem(
                AFTER_EVENT_START,
                Message(
                    "goes out {at} (occurrence of {occurrence}), after its event starts ({starts})",
                    occurrence=occurrence,
                    **facts,
                )
                if occurrence
                else Message("goes out {at}, after its event starts ({starts})", **facts),
                "publish_at",
            )
            return


def _day_of(value: datetime | date) -> date:
    return value.date() if isinstance(value, datetime) else value


def _written(value: datetime | date) -> str:
    """``2026-12-05 10:00`` (local), or ``2026-12-05``."""
    return f"{value:%Y-%m-%d %H:%M}" if isinstance(value, datetime) else value.isoformat()


def _duration(delta: timedelta) -> str:
    hours = int(delta.total_seconds() // 3600)
    if hours >= 24:
        # "d" is an English abbreviation (French writes "j"); "h" and "min" are symbols.
        return Message("{days} d {hours} h", days=hours // 24, hours=hours % 24)
    return f"{hours} h {int(delta.total_seconds() // 60) % 60:02d} min"


def _wall_problem(
    entry: Entry, wall: WallTime, local: datetime, occurrence: date | None = None
) -> Problem:
    """nonexistent-time or ambiguous-time for the wall time ``local`` of ``entry``."""
    zone = entry.when.tzinfo  # type: ignore[union-attr]
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
        return entry.problem(NONEXISTENT_TIME, message, "publish_at", occurrence=occurrence)
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
    return entry.problem(AMBIGUOUS_TIME, message, "publish_at", occurrence=occurrence)


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
            yield _wall_problem(entry, occ.wall, occ.local, occ.local.date())
