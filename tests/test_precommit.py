"""The pre-commit hooks of .pre-commit-hooks.yaml, run by pre-commit itself.

``pre-commit try-repo`` installs this repository into a hook environment (from
PyPI for the dependencies), as a user's repository would.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

#: pre-commit installs gc-cli and its dependencies from the package index: 30 s.
pytestmark = [pytest.mark.slow, pytest.mark.network]

REPO = Path(__file__).resolve().parent.parent
PRE_COMMIT = [sys.executable, "-m", "pre_commit"]


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
    )


@pytest.fixture(scope="module")
def user_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not (REPO / ".git").exists() or shutil.which("git") is None:
        pytest.skip("needs a git checkout of gc-cli")
    repo = tmp_path_factory.mktemp("user-repo")
    shutil.copytree(REPO / "calendars", repo / "calendars")
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    _git(repo, "commit", "-qm", "calendar")
    return repo


def _try_repo(repo: Path, hook: str, *files: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(repo.parent / "pre-commit-home")}
    env["GC_NOW"] = "2026-11-25T08:00:00-05:00"
    selection = ["--files", *files] if files else ["--all-files"]
    return subprocess.run(
        [*PRE_COMMIT, "try-repo", str(REPO), hook, *selection],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_hooks_pass_on_the_sample_and_fail_on_a_broken_file(user_repo: Path) -> None:
    clean = _try_repo(user_repo, "gc-cli-check")
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "Passed" in clean.stdout

    broken = user_repo / "calendars" / "2026-12.yaml"
    text = broken.read_text(encoding="utf-8")
    broken.write_text(
        text.replace("    title: Le four à bois\n", "    title: Le four à bois\n    titre: x\n"),
        encoding="utf-8",
    )
    failed = _try_repo(user_repo, "gc-cli-check-changed", "calendars/2026-12.yaml")
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "unknown key 'titre' (did you mean 'title'?)" in failed.stdout
    assert "[schema · lieu-four-a-bois]" in failed.stdout
