"""``gc-cli show ID[@DATE]`` and ``list --counts``, through the CLI on real files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image

from conftest import NOW, CalendarDir, Invoke

POST = """\
- id: atelier
  kind: event
  title: Atelier de biscuits
  status: ready
  owner: marie
  channels: [facebook, bluesky, mastodon]
  publish_at: 2026-12-01 09:00
  event: {{starts: 2026-12-12 14:00, ends: 2026-12-12 16:00, place: La boulangerie}}
  text: {text}
  images:
    - path: images/biscuits.jpg
      alt: Des biscuits décorés
- id: pain
  kind: product
  title: Le pain de la semaine
  status: scheduled
  owner: marie
  channels: [facebook]
  publish_at: 2026-12-04 09:00
  repeat: FREQ=WEEKLY;COUNT=3
  text: Le pain de la semaine
  images:
    - path: images/biscuits.jpg
      alt: Du pain
"""

#: 40 characters of text, then a link: Mastodon counts any link as 23 characters.
TEXT = "Atelier samedi, inscription au comptoir https://example.org/" + "a" * 80


@pytest.fixture
def shown(cal: CalendarDir) -> CalendarDir:
    (cal.root / "images").mkdir()
    Image.new("RGB", (1080, 1080), "white").save(cal.root / "images" / "biscuits.jpg", "JPEG")
    cal.posts(POST.format(text=TEXT))
    return cal


def run(gc: Callable[..., Invoke], cal: CalendarDir, *args: str) -> Invoke:
    return gc(*args, "--now", NOW, cwd=cal.root.parent)


def test_show_counts_text_per_channel_as_the_channel_counts(
    shown: CalendarDir, gc: Callable[..., Invoke], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    out = run(gc, shown, "show", "atelier")
    assert out.exit_code == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[:5] == [
        "atelier · Atelier de biscuits",
        "Tue 2026-12-01 09:00 (America/Toronto)",
        "event · ready · owner marie (Marie Tremblay)",
        "Event: Sat 2026-12-12 14:00 to 16:00 · La boulangerie",
        "calendars/posts.yaml:2",
    ]
    counts = [line.split() for line in lines if line.startswith("  ✓")]
    # Facebook counts characters, Bluesky graphemes with the link as written,
    # Mastodon graphemes with each link as 23.
    assert ["✓", "facebook", "140/63206", "characters"] in counts
    assert ["✓", "bluesky", "140/300", "graphemes"] in counts
    assert ["✓", "mastodon", "63/500", "graphemes", "each", "link", "counts", "23"] in counts
    assert "images/biscuits.jpg: JPEG, 1080×1080" in out.stdout
    assert "No problems." in out.stdout


def test_show_json(shown: CalendarDir, gc: Callable[..., Invoke]) -> None:
    out = run(gc, shown, "show", "atelier", "--format", "json")
    assert out.exit_code == 0
    doc = out.json()
    assert (doc["id"], doc["kind"], doc["owner"]) == ("atelier", "event", "marie")
    assert doc["event"] == {
        "starts": "2026-12-12T14:00-05:00",
        "ends": "2026-12-12T16:00-05:00",
        "place": "La boulangerie",
    }
    by_channel = {c["channel"]: c for c in doc["channels"]}
    assert (by_channel["bluesky"]["length"], by_channel["bluesky"]["limit"]) == (140, 300)
    assert (by_channel["mastodon"]["length"], by_channel["mastodon"]["url_length"]) == (63, 23)
    assert doc["images"][0]["alt_length"] == len("Des biscuits décorés")
    assert doc["problems"] == []


def test_show_an_occurrence_of_a_recurring_post(
    shown: CalendarDir, gc: Callable[..., Invoke]
) -> None:
    out = run(gc, shown, "show", "pain@2026-12-11", "--format", "json")
    assert out.exit_code == 0, out.stderr
    doc = out.json()
    assert doc["occurrence"] == "2026-12-11"
    assert doc["publish_at"] == "2026-12-11T09:00-05:00"
    assert len(doc["occurrences"]) == 3
    wrong = run(gc, shown, "show", "pain@2026-12-10")
    assert wrong.exit_code == 2
    assert (
        "pain does not go out on 2026-12-10 (the nearest: 2026-12-04, 2026-12-11)" in wrong.stderr
    )


def test_show_an_unknown_id_is_a_usage_error(shown: CalendarDir, gc: Callable[..., Invoke]) -> None:
    out = run(gc, shown, "show", "atelir")
    assert out.exit_code == 2
    assert out.stdout == ""
    assert "no post 'atelir'" in out.stderr


def test_show_a_post_too_long_and_broken_exits_1_with_its_problems(
    shown: CalendarDir, gc: Callable[..., Invoke]
) -> None:
    text = (shown.root / "posts.yaml").read_text(encoding="utf-8")
    text = text.replace(TEXT, "Du pain " * 50).replace("kind: event", "kind: recette", 1)
    (shown.root / "posts.yaml").write_text(text, encoding="utf-8")
    out = run(gc, shown, "show", "atelier")
    assert out.exit_code == 1
    assert "✗  bluesky   399/300 graphemes (99 too many)" in out.stdout
    assert "Could not be read (see the problems below): event, kind" in out.stdout
    assert "[text-too-long · atelier · bluesky]" in out.stdout
    assert "[schema · atelier]" in out.stdout


def test_list_counts_gives_the_tightest_count(
    shown: CalendarDir, gc: Callable[..., Invoke]
) -> None:
    out = run(gc, shown, "list", "--counts", "--format", "csv")
    assert out.exit_code == 0
    header, *rows = out.stdout.splitlines()
    assert header.split(",")[-3:] == ["count_channel", "count_length", "count_limit"]
    assert rows[0].startswith("atelier,,2026-12-01T09:00")
    assert rows[0].endswith(",bluesky,140,300")
    text = run(gc, shown, "list", "--counts").stdout
    assert "140/300 bluesky" in text
    assert "140/300" not in run(gc, shown, "list").stdout


def test_show_in_french(
    shown: CalendarDir, gc: Callable[..., Invoke], french: Callable[[str], None]
) -> None:
    out = run(gc, shown, "show", "atelier")
    assert out.exit_code == 0
    assert "140/300 graphèmes" in out.stdout
    assert "Aucun problème." in out.stdout
    # JSON is the same in both languages.
    french("en")
    english = run(gc, shown, "show", "atelier", "--format", "json").stdout
    french("fr")
    assert run(gc, shown, "show", "atelier", "--format", "json").stdout == english


def test_show_help_is_a_whole_sentence(gc: Callable[..., Invoke], tmp_path: Path) -> None:
    out = gc("--help", cwd=tmp_path)
    words = " ".join(out.stdout.split())
    assert (
        "show Show one post as it will go out on each channel, with its counts and problems. "
        in words
    )
