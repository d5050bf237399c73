"""All date and time logic: parsing, time zones, daylight-saving gaps and folds,
recurrence expansion. Everything else asks this module.

Local times are wall-clock times in the calendar root's zone. A wall time can
fall in a daylight-saving gap (it never happens) or in a fold (it happens
twice); both are detected here rather than silently shifted.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from enum import Enum
from functools import cache
from typing import TYPE_CHECKING, Any, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from gc_cli.i18n import Message

if TYPE_CHECKING:
    from dateutil.rrule import rrule

#: A recurrence yielding more occurrences than this is refused: it is almost
#: certainly a mistake (``FREQ=MINUTELY;COUNT=100000``) and would slow every command.
MAX_OCCURRENCES = 2000
#: A recurrence is followed this many years after its start, no further: a
#: calendar plans months ahead, and a rule that never matches (30 February)
#: would otherwise be searched up to the year 9999.
REPEAT_YEARS = 100
#: And over at most this many periods of its frequency (a day for DAILY or
#: finer when the day does not match, else one FREQ step): the cost of a
#: rule that matches rarely for its frequency (FREQ=MINUTELY, once a year).
REPEAT_STEPS = 10_000

#: The years a date may fall in. The time zone database is reliable from 1970
#: on ("data entries before 1970 are not intended to be authoritative",
#: https://data.iana.org/time-zones/theory.html), and ending at 9000 leaves
#: every window, recurrence and offset computed from a date a thousand years
#: before Python's last year, 9999 (datetime.MAXYEAR).
FIRST_YEAR = 1970
LAST_YEAR = 9000

_DATE_ONLY = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
_HAS_TIME = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")


class WallTime(Enum):
    """How a local wall time maps onto real time."""

    OK = "ok"
    NONEXISTENT = "nonexistent"  # skipped by a daylight-saving change
    AMBIGUOUS = "ambiguous"  # happens twice when clocks are set back


#: What an IANA zone name is made of: "Area/Location" parts of letters,
#: digits, "_", "-" and "+" (https://data.iana.org/time-zones/theory.html,
#: "Names of timezones"), e.g. America/Argentina/Buenos_Aires, Etc/GMT+5.
_ZONE_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_+-]*(?:/[A-Za-z0-9_+-]+)*")
#: Files of the zone folder that are not zones of a place: "localtime" is
#: the machine's own zone (the same file would mean different things on
#: different machines), "posixrules" a template, "Factory" a placeholder
#: (zic(8), tzfile(5)); "posix/" and "right/" hold copies of every zone,
#: "right/" with leap seconds counted, which no publishing tool does.
_NOT_ZONES = frozenset(("localtime", "posixrules", "Factory"))
_NOT_ZONE_FOLDERS = frozenset(("posix", "right"))


def get_zone(name: str) -> ZoneInfo:
    """The IANA zone ``name``; raise ``ValueError`` with a readable message."""
    if (
        not isinstance(name, str)
        or not _ZONE_NAME.fullmatch(name)
        or name in _NOT_ZONES
        or name.split("/", 1)[0] in _NOT_ZONE_FOLDERS
    ):
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
        return in_range(date.fromisoformat(text), value)
    if not _HAS_TIME.match(text):
        raise ValueError(
            Message(
                "{value!r} is not a date and time: write 2026-12-01 09:00, "
                "2026-12-01T09:00:00-05:00, or a date alone (2026-12-01)",
                value=value,
            )
        )
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(Message("{value!r} is not a valid date and time", value=value)) from None
    return in_range(parsed, value)


D = TypeVar("D", bound=date)


def in_range(value: D, written: object = None) -> D:
    """``value`` when its year is :data:`FIRST_YEAR` to :data:`LAST_YEAR`, else ``ValueError``.

    The year is the one written: an offset does not move it.
    """
    if FIRST_YEAR <= value.year <= LAST_YEAR:
        return value
    raise ValueError(
        Message(
            "{value!r} is outside the years gc-cli works with ({first} to {last})",
            value=written if written is not None else value.isoformat(),
            first=FIRST_YEAR,
            last=LAST_YEAR,
        )
    )


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
    """One occurrence of a recurring post: its local wall time and how it maps.

    ``day`` names it: the local date the rule gives it (``id@day``), which a
    move does not change; ``moved`` says it goes out at another time than the
    rule's.
    """

    local: datetime  # naive wall time
    at: datetime  # aware, in the root zone
    wall: WallTime
    day: date
    moved: bool = False


@dataclass(frozen=True, slots=True)
class OccurrenceIssue:
    """A date of ``skip``, ``moved`` or ``occurrences`` that names no occurrence, or a
    move that cannot be made; ``key`` is the post's key it was written under."""

    key: str
    day: date
    message: Message


