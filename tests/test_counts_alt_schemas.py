"""``check FILE`` counts what it checked; ``images`` tells which posts give no alt text;
``init`` writes the schemas its files name. Through the CLI on real files."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from PIL import Image

from conftest import NOW, CalendarDir, Invoke
from test_cli import read_yaml


def test_check_file_counts_that_file_and_its_posts(
    cal: CalendarDir, gc: Callable[..., Invoke]
) -> None:
    one = "- id: {id}\n  kind: other\n  title: T {id}\n  status: idea\n  owner: marie\n"
    cal.posts(one.format(id="a") + one.format(id="b"), name="a.yaml")
    cal.posts(one.format(id="c"), name="c.yaml")
    cal.posts(one.format(id="d"), name="sub/d.yaml")
    out = gc("check", "--now", NOW, "calendars/a.yaml", cwd=cal.root.parent)
    assert (out.exit_code, out.stdout) == (0, "No problems (1 file, 2 posts).\n")
    both = gc(
        "check", "--now", NOW, "calendars/a.yaml", "calendars/sub/d.yaml", cwd=cal.root.parent
    )
    assert both.stdout == "No problems (2 files, 3 posts).\n"
    doc = gc("check", "--now", NOW, "--format", "json", "calendars/c.yaml", cwd=cal.root.parent)
    assert (doc.json()["files"], doc.json()["posts"]) == (1, 1)
    every = gc("check", "--now", NOW, cwd=cal.root.parent)
    assert every.stdout == "No problems (4 files, 4 posts).\n"


def test_images_says_which_posts_give_no_alt_text(
    cal: CalendarDir, gc: Callable[..., Invoke]
) -> None:
    (cal.root / "images").mkdir()
    Image.new("RGB", (1080, 1080), "white").save(cal.root / "images" / "pain.jpg", "JPEG")
    post = (
        "- id: {id}\n  kind: product\n  title: T {id}\n  status: draft\n  owner: marie\n"
        "  channels: [facebook]\n  text: Bonjour\n  images:\n    - path: images/pain.jpg\n{alt}"
    )
    cal.posts(
        post.format(id="avec", alt="      alt: Une miche\n")
        + post.format(id="sans", alt="")
        + post.format(id="vide", alt="      alt: '  '\n")
    )
    out = gc("images", "--now", NOW, cwd=cal.root.parent)
    assert "  no alt text in: sans, vide" in out.stdout.splitlines()
    doc = gc("images", "--now", NOW, "--format", "json", cwd=cal.root.parent).json()
    assert [use["alt"] for use in doc["images"][0]["posts"]] == ["Une miche", None, "  "]


def test_init_writes_the_schemas_its_files_name(gc: Callable[..., Invoke], tmp_path: Path) -> None:
    assert gc("init", "cal", cwd=tmp_path).exit_code == 0
    root = tmp_path / "cal"
    for name, schema in (("settings.yaml", "settings"), ("posts.yaml", "posts")):
        text = (root / name).read_text(encoding="utf-8")
        first = text.splitlines()[0]
        assert first == f"# yaml-language-server: $schema={schema}.schema.json"
        document = json.loads((root / f"{schema}.schema.json").read_text(encoding="utf-8"))
        # The file written is what `gc-cli schema` prints, and the file it names follows it.
        printed = gc("schema", schema, cwd=tmp_path).stdout
        assert json.loads(printed) == document
        Draft202012Validator.check_schema(document)
        Draft202012Validator(document).validate(read_yaml(root / name))


@pytest.mark.parametrize("existing", ["settings.schema.json", "posts.schema.json"])
def test_init_keeps_a_schema_already_there(
    gc: Callable[..., Invoke], tmp_path: Path, existing: str
) -> None:
    (tmp_path / "cal").mkdir()
    (tmp_path / "cal" / existing).write_text("{}\n", encoding="utf-8")
    out = gc("init", "cal", cwd=tmp_path)
    assert out.exit_code == 0
    assert f"created cal/{existing}" not in out.stdout
    assert (tmp_path / "cal" / existing).read_text(encoding="utf-8") == "{}\n"
