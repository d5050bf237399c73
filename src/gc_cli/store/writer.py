"""The only code that writes calendar files: one-line edits of ``publish_at``, written atomically.

People write the calendar by hand and review it in pull requests, so an edit
must read as one line in a diff (docs/writes.md):

* **set or move**: the value of the post's ``publish_at:`` line is replaced
  (its key, quoting and trailing comment kept), or, when the post has no line
  of its own, ``publish_at: ...`` is added right after its ``id:`` line at the
  indentation of its keys;
* **clear**: the post's ``publish_at:`` line is removed.

Every other byte — comments, blank lines, key order, quoting, CRLF line
endings, a UTF-8 BOM — is kept, because edits are spliced into the file's
original bytes rather than re-serialised. Where one line cannot express the
change (a post written as a flow mapping, a value that is an alias or spans
several lines, a date that comes from ``defaults:`` or a ``<<`` merge when
clearing, a post that other posts reuse through an anchor) the edit is
refused with :class:`~gc_cli.errors.Refused` and a message saying why.

Positions come from libyaml's event stream, which also tells the style of
each node (flow or block, quoted, anchored, aliased); the result of an edit
is parsed again and compared with the original before anything is written.

Writes go through :mod:`gc_cli.store.atomic`: a temporary file in the same folder,
flushed to disk and renamed over the original, under an advisory lock, so an
interruption leaves either the old file or the new one, the file keeps its
mode and owner, and a file that changed on disk since it was read is never
overwritten (read-only and hard-linked files are refused; see that module).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from itertools import pairwise
from pathlib import Path
from typing import Any, Literal

import yaml

from gc_cli.errors import GcError, Refused
from gc_cli.i18n import _, translated
from gc_cli.store import atomic
from gc_cli.store.safeio import DEFAULT_YAML_BYTES, UnsafeFile, open_regular, too_large
from gc_cli.store.yamlsafe import YamlDocument, YamlFatal, decode, load, yaml12_text

try:  # libyaml's parser, as the loader uses; the pure-Python one gives the same events.
    from yaml import CSafeLoader as _EventLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _EventLoader  # type: ignore[assignment]

KEY = "publish_at"
BOM = b"\xef\xbb\xbf"
#: What libyaml takes as a line break (YAML 1.1): its line numbers count these.
_BREAKS = frozenset("\r\n\x85\u2028\u2029")
#: Before a block key on its line: indentation, and ``- `` when it opens a list item.
_KEY_PREFIX = re.compile(r"[ ]*(?:-[ \t]+)*\Z")
#: After a value on its line: spaces, and a comment.
_LINE_REST = re.compile(r"[ \t]*(?:#.*)?\Z")
#: The plain scalars that mean null.
_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
#: A plain scalar that would read as something else (or not at all) needs quotes.
_NEEDS_QUOTES = re.compile(r": |:\Z| #|\A[\s\-?:,\[\]{}#&*!|>'\"%@`]|\s\Z")

Action = Literal["insert", "replace", "remove"]


# -- refusals --------------------------------------------------------------
# Refusals are read by people only (exit code 1 is what scripts look at), so
# they are translated where they are raised.


def _nothing_written(where: str, message: str) -> str:
    """A problem of the YAML reader (a :class:`~gc_cli.i18n.Message`) as a refusal."""
    return _("{where}: {message}; nothing written").format(where=where, message=translated(message))


# -- reading ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Stamp:
    """What a file was when it was read: modification time, size and content hash."""

    mtime_ns: int
    size: int
    sha256: str


@dataclass(eq=False)
class Snapshot:
    """A calendar file's bytes as read, with what is needed to write it back safely.

    ``path`` is the file as named (used in messages); ``target`` is where its
    bytes live, symbolic links followed, so a linked file is rewritten in place
    and the link is kept.
    """

    path: Path
    target: Path
    raw: bytes
    stamp: Stamp
    mode: int
    uid: int
    gid: int
    #: How the file is named in messages (relative to the working directory).
    file: str = ""

    @classmethod
    def read(cls, path: Path, file: str | None = None, limit: int = DEFAULT_YAML_BYTES) -> Snapshot:
        """Read ``path`` once: its bytes and, from the same open file, its stamp.

        Only a regular file of at most ``limit`` bytes is read (as the loader
        reads it), so a FIFO or a link to a device cannot block or exhaust
        the command.
        """
        name = file or str(path)
        target = Path(os.path.realpath(path))
        try:
            with open_regular(target, name, limit) as handle:
                info = os.fstat(handle.fileno())
                raw = handle.read(limit + 1)
        except OSError as exc:
            raise GcError(
                _("{file}: cannot read the file ({reason})").format(
                    file=name, reason=exc.strerror or exc
                )
            ) from None
        if len(raw) > limit:
            raise UnsafeFile(name, too_large(len(raw), limit))
        stamp = Stamp(info.st_mtime_ns, len(raw), hashlib.sha256(raw).hexdigest())
        return cls(path, target, raw, stamp, info.st_mode, info.st_uid, info.st_gid, name)

    @property
    def bom(self) -> bool:
        return self.raw.startswith(BOM)

    @cached_property
    def text(self) -> str:
        """The text, BOM left out (positions count characters from here)."""
        try:
            return decode(self.raw)
        except YamlFatal as fatal:
            raise Refused(_nothing_written(self.file, fatal.issue.message)) from None

    @cached_property
    def events(self) -> list[Any]:
        """libyaml's events for the text: what was written, style included."""
        return _parse(self.text, self.file)

    @cached_property
    def layout(self) -> FileLayout:
        """Where each post and its keys are written, and how (see :class:`FileLayout`)."""
        return _layout(self.events)

    @cached_property
    def document(self) -> YamlDocument:
        """The file as the loader reads it (aliases and merges resolved)."""
        try:
            return load(self.text)
        except YamlFatal as fatal:
            issue = fatal.issue
            raise Refused(
                _nothing_written(f"{self.file}:{issue.line}:{issue.column}", issue.message)
            ) from None

    @property
    def data(self) -> Any:
        return self.document.data

    def holds(self, held: atomic.Held) -> bool:
        """Whether the held file still holds what was read.

        A different size settles it; otherwise the content's hash does, since an
        edit can keep the size and, within the clock's resolution, the time.
        """
        if held.size() != self.stamp.size:
            return False
        return hashlib.sha256(held.read(self.stamp.size + 1)).hexdigest() == self.stamp.sha256


