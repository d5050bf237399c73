"""Loading a calendar root: garbage in, located problems out; settings; root discovery."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from conftest import GOOD_POST, NOW, SETTINGS, CalendarDir, Invoke
from gc_cli.store.loader import load_calendar

TORONTO = ZoneInfo("America/Toronto")
POSTS = "calendars/posts.yaml"
SETTINGS_FILE = "calendars/settings.yaml"

Expected = tuple[int | None, int | None, str, str]
"""(line, column, code, message fragment); None: not compared."""


def run_json(gc: Callable[..., Invoke], cal: CalendarDir, *extra: str) -> Invoke:
    """``check --format json`` on ``cal`` from its parent folder."""
    return gc(
        "check",
        "--calendars",
        str(cal.root),
        "--format",
        "json",
        "--now",
        NOW,
        "--no-images",
        *extra,
        cwd=cal.root.parent,
    )


def assert_problems(
    cal: CalendarDir, gc: Callable[..., Invoke], file: str, expected: list[Expected]
) -> None:
    """The library and the command line both report exactly ``expected`` in ``file``."""
    problems = cal.problems()
    assert len(problems) == len(expected), [(p.line, p.column, p.code, p.message) for p in problems]
    for problem, (line, column, code, fragment) in zip(problems, expected, strict=True):
        assert problem.file == file
        assert problem.code == code
        assert problem.severity == "error"
        if line is not None:
            assert problem.line == line, problem
        if column is not None:
            assert problem.column == column, problem
        assert fragment in problem.message
    out = run_json(gc, cal)
    assert out.exit_code == 1
    assert out.stderr == ""
    assert "Traceback" not in out.stdout
    document = out.json()
    assert document["ok"] is False
    assert document["errors"] == len(expected)
    assert [
        (p["file"], p["line"], p["column"], p["code"], p["message"]) for p in document["problems"]
    ] == [(p.file, p.line, p.column, p.code, p.message) for p in problems]


def post_file(*lines: str) -> bytes:
    """A post file with one post ``a`` (titled) and ``lines`` added to it (from line 4)."""
    return ("posts:\n  - id: a\n    title: Un\n" + "".join(f"    {x}\n" for x in lines)).encode()


BILLION_LAUGHS = "\n".join(
    ['lol: &l0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    + [f"lol{i}: &l{i} [{','.join([f'*l{i - 1}'] * 10)}]" for i in range(1, 10)]
    + ["posts: [*l9]", ""]
)

GARBAGE = [
    pytest.param(b"", [(1, 1, "schema", "the file is empty")], id="empty"),
    pytest.param(b"# nothing yet\n", [(1, 1, "schema", "the file is empty")], id="comment-only"),
    pytest.param(
        b"- id: a\n  title: Un\n",
        [
            (1, 1, "schema", "a post file is a mapping with a 'posts:' list"),
        ],
        id="top-level-list",
    ),
    pytest.param(b"hello\n", [(1, 1, "schema", "not the text 'hello'")], id="top-level-scalar"),
    pytest.param(
        b"posts: 3\n", [(1, 8, "schema", "posts should be a list, not the number 3")], id="posts-3"
    ),
    pytest.param(
        b"posts:\n  - hello\n  - 12\n",
        [
            (2, 5, "schema", "each post is a mapping (id:, title:, ...), not the text 'hello'"),
            (3, 5, "schema", "each post is a mapping (id:, title:, ...), not the number 12"),
        ],
        id="posts-are-scalars",
    ),
    pytest.param(
        b"posts:\n  - kind: other\n",
        [(2, 5, "schema", "id is required"), (2, 5, "schema", "title is required")],
        id="missing-id-and-title",
    ),
    pytest.param(
        b"posts:\n  - id: a\n    title: 123\n",
        [(3, 12, "schema", "title should be text, not the number 123")],
        id="title-123",
    ),
    pytest.param(
        post_file("channels: facebook"),
        [(4, 15, "schema", "channels should be a list, not the text 'facebook'")],
        id="channels-scalar",
    ),
    pytest.param(
        post_file("images: [x.jpg]"),
        [(4, 14, "schema", "images[0] should be a mapping, not the text 'x.jpg'")],
        id="images-of-text",
    ),
    pytest.param(
        post_file("status: redy"),
        [
            (
                4,
                13,
                "schema",
                "status: the text 'redy' is not one of 'idea', 'draft', 'ready', "
                "'scheduled', 'published' or 'cancelled' (did you mean 'ready'?)",
            )
        ],
        id="status-typo",
    ),
    pytest.param(
        post_file("status: bogus"),
        [
            (
                4,
                13,
                "schema",
                "status: the text 'bogus' is not one of 'idea', 'draft', 'ready', "
                "'scheduled', 'published' or 'cancelled'",
            )
        ],
        id="status-bogus",
    ),
    pytest.param(
        post_file("kind: artcle"),
        [
            (
                4,
                11,
                "schema",
                "kind: the text 'artcle' is not one of 'article', 'product', "
                "'facility', 'team', 'video', 'event' or 'other' (did you mean 'article'?)",
            )
        ],
        id="kind-typo",
    ),
    pytest.param(
        post_file("chanels: [facebook]"),
        [(4, 5, "schema", "unknown key 'chanels' (did you mean 'channels'?)")],
        id="unknown-key",
    ),
    pytest.param(
        post_file("images:", "  - path: a.jpg", "    alt: Un", "    size: 3"),
        [(7, 9, "schema", "unknown key 'size'")],
        id="unknown-image-key",
    ),
    pytest.param(
        b"posts:\n  - id: Menu_Noel\n    title: Un\n",
        [(2, 9, "schema", "id 'Menu_Noel' is not valid")],
        id="bad-id",
    ),
    pytest.param(
        b"post:\n  - id: a\n    title: Un\n",
        [
            (1, 1, "schema", "the file has no 'posts:' list"),
            (
                1,
                1,
                "schema",
                "unknown key 'post' at the top of a post file (did you mean 'posts'?)",
            ),
        ],
        id="top-level-post",
    ),
    pytest.param(
        post_file("title: Deux"),
        [(4, 5, "duplicate-key", "key 'title' is written twice in this mapping (first at line 3)")],
        id="duplicate-key",
    ),
    pytest.param(
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x04\x00",
        [(1, 1, "yaml-syntax", "not UTF-8 text: byte 0x89 cannot be decoded")],
        id="binary-png",
    ),
    pytest.param(
        b"posts:\n  - id: \x00\x01\xff\xfe\x00\n",
        [(2, 11, "yaml-syntax", "not UTF-8 text: byte 0xFF cannot be decoded")],
        id="binary-with-nul",
    ),
    pytest.param(
        "posts:\n  - id: a\n    title: Café\n".encode("latin-1"),
        [(3, 15, "yaml-syntax", "not UTF-8 text: byte 0xE9 cannot be decoded")],
        id="latin-1",
    ),
    pytest.param(
        post_file("notes: !!python/object/apply:os.system ['echo pwned']"),
        [(4, 12, "yaml-syntax", "the tag !!python/object/apply:os.system is not allowed")],
        id="language-tag",
    ),
    pytest.param(
        ("posts: " + "[" * 10_000 + "]" * 10_000 + "\n").encode(),
        [(1, 1007, "yaml-syntax", "nesting depth")],
        id="deep-nesting",
    ),
    pytest.param(
        ("posts: " + "[" * 600 + "]" * 600 + "\n").encode(),
        [(1, 9, "schema", "each post is a mapping (id:, title:, ...), not a list")],
        id="moderately-deep-nesting",
    ),
    pytest.param(
        BILLION_LAUGHS.encode(),
        [(None, None, "yaml-syntax", "alias bomb")],
        id="billion-laughs",
    ),
    pytest.param(
        b"posts:\n  - id: a\n    title: Un\n---\nposts: []\n",
        [(4, 1, "yaml-syntax", "a second document starts here ('---')")],
        id="two-documents",
    ),
]


@pytest.mark.parametrize(("raw", "expected"), GARBAGE)
def test_garbage_post_file(
    cal: CalendarDir, gc: Callable[..., Invoke], raw: bytes, expected: list[Expected]
) -> None:
    (cal.root / "posts.yaml").write_bytes(raw)
    assert_problems(cal, gc, POSTS, expected)


def test_garbage_does_not_hide_other_files(cal: CalendarDir) -> None:
    (cal.root / "a.yaml").write_bytes(b"\x89PNG\r\n")
    cal.posts("- id: b\n  title: 5\n", name="b.yaml")
    result = cal.check()
    assert [(p.file, p.line, p.column, p.code) for p in result.problems] == [
        ("calendars/a.yaml", 1, 1, "yaml-syntax"),
        ("calendars/b.yaml", 3, 12, "schema"),
    ]
    assert (result.files, result.posts) == (3, 1)


def test_invalid_post_does_not_hide_valid_ones(cal: CalendarDir) -> None:
    second = GOOD_POST.replace("id: ok", "id: ok2").replace("2026-12-01", "2026-12-08")
    cal.posts(GOOD_POST + "- id: bad\n  title: [x]\n" + second.replace("Bonjour", "Allo"))
    assert cal.codes() == [(11, 12, "schema")]
    calendar = load_calendar(cal.root, cal.root.parent)
    assert [e.id for e in calendar.entries] == ["ok", "ok2"]
    assert cal.check().posts == 3


def test_top_level_post_fields_are_pointed_at_posts_list(cal: CalendarDir) -> None:
    cal.write("posts.yaml", "id: a\ntitle: Un\n")
    assert [(p.line, p.column, p.message) for p in cal.problems()] == [
        (1, 1, "the file has no 'posts:' list"),
        (
            1,
            1,
            "unknown key 'id' at the top of a post file "
            "(posts are written as items of a 'posts:' list)",
        ),
        (
            2,
            1,
            "unknown key 'title' at the top of a post file "
            "(posts are written as items of a 'posts:' list)",
        ),
    ]


def test_control_character_in_utf8_post_file(cal: CalendarDir, gc: Callable[..., Invoke]) -> None:
    (cal.root / "posts.yaml").write_bytes(b"posts:\n  - id: a\x00b\n")
    assert_problems(cal, gc, POSTS, [(2, 10, "yaml-syntax", "control character")])
    [problem] = cal.problems()
    assert "\n" not in problem.message
    assert "<unicode string>" not in problem.message


@pytest.mark.parametrize("key", ["1", "~", "true"])
def test_non_text_key_in_a_post_is_an_unknown_key_at_its_position(
    cal: CalendarDir, key: str
) -> None:
    cal.write("posts.yaml", f"posts:\n  - id: a\n    title: Un\n    {key}: x\n")
    [problem] = cal.problems()
    assert (problem.line, problem.column, problem.code) == (4, 5, "schema")
    assert "Keys should be strings" not in problem.message
    assert "unknown key" in problem.message


def test_yml_files_and_subfolders_are_read_hidden_ones_are_not(cal: CalendarDir) -> None:
    cal.write("campagnes/fetes.yml", "posts:\n  - id: a\n    title: 5\n")
    cal.write(".brouillons/x.yaml", "garbage: [\n")
    cal.write(".cache.yaml", "garbage: [\n")
    cal.write("notes.txt", "garbage: [\n")
    result = cal.check()
    assert [(p.file, p.line, p.column, p.code) for p in result.problems] == [
        ("calendars/campagnes/fetes.yml", 3, 12, "schema")
    ]
    assert result.files == 2


# -- settings -----------------------------------------------------------------

_TIKTOK = SETTINGS.replace("  bluesky: {}\n", "  bluesky: {}\n  tiktok: {max_text: 2200}\n")

SETTINGS_ERRORS = [
    pytest.param(
        None,
        [(1, 1, "settings", "settings.yaml is missing from the calendar root")],
        id="missing",
    ),
    pytest.param("", [(1, 1, "settings", "the file is empty")], id="empty"),
    pytest.param("- a\n", [(1, 1, "settings", "settings.yaml must be a mapping")], id="list"),
    pytest.param(
        SETTINGS.replace("America/Toronto", "America/Torronto"),
        [(1, 11, "settings", "unknown time zone 'America/Torronto'")],
        id="unknown-zone",
    ),
    pytest.param(
        "timezone: 5\nchannels:\n  facebook: {}\n",
        [(1, 11, "settings", "timezone should be text, not the number 5")],
        id="zone-number",
    ),
    pytest.param(
        SETTINGS.replace("mastodon: {}", "mastodon: {max_text: lots}"),
        [
            (
                7,
                24,
                "settings",
                "channels.mastodon.max_text should be a whole number, not the text 'lots'",
            )
        ],
        id="override-wrong-type",
    ),
    pytest.param(
        SETTINGS.replace("facebook: {}", "facebook: {max_txt: 3}"),
        [(3, 14, "settings", "unknown key 'max_txt' (did you mean 'max_text'?)")],
        id="override-unknown-limit",
    ),
    pytest.param(
        SETTINGS.replace('"mon 09:00"', '"lun 9h"'),
        [(12, 9, "settings", "'lun 9h' is not a slot like 'mon 09:00'")],
        id="bad-slot",
    ),
    pytest.param(
        SETTINGS + "rules:\n  min_gap: 30\n",
        [(14, 3, "settings", "unknown key 'min_gap' (did you mean 'min_gap_minutes'?)")],
        id="unknown-rules-key",
    ),
    pytest.param(
        SETTINGS + "rules:\n  alt_text: maybe\n",
        [
            (
                14,
                13,
                "settings",
                "rules.alt_text: the text 'maybe' is not one of 'error', 'warning' or 'off'",
            )
        ],
        id="bad-alt-text-level",
    ),
    pytest.param(
        "timezone: UTC\nchanels:\n  facebook: {}\n",
        [
            (1, 1, "settings", "channels is required"),
            (2, 1, "settings", "unknown key 'chanels' (did you mean 'channels'?)"),
        ],
        id="unknown-top-key",
    ),
    pytest.param(
        "timezone: UTC\nchannels: [facebook]\n",
        [(2, 11, "settings", "channels should be a mapping, not a list")],
        id="channels-list",
    ),
    pytest.param(
        SETTINGS.replace("{name: Marie Tremblay,", "{nom: Marie Tremblay,"),
        [
            (10, 10, "settings", "team.marie.name is required"),
            (10, 11, "settings", "unknown key 'nom'"),
        ],
        id="team-member",
    ),
    pytest.param(
        "timezone: America/Toronto\ntimezone: UTC\n" + SETTINGS.split("\n", 1)[1],
        [
            (
                2,
                1,
                "duplicate-key",
                "key 'timezone' is written twice in this mapping (first at line 1)",
            )
        ],
        id="duplicate-key",
    ),
    pytest.param(
        "timezone: !!python/name:os.getcwd ''\n",
        [(1, 11, "yaml-syntax", "is not allowed")],
        id="language-tag",
    ),
]


@pytest.mark.parametrize(("settings", "expected"), SETTINGS_ERRORS)
def test_settings_errors(
    write_calendar: Callable[..., CalendarDir],
    gc: Callable[..., Invoke],
    settings: str | None,
    expected: list[Expected],
) -> None:
    cal = write_calendar(settings=None)
    if settings is not None:
        (cal.root / "settings.yaml").write_text(settings, encoding="utf-8")
    cal.posts(GOOD_POST)
    assert_problems(cal, gc, SETTINGS_FILE, expected)


@pytest.mark.parametrize(
    ("slot", "column", "fragment"),
    [
        ("mon 25:00", 9, "'mon 25:00': the time must be HH:MM (24-hour)"),
        ("thu 12:60", 9, "'thu 12:60': the time must be HH:MM (24-hour)"),
        ("mon", 9, "'mon' is not a slot like 'mon 09:00'"),
        ("9:00 mon", 9, "'9:00 mon' is not a slot like 'mon 09:00'"),
        ("monkey 09:00", 9, "'monkey 09:00' is not a slot like 'mon 09:00'"),
    ],
)
def test_bad_slots(cal: CalendarDir, slot: str, column: int, fragment: str) -> None:
    cal.write("settings.yaml", SETTINGS.replace('"mon 09:00"', f'"{slot}"'))
    cal.posts(GOOD_POST)
    [problem] = cal.problems()
    assert (problem.file, problem.line, problem.column) == (SETTINGS_FILE, 12, column)
    assert problem.code == "settings"
    assert fragment in problem.message


@pytest.mark.parametrize("slot", ["mon 09:00", "Tue 9:00", "wednesday 12:00", "SUN 23:59"])
def test_good_slots(cal: CalendarDir, slot: str) -> None:
    cal.write("settings.yaml", SETTINGS.replace('"mon 09:00"', f'"{slot}"'))
    cal.posts(GOOD_POST)
    assert cal.codes() == []


def test_channel_not_built_in_must_give_every_limit(cal: CalendarDir) -> None:
    cal.write("settings.yaml", _TIKTOK)
    cal.posts(GOOD_POST)
    [problem] = cal.problems()
    assert (problem.file, problem.line, problem.column) == (SETTINGS_FILE, 9, 3)
    assert (problem.code, problem.severity) == ("settings", "error")
    assert problem.message.startswith("'tiktok' is not a built-in channel")
    missing = set(problem.message.split("missing: ", 1)[1].split(", "))
    assert missing == {
        "max_hashtags",
        "max_images",
        "requires_image",
        "image_formats",
        "max_image_bytes",
        "min_aspect",
        "max_aspect",
        "min_width",
        "min_height",
        "max_width",
        "max_height",
        "max_alt_text",
    }


def test_channel_not_built_in_with_every_limit_is_accepted(cal: CalendarDir) -> None:
    limits = (
        "{max_text: 2200, max_hashtags: 5, max_images: 1, requires_image: false, "
        "image_formats: [JPEG, PNG], max_image_bytes: 1000000, min_aspect: null, "
        "max_aspect: null, min_width: null, min_height: null, max_width: null, "
        "max_height: null, max_alt_text: null}"
    )
    cal.write(
        "settings.yaml",
        SETTINGS.replace("  bluesky: {}\n", f"  bluesky: {{}}\n  tiktok: {limits}\n"),
    )
    cal.posts(GOOD_POST.replace("[facebook, linkedin]", "[facebook, tiktok]"))
    assert cal.codes() == []


def test_deeply_nested_settings_is_a_clean_problem(
    write_calendar: Callable[..., CalendarDir], gc: Callable[..., Invoke]
) -> None:
    nested = "[" * 600 + "]" * 600
    cal = write_calendar(settings=SETTINGS.replace("America/Toronto", nested))
    cal.posts(GOOD_POST)
    # Within libyaml's depth limit: read, then refused for its type, not crashed.
    assert_problems(
        cal, gc, SETTINGS_FILE, [(1, 11, "settings", "timezone should be text, not a list")]
    )


# -- root discovery --------------------------------------------------------


def broken_root(write_calendar: Callable[..., CalendarDir], name: str) -> CalendarDir:
    """A root whose only problem is a schema error in posts.yaml, line 3."""
    cal = write_calendar(name=name)
    cal.posts("- id: a\n  title: 5\n")
    return cal


def problem_files(out: Invoke) -> list[str]:
    assert out.exit_code == 1, out.stderr
    return [p["file"] for p in out.json()["problems"]]


def check_here(gc: Callable[..., Invoke], cwd: Path, *extra: str) -> Invoke:
    return gc("check", "--format", "json", "--now", NOW, *extra, cwd=cwd)


def test_root_from_option(
    write_calendar: Callable[..., CalendarDir], gc: Callable[..., Invoke], tmp_path: Path
) -> None:
    broken_root(write_calendar, "mine")
    (tmp_path / "calendars").mkdir()  # ./calendars exists but the option wins
    out = check_here(gc, tmp_path, "--calendars", "mine")
    assert problem_files(out) == ["mine/posts.yaml"]


def test_root_from_environment(
    write_calendar: Callable[..., CalendarDir],
    gc: Callable[..., Invoke],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    cal = broken_root(write_calendar, "from-env")
    (tmp_path / "calendars").mkdir()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.setenv("GC_CALENDARS", str(cal.root))
    out = check_here(gc, elsewhere)
    assert problem_files(out) == [str(cal.root / "posts.yaml")]


def test_root_from_relative_environment(
    write_calendar: Callable[..., CalendarDir],
    gc: Callable[..., Invoke],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    broken_root(write_calendar, "from-env")
    monkeypatch.setenv("GC_CALENDARS", "from-env")
    assert problem_files(check_here(gc, tmp_path)) == ["from-env/posts.yaml"]


def test_option_wins_over_environment(
    write_calendar: Callable[..., CalendarDir],
    gc: Callable[..., Invoke],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    broken_root(write_calendar, "mine")
    monkeypatch.setenv("GC_CALENDARS", str(tmp_path / "does-not-exist"))
    assert problem_files(check_here(gc, tmp_path, "--calendars", "mine")) == ["mine/posts.yaml"]


def test_root_from_local_calendars_folder(
    write_calendar: Callable[..., CalendarDir], gc: Callable[..., Invoke], tmp_path: Path
) -> None:
    broken_root(write_calendar, "calendars")
    assert problem_files(check_here(gc, tmp_path)) == ["calendars/posts.yaml"]


def test_root_from_nearest_parent(
    write_calendar: Callable[..., CalendarDir], gc: Callable[..., Invoke], tmp_path: Path
) -> None:
    broken_root(write_calendar, "calendars")  # farther: not chosen
    near = broken_root(write_calendar, "project/calendars")
    deep = tmp_path / "project" / "docs" / "deep"
    deep.mkdir(parents=True)
    assert problem_files(check_here(gc, deep)) == [str(near.root / "posts.yaml")]


def test_parent_calendars_without_settings_is_skipped(
    write_calendar: Callable[..., CalendarDir], gc: Callable[..., Invoke], tmp_path: Path
) -> None:
    outer = broken_root(write_calendar, "calendars")
    (tmp_path / "project" / "calendars").mkdir(parents=True)  # no settings.yaml
    sub = tmp_path / "project" / "sub"
    sub.mkdir()
    assert problem_files(check_here(gc, sub)) == [str(outer.root / "posts.yaml")]


def test_run_from_inside_the_root(
    write_calendar: Callable[..., CalendarDir], gc: Callable[..., Invoke], tmp_path: Path
) -> None:
    cal = broken_root(write_calendar, "calendars")
    inside = cal.root / "campagnes"
    inside.mkdir()
    cal.write("campagnes/fetes.yaml", "posts:\n  - id: b\n    title: 6\n")
    # Below the working folder: relative; elsewhere in the root: absolute.
    assert sorted(problem_files(check_here(gc, inside))) == sorted(
        ["fetes.yaml", str(cal.root / "posts.yaml")]
    )


def test_no_root_found(gc: Callable[..., Invoke], tmp_path: Path) -> None:
    nowhere = tmp_path / "nowhere"
    nowhere.mkdir()
    if any((p / "calendars" / "settings.yaml").is_file() for p in nowhere.parents):
        pytest.skip("a parent of the temporary folder holds calendars/settings.yaml")
    out = check_here(gc, nowhere)
    assert out.exit_code == 2
    assert out.stdout == ""
    assert out.stderr.startswith("gc-cli: no calendar root found")
    assert out.stderr.count("\n") == 1
    assert out.stderr.endswith("\n")
    assert "Traceback" not in out.stderr


@pytest.mark.parametrize(("option", "env"), [("--calendars", None), (None, "GC_CALENDARS")])
def test_given_root_that_is_not_a_folder(
    gc: Callable[..., Invoke],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    option: str | None,
    env: str | None,
) -> None:
    (tmp_path / "calendars").mkdir()  # must not be used as a fallback
    extra: tuple[str, ...] = ()
    if option:
        extra = (option, "missing")
    if env:
        monkeypatch.setenv(env, "missing")
    out = check_here(gc, tmp_path, *extra)
    assert out.exit_code == 2
    assert out.stdout == ""
    assert out.stderr == f"gc-cli: {option or env}: missing is not a folder\n"


# -- publish_at ---------------------------------------------------------------

WHEN_POSTS = """\
- id: local
  title: t
  publish_at: 2026-12-01 09:00
