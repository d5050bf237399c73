"""The write path: one line inserted, replaced or removed, every other byte kept,
layouts one line cannot change refused, and atomic writes that never leave half a file.

Byte tests compare the file before and after with :func:`one_line_change`: the
difference must be exactly one line, and the right one.
"""

from __future__ import annotations

import dataclasses
import difflib
import os
import stat
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest

from conftest import NOW, NOW_DT, CalendarDir, parsed
from gc_cli.errors import GcError, Refused
from gc_cli.planning.schedule import apply, load_for_writing, plan_clear, plan_set
from gc_cli.rules.check import run_check
from gc_cli.store import writer
from gc_cli.store.loader import load_calendar
from gc_cli.store.writer import Snapshot, plan_edit, render, write_atomic

MOMENT = datetime.fromisoformat(NOW)
NEW = "2026-12-15 10:00"
OLD = "2026-12-01 09:00"

# -- layouts -----------------------------------------------------------------
# Each layout is a post file holding post "abc" and another post; "{PA}" is the
# line where abc's publish_at goes (dropped when abc has none). Indentation of
# "{PA}" is given by the layout itself.

COMMENTS = """\
# Publications de décembre — un commentaire en tête.

posts:
  # le premier billet, écrit à la main
  - id: abc                      # l'identifiant
    kind: other
    title: Un billet
{PA}
    status: ready

    owner: marie
    channels: [facebook]
    text: Bonjour !   # un commentaire en fin de ligne

  - id: autre
    title: Autre
    status: idea
    owner: marie
    channels: [linkedin]
    publish_at: 2026-12-02 10:00  # déjà prévu
    text: Allo
"""

LAYOUTS: dict[str, str] = {
    "comments-and-blank-lines": COMMENTS,
    "double-quoted-id": COMMENTS.replace("- id: abc ", '- id: "abc" '),
    "single-quoted-id": COMMENTS.replace("- id: abc ", "- id: 'abc' "),
    "id-not-first": """\
posts:
  - title: Un billet
    kind: other
    status: ready
    id: abc
    owner: marie
    channels: [facebook]
    text: Bonjour !
{PA}
  - id: autre
    title: Autre
    channels: [linkedin]
""",
    "defaults": """\
# Un fichier avec des valeurs par défaut.
defaults:
  owner: marie
  channels: [facebook]
  status: ready

posts:
  - id: autre
    title: Autre
    text: Allo
  - id: abc
{PA}
    title: Un billet
    text: Bonjour !
""",
    "list-at-column-1": """\
posts:
- id: abc
  title: Un billet
  status: ready
{PA}
  owner: marie
  channels: [facebook]
  text: Bonjour !
- id: autre
  title: Autre
""",
    "four-spaces-and-dash-alone": """\
posts:
    -
        id: abc
        title: Un billet
{PA}
        owner: marie
        channels: [facebook]
        status: ready
        text: Bonjour !
    -   id: autre
        title: Autre
""",
    "last-line-without-line-break": "posts:\n  - id: autre\n    title: Autre\n"
    "  - title: Un billet\n    id: abc\n{PA}",
}

#: How abc's publish_at line is written, per layout (default: 4 spaces, plain value, comment).
PA_LINE: dict[str, str] = {
    "list-at-column-1": f"  publish_at: {OLD}",
    "four-spaces-and-dash-alone": f"        publish_at: '{OLD}'   # heure à confirmer",
    "last-line-without-line-break": f'    publish_at: "{OLD}"',
}


def layout_text(name: str, with_date: bool) -> str:
    text = LAYOUTS[name]
    line = PA_LINE.get(name, f"    publish_at: {OLD}  # prévu")
    if with_date:
        return text.replace("{PA}", line)
    return text.replace("{PA}\n", "").replace("{PA}", "")


ENCODINGS = {
    "lf": lambda text: text.encode("utf-8"),
    "crlf": lambda text: text.replace("\n", "\r\n").encode("utf-8"),
    "bom": lambda text: b"\xef\xbb\xbf" + text.encode("utf-8"),
    "bom-crlf": lambda text: b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"),
}


