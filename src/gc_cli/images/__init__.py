"""Image attachments: where each file is, what it holds, and whether it fits a channel.

Three layers, each usable alone:

* :class:`ImageReader` turns a path written in a post into an :class:`ImageInfo`.
  It refuses paths that leave the calendar root (absolute paths, ``..``, symbolic
  links pointing outside) without opening them, and files that are not regular
  (a FIFO would block, a device never end) or are over the image cap, then
  reads the file **by content**: its real format whatever the extension, its
  pixel size (as displayed: EXIF orientation applied) and its size in bytes.
  Only the formats a channel may accept are read (:data:`READ_FORMATS`), each
  recognised by its first bytes and opened with that one Pillow plugin, or
  parsed here (WebP, HEIF, AVIF); any other file is named and refused unopened
  by Pillow, whose EPS plugin would run Ghostscript. Only headers are read,
  never pixels, with bounded work whatever they claim; truncated, corrupt and
  non-image files are refused, and so are decompression bombs (a small file
  claiming an enormous canvas), from their header alone. Each file is read
  once per reader, however many posts use it.
* :func:`fit` judges a readable image against a :class:`ChannelProfile`:
  accepted formats, file size, aspect ratio and pixel bounds.
* :func:`inventory` lists every attachment of a calendar with its posts and, per
  channel it goes out on, whether it fits; plus the image files under the root
  that no post uses (orphans). It returns data and never prints.

Pillow is imported on first use only, so commands that open no image start fast.
"""

from __future__ import annotations

import functools
import importlib
import io
import os
import stat
import struct
import warnings
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from types import ModuleType
from typing import IO, TYPE_CHECKING, Any, Final, get_args

from gc_cli.errors import GcError, message_of
from gc_cli.i18n import N_, Message
from gc_cli.store import safeio
from gc_cli.store.profile import ChannelProfile, ImageFormat

if TYPE_CHECKING:
    from gc_cli.store.calendar import Calendar, Entry

__all__ = [
    "DIMENSIONS",
    "FORMAT",
    "IMAGE_SUFFIXES",
    "MAX_PIXELS",
    "NOT_FOUND",
    "OUTSIDE_ROOT",
    "READ_FORMATS",
    "TOO_LARGE",
    "UNREADABLE",
    "Attachment",
    "ImageInfo",
    "ImageInventory",
    "ImageReader",
    "Misfit",
    "Use",
    "fit",
    "human_bytes",
    "inventory",
    "magic",
    "pillow_formats",
    "run_inventory",
]

