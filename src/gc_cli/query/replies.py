"""Saved replies found by words, and away messages as a customer gets them.

``gc-cli replies`` asks two questions of a loaded calendar:

* which saved replies answer these words (:func:`search`): accents and case
  do not matter ("allergene" finds "Allergènes"), a word may be the start of
  a longer one, and the replies whose titles and keywords hold the words come
  first;
* what does the away message of a channel say at a given time
  (:func:`away_messages`): its facts filled in, and ``{next_reply}`` the next
  time somebody is on duty after it is sent (closures, absences and
  daylight-saving changes included, from :mod:`gc_cli.query.coverage`).

Texts are filled in the language they are written in: ``{next_reply}`` reads
"dès lundi 9 h" in a French text and "Monday at 9:00" in an English one.
Nothing here prints or exits; :mod:`gc_cli.render.replies` renders.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from gc_cli.errors import BadArgument
from gc_cli.i18n import EN_DAYS, EN_MONTHS, FR_DAYS, FR_MONTHS, Message
from gc_cli.query.coverage import Roster
from gc_cli.query.window import zone_of
from gc_cli.store.calendar import Calendar
from gc_cli.store.replies import ReplyEntry, by_language, fill
from gc_cli.timeutil import current

#: Where a word is found, and what it weighs: a title or a keyword says what a
#: reply is for, its text only mentions things.
_WEIGHTS = {"title": 4, "keywords": 4, "id": 2, "text": 1}
#: A whole word weighs more than the start of one.
_WHOLE = 2


def fold(text: str) -> str:
    """``text`` without accents, case folded: what words are compared as."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def words(text: str) -> list[str]:
    """The folded words of ``text`` (letters and digits; ``l'allergie`` is two)."""
    folded = fold(text)
    return "".join(c if c.isalnum() else " " for c in folded).split()


# -- {next_reply} ---------------------------------------------------------------------


def _clock_text(local: datetime, french: bool) -> str:
    if french:
        return f"{local.hour} h" if local.minute == 0 else f"{local.hour} h {local.minute:02d}"
    return f"{local.hour}:{local.minute:02d}"


def next_reply_text(when: datetime | None, sent: datetime, zone: ZoneInfo, language: str) -> str:
    """When the next answer comes, as written to a customer in ``language``.

    ``when`` is the next time somebody is on duty (None: not within a year),
    ``sent`` when the message arrives. French: "dès lundi 9 h"; any other
    language is written in English: "Monday at 9:00". A day within the week is
    named by its weekday, a later one by its date.
    """
    french = language.split("-")[0] == "fr"
    if when is None:
        return "dès que possible" if french else "as soon as we can"
    local, today = when.astimezone(zone), sent.astimezone(zone).date()
    if when <= sent:
        return "sous peu" if french else "shortly"
    days = (local.date() - today).days
    at = _clock_text(local, french)
    if french:
        if days == 0:
            return f"dès aujourd'hui {at}"
        if days == 1:
            return f"dès demain {at}"
        if days < 7:
            return f"dès {FR_DAYS[local.weekday()]} {at}"
        day = "1er" if local.day == 1 else str(local.day)
        return f"dès le {FR_DAYS[local.weekday()]} {day} {FR_MONTHS[local.month - 1]} à {at}"
    if days == 0:
        return f"today at {at}"
    if days == 1:
        return f"tomorrow at {at}"
    if days < 7:
        return f"{EN_DAYS[local.weekday()]} at {at}"
    return f"{EN_DAYS[local.weekday()]}, {EN_MONTHS[local.month - 1]} {local.day} at {at}"


def values_at(calendar: Calendar, at: datetime, language: str) -> dict[str, str]:
    """What the placeholders of a text in ``language`` say for a message sent at ``at``."""
    settings = calendar.settings
    assert settings is not None
    found = settings.fact_texts()
    roster = Roster.of(settings, calendar.zone)
    if roster is not None:
        sent = at.astimezone(UTC)
        found["next_reply"] = next_reply_text(
            roster.next_on_duty(sent), sent, roster.zone, language
        )
    return found


# -- finding saved replies ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Found:
    """A saved reply that matches, in one language, filled in."""

    entry: ReplyEntry
    score: int
    language: str
    text: str

    def to_dict(self) -> dict[str, Any]:
        reply = self.entry.reply
        return {
            "id": reply.id,
            "title": reply.title,
            "language": self.language,
            "text": self.text,
            "channels": list(reply.channels),
            "keywords": list(reply.keywords),
            "score": self.score,
            "file": self.entry.file,
        }


def _score(query: Sequence[str], fields: dict[str, list[str]]) -> int:
    """How well ``query`` (folded words) matches; 0 when a word matches nowhere."""
    total = 0
    for word in query:
        best = 0
        for name, field_words in fields.items():
            for candidate in field_words:
                if candidate == word:
                    best = max(best, _WEIGHTS[name] * _WHOLE)
                elif candidate.startswith(word):
                    best = max(best, _WEIGHTS[name])
        if best == 0:
            return 0
        total += best
    return total


