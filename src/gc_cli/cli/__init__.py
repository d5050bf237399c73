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
from typing import IO, TYPE_CHECKING, Annotated, Any, NoReturn, ParamSpec, TextIO, cast

# Pydantic looks up plugins in every installed package's metadata on first
# use, a tenth of gc-cli's start-up; the command line has none to offer.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

import typer
import typer._click._compat
import typer._click.core
import typer._click.exceptions
import typer._click.formatting
import typer._click.utils
import typer.core

from gc_cli import __version__
from gc_cli.cli.options import check_dates, check_days
from gc_cli.errors import GcError, message_of
from gc_cli.exporters import FORMAT_NAMES
from gc_cli.i18n import N_, _, translated
from gc_cli.visible import VisibleWriter, encoding_errors, one_line, visible

if TYPE_CHECKING:
    from gc_cli.render.views import Output

P = ParamSpec("P")


def _translate_typer() -> None:
    """Typer's own words in help and errors ("Options", "Usage:", ...) in the user's language.

    Typer looks its headings up through ``gettext.gettext``; "Usage: ", the
    help option's text and the "Error: ..." lines of a usage error are fixed
    in its vendored click, so they are replaced here. Typer is pinned below
    0.29 (pyproject.toml), where these names hold. The reasons click gives
    for a bad option ("No such option", "Invalid value for ...") stay in
    English: they are built in too many places of click to replace safely.
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

    exceptions = typer._click.exceptions

    def show(self: exceptions.ClickException, file: IO[Any] | None = None) -> None:
        # click's ClickException.show and UsageError.show, their words translated.
        if file is None:
            file = typer._click._compat.get_text_stderr()
        color = self.show_color
        ctx = self.ctx if isinstance(self, exceptions.UsageError) else None
        if isinstance(self, exceptions.UsageError):
            color = None
        if ctx is not None:
            hint = ""
            if ctx.command.get_help_option(ctx) is not None:
                hint = _("Try '{command} {option}' for help.").format(
                    command=ctx.command_path, option=ctx.help_option_names[0]
                )
                hint += "\n"
            color = ctx.color
            typer._click.utils.echo(f"{ctx.get_usage()}\n{hint}", file=file, color=color)
        message = _("Error: {message}").format(message=self.format_message())
        typer._click.utils.echo(visible(message), file=file, color=color)

    exceptions.ClickException.show = show  # type: ignore[method-assign]
    exceptions.UsageError.show = show  # type: ignore[method-assign]


_translate_typer()

#: The words typer.core looks up itself, marked here so that extraction puts
#: them into the catalog (and an update of the catalog keeps them).
_TYPER_WORDS = (
    N_("Options"),
    N_("Arguments"),
    N_("Commands"),
    N_("default: {default}"),
    N_("required"),
    N_("env var: {var}"),
    N_("Missing command."),
    N_("No such command {name!r}."),
    N_("Aborted!"),
    N_("(dynamic)"),
)

app = typer.Typer(
    name="gc-cli",
    help=_(
        "Plan an organisation's social-media posts as code: a calendar of YAML files "
        "in git, validated, scheduled and exported."
    ),
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
        help=_(
            "The calendar root. Default: $GC_CALENDARS, else ./calendars, else the "
            "nearest parent folder holding calendars/settings.yaml."
        ),
        show_default=False,
    ),
]
NowOption = Annotated[
    str | None,
    typer.Option(
        "--now",
        metavar="DATETIME",
        envvar="GC_NOW",
        help=_("Take this ISO 8601 time as now (local to the root's zone without an offset)."),
        show_default=False,
    ),
]


class CheckFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"


def _configure_streams() -> None:
    """Never fail on a character the terminal's encoding lacks: show ``?`` instead.

    Under ``PYTHONIOENCODING=ascii`` or a legacy locale, Python's stdout
    raises UnicodeEncodeError on the first accent. People's output then
    shows ``?`` for what cannot be encoded (a space for a no-break space);
    JSON escapes it instead (:func:`gc_cli.visible.json_encoder`), and
    exports write UTF-8 bytes.
    """
    errors = encoding_errors()
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:  # a TextIOWrapper (not a test's StringIO)
            reconfigure(errors=errors)


def _say(message: str) -> None:
    """One line on stderr, for a person: ``gc-cli: `` and ``message`` in their language.

    The message may quote calendar values: it stays one line, its control
    characters shown (:mod:`gc_cli.visible`).
    """
    sys.stderr.write(f"gc-cli: {one_line(translated(message))}\n")


def _fail(message: str, code: int = 2) -> NoReturn:
    _say(message)
    raise typer.Exit(code)


def _shortened(name: str, most: int = 80) -> str:
    """A path as long as a line allows: its start and its end around an ellipsis."""
    if len(name) <= most:
        return name
    half = (most - 1) // 2
    return f"{name[:half]}…{name[-half:]}"


def _os_error(exc: OSError, option: str | None = None) -> str:
    """``--calendars: aaaa…aaaa: File name too long``: the option, the path, the system's reason."""
    name = None if exc.filename is None else _shortened(os.fsdecode(exc.filename))
    parts = (option, name, exc.strerror or str(exc))
    return ": ".join(part for part in parts if part)


