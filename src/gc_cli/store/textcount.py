"""Text measurements the way the networks make them.

Every function here is pure and works on plain ``str``. Lengths are always
taken after Unicode NFC normalisation, because that is what X, Mastodon and
Bluesky store: a French text typed on a keyboard that produces decomposed
accents (``e`` + U+0301) must not look longer than the same text with
precomposed ``é``.

The third-party ``regex`` package (grapheme clusters, Unicode properties) is
imported only inside the code paths that need it, so that importing this module
costs no more than ``re`` and ``unicodedata`` and ``gc-cli --help`` stays fast.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import TYPE_CHECKING, Any

from gc_cli.store.profile import ChannelProfile

if TYPE_CHECKING:
    import regex

__all__ = ["byte_length", "count_hashtags", "find_urls", "normalize", "text_length"]


def normalize(text: str) -> str:
    """Return ``text`` in Unicode Normalization Form C (composed characters)."""
    return unicodedata.normalize("NFC", text)


# --------------------------------------------------------------------------
# URLs
# --------------------------------------------------------------------------

# TLDs recognised in bare domains (``example.com``). The country codes are
# the ASCII ones of twitter-text's validCCTLD.js. For generic TLDs twitter-text
# ships the full IANA list (~1,500 entries); this shorter list covers what a
# calendar of an organisation's posts realistically contains while keeping the
# pattern small. A bare domain on a rarer TLD is counted as typed: at worst
# the X count is a few characters off, never a crash.
_COUNTRY_TLDS = (
    "ac ad ae af ag ai al am an ao aq ar as at au aw ax az ba bb bd be bf bg bh "
    "bi bj bl bm bn bo bq br bs bt bv bw by bz ca cc cd cf cg ch ci ck cl cm cn "
    "co cr cu cv cw cx cy cz de dj dk dm do dz ec ee eg eh er es et eu fi fj fk "
    "fm fo fr ga gb gd ge gf gg gh gi gl gm gn gp gq gr gs gt gu gw gy hk hm hn "
    "hr ht hu id ie il im in io iq ir is it je jm jo jp ke kg kh ki km kn kp kr "
    "kw ky kz la lb lc li lk lr ls lt lu lv ly ma mc md me mf mg mh mk ml mm mn "
    "mo mp mq mr ms mt mu mv mw mx my mz na nc ne nf ng ni nl no np nr nu nz om "
    "pa pe pf pg ph pk pl pm pn pr ps pt pw py qa re ro rs ru rw sa sb sc sd se "
    "sg sh si sj sk sl sm sn so sr ss st su sv sx sy sz tc td tf tg th tj tk tl "
    "tm tn to tp tr tt tv tw tz ua ug uk um us uy uz va vc ve vg vi vn vu wf ws "
    "ye yt za zm zw"
)
_GENERIC_TLDS = (
    "academy agency app art asia bike biz blog boutique cafe camp care center "
    "church city club coffee com community company coop design dev digital edu "
    "email energy events expert farm fashion film fit foundation fun games "
    "garden gift gov green group guide health help holiday house info institute "
    "int jobs life live llc love ltd market marketing media menu mil mobi museum "
    "name net network news ngo online org page photo photography pizza place "
    "plus pro quebec radio recipes restaurant school science services shop site "
    "social solutions space sport store studio support systems team tech today "
    "tools tours town travel university vin wiki wine work works world xyz zone"
)
_TLD_ALTERNATION = "|".join(f"{_GENERIC_TLDS} {_COUNTRY_TLDS}".split())

# Characters that may end a URL. Trailing punctuation such as the full stop at
# the end of a sentence, a closing quote or « » belongs to the prose, not to
# the link; twitter-text and Mastodon both stop before it.
_URL_TRAILING_PUNCT = ".,:;!?'\"»«“”‘’…)]}>"

# Host of a URL with a scheme: labels of letters/digits/hyphens (Unicode
# letters allowed, for internationalised domains) ending in a TLD of at least
# two letters or a punycode label. ``https://localhost`` is not a link for
# either twitter-text or Mastodon, hence the mandatory dot.
_HOST = r"(?:[^\W_](?:[\w-]*[^\W_])?\.)+(?:[^\W\d_]{2,}|xn--[a-z0-9-]+)"
_PORT = r"(?::\d{1,5})?"
# Path, query and fragment: anything up to whitespace or a character that
# cannot appear unescaped in a link written in prose.
_TAIL = r"(?:[/?#][^\s<>\"{}|\\^`]*)?"

_SCHEME_URL = rf"https?://{_HOST}{_PORT}{_TAIL}"
_BARE_DOMAIN = (
    r"(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+"
    rf"(?:{_TLD_ALTERNATION})"
    r"(?![\w@+-])"
    rf"{_PORT}{_TAIL}"
)


# twitter-text refuses a URL glued to a preceding letter, digit, @, $ or # (an
# e-mail address, a cashtag); a bare domain is also refused after - _ . / so
# that ``fr.example.com`` is matched whole and ``a/b.fr`` is not cut in two.
# Compiled on first use: the TLD alternation takes milliseconds to compile,
# which start-up should not pay when no text is counted.
@cache
def _url_pattern(bare_domains: bool) -> re.Pattern[str]:
    scheme_url = rf"(?<![A-Za-z0-9@$#＠＃]){_SCHEME_URL}"
    if not bare_domains:
        return re.compile(scheme_url, re.IGNORECASE)
    bare_domain = rf"(?<![\w@$#＠＃./-]){_BARE_DOMAIN}"
    return re.compile(f"{scheme_url}|{bare_domain}", re.IGNORECASE)


def _trim_url_end(text: str, start: int, end: int) -> int:
    """Move ``end`` left past punctuation that closes the sentence, not the URL."""
    while end > start and text[end - 1] in _URL_TRAILING_PUNCT:
        char = text[end - 1]
        # A closing parenthesis stays when the URL itself opened one, as in
        # Wikipedia links: https://fr.wikipedia.org/wiki/Montr%C3%A9al_(Québec)
        if char == ")" and text.count("(", start, end) >= text.count(")", start, end):
            break
        end -= 1
    return end


_DOMAIN_LIKE = re.compile(r"[a-z0-9]\.[a-z]{2}", re.IGNORECASE)


def find_urls(text: str, *, bare_domains: bool = True) -> list[tuple[int, int]]:
    """Return the ``(start, end)`` spans of the links in ``text``, left to right.

    Recognised, case-insensitively:

    * URLs with an ``http://`` or ``https://`` scheme and a host that has a dot
      and a top-level domain (Unicode host names allowed), with an optional
      port, path, query and fragment;
    * when ``bare_domains`` is true, bare ASCII domains such as ``example.com``
      or ``ville.quebec/horaire`` whose TLD is a country code or a common
      generic TLD, as twitter-text links them. Mastodon only links URLs that
      have a scheme; pass ``bare_domains=False`` for its behaviour.

    Not recognised: e-mail addresses (a domain after ``@`` is skipped), hosts
    without a dot, IP addresses and other schemes (``ftp:``, ``mailto:``).
    Sentence punctuation right after a link (``.``, ``,``, ``)``, ``»``...)
    is left out of the span, except a ``)`` that balances one inside the URL.
    Spans index ``text`` as given; normalise first if the caller counts on
    normalised text.
    """
    # Most texts hold no link: two cheap scans spare the long TLD alternation.
    if "://" not in text and not (bare_domains and _DOMAIN_LIKE.search(text)):
        return []
    spans: list[tuple[int, int]] = []
    for match in _url_pattern(bare_domains).finditer(text):
        start = match.start()
        end = _trim_url_end(text, start, match.end())
        if end > start:
            spans.append((start, end))
    return spans


# --------------------------------------------------------------------------
# Length
# --------------------------------------------------------------------------

# twitter-text configuration v3 (config/v3.json): code points in these
# inclusive ranges weigh 100, everything else the default 200, on a scale of
# 100. In other words 1 for Latin, Cyrillic, Greek, Arabic, Hebrew, Devanagari
# and most punctuation, 2 for CJK, emoji and the rest.
# (0–4351, 8192–8205, 8208–8223, 8242–8247: see _HEAVY below.)

# The `regex` imports below sit inside the functions on purpose: importing it
# costs more than the rest of this module, and `gc-cli --help` or a calendar
# without text never needs it.


@cache
def _grapheme_pattern() -> regex.Pattern[str]:
    import regex

    return regex.compile(r"\X")


@cache
def _emoji_cluster_pattern() -> regex.Pattern[str]:
    import regex

    # A whole grapheme cluster that starts the way an emoji shows: an
    # emoji-presentation code point (most pictographs, regional-indicator
    # flags), a text-default symbol forced to emoji by VS16 (❤️, ©️), a keycap
    # (1️⃣) or a skin-tone modifier sequence. A bare © or digit stays text, as
    # in twemoji-parser, which twitter-text relies on. Matches consume whole
    # clusters, so the scan never starts in the middle of one.
    return regex.compile(
        r"(?=\p{Emoji_Presentation}|\p{Emoji}\uFE0F|\p{Emoji}\u20E3|\p{Emoji}\p{EMod})\X"
    )


# Code points that never join a neighbour into one grapheme cluster: Latin
# (French included), general punctuation but the zero-width joiners, symbols,
# and single-code-point pictographs but the skin-tone modifiers. A text made
# only of these has as many clusters as code points (CR LF aside), which
# spares the much slower \X scan for most texts.
_NEVER_JOINS = re.compile(
    "[\x00-\u02ff\u2000-\u200b\u200e-\u206f\u20a0-\u20cf\u2100-\u27bf\u2b00-\u2bff"
    "\U0001f300-\U0001f3fa\U0001f400-\U0001faff]*\\Z"
)
# Code points of weight 2 for X (the complement of _LIGHT_RANGES).
_HEAVY = re.compile("[^\x00-\u10ff\u2000-\u200d\u2010-\u201f\u2032-\u2037]")


def _grapheme_count(text: str) -> int:
    if text.isascii() or _NEVER_JOINS.match(text):
        # CR LF is the one pair of these that forms a single cluster.
        return len(text) - text.count("\r\n")
    return len(_grapheme_pattern().findall(text))


def _weighted_count(text: str) -> int:
    if not text or max(text) < "\u1100":
        return len(text)
    # Every code point weighs 1, heavy ones 1 more...
    total = len(text) + len(_HEAVY.findall(text))
    # ...except that parseTweet counts a whole emoji sequence (skin tone, ZWJ
    # family, flag, keycap) as the default weight once.
    for cluster in _emoji_cluster_pattern().findall(text):
        total += 2 - len(cluster) - len(_HEAVY.findall(cluster))
    return total


def _plain_length(text: str, counting: str) -> int:
    if counting == "graphemes":
        return _grapheme_count(text)
    if counting == "weighted":
        return _weighted_count(text)
    return len(text)


def text_length(text: str, profile: ChannelProfile) -> int:
    """Length of ``text`` as ``profile``'s network counts it.

    The text is first normalised to NFC. Then, by ``profile.counting``:

    * ``characters``: Unicode code points;
    * ``graphemes``: extended grapheme clusters (user-perceived characters: a
      ZWJ family emoji or a flag is 1), as Bluesky's ``maxGraphemes`` and
      Mastodon's status length validator count;
    * ``weighted``: X's weighted length (twitter-text config v3, as in
      ``parseTweet``): code points in U+0000–U+10FF, U+2000–U+200D,
      U+2010–U+201F and U+2032–U+2037 weigh 1, every other code point 2, and
      an emoji sequence weighs 2 in total.

    When ``profile.url_length`` is set, every URL found by :func:`find_urls`
    counts as that many characters instead of its own length. Bare domains
    are only treated as URLs for the ``weighted`` counting: twitter-text links
    them, while Mastodon's validator extracts URLs with a scheme only.
    """
    text = normalize(text)
    counting = profile.counting
    if profile.url_length is None:
        return _plain_length(text, counting)
    total = 0
    position = 0
    for start, end in find_urls(text, bare_domains=counting == "weighted"):
        total += _plain_length(text[position:start], counting) + profile.url_length
        position = end
    return total + _plain_length(text[position:], counting)


# --------------------------------------------------------------------------
# Hashtags
# --------------------------------------------------------------------------


# Latin script, punctuation, symbols and pictographs, joiners and variation
# selectors: none of these is a combining mark.
_NO_MARKS = re.compile("[\x00-\u02ff\u2000-\u27bf\u2b00-\u2bff\ufe0f\U0001f000-\U0001faff]*\\Z")
_SIMPLE_HASHTAG = re.compile(r"(?<![\w&/)])[#＃](\w(?:[\w\u00B7\u200C]*\w)?)")
_SIMPLE_LETTER = re.compile(r"[^\W\d_]")


@cache
def _hashtag_pattern() -> regex.Pattern[str]:
    import regex

    # `#` or the full-width `＃`, not glued to a preceding letter, digit,
    # underscore or mark (C#, abc#def), nor to `&` (HTML entities such as
    # &#233;), `/` or `)` (Mastodon's rule, which keeps anchors such as
    # page/#section out). The name is letters, marks, digits and underscores,
    # plus the middle dot and ZWNJ inside a name, which Mastodon accepts for
    # Catalan (#l·lusió) and Persian.
    return regex.compile(
        r"(?<![\p{L}\p{M}\p{N}_&/)])[#＃]"
        r"([\p{L}\p{M}\p{N}_](?:[\p{L}\p{M}\p{N}_\u00B7\u200C]*[\p{L}\p{M}\p{N}_])?)"
    )


@cache
def _letter_pattern() -> regex.Pattern[str]:
    import regex

    return regex.compile(r"[\p{L}\p{M}]")


def count_hashtags(text: str) -> int:
    """Number of hashtags in ``text``, as the networks recognise them.

    A hashtag is ``#`` (or ``＃``) followed by letters, digits, underscores
    and combining marks, Unicode letters included (``#fêtes``, ``#Montréal``,
    ``#東京``), where:

    * the ``#`` is not preceded by a letter, digit, underscore, ``&``, ``/``
      or ``)`` (so ``C#`` and ``&#233;`` are not hashtags);
    * the name contains at least one letter (``#1`` and ``#2026`` are
      numbers, not hashtags; ``#1er`` is a hashtag);
    * the ``#`` is not inside a link (``https://example.org/page#top``).

    Every occurrence counts, repeated tags included. The text is normalised
    to NFC first, so a decomposed accent does not end the tag early.
    """
    if "#" not in text and "＃" not in text:
        return 0
    text = normalize(text)
    urls = find_urls(text)
    # Without combining marks, the standard library's Unicode \w matches the
    # same names as \p{L}\p{M}\p{N}_, and spares importing regex.
    simple = _NO_MARKS.match(text) is not None
    pattern: Any = _SIMPLE_HASHTAG if simple else _hashtag_pattern()
    letter: Any = _SIMPLE_LETTER if simple else _letter_pattern()
    count = 0
    for match in pattern.finditer(text):
        hash_at = match.start()
        if any(start <= hash_at < end for start, end in urls):
            continue
        if letter.search(match.group(1)):
            count += 1
    return count


# --------------------------------------------------------------------------
# Bytes
# --------------------------------------------------------------------------


def byte_length(text: str) -> int:
    """Length of ``text`` in bytes of UTF-8, after NFC normalisation.

    How Instagram direct messages ("Message text must be UTF-8 and be a 1000
    bytes or less") and Bluesky's ``maxLength`` of a post count: ``é`` is 2
    bytes, ``’`` 3, an emoji 4. A lone surrogate (possible in a YAML escape)
    counts the 3 bytes it would take, rather than failing.
    """
    return len(normalize(text).encode("utf-8", "surrogatepass"))
