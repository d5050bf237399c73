"""``gc-cli replies``: saved replies found by words, and away messages, ready to paste.

Library modules are imported inside the command: only the command that runs
pays for its imports.
"""

# Annotations stay objects here (no postponed evaluation): Typer reads every
# command's signature at each start, and evaluating strings cost it more.
from enum import StrEnum
from typing import Annotated

import typer

from gc_cli.cli.app import command
from gc_cli.cli.common import CalendarsOption, NowOption, guard, output, root, say
from gc_cli.cli.options import Relative, parse_at, parse_now, resolve
from gc_cli.i18n import _


class RepliesFormat(StrEnum):
    text = "text"
    json = "json"


@command(name="replies")
@guard()
def replies(
    words: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[WORDS]...",
            help=_("Words to look for (accents and case do not matter); none: every reply."),
            show_default=False,
        ),
    ] = None,
    *,
    channel: Annotated[
        str | None,
        typer.Option(
            "--channel",
            metavar="CHANNEL",
            help=_("Only the replies meant for this channel (or the away message of it)."),
            show_default=False,
        ),
    ] = None,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            metavar="LANG",
            help=_("The text in this language (fr, en); default: settings.yaml's language."),
            show_default=False,
        ),
    ] = None,
    at: Annotated[
        str | None,
        typer.Option(
            "--at",
            metavar="WHEN",
            help=_(
                "When the reply is sent, for {next_reply}: a date and time, or a day of "
                'the week and an hour ("samedi 22 h", "sat 22:00"). Default: now.'
            ),
            show_default=False,
        ),
    ] = None,
    away: Annotated[
        bool,
        typer.Option("--away", help=_("Print the away messages instead of saved replies.")),
    ] = False,
    output_format: Annotated[
        RepliesFormat,
        typer.Option("--format", help=_("text: ready to paste; json: for scripts.")),
    ] = RepliesFormat.text,
    calendars: CalendarsOption = None,
    now: NowOption = None,
) -> None:
    """Find saved replies by words and print them filled in, ready to paste.

    Saved replies are the files of replies/ in the calendar root. Their facts
    ({name}, from facts: in settings.yaml) and {next_reply} (the next time
    somebody is on duty, closures and absences included) are filled in. The
    best matches come first: words in the title and keywords weigh more than
    words in the text, and a word may be the start of a longer one. With
    --away, prints each channel's away message as a customer gets it at
    --at. Exit 0, 1 when the calendar has errors (what could not be read is
    left out), 2 on a usage error.

    Example: gc-cli replies --away --at "samedi 22 h"
    """
    from datetime import date, datetime, time
    from zoneinfo import ZoneInfo

    from gc_cli.query.replies import away_messages, search_replies, upcoming
    from gc_cli.query.select import load, loading_note
    from gc_cli.render.replies import Replies, render

    moment, when = parse_now(now), parse_at(at)
    calendar = load(root(calendars))
    if isinstance(when, Relative):
        when = resolve(when, calendar.zone or ZoneInfo("UTC"), moment)
    sent: datetime | None
    if isinstance(when, tuple):
        sent = upcoming(calendar, when[0], when[1], moment)
    elif isinstance(when, date) and not isinstance(when, datetime):
        sent = datetime.combine(when, time(0))
    else:
        sent = when
    if away:
        found = Replies(
            away=away_messages(calendar, channel=channel, language=lang, at=sent, now=moment),
            asked_away=True,
        )
    else:
        found = Replies(
            found=search_replies(
                calendar, words or (), channel=channel, language=lang, at=sent, now=moment
            )
        )
    render(found, output(output_format.value))
    note = loading_note(calendar)
    if note:
        say(note)
    raise typer.Exit(1 if note else 0)
