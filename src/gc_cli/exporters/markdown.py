"""``markdown``: a review document grouped by day, for a pull request or an email.

CommonMark (GitHub, GitLab and most mail clients with Markdown render it):
a ``##`` heading per day, a ``###`` heading per publication with its time
and title, a list of facts (channels, kind, status, owner, link, images,
and what ``check`` says), then the text as a quote, line breaks kept.

Calendar text is shown, never interpreted: every character that Markdown
would read as markup where it stands is escaped with a backslash — emphasis,
code, links and images, raw HTML (``<script>`` stays text), entities, and at
the start of a line headings, quotes, list items, rules and code blocks —
so a post can neither break the layout nor inject anything. A value shown
inside a line (a campaign, a name, a path, a channel) has its line breaks
folded into spaces, so it cannot start a heading or a list of its own, and
control characters are shown (``␛`` for ESC, see :mod:`gc_cli.visible`)
throughout the document.
"""

from __future__ import annotations

import re

from gc_cli.exporters.base import ExportContext, Rendered
from gc_cli.exporters.links import encoded, web_link
from gc_cli.exporters.review import (
    by_day,
    heading,
    kind_name,
    labels,
    owner_label,
    problems_of,
    series_label,
    status_name,
    subtitle,
    time_label,
)
from gc_cli.i18n import _, translated
from gc_cli.query.select import Item
from gc_cli.visible import one_line as flat
from gc_cli.visible import visible

#: Markup anywhere in a line: escapes, code, emphasis, links/images, raw HTML,
#: strikethrough and table cells (GitHub).
_INLINE = re.compile(r"([\\`*_\[\]<>~|])")
#: ``&copy;``, ``&#42;``: an entity would show as another character.
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
#: At the start of a line: a heading (``# ``, but not a hashtag), a list item (``- ``, ``+ ``).
_LINE_START = re.compile(r"^(#{1,6}|[+\-])(?=[ \t]|$)")
#: ``1.`` or ``1)`` followed by a space or the end: an ordered list item.
_ORDERED = re.compile(r"^(\d{1,9})([.)])(?=\s|$)")
#: A line of only ``=`` or ``-`` (spaces allowed) turns the previous line into a heading.
_SETEXT = re.compile(r"^[=\-][=\- \t]*$")


def escape_inline(text: str) -> str:
    """``text`` on one line (line breaks folded), every inline markup character escaped."""
    return _ENTITY.sub(r"\\&", _INLINE.sub(r"\\\1", flat(text, terminal=False)))


def escape_line(line: str) -> str:
    """One line of calendar text, safe at the start of a Markdown line.

    Leading spaces are dropped (four would start a code block; HTML
    collapses them anyway), then inline markup and line-start markup are
    escaped.
    """
    line = line.lstrip(" \t")
    if _SETEXT.match(line):
        return "\\" + escape_inline(line)
    escaped = escape_inline(line)
    escaped = _ORDERED.sub(r"\1\\\2", escaped)
    return _LINE_START.sub(lambda m: "\\" + m[1], escaped)


def one_line(text: str) -> str:
    """A title or a message on one line (headings and list items cannot hold a break).

    ``#`` is escaped too: at the end of a heading it would be taken for the
    heading's closing marks and dropped.
    """
    return escape_inline(" ".join(text.split())).replace("#", "\\#")


#: Whitespace that :func:`our_line` folds: all but the no-break spaces.
_FOLDED = re.compile(r"[^\S\u00a0\u202f]+")


def our_line(text: str) -> str:
    """A sentence of gc-cli's on one line, like :func:`one_line`, its no-break
    spaces kept: French puts them before ":" and ";", and they must not
    become a line break there."""
    return escape_inline(_FOLDED.sub(" ", text).strip()).replace("#", "\\#")


def quote_block(text: str) -> list[str]:
    """``text`` as a block quote: each line kept (hard breaks), blank lines as paragraphs."""
    lines = text.strip("\n").splitlines()
    out: list[str] = []
    for index, line in enumerate(lines):
        if not line.strip():
            out.append(">")
            continue
        escaped = escape_line(line)
        following = index + 1 < len(lines) and lines[index + 1].strip()
        # A backslash at the end of a line is CommonMark's hard line break.
        out.append(f"> {escaped}\\" if following else f"> {escaped}")
    return out


def autolink(link: str) -> str:
    """``<https://...>``, characters that would end or break an autolink percent-encoded."""
    return f"<{encoded(link)}>"


def _item(item: Item, context: ExportContext, words: dict[str, str]) -> list[str]:
    post = item.post
    lines = [f"### {time_label(item)} · {one_line(post.title)}{series_label(item)}", ""]
    channels = escape_inline(", ".join(post.channels)) or _("none")
    # Labels are bold, values escaped: a label is ours, a value is calendar text.
    facts = [
        f"**{words['channels']}** {channels}",
        f"**{words['kind']}** {kind_name(post.kind)} · **{words['status']}** "
        f"{status_name(item.status)} · "
        f"**{words['owner']}** {escape_inline(owner_label(item, context.calendar))}",
        f"**{words['id']}** {escape_inline(post.id)}"
        + (f" · **{words['campaign']}** {escape_inline(post.campaign)}" if post.campaign else ""),
    ]
    link = web_link(post.link)
    if link:
        facts.append(f"**{words['link']}** {autolink(link)}")
    elif post.link:
        facts.append(f"**{words['link']}** {one_line(post.link)}")
    for image in post.images:
        alt = f" — {one_line(image.alt)}" if image.alt else f" — {words['no_alt']}"
        facts.append(f"**{words['image']}** {escape_inline(image.path)}{alt}")
    for problem in problems_of(context, item):
        severity = _("Error") if problem.severity == "error" else _("Warning")
        on = f" ({problem.channel})" if problem.channel else ""
        facts.append(f"**{severity}** {problem.code}{on}: {our_line(translated(problem.message))}")
    lines.extend(f"- {fact}" for fact in facts)
    lines.append("")
    if post.text and post.text.strip():
        lines.extend(quote_block(post.text))
    else:
        lines.append(f"*{words['no_text']}*")
    lines.append("")
    for channel, text in post.channel_text.items():
        lines.append(_("Text on {channel}:").format(channel=escape_inline(channel)))
        lines.append("")
        lines.extend(quote_block(text) if text.strip() else [f"*{words['empty']}*"])
        lines.append("")
    return lines


def export(context: ExportContext) -> Rendered:
    """The document: a title, then each day's publications, then what was left out."""
    words = labels()
    lines = [f"# {heading(context)}", "", subtitle(context), ""]
    days = by_day(context.items)
    if not days:
        lines += [words["nothing"], ""]
    for day in days:
        lines += [f"## {day.label}", ""]
        for item in day.items:
            lines += _item(item, context, words)
    if context.left_out:
        lines += [f"## {words['left_out']}", ""]
        lines += [f"- {our_line(left.describe())}" for left in context.left_out]
        lines.append("")
    text = visible("\n".join(lines).rstrip("\n") + "\n", terminal=False)
    return Rendered(text.encode("utf-8"), len(context.items))