# -- where things are: libyaml's events ------------------------------------


@dataclass(frozen=True, slots=True)
class Node:
    """A node of the file as written: its kind, extent and style.

    ``start``/``end`` index characters of :attr:`Snapshot.text`; lines are
    0-based, as libyaml counts them; ``event`` is the index of its first event.
    """

    kind: Literal["scalar", "alias", "mapping", "sequence"]
    event: int
    start: int
    end: int
    line: int
    end_line: int
    column: int
    value: str | None = None  # a scalar's value
    style: str | None = None  # a scalar's style: "" plain, "'", '"', "|", ">"
    flow: bool = False  # a {...} or [...] collection
    anchor: str | None = None  # &name on this node
    tag: str | None = None  # an explicit !tag
    alias: str | None = None  # *name, for an alias


@dataclass(slots=True)
class PostLayout:
    """One item of ``posts:``: its node and its own ``id`` and ``publish_at`` keys
    (a merged key is not its own)."""

    index: int
    node: Node
    keys: dict[str, tuple[Node, Node]] = field(default_factory=dict)
    repeated: set[str] = field(default_factory=set)
    merge: Node | None = None  # the "<<" key, when the post merges another mapping


@dataclass(slots=True)
class FileLayout:
    """The posts of a file as written, ``defaults:``' publish_at, and the anchors
    that aliases refer to."""

    posts: list[PostLayout | None] = field(default_factory=list)
    defaults: dict[str, tuple[Node, Node]] = field(default_factory=dict)
    aliased: set[str] = field(default_factory=set)


_SCALAR = yaml.ScalarEvent
_ALIAS = yaml.AliasEvent
_MAP = yaml.MappingStartEvent
_MAP_END = yaml.MappingEndEvent
_SEQ = yaml.SequenceStartEvent
_SEQ_END = yaml.SequenceEndEvent
_KINDS: dict[type, Literal["scalar", "alias", "mapping", "sequence"]] = {
    _SCALAR: "scalar",
    _ALIAS: "alias",
    _MAP: "mapping",
    _SEQ: "sequence",
}
#: The keys of a post the writer needs to see.
_WANTED = frozenset(("id", KEY))


