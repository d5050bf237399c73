"""Rules on references: ids unique in the root, channels and owners that exist."""

from __future__ import annotations

import pytest

from conftest import CalendarDir
from test_rules import COL, P, found, post

# -- duplicate-id ------------------------------------------------------------


def test_duplicate_id_in_one_file_is_reported_at_the_later_one(cal: CalendarDir) -> None:
    cal.posts(
        post("menu")
        + post("autre", publish_at="2026-12-02 09:00")
        + post("menu", publish_at="2026-12-03 09:00", text="Le menu, encore.")
    )
    problems = cal.problems()
    assert found(cal) == [P(18, COL["id"], "duplicate-id", post="menu")]
    assert "calendars/posts.yaml:2" in problems[0].message
    assert "menu" in problems[0].message


def test_duplicate_id_across_two_files_names_the_first(cal: CalendarDir) -> None:
    cal.posts(post("menu"), name="a.yaml")
    cal.posts(post("menu", publish_at="2026-12-03 09:00", text="Le menu, encore."), name="b.yaml")
    (problem,) = cal.problems()
    assert (problem.file, problem.line, problem.column) == ("calendars/b.yaml", 2, COL["id"])
    assert (problem.code, problem.severity, problem.post) == ("duplicate-id", "error", "menu")
    assert "calendars/a.yaml:2" in problem.message


def test_duplicate_id_three_times_names_the_first_each_time(cal: CalendarDir) -> None:
    cal.posts(post("menu", publish_at="2026-12-01 09:00"), name="a.yaml")
    cal.posts(
        "\n"
        + post("menu", publish_at="2026-12-02 09:00", text="Le menu, aussi.")
        + post("menu", publish_at="2026-12-03 09:00", text="Le menu, encore."),
        name="b.yaml",
    )
    problems = cal.problems()
    assert [(p.file, p.line, p.code) for p in problems] == [
        ("calendars/b.yaml", 3, "duplicate-id"),
        ("calendars/b.yaml", 11, "duplicate-id"),
    ]
    assert all("calendars/a.yaml:2" in p.message for p in problems)


def test_duplicate_id_counts_cancelled_posts(cal: CalendarDir) -> None:
    cal.posts(
        post("menu", status="cancelled")
        + post("menu", publish_at="2026-12-03 09:00", text="Le menu, encore.")
    )
    assert found(cal) == [P(10, COL["id"], "duplicate-id", post="menu")]


def test_distinct_ids_are_fine(cal: CalendarDir) -> None:
    cal.posts(post("menu"), name="a.yaml")
    cal.posts(post("menu-2", publish_at="2026-12-03 09:00"), name="b.yaml")
    assert found(cal) == []


# -- unknown-channel ---------------------------------------------------------

UNKNOWN_CHANNEL = [
    pytest.param(
        post(channels="[facebook, tiktok]"),
        [P(7, 26, "unknown-channel", channel="tiktok")],
        id="flow-list",
    ),
    pytest.param(
        post(channels="[facebok]"),
        [P(7, 16, "unknown-channel", channel="facebok")],
        id="typo",
    ),
    pytest.param(
        post(channels="\n    - facebook\n    - threads"),
        [P(9, 9, "unknown-channel", channel="threads")],
        id="built-in-but-not-enabled",
    ),
    pytest.param(
        post(channels="[facebook]", channel_text="{tiktok: Salut}"),
        [P(10, 20, "unknown-channel", channel="tiktok")],
        id="channel-text-key",
    ),
    pytest.param(post(channels="[facebook, x, bluesky]"), [], id="all-enabled"),
    pytest.param(post(channels="[]", status="draft"), [], id="none-yet"),
    pytest.param(
        post(channels="[tiktok]", status="cancelled"),
        [P(7, 16, "unknown-channel", channel="tiktok")],
        id="cancelled-still-checked",
    ),
]


@pytest.mark.parametrize(("yaml", "expected"), UNKNOWN_CHANNEL)
def test_unknown_channel(cal: CalendarDir, yaml: str, expected: list[tuple[object, ...]]) -> None:
    cal.posts(yaml)
    assert found(cal) == expected


def test_unknown_channel_suggests_the_closest(cal: CalendarDir) -> None:
    cal.posts(post(channels="[facebok]"))
    (problem,) = cal.problems()
    assert "facebok" in problem.message
    assert "did you mean 'facebook'" in problem.message


# -- unknown-owner -----------------------------------------------------------

UNKNOWN_OWNER = [
    pytest.param(post(owner="mari"), [P(6, COL["owner"], "unknown-owner")], id="typo"),
    pytest.param(post(owner="Marie"), [P(6, COL["owner"], "unknown-owner")], id="case"),
    pytest.param(post(owner="agence", approved_by="marie"), [], id="external-member"),
    pytest.param(post(owner=None), [], id="no-owner"),
]


@pytest.mark.parametrize(("yaml", "expected"), UNKNOWN_OWNER)
def test_unknown_owner(cal: CalendarDir, yaml: str, expected: list[tuple[object, ...]]) -> None:
    cal.posts(yaml)
    assert found(cal) == expected


def test_unknown_owner_suggests_the_closest(cal: CalendarDir) -> None:
    cal.posts(post(owner="mari"))
    (problem,) = cal.problems()
    assert "did you mean 'marie'" in problem.message


# -- defaults: ---------------------------------------------------------------


def test_wrong_defaults_are_reported_at_the_defaults_line(cal: CalendarDir) -> None:
    cal.write(
        "posts.yaml",
        """\
        defaults:
          owner: mari
          channels: [facebook, tiktok]
        posts:
          - id: a
            title: Un
          - id: b
            title: Deux
            owner: marie
            channels: [facebook]
            publish_at: 2026-12-02 09:00
        """,
    )
    assert found(cal) == [
        P(2, 10, "unknown-owner", post="a"),
        P(3, 24, "unknown-channel", post="a", channel="tiktok"),
    ]


def test_defaults_are_merged_into_every_post(cal: CalendarDir) -> None:
    cal.write(
        "posts.yaml",
        """\
        defaults:
          owner: mari
        posts:
          - {id: a, title: Un}
          - {id: b, title: Deux}
        """,
    )
    assert found(cal) == [
        P(2, 10, "unknown-owner", post="a"),
        P(2, 10, "unknown-owner", post="b"),
    ]
