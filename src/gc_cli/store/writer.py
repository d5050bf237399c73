"""The only code that writes calendar files: minimal edits of one key of a post, written atomically.

People write the calendar by hand and review it in pull requests, so an edit
must read as the fewest lines a diff can show (docs/writes.md). One mechanism,
:func:`plan_edit`, gives one key of one post a new value or takes it out:

* **a scalar** (``publish_at``, ``status``, ``approved_by``, a single
  ``published_url``): the value on the key's line is replaced (its key,
  quoting and trailing comment kept), or, when the post has no line of its
  own, ``key: value`` is added after a line the caller names (``status``,
  ``repeat``...), else right after its ``id:`` line, at the indentation of its
  keys; taking it out removes the line;
* **a list or a mapping** (``skip``, ``moved``, ``occurrences``, a
  ``published_url`` per channel): written in the style the file already
  uses. A flow collection on one line (``skip: [2026-12-29]``) is rewritten on
  that line, its untouched items as they were written; in a block collection
  only the lines of the items that change are added, replaced or removed. A
  new key takes the style the file's other lists or mappings of posts use
  (flow when it has none).

Every other byte — comments, blank lines, key order, quoting, CRLF line
endings, a UTF-8 BOM — is kept, because edits are spliced into the file's
original bytes rather than re-serialised. Where the layout cannot take the
change safely (a post written as a flow mapping, a value that is an alias,
carries an anchor or a tag, or spans several lines, an item sharing its line,
a value that comes from ``defaults:`` or a ``<<`` merge when taking it out, a
post that other posts reuse through an anchor) the edit is refused with
:class:`~gc_cli.errors.Refused` and a message saying why.

Positions come from libyaml's event stream, which also tells the style of
each node (flow or block, quoted, anchored, aliased). The result is parsed
again before anything is written: outside the edited keys it must read event
for event as the original, styles included, and each edited key must read
as the value asked for.

Writes go through :mod:`gc_cli.store.atomic`: a temporary file in the same folder,
flushed to disk and renamed over the original, under an advisory lock, so an
interruption leaves either the old file or the new one, the file keeps its
mode and owner, and a file that changed on disk since it was read is never
overwritten (read-only and hard-linked files are refused; see that module).
"""

from __future__ import annotations

import difflib
import hashlib
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from itertools import pairwise
from pathlib import Path
from typing import Any, Literal, TypeAlias

import yaml

from gc_cli.errors import GcError, Refused
from gc_cli.i18n import _, translated
from gc_cli.store import atomic
from gc_cli.store.safeio import DEFAULT_YAML_BYTES, UnsafeFile, open_regular, too_large
from gc_cli.store.yamlsafe import (
    YamlDocument,
    YamlFatal,
    core_scalar,
    decode,
    load,
    yaml12_text,
)

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
#: A value the writer writes: text, or a list or mapping of values.
Value: TypeAlias = str | list["Value"] | dict[str, "Value"]


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
    def ends(self) -> list[int]:
        """For each event, the index of the last event of the node it starts."""
        return _ends(self.events)

    @cached_property
    def layout(self) -> FileLayout:
        """Where each post and its keys are written, and how (see :class:`FileLayout`)."""
        return _layout(self.events, self.ends)

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
    last: int = -1  # the index of its last event (its end, for a collection)


@dataclass(slots=True)
class PostLayout:
    """One item of ``posts:``: its node and its own keys, each with its value (a merged
    key is not its own)."""

    index: int
    node: Node
    keys: dict[str, tuple[Node, Node]] = field(default_factory=dict)
    repeated: set[str] = field(default_factory=set)
    merge: Node | None = None  # the "<<" key, when the post merges another mapping


@dataclass(slots=True)
class FileLayout:
    """The posts of a file as written, the keys of ``defaults:``, and the anchors
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
            kind,
            i,
            start.index,
            end.index,
            start.line,
            end.line,
            start.column,
            alias=first.anchor,
            last=i,
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
        last=ends[i],
    )


def _key_name(event: Any) -> str | None:
    if type(event) is _SCALAR and (event.style or "") in ("", "'", '"'):
        return str(event.value)
    return None


def _layout(events: Sequence[Any], ends: Sequence[int] | None = None) -> FileLayout:
    layout = FileLayout(aliased={str(e.anchor) for e in events if type(e) is _ALIAS})
    # StreamStart, DocumentStart, then the root node.
    if len(events) < 3 or type(events[2]) is not _MAP:
        return layout
    ends = _ends(events) if ends is None else ends
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
            if name is not None:
                if name in post.keys:
                    post.repeated.add(name)
                else:
                    post.keys[name] = (_node(events, ends, j), _node(events, ends, value))
        j = ends[value] + 1
    return post


# -- planning an edit --------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LineEdit:
    """One key of one post given a value or taken out: ``text[start:end]`` becomes ``new``.

    ``action`` is ``insert`` (the post had no such key of its own), ``replace``
    or ``remove``. ``line`` is the 1-based line the edit is about in the
    original file: the key's line, the first line that changes in a block
    collection, or for an insert the line the new key follows.
    ``before``/``after`` are the lines as they were and as they will be.
    ``event``/``stop`` are the original events of the key and its value
    (``event == stop`` for an insert: where the new key goes), to check the result.
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
    value: Value | None  # the key's new value (None: taken out)
    event: int = -1
    written: str | None = None  # a scalar as written: quoted, or not
    key: str = KEY
    stop: int = -1


