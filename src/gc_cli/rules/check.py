"""``check``: load a root, run every rule, and return the result as data."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from gc_cli.errors import GcError
from gc_cli.i18n import Message
from gc_cli.problems import Problem, Severity
from gc_cli.rules import only_in, run_rules
from gc_cli.store.calendar import Calendar
from gc_cli.store.loader import display_path, load_calendar
from gc_cli.timeutil import current


@dataclass(frozen=True)
class CheckResult:
    """The outcome of a check: the problems, and what was looked at."""

    problems: list[Problem]
    files: int
    posts: int
    #: Warnings count as errors: the policy the result is judged by.
    strict: bool = False

    @property
    def errors(self) -> int:
        return sum(1 for p in self.problems if p.severity == Severity.error)

    @property
    def warnings(self) -> int:
        return sum(1 for p in self.problems if p.severity == Severity.warning)

    @property
    def ok(self) -> bool:
        """No error (and, when :attr:`strict`, no warning either)."""
        return not self.problems if self.strict else self.errors == 0


def select_files(root: Path, files: Iterable[str], cwd: Path) -> set[str]:
    """Display paths of ``files``; ``GcError`` when one is missing or outside ``root``."""
    selected: set[str] = set()
    real_root = root.resolve()
    for name in files:
        path = (cwd / name) if not Path(name).is_absolute() else Path(name)
        # Any file of the root may be named, whatever it is: a FIFO, a link to a
        # device or an unreadable file is then reported where it is, by the loader.
        try:
            os.lstat(path)
        except (FileNotFoundError, NotADirectoryError):
            raise GcError(Message("{name}: no such file", name=name)) from None
        # Any other system error (a name too long) goes up as it is, naming the path.
        if path.is_dir():
            raise GcError(Message("{name}: no such file", name=name))
        # The folder is resolved, not the name: a link is the post file it is named as.
        resolved = path.parent.resolve() / path.name
        if not resolved.is_relative_to(real_root):
            raise GcError(
                Message(
                    "{name}: not inside the calendar root {root}",
                    name=name,
                    root=display_path(root, cwd),
                )
            )
        selected.add(display_path(root / resolved.relative_to(real_root), cwd))
    return selected


def check_calendar(
    calendar: Calendar,
    now: datetime | None = None,
    *,
    images: bool = True,
    files: set[str] | None = None,
    strict: bool = False,
) -> CheckResult:
    """Run every rule on a loaded ``calendar`` at ``now`` (naive: local; None: the clock).

    A root whose settings are unusable is still checked (its loading problems
    are the result), with times read in UTC. With ``files`` (display paths),
    the result holds the problems located in them, and counts them and their
    posts only.
    """
    moment = current(now, calendar.zone or UTC)
    problems = run_rules(calendar, moment, images=images)
    if files is not None:
        # What was asked for is what is counted: those files and their posts.
        problems = list(only_in(problems, files))
        posts = sum(calendar.file_posts.get(file, 0) for file in files)
        return CheckResult(problems, len(files), posts, strict)
    return CheckResult(problems, len(calendar.files) + 1, calendar.post_count, strict)


def run_check(
    root: Path,
    now: datetime | None = None,
    *,
    images: bool = True,
    files: Iterable[str] = (),
    strict: bool = False,
    cwd: Path | None = None,
) -> CheckResult:
    """Load ``root`` and check it; with ``files``, keep the problems located in them.

    ``strict``: warnings count as errors in :attr:`CheckResult.ok`.
    """
    cwd = cwd or Path.cwd()
    wanted = select_files(root, files, cwd) if files else None
    calendar = load_calendar(root, cwd)
    return check_calendar(calendar, now, images=images, files=wanted, strict=strict)
