"""The rules of ``gc-cli check``: a registry of families, each yielding problems.

Each family module defines its :class:`~gc_cli.problems.Rule` objects (code,
default severity, summary, example), raises them by name, and has a
``check(ctx)`` generator. The rules met while reading the files are defined by
the store (:mod:`gc_cli.store.codes`) and registered here with the others.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
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


def run_rules(calendar: Calendar, now: datetime, *, images: bool = True) -> list[Problem]:
    """Every problem of ``calendar``: those met while loading, then each family's."""
    problems = list(calendar.problems)
    if calendar.usable:
        ctx = Context(calendar, now, images)
        for family in FAMILIES:
            if family.check is not None:
                problems.extend(family.check(ctx))
    return sorted(set(problems))


def only_in(problems: Iterable[Problem], files: set[str]) -> Iterator[Problem]:
    """The problems located in ``files`` (display paths)."""
    return (p for p in problems if p.file in files)
