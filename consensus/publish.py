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
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
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


_NAME = re.compile(r"[A-Za-z0-9_-][A-Za-z0-9._-]*(/[A-Za-z0-9_-][A-Za-z0-9._-]*)*")
"""The paths a website's files have (``index.html``, ``decisions/ID.html``): no ``..``, nothing
absolute, nothing hidden."""


def _read_manifest(out: Path) -> dict[str, list[Any]] | None:
    """The files the manifest lists, or None when the folder has none; a damaged manifest
    vouches for nothing (every page is then made again). The folder may have come with a clone
    (a site kept in git for GitHub Pages): only paths a website's files have are taken from it,
    so no entry can name a file outside the folder for a rebuild to remove."""
    from .storage import read_regular

    path = out / MANIFEST
    try:
        data = json.loads(read_regular(path, limit=1 << 30)[0])  # a manifest of millions of pages at most
    except FileNotFoundError:
        return None
    except (OSError, ValueError, RecursionError, ConsensusError):
        return {}
    if not isinstance(data, dict) or data.get("layout") != LAYOUT or not isinstance(data.get("files"), dict):
        return {}
    return {k: v for k, v in data["files"].items()
            if isinstance(v, list) and len(v) == 4 and isinstance(k, str) and _NAME.fullmatch(k)}


def _own_folders(out: Path, folders: Sequence[Path]) -> None:
    """Refuse a subfolder of the website's folder that is a link (it came with a clone): what is
    written into it, or removed from it, would be elsewhere."""
    top = os.path.realpath(out)
    for folder in folders:
        rel = os.path.relpath(folder, out)
        if os.path.realpath(folder) != (top if rel == "." else os.path.join(top, rel)):
            raise ConsensusError(_(
                "{path} is a symbolic link — the website is written only into its own folder; remove the link "
                "(nothing was written)").format(path=folder))


def _check_folder(out: Path) -> None:
    """Refuse ``out`` when it is a file, or a folder of other things (one without a manifest)."""
    if out.exists() and not out.is_dir():
        raise ConsensusError(_("{path} is a file — give a folder for the website with -o").format(path=out))
    if out.is_dir() and not os.path.lexists(out / MANIFEST) and any(out.iterdir()):
        raise ConsensusError(
            _("{path} is not empty and holds no website made by consensus — give a new or empty folder with "
              "-o (nothing was written)").format(path=out)
        )


def _intact(path: Path, entry: list[Any]) -> bool:
    """Whether the file is still as this tool wrote it (a link in its place never is)."""
    import stat as kinds

    try:
        stat = os.lstat(path)
    except OSError:
        return False
    return bool(kinds.S_ISREG(stat.st_mode) and stat.st_size == entry[2] and stat.st_mtime_ns == entry[3])


def _same(path: Path, data: bytes | bytearray) -> bool:
    """Whether the file at ``path`` holds ``data`` (a link in its place never does)."""
    from .storage import read_regular

    try:
        return read_regular(path, limit=len(data))[0] == data
    except (OSError, ConsensusError):
        return False


def _write(path: Path, data: bytes | bytearray) -> os.stat_result:
    """``data`` into ``path`` through a temporary and a rename, so a web server serving the folder
    never sends half a page. Not fsynced: the site can always be built again."""
    from .storage import write_atomic

    write_atomic(path, data, durable=False)
    return os.stat(path)


_Job = tuple[Path, "Sequence[Planned]", Callable[["Page", str], bytes | bytearray], dict[str, list[Any]]]
_JOB: _Job | None = None  # what the workers make: forked, they find it here, and send back little


def _make(root: str, indices: list[int]) -> list[tuple[str, list[Any] | str, bool]]:
    """Make the files ``indices`` name and write those that changed: (path, manifest entry,
    whether it was written) for each; for a page that could not be made, what went wrong in
    place of the entry."""
    assert _JOB is not None
    out, planned, render, known = _JOB
    results: list[tuple[str, list[Any] | str, bool]] = []
    for index in indices:
        item = planned[index]
        path = out / item.path
        before = known.get(item.path)
        try:
            data = render(item.make(), item.path)
        except ConsensusError as exc:  # the register changed meanwhile: the others are still made
            results.append((item.path, str(exc), False))
            continue
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


