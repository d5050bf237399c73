"""Dates and months typed on the command line, parsed once into Python values.

Every date option (``--now`` and ``GC_NOW``, ``--from``, ``--to``,
``--until``, ``--at``, ``--month``, ``--week``) is parsed here, before
anything is loaded, into what the library takes: a ``date`` (a whole local
day) or a ``datetime`` (naive: a wall time in the root's zone; with an
offset: an instant). A value that does not parse, or lies outside the years
gc-cli works with, is a usage error (:class:`~gc_cli.errors.GcError`, exit
2) that names the option. Ranges the library checks itself (a window's
length, ``--days``) come back as a :class:`~gc_cli.errors.BadArgument`,
worded with the option by :func:`gc_cli.cli.common.guard`.

A date may also be typed relative to today, in English or in French:
``today``, ``tomorrow``, ``yesterday`` (``aujourd'hui``, ``demain``,
``hier``), a weekday (``monday``, ``lundi``: the next one, never today),
``now`` (``maintenant``), or an offset from today: ``+3d``, ``-1w``,
``+2m``, ``+1y`` (``j``, ``s``, ``a`` in French), or from now in hours
(``+3h``). A day may be followed by a time: ``tomorrow 09:00``, ``lundi
9h30``. "Today" is a day of the root's zone, which is only known once its
settings are read, so such a value is parsed into a :class:`Relative` here
and resolved by :func:`resolve` against ``--now`` in that zone. ``--now``
itself must be a date and time: it is what the others are read from.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from gc_cli.errors import GcError
from gc_cli.i18n import _, translated
from gc_cli.timeutil import current, in_range, parse_when


@dataclass(frozen=True, slots=True)
class Relative:
    """A date typed relative to today (``tomorrow 09:00``, ``+3d``, ``lundi``), to resolve
    once the root's zone is known."""

    text: str  # as typed, for messages
    option: str
    days: int = 0
    months: int = 0
    #: The next such weekday after today (0 is Monday).
    weekday: int | None = None
    #: From now rather than today: an instant (``now``, ``+3h``).
    hours: int | None = None
    #: A time of day on the day reached: a local wall time.
    at: time | None = None


#: What a date option holds once parsed: a day, a time, or a day relative to today.
Typed = date | datetime | Relative

