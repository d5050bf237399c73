"""``schedule``: refusals, --force, warnings, the --auto queue, options, output, the command.

The calendars use the standard settings of ``conftest`` (America/Toronto;
slots mon 09:00, wed 12:00, fri 15:00) and now = Wednesday 2026-11-25 08:00,
so the first slot of the queue is Wednesday 2026-11-25 12:00.
"""

from __future__ import annotations

import io
import subprocess
import sys
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

import pytest

from conftest import NOW, NOW_DT, SETTINGS, CalendarDir, Invoke, parsed
from gc_cli.cli.schedule import check_options
from gc_cli.errors import BadArgument, CalendarUnusable, GcError, Refused
from gc_cli.planning.schedule import (
    DEFAULT_WEEKS,
    Change,
    ScheduleResult,
    apply,
    auto_window,
    clear_post,
    format_when,
    load_for_writing,
    plan_auto,
    plan_clear,
    plan_set,
    schedule_auto,
    schedule_post,
)
from gc_cli.problems import Problem
from gc_cli.render.common import Output
from gc_cli.render.schedule import render
from gc_cli.store.calendar import Calendar

MOMENT = NOW_DT


def item(post_id: str, **fields: str | None) -> str:
    """A post for ``cal.posts``: ready, on Facebook, with a text; ``fields`` change it
    (raw YAML; ``None`` leaves a key out)."""
    values: dict[str, str | None] = {
        "title": f"Billet {post_id}",
        "status": "ready",
        "owner": "marie",
        "channels": "[facebook]",
        "text": f"Billet {post_id}, bonjour !",
        **fields,
    }
    return f"- id: {post_id}\n" + "".join(
        f"  {key}: {value}\n" for key, value in values.items() if value is not None
    )


def load(cal: CalendarDir) -> Calendar:
    return load_for_writing(cal.root, cal.root.parent)[0]


def set_(cal: CalendarDir, post_id: str, at: str, *, force: bool = False) -> Change:
    calendar, snapshots = load_for_writing(cal.root, cal.root.parent)
    change = plan_set(calendar, post_id, parsed(at), MOMENT, force, snapshots=snapshots)
    apply([change])
    return change


def clear(cal: CalendarDir, post_id: str, *, force: bool = False) -> Change:
    calendar, snapshots = load_for_writing(cal.root, cal.root.parent)
    change = plan_clear(calendar, post_id, MOMENT, force, snapshots=snapshots)
    apply([change])
    return change


def auto(
    cal: CalendarDir,
    start: date | datetime | None = None,
    until: date | datetime | None = None,
    now: datetime = MOMENT,
    *,
    write: bool = True,
) -> list[Change]:
    calendar, snapshots = load_for_writing(cal.root, cal.root.parent)
    changes = plan_auto(calendar, start, until, now, snapshots=snapshots)
    if write:
        apply(changes)
    return changes


def placed(changes: list[Change]) -> dict[str, str | None]:
    """Post id -> the publish_at written (None when skipped or unchanged)."""
    return {c.post_id: c.text for c in changes}


def codes(problems: tuple[Problem, ...]) -> list[tuple[str | None, str]]:
    return sorted((p.post, p.code) for p in problems)


# -- set and move: refusals ----------------------------------------------------


def test_unknown_id_suggests_the_closest(cal: CalendarDir) -> None:
    cal.posts(
        item("blogue-noel")
        + item("blogue-nouvel-an")
        + item("blogue-noel-2")
        + item("produit-pain")
    )
    with pytest.raises(Refused) as caught:
        set_(cal, "blogue-noell", "2026-12-01 09:00")
    assert str(caught.value) == (
        "no post has the id 'blogue-noell'; did you mean "
        "'blogue-noel', 'blogue-noel-2' or 'blogue-nouvel-an'?"
    )
    with pytest.raises(Refused, match=r"did you mean 'produit-pain'\?$"):
        set_(cal, "produit-pin", "2026-12-01 09:00")
    with pytest.raises(Refused, match=r"no post has the id 'zzz'$"):
        set_(cal, "zzz", "2026-12-01 09:00")


