"""Bringing posts in: ``new``, ``import csv`` and ``import feed`` write posts into the root.

Every way in ends here: candidate posts (a dict of a post's keys and values
each) are matched against the root, placed in files, and written together.

* **Known posts are left alone.** A post whose id is already in the root, or
  whose link is already a post's link (compared normalised: scheme and host
  in lower case, no fragment, no ``utm_`` parameters, no final ``/``), is
  *known*: importing the same sheet twice adds nothing. With ``update`` a
  known post whose values differ is rewritten (the keys the sheet has no
  column for are kept).
* **Where posts go**: ``file`` when given, else the file of the post's
  month (``2026-12.yaml``, where the root keeps it, at the top of the root
  otherwise), else ``ideas.yaml`` for a post without a date. A post is added
  after the last post of its file, in the file's own style, every other byte
  kept (:mod:`gc_cli.store.append`).
* **All or nothing.** A problem in any row, a channel or an owner the
  settings do not name, an id used twice: nothing is written. Otherwise the
  files are written through :mod:`gc_cli.store.atomic` (new files created
  all or none, existing ones replaced only when they still hold what was
  read), then the root is checked and the problems of the posts written are
  returned.
"""

from __future__ import annotations

import contextlib
import gc
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from gc_cli.errors import GcError, Refused
from gc_cli.i18n import Message
from gc_cli.planning.rows import Candidate, Context, read_rows, slug, validate, when_text
from gc_cli.planning.schedule import load_for_writing
from gc_cli.planning.sheets import MAX_SHEET_BYTES, RowProblem, read_sheet, sheet_problem
from gc_cli.problems import Problem
from gc_cli.rules.check import check_calendar
from gc_cli.store.append import FileChange, _plain, edit_file, new_file, write_changes
from gc_cli.store.calendar import Calendar, Entry
from gc_cli.store.loader import display_path, load_calendar, suggest
from gc_cli.store.safeio import read_regular
from gc_cli.store.writer import Snapshot
from gc_cli.timeutil import parse_when

#: Where a post without a date goes, unless ``file`` says otherwise.
IDEAS_FILE = "ideas.yaml"


@dataclass(frozen=True, slots=True)
class Placed:
    """A post written (or that would be): its id, its file and the line of its ``id:``."""

    id: str
    file: str
    line: int


@dataclass
class ImportResult:
    """What an import did, or would do with ``dry_run``."""

    source: str
    format: str = "gc-cli"
    #: Problems of the input: when there are any, nothing was written.
    problems: list[RowProblem] = field(default_factory=list)
    added: list[Placed] = field(default_factory=list)
    updated: list[Placed] = field(default_factory=list)
    #: Posts already in the root (id, and the id of the post found).
    known: list[tuple[str, str]] = field(default_factory=list)
    written: list[str] = field(default_factory=list)
    dry_run: bool = False
    #: With ``dry_run``: each file's name, its text before and after.
    diffs: list[tuple[str, str, str]] = field(default_factory=list)
    #: What ``check`` finds on the posts written.
    check: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """No problem in the input and no error of ``check`` on the posts written."""
        return not self.problems and not any(p.is_error for p in self.check)


def normal_link(link: str) -> str:
    """A link as compared with others: lower-case scheme and host, no fragment, no
    tracking parameters (``utm_*``), no final ``/``, http and https the same."""
    parts = urlsplit(link.strip())
    query = urlencode(
        [
            (k, v)
            for k, v in parse_qsl(parts.query, keep_blank_values=True)
            if not k.startswith("utm_")
        ]
    )
    scheme = (
        parts.scheme.lower().replace("http", "https", 1) if parts.scheme == "http" else parts.scheme
    )
    return urlunsplit((scheme.lower(), parts.netloc.lower(), parts.path.rstrip("/"), query, ""))


_MONTH_FILE = re.compile(r"\d{4}-\d{2}")


def target_file(root: Path, files: Sequence[Path], when: str | None) -> Path:
    """The file a post goes in: its month's file (where the root keeps one), or ideas.yaml."""
    if when is None:
        name = IDEAS_FILE
    else:
        day = parse_when(when)
        name = f"{day:%Y-%m}.yaml"
    for path in files:
        if path.name == name:
            return path
    return root / name


