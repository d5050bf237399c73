"""End to end: ``python -m gc_cli`` as a real process, as CI and pre-commit run it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest

from conftest import GOOD_POST, NOW, CalendarDir

SAMPLE = Path(__file__).parent.parent / "calendars"


def gc_cli(*args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in ("GC_NOW", "GC_CALENDARS", "FORCE_COLOR", "PYTHONWARNINGS")
    }
    clean.update({"NO_COLOR": "1", "COLUMNS": "100", **env})
    return subprocess.run(
        [sys.executable, "-m", "gc_cli", *args],
        cwd=cwd,
        env=clean,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )


def test_sample_calendar_checks_clean() -> None:
    done = gc_cli("check", "--now", NOW, cwd=SAMPLE.parent)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stderr == ""
    last = done.stdout.splitlines()[-1]
    assert last.startswith(("No problems (", "0 errors, "))
    as_json = gc_cli("check", "--now", NOW, "--format", "json", cwd=SAMPLE.parent)
    assert as_json.returncode == 0
    doc = json.loads(as_json.stdout)
    assert (doc["ok"], doc["errors"]) == (True, 0)
    assert all(p["file"].startswith("calendars/") for p in doc["problems"])


def test_sample_calendar_from_a_sub_folder_with_gc_now() -> None:
    done = gc_cli("check", "--format", "json", cwd=SAMPLE / "campagnes", GC_NOW=NOW)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["errors"] == 0


@pytest.fixture
def broken(cal: CalendarDir) -> CalendarDir:
    cal.posts(GOOD_POST + "- id: ok\n  title: Copie\n  owner: mari\n  chanels: [x]\n")
    cal.write("brouillon.yaml", "posts:\n  - id: a\n    title: [oups\n")
    return cal


def test_broken_calendar_gives_exit_1_and_json_problems(broken: CalendarDir) -> None:
    done = gc_cli("check", "--now", NOW, "--format", "json", cwd=broken.root.parent)
    assert done.returncode == 1
    assert done.stderr == ""
    doc = json.loads(done.stdout)
    assert (doc["ok"], doc["errors"], doc["warnings"], doc["files"], doc["posts"]) == (
        False,
        3,
        0,
        3,
        2,
    )
    # The unclosed bracket where it opens; the owner of the post with a schema error
    # is judged all the same (one mistake does not hide another).
    assert [(p["file"], p["line"], p["column"], p["code"], p["post"]) for p in doc["problems"]] == [
        ("calendars/brouillon.yaml", 3, 12, "yaml-syntax", None),
        ("calendars/posts.yaml", 12, 12, "unknown-owner", "ok"),
        ("calendars/posts.yaml", 13, 5, "schema", "ok"),
    ]
    assert doc["problems"][2]["message"] == "unknown key 'chanels' (did you mean 'channels'?)"
    assert "excerpt" not in doc["problems"][0]


def test_broken_calendar_as_pre_commit_hook(broken: CalendarDir) -> None:
    done = gc_cli(
        "check", "--now", NOW, "--format", "json", "calendars/posts.yaml", cwd=broken.root.parent
    )
    assert done.returncode == 1
    assert {p["file"] for p in json.loads(done.stdout)["problems"]} == {"calendars/posts.yaml"}


def test_github_format(broken: CalendarDir) -> None:
    done = gc_cli("check", "--now", NOW, "--format", "github", cwd=broken.root.parent)
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert lines[0].startswith(
        "::error file=calendars/brouillon.yaml,line=3,col=12,title=yaml-syntax::"
    )
    assert lines[2] == (
        "::error file=calendars/posts.yaml,line=13,col=5,title=schema::"
        "unknown key 'chanels' (did you mean 'channels'?) [schema · ok]"
    )
    assert lines[3:] == ["3 errors, 0 warnings (3 files, 2 posts)."]


def test_missing_root_gives_exit_2_and_one_line(tmp_path: Path) -> None:
    if any((p / "calendars" / "settings.yaml").is_file() for p in tmp_path.parents):
        pytest.skip("a parent of the temporary folder holds calendars/settings.yaml")
    done = gc_cli("check", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.startswith("gc-cli: no calendar root found")
    assert len(done.stderr.splitlines()) == 1
    assert "Traceback" not in done.stderr


def test_given_root_missing_gives_exit_2(tmp_path: Path) -> None:
    done = gc_cli("check", "--calendars", "nope", "--format", "json", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr == "gc-cli: --calendars: nope is not a folder\n"


@pytest.mark.parametrize(
    "raw",
    [
        b"\x00\x01\x02\xff\xfe binary \x00",
        "posts:\n  - id: a\n    title: Caf\xe9\n".encode("latin-1"),
        b"posts: " + b"[" * 10_000 + b"]" * 10_000,
        b"a: &a [x,x,x,x,x,x,x,x,x,x]\n"
        + b"".join(
            f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 10)}]\n".encode()
            for i in range(9)
        ),
        b"posts:\n  - !!python/object/apply:os.system ['echo pwned']\n",
    ],
    ids=["binary", "latin-1", "deep", "billion-laughs", "python-tag"],
)
def test_garbage_never_gives_a_traceback(cal: CalendarDir, raw: bytes) -> None:
    (cal.root / "garbage.yaml").write_bytes(raw)
    done = gc_cli("check", "--now", NOW, "--format", "json", cwd=cal.root.parent)
    assert "Traceback" not in done.stdout + done.stderr
    assert "pwned" not in done.stdout + done.stderr
    assert done.returncode == 1
    assert done.stderr == ""
    [problem] = json.loads(done.stdout)["problems"]
    assert (problem["file"], problem["code"]) == ("calendars/garbage.yaml", "yaml-syntax")


def test_version() -> None:
    done = gc_cli("--version", cwd=SAMPLE.parent)
    assert done.returncode == 0
    assert done.stdout == f"gc-cli {metadata.version('gc-cli')}\n"


@pytest.mark.parametrize(
    "args",
    [
        ("list", "--now", NOW),
        ("show", "vitrine-hiver-2026", "--now", NOW),
        ("calendar", "--now", NOW),
        ("check", "--now", NOW),
    ],
)
def test_a_reader_that_stops_reading_ends_the_command_quietly(args: tuple[str, ...]) -> None:
    # `gc-cli list | head -1`: the reader has gone before we write. Unix tools
    # stop without a word, and the shell sees 141 (128 + SIGPIPE).
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "gc_cli", *args],
            cwd=SAMPLE.parent,
            env={**os.environ, "NO_COLOR": "1"},
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
        )
    finally:
        os.close(write_end)
    assert done.stderr == ""
    assert done.returncode == 141
