"""The documentation: every snippet users copy works as written, every link stays in the
repository, the command reference is current.

Fenced blocks of README.md and docs/*.md are run on a copy of the sample calendar:

- ``console``: each ``$ `` line runs in a shell, in a terminal 80 columns wide (without
  colour), with ``GC_NOW`` fixed; the lines under it are what it must print (stdout and
  stderr, as a terminal shows them). A line that is only ``…`` stands for any number of
  lines. It must exit 0 unless the comment before the block says otherwise.
- ``sh``: the block runs as a script and must exit 0.
- ``yaml``: the comment before the block says how it is checked (``check: settings``,
  ``check: settings-fragment``, ``check: posts``) or which test runs it
  (``snippet: NAME``).

The comment before a block is ``<!-- KIND: WORD key=value ... -->``: for ``run:``,
``now=`` (GC_NOW), ``exit=`` (one code, or one per command: ``exit=0,1``).
Pages generated from the code (the command reference, the rules) are checked by
their own tests.
"""

from __future__ import annotations

import fcntl
import json
import os
import pty
import re
import select
import shutil
import struct
import subprocess
import sys
import termios
import time
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml

from gc_cli import __version__

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "calendars"
PAGES = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
#: Written by scripts from the code, and kept current by their own tests.
GENERATED = {"commands.md", "rules.md"}
#: "Now" of every snippet unless its comment says otherwise.
NOW = "2026-11-25T08:00:00-05:00"
LANGUAGES = {"console", "sh", "yaml", "text", "json", "csv", "markdown", "python", "diff"}
ANSI = re.compile(r"\x1b(?:\[[0-9;?]*[ -/]*[@-~]|\][^\x07]*\x07|[()][0-9A-Za-z]|[=>])")


# -- reading the pages ------------------------------------------------------------------


@dataclass(frozen=True)
class Block:
    """A fenced block of a page, with the comment just before it."""

    page: Path
    line: int  # of the opening fence, 1-based
    language: str
    text: str
    kind: str | None = None  # run, check, snippet
    words: tuple[str, ...] = ()
    options: dict[str, str] = field(default_factory=dict)

    @property
    def where(self) -> str:
        return f"{self.page.relative_to(REPO)}:{self.line}"


FENCE = re.compile(r"^(?P<indent>\s*)```(?P<language>[\w-]*)\s*$")
MARKER = re.compile(r"^\s*<!--\s*(?P<kind>[a-z-]+):(?P<rest>.*?)-->\s*$")


def read_blocks(page: Path) -> list[Block]:
    lines = page.read_text(encoding="utf-8").splitlines()
    found = []
    index = 0
    while index < len(lines):
        opening = FENCE.match(lines[index])
        if not opening:
            index += 1
            continue
        indent = len(opening["indent"])
        end = index + 1
        while not re.fullmatch(r"\s*```\s*", lines[end]):
            end += 1
        body = [line[indent:] for line in lines[index + 1 : end]]
        previous = next((lines[i] for i in range(index - 1, -1, -1) if lines[i].strip()), "")
        marker = MARKER.match(previous)
        kind, words, options = None, (), {}
        if marker:
            kind = marker["kind"]
            tokens = marker["rest"].split()
            words = tuple(t for t in tokens if "=" not in t)
            options = dict(t.split("=", 1) for t in tokens if "=" in t)
        found.append(
            Block(
                page, index + 1, opening["language"], "\n".join(body) + "\n", kind, words, options
            )
        )
        index = end + 1
    return found


def outside_fences(page: Path) -> Iterator[tuple[int, str]]:
    """The lines of a page that are prose (outside fenced blocks), numbered from 1."""
    inside = False
    for number, line in enumerate(page.read_text(encoding="utf-8").splitlines(), 1):
        if FENCE.match(line) or (inside and re.fullmatch(r"\s*```\s*", line)):
            inside = not inside
            continue
        if not inside:
            yield number, line


def all_blocks(*languages: str) -> list[Block]:
    return [
        block
        for page in PAGES
        if page.name not in GENERATED
        for block in read_blocks(page)
        if not languages or block.language in languages
    ]