def _file_option(root: Path, name: str, cwd: Path) -> Path:
    path = Path(name) if Path(name).is_absolute() else cwd / name
    resolved = path.parent.resolve() / path.name
    if not resolved.is_relative_to(root.resolve()) or resolved.suffix != ".yaml":
        raise GcError(
            Message(
                "{name}: not a .yaml file inside the calendar root {root}",
                name=name,
                root=display_path(root, cwd),
            )
        )
    if resolved.name == "settings.yaml" and resolved.parent == root.resolve():
        raise GcError(Message("{name}: settings.yaml holds no posts", name=name))
    return root / resolved.relative_to(root.resolve())


def _known_values(entry: Entry) -> dict[str, Any]:
    plain = _plain(entry.source.mapping)
    return plain if isinstance(plain, dict) else {}


def _updated(entry: Entry, candidate: Candidate, sheet_keys: set[str]) -> dict[str, Any]:
    """The post's new values: the row's, and the post's own for keys the sheet lacks."""
    values = _known_values(entry)
    for key in sheet_keys | set(candidate.values):
        if key in candidate.values:
            values[key] = candidate.values[key]
        else:
            values.pop(key, None)
    if "text" in sheet_keys and "channel_text" not in candidate.values:
        values.pop("channel_text", None)
    return values


def _same_post(entry: Entry, values: Mapping[str, Any]) -> bool:
    """Whether a post made from a row without an id is ``entry`` (imported before)."""
    when = values.get("publish_at")
    written = entry.source.mapping.get("publish_at")
    return (
        entry.post.title == values.get("title")
        and entry.post.text == values.get("text")
        and (when is None or str(written) == str(when))
    )


def _settings_problems(file: str, calendar: Calendar, candidate: Candidate) -> list[RowProblem]:
    found = []
    if calendar.profiles:
        for channel in candidate.values.get("channels", []):
            if channel not in calendar.profiles:
                found.append(
                    sheet_problem(
                        file,
                        candidate.line,
                        candidate.columns.get("channels", 1),
                        "import-value",
                        Message(
                            "channel {name!r} is not in settings.yaml{hint}",
                            name=channel,
                            hint=suggest(channel, calendar.profiles),
                        ),
                    )
                )
    owner = candidate.values.get("owner")
    if calendar.settings is not None and owner is not None and owner not in calendar.settings.team:
        found.append(
            sheet_problem(
                file,
                candidate.line,
                candidate.columns.get("owner", 1),
                "import-value",
                Message(
                    "owner {name!r} is not in the team of settings.yaml{hint}",
                    name=owner,
                    hint=suggest(str(owner), calendar.settings.team),
                ),
            )
        )
    return found


