"""``schedule`` and ``export`` in French (Canada).

The French catalog is compiled in memory from the repository's ``.po`` (the
``french`` fixture), so the tests need no compiled ``.mo`` file. They check what a person reads (the
review documents' labels, day names and times written the Québec way,
refusals, summaries, what an export left out) and that what a program reads
(ics, csv, json and the bulk-upload files) is the same in both languages.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import NOW, NOW_DT, CalendarDir
from gc_cli import cli
from gc_cli.cli.common import worded
from gc_cli.errors import BadArgument
from gc_cli.exporters.run import ExportResult, run_export

NBSP, NNBSP = "\u00a0", "\u202f"

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "gc_cli"  # the sources, not the install
SAMPLE = PACKAGE.parent.parent / "calendars"
#: The formats a program reads: their bytes never depend on the language.
MACHINE = ("ics", "csv", "json", "hootsuite", "buffer", "sprout")


def _export(fmt: str, *, days: int | None = None, **options: Any) -> ExportResult:
    return run_export(SAMPLE, fmt, now=NOW_DT, days=days, cwd=SAMPLE.parent, **options)


def _schedule(cal: CalendarDir, *args: str) -> tuple[int, str, str]:
    """``gc-cli schedule ARGS`` on ``cal``: exit code, stdout and stderr (its one line, bare)."""
    with contextlib.chdir(cal.root.parent):
        result = CliRunner().invoke(
            cli.app,
            ["schedule", *args, "--now", NOW],
            env={"NO_COLOR": "1", "COLUMNS": "100"},
        )
    return result.exit_code, result.stdout, result.stderr.removeprefix("gc-cli: ").rstrip("\n")


# -- the catalog -------------------------------------------------------------------------


# -- export ------------------------------------------------------------------------------


def test_the_markdown_review_in_french(french: Callable[[str], None]) -> None:
    text = _export("markdown").data.decode()
    assert text.startswith("# Calendrier de publication, du 2026-11-25 au 2026-12-25\n")
    assert "17 publications · heures du fuseau America/Toronto · en date du 2026-11-25 08:00\n" in (
        text
    )
    assert "\n## jeudi 26 novembre 2026\n" in text
    assert "\n### 7 h 30 · Chocolatines du jeudi matin\n" in text
    assert f"- **Réseaux{NBSP}:** facebook, instagram\n" in text
    assert (
        f"- **Type{NBSP}:** produit · **Statut{NBSP}:** planifiée · "
        f"**Responsable{NBSP}:** mathieu (Mathieu Bergeron)\n"
    ) in text
    assert f"**Responsable{NBSP}:** agence (Agence Nordet, externe)" in text
    assert f"\nTexte sur mastodon{NBSP}:\n" in text
    left_out = f"\n## Laissées de côté\n\n- fetes-concours-panier (2026-12-15 09:00){NBSP}: annulée"
    assert left_out in text
    for english in ("Channels:", "Kind:", "Status:", "Owner:", "Text on", "Left out", "external"):
        assert english not in text


def test_the_html_review_in_french(french: Callable[[str], None]) -> None:
    page = _export("html", days=10).data.decode()
    assert '<html lang="fr">' in page
    assert "<h1>Calendrier de publication, du 2026-11-25 au 2026-12-05</h1>" in page
    assert '<p class="tally">0 erreur et 0 avertissement selon gc-cli check' in page
    assert '<time datetime="2026-11-26">jeudi 26 novembre 2026</time>' in page
    assert '<div class="time">7 h 30</div>' in page
    # The status is shown in French; the CSS classes keep the file's value.
    assert '<span class="badge scheduled">planifiée</span>' in page
    assert '<article class="post status-ready"' in page
    assert "<summary>Texte sur mastodon</summary>" in page
    assert f'<p class="link">Lien{NBSP}: <a href=' in page
    assert '<p class="ok">Aucun problème trouvé.</p>' in page
    assert "<footer>Produit avec gc-cli export --format html." in page
    for english in ("No problem found", "Link:", "Text on", "owner <span", "Made with"):
        assert english not in page


@pytest.mark.parametrize("fmt", MACHINE)
def test_machine_readable_exports_do_not_depend_on_the_language(
    french: Callable[[str], None], fmt: str
) -> None:
    options = {"channel": "facebook"} if fmt in ("hootsuite", "buffer", "sprout") else {}
    if fmt != "hootsuite" and options:
        options["image_base_url"] = "https://example.org/calendars/"
    options.update({"buffer": {"plan": "paid"}, "sprout": {"date_order": "dmy"}}.get(fmt, {}))
    french("en")
    english = _export(fmt, **options)
    told = english.messages()
    french("fr")
    translated = _export(fmt, **options)
    assert translated.data == english.data
    # What was left out: the same reasons (English, as data), told in French.
    assert [x.reason for x in translated.left_out] == [x.reason for x in english.left_out]
    assert told[0] == "left out fetes-concours-panier (2026-12-15 09:00): cancelled"
    assert translated.messages()[0] == (
        f"laissée de côté{NBSP}: fetes-concours-panier (2026-12-15 09:00){NBSP}: annulée"
    )
    # Hootsuite's file cannot hold the pictures: said once, in the person's language.
    assert len(told) == len(translated.messages()) == (2 if fmt == "hootsuite" else 1)


def test_the_bulk_export_tells_what_it_left_out_in_french(
    french: Callable[[str], None], tmp_path: Path
) -> None:
    target = tmp_path / "hootsuite.csv"
    result = CliRunner().invoke(
        cli.app,
        [
            *("export", "--format", "hootsuite", "--channel", "facebook"),
            *("--calendars", str(SAMPLE), "--now", NOW, "-o", str(target)),
        ],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.stderr
    lines = result.stderr.splitlines()
    cancelled = f"fetes-concours-panier (2026-12-15 09:00){NBSP}: annulée"
    assert f"gc-cli: laissée de côté{NBSP}: {cancelled}" in lines
    assert lines[-1].startswith("gc-cli: 16 publications écrites dans ")
    assert lines[-1].endswith("(du 2026-11-25 au 2026-12-25)")


def test_export_refusals_in_french(french: Callable[[str], None], tmp_path: Path) -> None:
    with pytest.raises(BadArgument) as caught:
        _export("ics", days=0)
    assert worded(caught.value) == f"--days{NBSP}: 0 n'est pas un nombre de jours de 1 à 3660"
    with pytest.raises(BadArgument) as caught:
        _export("buffer")
    assert worded(caught.value).startswith(
        f"--channel{NBSP}: le format buffer produit un fichier pour un seul réseau{NBSP}: "
        "donnez-en un (parmi "
    )


# -- schedule ----------------------------------------------------------------------------


#: Written one key per line: gc-cli schedule edits only such posts.
POSTS = """\
- id: lundi
  title: Lundi
  status: ready
  owner: marie
  channels: [facebook]
  text: Bonjour
