"""``gc-cli list``, ``calendar`` and ``report``: the plan seen from the terminal.

Library modules are imported inside each command: only the command that
runs pays for its imports.
"""

# Annotations stay objects here (no postponed evaluation): Typer reads every
# command's signature at each start, and evaluating strings cost it more.
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Any

import typer

from gc_cli.cli import complete
from gc_cli.cli.app import command
from gc_cli.cli.common import (
    CalendarsOption,
    FromOption,
    NowOption,
    ToOption,
    fail,
    guard,
    output,
    root,
    view_exit,
)
from gc_cli.cli.options import parse_date, parse_month, parse_now, resolve
from gc_cli.i18n import _


class ListFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


class CalendarFormat(StrEnum):
    table = "table"
    json = "json"


class ShowFormat(StrEnum):
    text = "text"
    json = "json"


class ReportFormat(StrEnum):
    table = "table"
    json = "json"


ChannelFilter = Annotated[
    list[str] | None,
    typer.Option(
        "--channel",
        metavar="C",
        help=_("Only posts on this channel (repeat for several)."),
        show_default=False,
        autocompletion=complete.channels,
    ),
]
KindFilter = Annotated[
    list[str] | None,
    typer.Option(
        "--kind",
        metavar="K",
        help=_(
            "Only this kind: article, product, facility, team, video, event or other "
            "(repeat for several)."
        ),
        show_default=False,
    ),
]
StatusFilter = Annotated[
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
]
OwnerFilter = Annotated[
    list[str] | None,
    typer.Option(
        "--owner",
        metavar="O",
        help=_("Only posts of this owner, a key of settings.team (repeat for several)."),
        show_default=False,
        autocompletion=complete.owners,
    ),
]
CampaignFilter = Annotated[
    list[str] | None,
    typer.Option(
        "--campaign",
        metavar="X",
        help=_("Only posts of this campaign (repeat for several)."),
        show_default=False,
    ),
]


