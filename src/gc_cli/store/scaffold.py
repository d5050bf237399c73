"""``init``: a new calendar root that checks clean from the first minute.

The files it writes stay in English whatever the interface language: they
are the project's file format, documented in English, and their comments
name its English keys and values.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from gc_cli.errors import GcError, Refused, message_of
from gc_cli.i18n import Message
from gc_cli.store import atomic
from gc_cli.store.schema import post_file_schema, settings_schema
from gc_cli.timeutil import get_zone

SETTINGS = """\
# yaml-language-server: $schema=settings.schema.json
# Settings of this calendar root. `gc-cli schema settings` prints the full schema.
timezone: {timezone}          # IANA name: every local time below this folder uses it

channels:                     # where the organisation publishes; {{}} = built-in limits
  facebook: {{}}
  instagram: {{}}
  linkedin: {{}}

team:                         # who does what
  coordinator: {{name: Your Name, roles: [content, interactions]}}

slots: ["tue 09:00", "thu 12:00"]   # weekly posting times for `gc-cli schedule --auto`

rules:
  min_gap_minutes: 60         # two posts on one channel closer than this: warning
  ready_before_hours: 48      # still an idea/draft this close to its date: warning
  alt_text: warning           # images without alt text: error | warning | off
"""

POSTS = """\
# yaml-language-server: $schema=posts.schema.json
# A post file: any *.yaml below the root. `gc-cli schema posts` prints the schema.
defaults:                     # merged into every post of this file
  owner: coordinator
posts:
  - id: welcome
    kind: other               # article | product | facility | team | video | event | other
    title: Our first planned post
    status: idea              # idea | draft | ready | scheduled | published | cancelled
    channels: [facebook, linkedin]
    # publish_at: 2026-12-01 09:00   # local time; or a date alone; or absent
    text: |
      Hello! This is the first post of our new editorial calendar.
    tags: [example]
"""


#: The JSON Schemas the first line of each file names, for editors (the YAML
#: language server), written beside them. A file in a sub-folder names them
#: with ``../`` in front.
SCHEMA_FILES = {"settings.schema.json": settings_schema, "posts.schema.json": post_file_schema}


def schema_bytes(make: Callable[[], dict[str, Any]]) -> bytes:
    """A JSON Schema as ``gc-cli schema`` prints it."""
    return (json.dumps(make(), indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def create_root(path: Path, timezone: str) -> list[Path]:
    """Write ``settings.yaml``, ``posts.yaml`` and the JSON Schemas their first lines name
    (``settings.schema.json``, ``posts.schema.json``) in ``path``; return what was created.

    Raise :class:`GcError` for a bad zone or a folder that cannot be made or
    written, and refuse to overwrite a root. All or nothing: the files are
    written through :func:`gc_cli.store.atomic.create`, and a failure (a full disk)
    also removes the folders this call made, so ``init`` can simply be run
    again. A ``posts.yaml`` or a schema already there is kept.
    """
    try:
        get_zone(timezone)
    except ValueError as exc:
        raise GcError(Message("--timezone: {reason}", reason=message_of(exc))) from None
    settings = path / "settings.yaml"
    if os.path.lexists(settings):
        raise Refused(
            Message("{path} already exists: not overwriting a calendar root", path=settings)
        )
    posts = path / "posts.yaml"
    made = _make_folders(path)
    files = [(settings, SETTINGS.format(timezone=timezone).encode("utf-8"))]
    if not os.path.lexists(posts):
        files.append((posts, POSTS.encode("utf-8")))
    for name, make in SCHEMA_FILES.items():
        if not os.path.lexists(path / name):
            files.append((path / name, schema_bytes(make)))
    try:
        atomic.create(files)
    except BaseException:
        for folder in reversed(made):
            with contextlib.suppress(OSError):
                folder.rmdir()  # only if empty: never what someone else put there meanwhile
        raise
    return [file for file, _ in files]


def _make_folders(path: Path) -> list[Path]:
    """Make ``path`` and its missing parents; return those made, outermost first."""
    missing: list[Path] = []
    for folder in (path, *path.parents):
        if os.path.lexists(folder):
            break
        missing.append(folder)
    made: list[Path] = []
    try:
        for folder in reversed(missing):
            folder.mkdir()
            made.append(folder)
        if not path.is_dir():
            raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(path))
    except OSError as exc:
        for folder in reversed(made):
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise GcError(
            Message(
                "{path}: cannot make the folder ({reason})",
                path=path,
                reason=exc.strerror or str(exc),
            )
        ) from None
    return made
