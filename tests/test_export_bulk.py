"""The bulk-upload files of Hootsuite, Buffer, Sprout Social, Publer and Metricool, read back
with ``csv``:
their templates, which posts go in, what is left out and why, and their limits."""

from __future__ import annotations

import csv
import io
from datetime import datetime, timedelta

import pytest
from PIL import Image

from conftest import NOW, CalendarDir, parsed
from gc_cli.errors import Refused
from gc_cli.exporters.tabular import FORMULA_STARTS
from test_export_formats import BULK, csv_rows, export, yaml_text


def post(pid: str, when: str, text: str = "", **fields: str) -> str:
    """A ready post on facebook (one YAML item); ``fields`` override or add keys."""
    values = {
        "kind": "other",
        "title": f"Titre {pid}",
        "status": "ready",
        "owner": "marie",
        "channels": "[facebook]",
        "publish_at": when,
        "text": yaml_text(text or f"Message de {pid}"),
        **fields,
    }
    lines = [f"- id: {pid}"] + [f"  {key}: {value}" for key, value in values.items()]
    return "\n".join(lines) + "\n"


def reasons(result: object) -> dict[str, str]:
    return {left.id: left.reason for left in result.left_out}  # type: ignore[attr-defined]


def test_hootsuite_template_has_no_header_and_three_columns(cal: CalendarDir) -> None:
    cal.posts(
        post("a", "2026-12-01 09:05", "Bonjour, «le monde»\nLigne 2", link="https://example.org/a")
        + post("b", "2026-12-01T15:30:00+01:00")  # 09:30 in Toronto: the file says 09:30
        + post("c", "2026-12-02 21:00")
    )
    result = export(cal.root, "hootsuite")
    # Month first by default, as the upload screen's example and default.
    assert csv_rows(result.data) == [
        ["12/01/2026 09:05", "Bonjour, «le monde»\nLigne 2", "https://example.org/a"],
        ["12/01/2026 09:30", "Message de b", ""],
        ["12/02/2026 21:00", "Message de c", ""],
    ]
    assert result.data.startswith(b"12/01/2026 09:05,")  # no header row
    assert result.left_out == [] and result.ok
    dmy = export(cal.root, "hootsuite", date_order="dmy")
    assert [row[0] for row in csv_rows(dmy.data)] == [
        "01/12/2026 09:05",
        "01/12/2026 09:30",
        "02/12/2026 21:00",
    ]


def test_hootsuite_leaves_out_what_its_bulk_composer_refuses(cal: CalendarDir) -> None:
    soon = (datetime.fromisoformat(NOW) + timedelta(minutes=5)).strftime("%Y-%m-%d %H:%M")
    cal.posts(
        post("passe", "2026-11-25 07:55")
        + post("bientot", soon)
        + post("hors-grille", "2026-12-01 09:03")
        + post("hebdo", "2026-12-04 09:00", "Le pain de la semaine", repeat="FREQ=WEEKLY;COUNT=3")
        + post("copie", "2026-12-20 10:00", "  Le pain de la\nsemaine ")
        + post("brouillon", "2026-12-01 10:00", status="draft")
        + post("publie", "2026-11-20 10:00", status="published")
        + post("jour", "2026-12-03")
        + post("autre", "2026-12-03 10:00", channels="[linkedin]")
        + post("formule", "2026-12-03 11:00", "=1+1 et plus")
    )
    result = export(cal.root, "hootsuite", start=parsed("2026-11-25"), end=parsed("2026-12-31"))
    rows = csv_rows(result.data)
    assert [row[0] for row in rows] == ["12/03/2026 11:00", "12/04/2026 09:00"]
    assert rows[0][1] == "=1+1 et plus"  # for the tool, as written
    left = [(x.id, x.occurrence and x.occurrence.isoformat(), x.reason) for x in result.left_out]
    assert left == [
        ("passe", None, "its time 2026-11-25 07:55 has passed"),
        ("bientot", None, "goes out at 08:05, less than 10 minutes from now: Hootsuite refuses it"),
        (
            "hors-grille",
            None,
            "09:03 is off Hootsuite's 5-minute grid (the minutes must be a multiple of 5): move it",
        ),
        ("brouillon", None, "status is draft: only ready and scheduled posts go to Hootsuite"),
        ("jour", None, "has a day but no time yet"),
        (
            "hebdo",
            "2026-12-11",
            "same message as hebdo at 2026-12-04 09:00: Hootsuite refuses a "
            "message twice in one file",
        ),
        (
            "hebdo",
            "2026-12-18",
            "same message as hebdo at 2026-12-04 09:00: Hootsuite refuses a "
            "message twice in one file",
        ),
        (
            "copie",
            None,
            "same message as hebdo at 2026-12-04 09:00: Hootsuite refuses a message "
            "twice in one file",
        ),
    ]
    # "publie" is before the window, "autre" on another channel: neither is
    # even considered. A ready post the tool refuses will not be published:
    # exit 1; a draft left out is no loss.
    assert not result.ok
    errors = {x.id for x in result.left_out if x.error}
    assert errors == {"passe", "bientot", "hors-grille", "jour", "hebdo", "copie"}


