"""Property: scheduling and clearing random posts of random hand-written files changes
only ``publish_at`` lines, keeps the file's bytes otherwise, and keeps ``check`` clean.

The files vary the way people write them: LF or CRLF, a BOM or not, list items
indented 0, 2 or 4 spaces, keys in any order, quoted or plain ids and dates,
comments on their own lines and at the end of lines, blank lines, a
``defaults:`` block. Statuses are idea, draft or ready and every time is a
December or January daytime (no daylight-saving change), so no edit can give a
post an error: every edit must go through, except clearing a ``publish_at``
written on its item's dash line, which must be refused with the file untouched.
"""

from __future__ import annotations

import difflib
import tempfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import NOW, NOW_DT, SETTINGS
from gc_cli.errors import Refused
from gc_cli.planning.schedule import apply, format_when, load_for_writing, plan_clear, plan_set
from gc_cli.rules.check import run_check
from gc_cli.store.loader import load_calendar

MOMENT = datetime.fromisoformat(NOW)
CHANNELS = ("facebook", "linkedin", "x", "mastodon")


@dataclass
class Post:
    id: str
    keys: list[tuple[str, str, str | None]]  # key, value as written, end-of-line comment
    blank_after: bool
    comment_before: bool


@dataclass
class File:
    posts: list[Post]
    eol: str
    bom: bool
    indent: int
    defaults: bool
    header: bool

    def render(self) -> bytes:
        lines = ["# Publications — écrites à la main"] if self.header else []
        if self.defaults:
            lines += ["defaults:", "  owner: marie   # par défaut", ""]
        lines.append("posts:")
        pad = " " * self.indent
        for post in self.posts:
            if post.comment_before:
                lines.append(f"{pad}# le billet {post.id}")
            for i, (key, value, comment) in enumerate(post.keys):
                line = f"{pad}{'- ' if i == 0 else '  '}{key}: {value}"
                lines.append(line + (f"  # {comment}" if comment else ""))
            if post.blank_after:
                lines.append("")
        text = self.eol.join(lines) + self.eol
        return (b"\xef\xbb\xbf" if self.bom else b"") + text.encode("utf-8")


def moments() -> st.SearchStrategy[date | datetime]:
    """A date alone or a daytime in December 2026 / January 2027 (no DST change)."""
    day = st.dates(date(2026, 12, 1), date(2027, 1, 31))
    timed = st.builds(
        lambda d, h, m: datetime(d.year, d.month, d.day, h, m),
        day,
        st.integers(8, 20),
        st.sampled_from([0, 15, 30, 45]),
    )
    return st.one_of(timed, timed, day)


def quoted(text: str, style: str) -> str:
    return {"plain": text, "single": f"'{text}'", "double": f'"{text}"'}[style]


STYLES = st.sampled_from(["plain", "single", "double"])
COMMENTS = st.one_of(st.none(), st.sampled_from(["à revoir", "ok", "voir Marie"]))


@st.composite
def posts(draw: st.DrawFn, number: int, defaults: bool) -> Post:
    post_id = f"billet-{number}"
    channels = draw(st.lists(st.sampled_from(CHANNELS), min_size=1, max_size=3, unique=True))
    keys: list[tuple[str, str, str | None]] = [
        ("id", quoted(post_id, draw(STYLES)), draw(COMMENTS)),
        ("title", f"Billet numéro {number}", draw(COMMENTS)),
        ("status", draw(st.sampled_from(["idea", "draft", "ready"])), draw(COMMENTS)),
        ("channels", f"[{', '.join(channels)}]", draw(COMMENTS)),
        ("text", f"Texte du billet {number}, bonjour !", draw(COMMENTS)),
    ]
    if not defaults or draw(st.booleans()):
        keys.append(("owner", "marie", draw(COMMENTS)))
    if draw(st.booleans()):
        value = format_when(draw(moments()))
        keys.append(("publish_at", quoted(value, draw(STYLES)), draw(COMMENTS)))
    keys = draw(st.permutations(keys))
    return Post(post_id, keys, draw(st.booleans()), draw(st.booleans()))


@st.composite
def files(draw: st.DrawFn) -> File:
    defaults = draw(st.booleans())
    count = draw(st.integers(1, 5))
    return File(
        posts=[draw(posts(i, defaults)) for i in range(count)],
        eol=draw(st.sampled_from(["\n", "\r\n"])),
        bom=draw(st.booleans()),
        indent=draw(st.sampled_from([0, 2, 4])),
        defaults=defaults,
        header=draw(st.booleans()),
    )


#: (index of a post, new publish_at or None to clear)
OPERATIONS = st.lists(
    st.tuples(st.integers(0, 4), st.one_of(st.none(), moments())), min_size=1, max_size=4
)


def changed_lines(before: bytes, after: bytes) -> tuple[list[bytes], list[bytes]]:
    """The lines removed from ``before`` and added in ``after``."""
    a, b = before.splitlines(keepends=True), after.splitlines(keepends=True)
    removed: list[bytes] = []
    added: list[bytes] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag != "equal":
            removed += a[i1:i2]
            added += b[j1:j2]
    return removed, added


def is_publish_at(line: bytes, indent: int) -> bool:
    stripped = line.lstrip(b" ")
    return stripped.startswith((b"publish_at: ", b"- publish_at: ")) and (
        len(line) - len(stripped) in (indent, indent + 2)
    )


@settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(file=files(), operations=OPERATIONS)
def test_only_publish_at_lines_change_and_check_stays_clean(
    file: File, operations: list[tuple[int, date | datetime | None]]
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "calendars"
        root.mkdir()
        (root / "settings.yaml").write_text(SETTINGS, encoding="utf-8")
        path = root / "posts.yaml"
        path.write_bytes(file.render())
        assert run_check(root, NOW_DT, images=False).errors == 0
        eol = file.eol.encode()
        for index, value in operations:
            post = file.posts[index % len(file.posts)]
            before = path.read_bytes()
            calendar, snapshots = load_for_writing(root)
            try:
                if value is None:
                    change = plan_clear(calendar, post.id, MOMENT, snapshots=snapshots)
                else:
                    change = plan_set(calendar, post.id, value, MOMENT, snapshots=snapshots)
            except Refused as refused:
                # The one layout one line cannot clear: "- publish_at: ..." opening the item.
                assert value is None and post.keys[0][0] == "publish_at", refused
                assert "first line" in str(refused)
                assert path.read_bytes() == before
                continue
            apply([change])
            after = path.read_bytes()
            removed, added = changed_lines(before, after)
            # Only publish_at lines, one line for an insert or a removal, one for one
            # in a replacement; the BOM and every line ending kept.
            assert all(is_publish_at(line, file.indent) for line in removed + added)
            assert (len(removed), len(added)) in ((0, 1), (1, 0), (1, 1), (0, 0))
            assert after.startswith(b"\xef\xbb\xbf") == file.bom
            assert all(line.endswith(eol) for line in after.splitlines(keepends=True))
            assert run_check(root, NOW_DT, images=False).errors == 0
            loaded = load_calendar(root)
            got = next(e.post.publish_at for e in loaded.entries if e.id == post.id)
            assert got == value and type(got) is type(value)