def write_bytes(cal: CalendarDir, name: str, data: bytes) -> Path:
    path = cal.root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def one_line_change(before: bytes, after: bytes) -> tuple[str, bytes | None, bytes | None, int]:
    """The one line that differs: ("insert" | "delete" | "replace", old, new, index).

    Fails the test unless exactly one line was inserted, removed or replaced.
    """
    a = before.splitlines(keepends=True)
    b = after.splitlines(keepends=True)
    ops = [
        op
        for op in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
        if op[0] != "equal"
    ]
    assert len(ops) == 1, f"expected one changed line, got {ops}"
    tag, i1, i2, j1, j2 = ops[0]
    if tag == "insert":
        assert j2 - j1 == 1
        return tag, None, b[j1], j1
    if tag == "delete":
        assert i2 - i1 == 1
        return tag, a[i1], None, i1
    assert (i2 - i1, j2 - j1) == (1, 1)
    return tag, a[i1], b[j1], i1


def schedule(cal: CalendarDir, post_id: str, value: str | None) -> None:
    calendar, snapshots = load_for_writing(cal.root, cal.root.parent)
    if value is None:
        change = plan_clear(calendar, post_id, MOMENT, snapshots=snapshots)
    else:
        change = plan_set(calendar, post_id, parsed(value), MOMENT, snapshots=snapshots)
    apply([change])


def publish_at_of(cal: CalendarDir, post_id: str) -> object:
    calendar = load_calendar(cal.root, cal.root.parent)
    return next(e.post.publish_at for e in calendar.entries if e.id == post_id)


def assert_clean(cal: CalendarDir) -> None:
    result = run_check(cal.root, NOW_DT, images=False, cwd=cal.root.parent)
    assert result.errors == 0, result.problems


# -- set, move, clear: exactly one line --------------------------------------


@pytest.mark.parametrize("encoding", sorted(ENCODINGS))
@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_set_inserts_one_line_after_the_id_line(
    cal: CalendarDir, layout: str, encoding: str
) -> None:
    before = ENCODINGS[encoding](layout_text(layout, with_date=False))
    path = write_bytes(cal, "posts.yaml", before)
    schedule(cal, "abc", NEW)
    after = path.read_bytes()
    tag, _, new, index = one_line_change(before, after)
    assert tag == "insert"
    assert new is not None
    lines = before.splitlines(keepends=True)
    id_line = lines[index - 1]
    assert b"id: " in id_line and b"abc" in id_line
    # Indented like the post's keys: the column of "id" (after the dash, if any).
    indent = len(id_line) - len(id_line.lstrip(b" -"))
    eol = b"\r\n" if "crlf" in encoding else b"\n"
    assert new == b" " * indent + f"publish_at: {NEW}".encode() + eol
    assert after.startswith(b"\xef\xbb\xbf") == ("bom" in encoding)
    assert publish_at_of(cal, "abc") == datetime(2026, 12, 15, 10, 0)
    assert_clean(cal)


@pytest.mark.parametrize("encoding", sorted(ENCODINGS))
@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_move_replaces_only_the_value(cal: CalendarDir, layout: str, encoding: str) -> None:
    before = ENCODINGS[encoding](layout_text(layout, with_date=True))
    path = write_bytes(cal, "posts.yaml", before)
    schedule(cal, "abc", NEW)
    after = path.read_bytes()
    tag, old, new, _ = one_line_change(before, after)
    assert tag == "replace"
    assert old is not None and new is not None
    # Key, quoting, spacing and trailing comment kept: only the value differs.
    assert new == old.replace(OLD.encode(), NEW.encode())
    assert publish_at_of(cal, "abc") == datetime(2026, 12, 15, 10, 0)
    assert_clean(cal)


@pytest.mark.parametrize("encoding", sorted(ENCODINGS))
@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_clear_removes_the_line(cal: CalendarDir, layout: str, encoding: str) -> None:
    before = ENCODINGS[encoding](layout_text(layout, with_date=True))
    path = write_bytes(cal, "posts.yaml", before)
    schedule(cal, "abc", None)
    after = path.read_bytes()
    if layout == "last-line-without-line-break":
        # The last line has no break: the break before it goes with it.
        assert after == before[: before.rindex(b"\n") - (1 if "crlf" in encoding else 0)]
    else:
        tag, old, _, _ = one_line_change(before, after)
        assert tag == "delete"
        assert old is not None and b"publish_at: " in old
    assert publish_at_of(cal, "abc") is None
    assert_clean(cal)


