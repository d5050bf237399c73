"""Hostile calendar content: what is read, how much, and every value out of range.

A calendar is a folder anyone with commit rights can change, and ``check`` runs
on it in CI. Each case here is a file an attacker (or an accident) can commit:
it must end as a located problem (exit 1), never a hang, a traceback, or work
out of proportion to the file.
"""

from __future__ import annotations

import ctypes
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import GOOD_POST, NOW, SETTINGS, CalendarDir, Invoke
from gc_cli.store.loader import MAX_FILE_PROBLEMS, load_calendar
from gc_cli.store.safeio import MIB
from gc_cli.store.yamlsafe import MAX_VALUES, load

POSTS = "calendars/posts.yaml"
SETTINGS_FILE = "calendars/settings.yaml"

#: Every command that loads a root, with what it needs to run on its own.
COMMANDS: list[tuple[str, ...]] = [
    ("check", "--no-images"),
    ("list",),
    ("export", "--format", "json", "--from", "2026-01-01", "--to", "2027-12-31"),
    ("calendar", "--month", "2026-12"),
    ("report",),
    ("images",),
]


def run(gc: Callable[..., Invoke], cal: CalendarDir, *args: str) -> Invoke:
    """A command on ``cal`` from its parent folder, now pinned; never a traceback."""
    out = gc(*args, "--calendars", str(cal.root), "--now", NOW, cwd=cal.root.parent)
    assert "Traceback" not in out.stdout + out.stderr
    assert "unexpected failure" not in out.stderr
    return out


def found(gc: Callable[..., Invoke], cal: CalendarDir) -> list[tuple[str, int, int, str]]:
    """``(file, line, column, code)`` of every problem ``check --format json`` reports."""
    out = run(gc, cal, "check", "--no-images", "--format", "json")
    assert out.exit_code == (1 if out.json()["errors"] else 0), out.stdout
    return [(p["file"], p["line"], p["column"], p["code"]) for p in out.json()["problems"]]


def message(gc: Callable[..., Invoke], cal: CalendarDir, code: str) -> str:
    out = run(gc, cal, "check", "--no-images", "--format", "json")
    return next(p["message"] for p in out.json()["problems"] if p["code"] == code)


def bad_owner(cal: CalendarDir, name: str = "other.yaml") -> tuple[str, int, int, str]:
    """A valid post file with one error, to show the rest of the root is still checked."""
    cal.posts(GOOD_POST.replace("owner: marie", "owner: personne"), name=name)
    return (f"calendars/{name}", 6, 12, "unknown-owner")


# -- files that are not read ---------------------------------------------------


@pytest.mark.timeout(60)
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_a_fifo_post_file_is_a_problem_in_every_command_never_a_hang(
    cal: CalendarDir, gc: Callable[..., Invoke], command: tuple[str, ...]
) -> None:
    cal.posts(GOOD_POST)
    os.mkfifo(cal.root / "x.yaml")
    out = run(gc, cal, *command)
    if command[0] != "images":  # its exit code on a root with errors is the images report's
        assert out.exit_code == 1


@pytest.mark.timeout(30)
def test_a_fifo_post_file_is_located_and_the_rest_still_checked(
    cal: CalendarDir, gc: Callable[..., Invoke]
) -> None:
    other = bad_owner(cal)
    os.mkfifo(cal.root / "x.yaml")
    assert found(gc, cal) == [other, ("calendars/x.yaml", 1, 1, "file-unreadable")]
    assert message(gc, cal, "file-unreadable") == (
        "the file is a named pipe (FIFO), not a regular file"
    )


@pytest.mark.timeout(30)
@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_post_file_linked_to_an_endless_device_is_not_read(
    cal: CalendarDir, gc: Callable[..., Invoke], device: str
) -> None:
    other = bad_owner(cal)
    (cal.root / "posts.yaml").symlink_to(device)
    assert found(gc, cal) == [other, (POSTS, 1, 1, "file-unreadable")]
    assert message(gc, cal, "file-unreadable") == "the file is a device, not a regular file"


