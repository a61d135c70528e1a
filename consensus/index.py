"""A local index so ``list`` and ``summary`` need not parse every decision file.

It is a cache, never a second source of truth: each entry carries the stat signature (inode,
size, modification and change times) of the file it was made from, and an entry whose file
changed in any way (edited by hand, rewritten by ``git pull``, deleted) is thrown away and made
again from the file. It also remembers which files were validated, so reading a file it vouches
for skips pydantic. It lives in ``.consensus/index/`` (ignored by git), in 32 small shards so a
command that changes one decision rewrites one shard.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from . import __version__

if TYPE_CHECKING:
    from .models import Meeting
    from .replay import DecisionView

SHARDS = 32
LAYOUT = 3  # bump when a row changes shape: every index is then rebuilt
Signature = tuple[int, int, int, int]


def signature(stat: os.stat_result) -> Signature:
    """What identifies one state of a file: inode, size, modification and change time."""
    return (stat.st_ino, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns)


class Row(NamedTuple):
    """What ``list`` and ``summary`` need to know about a decision without reading its file."""

    id: str
    title: str
    status: str
    current_version: int | None
    open_version: int | None
    review_by: dt.date | None
    tags: tuple[str, ...]
    created_at: dt.datetime
    updated_at: dt.datetime
    superseded_by: str | None
    replaces: tuple[str, ...]
    source: str | None
    # When versions came into force and when the decision ended, for ``list --as-of``: the day
    # (ISO, as the event's own clock saw it), the version and its title (None: ended).
    timeline: tuple[tuple[str, int | None, str | None], ...]

    @classmethod
    def of(cls, view: DecisionView) -> Row:
        """The row of a replayed decision."""
        timeline = []
        for event in view.history:
            if event.kind == "adopted":
                version = view.version(event.version)
                timeline.append((event.at.date().isoformat(), event.version, version.title if version else None))
            elif event.kind in ("superseded", "retired"):
                timeline.append((event.at.date().isoformat(), None, None))
        return cls(
            id=view.id, title=view.title, status=view.status, current_version=view.current_version,
            open_version=view.open_version, review_by=view.review_by, tags=view.tags,
            created_at=view.created_at, updated_at=view.updated_at, superseded_by=view.superseded_by,
            replaces=view.replaces, source=view.source, timeline=tuple(timeline),
        )

    def in_force(self, day: dt.date) -> tuple[int, str] | None:
        """(version, title) in force at the end of ``day``, if the decision was in force then."""
        found: tuple[int, str] | None = None
        until = day.isoformat()
        for on, version, title in self.timeline:
            if on > until:
                break
            found = (version, title or self.title) if version is not None else None
        return found

    def pack(self) -> list[Any]:
        """The row as JSON-ready values."""
        return [
            self.title, self.status, self.current_version, self.open_version,
            self.review_by.isoformat() if self.review_by else None, list(self.tags),
            self.created_at.isoformat(), self.updated_at.isoformat(), self.superseded_by,
            list(self.replaces), self.source,
            [list(step) for step in self.timeline],
        ]

    @classmethod
    def unpack(cls, decision_id: str, values: list[Any]) -> Row:
        """A row from what ``pack`` made."""
        # Positional, and a NamedTuple rather than a frozen dataclass: list makes 10,000 of these.
        stamp = dt.datetime.fromisoformat
        title, status, current, open_, review, tags, created, updated, by, replaces, source, steps = values
        return cls(
            decision_id, title, status, current, open_, dt.date.fromisoformat(review) if review else None,
            tuple(tags), stamp(created), stamp(updated), by, tuple(replaces), source,
            tuple(map(tuple, steps)),
        )


def _made_from(entry: list[Any] | None, stat: os.stat_result) -> bool:
    """Whether an index entry was made from the file in the state ``stat`` describes."""
    return entry is not None and tuple(entry[0]) == signature(stat)


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

    def _shard(self, number: int) -> dict[str, list[Any]]:
        if number not in self._shards:
            entries: dict[str, list[Any]] = {}
            with contextlib.suppress(OSError, ValueError, KeyError, TypeError):
                data = json.loads((self.folder / f"{number:02d}.json").read_bytes())
                if data.get("stamp") == self._stamp:
                    entries = data["entries"]
            self._shards[number] = entries
        return self._shards[number]

    def vouches(self, decision_id: str, stat: os.stat_result) -> bool:
        """Whether the file in this exact state was validated before."""
        return _made_from(self._shard(_shard_of(decision_id)).get(decision_id), stat)

    def row(self, decision_id: str, stat: os.stat_result) -> Row | None:
        """The row of the file in this exact state, if the index has it."""
        entry = self._shard(_shard_of(decision_id)).get(decision_id)
        if entry is None or not _made_from(entry, stat):
            return None
        try:
            return Row.unpack(decision_id, entry[1])
        except (ValueError, IndexError, TypeError):
            return None

    def put(self, decision_id: str, stat: os.stat_result, view: DecisionView) -> None:
        """Remember the file in this state, and its row."""
        self.put_packed(decision_id, signature(stat), Row.of(view).pack())

    def put_packed(self, decision_id: str, stamp: Signature, packed: list[Any]) -> None:
        """Remember the row (as ``Row.pack`` made it) of the file in the state ``stamp``."""
        number = _shard_of(decision_id)
        self._shard(number)[decision_id] = [list(stamp), packed]
        self._dirty.add(number)

    def forget(self, keep: Iterable[str]) -> None:
        """Drop the entries of decisions whose files are gone (only in shards already read)."""
        wanted = set(keep)
        for number, entries in self._shards.items():
            gone = [i for i in entries if i not in wanted]
            for decision_id in gone:
                del entries[decision_id]
            if gone:
                self._dirty.add(number)

    def settings(self, stat: os.stat_result) -> dict[str, Any] | None:
        """The validated settings of ``consensus.toml`` in this exact state, if remembered."""
        with contextlib.suppress(OSError, ValueError, KeyError, TypeError):
            data = json.loads((self.folder / "settings.json").read_bytes())
            if data["stamp"] == self._stamp and tuple(data["signature"]) == signature(stat):
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
            with contextlib.suppress(OSError, ValueError, KeyError, TypeError):
                data = json.loads((self.folder / "meetings.json").read_bytes())
                if data.get("stamp") == self._stamp:
                    self._meetings = data["entries"]
        return self._meetings

    def meeting(self, meeting_id: str, stat: os.stat_result) -> Meeting | None:
        """The validated meeting of the file in this exact state, if remembered."""
        entry = self._meeting_entries().get(meeting_id)
        if entry is None or not _made_from(entry, stat):
            return None
        from .models import Meeting

        try:
            started, title, ended, attendees, started_by, format_ = entry[1]
            return Meeting(
                id=meeting_id, started_at=dt.datetime.fromisoformat(started), title=title,
                ended_at=dt.datetime.fromisoformat(ended) if ended else None,
                attendees=tuple(attendees), started_by=started_by, format=format_,
            )
        except (ValueError, TypeError):
            return None

    def put_meeting(self, stat: os.stat_result, meeting: Meeting) -> None:
        """Remember a validated meeting file in this state."""
        self._meeting_entries()[meeting.id] = [list(signature(stat)), [
            meeting.started_at.isoformat(), meeting.title,
            meeting.ended_at.isoformat() if meeting.ended_at else None,
            list(meeting.attendees), meeting.started_by, meeting.format,
        ]]
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


def scan(folder: Path) -> Iterator[tuple[str, os.stat_result]]:
    """(id, stat) of every decision file in ``folder``."""
    from .ids import is_valid_id

    try:
        entries = os.scandir(folder)
    except FileNotFoundError:
        return
    with entries:
        for entry in entries:
            name = entry.name
            if name.endswith(".toml") and not name.startswith(".") and is_valid_id(name[:-5]):
                with contextlib.suppress(FileNotFoundError):
                    yield name[:-5], entry.stat()
