"""The command line: parse options, call the library, render, choose the exit code.

This package is the only code that imports typer: :mod:`.app` (the Typer
application), :mod:`.common` (shared options, output, errors as exit codes),
:mod:`.options` (dates typed on the command line), and a module per group of
commands. Exit codes: 0 done and no error, 1 the calendar has errors (or a
change was refused), 2 usage or environment error. No traceback reaches the
user.
"""

import sys
from typing import Annotated

import typer

from gc_cli import __version__
from gc_cli.cli import (
    check,
    coverage,
    export,
    images,
    importing,
    mark,
    replies,
    schedule,
    setup,
    views,
)
from gc_cli.cli.app import app, configure_streams
from gc_cli.cli.common import PIPE_CLOSED, say
from gc_cli.errors import GcError, message_of
from gc_cli.i18n import _

__all__ = ["app", "main"]

#: The command modules, imported for the commands they register on :data:`app`.
COMMAND_MODULES = (
    check,
    views,
    coverage,
    replies,
    schedule,
    mark,
    images,
    export,
    importing,
    setup,
)

#: The order of `gc-cli --help`: the daily tasks first, set-up last.
COMMAND_ORDER = (
    "check",
    "list",
    "show",
    "calendar",
    "report",
    "coverage",
    "replies",
    "schedule",
    "mark",
    "approve",
    "new",
    "images",
    "export",
    "template",
    "import",
    "init",
    "schema",
)


def _command_name(info: typer.models.CommandInfo) -> str:
    return info.name or (info.callback.__name__ if info.callback else "")


app.registered_commands.sort(
    key=lambda info: (*COMMAND_ORDER, _command_name(info)).index(_command_name(info))
)


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
    configure_streams()


def main() -> None:
    """Entry point of the ``gc-cli`` console script."""
    configure_streams()
    try:
        app()
    except GcError as exc:
        say(message_of(exc))
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        say(_("interrupted"))
        sys.exit(130)
    except BrokenPipeError:  # the reader went away while a command ended
        sys.exit(PIPE_CLOSED)
    except Exception as exc:  # never a traceback: one line, exit 2
        say(_("unexpected failure: {error!r}").format(error=exc))
        sys.exit(2)
