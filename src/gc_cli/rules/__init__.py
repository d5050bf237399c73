"""The rules of ``gc-cli check``: a registry of families, each yielding problems.

Each family module defines its :class:`~gc_cli.problems.Rule` objects (code,
default severity, summary, example), raises them by name, and has a
``check(ctx)`` generator. The rules met while reading the files are defined by
the store (:mod:`gc_cli.store.codes`) and registered here with the others.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import datetime

from gc_cli.problems import Problem, Rule
from gc_cli.rules import (
    content,
    images,
    interactions,
    loading,
    references,
    replies,
    spacing,
    timing,
    workflow,
)
from gc_cli.rules.context import Check, Context
from gc_cli.store.calendar import Calendar


@dataclass(frozen=True, slots=True)
class Family:
    """Rules that look at one side of a calendar, and the check that finds them."""

    title: str  # a heading of the rules page (docs/rules.md)
    rules: tuple[Rule, ...]
    check: Check | None = None  # None: found while loading


#: In the order of the rules page.
FAMILIES: tuple[Family, ...] = (
    Family("Reading the files", loading.RULES),
    Family("References between posts", references.RULES, references.check),
    Family("What a post says and shows", content.RULES, content.check),
    Family("When a post goes out", timing.RULES, timing.check),
    Family("Posts side by side on a channel", spacing.RULES, spacing.check),
    Family("Image files", images.RULES, images.check),
    Family("Who answers the community", interactions.RULES, interactions.check),
    Family("Who works on a post, and when", workflow.RULES, workflow.check),
    Family("What the community is told", replies.RULES, replies.check),
)


def all_rules() -> list[Rule]:
    """Every rule of every family, in documentation order."""
    return [rule for family in FAMILIES for rule in family.rules]


def _reading(fields: str, *rules: Rule) -> dict[Rule, frozenset[str]]:
    return dict.fromkeys(rules, frozenset(fields.split()))


#: The fields of a post each rule reads to judge it alone. A post with schema
#: errors (:attr:`~gc_cli.store.calendar.Calendar.partial`) is still judged by
#: the rules of this table that read none of its broken fields, so that one
#: mistake does not hide the others. Every rule reads the status (a cancelled
#: post is not judged). The rules not listed compare posts with each other (a
#: duplicate id, two posts too close) or judge the root: they leave such a
#: post alone until it is fixed.
READS: Mapping[Rule, frozenset[str]] = {
    **_reading("channels channel_text status", references.UNKNOWN_CHANNEL),
    **_reading("owner status", references.UNKNOWN_OWNER),
    **_reading("kind link status", content.MISSING_LINK),
    **_reading("kind images channels status", content.MISSING_IMAGE),
    **_reading(
        "text channel_text channels status",
        content.MISSING_TEXT,
        content.TEXT_TOO_LONG,
        content.TOO_MANY_HASHTAGS,
    ),
    **_reading("images channels status", content.TOO_MANY_IMAGES, content.ALT_TEXT_TOO_LONG),
    **_reading("images status", content.MISSING_ALT_TEXT),
    **_reading(
        "publish_at repeat status",
        timing.NONEXISTENT_TIME,
        timing.AMBIGUOUS_TIME,
        timing.NOT_SCHEDULED,
        timing.PUBLISHED_IN_FUTURE,
        timing.OVERDUE,
        timing.NOT_READY,
        timing.BAD_REPEAT,
    ),
    **_reading("kind event publish_at repeat status", timing.AFTER_EVENT_START),
    **_reading("images channels status", *images.RULES),
}


def run_rules(calendar: Calendar, now: datetime, *, images: bool = True) -> list[Problem]:
    """Every problem of ``calendar``: those met while loading, then each family's, then
    those of the posts with schema errors that the rules of :data:`READS` can still judge."""
    problems = list(calendar.problems)
    if calendar.usable:
        ctx = Context(calendar, now, images)
        for family in FAMILIES:
            if family.check is not None:
                problems.extend(family.check(ctx))
        if calendar.partial:
            problems.extend(_partial_problems(calendar, now, images))
    return sorted(set(problems))


def _partial_problems(calendar: Calendar, now: datetime, images: bool) -> Iterator[Problem]:
    """The problems of the posts with schema errors, from the rules that read none of the
    fields they could not read."""
    alone = replace(calendar, entries=list(calendar.partial), partial=[])
    ctx = Context(alone, now, images)
    by_code = {rule.code: rule for rule in READS}
    broken: dict[tuple[str, str], frozenset[str]] = {}
    for entry in calendar.partial:
        key = (entry.source.file, entry.id)
        broken[key] = broken.get(key, frozenset()) | entry.broken
    for family in FAMILIES:
        if family.check is None or not any(rule in READS for rule in family.rules):
            continue
        for problem in family.check(ctx):
            rule = by_code.get(problem.code)
            if rule is None or problem.post is None:
                continue
            if not READS[rule] & broken.get((problem.file, problem.post), frozenset()):
                yield problem


def only_in(problems: Iterable[Problem], files: set[str]) -> Iterator[Problem]:
    """The problems located in ``files`` (display paths)."""
    return (p for p in problems if p.file in files)
