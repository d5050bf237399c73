"""What a post says and shows, against each of its channels' limits."""

from __future__ import annotations

from collections.abc import Iterator

from gc_cli.i18n import N_, Message
from gc_cli.problems import Example, Picture, Problem, Rule, Severity
from gc_cli.rules.context import Context
from gc_cli.store.calendar import Entry
from gc_cli.store.model import COMMITTED
from gc_cli.store.profile import ChannelProfile
from gc_cli.store.textcount import (
    count_hashtags,
    normalize,
    published_text,
    text_bytes,
    text_length,
)

MISSING_LINK = Rule(
    "missing-link",
    Severity.error,
    N_(
        "An article (a share of a blog post) with no link: an error from status "
        "ready on, a warning before."
    ),
    Example(
        "posts:\n"
        "  - id: blogue-tourtiere\n"
        "    kind: article\n"
        "    title: La recette de la tourtière, sur le blogue\n"
        "    status: ready\n"
        "    channels: [facebook]\n"
        "    text: Notre recette de tourtière, enfin dévoilée !\n",
        line=2,
    ),
    softer_before_ready=True,
)
MISSING_IMAGE = Rule(
    "missing-image",
    Severity.error,
    N_(
        "A product, facility or team post, or a post on a channel that needs a "
        "picture (Instagram), with no image: an error from status ready on, a "
        "warning before."
    ),
    Example(
        "posts:\n"
        "  - id: buche-chocolat\n"
        "    kind: product\n"
        "    title: La bûche au chocolat noir\n"
        "    status: ready\n"
        "    channels: [facebook]\n"
        "    text: La bûche au chocolat noir est de retour pour les fêtes.\n",
        line=2,
    ),
    softer_before_ready=True,
)
MISSING_TEXT = Rule(
    "missing-text",
    Severity.error,
    N_(
        "From status ready on, a channel of the post has no text (neither text: "
        "nor channel_text: for it)."
    ),
    Example(
        "posts:\n"
        "  - id: menu-noel\n"
        "    title: Le menu de Noël\n"
        "    status: ready\n"
        "    channels: [facebook]\n",
        line=2,
    ),
)
TEXT_TOO_LONG = Rule(
    "text-too-long",
    Severity.error,
    N_(
        "The text is longer than the channel allows, counted the channel's way, with the "
        "post's link where the channel takes links in the text: after Unicode NFC, URLs as "
        "23 characters on X and Mastodon, grapheme clusters (and 3,000 bytes) on Bluesky, "
        "X's weighted count (CJK and emoji count 2)."
    ),
    Example(
        "posts:\n"
        "  - id: semaine-boulangerie\n"
        "    title: Cette semaine à la boulangerie\n"
        "    channels: [x]\n"
        "    text: >-\n"
        "      Cette semaine à la boulangerie : la tourtière du Lac-Saint-Jean revient,\n"
        "      la bûche au chocolat noir est de retour pour les fêtes, le pain aux noix\n"
        "      sort du four chaque matin à 7 h et les chocolatines du jeudi vous\n"
        "      attendent dès l'ouverture. Réservez vos commandes des fêtes en ligne ou\n"
        "      au comptoir avant le 20 décembre !\n",
        line=5,
    ),
)
TOO_MANY_HASHTAGS = Rule(
    "too-many-hashtags",
    Severity.error,
    N_("More #hashtags in the text than the channel allows."),
    Example(
        "posts:\n"
        "  - id: chocolatines\n"
        "    title: Les chocolatines du jeudi\n"
        "    channels: [instagram]\n"
        "    images:\n"
        "      - {path: images/chocolatines.jpg, alt: Des chocolatines sur une plaque}\n"
        "    text: >-\n"
        "      Les chocolatines du jeudi ! #chocolatine #croissant #boulangerie\n"
        "      #québec #matin #jeudi\n",
        line=7,
        files=(Picture("images/chocolatines.jpg", "JPEG", 1080, 1080),),
    ),
)
TOO_MANY_IMAGES = Rule(
    "too-many-images",
    Severity.error,
    N_("More images than the channel takes in one post."),
    Example(
        "posts:\n"
        "  - id: vitrine-noel\n"
        "    title: La vitrine de Noël\n"
        "    channels: [bluesky]\n"
        "    images:\n"
        + "".join(
            f"      - {{path: images/vitrine-{n}.jpg, alt: La vitrine de Noël (vue {n})}}\n"
            for n in range(1, 6)
        ),
        line=5,
        files=tuple(Picture(f"images/vitrine-{n}.jpg", "JPEG", 400, 400) for n in range(1, 6)),
    ),
)
MISSING_ALT_TEXT = Rule(
    "missing-alt-text",
    Severity.warning,
    N_(
        "An image without alt text; its severity is settings.rules.alt_text "
        "(error, warning or off)."
    ),
    Example(
        "posts:\n"
        "  - id: vitrine-noel\n"
        "    title: La vitrine de Noël\n"
        "    channels: [facebook]\n"
        "    images:\n"
        "      - path: images/vitrine.jpg   # no alt:\n",
        line=6,
        files=(Picture("images/vitrine.jpg", "JPEG", 1200, 900),),
    ),
    setting="rules.alt_text",
)
ALT_TEXT_TOO_LONG = Rule(
    "alt-text-too-long",
    Severity.error,
    N_("Alt text longer than a channel of the post accepts."),
    Example(
        "posts:\n"
        "  - id: vitrine-noel\n"
        "    title: La vitrine de Noël\n"
        "    channels: [x]\n"
        "    images:\n"
        "      - path: images/vitrine.jpg\n"
        "        alt: >-\n"
        + "          Une vitrine de Noël garnie de bûches, de tourtières et de pains dorés.\n"
        * 15,
        line=7,
        files=(Picture("images/vitrine.jpg", "JPEG", 1200, 900),),
    ),
)
RULES = (
    MISSING_LINK,
    MISSING_IMAGE,
    MISSING_TEXT,
    TEXT_TOO_LONG,
    TOO_MANY_HASHTAGS,
    TOO_MANY_IMAGES,
    MISSING_ALT_TEXT,
    ALT_TEXT_TOO_LONG,
)

