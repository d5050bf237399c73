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

Everything else is left out with the reason (a :class:`~gc_cli.i18n.Message`,
shown in the user's language), for the command to print. A
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
from gc_cli.i18n import Message, _
from gc_cli.query.select import Item

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

    def leave(item: Item, reason: Message, error: bool = False) -> None:
        left.append(LeftOut.of(item, reason, channel=channel, error=error))

    for item in context.items:
        post = item.post
        if item.status not in SENDABLE:
            leave(
                item,
                Message(
                    "status is {status}: only ready and scheduled posts go to {tool}",
                    status=item.status,
                    tool=tool,
                ),
            )
            continue
        name = f"{item.id}@{item.occurrence}" if item.occurrence else item.id
        if context.handing_over and item.status == "scheduled":
            leave(
                item,
                Message(
                    "already scheduled: handed over to a publishing tool before; to hand it "
                    "over again, mark it ready first (gc-cli mark {post} ready)",
                    post=name,
                ),
            )
            continue
        if context.handing_over and channel in item.scheduled_on:
            leave(
                item,
                Message(
                    "already handed over on {channel} by an earlier export (scheduled_on); "
                    "to hand it over again, mark it ready first (gc-cli mark {post} ready)",
                    channel=channel,
                    post=name,
                ),
            )
            continue
        when = item.when
        if not isinstance(when, datetime):
            leave(item, Message("has a day but no time yet"))
            continue
        errors = _errors(context, item, channel)
        if errors:
            leave(
                item,
                Message("has errors ({codes}): gc-cli check shows them", codes=", ".join(errors)),
                error=True,
            )
            continue
        text = post.text_for(channel)
        if not text or not text.strip():
            leave(item, Message("has no text for {channel}", channel=channel))
            continue
        row = Row(item, when, text.strip("\n"), post.link or "", tuple(post.tags))
        risky = next((cell for cell in cells(row) if formula_start(cell)), None)
        if risky is not None:
            leave(
                item,
                Message(
                    "a cell starts with {character}, which a spreadsheet runs as a formula; "
                    "{tool} would publish it as written, so start that text with another "
                    "character",
                    character=repr(risky[:1]),
                    tool=tool,
                ),
            )
            continue
        if when < earliest:
            if when <= context.now:
                leave(item, Message("its time {when} has passed", when=_moment(when)))
            else:
                minutes = int(rules.min_ahead.total_seconds() // 60)
                # The tools' delays are several minutes: no singular form is needed.
                leave(
                    item,
                    Message(
                        "goes out at {when:%H:%M}, less than {minutes} minutes from now: "
                        "{tool} refuses it",
                        when=when,
                        minutes=minutes,
                        tool=tool,
                    ),
                )
            continue
        grid = rules.grid_minutes
        if grid and (when.minute % grid or when.second or when.microsecond):
            leave(
                item,
                Message(
                    "{when:%H:%M} is off {tool}'s {grid}-minute grid "
                    "(the minutes must be a multiple of {grid}): move it",
                    when=when,
                    tool=tool,
                    grid=grid,
                ),
            )
            continue
        if rules.unique_messages:
            key = _folded(row.message)
            first = seen.get(key)
            if first is not None:
                leave(
                    item,
                    Message(
                        "same message as {id} at {when}: {tool} refuses a message twice in "
                        "one file",
                        id=first.item.id,
                        when=_moment(first.when),
                        tool=tool,
                    ),
                )
                continue
            seen[key] = row
        spacing = rules.min_spacing
        if spacing is not None and rows and when - rows[-1].when < spacing:
            previous = rows[-1]
            minutes = int(spacing.total_seconds() // 60)
            leave(
                item,
                Message(
                    "less than {minutes} minutes after {id} at {when}: {tool} needs "
                    "{minutes} minutes between messages",
                    minutes=minutes,
                    id=previous.item.id,
                    when=_moment(previous.when),
                    tool=tool,
                ),
            )
            continue
        rows.append(row)
    if rules.max_rows is not None and len(rows) > rules.max_rows:
        # More rows than the limit: always several posts, no singular form needed.
        raise Refused(
            _(
                "{count} posts on {channel} for {tool}, which takes at most {limit} in one "
                "file: nothing was written; export a shorter window (--days N, or --from D "
                "--to D) and upload the files one after the other"
            ).format(count=len(rows), channel=channel, tool=tool, limit=rules.max_rows)
        )
    return rows, left
