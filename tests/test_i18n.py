"""The French interface: chosen the usual way, complete, and invisible to scripts."""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from gc_cli import i18n

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "calendars"
PO = REPO / "src" / "gc_cli" / "locale" / "fr" / "LC_MESSAGES" / "gc_cli.po"
NOW = "2026-11-25T08:00:00-05:00"


# -- choosing the language -------------------------------------------------------


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, "en"),
        ({"LANG": "fr_CA.UTF-8"}, "fr"),
        ({"LANG": "fr_FR"}, "fr"),
        ({"LANG": "en_CA.UTF-8"}, "en"),
        ({"LANG": "C"}, "en"),
        ({"LC_MESSAGES": "fr_CA.UTF-8", "LANG": "en_US.UTF-8"}, "fr"),
        ({"LC_ALL": "en_CA.UTF-8", "LC_MESSAGES": "fr_CA.UTF-8"}, "en"),
        ({"GC_LANG": "en", "LC_ALL": "fr_CA.UTF-8"}, "en"),
        ({"GC_LANG": "fr", "LANG": "C"}, "fr"),
    ],
)
def test_language_comes_from_gc_lang_then_the_locale(env: dict[str, str], expected: str) -> None:
    assert i18n.language(env) == expected


def test_french_dates_read_the_quebec_way(monkeypatch: pytest.MonkeyPatch) -> None:
    from datetime import datetime

    moment = datetime(2026, 12, 1, 9, 0)
    monkeypatch.setenv("GC_LANG", "fr")
    assert i18n.long_datetime(moment) == "mardi 1 décembre 2026, 9 h 00"
    monkeypatch.setenv("GC_LANG", "en")
    assert i18n.long_datetime(moment) == "Tuesday 1 December 2026, 09:00"


# -- the catalog -------------------------------------------------------------------


NBSP, NNBSP = "\u00a0", "\u202f"


def _extracted() -> dict[str, str]:
    """Every message of the sources as the catalog script extracts them (commands' docstrings
    included), by msgid (plural msgids by their singular)."""
    spec = importlib.util.spec_from_file_location("catalog", REPO / "scripts" / "catalog.py")
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    found: dict[str, str] = {}
    for message in script.extract():
        msgid = message.id[0] if isinstance(message.id, tuple) else message.id
        if msgid:
            found[msgid] = message.locations[0][0]
    return found


def _catalog() -> dict[str, object]:
    with PO.open("rb") as source:
        catalog = read_po(source)
    return {m.id[0] if isinstance(m.id, tuple) else m.id: m for m in catalog if m.id}


def test_every_message_of_the_sources_is_translated() -> None:
    catalog = _catalog()
    missing = sorted(
        f"{where}: {msgid!r}" for msgid, where in _extracted().items() if msgid not in catalog
    )
    assert missing == []


def test_no_translation_is_empty_or_fuzzy() -> None:
    bad = []
    for msgid, message in _catalog().items():
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            bad.append(msgid)
    assert bad == []


def test_translations_keep_every_field() -> None:
    fields = re.compile(r"\{[a-z_]+")
    wrong = []
    for msgid, message in _catalog().items():
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in strings:
            # A plural form may leave out {n} ("une publication"), never add one.
            if not set(fields.findall(text)) <= set(fields.findall(msgid)):
                wrong.append(msgid)
    assert wrong == []


def _prose(text: str, msgid: str) -> str:
    """``text`` without what is not French prose: fields, file syntax, clock times, ratios.

    A ``key:`` of the English message is a YAML key (keys are the same in both
    languages), not a word before a colon.
    """
    text = re.sub(r"\{\{.*?\}\}|\{[^{}]*\}", "0", text)  # a field stands for a value
    text = re.sub("«[^»]*»", "", text)  # a quoted example
    for key in set(re.findall(r"(?<![\w])[a-z_<]+:", msgid)):
        text = re.sub(rf"(?<![\w]){re.escape(key)}", "", text)
    text = re.sub(r"https?://\S*", "", text)
    return re.sub(r"\d:\d|[A-Z]{2}:[A-Z]{2}", "", text)


def test_french_typography() -> None:
    """Quebec typography: a no-break space before ":" and "%", a narrow one before ; ! ?,
    none inside « »."""
    wrong = []
    for msgid, message in _catalog().items():
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in strings:
            prose = _prose(text, msgid)
            if (
                re.search(f"[^{NBSP}]:(?!//)", prose)
                or re.search(f"[^{NNBSP}{NBSP}][;!?]", prose)
                or re.search(f"[^{NBSP}{NNBSP}]%", prose)
                or "« " in text
                or " »" in text
            ):
                wrong.append(f"{msgid!r} -> {text!r}")
    assert wrong == []


