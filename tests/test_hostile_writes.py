"""Every write gc-cli makes, under attack: concurrent writers, files the user may not
write, hard links, ``export -o`` pointed at the wrong thing, a full disk during ``init``.

Every refusal must leave its target byte for byte as it was; the tests say so.
"""

from __future__ import annotations

import errno
import fcntl
import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement

import gc_cli
from conftest import NOW, CalendarDir, Invoke
from gc_cli.errors import GcError, Refused
from gc_cli.store import atomic
from gc_cli.store.writer import Snapshot

REPO = Path(__file__).resolve().parent.parent
NEW = "2026-12-15 10:00"
AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
needs_root = pytest.mark.skipif(not AS_ROOT, reason="changing a file's owner needs root")

POSTS = """\
# Publications de décembre
posts:
  - id: abc
    kind: other
    title: Un billet
    status: ready
    owner: marie
    channels: [facebook]
    text: Bonjour !
"""


@pytest.fixture
def posts(cal: CalendarDir) -> Path:
    return cal.write("posts.yaml", POSTS)


def schedule(gc: Callable[..., Invoke], cal: CalendarDir, at: str = NEW) -> Invoke:
    return gc("schedule", "abc", "--at", at, "--now", NOW, cwd=cal.root.parent)


def temporaries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".gc-tmp"))


# -- (7) lost updates ------------------------------------------------------------------