_NEEDS_IMAGE = frozenset({"product", "facility", "team"})


def _text_path(entry: Entry, channel: str) -> tuple[str, ...]:
    return ("channel_text", channel) if channel in entry.post.channel_text else ("text",)


def check(ctx: Context) -> Iterator[Problem]:
    cal = ctx.calendar
    assert cal.settings is not None
    alt_level = cal.settings.rules.alt_text
    lengths: dict[tuple[str, str, int | None, bool], int] = {}
    for entry in cal.entries:
        post = entry.post
        if post.status == "cancelled":
            continue
        profiles = [(c, cal.profiles[c]) for c in post.channels if c in cal.profiles]
        yield from _link_and_images(entry, profiles)
        yield from _texts(entry, profiles, lengths)
        for i, image in enumerate(post.images):
            if not (image.alt or "").strip():
                if alt_level != "off":
                    yield entry.problem(
                        MISSING_ALT_TEXT,
                        Message(
                            "image {path} has no alt text (people using screen "
                            "readers will not know what it shows)",
                            path=image.path,
                        ),
                        "images",
                        i,
                        severity=Severity(alt_level),
                    )
                continue
            alt_length = len(normalize(image.alt or ""))
            for channel, profile in profiles:
                if profile.max_alt_text is not None and alt_length > profile.max_alt_text:
                    yield entry.problem(
                        ALT_TEXT_TOO_LONG,
                        Message(
                            "alt text of {path} is {length} characters; {label} accepts {limit}",
                            path=image.path,
                            length=alt_length,
                            label=profile.label,
                            limit=profile.max_alt_text,
                        ),
                        "images",
                        i,
                        "alt",
                        channel=channel,
                    )


def _link_and_images(entry: Entry, profiles: list[tuple[str, ChannelProfile]]) -> Iterator[Problem]:
    post = entry.post
    if post.kind == "article" and not post.link:
        yield entry.problem(
            MISSING_LINK,
            Message("an article share needs a link: to the article it shares"),
        )
    if not post.images:
        if post.kind in _NEEDS_IMAGE:
            yield entry.problem(
                MISSING_IMAGE,
                # The kind is a value of the file (product, facility, team): kept as written.
                Message("a {kind} post needs a picture: add images:", kind=post.kind),
            )
        else:
            for channel, profile in profiles:
                if profile.requires_image:
                    yield entry.problem(
                        MISSING_IMAGE,
                        Message(
                            "{label} publishes only posts with a picture: add images:",
                            label=profile.label,
                        ),
                        channel=channel,
                    )
    for channel, profile in profiles:
        if len(post.images) > profile.max_images:
            yield entry.problem(
                TOO_MANY_IMAGES,
                Message(
                    "{count} images; {label} takes at most {limit} in one post",
                    count=len(post.images),
                    label=profile.label,
                    limit=profile.max_images,
                ),
                "images",
                key=True,
                channel=channel,
            )


