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
from typing import Annotated, NoReturn, ParamSpec

# Pydantic looks up plugins in every installed package's metadata on first
# use, a tenth of gc-cli's start-up; the command line has none to offer.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

import typer

from gc_cli import __version__
from gc_cli.errors import GcError

P = ParamSpec("P")

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


def _later(name: str) -> None:
    _fail(f"'{name}' is not yet available in this version", 2)


_LATER = {
    "list": "List the posts in date order, recurring posts expanded.",
    "schedule": "Set, move or clear a post's publish_at, or fill the posting slots.",
    "export": "Export the upcoming posts (ics, csv, json, markdown, html, bulk-upload CSV).",
    "calendar": "A month grid of the posts in the terminal.",
    "report": "Content mix by kind and channel, posts per owner, gaps.",
}


def _register_later(name: str, summary: str) -> None:
    def command(ctx: typer.Context) -> None:
        _later(name)

    command.__doc__ = f"{summary} (not yet available)"
    app.command(
        name=name,
        context_settings={"allow_extra_args": True, "ignore_unknown_options": True},
    )(command)


for _name, _summary in _LATER.items():
    _register_later(_name, _summary)


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