@pytest.mark.timeout(30)
@pytest.mark.parametrize("kind", ["fifo", "device link"])
def test_a_file_named_on_the_command_line_that_is_not_read_is_reported_at_it(
    cal: CalendarDir, gc: Callable[..., Invoke], kind: str
) -> None:
    """As a pre-commit hook receives it: the name in the root, whatever it is."""
    if kind == "fifo":
        os.mkfifo(cal.root / "x.yaml")
    else:
        (cal.root / "x.yaml").symlink_to("/dev/zero")
    out = run(gc, cal, "check", "--no-images", "--format", "json", "calendars/x.yaml")
    assert out.exit_code == 1
    assert [(p["file"], p["code"]) for p in out.json()["problems"]] == [
        ("calendars/x.yaml", "file-unreadable")
    ]


@pytest.mark.timeout(30)
def test_a_sparse_post_file_over_the_cap_is_refused_before_it_is_read(
    cal: CalendarDir, gc: Callable[..., Invoke]
) -> None:
    other = bad_owner(cal)
    with open(cal.root / "posts.yaml", "wb") as stream:
        stream.truncate(9 * MIB)  # 9 MiB of holes: nothing written, nothing to read
    assert found(gc, cal) == [other, (POSTS, 1, 1, "file-unreadable")]
    assert message(gc, cal, "file-unreadable") == (
        "the file is 9.0 MiB, over the cap of 8.0 MiB (raise it in settings.yaml, limits:)"
    )


@pytest.mark.timeout(30)
@pytest.mark.parametrize("kind", ["fifo", "sparse", "folder"])
def test_a_settings_file_that_is_not_read_is_a_problem_at_it(
    write_calendar: Callable[..., CalendarDir], gc: Callable[..., Invoke], kind: str
) -> None:
    cal = write_calendar(settings=None)
    cal.posts(GOOD_POST)
    path = cal.root / "settings.yaml"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "folder":
        path.mkdir()
    else:
        # settings.yaml is read with the default cap, whatever limits: it would set.
        with open(path, "wb") as stream:
            stream.write(b"limits: {post_file: 200 MiB}\n")
            stream.truncate(9 * MIB)
    assert found(gc, cal) == [(SETTINGS_FILE, 1, 1, "file-unreadable")]
    for command in COMMANDS[1:5]:
        assert run(gc, cal, *command).exit_code == 1


# -- limits: in settings.yaml ----------------------------------------------------


def test_limits_lower_the_cap_on_post_files(cal: CalendarDir, gc: Callable[..., Invoke]) -> None:
    cal.write("settings.yaml", SETTINGS + "limits:\n  post_file: 1 KiB\n")
    cal.posts(GOOD_POST + "  notes: " + "x" * 2000 + "\n")
    cal.posts(GOOD_POST.replace("id: ok", "id: petit"), name="small.yaml")
    assert found(gc, cal) == [(POSTS, 1, 1, "file-unreadable")]
    assert message(gc, cal, "file-unreadable") == (
        "the file is 2.2 KiB, over the cap of 1.0 KiB (raise it in settings.yaml, limits:)"
    )


@pytest.mark.timeout(60)
def test_limits_raise_the_cap_on_post_files(cal: CalendarDir, gc: Callable[..., Invoke]) -> None:
    cal.write("settings.yaml", SETTINGS + "limits: {post_file: 12 MB, image_file: 128 MiB}\n")
    cal.posts(GOOD_POST + "# " + "x" * (9 * MIB) + "\n")
    assert found(gc, cal) == []
    calendar = load_calendar(cal.root, cal.root.parent)
    assert (calendar.limits.yaml_bytes, calendar.limits.image_bytes) == (12 * 10**6, 128 * MIB)


def test_default_limits(cal: CalendarDir) -> None:
    calendar = load_calendar(cal.root, cal.root.parent)
    assert (calendar.limits.yaml_bytes, calendar.limits.image_bytes) == (8 * MIB, 64 * MIB)


@pytest.mark.parametrize(
    ("limits", "column", "fragment"),
    [
        ("{post_file: 8}", 21, "write the size as text with its unit"),
        ("{post_file: 8 TB}", 21, "'8 TB' is not a size: write a number and its unit"),
        ("{post_file: 512 MiB}", 21, "'512 MiB' is outside what gc-cli reads"),
        ("{image_file: 5 GiB}", 22, "at most 4.0 GiB"),
        ("{post_file: 0 B}", 21, "give more than 0"),
        ("{post_fil: 8 MiB}", 10, "unknown key 'post_fil' (did you mean 'post_file'?)"),
    ],
)
def test_invalid_limits_are_a_settings_problem_at_their_line(
    cal: CalendarDir, gc: Callable[..., Invoke], limits: str, column: int, fragment: str
) -> None:
    cal.write("settings.yaml", SETTINGS + f"limits: {limits}\n")
    line = SETTINGS.count("\n") + 1
    assert found(gc, cal) == [(SETTINGS_FILE, line, column, "settings")]
    assert fragment in message(gc, cal, "settings")


