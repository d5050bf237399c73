"""X's counting against X's own code: twitter-text's conformance files, run as test data.

tests/data/twitter-text/ holds twitter-text's conformance files
(validate.yml, extract.yml, tlds.yml; Apache-2.0, Copyright 2011 Twitter,
Inc., LICENSE beside them) as published, read here at run time as their
README asks ("Create a test which reads these files and executes the test
cases"), and js-reference.json, what the official JavaScript library
returns on random texts. Which configuration each weighted group uses is
the reference runners' choice (rb/test/conformance_test.rb): version 2 for
WeightedTweetsCounterTest, version 3 for the two others.
"""

from __future__ import annotations

import json
import math
import unicodedata
from pathlib import Path
from typing import Any

import pytest
import yaml

from gc_cli.store.twittertext import extract_hashtags, extract_urls, load_tlds, weighted_length

DATA = Path(__file__).parent / "data" / "twitter-text"


def load(name: str) -> dict[str, list[dict[str, Any]]]:
    tests: dict[str, list[dict[str, Any]]] = yaml.safe_load(
        (DATA / name).read_text(encoding="utf-8")
    )["tests"]
    return tests


VALIDATE = load("validate.yml")
EXTRACT = load("extract.yml")
TLDS = load("tlds.yml")


def utf16(text: str, index: int) -> int:
    """A code point index of ``text`` as JavaScript's UTF-16 index."""
    return len(text[:index].encode("utf-16-le")) // 2


def parse(text: str, *, emoji: bool) -> dict[str, Any]:
    """The fields of parseTweet that gc-cli computes: length, validity, permillage."""
    length = weighted_length(unicodedata.normalize("NFC", text), emoji=emoji)
    invalid = any(char in text for char in "\ufffe\ufeff\uffff")
    return {
        "weightedLength": length,
        "valid": 0 < length <= 280 and not invalid,
        "permillage": math.floor(length / 280 * 1000),
    }


def disagreements(cases: list[dict[str, Any]], run: Any) -> list[str]:
    """The cases whose result differs from the expected one, described."""
    return [
        f"{case['description']}: {run(case)!r} != {case['expected']!r}"
        for case in cases
        if run(case) != case["expected"]
    ]


@pytest.mark.parametrize(
    ("group", "emoji"),
    [
        ("WeightedTweetsCounterTest", False),
        ("WeightedTweetsWithDiscountedEmojiCounterTest", True),
        ("UnicodeDirectionalMarkerCounterTest", True),
    ],
)
def test_weighted_length_conformance(group: str, emoji: bool) -> None:
    cases = VALIDATE[group]
    assert len(cases) >= 2

    def run(case: dict[str, Any]) -> dict[str, Any]:
        mine = parse(case["text"], emoji=emoji)
        return {key: mine[key] for key in mine if key in case["expected"]} | {
            key: value for key, value in case["expected"].items() if key not in mine
        }

    assert disagreements(cases, run) == []


def urls_of(case: dict[str, Any]) -> list[str]:
    return [url.url for url in extract_urls(case["text"])]


def urls_with_indices(case: dict[str, Any]) -> list[dict[str, Any]]:
    text = case["text"]
    return [
        {"url": url.url, "indices": [utf16(text, url.start), utf16(text, url.end)]}
        for url in extract_urls(text)
    ]


def hashtags_of(case: dict[str, Any]) -> list[str]:
    text = case["text"]
    return [text[start + 1 : end] for start, end in extract_hashtags(text)]


def hashtags_with_indices(case: dict[str, Any]) -> list[dict[str, Any]]:
    text = case["text"]
    return [
        {"hashtag": text[start + 1 : end], "indices": [utf16(text, start), utf16(text, end)]}
        for start, end in extract_hashtags(text)
    ]


