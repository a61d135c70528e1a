"""Validating register files with pydantic, and saying exactly where a file is wrong.

pydantic is imported only here, and only when a file must be validated: the index remembers
which files were valid, so everyday commands rarely pay for it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import types
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TypeVar

from .errors import BrokenFile
from .ids import is_valid_id
from .language import N_, _, n_
from .models import FORMAT, HEADER_KEYS, Decision, Event, Header, Meeting, Settings
from .tomlfile import locate

T = TypeVar("T")


_ADAPTERS: dict[type[Any], Any] = {}


def _adapter(cls: type[Any]) -> Any:
    if cls not in _ADAPTERS:
        from pydantic import TypeAdapter

        _ADAPTERS[cls] = TypeAdapter(cls)
    return _ADAPTERS[cls]


def _loc(loc: Sequence[str | int]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


class _NotExact(Exception):
    """A value that is not exactly of its field's type: pydantic decides (and names what is wrong)."""


_CHECKERS: dict[Any, Any] = {}


def _checker(kind: Any) -> Any:
    """A function that returns a value exactly of type ``kind`` as pydantic would make it, or raises
    ``_NotExact``: only values pydantic takes as they are (no conversion) pass."""
    import typing

    if kind in _CHECKERS:
        return _CHECKERS[kind]
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    check: Any
    if kind in (str, int, bool, dt.datetime, dt.date):
        def check(value: Any, kind: Any = kind) -> Any:
            if type(value) is not kind:
                raise _NotExact
            return value
    elif origin is typing.Literal:
        allowed = frozenset(args)

        def check(value: Any) -> Any:
            if type(value) is not str or value not in allowed:
                raise _NotExact
            return value
    elif origin in (typing.Union, types.UnionType) and len(args) == 2 and type(None) in args:
        check = _checker(next(a for a in args if a is not type(None)))  # TOML has no null
    elif origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        item = _checker(args[0])

        def check(value: Any) -> Any:
            if type(value) is not list:
                raise _NotExact
            return tuple(map(item, value))
    elif dataclasses.is_dataclass(kind):
        hints = typing.get_type_hints(kind)
        plain: dict[str, Any] = {}  # a field of a plain type: the type, or the strings a Literal allows
        other: dict[str, Any] = {}  # any other field: its check
        required = set()
        for f in dataclasses.fields(kind):
            if not f.init:
                continue
            hint = hints[f.name]
            if typing.get_origin(hint) in (typing.Union, types.UnionType):
                hint = next(a for a in typing.get_args(hint) if a is not type(None))
            if hint in (str, int, bool, dt.datetime, dt.date):
                plain[f.name] = hint
            elif typing.get_origin(hint) is typing.Literal:
                plain[f.name] = frozenset(typing.get_args(hint))
            else:
                other[f.name] = _checker(hint)
            if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
                required.add(f.name)

        def check(value: Any, kind: Any = kind) -> Any:
            # Inline, not a call a field: a file holds hundreds of values.
            if type(value) is not dict or not required <= value.keys():
                raise _NotExact
            made = value.copy()
            for key, item in value.items():
                expected = plain.get(key)
                if expected is not None:
                    if type(expected) is frozenset:
                        if type(item) is not str or item not in expected:
                            raise _NotExact
                    elif type(item) is not expected:
                        raise _NotExact
                    continue
                field = other.get(key)
                if field is None:
                    raise _NotExact
                made[key] = field(item)
            return kind(**made)
    else:  # pragma: no cover - a type the models do not use
        raise TypeError(f"no exact check for {kind!r}")
    _CHECKERS[kind] = check
    return check


MOST_EVENTS = 10_000
"""The longest history a decision file may hold. The benchmark's longest is 2,000 events; past
this, a pulled file could hold any command (and the merge driver, in a pull) for minutes."""

MANY = 300
"""Files to validate in one process from which pydantic pays: its import and schema cost 100-150
ms, and then it validates a decision in 120-170 µs where the exact check takes 180-235 µs
(measured)."""


