"""Pydantic models of the calendar files: ``settings.yaml`` and post files.

The models validate shapes and values that need no other file. Everything
that relates several values (an owner that must be in the team, a channel that
must be enabled, times in the root's zone) is a rule in :mod:`gc_cli.rules`.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from typing import Annotated, Any, Literal, NamedTuple, get_args
from urllib.parse import urlsplit

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainValidator,
    StringConstraints,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from gc_cli import timeutil
from gc_cli.i18n import Message
from gc_cli.store.channels import BUILTIN_PROFILES
from gc_cli.store.profile import LIMIT_FIELDS, ChannelProfile
from gc_cli.store.safeio import DEFAULT_IMAGE_BYTES, DEFAULT_YAML_BYTES, MIB, Limits, human_size
from gc_cli.store.weburl import base_url

Kind = Literal["article", "product", "facility", "team", "video", "event", "other"]
Status = Literal["idea", "draft", "ready", "scheduled", "published", "cancelled"]
Role = Literal["content", "interactions"]
AltTextLevel = Literal["error", "warning", "off"]
Approval = Literal["external", "all", "none"]

KINDS: tuple[str, ...] = get_args(Kind)
STATUSES: tuple[str, ...] = get_args(Status)
#: Statuses from which a post must be complete ("from ready on" in the rules).
COMMITTED: frozenset[str] = frozenset({"ready", "scheduled", "published"})

ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
PostId = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=200)]
CHANNEL_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"
ChannelName = Annotated[str, StringConstraints(pattern=CHANNEL_PATTERN)]
NonEmpty = Annotated[str, StringConstraints(min_length=1)]

_STRICT = ConfigDict(extra="forbid", frozen=True, populate_by_name=False)


_DAY_TEXT = re.compile(r"\d{4}-\d{2}-\d{2}")


def _day(value: Any) -> Any:
    """A day written ``2026-12-24`` (dates are text in the files: YAML 1.2 core)."""
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if not isinstance(value, str) or not _DAY_TEXT.fullmatch(value.strip()):
        raise ValueError(Message("{value!r} is not a day: write it as 2026-12-24", value=value))
    try:
        day = date.fromisoformat(value.strip())
    except ValueError as exc:
        # Python's own reason ("month must be in 1..12") stays as it wrote it.
        raise ValueError(
            Message("{value!r} is not a valid day ({reason})", value=value, reason=str(exc))
        ) from None
    return timeutil.in_range(day, value)


Day = Annotated[
    date,
    BeforeValidator(_day),
    WithJsonSchema({"type": "string", "format": "date", "examples": ["2026-12-24"]}),
]


def _when(value: Any) -> Any:
    if value is None or isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise ValueError(Message("publish_at must be written as text: 2026-12-01 09:00"))
    return timeutil.parse_when(value)


#: A post's time: a date alone, a naive local time, or an aware time.
When = Annotated[date | datetime | None, BeforeValidator(_when)]


def _event_when(value: Any) -> Any:
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise ValueError(Message("write the date and time as text: 2026-12-05 10:00"))
    return timeutil.parse_when(value)


#: The time of an event: a date alone (all day), a naive local time, or an aware time.
EventWhen = Annotated[date | datetime, BeforeValidator(_event_when)]
#: The longest place of an event, in characters: an address, a room, a link to a
#: video call. Anything longer is a mistake (a text pasted in the wrong key).
MAX_PLACE = 300


def _written(value: date | datetime) -> str:
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    return value.isoformat()


def _date_of(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


def _wall(value: date | datetime) -> datetime:
    """A time as written, its offset dropped; a date is its midnight."""
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    return datetime.combine(value, time(0))


class Event(BaseModel):
    """``event:``: what a post of kind ``event`` announces, when and where it happens."""

    model_config = _STRICT

    starts: EventWhen = Field(
        description="When the event starts: 2026-12-05 10:00 (local), with an offset, "
        "or a date alone for an event of whole days."
    )
    ends: EventWhen | None = Field(
        default=None, description="When it ends (a date: the last day, included)."
    )
    place: Annotated[str, StringConstraints(min_length=1, max_length=MAX_PLACE)] | None = Field(
        default=None, description="Where: an address, a room, a link."
    )

    @model_validator(mode="after")
    def _ends_after_start(self) -> Event:
        starts, ends = self.starts, self.ends
        if ends is None:
            return self
        if isinstance(starts, datetime) and isinstance(ends, datetime):
            both_aware = starts.tzinfo is not None and ends.tzinfo is not None
            before = ends < starts if both_aware else _wall(ends) < _wall(starts)
        else:
            # A date is a whole day: an end on the day it starts is fine.
            before = _date_of(ends) < _date_of(starts)
        if before:
            raise ValueError(
                Message(
                    "it ends ({ends}) before it starts ({starts})",
                    ends=_written(ends),
                    starts=_written(starts),
                )
            )
        return self

    def timed(self) -> bool:
        """Whether it starts at a time of day (else it takes whole days)."""
        return isinstance(self.starts, datetime)


#: The longest address accepted: RFC 9110 section 4.1 asks every sender and
#: recipient to support URIs of at least 8,000 octets.
MAX_URL = 8000
_URL_FORBIDDEN = re.compile(r"[\x00-\x20\x7f-\x9f\u2028\u2029\ufeff]")


def check_url(value: str) -> str:
    """``value`` when it is an absolute ``http(s)://`` address without spaces or control
    characters, at most :data:`MAX_URL` long; ``ValueError`` saying why otherwise."""
    if len(value) > MAX_URL:
        raise ValueError(
            Message("an address is at most {most} characters long", most=format(MAX_URL, ","))
        )
    bad = _URL_FORBIDDEN.search(value)
    if bad is not None:
        raise ValueError(
            Message(
                "an address holds no spaces or control characters (found {char} at "
                "character {index})",
                char="U+" + format(ord(bad[0]), "04X"),
                index=bad.start() + 1,
            )
        )
    try:
        parts = urlsplit(value)
    except ValueError:
        parts = None
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(
            Message("{value!r} is not an absolute http(s):// address", value=value[:200])
        )
    return value


def _link(value: Any) -> Any:
    if isinstance(value, str):
        parts = urlsplit(value.strip())
        if parts.scheme not in ("http", "https") or not parts.netloc or " " in value.strip():
            raise ValueError(Message("a link must be an absolute http(s):// address"))
    return value


def _published_url(value: Any) -> Any:
    """One address, or a mapping of channel -> address (validated here as a whole, so
    that a mistake is one message, not one per shape it might have had)."""
    if isinstance(value, str):
        return check_url(value)
    if not isinstance(value, dict) or not value:
        raise ValueError(Message("give one address, or one per channel ({facebook: https://...})"))
    for channel, address in value.items():
        if not isinstance(channel, str) or not re.match(CHANNEL_PATTERN, channel):
            raise ValueError(Message("{channel!r} is not a channel name", channel=channel))
        if not isinstance(address, str):
            raise ValueError(
                Message("{channel}: write the address as text: https://...", channel=channel)
            )
        try:
            check_url(address)
        except ValueError as exc:
            raise ValueError(
                Message("{channel}: {reason}", channel=channel, reason=exc.args[0])
            ) from None
    return dict(value)


#: Where a published post lives: one address, or one per channel.
PublishedUrl = Annotated[
    str | dict[str, str],
    PlainValidator(_published_url),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "format": "uri", "pattern": "^https?://"},
                {
                    "type": "object",
                    "additionalProperties": {"type": "string", "format": "uri"},
                    "minProperties": 1,
                },
            ]
        }
    ),
]


def _moved_to(value: Any) -> Any:
    if value is None:
        raise ValueError(Message("give the date and time it goes out instead (2026-12-23 10:00)"))
    return _when(value)


#: Where a moved occurrence goes: a date and time (a date alone for a post without a time).
MovedTo = Annotated[
    date | datetime,
    BeforeValidator(_moved_to),
    WithJsonSchema({"type": "string", "examples": ["2026-12-23 10:00"]}),
]


def _bounded(name: str) -> Any:
    """A check, before the items are read, that ``name`` holds no more entries than a
    repeat rule has occurrences (timeutil.MAX_OCCURRENCES): a huge list is refused
    at once, for the price of its length."""

    def check(value: Any) -> Any:
        if isinstance(value, list | dict) and len(value) > timeutil.MAX_OCCURRENCES:
            raise ValueError(
                Message(
                    "{name} has {count} entries; a repeat rule has at most {most} occurrences",
                    name=name,
                    count=len(value),
                    most=timeutil.MAX_OCCURRENCES,
                )
            )
        return value

    return check


class OccurrenceState(BaseModel):
    """What one occurrence of a recurring post has become: its status, where it lives."""

    model_config = _STRICT

    status: Status
    published_url: PublishedUrl | None = None
    scheduled_on: list[ChannelName] = Field(
        default_factory=list,
        description="Channels it was handed over on so far (export --mark scheduled).",
    )


def _occurrence(value: Any) -> Any:
    return {"status": value} if isinstance(value, str) else value


#: An occurrence's state: its status alone (``published``), or ``{status, published_url}``.
OccurrenceValue = Annotated[
    OccurrenceState,
    BeforeValidator(_occurrence),
    WithJsonSchema(
        {
            "anyOf": [
                {"enum": list(STATUSES)},
                {
                    "type": "object",
                    "properties": {
                        "status": {"enum": list(STATUSES)},
                        "published_url": {},
                        "scheduled_on": {"type": "array", "items": {"type": "string"}},
                    },
                    "required": ["status"],
                    "additionalProperties": False,
                },
            ]
        }
    ),
]


class Image(BaseModel):
    """An attachment: a path relative to the calendar root, and its alt text."""

    model_config = _STRICT

    path: NonEmpty = Field(description="Relative to the calendar root, with '/'.")
    alt: str | None = Field(default=None, description="Alternative text for screen readers.")


class PostFields(BaseModel):
    """Fields a post file's ``defaults:`` may give to every post of the file."""

    model_config = _STRICT

    kind: Kind = "other"
    publish_at: When = Field(
        default=None,
        description=(
            "Local time in the root's zone (2026-12-01 09:00), an ISO 8601 time with offset, "
            "a date alone (2026-12-01), or absent (not scheduled yet)."
        ),
    )
    channels: list[ChannelName] = Field(default_factory=list)
    status: Status = "idea"
    owner: str | None = Field(default=None, description="A key of settings.team.")
    text: str | None = None
    channel_text: dict[ChannelName, str] = Field(
        default_factory=dict, description="Per-channel replacement of text."
    )
    link: Annotated[str | None, BeforeValidator(_link)] = None
    images: list[Image] = Field(default_factory=list)
    tags: list[NonEmpty] = Field(default_factory=list)
    campaign: str | None = None
    repeat: str | None = Field(
        default=None, description="An RFC 5545 RRULE starting at publish_at (needs COUNT or UNTIL)."
    )
    notes: str | None = Field(default=None, description="Internal; never exported.")
    event: Event | None = Field(
        default=None,
        validate_default=True,
        description="For kind: event, the event itself: {starts, ends, place}.",
    )
    on_closed_day: bool = Field(
        default=False,
        description="Meant for a day the organisation is closed (a holiday greeting): no "
        "closed-day warning.",
    )

    @field_validator("channels")
    @classmethod
    def _unique_channels(cls, value: list[str]) -> list[str]:
        seen: set[str] = set()
        for name in value:
            if name in seen:
                raise ValueError(Message("channel {name!r} is listed twice", name=name))
            seen.add(name)
        return value


