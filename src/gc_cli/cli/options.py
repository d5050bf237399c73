"""Dates and months typed on the command line, parsed once into Python values.

Every date option (``--now`` and ``GC_NOW``, ``--from``, ``--to``,
``--until``, ``--at``, ``--month``) is parsed here, before anything is
loaded, into what the library takes: a ``date`` (a whole local day) or a
``datetime`` (naive: a wall time in the root's zone; with an offset: an
instant). A value that does not parse, or lies outside the years gc-cli
works with, is a usage error (:class:`~gc_cli.errors.GcError`, exit 2) that
names the option. Ranges the library checks itself (a window's length,
``--days``) come back as a :class:`~gc_cli.errors.BadArgument`, worded with
the option by :func:`gc_cli.cli.common.guard`.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time

from gc_cli.errors import GcError
from gc_cli.i18n import _, translated
from gc_cli.timeutil import in_range, parse_when


def _reason(exc: Exception) -> str:
    """What an exception says, for a person (a :class:`~gc_cli.i18n.Message` translated)."""
    first = exc.args[0] if exc.args else None
    return translated(first) if isinstance(first, str) else str(exc)


def _refused(option: str, reason: str) -> GcError:
    return GcError(_("{option}: {reason}").format(option=option, reason=reason))


def parse_date(value: str | None, option: str) -> date | datetime | None:
    """A date option as a ``date`` or a ``datetime`` (None when not given)."""
    if value is None:
        return None
    try:
        parsed = parse_when(value)
    except (ValueError, OverflowError) as exc:
        message = _reason(exc)
        if repr(value) not in str(exc):
            # parse_when leaves a bad date alone to date.fromisoformat, whose
            # message ("month must be in 1..12") does not say which value; that
            # message is Python's own, in English.
            message = _("{value!r} is not a valid date ({reason})").format(
                value=value, reason=message
            )
        raise _refused(option, message) from None
    try:
        return in_range(parsed, value)
    except ValueError as exc:
        raise _refused(option, _reason(exc)) from None


def parse_now(value: str | None) -> datetime | None:
    """``--now`` (or ``GC_NOW``) as a ``datetime``; a date alone is its local midnight."""
    parsed = parse_date(value or None, "--now")
    if parsed is None or isinstance(parsed, datetime):
        return parsed
    return datetime.combine(parsed, time(0))


def parse_month(text: str | None) -> date | None:
    """``--month YYYY-MM`` as the first day of that month (None when not given)."""
    if text is None:
        return None
    try:
        year, month = (int(part) for part in text.strip().split("-"))
        if len(text.strip()) != 7:
            raise ValueError
        first = date(year, month, 1)
    except ValueError:
        raise GcError(
            _("--month: {text!r} is not a month: write YYYY-MM (2026-12)").format(text=text)
        ) from None
    try:
        return in_range(first, text)
    except ValueError as exc:
        raise _refused("--month", _reason(exc)) from None


def parse_target(text: str, name: str = "POST_ID") -> tuple[str, date | None]:
    """``id`` or ``id@2026-12-29`` (one occurrence of a recurring post) as the id and the
    date naming the occurrence."""
    post_id, at, day = text.partition("@")
    if not at:
        return text, None
    if not post_id:
        raise _refused(name, _("{text!r}: give the post's id before @").format(text=text))
    parsed: date | datetime | None
    try:
        parsed = parse_when(day)
    except (ValueError, OverflowError):
        parsed = None
    if parsed is None or isinstance(parsed, datetime):
        raise _refused(
            name,
            _(
                "{text!r}: after @ comes the date that names an occurrence, like {post}@2026-12-29"
            ).format(text=text, post=post_id),
        )
    return post_id, parsed


#: ``CHANNEL=URL`` given to ``--url``: a channel name, then the address.
_CHANNEL_URL = re.compile(r"([a-z0-9][a-z0-9_-]*)=(.*)", re.DOTALL)


def parse_urls(values: list[str] | None) -> dict[str | None, str]:
    """``--url URL`` (one address) or ``--url CHANNEL=URL`` (repeated, one per channel)."""
    urls: dict[str | None, str] = {}
    for value in values or ():
        match = _CHANNEL_URL.fullmatch(value)
        channel, address = (match[1], match[2]) if match else (None, value)
        if channel in urls:
            raise _refused(
                "--url",
                _("{channel} is given twice").format(channel=channel)
                if channel
                else _("give one address, or one per channel (CHANNEL=URL)"),
            )
        urls[channel] = address
    return urls


#: Weekdays ``--at`` takes, in English and French, whole or shortened, accents optional.
_AT_DAYS = {
    name: index
    for index, names in enumerate(
        (
            ("monday", "mon", "lundi", "lun"),
            ("tuesday", "tue", "mardi", "mar"),
            ("wednesday", "wed", "mercredi", "mer"),
            ("thursday", "thu", "jeudi", "jeu"),
            ("friday", "fri", "vendredi", "ven"),
            ("saturday", "sat", "samedi", "sam"),
            ("sunday", "sun", "dimanche", "dim"),
        )
    )
    for name in names
}
#: ``samedi 22 h``, ``sam 22h30``, ``saturday 22:00``, ``sat 9``.
_AT_WEEKDAY = re.compile(
    r"\s*(?P<day>[^\W\d]+)\.?\s+(?P<hour>\d{1,2})\s*(?:(?:h|:)\s*(?P<minute>\d{2})?)?\s*",
    re.IGNORECASE,
)


def parse_at(value: str | None, option: str = "--at") -> date | datetime | tuple[int, time] | None:
    """``--at`` as a date, a date and time, or a weekday and a time (``samedi 22 h``:
    the next such time, which the command finds in the root's zone)."""
    if value is None:
        return None
    match = _AT_WEEKDAY.fullmatch(value)
    if match is not None and match["day"].lower() in _AT_DAYS:
        hour, minute = int(match["hour"]), int(match["minute"] or 0)
        if hour > 23 or minute > 59:
            raise _refused(
                option, _("{value!r} is not a time of day (0 h to 23 h 59)").format(value=value)
            )
        return _AT_DAYS[match["day"].lower()], time(hour, minute)
    return parse_date(value, option)
