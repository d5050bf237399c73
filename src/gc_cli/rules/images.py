"""Image files: where they are and what they hold, per channel.

The checks that open files (``image-not-found``, ``path-outside-root``,
``image-unreadable``, ``image-format``, ``image-too-large``,
``image-dimensions``) run unless ``--no-images`` is given. They are not
registered yet: this family's ``RULES`` is where they go.
"""

from __future__ import annotations

from gc_cli.rules import Rule

RULES: tuple[Rule, ...] = ()
