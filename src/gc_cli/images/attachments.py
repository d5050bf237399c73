"""The inventory of ``gc-cli images``: every attachment, its posts, its fit per channel."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from pathlib import Path

from gc_cli.images.fit import Misfit, fit
from gc_cli.images.info import IMAGE_SUFFIXES, UNREADABLE, ImageInfo
from gc_cli.images.magic import magic
from gc_cli.images.reader import ImageReader
from gc_cli.store import safeio
from gc_cli.store.calendar import Calendar, Entry
from gc_cli.store.loader import load_calendar
from gc_cli.timeutil import current

# ---------------------------------------------------------------------------
# The inventory of the `images` command


@dataclass(frozen=True, slots=True)
class Use:
    """One place an image is attached: a post, and where its ``path:`` is written."""

    post: str
    file: str
    line: int
    column: int
    #: The alt text this post gives the image (None or blank: none).
    alt: str | None = None

    @property
    def has_alt(self) -> bool:
        return bool((self.alt or "").strip())


@dataclass(slots=True)
class Attachment:
    """An image file and every use of it, judged against each channel it goes out on."""

    image: ImageInfo
    uses: list[Use] = field(default_factory=list)
    #: The enabled channels the image is published on, in settings.yaml's order.
    channels: list[str] = field(default_factory=list)
    #: Why the image does not fit each of ``channels`` (empty: it fits); empty
    #: when the file could not be read, since nothing can then be judged.
    fits: dict[str, list[Misfit]] = field(default_factory=dict)
    #: The first time at or after "now" a post using it goes out (None: none ahead).
    next_use: datetime | date | None = None

    @property
    def posts(self) -> list[str]:
        """Ids of the posts using the image, each once, in calendar order."""
        return list(dict.fromkeys(use.post for use in self.uses))

    @property
    def without_alt(self) -> list[str]:
        """Ids of the posts that give the image no alt text, each once."""
        return list(dict.fromkeys(use.post for use in self.uses if not use.has_alt))

    @property
    def problem(self) -> Misfit | None:
        """The file's own problem (missing, outside the root, unreadable), if any."""
        if self.image.readable:
            return None
        return Misfit(self.image.code or UNREADABLE, self.image.describe())

    def verdicts(self) -> dict[str, list[Misfit]]:
        """Per channel, why the image cannot go out there; empty lists where it fits.

        A file that cannot be read fits no channel: each gets the file's problem.
        """
        problem = self.problem
        if problem is not None:
            return {channel: [problem] for channel in self.channels}
        return {channel: self.fits.get(channel, []) for channel in self.channels}

    @property
    def ok(self) -> bool:
        """No error: the file reads, and fits every channel it is used on."""
        return self.image.readable and not any(self.fits.values())


@dataclass
class ImageInventory:
    """Every attachment of a calendar root, and the image files no post uses."""

    root: Path
    attachments: list[Attachment]
    orphans: list[ImageInfo]
    #: Display names of the channels, by key (``instagram`` → ``Instagram``).
    labels: dict[str, str] = field(default_factory=dict)
    #: Posts that could not be read (``gc-cli check`` says why): their images
    #: are not listed, and may show up as orphans.
    skipped_posts: int = 0
    #: False when settings.yaml is invalid: channels are then not judged.
    settings_ok: bool = True
    #: Errors met while reading the root (a file that is not YAML, settings):
    #: what could not be read is missing from the inventory.
    loading_errors: int = 0

    @property
    def errors(self) -> int:
        """How many attachments have an error."""
        return sum(1 for a in self.attachments if not a.ok)

    @property
    def ok(self) -> bool:
        """No attachment has an error (orphans are not errors)."""
        return self.errors == 0


Progress = Callable[[int, int], None]


