"""The renderers of gc_cli.render.views: JSON and CSV shapes, the list table at 80
columns, plain lines for pipes, the month grid, the report tables.

Terminal layouts are rendered with ``color=False`` (what NO_COLOR gives) and a
pinned width, so they compare as plain text; one test renders with colour to
see the past dimmed.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from datetime import date, datetime

import pytest
from rich.cells import cell_len

from conftest import NOW_DT, CalendarDir, parsed
from gc_cli.planning import report as reporting
from gc_cli.query import select as selection
from gc_cli.query import window
from gc_cli.query.grid import month_grid
from gc_cli.render import month, posts
from gc_cli.render import report as report_render
from gc_cli.render.common import CSV_FIELDS, Output, channel_letters
from gc_cli.store.calendar import Calendar

ANSI = re.compile(r"\x1b\[([0-9;]*)m")

POSTS = """\
- id: vitrine
  title: La vitrine passe à l'hiver, avec un titre bien trop long pour la colonne
  kind: facility
  publish_at: 2026-11-20 10:00
  channels: [facebook, instagram]
  status: published
  owner: marie
  images:
    - {path: images/vitrine.jpg, alt: "La vitrine, un soir | de neige"}
    - {path: images/porte.jpg}
  tags: [lieux, hiver]
- id: pain
  title: Le pain de la semaine
  kind: product
  publish_at: 2026-11-27 09:00
  repeat: FREQ=WEEKLY;COUNT=3
  channels: [facebook, instagram, x]
  status: scheduled
  owner: agence
  campaign: pains
  text: |
    Le pain de la semaine est sorti du four!
    « Seigle aux figues », en quantité limitée.
  link: https://example.org/pain
- id: noel
  title: Joyeux Noël
  publish_at: 2026-12-04
  channels: [mastodon, bluesky]
  status: draft
- id: idee
  title: Une idée
  channels: [linkedin]
  status: idea
  owner: marie
"""


@pytest.fixture
def sample(cal: CalendarDir) -> Calendar:
    cal.posts(POSTS)
    return selection.load(cal.root, cwd=cal.root.parent)


def render(write: Callable[[io.StringIO], None]) -> str:
    stream = io.StringIO()
    write(stream)
    return stream.getvalue()


def terminal(stream: io.StringIO, width: int = 80, color: bool = False) -> Output:
    return Output(stream, terminal=True, color=color, width=width)


# -- JSON -----------------------------------------------------------------------


def test_json_is_the_spec_array_one_object_a_line(sample: Calendar) -> None:
    items = selection.select(sample)
    text = render(lambda s: selection.write_json(items, s))
    lines = text.splitlines()
    assert lines[0] == "[" and lines[-1] == "]" and len(lines) == len(items) + 2
    doc = json.loads(text)
    assert [list(obj) for obj in doc] == [list(selection.ITEM_FIELDS)] * 6
    assert doc[0] == {
        "id": "vitrine",
        "occurrence": None,
        "publish_at": "2026-11-20T10:00-05:00",
        "kind": "facility",
        "title": "La vitrine passe à l'hiver, avec un titre bien trop long pour la colonne",
        "channels": ["facebook", "instagram"],
        "status": "published",
        "owner": "marie",
        "campaign": None,
        "tags": ["lieux", "hiver"],
        "text": None,
        "link": None,
        "images": [
            {"path": "images/vitrine.jpg", "alt": "La vitrine, un soir | de neige"},
            {"path": "images/porte.jpg", "alt": None},
        ],
        "file": "calendars/posts.yaml",
        "line": 2,
    }
    assert [(o["id"], o["occurrence"], o["publish_at"]) for o in doc] == [
        ("vitrine", None, "2026-11-20T10:00-05:00"),
        ("pain", "2026-11-27", "2026-11-27T09:00-05:00"),
        ("noel", None, "2026-12-04"),
        ("pain", "2026-12-04", "2026-12-04T09:00-05:00"),
        ("pain", "2026-12-11", "2026-12-11T09:00-05:00"),
        ("idee", None, None),
    ]
    # Not escaped: accents stay readable in the file.
    assert "« Seigle aux figues »" in text


def test_json_of_nothing_is_an_empty_array() -> None:
    assert render(lambda s: selection.write_json([], s)) == "[]\n"


# -- CSV ------------------------------------------------------------------------


def test_csv(sample: Calendar) -> None:
    items = selection.select(sample)
    text = render(lambda s: posts.list_csv(items, s))
    assert text.split("\r\n")[0] == (
        "id,occurrence,publish_at,kind,title,channels,status,owner,campaign,tags,text,link,"
        "images,image_alts,file,line"
    )
    assert text.split("\r\n")[1] == (
        "vitrine,,2026-11-20T10:00-05:00,facility,\"La vitrine passe à l'hiver, avec un titre "
        'bien trop long pour la colonne",facebook|instagram,published,marie,,lieux|hiver,,,'
        'images/vitrine.jpg|images/porte.jpg,"La vitrine, un soir | de neige|",'
        "calendars/posts.yaml,2"
    )
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert len(rows) == 6
    assert rows[1] == {
        "id": "pain",
        "occurrence": "2026-11-27",
        "publish_at": "2026-11-27T09:00-05:00",
        "kind": "product",
        "title": "Le pain de la semaine",
        "channels": "facebook|instagram|x",
        "status": "scheduled",
        "owner": "agence",
        "campaign": "pains",
        "tags": "",
        "text": "Le pain de la semaine est sorti du four!\n"
        "« Seigle aux figues », en quantité limitée.\n",
        "link": "https://example.org/pain",
        "images": "",
        "image_alts": "",
        "file": "calendars/posts.yaml",
        "line": "13",
    }
    assert rows[5]["publish_at"] == "" and rows[5]["owner"] == "marie"
    assert (*selection.ITEM_FIELDS[:13], "image_alts", "file", "line") == CSV_FIELDS


def test_csv_of_nothing_is_its_header() -> None:
    assert render(lambda s: posts.list_csv([], s)) == ",".join(CSV_FIELDS) + "\r\n"


# -- list: terminal table and plain lines -----------------------------------------

TABLE_80 = """\
Date            Time   Title                     F I L X M B  Status     Owner
────────────────────────────────────────────────────────────────────────────────
Fri 2026-11-20  10:00  La vitrine passe à l'hi…  F I · · · ·  published  marie
Wed 2026-11-25  08:00  ◂ now
Fri 2026-11-27  09:00  Le pain de la sem… (1/3)  F I · X · ·  scheduled  agence*
Fri 2026-12-04  --:--  Joyeux Noël               · · · · M B  draft      -
                09:00  Le pain de la sem… (2/3)  F I · X · ·  scheduled  agence*