def test_set_then_clear_gives_back_the_same_bytes(cal: CalendarDir) -> None:
    before = ENCODINGS["bom-crlf"](layout_text("comments-and-blank-lines", with_date=False))
    path = write_bytes(cal, "posts.yaml", before)
    schedule(cal, "abc", NEW)
    schedule(cal, "abc", "2026-12-16T10:00:00-05:00")
    schedule(cal, "abc", None)
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("    publish_at:", f"    publish_at: {NEW}"),
        ("    publish_at:   # à choisir", f"    publish_at: {NEW} # à choisir"),
        ("    publish_at: ~", f"    publish_at: {NEW}"),
        ("    publish_at: null  # pas encore", f"    publish_at: {NEW}  # pas encore"),
        ("    publish_at: 2026-12-01", f"    publish_at: {NEW}"),
        ("    'publish_at': '2026-12-01 09:00'", f"    'publish_at': '{NEW}'"),
    ],
)
def test_empty_null_and_quoted_values_are_replaced_in_place(
    cal: CalendarDir, line: str, expected: str
) -> None:
    before = layout_text("comments-and-blank-lines", with_date=False).replace(
        "    title: Un billet\n", f"    title: Un billet\n{line}\n"
    )
    path = write_bytes(cal, "posts.yaml", before.encode())
    schedule(cal, "abc", NEW)
    tag, _, new, _ = one_line_change(before.encode(), path.read_bytes())
    assert tag == "replace"
    assert new == (expected + "\n").encode()


def test_publish_at_on_the_dash_line_is_moved_in_place(cal: CalendarDir) -> None:
    before = b"posts:\n  - publish_at: 2026-12-01 09:00\n    id: abc\n    title: Un billet\n"
    path = write_bytes(cal, "posts.yaml", before)
    schedule(cal, "abc", NEW)
    assert path.read_bytes() == before.replace(OLD.encode(), NEW.encode())


def test_a_date_alone_and_an_offset_are_written_as_given(cal: CalendarDir) -> None:
    before = layout_text("comments-and-blank-lines", with_date=True).encode()
    path = write_bytes(cal, "posts.yaml", before)
    schedule(cal, "abc", "2026-12-15")
    assert b"    publish_at: 2026-12-15  # pr" in path.read_bytes()
    schedule(cal, "abc", "2026-12-15T15:00Z")
    assert b"    publish_at: 2026-12-15T15:00:00+00:00  # pr" in path.read_bytes()


def test_other_files_are_not_touched(cal: CalendarDir) -> None:
    first = write_bytes(cal, "a.yaml", layout_text("comments-and-blank-lines", False).encode())
    other = write_bytes(cal, "sub/b.yaml", b"posts:\n  - id: b\n    title: B\n")
    stamp = other.stat().st_mtime_ns
    schedule(cal, "abc", NEW)
    assert other.read_bytes() == b"posts:\n  - id: b\n    title: B\n"
    assert other.stat().st_mtime_ns == stamp
    assert b"publish_at: 2026-12-15 10:00" in first.read_bytes()


# -- layouts that one line cannot change: refused, file untouched ------------

