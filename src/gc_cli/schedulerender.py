"""How ``schedule`` shows what it did: a table in a terminal, plain lines when piped.

``rich`` is imported only for a terminal, so piped output and scripts stay fast.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from gc_cli.problems import Problem
from gc_cli.schedule import Change, ScheduleResult, describe

_VERBS = {"set": "set to", "move": "moved to", "clear": "removed"}


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _problem(p: Problem, forced: bool = False) -> str:
    about = " · ".join(x for x in (p.code, p.post, p.channel) if x)
    severity = f"{p.severity} (written with --force)" if forced else p.severity
    return f"{p.file}:{p.line}:{p.column}: {severity}: {p.message} [{about}]"


def written_line(change: Change) -> int | None:
    """The line of the file that holds (or held) the new ``publish_at``."""
    edit = change.edit
    if edit is None:
        return None
    return edit.line + 1 if edit.action == "insert" else edit.line


def change_line(change: Change) -> str:
    """One sentence about one post: what happens to its publish_at, and where."""
    if change.action == "unchanged":
        return f"{change.post_id}: nothing to change ({change.reason})"
    if change.action == "skipped":
        return f"{change.post_id}: skipped: {change.reason}"
    where = f"{change.file}:{written_line(change)}"
    what = {"insert": "line added", "replace": "line changed", "remove": "line removed"}
    kind = what[change.edit.action] if change.edit else ""
    if change.action == "clear":
        return (
            f"{change.post_id}: publish_at removed (was {describe(change.before)}) "
            f"— {where}, {kind}"
        )
    was = f" (was {describe(change.before)})" if change.action == "move" else ""
    return (
        f"{change.post_id}: publish_at {_VERBS[change.action]} {change.text}{was} — {where}, {kind}"
    )


def summary(result: ScheduleResult) -> str:
    """The closing line: how many posts, in how many files, written or not."""
    planned = result.planned
    files = _plural(len({c.file for c in planned}), "file")
    dry = result.request.dry_run
    skipped = sum(1 for c in result.changes if c.action == "skipped")
    if result.request.auto:
        if planned:
            verb = "to schedule" if dry else "scheduled"
            text = f"{_plural(len(planned), 'post')} {verb} in {files}"
        else:
            text = "No post to schedule"
        if skipped:
            text += f", {skipped} skipped"
    elif planned:
        text = f"{files} {'to change' if dry else 'changed'}"
    else:
        text = "Nothing to change"
    if planned and dry:
        text += " — dry run: nothing written"
    return text + "."


def _window(result: ScheduleResult) -> str | None:
    if result.window is None:
        return None
    begin, end = result.window
    zone = getattr(begin.tzinfo, "key", str(begin.tzinfo))
    return f"Slots from {begin:%Y-%m-%d %H:%M} to {end:%Y-%m-%d %H:%M} ({zone})."


def _rows(changes: Sequence[Change]) -> list[tuple[str, str, str, str, str]]:
    rows = []
    for c in changes:
        when = c.text if c.writes and c.text else "—"
        if c.action == "skipped":
            note = f"skipped: {c.reason}"
        elif c.action == "move":
            note = f"was {describe(c.before)}"
        else:
            note = ""
        rows.append((c.post_id, when, ", ".join(c.channels), c.file, note))
    return rows


HEADERS = ("post", "publish_at", "channels", "file", "note")


def render(result: ScheduleResult, stream: TextIO, *, color: bool = False) -> None:
    """Write ``result`` to ``stream``: rich formatting when ``color``, else plain text."""
    if color:
        _rich(result, stream)
        return
    write = stream.write
    if result.request.auto:
        window = _window(result)
        if window:
            write(window + "\n\n")
        rows = _rows(result.changes)
        if rows:
            widths = [max(len(r[i]) for r in [HEADERS, *rows]) for i in range(len(HEADERS) - 1)]
            for row in [HEADERS, *rows]:
                cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
                write(("  ".join([*cells, row[-1]])).rstrip() + "\n")
            write("\n")
    else:
        for change in result.changes:
            write(change_line(change) + "\n")
    for change in result.changes:
        for problem in change.forced:
            write(f"  {_problem(problem, forced=True)}\n")
        for problem in change.warnings:
            write(f"  {_problem(problem)}\n")
    write(summary(result) + "\n")


def _rich(result: ScheduleResult, stream: TextIO) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console(file=stream, highlight=False)
    if result.request.auto:
        window = _window(result)
        if window:
            console.print(Text(window, style="dim"))
        if result.changes:
            table = Table(show_edge=False, pad_edge=False, box=None, header_style="bold")
            table.add_column("post", no_wrap=True)
            table.add_column("publish_at", no_wrap=True)
            table.add_column("channels", overflow="fold")
            table.add_column("file", overflow="fold")
            table.add_column("note", overflow="fold")
            for change, row in zip(result.changes, _rows(result.changes), strict=True):
                skipped = change.action == "skipped"
                table.add_row(
                    Text(row[0], style="dim" if skipped else "bold"),
                    Text(row[1], style="dim" if skipped else "green"),
                    row[2],
                    Text(row[3], style="cyan"),
                    Text(row[4], style="yellow" if skipped else "dim"),
                )
            console.print(table)
    else:
        for change in result.changes:
            style = {"unchanged": "dim", "skipped": "yellow"}.get(change.action, "green")
            console.print(Text(change_line(change), style=style))
    for change in result.changes:
        for problem in change.forced:
            console.print(Text("  " + _problem(problem, forced=True), style="red"))
        for problem in change.warnings:
            console.print(Text("  " + _problem(problem), style="yellow"))
    console.print(Text(summary(result), style="bold"))