def _events(text: str) -> list[Any]:
    # NEL, LS and PS are not line breaks in YAML 1.2 (the reader's rule): libyaml
    # sees same-length stand-ins, so positions and the compared events still hold.
    return list(yaml.parse(yaml12_text(text)[0], Loader=_EventLoader))


def _parse(text: str, file: str) -> list[Any]:
    try:
        return _events(text)
    except yaml.YAMLError as exc:
        problem = getattr(exc, "problem", None) or str(exc)
        raise Refused(
            _("{file}: not valid YAML ({problem}); nothing written").format(
                file=file, problem=problem
            )
        ) from None


def _ends(events: Sequence[Any]) -> list[int]:
    """For each event, the index of the last event of the node it starts."""
    ends = list(range(len(events)))
    stack: list[int] = []
    for i, event in enumerate(events):
        kind = type(event)
        if kind is _MAP or kind is _SEQ:
            stack.append(i)
        elif kind is _MAP_END or kind is _SEQ_END:
            ends[stack.pop()] = i
    return ends


def _node(events: Sequence[Any], ends: Sequence[int], i: int) -> Node:
    """The node whose first event is ``events[i]``."""
    first = events[i]
    start, end = first.start_mark, events[ends[i]].end_mark
    kind = _KINDS[type(first)]
    if kind == "alias":
        return Node(
            kind, i, start.index, end.index, start.line, end.line, start.column, alias=first.anchor
        )
    # A tag is explicit when the text gives one (libyaml also reports resolved ones).
    implicit = any(first.implicit) if kind == "scalar" else first.implicit
    return Node(
        kind,
        i,
        start.index,
        end.index,
        start.line,
        end.line,
        start.column,
        value=first.value if kind == "scalar" else None,
        style=(first.style or "") if kind == "scalar" else None,
        flow=bool(getattr(first, "flow_style", False)),
        anchor=first.anchor,
        tag=first.tag if first.tag is not None and not implicit else None,
    )


def _key_name(event: Any) -> str | None:
    if type(event) is _SCALAR and (event.style or "") in ("", "'", '"'):
        return str(event.value)
    return None


def _layout(events: Sequence[Any]) -> FileLayout:
    layout = FileLayout(aliased={str(e.anchor) for e in events if type(e) is _ALIAS})
    # StreamStart, DocumentStart, then the root node.
    if len(events) < 3 or type(events[2]) is not _MAP:
        return layout
    ends = _ends(events)
    seen: set[str] = set()
    i = 3
    while type(events[i]) is not _MAP_END:
        value = ends[i] + 1
        name = _key_name(events[i])
        i = ends[value] + 1
        if name not in ("posts", "defaults") or name in seen:
            continue  # written twice: the loader reads the first (and reports duplicate-key)
        seen.add(name)
        if name == "defaults" and type(events[value]) is _MAP:
            layout.defaults = _post(events, ends, value, -1).keys
        elif name == "posts" and type(events[value]) is _SEQ:
            j = value + 1
            while type(events[j]) is not _SEQ_END:
                item = _post(events, ends, j, len(layout.posts))
                layout.posts.append(item if item.node.kind == "mapping" else None)
                j = ends[j] + 1
    return layout


def _post(events: Sequence[Any], ends: Sequence[int], i: int, index: int) -> PostLayout:
    post = PostLayout(index, _node(events, ends, i))
    if type(events[i]) is not _MAP:
        return post
    j = i + 1
    while type(events[j]) is not _MAP_END:
        value = ends[j] + 1
        key = events[j]
        if type(key) is _SCALAR and key.value == "<<" and not key.style:
            post.merge = _node(events, ends, j)
        else:
            name = _key_name(key)
            if name in _WANTED:
                if name in post.keys:
                    post.repeated.add(name)
                else:
                    post.keys[name] = (_node(events, ends, j), _node(events, ends, value))
        j = ends[value] + 1
    return post


# -- planning an edit --------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LineEdit:
    """One line inserted, replaced or removed: ``text[start:end]`` becomes ``new``.

    ``line`` is the 1-based line the edit is about in the original file (for
    an insert: the post's ``id:`` line, which the new line follows).
    ``before``/``after`` are the whole line as it was and as it will be.
    ``event`` locates the edit among the file's events, to check the result:
    the id's value (insert), the value replaced, or the key removed.
    """

    post_id: str
    index: int
    action: Action
    line: int
    start: int
    end: int
    new: str
    before: str | None
    after: str | None
    value: str | None  # the publish_at value (None: removed)
    event: int = -1
    written: str | None = None  # the value as written: quoted, or not


