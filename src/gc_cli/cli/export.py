"""``gc-cli export``: the upcoming posts as a file for another tool.

Library modules are imported inside the command: only the command that runs
pays for its imports.
"""

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from gc_cli.cli.app import command
from gc_cli.cli.common import CalendarsOption, FromOption, NowOption, ToOption, guard, root, say
from gc_cli.cli.options import parse_date, parse_now
from gc_cli.errors import GcError, message_of
from gc_cli.exporters import FORMAT_NAMES
from gc_cli.i18n import _, translated

# The registry's names: adding a format to gc_cli.exporters adds it here.
ExportFormat = StrEnum(  # type: ignore[misc]  # members come from the registry
    "ExportFormat", [(name, name) for name in FORMAT_NAMES]
)


class MarkStatus(StrEnum):
    scheduled = "scheduled"


@command(name="export")
@guard()
def export_posts(
    *,
    output_format: Annotated[
        ExportFormat,
        typer.Option(
            "--format",
            help=_(
                "ics: calendar apps; csv: spreadsheets; json: scripts (as list); "
                "markdown: a review for a pull request or an email; html: a review page; "
                "hootsuite, buffer, sprout: the bulk-upload files of those tools."
            ),
        ),
    ] = ExportFormat["ics"],
    days: Annotated[
        int | None,
        typer.Option(
            "--days",
            metavar="N",
            help=_("The next N days from now (default 30), or from --from."),
            show_default=False,
        ),
    ] = None,
    from_: FromOption = None,
    to: ToOption = None,
    channel: Annotated[
        str | None,
        typer.Option(
            "--channel",
            metavar="C",
            help=_(
                "Only posts on this channel. Required by hootsuite, buffer and "
                "sprout: one file per channel."
            ),
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            metavar="FILE",
            help=_(
                "Write to FILE (replaced atomically) instead of stdout; - is stdout. Never a "
                "link, a FIFO, a device, or a file inside the calendar root."
            ),
            show_default=False,
        ),
    ] = None,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help=_("With -o: replace an existing file inside the calendar root (never a .yaml)."),
        ),
    ] = False,
    bom: Annotated[
        bool,
        typer.Option("--bom", help=_("Start a CSV file with a byte order mark, for Excel.")),
    ] = False,
    mark: Annotated[
        MarkStatus | None,
        typer.Option(
            "--mark",
            help=_(
                "With hootsuite, buffer or sprout: once the file is written, mark its posts "
                "as handed over (scheduled) in their files, all or nothing; what an earlier "
                "export handed over on the channel is then left out."
            ),
            show_default=False,
        ),
    ] = None,
    calendars: CalendarsOption = None,
    now: NowOption = None,
) -> None:
    """Export the upcoming posts: calendar, spreadsheet, review page, bulk upload.

    The next 30 days from now unless --days N or --from/--to say otherwise
    (a date is the whole local day); cancelled posts are left out and
    recurring posts expanded, as list shows them. hootsuite, buffer and
    sprout take only ready and scheduled posts without errors, on one
    channel, at local wall times of the root's zone. What is left out is
    listed on stderr with the reason. With --mark scheduled, the posts of a
    bulk file are marked in their files once it is written (a post on
    several channels once every channel has been handed over; until then
    its scheduled_on lists them), so the next export does not hand them over
    twice. Exit 0 when done, 1 when posts are missing because of errors in
    the calendar, a bulk file would exceed its tool's limit or the posts
    cannot be marked (nothing is written then), 2 on a usage error.

    Example: gc-cli export --format ics -o plan.ics
    """
    from gc_cli.exporters.run import apply_marks, check_output, run_export, write_output

    moment, start, end = parse_now(now), parse_date(from_, "--from"), parse_date(to, "--to")
    calendar_root = root(calendars)
    target = None if output is None or str(output) == "-" else output
    if target is not None:
        check_output(target, calendar_root, force=force)  # before the work, which it would waste
    result = run_export(
        calendar_root,
        output_format.value,
        now=moment,
        days=days,
        start=start,
        end=end,
        channel=channel,
        bom=bom,
        mark=mark.value if mark is not None else None,
    )
    if target is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(result.data)  # bytes as they are: BOM, CRLF, UTF-8
        sys.stdout.buffer.flush()
    else:
        write_output(target, result.data, calendar_root, force=force)
    for line in result.messages():
        say(line)
    if target is not None:
        say(result.summary(target))
    if mark is not None:
        try:
            apply_marks(result)
        except GcError as exc:
            say(
                _("the export is written, but its posts are not marked: {error}").format(
                    error=translated(message_of(exc))
                )
            )
            raise typer.Exit(1) from None
        note = result.marked()
        if note:
            say(note)
    raise typer.Exit(0 if result.ok else 1)
