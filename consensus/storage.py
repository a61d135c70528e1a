"""Writing files so that nothing is ever half-written or lost.

One writer at a time (an ``flock`` on a lock file, released by the kernel when a process dies,
so a killed process never leaves a stale lock). A single file is written to a temporary file
in the same folder, fsynced and renamed over the old one. Several files that must change
together go through a journal: all temporaries are written first, then a journal naming them,
then the renames; the next writer finishes an interrupted journal, so either every file
changed or none did.

A journal is trusted only as far as it could have been written here: it names this register's
folder and carries a random key that only this machine's ``.consensus/`` holds, and each of its
steps renames a temporary named as ``write_temp`` names them onto a register file beside it. A
journal that came from elsewhere (a copy, a ``git pull`` of one committed by mistake or on
purpose) is refused whole, and nothing is touched.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import stat
import time
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

from .errors import BrokenFile, ConsensusError, shown_path
from .language import N_, _

TEMP_SUFFIX = ".tmp"
# What write_temp names a temporary: ".NAME.RANDOM.tmp" (and what the tempfile module named
# them before, so that leftovers of older versions are cleaned too).
TEMPORARY = re.compile(r"\.(?P<name>.+)\.[a-z0-9_]{8}\.tmp")
LOCK_TIMEOUT = 60.0
FAILPOINT_VARIABLE = "CONSENSUS_FAILPOINT"
JOURNAL_LIMIT = 1 << 20  # a journal names a few files; anything larger is not one

Signature = tuple[int, int, int, int]


def signature(stat: os.stat_result) -> Signature:
    """What identifies one state of a file: inode, size, modification and change time."""
    return (stat.st_ino, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns)


Owned = Mapping[Path, Callable[[str], bool]]
"""Folders of a register, each with the test of which file names in it are the register's own."""