MOST_SAID = 20
"""Problems of one file named, each with its line; the rest are counted."""


def expect(files: int) -> None:
    """Say how many files this process is about to validate: enough of them, and pydantic is
    made ready for them all."""
    if files >= MANY:
        for cls in (Decision, Header, Meeting):
            _adapter(cls)


def _validate(cls: type[T], data: dict[str, Any], path: Path | str, text: str) -> T:
    # Files consensus wrote hold exactly the models' types: those are taken as they are, without
    # pydantic, whose import and schema cost a process 100-150 ms (the merge driver is one process
    # per file; a command reads one file, or a few, the index does not vouch for). Anything else
    # (a value pydantic would convert, or refuse) goes to pydantic, as before: it decides, and
    # names what is wrong. Once pydantic is at hand (``expect``), it validates everything.
    if cls not in _ADAPTERS:
        try:
            exact: T = _checker(cls)(data)
            return exact
        except _NotExact:
            pass
    from pydantic import ValidationError

    try:
        result: T = _adapter(cls).validate_python(data)
        return result
    except ValidationError as exc:
        problems = []
        errors = exc.errors(include_url=False)
        # Each problem's line is found by reading the file: a few dozen are enough to mend it by,
        # and a small file of 16,000 unknown keys took 106 s to name them all (on every command).
        for error in errors[:MOST_SAID]:
            loc = [p for p in error["loc"] if isinstance(p, str | int)]
            where = _loc(loc)
            said = _said(error["type"], error["msg"], error.get("ctx") or {})
            problems.append(BrokenFile(path, f"{where}: {said}" if where else said, locate(text, loc)))
        if len(errors) > MOST_SAID:
            problems.append(BrokenFile(path, n_("and {n} more problem like these", "and {n} more problems like these",
                                                len(errors) - MOST_SAID).format(n=len(errors) - MOST_SAID)))
        first = problems[0]
        first.more = problems[1:]
        raise first from None


# pydantic's messages by their type, in words a person editing a TOML file knows (a "tuple" is
# a list, a "dictionary or an instance of Event" is a table); a type not here keeps pydantic's
# own message, in English.
_SAID = {
    "missing": N_("missing — this key is required"),
    "extra_forbidden": N_("unknown key"),
    "unexpected_keyword_argument": N_("unknown key"),
    "string_type": N_("should be text in quotes"),
    "int_type": N_("should be a whole number"),
    "int_parsing": N_("should be a whole number"),
    "int_from_float": N_("should be a whole number"),
    "bool_type": N_("should be true or false"),
    "bool_parsing": N_("should be true or false"),
    "list_type": N_("should be a list [ … ]"),
    "tuple_type": N_("should be a list [ … ]"),
    "dict_type": N_("should be a table { … }"),
    "dataclass_type": N_("should be a table { … }"),
    "dataclass_exact_type": N_("should be a table { … }"),
    "model_type": N_("should be a table { … }"),
    "datetime_type": N_("should be a date and time, e.g. 2026-12-01T19:00:00+01:00"),
    "datetime_parsing": N_("should be a date and time, e.g. 2026-12-01T19:00:00+01:00"),
    "datetime_from_date_parsing": N_("should be a date and time, e.g. 2026-12-01T19:00:00+01:00"),
    "date_type": N_("should be a date, e.g. 2026-12-01"),
    "date_parsing": N_("should be a date, e.g. 2026-12-01"),
    "date_from_datetime_parsing": N_("should be a date, e.g. 2026-12-01"),
    "literal_error": N_("should be {expected}"),
    "greater_than_equal": N_("should be at least {ge}"),
    "greater_than": N_("should be more than {gt}"),
}


def _said(kind: str, message: str, ctx: dict[str, Any]) -> str:
    if kind not in _SAID:
        return message
    if kind == "literal_error":
        ctx = {**ctx, "expected": str(ctx.get("expected", "")).replace(" or ", _(" or "))}
    try:
        return _(_SAID[kind]).format(**{k: str(v) for k, v in ctx.items()})
    except (KeyError, IndexError):
        return message