def _texts(
    entry: Entry,
    profiles: list[tuple[str, ChannelProfile]],
    lengths: dict[tuple[str, str, int | None, bool], int],
) -> Iterator[Problem]:
    post = entry.post
    missing = [c for c, _ in profiles if not (post.text_for(c) or "").strip()]
    if missing and post.status in COMMITTED:
        if len(missing) == len(profiles) and not post.channel_text:
            yield entry.problem(
                MISSING_TEXT,
                # The status is a value of the file (ready, scheduled, published).
                Message(
                    "a {status} post needs a text (text: or channel_text:)",
                    status=post.status,
                ),
            )
        else:
            for channel in missing:
                yield entry.problem(
                    MISSING_TEXT,
                    Message(
                        "no text for {channel}: give text: or channel_text.{channel}",
                        channel=channel,
                    ),
                    channel=channel,
                )
    for channel, profile in profiles:
        text = post.text_for(channel)
        if not text:
            continue
        # What the channel publishes: the text, and the link when it goes in the text.
        message = published_text(text, post.link, profile)
        with_link = message != text.strip("\n")
        cache_key = (message, profile.counting, profile.url_length, profile.count_mention_domain)
        length = lengths.get(cache_key)
        if length is None:
            length = lengths[cache_key] = text_length(message, profile)
        if length > profile.max_text:
            yield entry.problem(
                TEXT_TOO_LONG,
                _too_long(profile, length, with_link),
                *_text_path(entry, channel),
                channel=channel,
            )
        elif profile.max_text_bytes is not None:
            size = text_bytes(message)
            if size > profile.max_text_bytes:
                facts = {
                    "size": size,
                    "label": profile.label,
                    "limit": profile.max_text_bytes,
                    "over": size - profile.max_text_bytes,
                }
                yield entry.problem(
                    TEXT_TOO_LONG,
                    Message(
                        "text and link are {size} bytes in UTF-8 on {label}; the limit is "
                        "{limit} bytes ({over} too many)",
                        **facts,
                    )
                    if with_link
                    else Message(
                        "text is {size} bytes in UTF-8 on {label}; the limit is {limit} bytes "
                        "({over} too many)",
                        **facts,
                    ),
                    *_text_path(entry, channel),
                    channel=channel,
                )
        if profile.max_hashtags is not None:
            tags = count_hashtags(message)
            if tags > profile.max_hashtags:
                yield entry.problem(
                    TOO_MANY_HASHTAGS,
                    Message(
                        "{count} hashtags; {label} allows {limit}",
                        count=tags,
                        label=profile.label,
                        limit=profile.max_hashtags,
                    ),
                    *_text_path(entry, channel),
                    channel=channel,
                )


def _too_long(profile: ChannelProfile, length: int, with_link: bool) -> Message:
    """What ``text-too-long`` says: how long, counted how, and whether the link is in it."""
    how = {
        "graphemes": Message("characters (grapheme clusters)"),
        "weighted": Message("weighted characters"),
    }.get(profile.counting) or Message("characters")
    facts = {
        "length": length,
        "how": how,
        "label": profile.label,
        "limit": profile.max_text,
        "over": length - profile.max_text,
        "url_length": profile.url_length,
    }
    # One sentence for each case rather than clauses glued in English word order.
    if with_link and profile.url_length is not None:
        return Message(
            "text and link are {length} {how} on {label}, where the link goes in the text "
            "and each link counts {url_length}; the limit is {limit} ({over} too many)",
            **facts,
        )
    if with_link:
        return Message(
            "text and link are {length} {how} on {label}, where the link goes in the text; "
            "the limit is {limit} ({over} too many)",
            **facts,
        )
    if profile.url_length is not None:
        return Message(
            "text is {length} {how} on {label}, each link counted as {url_length}; "
            "the limit is {limit} ({over} too many)",
            **facts,
        )
    return Message(
        "text is {length} {how} on {label}; the limit is {limit} ({over} too many)", **facts
    )