def named(name: str) -> Block:
    """The one block of the pages marked ``<!-- snippet: NAME -->``."""
    [block] = [b for b in all_blocks() if b.kind == "snippet" and b.words == (name,)]
    return block


def ids(blocks: list[Block]) -> list[str]:
    return [block.where for block in blocks]


# -- a copy of the sample to run them on --------------------------------------------------


@pytest.fixture
def sandbox(tmp_path: Path) -> Path:
    """A git repository holding a copy of the sample calendar (so ``git diff`` shows changes)."""
    work = tmp_path / "work"
    shutil.copytree(SAMPLE, work / "calendars")
    (tmp_path / "home").mkdir()
    for args in (["init", "-q"], ["add", "."], ["commit", "-qm", "calendar"]):
        subprocess.run(
            ["git", "-c", "user.name=Doc", "-c", "user.email=doc@example.org", *args],
            cwd=work,
            env=environment(tmp_path / "home"),
            check=True,
            capture_output=True,
        )
    return work


def environment(home: Path, now: str = NOW) -> dict[str, str]:
    """A user's terminal: this environment's gc-cli first on PATH, English, no colour."""
    return {
        "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.defpath]),
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "TERM": "xterm-256color",
        "NO_COLOR": "1",
        "COLUMNS": "80",
        "LINES": "24",
        "GC_NOW": now,
        "GIT_PAGER": "cat",
        "PAGER": "cat",
        "GIT_CONFIG_NOSYSTEM": "1",
    }


def in_terminal(
    command: str, cwd: Path, env: dict[str, str], timeout: float = 120
) -> tuple[int, str]:
    """Run ``command`` in a shell whose stdout and stderr are an 80×24 terminal."""
    master, child = pty.openpty()
    fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    process = subprocess.Popen(
        ["bash", "-c", command],
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=child,
        stderr=child,
        start_new_session=True,
    )
    os.close(child)
    chunks = []
    deadline = time.monotonic() + timeout
    try:
        while True:
            ready, _, _ = select.select([master], [], [], max(0.0, deadline - time.monotonic()))
            if not ready:
                process.kill()
                pytest.fail(f"`{command}` still ran after {timeout} s")
            try:
                data = os.read(master, 65536)
            except OSError:  # EIO: every end of the terminal is closed
                break
            if not data:
                break
            chunks.append(data)
    finally:
        os.close(master)
    code = process.wait(timeout=timeout)
    text = b"".join(chunks).decode("utf-8", errors="replace")
    # The terminal turns each line end into CR LF (and a CSV's CR LF into CR CR LF).
    return code, ANSI.sub("", text.replace("\r\n", "\n").replace("\r\n", "\n"))


def matches(expected: list[str], printed: list[str]) -> bool:
    """Whether ``printed`` is ``expected``, a line ``…`` standing for any lines."""
    pattern = "".join(
        r"(?:.*\n)*?" if line == "…" else re.escape(line) + r"\n" for line in expected
    )
    return re.fullmatch(pattern, "".join(line + "\n" for line in printed)) is not None


def commands(block: Block) -> list[tuple[str, list[str]]]:
    """``(command, lines it prints)`` for each ``$ `` line of a console block."""
    found: list[tuple[str, list[str]]] = []
    for line in block.text.splitlines():
        if line.startswith("$ "):
            found.append((line[2:], []))
        else:
            assert found, f"{block.where}: a console block starts with a '$ ' line"
            found[-1][1].append(line.rstrip())
    return found


# -- console and sh blocks --------------------------------------------------------------


CONSOLE = all_blocks("console")


def test_the_pages_show_commands_to_run() -> None:
    assert len(CONSOLE) > 20
    assert {b.page.name for b in CONSOLE} >= {"README.md", "json.md", "exit-codes.md"}


