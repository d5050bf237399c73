"""``gc-cli check``: the command CI and pre-commit run.

Library modules are imported inside the command, as in every command
module: only the command that runs pays for its imports.
"""

# Annotations stay objects here (no postponed evaluation): Typer reads every
# command's signature at each start, and evaluating strings cost it more.
from enum import StrEnum
from typing import Annotated

import typer

from gc_cli.cli.app import command
from gc_cli.cli.common import CalendarsOption, NowOption, guard, output, root
from gc_cli.cli.options import parse_now
from gc_cli.i18n import _


class CheckFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"


@command()
@guard()
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

    Exit 0 when there is no error (with --strict, no warning either), 1 when
    there are, 2 on a usage error. With FILES, cross-file rules still see the
    whole root, so it works as a pre-commit hook.

    Example: gc-cli check --format github
    """
    from gc_cli.render.check import render
    from gc_cli.rules.check import run_check

    moment = parse_now(now)
    result = run_check(
        root(calendars), moment, images=not no_images, files=files or (), strict=strict
    )
    render(result, output(output_format.value))
    raise typer.Exit(0 if result.ok else 1)
