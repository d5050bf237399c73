"""Text measurements the way the networks make them, and the message each one publishes.

Every function here is pure and works on plain ``str``. Lengths are always
taken after Unicode NFC normalisation, because that is what X, Mastodon and
Bluesky store: a French text typed on a keyboard that produces decomposed
accents (``e`` + U+0301) must not look longer than the same text with
precomposed ``é``.

How each network counts, with its source:

* X: twitter-text's ``parseTweet`` (config v3), ported rule for rule in
  :mod:`gc_cli.store.twittertext` and checked against twitter-text's own
  conformance files.
* Mastodon: ``app/validators/status_length_validator.rb``
  (https://github.com/mastodon/mastodon): grapheme clusters of the text in
  which each link written with ``http(s)://`` is replaced by 23 characters
  and each mention ``@user@server`` by ``@user``
  (https://docs.joinmastodon.org/user/posting/: "Only the username part will
  count against your character limit -- the domain is not counted").
* Bluesky: the lexicon app.bsky.feed.post, ``"maxGraphemes": 300`` and
  ``"maxLength": 3000`` (bytes of UTF-8); links are text like any other.

:func:`published_text` is the one place that decides what a channel
publishes for a post (its text, and its link when the channel takes links
in the text): ``check`` measures it and every export writes it.

The third-party ``regex`` package (grapheme clusters, Unicode properties) is
imported only inside the code paths that need it, so that importing this module
costs no more than ``re`` and ``unicodedata`` and ``gc-cli --help`` stays fast.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import TYPE_CHECKING

from gc_cli.store.profile import ChannelProfile
from gc_cli.store.twittertext import extract_hashtags, extract_urls, weighted_length

if TYPE_CHECKING:
    import regex

__all__ = [
    "count_hashtags",
    "find_urls",
    "normalize",
    "published_text",
    "text_bytes",
    "text_length",
]

#: What separates a post's text from the link added after it: an empty line.
LINK_SEPARATOR = "\n\n"


def normalize(text: str) -> str:
    """Return ``text`` in Unicode Normalization Form C (composed characters)."""
    return unicodedata.normalize("NFC", text)


def published_text(
    text: str | None,
    link: str | None,
    profile: ChannelProfile,
    *,
    link_in_text: bool | None = None,
) -> str:
    """The text a channel publishes for a post: what ``check`` counts and exports write.

    The text without the line breaks that begin or end it (a YAML block
    ends with one); then, when the channel takes links in the text
    (``profile.link == "text"``) and the text does not already hold the
    link, an empty line and the link. On a ``card`` channel the link goes
    beside the text, in the tool's link field, and is not part of it.
    ``link_in_text`` overrides the profile: a tool without a link field
    puts the link in the text on every channel.
    """
    body = (text or "").strip("\n")
    in_text = profile.link == "text" if link_in_text is None else link_in_text
    if in_text and link and link not in body:
        return f"{body}{LINK_SEPARATOR}{link}" if body else link
    return body


# --------------------------------------------------------------------------
# URLs
# --------------------------------------------------------------------------


def find_urls(text: str, *, bare_domains: bool = True) -> list[tuple[int, int]]:
    """Return the ``(start, end)`` spans of the links in ``text``, left to right.

    The links twitter-text finds (:func:`gc_cli.store.twittertext.extract_urls`):
    ``http://`` or ``https://`` followed by a domain whose top-level domain
    is in IANA's list, and, when ``bare_domains`` is true, a bare domain
    such as ``example.com`` or ``ville.quebec/horaire`` (X links them,
    Mastodon does not). Sentence punctuation after a link is left out of
    it. Spans index ``text`` as given; normalise first if the caller counts
    on normalised text.
    """
    return [(url.start, url.end) for url in extract_urls(text, without_protocol=bare_domains)]


# --------------------------------------------------------------------------
# Mentions (Mastodon)
# --------------------------------------------------------------------------


@cache
def _mention_pattern() -> regex.Pattern[str]:
    import regex

    # app/models/account.rb: USERNAME_RE = /[a-z0-9_]+([a-z0-9_.-]+[a-z0-9_]+)?/i,
    # MENTION_RE = %r{(?<![=/[:word:]])@((#{USERNAME_RE})(?:@[[:word:].-]+[[:word:]]+)?)}i;
    # Ruby's [[:word:]] is letters, marks, decimal digits and connectors.
    word = "[\\p{L}\\p{M}\\p{Nd}\\p{Pc}]"
    return regex.compile(
        f"(?<![=/]|{word})@(?P<name>(?P<user>[a-z0-9_]+(?:[a-z0-9_.-]+[a-z0-9_]+)?)"
        f"(?:@(?P<domain>[\\p{{L}}\\p{{M}}\\p{{Nd}}\\p{{Pc}}.-]+{word}+))?)",
        regex.IGNORECASE | regex.VERSION0,
    )


# twitter-text's end_mention_match (Ruby), which Mastodon's extractor uses:
# no mention runs into another @, an accented Latin letter or "://".
_END_MENTION = re.compile(
    "[@＠\xc0-\xd6\xd8-\xf6\xf8-\xff\u0100-\u024f\u0253\u0254\u0256\u0257\u0259\u025b\u0263"
    "\u0268\u026f\u0272\u0289\u028b\u02bb\u0300-\u036f\u1e00-\u1eff]|://"
)
#: lib/extractor.rb: a mention whose domain is longer than this is not one.
_MAX_MENTION_DOMAIN = 253
_REMOTE_MENTION = re.compile(r"@[^@\s]+@")


def _remote_mentions(text: str) -> list[tuple[int, int, str]]:
    """The mentions of another server's accounts: ``(start, end, "@user")``.

    Local mentions (``@user``) count as written, so only those with a domain
    are returned. As Mastodon's ``Extractor.extract_mentions_or_lists_with_indices``.
    """
    if not _REMOTE_MENTION.search(text):
        return []
    found = []
    for match in _mention_pattern().finditer(text):
        if _END_MENTION.match(text, match.end()):
            continue
        domain = match["domain"]
        if domain is None or len(domain) > _MAX_MENTION_DOMAIN:
            continue
        found.append((match.start(), match.end(), "@" + match["user"]))
    return found


# --------------------------------------------------------------------------
# Length
# --------------------------------------------------------------------------


@cache
def _grapheme_pattern() -> regex.Pattern[str]:
    import regex

    return regex.compile(r"\X")


# Code points that never join a neighbour into one grapheme cluster: Latin
# (French included), general punctuation but the zero-width joiners, symbols,
# and single-code-point pictographs but the skin-tone modifiers. A text made
# only of these has as many clusters as code points (CR LF aside), which
# spares the much slower \X scan for most texts.
_NEVER_JOINS = re.compile(
    "[\x00-\u02ff\u2000-\u200b\u200e-\u206f\u20a0-\u20cf\u2100-\u27bf\u2b00-\u2bff"
    "\U0001f300-\U0001f3fa\U0001f400-\U0001faff]*\\Z"
)


def _grapheme_count(text: str) -> int:
    if text.isascii() or _NEVER_JOINS.match(text):
        # CR LF is the one pair of these that forms a single cluster.
        return len(text) - text.count("\r\n")
    return len(_grapheme_pattern().findall(text))


def _countable(text: str, profile: ChannelProfile) -> str:
    """Mastodon's ``countable_text``: links with a scheme as ``url_length`` characters, and
    mentions of other servers as their ``@user`` part (when the profile says so).

    Where a link and a mention overlap, the one that starts first is kept.
    """
    entities: list[tuple[int, int, str]] = []
    if profile.url_length is not None:
        placeholder = "x" * profile.url_length
        entities += [
            (u.start, u.end, placeholder) for u in extract_urls(text, without_protocol=False)
        ]
    if not profile.count_mention_domain:
        entities += _remote_mentions(text)
    if not entities:
        return text
    parts = []
    position = 0
    for start, end, replacement in sorted(entities):
        if start < position:
            continue
        parts += [text[position:start], replacement]
        position = end
    parts.append(text[position:])
    return "".join(parts)


def text_length(text: str, profile: ChannelProfile) -> int:
    """Length of ``text`` as ``profile``'s network counts it.

    The text is first normalised to NFC. Then, by ``profile.counting``:

    * ``characters``: Unicode code points;
    * ``graphemes``: extended grapheme clusters (user-perceived characters: a
      ZWJ family emoji or a flag is 1), as Bluesky's ``maxGraphemes`` and
      Mastodon's status length validator count;
    * ``weighted``: X's weighted length (twitter-text config v3, as in
      ``parseTweet``): code points in U+0000–U+10FF, U+2000–U+200D,
      U+2010–U+201F and U+2032–U+2037 weigh 1, every other code point 2,
      and an emoji sequence weighs 2 in total.

    When ``profile.url_length`` is set, every link counts as that many
    characters instead of its own length: with ``weighted`` counting, every
    link twitter-text finds, bare domains included; otherwise (Mastodon)
    only links written with ``http://`` or ``https://``. When
    ``profile.count_mention_domain`` is false, a mention ``@user@server``
    counts as ``@user`` (Mastodon; ``characters`` and ``graphemes`` counting).
    """
    text = normalize(text)
    if profile.counting == "weighted":
        return weighted_length(text, profile.url_length)
    text = _countable(text, profile)
    if profile.counting == "graphemes":
        return _grapheme_count(text)
    return len(text)


def text_bytes(text: str) -> int:
    """Length of ``text`` in UTF-8 bytes, after NFC (Bluesky's ``maxLength``)."""
    return len(normalize(text).encode("utf-8", "surrogatepass"))


# --------------------------------------------------------------------------
# Hashtags
# --------------------------------------------------------------------------


def count_hashtags(text: str) -> int:
    """Number of hashtags in ``text``, as twitter-text finds them.

    A hashtag is ``#`` (or ``＃``) followed by letters, digits, underscores
    and combining marks, Unicode letters included (``#fêtes``, ``#Montréal``,
    ``#東京``), where:

    * the ``#`` does not follow a letter, a digit or ``&`` (so ``C#`` and
      ``&#233;`` are not hashtags); after ``)``, an emoji or any other
      symbol, it is one;
    * the name contains at least one letter (``#1`` and ``#2026`` are
      numbers, not hashtags; ``#1er`` is a hashtag);
    * the name does not run into another ``#`` or ``://``;
    * the ``#`` is not inside a link (``https://example.org/page#top``).

    Every occurrence counts, repeated tags included. The text is normalised
    to NFC first, so a decomposed accent does not end the tag early.
    """
    if "#" not in text and "＃" not in text:
        return 0
    return len(extract_hashtags(normalize(text)))
