"""Safe YAML reading with YAML 1.2 core scalars and source positions.

PyYAML's C composer (libyaml) builds the node graph; this module turns nodes
into plain Python values itself instead of using PyYAML's constructors, for
three reasons:

* YAML 1.2 core scalars: only ``true``/``false`` are booleans, ``12:30`` and
  ``yes`` stay text, dates and times stay text (PyYAML applies YAML 1.1).
* Positions: every mapping and sequence remembers where its keys and items
  were written, so a problem can point at the exact line and column. Only
  ``(line, column)`` tuples are kept; the node graph is dropped after each file.
* Safety: no language-specific tags, duplicate keys reported, and the values
  built bounded twice: by a budget proportional to the size of the text, so a
  billion-laughs document fails fast in bounded memory, and by
  :data:`MAX_VALUES`, so a file of millions of tiny items is refused before
  it costs minutes and gigabytes.
* YAML 1.2 line breaks: libyaml (YAML 1.1) also breaks lines at NEL, LINE
  SEPARATOR and PARAGRAPH SEPARATOR, where YAML 1.2, editors, git and grep do
  not; those characters are hidden from it and given back in the values.
"""

from __future__ import annotations

import gc
import math
import re
import sys
from dataclasses import dataclass, field
from typing import Any

import yaml
import yaml.reader
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from gc_cli.i18n import N_, Message
from gc_cli.problems import Rule
from gc_cli.store.codes import DUPLICATE_KEY, FILE_UNREADABLE, SCHEMA, YAML_SYNTAX

try:  # The C parser is several times faster; fall back to pure Python without libyaml.
    from yaml import CSafeLoader as _ParserBase
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _ParserBase  # type: ignore[assignment]

Pos = tuple[int, int]
"""A 1-based (line, column)."""

_PLAIN = "?plain"  # tag given to untagged plain scalars, so YAML 1.2 rules decide their type
_TAG = "tag:yaml.org,2002:"
_ALLOWED_TAGS = frozenset(_TAG + t for t in ("str", "int", "float", "bool", "null", "map", "seq"))

_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"[-+]?[0-9]+\Z")
_OCT = re.compile(r"0o[0-7]+\Z")
_HEX = re.compile(r"0x[0-9a-fA-F]+\Z")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?\Z")
_NUMBER_START = frozenset("0123456789+-.")
_INFINITIES = frozenset(s + i for s in ("", "+", "-") for i in (".inf", ".Inf", ".INF"))

#: The most values (texts, numbers, keys, lists, mappings, each repeat of an
#: alias counted) one document may hold: some 7,000 posts, twenty years of
#: daily posts in one file. Building a value and checking it costs far more
#: than its few bytes of text, so the byte cap alone does not bound the work.
MAX_VALUES = 250_000
#: Above this many characters of text, libyaml first counts the text's events
#: in C (a tenth of what building nodes costs), so that a text of too many
#: values is refused before its nodes take memory. Below it, building is
#: cheap enough that the builder's own count decides.
_PRECOUNT_ABOVE = 1 << 20


class YMap(dict[Any, Any]):
    """A mapping read from YAML, with where it and each of its keys were written."""

    __slots__ = ("keys_pos", "pos", "values_pos")

    pos: Pos
    keys_pos: dict[Any, Pos]
    values_pos: dict[Any, Pos]


class YSeq(list[Any]):
    """A sequence read from YAML, with where it and each item were written."""

    __slots__ = ("items_pos", "pos")

    pos: Pos
    items_pos: list[Pos]


@dataclass(frozen=True, slots=True)
class YamlIssue:
    """A problem found while reading: ``yaml-syntax``, ``duplicate-key``, ``schema`` or
    ``file-unreadable`` (too many values)."""

    rule: Rule
    message: str
    line: int
    column: int

    @property
    def code(self) -> str:
        return self.rule.code


class YamlFatal(Exception):
    """The document cannot be read at all; carries the issue to report."""

    def __init__(self, issue: YamlIssue) -> None:
        super().__init__(issue.message)
        self.issue = issue


