"""Write the rules page, docs/rules.md, from the rules' definitions.

    python scripts/rules_doc.py           # rewrite docs/rules.md
    python scripts/rules_doc.py --check   # exit 1 when docs/rules.md is not up to date

Run it after changing a rule (its code, severity, summary or example); the
tests fail while the committed page differs (tests/test_rules_page.py).
"""

from __future__ import annotations

import sys
from pathlib import Path

from gc_cli.rules.page import PAGE, rules_page

REPO = Path(__file__).resolve().parent.parent


def main(argv: list[str]) -> int:
    path = REPO / PAGE
    page = rules_page()
    if argv[1:] == ["--check"]:
        if not path.is_file() or path.read_text(encoding="utf-8") != page:
            print(f"{PAGE} is not up to date: run python scripts/rules_doc.py", file=sys.stderr)
            return 1
        return 0
    if argv[1:]:
        print(__doc__, file=sys.stderr)
        return 2
    path.parent.mkdir(exist_ok=True)
    path.write_text(page, encoding="utf-8", newline="\n")
    print(f"{PAGE} written")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
