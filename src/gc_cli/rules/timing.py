"""When a post goes out: real local times, statuses that match the clock, recurrences."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

from gc_cli.i18n import N_, Message
from gc_cli.problems import Problem
from gc_cli.rules import Context, Rule
from gc_cli.store.calendar import Entry
from gc_cli.timeutil import WallTime, to_aware

RULES = (
    Rule(
        "nonexistent-time",
        "error",
        N_(
            "A local time skipped by a daylight-saving change (in Toronto, 02:30 on the "
            "second Sunday of March never happens). Checked for every occurrence."
        ),
        "    publish_at: 2027-03-14 02:30",
    ),
    Rule(
        "ambiguous-time",
        "warning",
        N_(
            "A local time that happens twice when clocks are set back (01:30 on the first "
            "Sunday of November); the first one is used. Write an offset to choose."
        ),
        "    publish_at: 2026-11-01 01:30",
    ),
    Rule(
        "not-scheduled",
        "error",
        N_("Status scheduled or published without a date and a time."),
        "    status: scheduled\n    publish_at: 2026-12-01",
    ),
    Rule(
        "published-in-future",
        "error",
        N_("Status published with a date after now."),
        "    status: published\n    publish_at: 2099-01-01 09:00",
    ),
    Rule(
        "overdue",
        "warning",
        N_("Status scheduled, its date passed, and not marked published."),
        "    status: scheduled\n    publish_at: 2020-01-01 09:00",
    ),
    Rule(
        "not-ready",
        "warning",
        N_(
            "An idea or draft within settings.rules.ready_before_hours (48 by default) of "
            "its date, or past it."
        ),
        "    status: draft\n    publish_at: <tomorrow>",
    ),
    Rule(
        "bad-repeat",
        "error",
        N_(
            "A repeat: rule that does not parse as an RFC 5545 RRULE, never ends (needs "
            "COUNT or UNTIL), has no publish_at to start from, yields an absurd number "
            "of occurrences (over 2,000), or does not yield them within 100 years of "
            "publish_at and 10,000 periods of its frequency (30 February never comes)."
        ),
        "    repeat: FREQ=WEEKLY;BYDAY=FR",
    ),
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
                "not-scheduled",
                "error",
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
        moments = [_moment(m, ctx) for m, _ in entry.moments()]
        if not moments:
            continue
        now = ctx.now.astimezone(UTC)
        zone = ctx.calendar.zone
        first, last = moments[0], moments[-1]
        if post.status == "published" and first > now:
            yield entry.problem(
                "published-in-future",
                "error",
                Message(
                    "marked published, but its date ({at:%Y-%m-%d %H:%M}) is after now",
                    at=first.astimezone(zone),
                ),
                "status",
            )
        if post.status == "scheduled" and entry.timed and last < now:
            yield entry.problem(
                "overdue",
                "warning",
                Message(
                    "scheduled for {at:%Y-%m-%d %H:%M}, which has passed: mark it "
                    "published, or move it",
                    at=last.astimezone(zone),
                ),
                "status",
            )
        if post.status in ("idea", "draft"):
            upcoming = next((m for m in moments if m >= now), last)
            if upcoming - now <= ready_before:
                left = upcoming - now
                at = upcoming.astimezone(zone)
                yield entry.problem(
                    "not-ready",
                    "warning",
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
                )


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
        return entry.problem("nonexistent-time", "error", message, "publish_at")
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
    return entry.problem("ambiguous-time", "warning", message, "publish_at")


def _repeat(entry: Entry) -> Iterator[Problem]:
    if entry.when is None:
        yield entry.problem(
            "bad-repeat", "error", Message("repeat: needs a publish_at to start from"), "repeat"
        )
        return
    if entry.repeat_error:
        yield entry.problem(
            "bad-repeat",
            "error",
            Message("repeat: {reason}", reason=entry.repeat_error),
            "repeat",
        )


def _repeat_times(entry: Entry) -> Iterator[Problem]:
    if not entry.timed:
        return
    for occ in entry.occurrences:
        if occ.wall is not WallTime.OK:
            yield _wall_problem(entry, occ.wall, occ.local, occ.local.date())