_UNTIL = re.compile(r"(?i)(UNTIL\s*=\s*)(\d{8})(?:T(\d{6})(Z?))?")


def _local_until(text: str, zone: tzinfo | None) -> str:
    """Rewrite UNTIL as a local wall time, which is how the rule is expanded.

    A date alone ends with that whole day (RFC 5545 wants a date-time when
    DTSTART has one; the day's occurrences are meant). A UTC time (``Z``) is
    an instant: converted to the root's zone rather than read as wall time.
    """

    def local(match: re.Match[str]) -> str:
        prefix, day, clock, utc = match.groups()
        if not FIRST_YEAR <= int(day[:4]) <= LAST_YEAR:
            # Moved to the root's zone, a time near the year 1 or 9999 would not be a date.
            raise ValueError(
                Message(
                    "{until} is outside the years gc-cli works with ({first} to {last})",
                    until=match[0],
                    first=FIRST_YEAR,
                    last=LAST_YEAR,
                )
            )
        if clock is None:
            return f"{prefix}{day}T235959"
        if utc and zone is not None:
            try:
                instant = datetime.strptime(day + clock, "%Y%m%d%H%M%S").replace(tzinfo=UTC)
            except ValueError as exc:
                raise ValueError(Message("not a valid RRULE ({reason})", reason=str(exc))) from None
            return f"{prefix}{instant.astimezone(zone):%Y%m%dT%H%M%S}"
        return f"{prefix}{day}T{clock}"

    return _UNTIL.sub(local, text)


_BYDAY_ORDINAL = re.compile(r"([+-]?\d+)\s*(?:MO|TU|WE|TH|FR|SA|SU)\b")