def test_the_compiled_catalog_ships_with_the_package() -> None:
    mo = resources.files("gc_cli") / "locale" / "fr" / "LC_MESSAGES" / "gc_cli.mo"
    assert mo.is_file()


# -- the commands, in French and in English ---------------------------------------


def _run(*args: str, lang: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "GC_"))}
    env.update(LANG=lang, GC_NOW=NOW, NO_COLOR="1", COLUMNS="100")
    return subprocess.run(
        [sys.executable, "-m", "gc_cli", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the sample calendar with a few problems, in a folder of its own."""
    work = tmp_path_factory.mktemp("fr")
    shutil.copytree(SAMPLE, work / "calendars")
    posts = work / "calendars" / "2026-12.yaml"
    text = posts.read_text(encoding="utf-8")
    text = text.replace("    status: ready\n", "    status: draft\n", 1)
    text = text.replace(
        "    title: Le four à bois\n", "    title: Le four à bois\n    chanels: [x]\n"
    )
    posts.write_text(text, encoding="utf-8")
    return work


FRENCH = [
    (("check",), ["erreur", "clé inconnue 'chanels'"]),
    (("list", "--to", "2026-12-06"), ["mar. 2026-11-17 10:00"]),
    (("calendar",), ["Novembre 2026", "lun."]),
    (("report",), ["Qui fait quoi", "interne"]),
    (("coverage",), ["Délai de réponse visé"]),
    (("images",), ["orpheline"]),
    (("schedule", "--auto", "--dry-run"), ["rien n'a été écrit"]),
    (("export", "--format", "markdown", "--days", "7"), ["## jeudi 26 novembre 2026"]),
    (("schedule", "nimporte", "--at", "2026-12-01 09:00"), ["aucune publication"]),
    (("init", "calendars"), ["existe déjà"]),
    (("--help",), ["Utilisation", "Commandes"]),
    (("check", "--help"), ["Exemple", "Options"]),
]


@pytest.mark.parametrize(("args", "fragments"), FRENCH, ids=[" ".join(a) for a, _f in FRENCH])
def test_every_command_speaks_french(
    sample: Path, args: tuple[str, ...], fragments: list[str]
) -> None:
    english = _run(*args, lang="C", cwd=sample)
    french = _run(*args, lang="fr_CA.UTF-8", cwd=sample)
    assert french.returncode == english.returncode
    assert "Traceback" not in french.stderr
    out = french.stdout + french.stderr
    for fragment in fragments:
        assert fragment.lower() in out.lower(), (fragment, out[:2000])
    assert french.stdout != english.stdout or french.stderr != english.stderr


def test_init_speaks_french(tmp_path: Path) -> None:
    english = _run("init", "en/calendars", lang="C", cwd=tmp_path)
    french = _run("init", "fr/calendars", lang="fr_CA.UTF-8", cwd=tmp_path)
    assert english.returncode == french.returncode == 0
    assert "created en/calendars/settings.yaml" in english.stdout
    assert "fichier créé" in french.stdout and "Étape suivante" in french.stdout
    # The files it writes are the same: they are the user's, in English like the keys.
    for name in ("settings.yaml", "posts.yaml"):
        assert (tmp_path / "en/calendars" / name).read_bytes() == (
            tmp_path / "fr/calendars" / name
        ).read_bytes()


JSON_OUTPUTS = [
    ("check", "--format", "json"),
    ("list", "--format", "json"),
    ("report", "--format", "json"),
    ("coverage", "--format", "json"),
    ("images", "--format", "json"),
    ("export", "--format", "json"),
    ("export", "--format", "ics"),
    ("export", "--format", "csv"),
    ("export", "--format", "hootsuite", "--channel", "facebook"),
    ("export", "--format", "buffer", "--channel", "facebook"),
    ("export", "--format", "sprout", "--channel", "facebook"),
    ("schema", "posts"),
]


@pytest.mark.parametrize("args", JSON_OUTPUTS, ids=" ".join)
def test_machine_readable_output_is_the_same_in_every_language(
    sample: Path, args: tuple[str, ...]
) -> None:
    english = _run(*args, lang="en_CA.UTF-8", cwd=sample)
    french = _run(*args, lang="fr_CA.UTF-8", cwd=sample)
    assert english.stdout == french.stdout
    assert english.returncode == french.returncode
