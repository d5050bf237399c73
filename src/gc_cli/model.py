"""Pydantic models of the calendar files: ``settings.yaml`` and post files.

The models validate shapes and values that need no other file. Everything
that relates several values (an owner that must be in the team, a channel that
must be enabled, times in the root's zone) is a rule in :mod:`gc_cli.rules`.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Annotated, Any, Literal, get_args
from urllib.parse import urlsplit

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

from gc_cli import timeutil
from gc_cli.profile import LIMIT_FIELDS, ChannelProfile

Kind = Literal["article", "product", "facility", "team", "video", "other"]
Status = Literal["idea", "draft", "ready", "scheduled", "published", "cancelled"]
Role = Literal["content", "interactions"]
AltTextLevel = Literal["error", "warning", "off"]

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


def _when(value: Any) -> Any:
    if value is None or isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise ValueError("publish_at must be written as text: 2026-12-01 09:00")
    return timeutil.parse_when(value)


#: A post's time: a date alone, a naive local time, or an aware time.
When = Annotated[date | datetime | None, BeforeValidator(_when)]


def _link(value: Any) -> Any:
    if isinstance(value, str):
        parts = urlsplit(value.strip())
        if parts.scheme not in ("http", "https") or not parts.netloc or " " in value.strip():
            raise ValueError("a link must be an absolute http(s):// address")
    return value


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

    @field_validator("channels")
    @classmethod
    def _unique_channels(cls, value: list[str]) -> list[str]:
        seen: set[str] = set()
        for name in value:
            if name in seen:
                raise ValueError(f"channel {name!r} is listed twice")
            seen.add(name)
        return value


class Post(PostFields):
    """One planned post."""

    id: PostId = Field(description="Unique in the whole root: [a-z0-9][a-z0-9-]*.")
    title: NonEmpty = Field(description="Internal title.")

    def text_for(self, channel: str) -> str | None:
        """The text published on ``channel``: its replacement, else the main text."""
        return self.channel_text.get(channel, self.text)


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

    min_gap_minutes: int = Field(default=60, ge=0)
    max_posts_per_day: int | None = Field(default=None, ge=1)
    ready_before_hours: int = Field(default=48, ge=0)
    alt_text: AltTextLevel = "warning"
    duplicate_window_days: int = Field(default=30, ge=0)


class Slot(BaseModel):
    """A weekly posting time, parsed from ``"mon 09:00"``."""

    model_config = ConfigDict(frozen=True)

    weekday: int
    at: time

    @model_validator(mode="before")
    @classmethod
    def _parse(cls, value: Any) -> Any:
        if isinstance(value, str):
            weekday, at = timeutil.parse_slot(value)
            return {"weekday": weekday, "at": at}
        if isinstance(value, dict):
            return value
        raise ValueError("a slot is text like 'mon 09:00'")


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

    @field_validator("timezone")
    @classmethod
    def _zone(cls, value: str) -> str:
        timeutil.get_zone(value)
        return value

    @field_validator("channels")
    @classmethod
    def _channels(cls, value: dict[str, dict[str, Any] | None]) -> dict[str, dict[str, Any] | None]:
        if not value:
            raise ValueError("enable at least one channel (facebook: {}, instagram: {}, ...)")
        return value

    @property
    def zone(self) -> Any:
        return timeutil.get_zone(self.timezone)


def resolve_profile(name: str, overrides: dict[str, Any] | None) -> ChannelProfile:
    """The profile of channel ``name``: built-in figures with ``overrides`` applied.

    Raise ``ValueError`` (pydantic's ``ValidationError``) when a value is wrong or
    a channel that is not built in leaves out a limit.
    """
    from gc_cli.channels import BUILTIN_PROFILES

    overrides = dict(overrides or {})
    builtin = BUILTIN_PROFILES.get(name)
    if builtin is None:
        missing = [f for f in LIMIT_FIELDS if f not in overrides]
        if missing:
            raise ValueError(
                f"{name!r} is not a built-in channel ({', '.join(sorted(BUILTIN_PROFILES))}), "
                f"so it must give all its limits; missing: {', '.join(missing)}"
            )
        overrides.setdefault("label", name.capitalize())
        return ChannelProfile.model_validate(overrides)
    return ChannelProfile.model_validate({**builtin.model_dump(), **overrides})


POST_KEYS: tuple[str, ...] = tuple(Post.model_fields)
SETTINGS_KEYS: tuple[str, ...] = tuple(Settings.model_fields)