@dataclass
class YamlDocument:
    """The value of a document (``None`` when empty) and the problems met reading it."""

    data: Any
    issues: list[YamlIssue] = field(default_factory=list)


class _Composer(_ParserBase):
    """libyaml's parser and composer with no YAML 1.1 implicit typing."""

    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is ScalarNode:
            return _PLAIN if implicit[0] else _TAG + "str"
        return _TAG + ("seq" if kind is SequenceNode else "map")


def _pos(node: Node) -> Pos:
    mark = node.start_mark
    return (mark.line + 1, mark.column + 1)


def _line_column(text: str, index: int) -> Pos:
    """The 1-based line and column of ``text[index]``."""
    before = text[:index]
    return before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1


def decode(raw: bytes) -> str:
    """UTF-8 text (a BOM accepted); raise :class:`YamlFatal` naming the first bad byte."""
    body = raw[3:] if raw.startswith(b"\xef\xbb\xbf") else raw
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        # Columns count characters everywhere, so decode what comes before.
        line, column = _line_column(body[: exc.start].decode("utf-8"), exc.start)
        raise YamlFatal(
            YamlIssue(
                YAML_SYNTAX,
                Message(
                    "not UTF-8 text: byte 0x{byte:02X} cannot be decoded (save the file as UTF-8)",
                    byte=body[exc.start],
                ),
                line,
                column,
            )
        ) from None


def _too_many_values(pos: Pos) -> YamlFatal:
    return YamlFatal(
        YamlIssue(
            FILE_UNREADABLE,
            Message(
                "the file holds more than {limit} values (texts, numbers, keys, lists and "
                "mappings, each repeat of an alias counted); it is not read further: "
                "split it into several files",
                limit=MAX_VALUES,
            ),
            *pos,
        )
    )