#: What YAML 1.2 lets a file hold as it is (c-printable): a character outside it
#: is written as an escape in a double-quoted scalar.
_UNPRINTABLE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
#: In a flow collection these end a plain scalar.
_FLOW_INDICATORS = re.compile(r"[,\[\]{}]")


def format_value(value: str, style: str = "", *, flow: bool = False) -> str:
    """``value`` as a YAML scalar in ``style`` (plain when it needs no quotes).

    A plain scalar must read back as the same text (not a number, a boolean or
    null) and, inside a flow collection (``flow``), hold no ``,[]{}``; a value
    with a line break or a character YAML does not allow raw is double-quoted
    with escapes.
    """
    if _UNPRINTABLE.search(value) or any(c in value for c in "\n\r\t"):
        return _double_quoted(value)
    plain = (
        not _NEEDS_QUOTES.search(value)
        and not (flow and _FLOW_INDICATORS.search(value))
        and core_scalar(value) == value
        and isinstance(core_scalar(value), str)
    )
    if style == "'" or (style == "" and not plain):
        return "'" + value.replace("'", "''") + "'"
    if style == '"':
        return _double_quoted(value)
    return value


def _double_quoted(value: str) -> str:
    def escape(char: str) -> str:
        named = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}
        if char in named:
            return named[char]
        code = ord(char)
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"

    return '"' + re.sub(r'[\\"\n\r\t]|' + _UNPRINTABLE.pattern, lambda m: escape(m[0]), value) + '"'


def _flow(value: Value) -> str:
    """``value`` written in flow style, on one line: ``[a, b]``, ``{k: v}``."""
    if isinstance(value, str):
        return format_value(value, flow=True)
    if isinstance(value, list):
        return "[" + ", ".join(_flow(item) for item in value) + "]"
    return (
        "{" + ", ".join(f"{format_value(k, flow=True)}: {_flow(v)}" for k, v in value.items()) + "}"
    )


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


def plan_edit(
    snapshot: Snapshot,
    index: int,
    post_id: str,
    value: Value | None,
    *,
    key: str = KEY,
    after: Sequence[str] = (),
) -> LineEdit | None:
    """The edit giving ``key`` of post ``index`` of ``snapshot`` the ``value``.

    ``value`` is text, or a list or mapping of values, as it is to read back;
    ``None`` takes the key out of the post. A post without the key of its own
    gets it after the first of the keys ``after`` it writes on one line, else
    right after its ``id:`` line. Returns ``None`` when the file already says
    so. Raise :class:`Refused` when the edit cannot be made without damaging
    the file or changing another post (see the module).
    """
    file = snapshot.file
    post = _checked_post(snapshot, index, post_id, key)
    id_pair = post.keys["id"]
    where = f"{file}:{id_pair[0].line + 1}"
    if key in post.repeated:
        raise Refused(
            _(
                "{where}: post {post} has {key} written twice; fix that "
                "(gc-cli check: duplicate-key) first"
            ).format(where=where, post=repr(post_id), key=key)
        )
    own = post.keys.get(key)
    if own is None:
        if value is None:
            return _clear_inherited(snapshot, post, post_id, key, where)
        return _insert(snapshot, post, post_id, key, value, after, where)
    name, node = own
    at = f"{file}:{name.line + 1}"
    _refuse_odd_value(snapshot, key, name, node, post_id, at)
    if value is None:
        return _remove(snapshot, post, post_id, key, name, node, at)
    current, _end = _compose(snapshot.events, node.event)
    if current == value:
        return None
    if node.kind == "scalar" and isinstance(value, str):
        return _replace(snapshot.text, post, post_id, key, name, node, value)
    return _replace_collection(snapshot, post, post_id, key, name, node, value, at)


