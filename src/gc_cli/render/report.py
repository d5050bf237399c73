"""``gc-cli report``: the figures of a period as titled tables, or JSON."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import TYPE_CHECKING, TextIO

from gc_cli.i18n import _, clock, ngettext
from gc_cli.planning.report import Report
from gc_cli.render.blocks import Block, blocks_plain, blocks_table, day_ranges
from gc_cli.render.common import Output, channel_letters, day_label, percent, time_label
from gc_cli.render.month import no_date_yet
from gc_cli.visible import json_dump

if TYPE_CHECKING:
    pass


# -- report ---------------------------------------------------------------------


def report_blocks(report: Report) -> list[Block]:
    """The report as titled tables, the same in a terminal and in a pipe."""
    letters = channel_letters(report.channels)
    blocks: list[Block] = []
    head = Block(
        _("Report {first} to {last} ({days}), as of {date} {time}").format(
            first=report.first_day.isoformat(),
            last=report.last_day.isoformat(),
            days=ngettext("{n} day", "{n} days", report.days).format(n=report.days),
            date=report.now.date().isoformat(),
            time=clock(report.now),
        )
    )
    # The optional parts wrap the sentence so far, so that each language
    # places them (and agrees them with their count) as it needs.
    planned = ngettext("{n} publication planned", "{n} publications planned", report.posts).format(
        n=report.posts
    )
    if report.date_only:
        planned = ngettext(
            "{planned} ({n} with no time yet)", "{planned} ({n} with no time yet)", report.date_only
        ).format(planned=planned, n=report.date_only)
    if report.cancelled:
        planned = ngettext(
            "{planned}; {n} cancelled left out",
            "{planned}; {n} cancelled left out",
            report.cancelled,
        ).format(planned=planned, n=report.cancelled)
    head.notes.append(planned + ".")
    if report.unscheduled:
        head.notes.append(no_date_yet(report.unscheduled))
    blocks.append(head)

    mix = Block(
        _("Content mix by kind"),
        [_("Kind"), _("Posts"), _("Share"), *(letters[c] for c in report.channels)],
        right=set(range(1, 3 + len(report.channels))),
    )
    for k in report.by_kind:
        mix.rows.append(
            [k.kind, str(k.count), percent(k.share), *(str(n) for n in k.channels.values())]
        )
    mix.notes.append(
        _("Per channel: {channels}.").format(
            channels=", ".join(f"{letters[c]} {c}" for c in report.channels)
        )
    )
    blocks.append(mix)

    blocks.append(
        Block(
            _("By channel (share of the publications that go on it)"),
            [_("Channel"), _("Posts"), _("Share")],
            [[c.name, str(c.count), percent(c.share)] for c in report.by_channel],
            right={1, 2},
        )
    )

    # The names are in the JSON; at 80 columns the table keeps the keys people type.
    # With a roster, each person's hours answering the community sit beside
    # their posts: who does what, both sides, at a glance.
    roster = report.on_duty_share is not None
    headers = [
        _("Owner"),
        "",
        _("Posts"),
        _("Share"),
        *([_("On duty")] if roster else []),
        _("Kinds"),
    ]
    owners = Block(_("Who does what"), headers, right={2, 3, 4} if roster else {2, 3})
    for o in report.owners:
        owners.rows.append(
            [
                o.owner or _("(none)"),
                _owner_type(o.owner, o.known, o.external),
                str(o.count),
                percent(o.share),
                *([_duty(o.duty)] if roster else []),
                ", ".join(f"{k} {n}" for k, n in o.kinds.items()),
            ]
        )
    total = report.posts or 1
    split = _(
        "Internal {internal} ({internal_share}), external {external} ({external_share})"
    ).format(
        internal=report.internal,
        internal_share=percent(report.internal / total),
        external=report.external,
        external_share=percent(report.external / total),
    )
    if report.unowned:
        split = _("{split}, no owner {n}").format(split=split, n=report.unowned)
    owners.notes.append(split + ".")
    if report.on_duty_share is not None:
        owners.notes.append(
            _(
                "On duty: hours on the interactions roster; somebody answers the community "
                "{percent} of the time (gc-cli coverage shows when nobody does)."
            ).format(percent=percent(report.on_duty_share))
        )
    blocks.append(owners)

    empty = Block(
        _("Days without a post: {n} of {days}").format(n=len(report.empty_days), days=report.days)
    )
    empty.notes.append(day_ranges(report.empty_days) if report.empty_days else _("None."))
    blocks.append(empty)

    blocks.append(
        Block(
            _("With a picture: {n} of {posts} ({percent})").format(
                n=report.with_picture, posts=report.posts, percent=percent(report.picture_share)
            )
        )
    )

    pending = Block(
        _("Still idea or draft within 7 days of their date"),
        [_("Date"), _("Time"), _("Post"), _("Status"), _("Owner"), _("Due")]
        if report.pending
        else [],
    )
    for p in report.pending:
        item = p.item
        assert item.day is not None
        pending.rows.append(
            [
                day_label(item.day),
                time_label(item),
                item.id + (f" ({item.occurrence.isoformat()})" if item.occurrence else ""),
                item.status,
                item.owner or "-",
                _due(p.left),
            ]
        )
    if not report.pending:
        pending.notes.append(_("None."))
    blocks.append(pending)

    waiting = Block(
        _("Awaiting approval"),
        [_("Date"), _("Post"), _("Status"), _("Owner"), _("Approved by")]
        if report.awaiting
        else [],
    )
    for a in report.awaiting:
        item = a.item
        waiting.rows.append(
            [
                day_label(item.day) if item.day else "-",
                item.id,
                item.post.status,
                item.owner or "-",
                _("one of {who}").format(who=", ".join(a.approvers))
                if len(a.approvers) > 1
                else (a.approvers[0] if a.approvers else _("nobody can (rules.approval)")),
            ]
        )
    if report.awaiting:
        waiting.notes.append(_("gc-cli approve POST_ID --by MEMBER records an approval."))
    else:
        waiting.notes.append(_("None."))
    blocks.append(waiting)
    return blocks


def _owner_type(owner: str | None, known: bool, external: bool) -> str:
    if owner is None:
        return ""
    if not known:
        return _("not in team")
    return _("external") if external else _("internal")


def _duty(duty: timedelta | None) -> str:
    """``38 h``, ``7 h 30``: time on duty; ``-`` for someone not on the roster."""
    if duty is None:
        return "-"
    minutes = int(duty.total_seconds() // 60)
    hours, rest = divmod(minutes, 60)
    return f"{hours} h {rest:02d}" if rest else f"{hours} h"


def _due(left: timedelta) -> str:
    hours = int(abs(left.total_seconds()) // 3600)
    span = (
        _("{days} d {hours} h").format(days=hours // 24, hours=hours % 24)
        if hours >= 24
        else f"{hours} h"
    )
    return (
        _("in {span}").format(span=span)
        if left >= timedelta(0)
        else _("passed {span} ago").format(span=span)
    )


def report_plain(report: Report, stream: TextIO) -> None:
    """For pipes: each block as a title, aligned columns and notes."""
    blocks_plain(report_blocks(report), stream)


def report_table(report: Report, out: Output) -> None:
    """For a terminal: each block as a rich table under a bold title."""
    blocks_table(report_blocks(report), out)


def report_json(report: Report, stream: TextIO) -> None:
    """The report's figures for scripts (one JSON object)."""
    json_dump(report.to_dict(), stream)


def _report_for_people(report: Report, out: Output) -> None:
    if out.terminal:
        report_table(report, out)
    else:
        report_plain(report, out.stream)


#: ``report --format``.
REPORT_FORMATS: dict[str, Callable[[Report, Output], None]] = {
    "table": _report_for_people,
    "json": lambda report, out: report_json(report, out.stream),
}


def render(report: Report, out: Output) -> None:
    """Render ``report`` in ``out.format`` (a key of :data:`REPORT_FORMATS`)."""
    REPORT_FORMATS[out.format](report, out)
