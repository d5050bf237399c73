"""Shell completion: Tab completes post ids, channels, owners and formats from the root;
``--show-completion`` prints each shell's script. Run as the shell runs it: a real process
with the completion variables set."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("complete")
    shutil.copytree(REPO / "calendars", work / "calendars")
    return work


def complete(words: str, cwd: Path, **env: str) -> list[str]:
    """What bash gets for the last word of ``words`` (a trailing space: a new word)."""
    split = words.split()
    cword = len(split) if words.endswith(" ") else len(split) - 1
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("GC_", "_GC"))}
    environment.update(_GC_CLI_COMPLETE="complete_bash", COMP_WORDS=words, COMP_CWORD=str(cword))
    environment.update(env)
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; sys.argv[0] = 'gc-cli'; from gc_cli.cli import main; main()",
        ],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    return done.stdout.split()


@pytest.mark.timeout(120)
def test_post_ids(sample: Path) -> None:
    assert complete("gc-cli show produit-p", sample) == [
        "produit-pain-levain",
        "produit-pain-olives",
    ]
    assert complete("gc-cli schedule fetes-at", sample) == ["fetes-atelier-biscuits"]


@pytest.mark.timeout(120)
def test_channels_owners_and_formats(sample: Path) -> None:
    assert complete("gc-cli calendar --channel ", sample) == [
        "facebook",
        "instagram",
        "linkedin",
        "mastodon",
        "bluesky",
    ]
    assert complete("gc-cli export --channel l", sample) == ["linkedin"]
    assert complete("gc-cli list --owner ma", sample) == ["mathieu"]
    assert complete("gc-cli list --format ", sample) == ["table", "json", "csv"]


@pytest.mark.timeout(120)
def test_another_root_and_no_root(sample: Path, tmp_path: Path) -> None:
    # --calendars on the line is the root completed from.
    assert complete("gc-cli show --calendars calendars fetes-ho", sample) == ["fetes-horaire"]
    # No root here: nothing to offer, and no error on the terminal.
    assert complete("gc-cli show p", tmp_path) == []
    broken = tmp_path / "broken" / "calendars"
    broken.mkdir(parents=True)
    (broken / "settings.yaml").write_text("timezone: [\n", encoding="utf-8")
    assert complete("gc-cli list --owner ", broken.parent) == []


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_show_completion_prints_the_shells_script(shell: str, tmp_path: Path) -> None:
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("GC_", "_GC"))}
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; sys.argv[0] = 'gc-cli'; from gc_cli.cli import main; main()",
            "--show-completion",
            shell,
        ],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "_GC_CLI_COMPLETE" in done.stdout