def _checked_post(snapshot: Snapshot, index: int, post_id: str, key: str) -> PostLayout:
    """Post ``index`` of the file, which must still be ``post_id`` and be editable."""
    file = snapshot.file
    posts = snapshot.layout.posts
    post = posts[index] if 0 <= index < len(posts) else None
    id_pair = post.keys.get("id") if post is not None else None
    if post is not None and id_pair is None and post.merge is not None:
        raise Refused(
            _(
                "{where}: post {post} has no id: line of its own (it comes from a merge "
                "'<<'); gc-cli writes only posts whose id: line it can see. Change it by hand"
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
    if post.node.flow:
        raise Refused(
            _(
                "{where}: post {post} is written as a flow mapping ({{id: ..., ...}}); "
                "gc-cli edits only posts written one key per line. Rewrite it one key per "
                "line, or change its {key} by hand"
            ).format(where=where, post=repr(post_id), key=key)
        )
    if post.node.anchor is not None and post.node.anchor in snapshot.layout.aliased:
        raise Refused(
            _(
                "{where}: post {post} is anchored as &{anchor} and reused elsewhere "
                "(*{anchor}): changing its {key} would change the posts that reuse it "
                "too. Change it by hand"
            ).format(where=where, post=repr(post_id), anchor=post.node.anchor, key=key)
        )
    return post


def _id_of(snapshot: Snapshot, post: PostLayout, node: Node) -> object:
    """The post's id as the loader reads it: an alias (``id: *i``) is resolved."""
    if node.kind == "alias":
        item = _item(snapshot.data, post.index)
        return item.get("id") if item is not None else None
    return node.value if node.kind == "scalar" else None


def _refuse_odd_value(
    snapshot: Snapshot, key_name: str, key: Node, node: Node, post_id: str, where: str
) -> None:
    facts = {"where": where, "post": repr(post_id), "key": key_name}
    if node.kind == "alias":
        raise Refused(
            _(
                "{where}: the {key} of {post} is an alias (*{alias}) of a value written "
                "elsewhere; change it where &{alias} is, or by hand"
            ).format(alias=node.alias, **facts)
        )
    if node.anchor is not None:
        raise Refused(
            _(
                "{where}: the {key} of {post} carries the anchor &{anchor}; gc-cli "
                "leaves such values alone: change it by hand"
            ).format(anchor=node.anchor, **facts)
        )
    if node.tag is not None:
        raise Refused(
            _(
                "{where}: the {key} of {post} carries the tag {tag}; gc-cli leaves "
                "such values alone: change it by hand"
            ).format(tag=node.tag.replace("tag:yaml.org,2002:", "!!"), **facts)
        )
    one_line = node.line == key.line and _end_line(snapshot, node) == key.line
    if (node.kind == "scalar" and (node.style in ("|", ">") or not one_line)) or (
        node.flow and not one_line
    ):
        raise Refused(
            _(
                "{where}: the {key} of {post} is written over several lines; gc-cli "
                "changes it only when it is written on one line: write it so, or change "
                "it by hand"
            ).format(**facts)
        )


def _end_line(snapshot: Snapshot, node: Node) -> int:
    """The line a node's content ends on (a block collection: its last item's)."""
    return _content_end(snapshot, node)[1]


def _content_end(snapshot: Snapshot, node: Node) -> tuple[int, int]:
    """Where a node's content ends: the index in the text and its 0-based line.

    libyaml ends a block collection where the next token starts, past blank
    and comment lines; its content ends with its last scalar, alias or flow
    collection. An empty plain scalar (``key:`` and nothing) ends where it starts.
    """
    events = snapshot.events
    i = node.last
    # A block collection's end is a zero-width event: step back to real content.
    while type(events[i]) in (_MAP_END, _SEQ_END) and _zero_width(events[i]) and i > node.event:
        i -= 1
    mark = events[i].end_mark
    return mark.index, mark.line


def _zero_width(event: Any) -> bool:
    return bool(event.start_mark.index == event.end_mark.index)


def _one_line_key(snapshot: Snapshot, pair: tuple[Node, Node]) -> bool:
    """Whether a key and its value are written alone on one line (a comment may follow)."""
    key, node = pair
    text = snapshot.text
    if node.kind == "scalar" and node.value == "" and node.style == "" and node.start == node.end:
        return False  # "key:" alone: its empty value may be read from the next line
    if node.kind in ("mapping", "sequence") and not node.flow:
        return False
    if node.style in ("|", ">") or node.line != key.line:
        return False
    end, line = _content_end(snapshot, node)
    if line != key.line:
        return False
    start, stop, _ = _line_bounds(text, key.start)
    return bool(_KEY_PREFIX.match(text[start : key.start]) and _LINE_REST.match(text[end:stop]))


def _insert(
    snapshot: Snapshot,
    post: PostLayout,
    post_id: str,
    key_name: str,
    value: Value,
    after: Sequence[str],
    where: str,
) -> LineEdit:
    text = snapshot.text
    anchor = next(
        (
            post.keys[name]
            for name in after
            if name in post.keys
            and name not in post.repeated
            and _one_line_key(snapshot, post.keys[name])
        ),
        None,
    )
    if anchor is None:
        anchor = post.keys["id"]
        key, node = anchor
        start, end, _after = _line_bounds(text, key.start)
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
                    "{key} right after a plain 'id: ...' line. Add it by hand"
                ).format(where=where, post=repr(post_id), key=key_name)
            )
    key, node = anchor
    _start, end, after_break = _line_bounds(text, key.start)
    # The post's keys all start at one column (for "- id: x", the column of
    # "id", two past the dash), so the new key is indented to it.
    lines = _key_lines(snapshot, key_name, value, key.column)
    brk = _line_break(text, end)
    block = brk.join(lines)
    if after_break == end:  # the line is the file's last, with no line break
        at, new = end, _line_break(text, 0) + block
    else:
        at, new = after_break, block + brk
    position = node.last + 1
    return LineEdit(
        post_id,
        post.index,
        "insert",
        key.line + 1,
        at,
        at,
        new,
        None,
        block,
        value,
        event=position,
        written=lines[0].split(": ", 1)[1] if isinstance(value, str) else None,
        key=key_name,
        stop=position,
    )


