"""Posts of kind ``event``: checked, listed and shown in the calendar at the event's time;
through the CLI on real files (the ics export has its own tests in test_export_ics.py)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from conftest import NOW, CalendarDir, Invoke


def event_post(id: str, publish_at: str, event: str, kind: str = "event") -> str:
    return (
        f"- id: {id}\n  kind: {kind}\n  title: Titre {id}\n  status: ready\n  owner: marie\n"
        f"  channels: [facebook]\n  publish_at: {publish_at}\n  event: {event}\n"
        f"  text: Bonjour {id}\n"
    )


STORY = event_post(
    "conte",
    "2026-12-01 09:00",
    "{starts: 2026-12-05 10:00, ends: 2026-12-05 11:30, place: La bibliothèque}",
)


def check(gc: Callable[..., Invoke], cal: CalendarDir) -> list[tuple[int, str, str, str]]:
    out = gc("check", "--now", NOW, "--format", "json", cwd=cal.root.parent)
    return [(p["line"], p["code"], p["severity"], p["message"]) for p in out.json()["problems"]]


def test_a_post_after_its_event_starts_is_warned(
    cal: CalendarDir, gc: Callable[..., Invoke]
) -> None:
    cal.posts(
        STORY
        + event_post("tard", "2026-12-05 11:00", "{starts: 2026-12-05 10:00}")
        + event_post("journee", "2026-12-06 09:00", "{starts: 2026-12-05}")
        + event_post("meme-jour", "2026-12-05 09:00", "{starts: 2026-12-05}")
    )
    assert check(gc, cal) == [
        (
            17,
            "after-event-start",
            "warning",
            "goes out 2026-12-05 11:00, after its event starts (2026-12-05 10:00)",
        ),
        (
            26,
            "after-event-start",
            "warning",
            "goes out 2026-12-06 09:00, after its event starts (2026-12-05)",
        ),
    ]


@pytest.mark.parametrize(
    ("post", "says"),
    [
        (
            event_post(
                "envers", "2026-12-01 09:00", "{starts: 2026-12-10 16:00, ends: 2026-12-10 15:00}"
            ),
            "event: it ends (2026-12-10 15:00) before it starts (2026-12-10 16:00)",
        ),
        (
            event_post("sans", "2026-12-01 09:00", "null"),
            "a post of kind event says when it happens: event: {starts: ...}",
        ),
        (
            event_post("autre", "2026-12-01 09:00", "{starts: 2026-12-10}", kind="other"),
            "event: only a post of kind event has an event (kind: other)",
        ),
        (
            event_post(
                "lieu", "2026-12-01 09:00", "{starts: 2026-12-10, place: " + "x" * 301 + "}"
            ),
            "event.place",
        ),
    ],
)
def test_a_wrong_event_is_a_schema_error(
    cal: CalendarDir, gc: Callable[..., Invoke], post: str, says: str
) -> None:
    cal.posts(post)
    found = check(gc, cal)
    assert [(code, severity) for _line, code, severity, _message in found] == [("schema", "error")]
    assert says in found[0][3]


def test_list_shows_the_post_and_its_event(cal: CalendarDir, gc: Callable[..., Invoke]) -> None:
    cal.posts(STORY)
    text = gc("list", "--now", NOW, cwd=cal.root.parent).stdout.splitlines()
    assert [line.split()[:3] for line in text[:2]] == [
        ["Tue", "2026-12-01", "09:00"],
        ["Sat", "2026-12-05", "10:00"],
    ]
    assert text[1].endswith("★ Titre conte")
    posts = gc("list", "--now", NOW, "--format", "json", cwd=cal.root.parent).json()
    assert [p["id"] for p in posts] == ["conte"]
    assert posts[0]["event"] == {
        "starts": "2026-12-05T10:00-05:00",
        "ends": "2026-12-05T11:30-05:00",
        "place": "La bibliothèque",
    }
    # A window holding the event but not the post shows the event alone.
    window = gc(
        "list", "--now", NOW, "--from", "2026-12-05", "--to", "2026-12-05", cwd=cal.root.parent
    )
    assert [line.split()[-3:] for line in window.stdout.splitlines()] == [["★", "Titre", "conte"]]


def test_a_status_filter_keeps_the_events_of_the_posts_it_keeps(
    cal: CalendarDir, gc: Callable[..., Invoke]
) -> None:
    draft = event_post("brouillon", "2026-12-02 09:00", "{starts: 2026-12-06 10:00}")
    cal.posts(STORY + draft.replace("status: ready", "status: draft"))
    out = gc("list", "--now", NOW, "--status", "draft", cwd=cal.root.parent).stdout
    # The draft and its event; neither the ready post nor its event.
    assert [line.split()[-2:] for line in out.splitlines()] == [["Titre", "brouillon"]] * 2
    assert "conte" not in out


def test_the_calendar_shows_the_event_at_its_time(
    cal: CalendarDir, gc: Callable[..., Invoke], monkeypatch: pytest.MonkeyPatch
) -> None:
    cal.posts(STORY)
    monkeypatch.setenv("COLUMNS", "120")
    out = gc("calendar", "--now", NOW, "--week", "--date", "2026-12-05", cwd=cal.root.parent)
    assert out.exit_code == 0
    assert "10h ★" in out.stdout
    assert "1 publication and 1 event in the week of Monday 30 November 2026." in out.stdout