def _guard(command: Callable[P, None]) -> Callable[P, None]:
    """Turn the library's errors into one line on stderr and their exit code.

    A system error on a path (a name too long, a folder without permission)
    is exit 2 too, naming the path: SPEC §2 counts an unreadable path as a
    usage error.
    """

    @functools.wraps(command)
    def guarded(*args: P.args, **kwargs: P.kwargs) -> None:
        try:
            command(*args, **kwargs)
        except GcError as exc:
            _fail(message_of(exc), exc.exit_code)
        except OSError as exc:
            _fail(_os_error(exc))

    return guarded


def _root(option: str | None) -> Path:
    from gc_cli.store.loader import find_root

    try:
        return find_root(option, os.environ, Path.cwd())
    except OSError as exc:
        origin = (
            "--calendars" if option else "GC_CALENDARS" if os.environ.get("GC_CALENDARS") else None
        )
        raise GcError(_os_error(exc, origin)) from None


def _stdout(machine: bool = False) -> TextIO:
    """stdout: for people, control characters shown and colour only in a terminal.

    A ``machine`` format (JSON, CSV) goes out as it is: its writer escapes
    (JSON) or shows (CSV cells) control characters itself, and keeps what a
    terminal rule would change (bidirectional marks in a CSV cell).
    """
    if machine:
        return sys.stdout
    return cast(TextIO, VisibleWriter(sys.stdout, color=_color(sys.stdout)))


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
        typer.Option("--version", callback=_version, is_eager=True, help=_("Print the version.")),
    ] = False,
) -> None:
    """Plan an organisation's social-media posts as code."""
    _configure_streams()


# Each command's help is given to app.command() through the catalog (Typer
# would show the docstring as it is); the docstring keeps its first line and
# its example for readers of the code. Click rewraps each paragraph.


@app.command(
    help=_(
        "Validate the calendar: every file, every post, every rule.\n\n"
        "Exit 0 when there is no error (with --strict, no warning either), 1 when "
        "there are, 2 on a usage error. With FILES, cross-file rules still see the "
        "whole root, so it works as a pre-commit hook.\n\n"
        "Example: gc-cli check --format github"
    )
)
@_guard
def check(
    files: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[FILES]...",
            help=_("Report only problems located in these files (inside the root)."),
            show_default=False,
        ),
    ] = None,
    *,
    output_format: Annotated[
        CheckFormat, typer.Option("--format", help=_("Output format."))
    ] = CheckFormat.text,
    strict: Annotated[bool, typer.Option("--strict", help=_("Warnings count as errors."))] = False,
    no_images: Annotated[
        bool, typer.Option("--no-images", help=_("Do not open image files."))
    ] = False,
    calendars: CalendarsOption = None,
    now: NowOption = None,
) -> None:
    """Validate the calendar: every file, every post, every rule.

    Example: gc-cli check --format github
    """
    from gc_cli.render.check import REPORTERS
    from gc_cli.rules.check import run_check

    check_dates(now=now)
    result = run_check(_root(calendars), now, images=not no_images, files=files or ())
    stdout = _stdout(machine=output_format is CheckFormat.json)
    reporter = REPORTERS[output_format.value](stdout, color=_color(sys.stdout), strict=strict)
    reporter.report(result)
    raise typer.Exit(0 if result.ok(strict=strict) else 1)


class ImagesFormat(StrEnum):
    table = "table"
    json = "json"


