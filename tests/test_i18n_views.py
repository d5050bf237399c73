"""``list``, ``calendar``, ``report`` and ``coverage`` in French (Canada).

The French catalog is compiled in memory from the repository's ``.po`` (the
``french`` fixture), so the tests need no compiled ``.mo`` file. They check
what a person reads (words, day and month names, Québec typography, aligned
columns) and that what a script reads (JSON) does not change with the language.
"""

from __future__ import annotations

import io
import re
import textwrap
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from rich.cells import cell_len

from conftest import NOW_DT, SETTINGS, CalendarDir, parsed
from gc_cli.cli.common import worded
from gc_cli.cli.options import parse_month
from gc_cli.errors import BadArgument, GcError
from gc_cli.planning import report as reporting
from gc_cli.query import select as selection
from gc_cli.query import window
from gc_cli.query.coverage import coverage, roster_issues
from gc_cli.query.grid import month_grid
from gc_cli.render import coverage as coverage_render
from gc_cli.render import month, posts
from gc_cli.render import report as report_render
from gc_cli.render.common import Output
from gc_cli.store.calendar import Calendar
from gc_cli.store.model import STATUSES

NBSP, NNBSP = "\u00a0", "\u202f"

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "gc_cli"  # the sources, not the install
ROSTER = SETTINGS.replace(
    "roles: [content], external", "roles: [content, interactions], external"
) + textwrap.dedent("""\
    interactions:
      response_target: 4h
      roster:
        - {who: marie, days: mon-fri, hours: "08:30-17:00"}
        - {who: agence, days: sat, hours: "10:00-18:00"}
        - {who: paul, days: sun, hours: "10:00-18:00"}
    """)

POSTS = """\
- {id: passe, title: Déjà publié, publish_at: 2026-11-20 10:00, channels: [facebook],
   owner: marie, status: published}
- {id: mardi, title: Le pain du mardi, publish_at: 2026-12-01 09:00, channels: [facebook],
   owner: marie, status: scheduled}
- {id: jour-seul, title: Sans heure, publish_at: 2026-12-01, channels: [linkedin], owner: agence}
- {id: brouillon, title: Un brouillon, publish_at: 2026-11-26 10:00, channels: [facebook],
   status: draft}
- {id: vendredi, title: Vendredi soir, publish_at: 2026-11-27 16:30, channels: [facebook]}
- {id: annule, title: Annulé, publish_at: 2026-12-02 09:00, channels: [x], status: cancelled}
- id: chaque-jeudi
  title: Chaque jeudi
  publish_at: 2026-12-03 12:00
  repeat: FREQ=WEEKLY;COUNT=3
  channels: [instagram]
- {id: plus-tard, title: Un jour, channels: [facebook], status: idea}
"""


@pytest.fixture
def sample(write_calendar: Callable[..., CalendarDir]) -> Calendar:
    cal = write_calendar(ROSTER)
    cal.posts(POSTS)
    return selection.load(cal.root, cwd=cal.root.parent)


def _out(
    *, terminal: bool = False, width: int | None = None, fmt: str = "table"
) -> tuple[io.StringIO, Output]:
    stream = io.StringIO()
    return stream, Output(stream, terminal=terminal, width=width, format=fmt)


def _list(calendar: Calendar, *, terminal: bool, fmt: str = "table") -> str:
    stream, out = _out(terminal=terminal, width=80, fmt=fmt)
    items = selection.select(calendar)
    posts.render(posts.Listing(items, calendar, window.clock(calendar, NOW_DT)), out)
    return stream.getvalue()


def _report(calendar: Calendar, fmt: str = "table", *, terminal: bool = False) -> str:
    stream, out = _out(terminal=terminal, width=80, fmt=fmt)
    figures = reporting.report(
        calendar, start=parsed("2026-11-25"), end=parsed("2026-12-10"), now=NOW_DT
    )
    report_render.render(figures, out)
    return stream.getvalue()


