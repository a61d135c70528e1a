"""Text laid out for a terminal without rich: wrapped to a width with a hanging indent, and
painted with ANSI codes.

rich measures and styles every line it prints one object at a time (a ``changes`` of a year of
a large register was 276,000 calls of its ``emit``); these work on whole strings, and look at
a word only where a line is too long.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

from .style import ANSI, Span
from .table import width_of

_WORD = re.compile(r"\s*\S+\s*")


def breaks(line: str, width: int, rest: int | None = None) -> list[int]:
    """Where to break ``line`` (no line feeds in it) so that its first piece fits ``width``
    cells and each later piece ``rest`` (default: ``width``): greedy, at spaces, as rich
    breaks; a word longer than a line is folded, starting on a line of its own, and a lone "·"
    (our separator) takes the word before it along rather than begin a line."""
    rest = width if rest is None else rest
    found: list[int] = []
    room, used = width, 0
    before = 0  # where the word before this one starts, when it is not the first of its line
    for match in _WORD.finditer(line):
        start, word = match.start(), match.group()
        size = width_of(word.rstrip())
        if room - used >= size:
            before = start if used else 0
            used += width_of(word)
        elif used and size <= rest:
            if word.rstrip() == "·" and before and width_of(line[before:match.end()].rstrip()) <= rest:
                start, word = before, line[before:match.end()]  # a separator never begins a line
            found.append(start)
            room, used, before = rest, width_of(word), 0
        else:  # longer than any line: folded
            if used:
                found.append(start)
                room = rest
            for index, piece in enumerate(pieces := _chop(word, room, rest)):
                if index:
                    found.append(start)
                start += len(piece)
            room, used, before = (rest if len(pieces) > 1 else room), width_of(pieces[-1]), 0
    return found


def _chop(word: str, width: int, rest: int) -> list[str]:
    pieces, piece, used, room = [], "", 0, max(width, 1)
    for char in word:
        cell = width_of(char)
        if used + cell > room and piece:
            pieces.append(piece)
            piece, used, room = "", 0, max(rest, 1)
        piece += char
        used += cell
    return [*pieces, piece] if piece else pieces


def lines(text: str, width: int, rest: int | None = None) -> list[str]:
    """``text`` as lines of at most ``width`` cells (the first) and ``rest`` (the others); its
    own line breaks kept, tabs expanded, no spaces left at a line's end."""
    if "\n" not in text and "\t" not in text and width_of(text) <= width:
        return [text.rstrip()]  # nearly always: it fits
    out: list[str] = []
    for line in text.split("\n"):
        line = line.expandtabs(8) if "\t" in line else line
        first = width if not out else (width if rest is None else rest)
        cuts = [0, *breaks(line, first, rest), len(line)]
        out.extend(line[a:b].rstrip() for a, b in pairwise(cuts))
    return out


def wrap(spans: Sequence[Span], width: int, rest: int | None = None) -> list[list[Span]]:
    """Styled text on one line (no line feeds or tabs: ``one_line`` has made it so) as the
    lines it takes at ``width`` cells (the first) and ``rest`` (the others), still styled."""
    plain = "".join(text for _, text in spans)
    if width_of(plain) <= width:
        return [list(spans)]
    cuts = [0, *breaks(plain, width, rest), len(plain)]
    out: list[list[Span]] = []
    for a, b in pairwise(cuts):
        piece: list[Span] = []
        offset = 0
        for style, text in spans:
            end = offset + len(text)
            if end > a and offset < b:
                piece.append((style, text[max(a - offset, 0):b - offset]))
            offset = end
        while piece and not piece[-1][1].rstrip():
            piece.pop()
        if piece:
            piece[-1] = (piece[-1][0], piece[-1][1].rstrip())
        out.append(piece)
    return out


def cells(spans: Sequence[Span]) -> int:
    """How many terminal cells styled text takes."""
    return width_of("".join(text for _, text in spans))


class Painter:
    """Styled spans as text: ANSI codes when colours are wanted (``colours_wanted``), plain text
    otherwise; NO_COLOR therefore removes every style, bold and dim too."""

    def __init__(self, colour: bool) -> None:
        self.colour = colour

    def __call__(self, line: Sequence[Span]) -> str:
        if not self.colour:
            return "".join(text for _, text in line)
        return "".join(f"\x1b[{ANSI[style]}m{text}\x1b[0m" if style in ANSI and text else text for style, text in line)

    def one(self, style: str, text: str) -> str:
        """One piece of text in one style."""
        code = ANSI.get(style) if self.colour else None
        return f"\x1b[{code}m{text}\x1b[0m" if code and text else text