def _key_lines(snapshot: Snapshot, key: str, value: Value, column: int) -> list[str]:
    """``key: value`` as new lines at ``column``: a collection in the file's style."""
    indent = " " * column
    if isinstance(value, str):
        return [f"{indent}{key}: {format_value(value)}"]
    kind: Literal["mapping", "sequence"] = "sequence" if isinstance(value, list) else "mapping"
    if not value or not _block_style(snapshot, kind):
        return [f"{indent}{key}: {_flow(value)}"]
    sequence, mapping = _offsets(snapshot)
    if isinstance(value, list):
        return [f"{indent}{key}:"] + [" " * (column + sequence) + f"- {_flow(v)}" for v in value]
    pad = " " * (column + mapping)
    return [f"{indent}{key}:"] + [f"{pad}{format_value(k)}: {_flow(v)}" for k, v in value.items()]


def _post_values(snapshot: Snapshot) -> list[tuple[Node, Node]]:
    return [
        pair for post in snapshot.layout.posts if post is not None for pair in post.keys.values()
    ]


def _block_style(snapshot: Snapshot, kind: Literal["mapping", "sequence"]) -> bool:
    """Whether the file's posts write lists of plain values (``kind`` sequence) or
    mappings of them in block style more often than in flow style."""
    events = snapshot.events
    block = flow = 0
    for _key, node in _post_values(snapshot):
        if node.kind != kind:
            continue
        inner = events[node.event + 1 : node.last]
        if kind == "sequence" and any(type(e) is not _SCALAR for e in inner):
            continue  # a list of mappings (images:) says nothing of lists of values
        if node.flow:
            flow += 1
        else:
            block += 1
    return block > flow


def _offsets(snapshot: Snapshot) -> tuple[int, int]:
    """How far the file indents a block list's dashes and a block mapping's keys from
    their key (2 and 2 when it has none)."""
    text = snapshot.text
    sequence = mapping = None
    for key, node in _post_values(snapshot):
        if node.flow or node.kind not in ("mapping", "sequence"):
            continue
        children = _children(snapshot, node)
        if not children:
            continue
        first = children[0]
        if node.kind == "sequence" and sequence is None:
            start = _line_bounds(text, first.start)[0]
            dash = text.find("-", start, first.start)
            if dash >= 0:
                sequence = dash - start - key.column
        elif node.kind == "mapping" and mapping is None:
            mapping = first.column - key.column
        if sequence is not None and mapping is not None:
            break
    return max(sequence if sequence is not None else 2, 0), max(mapping or 2, 1)


def _children(snapshot: Snapshot, node: Node) -> list[Node]:
    """The nodes directly inside a collection (a mapping's keys and values, in turn)."""
    events, ends = snapshot.events, snapshot.ends
    found = []
    i = node.event + 1
    while i < node.last:
        found.append(_node(events, ends, i))
        i = ends[i] + 1
    return found


def _replace(
    text: str, post: PostLayout, post_id: str, key_name: str, key: Node, node: Node, value: str
) -> LineEdit | None:
    start, end, _ = _line_bounds(text, key.start)
    before = text[start:end]
    if node.value == "" and node.style == "" and node.start == node.end:
        # "key:" with nothing after it: the value goes after the colon.
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
        event=key.event,
        written=written,
        key=key_name,
        stop=node.last + 1,
    )