def expand_rrule(rule: str, start: datetime, zone: tzinfo | None = None) -> list[datetime]:
    """The naive local starts of an RFC 5545 RRULE from naive ``start``.

    The rule must end (COUNT or UNTIL), yield at most :data:`MAX_OCCURRENCES`
    within :data:`REPEAT_YEARS` years of ``start``, and find them within
    :data:`REPEAT_STEPS` periods of its frequency; otherwise, or when it does
    not parse, ``ValueError`` says why. ``zone`` places a UTC ``UNTIL``
    (``...Z``) on the local clock.
    """
    from dateutil.rrule import FREQNAMES, rrule, rrulestr

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
    _check_byday(upper)
    local_text = _local_until(text, zone)
    try:
        parsed = rrulestr(local_text, dtstart=start, ignoretz=True)
    except (ValueError, TypeError, KeyError, IndexError, OverflowError) as exc:
        # dateutil's own reason stays as it wrote it (English): it names the part at fault.
        raise ValueError(Message("not a valid RRULE ({reason})", reason=str(exc))) from None
    if not isinstance(parsed, rrule):
        raise ValueError(Message("not a single RRULE"))
    # Stop as soon as a bound is passed, so a runaway rule is cheap to refuse.
    starts: list[datetime] = []
    more = False
    try:
        for local in _bounded(parsed, start):
            if len(starts) == MAX_OCCURRENCES:
                more = True
                break
            starts.append(local)
    except _PastHorizon:
        raise ValueError(
            Message(
                "the rule yields no occurrence within {years} years of publish_at",
                years=REPEAT_YEARS,
            )
            if not starts
            else Message(
                "the rule goes on more than {years} years after publish_at: end it sooner "
                "(COUNT or UNTIL)",
                years=REPEAT_YEARS,
            )
        ) from None
    except _OutOfSteps:
        freq = FREQNAMES[parsed._freq]  # type: ignore[attr-defined]
        raise ValueError(
            Message(
                "the rule finds no occurrence in {steps} steps of FREQ={freq} from "
                "publish_at: it may never match (a 30 February?), or too rarely for its "
                "frequency",
                steps=REPEAT_STEPS,
                freq=freq,
            )
            if not starts
            else Message(
                "the rule matches too rarely for FREQ={freq}: {steps} steps found only "
                "{found} occurrences; use a larger FREQ (WEEKLY, MONTHLY, YEARLY)",
                steps=REPEAT_STEPS,
                freq=freq,
                found=len(starts),
            )
        ) from None
    except (ValueError, TypeError, KeyError, IndexError, OverflowError) as exc:
        # dateutil failing on a rule it parsed (a combination it cannot expand).
        raise ValueError(Message("not a valid RRULE ({reason})", reason=str(exc))) from None
    if parsed._count is not None and len(starts) < parsed._count:  # type: ignore[attr-defined]
        # dateutil stops at the year 9999 without a word: an INTERVAL that leaps there.
        raise ValueError(
            Message(
                "the rule goes on more than {years} years after publish_at: end it sooner "
                "(COUNT or UNTIL)",
                years=REPEAT_YEARS,
            )
        )
    if more:
        raise ValueError(
            Message("the rule yields more than {limit} occurrences", limit=MAX_OCCURRENCES)
        )
    if not starts:
        raise ValueError(Message("the rule yields no occurrence at all"))
    return starts


def _check_byday(upper: str) -> None:
    """RFC 5545 §3.3.10: a BYDAY position is 1 to 53 from either end, and a month
    has at most five of a weekday (dateutil fails on more)."""
    byday = next(
        (p.split("=", 1)[1] for p in upper.split(";") if p.strip().startswith("BYDAY")), ""
    )
    monthly = re.search(r"(?:^|;)\s*FREQ\s*=\s*MONTHLY\b", upper) is not None
    most = 5 if monthly else 53
    for match in _BYDAY_ORDINAL.finditer(byday):
        digits = match[1].lstrip("+-")
        if len(digits) > 2 or not 1 <= int(digits) <= most:
            raise ValueError(
                Message(
                    "BYDAY={value}: the position must be 1 to {most} (or -1 to -{most})",
                    value=match[0],
                    most=most,
                )
            )


class _PastHorizon(Exception):
    """The expansion passed :data:`REPEAT_YEARS` after the start."""


class _OutOfSteps(Exception):
    """The expansion took :data:`REPEAT_STEPS` periods."""


def _bounded(parsed: rrule, start: datetime) -> Iterator[datetime]:
    """The occurrences of ``parsed``, stopped by :data:`REPEAT_YEARS` and :data:`REPEAT_STEPS`.

    dateutil only checks UNTIL on a day that matches the rule, so a rule that
    never matches is searched up to the year 9999. Its expansion loop asks
    for each period's days once (``_iterinfo.*dayset``); the loop runs here
    with a copy of that helper which counts those calls and knows the last
    day to search (dateutil/rrule.py, ``rrule._iter`` and ``_iterinfo``).
    """
    bounded = _bounded_iter()
    if bounded is None:  # a dateutil without those internals: unbounded, but right
        yield from parsed
        return
    # start is at most LAST_YEAR (parse_when), so the horizon is a valid date.
    horizon = date(start.year + REPEAT_YEARS, start.month, min(start.day, 28))
    parsed._gc_horizon = horizon  # type: ignore[attr-defined]
    yield from bounded(parsed)