def test_only_errors_on_the_files_channel_leave_a_post_out(cal: CalendarDir) -> None:
    long = "x" * 300
    cal.posts(
        post("long", "2026-12-01 09:00", long, channels="[facebook, x]")
        + post("proprietaire", "2026-12-01 10:00", owner="inconnu")
    )
    facebook = export(cal.root, "buffer", channel="facebook")
    assert [row[0] for row in csv_rows(facebook.data)[1:]] == [long]
    assert reasons(facebook) == {
        "proprietaire": "has errors (unknown-owner): gc-cli check shows them"
    }
    assert not facebook.ok  # a post is missing because of an error: exit 1
    x = export(cal.root, "buffer", channel="x")
    assert csv_rows(x.data) == [["Text", "Image URL", "Tags", "Posting Time"]]
    assert reasons(x) == {"long": "has errors (text-too-long): gc-cli check shows them"}


def test_buffer_template(cal: CalendarDir) -> None:
    cal.posts(
        post("lien", "2026-12-01 09:00", "Lisez ceci", link="https://example.org/a", tags="[a, b]")
        + post(
            "deja", "2026-12-01 10:00", "Voir https://example.org/b", link="https://example.org/b"
        )
        + post("canal", "2026-12-01 11:00", "Pour tous", channel_text="{facebook: Pour Facebook}")
        + post("minuit", "2026-12-01 23:59")
    )
    result = export(cal.root, "buffer", channel="facebook", tags=True)
    assert csv_rows(result.data) == [
        ["Text", "Image URL", "Tags", "Posting Time"],
        ["Lisez ceci\n\nhttps://example.org/a", "", "a,b", "2026-12-01 09:00"],
        ["Voir https://example.org/b", "", "", "2026-12-01 10:00"],
        ["Pour Facebook", "", "", "2026-12-01 11:00"],
        ["Message de minuit", "", "", "2026-12-01 23:59"],  # Buffer has no grid
    ]
    assert result.count == 4
    # Buffer's tags must exist in the account: the calendar's go there only on request.
    untagged = export(cal.root, "buffer", channel="facebook")
    assert [row[2] for row in csv_rows(untagged.data)] == ["Tags", "", "", "", ""]


def test_sprout_template_and_spacing(cal: CalendarDir) -> None:
    cal.posts(
        post("a", "2026-12-01 09:00", link="https://example.org/a")
        + post("b", "2026-12-01 09:09")
        + post("c", "2026-12-01 09:10")
        + post("d", "2026-12-01 13:07")
    )
    result = export(cal.root, "sprout")
    assert csv_rows(result.data) == [
        ["date", "time_24hr", "message_text", "link", "image_url"],
        ["01/12/2026", "09:00", "Message de a", "https://example.org/a", ""],
        ["01/12/2026", "09:10", "Message de c", "", ""],
        ["01/12/2026", "13:07", "Message de d", "", ""],
    ]
    assert reasons(result) == {
        "b": "less than 10 minutes after a at 2026-12-01 09:00: Sprout Social needs 10 "
        "minutes between messages"
    }


