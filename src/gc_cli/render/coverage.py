"""Renderers of ``gc-cli coverage``: for people (a terminal or a pipe) and JSON.

For people, the same blocks in a terminal and in a pipe (rich tables and a
coloured heat map in a terminal, aligned plain text piped): the window and
the share of it covered, the roster, the hours of each person, every gap
with its longest wait, the posts going out unattended, then the heat map —
local days down, wall-clock hours across, who is on duty in each hour.
``rich`` is imported only to lay out for a terminal (by
:func:`gc_cli.render.blocks.render_blocks`); JSON never imports it.

For people, words, sentences and day names are in the user's language
(:mod:`gc_cli.i18n`). Tables keep ISO dates (``11-25``, ``2026-12-24``) and
``17:00`` times; a sentence writes its time the user's way (French ``8 h 00``).
The JSON is the same in every language.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import TextIO
from zoneinfo import ZoneInfo

from gc_cli.i18n import _, clock, ngettext
from gc_cli.query.coverage import Cell, Coverage, Gap, HeatDay
from gc_cli.render.blocks import Block, Runs, render_blocks, short_day
from gc_cli.render.common import Output, cell_width, day_width, percent, person_letters
from gc_cli.store.model import RosterEntry, days_text, format_duration
from gc_cli.visible import json_encoder

NOBODY = "·"  # nobody on duty, but an answer comes within the target
TOO_LONG = "×"  # nobody on duty, and a message sent then waits over the target
SEVERAL = "+"  # several people take turns (or overlap) in that hour
NO_SUCH_HOUR = " "  # skipped by the spring daylight-saving change
#: Terminal styles of the heat map's cells.
STYLES = {
    "full": "black on green",
    "part": "black on yellow",
    "nobody": "dim",
    "over": "bold white on red",
}


def _short(instant: datetime, zone: ZoneInfo, since: datetime | None = None) -> str:
    """``Wed 11-25 17:00``, or ``17:00`` when on the same local day as ``since``."""
    local = instant.astimezone(zone)
    if since is not None and since.astimezone(zone).date() == local.date():
        return f"{local:%H:%M}"
    return f"{short_day(local.date())} {local:%H:%M}"


def _label_width() -> int:
    """Width of a day's label in the heat map (``Wed 11-25``): the widest day name and ``11-25``."""
    return day_width() + 6


def _wait(gap: Gap) -> str:
    return format_duration(gap.wait) if gap.wait is not None else _("over a year")


def _dates(first: date | None, last: date | None) -> str:
    """When a roster entry applies, or the days of an absence."""
    if first is not None and last is not None:
        return _("{first} to {last}").format(first=first.isoformat(), last=last.isoformat())
    if first is not None:
        return _("from {first}").format(first=first.isoformat())
    if last is not None:
        return _("until {last}").format(last=last.isoformat())
    return _("every week")


def _who(who: str, coverage: Coverage) -> str:
    """A team key, with ``*`` for an external member (an agency, a freelancer)."""
    assert coverage.roster is not None
    member = coverage.roster.team.get(who)
    return who + ("*" if member is not None and member.external else "")


