"""Differences between two texts: unified (for JSON and files), and word by word or sentence by
sentence (for people).

Underneath is one diff of token lists, a patience diff: tokens that occur once on each side
anchor the comparison (the longest run of them in the same order), the stretches between
anchors are compared again the same way, and a short stretch without anchors goes to difflib.
Its work grows with the length of the texts, not with its square: difflib alone took 12 s on a
rewritten text of 34 KB, and over five minutes at 230 KB. (``patiencediff``, the maintained
implementation of the same idea, is GPL-licensed, which this MIT project cannot take on.)

People then read the changes the way git's word diff shows them: a run of changed words is one
deletion and one insertion, never word by word interleaved. Words that merely happen to be the
same inside a rewritten stretch (a space, "the") are folded into the change, as diff-match-patch's
semantic cleanup does: an unchanged stretch between two changes goes when it is no longer than
what changed on either side. Paragraph breaks always stay, so a rewritten paragraph reads as the
old paragraph, then the new one.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal

Op = Literal["=", "-", "+"]
_TOKENS = re.compile(r"\s+|\w+|[^\w\s]", re.UNICODE)
_PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n")
_PARAGRAPHS = re.compile(r"(?s).+?(?:\n[^\S\n]*\n\s*|\Z)")  # each with the blank lines after it

WORD_LIMIT = 500_000
"""Past this many characters (both texts together), texts are compared line by line: a word
diff that long helps nobody, and drawing it takes long."""
SMALL = 4_096
"""A stretch without anchors this small (the product of its two lengths) goes to difflib."""
EFFORT = 64
"""How many times the length of the texts the comparison may look at tokens before it stops
refining (only texts made to defeat it come near): what is left is shown whole, old then new."""


@dataclass
class Changes:
    """The change from one text to another, as runs of kept (``=``), removed (``-``) and added
    (``+``) text; ``coarse`` names what was compared instead of words, when the texts were
    too long for a word diff."""

    runs: list[tuple[Op, str]] = field(default_factory=list)
    coarse: str | None = None


def unified(old: str, new: str, old_name: str = "a", new_name: str = "b", context: int = 3) -> str:
    """A unified diff of two texts, line by line (empty when they are equal)."""
    a, b = old.splitlines(keepends=True), new.splitlines(keepends=True)
    # A last line without its newline would glue itself to the next diff line.
    if a and not a[-1].endswith("\n"):
        a[-1] += "\n"
    if b and not b[-1].endswith("\n"):
        b[-1] += "\n"
    codes = _opcodes(a, b)[0]
    if all(tag == "equal" for tag, *_ in codes):
        return ""
    out = [f"--- {old_name}\n", f"+++ {new_name}\n"]
    for group in _grouped(codes, context):
        i1, i2, j1, j2 = group[0][1], group[-1][2], group[0][3], group[-1][4]
        out.append(f"@@ -{_range(i1, i2)} +{_range(j1, j2)} @@\n")
        for tag, a1, a2, b1, b2 in group:
            if tag == "equal":
                out.extend(" " + line for line in a[a1:a2])
                continue
            out.extend("-" + line for line in a[a1:a2])
            out.extend("+" + line for line in b[b1:b2])
    return "".join(out)


def _range(start: int, stop: int) -> str:
    # As difflib writes it: the first line counting from 1, and the length unless it is one.
    length = stop - start
    first = start + 1 if length else start
    return str(first) if length == 1 else f"{first},{length}"


def _grouped(codes: list[tuple[str, int, int, int, int]], context: int) -> list[list[tuple[str, int, int, int, int]]]:
    """The changes with ``context`` lines around them, as difflib's get_grouped_opcodes."""
    codes = list(codes)
    if codes[0][0] == "equal":
        tag, i1, i2, j1, j2 = codes[0]
        codes[0] = (tag, max(i1, i2 - context), i2, max(j1, j2 - context), j2)
    if codes[-1][0] == "equal":
        tag, i1, i2, j1, j2 = codes[-1]
        codes[-1] = (tag, i1, min(i2, i1 + context), j1, min(j2, j1 + context))
    groups, group = [], []
    for tag, i1, i2, j1, j2 in codes:
        if tag == "equal" and i2 - i1 > 2 * context:
            group.append((tag, i1, min(i2, i1 + context), j1, min(j2, j1 + context)))
            groups.append(group)
            group = []
            i1, j1 = max(i1, i2 - context), max(j1, j2 - context)
        group.append((tag, i1, i2, j1, j2))
    if group and not (len(group) == 1 and group[0][0] == "equal"):
        groups.append(group)
    return groups


