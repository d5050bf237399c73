"""The writer's one mechanism for any key of a post: scalars, lists and mappings, in the
file's own style, byte for byte, and refused edits that leave the file untouched.

Every expectation is the whole file after the edit, for each line ending and with or
without a byte order mark: nothing but the lines of the key changes.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from gc_cli.errors import Refused
from gc_cli.store.writer import Snapshot, Value, format_value, plan_edit, render, write_atomic

ENCODINGS = {
    "lf": lambda text: text.encode("utf-8"),
    "crlf": lambda text: text.replace("\n", "\r\n").encode("utf-8"),
    "bom": lambda text: b"\xef\xbb\xbf" + text.encode("utf-8"),
    "bom-crlf": lambda text: b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"),
}

BASE = """\
# Un fichier écrit à la main.
posts:
  - id: pain   # le pain du samedi
    title: Le pain du samedi
    publish_at: 2027-03-06 09:00
    repeat: FREQ=WEEKLY;BYDAY=SA;COUNT=6   # six samedis
{extra}    channels: [facebook]
    status: ready

  # un commentaire entre deux billets
  - id: autre
    title: Autre
"""


def edit(
    path: Path, key: str, value: Value | None, after: tuple[str, ...] = (), index: int = 0
) -> bytes:
    """Plan, render and write one edit of post ``index``; return the file's new bytes."""
    snapshot = Snapshot.read(path)
    post_id = "pain" if index == 0 else "autre"
    planned = plan_edit(snapshot, index, post_id, value, key=key, after=after)
    assert planned is not None
    write_atomic(snapshot, render(snapshot, [planned]))
    return path.read_bytes()


CASES = [
    pytest.param(
        "",
        "skip",
        ["2027-03-13"],
        ("repeat",),
        "    skip: [2027-03-13]\n",
        id="new-list-beside-repeat",
    ),
    pytest.param(
        "    skip: [2027-03-13]   # la fête\n",
        "skip",
        ["2027-03-13", "2027-03-20"],
        (),
        "    skip: [2027-03-13, 2027-03-20]   # la fête\n",
        id="flow-list-grows-comment-kept",
    ),
    pytest.param(
        "    skip: [ '2027-03-13' ]\n",
        "skip",
        ["2027-03-13", "2027-03-27"],
        (),
        "    skip: [ '2027-03-13', 2027-03-27 ]\n",
        id="flow-list-keeps-its-quoting-and-spaces",
    ),
    pytest.param(
        "    skip:\n      - 2027-03-13   # la fête\n      # entre deux\n      - 2027-03-27\n",
        "skip",
        ["2027-03-13", "2027-03-20", "2027-03-27"],
        (),
        "    skip:\n      - 2027-03-13   # la fête\n      # entre deux\n      - 2027-03-20\n"
        "      - 2027-03-27\n",
        id="block-list-one-line-added-in-order",
    ),
    pytest.param(
        "    skip:\n      - 2027-03-13   # la fête\n      - 2027-03-27\n",
        "skip",
        ["2027-03-27"],
        (),
        "    skip:\n      - 2027-03-27\n",
        id="block-list-one-line-removed",
    ),
    pytest.param(
        "    skip:\n    - 2027-03-13\n",
        "skip",
        ["2027-03-13", "2027-03-20"],
        (),
        "    skip:\n    - 2027-03-13\n    - 2027-03-20\n",
        id="block-list-dashes-at-the-key-column",
    ),
    pytest.param(
        "    skip: [2027-03-13]\n",
        "skip",
        None,
        (),
        "",
        id="flow-list-taken-out",
    ),
    pytest.param(
        "    skip:\n      - 2027-03-13\n      - 2027-03-20\n",
        "skip",
        None,
        (),
        "",
        id="block-list-taken-out",
    ),
    pytest.param(
        "    moved: {2027-03-13: 2027-03-14 10:00}\n",
        "moved",
        {"2027-03-13": "2027-03-14 11:00", "2027-03-20": "2027-03-21 10:00"},
        (),
        "    moved: {2027-03-13: 2027-03-14 11:00, 2027-03-20: 2027-03-21 10:00}\n",
        id="flow-mapping",
    ),
    pytest.param(
        "    occurrences:\n      2027-03-06: published   # sorti\n      2027-03-20: scheduled\n",
        "occurrences",
        {
            "2027-03-06": "published",
            "2027-03-13": {"status": "published", "published_url": "https://ex.org/p?a=1,2"},
            "2027-03-20": "published",
        },
        (),
        "    occurrences:\n      2027-03-06: published   # sorti\n"
        "      2027-03-13: {status: published, published_url: 'https://ex.org/p?a=1,2'}\n"
        "      2027-03-20: published\n",
        id="block-mapping-entry-added-in-order-and-one-changed",
    ),
    pytest.param(
        "    occurrences:\n      2027-03-06: published\n      2027-03-20: scheduled   # x\n",
        "occurrences",
        {"2027-03-06": "published"},
        (),
        "    occurrences:\n      2027-03-06: published\n",
        id="block-mapping-entry-removed",
    ),
    pytest.param(
        "",
        "status",
        "scheduled",
        (),
        None,
        id="scalar-replaced-in-place",
    ),
    pytest.param(
        "",
        "approved_by",
        "true",
        ("status",),
        None,
        id="a-value-that-would-read-as-a-boolean-is-quoted",
    ),
]


