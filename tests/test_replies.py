"""Facts, saved replies (``replies/``), away messages and ``gc-cli replies``.

Now is Wednesday 2026-11-25 08:00 in America/Toronto unless a test says
otherwise. :data:`SETTINGS` has 12 lines: what a test appends starts on line 13.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from conftest import NOW, SETTINGS, CalendarDir, Invoke
from gc_cli.query.replies import away_messages, fold, search_replies
from gc_cli.query.select import load
from gc_cli.store.loader import load_calendar
from test_rules import COL, P, found, post

Factory = Callable[..., CalendarDir]
Run = Callable[..., Invoke]
TORONTO = ZoneInfo("America/Toronto")
SAMPLE = Path(__file__).resolve().parents[1] / "calendars"

FACTS = 'facts:\n  horaire: "mar–dim 7 h–18 h"\n  tel: "418 555-0142"\n'
#: Marie answers on weekdays from 9 to 17.
ROSTER = (
    "interactions:\n"
    "  response_target: 72h\n"
    "  roster:\n"
    '    - {who: marie, days: mon-fri, hours: "09:00-17:00"}\n'
)


def replies(cal: CalendarDir, body: str, name: str = "replies/base.yaml") -> None:
    """A reply file: ``body`` is the items of its ``replies:`` list (line 2 on)."""
    cal.write(name, "replies:\n" + body)


def codes(cal: CalendarDir, *wanted: str, now: str = NOW) -> list[tuple[object, ...]]:
    return [p for p in found(cal, now=now) if p[2] in wanted]


# -- facts ------------------------------------------------------------------------------


def test_a_fact_is_filled_in_where_a_post_is_shown(write_calendar: Factory, gc: Run) -> None:
    cal = write_calendar(SETTINGS + FACTS)
    cal.posts(post(text='"Ouvert {horaire}, {{pas un fait}}"'))
    result = gc("list", "--calendars", str(cal.root), "--format", "json", "--now", NOW)
    assert result.exit_code == 0, result.stderr
    assert result.json()[0]["text"] == "Ouvert mar–dim 7 h–18 h, {pas un fait}"
    assert codes(cal, "unknown-fact", "stale-fact") == []


def test_a_fact_counts_in_the_length_of_a_post(write_calendar: Factory) -> None:
    long_fact = "x" * 290
    cal = write_calendar(SETTINGS + f"facts:\n  long: {long_fact}\n")
    cal.posts(post(channels="[x]", text='"{long}"'))
    assert codes(cal, "text-too-long") == [P(9, COL["text"], "text-too-long", channel="x")]


def test_an_unknown_fact_is_an_error_with_a_suggestion(write_calendar: Factory) -> None:
    cal = write_calendar(SETTINGS + FACTS)
    cal.posts(post(text='"Ouvert {horair}"'))
    problems = [p for p in cal.problems() if p.code == "unknown-fact"]
    assert [(p.line, p.column, p.severity) for p in problems] == [(9, COL["text"], "error")]
    assert "'horaire'" in problems[0].message  # did you mean


def test_braces_that_are_not_a_name_are_text(write_calendar: Factory) -> None:
    cal = write_calendar(SETTINGS)
    cal.posts(post(text='"Un { espace } et {1} ne sont pas des faits"'))
    assert codes(cal, "unknown-fact") == []


def test_next_reply_is_not_a_fact_of_a_post(write_calendar: Factory) -> None:
    cal = write_calendar(SETTINGS + ROSTER)
    cal.posts(post(text='"Réponse {next_reply}"'))
    problems = [p for p in cal.problems() if p.code == "unknown-fact"]
    assert len(problems) == 1 and "not in posts" in problems[0].message


@pytest.mark.parametrize(
    ("facts", "reason"),
    [
        ("facts:\n  next_reply: demain\n", "filled in from the roster"),
        ("facts:\n  1er: demain\n", "facts"),
        ("facts:\n  horaire: {text: x, valid_until: demain}\n", "is not a day"),
        ("facts:\n  horaire: {txt: x}\n", "txt"),
    ],
)
def test_a_bad_fact_is_a_settings_error(write_calendar: Factory, facts: str, reason: str) -> None:
    cal = write_calendar(SETTINGS + facts)
    problems = cal.problems()
    assert [p.code for p in problems] and {p.code for p in problems} == {"settings"}
    assert any(reason in p.message for p in problems), [p.message for p in problems]
    assert all(p.file.endswith("settings.yaml") and p.line >= 13 for p in problems)


def test_an_expired_fact_used_after_its_day_is_a_warning(write_calendar: Factory) -> None:
    cal = write_calendar(
        SETTINGS + "facts:\n  fetes: {text: 24 déc. 7 h–15 h, valid_until: 2026-12-24}\n"
    )
    cal.posts(
        post("avant", publish_at="2026-12-20 09:00", text='"Fêtes : {fetes}"')
        + post("apres", publish_at="2026-12-28 09:00", text='"Fêtes : {fetes}"')
        + post("publie", publish_at="2026-12-28 10:00", status="published", text='"{fetes}"')
    )
    assert codes(cal, "stale-fact") == [P(17, COL["text"], "stale-fact", "warning", post="apres")]
    replies(cal, "  - id: fetes\n    title: Fêtes\n    text: Nos heures {fetes}\n")
    assert codes(cal, "stale-fact", now="2026-12-25T08:00:00-05:00")[0] == P(
        4, 11, "stale-fact", "warning", post="fetes"
    )


# -- saved replies ----------------------------------------------------------------------


def test_reply_files_are_not_post_files(write_calendar: Factory) -> None:
    cal = write_calendar(SETTINGS + FACTS)
    replies(cal, "  - id: horaire\n    title: Nos heures\n    text: Ouvert {horaire}.\n")
    assert cal.problems() == []
    calendar = load(cal.root)
    assert [r.id for r in calendar.replies] == ["horaire"] and calendar.entries == []


def test_reply_files_of_a_root_given_relative(
    cal: CalendarDir, monkeypatch: pytest.MonkeyPatch
) -> None:
    replies(cal, "  - id: horaire\n    title: Nos heures\n    text: Ouvert.\n")
    monkeypatch.chdir(cal.root.parent)
    calendar = load_calendar(Path("calendars"))
    assert calendar.problems == [] and calendar.reply_files == ["calendars/replies/base.yaml"]
    assert [r.id for r in calendar.replies] == ["horaire"]


@pytest.mark.parametrize(
    ("text", "line", "column", "words"),
    [
        ("- 1\n", 1, 1, "a reply file is a mapping"),
        ("replies: {}\n", 1, 1, "a reply file is a mapping"),
        ("replies:\n  - 3\n", 2, 5, "each reply is a mapping"),
        ("replies:\n  - id: a\n    title: b\n", 2, 5, "text"),
        ("replies:\n  - id: a\n    title: b\n    text: c\n    txt: d\n", 5, 5, "txt"),
        ("replies:\n  - id: a\n    title: b\n    text: {fr: c, FR: d}\n", 4, 11, "text"),
        ("replies: []\npost: 1\n", 2, 1, "unknown key 'post'"),
    ],
)
def test_a_malformed_reply_file_is_a_schema_error_at_its_line(
    cal: CalendarDir, text: str, line: int, column: int, words: str
) -> None:
    cal.write("replies/mauvais.yaml", text)
    problems = cal.problems()
    # A text or a mapping of texts: pydantic may explain both ways, at one place.
    assert {(p.code, p.file, p.line, p.column) for p in problems} == {
        ("schema", "calendars/replies/mauvais.yaml", line, column)
    }, [p.message for p in problems]
    assert any(words in p.message for p in problems)


def test_a_duplicate_reply_and_an_unknown_channel(cal: CalendarDir) -> None:
    replies(
        cal,
        "  - id: a\n    title: A\n    text: a\n    channels: [facebok]\n"
        "  - id: a\n    title: B\n    text: b\n",
        name="replies/a.yaml",
    )
    assert codes(cal, "duplicate-reply", "unknown-channel") == [
        P(5, 15, "unknown-channel", post="a"),
        P(6, 9, "duplicate-reply", post="a"),
    ]


def test_a_reply_over_the_limit_of_its_channel(write_calendar: Factory) -> None:
    cal = write_calendar(SETTINGS + f"facts:\n  long: {'y' * 200}\n")
    replies(
        cal,
        # 281 characters once the fact is in: one too many for X.
        "  - id: x\n    title: X\n    channels: [x]\n    text: " + "z" * 81 + "{long}\n"
        # 600 é: 600 characters but 1,200 bytes, over Instagram's 1,000.
        "  - id: insta\n    title: I\n    channels: [instagram, facebook]\n"
        "    text: " + "é" * 600 + "\n",
    )
    problems = [p for p in cal.problems() if p.code == "reply-too-long"]
    assert [(p.line, p.post, p.channel) for p in problems] == [
        (5, "x", "x"),
        (9, "insta", "instagram"),
    ]
    assert "281 characters" in problems[0].message and "(1 too many)" in problems[0].message
    assert "1200 bytes" in problems[1].message


def test_a_reply_naming_no_channel_is_checked_on_every_channel(cal: CalendarDir) -> None:
    replies(cal, "  - id: long\n    title: L\n    text: " + "mot " * 80 + "\n")
    channels = {p.channel for p in cal.problems() if p.code == "reply-too-long"}
    assert channels == {"x", "bluesky"}  # 320 characters: over 280 and 300 only


# -- away messages -----------------------------------------------------------------------


def test_a_missing_away_message_is_a_warning_once_away_is_written(
    write_calendar: Factory,
) -> None:
    cal = write_calendar(SETTINGS + ROSTER)
    assert codes(cal, "missing-away-message") == []  # no away: not managed here
    cal.write("settings.yaml", SETTINGS + ROSTER + "  away:\n    facebook: Merci !\n")
    assert codes(cal, "missing-away-message") == [
        P(17, 3, "missing-away-message", "warning", post=None, channel="instagram")
    ]


def test_no_missing_away_message_when_somebody_is_always_on_duty(
    write_calendar: Factory,
) -> None:
    always = ROSTER.replace("mon-fri", "mon-sun").replace("09:00-17:00", "00:00-24:00")
    cal = write_calendar(SETTINGS + always + "  away:\n    facebook: Merci !\n")
    assert codes(cal, "missing-away-message") == []


def test_an_away_message_promising_a_day_off(write_calendar: Factory) -> None:
    cal = write_calendar(
        SETTINGS
        + ROSTER
        + "  away:\n"
        + "    facebook: Nous répondrons lundi.\n"  # Marie works on Mondays
        + "    instagram: Nous répondrons Dimanche.\n"  # nobody does
        + "    linkedin: Nous répondrons {next_reply}, pas dimanche.\n"
    )
    problems = [p for p in cal.problems() if p.code == "away-promise"]
    assert [(p.line, p.channel) for p in problems] == [(19, "instagram")]
    assert "2026-11-29" in problems[0].message


def test_an_away_message_promising_a_closed_monday(write_calendar: Factory) -> None:
    closed = "closed:\n  - {from: 2026-11-30, label: Inventaire}\n"
    cal = write_calendar(
        SETTINGS + closed + ROSTER + "  away:\n    facebook: Nous répondrons lundi.\n"
    )
    problems = [p for p in cal.problems() if p.code == "away-promise"]
    assert len(problems) == 1 and "2026-11-30" in problems[0].message


def test_an_away_message_with_an_unknown_fact_and_a_disabled_channel(
    write_calendar: Factory,
) -> None:
    cal = write_calendar(
        SETTINGS
        + ROSTER
        + "  away:\n    facebook: Merci ! {heures}\n    tiktok: Merci !\n"
        # Threads is built in but not enabled: its inbox still gets messages.
        + "    threads: Merci !\n"
    )
    assert codes(cal, "unknown-fact", "unknown-channel") == [
        P(18, 15, "unknown-fact", post=None),
        P(19, 5, "unknown-channel", post=None),
    ]


# -- {next_reply} -----------------------------------------------------------------------


def _away_at(cal: CalendarDir, at: datetime) -> tuple[str, datetime | None]:
    (away,) = away_messages(load(cal.root), channel="facebook", at=at)
    return away.text, away.next_reply


AWAY_FR = "language: fr\n" + ROSTER + "  away:\n    facebook: Réponse {next_reply}.\n"


def test_next_reply_on_a_plain_weekend(write_calendar: Factory) -> None:
    cal = write_calendar(SETTINGS + AWAY_FR)
    text, back = _away_at(cal, datetime(2026, 11, 28, 22, 0))
    assert text == "Réponse dès lundi 9 h."
    assert back == datetime(2026, 11, 30, 9, 0, tzinfo=TORONTO)


def test_next_reply_across_a_closure(write_calendar: Factory) -> None:
    closed = "closed:\n  - {from: 2026-11-30, to: 2026-12-01, label: Inventaire}\n"
    cal = write_calendar(SETTINGS + closed + AWAY_FR)
    assert _away_at(cal, datetime(2026, 11, 28, 22, 0))[0] == "Réponse dès mercredi 9 h."


def test_next_reply_across_an_absence_and_a_long_closure(write_calendar: Factory) -> None:
    absent = AWAY_FR.replace(
        "  away:", "  absences:\n    - {who: marie, from: 2026-11-30, to: 2026-12-04}\n  away:"
    )
    cal = write_calendar(SETTINGS + absent)
    text, back = _away_at(cal, datetime(2026, 11, 28, 22, 0))
    assert text == "Réponse dès le lundi 7 décembre à 9 h."
    assert back == datetime(2026, 12, 7, 9, 0, tzinfo=TORONTO)


def test_next_reply_across_the_autumn_change(write_calendar: Factory) -> None:
    """Toronto leaves daylight time on 2026-11-01: Monday 9:00 is 14:00 UTC, not 13:00."""
    cal = write_calendar(SETTINGS + AWAY_FR)
    text, back = _away_at(cal, datetime(2026, 10, 31, 22, 0))
    assert text == "Réponse dès lundi 9 h."
    assert back is not None and back.astimezone(UTC) == datetime(2026, 11, 2, 14, 0, tzinfo=UTC)


def test_next_reply_across_the_spring_change_in_english(write_calendar: Factory) -> None:
    """On 2027-03-14 at 02:00 clocks go to 03:00: a shift from 02:30 starts at 03:00."""
    roster = ROSTER.replace("mon-fri", "sun").replace("09:00-17:00", "02:30-05:00")
    # Quoted: a YAML value that starts with { is a mapping.
    cal = write_calendar(SETTINGS + roster + '  away:\n    facebook: "{next_reply}"\n')
    text, back = _away_at(cal, datetime(2027, 3, 13, 23, 0))
    assert text == "tomorrow at 3:00"
    assert back is not None and back.astimezone(UTC) == datetime(2027, 3, 14, 7, 0, tzinfo=UTC)


def test_next_reply_when_somebody_is_on_duty_or_nobody_ever(write_calendar: Factory) -> None:
    cal = write_calendar(SETTINGS + AWAY_FR)
    assert _away_at(cal, datetime(2026, 11, 25, 10, 0))[0] == "Réponse sous peu."
    assert _away_at(cal, datetime(2026, 11, 25, 7, 0))[0] == "Réponse dès aujourd'hui 9 h."
    nobody = AWAY_FR.replace(
        "  away:", "  absences:\n    - {who: marie, from: 2026-11-01}\n  away:"
    )
    cal = write_calendar(
        SETTINGS + nobody.replace("from: 2026-11-01", "from: 2026-11-01, to: 2028-01-01")
    )
    assert _away_at(cal, datetime(2026, 11, 25, 7, 0)) == ("Réponse dès que possible.", None)


# -- search -----------------------------------------------------------------------------

SAVED = """\
  - id: ingredients
    title: Nos ingrédients
    text: Tout est fait maison ; voyez la liste des allergènes au comptoir.
  - id: allergenes
    title: Allergènes
    keywords: [noix, arachides]
    text:
      fr: Nos produits peuvent contenir des traces de noix. {tel}
      en: Our products may contain traces of nuts. {tel}
  - id: buches
    title: Bûches de Noël
    channels: [facebook]
    text: Commandez votre bûche avant le 20 décembre.
