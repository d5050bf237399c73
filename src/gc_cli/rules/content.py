"""What a post says and shows, against each of its channels' limits."""

from __future__ import annotations

from collections.abc import Iterator

from gc_cli.i18n import N_, Message
from gc_cli.problems import Problem, Severity
from gc_cli.rules import Context, Rule
from gc_cli.store.calendar import Entry
from gc_cli.store.model import COMMITTED
from gc_cli.store.profile import ChannelProfile
from gc_cli.store.textcount import count_hashtags, normalize, text_length

RULES = (
    Rule(
        "missing-link",
        "error",
        N_(
            "An article (a share of a blog post) with no link: an error from status "
            "ready on, a warning before."
        ),
        "    kind: article\n    status: ready\n    # no link:",
    ),
    Rule(
        "missing-image",
        "error",
        N_(
            "A product, facility or team post, or a post on a channel that needs a "
            "picture (Instagram), with no image: an error from status ready on, a "
            "warning before."
        ),
        "    kind: product\n    channels: [instagram]\n    images: []",
    ),
    Rule(
        "missing-text",
        "error",
        N_(
            "From status ready on, a channel of the post has no text (neither text: "
            "nor channel_text: for it)."
        ),
        "    status: ready\n    channels: [facebook]\n    # no text:",
    ),
    Rule(
        "text-too-long",
        "error",
        N_(
            "The text is longer than the channel allows, counted the channel's way: "
            "after Unicode NFC, URLs as 23 characters on X and Mastodon, grapheme "
            "clusters on Bluesky, X's weighted count (CJK and emoji count 2)."
        ),
        "    channels: [x]\n    text: <more than 280 characters>",
    ),
    Rule(
        "too-many-hashtags",
        "error",
        N_("More #hashtags in the text than the channel allows."),
        "    channels: [instagram]\n    text: '#un #deux #trois #quatre #cinq #six'",
    ),
    Rule(
        "too-many-images",
        "error",
        N_("More images than the channel takes in one post."),
        "    channels: [bluesky]\n    images: [five images]",
    ),
    Rule(
        "missing-alt-text",
        "configurable",
        N_(
            "An image without alt text; its severity is settings.rules.alt_text "
            "(error, warning or off)."
        ),
        "    images:\n      - path: images/pain.jpg   # no alt:",
    ),
    Rule(
        "alt-text-too-long",
        "error",
        N_("Alt text longer than a channel of the post accepts."),
        "    channels: [x]\n    images:\n"
        "      - {path: images/a.jpg, alt: <over 1,000 characters>}",
    ),
)

_NEEDS_IMAGE = frozenset({"product", "facility", "team"})


def _by_status(entry: Entry) -> Severity:
    return "error" if entry.post.status in COMMITTED else "warning"


def _text_path(entry: Entry, channel: str) -> tuple[str, ...]:
    return ("channel_text", channel) if channel in entry.post.channel_text else ("text",)


def check(ctx: Context) -> Iterator[Problem]:
    cal = ctx.calendar
    assert cal.settings is not None
    alt_level = cal.settings.rules.alt_text
    lengths: dict[tuple[str, str, int | None], int] = {}
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
                        "missing-alt-text",
                        alt_level,
                        Message(
                            "image {path} has no alt text (people using screen "
                            "readers will not know what it shows)",
                            path=image.path,
                        ),
                        "images",
                        i,
                    )
                continue
            alt_length = len(normalize(image.alt or ""))
            for channel, profile in profiles:
                if profile.max_alt_text is not None and alt_length > profile.max_alt_text:
                    yield entry.problem(
                        "alt-text-too-long",
                        "error",
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
            "missing-link",
            _by_status(entry),
            Message("an article share needs a link: to the article it shares"),
        )
    if not post.images:
        if post.kind in _NEEDS_IMAGE:
            yield entry.problem(
                "missing-image",
                _by_status(entry),
                # The kind is a value of the file (product, facility, team): kept as written.
                Message("a {kind} post needs a picture: add images:", kind=post.kind),
            )
        else:
            for channel, profile in profiles:
                if profile.requires_image:
                    yield entry.problem(
                        "missing-image",
                        _by_status(entry),
                        Message(
                            "{label} publishes only posts with a picture: add images:",
                            label=profile.label,
                        ),
                        channel=channel,
                    )
    for channel, profile in profiles:
        if len(post.images) > profile.max_images:
            yield entry.problem(
                "too-many-images",
                "error",
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
    lengths: dict[tuple[str, str, int | None], int],
) -> Iterator[Problem]:
    post = entry.post
    missing = [c for c, _ in profiles if not (post.text_for(c) or "").strip()]
    if missing and post.status in COMMITTED:
        if len(missing) == len(profiles) and not post.channel_text:
            yield entry.problem(
                "missing-text",
                "error",
                # The status is a value of the file (ready, scheduled, published).
                Message(
                    "a {status} post needs a text (text: or channel_text:)",
                    status=post.status,
                ),
            )
        else:
            for channel in missing:
                yield entry.problem(
                    "missing-text",
                    "error",
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
        cache_key = (text, profile.counting, profile.url_length)
        length = lengths.get(cache_key)
        if length is None:
            length = lengths[cache_key] = text_length(text, profile)
        if length > profile.max_text:
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
            }
            # One sentence each, with and without the link rule, rather than a
            # clause glued in English word order.
            message = (
                Message(
                    "text is {length} {how} on {label}; the limit is {limit} ({over} too many)",
                    **facts,
                )
                if profile.url_length is None
                else Message(
                    "text is {length} {how} on {label}, each link counted as {url_length}; "
                    "the limit is {limit} ({over} too many)",
                    url_length=profile.url_length,
                    **facts,
                )
            )
            yield entry.problem(
                "text-too-long",
                "error",
                message,
                *_text_path(entry, channel),
                channel=channel,
            )
        if profile.max_hashtags is not None:
            tags = count_hashtags(text)
            if tags > profile.max_hashtags:
                yield entry.problem(
                    "too-many-hashtags",
                    "error",
                    Message(
                        "{count} hashtags; {label} allows {limit}",
                        count=tags,
                        label=profile.label,
                        limit=profile.max_hashtags,
                    ),
                    *_text_path(entry, channel),
                    channel=channel,
                )