def _replace_collection(
    snapshot: Snapshot,
    post: PostLayout,
    post_id: str,
    key_name: str,
    key: Node,
    node: Node,
    value: Value,
    where: str,
) -> LineEdit | None:
    """A list or a mapping given to a key, or a key that held one given another value."""
    text = snapshot.text
    same_kind = (node.kind == "sequence" and isinstance(value, list)) or (
        node.kind == "mapping" and isinstance(value, dict)
    )
    if node.kind in ("mapping", "sequence") and not node.flow and same_kind:
        if isinstance(value, list):
            span = _block_sequence(snapshot, key_name, node, value, post_id, where)
        else:
            assert isinstance(value, dict)
            span = _block_mapping(snapshot, key_name, node, value, post_id, where)
    elif node.kind in ("mapping", "sequence") and not node.flow:
        # A block collection becomes something else: its lines give way to new ones.
        line_start = _line_bounds(text, key.start)[0]
        if not re.fullmatch(r"[ ]*", text[line_start : key.start]):
            raise _multi_line_refusal(key_name, post_id, where)
        end, _line = _content_end(snapshot, node)
        _s, stop, _a = _line_bounds(text, end)
        if not _LINE_REST.match(text[end:stop]):
            raise _multi_line_refusal(key_name, post_id, where)
        brk = _line_break(text, stop)
        lines = brk.join(_key_lines(snapshot, key_name, value, key.column))
        span = (line_start, stop, lines, key.line + 1)
    elif node.kind == "scalar" and node.value == "" and node.style == "" and node.start == node.end:
        colon = text.index(":", key.end)
        span = (colon + 1, colon + 1, " " + _flow(value), key.line + 1)
    elif node.flow and same_kind:
        span = (node.start, node.end, _flow_merged(snapshot, node, value), key.line + 1)
    else:
        end, _line = _content_end(snapshot, node)
        span = (node.start, end, _flow(value), key.line + 1)
    start, end, new, line = span
    first, _e, _a = _line_bounds(text, start)
    _s, last, _a = _line_bounds(text, max(end - 1, start))
    before = text[first:last]
    after = text[first:start] + new + text[end:last]
    return LineEdit(
        post_id,
        post.index,
        "replace",
        line,
        start,
        end,
        new,
        before,
        after,
        value,
        event=key.event,
        key=key_name,
        stop=node.last + 1,
    )


def _multi_line_refusal(key: str, post_id: str, where: str) -> Refused:
    return Refused(
        _(
            "{where}: an item of the {key} of {post} shares its line with more, or is "
            "written over several lines; gc-cli changes lists and mappings written one "
            "item a line: write them so, or change it by hand"
        ).format(where=where, key=key, post=repr(post_id))
    )


def _flow_merged(snapshot: Snapshot, node: Node, value: Value) -> str:
    """A flow collection holding ``value``, its untouched items as they were written."""
    text = snapshot.text
    events = snapshot.events
    children = _children(snapshot, node)
    close = events[node.last]
    if not children:
        return _flow(value)
    first_start = children[0].start
    last_end = _content_end(snapshot, children[-1])[0]
    opening = text[node.start : first_start]
    closing = text[last_end : close.end_mark.index]
    written: dict[str, str] = {}
    if isinstance(value, list):
        for child in children:
            item, _end = _compose(events, child.event)
            written.setdefault(repr(item), text[child.start : _content_end(snapshot, child)[0]])
        items = [written.get(repr(v)) or _flow(v) for v in value]
    else:
        assert isinstance(value, dict)
        entries: dict[str, tuple[Any, str]] = {}
        for name, item in zip(children[::2], children[1::2], strict=True):
            k, _e = _compose(events, name.event)
            v, _e = _compose(events, item.event)
            entries[repr(k)] = (v, text[name.start : _content_end(snapshot, item)[0]])
        items = []
        for k, v in value.items():
            old = entries.get(repr(k))
            items.append(
                old[1]
                if old is not None and old[0] == v
                else f"{format_value(k, flow=True)}: {_flow(v)}"
            )
    return opening + ", ".join(items) + closing


@dataclass(frozen=True, slots=True)
class _Region:
    """The line of one item of a block collection: where it starts, where its content
    ends, where the line ends and where the next one starts; ``clean`` when the line
    holds that item alone (a comment may follow)."""

    start: int
    content_end: int
    end: int
    after: int
    clean: bool
    prefix: str  # before the item on its line: indentation (and the dash)
    line: int  # 0-based


def _region(snapshot: Snapshot, first: Node, last: Node, prefix: re.Pattern[str]) -> _Region:
    text = snapshot.text
    start, _end, _after = _line_bounds(text, first.start)
    if last.kind == "scalar" and last.value == "" and last.style == "" and last.start == last.end:
        content = text.index(":", first.end) + 1  # "key:" with nothing after it
        line = first.line
    else:
        content, line = _content_end(snapshot, last)
    _s, end, after = _line_bounds(text, content if content > start else first.start)
    clean = (
        line == first.line
        and last.style not in ("|", ">")
        and bool(prefix.fullmatch(text[start : first.start]))
        and bool(_LINE_REST.match(text[content:end]))
    )
    return _Region(start, content, end, after, clean, text[start : first.start], first.line)