@app.command(
    help=_(
        "The image attachments: format, size, and whether each fits its channels.\n\n"
        "Every image a post uses, read by content (real format, pixel size, bytes), "
        "with its posts and, per channel it goes out on, whether it fits and why "
        "not; then the image files under the root that no post uses. Exit 0 when "
        "every attachment fits, 1 when one has an error (missing, unreadable, "
        "outside the root, refused by a channel), 2 on a usage error.\n\n"
        "Example: gc-cli images --format json"
    )
)
@_guard
def images(
    *,
    output_format: Annotated[
        ImagesFormat,
        typer.Option(
            "--format", help=_("table: for people (plain text when piped); json: for scripts.")
        ),
    ] = ImagesFormat.table,
    calendars: CalendarsOption = None,
    now: NowOption = None,
) -> None:
    """The image attachments: format, size, and whether each fits its channels.

    Example: gc-cli images --format json
    """
    from gc_cli.images import run_inventory
    from gc_cli.render.images import notes, progress_bar, render

    check_dates(now=now)
    with progress_bar(sys.stderr) as progress:
        inventory = run_inventory(_root(calendars), now, progress=progress)
    stdout = _stdout(machine=output_format is ImagesFormat.json)
    render(inventory, stdout, output_format.value, rich=_color(sys.stdout))
    if output_format is ImagesFormat.json:
        for note in notes(inventory):  # the table says them; JSON has only flags
            _say(note)
    # Settings that cannot be read, or posts left out, make the list
    # incomplete: exit 1, as every other command does then.
    complete = inventory.settings_ok and not (inventory.loading_errors or inventory.skipped_posts)
    raise typer.Exit(0 if inventory.ok and complete else 1)


class SchemaKind(StrEnum):
    posts = "posts"
    settings = "settings"


@app.command(
    help=_(
        "Print the JSON Schema of post files or settings.yaml, for editors.\n\n"
        "Example: gc-cli schema settings > settings.schema.json"
    )
)
@_guard
def schema(
    kind: Annotated[
        SchemaKind, typer.Argument(help=_("Which file: a post file, or settings.yaml."))
    ] = SchemaKind.posts,
) -> None:
    """Print the JSON Schema of post files or settings.yaml, for editors.

    The schema itself stays in English: editors and tools read it.

    Example: gc-cli schema settings > settings.schema.json
    """
    import json

    from gc_cli.store.schema import post_file_schema, settings_schema

    document = post_file_schema() if kind is SchemaKind.posts else settings_schema()
    sys.stdout.write(json.dumps(document, indent=2, ensure_ascii=False) + "\n")


@app.command(
    help=_(
        "Create a working calendar root: settings.yaml and one example post.\n\n"
        "Refuses (exit 1) to overwrite an existing settings.yaml.\n\n"
        "Example: gc-cli init calendars --timezone America/Toronto"
    )
)
@_guard
def init(
    path: Annotated[Path, typer.Argument(help=_("Folder to create the calendar root in."))] = Path(
        "calendars"
    ),
    *,
    timezone: Annotated[
        str, typer.Option("--timezone", help=_("IANA time zone of the organisation."))
    ] = "America/Toronto",
) -> None:
    """Create a working calendar root: settings.yaml and one example post.

    Example: gc-cli init calendars --timezone America/Toronto
    """
    from gc_cli.store.scaffold import create_root

    created = create_root(path, timezone)
    out = _stdout()
    for file in created:
        out.write(_("created {file}").format(file=file) + "\n")
    out.write(_("Next: {command}").format(command=f"gc-cli check --calendars {path}") + "\n")


@app.command(
    help=_(
        "Set, move or clear a post's publish_at, or fill the posting slots.\n\n"
        "Only the post's publish_at line changes (added after its id: line, "
        "replaced, or removed); every other byte of the file stays as it was, and "
        "the file is replaced atomically. Exit 0 when done, 1 when the change is "
        "refused (unknown id, a time that does not exist, a time that would give "
        "an error in check without --force, a file changed meanwhile), 2 on a "
        "usage error. Nothing is written when a change is refused.\n\n"
        'Example: gc-cli schedule blogue-horaire-fetes --at "2026-12-01 09:00"'
    )
)
@_guard
def schedule(
    post_id: Annotated[
        str | None,
        typer.Argument(
            metavar="[POST_ID]",
            help=_("The post to change (with --at or --clear)."),
            show_default=False,
        ),
    ] = None,
    *,
    at: Annotated[
        str | None,
        typer.Option(
            "--at",
            metavar="DATETIME",
            help=_(
                "Set or move publish_at: 2026-12-01 09:00 (local to the root's zone), "
                "2026-12-01T09:00:00-05:00, or a date alone."
            ),
            show_default=False,
        ),
    ] = None,
    clear: Annotated[
        bool,
        typer.Option("--clear", help=_("Remove publish_at: the post is no longer scheduled.")),
    ] = False,
    auto: Annotated[
        bool,
        typer.Option(
            "--auto",
            help=_("Give every ready post without a time the next free slot of settings.slots."),
        ),
    ] = False,
    start: Annotated[
        str | None,
        typer.Option(
            "--from",
            metavar="D",
            help=_("With --auto: use slots from this date or time on (default: now)."),
            show_default=False,
        ),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option(
            "--until",
            metavar="D",
            help=_(
                "With --auto: use slots up to this date (included) or time "
                "(default: 8 weeks after the start)."
            ),
            show_default=False,
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help=_("Show what would change; write nothing."))
    ] = False,
    force: Annotated[
        bool,
        typer.Option(
            "--force", help=_("With --at or --clear: write even if check would report an error.")
        ),
    ] = False,
    calendars: CalendarsOption = None,
    now: NowOption = None,
) -> None:
    """Set, move or clear a post's publish_at, or fill the posting slots.

    Example: gc-cli schedule blogue-horaire-fetes --at "2026-12-01 09:00"
    """
    from gc_cli.planning.schedule import Request, run_schedule
    from gc_cli.render.schedule import render

    check_dates(at=at, from_=start, until=until, now=now)
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
    render(result, _stdout(), color=_color(sys.stdout))


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
        help=_("From this day (or date and time), local to the root's zone."),
        show_default=False,
    ),
]
ToOption = Annotated[
    str | None,
    typer.Option(
        "--to",
        metavar="DATE",
        help=_("Up to this day, included (or this date and time)."),
        show_default=False,
    ),
]


