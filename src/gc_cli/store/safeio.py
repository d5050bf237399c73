"""Reading the files a calendar names, as untrusted input: regular files only, never past a cap.

A calendar is a folder anyone with commit rights can change, and ``check``
runs on it in CI. A name in it may be a FIFO (an open for reading would wait
forever for a writer), a link to ``/dev/zero`` (a read would never end), or
a sparse file of gigabytes. Every read of calendar content goes through this
module: the file is opened without blocking, checked to be a regular file on
the descriptor that is then read (no window between a check and the open),
and read no further than its cap.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from gc_cli.errors import GcError
from gc_cli.i18n import Message

MIB = 1024 * 1024

#: A post file or settings.yaml: a year of daily posts is well under 1 MiB.
DEFAULT_YAML_BYTES = 8 * MIB
#: An image attachment: the largest figure any built-in channel accepts is far
#: below this (see channels.py); only headers are read, but a file over the
#: cap is not worth opening at all.
DEFAULT_IMAGE_BYTES = 64 * MIB


@dataclass(frozen=True, slots=True)
class Limits:
    """The caps on what one file may hold, in bytes (``limits:`` in settings.yaml)."""

    yaml_bytes: int = DEFAULT_YAML_BYTES
    image_bytes: int = DEFAULT_IMAGE_BYTES


class UnsafeFile(GcError):
    """A file that is not read: not a regular file, over its cap, or unreadable.

    ``reason`` says why without the file's name, for a problem located at the
    file; the exception's own message names the file.
    """

    def __init__(self, name: str, reason: Message | str) -> None:
        super().__init__(Message("{file}: {reason}", file=name, reason=reason))
        self.reason = reason


def kind_of(mode: int) -> Message | None:
    """What a non-regular file is, in words; ``None`` for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return Message("is a folder, not a file")
    if stat.S_ISFIFO(mode):
        return Message("is a named pipe (FIFO), not a regular file")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return Message("is a device, not a regular file")
    if stat.S_ISSOCK(mode):
        return Message("is a socket, not a regular file")
    return Message("is not a regular file")


def human_size(size: int) -> str:
    """``size`` bytes for a person, in symbols any language reads: ``512 B``, ``3.2 MiB``."""
    if size < 1024:
        return f"{size} B"
    value = float(size)
    for unit in ("KiB", "MiB", "GiB", "TiB"):
        value /= 1024
        if value < 1024 or unit == "TiB":
            break
    return f"{value:.1f} {unit}"


def too_large(size: int, limit: int) -> Message:
    return Message(
        "is {size}, over the cap of {limit} (raise it in settings.yaml, limits:)",
        size=human_size(size),
        limit=human_size(limit),
    )


def open_regular(path: str | os.PathLike[str], name: str, limit: int | None = None) -> BinaryIO:
    """``path`` opened for reading in binary, once known to be a regular file within ``limit``.

    Raises :class:`UnsafeFile` (named ``name``) otherwise; the descriptor that
    was checked is the one returned, so a swap of the name in between changes
    nothing.
    """
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise UnsafeFile(name, Message("cannot be read ({reason})", reason=_reason(exc))) from None
    except ValueError:  # a NUL in the name
        raise UnsafeFile(name, Message("is not a usable file name")) from None
    try:
        info = os.fstat(fd)
        what = kind_of(info.st_mode)
        if what is not None:
            raise UnsafeFile(name, what)
        if limit is not None and info.st_size > limit:
            raise UnsafeFile(name, too_large(info.st_size, limit))
        # O_NONBLOCK, which served not to wait on a FIFO, changes nothing for a
        # regular file: it is left on rather than cost another system call.
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_regular(path: str | os.PathLike[str], name: str, limit: int) -> bytes:
    """The bytes of ``path``: a regular file of at most ``limit`` bytes, else :class:`UnsafeFile`.

    A file that grows past the cap while it is read is refused too.
    """
    with open_regular(path, name, limit) as stream:
        try:
            data = stream.read(limit + 1)
        except OSError as exc:
            raise UnsafeFile(
                name, Message("cannot be read ({reason})", reason=_reason(exc))
            ) from None
    if len(data) > limit:
        raise UnsafeFile(name, too_large(len(data), limit))
    return data


def regular_kind(path: Path) -> Message | None:
    """Why ``path`` (links followed) is not a regular file to read, or ``None`` when it is one.

    For scans that only need to know whether opening a name is safe.
    """
    try:
        return kind_of(os.stat(path).st_mode)
    except OSError as exc:
        return Message("cannot be read ({reason})", reason=_reason(exc))
    except ValueError:
        return Message("is not a usable file name")


def _reason(exc: OSError) -> str:
    # The system's reason ("Permission denied") is left as the system words it.
    return exc.strerror or str(exc)