@pytest.mark.parametrize("encoding", sorted(ENCODINGS))
@pytest.mark.parametrize(("extra", "key", "value", "after", "expected"), CASES)
def test_each_edit_changes_only_the_lines_of_its_key(
    tmp_path: Path,
    encoding: str,
    extra: str,
    key: str,
    value: Value | None,
    after: tuple[str, ...],
    expected: str | None,
) -> None:
    encode = ENCODINGS[encoding]
    path = tmp_path / "posts.yaml"
    path.write_bytes(encode(BASE.format(extra=extra)))
    got = edit(path, key, value, after)
    if key == "status":
        want = BASE.format(extra=extra).replace("status: ready", "status: scheduled")
    elif key == "approved_by":
        want = BASE.format(extra=extra).replace(
            "    status: ready\n", "    status: ready\n    approved_by: 'true'\n"
        )
    else:
        assert expected is not None
        want = BASE.format(extra=expected)
    assert got == encode(want)


def test_a_new_mapping_takes_the_block_style_the_posts_use(tmp_path: Path) -> None:
    text = BASE.format(extra="    channel_text:\n      facebook: Bonjour\n")
    path = tmp_path / "posts.yaml"
    path.write_text(text)
    got = edit(path, "moved", {"2027-03-13": "2027-03-14 10:00"}, ("skip", "repeat"))
    assert got.decode() == text.replace(
        "   # six samedis\n", "   # six samedis\n    moved:\n      2027-03-13: 2027-03-14 10:00\n"
    )


def test_a_new_list_takes_the_block_style_the_posts_use(tmp_path: Path) -> None:
    text = BASE.format(extra="").replace(
        "    channels: [facebook]\n", "    channels:\n    - facebook\n"
    )
    path = tmp_path / "posts.yaml"
    path.write_text(text)
    got = edit(path, "skip", ["2027-03-13"], ("repeat",))
    assert got.decode() == text.replace(
        "   # six samedis\n", "   # six samedis\n    skip:\n    - 2027-03-13\n"
    )


def test_a_key_taken_out_then_put_back_gives_the_same_bytes(tmp_path: Path) -> None:
    text = BASE.format(extra="    skip: [2027-03-13]\n")
    path = tmp_path / "posts.yaml"
    path.write_bytes(ENCODINGS["bom-crlf"](text))
    before = path.read_bytes()
    edit(path, "skip", None)
    assert path.read_bytes() != before
    assert edit(path, "skip", ["2027-03-13"], ("repeat",)) == before


def test_the_last_line_without_a_line_break(tmp_path: Path) -> None:
    path = tmp_path / "posts.yaml"
    path.write_bytes(b"posts:\n  - id: pain\n    title: T\n    skip:\n      - 2027-03-13")
    got = edit(path, "skip", ["2027-03-13", "2027-03-20"])
    assert (
        got
        == b"posts:\n  - id: pain\n    title: T\n    skip:\n      - 2027-03-13\n      - 2027-03-20"
    )
    assert edit(path, "skip", None) == b"posts:\n  - id: pain\n    title: T"


