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
The modules: :mod:`.info` (what a file holds, the budgets of reading it),
:mod:`.reader` with the parsers it needs (:mod:`.magic`, :mod:`.webp`,
:mod:`.isobmff`), :mod:`.fit` and :mod:`.attachments`.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from gc_cli.images.fit import Misfit, fit, human_bytes
from gc_cli.images.info import (
    DIMENSIONS,
    FORMAT,
    IMAGE_SUFFIXES,
    MAX_PIXELS,
    NOT_FOUND,
    OUTSIDE_ROOT,
    TOO_LARGE,
    UNREADABLE,
    ImageInfo,
)
from gc_cli.images.magic import magic
from gc_cli.images.reader import READ_FORMATS, ImageReader, pillow_formats

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
    "Progress",
    "Use",
    "fit",
    "human_bytes",
    "inventory",
    "magic",
    "pillow_formats",
    "run_inventory",
]

#: The inventory of ``gc-cli images``, which ``check`` never needs: loaded on first use.
_INVENTORY = frozenset(
    {"Attachment", "ImageInventory", "Progress", "Use", "inventory", "run_inventory"}
)


def __getattr__(name: str) -> Any:
    if name not in _INVENTORY:
        raise AttributeError(f"module 'gc_cli.images' has no attribute {name!r}")
    return getattr(importlib.import_module("gc_cli.images.attachments"), name)


if TYPE_CHECKING:
    from gc_cli.images.attachments import (
        Attachment,
        ImageInventory,
        Progress,
        Use,
        inventory,
        run_inventory,
    )