def _output(output_format: str) -> Output:
    """Where views render: stdout, laid out for a person when it is a terminal."""
    from gc_cli.render.views import Output

    isatty = getattr(sys.stdout, "isatty", None)
    stream = _stdout(machine=output_format in ("json", "csv"))
    return Output(stream, terminal=bool(isatty and isatty()), color=_color(sys.stdout))


def _view_exit(note: str | None) -> NoReturn:
    """Exit 0, or 1 after saying on stderr what the view had to leave out."""
    if note:
        _say(note)
    raise typer.Exit(1 if note else 0)


@app.command(
    name="list",
    help=_(
        "List the posts in date order, recurring posts expanded.\n\n"
        "Every post unless --from/--to narrow the window (a date is the whole "
        "day; a time without offset is local). A post with only a day comes "
        "before that day's timed posts; posts without a date come last, and a "
        "window leaves them out. A filter given twice matches either value. In a "
        "terminal, past posts are dimmed. Exit 1 when some posts could not be "
        "read and are missing from the list (gc-cli check shows why).\n\n"
        "Example: gc-cli list --from 2026-12-01 --to 2026-12-31 --channel instagram"
    ),
)
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
        typer.Option("--format", help=_("table for people, json (SPEC §2.2) or csv for tools.")),
    ] = ListFormat.table,
    calendars: CalendarsOption = None,
    now: NowOption = None,
) -> None:
    """List the posts in date order, recurring posts expanded.

    Example: gc-cli list --from 2026-12-01 --to 2026-12-31 --channel instagram
    """
    from gc_cli.query import views
    from gc_cli.render.views import render_list

    check_dates(now=now, from_=from_, to=to)
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
    render_list(
        items, output_format.value, _output(output_format.value), calendar=calendar, now=moment
    )
    _view_exit(views.loading_note(calendar))


@app.command(
    name="calendar",
    help=_(
        "A month grid of the posts in the terminal.\n\n"
        "Weeks are rows starting on Monday. Each day shows the letters of its "
        'channels and its posts (time and short title, or "+N more" when the cell '
        "is full); today is in brackets. Cancelled posts are left out.\n\n"
        "Example: gc-cli calendar --month 2026-12"
    ),
)
@_guard
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

    Example: gc-cli calendar --month 2026-12
    """
    from gc_cli.query import views
    from gc_cli.render.views import render_calendar

    check_dates(now=now)
    calendar = views.load(_root(calendars))
    render_calendar(views.month_grid(calendar, month, now=now), _output("table"))
    _view_exit(views.loading_note(calendar))


@app.command(
    name="report",
    help=_(
        "Content mix by kind and channel, posts per owner, gaps.\n\n"
        "Over whole days: by default the 30 days from today (today included); "
        "--from alone gives 30 days from that day, --to alone ends the window "
        "there. Each occurrence of a recurring post counts; cancelled posts are "
        "left out. Also: posts per owner (internal or external), the days without "
        "any post, the share of posts with a picture, and the posts still idea or "
        "draft within 7 days of their date.\n\n"
        "Example: gc-cli report --from 2026-12-01 --to 2026-12-31"
    ),
)
@_guard
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

    Example: gc-cli report --from 2026-12-01 --to 2026-12-31
    """
    from gc_cli.query import views
    from gc_cli.render.views import render_report

    check_dates(now=now, from_=from_, to=to)
    calendar = views.load(_root(calendars))
    figures = views.report(calendar, start=from_, end=to, now=now)
    render_report(figures, output_format.value, _output(output_format.value))
    _view_exit(views.loading_note(calendar))