def words(old: str, new: str) -> Changes:
    """The change from ``old`` to ``new`` in runs of words, as a person reads it; past
    ``WORD_LIMIT`` in runs of whole lines (and ``coarse`` says so).

    Paragraphs are compared first: where as many paragraphs were rewritten as they replace,
    each is compared with its counterpart, so each reads old, then new."""
    if len(old) + len(new) > WORD_LIMIT:
        a, b = old.splitlines(keepends=True), new.splitlines(keepends=True)
        codes, _ = _opcodes(a, b)
        return Changes(_joined(_readable(a, b, codes, _keeps_paragraphs)), "lines")
    pa, pb = _PARAGRAPHS.findall(old), _PARAGRAPHS.findall(new)
    runs: list[tuple[Op, list[str]]] = []
    stopped = False
    for tag, i1, i2, j1, j2 in _opcodes(pa, pb)[0]:
        if tag == "equal":
            runs.append(("=", pa[i1:i2]))
            continue
        pairs = list(zip(pa[i1:i2], pb[j1:j2], strict=True)) if i2 - i1 == j2 - j1 else [
            ("".join(pa[i1:i2]), "".join(pb[j1:j2]))]
        for one, other in pairs:
            a, b = _TOKENS.findall(one), _TOKENS.findall(other)
            codes, ran_out = _opcodes(a, b)
            stopped = stopped or ran_out
            runs.extend(_readable(a, b, codes, _keeps_paragraphs))
    return Changes(_joined(runs), "lines" if stopped else None)


def _joined(runs: list[tuple[Op, list[str]]]) -> list[tuple[Op, str]]:
    """Runs of tokens as runs of text, neighbours of the same kind as one."""
    out: list[tuple[Op, str]] = []
    for op, tokens in runs:
        text = "".join(tokens)
        if not text:
            continue
        if out and out[-1][0] == op:
            out[-1] = (op, out[-1][1] + text)
        else:
            out.append((op, text))
    return out


def _keeps_paragraphs(tokens: Sequence[str]) -> bool:
    return any("\n" in t for t in tokens) and bool(_PARAGRAPH_BREAK.search("".join(tokens)))


def sentences(text: str) -> list[str]:
    """``text`` split into lines and sentences, so a line diff of prose stays small."""
    out: list[str] = []
    for line in text.splitlines():
        parts = re.split(r"(?<=[.!?])\s+(?=\S)", line)
        out.extend(parts if line.strip() else [line])
    return out


def lines(old: str, new: str) -> list[tuple[Op, str]]:
    """A sentence-by-sentence diff for plain-text and Markdown displays: each changed stretch
    (between blank lines) as its old sentences, then its new ones."""
    a, b = sentences(old), sentences(new)
    out: list[tuple[Op, str]] = []
    for op, chunk in _readable(a, b, _opcodes(a, b)[0], lambda s: any(not x.strip() for x in s)):
        out.extend((op, sentence) for sentence in chunk)
    return out


# -- the comparison ------------------------------------------------------------------------------


def _opcodes(a: Sequence[str], b: Sequence[str]) -> tuple[list[tuple[str, int, int, int, int]], bool]:
    """difflib's opcodes for turning ``a`` into ``b``, and whether the effort ran out."""
    pairs, stopped = _matches(a, b)
    codes: list[tuple[str, int, int, int, int]] = []
    i = j = 0
    start = 0
    while start < len(pairs):
        x, y = pairs[start]
        if x > i or y > j:
            codes.append(("replace" if x > i and y > j else "delete" if x > i else "insert", i, x, j, y))
        end = start
        while end + 1 < len(pairs) and pairs[end + 1] == (pairs[end][0] + 1, pairs[end][1] + 1):
            end += 1
        length = end - start + 1
        codes.append(("equal", x, x + length, y, y + length))
        i, j = x + length, y + length
        start = end + 1
    if i < len(a) or j < len(b):
        codes.append(("replace" if i < len(a) and j < len(b) else "delete" if i < len(a) else "insert",
                      i, len(a), j, len(b)))
    return codes or [("equal", 0, 0, 0, 0)], stopped


