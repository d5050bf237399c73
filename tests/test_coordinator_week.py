"""A coordinator's week, end to end, as real processes: hand the week to Buffer with
``--mark scheduled``, see that the next export hands nothing over twice, let a day pass,
``mark … published --url …``, and ``check`` is clean."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from conftest import CalendarDir
from test_e2e import gc_cli

POSTS = """\
# La semaine du 30 novembre.
posts:
  - id: atelier
    title: L'atelier de biscuits
    channels: [facebook, instagram]
    status: ready
    owner: marie
    publish_at: 2026-12-01 09:00
    text: L'atelier de biscuits, samedi.
    images:
      - {path: images/atelier.jpg, alt: Des biscuits décorés}

  - id: horaire
    title: L'horaire des fêtes
    channels: [facebook]
    status: ready
    owner: marie
    publish_at: 2026-12-02 12:00
    text: Notre horaire des fêtes.

  - id: pain-du-vendredi
    title: Le pain du vendredi
    channels: [facebook]
    status: ready
    owner: marie
    publish_at: 2026-12-04 09:00
    repeat: FREQ=WEEKLY;COUNT=4
    text: Le pain du vendredi est prêt.
"""


def rows(path: Path) -> list[tuple[str, str]]:
    """(text, time) of each row of a Buffer file."""
    found = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    assert found[0] == ["Text", "Image URL", "Tags", "Posting Time"]
    return [(row[0], row[3]) for row in found[1:]]


@pytest.mark.timeout(300)
def test_a_coordinators_week(cal: CalendarDir) -> None:
    from PIL import Image

    (cal.root / "images").mkdir()
    Image.new("RGB", (1080, 1080), "tan").save(cal.root / "images/atelier.jpg")
    posts = cal.root / "posts.yaml"
    posts.write_text(POSTS, encoding="utf-8")
    work = cal.root.parent
    monday = {"GC_NOW": "2026-11-30T08:00"}

    def export(channel: str, name: str) -> str:
        done = gc_cli(
            "export", "--format", "buffer", "--channel", channel, "--days", "7",
            "-o", name, "--mark", "scheduled", cwd=work, **monday,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        return done.stderr

    # Monday: the week goes to Buffer, one file per channel.
    said = export("facebook", "facebook.csv")
    assert rows(work / "facebook.csv") == [
        ("L'atelier de biscuits, samedi.", "2026-12-01 09:00"),
        ("Notre horaire des fêtes.", "2026-12-02 12:00"),
        ("Le pain du vendredi est prêt.", "2026-12-04 09:00"),
    ]
    assert "marked 3 publications as handed over on facebook in 1 file" in said
    text = posts.read_text(encoding="utf-8")
    # On two channels, the atelier waits for Instagram; the others are scheduled.
    assert "    status: ready\n    scheduled_on: [facebook]\n" in text
    assert "  - id: horaire\n" in text and text.count("status: scheduled") == 1
    assert "    occurrences: {2026-12-04: scheduled}\n" in text

    said = export("instagram", "instagram.csv")
    assert rows(work / "instagram.csv") == [("L'atelier de biscuits, samedi.", "2026-12-01 09:00")]
    text = posts.read_text(encoding="utf-8")
    assert "scheduled_on" not in text and text.count("status: scheduled") == 2

    # The same export again hands nothing over twice, and says why.
    before = posts.read_bytes()
    said = export("facebook", "again.csv")
    assert rows(work / "again.csv") == []
    assert said.count("already scheduled: handed over to a publishing tool before") == 3
    assert posts.read_bytes() == before

    # Wednesday afternoon: two posts have gone out and check says what to do.
    wednesday = {"GC_NOW": "2026-12-02T13:00"}
    done = gc_cli("check", "--format", "json", cwd=work, **wednesday)
    assert done.returncode == 0, done.stderr
    overdue = [p for p in _problems(done.stdout) if p["code"] == "overdue"]
    assert [p["post"] for p in overdue] == ["atelier", "horaire"]
    assert "gc-cli mark atelier published" in overdue[0]["message"]

    for args in (
        (
            "atelier",
            "published",
            "--url",
            "facebook=https://facebook.com/lamiedoree/posts/1",
            "--url",
            "instagram=https://instagram.com/p/Cx1",
        ),
        ("horaire", "published", "--url", "https://facebook.com/lamiedoree/posts/2"),
    ):
        done = gc_cli("mark", *args, cwd=work, **wednesday)
        assert done.returncode == 0, done.stderr
        assert done.stdout.endswith("1 post marked in 1 file.\n")

    done = gc_cli("check", cwd=work, **wednesday)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.startswith("No problems (")
    text = posts.read_text(encoding="utf-8")
    assert "    published_url: https://facebook.com/lamiedoree/posts/2\n" in text
    assert text.startswith("# La semaine du 30 novembre.\nposts:\n")


def _problems(output: str) -> list[dict[str, object]]:
    import json

    found: list[dict[str, object]] = json.loads(output)["problems"]
    return found