Fri 2026-12-11  09:00  Le pain de la sem… (3/3)  F I · X · ·  scheduled  agence*
not scheduled          Une idée                  · · L · · ·  idea       marie
F facebook · I instagram · L linkedin · X x · M mastodon · B bluesky
* external · --:-- no time yet · (n/N) occurrence of a recurring post
6 publications, 3 of them occurrences of recurring posts, 1 not scheduled.
"""


def test_table_fits_80_columns(sample: Calendar) -> None:
    now = window.clock(sample, NOW_DT)
    items = selection.select(sample)
    text = render(lambda s: posts.list_table(items, terminal(s), sample, now))
    assert text == TABLE_80
    assert max(cell_len(line) for line in text.splitlines()) == 80


def test_table_gets_an_id_column_when_wide(sample: Calendar) -> None:
    now = window.clock(sample, NOW_DT)
    items = selection.select(sample)
    lines = render(lambda s: posts.list_table(items, terminal(s, 120), sample, now)).splitlines()
    assert lines[0].split() == ["Date", "Time", "Id", "Title", *"FILXMB", "Status", "Owner"]
    assert lines[2] == (
        "Fri 2026-11-20  10:00  vitrine  "
        "La vitrine passe à l'hiver, avec un titre bien trop lo…  "
        "F I · · · ·  published  marie"
    )
    assert max(cell_len(line) for line in lines) == 120


def test_table_keeps_its_columns_when_narrow(sample: Calendar) -> None:
    # Too narrow for everything: the title keeps 12 columns and the table
    # overflows (the terminal wraps it) rather than squeeze dates or statuses.
    now = window.clock(sample, NOW_DT)
    items = selection.select(sample)
    lines = render(lambda s: posts.list_table(items, terminal(s, 60), sample, now)).splitlines()
    assert lines[2] == "Fri 2026-11-20  10:00  La vitrine…   F I · · · ·  published  marie"
    assert lines[4] == "Fri 2026-11-27  09:00  Le pa… (1/3)  F I · X · ·  scheduled  agence*"
    assert lines[9:11] == [
        "F facebook · I instagram · L linkedin · X x · M mastodon · B",
        "bluesky",
    ]


def test_table_dims_the_past_with_colour(sample: Calendar) -> None:
    now = window.clock(sample, NOW_DT)
    items = selection.select(sample)
    text = render(lambda s: posts.list_table(items, terminal(s, color=True), sample, now))
    lines = text.split("\n")
    assert [ANSI.sub("", line) for line in lines] == TABLE_80.split("\n")
    past, marker, future = lines[2], lines[3], lines[4]
    # Every run of the past row is dim (SGR 2), colours kept; nothing else is.
    assert {"2" in codes.split(";") for codes in ANSI.findall(past) if codes != "0"} == {True}
    assert "\x1b[1;2;34mF\x1b[0m" in past  # facebook: bold blue, dimmed
    assert marker == "\x1b[1mWed 2026-11-25\x1b[0m  \x1b[1m08:00\x1b[0m  \x1b[1m◂ now\x1b[0m"
    assert {"2" in codes.split(";") for codes in ANSI.findall(future) if codes != "0"} == {
        True,  # the (1/3) and the channels left out
        False,
    }
    assert future.startswith("Fri 2026-11-27  09:00  Le pain de la sem…\x1b[2m (1/3)\x1b[0m")


def test_a_post_with_only_a_day_is_not_past_on_that_day(sample: Calendar) -> None:
    now = window.clock(sample, datetime(2026, 12, 4, 12))
    items = selection.select(sample)
    text = render(lambda s: posts.list_table(items, terminal(s, color=True), sample, now))
    lines = text.split("\n")[2:9]
    assert [ANSI.sub("", line) for line in lines] == [
        "Fri 2026-11-20  10:00  La vitrine passe à l'hi…  F I · · · ·  published  marie",
        "Fri 2026-11-27  09:00  Le pain de la sem… (1/3)  F I · X · ·  scheduled  agence*",
        "Fri 2026-12-04  --:--  Joyeux Noël               · · · · M B  draft      -",
        "                09:00  Le pain de la sem… (2/3)  F I · X · ·  scheduled  agence*",
        "Fri 2026-12-04  12:00  ◂ now",
        "Fri 2026-12-11  09:00  Le pain de la sem… (3/3)  F I · X · ·  scheduled  agence*",
        "not scheduled          Une idée                  · · L · · ·  idea       marie",
    ]
    assert [line.startswith("\x1b[2m") for line in lines] == [
        True,
        True,
        False,  # today, no time yet: it may still go out
        True,
        False,
        False,
        False,
    ]


def test_table_without_a_past_has_no_now_row(sample: Calendar) -> None:
    now = window.clock(sample, datetime(2026, 11, 1))
    items = selection.select(sample)
    text = render(lambda s: posts.list_table(items, terminal(s), sample, now))
    assert "◂ now" not in text


def test_table_of_nothing(sample: Calendar) -> None:
    now = window.clock(sample, NOW_DT)
    assert render(lambda s: posts.list_table([], terminal(s), sample, now)) == "No posts match.\n"


def test_plain_lines_for_pipes(sample: Calendar) -> None:
    now = window.clock(sample, NOW_DT)
    items = selection.select(sample)
    text = render(lambda s: posts.render(posts.Listing(items, sample, now), Output(s)))
    assert text == (
        "Fri 2026-11-20 10:00  published  marie    facebook,instagram    vitrine  "
        "La vitrine passe à l'hiver, avec un titre bien trop long pour la colonne\n"
        "Fri 2026-11-27 09:00  scheduled  agence*  facebook,instagram,x  pain     "
        "Le pain de la semaine (1/3)\n"
        "Fri 2026-12-04 --:--  draft      -        mastodon,bluesky      noel     Joyeux Noël\n"
        "Fri 2026-12-04 09:00  scheduled  agence*  facebook,instagram,x  pain     "
        "Le pain de la semaine (2/3)\n"
        "Fri 2026-12-11 09:00  scheduled  agence*  facebook,instagram,x  pain     "
        "Le pain de la semaine (3/3)\n"
        "not scheduled         idea       marie    linkedin              idee     Une idée\n"
    )


def test_plain_lines_of_nothing(sample: Calendar) -> None:
    now = window.clock(sample, NOW_DT)
    assert render(lambda s: posts.render(posts.Listing([], sample, now), Output(s))) == ""


@pytest.mark.parametrize(
    ("channels", "letters"),
    [
        (["facebook", "x", "threads"], {"facebook": "F", "x": "X", "threads": "T"}),
        (["pixelfed", "peertube"], {"pixelfed": "P", "peertube": "E"}),
        (["facebook", "fediverse"], {"facebook": "F", "fediverse": "E"}),
        (["bluesky", "b"], {"bluesky": "B", "b": "0"}),
    ],
)
def test_channel_letters_are_distinct(channels: list[str], letters: dict[str, str]) -> None:
    assert channel_letters(channels) == letters


# -- calendar ---------------------------------------------------------------------

NOVEMBER_80 = """\
                                November 2026