def _failpoint(name: str) -> None:
    """Die here, as a power cut would, when the crash tests ask for it."""
    if os.environ.get(FAILPOINT_VARIABLE) == name:
        import signal

        os.kill(os.getpid(), signal.SIGKILL)


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def write_temp(path: Path, data: bytes | bytearray, durable: bool = True) -> Path:
    """``data`` in a temporary beside ``path`` (hidden, never named like a register file),
    fsynced unless it is only a cache."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
    while True:
        # os.urandom, not the secrets module: that brings the random module, 16 ms of the merge
        # driver's start (one process a file of a pull); a name need only be unlikely to be taken.
        name = path.parent / f".{path.name}.{os.urandom(4).hex()}{TEMP_SUFFIX}"
        try:
            fd = os.open(name, flags, 0o666)  # the umask decides, as for any file people share
            break
        except FileExistsError:
            continue
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(name)
        raise
    return name


def write_atomic(path: Path, data: bytes | bytearray, durable: bool = True) -> None:
    """Replace ``path`` with ``data``: readers see the old file or the new one, never a mix."""
    temp = write_temp(path, data, durable)
    _failpoint("single-temporary-written")
    try:
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    if durable:
        _fsync_dir(path.parent)


FILE_LIMIT = 32 * 1024 * 1024
"""The most a register file may hold. The longest history the benchmark makes (2,000 events) is
well under a megabyte; a pulled file of gigabytes (git compresses, so a small pull can unpack
into one) would otherwise take memory by the gigabyte before anything could refuse it."""

READ_FLAGS = os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
# O_NONBLOCK: should a FIFO appear under the name, opening it must not wait. O_NOFOLLOW: a
# symbolic link (git checks them out) is never followed out of the register.


def read_regular(path: Path, limit: int | None = None) -> tuple[bytes, os.stat_result]:
    """A regular file's bytes and the stat of exactly those bytes. Anything else (a symbolic
    link, a FIFO, a socket, a device, a folder) is a ``BrokenFile`` and is never opened for
    reading, so it can neither lead out of the register, hang a reader nor feed it endless data;
    nor is a file longer than ``limit`` (``FILE_LIMIT`` unless given). A missing file is
    ``FileNotFoundError``."""
    limit = FILE_LIMIT if limit is None else limit
    try:
        before = os.lstat(path)
    except FileNotFoundError:
        raise
    except OSError as exc:
        raise BrokenFile(path, _cannot_read(exc)) from None
    if not stat.S_ISREG(before.st_mode):
        raise BrokenFile(path, _not_regular(before.st_mode))
    try:
        fd = os.open(path, READ_FLAGS)
    except FileNotFoundError:
        raise
    except OSError as exc:
        if exc.errno == errno.ELOOP:  # it became a link since the look above
            raise BrokenFile(path, _not_regular(stat.S_IFLNK)) from None
        raise BrokenFile(path, _cannot_read(exc)) from None
    with os.fdopen(fd, "rb") as handle:
        now = os.fstat(fd)
        if not stat.S_ISREG(now.st_mode):
            raise BrokenFile(path, _not_regular(now.st_mode))
        if now.st_size > limit:
            raise BrokenFile(path, _("is {size} bytes long, too long to be what it should be").format(size=now.st_size))
        try:
            return handle.read(), now
        except OSError as exc:
            raise BrokenFile(path, _cannot_read(exc)) from None


def read_at(folder: int, name: str, path: Path) -> tuple[bytes, os.stat_result]:
    """``read_regular(path)`` for a file ``name`` in the open folder ``folder``: the same answer
    with a third of the system calls and no path to walk again (at 100,000 files it shows); for
    anything but a regular file of at most ``FILE_LIMIT`` read whole, ``read_regular`` itself
    says what it is."""
    try:
        fd = os.open(name, READ_FLAGS, dir_fd=folder)
    except FileNotFoundError:
        raise
    except OSError:
        return read_regular(path)
    try:
        now = os.fstat(fd)
        if stat.S_ISREG(now.st_mode) and now.st_size <= FILE_LIMIT:
            data = os.read(fd, now.st_size + 1)
            if len(data) == now.st_size:
                return data, now
    finally:
        os.close(fd)
    return read_regular(path)


def add_lines(path: Path, lines: list[str], *, unless: str | None = None) -> list[str]:
    """Add to the text file ``path`` (made where there is none) each of ``lines`` it lacks, or
    nothing if it holds ``unless``; the lines added. For the repository's own files that
    consensus adds to (``.gitignore``, ``.gitattributes``): they come with a clone, so one that is
    a link is refused, never written through, and the new text replaces the file whole."""
    try:
        data = read_regular(path, limit=1024 * 1024)[0]
    except FileNotFoundError:
        data = b""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BrokenFile(path, _("is not UTF-8 text"), data[: exc.start].count(b"\n") + 1) from None
    present = text.splitlines()
    missing = [] if unless is not None and unless in text else [line for line in lines if line not in present]
    if missing:
        if text and not text.endswith("\n"):
            text += "\n"
        write_atomic(path, (text + "\n".join(missing) + "\n").encode("utf-8"))
    return missing


def own_or_absent(path: Path | str) -> bool:
    """Whether ``path`` is a regular file of its own (no other name links to it), or nothing: never
    a symbolic link. What consensus opens to write into by name, in ``.consensus/``, must be so: a
    link committed there (``git add -f``) would have it write wherever the link points."""
    try:
        found = os.lstat(path)
    except FileNotFoundError:
        return True
    return stat.S_ISREG(found.st_mode) and found.st_nlink == 1


def _cannot_read(exc: OSError) -> str:
    return _("cannot be read: {problem}").format(problem=exc.strerror)


def _not_regular(mode: int) -> str:
    if stat.S_ISLNK(mode):
        return _("is a symbolic link — consensus never reads or writes through a link (it could lead "
                 "anywhere); replace it with the file itself, or remove it")
    for test, kind in ((stat.S_ISDIR, N_("a folder")), (stat.S_ISFIFO, N_("a named pipe (FIFO)")),
                       (stat.S_ISSOCK, N_("a socket")), (stat.S_ISCHR, N_("a device")), (stat.S_ISBLK, N_("a device"))):
        if test(mode):
            return _("is {kind}, not a file — only regular files are read; remove it").format(kind=_(kind))
    return _("is not a regular file — only regular files are read; remove it")


# -- journals -------------------------------------------------------------------------------------


def machine_key(key: Path, make: bool = False) -> str | None:
    """The random key that binds journals to this copy of the register (made when ``make``)."""
    try:
        data, _stat = read_regular(key, limit=256)
        text = data.decode("ascii", "replace").strip()
        if re.fullmatch(r"[0-9a-f]{32}", text):
            return text
    except FileNotFoundError:
        pass
    if not make:
        return None
    import secrets

    text = secrets.token_hex(16)
    write_atomic(key, (text + "\n").encode())
    return text


class Written(str):
    """A temporary that ``write_temp`` wrote already, for the path it is staged for: a change of
    very many files writes each as it is made, instead of holding them all in memory."""


def commit(journal: Path, changes: Mapping[Path, bytes | Written | None], *, register: Path, key: Path) -> None:
    """Write (bytes, or a temporary ``Written`` already) or delete (None) every path in
    ``changes``, all or nothing.

    ``changes`` are files of the register in ``register``; the journal, if one is needed, names
    them by their absolute, resolved paths, so a later command finishes it from any folder.
    """
    if len(changes) == 1:
        ((path, data),) = changes.items()
        if data is None:
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
        elif isinstance(data, Written):
            os.replace(data, path)
            _fsync_dir(path.parent)
        else:
            write_atomic(path, data)
        return
    token = machine_key(key, make=True)
    steps: list[list[str | None]] = []
    try:
        for path, data in changes.items():
            target = path.parent.resolve() / path.name
            temp = None if data is None else str(data) if isinstance(data, Written) else str(write_temp(target, data))
            steps.append([temp, str(target)])
            _failpoint("temporary-written")
    except BaseException:
        for temp, _target in steps:
            if temp:
                with contextlib.suppress(OSError):
                    os.unlink(temp)
        raise
    record = {"register": str(register.resolve()), "key": token, "steps": steps}
    write_atomic(journal, json.dumps(record, ensure_ascii=False).encode())
    _failpoint("journal-written")
    _apply(journal, steps)


def _apply(journal: Path, steps: list[list[str | None]]) -> None:
    folders = set()
    for temp, target in steps:
        assert target is not None
        if temp is None:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(target)
        elif os.path.lexists(temp):
            os.replace(temp, target)
            _failpoint("file-replaced")
        folders.add(Path(target).parent)
    for folder in folders:
        _fsync_dir(folder)
    _failpoint("journal-applied")
    with contextlib.suppress(FileNotFoundError):
        journal.unlink()
    _fsync_dir(journal.parent)


class ForeignJournal(ConsensusError):
    """A journal this machine did not write for this register: refused, nothing touched."""

    def __init__(self, journal: Path, why: str) -> None:
        super().__init__(
            _("{path} was not written by consensus for this register on this machine ({why}): nothing was "
              "done — if no consensus command was interrupted here, delete it (it may have come with a copy "
              "or a git pull)").format(path=shown_path(journal), why=why)
        )


def tracked(path: Path) -> bool:
    """Whether git tracks ``path``: whoever can push wrote it. Asked of this clone's own files
    (a journal found after a command was stopped and the key it carries, the meeting in
    progress, "last") only where they exist. git runs in the folder that holds the file, as the
    system finds it: through a link in its path (a ``.consensus`` committed as a link to a
    folder of the tree), to where git keeps what it points to."""
    import subprocess

    try:
        done = subprocess.run(["git", "ls-files", "--error-unmatch", "--", path.name], cwd=path.parent,
                              capture_output=True, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return False  # no git: nothing came with a pull
    return done.returncode == 0


def _trusted_steps(journal: Path, register: Path, key: Path, targets: Owned) -> list[list[str | None]] | None:
    """The steps of the journal, each checked to be what ``commit`` writes; None if there is
    none; ``ForeignJournal`` if anything in it is not."""
    try:
        data, _stat = read_regular(journal, limit=JOURNAL_LIMIT)
    except FileNotFoundError:
        return None
    except BrokenFile as exc:
        raise ForeignJournal(journal, exc.detail) from None
    try:
        record: Any = json.loads(data)
    except (ValueError, RecursionError):
        # commit() writes a journal whole or not at all: a torn one was never written here.
        raise ForeignJournal(journal, _("it is not a journal")) from None
    if not isinstance(record, dict) or not isinstance(record.get("steps"), list):
        raise ForeignJournal(journal, _("it is not a journal"))
    root = register.resolve()
    named = record.get("register")
    if named != str(root):
        raise ForeignJournal(journal, _("it names the register {path}, not this one").format(path=_said(named))
                             if isinstance(named, str) else _("it names no register"))
    mine = machine_key(key)
    said = record.get("key")
    import hmac

    if mine is None or not isinstance(said, str) or not hmac.compare_digest(said.encode(), mine.encode()):
        raise ForeignJournal(journal, _("it does not carry this machine's key"))
    for local in (key, journal):
        if tracked(local):  # a pull writes over an ignored file of the same name, unasked
            raise ForeignJournal(journal, _("git tracks {file}, so it came with a clone or a pull").format(
                file=shown_path(local)))
    folders = {}
    for folder, owned in targets.items():
        where = folder.resolve()
        if where.is_relative_to(root):
            folders[where] = owned
    steps: list[list[str | None]] = []
    for step in record["steps"]:
        if not (isinstance(step, list) and len(step) == 2 and isinstance(step[1], str)
                and (step[0] is None or isinstance(step[0], str))):
            raise ForeignJournal(journal, _("a step of it is not a step"))
        temp, target = step
        path = Path(target)
        test = folders.get(path.parent) if path.is_absolute() else None
        if test is None or not test(path.name) or ".." in path.parts:
            raise ForeignJournal(journal, _("it would change {path}, which is not a file of this register").format(
                path=_said(target)))
        if temp is not None:
            made = Path(temp)
            match = TEMPORARY.fullmatch(made.name)
            if made.parent != path.parent or match is None or match["name"] != path.name:
                raise ForeignJournal(journal, _("it would move {path}, which is not a temporary it made").format(
                    path=_said(temp)))
            with contextlib.suppress(FileNotFoundError):
                if not stat.S_ISREG(os.lstat(made).st_mode):
                    raise ForeignJournal(journal, _("{path} is not a file it wrote").format(path=_said(temp)))
        steps.append([temp, target])
    return steps


def _said(value: object) -> str:
    text = str(value)
    return repr(text[:200] + ("…" if len(text) > 200 else ""))


def recover(journal: Path, *, register: Path, key: Path, targets: Owned, leftovers: Owned) -> None:
    """Finish an interrupted journal, then remove the temporaries a killed writer left behind:
    only files named as ``write_temp`` names them, beside a file of the register's own."""
    steps = _trusted_steps(journal, register, key, targets)
    if steps is not None:
        _apply(journal, steps)
    root = register.resolve()
    for folder, owned in leftovers.items():
        with contextlib.suppress(OSError):
            if not folder.resolve().is_relative_to(root):
                continue
            for name in temporaries(os.listdir(folder)):
                match = TEMPORARY.fullmatch(name)
                if match and owned(match["name"]) and stat.S_ISREG(os.lstat(folder / name).st_mode):
                    with contextlib.suppress(OSError):
                        os.unlink(folder / name)


