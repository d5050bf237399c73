"""Reading an attachment by content: where its path leads, its real format, its pixel size."""

from __future__ import annotations

import functools
import importlib
import io
import os
import stat
import struct
import warnings
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import IO, Any, Final, get_args

from gc_cli.i18n import Message
from gc_cli.images.info import (
    BLOCK,
    HEAD,
    HEADER_READS,
    MAX_PIXELS,
    NOT_FOUND,
    OUTSIDE_ROOT,
    SAME_AS,
    SCAN_BYTES,
    SCAN_STEPS,
    TAIL,
    TANGLED,
    TOO_LARGE,
    UNREADABLE,
    Identified,
    ImageInfo,
    bomb,
    pillow,
)
from gc_cli.images.isobmff import read_isobmff
from gc_cli.images.magic import magic, not_an_image
from gc_cli.images.webp import read_webp
from gc_cli.store import safeio
from gc_cli.store.profile import ImageFormat

# ---------------------------------------------------------------------------
# What a path holds


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
@functools.cache
def pillow_formats(kind: str) -> tuple[str, ...] | None:
    """The ``formats=`` to give ``PIL.Image.open`` for a file of ``kind``, its plugin imported.

    Every open passes this: with ``formats`` left out, Pillow tries each of
    its ~45 plugins in turn (EPS among them), and even a name missing from
    its registry makes it import them all (``Image.init()``). The one plugin
    needed is imported here first, so that never happens. None when ``kind``
    is not a format gc-cli reads, or this Pillow has no plugin for it.
    """
    kind = SAME_AS.get(kind, kind)
    name = _PLUGINS.get(kind)
    if name is None:
        return None
    image_module = pillow()
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


def _identify(stream: IO[bytes], size: int) -> Identified:
    """Format and displayed size of the image in ``stream``, or why it is refused."""
    head = stream.read(HEAD)
    kind = magic(head)
    if kind is None:  # not a format gc-cli reads: never handed to Pillow
        return not_an_image(head[:512])
    if len(head) >= size:  # all of it is in hand: every later read is from memory
        stream = io.BytesIO(head)
    if kind == "WEBP":
        return read_webp(stream, head, size)
    if kind in ("HEIF", "AVIF"):
        return read_isobmff(stream, size) or not_an_image(head[:512])
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
        self._calls = HEADER_READS
        self._bytes = 2 * size + HEAD
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


def _with_pillow(kind: str, stream: IO[bytes], head: bytes, size: int) -> Identified:
    """A JPEG, PNG, GIF, BMP or TIFF file's header read by Pillow, then checked for completeness."""
    image_module = pillow()
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
            return TANGLED
        if found is None:
            return not_an_image(head[:512])
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
        return bomb(str(exc))
    except image_module.UnidentifiedImageError:
        return None
    except Exception as exc:  # Pillow raises many kinds for a damaged header
        return Message("is damaged: its header cannot be read ({error})", error=_short(exc))


def _short(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text if len(text) <= 80 else text[:77] + "..."


def _examine(image: Any, stream: IO[bytes], head: bytes, size: int) -> Identified:
    """Size and completeness of an image Pillow opened (its header only)."""
    kind: str = image.format or "unknown"
    width, height = image.size
    if width * height > MAX_PIXELS:  # also when Pillow's own limit was lifted
        return bomb(f"({width * height} pixels)")
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


# -- completeness: Image.open reads the header; these look at the rest cheaply --

_EOI: Final = b"\xff\xd9"


def _jpeg_complete(image: Any, stream: IO[bytes], head: bytes, size: int) -> str | None:
    """A JPEG is complete when an end-of-image marker follows its first scan.

    Inside scan data a 0xFF byte is always followed by 0x00 or a restart
    marker, so the first ``FF D9`` after the scan starts is the real end, even
    when a camera appends data after it (motion photos append a video). The
    marker is looked for near the end, then from the scan on, over
    SCAN_BYTES at most: past that a file is taken as complete.
    """
    start = _jpeg_scan_start(stream, head, size)
    if isinstance(start, str):
        return start
    if len(head) >= size:  # a small file: all of it is in hand
        found = head.find(_EOI, start) >= 0
    else:  # the usual case: the marker is near the end
        stream.seek(max(start, size - TAIL))
        found = _EOI in stream.read(TAIL)
        if not found:  # data appended after the image: look from the scan on
            stream.seek(start)
            previous = b""
            scanned = 0
            while not found and scanned < SCAN_BYTES and (chunk := stream.read(BLOCK)):
                found = _EOI in previous + chunk
                previous = chunk[-1:]
                scanned += len(chunk)
            if not found and start + scanned < size - TAIL:
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
        if position > SCAN_BYTES:
            return TANGLED
        i = position - base
        if i + 4 > len(data):
            stream.seek(position)
            base, data = position, stream.read(HEAD)
            if len(data) < 4:
                return Message("is truncated: the JPEG ends before its image data")
            continue
        if data[i] != 0xFF:  # stray bytes between segments, as Pillow tolerates
            found = data.find(b"\xff", i)
            if found < 0 and len(data) < HEAD:  # the last block: the file ends here
                return Message("is truncated: the JPEG ends before its image data")
            position = base + (len(data) if found < 0 else found)
            continue
        steps += 1
        if steps > SCAN_STEPS:
            return TANGLED
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
    """Every chunk whole up to IEND, and its checksum right (over SCAN_BYTES of data at most).

    Chunks are walked by their lengths; their data is read in blocks only to
    compute checksums, so a chunk claiming gigabytes costs no memory.
    """
    position = 8  # after the signature
    summed = 0
    for _ in range(SCAN_STEPS):
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
        if summed + length <= SCAN_BYTES:
            summed += length
            crc = zlib.crc32(kind)
            left = length
            while left:
                block = stream.read(min(left, BLOCK))
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
    return TANGLED


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
