"""HEIF and AVIF: ISO base media files, read from their boxes without a codec."""

from __future__ import annotations

import struct
from collections.abc import Iterator
from typing import IO, Final

from gc_cli.i18n import Message
from gc_cli.images.info import MAX_PIXELS, SCAN_STEPS, TANGLED, Identified, bomb

# -- HEIF and AVIF: ISO base media files, read without a codec --------------

HEIF_BRANDS: Final = frozenset(
    {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1", b"mif2"}
)
AVIF_BRANDS: Final = frozenset({b"avif", b"avis"})
#: The largest ``meta`` box read: it lists the items and their properties,
#: a few kilobytes in a phone's photo (the pixels and EXIF are in ``mdat``).
_MAX_META: Final = 4 * 1024 * 1024
#: The part of an ``ftyp`` box read: its brands (a handful, four bytes each).
_MAX_FTYP: Final = 4096


def read_isobmff(stream: IO[bytes], size: int) -> Identified | None:
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
    for _ in range(SCAN_STEPS):  # top-level boxes: a picture has a handful
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
            if not brands & (HEIF_BRANDS | AVIF_BRANDS):
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
            if not brands & (HEIF_BRANDS | AVIF_BRANDS):
                return None  # an MP4 or QuickTime video, not a picture
        elif kind == b"meta" and meta is None:
            if length > _MAX_META:
                return Message("is damaged: its metadata box is implausibly large")
            stream.seek(position + skip)
            meta = stream.read(length - skip)
        position += length
    else:
        return TANGLED
    kind_name = "AVIF" if brands & AVIF_BRANDS else "HEIF"
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
        return bomb(f"({width * height} pixels)")
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