@pytest.mark.timeout(300)
@pytest.mark.parametrize("block", CONSOLE, ids=ids(CONSOLE))
def test_console_block_prints_what_it_shows(block: Block, sandbox: Path) -> None:
    assert block.kind in (None, "run"), f"{block.where}: a console block is run (<!-- run: ... -->)"
    env = environment(sandbox.parent / "home", block.options.get("now", NOW))
    steps = commands(block)
    codes = block.options.get("exit", "0").split(",")
    if len(codes) == 1:
        codes *= len(steps)
    assert len(codes) == len(steps), f"{block.where}: exit= gives one code per command"
    for (command, expected), code in zip(steps, codes, strict=True):
        exit_code, output = in_terminal(command, sandbox, env)
        printed = [line.rstrip() for line in output.rstrip("\n").split("\n")] if output else []
        while printed and not printed[-1]:
            printed.pop()
        shown = "\n".join(printed)
        assert matches(expected, printed), f"{block.where}: `{command}` printed:\n{shown}"
        assert exit_code == int(code), f"{block.where}: `{command}` exited {exit_code}\n{shown}"


#: The blocks named ``snippet:`` are run by the tests below.
SCRIPTS = [b for b in all_blocks("sh") if b.kind != "snippet"]


@pytest.mark.parametrize("block", SCRIPTS, ids=ids(SCRIPTS))
def test_sh_block_runs(block: Block, sandbox: Path) -> None:
    done = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", block.text],
        cwd=sandbox,
        env=environment(sandbox.parent / "home"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, f"{block.where}:\n{done.stdout}{done.stderr}"


SNIPPETS = {"try-it", "run-the-tests", "develop"}


def test_every_sh_snippet_is_run_by_a_test() -> None:
    named_sh = {b.words for b in all_blocks("sh") if b.kind == "snippet"}
    assert named_sh == {(name,) for name in SNIPPETS}


def test_the_readme_test_command_is_what_ci_runs() -> None:
    """.ci/run makes a virtual environment, installs the test extras, ... then runs
    exactly the README's test command."""
    venv, install, test = named("run-the-tests").text.strip().split(" && ")
    ci = [line for line in (REPO / ".ci" / "run").read_text().splitlines() if line.strip()]
    assert venv in ci
    assert "'.[test]'" in install and any("install" in c and "'.[test]'" in c for c in ci)
    assert ci[-1] == test


def snapshot(folder: Path) -> Path:
    """The files of this working tree that git would commit (changes included), copied."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    for name in filter(None, listed.split("\0")):
        if (REPO / name).is_file():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, folder / name)
    return folder


@pytest.mark.slow  # two virtual environments' worth of packages: a minute or two
@pytest.mark.network
@pytest.mark.timeout(1200)
def test_the_first_commands_work_in_a_fresh_copy(tmp_path: Path) -> None:
    """The README's first command, then the development set-up, as written."""
    copy = snapshot(tmp_path / "gc-cli")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GC_", "PYTHON", "VIRTUAL_"))}
    for name in ("try-it", "develop"):
        done = subprocess.run(
            ["bash", "-euo", "pipefail", "-c", named(name).text],
            cwd=copy,
            env=env,
            capture_output=True,
            text=True,
            timeout=900,
        )
        assert done.returncode == 0, f"{name}:\n{done.stdout}{done.stderr}"
        if name == "try-it":  # check's summary, then list's lines: the unscheduled ones last
            assert "(6 files, 45 posts)." in done.stdout
            assert done.stdout.splitlines()[-1].startswith("not scheduled "), done.stdout


# -- yaml blocks ------------------------------------------------------------------------


YAML = all_blocks("yaml")
CHECKED = [b for b in YAML if b.kind == "check"]


def test_every_yaml_block_says_how_it_is_tested() -> None:
    untested = [b.where for b in YAML if b.kind not in ("check", "snippet")]
    assert untested == [], (
        "add <!-- check: settings|settings-fragment|posts|replies --> before them"
    )
    snippets = {b.words for b in YAML if b.kind == "snippet"}
    # Each is run by its own test: below, and in test_precommit.py.
    assert snippets == {("github-workflow",), ("pre-commit-local",), ("pre-commit-remote",)}


def replace_top_level(settings: str, fragment: str) -> str:
    """``settings`` with the top-level keys of ``fragment`` replaced by the fragment's."""
    keys = set(re.findall(r"^([a-z_]+):", fragment, re.MULTILINE))
    kept, dropping = [], False
    for line in settings.splitlines(keepends=True):
        top = re.match(r"([a-z_]+):", line)
        if top:
            dropping = top[1] in keys
        elif line.strip() and not line[0].isspace():
            dropping = False  # a comment at the top level
        if not dropping:
            kept.append(line)
    return "".join(kept) + fragment


@pytest.mark.parametrize("block", CHECKED, ids=ids(CHECKED))
def test_yaml_block_checks_without_error(block: Block, sandbox: Path) -> None:
    root = sandbox / "calendars"
    [how] = block.words
    if how == "settings":
        target = root / "settings.yaml"
        target.write_text(block.text, encoding="utf-8")
    elif how == "settings-fragment":
        target = root / "settings.yaml"
        settings = target.read_text(encoding="utf-8")
        target.write_text(replace_top_level(settings, block.text), encoding="utf-8")
    elif how == "posts":
        target = root / "doc-example.yaml"
        target.write_text(block.text, encoding="utf-8")
    elif how == "replies":
        target = root / "replies" / "doc-example.yaml"
        target.parent.mkdir(exist_ok=True)
        target.write_text(block.text, encoding="utf-8")
    else:
        pytest.fail(f"{block.where}: check: {how}? (settings, settings-fragment, posts, replies)")
    done = subprocess.run(
        ["gc-cli", "check", "--format", "json", str(target.relative_to(sandbox))],
        cwd=sandbox,
        env=environment(sandbox.parent / "home"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    problems = json.loads(done.stdout)["problems"]
    errors = [p for p in problems if p["severity"] == "error"]
    assert errors == [], f"{block.where}:\n{target.read_text(encoding='utf-8')}"
    assert done.stderr == ""


# -- the pages themselves ---------------------------------------------------------------


def test_every_block_names_its_language() -> None:
    for page in PAGES:
        for block in read_blocks(page):
            assert block.language in LANGUAGES, f"{block.where}: ```{block.language}"


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_a_page_has_one_title(page: Path) -> None:
    """A Markdown export pasted raw would bring its own '# ' headings into the page."""
    titles = [number for number, line in outside_fences(page) if line.startswith("# ")]
    assert titles == [1] or (page.name in GENERATED and len(titles) == 1), titles


def test_the_readme_is_a_front_page() -> None:
    assert len((REPO / "README.md").read_bytes()) <= 15 * 1024


def slug(heading: str) -> str:
    """The anchor GitHub gives a heading."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


def anchors(page: Path) -> set[str]:
    found: set[str] = set()
    for _, line in outside_fences(page):
        heading = re.match(r"#{1,6} (.+)", line)
        if heading:
            base = candidate = slug(heading[1])
            n = 0
            while candidate in found:
                n += 1
                candidate = f"{base}-{n}"
            found.add(candidate)
    return found


LINK = re.compile(r"\]\((?P<target>[^)\s]+)\)")
#: Pages that cite the public sources of their figures (the networks' documentation).
CITING = {"channel-limits.md"}


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_links_stay_in_the_repository_and_lead_somewhere(page: Path) -> None:
    for number, line in outside_fences(page):
        if page.name not in GENERATED:  # their words are the code's: tested below
            assert "SPEC" not in line, f"{page.name}:{number}: the reference is in docs/"
        for link in LINK.finditer(line):
            target = link["target"]
            if re.match(r"[a-z]+:", target):
                assert page.name in CITING, f"{page.name}:{number}: {target} leaves the repository"
                continue
            path, _, anchor = target.partition("#")
            resolved = (page.parent / path).resolve() if path else page
            assert REPO in (resolved, *resolved.parents), f"{page.name}:{number}: {target}"
            assert resolved.exists(), f"{page.name}:{number}: {target} does not exist"
            if anchor and resolved.suffix == ".md" and resolved.exists():
                assert anchor in anchors(resolved), f"{page.name}:{number}: no #{anchor}"


def test_docs_has_an_index_of_every_page() -> None:
    index = (REPO / "docs" / "README.md").read_text(encoding="utf-8")
    listed = {m["target"] for m in LINK.finditer(index)}
    pages = {p.name for p in PAGES if p.parent.name == "docs" and p.name != "README.md"}
    assert pages | {"rules.md"} <= listed


# -- the command reference --------------------------------------------------------------


def test_the_command_reference_is_current() -> None:
    """docs/commands.md is what scripts/commands_doc.py writes, in English whatever the
    language of the environment."""
    env = {**os.environ, "LANG": "fr_CA.UTF-8", "GC_LANG": "fr"}
    done = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "commands_doc.py"), "--check"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr  # "run python scripts/commands_doc.py"


def test_no_help_sends_users_to_a_document_outside_the_repository() -> None:
    page = (REPO / "docs" / "commands.md").read_text(encoding="utf-8")
    assert "SPEC" not in page


def test_the_command_reference_has_every_command_and_option() -> None:
    page = (REPO / "docs" / "commands.md").read_text(encoding="utf-8")
    for command in ("check", "list", "calendar", "report", "coverage", "schedule", "images"):
        assert f"## `gc-cli {command}`" in page
    for option in ("--strict", "--no-images", "--unscheduled", "--dry-run", "--bom", "--force"):
        assert f"`{option}`" in page


EXAMPLES = re.findall(
    r"^Example: (gc-cli .+)$", (REPO / "docs" / "commands.md").read_text(encoding="utf-8"), re.M
)


@pytest.mark.parametrize("example", EXAMPLES)
def test_the_example_of_each_command_is_a_valid_command_line(example: str, sandbox: Path) -> None:
    """Each help ends with an example: on the sample it runs (or refuses the change it asks
    for), and is never a usage error."""
    done = subprocess.run(
        ["bash", "-c", example],
        cwd=sandbox,
        env=environment(sandbox.parent / "home"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode != 2, done.stderr
    assert "Usage:" not in done.stderr


# -- the GitHub Actions workflow of docs/ci.md ----------------------------------------------


def test_the_github_workflow_installs_gc_cli_from_its_checkout_and_checks(sandbox: Path) -> None:
    """What can run here: the workflow's shape, then its gc-cli steps on the sample."""
    block = named("github-workflow")
    workflow = yaml.safe_load(block.text)
    assert workflow[True] == ["push", "pull_request"]  # "on", read as YAML 1.1 (as GitHub does)
    steps = workflow["jobs"]["check"]["steps"]
    own, gc_cli_checkout = (s for s in steps if s.get("uses", "").startswith("actions/checkout@"))
    assert "with" not in own  # the calendar's own repository
    gc_cli = gc_cli_checkout["with"]
    # Nothing to edit in the file: the two values are the repository's variables.
    assert gc_cli["repository"] == "${{ vars.GC_CLI_REPOSITORY }}"
    assert gc_cli["ref"] == "${{ vars.GC_CLI_REF }}"
    page = block.page.read_text(encoding="utf-8")
    assert "`GC_CLI_REPOSITORY`" in page and "`GC_CLI_REF`" in page
    [python] = [s["with"]["python-version"] for s in steps if "setup-python" in s.get("uses", "")]
    requires = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    minimum = re.fullmatch(r">=(\d+)\.(\d+)", requires["project"]["requires-python"])
    assert minimum is not None
    assert tuple(map(int, python.split("."))) >= tuple(map(int, minimum.groups()))
    runs = [s["run"] for s in steps if "run" in s]
    assert runs[0] == f"pip install ./{gc_cli['path']}"
    for command in runs[1:]:
        assert command.startswith("gc-cli "), command
        done = subprocess.run(
            ["bash", "-c", command],
            cwd=sandbox,
            env=environment(sandbox.parent / "home"),
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stdout + done.stderr
    assert "::" not in done.stdout  # the sample is clean on the day of the examples


def test_the_changelog_has_unreleased_changes_and_names_the_version() -> None:
    changelog = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    headings = re.findall(r"^## (.+)$", changelog, re.M)
    assert headings[0] == "[Unreleased]"
    assert __version__ in changelog  # the version to come, or the latest release's heading
