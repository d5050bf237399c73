"""Image files: where they are and what they hold, against each channel.

These checks open files, so ``--no-images`` turns them off. Each image is read
by content (:mod:`gc_cli.images`), once per run however many posts share it,
and each problem is located at that image's ``path:`` value. Problems about the
file itself (missing, outside the root, unreadable) name no channel; the
others name the channel the image does not fit. Cancelled posts are skipped.
"""

from __future__ import annotations

from collections.abc import Iterator

from gc_cli import images
from gc_cli.i18n import N_
from gc_cli.problems import Problem
from gc_cli.rules import Context, Rule

RULES: tuple[Rule, ...] = (
    Rule(
        images.NOT_FOUND,
        "error",
        N_(
            "An attachment whose file does not exist below the calendar root (the "
            "message names a file of a close name, or one differing only by case)."
        ),
        "    images:\n      - path: images/vitirne.jpg   # images/vitrine.jpg exists",
    ),
    Rule(
        images.OUTSIDE_ROOT,
        "error",
        N_(
            "An attachment path that is absolute, climbs out of the calendar root with "
            "'..', or goes through a symbolic link to a file outside it. Such a file is "
            "never opened."
        ),
        "    images:\n      - path: ../../secret/photo.jpg",
    ),
    Rule(
        images.UNREADABLE,
        "error",
        N_(
            "The file is not an image (a text file named .jpg), is in a format gc-cli does "
            "not read (EPS, PDF, PSD: never handed to an image library), is not a regular "
            "file (a FIFO, a device), is truncated or corrupt, or claims a canvas so large "
            "it can only be a decompression bomb; judged by content, never by extension, "
            "and without decoding the pixels."
        ),
        "    images:\n      - path: images/notes.jpg   # a text file",
    ),
    Rule(
        images.FORMAT,
        "error",
        N_(
            "The image's real format (read from its content) is not one the channel "
            "accepts: Instagram takes only JPEG. A PNG named .jpg is a PNG."
        ),
        "    channels: [instagram]\n    images:\n      - path: images/logo.png",
    ),
    Rule(
        images.TOO_LARGE,
        "error",
        N_(
            "The file is bigger, in bytes, than the channel accepts (Bluesky: 2 MB); or, "
            "naming no channel, bigger than the image cap (64 MiB unless limits: in "
            "settings.yaml raises it), and then never opened."
        ),
        "    channels: [bluesky]\n    images:\n      - path: images/photo-12mp.jpg",
    ),
    Rule(
        images.DIMENSIONS,
        "error",
        N_(
            "The pixel size or aspect ratio (width/height, EXIF orientation applied) is "
            "outside the channel's bounds: Instagram accepts 0.8:1 (4:5) to 1.91:1."
        ),
        "    channels: [instagram]\n    images:\n"
        "      - path: images/portrait-1080x1500.jpg   # 0.72:1",
    ),
)


def check(ctx: Context) -> Iterator[Problem]:
    if not ctx.images:
        return
    cal = ctx.calendar
    reader = images.ImageReader(cal.root, cal.limits.image_bytes)
    for entry in cal.entries:
        post = entry.post
        if post.status == "cancelled" or not post.images:
            continue
        profiles = [(c, cal.profiles[c]) for c in post.channels if c in cal.profiles]
        for i, image in enumerate(post.images):
            found = reader.read(image.path)
            if not found.readable:
                yield entry.problem(
                    found.code or images.UNREADABLE,
                    "error",
                    found.describe(image.path),
                    "images",
                    i,
                    "path",
                )
                continue
            for channel, profile in profiles:
                for misfit in images.fit(found, profile, image.path):
                    yield entry.problem(
                        misfit.code, "error", misfit.message, "images", i, "path", channel=channel
                    )
