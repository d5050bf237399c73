"""The library's own exceptions: failures that stop a command."""


class GcError(Exception):
    """A usage or environment failure, with a one-line message naming what is wrong.

    The command line exits with :attr:`exit_code`: 2, a usage error.
    """

    exit_code = 2


class Refused(GcError):
    """A requested change that gc-cli refuses to make (exit code 1)."""

    exit_code = 1
