"""Image attachments: path safety, reading by content, per-channel rules, the inventory.

Every image here is a real file made with Pillow in ``tmp_path`` (or crafted
byte by byte where Pillow would refuse to write it: a decompression bomb, a
HEIF header). Posts come from :func:`test_rules.post` with a block-style
``images:`` list, so image ``i`` of the first post has its ``path:`` value at
line ``11 + 2 * i``, column 15.
"""

from __future__ import annotations

import io
import os
import struct
import sys
import time
import zlib
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from PIL import Image, ImageFile

from conftest import NOW, SETTINGS, CalendarDir, parsed
from gc_cli.images import ImageInfo, ImageReader, fit, human_bytes, inventory
from gc_cli.render.common import Output
from gc_cli.render.images import ProgressBar, render, render_rich, render_text, to_json
from gc_cli.rules import all_rules
from gc_cli.store.loader import load_calendar
from gc_cli.timeutil import to_aware
from test_rules import P, found, post

PATH_COL = 15
ALL_CHANNELS = "[facebook, instagram, linkedin, x, mastodon, bluesky]"
IMAGE_CODES = {
    "image-not-found",
    "path-outside-root",
    "image-unreadable",
    "image-format",
    "image-too-large",
    "image-dimensions",
}


def line_of(i: int) -> int:
    """The line of the ``path:`` value of image ``i`` of the first post."""
    return 11 + 2 * i


def pictures(*paths: str) -> str:
    """A block-style ``images:`` value for :func:`post`."""
    return "".join(f"\n    - path: {p}\n      alt: Photo {i}" for i, p in enumerate(paths))


def draw(cal: CalendarDir, name: str, size: tuple[int, int], fmt: str = "JPEG", **kw: Any) -> Path:
    """A real image of ``size`` pixels saved as ``fmt`` at ``name`` below the root."""
    path = cal.root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = "RGB" if fmt not in ("GIF",) else "P"
    Image.new(mode, size, 0).save(path, fmt, **kw)
    return path


def chunk(kind: bytes, data: bytes) -> bytes:
    """A PNG chunk with a valid CRC."""
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_claiming(width: int, height: int) -> bytes:
    """A 60-odd-byte PNG whose header claims ``width`` × ``height`` pixels."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b"\0" * 64))
        + chunk(b"IEND", b"")
    )


def box(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I", 8 + len(payload)) + kind + payload


def full_box(kind: bytes, payload: bytes, version: int = 0, flags: int = 0) -> bytes:
    return box(kind, bytes([version]) + flags.to_bytes(3, "big") + payload)


def heif(width: int, height: int, turns: int = 0) -> bytes:
    """A HEIF file as an iPhone writes its header: a thumbnail item, then the primary
    item with its ``ispe`` size and ``irot`` rotation (no real HEVC data)."""
    ipco = box(
        b"ipco",
        full_box(b"ispe", struct.pack(">II", 320, 240))  # property 1: the thumbnail's
        + full_box(b"ispe", struct.pack(">II", width, height))  # property 2
        + box(b"irot", bytes([turns])),  # property 3
    )
    ipma = full_box(
        b"ipma",
        struct.pack(">I", 2)
        + struct.pack(">HB", 1, 2)
        + bytes([0x82, 0x03])  # item 1 (primary): properties 2 (essential) and 3
        + struct.pack(">HB", 2, 1)
        + bytes([0x01]),  # item 2 (thumbnail): property 1
    )
    meta = full_box(
        b"meta",
        full_box(b"hdlr", b"\0" * 4 + b"pict" + b"\0" * 13)
        + full_box(b"pitm", struct.pack(">H", 1))
        + box(b"iprp", ipco + ipma),
    )
    return box(b"ftyp", b"heic\0\0\0\0mif1heic") + meta + box(b"mdat", b"\0" * 64)


def settings_with(**channels: str) -> str:
    """The standard settings with some channels' lines replaced (``x="{min_width: 600}"``)."""
    text = SETTINGS
    for name, value in channels.items():
        text = text.replace(f"  {name}: {{}}\n", f"  {name}: {value}\n")
    return text


