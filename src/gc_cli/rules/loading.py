"""Problems found while reading the files, before any rule runs.

They are produced by :mod:`gc_cli.loader` and :mod:`gc_cli.yamlsafe`; this
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
)