class CoverageFormat(StrEnum):
    table = "table"
    json = "json"


@app.command(
    name="coverage",
    help=_(
        "Who answers the community, when: the gaps nobody covers and how long they last.\n\n"
        "Reads the interactions: block of settings.yaml (response_target, roster, "
        "absences). Over the window (default: the next 14 days; a date is the "
        "whole local day, --to included), every span when nobody is on duty with "
        "the longest wait for a first answer (a message sent at its start waits "
        "until somebody comes on duty, in real elapsed time), the posts going out "
        "into them, a heat map of the week (days by hours, who is on duty), and "
        "the share of the window covered. Exit 0 when every wait is within "
        "response_target (or there is no roster), 1 when one is not or a roster "
        "entry cannot be used, 2 on a usage error.\n\n"
        "Example: gc-cli coverage --from 2026-12-21 --to 2027-01-03"
    ),
)
@_guard
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

    Example: gc-cli coverage --from 2026-12-21 --to 2027-01-03
    """
    from gc_cli.query import views
    from gc_cli.query.coverage import coverage
    from gc_cli.render.coverage import render_coverage

    check_dates(now=now, from_=from_, to=to)
    calendar = views.load(_root(calendars))
    result = coverage(calendar, start=from_, end=to, now=now)
    render_coverage(result, output_format.value, _output(output_format.value))
    note = views.loading_note(calendar)
    if note:
        _say(note)
    raise typer.Exit(0 if result.ok and not note else 1)


# The registry's names: adding a format to gc_cli.exporters adds it here.
ExportFormat = StrEnum(  # type: ignore[misc]  # members come from the registry
    "ExportFormat", [(name, name) for name in FORMAT_NAMES]
)


@app.command(
    name="export",
    help=_(
        "Export the upcoming posts: calendar, spreadsheet, review page, bulk upload.\n\n"
        "The next 30 days from now unless --days N or --from/--to say otherwise "
        "(a date is the whole local day); cancelled posts are left out and "
        "recurring posts expanded, as list shows them. hootsuite, buffer and "
        "sprout take only ready and scheduled posts without errors, on one "
        "channel, at local wall times of the root's zone. What is left out is "
        "listed on stderr with the reason. Exit 0 when done, 1 when posts are "
        "missing because of errors in the calendar or a bulk file would exceed "
        "its tool's limit (nothing is written then), 2 on a usage error.\n\n"
        "Example: gc-cli export --format ics -o plan.ics"
    ),
)
@_guard
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
    calendars: CalendarsOption = None,
    now: NowOption = None,
) -> None:
    """Export the upcoming posts: calendar, spreadsheet, review page, bulk upload.

    Example: gc-cli export --format ics -o plan.ics
    """
    from gc_cli.exporters.run import check_output, run_export, write_output

    check_days(days)
    check_dates(now=now, from_=from_, to=to)
    root = _root(calendars)
    target = None if output is None or str(output) == "-" else output
    if target is not None:
        check_output(target, root, force=force)  # before the work, which it would waste
    result = run_export(
        root,
        output_format.value,
        now=now,
        days=days,
        start=from_,
        end=to,
        channel=channel,
        bom=bom,
    )
    if target is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(result.data)  # bytes as they are: BOM, CRLF, UTF-8
        sys.stdout.buffer.flush()
    else:
        write_output(target, result.data, root, force=force)
    for line in result.messages():
        _say(line)
    if target is not None:
        _say(result.summary(target))
    raise typer.Exit(0 if result.ok else 1)


#: The order of `gc-cli --help`: the daily tasks first, set-up last.
COMMAND_ORDER = (
    "check",
    "list",
    "calendar",
    "report",
    "coverage",
    "schedule",
    "images",
    "export",
    "init",
    "schema",
)


def _command_name(info: typer.models.CommandInfo) -> str:
    return info.name or (info.callback.__name__ if info.callback else "")


app.registered_commands.sort(
    key=lambda info: (*COMMAND_ORDER, _command_name(info)).index(_command_name(info))
)


def main() -> None:
    """Entry point of the ``gc-cli`` console script."""
    _configure_streams()
    try:
        app()
    except GcError as exc:
        _say(message_of(exc))
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        _say(_("interrupted"))
        sys.exit(130)
    except Exception as exc:  # never a traceback: one line, exit 2
        _say(_("unexpected failure: {error!r}").format(error=exc))
        sys.exit(2)
