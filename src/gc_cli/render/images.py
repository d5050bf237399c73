"""Output of ``gc-cli images``: an :class:`~gc_cli.images.ImageInventory` as text.

Two formats, one per ``--format`` value, each a function of the inventory:

* ``table``: in a terminal, a rich table (one row per image with a ✓ or ✗ per
  channel, the problems listed below it, then the orphans); piped, plain text
  with one block per image, for ``grep`` and logs.
* ``json``: for scripts, nothing else on stdout. The shape is stable::

    {"ok": false,                  # no attachment has an error (orphans are not errors)
     "errors": 1,                  # attachments with at least one error
     "skipped_posts": 0,           # posts that could not be read (gc-cli check says why)
     "settings_ok": true,          # false: settings.yaml is invalid, channels not judged
     "images": [
       {"path": "images/portrait.jpg",   # relative to the calendar root, with '/'
        "ok": false,
        "status": "ok",                  # or image-not-found, path-outside-root, image-unreadable,
                                         # image-too-large (over the image cap: not opened)
        "message": null,                 # why, when status is not "ok"
        "format": "JPEG",                # the real format, read from the content
        "width": 1080, "height": 1500,   # as displayed (EXIF orientation applied)
        "bytes": 183211,
        "next_use": "2026-12-04T09:00-05:00",   # first use at or after --now (or a date, or null)
        "posts": [{"id": "vitrine", "file": "calendars/2026-12.yaml", "line": 17, "column": 15,
                   "alt": "La vitrine"}],   # alt: the alt text that post gives (null: none)
        "channels": {
          "facebook": {"ok": true, "problems": []},
          "instagram": {"ok": false, "problems": [
            {"code": "image-dimensions",
             "message": "images/portrait.jpg: 1080×1500 is 0.72:1; Instagram accepts
                         0.8:1 to 1.91:1"}]}}}],          # (one line in the output)
     "orphans": [
       {"path": "images/old.png", "status": "ok", "message": null,
        "format": "PNG", "width": 800, "height": 600, "bytes": 51234}]}

  Images are sorted by path; ``channels`` follows the order of settings.yaml and
  holds only the enabled channels the image goes out on. A file that cannot be
  read fits no channel: each of its channels lists the file's own problem.

``rich`` is imported only for a terminal, so piped output and JSON stay fast.
Paths, post ids and messages are shown on one line with their control
characters visible; JSON escapes them (:mod:`gc_cli.visible`).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Literal, TextIO

from gc_cli.i18n import _, ngettext, translated
from gc_cli.images import Attachment, ImageInfo, ImageInventory, Progress, human_bytes
from gc_cli.render.common import Output
from gc_cli.store.loader import when_to_text
from gc_cli.visible import json_encoder, one_line

__all__ = ["PROGRESS_MIN", "ProgressBar", "progress_bar", "render", "to_json", "write_json"]

#: Below this many images, reading them is too quick to deserve a progress bar.
PROGRESS_MIN = 100

Format = Literal["table", "json"]


def render(inventory: ImageInventory, out: Output) -> None:
    """Write ``inventory`` as ``out.format``: ``table`` (a rich table in a colour
    terminal, plain text otherwise) or ``json``."""
    if out.format == "json":
        write_json(to_json(inventory), out.stream)
    elif out.color:
        render_rich(inventory, out.stream, width=out.width)
    else:
        render_text(inventory, out.stream)


# -- JSON --------------------------------------------------------------------


def to_json(inventory: ImageInventory) -> dict[str, Any]:
    """The document of ``gc-cli images --format json`` (shape in the module docstring)."""
    return {
        "ok": inventory.ok,
        "errors": inventory.errors,
        "skipped_posts": inventory.skipped_posts,
        "settings_ok": inventory.settings_ok,
        "images": [_attachment_json(a) for a in inventory.attachments],
        "orphans": [_file_json(o) for o in inventory.orphans],
    }


def write_json(document: dict[str, Any], stream: TextIO) -> None:
    """``document`` as JSON: a key per line, and each item of a list on a line of its own.

    Readable in a terminal and in diffs, and fast: ``json.dump(indent=...)``
    falls back to the pure-Python encoder, several times slower on thousands
    of images, while each item here goes through the C encoder.
    """
    dumps = json_encoder(stream)
    parts = []
    for key, value in document.items():
        if isinstance(value, list) and value:
            items = ",\n  ".join(dumps(item) for item in value)
            parts.append(f"{dumps(key)}: [\n  {items}\n ]")
        else:
            parts.append(f"{dumps(key)}: {dumps(value)}")
    stream.write("{" + ",\n ".join(parts) + "}\n")


def _file_json(image: ImageInfo) -> dict[str, Any]:
    return {
        "path": image.path,
        "status": image.code or "ok",
        "message": None if image.readable else image.describe(),
        "format": image.format,
        "width": image.width,
        "height": image.height,
        "bytes": image.size,
    }


def _attachment_json(attachment: Attachment) -> dict[str, Any]:
    document = _file_json(attachment.image)
    document = {"path": document.pop("path"), "ok": attachment.ok, **document}
    document["next_use"] = when_to_text(attachment.next_use)
    document["posts"] = [
        {
            "id": use.post,
            "file": use.file,
            "line": use.line,
            "column": use.column,
            "alt": use.alt,
        }
        for use in attachment.uses
    ]
    document["channels"] = {
        channel: {
            "ok": not misfits,
            "problems": [{"code": m.code, "message": m.message} for m in misfits],
        }
        for channel, misfits in attachment.verdicts().items()
    }
    return document


# -- plain text ----------------------------------------------------------------


def _pixels(image: ImageInfo) -> str:
    return f"{image.width}×{image.height}" if image.readable else "-"


def _posts(attachment: Attachment, shown: int = 3) -> str:
    posts = attachment.posts
    more = f" (+{len(posts) - shown})" if len(posts) > shown else ""
    return one_line(", ".join(posts[:shown])) + more


def _when(attachment: Attachment) -> str:
    text = when_to_text(attachment.next_use)
    return text.replace("T", " ")[:16] if text else "-"


def summary(inventory: ImageInventory) -> str:
    """One line: images, how many have errors, orphans."""
    images = len(inventory.attachments)
    orphans = len(inventory.orphans)
    return _("{images}, {errors} with errors, {orphans}.").format(
        images=ngettext("{n} image", "{n} images", images).format(n=images),
        errors=inventory.errors,
        orphans=ngettext("{n} orphan", "{n} orphans", orphans).format(n=orphans),
    )


def notes(inventory: ImageInventory) -> list[str]:
    """What the reader must know about what is not shown."""
    found = []
    if not inventory.settings_ok:
        found.append(_("settings.yaml is not valid, so channels are not judged: run gc-cli check."))
    if inventory.skipped_posts:
        skipped = inventory.skipped_posts
        found.append(
            ngettext(
                "{n} post could not be read (gc-cli check says why); their images are not "
                "listed and may appear as orphans.",
                "{n} posts could not be read (gc-cli check says why); their images are not "
                "listed and may appear as orphans.",
                skipped,
            ).format(n=skipped)
        )
    elif inventory.loading_errors and inventory.settings_ok:
        found.append(
            _(
                "the calendar has errors; the images of what could not be read are not "
                "listed (gc-cli check shows where)."
            )
        )
    return found


def render_text(inventory: ImageInventory, stream: TextIO) -> None:
    """Plain text: a block per image, then the orphans and a summary line."""
    write = stream.write
    for attachment in inventory.attachments:
        image = attachment.image
        facts = (
            f"{image.format} {_pixels(image)}  {human_bytes(image.size)}"
            if image.readable
            else _("not read")
        )
        write(
            _("{path}  {facts}  posts: {posts}").format(
                path=one_line(image.path), facts=facts, posts=_posts(attachment)
            )
        )
        if attachment.next_use:
            write("  " + _("next: {when}").format(when=_when(attachment)))
        write("\n")
        missing = attachment.without_alt
        if missing:
            write(
                "  "
                + _("no alt text in: {posts}").format(posts=one_line(", ".join(missing)))
                + "\n"
            )
        problem = attachment.problem
        if problem is not None:
            write(
                "  "
                + _("error: {code}: {message}").format(
                    code=problem.code, message=one_line(translated(problem.message))
                )
                + "\n"
            )
            continue
        fine = [c for c, misfits in attachment.verdicts().items() if not misfits]
        if fine:
            write("  " + _("fits: {channels}").format(channels=one_line(", ".join(fine))) + "\n")
        for channel, misfits in attachment.verdicts().items():
            for misfit in misfits:
                write(
                    "  "
                    + _("error: {channel}: {code}: {message}").format(
                        channel=one_line(channel),
                        code=misfit.code,
                        message=one_line(translated(misfit.message)),
                    )
                    + "\n"
                )
    if inventory.orphans:
        if inventory.attachments:
            write("\n")
        write(_("Not used by any post:") + "\n")
        for orphan in inventory.orphans:
            facts = (
                f"{orphan.format} {_pixels(orphan)}  {human_bytes(orphan.size)}"
                if orphan.readable
                else _("{code}: {reason}").format(
                    code=orphan.code, reason=one_line(translated(orphan.reason))
                )
            )
            write(f"  {one_line(orphan.path)}  {facts}\n")
    for note in notes(inventory):
        write(_("note: {note}").format(note=note) + "\n")
    write(("\n" if inventory.attachments or inventory.orphans else "") + summary(inventory) + "\n")


# -- rich table (terminal) -----------------------------------------------------


def render_rich(inventory: ImageInventory, stream: TextIO, *, width: int | None = None) -> None:
    """A rich table: a row per image with its channels; problems and orphans below."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console(file=stream, highlight=False, width=width)
    table = Table(show_edge=False, pad_edge=False, header_style="bold")
    # Figures never wrap; the path and the channel list fold when the terminal is narrow.
    table.add_column(_("image"), overflow="fold")
    table.add_column(_("format"), no_wrap=True)
    table.add_column(_("pixels"), justify="right", no_wrap=True)
    table.add_column(_("size"), justify="right", no_wrap=True)
    table.add_column(_("posts"), justify="right", no_wrap=True)
    table.add_column(_("next use"), no_wrap=True)
    table.add_column(_("channels"), overflow="fold")
    table.add_column(_("alt"), no_wrap=True)
    for attachment in inventory.attachments:
        image = attachment.image
        marks = Text()
        for channel, misfits in attachment.verdicts().items():
            if marks:
                marks.append("  ")
            label = one_line(inventory.labels.get(channel, channel))
            # No space after the mark: a wrapping cell must not part it from its channel.
            if misfits:
                marks.append(f"✗{label}", style="bold red")
            else:
                marks.append(f"✓{label}", style="green")
        table.add_row(
            Text(one_line(image.path), style="" if attachment.ok else "red"),
            image.format or Text(_("not read"), style="red"),
            _pixels(image),
            human_bytes(image.size),
            str(len(attachment.posts)),
            _when(attachment),
            marks,
            Text(f"✗ {len(attachment.without_alt)}", style="bold yellow")
            if attachment.without_alt
            else Text("✓", style="green"),
        )
    if inventory.attachments:
        console.print(table)
    unlabelled = [a for a in inventory.attachments if a.without_alt]
    if unlabelled:
        console.print()
        for attachment in unlabelled:
            line = Text("✗ ", style="bold yellow")
            line.append(
                _("{path}: no alt text in {posts}").format(
                    path=one_line(attachment.image.path),
                    posts=one_line(", ".join(attachment.without_alt)),
                )
            )
            console.print(line)
    problems = [a for a in inventory.attachments if not a.ok]
    if problems:
        console.print()
        for attachment in problems:
            problem = attachment.problem
            if problem is not None:
                line = Text("✗ ", style="bold red")
                line.append(one_line(translated(problem.message)))
                line.append(f" [{problem.code}]", style="dim")
                console.print(line)
                continue
            for channel, misfits in attachment.verdicts().items():
                for misfit in misfits:
                    line = Text("✗ ", style="bold red")
                    label = one_line(inventory.labels.get(channel, channel))
                    line.append(_("{channel}:").format(channel=label) + " ", style="bold")
                    line.append(one_line(translated(misfit.message)))
                    line.append(f" [{misfit.code}]", style="dim")
                    console.print(line)
    if inventory.orphans:
        console.print()
        console.print(Text(_("Not used by any post:"), style="bold"))
        for orphan in inventory.orphans:
            line = Text(f"  {one_line(orphan.path)}", style="yellow")
            if orphan.readable:
                line.append(f"  {orphan.format} {_pixels(orphan)}  {human_bytes(orphan.size)}")
            else:
                line.append(f"  {one_line(translated(orphan.reason))}", style="dim")
            console.print(line)
    for note in notes(inventory):
        console.print(Text(_("note: {note}").format(note=note), style="yellow"))
    console.print()
    if inventory.ok:
        console.print(Text("✓ " + summary(inventory), style="bold green"))
    else:
        console.print(Text("✗ " + summary(inventory), style="bold red"))


