"""What the bulk-upload files share: which publications go in, what they say, the tools' limits.

A bulk-upload file is the hand-off to a publishing tool: what it holds is
what the networks will publish. So a row holds exactly what ``check``
measured (:func:`gc_cli.store.textcount.published_text`): the channel's text
as written — a leading ``@``, ``-``, ``+`` or ``=`` included, since these
files are for the tool and not for a spreadsheet — and the post's link where
the channel takes links in the text, else in the tool's link column.

A publication goes in only when

1. its status is ``ready`` or ``scheduled`` (an idea or a draft is not
   finished; a published post is done);
2. it has a time, not just a day;
3. ``check`` finds no error on it for that channel (its other channels'
   errors do not stop it);
4. it has a text for the channel;
5. the file can carry it: its link (a tool without a link column gets it
   in the text, which must then still fit), and its pictures (their
   public addresses, from ``image_base_url``) where the channel needs one;
6. it meets the tool's own rules (:class:`ToolRules`): far enough ahead of
   now, on the tool's grid of minutes, not the same message as an earlier
   row, far enough from the previous row.

Everything else is left out with the reason (a :class:`~gc_cli.i18n.Message`,
shown in the user's language), for the command to print; a ready or
scheduled publication left out makes the command exit 1, since it will not
be published. A file that would hold more rows than the tool accepts is
refused (:class:`~gc_cli.errors.Refused`): a silently cut file would drop posts.

Times are the local wall time in the root's zone: the tools read them in the
zone of the account that uploads the file.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from gc_cli.errors import Refused
from gc_cli.exporters.base import ExportContext, LeftOut
from gc_cli.i18n import Message, _, ngettext
from gc_cli.query.select import Item
from gc_cli.store.textcount import published_text, text_bytes, text_length
from gc_cli.store.weburl import image_url

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
    #: The file has a column for a link: on a ``card`` channel the link goes
    #: there, beside the text. Without one, it goes at the end of the text.
    link_column: bool = False
    #: Filling the link column makes a link post of a post with pictures, which
    #: then go unpublished (Publer): with pictures, the link goes in the text.
    link_drops_pictures: bool = False
    #: The file has columns for pictures (their public addresses).
    pictures: bool = False
    #: The most pictures one row holds (None: the tool states no limit).
    max_pictures: int | None = None


@dataclass(frozen=True, slots=True)
class Picture:
    """An attachment as a bulk file holds it: its public address and its alt text."""

    url: str
    alt: str


@dataclass(frozen=True, slots=True)
class Row:
    """A publication as it goes in a bulk file: when, what it says, its link and pictures."""

    item: Item
    channel: str
    when: datetime  # aware, in the root's zone: its wall time is what the file says
    #: What is published: the text, with the link where it goes in the text.
    message: str
    #: The link for the tool's link column; empty when it is in the message (or none).
    link: str
    tags: tuple[str, ...]
    pictures: tuple[Picture, ...] = ()


@dataclass
class Selection:
    """The rows of a bulk file, what is left out and why, and notes for the person."""

    rows: list[Row] = field(default_factory=list)
    left_out: list[LeftOut] = field(default_factory=list)
    #: Per channel, the publications written without their pictures: the file
    #: cannot hold them, or they have no public address.
    unpictured: dict[str, list[str]] = field(default_factory=dict)
    no_address: dict[str, list[str]] = field(default_factory=dict)

    def leave(
        self, item: Item, channel: str, reason: Message, *, error: bool | None = None
    ) -> None:
        """``item`` is not in the file: an error (exit 1) unless it was not due to go."""
        if error is None:
            error = item.status in SENDABLE
        self.left_out.append(LeftOut.of(item, reason, channel=channel, error=error))

    def notes(self, tool: str) -> list[str]:
        """One sentence per channel whose posts go without their pictures."""
        lines = []
        for channel, ids in self.no_address.items():
            lines.append(
                ngettext(
                    "{n} publication on {channel} goes without its pictures, which have no "
                    "public address: set image_base_url in settings.yaml (or give "
                    "--image-base-url) so that {tool} can download them",
                    "{n} publications on {channel} go without their pictures, which have no "
                    "public address: set image_base_url in settings.yaml (or give "
                    "--image-base-url) so that {tool} can download them",
                    len(ids),
                ).format(n=len(ids), channel=channel, tool=tool)
            )
        for channel, ids in self.unpictured.items():
            lines.append(
                ngettext(
                    "{n} publication on {channel} goes without its pictures, which {tool}'s "
                    "file cannot hold: add them in {tool} after the upload ({ids})",
                    "{n} publications on {channel} go without their pictures, which {tool}'s "
                    "file cannot hold: add them in {tool} after the upload ({ids})",
                    len(ids),
                ).format(n=len(ids), channel=channel, tool=tool, ids=", ".join(dict.fromkeys(ids)))
            )
        return lines


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


def candidate(
    context: ExportContext, rules: ToolRules, item: Item, channel: str, selection: Selection
) -> Row | None:
    """``item``'s row on ``channel``, or None (left out in ``selection``, with the reason).

    Steps 1 to 5 of the module's list and the time rules that concern one
    row alone (passed, too soon, off the grid).
    """
    tool = rules.tool
    post = item.post

    def leave(reason: Message, *, error: bool | None = None) -> None:
        selection.leave(item, channel, reason, error=error)

    if item.status not in SENDABLE:
        leave(
            Message(
                "status is {status}: only ready and scheduled posts go to {tool}",
                status=item.status,
                tool=tool,
            )
        )
        return None
    name = f"{item.id}@{item.occurrence}" if item.occurrence else item.id
    # Handed over already: leaving it out is what --mark is for, not a fault.
    if context.handing_over and item.status == "scheduled":
        leave(
            Message(
                "already scheduled: handed over to a publishing tool before; to hand it "
                "over again, mark it ready first (gc-cli mark {post} ready)",
                post=name,
            ),
            error=False,
        )
        return None
    if context.handing_over and channel in item.scheduled_on:
        leave(
            Message(
                "already handed over on {channel} by an earlier export (scheduled_on); "
                "to hand it over again, mark it ready first (gc-cli mark {post} ready)",
                channel=channel,
                post=name,
            ),
            error=False,
        )
        return None
    when = item.when
    if not isinstance(when, datetime):
        leave(Message("has a day but no time yet"))
        return None
    errors = _errors(context, item, channel)
    profile = context.calendar.profiles.get(channel)
    if errors or profile is None:
        leave(
            Message(
                "has errors ({codes}): gc-cli check shows them",
                codes=", ".join(errors or ["unknown-channel"]),
            )
        )
        return None
    text = post.text_for(channel)
    if not text or not text.strip():
        leave(Message("has no text for {channel}", channel=channel))
        return None
    link = post.link or ""
    beside = (
        rules.link_column
        and profile.link == "card"
        and not (rules.link_drops_pictures and post.images)
    )
    message = published_text(text, link, profile, link_in_text=not beside)
    if link and profile.link == "card" and not beside:
        # check measured the text alone (the link goes beside it on this
        # channel); here the link goes in the text, which must still fit.
        length = text_length(message, profile)
        size = text_bytes(message)
        too_big = profile.max_text_bytes is not None and size > profile.max_text_bytes
        if length > profile.max_text or too_big:
            leave(
                Message(
                    "{tool} puts the link in the text, which then counts {length} on "
                    "{label}, over its limit of {limit}: shorten the text",
                    tool=tool,
                    length=length if not too_big else size,
                    label=profile.label,
                    limit=profile.max_text if not too_big else profile.max_text_bytes,
                )
            )
            return None
    pictures: tuple[Picture, ...] = ()
    if post.images:
        base = context.image_base_url
        if not rules.pictures:
            if profile.requires_image:
                leave(
                    Message(
                        "{label} publishes only posts with a picture, and {tool}'s file has "
                        "no column for pictures: schedule this one in {tool} itself",
                        label=profile.label,
                        tool=tool,
                    )
                )
                return None
            selection.unpictured.setdefault(channel, []).append(item.id)
        elif base is None:
            if profile.requires_image:
                leave(
                    Message(
                        "{label} publishes only posts with a picture, and the pictures have "
                        "no public address for {tool}: set image_base_url in settings.yaml "
                        "or give --image-base-url",
                        label=profile.label,
                        tool=tool,
                    )
                )
                return None
            selection.no_address.setdefault(channel, []).append(item.id)
        elif rules.max_pictures is not None and len(post.images) > rules.max_pictures:
            leave(
                Message(
                    "{count} pictures, and {tool}'s file takes at most {most} per post: "
                    "schedule this one in {tool} itself",
                    count=len(post.images),
                    tool=tool,
                    most=rules.max_pictures,
                )
            )
            return None
        else:
            pictures = tuple(
                Picture(image_url(base, image.path), image.alt or "") for image in post.images
            )
    earliest = context.now + rules.min_ahead
    if when < earliest:
        if when <= context.now:
            leave(Message("its time {when} has passed", when=_moment(when)))
        else:
            minutes = int(rules.min_ahead.total_seconds() // 60)
            # The tools' delays are several minutes: no singular form is needed.
            leave(
                Message(
                    "goes out at {when:%H:%M}, less than {minutes} minutes from now: "
                    "{tool} refuses it",
                    when=when,
                    minutes=minutes,
                    tool=tool,
                )
            )
        return None
    grid = rules.grid_minutes
    if grid and (when.minute % grid or when.second or when.microsecond):
        leave(
            Message(
                "{when:%H:%M} is off {tool}'s {grid}-minute grid "
                "(the minutes must be a multiple of {grid}): move it",
                when=when,
                tool=tool,
                grid=grid,
            )
        )
        return None
    return Row(
        item,
        channel,
        when,
        message,
        "" if not beside else link,
        tuple(post.tags),
        pictures,
    )


def select_rows(
    context: ExportContext, rules: ToolRules, *, paid_rows: int | None = None
) -> Selection:
    """The rows of ``context``'s publications on its channel for ``rules.tool``.

    With what is left out and why. ``paid_rows``: the tool's limit on a paid
    plan, named in the refusal when the free plan's is passed.
    """
    channel = context.channel
    assert channel is not None  # the export requires --channel for one-channel formats
    tool = rules.tool
    selection = Selection()
    rows = selection.rows
    seen: dict[str, Row] = {}
    for item in context.items:
        row = candidate(context, rules, item, channel, selection)
        if row is None:
            continue
        when = row.when
        if rules.unique_messages:
            key = _folded(row.message)
            first = seen.get(key)
            if first is not None:
                selection.leave(
                    item,
                    channel,
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
            selection.leave(
                item,
                channel,
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
    check_rows(rules, channel, len(rows), paid_rows)
    return selection


def check_rows(rules: ToolRules, channel: str, count: int, paid_rows: int | None = None) -> None:
    """:class:`Refused` when ``count`` rows are more than ``rules.tool`` takes in one file."""
    if rules.max_rows is None or count <= rules.max_rows:
        return
    facts = {"count": count, "channel": channel, "tool": rules.tool, "limit": rules.max_rows}
    # More rows than the limit: always several posts, no singular form needed.
    if paid_rows is not None:
        raise Refused(
            _(
                "{count} posts on {channel} for {tool}, which takes at most {limit} in one "
                "upload on its free plan: nothing was written; export a shorter window "
                "(--days N, or --from D --to D) and upload the files one after the other, "
                "or give --plan paid on a paid plan ({paid} per upload)"
            ).format(paid=paid_rows, **facts)
        )
    raise Refused(
        _(
            "{count} posts on {channel} for {tool}, which takes at most {limit} in one "
            "file: nothing was written; export a shorter window (--days N, or --from D "
            "--to D) and upload the files one after the other"
        ).format(**facts)
    )
