"""How long each text of a post is, counted the way each of its channels counts it.

The counting itself is :mod:`gc_cli.store.textcount`'s; this module applies it
to a post and its channels' profiles, for ``show`` (every count) and ``list
--counts`` (the count closest to its limit).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from gc_cli.query.select import Item
from gc_cli.store.calendar import Calendar
from gc_cli.store.model import Post
from gc_cli.store.profile import ChannelProfile
from gc_cli.store.textcount import count_hashtags, normalize, text_length


@dataclass(frozen=True, slots=True)
class TextCount:
    """The text a post publishes on one channel, measured against that channel's limits."""

    channel: str
    label: str
    length: int
    limit: int
    #: How the channel counts: ``characters``, ``graphemes`` or ``weighted``.
    counting: str
    #: Every link counts as this many characters (None: as written).
    url_length: int | None
    hashtags: int
    max_hashtags: int | None

    @property
    def over(self) -> bool:
        return self.length > self.limit

    @property
    def share(self) -> float:
        """How much of the limit the text takes (1.0: all of it)."""
        return self.length / self.limit

    def to_dict(self) -> dict[str, object]:
        return {
            "channel": self.channel,
            "length": self.length,
            "limit": self.limit,
            "counting": self.counting,
            "url_length": self.url_length,
            "hashtags": self.hashtags,
            "max_hashtags": self.max_hashtags,
        }


def alt_length(alt: str) -> int:
    """The length of an alt text as the ``alt-text-too-long`` rule counts it (NFC characters)."""
    return len(normalize(alt))


class Counter:
    """Counts texts, each distinct text and way of counting once."""

    def __init__(self) -> None:
        self._lengths: dict[tuple[str, str, int | None], int] = {}

    def count(self, post: Post, channel: str, profile: ChannelProfile) -> TextCount | None:
        """The count of ``post``'s text on ``channel`` (None when it has no text there)."""
        text = post.text_for(channel)
        if not text:
            return None
        key = (text, profile.counting, profile.url_length)
        length = self._lengths.get(key)
        if length is None:
            length = self._lengths[key] = text_length(text, profile)
        return TextCount(
            channel,
            profile.label,
            length,
            profile.max_text,
            profile.counting,
            profile.url_length,
            count_hashtags(text),
            profile.max_hashtags,
        )

    def counts(self, post: Post, profiles: Mapping[str, ChannelProfile]) -> list[TextCount]:
        """The count on each channel of ``post`` that is enabled and has a text."""
        found = (self.count(post, c, profiles[c]) for c in post.channels if c in profiles)
        return [count for count in found if count is not None]


def tightest(counts: Iterable[TextCount]) -> TextCount | None:
    """The count that takes the largest share of its limit (the first of equals)."""
    best: TextCount | None = None
    for count in counts:
        if best is None or count.share > best.share:
            best = count
    return best


def tightest_counts(calendar: Calendar, items: Iterable[Item]) -> dict[str, TextCount | None]:
    """For each post of ``items``, by id, its tightest count (None: no text on any channel)."""
    counter = Counter()
    found: dict[str, TextCount | None] = {}
    for item in items:
        if item.id not in found:
            found[item.id] = tightest(counter.counts(item.post, calendar.profiles))
    return found