def test_a_line_appended_right_after_the_read_is_kept(
    gc: Callable[..., Invoke],
    cal: CalendarDir,
    posts: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real_read = Snapshot.read.__func__  # type: ignore[attr-defined]

    def read_then_append(cls: type[Snapshot], *args: object, **kwargs: object) -> Snapshot:
        snapshot = real_read(cls, *args, **kwargs)
        with open(posts, "ab") as other:  # another program, a few ms later
            other.write(b"# ajout d'un autre programme\n")
        return snapshot  # type: ignore[no-any-return]

    monkeypatch.setattr(Snapshot, "read", classmethod(read_then_append))
    out = schedule(gc, cal)
    assert out.exit_code == 1
    assert "changed on disk since gc-cli read it; nothing written" in out.stderr
    assert posts.read_bytes() == POSTS.encode() + b"# ajout d'un autre programme\n"
    assert temporaries(cal.root) == []


def test_a_line_written_between_the_last_check_and_the_rename_is_put_back(
    gc: Callable[..., Invoke],
    cal: CalendarDir,
    posts: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The narrowest window: after every check, just before the rename. The old file is
    looked at again after the rename, and what landed in it is given back its name."""
    real_replace = os.replace
    done: list[bool] = []

    def append_then_replace(src: str, dst: str | Path, **kwargs: object) -> None:
        if Path(dst) == posts and not done:
            done.append(True)
            with open(posts, "ab") as other:
                other.write(b"# ajout\n")
        real_replace(src, dst, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "replace", append_then_replace)
    out = schedule(gc, cal)
    assert done
    assert out.exit_code == 1
    assert "changed on disk since gc-cli read it" in out.stderr
    assert posts.read_bytes() == POSTS.encode() + b"# ajout\n"
    assert temporaries(cal.root) == []


@pytest.mark.timeout(60)
def test_a_program_holding_the_lock_is_waited_for_and_its_save_kept(
    gc: Callable[..., Invoke], cal: CalendarDir, posts: Path
) -> None:
    """Another program locked the file and saves it a moment later: schedule waits for
    the lock, then finds the file changed and writes nothing."""
    fd = os.open(posts, os.O_WRONLY | os.O_APPEND)
    fcntl.flock(fd, fcntl.LOCK_EX)

    def save_and_release() -> None:
        os.write(fd, b"# ajout sous verrou\n")
        os.close(fd)

    timer = threading.Timer(0.5, save_and_release)
    timer.start()
    try:
        out = schedule(gc, cal)
    finally:
        timer.join()
    assert out.exit_code == 1
    assert "changed on disk" in out.stderr
    assert posts.read_bytes() == POSTS.encode() + b"# ajout sous verrou\n"


@pytest.mark.timeout(60)
def test_a_lock_never_released_is_a_refusal_not_a_hang(
    gc: Callable[..., Invoke],
    cal: CalendarDir,
    posts: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(atomic, "LOCK_WAIT", 0.3)
    with open(posts, "rb") as other:
        fcntl.flock(other.fileno(), fcntl.LOCK_EX)
        out = schedule(gc, cal)
    assert out.exit_code == 1
    assert "another program holds a lock on the file" in out.stderr
    assert posts.read_bytes() == POSTS.encode()


#: A program that appends lines the way a careful tool would: it takes the lock,
#: checks that the name still leads to the file it locked, and saves slowly.
APPENDER = r"""
import fcntl, os, random, sys, time
path, stop = sys.argv[1:3]
n = 0
while not os.path.exists(stop):
    time.sleep(random.uniform(0, 0.3))
    while True:
        fd = os.open(path, os.O_WRONLY | os.O_APPEND)
        fcntl.flock(fd, fcntl.LOCK_EX)
        if os.fstat(fd).st_ino == os.stat(path).st_ino:
            break
        os.close(fd)
    time.sleep(0.03)
    os.write(fd, b"# ajout %d\n" % n)
    os.close(fd)
    n += 1
print(n)
"""


@pytest.mark.timeout(120)
def test_no_line_is_lost_to_schedule_under_a_stream_of_appends(
    gc: Callable[..., Invoke], cal: CalendarDir, posts: Path, tmp_path: Path
) -> None:
    """schedule runs again and again for a few seconds while another program appends
    lines: every line is still there at the end, and every run either wrote its
    edit or refused (exit 1) with nothing written."""
    stop = tmp_path / "stop"
    appender = subprocess.Popen(
        [sys.executable, "-c", APPENDER, str(posts), str(stop)], stdout=subprocess.PIPE, text=True
    )
    codes: list[int] = []
    try:
        deadline = time.monotonic() + 4
        dates = ("2026-12-15 10:00", "2026-12-16 11:00")
        while time.monotonic() < deadline:
            out = schedule(gc, cal, dates[len(codes) % 2])
            assert out.exit_code in (0, 1), out.stderr
            if out.exit_code == 1:
                assert "changed on disk" in out.stderr or OPEN_FOR_WRITING in out.stderr
            codes.append(out.exit_code)
    finally:
        stop.touch()
        written, _ = appender.communicate(timeout=30)
    count = int(written)
    text = posts.read_text()
    assert count > 0 and 0 in codes
    missing = [n for n in range(count) if text.count(f"# ajout {n}\n") != 1]
    assert missing == [], f"lines lost: {missing} of {count}, runs {codes}"
    assert temporaries(cal.root) == []


OPEN_FOR_WRITING = "another program has the file open for writing"

#: A program that keeps the file open for appending, as a log writer does.
KEEPS_OPEN = r"""
import sys, time
with open(sys.argv[1], "ab") as kept:
    print("ready", flush=True)
    sys.stdin.readline()
    kept.write(b"# ajout tardif\n")
"""


@pytest.mark.skipif(not Path("/proc/self/fdinfo").is_dir(), reason="Linux's /proc only")
@pytest.mark.timeout(60)
def test_a_file_another_program_keeps_open_for_writing_is_refused(
    gc: Callable[..., Invoke], cal: CalendarDir, posts: Path
) -> None:
    """Its later writes would go to the replaced file, which no name leads to."""
    keeper = subprocess.Popen(
        [sys.executable, "-c", KEEPS_OPEN, str(posts)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert keeper.stdout is not None and keeper.stdout.readline() == "ready\n"
        out = schedule(gc, cal)
    finally:
        keeper.communicate("\n", timeout=30)
    assert out.exit_code == 1
    assert f"calendars/posts.yaml: {OPEN_FOR_WRITING} (python" in out.stderr
    assert f"(PID {keeper.pid})" in out.stderr
    assert posts.read_bytes() == POSTS.encode() + b"# ajout tardif\n"
    assert schedule(gc, cal).exit_code == 0  # closed: the edit goes through


# -- (12) files the user may not (or should not) rewrite -------------------------------


def test_a_read_only_file_is_refused(
    gc: Callable[..., Invoke], cal: CalendarDir, posts: Path
) -> None:
    posts.chmod(0o444)
    out = schedule(gc, cal)
    assert out.exit_code == 1
    assert "calendars/posts.yaml: the file is read-only (mode 0444); nothing written" in out.stderr
    assert posts.read_bytes() == POSTS.encode()
    assert stat.S_IMODE(posts.stat().st_mode) == 0o444
    assert temporaries(cal.root) == []


def test_a_file_the_user_may_not_write_is_refused(
    gc: Callable[..., Invoke],
    cal: CalendarDir,
    posts: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """What a colleague's 0644 file in a shared, writable folder looks like to the user
    (root may write anything, so the system's answer is simulated)."""
    real_access = os.access

    def colleague_file(path: object, mode: int, **kwargs: object) -> bool:
        if Path(str(path)) == posts and mode & os.W_OK:
            return False
        return real_access(path, mode, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "access", colleague_file)
    out = schedule(gc, cal)
    assert out.exit_code == 1
    assert "you may not write this file" in out.stderr
    assert posts.read_bytes() == POSTS.encode()


@needs_root
def test_the_owner_and_group_are_kept(
    gc: Callable[..., Invoke], cal: CalendarDir, posts: Path
) -> None:
    os.chown(posts, 12345, 23456)
    posts.chmod(0o664)
    assert schedule(gc, cal).exit_code == 0
    info = posts.stat()
    assert (info.st_uid, info.st_gid, stat.S_IMODE(info.st_mode)) == (12345, 23456, 0o664)
    assert f"publish_at: {NEW}" in posts.read_text()


@needs_root
def test_an_owner_that_cannot_be_kept_is_a_refusal(
    gc: Callable[..., Invoke],
    cal: CalendarDir,
    posts: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    os.chown(posts, 12345, 23456)

    def not_allowed(*args: object) -> None:
        raise PermissionError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "fchown", not_allowed)
    out = schedule(gc, cal)
    assert out.exit_code == 1
    assert "cannot give the new file the owner and group of the old one" in out.stderr
    assert "(user 12345, group 23456)" in out.stderr
    assert posts.read_bytes() == POSTS.encode()
    assert (posts.stat().st_uid, posts.stat().st_gid) == (12345, 23456)
    assert temporaries(cal.root) == []


@pytest.fixture
def shared_folder() -> Iterator[Path]:
    """A folder anyone may write in, outside root's private temporary folders."""
    folder = Path(tempfile.mkdtemp(prefix="gc-shared-"))
    folder.chmod(0o777)
    try:
        yield folder
    finally:
        subprocess.run(["rm", "-rf", str(folder)], check=False)


NOBODY = 65534


def _runtime_distributions() -> list[metadata.Distribution]:
    """gc-cli's distribution and those it needs to run (extras and other platforms left out)."""
    found: dict[str, metadata.Distribution] = {}
    pending = ["gc-cli"]
    while pending:
        name = pending.pop()
        key = re.sub(r"[-_.]+", "-", name).lower()
        if key in found:
            continue
        found[key] = distribution = metadata.distribution(name)
        for text in distribution.requires or ():
            requirement = Requirement(text)
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                pending.append(requirement.name)
    return list(found.values())


def _site_for_nobody(folder: Path) -> Path:
    """A copy of gc_cli and of what it needs to run, in ``folder``, which anyone may read.

    The test environment may live where ``nobody`` cannot look (a clone in a 0700
    temporary folder, root's home): copying its packages out, rather than trusting
    its place, keeps the test from depending on where the repository was cloned.
    """
    site = folder / "site"
    shutil.copytree(Path(gc_cli.__file__).parent, site / "gc_cli")  # the code under test
    for distribution in _runtime_distributions():
        if distribution.metadata["Name"] == "gc-cli":
            continue
        base = Path(str(distribution.locate_file(""))).resolve()
        for file in distribution.files or ():
            source = Path(str(distribution.locate_file(file))).resolve()
            if base not in source.parents or "__pycache__" in source.parts:
                continue  # scripts in bin/, compiled caches
            target = site / source.relative_to(base)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    subprocess.run(["chmod", "-R", "a+rX", str(site)], check=True)
    return site


def _python_for_nobody(env: dict[str, str]) -> str:
    """An interpreter of this Python version that the user ``nobody`` may run and that
    imports gc-cli from ``env``'s PYTHONPATH (compiled dependencies need the same version)."""
    version = f"{sys.version_info.major}.{sys.version_info.minor}"
    candidates = [
        sys.executable,
        getattr(sys, "_base_executable", sys.executable),
        f"/usr/bin/python{version}",
        f"/usr/local/bin/python{version}",
    ]
    tried = []
    for python in dict.fromkeys(candidates):
        try:
            probe = subprocess.run(
                [python, "-B", "-c", "import gc_cli.cli"],
                env=env,
                user=NOBODY,
                group=NOBODY,
                capture_output=True,
                timeout=60,
            )
        except OSError as exc:
            tried.append(f"{python}: {exc.strerror}")
            continue
        if probe.returncode == 0:
            return python
        tried.append(f"{python}: {probe.stderr.decode(errors='replace').strip()[-200:]}")
    pytest.fail(
        f"no Python {version} that the user nobody may run imports gc_cli "
        f"(install python{version} in /usr/bin):\n" + "\n".join(tried)
    )


@needs_root
@pytest.mark.timeout(120)
def test_another_users_file_in_a_shared_folder_is_left_alone(shared_folder: Path) -> None:
    """End to end, as the unprivileged user ``nobody``: root's 0644 file stays root's."""
    root = shared_folder / "calendars"
    root.mkdir()
    root.chmod(0o777)
    settings = (REPO / "tests" / "conftest.py").read_text()
    start = settings.index('SETTINGS = """\\\n') + len('SETTINGS = """\\\n')
    (root / "settings.yaml").write_text(settings[start : settings.index('"""', start)])
    posts = root / "posts.yaml"
    posts.write_text(POSTS)
    posts.chmod(0o644)
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(shared_folder),
        "LC_ALL": "C.UTF-8",
        "PYTHONPATH": str(_site_for_nobody(shared_folder)),
        "PYTHONNOUSERSITE": "1",
    }
    python = _python_for_nobody(env)
    command = [python, "-B", "-m", "gc_cli", "schedule", "abc", "--at", NEW, "--now", NOW]
    done = subprocess.run(
        command,
        cwd=shared_folder,
        env=env,
        user=NOBODY,
        group=NOBODY,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1, done.stderr
    assert "you may not write this file" in done.stderr
    assert posts.read_bytes() == POSTS.encode()
    assert posts.stat().st_uid == 0
    assert temporaries(root) == []


def test_a_hard_linked_file_is_refused(
    gc: Callable[..., Invoke], cal: CalendarDir, posts: Path, tmp_path: Path
) -> None:
    other = tmp_path / "copie.yaml"
    os.link(posts, other)
    out = schedule(gc, cal)
    assert out.exit_code == 1
    assert "calendars/posts.yaml: the file has 2 hard links" in out.stderr
    assert posts.read_bytes() == other.read_bytes() == POSTS.encode()
    assert posts.stat().st_nlink == 2
    assert temporaries(cal.root) == []


def test_a_refusal_in_one_file_writes_no_other(gc: Callable[..., Invoke], cal: CalendarDir) -> None:
    """--auto edits several files: a read-only one among them stops them all."""
    body = "posts:\n  - id: {id}\n    title: T\n    status: ready\n    owner: marie\n"
    body += "    channels: [linkedin]\n    text: Billet {id}\n"
    first = cal.write("a.yaml", body.format(id="a"))
    second = cal.write("b.yaml", body.format(id="b"))
    before = first.read_bytes(), second.read_bytes()
    second.chmod(0o444)
    out = gc("schedule", "--auto", "--now", NOW, cwd=cal.root.parent)
    assert out.exit_code == 1
    assert "b.yaml: the file is read-only" in out.stderr
    assert (first.read_bytes(), second.read_bytes()) == before


# -- (15) an alias as a post's id ------------------------------------------------------

ALIASED_ID = """\
ids:
  - &i abc
posts:
  - id: *i
    kind: other
    title: Un billet
    status: ready
    owner: marie
    channels: [facebook]
    text: Bonjour !
"""


def test_a_post_whose_id_is_an_alias_is_scheduled_moved_and_cleared(
    gc: Callable[..., Invoke], cal: CalendarDir
) -> None:
    path = cal.write("posts.yaml", ALIASED_ID)
    assert schedule(gc, cal).exit_code == 0
    assert path.read_text() == ALIASED_ID.replace(
        "  - id: *i\n", f"  - id: *i\n    publish_at: {NEW}\n"
    )
    assert schedule(gc, cal, "2026-12-16 11:00").exit_code == 0
    assert "    publish_at: 2026-12-16 11:00\n" in path.read_text()
    out = gc("schedule", "abc", "--clear", "--now", NOW, cwd=cal.root.parent)
    assert out.exit_code == 0, out.stderr
    assert path.read_text() == ALIASED_ID


# -- reading what schedule will edit ---------------------------------------------------


@pytest.mark.timeout(30)
def test_a_fifo_is_not_read_for_an_edit(tmp_path: Path) -> None:
    fifo = tmp_path / "x.yaml"
    os.mkfifo(fifo)
    with pytest.raises(GcError, match="named pipe"):
        Snapshot.read(fifo, "x.yaml")


def test_a_file_over_the_cap_is_not_read_for_an_edit(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_bytes(b"# " + b"x" * 2000 + b"\n")
    with pytest.raises(GcError, match="over the cap"):
        Snapshot.read(big, "big.yaml", limit=1000)


# -- (8) export -o -----------------------------------------------------------------------


@pytest.fixture
def exported(cal: CalendarDir, posts: Path) -> CalendarDir:
    posts.write_text(POSTS.replace("    text:", "    publish_at: 2026-12-01 09:00\n    text:"))
    return cal


def export(gc: Callable[..., Invoke], cal: CalendarDir, *args: str) -> Invoke:
    return gc("export", "--format", "csv", "--now", NOW, *args, cwd=cal.root.parent)


@pytest.mark.parametrize("force", [False, True])
def test_export_never_writes_a_post_file(
    gc: Callable[..., Invoke], exported: CalendarDir, force: bool
) -> None:
    post_file = exported.root / "posts.yaml"
    before = post_file.read_bytes()
    out = export(gc, exported, "-o", "calendars/posts.yaml", *(["--force"] if force else []))
    assert (out.exit_code, out.stdout) == (2, "")
    assert out.stderr.startswith("gc-cli: -o calendars/posts.yaml: is inside the calendar root")
    assert post_file.read_bytes() == before


def test_export_never_creates_a_yaml_file_inside_the_root(
    gc: Callable[..., Invoke], exported: CalendarDir
) -> None:
    (exported.root / "sub").mkdir()
    out = export(gc, exported, "--format", "json", "-o", "calendars/sub/../export.YML")
    assert out.exit_code == 2
    assert "is inside the calendar root calendars" in out.stderr
    assert not (exported.root / "export.YML").exists()


def test_export_replaces_a_file_inside_the_root_only_with_force(
    gc: Callable[..., Invoke], exported: CalendarDir
) -> None:
    target = exported.root / "plan.csv"
    target.write_bytes(b"ancien\n")
    out = export(gc, exported, "-o", "calendars/plan.csv")
    assert out.exit_code == 2
    assert "is a file inside the calendar root calendars" in out.stderr
    assert "--force" in out.stderr
    assert target.read_bytes() == b"ancien\n"
    out = export(gc, exported, "-o", "calendars/plan.csv", "--force")
    assert out.exit_code == 0, out.stderr
    assert target.read_bytes().startswith(b"id,occurrence,publish_at")


def test_export_writes_a_new_file_inside_the_root(
    gc: Callable[..., Invoke], exported: CalendarDir
) -> None:
    assert export(gc, exported, "-o", "calendars/plan.csv").exit_code == 0
    assert (exported.root / "plan.csv").read_bytes().startswith(b"id,")


@pytest.mark.parametrize("dangling", [False, True])
def test_export_refuses_a_symbolic_link(
    gc: Callable[..., Invoke], exported: CalendarDir, tmp_path: Path, dangling: bool
) -> None:
    real = tmp_path / "real.csv"
    if not dangling:
        real.write_bytes(b"ancien\n")
    link = tmp_path / "plan.csv"
    link.symlink_to(real)
    out = export(gc, exported, "-o", str(link))
    assert out.exit_code == 2
    assert f"-o {link}: is a symbolic link" in out.stderr
    assert "standard output" in out.stderr
    assert link.is_symlink()
    assert real.read_bytes() == b"ancien\n" if not dangling else not real.exists()


def test_export_refuses_a_link_to_standard_output(
    gc: Callable[..., Invoke], exported: CalendarDir, tmp_path: Path
) -> None:
    """What /dev/stdout is: a link to /proc/self/fd/1 (made here, /dev stays untouched)."""
    stdout = tmp_path / "stdout"
    stdout.symlink_to("/proc/self/fd/1")
    out = export(gc, exported, "-o", str(stdout))
    assert out.exit_code == 2
    assert "leave out -o to write to standard output" in out.stderr
    assert stdout.is_symlink() and os.readlink(stdout) == "/proc/self/fd/1"


@pytest.mark.timeout(30)
def test_export_refuses_a_fifo_without_waiting(
    gc: Callable[..., Invoke], exported: CalendarDir, tmp_path: Path
) -> None:
    fifo = tmp_path / "plan.csv"
    os.mkfifo(fifo)
    out = export(gc, exported, "-o", str(fifo))
    assert out.exit_code == 2
    assert f"-o {fifo}: is a named pipe (FIFO), not a regular file" in out.stderr
    assert f"gc-cli export ... > {fifo}" in out.stderr
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


@needs_root
def test_export_refuses_a_device(
    gc: Callable[..., Invoke], exported: CalendarDir, tmp_path: Path
) -> None:
    null = tmp_path / "null"
    try:
        os.mknod(null, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except OSError as exc:  # pragma: no cover - a container without CAP_MKNOD
        pytest.skip(f"cannot make a device here: {exc}")
    out = export(gc, exported, "-o", str(null))
    assert out.exit_code == 2
    assert "is a device, not a regular file" in out.stderr
    assert stat.S_ISCHR(null.lstat().st_mode)


def test_export_refuses_a_folder(
    gc: Callable[..., Invoke], exported: CalendarDir, tmp_path: Path
) -> None:
    out = export(gc, exported, "-o", str(tmp_path))
    assert out.exit_code == 2
    assert "is a folder; give a file name" in out.stderr


def test_export_dash_is_standard_output(gc: Callable[..., Invoke], exported: CalendarDir) -> None:
    out = export(gc, exported, "-o", "-")
    assert out.exit_code == 0
    assert out.stdout.startswith("id,occurrence,publish_at")
    assert not (exported.root.parent / "-").exists()


def test_export_keeps_a_read_only_file(
    gc: Callable[..., Invoke], exported: CalendarDir, tmp_path: Path
) -> None:
    target = tmp_path / "plan.csv"
    target.write_bytes(b"ancien\n")
    target.chmod(0o444)
    out = export(gc, exported, "-o", str(target))
    assert out.exit_code == 2
    assert f"-o {target}: the file is read-only (mode 0444)" in out.stderr
    assert target.read_bytes() == b"ancien\n"
    assert temporaries(tmp_path) == []


def test_export_replaces_a_file_outside_the_root_keeping_its_mode(
    gc: Callable[..., Invoke], exported: CalendarDir, tmp_path: Path
) -> None:
    target = tmp_path / "plan.csv"
    target.write_bytes(b"ancien\n")
    target.chmod(0o600)
    assert export(gc, exported, "-o", str(target)).exit_code == 0
    assert target.read_bytes().startswith(b"id,")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_export_checks_the_target_before_the_work(
    gc: Callable[..., Invoke],
    exported: CalendarDir,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import gc_cli.exporters.run

    def no_work(*args: object, **kwargs: object) -> None:
        raise AssertionError("exported before refusing the target")

    monkeypatch.setattr(gc_cli.exporters.run, "run_export", no_work)
    assert export(gc, exported, "-o", "calendars/posts.yaml").exit_code == 2


# -- (14) init on a full disk ------------------------------------------------------------


def test_init_on_a_full_disk_leaves_nothing_and_can_run_again(
    gc: Callable[..., Invoke], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    with monkeypatch.context() as patch:
        patch.setattr(os, "fsync", full)
        out = gc("init", "nouveau/calendars", cwd=tmp_path)
    assert out.exit_code == 2
    assert "nouveau/calendars/settings.yaml: cannot write the file (No space left" in out.stderr
    assert "Traceback" not in out.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == []  # not even the folders
    out = gc("init", "nouveau/calendars", cwd=tmp_path)
    assert out.exit_code == 0, out.stderr
    assert gc("check", "--calendars", "nouveau/calendars", cwd=tmp_path).exit_code == 0


def test_init_failing_on_its_second_file_removes_the_first(
    gc: Callable[..., Invoke], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "calendars").mkdir()
    real_link = os.link
    calls: list[str] = []

    def link_once(src: str, dst: str | Path, **kwargs: object) -> None:
        calls.append(str(dst))
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_link(src, dst, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "link", link_once)
    out = gc("init", cwd=tmp_path)
    assert out.exit_code == 2
    assert "calendars/posts.yaml: cannot write the file" in out.stderr
    assert list((tmp_path / "calendars").iterdir()) == []  # the folder was there: kept


@pytest.mark.timeout(120)
def test_init_stopped_by_a_real_file_size_limit_leaves_nothing(tmp_path: Path) -> None:
    """End to end: the kernel refuses the write past 200 bytes (RLIMIT_FSIZE, the way a
    full disk refuses it), with no way for gc-cli's own code to be bypassed."""
    code = (
        "import resource, signal, sys\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (200, 200))\n"
        "from gc_cli.cli import main\n"
        "sys.argv = ['gc-cli', 'init', 'calendars']\n"
        "main()\n"
    )
    done = subprocess.run(
        [sys.executable, "-B", "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 2, done.stderr
    assert "cannot write the file (File too large)" in done.stderr
    assert list(tmp_path.iterdir()) == []
    again = subprocess.run(
        [sys.executable, "-m", "gc_cli", "init", "calendars"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert again.returncode == 0, again.stderr
    assert (tmp_path / "calendars" / "settings.yaml").stat().st_size > 200


def test_init_refuses_a_settings_file_that_is_a_dangling_link(
    gc: Callable[..., Invoke], tmp_path: Path
) -> None:
    root = tmp_path / "calendars"
    root.mkdir()
    (root / "settings.yaml").symlink_to(tmp_path / "ailleurs.yaml")
    out = gc("init", cwd=tmp_path)
    assert out.exit_code == 1
    assert "already exists" in out.stderr
    assert not (tmp_path / "ailleurs.yaml").exists()


def test_init_on_a_file_is_a_usage_error(gc: Callable[..., Invoke], tmp_path: Path) -> None:
    (tmp_path / "calendars").write_bytes(b"pas un dossier\n")
    out = gc("init", cwd=tmp_path)
    assert out.exit_code == 2
    assert "calendars: cannot make the folder" in out.stderr
    assert (tmp_path / "calendars").read_bytes() == b"pas un dossier\n"


# -- the helper itself -------------------------------------------------------------------


def test_create_never_replaces_a_file_that_appeared(tmp_path: Path) -> None:
    target = tmp_path / "a.txt"
    target.write_bytes(b"premier\n")
    with pytest.raises(Refused, match="already exists"):
        atomic.create([(tmp_path / "b.txt", b"b"), (target, b"second\n")])
    assert target.read_bytes() == b"premier\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]  # b.txt taken back


def test_a_new_file_gets_the_usual_permissions(tmp_path: Path) -> None:
    umask = os.umask(0o027)
    try:
        atomic.write_file(tmp_path / "new.txt", b"x", "new.txt")
    finally:
        os.umask(umask)
    assert stat.S_IMODE((tmp_path / "new.txt").stat().st_mode) == 0o640


def test_replacing_keeps_special_mode_bits(tmp_path: Path) -> None:
    target = tmp_path / "f.txt"
    target.write_bytes(b"old")
    target.chmod(0o2664)
    atomic.write_file(target, b"new", "f.txt")
    assert stat.S_IMODE(target.stat().st_mode) == 0o2664
    assert target.read_bytes() == b"new"


# -- (15) what check reads, schedule edits --------------------------------------------


@pytest.mark.parametrize("char", ["\u2028", "\u2029", "\x85"])
def test_a_yaml_1_1_line_break_in_a_comment_does_not_stop_an_edit(
    gc: Callable[..., Invoke], cal: CalendarDir, char: str
) -> None:
    text = POSTS.replace("# Publications de décembre", f"# Publications{char}de décembre")
    path = cal.write("posts.yaml", text)
    assert gc("check", "--now", NOW, cwd=cal.root.parent).exit_code == 0
    out = schedule(gc, cal)
    assert out.exit_code == 0, out.stderr
    assert path.read_text(encoding="utf-8") == text.replace(
        "  - id: abc\n", f"  - id: abc\n    publish_at: {NEW}\n"
    )