@pytest.mark.parametrize(
    ("group", "run"),
    [
        ("urls", urls_of),
        ("urls_with_indices", urls_with_indices),
        ("urls_with_directional_markers", urls_with_indices),
        ("tco_urls_with_params", urls_of),
        ("hashtags", hashtags_of),
        ("hashtags_from_astral", hashtags_of),
        ("hashtags_with_indices", hashtags_with_indices),
    ],
)
def test_extraction_conformance(group: str, run: Any) -> None:
    cases = EXTRACT[group]
    assert len(cases) >= 2
    assert disagreements(cases, run) == []


@pytest.mark.parametrize("group", ["country", "generic"])
def test_every_tld_of_twitter_text_makes_a_link(group: str) -> None:
    cases = TLDS[group]
    assert len(cases) > 300
    assert disagreements(cases, urls_of) == []


REFERENCE = json.loads((DATA / "js-reference.json").read_text(encoding="utf-8"))["cases"]


def test_same_results_as_the_javascript_library_on_random_texts() -> None:
    assert len(REFERENCE) > 600
    wrong = []
    for name, case in REFERENCE.items():
        text = case["text"]
        mine = [
            weighted_length(unicodedata.normalize("NFC", text)),
            [[u.url, utf16(text, u.start), utf16(text, u.end)] for u in extract_urls(text)],
            [[text[s + 1 : e], utf16(text, s), utf16(text, e)] for s, e in extract_hashtags(text)],
        ]
        if mine != [case["weightedLength"], case["urls"], case["hashtags"]]:
            wrong.append((name, text, mine))
    assert wrong == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The cases of the issue that found the old count wrong.
        ("http://example.com/" + "あ" * 214, 23 + 428),  # Japanese after a link is not the link
        ("a ✌🏿️" * 70, 420),  # skin tone then U+FE0F: the selector weighs 2 on its own
        ("example.bzh", 23),  # a TLD outside the old short list
        ("gouv.quebec", 23),
        ("http://" + "a" * 63 + ".com", 23),
        ("http://" + "a" * 64 + ".com", 75),  # a label over 63 characters: not a link
        ("❤️\u200d🔥", 5),  # Unicode 13.1, newer than twitter-text's emoji list: per code point
    ],
)
def test_issue_cases(text: str, expected: int) -> None:
    assert weighted_length(unicodedata.normalize("NFC", text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("(#fêtes)", ["fêtes"]),  # after ')'
        ("🎄\ufe0e#noël", ["noël"]),  # after an emoji in text presentation
        ("✌️#paix", ["paix"]),
        ("#C#", []),  # runs into another '#'
        ("#http://example.org", []),  # runs into '://'
        ("abc#def &#233; C#", []),
    ],
)
def test_hashtags_the_way_x_finds_them(text: str, expected: list[str]) -> None:
    assert [text[s + 1 : e] for s, e in extract_hashtags(text)] == expected


def test_the_tld_list_is_iana_and_twitter_texts() -> None:
    tlds = load_tlds()
    assert len(tlds) == len(set(tlds)) > 1500
    # IANA's current root zone, Unicode names decoded from punycode...
    for tld in ("com", "quebec", "bzh", "music", "한국", "рф", "ישראל"):
        assert tld in tlds
    # ...and twitter-text 2020's retired ones, which its code still links.
    assert "abarth" in tlds
    header = (Path(__file__).parents[1] / "src/gc_cli/store/data/tlds.txt").read_text()
    assert "[iana " in header and "[twitter-text 3.1.0]" in header


@pytest.mark.timeout(60)
@pytest.mark.parametrize(
    "text",
    [
        "é" * 200_000 + ".zzz",
        "a." * 100_000,
        "https://a.co/" + "(a" * 50_000,
        "#" + "1" * 200_000,
        "a_" * 100_000 + "b.com",
        "x" + "é." * 5_000 + "comé",
    ],
    ids=["long-label", "many-labels", "parens", "hashtag-digits", "underscores", "ascii-scan"],
)
def test_hostile_texts_are_counted_in_bounded_time(text: str) -> None:
    assert weighted_length(text) > 0
    extract_hashtags(text)
