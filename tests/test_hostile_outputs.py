"""What gc-cli prints and writes cannot be steered by a calendar, a locale or an option.

Each part is a finding of the hostile-input review: bad option values are
usage errors naming the option (exit 2); any output encoding works; control
characters and escape sequences in calendar values never reach a terminal
or an export raw; a Markdown export cannot gain structure from a value; and
every command gives the same exit code in the same situation.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import NOW, SETTINGS, CalendarDir, Invoke
from gc_cli.visible import VisibleWriter, json_encoder, one_line, visible
from test_cli import run_in_terminal

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "calendars"

#: Raw control characters (C0 but tab and line feed, DEL, C1) or a carriage
#: return that is not part of a CR LF line end.
RAW = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]|\r(?!\n)")
BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
#: The colour sequences (SGR) gc-cli's own renderers emit in a terminal.
SGR = re.compile(r"\x1b\[[0-9;]*m")

# -- values an attacker commits ------------------------------------------------------

#: A title that retitles the window, rings, clears the screen, hides what
#: follows (SGR 8), and carries C1, bidi, DEL, NUL, backspace, VT, FF and CR.
TITLE = "T1 \x1b]0;owned\x07\x1b[2J\x1b[8mHIDDEN\x1b[5m \x9b2J \u202eevil\x7f\x00\x08\x0b\x0c\r end"
INJECTED = "x\n\n# Injected heading"
NAME = "Marie\n\n# Injected name \x1b]0;name\x07"
ALT = "alt\n\n# Injected alt \x1b[2J"
TAG = "tag\n# Injected tag\x1b[2J"
OWNER = "zz\x1b[2Jzz"  # not in the team: check quotes it
IMAGE = "images/\x1b[2Jphoto.png"  # does not exist: check and images quote it
FILE = "posts\x1b]0;file\x07.yaml"  # a post file whose name holds a sequence
TEXT = "Bonjour\n# pas un titre\n" + TITLE


def dq(text: str) -> str:
    """``text`` as a YAML double-quoted scalar (every control character escaped)."""
    return json.dumps(text)  # JSON strings are YAML double-quoted scalars


HOSTILE_SETTINGS = f"""\
timezone: America/Toronto
channels:
  facebook: {{}}
  instagram: {{}}
team:
  marie: {{name: {dq(NAME)}, roles: [content, interactions]}}
slots: ["mon 09:00", "wed 12:00"]
interactions:
  response_target: 12h
  roster:
    - {{who: marie, days: mon-fri, hours: "08:30-17:00"}}
"""

HOSTILE_POSTS = f"""\
- id: hostile
  kind: other
  title: {dq(TITLE)}
  status: ready
  owner: marie
  channels: [facebook]
  publish_at: 2026-12-01 09:00
  campaign: {dq(INJECTED)}
  tags: [{dq(TAG)}]
  text: {dq(TEXT)}
  images:
    - path: {dq(IMAGE)}
      alt: {dq(ALT)}
- id: stranger
  kind: other
  title: {dq(TITLE)}
  status: ready
  owner: {dq(OWNER)}
  channels: [facebook]
  publish_at: 2026-12-02 10:00
  text: Allo
- id: unplanned
  kind: other
  title: {dq(TITLE)}
  status: ready
  owner: marie
  channels: [facebook]
  text: Sans date
