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


def message_of(exc: BaseException) -> str:
    """The message ``exc`` was raised with: its :class:`~gc_cli.i18n.Message` if it has one.

    ``str(exc)`` turns a Message into plain English text, so code that
    carries an exception's reason on (into a Problem, or into another
    message) takes it from here to keep it translatable.
    """
    if len(exc.args) == 1 and isinstance(exc.args[0], Message):
        return exc.args[0]
    return str(exc)
