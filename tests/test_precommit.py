"""pre-commit, run by pre-commit itself: the two configurations docs/ci.md gives calendar
repositories, and the project's own .pre-commit-config.yaml.

The remote configuration makes pre-commit install this repository into an environment of
its own, from the package index for the dependencies, as a user's repository would.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import NOW
from test_docs import named, snapshot

REPO = Path(__file__).resolve().parent.parent
PRE_COMMIT = [sys.executable, "-m", "pre_commit"]
BROKEN = "calendars/2026-12.yaml"


def _git(cwd: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout.strip()


def _repository(folder: Path, files: dict[str, Path]) -> Path:
    """A git repository in ``folder`` holding ``files`` (name in it -> source), committed."""
    for name, source in files.items():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)
    _git(folder, "init", "-q")
    _git(folder, "add", ".")
    _git(folder, "commit", "-qm", "snapshot")
    return folder


def _snapshot(folder: Path) -> Path:
    """This working tree as it is (changes not yet committed included), as a git repository."""
    snapshot(folder)
    _git(folder, "init", "-q")
    _git(folder, "add", ".")
    _git(folder, "commit", "-qm", "snapshot")
    return folder


@pytest.fixture
def user_repo(tmp_path: Path) -> Path:
    """A repository holding a copy of the sample calendar, as a user's would."""
    sample = {
        p.relative_to(REPO).as_posix(): p for p in (REPO / "calendars").rglob("*") if p.is_file()
    }
    return _repository(tmp_path / "user-repo", sample)


def _pre_commit(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(repo.parent / "pre-commit-home"),
        "GC_NOW": NOW,
        # gc-cli and the tools of this environment, as in an activated virtual environment.
        "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ["PATH"]]),
    }
    return subprocess.run(
        [*PRE_COMMIT, *args],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def _configure(repo: Path, config: str) -> None:
    (repo / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    _git(repo, "add", ".pre-commit-config.yaml")


def _break(repo: Path) -> None:
    """A misspelt key in one post (and the change staged, as before a commit)."""
    broken = repo / BROKEN
    text = broken.read_text(encoding="utf-8")
    broken.write_text(
        text.replace("    title: Le four à bois\n", "    title: Le four à bois\n    titre: x\n"),
        encoding="utf-8",
    )
    _git(repo, "add", BROKEN)


def _assert_passes_then_fails(repo: Path, hook: str) -> None:
    clean = _pre_commit(repo, "run", "--all-files")
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert re.search(r"^gc-cli check\b.*Passed$", clean.stdout, re.M), clean.stdout
    _break(repo)
    failed = _pre_commit(repo, "run", hook, "--files", BROKEN)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "unknown key 'titre' (did you mean 'title'?)" in failed.stdout
    assert "[schema · lieu-four-a-bois]" in failed.stdout


def test_the_local_hook_of_the_docs_checks_the_calendar(user_repo: Path) -> None:
    """With gc-cli on PATH: no installation, no network."""
    _configure(user_repo, named("pre-commit-local").text)
    _assert_passes_then_fails(user_repo, "gc-cli-check")


@pytest.mark.slow  # pre-commit builds and installs gc-cli and its dependencies: 30 s
@pytest.mark.network
@pytest.mark.timeout(900)
def test_the_hooks_this_repository_offers_install_and_check(
    user_repo: Path, tmp_path: Path
) -> None:
    """docs/ci.md's remote configuration, with this repository (as it is now) for ``repo:``
    and its commit for ``rev:``; then the other hook, which checks only the changed files."""
    snippet = named("pre-commit-remote").text
    assert re.search(r"^    rev: [0-9a-f]{40}$", snippet, re.M)  # a full SHA, as pre-commit wants
    gc_cli = _snapshot(tmp_path / "gc-cli")
    config = re.sub(r"(?m)^(  - repo:) \S+$", rf"\1 {gc_cli}", snippet)
    config = re.sub(r"(?m)^(    rev:) \S+$", rf"\1 {_git(gc_cli, 'rev-parse', 'HEAD')}", config)
    _configure(user_repo, config)
    clean = _pre_commit(user_repo, "run", "--all-files")
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert re.search(r"^gc-cli check \(whole calendar\)\.+Passed$", clean.stdout, re.M)

    _configure(user_repo, config.replace("id: gc-cli-check", "id: gc-cli-check-changed"))
    _break(user_repo)
    failed = _pre_commit(user_repo, "run", "gc-cli-check-changed", "--files", BROKEN)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "unknown key 'titre' (did you mean 'title'?)" in failed.stdout
    assert "[schema · lieu-four-a-bois]" in failed.stdout


def test_the_hooks_offered_are_those_the_docs_name() -> None:
    offered = {hook["id"] for hook in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())}
    page = (REPO / "docs" / "ci.md").read_text(encoding="utf-8")
    assert offered == {"gc-cli-check", "gc-cli-check-changed"}
    assert all(f"`{hook}`" in page for hook in offered)


def test_the_project_hook_on_its_sample_is_the_one_it_offers() -> None:
    """.pre-commit-config.yaml runs this repository's own hook, as .pre-commit-hooks.yaml
    defines it, with the development environment's gc-cli."""
    offered = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    [local] = config["repos"]
    assert local["repo"] == "local"
    hooks = {hook["id"]: hook for hook in local["hooks"]}
    assert {"ruff-check", "ruff-format", "mypy", "gc-cli-check"} <= set(hooks)
    [whole] = [hook for hook in offered if hook["id"] == "gc-cli-check"]
    ours = hooks["gc-cli-check"]
    assert ours["entry"] == ".venv/bin/" + whole["entry"]
    assert (ours["files"], ours["pass_filenames"]) == (whole["files"], whole["pass_filenames"])


@pytest.mark.slow  # ruff, mypy --strict and check over the whole tree: 15 s
@pytest.mark.timeout(600)
def test_the_project_checks_pass_before_a_commit(tmp_path: Path) -> None:
    """.pre-commit-config.yaml, run on this tree as it is, offline."""
    project = _snapshot(tmp_path / "project")
    (project / ".venv").symlink_to(sys.prefix, target_is_directory=True)
    done = _pre_commit(project, "run", "--all-files")
    assert done.returncode == 0, done.stdout + done.stderr
    for name in (
        "ruff check",
        "ruff format",
        "mypy --strict",
        "gc-cli check (the sample calendar)",
    ):
        assert re.search(rf"^{re.escape(name)}\.+Passed$", done.stdout, re.M), done.stdout
