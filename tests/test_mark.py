"""``gc-cli mark`` and ``gc-cli approve``: statuses, addresses and approvals written back to
the files, every edit one line, all or nothing, and hostile input refused cleanly."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from conftest import NOW, SETTINGS, CalendarDir, Invoke

POSTS = """\
# Les billets de décembre.
- id: pain
  title: Le pain du samedi
  channels: [facebook, instagram]
  status: ready   # prêt depuis lundi
  owner: marie
  publish_at: 2026-11-21 09:00
  text: Le pain du samedi.
  images:
    - {path: images/pain.png, alt: Une miche}
- id: agence-blogue
  title: Le blogue
  kind: article
  channels: [facebook]
  status: ready
  owner: agence
  publish_at: 2026-12-10 09:00
  link: https://example.org/blogue
  approved_by: marie
  text: Sur le blogue.
- id: hebdo
  title: Le rendez-vous
  channels: [facebook]
  status: scheduled
  owner: marie
  publish_at: 2026-11-13 09:00
  repeat: FREQ=WEEKLY;COUNT=4
  text: Chaque vendredi.
"""


@pytest.fixture
def sample(write_calendar: Callable[..., CalendarDir]) -> CalendarDir:
    cal = write_calendar(
        SETTINGS.replace(
            "team:\n",
            "team:\n  paul: {name: Paul Roy, roles: [content]}\n"
            "  lea: {name: Léa Roy, roles: [interactions]}\n",
        )
        + "rules:\n  alt_text: off\n"
    )
    cal.posts(POSTS)
    from PIL import Image

    (cal.root / "images").mkdir()
    Image.new("RGB", (1080, 1080), "tan").save(cal.root / "images/pain.png")
    return cal


def run(gc: Callable[..., Invoke], cal: CalendarDir, *args: str, now: str | None = NOW) -> Invoke:
    more = ("--now", now) if now else ()
    return gc(*args, "--calendars", "calendars", *more, cwd=cal.root.parent)


def lines_changed(before: str, after: str) -> list[tuple[str, str]]:
    import difflib

    old, new = before.splitlines(), after.splitlines()
    return [
        ("-" if tag in ("delete", "replace") else "+", "\n".join(old[i1:i2] + new[j1:j2]))
        for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new).get_opcodes()
        if tag != "equal"
    ]


def test_mark_published_with_its_address(gc: Callable[..., Invoke], sample: CalendarDir) -> None:
    path = sample.root / "posts.yaml"
    before = path.read_text()
    done = run(gc, sample, "mark", "pain", "published", "--url", "https://facebook.com/p/1")
    assert done.exit_code == 0, done.stderr
    assert done.stdout.splitlines() == [
        "pain: ready → published, at https://facebook.com/p/1 — calendars/posts.yaml:3",
        "1 post marked in 1 file.",
    ]
    assert path.read_text() == before.replace(
        "    status: ready   # prêt depuis lundi\n",
        "    status: published   # prêt depuis lundi\n    published_url: https://facebook.com/p/1\n",
    )
    assert sample.check().errors == 0
    # Back to ready: the address goes with the status.
    again = run(gc, sample, "mark", "pain", "ready", now="2026-11-20T08:00")
    assert again.exit_code == 0, again.stderr
    assert path.read_text() == before


def test_one_address_per_channel(gc: Callable[..., Invoke], sample: CalendarDir) -> None:
    done = run(
        gc,
        sample,
        "mark",
        "pain",
        "published",
        "--url",
        "facebook=https://facebook.com/p/1",
        "--url",
        "instagram=https://instagram.com/p/2?a=b",
    )
    assert done.exit_code == 0, done.stderr
    text = (sample.root / "posts.yaml").read_text()
    assert (
        "    published_url: {facebook: https://facebook.com/p/1, "
        "instagram: https://instagram.com/p/2?a=b}\n" in text
    )
    assert sample.check().errors == 0


def test_several_posts_and_occurrences_at_once(
    gc: Callable[..., Invoke], sample: CalendarDir
) -> None:
    path = sample.root / "posts.yaml"
    before = path.read_text()
    done = run(gc, sample, "mark", "pain", "hebdo@2026-11-13", "hebdo@2026-11-20", "published")
    assert done.exit_code == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "3 posts marked in 1 file."
    assert lines_changed(before, path.read_text()) == [
        (
            "-",
            "    status: ready   # prêt depuis lundi\n    status: published   # prêt depuis lundi",
        ),
        ("+", "    occurrences: {2026-11-13: published, 2026-11-20: published}"),
    ]
    # The occurrences that went out are no longer overdue.
    assert sample.problems() == []


def test_an_occurrence_back_to_the_posts_status_leaves_the_mapping(
    gc: Callable[..., Invoke], sample: CalendarDir
) -> None:
    path = sample.root / "posts.yaml"
    before = path.read_text()
    assert run(gc, sample, "mark", "hebdo@2026-11-27", "cancelled").exit_code == 0
    assert "    occurrences: {2026-11-27: cancelled}\n" in path.read_text()
    assert run(gc, sample, "mark", "hebdo@2026-11-27", "scheduled").exit_code == 0
    assert path.read_text() == before


def test_nothing_to_change(gc: Callable[..., Invoke], sample: CalendarDir) -> None:
    path = sample.root / "posts.yaml"
    before = path.read_bytes()
    done = run(gc, sample, "mark", "pain", "ready")
    assert done.exit_code == 0
    assert done.stdout.splitlines() == [
        "pain: nothing to change (already ready)",
        "Nothing to change.",
    ]
    assert path.read_bytes() == before


def test_dry_run_writes_nothing(gc: Callable[..., Invoke], sample: CalendarDir) -> None:
    path = sample.root / "posts.yaml"
    before = path.read_bytes()
    done = run(gc, sample, "mark", "pain", "cancelled", "--dry-run")
    assert done.exit_code == 0
    assert done.stdout.splitlines()[-1] == "1 post to mark in 1 file — dry run: nothing written."
    assert path.read_bytes() == before


REFUSED = [
    pytest.param(
        ("pain", "inconnu", "published"), 1, "no post has the id 'inconnu'", id="unknown-id"
    ),
    pytest.param(("pian", "published"), 1, "did you mean 'pain'", id="typo"),
    pytest.param(
        ("pain", "publised"),
        2,
        "STATUS: no status 'publised' (did you mean 'published'?)",
        id="bad-status",
    ),
    pytest.param(("pain",), 2, "give the posts, then the status", id="no-status"),
    pytest.param(
        ("hebdo@2026-11-14", "published"),
        1,
        "2026-11-14 is not the date of an occurrence of hebdo",
        id="not-an-occurrence",
    ),
    pytest.param(("pain@2026-11-21", "published"), 1, "pain does not repeat", id="not-recurring"),
    pytest.param(
        ("hebdo", "hebdo@2026-11-13", "published"),
        1,
        "named alone and with an occurrence",
        id="post-and-occurrence",
    ),
    pytest.param(
        ("agence-blogue", "published"), 1, "published-in-future", id="published-before-its-time"
    ),
    pytest.param(
        ("pain", "published", "--url", "ftp://x.org/p"),
        2,
        "--url: 'ftp://x.org/p' is not an absolute http(s):// address",
        id="not-http",
    ),
    pytest.param(
        ("pain", "published", "--url", "https://x.org/a\x1b[31mb"),
        2,
        "--url: an address holds no spaces or control characters (found U+001B",
        id="control-character",
    ),
    pytest.param(
        ("pain", "published", "--url", "https://x.org/a b"), 2, "found U+0020", id="space"
    ),
    pytest.param(
        ("pain", "published", "--url", "https://" + "a" * 8000),
        2,
        "at most 8,000 characters",
        id="huge-url",
    ),
    pytest.param(
        ("pain", "ready", "--url", "https://x.org/p"),
        2,
        "--url: records where a published post lives",
        id="url-without-published",
    ),
    pytest.param(
        ("pain", "hebdo@2026-11-13", "published", "--url", "https://x.org/p"),
        2,
        "mark one post at a time with --url",
        id="url-for-two",
    ),
    pytest.param(
        ("pain", "published", "--url", "linkedin=https://x.org/p"),
        1,
        "pain does not go out on linkedin",
        id="url-for-another-channel",
    ),
    pytest.param(
        ("pain", "published", "--url", "facebook=https://a.org", "--url", "facebook=https://b.org"),
        2,
        "facebook is given twice",
        id="channel-twice",
    ),
    pytest.param(
        ("pain", "published", "--url", "https://a.org", "--url", "facebook=https://b.org"),
        2,
        "not both",
        id="one-and-per-channel",
    ),
]


@pytest.mark.parametrize(("args", "code", "message"), REFUSED)
def test_refusals_write_nothing(
    gc: Callable[..., Invoke],
    sample: CalendarDir,
    args: tuple[str, ...],
    code: int,
    message: str,
) -> None:
    path = sample.root / "posts.yaml"
    before = path.read_bytes()
    done = run(gc, sample, "mark", *args)
    assert done.exit_code == code, done.stdout + done.stderr
    assert message in done.stderr
    assert "Traceback" not in done.stderr and "\x1b" not in done.stderr
    assert path.read_bytes() == before


def test_all_or_nothing_across_files(gc: Callable[..., Invoke], sample: CalendarDir) -> None:
    other = sample.write(
        "b.yaml",
        "posts:\n  - {id: plat, title: Plat, channels: [facebook], status: ready, "
        "owner: marie, publish_at: 2026-11-20 09:00, text: Plat.}\n",
    )
    files = {p: p.read_bytes() for p in (sample.root / "posts.yaml", other)}
    done = run(gc, sample, "mark", "pain", "plat", "published")
    assert done.exit_code == 1
    assert "flow mapping" in done.stderr
    assert {p: p.read_bytes() for p in files} == files


def test_force_writes_an_error(gc: Callable[..., Invoke], sample: CalendarDir) -> None:
    done = run(gc, sample, "mark", "agence-blogue", "published", "--force")
    assert done.exit_code == 0, done.stderr
    assert "error (written with --force)" in done.stdout
    assert [p.code for p in sample.problems() if p.is_error] == ["published-in-future"]


def test_a_file_changed_since_it_was_read_is_not_overwritten(
    sample: CalendarDir, monkeypatch: pytest.MonkeyPatch
) -> None:
    from gc_cli.errors import Refused
    from gc_cli.planning import mark

    path = sample.root / "posts.yaml"
    original = mark.write_edits

    def edited_meanwhile(*args: object, **kwargs: object) -> list[str]:
        path.write_text(path.read_text() + "# changé ailleurs\n")
        return original(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(mark, "write_edits", edited_meanwhile)
    with pytest.raises(Refused, match="changed on disk"):
        mark.mark_posts(sample.root, [("pain", None)], "cancelled", cwd=sample.root.parent)
    assert path.read_text().endswith("# changé ailleurs\n")
    assert "cancelled" not in path.read_text()


# -- approve ---------------------------------------------------------------------------


def test_approve_writes_approved_by_after_the_owner(
    gc: Callable[..., Invoke], write_calendar: Callable[..., CalendarDir]
) -> None:
    cal = write_calendar()
    cal.posts(
        "- id: a\n  title: A\n  channels: [facebook]\n  status: ready\n  owner: agence\n"
        "  publish_at: 2026-12-10 09:00\n  text: A.\n"
    )
    assert [p.code for p in cal.problems()] == ["not-approved"]
    done = run(gc, cal, "approve", "a", now=None)
    assert done.exit_code == 0, done.stderr
    assert done.stdout.splitlines() == [
        "a: approved by marie — calendars/posts.yaml:2",
        "1 post approved in 1 file.",
    ]
    assert "    owner: agence\n    approved_by: marie\n" in (cal.root / "posts.yaml").read_text()
    assert cal.problems() == []


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("agence-blogue", "--by", "agence"), 1, "'agence' (Agence Bleu) is external"),
        (("agence-blogue", "--by", "lea"), 1, "'lea' (Léa Roy) does not have the content role"),
        (("pain", "--by", "marie"), 1, "'marie' owns the post"),
        (
            ("agence-blogue", "--by", "mari"),
            2,
            "--by: 'mari' is not in the team (did you mean 'marie'?)",
        ),
        (("agence-blogue",), 2, "--by: say who approves: one of paul, marie"),
        (("inconnu", "--by", "paul"), 1, "no post has the id 'inconnu'"),
    ],
)
def test_approve_refusals(
    gc: Callable[..., Invoke],
    sample: CalendarDir,
    args: tuple[str, ...],
    code: int,
    message: str,
) -> None:
    path = sample.root / "posts.yaml"
    before = path.read_bytes()
    done = run(gc, sample, "approve", *args, now=None)
    assert done.exit_code == code, done.stdout + done.stderr
    assert message in done.stderr
    assert path.read_bytes() == before


def test_approve_takes_the_member_from_the_environment(
    gc: Callable[..., Invoke], sample: CalendarDir, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GC_MEMBER", "paul")
    done = run(gc, sample, "approve", "agence-blogue", now=None)
    assert done.exit_code == 0, done.stderr
    assert "approved by paul (was marie)" in done.stdout


def test_french(
    gc: Callable[..., Invoke], sample: CalendarDir, french: Callable[[str], None]
) -> None:
    done = run(gc, sample, "mark", "pain", "cancelled", "--dry-run")
    assert done.stdout.splitlines()[-1] == (
        "1 publication à marquer dans 1 fichier — essai : rien n'est écrit."
    )
    refused = run(gc, sample, "mark", "pain", "published", "--url", "ftp://x")
    assert "n'est pas une adresse http(s):// absolue" in refused.stderr
