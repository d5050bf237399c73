"""Judging a readable image against a channel's profile: format, bytes, ratio, pixels."""

from __future__ import annotations

import os
from dataclasses import dataclass

from gc_cli.i18n import N_, Message
from gc_cli.images.info import DIMENSIONS, FORMAT, SAME_AS, SUFFIX_FORMAT, TOO_LARGE, ImageInfo
from gc_cli.store.profile import ChannelProfile

# ---------------------------------------------------------------------------
# Judging an image against a channel


@dataclass(frozen=True, slots=True)
class Misfit:
    """One reason an image does not fit a channel (or cannot be used at all)."""

    code: str
    message: str


def fit(image: ImageInfo, profile: ChannelProfile, shown: str | None = None) -> list[Misfit]:
    """Why ``image`` does not fit the channel of ``profile``; empty when it fits.

    One misfit per broken bound. ``shown`` is the path named in the messages
    (the image's own by default). An image that could not be read yields
    nothing: its own problem says why.
    """
    if not image.readable or image.format is None:
        return []
    assert image.width is not None and image.height is not None and image.size is not None
    name = shown or image.path
    misfits: list[Misfit] = []
    judged_as = SAME_AS.get(image.format, image.format)
    if judged_as not in profile.image_formats:
        facts = {
            "path": name,
            "format": image.format,
            "label": profile.label,
            "formats": _either(profile.image_formats),
        }
        suffix = _misleading_suffix(name, judged_as)
        misfits.append(
            Misfit(
                FORMAT,
                Message("{path} is in {format} format; {label} accepts {formats}", **facts)
                if suffix is None
                else Message(
                    "{path} is in {format} format (whatever its {suffix} name says); "
                    "{label} accepts {formats}",
                    suffix=suffix,
                    **facts,
                ),
            )
        )
    if image.size > profile.max_image_bytes:
        limit = profile.max_image_bytes
        misfits.append(
            Misfit(
                TOO_LARGE,
                Message(
                    "{path} is {size} ({bytes:,} bytes); "
                    "{label} accepts at most {limit} ({limit_bytes:,} bytes)",
                    path=name,
                    size=human_bytes(image.size),
                    bytes=image.size,
                    label=profile.label,
                    limit=human_bytes(limit),
                    limit_bytes=limit,
                ),
            )
        )
    misfits.extend(
        Misfit(DIMENSIONS, Message("{path}: {reason}", path=name, reason=reason))
        for reason in _dimension_reasons(image.width, image.height, profile)
    )
    return misfits


def _dimension_reasons(width: int, height: int, profile: ChannelProfile) -> list[Message]:
    label = profile.label
    size = f"{width}×{height}"
    reasons = []
    ratio = width / height
    low, high = profile.min_aspect, profile.max_aspect
    if (low is not None and ratio < low) or (high is not None and ratio > high):
        bound = low if low is not None and ratio < low else high
        assert bound is not None
        # Ratios are technical figures, written the same way in every language.
        if low is not None and high is not None:
            accepted = Message("{low}:1 to {high}:1", low=_number(low), high=_number(high))
        elif low is not None:
            accepted = Message("{low}:1 or wider", low=_number(low))
        else:
            accepted = Message("up to {high}:1", high=_number(high or 0))
        reasons.append(
            Message(
                "{size} is {ratio}:1; {label} accepts {accepted}",
                size=size,
                ratio=_ratio(ratio, bound),
                label=label,
                accepted=accepted,
            )
        )
    # Width and height each have their own sentences: "wide" and "high" are
    # not words to slot into one.
    for value, low_px, high_px, small, big in (
        (
            width,
            profile.min_width,
            profile.max_width,
            N_("{size} is {value} px wide; {label} needs at least {limit} px"),
            N_("{size} is {value} px wide; {label} accepts at most {limit} px"),
        ),
        (
            height,
            profile.min_height,
            profile.max_height,
            N_("{size} is {value} px high; {label} needs at least {limit} px"),
            N_("{size} is {value} px high; {label} accepts at most {limit} px"),
        ),
    ):
        if low_px is not None and value < low_px:
            reasons.append(Message(small, size=size, value=value, label=label, limit=low_px))
        if high_px is not None and value > high_px:
            reasons.append(Message(big, size=size, value=value, label=label, limit=high_px))
    return reasons


def _number(value: float) -> str:
    """0.8 → "0.8", 10.0 → "10", 1.91 → "1.91"."""
    return f"{value:.4f}".rstrip("0").rstrip(".")


def _ratio(value: float, bound: float) -> str:
    """``value`` to 2 decimals, or more when 2 would make it look equal to ``bound``."""
    for digits in (2, 3, 4):
        text = f"{value:.{digits}f}".rstrip("0").rstrip(".")
        if text != _number(bound):
            return text
    return f"{value:.6f}"


def human_bytes(size: int | None) -> str:
    """1234 → "1.2 kB", 8000000 → "8 MB": powers of 1000, as the networks count."""
    if size is None:
        return "-"
    if size < 1000:
        return f"{size} B"
    for unit, scale in (("kB", 1e3), ("MB", 1e6)):
        if size < scale * 999.95:
            return f"{size / scale:.1f}".removesuffix(".0") + f" {unit}"
    return f"{size / 1e9:.1f}".removesuffix(".0") + " GB"


def _either(formats: tuple[str, ...]) -> Message:
    if len(formats) == 1:
        return Message("{format} only", format=formats[0])
    return Message("{formats} or {last}", formats=", ".join(formats[:-1]), last=formats[-1])


def _misleading_suffix(name: str, judged_as: str) -> str | None:
    """The ending of ``name`` when it promises another format than the content's."""
    suffix = os.path.splitext(name)[1]
    promised = SUFFIX_FORMAT.get(suffix.lower())
    if promised is not None and promised != judged_as:
        return suffix
    return None