def _check_channel(calendar: Calendar, channel: str | None) -> None:
    if channel is not None and channel not in calendar.profiles:
        raise BadArgument(
            "channel",
            Message(
                "{channel!r} is not an enabled channel (enabled: {enabled})",
                channel=channel,
                enabled=", ".join(calendar.profiles),
            ),
        )


def _pick(
    texts: dict[str | None, str], wanted: str | None, default: str
) -> tuple[bool, str | None]:
    """Whether ``texts`` has one to show, and its language key: ``wanted`` (a text
    that does not say its language stands for any), else the root's, else the first."""
    if None in texts:
        return True, None
    if wanted is not None:
        return wanted in texts, wanted
    if default in texts:
        return True, default
    return True, next(iter(texts))


def search_replies(
    calendar: Calendar,
    query: Iterable[str] = (),
    *,
    channel: str | None = None,
    language: str | None = None,
    at: datetime | None = None,
    now: datetime | None = None,
) -> list[Found]:
    """The saved replies matching every word of ``query``, best first, filled in.

    No words: every reply, in file order. ``channel`` keeps the replies meant
    for it (those naming no channel are meant for all); ``language`` shows that
    text of each reply and leaves out the replies that have none. ``at`` (naive:
    local) is when the reply is sent, for ``{next_reply}``; default ``now``.
    """
    _check_channel(calendar, channel)
    settings = calendar.settings
    assert settings is not None
    sent = _moment(calendar, at, now)
    wanted = [w for text in query for w in words(text)]
    found: list[Found] = []
    cache: dict[str, dict[str, str]] = {}
    for entry in calendar.replies:
        reply = entry.reply
        if channel is not None and reply.channels and channel not in reply.channels:
            continue
        texts = reply.texts()
        shown, chosen = _pick(texts, language, settings.language)
        if not shown:
            continue
        text = texts[chosen]
        if wanted:
            fields = {
                "title": words(reply.title),
                "keywords": [w for k in reply.keywords for w in words(k)],
                "id": words(reply.id),
                "text": words(text),
            }
            score = _score(wanted, fields)
            if score == 0:
                continue
        else:
            score = 0
        written_in = chosen or language or settings.language
        values = cache.get(written_in)
        if values is None:
            values = cache[written_in] = values_at(calendar, sent, written_in)
        found.append(Found(entry, score, written_in, fill(text, values)))
    # Stable: equal scores keep the order of the files.
    found.sort(key=lambda f: -f.score)
    return found


def _moment(calendar: Calendar, at: datetime | None, now: datetime | None) -> datetime:
    """``at`` (naive: a wall time of the root) as an aware time in its zone; default: now."""
    return current(at if at is not None else now, zone_of(calendar))


# -- away messages --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Away:
    """The away message of a channel as sent at ``at``."""

    channel: str
    language: str
    at: datetime
    text: str
    #: When somebody is next on duty (None: not within a year).
    next_reply: datetime | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "channel": self.channel,
            "language": self.language,
            "at": self.at.isoformat(timespec="minutes"),
            "next_reply": (
                None if self.next_reply is None else self.next_reply.isoformat(timespec="minutes")
            ),
            "text": self.text,
        }


def away_messages(
    calendar: Calendar,
    *,
    channel: str | None = None,
    language: str | None = None,
    at: datetime | None = None,
    now: datetime | None = None,
) -> list[Away]:
    """The away message of each channel (or of ``channel``) as a customer gets it at
    ``at`` (naive: local; default ``now``), in ``language`` when it has that text."""
    _check_channel(calendar, channel)
    settings = calendar.settings
    assert settings is not None
    interactions = settings.interactions
    if interactions is None:
        return []
    sent = _moment(calendar, at, now)
    roster = Roster.of(settings, calendar.zone)
    assert roster is not None
    back = roster.next_on_duty(sent.astimezone(UTC))
    found: list[Away] = []
    for name, written in interactions.away.items():
        if channel is not None and name != channel:
            continue
        texts = by_language(written)
        shown, chosen = _pick(texts, language, settings.language)
        if not shown:
            continue
        written_in = chosen or language or settings.language
        text = fill(texts[chosen], values_at(calendar, sent, written_in))
        local_back = None if back is None else back.astimezone(roster.zone)
        found.append(Away(name, written_in, sent, text, local_back))
    return found


def upcoming(calendar: Calendar, weekday: int, wall: time, now: datetime | None = None) -> datetime:
    """The next ``weekday`` (0: Monday) at wall time ``wall`` from ``now``, as a naive
    local time of the root (today when that time is still to come)."""
    moment = current(now, zone_of(calendar)).replace(tzinfo=None)
    day = moment.date() + timedelta(days=(weekday - moment.weekday()) % 7)
    found = datetime.combine(day, wall)
    return found if found >= moment else found + timedelta(days=7)