REFUSED = [
    pytest.param(
        "posts:\n  - {id: abc, title: Un billet, publish_at: 2026-12-01 09:00}\n",
        NEW,
        "flow mapping",
        id="flow-mapping-move",
    ),
    pytest.param(
        "posts:\n  - {id: abc, title: Un billet}\n", NEW, "flow mapping", id="flow-mapping-set"
    ),
    pytest.param(
        "posts: [{id: abc, title: Un billet, publish_at: 2026-12-01 09:00}]\n",
        None,
        "flow mapping",
        id="flow-list-clear",
    ),
    pytest.param(
        "x: &quand 2026-12-01 09:00\n"
        "posts:\n  - id: abc\n    title: Un billet\n    publish_at: *quand\n",
        NEW,
        "alias (*quand)",
        id="alias-value",
    ),
    pytest.param(
        "posts:\n  - id: abc\n    title: Un billet\n    publish_at: &quand 2026-12-01 09:00\n"
        "  - id: b\n    title: B\n    publish_at: *quand\n",
        NEW,
        "anchor &quand",
        id="anchored-value",
    ),
    pytest.param(
        "posts:\n  - &base\n    id: abc\n    title: Un billet\n    publish_at: 2026-12-01 09:00\n"
        "  - <<: *base\n    id: b\n",
        NEW,
        "anchored as &base",
        id="post-reused-by-a-merge",
    ),
    pytest.param(
        "commun: &commun {publish_at: 2026-12-01 09:00, title: Commun}\n"
        "posts:\n  - <<: *commun\n    id: abc\n",
        None,
        "merge key",
        id="clear-a-merged-date",
    ),
    pytest.param(
        "commun: &commun {publish_at: 2026-12-01 09:00, title: Commun}\n"
        "posts:\n  - <<: *commun\n    id: abc\n    publish_at: 2026-12-02 09:00\n",
        None,
        "merge key",
        id="clear-uncovers-a-merged-date",
    ),
    pytest.param(
        "posts:\n  - id: abc\n    title: Un billet\n    publish_at: >-\n      2026-12-01 09:00\n",
        NEW,
        "several lines",
        id="block-scalar",
    ),
    pytest.param(
        "posts:\n  - id: abc\n    title: Un billet\n    publish_at:\n      2026-12-01 09:00\n",
        None,
        "several lines",
        id="value-on-the-next-line",
    ),
    pytest.param(
        "posts:\n  - id: abc\n    title: Un billet\n    publish_at: 2026-12-01\n      09:00\n",
        NEW,
        "several lines",
        id="plain-value-over-two-lines",
    ),
    pytest.param(
        "posts:\n  - publish_at: 2026-12-01 09:00\n    id: abc\n    title: Un billet\n",
        None,
        "first line",
        id="clear-on-the-dash-line",
    ),
    pytest.param(
        "defaults:\n  publish_at: 2026-12-01\nposts:\n  - id: abc\n    title: Un billet\n",
        None,
        "defaults:",
        id="clear-a-default-date",
    ),
    pytest.param(
        "defaults:\n  publish_at: 2026-12-01\n"
        "posts:\n  - id: abc\n    title: Un billet\n    publish_at: 2026-12-02 09:00\n",
        None,
        "defaults:",
        id="clear-uncovers-a-default-date",
    ),
    pytest.param(
        "posts:\n  - id: abc\n    title: Un billet\n    publish_at: !!str 2026-12-01 09:00\n",
        NEW,
        "tag",
        id="tagged-value",
    ),
]


@pytest.mark.parametrize(("text", "value", "reason"), REFUSED)
def test_refused_layouts_leave_the_file_as_it_was(
    cal: CalendarDir, text: str, value: str | None, reason: str
) -> None:
    path = write_bytes(cal, "posts.yaml", text.encode())
    with pytest.raises(Refused, match="abc") as caught:
        schedule(cal, "abc", value)
    assert reason in str(caught.value)
    assert "posts.yaml:" in str(caught.value)
    assert path.read_bytes() == text.encode()
    assert list(cal.root.glob(".*")) == []


def test_setting_a_date_the_defaults_give_adds_the_posts_own_line(cal: CalendarDir) -> None:
    before = b"defaults:\n  publish_at: 2026-12-01\nposts:\n  - id: abc\n    title: Un billet\n"
    path = write_bytes(cal, "posts.yaml", before)
    schedule(cal, "abc", NEW)
    tag, _, new, index = one_line_change(before, path.read_bytes())
    assert (tag, new, index) == ("insert", f"    publish_at: {NEW}\n".encode(), 4)
    assert publish_at_of(cal, "abc") == datetime(2026, 12, 15, 10, 0)


def test_setting_a_merged_date_adds_the_posts_own_line(cal: CalendarDir) -> None:
    before = (
        b"commun: &commun {publish_at: 2026-12-01 09:00, title: Commun}\n"
        b"posts:\n  - <<: *commun\n    id: abc\n"
    )
    path = write_bytes(cal, "posts.yaml", before)
    schedule(cal, "abc", NEW)
    tag, _, new, _ = one_line_change(before, path.read_bytes())
    assert (tag, new) == ("insert", f"    publish_at: {NEW}\n".encode())
    assert publish_at_of(cal, "abc") == datetime(2026, 12, 15, 10, 0)


def test_a_post_that_moved_in_its_file_is_refused(cal: CalendarDir) -> None:
    path = write_bytes(cal, "posts.yaml", b"posts:\n  - id: abc\n    title: Un billet\n")
    snapshot = Snapshot.read(path)
    with pytest.raises(Refused, match="no longer item 2"):
        plan_edit(snapshot, 1, "abc", NEW)
    with pytest.raises(Refused, match="no longer item 1"):
        plan_edit(snapshot, 0, "autre", NEW)


