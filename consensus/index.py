"""A local index so ``list`` and ``summary`` need not parse every decision file.

It is a cache, never a second source of truth: each entry carries the stat signature (inode,
size, modification and change times) of the file it was made from, and an entry whose file
changed in any way (edited by hand, rewritten by ``git pull``, deleted) is thrown away and made
again from the file. It also remembers which files were validated, so reading a file it vouches
for skips pydantic. It lives in ``.consensus/index/`` (ignored by git), in 32 small shards so a
command that changes one decision rewrites one shard. Beside them, ``documents/`` keeps the
parsed TOML of the files summaries read, as JSON, under the same signature test.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import zlib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeGuard

from . import __version__
from .errors import BrokenFile
from .ids import is_valid_id
from .rows import Row
from .storage import read_regular

if TYPE_CHECKING:
    from .models import Meeting
    from .replay import DecisionView

SHARDS = 32
LAYOUT = 7  # bump when an entry changes shape: every index is then rebuilt
Signature = tuple[int, int, int, int]


def signature(stat: os.stat_result) -> Signature:
    """What identifies one state of a file: inode, size, modification and change time."""
    return (stat.st_ino, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns)


def _made_from(made: list[Any] | None, stat: os.stat_result) -> TypeGuard[list[Any]]:
    """Whether an index entry (its signature first) was made from the file in the state
    ``stat`` describes."""
    try:
        return (
            made is not None and made[2] == stat.st_mtime_ns and made[3] == stat.st_ctime_ns
            and made[1] == stat.st_size and made[0] == stat.st_ino
        )
    except (IndexError, KeyError, TypeError):  # an index damaged by hand: it vouches for nothing
        return False


ID = 4  # an entry is the file's signature, then the row
WIDTH = ID + len(Row._fields)


def entry(stat: os.stat_result, row: Row) -> list[Any]:
    """What the index keeps of a decision file in one state."""
    return [*signature(stat), *row]


DOCUMENTS = "documents"


def _tagged(value: object) -> dict[str, str]:
    """TOML's dates and times, which JSON lacks, as one-key objects (a decision's tables never
    have such keys: the schema refuses them)."""
    if isinstance(value, dt.datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, dt.date):
        return {"$date": value.isoformat()}
    raise TypeError(f"{type(value).__name__} is not kept")


def _revive(table: dict[str, Any]) -> Any:
    if len(table) == 1:
        if "$datetime" in table:
            return dt.datetime.fromisoformat(table["$datetime"])
        if "$date" in table:
            return dt.date.fromisoformat(table["$date"])
    return table


# What reading an index file may meet: it is missing, damaged by hand, not a file at all (the
# index is a cache, so any of these means only that it vouches for nothing).
_DAMAGED = (OSError, ValueError, LookupError, TypeError, AttributeError, RecursionError, BrokenFile)


def _read(path: Path) -> bytes:
    return read_regular(path)[0]


def _shard_of(decision_id: str) -> int:
    return zlib.crc32(decision_id.encode()) % SHARDS


class Index:
    """The shards of one register, read lazily and written back only when they changed."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._shards: dict[int, dict[str, list[Any]]] = {}
        self._dirty: set[int] = set()
        self._stamp = [LAYOUT, __version__]
        self._meetings: dict[str, list[Any]] | None = None
        self._meetings_dirty = False
        self._documents_made = False

    def _shard(self, number: int) -> dict[str, list[Any]]:
        if number not in self._shards:
            entries: dict[str, list[Any]] = {}
            with contextlib.suppress(*_DAMAGED):
                data = json.loads(_read(self.folder / f"{number:02d}.json"))
                if data.get("stamp") == self._stamp and isinstance(data["entries"], dict):
                    entries = data["entries"]
            self._shards[number] = entries
        return self._shards[number]

    def owned(self) -> dict[Path, Callable[[str], bool]]:
        """The index's folders, each with the test of which names there are its files."""
        names = {f"{n:02d}.json" for n in range(SHARDS)} | {"settings.json", "meetings.json"}

        def document(name: str) -> bool:
            from .ids import is_valid_id

            return name.endswith(".json") and is_valid_id(name[:-5])

        return {self.folder: names.__contains__, self.folder / DOCUMENTS: document}

    def entries(self) -> dict[str, list[Any]]:
        """Every entry of every shard (``list`` wants them all)."""
        merged: dict[str, list[Any]] = {}
        for number in range(SHARDS):
            merged.update(self._shard(number))
        return merged

    def vouches(self, decision_id: str, stat: os.stat_result) -> bool:
        """Whether the file in this exact state was validated before."""
        return _made_from(self._shard(_shard_of(decision_id)).get(decision_id), stat)

    def put(self, decision_id: str, stat: os.stat_result, view: DecisionView) -> None:
        """Remember the file in this state, and its row."""
        self.put_entry(entry(stat, Row.of(view)))

    def put_entry(self, made: list[Any]) -> None:
        """Remember an entry as ``entry`` made it."""
        number = _shard_of(made[ID])
        self._shard(number)[made[ID]] = made
        self._dirty.add(number)

    def forget(self, keep: Iterable[str]) -> None:
        """Drop the entries of decisions whose files are gone (only in shards already read)."""
        wanted = set(keep)
        for number, entries in self._shards.items():
            gone = [i for i in entries if i not in wanted]
            for decision_id in gone:
                del entries[decision_id]
                with contextlib.suppress(OSError):
                    os.unlink(self.folder / DOCUMENTS / f"{decision_id}.json")
            if gone:
                self._dirty.add(number)

    # A decision's parsed TOML, kept as JSON: a summary reads a thousand files, and the JSON
    # parser is about nine times quicker than the TOML one. Kept only for files the index vouches for.

    def document(self, decision_id: str, stat: os.stat_result) -> dict[str, Any] | None:
        """The parsed TOML of the file in this exact state, if remembered."""
        try:
            kept = json.loads(_read(self.folder / DOCUMENTS / f"{decision_id}.json"), object_hook=_revive)
        except _DAMAGED:
            return None
        if isinstance(kept, list) and len(kept) == 6 and kept[0] == LAYOUT and _made_from(kept[1:], stat):
            return kept[5] if isinstance(kept[5], dict) else None
        return None

    def put_document(self, decision_id: str, stat: os.stat_result, document: dict[str, Any]) -> None:
        """Remember the parsed TOML of the file in this state (a cache that cannot be written is
        simply not kept)."""
        from .storage import write_atomic

        with contextlib.suppress(OSError, TypeError, ValueError):
            data = json.dumps([LAYOUT, *signature(stat), document], default=_tagged, ensure_ascii=False,
                              separators=(",", ":"))
            folder = self.folder / DOCUMENTS
            if not self._documents_made:
                folder.mkdir(parents=True, exist_ok=True)
                self._documents_made = True
            write_atomic(folder / f"{decision_id}.json", data.encode("utf-8"), durable=False)

    def settings(self, stat: os.stat_result) -> dict[str, Any] | None:
        """The validated settings of ``consensus.toml`` in this exact state, if remembered."""
        with contextlib.suppress(*_DAMAGED):
            data = json.loads(_read(self.folder / "settings.json"))
            if data["stamp"] == self._stamp and _made_from(data["signature"], stat):
                return data["settings"]  # type: ignore[no-any-return]
        return None

    def put_settings(self, stat: os.stat_result, settings: dict[str, Any]) -> None:
        """Remember validated settings for this state of ``consensus.toml``."""
        from .storage import write_atomic

        data = {"stamp": self._stamp, "signature": list(signature(stat)), "settings": settings}
        with contextlib.suppress(OSError):
            self.folder.mkdir(parents=True, exist_ok=True)
            write_atomic(self.folder / "settings.json", json.dumps(data, ensure_ascii=False).encode(), durable=False)

    def _meeting_entries(self) -> dict[str, list[Any]]:
        if self._meetings is None:
            self._meetings = {}
            with contextlib.suppress(*_DAMAGED):
                data = json.loads(_read(self.folder / "meetings.json"))
                if data.get("stamp") == self._stamp and isinstance(data["entries"], dict):
                    self._meetings = data["entries"]
        return self._meetings

    def meeting(self, meeting_id: str, stat: os.stat_result) -> Meeting | None:
        """The validated meeting of the file in this exact state, if remembered."""
        made = self._meeting_entries().get(meeting_id)
        if not _made_from(made, stat):
            return None
        from .models import Meeting, Note

        try:
            started, title, ended, attendees, guests, started_by, format_, notes = made[4:]
            return Meeting(
                id=meeting_id, started_at=dt.datetime.fromisoformat(started), title=title,
                ended_at=dt.datetime.fromisoformat(ended) if ended else None,
                attendees=tuple(attendees), guests=tuple(guests), started_by=started_by, format=format_,
                notes=tuple(Note(dt.datetime.fromisoformat(at), text, decision, by) for at, text, decision, by in notes),
            )
        except (ValueError, TypeError):
            return None

    def put_meeting(self, stat: os.stat_result, meeting: Meeting) -> None:
        """Remember a validated meeting file in this state."""
        self._meeting_entries()[meeting.id] = [
            *signature(stat), meeting.started_at.isoformat(), meeting.title,
            meeting.ended_at.isoformat() if meeting.ended_at else None,
            list(meeting.attendees), list(meeting.guests), meeting.started_by, meeting.format,
            [[n.at.isoformat(), n.text, n.decision, n.by] for n in meeting.notes],
        ]
        self._meetings_dirty = True

    def forget_meetings(self, keep: Iterable[str]) -> None:
        """Drop the entries of meetings whose files are gone."""
        entries = self._meeting_entries()
        gone = set(entries) - set(keep)
        for meeting_id in gone:
            del entries[meeting_id]
        self._meetings_dirty = self._meetings_dirty or bool(gone)

    def save(self) -> None:
        """Write the shards that changed; a cache that cannot be written is simply not kept."""
        if not self._dirty and not self._meetings_dirty:
            return
        from .storage import write_atomic

        def write(name: str, entries: dict[str, list[Any]]) -> None:
            data = json.dumps({"stamp": self._stamp, "entries": entries}, ensure_ascii=False, separators=(",", ":"))
            write_atomic(self.folder / name, data.encode("utf-8"), durable=False)

        with contextlib.suppress(OSError):
            self.folder.mkdir(parents=True, exist_ok=True)
            for number in sorted(self._dirty):
                write(f"{number:02d}.json", self._shards[number])
            if self._meetings_dirty and self._meetings is not None:
                write("meetings.json", self._meetings)
        self._dirty.clear()
        self._meetings_dirty = False


