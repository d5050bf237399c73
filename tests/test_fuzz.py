"""Random bytes and random YAML into ``check``, ``list`` and ``export``: never a crash.

A calendar is whatever anyone with commit rights pushes, so the commands
must hold for any file: exit 0 or 1 (2 is for usage errors, and none of
these runs has one), no traceback, no "unexpected failure", no control
character written raw (:mod:`gc_cli.visible`), and a bounded time.
Hypothesis builds the inputs: random bytes, and YAML documents from
structured posts and settings whose values are hostile — control and
escape characters, bidi overrides, integers of thousands of digits, dates
at years 1 and 9999 and offsets of ±14 h, repeat rules that never match,
deep nesting, anchors and aliases (undefined, recursive, a small bomb),
unknown keys and tags.

Each run has a budget (:data:`BUDGET` seconds, enforced with ``SIGALRM``
so that a run stuck in a loop raises where it is). A failure is reported
with its input, the traceback and the module it was raised in, and fails
the test.

The profile is derandomized: the same examples every run, in CI too.
"""

from __future__ import annotations

import json
import re
import signal
import sys
import tempfile
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import TracebackType

import pytest
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import NOW
from gc_cli.cli import app

pytestmark = [
    pytest.mark.slow,  # each test runs a command on 120 generated calendars: 8 to 15 s
    pytest.mark.skipif(
        not hasattr(signal, "setitimer"), reason="the run budget needs SIGALRM (POSIX)"
    ),
]

#: Seconds one command may take on one generated calendar (they take well under one).
BUDGET = 5.0
FUZZ = settings(
    max_examples=120,
    derandomize=True,
    deadline=None,  # the budget below bounds each run, with a traceback of where it was
    database=None,
    # No shrinking: each run costs a fraction of a second, and a failure is
    # reported with its whole input, readable as it is.
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
ENV = {
    "NO_COLOR": "1",
    "COLUMNS": "100",
    "GC_CALENDARS": None,
    "GC_NOW": None,
    "GC_LANG": None,
}
EXPORT_FORMATS = ("json", "ics", "csv", "markdown", "html")
#: A control character written raw (a CR is fine only before a LF: CSV and ICS line ends).
RAW = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]|\r(?!\n)")


# -- the budget and the verdict --------------------------------------------------------


class OverBudget(BaseException):
    """Raised by SIGALRM in the middle of a run that takes too long.

    A BaseException, so that no ``except Exception`` of the code under test
    can swallow it.
    """


