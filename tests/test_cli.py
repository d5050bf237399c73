"""The command line: check's formats and options, FILES, help, init, schema, colour."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
import tomllib
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Any

import pytest
import typer
from jsonschema import Draft202012Validator

from conftest import GOOD_POST, NOW, SETTINGS, CalendarDir, Invoke
from gc_cli import __version__
from gc_cli.cli import app
from gc_cli.problems import Problem
from gc_cli.render.check import GithubReporter
from gc_cli.rules.check import CheckResult
from gc_cli.store.yamlsafe import decode, load

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "calendars"
COMMANDS = (
    "check",
    "list",
    "schedule",
    "mark",
    "approve",
    "images",
    "export",
    "calendar",
    "report",
    "coverage",
    "replies",
    "init",
    "schema",
    "show",
    "new",
    "template",
    "import",
)
ANSI = re.compile(r"\x1b\[")

MIXED = (
    GOOD_POST
    + """\
- id: bad
  title: 5
- id: wrong-channel
  title: Mauvais réseau
  status: draft
  owner: marie
  channels: [facebok]
  publish_at: 2026-12-10 09:00
  text: Allo
- id: soon
  title: Bientôt
  status: draft
  owner: marie
  channels: [linkedin]
  publish_at: 2026-11-26 09:00
  text: Bientôt
"""
)

SOON = """\
- id: soon
  title: Bientôt
  status: draft
  owner: marie
  channels: [linkedin]
  publish_at: 2026-11-26 09:00
  text: Bientôt
"""


@pytest.fixture
def mixed(cal: CalendarDir) -> CalendarDir:
    """Errors and a warning in two files: posts.yaml and sub/b.yaml."""
    cal.posts(MIXED)
    cal.posts("- id: other\n  title: Autre\n  status: 100%\n", name="sub/b.yaml")
    return cal


def check(gc: Callable[..., Invoke], cal: CalendarDir, *args: str) -> Invoke:
    """``gc-cli check`` run from the folder holding the root, with now pinned."""
    return gc("check", "--now", NOW, *args, cwd=cal.root.parent)


def plain(value: Any) -> Any:
    """A YAML value as plain dicts and lists, for jsonschema."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def read_yaml(path: Path) -> Any:
    return plain(load(decode(path.read_bytes())).data)


# -- text -------------------------------------------------------------------


def test_text_format_lines_grouped_by_file(mixed: CalendarDir, gc: Callable[..., Invoke]) -> None:
    out = check(gc, mixed)
    assert out.exit_code == 1
    assert out.stderr == ""
    lines = out.stdout.splitlines()
    assert lines[0] == "calendars/posts.yaml"
    assert lines[1] == (
        "  calendars/posts.yaml:11:12: error: title should be text, not the number 5 [schema · bad]"
    )
    assert lines[2] == (
        "  calendars/posts.yaml:16:16: error: channel 'facebok' is not enabled in settings.yaml"
        " (did you mean 'facebook'?) [unknown-channel · wrong-channel · facebok]"
    )
    assert re.fullmatch(
        r"  calendars/posts\.yaml:21:13: warning: .+ \[not-ready · soon\]", lines[3]
    )
    assert lines[4] == ""
    assert lines[5] == "calendars/sub/b.yaml"
    assert lines[6] == (
        "  calendars/sub/b.yaml:4:13: error: status: the text '100%' is not one of 'idea', "
        "'draft', 'ready', 'scheduled', 'published' or 'cancelled' [schema · other]"
    )
    assert lines[7:] == ["", "3 errors, 1 warning (3 files, 5 posts)."]
    assert not ANSI.search(out.stdout)


def test_text_format_matches_json(mixed: CalendarDir, gc: Callable[..., Invoke]) -> None:
    problems = check(gc, mixed, "--format", "json").json()["problems"]
    text = check(gc, mixed, "--format", "text").stdout
    expected = []
    for p in problems:
        about = " · ".join(x for x in (p["post"], p["channel"]) if x)
        suffix = f" [{p['code']}{' · ' + about if about else ''}]"
        expected.append(
            f"  {p['file']}:{p['line']}:{p['column']}: {p['severity']}: {p['message']}{suffix}"
        )
    assert [line for line in text.splitlines() if line.startswith("  ")] == expected


