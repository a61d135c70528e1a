"""Writing files so that nothing is ever half-written or lost.

One writer at a time (an ``flock`` on a lock file, released by the kernel when a process dies,
so a killed process never leaves a stale lock). A single file is written to a temporary file
in the same folder, fsynced and renamed over the old one. Several files that must change
together go through a journal: all temporaries are written first, then a journal naming them,
then the renames; the next writer finishes an interrupted journal, so either every file
changed or none did.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import tempfile
import time
from collections.abc import Iterator, Mapping
from pathlib import Path

from .errors import ConsensusError

TEMP_SUFFIX = ".tmp"
LOCK_TIMEOUT = 60.0
FAILPOINT_VARIABLE = "CONSENSUS_FAILPOINT"


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


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_temp(path: Path, data: bytes, durable: bool = True) -> Path:
    """``data`` in a temporary beside ``path`` (hidden, never named like a register file),
    fsynced unless it is only a cache."""
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=TEMP_SUFFIX)
    try:
        # mkstemp makes files only their owner may read; a register is shared like any file.
        os.fchmod(fd, 0o666 & ~_umask())
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(name)
        raise
    return Path(name)


def write_atomic(path: Path, data: bytes, durable: bool = True) -> None:
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


def commit(journal: Path, changes: Mapping[Path, bytes | None]) -> None:
    """Write (bytes) or delete (None) every path in ``changes``, all or nothing."""
    if len(changes) == 1:
        ((path, data),) = changes.items()
        if data is None:
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
        else:
            write_atomic(path, data)
        return
    steps: list[list[str | None]] = []
    try:
        for path, data in changes.items():
            temp = None if data is None else str(write_temp(path, data))
            steps.append([temp, str(path)])
            _failpoint("temporary-written")
    except BaseException:
        for temp, _ in steps:
            if temp:
                with contextlib.suppress(OSError):
                    os.unlink(temp)
        raise
    write_atomic(journal, json.dumps({"steps": steps}).encode())
    _failpoint("journal-written")
    _apply(journal, steps)


def _apply(journal: Path, steps: list[list[str | None]]) -> None:
    folders = set()
    for temp, target in steps:
        assert target is not None
        if temp is None:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(target)
        elif os.path.exists(temp):
            os.replace(temp, target)
            _failpoint("file-replaced")
        folders.add(Path(target).parent)
    for folder in folders:
        _fsync_dir(folder)
    _failpoint("journal-applied")
    with contextlib.suppress(FileNotFoundError):
        journal.unlink()
    _fsync_dir(journal.parent)


def recover(journal: Path, folders: list[Path]) -> None:
    """Finish an interrupted journal and remove temporaries a killed writer left behind."""
    if journal.exists():
        try:
            steps = json.loads(journal.read_bytes())["steps"]
        except (ValueError, KeyError, OSError):
            steps = None  # the journal itself was never completed: its changes never began
        if steps is not None:
            _apply(journal, steps)
        else:
            with contextlib.suppress(FileNotFoundError):
                journal.unlink()
    for folder in folders:
        with contextlib.suppress(OSError):
            for name in temporaries(os.listdir(folder)):
                with contextlib.suppress(OSError):
                    os.unlink(folder / name)


_TEMPORARY = re.compile(r"(?:^|\0)(\.[^\0]*" + re.escape(TEMP_SUFFIX) + r")(?=\0|$)")


def temporaries(names: list[str]) -> list[str]:
    """The names among ``names`` that are temporaries of ours. Every write looks through the folder
    of decisions: at 10,000 names one regular expression over them all, in C, is what a loop over
    the names costs a hundred decisions."""
    return _TEMPORARY.findall("\0".join(names))


@contextlib.contextmanager
def locked(lock_path: Path, timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
    """Hold the register's write lock for the duration of the block."""
    import fcntl

    try:
        lock_path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise ConsensusError(
            f"cannot write to the register at {lock_path.parent.parent}: {exc.strerror} — "
            "check that the folder is yours and writable"
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
                        "the register is busy: another consensus command has been writing for "
                        f"{timeout:.0f} seconds — try again, or look for a stuck process"
                    ) from None
                time.sleep(0.005)
        yield
    finally:
        os.close(fd)  # closing releases the lock
