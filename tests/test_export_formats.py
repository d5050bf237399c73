"""``export``, every format: the window, what is left out, output read back with an
independent parser, byte-for-byte reproducibility, golden files, and a hostile post.

Golden files live in ``tests/golden/export/``; ``GC_UPDATE_GOLDEN=1 pytest
tests/test_export_formats.py`` rewrites them after an intended change (review
the diff before committing it).
"""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from collections.abc import Callable
from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from conftest import NOW, NOW_DT, CalendarDir, as_values, golden_file, parsed
from gc_cli.errors import BadArgument, GcError
from gc_cli.exporters import FORMAT_NAMES
from gc_cli.exporters.base import EXPORTERS
from gc_cli.exporters.run import ExportResult, export_calendar, run_export, write_output
from gc_cli.exporters.tabular import FORMULA_STARTS
from gc_cli.query import select as selection

SAMPLE = Path(__file__).resolve().parent.parent / "calendars"
GOLDEN = Path(__file__).resolve().parent / "golden" / "export"
BULK = tuple(name for name, spec in EXPORTERS.items() if spec.bulk)

# -- helpers shared by the other export tests -------------------------------------


def export(root: Path, fmt: str, **options: Any) -> ExportResult:
    """``run_export`` at :data:`NOW` (unless given), from the root's parent folder."""
    options.setdefault("now", NOW_DT)
    spec = EXPORTERS.get(fmt)
    if spec is not None and spec.needs_channel:
        options.setdefault("channel", "facebook")
    if fmt == "sprout":  # Sprout has no default date order: its account's preference decides
        options.setdefault("date_order", "dmy")
    return run_export(root, fmt, cwd=root.parent, **as_values(options))


def yaml_text(value: str) -> str:
    """``value`` as a YAML double-quoted scalar (JSON's syntax, emoji as they are)."""
    return json.dumps(value, ensure_ascii=False)


def csv_rows(data: bytes) -> list[list[str]]:
    """The rows of a CSV export, read back by the standard library's reader."""
    text = data.decode("utf-8")
    return list(csv.reader(io.StringIO(text, newline="")))


def golden(name: str, data: bytes) -> None:
    """Compare ``data`` with the golden export ``name``; rewrite it under GC_UPDATE_GOLDEN=1."""
    golden_file(GOLDEN / name, data)


class Page(HTMLParser):
    """An HTML document as tags, attributes and text, by the standard library's parser.

    ``inner[name]`` lists the text inside each element of that tag name, and
    ``inner["." + cls]`` inside each element of that class.
    """

    VOID = frozenset({"meta", "img", "br", "hr", "link", "input"})

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.inner: dict[str, list[str]] = {}
        self._open: list[tuple[str, dict[str, str | None], list[str]]] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if tag not in self.VOID:
            self._open.append((tag, attributes, []))

    def handle_endtag(self, tag: str) -> None:
        if tag in self.VOID or all(name != tag for name, _, _ in self._open):
            return  # <br /> comes here too; a stray end tag closes nothing
        while self._open:
            name, attributes, parts = self._open.pop()
            text = "".join(parts)
            self.inner.setdefault(name, []).append(text)
            for cls in (attributes.get("class") or "").split():
                self.inner.setdefault("." + cls, []).append(text)
            if self._open:
                self._open[-1][2].append(text)
            if name == tag:
                break

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._open:
            self._open[-1][2].append(data)

    def named(self, tag: str) -> list[dict[str, str | None]]:
        """The attributes of every element ``tag``, in document order."""
        return [attributes for name, attributes in self.tags if name == tag]


def markdown_page(data: bytes) -> Page:
    """A Markdown export rendered by markdown-it (CommonMark, raw HTML allowed), then parsed.

    Raw HTML is allowed as the most permissive renderers do: escaping must
    hold even there.
    """
    from markdown_it import MarkdownIt

    renderer = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    return Page(renderer.render(data.decode("utf-8")))


# -- the registry -------------------------------------------------------------------


