"""A plain, fast table for long listings: rich measures every cell and costs about a millisecond
per row, which a register of 10,000 decisions cannot afford."""

from __future__ import annotations

import os
import shutil
import sys
import textwrap
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from . import one_line

_ANSI = {"bold": "1", "dim": "2", "red": "31", "green": "32", "yellow": "33", "bold red": "1;31"}
Cell = tuple[str, str]  # (text, style)


@dataclass
class Column:
    """A column: its heading, and how it gives way when the screen is narrow."""

    heading: str
    right: bool = False
    flexible: bool = False  # takes what is left; cut (screen) or wrapped (pipe)
    limit: int | None = None


def width_of(text: str) -> int:
    """How many terminal cells ``text`` takes (wide East Asian characters take two)."""
    if text.isascii():
        return len(text)
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _cut(text: str, width: int) -> str:
    if width_of(text) <= width:
        return text
    out, used = "", 0
    for char in text:
        size = width_of(char)
        if used + size > width - 1:
            break
        out += char
        used += size
    return out + "…"


def colours_wanted(stream: object = None) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org)."""
    stream = stream or sys.stdout
    return (
        hasattr(stream, "isatty") and stream.isatty()
        and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"
    )


def render(columns: Sequence[Column], rows: Sequence[Sequence[Cell]], *, terminal: bool, colour: bool,
           width: int | None = None) -> str:
    """The table as text: header, rule, rows; three spaces between columns."""
    total = width or shutil.get_terminal_size((80, 24)).columns
    texts = [[one_line(text) for text, _ in row] for row in rows]
    widths = []
    for index, column in enumerate(columns):
        widest = max([width_of(column.heading), *(width_of(r[index]) for r in texts)])
        widths.append(min(widest, column.limit) if column.limit else widest)
    gutter = 3 * (len(columns) - 1)
    flexible = next((i for i, c in enumerate(columns) if c.flexible), None)
    if flexible is not None:
        room = total - gutter - sum(w for i, w in enumerate(widths) if i != flexible)
        widths[flexible] = max(min(widths[flexible], room), width_of(columns[flexible].heading), 8)

    def paint(text: str, style: str) -> str:
        code = _ANSI.get(style)
        return f"\x1b[{code}m{text}\x1b[0m" if colour and code and text else text

    def line(cells: Sequence[tuple[str, str]]) -> str:
        parts = []
        for (text, style), column, size in zip(cells, columns, widths, strict=True):
            pad = " " * max(0, size - width_of(text))
            parts.append(pad + paint(text, style) if column.right else paint(text, style) + pad)
        return "   ".join(parts).rstrip()

    out = [line([(c.heading, "bold") for c in columns]), paint("─" * (sum(widths) + gutter), "dim")]
    for row, text_row in zip(rows, texts, strict=True):
        cells: list[list[str]] = []
        for index, text in enumerate(text_row):
            limit = widths[index]
            if width_of(text) <= limit:
                cells.append([text])
            elif terminal or index != flexible:
                cells.append([_cut(text, limit)])
            else:
                cells.append(textwrap.wrap(text, limit, break_long_words=True) or [""])
        for depth in range(max(len(c) for c in cells)):
            out.append(line([
                (cell[depth] if depth < len(cell) else "", row[index][1])
                for index, cell in enumerate(cells)
            ]))
    return "\n".join(out) + "\n"