# The problem codes of SPEC §1.3 that come from image files.
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
_SUFFIX_FORMAT: Final = {
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
_SAME_AS: Final = {"MPO": "JPEG"}

# ---------------------------------------------------------------------------
# What a path holds


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


@dataclass(frozen=True, slots=True)
class _Location:
    path: str
    real: str | None
    refusal: str | None = None  # why the path is outside the root


#: The formats gc-cli reads: exactly those a channel profile may accept
#: (profile.ImageFormat). Any other file is named from its first bytes and
#: never handed to Pillow, whose plugins include EPS, which runs Ghostscript
#: on the file it opens (PIL/EpsImagePlugin.py, ``Ghostscript()``).
READ_FORMATS: Final = frozenset(get_args(ImageFormat))

#: The Pillow plugin of each format Pillow opens for gc-cli: the headers of
#: the first five, and the pixels of all but HEIF (which Pillow cannot decode)
#: for thumbnails. WebP, HEIF and AVIF headers are parsed here instead:
#: Pillow's WebP and AVIF plugins read the whole file and set up the decoder
#: just to open it.
_PLUGINS: Final = {
    "JPEG": "Jpeg",
    "PNG": "Png",
    "GIF": "Gif",
    "BMP": "Bmp",
    "TIFF": "Tiff",
    "WEBP": "WebP",
    "AVIF": "Avif",  # Pillow 11.3 and later, when built with libavif
}


@functools.cache
def _pillow() -> ModuleType:
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


@functools.cache
def pillow_formats(kind: str) -> tuple[str, ...] | None:
    """The ``formats=`` to give ``PIL.Image.open`` for a file of ``kind``, its plugin imported.

    Every open passes this: with ``formats`` left out, Pillow tries each of
    its ~45 plugins in turn (EPS among them), and even a name missing from
    its registry makes it import them all (``Image.init()``). The one plugin
    needed is imported here first, so that never happens. None when ``kind``
    is not a format gc-cli reads, or this Pillow has no plugin for it.
    """
    kind = _SAME_AS.get(kind, kind)
    name = _PLUGINS.get(kind)
    if name is None:
        return None
    image_module = _pillow()
    try:
        importlib.import_module(f"PIL.{name}ImagePlugin")
    except ImportError:
        return None
    return (kind,) if kind in image_module.OPEN else None


class ImageReader:
    """Reads the attachments of one calendar root, each file once.

    Results are cached by the file's real path (and refusals by the path as
    written), so an image shared by many posts is opened once. ``opened``
    counts the files actually opened. Only regular files are opened, and none
    bigger than ``limit`` bytes (``Calendar.limits.image_bytes``; None: no cap).
    """

    def __init__(self, root: Path, limit: int | None = safeio.DEFAULT_IMAGE_BYTES) -> None:
        self.root = root
        self.limit = limit
        self._real_root = os.path.realpath(root)
        self._located: dict[str, _Location] = {}
        self._folders: dict[str, str] = {}
        self._files: dict[str, ImageInfo] = {}
        self.opened = 0

    def read(self, written: str) -> ImageInfo:
        """What ``written`` (a path relative to the root) holds."""
        where = self.locate(written)
        if where.real is None:
            return ImageInfo(where.path, None, OUTSIDE_ROOT, where.refusal or "")
        found = self._files.get(where.real)
        if found is None:
            found = self._files[where.real] = self._probe(where)
        return found

    def locate(self, written: str) -> _Location:
        """Where ``written`` leads, without opening anything.

        Absolute paths and a ``..`` that climbs above the root are refused as
        written; the rest is resolved with symbolic links followed
        (``os.path.realpath`` looks at links, never at file contents), and
        refused when it lands outside the root.
        """
        found = self._located.get(written)
        if found is None:
            found = self._located[written] = self._locate(written)
        return found

    def _locate(self, written: str) -> _Location:
        if written.startswith(("/", "\\")) or (written[1:2] == ":" and written[:1].isalpha()):
            return _Location(
                written,
                None,
                Message(
                    "is an absolute path; attachment paths are relative to the calendar "
                    "root (like images/photo.jpg)"
                ),
            )
        depth = 0
        climbs = False
        for part in written.split("/"):
            if part == "..":
                depth -= 1
                climbs = True
                if depth < 0:
                    return _Location(
                        written, None, Message("climbs out of the calendar root with '..'")
                    )
            elif part not in ("", "."):
                depth += 1
        joined = os.path.join(self._real_root, written)
        try:
            real = os.path.realpath(joined) if climbs else self._resolve(joined)
        except (ValueError, OSError):  # a NUL byte, an over-long name
            return _Location(written, joined)
        inside = self._real_root + os.sep
        if not real.startswith(inside) and real != self._real_root:
            return _Location(
                written,
                None,
                Message(
                    "leads through a symbolic link to {target}, outside the calendar root",
                    target=real,
                ),
            )
        return _Location(real[len(inside) :].replace(os.sep, "/") or ".", real)

    def _resolve(self, joined: str) -> str:
        """``os.path.realpath(joined)`` for a path without ``..``, with its folder cached.

        Attachments share a few folders: each folder is resolved once, then a
        file costs one ``lstat`` (to see whether it is itself a link).
        """
        folder, name = os.path.split(os.path.normpath(joined))
        real_folder = self._folders.get(folder)
        if real_folder is None:
            real_folder = self._folders[folder] = os.path.realpath(folder)
        real = os.path.join(real_folder, name)
        try:
            if stat.S_ISLNK(os.lstat(real).st_mode):
                return os.path.realpath(real)
        except (FileNotFoundError, NotADirectoryError):
            pass  # reported as image-not-found when read
        return real

    # -- reading one file ----------------------------------------------------

    def _probe(self, where: _Location) -> ImageInfo:
        real = where.real
        assert real is not None
        try:
            info = os.stat(real)
        except (FileNotFoundError, NotADirectoryError):
            return ImageInfo(where.path, real, NOT_FOUND, self._missing(real))
        except (OSError, ValueError) as exc:
            return ImageInfo(where.path, real, UNREADABLE, _cannot_read(exc))
        if stat.S_ISDIR(info.st_mode):
            return ImageInfo(
                where.path, real, UNREADABLE, Message("is a folder, not an image file")
            )
        what = safeio.kind_of(info.st_mode)
        if what is not None:  # a FIFO would block the read forever, a device never end
            return ImageInfo(where.path, real, UNREADABLE, what)
        size = info.st_size
        if size == 0:
            return ImageInfo(where.path, real, UNREADABLE, Message("is empty (0 bytes)"), size=0)
        if self.limit is not None and size > self.limit:
            # Bigger than any channel accepts, and not worth opening at all.
            return ImageInfo(
                where.path, real, TOO_LARGE, safeio.too_large(size, self.limit), size=size
            )
        try:
            # The descriptor checked (regular, within the cap) is the one read.
            stream = safeio.open_regular(real, where.path, self.limit)
        except safeio.UnsafeFile as exc:
            return ImageInfo(where.path, real, UNREADABLE, exc.reason, size=size)
        self.opened += 1
        with stream:
            result = _identify(stream, size)
        if isinstance(result, str):
            return ImageInfo(where.path, real, UNREADABLE, result, size=size)
        kind, width, height = result
        return ImageInfo(where.path, real, None, "", kind, width, height, size)

    def _missing(self, real: str) -> str:
        """Why a path finds no file, with the closest name in its folder if any."""
        import difflib

        folder, name = os.path.split(real)
        try:
            names = [n for n in os.listdir(folder) if not n.startswith(".")]
        except OSError:
            relative = os.path.relpath(folder, self._real_root).replace(os.sep, "/")
            return Message(
                "does not exist (there is no folder {folder}/ in the calendar root)",
                folder=relative,
            )
        # Each hint is a sentence of its own, in its own parentheses.
        hints: list[Message] = []
        lowered = {n.lower(): n for n in names}
        if name.lower() in lowered:  # fine on a laptop's disk, not on CI's
            hints.append(
                Message(
                    "the file is named {name}: names are case-sensitive",
                    name=lowered[name.lower()],
                )
            )
        else:
            close = difflib.get_close_matches(name, names, n=1, cutoff=0.75)
            if close:
                hints.append(Message("did you mean {name}?", name=close[0]))
        if "\\" in name:
            hints.append(Message("write paths with '/'"))
        if len(hints) == 2:
            return Message("does not exist ({hint}) ({more})", hint=hints[0], more=hints[1])
        if hints:
            return Message("does not exist ({hint})", hint=hints[0])
        return Message("does not exist")


def _oserror(exc: BaseException) -> str:
    return getattr(exc, "strerror", None) or str(exc)


def _cannot_read(exc: BaseException) -> Message:
    # The system's own words (strerror) are passed on as they come.
    return Message("cannot be read ({error})", error=_oserror(exc))


# ---------------------------------------------------------------------------
# Identifying a file by content

_Identified = tuple[str, int, int] | str  # (format, width, height), or why it cannot be read

# Whatever a file claims, reading it costs a bounded amount of work. Pillow
# parses headers through a meter (_Metered); the scans that follow (a PNG's
# checksums, a JPEG's end marker, the chunks and boxes of WebP, HEIF and
# AVIF) walk at most _SCAN_STEPS structures and read at most _SCAN_BYTES.

#: Bytes read from the start of every file: its magic number and first
#: segments, and all of a small file (most attachments take this one read).
_HEAD: Final = 65_536
_TAIL: Final = 65_536
#: Reads (and seeks) Pillow may make while it parses one header. A picture's
#: header takes a few dozen; but Pillow skips garbage between JPEG segments
#: one byte at a time, and reads a TIFF directory of 65,535 tags twice.
_HEADER_READS: Final = 50_000
#: Bytes a completeness scan reads (checksums, looking for an end marker):
#: all of any file under the default cap (safeio.DEFAULT_IMAGE_BYTES). A
#: larger file, allowed by a raised cap, is checked on its first _SCAN_BYTES
#: (and its tail) only.
_SCAN_BYTES: Final = safeio.DEFAULT_IMAGE_BYTES
#: Chunks, segments or boxes a scan walks: pictures have tens; a file made of
#: millions of empty chunks is no picture.
_SCAN_STEPS: Final = 100_000
_BLOCK: Final = 1 << 20

#: The reason given for a file whose structure exceeds those budgets.
_TANGLED: Final = Message(
    "is damaged: its structure goes on far beyond any picture's (reading stopped there)"
)


def _identify(stream: IO[bytes], size: int) -> _Identified:
    """Format and displayed size of the image in ``stream``, or why it is refused."""
    head = stream.read(_HEAD)
    kind = magic(head)
    if kind is None:  # not a format gc-cli reads: never handed to Pillow
        return _not_an_image(head[:512])
    if len(head) >= size:  # all of it is in hand: every later read is from memory
        stream = io.BytesIO(head)
    if kind == "WEBP":
        return _webp(stream, head, size)
    if kind in ("HEIF", "AVIF"):
        return _isobmff(stream, size) or _not_an_image(head[:512])
    return _with_pillow(kind, stream, head, size)


class _OverBudget(Exception):
    """Pillow read more of a header than a picture's can hold (see :class:`_Metered`)."""


class _Metered:
    """``stream`` as Pillow sees it while parsing a header: a budget of calls and bytes.

    Once the budget is spent every call raises, so even a parser that
    swallows the first error stops at once; ``spent`` says so afterwards.
    The bytes allowed are twice the file's size: no header reads more.
    """

    def __init__(self, stream: IO[bytes], size: int) -> None:
        self._stream = stream
        self._calls = _HEADER_READS
        self._bytes = 2 * size + _HEAD
        self.spent = False

    def _call(self) -> None:
        self._calls -= 1
        if self._calls < 0:
            self.spent = True
        if self.spent:
            raise _OverBudget

    def read(self, size: int | None = -1) -> bytes:
        self._call()
        wanted = self._bytes + 1 if size is None or size < 0 else size
        if wanted > self._bytes:
            self.spent = True
            raise _OverBudget
        data = self._stream.read(wanted)
        self._bytes -= len(data)
        return data

    def seek(self, offset: int, whence: int = 0) -> int:
        self._call()
        return self._stream.seek(offset, whence)

    def tell(self) -> int:
        return self._stream.tell()


def _with_pillow(kind: str, stream: IO[bytes], head: bytes, size: int) -> _Identified:
    """A JPEG, PNG, GIF, BMP or TIFF file's header read by Pillow, then checked for completeness."""
    image_module = _pillow()
    formats = pillow_formats(kind)
    if formats is None:
        return Message(
            "cannot be read: this installation of Pillow has no {format} reader", format=kind
        )
    # A file in memory costs a header parser no more than its 64 KiB; a larger
    # one is read through the meter.
    metered = stream if isinstance(stream, io.BytesIO) else _Metered(stream, size)
    with warnings.catch_warnings():
        # Pillow warns about odd but harmless metadata; none of it matters here.
        # Its decompression-bomb warning (over MAX_IMAGE_PIXELS) must stop the
        # read instead: raised as an exception and caught below.
        warnings.simplefilter("ignore")
        warnings.simplefilter("error", image_module.DecompressionBombWarning)
        found = _open(image_module, metered, formats)
        if isinstance(metered, _Metered) and metered.spent:
            return _TANGLED
        if found is None:
            return _not_an_image(head[:512])
        if isinstance(found, str):
            return found
        return _examine(found, stream, head, size)


def _open(image_module: ModuleType, stream: Any, formats: tuple[str, ...]) -> Any:
    """An opened Pillow image, a reason (str), or None when Pillow does not recognise it."""
    try:
        return image_module.open(stream, formats=formats)
    except _OverBudget:
        return None  # the caller sees the meter spent
    except (image_module.DecompressionBombError, image_module.DecompressionBombWarning) as exc:
        return _bomb(str(exc))
    except image_module.UnidentifiedImageError:
        return None
    except Exception as exc:  # Pillow raises many kinds for a damaged header
        return Message("is damaged: its header cannot be read ({error})", error=_short(exc))


def _bomb(detail: str) -> str:
    import re

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


def _short(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text if len(text) <= 80 else text[:77] + "..."


def _examine(image: Any, stream: IO[bytes], head: bytes, size: int) -> _Identified:
    """Size and completeness of an image Pillow opened (its header only)."""
    kind: str = image.format or "unknown"
    width, height = image.size
    if width * height > MAX_PIXELS:  # also when Pillow's own limit was lifted
        return _bomb(f"({width * height} pixels)")
    if width <= 0 or height <= 0:
        return Message("is damaged: its header gives no pixel size")
    check = _COMPLETE.get(kind)
    try:
        damage = check(image, stream, head, size) if check is not None else None
    except Exception as exc:  # a damaged file can make any parser trip
        damage = Message("is damaged ({error})", error=_short(exc))
    if damage:
        return damage
    if _orientation(image) in (5, 6, 7, 8):  # turned a quarter: displayed the other way round
        width, height = height, width
    return kind, width, height


def _orientation(image: Any) -> int:
    """The EXIF orientation (1 to 8), read from metadata already in the header."""
    try:
        if "exif" in image.info:
            # Only when the header held EXIF: PngImageFile.getexif() would
            # otherwise decode the whole image to look for it.
            value = image.getexif().get(0x0112, 1)
        elif hasattr(image, "tag_v2"):
            value = image.tag_v2.get(0x0112, 1)
        else:
            return 1
        return int(value)
    except Exception:  # unreadable EXIF does not make the picture unreadable
        return 1


def _exif_orientation(data: bytes) -> int:
    """The orientation (1 to 8) in an EXIF block (a WebP's ``EXIF`` chunk)."""
    try:
        exif = _pillow().Exif()
        exif.load(data)  # a TIFF structure, parsed from memory
        return int(exif.get(0x0112, 1))
    except Exception:  # unreadable EXIF does not make the picture unreadable
        return 1


# -- completeness: Image.open reads the header; these look at the rest cheaply --

_EOI: Final = b"\xff\xd9"


def _jpeg_complete(image: Any, stream: IO[bytes], head: bytes, size: int) -> str | None:
    """A JPEG is complete when an end-of-image marker follows its first scan.

    Inside scan data a 0xFF byte is always followed by 0x00 or a restart
    marker, so the first ``FF D9`` after the scan starts is the real end, even
    when a camera appends data after it (motion photos append a video). The
    marker is looked for near the end, then from the scan on, over
    _SCAN_BYTES at most: past that a file is taken as complete.
    """
    start = _jpeg_scan_start(stream, head, size)
    if isinstance(start, str):
        return start
    if len(head) >= size:  # a small file: all of it is in hand
        found = head.find(_EOI, start) >= 0
    else:  # the usual case: the marker is near the end
        stream.seek(max(start, size - _TAIL))
        found = _EOI in stream.read(_TAIL)
        if not found:  # data appended after the image: look from the scan on
            stream.seek(start)
            previous = b""
            scanned = 0
            while not found and scanned < _SCAN_BYTES and (chunk := stream.read(_BLOCK)):
                found = _EOI in previous + chunk
                previous = chunk[-1:]
                scanned += len(chunk)
            if not found and start + scanned < size - _TAIL:
                return None  # past the scan's budget: not judged
    if found:
        return None
    return Message("is truncated: the JPEG data stops before its end-of-image marker")


def _jpeg_scan_start(stream: IO[bytes], head: bytes, size: int) -> int | str:
    """Offset of the first scan's data, walking the marker segments from the start.

    ``head`` holds the first bytes of the file; further blocks are read from
    ``stream`` when the headers are longer (large EXIF or ICC profiles).
    Returns why not when the file ends first or the walk runs over budget.
    """
    base, data = 0, head  # data holds the file's bytes from offset base on
    position = 2  # after the start-of-image marker
    steps = 0
    while True:
        if position > _SCAN_BYTES:
            return _TANGLED
        i = position - base
        if i + 4 > len(data):
            stream.seek(position)
            base, data = position, stream.read(_HEAD)
            if len(data) < 4:
                return Message("is truncated: the JPEG ends before its image data")
            continue
        if data[i] != 0xFF:  # stray bytes between segments, as Pillow tolerates
            found = data.find(b"\xff", i)
            if found < 0 and len(data) < _HEAD:  # the last block: the file ends here
                return Message("is truncated: the JPEG ends before its image data")
            position = base + (len(data) if found < 0 else found)
            continue
        steps += 1
        if steps > _SCAN_STEPS:
            return _TANGLED
        code = data[i + 1]
        if code == 0xFF:  # fill byte
            position += 1
            continue
        if code in (0x00, 0x01) or 0xD0 <= code <= 0xD8:  # markers without a length
            position += 2
            continue
        if code == 0xD9:
            return Message("is truncated: the JPEG ends before its image data")
        end = position + 2 + int.from_bytes(data[i + 2 : i + 4], "big")
        if code == 0xDA:
            return end
        position = end


def _png_complete(image: Any, stream: IO[bytes], head: bytes, size: int) -> str | None:
    """Every chunk whole up to IEND, and its checksum right (over _SCAN_BYTES of data at most).

    Chunks are walked by their lengths; their data is read in blocks only to
    compute checksums, so a chunk claiming gigabytes costs no memory.
    """
    position = 8  # after the signature
    summed = 0
    for _ in range(_SCAN_STEPS):
        stream.seek(position)
        header = stream.read(8)
        if len(header) < 8:
            return Message("is truncated: the PNG ends before its IEND chunk")
        length, kind = struct.unpack(">I4s", header)
        if not kind.isalpha():  # chunk types are four ASCII letters (PNG spec, 5.3)
            return Message(
                "is corrupt: the PNG has no valid chunk at byte {offset:,}", offset=position
            )
        name = kind.decode("ascii")
        end = position + 12 + length
        if end > size:
            return Message("is truncated: the PNG ends inside its {chunk} chunk", chunk=name)
        if summed + length <= _SCAN_BYTES:
            summed += length
            crc = zlib.crc32(kind)
            left = length
            while left:
                block = stream.read(min(left, _BLOCK))
                if not block:
                    return Message(
                        "is truncated: the PNG ends inside its {chunk} chunk", chunk=name
                    )
                crc = zlib.crc32(block, crc)
                left -= len(block)
            if stream.read(4) != crc.to_bytes(4, "big"):
                return Message("is corrupt: the checksum of its {chunk} chunk is wrong", chunk=name)
        if kind == b"IEND":
            return None
        position = end
    return _TANGLED


def _gif_complete(image: Any, stream: IO[bytes], head: bytes, size: int) -> str | None:
    """A GIF ends with its trailer byte ';' (padding after it is tolerated)."""
    stream.seek(max(0, size - 64))
    if stream.read(64).rstrip(b"\x00").endswith(b";"):
        return None
    return Message("is truncated: the GIF has no trailer")


def _tiff_complete(image: Any, stream: IO[bytes], head: bytes, size: int) -> str | None:
    """Every strip or tile listed in the header lies inside the file."""
    tags = image.tag_v2
    offsets = tags.get(273) or tags.get(324)
    counts = tags.get(279) or tags.get(325)
    if offsets is None or counts is None:
        return None
    offsets = offsets if isinstance(offsets, tuple) else (offsets,)
    counts = counts if isinstance(counts, tuple) else (counts,)
    end = max((o + c for o, c in zip(offsets, counts, strict=False)), default=0)
    if end > size:
        return Message(
            "is truncated: its image data runs to byte {end:,} of a {size:,}-byte file",
            end=end,
            size=size,
        )
    return None


def _bmp_complete(image: Any, stream: IO[bytes], head: bytes, size: int) -> str | None:
    """The header states the file's length and where the pixels start."""
    declared = int.from_bytes(head[2:6], "little")
    pixels = int.from_bytes(head[10:14], "little")
    if declared > size or pixels >= size:
        return Message("is truncated: the BMP is shorter than its header says")
    return None


_COMPLETE: Final[dict[str, Callable[[Any, IO[bytes], bytes, int], str | None]]] = {
    "JPEG": _jpeg_complete,
    "MPO": _jpeg_complete,
    "PNG": _png_complete,
    "GIF": _gif_complete,
    "TIFF": _tiff_complete,
    "BMP": _bmp_complete,
}


# -- WebP: a RIFF file, read from its chunk headers -------------------------

#: The largest EXIF chunk read for its orientation (JPEG allows 64 KiB).
_MAX_EXIF: Final = 1 << 20


def _webp(stream: IO[bytes], head: bytes, size: int) -> _Identified:
    """A WebP picture's canvas size from its first chunk, its chunks checked whole.

    The layout is Google's "WebP Container Specification": a ``VP8 `` (lossy)
    or ``VP8L`` (lossless) chunk alone, or a ``VP8X`` chunk giving the canvas
    size, then optional metadata (``EXIF``) and the image or animation frames.
    """
    declared = int.from_bytes(head[4:8], "little") + 8
    if declared > size:
        return Message(
            "is truncated: {size:,} bytes of a {declared:,}-byte WebP file",
            size=size,
            declared=declared,
        )
    canvas: tuple[int, int] | None = None
    exif: bytes | None = None
    frames = 0
    position = 12  # after "RIFF", the length and "WEBP"
    for _ in range(_SCAN_STEPS):
        if position + 8 > declared:
            break
        stream.seek(position)
        header = stream.read(18)  # the chunk header and ten bytes of its payload
        kind, length = header[:4], int.from_bytes(header[4:8], "little")
        payload = header[8:]
        end = position + 8 + length
        if end > declared:
            return Message("is truncated: a chunk runs past the end of the WebP file")
        if position == 12:
            if kind == b"VP8X" and length >= 10:
                canvas = (
                    1 + int.from_bytes(payload[4:7], "little"),
                    1 + int.from_bytes(payload[7:10], "little"),
                )
            elif kind in (b"VP8 ", b"VP8L"):
                canvas = _vp8_size(kind, payload)
                if canvas is None:
                    return Message("is damaged: its WebP image header cannot be read")
                frames = 1
                break  # a simple file: the image is all there is
            else:
                return Message("is damaged: the WebP file does not start with an image header")
        elif kind in (b"VP8 ", b"VP8L", b"ANMF"):
            frames += 1
        elif kind == b"EXIF" and exif is None and length <= _MAX_EXIF:
            stream.seek(position + 8)
            exif = stream.read(length)
        position = end + (length & 1)  # chunks are padded to an even length
    else:
        return _TANGLED
    if canvas is None or frames == 0:
        return Message("is damaged: the WebP file holds no image data")
    width, height = canvas
    if width * height > MAX_PIXELS:
        return _bomb(f"({width * height} pixels)")
    if width <= 0 or height <= 0:
        return Message("is damaged: its header gives no pixel size")
    if exif is not None and _exif_orientation(exif) in (5, 6, 7, 8):
        width, height = height, width
    return "WEBP", width, height


def _vp8_size(kind: bytes, payload: bytes) -> tuple[int, int] | None:
    """Width and height from the start of a ``VP8 `` or ``VP8L`` bitstream (RFC 6386, RFC 9649)."""
    if kind == b"VP8 ":
        # A key frame: 3 bytes of frame tag, the start code, then 14-bit sizes.
        if len(payload) < 10 or payload[3:6] != b"\x9d\x01\x2a":
            return None
        return (
            int.from_bytes(payload[6:8], "little") & 0x3FFF,
            int.from_bytes(payload[8:10], "little") & 0x3FFF,
        )
    # Lossless: the signature byte, then width - 1 and height - 1 on 14 bits each.
    if len(payload) < 5 or payload[0] != 0x2F:
        return None
    bits = int.from_bytes(payload[1:5], "little")
    return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1


# -- HEIF and AVIF: ISO base media files, read without a codec --------------

_HEIF_BRANDS: Final = frozenset(
    {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1", b"mif2"}
)
_AVIF_BRANDS: Final = frozenset({b"avif", b"avis"})
#: The largest ``meta`` box read: it lists the items and their properties,
#: a few kilobytes in a phone's photo (the pixels and EXIF are in ``mdat``).
_MAX_META: Final = 4 * 1024 * 1024
#: The part of an ``ftyp`` box read: its brands (a handful, four bytes each).
_MAX_FTYP: Final = 4096


def _isobmff(stream: IO[bytes], size: int) -> _Identified | None:
    """A HEIF or AVIF picture's format and size from its ``meta`` box, else None.

    Pillow reads neither HEIF (iPhone photos) nor, without libavif, AVIF; the
    size is in the header all the same: the ``ispe`` property of the primary
    item, turned by its ``irot``. Returns a reason when the file is damaged.
    """
    stream.seek(0)
    head = stream.read(16)
    if head[4:8] != b"ftyp":
        return None
    brands: set[bytes] = set()
    meta: bytes | None = None
    position = 0
    for _ in range(_SCAN_STEPS):  # top-level boxes: a picture has a handful
        if position >= size:
            break
        stream.seek(position)
        header = stream.read(16)
        if len(header) < 8:
            return Message("is truncated: its last box is cut short")
        length, kind = struct.unpack_from(">I4s", header)
        skip = 8
        if length == 1 and len(header) == 16:
            length, skip = struct.unpack_from(">Q", header, 8)[0], 16
        elif length == 0:
            length = size - position
        if length < skip or position + length > size:
            if not brands & (_HEIF_BRANDS | _AVIF_BRANDS):
                return None
            return Message(
                "is truncated: a box runs past the end of the {size:,}-byte file", size=size
            )
        if kind == b"ftyp":
            wanted = min(length, _MAX_FTYP) - len(header)
            payload = header[skip:] + stream.read(max(0, wanted))
            payload = payload[: length - skip]
            brands.add(payload[:4])
            brands.update(payload[i : i + 4] for i in range(8, len(payload) - 3, 4))
            if not brands & (_HEIF_BRANDS | _AVIF_BRANDS):
                return None  # an MP4 or QuickTime video, not a picture
        elif kind == b"meta" and meta is None:
            if length > _MAX_META:
                return Message("is damaged: its metadata box is implausibly large")
            stream.seek(position + skip)
            meta = stream.read(length - skip)
        position += length
    else:
        return _TANGLED
    kind_name = "AVIF" if brands & _AVIF_BRANDS else "HEIF"
    if meta is None:
        return Message("is damaged: the {format} file has no metadata box", format=kind_name)
    try:
        found = _heif_size(meta)
    except (struct.error, IndexError, ValueError):
        found = None
    if found is None:
        return Message("is damaged: the {format} header gives no image size", format=kind_name)
    width, height = found
    if width * height > MAX_PIXELS:
        return _bomb(f"({width * height} pixels)")
    return kind_name, width, height


def _boxes(data: bytes, start: int, end: int) -> Iterator[tuple[bytes, int, int]]:
    """``(type, payload start, payload end)`` of each box in ``data[start:end]``."""
    position = start
    while position + 8 <= end:
        length, kind = struct.unpack_from(">I4s", data, position)
        skip = 8
        if length == 1:
            length, skip = struct.unpack_from(">Q", data, position + 8)[0], 16
        elif length == 0:
            length = end - position
        if length < skip or position + length > end:
            raise ValueError("box overruns its parent")
        yield kind, position + skip, position + length
        position += length


def _heif_size(meta: bytes) -> tuple[int, int] | None:
    """The primary item's displayed size from a ``meta`` box payload."""
    primary: int | None = None
    properties: list[tuple[bytes, int, int]] = []
    links: dict[int, list[int]] = {}
    for kind, start, end in _boxes(meta, 4, len(meta)):  # meta is a full box: skip 4 bytes
        if kind == b"pitm":
            primary = struct.unpack_from(">H" if meta[start] == 0 else ">I", meta, start + 4)[0]
        elif kind == b"iprp":
            for inner, s, e in _boxes(meta, start, end):
                if inner == b"ipco":
                    properties = list(_boxes(meta, s, e))
                elif inner == b"ipma":
                    links.update(_associations(meta, s))
    sizes = {
        i: struct.unpack_from(">II", meta, s + 4)
        for i, (k, s, _) in enumerate(properties)
        if k == b"ispe"
    }
    if not sizes:
        return None
    if primary is not None and primary in links:
        mine = [i for i in links[primary] if 0 <= i < len(properties)]
        size = next((sizes[i] for i in mine if i in sizes), None)
        turns = next((meta[properties[i][1]] & 3 for i in mine if properties[i][0] == b"irot"), 0)
    else:  # no association table: the largest size is the full picture, not a tile
        size, turns = max(sizes.values(), key=lambda wh: wh[0] * wh[1]), 0
    if size is None:
        return None
    width, height = size
    return (height, width) if turns in (1, 3) else (width, height)


def _associations(data: bytes, start: int) -> Iterator[tuple[int, list[int]]]:
    """Item id → 0-based property indexes, from an ``ipma`` box payload."""
    version, flags = data[start], int.from_bytes(data[start + 1 : start + 4], "big")
    count = struct.unpack_from(">I", data, start + 4)[0]
    position = start + 8
    # Each entry takes 3 bytes or more: a count beyond what the box holds is a lie.
    for _ in range(min(count, (len(data) - position) // 3)):
        if version < 1:
            item = struct.unpack_from(">H", data, position)[0]
            position += 2
        else:
            item = struct.unpack_from(">I", data, position)[0]
            position += 4
        n = data[position]
        position += 1
        indexes = []
        for _ in range(n):
            if flags & 1:
                value = struct.unpack_from(">H", data, position)[0] & 0x7FFF
                position += 2
            else:
                value = data[position] & 0x7F
                position += 1
            indexes.append(value - 1)  # 1-based; 0 means "no property"
        yield item, indexes


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
        if brand in _AVIF_BRANDS:
            return "AVIF"
        if brand in _HEIF_BRANDS:
            return "HEIF"
    return None


def _not_an_image(head: bytes) -> str:
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
    judged_as = _SAME_AS.get(image.format, image.format)
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
    promised = _SUFFIX_FORMAT.get(suffix.lower())
    if promised is not None and promised != judged_as:
        return suffix
    return None


# ---------------------------------------------------------------------------
# The inventory of the `images` command


@dataclass(frozen=True, slots=True)
class Use:
    """One place an image is attached: a post, and where its ``path:`` is written."""

    post: str
    file: str
    line: int
    column: int


@dataclass(slots=True)
class Attachment:
    """An image file and every use of it, judged against each channel it goes out on."""

    image: ImageInfo
    uses: list[Use] = field(default_factory=list)
    #: The enabled channels the image is published on, in settings.yaml's order.
    channels: list[str] = field(default_factory=list)
    #: Why the image does not fit each of ``channels`` (empty: it fits); empty
    #: when the file could not be read, since nothing can then be judged.
    fits: dict[str, list[Misfit]] = field(default_factory=dict)
    #: The first time at or after "now" a post using it goes out (None: none ahead).
    next_use: datetime | date | None = None

    @property
    def posts(self) -> list[str]:
        """Ids of the posts using the image, each once, in calendar order."""
        return list(dict.fromkeys(use.post for use in self.uses))

    @property
    def problem(self) -> Misfit | None:
        """The file's own problem (missing, outside the root, unreadable), if any."""
        if self.image.readable:
            return None
        return Misfit(self.image.code or UNREADABLE, self.image.describe())

    def verdicts(self) -> dict[str, list[Misfit]]:
        """Per channel, why the image cannot go out there; empty lists where it fits.

        A file that cannot be read fits no channel: each gets the file's problem.
        """
        problem = self.problem
        if problem is not None:
            return {channel: [problem] for channel in self.channels}
        return {channel: self.fits.get(channel, []) for channel in self.channels}

    @property
    def ok(self) -> bool:
        """No error: the file reads, and fits every channel it is used on."""
        return self.image.readable and not any(self.fits.values())


@dataclass
class ImageInventory:
    """Every attachment of a calendar root, and the image files no post uses."""

    root: Path
    attachments: list[Attachment]
    orphans: list[ImageInfo]
    #: Display names of the channels, by key (``instagram`` → ``Instagram``).
    labels: dict[str, str] = field(default_factory=dict)
    #: Posts that could not be read (``gc-cli check`` says why): their images
    #: are not listed, and may show up as orphans.
    skipped_posts: int = 0
    #: False when settings.yaml is invalid: channels are then not judged.
    settings_ok: bool = True
    #: Errors met while reading the root (a file that is not YAML, settings):
    #: what could not be read is missing from the inventory.
    loading_errors: int = 0

    @property
    def errors(self) -> int:
        """How many attachments have an error."""
        return sum(1 for a in self.attachments if not a.ok)

    @property
    def ok(self) -> bool:
        """No attachment has an error (orphans are not errors)."""
        return self.errors == 0


Progress = Callable[[int, int], None]


def inventory(
    calendar: Calendar,
    *,
    now: datetime | None = None,
    reader: ImageReader | None = None,
    progress: Progress | None = None,
) -> ImageInventory:
    """Every image attached to a post of ``calendar``, judged per channel; plus orphans.

    Cancelled posts are left out, as in ``check``; their images are not
    orphans either. Images reached by different spellings of one path (or
    through a link inside the root) are one attachment. ``progress(done,
    total)`` is called after each distinct path is read.
    """
    reader = reader or ImageReader(calendar.root, calendar.limits.image_bytes)
    referenced: set[str] = set()
    wanted: dict[str, list[tuple[Entry, int]]] = {}
    for entry in calendar.entries:
        for index, image in enumerate(entry.post.images):
            if entry.post.status == "cancelled":
                real = reader.locate(image.path).real
                if real is not None:
                    referenced.add(real)
            else:
                wanted.setdefault(image.path, []).append((entry, index))

    by_file: dict[str, Attachment] = {}
    channels_of: dict[str, set[str]] = {}
    total = len(wanted)
    for done, (written, places) in enumerate(wanted.items(), 1):
        found = reader.read(written)
        key = found.real if found.real is not None else "\0" + written
        if found.real is not None:
            referenced.add(found.real)
        attachment = by_file.get(key)
        if attachment is None:
            attachment = by_file[key] = Attachment(found)
            channels_of[key] = set()
        for entry, index in places:
            line, column = entry.source.pos("images", index, "path")
            attachment.uses.append(Use(entry.id, entry.source.file, line, column))
            channels_of[key].update(c for c in entry.post.channels if c in calendar.profiles)
            if now is not None:
                attachment.next_use = _earlier(attachment.next_use, _next_moment(entry, now))
        if progress is not None:
            progress(done, total)

    for key, attachment in by_file.items():
        attachment.channels = [c for c in calendar.profiles if c in channels_of[key]]
        if attachment.image.readable:
            attachment.fits = {
                channel: fit(attachment.image, calendar.profiles[channel])
                for channel in attachment.channels
            }
    return ImageInventory(
        root=calendar.root,
        attachments=sorted(by_file.values(), key=lambda a: a.image.path),
        orphans=list(_orphans(reader, referenced)),
        labels={name: profile.label for name, profile in calendar.profiles.items()},
        skipped_posts=calendar.post_count - len(calendar.entries),
        settings_ok=calendar.usable,
        loading_errors=sum(1 for p in calendar.problems if p.severity == "error"),
    )


def _next_moment(entry: Entry, now: datetime) -> datetime | date | None:
    for moment, _ in entry.moments():
        if isinstance(moment, datetime):
            if moment >= now:
                return moment
        elif moment >= now.date():
            return moment
    return None


def _earlier(a: datetime | date | None, b: datetime | date | None) -> datetime | date | None:
    if a is None or b is None:
        return a or b

    def key(moment: datetime | date) -> tuple[date, time]:
        if isinstance(moment, datetime):
            return moment.date(), moment.timetz().replace(tzinfo=None)
        return moment, time.min

    return a if key(a) <= key(b) else b


def _orphans(reader: ImageReader, used: set[str]) -> Iterator[ImageInfo]:
    """Image files below the root (by ending, or by content) that no post uses."""
    root = str(reader.root)
    seen = set(used)
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            suffix = os.path.splitext(name)[1].lower()
            if name.startswith(".") or suffix in (".yaml", ".yml"):
                continue
            relative = os.path.relpath(os.path.join(folder, name), root).replace(os.sep, "/")
            where = reader.locate(relative)
            if where.real is not None and where.real in seen:
                continue  # used by a post, or an orphan already listed under another name
            # Other files are sniffed, but only inside the root: a link leading out
            # is never opened.
            if suffix not in IMAGE_SUFFIXES and (
                where.real is None or not _starts_like_an_image(where.real)
            ):
                continue
            if where.real is not None:
                seen.add(where.real)
            yield reader.read(relative)


def _starts_like_an_image(path: str) -> bool:
    # Only a regular file is opened: a FIFO among the images would block the scan.
    try:
        with safeio.open_regular(path, path) as stream:
            return magic(stream.read(16)) is not None
    except (safeio.UnsafeFile, OSError):
        return False


def run_inventory(
    root: Path,
    now: str | None,
    *,
    cwd: Path | None = None,
    progress: Progress | None = None,
) -> ImageInventory:
    """Load ``root`` and take the inventory of its images at ``now`` (ISO 8601; None: the clock)."""
    from zoneinfo import ZoneInfo

    from gc_cli.store.loader import load_calendar
    from gc_cli.timeutil import parse_now

    calendar = load_calendar(root, cwd or Path.cwd())
    try:
        moment = parse_now(now, calendar.zone or ZoneInfo("UTC"))
    except ValueError as exc:
        raise GcError(Message("--now: {reason}", reason=message_of(exc))) from None
    return inventory(calendar, now=moment, progress=progress)
