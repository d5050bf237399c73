"""The command line: parse options, call the library, render, choose the exit code.

This is the only module that imports typer. Exit codes: 0 done and no error,
1 the calendar has errors (or a change was refused), 2 usage or environment
error. No traceback reaches the user.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, ParamSpec

# Pydantic looks up plugins in every installed package's metadata on first
# use, a tenth of gc-cli's start-up; the command line has none to offer.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

import typer
import typer._click.core
import typer._click.formatting
import typer.core

from gc_cli import __version__
from gc_cli.errors import GcError
from gc_cli.exporters import FORMAT_NAMES
from gc_cli.i18n import _

if TYPE_CHECKING:
    from gc_cli.viewrender import Output

P = ParamSpec("P")


def _translate_typer() -> None:
    """Typer's own words in help and errors ("Options", "Usage:", ...) in the user's language.

    Typer looks its headings up through ``gettext.gettext``; "Usage: " and the
    help option's text are fixed in its vendored click, so they are replaced
    here. Typer is pinned below 0.29 (pyproject.toml), where these names hold.
    """
    typer.core._ = _  # type: ignore[attr-defined]

    class Formatter(typer._click.formatting.HelpFormatter):
        def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
            super().write_usage(prog, args, _("Usage: ") if prefix is None else prefix)

    typer._click.core.Context.formatter_class = Formatter
    original = typer._click.core.Command.get_help_option

    def get_help_option(self: typer._click.core.Command, ctx: typer._click.core.Context) -> Any:
        option = original(self, ctx)
        if option is not None:
            option.help = _("Show this message and exit.")
        return option

    typer._click.core.Command.get_help_option = get_help_option  # type: ignore[method-assign]


_translate_typer()

app = typer.Typer(
    name="gc-cli",
    help="Plan an organisation's social-media posts as code: a calendar of YAML files "
    "in git, validated, scheduled and exported.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

CalendarsOption = Annotated[
    str | None,
    typer.Option(
        "--calendars",
        metavar="PATH",
        help="The calendar root. Default: $GC_CALENDARS, else ./calendars, else the "
        "nearest parent folder holding calendars/settings.yaml.",
        show_default=False,
    ),
]
NowOption = Annotated[
    str | None,
    typer.Option(
        "--now",
        metavar="DATETIME",
        envvar="GC_NOW",
        help="Take this ISO 8601 time as now (local to the root's zone without an offset).",
        show_default=False,
    ),
]


class CheckFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"


def _fail(message: str, code: int = 2) -> NoReturn:
    sys.stderr.write(f"gc-cli: {message}\n")
    raise typer.Exit(code)


def _guard(command: Callable[P, None]) -> Callable[P, None]:
    """Turn the library's errors into one line on stderr and exit 2."""

    @functools.wraps(command)
    def guarded(*args: P.args, **kwargs: P.kwargs) -> None:
        try:
            command(*args, **kwargs)
        except GcError as exc:
            _fail(str(exc), exc.exit_code)

    return guarded


def _root(option: str | None) -> Path:
    from gc_cli.loader import find_root

    return find_root(option, os.environ, Path.cwd())


def _color(stream: object) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty()) and "NO_COLOR" not in os.environ


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"gc-cli {__version__}\n")
        raise typer.Exit(0)


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    """Plan an organisation's social-media posts as code."""


@app.command()
@_guard
def check(
    files: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[FILES]...",
            help="Report only problems located in these files (inside the root).",
            show_default=False,
        ),
    ] = None,
    *,
    output_format: Annotated[
        CheckFormat, typer.Option("--format", help="Output format.")
    ] = CheckFormat.text,
    strict: Annotated[bool, typer.Option("--strict", help="Warnings count as errors.")] = False,
    no_images: Annotated[
        bool, typer.Option("--no-images", help="Do not open image files.")
    ] = False,
    calendars: CalendarsOption = None,
    now: NowOption = None,
) -> None:
    """Validate the calendar: every file, every post, every rule.

    Exit 0 when there is no error (with --strict, no warning either), 1 when
    there are, 2 on a usage error. With FILES, cross-file rules still see the
    whole root, so it works as a pre-commit hook.

    Example: gc-cli check --format github
    """
    from gc_cli.check import run_check
    from gc_cli.reporters import REPORTERS

    result = run_check(_root(calendars), now, images=not no_images, files=files or ())
    reporter = REPORTERS[output_format.value](sys.stdout, color=_color(sys.stdout), strict=strict)
    reporter.report(result)
    raise typer.Exit(0 if result.ok(strict=strict) else 1)


