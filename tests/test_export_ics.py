"""``export --format ics`` read back by three parsers: icalendar (which wrote it),
``ical`` (an independent implementation), and khal, a real calendar client that
imports the file and lists the posts at the right local times."""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from conftest import NOW, CalendarDir, parsed
from test_export_formats import SAMPLE, export

TORONTO = ZoneInfo("America/Toronto")
WINDOW = {"start": "2026-11-25", "end": "2027-02-28"}


@pytest.fixture
def plan(cal: CalendarDir) -> CalendarDir:
    cal.posts(
        """\
        - id: article
          kind: article
          title: Le billet, avec une virgule; et un point-virgule
          status: scheduled
          owner: agence
          channels: [facebook, linkedin]
          publish_at: 2026-12-01 09:00
          text: "Ligne 1\\nLigne 2 🎉"
          channel_text: {linkedin: Pour LinkedIn}
          link: https://example.org/billet
          tags: [blogue]
          campaign: fetes
        - {id: idee, kind: other, title: Une idée, status: idea, owner: marie,
           channels: [facebook], publish_at: 2026-12-02}
        - {id: hebdo, kind: product, title: Le pain, status: ready, owner: marie,
           channels: [instagram], publish_at: 2027-03-05 09:00,
           repeat: "FREQ=WEEKLY;COUNT=3"}
        """
    )
    return cal


def _events(data: bytes) -> dict[str, object]:
    import icalendar

    calendar = icalendar.Calendar.from_ical(data)
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def test_icalendar_reads_every_property_back(plan: CalendarDir) -> None:
    import icalendar

    data = export(plan.root, "ics", start=parsed("2026-12-01"), end=parsed("2027-03-31")).data
    calendar = icalendar.Calendar.from_ical(data)
    assert str(calendar["PRODID"]) == "-//gc-cli//social media plan//EN"
    assert str(calendar["VERSION"]) == "2.0"
    (timezone,) = calendar.walk("VTIMEZONE")
    assert str(timezone["TZID"]) == "America/Toronto"
    events = {str(e["UID"]).split("@")[0]: e for e in calendar.walk("VEVENT")}
    assert list(events) == ["article", "idee", "hebdo.20270305", "hebdo.20270312", "hebdo.20270319"]
    article = events["article"]
    start = article.decoded("DTSTART")
    assert start == datetime(2026, 12, 1, 9, 0, tzinfo=TORONTO)
    assert article["DTSTART"].params["TZID"] == "America/Toronto"
    assert article.decoded("DTEND") - start == timedelta(minutes=15)
    assert str(article["SUMMARY"]) == "[article] Le billet, avec une virgule; et un point-virgule"
    description = str(article["DESCRIPTION"])
    assert description.startswith("Ligne 1\nLigne 2 🎉\n\nLink: https://example.org/billet\n")
    assert "Channels: facebook, linkedin" in description
    assert "Owner: agence (Agence Bleu, external)" in description
    assert description.endswith("Text on linkedin:\nPour LinkedIn")
    assert [str(c) for c in article["CATEGORIES"].cats] == [
        "article",
        "facebook",
        "linkedin",
        "blogue",
    ]
    assert (str(article["STATUS"]), str(article["TRANSP"])) == ("CONFIRMED", "TRANSPARENT")
    assert str(article["URL"]) == "https://example.org/billet"
    assert article.decoded("DTSTAMP") == datetime.fromisoformat(NOW)
    # A post with only a day is an all-day event; an idea is tentative.
    idea = events["idee"]
    assert idea.decoded("DTSTART") == date(2026, 12, 2)
    assert idea.decoded("DTEND") == date(2026, 12, 3)
    assert str(idea["STATUS"]) == "TENTATIVE"
    # Occurrences keep their wall time across the DST change of 14 March 2027.
    assert events["hebdo.20270312"].decoded("DTSTART").utcoffset() == timedelta(hours=-5)
    assert events["hebdo.20270319"].decoded("DTSTART") == datetime(
        2027, 3, 19, 9, 0, tzinfo=TORONTO
    )
    assert events["hebdo.20270319"].decoded("DTSTART").utcoffset() == timedelta(hours=-4)
    assert str(events["hebdo.20270312"]["SUMMARY"]) == "[product] Le pain (2/3)"