def inventory(
    calendar: Calendar,
    *,
    now: datetime | None = None,
    reader: ImageReader | None = None,
    progress: Progress | None = None,
) -> ImageInventory:
    """Every image attached to a post of ``calendar``, judged per channel; plus orphans.

    Cancelled posts are left out, as in ``check``; their images are not
    orphans either. Images reached by different spellings of one path (or
    through a link inside the root) are one attachment. ``progress(done,
    total)`` is called after each distinct path is read.
    """
    reader = reader or ImageReader(calendar.root, calendar.limits.image_bytes)
    referenced: set[str] = set()
    wanted: dict[str, list[tuple[Entry, int]]] = {}
    for entry in calendar.entries:
        for index, image in enumerate(entry.post.images):
            if entry.post.status == "cancelled":
                real = reader.locate(image.path).real
                if real is not None:
                    referenced.add(real)
            else:
                wanted.setdefault(image.path, []).append((entry, index))

    by_file: dict[str, Attachment] = {}
    channels_of: dict[str, set[str]] = {}
    total = len(wanted)
    for done, (written, places) in enumerate(wanted.items(), 1):
        found = reader.read(written)
        key = found.real if found.real is not None else "\0" + written
        if found.real is not None:
            referenced.add(found.real)
        attachment = by_file.get(key)
        if attachment is None:
            attachment = by_file[key] = Attachment(found)
            channels_of[key] = set()
        for entry, index in places:
            line, column = entry.source.pos("images", index, "path")
            alt = entry.post.images[index].alt
            attachment.uses.append(Use(entry.id, entry.source.file, line, column, alt))
            channels_of[key].update(c for c in entry.post.channels if c in calendar.profiles)
            if now is not None:
                attachment.next_use = _earlier(attachment.next_use, _next_moment(entry, now))
        if progress is not None:
            progress(done, total)

    for key, attachment in by_file.items():
        attachment.channels = [c for c in calendar.profiles if c in channels_of[key]]
        if attachment.image.readable:
            attachment.fits = {
                channel: fit(attachment.image, calendar.profiles[channel])
                for channel in attachment.channels
            }
    return ImageInventory(
        root=calendar.root,
        attachments=sorted(by_file.values(), key=lambda a: a.image.path),
        orphans=list(_orphans(reader, referenced)),
        labels={name: profile.label for name, profile in calendar.profiles.items()},
        skipped_posts=calendar.post_count - len(calendar.entries),
        settings_ok=calendar.usable,
        loading_errors=sum(1 for p in calendar.problems if p.severity == "error"),
    )


def _next_moment(entry: Entry, now: datetime) -> datetime | date | None:
    for moment, _ in entry.moments():
        if isinstance(moment, datetime):
            if moment >= now:
                return moment
        elif moment >= now.date():
            return moment
    return None


def _earlier(a: datetime | date | None, b: datetime | date | None) -> datetime | date | None:
    if a is None or b is None:
        return a or b

    def key(moment: datetime | date) -> tuple[date, time]:
        if isinstance(moment, datetime):
            return moment.date(), moment.timetz().replace(tzinfo=None)
        return moment, time.min

    return a if key(a) <= key(b) else b


def _orphans(reader: ImageReader, used: set[str]) -> Iterator[ImageInfo]:
    """Image files below the root (by ending, or by content) that no post uses."""
    root = str(reader.root)
    seen = set(used)
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            suffix = os.path.splitext(name)[1].lower()
            if name.startswith(".") or suffix in (".yaml", ".yml"):
                continue
            relative = os.path.relpath(os.path.join(folder, name), root).replace(os.sep, "/")
            where = reader.locate(relative)
            if where.real is not None and where.real in seen:
                continue  # used by a post, or an orphan already listed under another name
            # Other files are sniffed, but only inside the root: a link leading out
            # is never opened.
            if suffix not in IMAGE_SUFFIXES and (
                where.real is None or not _starts_like_an_image(where.real)
            ):
                continue
            if where.real is not None:
                seen.add(where.real)
            yield reader.read(relative)


def _starts_like_an_image(path: str) -> bool:
    # Only a regular file is opened: a FIFO among the images would block the scan.
    try:
        with safeio.open_regular(path, path) as stream:
            return magic(stream.read(16)) is not None
    except (safeio.UnsafeFile, OSError):
        return False


def run_inventory(
    root: Path,
    now: datetime | None = None,
    *,
    cwd: Path | None = None,
    progress: Progress | None = None,
) -> ImageInventory:
    """Load ``root`` and take the inventory of its images at ``now`` (naive: local; None: the
    clock)."""
    calendar = load_calendar(root, cwd or Path.cwd())
    return inventory(calendar, now=current(now, calendar.zone or UTC), progress=progress)