def format_value(value: str, style: str = "") -> str:
    """``value`` as a YAML scalar in ``style`` (plain when it needs no quotes)."""
    if style == "'" or (style == "" and _NEEDS_QUOTES.search(value)):
        return "'" + value.replace("'", "''") + "'"
    if style == '"':
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return value


def _line_bounds(text: str, index: int) -> tuple[int, int, int]:
    """Start of the line holding ``text[index]``, end of its content, end after its break."""
    start = index
    while start > 0 and text[start - 1] not in _BREAKS:
        start -= 1
    end = index
    while end < len(text) and text[end] not in _BREAKS:
        end += 1
    after = end
    if text.startswith("\r\n", end):
        after = end + 2
    elif end < len(text):
        after = end + 1
    return start, end, after


def _line_break(text: str, at: int) -> str:
    """The line break used at ``at``, else the file's first one, else ``\\n``."""
    if text.startswith("\r\n", at):
        return "\r\n"
    if at < len(text) and text[at] in _BREAKS:
        return text[at]
    match = re.search("\r\n|[\r\n\x85\u2028\u2029]", text)
    return match.group(0) if match else "\n"


def plan_edit(snapshot: Snapshot, index: int, post_id: str, value: str | None) -> LineEdit | None:
    """The one-line edit giving post ``index`` of ``snapshot`` the ``publish_at`` ``value``.

    ``value`` is the text to write (``None`` removes the line). Returns
    ``None`` when the file already says so. Raise :class:`Refused` when one
    line cannot express the change without damaging the file or changing
    another post.
    """
    text = snapshot.text
    file = snapshot.file
    posts = snapshot.layout.posts
    post = posts[index] if 0 <= index < len(posts) else None
    id_pair = post.keys.get("id") if post is not None else None
    if post is not None and id_pair is None and post.merge is not None:
        raise Refused(
            _(
                "{where}: post {post} has no id: line of its own (it comes from a merge "
                "'<<'); gc-cli adds publish_at after the id: line. Change it by hand"
            ).format(where=f"{file}:{post.node.line + 1}", post=repr(post_id))
        )
    if post is None or id_pair is None or _id_of(snapshot, post, id_pair[1]) != post_id:
        raise Refused(
            _(
                "{file}: post {post} is no longer item {number} of posts: (the file changed "
                "since it was read); nothing written, run the command again"
            ).format(file=file, post=repr(post_id), number=index + 1)
        )
    where = f"{file}:{id_pair[0].line + 1}"
    aliased = snapshot.layout.aliased
    if post.node.flow:
        raise Refused(
            _(
                "{where}: post {post} is written as a flow mapping ({{id: ..., ...}}); "
                "gc-cli edits only posts written one key per line. Rewrite it one key per "
                "line, or change its publish_at by hand"
            ).format(where=where, post=repr(post_id))
        )
    if post.node.anchor is not None and post.node.anchor in aliased:
        raise Refused(
            _(
                "{where}: post {post} is anchored as &{anchor} and reused elsewhere "
                "(*{anchor}): changing its publish_at would change the posts that reuse it "
                "too. Change it by hand"
            ).format(where=where, post=repr(post_id), anchor=post.node.anchor)
        )
    if KEY in post.repeated:
        raise Refused(
            _(
                "{where}: post {post} has publish_at written twice; fix that "
                "(gc-cli check: duplicate-key) first"
            ).format(where=where, post=repr(post_id))
        )
    own = post.keys.get(KEY)
    if own is None:
        if value is None:
            return _clear_inherited(snapshot, post, post_id, where)
        return _insert(text, post, post_id, id_pair, value, where)
    key, node = own
    _refuse_odd_value(key, node, post_id, f"{file}:{key.line + 1}")
    if value is None:
        return _remove(snapshot, post, post_id, key, node, f"{file}:{key.line + 1}")
    return _replace(text, post, post_id, key, node, value)


def _id_of(snapshot: Snapshot, post: PostLayout, node: Node) -> object:
    """The post's id as the loader reads it: an alias (``id: *i``) is resolved."""
    if node.kind == "alias":
        item = _item(snapshot.data, post.index)
        return item.get("id") if item is not None else None
    return node.value if node.kind == "scalar" else None


