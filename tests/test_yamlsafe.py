"""The safe YAML reader as data: YAML 1.2 core scalars, positions, and refusals."""

from __future__ import annotations

import math
import os

import pytest

from gc_cli.store.codes import DUPLICATE_KEY, SCHEMA, YAML_SYNTAX
from gc_cli.store.yamlsafe import EXCERPT_AFTER, YamlFatal, YamlIssue, YMap, YSeq, decode, load


def value(text: str) -> object:
    """The value of ``v:`` in a one-line document ``v: TEXT``."""
    document = load(f"v: {text}\n")
    assert document.issues == []
    return document.data["v"]


def fatal(text: str) -> YamlIssue:
    with pytest.raises(YamlFatal) as caught:
        load(text)
    return caught.value.issue


# -- YAML 1.2 core scalars --------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "yes",
        "no",
        "on",
        "off",
        "y",
        "n",
        "Yes",
        "NO",
        "On",
        "OFF",
        "12:30",
        "1:30:00",
        "2026-12-01",
        "2026-12-01 09:00",
        "2026-12-01T09:00:00-05:00",
        "1_000",
        "0b101",
        "nULL",
        "TrUe",
        "0x",
        "0o8",
        "0xG",
        ".",
        "-x",
    ],
)
def test_yaml_1_1_values_stay_text(text: str) -> None:
    result = value(text)
    assert result == text
    assert type(result) is str


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("true", True),
        ("false", False),
        ("True", True),
        ("False", False),
        ("TRUE", True),
        ("FALSE", False),
    ],
)
def test_only_true_and_false_are_booleans(text: str, expected: bool) -> None:
    assert value(text) is expected


@pytest.mark.parametrize("text", ["~", "null", "Null", "NULL", ""])
def test_nulls(text: str) -> None:
    assert value(text) is None


def test_empty_value_in_block_mapping_is_null() -> None:
    assert load("a:\nb: ''\n").data == {"a": None, "b": ""}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0", 0),
        ("42", 42),
        ("-7", -7),
        ("+3", 3),
        ("012", 12),  # YAML 1.2: decimal, not octal
        ("0x1F", 31),
        ("0xff", 255),
        ("0o17", 15),
    ],
)
def test_integers(text: str, expected: int) -> None:
    result = value(text)
    assert result == expected
    assert type(result) is int


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.5", 1.5),
        ("-1.5e3", -1500.0),
        (".5", 0.5),
        ("1.", 1.0),
        ("1e3", 1000.0),
        ("1E+3", 1000.0),
        ("0.5e-2", 0.005),
        ("+.inf", math.inf),
        ("-.inf", -math.inf),
        ("-.Inf", -math.inf),
    ],
)
def test_floats(text: str, expected: float) -> None:
    result = value(text)
    assert result == expected
    assert type(result) is float


def test_unsigned_infinity_and_nan_are_floats() -> None:
    assert value(".inf") == math.inf
    assert value(".Inf") == math.inf
    assert value(".INF") == math.inf
    for text in (".nan", ".NaN", ".NAN"):
        result = value(text)
        assert isinstance(result, float)
        assert math.isnan(result)


@pytest.mark.parametrize("text", ["0x1_F", "0x-1", "0o+7"])
def test_malformed_hex_and_octal_stay_text(text: str) -> None:
    assert value(text) == text


@pytest.mark.parametrize(
    "text",
    ["'true'", '"false"', "'12'", '"0x1F"', "'~'", '"null"', "''", "'2026-12-01'", '"1.5"'],
)
def test_quoted_scalars_are_text(text: str) -> None:
    result = value(text)
    assert result == text[1:-1]
    assert type(result) is str


def test_block_scalars_are_text() -> None:
    assert load("a: |\n  true\nb: >\n  12\n").data == {"a": "true\n", "b": "12\n"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("!!str true", "true"),
        ("!!str 12", "12"),
        ("!!str ~", "~"),
        ("!!int '3'", 3),
        ("!!float 2", 2.0),
        ("!!bool 'false'", False),
        ("!!null ''", None),
    ],
)
def test_standard_tags(text: str, expected: object) -> None:
    result = value(text)
    assert result == expected
    assert type(result) is type(expected)