def test_an_edit_that_would_change_more_is_refused(cal: CalendarDir) -> None:
    """The result is read again before writing: a splice gone wrong is caught."""
    text = b"posts:\n  - id: abc\n    title: Un billet\n    publish_at: 2026-12-01 09:00\n"
    path = write_bytes(cal, "posts.yaml", text)
    snapshot = Snapshot.read(path)
    edit = plan_edit(snapshot, 0, "abc", NEW)
    assert edit is not None and edit.action == "replace"
    wider = dataclasses.replace(edit, new=NEW + "\n    title: Deux")
    with pytest.raises(Refused, match=r"change more than publish_at \(line 5 would read"):
        render(snapshot, [wider])
    broken = dataclasses.replace(edit, new="[" + NEW)
    with pytest.raises(Refused, match="would break the file"):
        render(snapshot, [broken])
    other = dataclasses.replace(edit, start=edit.start - 20, end=edit.start - 18)
    with pytest.raises(Refused, match="nothing written"):
        render(snapshot, [other])
    with pytest.raises(GcError, match="two edits of one key"):
        render(snapshot, [edit, edit])
    assert path.read_bytes() == text


def test_format_value_quotes_only_when_needed() -> None:
    assert writer.format_value("2026-12-01 09:00") == "2026-12-01 09:00"
    assert writer.format_value("2026-12-01T09:00:00-05:00") == "2026-12-01T09:00:00-05:00"
    assert writer.format_value("a: b") == "'a: b'"
    assert writer.format_value("it's", "'") == "'it''s'"
    assert writer.format_value('say "x"', '"') == '"say \\"x\\""'


# -- atomic writes -----------------------------------------------------------


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def plan(cal: CalendarDir, post_id: str = "abc", value: str = NEW) -> tuple[Path, bytes, object]:
    text = layout_text("comments-and-blank-lines", with_date=False).encode()
    path = write_bytes(cal, "posts.yaml", text)
    calendar, snapshots = load_for_writing(cal.root, cal.root.parent)
    return path, text, plan_set(calendar, post_id, parsed(value), MOMENT, snapshots=snapshots)


def test_a_file_changed_after_it_was_read_is_not_overwritten(cal: CalendarDir) -> None:
    path, _, change = plan(cal)
    edited = path.read_bytes().replace(b"Bonjour !", b"Salut !!!")
    path.write_bytes(edited)
    with pytest.raises(Refused, match="changed on disk since gc-cli read it"):
        apply([change])  # type: ignore[list-item]
    assert path.read_bytes() == edited
    assert leftovers(cal.root) == []