_DASH_PREFIX = re.compile(r"[ ]*-[ \t]+")
_INDENT_PREFIX = re.compile(r"[ ]*")


def _block_sequence(
    snapshot: Snapshot, key: str, node: Node, value: list[Value], post_id: str, where: str
) -> tuple[int, int, str, int]:
    """The one splice turning a block list into ``value``: only the lines of the items
    that go or come change."""
    events = snapshot.events
    children = _children(snapshot, node)
    old = [repr(_compose(events, c.event)[0]) for c in children]
    new = [repr(v) for v in value]
    regions = [_region(snapshot, c, c, _DASH_PREFIX) for c in children]
    deleted: set[int] = set()
    inserts: dict[int, list[str]] = {}
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(
        None, old, new, autojunk=False
    ).get_opcodes():
        if tag in ("delete", "replace"):
            deleted.update(range(i1, i2))
        if tag in ("insert", "replace"):
            inserts.setdefault(i1, []).extend(_flow(v) for v in value[j1:j2])
    prefix = next((r.prefix for r in regions if r.clean), None)
    if prefix is None:
        raise _multi_line_refusal(key, post_id, where)
    return _splice_lines(
        snapshot, regions, deleted, inserts, lambda item: prefix + item, key, post_id, where
    )


def _block_mapping(
    snapshot: Snapshot,
    key: str,
    node: Node,
    value: dict[str, Value],
    post_id: str,
    where: str,
) -> tuple[int, int, str, int]:
    """The one splice turning a block mapping into ``value``: entries that go are
    removed, entries that change are rewritten on their line, new ones added (in
    order when the mapping is sorted, else at its end)."""
    text = snapshot.text
    events = snapshot.events
    children = _children(snapshot, node)
    pairs = list(zip(children[::2], children[1::2], strict=True))
    keys = [_compose(events, k.event)[0] for k, _v in pairs]
    regions = [_region(snapshot, k, v, _INDENT_PREFIX) for k, v in pairs]
    deleted: set[int] = set()
    inserts: dict[int, list[str]] = {}
    rewritten: dict[int, str] = {}
    for i, ((_name, item), k) in enumerate(zip(pairs, keys, strict=True)):
        if k not in value:
            deleted.add(i)
        elif _compose(events, item.event)[0] != value[k]:
            region = regions[i]
            if not region.clean:
                raise _multi_line_refusal(key, post_id, where)
            if (
                item.kind == "scalar"
                and item.value == ""
                and item.style == ""
                and item.start == item.end
            ):
                head = text[region.start : region.content_end] + " "
            else:
                head = text[region.start : item.start]
            rewritten[i] = head + _flow(value[k]) + text[region.content_end : region.end]
    ordered = all(isinstance(k, str) for k in keys) and keys == sorted(keys)
    prefix = next((r.prefix for r in regions if r.clean), None)
    for k, v in value.items():
        if k in keys:
            continue
        if prefix is None:
            raise _multi_line_refusal(key, post_id, where)
        at = len(pairs)
        if ordered:
            at = next((i for i, old in enumerate(keys) if old > k), len(pairs))
        inserts.setdefault(at, []).append(f"{format_value(k)}: {_flow(v)}")
    pad = prefix or ""
    return _splice_lines(
        snapshot, regions, deleted, inserts, lambda item: pad + item, key, post_id, where, rewritten
    )


def _splice_lines(
    snapshot: Snapshot,
    regions: list[_Region],
    deleted: set[int],
    inserts: dict[int, list[str]],
    line: Any,
    key: str,
    post_id: str,
    where: str,
    rewritten: dict[int, str] | None = None,
) -> tuple[int, int, str, int]:
    """Lines of a block collection removed (``deleted``), added before an item
    (``inserts``, by its index; past the last for the end) or rewritten: one splice
    from the first line that changes to the last, the lines between copied."""
    text = snapshot.text
    rewritten = rewritten or {}
    n = len(regions)
    touched = set(deleted) | set(rewritten) | {min(i, n - 1) for i in inserts}
    if any(not regions[i].clean for i in touched):
        raise _multi_line_refusal(key, post_id, where)
    first, last = min(touched), max(touched)
    brk = _line_break(text, regions[first].end)
    out: list[str] = []
    pos = regions[first].start
    for i in range(first, last + 1):
        region = regions[i]
        out.append(text[pos : region.start])
        out.extend(line(item) + brk for item in inserts.get(i, ()))
        if i in rewritten:
            out.append(rewritten[i] + text[region.end : region.after])
        elif i not in deleted:
            out.append(text[region.start : region.after])
        pos = region.after
    tail = inserts.get(n)
    if tail:
        if regions[last].after == regions[last].end:  # the file's last line, no break
            out.append(brk + brk.join(line(item) for item in tail))
        else:
            out.extend(line(item) + brk for item in tail)
    return regions[first].start, regions[last].after, "".join(out), regions[first].line + 1