def test_the_registry_has_every_format_of_the_spec() -> None:
    assert FORMAT_NAMES == (
        "ics",
        "csv",
        "json",
        "markdown",
        "html",
        "hootsuite",
        "buffer",
        "sprout",
        "publer",
        "metricool",
    )
    assert tuple(EXPORTERS) == FORMAT_NAMES  # the command line's choice is the registry
    assert BULK == ("hootsuite", "buffer", "sprout", "publer", "metricool")
    for spec in EXPORTERS.values():
        function = spec.load()
        assert function.__doc__, spec.name
        module = sys.modules[f"gc_cli.exporters.{spec.module}"]
        assert module.__doc__ and len(module.__doc__) > 200, spec.name
        assert spec.summary and spec.extension


def test_other_commands_do_not_import_the_export_libraries() -> None:
    """Start-up time: the registry and the command line import no exporter library."""
    code = (
        "import sys\n"
        "import gc_cli.cli, gc_cli.exporters, gc_cli.exporters.base, gc_cli.exporters.run\n"
        "heavy = ('icalendar', 'jinja2', 'PIL', 'markupsafe')\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in heavy))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


# -- the window -----------------------------------------------------------------------


def _ids(result: ExportResult) -> list[str]:
    return [obj["id"] for obj in json.loads(result.data)]


@pytest.fixture
def week(cal: CalendarDir) -> CalendarDir:
    """Posts around NOW (2026-11-25 08:00, Toronto)."""
    cal.posts(
        """\
        - {id: hier, title: Hier, channels: [facebook], owner: marie, publish_at: 2026-11-24 12:00}
        - {id: tot, title: Tôt, channels: [facebook], owner: marie, publish_at: 2026-11-25 07:00}
        - {id: jour, title: Jour, channels: [facebook], owner: marie, publish_at: 2026-11-25}
        - {id: midi, title: Midi, channels: [linkedin], owner: marie, publish_at: 2026-11-25 12:00}
        - {id: annule, title: Annulé, channels: [facebook], owner: marie,
           publish_at: 2026-11-26 09:00, status: cancelled}
        - {id: loin, title: Loin, channels: [facebook], owner: marie, publish_at: 2026-12-24 08:00}
        - {id: trop-loin, title: Trop loin, channels: [facebook], owner: marie,
           publish_at: 2026-12-25 08:01}
        - {id: hebdo, title: Hebdo, channels: [facebook], owner: marie,
           publish_at: 2026-11-20 09:00, repeat: "FREQ=WEEKLY;COUNT=3"}
        - {id: sans-date, title: Sans date, channels: [facebook], owner: marie}
        """
    )
    return cal


def test_default_window_is_the_next_30_days_from_now(week: CalendarDir) -> None:
    result = export(week.root, "json")
    # Posts earlier today are past; the date-only post of today is in; cancelled is
    # left out (and said); recurring posts expanded; unscheduled posts are not "upcoming".
    assert _ids(result) == ["jour", "midi", "hebdo", "hebdo", "loin"]
    occurrences = [obj["occurrence"] for obj in json.loads(result.data)]
    assert occurrences == [None, None, "2026-11-27", "2026-12-04", None]
    assert (result.first_day.isoformat(), result.last_day.isoformat()) == (
        "2026-11-25",
        "2026-12-25",
    )
    assert [left.describe() for left in result.left_out] == ["annule (2026-11-26 09:00): cancelled"]
    assert result.ok


def test_days_from_and_to(week: CalendarDir) -> None:
    assert _ids(export(week.root, "json", days=1)) == ["jour", "midi"]
    assert _ids(
        export(week.root, "json", start=parsed("2026-11-24"), end=parsed("2026-11-25"))
    ) == [
        "hier",
        "jour",
        "tot",
        "midi",
    ]
    # --from alone: 30 whole days from that day; --from and --days: that many days.
    assert _ids(export(week.root, "json", start=parsed("2026-11-26"))) == [
        "hebdo",
        "hebdo",
        "loin",
        "trop-loin",
    ]
    assert _ids(export(week.root, "json", start=parsed("2026-11-20"), days=1)) == ["hebdo"]
    # --to alone: from now.
    assert _ids(export(week.root, "json", end=parsed("2026-11-27"))) == ["jour", "midi", "hebdo"]


@pytest.mark.parametrize(
    ("options", "parameter", "message"),
    [
        ({"days": 0}, "days", "0 is not a number of days from 1 to 3660"),
        ({"days": 3, "end": "2026-12-01"}, "days", "does not go with an end"),
        ({"end": "2026-11-01"}, "end", "2026-11-01 is not after the start of the window"),
        ({"start": "2026-12-10", "end": "2026-12-01"}, "end", "2026-12-01 is not after the start"),
        ({"channel": "facebok"}, "channel", "did you mean 'facebook'"),
    ],
)
def test_bad_windows_and_channels_are_errors_naming_the_parameter(
    week: CalendarDir, options: dict[str, Any], parameter: str, message: str
) -> None:
    with pytest.raises(BadArgument) as caught:
        export(week.root, "json", **options)
    assert caught.value.exit_code == 2
    assert caught.value.parameter == parameter
    assert message in str(caught.value.reason)


def test_usage_errors_of_formats(week: CalendarDir) -> None:
    with pytest.raises(BadArgument, match=r"^format: no format 'pdf'; known: ics, csv"):
        export(week.root, "pdf")
    with pytest.raises(BadArgument, match=r"^bom: only for the CSV formats \(csv, hootsuite"):
        export(week.root, "json", bom=True)
    with pytest.raises(BadArgument, match=r"^channel: the format buffer makes a file for one"):
        run_export(week.root, "buffer", now=NOW_DT, cwd=week.root.parent)


def test_channel_keeps_the_posts_on_it(week: CalendarDir) -> None:
    assert _ids(export(week.root, "json", channel="linkedin")) == ["midi"]


def test_the_json_export_is_what_list_prints(week: CalendarDir) -> None:
    result = export(week.root, "json", start=parsed("2026-11-01"), end=parsed("2026-12-31"))
    calendar = selection.load(week.root, week.root.parent)
    items = selection.select(calendar, start=parsed("2026-11-01"), end=parsed("2026-12-31"))
    expected = [i.to_dict() for i in items if i.status != "cancelled"]
    assert json.loads(result.data) == expected
    assert result.data.startswith(b"[\n  {")


def test_a_calendar_with_unreadable_posts_exports_the_rest_and_says_so(
    week: CalendarDir,
) -> None:
    week.write("broken.yaml", "posts:\n  - {id: Bad Id, title: x}\n")
    result = export(week.root, "json")
    assert _ids(result) == ["jour", "midi", "hebdo", "hebdo", "loin"]
    assert not result.ok
    assert result.messages()[-1].startswith("the calendar has errors: 1 post could not be read")


# -- reproducible bytes and golden files ----------------------------------------------

SAMPLE_WINDOW = {"start": "2026-11-25", "end": "2027-01-31"}
#: Where the sample's images would be served from, for the bulk files' picture columns.
SAMPLE_IMAGES = "https://example.org/la-mie-doree/calendars/"
#: The options each format is exported with (Buffer: the sample has over 10 posts per channel).
SAMPLE_OPTIONS: dict[str, dict[str, Any]] = {
    name: {"image_base_url": SAMPLE_IMAGES} for name in BULK if name != "hootsuite"
}
SAMPLE_OPTIONS["buffer"]["plan"] = "paid"


def sample_export(fmt: str) -> ExportResult:
    """The sample calendar's export in ``fmt`` over :data:`SAMPLE_WINDOW`."""
    return export(SAMPLE, fmt, **SAMPLE_WINDOW, **SAMPLE_OPTIONS.get(fmt, {}))


def _normalised(fmt: str, data: bytes) -> bytes:
    """Golden HTML keeps its thumbnails out: their bytes depend on Pillow's JPEG encoder."""
    if fmt != "html":
        return data
    return re.sub(
        rb"data:image/(jpeg|png);base64,[A-Za-z0-9+/=]+", rb"data:image/\1;base64,...", data
    )


@pytest.mark.parametrize("fmt", FORMAT_NAMES)
def test_exports_are_byte_for_byte_reproducible(fmt: str) -> None:
    first = sample_export(fmt)
    second = sample_export(fmt)
    assert first.data == second.data
    assert first.count > 0


@pytest.mark.parametrize("fmt", FORMAT_NAMES)
def test_sample_calendar_matches_its_golden_file(fmt: str) -> None:
    result = sample_export(fmt)
    golden(f"sample-{fmt}.{EXPORTERS[fmt].extension}", _normalised(fmt, result.data))


def test_only_dtstamp_follows_now_in_ics() -> None:
    early = export(SAMPLE, "ics", now=parsed("2026-11-25T08:00:00-05:00"), **SAMPLE_WINDOW)
    late = export(SAMPLE, "ics", now=parsed("2026-11-25T09:30:00-05:00"), **SAMPLE_WINDOW)
    changed = {
        (a, b)
        for a, b in zip(early.data.splitlines(), late.data.splitlines(), strict=True)
        if a != b
    }
    assert changed == {(b"DTSTAMP:20261125T130000Z", b"DTSTAMP:20261125T143000Z")}


# -- csv -----------------------------------------------------------------------------


def test_csv_has_a_row_per_post_and_channel(week: CalendarDir) -> None:
    week.posts(
        """\
        - id: multi
          title: Deux réseaux
          owner: marie
          channels: [facebook, x]
          publish_at: 2026-12-01 09:00
          text: "Texte, commun"
          channel_text: {x: Texte pour X}
          tags: [a, b]
          images: [{path: images/a.jpg, alt: "A, b"}, {path: images/b.png}]
          link: https://example.org/x
        - {id: nulle-part, title: Aucun réseau, owner: marie, publish_at: 2026-12-02}
        """,
        name="more.yaml",
    )
    result = export(week.root, "csv", start=parsed("2026-12-01"), end=parsed("2026-12-02"))
    rows = csv_rows(result.data)
    header, body = rows[0], rows[1:]
    assert header[:4] == ["id", "occurrence", "publish_at", "channel"]
    table = [dict(zip(header, row, strict=True)) for row in body]
    assert [(r["id"], r["channel"], r["text"]) for r in table] == [
        ("multi", "facebook", "Texte, commun"),
        ("multi", "x", "Texte pour X"),
        ("nulle-part", "", ""),
    ]
    first = table[0]
    assert first["publish_at"] == "2026-12-01T09:00-05:00"
    assert datetime.fromisoformat(first["publish_at"]).utcoffset() is not None
    assert (first["tags"], first["images"], first["image_alts"]) == (
        "a|b",
        "images/a.jpg|images/b.png",
        "A, b|",
    )
    assert table[2]["publish_at"] == "2026-12-02"
    assert result.count == 3
    assert result.data.endswith(b"\r\n") and not result.data.startswith(b"\xef\xbb\xbf")
    with_bom = export(
        week.root, "csv", start=parsed("2026-12-01"), end=parsed("2026-12-02"), bom=True
    )
    assert with_bom.data == b"\xef\xbb\xbf" + result.data
    assert csv_rows(with_bom.data[3:]) == rows


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_csv_neutralises_cells_a_spreadsheet_would_run(cal: CalendarDir, start: str) -> None:
    text = f'{start}HYPERLINK("http://evil.example","clic")'
    cal.posts(
        f"""\
        - id: formule
          title: {yaml_text(start + "1+1")}
          owner: marie
          channels: [facebook]
          publish_at: 2026-12-01 09:00
          text: {yaml_text(text)}
          tags: [{yaml_text("@tag")}]
        """
    )
    rows = csv_rows(export(cal.root, "csv").data)
    row = dict(zip(rows[0], rows[1], strict=True))
    # A carriage return of a value is shown (␍), never written raw (gc_cli.visible).
    shown = "\u240d" if start == "\r" else start
    assert row["text"] == "'" + shown + text[1:]
    assert row["title"] == "'" + shown + "1+1"
    assert row["tags"] == "'@tag"
    for cell in rows[1]:
        assert not cell.startswith(FORMULA_STARTS), cell


# -- markdown ---------------------------------------------------------------------------


def test_markdown_is_grouped_by_day_with_every_fact(week: CalendarDir) -> None:
    result = export(week.root, "markdown")
    text = result.data.decode("utf-8")
    page = markdown_page(result.data)
    headings = [t for t, _ in page.tags if t in ("h1", "h2", "h3")]
    assert headings == ["h1", "h2", "h3", "h3", "h2", "h3", "h2", "h3", "h2", "h3", "h2"]
    h2 = re.findall(r"^## (.+)$", text, flags=re.M)
    assert h2 == [
        "Wednesday 25 November 2026",
        "Friday 27 November 2026",
        "Friday 4 December 2026",
        "Thursday 24 December 2026",
        "Left out",
    ]
    assert "### no time yet · Jour" in text
    assert "### 12:00 · Midi" in text
    assert "### 09:00 · Hebdo (2/3)" in text
    assert "- **Channels:** linkedin" in text
    assert "**Owner:** marie (Marie Tremblay)" in text
    assert "- annule (2026-11-26 09:00): cancelled" in text


def test_sample_markdown_renders_one_heading_per_publication() -> None:
    """Hashtags at the start of a line stay text; nothing else becomes a heading either."""
    result = export(SAMPLE, "markdown", **SAMPLE_WINDOW)
    page = markdown_page(result.data)
    assert len(page.named("h3")) == result.count
    assert len(page.named("h1")) == 1
    assert "#Chocolatine #Croissant #VieuxQuébec" in "".join(page.inner["blockquote"])


def test_markdown_keeps_line_breaks_and_escapes_markup(cal: CalendarDir) -> None:
    text = (
        "# pas un titre\n- pas une liste\n1. pas numéroté\n    pas du code\n---\n"
        "*pas gras* _ni_ `code` [lien](https://x.example) ![img](x.png) &copy; a|b ~~x~~\n\n"
        "Paragraphe 2 \\ fin\\"
    )
    cal.posts(
        f"""\
        - id: balisage
          title: "Titre # avec dièse #"
          owner: marie
          channels: [facebook]
          publish_at: 2026-12-01 09:00
          text: {yaml_text(text)}
        """
    )
    page = markdown_page(export(cal.root, "markdown").data)
    allowed = {"h1", "h2", "h3", "p", "ul", "li", "strong", "em", "blockquote", "br"}
    assert {tag for tag, _ in page.tags} <= allowed
    assert len(page.named("ul")) == 1  # the facts; "- pas une liste" stays text
    rendered = "".join(page.text)
    for line in text.splitlines():
        assert line.strip() in rendered, line
    assert "Titre # avec dièse #" in rendered
    # The quote keeps the text's lines: one <br> per line break inside a paragraph.
    assert len(page.named("br")) == 5


# -- a hostile post, every format --------------------------------------------------------

HOSTILE_TITLE = 'Titre <b>gras</b> & "guillemets", =1+1 🎉'
HOSTILE_TEXT = (
    "<script>alert('pwned')</script> Promo, \"guillemets\" et virgules, "
    '=HYPERLINK("http://evil.example","clic")\n'
    "Deuxième ligne — 20 % de rabais 🎉🥐\n"
    "* pas une liste\n"
    "<img src=x onerror=alert(1)>"
)
HOSTILE_LINK = 'https://example.org/promo?a=1&b="2"<x>'


def write_hostile(cal: CalendarDir) -> CalendarDir:
    """Write a post, clean for check, whose text and title try every trick."""
    cal.posts(
        f"""\
        - id: piege
          kind: article
          title: {yaml_text(HOSTILE_TITLE)}
          status: ready
          owner: marie
          channels: [facebook]
          publish_at: 2026-12-01 09:00
          text: {yaml_text(HOSTILE_TEXT)}
          link: {yaml_text(HOSTILE_LINK)}
          tags: [promo]
        """
    )
    assert not cal.problems(now=NOW_DT)
    return cal


@pytest.fixture
def hostile(cal: CalendarDir) -> CalendarDir:
    return write_hostile(cal)


def _hostile_ics(data: bytes) -> None:
    import icalendar

    (event,) = icalendar.Calendar.from_ical(data).walk("VEVENT")
    assert str(event["SUMMARY"]) == f"[article] {HOSTILE_TITLE}"
    assert str(event["DESCRIPTION"]).startswith(HOSTILE_TEXT + "\n\nLink: " + HOSTILE_LINK)
    assert str(event["URL"]) == "https://example.org/promo?a=1&b=%222%22%3Cx%3E"


def _hostile_csv(data: bytes) -> None:
    rows = csv_rows(data)
    row = dict(zip(rows[0], rows[1], strict=True))
    assert (row["title"], row["text"], row["link"]) == (HOSTILE_TITLE, HOSTILE_TEXT, HOSTILE_LINK)


def _hostile_json(data: bytes) -> None:
    (obj,) = json.loads(data)
    assert (obj["title"], obj["text"], obj["link"]) == (HOSTILE_TITLE, HOSTILE_TEXT, HOSTILE_LINK)


def _hostile_markdown(data: bytes) -> None:
    page = markdown_page(data)
    assert not {tag for tag, _ in page.tags} & {"script", "img", "b"}
    assert len(page.named("ul")) == 1  # the facts; "* pas une liste" stays text
    (anchor,) = page.named("a")  # the post's link, and nothing else
    assert anchor["href"] == "https://example.org/promo?a=1&b=%222%22%3Cx%3E"
    (title,) = page.inner["h3"]
    assert title == f"09:00 · {HOSTILE_TITLE}"
    rendered = "".join(page.text)
    for line in HOSTILE_TEXT.splitlines():
        assert line in rendered, line


def _hostile_html(data: bytes) -> None:
    page = Page(data.decode("utf-8"))
    tags = [tag for tag, _ in page.tags]
    assert "script" not in tags and "b" not in tags
    assert all((img["src"] or "").startswith("data:") for img in page.named("img"))
    assert page.inner[".text"] == [HOSTILE_TEXT]
    assert page.inner["h3"] == [HOSTILE_TITLE]
    (anchor,) = page.named("a")
    assert anchor["href"] == HOSTILE_LINK


def _hostile_bulk(column: str, expected: str) -> Callable[[bytes], None]:
    def check(data: bytes) -> None:
        rows = csv_rows(data)
        if column.isdigit():  # Hootsuite: no header
            (row,) = rows
            assert row[int(column)] == expected
        else:
            (row,) = [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]
            assert row[column] == expected

    return check


HOSTILE_CHECKS: dict[str, Callable[[bytes], None]] = {
    "ics": _hostile_ics,
    "csv": _hostile_csv,
    "json": _hostile_json,
    "markdown": _hostile_markdown,
    "html": _hostile_html,
    "hootsuite": _hostile_bulk("1", HOSTILE_TEXT),
    "buffer": _hostile_bulk("Text", HOSTILE_TEXT + "\n\n" + HOSTILE_LINK),
    "sprout": _hostile_bulk("message_text", HOSTILE_TEXT),
    "publer": _hostile_bulk("Text", HOSTILE_TEXT),
    "metricool": _hostile_bulk("Text", HOSTILE_TEXT + "\n\n" + HOSTILE_LINK),
}


@pytest.mark.parametrize("fmt", FORMAT_NAMES)
def test_a_hostile_post_survives_every_format_intact_and_harmless(
    hostile: CalendarDir, fmt: str
) -> None:
    assert set(HOSTILE_CHECKS) == set(FORMAT_NAMES)
    result = export(hostile.root, fmt)
    assert result.count == 1
    assert result.left_out == []
    HOSTILE_CHECKS[fmt](result.data)


# -- writing the file ---------------------------------------------------------------------


def test_write_output_replaces_the_file_and_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "plan.ics"
    root = tmp_path / "calendars"
    write_output(target, b"first", root)
    target.chmod(0o640)
    write_output(target, b"\x00second\r\n", root)
    assert target.read_bytes() == b"\x00second\r\n"
    assert target.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["plan.ics"]  # no temporary file left


def test_write_output_names_the_path_on_failure(tmp_path: Path) -> None:
    root = tmp_path / "calendars"
    with pytest.raises(GcError, match="there is no folder"):
        write_output(tmp_path / "missing" / "plan.ics", b"x", root)
    with pytest.raises(GcError, match="is a folder"):
        write_output(tmp_path, b"x", root)


def test_export_calendar_takes_a_loaded_calendar(week: CalendarDir) -> None:
    calendar = selection.load(week.root, week.root.parent)
    result = export_calendar(calendar, "json", now=datetime.fromisoformat(NOW))
    assert _ids(result) == ["jour", "midi", "hebdo", "hebdo", "loin"]