def plan(
    calendar: Calendar,
    snapshots: Mapping[Path, Snapshot],
    candidates: Sequence[Candidate],
    result: ImportResult,
    *,
    update: bool = False,
    file: Path | None = None,
    sheet_keys: set[str] | None = None,
    cwd: Path,
) -> list[FileChange]:
    """The changes that write ``candidates`` into the root; problems go to ``result``."""
    by_id = calendar.by_id()
    links = {normal_link(e.post.link): e.id for e in calendar.entries if e.post.link}
    taken = set(by_id)
    add: dict[Path, list[dict[str, Any]]] = {}
    replace: dict[Path, dict[int, dict[str, Any]]] = {}
    seen: dict[str, int] = {}
    files = sorted(snapshots)
    for candidate in candidates:
        values = candidate.values
        result.problems.extend(_settings_problems(result.source, calendar, candidate))
        post_id = str(values["id"])
        link = normal_link(str(values["link"])) if values.get("link") else None
        existing = by_id.get(post_id)
        # A row without an id (another tool's, a feed's) is known by its link.
        if existing is None and not candidate.named and link in links:
            result.known.append((post_id, links[str(link)]))
            continue
        if not candidate.named:
            # A made id: the post already there when it says the same, else the next free one.
            base, number, found = post_id, 2, None
            while post_id in taken or post_id in seen:
                other = by_id.get(post_id)
                if other is not None and _same_post(other, values):
                    found = other
                    break
                post_id, number = f"{base}-{number}", number + 1
            if found is not None:
                result.known.append((post_id, found.id))
                continue
            values["id"] = post_id
            existing = None
        if post_id in seen:
            result.problems.append(
                sheet_problem(
                    result.source,
                    candidate.line,
                    candidate.columns.get("id", 1),
                    "import-conflict",
                    Message(
                        "id {id} is already given to the post of line {line}",
                        id=post_id,
                        line=seen[post_id],
                    ),
                )
            )
            continue
        seen[post_id] = candidate.line
        if existing is not None:
            new_values = _updated(existing, candidate, sheet_keys or set(candidate.values))
            if not update or new_values == _known_values(existing):
                result.known.append((post_id, existing.id))
                continue
            replace.setdefault(existing.source.path, {})[existing.source.index] = new_values
            continue
        taken.add(post_id)
        if link is not None:
            links[link] = post_id
        when = values.get("publish_at")
        path = file or target_file(calendar.root, files, str(when) if when else None)
        add.setdefault(path, []).append(values)
    if result.problems:
        return []
    changes = []
    for path in sorted(set(add) | set(replace)):
        snapshot = snapshots.get(path)
        name = display_path(path, cwd)
        if snapshot is None:
            if path.exists():
                raise Refused(Message("{file}: cannot be read; nothing written", file=name))
            changes.append(new_file(path, name, add[path]))
        else:
            changes.append(edit_file(snapshot, add.get(path, ()), replace.get(path)))
    for change in changes:
        for post_id in change.added:
            result.added.append(Placed(post_id, change.file, change.lines.get(post_id, 0)))
        for post_id in change.updated:
            result.updated.append(Placed(post_id, change.file, change.lines.get(post_id, 0)))
    return changes


def finish(
    root: Path,
    changes: Sequence[FileChange],
    result: ImportResult,
    *,
    dry_run: bool,
    now: datetime | None,
    cwd: Path,
    images: bool = True,
) -> ImportResult:
    """Write the changes (or describe them with ``dry_run``), then check the posts written
    (their image files opened unless ``images`` is false)."""
    result.dry_run = dry_run
    if result.problems or not changes:
        return result
    if dry_run:
        result.diffs = [(c.file, c.before, c.after) for c in changes]
        return result
    result.written = write_changes(changes)
    # The files just written were read back to verify them: the loader reuses that.
    parsed = {c.after: c.document for c in changes if c.document is not None}
    calendar = load_calendar(root, cwd, parsed=parsed)
    written = {p.id for p in (*result.added, *result.updated)}
    checked = check_calendar(calendar, now, images=images)
    result.check = [p for p in checked.problems if p.post in written]
    return result


def load_root(root: Path, cwd: Path) -> tuple[Calendar, dict[Path, Snapshot]]:
    """The root's calendar and its files' bytes; :class:`GcError` when its settings are unusable."""
    calendar, snapshots = load_for_writing(root, cwd)
    if calendar.zone is None:
        raise GcError(Message("settings.yaml has problems to fix first (gc-cli check shows them)"))
    return calendar, snapshots