# -- folders that cannot be read ---------------------------------------------------


@pytest.fixture
def unlistable(monkeypatch: pytest.MonkeyPatch) -> Callable[[Path], None]:
    """Make ``os.scandir`` refuse a folder, as it does without the permission to list it.

    The tests run as root in CI, where a ``chmod 000`` does not stop reads;
    the refusal is the one the system gives (``PermissionError``, errno 13).
    """

    refused: set[str] = set()
    scandir = os.scandir

    def guarded(path: Any = ".") -> Any:
        if os.fspath(path) in refused:
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", guarded)
    return lambda folder: refused.add(str(folder))


@pytest.mark.timeout(60)
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_an_unreadable_folder_is_a_problem_never_silence(
    cal: CalendarDir,
    gc: Callable[..., Invoke],
    unlistable: Callable[[Path], None],
    command: tuple[str, ...],
) -> None:
    cal.posts(GOOD_POST)
    cal.posts(GOOD_POST.replace("id: ok", "id: cache"), name="sub/hidden.yaml")
    unlistable(cal.root / "sub")
    out = run(gc, cal, *command)
    if command[0] == "check":
        assert out.exit_code == 1
        assert "calendars/sub:1:1: error: the folder cannot be read (Permission denied)" in (
            out.stdout
        )
    elif command[0] != "images":  # its exit code on a root with errors is the images report's
        assert out.exit_code == 1
        assert "the calendar has errors" in out.stderr


def test_an_unreadable_folder_is_located_and_the_rest_still_checked(
    cal: CalendarDir, gc: Callable[..., Invoke], unlistable: Callable[[Path], None]
) -> None:
    other = bad_owner(cal)
    cal.posts(GOOD_POST, name="sub/deeper/p.yaml")
    unlistable(cal.root / "sub")
    assert found(gc, cal) == [other, ("calendars/sub", 1, 1, "file-unreadable")]
    assert message(gc, cal, "file-unreadable") == (
        "the folder cannot be read (Permission denied): the files in it are not checked"
    )