┌──────────┬──────────┬──────────┬──────────┬──────────┬──────────┬──────────┐
│Mon       │Tue       │Wed       │Thu       │Fri       │Sat       │Sun       │
├──────────┼──────────┼──────────┼──────────┼──────────┼──────────┼──────────┤
│          │          │          │          │          │          │ 1        │
├──────────┼──────────┼──────────┼──────────┼──────────┼──────────┼──────────┤
│ 2        │ 3        │ 4        │ 5        │ 6        │ 7        │ 8        │
├──────────┼──────────┼──────────┼──────────┼──────────┼──────────┼──────────┤
│ 9        │10        │11        │12        │13        │14        │15        │
├──────────┼──────────┼──────────┼──────────┼──────────┼──────────┼──────────┤
│16        │17        │18        │19        │20      FI│21        │22        │
│          │          │          │          │10h La vi…│          │          │
├──────────┼──────────┼──────────┼──────────┼──────────┼──────────┼──────────┤
│23        │24        │[25]      │26        │27     FIX│28        │29        │
│          │          │          │          │9h Le pai…│          │          │
├──────────┼──────────┼──────────┼──────────┼──────────┼──────────┼──────────┤
│30        │          │          │          │          │          │          │
└──────────┴──────────┴──────────┴──────────┴──────────┴──────────┴──────────┘
F facebook · I instagram · L linkedin · X x · M mastodon · B bluesky
[25] today
2 publications in November 2026.
1 post has no date yet (gc-cli list --unscheduled).
"""


def test_month_grid_in_80_columns(sample: Calendar) -> None:
    grid = month_grid(sample, now=NOW_DT)
    assert render(lambda s: month.render(grid, terminal(s))) == NOVEMBER_80


def test_full_cells_show_a_count(cal: CalendarDir) -> None:
    cal.posts(
        "".join(
            f"- {{id: p{h}, title: Publication {h}, publish_at: '2026-12-04 {h:02d}:00', "
            "channels: [facebook]}\n"
            for h in (9, 11, 13, 15, 17)
        )
        + "- {id: jour, title: Sans heure, publish_at: 2026-12-08, channels: [x]}\n"
        + "- {id: trois-a, title: Trois A, publish_at: '2026-12-09 09:00', channels: [x]}\n"
        + "- {id: trois-b, title: Trois B, publish_at: '2026-12-09 10:30', channels: [x]}\n"
        + "- {id: trois-c, title: Trois C, publish_at: '2026-12-09 12:00', channels: [x]}\n"
    )
    calendar = selection.load(cal.root, cwd=cal.root.parent)
    grid = month_grid(calendar, date(2026, 12, 1), now=NOW_DT)
    # At 100 columns the cells get a margin; three posts fit a cell, five do not.
    assert render(lambda s: month.render(grid, terminal(s, 100))) == DECEMBER_100


DECEMBER_100 = """\
                                           December 2026
