"""The rules of reading the files: problems met before any rule of ``check`` runs.

They are found by :mod:`gc_cli.store.loader` and :mod:`gc_cli.store.yamlsafe`,
and registered with the other rules by :mod:`gc_cli.rules.loading`.
"""

from __future__ import annotations

from gc_cli.i18n import N_
from gc_cli.problems import Example, Rule, Severity

#: Problems found while reading one file before the rest of it is left unread:
#: a file of a million items that are not posts would otherwise cost a
#: problem each, minutes of work and gigabytes to say the same thing.
MAX_FILE_PROBLEMS = 1000

YAML_SYNTAX = Rule(
    "yaml-syntax",
    Severity.error,
    N_(
        "The file is not valid YAML, not UTF-8, uses a language-specific tag, or its "
        "aliases expand to far more data than it holds (a billion-laughs bomb). "
        "Said in plain words, with the line at fault and a caret under the column; an "
        "unclosed quote or bracket is reported where it opens."
    ),
    Example(
        "posts:\n  - id: menu-noel\n    title: [Menu de Noël\n    status: idea\n",
        line=3,
    ),
)
DUPLICATE_KEY = Rule(
    "duplicate-key",
    Severity.error,
    N_(
        "The same key twice in one mapping; reported at the second one. YAML "
        "parsers often keep the last value silently; gc-cli refuses to guess."
    ),
    Example(
        "posts:\n  - id: menu-noel\n    title: Menu de Noël\n    title: Le menu des fêtes\n",
        line=4,
    ),
)
SCHEMA = Rule(
    "schema",
    Severity.error,
    N_(
        "A wrong type, a missing required field (id, title), an unknown key "
        "(with the closest valid one suggested), or a value outside its choices."
    ),
    Example(
        "posts:\n"
        "  - id: menu-noel\n"
        "    title: Menu de Noël\n"
        "    chanels: [facebook]   # did you mean 'channels'?\n",
        line=4,
    ),
)
SETTINGS = Rule(
    "settings",
    Severity.error,
    N_(
        "settings.yaml is missing or invalid: an unknown time zone, no channel, a "
        "channel that is not built in without all its limits, a malformed slot, a "
        "value of the wrong type or outside its choices."
    ),
    Example(
        "",
        file="settings.yaml",
        settings="rules:\n  alt_text: sometimes   # error, warning or off\n",
        line=14,
    ),
)
FILE_UNREADABLE = Rule(
    "file-unreadable",
    Severity.error,
    N_(
        "A file or folder below the root that gc-cli does not read: not a regular file "
        "(a named pipe, a device, a socket), no permission to read it, larger than "
        "limits.post_file (8 MiB by default; settings.yaml is always capped at 8 MiB), "
        "or holding more values than one file may (250,000 texts, numbers, keys, lists "
        "and mappings). Reported at the start of the file, or where the count of values "
        "passes the budget; the rest of the root is still checked."
    ),
    Example(
        "posts:\n"
        "  - id: menu-noel\n"
        "    title: Menu de Noël\n"
        "    text: Le menu de Noël est arrivé : dinde, tourtière et bûche maison.\n",
        settings="limits:\n  post_file: 100 B\n",
        line=1,
    ),
)
TOO_MANY_PROBLEMS = Rule(
    "too-many-problems",
    Severity.error,
    N_(
        "A file with so many problems found while reading it (1,000) that the rest of it "
        "is not read: fix the first ones, or see whether it is a calendar file at all."
    ),
    Example(
        "posts:\n" + "  - 0\n" * (MAX_FILE_PROBLEMS + 1),
        line=MAX_FILE_PROBLEMS + 2,
        also=(SCHEMA,),
    ),
)

#: In the order of the rules page.
RULES = (YAML_SYNTAX, DUPLICATE_KEY, SCHEMA, SETTINGS, FILE_UNREADABLE, TOO_MANY_PROBLEMS)