def coverage_blocks(coverage: Coverage) -> list[Block]:
    """The coverage as titled blocks, the same in a terminal and in a pipe."""
    zone = coverage.zone
    head = Block(
        _("Coverage {start} {start_time} to {stop} {stop_time} ({length}, {zone})").format(
            start=coverage.start.date().isoformat(),
            start_time=clock(coverage.start),
            stop=coverage.stop.date().isoformat(),
            stop_time=clock(coverage.stop),
            length=_span(coverage.length),
            zone=zone.key,
        )
    )
    roster = coverage.roster
    if roster is None or coverage.target is None:
        head.notes.append(
            _(
                "No roster: settings.yaml has no interactions: block, so nobody is known to "
                "answer messages, comments and reviews. Add one (response_target, roster, "
                "absences) to see who is on duty and when nobody is."
            )
        )
        return [head]
    target = format_duration(coverage.target)
    head.notes.append(
        _(
            "Response target: {target}. Somebody is on duty {covered} of {length} "
            "({percent} of the time)."
        ).format(
            target=target,
            covered=_hours(coverage.covered),
            length=_hours(coverage.length),
            percent=percent(coverage.share),
        )
    )
    head.notes.append(_verdict(coverage))
    blocks = [head]

    left_out = {(i.section, i.index): i for i in coverage.issues}
    # Days and hours are shown as settings.yaml writes them (mon-fri, 08:30-17:00).
    entries = Block(_("Roster"), [_("Who"), _("Days"), _("Hours"), _("When")])
    for index, entry in enumerate(roster.interactions.roster):
        issue = left_out.get(("roster", index))
        dates = _dates(entry.from_, entry.to)
        entries.rows.append(
            [
                _who(entry.who, coverage),
                days_text(entry.days),
                entry.hours.text,
                _("{dates} — left out: {reason}").format(dates=dates, reason=_reason(issue.code))
                if issue
                else dates,
            ]
        )
    if not entries.rows:
        entries.headers = []
        entries.notes.append(_("Nobody: the roster is empty."))
    first = coverage.start.date()
    last = (coverage.stop - timedelta(microseconds=1)).date()
    away = [
        f"{a.who} {_dates(a.from_, a.last) if a.last != a.from_ else a.from_.isoformat()}"
        for a in roster.interactions.absences
        if a.from_ <= last and a.last >= first
    ]
    if away:
        entries.notes.append(_("Away: {people}.").format(people=", ".join(away)))
    closed = [
        (_dates(c.from_, c.last) if c.last != c.from_ else c.from_.isoformat())
        + (f" {c.label}" if c.label else "")
        for c in coverage.closures
    ]
    if closed:
        entries.notes.append(_("Closed (nobody on duty): {days}.").format(days=", ".join(closed)))
    if coverage.people:
        entries.notes.append(
            _("On duty in the window: {people}.").format(
                people=", ".join(
                    f"{_who(p.who, coverage)} {_hours(p.on_duty)}" for p in coverage.people
                )
            )
        )
    if any(_external(entry, coverage) for entry in roster.interactions.roster):
        entries.notes.append(_("{symbol} external").format(symbol="*"))
    blocks.append(entries)

    count = len(coverage.gaps)
    gaps = Block(
        ngettext("Nobody on duty: {n} gap", "Nobody on duty: {n} gaps", count).format(n=count),
        [_("From"), _("To"), _("Longest wait"), ""] if coverage.gaps else [],
        right={2},
    )
    over = _("over {target}").format(target=target)
    for gap in coverage.gaps:
        gaps.rows.append(
            [
                _short(gap.start, zone),
                _short(gap.end, zone, since=gap.start) if gap.end else "-",
                _wait(gap),
                over if gap.exceeds(coverage.target) else "",
            ]
        )
    gaps.notes.append(
        _(
            "A message sent at the start of a gap waits until somebody comes on duty "
            "(real elapsed time, daylight-saving changes included)."
        )
        if coverage.gaps
        else _("None: somebody is on duty all the time.")
    )
    blocks.append(gaps)

    posts = Block(
        _("Posts going out unattended (first comments in the 2 h after would wait too long)"),
        [_("Date"), _("Time"), _("Post"), _("Nobody from"), _("Wait")]
        if coverage.unattended
        else [],
        right={4},
    )
    for u in coverage.unattended:
        local = u.at.astimezone(zone)
        posts.rows.append(
            [
                short_day(local.date()),
                f"{local:%H:%M}",
                u.item.id,
                _short(u.gap.start, zone, since=u.at),
                _wait(u.gap),
            ]
        )
    if not coverage.unattended:
        posts.notes.append(_("None."))
    blocks.append(posts)

    blocks.append(_heat_block(coverage))
    return blocks


def _external(entry: RosterEntry, coverage: Coverage) -> bool:
    assert coverage.roster is not None
    member = coverage.roster.team.get(entry.who)
    return member is not None and member.external


def _reason(code: str) -> str:
    return _("not in the team") if code == "unknown-member" else _("no interactions role")


def _span(length: timedelta) -> str:
    days = length / timedelta(days=1)
    if days != round(days):
        return _hours(length)
    # English has always said "1 days" here; the forms let other languages agree.
    return ngettext("{n} days", "{n} days", round(days)).format(n=f"{days:.0f}")