_DAYS = {
    "today": 0,
    "aujourd'hui": 0,
    "aujourdhui": 0,
    "tomorrow": 1,
    "demain": 1,
    "yesterday": -1,
    "hier": -1,
}
_NOW = frozenset({"now", "maintenant"})
_WEEKDAYS = {
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
#: Units of an offset, English and French: days (jours), weeks (semaines),
#: months (mois), years (années), hours (heures).
_UNITS = {"d": "d", "j": "d", "w": "w", "s": "w", "m": "m", "y": "y", "a": "y", "h": "h"}
#: At most this many digits: far more than the 7,000 years gc-cli works with,
#: in any unit, and few enough that no number costs time to read.
_DIGITS = 7
_OFFSET = re.compile(rf"([+-])(\d{{1,{_DIGITS}}})\s*([a-z])")
_TIME = re.compile(r"(\d{1,2})(?::(\d{2})|\s*h\s*(\d{2})?)")
#: Starts a relative value: a sign, or a letter (an absolute date starts with a digit).
_RELATIVE_START = re.compile(r"\s*[+\-a-zA-ZÀ-ÿ]")


def _reason(exc: Exception) -> str:
    """What an exception says, for a person (a :class:`~gc_cli.i18n.Message` translated)."""
    first = exc.args[0] if exc.args else None
    return translated(first) if isinstance(first, str) else str(exc)


def _refused(option: str, reason: str) -> GcError:
    return GcError(_("{option}: {reason}").format(option=option, reason=reason))


def _folded(text: str) -> str:
    """Lower case, the typographic apostrophe as ``'``, spaces single."""
    text = unicodedata.normalize("NFC", text).lower().replace("\u2019", "'")
    return " ".join(text.split())


def _not_relative(value: str, option: str) -> GcError:
    return _refused(
        option,
        _(
            "{value!r} is not a date: write 2026-12-01, 2026-12-01 09:00, or a day from "
            "today: today, tomorrow, yesterday, a weekday (monday), +3d, -1w, +2m"
        ).format(value=value),
    )


def _time_of_day(text: str, value: str, option: str) -> time:
    match = _TIME.fullmatch(text)
    if match is None:
        raise _not_relative(value, option)
    hour, minute = int(match[1]), int(match[2] or match[3] or 0)
    if hour > 23 or minute > 59:
        raise _refused(
            option,
            _("{value!r}: the time must be 00:00 to 23:59").format(value=value),
        )
    return time(hour, minute)


def parse_relative(value: str, option: str) -> Relative:
    """A relative date (``tomorrow 9h``, ``+3d``, ``vendredi``); a usage error otherwise."""
    day, _space, clock = _folded(value).partition(" ")
    at = _time_of_day(clock, value, option) if clock else None
    if day in _DAYS:
        return Relative(value, option, days=_DAYS[day], at=at)
    if day in _WEEKDAYS:
        return Relative(value, option, weekday=_WEEKDAYS[day], at=at)
    if day in _NOW and at is None:
        return Relative(value, option, hours=0)
    offset = _OFFSET.fullmatch(day)
    if offset is None or offset[3] not in _UNITS:
        if re.fullmatch(r"[+-]\d{8,}\s*[a-z]", day):
            raise _refused(option, _("{value!r} is too far from today").format(value=value))
        raise _not_relative(value, option)
    count = int(offset[2]) * (-1 if offset[1] == "-" else 1)
    unit = _UNITS[offset[3]]
    if unit == "h":
        if at is not None:
            raise _not_relative(value, option)
        return Relative(value, option, hours=count)
    if unit == "m" or unit == "y":
        return Relative(value, option, months=count * (12 if unit == "y" else 1), at=at)
    return Relative(value, option, days=count * (7 if unit == "w" else 1), at=at)


def _absolute(value: str, option: str) -> date | datetime:
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


def parse_date(value: str | None, option: str) -> Typed | None:
    """A date option as a ``date``, a ``datetime`` or a :class:`Relative` (None when not given)."""
    if value is None:
        return None
    if _RELATIVE_START.match(value):
        return parse_relative(value, option)
    return _absolute(value, option)


def parse_now(value: str | None) -> datetime | None:
    """``--now`` (or ``GC_NOW``) as a ``datetime``; a date alone is its local midnight.

    It may not be relative: every relative date is read from it.
    """
    if not value:
        return None
    relative = True
    try:
        parse_relative(value, "--now")
    except GcError:
        relative = False
    if relative:
        raise _refused(
            "--now",
            _(
                "{value!r} is relative, and --now is what relative dates are read from: "
                "give a date and time (2026-11-25 08:00)"
            ).format(value=value),
        )
    parsed = _absolute(value, "--now")
    if isinstance(parsed, datetime):
        return parsed
    return datetime.combine(parsed, time(0))


def _add_months(day: date, months: int) -> date:
    """``day`` ``months`` later, on the month's last day when it is shorter (31 January + 1m:
    28 February)."""
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def resolve(value: Typed | None, zone: ZoneInfo, now: datetime | None) -> date | datetime | None:
    """``value`` as the library takes it: a relative date read against ``now`` in ``zone``.

    A day stays a ``date``; a day with a time is a naive local ``datetime``;
    ``now`` and hours from it are an aware ``datetime``. A usage error names
    the option when the day reached is outside the years gc-cli works with.
    """
    if not isinstance(value, Relative):
        return value
    moment = current(now, zone)
    try:
        if value.hours is not None:
            result: date | datetime = moment + timedelta(hours=value.hours)
        else:
            day = moment.date() + timedelta(days=value.days)
            if value.weekday is not None:
                day += timedelta(days=(value.weekday - day.weekday() - 1) % 7 + 1)
            if value.months:
                day = _add_months(day, value.months)
            result = day if value.at is None else datetime.combine(day, value.at)
        return in_range(result, value.text)
    except (OverflowError, ValueError):
        raise _refused(
            value.option, _("{value!r} is too far from today").format(value=value.text)
        ) from None


def resolve_in_root(
    root: Path, now: datetime | None, *values: Typed | None
) -> list[date | datetime | None]:
    """``values`` resolved in the zone of ``root``'s settings, for the commands that hand the
    root itself to the library (which loads it). Its settings are read only when a value is
    relative; settings that cannot be read give UTC here, and the command then says why
    they cannot be used."""
    if not any(isinstance(value, Relative) for value in values):
        return [value for value in values if not isinstance(value, Relative)]
    from gc_cli.store.loader import read_zone

    zone = read_zone(root) or ZoneInfo("UTC")
    return [resolve(value, zone, now) for value in values]


def parse_month(text: str | None) -> date | Relative | None:
    """``--month YYYY-MM`` as the first day of that month (None when not given); a relative
    date (``today``, ``+1m``) stands for its month, once resolved."""
    if text is None:
        return None
    if _RELATIVE_START.match(text):
        try:
            return parse_relative(text, "--month")
        except GcError:
            pass  # not a relative day either: said as a month
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


def parse_at(
    value: str | None, option: str = "--at"
) -> date | datetime | Relative | tuple[int, time] | None:
    """``--at`` as a date, a date and time, or a weekday and a time (``samedi 22 h``:
    the next such time, which the command finds in the root's zone); a relative date
    (``tomorrow 09:00``) is resolved once the root's zone is known (:func:`resolve`)."""
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