@pytest.mark.parametrize("text", ["demain", "2026-13-01 09:00", "2026-12-01 9h", ""])
def test_an_unparsable_time_is_a_usage_error_even_with_force(
    cal: CalendarDir, gc: Callable[..., Invoke], text: str
) -> None:
    path = cal.posts(item("a"))
    before = path.read_bytes()
    out = gc("schedule", "a", "--at", text, "--force", "--now", NOW, cwd=cal.root.parent)
    assert out.exit_code == 2
    assert out.stderr.startswith("gc-cli: --at: ")
    assert path.read_bytes() == before


def test_a_time_in_the_daylight_saving_gap_is_refused_even_with_force(cal: CalendarDir) -> None:
    path = cal.posts(item("a"))
    before = path.read_bytes()
    with pytest.raises(Refused, match="2027-03-14 02:30 does not exist in America/Toronto"):
        set_(cal, "a", "2027-03-14 02:30", force=True)
    assert path.read_bytes() == before
    # The same instant written with an offset exists: 02:30 EST is 03:30 EDT.
    assert set_(cal, "a", "2027-03-14T02:30:00-05:00").text == "2027-03-14T02:30:00-05:00"


def test_a_time_that_happens_twice_is_written_with_a_warning(cal: CalendarDir) -> None:
    cal.posts(item("a"))
    change = set_(cal, "a", "2027-11-07 01:30")
    assert codes(change.warnings) == [("a", "ambiguous-time")]


@pytest.mark.parametrize(
    ("fields", "at", "code"),
    [
        pytest.param(
            {"status": "published", "publish_at": "2026-11-20 09:00"},
            "2026-12-01 09:00",
            "published-in-future",
            id="published-moved-to-the-future",
        ),
        pytest.param(
            {"status": "scheduled", "publish_at": "2026-12-01 09:00"},
            "2026-12-01",
            "not-scheduled",
            id="scheduled-given-a-date-alone",
        ),
        pytest.param(
            {"repeat": "FREQ=WEEKLY;COUNT=3"},
            "2027-02-28 02:30",
            "nonexistent-time",
            id="an-occurrence-in-the-gap",
        ),
    ],
)
def test_a_time_that_creates_an_error_is_refused_unless_forced(
    cal: CalendarDir, fields: dict[str, str], at: str, code: str
) -> None:
    path = cal.posts(item("a", **fields))
    before = path.read_bytes()
    with pytest.raises(
        Refused, match=rf"nothing written \(--force writes it anyway\):\n.*\[{code}\]"
    ):
        set_(cal, "a", at)
    assert path.read_bytes() == before
    change = set_(cal, "a", at, force=True)
    assert code in [p.code for p in change.forced]
    assert path.read_bytes() != before


def test_clearing_a_scheduled_post_is_refused_unless_forced(cal: CalendarDir) -> None:
    path = cal.posts(item("a", status="scheduled", publish_at="2026-12-01 09:00"))
    before = path.read_bytes()
    with pytest.raises(Refused, match=r"removing its publish_at would give this post an error"):
        clear(cal, "a")
    assert path.read_bytes() == before
    change = clear(cal, "a", force=True)
    assert (change.action, codes(change.forced)) == ("clear", [("a", "not-scheduled")])
    assert "publish_at" not in path.read_text()


def test_errors_the_post_already_had_do_not_block(cal: CalendarDir) -> None:
    cal.posts(item("a", text=None, publish_at="2026-12-01 09:00"))  # ready without text: error
    change = set_(cal, "a", "2026-12-02 09:00")
    assert change.action == "move" and change.forced == ()


def test_warnings_the_new_time_creates_are_returned(
    write_calendar: Callable[..., CalendarDir],
) -> None:
    cal = write_calendar(SETTINGS + "rules: {max_posts_per_day: 1}\n")
    cal.posts(
        item("tot", publish_at="2026-12-01 09:00")
        + item("tard", publish_at="2026-12-01 10:00", channels="[linkedin]")
        + item("brouillon", status="draft", channels="[x]")
        + item("a", channels="[facebook, linkedin]")
    )
    change = set_(cal, "a", "2026-12-01 09:30")
    # too-close at the moved post (after "tot") and at "tard" (now after "a"),
    # and a second post that day on Facebook.
    assert codes(change.warnings) == [
        ("a", "too-close"),
        ("a", "too-many-per-day"),
        ("tard", "too-close"),
        ("tard", "too-many-per-day"),
    ]
    draft = set_(cal, "brouillon", "2026-11-26 09:00")
    assert codes(draft.warnings) == [("brouillon", "not-ready")]