def _without_file_permission_bypass() -> None:
    """In the child, before it runs gc-cli: give up root's power to read any file.

    CAP_DAC_OVERRIDE (1) and CAP_DAC_READ_SEARCH (2) are dropped from the
    bounding set (prctl PR_CAPBSET_DROP, 24; linux/capability.h, prctl(2)),
    so the program the child runs has neither, and a mode of 000 binds it.
    """
    if os.geteuid() != 0:
        return
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2):
        if libc.prctl(24, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def gc_unprivileged(cal: CalendarDir, *args: str) -> subprocess.CompletedProcess[str]:
    """gc-cli as a real process that file modes bind, even when the tests run as root."""
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100"}
    env.pop("GC_CALENDARS", None)
    return subprocess.run(
        [sys.executable, "-m", "gc_cli", *args, "--calendars", "calendars", "--now", NOW],
        cwd=cal.root.parent,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        preexec_fn=_without_file_permission_bypass,  # safe: the tests start no threads
    )


@pytest.fixture
def locked(cal: CalendarDir) -> Iterator[Callable[[Path], None]]:
    """``chmod 000`` paths, and give them their mode back for tmp_path's clean-up."""
    paths: list[Path] = []

    def lock(path: Path) -> None:
        paths.append(path)
        path.chmod(0)

    yield lock
    for path in paths:
        path.chmod(0o755)


@pytest.mark.timeout(120)
def test_a_chmod_000_folder_and_file_are_problems_for_a_real_process(
    cal: CalendarDir, locked: Callable[[Path], None]
) -> None:
    other = bad_owner(cal)
    cal.posts(GOOD_POST, name="sub/p.yaml")
    cal.posts(GOOD_POST.replace("id: ok", "id: ferme"), name="closed.yaml")
    locked(cal.root / "sub")
    locked(cal.root / "closed.yaml")
    out = gc_unprivileged(cal, "check", "--no-images", "--format", "json")
    assert (out.returncode, out.stderr) == (1, "")
    import json

    problems = json.loads(out.stdout)["problems"]
    assert [(p["file"], p["line"], p["column"], p["code"]) for p in problems] == [
        ("calendars/closed.yaml", 1, 1, "file-unreadable"),
        other,
        ("calendars/sub", 1, 1, "file-unreadable"),
    ]
    assert "(Permission denied)" in problems[0]["message"]
    for command in (["list"], ["export", "--format", "csv"]):
        listed = gc_unprivileged(cal, *command)
        assert listed.returncode == 1, listed.stderr
        assert "the calendar has errors" in listed.stderr


# -- how much one file may hold --------------------------------------------------


@pytest.mark.timeout(60)
@pytest.mark.parametrize("items", [260_000, 300_000], ids=["built", "counted-first"])
def test_a_file_of_too_many_values_is_refused_where_the_budget_runs_out(
    cal: CalendarDir, gc: Callable[..., Invoke], items: int
) -> None:
    """Below 1 MiB the builder counts; above, libyaml's event count refuses the text
    before any node is built. Either way at the same place: the list is value 1,
    so item 250,000 (on line 250,000) is value 250,001."""
    other = bad_owner(cal)
    cal.write("posts.yaml", "- 1\n" * items)
    assert found(gc, cal) == [other, (POSTS, MAX_VALUES, 3, "file-unreadable")]
    assert message(gc, cal, "file-unreadable").startswith(
        "the file holds more than 250000 values (texts, numbers, keys, lists and mappings"
    )


def test_keys_count_as_values() -> None:
    text = "{" + ", ".join(f"k{i}: {{}}" for i in range(MAX_VALUES // 2 + 10)) + "}\n"
    with pytest.raises(Exception, match="more than 250000 values"):
        load(text)


def test_a_file_just_under_the_value_budget_is_read() -> None:
    document = load("- 1\n" * (MAX_VALUES - 1))
    assert len(document.data) == MAX_VALUES - 1


@pytest.mark.timeout(60)
def test_a_file_of_thousands_of_problems_stops_at_the_cap(
    cal: CalendarDir, gc: Callable[..., Invoke]
) -> None:
    other = bad_owner(cal, name="z.yaml")
    cal.write("posts.yaml", "posts:\n" + "  - 1\n" * 5000)
    problems = found(gc, cal)
    assert problems[:MAX_FILE_PROBLEMS] == [
        (POSTS, line, 5, "schema") for line in range(2, MAX_FILE_PROBLEMS + 2)
    ]
    assert problems[MAX_FILE_PROBLEMS:] == [
        (POSTS, MAX_FILE_PROBLEMS + 2, 5, "too-many-problems"),
        other,
    ]
    assert message(gc, cal, "too-many-problems") == (
        "more than 1000 problems in this file: the rest of it is not read (fix these first)"
    )
    out = run(gc, cal, "list")
    assert out.exit_code == 1
    assert "5000 posts could not be read" in out.stderr


# -- repeat rules that never match, or match too rarely ----------------------------


@pytest.mark.timeout(60)
@pytest.mark.parametrize(
    ("rule", "fragment"),
    [
        (
            "FREQ=MINUTELY;BYMONTH=2;BYMONTHDAY=30;COUNT=1",
            "finds no occurrence in 10000 steps of FREQ=MINUTELY",
        ),
        ("FREQ=SECONDLY;BYSETPOS=2;COUNT=1", "finds no occurrence in 10000 steps of FREQ=SECONDLY"),
        ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30;COUNT=1", "no occurrence within 100 years"),
        ("FREQ=MONTHLY;BYMONTH=4;BYMONTHDAY=31;UNTIL=20300101", "no occurrence within 100 years"),
        ("FREQ=YEARLY;COUNT=150", "goes on more than 100 years after publish_at"),
        ("FREQ=YEARLY;UNTIL=80000101", "goes on more than 100 years after publish_at"),
        ("FREQ=YEARLY;INTERVAL=100000;COUNT=3", "goes on more than 100 years after publish_at"),
        ("FREQ=DAILY;BYDAY=MO;COUNT=2000", "matches too rarely for FREQ=DAILY"),
        ("FREQ=MONTHLY;BYDAY=99MO;COUNT=3", "BYDAY=99MO: the position must be 1 to 5"),
        ("FREQ=YEARLY;BYDAY=-54MO;COUNT=3", "BYDAY=-54MO: the position must be 1 to 53"),
        ("FREQ=WEEKLY;UNTIL=00010101T000000Z", "UNTIL=00010101T000000Z is outside the years"),
        ("FREQ=WEEKLY;UNTIL=20200101", "yields no occurrence at all"),
    ],
)
def test_a_repeat_rule_that_cannot_be_expanded_in_reason_is_bad_repeat(
    cal: CalendarDir, gc: Callable[..., Invoke], rule: str, fragment: str
) -> None:
    cal.posts(GOOD_POST + f'  repeat: "{rule}"\n')
    assert found(gc, cal) == [(POSTS, 10, 13, "bad-repeat")]
    assert fragment in message(gc, cal, "bad-repeat")
    for command in COMMANDS[1:5]:
        assert run(gc, cal, *command).exit_code == 1


@pytest.mark.parametrize(
    ("rule", "last"),
    [
        ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;COUNT=5", "2044-02-29"),
        ("FREQ=MONTHLY;BYDAY=-1FR;COUNT=12", "2027-11-26"),
        ("FREQ=YEARLY;BYDAY=53MO;COUNT=1", "2029-12-31"),
        ("FREQ=DAILY;BYDAY=MO;COUNT=500", "2036-06-30"),
        ("FREQ=MONTHLY;UNTIL=21260101", "2126-01-01"),
    ],
)
def test_rare_but_reasonable_repeat_rules_still_expand(
    cal: CalendarDir, gc: Callable[..., Invoke], rule: str, last: str
) -> None:
    cal.posts(GOOD_POST.replace("status: ready", "status: idea") + f'  repeat: "{rule}"\n')
    assert found(gc, cal) == []
    out = run(gc, cal, "list", "--format", "json")
    assert out.json()[-1]["occurrence"] == last


# -- values out of range -------------------------------------------------------------


@pytest.mark.timeout(60)
@pytest.mark.parametrize(
    "written",
    [
        "9999-12-31 23:59",
        '"0001-01-01T00:00:00+14:00"',
        '"9999-12-31T23:59:59-12:00"',
        "1969-12-31 23:59",
        "9001-01-01",
    ],
)
def test_a_publish_at_outside_the_years_is_a_schema_problem_in_every_command(
    cal: CalendarDir, gc: Callable[..., Invoke], written: str
) -> None:
    cal.posts(GOOD_POST.replace("publish_at: 2026-12-01 09:00", f"publish_at: {written}"))
    assert found(gc, cal) == [(POSTS, 8, 17, "schema")]
    assert "is outside the years gc-cli works with (1970 to 9000)" in message(gc, cal, "schema")
    for command in COMMANDS[1:5]:
        assert run(gc, cal, *command).exit_code == 1


@pytest.mark.timeout(60)
@pytest.mark.parametrize(
    "written", ["1970-01-01 00:00", "9000-12-31 23:59", '"1970-01-01T00:00-12:00"', "9000-12-31"]
)
def test_dates_at_the_ends_of_the_years_work_in_every_command(
    write_calendar: Callable[..., CalendarDir], gc: Callable[..., Invoke], written: str
) -> None:
    # A zone of +14:00, and a roster and an absence at the ends too.
    cal = write_calendar(
        SETTINGS.replace("America/Toronto", "Pacific/Kiritimati")
        + "rules: {min_gap_minutes: 10080, ready_before_hours: 8784, "
        "duplicate_window_days: 3660}\n"
        "interactions:\n"
        "  response_target: 4h\n"
        "  roster:\n"
        '    - {who: marie, days: mon-sun, hours: "20:00-02:00", from: 1970-01-01, '
        "to: 9000-12-31}\n"
        "  absences:\n"
        "    - {who: marie, from: 9000-12-30, to: 9000-12-31}\n"
    )
    post = GOOD_POST.replace("publish_at: 2026-12-01 09:00", f"publish_at: {written}")
    cal.posts(post + post.replace("id: ok", "id: encore") + '  repeat: "FREQ=DAILY;COUNT=3"\n')
    for now in ("1970-01-01T00:00", "9000-12-31T23:59"):
        for command in [*COMMANDS, ("coverage",), ("export", "--format", "ics")]:
            out = gc(*command, "--calendars", str(cal.root), "--now", now, cwd=cal.root.parent)
            assert "Traceback" not in out.stdout + out.stderr
            assert "unexpected failure" not in out.stderr
            assert out.exit_code in (0, 1), (command, now, out.stderr)
        assert not [p for p in found_at(gc, cal, now) if p[3] in ("schema", "settings")]


def found_at(gc: Callable[..., Invoke], cal: CalendarDir, now: str) -> list[tuple[Any, ...]]:
    out = gc("check", "--no-images", "--format", "json", "--calendars", str(cal.root), "--now", now)
    return [(p["file"], p["line"], p["column"], p["code"]) for p in out.json()["problems"]]


@pytest.mark.parametrize(
    ("option", "value"),
    [("--now", "9999-12-31T23:59"), ("--now", "0001-01-01T00:00+14:00"), ("--from", "9999-12-01")],
)
def test_dates_outside_the_years_on_the_command_line_are_usage_errors(
    cal: CalendarDir, gc: Callable[..., Invoke], option: str, value: str
) -> None:
    cal.posts(GOOD_POST)
    out = gc("list", "--calendars", str(cal.root), option, value, cwd=cal.root.parent)
    assert out.exit_code == 2
    assert out.stderr == (
        f"gc-cli: {option}: {value!r} is outside the years gc-cli works with (1970 to 9000)\n"
    )


def test_a_month_outside_the_years_is_a_usage_error(
    cal: CalendarDir, gc: Callable[..., Invoke]
) -> None:
    out = gc("calendar", "--calendars", str(cal.root), "--month", "9999-12", cwd=cal.root.parent)
    assert out.exit_code == 2
    assert out.stderr == (
        "gc-cli: --month: '9999-12' is outside the years gc-cli works with (1970 to 9000)\n"
    )


@pytest.mark.parametrize(
    ("block", "line", "column", "fragment"),
    [
        ("  absences: [{who: marie, from: 0001-01-01}]", 4, 33, "outside the years"),
        ("  absences: [{who: marie, from: 2026-01-01, to: 9999-12-31}]", 4, 49, "outside"),
    ],
)
def test_roster_days_outside_the_years_are_settings_problems(
    cal: CalendarDir,
    gc: Callable[..., Invoke],
    block: str,
    line: int,
    column: int,
    fragment: str,
) -> None:
    roster = "  response_target: 4h\n  roster: [{who: marie, days: mon-fri, hours: 09:00-17:00}]\n"
    cal.write("settings.yaml", SETTINGS + "interactions:\n" + roster + block + "\n")
    start = SETTINGS.count("\n") + 1
    assert found(gc, cal) == [(SETTINGS_FILE, start + line - 1, column, "settings")]
    assert fragment in message(gc, cal, "settings")


HUGE = "9" * 5000  # over Python's 4,300 digits for a decimal conversion


def test_a_number_too_long_for_python_stays_text(
    cal: CalendarDir, gc: Callable[..., Invoke]
) -> None:
    cal.posts(GOOD_POST + f"  notes: {HUGE}\n")
    assert found(gc, cal) == []
    calendar = load_calendar(cal.root, cal.root.parent)
    assert calendar.entries[0].post.notes == HUGE
    for command in COMMANDS:
        assert run(gc, cal, *command).exit_code == 0


@pytest.mark.parametrize(
    ("rule", "value", "fragment"),
    [
        ("min_gap_minutes", HUGE, "rules.min_gap_minutes"),
        ("min_gap_minutes", "10081", "less than or equal to 10080"),
        ("ready_before_hours", "10" + "0" * 20, "less than or equal to 8784"),
        ("duplicate_window_days", "999999999999", "less than or equal to 3660"),
        ("max_posts_per_day", HUGE, "rules.max_posts_per_day"),
    ],
)
def test_huge_rule_thresholds_are_settings_problems_at_their_line(
    cal: CalendarDir, gc: Callable[..., Invoke], rule: str, value: str, fragment: str
) -> None:
    cal.write("settings.yaml", SETTINGS + f"rules:\n  {rule}: {value}\n")
    cal.posts(GOOD_POST)
    line = SETTINGS.count("\n") + 2
    assert found(gc, cal) == [(SETTINGS_FILE, line, len(rule) + 5, "settings")]
    assert fragment in message(gc, cal, "settings")
    for command in COMMANDS[1:5]:
        assert run(gc, cal, *command).exit_code == 1


# -- time zones and slots ------------------------------------------------------------


@pytest.mark.parametrize(
    "zone",
    [
        "localtime",
        "posixrules",
        "Factory",
        "posix/America/Toronto",
        "right/UTC",
        "/etc/localtime",
        "/usr/share/zoneinfo/UTC",
        "../zoneinfo/UTC",
        "America/../UTC",
    ],
)
def test_a_zone_that_is_not_an_iana_name_is_refused(
    cal: CalendarDir, gc: Callable[..., Invoke], zone: str
) -> None:
    cal.write("settings.yaml", SETTINGS.replace("America/Toronto", zone))
    assert found(gc, cal) == [(SETTINGS_FILE, 1, 11, "settings")]
    assert "is not an IANA time zone name" in message(gc, cal, "settings")


@pytest.mark.parametrize(
    "zone", ["UTC", "Etc/GMT+5", "America/Argentina/Buenos_Aires", "EST5EDT", "US/Eastern"]
)
def test_iana_zone_names_are_accepted(
    cal: CalendarDir, gc: Callable[..., Invoke], zone: str
) -> None:
    cal.write("settings.yaml", SETTINGS.replace("America/Toronto", zone))
    assert found(gc, cal) == []


@pytest.mark.parametrize(
    ("slot", "column", "fragment"),
    [
        ('{weekday: 99, at: "09:00"}', 19, "less than or equal to 6"),
        ('{weekday: -1, at: "09:00"}', 19, "greater than or equal to 0"),
        ('{weekday: 1, at: "09:00", every: 2}', 35, "unknown key 'every'"),
    ],
)
def test_a_slot_mapping_out_of_range_is_refused_at_its_line(
    cal: CalendarDir, gc: Callable[..., Invoke], slot: str, column: int, fragment: str
) -> None:
    cal.write("settings.yaml", SETTINGS.replace('slots: ["mon 09:00", ', f"slots: [{slot}, "))
    line = SETTINGS[: SETTINGS.index("slots:")].count("\n") + 1
    assert found(gc, cal) == [(SETTINGS_FILE, line, column, "settings")]
    assert fragment in message(gc, cal, "settings")


def test_a_slot_mapping_in_range_is_accepted(cal: CalendarDir, gc: Callable[..., Invoke]) -> None:
    cal.write("settings.yaml", SETTINGS.replace('"mon 09:00"', '{weekday: 6, at: "09:00"}'))
    assert found(gc, cal) == []
    calendar = load_calendar(cal.root, cal.root.parent)
    assert calendar.settings is not None
    assert calendar.settings.slots[0].weekday == 6


# -- line breaks of YAML 1.1 -----------------------------------------------------------


@pytest.mark.parametrize("char", ["\u2028", "\u2029", "\x85"], ids=["LS", "PS", "NEL"])
def test_a_yaml11_line_break_in_a_comment_is_not_a_syntax_error(
    cal: CalendarDir, gc: Callable[..., Invoke], char: str
) -> None:
    text = (
        f"# Calendrier{char}de décembre\n"  # line 1
        "posts:\n"
        f"  - id: a  # premier{char}billet\n"
        "    title: Un\n"
        f"    text: Ligne un{char}ligne deux\n"  # line 5
        "    owner: personne\n"
    )
    (cal.root / "posts.yaml").write_text(text, encoding="utf-8")
    assert found(gc, cal) == [(POSTS, 6, 12, "unknown-owner")]
    calendar = load_calendar(cal.root, cal.root.parent)
    assert calendar.entries[0].post.text == f"Ligne un{char}ligne deux"


def test_a_stand_in_for_a_line_break_never_changes_a_written_value() -> None:
    # The private-use characters stand in for the breaks; one written as an
    # escape, or as itself, keeps its own value.
    text = 'a: "\\uE000 \\uE001"  # x\u2028y\nb: "\ue002"\nc: d\u2028e\n'
    data = load(text).data
    assert data == {"a": "\ue000 \ue001", "b": "\ue002", "c": "d\u2028e"}
    assert data.keys_pos == {"a": (1, 1), "b": (2, 1), "c": (3, 1)}


def test_a_syntax_error_after_a_yaml11_line_break_is_at_the_editor_line(
    cal: CalendarDir, gc: Callable[..., Invoke]
) -> None:
    (cal.root / "posts.yaml").write_text(
        "# un\u2028deux\nposts:\n  - id: a\n    title: [ouvert\n", encoding="utf-8"
    )
    # The list is reported where it opens: line 4 in an editor, not 5.
    assert [p[:2] + p[3:] for p in found(gc, cal)] == [(POSTS, 4, "yaml-syntax")]