def test_text_format_clean(cal: CalendarDir, gc: Callable[..., Invoke]) -> None:
    cal.posts(GOOD_POST)
    out = check(gc, cal)
    assert out.exit_code == 0
    assert out.stdout == "No problems (2 files, 1 post).\n"


def test_text_is_plain_when_not_a_terminal_even_without_no_color(
    mixed: CalendarDir, gc: Callable[..., Invoke], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    out = check(gc, mixed)
    assert out.exit_code == 1
    assert not ANSI.search(out.stdout)
    assert "calendars/posts.yaml:11:12: error:" in out.stdout


# -- json -------------------------------------------------------------------


def test_json_format_shape(mixed: CalendarDir, gc: Callable[..., Invoke]) -> None:
    out = check(gc, mixed, "--format", "json")
    assert out.exit_code == 1
    assert out.stderr == ""
    assert out.stdout.startswith("{")
    assert out.stdout.endswith("}\n")
    doc = json.loads(out.stdout)  # nothing but JSON on stdout
    assert list(doc) == ["ok", "errors", "warnings", "files", "posts", "problems"]
    assert (doc["ok"], doc["errors"], doc["warnings"], doc["files"], doc["posts"]) == (
        False,
        3,
        1,
        3,
        5,
    )
    for problem in doc["problems"]:
        assert list(problem) == [
            "severity",
            "code",
            "message",
            "file",
            "line",
            "column",
            "post",
            "channel",
        ]
    assert doc["problems"][0] == {
        "severity": "error",
        "code": "schema",
        "message": "title should be text, not the number 5",
        "file": "calendars/posts.yaml",
        "line": 11,
        "column": 12,
        "post": "bad",
        "channel": None,
    }
    assert doc["problems"][1] == {
        "severity": "error",
        "code": "unknown-channel",
        "message": "channel 'facebok' is not enabled in settings.yaml (did you mean 'facebook'?)",
        "file": "calendars/posts.yaml",
        "line": 16,
        "column": 16,
        "post": "wrong-channel",
        "channel": "facebok",
    }
    assert [(p["severity"], p["code"], p["post"], p["channel"]) for p in doc["problems"][2:]] == [
        ("warning", "not-ready", "soon", None),
        ("error", "schema", "other", None),
    ]


def test_json_post_and_channel_null_where_they_do_not_apply(
    cal: CalendarDir, gc: Callable[..., Invoke]
) -> None:
    cal.write("broken.yaml", "posts: [\n")
    cal.write("settings.yaml", SETTINGS.replace("America/Toronto", "Mars/Olympus"))
    doc = check(gc, cal, "--format", "json").json()
    assert [(p["file"], p["code"], p["post"], p["channel"]) for p in doc["problems"]] == [
        ("calendars/broken.yaml", "yaml-syntax", None, None),
        ("calendars/settings.yaml", "settings", None, None),
    ]


def test_json_sorted_by_file_line_column(cal: CalendarDir, gc: Callable[..., Invoke]) -> None:
    cal.posts(
        "- id: z\n  title: 1\n- id: y\n  title: Un\n  kind: nope\n  status: nope\n", name="b.yaml"
    )
    cal.posts("- id: x\n  title: [1]\n- {id: w, title: 2, kind: 3}\n", name="a.yaml")
    cal.posts("- id: v\n  title: 2\n", name="a/z.yaml")
    problems = check(gc, cal, "--format", "json").json()["problems"]
    where = [(p["file"], p["line"], p["column"]) for p in problems]
    assert where == [
        ("calendars/a.yaml", 3, 12),
        ("calendars/a.yaml", 4, 20),
        ("calendars/a.yaml", 4, 29),
        ("calendars/a/z.yaml", 3, 12),
        ("calendars/b.yaml", 3, 12),
        ("calendars/b.yaml", 6, 11),
        ("calendars/b.yaml", 7, 13),
    ]
    assert where == sorted(where)


def test_json_file_relative_to_cwd_only_when_below_it(
    mixed: CalendarDir, gc: Callable[..., Invoke], tmp_path: Path
) -> None:
    root = mixed.root
    below = gc("check", "--now", NOW, "--format", "json", "--calendars", str(root), cwd=tmp_path)
    assert {p["file"] for p in below.json()["problems"]} == {
        "calendars/posts.yaml",
        "calendars/sub/b.yaml",
    }
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    out = gc("check", "--now", NOW, "--format", "json", "--calendars", str(root), cwd=elsewhere)
    assert {p["file"] for p in out.json()["problems"]} == {
        str(root / "posts.yaml"),
        str(root / "sub" / "b.yaml"),
    }


def test_json_clean(cal: CalendarDir, gc: Callable[..., Invoke]) -> None:
    cal.posts(GOOD_POST)
    out = check(gc, cal, "--format", "json")
    assert out.exit_code == 0
    assert out.json() == {
        "ok": True,
        "errors": 0,
        "warnings": 0,
        "files": 2,
        "posts": 1,
        "problems": [],
    }


# -- github -----------------------------------------------------------------


def test_github_format(mixed: CalendarDir, gc: Callable[..., Invoke]) -> None:
    out = check(gc, mixed, "--format", "github")
    assert out.exit_code == 1
    lines = out.stdout.splitlines()
    assert lines[0] == (
        "::error file=calendars/posts.yaml,line=11,col=12,title=schema::"
        "title should be text, not the number 5 [schema · bad]"
    )
    assert lines[1] == (
        "::error file=calendars/posts.yaml,line=16,col=16,title=unknown-channel::"
        "channel 'facebok' is not enabled in settings.yaml (did you mean 'facebook'?)"
        " [unknown-channel · wrong-channel · facebok]"
    )
    assert lines[2].startswith(
        "::warning file=calendars/posts.yaml,line=21,col=13,title=not-ready::"
    )
    # '%' escaped in the message; ':' and ',' are not (only in properties).
    assert lines[3] == (
        "::error file=calendars/sub/b.yaml,line=4,col=13,title=schema::"
        "status: the text '100%25' is not one of 'idea', 'draft', 'ready', 'scheduled', "
        "'published' or 'cancelled' [schema · other]"
    )
    assert lines[4:] == ["3 errors, 1 warning (3 files, 5 posts)."]


def test_github_escapes_file_name_properties(cal: CalendarDir, gc: Callable[..., Invoke]) -> None:
    cal.posts("- id: a\n  title: 5\n", name="a,b:c%d.yaml")
    out = check(gc, cal, "--format", "github")
    assert out.stdout.splitlines()[0] == (
        "::error file=calendars/a%2Cb%3Ac%25d.yaml,line=3,col=12,title=schema::"
        "title should be text, not the number 5 [schema · a]"
    )


def test_github_escapes_newlines_and_percent() -> None:
    problem = Problem(
        "x,y:z%.yaml", 3, 7, "odd:code,1", "error", "line one\nline two\r\n100%: a, b", "p", "c"
    )
    stream = io.StringIO()
    GithubReporter(stream).report(CheckResult([problem], 1, 1))
    first, summary = stream.getvalue().splitlines()
    assert first == (
        "::error file=x%2Cy%3Az%25.yaml,line=3,col=7,title=odd%3Acode%2C1::"
        "line one%0Aline two%0D%0A100%25: a, b [odd:code,1 · p · c]"
    )
    assert summary == "1 error, 0 warnings (1 file, 1 post)."


# -- exit codes, --strict, --now --------------------------------------------


def test_warnings_alone_exit_0_unless_strict(cal: CalendarDir, gc: Callable[..., Invoke]) -> None:
    cal.posts(SOON)
    out = check(gc, cal, "--format", "json")
    assert out.exit_code == 0
    doc = out.json()
    assert (doc["errors"], doc["warnings"]) == (0, 1)
    assert [(p["line"], p["column"], p["code"]) for p in doc["problems"]] == [(4, 13, "not-ready")]
    assert check(gc, cal, "--strict").exit_code == 1
    assert check(gc, cal, "--strict", "--format", "json").exit_code == 1


def test_strict_with_no_problem_exits_0(cal: CalendarDir, gc: Callable[..., Invoke]) -> None:
    cal.posts(GOOD_POST)
    assert check(gc, cal, "--strict").exit_code == 0


def codes_at(gc: Callable[..., Invoke], cal: CalendarDir, *args: str) -> list[str]:
    out = gc("check", "--format", "json", *args, cwd=cal.root.parent)
    assert out.exit_code == 0, out.stderr
    return [p["code"] for p in out.json()["problems"]]


def test_now_option(cal: CalendarDir, gc: Callable[..., Invoke]) -> None:
    cal.posts(SOON)
    assert codes_at(gc, cal, "--now", NOW) == ["not-ready"]
    assert codes_at(gc, cal, "--now", "2026-11-25T08:00") == ["not-ready"]  # local time
    assert codes_at(gc, cal, "--now", "2026-11-20T08:00:00-05:00") == []
    assert codes_at(gc, cal, "--now", "2026-11-20") == []


def test_gc_now_environment(
    cal: CalendarDir, gc: Callable[..., Invoke], monkeypatch: pytest.MonkeyPatch
) -> None:
    cal.posts(SOON)
    monkeypatch.setenv("GC_NOW", NOW)
    assert codes_at(gc, cal) == ["not-ready"]
    monkeypatch.setenv("GC_NOW", "2026-11-20T08:00:00-05:00")
    assert codes_at(gc, cal) == []
    assert codes_at(gc, cal, "--now", NOW) == ["not-ready"]  # the option wins


@pytest.mark.parametrize("value", ["demain", "2026-13-45T99:00", "25/11/2026"])
def test_invalid_now_is_a_usage_error(
    cal: CalendarDir, gc: Callable[..., Invoke], value: str
) -> None:
    cal.posts(GOOD_POST)
    out = gc("check", "--now", value, "--format", "json", cwd=cal.root.parent)
    assert out.exit_code == 2
    assert out.stdout == ""
    assert out.stderr.startswith(f"gc-cli: --now: '{value}'")
    assert out.stderr.count("\n") == 1


def test_invalid_gc_now_is_a_usage_error(
    cal: CalendarDir, gc: Callable[..., Invoke], monkeypatch: pytest.MonkeyPatch
) -> None:
    cal.posts(GOOD_POST)
    monkeypatch.setenv("GC_NOW", "tomorrow")
    out = gc("check", cwd=cal.root.parent)
    assert out.exit_code == 2
    assert out.stderr.startswith("gc-cli: --now: 'tomorrow'")


def test_unknown_format_is_a_usage_error(cal: CalendarDir, gc: Callable[..., Invoke]) -> None:
    cal.posts(GOOD_POST)
    out = check(gc, cal, "--format", "xml")
    assert out.exit_code == 2
    assert out.stdout == ""


def test_unreadable_post_file_is_a_problem_at_it(
    cal: CalendarDir, gc: Callable[..., Invoke]
) -> None:
    """A file of the root that cannot be read is a fault of the calendar (exit 1),
    reported with the others; the rest of the root is still checked."""
    cal.posts(GOOD_POST.replace("owner: marie", "owner: nobody"))
    (cal.root / "gone.yaml").symlink_to(cal.root / "nowhere.yaml")
    out = check(gc, cal, "--format", "json")
    assert out.exit_code == 1
    assert out.stderr == ""
    found = [(p["file"], p["line"], p["code"]) for p in out.json()["problems"]]
    assert found == [
        ("calendars/gone.yaml", 1, "file-unreadable"),
        ("calendars/posts.yaml", 6, "unknown-owner"),
    ]
    assert "cannot be read (No such file or directory)" in out.json()["problems"][0]["message"]


def test_unexpected_failure_while_loading_names_the_file(
    cal: CalendarDir, gc: Callable[..., Invoke], monkeypatch: pytest.MonkeyPatch
) -> None:
    class Exploding:
        @staticmethod
        def model_validate(value: object) -> object:
            raise RuntimeError("boom")

    cal.posts(GOOD_POST)
    monkeypatch.setattr("gc_cli.store.loader.Post", Exploding)
    out = check(gc, cal)
    assert out.exit_code == 2
    assert out.stderr == (
        "gc-cli: calendars/posts.yaml: unexpected failure while reading: RuntimeError('boom')\n"
    )


def test_console_script_turns_any_failure_into_one_line(
    cal: CalendarDir, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from gc_cli import cli

    def explode(*args: object, **kwargs: object) -> object:
        raise RuntimeError("boom")

    cal.posts(GOOD_POST)
    monkeypatch.setattr("gc_cli.rules.check.run_rules", explode)
    monkeypatch.setattr(sys, "argv", ["gc-cli", "check", "--calendars", str(cal.root)])
    with pytest.raises(SystemExit) as exited:
        cli.main()
    assert exited.value.code == 2
    captured = capsys.readouterr()
    assert captured.err == "gc-cli: unexpected failure: RuntimeError('boom')\n"


# -- FILES --------------------------------------------------------------------


@pytest.fixture
def two_files(cal: CalendarDir) -> CalendarDir:
    """a.yaml: post 'ok' and a schema error; b.yaml: a later copy of 'ok' (duplicate-id)."""
    cal.posts(GOOD_POST + "- id: bad\n  title: 5\n", name="a.yaml")
    cal.posts(
        GOOD_POST.replace("2026-12-01", "2026-12-08").replace("Bonjour", "Allo"), name="b.yaml"
    )
    clean = GOOD_POST.replace("id: ok", "id: clean").replace("2026-12-01", "2026-12-15")
    cal.posts(clean.replace("Bonjour", "Bonsoir"), name="c.yaml")
    return cal


def files_checked(gc: Callable[..., Invoke], cal: CalendarDir, *files: str) -> Invoke:
    return gc("check", "--now", NOW, "--format", "json", *files, cwd=cal.root.parent)


def test_files_report_only_their_problems_with_cross_file_rules(
    two_files: CalendarDir, gc: Callable[..., Invoke]
) -> None:
    whole = files_checked(gc, two_files).json()["problems"]
    assert [(p["file"], p["line"], p["code"]) for p in whole] == [
        ("calendars/a.yaml", 11, "schema"),
        ("calendars/b.yaml", 2, "duplicate-id"),
    ]
    out = files_checked(gc, two_files, "calendars/b.yaml")
    assert out.exit_code == 1
    [problem] = out.json()["problems"]
    assert (problem["file"], problem["line"], problem["column"], problem["code"]) == (
        "calendars/b.yaml",
        2,
        9,
        "duplicate-id",
    )
    assert problem["message"] == "id 'ok' is already used by the post at calendars/a.yaml:2"


def test_files_first_copy_of_a_duplicate_is_not_at_fault(
    two_files: CalendarDir, gc: Callable[..., Invoke]
) -> None:
    out = files_checked(gc, two_files, "calendars/a.yaml")
    assert [(p["file"], p["code"]) for p in out.json()["problems"]] == [
        ("calendars/a.yaml", "schema")
    ]


def test_files_without_problems_exit_0(two_files: CalendarDir, gc: Callable[..., Invoke]) -> None:
    out = files_checked(gc, two_files, "calendars/c.yaml")
    assert out.exit_code == 0
    assert out.json()["problems"] == []


def test_files_several_and_spelt_differently(
    two_files: CalendarDir, gc: Callable[..., Invoke]
) -> None:
    root = two_files.root
    out = files_checked(gc, two_files, str(root / "a.yaml"), "calendars/../calendars/b.yaml")
    assert [(p["file"], p["code"]) for p in out.json()["problems"]] == [
        ("calendars/a.yaml", "schema"),
        ("calendars/b.yaml", "duplicate-id"),
    ]


def test_file_outside_the_root_is_a_usage_error(
    two_files: CalendarDir, gc: Callable[..., Invoke], tmp_path: Path
) -> None:
    outside = tmp_path / "outside.yaml"
    outside.write_text("posts: []\n", encoding="utf-8")
    out = files_checked(gc, two_files, "outside.yaml")
    assert out.exit_code == 2
    assert out.stdout == ""
    assert out.stderr == "gc-cli: outside.yaml: not inside the calendar root calendars\n"


def test_missing_file_is_a_usage_error(two_files: CalendarDir, gc: Callable[..., Invoke]) -> None:
    out = files_checked(gc, two_files, "calendars/nope.yaml")
    assert out.exit_code == 2
    assert out.stdout == ""
    assert out.stderr == "gc-cli: calendars/nope.yaml: no such file\n"


# -- version, help, commands ----------------------------------------------------


def test_version(gc: Callable[..., Invoke]) -> None:
    """The version printed is the one the installed distribution declares (its metadata,
    built from ``gc_cli.__version__``: pyproject.toml reads it from there)."""
    out = gc("--version")
    assert out.exit_code == 0
    assert out.stdout == f"gc-cli {metadata.version('gc-cli')}\n"


def test_the_version_is_written_in_one_place() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert "version" not in project
    assert "version" in project["dynamic"]
    assert re.fullmatch(r"\d+\.\d+\.\d+(?:(?:a|b|rc)\d+)?", __version__)


@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_help_lists_every_command(gc: Callable[..., Invoke], flag: str) -> None:
    out = gc(flag)
    assert out.exit_code == 0
    listed = re.findall(r"^  ([a-z-]+)\s", out.stdout.split("Commands:", 1)[1], re.M)
    assert sorted(listed) == sorted(COMMANDS)


def test_registered_commands_are_the_documented_ones() -> None:
    assert sorted(typer.main.get_command(app).commands) == sorted(COMMANDS)


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_help_that_ends_with_an_example(
    gc: Callable[..., Invoke], name: str
) -> None:
    """What users read: ``gc-cli NAME --help``, a summary, then an example before the options."""
    out = gc(name, "--help")
    assert out.exit_code == 0
    usage, summary, *paragraphs = out.stdout.split("\n\n")
    assert usage.startswith(f"Usage: gc-cli {name} ")
    assert len(summary.strip()) > 20, summary
    description = [
        p.strip() for p in paragraphs if not p.lstrip().startswith(("Options:", "Arguments:"))
    ]
    assert description[-1].startswith(f"Example: gc-cli {name}"), description


# -- init ---------------------------------------------------------------------


def test_init_creates_a_root_that_checks_clean(gc: Callable[..., Invoke], tmp_path: Path) -> None:
    out = gc("init", "newcal", cwd=tmp_path)
    assert out.exit_code == 0
    assert out.stdout.splitlines() == [
        "created newcal/settings.yaml",
        "created newcal/posts.yaml",
        "created newcal/settings.schema.json",
        "created newcal/posts.schema.json",
        "Next: gc-cli check --calendars newcal",
    ]
    checked = gc("check", "--calendars", "newcal", "--now", NOW, "--format", "json", cwd=tmp_path)
    assert checked.exit_code == 0
    doc = checked.json()
    assert (doc["ok"], doc["errors"], doc["warnings"], doc["posts"]) == (True, 0, 0, 1)
    strict = gc("check", "--calendars", "newcal", "--now", NOW, "--strict", cwd=tmp_path)
    assert strict.exit_code == 0


def test_init_default_folder_is_found_by_check(gc: Callable[..., Invoke], tmp_path: Path) -> None:
    assert gc("init", "--timezone", "Europe/Paris", cwd=tmp_path).exit_code == 0
    settings = (tmp_path / "calendars" / "settings.yaml").read_text(encoding="utf-8")
    assert "timezone: Europe/Paris" in settings
    out = gc("check", "--now", NOW, cwd=tmp_path)
    assert out.exit_code == 0
    assert out.stdout == "No problems (2 files, 1 post).\n"


def test_init_refuses_to_overwrite(gc: Callable[..., Invoke], tmp_path: Path) -> None:
    root = tmp_path / "calendars"
    root.mkdir()
    (root / "settings.yaml").write_text("# mine\n", encoding="utf-8")
    out = gc("init", cwd=tmp_path)
    assert out.exit_code == 1  # a refused change, as its help says
    assert out.stdout == ""
    assert "already exists" in out.stderr
    assert out.stderr.count("\n") == 1
    assert (root / "settings.yaml").read_text(encoding="utf-8") == "# mine\n"
    assert not (root / "posts.yaml").exists()


def test_init_unknown_time_zone(gc: Callable[..., Invoke], tmp_path: Path) -> None:
    out = gc("init", "--timezone", "Mars/Olympus", cwd=tmp_path)
    assert out.exit_code == 2
    assert out.stderr.startswith("gc-cli: --timezone: unknown time zone 'Mars/Olympus'")
    assert not (tmp_path / "calendars").exists()


# -- schema -------------------------------------------------------------------


def schema_of(gc: Callable[..., Invoke], *kind: str) -> dict[str, Any]:
    out = gc("schema", *kind)
    assert out.exit_code == 0
    assert out.stderr == ""
    document = json.loads(out.stdout)
    Draft202012Validator.check_schema(document)
    assert document["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    return document


def test_schema_default_is_posts(gc: Callable[..., Invoke]) -> None:
    assert schema_of(gc) == schema_of(gc, "posts")


def test_schema_unknown_kind(gc: Callable[..., Invoke]) -> None:
    assert gc("schema", "team").exit_code == 2


def sample_files() -> list[Path]:
    return sorted(p for p in SAMPLE.rglob("*") if p.suffix in (".yaml", ".yml"))


def test_sample_calendar_validates_against_the_schemas(gc: Callable[..., Invoke]) -> None:
    posts = Draft202012Validator(schema_of(gc, "posts"))
    settings = Draft202012Validator(schema_of(gc, "settings"))
    replies = Draft202012Validator(schema_of(gc, "replies"))
    files = sample_files()
    assert len(files) >= 2
    for path in files:
        validator = settings if path == SAMPLE / "settings.yaml" else posts
        if path.parent == SAMPLE / "replies":
            validator = replies
        errors = [e.message for e in validator.iter_errors(read_yaml(path))]
        assert errors == [], path


def test_init_root_validates_against_the_schemas(gc: Callable[..., Invoke], tmp_path: Path) -> None:
    gc("init", cwd=tmp_path)
    root = tmp_path / "calendars"
    Draft202012Validator(schema_of(gc, "settings")).validate(read_yaml(root / "settings.yaml"))
    Draft202012Validator(schema_of(gc, "posts")).validate(read_yaml(root / "posts.yaml"))


@pytest.mark.parametrize(
    "document",
    [
        {"post": []},
        {"posts": [{"id": "a", "title": "t", "chanels": []}]},
        {"posts": [{"id": "Menu_Noel", "title": "t"}]},
        {"posts": [{"title": "t"}]},
        {"posts": [{"id": "a", "title": "t", "status": "bogus"}]},
        {"posts": [{"id": "a", "title": "t", "publish_at": "demain"}]},
        {"posts": [{"id": "a", "title": "t", "images": ["x.jpg"]}]},
        {"defaults": {"kind": "artcle"}, "posts": []},
    ],
)
def test_posts_schema_rejects_what_check_rejects(
    gc: Callable[..., Invoke], document: dict[str, Any]
) -> None:
    assert not Draft202012Validator(schema_of(gc, "posts")).is_valid(document)


@pytest.mark.parametrize(
    "document",
    [
        {"channels": {"facebook": {}}},
        {"timezone": "UTC", "channels": {"facebook": {}}, "slots": ["lun 9h"]},
        {"timezone": "UTC", "channels": {"facebook": {}}, "rules": {"min_gap": 3}},
        {"timezone": "UTC", "chanels": {"facebook": {}}},
    ],
)
def test_settings_schema_rejects_what_check_rejects(
    gc: Callable[..., Invoke], document: dict[str, Any]
) -> None:
    assert not Draft202012Validator(schema_of(gc, "settings")).is_valid(document)


@pytest.mark.parametrize(
    "limits", [{"max_text": "lots"}, {"max_txt": 3}, {"image_formats": ["PSD"]}]
)
def test_settings_schema_checks_channel_limits(
    gc: Callable[..., Invoke], limits: dict[str, Any]
) -> None:
    document = {"timezone": "UTC", "channels": {"mastodon": limits}}
    assert not Draft202012Validator(schema_of(gc, "settings")).is_valid(document)


def test_sample_calendar_checks_clean(gc: Callable[..., Invoke]) -> None:
    out = gc("check", "--calendars", str(SAMPLE), "--now", NOW, "--format", "json")
    doc = out.json()
    assert [p for p in doc["problems"] if p["severity"] == "error"] == []
    assert out.exit_code == 0
    assert (doc["ok"], doc["errors"]) == (True, 0)
    # files counts post files; the saved replies of replies/ are not posts.
    assert doc["files"] == len([p for p in sample_files() if p.parent != SAMPLE / "replies"])
    assert doc["posts"] > 0


# -- colour -------------------------------------------------------------------


def test_no_color_output_has_no_ansi(mixed: CalendarDir, gc: Callable[..., Invoke]) -> None:
    for fmt in ("text", "json", "github"):
        out = check(gc, mixed, "--format", fmt)
        assert not ANSI.search(out.stdout + out.stderr), fmt


def run_in_terminal(cwd: Path, env: dict[str, str], *args: str) -> tuple[int, str]:
    """Run gc-cli with a pseudo-terminal as stdout and stderr; return (exit code, output)."""
    pty = pytest.importorskip("pty")
    master, slave = pty.openpty()
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", "gc_cli", *args],
            stdin=subprocess.DEVNULL,
            stdout=slave,
            stderr=slave,
            cwd=cwd,
            env=env,
        )
    finally:
        os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    return process.wait(timeout=60), b"".join(chunks).decode("utf-8", "replace")


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_terminal_output_is_coloured_unless_no_color(mixed: CalendarDir) -> None:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("NO_COLOR", "FORCE_COLOR", "GC_NOW", "GC_CALENDARS", "TTY_COMPATIBLE")
    }
    env["TERM"] = "xterm-256color"
    code, coloured = run_in_terminal(mixed.root.parent, env, "check", "--now", NOW)
    assert code == 1
    assert ANSI.search(coloured)
    code, plain_out = run_in_terminal(
        mixed.root.parent, {**env, "NO_COLOR": "1"}, "check", "--now", NOW
    )
    assert code == 1
    assert not ANSI.search(plain_out)
    assert "calendars/posts.yaml:11:12: error: title should be text" in plain_out


def test_strict_json_ok_matches_the_exit_code(cal: CalendarDir, gc: Callable[..., Invoke]) -> None:
    # An idea due tomorrow: a not-ready warning and nothing else.
    cal.posts(GOOD_POST.replace("status: ready", "status: idea").replace("12-01", "11-26"))
    relaxed = gc("check", "--calendars", str(cal.root), "--format", "json", "--now", NOW)
    strict = gc("check", "--calendars", str(cal.root), "--format", "json", "--strict", "--now", NOW)
    assert (relaxed.exit_code, relaxed.json()["ok"]) == (0, True)
    assert (strict.exit_code, strict.json()["ok"]) == (1, False)
    assert [p["code"] for p in strict.json()["problems"]] == ["not-ready"]
