"""The shape of a channel profile: the limits one network puts on a post.

The built-in figures live in :mod:`gc_cli.store.channels`; ``settings.yaml`` may
override any of them, and must give all of them for a channel that is not
built in.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

#: How a network counts the length of a text (always after NFC normalisation).
#: ``characters``: Unicode code points; ``graphemes``: user-perceived
#: characters (extended grapheme clusters); ``weighted``: X's weighted count
#: (most Latin text counts 1, CJK and emoji count 2).
Counting = Literal["characters", "graphemes", "weighted"]

#: How a post's link goes out on a channel: ``text``, at the end of the text
#: after an empty line (counted with it, the channel's way); ``card``, beside
#: the text, in the publishing tool's link field (a link preview: not counted).
LinkPlacement = Literal["text", "card"]

#: Image formats as Pillow names them (judged by content, not by extension).
ImageFormat = Literal["JPEG", "PNG", "GIF", "WEBP", "HEIF", "AVIF", "BMP", "TIFF"]

#: The limit fields a profile must state when the channel is not built in
#: (``null`` is allowed where it means "no limit").
LIMIT_FIELDS: tuple[str, ...] = (
    "max_text",
    "max_hashtags",
    "max_images",
    "requires_image",
    "image_formats",
    "max_image_bytes",
    "min_aspect",
    "max_aspect",
    "min_width",
    "min_height",
    "max_width",
    "max_height",
    "max_alt_text",
)


class ChannelProfile(BaseModel):
    """Limits of one channel. Aspect ratios are width / height."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    label: str = Field(description="Display name of the network.")
    max_text: int = Field(gt=0, description="Longest text, counted the channel's way.")
    counting: Counting = Field(default="characters", description="How text length is counted.")
    url_length: int | None = Field(
        default=None,
        ge=0,
        description="Every URL counts as this many characters (null: as written).",
    )
    link: LinkPlacement = Field(
        default="text",
        description=(
            "How a post's link goes out: text (after the text, counted with it) or card "
            "(beside the text, as a link preview)."
        ),
    )
    count_mention_domain: bool = Field(
        default=True,
        description="A mention @user@server counts its @server part (false: only @user counts).",
    )
    max_text_bytes: int | None = Field(
        default=None,
        gt=0,
        description="Largest text in bytes of UTF-8, besides max_text (null: no such limit).",
    )
    max_hashtags: int | None = Field(
        ge=0, description="Most hashtags in one post (null: no limit)."
    )
    max_images: int = Field(ge=0, description="Most images in one post.")
    requires_image: bool = Field(description="A post on this channel needs a picture.")
    image_formats: tuple[ImageFormat, ...] = Field(description="Accepted image formats.")
    max_image_bytes: int = Field(gt=0, description="Largest image file, in bytes.")
    min_aspect: float | None = Field(gt=0, description="Narrowest width/height ratio (null: any).")
    max_aspect: float | None = Field(gt=0, description="Widest width/height ratio (null: any).")
    min_width: int | None = Field(ge=1, description="Smallest width in pixels (null: any).")
    min_height: int | None = Field(ge=1, description="Smallest height in pixels (null: any).")
    max_width: int | None = Field(ge=1, description="Largest width in pixels (null: any).")
    max_height: int | None = Field(ge=1, description="Largest height in pixels (null: any).")
    max_alt_text: int | None = Field(ge=1, description="Longest alt text (null: no limit).")
    # Replies: what a saved reply or an away message must fit. Optional, so
    # that a channel that is not built in need not know them.
    max_reply: int | None = Field(
        default=None,
        ge=1,
        description="Longest reply (a private message, or a reply to a comment where the "
        "network has no messages), counted like a post's text (null: not checked).",
    )
    max_reply_bytes: int | None = Field(
        default=None,
        ge=1,
        description="Longest reply in bytes of UTF-8, after NFC (null: not checked).",
    )
    away_message: bool = Field(
        default=False,
        description="The network's inbox can send an automatic away message (Facebook, "
        "Instagram): check warns when one is missing.",
    )
