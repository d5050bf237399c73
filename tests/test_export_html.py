"""``export --format html``: the page read back with the standard library's HTML
parser, its thumbnails decoded with Pillow, and the page rendered by a real
headless Chromium (Debian's ``chromium``, installed by ``.ci/run``)."""

from __future__ import annotations

import base64
import io
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image, ImageStat

from conftest import NOW_DT, CalendarDir
from gc_cli.exporters.links import web_link
from test_export_formats import HOSTILE_TEXT, SAMPLE, Page, export, write_hostile

WINDOW = {"start": "2026-11-25", "end": "2027-01-31"}


def _picture(src: str) -> Image.Image:
    head, _, payload = src.partition(",")
    assert head in ("data:image/jpeg;base64", "data:image/png;base64")
    image = Image.open(io.BytesIO(base64.b64decode(payload, validate=True)))
    image.load()
    return image


def test_sample_page_has_days_in_order_and_every_fact() -> None:
    result = export(SAMPLE, "html", **WINDOW)
    page = Page(result.data.decode("utf-8"))
    days = [t["datetime"] for t in page.named("time")]
    assert days == sorted(days) and len(days) == len(set(days))
    assert days[0] == "2026-11-26"
    articles = page.named("article")
    assert len(articles) == result.count
    assert len(page.inner[".time"]) == result.count
    assert page.inner[".time"][0] == "07:30"
    assert page.inner["h3"][0] == "Chocolatines du jeudi matin"
    first_facts = page.inner[".facts"][0]
    for fact in ("product", "scheduled", "facebook", "instagram", "mathieu (Mathieu Bergeron)"):
        assert fact in first_facts
    assert page.inner[".text"][0].startswith("Croissants et chocolatines sortent du four")
    assert "Le pain de la semaine (1/7)" in page.inner["h3"]  # one week skipped
    anchors = page.named("a")
    assert anchors and all((a["href"] or "").startswith("https://") for a in anchors)
    assert all(a["rel"] == "noopener noreferrer" for a in anchors)
    assert page.inner[".left-out"][0].count("cancelled") == 1


def test_the_page_is_self_contained() -> None:
    page = Page(export(SAMPLE, "html", **WINDOW).data.decode("utf-8"))
    tags = {tag for tag, _ in page.tags}
    assert not tags & {"script", "link", "iframe", "object", "embed", "base", "form"}
    (csp,) = [m for m in page.named("meta") if m.get("http-equiv") == "Content-Security-Policy"]
    assert csp["content"] is not None and "default-src 'none'" in csp["content"]
    assert "script-src" not in csp["content"]
    images = page.named("img")
    assert images
    for img in images:
        picture = _picture(img["src"] or "")
        assert max(picture.size) <= 320
        assert (str(picture.width), str(picture.height)) == (img["width"], img["height"])
        assert img["alt"]  # the sample has alt text everywhere
    style = "".join(page.inner["style"])
    assert "url(" not in style and "@import" not in style


@pytest.fixture
def pictures(cal: CalendarDir) -> CalendarDir:
    folder = cal.root / "images"
    folder.mkdir()
    Image.new("RGB", (2000, 1000), (200, 30, 30)).save(folder / "large.jpg")
    Image.new("RGBA", (400, 400), (0, 0, 0, 0)).save(folder / "clear.png")
    turned = Image.new("RGB", (600, 300), (10, 120, 10))
    exif = turned.getexif()
    exif[0x0112] = 6  # turned a quarter: shown 300 wide and 600 high
    turned.save(folder / "turned.jpg", exif=exif)
    (cal.root.parent / "secret.jpg").write_bytes((folder / "large.jpg").read_bytes())
    cal.posts(
        """\
        - id: photos
          kind: product
          title: Photos
          status: draft
          owner: marie
          channels: [facebook, x]
          publish_at: 2026-11-26 09:00
          text: Bonjour
          images:
            - {path: images/large.jpg, alt: Grande}
            - {path: images/clear.png, alt: Transparente}
            - {path: images/turned.jpg, alt: Tournée}
            - {path: images/absente.jpg, alt: Absente}
            - {path: ../secret.jpg, alt: Dehors}
        """
    )
    return cal