- id: local-t
  title: t
  publish_at: 2026-12-01T09:00
- id: quoted
  title: t
  publish_at: '2026-12-01 09:00'
- id: utc
  title: t
  publish_at: 2026-12-01T14:30:00Z
- id: paris-summer
  title: t
  publish_at: 2026-07-01T09:00:00+02:00
- id: date-only
  title: t
  publish_at: 2026-12-02
- id: absent
  title: t
"""


def test_publish_at_forms(cal: CalendarDir) -> None:
    cal.posts(WHEN_POSTS)
    calendar = load_calendar(cal.root, cal.root.parent)
    assert calendar.problems == []
    when = {e.id: e.when for e in calendar.entries}
    nine = datetime(2026, 12, 1, 9, 0, tzinfo=TORONTO)
    assert when["local"] == nine
    assert when["local-t"] == nine
    assert when["quoted"] == nine
    assert when["utc"] == datetime(2026, 12, 1, 9, 30, tzinfo=TORONTO)
    assert when["paris-summer"] == datetime(2026, 7, 1, 3, 0, tzinfo=TORONTO)
    assert when["date-only"] == date(2026, 12, 2)
    assert type(when["date-only"]) is date
    assert when["absent"] is None
    for key in ("local", "utc", "paris-summer"):
        moment = when[key]
        assert isinstance(moment, datetime)
        assert moment.tzinfo == TORONTO  # converted to the root's zone
    assert when["utc"].utcoffset() == timedelta(hours=-5)
    assert when["paris-summer"].utcoffset() == timedelta(hours=-4)
    assert (when["paris-summer"].hour, when["paris-summer"].minute) == (3, 0)


def test_offset_time_is_compared_in_the_root_zone(cal: CalendarDir) -> None:
    body = GOOD_POST + GOOD_POST.replace("id: ok", "id: ok-utc").replace(
        "2026-12-01 09:00", "2026-12-01T14:00:00Z"
    ).replace("Bonjour", "Salut")
    cal.posts(body)
    problems = cal.problems()
    assert [(p.line, p.column, p.code, p.post, p.channel) for p in problems] == [
        (16, 17, "too-close", "ok-utc", "facebook"),
        (16, 17, "too-close", "ok-utc", "linkedin"),
    ]
    assert problems[0].message.startswith("0 min after 'ok' on Facebook")


@pytest.mark.parametrize(
    ("written", "fragment"),
    [
        ("demain", "publish_at: 'demain' is not a date and time"),
        ("2026-12-01 25:00", "publish_at: '2026-12-01 25:00' is not a valid date and time"),
        ("2026-02-30", "publish_at:"),
        ("20261201", "publish_at must be written as text"),
        ("[2026-12-01]", "publish_at"),
    ],
)
def test_invalid_publish_at_is_a_schema_error_at_its_line(
    cal: CalendarDir, gc: Callable[..., Invoke], written: str, fragment: str
) -> None:
    cal.posts(f"- id: a\n  title: Un\n  publish_at: {written}\n")
    [problem] = cal.problems()
    assert (problem.file, problem.line, problem.column) == (POSTS, 4, 17)
    assert (problem.code, problem.severity, problem.post) == ("schema", "error", "a")
    assert fragment in problem.message
    out = run_json(gc, cal)
    assert out.exit_code == 1
    assert [(p["line"], p["column"], p["code"]) for p in out.json()["problems"]] == [
        (4, 17, "schema")
    ]


# -- defaults: ------------------------------------------------------------------

DEFAULTS = """\
defaults:
  owner: agence
  status: draft
  channels: [facebook]
  campaign: fetes-2026
  tags: [fetes]
