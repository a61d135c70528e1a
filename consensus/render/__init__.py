"""Every presentation of the register: terminal, Markdown, HTML, plain text, JSON, graphs."""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Iterable, Iterator
from typing import Any

# Control characters (C0 but tab and line feed, DEL, C1, the Unicode line separators), the
# invisible marks that make a terminal show text in another order than it is written (the
# bidirectional embeddings, overrides and isolates, and the direction marks), and the lone
# surrogates that stand for a file name's bytes that are not UTF-8 (no stream could write them).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def safe(text: str) -> str:
    """``text`` with control characters and direction marks made visible, so no text can drive
    a terminal or reorder what it shows."""
    return _CONTROL.sub(_visible, text)


def one_line(text: str) -> str:
    """``text`` on one line (titles in tables), control characters made visible."""
    if text.isprintable():  # the usual case, and a long table has tens of thousands of cells
        return text
    return safe(" ".join(text.replace("\t", " ").split("\n")))


def _json_safe(text: str) -> str:
    # JSON escapes C0 controls itself; these it would print as they are. Inside a JSON string
    # (the only place they can be) their \u escapes read back as the same characters.
    return _CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", text) if _CONTROL.search(text) else text


def to_json(data: Any) -> str:
    """Data as the indented JSON every ``--json`` prints."""
    return _json_safe(json.dumps(data, ensure_ascii=False, indent=2))


def json_item(data: Any) -> str:
    """``data`` as an item of a list that ``json_items`` prints: one line, as ``to_json_rows``
    prints each. Made by the C encoder, which leaves no garbage for the cycle collector that
    commands do without (``indent`` makes ``json`` use a pure-Python one, which does)."""
    return "  " + _json_safe(json.dumps(data, ensure_ascii=False, check_circular=False))


def json_items(items: Iterable[str]) -> Iterator[str]:
    """A list of ``json_item`` texts, one a line, as ``to_json_rows`` prints a list: in pieces of
    a thousand items, each written as it is made."""
    items = iter(items)
    first = True
    while some := list(itertools.islice(items, 1000)):
        yield ("[\n" if first else ",\n") + ",\n".join(some)
        first = False
    yield "[]" if first else "\n]"


def to_json_rows(rows: list[dict[str, Any]]) -> str:
    """A long list of objects (their first key the same) as JSON, one a line: as easy to read
    and grep as the indented form, and written in one call of the C encoder (``indent`` makes
    ``json`` use its pure-Python one)."""
    if not rows:
        return "[]"
    text = json.dumps(rows, ensure_ascii=False, check_circular=False)  # rows of plain values
    # A JSON string never holds a bare quote, so `}, {"id": ` (the first key) is found only
    # where one object ends and the next begins.
    key = json.dumps(next(iter(rows[0])), ensure_ascii=False)
    return _json_safe("[\n  " + text[1:-1].replace(f"}}, {{{key}: ", f"}},\n  {{{key}: ") + "\n]")
