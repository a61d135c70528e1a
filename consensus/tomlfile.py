"""Register files as TOML: parsing with line numbers, and writing in a fixed, diff-friendly order."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

try:
    # rtoml (Rust's toml crate) reads this project's files 2.9 times faster than tomli (152 against
    # 439 ms a thousand decisions, measured), which is most of what check and a first list after a
    # clone cost. It refuses nesting beyond its limit with an error, where toml-rs, 6 times faster,
    # crashed the process on 10,000 nested arrays: an untrusted file must never do that.
    from rtoml import loads as _fast_loads
except ImportError:  # pragma: no cover - a platform without rtoml's wheels
    _fast_loads = None  # type: ignore[assignment]

from .errors import BrokenFile
from .language import _
from .models import HEADER_KEYS, Decision, Event, Header, Meeting, Settings, Version

_AT_LINE = re.compile(r"\(at line (\d+), column \d+\)")


def tomli() -> Any:
    """tomli, the compiled twin of the stdlib's tomllib (same parser, about three times faster on
    this project's files), or tomllib where it has no wheels. It reads what rtoml refuses, so that
    a broken file is named with its words and line; imported only then."""
    try:
        import tomli as module
    except ImportError:  # pragma: no cover - a platform without tomli's wheels
        import tomllib as module  # type: ignore[no-redef]
    return module


def parse(data: bytes, path: Path | str, zones: bool = True) -> dict[str, Any]:
    """The TOML document in ``data``; a ``BrokenFile`` naming the line if it is not TOML.
    ``zones=False``: moments may keep rtoml's time zone (see ``_zoned``), for a caller that only
    compares and counts them (a first list after a clone, where it is a tenth of the work)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BrokenFile(path, _("is not UTF-8 text"), data[: exc.start].count(b"\n") + 1) from None
    if _fast_loads is not None:
        try:
            document: dict[str, Any] = _fast_loads(text)
        except Exception:  # noqa: BLE001 - whatever rtoml refuses, tomli says why, below
            pass
        else:
            if zones:
                _zoned(document)
            return document
    tomllib = tomli()
    try:
        document = tomllib.loads(text)
        return document
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        match = _AT_LINE.search(message)
        reason = _AT_LINE.sub("", message).strip()
        raise BrokenFile(
            path, _("is not valid TOML: {problem}").format(problem=reason), int(match.group(1)) if match else None
        ) from None
    except RecursionError:
        # The parser's own limits (400 nested arrays or tables, 1,000 parts of a key): no
        # register file comes near them.
        raise BrokenFile(
            path, _("is nested too deeply (arrays or tables within each other, or a key of too many "
                    "parts) to be a register file"), _too_deep(text),
        ) from None


_ZONES: dict[int, dt.tzinfo] = {}


def _standard(at: dt.datetime) -> dt.datetime:
    """``at`` with the standard library's time zone, as tomli makes it."""
    tz = at.tzinfo
    if tz is None or type(tz) is dt.timezone:
        return at
    seconds = tz.seconds()  # type: ignore[attr-defined]
    zone = _ZONES.get(seconds)
    if zone is None:
        zone = _ZONES[seconds] = dt.timezone(dt.timedelta(seconds=seconds))
    # The constructor, not .replace(): a third of the time, and a file holds a moment an event.
    return dt.datetime(at.year, at.month, at.day, at.hour, at.minute, at.second, at.microsecond, zone)


def _zoned(document: dict[str, Any]) -> None:
    """rtoml's moments carry a time zone class of its own: it cannot be pickled (a worker sends
    results back pickled) nor deep-copied, and its repr differs (what the website's keys are made
    of). The moments of a register file get the standard library's, as tomli makes them (a moment
    anywhere else is refused by the schema)."""
    for key in ("started_at", "ended_at"):
        value = document.get(key)
        if type(value) is dt.datetime:
            document[key] = _standard(value)
    for table in ("history", "notes"):
        rows = document.get(table)
        if type(rows) is list:
            for row in rows:
                if type(row) is dict:
                    value = row.get("at")
                    if type(value) is dt.datetime:
                        row["at"] = _standard(value)


SEARCHED_FOR_DEPTH = 1 << 20
"""The longest file whose too deeply nested line is looked for (a 32 MB one took 42 s each command)."""


def _too_deep(text: str) -> int | None:
    """The line where the parser gives up for nesting: the shortest run of first lines that it
    gives up on too (it reads from the start, so each longer run fails as well)."""
    if len(text) > SEARCHED_FOR_DEPTH:  # a file this long is named without its line: each try parses it again
        return None
    tomllib = tomli()
    lines = text.splitlines(keepends=True)
    low, high = 1, len(lines)
    while low < high:
        middle = (low + high) // 2
        try:
            tomllib.loads("".join(lines[:middle]))
            failed = False
        except RecursionError:
            failed = True
        except tomllib.TOMLDecodeError:
            failed = False
        if failed:
            high = middle
        else:
            low = middle + 1
    return low if lines else None