@contextmanager
def budget(seconds: float) -> Iterator[None]:
    def alarm(signum: int, frame: object) -> None:
        raise OverBudget(f"still running after {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@dataclass(frozen=True)
class Failure:
    """A run that broke the contract: which command, on what, and where it was raised."""

    args: tuple[str, ...]
    what: str
    module: str | None
    trace: str
    #: The class of the first exception, when there is one.
    error: str | None = None

    def describe(self, files: dict[str, bytes]) -> str:
        shown = {name: data[:1500] for name, data in files.items()}
        return f"gc-cli {' '.join(self.args)}: {self.what}\nfiles: {shown!r}\n{self.trace}"


def _deepest(error: BaseException) -> BaseException:
    """The first cause of ``error``: an exit code's error, that error's own cause."""
    seen: list[BaseException] = []
    while error is not None and error not in seen:
        seen.append(error)
        error = error.__cause__ or error.__context__  # type: ignore[assignment]
    return seen[-1]


def _module(tb: TracebackType | None) -> str | None:
    """The gc_cli module (``query.views``) of the innermost frame of ``tb`` in gc-cli's code."""
    found = None
    for frame in traceback.extract_tb(tb):
        parts = Path(frame.filename).with_suffix("").parts
        if "gc_cli" in parts:
            inside = parts[len(parts) - parts[::-1].index("gc_cli") :]
            found = ".".join(p for p in inside if p != "__init__") or "gc_cli"
    return found


def run(root: Path, *args: str) -> Failure | None:
    """Run ``gc-cli args`` on ``root``; the contract broken, if it was."""
    full = (*args, "--calendars", str(root), "--now", NOW)
    try:
        with budget(BUDGET):
            result = CliRunner().invoke(app, list(full), env=ENV, catch_exceptions=True)
    except OverBudget as exc:
        return Failure(args, str(exc), _module(exc.__traceback__), traceback.format_exc())
    # Click's testing runner keeps what was raised: an exception that escaped
    # (what main() turns into "unexpected failure"), or the exit an error led to.
    error = result.exception
    if error is not None and not isinstance(error, SystemExit):
        tb = result.exc_info[2] if result.exc_info else None
        trace = "".join(traceback.format_exception(type(error), error, tb))
        cause = _deepest(error)
        name = type(cause).__name__
        return Failure(args, f"raised {error!r}", _module(tb), trace, name)
    output = result.stdout + result.stderr
    if result.exit_code not in (0, 1):
        # A usage error on content: the error the exit code came from says where.
        cause = _deepest(error) if error is not None else None
        module = None if cause is None else _module(cause.__traceback__)
        trace = "" if cause is None else "".join(traceback.format_exception(cause))
        name = None if cause is None else type(cause).__name__
        what = f"exit {result.exit_code}: {result.stderr.strip()}"
        return Failure(args, what, module, trace, name)
    if "Traceback" in output or "unexpected failure" in output:
        return Failure(args, "a traceback in the output", None, output[-2000:])
    raw = RAW.search(output)
    if raw:  # gc_cli.visible: shown as a picture, never written raw
        return Failure(args, f"a raw control character {raw[0]!r} in the output", None, output)
    return None


def check_calendar(files: dict[str, bytes], export_format: str) -> None:
    """Write ``files`` as a calendar root and run check, list and export on it."""
    with tempfile.TemporaryDirectory() as where:
        root = Path(where) / "calendars"
        root.mkdir()
        for name, data in files.items():
            (root / name).write_bytes(data)
        for args in (
            ("check", "--format", "json"),
            ("list",),
            ("export", "--format", export_format, "--days", "60"),
        ):
            failure = run(root, *args)
            if failure is not None:
                pytest.fail(failure.describe(files), pytrace=False)


# -- YAML, built from pieces -------------------------------------------------------------


#: What YAML refuses raw in a document (YAML 1.2, 5.1 "Character Set"): escaped instead.
_NOT_PRINTABLE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)


def _escape(match: re.Match[str]) -> str:
    code = ord(match[0])
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def quoted(text: str) -> str:
    """A double-quoted YAML scalar holding ``text`` exactly, whatever its characters.

    JSON's escapes are YAML's; what YAML refuses raw (DEL, C1 controls,
    U+FFFE) is escaped too, so that the value reaches the loader.
    """
    return _NOT_PRINTABLE.sub(_escape, json.dumps(text, ensure_ascii=False))


HOSTILE_STRINGS = st.sampled_from(
    [
        "\x1b]0;owned\x07\x1b[2J",
        "\x1b[8mhidden",
        "x\n\n# Injected heading",
        "\u202egnp.exe",
        "\x00\x08\x0b\x0c\x7f",
        "\x85\x9b31m\u2028\u2029",
        '=HYPERLINK("http://evil.example")',
        "<script>alert(1)</script>",
        "%0A::error::x",
        "\r\nBEGIN:VEVENT\r\n",
        "a" * 5000,
        "🎄" * 300,
        "",
        " ",
    ]
)
TEXT = st.one_of(
    HOSTILE_STRINGS,
    st.text(st.characters(exclude_categories=["Cs"]), max_size=60),
    st.text("abc \n\t#*_[]<>&|`\\-=+@", max_size=30),
)
#: Integers as YAML writes them: up to thousands of digits (Python's int() refuses 4301+).
DIGITS = st.integers(0, 9).flatmap(
    lambda pick: (
        st.integers(4295, 4310).map(lambda n: "9" * n)  # one time in ten
        if pick == 0
        else st.integers(-(2**70), 2**70).map(str)
        if pick < 7
        else st.sampled_from(["0", "-1", "1e400", ".inf", "-.inf", ".nan", "0x7FFFFFFF", "0o777"])
    )
)


