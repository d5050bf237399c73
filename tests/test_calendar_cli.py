"""``gc-cli calendar`` read at 80 columns: the month and the week of the sample calendar,
compared with reviewed golden text; statuses told apart by symbol without colour; the filters
of ``list``; ``--format json``; relative dates. Through the CLI, on a copy of the sample."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import NOW, Invoke, golden_file

REPO = Path(__file__).resolve().parent.parent
VIEWS = Path(__file__).resolve().parent / "golden" / "views"


@pytest.fixture
def sample(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, gc: Callable[..., Invoke]) -> Path:
    """A copy of the sample calendar; the terminal 80 columns wide (after ``gc`` pins 100),
    without colour."""
    shutil.copytree(REPO / "calendars", tmp_path / "calendars")
    monkeypatch.setenv("COLUMNS", "80")
    return tmp_path


def view(gc: Callable[..., Invoke], where: Path, *args: str) -> Invoke:
    out = gc("calendar", "--now", NOW, *args, cwd=where)
    assert out.exit_code == 0, out.stderr
    return out


def test_month_at_80_columns(sample: Path, gc: Callable[..., Invoke]) -> None:
    out = view(gc, sample, "--month", "2026-12")
    assert max(len(line) for line in out.stdout.splitlines()) <= 80
    golden_file(VIEWS / "month-80-columns.txt", out.stdout.encode())


def test_week_at_80_columns(sample: Path, gc: Callable[..., Invoke]) -> None:
    out = view(gc, sample, "--week", "--date", "2026-12-10")
    assert max(len(line) for line in out.stdout.splitlines()) <= 80
    golden_file(VIEWS / "week-80-columns.txt", out.stdout.encode())


def test_narrow_month_lists_whole_titles_never_a_few_letters(
    sample: Path, gc: Callable[..., Invoke]
) -> None:
    text = view(gc, sample, "--month", "2026-11").stdout
    assert "Choc…" not in text
    assert "4 Thu 26 7h30 ◆ Chocolatines du jeudi matin" in text.splitlines()


def test_statuses_are_told_apart_without_colour(sample: Path, gc: Callable[..., Invoke]) -> None:
    # NO_COLOR is set by the gc fixture: the symbols say the status.
    text = view(gc, sample, "--month", "2026-11").stdout
    assert "\x1b[" not in text
    assert "● ready · ◆ scheduled · ✓ published" in text
    assert "│          │          │          │7h30 ◆4   │          │10h ●5    │          │" in text


def test_filters_of_list(sample: Path, gc: Callable[..., Invoke]) -> None:
    everyone = view(gc, sample, "--week", "--date", "2026-12-10", "--format", "json").json()
    owners = {post["owner"] for day in everyone["days"] for post in day["posts"]}
    assert len(owners) > 1
    doc = view(
        gc, sample, "--week", "--date", "2026-12-10", "--owner", "sophie", "--format", "json"
    ).json()
    posts = [post for day in doc["days"] for post in day["posts"]]
    assert posts
    assert {post["owner"] for post in posts} == {"sophie"}
    ready = view(gc, sample, "--month", "2026-12", "--status", "ready", "--format", "json").json()
    statuses = {post["status"] for day in ready["days"] for post in day["posts"]}
    assert statuses == {"ready"}
    linkedin = view(gc, sample, "--month", "2026-12", "--channel", "linkedin").stdout
    assert "12 publications in December 2026." not in linkedin
    assert all("linkedin" in p["channels"] for p in _posts(gc, sample, "--channel", "linkedin"))


def _posts(gc: Callable[..., Invoke], where: Path, *args: str) -> list[dict[str, object]]:
    doc = view(gc, where, "--month", "2026-12", "--format", "json", *args).json()
    return [post for day in doc["days"] for post in day["posts"]]


def test_week_json_shows_the_event_at_its_time(sample: Path, gc: Callable[..., Invoke]) -> None:
    doc = view(gc, sample, "--week", "--date", "2026-12-12", "--format", "json").json()
    assert (doc["view"], doc["first"], doc["last"]) == ("week", "2026-12-07", "2026-12-13")
    saturday = doc["days"][5]
    assert saturday["date"] == "2026-12-12"
    assert [e["id"] for e in saturday["events"]] == ["fetes-atelier-biscuits"]
    assert saturday["events"][0]["event"]["starts"] == "2026-12-12T14:00-05:00"
    # The post announcing it goes out a week before, on its own day.
    saturday_before = view(gc, sample, "--week", "--date", "2026-12-05", "--format", "json").json()
    assert "fetes-atelier-biscuits" in [p["id"] for p in saturday_before["days"][5]["posts"]]


def test_relative_dates_pick_the_same_week(sample: Path, gc: Callable[..., Invoke]) -> None:
    # Now is Wednesday 2026-11-25.
    absolute = view(gc, sample, "--week", "--date", "2026-12-02", "--format", "json").stdout
    # A weekday is the next one, never today.
    for typed in ("+1w", "+7d", "wednesday", "mercredi", "+1s", "tue 12:00"):
        assert view(gc, sample, "--week", "--date", typed, "--format", "json").stdout == absolute
    assert view(gc, sample, "--week", "--format", "json").json()["first"] == "2026-11-23"
    month = view(gc, sample, "--month", "+1m", "--format", "json").json()
    assert month["first"] == "2026-12-01"


def test_week_and_month_together_are_refused(sample: Path, gc: Callable[..., Invoke]) -> None:
    out = gc("calendar", "--now", NOW, "--week", "--month", "2026-12", cwd=sample)
    assert out.exit_code == 2
    assert "give --month, or --week and --date, not both" in out.stderr