_CANDIDATES = re.compile(r"(?:^|\0)(\.[^\0]*\.[a-z0-9_]{8}" + re.escape(TEMP_SUFFIX) + r")(?=\0|$)")


def temporaries(names: list[str]) -> list[str]:
    """The names among ``names`` that may be temporaries of ours. Every write looks through the
    folder of decisions: at 10,000 names one regular expression over them all, in C, is what a
    loop over the names costs a hundred decisions."""
    return _CANDIDATES.findall("\0".join(names))


WRITING = b"writing\n"


class Lock:
    """The register's write lock, held. Its file also says whether a writer was stopped while
    temporaries of its may have been on disk: only then does the next writer look through the
    register's folders for them (at 100,000 decisions, listing decisions/ on every write cost
    55–64 ms)."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self._marked = False

    @property
    def interrupted(self) -> bool:
        """Whether the last writer may have left temporaries behind."""
        try:
            return os.pread(self.fd, len(WRITING), 0) == WRITING
        except OSError:
            return True

    @contextlib.contextmanager
    def writing(self) -> Iterator[None]:
        """Say so on disk (and wait until it is there) before the block writes a temporary; once it
        is done, say it ended. A writer killed in the block, or a power cut, leaves the word behind."""
        self.mark()
        yield
        self.settled()

    def mark(self) -> None:
        """Say on disk, and wait until it is there, that temporaries are about to be written."""
        if not self._marked:
            os.pwrite(self.fd, WRITING, 0)
            getattr(os, "fdatasync", os.fsync)(self.fd)
            self._marked = True

    def settled(self) -> None:
        """No temporary of a writer is left behind (any more)."""
        with contextlib.suppress(OSError):
            os.ftruncate(self.fd, 0)
        self._marked = False


@contextlib.contextmanager
def locked(lock_path: Path, timeout: float = LOCK_TIMEOUT) -> Iterator[Lock]:
    """Hold the register's write lock for the duration of the block."""
    import fcntl

    try:
        lock_path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0), 0o644)
    except OSError as exc:
        raise ConsensusError(
            _("cannot write to the register at {path}: {problem} — check that the folder is yours and "
              "writable").format(path=lock_path.parent.parent, problem=exc.strerror)
        ) from None
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise ConsensusError(
                        _("the register is busy: another consensus command has been writing for {seconds} "
                          "seconds — try again, or look for a stuck process").format(seconds=f"{timeout:.0f}")
                    ) from None
                time.sleep(0.005)
        yield Lock(fd)
    finally:
        os.close(fd)  # closing releases the lock
