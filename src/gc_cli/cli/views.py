"""``gc-cli list``, ``calendar`` and ``report``: the plan seen from the terminal.

Library modules are imported inside each command: only the command that
runs pays for its imports.
"""

# Annotations stay objects here (no postponed evaluation): Typer reads every
# command's signature at each start, and evaluating strings cost it more.
from enum import StrEnum
from typing import Annotated

import typer

from gc_cli.cli.app import command
from gc_cli.cli.common import (
    CalendarsOption,
    FromOption,
    NowOption,
    ToOption,
    guard,
    output,
    root,
    view_exit,
)
from gc_cli.cli.options import parse_date, parse_month, parse_now
from gc_cli.i18n import _


class ListFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


class ReportFormat(StrEnum):
    table = "table"
    json = "json"


@command(name="list")
@guard()
def list_posts(
    *,
    from_: FromOption = None,
    to: ToOption = None,
    channel: Annotated[
        list[str] | None,
        typer.Option(
            "--channel",
            metavar="C",
            help=_("Only posts on this channel (repeat for several)."),
            show_default=False,
        ),
    ] = None,
    kind: Annotated[
        list[str] | None,
        typer.Option(
            "--kind",
            metavar="K",
            help=_(
                "Only this kind: article, product, facility, team, video or other "
                "(repeat for several)."
            ),
            show_default=False,
        ),
    ] = None,
    status: Annotated[
        list[str] | None,
        typer.Option(
            "--status",
            metavar="S",
            help=_(
                "Only this status: idea, draft, ready, scheduled, published or "
                "cancelled (repeat for several)."
            ),
            show_default=False,
        ),
    ] = None,
    owner: Annotated[
        list[str] | None,
        typer.Option(
            "--owner",
            metavar="O",
            help=_("Only posts of this owner, a key of settings.team (repeat for several)."),
            show_default=False,
        ),
    ] = None,
    campaign: Annotated[
        list[str] | None,
        typer.Option(
            "--campaign",
            metavar="X",
            help=_("Only posts of this campaign (repeat for several)."),
            show_default=False,
        ),
    ] = None,
    unscheduled: Annotated[
        bool, typer.Option("--unscheduled", help=_("Only the posts without a date."))
    ] = False,
    output_format: Annotated[
        ListFormat,
        typer.Option("--format", help=_("table for people, json or csv for tools.")),
    ] = ListFormat.table,
    calendars: CalendarsOption = None,
    now: NowOption = None,
) -> None:
    """List the posts in date order, recurring posts expanded.

    Every post unless --from/--to narrow the window (a date is the whole
    day; a time without offset is local). A post with only a day comes
    before that day's timed posts; posts without a date come last, and a
    window leaves them out. A filter given twice matches either value. In a
    terminal, past posts are dimmed. Exit 1 when some posts could not be
    read and are missing from the list (gc-cli check shows why).

    Example: gc-cli list --from 2026-12-01 --to 2026-12-31 --channel instagram
    """
    from gc_cli.query.select import load, loading_note, select
    from gc_cli.query.window import clock
    from gc_cli.render.posts import Listing, render

    moment, start, end = parse_now(now), parse_date(from_, "--from"), parse_date(to, "--to")
    calendar = load(root(calendars))
    items = select(
        calendar,
        start=start,
        end=end,
        channel=channel,
        kind=kind,
        status=status,
        owner=owner,
        campaign=campaign,
        unscheduled=unscheduled,
    )
    render(Listing(items, calendar, clock(calendar, moment)), output(output_format.value))
    view_exit(loading_note(calendar))


@command(name="calendar")
@guard()
def month_calendar(
    *,
    month: Annotated[
        str | None,
        typer.Option(
            "--month",
            metavar="YYYY-MM",
            help=_("The month to show. Default: this month."),
            show_default=False,
        ),
    ] = None,
    calendars: CalendarsOption = None,
    now: NowOption = None,
) -> None:
    """A month grid of the posts in the terminal.

    Weeks are rows starting on Monday. Each day shows the letters of its
    channels and its posts (time and short title, or "+N more" when the cell
    is full); today is in brackets. Cancelled posts are left out.

    Example: gc-cli calendar --month 2026-12
    """
    from gc_cli.query.grid import month_grid
    from gc_cli.query.select import load, loading_note
    from gc_cli.render.month import render

    moment, first = parse_now(now), parse_month(month)
    calendar = load(root(calendars))
    render(month_grid(calendar, first, now=moment), output())
    view_exit(loading_note(calendar))


@command(name="report")
@guard()
def plan_report(
    *,
    from_: FromOption = None,
    to: ToOption = None,
    output_format: Annotated[
        ReportFormat, typer.Option("--format", help=_("table for people, json for scripts."))
    ] = ReportFormat.table,
    calendars: CalendarsOption = None,
    now: NowOption = None,
) -> None:
    """Content mix by kind and channel, posts per owner, gaps.

    Over whole days: by default the 30 days from today (today included);
    --from alone gives 30 days from that day, --to alone ends the window
    there. Each occurrence of a recurring post counts; cancelled posts are
    left out. Also: posts per owner (internal or external), the days without
    any post, the share of posts with a picture, and the posts still idea or
    draft within 7 days of their date.

    Example: gc-cli report --from 2026-12-01 --to 2026-12-31
    """
    from gc_cli.planning.report import report
    from gc_cli.query.select import load, loading_note
    from gc_cli.render.report import render

    moment, start, end = parse_now(now), parse_date(from_, "--from"), parse_date(to, "--to")
    calendar = load(root(calendars))
    render(report(calendar, start=start, end=end, now=moment), output(output_format.value))
    view_exit(loading_note(calendar))
