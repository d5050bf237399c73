"""Image attachments an attacker with commit rights could add to a calendar.

Each case is a real file in ``tmp_path``: pictures made with Pillow, EPS and
other documents written byte by byte, FIFOs made with ``os.mkfifo``, and
files of gigabytes made sparse (a real header, then ``truncate``), so that
they cost no disk and no memory to create. What must hold for every one:

* no external program runs: a fake Ghostscript on ``PATH`` records any call;
* nothing blocks: each test has a timeout;
* work and memory are bounded by what is read, never by what a header claims;
* the answer is a problem at the attachment's ``path:`` line, with the right
  code and exit code, never a traceback.
"""

from __future__ import annotations

import io
import os
import struct
import subprocess
import sys
import tracemalloc
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image, UnidentifiedImageError

from conftest import NOW, CalendarDir, Invoke
from gc_cli import images
from gc_cli.exporters.thumbnails import NoDecoder, Thumbnails, TooManyPixels, _scaled
from gc_cli.images import ImageReader, inventory
from gc_cli.store.loader import load_calendar
from gc_cli.store.safeio import Limits
from test_images import chunk, line_of, pictures, png_claiming
from test_rules import post

MIB = 1 << 20
GIB = 1 << 30

#: An Encapsulated PostScript file: Pillow's EPS plugin renders it with Ghostscript.
EPS = (
    b"%!PS-Adobe-3.0 EPSF-3.0\n"
    b"%%BoundingBox: 0 0 10 10\n"
    b"%%EndComments\n"
    b"newpath 0 0 moveto 10 10 lineto stroke\n"
    b"showpage\n"
    b"%%EOF\n"
)
EPS_REASON = (
    "is an EPS (Encapsulated PostScript) file, not a bitmap image: export it as PNG or JPEG"
)
TANGLED = "is damaged: its structure goes on far beyond any picture's (reading stopped there)"
FIFO_REASON = "is a named pipe (FIFO), not a regular file"

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")


def saved(fmt: str, size: tuple[int, int] = (64, 48), **kw: Any) -> bytes:
    """A real picture of ``size`` pixels in ``fmt``, made with Pillow."""
    buffer = io.BytesIO()
    Image.new("RGB", size, "red").save(buffer, fmt, **kw)
    return buffer.getvalue()


def sparse(path: Path, head: bytes, size: int) -> Path:
    """``head``, then zeros up to ``size`` bytes that take no room on disk."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as stream:
        stream.write(head)
        stream.truncate(size)
    return path


def huge_webp(path: Path, size: int) -> Path:
    """A real WebP whose RIFF header claims ``size`` bytes, extended to them."""
    data = bytearray(saved("WEBP"))
    struct.pack_into("<I", data, 4, size - 8)
    return sparse(path, bytes(data), size)


def huge_idat_png(path: Path, length: int) -> Path:
    """A PNG whose IDAT chunk claims ``length`` bytes, and the file long enough to hold them."""
    data = saved("PNG")
    idat = data.index(b"IDAT") - 4
    head = data[:idat] + struct.pack(">I", length) + b"IDAT"
    return sparse(path, head, len(head) + length + 4)


def jpeg_without_end(path: Path, size: int) -> Path:
    """A real JPEG cut before its end-of-image marker, then zeros up to ``size`` bytes."""
    return sparse(path, saved("JPEG")[:-2], size)


def jpeg_without_scan(path: Path, size: int) -> Path:
    """A JPEG's header up to its frame header, no scan, then zeros up to ``size`` bytes."""
    data = saved("JPEG")
    return sparse(path, data[: data.index(b"\xff\xda")], size)


def cli(gc: Callable[..., Invoke], command: str, root: Path, *args: str) -> Invoke:
    return gc(command, "--calendars", str(root), "--now", NOW, *args)


# -- 1. no external program ---------------------------------------------------