def _remove(
    snapshot: Snapshot,
    post: PostLayout,
    post_id: str,
    key_name: str,
    key: Node,
    node: Node,
    where: str,
) -> LineEdit:
    text = snapshot.text
    start, end, after = _line_bounds(text, key.start)
    facts = {"where": where, "post": repr(post_id), "key": key_name}
    if not re.fullmatch(r"[ ]*", text[start : key.start]):
        raise Refused(
            _(
                "{where}: the {key} of {post} is on its list item's first line "
                "('- {key}: ...'): removing the line would remove the item's dash. Move "
                "{key} below the id: line by hand"
            ).format(**facts)
        )
    content, _line = _content_end(snapshot, node)
    if node.kind in ("mapping", "sequence") and not node.flow:
        _s, end, after = _line_bounds(text, content)
    elif node.kind == "scalar" and node.value == "" and node.style == "" and node.start == node.end:
        content = text.index(":", key.end) + 1
    if not _LINE_REST.match(text[content:end]):
        raise Refused(
            _("{where}: the {key} line of {post} holds more than {key}; remove it by hand").format(
                **facts
            )
        )
    inherited = _inherited(snapshot, post, key_name, own=True)
    if inherited is not None:
        origin, line = inherited
        if origin == "defaults":
            template = _(
                "{where}: removing the {key} line of {post} would give it the {key} of "
                "the file's defaults: (line {line}) instead of none. Write '{key}: null' in "
                "place of its value by hand"
            )
        else:
            template = _(
                "{where}: removing the {key} line of {post} would give it the {key} of "
                "the merge key '<<' (line {line}) instead of none. Write '{key}: null' in "
                "place of its value by hand"
            )
        raise Refused(template.format(line=line, **facts))
    before = text[start:end]
    if after == end and start > 0:
        # The last line, with no line break: take the break before it instead.
        brk_start = start - 2 if text[start - 2 : start] == "\r\n" else start - 1
        start, after = brk_start, end
    return LineEdit(
        post_id,
        post.index,
        "remove",
        key.line + 1,
        start,
        after,
        "",
        before,
        None,
        None,
        event=key.event,
        key=key_name,
        stop=node.last + 1,
    )


def _inherited(
    snapshot: Snapshot, post: PostLayout, key: str, *, own: bool
) -> tuple[Literal["defaults", "merge"], int] | None:
    """Where the post takes ``key`` from when it has no line of its own: the file's
    ``defaults:`` or a ``<<`` merge (which one, and its line), or None.

    ``own`` says whether the post has its own line now (which hides the others).
    """
    pair = snapshot.layout.defaults.get(key)
    if pair is not None and not _is_null(pair[1]):
        return "defaults", pair[0].line + 1
    if post.merge is None:
        return None
    where: tuple[Literal["defaults", "merge"], int] = ("merge", post.merge.line + 1)
    if not own:
        item = _item(snapshot.data, post.index)
        return where if item is not None and item.get(key) is not None else None
    # What a merge brings is only known once its aliases are resolved: read the
    # post as it would be without its own line.
    name, node = post.keys[key]
    start = _line_bounds(snapshot.text, name.start)[0]
    _s, _e, after = _line_bounds(snapshot.text, _content_end(snapshot, node)[0])
    try:
        trial = load(snapshot.text[:start] + snapshot.text[after:]).data
    except YamlFatal:
        return None  # the edit is checked again before writing
    item = _item(trial, post.index)
    return where if item is not None and item.get(key) is not None else None


def _is_null(node: Node) -> bool:
    return node.kind == "scalar" and node.style == "" and node.value in _NULLS


def _item(data: Any, index: int) -> dict[str, Any] | None:
    posts = data.get("posts") if isinstance(data, dict) else None
    item = posts[index] if isinstance(posts, list) and 0 <= index < len(posts) else None
    return item if isinstance(item, dict) else None


def _clear_inherited(
    snapshot: Snapshot, post: PostLayout, post_id: str, key: str, where: str
) -> LineEdit | None:
    inherited = _inherited(snapshot, post, key, own=False)
    if inherited is None:
        return None  # no such key at all: already taken out
    origin, line = inherited
    if origin == "defaults":
        template = _(
            "{where}: post {post} has no {key} line of its own: its {key} comes from "
            "the file's defaults: (line {line}), which every post of the file shares. To "
            "take it out of this post only, add '{key}: null' below its id: by hand"
        )
    else:
        template = _(
            "{where}: post {post} has no {key} line of its own: its {key} comes from "
            "the merge key '<<' (line {line}). To take it out of this post only, add "
            "'{key}: null' below its id: by hand"
        )
    raise Refused(template.format(where=where, post=repr(post_id), key=key, line=line))


