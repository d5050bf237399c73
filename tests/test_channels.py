"""The built-in channel profiles: complete, valid, sourced and documented."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pydantic import ValidationError

from gc_cli.store import channels
from gc_cli.store.channels import BUILTIN_PROFILES
from gc_cli.store.profile import LIMIT_FIELDS, ChannelProfile
from gc_cli.store.textcount import count_hashtags, text_length

ROOT = Path(__file__).resolve().parents[1]
KEYS = ("facebook", "instagram", "linkedin", "x", "mastodon", "bluesky", "threads")


def test_exactly_the_seven_builtin_channels() -> None:
    assert sorted(BUILTIN_PROFILES) == sorted(KEYS)


@pytest.mark.parametrize("key", KEYS)
def test_profile_round_trips_through_validation(key: str) -> None:
    built_in = BUILTIN_PROFILES[key]
    assert isinstance(built_in, ChannelProfile)
    assert ChannelProfile.model_validate(built_in.model_dump()) == built_in
    # As settings.yaml would write it: JSON types, lists instead of tuples.
    assert ChannelProfile.model_validate_json(built_in.model_dump_json()) == built_in


@pytest.mark.parametrize("key", KEYS)
def test_every_limit_is_stated_explicitly(key: str) -> None:
    stated = BUILTIN_PROFILES[key].model_fields_set
    missing = [field for field in (*LIMIT_FIELDS, "counting", "url_length") if field not in stated]
    assert not missing, f"{key} relies on defaults for {missing}"


@pytest.mark.parametrize("key", KEYS)
def test_bounds_are_consistent(key: str) -> None:
    p = BUILTIN_PROFILES[key]
    assert p.max_images >= 1
    assert p.image_formats
    assert len(set(p.image_formats)) == len(p.image_formats)
    if p.min_aspect is not None and p.max_aspect is not None:
        assert p.min_aspect < p.max_aspect
    if p.min_width is not None and p.max_width is not None:
        assert p.min_width <= p.max_width
    if p.min_height is not None and p.max_height is not None:
        assert p.min_height <= p.max_height
    # Sizes are whole files, not kilobytes typed by mistake.
    assert p.max_image_bytes >= 1_000_000


@pytest.mark.parametrize(
    ("key", "max_text", "counting", "url_length"),
    [
        ("x", 280, "weighted", 23),
        ("mastodon", 500, "graphemes", 23),
        ("bluesky", 300, "graphemes", None),
        ("threads", 500, "characters", None),
        ("instagram", 2_200, "characters", None),
        ("linkedin", 3_000, "characters", None),
        ("facebook", 63_206, "characters", None),
    ],
)
def test_text_limits(key: str, max_text: int, counting: str, url_length: int | None) -> None:
    p = BUILTIN_PROFILES[key]
    assert (p.max_text, p.counting, p.url_length) == (max_text, counting, url_length)


def test_only_instagram_requires_an_image() -> None:
    assert {key for key, p in BUILTIN_PROFILES.items() if p.requires_image} == {"instagram"}


def test_instagram_publishing_constraints() -> None:
    p = BUILTIN_PROFILES["instagram"]
    assert p.max_hashtags == 5
    assert p.max_images == 10
    assert p.image_formats == ("JPEG",)
    assert p.max_image_bytes == 8_000_000
    assert (p.min_aspect, p.max_aspect) == (0.8, 1.91)


def test_image_counts_per_post() -> None:
    counts = {key: p.max_images for key, p in BUILTIN_PROFILES.items()}
    assert counts == {
        "facebook": 10,
        "instagram": 10,
        "linkedin": 20,
        "x": 4,
        "mastodon": 4,
        "bluesky": 4,
        "threads": 20,
    }


def test_hashtag_caps() -> None:
    caps = {key: p.max_hashtags for key, p in BUILTIN_PROFILES.items()}
    assert caps == {
        "facebook": None,
        "instagram": 5,
        "linkedin": None,
        "x": None,
        "mastodon": None,
        "bluesky": None,
        "threads": 1,
    }


def test_profiles_are_frozen() -> None:
    with pytest.raises(ValidationError):
        BUILTIN_PROFILES["x"].max_text = 25_000  # type: ignore[misc]


def test_an_override_changes_one_limit_only() -> None:
    data = BUILTIN_PROFILES["mastodon"].model_dump()
    data["max_text"] = 1_000
    custom = ChannelProfile.model_validate(data)
    assert custom.max_text == 1_000
    assert custom.url_length == 23
    assert custom.counting == "graphemes"


def test_a_french_post_fits_the_way_each_network_counts_it() -> None:
    text = (
        "Horaire des fêtes : la boutique ferme à 16 h le 24 décembre et rouvre le "
        "27. Bonnes fêtes à toutes et à tous ! 🎄 "
        "https://www.exemple.ca/blogue/2026/12/horaire-des-fetes-de-fin-d-annee #fêtes"
    )
    for key, p in BUILTIN_PROFILES.items():
        assert text_length(text, p) <= p.max_text, key
    assert count_hashtags(text) == 1
    # X counts the 70-character link as 23; Bluesky counts it as typed.
    assert text_length(text, BUILTIN_PROFILES["x"]) < text_length(text, BUILTIN_PROFILES["bluesky"])


# ---------------------------------------------------------------- sources and docs


def _profile_blocks() -> dict[str, str]:
    source = Path(channels.__file__).read_text(encoding="utf-8")
    starts = [
        (m.group(1), m.start())
        for m in re.finditer(r'^    "(\w+)": ChannelProfile\(', source, re.M)
    ]
    ends = [start for _, start in starts[1:]] + [len(source)]
    return {key: source[start:end] for (key, start), end in zip(starts, ends, strict=True)}


@pytest.mark.parametrize("key", KEYS)
def test_every_profile_cites_its_sources(key: str) -> None:
    block = _profile_blocks()[key]
    assert "https://" in block
    # One comment per figure: each stated field is preceded by a comment line
    # somewhere above it in the block, and no field comes before the first one.
    fields = re.findall(r"^        (\w+)=", block, re.M)
    assert set(fields) >= {*LIMIT_FIELDS, "label", "counting", "url_length"}
    first_comment = block.index("#")
    first_limit = min(block.index(f"{field}=") for field in LIMIT_FIELDS)
    assert first_comment < first_limit


def _doc_rows() -> dict[str, list[str]]:
    doc = (ROOT / "docs" / "channel-limits.md").read_text(encoding="utf-8")
    rows: dict[str, list[str]] = {}
    for line in doc.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if cells and cells[0] in KEYS:
            rows[cells[0]] = cells
    return rows


def _shown(value: int | None) -> str:
    return "no limit" if value is None else f"{value:,}"


@pytest.mark.parametrize("key", KEYS)
def test_docs_table_matches_the_profiles(key: str) -> None:
    p = BUILTIN_PROFILES[key]
    row = _doc_rows()[key]
    assert row[1] == f"{p.max_text:,}"
    assert row[2] == p.counting
    assert row[3] == ("as typed" if p.url_length is None else str(p.url_length))
    assert row[4] == _shown(p.max_hashtags)
    assert row[5] == str(p.max_images)
    assert row[6].strip("*") == ("yes" if p.requires_image else "no")
    assert row[8] == f"{p.max_image_bytes:,} B"
    assert row[11] == _shown(p.max_alt_text)
    if len(p.image_formats) < 8:
        assert row[7] == ", ".join(p.image_formats)