"""


@pytest.fixture
def hostile(write_calendar: Callable[..., CalendarDir]) -> CalendarDir:
    cal = write_calendar(HOSTILE_SETTINGS)
    cal.posts(HOSTILE_POSTS)
    cal.write(FILE, "posts:\n  - id: [\n")  # not YAML: check reports it by its name
    return cal


def assert_shown(text: str, *, terminal: bool = True) -> None:
    """No raw control character (nor, for a terminal, a bidi control) in ``text``."""
    assert not RAW.findall(text), sorted(set(RAW.findall(text)))
    if terminal:
        assert not BIDI.search(text)


# -- the rule itself -------------------------------------------------------------------


def test_visible_shows_controls_as_pictures_and_keeps_text() -> None:
    assert visible("a\x1b[2J\x07\x00\x7f b") == "a\u241b[2J\u2407\u2400\u2421 b"
    assert visible("\x9b\u202e\ud800") == "\ufffd\ufffd\ufffd"
    assert visible("é\u00a0x\n\ttab") == "é\u00a0x\n\ttab"  # text, line feed and tab stay
    assert visible("\u202eabc", terminal=False) == "\u202eabc"  # exports keep bidi
    assert one_line(INJECTED) == "x # Injected heading"
    assert one_line("a\r\nb\u2028c\x85d") == "a b c d"


def test_visible_writer_keeps_crlf_and_only_its_own_colours() -> None:
    plain = io.StringIO()
    VisibleWriter(plain).write("a\r\nb\rc\x1b[1mX\x1b[0m\u202e\n")
    assert plain.getvalue() == "a\r\nb\u240dc\u241b[1mX\u241b[0m\ufffd\n"
    coloured = io.StringIO()
    VisibleWriter(coloured, color=True).write("\x1b[1mX\x1b[0m\x1b]0;t\x07\x1b[2J")
    assert coloured.getvalue() == "\x1b[1mX\x1b[0m\u241b]0;t\u2407\u241b[2J"


def test_json_escapes_what_a_terminal_would_act_on_and_stays_exact() -> None:
    value = {"t": TITLE + "\u2028\u2066é"}
    text = json_encoder(io.StringIO())(value)
    assert_shown(text)
    assert "\u2028" not in text and "é" in text
    assert json.loads(text) == value
    ascii_stream = io.TextIOWrapper(io.BytesIO(), encoding="ascii")
    assert json.loads(json_encoder(ascii_stream)(value)) == value
    assert json_encoder(ascii_stream)(value).isascii()


# -- finding 11: terminal output and exports -------------------------------------------

PEOPLE = [
    ("check",),
    ("check", "--format", "github"),
    ("list",),
    ("list", "--unscheduled"),
    ("calendar", "--month", "2026-12"),
    ("report", "--from", "2026-11-25", "--to", "2026-12-31"),
    ("coverage", "--from", "2026-11-30", "--to", "2026-12-04"),
    ("images",),
    ("schedule", "--auto", "--dry-run"),
    ("export", "--format", "ics", "--days", "30"),
    ("export", "--format", "csv", "--days", "30"),
    ("export", "--format", "markdown", "--days", "30"),
    ("export", "--format", "html", "--days", "30"),
    ("export", "--format", "hootsuite", "--channel", "facebook", "--days", "30"),
    ("export", "--format", "buffer", "--channel", "facebook", "--days", "30"),
    (
        "export",
        "--format",
        "sprout",
        "--channel",
        "facebook",
        "--days",
        "30",
        "--date-order",
        "dmy",
    ),
    ("export", "--format", "publer", "--channel", "facebook", "--days", "30"),
    ("export", "--format", "metricool", "--days", "30"),
    ("list", "--format", "csv"),
]


#: The outputs that show a hostile value (the others show keys, counts, or leave it out).
SHOWING = {
    "check",
    "list",
    "calendar",
    "images",
    *(("export", "--format", name) for name in ("ics", "csv", "markdown", "html")),
}


@pytest.mark.timeout(60)
@pytest.mark.parametrize("args", PEOPLE, ids=" ".join)
def test_no_control_character_reaches_the_output(
    hostile: CalendarDir, gc: Callable[..., Invoke], args: tuple[str, ...]
) -> None:
    out = gc(*args, "--calendars", str(hostile.root), "--now", NOW, cwd=hostile.root.parent)
    assert out.exit_code in (0, 1), out.stderr
    # The exports keep bidirectional marks (published text); a terminal does not.
    terminal = args[0] != "export" and "csv" not in args
    assert_shown(out.stdout, terminal=terminal)
    assert_shown(out.stderr)
    if args[0] in SHOWING or args[:3] in SHOWING:
        assert "\u241b" in out.stdout + out.stderr  # shown, not dropped: ESC is there to see


@pytest.mark.timeout(60)
@pytest.mark.parametrize(
    "args",
    [("check", "--format", "json"), ("list", "--format", "json"), ("images", "--format", "json")],
    ids=" ".join,
)
def test_json_escapes_every_control_character_and_keeps_the_values(
    hostile: CalendarDir, gc: Callable[..., Invoke], args: tuple[str, ...]
) -> None:
    out = gc(*args, "--calendars", str(hostile.root), "--now", NOW, cwd=hostile.root.parent)
    assert_shown(out.stdout)
    document = out.json()
    text = json.dumps(document, ensure_ascii=False)
    expected = {"check": FILE, "list": TITLE, "images": IMAGE}[args[0]]
    assert json.dumps(expected, ensure_ascii=False)[1:-1] in text


def test_export_json_keeps_the_values_exact(
    hostile: CalendarDir, gc: Callable[..., Invoke]
) -> None:
    out = gc("export", "--format", "json", "--calendars", str(hostile.root), "--now", NOW)
    assert_shown(out.stdout)
    assert {item["title"] for item in out.json()} == {TITLE}


def test_ics_text_fields_hold_no_control_character(
    hostile: CalendarDir, gc: Callable[..., Invoke]
) -> None:
    from icalendar import Calendar

    out = gc("export", "--format", "ics", "--calendars", str(hostile.root), "--now", NOW)
    assert_shown(out.stdout, terminal=False)
    events = list(Calendar.from_ical(out.stdout).walk("VEVENT"))
    assert len(events) == 2
    summary = str(events[0]["SUMMARY"])
    assert summary == "[other] " + visible(TITLE, terminal=False)
    assert "\u241b]0;owned\u2407" in summary


@pytest.mark.timeout(120)
@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
@pytest.mark.parametrize(
    "args",
    [
        ("check",),
        ("list",),
        ("calendar", "--month", "2026-12"),
        ("report",),
        ("coverage",),
        ("images",),
        ("schedule", "--auto", "--dry-run"),
    ],
    ids=" ".join,
)
def test_a_coloured_terminal_gets_only_gc_clis_own_colours(
    hostile: CalendarDir, args: tuple[str, ...]
) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GC_", "NO_COLOR"))}
    env.update(TERM="xterm-256color", COLUMNS="120", GC_NOW=NOW)
    code, output = run_in_terminal(hostile.root.parent, env, *args)
    assert code in (0, 1), output
    assert SGR.search(output)  # it is coloured...
    # ... but a value's sequences (hide, blink, clear, retitle) are shown, not sent.
    assert "\x1b[8m" not in output and "\x1b[5m" not in output
    assert_shown(SGR.sub("", output).replace("\r\n", "\n"))
    if args[0] in SHOWING:
        assert "\u241b" in output


# -- finding 10: Markdown structure ----------------------------------------------------


def test_markdown_values_cannot_add_headings_or_lists(
    hostile: CalendarDir, gc: Callable[..., Invoke]
) -> None:
    from markdown_it import MarkdownIt

    out = gc("export", "--format", "markdown", "--calendars", str(hostile.root), "--now", NOW)
    tokens = MarkdownIt("commonmark").parse(out.stdout)
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    # The document's title, a heading per day, a heading per publication: nothing else.
    assert len(headings) == 1 + 2 + 2, headings
    assert not [h for h in headings if "Injected" in h]
    assert sum(1 for t in tokens if t.type == "bullet_list_open") == 2  # the two posts' facts
    facts = [t.content for t in tokens if t.type == "inline" and "Injected" in t.content]
    assert any("Campaign:" in f and "Injected heading" in f for f in facts), facts
    assert any("Owner:" in f and "Injected name" in f for f in facts), facts
    assert any("Image:" in f and "Injected alt" in f for f in facts), facts


# -- finding 6: the command line -------------------------------------------------------

LONG = "a" * 300


@pytest.mark.timeout(60)
@pytest.mark.parametrize(
    ("args", "option"),
    [
        (("export", "--days", "1000000000"), "--days"),
        (("export", "--days", "0"), "--days"),
        (("export", "--days", "-3"), "--days"),
        (("list", "--now", "9999-12-31T23:59"), "--now"),
        (("check", "--now", "9999-12-31T23:59"), "--now"),
        (("images", "--now", "0001-01-01T00:00:00+14:00"), "--now"),
        (("schedule", "--auto", "--dry-run", "--now", "9999-12-31T23:59"), "--now"),
        (("calendar", "--month", "9999-12"), "--month"),
        (("calendar", "--month", "0001-01"), "--month"),
        (("list", "--from", "9999-12-31"), "--from"),
        (("list", "--to", "0001-01-01"), "--to"),
        (("report", "--from", "9999-12-31"), "--from"),
        (("report", "--to", "2999-12-31"), "--to"),
        (("coverage", "--from", "1970-01-01", "--to", "2999-12-31"), "--to"),
        (("export", "--from", "9999-12-31", "--to", "9999-12-31"), "--from"),
        (("schedule", "--auto", "--dry-run", "--from", "9999-12-31"), "--from"),
        (("schedule", "--auto", "--dry-run", "--until", "9999-12-31"), "--until"),
        (("schedule", "ok", "--at", "9999-12-31T23:59"), "--at"),
        (("schedule", "ok", "--at", "bientôt"), "--at"),
        (("check", "--calendars", LONG), "--calendars"),
        (("list", "--calendars", "x/" * 3000), "--calendars"),
    ],
    ids=lambda value: " ".join(value)[:60] if isinstance(value, tuple) else value,
)
def test_a_bad_option_is_a_usage_error_naming_it(
    cal: CalendarDir, gc: Callable[..., Invoke], args: tuple[str, ...], option: str
) -> None:
    cal.posts("- {id: ok, kind: other, title: T, status: ready, channels: [facebook], text: x}\n")
    before = (cal.root / "posts.yaml").read_bytes()
    out = gc(*args, cwd=cal.root.parent)
    assert out.exit_code == 2, out.stderr
    assert out.stderr.startswith(f"gc-cli: {option}"), out.stderr
    assert out.stderr.count("\n") == 1 and "unexpected" not in out.stderr
    assert out.stdout == ""
    assert (cal.root / "posts.yaml").read_bytes() == before


@pytest.mark.parametrize("variable", ["GC_NOW", "GC_CALENDARS"])
def test_a_bad_environment_value_is_a_usage_error_naming_it(
    cal: CalendarDir, gc: Callable[..., Invoke], monkeypatch: pytest.MonkeyPatch, variable: str
) -> None:
    value = "9999-12-31T23:59" if variable == "GC_NOW" else LONG
    monkeypatch.setenv(variable, value)
    out = gc("list", cwd=cal.root.parent)
    assert out.exit_code == 2
    named = "--now" if variable == "GC_NOW" else "GC_CALENDARS"
    assert out.stderr.startswith(f"gc-cli: {named}"), out.stderr


def test_a_path_too_long_among_the_files_is_a_usage_error(
    cal: CalendarDir, gc: Callable[..., Invoke]
) -> None:
    out = gc("check", f"calendars/{LONG}.yaml", cwd=cal.root.parent)
    assert out.exit_code == 2
    assert out.stderr.startswith("gc-cli: ") and "File name too long" in out.stderr
    assert "…" in out.stderr and len(out.stderr) < 200  # the path is shortened


def test_the_longest_windows_still_work(cal: CalendarDir, gc: Callable[..., Invoke]) -> None:
    cal.posts(GOOD_POST_TEXT)
    assert gc("export", "--days", "3660", "--now", NOW, cwd=cal.root.parent).exit_code == 0
    first = gc("calendar", "--month", "1970-01", "--now", NOW, cwd=cal.root.parent)
    last = gc("calendar", "--month", "9000-12", "--now", NOW, cwd=cal.root.parent)
    assert (first.exit_code, last.exit_code) == (0, 0)
    span = ("--from", "9000-01-01", "--to", "9000-12-31")
    assert gc("report", *span, "--now", NOW, cwd=cal.root.parent).exit_code == 0


GOOD_POST_TEXT = (
    "- {id: ok, kind: other, title: T, status: ready, owner: marie, channels: [facebook], "
    "publish_at: 2026-12-01 09:00, text: x}\n"
)


# -- finding 6: any output encoding ----------------------------------------------------

ENCODINGS = {
    "PYTHONIOENCODING=ascii": {"PYTHONIOENCODING": "ascii"},
    # A POSIX locale without Python's UTF-8 mode (PEP 540 turns it on by default).
    "LC_ALL=C": {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0"},
}
COMMANDS = [
    ("check",),
    ("list",),
    ("calendar", "--month", "2026-12"),
    ("report",),
    ("coverage",),
    ("images",),
    ("schedule", "--auto", "--dry-run"),
    ("export", "--format", "markdown"),
    ("export", "--format", "csv"),
    ("check", "--format", "json"),
    ("list", "--format", "json"),
    ("images", "--format", "json"),
]


def _run(cwd: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[bytes]:
    base = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("LC_", "GC_", "PYTHONIO", "PYTHONUTF8")) and k != "LANG"
    }
    base.update(GC_NOW="2026-12-01T08:00", NO_COLOR="1", COLUMNS="100", **env)
    return subprocess.run(
        [sys.executable, "-m", "gc_cli", *args],
        cwd=cwd,
        env=base,
        capture_output=True,
        timeout=120,
        check=False,
    )


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the sample calendar (French accents, emoji, pictures)."""
    where = tmp_path_factory.mktemp("sample")
    shutil.copytree(SAMPLE, where / "calendars")
    return where


