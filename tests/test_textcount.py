"""Counting text the networks' way: NFC, graphemes, X weighting, URLs, hashtags."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

import pytest

from gc_cli.store.channels import BUILTIN_PROFILES
from gc_cli.store.profile import ChannelProfile
from gc_cli.store.textcount import (
    count_hashtags,
    find_urls,
    normalize,
    published_text,
    text_bytes,
    text_length,
)

X = BUILTIN_PROFILES["x"]
MASTODON = BUILTIN_PROFILES["mastodon"]
BLUESKY = BUILTIN_PROFILES["bluesky"]
FACEBOOK = BUILTIN_PROFILES["facebook"]

FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466"  # 👨‍👩‍👧‍👦
FLAG_FR = "\U0001f1eb\U0001f1f7"  # 🇫🇷
THUMBS_UP_MEDIUM = "\U0001f44d\U0001f3fd"  # 👍🏽
KEYCAP_ONE = "1\ufe0f\u20e3"  # 1️⃣

FRENCH = "Horaire des fêtes : la boutique ouvre à 9 h le 24 décembre. Joyeux Noël à tous !"


def profile(**changes: object) -> ChannelProfile:
    """A built-in profile with some fields changed, validated like settings would."""
    data = FACEBOOK.model_dump()
    data.update(changes)
    return ChannelProfile.model_validate(data)


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


# ---------------------------------------------------------------- normalize


def test_normalize_composes_decomposed_accents() -> None:
    decomposed = nfd("fêtes à Montréal")
    assert len(decomposed) == 19
    assert normalize(decomposed) == "fêtes à Montréal"
    assert len(normalize(decomposed)) == 16


def test_normalize_leaves_composed_text_alone() -> None:
    assert normalize(FRENCH) == FRENCH


# ---------------------------------------------------------------- characters


def test_characters_count_code_points_after_nfc() -> None:
    assert len(FRENCH) == 80
    assert text_length(FRENCH, FACEBOOK) == 80
    assert text_length(nfd(FRENCH), FACEBOOK) == 80


def test_characters_count_every_code_point_of_an_emoji_sequence() -> None:
    assert text_length(FAMILY, FACEBOOK) == 7
    assert text_length(FLAG_FR, FACEBOOK) == 2


def test_empty_text_has_no_length() -> None:
    for channel in BUILTIN_PROFILES.values():
        assert text_length("", channel) == 0


# ---------------------------------------------------------------- graphemes


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (FAMILY, 1),
        (FLAG_FR + "\U0001f1e8\U0001f1e6", 2),  # 🇫🇷🇨🇦
        (THUMBS_UP_MEDIUM, 1),
        (KEYCAP_ONE, 1),
        ("e\u0301", 1),
        ("Noël", 4),
        ("line\r\nbreak", 10),
    ],
)
def test_graphemes_count_user_perceived_characters(text: str, expected: int) -> None:
    assert text_length(text, BLUESKY) == expected


def test_bluesky_limit_is_reached_in_graphemes_not_code_points() -> None:
    text = nfd("é") * 300  # 600 code points as typed, 300 graphemes
    assert text_length(text, BLUESKY) == 300 <= BLUESKY.max_text
    assert text_length(text + "!", BLUESKY) == 301 > BLUESKY.max_text


def test_bluesky_counts_urls_as_typed() -> None:
    url = "https://example.org/blogue/horaire-des-fetes-2026"
    assert text_length(f"Voir {url}", BLUESKY) == 5 + len(url)


# ---------------------------------------------------------------- X weighting


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Bonjour", 7),
        (FRENCH, 80),  # Latin-1 accents, ':' and '!' all weigh 1
        ("日本語", 6),
        ("東京タワー", 10),
        ("한국", 4),
        (FAMILY, 2),
        (FLAG_FR, 2),
        (THUMBS_UP_MEDIUM, 2),
        (KEYCAP_ONE, 2),
        ("\u2764\ufe0f", 2),  # ❤️
        ("©", 1),  # text-style symbol below U+10FF, not an emoji
        ("\u2014", 1),  # em dash, U+2010..U+201F weighs 1
        ("\u2019", 1),  # typographic apostrophe
        ("\u2026", 2),  # ellipsis U+2026 is outside the light ranges
        ("\u202f", 2),  # French narrow no-break space before ':' weighs 2
        ("\u2033", 1),  # double prime, U+2032..U+2037
        ("Noël 🎄", 7),
    ],
)
def test_weighted_length_follows_twitter_text_v3(text: str, expected: int) -> None:
    assert text_length(text, X) == expected


def test_weighted_length_is_taken_after_nfc() -> None:
    # NFD would give 'e' + U+0301, a second code point weighing 1.
    assert text_length(nfd("fêtes"), X) == 5


def test_x_limit_with_cjk_text() -> None:
    assert text_length("字" * 140, X) == 280 <= X.max_text
    assert text_length("字" * 141, X) == 282 > X.max_text


# ---------------------------------------------------------------- URLs counted 23

LONG_URL = "https://www.example.org/blogue/2026/12/horaire-des-fetes-de-fin-d-annee?utm_source=x"


def test_x_counts_each_url_as_23() -> None:
    text = f"Nos heures pendant les fêtes : {LONG_URL}"
    assert len(LONG_URL) > 23
    assert text_length(text, X) == len("Nos heures pendant les fêtes : ") + 23


def test_x_counts_short_urls_as_23_too() -> None:
    assert text_length("https://t.co", X) == 23


def test_mastodon_counts_each_url_as_23() -> None:
    text = f"Voir {LONG_URL} et https://example.ca/fr."
    assert text_length(text, MASTODON) == 5 + 23 + 4 + 23 + 1


def test_url_end_punctuation_is_prose() -> None:
    assert text_length(f"({LONG_URL}).", X) == 1 + 23 + 2


def test_bare_domain_is_a_url_on_x_but_not_on_mastodon() -> None:
    text = "Détails sur boutique.example.com/fetes"
    assert text_length(text, X) == len("Détails sur ") + 23
    assert text_length(text, MASTODON) == len(text)


def test_url_length_applies_to_custom_profiles() -> None:
    custom = profile(url_length=10)
    assert text_length(f"a {LONG_URL} b", custom) == 2 + 10 + 2


def test_mastodon_url_and_graphemes_together() -> None:
    text = f"{FAMILY} {LONG_URL}"
    assert text_length(text, MASTODON) == 1 + 1 + 23


# ---------------------------------------------------------------- find_urls


def test_find_urls_returns_spans_in_order() -> None:
    text = "A https://example.org/a b http://exemple.fr c"
    spans = find_urls(text)
    assert [text[start:end] for start, end in spans] == [
        "https://example.org/a",
        "http://exemple.fr",
    ]


def test_find_urls_keeps_query_fragment_and_port() -> None:
    url = "https://example.org:8443/p?q=fetes&x=1#horaire"
    assert find_urls(f"Lien : {url} !") == [(7, 7 + len(url))]


def test_find_urls_query_stops_at_a_non_ascii_character_as_on_x() -> None:
    # twitter-text's validUrlQueryChars are ASCII: X's link ends before "ê".
    text = "Lien : https://example.org/p?q=fêtes"
    assert [text[s:e] for s, e in find_urls(text)] == ["https://example.org/p?q=f"]


def test_find_urls_leaves_sentence_punctuation_out() -> None:
    for tail in [".", ",", ";", ":", "!", "?", ")", "»", "…", '"']:
        text = f"Voir https://example.org/page{tail}"
        assert find_urls(text) == [(5, len(text) - len(tail))], tail


def test_find_urls_keeps_balanced_parentheses() -> None:
    url = "https://fr.wikipedia.org/wiki/Qu%C3%A9bec_(province)"
    text = f"(voir {url})."
    assert [text[s:e] for s, e in find_urls(text)] == [url]


def test_find_urls_is_case_insensitive_and_accepts_unicode_hosts() -> None:
    text = "HTTPS://EXAMPLE.ORG et https://fêtes.example.ca/noël"
    assert [text[s:e] for s, e in find_urls(text)] == [
        "HTTPS://EXAMPLE.ORG",
        "https://fêtes.example.ca/noël",
    ]


def test_find_urls_ignores_email_addresses_and_hosts_without_tld() -> None:
    assert find_urls("Écrire à marie@example.com") == []
    assert find_urls("http://localhost:8000/x") == []
    # twitter-text does not link a bare domain right after '/', so neither does this.
    assert find_urls("ftp://example.org/x") == []


def test_find_urls_bare_domains_need_a_known_tld() -> None:
    assert find_urls("horaire.pdf et fichier.docx") == []
    assert find_urls("www.example.com") == [(0, 15)]
    assert find_urls("example.qc.ca/fetes") == [(0, 19)]
    assert find_urls("www.example.com", bare_domains=False) == []


def test_find_urls_on_text_without_dot() -> None:
    assert find_urls("Joyeuses fêtes !") == []


# ---------------------------------------------------------------- hashtags


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("#fêtes #Noël #Montréal", 3),
        ("#fetes2026 et #1er", 2),
        ("#1 #2026 #3e", 1),  # numbers are not hashtags, #3e is
        ("#_ #a_b", 1),
        ("C# et F#", 0),
        ("caf&#233;", 0),
        ("abc#def", 0),
        ("(#fêtes) #Noël.", 2),
        ("#東京 #서울", 2),
        ("#l·lusió", 1),  # Catalan middle dot inside a tag (Mastodon)
        ("＃全角", 1),
        ("#fêtes #fêtes", 2),  # every occurrence counts
        ("Pas de mot-dièse ici.", 0),
        ("", 0),
    ],
)
def test_count_hashtags(text: str, expected: int) -> None:
    assert count_hashtags(text) == expected


def test_hashtags_in_url_fragments_do_not_count() -> None:
    assert count_hashtags("https://example.org/horaire#fetes") == 0
    assert count_hashtags("example.org/#fetes") == 0
    # '#' after '?' or '-' would start a hashtag in prose; inside a link it does not.
    assert count_hashtags("https://example.org/faq?#horaires") == 0
    assert count_hashtags("https://example.org/agenda-#noël") == 0
    assert count_hashtags("Agenda -#noël") == 1
    assert count_hashtags("Voir https://example.org/a#b #fêtes") == 1


def test_hashtags_counted_the_same_in_nfd_and_nfc() -> None:
    text = "#Fêtes à #Québec, #Noël et #hôtel"
    assert count_hashtags(nfd(text)) == count_hashtags(text) == 4


# ---------------------------------------------------------------- speed and import cost


def test_long_texts_are_counted_quickly() -> None:
    text = (FRENCH + " 日本語 " + FAMILY + " " + LONG_URL + " #fêtes ") * 500
    started = time.perf_counter()
    for channel in BUILTIN_PROFILES.values():
        text_length(text, channel)
    count_hashtags(text)
    assert time.perf_counter() - started < 2.0


def test_importing_does_not_load_regex() -> None:
    src = Path(__file__).resolve().parents[1] / "src"
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(src), env.get("PYTHONPATH")]))
    code = (
        "import sys, gc_cli.store.textcount, gc_cli.store.channels;"
        "from gc_cli.store.textcount import text_length;"
        "from gc_cli.store.channels import BUILTIN_PROFILES as P;"
        "text_length('Bonjour https://example.org', P['x']);"
        "text_length('Bonjour', P['bluesky']);"
        "print('regex' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert result.stdout.strip() == "False"


# ---------------------------------------------------------------- Mastodon's own rules


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("@alice@example.com", 6),  # only the username part counts
        ("@alice", 6),
        ("Merci @marie.tremblay@mastodon.social !", 6 + 15 + 2),
        ("@Partenaire@boulangerie.quebec merci", 11 + 6),
        ("marie@example.com", 17),  # an address, not a mention
        ("https://example.com/a/very/long/path/to/a/page", 23),
        ("example.com/a/very/long/path/to/a/page", 38),  # no scheme: not a link
        ("ftp://example.org/a/very/long/path", 34),
        ("https://example.org/@alice@example.com", 23),  # the link wins
        (FAMILY + " https://example.org/" + "a" * 40, 1 + 1 + 23),
    ],
)
def test_mastodon_counts_links_and_mentions_its_way(text: str, expected: int) -> None:
    assert text_length(text, MASTODON) == expected


def test_mastodon_limit_with_remote_mentions() -> None:
    mention = "@a@example.com "  # 3 characters once the domain is dropped
    assert text_length(mention * 166, MASTODON) == 498
    assert text_length(mention * 167, MASTODON) == 501 > MASTODON.max_text


# ---------------------------------------------------------------- Bluesky's own rules


def test_bluesky_counts_graphemes_and_bytes() -> None:
    assert text_length(FAMILY * 120, BLUESKY) == 120
    assert text_bytes(FAMILY * 120) == 3_000 == BLUESKY.max_text_bytes
    assert text_bytes(FAMILY * 121) == 3_025
    assert text_length("Noël " + FLAG_FR + " " + nfd("é"), BLUESKY) == 8
    assert text_length("@alice@example.com", BLUESKY) == 18  # a mention is text


# ---------------------------------------------------------------- what a channel publishes


def test_published_text_adds_the_link_where_the_channel_takes_it_in_the_text() -> None:
    link = "https://example.org/blogue/horaire"
    assert X.link == BLUESKY.link == MASTODON.link == "text"
    assert FACEBOOK.link == BUILTIN_PROFILES["linkedin"].link == "card"
    assert published_text("Nos heures\n", link, BLUESKY) == f"Nos heures\n\n{link}"
    assert published_text("Nos heures\n", link, FACEBOOK) == "Nos heures"
    assert published_text(f"Voir {link} !", link, BLUESKY) == f"Voir {link} !"
    assert published_text(None, link, X) == link
    assert published_text("\nTexte\n\n", None, X) == "Texte"


def test_a_bluesky_post_with_its_link_counts_both() -> None:
    link = "https://example.org/blogue/" + "a" * 46  # 73 characters, as typed on Bluesky
    text = "b" * 279
    assert text_length(published_text(text, link, BLUESKY), BLUESKY) == 279 + 2 + 73
    assert text_length(published_text(text, link, X), X) == 279 + 2 + 23