def test_the_same_time_again_changes_nothing(cal: CalendarDir) -> None:
    path = cal.posts(item("a", publish_at="2026-12-01 09:00") + item("b"))
    stamp = path.stat().st_mtime_ns
    change = set_(cal, "a", "2026-12-01T09:00")
    assert (change.action, change.writes) == ("unchanged", False)
    assert change.reason == "a is already at 2026-12-01 09:00"
    change = clear(cal, "b")
    assert (change.action, change.reason) == ("unchanged", "b has no publish_at")
    assert path.stat().st_mtime_ns == stamp


def test_a_duplicated_id_is_refused(cal: CalendarDir) -> None:
    cal.posts(item("a"))
    cal.posts(item("a"), name="b.yaml")
    with pytest.raises(Refused, match=r"the id 'a' is used by 2 posts \(calendars/b.yaml:2, "):
        set_(cal, "a", "2026-12-01 09:00")


def test_a_post_that_cannot_be_read_says_why(cal: CalendarDir) -> None:
    cal.posts(item("a", title=None))
    with pytest.raises(Refused, match=r"post 'a' cannot be read: calendars/posts.yaml:2:5: "):
        set_(cal, "a", "2026-12-01 09:00")


def test_broken_settings_are_refused(write_calendar: Callable[..., CalendarDir]) -> None:
    cal = write_calendar(SETTINGS.replace("America/Toronto", "America/Torronto"))
    cal.posts(item("a"))
    with pytest.raises(CalendarUnusable, match=r"^calendars/settings\.yaml:1:11: timezone: ") as e:
        set_(cal, "a", "2026-12-01 09:00")
    assert e.value.exit_code == 1


def test_the_changes_say_what_they_did(cal: CalendarDir) -> None:
    cal.posts(item("a") + item("b", publish_at="2026-12-01"))
    first = set_(cal, "a", "2026-12-01 09:00")
    assert (first.action, first.before, first.after, first.text) == (
        "set",
        None,
        datetime(2026, 12, 1, 9, 0),
        "2026-12-01 09:00",
    )
    moved = set_(cal, "b", "2026-12-02 15:00")
    assert (moved.action, moved.before) == ("move", date(2026, 12, 1))
    # Line 9: "a" gained a publish_at line above it.
    assert (moved.file, moved.line, moved.channels) == ("calendars/posts.yaml", 9, ("facebook",))


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (date(2026, 12, 1), "2026-12-01"),
        (datetime(2026, 12, 1, 9, 0), "2026-12-01 09:00"),
        (datetime(2026, 12, 1, 9, 0, 30), "2026-12-01 09:00:30"),
        (datetime.fromisoformat("2026-12-01T09:00-05:00"), "2026-12-01T09:00:00-05:00"),
    ],
)
def test_format_when(value: date | datetime, text: str) -> None:
    assert format_when(value) == text


# -- auto ----------------------------------------------------------------------


def test_the_queue_takes_files_in_order_then_ids(cal: CalendarDir) -> None:
    cal.posts(item("p-b") + item("p-a"), name="a.yaml")
    cal.posts(item("p-c") + item("deja", publish_at="2026-12-20 09:00"), name="b.yaml")
    changes = auto(cal)
    assert [(c.post_id, c.action, c.text) for c in changes] == [
        ("p-a", "set", "2026-11-25 12:00"),
        ("p-b", "set", "2026-11-27 15:00"),
        ("p-c", "set", "2026-11-30 09:00"),
    ]
    assert cal.check().errors == 0


def test_posts_on_other_channels_share_a_slot(cal: CalendarDir) -> None:
    cal.posts(item("a") + item("b", channels="[linkedin]") + item("c", channels="[x, linkedin]"))
    assert placed(auto(cal)) == {
        "a": "2026-11-25 12:00",
        "b": "2026-11-25 12:00",
        "c": "2026-11-27 15:00",
    }


@pytest.mark.parametrize(
    ("existing", "expected"),
    [
        ("2026-11-25 11:30", "2026-11-27 15:00"),  # 30 min before the slot: too close
        ("2026-11-25 12:59", "2026-11-27 15:00"),
        ("2026-11-25 12:00", "2026-11-27 15:00"),
        ("2026-11-25 11:00", "2026-11-25 12:00"),  # exactly the gap: fine, as in check
        ("2026-11-25 13:00", "2026-11-25 12:00"),
        ("2026-11-25T17:30:00Z", "2026-11-27 15:00"),  # 12:30 local
    ],
)
def test_a_slot_is_taken_within_the_gap(cal: CalendarDir, existing: str, expected: str) -> None:
    cal.posts(item("a") + item("autre", publish_at=f'"{existing}"', status="scheduled"))
    assert placed(auto(cal))["a"] == expected
    assert cal.check().warnings == 0


