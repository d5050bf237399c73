from conftest import GOOD_POST, CalendarDir


def test_good_post_has_no_problem(cal: CalendarDir) -> None:
    cal.posts(GOOD_POST)
    assert cal.codes() == []


def test_cli_check_json(cal: CalendarDir, gc) -> None:
    cal.posts(GOOD_POST + "  chanels: [x]\n")
    out = gc("check", "--calendars", str(cal.root), "--format", "json", "--now", "2026-11-25T08:00")
    assert out.exit_code == 1
    doc = out.json()
    assert [(p["code"], p["line"], p["column"]) for p in doc["problems"]] == [("schema", 10, 5)]
    assert "did you mean 'channels'" in doc["problems"][0]["message"]
