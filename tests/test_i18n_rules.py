"""French for the rules of ``check`` and for ``gc-cli images``.

The catalog used here is compiled from the rules' own translations, so these
tests see French whatever state the shipped catalog is in. Each problem keeps
its English sentence as its ``str`` value (what JSON carries); people read
:meth:`Message.translated`.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from conftest import SETTINGS, CalendarDir
from gc_cli.i18n import NBSP, NNBSP, translated
from gc_cli.images import ImageInfo, ImageReader, fit, run_inventory
from gc_cli.render.images import render_text
from gc_cli.store.profile import ChannelProfile

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "gc_cli"  # the sources, not the install


def _message(cal: CalendarDir, code: str) -> str:
    (problem,) = [p for p in cal.problems(images=True) if p.code == code]
    return problem.message


def test_problems_read_in_french_and_stay_english_as_strings(
    french: None, cal: CalendarDir
) -> None:
    cal.posts(
        """\
        - id: menu
          kind: article
          title: Menu
          status: ready
          owner: mari
          channels: [facebook, facebok, x]
          publish_at: 2026-12-01 09:00
          text: "#un"
        """
    )
    channel = _message(cal, "unknown-channel")
    assert str(channel) == (
        "channel 'facebok' is not enabled in settings.yaml (did you mean 'facebook'?)"
    )
    assert translated(channel).startswith("le réseau 'facebok' n'est pas activé dans settings.yaml")
    owner = _message(cal, "unknown-owner")
    assert translated(owner).endswith(f"(équipe{NBSP}: agence, marie)")
    link = _message(cal, "missing-link")
    assert (
        translated(link)
        == f"le partage d'un article demande un lien{NBSP}: celui de l'article partagé"
    )


def test_times_and_counts_read_in_french(french: None, cal: CalendarDir) -> None:
    cal.posts(
        """\
        - id: brouillon
          kind: other
          title: Brouillon
          status: draft
          channels: [x]
          publish_at: 2026-11-26 09:00
          text: Bonjour
        - id: trop
          kind: other
          title: Trop
          status: ready
          channels: [x]
          publish_at: 2026-12-01 09:00
          text: "{long}"
        """.replace("{long}", "é" * 290)
    )
    assert translated(_message(cal, "not-ready")) == (
        "toujours au statut draft alors qu'elle paraît dans 1 j 1 h (2026-11-26 09:00)"
    )
    assert translated(_message(cal, "text-too-long")) == (
        "le texte compte 290 caractères pondérés sur X, chaque lien compté pour 23"
        f"{NNBSP}; la limite est de 280 (10 de trop)"
    )


def test_the_coverage_names_french_weekdays(
    french: None, write_calendar: Callable[..., CalendarDir]
) -> None:
    cal = write_calendar(
        SETTINGS
        + "interactions:\n  response_target: 4h\n  roster:\n"
        + '    - {who: marie, days: mon-fri, hours: "08:30-17:00"}\n'
    )
    gaps = [p for p in cal.problems() if p.code == "coverage-gap"]
    assert str(gaps[0].message).startswith("nobody is on duty from 2026-11-25 17:00 (Wed) to ")
    assert translated(gaps[0].message).startswith(
        "personne n'est de garde de 2026-11-25 17:00 (mer.) à 2026-11-26 08:30 (jeu.)"
        f"{NBSP}: un message envoyé à 17:00 attend 15 h 30 min une réponse"
    )


def _profile(**limits: object) -> ChannelProfile:
    base: dict[str, object] = {
        "label": "Instagram",
        "max_text": 2200,
        "max_hashtags": None,
        "max_images": 10,
        "requires_image": True,
        "image_formats": ("JPEG",),
        "max_image_bytes": 1000,
        "min_aspect": 0.8,
        "max_aspect": 1.91,
        "min_width": 320,
        "min_height": None,
        "max_width": None,
        "max_height": None,
        "max_alt_text": None,
    }
    return ChannelProfile(**{**base, **limits})  # type: ignore[arg-type]


def test_image_misfits_read_in_french(french: None) -> None:
    image = ImageInfo("images/logo.jpg", "/x", None, "", "PNG", 300, 600, 2000)
    misfits = fit(image, _profile())
    assert str(misfits[0].message) == (
        "images/logo.jpg is in PNG format (whatever its .jpg name says); "
        "Instagram accepts JPEG only"
    )
    assert [translated(m.message) for m in misfits] == [
        "images/logo.jpg est au format PNG (quoi qu'en dise son extension .jpg)"
        f"{NNBSP}; Instagram accepte JPEG seulement",
        f"images/logo.jpg pèse 2 kB (2,000 octets){NNBSP}; Instagram accepte au plus "
        "1 kB (1,000 octets)",
        f"images/logo.jpg{NBSP}: 300×600 a un rapport de 0.5:1{NNBSP}; Instagram accepte "
        "de 0.8:1 à 1.91:1",
        f"images/logo.jpg{NBSP}: 300×600 fait 300 px de large{NNBSP}; Instagram exige "
        "au moins 320 px",
    ]


def test_missing_files_read_in_french(french: None, tmp_path: Path) -> None:
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "vitrine.jpg").write_bytes(b"x")
    reader = ImageReader(tmp_path)
    found = reader.read("images/Vitrine.jpg")
    assert found.describe() == (
        "images/Vitrine.jpg does not exist "
        "(the file is named vitrine.jpg: names are case-sensitive)"
    )
    assert translated(found.describe()) == (
        "images/Vitrine.jpg n'existe pas "
        f"(le fichier s'appelle vitrine.jpg{NBSP}: les noms tiennent compte de la casse)"
    )
    close = reader.read("images/vitirne.jpg")
    assert translated(close.describe()) == (
        f"images/vitirne.jpg n'existe pas (vouliez-vous dire vitrine.jpg{NNBSP}?)"
    )


def test_the_images_report_reads_in_french(french: None, cal: CalendarDir) -> None:
    cal.write("images/notes.png", "ceci n'est pas une image\n")
    cal.posts(
        """\
        - id: menu
          kind: other
          title: Menu
          status: ready
          channels: [facebook]
          publish_at: 2026-12-01 09:00
          text: Bonjour
          images: [{path: images/absente.jpg, alt: Rien}]
        """
    )
    out = io.StringIO()
    render_text(run_inventory(cal.root, datetime.fromisoformat("2026-11-25T08:00:00-05:00")), out)
    assert out.getvalue() == (
        f"images/absente.jpg  non lue  publications{NBSP}: menu"
        f"  prochain usage{NBSP}: 2026-12-01 09:00\n"
        f"  erreur{NBSP}: image-not-found{NBSP}: images/absente.jpg n'existe pas\n"
        "\n"
        f"Images qu'aucune publication n'utilise{NBSP}:\n"
        f"  images/notes.png  image-unreadable{NBSP}: est un fichier texte, pas une image\n"
        "\n"
        "1 image, 1 en erreur, 1 orpheline.\n"
    )
