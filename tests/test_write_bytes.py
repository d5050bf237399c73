"""The bytes every writing command leaves in a file: mark, approve, schedule POST@DATE
--skip/--at and export --mark scheduled change only the lines of their keys, in a file with
LF or CRLF line ends, with or without a byte order mark, its comments kept; a refused
command leaves the file byte for byte as it was."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from conftest import CalendarDir, Invoke

ENCODINGS = {
    "lf": lambda text: text.encode("utf-8"),
    "crlf": lambda text: text.replace("\n", "\r\n").encode("utf-8"),
    "bom": lambda text: b"\xef\xbb\xbf" + text.encode("utf-8"),
    "bom-crlf": lambda text: b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"),
}

POSTS = """\
# Les billets de décembre.
posts:
  - id: vitrine   # la vitrine d'hiver
    title: La vitrine
    channels: [facebook, instagram]   # deux réseaux
    status: ready   # prête
    owner: marie
    publish_at: 2026-12-02 09:00
    text: La vitrine d'hiver.

  # le blogue de l'agence, à approuver
  - id: blogue
    title: Le blogue
    kind: article
    channels: [facebook]
    status: draft
    owner: agence   # l'agence
    publish_at: 2026-12-20 09:00
    link: https://example.org/blogue
    text: Sur le blogue.

  - id: hebdo
    title: Le rendez-vous
    channels: [facebook]
    status: ready
    owner: marie
    publish_at: 2026-12-04 09:00
    repeat: FREQ=WEEKLY;COUNT=4   # quatre vendredis
    text: Chaque vendredi.

  - {id: flux, title: Flux, channels: [facebook], status: idea, owner: marie, text: Flux.}
"""

MONDAY = "2026-11-30T08:00"
WEDNESDAY = "2026-12-02T13:00"

EDITS = [
    pytest.param(
        ("mark", "vitrine", "published", "--url", "https://facebook.com/p/1", "--now", WEDNESDAY),
        [
            (
                "    status: ready   # prête\n",
                "    status: published   # prête\n    published_url: https://facebook.com/p/1\n",
            )
        ],
        id="mark-published-url",
    ),
    pytest.param(
        ("mark", "hebdo@2026-12-04", "cancelled", "--now", MONDAY),
        [
            (
                "COUNT=4   # quatre vendredis\n",
                "COUNT=4   # quatre vendredis\n    occurrences: {2026-12-04: cancelled}\n",
            )
        ],
        id="mark-occurrence",
    ),
    pytest.param(
        ("approve", "blogue", "--by", "marie"),
        [
            (
                "    owner: agence   # l'agence\n",
                "    owner: agence   # l'agence\n    approved_by: marie\n",
            )
        ],
        id="approve",
    ),
    pytest.param(
        ("schedule", "hebdo@2026-12-11", "--skip", "--now", MONDAY),
        [
            (
                "COUNT=4   # quatre vendredis\n",
                "COUNT=4   # quatre vendredis\n    skip: [2026-12-11]\n",
            )
        ],
        id="schedule-skip",
    ),
    pytest.param(
        ("schedule", "hebdo@2026-12-18", "--at", "2026-12-19 10:00", "--now", MONDAY),
        [
            (
                "COUNT=4   # quatre vendredis\n",
                "COUNT=4   # quatre vendredis\n    moved: {2026-12-18: 2026-12-19 10:00}\n",
            )
        ],
        id="schedule-move",
    ),
    pytest.param(
        (
            "export",
            "--format",
            "buffer",
            "--channel",
            "facebook",
            "--days",
            "7",
            "-o",
            "week.csv",
            "--mark",
            "scheduled",
            "--now",
            MONDAY,
        ),
        [
            # On two channels: handed over on one so far, still ready.
            (
                "    status: ready   # prête\n",
                "    status: ready   # prête\n    scheduled_on: [facebook]\n",
            ),
            (
                "COUNT=4   # quatre vendredis\n",
                "COUNT=4   # quatre vendredis\n    occurrences: {2026-12-04: scheduled}\n",
            ),
        ],
        id="export-mark-scheduled",
    ),
]


def run(gc: Callable[..., Invoke], cal: CalendarDir, args: tuple[str, ...]) -> Invoke:
    return gc(*args, "--calendars", "calendars", cwd=cal.root.parent)


@pytest.mark.parametrize("encoding", sorted(ENCODINGS))
@pytest.mark.parametrize(("args", "changes"), EDITS)
def test_each_command_changes_only_its_lines(
    gc: Callable[..., Invoke],
    cal: CalendarDir,
    encoding: str,
    args: tuple[str, ...],
    changes: list[tuple[str, str]],
) -> None:
    encode = ENCODINGS[encoding]
    path = cal.root / "posts.yaml"
    path.write_bytes(encode(POSTS))
    done = run(gc, cal, args)
    assert done.exit_code == 0, done.stdout + done.stderr
    want = POSTS
    for old, new in changes:
        assert want.count(old) == 1
        want = want.replace(old, new)
    assert path.read_bytes() == encode(want)


REFUSALS = [
    pytest.param(
        ("mark", "vitrine", "inconnu", "cancelled"),
        1,
        "no post has the id 'inconnu'",
        id="unknown-id-all-or-nothing",
    ),
    pytest.param(("mark", "vitrine", "publiée"), 2, "no status 'publiée'", id="bad-status"),
    pytest.param(
        ("mark", "vitrine", "hebdo@2026-12-04", "published", "--now", MONDAY),
        1,
        "nothing written",
        id="mark-published-before-its-time-all-or-nothing",
    ),
    pytest.param(("mark", "flux", "cancelled"), 1, "flow mapping", id="flow-mapping-layout"),
    pytest.param(("approve", "blogue", "--by", "agence"), 1, "is external", id="approve-external"),
    pytest.param(
        ("schedule", "hebdo@2026-12-12", "--skip"),
        1,
        "is not the date of an occurrence",
        id="skip-not-an-occurrence",
    ),
    pytest.param(
        ("schedule", "hebdo@2026-12-18", "--at", "2027-03-14 02:30"),
        1,
        "does not exist",
        id="move-into-a-missing-hour",
    ),
    pytest.param(
        ("export", "--format", "ics", "-o", "x.ics", "--mark", "scheduled"),
        2,
        "bulk formats",
        id="export-mark-not-bulk",
    ),
]


@pytest.mark.parametrize("encoding", ["crlf", "bom-crlf", "bom"])
@pytest.mark.parametrize(("args", "code", "message"), REFUSALS)
def test_a_refused_command_leaves_the_file_untouched(
    gc: Callable[..., Invoke],
    cal: CalendarDir,
    encoding: str,
    args: tuple[str, ...],
    code: int,
    message: str,
) -> None:
    path = cal.root / "posts.yaml"
    before = ENCODINGS[encoding](POSTS)
    path.write_bytes(before)
    done = run(gc, cal, args)
    assert done.exit_code == code, done.stdout + done.stderr
    assert message in done.stderr
    assert "Traceback" not in done.stderr
    assert path.read_bytes() == before
    assert sorted(p.name for p in cal.root.iterdir()) == ["posts.yaml", "settings.yaml"]