@command(name="list")
@guard()
def list_posts(
    *,
    from_: FromOption = None,
    to: ToOption = None,
    channel: ChannelFilter = None,
    kind: KindFilter = None,
    status: StatusFilter = None,
    owner: OwnerFilter = None,
    campaign: CampaignFilter = None,
    unscheduled: Annotated[
        bool, typer.Option("--unscheduled", help=_("Only the posts without a date."))
    ] = False,
    counts: Annotated[
        bool,
        typer.Option(
            "--counts",
            help=_("Add each post's tightest text count: its length against its channel's limit."),
        ),
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
    day; a time without offset is local; today, tomorrow, monday or +2w
    count from today). A post with only a day comes before that day's timed
    posts; posts without a date come last, and a window leaves them out. A
    filter given twice matches either value. In a terminal, past posts are
    dimmed, and the event a post of kind event announces has a row of its
    own at its time. With --counts, each post shows the count closest to its
    limit (287/300 bluesky). Exit 1 when some posts could not be read and
    are missing from the list (gc-cli check shows why).

    Example: gc-cli list --from today --to +2w --channel instagram
    """
    from gc_cli.query.counts import tightest_counts
    from gc_cli.query.select import load, loading_note, select
    from gc_cli.query.window import clock, zone_of
    from gc_cli.render.posts import Listing, render

    moment, start, end = parse_now(now), parse_date(from_, "--from"), parse_date(to, "--to")
    calendar = load(root(calendars))
    zone = zone_of(calendar)
    items = select(
        calendar,
        start=resolve(start, zone, moment),
        end=resolve(end, zone, moment),
        channel=channel,
        kind=kind,
        status=status,
        owner=owner,
        campaign=campaign,
        unscheduled=unscheduled,
        events=output_format is ListFormat.table,
    )
    tightest = tightest_counts(calendar, items) if counts else None
    render(Listing(items, calendar, clock(calendar, moment), tightest), output(output_format.value))
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
            help=_("The month to show (or a day of it: +1m). Default: this month."),
            show_default=False,
        ),
    ] = None,
    week: Annotated[
        bool,
        typer.Option("--week", help=_("Show a week (Monday to Sunday) instead of a month.")),
    ] = False,
    day: Annotated[
        str | None,
        typer.Option(
            "--date",
            metavar="DATE",
            help=_("Show the week (or the month) holding this day. Default: today."),
            show_default=False,
        ),
    ] = None,
    channel: ChannelFilter = None,
    kind: KindFilter = None,
    status: StatusFilter = None,
    owner: OwnerFilter = None,
    campaign: CampaignFilter = None,
    output_format: Annotated[
        CalendarFormat,
        typer.Option("--format", help=_("table for people, json for scripts.")),
    ] = CalendarFormat.table,
    calendars: CalendarsOption = None,
    now: NowOption = None,
) -> None:
    """The month or the week of the posts, as a grid in the terminal.

    Weeks start on Monday; today is in brackets. Each post shows its time
    and the symbol of its status (the legend says which), and each event
    announced by a post of kind event a star, at the event's time. In the
    month, each day shows the letters of its channels; a narrow terminal
    numbers the posts and lists their titles under the grid. With --week,
    each day is a column with its posts' channels and whole titles. The
    filters are those of list; cancelled posts are left out unless --status
    asks for them.

    Example: gc-cli calendar --week --owner sophie
    """
    from gc_cli.query.grid import month_grid, week_grid
    from gc_cli.query.select import load, loading_note
    from gc_cli.query.window import zone_of
    from gc_cli.render.month import render, render_week

    if month is not None and (week or day is not None):
        fail(_("--month: give --month, or --week and --date, not both"))
    moment, first, chosen = parse_now(now), parse_month(month), parse_date(day, "--date")
    calendar = load(root(calendars))
    zone = zone_of(calendar)
    filters: dict[str, Any] = {
        "now": moment,
        "channel": channel,
        "kind": kind,
        "status": status,
        "owner": owner,
        "campaign": campaign,
    }
    out = output(output_format.value)
    if week:
        render_week(week_grid(calendar, _day(resolve(chosen, zone, moment)), **filters), out)
    else:
        shown = _day(resolve(first if chosen is None else chosen, zone, moment))
        render(month_grid(calendar, shown, **filters), out)
    view_exit(loading_note(calendar))


def _day(value: date | datetime | None) -> date | None:
    """The day of a date option (a day and time typed: its day)."""
    return value.date() if isinstance(value, datetime) else value


@command(name="show")
@guard(post_id="ID", occurrence="ID@DATE")
def show_post(
    target: Annotated[
        str,
        typer.Argument(
            metavar="ID[@DATE]",
            help=_("The post's id; for a recurring post, @ and the day of one occurrence."),
            show_default=False,
            autocompletion=complete.post_ids,
        ),
    ],
    *,
    output_format: Annotated[
        ShowFormat, typer.Option("--format", help=_("text for people, json for scripts."))
    ] = ShowFormat.text,
    no_images: Annotated[
        bool, typer.Option("--no-images", help=_("Do not open image files."))
    ] = False,
    calendars: CalendarsOption = None,
    now: NowOption = None,
) -> None:
    """Show one post as it will go out on each channel, with its counts and problems.

    For each channel, the text that goes out and its length counted the
    channel's way against its limit (212/300 graphemes, links counted as the
    channel counts them), and its hashtags; for each image, its format, size
    and whether it fits each channel, and its alt text against each
    channel's limit; then its occurrences, its owner, its event, and the
    problems check finds on it. A post with schema errors is shown from what
    could be read. Exit 0 when the post has no error, 1 when it has, 2 on a
    usage error (an unknown id, a day the post does not go out on).

    Example: gc-cli show pain-de-la-semaine@2027-01-15
    """
    from gc_cli.planning.show import post_view
    from gc_cli.query.select import load
    from gc_cli.query.window import zone_of
    from gc_cli.render.show import render

    post_id, at, day = target.partition("@")
    moment = parse_now(now)
    when = parse_date(day, "ID@DATE") if at else None
    calendar = load(root(calendars))
    view = post_view(
        calendar,
        post_id,
        _day(resolve(when, zone_of(calendar), moment)),
        now=moment,
        images=not no_images,
    )
    render(view, output(output_format.value))
    raise typer.Exit(1 if view.errors else 0)


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
    from gc_cli.query.window import zone_of
    from gc_cli.render.report import render

    moment, start, end = parse_now(now), parse_date(from_, "--from"), parse_date(to, "--to")
    calendar = load(root(calendars))
    zone = zone_of(calendar)
    first, last = resolve(start, zone, moment), resolve(end, zone, moment)
    render(report(calendar, start=first, end=last, now=moment), output(output_format.value))
    view_exit(loading_note(calendar))