def _stamp(moment: datetime, style: int) -> str:
    day = f"{moment.year:04d}-{moment.month:02d}-{moment.day:02d}"
    clock = f"{moment.hour:02d}:{moment.minute:02d}"
    return [day, f"{day} {clock}", f"{day}T{clock}:00+14:00", f"{day}T{clock}-12:00"][style]


#: Times at the ends of what Python can hold (years 1 and 9999), and anywhere between.
MOMENTS = st.one_of(
    st.datetimes(min_value=datetime(9999, 12, 1)),
    st.datetimes(max_value=datetime(1, 1, 31)),
    st.datetimes(),
)
WHEN = st.one_of(
    st.sampled_from(
        [
            "9999-12-31 23:59",
            "0001-01-01T00:00:00+14:00",
            "9999-12-31T23:59:59-14:00",
            "0001-01-01",
            "2026-02-30",
            "2027-03-14 02:30",  # skipped by the change to daylight-saving time
            "2026-11-01 01:30",  # happens twice
            "2026-12-01 24:00",
            "tomorrow",
            "2026-12-01 09:00:00.123456789",
            "2026-12-01T09:00:00Z",
        ]
    ),
    st.builds(_stamp, MOMENTS, st.integers(0, 3)),
)
REPEAT = st.one_of(
    st.sampled_from(
        [
            "FREQ=WEEKLY;BYDAY=FR;COUNT=6",
            "FREQ=MINUTELY;BYMONTH=2;BYMONTHDAY=30;COUNT=1",
            "FREQ=MONTHLY;BYDAY=99MO;COUNT=3",
            "FREQ=DAILY;COUNT=100000",
            "FREQ=SECONDLY;COUNT=2000",
            "FREQ=YEARLY;UNTIL=99991231T235959Z",
            "FREQ=DAILY",
            "FREQ=WEEKLY;INTERVAL=0;COUNT=3",
            "FREQ=HOURLY;BYSETPOS=400;COUNT=2",
            "RRULE:FREQ=DAILY;COUNT=2\nEXDATE:20261201",
        ]
    ),
    st.builds(
        "FREQ={};COUNT={}".format,
        st.sampled_from(["SECONDLY", "MINUTELY", "HOURLY", "DAILY", "WEEKLY", "MONTHLY"]),
        DIGITS,
    ),
)


def sometimes(usual: st.SearchStrategy[str], odd: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """``odd`` one time in four, else ``usual``: most inputs get far enough to reach every rule."""
    return st.integers(0, 3).flatmap(lambda pick: odd if pick == 0 else usual)


def scalar() -> st.SearchStrategy[str]:
    return st.one_of(
        TEXT.map(quoted),
        DIGITS,
        WHEN,
        st.sampled_from(["null", "~", "true", "yes", "12:30", "'single ''quoted'''", "[]"]),
        sometimes(  # rarely: what makes the whole file unreadable
            st.just("{}"),
            st.sampled_from(
                [
                    "*undefined",
                    "!!python/object/apply:os.system ['true']",
                    "!!binary aGVsbG8=",
                    "!custom x",
                ]
            ),
        ),
    )


def nested(depth: int) -> str:
    return "[" * depth + "1" + "]" * depth


VALUE = st.recursive(
    scalar(),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4).map(lambda items: "[" + ", ".join(items) + "]"),
        st.dictionaries(st.sampled_from(["a", "b", "id", "<<", "x"]), inner, max_size=3).map(
            lambda d: "{" + ", ".join(f"{k}: {v}" for k, v in d.items()) + "}"
        ),
    ),
    max_leaves=8,
) | st.integers(30, 400).map(nested)

ID = st.from_regex(r"[a-z0-9][a-z0-9-]{0,20}", fullmatch=True)
CHANNELS = ["facebook", "instagram", "linkedin", "x", "mastodon", "nowhere"]


def flow_list(items: list[str]) -> str:
    return "[" + ", ".join(items) + "]"


def flow_map(pairs: dict[str, str]) -> str:
    return "{" + ", ".join(f"{key}: {value}" for key, value in pairs.items()) + "}"