def locate(text: str, loc: Sequence[str | int]) -> int | None:
    """The line of ``text`` that holds the value at ``loc`` (a pydantic error location)."""
    lines = text.splitlines()
    start, end = 0, len(lines)
    keys = list(loc)
    if keys and isinstance(keys[0], str) and len(keys) > 1 and isinstance(keys[1], int):
        table, index = str(keys[0]), int(keys[1])
        header = re.compile(r"\s*\[\[\s*" + re.escape(table) + r"\s*\]\]")
        found = [n for n, line in enumerate(lines) if header.match(line)]
        if index < len(found):
            start = found[index]
            later = [n for n, line in enumerate(lines) if n > start and line.lstrip().startswith("[")]
            end = later[0] if later else len(lines)
            keys = keys[2:]
            if not keys:
                return start + 1
        else:
            keys = keys[:1]
    elif keys and isinstance(keys[0], str):
        tables = [n for n, line in enumerate(lines) if line.lstrip().startswith("[")]
        end = tables[0] if tables else len(lines)
    if keys and isinstance(keys[0], str):
        key = re.compile(r"\s*\"?" + re.escape(str(keys[0])) + r"\"?\s*[=.]")
        for n in range(start, end):
            if key.match(lines[n]):
                return n + 1
    return start + 1 if start else None


def dumps(document: dict[str, Any]) -> str:
    """``document`` as TOML; texts with line breaks become multi-line strings."""
    import tomli_w

    # tomli-w turns \r\n into \n inside multi-line strings; such texts must keep them.
    multiline = not _has_crlf(document)
    return tomli_w.dumps(document, multiline_strings=multiline)


def _has_crlf(value: Any) -> bool:
    if isinstance(value, str):
        return "\r\n" in value
    if isinstance(value, dict):
        return any(_has_crlf(v) for v in value.values())
    if isinstance(value, list | tuple):
        return any(_has_crlf(v) for v in value)
    return False


def _pruned(obj: Any, order: Sequence[str] | None = None) -> dict[str, Any]:
    names = order or [f.name for f in dataclasses.fields(obj)]
    out: dict[str, Any] = {}
    for name in names:
        value = getattr(obj, name)
        if value is None or (value == () and name not in _SAID_EVEN_EMPTY) or name.startswith("_"):
            continue
        out[name] = list(value) if isinstance(value, tuple) else value
    return out


# An adoption that saw no objection says so: left out, it would read as one written before
# adoptions said what they saw (which counts every objection before it as seen).
_SAID_EVEN_EMPTY = frozenset({"seen"})
_VERSION_ORDER = ("number", "state", "title", "why", "text")
_EVENT_ORDER = tuple(f.name for f in dataclasses.fields(Event))


def decision_document(decision: Decision, header: Header) -> dict[str, Any]:
    """The file layout: the header a person reads first, then versions, then history."""
    doc: dict[str, Any] = {"format": decision.format, "id": decision.id}
    doc.update(_pruned(header, HEADER_KEYS))
    doc["versions"] = [_pruned(v, _VERSION_ORDER) for v in decision.versions]
    doc["history"] = [_pruned(e, _EVENT_ORDER) for e in decision.history]
    return doc


def decision_from_document(doc: dict[str, Any]) -> Decision:
    """A decision from a document already known to be valid (no validation here)."""
    header = Header(**{k: _tuple(v) for k, v in doc.items() if k in HEADER_KEYS})
    return Decision(
        id=doc["id"],
        format=doc.get("format", 1),
        versions=tuple(Version(**v) for v in doc.get("versions", ())),
        history=tuple(map(_event, doc.get("history", ()))),
        written=header,
    )


_LISTS = ("tags", "replaces", "resolves", "amends", "partly_replaces", "seen")


def _event(values: dict[str, Any]) -> Event:
    # Only these may be lists (TOML arrays); the rest pass as they are, for speed.
    if ("tags" in values or "replaces" in values or "resolves" in values or "amends" in values
            or "partly_replaces" in values or "seen" in values):
        values = {k: tuple(v) if k in _LISTS and isinstance(v, list) else v for k, v in values.items()}
    # The document is known to be valid, so the frozen instance is filled directly: its
    # __init__ sets twenty-four fields one by one, and a summary makes a hundred thousand events.
    # Only the keys the file has: a field it leaves out reads its default from the class (where
    # dataclasses put it), and an event takes 270 bytes instead of 830.
    event = object.__new__(Event)
    event.__dict__.update(values)
    return event


def _tuple(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


def meeting_document(meeting: Meeting) -> dict[str, Any]:
    """A meeting file: format first, then what it was, then who came, then the notes taken."""
    order = ("format", "id", "title", "started_at", "ended_at", "started_by", "attendees", "guests")
    doc = _pruned(meeting, order)
    doc.setdefault("attendees", [])
    if meeting.notes:
        doc["notes"] = [_pruned(note) for note in meeting.notes]
    return doc


def settings_document(settings: Settings) -> dict[str, Any]:
    """``consensus.toml`` with every setting written out, so people see what they can change."""
    doc: dict[str, Any] = {}
    for f in dataclasses.fields(settings):
        value = getattr(settings, f.name)
        doc[f.name] = list(value) if isinstance(value, tuple) else value
    return doc