@pytest.fixture
def count_opens(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Every call of ``PIL.Image.open`` during the test, recorded (and passed through)."""
    calls: list[Any] = []
    real_open = Image.open

    def spy(fp: Any, *args: Any, **kwargs: Any) -> Any:
        calls.append(getattr(fp, "name", fp))
        return real_open(fp, *args, **kwargs)

    monkeypatch.setattr(Image, "open", spy)
    return calls


@pytest.fixture
def no_decoding(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail the test if any image's pixels are decoded."""

    def refuse(self: Any) -> None:
        raise AssertionError(f"pixels of {self.format} image decoded")

    monkeypatch.setattr(ImageFile.ImageFile, "load", refuse)


# -- the registry ---------------------------------------------------------------


def test_the_six_image_rules_are_registered_as_errors() -> None:
    rules = {rule.code: rule for rule in all_rules()}
    assert set(rules) >= IMAGE_CODES
    for code in IMAGE_CODES:
        assert rules[code].severity == "error"
        assert rules[code].summary.strip() and rules[code].example.posts.strip()


# -- images that fit -------------------------------------------------------------


def test_fitting_images_raise_nothing(cal: CalendarDir, no_decoding: None) -> None:
    draw(cal, "images/portrait.jpg", (1080, 1350))  # 4:5, Instagram's narrowest
    draw(cal, "images/paysage.jpg", (1910, 1000))  # 1.91:1, Instagram's widest
    draw(cal, "images/carre.jpg", (1080, 1080), quality=90, optimize=True, progressive=True)
    cal.posts(
        post(
            channels=ALL_CHANNELS,
            images=pictures("images/portrait.jpg", "images/paysage.jpg", "images/carre.jpg"),
        )
    )
    assert found(cal, images=True) == []


def test_no_images_option_opens_nothing(cal: CalendarDir, count_opens: list[Any]) -> None:
    (cal.root / "images").mkdir()
    (cal.root / "images" / "notes.jpg").write_text("pas une image", encoding="utf-8")
    cal.posts(post(images=pictures("images/notes.jpg", "images/absente.jpg", "../x.jpg")))
    assert found(cal, images=False) == []
    assert count_opens == []


def test_cancelled_posts_are_skipped(cal: CalendarDir) -> None:
    cal.posts(post(status="cancelled", images=pictures("images/absente.jpg", "/etc/hosts")))
    assert found(cal, images=True) == []


# -- image-dimensions ------------------------------------------------------------

DIMENSIONS = [
    pytest.param(
        (1080, 1500),
        "[facebook, instagram]",
        ["images/a.jpg: 1080×1500 is 0.72:1; Instagram accepts 0.8:1 to 1.91:1"],
        id="too-narrow",
    ),
    pytest.param(
        (2000, 1000),
        "[instagram]",
        ["images/a.jpg: 2000×1000 is 2:1; Instagram accepts 0.8:1 to 1.91:1"],
        id="too-wide",
    ),
    pytest.param(
        (1080, 565),  # 1.9115: shown with a third decimal, so it does not read as 1.91
        "[instagram]",
        ["images/a.jpg: 1080×565 is 1.912:1; Instagram accepts 0.8:1 to 1.91:1"],
        id="just-too-wide",
    ),
    pytest.param((1080, 1350), "[instagram]", [], id="exactly-4:5"),
    pytest.param((1910, 1000), "[instagram]", [], id="exactly-1.91:1"),
    pytest.param((1080, 1500), "[facebook, x, linkedin]", [], id="no-bounds-elsewhere"),
]


@pytest.mark.parametrize(("size", "channels", "messages"), DIMENSIONS)
def test_image_dimensions_aspect(
    cal: CalendarDir, size: tuple[int, int], channels: str, messages: list[str]
) -> None:
    draw(cal, "images/a.jpg", size)
    cal.posts(post(channels=channels, images=pictures("images/a.jpg")))
    problems = cal.problems(images=True)
    assert [(p.line, p.column, p.code, p.severity, p.post, p.channel) for p in problems] == [
        P(line_of(0), PATH_COL, "image-dimensions", channel="instagram") for _ in messages
    ]
    assert [p.message for p in problems] == messages


def test_image_dimensions_pixel_bounds_from_settings(
    write_calendar: Callable[..., CalendarDir],
) -> None:
    cal = write_calendar(settings_with(x="{min_width: 600, max_height: 400}"))
    draw(cal, "images/a.png", (500, 500), "PNG")
    draw(cal, "images/b.png", (800, 400), "PNG")
    cal.posts(post(channels="[x, facebook]", images=pictures("images/a.png", "images/b.png")))
    problems = cal.problems(images=True)
    assert [(p.line, p.column, p.code, p.channel, p.message) for p in problems] == [
        (
            11,
            15,
            "image-dimensions",
            "x",
            "images/a.png: 500×500 is 500 px high; X accepts at most 400 px",
        ),
        (
            11,
            15,
            "image-dimensions",
            "x",
            "images/a.png: 500×500 is 500 px wide; X needs at least 600 px",
        ),
    ]


def test_image_dimensions_one_sided_aspect(write_calendar: Callable[..., CalendarDir]) -> None:
    cal = write_calendar(settings_with(facebook="{min_aspect: 1.0}", x="{max_aspect: 1.5}"))
    draw(cal, "portrait.jpg", (1080, 1350))
    draw(cal, "panorama.jpg", (3000, 1000))
    cal.posts(post(channels="[facebook, x]", images=pictures("portrait.jpg", "panorama.jpg")))
    problems = cal.problems(images=True)
    assert [(p.line, p.channel, p.message) for p in problems] == [
        (11, "facebook", "portrait.jpg: 1080×1350 is 0.8:1; Facebook accepts 1:1 or wider"),
        (13, "x", "panorama.jpg: 3000×1000 is 3:1; X accepts up to 1.5:1"),
    ]


@pytest.mark.parametrize(
    ("size", "text"),
    [
        (None, "-"),
        (0, "0 B"),
        (999, "999 B"),
        (1000, "1 kB"),
        (23_349, "23.3 kB"),
        (999_949, "999.9 kB"),
        (999_950, "1 MB"),
        (8_000_000, "8 MB"),
        (16_777_216, "16.8 MB"),
        (2_500_000_000, "2.5 GB"),
    ],
)
def test_human_bytes(size: int | None, text: str) -> None:
    assert human_bytes(size) == text


def test_exif_orientation_is_applied(cal: CalendarDir) -> None:
    exif = Image.Exif()
    exif[0x0112] = 6  # stored landscape, shown turned a quarter: portrait
    Image.new("RGB", (1500, 1080)).save(cal.root / "tourne.jpg", exif=exif)
    Image.new("RGB", (1350, 1080)).save(cal.root / "ok.jpg", exif=exif)
    cal.posts(post(channels="[instagram]", images=pictures("tourne.jpg", "ok.jpg")))
    problems = cal.problems(images=True)
    assert [(p.line, p.code, p.message) for p in problems] == [
        (
            11,
            "image-dimensions",
            "tourne.jpg: 1080×1500 is 0.72:1; Instagram accepts 0.8:1 to 1.91:1",
        )
    ]


# -- image-format ----------------------------------------------------------------


def test_image_format_is_judged_by_content(cal: CalendarDir) -> None:
    draw(cal, "images/logo.png", (1080, 1080), "PNG")
    draw(cal, "images/faux.jpg", (1080, 1080), "PNG")  # a PNG named .jpg
    draw(cal, "images/vraie.png", (1080, 1080), "JPEG")  # a JPEG named .png
    draw(cal, "images/anime.webp", (1080, 1080), "WEBP")
    cal.posts(
        post(
            channels="[facebook, instagram, linkedin]",
            images=pictures(
                "images/logo.png", "images/faux.jpg", "images/vraie.png", "images/anime.webp"
            ),
        )
    )
    problems = cal.problems(images=True)
    assert [(p.line, p.column, p.code, p.channel) for p in problems] == [
        (11, 15, "image-format", "instagram"),
        (13, 15, "image-format", "instagram"),
        (17, 15, "image-format", "facebook"),
        (17, 15, "image-format", "instagram"),
        (17, 15, "image-format", "linkedin"),
    ]
    assert [p.message for p in problems] == [
        "images/logo.png is in PNG format; Instagram accepts JPEG only",
        "images/faux.jpg is in PNG format (whatever its .jpg name says); Instagram accepts "
        "JPEG only",
        "images/anime.webp is in WEBP format; Facebook accepts JPEG, BMP, PNG, GIF or TIFF",
        "images/anime.webp is in WEBP format; Instagram accepts JPEG only",
        "images/anime.webp is in WEBP format; LinkedIn accepts JPEG, PNG or GIF",
    ]


def test_mpo_is_judged_as_jpeg(cal: CalendarDir) -> None:
    first, second = Image.new("RGB", (1080, 1080)), Image.new("RGB", (1080, 1080), "white")
    first.save(cal.root / "stereo.jpg", "MPO", save_all=True, append_images=[second])
    reader = ImageReader(cal.root)
    assert reader.read("stereo.jpg").format == "MPO"
    cal.posts(post(channels="[instagram, facebook]", images=pictures("stereo.jpg")))
    assert found(cal, images=True) == []


def test_heif_is_read_from_its_header(cal: CalendarDir, no_decoding: None) -> None:
    (cal.root / "iphone.heic").write_bytes(heif(4032, 3024, turns=1))  # shown portrait
    (cal.root / "paysage.heic").write_bytes(heif(4032, 3024))
    info = ImageReader(cal.root).read("iphone.heic")
    assert (info.code, info.format, info.width, info.height) == (None, "HEIF", 3024, 4032)
    cal.posts(post(channels="[mastodon, instagram]", images=pictures("paysage.heic")))
    problems = cal.problems(images=True)
    assert [(p.line, p.code, p.channel, p.message) for p in problems] == [
        (
            11,
            "image-format",
            "instagram",
            "paysage.heic is in HEIF format; Instagram accepts JPEG only",
        )
    ]


# -- image-too-large --------------------------------------------------------------


def test_image_too_large_builtin_limit(cal: CalendarDir) -> None:
    noise = Image.frombytes("RGB", (1000, 1000), os.urandom(3_000_000))
    path = cal.root / "images" / "bruit.png"
    path.parent.mkdir()
    noise.save(path, "PNG")  # random bytes do not compress: about 3 MB
    size = path.stat().st_size
    assert 2_000_000 < size < 5_000_000
    cal.posts(post(channels="[bluesky, linkedin, facebook]", images=pictures("images/bruit.png")))
    problems = cal.problems(images=True)
    assert [(p.line, p.column, p.code, p.channel, p.message) for p in problems] == [
        (
            11,
            15,
            "image-too-large",
            "bluesky",
            f"images/bruit.png is {size / 1e6:.1f}".removesuffix(".0") + f" MB ({size:,} bytes); "
            "Bluesky accepts at most 2 MB (2,000,000 bytes)",
        )
    ]


def test_image_too_large_limit_from_settings(write_calendar: Callable[..., CalendarDir]) -> None:
    cal = write_calendar(settings_with(mastodon="{max_image_bytes: 1000}"))
    size = draw(cal, "a.jpg", (1080, 1080)).stat().st_size
    cal.posts(post(channels="[mastodon]", images=pictures("a.jpg")))
    problems = cal.problems(images=True)
    assert [(p.code, p.channel, p.message) for p in problems] == [
        (
            "image-too-large",
            "mastodon",
            f"a.jpg is {size / 1e3:.1f}".removesuffix(".0")
            + f" kB ({size:,} bytes); Mastodon accepts at most 1 kB (1,000 bytes)",
        )
    ]


# -- image-not-found ----------------------------------------------------------------


def _case_insensitive(folder: Path) -> bool:
    probe = folder / "casse.tmp"
    probe.write_text("x", encoding="utf-8")
    try:
        return (folder / "CASSE.TMP").exists()
    finally:
        probe.unlink()


def test_image_not_found(cal: CalendarDir) -> None:
    draw(cal, "images/vitrine.jpg", (1080, 1080))
    if _case_insensitive(cal.root):
        pytest.skip("the file system ignores case")
    cal.posts(
        post(
            channels="[facebook, instagram]",
            images=pictures(
                "images/absente.jpg", "images/Vitrine.jpg", "images/vitirne.jpg", "photos/a.jpg"
            ),
        )
    )
    problems = cal.problems(images=True)
    assert [(p.line, p.column, p.code, p.severity, p.post, p.channel) for p in problems] == [
        P(line_of(i), PATH_COL, "image-not-found") for i in range(4)
    ]
    assert [p.message for p in problems] == [
        "images/absente.jpg does not exist",
        "images/Vitrine.jpg does not exist (the file is named vitrine.jpg: names are "
        "case-sensitive)",
        "images/vitirne.jpg does not exist (did you mean vitrine.jpg?)",
        "photos/a.jpg does not exist (there is no folder photos/ in the calendar root)",
    ]


def test_image_positions_in_flow_style_and_in_defaults(cal: CalendarDir) -> None:
    cal.posts(post(images="[{path: images/nope.jpg, alt: x}]"))
    assert found(cal, images=True) == [P(10, 21, "image-not-found")]
    cal.write(
        "posts.yaml",
        """\
        defaults:
          images:
            - path: images/commune.jpg
              alt: Une photo
        posts:
          - id: un
            title: Un
          - id: deux
            title: Deux
        """,
    )
    assert found(cal, images=True) == [
        P(3, 13, "image-not-found", post="deux"),
        P(3, 13, "image-not-found", post="un"),
    ]


# -- path-outside-root ---------------------------------------------------------------


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A real, fitting JPEG beside the calendar root (never to be opened)."""
    path = tmp_path / "secret.jpg"
    Image.new("RGB", (1080, 1080)).save(path)
    return path


@pytest.fixture
def watch_outside(monkeypatch: pytest.MonkeyPatch, outside: Path) -> list[str]:
    """Record every open() or stat() of the outside file (links are followed by stat)."""
    touched: list[str] = []
    real_open, real_stat = open, os.stat
    target = os.path.realpath(outside)

    def spy_open(file: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(file, str | os.PathLike) and os.path.realpath(file) == target:
            touched.append(f"open {file}")
        return real_open(file, *args, **kwargs)

    def spy_stat(path: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(path, str | os.PathLike) and os.path.realpath(path) == target:
            touched.append(f"stat {path}")
        return real_stat(path, *args, **kwargs)

    monkeypatch.setattr("builtins.open", spy_open)
    monkeypatch.setattr(os, "stat", spy_stat)
    return touched


def test_path_outside_root(
    cal: CalendarDir, outside: Path, watch_outside: list[str], count_opens: list[Any]
) -> None:
    (cal.root / "images").mkdir()
    os.symlink(outside, cal.root / "images" / "lien.jpg")
    os.symlink(outside.parent, cal.root / "dehors")
    draw(cal, "images/dedans.jpg", (1080, 1080))
    os.symlink(cal.root / "images" / "dedans.jpg", cal.root / "images" / "raccourci.jpg")
    cal.posts(
        post(
            channels="[facebook, instagram]",
            images=pictures(
                str(outside),
                "../secret.jpg",
                "images/../../secret.jpg",
                "images/lien.jpg",
                "dehors/secret.jpg",
                "images/raccourci.jpg",  # a link that stays inside: fine
                "images/../images/dedans.jpg",  # '..' that stays inside: fine
            ),
        )
    )
    problems = cal.problems(images=True)
    assert [(p.line, p.column, p.code, p.severity, p.post, p.channel) for p in problems] == [
        P(line_of(i), PATH_COL, "path-outside-root") for i in range(5)
    ]
    real = os.path.realpath(outside)
    assert [p.message for p in problems] == [
        f"{outside} is an absolute path; attachment paths are relative to the calendar root "
        "(like images/photo.jpg)",
        "../secret.jpg climbs out of the calendar root with '..'",
        "images/../../secret.jpg climbs out of the calendar root with '..'",
        f"images/lien.jpg leads through a symbolic link to {real}, outside the calendar root",
        f"dehors/secret.jpg leads through a symbolic link to {real}, outside the calendar root",
    ]
    assert watch_outside == []  # never opened, never stat'ed through a link
    assert len(count_opens) == 1  # images/dedans.jpg, once for its three spellings


def test_windows_absolute_paths_are_outside(cal: CalendarDir) -> None:
    cal.posts(post(images=pictures("C:/photos/a.jpg", "'\\\\serveur\\partage\\a.jpg'")))
    assert found(cal, images=True) == [
        P(line_of(0), PATH_COL, "path-outside-root"),
        P(line_of(1), PATH_COL, "path-outside-root"),
    ]


# -- image-unreadable ----------------------------------------------------------------


def _truncated_jpeg(root: Path) -> bytes:
    buffer = io.BytesIO()
    Image.effect_noise((1080, 1080), 60).convert("RGB").save(buffer, "JPEG")
    data = buffer.getvalue()
    return data[: len(data) // 2]


def test_image_unreadable(cal: CalendarDir, no_decoding: None) -> None:
    folder = cal.root / "images"
    folder.mkdir()
    (folder / "notes.jpg").write_text("Liste des photos à prendre\n", encoding="utf-8")
    (folder / "coupee.jpg").write_bytes(_truncated_jpeg(cal.root))
    (folder / "bombe.png").write_bytes(png_claiming(60_000, 60_000))
    cal.posts(
        post(
            channels="[facebook, instagram]",
            images=pictures("images/notes.jpg", "images/coupee.jpg", "images/bombe.png"),
        )
    )
    began = time.perf_counter()
    problems = cal.problems(images=True)
    assert time.perf_counter() - began < 2  # headers only: nothing is decoded
    assert [(p.line, p.column, p.code, p.severity, p.post, p.channel) for p in problems] == [
        P(line_of(i), PATH_COL, "image-unreadable") for i in range(3)
    ]
    assert [p.message for p in problems] == [
        "images/notes.jpg is a text file, not an image",
        "images/coupee.jpg is truncated: the JPEG data stops before its end-of-image marker",
        "images/bombe.png claims 3,600,000,000 pixels, over the 89,478,485 gc-cli reads: "
        "a decompression bomb or a corrupt header (refused without decoding it)",
    ]


def _crc_broken(data: bytes) -> bytes:
    idat = data.index(b"IDAT")
    return data[: idat + 6] + bytes([data[idat + 6] ^ 0xFF]) + data[idat + 7 :]


def _saved(size: tuple[int, int], fmt: str, **kw: Any) -> bytes:
    buffer = io.BytesIO()
    Image.effect_noise(size, 40).convert("RGB").save(buffer, fmt, **kw)
    return buffer.getvalue()


UNREADABLE = [
    pytest.param(b"", "is empty (0 bytes)", id="empty"),
    pytest.param(b"\x00\x01\x02binary junk\xff" * 10, "is not an image in a format gc-cli reads",
                 id="junk"),
    pytest.param(b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>',
                 "is an SVG drawing, not a bitmap image: export it as PNG or JPEG", id="svg"),
    pytest.param(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "is a PDF document, not an image", id="pdf"),
    pytest.param(b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 16,
                 "is a video (MP4 or QuickTime), not a picture", id="mp4"),
    pytest.param(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "is damaged: its header cannot be read",
                 id="jpeg-header-cut"),
    pytest.param(b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "is damaged: it starts like a PNG file but "
                 "its header cannot be read", id="png-without-header"),
    pytest.param(png_claiming(10_000, 10_000), "claims 100,000,000 pixels, over the 89,478,485 "
                 "gc-cli reads: a decompression bomb or a corrupt header (refused without "
                 "decoding it)", id="bomb-under-pillow-error-threshold"),
    pytest.param(_saved((300, 200), "PNG")[:-30],
                 "is truncated: the PNG ends inside its IDAT chunk", id="png-cut"),
    pytest.param(_crc_broken(_saved((300, 200), "PNG")),
                 "is corrupt: the checksum of its IDAT chunk is wrong", id="png-bad-crc"),
    pytest.param(_saved((300, 200), "GIF")[:-40], "is truncated: the GIF has no trailer",
                 id="gif-cut"),
    pytest.param(_saved((300, 200), "TIFF")[:4000], "is truncated: its image data runs to byte "
                 "180,", id="tiff-cut"),
    pytest.param(_saved((300, 200), "BMP")[:4000],
                 "is truncated: the BMP is shorter than its header says", id="bmp-cut"),
    pytest.param(_saved((300, 200), "WEBP")[:-100], "is truncated: ", id="webp-cut"),
    pytest.param(heif(4032, 3024)[:-10],
                 "is truncated: a box runs past the end of the ", id="heif-cut"),
]  # fmt: skip


@pytest.mark.parametrize(("content", "reason"), UNREADABLE)
def test_unreadable_reasons(tmp_path: Path, content: bytes, reason: str) -> None:
    (tmp_path / "f.jpg").write_bytes(content)
    info = ImageReader(tmp_path).read("f.jpg")
    assert info.code == "image-unreadable"
    assert info.reason.startswith(reason), info.reason
    assert info.size == len(content)


def test_folders_and_special_files_are_unreadable(tmp_path: Path) -> None:
    (tmp_path / "images").mkdir()
    reader = ImageReader(tmp_path)
    assert reader.read("images").reason == "is a folder, not an image file"
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "tube.jpg")  # opening it would block forever
        assert reader.read("tube.jpg").reason == "is a named pipe (FIFO), not a regular file"


@pytest.mark.parametrize(
    ("fmt", "suffix", "kw"),
    [
        ("JPEG", "jpg", {}),
        ("JPEG", "jpg", {"progressive": True}),
        ("PNG", "png", {}),
        ("GIF", "gif", {}),
        ("WEBP", "webp", {}),
        ("TIFF", "tiff", {}),
        ("TIFF", "tiff", {"compression": "tiff_lzw"}),
        ("BMP", "bmp", {}),
    ],
)
def test_complete_files_of_every_format_read(
    tmp_path: Path, fmt: str, suffix: str, kw: dict[str, Any], no_decoding: None
) -> None:
    (tmp_path / f"a.{suffix}").write_bytes(_saved((640, 480), fmt, **kw))
    info = ImageReader(tmp_path).read(f"a.{suffix}")
    assert (info.code, info.format, info.width, info.height) == (None, fmt, 640, 480)


def test_jpeg_with_data_after_its_end_marker_reads(tmp_path: Path) -> None:
    # Motion photos append a video after the picture's end-of-image marker.
    (tmp_path / "motion.jpg").write_bytes(_saved((640, 480), "JPEG") + os.urandom(200_000))
    assert ImageReader(tmp_path).read("motion.jpg").readable


# -- read once ---------------------------------------------------------------------


def test_an_image_shared_by_fifty_posts_is_opened_once(
    cal: CalendarDir, count_opens: list[Any]
) -> None:
    draw(cal, "images/partagee.jpg", (1080, 1500))
    body = "".join(
        post(f"p{n}", channels="[instagram, facebook]", images=pictures("images/partagee.jpg"))
        for n in range(50)
    )
    cal.posts(body)
    problems = [p for p in cal.problems(images=True) if p.code.startswith("image-")]
    assert len(problems) == 50
    assert {(p.code, p.channel) for p in problems} == {("image-dimensions", "instagram")}
    assert len(count_opens) == 1
    count_opens.clear()
    calendar = load_calendar(cal.root, cal.root.parent)
    reader = ImageReader(cal.root)
    listed = inventory(calendar, reader=reader)
    assert (len(count_opens), reader.opened) == (1, 1)
    assert [len(a.uses) for a in listed.attachments] == [50]


def test_pillow_is_imported_only_to_read_images(tmp_path: Path) -> None:
    import subprocess

    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from gc_cli.rules.check import run_check\n"
        "import gc_cli.cli, gc_cli.images, gc_cli.render.images, gc_cli.rules.images\n"
        "run_check(Path(sys.argv[1]), None, images=False)\n"
        "print('PIL' in sys.modules, 'rich' in sys.modules)\n"
    )
    sample = Path(__file__).resolve().parent.parent / "calendars"
    done = subprocess.run(
        [sys.executable, "-c", code, str(sample)], capture_output=True, text=True, check=True
    )
    assert done.stdout.split() == ["False", "False"]


# -- fit() on its own --------------------------------------------------------------


def test_fit_ignores_unreadable_images() -> None:
    from gc_cli.store.channels import BUILTIN_PROFILES

    missing = ImageInfo("a.jpg", "/r/a.jpg", "image-not-found", "does not exist")
    assert fit(missing, BUILTIN_PROFILES["instagram"]) == []


# -- the inventory ------------------------------------------------------------------


@pytest.fixture
def stocked(cal: CalendarDir) -> CalendarDir:
    """Two posts sharing a photo, one unfit for Instagram, one missing; orphans."""
    draw(cal, "images/vitrine.jpg", (1080, 1350))
    draw(cal, "images/logo.jpg", (1200, 630), "PNG")  # a PNG named .jpg
    draw(cal, "images/ancienne.jpg", (800, 600))  # used by no post
    draw(cal, "images/annulee.jpg", (800, 600))  # used only by a cancelled post
    draw(cal, "images/sans-extension", (300, 300), "PNG")  # an image by content
    (cal.root / "images" / "LISEZMOI.md").write_text("Photos du café\n", encoding="utf-8")
    draw(cal, ".cache/vignette.jpg", (10, 10))  # hidden folder: skipped
    cal.posts(
        post(
            "vitrine",
            channels="[facebook, instagram]",
            images=pictures("images/vitrine.jpg", "images/logo.jpg"),
        )
        + post(
            "rappel",
            channels="[facebook, unknown]",
            publish_at="2026-12-03 09:00",
            images=pictures("images/./vitrine.jpg", "images/absente.jpg"),
        )
        + post("ancien", status="cancelled", images=pictures("images/annulee.jpg"))
    )
    return cal


def _inventory(cal: CalendarDir, now: str | datetime = NOW) -> Any:
    calendar = load_calendar(cal.root, cal.root.parent)
    assert calendar.zone is not None
    moment = parsed(now) if isinstance(now, str) else now
    assert isinstance(moment, datetime)
    return inventory(calendar, now=to_aware(moment, calendar.zone))


def test_inventory(stocked: CalendarDir) -> None:
    listed = _inventory(stocked)
    assert [a.image.path for a in listed.attachments] == [
        "images/absente.jpg",
        "images/logo.jpg",
        "images/vitrine.jpg",
    ]
    absent, logo, vitrine = listed.attachments
    assert (absent.image.code, absent.ok, absent.channels) == (
        "image-not-found",
        False,
        ["facebook"],
    )
    assert [(u.post, u.line, u.column) for u in absent.uses] == [("rappel", 26, 15)]
    assert (logo.image.format, logo.image.width, logo.image.height) == ("PNG", 1200, 630)
    assert {c: [m.code for m in ms] for c, ms in logo.verdicts().items()} == {
        "facebook": [],
        "instagram": ["image-format"],
    }
    assert vitrine.ok and vitrine.posts == ["vitrine", "rappel"]
    assert [(u.post, u.file, u.line, u.column) for u in vitrine.uses] == [
        ("vitrine", "calendars/posts.yaml", 11, 15),
        ("rappel", "calendars/posts.yaml", 24, 15),
    ]
    assert vitrine.channels == ["facebook", "instagram"]
    assert str(vitrine.next_use) == "2026-12-01 09:00:00-05:00"
    assert [o.path for o in listed.orphans] == ["images/ancienne.jpg", "images/sans-extension"]
    assert (listed.errors, listed.ok) == (2, False)


def test_inventory_next_use_looks_ahead_of_now(stocked: CalendarDir) -> None:
    listed = _inventory(stocked, now=parsed("2026-12-02T00:00"))
    assert [str(a.next_use) for a in listed.attachments] == [
        "2026-12-03 09:00:00-05:00",
        "None",
        "2026-12-03 09:00:00-05:00",
    ]


def test_inventory_json_shape(stocked: CalendarDir) -> None:
    document = to_json(_inventory(stocked))
    assert list(document) == ["ok", "errors", "skipped_posts", "settings_ok", "images", "orphans"]
    assert (document["ok"], document["errors"], document["skipped_posts"]) == (False, 2, 0)
    assert document["images"][0] == {
        "path": "images/absente.jpg",
        "ok": False,
        "status": "image-not-found",
        "message": "images/absente.jpg does not exist",
        "format": None,
        "width": None,
        "height": None,
        "bytes": None,
        "next_use": "2026-12-03T09:00-05:00",
        "posts": [
            {
                "id": "rappel",
                "file": "calendars/posts.yaml",
                "line": 26,
                "column": 15,
                "alt": "Photo 1",
            }
        ],
        "channels": {
            "facebook": {
                "ok": False,
                "problems": [
                    {"code": "image-not-found", "message": "images/absente.jpg does not exist"}
                ],
            }
        },
    }
    logo = document["images"][1]
    assert (logo["format"], logo["width"], logo["height"], logo["ok"]) == ("PNG", 1200, 630, False)
    assert logo["bytes"] == (stocked.root / "images" / "logo.jpg").stat().st_size
    assert logo["channels"] == {
        "facebook": {"ok": True, "problems": []},
        "instagram": {
            "ok": False,
            "problems": [
                {
                    "code": "image-format",
                    "message": "images/logo.jpg is in PNG format (whatever its .jpg name "
                    "says); Instagram accepts JPEG only",
                }
            ],
        },
    }
    assert document["images"][2]["posts"] == [
        {"id": "vitrine", "file": "calendars/posts.yaml", "line": 11, "column": 15,
         "alt": "Photo 0"},
        {"id": "rappel", "file": "calendars/posts.yaml", "line": 24, "column": 15,
         "alt": "Photo 0"},
    ]  # fmt: skip
    assert document["orphans"][1] == {
        "path": "images/sans-extension",
        "status": "ok",
        "message": None,
        "format": "PNG",
        "width": 300,
        "height": 300,
        "bytes": (stocked.root / "images" / "sans-extension").stat().st_size,
    }


def test_json_rendering_parses_back(stocked: CalendarDir) -> None:
    import json

    listed = _inventory(stocked)
    out = io.StringIO()
    render(listed, Output(out, format="json"))
    assert json.loads(out.getvalue()) == to_json(listed)
    assert out.getvalue().endswith("}\n")


def test_plain_text_rendering(stocked: CalendarDir) -> None:
    out = io.StringIO()
    render(_inventory(stocked), Output(out))  # not a terminal: plain text
    logo_size = (stocked.root / "images" / "logo.jpg").stat().st_size
    vitrine_size = (stocked.root / "images" / "vitrine.jpg").stat().st_size
    ancienne = (stocked.root / "images" / "ancienne.jpg").stat().st_size
    sans = (stocked.root / "images" / "sans-extension").stat().st_size

    def kb(size: int) -> str:
        return f"{size / 1000:.1f}".removesuffix(".0") + " kB" if size >= 1000 else f"{size} B"

    assert out.getvalue() == (
        "images/absente.jpg  not read  posts: rappel  next: 2026-12-03 09:00\n"
        "  error: image-not-found: images/absente.jpg does not exist\n"
        f"images/logo.jpg  PNG 1200×630  {kb(logo_size)}  posts: vitrine  next: 2026-12-01 09:00\n"
        "  fits: facebook\n"
        "  error: instagram: image-format: images/logo.jpg is in PNG format (whatever its .jpg "
        "name says); Instagram accepts JPEG only\n"
        f"images/vitrine.jpg  JPEG 1080×1350  {kb(vitrine_size)}  posts: vitrine, rappel  "
        "next: 2026-12-01 09:00\n"
        "  fits: facebook, instagram\n"
        "\n"
        "Not used by any post:\n"
        f"  images/ancienne.jpg  JPEG 800×600  {kb(ancienne)}\n"
        f"  images/sans-extension  PNG 300×300  {kb(sans)}\n"
        "\n"
        "3 images, 2 with errors, 2 orphans.\n"
    )


def test_rich_table_rendering(stocked: CalendarDir) -> None:
    out = io.StringIO()
    render_rich(_inventory(stocked), out, width=140)
    text = out.getvalue()
    vitrine_size = (stocked.root / "images" / "vitrine.jpg").stat().st_size
    header = text.splitlines()[0]
    assert [cell.strip() for cell in header.split("┃")] == [
        "image", "format", "pixels", "size", "posts", "next use", "channels", "alt",
    ]  # fmt: skip
    rows = {line.split()[0]: line for line in text.splitlines() if line.startswith("images/")}
    assert rows["images/logo.jpg"].split("│")[-2].split() == ["✓Facebook", "✗Instagram"]
    assert [cell.strip() for cell in rows["images/vitrine.jpg"].split("│")] == [
        "images/vitrine.jpg", "JPEG", "1080×1350", human_bytes(vitrine_size), "2",
        "2026-12-01 09:00", "✓Facebook  ✓Instagram", "✓",
    ]  # fmt: skip
    assert "\x1b[" not in text  # not a terminal: no escape codes
    assert (
        "✗ Instagram: images/logo.jpg is in PNG format (whatever its .jpg name says); "
        "Instagram accepts JPEG only [image-format]"
    ) in text
    assert "✗ images/absente.jpg does not exist [image-not-found]" in text
    assert "Not used by any post:" in text
    assert text.rstrip().endswith("✗ 3 images, 2 with errors, 2 orphans.")


def test_empty_inventory(cal: CalendarDir) -> None:
    cal.posts(post())
    listed = _inventory(cal)
    assert (listed.attachments, listed.orphans, listed.ok) == ([], [], True)
    out = io.StringIO()
    render_text(listed, out)
    assert out.getvalue() == "0 images, 0 with errors, 0 orphans.\n"


def test_inventory_notes_unreadable_posts(cal: CalendarDir) -> None:
    draw(cal, "images/a.jpg", (1080, 1080))
    cal.posts(post(images=pictures("images/a.jpg"), titre="faute de frappe"))
    listed = _inventory(cal)
    assert (listed.skipped_posts, [o.path for o in listed.orphans]) == (1, ["images/a.jpg"])
    out = io.StringIO()
    render_text(listed, out)
    assert (
        "note: 1 post could not be read (gc-cli check says why); their images are not listed "
        "and may appear as orphans.\n"
    ) in out.getvalue()
    assert to_json(listed)["skipped_posts"] == 1


def test_orphan_links_leading_out_are_not_opened(
    cal: CalendarDir, outside: Path, watch_outside: list[str]
) -> None:
    os.symlink(outside, cal.root / "lien.jpg")
    os.symlink(outside, cal.root / "lien-sans-extension")
    cal.posts(post())
    listed = _inventory(cal)
    assert [(o.path, o.code) for o in listed.orphans] == [("lien.jpg", "path-outside-root")]
    assert watch_outside == []


# -- progress --------------------------------------------------------------------


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _drive(bar: ProgressBar, total: int) -> Iterator[None]:
    for done in range(1, total + 1):
        bar(done, total)
        yield None


def test_progress_bar_only_on_a_terminal_and_for_long_work() -> None:
    piped = io.StringIO()
    bar = ProgressBar(piped, minimum=1)
    list(_drive(bar, 5))
    bar.close()
    assert piped.getvalue() == ""

    short = _Terminal()
    bar = ProgressBar(short, minimum=10)
    list(_drive(bar, 5))
    bar.close()
    assert short.getvalue() == ""

    long = _Terminal()
    bar = ProgressBar(long, minimum=10)
    list(_drive(bar, 20))
    bar.close()
    assert "reading images" in long.getvalue()
