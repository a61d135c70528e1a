"""Register files as bytes and back: read, validated, replayed; encoded in the file layout.

Everything that reads or writes a register file goes through here: the register, ``check`` and
the merge driver (which works on files git hands it, with no register around them).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import BrokenFile, ConsensusError, NotFound

if TYPE_CHECKING:
    from .models import Decision, Meeting, Settings
    from .replay import DecisionView

# The TOML, schema and replay code is imported where it is used: ``list`` reads none of it when
# the index is fresh, and at 10,000 decisions every millisecond of it shows.


def read_file(path: Path) -> tuple[bytes, os.stat_result]:
    """A file's bytes and the stat of exactly those bytes."""
    try:
        with open(path, "rb") as handle:
            return handle.read(), os.fstat(handle.fileno())
    except FileNotFoundError:
        raise NotFound(f"{path} does not exist") from None
    except OSError as exc:
        raise BrokenFile(path, f"cannot be read: {exc.strerror}") from None


def parse_decision(path: Path, data: bytes) -> Decision:
    """A decision from its file's bytes: validated, replayable, and named as its file is."""
    return parse_checked(path, data)[0]


def parse_checked(path: Path, data: bytes) -> tuple[Decision, DecisionView]:
    """A validated decision and its replay (which proves the history replays)."""
    from . import schema, tomlfile
    from .replay import ReplayError, replay

    document = tomlfile.parse(data, path)
    text = data.decode("utf-8")
    decision = schema.decision(document, path, text)
    if decision.id != path.stem:
        raise BrokenFile(
            path, f"id: the file says '{decision.id}' but is named '{path.stem}'",
            tomlfile.locate(text, ["id"]),
        )
    try:
        view = replay(decision)
    except ReplayError as exc:
        line = tomlfile.locate(text, ["history", exc.index]) if exc.index is not None else None
        raise BrokenFile(path, f"history: {exc}", line) from None
    return decision, view


def encode_decision(decision: Decision) -> bytes:
    """A decision's file content: header from the replay, versions, history."""
    from . import tomlfile
    from .replay import header, replay, with_states

    view = replay(decision)
    decision = with_states(decision, view)
    text = tomlfile.dumps(tomlfile.decision_document(decision, header(view)))
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        raise ConsensusError(
            "the input holds bytes that are not UTF-8 text — check the terminal's or file's encoding"
        ) from None


def parse_meeting(path: Path, data: bytes) -> Meeting:
    """A meeting from its file's bytes, validated."""
    from . import schema, tomlfile

    return schema.meeting(tomlfile.parse(data, path), path, data.decode("utf-8"))


def encode_meeting(meeting: Meeting) -> bytes:
    """A meeting's file content."""
    from . import tomlfile

    return tomlfile.dumps(tomlfile.meeting_document(meeting)).encode("utf-8")


def parse_settings(path: Path, data: bytes) -> Settings:
    """``consensus.toml`` from its bytes, validated."""
    from . import schema, tomlfile

    return schema.settings(tomlfile.parse(data, path), path, data.decode("utf-8"))


def encode_settings(settings: Settings) -> bytes:
    """``consensus.toml``'s content, every setting written out."""
    from . import tomlfile

    return tomlfile.dumps(tomlfile.settings_document(settings)).encode("utf-8")