def test_a_change_between_loading_and_writing_is_caught_inside_the_write(
    cal: CalendarDir, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The last look happens after the temporary file is written, just before the rename."""
    path, text, change = plan(cal)
    snapshot: Snapshot = change.snapshot  # type: ignore[attr-defined]
    real_fsync = os.fsync

    def fsync_then_edit(fd: int) -> None:
        real_fsync(fd)
        if not path.read_bytes().startswith(b"#!"):
            path.write_bytes(b"#!" + text)  # same moment, another editor saves

    monkeypatch.setattr(writer.os, "fsync", fsync_then_edit)
    with pytest.raises(Refused, match="changed on disk"):
        write_atomic(snapshot, render(snapshot, [change.edit]))  # type: ignore[attr-defined,list-item]
    assert path.read_bytes() == b"#!" + text
    assert leftovers(cal.root) == []


def test_an_edit_hidden_by_an_unchanged_size_and_time_is_caught(cal: CalendarDir) -> None:
    path, text, change = plan(cal)
    info = path.stat()
    path.write_bytes(text.replace(b"Bonjour", b"BONJOUR"))  # same size
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))  # same time
    with pytest.raises(Refused, match="changed on disk"):
        apply([change])  # type: ignore[list-item]
    assert b"BONJOUR" in path.read_bytes()


@pytest.mark.parametrize("failing", ["replace", "fsync", "write"])
def test_a_failing_write_leaves_the_original_and_no_temporary_file(
    cal: CalendarDir, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    path, text, change = plan(cal)

    def fail(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    if failing == "write":
        real_write = os.write

        def half_then_full(fd: int, data: bytes) -> int:
            real_write(fd, bytes(data[: len(data) // 2]))  # half of it, then the disk is full
            fail()
            return 0

        monkeypatch.setattr(os, "write", half_then_full)
    else:
        monkeypatch.setattr(os, failing, fail)
    with pytest.raises(GcError, match=r"posts\.yaml: cannot write the file \(No space left"):
        apply([change])  # type: ignore[list-item]
    assert path.read_bytes() == text
    assert leftovers(cal.root) == []


def test_permissions_are_kept(cal: CalendarDir) -> None:
    path, _, change = plan(cal)
    path.chmod(0o640)
    apply([change])  # type: ignore[list-item]
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert b"publish_at" in path.read_bytes()


def test_a_symbolic_link_stays_a_link(cal: CalendarDir, tmp_path: Path) -> None:
    real = tmp_path / "elsewhere" / "real.yaml"
    real.parent.mkdir()
    text = layout_text("comments-and-blank-lines", with_date=False).encode()
    real.write_bytes(text)
    link = cal.root / "posts.yaml"
    link.symlink_to(real)
    schedule(cal, "abc", NEW)
    assert link.is_symlink()
    assert one_line_change(text, real.read_bytes())[0] == "insert"
    assert leftovers(real.parent) == [] and leftovers(cal.root) == []


def test_an_unwritable_folder_is_one_line_naming_the_file(
    cal: CalendarDir, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, text, change = plan(cal)

    real_open = os.open

    def denied(path: str, flags: int, mode: int = 0o777) -> int:
        if str(path).endswith(".gc-tmp"):
            raise PermissionError(13, "Permission denied")
        return real_open(path, flags, mode)

    monkeypatch.setattr(os, "open", denied)
    with pytest.raises(
        GcError, match=r"^calendars/posts.yaml: cannot write the file \(Permission denied\)$"
    ):
        apply([change])  # type: ignore[list-item]
    assert path.read_bytes() == text


def test_each_file_is_written_once(
    write_calendar: Callable[..., CalendarDir], monkeypatch: pytest.MonkeyPatch
) -> None:
    cal = write_calendar()
    body = "".join(
        f"  - id: p{i}\n    title: P{i}\n    status: ready\n    owner: marie\n"
        f"    channels: [linkedin]\n    text: Billet {i}\n"
        for i in range(3)
    )
    write_bytes(cal, "a.yaml", ("posts:\n" + body).encode())
    write_bytes(cal, "b.yaml", ("posts:\n" + body.replace("p", "q")).encode())
    calls: list[str] = []
    real = os.replace

    def counting(src: str, dst: str | Path, **kwargs: object) -> None:
        calls.append(Path(dst).name)
        real(src, dst, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "replace", counting)
    calendar, snapshots = load_for_writing(cal.root, cal.root.parent)
    changes = [
        plan_set(calendar, pid, parsed(f"2026-12-0{n} 10:00"), MOMENT, snapshots=snapshots)
        for n, pid in enumerate(["p0", "q1", "p1", "p2", "q0"], start=1)
    ]
    assert sorted(apply(changes)) == sorted({c.file for c in changes})
    assert sorted(calls) == ["a.yaml", "b.yaml"]
    assert_clean(cal)
    text = (cal.root / "a.yaml").read_text()
    assert text.count("publish_at:") == 3


# -- line breaks libyaml counts ----------------------------------------------

#: U+2028 LINE SEPARATOR inside a quoted text, as pasted from a web page or a word processor.
LS_FILE = (
    "posts:\n"
    "  - id: autre\n"
    "    title: Autre\n"
    '    text: "Ligne un\u2028ligne deux"\n'
    "  - id: abc\n"
    "    title: Un billet\n"
    "    owner: mari\n"
)


def test_a_line_separator_inside_a_text_does_not_shift_the_edit(cal: CalendarDir) -> None:
    """libyaml counts U+2028 as a line break; the writer works in its terms, so the
    edit still lands right after the id line and nothing else changes."""
    before = LS_FILE.encode()
    path = write_bytes(cal, "posts.yaml", before)
    schedule(cal, "abc", NEW)
    tag, _, new, index = one_line_change(before, path.read_bytes())
    assert (tag, new) == ("insert", f"    publish_at: {NEW}\n".encode())
    assert before.splitlines()[index - 1] == b"  - id: abc"


def test_check_counts_lines_as_editors_do(cal: CalendarDir) -> None:
    write_bytes(cal, "posts.yaml", LS_FILE.encode())
    owner = next(p for p in cal.problems() if p.code == "unknown-owner")
    assert owner.line == 7  # "    owner: mari" is line 7 of the file