┌─────────────┬─────────────┬─────────────┬─────────────┬─────────────┬─────────────┬─────────────┐
│ Mon         │ Tue         │ Wed         │ Thu         │ Fri         │ Sat         │ Sun         │
├─────────────┼─────────────┼─────────────┼─────────────┼─────────────┼─────────────┼─────────────┤
│             │  1          │  2          │  3          │  4        F │  5          │  6          │
│             │             │             │             │ 9h Publica… │             │             │
│             │             │             │             │ 11h Public… │             │             │
│             │             │             │             │ +3 more     │             │             │
├─────────────┼─────────────┼─────────────┼─────────────┼─────────────┼─────────────┼─────────────┤
│  7          │  8        X │  9        X │ 10          │ 11          │ 12          │ 13          │
│             │ • Sans heu… │ 9h Trois A  │             │             │             │             │
│             │             │ 10h30 Troi… │             │             │             │             │
│             │             │ 12h Trois C │             │             │             │             │
├─────────────┼─────────────┼─────────────┼─────────────┼─────────────┼─────────────┼─────────────┤
│ 14          │ 15          │ 16          │ 17          │ 18          │ 19          │ 20          │
├─────────────┼─────────────┼─────────────┼─────────────┼─────────────┼─────────────┼─────────────┤
│ 21          │ 22          │ 23          │ 24          │ 25          │ 26          │ 27          │
├─────────────┼─────────────┼─────────────┼─────────────┼─────────────┼─────────────┼─────────────┤
│ 28          │ 29          │ 30          │ 31          │             │             │             │
└─────────────┴─────────────┴─────────────┴─────────────┴─────────────┴─────────────┴─────────────┘
F facebook · I instagram · L linkedin · X x · M mastodon · B bluesky
• no time yet
9 publications in December 2026.
"""


# -- report ------------------------------------------------------------------------

REPORT_PLAIN = """\
Report 2026-11-25 to 2026-12-24 (30 days), as of 2026-11-25 08:00
4 publications planned (1 with no time yet).
1 post has no date yet (gc-cli list --unscheduled).