class _Builder:
    def __init__(self, text_length: int) -> None:
        # Every node of the text can be built once; aliases may add a bounded
        # amount on top. A billion-laughs document exhausts the budget at once.
        proportional = 2 * text_length + 10_000
        self.budget = min(proportional, MAX_VALUES)
        self.capped = proportional > MAX_VALUES
        self.issues: list[YamlIssue] = []
        self._active: set[int] = set()

    def _exhausted(self, node: Node) -> None:
        if self.capped:
            raise _too_many_values(_pos(node))
        line, column = _pos(node)
        raise YamlFatal(
            YamlIssue(
                YAML_SYNTAX,
                Message(
                    "aliases expand to far more data than the file holds "
                    "(an alias bomb?); refusing to read it"
                ),
                line,
                column,
            )
        )

    def build(self, node: Node) -> Any:
        self.budget -= 1
        if self.budget < 0:
            self._exhausted(node)
        if node.__class__ is ScalarNode:
            if node.tag == _PLAIN:
                return _core_scalar(node.value)
            return self.scalar(node)
        key = id(node)
        if key in self._active:
            line, column = _pos(node)
            raise YamlFatal(
                YamlIssue(YAML_SYNTAX, Message("an alias refers to itself"), line, column)
            )
        self._active.add(key)
        try:
            self.check_tag(node)
            if node.__class__ is SequenceNode:
                return self.sequence(node)
            return self.mapping(node)  # type: ignore[arg-type]
        finally:
            self._active.discard(key)

    def check_tag(self, node: Node) -> None:
        tag = node.tag
        if tag != _PLAIN and tag not in _ALLOWED_TAGS:
            line, column = _pos(node)
            raise YamlFatal(
                YamlIssue(
                    YAML_SYNTAX,
                    Message(
                        "the tag {tag} is not allowed: only plain YAML "
                        "(text, numbers, true/false, null, lists, mappings) is read",
                        tag=tag.replace(_TAG, "!!"),
                    ),
                    line,
                    column,
                )
            )

    def scalar(self, node: ScalarNode) -> Any:
        value: str = node.value
        tag = node.tag
        if tag == _PLAIN:
            return _core_scalar(value)
        if tag == _TAG + "str":
            return value
        self.check_tag(node)
        typed = _core_scalar(value) if value else None
        expected = {
            _TAG + "int": int,
            _TAG + "float": float,
            _TAG + "bool": bool,
            _TAG + "null": type(None),
        }.get(tag)
        if expected is float and type(typed) is int:
            return float(typed)
        if expected is None or type(typed) is not expected:
            line, column = _pos(node)
            raise YamlFatal(
                YamlIssue(
                    YAML_SYNTAX,
                    Message(
                        "{value!r} is not a valid {tag}", value=value, tag=tag.replace(_TAG, "!!")
                    ),
                    line,
                    column,
                )
            )
        return typed

    def sequence(self, node: SequenceNode) -> YSeq:
        build = self.build
        seq = YSeq([build(item) for item in node.value])
        mark = node.start_mark
        seq.pos = (mark.line + 1, mark.column + 1)
        seq.items_pos = [
            (m.line + 1, m.column + 1) for m in (item.start_mark for item in node.value)
        ]
        return seq

    def mapping(self, node: MappingNode) -> YMap:
        # Keys are values too (of the text, and of the work): counted at once.
        self.budget -= len(node.value)
        if self.budget < 0:
            self._exhausted(node)
        result = YMap()
        result.pos = _pos(node)
        keys_pos: dict[Any, Pos] = {}
        values_pos: dict[Any, Pos] = {}
        merged: list[YMap] = []
        for key_node, value_node in node.value:
            if (
                isinstance(key_node, ScalarNode)
                and key_node.tag == _PLAIN
                and key_node.value == "<<"
            ):
                merged.extend(self.merge_sources(value_node))
                continue
            if not isinstance(key_node, ScalarNode):
                line, column = _pos(key_node)
                self.issues.append(
                    YamlIssue(
                        SCHEMA,
                        Message("a key must be plain text, not a list or mapping"),
                        line,
                        column,
                    )
                )
                continue
            key = _core_scalar(key_node.value) if key_node.tag == _PLAIN else self.scalar(key_node)
            if key in keys_pos:
                first = keys_pos[key][0]
                line, column = _pos(key_node)
                self.issues.append(
                    YamlIssue(
                        DUPLICATE_KEY,
                        Message(
                            "key {key!r} is written twice in this mapping "
                            "(first at line {first}); only one is allowed",
                            key=key,
                            first=first,
                        ),
                        line,
                        column,
                    )
                )
                continue
            mark = key_node.start_mark
            keys_pos[key] = (mark.line + 1, mark.column + 1)
            mark = value_node.start_mark
            values_pos[key] = (mark.line + 1, mark.column + 1)
            result[key] = self.build(value_node)
        # Merge keys (a YAML 1.1 idiom people use with anchors): keys written
        # in the mapping itself win, earlier sources win over later ones.
        for source in merged:
            for key, value in source.items():
                if key not in keys_pos:
                    result[key] = value
                    keys_pos[key] = source.keys_pos[key]
                    values_pos[key] = source.values_pos[key]
        result.keys_pos = keys_pos
        result.values_pos = values_pos
        return result

    def merge_sources(self, node: Node) -> list[YMap]:
        nodes = node.value if isinstance(node, SequenceNode) else [node]
        sources = []
        for item in nodes:
            value = self.build(item)
            if not isinstance(value, YMap):
                line, column = _pos(item)
                raise YamlFatal(
                    YamlIssue(YAML_SYNTAX, Message("'<<' merges mappings only"), line, column)
                )
            sources.append(value)
        return sources


def core_scalar(value: str) -> Any:
    """What a plain scalar written as ``value`` reads as (YAML 1.2 core): text, a number,
    a boolean or None, as the loader reads it."""
    return _core_scalar(value)


def _core_scalar(value: str) -> Any:
    """Type a plain scalar by the YAML 1.2 core schema."""
    if not value or value[0] not in _NUMBER_START:
        if value in _NULLS:
            return None
        if value in _BOOLS:
            return _BOOLS[value]
        return value
    if _INT.match(value):
        try:
            return int(value)
        except ValueError:
            # Over Python's 4,300 digits for a decimal conversion (a guard against
            # quadratic work, see sys.set_int_max_str_digits): no count, date or
            # limit is that long, so it stays the text it is.
            return value
    if _OCT.match(value):
        return int(value[2:], 8)
    if _HEX.match(value):
        return int(value[2:], 16)
    if _FLOAT.match(value):
        return float(value)
    if value in _INFINITIES:
        return -math.inf if value[0] == "-" else math.inf
    if value in (".nan", ".NaN", ".NAN"):
        return math.nan
    return value