def survey(folder: Path, known: dict[str, list[Any]]) -> tuple[list[Row], list[str], list[str]]:
    """Look at every decision file in ``folder``: the rows of those the ``known`` entries were
    made from as they are now, the ids of the others (changed, or new), and every id present.

    One loop, since at 10,000 files each step taken per file shows in ``list``'s time.
    """
    try:
        names = os.listdir(folder)
    except FileNotFoundError:
        return [], [], []
    rows: list[Row] = []
    stale, present = [], []
    stat, get, make = os.stat, known.get, Row._make
    # Relative to the open folder: the kernel then need not walk the whole path 10,000 times.
    where = os.open(folder, os.O_RDONLY) if stat in os.supports_dir_fd else None
    try:
        for name in names:
            if not name.endswith(".toml"):
                continue
            decision_id = name[:-5]
            made = get(decision_id)
            if made is None and (name[0] == "." or not is_valid_id(decision_id)):
                continue
            try:
                now = stat(name, dir_fd=where) if where is not None else stat(folder / name)
            except FileNotFoundError:
                continue  # deleted while we looked
            present.append(decision_id)
            if _made_from(made, now) and len(made) == WIDTH:
                rows.append(make(made[ID:]))
            else:
                stale.append(decision_id)
    finally:
        if where is not None:
            os.close(where)
    return rows, stale, present
