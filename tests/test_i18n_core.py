"""French for the core: help, usage errors, loading problems, init; JSON the same in both.

The catalog is compiled in memory from the repository's French ``.po`` (the
``french`` fixture), so these tests need no
build step and no locale installed on the machine.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import NOW, CalendarDir, Invoke, french_mo_bytes
from gc_cli.i18n import Message, translated

SRC = Path(__file__).resolve().parents[1] / "src" / "gc_cli"
LOCALE = SRC / "locale"
NBSP = "\u00a0"


# -- the catalog ------------------------------------------------------------------


# -- English stays as it was --------------------------------------------------------


def test_english_messages_are_the_sentences_json_carries(cal: CalendarDir) -> None:
    cal.write(
        "settings.yaml", "timezone: Mars/Olympus\nchannels: {facebook: {}}\nslots: [mon 9h]\n"
    )
    messages = [p.message for p in cal.problems()]
    assert messages == [
        "timezone: unknown time zone 'Mars/Olympus': use an IANA name such as America/Toronto",
        "slots[0]: 'mon 9h': the time must be HH:MM (24-hour)",
    ]
    assert all(isinstance(m, Message) for m in messages)
    assert [translated(m) for m in messages] == messages


def test_pydantic_constraint_messages_are_written_word_for_word(cal: CalendarDir) -> None:
    cal.write(
        "settings.yaml",
        "timezone: America/Toronto\nchannels: {facebook: {}}\nrules: {min_gap_minutes: -1}\n",
    )
    [problem] = cal.problems()
    assert problem.message == "rules.min_gap_minutes: Input should be greater than or equal to 0"


# -- French -----------------------------------------------------------------------


@pytest.mark.usefixtures("french")
def test_loading_problems_read_in_french(cal: CalendarDir) -> None:
    cal.write(
        "settings.yaml",
        "timezone: Mars/Olympus\nchannels: {facebook: {}}\nslots: [mon 9h]\n"
        "rules: {min_gap_minutes: -1, alt_text: warn}\n",
    )
    texts = [translated(p.message) for p in cal.problems()]
    assert texts == [
        f"timezone{NBSP}: fuseau horaire inconnu 'Mars/Olympus'{NBSP}: "
        "utilisez un nom IANA comme America/Toronto",
        f"slots[0]{NBSP}: 'mon 9h'{NBSP}: l'heure doit s'écrire HH:MM (sur 24 heures)",
        f"rules.min_gap_minutes{NBSP}: la valeur doit être supérieure ou égale à 0",
        f"rules.alt_text{NBSP}: le texte 'warn' n'est pas parmi 'error', 'warning' ou 'off' "
        "(vouliez-vous dire 'warning'\u202f?)",
    ]


@pytest.mark.usefixtures("french")
def test_post_file_problems_read_in_french(cal: CalendarDir) -> None:
    cal.posts(
        """\
        - id: a
          title: 5
          chanels: [facebook]
        """
    )
    cal.write("broken.yaml", "posts:\n  - id: b\n    title: [unclosed\n")
    texts = [translated(p.message) for p in cal.problems()]
    assert texts == [
        "il manque une «\u00a0,\u00a0» ou un «\u00a0]\u00a0» (dans une liste entre crochets)",
        "title devrait être du texte, pas le nombre 5",
        "clé inconnue 'chanels' (vouliez-vous dire 'channels'\u202f?)",
    ]


def test_json_is_the_same_in_english_and_in_french(
    gc: Callable[..., Invoke], cal: CalendarDir, french: Callable[[str], None]
) -> None:
    cal.posts("- id: a\n  title: 5\n  status: redy\n")
    cal.write("broken.yaml", "a: b: c\n")
    args = ("check", "--calendars", str(cal.root), "--now", NOW, "--format", "json")
    french("en")
    english = gc(*args)
    french("fr")
    in_french = gc(*args)
    assert in_french.stdout == english.stdout
    assert in_french.exit_code == english.exit_code == 1
    assert any("is not one of" in p["message"] for p in english.json()["problems"])


@pytest.mark.usefixtures("french")
def test_errors_on_stderr_read_in_french(gc: Callable[..., Invoke], tmp_path: Path) -> None:
    out = gc("check", "--calendars", str(tmp_path / "nowhere"))
    assert out.exit_code == 2
    assert out.stderr == f"gc-cli: --calendars{NBSP}: {tmp_path / 'nowhere'} n'est pas un dossier\n"
    out = gc("check", "--now", "bientôt", "--calendars", str(tmp_path), cwd=tmp_path)
    assert out.exit_code == 2
    assert out.stderr.startswith(f"gc-cli: --now{NBSP}: 'bientôt' n'est pas une date et une heure")


@pytest.mark.usefixtures("french")
def test_usage_errors_read_in_french(gc: Callable[..., Invoke]) -> None:
    out = gc("nope")
    assert out.exit_code == 2
    assert out.stderr.splitlines() == [
        f"Utilisation{NBSP}: gc-cli [OPTIONS] COMMAND [ARGS]...",
        f"Essayez «{NBSP}gc-cli -h{NBSP}» pour obtenir de l'aide.",
        "",
        f"Erreur{NBSP}: La commande 'nope' n'existe pas.",
    ]


@pytest.mark.usefixtures("french")
def test_init_speaks_french_and_writes_english_files(
    gc: Callable[..., Invoke], tmp_path: Path
) -> None:
    out = gc("init", "cal", cwd=tmp_path)
    assert out.exit_code == 0
    assert out.stdout.splitlines() == [
        f"fichier créé{NBSP}: cal/settings.yaml",
        f"fichier créé{NBSP}: cal/posts.yaml",
        f"fichier créé{NBSP}: cal/settings.schema.json",
        f"fichier créé{NBSP}: cal/posts.schema.json",
        f"Étape suivante{NBSP}: gc-cli check --calendars cal",
    ]
    assert "# Settings of this calendar root." in (tmp_path / "cal" / "settings.yaml").read_text()
    again = gc("init", "cal", cwd=tmp_path)
    assert again.exit_code == 1
    assert again.stderr == (
        f"gc-cli: cal/settings.yaml existe déjà{NBSP}: "
        "un dossier racine de calendrier n'est jamais écrasé\n"
    )


def test_help_reads_in_french(tmp_path: Path) -> None:
    # Help texts are looked up when cli.py is imported: a fresh interpreter,
    # with the catalog compiled into a scratch locale folder.
    mo = tmp_path / "fr" / "LC_MESSAGES" / "gc_cli.mo"
    mo.parent.mkdir(parents=True)
    mo.write_bytes(french_mo_bytes())
    bootstrap = (
        "import sys, pathlib\n"
        "import gc_cli.i18n as i18n\n"
        "i18n.LOCALE_DIR = pathlib.Path(sys.argv[1])\n"
        "from gc_cli.cli import main\n"
        "sys.argv = ['gc-cli', *sys.argv[2:]]\n"
        "main()\n"
    )
    env = {"LANG": "fr_CA.UTF-8", "COLUMNS": "100", "NO_COLOR": "1", "PATH": "/usr/bin:/bin"}
    run = subprocess.run(
        [sys.executable, "-c", bootstrap, str(tmp_path), "check", "--help"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert lines[0] == f"Utilisation{NBSP}: gc-cli check [OPTIONS] [FILES]..."
    assert (
        f"  Valider le calendrier{NBSP}: chaque fichier, chaque publication, chaque règle." in lines
    )
    assert f"  Exemple{NBSP}: gc-cli check --format github" in lines
    assert f"Arguments{NBSP}:" in lines and f"Options{NBSP}:" in lines
    assert f"[par défaut{NBSP}: text]" in run.stdout
    assert "Afficher ce message et quitter." in run.stdout
    assert "Validate" not in run.stdout