# What libyaml says when it cannot parse a text (its problem, then what it
# was doing), marked for the catalog: a known sentence is shown translated,
# any other as libyaml words it. The wording is libyaml's (scanner.c,
# parser.c) and PyYAML's composer's; the keys must match it exactly.
_LIBYAML = frozenset(
    (
        N_("mapping values are not allowed in this context"),
        N_("block sequence entries are not allowed in this context"),
        N_("could not find expected ':'"),
        N_("did not find expected ',' or ']'"),
        N_("did not find expected ',' or '}'"),
        N_("did not find expected '-' indicator"),
        N_("did not find expected key"),
        N_("did not find expected node content"),
        N_("did not find expected <document start>"),
        N_("did not find expected comment or line break"),
        N_("did not find expected whitespace or line break"),
        N_("did not find expected alphabetic or numeric character"),
        N_("found character that cannot start any token"),
        N_("found unexpected end of stream"),
        N_("found unknown escape character"),
        N_("found a tab character that violates indentation"),
        N_("found a tab character where an indentation space is expected"),
        N_("found unexpected ':'"),
        N_("found unexpected document indicator"),
        N_("found undefined tag handle"),
        N_("found undefined alias"),
        N_("found an indentation indicator equal to 0"),
        N_("found invalid Unicode character escape code"),
        N_("control characters are not allowed"),
        N_("but found another document"),
        N_("expected a single document in the stream"),
        N_("while scanning a simple key"),
        N_("while scanning a quoted scalar"),
        N_("while scanning a plain scalar"),
        N_("while scanning a block scalar"),
        N_("while scanning for the next token"),
        N_("while scanning an alias"),
        N_("while scanning an anchor"),
        N_("while scanning a tag"),
        N_("while parsing a block mapping"),
        N_("while parsing a block collection"),
        N_("while parsing a block node"),
        N_("while parsing a flow sequence"),
        N_("while parsing a flow mapping"),
        N_("while parsing a flow node"),
        N_("while parsing a node"),
        N_("while parsing a quoted scalar"),
    )
)


def _libyaml(text: str) -> str:
    """libyaml's ``text`` as a :class:`Message` when the catalog knows it."""
    return Message(text) if text in _LIBYAML else text


def load(text: str) -> YamlDocument:
    """Read one YAML document; raise :class:`YamlFatal` when it cannot be read.

    Problems that still leave a usable value (duplicate keys, non-scalar keys)
    are returned in :attr:`YamlDocument.issues`.
    """
    text, restore = yaml12_text(text)
    if len(text) > _PRECOUNT_ABOVE:
        _precount(text)
    composer = _Composer(text)
    try:
        node = composer.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = _libyaml(exc.problem) if exc.problem else str(exc)
        if exc.context and "duplicate anchor" in exc.context:
            # libyaml's composer keeps one node per anchor name.
            first = exc.context_mark.line + 1 if exc.context_mark else "?"
            message = Message(
                "this anchor is already defined at line {line}: give each anchor its own name",
                line=first,
            )
        elif exc.context:
            message = Message(
                "{problem} ({context})", problem=message, context=_libyaml(exc.context)
            )
        raise YamlFatal(YamlIssue(YAML_SYNTAX, message, line, column)) from None
    except yaml.reader.ReaderError as exc:
        # A character YAML forbids (NUL, most control characters): libyaml
        # gives its index in the text, not a line and column.
        line, column = _line_column(text, exc.position)
        code = f"U+{exc.character:04X}" if isinstance(exc.character, int) else repr(exc.character)
        message = Message("the control character {code} is not allowed in YAML text", code=code)
        raise YamlFatal(YamlIssue(YAML_SYNTAX, message, line, column)) from None
    except yaml.YAMLError as exc:
        message = " ".join(str(exc).split())
        raise YamlFatal(YamlIssue(YAML_SYNTAX, message, 1, 1)) from None
    finally:
        composer.dispose()
    if node is None:
        return YamlDocument(None)
    if restore is not None:
        _give_back(node, restore)
    builder = _Builder(len(text))
    # Many small containers are created and all stay alive: the cyclic
    # collector would rescan them again and again for nothing.
    was_enabled = gc.isenabled()
    gc.disable()
    # libyaml refuses nesting deeper than 1,000 levels; building recurses about
    # twice per level, above Python's default limit of 1,000 frames.
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, 5_000))
    try:
        data = builder.build(node)
    finally:
        sys.setrecursionlimit(limit)
        if was_enabled:
            gc.enable()
    return YamlDocument(data, builder.issues)