def _manifest(files: dict[str, list[Any]]) -> bytearray:
    """The manifest's bytes: a line a file, in the order of their paths, so that a site kept in
    git shows in a diff which pages changed. Encoded line by line into one buffer: ``json``
    would hold every token of 100,000 entries as a string of its own first (the pure-Python
    encoder, for the indent)."""
    encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    head = encode({"layout": LAYOUT, "generator": f"consensus {__version__}"})
    out = bytearray(head[:-1].encode() + b',"files":{')
    for number, path in enumerate(sorted(files)):
        out += f'{"," if number else ""}\n{encode(path)}:{encode(files[path])}'.encode()
    out += b"\n}}\n"
    return out


def publish(out: Path, planned: Sequence[Planned], render: Callable[[Page, str], bytes | bytearray]) -> Published:
    """Make and write the files of ``planned`` into ``out`` that changed; remove what went."""
    _check_folder(out)
    done = Published()
    files: dict[str, list[Any]] = {}
    failed: list[tuple[str, str]] = []  # the pages that could not be made, and why
    try:
        folders = sorted({(out / item.path).parent for item in planned})
        _own_folders(out, [f for f in folders if f.exists()])
        for folder in folders:
            folder.mkdir(parents=True, exist_ok=True)
        # What the last build left is removed below, from folders that must be the website's own
        # too: refused, like the others, before anything is written.
        known = _read_manifest(out) or {}
        _own_folders(out, sorted(f for f in {(out / gone).parent for gone in known} - set(folders) if f.exists()))
        del known
        if not os.path.lexists(out / MANIFEST):  # first: a build stopped half-way (Ctrl-C) is not taken
            _write(out / MANIFEST, _manifest({}))  # for a folder of other things next time
        # The files made on every build first, here, before the manifest is read again: the
        # largest (the start page of 100,000 decisions makes 21 MB) need not share the memory with it.
        every_time = [index for index, item in enumerate(planned) if item.key is None]
        _keep(_made(out, planned, render, {}, every_time, fork=False), {}, files, done, failed)
        known = _read_manifest(out) or {}
        todo = []
        for index, item in enumerate(planned):
            if item.key is None:
                continue
            before = known.get(item.path)
            if before is not None and before[0] == item.key and _intact(out / item.path, before):
                files[item.path] = before
                done.unchanged += 1
            else:
                todo.append(index)
        _keep(_made(out, planned, render, known, todo, fork=sys.platform == "linux"), known, files, done, failed)
        for gone in sorted(set(known) - set(files) - {path for path, _problem in failed}):  # a failed page stays
            with contextlib.suppress(FileNotFoundError):
                (out / gone).unlink()
            done.removed.append(gone)
        data = _manifest(files)
        if not _same(out / MANIFEST, data):
            _write(out / MANIFEST, data)
    except OSError as exc:
        raise ConsensusError(_("cannot write the website into {path}: {problem} — check the folder is writable "
                               "and the disk has room").format(path=out, problem=exc.strerror)) from None
    if failed:  # what was written is in the manifest: the next build makes only the rest
        raise ConsensusError(failed[0][1])
    return done


def _made(out: Path, planned: Sequence[Planned], render: Callable[[Page, str], bytes | bytearray], known: dict[str, list[Any]],
          todo: list[int], fork: bool) -> Iterator[list[tuple[str, list[Any] | str, bool]]]:
    """What ``_make`` did with the files ``todo``, a chunk at a time; on every core when ``fork``
    (the workers are forked: they share what is made so far)."""
    global _JOB
    _JOB = (out, planned, render, known)
    try:
        if fork:
            from .parallel import each_chunk

            yield from each_chunk(_make, str(out), todo)
        else:
            yield _make(str(out), todo)
    finally:
        _JOB = None


def _keep(made: Iterable[list[tuple[str, list[Any] | str, bool]]], known: dict[str, list[Any]],
          files: dict[str, list[Any]], done: Published, failed: list[tuple[str, str]]) -> None:
    """Take what was made into the manifest's ``files`` and into ``done``; what could not be
    made into ``failed`` (such a file keeps its entry, whose key still says what it shows)."""
    for chunk in made:
        for path, entry, written in chunk:
            if isinstance(entry, str):
                failed.append((path, entry))
                if path in known:
                    files[path] = known[path]
            else:
                files[path] = entry
                known.pop(path, None)  # not both held: at 100,000 pages each is 40 MB
                if written:
                    done.written.append(path)
                else:
                    done.unchanged += 1