# -- reading a value back ----------------------------------------------------

#: A value the writer never writes (an alias, a key that is a collection): unequal to any.
_UNKNOWN = object()


def _compose(events: Sequence[Any], i: int) -> tuple[Any, int]:
    """The value of the node starting at ``events[i]`` as the loader reads it, and the
    index of the event after it. Plain scalars are typed by YAML 1.2's core schema."""
    event = events[i]
    kind = type(event)
    if kind is _SCALAR:
        if event.style or not event.implicit[0]:
            return event.value, i + 1
        return core_scalar(event.value), i + 1
    if kind is _SEQ:
        items = []
        i += 1
        while type(events[i]) is not _SEQ_END:
            item, i = _compose(events, i)
            items.append(item)
        return items, i + 1
    if kind is _MAP:
        mapping: dict[Any, Any] = {}
        broken = False
        i += 1
        while type(events[i]) is not _MAP_END:
            k, i = _compose(events, i)
            v, i = _compose(events, i)
            try:
                mapping[k] = v
            except TypeError:  # a key that is a list or a mapping
                broken = True
        return (_UNKNOWN if broken else mapping), i + 1
    return _UNKNOWN, i + 1


# -- applying edits ----------------------------------------------------------


def render(snapshot: Snapshot, edits: Sequence[LineEdit]) -> bytes:
    """The file's bytes with ``edits`` spliced in; every other byte as it was.

    The result is read again and compared with the original, event by event
    and styles included: apart from the edited keys it must read the same, and
    each edited key must read as the value asked for, or nothing is written
    (:class:`Refused`).
    """
    text = snapshot.text
    ordered = sorted(edits, key=lambda e: (e.start, e.end))
    overlap = any(second.start < first.end for first, second in pairwise(ordered))
    if overlap or len({(e.index, e.key) for e in ordered}) != len(ordered):
        raise GcError(
            _("{file}: two edits of one key of a post, or of one line").format(file=snapshot.file)
        )
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
    one is the original's with each edited key and its value replaced by what
    the result holds there (or taken out); then each edited key must read as
    the value asked for. Anything else that differs means the splice went wrong.
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
    layout = _layout(events)
    got = [_signature(e) for e in events]
    expected: list[Any] = [_signature(e) for e in snapshot.events]
    written: list[tuple[LineEdit, int]] = []
    keys = ", ".join(sorted({edit.key for edit in edits}))
    # From the last event to the first, so the indices of the others hold; two
    # keys added at one place go in the order of the text.
    for _n, edit in sorted(enumerate(edits), key=lambda p: (p[1].event, p[0]), reverse=True):
        if edit.value is None:
            expected[edit.event : edit.stop] = []
            continue
        posts = layout.posts
        post = posts[edit.index] if 0 <= edit.index < len(posts) else None
        pair = post.keys.get(edit.key) if post is not None else None
        if pair is None:
            expected[edit.event : edit.stop] = [("missing", edit.key)]
            continue
        key, node = pair
        expected[edit.event : edit.stop] = got[key.event : node.last + 1]
        written.append((edit, node.event))
    if got != expected:
        differs = (i for i, (a, b) in enumerate(zip(got, expected, strict=False)) if a != b)
        first = next(differs, min(len(got), len(expected)) - 1)
        mark = events[max(0, min(first, len(events) - 1))].start_mark
        assert mark is not None
        raise Refused(
            _(
                "{file}: the edit would change more than {keys} (line {line} would read "
                "differently); nothing written"
            ).format(file=snapshot.file, keys=keys, line=mark.line + 1)
        )
    for edit, event in written:
        value, _end = _compose(events, event)
        if value != edit.value:
            raise Refused(
                _(
                    "{file}: the edit would not give {key} of {post} the value asked for; "
                    "nothing written"
                ).format(file=snapshot.file, key=edit.key, post=repr(edit.post_id))
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


def write_atomic(snapshot: Snapshot, data: bytes) -> None:
    """Replace the file of ``snapshot`` by ``data``, all or nothing (:func:`atomic.replace`).

    The file is locked and must still hold what was read, right up to the
    rename. Raise :class:`Refused` when it changed on disk, or when it is
    read-only, hard-linked, open for writing in another program or its owner
    cannot be kept; :class:`GcError` when it cannot be written.
    """
    with atomic.hold(snapshot.target, snapshot.file, lock=True) as held:
        atomic.replace(held, data, unchanged=snapshot.holds)
