"""Differences between two texts: unified (for JSON and files) and word by word (for people)."""

from __future__ import annotations

import re
from typing import Literal

Op = Literal["=", "-", "+"]
_TOKENS = re.compile(r"\s+|\w+|[^\w\s]", re.UNICODE)


def unified(old: str, new: str, old_name: str = "a", new_name: str = "b") -> str:
    """A unified diff of two texts, line by line (empty when they are equal)."""
    import difflib

    old_lines = old.splitlines(keepends=True)
    new_lines = new.splitlines(keepends=True)
    # A last line without its newline would glue itself to the next diff line.
    if old_lines and not old_lines[-1].endswith("\n"):
        old_lines[-1] += "\n"
    if new_lines and not new_lines[-1].endswith("\n"):
        new_lines[-1] += "\n"
    return "".join(difflib.unified_diff(old_lines, new_lines, old_name, new_name))


def words(old: str, new: str) -> list[tuple[Op, str]]:
    """The change from ``old`` to ``new`` as runs of kept, removed and added words."""
    import difflib

    a, b = _TOKENS.findall(old), _TOKENS.findall(new)
    # What both share at the start and the end is kept as it is: an amendment mostly changes a
    # part, and the matcher's time grows with the product of what is left to compare.
    start = 0
    while start < len(a) and start < len(b) and a[start] == b[start]:
        start += 1
    end = 0
    while end < len(a) - start and end < len(b) - start and a[-1 - end] == b[-1 - end]:
        end += 1
    head, tail = "".join(a[:start]), "".join(a[len(a) - end:])
    a, b = a[start:len(a) - end], b[start:len(b) - end]
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    out: list[tuple[Op, str]] = []

    def put(op: Op, text: str) -> None:
        if not text:
            return
        if out and out[-1][0] == op:
            out[-1] = (op, out[-1][1] + text)
        else:
            out.append((op, text))

    put("=", head)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            put("=", "".join(a[i1:i2]))
        else:
            put("-", "".join(a[i1:i2]))
            put("+", "".join(b[j1:j2]))
    put("=", tail)
    return out


def sentences(text: str) -> list[str]:
    """``text`` split into lines and sentences, so a line diff of prose stays small."""
    out: list[str] = []
    for line in text.splitlines():
        parts = re.split(r"(?<=[.!?])\s+(?=\S)", line)
        out.extend(parts if line.strip() else [line])
    return out


def lines(old: str, new: str) -> list[tuple[Op, str]]:
    """A sentence-by-sentence diff for plain-text and Markdown displays."""
    import difflib

    a, b = sentences(old), sentences(new)
    out: list[tuple[Op, str]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            out.extend(("=", s) for s in a[i1:i2])
        else:
            out.extend(("-", s) for s in a[i1:i2])
            out.extend(("+", s) for s in b[j1:j2])
    return out
