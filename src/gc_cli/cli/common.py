"""What every command shares: the common options, where output goes, and errors as exit codes.

The library names what it was given by its parameters (``end``); the
command line names its options (``--to``): :func:`guard` words a
:class:`~gc_cli.errors.BadArgument` with the option of the command that
passed the value.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn, ParamSpec, TextIO, cast

import typer

from gc_cli.errors import BadArgument, GcError, message_of
from gc_cli.i18n import _, translated
from gc_cli.visible import VisibleWriter, one_line

if TYPE_CHECKING:
    from gc_cli.render.common import Output

P = ParamSpec("P")

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

#: The option that passes each library parameter, in every command; a command
#: that passes a parameter through another option says so to :func:`guard`.
OPTIONS: Mapping[str, str] = {
    "start": "--from",
    "end": "--to",
    "until": "--until",
    "now": "--now",
    "at": "--at",
    "days": "--days",
    "month": "--month",
    "channel": "--channel",
    "kind": "--kind",
    "status": "--status",
    "owner": "--owner",
    "campaign": "--campaign",
    "unscheduled": "--unscheduled",
    "format": "--format",
    "bom": "--bom",
    "post_id": "POST_ID",
    "url": "--url",
    "by": "--by",
    "mark": "--mark",
}


def say(message: str) -> None:
    """One line on stderr, for a person: ``gc-cli: `` and ``message`` in their language.

    The message may quote calendar values: it stays one line, its control
    characters shown (:mod:`gc_cli.visible`).
    """
    sys.stderr.write(f"gc-cli: {one_line(translated(message))}\n")


def fail(message: str, code: int = 2) -> NoReturn:
    say(message)
    raise typer.Exit(code)


def _shortened(name: str, most: int = 80) -> str:
    """A path as long as a line allows: its start and its end around an ellipsis."""
    if len(name) <= most:
        return name
    half = (most - 1) // 2
    return f"{name[:half]}…{name[-half:]}"


def os_error(exc: OSError, option: str | None = None) -> str:
    """``--calendars: aaaa…aaaa: File name too long``: the option, the path, the system's reason."""
    name = None if exc.filename is None else _shortened(os.fsdecode(exc.filename))
    parts = (option, name, exc.strerror or str(exc))
    return ": ".join(part for part in parts if part)


def worded(exc: BadArgument, options: Mapping[str, str] = OPTIONS) -> str:
    """A library's :class:`BadArgument` as the command line says it: ``--to: …``."""
    option = options.get(exc.parameter, OPTIONS.get(exc.parameter, exc.parameter))
    return _("{option}: {reason}").format(option=option, reason=translated(exc.reason))


def guard(**options: str) -> Callable[[Callable[P, None]], Callable[P, None]]:
    """Turn the library's errors into one line on stderr and their exit code.

    ``options`` names the option that passes a parameter where it is not the
    usual one (``end="--until"``). A system error on a path (a name too long,
    a folder without permission) is exit 2, naming the path: an unreadable
    path given on the command line is a usage error.
    """
    names = {**OPTIONS, **options}

    def decorate(command: Callable[P, None]) -> Callable[P, None]:
        @functools.wraps(command)
        def guarded(*args: P.args, **kwargs: P.kwargs) -> None:
            try:
                command(*args, **kwargs)
            except BadArgument as exc:
                fail(worded(exc, names), exc.exit_code)
            except GcError as exc:
                fail(message_of(exc), exc.exit_code)
            except OSError as exc:
                fail(os_error(exc))

        return guarded

    return decorate


def root(option: str | None) -> Path:
    """The calendar root from ``--calendars``, ``GC_CALENDARS`` or the current folder."""
    # Imported here, as every library module is in the commands: --help and
    # --version load no model.
    from gc_cli.store.loader import find_root

    try:
        return find_root(option, os.environ, Path.cwd())
    except OSError as exc:
        origin = (
            "--calendars" if option else "GC_CALENDARS" if os.environ.get("GC_CALENDARS") else None
        )
        raise GcError(os_error(exc, origin)) from None


def color(stream: object) -> bool:
    """Whether ``stream`` is a terminal that takes colour (``NO_COLOR`` unset)."""
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty()) and "NO_COLOR" not in os.environ


def stdout(machine: bool = False) -> TextIO:
    """stdout: for people, control characters shown and colour only in a terminal.

    A ``machine`` format (JSON, CSV) goes out as it is: its writer escapes
    (JSON) or shows (CSV cells) control characters itself, and keeps what a
    terminal rule would change (bidirectional marks in a CSV cell).
    """
    if machine:
        return sys.stdout
    return cast(TextIO, VisibleWriter(sys.stdout, color=color(sys.stdout)))


#: The formats written for programs, never laid out for people.
MACHINE_FORMATS = frozenset({"json", "csv"})


def output(output_format: str = "table") -> Output:
    """Where a command renders: stdout, laid out for a person when it is a terminal."""
    from gc_cli.render.common import Output

    isatty = getattr(sys.stdout, "isatty", None)
    stream = stdout(machine=output_format in MACHINE_FORMATS)
    return Output(
        stream,
        terminal=bool(isatty and isatty()),
        color=color(sys.stdout),
        format=output_format,
    )


def view_exit(note: str | None) -> NoReturn:
    """Exit 0, or 1 after saying on stderr what the view had to leave out."""
    if note:
        say(note)
    raise typer.Exit(1 if note else 0)
