"""``gc-cli export`` on the command line: options, bytes on stdout or in a file,
what was left out on stderr, exit codes."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import NOW, CalendarDir, Invoke
from gc_cli import cli
from gc_cli.exporters import FORMAT_NAMES
from test_export_formats import BULK

SAMPLE = Path(__file__).resolve().parent.parent / "calendars"


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch) -> Callable[..., Invoke]:
    """Run ``gc-cli export ...`` in-process; return its outputs (stdout as bytes in .raw)."""
    app = cli.app
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("GC_CALENDARS", raising=False)
    monkeypatch.delenv("GC_NOW", raising=False)

    def invoke(*args: str, cwd: Path | None = None) -> Invoke:
        if cwd is not None:
            monkeypatch.chdir(cwd)
        result = CliRunner().invoke(app, ["export", *args], catch_exceptions=False)
        out = Invoke(result.exit_code, result.stdout, result.stderr)
        out.raw = result.stdout_bytes  # type: ignore[attr-defined]
        return out

    return invoke


@pytest.fixture
def posts(cal: CalendarDir) -> CalendarDir:
    cal.posts(
        """\
        - {id: pret, kind: other, title: Prêt, status: ready, owner: marie,
           channels: [facebook, linkedin], publish_at: 2026-12-01 09:00, text: Bonjour}
        - {id: brouillon, kind: other, title: Brouillon, status: draft, owner: marie,
           channels: [facebook], publish_at: 2026-12-02 09:00, text: Plus tard}
        - {id: annule, kind: other, title: Annulé, status: cancelled, owner: marie,
           channels: [facebook], publish_at: 2026-12-03 09:00, text: Non}
        """
    )
    return cal


# -- tests ------------------------------------------------------------------------------


def test_help_lists_every_format_and_ends_with_an_example(run: Callable[..., Invoke]) -> None:
    out = run("--help")
    assert out.exit_code == 0
    text = " ".join(out.stdout.split())
    for name in FORMAT_NAMES:
        assert name in text
    for option in ("--format", "--days", "--from", "--to", "--channel", "-o", "--bom", "--now"):
        assert option in text
    assert "Example: gc-cli export --format ics -o plan.ics" in text


def test_stdout_gets_the_bytes_and_stderr_what_was_left_out(
    run: Callable[..., Invoke], posts: CalendarDir
) -> None:
    out = run("--format", "json", "--now", NOW, cwd=posts.root.parent)
    assert out.exit_code == 0
    assert [obj["id"] for obj in json.loads(out.stdout)] == ["pret", "brouillon"]
    assert out.stderr == "gc-cli: left out annule (2026-12-03 09:00): cancelled\n"


def test_default_format_is_ics(run: Callable[..., Invoke], posts: CalendarDir) -> None:
    out = run("--now", NOW, cwd=posts.root.parent)
    assert out.exit_code == 0
    assert out.raw.startswith(b"BEGIN:VCALENDAR\r\n")  # type: ignore[attr-defined]


def test_output_file_is_written_and_reported(
    run: Callable[..., Invoke], posts: CalendarDir, tmp_path: Path
) -> None:
    target = tmp_path / "plan.csv"
    out = run("--format", "csv", "--bom", "-o", str(target), "--now", NOW, cwd=posts.root.parent)
    assert (out.exit_code, out.stdout) == (0, "")
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfid,occurrence,publish_at,channel")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert [(r[0], r[3]) for r in rows[1:]] == [
        ("pret", "facebook"),
        ("pret", "linkedin"),
        ("brouillon", "facebook"),
    ]
    assert out.stderr.splitlines()[-1] == (
        f"gc-cli: wrote 3 rows to {target} (2026-11-25 to 2026-12-25)"
    )


def test_stdout_is_binary_safe(run: Callable[..., Invoke], posts: CalendarDir) -> None:
    out = run(
        "--format", "buffer", "--channel", "facebook", "--bom", "--now", NOW, cwd=posts.root.parent
    )
    raw: bytes = out.raw  # type: ignore[attr-defined]
    assert raw.startswith(b"\xef\xbb\xbfText,Image URL,Tags,Posting Time\r\n")
    assert raw.endswith(b",,,2026-12-01 09:00\r\n")
    assert "left out brouillon (2026-12-02 09:00) on facebook: status is draft" in out.stderr


def test_bulk_format_without_channel_is_a_usage_error(
    run: Callable[..., Invoke], posts: CalendarDir
) -> None:
    out = run("--format", "hootsuite", "--now", NOW, cwd=posts.root.parent)
    assert (out.exit_code, out.stdout) == (2, "")
    assert out.stderr.startswith(
        "gc-cli: --channel: the format hootsuite makes a file for one channel: give one (of "
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--format", "pdf"), "Invalid value for '--format'"),
        (("--days", "0"), "gc-cli: --days: 0 is not a number of days"),
        (("--days", "3", "--to", "2026-12-31"), "gc-cli: --days: does not go with an end"),
        (("--format", "json", "--bom"), "gc-cli: --bom: only for the CSV formats"),
        (("--channel", "tiktok"), "gc-cli: --channel: no channel 'tiktok'"),
    ],
)
def test_usage_errors_exit_2(
    run: Callable[..., Invoke], posts: CalendarDir, args: tuple[str, ...], message: str
) -> None:
    out = run(*args, "--now", NOW, cwd=posts.root.parent)
    assert (out.exit_code, out.stdout) == (2, "")
    assert message in out.stderr


def test_missing_folder_for_output_is_a_usage_error(
    run: Callable[..., Invoke], posts: CalendarDir, tmp_path: Path
) -> None:
    out = run("-o", str(tmp_path / "no" / "plan.ics"), "--now", NOW, cwd=posts.root.parent)
    assert out.exit_code == 2
    assert "there is no folder" in out.stderr


def test_errors_in_the_calendar_exit_1_with_the_file_still_written(
    run: Callable[..., Invoke], posts: CalendarDir
) -> None:
    posts.posts(
        """\
        - {id: trop-long, kind: other, title: Long, status: ready, owner: marie,
           channels: [x], publish_at: 2026-12-04 09:00, text: "%s"}
        """
        % ("x" * 300),
        name="x.yaml",
    )
    out = run("--format", "buffer", "--channel", "x", "--now", NOW, cwd=posts.root.parent)
    assert out.exit_code == 1
    assert out.raw == b"Text,Image URL,Tags,Posting Time\r\n"  # type: ignore[attr-defined]
    assert "left out trop-long (2026-12-04 09:00) on x: has errors (text-too-long)" in out.stderr


def test_an_exceeded_limit_is_refused_and_nothing_is_written(
    run: Callable[..., Invoke], cal: CalendarDir, tmp_path: Path
) -> None:
    items = "".join(
        f"- {{id: p{n}, kind: other, title: T{n}, status: ready, owner: marie, "
        f"channels: [facebook], publish_at: 2026-12-{1 + n // 20:02d} "
        f"{8 + (n % 20) // 2:02d}:{(n % 2) * 30:02d}, text: Message {n}}}\n"
        for n in range(351)
    )
    cal.posts(items)
    target = tmp_path / "sprout.csv"
    out = run(
        "--format",
        "sprout",
        "--channel",
        "facebook",
        "--date-order",
        "dmy",
        "-o",
        str(target),
        "--days",
        "60",
        "--now",
        NOW,
        cwd=cal.root.parent,
    )
    assert out.exit_code == 1
    assert out.stdout == ""
    assert out.stderr.startswith(
        "gc-cli: 351 posts on facebook for Sprout Social, which takes at most 350 in one file"
    )
    assert not target.exists()


def test_sample_calendar_exports_every_format(run: Callable[..., Invoke], tmp_path: Path) -> None:
    for name in FORMAT_NAMES:
        args = ["--format", name, "--calendars", str(SAMPLE), "--now", NOW]
        if name in BULK:
            args += ["--channel", "facebook" if name == "hootsuite" else "instagram"]
        if name in ("buffer", "sprout", "publer", "metricool"):
            args += ["--image-base-url", "https://example.org/calendars/"]
        args += {"buffer": ["--plan", "paid"], "sprout": ["--date-order", "dmy"]}.get(name, [])
        out = run(*args, "-o", str(tmp_path / f"plan.{name}"))
        assert out.exit_code == 0, (name, out.stderr)
        assert (tmp_path / f"plan.{name}").stat().st_size > 1000


def test_a_post_that_needs_its_picture_fails_the_export_without_an_address(
    run: Callable[..., Invoke], tmp_path: Path
) -> None:
    for name in ("hootsuite", "buffer", "publer"):
        args = ["--format", name, "--calendars", str(SAMPLE), "--now", NOW, "--days", "10"]
        out = run(*args, "--channel", "instagram", "-o", str(tmp_path / f"plan.{name}"))
        assert out.exit_code == 1, (name, out.stderr)
        assert (
            "left out produit-chocolatines (2026-11-26 07:30) on instagram: Instagram "
            "publishes only posts with a picture"
        ) in out.stderr
    # Hootsuite's file has no column for pictures; the others take their addresses.
    out = run(
        *("--format", "publer", "--calendars", str(SAMPLE), "--now", NOW, "--days", "10"),
        *("--channel", "instagram", "--image-base-url", "https://example.org/cal%C3%A9/"),
    )
    assert out.exit_code == 0, out.stderr
    rows = list(csv.DictReader(io.StringIO(out.stdout, newline="")))
    assert rows[0]["Media URL(s)"] == (
        "https://example.org/cal%C3%A9/images/produits/croissants.jpg"
    )
    assert rows[0]["Alt text(s)"].startswith("Trois croissants dorés")


def test_bulk_options_are_checked(run: Callable[..., Invoke], posts: CalendarDir) -> None:
    where = posts.root.parent
    out = run("--format", "sprout", "--channel", "facebook", "--now", NOW, cwd=where)
    assert out.exit_code == 2
    assert out.stderr.startswith("gc-cli: --date-order: sprout reads dates day first or month")
    out = run("--format", "ics", "--plan", "paid", "--now", NOW, cwd=where)
    assert (out.exit_code, out.stderr) == (2, "gc-cli: --plan: only for buffer, not ics\n")
    out = run("--format", "hootsuite", "--channel", "facebook", "--date-order", "ymd", cwd=where)
    assert out.exit_code == 2 and "--date-order: 'ymd' is not a date order" in out.stderr
    out = run(
        *("--format", "buffer", "--channel", "facebook", "--image-base-url", "ftp://x/"),
        cwd=where,
    )
    assert out.exit_code == 2 and "--image-base-url: 'ftp://x/' is not an http(s)" in out.stderr