def test_thumbnails_are_scaled_upright_and_typed(pictures: CalendarDir) -> None:
    page = Page(export(pictures.root, "html").data.decode("utf-8"))
    large, clear, turned = (_picture(img["src"] or "") for img in page.named("img"))
    assert (large.format, large.size) == ("JPEG", (320, 160))
    assert (clear.format, clear.mode, clear.size) == ("PNG", "RGBA", (320, 320))
    assert (turned.format, turned.size) == ("JPEG", (160, 320))
    assert [img["alt"] for img in page.named("img")] == ["Grande", "Transparente", "Tournée"]
    broken = page.inner[".broken"]
    assert broken[0] == "images/absente.jpg does not exist"
    assert broken[1].startswith("../secret.jpg climbs out of the calendar root")


def test_warnings_and_errors_of_check_are_beside_the_post(pictures: CalendarDir) -> None:
    page = Page(export(pictures.root, "html").data.decode("utf-8"))
    notes = page.inner[".notes"][0]
    assert "error · image-not-found" in notes
    assert "error · path-outside-root" in notes
    assert "warning · not-ready" in notes
    assert "still draft" in notes
    header = page.inner["header"][0]
    assert "errors and 1 warning from gc-cli check" in header


def test_only_web_links_become_clickable() -> None:
    assert web_link("https://example.org/a") == "https://example.org/a"
    assert web_link("http://example.org") == "http://example.org"
    for bad in ("javascript:alert(1)", "data:text/html,x", "//example.org", "ftp://x.org", ""):
        assert web_link(bad) is None


# -- a real browser -------------------------------------------------------------------

CHROMIUM = shutil.which("chromium")
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="Debian's chromium is not installed (.ci/run installs it)"
)
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


def _chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    assert CHROMIUM is not None
    profile = tmp_path / "chromium-profile"
    return subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True,
        timeout=180,
        check=True,
    )


@needs_chromium
def test_chromium_renders_the_page_and_takes_a_screenshot(tmp_path: Path) -> None:
    page = tmp_path / "review.html"
    page.write_bytes(export(SAMPLE, "html", **WINDOW).data)
    shot = tmp_path / "review.png"
    _chromium(tmp_path, f"--screenshot={shot}", "--window-size=1200,900", page.as_uri())
    assert shot.is_file()
    with Image.open(shot) as image:
        assert image.size == (1200, 900)
        rgb = image.convert("RGB")
        colours = rgb.getcolors(maxcolors=1 << 20)
        assert colours is None or len(colours) > 50  # text, badges, a photo: not blank
        assert ImageStat.Stat(rgb.convert("L")).stddev[0] > 20
        # The inline style sheet applied: the page header is its dark blue.
        r, g, b = rgb.getpixel((8, 8))  # type: ignore[misc]
        assert (abs(r - 0x24), abs(g - 0x32), abs(b - 0x4A)) <= (6, 6, 6)


@needs_chromium
def test_chromium_runs_no_script_from_a_hostile_post(cal: CalendarDir, tmp_path: Path) -> None:
    page = tmp_path / "hostile.html"
    page.write_bytes(export(write_hostile(cal).root, "html").data)
    dom = _chromium(tmp_path, "--dump-dom", page.as_uri()).stdout.decode("utf-8")
    parsed = Page(dom)
    assert "script" not in {tag for tag, _ in parsed.tags}
    assert parsed.inner[".text"] == [HOSTILE_TEXT]  # all of it, shown as text


def test_the_header_says_the_window_zone_and_now() -> None:
    page = Page(export(SAMPLE, "html", now=NOW_DT, **WINDOW).data.decode("utf-8"))
    assert page.inner["h1"] == ["Social media plan, 2026-11-25 to 2027-01-31"]
    assert "times in America/Toronto · as of 2026-11-25 08:00" in page.inner["header"][0]