posts:
  - id: a
    title: Un
  - id: b
    title: Deux
    owner: marie
    channels: [linkedin, x]
    tags: []
"""


def test_defaults_are_merged_and_posts_override_them(cal: CalendarDir) -> None:
    cal.write("posts.yaml", DEFAULTS)
    calendar = load_calendar(cal.root, cal.root.parent)
    assert calendar.problems == []
    a, b = (e.post for e in calendar.entries)
    assert (a.owner, a.status, a.channels, a.campaign, a.tags) == (
        "agence",
        "draft",
        ["facebook"],
        "fetes-2026",
        ["fetes"],
    )
    assert (b.owner, b.status, b.channels, b.campaign, b.tags) == (
        "marie",
        "draft",
        ["linkedin", "x"],
        "fetes-2026",
        [],
    )


def test_defaults_only_apply_to_their_own_file(cal: CalendarDir) -> None:
    cal.write("posts.yaml", DEFAULTS)
    cal.posts("- id: c\n  title: Trois\n", name="other.yaml")
    calendar = load_calendar(cal.root, cal.root.parent)
    c = next(e.post for e in calendar.entries if e.id == "c")
    assert (c.owner, c.status, c.channels, c.campaign) == (None, "idea", [], None)


def test_problem_from_a_default_is_located_in_defaults(cal: CalendarDir) -> None:
    cal.write("posts.yaml", DEFAULTS.replace("owner: agence", "owner: agense"))
    problems = cal.problems()
    assert [(p.line, p.column, p.code, p.post) for p in problems] == [
        (2, 10, "unknown-owner", "a")  # b overrides the owner: no problem for it
    ]
    assert "owner 'agense' is not in the team (did you mean 'agence'?)" in problems[0].message


def test_invalid_default_is_reported_once_and_dropped(cal: CalendarDir) -> None:
    text = DEFAULTS.replace("status: draft", "status: nope").replace(
        "tags: [fetes]", "tags: [fetes]\n  chanels: [x]"
    )
    cal.write("posts.yaml", text)
    problems = cal.problems()
    assert [(p.line, p.column, p.code, p.post) for p in problems] == [
        (3, 11, "schema", None),
        (7, 3, "schema", None),
    ]
    assert "status: the text 'nope' is not one of" in problems[0].message
    assert problems[1].message == "unknown key 'chanels' (did you mean 'channels'?)"
    calendar = load_calendar(cal.root, cal.root.parent)
    assert [(e.id, e.post.status, e.post.owner) for e in calendar.entries] == [
        ("a", "idea", "agence"),
        ("b", "idea", "marie"),
    ]


def test_defaults_not_a_mapping(cal: CalendarDir) -> None:
    cal.write("posts.yaml", "defaults: 3\nposts:\n  - id: a\n    title: Un\n")
    [problem] = cal.problems()
    assert (problem.line, problem.column, problem.code) == (1, 11, "schema")
    assert problem.message == "defaults should be a mapping, not the number 3"
    assert cal.check().posts == 1


def test_defaults_through_anchor_and_merge_key(cal: CalendarDir) -> None:
    cal.write(
        "posts.yaml",
        textwrap.dedent(
            """\
            x-common: &common
              owner: marie
            posts:
              - <<: *common
                id: a
                title: Un
                tittle: Deux
            """
        ),
    )
    assert [(p.line, p.column, p.code, p.message) for p in cal.problems()] == [
        (1, 1, "schema", "unknown key 'x-common' at the top of a post file"),
        (7, 5, "schema", "unknown key 'tittle' (did you mean 'title'?)"),
    ]
