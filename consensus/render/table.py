"""A plain, fast table for long listings: rich measures every cell and costs about a millisecond
per row, which a register of 10,000 decisions cannot afford."""

from __future__ import annotations

import contextlib
import os
import re
import sys
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from operator import add

from . import one_line
from .style import ANSI


@dataclass
class Column:
    """A column: its heading, and how it gives way when the screen is narrow."""

    heading: str
    right: bool = False
    flexible: bool = False  # takes what is left of the screen, cut with "…"; never cut in a pipe
    limit: int | None = None  # on a terminal
    ascii: bool = False  # our own one-line ASCII text (ids, dates): nothing to clean or measure


_BEYOND_LATIN = re.compile("[^\x00-\u02ff]")  # nothing below U+0300 is wide or combining


def _one_cell_each(text: str) -> bool:
    """Whether every character of ``text`` takes one cell, as in ASCII and in the Latin letters
    of most European languages."""
    return text.isascii() or _BEYOND_LATIN.search(text) is None


def width_of(text: str) -> int:
    """How many terminal cells ``text`` takes (wide East Asian characters take two)."""
    if _one_cell_each(text):
        return len(text)
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _cut(text: str, width: int) -> str:
    if _one_cell_each(text):  # most titles: cut in one step
        return text if len(text) <= width else text[: max(width - 1, 0)] + "…"
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


def screen_width() -> int:
    """``COLUMNS``, else the width of whichever standard stream is a terminal (so ``show | less``
    still fits the screen), else 80."""
    with contextlib.suppress(ValueError):
        if int(os.environ.get("COLUMNS", "")) > 0:
            return int(os.environ["COLUMNS"])
    for stream in (sys.stdout, sys.stderr, sys.stdin):
        try:
            return os.get_terminal_size(stream.fileno()).columns or 80
        except (AttributeError, ValueError, OSError):
            continue
    return 80


def colours_wanted(stream: object = None) -> bool:
    """Whether to paint: never when NO_COLOR is set (https://no-color.org), always when FORCE_COLOR
    is (and not "0"), else only on a terminal that is not dumb. The one rule for every command."""
    if os.environ.get("NO_COLOR"):
        return False
    forced = os.environ.get("FORCE_COLOR")
    if forced is not None and forced not in ("", "0"):
        return True
    stream = stream or sys.stdout
    return hasattr(stream, "isatty") and stream.isatty() and os.environ.get("TERM") != "dumb"


def render(columns: Sequence[Column], values: Sequence[Sequence[str]], styles: Sequence[Sequence[str]] = (), *,
           terminal: bool, colour: bool, width: int | None = None) -> str:
    """The table as text: header, rule, rows; three spaces between columns.

    ``values`` holds one list of texts per column (a long listing is tens of thousands of cells,
    and column by column most of the work is done in C); ``styles`` likewise, read only for
    colour. On a terminal the table fits the screen, cutting what does not fit with "…". In a
    pipe every row is one whole line, so ``grep``, ``wc -l`` and ``cut`` see one decision per line.
    """
    total = width or (screen_width() if terminal else None)
    texts, sizes, narrow, plain = [], [], [], True
    for column, cells in zip(columns, values, strict=True):
        joined = "".join(cells)
        narrow.append(column.ascii or (joined.isprintable() and _one_cell_each(joined)))
        if narrow[-1]:
            texts.append(cells)
            sizes.append(list(map(len, cells)))
        else:
            shown = list(map(one_line, cells))
            texts.append(shown)
            sizes.append(list(map(width_of, shown)))
            plain = plain and sizes[-1] == list(map(len, shown))
    widths = []
    for index, column in enumerate(columns):
        widest = max([width_of(column.heading), *sizes[index]])
        widths.append(min(widest, column.limit) if column.limit and total is not None else widest)
    gutter = 3 * (len(columns) - 1)
    flexible = next((i for i, c in enumerate(columns) if c.flexible), None)
    if flexible is not None and total is not None:
        room = total - gutter - sum(w for i, w in enumerate(widths) if i != flexible)
        # The flexible column (the title) matters most: narrow the columns that may be cut,
        # down to their heading, before it gets less than a third of the screen.
        for index, column in enumerate(columns):
            short = min(widths[flexible], total // 3) - room
            if short > 0 and column.limit and index != flexible:
                give = min(short, widths[index] - max(width_of(column.heading), 8))
                if give > 0:
                    widths[index] -= give
                    room += give
        widths[flexible] = max(min(widths[flexible], room), width_of(columns[flexible].heading), 8)
    if total is not None:
        for index, room in enumerate(widths):
            if max(sizes[index], default=0) > room:
                if narrow[index]:  # one cell a character: cut to the room, and "…" takes one
                    keep = max(room - 1, 0)
                    texts[index] = [text if len(text) <= room else text[:keep] + "…" for text in texts[index]]
                    sizes[index] = [min(size, room) for size in sizes[index]]
                else:
                    texts[index] = [_cut(text, room) for text in texts[index]]
                    sizes[index] = list(map(width_of, texts[index]))
                    plain = plain and sizes[index] == list(map(len, texts[index]))
    plan = [(column.right, size) for column, size in zip(columns, widths, strict=True)]

    def paint(text: str, style: str) -> str:
        code = ANSI.get(style)
        return f"\x1b[{code}m{text}\x1b[0m" if colour and code and text else text

    headings = []
    for column, (to_right, room) in zip(columns, plan, strict=True):
        pad, heading = " " * (room - width_of(column.heading)), paint(column.heading, "bold")
        headings.append(pad + heading if to_right else heading + pad)
    out = ["   ".join(headings).rstrip(), paint("─" * (sum(widths) + gutter), "dim")]
    if colour or not plain:
        # Column by column, as above: each cell painted, then padded outside its colour codes.
        laid_out = []
        for index, (to_right, room) in enumerate(plan):
            cells = texts[index]
            used = set(styles[index]) if colour and styles else set()
            if len(used) == 1:  # a whole column in one style (or none): no lookup per cell
                code = ANSI.get(used.pop())
                if code:
                    cells = [f"\x1b[{code}m{text}\x1b[0m" if text else text for text in cells]
            elif used:
                codes = [ANSI.get(style) for style in styles[index]]
                cells = [f"\x1b[{code}m{text}\x1b[0m" if code and text else text
                         for text, code in zip(cells, codes, strict=True)]
            pads = [" " * (room - size) for size in sizes[index]]
            laid_out.append(list(map(add, pads, cells) if to_right else map(add, cells, pads)))
        out.extend(map(str.rstrip, map("   ".join, zip(*laid_out, strict=True))))
    else:
        # Every character takes one cell (nearly always): str.format pads a whole row at once.
        template = "   ".join(f"{{:{'>' if right else '<'}{size}}}" for right, size in plan)
        out.extend(map(str.rstrip, map(template.format, *texts)))
    return "\n".join(out) + "\n"