class ImagesFormat(StrEnum):
    table = "table"
    json = "json"


@app.command()
@_guard
def images(
    *,
    output_format: Annotated[
        ImagesFormat,
        typer.Option(
            "--format", help="table: for people (plain text when piped); json: for scripts."
        ),
    ] = ImagesFormat.table,
    calendars: CalendarsOption = None,
    now: NowOption = None,
) -> None:
    """The image attachments: format, size, and whether each fits its channels.

    Every image a post uses, read by content (real format, pixel size, bytes),
    with its posts and, per channel it goes out on, whether it fits and why
    not; then the image files under the root that no post uses. Exit 0 when
    every attachment fits, 1 when one has an error (missing, unreadable,
    outside the root, refused by a channel), 2 on a usage error.

    Example: gc-cli images --format json
    """
    from gc_cli.imagereport import progress_bar, render
    from gc_cli.images import run_inventory

    with progress_bar(sys.stderr) as progress:
        inventory = run_inventory(_root(calendars), now, progress=progress)
    render(inventory, sys.stdout, output_format.value, rich=_color(sys.stdout))
    raise typer.Exit(0 if inventory.ok else 1)


class SchemaKind(StrEnum):
    posts = "posts"
    settings = "settings"


@app.command()
@_guard
def schema(
    kind: Annotated[
        SchemaKind, typer.Argument(help="Which file: a post file, or settings.yaml.")
    ] = SchemaKind.posts,
) -> None:
    """Print the JSON Schema of post files or settings.yaml, for editors.

    Example: gc-cli schema settings > settings.schema.json
    """
    import json

    from gc_cli.schema import post_file_schema, settings_schema

    document = post_file_schema() if kind is SchemaKind.posts else settings_schema()
    sys.stdout.write(json.dumps(document, indent=2, ensure_ascii=False) + "\n")


@app.command()
@_guard
def init(
    path: Annotated[Path, typer.Argument(help="Folder to create the calendar root in.")] = Path(
        "calendars"
    ),
    *,
    timezone: Annotated[
        str, typer.Option("--timezone", help="IANA time zone of the organisation.")
    ] = "America/Toronto",
) -> None:
    """Create a working calendar root: settings.yaml and one example post.

    Refuses (exit 1) to overwrite an existing settings.yaml.

    Example: gc-cli init calendars --timezone America/Toronto
    """
    from gc_cli.scaffold import create_root

    created = create_root(path, timezone)
    for file in created:
        sys.stdout.write(f"created {file}\n")
    sys.stdout.write(f"Next: gc-cli check --calendars {path}\n")