def test_uids_stay_when_a_post_moves_or_the_root_is_cloned_elsewhere(
    plan: CalendarDir, tmp_path: Path
) -> None:
    before = _events(
        export(plan.root, "ics", start=parsed("2026-12-01"), end=parsed("2027-03-31")).data
    )
    text = (plan.root / "posts.yaml").read_text(encoding="utf-8")
    (plan.root / "posts.yaml").write_text(
        text.replace("2026-12-01 09:00", "2026-12-08 14:30"), encoding="utf-8"
    )
    clone = tmp_path / "elsewhere" / "deep" / "calendars"
    shutil.copytree(plan.root, clone)
    after = _events(export(clone, "ics", start=parsed("2026-12-01"), end=parsed("2027-03-31")).data)
    assert set(after) == set(before)
    moved = next(uid for uid in after if uid.startswith("article@"))
    assert after[moved].decoded("DTSTART") == datetime(2026, 12, 8, 14, 30, tzinfo=TORONTO)


def test_another_root_gets_other_uids(write_calendar: object, plan: CalendarDir) -> None:
    other = plan.root.parent / "autre"
    shutil.copytree(plan.root, other)
    first = set(
        _events(export(plan.root, "ics", start=parsed("2026-12-01"), end=parsed("2026-12-31")).data)
    )
    second = set(
        _events(export(other, "ics", start=parsed("2026-12-01"), end=parsed("2026-12-31")).data)
    )
    assert first and not first & second


def test_the_independent_ical_parser_reads_the_sample_export() -> None:
    from ical.calendar_stream import IcsCalendarStream

    result = export(SAMPLE, "ics", **WINDOW)
    calendar = IcsCalendarStream.calendar_from_ics(result.data.decode("utf-8"))
    assert len(calendar.events) == result.count == 45
    assert calendar.prodid == "-//gc-cli//social media plan//EN"
    assert [tz.tz_id for tz in calendar.timezones] == ["America/Toronto"]
    first = calendar.events[0]
    assert first.summary == "[product] Chocolatines du jeudi matin"
    assert first.dtstart == datetime(2026, 11, 26, 7, 30, tzinfo=TORONTO)
    assert first.dtend == datetime(2026, 11, 26, 7, 45, tzinfo=TORONTO)
    assert first.categories == ["product", "facebook", "instagram", "viennoiseries"]
    assert first.description is not None and first.description.startswith(
        "Croissants et chocolatines sortent du four à 6 h 45 🥐\nPur beurre, laminés"
    )
    valentine = next(e for e in calendar.events if e.uid.startswith("saint-valentin-jour-j@"))
    assert valentine.dtstart == date(2027, 2, 14)  # all day
    assert len({event.uid for event in calendar.events}) == 45
    weekly = [e for e in calendar.events if e.uid.startswith("pain-de-la-semaine.")]
    assert [e.dtstart.date().isoformat() for e in weekly][:2] == ["2027-01-08", "2027-01-15"]


def _khal() -> str | None:
    found = Path(sys.executable).with_name("khal")
    return str(found) if found.exists() else shutil.which("khal")


KHAL_CONFIG = """\
[calendars]
[[posts]]
path = {folder}
type = calendar

[locale]
timeformat = %H:%M
dateformat = %Y-%m-%d
longdateformat = %Y-%m-%d
datetimeformat = %Y-%m-%d %H:%M
longdatetimeformat = %Y-%m-%d %H:%M
local_timezone = {zone}
default_timezone = {zone}

[default]
default_calendar = posts
"""


