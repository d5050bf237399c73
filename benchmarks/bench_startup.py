"""Time ``gc-cli check`` on the small sample calendar against bare imports.

What it measures: the best (lowest) wall time over ``--runs`` runs (default 15)
of

(a) ``python -c "import typer, pydantic, yaml"`` -- the cost of starting the
    interpreter and importing the libraries gc-cli cannot do without;
(b) ``gc-cli check --calendars <repo>/calendars`` -- the whole command on the
    sample calendar at the root of the repository, its output sent to a pipe.

Both run with the interpreter gc-cli is installed in (read from the gc-cli
script's ``#!`` line, else this interpreter), taking turns after one warm-up
run of each. It prints both times and the ratio (b)/(a) -- the target is at
most 1.6 -- plus the check's exit code. The gap is what gc-cli adds on top of
its unavoidable imports: its own modules, lazy imports that are not lazy, and
the check itself on a calendar of a few dozen posts.

Run it with::

    .venv/bin/python benchmarks/bench_startup.py [--runs 15] [--calendars DIR]
        [--gc-cli PATH]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bench_check import find_gc_cli, timed  # benchmarks/ is on sys.path when run as a script

REPO = Path(__file__).resolve().parent.parent
IMPORTS = "import typer, pydantic, yaml"
#: (c) the smallest program of the same stack: a Typer command that validates
#: one pydantic model. ``import pydantic`` alone defers the model machinery,
#: which any use of a model pays for.
MINIMAL_APP = """
import typer, yaml
from pydantic import BaseModel

class Post(BaseModel):
    id: str

app = typer.Typer()

@app.command()
def check(strict: bool = False) -> None:
    Post.model_validate({"id": "a"})

@app.command()
def other() -> None:
    pass

app()
"""


def interpreter_of(script: str) -> str:
    """The Python a console script runs with (its ``#!`` line), else this one."""
    try:
        with open(script, "rb") as handle:
            first = handle.readline().decode(errors="replace").strip()
    except OSError:
        return sys.executable
    if first.startswith("#!"):
        candidate = first[2:].strip().split()[0]
        if Path(candidate).name.startswith("python") and Path(candidate).exists():
            return candidate
    return sys.executable


def main(argv: list[str] | None = None) -> int:
    """Time both commands and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15, help="runs of each command (best kept)")
    parser.add_argument("--calendars", type=Path, default=REPO / "calendars")
    parser.add_argument("--gc-cli", dest="gc_cli", help="path of the gc-cli executable")
    args = parser.parse_args(argv)
    gc_cli = find_gc_cli(args.gc_cli)
    python = interpreter_of(gc_cli)
    imports_cmd = [python, "-c", IMPORTS]
    minimal_cmd = [python, "-c", MINIMAL_APP, "check"]
    check_cmd = [gc_cli, "check", "--calendars", str(args.calendars)]
    print(f"interpreter: {python}")
    print(f"gc-cli:      {gc_cli}")
    print(f"calendar:    {args.calendars}")

    timed(imports_cmd)  # warm-up: file cache and bytecode caches
    check_run = timed(check_cmd)[1]
    import_times: list[float] = []
    check_times: list[float] = []
    minimal_times: list[float] = []
    for _ in range(args.runs):
        import_times.append(timed(imports_cmd)[0])
        seconds, check_run = timed(check_cmd)
        check_times.append(seconds)
        minimal_times.append(timed(minimal_cmd)[0])

    bare = min(import_times)
    check = min(check_times)
    minimal = min(minimal_times)
    print(f"(a) python -c {IMPORTS!r}:  {bare:6.3f} s  (best of {args.runs})")
    print(f"(b) gc-cli check (sample calendar):         {check:6.3f} s  (best of {args.runs})")
    print(f"(c) a Typer command validating one model:   {minimal:6.3f} s  (best of {args.runs})")
    print(f"ratio (b)/(a): {check / bare:.2f}  (target: at most 1.6)")
    print(f"ratio (c)/(a): {minimal / bare:.2f}  (the floor of the stack itself)")
    print(f"ratio (b)/(c): {check / minimal:.2f}  (what gc-cli adds to that floor)")
    print(f"check exit code: {check_run.returncode}")
    if check_run.returncode not in (0, 1):
        print(check_run.stderr.decode(errors="replace")[:800])
    return 0


if __name__ == "__main__":
    sys.exit(main())