def test_a_date_alone_has_no_time_to_be_close_to(cal: CalendarDir) -> None:
    cal.posts(item("a") + item("idee", status="idea", publish_at="2026-11-25"))
    assert placed(auto(cal))["a"] == "2026-11-25 12:00"
    assert "too-close" not in {p.code for p in cal.problems()}


def test_cancelled_posts_and_other_channels_do_not_take_slots(cal: CalendarDir) -> None:
    cal.posts(
        item("a")
        + item("annule", status="cancelled", publish_at="2026-11-25 12:00")
        + item("ailleurs", channels="[x]", publish_at="2026-11-25 12:00")
    )
    assert placed(auto(cal))["a"] == "2026-11-25 12:00"


def test_occurrences_of_recurring_posts_take_slots(cal: CalendarDir) -> None:
    # Fridays 15:00 from 2026-11-20: 11-20, 11-27, 12-04.
    cal.posts(
        item("a")
        + item("b")
        + item("c")
        + item(
            "hebdo",
            publish_at="2026-11-20 15:00",
            repeat='"FREQ=WEEKLY;COUNT=3"',
            occurrences="{2026-11-20: published}",  # the first has gone out
        )
    )
    assert placed(auto(cal)) == {
        "a": "2026-11-25 12:00",
        "b": "2026-11-30 09:00",
        "c": "2026-12-02 12:00",
    }
    assert cal.check().warnings == 0


def test_a_recurring_post_gets_a_slot_where_every_occurrence_is_free(cal: CalendarDir) -> None:
    cal.posts(
        item("fixe", publish_at="2026-12-02 12:00")
        + item("hebdo", repeat='"FREQ=WEEKLY;COUNT=2"')  # Wednesdays: 11-25 and 12-02 clash
    )
    assert placed(auto(cal))["hebdo"] == "2026-11-27 15:00"
    assert cal.check().warnings == 0


def test_the_daily_limit_is_respected(write_calendar: Callable[..., CalendarDir]) -> None:
    cal = write_calendar(SETTINGS + "rules: {max_posts_per_day: 1}\n")
    cal.posts(
        item("a")
        + item("soir", publish_at="2026-11-25 20:00")
        + item("jour", publish_at="2026-11-27")
    )
    # Wednesday already has "soir", Friday has "jour" (a date alone counts for its day).
    assert placed(auto(cal))["a"] == "2026-11-30 09:00"
    assert cal.check().warnings == 0


def test_a_post_with_a_date_alone_gets_a_slot_on_its_day_first(cal: CalendarDir) -> None:
    cal.posts(item("a-sans-date") + item("z-ce-jour", publish_at="2026-11-25"))
    changes = auto(cal)
    assert [(c.post_id, c.action, c.before, c.text) for c in changes] == [
        ("z-ce-jour", "move", date(2026, 11, 25), "2026-11-25 12:00"),
        ("a-sans-date", "set", None, "2026-11-27 15:00"),
    ]
    assert cal.check().warnings == 0


@pytest.mark.parametrize(
    ("day", "reason"),
    [
        ("2026-12-01", "no slot on Tuesdays, the day it is set for (2026-12-01)"),
        ("2026-11-20", "its day (2026-11-20) is before the window, which starts 2026-11-25 08:00"),
        ("2027-03-01", "its day (2027-03-01) is after the window, which ends 2027-01-20 08:00"),
    ],
)
def test_a_date_alone_without_a_slot_is_left_as_it_is(
    cal: CalendarDir, day: str, reason: str
) -> None:
    path = cal.posts(item("a", publish_at=day))
    before = path.read_bytes()
    (change,) = auto(cal)
    assert (change.action, change.writes) == ("skipped", False)
    assert change.reason is not None and change.reason.startswith(reason)
    assert path.read_bytes() == before


def test_a_full_day_is_a_reason_too(cal: CalendarDir) -> None:
    cal.posts(item("a", publish_at="2026-11-25") + item("b", publish_at="2026-11-25 12:30"))
    (change,) = auto(cal)
    assert change.reason == "every slot of its day (2026-11-25) is taken on its channels"


