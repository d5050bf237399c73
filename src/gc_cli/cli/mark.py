"""``gc-cli mark`` and ``gc-cli approve``: what happened to posts, written back to their files.

Library modules are imported inside the commands: only the command that runs
pays for them.
"""

from typing import Annotated

import typer

from gc_cli.cli.app import command
from gc_cli.cli.common import CalendarsOption, NowOption, guard, output, root
from gc_cli.cli.options import parse_now, parse_target, parse_urls
from gc_cli.errors import GcError
from gc_cli.i18n import _

DryRunOption = Annotated[
    bool, typer.Option("--dry-run", help=_("Show what would change; write nothing."))
]


@command()
@guard(status="STATUS", url="--url")
def mark(
    targets: Annotated[
        list[str],
        typer.Argument(
            metavar="POST_ID... STATUS",
            help=_(
                "The posts, then the status to give them: published, scheduled, cancelled, "
                "ready, draft or idea. POST_ID@DATE names one occurrence of a recurring post."
            ),
            show_default=False,
        ),
    ],
    *,
    url: Annotated[
        list[str] | None,
        typer.Option(
            "--url",
            metavar="URL",
            help=_(
                "With published: where the post lives (published_url). CHANNEL=URL gives "
                "one per channel (repeat the option)."
            ),
            show_default=False,
        ),
    ] = None,
    force: Annotated[
        bool,
        typer.Option("--force", help=_("Write even if check would report an error.")),
    ] = False,
    dry_run: DryRunOption = False,
    calendars: CalendarsOption = None,
    now: NowOption = None,
) -> None:
    """Mark posts published, scheduled, cancelled, or back to ready or draft.

    Records in the files what happened once posts left for a publishing tool:
    their status line (or, for POST_ID@DATE, the occurrence's entry in the
    post's occurrences:), and with --url where a published post lives. Several
    posts at once, all or nothing: an unknown id or occurrence, a file whose
    layout cannot take the edit, or a change that would give a post an error
    of check (published before its time, scheduled without a time) refuses
    them all, unless --force for the latter. Exit 0 when done, 1 when refused,
    2 on a usage error.

    Example: gc-cli mark blogue-horaire-fetes published --url https://facebook.com/lamiedoree/posts/123
    """
    from gc_cli.planning.mark import mark_posts
    from gc_cli.render.mark import render

    if len(targets) < 2:
        raise GcError(
            _("give the posts, then the status: gc-cli mark POST_ID... STATUS (published, ...)")
        )
    *names, status = targets
    moment = parse_now(now)
    wanted = [parse_target(name) for name in names]
    urls = parse_urls(url)
    result = mark_posts(
        root(calendars), wanted, status, urls=urls, now=moment, force=force, dry_run=dry_run
    )
    render(result, output())


@command()
@guard(by="--by")
def approve(
    post_ids: Annotated[
        list[str],
        typer.Argument(metavar="POST_ID...", help=_("The posts approved."), show_default=False),
    ],
    *,
    by: Annotated[
        str | None,
        typer.Option(
            "--by",
            metavar="MEMBER",
            envvar="GC_MEMBER",
            help=_(
                "Who approves: an in-house team member with the content role (default: "
                "$GC_MEMBER, else the only one who may)."
            ),
            show_default=False,
        ),
    ] = None,
    dry_run: DryRunOption = False,
    calendars: CalendarsOption = None,
) -> None:
    """Record that posts were approved: approved_by in their files.

    The posts of an external owner (an agency) need an in-house member's
    approval from ready on (rules.approval in settings.yaml says which posts
    do); check reports not-approved until approved_by is there. All or
    nothing: an unknown id, a member who cannot approve a post (external,
    without the content role, its owner) or a file whose layout cannot take
    the edit refuses them all. Exit 0 when done, 1 when refused, 2 on a
    usage error.

    Example: gc-cli approve blogue-pain-dore lieu-terrasse-hiver --by sophie
    """
    from gc_cli.planning.mark import approve_posts
    from gc_cli.render.mark import render

    result = approve_posts(root(calendars), post_ids, by=by, dry_run=dry_run)
    render(result, output())