def _matches(a: Sequence[str], b: Sequence[str]) -> tuple[list[tuple[int, int]], bool]:
    """The pairs (i, j) with ``a[i] == b[j]`` that the diff keeps, in order; and whether the
    effort ran out before every stretch was refined."""
    pairs: list[tuple[int, int]] = []
    budget = EFFORT * (len(a) + len(b)) + SMALL
    stopped = False
    stack = [(0, len(a), 0, len(b))]
    while stack:
        alo, ahi, blo, bhi = stack.pop()
        while alo < ahi and blo < bhi and a[alo] == b[blo]:
            pairs.append((alo, blo))
            alo, blo = alo + 1, blo + 1
        while alo < ahi and blo < bhi and a[ahi - 1] == b[bhi - 1]:
            ahi, bhi = ahi - 1, bhi - 1
            pairs.append((ahi, bhi))
        if alo == ahi or blo == bhi:
            continue
        budget -= (ahi - alo) + (bhi - blo)
        if budget < 0:
            stopped = True
            continue
        anchors = _unique_common(a, alo, ahi, b, blo, bhi)
        if anchors:
            i, j = alo, blo
            for x, y in anchors:
                pairs.append((x, y))
                stack.append((i, x, j, y))
                i, j = x + 1, y + 1
            stack.append((i, ahi, j, bhi))
        elif (ahi - alo) * (bhi - blo) <= SMALL:
            import difflib

            matcher = difflib.SequenceMatcher(None, a[alo:ahi], b[blo:bhi], autojunk=False)
            for x, y, size in matcher.get_matching_blocks():
                pairs.extend((alo + x + k, blo + y + k) for k in range(size))
        # else: nothing in common worth showing; the stretch is replaced whole
    pairs.sort()
    return pairs, stopped


def _unique_common(a: Sequence[str], alo: int, ahi: int, b: Sequence[str], blo: int, bhi: int) -> list[tuple[int, int]]:
    """The tokens that occur exactly once in ``a[alo:ahi]`` and once in ``b[blo:bhi]``: the
    longest run of them that stands in the same order on both sides, as (i, j)."""
    once_a: dict[str, int] = {}
    for i in range(alo, ahi):
        token = a[i]
        once_a[token] = -1 if token in once_a else i
    once_b: dict[str, int] = {}
    for j in range(blo, bhi):
        token = b[j]
        if token in once_a:
            once_b[token] = -1 if token in once_b else j
    common = [(i, once_b[t]) for t, i in once_a.items() if i >= 0 and once_b.get(t, -1) >= 0]
    if not common:
        return []
    # The longest increasing run of j (patience sorting): common is in the order of i already.
    tops: list[int] = []
    top_index: list[int] = []
    before = [-1] * len(common)
    for index, (_, j) in enumerate(common):
        place = bisect_left(tops, j)
        if place == len(tops):
            tops.append(j)
            top_index.append(index)
        else:
            tops[place] = j
            top_index[place] = index
        before[index] = top_index[place - 1] if place else -1
    chain = []
    index = top_index[-1]
    while index >= 0:
        chain.append(common[index])
        index = before[index]
    chain.reverse()
    return chain


def _readable(a: Sequence[str], b: Sequence[str], codes: list[tuple[str, int, int, int, int]],
              keep: Callable[[Sequence[str]], bool]) -> list[tuple[Op, list[str]]]:
    """The opcodes as runs a person reads: each change one deletion then one insertion, and an
    unchanged stretch between two changes folded into them when it is no longer than what
    changed on either side (unless ``keep`` says it must stay)."""
    # Segments: (False, kept, [], size, size) or (True, removed, added, removed size, added size).
    out: list[tuple[bool, list[str], list[str], int, int]] = []
    for tag, i1, i2, j1, j2 in codes:
        if tag == "equal":
            if i2 > i1:
                tokens = list(a[i1:i2])
                size = sum(map(len, tokens))
                out.append((False, tokens, [], size, size))
            continue
        removed, added = list(a[i1:i2]), list(b[j1:j2])
        change = (True, removed, added, sum(map(len, removed)), sum(map(len, added)))
        while (len(out) >= 2 and not out[-1][0] and out[-2][0]
               and out[-1][3] <= max(out[-2][3], out[-2][4]) and out[-1][3] <= max(change[3], change[4])
               and not keep(out[-1][1])):
            same, earlier = out.pop(), out.pop()
            removed, added = earlier[1], earlier[2]  # extended in place: a long rewrite stays linear
            removed.extend(same[1])
            removed.extend(change[1])
            added.extend(same[1])
            added.extend(change[2])
            change = (True, removed, added, earlier[3] + same[3] + change[3], earlier[4] + same[3] + change[4])
        out.append(change)
    runs: list[tuple[Op, list[str]]] = []
    for changed, first, second, _, _ in out:
        if not changed:
            runs.append(("=", first))
            continue
        if first:
            runs.append(("-", first))
        if second:
            runs.append(("+", second))
    return runs
