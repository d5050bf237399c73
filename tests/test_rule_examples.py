"""Every rule is defined once, raised through its definition, and its example is run.

Each registered rule's example is a complete calendar root (the examples'
settings, the post file, the files it names) written to ``tmp_path`` and
checked by the real loader and rules: it must report the rule's code at the
line the example gives, with the rule's default severity, and nothing else.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import get_args, get_type_hints

import pytest
from PIL import Image

import gc_cli
from conftest import NOW, SETTINGS, CalendarDir
from gc_cli import images
from gc_cli.problems import (
    EXAMPLE_NOW,
    EXAMPLE_SETTINGS,
    Example,
    Picture,
    Rule,
    Severity,
)
from gc_cli.query.coverage import RosterIssue
from gc_cli.rules import FAMILIES, all_rules

SRC = Path(gc_cli.__file__).parent
RULES = all_rules()


def write_example(cal: CalendarDir, example: Example) -> None:
    """The root of ``example``: its settings, its post file, its other files."""
    (cal.root / "settings.yaml").write_text(EXAMPLE_SETTINGS + example.settings, encoding="utf-8")
    if example.posts:
        (cal.root / "posts.yaml").write_text(example.posts, encoding="utf-8")
    for file in example.files:
        path = cal.root / file.path
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(file, Picture):
            Image.new("RGB", (file.width, file.height), (200, 120, 40)).save(path, file.format)
        else:
            path.write_text(file.text, encoding="utf-8")


def test_the_examples_root_is_the_tests_standard_root() -> None:
    assert EXAMPLE_SETTINGS == SETTINGS
    assert datetime.fromisoformat(NOW) == EXAMPLE_NOW


@pytest.mark.timeout(60)
@pytest.mark.parametrize("rule", RULES, ids=[rule.code for rule in RULES])
def test_the_example_reports_its_rule(
    rule: Rule, write_calendar: Callable[..., CalendarDir]
) -> None:
    example = rule.example
    cal = write_calendar()
    write_example(cal, example)
    problems = cal.problems(images=True)
    expected = {rule.code} | {other.code for other in example.also}
    assert {p.code for p in problems} == expected, [(p.line, p.code, p.message) for p in problems]
    where = f"{cal.root.name}/{example.file}"
    assert any(
        (p.code, p.file, p.line, p.severity) == (rule.code, where, example.line, rule.severity)
        for p in problems
    ), [(p.file, p.line, p.code, p.severity) for p in problems]


def test_every_rule_has_a_summary_and_an_example() -> None:
    assert len(RULES) == len({rule.code for rule in RULES}), "a code is registered twice"
    for rule in RULES:
        assert rule.summary.strip(), rule.code
        assert rule.example.posts or rule.example.settings, rule.code
        assert rule.example.line >= 1, rule.code
        assert rule not in rule.example.also, rule.code


def test_the_rules_whose_severity_varies_say_how() -> None:
    varying = {rule.code: rule for rule in RULES if rule.varies}
    assert set(varying) == {"missing-link", "missing-image", "missing-alt-text", "not-approved"}
    for code in ("missing-link", "missing-image", "not-approved"):
        rule = varying[code]
        assert rule.severity_for(ready=True) is Severity.error
        assert rule.severity_for(ready=False) is Severity.warning
    alt = varying["missing-alt-text"]
    assert alt.setting == "rules.alt_text"
    assert alt.severity_for(configured=Severity.error) is Severity.error
    fixed = next(rule for rule in RULES if rule.code == "duplicate-id")
    assert fixed.severity_for(ready=False) is Severity.error
    with pytest.raises(ValueError, match="no setting"):
        fixed.severity_for(configured=Severity.warning)
    with pytest.raises(ValueError, match="always error"):
        fixed.at("posts.yaml", 1, 1, "m", severity=Severity.warning)


def test_a_draft_gets_the_softer_severity(cal: CalendarDir) -> None:
    example = next(rule for rule in RULES if rule.code == "missing-link").example
    cal.write("posts.yaml", example.posts.replace("status: ready", "status: draft"))
    assert [(p.code, p.severity) for p in cal.problems()] == [("missing-link", "warning")]


def test_every_rule_object_of_the_package_is_registered() -> None:
    registered = {id(rule) for rule in RULES}
    for info in pkgutil.walk_packages([str(SRC)], "gc_cli."):
        if info.name == "gc_cli.__main__":
            continue  # importing it runs the command line
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if isinstance(value, Rule):
                assert id(value) in registered, f"{info.name}.{name} is not in the registry"


def test_every_code_given_by_lower_layers_is_registered() -> None:
    """The image reader and the roster name their codes as strings: each must be a rule."""
    codes = {rule.code for rule in RULES}
    image_codes = {
        images.NOT_FOUND,
        images.OUTSIDE_ROOT,
        images.UNREADABLE,
        images.FORMAT,
        images.TOO_LARGE,
        images.DIMENSIONS,
    }
    assert image_codes <= codes
    roster_codes = set(get_args(get_type_hints(RosterIssue)["code"]))
    assert roster_codes == {"unknown-member", "not-in-interactions-role"}
    assert roster_codes <= codes


def _calls(name: str) -> list[str]:
    """``file:line`` of every call of ``name`` (a plain or dotted name) in the package."""
    found = []
    for path in sorted(SRC.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                func = node.func
                called = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
                if called == name:
                    found.append(f"{path.relative_to(SRC)}:{node.lineno}")
    return found


def test_problems_are_made_only_by_their_rule() -> None:
    """Only :meth:`Rule.at` makes a problem, so its code and severity are the rule's."""
    made = _calls("Problem")
    assert len(made) == 1 and made[0].startswith("problems.py:"), made


def test_raise_sites_name_a_rule_not_a_code() -> None:
    """The first argument of ``entry.problem(...)`` and ``loader.problem(...)`` is a rule."""
    offenders = []
    for path in sorted(SRC.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "problem"
            ):
                args = node.args[2:3] if _is_loader_call(node) else node.args[:1]
                if any(isinstance(arg, ast.Constant) for arg in args):
                    offenders.append(f"{path.relative_to(SRC)}:{node.lineno}")
    assert offenders == []


def _is_loader_call(node: ast.Call) -> bool:
    """``self.problem(file, pos, rule, ...)`` in the loader: the rule comes third."""
    return isinstance(node.func, ast.Attribute) and (
        isinstance(node.func.value, ast.Name) and node.func.value.id in ("self", "loader")
    )


def test_families_have_titles_and_rules() -> None:
    for family in FAMILIES:
        assert family.title.strip() and family.rules
