"""The public address of an attachment: ``image_base_url`` plus its path below the root.

Publishing tools download the pictures of a bulk file from the web, so an
attachment needs an address: the calendar's images are served from
somewhere (a git host's raw files, a website folder, a bucket) and
``image_base_url`` says where the root is. :func:`base_url` checks such a
value — from ``settings.yaml`` or ``--image-base-url`` — and
:func:`image_url` joins it with a path below the root.
"""

from __future__ import annotations

import posixpath
import unicodedata
from urllib.parse import quote, urlsplit

from gc_cli.i18n import Message

__all__ = ["MAX_BASE_URL", "base_url", "image_url"]

#: The longest base address accepted. Browsers and servers commonly stop at
#: 2,000 characters for a whole address, and a path still follows this one.
MAX_BASE_URL = 1_000

#: Characters kept as they are in a path: RFC 3986's unreserved and the
#: sub-delimiters a path may hold, '%' (already encoded), but not the comma,
#: which some tools use between several addresses in one cell.
_PATH_SAFE = "/%:@!$&'()*+;=-._~"


def base_url(value: str) -> str:
    """``value`` checked as a base address, ending with ``/``; ``ValueError`` saying why not.

    It must be an ``http://`` or ``https://`` address with a host, at most
    :data:`MAX_BASE_URL` characters, without spaces or control characters,
    without a user name or password (the files go to other tools), and
    without a query (``?``) or a fragment (``#``), since paths are added after
    it. Characters an address may not hold raw (accents) are percent-encoded.
    """
    if len(value) > MAX_BASE_URL:
        raise ValueError(
            Message(
                "is {length} characters long; a base address has at most {most}",
                length=len(value),
                most=MAX_BASE_URL,
            )
        )
    if any(char.isspace() or unicodedata.category(char)[0] == "C" for char in value):
        raise ValueError(
            Message("holds a space or a control character; write the address without them")
        )
    try:
        parts = urlsplit(value)
        port = parts.port
    except ValueError:
        parts = None
        port = None
    if parts is None or parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise ValueError(
            Message(
                "{value!r} is not an http(s) address; write where the root's images are "
                "served from, like https://example.org/calendars/",
                value=value,
            )
        )
    if parts.query or parts.fragment or "?" in value or "#" in value:
        raise ValueError(
            Message(
                "{value!r} has a query (?...) or a fragment (#...); the images' paths are "
                "added after the base address, so it can have neither",
                value=value,
            )
        )
    if parts.username is not None or parts.password is not None:
        raise ValueError(
            Message(
                "holds a user name or a password (user@host): the address goes into files "
                "for other tools, so give one that needs none"
            )
        )
    del port  # read only to check it: a port that is not a number raises above
    path = quote(parts.path, safe=_PATH_SAFE)
    if not path.endswith("/"):
        path += "/"
    return f"{parts.scheme.lower()}://{parts.netloc}{path}"


def image_url(base: str, path: str) -> str:
    """The public address of the attachment at ``path`` (below the root) under ``base``.

    ``base`` is a value :func:`base_url` returned. Each character of the
    path that an address may not hold raw (spaces, accents, ``#``, ``?``,
    ``,``) is percent-encoded (UTF-8), and ``./`` steps are dropped.
    """
    clean = posixpath.normpath(path.replace("\\", "/")).lstrip("/")
    return base + quote(clean, safe="/")
