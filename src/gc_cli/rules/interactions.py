"""Who answers the community: a roster of real members, no long wait, no post left alone.

These rules run only when settings.yaml has an ``interactions:`` block; the
times come from :mod:`gc_cli.query.coverage`, in real elapsed time.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from gc_cli.i18n import N_, Message
from gc_cli.problems import Example, Problem, Rule, Severity
from gc_cli.query.coverage import COMMENT_WINDOW, DEFAULT_DAYS, Gap, Roster
from gc_cli.rules.context import Context
from gc_cli.store.calendar import Calendar, locate
from gc_cli.store.model import format_duration

#: Weekdays in English whatever the locale (``%a`` follows it); each is a
#: catalog entry, translated where a message is shown.
WEEKDAYS = (N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun"))

UNKNOWN_MEMBER = Rule(
    "unknown-member",
    Severity.error,
    N_(
        "A roster or absence entry whose who: is not a key of settings.team; "
        "reported at its who: value. The entry is left out of the coverage."
    ),
    Example(
        "",
        file="settings.yaml",
        settings="interactions:\n"
        "  response_target: 4h\n"
        "  roster:\n"
        '    - {who: marie, days: mon-sun, hours: "00:00-24:00"}\n'
        '    - {who: mari, days: sat, hours: "10:00-18:00"}   # marie?\n',
        line=17,
    ),
)
NOT_IN_INTERACTIONS_ROLE = Rule(
    "not-in-interactions-role",
    Severity.error,
    N_(
        "A roster entry for a team member without the interactions role (answering "
        "messages, comments and reviews); reported at its who: value. The entry is left "
        "out of the coverage."
    ),
    Example(
        "",
        file="settings.yaml",
        settings="interactions:\n"
        "  response_target: 4h\n"
        "  roster:\n"
        '    - {who: marie, days: mon-sun, hours: "00:00-24:00"}\n'
        '    - {who: agence, days: sat, hours: "10:00-18:00"}   # roles: [content]\n',
        line=17,
    ),
)
COVERAGE_GAP = Rule(
    "coverage-gap",
    Severity.warning,
    N_(
        "Within the next 14 days, a span when nobody is on duty and a message "
        "sent at its start would wait longer than interactions.response_target for a "
        "first answer (real elapsed time, daylight-saving changes included). One warning "
        "per gap, at the roster: key, naming the span and the wait."
    ),
    Example(
        "",
        file="settings.yaml",
        settings="interactions:\n"
        "  response_target: 4h\n"
        "  roster:   # nobody on duty at night or on weekends\n"
        '    - {who: marie, days: mon-fri, hours: "08:30-17:00"}\n',
        line=15,
    ),
)
UNATTENDED_POST = Rule(
    "unattended-post",
    Severity.warning,
    N_(
        "A post (each occurrence of a recurring one) whose first comments, those arriving "
        "in the 2 hours after it goes out, would wait longer than "
        "interactions.response_target for an answer; at its publish_at. Cancelled, "
        "date-only and unscheduled posts, and posts whose comment hours are past, are "
        "left out."
    ),
    Example(
        "posts:\n"
        "  - id: joyeux-noel\n"
        "    title: Joyeux Noël\n"
        "    channels: [facebook]\n"
        "    publish_at: 2026-12-25 10:00\n"
        "    text: Joyeux Noël de toute l'équipe !\n",
        settings="interactions:\n"
        "  response_target: 4h\n"
        "  roster:\n"
        '    - {who: marie, days: mon-sun, hours: "00:00-24:00"}\n'
        "  absences:   # more than 14 days ahead: no coverage-gap yet\n"
        "    - {who: marie, from: 2026-12-24, to: 2026-12-26}\n",
        line=5,
    ),
)
RULES = (UNKNOWN_MEMBER, NOT_IN_INTERACTIONS_ROLE, COVERAGE_GAP, UNATTENDED_POST)
#: The rule of each reason the roster leaves an entry out.
_MEMBER_RULES = {rule.code: rule for rule in (UNKNOWN_MEMBER, NOT_IN_INTERACTIONS_ROLE)}


def check(ctx: Context) -> Iterator[Problem]:
    cal = ctx.calendar
    if cal.settings is None or cal.settings.interactions is None:
        return  # no roster: coverage is not tracked (and its module not even imported)

    roster = Roster.of(cal.settings, cal.zone)
    if roster is None:
        return
    yield from _members(cal, roster)
    yield from _gaps(cal, roster, ctx.now.astimezone(UTC))
    yield from _posts(cal, roster, ctx.now.astimezone(UTC))


def _where(cal: Calendar, *path: object, key: bool = False) -> tuple[int, int]:
    """A position in settings.yaml: the deepest part of ``path`` written there."""
    found = locate(cal.settings_map, ("interactions", *path), key=key) if cal.settings_map else None
    return found or (1, 1)


def _members(cal: Calendar, roster: Roster) -> Iterator[Problem]:
    for issue in roster.issues:
        line, column = _where(cal, issue.section, issue.index, "who")
        message = (
            Message("roster: {message}", message=issue.message)
            if issue.section == "roster"
            else Message("absence: {message}", message=issue.message)
        )
        yield _MEMBER_RULES[issue.code].at(cal.settings_file, line, column, message)


def when(instant: datetime, zone: ZoneInfo, *, since: datetime | None = None) -> str:
    """``2026-11-27 17:00 (Fri)``, or only ``17:00`` on the same local day as ``since``.

    The date comes first so that problems at one line, which sort by message,
    read in the order of time. The weekday is a :class:`Message`, translated
    with the sentence that holds it.
    """
    local = instant.astimezone(zone)
    if since is not None and since.astimezone(zone).date() == local.date():
        return f"{local:%H:%M}"
    return Message(
        "{at:%Y-%m-%d %H:%M} ({weekday})", at=local, weekday=Message(WEEKDAYS[local.weekday()])
    )


def _gap_message(gap: Gap, zone: ZoneInfo, target: str) -> Message:
    """The coverage-gap warning: one whole sentence per case (end or not, wait or not)."""
    facts = {
        "start": when(gap.start, zone),
        "at": gap.start.astimezone(zone),
        "target": target,
    }
    if gap.end is not None:
        end = when(gap.end, zone, since=gap.start)
        if gap.wait is None:
            return Message(
                "nobody is on duty from {start} to {end}: a message sent at {at:%H:%M} "
                "no one comes on duty within a year for an answer "
                "(response_target: {target})",
                end=end,
                **facts,
            )
        return Message(
            "nobody is on duty from {start} to {end}: a message sent at {at:%H:%M} "
            "waits {wait} for an answer (response_target: {target})",
            end=end,
            wait=format_duration(gap.wait),
            **facts,
        )
    if gap.wait is None:
        return Message(
            "nobody is on duty from {start} on: a message sent at {at:%H:%M} "
            "no one comes on duty within a year for an answer (response_target: {target})",
            **facts,
        )
    return Message(
        "nobody is on duty from {start} on: a message sent at {at:%H:%M} "
        "waits {wait} for an answer (response_target: {target})",
        wait=format_duration(gap.wait),
        **facts,
    )


def _gaps(cal: Calendar, roster: Roster, now: datetime) -> Iterator[Problem]:

    zone = roster.zone
    line, column = _where(cal, "roster", key=True)
    target = format_duration(roster.target)
    for gap in roster.timeline(now, now + timedelta(days=DEFAULT_DAYS)).gaps():
        if not gap.exceeds(roster.target):
            continue
        yield COVERAGE_GAP.at(cal.settings_file, line, column, _gap_message(gap, zone, target))


def _posts(cal: Calendar, roster: Roster, now: datetime) -> Iterator[Problem]:

    zone = roster.zone
    target = format_duration(roster.target)
    for entry in cal.entries:
        if entry.post.status == "cancelled" or not entry.timed:
            continue
        for moment, occurrence in entry.moments():
            assert isinstance(moment, datetime)
            at = moment.astimezone(UTC)
            if at + COMMENT_WINDOW <= now:
                continue  # its first comments have come and gone
            gap = roster.worst_wait(at, at + COMMENT_WINDOW)
            if gap is None or not gap.exceeds(roster.target):
                continue
            facts = {
                "at": when(at, zone),
                "wait": format_duration(gap.wait) if gap.wait else Message("over a year"),
                "target": target,
            }
            message = (
                Message(
                    "goes out {at} and nobody is on duty when it goes out: its first "
                    "comments would wait up to {wait} for an answer (response_target: {target})",
                    **facts,
                )
                if gap.start == at
                else Message(
                    "goes out {at} and nobody is on duty from {start}: its first comments "
                    "would wait up to {wait} for an answer (response_target: {target})",
                    start=when(gap.start, zone, since=at),
                    **facts,
                )
            )
            yield entry.problem(UNATTENDED_POST, message, "publish_at", occurrence=occurrence)