def test_standard_tag_with_wrong_value_is_refused() -> None:
    issue = fatal("a: 1\nb: !!bool yes\n")
    assert issue == YamlIssue(YAML_SYNTAX, "'yes' is not a valid !!bool", 2, 4)


# -- positions --------------------------------------------------------------

POSITIONS = """\
posts:
  - id: x
    title:  Foo
  - [a,  b]
k: {x: 1}
"""


def test_positions_of_keys_values_and_items() -> None:
    data = load(POSITIONS).data
    assert isinstance(data, YMap)
    assert data.pos == (1, 1)
    assert data.keys_pos == {"posts": (1, 1), "k": (5, 1)}
    assert data.values_pos == {"posts": (2, 3), "k": (5, 4)}
    posts = data["posts"]
    assert isinstance(posts, YSeq)
    assert posts.pos == (2, 3)
    assert posts.items_pos == [(2, 5), (4, 5)]
    first = posts[0]
    assert first.pos == (2, 5)
    assert first.keys_pos == {"id": (2, 5), "title": (3, 5)}
    assert first.values_pos == {"id": (2, 9), "title": (3, 13)}
    assert posts[1].items_pos == [(4, 6), (4, 10)]
    flow = data["k"]
    assert (flow.pos, flow.keys_pos, flow.values_pos) == ((5, 4), {"x": (5, 5)}, {"x": (5, 8)})


def test_columns_count_characters_not_bytes() -> None:
    data = load("é: [ééé, x]\n").data
    assert data.values_pos == {"é": (1, 4)}
    assert data["é"].items_pos == [(1, 5), (1, 10)]


def test_positions_with_crlf_line_endings() -> None:
    data = load("a: 1\r\nb:\r\n  - z\r\n").data
    assert data == {"a": 1, "b": ["z"]}
    assert data.keys_pos == {"a": (1, 1), "b": (2, 1)}
    assert data["b"].items_pos == [(3, 5)]


def test_values_are_plain_dicts_and_lists() -> None:
    data = load("a: [1, {b: 2}]\n").data
    assert data == {"a": [1, {"b": 2}]}
    assert isinstance(data, dict)
    assert isinstance(data["a"], list)
    assert isinstance(data["a"][1], YMap)


# -- keys -------------------------------------------------------------------


def test_duplicate_key_is_reported_at_the_second_one() -> None:
    document = load("a: 1\nb: 2\na: 3\n")
    assert document.data == {"a": 1, "b": 2}  # the first one is kept, not silently replaced
    assert document.issues == [
        YamlIssue(
            DUPLICATE_KEY,
            "key 'a' is written twice in this mapping (first at line 1); only one is allowed",
            3,
            1,
        )
    ]


def test_duplicate_key_in_a_nested_mapping() -> None:
    document = load("posts:\n  - id: a\n    title: Un\n    title: Deux\n")
    assert document.data["posts"][0]["title"] == "Un"
    [issue] = document.issues
    assert (issue.code, issue.line, issue.column) == ("duplicate-key", 4, 5)
    assert "'title'" in issue.message
    assert "first at line 3" in issue.message


def test_keys_typed_differently_are_not_duplicates() -> None:
    document = load("1: a\n'1': b\n")
    assert document.issues == []
    assert document.data == {1: "a", "1": "b"}


def test_non_scalar_key_is_a_schema_issue() -> None:
    document = load("? [a]\n: 1\nb: 2\n")
    assert document.data == {"b": 2}
    assert document.issues == [
        YamlIssue(SCHEMA, "a key must be plain text, not a list or mapping", 1, 3)
    ]


# -- anchors, aliases, merge keys -------------------------------------------


