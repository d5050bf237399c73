"""How ``schedule`` shows what it did: a table in a terminal, plain lines when piped.

``rich`` is imported only for a terminal, so piped output and scripts stay fast.
Each line is one line whatever the calendar holds: ids, file names and
reasons are shown with their control characters visible (:mod:`gc_cli.visible`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from gc_cli.i18n import N_, _, ngettext, translated
from gc_cli.planning.schedule import Change, ScheduleResult, describe, severity_label
from gc_cli.problems import Problem
from gc_cli.render.common import Output
from gc_cli.visible import one_line

#: What happens to the post's publish_at line (LineEdit.action), for people.
_LINE_ACTIONS = {
    "insert": N_("line added"),
    "replace": N_("line changed"),
    "remove": N_("line removed"),
}


def problem_line(p: Problem, forced: bool = False) -> str:
    about = " · ".join(x for x in (p.code, p.post, p.channel) if x)
    severity = severity_label(p.severity)
    if forced:
        severity = _("{severity} (written with --force)").format(severity=severity)
    return one_line(f"{p.file}:{p.line}:{p.column}: {severity}: {translated(p.message)} [{about}]")


def written_line(change: Change) -> int | None:
    """The line of the file that holds (or held) the new ``publish_at``."""
    edit = change.edit
    if edit is None:
        return None
    return edit.line + 1 if edit.action == "insert" else edit.line


def change_line(change: Change) -> str:
    """One sentence about one post: what happens to its publish_at, and where."""
    return one_line(_change_sentence(change))


def _change_sentence(change: Change) -> str:
    post = change.post_id
    if change.occurrence is not None:
        return _occurrence_sentence(change)
    if change.action == "unchanged":
        return _("{post}: nothing to change ({reason})").format(post=post, reason=change.reason)
    if change.action == "skipped":
        return _("{post}: skipped: {reason}").format(post=post, reason=change.reason)
    where = f"{change.file}:{written_line(change)}"
    kind = _(_LINE_ACTIONS[change.edit.action]) if change.edit else ""
    if change.action == "clear":
        template = _("{post}: publish_at removed (was {before}) — {where}, {kind}")
    elif change.action == "move":
        template = _("{post}: publish_at moved to {after} (was {before}) — {where}, {kind}")
    else:
        template = _("{post}: publish_at set to {after} — {where}, {kind}")
    return template.format(
        post=post, after=change.text, before=describe(change.before), where=where, kind=kind
    )


def _occurrence_sentence(change: Change) -> str:
    """What happens to one occurrence: skipped, moved, or back where the rule has it."""
    name = f"{change.post_id}@{change.occurrence}"
    if change.action == "unchanged":
        return _("{post}: nothing to change ({reason})").format(post=name, reason=change.reason)
    where = f"{change.file}:{written_line(change) or change.line}"
    if change.action == "skip":
        return _("{post}: skipped — {where}").format(post=name, where=where)
    if change.action == "move":
        return _("{post}: moved to {after} (was {before}) — {where}").format(
            post=name, after=change.text, before=describe(change.before), where=where
        )
    return _("{post}: back at {after}, where its repeat rule has it — {where}").format(
        post=name, after=describe(change.after), where=where
    )


def summary(result: ScheduleResult) -> str:
    """The closing line: how many posts, in how many files, written or not."""
    # Whole sentences per case, counted on the word they agree with (French
    # participles agree in number: "1 publication planifiée", "2 ... planifiées").
    planned = result.planned
    posts = len(planned)
    count = len({c.file for c in planned})
    files = ngettext("{n} file", "{n} files", count).format(n=count)
    dry = result.dry_run
    skipped = sum(1 for c in result.changes if c.action == "skipped")
    if result.auto:
        if planned and dry:
            text = ngettext(
                "{n} post to schedule in {files}", "{n} posts to schedule in {files}", posts
            ).format(n=posts, files=files)
        elif planned:
            text = ngettext(
                "{n} post scheduled in {files}", "{n} posts scheduled in {files}", posts
            ).format(n=posts, files=files)
        else:
            text = _("No post to schedule")
        if skipped:
            text = _("{summary}, {skipped}").format(
                summary=text,
                skipped=ngettext("{n} skipped", "{n} skipped", skipped).format(n=skipped),
            )
    elif planned:
        if dry:
            text = ngettext("{n} file to change", "{n} files to change", count).format(n=count)
        else:
            text = ngettext("{n} file changed", "{n} files changed", count).format(n=count)
    else:
        text = _("Nothing to change")
    if planned and dry:
        text = _("{summary} — dry run: nothing written").format(summary=text)
    return text + "."  # the full stop is the same in both languages


def _window(result: ScheduleResult) -> str | None:
    if result.window is None:
        return None
    begin, end = result.window
    zone = getattr(begin.tzinfo, "key", str(begin.tzinfo))
    return _("Slots from {begin:%Y-%m-%d %H:%M} to {end:%Y-%m-%d %H:%M} ({zone}).").format(
        begin=begin, end=end, zone=zone
    )


def _rows(changes: Sequence[Change]) -> list[tuple[str, str, str, str, str]]:
    rows = []
    for c in changes:
        when = c.text if c.writes and c.text else "—"
        if c.action == "skipped":
            note = _("skipped: {reason}").format(reason=c.reason)
        elif c.action == "move":
            note = _("was {before}").format(before=describe(c.before))
        else:
            note = ""
        post, channels, file, note = (
            one_line(x) for x in (c.post_id, ", ".join(c.channels), c.file, note)
        )
        rows.append((post, when, channels, file, note))
    return rows


#: The columns of the --auto table. ``publish_at`` is the key of the post
#: files, so it is written as it is in every language.
HEADERS = (N_("post"), "publish_at", N_("channels"), N_("file"), N_("note"))


def headers() -> tuple[str, ...]:
    """:data:`HEADERS` in the user's language."""
    return tuple(_(header) for header in HEADERS)


def render(result: ScheduleResult, out: Output) -> None:
    """Write ``result``: rich formatting when ``out.color``, else plain text."""
    if out.color:
        _rich(result, out.stream)
        return
    write = out.stream.write
    if result.auto:
        window = _window(result)
        if window:
            write(window + "\n\n")
        rows = _rows(result.changes)
        if rows:
            titles = headers()
            widths = [max(len(r[i]) for r in [titles, *rows]) for i in range(len(titles) - 1)]
            for row in [titles, *rows]:
                cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
                write(("  ".join([*cells, row[-1]])).rstrip() + "\n")
            write("\n")
    else:
        for change in result.changes:
            write(change_line(change) + "\n")
    for change in result.changes:
        for problem in change.forced:
            write(f"  {problem_line(problem, forced=True)}\n")
        for problem in change.warnings:
            write(f"  {problem_line(problem)}\n")
    write(summary(result) + "\n")


def _rich(result: ScheduleResult, stream: TextIO) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console(file=stream, highlight=False)
    if result.auto:
        window = _window(result)
        if window:
            console.print(Text(window, style="dim"))
        if result.changes:
            table = Table(show_edge=False, pad_edge=False, box=None, header_style="bold")
            post, publish_at, channels, file, note = headers()
            table.add_column(post, no_wrap=True)
            table.add_column(publish_at, no_wrap=True)
            table.add_column(channels, overflow="fold")
            table.add_column(file, overflow="fold")
            table.add_column(note, overflow="fold")
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
            console.print(Text("  " + problem_line(problem, forced=True), style="red"))
        for problem in change.warnings:
            console.print(Text("  " + problem_line(problem), style="yellow"))
    console.print(Text(summary(result), style="bold"))