@pytest.mark.slow  # every command as a real process, per encoding: about 10 s each
@pytest.mark.timeout(300)
@pytest.mark.parametrize("encoding", ENCODINGS, ids=str)
def test_every_command_works_in_any_output_encoding(sample: Path, encoding: str) -> None:
    for args in COMMANDS:
        utf8 = _run(sample, {"LANG": "C.UTF-8"}, *args)
        narrow = _run(sample, ENCODINGS[encoding], *args)
        label = f"{encoding} {' '.join(args)}"
        assert narrow.returncode == utf8.returncode, label + narrow.stderr.decode()
        assert b"Traceback" not in narrow.stderr and b"unexpected" not in narrow.stderr, label
        if args[0] == "export":
            # A file format keeps its UTF-8 bytes whatever the terminal.
            assert narrow.stdout == utf8.stdout, label
            continue
        assert narrow.stdout.isascii() and narrow.stderr.isascii(), label
        if "json" in args:
            # Valid, and nothing lost: JSON escapes what the encoding lacks.
            assert json.loads(narrow.stdout) == json.loads(utf8.stdout), label
        else:
            assert b"?" in narrow.stdout + narrow.stderr or utf8.stdout.isascii(), label


@pytest.mark.timeout(60)
def test_french_under_ascii_keeps_its_spaces(sample: Path) -> None:
    out = _run(sample, {"PYTHONIOENCODING": "ascii", "GC_LANG": "fr"}, "check")
    assert out.returncode == 0
    text = out.stdout.decode("ascii")
    assert "2 avertissements" in text and "(6 fichiers" in text
    assert " : " in text  # the no-break space before ":" is a space, not "?"


