"""``gc-cli images`` and ``gc-cli check`` with image files, through the command line."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image

from conftest import NOW, CalendarDir, Invoke
from test_rules import post


def pictures(*paths: str) -> str:
    return "".join(f"\n    - path: {p}\n      alt: Photo {i}" for i, p in enumerate(paths))


@pytest.fixture
def photos(cal: CalendarDir) -> CalendarDir:
    """One post with a fitting photo, one with a photo too narrow for Instagram."""
    (cal.root / "images").mkdir()
    Image.new("RGB", (1080, 1350)).save(cal.root / "images" / "bonne.jpg")
    Image.new("RGB", (1080, 1500)).save(cal.root / "images" / "etroite.jpg")
    cal.posts(
        post("bonne", channels="[instagram]", images=pictures("images/bonne.jpg"))
        + post(
            "etroite",
            channels="[instagram]",
            publish_at="2026-12-02 09:00",
            images=pictures("images/etroite.jpg"),
        )
    )
    return cal


def test_check_reports_image_problems_and_no_images_turns_them_off(
    photos: CalendarDir, gc: Callable[..., Invoke]
) -> None:
    root = str(photos.root)
    out = gc("check", "--calendars", root, "--format", "json", "--now", NOW)
    assert out.exit_code == 1
    assert [
        (p["code"], p["line"], p["column"], p["post"], p["channel"]) for p in out.json()["problems"]
    ] == [("image-dimensions", 22, 15, "etroite", "instagram")]
    quiet = gc("check", "--calendars", root, "--format", "json", "--now", NOW, "--no-images")
    assert (quiet.exit_code, quiet.json()["problems"]) == (0, [])


def test_images_json(photos: CalendarDir, gc: Callable[..., Invoke]) -> None:
    out = gc("images", "--calendars", str(photos.root), "--format", "json", "--now", NOW)
    assert out.exit_code == 1
    document = out.json()
    assert (document["ok"], document["errors"], document["orphans"]) == (False, 1, [])
    assert [
        (i["path"], i["ok"], i["format"], i["width"], i["height"]) for i in document["images"]
    ] == [
        ("images/bonne.jpg", True, "JPEG", 1080, 1350),
        ("images/etroite.jpg", False, "JPEG", 1080, 1500),
    ]
    assert document["images"][1]["channels"]["instagram"]["problems"] == [
        {
            "code": "image-dimensions",
            "message": "images/etroite.jpg: 1080×1500 is 0.72:1; Instagram accepts 0.8:1 to 1.91:1",
        }
    ]
    assert out.stderr == ""


def test_images_table_piped_is_plain_text(photos: CalendarDir, gc: Callable[..., Invoke]) -> None:
    out = gc("images", "--calendars", str(photos.root), "--now", NOW)
    assert out.exit_code == 1
    assert "\x1b[" not in out.stdout
    assert out.stdout.endswith("\n2 images, 1 with errors, 0 orphans.\n")
    assert (
        "  error: instagram: image-dimensions: images/etroite.jpg: 1080×1500 is 0.72:1; "
        "Instagram accepts 0.8:1 to 1.91:1\n"
    ) in out.stdout


def test_images_exit_zero_when_everything_fits(
    photos: CalendarDir, gc: Callable[..., Invoke]
) -> None:
    Image.new("RGB", (1080, 1080)).save(photos.root / "images" / "etroite.jpg")
    out = gc("images", "--calendars", str(photos.root), "--format", "json", "--now", NOW)
    assert (out.exit_code, out.json()["ok"], out.json()["errors"]) == (0, True, 0)


def test_images_usage_errors_exit_two(photos: CalendarDir, gc: Callable[..., Invoke]) -> None:
    bad_format = gc("images", "--calendars", str(photos.root), "--format", "csv")
    assert bad_format.exit_code == 2
    bad_now = gc("images", "--calendars", str(photos.root), "--now", "bientôt")
    assert bad_now.exit_code == 2
    assert bad_now.stderr.startswith("gc-cli: --now:")
    missing = gc("images", "--calendars", str(photos.root / "absent"))
    assert missing.exit_code == 2


def test_images_help_has_an_example(gc: Callable[..., Invoke]) -> None:
    out = gc("images", "--help")
    assert out.exit_code == 0
    assert "Example: gc-cli images" in out.stdout
    for option in ("--format", "--calendars", "--now"):
        assert option in out.stdout


def test_images_on_the_sample_calendar(gc: Callable[..., Invoke]) -> None:
    sample = Path(__file__).resolve().parent.parent / "calendars"
    out = gc("images", "--calendars", str(sample), "--format", "json", "--now", NOW)
    assert out.exit_code == 0, out.stdout
    assert out.json()["ok"] is True