def _precount(text: str) -> None:
    """Refuse ``text`` before any node is built when it surely holds over :data:`MAX_VALUES`.

    libyaml counts the events in C. Every value is one event (a text, an
    alias) or two (the start and end of a list or mapping), so more than
    twice the limit (plus the stream's and document's four) means too many
    values. Only then are events read one by one, to say where the limit is
    passed. A text that does not parse is left to the composer, which says
    where.
    """
    counter = _ParserBase(text)
    try:
        events = counter.raw_parse() if hasattr(counter, "raw_parse") else 0
    except yaml.YAMLError:
        return
    finally:
        counter.dispose()
    if events - 4 <= 2 * MAX_VALUES:
        return
    parser = _ParserBase(text)
    count = 0
    try:
        while (event := parser.get_event()) is not None:
            if isinstance(event, _VALUE_EVENTS):
                count += 1
                if count > MAX_VALUES:
                    mark = event.start_mark
                    raise _too_many_values((mark.line + 1, mark.column + 1) if mark else (1, 1))
    finally:
        parser.dispose()


_VALUE_EVENTS = (
    yaml.ScalarEvent,
    yaml.AliasEvent,
    yaml.SequenceStartEvent,
    yaml.MappingStartEvent,
)

# libyaml (YAML 1.1) also breaks lines at NEL, LINE SEPARATOR and PARAGRAPH
# SEPARATOR; YAML 1.2 (§5.4: "line breaks are [CR and LF] only"), editors,
# git and grep do not. A comment holding one would end there and the rest of
# it be read as YAML, and every line number after it would be off.
_YAML11_BREAKS = "\x85\u2028\u2029"
#: The Unicode private-use area (U+E000 to U+F8FF): printable for libyaml, and
#: meaning nothing of its own, so a character of it can stand in for a break.
_PRIVATE_USE = range(0xE000, 0xF900)


def yaml12_text(text: str) -> tuple[str, dict[int, str] | None]:
    """``text`` with NEL, LS and PS replaced for libyaml, and how to give them back.

    Each is replaced by a private-use character that the text neither holds
    nor can make with an escape (``"\\uE000"``), so that positions stay the
    same and a value holds what was written. Returns the text and a
    ``str.translate`` table from stand-ins to the originals, or ``None`` when
    there was nothing to replace.
    """
    breaks = [c for c in _YAML11_BREAKS if c in text]
    if not breaks:
        return text, None
    folded = text.lower()
    stand_ins = (
        chr(code) for code in _PRIVATE_USE if chr(code) not in text and f"{code:x}" not in folded
    )
    forward = {ord(c): stand_in for c, stand_in in zip(breaks, stand_ins, strict=False)}
    if len(forward) < len(breaks):  # a text using the whole private-use area: left as it is
        return text, None
    back = {ord(stand_in): chr(original) for original, stand_in in forward.items()}
    return text.translate(forward), back


def _give_back(root: Node, table: dict[int, str]) -> None:
    """Put the originals of :func:`yaml12_text` back into every text of the node graph."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, ScalarNode):
            node.value = node.value.translate(table)
        elif isinstance(node, SequenceNode):
            stack.extend(node.value)
        else:
            for key, value in node.value:
                stack.extend((key, value))