@pytest.mark.parametrize(("fmt", "limit"), [("hootsuite", 350), ("sprout", 350)])
def test_a_file_over_the_tools_limit_is_refused(cal: CalendarDir, fmt: str, limit: int) -> None:
    start = datetime(2026, 12, 1, 8, 0)
    cal.posts(
        "".join(
            post(f"p{n}", f"{start + timedelta(minutes=15 * n):%Y-%m-%d %H:%M}")
            for n in range(limit + 1)
        )
    )
    with pytest.raises(Refused) as refused:
        export(cal.root, fmt, days=60)
    assert refused.value.exit_code == 1
    assert f"{limit + 1} posts on facebook for" in str(refused.value)
    assert f"at most {limit} in one file: nothing was written" in str(refused.value)
    # At the limit, the file is written whole.
    result = export(
        cal.root,
        fmt,
        start=parsed("2026-12-01"),
        end=f"{start + timedelta(minutes=15 * (limit - 1)):%Y-%m-%d %H:%M}",
    )
    assert result.count == limit


@pytest.mark.parametrize("fmt", BULK)
def test_text_goes_to_the_tool_verbatim_whatever_its_first_character(
    cal: CalendarDir, fmt: str
) -> None:
    texts = ["@Partenaire merci !", "- 20 % sur les bûches", "+33 1 23 45 67 89", "=1+1 et plus"]
    cal.posts(
        "".join(post(f"p{n}", f"2026-12-01 {10 + n}:00", text) for n, text in enumerate(texts))
        + post("tag", "2026-12-02 09:00", tags="['@equipe']")
    )
    result = export(cal.root, fmt, **({"tags": True} if fmt == "buffer" else {}))
    assert result.left_out == [] and result.ok
    rows = csv_rows(result.data)
    column = (
        1 if fmt == "hootsuite" else rows[0].index("message_text" if fmt == "sprout" else "Text")
    )
    assert [row[column] for row in rows[-5:-1]] == texts
    if fmt == "buffer":
        assert rows[-1][2] == "@equipe"


def test_the_generic_csv_still_neutralises_formulas(cal: CalendarDir) -> None:
    cal.posts(post("plus", "2026-12-01 10:00", "+33 1 23 45 67 89"))
    rows = csv_rows(export(cal.root, "csv").data)
    header = rows[0]
    assert rows[1][header.index("text")] == "'+33 1 23 45 67 89"
    assert all(not cell.startswith(FORMULA_STARTS) for row in rows for cell in row)


def test_a_link_that_makes_the_post_too_long_is_an_error_of_check_and_no_row(
    cal: CalendarDir,
) -> None:
    # The case: 279 characters of text and a link, on Bluesky, where the
    # link goes in the text: 352 characters published, over 300.
    text = "x" * 279
    link = "https://lamiedoree.example/blogue/" + "a" * 37
    cal.posts(post("article", "2026-12-01 09:00", text, link=link, channels="[bluesky]"))
    (problem,) = [p for p in cal.problems() if p.code == "text-too-long"]
    assert problem.channel == "bluesky"
    assert "text and link are 352 characters (grapheme clusters) on Bluesky" in problem.message
    for fmt in BULK:
        result = export(cal.root, fmt, channel="bluesky")
        assert [(x.id, x.error) for x in result.left_out] == [("article", True)], fmt
        assert "has errors (text-too-long)" in result.left_out[0].reason
        assert not result.ok
    # Without the link, the same text fits and goes out as written.
    cal.posts(post("article", "2026-12-01 09:00", text, channels="[bluesky]"))
    assert [p.code for p in cal.problems() if p.code == "text-too-long"] == []
    rows = csv_rows(export(cal.root, "buffer", channel="bluesky").data)
    assert rows[1][0] == text


