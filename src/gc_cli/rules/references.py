"""References between files: ids unique in the root, channels and owners that exist."""

from __future__ import annotations

from collections.abc import Iterator

from gc_cli.i18n import N_, Message
from gc_cli.problems import Example, Problem, Rule, Severity
from gc_cli.rules.context import Context
from gc_cli.store.loader import suggest

DUPLICATE_ID = Rule(
    "duplicate-id",
    Severity.error,
    N_(
        "Two posts with the same id anywhere in the root; reported at the later "
        "one, naming the first."
    ),
    Example(
        "posts:\n"
        "  - id: menu-noel\n"
        "    title: Le menu de Noël\n"
        "  - id: menu-noel\n"
        "    title: Le menu du réveillon\n",
        line=4,
    ),
)
UNKNOWN_CHANNEL = Rule(
    "unknown-channel",
    Severity.error,
    N_("A channel (in channels: or channel_text:) that settings.yaml does not enable."),
    Example(
        "posts:\n  - id: menu-noel\n    title: Le menu de Noël\n    channels: [facebok]\n",
        line=4,
    ),
)
UNKNOWN_OWNER = Rule(
    "unknown-owner",
    Severity.error,
    N_("An owner that is not a key of settings.team."),
    Example(
        "posts:\n  - id: menu-noel\n    title: Le menu de Noël\n    owner: mari\n",
        line=4,
    ),
)
RULES = (DUPLICATE_ID, UNKNOWN_CHANNEL, UNKNOWN_OWNER)


def check(ctx: Context) -> Iterator[Problem]:
    cal = ctx.calendar
    assert cal.settings is not None
    enabled = cal.profiles
    team = cal.settings.team
    first: dict[str, tuple[str, int]] = {}
    for entry in cal.entries:
        post = entry.post
        where = (entry.source.file, entry.source.id_pos[0])
        if post.id in first:
            file, line = first[post.id]
            yield entry.problem(
                DUPLICATE_ID,
                Message(
                    "id {id!r} is already used by the post at {file}:{line}",
                    id=post.id,
                    file=file,
                    line=line,
                ),
                "id",
            )
        else:
            first[post.id] = where
        for i, channel in enumerate(post.channels):
            if channel not in enabled:
                yield entry.problem(
                    UNKNOWN_CHANNEL,
                    # The suggestion is passed whole: a Message from suggest() is
                    # translated with the sentence, a plain string stays as is.
                    Message(
                        "channel {channel!r} is not enabled in settings.yaml{suggestion}",
                        channel=channel,
                        suggestion=suggest(channel, enabled),
                    ),
                    "channels",
                    i,
                    channel=channel,
                )
        for channel in post.channel_text:
            if channel not in enabled:
                yield entry.problem(
                    UNKNOWN_CHANNEL,
                    Message(
                        "channel_text for {channel!r}, which settings.yaml does not "
                        "enable{suggestion}",
                        channel=channel,
                        suggestion=suggest(channel, enabled),
                    ),
                    "channel_text",
                    channel,
                    key=True,
                    channel=channel,
                )
        if post.owner is not None and post.owner not in team:
            facts = {"owner": post.owner, "suggestion": suggest(post.owner, team)}
            yield entry.problem(
                UNKNOWN_OWNER,
                Message(
                    "owner {owner!r} is not in the team{suggestion} (team: {team})",
                    team=", ".join(sorted(team)),
                    **facts,
                )
                if team
                else Message(
                    "owner {owner!r} is not in the team{suggestion} (team: none)", **facts
                ),
                "owner",
            )
