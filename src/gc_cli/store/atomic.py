"""Writing a file all or nothing: the one way gc-cli writes (``schedule``, ``export -o``, ``init``).

The bytes go to a temporary file in the target's folder (the same file
system, so the rename is atomic), are flushed to disk, and the temporary file
is renamed over the target — or, for a new file, linked to its name, which
fails rather than replace a file that appeared meanwhile. The folder is then
flushed, so the rename survives a power cut. On any failure the temporary
file is removed and the target is left as it was.

Replacing an existing file keeps what the file is, or refuses
(:class:`~gc_cli.errors.Refused`) and writes nothing:

* its permission bits, owner and group go to the temporary file before any
  data does; when the owner or group cannot be given (a user may write a
  colleague's file but not give a file away), the write is refused;
* a file without any write permission bit is read-only by intent, and is
  refused even for root; so is a file the user may not write (``os.access``);
  a writable folder is not a licence to replace the files in it;
* a file with several hard links is refused: a rename would give this name a
  new file and leave the other names with the old content.

Concurrent writers (``schedule`` reads, plans, then writes): :func:`hold`
takes an advisory lock on the file (``flock``, POSIX), and under it
:func:`replace` checks that the file still holds what was read right before
the rename, and checks the old file again right after it, putting back what
another program wrote into it in between and refusing the edit. gc-cli, or
any program that takes the same lock (and then checks that the name still
leads to the file it locked), never loses an update this way. The lock is
advisory: a program that does not take it can still race, in the
microseconds between the last check and the rename; and a program that keeps
the file open across the rename and writes to it later writes into the old
file, which no name leads to any more. On Linux gc-cli looks for such a
program first (in ``/proc``, among the processes the user may inspect) and
refuses while one has the file open for writing; one that opens it during
those last milliseconds is not seen.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from gc_cli.errors import GcError, Refused
from gc_cli.i18n import Message
from gc_cli.store.safeio import DEFAULT_YAML_BYTES, UnsafeFile, kind_of, open_regular

try:
    import fcntl
except ImportError:  # pragma: no cover - no advisory locks (Windows): the checks remain
    fcntl = None  # type: ignore[assignment]

#: How long a write waits for another program's lock on the file, in seconds.
LOCK_WAIT = 10.0
_LOCK_POLL = 0.01
_READ_FLAGS = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
_TEMP_SUFFIX = ".gc-tmp"
#: flock(2) errors of a file system that has no locks (some network and FUSE
#: file systems): the write goes on with its checks alone.
_NO_LOCKS = frozenset((errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EINVAL))


def cannot_write(name: str, exc: OSError) -> GcError:
    """The failure (exit 2) of a write the system refused, naming the file."""
    return GcError(
        Message(
            "{file}: cannot write the file ({reason})", file=name, reason=exc.strerror or str(exc)
        )
    )


def changed_on_disk(name: str) -> Message:
    """The refusal when a file changed between reading and writing."""
    return Message(
        "{file}: the file changed on disk since gc-cli read it; nothing written. Run the "
        "command again",
        file=name,
    )


@dataclass(frozen=True, slots=True)
class Held:
    """An existing regular file, open (and locked, when asked) while it is replaced.

    ``info`` is its status once held; ``name`` is how messages name it.
    """

    path: Path
    name: str
    fd: int
    info: os.stat_result
    follow: bool = True

    def read(self, limit: int) -> bytes:
        """What the held file holds now, at most ``limit`` bytes (it may have lost its name)."""
        chunks: list[bytes] = []
        offset = 0
        os.lseek(self.fd, 0, os.SEEK_SET)  # the descriptor is ours alone: no pread needed
        while offset < limit:
            chunk = os.read(self.fd, min(limit - offset, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            offset += len(chunk)
        return b"".join(chunks)

    def size(self) -> int:
        return os.fstat(self.fd).st_size

    def named(self) -> bool:
        """Whether the name still leads to the held file (no one renamed another over it)."""
        try:
            now = os.stat(self.path, follow_symlinks=self.follow)
        except OSError:
            return False
        return (now.st_dev, now.st_ino) == (self.info.st_dev, self.info.st_ino)


@contextlib.contextmanager
def hold(
    path: Path, name: str, *, lock: bool = False, follow: bool = True, wait: float | None = None
) -> Iterator[Held]:
    """``path`` opened for replacing, locked exclusively when ``lock`` (released on exit).

    Waits for another program's lock at most ``wait`` seconds (default
    :data:`LOCK_WAIT`), then refuses. A name that, meanwhile, leads to
    another file is opened again. ``follow=False`` refuses a symbolic link.
    Raise :class:`Refused` when the file is gone (it changed since it was
    read) and :class:`GcError` when it is not a regular file.
    """
    seconds = LOCK_WAIT if wait is None else wait
    deadline = time.monotonic() + seconds
    flags = _READ_FLAGS | (0 if follow else getattr(os, "O_NOFOLLOW", 0))
    while True:
        try:
            fd = os.open(path, flags)
        except FileNotFoundError:
            raise Refused(changed_on_disk(name)) from None
        except OSError as exc:
            raise cannot_write(name, exc) from None
        try:
            info = os.fstat(fd)
            what = kind_of(info.st_mode)
            if what is not None:
                raise GcError(Message("{file}: {reason}", file=name, reason=what))
            if lock and fcntl is not None and _lock(fd, name, deadline, seconds):
                info = os.fstat(fd)  # as it is now: a chmod while waiting counts
            held = Held(path, name, fd, info, follow)
            if not lock or held.named():
                break
        except BaseException:
            os.close(fd)
            raise
        os.close(fd)  # replaced while we waited for the lock: hold the new file
        if time.monotonic() >= deadline:
            raise Refused(changed_on_disk(name))
    try:
        yield held
    finally:
        os.close(fd)  # closing the last descriptor releases the lock


def _lock(fd: int, name: str, deadline: float, seconds: float) -> bool:
    """Take ``flock(LOCK_EX)`` on ``fd``, polling until ``deadline``; False if locks are
    not supported here. Polling (rather than a blocking call) bounds the wait."""
    assert fcntl is not None
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            if time.monotonic() >= deadline:
                raise Refused(
                    Message(
                        "{file}: another program holds a lock on the file (gc-cli waited "
                        "{seconds:g} s); nothing written. Run the command again",
                        file=name,
                        seconds=seconds,
                    )
                ) from None
            time.sleep(_LOCK_POLL)
        except OSError as exc:
            if exc.errno in _NO_LOCKS:
                return False
            raise cannot_write(name, exc) from None


def refuse_unsafe(held: Held) -> None:
    """Refuse a file that replacing it would harm: read-only, not ours to write, hard-linked."""
    info = held.info
    name = held.name
    mode = stat.S_IMODE(info.st_mode)
    if not mode & 0o222:
        raise Refused(
            Message(
                "{file}: the file is read-only (mode {mode}); nothing written. Make it "
                "writable (chmod u+w) to let gc-cli change it",
                file=name,
                mode=format(mode, "04o"),
            )
        )
    effective = os.access in os.supports_effective_ids
    if not os.access(held.path, os.W_OK, effective_ids=effective):
        raise Refused(
            Message(
                "{file}: you may not write this file (its owner is user {uid}, mode {mode}); "
                "nothing written",
                file=name,
                uid=info.st_uid,
                mode=format(mode, "04o"),
            )
        )
    if info.st_nlink > 1:
        raise Refused(
            Message(
                "{file}: the file has {links} hard links (other names for the same file); "
                "replacing it would leave the other names with the old content, so nothing "
                "is written. Change it by hand, or make it a file of its own first "
                "(cp FILE FILE.new && mv FILE.new FILE)",
                file=name,
                links=info.st_nlink,
            )
        )


def writers(files: Sequence[os.stat_result]) -> dict[tuple[int, int], list[str]]:
    """Other processes that have one of ``files`` open for writing, as ``name (PID N)``,
    keyed by ``(st_dev, st_ino)``.

    Read from ``/proc`` (Linux; see proc(5): ``/proc/PID/fd`` and the ``flags``
    of ``/proc/PID/fdinfo``), and only for the processes this user may
    inspect; elsewhere nothing is found. Such a program may write into the
    file after it has been replaced, where no name leads any more.
    """
    wanted = {(info.st_dev, info.st_ino) for info in files}
    found: dict[tuple[int, int], list[str]] = {}
    try:
        pids = [name for name in os.listdir("/proc") if name.isdigit()]
    except OSError:
        return found
    me = str(os.getpid())
    for pid in pids:
        if pid == me:
            continue
        try:
            fds = os.listdir(f"/proc/{pid}/fd")
        except OSError:
            continue  # gone, or another user's
        for fd in fds:
            try:
                info = os.stat(f"/proc/{pid}/fd/{fd}")
                key = (info.st_dev, info.st_ino)
                if key in wanted and _open_for_writing(pid, fd):
                    found.setdefault(key, []).append(_process(pid))
            except OSError:
                continue
    return found


def _open_for_writing(pid: str, fd: str) -> bool:
    with open(f"/proc/{pid}/fdinfo/{fd}", encoding="ascii") as fdinfo:
        for line in fdinfo:
            if line.startswith("flags:"):
                return int(line.split()[1], 8) & os.O_ACCMODE in (os.O_WRONLY, os.O_RDWR)
    return False


def _process(pid: str) -> str:
    try:
        with open(f"/proc/{pid}/comm", encoding="utf-8", errors="replace") as comm:
            name = comm.read().strip()
    except OSError:
        name = "?"
    return f"{name} (PID {pid})"  # PID: the same word in every language


def refuse_writers(helds: Sequence[Held]) -> None:
    """Refuse when another program has one of the held files open for writing."""
    found = writers([held.info for held in helds])
    for held in helds:
        programs = found.get((held.info.st_dev, held.info.st_ino))
        if programs:
            raise Refused(
                Message(
                    "{file}: another program has the file open for writing ({programs}); "
                    "what it writes after gc-cli replaces the file would be lost, so nothing "
                    "is written. Close it, then run the command again",
                    file=held.name,
                    programs=", ".join(programs),
                )
            )


@dataclass(frozen=True, slots=True)
class Replacement:
    """One held file and the bytes to replace it with.

    ``unchanged`` says whether the held file still holds what was read; with
    it, the file is also refused while another program has it open for
    writing (:func:`refuse_writers`).
    """

    held: Held
    data: bytes
    unchanged: Callable[[Held], bool] | None = None


def replace(held: Held, data: bytes, *, unchanged: Callable[[Held], bool] | None = None) -> None:
    """Replace the held file by ``data``, all or nothing, keeping its mode and owner."""
    replace_all([Replacement(held, data, unchanged)])


def replace_all(items: Sequence[Replacement], done: list[Held] | None = None) -> None:
    """Replace each held file by its data, keeping mode and owner; ``done`` collects
    the files replaced, in order.

    The slow part comes first: every file is judged (:func:`refuse_unsafe`)
    and every temporary file written and flushed. Then, with nothing left but
    renames, other writers are looked for once and every file is compared
    with what was read, so a refusal writes nothing; each file is compared
    once more right before its rename, and its old file right after it.
    Raise :class:`Refused` as the module says, and :class:`GcError` when the
    system refuses a write.
    """
    for item in items:
        refuse_unsafe(item.held)
    temps: list[str] = []
    try:
        for item in items:
            held = item.held
            temps.append(
                _temporary(held.path.parent, held.path.name, item.data, held.info, held.name)
            )
        checked = [item for item in items if item.unchanged is not None]
        if checked:
            refuse_writers([item.held for item in checked])
        for item in items:
            _refuse_changed(item)
        for index, item in enumerate(items):
            held = item.held
            if index:  # the first was compared a moment ago; the others, before renames
                _refuse_changed(item)
            try:
                os.replace(temps[index], held.path)
            except OSError as exc:
                raise cannot_write(held.name, exc) from None
            temps[index] = ""
            _sync_folder(held.path.parent)
            if item.unchanged is not None and not _unchanged(item):
                # Written into the old file between the last check and the rename.
                _put_back(held, item.data)
                raise Refused(changed_on_disk(held.name))
            if done is not None:
                done.append(held)
    finally:
        for tmp in temps:
            if tmp:
                _remove(tmp)


def _unchanged(item: Replacement) -> bool:
    try:
        return item.unchanged is None or item.unchanged(item.held)
    except OSError as exc:
        raise cannot_write(item.held.name, exc) from None


def _refuse_changed(item: Replacement) -> None:
    if not (item.held.named() and _unchanged(item)):
        raise Refused(changed_on_disk(item.held.name))


def _put_back(held: Held, ours: bytes) -> None:
    """Give the name back what another program wrote into the file just replaced,
    unless the name no longer holds ``ours`` either (then that newer file stays)."""
    limit = max(DEFAULT_YAML_BYTES, 4 * (held.info.st_size + len(ours)))
    try:
        theirs = held.read(limit + 1)
    except OSError as exc:
        raise cannot_write(held.name, exc) from None
    if len(theirs) > limit:
        return
    try:
        with open_regular(held.path, held.name) as now:
            if now.read(len(ours) + 1) != ours:
                return
    except UnsafeFile:
        return
    tmp = _temporary(held.path.parent, held.path.name, theirs, held.info, held.name)
    try:
        os.replace(tmp, held.path)
    except OSError as exc:
        _remove(tmp)
        raise cannot_write(held.name, exc) from None
    _sync_folder(held.path.parent)


def write_file(path: Path, data: bytes, name: str) -> None:
    """Write ``path``, a new file or a regular file it replaces (links not followed)."""
    if os.path.lexists(path):
        with hold(path, name, follow=False) as held:
            replace(held, data)
    else:
        create([(path, data)], [name])


def create(files: Sequence[tuple[Path, bytes]], names: Sequence[str] | None = None) -> None:
    """Write new files, all of them or none; :class:`Refused` if one of them exists.

    Each file gets the usual permissions (0666 less the umask). A failure
    removes the temporary files and the files this call already created.
    """
    labels = list(names) if names is not None else [str(path) for path, _ in files]
    temps: list[tuple[Path, str, str, os.stat_result]] = []
    linked: list[tuple[Path, os.stat_result]] = []
    done = False
    try:
        for (path, data), label in zip(files, labels, strict=True):
            tmp = _temporary(path.parent, path.name, data, None, label)
            temps.append((path, label, tmp, os.lstat(tmp)))
        for path, label, tmp, info in temps:
            try:
                _link_new(tmp, path)
            except FileExistsError:
                raise Refused(
                    Message("{file}: already exists; nothing written", file=label)
                ) from None
            except OSError as exc:
                raise cannot_write(label, exc) from None
            linked.append((path, info))
        for folder in dict.fromkeys(path.parent for path, _ in files):
            _sync_folder(folder)
        done = True
    finally:
        for _path, _label, tmp, _info in temps:
            _remove(tmp)
        if not done:
            for path, info in linked:
                with contextlib.suppress(OSError):
                    now = os.lstat(path)
                    if (now.st_dev, now.st_ino) == (info.st_dev, info.st_ino):
                        os.unlink(path)


def _link_new(tmp: str, path: Path) -> None:
    """Give ``tmp`` the name ``path`` only if no file has it: ``link(2)`` never replaces.

    On a file system without hard links the name is checked, then renamed
    to: a file created in between would be replaced.
    """
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EMLINK):
            raise
        if os.path.lexists(path):
            raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(path)) from None
        os.rename(tmp, path)


def _temporary(folder: Path, stem: str, data: bytes, like: os.stat_result | None, name: str) -> str:
    """A temporary file in ``folder`` holding ``data``, flushed to disk; its path.

    With ``like``, it gets that file's owner, group and permissions before the
    data goes in (never readable by more people than the original, even for
    a moment). Removed again on any failure.
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    flags |= getattr(os, "O_NOFOLLOW", 0)
    tmp = ""
    fd = -1
    try:
        for _attempt in range(100):
            tmp = os.path.join(folder, f".{stem}.{secrets.token_hex(4)}{_TEMP_SUFFIX}")
            try:
                fd = os.open(tmp, flags, 0o600 if like is not None else 0o666)
                break
            except FileExistsError:
                tmp = ""
        else:  # pragma: no cover - 100 random names taken
            raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(folder))
        if like is not None:
            _keep_owner_and_mode(fd, like, name)
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
        os.close(fd)
        fd = -1
        return tmp
    except BaseException as exc:
        if fd >= 0:
            os.close(fd)
        if tmp:
            _remove(tmp)
        if isinstance(exc, OSError):
            raise cannot_write(name, exc) from None
        raise


