"""``gc-cli schedule``: set, move or clear one post's time, or fill the posting slots.

Which options go together is the command line's business; the library has
one function per action (:mod:`gc_cli.planning.schedule`). Library modules
are imported inside the command: only the command that runs pays for them.
"""

import functools
from typing import Annotated

import typer

from gc_cli.cli.app import command
from gc_cli.cli.common import CalendarsOption, NowOption, guard, output, root
from gc_cli.cli.options import parse_date, parse_now, parse_target
from gc_cli.errors import GcError
from gc_cli.i18n import _


def check_options(
    post_id: str | None,
    *,
    at: str | None,
    clear: bool,
    auto: bool,
    start: str | None,
    until: str | None,
    force: bool,
    skip: bool = False,
) -> None:
    """:class:`GcError` (a usage error, exit 2) for options that mean nothing together."""
    given = (("--at", at is not None), ("--clear", clear), ("--auto", auto), ("--skip", skip))
    actions = [name for name, on in given if on]
    if len(actions) > 1:
        # "--at and --clear and --auto": each pair through the one template.
        both = functools.reduce(
            lambda first, second: _("{first} and {second}").format(first=first, second=second),
            actions,
        )
        raise GcError(
            _("give one of --at, --clear, --skip and --auto, not {options}").format(options=both)
        )
    if not actions:
        raise GcError(
            _(
                "say what to do: POST_ID --at DATETIME, POST_ID --clear, POST_ID@DATE --skip, "
                "or --auto (gc-cli schedule --help)"
            )
        )
    if skip and (post_id is None or "@" not in post_id):
        raise GcError(
            _(
                "--skip leaves out one occurrence of a recurring post: give it as "
                "POST_ID@DATE (pain-du-samedi@2027-03-13)"
            )
        )
    if auto:
        if post_id is not None:
            raise GcError(
                _(
                    "--auto fills the slots with every ready post; give no POST_ID "
                    "(to schedule {post} alone, use --at)"
                ).format(post=repr(post_id))
            )
        if force:
            raise GcError(_("--force applies to --at and --clear; --auto never forces"))
        return
    if post_id is None:
        raise GcError(
            _("{option} needs the POST_ID of the post to change").format(option=actions[0])
        )
    for name, value in (("--from", start), ("--until", until)):
        if value is not None:
            raise GcError(_("{option} applies to --auto only").format(option=name))


@command()
@guard()
def schedule(
    post_id: Annotated[
        str | None,
        typer.Argument(
            metavar="[POST_ID]",
            help=_(
                "The post to change (with --at or --clear); POST_ID@DATE names one "
                "occurrence of a recurring post (with --at, --skip or --clear)."
            ),
            show_default=False,
        ),
    ] = None,
    *,
    at: Annotated[
        str | None,
        typer.Option(
            "--at",
            metavar="DATETIME",
            help=_(
                "Set or move publish_at: 2026-12-01 09:00 (local to the root's zone), "
                "2026-12-01T09:00:00-05:00, or a date alone."
            ),
            show_default=False,
        ),
    ] = None,
    clear: Annotated[
        bool,
        typer.Option(
            "--clear",
            help=_(
                "Remove publish_at: the post is no longer scheduled. For POST_ID@DATE: put "
                "the occurrence back where its repeat rule has it."
            ),
        ),
    ] = False,
    skip: Annotated[
        bool,
        typer.Option(
            "--skip",
            help=_("For POST_ID@DATE: leave out that occurrence of a recurring post (skip:)."),
        ),
    ] = False,
    auto: Annotated[
        bool,
        typer.Option(
            "--auto",
            help=_("Give every ready post without a time the next free slot of settings.slots."),
        ),
    ] = False,
    start: Annotated[
        str | None,
        typer.Option(
            "--from",
            metavar="D",
            help=_("With --auto: use slots from this date or time on (default: now)."),
            show_default=False,
        ),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option(
            "--until",
            metavar="D",
            help=_(
                "With --auto: use slots up to this date (included) or time "
                "(default: 8 weeks after the start)."
            ),
            show_default=False,
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help=_("Show what would change; write nothing."))
    ] = False,
    force: Annotated[
        bool,
        typer.Option(
            "--force", help=_("With --at or --clear: write even if check would report an error.")
        ),
    ] = False,
    calendars: CalendarsOption = None,
    now: NowOption = None,
) -> None:
    """Set, move or clear a post's publish_at, skip or move one occurrence, or fill the slots.

    Only the post's publish_at line changes (added after its id: line,
    replaced, or removed); every other byte of the file stays as it was, and
    the file is replaced atomically. For one occurrence of a recurring post
    (POST_ID@DATE), --skip adds its date to the post's skip:, --at moves it
    (moved:), --clear puts it back. --auto fills no slot on a day the
    organisation is closed (closed: of settings.yaml). Exit 0 when done, 1
    when the change is refused (unknown id or occurrence, a time that does
    not exist, a time that would give an error in check without --force, a
    file changed meanwhile), 2 on a usage error. Nothing is written when a
    change is refused.

    Example: gc-cli schedule blogue-horaire-fetes --at "2026-12-01 09:00"
    """
    from gc_cli.planning.schedule import (
        clear_post,
        schedule_auto,
        schedule_occurrence,
        schedule_post,
    )
    from gc_cli.render.schedule import render

    when = parse_date(at, "--at")
    first, last = parse_date(start, "--from"), parse_date(until, "--until")
    moment = parse_now(now)
    check_options(
        post_id, at=at, clear=clear, auto=auto, start=start, until=until, force=force, skip=skip
    )
    target, day = parse_target(post_id) if post_id is not None else (None, None)
    calendar_root = root(calendars)
    if target is not None and day is not None:
        result = schedule_occurrence(
            calendar_root,
            target,
            day,
            skip=skip,
            at=when,
            now=moment,
            force=force,
            dry_run=dry_run,
        )
    elif auto:
        result = schedule_auto(calendar_root, start=first, until=last, now=moment, dry_run=dry_run)
    elif clear:
        assert post_id is not None
        result = clear_post(calendar_root, post_id, now=moment, force=force, dry_run=dry_run)
    else:
        assert post_id is not None and when is not None
        result = schedule_post(
            calendar_root, post_id, when, now=moment, force=force, dry_run=dry_run
        )
    render(result, output())
