"""``gc-cli new``, ``template`` and ``import``: bringing posts into the calendar.

Library modules are imported inside each command: only the command that
runs pays for its imports.
"""

import sys
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from gc_cli.cli.app import command
from gc_cli.cli.common import CalendarsOption, NowOption, guard, output, root
from gc_cli.cli.options import parse_date, parse_now, resolve_in_root
from gc_cli.errors import GcError
from gc_cli.i18n import _

FileOption = Annotated[
    str | None,
    typer.Option(
        "--file",
        metavar="PATH",
        help=_("Write into this post file (default: the month's file, or ideas.yaml)."),
        show_default=False,
    ),
]
DryRunOption = Annotated[
    bool, typer.Option("--dry-run", help=_("Show what would be written; write nothing."))
]
ChannelsOption = Annotated[
    list[str] | None,
    typer.Option(
        "--channel",
        metavar="NAME",
        help=_("A channel of the posts that name none (repeat the option for several)."),
        show_default=False,
    ),
]
OwnerOption = Annotated[
    str | None,
    typer.Option(
        "--owner",
        metavar="KEY",
        help=_("The owner of the posts that name none (a key of settings.team)."),
        show_default=False,
    ),
]


class Kind(StrEnum):
    article = "article"
    product = "product"
    facility = "facility"
    team = "team"
    video = "video"
    other = "other"


class Source(StrEnum):
    csv = "csv"
    feed = "feed"


class DateOrder(StrEnum):
    dmy = "dmy"
    mdy = "mdy"


def _finish(result: Any) -> None:
    from gc_cli.render.importing import render

    render(result, output())
    if not result.ok:
        raise typer.Exit(1)


def _interactive() -> bool:
    """Whether someone can answer questions: stdin is a terminal (never in a pipe or CI)."""
    return sys.stdin.isatty()


def _ask(label: str, *, required: bool = False, default: str = "") -> str:
    """One answer typed in the terminal (empty when not required and nothing typed)."""
    answer: str = typer.prompt(label, default=default, show_default=bool(default))
    while required and not answer.strip():
        answer = typer.prompt(label)
    return answer.strip()


@command()
@guard(channel="--channel")
def new(
    *,
    kind: Annotated[
        Kind | None, typer.Option("--kind", help=_("What the post is about."), show_default=False)
    ] = None,
    title: Annotated[
        str | None,
        typer.Option("--title", help=_("The internal title; the id is made from it.")),
    ] = None,
    at: Annotated[
        str | None,
        typer.Option(
            "--at",
            metavar="DATETIME",
            help=_("publish_at: 2026-12-01 09:00 (local to the root's zone), or a date alone."),
            show_default=False,
        ),
    ] = None,
    channel: ChannelsOption = None,
    owner: OwnerOption = None,
    text: Annotated[
        str | None, typer.Option("--text", help=_("The text to publish."), show_default=False)
    ] = None,
    link: Annotated[
        str | None,
        typer.Option("--link", metavar="URL", help=_("The link it shares."), show_default=False),
    ] = None,
    image: Annotated[
        str | None,
        typer.Option(
            "--image",
            metavar="PATH",
            help=_("An image, relative to the calendar root."),
            show_default=False,
        ),
    ] = None,
    alt: Annotated[
        str | None,
        typer.Option("--alt", metavar="TEXT", help=_("The image's alt text."), show_default=False),
    ] = None,
    post_id: Annotated[
        str | None,
        typer.Option(
            "--id",
            metavar="ID",
            help=_("The id (default: made from the title)."),
            show_default=False,
        ),
    ] = None,
    file: FileOption = None,
    dry_run: DryRunOption = False,
    calendars: CalendarsOption = None,
    now: NowOption = None,
) -> None:
    """Add a post to the calendar, from options or by asking for what is missing.

    In a terminal, what the options do not give is asked for (the title at
    least); otherwise nothing is asked. The id is made from the title
    (accents folded, unique in the root). The post is added at the end of
    its month's file (or --file), in that file's own style, every other byte
    kept, as an idea (a draft when it has a text). Then the root is checked
    and the new post's problems are shown. Exit 0 when written and check
    finds no error on it, 1 when it has errors (it is written all the same)
    or is refused, 2 on a usage error.

    Example: gc-cli new --title "Conserver son pain" --at 2026-12-04 --channel facebook
    """
    from gc_cli.planning.importing import new_post

    if _interactive():
        title = title or _ask(_("Title"), required=True)
        if kind is None:
            kinds = [k.value for k in Kind]
            answer = ""
            while answer not in kinds:
                answer = _ask(_("Kind ({kinds})").format(kinds=", ".join(kinds)), default="other")
            kind = Kind(answer)
        at = at if at is not None else (_ask(_("Date and time (empty: not scheduled)")) or None)
        if not channel:
            answer = _ask(_("Channels, separated by spaces (empty: none yet)"))
            channel = answer.replace(",", " ").split() or None
        text = text if text is not None else (_ask(_("Text (empty: later)")) or None)
    if not title:
        raise GcError(_("--title is required (no terminal to ask for it)"))
    moment = parse_now(now)
    calendar_root = root(calendars)
    (when,) = resolve_in_root(calendar_root, moment, parse_date(at, "--at"))
    if alt is not None and image is None:
        raise GcError(_("--alt goes with --image"))
    values: dict[str, Any] = {
        "id": post_id,
        "kind": (kind or Kind.other).value,
        "title": title,
        "publish_at": when,
        "channels": list(channel or []),
        "status": "draft" if text else "idea",
        "owner": owner,
        "text": text,
        "link": link,
        "images": [{"path": image, **({"alt": alt} if alt else {})}] if image else [],
    }
    result = new_post(calendar_root, values, file=file, dry_run=dry_run, now=moment)
    _finish(result)