# -- progress ------------------------------------------------------------------


class ProgressBar:
    """A progress callback for :func:`gc_cli.images.attachments`.

    It draws a transient rich bar on ``stream`` once the work is known to be
    long (``minimum`` images or more) and only when ``stream`` is a terminal;
    otherwise it does nothing, so piped output and CI logs stay clean.
    """

    def __init__(self, stream: TextIO, *, minimum: int = PROGRESS_MIN) -> None:
        self.stream = stream
        self.minimum = minimum
        isatty = getattr(stream, "isatty", None)
        self.enabled = bool(isatty and isatty())
        self._progress: Any = None
        self._task: Any = None

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or total < self.minimum:
            return
        if self._progress is None:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

            self._progress = Progress(
                # TextColumn reads rich markup: a translation holds no "[".
                TextColumn(_("reading images")),
                BarColumn(),
                MofNCompleteColumn(),
                console=Console(file=self.stream),
                transient=True,
            )
            self._progress.start()
            self._task = self._progress.add_task("images", total=total)
        self._progress.update(self._task, completed=done, total=total)

    def close(self) -> None:
        """Remove the bar, if one was drawn."""
        if self._progress is not None:
            self._progress.stop()
            self._progress = None


@contextmanager
def progress_bar(stream: TextIO, *, minimum: int = PROGRESS_MIN) -> Iterator[Progress]:
    """A :class:`ProgressBar` on ``stream``, removed when the block ends (even on error)."""
    bar = ProgressBar(stream, minimum=minimum)
    try:
        yield bar
    finally:
        bar.close()
