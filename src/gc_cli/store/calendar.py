"""The model of a loaded calendar root, shared by every command.

A :class:`Calendar` holds the settings, every valid post as an :class:`Entry`
(the post, where each of its values was written, and its times resolved in the
root's zone), and the problems met while loading.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from gc_cli.problems import Problem, Rule, Severity
from gc_cli.store.model import COMMITTED, OccurrenceState, Post, Settings
from gc_cli.store.profile import ChannelProfile
from gc_cli.store.replies import ReplyEntry
from gc_cli.store.safeio import Limits
from gc_cli.store.yamlsafe import Pos, YMap, YSeq
from gc_cli.timeutil import Occurrence, OccurrenceIssue, WallTime


def locate(node: Any, path: tuple[Any, ...], *, key: bool = False) -> Pos | None:
    """Where the value at ``path`` below ``node`` was written (its key if ``key``).

    Returns the position of the deepest part of the path that exists, or
    ``None`` when not even the first step does.
    """
    found: Pos | None = None
    for i, step in enumerate(path):
        last = i == len(path) - 1
        if isinstance(node, YMap) and step in node:
            found = node.keys_pos[step] if (last and key) else node.values_pos[step]
            node = node[step]
        elif isinstance(node, YSeq) and isinstance(step, int) and 0 <= step < len(node):
            found = node.items_pos[step]
            node = node[step]
        else:
            break
    return found


@dataclass(frozen=True, slots=True)
class Source:
    """Where a post was written: its file, its mapping, and its file's defaults."""

    file: str  # as displayed: relative to the working directory when below it
    path: Path
    mapping: YMap
    defaults: YMap | None
    index: int  # position in the file's list of posts

    @property
    def id_pos(self) -> Pos:
        """The post's ``id:`` line, which stands for the whole post."""
        return self.mapping.keys_pos.get("id", self.mapping.pos)

    def pos(self, *path: Any, key: bool = False) -> Pos:
        """Where the value at ``path`` was written, in the post or else its defaults."""
        found = locate(self.mapping, path, key=key)
        if found is None and self.defaults is not None:
            found = locate(self.defaults, path, key=key)
        return found or self.id_pos


@dataclass(slots=True)
class Entry:
    """A valid post, where it was written, and its times in the root's zone."""

    post: Post
    source: Source
    #: ``publish_at`` resolved: an aware time in the root's zone, a date, or None.
    when: datetime | date | None = None
    wall: WallTime = WallTime.OK
    #: For a recurring post: every occurrence, skips and moves applied, in the order
    #: they go out (empty when the rule is bad).
    occurrences: list[Occurrence] = field(default_factory=list)
    repeat_error: str | None = None
    #: For a post of kind event: when the event starts and ends, resolved like
    #: ``when`` (an aware time in the root's zone, or a date for whole days).
    event_start: datetime | date | None = None
    event_end: datetime | date | None = None
    #: The fields of a post that could not be read (schema errors): such an entry
    #: is in :attr:`Calendar.partial`, judged only by the rules that need none of them.
    broken: frozenset[str] = frozenset()
    #: Dates of skip, moved or occurrences that name no occurrence (bad-occurrence).
    occurrence_issues: list[OccurrenceIssue] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.post.id

    @property
    def timed(self) -> bool:
        return isinstance(self.when, datetime)

    def moments(self) -> Iterator[tuple[datetime | date, date | None]]:
        """Each time the post goes out, with the date naming the occurrence (None if
        single): skipped occurrences left out, moved ones at their new time."""
        if self.when is None:
            return
        if self.post.repeat:
            for occ in self.occurrences:
                yield (occ.at if self.timed else occ.local.date()), occ.day
        else:
            yield self.when, None

    def state(self, occurrence: date | None = None) -> OccurrenceState | None:
        """What ``occurrence`` (a date naming it) has of its own in ``occurrences:``."""
        if occurrence is None:
            return None
        return self.post.occurrences.get(occurrence)

    def status(self, occurrence: date | None = None) -> str:
        """The status of the post, or of one occurrence: its own, else the post's."""
        own = self.state(occurrence)
        return own.status if own is not None else self.post.status

    def published_url(self, occurrence: date | None = None) -> str | dict[str, str] | None:
        """Where the post (or one occurrence) lives, once published."""
        if occurrence is None:
            return self.post.published_url
        own = self.state(occurrence)
        return own.published_url if own is not None else None

    def problem(
        self,
        rule: Rule,
        message: str,
        *path: Any,
        key: bool = False,
        channel: str | None = None,
        severity: Severity | None = None,
        occurrence: date | None = None,
    ) -> Problem:
        """A problem of ``rule`` about this post, at ``path`` (its ``id:`` line when empty).

        Its severity is the rule's for this post's status, or ``severity`` when a
        setting chose it (:meth:`Rule.severity_for`). ``occurrence``: the local
        date of the occurrence of a recurring post the problem is about.
        """
        line, column = self.source.pos(*path, key=key) if path else self.source.id_pos
        return rule.at(
            self.source.file,
            line,
            column,
            message,
            post=self.post.id,
            channel=channel,
            severity=rule.severity_for(ready=self.post.status in COMMITTED, configured=severity),
            occurrence=occurrence,
        )


@dataclass
class Calendar:
    """A calendar root as loaded: settings, valid posts, and loading problems."""

    root: Path
    settings_file: str
    settings: Settings | None = None
    settings_map: YMap | None = None
    zone: ZoneInfo | None = None
    profiles: dict[str, ChannelProfile] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)
    #: Posts with schema errors, their broken fields left out (:attr:`Entry.broken`):
    #: no view shows them, and ``check`` judges them by the rules that need none of those.
    partial: list[Entry] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    post_count: int = 0
    #: How many posts each post file holds (read or not), by display path.
    file_posts: dict[str, int] = field(default_factory=dict)
    #: The caps on what one file may hold (``limits:`` of the settings, else the defaults).
    limits: Limits = field(default_factory=Limits)
    #: The saved replies of ``replies/``, and the files they were read from.
    replies: list[ReplyEntry] = field(default_factory=list)
    reply_files: list[str] = field(default_factory=list)

    @property
    def usable(self) -> bool:
        """Whether the settings are valid, so the rules that need them can run."""
        return self.settings is not None and self.zone is not None

    def by_id(self) -> dict[str, Entry]:
        """Entries by id (the first one when an id is duplicated)."""
        found: dict[str, Entry] = {}
        for entry in self.entries:
            found.setdefault(entry.id, entry)
        return found