@cache
def _bounded_iter() -> Callable[[Any], Iterator[datetime]] | None:
    """``rrule._iter`` reading its period days from a counting ``_iterinfo`` (made once)."""
    import types

    from dateutil import rrule as module

    info = getattr(module, "_iterinfo", None)
    iterate = getattr(module.rrule, "_iter", None)
    made: Callable[[Any], Iterator[datetime]] | None = None
    if isinstance(info, type) and isinstance(iterate, types.FunctionType):

        class Counting(info):  # type: ignore[misc,valid-type]
            # No __slots__ of its own: _iterinfo.__init__ sets every name of self.__slots__.

            def __init__(self, rule: Any) -> None:
                super().__init__(rule)
                self.horizon: date = rule._gc_horizon
                self.steps = REPEAT_STEPS

            def _step(self, year: int, month: int, day: int) -> None:
                self.steps -= 1
                if self.steps < 0:
                    raise _OutOfSteps
                if (year, month, day) > (self.horizon.year, self.horizon.month, self.horizon.day):
                    raise _PastHorizon

            def ydayset(self, year: int, month: int, day: int) -> Any:
                self._step(year, month, day)
                return super().ydayset(year, month, day)

            def mdayset(self, year: int, month: int, day: int) -> Any:
                self._step(year, month, day)
                return super().mdayset(year, month, day)

            def wdayset(self, year: int, month: int, day: int) -> Any:
                self._step(year, month, day)
                return super().wdayset(year, month, day)

            def ddayset(self, year: int, month: int, day: int) -> Any:
                self._step(year, month, day)
                return super().ddayset(year, month, day)

        made = types.FunctionType(
            iterate.__code__,
            {**vars(module), "_iterinfo": Counting},
            iterate.__name__,
            iterate.__defaults__,
            iterate.__closure__,
        )
    return made


def occurrences(
    starts: list[datetime],
    zone: tzinfo,
    *,
    skip: Iterable[date] = (),
    moved: Mapping[date, date | datetime] | None = None,
    marked: Iterable[date] = (),
    timed: bool = True,
) -> tuple[list[Occurrence], list[OccurrenceIssue]]:
    """The occurrences of a rule's naive wall times, with its skips and moves applied,
    in the order they go out; and what names no occurrence.

    This is the one place recurring posts are expanded for every command. Wall-clock
    time is kept across daylight-saving changes. An occurrence is named by its local
    date: ``skip`` leaves out the occurrences of its dates; ``moved`` gives the
    occurrence of a date another time (naive: local; aware: that instant; a date for a
    post without a time). ``marked`` (the dates of ``occurrences:``) must name
    occurrences too. A date that names none, a date both skipped and moved, a move
    of a day holding several occurrences and a move to a date alone for a timed
    post (or the other way round) are issues; such a move is not made.
    """
    moved = moved or {}
    by_day: dict[date, int] = {}
    for local in starts:
        by_day[local.date()] = by_day.get(local.date(), 0) + 1
    issues: list[OccurrenceIssue] = []

    def named(key: str, day: date) -> bool:
        if day in by_day:
            return True
        issues.append(
            OccurrenceIssue(
                key,
                day,
                Message(
                    "{key}: {day} is not the date of an occurrence of the repeat rule",
                    key=key,
                    day=day.isoformat(),
                ),
            )
        )
        return False

    skipped = {day for day in skip if named("skip", day)}
    targets: dict[date, datetime] = {}
    for day, wanted in moved.items():
        if not named("moved", day):
            continue
        if day in skipped:
            issues.append(
                OccurrenceIssue(
                    "moved",
                    day,
                    Message(
                        "moved: {day} is also in skip; an occurrence is skipped or moved, not both",
                        day=day.isoformat(),
                    ),
                )
            )
        elif by_day[day] > 1:
            issues.append(
                OccurrenceIssue(
                    "moved",
                    day,
                    Message(
                        "moved: {day} holds {count} occurrences; a move names one, so "
                        "move them with the rule itself",
                        day=day.isoformat(),
                        count=by_day[day],
                    ),
                )
            )
        elif timed != isinstance(wanted, datetime):
            issues.append(
                OccurrenceIssue(
                    "moved",
                    day,
                    Message(
                        "moved: give {day} a date and a time (2026-12-23 10:00), as the post has",
                        day=day.isoformat(),
                    )
                    if timed
                    else Message(
                        "moved: give {day} a date alone (2026-12-23), as the post has no time",
                        day=day.isoformat(),
                    ),
                )
            )
        else:
            targets[day] = (
                wanted if isinstance(wanted, datetime) else datetime.combine(wanted, time(0))
            )
    for day in marked:
        if named("occurrences", day) and day in skipped:
            issues.append(
                OccurrenceIssue(
                    "occurrences",
                    day,
                    Message(
                        "occurrences: {day} is skipped (skip:); it has no status of its own",
                        day=day.isoformat(),
                    ),
                )
            )
    found: list[Occurrence] = []
    for local in starts:
        day = local.date()
        if day in skipped:
            continue
        target = targets.get(day)
        if target is None:
            found.append(Occurrence(local, localize(local, zone), classify(local, zone), day))
        elif target.tzinfo is not None:
            # An offset chooses the instant: it never falls in a gap, nor happens twice.
            at = target.astimezone(zone)
            found.append(Occurrence(at.replace(tzinfo=None), at, WallTime.OK, day, True))
        else:
            found.append(
                Occurrence(target, localize(target, zone), classify(target, zone), day, True)
            )
    if targets:
        found.sort(key=lambda occ: (occ.at.astimezone(UTC), occ.day))
    return found, issues


