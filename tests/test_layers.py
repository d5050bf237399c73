"""The package's layers: each may import its own and lower layers only, never a cycle.

Read from the sources with ``ast``: every import counts, at the top of a
module or inside a function, under ``TYPE_CHECKING`` or not. A function-level
import is allowed for start-up (a heavy library, or a command's library
modules in ``cli/``), never to dodge an import cycle: this test would see it.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "gc_cli"

#: Lowest first. A module of a layer may import from its own layer and the ones before.
LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("base", ("errors", "i18n", "problems", "timeutil", "visible")),
    ("store", ("store",)),
    ("images", ("images",)),
    ("query", ("query",)),
    ("rules", ("rules",)),
    ("planning", ("planning",)),
    ("exporters", ("exporters",)),
    ("render", ("render",)),
    ("cli", ("cli",)),
)
#: The package's front door (its declared API) and ``python -m gc_cli`` sit on top.
TOP = ("__init__", "__main__")


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return ".".join(p for p in parts if p != "__init__") or "__init__"


def layer_of(module: str) -> int:
    """The index of the layer ``module`` (dotted, below gc_cli) belongs to."""
    head = module.split(".")[0]
    if module in TOP:
        return len(LAYERS)
    for index, (_name, heads) in enumerate(LAYERS):
        if head in heads:
            return index
    raise AssertionError(f"gc_cli.{module} is in no layer: add it to LAYERS")


def imports_of(path: Path) -> set[str]:
    """The gc_cli modules ``path`` imports (dotted, below gc_cli), wherever the import is."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "gc_cli":
                for alias in node.names:
                    if alias.name == "__version__":
                        continue  # a literal of the package's own: no import of its API
                    is_module = (PACKAGE / alias.name).is_dir() or (
                        PACKAGE / f"{alias.name}.py"
                    ).is_file()
                    found.add(alias.name if is_module else "__init__")
            elif node.module.startswith("gc_cli."):
                found.add(node.module.removeprefix("gc_cli."))
        elif isinstance(node, ast.Import):
            found.update(
                alias.name.removeprefix("gc_cli.")
                for alias in node.names
                if alias.name.startswith("gc_cli.")
            )
    return found


def graph() -> dict[str, set[str]]:
    return {
        module_name(path): imports_of(path)
        for path in sorted(PACKAGE.rglob("*.py"))
        if "locale" not in path.parts
    }


def test_every_module_belongs_to_a_layer() -> None:
    for module in graph():
        layer_of(module)


def test_no_module_imports_a_higher_layer() -> None:
    wrong = []
    for module, imported in graph().items():
        mine = layer_of(module)
        names = [*(name for name, _heads in LAYERS), "the package's API"]
        for other in sorted(imported):
            theirs = layer_of(other)
            if theirs > mine:
                wrong.append(
                    f"gc_cli.{module} ({names[mine]}) imports gc_cli.{other} ({names[theirs]})"
                )
    assert wrong == []


def _resolve(module: str, modules: set[str]) -> str:
    """``images`` is the package ``images/__init__``: the graph names it ``images``."""
    return module if module in modules else module.rsplit(".", 1)[0]


def test_no_import_cycle_between_modules() -> None:
    edges = graph()
    modules = set(edges)
    # A package's __init__ that re-exports its own modules is not a cycle with them.
    follow: dict[str, set[str]] = defaultdict(set)
    for module, imported in edges.items():
        for other in imported:
            target = _resolve(other, modules)
            if target != module and not module.startswith(target + "."):
                follow[module].add(target)
    state: dict[str, int] = {}
    cycle: list[str] = []

    def visit(node: str, path: list[str]) -> bool:
        state[node] = 1
        for nxt in sorted(follow[node]):
            if state.get(nxt) == 1:
                cycle.extend([*path[path.index(nxt) :], nxt] if nxt in path else [node, nxt])
                return True
            if nxt not in state and visit(nxt, [*path, nxt]):
                return True
        state[node] = 2
        return False

    for start in sorted(modules):
        if start not in state and visit(start, [start]):
            break
    assert cycle == [], " -> ".join(cycle)


@pytest.mark.parametrize(
    ("module", "imported", "allowed"),
    [
        ("store.loader", "render.common", False),
        ("rules.content", "store.model", True),
        ("query.select", "rules.check", False),
        ("cli.check", "rules.check", True),
        ("rules.check", "__init__", False),
    ],
)
def test_the_rule_itself(module: str, imported: str, allowed: bool) -> None:
    mine, theirs = layer_of(module), layer_of(imported)
    assert (theirs <= mine) is allowed
