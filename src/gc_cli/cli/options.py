"""Dates and numbers given on the command line: parsed, bounded, named when wrong.

Every date option (``--now`` and ``GC_NOW``, ``--from``, ``--to``,
``--until``, ``--at``, ``--month``) must lie between :data:`EARLIEST` and
:data:`LATEST`, and a window spans at most :data:`MAX_DAYS` days. A value
outside is a usage error (:class:`~gc_cli.errors.GcError`, exit 2) that names
the option and says what is accepted, not a failure deep in date arithmetic.

This module stays light (no calendar, no views): every command checks its
options with it before it loads anything.
"""

from __future__ import annotations

from datetime import date, datetime

from gc_cli.errors import GcError
from gc_cli.i18n import _, translated
from gc_cli.timeutil import FIRST_YEAR, LAST_YEAR, in_range, parse_when

#: A bound of a window as the command line gives it (text) or a caller does.
Bound = str | date | datetime | None

#: The dates the command line accepts: those a calendar file may hold
#: (:data:`~gc_cli.timeutil.FIRST_YEAR` to :data:`~gc_cli.timeutil.LAST_YEAR`),
#: far enough from Python's own limit (year 9999) that a window of
#: :data:`MAX_DAYS` days, a week's padding of a month grid or a UTC offset of
#: ±14 h around them is still a date.
EARLIEST = date(FIRST_YEAR, 1, 1)
LATEST = date(LAST_YEAR, 12, 31)
#: The longest window, in days (ten years): ``export --days``, and the
#: windows of ``report`` and ``coverage``, whose work grows with every day.
MAX_DAYS = 3660


def _reason(exc: Exception) -> str:
    """What an exception says, for a person (a :class:`~gc_cli.i18n.Message` translated)."""
    first = exc.args[0] if exc.args else None
    return translated(first) if isinstance(first, str) else str(exc)


def check_range(value: date | datetime, option: str, text: object) -> None:
    """``GcError`` naming ``option`` when ``value`` is outside EARLIEST..LATEST."""
    try:
        in_range(value, text)
    except ValueError as exc:
        raise GcError(_("{option}: {reason}").format(option=option, reason=_reason(exc))) from None


def parse_bound(value: Bound, option: str) -> date | datetime | None:
    """A date option as a date or a datetime; ``GcError`` naming ``option``."""
    if value is None or isinstance(value, date):
        return value
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
        raise GcError(_("{option}: {reason}").format(option=option, reason=message)) from None
    check_range(parsed, option, value)
    return parsed


def check_dates(**options: str | None) -> None:
    """Each named date option parses and lies in range (keyword: the option, ``now="..."``)."""
    for name, value in options.items():
        parse_bound(value, "--" + name.rstrip("_"))


def check_days(days: int | None, option: str = "--days") -> None:
    """``GcError`` unless ``days`` is None or 1 to :data:`MAX_DAYS`."""
    if days is not None and not 1 <= days <= MAX_DAYS:
        raise GcError(
            _("{option}: {days} is not a number of days from 1 to {most}").format(
                option=option, days=days, most=MAX_DAYS
            )
        )


def check_span(first: date, last: date, options: str) -> None:
    """``GcError`` naming ``options`` when ``first`` to ``last`` spans over :data:`MAX_DAYS`."""
    days = (last - first).days + 1
    if days > MAX_DAYS:
        raise GcError(
            _(
                "{options}: the window is {days} days long ({first} to {last}); "
                "it can span at most {most} days"
            ).format(
                options=options,
                days=days,
                first=first.isoformat(),
                last=last.isoformat(),
                most=MAX_DAYS,
            )
        )