def _keep_owner_and_mode(fd: int, like: os.stat_result, name: str) -> None:
    """Give the file open as ``fd`` the owner, group and permission bits of ``like``.

    The owner first: chown(2) clears the set-user-ID and set-group-ID bits,
    which the mode then puts back.
    """
    if hasattr(os, "fchown"):
        mine = os.fstat(fd)
        uid = like.st_uid if mine.st_uid != like.st_uid else -1
        gid = like.st_gid if mine.st_gid != like.st_gid else -1
        if (uid, gid) != (-1, -1):
            try:
                os.fchown(fd, uid, gid)
            except OSError:
                raise Refused(
                    Message(
                        "{file}: gc-cli cannot give the new file the owner and group of the "
                        "old one (user {uid}, group {gid}), and will not change who owns it; "
                        "nothing written. Run the command as that user",
                        file=name,
                        uid=like.st_uid,
                        gid=like.st_gid,
                    )
                ) from None
    if hasattr(os, "fchmod"):
        os.fchmod(fd, stat.S_IMODE(like.st_mode))


def _remove(path: str) -> None:
    with contextlib.suppress(OSError):  # the error being reported is the one that matters
        os.unlink(path)


def _sync_folder(folder: Path) -> None:
    """Flush the folder entry, so the rename itself survives a power cut (POSIX)."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems cannot sync a folder; the rename is done anyway
    finally:
        os.close(fd)