def test_an_edit_of_the_second_post_leaves_the_first_alone(tmp_path: Path) -> None:
    path = tmp_path / "posts.yaml"
    text = BASE.format(extra="")
    path.write_text(text)
    got = edit(path, "status", "draft", index=1)
    assert got.decode() == text.replace("  - id: autre\n", "  - id: autre\n    status: draft\n")


def test_two_keys_of_one_post_in_one_write(tmp_path: Path) -> None:
    path = tmp_path / "posts.yaml"
    text = BASE.format(extra="    moved: {2027-03-13: 2027-03-14 10:00}\n")
    path.write_text(text)
    snapshot = Snapshot.read(path)
    edits = [
        plan_edit(snapshot, 0, "pain", None, key="moved"),
        plan_edit(snapshot, 0, "pain", ["2027-03-13"], key="skip", after=("repeat",)),
    ]
    write_atomic(snapshot, render(snapshot, [e for e in edits if e is not None]))
    assert path.read_text() == text.replace(
        "    moved: {2027-03-13: 2027-03-14 10:00}\n", "    skip: [2027-03-13]\n"
    )


REFUSED = [
    pytest.param(
        "    skip: [2027-03-13,\n      2027-03-20]\n",
        "skip",
        ["2027-03-13"],
        "several lines",
        id="flow-list-over-two-lines",
    ),
    pytest.param(
        "    skip: &s [2027-03-13]\n",
        "skip",
        ["2027-03-13", "2027-03-20"],
        "anchor &s",
        id="anchored-list",
    ),
    pytest.param(
        "    occurrences:\n      2027-03-13:\n        status: published\n",
        "occurrences",
        {"2027-03-13": "scheduled"},
        "one item a line",
        id="block-entry-over-two-lines",
    ),
    pytest.param(
        "    skip: [2027-03-13]\n    skip: [2027-03-20]\n",
        "skip",
        None,
        "written twice",
        id="key-written-twice",
    ),
    pytest.param(
        "    status: >-\n      ready\n",
        "status",
        "scheduled",
        "several lines",
        id="block-scalar",
    ),
]


@pytest.mark.parametrize(("extra", "key", "value", "reason"), REFUSED)
def test_refused_edits_leave_the_file_untouched(
    tmp_path: Path, extra: str, key: str, value: Value | None, reason: str
) -> None:
    text = (
        BASE.format(extra=extra).replace("    status: ready\n", "")
        if key == "status"
        else (BASE.format(extra=extra))
    )
    path = tmp_path / "posts.yaml"
    path.write_bytes(ENCODINGS["crlf"](text))
    before = path.read_bytes()
    snapshot = Snapshot.read(path)
    with pytest.raises(Refused, match=reason):
        planned = plan_edit(snapshot, 0, "pain", value, key=key)
        assert planned is not None
        write_atomic(snapshot, render(snapshot, [planned]))
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["posts.yaml"]


def test_a_splice_that_changes_another_key_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "posts.yaml"
    path.write_text(BASE.format(extra="    skip: [2027-03-13]\n"))
    before = path.read_bytes()
    snapshot = Snapshot.read(path)
    planned = plan_edit(snapshot, 0, "pain", ["2027-03-20"], key="skip")
    assert planned is not None
    wrong = dataclasses.replace(planned, new="[2027-03-20]\n    title: Autre chose")
    with pytest.raises(Refused, match="change more than skip"):
        render(snapshot, [wrong])
    short = dataclasses.replace(planned, new="[2027-03-21]")
    with pytest.raises(Refused, match="not give skip of 'pain' the value asked for"):
        render(snapshot, [short])
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    ("value", "flow", "written"),
    [
        ("2026-12-01 09:00", False, "2026-12-01 09:00"),
        ("https://ex.org/a,b", False, "https://ex.org/a,b"),
        ("https://ex.org/a,b", True, "'https://ex.org/a,b'"),
        ("123", False, "'123'"),
        ("null", False, "'null'"),
        ("false", False, "'false'"),
        ("a\nb", False, '"a\\nb"'),
        ("bell\x07", False, '"bell\\x07"'),
    ],
)
def test_values_are_quoted_only_when_they_would_read_otherwise(
    value: str, flow: bool, written: str
) -> None:
    assert format_value(value, flow=flow) == written
