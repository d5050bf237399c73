"""The declared Python API: every name resolves, is documented, and the documented example runs."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import gc_cli

REPO = Path(__file__).resolve().parents[1]
DOC = REPO / "docs" / "python-api.md"


def test_every_name_of_the_api_resolves() -> None:
    for name in gc_cli.__all__:
        assert getattr(gc_cli, name) is not None, name
    with pytest.raises(AttributeError):
        gc_cli.load_calender  # noqa: B018 - a misspelt name is an AttributeError


def test_importing_the_package_loads_none_of_it() -> None:
    code = "import sys, gc_cli; print(sorted(m for m in sys.modules if m.startswith('gc_cli')))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "['gc_cli']"


def test_every_function_and_error_is_documented() -> None:
    text = DOC.read_text(encoding="utf-8")
    documented = set(re.findall(r"`(\w+)[(`]", text))
    missing = [name for name in gc_cli.__all__ if name != "__version__" and name not in documented]
    assert missing == []


def test_the_documented_example_runs(tmp_path: Path) -> None:
    text = DOC.read_text(encoding="utf-8")
    example = text.split("<!-- python-api-example -->", 1)[1]
    code = re.search(r"```python\n(.*?)```", example, re.S)
    assert code is not None
    shutil.copytree(REPO / "calendars", tmp_path / "calendars")
    done = subprocess.run(
        [sys.executable, "-c", code.group(1)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "0 errors, 0 warnings in 45 posts"
    assert "2026-12-05T10:00-05:00 fetes-atelier-biscuits" in done.stdout
    assert "channel: no channel 'instagarm' (did you mean 'instagram'?)" in done.stdout
    assert lines[-1].endswith("publications in plan.ics")
    assert (tmp_path / "plan.ics").read_bytes().startswith(b"BEGIN:VCALENDAR")
