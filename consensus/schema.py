"""Validating register files with pydantic, and saying exactly where a file is wrong.

pydantic is imported only here, and only when a file must be validated: the index remembers
which files were valid, so everyday commands rarely pay for it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TypeVar

from .errors import BrokenFile
from .ids import is_valid_id
from .language import N_, _
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


def _validate(cls: type[T], data: dict[str, Any], path: Path | str, text: str) -> T:
    from pydantic import ValidationError

    try:
        result: T = _adapter(cls).validate_python(data)
        return result
    except ValidationError as exc:
        problems = []
        for error in exc.errors(include_url=False):
            loc = [p for p in error["loc"] if isinstance(p, str | int)]
            where = _loc(loc)
            said = _said(error["type"], error["msg"], error.get("ctx") or {})
            problems.append(BrokenFile(path, f"{where}: {said}" if where else said, locate(text, loc)))
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
    if not is_valid_id(result.id):
        raise BrokenFile(path, _("id: '{id}' is not a valid id").format(id=result.id), locate(text, ["id"]))
    for index, event in enumerate(result.history):
        _aware(event.at, path, text, ["history", index, "at"])
        if index:
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
