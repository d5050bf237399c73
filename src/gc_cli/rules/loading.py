"""Problems found while reading the files, before any rule runs.

They are defined and found by the store (:mod:`gc_cli.store.codes`); this
family registers them with the other rules.
"""

from __future__ import annotations

from gc_cli.store.codes import RULES

__all__ = ["RULES"]
