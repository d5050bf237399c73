"""What the two review formats (Markdown and HTML) share: days, labels, people, problems.

The review documents are for a person approving the coming weeks: the
publications grouped by local day, each with its time, channels, kind,
status, owner, text, link and images, and what ``check`` says about it.
Their words are in the user's language (:func:`labels`); the values of the
calendar (ids, channel keys, codes) are shown as they are written.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from gc_cli.exporters.base import ExportContext
from gc_cli.i18n import N_, _, clock, long_date, ngettext
from gc_cli.problems import Problem
from gc_cli.query.select import Item
from gc_cli.store.calendar import Calendar

NO_TIME = N_("no time yet")

#: How the review documents name each status and kind (the values of the
#: post files, which stay as they are in every language where they are data).
STATUS_NAMES = {
    "idea": N_("idea"),
    "draft": N_("draft"),
    "ready": N_("ready"),
    "scheduled": N_("scheduled"),
    "published": N_("published"),
    "cancelled": N_("cancelled"),
}
KIND_NAMES = {
    "article": N_("article"),
    "product": N_("product"),
    "facility": N_("facility"),
    "team": N_("team"),
    "video": N_("video"),
    "other": N_("other"),
}


def status_name(status: str) -> str:
    """``ready`` in the user's language (``prête``); an unknown value as written."""
    name = STATUS_NAMES.get(status)
    return _(name) if name else status


def kind_name(kind: str) -> str:
    """``product`` in the user's language (``produit``); an unknown value as written."""
    name = KIND_NAMES.get(kind)
    return _(name) if name else kind


def severity_name(severity: str) -> str:
    """``error`` or ``warning`` in the user's language."""
    return _("error") if severity == "error" else _("warning")


def labels() -> dict[str, str]:
    """The fixed words of both documents, in the user's language.

    A label followed by a colon holds its colon, so that French puts the
    no-break space before it.
    """
    return {
        "channels": _("Channels:"),
        "kind": _("Kind:"),
        "status": _("Status:"),
        "owner": _("Owner:"),
        "owner_inline": _("owner"),
        "id": _("Id:"),
        "campaign": _("Campaign:"),
        "link": _("Link:"),
        "image": _("Image:"),
        "no_alt": _("no alt text"),
        "no_channel": _("no channel"),
        "no_text": _("No text yet."),
        "empty": _("Empty."),
        "nothing": _("No publications in this window."),
        "left_out": _("Left out"),
        "no_problem": _("No problem found."),
        "footer": _(
            "Made with gc-cli export --format html. Times are local to the calendar's zone."
        ),
    }


def text_on(channel: str) -> str:
    """``Text on mastodon``: the heading of a channel's own text."""
    return _("Text on {channel}").format(channel=channel)


def day_label(day: date) -> str:
    """``Thursday 26 November 2026`` (``jeudi 26 novembre 2026``)."""
    return long_date(day)


def time_label(item: Item) -> str:
    """``09:00`` (``9 h 00``), or :data:`NO_TIME` for a post with only a day."""
    return clock(item.when) if isinstance(item.when, datetime) else _(NO_TIME)


def series_label(item: Item) -> str:
    """`` (3/8)`` for the third of eight occurrences, else empty."""
    return f" ({item.series[0]}/{item.series[1]})" if item.series else ""


def owner_label(item: Item, calendar: Calendar) -> str:
    """``agence (Agence Nordet, external)``, the key alone outside the team, ``nobody``."""
    if item.owner is None:
        return _("nobody")
    team = calendar.settings.team if calendar.settings else {}
    member = team.get(item.owner)
    if member is None:
        return _("{owner} (not in the team)").format(owner=item.owner)
    if member.external:
        return _("{owner} ({name}, external)").format(owner=item.owner, name=member.name)
    return f"{item.owner} ({member.name})"


@dataclass(frozen=True, slots=True)
class Day:
    """A local day of the window and its publications, in order."""

    day: date
    items: list[Item]

    @property
    def label(self) -> str:
        return day_label(self.day)


def by_day(items: Sequence[Item]) -> list[Day]:
    """The publications grouped by local day, days in order (as ``list`` sorts them)."""
    days: list[Day] = []
    for item in items:
        day = item.day
        assert day is not None  # a bounded window holds only dated posts
        if not days or days[-1].day != day:
            days.append(Day(day, []))
        days[-1].items.append(item)
    return days


def problems_of(context: ExportContext, item: Item) -> list[Problem]:
    """``check``'s problems on this publication (:meth:`ExportContext.problems_of`),
    errors first, each once."""
    found = context.problems_of(item)
    return sorted(found, key=lambda p: (p.severity != "error", p.line, p.column, p.code))


def window_problems(context: ExportContext) -> list[Problem]:
    """Every problem the review shows, once each: a problem about a whole
    recurring post is shown on each of its occurrences but is one problem,
    as ``check`` counts it."""
    seen: dict[int, Problem] = {}
    for item in context.items:
        for problem in problems_of(context, item):
            seen.setdefault(id(problem), problem)
    return list(seen.values())


def heading(context: ExportContext) -> str:
    """``Social media plan, 2026-11-25 to 2026-12-24``."""
    return _("Social media plan, {first} to {last}").format(
        first=context.first_day.isoformat(), last=context.last_day.isoformat()
    )


def subtitle(context: ExportContext) -> str:
    """How many publications, in which zone, as of when, on which channel."""
    zone = context.calendar.settings.timezone if context.calendar.settings else ""
    count = len(context.items)
    parts = [
        ngettext("{n} publication", "{n} publications", count).format(n=count),
        _("times in {zone}").format(zone=zone),
        _("as of {now:%Y-%m-%d %H:%M}").format(now=context.now),
    ]
    if context.channel:
        parts.append(_("channel {channel} only").format(channel=context.channel))
    return " · ".join(parts)


def tally(errors: int, warnings: int) -> str:
    """``0 errors and 2 warnings from gc-cli check on these posts``."""
    return _("{errors} and {warnings} from gc-cli check on these posts").format(
        errors=ngettext("{n} error", "{n} errors", errors).format(n=errors),
        warnings=ngettext("{n} warning", "{n} warnings", warnings).format(n=warnings),
    )