@contextlib.contextmanager
def _quiet_collector() -> Iterator[None]:
    """Pause the cyclic garbage collector while thousands of rows and posts are made.

    As in :func:`gc_cli.store.loader.load_calendar`: it would rescan the
    long-lived objects over and over while they are created, for nothing
    (measured: the verification of 5,000 new posts twice as slow).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def import_posts(
    root: Path,
    candidates: Sequence[Candidate],
    source: str,
    *,
    calendar: Calendar | None = None,
    snapshots: Mapping[Path, Snapshot] | None = None,
    update: bool = False,
    file: str | None = None,
    dry_run: bool = False,
    now: datetime | None = None,
    sheet_keys: set[str] | None = None,
    cwd: Path | None = None,
    images: bool = True,
) -> ImportResult:
    """Write ``candidates`` into ``root`` (see the module's documentation)."""
    cwd = cwd or Path.cwd()
    if calendar is None or snapshots is None:
        calendar, snapshots = load_root(root, cwd)
    result = ImportResult(source)
    target = _file_option(root, file, cwd) if file else None
    with _quiet_collector():
        changes = plan(
            calendar,
            snapshots,
            candidates,
            result,
            update=update,
            file=target,
            sheet_keys=sheet_keys,
            cwd=cwd,
        )
    return finish(root, changes, result, dry_run=dry_run, now=now, cwd=cwd, images=images)


def import_csv(
    root: Path,
    path: Path,
    *,
    channels: Sequence[str] = (),
    owner: str | None = None,
    status: str | None = None,
    date_order: str | None = None,
    update: bool = False,
    file: str | None = None,
    dry_run: bool = False,
    now: datetime | None = None,
    cwd: Path | None = None,
    images: bool = True,
) -> ImportResult:
    """Import a sheet: gc-cli's template or export, or a tool's bulk file.

    ``channels``, ``owner`` and ``status`` fill the rows that give none.
    ``date_order`` (``dmy`` or ``mdy``) reads dates like ``01/02/2026``.
    """
    cwd = cwd or Path.cwd()
    name = display_path(path, cwd)
    data = read_regular(path, name, MAX_SHEET_BYTES)
    calendar, snapshots = load_root(root, cwd)
    assert calendar.zone is not None
    context = Context(calendar.zone, tuple(channels), status, owner, date_order)
    with _quiet_collector():
        fmt, candidates, problems = read_rows(read_sheet(data, name), context)
    if problems:
        return ImportResult(name, fmt, problems, dry_run=dry_run)
    keys = {key for c in candidates for key in c.columns} if fmt == "gc-cli" else None
    result = import_posts(
        root,
        candidates,
        name,
        calendar=calendar,
        snapshots=snapshots,
        update=update,
        file=file,
        dry_run=dry_run,
        now=now,
        sheet_keys=keys,
        cwd=cwd,
        images=images,
    )
    result.format = fmt
    return result


def new_post(
    root: Path,
    values: Mapping[str, Any],
    *,
    file: str | None = None,
    dry_run: bool = False,
    now: datetime | None = None,
    cwd: Path | None = None,
) -> ImportResult:
    """Add one post: ``values`` as a post's keys (``id`` made from the title when absent).

    The id is made unique in the root (``-2``, ``-3`` …). A value the model
    or the settings refuse raises :class:`~gc_cli.errors.GcError` (exit 2).
    """
    cwd = cwd or Path.cwd()
    calendar, snapshots = load_root(root, cwd)
    post = {k: v for k, v in values.items() if v not in (None, "", [], {})}
    if isinstance(post.get("publish_at"), date):
        assert calendar.zone is not None
        post["publish_at"] = when_text(post["publish_at"], calendar.zone)
    named = "id" in post
    if not named and post.get("title"):
        post["id"] = slug(str(post["title"]))
    candidate = Candidate(0, post, {}, named)
    problems: list[RowProblem] = []
    validate("", candidate, problems)
    problems.extend(_settings_problems("", calendar, candidate))
    if problems:
        # A value given on the command line: a usage error, worded by the model or settings.
        raise GcError(problems[0].message)
    if named and post["id"] in calendar.by_id():
        raise Refused(Message("id {id} is already a post's id", id=post["id"]))
    if not named:
        taken = set(calendar.by_id())
        base, number = post["id"], 2
        while post["id"] in taken:
            post["id"], number = f"{base}-{number}", number + 1
    candidate.named = True
    result = ImportResult("new")
    target = _file_option(root, file, cwd) if file else None
    changes = plan(calendar, snapshots, [candidate], result, file=target, cwd=cwd)
    if result.known:
        _post_id, found = result.known[0]
        raise Refused(Message("post {id} is already in the calendar", id=found))
    return finish(root, changes, result, dry_run=dry_run, now=now, cwd=cwd)


__all__ = [
    "ImportResult",
    "Placed",
    "import_csv",
    "import_posts",
    "new_post",
    "normal_link",
]