class Post(PostFields):
    """One planned post."""

    id: PostId = Field(description="Unique in the whole root: [a-z0-9][a-z0-9-]*.")
    title: NonEmpty = Field(description="Internal title.")
    approved_by: NonEmpty | None = Field(
        default=None,
        description="The in-house team member with the content role who approved it.",
    )
    published_url: PublishedUrl | None = Field(
        default=None,
        description="Where the published post lives: one address, or one per channel.",
    )
    scheduled_on: list[ChannelName] = Field(
        default_factory=list,
        description="Channels a post on several channels was handed over on so far (export "
        "--mark scheduled writes it; once every channel is, the status becomes scheduled).",
    )
    skip: Annotated[list[Day], BeforeValidator(_bounded("skip"))] = Field(
        default_factory=list,
        description="Dates of occurrences of the repeat rule that do not go out.",
    )
    moved: Annotated[dict[Day, MovedTo], BeforeValidator(_bounded("moved"))] = Field(
        default_factory=dict,
        description="Occurrence date -> the date and time it goes out instead.",
    )
    occurrences: Annotated[dict[Day, OccurrenceValue], BeforeValidator(_bounded("occurrences"))] = (
        Field(
            default_factory=dict,
            description="Occurrence date -> its own status (and published_url), for a "
            "recurring post.",
        )
    )

    @field_validator("skip")
    @classmethod
    def _unique_days(cls, value: list[date]) -> list[date]:
        seen: set[date] = set()
        for day in value:
            if day in seen:
                raise ValueError(Message("{day} is listed twice", day=day.isoformat()))
            seen.add(day)
        return value

    def text_for(self, channel: str) -> str | None:
        """The text published on ``channel``: its replacement, else the main text."""
        return self.channel_text.get(channel, self.text)

    @field_validator("event")
    @classmethod
    def _event_of_kind(cls, value: Event | None, info: ValidationInfo) -> Event | None:
        kind = info.data.get("kind")  # absent when the kind itself is wrong: judged there
        if kind == "event" and value is None:
            raise ValueError(
                Message("a post of kind event says when it happens: event: {starts: ...}")
            )
        if kind is not None and kind != "event" and value is not None:
            raise ValueError(
                Message("only a post of kind event has an event (kind: {kind})", kind=kind)
            )
        return value


