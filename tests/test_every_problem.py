"""One run of ``check`` reports every problem: a post's schema errors do not hide the rules
that read none of its broken fields, settings report every error, and YAML syntax errors are
said in plain words with the line and a caret. Driven through the CLI on real files."""

from __future__ import annotations

from collections.abc import Callable

from PIL import Image

from conftest import NOW, CalendarDir, Invoke

#: A post with five distinct mistakes: two schema errors (an unknown kind, an hour 25), an
#: owner not in the team, a text too long for Bluesky, an image without alt text.
FIVE_MISTAKES = """\
- id: atelier
  kind: recette
  title: Atelier de pain
  status: ready
  owner: nobody
  channels: [facebook, bluesky]
  publish_at: 2026-12-01 25:00
  text: {text}
  images:
    - path: images/pain.jpg
"""


def test_check_reports_five_mistakes_of_one_post_in_one_run(
    cal: CalendarDir, gc: Callable[..., Invoke]
) -> None:
    (cal.root / "images").mkdir()
    Image.new("RGB", (1080, 1080), "white").save(cal.root / "images" / "pain.jpg", "JPEG")
    cal.posts(FIVE_MISTAKES.format(text="Du pain frais " * 30))
    out = gc("check", "--calendars", str(cal.root), "--now", NOW, "--format", "json")
    assert out.exit_code == 1
    found = [(p["line"], p["code"], p["post"]) for p in out.json()["problems"]]
    assert found == [
        (3, "schema", "atelier"),  # kind: recette
        (6, "unknown-owner", "atelier"),
        (8, "schema", "atelier"),  # publish_at: hour 25
        (9, "text-too-long", "atelier"),
        (11, "missing-alt-text", "atelier"),
    ]
    text = gc("check", "--now", NOW, cwd=cal.root.parent).stdout
    assert "'recette' is not one of" in text
    assert "'2026-12-01 25:00' is not a valid date and time" in text
    assert "owner 'nobody' is not in the team" in text
    assert "on Bluesky; the limit is 300" in text
    assert "has no alt text" in text
    assert text.endswith("4 errors, 1 warning (2 files, 1 post).\n")


def test_a_misspelled_key_does_not_hide_the_missing_alt_text(
    cal: CalendarDir, gc: Callable[..., Invoke]
) -> None:
    cal.posts(
        "- id: vitrine\n  kind: other\n  title: La vitrine\n  status: draft\n  owner: marie\n"
        "  channels: [facebook]\n  chanels: [x]\n  publish_at: 2026-12-01 09:00\n"
        "  text: Bonjour\n  images:\n    - path: images/vitrine.jpg\n"
    )
    out = gc("check", "--calendars", str(cal.root), "--now", NOW, "--no-images")
    assert out.exit_code == 1
    assert "unknown key 'chanels' (did you mean 'channels'?) [schema · vitrine]" in out.stdout
    assert "has no alt text" in out.stdout


def test_every_settings_error_at_once(cal: CalendarDir, gc: Callable[..., Invoke]) -> None:
    cal.write(
        "settings.yaml",
        """\
        timezone: America/Toronto
        channels:
          facebook: {}
        team:
          marie: {name: Marie Tremblay, roles: [content, chef]}
        slots: ["mon 09:00", "lun 25:00"]
        """,
    )
    out = gc("check", "--now", NOW, cwd=cal.root.parent)
    assert out.exit_code == 1
    lines = [line.strip() for line in out.stdout.splitlines() if "error:" in line]
    assert lines == [
        "calendars/settings.yaml:5:50: error: team.marie.roles[1]: the text 'chef' is not one "
        "of 'content' or 'interactions' [settings]",
        "calendars/settings.yaml:6:22: error: slots[1]: 'lun 25:00' is not a slot like "
        "'mon 09:00' [settings]",
    ]


def test_yaml_syntax_error_in_plain_words_with_a_caret(
    cal: CalendarDir, gc: Callable[..., Invoke]
) -> None:
    cal.write("posts.yaml", "posts:\n  - id: a\n    title: Heures: les fêtes\n")
    out = gc("check", "--now", NOW, cwd=cal.root.parent)
    assert out.exit_code == 1
    assert "mapping values are not allowed" not in out.stdout
    assert out.stdout.splitlines()[1:4] == [
        "  calendars/posts.yaml:3:18: error: a ': ' here would start a new key inside a value: "
        "put the value in quotes if it holds ': ' (title: \"Hours: the holidays\"), or indent "
        "this line like the keys around it [yaml-syntax]",
        "    3 |     title: Heures: les fêtes",
        "      |                  ^",
    ]


def test_an_unclosed_quote_is_reported_where_it_opens(
    cal: CalendarDir, gc: Callable[..., Invoke]
) -> None:
    cal.write("posts.yaml", 'posts:\n  - id: a\n    title: "Le pain\n    status: draft\n')
    out = gc("check", "--now", NOW, cwd=cal.root.parent)
    assert out.exit_code == 1
    assert "calendars/posts.yaml:3:12: error: this quoted text is never closed" in out.stdout
