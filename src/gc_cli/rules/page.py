"""The rules page, ``docs/rules.md``, written from the rules' definitions.

``python scripts/rules_doc.py`` writes it; a test fails when the committed page
differs from :func:`rules_page`. The page is English, like the rest of docs/.
"""

from __future__ import annotations

from itertools import groupby

from gc_cli.problems import EXAMPLE_NOW, EXAMPLE_SETTINGS, Example, Rule
from gc_cli.rules import FAMILIES

#: Where the page lives in the repository, and the command that writes it.
PAGE = "docs/rules.md"
COMMAND = "python scripts/rules_doc.py"
#: A run of more identical lines than this is shown abridged.
_LONGEST_RUN = 3

_INTRO = """\
Every problem `gc-cli check` reports has a stable **code**, a **severity**
(`error` or `warning`), a message, and the file, line and column of the key or
value at fault (for a whole post, its `id:` line). An error makes `check` exit
1; a warning does too with `--strict`. Codes are stable and the same in every
language: scripts, CI annotations and `--format json` rely on them.

Each rule comes with an example, and the test suite runs every one: a complete
calendar root in which `gc-cli check --now {now}` reports the rule, with
the severity given first, at the line given, and nothing else unless the
example says so. Its `settings.yaml` is the one below, with the lines an
example adds at its end; the post file is `posts.yaml`.

```yaml
{settings}```
"""


def severity_text(rule: Rule) -> str:
    """The rule's severity, with how it depends on the post or the settings."""
    if rule.softer_before_ready:
        return (
            f"{rule.severity} from status `ready` on; warning while the post is an "
            "`idea` or a `draft`"
        )
    if rule.setting is not None:
        return (
            f"{rule.severity} by default; `{rule.setting}` in settings.yaml chooses it: "
            "`error`, `warning`, or `off` (not reported)"
        )
    return str(rule.severity)


def abridged(text: str) -> str:
    """``text`` with each long run of identical lines cut to its first two and a note."""
    lines: list[str] = []
    for line, run in groupby(text.splitlines()):
        count = len(list(run))
        if count <= _LONGEST_RUN:
            lines += [line] * count
            continue
        indent = line[: len(line) - len(line.lstrip())]
        lines += [line, line, f"{indent}# … {count - 2} more lines like these"]
    return "\n".join(lines) + "\n"


def _yaml(text: str) -> list[str]:
    return ["```yaml", *abridged(text).splitlines(), "```", ""]


def _example(example: Example) -> list[str]:
    lines = [f"Reported at line {example.line} of `{example.file}`{_quoted(example)}.", ""]
    if example.settings:
        lines += ["`settings.yaml` ends with:", "", *_yaml(example.settings)]
    if example.posts:
        lines += ["`posts.yaml`:", "", *_yaml(example.posts)]
    if example.files:
        lines += [f"- `{file.path}`: {file.describe()}" for file in example.files]
        lines.append("")
    if example.also:
        others = ", ".join(f"`{other.code}`" for other in example.also)
        lines += [f"Also reported: {others}.", ""]
    return lines


def _quoted(example: Example) -> str:
    """``: `the line` `` where the example's problem is reported, when it is shown."""
    texts = {"posts.yaml": example.posts, "settings.yaml": EXAMPLE_SETTINGS + example.settings}
    lines = texts.get(example.file, "").splitlines()
    if not 0 < example.line <= len(lines):
        return ""
    return f": `{lines[example.line - 1].strip()}`"


def _rule(rule: Rule) -> list[str]:
    return [
        f"### `{rule.code}`",
        "",
        f"**Severity:** {severity_text(rule)}.",
        "",
        rule.summary,
        "",
        *_example(rule.example),
    ]


def rules_page() -> str:
    """The whole page, from the registry of :mod:`gc_cli.rules`."""
    lines = [
        "# Rules of `gc-cli check`",
        "",
        f"<!-- Written by `{COMMAND}` from the rules' definitions "
        "(src/gc_cli/rules/, src/gc_cli/store/codes.py): edit those, not this page. -->",
        "",
        _INTRO.format(now=f"{EXAMPLE_NOW:%Y-%m-%dT%H:%M}", settings=EXAMPLE_SETTINGS),
        "| code | severity |",
        "| --- | --- |",
    ]
    lines += [
        f"| [`{rule.code}`](#{rule.code}) | {severity_text(rule)} |"
        for family in FAMILIES
        for rule in family.rules
    ]
    lines.append("")
    for family in FAMILIES:
        lines += [f"## {family.title}", ""]
        for rule in family.rules:
            lines += _rule(rule)
    return "\n".join(lines).rstrip("\n") + "\n"
