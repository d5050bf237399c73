"""Links as the exports write them: clickable only when http(s), and URI-safe.

The model accepts only absolute http(s) links, but it does not forbid
characters that an address may not hold as such (``"``, ``<``, ``>``, a
backtick, braces, a control character): a browser percent-encodes them
before sending the request. The exports do the same where a raw character
would break their syntax (an iCalendar URI value, a Markdown autolink), so
the link stays the same address.
"""

from __future__ import annotations

from urllib.parse import quote, urlsplit

#: Characters kept as they are: RFC 3986's reserved and unreserved ones, and ``%``.
_URI_SAFE = "!#$&'()*+,/:;=?@[]~%-._"


def web_link(link: str | None) -> str | None:
    """``link`` when it is an http(s) address with a host, else None.

    Checked again wherever a link becomes clickable, so that no other
    scheme (``javascript:``, ``data:``) ever does, whatever the model lets in.
    """
    if not link:
        return None
    parts = urlsplit(link.strip())
    return link if parts.scheme in ("http", "https") and parts.netloc else None


def encoded(link: str) -> str:
    """``link`` with every character an address may not hold raw percent-encoded."""
    return quote(link, safe=_URI_SAFE)
