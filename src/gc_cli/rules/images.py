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
from gc_cli.problems import Example, Picture, Problem, Rule, Severity, TextFile
from gc_cli.rules.context import Context

IMAGE_NOT_FOUND = Rule(
    images.NOT_FOUND,
    Severity.error,
    N_(
        "An attachment whose file does not exist below the calendar root (the "
        "message names a file of a close name, or one differing only by case)."
    ),
    Example(
        "posts:\n"
        "  - id: vitrine-noel\n"
        "    title: La vitrine de Noël\n"
        "    channels: [facebook]\n"
        "    images:\n"
        "      - path: images/vitirne.jpg   # images/vitrine.jpg exists\n"
        "        alt: La vitrine de Noël\n",
        line=6,
        files=(Picture("images/vitrine.jpg", "JPEG", 1200, 900),),
    ),
)
PATH_OUTSIDE_ROOT = Rule(
    images.OUTSIDE_ROOT,
    Severity.error,
    N_(
        "An attachment path that is absolute, climbs out of the calendar root with "
        "'..', or goes through a symbolic link to a file outside it. Such a file is "
        "never opened."
    ),
    Example(
        "posts:\n"
        "  - id: vitrine-noel\n"
        "    title: La vitrine de Noël\n"
        "    channels: [facebook]\n"
        "    images:\n"
        "      - path: ../../secret/photo.jpg\n"
        "        alt: La vitrine de Noël\n",
        line=6,
    ),
)
IMAGE_UNREADABLE = Rule(
    images.UNREADABLE,
    Severity.error,
    N_(
        "The file is not an image (a text file named .jpg), is in a format gc-cli does "
        "not read (EPS, PDF, PSD: never handed to an image library), is not a regular "
        "file (a FIFO, a device), is truncated or corrupt, or claims a canvas so large "
        "it can only be a decompression bomb; judged by content, never by extension, "
        "and without decoding the pixels."
    ),
    Example(
        "posts:\n"
        "  - id: menu-noel\n"
        "    title: Le menu de Noël\n"
        "    channels: [facebook]\n"
        "    images:\n"
        "      - path: images/menu.jpg\n"
        "        alt: Le menu de Noël\n",
        line=6,
        files=(TextFile("images/menu.jpg", "Dinde, tourtière, bûche\n"),),
    ),
)
IMAGE_FORMAT = Rule(
    images.FORMAT,
    Severity.error,
    N_(
        "The image's real format (read from its content) is not one the channel "
        "accepts: Instagram takes only JPEG. A PNG named .jpg is a PNG."
    ),
    Example(
        "posts:\n"
        "  - id: logo-fetes\n"
        "    title: Notre logo des fêtes\n"
        "    channels: [instagram]\n"
        "    images:\n"
        "      - path: images/logo.png\n"
        "        alt: Le logo de la boulangerie, en rouge et or\n",
        line=6,
        files=(Picture("images/logo.png", "PNG", 1080, 1080),),
    ),
)
IMAGE_TOO_LARGE = Rule(
    images.TOO_LARGE,
    Severity.error,
    N_(
        "The file is bigger, in bytes, than the channel accepts (Bluesky: 2 MB); or, "
        "naming no channel, bigger than the image cap (64 MiB unless limits: in "
        "settings.yaml raises it), and then never opened."
    ),
    Example(
        "posts:\n"
        "  - id: vitrine-noel\n"
        "    title: La vitrine de Noël\n"
        "    channels: [facebook]\n"
        "    images:\n"
        "      - path: images/vitrine.jpg\n"
        "        alt: La vitrine de Noël\n",
        settings="limits:\n  image_file: 1 KB   # smaller than any photo\n",
        line=6,
        files=(Picture("images/vitrine.jpg", "JPEG", 1200, 900),),
    ),
)
IMAGE_DIMENSIONS = Rule(
    images.DIMENSIONS,
    Severity.error,
    N_(
        "The pixel size or aspect ratio (width/height, EXIF orientation applied) is "
        "outside the channel's bounds: Instagram accepts 0.8:1 (4:5) to 1.91:1."
    ),
    Example(
        "posts:\n"
        "  - id: portrait-equipe\n"
        "    title: L'équipe du matin\n"
        "    channels: [instagram]\n"
        "    images:\n"
        "      - path: images/equipe.jpg   # 1080 × 1500: 0.72:1\n"
        "        alt: L'équipe du matin devant le four\n",
        line=6,
        files=(Picture("images/equipe.jpg", "JPEG", 1080, 1500),),
    ),
)
RULES = (
    IMAGE_NOT_FOUND,
    PATH_OUTSIDE_ROOT,
    IMAGE_UNREADABLE,
    IMAGE_FORMAT,
    IMAGE_TOO_LARGE,
    IMAGE_DIMENSIONS,
)
#: The rule of each code :mod:`gc_cli.images` gives a file or a misfit.
_BY_CODE = {rule.code: rule for rule in RULES}


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
                    _BY_CODE[found.code or images.UNREADABLE],
                    found.describe(image.path),
                    "images",
                    i,
                    "path",
                )
                continue
            for channel, profile in profiles:
                for misfit in images.fit(found, profile, image.path):
                    yield entry.problem(
                        _BY_CODE[misfit.code],
                        misfit.message,
                        "images",
                        i,
                        "path",
                        channel=channel,
                    )