class TemplateFormat(StrEnum):
    csv = "csv"


@command()
@guard()
def template(
    fmt: Annotated[TemplateFormat, typer.Argument(metavar="FORMAT", help=_("csv"))],
    *,
    output_path: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help=_("Write to FILE (refused if it exists) instead of stdout."),
            show_default=False,
        ),
    ] = None,
) -> None:
    """Write an empty spreadsheet for contributors: a header row and one example row.

    The columns are those of gc-cli import csv (docs/import.md describes
    each); replace the example row, add a row per post, send the file back.
    UTF-8 with a byte order mark, so that Excel shows accents.

    Example: gc-cli template csv -o publications.csv
    """
    from gc_cli.planning.rows import template as sheet
    from gc_cli.store import atomic

    data = sheet()
    if output_path is None:
        sys.stdout.buffer.write(data)
        return
    atomic.create([(output_path, data)], [str(output_path)])
    sys.stdout.write(_("wrote {file}").format(file=output_path) + "\n")


@command("import")
@guard(channel="--channel", date_order="--date-order", since="--since")
def import_(
    source_kind: Annotated[Source, typer.Argument(metavar="KIND", help=_("csv or feed."))],
    source: Annotated[
        str,
        typer.Argument(
            metavar="SOURCE", help=_("The CSV file, or the feed's file or http(s) URL.")
        ),
    ],
    *,
    channel: ChannelsOption = None,
    owner: OwnerOption = None,
    update: Annotated[
        bool,
        typer.Option("--update", help=_("Rewrite the posts already there whose values differ.")),
    ] = False,
    date_order: Annotated[
        DateOrder | None,
        typer.Option(
            "--date-order",
            help=_("How to read dates like 01/02/2026: day first (dmy) or month first (mdy)."),
            show_default=False,
        ),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            metavar="DATE",
            help=_("feed: only the articles published on or after this date."),
            show_default=False,
        ),
    ] = None,
    base: Annotated[
        str | None,
        typer.Option(
            "--base",
            metavar="URL",
            help=_("feed read from a file: the address its relative links are relative to."),
            show_default=False,
        ),
    ] = None,
    file: FileOption = None,
    dry_run: DryRunOption = False,
    no_images: Annotated[
        bool,
        typer.Option("--no-images", help=_("Check the posts written without opening image files.")),
    ] = False,
    calendars: CalendarsOption = None,
    now: NowOption = None,
) -> None:
    """Import posts from a spreadsheet, another tool's bulk file, or the blog's feed.

    csv reads gc-cli's template and its csv export, and the bulk files of
    Buffer, Hootsuite, Sprout Social, Publer and Metricool (recognised by
    their columns); UTF-8 with or without BOM, Excel's UTF-16 and ;
    variants, dates as people type them. Every row is validated first: a
    problem anywhere is reported at its line and column and nothing is
    written. Posts already in the calendar (same id, or for rows without an
    id the same link) are left as they are unless --update. feed turns each
    article not yet in the calendar into an article draft. Exit 0 when
    written and check finds no error on the posts written, 1 otherwise, 2
    on a usage error.

    Example: gc-cli import csv calendars/agence-fevrier.csv --dry-run
    """
    from gc_cli.planning.feed import import_feed
    from gc_cli.planning.importing import import_csv

    moment = parse_now(now)
    calendar_root = root(calendars)
    if source_kind is Source.csv:
        if since is not None or base is not None:
            raise GcError(_("--since and --base apply to feed only"))
        result = import_csv(
            calendar_root,
            Path(source),
            channels=channel or (),
            owner=owner,
            date_order=date_order.value if date_order else None,
            update=update,
            file=file,
            dry_run=dry_run,
            now=moment,
            images=not no_images,
        )
    else:
        if update or date_order:
            raise GcError(_("--update and --date-order apply to csv only"))
        (since_day,) = resolve_in_root(calendar_root, moment, parse_date(since, "--since"))
        # A day: a relative day with a time (``yesterday 09:00``) counts from its day.
        first = since_day.date() if isinstance(since_day, datetime) else since_day
        result = import_feed(
            calendar_root,
            source,
            channels=channel or (),
            owner=owner,
            since=first,
            base=base,
            file=file,
            dry_run=dry_run,
            now=moment,
            images=not no_images,
        )
    _finish(result)
