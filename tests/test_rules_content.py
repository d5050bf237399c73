"""Rules on what a post says and shows: links, images, texts, hashtags, alt text."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from conftest import SETTINGS, CalendarDir
from test_rules import COL, P, found, post, settings

PAST = "2026-11-20 09:00"  # before NOW: a published post's date
IMAGE = "[{path: images/a.jpg, alt: Une photo}]"
NFD_E = "e\u0301"  # "é" as a decomposed pair: 2 code points, 1 character after NFC
FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466"  # 7 code points


def images(count: int) -> str:
    return "[" + ", ".join(f"{{path: images/{i}.jpg, alt: Photo {i}}}" for i in range(count)) + "]"


# -- missing-link ------------------------------------------------------------

MISSING_LINK = [
    pytest.param(
        post(kind="article", status="idea"), [P(2, 5, "missing-link", "warning")], id="idea"
    ),
    pytest.param(
        post(kind="article", status="draft"), [P(2, 5, "missing-link", "warning")], id="draft"
    ),
    pytest.param(post(kind="article", status="ready"), [P(2, 5, "missing-link")], id="ready"),
    pytest.param(
        post(kind="article", status="scheduled"), [P(2, 5, "missing-link")], id="scheduled"
    ),
    pytest.param(
        post(kind="article", status="published", publish_at=PAST),
        [P(2, 5, "missing-link")],
        id="published",
    ),
    pytest.param(
        post(kind="article", status="draft", link="https://example.org/blogue"),
        [],
        id="draft-with-link",
    ),
    pytest.param(post(kind="article", link="https://example.org/blogue"), [], id="ready-with-link"),
    pytest.param(post(kind="video"), [], id="not-an-article"),
    pytest.param(post(kind="article", status="cancelled"), [], id="cancelled"),
]


@pytest.mark.parametrize(("yaml", "expected"), MISSING_LINK)
def test_missing_link(cal: CalendarDir, yaml: str, expected: list[tuple[object, ...]]) -> None:
    cal.posts(yaml)
    assert found(cal) == expected


# -- missing-image -----------------------------------------------------------

MISSING_IMAGE = [
    pytest.param(
        post(kind="product", status="idea"), [P(2, 5, "missing-image", "warning")], id="idea"
    ),
    pytest.param(
        post(kind="product", status="draft"), [P(2, 5, "missing-image", "warning")], id="draft"
    ),
    pytest.param(post(kind="product"), [P(2, 5, "missing-image")], id="product-ready"),
    pytest.param(post(kind="facility"), [P(2, 5, "missing-image")], id="facility-ready"),
    pytest.param(
        post(kind="team", status="scheduled"), [P(2, 5, "missing-image")], id="team-scheduled"
    ),
    pytest.param(
        post(kind="team", status="published", publish_at=PAST),
        [P(2, 5, "missing-image")],
        id="team-published",
    ),
    pytest.param(post(kind="product", images=IMAGE), [], id="product-with-image"),
    pytest.param(post(kind="product", images="[]"), [P(2, 5, "missing-image")], id="empty-list"),
    pytest.param(post(kind="video"), [], id="video-needs-none"),
    pytest.param(post(kind="article", link="https://example.org/a"), [], id="article"),
    pytest.param(
        post(channels="[instagram]"),
        [P(2, 5, "missing-image", channel="instagram")],
        id="instagram-needs-a-picture",
    ),
    pytest.param(
        post(channels="[facebook, instagram]", status="draft"),
        [P(2, 5, "missing-image", "warning", channel="instagram")],
        id="instagram-draft",
    ),
    pytest.param(post(channels="[instagram]", images=IMAGE), [], id="instagram-with-image"),
    pytest.param(
        post(kind="product", channels="[instagram]"),
        [P(2, 5, "missing-image")],
        id="product-on-instagram-once",
    ),
    pytest.param(post(kind="product", status="cancelled"), [], id="cancelled"),
    pytest.param(post(channels="[instagram]", status="cancelled"), [], id="instagram-cancelled"),
]


@pytest.mark.parametrize(("yaml", "expected"), MISSING_IMAGE)
def test_missing_image(cal: CalendarDir, yaml: str, expected: list[tuple[object, ...]]) -> None:
    cal.posts(yaml)
    assert found(cal) == expected


# -- missing-text ------------------------------------------------------------

MISSING_TEXT = [
    pytest.param(post(text=None), [P(2, 5, "missing-text")], id="ready"),
    pytest.param(post(text=None, status="scheduled"), [P(2, 5, "missing-text")], id="scheduled"),
    pytest.param(
        post(text=None, status="published", publish_at=PAST),
        [P(2, 5, "missing-text")],
        id="published",
    ),
    pytest.param(post(text=None, status="idea"), [], id="idea"),
    pytest.param(post(text=None, status="draft"), [], id="draft"),
    pytest.param(post(text=None, status="cancelled"), [], id="cancelled"),
    pytest.param(post(text='"  "'), [P(2, 5, "missing-text")], id="blank"),
    pytest.param(post(text="null"), [P(2, 5, "missing-text")], id="null"),
    pytest.param(
        post(text=None, channels="[facebook, x]", channel_text="{x: Salut !}"),
        [P(2, 5, "missing-text", channel="facebook")],
        id="only-one-channel-has-text",
    ),
    pytest.param(
        post(text=None, channels="[facebook, x]", channel_text="{x: Salut !, facebook: Allo}"),
        [],
        id="every-channel-has-its-text",
    ),
    pytest.param(
        post(channels="[facebook, x]", channel_text="{x: Salut !}"), [], id="text-and-x-text"
    ),
]


@pytest.mark.parametrize(("yaml", "expected"), MISSING_TEXT)
def test_missing_text(cal: CalendarDir, yaml: str, expected: list[tuple[object, ...]]) -> None:
    cal.posts(yaml)
    assert found(cal) == expected


# -- text-too-long -----------------------------------------------------------

URL_TEXT = "Voir https://example.org/" + "a" * 275  # 300 characters, 28 on X

TEXT_TOO_LONG = [
    pytest.param("[x]", "a" * 280, [], id="x-280"),
    pytest.param("[x]", "a" * 281, ["x"], id="x-281"),
    pytest.param("[x]", "漢" * 140, [], id="x-cjk-weighs-2-fits"),
    pytest.param("[x]", "漢" * 141, ["x"], id="x-cjk-weighs-2-over"),
    pytest.param("[x]", "🎄" * 140, [], id="x-emoji-weighs-2-fits"),
    pytest.param("[x]", "🎄" * 141, ["x"], id="x-emoji-weighs-2-over"),
    pytest.param("[x]", URL_TEXT, [], id="x-long-url-counts-23"),
    pytest.param("[x]", "Voir " + "a" * 295, ["x"], id="x-same-length-without-url"),
    pytest.param("[x]", NFD_E * 280, [], id="x-nfd-normalised"),
    pytest.param("[bluesky]", "a" * 300, [], id="bluesky-300"),
    pytest.param("[bluesky]", "a" * 301, ["bluesky"], id="bluesky-301"),
    pytest.param("[bluesky]", "🎄" * 300, [], id="bluesky-300-emoji"),
    pytest.param("[bluesky]", FAMILY * 120, [], id="bluesky-120-zwj-families-3000-bytes"),
    pytest.param("[bluesky]", FAMILY * 121, ["bluesky"], id="bluesky-121-zwj-families-bytes"),
    pytest.param("[bluesky]", FAMILY * 301, ["bluesky"], id="bluesky-301-zwj-families"),
    pytest.param("[bluesky]", NFD_E * 300, [], id="bluesky-nfd"),
    pytest.param("[bluesky]", URL_TEXT, [], id="bluesky-url-as-written-300"),
    pytest.param("[bluesky]", URL_TEXT + "a", ["bluesky"], id="bluesky-url-as-written-301"),
    pytest.param(
        "[mastodon]", "a" * 470 + " https://example.org/" + "b" * 200, [], id="mastodon-url"
    ),
    pytest.param("[mastodon]", "a" * 501, ["mastodon"], id="mastodon-501"),
    pytest.param("[mastodon]", FAMILY * 500, [], id="mastodon-graphemes"),
    pytest.param("[linkedin]", NFD_E * 3000, [], id="linkedin-nfd-3000"),
    pytest.param("[linkedin]", NFD_E * 3001, ["linkedin"], id="linkedin-nfd-3001"),
    pytest.param("[facebook]", "a" * 3001, [], id="facebook-is-long"),
    pytest.param(
        "[x, bluesky, facebook]", "a" * 301, ["bluesky", "x"], id="each-channel-its-own-limit"
    ),
]


@pytest.mark.parametrize(("channels", "text", "too_long"), TEXT_TOO_LONG)
def test_text_too_long(cal: CalendarDir, channels: str, text: str, too_long: list[str]) -> None:
    cal.posts(post(channels=channels, text=text))
    assert found(cal) == [P(9, COL["text"], "text-too-long", channel=c) for c in too_long]


def test_text_too_long_message_counts_the_channel_way(cal: CalendarDir) -> None:
    cal.posts(post(channels="[x]", text="Voir https://example.org/ " + "a" * 300))
    (problem,) = cal.problems()
    assert problem.code == "text-too-long"
    assert "329" in problem.message  # 5 + 23 + 1 + 300
    assert "280" in problem.message


def test_text_limit_overridden_in_settings(write_calendar: Callable[..., CalendarDir]) -> None:
    cal = write_calendar(SETTINGS.replace("  mastodon: {}", "  mastodon: {max_text: 1000}"))
    cal.posts(post("a", channels="[mastodon]", text="a" * 1000))
    cal.posts(
        post("b", channels="[mastodon]", text="a" * 1001, publish_at="2026-12-02 09:00"),
        name="b.yaml",
    )
    assert found(cal) == [P(9, 11, "text-too-long", post="b", channel="mastodon")]


CHANNEL_TEXT = [
    pytest.param(
        post(channels="[facebook, x]", channel_text="{x: " + "a" * 281 + "}"),
        [P(10, 23, "text-too-long", channel="x")],
        id="long-channel-text-at-its-value",
    ),
    pytest.param(
        post(channels="[facebook, x]", channel_text="{x: " + "a" * 280 + "}"),
        [],
        id="channel-text-fits",
    ),
    pytest.param(
        post(channels="[facebook, x]", text="a" * 281, channel_text="{x: Court.}"),
        [],
        id="channel-text-replaces-long-text",
    ),
    pytest.param(
        post(channels="[facebook, x]", text="a" * 281, channel_text="{bluesky: Court.}"),
        [P(9, 11, "text-too-long", channel="x")],
        id="other-channel-text-does-not-replace",
    ),
    pytest.param(
        post(
            channels="[facebook, x]",
            channel_text="\n    facebook: Allo\n    x: |\n      " + "a" * 281,
        ),
        [P(12, 10, "text-too-long", channel="x")],
        id="block-channel-text",
    ),
    pytest.param(
        post(channels="[x]", text="a" * 281, status="cancelled"), [], id="cancelled-ignored"
    ),
]


@pytest.mark.parametrize(("yaml", "expected"), CHANNEL_TEXT)
def test_text_too_long_with_channel_text(
    cal: CalendarDir, yaml: str, expected: list[tuple[object, ...]]
) -> None:
    cal.posts(yaml)
    assert found(cal) == expected


def test_text_from_defaults_is_reported_at_the_defaults_line(cal: CalendarDir) -> None:
    cal.write(
        "posts.yaml",
        f"""\
        defaults:
          channels: [x]
          text: {"a" * 281}
        posts:
          - {{id: a, title: Un, status: draft}}
          - {{id: b, title: Deux, status: draft, text: Court.}}
        """,
    )
    assert found(cal) == [P(3, 9, "text-too-long", "error", post="a", channel="x")]


# -- too-many-hashtags -------------------------------------------------------

SIX_TAGS = '"#un #deux #trois #quatre #cinq #six"'
FIVE_TAGS = '"#un #deux #trois #quatre #cinq six"'

HASHTAGS = [
    pytest.param(
        post(channels="[instagram]", text=SIX_TAGS, images=IMAGE),
        [P(9, 11, "too-many-hashtags", channel="instagram")],
        id="instagram-6",
    ),
    pytest.param(post(channels="[instagram]", text=FIVE_TAGS, images=IMAGE), [], id="instagram-5"),
    pytest.param(post(channels="[facebook, x]", text=SIX_TAGS), [], id="no-limit-elsewhere"),
    pytest.param(
        post(channels="[threads]", text='"#un #deux"'),
        [P(9, 11, "too-many-hashtags", channel="threads")],
        id="threads-2",
    ),
    pytest.param(post(channels="[threads]", text='"#un deux"'), [], id="threads-1"),
    pytest.param(
        post(
            channels="[instagram, x]",
            text=FIVE_TAGS,
            images=IMAGE,
            channel_text=f"{{instagram: {SIX_TAGS}}}",
        ),
        [P(11, 31, "too-many-hashtags", channel="instagram")],
        id="instagram-channel-text",
    ),
    pytest.param(
        post(
            channels="[instagram, x]",
            text=SIX_TAGS,
            images=IMAGE,
            channel_text=f"{{instagram: {FIVE_TAGS}}}",
        ),
        [],
        id="channel-text-replaces",
    ),
    pytest.param(
        post(channels="[instagram]", text=SIX_TAGS, images=IMAGE, status="cancelled"),
        [],
        id="cancelled",
    ),
]

WITH_THREADS = SETTINGS.replace("  bluesky: {}\n", "  bluesky: {}\n  threads: {}\n")


@pytest.mark.parametrize(("yaml", "expected"), HASHTAGS)
def test_too_many_hashtags(
    write_calendar: Callable[..., CalendarDir], yaml: str, expected: list[tuple[object, ...]]
) -> None:
    cal = write_calendar(WITH_THREADS)
    cal.posts(yaml)
    assert found(cal) == expected


# -- too-many-images ---------------------------------------------------------

TOO_MANY_IMAGES = [
    pytest.param("[x]", 4, [], id="x-4"),
    pytest.param("[x]", 5, ["x"], id="x-5"),
    pytest.param("[bluesky]", 5, ["bluesky"], id="bluesky-5"),
    pytest.param("[x, bluesky, mastodon]", 5, ["bluesky", "mastodon", "x"], id="each-channel"),
    pytest.param("[facebook]", 10, [], id="facebook-10"),
    pytest.param("[facebook, x]", 11, ["facebook", "x"], id="facebook-11"),
    pytest.param("[linkedin]", 20, [], id="linkedin-20"),
]


@pytest.mark.parametrize(("channels", "count", "too_many"), TOO_MANY_IMAGES)
def test_too_many_images(cal: CalendarDir, channels: str, count: int, too_many: list[str]) -> None:
    cal.posts(post(channels=channels, images=images(count)))
    # At the images: key, the list as a whole being at fault.
    assert found(cal) == [P(10, 5, "too-many-images", channel=c) for c in too_many]


def test_too_many_images_ignores_cancelled(cal: CalendarDir) -> None:
    cal.posts(post(channels="[x]", images=images(5), status="cancelled"))
    assert found(cal) == []


# -- missing-alt-text --------------------------------------------------------

MISSING_ALT = [
    pytest.param(
        post(images="[{path: images/a.jpg}]"),
        [P(10, 14, "missing-alt-text", "warning")],
        id="flow-no-alt",
    ),
    pytest.param(
        post(images="\n    - path: images/a.jpg\n      alt: Une photo\n    - path: images/b.jpg"),
        [P(13, 9, "missing-alt-text", "warning")],
        id="second-of-two",
    ),
    pytest.param(
        post(images='[{path: images/a.jpg, alt: ""}]'),
        [P(10, 14, "missing-alt-text", "warning")],
        id="empty-alt",
    ),
    pytest.param(
        post(images='[{path: images/a.jpg, alt: "   "}]'),
        [P(10, 14, "missing-alt-text", "warning")],
        id="blank-alt",
    ),
    pytest.param(post(images=IMAGE), [], id="alt-given"),
    pytest.param(
        post(images="[{path: images/a.jpg}]", status="draft"),
        [P(10, 14, "missing-alt-text", "warning")],
        id="draft-too",
    ),
    pytest.param(post(images="[{path: images/a.jpg}]", status="cancelled"), [], id="cancelled"),
]


@pytest.mark.parametrize(("yaml", "expected"), MISSING_ALT)
def test_missing_alt_text(cal: CalendarDir, yaml: str, expected: list[tuple[object, ...]]) -> None:
    cal.posts(yaml)
    assert found(cal) == expected


@pytest.mark.parametrize(
    ("level", "expected"),
    [
        ("error", [P(10, 14, "missing-alt-text", "error")]),
        ("warning", [P(10, 14, "missing-alt-text", "warning")]),
        ("off", []),
    ],
)
def test_missing_alt_text_follows_the_setting(
    write_calendar: Callable[..., CalendarDir], level: str, expected: list[tuple[object, ...]]
) -> None:
    cal = write_calendar(settings(alt_text=level))
    cal.posts(post(images="[{path: images/a.jpg}]"))
    assert found(cal) == expected


def test_missing_alt_text_of_a_defaults_image(cal: CalendarDir) -> None:
    cal.write(
        "posts.yaml",
        """\
        defaults:
          images:
            - path: images/logo.jpg
        posts:
          - {id: a, title: Un}
          - {id: b, title: Deux, images: [{path: images/b.jpg, alt: Une photo}]}
        """,
    )
    assert found(cal) == [P(3, 7, "missing-alt-text", "warning", post="a")]


# -- alt-text-too-long -------------------------------------------------------


def alt(text: str) -> str:
    return "[{path: images/a.jpg, alt: " + text + "}]"


ALT_COL = 40  # column of the alt value written by alt()

ALT_TOO_LONG = [
    pytest.param("[x]", "a" * 1000, [], id="x-1000"),
    pytest.param("[x]", "a" * 1001, ["x"], id="x-1001"),
    pytest.param("[x]", NFD_E * 1000, [], id="x-nfd-normalised"),
    pytest.param("[x, mastodon]", "a" * 1001, ["x"], id="x-not-mastodon"),
    pytest.param("[x, mastodon]", "a" * 1501, ["mastodon", "x"], id="x-and-mastodon"),
    pytest.param("[bluesky]", "a" * 2000, [], id="bluesky-2000"),
    pytest.param("[bluesky]", "a" * 2001, ["bluesky"], id="bluesky-2001"),
    pytest.param("[facebook]", "a" * 5000, [], id="facebook-no-limit"),
]


@pytest.mark.parametrize(("channels", "text", "too_long"), ALT_TOO_LONG)
def test_alt_text_too_long(cal: CalendarDir, channels: str, text: str, too_long: list[str]) -> None:
    cal.posts(post(channels=channels, images=alt(text)))
    assert found(cal) == [P(10, ALT_COL, "alt-text-too-long", channel=c) for c in too_long]


def test_alt_text_too_long_ignores_cancelled(cal: CalendarDir) -> None:
    cal.posts(post(channels="[x]", images=alt("a" * 1001), status="cancelled"))
    assert found(cal) == []


# -- several rules at once, with JSON-visible fields -------------------------


def test_problem_fields(cal: CalendarDir) -> None:
    cal.posts(post("menu", kind="product", channels="[x]", text="a" * 281))
    problems = cal.problems()
    assert [
        (p.file, p.line, p.column, p.code, p.severity, p.post, p.channel) for p in problems
    ] == [
        ("calendars/posts.yaml", 2, 5, "missing-image", "error", "menu", None),
        ("calendars/posts.yaml", 9, 11, "text-too-long", "error", "menu", "x"),
    ]
    assert all(p.message for p in problems)
