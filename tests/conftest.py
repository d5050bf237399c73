"""Shared fixtures: calendars written to ``tmp_path``, a fixed now, the CLI in-process."""

from __future__ import annotations

import functools
import gettext
import io
import json
import os
import textwrap
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from gc_cli import i18n
from gc_cli.cli import app
from gc_cli.problems import Problem
from gc_cli.rules.check import CheckResult, run_check
from gc_cli.timeutil import parse_when

#: "Now" in every test unless a test says otherwise (local time, America/Toronto).
NOW = "2026-11-25T08:00:00-05:00"
#: The same, as the library takes it.
NOW_DT = datetime.fromisoformat(NOW)


def parsed(text: str) -> date | datetime:
    """A date or time as the command line would pass it to the library (naive: local)."""
    return parse_when(text)


def as_values(options: dict[str, Any]) -> dict[str, Any]:
    """Keyword arguments for the library: dates and times written as text parsed (test data
    reads best as it is typed)."""
    return {
        key: parsed(value)
        if key in ("start", "end", "until", "now", "at") and isinstance(value, str)
        else value
        for key, value in options.items()
    }


SETTINGS = """\
timezone: America/Toronto
channels:
  facebook: {}
  instagram: {}
  linkedin: {}
  x: {}
  mastodon: {}
  bluesky: {}
team:
  marie: {name: Marie Tremblay, roles: [content, interactions]}
  agence: {name: Agence Bleu, roles: [content], external: true}
slots: ["mon 09:00", "wed 12:00", "fri 15:00"]
"""

#: A valid post used as a base by tests that change one thing (indent it under ``posts:``).
GOOD_POST = """\
- id: ok
  kind: other
  title: Un bon billet
  status: ready
  owner: marie
  channels: [facebook, linkedin]
  publish_at: 2026-12-01 09:00
  text: Bonjour tout le monde !
"""


def golden_file(path: Path, data: bytes) -> None:
    """Compare ``data`` with the golden file ``path``; rewrite it under GC_UPDATE_GOLDEN=1.

    A golden file is output a person reviewed: rewrite it, then read the diff.
    """
    if os.environ.get("GC_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return
    if not path.exists():
        pytest.fail(f"no golden file {path}: run GC_UPDATE_GOLDEN=1 pytest")
    expected = path.read_bytes()
    if data != expected:
        import difflib

        diff = "".join(
            difflib.unified_diff(
                expected.decode("utf-8", "replace").splitlines(keepends=True),
                data.decode("utf-8", "replace").splitlines(keepends=True),
                "golden",
                "now",
                n=2,
            )
        )
        pytest.fail(
            f"{path.name} differs from its golden file (GC_UPDATE_GOLDEN=1 rewrites it):\n{diff}"
        )


@dataclass
class CalendarDir:
    """A calendar root written in a temporary folder."""

    root: Path

    def write(self, name: str, text: str) -> Path:
        """Write ``text`` (dedented) to ``name`` below the root; return its path."""
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    def posts(self, body: str, name: str = "posts.yaml") -> Path:
        """Write a post file whose ``posts:`` list is ``body`` (dedented YAML items)."""
        items = textwrap.indent(textwrap.dedent(body), "  ")
        return self.write(name, "posts:\n" + items)

    def check(self, *, now: str | datetime = NOW, images: bool = False) -> CheckResult:
        moment = parsed(now) if isinstance(now, str) else now
        assert isinstance(moment, datetime)
        return run_check(self.root, moment, images=images, cwd=self.root.parent)

    def problems(self, **kwargs: Any) -> list[Problem]:
        return self.check(**kwargs).problems

    def codes(self, **kwargs: Any) -> list[tuple[int, int, str]]:
        """``(line, column, code)`` of every problem, in report order."""
        return [(p.line, p.column, p.code) for p in self.problems(**kwargs)]


@pytest.fixture
def write_calendar(tmp_path: Path) -> Callable[..., CalendarDir]:
    """Factory: a root with the standard settings (or ``settings=...``)."""

    def make(settings: str | None = SETTINGS, name: str = "calendars") -> CalendarDir:
        root = tmp_path / name
        root.mkdir(parents=True, exist_ok=True)
        cal = CalendarDir(root)
        if settings is not None:
            cal.write("settings.yaml", settings)
        return cal

    return make


@pytest.fixture
def cal(write_calendar: Callable[..., CalendarDir]) -> CalendarDir:
    """A root with the standard settings and no post file yet."""
    return write_calendar()


@dataclass
class Invoke:
    exit_code: int
    stdout: str
    stderr: str

    def json(self) -> Any:
        return json.loads(self.stdout)


@pytest.fixture
def gc(monkeypatch: pytest.MonkeyPatch) -> Callable[..., Invoke]:
    """Run the CLI in-process with a pinned width and no colour; return its outputs."""
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("GC_CALENDARS", raising=False)
    monkeypatch.delenv("GC_NOW", raising=False)

    def run(*args: str, cwd: Path | None = None) -> Invoke:
        if cwd is not None:
            monkeypatch.chdir(cwd)
        result = CliRunner().invoke(app, list(args), catch_exceptions=False)
        return Invoke(result.exit_code, result.stdout, result.stderr)

    return run


#: The French catalog as written in the repository (not the installed .mo).
FRENCH_PO = Path(__file__).resolve().parents[1] / "src/gc_cli/locale/fr/LC_MESSAGES/gc_cli.po"


@functools.cache
def french_mo_bytes() -> bytes:
    """:data:`FRENCH_PO` compiled, as a ``.mo`` file holds it."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with FRENCH_PO.open("rb") as source:
        # The French plural rule (0 and 1 are singular) comes with the locale.
        catalog = read_po(source, locale="fr_CA")
    compiled = io.BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    return compiled.getvalue()


@functools.cache
def _french_translations() -> gettext.GNUTranslations:
    return gettext.GNUTranslations(io.BytesIO(french_mo_bytes()))


@pytest.fixture
def french(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[str], None]]:
    """The interface in French, from the repository's catalog compiled in memory (no build
    step, no locale on the machine). Its value switches the language within a test
    (``french("en")``)."""
    translations = _french_translations()
    monkeypatch.setattr(
        i18n, "catalog", lambda lang: translations if lang == "fr" else gettext.NullTranslations()
    )

    def speak(lang: str) -> None:
        monkeypatch.setenv("GC_LANG", lang)

    speak("fr")
    yield speak
