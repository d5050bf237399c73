"""What an image file holds, as gc-cli reads it: the shared vocabulary of the image layer."""

from __future__ import annotations

import re
from dataclasses import dataclass
from types import ModuleType
from typing import Final

from gc_cli.errors import GcError
from gc_cli.i18n import Message
from gc_cli.store import safeio

# The problem codes of docs/rules.md that come from image files.
NOT_FOUND: Final = "image-not-found"
OUTSIDE_ROOT: Final = "path-outside-root"
UNREADABLE: Final = "image-unreadable"
FORMAT: Final = "image-format"
TOO_LARGE: Final = "image-too-large"
DIMENSIONS: Final = "image-dimensions"

#: File name endings taken for images when looking for orphans (other files are
#: sniffed by content).
IMAGE_SUFFIXES: Final = frozenset(
    {".jpg", ".jpeg", ".png", ".gif", ".webp", ".heic", ".heif", ".avif", ".bmp", ".tif", ".tiff"}
)

#: The largest canvas read: Pillow's own decompression-bomb threshold (about a
#: quarter of a gigabyte of 24-bit pixels). Every built-in network refuses far
#: smaller images (LinkedIn: 36,152,320 pixels; Mastodon: 33,177,600), so a
#: header claiming more is a bomb or a corrupt file, not a photo to publish.
MAX_PIXELS: Final = 89_478_485

#: The format each ending promises, to point out a file whose name misleads.
SUFFIX_FORMAT: Final = {
    ".jpg": "JPEG",
    ".jpeg": "JPEG",
    ".png": "PNG",
    ".gif": "GIF",
    ".webp": "WEBP",
    ".heic": "HEIF",
    ".heif": "HEIF",
    ".avif": "AVIF",
    ".bmp": "BMP",
    ".tif": "TIFF",
    ".tiff": "TIFF",
}

#: Pillow names a JPEG with a Multi-Picture index (some cameras, 3D and
#: "portrait" photos) MPO; its first picture is a baseline JPEG that every
#: network reads, so channels judge it as JPEG.
SAME_AS: Final = {"MPO": "JPEG"}


Identified = tuple[str, int, int] | str  # (format, width, height), or why it cannot be read

# Whatever a file claims, reading it costs a bounded amount of work. Pillow
# parses headers through a meter (_Metered); the scans that follow (a PNG's
# checksums, a JPEG's end marker, the chunks and boxes of WebP, HEIF and
# AVIF) walk at most SCAN_STEPS structures and read at most SCAN_BYTES.

#: Bytes read from the start of every file: its magic number and first
#: segments, and all of a small file (most attachments take this one read).
HEAD: Final = 65_536
TAIL: Final = 65_536
#: Reads (and seeks) Pillow may make while it parses one header. A picture's
#: header takes a few dozen; but Pillow skips garbage between JPEG segments
#: one byte at a time, and reads a TIFF directory of 65,535 tags twice.
HEADER_READS: Final = 50_000
#: Bytes a completeness scan reads (checksums, looking for an end marker):
#: all of any file under the default cap (safeio.DEFAULT_IMAGE_BYTES). A
#: larger file, allowed by a raised cap, is checked on its first SCAN_BYTES
#: (and its tail) only.
SCAN_BYTES: Final = safeio.DEFAULT_IMAGE_BYTES
#: Chunks, segments or boxes a scan walks: pictures have tens; a file made of
#: millions of empty chunks is no picture.
SCAN_STEPS: Final = 100_000
BLOCK: Final = 1 << 20

#: The reason given for a file whose structure exceeds those budgets.
TANGLED: Final = Message(
    "is damaged: its structure goes on far beyond any picture's (reading stopped there)"
)


def bomb(detail: str) -> str:

    match = re.search(r"\((\d+) pixels\)", detail)
    if match is None:
        return Message(
            "claims an enormous canvas, over the {limit:,} gc-cli reads: a decompression "
            "bomb or a corrupt header (refused without decoding it)",
            limit=MAX_PIXELS,
        )
    return Message(
        "claims {pixels:,} pixels, over the {limit:,} gc-cli reads: a decompression bomb "
        "or a corrupt header (refused without decoding it)",
        pixels=int(match[1]),
        limit=MAX_PIXELS,
    )


def exif_orientation(data: bytes) -> int:
    """The orientation (1 to 8) in an EXIF block (a WebP's ``EXIF`` chunk)."""
    try:
        exif = pillow().Exif()
        exif.load(data)  # a TIFF structure, parsed from memory
        return int(exif.get(0x0112, 1))
    except Exception:  # unreadable EXIF does not make the picture unreadable
        return 1


def pillow() -> ModuleType:
    """Pillow's Image module, imported on first use (GcError when it is missing)."""
    try:
        from PIL import Image
    except ImportError as exc:
        raise GcError(
            Message(
                "reading image files needs Pillow ({error}): pip install Pillow, "
                "or check without opening images: gc-cli check --no-images",
                error=str(exc),
            )
        ) from None
    return Image


@dataclass(frozen=True, slots=True)
class ImageInfo:
    """What an attachment path leads to.

    ``code`` is ``None`` when the file was read, else the problem code
    (``path-outside-root``, ``image-not-found``, ``image-unreadable``, or
    ``image-too-large`` for a file over the image cap, never opened) and
    ``reason`` says why, as words that follow the path ("does not exist"): a
    :class:`~gc_cli.i18n.Message`, English as a string, translated for people.
    ``width`` and ``height`` are the displayed size (EXIF orientation applied).
    """

    path: str  # relative to the root with '/', or as written when outside the root
    real: str | None  # the file's real path; None when it is outside the root
    code: str | None = None
    reason: str = ""
    format: str | None = None  # as Pillow names it: JPEG, PNG, GIF, WEBP, HEIF, AVIF, ...
    width: int | None = None
    height: int | None = None
    size: int | None = None  # bytes on disk

    @property
    def readable(self) -> bool:
        """Whether the file was read as an image (format and pixel size known)."""
        return self.code is None

    def describe(self, shown: str | None = None) -> str:
        """The file-level problem as a sentence naming the path (``shown`` or its own)."""
        # Every reason is a whole predicate ("does not exist", "is empty"), so
        # the path as its subject reads right in French too.
        return Message("{path} {reason}", path=shown or self.path, reason=self.reason)