def test_only_ready_posts_without_a_time_are_queued(cal: CalendarDir) -> None:
    cal.posts(
        item("idee", status="idea")
        + item("brouillon", status="draft")
        + item("annule", status="cancelled")
        + item("prevu", status="scheduled", publish_at="2026-12-01 09:00")
        + item("pret-date", publish_at="2026-12-01 10:00")
        + item("pret")
    )
    assert [c.post_id for c in auto(cal, write=False)] == ["pret"]


def test_slots_in_the_daylight_saving_gap_are_skipped(
    write_calendar: Callable[..., CalendarDir],
) -> None:
    cal = write_calendar(
        SETTINGS.replace('["mon 09:00", "wed 12:00", "fri 15:00"]', '["sun 02:30"]')
    )
    cal.posts(item("a"))
    now = datetime.fromisoformat("2027-03-10T08:00:00-05:00")
    assert placed(auto(cal, now=now)) == {"a": "2027-03-21 02:30"}


def test_a_slot_that_happens_twice_is_written_with_its_offset(
    write_calendar: Callable[..., CalendarDir],
) -> None:
    cal = write_calendar(
        SETTINGS.replace('["mon 09:00", "wed 12:00", "fri 15:00"]', '["sun 01:30"]')
    )
    cal.posts(item("a"))
    now = datetime.fromisoformat("2027-11-01T08:00:00-05:00")
    (change,) = auto(cal, now=now)
    assert change.text == "2027-11-07T01:30:00-04:00"  # the first 01:30, still daylight time
    assert cal.check(now=parsed("2027-11-01T08:00:00-05:00")).problems == []


def test_the_window_ends_at_until(cal: CalendarDir) -> None:
    cal.posts(item("a") + item("b") + item("c"))
    changes = auto(cal, until=date(2026, 11, 27), write=False)
    assert placed(changes) == {"a": "2026-11-25 12:00", "b": "2026-11-27 15:00", "c": None}
    assert changes[2].reason == "no free slot before the end of the window (--until)"


def test_the_window_starts_at_from_but_never_before_now(cal: CalendarDir) -> None:
    cal.posts(item("a"))
    assert placed(auto(cal, start=date(2026, 12, 7), write=False)) == {"a": "2026-12-07 09:00"}
    assert placed(auto(cal, start=date(2020, 1, 1), write=False)) == {"a": "2026-11-25 12:00"}


def test_the_default_window(cal: CalendarDir) -> None:
    begin, end = auto_window(load(cal), None, None, MOMENT)
    assert (begin, (end - begin).days) == (MOMENT, 7 * DEFAULT_WEEKS)
    begin, end = auto_window(load(cal), date(2026, 12, 1), date(2026, 12, 1), MOMENT)
    assert (f"{begin:%Y-%m-%d %H:%M}", f"{end:%Y-%m-%d %H:%M:%S}") == (
        "2026-12-01 00:00",
        "2026-12-01 23:59:59",
    )
    with pytest.raises(BadArgument, match="until: 2026-11-01 is not after the start of the window"):
        auto_window(load(cal), None, date(2026, 11, 1), MOMENT)


def test_no_slots_is_refused(write_calendar: Callable[..., CalendarDir]) -> None:
    cal = write_calendar(SETTINGS.replace('slots: ["mon 09:00", "wed 12:00", "fri 15:00"]\n', ""))
    cal.posts(item("a"))
    with pytest.raises(Refused, match="has no slots"):
        auto(cal)


def test_a_post_the_writer_cannot_change_is_skipped_and_the_others_go_on(cal: CalendarDir) -> None:
    cal.write(
        "posts.yaml",
        "posts:\n"
        "  - {id: a, title: A, status: ready, owner: marie, channels: [facebook], text: A}\n"
        + "".join("  " + line + "\n" for line in item("b").splitlines()),
    )
    changes = auto(cal)
    assert placed(changes) == {"a": None, "b": "2026-11-25 12:00"}
    assert changes[0].reason is not None and "flow mapping" in changes[0].reason


def test_duplicated_ids_and_wrong_rules_are_skipped(cal: CalendarDir) -> None:
    cal.posts(item("a") + item("hebdo", repeat='"FREQ=WEEKLY"'))
    cal.posts(item("a"), name="b.yaml")
    reasons = {c.post_id: c.reason for c in auto(cal, write=False)}
    assert reasons == {
        "a": "its id is used by another post too (duplicate-id)",
        "hebdo": "its repeat rule is wrong (the rule never ends: add COUNT=n or UNTIL=date)",
    }