# -- finding 13: one exit code per situation -------------------------------------------

EXIT_COMMANDS = (
    ("check",),
    ("list",),
    ("calendar",),
    ("report",),
    ("coverage",),
    ("images",),
    ("images", "--format", "json"),
    ("export", "--format", "json"),
)

BROKEN_POST = "posts:\n  - id: [\n"
RULE_ERROR = (
    "posts:\n  - {id: ailleurs, kind: other, title: T, status: ready, channels: [nowhere], "
    "publish_at: 2026-12-01 09:00, text: x}\n"
)
CLEAN = (
    "posts:\n  - {id: ok, kind: other, title: T, status: ready, channels: [facebook], "
    "publish_at: 2026-12-01 09:00, text: x}\n"
)

#: Each situation, the files of its root, and the exit code every command gives.
SITUATIONS: dict[str, tuple[dict[str, str], int, int]] = {
    # name: (files, exit code of check, exit code of the other commands)
    "no settings": ({"posts.yaml": CLEAN}, 1, 1),
    "invalid settings": (
        {"settings.yaml": "timezone: Nowhere/Land\nchannels: {facebook: {}}\n", "p.yaml": CLEAN},
        1,
        1,
    ),
    "empty root": ({}, 1, 1),
    "a file that is not YAML": ({"settings.yaml": SETTINGS, "p.yaml": BROKEN_POST}, 1, 1),
    "a post with a rule error": ({"settings.yaml": SETTINGS, "p.yaml": RULE_ERROR}, 1, 0),
    "clean": ({"settings.yaml": SETTINGS, "p.yaml": CLEAN}, 0, 0),
    "settings and no post": ({"settings.yaml": SETTINGS}, 0, 0),
}


