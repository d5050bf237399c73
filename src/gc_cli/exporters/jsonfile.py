"""``json``: the publications as the objects of docs/json.md.

The very output of ``gc-cli list --format json`` for the same posts (the
same function writes both), so a script reads one shape whichever command
it calls.
"""

from __future__ import annotations

import io

from gc_cli.exporters.base import ExportContext, Rendered
from gc_cli.query.select import write_json


def export(context: ExportContext) -> Rendered:
    """A JSON array, one docs/json.md object a line, UTF-8 (emoji as they are)."""
    buffer = io.StringIO()
    write_json(context.items, buffer)
    return Rendered(buffer.getvalue().encode("utf-8"), len(context.items))