def day_bounds(day: date, zone: tzinfo) -> tuple[datetime, datetime]:
    """The first and the first-after-last instants of a local day (23, 24 or 25 hours)."""
    start = datetime.combine(day, time(0), zone)
    end = datetime.combine(day + timedelta(days=1), time(0), zone)
    return start, end


def wall_instant(day: date, minutes: int, zone: tzinfo) -> datetime:
    """The UTC instant of local ``day`` plus ``minutes`` of wall clock (may pass midnight).

    A wall time that happens twice (autumn) is its first occurrence, as for
    posts. One that never happens (spring) is the instant the clock jumps over
    it: a shift written from 02:30 on that night starts at 03:00.
    """
    naive = datetime.combine(day, time(0)) + timedelta(minutes=minutes)
    first = naive.replace(tzinfo=zone, fold=0).astimezone(UTC)
    if classify(naive, zone) is not WallTime.NONEXISTENT:
        return first
    # In a gap, fold=1 reads it with the offset after the change (an instant
    # before the jump) and fold=0 with the one before (an instant after it):
    # halve the interval down to the second where the offset changes.
    low = naive.replace(tzinfo=zone, fold=1).astimezone(UTC)
    high = first
    after = high.astimezone(zone).utcoffset()
    while high - low > timedelta(seconds=1):
        middle = low + (high - low) / 2
        if middle.astimezone(zone).utcoffset() == after:
            high = middle
        else:
            low = middle
    return high.replace(microsecond=0)


def local_day(instant: datetime, zone: tzinfo) -> date:
    """The local day ``instant`` falls on."""
    return instant.astimezone(zone).date()


def day_start(day: date, zone: tzinfo) -> datetime:
    """The UTC instant of the local midnight starting ``day``."""
    return wall_instant(day, 0, zone)


def current(now: datetime | None, zone: tzinfo) -> datetime:
    """``now`` in ``zone`` (naive: a local wall time), or the system clock's time there."""
    if now is None:
        return datetime.now(UTC).astimezone(zone)
    return to_aware(now, zone)


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
