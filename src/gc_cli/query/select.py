"""The publications of a calendar, as data: each post or occurrence in a window, filtered.

An *item* is one publication: a post, or one occurrence of a recurring post
(identified by the post id and the occurrence's local date). :func:`select`
returns them in date order; the renderers of :mod:`gc_cli.render` and the
exporters turn them into text. Nothing prints, nothing exits.

Error messages (:class:`~gc_cli.errors.BadArgument`) and :func:`loading_note`
are only ever shown to a person, on stderr; the data returned is the same in
every language.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, TextIO
from zoneinfo import ZoneInfo

from gc_cli.errors import BadArgument
from gc_cli.i18n import N_, Message, _, ngettext
from gc_cli.query.window import Bound, Window, window, zone_of
from gc_cli.store.calendar import Calendar, Entry
from gc_cli.store.loader import load_calendar, suggest, when_to_text
from gc_cli.store.model import KINDS, STATUSES, Image, OccurrenceState, Post
from gc_cli.timeutil import to_aware
from gc_cli.visible import json_encoder

#: One value or several for a filter (several: any of them matches).
Choice = str | Collection[str] | None


def load(root: Path, cwd: Path | None = None) -> Calendar:
    """Load ``root`` for reading; :class:`~gc_cli.errors.CalendarUnusable` (exit 1) when its
    settings are broken, since no post's time can be read then.

    Posts that could not be read are simply absent; :func:`loading_note` says so.
    """
    calendar = load_calendar(root, cwd)
    zone_of(calendar)
    return calendar


def loading_note(calendar: Calendar) -> str | None:
    """One line saying what the views leave out because it could not be read, or None.

    A view of a calendar with reading errors is incomplete: the commands print
    this on stderr and exit 1, so that a script never takes a partial list
    for the whole plan.
    """
    errors = sum(1 for p in calendar.problems if p.severity == "error")
    unreadable = calendar.post_count - len(calendar.entries)
    bad_rules = sorted(e.id for e in calendar.entries if e.repeat_error and e.when is not None)
    if not errors and not bad_rules:
        return None
    parts: list[str] = []
    if unreadable:
        parts.append(
            ngettext(
                "{n} post could not be read", "{n} posts could not be read", unreadable
            ).format(n=unreadable)
        )
    if bad_rules:
        parts.append(_("bad repeat rule in {ids}").format(ids=", ".join(bad_rules)))
    left_out = unreadable + len(bad_rules)
    if not left_out:
        # A file that is not YAML at all counts no post; a key written twice
        # costs none: either way the view may be wrong, so say it.
        return _(
            "the calendar has errors; anything that could not be read is left out "
            "(gc-cli check shows where)"
        )
    # Both causes: one clause after the other, with the language's semicolon.
    what = (
        parts[0]
        if len(parts) == 1
        else _("{first}; {second}").format(first=parts[0], second=parts[1])
    )
    return ngettext(
        "the calendar has errors: {what}; {n} post left out (gc-cli check shows where)",
        "the calendar has errors: {what}; {n} posts left out (gc-cli check shows where)",
        left_out,
    ).format(what=what, n=left_out)


@dataclass(frozen=True, slots=True)
class Item:
    """One publication: a post, or one occurrence of a recurring post.

    The fields of docs/json.md are properties of the post; ``when`` is the
    occurrence's time (aware, in the root's zone), its date for a date-only
    post, or None when it is not scheduled.
    """

    post: Post
    when: datetime | date | None
    #: The occurrence's local date for a recurring post; None for a single post.
    occurrence: date | None
    file: str
    line: int
    #: For an occurrence: its rank (from 1) and the number of occurrences.
    series: tuple[int, int] | None = None
    #: What the occurrence has of its own (``occurrences:`` of the post): its status.
    own: OccurrenceState | None = None

    @property
    def id(self) -> str:
        return self.post.id

    @property
    def scheduled_on(self) -> list[str]:
        """The channels it was handed over on so far (``scheduled_on``)."""
        return self.own.scheduled_on if self.own is not None else self.post.scheduled_on

    @property
    def kind(self) -> str:
        return self.post.kind

    @property
    def title(self) -> str:
        return self.post.title

    @property
    def channels(self) -> list[str]:
        return self.post.channels

    @property
    def status(self) -> str:
        """The occurrence's own status, else the post's."""
        return self.own.status if self.own is not None else self.post.status

    @property
    def owner(self) -> str | None:
        return self.post.owner

    @property
    def campaign(self) -> str | None:
        return self.post.campaign

    @property
    def tags(self) -> list[str]:
        return self.post.tags

    @property
    def text(self) -> str | None:
        return self.post.text

    @property
    def link(self) -> str | None:
        return self.post.link

    @property
    def images(self) -> list[Image]:
        return self.post.images

    @property
    def timed(self) -> bool:
        return isinstance(self.when, datetime)

    @property
    def day(self) -> date | None:
        """The local day it goes out, or None when not scheduled."""
        return self.when.date() if isinstance(self.when, datetime) else self.when

    @property
    def publish_at(self) -> str | None:
        """The time as JSON shows it: ISO 8601 with offset, a date, or None."""
        return when_to_text(self.when)

    def moment(self, zone: ZoneInfo) -> datetime | None:
        """The instant it goes out (a date-only item: its local midnight)."""
        return None if self.when is None else to_aware(self.when, zone)

    def to_dict(self) -> dict[str, Any]:
        """The object of docs/json.md, keys in the order given there."""
        post = self.post
        return {
            "id": post.id,
            "occurrence": self.occurrence.isoformat() if self.occurrence else None,
            "publish_at": when_to_text(self.when),
            "kind": post.kind,
            "title": post.title,
            "channels": list(post.channels),
            "status": self.status,
            "owner": post.owner,
            "campaign": post.campaign,
            "tags": list(post.tags),
            "text": post.text,
            "link": post.link,
            "images": [{"path": i.path, "alt": i.alt} for i in post.images],
            "file": self.file,
            "line": self.line,
        }


#: The JSON keys of an item, in order (the CSV header adds image_alts after images).
ITEM_FIELDS: tuple[str, ...] = (
    "id",
    "occurrence",
    "publish_at",
    "kind",
    "title",
    "channels",
    "status",
    "owner",
    "campaign",
    "tags",
    "text",
    "link",
    "images",
    "file",
    "line",
)


def _choices(value: Choice) -> frozenset[str]:
    if value is None:
        return frozenset()
    if isinstance(value, str):
        return frozenset((value,))
    return frozenset(value)


def _validate(
    parameter: str, wanted: frozenset[str], known: Callable[[], Iterable[str]], message: str
) -> None:
    """:class:`BadArgument` naming a filter value that can match nothing, with a hint.

    ``known`` is called only when a value was given: it may scan every post.
    ``message`` is the sentence (marked with ``N_``: one per filter, as the
    word for what is filtered takes a gender in other languages).
    """
    if not wanted:
        return
    names = sorted(set(known()))
    for value in sorted(wanted):
        if value not in names:
            listed = ", ".join(names) if names else Message("none")
            raise BadArgument(
                parameter,
                Message(message, value=value, hint=suggest(value, names), known=listed),
            )


def _used(calendar: Calendar, attribute: str) -> set[str]:
    found: set[str] = set()
    for entry in calendar.entries:
        value = getattr(entry.post, attribute)
        if isinstance(value, list):
            found.update(value)
        elif value is not None:
            found.add(value)
    return found


def select(
    calendar: Calendar,
    *,
    start: Bound = None,
    end: Bound = None,
    channel: Choice = None,
    kind: Choice = None,
    status: Choice = None,
    owner: Choice = None,
    campaign: Choice = None,
    unscheduled: bool = False,
) -> list[Item]:
    """The publications of ``calendar`` that pass every filter, in date order.

    Order: by local day; on a day, date-only posts first, then timed ones by
    instant; unscheduled posts last; ties keep the order of the files. A
    recurring post gives one item per occurrence inside the window.

    ``start``/``end`` (a date: that whole local day; a time: naive is local;
    see :func:`~gc_cli.query.window.window`) narrow the window, which leaves
    unscheduled posts out. A filter given several values keeps a post matching
    any of them; different filters must all match. ``unscheduled`` keeps only
    the posts without a date (it cannot be combined with a window). Values
    that can match nothing (a channel not enabled, an owner not in the team)
    are a :class:`BadArgument` naming the closest valid one.
    """
    span = window(zone_of(calendar), start, end)
    if unscheduled and span.bounded:
        raise BadArgument(
            "unscheduled",
            Message("lists the posts without a date, so a window does not apply"),
        )
    channels, kinds, statuses = _choices(channel), _choices(kind), _choices(status)
    owners, campaigns = _choices(owner), _choices(campaign)
    settings = calendar.settings
    assert settings is not None  # window() has checked the calendar is usable
    _validate(
        "channel",
        channels,
        lambda: set(settings.channels) | _used(calendar, "channels"),
        N_("no channel {value!r}{hint}; known: {known}"),
    )
    _validate("kind", kinds, lambda: KINDS, N_("no kind {value!r}{hint}; known: {known}"))
    _validate(
        "status",
        statuses,
        lambda: STATUSES,
        N_("no status {value!r}{hint}; known: {known}"),
    )
    _validate(
        "owner",
        owners,
        lambda: set(settings.team) | _used(calendar, "owner"),
        N_("no owner {value!r}{hint}; known: {known}"),
    )
    _validate(
        "campaign",
        campaigns,
        lambda: _used(calendar, "campaign"),
        N_("no campaign {value!r}{hint}; known: {known}"),
    )

    keyed: list[tuple[tuple[int, int, int, float, int, int], Item]] = []
    for index, entry in enumerate(calendar.entries):
        post = entry.post
        if (
            (channels and channels.isdisjoint(post.channels))
            or (kinds and post.kind not in kinds)
            or (owners and post.owner not in owners)
            or (campaigns and post.campaign not in campaigns)
        ):
            continue
        if entry.when is None:
            if not span.bounded and (not statuses or post.status in statuses):
                keyed.append(((1, 0, 0, 0.0, index, 0), _item(entry, None, None)))
            continue
        if unscheduled:
            continue
        # An occurrence may have a status of its own: the filter looks at each one.
        keyed.extend(
            pair
            for pair in _dated(entry, index, span)
            if not statuses or pair[1].status in statuses
        )
    # Keys are unique (entry index, occurrence rank), so items are never compared.
    keyed.sort(key=lambda pair: pair[0])
    return [item for _, item in keyed]


def _item(
    entry: Entry,
    when: datetime | date | None,
    occurrence: date | None,
    series: tuple[int, int] | None = None,
) -> Item:
    source = entry.source
    own = entry.state(occurrence)
    return Item(entry.post, when, occurrence, source.file, source.id_pos[0], series, own)


def _dated(
    entry: Entry, index: int, span: Window
) -> Iterable[tuple[tuple[int, int, int, float, int, int], Item]]:
    """The keyed items of a dated post inside ``span``: itself, or its occurrences."""
    if entry.post.repeat:
        if entry.when is None or not entry.occurrences:
            return  # a bad rule: left out, and loading_note() says so
        total = len(entry.occurrences)
        for rank, (when, local) in enumerate(entry.moments(), start=1):
            if span.holds(when):
                yield _key(when, index, rank), _item(entry, when, local, (rank, total))
        return
    assert entry.when is not None
    if span.holds(entry.when):
        yield _key(entry.when, index, 0), _item(entry, entry.when, None)


def _key(when: datetime | date, index: int, rank: int) -> tuple[int, int, int, float, int, int]:
    # The local day first, so a date-only post sorts before that day's timed
    # ones; then the instant (timestamp, not wall time: a fold repeats an hour).
    if isinstance(when, datetime):
        return (0, when.date().toordinal(), 1, when.timestamp(), index, rank)
    return (0, when.toordinal(), 0, 0.0, index, rank)


def write_json(items: Sequence[Item], stream: TextIO) -> None:
    """The items as a JSON array, one :meth:`Item.to_dict` object a line (grep-able, and fast
    to write): ``list --format json`` and ``export --format json`` write this."""
    if not items:
        stream.write("[]\n")
        return
    dumps = json_encoder(stream)
    stream.write("[\n")
    stream.write(",\n".join("  " + dumps(item.to_dict()) for item in items))
    stream.write("\n]\n")