@pytest.fixture
def ghostscript_trap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A fake ``gs`` (and the Windows names Pillow looks for) first on PATH.

    Each records its call in the returned file, which must never exist. Every
    Pillow plugin is registered first (``Image.init()``), as after any code
    opened a file without naming its format, and Pillow's memory of where
    Ghostscript is, is cleared so that it looks on PATH again.
    """
    from PIL import EpsImagePlugin

    Image.init()
    trap = tmp_path / "bin"
    trap.mkdir()
    called = tmp_path / "ghostscript-was-run"
    for name in ("gs", "gsx", "gswin32c", "gswin64c"):
        script = trap / name
        script.write_text(f'#!/bin/sh\necho "$0 $*" >> "{called}"\nexit 1\n', encoding="utf-8")
        script.chmod(0o755)
    monkeypatch.setenv("PATH", f"{trap}{os.pathsep}{os.environ.get('PATH', '')}")
    monkeypatch.setattr(EpsImagePlugin, "gs_binary", None)
    monkeypatch.setattr(EpsImagePlugin, "gs_windows_binary", None)
    yield called


@pytest.fixture
def eps_calendar(cal: CalendarDir) -> CalendarDir:
    """One post whose ``images/photo.jpg`` is an EPS file."""
    (cal.root / "images").mkdir()
    (cal.root / "images" / "photo.jpg").write_bytes(EPS)
    cal.posts(post(channels="[facebook, linkedin]", images=pictures("images/photo.jpg")))
    return cal


@pytest.mark.timeout(60)
def test_an_eps_named_jpg_never_runs_ghostscript(
    eps_calendar: CalendarDir, gc: Callable[..., Invoke], ghostscript_trap: Path
) -> None:
    root = eps_calendar.root
    checked = cli(gc, "check", root, "--format", "json")
    assert checked.exit_code == 1
    assert [
        (p["code"], p["line"], p["channel"], p["message"]) for p in checked.json()["problems"]
    ] == [("image-unreadable", line_of(0), None, f"images/photo.jpg {EPS_REASON}")]
    listed = cli(gc, "images", root, "--format", "json")
    assert listed.exit_code == 1
    assert [(i["status"], i["message"]) for i in listed.json()["images"]] == [
        ("image-unreadable", f"images/photo.jpg {EPS_REASON}")
    ]
    page = cli(gc, "export", root, "--format", "html")
    assert page.exit_code == 0
    assert "Encapsulated PostScript" in page.stdout
    assert "data:image" not in page.stdout
    assert not ghostscript_trap.exists()

    # The trap works: Pillow left to try all its plugins runs the fake gs.
    with pytest.raises(subprocess.CalledProcessError), Image.open(root / "images/photo.jpg") as eps:
        assert eps.format == "EPS"
        eps.load()
    assert ghostscript_trap.read_text(encoding="utf-8").split()[-1] == "--version"


@pytest.mark.timeout(120)
def test_the_html_export_runs_no_ghostscript_as_a_process(
    eps_calendar: CalendarDir, tmp_path: Path
) -> None:
    trap = tmp_path / "bin"
    trap.mkdir()
    called = tmp_path / "ghostscript-was-run"
    for name in ("gs", "gsx"):
        (trap / name).write_text(f'#!/bin/sh\necho "$*" >> "{called}"\nexit 1\n', encoding="utf-8")
        (trap / name).chmod(0o755)
    env = {k: v for k, v in os.environ.items() if not k.startswith("GC_")}
    env["PATH"] = f"{trap}{os.pathsep}{env.get('PATH', '')}"
    out = tmp_path / "page.html"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "gc_cli",
            "export",
            "--format",
            "html",
            "-o",
            str(out),
            "--calendars",
            str(eps_calendar.root),
            "--now",
            NOW,
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=100,
    )
    assert not called.exists()
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert "Encapsulated PostScript" in out.read_text(encoding="utf-8")


def test_pillow_is_only_ever_given_the_formats_gc_cli_reads(
    cal: CalendarDir, monkeypatch: pytest.MonkeyPatch, ghostscript_trap: Path
) -> None:
    folder = cal.root / "images"
    folder.mkdir()
    names = []
    for fmt in ("JPEG", "PNG", "GIF", "BMP", "TIFF", "WEBP"):
        (folder / f"a.{fmt.lower()}").write_bytes(saved(fmt))
        names.append(f"images/a.{fmt.lower()}")
    others = {
        "photo.jpg": EPS,
        "doc.jpg": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n",
        "icone.png": saved("ICO"),
        "calque.jpg": b"8BPS\x00\x01" + b"\x00" * 40,
        "tiret.jpg": b"P6\n64 48\n255\n" + b"\x00" * (64 * 48 * 3),  # a PPM, which Pillow reads
    }
    for name, content in others.items():
        (folder / name).write_bytes(content)
        names.append(f"images/{name}")
    cal.posts(post(channels="[mastodon]", images=pictures(*names)))
    calls: list[Any] = []
    real_open = Image.open

    def spy(fp: Any, mode: str = "r", formats: Any = None) -> Any:
        calls.append(formats)
        return real_open(fp, mode, formats)

    monkeypatch.setattr(Image, "open", spy)
    problems = [p for p in cal.problems(images=True) if p.code == "image-unreadable"]
    thumbnails = Thumbnails(cal.root)
    shown = [thumbnails.of(name) for name in names]

    assert None not in calls
    assert {f for formats in calls for f in formats} <= images.READ_FORMATS
    assert [p.line for p in problems] == [line_of(i) for i in range(6, 11)]
    assert [t.src is not None for t in shown] == [True] * 6 + [False] * 5
    assert not ghostscript_trap.exists()


OTHER_FILES = [
    pytest.param(EPS, EPS_REASON, id="eps"),
    pytest.param(b"\xc5\xd0\xd3\xc6" + b"\x00" * 28, EPS_REASON, id="eps-with-preview"),
    pytest.param(b"%!PS-Adobe-3.0\n%%Pages: 1\nshowpage\n",
                 "is a PostScript document, not an image", id="postscript"),
    pytest.param(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "is a PDF document, not an image", id="pdf"),
    pytest.param(saved("ICO"), "is in Windows icon (ICO) format, which gc-cli does not read: "
                 "export it as JPEG or PNG", id="ico"),
    pytest.param(b"8BPS\x00\x01" + b"\x00" * 40, "is in Photoshop (PSD) format, which gc-cli "
                 "does not read: export it as JPEG or PNG", id="psd"),
    pytest.param(saved("JPEG2000"), "is in JPEG 2000 format, which gc-cli does not read: "
                 "export it as JPEG or PNG", id="jpeg-2000"),
    pytest.param(b"P6\n64 48\n255\n" + b"\x00" * 9216,
                 "is not an image in a format gc-cli reads", id="ppm"),
    pytest.param(b"BMW et Audi : liste des photos\n", "is a text file, not an image",
                 id="text-starting-like-a-bmp"),
]  # fmt: skip


@pytest.mark.parametrize(("content", "reason"), OTHER_FILES)
def test_files_in_other_formats_are_named_and_never_opened(
    tmp_path: Path, content: bytes, reason: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "f.jpg").write_bytes(content)
    opened: list[Any] = []
    monkeypatch.setattr(Image, "open", lambda *a, **k: opened.append(a))
    info = ImageReader(tmp_path).read("f.jpg")
    assert (info.code, info.reason) == ("image-unreadable", reason)
    assert opened == [] or reason.startswith("is a text file")


def test_thumbnails_decode_only_their_format_within_the_pixel_limit(
    monkeypatch: pytest.MonkeyPatch, ghostscript_trap: Path
) -> None:
    with pytest.raises(NoDecoder):
        _scaled(EPS, "EPS", 320)
    with pytest.raises(UnidentifiedImageError):  # the JPEG plugin alone: no EPS
        _scaled(EPS, "JPEG", 320)
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", None)  # Pillow's own check lifted
    with pytest.raises(TooManyPixels):
        _scaled(png_claiming(10_000, 10_000), "PNG", 320)
    assert not ghostscript_trap.exists()


# -- 2. nothing blocks ------------------------------------------------------------


@needs_fifo
@pytest.mark.timeout(30)
def test_fifos_among_the_images_block_nothing(cal: CalendarDir, gc: Callable[..., Invoke]) -> None:
    folder = cal.root / "images"
    folder.mkdir()
    (folder / "bonne.jpg").write_bytes(saved("JPEG", (1080, 1080)))
    os.mkfifo(folder / "notes.txt")  # sniffed by the unused-images scan
    os.mkfifo(folder / "orpheline.jpg")  # an unused image
    os.mkfifo(folder / "tube.jpg")  # an attachment
    cal.posts(post(channels="[facebook]", images=pictures("images/bonne.jpg", "images/tube.jpg")))

    checked = cli(gc, "check", cal.root, "--format", "json")
    assert checked.exit_code == 1
    assert [(p["code"], p["line"], p["message"]) for p in checked.json()["problems"]] == [
        ("image-unreadable", line_of(1), f"images/tube.jpg {FIFO_REASON}")
    ]
    listed = cli(gc, "images", cal.root, "--format", "json")
    assert listed.exit_code == 1
    document = listed.json()
    assert [(i["path"], i["status"]) for i in document["images"]] == [
        ("images/bonne.jpg", "ok"),
        ("images/tube.jpg", "image-unreadable"),
    ]
    assert [(o["path"], o["status"], o["message"]) for o in document["orphans"]] == [
        ("images/orpheline.jpg", "image-unreadable", f"images/orpheline.jpg {FIFO_REASON}")
    ]
    page = cli(gc, "export", cal.root, "--format", "html")
    assert page.exit_code == 0
    assert "named pipe" in page.stdout


@needs_fifo
@pytest.mark.timeout(30)
def test_a_link_to_a_fifo_or_a_device_is_not_opened(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "tube")
    (tmp_path / "tube.jpg").symlink_to(tmp_path / "tube")
    reader = ImageReader(tmp_path)
    assert reader.read("tube.jpg").reason == FIFO_REASON
    assert reader.opened == 0
    if os.path.exists("/dev/zero"):  # a read would never end
        devices = ImageReader(Path("/dev"))
        assert devices.read("zero").reason == "is a device, not a regular file"
        assert devices.opened == 0


# -- 3. the image cap -------------------------------------------------------------


@pytest.fixture
def huge(cal: CalendarDir) -> CalendarDir:
    """Three sparse attachments of gigabytes, each with a real header."""
    huge_webp(cal.root / "images" / "grand.webp", 3 * GIB)
    huge_idat_png(cal.root / "images" / "idat.png", 2 * GIB)
    jpeg_without_end(cal.root / "images" / "sans-fin.jpg", 4 * GIB)
    cal.posts(
        post(
            channels="[facebook, mastodon]",
            images=pictures("images/grand.webp", "images/idat.png", "images/sans-fin.jpg"),
        )
    )
    return cal


@pytest.mark.timeout(30)
def test_an_image_over_the_cap_is_refused_without_being_read(
    huge: CalendarDir, gc: Callable[..., Invoke]
) -> None:
    checked = cli(gc, "check", huge.root, "--format", "json")
    assert checked.exit_code == 1
    assert [
        (p["code"], p["line"], p["channel"], p["message"]) for p in checked.json()["problems"]
    ] == [
        (
            "image-too-large",
            line_of(0),
            None,
            "images/grand.webp is 3.0 GiB, over the cap of 64.0 MiB "
            "(raise it in settings.yaml, limits:)",
        ),
        (
            "image-too-large",
            line_of(1),
            None,
            "images/idat.png is 2.0 GiB, over the cap of 64.0 MiB "
            "(raise it in settings.yaml, limits:)",
        ),
        (
            "image-too-large",
            line_of(2),
            None,
            "images/sans-fin.jpg is 4.0 GiB, over the cap of 64.0 MiB "
            "(raise it in settings.yaml, limits:)",
        ),
    ]
    listed = cli(gc, "images", huge.root, "--format", "json")
    assert listed.exit_code == 1
    assert [(i["status"], i["bytes"], i["format"]) for i in listed.json()["images"]] == [
        ("image-too-large", 3 * GIB, None),
        ("image-too-large", (huge.root / "images/idat.png").stat().st_size, None),
        ("image-too-large", 4 * GIB, None),
    ]
    reader = ImageReader(huge.root)
    assert reader.read("images/grand.webp").code == "image-too-large"
    assert reader.opened == 0


@pytest.mark.timeout(60)
def test_a_raised_cap_still_reads_headers_in_bounded_memory(huge: CalendarDir) -> None:
    calendar = load_calendar(huge.root, huge.root.parent)
    calendar.limits = Limits(image_bytes=8 * GIB)
    tracemalloc.start()
    try:
        listed = inventory(calendar)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 16 * MIB
    found = {a.image.path: a for a in listed.attachments}
    webp = found["images/grand.webp"].image
    assert (webp.code, webp.format, webp.width, webp.height) == (None, "WEBP", 64, 48)
    assert (
        found["images/idat.png"].image.reason == "is truncated: the PNG ends before its IEND chunk"
    )
    # No end marker in the first 64 MiB nor in the tail: past the scan's budget,
    # a JPEG is not judged truncated; every channel refuses 4 GB anyway.
    jpeg = found["images/sans-fin.jpg"]
    assert (jpeg.image.code, jpeg.image.format) == (None, "JPEG")
    assert {m.code for misfits in jpeg.fits.values() for m in misfits} == {"image-too-large"}


def test_the_cap_comes_from_the_calendar_limits(cal: CalendarDir) -> None:
    (cal.root / "photo.jpg").write_bytes(saved("JPEG", (1080, 1080)))
    cal.posts(post(channels="[facebook]", images=pictures("photo.jpg")))
    calendar = load_calendar(cal.root, cal.root.parent)
    size = (cal.root / "photo.jpg").stat().st_size
    calendar.limits = Limits(image_bytes=size - 1)
    (attachment,) = inventory(calendar).attachments
    assert attachment.image.code == "image-too-large"
    assert attachment.image.reason.startswith(f"is {size / 1024:.1f} KiB, over the cap of ")
    calendar.limits = Limits(image_bytes=size)
    assert inventory(calendar).ok


# -- 4. scans bounded, whatever the file claims ------------------------------------


@pytest.mark.timeout(10)
def test_a_jpeg_without_a_scan_is_refused_quickly(tmp_path: Path) -> None:
    jpeg_without_scan(tmp_path / "f.jpg", 64 * MIB - 1)
    info = ImageReader(tmp_path).read("f.jpg")
    assert (info.code, info.reason) == ("image-unreadable", TANGLED)


@pytest.mark.timeout(10)
def test_a_jpeg_without_an_end_marker_is_scanned_up_to_a_budget(tmp_path: Path) -> None:
    jpeg_without_end(tmp_path / "court.jpg", 60 * MIB)  # within the budget: judged
    jpeg_without_end(tmp_path / "long.jpg", 4 * GIB)  # past it: not judged
    reader = ImageReader(tmp_path, limit=None)
    assert reader.read("court.jpg").reason == (
        "is truncated: the JPEG data stops before its end-of-image marker"
    )
    assert reader.read("long.jpg").readable


def _many(unit: bytes, count: int) -> bytes:
    return unit * count


def gif_with_comment(blocks: bytes) -> bytes:
    """A real GIF with a comment extension of ``blocks`` (sub-blocks) before its picture."""
    data = saved("GIF")
    flags = data[10]
    start = 13 + (3 << ((flags & 7) + 1) if flags & 0x80 else 0)  # after the colour table
    return data[:start] + b"\x21\xfe" + blocks + b"\x00" + data[start:]


TANGLES = [
    pytest.param(lambda: saved("PNG")[:33] + _many(chunk(b"abCd", b""), 300_000)
                 + saved("PNG")[33:], id="png-300k-chunks"),
    pytest.param(lambda: b"II*\x00" + struct.pack("<I", 8 + MIB) + b"\x00" * MIB
                 + struct.pack("<H", 65_535)
                 + b"".join(struct.pack("<HHII", 40_000 + i % 20_000, 7, MIB, 8)
                            for i in range(65_535)) + b"\x00" * 4, id="tiff-65535-tags"),
    pytest.param(lambda: gif_with_comment(_many(b"\x01a", 300_000)), id="gif-comment"),
    pytest.param(lambda: b"\xff\xd8" + _many(b"\xff\xe5\x00\x02", 300_000) + saved("JPEG")[2:],
                 id="jpeg-300k-segments"),
    pytest.param(lambda: b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
                 + b"\x00" * (8 * MIB), id="jpeg-garbage"),
    pytest.param(lambda: (w := saved("WEBP", exif=b"Exif\x00\x00II*\x00\x08\x00\x00\x00\x00\x00"))
                 [:4] + struct.pack("<I", len(w) - 8 + 8 * 300_000) + w[8:]
                 + _many(b"abcd\x00\x00\x00\x00", 300_000), id="webp-300k-chunks"),
]  # fmt: skip


@pytest.mark.timeout(30)
@pytest.mark.parametrize("make", TANGLES)
def test_structures_that_never_end_are_cut_short(tmp_path: Path, make: Callable[[], bytes]) -> None:
    (tmp_path / "f.img").write_bytes(make())
    tracemalloc.start()
    try:
        info = ImageReader(tmp_path).read("f.img")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert (info.code, info.reason) == ("image-unreadable", TANGLED)
    assert peak < 16 * MIB


@pytest.mark.timeout(30)
def test_a_huge_png_chunk_is_checked_in_blocks(tmp_path: Path) -> None:
    data = saved("PNG")
    idat = data.index(b"IDAT") - 4
    # One IDAT chunk of 20 MiB: the pixels, then padding after the compressed stream.
    payload = zlib.compress(b"\x00" * (48 * 193)) + b"\x00" * (20 * MIB)
    blob = data[:idat] + chunk(b"IDAT", payload) + chunk(b"IEND", b"")
    (tmp_path / "grosse.png").write_bytes(blob)
    broken = bytearray(blob)
    broken[idat + 8 + 15 * MIB] ^= 0xFF
    (tmp_path / "abimee.png").write_bytes(broken)
    reader = ImageReader(tmp_path)
    tracemalloc.start()
    try:
        fine, damaged = reader.read("grosse.png"), reader.read("abimee.png")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert (fine.code, fine.format) == (None, "PNG")
    assert damaged.reason == "is corrupt: the checksum of its IDAT chunk is wrong"
    assert peak < 8 * MIB


def test_an_unused_eps_under_a_picture_name_is_an_unreadable_orphan(cal: CalendarDir) -> None:
    (cal.root / "images").mkdir()
    (cal.root / "images" / "piege.png").write_bytes(EPS)
    (cal.root / "images" / "vraie.jpg").write_bytes(saved("JPEG"))
    cal.posts(post(channels="[facebook]"))
    calendar = load_calendar(cal.root, cal.root.parent)
    orphans = inventory(calendar).orphans
    assert [(o.path, o.code, o.reason) for o in orphans] == [
        ("images/piege.png", "image-unreadable", EPS_REASON),
        ("images/vraie.jpg", None, ""),
    ]
