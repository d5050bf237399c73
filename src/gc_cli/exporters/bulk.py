"""What the three bulk-upload files share: which publications go in, and the tools' limits.

A bulk-upload file is for one channel (``--channel``): its messages are the
text of that channel. A publication goes in only when

1. its status is ``ready`` or ``scheduled`` (an idea or a draft is not
   finished; a published post is done);
2. it has a time, not just a day;
3. ``check`` finds no error on it for that channel (its other channels'
   errors do not stop it);
4. it has a text for the channel;
5. no cell would start a spreadsheet formula (see
   :mod:`gc_cli.exporters.tabular`: the tool would publish the apostrophe
   that neutralises it in the ``csv`` export, so the post is left out instead);
6. it meets the tool's own rules (:class:`ToolRules`): far enough ahead of
   now, on the tool's grid of minutes, not the same message as an earlier
   row, far enough from the previous row.

Everything else is left out with the reason, for the command to print. A
file that would hold more rows than the tool accepts is refused
(:class:`~gc_cli.errors.Refused`): a silently cut file would drop posts.

Times are the local wall time in the root's zone: the tools read them in the
zone of the account that uploads the file.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from gc_cli.errors import Refused
from gc_cli.exporters.base import ExportContext, LeftOut
from gc_cli.exporters.tabular import formula_start
from gc_cli.views import Item

#: Statuses that go to a publishing tool.
SENDABLE = frozenset({"ready", "scheduled"})


@dataclass(frozen=True, slots=True)
class ToolRules:
    """The limits a tool puts on one bulk file (each with its source where it is set)."""

    tool: str
    max_rows: int | None = None
    #: Times must fall on this grid of minutes (Hootsuite: 5).
    grid_minutes: int | None = None
    #: The earliest time a row may have, from now (the tool's own check at upload).
    min_ahead: timedelta = timedelta(0)
    #: Rows must be at least this far apart (Sprout: 10 minutes).
    min_spacing: timedelta | None = None
    #: No two rows may carry the same message (Hootsuite).
    unique_messages: bool = False


@dataclass(frozen=True, slots=True)
class Row:
    """A publication as it goes in a bulk file: its local time, message, link and tags."""

    item: Item
    when: datetime  # aware, in the root's zone: its wall time is what the file says
    message: str
    link: str
    tags: tuple[str, ...]


def _folded(text: str) -> str:
    """A message as a tool compares them: NFC, whitespace runs folded, case kept."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def _moment(when: datetime) -> str:
    return f"{when:%Y-%m-%d %H:%M}"


def _errors(context: ExportContext, item: Item, channel: str) -> list[str]:
    """The codes of ``check``'s errors on ``item`` that concern ``channel``."""
    codes = [
        p.code
        for p in context.problems_of(item)
        if p.severity == "error" and p.channel in (None, channel)
    ]
    return list(dict.fromkeys(codes))


def select_rows(
    context: ExportContext,
    rules: ToolRules,
    *,
    cells: Callable[[Row], Sequence[str]],
) -> tuple[list[Row], list[LeftOut]]:
    """The rows of ``context``'s publications for ``rules.tool``, and what is left out.

    ``cells`` gives the user-written cells of a row as the tool's file will
    hold them, to find one that would start a spreadsheet formula.
    """
    channel = context.channel
    assert channel is not None  # the export requires --channel for bulk formats
    tool = rules.tool
    rows: list[Row] = []
    left: list[LeftOut] = []
    earliest = context.now + rules.min_ahead
    seen: dict[str, Row] = {}

    def leave(item: Item, reason: str, error: bool = False) -> None:
        left.append(LeftOut.of(item, reason, channel=channel, error=error))

    for item in context.items:
        post = item.post
        if post.status not in SENDABLE:
            leave(item, f"status is {post.status}: only ready and scheduled posts go to {tool}")
            continue
        when = item.when
        if not isinstance(when, datetime):
            leave(item, "has a day but no time yet")
            continue
        errors = _errors(context, item, channel)
        if errors:
            leave(
                item,
                f"has errors ({', '.join(errors)}): gc-cli check shows them",
                error=True,
            )
            continue
        text = post.text_for(channel)
        if not text or not text.strip():
            leave(item, f"has no text for {channel}")
            continue
        row = Row(item, when, text.strip("\n"), post.link or "", tuple(post.tags))
        risky = next((cell for cell in cells(row) if formula_start(cell)), None)
        if risky is not None:
            leave(
                item,
                f"a cell starts with {risky[:1]!r}, which a spreadsheet runs as a formula; "
                f"{tool} would publish it as written, so start that text with another character",
            )
            continue
        if when < earliest:
            if when <= context.now:
                leave(item, f"its time {_moment(when)} has passed")
            else:
                minutes = int(rules.min_ahead.total_seconds() // 60)
                leave(
                    item,
                    f"goes out at {when:%H:%M}, less than {minutes} minutes from now: "
                    f"{tool} refuses it",
                )
            continue
        grid = rules.grid_minutes
        if grid and (when.minute % grid or when.second or when.microsecond):
            leave(
                item,
                f"{when:%H:%M} is off {tool}'s {grid}-minute grid "
                f"(the minutes must be a multiple of {grid}): move it",
            )
            continue
        if rules.unique_messages:
            key = _folded(row.message)
            first = seen.get(key)
            if first is not None:
                leave(
                    item,
                    f"same message as {first.item.id} at {_moment(first.when)}: "
                    f"{tool} refuses a message twice in one file",
                )
                continue
            seen[key] = row
        spacing = rules.min_spacing
        if spacing is not None and rows and when - rows[-1].when < spacing:
            previous = rows[-1]
            minutes = int(spacing.total_seconds() // 60)
            leave(
                item,
                f"less than {minutes} minutes after {previous.item.id} at "
                f"{_moment(previous.when)}: {tool} needs {minutes} minutes between messages",
            )
            continue
        rows.append(row)
    if rules.max_rows is not None and len(rows) > rules.max_rows:
        raise Refused(
            f"{len(rows)} posts on {channel} for {tool}, which takes at most {rules.max_rows} "
            "in one file: nothing was written; export a shorter window (--days N, or "
            "--from D --to D) and upload the files one after the other"
        )
    return rows, left
