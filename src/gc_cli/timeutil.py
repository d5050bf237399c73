"""All date and time logic: parsing, time zones, daylight-saving gaps and folds,
recurrence expansion. Everything else asks this module.

Local times are wall-clock times in the calendar root's zone. A wall time can
fall in a daylight-saving gap (it never happens) or in a fold (it happens
twice); both are detected here rather than silently shifted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from enum import Enum
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from gc_cli.i18n import Message

#: A recurrence yielding more occurrences than this is refused: it is almost
#: certainly a mistake (``FREQ=MINUTELY;COUNT=100000``) and would slow every command.
MAX_OCCURRENCES = 2000

_DATE_ONLY = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
_HAS_TIME = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")


class WallTime(Enum):
    """How a local wall time maps onto real time."""

    OK = "ok"
    NONEXISTENT = "nonexistent"  # skipped by a daylight-saving change
    AMBIGUOUS = "ambiguous"  # happens twice when clocks are set back


def get_zone(name: str) -> ZoneInfo:
    """The IANA zone ``name``; raise ``ValueError`` with a readable message."""
    if not isinstance(name, str) or not name or name.startswith(("/", ".")) or ".." in name:
        raise ValueError(
            Message("{name!r} is not an IANA time zone name (like America/Toronto)", name=name)
        )
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise ValueError(
            Message(
                "unknown time zone {name!r}: use an IANA name such as America/Toronto", name=name
            )
        ) from None


def parse_when(value: str) -> date | datetime:
    """Parse a ``publish_at`` or command-line time.

    Returns a ``date`` for a date alone, a naive ``datetime`` for a local time,
    and an aware ``datetime`` when an offset (or ``Z``) is given.
    """
    text = value.strip()
    if _DATE_ONLY.match(text):
        return date.fromisoformat(text)
    if not _HAS_TIME.match(text):
        raise ValueError(
            Message(
                "{value!r} is not a date and time: write 2026-12-01 09:00, "
                "2026-12-01T09:00:00-05:00, or a date alone (2026-12-01)",
                value=value,
            )
        )
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(Message("{value!r} is not a valid date and time", value=value)) from None


def classify(naive: datetime, zone: tzinfo) -> WallTime:
    """Whether the wall time ``naive`` exists once, never, or twice in ``zone``."""
    first = naive.replace(tzinfo=zone, fold=0)
    second = naive.replace(tzinfo=zone, fold=1)
    if first.utcoffset() == second.utcoffset():
        return WallTime.OK
    # In a gap, a round trip through UTC lands on another wall time.
    back = first.astimezone(UTC).astimezone(zone).replace(tzinfo=None)
    return WallTime.NONEXISTENT if back != naive else WallTime.AMBIGUOUS


def localize(naive: datetime, zone: tzinfo) -> datetime:
    """Attach ``zone``; in a fold the first (daylight) instant is taken."""
    return naive.replace(tzinfo=zone, fold=0)


def to_aware(value: date | datetime, zone: tzinfo) -> datetime:
    """A moment in ``zone``: a date means its local midnight; naive means local."""
    if not isinstance(value, datetime):
        return datetime.combine(value, time(0), zone)
    if value.tzinfo is None:
        return localize(value, zone)
    return value.astimezone(zone)


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One occurrence of a recurring post: its local wall time and how it maps."""

    local: datetime  # naive wall time
    at: datetime  # aware, in the root zone
    wall: WallTime


_UNTIL = re.compile(r"(?i)(UNTIL\s*=\s*)(\d{8})(?:T(\d{6})(Z?))?")


def _local_until(text: str, zone: tzinfo | None) -> str:
    """Rewrite UNTIL as a local wall time, which is how the rule is expanded.

    A date alone ends with that whole day (RFC 5545 wants a date-time when
    DTSTART has one; the day's occurrences are meant). A UTC time (``Z``) is
    an instant: converted to the root's zone rather than read as wall time.
    """

    def local(match: re.Match[str]) -> str:
        prefix, day, clock, utc = match.groups()
        if clock is None:
            return f"{prefix}{day}T235959"
        if utc and zone is not None:
            instant = datetime.strptime(day + clock, "%Y%m%d%H%M%S").replace(tzinfo=UTC)
            return f"{prefix}{instant.astimezone(zone):%Y%m%dT%H%M%S}"
        return f"{prefix}{day}T{clock}"

    return _UNTIL.sub(local, text)


