"""Naming what is not an image from its first bytes, without opening it with a decoder."""

from __future__ import annotations

from typing import Final

from gc_cli.i18n import Message
from gc_cli.images.isobmff import AVIF_BRANDS, HEIF_BRANDS

# -- naming what is not an image -----------------------------------------

_MAGIC: Final = (
    (b"\xff\xd8\xff", "JPEG"),
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"BM", "BMP"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
    (b"II+\x00", "TIFF"),  # BigTIFF
    (b"MM\x00+", "TIFF"),
)

#: Picture formats gc-cli does not read (no channel accepts them), named from
#: their first bytes so that the message says what the file is.
_OTHER_FORMATS: Final = (
    (b"8BPS", "Photoshop (PSD)"),
    (b"\x00\x00\x01\x00", "Windows icon (ICO)"),
    (b"\x00\x00\x00\x0cjP  \r\n\x87\n", "JPEG 2000"),
    (b"\xff\x4f\xff\x51", "JPEG 2000"),
    (b"\x00\x00\x00\x0cJXL \r\n\x87\n", "JPEG XL"),
    (b"\xff\x0a", "JPEG XL"),
)


def magic(head: bytes) -> str | None:
    """The format gc-cli reads that a file's first bytes announce, if any."""
    for prefix, name in _MAGIC:
        if head.startswith(prefix):
            return name
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WEBP"
    if head[4:8] == b"ftyp":
        brand = head[8:12]
        if brand in AVIF_BRANDS:
            return "AVIF"
        if brand in HEIF_BRANDS:
            return "HEIF"
    return None


def not_an_image(head: bytes) -> str:
    """Why a file no reader identifies is refused, naming what it seems to be."""
    announced = magic(head)
    text = _looks_like_text(head)
    # "BM" is a weak signature: a text file may start with it.
    if announced and not (announced == "BMP" and text):
        return Message(
            "is damaged: it starts like a {format} file but its header cannot be read",
            format=announced,
        )
    lowered = head.lower()
    if b"<svg" in lowered:
        return Message("is an SVG drawing, not a bitmap image: export it as PNG or JPEG")
    if head.startswith(b"%PDF"):
        return Message("is a PDF document, not an image")
    first_line = head.split(b"\n", 1)[0]
    if head.startswith(b"\xc5\xd0\xd3\xc6") or (
        head.startswith(b"%!PS-Adobe") and b"EPSF" in first_line
    ):
        return Message(
            "is an EPS (Encapsulated PostScript) file, not a bitmap image: export it as PNG or JPEG"
        )
    if head.startswith(b"%!"):
        return Message("is a PostScript document, not an image")
    for prefix, name in _OTHER_FORMATS:
        if head.startswith(prefix):
            return Message(
                "is in {format} format, which gc-cli does not read: export it as JPEG or PNG",
                format=name,
            )
    if head[4:8] == b"ftyp":
        return Message("is a video (MP4 or QuickTime), not a picture")
    if text:
        return Message("is a text file, not an image")
    return Message("is not an image in a format gc-cli reads")


def _looks_like_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:  # a character cut by the 512-byte window
        return exc.start >= len(head) - 3
    return True
