"""The rules of ``gc-cli check``: a registry of families, each yielding problems.

Each family module declares its :class:`Rule` objects (code, default severity,
documentation with an example) in ``RULES`` and a ``check(ctx)`` generator.
The codes found while loading (``yaml-syntax``, ``duplicate-key``, ``schema``,
``settings``, ``file-unreadable``, ``too-many-problems``) are documented in
:mod:`gc_cli.rules.loading`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from types import ModuleType

from gc_cli.problems import Problem
from gc_cli.store.calendar import Calendar


@dataclass(frozen=True, slots=True)
class Rule:
    """A stable problem code, its default severity, and what it means."""

    code: str
    severity: str  # "error", "warning", or "configurable"
    # English, marked with N_() where it is written: show it through _().
    summary: str
    example: str = ""  # a YAML excerpt that triggers the rule: the file format, never translated


@dataclass(frozen=True, slots=True)
class Context:
    """What every rule sees: the loaded calendar, the current time, and options."""

    calendar: Calendar
    now: datetime
    images: bool = True


Check = Callable[[Context], Iterable[Problem]]


def _families() -> list[ModuleType]:
    from gc_cli.rules import (
        content,
        images,
        interactions,
        loading,
        references,
        spacing,
        timing,
    )

    return [loading, references, content, timing, spacing, images, interactions]


def all_rules() -> list[Rule]:
    """Every rule of every family, in documentation order."""
    return [rule for family in _families() for rule in family.RULES]


def run_rules(calendar: Calendar, now: datetime, *, images: bool = True) -> list[Problem]:
    """Every problem of ``calendar``: those met while loading, then each family's."""
    problems = list(calendar.problems)
    if calendar.usable:
        ctx = Context(calendar, now, images)
        for family in _families():
            check: Check | None = getattr(family, "check", None)
            if check is not None:
                problems.extend(check(ctx))
    return sorted(set(problems))


def only_in(problems: Iterable[Problem], files: set[str]) -> Iterator[Problem]:
    """The problems located in ``files`` (display paths)."""
    return (p for p in problems if p.file in files)