def expand_rrule(rule: str, start: datetime, zone: tzinfo | None = None) -> list[datetime]:
    """The naive local starts of an RFC 5545 RRULE from naive ``start``.

    The rule must end (COUNT or UNTIL) and yield at most :data:`MAX_OCCURRENCES`;
    otherwise, or when it does not parse, ``ValueError`` says why. ``zone``
    places a UTC ``UNTIL`` (``...Z``) on the local clock.
    """
    from dateutil.rrule import rrulestr

    text = rule.strip()
    if text.upper().startswith("RRULE:"):
        text = text[6:]
    upper = text.upper()
    if "DTSTART" in upper or "\n" in text:
        raise ValueError(Message("give the rule only (FREQ=...); it starts at publish_at"))
    parts = {p.split("=", 1)[0].strip() for p in upper.split(";") if p.strip()}
    if "COUNT" not in parts and "UNTIL" not in parts:
        raise ValueError(Message("the rule never ends: add COUNT=n or UNTIL=date"))
    if "COUNT" in parts and "UNTIL" in parts:
        # RFC 5545 §3.3.10: "COUNT and UNTIL MUST NOT occur in the same 'recur'".
        raise ValueError(Message("give COUNT or UNTIL, not both"))
    if re.search(r"(?:^|;)\s*INTERVAL\s*=\s*(?:0+|-\d*)\s*(?:;|$)", upper):
        raise ValueError(Message("INTERVAL must be a positive whole number"))
    try:
        parsed = rrulestr(_local_until(text, zone), dtstart=start, ignoretz=True)
    except (ValueError, TypeError, KeyError, IndexError) as exc:
        # dateutil's own reason stays as it wrote it (English): it names the part at fault.
        raise ValueError(Message("not a valid RRULE ({reason})", reason=str(exc))) from None
    if not hasattr(parsed, "_count"):
        raise ValueError(Message("not a single RRULE"))
    # Stop as soon as the bound is passed, so a runaway rule is cheap to refuse.
    starts: list[datetime] = []
    for local in parsed:
        if len(starts) == MAX_OCCURRENCES:
            raise ValueError(
                Message("the rule yields more than {limit} occurrences", limit=MAX_OCCURRENCES)
            )
        starts.append(local)
    if not starts:
        raise ValueError(Message("the rule yields no occurrence at all"))
    return starts


def occurrences(starts: list[datetime], zone: tzinfo) -> list[Occurrence]:
    """Occurrences of naive wall times: wall-clock time is kept across DST changes."""
    return [Occurrence(local, localize(local, zone), classify(local, zone)) for local in starts]


def day_bounds(day: date, zone: tzinfo) -> tuple[datetime, datetime]:
    """The first and the first-after-last instants of a local day (23, 24 or 25 hours)."""
    start = datetime.combine(day, time(0), zone)
    end = datetime.combine(day + timedelta(days=1), time(0), zone)
    return start, end


def parse_now(value: str | None, zone: tzinfo) -> datetime:
    """The current time, or ``value`` (ISO 8601; local when it has no offset)."""
    if not value:
        return datetime.now(UTC).astimezone(zone)
    parsed = parse_when(value)
    return to_aware(parsed, zone)


_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_DAY_NAMES = {
    name: i
    for i, day in enumerate(
        ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    )
    for name in (day, day[:3])
}


def parse_weekday(value: str) -> int:
    """``mon`` or ``monday`` (any case) → 0; ``ValueError`` for anything else."""
    try:
        return _DAY_NAMES[value.lower()]
    except KeyError:
        raise ValueError(
            Message("{value!r} is not a day (mon, tue, ... or monday, ...)", value=value)
        ) from None


def parse_slot(value: str) -> tuple[int, time]:
    """``"mon 09:00"`` → (0, 09:00). Raise ``ValueError`` when malformed."""
    parts = value.split()
    if len(parts) != 2 or parts[0].lower() not in _DAY_NAMES:
        raise ValueError(Message("{value!r} is not a slot like 'mon 09:00'", value=value))
    try:
        hour, minute = (int(x) for x in parts[1].split(":"))
        when = time(hour, minute)
    except ValueError:
        raise ValueError(
            Message("{value!r}: the time must be HH:MM (24-hour)", value=value)
        ) from None
    return _DAY_NAMES[parts[0].lower()], when
