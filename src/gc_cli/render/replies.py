"""``gc-cli replies``: saved replies and away messages, ready to paste.

A reply's text is printed as written, line for line and never wrapped, so
that what is copied from the terminal is what goes out; a heading line before
it says which reply it is. JSON gives the same, for scripts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from gc_cli.i18n import _
from gc_cli.query.replies import Away, Found
from gc_cli.render.common import Output
from gc_cli.visible import json_dump, one_line, visible


@dataclass(frozen=True, slots=True)
class Replies:
    """What ``gc-cli replies`` shows: saved replies found, or away messages."""

    found: list[Found] = field(default_factory=list)
    away: list[Away] = field(default_factory=list)
    #: Whether away messages were asked for (``--away``), rather than saved replies.
    asked_away: bool = False


def _text(replies: Replies, out: Output) -> None:
    stream, terminal = out.stream, out.terminal
    blocks: list[str] = []
    if replies.asked_away:
        for away in replies.away:
            heading = _("away message on {channel}, sent {at:%Y-%m-%d %H:%M}").format(
                channel=away.channel, at=away.at
            )
            blocks.append(
                f"# {one_line(heading, terminal=terminal)}\n"
                f"{visible(away.text, terminal=terminal)}\n"
            )
        if not replies.away:
            blocks.append(_("No away message (interactions.away in settings.yaml).") + "\n")
    else:
        for found in replies.found:
            reply = found.entry.reply
            heading = f"{reply.id} · {reply.title}"
            blocks.append(
                f"# {one_line(heading, terminal=terminal)}\n"
                f"{visible(found.text, terminal=terminal)}\n"
            )
        if not replies.found:
            blocks.append(_("No saved reply matches.") + "\n")
    stream.write("\n".join(blocks))


def _json(replies: Replies, out: Output) -> None:
    if replies.asked_away:
        doc = {"away": [away.to_dict() for away in replies.away]}
    else:
        doc = {"replies": [found.to_dict() for found in replies.found]}
    json_dump(doc, out.stream)


#: ``replies --format``: each renders :class:`Replies` to an :class:`Output`.
REPLIES_FORMATS: dict[str, Callable[[Replies, Output], None]] = {"text": _text, "json": _json}


def render(replies: Replies, out: Output) -> None:
    """Render ``replies`` in ``out.format`` (a key of :data:`REPLIES_FORMATS`)."""
    REPLIES_FORMATS[out.format](replies, out)