#: A field of a post: its usual values, and hostile ones of the right type.
POST_FIELDS: dict[str, tuple[st.SearchStrategy[str], st.SearchStrategy[str]]] = {
    "id": (ID, TEXT.map(quoted)),
    "title": (st.just("Un titre"), TEXT.map(quoted)),
    "kind": (
        st.sampled_from(["article", "product", "facility", "team", "video", "other"]),
        TEXT.map(quoted),
    ),
    "status": (
        st.sampled_from(["idea", "draft", "ready", "scheduled", "published", "cancelled"]),
        TEXT.map(quoted),
    ),
    "publish_at": (st.sampled_from(["2026-12-01 09:00", "2026-12-02"]), WHEN),
    "channels": (
        st.lists(st.sampled_from(CHANNELS[:5]), min_size=1, max_size=3, unique=True).map(flow_list),
        st.lists(TEXT.map(quoted), max_size=3).map(flow_list),
    ),
    "owner": (st.sampled_from(["marie", "agence"]), TEXT.map(quoted)),
    "text": (st.just(quoted("Bonjour #fetes https://example.org")), TEXT.map(quoted)),
    "channel_text": (
        st.just("{}"),
        st.dictionaries(st.sampled_from(CHANNELS), TEXT.map(quoted), max_size=2).map(flow_map),
    ),
    "link": (
        st.just("https://example.org/a"),
        st.one_of(
            st.sampled_from(["javascript:alert(1)", "https://ex ample", "http://[::1"]),
            TEXT.map(lambda text: quoted("https://example.org/" + text)),
        ),
    ),
    "images": (
        st.just("[]"),
        st.lists(st.tuples(TEXT.map(quoted), TEXT.map(quoted)), max_size=2).map(
            lambda images: flow_list([f"{{path: {p}, alt: {a}}}" for p, a in images])
        ),
    ),
    "tags": (st.just("[fetes]"), st.lists(TEXT.map(quoted), max_size=3).map(flow_list)),
    "campaign": (st.just("fetes-2026"), TEXT.map(quoted)),
    "repeat": (st.just(quoted("FREQ=WEEKLY;COUNT=3")), REPEAT.map(quoted)),
    "notes": (st.just(quoted("interne")), VALUE),
}
REQUIRED = ("id", "title", "kind", "status", "publish_at", "channels", "text")


@st.composite
def post(draw: st.DrawFn) -> str:
    """A post: a few fields hostile, the others usual; now and then any type or key."""
    optional = sorted(set(POST_FIELDS) - set(REQUIRED))
    keys = [*REQUIRED, *draw(st.lists(st.sampled_from(optional), max_size=6, unique=True))]
    # At most two hostile fields a post: a post that fails its schema is not
    # read, and the rules, views and exports would never see the others.
    odd = draw(st.sets(st.sampled_from(keys), max_size=2))
    fields = {key: draw(POST_FIELDS[key][key in odd]) for key in keys}
    if draw(st.integers(0, 4)) == 0:  # a value of any type, or a misspelt key
        fields[draw(st.sampled_from([*POST_FIELDS, "chanels"]))] = draw(VALUE)
    if draw(st.integers(0, 9)) == 0:
        del fields[draw(st.sampled_from(REQUIRED))]
    first, *rest = fields.items()
    return "\n".join([f"  - {first[0]}: {first[1]}", *(f"    {k}: {v}" for k, v in rest)])


BOMB = "\n".join(
    ["bomb:", "  - &a [x, x, x, x, x, x, x, x, x, x]"]
    + [
        f"  - &{b} [*{a}, *{a}, *{a}, *{a}, *{a}, *{a}, *{a}, *{a}, *{a}, *{a}]"
        for a, b in zip("abcdefg", "bcdefgh", strict=True)
    ]
)


@st.composite
def post_file(draw: st.DrawFn) -> str:
    posts = draw(st.lists(post(), min_size=1, max_size=4))
    head = []
    if draw(st.booleans()):
        head.append(f"defaults: {{campaign: {draw(TEXT.map(quoted))}, owner: marie}}")
    extra = draw(
        st.sampled_from(
            [
                *[""] * 8,  # most files are only posts
                BOMB,
                "anchors:\n  - &p {id: ancre, title: A, status: ready}\n  - *p",
                "recursive: &r [*r]",
                "%YAML 1.1\n---",
                "---\nsecond: document",
                "posts: []  # twice",
            ]
        )
    )
    return "\n".join([*head, "posts:", *posts, extra, ""])