"""


@pytest.fixture
def saved(write_calendar: Factory) -> CalendarDir:
    cal = write_calendar(SETTINGS + "language: fr\n" + FACTS)
    replies(cal, SAVED)
    return cal


def test_fold_drops_accents_and_case() -> None:
    assert fold("ALLERGÈNES Bûche Œuf") == "allergenes buche œuf"


def test_a_word_without_accents_finds_the_title_first(saved: CalendarDir) -> None:
    found_ = search_replies(load(saved.root), ["allergene"], now=datetime(2026, 11, 25, 8))
    # The title and the start of "allergènes" first; a mention in a text after.
    assert [f.entry.id for f in found_] == ["allergenes", "ingredients"]
    assert found_[0].text == "Nos produits peuvent contenir des traces de noix. 418 555-0142"


def test_search_by_keyword_language_and_channel(saved: CalendarDir) -> None:
    calendar = load(saved.root)
    assert [f.entry.id for f in search_replies(calendar, ["ARACHIDES"])] == ["allergenes"]
    (english,) = search_replies(calendar, ["noix"], language="en")
    assert english.language == "en" and english.text.startswith("Our products")
    assert [f.entry.id for f in search_replies(calendar, ["BUCHE"], channel="instagram")] == []
    assert [f.entry.id for f in search_replies(calendar, [])] == [
        "ingredients",
        "allergenes",
        "buches",
    ]
    assert search_replies(calendar, ["noix", "chocolat"]) == []  # every word must match


def test_replies_command_prints_the_text_ready_to_paste(saved: CalendarDir, gc: Run) -> None:
    result = gc("replies", "allergene", "--calendars", str(saved.root), "--now", NOW)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[:2] == [
        "# allergenes · Allergènes",
        "Nos produits peuvent contenir des traces de noix. 418 555-0142",
    ]
    result = gc("replies", "rien", "--calendars", str(saved.root), "--now", NOW)
    assert (result.exit_code, result.stdout) == (0, "No saved reply matches.\n")


def test_replies_command_json(saved: CalendarDir, gc: Run) -> None:
    result = gc(
        "replies", "noix", "--lang", "en", "--format", "json", "--calendars", str(saved.root)
    )
    assert result.exit_code == 0, result.stderr
    (reply,) = result.json()["replies"]
    assert reply["id"] == "allergenes" and reply["language"] == "en"
    assert reply["file"].endswith("replies/base.yaml")


def test_replies_away_at_a_weekday_and_hour(write_calendar: Factory, gc: Run) -> None:
    cal = write_calendar(SETTINGS + AWAY_FR)
    result = gc(
        "replies", "--away", "--at", "samedi 22 h", "--calendars", str(cal.root), "--now", NOW
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "# away message on facebook, sent 2026-11-28 22:00\nRéponse dès lundi 9 h.\n"
    )
    result = gc(
        "replies",
        "--away",
        "--at",
        "sat 22:00",
        "--format",
        "json",
        "--calendars",
        str(cal.root),
        "--now",
        NOW,
    )
    (away,) = result.json()["away"]
    assert away["at"] == "2026-11-28T22:00-05:00"
    assert away["next_reply"] == "2026-11-30T09:00-05:00"
    # A relative date, as everywhere a date is typed, read in the root's zone.
    result = gc(
        "replies", "--away", "--at", "+3d 22:00", "--format", "json",
        "--calendars", str(cal.root), "--now", NOW,
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.json()["away"][0]["at"] == "2026-11-28T22:00-05:00"


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("--at", "samedi 25 h"), "--at"),
        (("--at", "demain 25 h"), "--at"),
        (("--channel", "tiktok"), "--channel"),
    ],
)
def test_replies_usage_errors(
    saved: CalendarDir, gc: Run, args: tuple[str, ...], words: str
) -> None:
    result = gc("replies", *args, "--calendars", str(saved.root), "--now", NOW)
    assert result.exit_code == 2 and words in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def test_the_sample_bakery_replies_in_french() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "gc_cli", "replies", "allergene", "--calendars", str(SAMPLE)],
        capture_output=True,
        text=True,
        env={"GC_NOW": "2026-12-01 09:00", "PATH": "", "NO_COLOR": "1"},
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("# allergenes · Allergènes\nBonjour !")
    assert "418 555-0142" in result.stdout


def test_replies_in_french_and_the_same_json(
    write_calendar: Factory, gc: Run, french: Callable[[str], None]
) -> None:
    cal = write_calendar(SETTINGS + AWAY_FR)
    args = ("replies", "--away", "--at", "samedi 22 h", "--calendars", str(cal.root), "--now", NOW)
    result = gc(*args)
    assert result.stdout == (
        "# message d'absence sur facebook, envoyé le 2026-11-28 à 22:00\nRéponse dès lundi 9 h.\n"
    )
    french_json = gc(*args, "--format", "json").stdout
    french("en")
    assert gc(*args, "--format", "json").stdout == french_json
    result = gc("replies", "rien", "--calendars", str(cal.root), "--now", NOW)
    assert result.stdout == "No saved reply matches.\n"
    french("fr")
    result = gc("replies", "rien", "--calendars", str(cal.root), "--now", NOW)
    assert result.stdout == "Aucune réponse enregistrée ne correspond.\n"


@pytest.mark.timeout(60)
def test_a_reply_cannot_steer_the_terminal(cal: CalendarDir, gc: Run) -> None:
    cal.write(
        "replies/hostile.yaml",
        'replies:\n  - id: multi\n    title: "Titre\\e]0;pris\\a"\n'
        '    text: "Ligne un\\nLigne deux\\e[31m"\n',
    )
    result = gc("replies", "--calendars", str(cal.root), "--now", NOW)
    assert result.exit_code == 0, result.stderr
    assert "\x1b" not in result.stdout and "\a" not in result.stdout
    # Line breaks are the reply's own: kept, so that it pastes as written.
    assert result.stdout.splitlines()[1:] == ["Ligne un", "Ligne deux\u241b[31m"]
