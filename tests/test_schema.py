"""Files of exactly the models' types are read without pydantic, and read as pydantic reads them."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from consensus import schema, tomlfile
from consensus.models import HEADER_KEYS, Decision, Header, Meeting, Settings

EXAMPLES = Path("examples/bergkamen")


def both(cls: type[Any], data: Any) -> tuple[Any, Any]:
    """(what the exact check makes of ``data``, what pydantic makes of it); an exception where
    either refuses it."""
    try:
        exact: Any = schema._checker(cls)(data)
    except schema._NotExact as exc:
        exact = exc
    try:
        slow: Any = schema._adapter(cls).validate_python(data)
    except Exception as exc:  # noqa: BLE001 - pydantic's ValidationError, or what a value raises
        slow = exc
    return exact, slow


def documents() -> list[tuple[type[Any], dict[str, Any]]]:
    found: list[tuple[type[Any], dict[str, Any]]] = []
    for path in sorted((EXAMPLES / "decisions").glob("*.toml")):
        data = tomlfile.parse(path.read_bytes(), path)
        found.append((Header, {k: v for k, v in data.items() if k in HEADER_KEYS}))
        found.append((Decision, {k: v for k, v in data.items() if k not in HEADER_KEYS}))
    for path in sorted((EXAMPLES / "meetings").glob("*.toml")):
        found.append((Meeting, tomlfile.parse(path.read_bytes(), path)))
    found.append((Settings, tomlfile.parse((EXAMPLES / "consensus.toml").read_bytes(), "consensus.toml")))
    return found


def test_every_example_file_is_read_without_pydantic_as_pydantic_reads_it() -> None:
    for cls, data in documents():
        exact, slow = both(cls, data)
        assert not isinstance(exact, Exception), (cls, data)
        assert exact == slow
        assert repr(exact) == repr(slow)


ODD = st.one_of(
    st.none(), st.booleans(), st.integers(-3, 3), st.floats(allow_nan=False), st.text(max_size=5),
    st.sampled_from(["1", "true", "2024-01-01", "2024-01-01T10:00:00+01:00", "active", "adopted", "consented"]),
    st.dates(), st.datetimes(timezones=st.none() | st.just(dt.UTC)),
    st.lists(st.one_of(st.text(max_size=3), st.integers(0, 3)), max_size=3), st.dictionaries(st.text(max_size=3),
                                                                                         st.integers(), max_size=2),
)


def _places(value: Any, where: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [where]
    if isinstance(value, dict):
        for key, inner in value.items():
            out += _places(inner, (*where, key))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            out += _places(inner, (*where, index))
    return out


def _changed(value: Any, where: tuple[Any, ...], new: Any, how: str) -> Any:
    if not where:
        return new
    head, rest = where[0], where[1:]
    copy: Any = dict(value) if isinstance(value, dict) else list(value)
    if not rest and how == "drop":
        del copy[head]
    elif not rest and how == "add" and isinstance(copy, dict):
        copy[f"{head}_extra"] = new
    else:
        copy[head] = _changed(value[head], rest, new, how)
    return copy


@given(st.data())
def test_whatever_is_read_without_pydantic_pydantic_reads_the_same(data: st.DataObject) -> None:
    cls, document = data.draw(st.sampled_from(documents()))
    for _ in range(data.draw(st.integers(1, 3))):
        where = data.draw(st.sampled_from(_places(document)))
        document = _changed(document, where, data.draw(ODD), data.draw(st.sampled_from(["set", "drop", "add"])))
    exact, slow = both(cls, document)
    if not isinstance(exact, Exception):
        assert exact == slow
        assert repr(exact) == repr(slow)
        assert all(type(getattr(exact, f.name)) is type(getattr(slow, f.name)) for f in dataclasses.fields(exact))
