"""Output formats of ``check``: each turns a :class:`CheckResult` into text.

Adding a format is adding a class to :data:`REPORTERS`. ``rich`` is imported
only when colour is wanted, so piped output and CI stay fast.

A message may quote a calendar value: the text formats show it on one line,
control characters visible, and JSON escapes them (:mod:`gc_cli.visible`).
"""

from __future__ import annotations

from itertools import groupby
from typing import ClassVar, TextIO

from gc_cli.i18n import _, ngettext, translated
from gc_cli.problems import Problem
from gc_cli.render.common import Output
from gc_cli.rules.check import CheckResult
from gc_cli.visible import json_dump, one_line, visible


def summary(result: CheckResult) -> str:
    """One line: how many errors and warnings, in how many files and posts."""
    files = ngettext("{n} file", "{n} files", result.files).format(n=result.files)
    posts = ngettext("{n} post", "{n} posts", result.posts).format(n=result.posts)
    if not result.problems:
        return _("No problems ({files}, {posts}).").format(files=files, posts=posts)
    errors = ngettext("{n} error", "{n} errors", result.errors).format(n=result.errors)
    warnings = ngettext("{n} warning", "{n} warnings", result.warnings).format(n=result.warnings)
    return _("{errors}, {warnings} ({files}, {posts}).").format(
        errors=errors, warnings=warnings, files=files, posts=posts
    )


def _severity(severity: str) -> str:
    return _("error") if severity == "error" else _("warning")


def _suffix(problem: Problem) -> str:
    about = " · ".join(x for x in (problem.post, problem.channel) if x)
    return one_line(f" [{problem.code}{' · ' + about if about else ''}]")


def _message(problem: Problem) -> str:
    """The problem's message for a person, on one line (it may quote a value)."""
    return one_line(translated(problem.message))


#: The most characters of the line at fault shown before and after the caret.
_BEFORE, _AFTER = 56, 40


def pointer(problem: Problem) -> tuple[str, str] | None:
    """The line at fault and a caret under the column, for a problem that has it:
    ``("  3 |     title: a: b", "    |            ^")``. Control characters are shown,
    a tab as ``→`` (one column, so that the caret stays under it)."""
    if problem.excerpt is None:
        return None
    from gc_cli.render.common import cell_width

    line = problem.excerpt.replace("\t", "→")
    cut = problem.column - 1
    before, after = line[:cut], line[cut:]
    if len(before) > _BEFORE:
        before = "…" + before[-(_BEFORE - 1) :]
    if len(after) > _AFTER:
        after = after[: _AFTER - 1] + "…"
    before, after = visible(before), visible(after)
    gutter = f"{problem.line} | "
    return (
        f"{gutter}{before}{after}".rstrip(),
        " " * (len(gutter) - 2) + "| " + " " * cell_width(before) + "^",
    )


def problem_line(problem: Problem) -> str:
    """``file:line:col: error: message [code · post · channel]``, on one line."""
    return (
        f"{one_line(problem.file)}:{problem.line}:{problem.column}: "
        f"{_severity(problem.severity)}: {_message(problem)}{_suffix(problem)}"
    )


class Reporter:
    """Writes a check result to a stream."""

    name: ClassVar[str]

    def __init__(self, stream: TextIO, *, color: bool = False) -> None:
        self.stream = stream
        self.color = color

    def report(self, result: CheckResult) -> None:
        raise NotImplementedError


class TextReporter(Reporter):
    """For people: grouped by file, ``file:line:col``, a summary line; coloured in a terminal."""

    name = "text"

    def report(self, result: CheckResult) -> None:
        if self.color:
            self._rich(result)
            return
        write = self.stream.write
        for file, problems in groupby(result.problems, key=lambda p: p.file):
            write(f"{one_line(file)}\n")
            for p in problems:
                write(f"  {problem_line(p)}\n")
                shown = pointer(p)
                if shown is not None:
                    write("".join(f"    {line}\n" for line in shown))
            write("\n")
        write(summary(result) + "\n")

    def _rich(self, result: CheckResult) -> None:
        # The stylish layout of linters: the file as a heading, then aligned
        # columns; a long message wraps inside its own column.
        from rich.console import Console
        from rich.table import Table
        from rich.text import Text

        console = Console(file=self.stream, highlight=False)
        for file, problems in groupby(result.problems, key=lambda p: p.file):
            console.print(Text(one_line(file), style="bold underline"))
            grid = Table.grid(padding=(0, 2))
            grid.add_column(justify="right", style="cyan", no_wrap=True)
            grid.add_column(no_wrap=True)
            grid.add_column(overflow="fold")
            for p in problems:
                severity = Text(_severity(p.severity), style="bold red" if p.is_error else "yellow")
                message = Text(_message(p))
                message.append("\n" + _suffix(p).strip(" []"), style="dim")
                shown = pointer(p)
                if shown is not None:
                    message.append("\n" + shown[0])
                    message.append("\n" + shown[1], style="bold red")
                grid.add_row(f"{p.line}:{p.column}", severity, message)
            console.print(grid)
            console.print()
        if not result.problems:
            console.print(Text("✓ " + summary(result), style="bold green"))
        else:
            style = "bold red" if result.errors else "bold yellow"
            console.print(Text(("✗ " if result.errors else "! ") + summary(result), style=style))


class JsonReporter(Reporter):
    """For scripts: the object of docs/json.md, nothing else on stdout."""

    name = "json"

    def report(self, result: CheckResult) -> None:
        document = {
            "ok": result.ok,
            "errors": result.errors,
            "warnings": result.warnings,
            "files": result.files,
            "posts": result.posts,
            "problems": [p.to_dict() for p in result.problems],
        }
        json_dump(document, self.stream)


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


class GithubReporter(Reporter):
    """GitHub Actions workflow commands: annotations on the pull request's diff."""

    name = "github"

    def report(self, result: CheckResult) -> None:
        for p in result.problems:
            # Escaping per the runner's workflow-command rules (actions/toolkit, command.ts).
            # The log viewer reads ANSI colours: every control character is shown.
            self.stream.write(
                f"::{p.severity} file={visible(_escape_property(p.file))},line={p.line},"
                f"col={p.column},title={_escape_property(p.code)}::"
                f"{visible(_escape_data(translated(p.message))) + _suffix(p)}\n"
            )
        self.stream.write(summary(result) + "\n")


REPORTERS: dict[str, type[Reporter]] = {
    cls.name: cls for cls in (TextReporter, JsonReporter, GithubReporter)
}


def render(result: CheckResult, out: Output) -> None:
    """Write ``result`` in ``out.format``: a key of :data:`REPORTERS`."""
    REPORTERS[out.format](out.stream, color=out.color).report(result)