def test_a_planned_time_that_check_finds_wrong_is_skipped(
    cal: CalendarDir, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The rules have the last word: a planned post they give an error is not written."""
    import gc_cli.planning.schedule as schedule

    cal.posts(item("a") + item("b", channels="[linkedin]"))
    real = schedule.created

    def with_an_error(*args: object) -> list[Problem]:
        found = real(*args)  # type: ignore[arg-type]
        return [*found, Problem("calendars/posts.yaml", 2, 3, "invented", "error", "non", "a")]

    monkeypatch.setattr(schedule, "created", with_an_error)
    changes = auto(cal)
    assert [(c.post_id, c.action, c.reason) for c in changes] == [
        ("a", "skipped", "2026-11-25 12:00 would give it an error: non [invented]"),
        ("b", "set", None),
    ]
    assert "publish_at" not in (cal.root / "posts.yaml").read_text().split("- id: b")[0]


def test_warnings_of_the_plan_are_attached_to_the_post(cal: CalendarDir) -> None:
    cal.posts(item("a", text="Même texte") + item("b", text="Même texte"))
    changes = auto(cal)
    assert [codes(c.warnings) for c in changes] == [[], [("b", "duplicate-text")]]


def test_auto_writes_each_file_once_and_check_stays_clean(cal: CalendarDir) -> None:
    originals = {}
    for f in range(3):
        channels = ["facebook", "linkedin", "x", "facebook"]
        body = "".join(item(f"f{f}-p{i}", channels=f"[{ch}]") for i, ch in enumerate(channels))
        originals[f] = cal.posts("# un commentaire\n" + body, name=f"f{f}.yaml").read_bytes()
    changes = auto(cal)
    assert all(c.action == "set" for c in changes)
    for f in range(3):
        after = (cal.root / f"f{f}.yaml").read_bytes()
        added = [line for line in after.splitlines() if line not in originals[f].splitlines()]
        assert len(added) == 4 and all(line.startswith(b"    publish_at: ") for line in added)
    assert cal.check().problems == []


# -- the options, and the library's entry points -------------------------------------


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({}, "say what to do"),
        ({"post_id": "a", "at": "x", "clear": True}, "not --at and --clear"),
        ({"post_id": "a", "clear": True, "auto": True}, "not --clear and --auto"),
        ({"at": "2026-12-01"}, "--at needs the POST_ID"),
        ({"post_id": "a"}, "say what to do"),
        ({"post_id": "a", "auto": True}, "give no POST_ID"),
        ({"auto": True, "force": True}, "--force applies to --at and --clear"),
        ({"post_id": "a", "clear": True, "until": "2026-12-01"}, "--until applies to --auto only"),
    ],
)
def test_options_that_mean_nothing_are_usage_errors(options: dict[str, Any], message: str) -> None:
    given = {"at": None, "clear": False, "auto": False, "start": None, "until": None}
    given["force"] = False
    given.update({k: v for k, v in options.items() if k != "post_id"})
    with pytest.raises(GcError, match=message) as caught:
        check_options(options.get("post_id"), **given)
    assert caught.value.exit_code == 2


def test_dry_runs_write_nothing(cal: CalendarDir) -> None:
    path = cal.posts(item("a"))
    before = path.read_bytes()
    result = schedule_auto(cal.root, now=NOW_DT, dry_run=True, cwd=cal.root.parent)
    assert (result.written, placed(result.changes)) == ([], {"a": "2026-11-25 12:00"})
    result = schedule_post(
        cal.root, "a", parsed("2026-12-01 09:00"), now=NOW_DT, dry_run=True, cwd=cal.root.parent
    )
    assert result.written == [] and result.changes[0].writes
    assert rendered(result).endswith("1 file to change — dry run: nothing written.\n")
    assert path.read_bytes() == before


def test_set_and_clear_write(cal: CalendarDir) -> None:
    cal.posts(item("a"))
    result = schedule_post(
        cal.root, "a", parsed("2026-12-01 09:00"), now=NOW_DT, cwd=cal.root.parent
    )
    assert result.written == ["calendars/posts.yaml"]
    result = clear_post(cal.root, "a", now=NOW_DT, cwd=cal.root.parent)
    assert result.written == ["calendars/posts.yaml"]
    assert "publish_at" not in (cal.root / "posts.yaml").read_text()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--auto", "--from", "lundi"), "--from: 'lundi' is not a date"),
        (("--auto", "--until", "2026-02-30"), "--until: "),
        (("--auto", "--now", "hier"), "--now: "),
        (("--auto", "--from", "2027-01-10", "--until", "2027-01-05"), "--until: 2027-01-05 is "),
    ],
)
def test_bad_option_values_are_usage_errors_naming_the_option(
    cal: CalendarDir, gc: Callable[..., Invoke], args: tuple[str, ...], message: str
) -> None:
    cal.posts(item("a"))
    now = () if "--now" in args else ("--now", NOW)
    out = gc("schedule", *args, *now, cwd=cal.root.parent)
    assert out.exit_code == 2
    assert out.stderr.startswith(f"gc-cli: {message}"), out.stderr


def test_the_library_names_its_parameters(cal: CalendarDir) -> None:
    cal.posts(item("a"))
    with pytest.raises(BadArgument) as caught:
        schedule_auto(
            cal.root,
            start=date(2027, 1, 10),
            until=date(2027, 1, 5),
            now=NOW_DT,
            cwd=cal.root.parent,
        )
    assert caught.value.parameter == "until"
    assert str(caught.value).startswith("until: 2027-01-05 is not after the start")


# -- output ------------------------------------------------------------------


def rendered(result: ScheduleResult, *, color: bool = False) -> str:
    stream = io.StringIO()
    render(result, Output(stream, color=color))
    return stream.getvalue()


def test_auto_plan_as_plain_text(cal: CalendarDir) -> None:
    cal.posts(item("a", channels="[facebook, linkedin]") + item("b", publish_at="2026-12-01"))
    result = schedule_auto(cal.root, now=NOW_DT, dry_run=True, cwd=cal.root.parent)
    assert rendered(result) == (
        "Slots from 2026-11-25 08:00 to 2027-01-20 08:00 (America/Toronto).\n"
        "\n"
        "post  publish_at        channels            file                  note\n"
        "b     —                 facebook            calendars/posts.yaml  skipped: no slot on "
        "Tuesdays, the day it is set for (2026-12-01)\n"
        "a     2026-11-25 12:00  facebook, linkedin  calendars/posts.yaml\n"
        "\n"
        "1 post to schedule in 1 file, 1 skipped — dry run: nothing written.\n"
    )


def test_one_change_as_plain_text(cal: CalendarDir) -> None:
    cal.posts(item("a") + item("b", publish_at="2026-12-01 09:00"))
    result = schedule_post(
        cal.root, "a", parsed("2026-12-01 09:30"), now=NOW_DT, cwd=cal.root.parent
    )
    assert rendered(result).splitlines() == [
        "a: publish_at set to 2026-12-01 09:30 — calendars/posts.yaml:3, line added",
        "  calendars/posts.yaml:2:5: warning: 30 min after 'b' on Facebook "
        "(calendars/posts.yaml:8); keep 60 min between posts [too-close · a · facebook]",
        "1 file changed.",
    ]
    moved = schedule_post(
        cal.root, "b", parsed("2026-12-02 09:00"), now=NOW_DT, cwd=cal.root.parent
    )
    assert rendered(moved).splitlines()[0] == (
        "b: publish_at moved to 2026-12-02 09:00 (was 2026-12-01 09:00) — "
        "calendars/posts.yaml:15, line changed"
    )
    cleared = clear_post(cal.root, "b", now=NOW_DT, cwd=cal.root.parent)
    assert rendered(cleared).splitlines() == [
        "b: publish_at removed (was 2026-12-02 09:00) — calendars/posts.yaml:15, line removed",
        "1 file changed.",
    ]
    again = clear_post(cal.root, "b", now=NOW_DT, cwd=cal.root.parent)
    assert rendered(again).splitlines() == [
        "b: nothing to change (b has no publish_at)",
        "Nothing to change.",
    ]


def test_forced_errors_are_shown(cal: CalendarDir) -> None:
    cal.posts(item("a", status="scheduled", publish_at="2026-12-01 09:00"))
    result = clear_post(cal.root, "a", now=NOW_DT, force=True, cwd=cal.root.parent)
    assert "error (written with --force): status is scheduled" in rendered(result)


def test_a_terminal_gets_a_rich_table(cal: CalendarDir) -> None:
    cal.posts(item("a"))
    result = schedule_auto(cal.root, now=NOW_DT, dry_run=True, cwd=cal.root.parent)
    text = rendered(result, color=True)
    assert "2026-11-25 12:00" in text and "1 post to schedule in 1 file" in text


def test_plain_output_does_not_import_rich(cal: CalendarDir) -> None:
    cal.posts(item("a"))
    code = (
        "import io, sys\n"
        "from pathlib import Path\n"
        "from datetime import datetime\n"
        "from gc_cli.planning.schedule import schedule_auto\n"
        "from gc_cli.render.common import Output\n"
        "from gc_cli.render.schedule import render\n"
        f"r = schedule_auto(Path({str(cal.root)!r}), now=datetime.fromisoformat({NOW!r}),"
        " dry_run=True)\n"
        "render(r, Output(io.StringIO()))\n"
        "print(any(m == 'rich' or m.startswith('rich.') for m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


# -- the command ------------------------------------------------------------------------


def test_cli_help_has_an_example(gc: Callable[..., Invoke]) -> None:
    result = gc("schedule", "--help")
    assert result.exit_code == 0
    for option in ("--at", "--clear", "--auto", "--from", "--until", "--dry-run", "--force"):
        assert option in result.stdout
    assert "Example: gc-cli schedule" in result.stdout


def test_cli_set_move_clear(cal: CalendarDir, gc: Callable[..., Invoke]) -> None:
    path = cal.posts(item("a"))
    result = gc("schedule", "a", "--at", "2026-12-01 09:00", "--now", NOW, cwd=cal.root.parent)
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.startswith("a: publish_at set to 2026-12-01 09:00")
    assert "publish_at: 2026-12-01 09:00" in path.read_text()
    result = gc("schedule", "a", "--clear", "--now", NOW, cwd=cal.root.parent)
    assert result.exit_code == 0
    assert "publish_at" not in path.read_text()


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["zzz", "--at", "2026-12-01 09:00"], 1, "gc-cli: no post has the id 'zzz'"),
        (["a", "--at", "2027-03-14 02:30", "--force"], 1, "does not exist in America/Toronto"),
        (["a", "--at", "demain"], 2, "gc-cli: --at: 'demain' is not a date and time"),
        (["a", "--at", "2026-12-01", "--clear"], 2, "not --at and --clear"),
        ([], 2, "say what to do"),
        (["--auto", "--force"], 2, "--force applies to --at and --clear"),
        (["--auto", "--until", "hier"], 2, "--until: 'hier' is not a date"),
    ],
)
def test_cli_exit_codes(
    cal: CalendarDir, gc: Callable[..., Invoke], args: list[str], code: int, message: str
) -> None:
    path = cal.posts(item("a"))
    before = path.read_bytes()
    result = gc("schedule", *args, "--now", NOW, cwd=cal.root.parent)
    assert result.exit_code == code
    assert message in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert path.read_bytes() == before


def test_cli_refusal_lists_the_errors(cal: CalendarDir, gc: Callable[..., Invoke]) -> None:
    cal.posts(item("a", status="scheduled", publish_at="2026-12-01 09:00"))
    result = gc("schedule", "a", "--clear", "--now", NOW, cwd=cal.root.parent)
    assert result.exit_code == 1
    assert "[not-scheduled]" in result.stderr and "--force" in result.stderr
    result = gc("schedule", "a", "--clear", "--force", "--now", NOW, cwd=cal.root.parent)
    assert result.exit_code == 0


def test_cli_auto_dry_run(cal: CalendarDir, gc: Callable[..., Invoke]) -> None:
    path = cal.posts(item("a"))
    before = path.read_bytes()
    result = gc("schedule", "--auto", "--dry-run", "--now", NOW, cwd=cal.root.parent)
    assert result.exit_code == 0
    assert "2026-11-25 12:00" in result.stdout
    assert "\x1b[" not in result.stdout
    assert result.stdout.endswith("1 post to schedule in 1 file — dry run: nothing written.\n")
    assert path.read_bytes() == before
    result = gc("schedule", "--auto", "--until", "2026-12-31", "--now", NOW, cwd=cal.root.parent)
    assert result.exit_code == 0
    assert "publish_at: 2026-11-25 12:00" in path.read_text()
