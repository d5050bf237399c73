"""``check``: load a root, run every rule, and return the result as data."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from gc_cli.errors import GcError, message_of
from gc_cli.i18n import Message
from gc_cli.problems import Problem, Severity
from gc_cli.rules import only_in, run_rules
from gc_cli.store.calendar import Calendar
from gc_cli.store.loader import display_path, load_calendar
from gc_cli.timeutil import parse_now


@dataclass(frozen=True)
class CheckResult:
    """The outcome of a check: the problems, and what was looked at."""

    problems: list[Problem]
    files: int
    posts: int

    @property
    def errors(self) -> int:
        return sum(1 for p in self.problems if p.severity == Severity.error)

    @property
    def warnings(self) -> int:
        return sum(1 for p in self.problems if p.severity == Severity.warning)

    def ok(self, *, strict: bool = False) -> bool:
        """No error (and, when ``strict``, no warning either)."""
        return not self.problems if strict else self.errors == 0


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
    calendar: Calendar, now: str | None, *, images: bool = True, files: set[str] | None = None
) -> CheckResult:
    """Run every rule on a loaded ``calendar`` at ``now`` (ISO 8601; None: the clock)."""
    zone = calendar.zone
    if zone is None:
        from zoneinfo import ZoneInfo

        zone = ZoneInfo("UTC")
    try:
        moment = parse_now(now, zone)
    except ValueError as exc:
        raise GcError(Message("--now: {reason}", reason=message_of(exc))) from None
    problems = run_rules(calendar, moment, images=images)
    if files is not None:
        problems = list(only_in(problems, files))
    return CheckResult(problems, len(calendar.files) + 1, calendar.post_count)


def run_check(
    root: Path,
    now: str | None,
    *,
    images: bool = True,
    files: Iterable[str] = (),
    cwd: Path | None = None,
) -> CheckResult:
    """Load ``root`` and check it; with ``files``, keep the problems located in them."""
    cwd = cwd or Path.cwd()
    wanted = select_files(root, files, cwd) if files else None
    calendar = load_calendar(root, cwd)
    return check_calendar(calendar, now, images=images, files=wanted)