@pytest.mark.timeout(120)
def test_every_command_gives_one_exit_code_per_situation(
    tmp_path: Path, gc: Callable[..., Invoke]
) -> None:
    table = {}
    expected = {}
    for name, (files, check_code, others) in SITUATIONS.items():
        root = tmp_path / name.replace(" ", "-") / "calendars"
        root.mkdir(parents=True)
        for file, text in files.items():
            (root / file).write_text(text, encoding="utf-8")
        for args in EXIT_COMMANDS:
            out = gc(*args, "--calendars", str(root), "--now", NOW)
            table[name, " ".join(args)] = out.exit_code
            expected[name, " ".join(args)] = check_code if args == ("check",) else others
            if out.exit_code == 1 and args[0] != "check":
                # Exit 1 always says why (on stderr, or in the table for images).
                assert out.stderr or "note:" in out.stdout, (name, args)
    assert table == expected


@pytest.mark.timeout(30)
def test_a_huge_columns_does_not_blow_up_the_month_grid(
    cal: CalendarDir, gc: Callable[..., Invoke], monkeypatch: pytest.MonkeyPatch
) -> None:
    cal.posts(GOOD_POST_TEXT)
    monkeypatch.setenv("COLUMNS", "100000000")
    out = gc("calendar", "--month", "2026-12", "--now", NOW, cwd=cal.root.parent)
    assert out.exit_code == 0
    assert max(len(line) for line in out.stdout.splitlines()) <= 1000
