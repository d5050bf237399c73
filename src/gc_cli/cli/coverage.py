"""``gc-cli coverage``: who answers the community, and when nobody does.

Library modules are imported inside the command: only the command that runs
pays for its imports.
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
    say,
)
from gc_cli.cli.options import parse_date, parse_now, resolve
from gc_cli.i18n import _


class CoverageFormat(StrEnum):
    table = "table"
    json = "json"


@command(name="coverage")
@guard()
def interactions_coverage(
    *,
    from_: FromOption = None,
    to: ToOption = None,
    output_format: Annotated[
        CoverageFormat,
        typer.Option(
            "--format", help=_("table: for people (plain text when piped); json: for scripts.")
        ),
    ] = CoverageFormat.table,
    calendars: CalendarsOption = None,
    now: NowOption = None,
) -> None:
    """Who answers the community, when: the gaps nobody covers and how long they last.

    Reads the interactions: block of settings.yaml (response_target, roster,
    absences). Over the window (default: the next 14 days; a date is the
    whole local day, --to included), every span when nobody is on duty with
    the longest wait for a first answer (a message sent at its start waits
    until somebody comes on duty, in real elapsed time), the posts going out
    into them, a heat map of the week (days by hours, who is on duty), and
    the share of the window covered. Exit 0 when every wait is within
    response_target (or there is no roster), 1 when one is not or a roster
    entry cannot be used, 2 on a usage error.

    Example: gc-cli coverage --from 2026-12-21 --to 2027-01-03
    """
    from gc_cli.query.coverage import coverage
    from gc_cli.query.select import load, loading_note
    from gc_cli.query.window import zone_of
    from gc_cli.render.coverage import render

    moment, start, end = parse_now(now), parse_date(from_, "--from"), parse_date(to, "--to")
    calendar = load(root(calendars))
    zone = zone_of(calendar)
    first, last = resolve(start, zone, moment), resolve(end, zone, moment)
    result = coverage(calendar, start=first, end=last, now=moment)
    render(result, output(output_format.value))
    note = loading_note(calendar)
    if note:
        say(note)
    raise typer.Exit(0 if result.ok and not note else 1)
