"""Exporters: the upcoming posts turned into a file for another tool.

One module per format (``ics``, ``csvfile``, ``jsonfile``, ``markdown``,
``htmlpage``, and the bulk-upload files ``hootsuite``, ``buffer``,
``sprout``, ``publer``, ``metricool``), each a pure function from the
selected publications to bytes, registered in
:data:`gc_cli.exporters.base.EXPORTERS`. Nothing here prints, exits or
writes files.

This package itself holds only the formats' names, for the command line's
``--format`` choice: importing it costs nothing, and a format's module and
the libraries it needs (icalendar, Jinja2, Pillow) are imported only when
that format is used, so other commands start as fast as before.
"""

#: The formats of ``gc-cli export --format``, in the order the help lists them
#: (the keys of :data:`gc_cli.exporters.base.EXPORTERS`, which a test keeps equal).
FORMAT_NAMES: tuple[str, ...] = (
    "ics",
    "csv",
    "json",
    "markdown",
    "html",
    "hootsuite",
    "buffer",
    "sprout",
    "publer",
    "metricool",
)
