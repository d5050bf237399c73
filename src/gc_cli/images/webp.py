"""WebP: a RIFF file, read from its chunk headers without a codec."""

from __future__ import annotations

from typing import IO, Final

from gc_cli.i18n import Message
from gc_cli.images.info import MAX_PIXELS, SCAN_STEPS, TANGLED, Identified, bomb, exif_orientation

# -- WebP: a RIFF file, read from its chunk headers -------------------------

#: The largest EXIF chunk read for its orientation (JPEG allows 64 KiB).
_MAX_EXIF: Final = 1 << 20


def read_webp(stream: IO[bytes], head: bytes, size: int) -> Identified:
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
    for _ in range(SCAN_STEPS):
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
        return TANGLED
    if canvas is None or frames == 0:
        return Message("is damaged: the WebP file holds no image data")
    width, height = canvas
    if width * height > MAX_PIXELS:
        return bomb(f"({width * height} pixels)")
    if width <= 0 or height <= 0:
        return Message("is damaged: its header gives no pixel size")
    if exif is not None and exif_orientation(exif) in (5, 6, 7, 8):
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
