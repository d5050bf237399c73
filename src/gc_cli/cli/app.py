"""The Typer application: its words in the user's language, its streams, its entry point.

The command modules (:mod:`gc_cli.cli.check`, :mod:`gc_cli.cli.views`, ...)
register their commands on :data:`app` with :func:`command`, which takes a
command's help from its docstring, translated through the catalog (the
catalog script extracts those docstrings). ``cli/__init__.py`` imports them
all, then sorts the commands for ``gc-cli --help``.
"""

from __future__ import annotations

import inspect
import os
import sys
from collections.abc import Callable
from typing import IO, Any, TypeVar

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
import typer.main

from gc_cli.i18n import N_, _
from gc_cli.visible import encoding_errors, visible

F = TypeVar("F", bound=Callable[..., Any])


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

    completion_arguments = typer.main.get_install_completion_arguments

    def translated_completion_arguments() -> tuple[Any, Any]:
        # --install-completion and --show-completion: Typer's English help, translated.
        install, show_it = completion_arguments()
        install.help = _("Install completion for the current shell.")  # type: ignore[attr-defined]
        show_it.help = _(  # type: ignore[attr-defined]
            "Show completion for the current shell, to copy it or customize the installation."
        )
        return install, show_it

    typer.main.get_install_completion_arguments = translated_completion_arguments


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
    add_completion=True,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def help_text(docstring: str) -> str:
    """A command's docstring as its message in the catalog: paragraphs of one line each.

    Click rewraps every paragraph to the terminal anyway; one line each keeps
    the catalog's messages the same whatever the docstring's indentation.
    """
    paragraphs = inspect.cleandoc(docstring).split("\n\n")
    return "\n\n".join(" ".join(paragraph.split()) for paragraph in paragraphs)


def command(name: str | None = None) -> Callable[[F], F]:
    """Register a command on :data:`app`, its help the function's docstring in the user's
    language; the first paragraph, a whole sentence, is its summary in ``gc-cli --help``."""

    def register(function: F) -> F:
        translated = _(help_text(function.__doc__ or ""))
        summary = translated.split("\n\n", 1)[0]
        app.command(name=name, help=translated, short_help=summary)(function)
        return function

    return register


def configure_streams() -> None:
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