def _coverage(calendar: Calendar, fmt: str = "table", *, terminal: bool = False) -> str:
    stream, out = _out(terminal=terminal, width=80, fmt=fmt)
    result = coverage(calendar, start=parsed("2026-11-27"), end=parsed("2026-11-29"), now=NOW_DT)
    coverage_render.render(result, out)
    return stream.getvalue()


def test_the_list_table_in_french_keeps_its_columns(french: None, sample: Calendar) -> None:
    text = _list(sample, terminal=True)
    lines = text.splitlines()
    words = lines[0].split()
    assert words[:3] == ["Date", "Heure", "Titre"] and words[-2:] == ["Statut", "Responsable"]
    assert "mar. 2026-12-01  --:--" in text
    assert "jeu. 2026-11-26" in text
    assert "◂ maintenant" in text
    assert "non planifiée" in text
    assert all(cell_len(line) <= 80 for line in lines)
    # Every row's status starts under the heading "Statut".
    column = lines[0].index("Statut")
    rows = lines[2 : lines.index(next(x for x in lines if x.startswith("F facebook")))]
    assert len(rows) == 11  # ten publications and the "now" row
    for line in rows:
        if "◂" not in line:
            assert line[column - 2 : column] == "  " and line[column:].split()[0] in STATUSES
    assert "* externe · --:-- pas encore d'heure · (n/N) occurrence d'une publication" in text
    assert "dont 3 occurrences de publications récurrentes, 1 non planifiée." in text.replace(
        "\n", " "
    )


def test_the_plain_list_in_french(french: None, sample: Calendar) -> None:
    lines = _list(sample, terminal=False).splitlines()
    assert lines[1].startswith("jeu. 2026-11-26 10:00  draft")
    assert lines[-1].startswith("non planifiée ")
    assert lines[-1].index("idea") == lines[1].index("draft")


def test_the_month_grid_in_french(french: None, sample: Calendar) -> None:
    stream, out = _out(terminal=True, width=80)
    month.render(month_grid(sample, date(2026, 11, 1), now=NOW_DT), out)
    text = stream.getvalue()
    assert text.splitlines()[0].strip() == "Novembre 2026"
    header = text.splitlines()[2]
    assert [cell.strip() for cell in header.strip("│").split("│")] == [
        "lun.",
        "mar.",
        "mer.",
        "jeu.",
        "ven.",
        "sam.",
        "dim.",
    ]
    assert "[25] aujourd'hui" in text
    assert "3 publications en novembre 2026." in text
    assert "1 publication n'a pas encore de date (gc-cli list --unscheduled)." in text


def test_the_report_in_french(french: None, sample: Calendar) -> None:
    text = _report(sample)
    assert text.startswith(
        "Rapport du 2026-11-25 au 2026-12-10 (16 jours), en date du 2026-11-25 à 8 h 00\n"
        f"6 publications prévues (dont 1 sans heure){NNBSP}; 1 annulée laissée de côté.\n"
    )
    assert "Répartition du contenu par type" in text
    assert "Type      Publ.   Part" in text
    assert f"other         6  100{NBSP}%" in text
    assert f"Jours sans publication{NBSP}: 11 sur 16" in text
    assert "mer. 11-25, du sam. 11-28 au lun. 11-30," in text
    assert f"Interne 1 (17{NBSP}%), externe 1 (17{NBSP}%), sans responsable 4." in text
    assert "Encore à l'état d'idée ou de brouillon à moins de 7 jours de leur date" in text
    assert "jeu. 2026-11-26  10:00  brouillon" in text
    assert "dans 1 j 2 h" in text


