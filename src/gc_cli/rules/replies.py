"""What the community is told: facts that exist and are current, replies that fit,
away messages that exist and promise nothing the roster cannot keep.

Facts (``facts:`` of settings.yaml) are used as ``{name}`` in post texts,
saved replies (``replies/``) and away messages (``interactions.away``);
``{next_reply}`` is filled in from the roster (:mod:`gc_cli.query.replies`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from gc_cli.i18n import N_, Message
from gc_cli.problems import Example, Problem, Rule, Severity, TextFile
from gc_cli.query.coverage import DEFAULT_DAYS, Roster
from gc_cli.query.replies import values_at, words
from gc_cli.rules.context import Context
from gc_cli.rules.interactions import WEEKDAYS
from gc_cli.rules.references import UNKNOWN_CHANNEL
from gc_cli.store.calendar import Calendar, Entry, locate
from gc_cli.store.channels import BUILTIN_PROFILES
from gc_cli.store.loader import suggest
from gc_cli.store.model import ROSTER_PLACEHOLDERS, Fact
from gc_cli.store.profile import ChannelProfile
from gc_cli.store.replies import by_language, fill, placeholders
from gc_cli.store.textcount import text_bytes, text_length
from gc_cli.store.yamlsafe import Pos, YMap

_REPLY_FILE = "replies/horaires.yaml"
_ROSTER = (
    "interactions:\n"
    "  response_target: 72h\n"
    "  roster:\n"
    '    - {who: marie, days: mon-fri, hours: "09:00-17:00"}\n'
)

UNKNOWN_FACT = Rule(
    "unknown-fact",
    Severity.error,
    N_(
        "A {name} in a post's text, a saved reply or an away message that is not a "
        "fact of settings.yaml (facts:); {next_reply} is known only in replies and away "
        "messages, when settings.yaml has a roster. Write {{ and }} for braces."
    ),
    Example(
        "posts:\n"
        "  - id: horaire-fetes\n"
        "    title: Horaire des fêtes\n"
        '    text: "Nos heures des fêtes : {horaire_fetes}"\n',
        settings='facts:\n  horaire: "mar–dim 7 h–18 h"\n',
        line=4,
    ),
)
STALE_FACT = Rule(
    "stale-fact",
    Severity.warning,
    N_(
        "A fact used after its valid_until: in a saved reply or an away message from the "
        "day after it, in a post that goes out after it (published and cancelled posts "
        "are left out). Update the fact, or stop using it."
    ),
    Example(
        "",
        file=_REPLY_FILE,
        settings='facts:\n  horaire_fetes: {text: "24 déc. : 7 h–14 h", valid_until: 2025-12-31}\n',
        files=(
            TextFile(
                _REPLY_FILE,
                "replies:\n"
                "  - id: heures-fetes\n"
                "    title: Heures des fêtes\n"
                "    text: Pendant les fêtes, nous sommes ouverts {horaire_fetes}.\n",
            ),
        ),
        line=4,
    ),
)
REPLY_TOO_LONG = Rule(
    "reply-too-long",
    Severity.error,
    N_(
        "A saved reply or an away message, facts filled in, longer than a reply on its "
        "channel may be: a Messenger message 2,000 characters, an Instagram direct message "
        "1,000 bytes of UTF-8 (é counts 2), X 280 weighted characters, Bluesky 300 "
        "graphemes and 3,000 bytes, Mastodon and Threads 500, a LinkedIn comment 1,250. "
        "A reply naming no channel is checked on every channel."
    ),
    Example(
        "",
        file=_REPLY_FILE,
        settings="language: fr\n",
        files=(
            TextFile(
                _REPLY_FILE,
                "replies:\n"
                "  - id: allergenes\n"
                "    title: Allergènes\n"
                "    channels: [x]\n"
                "    text: " + "Noix, arachides, lait, œufs, blé. " * 9 + "\n",
            ),
        ),
        line=5,
    ),
)
DUPLICATE_REPLY = Rule(
    "duplicate-reply",
    Severity.error,
    N_("The same id for two saved replies; reported at the second one."),
    Example(
        "",
        file=_REPLY_FILE,
        settings="language: fr\n",
        files=(
            TextFile(
                _REPLY_FILE,
                "replies:\n"
                "  - id: horaire\n"
                "    title: Nos heures\n"
                "    text: Ouvert du mardi au dimanche.\n"
                "  - id: horaire\n"
                "    title: Heures des fêtes\n"
                "    text: Fermé le 25 décembre.\n",
            ),
        ),
        line=5,
    ),
)
MISSING_AWAY_MESSAGE = Rule(
    "missing-away-message",
    Severity.warning,
    N_(
        "interactions.away gives away messages, the roster leaves hours within the next "
        "14 days when nobody is on duty, and a channel whose inbox can answer by itself "
        "(Facebook, Instagram) has no away message; at the away: key."
    ),
    Example(
        "",
        file="settings.yaml",
        settings=_ROSTER + "  away:\n    facebook: Merci ! Nous vous répondrons {next_reply}.\n",
        line=17,
    ),
)
AWAY_PROMISE = Rule(
    "away-promise",
    Severity.warning,
    N_(
        "An away message without {next_reply} that names a day of the week (lundi, "
        "Monday...) on which nobody is on duty within the next 14 days (a day off, a "
        "closure, an absence): write {next_reply}, which the roster fills in."
    ),
    Example(
        "",
        file="settings.yaml",
        settings=_ROSTER + "  away:\n"
        "    facebook: Merci ! Nous vous répondrons {next_reply}.\n"
        "    instagram: Merci ! Nous vous répondrons samedi.\n",
        line=19,
    ),
)
RULES = (
    UNKNOWN_FACT,
    STALE_FACT,
    DUPLICATE_REPLY,
    REPLY_TOO_LONG,
    MISSING_AWAY_MESSAGE,
    AWAY_PROMISE,
)

#: Weekday names an away message may promise, folded (no accents, lower case).
_DAY_WORDS: dict[str, int] = {
    **{n: i for i, n in enumerate(("lundi", "mardi", "mercredi", "jeudi", "vendredi"))},
    "samedi": 5,
    "dimanche": 6,
    **{
        n: i
        for i, n in enumerate(
            ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
        )
    },
}


@dataclass(frozen=True, slots=True)
class _Text:
    """A text that may use facts, and where it was written."""

    text: str
    file: str
    pos: Pos
    #: The day it is used on: a fact that expired before is stale.
    day: date
    #: A saved reply or an away message: {next_reply} is known there.
    answer: bool
    entry: Entry | None = None
    path: tuple[Any, ...] = ()
    reply: str | None = None


def check(ctx: Context) -> Iterator[Problem]:
    cal = ctx.calendar
    settings = cal.settings
    assert settings is not None and cal.zone is not None
    today = ctx.now.astimezone(cal.zone).date()
    roster = Roster.of(settings, cal.zone)
    texts = list(_texts(cal, today))
    if texts:
        yield from _facts(cal, texts, roster is not None)
    yield from _replies(cal, ctx.now)
    if roster is not None:
        yield from _away(cal, roster, ctx.now)


def _raw(entry: Entry, key: str) -> Any:
    """A post's ``key`` as written, placeholders and all (its file's default else)."""
    source = entry.source
    if key in source.mapping:
        return source.mapping[key]
    if source.defaults is not None:
        return source.defaults.get(key)
    return None


def _settings_pos(cal: Calendar, *path: Any, key: bool = False) -> Pos:
    found = locate(cal.settings_map, path, key=key) if cal.settings_map else None
    return found or (1, 1)


def _texts(cal: Calendar, today: date) -> Iterator[_Text]:
    """Every text of the root that may use a fact."""
    for entry in cal.entries:
        if entry.post.status in ("cancelled", "published"):
            continue
        when = entry.when
        day = today
        if isinstance(when, datetime):
            day = max(today, when.astimezone(cal.zone).date())
        elif when is not None:
            day = max(today, when)
        text = _raw(entry, "text")
        if isinstance(text, str) and "{" in text:
            pos = entry.source.pos("text")
            yield _Text(text, entry.source.file, pos, day, False, entry, ("text",))
        channel_text = _raw(entry, "channel_text")
        if isinstance(channel_text, YMap):
            for channel, value in channel_text.items():
                if isinstance(value, str) and "{" in value:
                    pos = entry.source.pos("channel_text", channel)
                    where = ("channel_text", channel)
                    yield _Text(value, entry.source.file, pos, day, False, entry, where)
    for reply in cal.replies:
        for language, value in reply.reply.texts().items():
            key = ("text",) if language is None else ("text", language)
            yield _Text(value, reply.file, reply.pos(*key), today, True, reply=reply.id)
    settings = cal.settings
    assert settings is not None
    if settings.interactions is not None:
        for channel, written in settings.interactions.away.items():
            for language, value in by_language(written).items():
                pos = _settings_pos(
                    cal, "interactions", "away", channel, *([language] if language else [])
                )
                yield _Text(value, cal.settings_file, pos, today, True)


def _at(rule: Rule, text: _Text, message: str) -> Problem:
    if text.entry is not None:
        return text.entry.problem(rule, message, *text.path)
    return rule.at(text.file, *text.pos, message, post=text.reply)


def _facts(cal: Calendar, texts: list[_Text], roster: bool) -> Iterator[Problem]:
    settings = cal.settings
    assert settings is not None
    facts = settings.facts
    for text in texts:
        for name in dict.fromkeys(placeholders(text.text)):
            fact = facts.get(name)
            if fact is None:
                if name in ROSTER_PLACEHOLDERS and text.answer and roster:
                    continue
                yield _at(UNKNOWN_FACT, text, _unknown(name, list(facts), text.answer))
            elif isinstance(fact, Fact) and fact.valid_until and fact.valid_until < text.day:
                yield _at(
                    STALE_FACT,
                    text,
                    Message(
                        "uses the fact {name!r} on {day}, but it holds only until "
                        "{until} (valid_until): update the fact or stop using it",
                        name=name,
                        day=text.day,
                        until=fact.valid_until,
                    ),
                )


def _unknown(name: str, facts: list[str], answer: bool) -> Message:
    if name in ROSTER_PLACEHOLDERS:
        if answer:
            return Message(
                "{{{name}}} is filled in from interactions.roster, and settings.yaml has none",
                name=name,
            )
        return Message(
            "{{{name}}} is filled in only in saved replies and away messages, not in posts",
            name=name,
        )
    return Message(
        "{{{name}}} is not a fact of settings.yaml{hint} (facts: {facts}); write {{{{ and "
        "}}}} for braces",
        name=name,
        hint=suggest(name, facts),
        facts=", ".join(facts) or Message("none"),
    )


def _replies(cal: Calendar, now: datetime) -> Iterator[Problem]:
    settings = cal.settings
    assert settings is not None
    seen: set[str] = set()
    values: dict[str, dict[str, str]] = {}
    for entry in cal.replies:
        reply = entry.reply
        if reply.id in seen:
            yield DUPLICATE_REPLY.at(
                entry.file,
                *entry.pos("id"),
                Message("the saved reply id {id!r} is used twice", id=reply.id),
                post=reply.id,
            )
        seen.add(reply.id)
        channels: list[str] = []
        for index, name in enumerate(reply.channels):
            if name in cal.profiles:
                channels.append(name)
            else:
                yield UNKNOWN_CHANNEL.at(
                    entry.file,
                    *entry.pos("channels", index),
                    Message(
                        "channel {name!r} is not enabled in settings.yaml{hint}",
                        name=name,
                        hint=suggest(name, cal.profiles),
                    ),
                    post=reply.id,
                )
        for language, text in reply.texts().items():
            written_in = language or settings.language
            if written_in not in values:
                values[written_in] = values_at(cal, now, written_in)
            filled = fill(text, values[written_in])
            path: tuple[Any, ...] = ("text",) if language is None else ("text", language)
            for channel in channels or list(cal.profiles):
                message = _too_long(filled, cal.profiles[channel])
                if message is not None:
                    yield REPLY_TOO_LONG.at(
                        entry.file, *entry.pos(*path), message, post=reply.id, channel=channel
                    )


def _too_long(text: str, profile: ChannelProfile) -> Message | None:
    """Why ``text`` does not fit a reply on ``profile``'s channel, or None."""
    if profile.max_reply is not None:
        length = text_length(text, profile)
        if length > profile.max_reply:
            return Message(
                "the reply is {length} characters long on {label}; a reply there holds at "
                "most {limit} ({over} too many)",
                length=length,
                label=profile.label,
                limit=profile.max_reply,
                over=length - profile.max_reply,
            )
    if profile.max_reply_bytes is not None:
        size = text_bytes(text)
        if size > profile.max_reply_bytes:
            return Message(
                "the reply is {size} bytes of UTF-8 on {label}; a reply there holds at most "
                "{limit} bytes ({over} too many; é counts 2, an emoji 4)",
                size=size,
                label=profile.label,
                limit=profile.max_reply_bytes,
                over=size - profile.max_reply_bytes,
            )
    return None


