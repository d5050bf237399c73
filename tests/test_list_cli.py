"""``gc-cli list``, ``calendar`` and ``report`` on the command line: options, output
on stdout only, messages on stderr, exit codes."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from conftest import NOW, CalendarDir, Invoke
from gc_cli import cli

SAMPLE = Path(__file__).resolve().parent.parent / "calendars"
COMMANDS = ("list", "calendar", "report")


APPS = [pytest.param(cli.app, id="cli")]


@pytest.fixture(params=APPS)
def run(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Invoke]:
    """Run a command in-process (pinned width, no colour); return its outputs."""
    app: typer.Typer = request.param
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("GC_CALENDARS", raising=False)
    monkeypatch.delenv("GC_NOW", raising=False)

    def invoke(*args: str, cwd: Path | None = None) -> Invoke:
        if cwd is not None:
            monkeypatch.chdir(cwd)
        result = CliRunner().invoke(app, list(args), catch_exceptions=False)
        return Invoke(result.exit_code, result.stdout, result.stderr)

    return invoke


def posts_at(cal: CalendarDir, *items: str) -> None:
    cal.posts("".join(items))


def item(pid: str, when: str | None = None, extra: str = "", channels: str = "facebook") -> str:
    """A post as a one-line YAML item; ``extra`` adds keys (``, kind: article``)."""
    at = f", publish_at: '{when}'" if when else ""
    return f"- {{id: {pid}, title: Titre {pid}, channels: [{channels}], owner: marie{at}{extra}}}\n"


# -- list -------------------------------------------------------------------------


def test_list_json_crossing_the_november_change(
    run: Callable[..., Invoke], cal: CalendarDir
) -> None:
    posts_at(cal, item("vendredi", "2026-10-23 09:00", ", repeat: FREQ=WEEKLY;BYDAY=FR;COUNT=4"))
    out = run("list", "--format", "json", "--now", NOW, cwd=cal.root.parent)
    assert (out.exit_code, out.stderr) == (0, "")
    doc = json.loads(out.stdout)
    assert [(o["occurrence"], o["publish_at"]) for o in doc] == [
        ("2026-10-23", "2026-10-23T09:00-04:00"),
        ("2026-10-30", "2026-10-30T09:00-04:00"),
        ("2026-11-06", "2026-11-06T09:00-05:00"),
        ("2026-11-13", "2026-11-13T09:00-05:00"),
    ]
    assert {o["file"] for o in doc} == {"calendars/posts.yaml"}


def test_list_filters_and_window(run: Callable[..., Invoke], cal: CalendarDir) -> None:
    posts_at(
        cal,
        item("a", "2026-12-01 09:00", ", status: idea"),
        item("b", "2026-12-02", ", status: draft, kind: product"),
        item("c", "2026-12-03 09:00", ", status: ready", channels="x"),
        item("d", None, ", status: draft"),
    )

    def ids(*args: str) -> list[str]:
        out = run("list", "--format", "json", "--calendars", str(cal.root), *args)
        assert (out.exit_code, out.stderr) == (0, ""), out.stderr
        return [o["id"] for o in json.loads(out.stdout)]

    assert ids() == ["a", "b", "c", "d"]
    assert ids("--status", "idea", "--status", "draft") == ["a", "b", "d"]
    assert ids("--from", "2026-12-02") == ["b", "c"]
    assert ids("--to", "2026-12-02T08:00") == ["a", "b"]
    assert ids("--channel", "x") == ["c"]
    assert ids("--kind", "product") == ["b"]
    assert ids("--owner", "marie", "--unscheduled") == ["d"]


def test_list_csv(run: Callable[..., Invoke], cal: CalendarDir) -> None:
    posts_at(cal, item("a", "2026-12-01 09:00", ", tags: [x, y]"))
    out = run("list", "--format", "csv", cwd=cal.root.parent)
    assert out.exit_code == 0
    # (CliRunner's stdout turns the CSV's \r\n into \n.)
    assert out.stdout.split("\n") == [
        "id,occurrence,publish_at,kind,title,channels,status,owner,campaign,tags,text,link,"
        "images,image_alts,file,line",
        "a,,2026-12-01T09:00-05:00,other,Titre a,facebook,idea,marie,,x|y,,,,,"
        "calendars/posts.yaml,2",
        "",
    ]


def test_list_piped_is_plain_lines(run: Callable[..., Invoke], cal: CalendarDir) -> None:
    posts_at(cal, item("a", "2026-12-01 09:00"), item("b", "2026-12-01"), item("c"))
    out = run("list", "--now", NOW, cwd=cal.root.parent)
    assert out.exit_code == 0
    assert out.stdout == (
        "Tue 2026-12-01 --:--  idea  marie  facebook  b  Titre b\n"
        "Tue 2026-12-01 09:00  idea  marie  facebook  a  Titre a\n"
        "not scheduled         idea  marie  facebook  c  Titre c\n"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("--channel", "instagran"),
            "gc-cli: --channel: no channel 'instagran' (did you mean 'instagram'?); known: "
            "bluesky, facebook, instagram, linkedin, mastodon, x\n",
        ),
        (("--campaign", "fetes"), "gc-cli: --campaign: no campaign 'fetes'; known: none\n"),
        (("--from", "2026-12-31", "--to", "2026-12-01"), None),
        (("--from", "demain"), None),
        (("--unscheduled", "--from", "2026-12-01"), None),
        (("--now", "hier"), "gc-cli: --now: 'hier' is not a date and time: write "),
        (("--format", "xml"), None),
    ],
)
def test_list_usage_errors_exit_2(
    run: Callable[..., Invoke], cal: CalendarDir, args: tuple[str, ...], message: str | None
) -> None:
    posts_at(cal, item("a", "2026-12-01 09:00"))
    out = run("list", "--format", "json", "--calendars", str(cal.root), *args)
    assert out.exit_code == 2
    assert out.stdout == ""
    if message is not None:
        assert out.stderr.startswith(message)
        assert out.stderr.count("\n") == 1


def test_list_with_unreadable_posts_exits_1_and_says_so(
    run: Callable[..., Invoke], cal: CalendarDir
) -> None:
    posts_at(cal, item("bon", "2026-12-01 09:00"), item("mauvais", "2026-12-02", ", kind: blog"))
    out = run("list", "--format", "json", "--calendars", str(cal.root))
    assert out.exit_code == 1
    assert [o["id"] for o in json.loads(out.stdout)] == ["bon"]
    assert out.stderr == (
        "gc-cli: the calendar has errors: 1 post could not be read; 1 post left out "
        "(gc-cli check shows where)\n"
    )


def test_views_need_valid_settings(
    run: Callable[..., Invoke], write_calendar: Callable[..., CalendarDir]
) -> None:
    cal = write_calendar(settings="timezone: America/Toronto\n")
    posts_at(cal, item("a", "2026-12-01 09:00"))
    for name in COMMANDS:
        out = run(name, "--now", NOW, cwd=cal.root.parent)
        assert out.exit_code == 1, name
        assert out.stdout == ""
        assert out.stderr.startswith("gc-cli: calendars/settings.yaml:1:1: channels is required")
        assert out.stderr.endswith("gc-cli check lists every problem)\n")


def test_views_without_a_root_exit_2(run: Callable[..., Invoke], tmp_path: Path) -> None:
    for name in COMMANDS:
        out = run(name, cwd=tmp_path)
        assert out.exit_code == 2, name
        assert out.stderr.startswith("gc-cli: no calendar root found")


def test_gc_now_is_read_from_the_environment(
    run: Callable[..., Invoke], cal: CalendarDir, monkeypatch: pytest.MonkeyPatch
) -> None:
    posts_at(cal, item("a", "2026-12-01 09:00"))
    monkeypatch.setenv("GC_NOW", "2026-12-15T10:00")
    out = run("calendar", "--calendars", str(cal.root))
    assert out.exit_code == 0
    assert out.stdout.splitlines()[0].strip() == "December 2026"
    assert "[15]" in out.stdout


# -- calendar and report ------------------------------------------------------------


def test_calendar_month(run: Callable[..., Invoke], cal: CalendarDir) -> None:
    posts_at(cal, item("a", "2027-02-14 09:00"))
    out = run("calendar", "--month", "2027-02", "--now", NOW, "--calendars", str(cal.root))
    assert out.exit_code == 0
    lines = out.stdout.splitlines()
    assert lines[0].strip() == "February 2027"
    assert lines[-1] == "1 publication in February 2027."
    assert "│14       F│" in out.stdout
    assert max(len(line) for line in lines) == 78


def test_calendar_bad_month(run: Callable[..., Invoke], cal: CalendarDir) -> None:
    posts_at(cal, item("a"))
    out = run("calendar", "--month", "2027-2", "--calendars", str(cal.root))
    assert (out.exit_code, out.stdout) == (2, "")
    assert out.stderr == "gc-cli: --month: '2027-2' is not a month: write YYYY-MM (2026-12)\n"


def test_report_json(run: Callable[..., Invoke], cal: CalendarDir) -> None:
    posts_at(cal, item("a", "2026-12-01 09:00", ", kind: article"), item("b", "2026-12-20"))
    out = run("report", "--format", "json", "--now", NOW, "--calendars", str(cal.root))
    assert (out.exit_code, out.stderr) == (0, "")
    doc = json.loads(out.stdout)
    assert (doc["from"], doc["to"], doc["days"], doc["posts"]) == (
        "2026-11-25",
        "2026-12-24",
        30,
        2,
    )
    assert [(k["kind"], k["posts"]) for k in doc["by_kind"] if k["posts"]] == [
        ("article", 1),
        ("other", 1),
    ]


def test_report_window_options(run: Callable[..., Invoke], cal: CalendarDir) -> None:
    posts_at(cal, item("a", "2026-12-01 09:00"))
    out = run(
        "report", "--format", "json", "--from", "2026-12-01", "--to", "2026-12-07",
        "--now", NOW, "--calendars", str(cal.root),
    )  # fmt: skip
    doc = json.loads(out.stdout)
    assert (doc["from"], doc["to"], doc["posts"], len(doc["days_without_post"])) == (
        "2026-12-01",
        "2026-12-07",
        1,
        6,
    )


def test_report_piped(run: Callable[..., Invoke], cal: CalendarDir) -> None:
    posts_at(cal, item("a", "2026-12-01 09:00"))
    out = run("report", "--now", NOW, "--calendars", str(cal.root))
    assert out.exit_code == 0
    assert out.stdout.splitlines()[:2] == [
        "Report 2026-11-25 to 2026-12-24 (30 days), as of 2026-11-25 08:00",
        "1 publication planned.",
    ]


# -- help and the sample calendar ------------------------------------------------------


@pytest.mark.parametrize("name", COMMANDS)
def test_help_ends_with_an_example(run: Callable[..., Invoke], name: str) -> None:
    out = run(name, "--help")
    assert out.exit_code == 0
    assert "not yet available" not in out.stdout
    assert f"Example: gc-cli {name}" in out.stdout


def test_sample_calendar(run: Callable[..., Invoke]) -> None:
    common = ("--calendars", str(SAMPLE), "--now", NOW)
    listed = run("list", "--format", "json", *common)
    assert (listed.exit_code, listed.stderr) == (0, "")
    doc = json.loads(listed.stdout)
    weekly = [(o["occurrence"], o["publish_at"]) for o in doc if o["id"] == "pain-de-la-semaine"]
    assert weekly == [
        (f"2027-{day}", f"2027-{day}T09:00-05:00")
        # 01-22 is skipped (skip:)
        for day in ("01-08", "01-15", "01-29", "02-05", "02-12", "02-19", "02-26")
    ]
    assert [o["publish_at"] for o in doc if o["id"] == "saint-valentin-jour-j"] == ["2027-02-14"]
    undated = [o["id"] for o in doc if o["publish_at"] is None]
    assert undated and [o["id"] for o in doc[-len(undated) :]] == undated
    dated = [o["publish_at"][:10] for o in doc if o["publish_at"]]
    assert dated == sorted(dated)
    for args in (("calendar",), ("calendar", "--month", "2027-01"), ("report",)):
        out = run(*args, *common)
        assert (out.exit_code, out.stderr) == (0, ""), args
        assert max(len(line) for line in out.stdout.splitlines()) <= 80