def test_the_coverage_in_french(french: None, sample: Calendar) -> None:
    text = _coverage(sample)
    assert text.startswith(
        "Couverture du 2026-11-27 à 0 h 00 au 2026-11-30 à 0 h 00 (3 jours, America/Toronto)\n"
        f"Délai de réponse visé{NBSP}: 4 h. Quelqu'un est de garde 16 h 30 sur 72 h "
        f"(23{NBSP}%"
    )
    assert "paul     sun      10:00-18:00  chaque semaine — écartée" in text
    assert f"Personne de garde{NBSP}: 3 trous" in text
    assert "ven. 11-27 17:00  sam. 11-28 10:00" in text
    assert "plus de 4 h" in text
    assert "Publications sans réponse à temps" in text
    # The heat map's labels are as wide as the French day names, under the ruler.
    ruler = next(line for line in text.splitlines() if line.lstrip().startswith("00 "))
    row = next(line for line in text.splitlines() if line.startswith("ven. 11-27  ×"))
    assert ruler.index("00") == row.index("×")
    assert f"minuscule{NBSP}: une partie de l'heure" in text


def test_no_break_spaces_hold_at_every_width(french: None, sample: Calendar) -> None:
    result = coverage(sample, start=parsed("2026-11-27"), end=parsed("2026-11-29"), now=NOW_DT)
    figures = reporting.report(
        sample, start=parsed("2026-11-25"), end=parsed("2026-12-10"), now=NOW_DT
    )
    # From 40 columns: below, table cells are narrower than a word, and rich
    # folds the word itself.
    for width in range(40, 81):
        stream, out = _out(terminal=True, width=width)
        coverage_render.render(result, out)
        report_render.render(figures, out)
        for line in stream.getvalue().splitlines():
            assert not re.match(r"\s*[:;%]\s*\S", line), (width, line)


@pytest.mark.parametrize(
    "render",
    [
        lambda cal: _list(cal, terminal=False, fmt="json"),
        lambda cal: _list(cal, terminal=False, fmt="csv"),
        lambda cal: _report(cal, "json"),
        lambda cal: _coverage(cal, "json"),
    ],
    ids=["list-json", "list-csv", "report-json", "coverage-json"],
)
def test_what_scripts_read_does_not_change_with_the_language(
    render: Callable[[Calendar], str],
    sample: Calendar,
    monkeypatch: pytest.MonkeyPatch,
    request: pytest.FixtureRequest,
) -> None:
    monkeypatch.setenv("GC_LANG", "en")
    english = render(sample)
    request.getfixturevalue("french")
    assert render(sample) == english


def test_a_roster_problem_is_english_data_and_french_for_people(
    french: None, sample: Calendar
) -> None:
    assert sample.settings is not None
    (issue,) = roster_issues(sample.settings)
    assert str(issue.message).startswith("'paul' is not in the team")
    assert issue.message.translated().startswith("'paul' ne fait pas partie de l'équipe")


def test_usage_errors_in_french(french: None, sample: Calendar) -> None:
    with pytest.raises(BadArgument) as bad:
        selection.select(sample, channel="facebok")
    assert worded(bad.value).startswith(f"--channel{NBSP}: aucun réseau 'facebok'")
    with pytest.raises(BadArgument) as bad:
        selection.select(sample, start=parsed("2026-12-10"), end=parsed("2026-12-01"))
    assert worded(bad.value) == f"--to{NBSP}: 2026-12-01 précède le début (2026-12-10)"
    with pytest.raises(GcError) as error:
        parse_month("2026-13")
    assert "n'est pas un mois" in str(error.value)


def test_the_loading_note_in_french(
    french: None, write_calendar: Callable[..., CalendarDir]
) -> None:
    cal = write_calendar()
    cal.posts(
        "- {id: bon, title: B, publish_at: 2026-12-01 09:00, channels: [facebook]}\n"
        "- {id: mauvais, title: M, publish_at: 2026-12-01 09:00, channels: [facebook],"
        " status: nonsense}\n"
        "- {id: jamais, title: J, publish_at: 2026-12-01 09:00, channels: [facebook],"
        " repeat: FREQ=NEVER}\n"
    )
    note = selection.loading_note(selection.load(cal.root, cwd=cal.root.parent))
    assert note == (
        f"le calendrier contient des erreurs{NBSP}: 1 publication n'a pas pu être lue{NNBSP}; "
        f"règle de répétition invalide dans jamais{NNBSP}; 2 publications laissées de côté "
        "(gc-cli check indique où)"
    )