SETTINGS_BASE = """\
timezone: {timezone}
channels:
  facebook: {{}}
  instagram: {{}}
  linkedin: {{}}
  mastodon: {{max_text: {max_text}}}
team:
  marie: {{name: {name}, roles: [content, interactions]}}
  agence: {{name: {name}, roles: [content], external: true}}
slots: [{slot}, "wed 12:00"]
rules:
  min_gap_minutes: {gap}
  ready_before_hours: {ready}
  duplicate_window_days: {window}
  max_posts_per_day: {per_day}
interactions:
  response_target: {target}
  roster:
    - {{who: marie, days: {days}, hours: {hours}}}
  absences:
    - {{who: marie, from: {when}}}
"""

SETTINGS = st.builds(
    SETTINGS_BASE.format,
    timezone=sometimes(
        st.just("America/Toronto"),
        st.sampled_from(["UTC", "Pacific/Kiritimati", "Etc/GMT+12", "localtime", "", "x/.."]),
    ),
    max_text=sometimes(st.just("500"), DIGITS),
    name=sometimes(st.just("Marie Tremblay"), st.one_of(TEXT.map(quoted), VALUE)),
    slot=sometimes(
        st.just('"mon 09:00"'),
        st.one_of(st.sampled_from(['"xyz 99:99"', "{weekday: 99, at: '09:00'}"]), VALUE),
    ),
    gap=sometimes(st.just("60"), DIGITS),
    ready=sometimes(st.just("48"), DIGITS),
    window=sometimes(st.just("30"), DIGITS),
    per_day=sometimes(st.just("null"), DIGITS),
    target=sometimes(st.just("12h"), st.one_of(st.sampled_from(["0h", "99999999h"]), VALUE)),
    days=sometimes(st.just("mon-fri"), st.one_of(st.sampled_from(["fri-mon", "xyz"]), VALUE)),
    hours=sometimes(
        st.just('"08:30-17:00"'),
        st.one_of(st.sampled_from(['"20:00-02:00"', '"25:00-26:00"']), VALUE),
    ),
    when=sometimes(st.just("2026-12-24"), WHEN),
)
PLAIN_SETTINGS = """\
timezone: America/Toronto
channels: {facebook: {}, instagram: {}, linkedin: {}, x: {}, mastodon: {}}
team:
  marie: {name: Marie Tremblay, roles: [content, interactions]}
  agence: {name: Agence Bleu, roles: [content], external: true}
slots: ["mon 09:00", "wed 12:00"]
"""


# -- the tests ---------------------------------------------------------------------------


@pytest.mark.timeout(300, method="thread")  # SIGALRM is the budget's
def test_random_bytes_as_a_post_file_or_the_settings() -> None:

    @FUZZ
    @given(
        data=st.one_of(
            st.binary(max_size=3000),
            TEXT.map(lambda t: t.encode("utf-8", "surrogatepass")),
            st.sampled_from([b"\xef\xbb\xbf", b"\xff\xfe\x00p", b"posts:\r\n  - id: a\r"]),
        ),
        where=st.sampled_from(["posts.yaml", "settings.yaml"]),
        export_format=st.sampled_from(EXPORT_FORMATS),
    )
    def fuzz(data: bytes, where: str, export_format: str) -> None:
        files = {"settings.yaml": PLAIN_SETTINGS.encode()}
        files[where] = data
        check_calendar(files, export_format)

    fuzz()


GOOD = (
    "  - id: bon\n    kind: other\n    title: Un titre\n    status: ready\n"
    "    owner: marie\n    channels: [facebook]\n    publish_at: 2026-12-01 09:00\n"
    "    text: Bonjour"
)


