"""The rules page, docs/rules.md, is written from the registry and kept current."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from gc_cli.problems import EXAMPLE_SETTINGS
from gc_cli.rules import all_rules
from gc_cli.rules.page import COMMAND, PAGE, abridged, rules_page, severity_text

REPO = Path(__file__).resolve().parents[1]


def test_the_committed_page_is_current() -> None:
    committed = (REPO / PAGE).read_text(encoding="utf-8")
    assert committed == rules_page(), f"{PAGE} is stale: run {COMMAND}"


def test_the_page_documents_every_rule_once() -> None:
    page = rules_page()
    headings = re.findall(r"^### `([a-z-]+)`$", page, re.MULTILINE)
    assert headings == [rule.code for rule in all_rules()]
    table = re.findall(r"^\| \[`([a-z-]+)`\]\(#\1\) \| (.+) \|$", page, re.MULTILINE)
    assert table == [(rule.code, severity_text(rule)) for rule in all_rules()]
    assert f"```yaml\n{EXAMPLE_SETTINGS}```" in page


def test_severities_that_vary_say_how() -> None:
    rules = {rule.code: rule for rule in all_rules()}
    assert severity_text(rules["duplicate-id"]) == "error"
    assert severity_text(rules["coverage-gap"]) == "warning"
    assert "from status `ready` on" in severity_text(rules["missing-link"])
    assert "`rules.alt_text`" in severity_text(rules["missing-alt-text"])
    section = rules_page().split("### `missing-image`")[1].split("###")[0]
    assert "**Severity:** error from status `ready` on; warning while" in section


def test_each_example_is_shown_with_the_line_it_is_reported_at() -> None:
    page = rules_page()
    section = page.split("### `duplicate-key`")[1].split("###")[0]
    assert "Reported at line 4 of `posts.yaml`: `title: Le menu des fêtes`." in section
    assert "```yaml\nposts:\n  - id: menu-noel\n    title: Menu de Noël\n" in section
    settings = page.split("### `settings`")[1].split("###")[0]
    assert "`settings.yaml` ends with:\n\n```yaml\nrules:\n  alt_text: sometimes" in settings


def test_long_runs_of_identical_lines_are_abridged() -> None:
    text = "posts:\n" + "  - 0\n" * 1001
    assert abridged(text) == "posts:\n  - 0\n  - 0\n  # … 999 more lines like these\n"
    short = "a\n  b\n  b\n  b\nc\n"
    assert abridged(short) == short


def test_the_script_writes_and_checks_the_page(tmp_path: Path) -> None:
    script = REPO / "scripts" / "rules_doc.py"
    checked = subprocess.run(
        [sys.executable, str(script), "--check"], capture_output=True, text=True, check=False
    )
    assert (checked.returncode, checked.stderr) == (0, "")
    # A copy of the script in another tree writes the page there, and --check then passes.
    (tmp_path / "scripts").mkdir()
    copy = tmp_path / "scripts" / "rules_doc.py"
    copy.write_text(script.read_text(encoding="utf-8"), encoding="utf-8")
    stale = subprocess.run(
        [sys.executable, str(copy), "--check"], capture_output=True, text=True, check=False
    )
    assert stale.returncode == 1
    assert "run python scripts/rules_doc.py" in stale.stderr
    written = subprocess.run([sys.executable, str(copy)], capture_output=True, check=False)
    assert written.returncode == 0
    assert (tmp_path / PAGE).read_text(encoding="utf-8") == rules_page()
