"""Saved replies and the ``{name}`` placeholders of texts.

A calendar root may hold a ``replies/`` folder of YAML files, each with a
top-level ``replies:`` list: answers the team pastes again and again (opening
hours, allergens, how to order). They are read by the loader
(:mod:`gc_cli.store.loader`) into :class:`ReplyEntry` objects, checked by
:mod:`gc_cli.rules.replies` and found by :mod:`gc_cli.query.replies`.

A text may use the facts of settings.yaml as ``{name}``; ``{{`` and ``}}``
write a brace. Anything else between braces (``{ }``, ``{1}``) is left as
written, so that a text that merely holds a brace needs no escaping.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from gc_cli.store.model import ChannelName, Language, NonEmpty, PostId
from gc_cli.store.yamlsafe import Pos, YMap

__all__ = [
    "REPLIES_DIR",
    "REPLY_FILE_KEYS",
    "REPLY_KEYS",
    "Reply",
    "ReplyEntry",
    "by_language",
    "fill",
    "placeholders",
]

#: The folder of the root that holds the saved replies (not post files).
REPLIES_DIR = "replies"
#: The keys at the top of a reply file.
REPLY_FILE_KEYS: tuple[str, ...] = ("replies",)

#: ``{{``, ``}}`` or ``{name}``: a name starts with a letter or ``_`` (as a fact's).
_PLACEHOLDER = re.compile(r"\{\{|\}\}|\{([^\W\d][\w-]{0,99})\}")


class Reply(BaseModel):
    """One saved reply."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: PostId = Field(description="Unique among the replies: [a-z0-9][a-z0-9-]*.")
    title: NonEmpty = Field(description="What it answers, as the team would look for it.")
    text: NonEmpty | dict[Language, NonEmpty] = Field(
        description="The reply, or one per language ({fr: ..., en: ...})."
    )
    channels: list[ChannelName] = Field(
        default_factory=list,
        description="Where it is used (its length is checked there); default: every channel.",
    )
    keywords: list[NonEmpty] = Field(
        default_factory=list, description="More words it is found by (gc-cli replies WORDS)."
    )

    def texts(self) -> dict[str | None, str]:
        """Its texts by language (None: a text that does not say its language)."""
        return by_language(self.text)


REPLY_KEYS: tuple[str, ...] = tuple(Reply.model_fields)


def by_language(written: str | Mapping[str, str]) -> dict[str | None, str]:
    """A text, or one per language, as texts by language (None: it does not say)."""
    if isinstance(written, str):
        return {None: written}
    found: dict[str | None, str] = {}
    found.update(written)
    return found


@dataclass(frozen=True, slots=True)
class ReplyEntry:
    """A valid saved reply and where it was written."""

    reply: Reply
    file: str  # as displayed
    mapping: YMap
    index: int  # position in the file's list of replies

    @property
    def id(self) -> str:
        return self.reply.id

    def pos(self, *path: Any, key: bool = False) -> Pos:
        """Where the value at ``path`` was written (its ``id:`` line when absent)."""
        node: Any = self.mapping
        found: Pos = self.mapping.keys_pos.get("id", self.mapping.pos)
        for i, step in enumerate(path):
            if not isinstance(node, YMap) or step not in node:
                break
            last = i == len(path) - 1
            found = node.keys_pos[step] if (last and key) else node.values_pos[step]
            node = node[step]
        return found


def placeholders(text: str) -> Iterator[str]:
    """The names used as ``{name}`` in ``text``, in order (``{{``/``}}`` are not)."""
    for match in _PLACEHOLDER.finditer(text):
        if match[1] is not None:
            yield match[1]


def fill(text: str, values: Mapping[str, str]) -> str:
    """``text`` with each ``{name}`` of ``values`` replaced, ``{{``/``}}`` made braces.

    A name without a value is left as written, braces included: the rules
    report it (``unknown-fact``), and a view still shows what was typed.
    """
    if "{" not in text and "}" not in text:
        return text

    def one(match: re.Match[str]) -> str:
        name = match[1]
        if name is None:
            return match[0][0]
        return values.get(name, match[0])

    return _PLACEHOLDER.sub(one, text)