def _examples(*cases: tuple[str, str, str]) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Explicit examples: a good post with one field set to a value, exported a given way."""

    def decorate(test: Callable[..., None]) -> Callable[..., None]:
        for key, value, export_format in cases:
            lines = [line for line in GOOD.splitlines() if not line.startswith(f"    {key}:")]
            document = "\n".join(["posts:", *lines, f"    {key}: {value}", ""])
            test = example(
                document=document, settings_text=PLAIN_SETTINGS, export_format=export_format
            )(test)
        return test

    return decorate


def _rules(rules: str) -> str:
    return PLAIN_SETTINGS + f"rules: {{{rules}}}\n"


@pytest.mark.timeout(300, method="thread")
def test_random_posts_with_hostile_values() -> None:

    @FUZZ
    @given(
        document=post_file(),
        settings_text=st.one_of(st.just(PLAIN_SETTINGS), SETTINGS),
        export_format=st.sampled_from(EXPORT_FORMATS),
    )
    @_examples(
        # The values the issue found, always tried (the random ones rarely hit them).
        ("publish_at", "9999-12-31 23:59", "ics"),
        ("publish_at", "0001-01-01T00:00:00+14:00", "json"),
        ("repeat", quoted("FREQ=MONTHLY;BYDAY=99MO;COUNT=3"), "csv"),
        ("repeat", quoted("FREQ=MINUTELY;BYMONTH=2;BYMONTHDAY=30;COUNT=1"), "json"),
        ("notes", "9" * 4301, "json"),
        ("title", quoted("\x1b]0;owned\x07\x1b[2J"), "markdown"),
        ("campaign", quoted("x\n\n# Injected heading"), "markdown"),
        ("text", quoted("\x00\x1b\x08\x0b\x0c\x7f\x9b"), "ics"),
    )
    def fuzz(document: str, settings_text: str, export_format: str) -> None:
        files = {
            "settings.yaml": settings_text.encode("utf-8", "surrogatepass"),
            "posts.yaml": document.encode("utf-8", "surrogatepass"),
        }
        check_calendar(files, export_format)

    fuzz()


@pytest.mark.timeout(300, method="thread")
def test_random_settings() -> None:
    posts = (
        b"posts:\n"
        b"  - {id: a, kind: other, title: T, status: ready, owner: marie, channels: [facebook],"
        b" publish_at: 2026-12-01 09:00, text: Bonjour, repeat: FREQ=WEEKLY;COUNT=3}\n"
        b"  - {id: b, kind: other, title: U, status: idea, owner: agence, channels: [mastodon],"
        b" publish_at: 2026-12-01 09:30, text: Bonjour}\n"
    )

    @FUZZ
    @given(settings_text=SETTINGS, export_format=st.sampled_from(EXPORT_FORMATS))
    @example(settings_text=PLAIN_SETTINGS + "rules: {min_gap_minutes: 1e400}", export_format="csv")
    @example(
        settings_text=PLAIN_SETTINGS + f"rules: {{ready_before_hours: {10**30}}}",
        export_format="json",
    )
    @example(
        settings_text=PLAIN_SETTINGS + f"rules: {{duplicate_window_days: {10**30}}}",
        export_format="json",
    )
    @example(
        settings_text=PLAIN_SETTINGS.replace("America/Toronto", "localtime"), export_format="ics"
    )
    def fuzz(settings_text: str, export_format: str) -> None:
        files = {"settings.yaml": settings_text.encode("utf-8", "surrogatepass"), "p.yaml": posts}
        check_calendar(files, export_format)

    fuzz()


def test_the_harness_catches_a_crash_and_a_hang(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A run that raises, or outlasts the budget, is a failure naming gc-cli's module."""
    import time

    from gc_cli.query import select as selection

    def crash(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(selection, "load", crash)
    failure = run(tmp_path, "list")
    assert failure is not None and failure.what == "raised RuntimeError('boom')"
    assert failure.module is not None and failure.module.startswith("cli")
    assert "boom" in failure.trace

    monkeypatch.setattr(selection, "load", lambda *args, **kwargs: time.sleep(5))
    monkeypatch.setattr(sys.modules[__name__], "BUDGET", 0.2)
    failure = run(tmp_path, "list")
    assert failure is not None and failure.what == "still running after 0.2 s"
    assert failure.module is not None and failure.module.startswith("cli")