def _hours(delta: timedelta) -> str:
    """``85 h``, ``7 h 30``: time on duty, in hours and minutes."""
    minutes = int(delta.total_seconds() // 60)
    hours, rest = divmod(minutes, 60)
    return f"{hours} h {rest:02d}" if rest else f"{hours} h"


def _verdict(coverage: Coverage) -> str:
    assert coverage.target is not None
    target = format_duration(coverage.target)
    worst = coverage.worst
    parts: list[str] = []
    if worst is None:
        parts.append(
            _("Nobody ever waits: every message is answered within the {target} target.").format(
                target=target
            )
        )
    elif not coverage.over:
        parts.append(
            _(
                "Longest wait {wait} (from {start}): every wait is within the {target} target."
            ).format(wait=_wait(worst), start=_short(worst.start, coverage.zone), target=target)
        )
    else:
        over = len(coverage.over)
        parts.append(
            ngettext(
                "{n} gap over the {target} target; longest wait {wait} (from {start}).",
                "{n} gaps over the {target} target; longest wait {wait} (from {start}).",
                over,
            ).format(
                n=over, target=target, wait=_wait(worst), start=_short(worst.start, coverage.zone)
            )
        )
    if coverage.issues:
        count = len([i for i in coverage.issues if i.section == "roster"])
        if count:
            parts.append(
                ngettext(
                    "{n} roster entry left out (gc-cli check shows where).",
                    "{n} roster entries left out (gc-cli check shows where).",
                    count,
                ).format(n=count)
            )
    return " ".join(parts)


# -- the heat map ---------------------------------------------------------------------


def _heat_block(coverage: Coverage) -> Block:
    people = coverage.roster.members if coverage.roster else []
    letters = person_letters(people)
    block = Block(_("Who is on duty, hour by hour ({zone})").format(zone=coverage.zone.key))
    # The labels are as wide as the longest day name of the language needs.
    label = _label_width()
    ruler = " " * (label + 2) + "".join(f"{hour:02d}    " for hour in range(0, 24, 3))
    block.lines.append([(ruler.rstrip(), "bold")])
    for index, row in enumerate(coverage.heat):
        if index and row.day.weekday() == 0:
            block.lines.append([])  # a blank line between weeks
        block.lines.append(_heat_line(row, letters, label))
    if people:
        block.notes.append(" · ".join(f"{letters[w]} {_who(w, coverage)}" for w in people))
    target = format_duration(coverage.target) if coverage.target else ""
    block.notes.append(
        _(
            "lowercase: part of the hour · {several} several · {nobody} nobody · "
            "{too_long} nobody, a wait over {target}"
        ).format(several=SEVERAL, nobody=NOBODY, too_long=TOO_LONG, target=target)
    )
    return block


def _heat_line(row: HeatDay, letters: dict[str, str], label: int) -> Runs:
    day = short_day(row.day)
    runs: Runs = [(day + " " * (label - cell_width(day)) + "  ", "bold")]
    for hour, cell in enumerate(row.cells):
        char, style = _cell(cell, letters)
        if cell.past and style:
            style += " dim"
        runs.append((char, style))
        if hour < 23:
            runs.append((" ", ""))
    if row.closure is not None:
        runs.append(("  " + _("closed"), "bold"))
    return runs


def _cell(cell: Cell, letters: dict[str, str]) -> tuple[str, str]:
    """The character and terminal style of one hour of the heat map."""
    if not cell.exists:
        return NO_SUCH_HOUR, ""
    if not cell.who or cell.covered <= timedelta(0):
        return (TOO_LONG, STYLES["over"]) if cell.over_target else (NOBODY, STYLES["nobody"])
    char = letters.get(cell.who[0], "?") if len(cell.who) == 1 else SEVERAL
    if cell.full:
        return char, STYLES["full"]
    return char.lower(), STYLES["part"]


# -- formats --------------------------------------------------------------------------


def coverage_json(coverage: Coverage, stream: TextIO) -> None:
    """The coverage for scripts: one JSON object, each list item on a line of its own."""
    doc = coverage.to_dict()
    dumps = json_encoder(stream)
    lines: list[str] = []
    for key, value in doc.items():
        if isinstance(value, list) and value:
            items = ",\n".join("    " + dumps(item) for item in value)
            lines.append(f"  {dumps(key)}: [\n{items}\n  ]")
        else:
            lines.append(f"  {dumps(key)}: {dumps(value)}")
    stream.write("{\n" + ",\n".join(lines) + "\n}\n")


def _for_people(coverage: Coverage, out: Output) -> None:
    render_blocks(coverage_blocks(coverage), out)


#: ``coverage --format``: each renders a :class:`Coverage` to an :class:`Output`.
COVERAGE_FORMATS: dict[str, Callable[[Coverage, Output], None]] = {
    "table": _for_people,
    "json": lambda coverage, out: coverage_json(coverage, out.stream),
}


def render(coverage: Coverage, out: Output) -> None:
    """Render ``coverage`` in ``out.format`` (a key of :data:`COVERAGE_FORMATS`)."""
    COVERAGE_FORMATS[out.format](coverage, out)
