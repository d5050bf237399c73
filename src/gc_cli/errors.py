"""The library's own exception: a failure that stops a command (exit code 2)."""


class GcError(Exception):
    """A usage or environment failure, with a one-line message naming what is wrong."""