@app.command()
@_guard
def schedule(
    post_id: Annotated[
        str | None,
        typer.Argument(
            metavar="[POST_ID]",
            help="The post to change (with --at or --clear).",
            show_default=False,
        ),
    ] = None,
    *,
    at: Annotated[
        str | None,
        typer.Option(
            "--at",
            metavar="DATETIME",
            help="Set or move publish_at: 2026-12-01 09:00 (local to the root's zone), "
            "2026-12-01T09:00:00-05:00, or a date alone.",
            show_default=False,
        ),
    ] = None,
    clear: Annotated[
        bool, typer.Option("--clear", help="Remove publish_at: the post is no longer scheduled.")
    ] = False,
    auto: Annotated[
        bool,
        typer.Option(
            "--auto",
            help="Give every ready post without a time the next free slot of settings.slots.",
        ),
    ] = False,
    start: Annotated[
        str | None,
        typer.Option(
            "--from",
            metavar="D",
            help="With --auto: use slots from this date or time on (default: now).",
            show_default=False,
        ),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option(
            "--until",
            metavar="D",
            help="With --auto: use slots up to this date (included) or time "
            "(default: 8 weeks after the start).",
            show_default=False,
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what would change; write nothing.")
    ] = False,
    force: Annotated[
        bool,
        typer.Option(
            "--force", help="With --at or --clear: write even if check would report an error."
        ),
    ] = False,
    calendars: CalendarsOption = None,
    now: NowOption = None,
) -> None:
    """Set, move or clear a post's publish_at, or fill the posting slots.

    Only the post's publish_at line changes (added after its id: line,
    replaced, or removed); every other byte of the file stays as it was, and
    the file is replaced atomically. Exit 0 when done, 1 when the change is
    refused (unknown id, a time that does not exist, a time that would give
    an error in check without --force, a file changed meanwhile), 2 on a
    usage error. Nothing is written when a change is refused.

    Example: gc-cli schedule blogue-horaire-fetes --at "2026-12-01 09:00"
    """
    from gc_cli.schedule import Request, run_schedule
    from gc_cli.schedulerender import render

    request = Request(
        post_id=post_id,
        at=at,
        clear=clear,
        auto=auto,
        start=start,
        until=until,
        dry_run=dry_run,
        force=force,
    )
    result = run_schedule(_root(calendars), request, now)
    render(result, sys.stdout, color=_color(sys.stdout))


class ListFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


class ReportFormat(StrEnum):
    table = "table"
    json = "json"


FromOption = Annotated[
    str | None,
    typer.Option(
        "--from",
        metavar="DATE",
        help="From this day (or date and time), local to the root's zone.",
        show_default=False,
    ),
]
ToOption = Annotated[
    str | None,
    typer.Option(
        "--to",
        metavar="DATE",
        help="Up to this day, included (or this date and time).",
        show_default=False,
    ),
]


def _output() -> Output:
    """Where views render: stdout, laid out for a person when it is a terminal."""
    from gc_cli.viewrender import Output

    isatty = getattr(sys.stdout, "isatty", None)
    return Output(sys.stdout, terminal=bool(isatty and isatty()), color=_color(sys.stdout))


def _view_exit(note: str | None) -> NoReturn:
    """Exit 0, or 1 after saying on stderr what the view had to leave out."""
    if note:
        sys.stderr.write(f"gc-cli: {note}\n")
    raise typer.Exit(1 if note else 0)


@app.command(name="list")
@_guard
def list_posts(
    *,
    from_: FromOption = None,
    to: ToOption = None,
    channel: Annotated[
        list[str] | None,
        typer.Option(
            "--channel",
            metavar="C",
            help="Only posts on this channel (repeat for several).",
            show_default=False,
        ),
    ] = None,
    kind: Annotated[
        list[str] | None,
        typer.Option(
            "--kind",
            metavar="K",
            help="Only this kind: article, product, facility, team, video or other "
            "(repeat for several).",
            show_default=False,
        ),
    ] = None,
    status: Annotated[
        list[str] | None,
        typer.Option(
            "--status",
            metavar="S",
            help="Only this status: idea, draft, ready, scheduled, published or "
            "cancelled (repeat for several).",
            show_default=False,
        ),
    ] = None,
    owner: Annotated[
        list[str] | None,
        typer.Option(
            "--owner",
            metavar="O",
            help="Only posts of this owner, a key of settings.team (repeat for several).",
            show_default=False,
        ),
    ] = None,
    campaign: Annotated[
        list[str] | None,
        typer.Option(
            "--campaign",
            metavar="X",
            help="Only posts of this campaign (repeat for several).",
            show_default=False,
        ),
    ] = None,
    unscheduled: Annotated[
        bool, typer.Option("--unscheduled", help="Only the posts without a date.")
    ] = False,
    output_format: Annotated[
        ListFormat,
        typer.Option("--format", help="table for people, json (SPEC §2.2) or csv for tools."),
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
    from gc_cli import views
    from gc_cli.viewrender import render_list

    calendar = views.load(_root(calendars))
    moment = views.clock(calendar, now)
    items = views.select(
        calendar,
        start=from_,
        end=to,
        channel=channel,
        kind=kind,
        status=status,
        owner=owner,
        campaign=campaign,
        unscheduled=unscheduled,
    )
    render_list(items, output_format.value, _output(), calendar=calendar, now=moment)
    _view_exit(views.loading_note(calendar))


@app.command(name="calendar")
@_guard
def month_calendar(
    *,
    month: Annotated[
        str | None,
        typer.Option(
            "--month",
            metavar="YYYY-MM",
            help="The month to show. Default: this month.",
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
    from gc_cli import views
    from gc_cli.viewrender import render_calendar

    calendar = views.load(_root(calendars))
    render_calendar(views.month_grid(calendar, month, now=now), _output())
    _view_exit(views.loading_note(calendar))


@app.command(name="report")
@_guard
def plan_report(
    *,
    from_: FromOption = None,
    to: ToOption = None,
    output_format: Annotated[
        ReportFormat, typer.Option("--format", help="table for people, json for scripts.")
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
    from gc_cli import views
    from gc_cli.viewrender import render_report

    calendar = views.load(_root(calendars))
    figures = views.report(calendar, start=from_, end=to, now=now)
    render_report(figures, output_format.value, _output())
    _view_exit(views.loading_note(calendar))


class CoverageFormat(StrEnum):
    table = "table"
    json = "json"


@app.command(name="coverage")
@_guard
def interactions_coverage(
    *,
    from_: FromOption = None,
    to: ToOption = None,
    output_format: Annotated[
        CoverageFormat,
        typer.Option(
            "--format", help="table: for people (plain text when piped); json: for scripts."
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
    from gc_cli import views
    from gc_cli.coverage import coverage
    from gc_cli.coveragerender import render_coverage

    calendar = views.load(_root(calendars))
    result = coverage(calendar, start=from_, end=to, now=now)
    render_coverage(result, output_format.value, _output())
    note = views.loading_note(calendar)
    if note:
        sys.stderr.write(f"gc-cli: {note}\n")
    raise typer.Exit(0 if result.ok and not note else 1)


# The registry's names: adding a format to gc_cli.exporters adds it here.
ExportFormat = StrEnum(  # type: ignore[misc]  # members come from the registry
    "ExportFormat", [(name, name) for name in FORMAT_NAMES]
)


@app.command(name="export")
@_guard
def export_posts(
    *,
    output_format: Annotated[
        ExportFormat,
        typer.Option(
            "--format",
            help="ics: calendar apps; csv: spreadsheets; json: scripts (as list); "
            "markdown: a review for a pull request or an email; html: a review page; "
            "hootsuite, buffer, sprout: the bulk-upload files of those tools.",
        ),
    ] = ExportFormat["ics"],
    days: Annotated[
        int | None,
        typer.Option(
            "--days",
            metavar="N",
            help="The next N days from now (default 30), or from --from.",
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
            help="Only posts on this channel. Required by hootsuite, buffer and "
            "sprout: one file per channel.",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            metavar="FILE",
            help="Write to FILE (replaced atomically) instead of stdout.",
            show_default=False,
        ),
    ] = None,
    bom: Annotated[
        bool,
        typer.Option("--bom", help="Start a CSV file with a byte order mark, for Excel."),
    ] = False,
    calendars: CalendarsOption = None,
    now: NowOption = None,
) -> None:
    """Export the upcoming posts: calendar, spreadsheet, review page, bulk upload.

    The next 30 days from now unless --days N or --from/--to say otherwise
    (a date is the whole local day); cancelled posts are left out and
    recurring posts expanded, as list shows them. hootsuite, buffer and
    sprout take only ready and scheduled posts without errors, on one
    channel, at local wall times of the root's zone. What is left out is
    listed on stderr with the reason. Exit 0 when done, 1 when posts are
    missing because of errors in the calendar or a bulk file would exceed
    its tool's limit (nothing is written then), 2 on a usage error.

    Example: gc-cli export --format ics -o plan.ics
    """
    from gc_cli.export import run_export, write_atomically

    result = run_export(
        _root(calendars),
        output_format.value,
        now=now,
        days=days,
        start=from_,
        end=to,
        channel=channel,
        bom=bom,
    )
    target = None if output is None or str(output) == "-" else output
    if target is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(result.data)  # bytes as they are: BOM, CRLF, UTF-8
        sys.stdout.buffer.flush()
    else:
        write_atomically(target, result.data)
    for line in result.messages():
        sys.stderr.write(f"gc-cli: {line}\n")
    if target is not None:
        sys.stderr.write(f"gc-cli: {result.summary(target)}\n")
    raise typer.Exit(0 if result.ok else 1)


def main() -> None:
    """Entry point of the ``gc-cli`` console script."""
    try:
        app()
    except GcError as exc:
        sys.stderr.write(f"gc-cli: {exc}\n")
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        sys.stderr.write("gc-cli: interrupted\n")
        sys.exit(130)
    except Exception as exc:  # never a traceback: one line, exit 2
        sys.stderr.write(f"gc-cli: unexpected failure: {exc!r}\n")
        sys.exit(2)