def _refuse_odd_value(key: Node, node: Node, post_id: str, where: str) -> None:
    if node.kind == "alias":
        raise Refused(
            _(
                "{where}: the publish_at of {post} is an alias (*{alias}) of a value written "
                "elsewhere; change it where &{alias} is, or by hand"
            ).format(where=where, post=repr(post_id), alias=node.alias)
        )
    if node.kind != "scalar":
        # One sentence per kind: the article differs with the noun in French.
        if node.kind == "mapping":
            template = _(
                "{where}: the publish_at of {post} is a mapping, not a date; fix that "
                "(gc-cli check) first"
            )
        else:
            template = _(
                "{where}: the publish_at of {post} is a sequence, not a date; fix that "
                "(gc-cli check) first"
            )
        raise Refused(template.format(where=where, post=repr(post_id)))
    if node.anchor is not None:
        raise Refused(
            _(
                "{where}: the publish_at of {post} carries the anchor &{anchor}; gc-cli "
                "leaves such values alone: change it by hand"
            ).format(where=where, post=repr(post_id), anchor=node.anchor)
        )
    if node.tag is not None:
        raise Refused(
            _(
                "{where}: the publish_at of {post} carries the tag {tag}; gc-cli leaves "
                "such values alone: change it by hand"
            ).format(
                where=where,
                post=repr(post_id),
                tag=node.tag.replace("tag:yaml.org,2002:", "!!"),
            )
        )
    if node.style in ("|", ">") or node.end_line != key.line or node.line != key.line:
        raise Refused(
            _(
                "{where}: the publish_at of {post} is written over several lines; gc-cli "
                "changes one line only: write it on one line (publish_at: 2026-12-01 09:00), "
                "or change it by hand"
            ).format(where=where, post=repr(post_id))
        )


def _insert(
    text: str,
    post: PostLayout,
    post_id: str,
    id_pair: tuple[Node, Node],
    value: str,
    where: str,
) -> LineEdit:
    key, node = id_pair
    start, end, after = _line_bounds(text, key.start)
    if (
        node.kind not in ("scalar", "alias")
        or node.line != key.line
        or node.end_line != key.line
        or not _KEY_PREFIX.match(text[start : key.start])
        or not _LINE_REST.match(text[node.end : end])
    ):
        raise Refused(
            _(
                "{where}: the id: line of post {post} holds more than its id; gc-cli adds "
                "publish_at right after a plain 'id: ...' line. Add it by hand"
            ).format(where=where, post=repr(post_id))
        )
    # The post's keys all start at the column of its id (for "- id: x", the
    # column of "id", two past the dash), so the new key is indented to it.
    written = format_value(value)
    line = " " * key.column + f"{KEY}: {written}"
    if after == end:  # the id line is the file's last, with no line break
        at, new = end, _line_break(text, 0) + line
    else:
        at, new = after, line + _line_break(text, end)
    return LineEdit(
        post_id,
        post.index,
        "insert",
        key.line + 1,
        at,
        at,
        new,
        None,
        line,
        value,
        event=node.event,
        written=written,
    )


def _replace(
    text: str, post: PostLayout, post_id: str, key: Node, node: Node, value: str
) -> LineEdit | None:
    start, end, _ = _line_bounds(text, key.start)
    before = text[start:end]
    if node.value == "" and node.style == "" and node.start == node.end:
        # "publish_at:" with nothing after it: the value goes after the colon.
        colon = text.index(":", key.end)
        rest = text[colon + 1 : end]
        comment = rest.strip()
        written = format_value(value)
        new = ": " + written + ((" " + comment) if comment else "")
        span = (colon, end)
    else:
        if node.value == value:
            return None
        new = written = format_value(value, node.style or "")
        span = (node.start, node.end)
    after = text[start : span[0]] + new + text[span[1] : end]
    return LineEdit(
        post_id,
        post.index,
        "replace",
        key.line + 1,
        span[0],
        span[1],
        new,
        before,
        after,
        value,
        event=node.event,
        written=written,
    )