def _away(cal: Calendar, roster: Roster, now: datetime) -> Iterator[Problem]:
    settings = cal.settings
    assert settings is not None and settings.interactions is not None
    away = settings.interactions.away
    start = now.astimezone(UTC)
    today = now.astimezone(roster.zone).date()
    for channel, written in away.items():
        # An inbox keeps receiving messages on a network the calendar no longer
        # publishes to: a built-in network's away message stands on its own.
        profile = cal.profiles.get(channel) or BUILTIN_PROFILES.get(channel)
        if profile is None:
            yield UNKNOWN_CHANNEL.at(
                cal.settings_file,
                *_settings_pos(cal, "interactions", "away", channel, key=True),
                Message(
                    "away: {name!r} is neither an enabled channel nor a built-in one{hint}",
                    name=channel,
                    hint=suggest(channel, {**BUILTIN_PROFILES, **cal.profiles}),
                ),
            )
            continue
        for language, text in by_language(written).items():
            path: tuple[Any, ...] = ("interactions", "away", channel)
            if language is not None:
                path = (*path, language)
            pos = _settings_pos(cal, *path)
            filled = fill(text, values_at(cal, now, language or settings.language))
            message = _too_long(filled, profile)
            if message is not None:
                yield REPLY_TOO_LONG.at(cal.settings_file, *pos, message, channel=channel)
            if "next_reply" in set(placeholders(text)):
                continue
            promise = _broken_promise(text, roster, today)
            if promise is not None:
                yield AWAY_PROMISE.at(cal.settings_file, *pos, promise, channel=channel)
    if not away:
        # A root that writes no away message does not manage them here: saying
        # so for every channel on every check would be noise, not news.
        return
    missing = [
        name for name, profile in cal.profiles.items() if profile.away_message and name not in away
    ]
    if not missing:
        return
    gap = next(iter(roster.timeline(start, start + timedelta(days=DEFAULT_DAYS)).gaps()), None)
    if gap is None:
        return
    pos = _settings_pos(cal, "interactions", "away", key=True)
    local = gap.start.astimezone(roster.zone)
    for name in missing:
        yield MISSING_AWAY_MESSAGE.at(
            cal.settings_file,
            *pos,
            Message(
                "nobody is on duty at some hours of the next {days} days (from "
                "{at:%Y-%m-%d %H:%M} first) and {label} has no away message: add one to "
                "interactions.away.{channel}",
                days=DEFAULT_DAYS,
                at=local,
                label=cal.profiles[name].label,
                channel=name,
            ),
            channel=name,
        )


def _broken_promise(text: str, roster: Roster, today: date) -> Message | None:
    """Why an away message naming a weekday promises too much, or None."""
    named = dict.fromkeys(_DAY_WORDS[w] for w in words(text) if w in _DAY_WORDS)
    for weekday in named:
        for offset in range(DEFAULT_DAYS):
            day = today + timedelta(days=offset)
            if day.weekday() == weekday and not roster.spans_on(day):
                return Message(
                    "the message names {weekday}, but nobody is on duty on {day} ({weekday}): "
                    "write {{next_reply}}, which the roster fills in",
                    weekday=Message(WEEKDAYS[weekday]),
                    day=day,
                )
    return None
