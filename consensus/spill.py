"""Sorting more than should be held at once: sorted runs kept in temporary files, merged as they
are read back. ``changes`` over a year of 100,000 decisions tells 280,000 events, which must come
out in time order although they are read decision by decision."""

from __future__ import annotations

import heapq
import marshal
import tempfile
from collections.abc import Iterator
from typing import IO

Key = tuple[int, ...]

RUN = 20_000
"""Items held in memory at most; past them, they are sorted and written to a temporary file."""


class Spill:
    """Texts by keys, given in any order and read back in the order of their keys (which must
    be different from each other: texts are never compared)."""

    def __init__(self) -> None:
        self.count = 0
        self._run: list[tuple[Key, str]] = []
        self._files: list[IO[bytes]] = []
        self._held = False  # no room for temporary files: the rest is held in memory, as before

    def add(self, key: Key, text: str) -> None:
        self._run.append((key, text))
        self.count += 1
        if len(self._run) >= RUN and not self._held:
            self._spill()

    def _spill(self) -> None:
        self._run.sort()
        # Private to this process (created with O_EXCL and unlinked at once), so what is read
        # back is what was written; marshal is the quickest for tuples of ints and a string.
        try:
            file = tempfile.TemporaryFile()  # noqa: SIM115 - open until read back, closed by __iter__
        except OSError:
            self._held = True
            return
        try:
            for item in self._run:
                marshal.dump(item, file)
            file.flush()
            file.seek(0)
        except OSError:  # the disk is full: this run stays here
            file.close()
            self._held = True
            return
        self._files.append(file)
        self._run = []

    def __iter__(self) -> Iterator[str]:
        """The texts in the order of their keys; the temporary files are closed at the end."""
        self._run.sort()
        try:
            for _key, text in heapq.merge(self._run, *map(_read, self._files)):
                yield text
        finally:
            for file in self._files:
                file.close()


def _read(file: IO[bytes]) -> Iterator[tuple[Key, str]]:
    # From the start: a forked worker that read them shares where each file stands.
    file.seek(0)
    while True:
        try:
            yield marshal.load(file)
        except EOFError:
            return


class Shelf:
    """Bytes kept in a temporary file until they are read back (here, if there is no room): a
    page made ahead need not be held while the rest of the register is read."""

    def __init__(self, data: bytes | bytearray) -> None:
        self._data: bytes | bytearray | None = None
        self._size = len(data)
        try:
            self._file: IO[bytes] | None = tempfile.TemporaryFile()  # noqa: SIM115 - read back later
            self._file.write(data)
            self._file.flush()
        except OSError:  # no room for it on disk
            self._file = None
            self._data = data

    def read(self) -> bytes | bytearray:
        """The bytes, as they were given."""
        if self._file is None:
            assert self._data is not None
            return self._data
        self._file.seek(0)
        return self._file.read(self._size)
