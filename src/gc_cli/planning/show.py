"""``show``: one post as it will go out on each of its channels, as data.

For each channel: the text that goes out (``channel_text`` or ``text``) and
its length counted the channel's way against its limit, with its hashtags;
for each image: what the file holds, whether it fits each channel, and its
alt text against each channel's limit; then the post's occurrences, its
event, and its problems (those ``check`` finds on it). A post with schema
errors is shown too, from what could be read of it
(:attr:`PostView.unreadable`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from gc_cli import images as imaging
from gc_cli.errors import BadArgument
from gc_cli.i18n import Message
from gc_cli.images import ImageInfo, Misfit
from gc_cli.problems import Problem
from gc_cli.query.counts import Counter, TextCount, alt_length
from gc_cli.query.window import clock, zone_of
from gc_cli.rules.check import check_calendar
from gc_cli.store.calendar import Calendar, Entry
from gc_cli.store.loader import load_calendar, suggest, when_to_text
from gc_cli.store.model import Post, TeamMember

#: Fields a post may hold that the view shows when the model has them, read by
#: name: a field added to the model (an approval) is shown by naming it here.
OPTIONAL_FIELDS: tuple[str, ...] = ("approved_by",)


@dataclass(frozen=True, slots=True)
class ChannelText:
    """What goes out on one channel of the post."""

    channel: str
    #: The channel's display name, or None when settings.yaml does not enable it.
    label: str | None
    text: str | None
    #: Where the text comes from: ``channel_text`` (its own) or ``text``.
    source: str
    count: TextCount | None

    def to_dict(self) -> dict[str, Any]:
        counted = self.count.to_dict() if self.count else {}
        counted.pop("channel", None)
        return {
            "channel": self.channel,
            "enabled": self.label is not None,
            "source": self.source,
            "text": self.text,
            **dict.fromkeys(
                ("length", "limit", "counting", "url_length", "hashtags", "max_hashtags")
            ),
            **counted,
        }


@dataclass(frozen=True, slots=True)
class ImageFit:
    """How one image of the post fits one of its channels."""

    channel: str
    #: Why it cannot go out there (empty: it fits).
    misfits: list[Misfit]
    #: The longest alt text the channel takes (None: no limit).
    alt_limit: int | None

    def alt_over(self, length: int | None) -> bool:
        return length is not None and self.alt_limit is not None and length > self.alt_limit


@dataclass(frozen=True, slots=True)
class ImageView:
    """An image of the post: the file as read (None: not opened), its alt text, its fits."""

    path: str
    alt: str | None
    info: ImageInfo | None
    fits: list[ImageFit]

    @property
    def alt_length(self) -> int | None:
        """The alt text's length as ``alt-text-too-long`` counts it (None: no alt text)."""
        alt = self.alt or ""
        return alt_length(alt) if alt.strip() else None

    def to_dict(self) -> dict[str, Any]:
        info = self.info
        return {
            "path": self.path,
            "alt": self.alt,
            "alt_length": self.alt_length,
            "status": None if info is None else info.code or "ok",
            "message": None if info is None or info.readable else info.describe(self.path),
            "format": None if info is None else info.format,
            "width": None if info is None else info.width,
            "height": None if info is None else info.height,
            "bytes": None if info is None else info.size,
            "channels": {
                fit.channel: {
                    "ok": not fit.misfits,
                    "problems": [{"code": m.code, "message": m.message} for m in fit.misfits],
                    "alt_limit": fit.alt_limit,
                    "alt_ok": not fit.alt_over(self.alt_length),
                }
                for fit in self.fits
            },
        }


@dataclass(frozen=True)
class PostView:
    """One post as it will go out, and what ``check`` says of it."""

    post: Post
    file: str
    line: int
    #: When it goes out: the occurrence asked for, else the post's own time (the first
    #: occurrence of a recurring post); None when not scheduled.
    when: datetime | date | None
    #: The occurrence asked for (``ID@DATE``), else None.
    occurrence: date | None
    #: Every time a recurring post goes out (empty for a single post).
    occurrences: list[datetime | date]
    owner: TeamMember | None
    channels: list[ChannelText]
    images: list[ImageView]
    #: Whether the image files were read (``--no-images``: they were not).
    images_read: bool
    event: tuple[datetime | date, datetime | date | None] | None
    problems: list[Problem]
    zone: str
    #: Fields that could not be read (schema errors): shown as written, not judged.
    unreadable: frozenset[str] = frozenset()
    #: The values of :data:`OPTIONAL_FIELDS` the model has, by name.
    extra: Mapping[str, Any] = field(default_factory=dict)

    @property
    def errors(self) -> int:
        return sum(1 for p in self.problems if p.is_error)

    @property
    def rank(self) -> tuple[int, int] | None:
        """For an occurrence asked for: its rank (from 1) and the number of occurrences."""
        if self.occurrence is None or not self.occurrences:
            return None
        days = [_day(when) for when in self.occurrences]
        return days.index(self.occurrence) + 1, len(days)

    def to_dict(self) -> dict[str, Any]:
        """The object of ``show --format json`` (docs/json.md)."""
        post = self.post
        event = None
        if self.event is not None:
            starts, ends = self.event
            event = {
                "starts": when_to_text(starts),
                "ends": when_to_text(ends),
                "place": post.event.place if post.event else None,
            }
        return {
            "id": post.id,
            "title": post.title,
            "kind": post.kind,
            "status": post.status,
            "owner": post.owner,
            "owner_name": self.owner.name if self.owner else None,
            **{name: _json_value(value) for name, value in self.extra.items()},
            "campaign": post.campaign,
            "tags": list(post.tags),
            "link": post.link,
            "publish_at": when_to_text(self.when),
            "occurrence": self.occurrence.isoformat() if self.occurrence else None,
            "occurrences": [when_to_text(when) for when in self.occurrences],
            "event": event,
            "channels": [channel.to_dict() for channel in self.channels],
            "images": [image.to_dict() for image in self.images],
            "unreadable": sorted(self.unreadable),
            "file": self.file,
            "line": self.line,
            "problems": [p.to_dict() for p in self.problems],
        }


