"""Writing a website into a folder so that a rebuild touches only what changed.

The folder keeps its own manifest (``.consensus-site.json``): for each file the key of what it
was made from, the digest of its bytes, and its size and modification time as written. A page
whose key is unchanged, and whose file is still as written, is not even made again; any other
page is made, and written only when its bytes differ. Files this tool wrote before and no longer
makes are removed; nothing else in the folder is ever touched, and a folder that holds other
things and no manifest is refused, so a mistyped ``-o`` cannot spill a site over someone's files.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import __version__
from .errors import ConsensusError
from .language import _

if TYPE_CHECKING:
    from .site import Page, Planned

MANIFEST = ".consensus-site.json"
LAYOUT = 1  # bump when the manifest changes shape: the next build then makes every page again


@dataclass
class Published:
    """What a build did."""

    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        """How many files the site has."""
        return len(self.written) + self.unchanged


def _read_manifest(out: Path) -> dict[str, list[Any]] | None:
    """The files the manifest lists, or None when the folder has none; a damaged manifest
    vouches for nothing (every page is then made again)."""
    path = out / MANIFEST
    try:
        data = json.loads(path.read_bytes())
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("layout") != LAYOUT or not isinstance(data.get("files"), dict):
        return {}
    return {k: v for k, v in data["files"].items() if isinstance(v, list) and len(v) == 4}


def _check_folder(out: Path) -> dict[str, list[Any]]:
    """The manifest of ``out``; refused when ``out`` is a file, or a folder of other things."""
    if out.exists() and not out.is_dir():
        raise ConsensusError(_("{path} is a file — give a folder for the website with -o").format(path=out))
    known = _read_manifest(out) if out.is_dir() else None
    if known is None:
        if out.is_dir() and any(out.iterdir()):
            raise ConsensusError(
                _("{path} is not empty and holds no website made by consensus — give a new or empty folder with "
                  "-o (nothing was written)").format(path=out)
            )
        return {}
    return known


def _intact(path: Path, entry: list[Any]) -> bool:
    """Whether the file is still as this tool wrote it."""
    try:
        stat = os.stat(path)
    except OSError:
        return False
    return bool(stat.st_size == entry[2] and stat.st_mtime_ns == entry[3])


def _same(path: Path, data: bytes) -> bool:
    """Whether the file at ``path`` holds ``data``."""
    try:
        return path.read_bytes() == data
    except OSError:
        return False


def _write(path: Path, data: bytes) -> os.stat_result:
    """``data`` into ``path`` through a temporary and a rename, so a web server serving the folder
    never sends half a page. Not fsynced: the site can always be built again."""
    from .storage import write_atomic

    write_atomic(path, data, durable=False)
    return os.stat(path)


_Job = tuple[Path, "Sequence[Planned]", Callable[["Page", str], bytes], dict[str, list[Any]]]
_JOB: _Job | None = None  # what the workers make: forked, they find it here, and send back little


def _make(root: str, indices: list[int]) -> list[tuple[str, list[Any], bool]]:
    """Make the files ``indices`` name and write those that changed: (path, manifest entry,
    whether it was written) for each."""
    assert _JOB is not None
    out, planned, render, known = _JOB
    results = []
    for index in indices:
        item = planned[index]
        path = out / item.path
        before = known.get(item.path)
        data = render(item.make(), item.path)
        digest = hashlib.blake2b(data, digest_size=16).hexdigest()
        if before is not None and before[1] == digest and _intact(path, before):
            results.append((item.path, [item.key, digest, before[2], before[3]], False))
        elif before is None and _same(path, data):  # a file the manifest lost: kept if it is right
            stat = os.stat(path)
            results.append((item.path, [item.key, digest, stat.st_size, stat.st_mtime_ns], False))
        else:
            stat = _write(path, data)
            results.append((item.path, [item.key, digest, stat.st_size, stat.st_mtime_ns], True))
    return results


def publish(out: Path, planned: Sequence[Planned], render: Callable[[Page, str], bytes]) -> Published:
    """Make and write the files of ``planned`` into ``out`` that changed; remove what went."""
    global _JOB
    known = _check_folder(out)
    done = Published()
    files: dict[str, list[Any]] = {}
    try:
        for folder in sorted({(out / item.path).parent for item in planned}):
            folder.mkdir(parents=True, exist_ok=True)
        todo = []
        for index, item in enumerate(planned):
            before = known.get(item.path)
            if before is not None and item.key is not None and before[0] == item.key and _intact(out / item.path, before):
                files[item.path] = before
                done.unchanged += 1
            else:
                todo.append(index)
        _JOB = (out, planned, render, known)
        try:
            if sys.platform == "linux":  # the workers are forked: they share what is made so far
                from .parallel import map_chunks

                made = [result for chunk in map_chunks(_make, str(out), todo) for result in chunk]
            else:
                made = _make(str(out), todo)
        finally:
            _JOB = None
        for path, entry, written in made:
            files[path] = entry
            if written:
                done.written.append(path)
            else:
                done.unchanged += 1
        for gone in sorted(set(known) - set(files)):
            with contextlib.suppress(FileNotFoundError):
                (out / gone).unlink()
            done.removed.append(gone)
        manifest = {"layout": LAYOUT, "generator": f"consensus {__version__}", "files": files}
        data = json.dumps(manifest, ensure_ascii=False, indent=0, sort_keys=True).encode()
        try:
            same = (out / MANIFEST).read_bytes() == data
        except OSError:
            same = False
        if not same:
            _write(out / MANIFEST, data)
    except OSError as exc:
        raise ConsensusError(_("cannot write the website into {path}: {problem} — check the folder is writable "
                               "and the disk has room").format(path=out, problem=exc.strerror)) from None
    return done
