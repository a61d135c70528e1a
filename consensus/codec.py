"""Register files as bytes and back: read, validated, replayed; encoded in the file layout.

Everything that reads or writes a register file goes through here: the register, ``check`` and
the merge driver (which works on files git hands it, with no register around them).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import BrokenFile, ConsensusError, NotFound
from .language import _

if TYPE_CHECKING:
    from .models import Decision, Header, Meeting, Settings
    from .replay import DecisionView

# The TOML, schema and replay code is imported where it is used: ``list`` reads none of it when
# the index is fresh, and at 10,000 decisions every millisecond of it shows.


def language_of(settings_path: Path) -> str | None:
    """The language a ``consensus.toml`` says, read without validating the rest of its settings
    (for one that is broken, and for git's merge driver); None where it says none that consensus
    speaks, or cannot be read."""
    from . import language, tomlfile

    try:
        said = tomlfile.parse(read_file(settings_path)[0], settings_path).get("language")
    except (ConsensusError, OSError, ValueError):
        return None
    return str(said) if said in language.LANGUAGES else None


def read_file(path: Path) -> tuple[bytes, os.stat_result]:
    """A register file's bytes and the stat of exactly those bytes; only regular files are read
    (a FIFO or a device named like one is a ``BrokenFile``, never a reader that waits forever)."""
    from .storage import read_regular

    try:
        return read_regular(path)
    except FileNotFoundError:
        raise NotFound(_("{path} does not exist").format(path=path)) from None


def parse_decision(path: Path, data: bytes) -> Decision:
    """A decision from its file's bytes: validated, replayable, and named as its file is."""
    return parse_checked(path, data)[0]


def parse_checked(path: Path, data: bytes, zones: bool = True) -> tuple[Decision, DecisionView]:
    """A validated decision and its replay (which proves the history replays); ``zones``: see
    ``tomlfile.parse``."""
    from . import schema, tomlfile
    from .replay import ReplayError, replay

    document = tomlfile.parse(data, path, zones)
    text = data.decode("utf-8")
    decision = schema.decision(document, path, text)
    if decision.id != path.stem:
        raise BrokenFile(
            path, _("id: the file says '{id}' but is named '{name}'").format(id=decision.id, name=path.stem),
            tomlfile.locate(text, ["id"]),
        )
    try:
        view = replay(decision)
    except ReplayError as exc:
        line = tomlfile.locate(text, ["history", exc.index]) if exc.index is not None else None
        raise BrokenFile(path, f"history: {exc}", line) from None
    head = decision.written.head if decision.written is not None else None
    if head is not None and head != decision.history[-1].hash:
        raise BrokenFile(path, _cut_short(decision, head), tomlfile.locate(text, ["head"]))
    return decision, view


def _cut_short(decision: Decision, head: str) -> str:
    """What a head that is not the last event's hash means."""
    history = decision.history
    last = history[-1]
    for number, event in enumerate(history[:-1], start=1):
        if event.hash == head:
            return _(
                "head: the file was written with event {number} last, but its history goes on to event "
                "{last}: events were added after it by hand — remove them and record them with consensus"
            ).format(number=number, last=len(history))
    return _(
        "head: the history ends with event {number} ({kind} by {by}, {at}), but the file was written "
        "with a later last event ({head}): events at its end were removed — restore them from git "
        "(git log -p on the file shows them)"
    ).format(number=len(history), kind=last.kind, by=last.by, at=last.at.isoformat(), head=head)


def encode_header(decision: Decision, view: DecisionView) -> Header:
    """The header a file is written with: what the replay says, and the last event's hash."""
    import dataclasses

    from .replay import header

    return dataclasses.replace(header(view), head=decision.history[-1].hash)


def encode_decision(decision: Decision) -> bytes:
    """A decision's file content: header from the replay, versions, history."""
    from . import tomlfile
    from .replay import replay, with_states

    view = replay(decision)
    decision = with_states(decision, view)
    return _utf8(tomlfile.dumps(tomlfile.decision_document(decision, encode_header(decision, view))))


def _utf8(text: str) -> bytes:
    """A file's text as it is written; refused where it came with bytes that are not UTF-8 (a
    folder's name, an argument), which a string holds as lone surrogates."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        raise ConsensusError(
            _("the input holds bytes that are not UTF-8 text — check the terminal's or file's encoding")
        ) from None


def parse_meeting(path: Path, data: bytes) -> Meeting:
    """A meeting from its file's bytes, validated."""
    from . import schema, tomlfile

    return schema.meeting(tomlfile.parse(data, path), path, data.decode("utf-8"))


def encode_meeting(meeting: Meeting) -> bytes:
    """A meeting's file content."""
    from . import tomlfile

    return _utf8(tomlfile.dumps(tomlfile.meeting_document(meeting)))


def parse_settings(path: Path, data: bytes) -> Settings:
    """``consensus.toml`` from its bytes, validated."""
    from . import schema, tomlfile

    return schema.settings(tomlfile.parse(data, path), path, data.decode("utf-8"))


def encode_settings(settings: Settings) -> bytes:
    """``consensus.toml``'s content, every setting written out."""
    from . import tomlfile

    return _utf8(tomlfile.dumps(tomlfile.settings_document(settings)))
