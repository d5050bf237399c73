"""How posts sit next to each other on one channel: gaps, daily volume, repeats."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, tzinfo

from gc_cli.i18n import N_, Message
from gc_cli.problems import Example, Problem, Rule, Severity
from gc_cli.rules.context import Context
from gc_cli.store.calendar import Entry
from gc_cli.store.textcount import normalize
from gc_cli.timeutil import to_aware

TOO_CLOSE = Rule(
    "too-close",
    Severity.warning,
    N_(
        "Two posts on one channel closer than settings.rules.min_gap_minutes (60 by "
        "default); reported at the later one. Checked for every occurrence."
    ),
    Example(
        "posts:\n"
        "  - id: pain-noix\n"
        "    title: Le pain aux noix\n"
        "    channels: [facebook]\n"
        "    publish_at: 2026-12-01 09:00\n"
        "    text: Le pain aux noix sort du four.\n"
        "  - id: chocolatines\n"
        "    title: Les chocolatines\n"
        "    channels: [facebook]\n"
        "    publish_at: 2026-12-01 09:30\n"
        "    text: Les chocolatines sont prêtes.\n",
        line=10,
    ),
)
TOO_MANY_PER_DAY = Rule(
    "too-many-per-day",
    Severity.warning,
    N_("More posts on a channel in one local day than settings.rules.max_posts_per_day."),
    Example(
        "posts:\n"
        "  - id: pain-noix\n"
        "    title: Le pain aux noix\n"
        "    channels: [facebook]\n"
        "    publish_at: 2026-12-01 09:00\n"
        "    text: Le pain aux noix sort du four.\n"
        "  - id: chocolatines\n"
        "    title: Les chocolatines\n"
        "    channels: [facebook]\n"
        "    publish_at: 2026-12-01 15:00\n"
        "    text: Les chocolatines sont prêtes.\n",
        settings="rules:\n  max_posts_per_day: 1\n",
        line=10,
    ),
)
DUPLICATE_TEXT = Rule(
    "duplicate-text",
    Severity.warning,
    N_(
        "The same text (after NFC and whitespace folding) on one channel twice within "
        "settings.rules.duplicate_window_days (30 by default): networks and publishing "
        "tools reject or penalise repeats. Occurrences of one recurring post don't count."
    ),
    Example(
        "posts:\n"
        "  - id: fetes-1\n"
        "    title: Les fêtes, premier rappel\n"
        "    channels: [x]\n"
        "    publish_at: 2026-12-20 09:00\n"
        "    text: Joyeuses fêtes !\n"
        "  - id: fetes-2\n"
        "    title: Les fêtes, second rappel\n"
        "    channels: [x]\n"
        "    publish_at: 2026-12-24 09:00\n"
        "    text: Joyeuses  fêtes !\n",
        line=11,
    ),
)
RULES = (TOO_CLOSE, TOO_MANY_PER_DAY, DUPLICATE_TEXT)

#: A moment on a channel: when (a date alone stands at its local midnight),
#: the post, the occurrence's date for a recurring post, and whether a time is set.
Slot = tuple[datetime, Entry, date | None, bool]


def _timeline(ctx: Context) -> dict[str, list[Slot]]:
    """Per channel, every moment of every live post with a date, in time order."""
    zone = ctx.calendar.zone
    assert zone is not None
    lines: dict[str, list[Slot]] = defaultdict(list)
    for entry in ctx.calendar.entries:
        if entry.post.status == "cancelled" or entry.when is None:
            continue
        timed = entry.timed
        for moment, occurrence in entry.moments():
            at = moment if isinstance(moment, datetime) else to_aware(moment, zone)
            # In UTC: aware datetimes sharing one zone object compare and
            # subtract by wall time, an hour off across a DST change.
            at = at.astimezone(UTC)
            for channel in entry.post.channels:
                lines[channel].append((at, entry, occurrence, timed))
    # Equal times keep load order (file, then position), as list.sort is stable.
    for slots in lines.values():
        slots.sort(key=_first)
    return lines


def _first(slot: Slot) -> datetime:
    return slot[0]


def check(ctx: Context) -> Iterator[Problem]:
    rules = ctx.calendar.settings.rules  # type: ignore[union-attr]
    timeline = _timeline(ctx)
    gap = timedelta(minutes=rules.min_gap_minutes)
    window = timedelta(days=rules.duplicate_window_days)
    keys: dict[str, str] = {}
    zone = ctx.calendar.zone
    assert zone is not None
    for channel, slots in sorted(timeline.items()):
        label = (
            ctx.calendar.profiles[channel].label if channel in ctx.calendar.profiles else channel
        )
        previous: Slot | None = None
        for slot in slots:
            if not slot[3]:  # a date alone has no time to be close to
                continue
            if previous is not None and slot[0] - previous[0] < gap:
                other = previous[1]
                facts = {
                    "minutes": int((slot[0] - previous[0]).total_seconds() // 60),
                    "post": other.id,
                    "label": label,
                    "file": other.source.file,
                    "line": other.source.id_pos[0],
                    "gap": rules.min_gap_minutes,
                }
                # A sentence each with and without the occurrence, so that
                # translations place it where their language wants it.
                message = (
                    Message(
                        "{minutes} min after {post!r} (occurrence of {occurrence}) on {label} "
                        "({file}:{line}); keep {gap} min between posts",
                        occurrence=previous[2],
                        **facts,
                    )
                    if previous[2]
                    else Message(
                        "{minutes} min after {post!r} on {label} ({file}:{line}); keep "
                        "{gap} min between posts",
                        **facts,
                    )
                )
                yield slot[1].problem(
                    TOO_CLOSE, message, "publish_at", channel=channel, occurrence=slot[2]
                )
            previous = slot
        if rules.max_posts_per_day is not None:
            yield from _per_day(channel, label, slots, rules.max_posts_per_day, zone)
        yield from _duplicates(channel, label, slots, window, rules.duplicate_window_days, keys)


def _per_day(
    channel: str, label: str, slots: list[Slot], limit: int, zone: tzinfo
) -> Iterator[Problem]:
    days: dict[date, list[Slot]] = defaultdict(list)
    for slot in slots:
        days[slot[0].astimezone(zone).date()].append(slot)
    for day, same_day in days.items():
        for slot in same_day[limit:]:
            facts = {"count": len(same_day), "label": label, "day": day, "limit": limit}
            message = (
                Message(
                    "{count} posts on {label} on {day} (occurrence of {occurrence}); "
                    "the limit is {limit}",
                    occurrence=slot[2],
                    **facts,
                )
                if slot[2]
                else Message("{count} posts on {label} on {day}; the limit is {limit}", **facts)
            )
            yield slot[1].problem(
                TOO_MANY_PER_DAY, message, "publish_at", channel=channel, occurrence=slot[2]
            )


def _duplicates(
    channel: str,
    label: str,
    slots: list[Slot],
    window: timedelta,
    days: int,
    keys: dict[str, str],
) -> Iterator[Problem]:
    """``keys`` caches each distinct text folded, shared by every channel."""
    seen: dict[str, Slot] = {}
    for slot in slots:
        entry = slot[1]
        text = entry.post.text_for(channel)
        if not text or not text.strip():
            continue
        key = keys.get(text)
        if key is None:
            key = keys[text] = " ".join(normalize(text).split())
        before = seen.get(key)
        if before is not None and before[1] is not entry and slot[0] - before[0] <= window:
            other = before[1]
            where = ("channel_text", channel) if channel in entry.post.channel_text else ("text",)
            yield entry.problem(
                DUPLICATE_TEXT,
                Message(
                    "same text as {post!r} on {label} ({file}:{line}), {days} days earlier; "
                    "networks penalise repeats within {window} days",
                    post=other.id,
                    label=label,
                    file=other.source.file,
                    line=other.source.id_pos[0],
                    days=(slot[0] - before[0]).days,
                    window=days,
                ),
                *where,
                channel=channel,
                occurrence=slot[2],
            )
        seen[key] = slot
