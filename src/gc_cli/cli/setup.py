"""``gc-cli init`` and ``schema``: setting up a calendar root and an editor.

Library modules are imported inside each command: only the command that
runs pays for its imports.
"""

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from gc_cli.cli.app import command
from gc_cli.cli.common import guard, stdout
from gc_cli.i18n import _


class SchemaKind(StrEnum):
    posts = "posts"
    settings = "settings"
    replies = "replies"


@command()
@guard()
def schema(
    kind: Annotated[
        SchemaKind,
        typer.Argument(help=_("Which file: a post file, settings.yaml, or a reply file.")),
    ] = SchemaKind.posts,
) -> None:
    """Print the JSON Schema of post files, settings.yaml or reply files, for editors.

    Example: gc-cli schema settings > settings.schema.json
    """
    # The schema itself stays in English: editors and tools read it.
    from gc_cli.store.scaffold import schema_bytes
    from gc_cli.store.schema import post_file_schema, reply_file_schema, settings_schema

    make = {
        SchemaKind.posts: post_file_schema,
        SchemaKind.settings: settings_schema,
        SchemaKind.replies: reply_file_schema,
    }[kind]
    sys.stdout.write(schema_bytes(make).decode("utf-8"))


@command()
@guard()
def init(
    path: Annotated[Path, typer.Argument(help=_("Folder to create the calendar root in."))] = Path(
        "calendars"
    ),
    *,
    timezone: Annotated[
        str,
        typer.Option("--timezone", metavar="ZONE", help=_("IANA time zone of the organisation.")),
    ] = "America/Toronto",
) -> None:
    """Create a working calendar root: settings.yaml, one example post, and their schemas.

    The first line of each file names its JSON Schema (settings.schema.json,
    posts.schema.json, written beside them), so that an editor with the YAML
    language server completes keys and underlines mistakes. Refuses (exit 1)
    to overwrite an existing settings.yaml.

    Example: gc-cli init calendars --timezone America/Toronto
    """
    from gc_cli.store.scaffold import create_root

    created = create_root(path, timezone)
    out = stdout()
    for file in created:
        out.write(_("created {file}").format(file=file) + "\n")
    out.write(_("Next: {command}").format(command=f"gc-cli check --calendars {path}") + "\n")