def test_on_a_card_channel_a_tool_without_a_link_column_puts_the_link_in_the_text(
    cal: CalendarDir,
) -> None:
    # On Facebook the link goes beside the text: check counts the text alone
    # (63,206 is Facebook's limit); Buffer has no link column and puts it in
    # the text, which must then still fit, or the post is left out, said.
    text = "x" * 63_200
    cal.posts(post("long", "2026-12-01 09:00", text, link="https://example.org/a"))
    assert [p.code for p in cal.problems() if p.is_error] == []
    buffer = export(cal.root, "buffer")
    assert [x.id for x in buffer.left_out] == ["long"] and not buffer.ok
    assert "Buffer puts the link in the text, which then counts 63223 on Facebook" in (
        buffer.left_out[0].reason
    )
    publer = export(cal.root, "publer")  # Publer has a link column
    assert csv_rows(publer.data)[1][1:3] == [text, "https://example.org/a"]


def test_buffer_takes_10_posts_per_upload_on_its_free_plan_and_100_on_paid_ones(
    cal: CalendarDir,
) -> None:
    start = datetime(2026, 12, 1, 8, 0)
    cal.posts(
        "".join(post(f"p{n}", f"{start + timedelta(hours=n):%Y-%m-%d %H:%M}") for n in range(11))
    )
    with pytest.raises(Refused) as refused:
        export(cal.root, "buffer", days=30)
    assert str(refused.value).startswith(
        "11 posts on facebook for Buffer, which takes at most 10 in one upload on its free plan"
    )
    assert "or give --plan paid on a paid plan (100 per upload)" in str(refused.value)
    assert export(cal.root, "buffer", days=30, plan="paid").count == 11
    cal.posts(
        "".join(post(f"p{n}", f"{start + timedelta(hours=n):%Y-%m-%d %H:%M}") for n in range(101))
    )
    with pytest.raises(Refused, match="at most 100 in one file"):
        export(cal.root, "buffer", days=30, plan="paid")


def read(data: bytes) -> list[dict[str, str]]:
    """A bulk file with a header, as the standard library's csv module reads it."""
    return [dict(row) for row in csv.DictReader(io.StringIO(data.decode("utf-8"), newline=""))]


def pictured(cal: CalendarDir) -> None:
    """Two ready posts, one with two pictures (one without alt text) and one with a link."""
    (cal.root / "images").mkdir()
    Image.new("RGB", (1080, 1080), "tan").save(cal.root / "images" / "pain été.jpg")
    Image.new("RGB", (1080, 1080), "navy").save(cal.root / "images" / "b.jpg")
    cal.posts(
        post(
            "photos",
            "2026-12-01 09:00",
            "- 20 % sur les bûches",
            channels="[facebook, instagram, bluesky, mastodon]",
            images="[{path: 'images/pain été.jpg', alt: 'Une miche'}, {path: images/b.jpg}]",
        )
        + post(
            "lien",
            "2026-12-02 14:30",
            "Sur le blogue",
            link="https://example.org/a",
            channels="[facebook, x, bluesky]",
        )
    )


def test_publer_file_read_back(cal: CalendarDir) -> None:
    pictured(cal)
    base = "https://example.org/cal/"
    result = export(cal.root, "publer", channel="facebook", image_base_url=base)
    rows = read(result.data)
    assert list(rows[0]) == [
        *("Date", "Text", "Link(s)", "Media URL(s)", "Title", "Label(s)", "Alt text(s)"),
        *("Comment(s)", "Board/Album", "Post subtype", "CTA", "Reminder"),
    ]
    assert [(r["Date"], r["Text"], r["Link(s)"]) for r in rows] == [
        ("2026-12-01 09:00", "- 20 % sur les bûches", ""),
        ("2026-12-02 14:30", "Sur le blogue", "https://example.org/a"),  # a link card
    ]
    assert rows[0]["Media URL(s)"] == (
        "https://example.org/cal/images/pain%20%C3%A9t%C3%A9.jpg,https://example.org/cal/images/b.jpg"
    )
    assert rows[0]["Alt text(s)"] == "Une miche||"
    assert result.ok
    # On Bluesky the link is in the text, as check counted it.
    bluesky = read(export(cal.root, "publer", channel="bluesky", image_base_url=base).data)
    assert [r["Text"] for r in bluesky] == [
        "- 20 % sur les bûches",
        "Sur le blogue\n\nhttps://example.org/a",
    ]
    assert bluesky[1]["Link(s)"] == ""


