"""Adding posts to a post file, and rewriting one, in the file's own style (``new``, ``import``).

A post file is written by hand and reviewed in pull requests, so a post
gc-cli adds must read as if a person had typed it there:

* new posts go **after the last post** of the ``posts:`` list, every byte
  before and after them kept (comments, blank lines, a BOM, CRLF line ends);
* they are written **the way the file writes posts**: the column of the
  items' dash and of their keys, the indentation of nested blocks, lists
  in flow (``[facebook, linkedin]``) or block style, a blank line between
  posts or not, the line break;
* keys in the usual order, plain scalars where YAML reads them back as the
  same text, quoted otherwise, and several lines as a literal block (``|``).

``import --update`` rewrites a post it already holds: the lines of that
post's item are replaced by the post written afresh, with the keys the
post had (comments inside that post are not kept; everything around it is).

Before anything is written the result is parsed again: apart from the posts
added (or the one rewritten), it must hold the same events as the original,
styles included, and the new posts must read back as the values asked for;
otherwise nothing is written (:class:`~gc_cli.errors.Refused`). Writes go
through :mod:`gc_cli.store.atomic`: new files are created all or none,
existing ones are locked and replaced only when they still hold what was
read.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gc_cli.errors import GcError, Refused
from gc_cli.i18n import Message
from gc_cli.store import atomic
from gc_cli.store.writer import (
    Snapshot,
    _ends,
    _events,
    _key_name,
    _line_break,
    _signature,
)
from gc_cli.store.yamlsafe import YamlDocument, YamlFatal, _core_scalar, load

#: The order keys are written in (a post's keys read best in this order).
KEY_ORDER: tuple[str, ...] = (
    "id",
    "kind",
    "title",
    "publish_at",
    "channels",
    "status",
    "owner",
    "campaign",
    "text",
    "channel_text",
    "link",
    "images",
    "tags",
    "repeat",
    "notes",
)

_MAP = "MappingStartEvent"
_SEQ = "SequenceStartEvent"
#: Characters YAML prints as they are (YAML 1.2 §5.1 c-printable), less the BOM
#: and NEL, LS, PS (line breaks to libyaml): anything else is escaped.
_UNPRINTABLE = re.compile(
    "[^\t\n\r\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)
#: A plain scalar in block context must not start with an indicator, nor hold
#: ": " or " #", nor end with a space or ":".
_PLAIN_BAD = re.compile(r"\A[\s\-?:,\[\]{}#&*!|>'\"%@`]|: |:\Z| #|\s\Z|[\t\r\n]")
#: In a flow list ([a, b]) a plain scalar must not hold these either.
_FLOW_BAD = re.compile(r"[,\[\]{}]")


@dataclass(frozen=True, slots=True)
class Style:
    """How a file writes its posts (columns are 0-based)."""

    dash: int = 2  # the column of the dash of each post
    key: int = 4  # the column of a post's keys
    nested: int = 2  # how much deeper a nested block is indented
    flow_lists: bool = True  # channels: [a, b] rather than one item a line
    blank: bool = True  # a blank line between two posts
    newline: str = "\n"


# -- writing values ------------------------------------------------------------


def _quoted(value: str) -> str:
    """``value`` as a double-quoted YAML scalar: every character that needs it escaped."""

    def escape(match: re.Match[str]) -> str:
        char = match.group(0)
        code = ord(char)
        return (
            f"\\x{code:02x}"
            if code < 0x100
            else f"\\u{code:04x}"
            if code < 0x10000
            else (f"\\U{code:08x}")
        )

    text = value.replace("\\", "\\\\").replace('"', '\\"')
    text = text.replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r")
    return '"' + _UNPRINTABLE.sub(escape, text) + '"'


def scalar(value: str, *, flow: bool = False) -> str:
    """``value`` as one YAML scalar that the reader gives back as this very text."""
    plain = (
        value != ""
        and not _PLAIN_BAD.search(value)
        and not _UNPRINTABLE.search(value)
        and not (flow and _FLOW_BAD.search(value))
        and isinstance(typed := _core_scalar(value), str)
        and typed == value
    )
    return value if plain else _quoted(value)


def _literal(value: str, column: int, nested: int) -> list[str] | None:
    """``value`` as a literal block (``|``) under a key at ``column``: its header and
    lines, or None when a literal block cannot hold it exactly."""
    if "\n" not in value or "\r" in value or _UNPRINTABLE.search(value):
        return None
    body = value.rstrip("\n")
    trailing = len(value) - len(body)
    lines = body.split("\n")
    if any(line and not line.strip() for line in lines):
        return None  # a line of blanks only would not read back
    chomp = "-" if trailing == 0 else "" if trailing == 1 else "+"
    first = next((line for line in lines if line), "")
    # A first line that starts with a space needs its indentation said (YAML 1.2 §8.1.1.1).
    header = f"|{nested if first.startswith(' ') else ''}{chomp}"
    indent = " " * (column + nested)
    written = [indent + line if line else "" for line in lines]
    written += [""] * (trailing - 1)
    return [header, *written]


def _items(
    values: Mapping[str, Any], column: int, style: Style, *, dash: int | None = None
) -> list[str]:
    """The lines of a mapping whose keys start at ``column`` (the first one after a dash)."""
    lines: list[str] = []
    for index, (key, value) in enumerate(values.items()):
        if dash is not None and index == 0:
            start = " " * dash + "-" + " " * (column - dash - 1)
        else:
            start = " " * column
        lines.extend(_value(f"{start}{scalar(key)}:", value, column, style))
    return lines


def _value(head: str, value: Any, column: int, style: Style) -> list[str]:
    inner = column + style.nested
    if value is None:
        return [f"{head} null"]
    if isinstance(value, str):
        block = _literal(value, column, style.nested)
        if block is not None:
            return [f"{head} {block[0]}", *block[1:]]
        return [f"{head} {scalar(value)}"]
    if isinstance(value, list):
        if not value:
            return [f"{head} []"]
        if all(isinstance(v, str) for v in value) and style.flow_lists:
            return [f"{head} [" + ", ".join(scalar(v, flow=True) for v in value) + "]"]
        lines = [head]
        for item in value:
            if isinstance(item, Mapping):
                lines.extend(_items(item, inner + 2, style, dash=inner))
            else:
                lines.extend(_value(" " * inner + "-", item, inner + 2, style))
        return lines
    if isinstance(value, Mapping):
        if not value:
            return [f"{head} {{}}"]
        return [head, *_items(value, inner, style)]
    raise TypeError(f"cannot write {type(value).__name__}")


def ordered(values: Mapping[str, Any]) -> dict[str, Any]:
    """``values`` in the order of :data:`KEY_ORDER` (unknown keys last)."""
    rank = {key: i for i, key in enumerate(KEY_ORDER)}
    return dict(sorted(values.items(), key=lambda kv: rank.get(kv[0], len(rank))))


def post_lines(values: Mapping[str, Any], style: Style) -> list[str]:
    """One post (its keys and values, as written) as the lines of a ``posts:`` item."""
    return _items(ordered(values), style.key, style, dash=style.dash)


def posts_text(posts: Sequence[Mapping[str, Any]], style: Style) -> str:
    """Posts as the items of a ``posts:`` list, each line ended (a blank line
    between them when the file's style has one)."""
    chunks = []
    for values in posts:
        chunks.append(style.newline.join(post_lines(values, style)) + style.newline)
    return (style.newline if style.blank else "").join(chunks)


# -- reading a file's style and where its posts end -----------------------------


@dataclass
class Layout:
    """Where a file's ``posts:`` list is and how it is written (from libyaml's events)."""

    events: list[Any]
    ends: list[int]
    #: The index of the posts list's start event, or None (no ``posts:`` key).
    posts: int | None = None
    #: The index of the ``posts`` key's value event (a sequence, null, ...).
    value: int | None = None
    #: The start event of each item of the list.
    items: list[int] = field(default_factory=list)


def _layout(events: list[Any]) -> Layout:
    layout = Layout(events, _ends(events))
    if len(events) < 3 or type(events[2]).__name__ != _MAP:
        return layout
    i = 3
    ends = layout.ends
    while type(events[i]).__name__ != "MappingEndEvent":
        value = ends[i] + 1
        if _key_name(events[i]) == "posts" and layout.value is None:
            layout.value = value
            if type(events[value]).__name__ == _SEQ:
                layout.posts = value
                j = value + 1
                while type(events[j]).__name__ != "SequenceEndEvent":
                    layout.items.append(j)
                    j = ends[j] + 1
        i = ends[value] + 1
    return layout


def detect_style(text: str, layout: Layout) -> Style:
    """The style of the file's posts, from its last block-mapping post; defaults otherwise."""
    events = layout.events
    newline = _line_break(text, 0)
    posts = [
        i for i in layout.items if type(events[i]).__name__ == _MAP and not events[i].flow_style
    ]
    if not posts:
        return Style(newline=newline)
    last = posts[-1]
    mark = events[last].start_mark
    start = text.rfind("\n", 0, mark.index) + 1
    prefix = text[start : mark.index]
    dash = prefix.find("-")
    key = mark.column
    if dash < 0 or prefix.strip(" -") or key <= dash:
        return Style(newline=newline)
    nested = 2
    flow = True
    found_nested = found_flow = False
    ends = layout.ends
    for item in posts:
        j = item + 1
        while type(events[j]).__name__ != "MappingEndEvent" and not (found_nested and found_flow):
            value = ends[j] + 1
            event = events[value]
            kind = type(event).__name__
            if kind in (_MAP, _SEQ):
                if event.flow_style and kind == _SEQ and not found_flow:
                    flow, found_flow = True, True
                elif not event.flow_style:
                    listed = kind == _SEQ and _key_name(events[j]) in ("channels", "tags")
                    if listed and not found_flow:
                        flow, found_flow = False, True
                    if not found_nested:
                        # A block list's mark is its first dash; a mapping's, its first key.
                        depth = event.start_mark.column - events[j].start_mark.column
                        if depth > 0:
                            nested, found_nested = depth, True
            j = ends[value] + 1
    blank = False
    if len(posts) > 1:
        previous_end = _content_end(text, layout, posts[-2])
        between = text[previous_end:start]
        blank = bool(re.search(r"\n[ \t]*\r?\n", "\n" + between)) if between else False
    return Style(dash, key, nested, flow, blank, newline)


def _content_end(text: str, layout: Layout, item: int) -> int:
    """The index just after the line that ends ``item``'s content (and the comment lines
    indented under it that follow)."""
    events = layout.events
    ends = layout.ends
    block_ends = {
        ends[i]
        for i in range(item, ends[item] + 1)
        if type(events[i]).__name__ in (_MAP, _SEQ) and not events[i].flow_style
    }
    # A block collection ends where the next token starts: its last value ends it.
    end = max(events[i].end_mark.index for i in range(item, ends[item] + 1) if i not in block_ends)
    stop = len(text[:end].rstrip(" \t\r\n"))
    line = _LINE_END.search(text, stop)
    at = line.end() if line else len(text)
    # Comment lines indented under the item belong to it: keep them above the next post.
    column = events[item].start_mark.column
    probe = at
    while probe < len(text):
        found = _LINE_END.search(text, probe)
        stop_at = found.start() if found else len(text)
        current = text[probe:stop_at]
        after = found.end() if found else len(text)
        stripped = current.lstrip(" ")
        if stripped.startswith("#") and len(current) - len(stripped) >= column:
            at = probe = after
        elif not stripped.strip():
            probe = after
        else:
            break
    return at


_LINE_END = re.compile(r"\r\n|\n")


# -- planning a change of one file -------------------------------------------------


@dataclass
class FileChange:
    """The new bytes of one post file (a new file when ``snapshot`` is None)."""

    path: Path
    file: str  # as messages name it
    data: bytes
    snapshot: Snapshot | None = None
    #: Posts added, and posts rewritten (their ids).
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    #: The line of each added or rewritten post's id: line in the new text (1-based).
    lines: dict[str, int] = field(default_factory=dict)
    #: The new text as read back when it was verified (the loader may reuse it).
    document: YamlDocument | None = field(default=None, repr=False)

    @property
    def before(self) -> str:
        return self.snapshot.text if self.snapshot is not None else ""

    @property
    def after(self) -> str:
        text = self.data.decode("utf-8")
        return text.removeprefix("\ufeff")


def _refuse(file: str, reason: Message) -> Refused:
    return Refused(Message("{file}: {reason}; nothing written", file=file, reason=reason))


def new_file(path: Path, file: str, posts: Sequence[Mapping[str, Any]]) -> FileChange:
    """A new post file holding ``posts``."""
    style = Style()
    text = "posts:\n" + posts_text(posts, style)
    change = FileChange(path, file, text.encode("utf-8"), None, [str(p["id"]) for p in posts])
    _verify_new(change, text, posts, 0)
    return change


def edit_file(
    snapshot: Snapshot,
    add: Sequence[Mapping[str, Any]] = (),
    replace: Mapping[int, Mapping[str, Any]] | None = None,
) -> FileChange:
    """``snapshot``'s file with the posts ``add`` appended and the items of ``replace``
    (index in ``posts:`` → the post's keys and values) rewritten.

    Raise :class:`Refused` when the file cannot take them safely (not valid
    YAML, ``posts:`` not a list of block mappings, an item reused through an
    anchor) or the result would not read back as planned.
    """
    replace = dict(replace or {})
    file = snapshot.file
    text = snapshot.text
    try:
        events = _events(text)
        document = load(text)
    except (YamlFatal, Exception) as exc:
        if isinstance(exc, GcError):
            raise
        raise _refuse(
            file, Message("the file is not valid YAML (gc-cli check shows why)")
        ) from None
    if document.issues:
        raise _refuse(file, Message("the file has problems to fix first (gc-cli check shows them)"))
    data = document.data
    if data is not None and not isinstance(data, dict):
        raise _refuse(file, Message("the file is not a mapping with a posts: list"))
    layout = _layout(events)
    style = detect_style(text, layout)
    if layout.value is not None and layout.posts is None:
        value = events[layout.value]
        is_null = (
            type(value).__name__ == "ScalarEvent"
            and not value.style
            and value.value in ("", "~", "null", "Null", "NULL")
        )
        if not is_null:
            raise _refuse(file, Message("posts: is not a list"))
    if layout.posts is not None and events[layout.posts].flow_style and layout.items:
        raise _refuse(
            file,
            Message("posts: is written as a flow list [...]; add the post by hand, one key a line"),
        )
    aliased = {str(e.anchor) for e in events if type(e).__name__ == "AliasEvent"}
    pieces: list[tuple[int, int, str]] = []  # (start, end, new text) in characters
    expected = [_signature(e) for e in events]
    new_events: dict[int, list[Any]] = {}
    for index, values in sorted(replace.items()):
        if not 0 <= index < len(layout.items):
            raise _refuse(file, Message("the file changed since it was read"))
        item = layout.items[index]
        event = events[item]
        if type(event).__name__ != _MAP or event.flow_style:
            raise _refuse(
                file, Message("post {number} is not written one key a line", number=index + 1)
            )
        if event.anchor is not None and event.anchor in aliased:
            raise _refuse(
                file,
                Message("post {number} is reused elsewhere through an anchor", number=index + 1),
            )
        if any(
            type(e).__name__ == "ScalarEvent" and e.value == "<<" and not e.style
            for e in events[item : layout.ends[item]]
        ):
            raise _refuse(
                file, Message("post {number} merges another mapping (<<)", number=index + 1)
            )
        mark = event.start_mark
        line_start = text.rfind("\n", 0, mark.index) + 1
        prefix = text[line_start : mark.index]
        if prefix.strip(" -") or "-" not in prefix:
            raise _refuse(
                file, Message("post {number} does not start on its own line", number=index + 1)
            )
        item_style = Style(
            prefix.index("-"),
            mark.column,
            style.nested,
            style.flow_lists,
            style.blank,
            style.newline,
        )
        lines = post_lines(values, item_style)
        end = _content_end(text, layout, item)
        pieces.append((line_start, end, style.newline.join(lines) + style.newline))
        new_events[item] = _item_events(lines, style)
    if add:
        at, before, after = _insertion(text, layout, style)
        body = posts_text(add, style)
        if layout.posts is None or not layout.items:
            prefix = "posts:" + style.newline if layout.value is None else ""
            start, end = at
            pieces.append((start, end, before + prefix + body + after))
        else:
            sep = style.newline if style.blank else ""
            pieces.append((at[0], at[1], before + sep + body + after))
    new_text = text
    for start, end, chunk in sorted(pieces, reverse=True):
        new_text = new_text[:start] + chunk + new_text[end:]
    raw = ("\ufeff" if snapshot.bom else "") + new_text
    change = FileChange(
        snapshot.path,
        file,
        raw.encode("utf-8"),
        snapshot,
        [str(p["id"]) for p in add],
        [str(v["id"]) for v in replace.values()],
    )
    # The expected events: the original's, rewritten items swapped, new items at the end.
    if layout.posts is not None and (layout.items or not events[layout.posts].flow_style):
        for item in sorted(new_events, reverse=True):
            expected[item : layout.ends[item] + 1] = [_signature(e) for e in new_events[item]]
        if add:
            seq_end = layout.ends[layout.posts]
            shift = sum(len(v) - (layout.ends[k] + 1 - k) for k, v in new_events.items())
            added = [
                _signature(e) for e in _item_events(posts_text(add, style).splitlines(), style)
            ]
            at_index = seq_end + shift
            expected[at_index:at_index] = added
        _verify_events(change, new_text, expected)
    _verify_new(change, new_text, add, len(layout.items), replace)
    return change


def _insertion(text: str, layout: Layout, style: Style) -> tuple[tuple[int, int], str, str]:
    """Where new items go: a span of the text to replace, and what to put before and after."""
    events = layout.events
    newline = style.newline
    if layout.posts is not None and layout.items:
        end = _content_end(text, layout, layout.items[-1])
        before = "" if end == 0 or text[end - 1] == "\n" else newline
        return (end, end), before, ""
    if layout.value is not None:
        value = events[layout.value]
        # "posts: []" or "posts:" (null): the items go where the value is written.
        key_end = events[layout.value - 1].end_mark.index
        colon = text.index(":", key_end)
        stop = value.end_mark.index if value.end_mark.index > colon else colon + 1
        line_end = re.compile(r"\r\n|\n").search(text, stop)
        comment = text[stop : line_end.start() if line_end else len(text)]
        tail = newline if line_end is None else text[line_end.start() : line_end.end()]
        return (colon + 1, line_end.end() if line_end else len(text)), comment.rstrip() + tail, ""
    # No posts: key: a new one at the end of the file.
    before = "" if not text or text.endswith("\n") else newline
    return (len(text), len(text)), before, ""


def _item_events(lines: Sequence[str], style: Style) -> list[Any]:
    """The events of items written as ``lines`` (a ``posts:`` list's items)."""
    events = _events("posts:\n" + "\n".join(lines) + "\n")
    # StreamStart, DocumentStart, MappingStart, key, SequenceStart ... SequenceEnd, MappingEnd, ...
    return events[5:-4]


def _verify_events(change: FileChange, text: str, expected: list[Any]) -> None:
    try:
        got = [_signature(e) for e in _events(text)]
    except Exception:
        raise _refuse(change.file, Message("the new post would break the file")) from None
    if got != expected:
        raise _refuse(
            change.file,
            Message("adding the post would change more of the file than the post"),
        )


def _verify_new(
    change: FileChange,
    text: str,
    posts: Sequence[Mapping[str, Any]],
    first: int,
    replace: Mapping[int, Mapping[str, Any]] | None = None,
) -> None:
    """Refuse unless the posts read back from ``text`` as the values written."""
    try:
        document = load(text)
    except YamlFatal:
        raise _refuse(change.file, Message("the new post would break the file")) from None
    change.document = document
    data = document.data
    items = data.get("posts") if isinstance(data, dict) else None
    if not isinstance(items, list) or len(items) != first + len(posts):
        raise _refuse(change.file, Message("the new post would not read back as written"))
    wanted = {**{first + i: p for i, p in enumerate(posts)}, **dict(replace or {})}
    for index, values in wanted.items():
        if _plain(items[index]) != _plain(values):
            raise _refuse(change.file, Message("the new post would not read back as written"))
        pos = items[index].keys_pos.get("id") if hasattr(items[index], "keys_pos") else None
        if pos is not None:
            change.lines[str(values["id"])] = pos[0]


def _plain(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


# -- writing -------------------------------------------------------------------------


def write_changes(changes: Sequence[FileChange]) -> list[str]:
    """Write every change, all or nothing as far as the system allows; the files written.

    New files are created first, all or none (:func:`atomic.create`); then
    the existing files are locked and replaced, each only if it still holds
    what was read (:func:`atomic.replace_all`). When that is refused, the new
    files are removed again, so a refusal leaves the root as it was.
    """
    created = [c for c in changes if c.snapshot is None]
    edited = [c for c in changes if c.snapshot is not None]
    for change in created:
        folder = change.path.parent
        if not folder.is_dir():
            try:
                folder.mkdir(parents=True)
            except OSError as exc:
                raise atomic.cannot_write(change.file, exc) from None
    if created:
        atomic.create([(c.path, c.data) for c in created], [c.file for c in created])
    made = []
    for change in created:
        with contextlib.suppress(OSError):
            made.append((change.path, os.lstat(change.path)))
    done: list[atomic.Held] = []
    try:
        with contextlib.ExitStack() as stack:
            items = []
            for change in sorted(
                edited, key=lambda c: str(c.snapshot.target if c.snapshot else "")
            ):
                snapshot = change.snapshot
                assert snapshot is not None
                held = stack.enter_context(atomic.hold(snapshot.target, snapshot.file, lock=True))
                items.append(atomic.Replacement(held, change.data, snapshot.holds))
            atomic.replace_all(items, done)
    except BaseException:
        if not done:
            for path, info in made:
                with contextlib.suppress(OSError):
                    now = os.lstat(path)
                    if (now.st_dev, now.st_ino) == (info.st_dev, info.st_ino):
                        os.unlink(path)
        raise
    return [c.file for c in created] + [held.name for held in done]