def _json_value(value: Any) -> Any:
    dump = getattr(value, "model_dump", None)
    return dump(mode="json") if callable(dump) else value


def _day(when: datetime | date) -> date:
    return when.date() if isinstance(when, datetime) else when


def find_entry(calendar: Calendar, post_id: str) -> Entry:
    """The post ``post_id`` (one with schema errors too); :class:`BadArgument` naming the
    closest id when there is none."""
    for entry in (*calendar.entries, *calendar.partial):
        if entry.id == post_id:
            return entry
    known = [entry.id for entry in (*calendar.entries, *calendar.partial)]
    raise BadArgument(
        "post_id",
        Message("no post {id!r}{hint}", id=post_id, hint=suggest(post_id, known)),
    )


def _moment(entry: Entry, occurrence: date | None) -> tuple[datetime | date | None, list[Any]]:
    """When the post goes out (the occurrence asked for), and all its occurrences."""
    moments = [when for when, _ in entry.moments()] if entry.post.repeat else []
    if occurrence is None:
        return (moments[0] if moments else entry.when), moments
    chosen = next((when for when in moments if _day(when) == occurrence), None)
    if chosen is None and not entry.post.repeat and entry.when is not None:
        chosen = entry.when if _day(entry.when) == occurrence else None
    if chosen is not None:
        return chosen, moments
    days = [_day(when) for when in moments] or ([_day(entry.when)] if entry.when else [])
    if not days:
        raise BadArgument(
            "occurrence",
            Message("{id} has no date, so no occurrence on {day}", id=entry.id, day=occurrence),
        )
    later = [day for day in days if day > occurrence]
    earlier = [day for day in days if day < occurrence]
    near = ", ".join(str(day) for day in (earlier[-1:] + later[:1]))
    raise BadArgument(
        "occurrence",
        Message(
            "{id} does not go out on {day} (the nearest: {near})",
            id=entry.id,
            day=occurrence,
            near=near,
        ),
    )


def post_view(
    calendar: Calendar,
    post_id: str,
    occurrence: date | None = None,
    *,
    now: datetime | None = None,
    images: bool = True,
) -> PostView:
    """Post ``post_id`` of ``calendar`` as it will go out (the occurrence of the local day
    ``occurrence`` for a recurring post), with its problems at ``now``.

    :class:`BadArgument` (``post_id``) for an unknown id, (``occurrence``) for a day
    the post does not go out on. ``images=False`` leaves the files unopened.
    """
    zone = zone_of(calendar)
    moment = clock(calendar, now)
    entry = find_entry(calendar, post_id)
    post = entry.post
    when, occurrences = _moment(entry, occurrence)
    counter = Counter()
    channels = [
        ChannelText(
            channel,
            calendar.profiles[channel].label if channel in calendar.profiles else None,
            post.text_for(channel),
            "channel_text" if channel in post.channel_text else "text",
            counter.count(post, channel, calendar.profiles[channel])
            if channel in calendar.profiles
            else None,
        )
        for channel in post.channels
    ]
    reader = imaging.ImageReader(calendar.root, calendar.limits.image_bytes) if images else None
    enabled = [(c, calendar.profiles[c]) for c in post.channels if c in calendar.profiles]
    views = []
    for image in post.images:
        info = reader.read(image.path) if reader is not None else None
        fits = [
            ImageFit(
                channel,
                imaging.fit(info, profile, image.path) if info is not None else [],
                profile.max_alt_text,
            )
            for channel, profile in enabled
        ]
        views.append(ImageView(image.path, image.alt, info, fits))
    result = check_calendar(calendar, moment, images=images)
    problems = [p for p in result.problems if p.post == post.id and p.file == entry.source.file]
    team = calendar.settings.team if calendar.settings else {}
    event = None if entry.event_start is None else (entry.event_start, entry.event_end)
    extra = {
        name: getattr(post, name) for name in OPTIONAL_FIELDS if name in type(post).model_fields
    }
    return PostView(
        post=post,
        file=entry.source.file,
        line=entry.source.id_pos[0],
        when=when,
        occurrence=occurrence if post.repeat else None,
        occurrences=occurrences,
        owner=team.get(post.owner) if post.owner else None,
        channels=channels,
        images=views,
        images_read=images,
        event=event,
        problems=problems,
        zone=zone.key,
        unreadable=frozenset(name for name in entry.broken if name in type(post).model_fields),
        extra=extra,
    )


def run_show(
    root: Path,
    post_id: str,
    occurrence: date | None = None,
    *,
    now: datetime | None = None,
    images: bool = True,
    cwd: Path | None = None,
) -> PostView:
    """Load ``root`` and show post ``post_id``: :func:`post_view`."""
    calendar = load_calendar(root, cwd)
    return post_view(calendar, post_id, occurrence, now=now, images=images)


__all__ = ["ChannelText", "ImageFit", "ImageView", "PostView", "post_view", "run_show"]