def _remove(
    snapshot: Snapshot, post: PostLayout, post_id: str, key: Node, node: Node, where: str
) -> LineEdit:
    text = snapshot.text
    start, end, after = _line_bounds(text, key.start)
    if not re.fullmatch(r"[ ]*", text[start : key.start]):
        raise Refused(
            _(
                "{where}: the publish_at of {post} is on its list item's first line "
                "('- publish_at: ...'): removing the line would remove the item's dash. Move "
                "publish_at below the id: line by hand, or set another date with --at"
            ).format(where=where, post=repr(post_id))
        )
    if not _LINE_REST.match(text[node.end : end]):
        raise Refused(
            _(
                "{where}: the publish_at line of {post} holds more than publish_at; "
                "remove it by hand"
            ).format(where=where, post=repr(post_id))
        )
    inherited = _inherited(snapshot, post, own=True)
    if inherited is not None:
        origin, line = inherited
        if origin == "defaults":
            template = _(
                "{where}: removing the publish_at line of {post} would give it the date of "
                "the file's defaults: (line {line}) instead of none. To unschedule it, write "
                "'publish_at: null' in place of its date by hand"
            )
        else:
            template = _(
                "{where}: removing the publish_at line of {post} would give it the date of "
                "the merge key '<<' (line {line}) instead of none. To unschedule it, write "
                "'publish_at: null' in place of its date by hand"
            )
        raise Refused(template.format(where=where, post=repr(post_id), line=line))
    before = text[start:end]
    if after == end and start > 0:
        # The last line, with no line break: take the break before it instead.
        brk_start = start - 2 if text[start - 2 : start] == "\r\n" else start - 1
        start, after = brk_start, end
    return LineEdit(
        post_id, post.index, "remove", key.line + 1, start, after, "", before, None, None, key.event
    )


def _inherited(
    snapshot: Snapshot, post: PostLayout, *, own: bool
) -> tuple[Literal["defaults", "merge"], int] | None:
    """Where the post takes a publish_at from when it has no line of its own:
    the file's ``defaults:`` or a ``<<`` merge (which one, and its line), or None.

    ``own`` says whether the post has its own line now (which hides the others).
    """
    pair = snapshot.layout.defaults.get(KEY)
    if pair is not None and not _is_null(pair[1]):
        return "defaults", pair[0].line + 1
    if post.merge is None:
        return None
    where: tuple[Literal["defaults", "merge"], int] = ("merge", post.merge.line + 1)
    if not own:
        item = _item(snapshot.data, post.index)
        return where if item is not None and item.get(KEY) is not None else None
    # What a merge brings is only known once its aliases are resolved: read the
    # post as it would be without its own line.
    key = post.keys[KEY][0]
    start, _, after = _line_bounds(snapshot.text, key.start)
    try:
        trial = load(snapshot.text[:start] + snapshot.text[after:]).data
    except YamlFatal:
        return None  # the edit is checked again before writing
    item = _item(trial, post.index)
    return where if item is not None and item.get(KEY) is not None else None


def _is_null(node: Node) -> bool:
    return node.kind == "scalar" and node.style == "" and node.value in _NULLS


def _item(data: Any, index: int) -> dict[str, Any] | None:
    posts = data.get("posts") if isinstance(data, dict) else None
    item = posts[index] if isinstance(posts, list) and 0 <= index < len(posts) else None
    return item if isinstance(item, dict) else None


def _clear_inherited(
    snapshot: Snapshot, post: PostLayout, post_id: str, where: str
) -> LineEdit | None:
    inherited = _inherited(snapshot, post, own=False)
    if inherited is None:
        return None  # no publish_at at all: already cleared
    origin, line = inherited
    if origin == "defaults":
        template = _(
            "{where}: post {post} has no publish_at line of its own: its date comes from "
            "the file's defaults: (line {line}), which every post of the file shares. To "
            "unschedule only this post, add 'publish_at: null' below its id: by hand"
        )
    else:
        template = _(
            "{where}: post {post} has no publish_at line of its own: its date comes from "
            "the merge key '<<' (line {line}). To unschedule only this post, add "
            "'publish_at: null' below its id: by hand"
        )
    raise Refused(template.format(where=where, post=repr(post_id), line=line))


# -- applying edits ----------------------------------------------------------


