"""How ``new`` and ``import`` show what they wrote, would write, or refused.

Plain lines, one per post or problem, each kept on one line whatever the
input held (:mod:`gc_cli.visible`); with ``--dry-run``, the unified diff of
every file that would change, for review before anything is written.
"""

from __future__ import annotations

import difflib

from gc_cli.i18n import _, ngettext, translated
from gc_cli.planning.importing import ImportResult
from gc_cli.planning.schedule import severity_label
from gc_cli.planning.sheets import RowProblem
from gc_cli.problems import Problem
from gc_cli.render.common import Output
from gc_cli.visible import one_line


def problem_line(p: Problem | RowProblem) -> str:
    """A problem as ``check`` prints it: file:line:column: severity: message [code · post]."""
    about = " · ".join(x for x in (p.code, p.post, p.channel) if x)
    where = f"{p.file}:{p.line}:{p.column}: " if p.file else ""
    return one_line(f"{where}{severity_label(p.severity)}: {translated(p.message)} [{about}]")


def render(result: ImportResult, out: Output) -> None:
    """The posts added, updated and known, the problems, and the diff of a dry run."""
    write = out.stream.write
    for problem in sorted(result.problems):
        write(problem_line(problem) + "\n")
    if result.problems:
        count = len(result.problems)
        write(
            ngettext(
                "{count} problem in {file}; nothing written",
                "{count} problems in {file}; nothing written",
                count,
            ).format(count=count, file=result.source)
            + "\n"
        )
        return
    for name, before, after in result.diffs:
        lines = difflib.unified_diff(
            before.splitlines(keepends=True),
            after.splitlines(keepends=True),
            f"a/{name}" if before else "/dev/null",
            f"b/{name}",
        )
        for line in lines:
            write(one_line(line.rstrip("\r\n")) + "\n")
    added = (
        _("would add {id} ({file}:{line})") if result.dry_run else _("added {id} ({file}:{line})")
    )
    updated = (
        _("would update {id} ({file}:{line})")
        if result.dry_run
        else _("updated {id} ({file}:{line})")
    )
    for template, placed in ((added, result.added), (updated, result.updated)):
        for post in placed:
            write(one_line(template.format(id=post.id, file=post.file, line=post.line)) + "\n")
    for post_id, found in result.known:
        if post_id == found:
            text = _("{id} is already in the calendar; left as it is").format(id=post_id)
        else:
            text = _("{id} is already in the calendar as {found}; left as it is").format(
                id=post_id, found=found
            )
        write(one_line(text) + "\n")
    for issue in sorted(result.check):
        write(problem_line(issue) + "\n")
    if not result.dry_run:
        total = len(result.added) + len(result.updated)
        write(
            ngettext(
                "{count} post written, {known} already there",
                "{count} posts written, {known} already there",
                total,
            ).format(count=total, known=len(result.known))
            + "\n"
        )