def _check_format(data: dict[str, Any], path: Path | str, text: str) -> None:
    value = data.get("format", FORMAT)
    if isinstance(value, int) and not isinstance(value, bool) and value > FORMAT:
        raise BrokenFile(
            path,
            _("was written in format {format} by a newer consensus; this one reads up to format "
              "{known} — upgrade consensus").format(format=value, known=FORMAT),
            locate(text, ["format"]),
        )


def _aware(value: dt.datetime | None, path: Path | str, text: str, loc: list[str | int]) -> None:
    if value is not None and value.tzinfo is None:
        raise BrokenFile(
            path,
            _("{key}: {moment} has no UTC offset — add one, e.g. +01:00").format(
                key=_loc(loc), moment=value.isoformat()),
            locate(text, loc),
        )


def settings(data: dict[str, Any], path: Path | str, text: str) -> Settings:
    """``consensus.toml`` as Settings, or a BrokenFile naming the line."""
    _check_format(data, path, text)
    result = _validate(Settings, data, path, text)
    from .dates import parse_period
    from .errors import ConsensusError

    for key in ("review_period", "meeting_period"):
        try:
            parse_period(getattr(result, key))
        except ConsensusError as exc:
            raise BrokenFile(path, f"{key}: {exc}", locate(text, [key])) from None
    return result


def decision(data: dict[str, Any], path: Path | str, text: str) -> Decision:
    """A decision file as a Decision, or a BrokenFile naming the line."""
    _check_format(data, path, text)
    header_data = {k: v for k, v in data.items() if k in HEADER_KEYS}
    body = {k: v for k, v in data.items() if k not in HEADER_KEYS}
    if "written" in body:
        body.pop("written")
        raise BrokenFile(path, "written: " + _("unknown key"), locate(text, ["written"]))
    header = _validate(Header, header_data, path, text)
    result = _validate(Decision, body, path, text)
    if len(result.history) > MOST_EVENTS:
        raise BrokenFile(path, _(
            "holds {count} events, and a decision holds at most {most} (no group takes that many steps on one "
            "decision; a file this long was made to slow consensus down) — take the file from an earlier commit, "
            "or remove it").format(count=len(result.history), most=MOST_EVENTS), locate(text, ["history", MOST_EVENTS]))
    if not is_valid_id(result.id):
        raise BrokenFile(path, _("id: '{id}' is not a valid id").format(id=result.id), locate(text, ["id"]))
    for index, event in enumerate(result.history):
        if event.at.tzinfo is None:
            _aware(event.at, path, text, ["history", index, "at"])
        if index and (event.amends is not None or event.partly_replaces is not None
                      or event.status_as_written is not None):
            _only_first(event, path, text, index)
    return dataclasses.replace(result, written=header)


_FIRST_ONLY = ("amends", "partly_replaces", "status_as_written")


def _only_first(event: Event, path: Path | str, text: str, index: int) -> None:
    # The replay reads these from the proposal alone: anywhere else they would say nothing.
    for key in _FIRST_ONLY:
        if getattr(event, key) is not None:
            loc: list[str | int] = ["history", index, key]
            raise BrokenFile(path, _("{key}: only the first event (the proposal) may say this").format(
                key=_loc(loc)), locate(text, loc))


def meeting(data: dict[str, Any], path: Path | str, text: str) -> Meeting:
    """A meeting file as a Meeting, or a BrokenFile naming the line."""
    _check_format(data, path, text)
    result = _validate(Meeting, data, path, text)
    if not is_valid_id(result.id):
        raise BrokenFile(path, _("id: '{id}' is not a valid id").format(id=result.id), locate(text, ["id"]))
    _aware(result.started_at, path, text, ["started_at"])
    _aware(result.ended_at, path, text, ["ended_at"])
    for index, note in enumerate(result.notes):
        _aware(note.at, path, text, ["notes", index, "at"])
    return result
