"""The rule registry, and helpers shared by the rule tests (``test_rules_*.py``).

Rule tests are data: a calendar written to ``tmp_path`` and the exact problems
expected from it, as :func:`P` tuples. A regression case is one more row.
"""

from __future__ import annotations

import re
from typing import Any

from conftest import SETTINGS, CalendarDir
from gc_cli.problems import Severity
from gc_cli.rules import all_rules
from gc_cli.store.model import Rules

#: A complete post; :func:`post` writes its keys in this order, one line each, so
#: that in a file written by ``cal.posts`` the first post's keys sit on known lines:
#: id 2, kind 3, title 4, status 5, owner 6, channels 7, publish_at 8, text 9,
#: then any other key given, from line 10 on.
BASE: dict[str, str] = {
    "kind": "other",
    "title": "Un billet",
    "status": "ready",
    "owner": "marie",
    "channels": "[facebook]",
    "publish_at": "2026-12-01 09:00",
    "text": "Bonjour tout le monde !",  # "Billet <id>, bonjour tout le monde !"
}

#: Columns of the values of :func:`post` (keys are at column 5).
COL = {
    "id": 9,
    "kind": 11,
    "status": 13,
    "owner": 12,
    "channels": 15,
    "publish_at": 17,
    "text": 11,
    "link": 11,
    "repeat": 13,
}


def post(id: str = "ok", **fields: str | None) -> str:
    """One post item (YAML) for ``cal.posts``: :data:`BASE` with ``fields`` changed.

    A value is written as given (raw YAML); ``None`` leaves the key out. Keys not
    in :data:`BASE` are written after it, in the order given. The default text
    names the post, so that posts differing by id do not repeat one text.
    """
    values = {**BASE, "text": f"Billet {id}, bonjour tout le monde !", **fields}
    lines = [f"- id: {id}"]
    lines += [f"  {key}: {value}" for key, value in values.items() if value is not None]
    return "\n".join(lines) + "\n"


def P(
    line: int,
    column: int,
    code: str,
    severity: str = "error",
    post: str | None = "ok",
    channel: str | None = None,
) -> tuple[int, int, str, str, str | None, str | None]:
    """An expected problem: where, what, how bad, about which post and channel."""
    return (line, column, code, severity, post, channel)


def found(cal: CalendarDir, **kwargs: Any) -> list[tuple[Any, ...]]:
    """The problems of ``cal`` as :func:`P` tuples, in a stable order."""
    problems = [
        (p.line, p.column, p.code, p.severity, p.post, p.channel) for p in cal.problems(**kwargs)
    ]
    return sorted(problems, key=lambda p: (p[0], p[1], p[2], p[4] or "", p[5] or ""))


def settings(**rules: object) -> str:
    """The standard settings with a ``rules:`` block (``None`` written as null)."""
    lines = [f"  {key}: {'null' if value is None else value}" for key, value in rules.items()]
    return SETTINGS + "rules:\n" + "\n".join(lines) + "\n"


# -- the registry ------------------------------------------------------------


def test_every_rule_has_a_summary_and_a_severity() -> None:
    rules = all_rules()
    assert rules
    for rule in rules:
        assert rule.summary.strip(), rule.code
        assert isinstance(rule.severity, Severity), rule.code
        assert re.fullmatch(r"[a-z]+(?:-[a-z]+)*", rule.code), rule.code


def test_rule_codes_are_unique() -> None:
    codes = [rule.code for rule in all_rules()]
    assert len(codes) == len(set(codes))


#: The problem codes and their default severities: a contract that scripts, CI
#: annotations and editors rely on (docs/rules.md lists them for people). A code is
#: never renamed or removed silently: change this table, and say so in CHANGELOG.md.
CONTRACT: dict[str, str] = {
    # reading the files
    "yaml-syntax": "error",
    "file-unreadable": "error",
    "too-many-problems": "error",
    "duplicate-key": "error",
    "schema": "error",
    "settings": "error",
    # posts and references
    "duplicate-id": "error",
    "unknown-channel": "error",
    "unknown-owner": "error",
    "missing-link": "error",
    "missing-image": "error",
    "missing-text": "error",
    "text-too-long": "error",
    "too-many-hashtags": "error",
    "too-many-images": "error",
    "missing-alt-text": "warning",  # the default of rules.alt_text (error, warning or off)
    "alt-text-too-long": "error",
    # time
    "nonexistent-time": "error",
    "ambiguous-time": "warning",
    "not-scheduled": "error",
    "published-in-future": "error",
    "overdue": "warning",
    "not-ready": "warning",
    "too-close": "warning",
    "too-many-per-day": "warning",
    "duplicate-text": "warning",
    "bad-repeat": "error",
    "after-event-start": "warning",
    "bad-occurrence": "error",
    # images
    "image-not-found": "error",
    "path-outside-root": "error",
    "image-unreadable": "error",
    "image-format": "error",
    "image-too-large": "error",
    "image-dimensions": "error",
    # interactions
    "unknown-member": "error",
    "not-in-interactions-role": "error",
    "coverage-gap": "warning",
    "unattended-post": "warning",
    # who works on a post, and when
    "closed-day": "warning",
    "owner-away": "warning",
    "not-approved": "error",  # a warning before ready, for an approved_by that cannot approve
    # what the community is told
    "unknown-fact": "error",
    "stale-fact": "warning",
    "duplicate-reply": "error",
    "reply-too-long": "error",
    "missing-away-message": "warning",
    "away-promise": "warning",
}


def default_severity(rule: Any) -> str:
    """A rule's severity when settings.yaml says nothing of it."""
    if rule.setting == "rules.alt_text":
        return Rules().alt_text
    return Severity(rule.severity).value


def test_rule_codes_and_severities_are_the_contract() -> None:
    assert {rule.code: default_severity(rule) for rule in all_rules()} == CONTRACT


def test_post_helper_writes_keys_on_known_lines(cal: CalendarDir) -> None:
    cal.posts(post(link="https://example.org/a"))
    lines = (cal.root / "posts.yaml").read_text(encoding="utf-8").splitlines()
    assert lines[1] == "  - id: ok"
    assert lines[7] == "    publish_at: 2026-12-01 09:00"
    assert lines[8] == "    text: Billet ok, bonjour tout le monde !"
    assert lines[9] == "    link: https://example.org/a"
    for key, column in COL.items():
        for line in lines:
            if line.lstrip().lstrip("- ").startswith(f"{key}: "):
                assert line.index(f"{key}: ") + len(key) + 3 == column, key
    assert found(cal) == []