- id: mercredi
  title: Mercredi
  status: ready
  owner: marie
  channels: [linkedin]
  text: Bonjour
- id: dimanche
  publish_at: 2026-11-29
  title: Dimanche
  status: ready
  owner: marie
  channels: [facebook]
  text: Bonjour
- id: fixe
  publish_at: 2026-12-01 09:00
  title: Fixe
  status: ready
  owner: marie
  channels: [x]
  text: Bonjour
"""


def test_the_auto_plan_in_french(french: Callable[[str], None], cal: CalendarDir) -> None:
    cal.posts(POSTS)
    _code, text, _err = _schedule(cal, "--auto", "--dry-run")
    lines = text.splitlines()
    assert lines[0] == "Créneaux du 2026-11-25 08:00 au 2027-01-20 08:00 (America/Toronto)."
    header = lines[2]
    assert header.split() == ["publication", "publish_at", "réseaux", "fichier", "remarque"]
    rows = {line.split()[0]: line for line in lines[3:] if line}
    # Columns stay aligned under their French headings.
    assert rows["lundi"].index("facebook") == header.index("réseaux")
    assert rows["dimanche"].index("ignorée") == header.index("remarque")
    no_slot = "aucun créneau le dimanche, le jour où elle est prévue (2026-11-29)"
    assert rows["dimanche"].endswith(f"ignorée{NBSP}: {no_slot}")
    assert lines[-1] == (
        f"2 publications à planifier dans 1 fichier, 1 ignorée — simulation{NBSP}: "
        "rien n'a été écrit."
    )


def test_one_change_in_french(french: Callable[[str], None], cal: CalendarDir) -> None:
    cal.posts(POSTS)
    _code, text, _err = _schedule(cal, "fixe", "--at", "2026-12-02 12:00", "--dry-run")
    assert text.splitlines() == [
        f"fixe{NBSP}: publish_at déplacé au 2026-12-02 12:00 (avant{NBSP}: 2026-12-01 09:00) "
        "— calendars/posts.yaml:22, ligne modifiée",
        f"1 fichier à modifier — simulation{NBSP}: rien n'a été écrit.",
    ]
    _code, text, _err = _schedule(cal, "fixe", "--at", "2026-12-01 09:00")
    assert text == (
        f"fixe{NBSP}: rien à changer (fixe est déjà prévue pour 2026-12-01 09:00)\n"
        "Rien à changer.\n"
    )


def test_schedule_refusals_in_french(french: Callable[[str], None], cal: CalendarDir) -> None:
    cal.posts(POSTS)
    code, _out, err = _schedule(cal, "lundy", "--at", "2026-12-07 09:00")
    assert (code, err) == (
        1,
        f"aucune publication n'a l'identifiant 'lundy'{NNBSP}; vouliez-vous dire 'lundi'{NNBSP}?",
    )
    code, _out, err = _schedule(cal, "lundi", "--at", "2027-03-14 02:30")
    assert code == 1
    assert err.startswith(f"--at{NBSP}: 2027-03-14 02:30 n'existe pas dans America/Toronto{NBSP}: ")
    assert "(passage à l'heure avancée)" in err
    code, _out, err = _schedule(cal, "--auto", "--at", "2026-12-07 09:00")
    assert (code, err) == (
        2,
        "donnez une seule des options --at, --clear, --skip et --auto, pas --at et --auto",
    )


def test_a_file_gc_cli_cannot_edit_is_refused_in_french(
    french: Callable[[str], None], cal: CalendarDir
) -> None:
    cal.posts("- {id: flux, title: Flux, status: ready, owner: marie, channels: [x]}\n")
    code, _out, err = _schedule(cal, "flux", "--at", "2026-12-07 09:00")
    assert code == 1
    assert err == (
        f"calendars/posts.yaml:2{NBSP}: la publication 'flux' est écrite sous forme compacte "
        f"({{id: ..., ...}}){NNBSP}; gc-cli ne modifie que les publications écrites une clé par "
        "ligne. Réécrivez-la une clé par ligne, ou changez son publish_at à la main"
    )
