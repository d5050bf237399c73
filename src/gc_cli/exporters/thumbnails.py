"""Small copies of image attachments, embedded in the HTML page as ``data:`` URIs.

The review page must work offline and as one file (sent by email, opened
from a CI artefact), so pictures travel inside it, scaled down with Pillow
to :data:`SIZE` pixels on their longer side: a JPEG for photos, a PNG for
pictures with transparency. Paths are resolved by
:class:`~gc_cli.images.ImageReader`, which refuses paths leading outside
the calendar root without opening them, and refuses decompression bombs
from their header. Pillow is imported here only, on first use.
"""

from __future__ import annotations

import base64
import io
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gc_cli.i18n import _, translated
from gc_cli.images import ImageReader

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
    """Makes the thumbnails of one calendar root, each file once."""

    def __init__(self, root: Path, size: int = SIZE) -> None:
        self.reader = ImageReader(root)
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
        if not info.readable or info.real is None:
            return Thumbnail(path, problem=translated(info.describe(path)))
        try:
            data, mime, width, height = _scaled(info.real, self.size)
        except Exception as exc:  # Pillow has no decoder (HEIF), or the data is damaged
            reason = str(exc).strip() or type(exc).__name__
            return Thumbnail(
                path,
                problem=_("{path} cannot be shown ({reason})").format(path=path, reason=reason),
            )
        encoded = base64.b64encode(data).decode("ascii")
        return Thumbnail(path, f"data:{mime};base64,{encoded}", width, height)


def _scaled(real: str, size: int) -> tuple[bytes, str, int, int]:
    """The picture at ``real``, turned upright and fitted in ``size`` pixels, encoded."""
    from PIL import Image, ImageOps

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # odd metadata: ImageReader already judged the file
        with Image.open(real) as opened:
            image: Any = opened
            if image.format == "JPEG":
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
