"""When a post goes out: real local times, statuses that match the clock, recurrences."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

from gc_cli.calendar import Entry
from gc_cli.problems import Problem
from gc_cli.rules import Context, Rule
from gc_cli.timeutil import WallTime, to_aware

RULES = (
    Rule(
        "nonexistent-time",
        "error",
        "A local time skipped by a daylight-saving change (in Toronto, 02:30 on the "
        "second Sunday of March never happens). Checked for every occurrence.",
        "    publish_at: 2027-03-14 02:30",
    ),
    Rule(
        "ambiguous-time",
        "warning",
        "A local time that happens twice when clocks are set back (01:30 on the first "
        "Sunday of November); the first one is used. Write an offset to choose.",
        "    publish_at: 2026-11-01 01:30",
    ),
    Rule(
        "not-scheduled",
        "error",
        "Status scheduled or published without a date and a time.",
        "    status: scheduled\n    publish_at: 2026-12-01",
    ),
    Rule(
        "published-in-future",
        "error",
        "Status published with a date after now.",
        "    status: published\n    publish_at: 2099-01-01 09:00",
    ),
    Rule(
        "overdue",
        "warning",
        "Status scheduled, its date passed, and not marked published.",
        "    status: scheduled\n    publish_at: 2020-01-01 09:00",
    ),
    Rule(
        "not-ready",
        "warning",
        "An idea or draft within settings.rules.ready_before_hours (48 by default) of "
        "its date, or past it.",
        "    status: draft\n    publish_at: <tomorrow>",
    ),
    Rule(
        "bad-repeat",
        "error",
        "A repeat: rule that does not parse as an RFC 5545 RRULE, never ends (needs "
        "COUNT or UNTIL), has no publish_at to start from, or yields an absurd number "
        "of occurrences.",
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
            missing = "a date and a time" if entry.when is None else "a time"
            yield entry.problem(
                "not-scheduled",
                "error",
                f"status is {post.status} but publish_at has no {missing.split()[-1]}: "
                f"give {missing} (2026-12-01 09:00)",
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
                f"marked published, but its date ({first.astimezone(zone):%Y-%m-%d %H:%M}) "
                "is after now",
                "status",
            )
        if post.status == "scheduled" and entry.timed and last < now:
            yield entry.problem(
                "overdue",
                "warning",
                f"scheduled for {last.astimezone(zone):%Y-%m-%d %H:%M}, which has passed: mark it "
                "published, or move it",
                "status",
            )
        if post.status in ("idea", "draft"):
            upcoming = next((m for m in moments if m >= now), last)
            if upcoming - now <= ready_before:
                left = upcoming - now
                when = (
                    "its date has passed"
                    if left < timedelta(0)
                    else f"it goes out in {_duration(left)}"
                )
                yield entry.problem(
                    "not-ready",
                    "warning",
                    f"still {post.status} and {when} ({upcoming.astimezone(zone):%Y-%m-%d %H:%M})",
                    "status",
                )


def _duration(delta: timedelta) -> str:
    hours = int(delta.total_seconds() // 3600)
    if hours >= 24:
        return f"{hours // 24} d {hours % 24} h"
    return f"{hours} h {int(delta.total_seconds() // 60) % 60:02d} min"


def _wall_problem(
    entry: Entry, wall: WallTime, local: datetime, occurrence: date | None = None
) -> Problem:
    """nonexistent-time or ambiguous-time for the wall time ``local`` of ``entry``."""
    of = f" (occurrence of {occurrence})" if occurrence else ""
    zone = entry.when.tzinfo  # type: ignore[union-attr]
    if wall is WallTime.NONEXISTENT:
        return entry.problem(
            "nonexistent-time",
            "error",
            f"{local:%Y-%m-%d %H:%M}{of} does not exist in {zone}: clocks jump forward "
            "over it (daylight saving time)",
            "publish_at",
        )
    return entry.problem(
        "ambiguous-time",
        "warning",
        f"{local:%Y-%m-%d %H:%M}{of} happens twice in {zone} (clocks go back); the "
        "first is used — write an offset to choose",
        "publish_at",
    )


def _repeat(entry: Entry) -> Iterator[Problem]:
    if entry.when is None:
        yield entry.problem(
            "bad-repeat", "error", "repeat: needs a publish_at to start from", "repeat"
        )
        return
    if entry.repeat_error:
        yield entry.problem("bad-repeat", "error", f"repeat: {entry.repeat_error}", "repeat")


def _repeat_times(entry: Entry) -> Iterator[Problem]:
    if not entry.timed:
        return
    for occ in entry.occurrences:
        if occ.wall is not WallTime.OK:
            yield _wall_problem(entry, occ.wall, occ.local, occ.local.date())