def test_metricool_file_read_back(cal: CalendarDir) -> None:
    pictured(cal)
    result = export(cal.root, "metricool", image_base_url="https://example.org/cal/")
    rows = read(result.data)
    assert len(rows[0]) == 94  # Metricool's template, every column
    networks = ("Facebook", "Twitter/X", "LinkedIn", "Instagram", "Threads", "Bluesky")
    summary = [
        (r["Text"], r["Date"], r["Time"], r["Draft"], [n for n in networks if r[n] == "true"])
        for r in rows
    ]
    assert summary == [
        (
            "- 20 % sur les bûches",
            "2026-12-01",
            "09:00:00",
            "false",
            ["Facebook", "Instagram", "Bluesky"],
        ),
        # No link column: the link is in the text on every network.
        (
            "Sur le blogue\n\nhttps://example.org/a",
            "2026-12-02",
            "14:30:00",
            "false",
            ["Facebook", "Twitter/X", "Bluesky"],
        ),
    ]
    assert rows[0]["Picture Url 1"] == "https://example.org/cal/images/pain%20%C3%A9t%C3%A9.jpg"
    assert rows[0]["Picture Url 2"] == "https://example.org/cal/images/b.jpg"
    assert (rows[0]["Alt text picture 1"], rows[0]["Alt text picture 2"]) == ("Une miche", "")
    assert {r["Shortener"] for r in rows} == {"false"}  # links as typed, as counted
    # No Mastodon column: left out, said, exit 1.
    assert [(x.id, x.channel) for x in result.left_out] == [("photos", "mastodon")]
    assert "Metricool's file has no column for mastodon" in result.left_out[0].reason
    assert not result.ok


def test_settings_give_the_date_order_and_the_image_base_url(cal: CalendarDir) -> None:
    pictured(cal)
    settings = cal.root / "settings.yaml"
    settings.write_text(
        settings.read_text(encoding="utf-8")
        + "date_order: {hootsuite: dmy, sprout: mdy}\n"
        + "image_base_url: https://example.org/Calendrier-été\n",
        encoding="utf-8",
    )
    assert [p.code for p in cal.problems() if p.is_error] == []
    hootsuite = csv_rows(export(cal.root, "hootsuite", channel="x").data)
    assert hootsuite[0][0] == "02/12/2026 14:30"
    sprout = export(cal.root, "sprout", channel="facebook", date_order=None)
    assert [r["date"] for r in read(sprout.data)] == ["12/02/2026"]
    # Two pictures: Sprout's file takes one, so the post is left out, said.
    assert [x.id for x in sprout.left_out] == ["photos"]
    buffer = export(cal.root, "buffer", channel="bluesky")
    assert [r["Text"] for r in read(buffer.data)] == ["Sur le blogue\n\nhttps://example.org/a"]
    assert [x.id for x in buffer.left_out] == ["photos"]  # two pictures: Buffer takes one
    publer = read(export(cal.root, "publer", channel="instagram").data)
    assert publer[0]["Media URL(s)"].split(",")[0] == (
        "https://example.org/Calendrier-%C3%A9t%C3%A9/images/pain%20%C3%A9t%C3%A9.jpg"
    )
    # The command line wins over the settings.
    flipped = csv_rows(export(cal.root, "hootsuite", channel="x", date_order="mdy").data)
    assert flipped[0][0] == "12/02/2026 14:30"


def test_a_bad_image_base_url_in_settings_is_a_settings_problem(cal: CalendarDir) -> None:
    settings = cal.root / "settings.yaml"
    settings.write_text(
        settings.read_text(encoding="utf-8") + "image_base_url: ftp://example.org/\n",
        encoding="utf-8",
    )
    problems = [p for p in cal.problems() if p.code == "settings"]
    assert len(problems) == 1 and "is not an http(s) address" in problems[0].message
