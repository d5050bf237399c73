"""How ``mark`` and ``approve`` show what they did: one line a post, then the totals.

Each line is one line whatever the calendar holds (:mod:`gc_cli.visible`);
``rich`` is imported only for a terminal with colour.
"""

from __future__ import annotations

from gc_cli.i18n import _, ngettext
from gc_cli.planning.mark import Mark, MarkResult
from gc_cli.render.common import Output
from gc_cli.render.schedule import problem_line
from gc_cli.visible import one_line


def _address(url: str | dict[str, str]) -> str:
    if isinstance(url, str):
        return url
    return ", ".join(f"{channel}: {address}" for channel, address in url.items())


def mark_line(mark: Mark) -> str:
    """One sentence about one post or occurrence: what it becomes, and where."""
    name = mark.name
    if not mark.writes and mark.snapshot is None:
        return one_line(
            _("{post}: nothing to change ({reason})").format(post=name, reason=mark.reason)
        )
    where = f"{mark.file}:{mark.line}"
    if mark.key == "approved_by":
        if mark.before:
            text = _("{post}: approved by {who} (was {before}) — {where}").format(
                post=name, who=mark.after, before=mark.before, where=where
            )
        else:
            text = _("{post}: approved by {who} — {where}").format(
                post=name, who=mark.after, where=where
            )
    elif mark.scheduled_on:
        text = _(
            "{post}: handed over on {channels}; still {status} until its other channels "
            "are — {where}"
        ).format(post=name, channels=", ".join(mark.scheduled_on), status=mark.after, where=where)
    elif mark.url and mark.after == "published":
        text = _("{post}: {before} → published, at {url} — {where}").format(
            post=name, before=mark.before, url=_address(mark.url), where=where
        )
    else:
        text = _("{post}: {before} → {after} — {where}").format(
            post=name, before=mark.before, after=mark.after, where=where
        )
    return one_line(text)


def summary(result: MarkResult) -> str:
    """The closing line: how many posts, in how many files, written or not."""
    planned = [m for m in result.marks if m.writes or m.snapshot is not None]
    count = len({m.file for m in planned})
    files = ngettext("{n} file", "{n} files", count).format(n=count)
    n = len(planned)
    approving = any(m.key == "approved_by" for m in result.marks)
    if not planned:
        text = _("Nothing to change")
    elif approving and result.dry_run:
        text = ngettext("{n} post to approve in {files}", "{n} posts to approve in {files}", n)
    elif approving:
        text = ngettext("{n} post approved in {files}", "{n} posts approved in {files}", n)
    elif result.dry_run:
        text = ngettext("{n} post to mark in {files}", "{n} posts to mark in {files}", n)
    else:
        text = ngettext("{n} post marked in {files}", "{n} posts marked in {files}", n)
    text = text.format(n=n, files=files)
    if planned and result.dry_run:
        text = _("{summary} — dry run: nothing written").format(summary=text)
    return text + "."


def render(result: MarkResult, out: Output) -> None:
    """Write ``result``: a line a post, the warnings the change creates, the totals."""
    lines: list[tuple[str, str]] = []
    for mark in result.marks:
        style = "dim" if not mark.writes and mark.snapshot is None else "green"
        lines.append((mark_line(mark), style))
        lines.extend(("  " + problem_line(p, forced=True), "red") for p in mark.forced)
        lines.extend(("  " + problem_line(p), "yellow") for p in mark.warnings)
    lines.append((summary(result), "bold"))
    if not out.color:
        out.stream.write("".join(text + "\n" for text, _style in lines))
        return
    from rich.console import Console
    from rich.text import Text

    console = Console(file=out.stream, highlight=False)
    for text, style in lines:
        console.print(Text(text, style=style))