def test_anchor_and_alias() -> None:
    data = load("a: &x {k: 1}\nb: *x\nc: [*x, *x]\n").data
    assert data == {"a": {"k": 1}, "b": {"k": 1}, "c": [{"k": 1}, {"k": 1}]}
    assert isinstance(data["b"], YMap)
    assert data["b"].keys_pos == {"k": (1, 8)}  # where the anchored mapping was written


def test_merge_key_own_keys_win() -> None:
    data = load("base: &b {x: 1, y: 2}\nd:\n  <<: *b\n  y: 3\n").data
    assert data["d"] == {"x": 1, "y": 3}
    assert "<<" not in data["d"]
    assert data["d"].keys_pos == {"y": (4, 3), "x": (1, 11)}


def test_merge_key_list_earlier_sources_win() -> None:
    text = "a: &a {x: 1}\nb: &b {x: 2, y: 2}\nc:\n  <<: [*a, *b]\n"
    assert load(text).data["c"] == {"x": 1, "y": 2}


def test_merge_of_a_scalar_is_refused() -> None:
    assert fatal("a: 1\n<<: 3\n") == YamlIssue(YAML_SYNTAX, "'<<' merges mappings only", 2, 5)


def test_quoted_merge_key_is_an_ordinary_key() -> None:
    assert load("'<<': 1\n").data == {"<<": 1}


def test_recursive_alias_is_refused() -> None:
    assert fatal("a: &x [1, *x]\n") == YamlIssue(YAML_SYNTAX, "an alias refers to itself", 1, 4)


def test_recursive_alias_through_a_mapping_is_refused() -> None:
    issue = fatal("a: &x\n  b: *x\n")
    assert (issue.code, issue.message) == ("yaml-syntax", "an alias refers to itself")


def test_redefined_anchor_is_refused_with_both_lines() -> None:
    # YAML lets an anchor be redefined; libyaml's composer does not. A clear,
    # located refusal is the documented behaviour.
    issue = fatal("a: &x 1\nb: &x 2\nc: *x\n")
    assert (issue.code, issue.line, issue.column) == ("yaml-syntax", 2, 4)
    assert issue.message == (
        "this anchor is already defined at line 1: give each anchor its own name"
    )


def test_undefined_alias_is_a_syntax_error() -> None:
    issue = fatal("a: 1\nb: *nope\n")
    assert (issue.code, issue.line, issue.column) == ("yaml-syntax", 2, 4)
    assert "anchor (&name) that is not defined above" in issue.message


