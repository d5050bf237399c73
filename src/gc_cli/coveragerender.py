"""Renderers of ``gc-cli coverage``: for people (a terminal or a pipe) and JSON.

For people, the same blocks in a terminal and in a pipe (rich tables and a
coloured heat map in a terminal, aligned plain text piped): the window and
the share of it covered, the roster, the hours of each person, every gap
with its longest wait, the posts going out unattended, then the heat map —
local days down, wall-clock hours across, who is on duty in each hour.
``rich`` is imported only to lay out for a terminal (by
:func:`gc_cli.viewrender.render_blocks`); JSON never imports it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta
from typing import TextIO
from zoneinfo import ZoneInfo

from gc_cli.coverage import Cell, Coverage, Gap, HeatDay
from gc_cli.model import RosterEntry, days_text, format_duration
from gc_cli.viewrender import WEEKDAYS, Block, Output, Runs, render_blocks

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
#: Width of a day's label in the heat map (``Wed 11-25``), then two spaces.
LABEL = 9


def person_letters(people: Sequence[str]) -> dict[str, str]:
    """A distinct capital letter per person: their initial, else the next free letter."""
    letters: dict[str, str] = {}
    taken: set[str] = set()
    for who in people:
        candidates = [c.upper() for c in who if c.isalpha()] + list("ABCDEFGHJKLMNPQRTUVWXYZ")
        letter = next((c for c in candidates if c not in taken), "?")
        letters[who] = letter
        taken.add(letter)
    return letters


def _short(instant: datetime, zone: ZoneInfo, since: datetime | None = None) -> str:
    """``Wed 11-25 17:00``, or ``17:00`` when on the same local day as ``since``."""
    local = instant.astimezone(zone)
    if since is not None and since.astimezone(zone).date() == local.date():
        return f"{local:%H:%M}"
    return f"{WEEKDAYS[local.weekday()]} {local:%m-%d %H:%M}"


def _day(day: date) -> str:
    return f"{WEEKDAYS[day.weekday()]} {day:%m-%d}"


def _wait(gap: Gap) -> str:
    return format_duration(gap.wait) if gap.wait is not None else "over a year"


def _dates(first: date | None, last: date | None) -> str:
    """When a roster entry applies, or the days of an absence."""
    if first is not None and last is not None:
        return f"{first.isoformat()} to {last.isoformat()}"
    if first is not None:
        return f"from {first.isoformat()}"
    if last is not None:
        return f"until {last.isoformat()}"
    return "every week"


def _who(who: str, coverage: Coverage) -> str:
    """A team key, with ``*`` for an external member (an agency, a freelancer)."""
    assert coverage.roster is not None
    member = coverage.roster.team.get(who)
    return who + ("*" if member is not None and member.external else "")


def coverage_blocks(coverage: Coverage) -> list[Block]:
    """The coverage as titled blocks, the same in a terminal and in a pipe."""
    zone = coverage.zone
    head = Block(
        f"Coverage {coverage.start:%Y-%m-%d %H:%M} to {coverage.stop:%Y-%m-%d %H:%M} "
        f"({_span(coverage.length)}, {zone.key})"
    )
    roster = coverage.roster
    if roster is None or coverage.target is None:
        head.notes.append(
            "No roster: settings.yaml has no interactions: block, so nobody is known to "
            "answer messages, comments and reviews. Add one (response_target, roster, "
            "absences) to see who is on duty and when nobody is."
        )
        return [head]
    target = format_duration(coverage.target)
    head.notes.append(
        f"Response target: {target}. Somebody is on duty {_hours(coverage.covered)} of "
        f"{_hours(coverage.length)} ({coverage.share * 100:.0f}% of the time)."
    )
    head.notes.append(_verdict(coverage))
    blocks = [head]

    left_out = {(i.section, i.index): i for i in coverage.issues}
    entries = Block("Roster", ["Who", "Days", "Hours", "When"])
    for index, entry in enumerate(roster.interactions.roster):
        issue = left_out.get(("roster", index))
        entries.rows.append(
            [
                _who(entry.who, coverage),
                days_text(entry.days),
                entry.hours.text,
                _dates(entry.from_, entry.to)
                + (f" — left out: {_reason(issue.code)}" if issue else ""),
            ]
        )
    if not entries.rows:
        entries.headers = []
        entries.notes.append("Nobody: the roster is empty.")
    first = coverage.start.date()
    last = (coverage.stop - timedelta(microseconds=1)).date()
    away = [
        f"{a.who} {_dates(a.from_, a.last) if a.last != a.from_ else a.from_.isoformat()}"
        for a in roster.interactions.absences
        if a.from_ <= last and a.last >= first
    ]
    if away:
        entries.notes.append("Away: " + ", ".join(away) + ".")
    if coverage.people:
        entries.notes.append(
            "On duty in the window: "
            + ", ".join(f"{_who(p.who, coverage)} {_hours(p.on_duty)}" for p in coverage.people)
            + "."
        )
    if any(_external(entry, coverage) for entry in roster.interactions.roster):
        entries.notes.append("* external")
    blocks.append(entries)

    gaps = Block(
        f"Nobody on duty: {len(coverage.gaps)} gap{'s' if len(coverage.gaps) != 1 else ''}",
        ["From", "To", "Longest wait", ""] if coverage.gaps else [],
        right={2},
    )
    for gap in coverage.gaps:
        gaps.rows.append(
            [
                _short(gap.start, zone),
                _short(gap.end, zone, since=gap.start) if gap.end else "-",
                _wait(gap),
                f"over {target}" if gap.exceeds(coverage.target) else "",
            ]
        )
    gaps.notes.append(
        "A message sent at the start of a gap waits until somebody comes on duty "
        "(real elapsed time, daylight-saving changes included)."
        if coverage.gaps
        else "None: somebody is on duty all the time."
    )
    blocks.append(gaps)

    posts = Block(
        "Posts going out unattended (first comments in the 2 h after would wait too long)",
        ["Date", "Time", "Post", "Nobody from", "Wait"] if coverage.unattended else [],
        right={4},
    )
    for u in coverage.unattended:
        local = u.at.astimezone(zone)
        posts.rows.append(
            [
                _day(local.date()),
                f"{local:%H:%M}",
                u.item.id,
                _short(u.gap.start, zone, since=u.at),
                _wait(u.gap),
            ]
        )
    if not coverage.unattended:
        posts.notes.append("None.")
    blocks.append(posts)

    blocks.append(_heat_block(coverage))
    return blocks


def _external(entry: RosterEntry, coverage: Coverage) -> bool:
    assert coverage.roster is not None
    member = coverage.roster.team.get(entry.who)
    return member is not None and member.external


def _reason(code: str) -> str:
    return "not in the team" if code == "unknown-member" else "no interactions role"


def _span(length: timedelta) -> str:
    days = length / timedelta(days=1)
    return f"{days:.0f} days" if days == round(days) else _hours(length)


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
        parts.append(f"Nobody ever waits: every message is answered within the {target} target.")
    elif not coverage.over:
        parts.append(
            f"Longest wait {_wait(worst)} (from {_short(worst.start, coverage.zone)}): "
            f"every wait is within the {target} target."
        )
    else:
        over = len(coverage.over)
        parts.append(
            f"{over} gap{'s' if over != 1 else ''} over the {target} target; longest wait "
            f"{_wait(worst)} (from {_short(worst.start, coverage.zone)})."
        )
    if coverage.issues:
        count = len([i for i in coverage.issues if i.section == "roster"])
        if count:
            parts.append(
                f"{count} roster entr{'ies' if count != 1 else 'y'} left out "
                "(gc-cli check shows where)."
            )
    return " ".join(parts)


# -- the heat map ---------------------------------------------------------------------


def _heat_block(coverage: Coverage) -> Block:
    people = coverage.roster.members if coverage.roster else []
    letters = person_letters(people)
    block = Block(f"Who is on duty, hour by hour ({coverage.zone.key})")
    ruler = " " * (LABEL + 2) + "".join(f"{hour:02d}    " for hour in range(0, 24, 3))
    block.lines.append([(ruler.rstrip(), "bold")])
    for index, row in enumerate(coverage.heat):
        if index and row.day.weekday() == 0:
            block.lines.append([])  # a blank line between weeks
        block.lines.append(_heat_line(row, letters))
    if people:
        block.notes.append(" · ".join(f"{letters[w]} {_who(w, coverage)}" for w in people))
    target = format_duration(coverage.target) if coverage.target else ""
    block.notes.append(
        f"lowercase: part of the hour · {SEVERAL} several · {NOBODY} nobody · "
        f"{TOO_LONG} nobody, a wait over {target}"
    )
    return block


def _heat_line(row: HeatDay, letters: dict[str, str]) -> Runs:
    runs: Runs = [(f"{_day(row.day):<{LABEL}}  ", "bold")]
    for hour, cell in enumerate(row.cells):
        char, style = _cell(cell, letters)
        if cell.past and style:
            style += " dim"
        runs.append((char, style))
        if hour < 23:
            runs.append((" ", ""))
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
    import json

    doc = coverage.to_dict()
    dumps = json.JSONEncoder(ensure_ascii=False).encode
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


def render_coverage(coverage: Coverage, fmt: str, out: Output) -> None:
    """Render ``coverage`` in format ``fmt`` (a key of :data:`COVERAGE_FORMATS`)."""
    COVERAGE_FORMATS[fmt](coverage, out)


__all__ = ["COVERAGE_FORMATS", "coverage_blocks", "person_letters", "render_coverage"]