class Defaults(PostFields):
    """The ``defaults:`` block of a post file (every field optional)."""


class TeamMember(BaseModel):
    """Someone who does content and/or answers the community."""

    model_config = _STRICT

    name: NonEmpty
    roles: list[Role] = Field(default_factory=lambda: list[Role](["content"]))
    external: bool = Field(default=False, description="An agency or freelancer, not staff.")


class Rules(BaseModel):
    """Thresholds of the rules of ``check``."""

    model_config = _STRICT

    # The upper bounds keep every window far from the ends of the calendar
    # (timeutil.FIRST_YEAR, LAST_YEAR) and mean nothing beyond: a week between
    # two posts, a year of warning, ten years of memory.
    min_gap_minutes: int = Field(default=60, ge=0, le=7 * 24 * 60)
    max_posts_per_day: int | None = Field(default=None, ge=1)
    ready_before_hours: int = Field(default=48, ge=0, le=366 * 24)
    alt_text: AltTextLevel = "warning"
    duplicate_window_days: int = Field(default=30, ge=0, le=3660)
    approval: Approval = Field(
        default="external",
        description="Which posts need approved_by from ready on: those of external owners, "
        "all, or none.",
    )


class Slot(BaseModel):
    """A weekly posting time, parsed from ``"mon 09:00"``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    weekday: int = Field(ge=0, le=6, description="0 is Monday, 6 is Sunday.")
    at: time

    @model_validator(mode="before")
    @classmethod
    def _parse(cls, value: Any) -> Any:
        if isinstance(value, str):
            weekday, at = timeutil.parse_slot(value)
            return {"weekday": weekday, "at": at}
        if isinstance(value, dict):
            return value
        raise ValueError(Message("a slot is text like 'mon 09:00'"))


# -- interactions: who answers the community, when ---------------------------------
#
# The texts of the roster are parsed here, strictly, so that a mistake is a
# ``settings`` problem at its exact line; relating the roster to the team
# (unknown member, missing role) is a rule (gc_cli.rules.interactions).

_DURATION = re.compile(r"(?:(?P<h>\d{1,4})h(?:(?P<hm>\d{2})(?:m|min)?)?|(?P<m>\d{1,5})(?:m|min))")
_HOURS = re.compile(r"(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})")
DAY_KEYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
MINUTES_PER_DAY = 24 * 60


def parse_duration(value: str) -> timedelta:
    """``4h``, ``90m`` (or ``90min``), ``1h30`` (or ``1h30m``) → a positive ``timedelta``.

    Minutes after hours take two digits (``1h05``), so that ``1h5`` is not
    silently read as five or as fifty minutes. ``ValueError`` otherwise.
    """
    match = _DURATION.fullmatch(value.strip())
    if match is None and re.fullmatch(r"\d+h\d", value.strip()):
        raise ValueError(
            Message(
                "{value!r}: write the minutes after the hours with two digits (1h05)", value=value
            )
        )
    if match is None:
        raise ValueError(
            Message(
                "{value!r} is not a duration: write hours and minutes like 4h, 90m or 1h30",
                value=value,
            )
        )
    minutes = int(match["m"] or 0) + 60 * int(match["h"] or 0)
    if match["hm"] is not None:
        if int(match["hm"]) >= 60:
            raise ValueError(
                Message("{value!r}: minutes after the hours must be 00 to 59", value=value)
            )
        minutes += int(match["hm"])
    if minutes == 0:
        raise ValueError(
            Message("{value!r}: a response target must be longer than no time at all", value=value)
        )
    return timedelta(minutes=minutes)


def format_duration(delta: timedelta) -> str:
    """``4 h``, ``1 h 30 min``, ``45 min``, ``63 h 30 min``: hours, never days, so that
    a wait compares at a glance with a target written in hours."""
    minutes = int(delta.total_seconds() // 60)
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h {rest} min" if rest else f"{hours} h"


def _duration(value: Any) -> Any:
    if isinstance(value, timedelta):
        return value
    if not isinstance(value, str):
        raise ValueError(Message("write the duration as text with its unit: 4h, 90m or 1h30"))
    return parse_duration(value)


def _day_range(text: str) -> list[int]:
    """``mon`` → [0]; ``mon-fri`` → [0..4]; ``fri-mon`` wraps over the weekend."""
    first, dash, last = text.strip().partition("-")
    try:
        start = timeutil.parse_weekday(first.strip())
        if not dash:
            return [start]
        end = timeutil.parse_weekday(last.strip())
    except ValueError:
        raise ValueError(
            Message(
                "{text!r} is not a day or a range of days: write mon, mon-fri, or a list "
                "like [sat, sun]",
                text=text,
            )
        ) from None
    if start == end:
        raise ValueError(
            Message(
                "{text!r}: a range goes from one day to another; for one day write {first}",
                text=text,
                first=first,
            )
        )
    return [(start + step) % 7 for step in range((end - start) % 7 + 1)]


def parse_days(value: Any) -> frozenset[int]:
    """``mon-fri``, ``mon``, ``[sat, sun]`` or ``[mon-wed, fri]`` → weekdays (Monday 0).

    A range may wrap (``fri-mon`` is Friday to Monday). A day given twice is a
    mistake (``[mon-fri, wed]``), and so is an empty list.
    """
    if isinstance(value, frozenset):
        return value
    if isinstance(value, str):
        items: list[Any] = [value]
    elif isinstance(value, list) and value:
        items = value
    else:
        raise ValueError(Message("days: write mon-fri, mon, or a list like [sat, sun]"))
    days: set[int] = set()
    for item in items:
        if not isinstance(item, str):
            raise ValueError(Message("days: {item!r} is not a day (mon, tue, ... sun)", item=item))
        for day in _day_range(item):
            if day in days:
                raise ValueError(Message("days: {day} is given twice", day=DAY_KEYS[day]))
            days.add(day)
    return frozenset(days)


def days_text(days: frozenset[int]) -> str:
    """Weekdays as written in settings: ``mon-fri``, ``sat-sun``, ``mon, wed, fri``."""
    if len(days) == 7:
        return "mon-sun"
    # Start each run after a day off, so that Friday to Monday reads fri-mon.
    first = next(d for d in range(7) if d in days and (d - 1) % 7 not in days)
    runs: list[list[int]] = []
    for step in range(7):
        day = (first + step) % 7
        if day not in days:
            continue
        if runs and (runs[-1][-1] + 1) % 7 == day:
            runs[-1].append(day)
        else:
            runs.append([day])
    return ", ".join(
        DAY_KEYS[r[0]] if len(r) == 1 else f"{DAY_KEYS[r[0]]}-{DAY_KEYS[r[-1]]}" for r in runs
    )


class DutyHours(NamedTuple):
    """A daily span on duty, in minutes after the local midnight of the day it starts.

    ``end`` is over 1440 when the span crosses midnight (``20:00-02:00`` is
    1200 to 1560): it belongs to the day it starts.
    """

    start: int
    end: int

    @property
    def text(self) -> str:
        """As written in settings: ``08:30-17:00``, ``20:00-02:00``, ``00:00-24:00``."""

        def clock(minutes: int) -> str:
            if minutes == MINUTES_PER_DAY:
                return "24:00"
            return f"{minutes // 60 % 24:02d}:{minutes % 60:02d}"

        return f"{clock(self.start)}-{clock(self.end)}"

    @property
    def crosses_midnight(self) -> bool:
        return self.end > MINUTES_PER_DAY


def parse_hours(value: str) -> DutyHours:
    """``"08:30-17:00"`` → a :class:`DutyHours`; ``ValueError`` with the reason otherwise.

    An end at or before the start crosses midnight (``20:00-02:00``); ``24:00``
    ends the day (``00:00-24:00`` is the whole day). A span from a time to the
    same time is refused: nothing tells a whole day from no time at all.
    """
    match = _HOURS.fullmatch(value.strip())
    if match is None:
        raise ValueError(
            Message('{value!r} is not a span of hours: write it like "08:30-17:00"', value=value)
        )
    sh, sm, eh, em = (int(part) for part in match.groups())
    if sm > 59 or em > 59 or sh > 23 or eh > 24 or (eh == 24 and em):
        raise ValueError(
            Message("{value!r}: times are 00:00 to 23:59 (24:00 may end a span)", value=value)
        )
    start, end = sh * 60 + sm, eh * 60 + em
    if start == end:
        raise ValueError(
            Message(
                '{value!r} starts and ends at the same time: for the whole day write "00:00-24:00"',
                value=value,
            )
        )
    if end <= start:
        end += MINUTES_PER_DAY  # crosses midnight: it ends on the next day
    return DutyHours(start, end)


def _hours(value: Any) -> Any:
    if isinstance(value, DutyHours):
        return value
    if not isinstance(value, str):
        raise ValueError(Message('hours: write a span of local time as text, like "08:30-17:00"'))
    return parse_hours(value)


ResponseTarget = Annotated[
    timedelta,
    BeforeValidator(_duration),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": r"^\s*(\d{1,4}h(\d{2}(m|min)?)?|\d{1,5}(m|min))\s*$",
            "examples": ["4h", "90m", "1h30"],
        }
    ),
]
_DAY_NAME = (
    r"(?i:mon|tue|wed|thu|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
)
_DAY_PATTERN = rf"^\s*{_DAY_NAME}(\s*-\s*{_DAY_NAME})?\s*$"
Days = Annotated[
    frozenset[int],
    BeforeValidator(parse_days),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": _DAY_PATTERN, "examples": ["mon-fri", "sat"]},
                {
                    "type": "array",
                    "items": {"type": "string", "pattern": _DAY_PATTERN},
                    "minItems": 1,
                    "uniqueItems": True,
                },
            ]
        }
    ),
]
Hours = Annotated[
    DutyHours,
    BeforeValidator(_hours),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": r"^\s*\d{1,2}:\d{2}\s*-\s*\d{1,2}:\d{2}\s*$",
            "examples": ["08:30-17:00", "20:00-02:00"],
        }
    ),
]


class _Dated(BaseModel):
    """A ``from``/``to`` pair of days, both included, ``to`` not before ``from``."""

    model_config = _STRICT

    @field_validator("to", check_fields=False)
    @classmethod
    def _not_before(cls, value: date | None, info: ValidationInfo) -> date | None:
        first = info.data.get("from_")
        if value is not None and first is not None and value < first:
            raise ValueError(Message("to ({to}) is before from ({first})", to=value, first=first))
        return value


class RosterEntry(_Dated):
    """Someone on duty on some days of every week, at some hours (local time)."""

    who: NonEmpty = Field(description="A key of settings.team with the interactions role.")
    days: Days = Field(description="mon-fri, sat, fri-mon (wraps), or a list: [sat, sun].")
    hours: Hours = Field(
        description='Local time, "08:30-17:00"; "20:00-02:00" crosses midnight and '
        "belongs to the day it starts."
    )
    from_: Day | None = Field(
        default=None, alias="from", description="First day this entry applies (included)."
    )
    to: Day | None = Field(default=None, description="Last day this entry applies (included).")

    def applies(self, day: date) -> bool:
        """Whether a span starts on local ``day`` (its weekday and the entry's dates)."""
        return (
            day.weekday() in self.days
            and (self.from_ is None or day >= self.from_)
            and (self.to is None or day <= self.to)
        )


class Absence(_Dated):
    """Whole local days someone is away: their spans starting on those days are off."""

    who: NonEmpty = Field(description="A key of settings.team.")
    from_: Day = Field(alias="from", description="First day away (included).")
    to: Day | None = Field(default=None, description="Last day away (included); default: from.")

    @property
    def last(self) -> date:
        return self.to or self.from_

    def covers(self, day: date) -> bool:
        return self.from_ <= day <= self.last


class Closure(_Dated):
    """Whole local days the organisation is closed (holidays, inventory): nobody works."""

    from_: Day = Field(alias="from", description="First day closed (included).")
    to: Day | None = Field(default=None, description="Last day closed (included); default: from.")
    label: NonEmpty | None = Field(default=None, description="What it is: Noël, Inventaire.")

    @property
    def last(self) -> date:
        return self.to or self.from_

    def covers(self, day: date) -> bool:
        return self.from_ <= day <= self.last


#: A language of the texts written to the community: fr, en, fr-CA.
LANGUAGE_PATTERN = r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$"
Language = Annotated[str, StringConstraints(pattern=LANGUAGE_PATTERN)]
#: A text, or one text per language.
AwayText = NonEmpty | dict[Language, NonEmpty]


class Interactions(BaseModel):
    """``interactions:``: who answers messages, comments and reviews, and how fast."""

    model_config = _STRICT

    response_target: ResponseTarget = Field(
        description="The longest acceptable wait for a first answer, at any hour: 4h, 90m, 1h30."
    )
    roster: list[RosterEntry] = Field(
        description="Who is on duty, on which days of the week, at which local hours."
    )
    absences: list[Absence] = Field(
        default_factory=list, description="Days off: {who, from, to}, days included."
    )
    away: dict[ChannelName, AwayText] = Field(
        default_factory=dict,
        description="The away message of each channel, sent when nobody is on duty: a text, "
        "or one per language ({fr: ..., en: ...}); {next_reply} and facts are filled in.",
    )


#: The keys of the mappings below ``interactions:``, as written (``from``, not ``from_``).
INTERACTIONS_KEYS: dict[str, tuple[str, ...]] = {
    "interactions": tuple(Interactions.model_fields),
    "roster": tuple(f.alias or n for n, f in RosterEntry.model_fields.items()),
    "absences": tuple(f.alias or n for n, f in Absence.model_fields.items()),
}
#: The keys of a ``closed:`` entry, as written.
CLOSURE_KEYS: tuple[str, ...] = tuple(f.alias or n for n, f in Closure.model_fields.items())


# -- limits: how large a file gc-cli reads ------------------------------------------

_SIZE = re.compile(r"(?P<number>\d{1,9}(?:\.\d{1,3})?)\s*(?P<unit>[KMG]i?B|B)", re.IGNORECASE)
#: KB, MB, GB count in powers of 1000 and KiB, MiB, GiB in powers of 1024 (IEC 80000-13).
_UNITS = {"B": 1, "KB": 10**3, "MB": 10**6, "GB": 10**9, "KIB": 2**10, "MIB": 2**20, "GIB": 2**30}
#: The most ``limits:`` may allow: a post file is read whole and every value
#: in it costs memory (about fifty times its bytes); an image is only opened.
MAX_POST_FILE = 256 * MIB
MAX_IMAGE_FILE = 4 * 1024 * MIB


def parse_size(value: str, maximum: int) -> int:
    """``8 MiB``, ``500 KB``, ``1.5 GB`` → bytes; ``ValueError`` with the reason otherwise."""
    match = _SIZE.fullmatch(value.strip())
    if match is None:
        raise ValueError(
            Message(
                "{value!r} is not a size: write a number and its unit, like 8 MiB or 500 KB",
                value=value,
            )
        )
    size = int(float(match["number"]) * _UNITS[match["unit"].upper()])
    if not 0 < size <= maximum:
        raise ValueError(
            Message(
                "{value!r} is outside what gc-cli reads: give more than 0 and at most {most}",
                value=value,
                most=human_size(maximum),
            )
        )
    return size


def _size(maximum: int) -> BeforeValidator:
    def parse(value: Any) -> Any:
        if not isinstance(value, str):
            raise ValueError(Message("write the size as text with its unit: 8 MiB or 500 KB"))
        return parse_size(value, maximum)

    return BeforeValidator(parse)


_SIZE_SCHEMA = WithJsonSchema(
    {
        "type": "string",
        "pattern": r"^\s*\d+(\.\d+)?\s*([KMGkmg][Ii]?[Bb]|[Bb])\s*$",
        "examples": ["8 MiB", "64 MiB", "500 KB"],
    }
)
PostFileSize = Annotated[int, _size(MAX_POST_FILE), _SIZE_SCHEMA]
ImageFileSize = Annotated[int, _size(MAX_IMAGE_FILE), _SIZE_SCHEMA]


class FileLimits(BaseModel):
    """``limits:``: the largest file of each kind gc-cli reads; a larger one is a problem."""

    model_config = _STRICT

    # Written as in the file, so that the JSON Schema shows them so; parsed like a value.
    post_file: PostFileSize = Field(
        default=f"{DEFAULT_YAML_BYTES // MIB} MiB",
        validate_default=True,
        description="Largest post file read (settings.yaml itself is always capped at 8 MiB).",
    )
    image_file: ImageFileSize = Field(
        default=f"{DEFAULT_IMAGE_BYTES // MIB} MiB",
        validate_default=True,
        description="Largest image attachment opened.",
    )

    def caps(self) -> Limits:
        """These limits as :class:`~gc_cli.store.safeio.Limits`."""
        return Limits(yaml_bytes=self.post_file, image_bytes=self.image_file)


#: How a bulk-upload tool reads a date: month first (``mdy``: 12/01/2026 is
#: December 1) or day first (``dmy``: 01/12/2026).
DateOrder = Literal["mdy", "dmy"]


class DateOrders(BaseModel):
    """``date_order:``: how each tool whose upload screen lets you choose reads dates."""

    model_config = _STRICT

    hootsuite: DateOrder | None = Field(
        default=None,
        description="Hootsuite's Bulk Composer: mdy (its default) or dmy, as set when uploading.",
    )
    sprout: DateOrder | None = Field(
        default=None,
        description="Sprout Social: mdy or dmy, as set in its import preferences.",
    )


def _image_base_url(value: Any) -> Any:
    if not isinstance(value, str):
        raise ValueError(Message("write the address as text: https://example.org/calendars/"))
    return base_url(value.strip())


# -- facts: texts written once, used as {name} ---------------------------------------

#: A fact's name: a letter or _, then letters, digits, _ and -.
FACT_PATTERN = r"^[^\W\d][\w-]*$"
FactName = Annotated[str, StringConstraints(pattern=FACT_PATTERN, max_length=100)]
#: Placeholders filled from the roster, not from facts: no fact may take their name.
ROSTER_PLACEHOLDERS: tuple[str, ...] = ("next_reply",)


class Fact(BaseModel):
    """A fact that expires: holiday hours, a seasonal offer."""

    model_config = _STRICT

    text: NonEmpty
    valid_until: Day | None = Field(
        default=None, description="Last day the text is true (included): used after it, a warning."
    )


class Settings(BaseModel):
    """``settings.yaml``: one per calendar root."""

    model_config = _STRICT

    timezone: str = Field(description="IANA name; every local time in the root uses it.")
    channels: dict[ChannelName, dict[str, Any] | None] = Field(
        description="Enabled channels: {} for the built-in profile, or limits to override."
    )
    team: dict[NonEmpty, TeamMember] = Field(default_factory=dict)
    slots: list[Slot] = Field(
        default_factory=list,
        description="Weekly posting times for auto-scheduling, like 'mon 09:00'.",
    )
    rules: Rules = Field(default_factory=Rules)
    interactions: Interactions | None = Field(
        default=None,
        description="Who answers the community, when (gc-cli coverage); absent: not tracked.",
    )
    limits: FileLimits = Field(
        default_factory=FileLimits,
        description="The largest post file and image read: {post_file: 8 MiB, image_file: 64 MiB}.",
    )
    image_base_url: Annotated[str | None, BeforeValidator(_image_base_url)] = Field(
        default=None,
        description=(
            "Where the root's files are served from on the web (https://.../calendars/): "
            "an image's public address is this plus its path, for the bulk-upload files."
        ),
    )
    date_order: DateOrders = Field(
        default_factory=DateOrders,
        description="How Hootsuite and Sprout Social read dates: {hootsuite: mdy, sprout: dmy}.",
    )
    closed: list[Closure] = Field(
        default_factory=list,
        description="Days the whole organisation is closed: {from, to, label}, days included.",
    )
    facts: dict[FactName, NonEmpty | Fact] = Field(
        default_factory=dict,
        description="Texts written once and used as {name} in posts, saved replies and away "
        "messages: a text, or {text, valid_until} for one that expires.",
    )
    language: Language = Field(
        default="en",
        description="The language of the texts written to the community when they do not "
        "say (the words {next_reply} is written in): fr, en.",
    )

    def fact_texts(self) -> dict[str, str]:
        """Each fact's text by name."""
        return {
            name: fact if isinstance(fact, str) else fact.text for name, fact in self.facts.items()
        }

    def closure_on(self, day: date) -> Closure | None:
        """The closure covering local ``day``, if any."""
        return next((c for c in self.closed if c.covers(day)), None)

    @field_validator("facts")
    @classmethod
    def _facts(cls, value: dict[str, str | Fact]) -> dict[str, str | Fact]:
        for name in value:
            if name in ROSTER_PLACEHOLDERS:
                raise ValueError(
                    Message(
                        "{name!r} is filled in from the roster: give the fact another name",
                        name=name,
                    )
                )
        return value

    @field_validator("timezone")
    @classmethod
    def _zone(cls, value: str) -> str:
        timeutil.get_zone(value)
        return value

    @field_validator("channels")
    @classmethod
    def _channels(cls, value: dict[str, dict[str, Any] | None]) -> dict[str, dict[str, Any] | None]:
        if not value:
            # No arguments: the braces are YAML, not fields to fill.
            raise ValueError(
                Message("enable at least one channel (facebook: {}, instagram: {}, ...)")
            )
        return value

    @property
    def zone(self) -> Any:
        return timeutil.get_zone(self.timezone)


def resolve_profile(name: str, overrides: dict[str, Any] | None) -> ChannelProfile:
    """The profile of channel ``name``: built-in figures with ``overrides`` applied.

    Raise ``ValueError`` (pydantic's ``ValidationError``) when a value is wrong or
    a channel that is not built in leaves out a limit.
    """
    overrides = dict(overrides or {})
    builtin = BUILTIN_PROFILES.get(name)
    if builtin is None:
        missing = [f for f in LIMIT_FIELDS if f not in overrides]
        if missing:
            raise ValueError(
                Message(
                    "{name!r} is not a built-in channel ({builtin}), so it must give all its "
                    "limits; missing: {missing}",
                    name=name,
                    builtin=", ".join(sorted(BUILTIN_PROFILES)),
                    missing=", ".join(missing),
                )
            )
        overrides.setdefault("label", name.capitalize())
        return ChannelProfile.model_validate(overrides)
    return ChannelProfile.model_validate({**builtin.model_dump(), **overrides})


POST_KEYS: tuple[str, ...] = tuple(Post.model_fields)
SETTINGS_KEYS: tuple[str, ...] = tuple(Settings.model_fields)
