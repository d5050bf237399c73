"""Refresh src/gc_cli/store/data/tlds.txt, the TLDs that make a bare domain a link.

    python scripts/tlds.py                  # download IANA's current list
    python scripts/tlds.py tlds-alpha-by-domain.txt   # or read a copy of it

IANA publishes the root zone's top-level domains at
https://data.iana.org/TLD/tlds-alpha-by-domain.txt: a first line
"# Version YYYYMMDDNN, Last Updated ...", then one TLD a line, upper-case,
internationalised ones in punycode (XN--...). The script rewrites the
"[iana ...]" section with that version, decoded to Unicode (text holds
"한국", not "xn--3e0b707e"), and the "[twitter-text 3.1.0]" section with the
TLDs of twitter-text's own list (tests/data/twitter-text/tlds.yml) that IANA
no longer has. Review the diff, run the tests, and commit it with the
version in the message.
"""

from __future__ import annotations

import re
import sys
import urllib.request
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
TARGET = REPO / "src" / "gc_cli" / "store" / "data" / "tlds.txt"
TWITTER_TEXT = REPO / "tests" / "data" / "twitter-text" / "tlds.yml"
IANA = "https://data.iana.org/TLD/tlds-alpha-by-domain.txt"


def iana_list(text: str) -> tuple[str, list[str]]:
    """The version and the TLDs (Unicode, lower case) of IANA's file."""
    lines = text.splitlines()
    version = re.match(r"# Version (\d+)", lines[0] if lines else "")
    if version is None:
        raise SystemExit("not IANA's list: its first line should be '# Version YYYYMMDDNN, ...'")
    names = []
    for line in lines[1:]:
        name = line.strip().lower()
        if not name or name.startswith("#"):
            continue
        if name.startswith("xn--"):
            name = name[4:].encode("ascii").decode("punycode")
        names.append(name)
    return version[1], names


def twitter_text_list() -> list[str]:
    """The TLDs of twitter-text's conformance file tlds.yml ("https://twitter.<tld>")."""
    tests = yaml.safe_load(TWITTER_TEXT.read_text(encoding="utf-8"))["tests"]
    return [case["text"].split("twitter.", 1)[1] for group in tests.values() for case in group]


def main(argv: list[str]) -> int:
    if len(argv) > 2:
        print(__doc__, file=sys.stderr)
        return 2
    if len(argv) == 2:
        text = Path(argv[1]).read_text(encoding="utf-8")
    else:
        with urllib.request.urlopen(IANA, timeout=30) as response:
            text = response.read().decode("utf-8")
    version, names = iana_list(text)
    current = set(names)
    retired = sorted({name for name in twitter_text_list() if name not in current})
    header = [
        line for line in TARGET.read_text(encoding="utf-8").splitlines() if line.startswith("#")
    ]
    lines = [*header, f"[iana {version}]", *names, "[twitter-text 3.1.0]", *retired]
    TARGET.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{TARGET.relative_to(REPO)}: IANA {version}, {len(names)} TLDs + {len(retired)} retired")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
