"""Small copies of image attachments, embedded in the HTML page as ``data:`` URIs.

The review page must work offline and as one file (sent by email, opened
from a CI artefact), so pictures travel inside it, scaled down with Pillow
to :data:`SIZE` pixels on their longer side: a JPEG for photos, a PNG for
pictures with transparency.

Only what :class:`~gc_cli.images.ImageReader` read and accepted is decoded:
a regular file inside the calendar root, within the image cap, in one of the
formats gc-cli reads (its content, not its name, decides), whose header
claims no more than :data:`~gc_cli.images.MAX_PIXELS`. Pillow then opens it
with that one format's plugin, never another (its EPS plugin would run
Ghostscript), from the bytes read once within the cap, and treats an image
over the pixel limit as an error. Pillow is imported here only, on first use.
"""

from __future__ import annotations

import base64
import io
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gc_cli.i18n import Message, _, translated
from gc_cli.images import MAX_PIXELS, ImageReader, pillow_formats
from gc_cli.store import safeio

#: The longer side of a thumbnail, in pixels.
SIZE = 320
JPEG_QUALITY = 82


@dataclass(frozen=True, slots=True)
class Thumbnail:
    """An attachment as the page shows it: a ``data:`` URI, or why it cannot be shown
    (``problem``, in the user's language)."""

    path: str
    src: str | None = None
    width: int = 0
    height: int = 0
    problem: str | None = None


class Thumbnails:
    """Makes the thumbnails of one calendar root, each file once.

    ``limit`` is the image cap in bytes (``Calendar.limits.image_bytes``).
    """

    def __init__(
        self, root: Path, size: int = SIZE, limit: int | None = safeio.DEFAULT_IMAGE_BYTES
    ) -> None:
        self.reader = ImageReader(root, limit)
        self.size = size
        self._made: dict[str, Thumbnail] = {}

    def of(self, path: str) -> Thumbnail:
        """The thumbnail of the attachment written ``path`` (cached)."""
        found = self._made.get(path)
        if found is None:
            found = self._made[path] = self._make(path)
        return found

    def _make(self, path: str) -> Thumbnail:
        info = self.reader.read(path)
        if not info.readable or info.real is None or info.format is None:
            return Thumbnail(path, problem=translated(info.describe(path)))
        cap = self.reader.limit if self.reader.limit is not None else info.size or 0
        try:
            data = safeio.read_regular(info.real, path, cap)
            scaled, mime, width, height = _scaled(data, info.format, self.size)
        except safeio.UnsafeFile as exc:  # changed since it was read
            return Thumbnail(
                path, problem=translated(Message("{path} {reason}", path=path, reason=exc.reason))
            )
        except Exception as exc:  # Pillow has no decoder (HEIF), or the data is damaged
            reason = str(exc).strip() or type(exc).__name__
            return Thumbnail(
                path,
                problem=_("{path} cannot be shown ({reason})").format(path=path, reason=reason),
            )
        encoded = base64.b64encode(scaled).decode("ascii")
        return Thumbnail(path, f"data:{mime};base64,{encoded}", width, height)


class NoDecoder(Exception):
    """Pillow cannot decode this format here (HEIF; AVIF without libavif)."""


class TooManyPixels(Exception):
    """The picture holds more pixels than gc-cli decodes."""


def _scaled(data: bytes, kind: str, size: int) -> tuple[bytes, str, int, int]:
    """The picture in ``data`` (format ``kind``), turned upright, fitted in ``size`` pixels."""
    from PIL import Image, ImageOps

    formats = pillow_formats(kind)
    if formats is None:
        raise NoDecoder(Message("no {format} decoder is installed", format=kind).translated())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # odd metadata: ImageReader already judged the file
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        with Image.open(io.BytesIO(data), formats=formats) as opened:
            image: Any = opened
            if image.width * image.height > MAX_PIXELS:  # also when Pillow's limit was lifted
                raise TooManyPixels(
                    Message(
                        "{pixels:,} pixels, over the {limit:,} gc-cli decodes",
                        pixels=image.width * image.height,
                        limit=MAX_PIXELS,
                    ).translated()
                )
            if image.format in ("JPEG", "MPO"):
                # Decode at a reduced scale: a 24-megapixel photo costs a fraction.
                image.draft("RGB", (size * 2, size * 2))
            image = ImageOps.exif_transpose(image)
            image.thumbnail((size, size), Image.Resampling.LANCZOS)
            alpha = image.mode in ("RGBA", "LA", "PA") or (
                image.mode == "P" and "transparency" in image.info
            )
            buffer = io.BytesIO()
            if alpha:
                image = image.convert("RGBA")
                image.save(buffer, "PNG")
                mime = "image/png"
            else:
                image = image.convert("RGB")
                image.save(buffer, "JPEG", quality=JPEG_QUALITY)
                mime = "image/jpeg"
            return buffer.getvalue(), mime, image.width, image.height
