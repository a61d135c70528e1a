"""Every presentation of the register: terminal, Markdown, HTML, plain text, JSON, graphs."""

from __future__ import annotations

import json
import re
from typing import Any

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


def safe(text: str) -> str:
    """``text`` with control characters made visible, so no text can drive a terminal."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def one_line(text: str) -> str:
    """``text`` on one line (titles in tables), control characters made visible."""
    if text.isprintable():  # the usual case, and a long table has tens of thousands of cells
        return text
    return safe(" ".join(text.replace("\t", " ").split("\n")))


def to_json(data: Any) -> str:
    """Data as the indented JSON every ``--json`` prints."""
    return json.dumps(data, ensure_ascii=False, indent=2)


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
    return "[\n  " + text[1:-1].replace(f"}}, {{{key}: ", f"}},\n  {{{key}: ") + "\n]"
