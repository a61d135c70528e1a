"""What git's last commit holds of the register: a decision's history only ever grows, so an
event that the committed version of a file (HEAD) has and the working file lacks was lost.

git runs as a subprocess, and only for the files it says differ from HEAD: when nothing does,
this costs one ``git diff`` (which compares file stats, not contents). Outside a git repository,
without git, or before a first commit, there is nothing to compare with.
"""

from __future__ import annotations

import subprocess
from collections import Counter
from pathlib import Path
from typing import NamedTuple

from .errors import ConsensusError
from .language import n_
from .models import Decision
from .storage import read_regular

_TIMEOUT = 60


class Lost(NamedTuple):
    """Events of the committed version of a file that the working file lacks."""

    file: str  # relative to the register
    message: str


def _git(root: Path, *args: str, stdin: bytes | None = None) -> bytes | None:
    try:
        done = subprocess.run(["git", *args], cwd=root, input=stdin, capture_output=True,
                              timeout=_TIMEOUT, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def _changed(root: Path, folder: str) -> list[tuple[str, str]]:
    """(status, path relative to the register) of each file in ``folder`` that differs from HEAD."""
    out = _git(root, "diff", "--name-status", "-z", "--no-renames", "--relative", "HEAD", "--", folder)
    if not out:
        return []
    parts = out.decode("utf-8", "surrogateescape").split("\0")
    return [(parts[i], parts[i + 1]) for i in range(0, len(parts) - 1, 2)]


def _committed(root: Path, paths: list[str]) -> dict[str, bytes]:
    """The content of each path in HEAD (``git cat-file --batch``: one process for all)."""
    if not paths:
        return {}
    out = _git(root, "cat-file", "--batch", stdin="".join(f"HEAD:./{p}\n" for p in paths).encode())
    found: dict[str, bytes] = {}
    position = 0
    for path in paths if out is not None else ():
        assert out is not None
        end = out.find(b"\n", position)
        if end < 0:
            break
        header = out[position:end].split()
        position = end + 1
        if len(header) == 3 and header[1] == b"blob" and header[2].isdigit():
            size = int(header[2])
            found[path] = out[position:position + size]
            position += size + 1
    return found


def _read(path: Path, data: bytes) -> Decision | None:
    from . import schema, tomlfile

    try:
        return schema.decision(tomlfile.parse(data, path), path, data.decode("utf-8"))
    except (ConsensusError, UnicodeDecodeError):
        return None  # a file that cannot be read is reported as such, not compared


def lost(root: Path, folder: str = "decisions") -> list[Lost]:
    """Each decision file of ``root`` that lost events since the last commit, or was deleted."""
    changed = [(status, path) for status, path in _changed(root, folder)
               if status[:1] in ("M", "D", "T") and path.endswith(".toml")]
    before = _committed(root, [path for _, path in changed])
    found: list[Lost] = []
    for status, path in changed:
        old = _read(root / path, before[path]) if path in before else None
        if old is None or not old.history:
            continue
        if status.startswith("D") or not (root / path).exists():
            found.append(Lost(path, n_(
                'was deleted, but the last commit (HEAD) has its history of {n} event: a decision is never '
                'deleted — restore it with "git checkout HEAD -- {path}"',
                'was deleted, but the last commit (HEAD) has its history of {n} events: a decision is never '
                'deleted — restore it with "git checkout HEAD -- {path}"', len(old.history)).format(
                n=len(old.history), path=path)))
            continue
        try:
            data = read_regular(root / path)[0]  # never a link, never a FIFO that would make check wait
        except (OSError, ConsensusError):
            continue  # what cannot be read is a broken file, which check reports as such
        now = _read(root / path, data)
        if now is None:
            continue
        missing = _missing(old, now)
        if missing:
            first = old.history[missing[0]]
            numbers = ", ".join(str(i + 1) for i in missing[:5]) + (" …" if len(missing) > 5 else "")
            found.append(Lost(path, n_(
                'the last commit (HEAD) has events this file lacks (event {numbers} there, the first: {kind} '
                'by {by}, {at}): a history only grows — "git diff HEAD -- {path}" shows what was removed',
                'the last commit (HEAD) has events this file lacks (events {numbers} there, the first: {kind} '
                'by {by}, {at}): a history only grows — "git diff HEAD -- {path}" shows what was removed',
                len(missing)).format(numbers=numbers, kind=first.kind, by=first.by, at=first.at.isoformat(),
                                     path=path)))
    return found


def _missing(old: Decision, now: Decision) -> list[int]:
    """The places in ``old``'s history of the events ``now`` does not have (by what they are,
    not where: a merge re-links and renumbers)."""
    from .chain import identity

    now_texts = {v.number: v for v in now.versions}
    have = Counter(identity(e, now_texts.get(e.version or 0)) for e in now.history)
    old_texts = {v.number: v for v in old.versions}
    missing = []
    for index, event in enumerate(old.history):
        key = identity(event, old_texts.get(event.version or 0))
        if have[key]:
            have[key] -= 1
        else:
            missing.append(index)
    return missing