def _khal_list(tmp_path: Path, data: bytes, zone: str) -> list[str]:
    """Import ``data`` into a throw-away khal calendar and list the window's events."""
    khal = _khal()
    if khal is None:
        pytest.fail("khal is not installed: pip install '.[test]'")
    folder = tmp_path / f"khal-{zone.replace('/', '-')}"
    (folder / "posts").mkdir(parents=True)
    config = folder / "config"
    config.write_text(KHAL_CONFIG.format(folder=folder / "posts", zone=zone), encoding="utf-8")
    (folder / "plan.ics").write_bytes(data)
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(folder),
        "XDG_DATA_HOME": str(folder / "data"),
        "XDG_CONFIG_HOME": str(folder / "config.d"),
        "LANG": "C.UTF-8",
        "TZ": zone,
    }
    run = [khal, "-c", str(config)]
    subprocess.run(
        [*run, "import", "--batch", "-a", "posts", str(folder / "plan.ics")],
        check=True,
        capture_output=True,
        env=env,
        timeout=120,
    )
    listed = subprocess.run(
        [*run, "list", "--format", "{start} | {title}", "2026-11-25", "2027-03-01"],
        check=True,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    return [line for line in listed.stdout.splitlines() if " | " in line]


def test_khal_imports_the_sample_and_lists_posts_at_their_local_times(tmp_path: Path) -> None:
    result = export(SAMPLE, "ics", **WINDOW)
    lines = _khal_list(tmp_path, result.data, "America/Toronto")
    assert len(lines) == result.count == 45
    assert lines[0] == "2026-11-26 07:30 | [product] Chocolatines du jeudi matin"
    assert "2026-12-01 12:00 | [other] Merci à nos fournisseurs" in lines
    assert "2027-01-15 09:00 | [product] Le pain de la semaine (2/8)" in lines
    # The date-only post is an all-day event: khal shows the day without a time.
    assert "2027-02-14 | [product] Joyeuse Saint-Valentin" in lines


def test_khal_converts_the_times_to_another_zone(tmp_path: Path) -> None:
    """The VTIMEZONE is honoured: a reader in Paris sees the instants, six hours later."""
    result = export(SAMPLE, "ics", **WINDOW)
    lines = _khal_list(tmp_path, result.data, "Europe/Paris")
    assert lines[0] == "2026-11-26 13:30 | [product] Chocolatines du jeudi matin"
    assert "2026-12-01 18:00 | [other] Merci à nos fournisseurs" in lines


# -- skipped and moved occurrences ------------------------------------------------------

SKIPS = """\
- id: vendredi
  title: Le pain du vendredi
  channels: [facebook]
  status: ready
  owner: marie
  publish_at: 2026-12-04 09:00
  repeat: FREQ=WEEKLY;BYDAY=FR;COUNT=4
  skip: [2026-12-25]
  moved: {2026-12-11: 2026-12-12 10:30}
  text: Le pain du vendredi.
"""


def _skip_export(cal: CalendarDir) -> bytes:
    cal.posts(SKIPS)
    from gc_cli.exporters.run import run_export

    result = run_export(
        cal.root,
        "ics",
        now=parsed(NOW),
        start=parsed("2026-12-01"),
        end=parsed("2026-12-31"),
        cwd=cal.root.parent,
    )
    assert result.count == 3
    return result.data


def test_ical_reads_skipped_and_moved_occurrences_on_their_days(cal: CalendarDir) -> None:
    """Each occurrence is an event of its own: a skipped one is absent, a moved one is at
    its new time under the UID of the occurrence it replaces, so a subscribed calendar
    moves the event it already has."""
    from ical.calendar_stream import IcsCalendarStream

    calendar = IcsCalendarStream.calendar_from_ics(_skip_export(cal).decode("utf-8"))
    events = sorted(calendar.events, key=lambda e: e.dtstart)
    assert [(e.uid.split("@")[0], e.dtstart) for e in events] == [
        ("vendredi.20261204", datetime(2026, 12, 4, 9, 0, tzinfo=TORONTO)),
        ("vendredi.20261211", datetime(2026, 12, 12, 10, 30, tzinfo=TORONTO)),
        ("vendredi.20261218", datetime(2026, 12, 18, 9, 0, tzinfo=TORONTO)),
    ]
    assert [e.summary for e in events] == [
        "[other] Le pain du vendredi (1/3)",
        "[other] Le pain du vendredi (2/3)",
        "[other] Le pain du vendredi (3/3)",
    ]


def test_khal_lists_skipped_and_moved_occurrences_on_their_days(
    cal: CalendarDir, tmp_path: Path
) -> None:
    lines = _khal_list(tmp_path, _skip_export(cal), "America/Toronto")
    assert lines == [
        "2026-12-04 09:00 | [other] Le pain du vendredi (1/3)",
        "2026-12-12 10:30 | [other] Le pain du vendredi (2/3)",
        "2026-12-18 09:00 | [other] Le pain du vendredi (3/3)",
    ]


def test_a_moved_occurrence_keeps_its_uid_and_a_skipped_one_disappears(cal: CalendarDir) -> None:
    """The next export of the same root: the event of 12-11 has the UID it had before
    the move, and 12-25's is simply no longer there (a subscription drops it)."""
    cal.posts(SKIPS.replace("  skip: [2026-12-25]\n  moved: {2026-12-11: 2026-12-12 10:30}\n", ""))
    from gc_cli.exporters.run import run_export

    before = run_export(
        cal.root, "ics", now=parsed(NOW), start=parsed("2026-12-01"), end=parsed("2026-12-31")
    )
    after = _skip_export(cal)
    old = set(_events(before.data))
    new = set(_events(after))
    assert new < old
    assert old - new == {next(uid for uid in old if uid.startswith("vendredi.20261225@"))}