def test_billion_laughs_is_refused() -> None:
    lines = ['lol: &l0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(1, 10):
        refs = ",".join([f"*l{level - 1}"] * 10)
        lines.append(f"lol{level}: &l{level} [{refs}]")
    issue = fatal("\n".join(lines) + "\n")
    assert issue.code == "yaml-syntax"
    assert "alias bomb" in issue.message


def test_quadratic_blowup_is_refused() -> None:
    # One large anchor referenced many times: no deep nesting, still a bomb.
    big = "[" + ",".join(["x"] * 2000) + "]"
    refs = ",".join(["*a"] * 2000)
    issue = fatal(f"a: &a {big}\nb: [{refs}]\n")
    assert issue.code == "yaml-syntax"
    assert "alias bomb" in issue.message


def test_ordinary_alias_reuse_is_accepted() -> None:
    # Sharing one defaults block between many posts is legitimate.
    items = "".join(f"  - {{<<: *d, id: p{i}}}\n" for i in range(200))
    data = load("d: &d {owner: marie, status: draft, channels: [facebook, x]}\nposts:\n" + items)
    posts = data.data["posts"]
    assert len(posts) == 200
    assert posts[199] == {
        "id": "p199",
        "owner": "marie",
        "status": "draft",
        "channels": ["facebook", "x"],
    }


# -- refusals -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "tag"),
    [
        ("a: !!python/object/apply:os.system ['echo pwned']\n", "!!python/object/apply:os.system"),
        ("a: !!python/name:os.system ''\n", "!!python/name:os.system"),
        ("a: !!python/object:builtins.dict {x: 1}\n", "!!python/object:builtins.dict"),
        ("a: !!set {x: null}\n", "!!set"),
        ("a: !!timestamp 2026-12-01\n", "!!timestamp"),
        ("a: !!binary aGVsbG8=\n", "!!binary"),
        ("a: !custom 3\n", "!custom"),
    ],
)
def test_language_and_unknown_tags_are_refused(
    text: str, tag: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[object] = []
    monkeypatch.setattr(os, "system", lambda *args: calls.append(args))
    issue = fatal(text)
    assert (issue.code, issue.line, issue.column) == ("yaml-syntax", 1, 4)
    assert f"the tag {tag} is not allowed" in issue.message
    assert calls == []


def test_tag_on_a_nested_item_is_refused_at_its_position() -> None:
    issue = fatal("posts:\n  - id: a\n    title: !!python/object/apply:os.system ['ls']\n")
    assert (issue.code, issue.line, issue.column) == ("yaml-syntax", 3, 12)


def test_deep_nesting_is_refused_cleanly() -> None:
    issue = fatal("[" * 10_000 + "]" * 10_000)
    assert (issue.code, issue.line, issue.column) == ("yaml-syntax", 1, 1001)
    assert "nesting depth" in issue.message


def test_deep_block_nesting_is_refused_cleanly() -> None:
    text = "".join("  " * i + "a:\n" for i in range(5000))
    issue = fatal(text)
    assert (issue.code, issue.line) == ("yaml-syntax", 1000)
    assert "nesting depth" in issue.message


@pytest.mark.parametrize("depth", [600, 999])
def test_nesting_within_the_parser_limit_is_read(depth: int) -> None:
    # Deeper than Python's default recursion limit, within libyaml's: read, not crashed.
    data = load("[" * depth + "]" * depth).data
    for _ in range(depth - 1):
        assert isinstance(data, YSeq)
        assert len(data) == 1
        data = data[0]
    assert data == []


def test_deep_mapping_nesting_within_the_parser_limit_is_read() -> None:
    data = load("{a: " * 900 + "1" + "}" * 900).data
    for _ in range(900):
        data = data["a"]
    assert data == 1


def test_multiple_documents_are_refused() -> None:
    issue = fatal("a: 1\n---\nb: 2\n")
    assert (issue.code, issue.line, issue.column) == ("yaml-syntax", 2, 1)
    assert "a second document starts here" in issue.message


def test_one_explicit_document_is_fine() -> None:
    assert load("---\na: 1\n...\n").data == {"a": 1}


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n", "---\n"])
def test_empty_document(text: str) -> None:
    document = load(text)
    assert document.data is None
    assert document.issues == []


@pytest.mark.parametrize(
    ("text", "line", "column", "fragment"),
    [
        # Where a bracket or a quote is never closed: where it opens.
        ("posts:\n  - id: a\n    title: [unclosed\n", 3, 12, "is not closed with ']'"),
        ("a: 1\n b: 2\n", 2, 3, "would start a new key inside a value"),
        ("a: b: c\n", 1, 5, "would start a new key inside a value"),
        ('a: "x\n', 1, 4, "its closing quote is missing"),
        ("\tposts: 1\n", 1, 1, "a tab indents this line"),
        ("a:\n  b: 1\n\tc: 2\n", 3, 1, "a tab indents this line"),
        ("a: @marie\n", 1, 4, "'@' cannot start a value: put the value in quotes"),
        ("a: [x, y\nb: 1\n", 1, 4, "is not closed with ']'"),
        ("a: {x: 1\n", 1, 4, "is not closed with '}'"),
        ("a: 1\nb c\nd: 2\n", 2, 1, "has no ':' after its key"),
        ("a:\n  - b: 1\n   c: 2\n", 3, 4, "this line is not indented like the items"),
        ("a:\n  - 1\n - 2\n", 3, 2, "a line indented like no key above"),
        ("a: - 1\n", 1, 4, "a list cannot start on the line of its key"),
        ('a: "x" y\n', 1, 8, "does not start with a key"),
        ('a: "C:\\d"\n', 1, 7, "an escape YAML does not know"),
        ("a: *bold*\n", 1, 4, "'*' starts a reference to an anchor here"),
        ("a: & co\n", 1, 4, "'&' starts an anchor here"),
        ("a: |x\n  y\n", 1, 5, "after | or > the text starts on the next line"),
        ("a: 1\n...\nb: 2\n", 3, 1, "there is text after the end of the document"),
    ],
)
def test_syntax_errors_in_plain_words_where_to_fix_them(
    text: str, line: int, column: int, fragment: str
) -> None:
    issue = fatal(text)
    assert (issue.code, issue.line, issue.column) == ("yaml-syntax", line, column)
    assert fragment in issue.message
    # The parser's own jargon is not what a person reads.
    for jargon in ("scalar", "stream", "token", "block collection", "mapping values"):
        assert jargon not in issue.message
    assert issue.excerpt == text.splitlines()[line - 1]


def test_an_unknown_parser_message_keeps_its_words() -> None:
    issue = fatal("%YAML 1.2\n%YAML 1.2\n---\na: 1\n")
    assert (issue.line, issue.column) == (2, 1)
    assert issue.message == "found duplicate %YAML directive"


def test_the_excerpt_of_a_long_line_is_bounded() -> None:
    line = "a: " + "b" * 100_000 + ": c"
    issue = fatal(line + "\n")
    assert issue.column == len(line) - 2
    assert issue.excerpt == line[: issue.column - 1 + EXCERPT_AFTER]


def test_control_character_reported_at_its_position() -> None:
    issue = fatal("posts:\n  - id: a\x00b\n")
    assert (issue.code, issue.line, issue.column) == ("yaml-syntax", 2, 10)
    assert "control character" in issue.message
    assert "\n" not in issue.message
    assert "<unicode string>" not in issue.message


# -- encoding -----------------------------------------------------------------


def test_latin_1_byte_reported_at_its_line_and_column() -> None:
    with pytest.raises(YamlFatal) as caught:
        decode("a: 1\nb: caf\xe9\n".encode("latin-1"))
    assert caught.value.issue == YamlIssue(
        YAML_SYNTAX,
        "not UTF-8 text: byte 0xE9 cannot be decoded (save the file as UTF-8)",
        2,
        7,
    )


def test_latin_1_byte_on_first_line() -> None:
    with pytest.raises(YamlFatal) as caught:
        decode(b"title: \xe9t\xe9\n")
    issue = caught.value.issue
    assert (issue.line, issue.column) == (1, 8)
    assert "0xE9" in issue.message


def test_latin_1_byte_with_crlf() -> None:
    with pytest.raises(YamlFatal) as caught:
        decode(b"a: 1\r\nb: caf\xe9\r\n")
    assert (caught.value.issue.line, caught.value.issue.column) == (2, 7)


def test_bad_byte_after_a_bom_is_located_correctly() -> None:
    with pytest.raises(YamlFatal) as caught:
        decode(b"\xef\xbb\xbfab\n\xe9\n")
    issue = caught.value.issue
    assert (issue.line, issue.column) == (2, 1)
    assert "0xE9" in issue.message


def test_bad_byte_column_counts_characters() -> None:
    with pytest.raises(YamlFatal) as caught:
        decode(b"a: \xc3\xa9\xe9\n")
    assert (caught.value.issue.line, caught.value.issue.column) == (1, 5)


def test_utf8_bom_is_accepted() -> None:
    text = decode(b"\xef\xbb\xbfa: 1\nb: [x, y]\n")
    assert text == "a: 1\nb: [x, y]\n"
    data = load(text).data
    assert data == {"a": 1, "b": ["x", "y"]}
    assert data.keys_pos == {"a": (1, 1), "b": (2, 1)}
    assert data["b"].items_pos == [(2, 5), (2, 8)]


def test_utf8_text_is_decoded() -> None:
    assert decode("titre: Crème brûlée 🎄\n".encode()) == "titre: Crème brûlée 🎄\n"
