"""``ics``: the publications as an iCalendar file (RFC 5545), written with ``icalendar``.

One VEVENT per publication (per occurrence for a recurring post, as ``list``
expands them): a calendar app shows the plan beside meetings, and a
subscribed calendar follows it as it changes.

* **Times.** A timed post starts at its local time in the root's zone
  (``DTSTART;TZID=America/Toronto:...``, the zone's VTIMEZONE included) and
  lasts :data:`DURATION`; a post with a day and no time yet is an all-day
  event. Events are transparent: a post does not make anyone busy.
* **Text.** SUMMARY is ``[kind] title`` (``(3/8)`` for an occurrence);
  DESCRIPTION holds the text, the link, the channels, status and owner, and
  any per-channel text; CATEGORIES the kind, channels and tags; STATUS is
  TENTATIVE for an idea or draft, CONFIRMED otherwise. Control characters
  in them are shown (``␛`` for ESC, see :mod:`gc_cli.visible`): RFC 5545
  forbids them in a TEXT value (section 3.3.11), and apps choke on them.
* **UID.** ``<post id>@<namespace>.gc-cli``, with ``.<YYYYMMDD>`` of the
  occurrence for a recurring post (a dot cannot appear in an id, so no two
  UIDs collide). The namespace is a hash of what identifies the root wherever
  the repository is cloned: its zone and its folder's name, not its absolute
  path. So the next export gives a moved post the same UID and a subscribed
  calendar moves the event instead of adding a second one.
* **Same bytes.** Every calendar-level property is fixed (PRODID without a
  version, the calendar's UID from the same namespace), events come in the
  order of ``list``, and DTSTAMP — which RFC 5545 requires on every event —
  is the export's "now": ``--now`` pins it, so the same calendar and
  ``--now`` give the same file.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from gc_cli.exporters.base import ExportContext, Rendered
from gc_cli.exporters.links import encoded, web_link
from gc_cli.query.select import Item
from gc_cli.store.calendar import Calendar
from gc_cli.visible import visible

#: How long a timed post's event lasts in a calendar app.
DURATION = timedelta(minutes=15)
PRODID = "-//gc-cli//social media plan//EN"
CALENDAR_NAME = "Social media plan"
UNFINISHED = frozenset({"idea", "draft"})


def namespace(calendar: Calendar) -> str:
    """A short hash naming the root the same way on every clone of its repository."""
    zone = calendar.settings.timezone if calendar.settings else ""
    digest = hashlib.sha256(f"{zone}\n{calendar.root.name}".encode()).hexdigest()
    return digest[:12]


def uid(item: Item, space: str) -> str:
    """The event's UID: stable for a post (and an occurrence) across exports."""
    occurrence = f".{item.occurrence:%Y%m%d}" if item.occurrence else ""
    return f"{item.id}{occurrence}@{space}.gc-cli"


def summary(item: Item) -> str:
    series = f" ({item.series[0]}/{item.series[1]})" if item.series else ""
    return f"[{item.kind}] {item.title}{series}"


def description(item: Item, calendar: Calendar) -> str:
    """The event's notes: what goes out, where, who is on it."""
    post = item.post
    parts: list[str] = []
    if post.text:
        parts.append(post.text.rstrip("\n"))
    facts: list[str] = []
    if post.link:
        facts.append(f"Link: {post.link}")
    facts.append(f"Channels: {', '.join(post.channels) or 'none'}")
    owner = post.owner or "nobody"
    member = calendar.settings.team.get(post.owner) if calendar.settings and post.owner else None
    if member is not None:
        owner = f"{post.owner} ({member.name}{', external' if member.external else ''})"
    facts.append(f"Status: {item.status} · Owner: {owner}")
    if post.campaign:
        facts.append(f"Campaign: {post.campaign}")
    if post.images:
        facts.append("Images: " + ", ".join(image.path for image in post.images))
    parts.append("\n".join(facts))
    for channel, text in post.channel_text.items():
        parts.append(f"Text on {channel}:\n{text.rstrip()}")
    return "\n\n".join(parts)


def categories(item: Item) -> list[str]:
    """The kind, then the channels, then the tags, each once."""
    return list(dict.fromkeys([item.kind, *item.channels, *item.tags]))


def _event(item: Item, context: ExportContext, space: str, stamp: datetime) -> Any:
    from icalendar import Event

    event = Event()
    event.add("uid", uid(item, space))
    event.add("dtstamp", stamp)
    when = item.when
    if isinstance(when, datetime):
        event.add("dtstart", when)
        event.add("dtend", when + DURATION)
    else:
        assert isinstance(when, date)  # the window leaves unscheduled posts out
        event.add("dtstart", when)
        event.add("dtend", when + timedelta(days=1))
    event.add("summary", visible(summary(item), terminal=False))
    event.add("description", visible(description(item, context.calendar), terminal=False))
    event.add("categories", [visible(name, terminal=False) for name in categories(item)])
    event.add("status", "TENTATIVE" if item.status in UNFINISHED else "CONFIRMED")
    event.add("transp", "TRANSPARENT")
    link = web_link(item.link)
    if link:
        # A URI value is written as is: characters an address may not hold raw
        # (a quote, a line break) are percent-encoded, as a browser would.
        event.add("url", encoded(link), parameters={"VALUE": "URI"})
    return event


def _timezone(zone: ZoneInfo, items: list[Item]) -> Any:
    """The VTIMEZONE of ``zone`` from the first year of the events to the last."""
    from icalendar import Timezone

    days = [item.day for item in items if item.day is not None]
    # Whole years around the events: the component then stays the same from one
    # export to the next (same bytes) while covering every event it is used by.
    first = date(min(days).year, 1, 1)
    last = date(max(days).year + 1, 1, 1)
    return Timezone.from_tzinfo(zone, tzid=zone.key, first_date=first, last_date=last)


def export(context: ExportContext) -> Rendered:
    """The VCALENDAR: fixed properties, the zone's VTIMEZONE, one VEVENT per publication."""
    from icalendar import Calendar as ICalendar

    calendar = context.calendar
    zone = calendar.zone
    assert zone is not None  # the export refuses a root without valid settings
    space = namespace(calendar)
    stamp = context.now.astimezone(UTC).replace(microsecond=0)
    ical = ICalendar()
    ical.add("prodid", PRODID)
    ical.add("version", "2.0")
    ical.add("calscale", "GREGORIAN")
    ical.add("method", "PUBLISH")
    ical.add("uid", f"{space}@gc-cli")  # RFC 7986: the calendar's own UID
    ical.add("name", CALENDAR_NAME)  # RFC 7986
    ical.add("x-wr-calname", CALENDAR_NAME)  # what Apple and Google read
    ical.add("x-wr-timezone", zone.key)
    timed = [item for item in context.items if isinstance(item.when, datetime)]
    if timed:
        ical.add_component(_timezone(zone, timed))
    for item in context.items:
        ical.add_component(_event(item, context, space, stamp))
    return Rendered(ical.to_ical(), len(context.items))
