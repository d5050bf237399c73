"""X's own rules for links, hashtags and emoji, ported from twitter-text.

X counts a post with twitter-text's ``parseTweet`` (config v3): text after
NFC, each link 23, each emoji sequence 2, other code points 1 or 2 by range.
What makes it hard is deciding what a link is, and that is what this module
ports, rule for rule, from the JavaScript library that X publishes:

* https://github.com/twitter/twitter-text, v3.1.0 (the last release, March
  2020; Copyright 2018 Twitter, Inc., Apache License 2.0):
  ``js/src/extractUrlsWithIndices.js``, ``js/src/lib/idna.js``,
  ``js/src/extractHashtagsWithIndices.js``, ``js/src/parseTweet.js`` and
  the patterns of ``js/src/regexp/`` they use, named the same here;
* https://github.com/twitter/twemoji-parser, v11.0.2 (Copyright Twitter
  Inc., MIT): ``src/lib/regex.js``, the pattern of the emoji sequences
  that weigh 2 whatever their length, converted from UTF-16 code units to
  code points.

The third-party notices are in ``gc_cli/store/data/NOTICE.md``.

The library itself is not a dependency: the only Python port that passes
twitter-text's conformance files (PyPI ``twitter-text-parser`` 3.0.0,
unmaintained since May 2023) no longer imports with setuptools 81 or later
(it imports ``pkg_resources``), takes about a second to import and about
7 ms to count one post, which would multiply ``check``'s time on a large
calendar many times over. gc-cli runs the same conformance files
(``tests/data/twitter-text/``) against this port.

Two choices differ from the library, both documented:

* Top-level domains: the current IANA list plus twitter-text's 2020 list
  (``gc_cli/store/data/tlds.txt``), so that both new TLDs and every case of
  twitter-text's conformance files are links.
* The library works on UTF-16 code units, Python on code points; every
  index here is a code point, and the patterns are written so that they
  match the same text (checked against the JavaScript library on random
  text while porting).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import regex

__all__ = ["extract_hashtags", "extract_urls", "load_tlds", "weighted_length"]

# --------------------------------------------------------------------------
# Character groups (js/src/regexp/*.js)
# --------------------------------------------------------------------------

_SPACES = (
    "\\x09-\\x0d\\x20\\x85\\xa0\\u1680\\u180e\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000"
)
_INVALID = "\\ufffe\\ufeff\\uffff"
_DIRECTIONAL = "\\u202a-\\u202e\\u061c\\u200e\\u200f\\u2066\\u2067\\u2068\\u2069"
# punct.js: ASCII punctuation but the double quote and the backtick.
_PUNCT = "!'#%&()*+,\\\\\\-./:;<=>?@\\[\\]^_{|}~$"
_LATIN_ACCENTS = (
    "\\xc0-\\xd6\\xd8-\\xf6\\xf8-\\xff\\u0100-\\u024f\\u0253\\u0254\\u0256\\u0257\\u0259"
    "\\u025b\\u0263\\u0268\\u026f\\u0272\\u0289\\u028b\\u02bb\\u0300-\\u036f\\u1e00-\\u1eff"
)
_CYRILLIC = "\\u0400-\\u04ff"

# --------------------------------------------------------------------------
# Links (extractUrl.js and the patterns it is made of)
# --------------------------------------------------------------------------
#
# extractUrl.js is one regular expression:
#
#   (validUrlPrecedingChars)((https?://)?(validDomain)(?::(port))?(/path*)?(\?query)?)
#
# whose validDomain ends in an alternation of ~1,600 top-level domains.
# Python compiles such a pattern in about 80 ms, which every `check` would
# pay. So the pattern is split where the TLDs are: small patterns match the
# labels of a domain and what follows it, and _Scan looks TLDs up in a set,
# trying the choices in the order the regular expression's backtracking
# tries them (most labels first; for each, the longest TLD first).

_VALID_DOMAIN_CHARS = f"[^{_PUNCT}{_SPACES}{_INVALID}{_DIRECTIONAL}]"
# validSubdomain.js: a label of domain characters, '_' or '-' inside, and its dot.
_VALID_SUBDOMAIN = (
    f"(?:(?:{_VALID_DOMAIN_CHARS}(?:[_-]|{_VALID_DOMAIN_CHARS})*)?{_VALID_DOMAIN_CHARS}\\.)"
)
# validDomainName.js is the same without '_': checked on the label validSubdomain matched.
_VALID_PUNYCODE = "xn--[\\-0-9a-z]+"
_VALID_PORT_NUMBER = "[0-9]+"
_VALID_GENERAL_URL_PATH_CHARS = (
    f"[a-z{_CYRILLIC}0-9!*';:=+,.$/%#\\[\\]\\-\\u2013_~@|&{_LATIN_ACCENTS}]"
)
_VALID_URL_BALANCED_PARENS = (
    f"\\((?:{_VALID_GENERAL_URL_PATH_CHARS}+|(?:{_VALID_GENERAL_URL_PATH_CHARS}*"
    f"\\({_VALID_GENERAL_URL_PATH_CHARS}+\\){_VALID_GENERAL_URL_PATH_CHARS}*))\\)"
)
_VALID_URL_PATH_ENDING_CHARS = (
    f"[+\\-a-z{_CYRILLIC}0-9=_#/{_LATIN_ACCENTS}]|(?:{_VALID_URL_BALANCED_PARENS})"
)
_VALID_URL_PATH = (
    f"(?:(?:{_VALID_GENERAL_URL_PATH_CHARS}*(?:{_VALID_URL_BALANCED_PARENS}"
    f"{_VALID_GENERAL_URL_PATH_CHARS}*)*{_VALID_URL_PATH_ENDING_CHARS})"
    f"|(?:@{_VALID_GENERAL_URL_PATH_CHARS}+/))"
)
_VALID_URL_QUERY_CHARS = "[a-z0-9!?*'@();:&=+$/%#\\[\\]\\-_.,~|]"
_VALID_URL_QUERY_ENDING_CHARS = "[a-z0-9\\-_&=#/]"


#: validUrlPrecedingChars.js, as the characters it refuses (the directional
#: marks it also names are not among them, so they may precede a link).
def _characters(body: str) -> frozenset[str]:
    """The characters of a character-class body written as here (``\\x09-\\x0d\\-.``)."""
    tokens = re.findall(r"\\[xu][0-9a-fA-F]{2,4}|\\.|.", body)
    chars = [chr(int(t[2:], 16)) if t[:2] in ("\\x", "\\u") else t[-1] for t in tokens]
    found: set[str] = set()
    index = 0
    while index < len(tokens):
        if index + 2 < len(tokens) and tokens[index + 1] == "-":
            found.update(map(chr, range(ord(chars[index]), ord(chars[index + 2]) + 1)))
            index += 3
        else:
            found.add(chars[index])
            index += 1
    return frozenset(found)


#: What cannot be in a label of a domain, and what cannot be in a domain at
#: all (the label characters '_' and '-' are punctuation: not domain characters).
_NOT_DOMAIN = _characters(_PUNCT + _SPACES + _INVALID + _DIRECTIONAL)
_NOT_LABEL = _NOT_DOMAIN - {"_", "-"}
_ASCII_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
_NOT_BEFORE = frozenset(_ASCII_ALNUM + "@＠$#＃\ufffe\ufeff\uffff")
#: What may not follow a TLD (validGTLD.js, validCCTLD.js: (?=[^0-9a-zA-Z@+-]|$)).
_NOT_AFTER_TLD = frozenset(_ASCII_ALNUM + "@+-")
# invalidUrlWithoutProtocolPrecedingChars.js
_INVALID_BEFORE_BARE_DOMAIN = frozenset("-_./")
# extractUrlsWithIndices.js and lib/idna.js
_MAX_URL_LENGTH = 4096
_MAX_TCO_SLUG_LENGTH = 40
_MAX_DOMAIN_LABEL_LENGTH = 63
_DEFAULT_PROTOCOL = "https://"

# JavaScript's case-insensitive matching (without the u flag) never makes a
# non-ASCII character equal to an ASCII letter; Python's does for these four
# (İ ı ſ and the Kelvin sign). The patterns that ignore case run on a copy
# of the text in which each is replaced by a character that they treat the
# way JavaScript treats the original: ā for the three Latin letters (all in
# latinAccentChars), a runic letter for the Kelvin sign (only a domain
# character). Positions do not move: one code point for one.
_PYTHON_ONLY_FOLDS = str.maketrans({"\u0130": "ā", "\u0131": "ā", "\u017f": "ā", "\u212a": "ᚠ"})


def _work(text: str) -> str:
    """``text`` with the characters of :data:`_PYTHON_ONLY_FOLDS` replaced."""
    if text.isascii() or not any(char in text for char in "\u0130\u0131\u017f\u212a"):
        return text
    return text.translate(_PYTHON_ONLY_FOLDS)


def load_tlds() -> tuple[str, ...]:
    """The top-level domains of ``gc_cli/store/data/tlds.txt``, in the file's order.

    Lines starting with ``#`` are comments and ``[...]`` lines name a
    section (where the names come from); every other line is one TLD.
    """
    # Beside this module, as package data (importlib.resources would cost
    # more to import than reading the file).
    text = (Path(__file__).parent / "data" / "tlds.txt").read_text("utf-8")
    return tuple(
        line.strip()
        for line in text.splitlines()
        if line.strip() and not line.startswith(("#", "["))
    )


def _fold(text: str) -> str:
    """``text`` as JavaScript compares it ignoring case (Canonicalize without the u flag).

    Each character becomes its upper case when that is one character and
    does not turn a non-ASCII character into an ASCII one.
    """
    if text.isascii():
        return text.upper()
    out = []
    for char in text:
        upper = char.upper()
        keep = len(upper) != 1 or (char >= "\x80" and upper < "\x80")
        out.append(char if keep else upper)
    return "".join(out)


class _Patterns:
    """The compiled patterns and the TLD set, built on the first text with a dot."""

    def __init__(self) -> None:
        tlds = {_fold(tld) for tld in load_tlds()}
        self.tlds = frozenset(tlds)
        self.longest_tld = max(len(tld) for tld in tlds)
        self.tld_chars = frozenset("".join(tlds))
        self.label = re.compile(_VALID_SUBDOMAIN)
        self.domain_char = re.compile(_VALID_DOMAIN_CHARS)
        self.protocol = re.compile("https?://", re.IGNORECASE)
        self.punycode = re.compile(_VALID_PUNYCODE, re.IGNORECASE)
        self.tail = re.compile(
            f"(?::(?P<port>{_VALID_PORT_NUMBER}))?"
            f"(?P<path>/{_VALID_URL_PATH}*)?"
            f"(?P<query>\\?{_VALID_URL_QUERY_CHARS}*{_VALID_URL_QUERY_ENDING_CHARS})?",
            re.IGNORECASE,
        )
        self.ascii_label = re.compile(f"[\\-a-z0-9{_LATIN_ACCENTS}]+\\.", re.IGNORECASE)
        self.ascii_run = re.compile(f"[\\-a-z0-9{_LATIN_ACCENTS}]*", re.IGNORECASE)
        self.tco = re.compile(
            f"https?://t\\.co/([a-z0-9]+)"
            f"(?:\\?{_VALID_URL_QUERY_CHARS}*{_VALID_URL_QUERY_ENDING_CHARS})?",
            re.IGNORECASE,
        )

    def tld_end(self, text: str, work: str, start: int, stop: int) -> int | None:
        """Where a TLD (or a punycode one) at ``start`` ends, the longest first; None if none.

        ``stop`` is the end of the string the pattern runs on (its ``$``).
        """
        folded = _fold(text[start : min(stop, start + self.longest_tld)])
        usable = 0
        for char in folded:
            if char not in self.tld_chars:
                break
            usable += 1
        for length in range(usable, 0, -1):
            end = start + length
            if folded[:length] in self.tlds and (end == stop or text[end] not in _NOT_AFTER_TLD):
                return end
        found = self.punycode.match(work, start, stop)
        return found.end() if found else None

    def ascii_domains(self, text: str, work: str) -> list[tuple[int, int]]:
        """validAsciiDomain.js run over ``text`` (a domain), every match: ``(start, end)``."""
        found: list[tuple[int, int]] = []
        stop = len(text)
        position = 0
        while position < stop:
            ends = []
            at = position
            while (label := self.ascii_label.match(work, at)) is not None:
                at = label.end()
                ends.append(at)
            if not ends:
                # No start inside this run of label characters can reach a dot either.
                run = self.ascii_run.match(work, position)
                position = (run.end() if run else position) + 1
                continue
            end = None
            for label_end in reversed(ends):
                end = self.tld_end(text, work, label_end, stop)
                if end is not None:
                    break
            if end is None:
                # A later start inside the first label sees the same labels and TLDs.
                position = ends[0]
                continue
            found.append((position, end))
            position = end
        return found


@cache
def _patterns() -> _Patterns:
    return _Patterns()


def _utf16_length(text: str) -> int:
    """``text.length`` in JavaScript: characters beyond U+FFFF count twice."""
    return len(text) + sum(1 for char in text if char > "\uffff")


def _low_half(char: str) -> str:
    """The second UTF-16 code unit of a character beyond U+FFFF, as a lone surrogate."""
    return chr(0xDC00 + ((ord(char) - 0x10000) & 0x3FF))


#: punycode.js's label separators (the full stops of other scripts).
_SEPARATORS = re.compile("[\u3002\uff0e\uff61]")
_NON_ASCII = re.compile("[^\x20-\x7e]")


def _ascii_label_length(label: str) -> int | None:
    """The length of ``punycode.toASCII(label)`` (punycode.js 1.4.1), None if it cannot encode."""
    total = 0
    for index, part in enumerate(_SEPARATORS.sub(".", label).split(".")):
        if _NON_ASCII.search(part):
            try:
                total += 4 + len(part.encode("punycode"))
            except UnicodeError:
                return None
        else:
            total += len(part)
        total += 1 if index else 0
    return total


class UrlEntity:
    """A link found in a text: its string and span, as twitter-text reports them.

    ``url`` may be shorter than ``end - start`` (a bare domain followed by a
    path keeps only its ASCII part), which is how parseTweet skips it.
    """

    __slots__ = ("end", "start", "url")

    def __init__(self, url: str, start: int, end: int) -> None:
        self.url = url
        self.start = start
        self.end = end

    def __repr__(self) -> str:
        return f"UrlEntity({self.url!r}, {self.start}, {self.end})"


class _Scan:
    """One text scanned for links: what extractUrl.exec() does, call after call."""

    def __init__(self, patterns: _Patterns, text: str) -> None:
        self.p = patterns
        self.text = text
        self.work = _work(text)
        self.starts: list[int] = []
        self.dots: list[int] = []
        self.underscores: list[int] = []
        # The runs of label characters (domain characters, '_', '-') that a
        # dot ends, when a domain character follows the dot (else the dot
        # ends no label of a domain). Each character is looked at once.
        length = len(text)
        dot = text.find(".")
        previous = 0
        while dot >= 0:
            if dot + 1 < length and text[dot + 1] not in _NOT_DOMAIN:
                start = dot
                while start > previous and text[start - 1] not in _NOT_LABEL:
                    start -= 1
                if start < dot:
                    self.starts.append(start)
                    self.dots.append(dot)
                    self.underscores.append(text.rfind("_", start, dot))
            previous = dot + 1
            dot = text.find(".", previous)
        self._tld: dict[int, int | None] = {}
        self._chain: dict[int, int | None] = {}

    def tld_end(self, at: int) -> int | None:
        if at not in self._tld:
            self._tld[at] = self.p.tld_end(self.text, self.work, at, len(self.text))
        return self._tld[at]

    def chain_end(self, at: int) -> int | None:
        """The domain's end when its last label (validDomainName) is one of those from ``at``.

        The labels from ``at`` on (validSubdomain each) are tried deepest
        first, as the greedy ``validSubdomain*`` gives them back one by one.
        Remembered per position, so a long chain of labels is read once.
        """
        chain = self._chain
        path: list[tuple[int, int, bool]] = []
        position = at
        while position not in chain:
            label = self.p.label.match(self.text, position)
            if label is None:
                chain[position] = None
                break
            path.append((position, label.end(), "_" in label.group()))
            position = label.end()
        for start, end, underscore in reversed(path):
            best = chain[end]
            if best is None and not underscore:
                best = self.tld_end(end)
            chain[start] = best
        return chain[at]

    def domain_end(self, start: int) -> int | None:
        """validDomain matched from ``start``: where it ends, or None."""
        text = self.text
        index = bisect_right(self.starts, start) - 1
        if index < 0 or start >= self.dots[index] or text[start] in "_-":
            return None
        dot = self.dots[index]
        if text[dot - 1] in "_-":
            return None
        end = self.chain_end(dot + 1)
        if end is not None:
            return end
        if self.underscores[index] >= start:
            return None  # validDomainName has no '_'
        return self.tld_end(dot + 1)

    def after(self, start: int) -> tuple[int, int | None, int, int] | None:
        """``(https?://)?(validDomain)`` from ``start``.

        Returns (start, end of the protocol, domain start and end), or None.
        """
        protocol = self.p.protocol.match(self.work, start)
        if protocol is not None:
            end = self.domain_end(protocol.end())
            if end is not None:
                return start, protocol.end(), protocol.end(), end
        end = self.domain_end(start)
        return None if end is None else (start, None, start, end)

    def attempt(self, position: int) -> tuple[int, int | None, int, int, bool] | None:
        """The match of extractUrl at ``position``, trying its alternatives in order.

        Returns (start of the link, end of its protocol, domain start and
        end, whether JavaScript sees the domain start half-way through a
        character beyond U+FFFF).
        """
        char = self.text[position]
        found: tuple[int, int | None, int, int] | None
        if char > "\uffff":
            # JavaScript sees two code units: the first precedes a link whose
            # domain starts with the second (no protocol fits there)...
            end = self.domain_end(position)
            if end is not None:
                return position, None, position, end, True
            if position == 0:
                found = self.after(0)
                if found is not None:
                    return (*found, False)
            # ...then the second code unit precedes.
            found = self.after(position + 1)
            return None if found is None else (*found, False)
        if char not in _NOT_BEFORE:
            found = self.after(position + 1)
            if found is not None:
                return (*found, False)
        if position == 0:
            found = self.after(0)
            if found is not None:
                return (*found, False)
        return None

    def candidates(self, index: int, position: int) -> Iterator[int]:
        """Where a match whose domain starts in run ``index`` may start, from ``position`` on.

        Inside the run, anywhere (its domain starts there or one character
        later); before it, only where "http://" or "https://" ends at its
        start, or one character before that.
        """
        start = self.starts[index]
        for scheme in (len(_DEFAULT_PROTOCOL), len(_DEFAULT_PROTOCOL) - 1):
            at = start - scheme
            if at >= 0 and self.p.protocol.fullmatch(self.work, at, start):
                for candidate in (at - 1, at):
                    if candidate >= position:
                        yield candidate
        yield from range(max(position, start - 1), self.dots[index])

    def matches(self) -> Iterator[tuple[int, int | None, int, int, bool, re.Match[str]]]:
        """Every match, as the global regular expression's exec() finds them in turn."""
        position = 0
        index = 0
        while index < len(self.dots):
            dot = self.dots[index]
            if dot <= position:
                index += 1
                continue
            found = None
            for at in self.candidates(index, position):
                found = self.attempt(at)
                if found is not None:
                    break
            if found is None:
                position = dot
                index += 1
                continue
            tail = self.p.tail.match(self.work, found[3])
            assert tail is not None  # every part of it is optional
            yield (*found, tail)
            position = tail.end()


def _valid_domain(domain: str, half: bool) -> bool:
    """``idna.toAscii(domain)`` succeeds: each label 1 to 63 characters once punycoded."""
    if domain[:4] == "xn--":
        work = _work(domain)
        if not _patterns().ascii_domains(domain, work):
            return False
    labels = domain.split(".")
    if half:
        labels[0] = _low_half(labels[0][0]) + labels[0][1:]
    for label in labels:
        length = _ascii_label_length(label)
        if length is None or not 1 <= length <= _MAX_DOMAIN_LABEL_LENGTH:
            return False
    return True


_DOT_THEN_ALNUM = re.compile(r"\.[^\W_]")


def extract_urls(text: str, *, without_protocol: bool = True) -> list[UrlEntity]:
    """The links of ``text`` as ``extractUrlsWithIndices`` finds them, left to right.

    ``without_protocol`` false keeps only links written with ``http://`` or
    ``https://`` (Mastodon's rule). Indices are code points of ``text``.
    """
    if not text or ("." not in text if without_protocol else ":" not in text):
        return []
    if not _DOT_THEN_ALNUM.search(text):
        return []  # a TLD is a letter or a digit right after a dot
    patterns = _patterns()
    scan = _Scan(patterns, text)
    urls: list[UrlEntity] = []
    for start, protocol_end, domain_start, domain_end, half, tail in scan.matches():
        url_end = tail.end()
        url = text[start:url_end]
        domain = text[domain_start:domain_end]
        protocol = text[start:protocol_end] if protocol_end is not None else _DEFAULT_PROTOCOL
        if len(protocol) + _utf16_length(url) - half > _MAX_URL_LENGTH:
            continue
        if not _valid_domain(domain, half):
            continue
        if protocol_end is None:
            before = text[start - 1] if start and not half else ""
            if not without_protocol or (before and before in _INVALID_BEFORE_BARE_DOMAIN):
                continue
            last: UrlEntity | None = None
            ascii_end = 0
            work = scan.work[domain_start:domain_end]
            for found_start, found_end in patterns.ascii_domains(domain, work):
                name = domain[found_start:found_end]
                ascii_start = domain.find(name, ascii_end)
                ascii_end = ascii_start + len(name)
                last = UrlEntity(name, start + ascii_start, start + ascii_end)
                urls.append(last)
            if last is None:
                continue
            if tail["path"]:
                last.url = url.replace(domain, last.url, 1)
                last.end = url_end
        else:
            tco = patterns.tco.match(scan.work, start, url_end)
            if tco is not None:
                if len(tco[1]) > _MAX_TCO_SLUG_LENGTH:
                    continue
                url_end = tco.end()
                url = text[start:url_end]
            urls.append(UrlEntity(url, start, url_end))
    return urls


# --------------------------------------------------------------------------
# Hashtags (validHashtag.js, extractHashtagsWithIndices.js)
# --------------------------------------------------------------------------

# hashtagSpecialChars.js: joiners, the middle dot and a few script-specific marks.
_HASHTAG_SPECIAL = (
    "_\u200c\u200d\ua67e\u05be\u05f3\u05f4\uff5e\u301c\u309b\u309c\u30a0\u30fb"
    "\u3003\u0f0b\u0f0c\xb7"
)


def _valid_hashtag(alpha: str, alphanumeric: str) -> str:
    """validHashtag.js over the given letter classes."""
    boundary = f"(?:^|\ufe0e|\ufe0f|$|(?!{alphanumeric}|&).)"
    return (
        f"(?P<before>{boundary})[#＃](?!\ufe0f|\u20e3)"
        f"(?P<tag>{alphanumeric}*{alpha}{alphanumeric}*)"
    )


@cache
def _hashtag_pattern(plain: bool) -> re.Pattern[str] | regex.Pattern[str]:
    """validHashtag.js: with the standard library for a ``plain`` text, else with ``regex``.

    twitter-text generates its letter, mark and digit tables from Unicode
    (bmpLetterAndMarks.js, astralLetterAndMarks.js, bmpNumerals.js,
    astralNumerals.js): letters and marks, decimal digits. The `regex`
    module has those classes; the standard library's ``\\w`` is letters and
    all numbers but no marks, the same classes in a text of
    :data:`_PLAIN_HASHTAG_TEXT` (the variation selectors, the one kind of
    mark emoji bring, are named), without importing `regex` (slow to import).
    """
    if plain:
        selectors = "\ufe00-\ufe0f"
        return re.compile(
            _valid_hashtag(f"(?:[^\\W\\d_]|[{selectors}])", f"[\\w{_HASHTAG_SPECIAL}{selectors}]"),
            re.IGNORECASE | re.DOTALL,
        )
    import regex

    return regex.compile(
        _valid_hashtag("[\\p{L}\\p{M}]", f"[\\p{{L}}\\p{{M}}\\p{{Nd}}{_HASHTAG_SPECIAL}]"),
        regex.IGNORECASE | regex.DOTALL | regex.VERSION0,
    )


# Characters that are neither combining marks (but the variation
# selectors) nor numbers other than decimal digits (², ½, Ⅻ, ①): Latin
# script, punctuation, symbols, arrows, box drawing, pictographs.
_PLAIN_HASHTAG_TEXT = re.compile(
    "[\x00-\xb1\xb4-\xb8\xba\xbb\xbf-\u02ff\u2000-\u206f\u20a0-\u20cf\u2100-\u214f"
    "\u2190-\u245f\u2500-\u2775\u2794-\u27bf\u2b00-\u2bff\ufe00-\ufe0f"
    "\U0001f110-\U0001faff]*\\Z"
)
_END_HASHTAG = re.compile("[#＃]|://")


_HASH_SIGNS = re.compile("[#＃]")


def extract_hashtags(text: str) -> list[tuple[int, int]]:
    """The ``(start, end)`` spans of the hashtags of ``text`` (``#`` included), left to right.

    As ``extractHashtagsWithIndices``: a ``#`` or ``＃`` after a character that
    is not a letter, digit or ``&`` (or at the start), followed by a name
    with at least one letter; not when the name runs into another ``#`` or
    ``://``; not inside a link.
    """
    if "#" not in text and "＃" not in text:
        return []
    valid = _hashtag_pattern(_PLAIN_HASHTAG_TEXT.match(text) is not None)
    tags: list[tuple[int, int]] = []
    # A match has its '#' where it starts, or one character later (after the
    # boundary it consumes): trying only there finds what finditer() finds.
    position = 0
    for sign in _HASH_SIGNS.finditer(text):
        hash_at = sign.start()
        if hash_at < position:
            continue
        for start in (hash_at - 1, hash_at):
            if start < position:
                continue
            match = valid.match(text, start)
            if match is not None:
                break
        else:
            continue
        position = match.end()
        if not _END_HASHTAG.match(text, position):
            tags.append((match.end("before"), position))
    if not tags:
        return tags
    urls = extract_urls(text)
    if not urls:
        return tags
    # removeOverlappingEntities: by start (hashtags first on a tie, as the
    # stable sort of hashtags followed by links), an entity starting before
    # the previous one ends is dropped.
    entities = sorted(
        [(start, 0, end) for start, end in tags] + [(u.start, 1, u.end) for u in urls],
        key=lambda entity: entity[0],
    )
    kept: list[tuple[int, int]] = []
    previous_end = -1
    for start, kind, end in entities:
        if start < previous_end:
            continue
        previous_end = end
        if kind == 0:
            kept.append((start, end))
    return kept


# --------------------------------------------------------------------------
# Weighted length (parseTweet.js, config v3)
# --------------------------------------------------------------------------

# twemoji-parser 11.0.2, src/lib/regex.js (generated from Twemoji's list of
# emoji, Unicode 12), converted from its UTF-16 code units to code points:
# a surrogate pair is one character here. Each match weighs 2, whatever its
# length; a newer sequence (❤️‍🔥, Unicode 13.1) is not in it and weighs its
# code points one by one, as it does in twitter-text.
_EMOJI = (
    "(?:[\U0001f468\U0001f469])(?:[\U0001f3fb-\U0001f3ff])?\u200d(?:\u2695\ufe0f|\u2696\ufe0f"
    "|\u2708\ufe0f|[\U0001f33e\U0001f373\U0001f393\U0001f3a4\U0001f3a8\U0001f3eb\U0001f3ed]|["
    "\U0001f4bb\U0001f4bc\U0001f527\U0001f52c\U0001f680\U0001f692]|[\U0001f9b0-\U0001f9b3])|("
    "?:[\U0001f3cb\U0001f3cc]|[\U0001f574\U0001f575]|\u26f9)(?:(?:[\U0001f3fb-\U0001f3ff]|"
    "\ufe0f)\u200d[\u2640\u2642]\ufe0f)|(?:[\U0001f3c3\U0001f3c4\U0001f3ca]|[\U0001f46e"
    "\U0001f471\U0001f473\U0001f477\U0001f481\U0001f482\U0001f486\U0001f487\U0001f645-"
    "\U0001f647\U0001f64b\U0001f64d\U0001f64e\U0001f6a3\U0001f6b4-\U0001f6b6]|[\U0001f926"
    "\U0001f935\U0001f937-\U0001f939\U0001f93d\U0001f93e\U0001f9b8\U0001f9b9\U0001f9d6-"
    "\U0001f9dd])(?:[\U0001f3fb-\U0001f3ff])?\u200d[\u2640\u2642]\ufe0f|(?:\U0001f468\u200d"
    "\u2764\ufe0f\u200d\U0001f48b\u200d\U0001f468|\U0001f468\u200d\U0001f468\u200d\U0001f466"
    "\u200d\U0001f466|\U0001f468\u200d\U0001f468\u200d\U0001f467\u200d[\U0001f466\U0001f467]|"
    "\U0001f468\u200d\U0001f469\u200d\U0001f466\u200d\U0001f466|\U0001f468\u200d\U0001f469"
    "\u200d\U0001f467\u200d[\U0001f466\U0001f467]|\U0001f469\u200d\u2764\ufe0f\u200d"
    "\U0001f48b\u200d[\U0001f468\U0001f469]|\U0001f469\u200d\U0001f469\u200d\U0001f466\u200d"
    "\U0001f466|\U0001f469\u200d\U0001f469\u200d\U0001f467\u200d[\U0001f466\U0001f467]|"
    "\U0001f468\u200d\u2764\ufe0f\u200d\U0001f468|\U0001f468\u200d\U0001f466\u200d\U0001f466|"
    "\U0001f468\u200d\U0001f467\u200d[\U0001f466\U0001f467]|\U0001f468\u200d\U0001f468\u200d["
    "\U0001f466\U0001f467]|\U0001f468\u200d\U0001f469\u200d[\U0001f466\U0001f467]|\U0001f469"
    "\u200d\u2764\ufe0f\u200d[\U0001f468\U0001f469]|\U0001f469\u200d\U0001f466\u200d"
    "\U0001f466|\U0001f469\u200d\U0001f467\u200d[\U0001f466\U0001f467]|\U0001f469\u200d"
    "\U0001f469\u200d[\U0001f466\U0001f467]|\U0001f3f3\ufe0f\u200d\U0001f308|\U0001f3f4\u200d"
    "\u2620\ufe0f|\U0001f441\u200d\U0001f5e8|\U0001f468\u200d[\U0001f466\U0001f467]|"
    "\U0001f469\u200d[\U0001f466\U0001f467]|\U0001f46f\u200d\u2640\ufe0f|\U0001f46f\u200d"
    "\u2642\ufe0f|\U0001f93c\u200d\u2640\ufe0f|\U0001f93c\u200d\u2642\ufe0f|\U0001f9de\u200d"
    "\u2640\ufe0f|\U0001f9de\u200d\u2642\ufe0f|\U0001f9df\u200d\u2640\ufe0f|\U0001f9df\u200d"
    "\u2642\ufe0f)|[#*0-9]\ufe0f?\u20e3|(?:[\u00a9\u00ae\u2122\u265f]\ufe0f)|(?:[\U0001f004"
    "\U0001f170\U0001f171\U0001f17e\U0001f17f\U0001f202\U0001f21a\U0001f22f\U0001f237"
    "\U0001f321\U0001f324-\U0001f32c\U0001f336\U0001f37d\U0001f396\U0001f397\U0001f399-"
    "\U0001f39b\U0001f39e\U0001f39f\U0001f3cd\U0001f3ce\U0001f3d4-\U0001f3df\U0001f3f3"
    "\U0001f3f5\U0001f3f7]|[\U0001f43f\U0001f441\U0001f4fd\U0001f549\U0001f54a\U0001f56f"
    "\U0001f570\U0001f573\U0001f576-\U0001f579\U0001f587\U0001f58a-\U0001f58d\U0001f5a5"
    "\U0001f5a8\U0001f5b1\U0001f5b2\U0001f5bc\U0001f5c2-\U0001f5c4\U0001f5d1-\U0001f5d3"
    "\U0001f5dc-\U0001f5de\U0001f5e1\U0001f5e3\U0001f5e8\U0001f5ef\U0001f5f3\U0001f5fa"
    "\U0001f6cb\U0001f6cd-\U0001f6cf\U0001f6e0-\U0001f6e5\U0001f6e9\U0001f6f0\U0001f6f3]|["
    "\u203c\u2049\u2139\u2194-\u2199\u21a9\u21aa\u231a\u231b\u2328\u23cf\u23ed-\u23ef\u23f1"
    "\u23f2\u23f8-\u23fa\u24c2\u25aa\u25ab\u25b6\u25c0\u25fb-\u25fe\u2600-\u2604\u260e\u2611"
    "\u2614\u2615\u2618\u2620\u2622\u2623\u2626\u262a\u262e\u262f\u2638-\u263a\u2640\u2642"
    "\u2648-\u2653\u2660\u2663\u2665\u2666\u2668\u267b\u267f\u2692-\u2697\u2699\u269b\u269c"
    "\u26a0\u26a1\u26aa\u26ab\u26b0\u26b1\u26bd\u26be\u26c4\u26c5\u26c8\u26cf\u26d1\u26d3"
    "\u26d4\u26e9\u26ea\u26f0-\u26f5\u26f8\u26fa\u26fd\u2702\u2708\u2709\u270f\u2712\u2714"
    "\u2716\u271d\u2721\u2733\u2734\u2744\u2747\u2757\u2763\u2764\u27a1\u2934\u2935\u2b05-"
    "\u2b07\u2b1b\u2b1c\u2b50\u2b55\u3030\u303d\u3297\u3299])(?:\ufe0f|(?!\ufe0e))|(?:(?:["
    "\U0001f3cb\U0001f3cc]|[\U0001f574\U0001f575\U0001f590]|[\u261d\u26f7\u26f9\u270c\u270d])"
    "(?:\ufe0f|(?!\ufe0e))|(?:[\U0001f385\U0001f3c2-\U0001f3c4\U0001f3c7\U0001f3ca]|["
    "\U0001f442\U0001f443\U0001f446-\U0001f450\U0001f466-\U0001f469\U0001f46e\U0001f470-"
    "\U0001f478\U0001f47c\U0001f481-\U0001f483\U0001f485-\U0001f487\U0001f4aa\U0001f57a"
    "\U0001f595\U0001f596\U0001f645-\U0001f647\U0001f64b-\U0001f64f\U0001f6a3\U0001f6b4-"
    "\U0001f6b6\U0001f6c0\U0001f6cc]|[\U0001f918-\U0001f91c\U0001f91e\U0001f91f\U0001f926"
    "\U0001f930-\U0001f939\U0001f93d\U0001f93e\U0001f9b5\U0001f9b6\U0001f9b8\U0001f9b9"
    "\U0001f9d1-\U0001f9dd]|[\u270a\u270b]))(?:[\U0001f3fb-\U0001f3ff])?|(?:\U0001f3f4"
    "\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f|\U0001f3f4\U000e0067"
    "\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f|\U0001f3f4\U000e0067\U000e0062"
    "\U000e0077\U000e006c\U000e0073\U000e007f|\U0001f1e6[\U0001f1e8-\U0001f1ec\U0001f1ee"
    "\U0001f1f1\U0001f1f2\U0001f1f4\U0001f1f6-\U0001f1fa\U0001f1fc\U0001f1fd\U0001f1ff]|"
    "\U0001f1e7[\U0001f1e6\U0001f1e7\U0001f1e9-\U0001f1ef\U0001f1f1-\U0001f1f4\U0001f1f6-"
    "\U0001f1f9\U0001f1fb\U0001f1fc\U0001f1fe\U0001f1ff]|\U0001f1e8[\U0001f1e6\U0001f1e8"
    "\U0001f1e9\U0001f1eb-\U0001f1ee\U0001f1f0-\U0001f1f5\U0001f1f7\U0001f1fa-\U0001f1ff]|"
    "\U0001f1e9[\U0001f1ea\U0001f1ec\U0001f1ef\U0001f1f0\U0001f1f2\U0001f1f4\U0001f1ff]|"
    "\U0001f1ea[\U0001f1e6\U0001f1e8\U0001f1ea\U0001f1ec\U0001f1ed\U0001f1f7-\U0001f1fa]|"
    "\U0001f1eb[\U0001f1ee-\U0001f1f0\U0001f1f2\U0001f1f4\U0001f1f7]|\U0001f1ec[\U0001f1e6"
    "\U0001f1e7\U0001f1e9-\U0001f1ee\U0001f1f1-\U0001f1f3\U0001f1f5-\U0001f1fa\U0001f1fc"
    "\U0001f1fe]|\U0001f1ed[\U0001f1f0\U0001f1f2\U0001f1f3\U0001f1f7\U0001f1f9\U0001f1fa]|"
    "\U0001f1ee[\U0001f1e8-\U0001f1ea\U0001f1f1-\U0001f1f4\U0001f1f6-\U0001f1f9]|\U0001f1ef["
    "\U0001f1ea\U0001f1f2\U0001f1f4\U0001f1f5]|\U0001f1f0[\U0001f1ea\U0001f1ec-\U0001f1ee"
    "\U0001f1f2\U0001f1f3\U0001f1f5\U0001f1f7\U0001f1fc\U0001f1fe\U0001f1ff]|\U0001f1f1["
    "\U0001f1e6-\U0001f1e8\U0001f1ee\U0001f1f0\U0001f1f7-\U0001f1fb\U0001f1fe]|\U0001f1f2["
    "\U0001f1e6\U0001f1e8-\U0001f1ed\U0001f1f0-\U0001f1ff]|\U0001f1f3[\U0001f1e6\U0001f1e8"
    "\U0001f1ea-\U0001f1ec\U0001f1ee\U0001f1f1\U0001f1f4\U0001f1f5\U0001f1f7\U0001f1fa"
    "\U0001f1ff]|\U0001f1f4\U0001f1f2|\U0001f1f5[\U0001f1e6\U0001f1ea-\U0001f1ed\U0001f1f0-"
    "\U0001f1f3\U0001f1f7-\U0001f1f9\U0001f1fc\U0001f1fe]|\U0001f1f6\U0001f1e6|\U0001f1f7["
    "\U0001f1ea\U0001f1f4\U0001f1f8\U0001f1fa\U0001f1fc]|\U0001f1f8[\U0001f1e6-\U0001f1ea"
    "\U0001f1ec-\U0001f1f4\U0001f1f7-\U0001f1f9\U0001f1fb\U0001f1fd-\U0001f1ff]|\U0001f1f9["
    "\U0001f1e6\U0001f1e8\U0001f1e9\U0001f1eb-\U0001f1ed\U0001f1ef-\U0001f1f4\U0001f1f7"
    "\U0001f1f9\U0001f1fb\U0001f1fc\U0001f1ff]|\U0001f1fa[\U0001f1e6\U0001f1ec\U0001f1f2"
    "\U0001f1f3\U0001f1f8\U0001f1fe\U0001f1ff]|\U0001f1fb[\U0001f1e6\U0001f1e8\U0001f1ea"
    "\U0001f1ec\U0001f1ee\U0001f1f3\U0001f1fa]|\U0001f1fc[\U0001f1eb\U0001f1f8]|\U0001f1fd"
    "\U0001f1f0|\U0001f1fe[\U0001f1ea\U0001f1f9]|\U0001f1ff[\U0001f1e6\U0001f1f2\U0001f1fc]|["
    "\U0001f0cf\U0001f18e\U0001f191-\U0001f19a\U0001f1e6-\U0001f1ff\U0001f201\U0001f232-"
    "\U0001f236\U0001f238-\U0001f23a\U0001f250\U0001f251\U0001f300-\U0001f320\U0001f32d-"
    "\U0001f335\U0001f337-\U0001f37c\U0001f37e-\U0001f384\U0001f386-\U0001f393\U0001f3a0-"
    "\U0001f3c1\U0001f3c5\U0001f3c6\U0001f3c8\U0001f3c9\U0001f3cf-\U0001f3d3\U0001f3e0-"
    "\U0001f3f0\U0001f3f4\U0001f3f8-\U0001f3ff]|[\U0001f400-\U0001f43e\U0001f440\U0001f444"
    "\U0001f445\U0001f451-\U0001f465\U0001f46a-\U0001f46d\U0001f46f\U0001f479-\U0001f47b"
    "\U0001f47d-\U0001f480\U0001f484\U0001f488-\U0001f4a9\U0001f4ab-\U0001f4fc\U0001f4ff-"
    "\U0001f53d\U0001f54b-\U0001f54e\U0001f550-\U0001f567\U0001f5a4\U0001f5fb-\U0001f644"
    "\U0001f648-\U0001f64a\U0001f680-\U0001f6a2\U0001f6a4-\U0001f6b3\U0001f6b7-\U0001f6bf"
    "\U0001f6c1-\U0001f6c5\U0001f6d0-\U0001f6d2\U0001f6eb\U0001f6ec\U0001f6f4-\U0001f6f9]|["
    "\U0001f910-\U0001f917\U0001f91d\U0001f920-\U0001f925\U0001f927-\U0001f92f\U0001f93a"
    "\U0001f93c\U0001f940-\U0001f945\U0001f947-\U0001f970\U0001f973-\U0001f976\U0001f97a"
    "\U0001f97c-\U0001f9a2\U0001f9b4\U0001f9b7\U0001f9c0-\U0001f9c2\U0001f9d0\U0001f9de-"
    "\U0001f9ff]|[\u23e9-\u23ec\u23f0\u23f3\u267e\u26ce\u2705\u2728\u274c\u274e\u2753-\u2755"
    "\u2795-\u2797\u27b0\u27bf\ue50a])|\ufe0f"
)


@cache
def _emoji() -> re.Pattern[str]:
    return re.compile(_EMOJI)


# config/v3.json "ranges": code points that weigh 100 (1 character) on the
# scale of 100; every other code point weighs "defaultWeight": 200.
_HEAVY = re.compile("[^\x00-\u10ff\u2000-\u200d\u2010-\u201f\u2032-\u2037]")
#: Below this code point no emoji sequence of the pattern above can start or
#: continue, and every code point weighs 1.
_FIRST_EMOJI = "\u203c"


# Where an emoji sequence of the pattern can start: keycaps start with a digit,
# '#' or '*', and need U+20E3 later.
_EMOJI_STARTS = re.compile("[\xa9\xae\u2000-\u32ff\ue50a\ufe0f\U0001f000-\U0001ffff]")
_KEYCAP_EMOJI_STARTS = re.compile("[#*0-9\xa9\xae\u2000-\u32ff\ue50a\ufe0f\U0001f000-\U0001ffff]")


def _emoji_spans(text: str) -> list[tuple[int, int, int, int]]:
    """The emoji sequences of ``text``, as (start, 1, end, 2) for :func:`weighted_length`.

    What ``finditer`` would find, trying the long pattern only where one
    can start.
    """
    pattern = _emoji()
    starts = _KEYCAP_EMOJI_STARTS if "\u20e3" in text else _EMOJI_STARTS
    found = []
    position = 0
    while (start := starts.search(text, position)) is not None:
        match = pattern.match(text, start.start())
        if match is None:
            position = start.start() + 1
            continue
        found.append((match.start(), 1, match.end(), 2))
        position = match.end()
    return found


def _plain(text: str, start: int, end: int) -> int:
    """The weight of ``text[start:end]`` with no link or emoji in it."""
    return end - start + len(_HEAVY.findall(text, start, end))


def weighted_length(text: str, url_length: int | None = 23, *, emoji: bool = True) -> int:
    """``parseTweet(text).weightedLength`` for a text already in NFC.

    Each link of :func:`extract_urls` counts ``url_length`` (None: links
    count as written, code point by code point); with ``emoji``
    (config v3, ``emojiParsingEnabled``) each emoji sequence counts 2; every
    other code point 1 or 2 by the ranges of config v3. Where a link and an
    emoji sequence overlap, the one that starts first counts and the other
    is skipped, as parseTweet walks the text.
    """
    if not text:
        return 0
    found = _emoji_spans(text) if emoji and max(text) >= _FIRST_EMOJI else []
    links = []
    if url_length is not None:
        for url in extract_urls(text):
            end, half = _skip(text, url.start, url.url)
            links.append((url.start, 0, end, url_length + half))
    if not links and not found:
        return _plain(text, 0, len(text))
    total = 0
    position = 0
    for start, _kind, end, weight in sorted(links + found):
        if start < position:
            continue
        total += _plain(text, position, start) + weight
        position = end
    return total + _plain(text, position, len(text))


def _skip(text: str, start: int, url: str) -> tuple[int, int]:
    """Where parseTweet resumes after a link at ``start``, and what a half character costs.

    It skips ``url.length`` UTF-16 code units, which is not always the
    link's span (a bare domain followed by a path keeps only its ASCII
    part). Landing in the middle of a character beyond U+FFFF, it weighs its
    second code unit alone: 2.
    """
    end = start + len(url)
    if url.isascii() and (text[start:end].isascii() or max(text[start:end]) <= "\uffff"):
        return end, 0
    units = _utf16_length(url)
    position = start
    while units > 0 and position < len(text):
        width = 2 if text[position] > "\uffff" else 1
        position += 1
        if width > units:
            return position, 2
        units -= width
    return position, 0
