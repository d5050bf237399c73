"""``gc-cli images``: the attachments, read by content, and how each fits its channels.

Library modules are imported inside the command: only the command that runs
pays for its imports.
"""

import sys
from enum import StrEnum
from typing import Annotated

import typer

from gc_cli.cli.app import command
from gc_cli.cli.common import CalendarsOption, NowOption, guard, output, root, say
from gc_cli.cli.options import parse_now
from gc_cli.i18n import _


class ImagesFormat(StrEnum):
    table = "table"
    json = "json"


@command()
@guard()
def images(
    *,
    output_format: Annotated[
        ImagesFormat,
        typer.Option(
            "--format", help=_("table: for people (plain text when piped); json: for scripts.")
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
    from gc_cli.images import run_inventory
    from gc_cli.render.images import notes, progress_bar, render

    moment = parse_now(now)
    with progress_bar(sys.stderr) as progress:
        inventory = run_inventory(root(calendars), moment, progress=progress)
    render(inventory, output(output_format.value))
    if output_format is ImagesFormat.json:
        for note in notes(inventory):  # the table says them; JSON has only flags
            say(note)
    # Settings that cannot be read, or posts left out, make the list
    # incomplete: exit 1, as every other command does then.
    complete = inventory.settings_ok and not (inventory.loading_errors or inventory.skipped_posts)
    raise typer.Exit(0 if inventory.ok and complete else 1)
