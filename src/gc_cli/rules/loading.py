"""Problems found while reading the files, before any rule runs.

They are produced by :mod:`gc_cli.store.loader` and :mod:`gc_cli.store.yamlsafe`; this
module documents them with the other rules.
"""

from __future__ import annotations

from gc_cli.i18n import N_
from gc_cli.rules import Rule

RULES = (
    Rule(
        "yaml-syntax",
        "error",
        N_(
            "The file is not valid YAML, not UTF-8, uses a language-specific tag, or its "
            "aliases expand to far more data than it holds (a billion-laughs bomb). "
            "Reported at the parser's line and column."
        ),
        "posts:\n  - id: a\n    title: [unclosed",
    ),
    Rule(
        "duplicate-key",
        "error",
        N_(
            "The same key twice in one mapping; reported at the second one. YAML "
            "parsers often keep the last value silently; gc-cli refuses to guess."
        ),
        "  - id: a\n    title: Un\n    title: Deux",
    ),
    Rule(
        "schema",
        "error",
        N_(
            "A wrong type, a missing required field (id, title), an unknown key "
            "(with the closest valid one suggested), or a value outside its choices."
        ),
        "  - id: a\n    title: Un\n    chanels: [facebook]   # did you mean 'channels'?",
    ),
    Rule(
        "settings",
        "error",
        N_(
            "settings.yaml is missing or invalid: an unknown time zone, no channel, a "
            "channel that is not built in without all its limits, a malformed slot."
        ),
        "timezone: America/Torronto",
    ),
    Rule(
        "file-unreadable",
        "error",
        N_(
            "A file or folder below the root that gc-cli does not read: not a regular file "
            "(a named pipe, a device, a socket), no permission to read it, larger than "
            "limits.post_file (8 MiB by default; settings.yaml is always capped at 8 MiB), "
            "or holding more values than one file may (250,000 texts, numbers, keys, lists "
            "and mappings). Reported at the start of the file, or where the count of values "
            "passes the budget; the rest of the root is still checked."
        ),
        "# calendars/2026-12.yaml is a named pipe, or a link to /dev/zero",
    ),
    Rule(
        "too-many-problems",
        "error",
        N_(
            "A file with so many problems found while reading it (1,000) that the rest of it "
            "is not read: fix the first ones, or see whether it is a calendar file at all."
        ),
        "posts: [1, 2, 3, ...]   # thousands of items that are not posts",
    ),
)
