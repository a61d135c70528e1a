"""The one exception family the command line turns into an ``Error: …`` line."""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pathlib import Path


class ConsensusError(Exception):
    """A refusal or failure caused by the user's input or files; exit code 1. ``live``: the same
    said in the words of live notes, where the message names a command (and its options)."""

    def __init__(self, *args: object, live: str | None = None) -> None:
        super().__init__(*args)
        self.live = live


class Refused(ConsensusError):
    """The process does not allow this step now."""


class NotFound(ConsensusError):
    """Nothing matches what was asked for."""


class Ambiguous(ConsensusError):
    """A prefix or name matches more than one thing."""

    def __init__(self, what: str, prefix: str, candidates: Sequence[str]) -> None:
        self._made_of = (what, prefix, tuple(candidates))
        self.candidates = list(candidates)
        from .language import _, n_

        shown = ", ".join(self.candidates[:10])
        extra = len(self.candidates) - 10
        more = n_(" and {n} more", " and {n} more", extra).format(n=extra) if extra > 0 else ""
        super().__init__(
            _("{what} '{prefix}' is ambiguous: it could be {shown}{more} — type more of it").format(
                what=what, prefix=prefix, shown=shown, more=more)
        )

    def __reduce__(self) -> tuple[Any, ...]:
        # So that a worker process can send one back whole (exceptions pickle their args).
        return (Ambiguous, self._made_of)


class BrokenFile(ConsensusError):
    """A register file that cannot be read or does not hold what it must."""

    def __init__(self, path: Path | str, message: str, line: int | None = None) -> None:
        self.path = str(path)
        self.line = line
        self.detail = message
        self.more: list[BrokenFile] = []  # further problems found in the same file
        shown = shown_path(self.path)
        where = f"{shown}:{line}" if line else shown
        super().__init__(f"{where}: {message}")

    def __reduce__(self) -> tuple[Any, ...]:
        # So that worker processes can send one back whole (exceptions pickle their args).
        return (BrokenFile, (self.path, self.detail, self.line), {"more": self.more})


def shown_path(path: str | Path) -> str:
    """``path`` as git shows paths: relative to where the user stands, when it is below it (and
    ``one_name``)."""
    try:
        relative = os.path.relpath(path)
    except ValueError:
        return one_name(str(path))
    return one_name(str(path) if relative.startswith("..") else relative)


def one_name(name: str) -> str:
    r"""A file's name with any line break or tab in it (a pulled file may have any name) shown as
    ``\x0a``, ``\x0d`` or ``\x09``, as every other control character is shown: a name can never
    make a line of its own."""
    if "\n" in name or "\r" in name or "\t" in name:
        return name.replace("\n", "\\x0a").replace("\r", "\\x0d").replace("\t", "\\x09")
    return name