Content mix by kind
-------------------
Kind      Posts  Share  F  I  L  X  M  B
article       0     0%  0  0  0  0  0  0
product       3    75%  3  3  0  3  0  0
facility      0     0%  0  0  0  0  0  0
team          0     0%  0  0  0  0  0  0
video         0     0%  0  0  0  0  0  0
other         1    25%  0  0  0  0  1  1
Per channel: F facebook, I instagram, L linkedin, X x, M mastodon, B bluesky.

By channel (share of the publications that go on it)
----------------------------------------------------
Channel    Posts  Share
facebook       3    75%
instagram      3    75%
linkedin       0     0%
x              3    75%
mastodon       1    25%
bluesky        1    25%

Who does what
-------------
Owner             Posts  Share  Kinds
marie   internal      0     0%
agence  external      3    75%  product 3
(none)                1    25%  other 1
Internal 0 (0%), external 3 (75%), no owner 1.

Days without a post: 27 of 30
Wed 11-25 to Thu 11-26, Sat 11-28 to Thu 12-03, Sat 12-05 to Thu 12-10, Sat
12-12 to Thu 12-24

With a picture: 0 of 4 (0%)

Still idea or draft within 7 days of their date
None.

Awaiting approval
-----------------
Date            Post  Status     Owner   Approved by
Fri 2026-11-27  pain  scheduled  agence  marie
gc-cli approve POST_ID --by MEMBER records an approval.
"""


def test_report_plain(sample: Calendar) -> None:
    report = reporting.report(sample, now=NOW_DT)
    assert render(lambda s: report_render.render(report, Output(s))) == REPORT_PLAIN


def test_report_in_a_terminal_has_the_same_figures(sample: Calendar) -> None:
    report = reporting.report(sample, now=NOW_DT)
    text = render(lambda s: report_render.render(report, terminal(s)))
    lines = text.splitlines()
    assert lines[5:8] == [
        "Kind      Posts  Share  F  I  L  X  M  B",
        "────────────────────────────────────────",
        "article       0     0%  0  0  0  0  0  0",
    ]
    assert "agence  external      3    75%  product 3" in lines
    assert max(cell_len(line) for line in lines) <= 80


def test_report_lists_what_is_not_ready(sample: Calendar) -> None:
    report = reporting.report(sample, now=parsed("2026-11-28T12:00"))
    text = render(lambda s: report_render.render(report, Output(s)))
    block = text.split("Still idea or draft within 7 days of their date\n")[1]
    assert block.split("\n\n")[0] == (
        "-----------------------------------------------\n"
        "Date            Time   Post  Status  Owner  Due\n"
        "Fri 2026-12-04  --:--  noel  draft   -      in 5 d 12 h"
    )


def test_report_json(sample: Calendar) -> None:
    report = reporting.report(sample, now=NOW_DT)
    text = render(lambda s: report_render.render(report, Output(s, format="json")))
    assert json.loads(text) == report.to_dict()
    assert text.endswith("}\n")


def test_csv_neutralises_cells_a_spreadsheet_would_run(cal: CalendarDir) -> None:
    cal.posts(
        """\
        - id: formule
          title: =HYPERLINK("https://evil.example", "clic")
          status: idea
          text: "@équipe +1 -- voir =SUM(A1)"
          tags: [ok]
        """
    )
    calendar = selection.load(cal.root)
    text = render(lambda s: posts.list_csv(selection.select(calendar), s))
    [row] = list(csv.DictReader(io.StringIO(text, newline="")))
    assert row["title"] == '\'=HYPERLINK("https://evil.example", "clic")'
    assert row["text"] == "'@équipe +1 -- voir =SUM(A1)"
    assert row["tags"] == "ok"
