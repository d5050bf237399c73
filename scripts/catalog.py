"""Maintain the gettext catalogs: extract the messages, update the French catalog.

    python scripts/catalog.py update    # sources -> locale/gc_cli.pot -> fr/.../gc_cli.po
    python scripts/catalog.py check     # exit 1 when a message is missing or untranslated

``update`` keeps every existing translation, adds new messages untranslated
and drops the ones the sources no longer use; translate the new ones, then
``check``. The tests run the same check (tests/test_i18n.py). The ``.mo``
files are compiled when the package is built (setup.py).
"""

from __future__ import annotations

import ast
import io
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir, extract_python
from babel.messages.pofile import read_po, write_po

from gc_cli.cli.app import help_text

REPO = Path(__file__).resolve().parent.parent
SOURCES = REPO / "src"
LOCALE = SOURCES / "gc_cli" / "locale"
TEMPLATE = LOCALE / "gc_cli.pot"
KEYWORDS = {"_": None, "N_": None, "Message": None, "ngettext": (1, 2)}
# Sorted by message, files without line numbers: an edit elsewhere in a module does not
# rewrite the catalog, and two branches that add messages rarely touch the same lines.
# A fixed header date, for the same reason.
FIXED_DATE = datetime(2026, 1, 1, tzinfo=UTC)
STABLE = {"sort_output": True, "include_lineno": False}


def extract_commands(
    fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: dict[str, Any]
) -> Iterator[tuple[int, str | None, str | tuple[str, ...], list[str]]]:
    """Babel's Python extraction, plus each command's docstring: its help (gc_cli.cli.app)."""
    source = fileobj.read()
    yield from extract_python(io.BytesIO(source), keywords, comment_tags, options)
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef) and any(
            "command(" in ast.unparse(decorator) for decorator in node.decorator_list
        ):
            docstring = ast.get_docstring(node, clean=False)
            if docstring:
                yield node.lineno, None, help_text(docstring), []


# The command modules first: a path takes the first method whose pattern it matches.
METHODS = [
    ("**/cli/**.py", extract_commands),
    ("**.py", "python"),
    ("**/templates/**.j2", "jinja2"),
]


def extract() -> Catalog:
    """Every message of the sources, with where it is used."""
    template = Catalog(project="gc-cli", domain="gc_cli", charset="utf-8", creation_date=FIXED_DATE)
    for filename, lineno, message, comments, context in extract_from_dir(
        str(SOURCES), method_map=METHODS, keywords=KEYWORDS
    ):
        path = (SOURCES / filename).relative_to(REPO).as_posix()
        template.add(message, None, [(path, lineno)], auto_comments=comments, context=context)
    return template


def french_path() -> Path:
    return LOCALE / "fr" / "LC_MESSAGES" / "gc_cli.po"


def load(path: Path) -> Catalog:
    with path.open("rb") as source:
        return read_po(source, locale="fr_CA")


def update() -> int:
    template = extract()
    with TEMPLATE.open("wb") as out:
        write_po(out, template, width=100, omit_header=False, **STABLE)
    path = french_path()
    if path.exists():
        catalog = load(path)
    else:
        catalog = Catalog(locale="fr_CA", domain="gc_cli", project="gc-cli", charset="utf-8")
    catalog.update(template, no_fuzzy_matching=True)
    catalog.obsolete.clear()
    catalog.fuzzy = False  # the header: the catalog is in use, not a draft
    catalog.project, catalog.version = "gc-cli", ""
    catalog.last_translator = catalog.language_team = "gc-cli maintainers"
    catalog.copyright_holder = "gc-cli maintainers"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as out:
        write_po(out, catalog, width=100, ignore_obsolete=True, **STABLE)
    return check()


def check() -> int:
    catalog = load(french_path())
    known = {m.id for m in catalog if m.id}
    problems = []
    for message in extract():
        if message.id and message.id not in known:
            problems.append(f"not in the catalog: {message.id!r}")
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            problems.append(f"untranslated or fuzzy: {message.id!r}")
    for line in problems:
        print(line)
    print(f"{len(known)} messages, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    action = sys.argv[1] if len(sys.argv) > 1 else "check"
    sys.exit(update() if action == "update" else check())