def render(snapshot: Snapshot, edits: Sequence[LineEdit]) -> bytes:
    """The file's bytes with ``edits`` spliced in; every other byte as it was.

    The result is read again and compared with the original, event by event
    and styles included: apart from the edited ``publish_at`` keys and values,
    it must read the same, or nothing is written (:class:`Refused`).
    """
    text = snapshot.text
    ordered = sorted(edits, key=lambda e: e.start)
    overlap = any(second.start < first.end for first, second in pairwise(ordered))
    if overlap or len({e.index for e in ordered}) != len(ordered):
        raise GcError(_("{file}: two edits of one post or of one line").format(file=snapshot.file))
    # Splice into the original bytes, so undecoded details cannot drift.
    prefix = len(BOM) if snapshot.bom else 0
    chunks: list[bytes] = []
    at = 0  # in characters
    at_byte = prefix
    raw = snapshot.raw
    for edit in ordered:
        start_byte = at_byte + len(text[at : edit.start].encode("utf-8"))
        end_byte = start_byte + len(text[edit.start : edit.end].encode("utf-8"))
        chunks.append(raw[at_byte:start_byte])
        chunks.append(edit.new.encode("utf-8"))
        at, at_byte = edit.end, end_byte
    chunks.append(raw[at_byte:])
    result = raw[:prefix] + b"".join(chunks)
    _verify(snapshot, result, ordered)
    return result


def _verify(snapshot: Snapshot, result: bytes, edits: Sequence[LineEdit]) -> None:
    """Refuse unless ``result`` reads as the original with only the edits made.

    The two texts' event streams are compared, styles included: the expected
    one is the original's with each edit's key and value put in, replaced or
    taken out. Anything else that differs means the splice went wrong.
    """
    try:
        text = decode(result)
    except YamlFatal as fatal:  # pragma: no cover - edits are valid UTF-8
        raise Refused(_nothing_written(snapshot.file, fatal.issue.message)) from None
    try:
        events = _events(text)
    except yaml.YAMLError as exc:
        problem = getattr(exc, "problem", None) or str(exc)
        raise Refused(
            _("{file}: the edit would break the file ({problem}); nothing written").format(
                file=snapshot.file, problem=problem
            )
        ) from None
    expected = [_signature(e) for e in snapshot.events]
    # From the last event to the first, so the indices of the others hold.
    for edit in sorted(edits, key=lambda e: e.event, reverse=True):
        if edit.action == "insert":
            assert edit.written is not None
            at = edit.event + 1
            expected[at:at] = [_scalar(KEY), _scalar(edit.written)]
        elif edit.action == "replace":
            assert edit.written is not None
            expected[edit.event] = _scalar(edit.written)
        else:
            del expected[edit.event : edit.event + 2]
    got = [_signature(e) for e in events]
    if got != expected:
        differs = (i for i, (a, b) in enumerate(zip(got, expected, strict=False)) if a != b)
        first = next(differs, min(len(got), len(expected)) - 1)
        mark = events[first].start_mark
        assert mark is not None
        raise Refused(
            _(
                "{file}: the edit would change more than publish_at (line {line} would read "
                "differently); nothing written"
            ).format(file=snapshot.file, line=mark.line + 1)
        )


def _signature(event: Any) -> tuple[Any, ...]:
    """What an event says, its position left out."""
    kind = type(event)
    if kind is _SCALAR:
        return (kind, event.anchor, event.tag, event.implicit, event.value, event.style or "")
    if kind is _MAP or kind is _SEQ:
        return (kind, event.anchor, event.tag, event.implicit, bool(event.flow_style))
    if kind is _ALIAS:
        return (kind, event.anchor)
    return (kind,)


def _scalar(written: str) -> tuple[Any, ...]:
    """The signature of an untagged scalar written as ``written`` (plain or quoted)."""
    if written[:1] == "'":
        return (_SCALAR, None, None, (False, True), written[1:-1].replace("''", "'"), "'")
    if written[:1] == '"':
        return (_SCALAR, None, None, (False, True), json.loads(written), '"')
    return (_SCALAR, None, None, (True, False), written, "")


def write_atomic(snapshot: Snapshot, data: bytes) -> None:
    """Replace the file of ``snapshot`` by ``data``, all or nothing (:func:`atomic.replace`).

    The file is locked and must still hold what was read, right up to the
    rename. Raise :class:`Refused` when it changed on disk, or when it is
    read-only, hard-linked, open for writing in another program or its owner
    cannot be kept; :class:`GcError` when it cannot be written.
    """
    with atomic.hold(snapshot.target, snapshot.file, lock=True) as held:
        atomic.replace(held, data, unchanged=snapshot.holds)
