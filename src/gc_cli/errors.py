"""The library's own exceptions: failures that stop a command."""

from __future__ import annotations

from gc_cli.i18n import Message


class GcError(Exception):
    """A usage or environment failure, with a one-line message naming what is wrong.

    The command line exits with :attr:`exit_code`: 2, a usage error. The
    message may be a :class:`~gc_cli.i18n.Message`, shown in the user's
    language (see :func:`message_of`).
    """

    exit_code = 2


class Refused(GcError):
    """A requested change that gc-cli refuses to make (exit code 1)."""

    exit_code = 1


class BadArgument(GcError):
    """A value given to a library function that it cannot use (a usage error, exit 2).

    It names the function's parameter (``end``), not a command-line option:
    the command line words it as its own option (``--to``). ``reason`` says
    what is wrong with the value, without the parameter's name.
    """

    def __init__(self, parameter: str, reason: str) -> None:
        super().__init__(Message("{parameter}: {reason}", parameter=parameter, reason=reason))
        self.parameter = parameter
        self.reason = reason


class RefusedArgument(BadArgument, Refused):
    """A value a change is refused for, naming the parameter (exit 1, like every refusal)."""

    exit_code = 1


class CalendarUnusable(GcError):
    """settings.yaml is missing or invalid, so the posts' times cannot be read (exit 1)."""

    exit_code = 1


def message_of(exc: BaseException) -> str:
    """The message ``exc`` was raised with: its :class:`~gc_cli.i18n.Message` if it has one.

    ``str(exc)`` turns a Message into plain English text, so code that
    carries an exception's reason on (into a Problem, or into another
    message) takes it from here to keep it translatable.
    """
    if len(exc.args) == 1 and isinstance(exc.args[0], Message):
        return exc.args[0]
    return str(exc)
