"""Blocks as Markdown that pastes into e-mail, wikis and GitHub issues, with all user text literal."""

from __future__ import annotations

import re

from consensus.textdiff import lines

from . import one_line, safe
from .document import Block, Diff, Heading, Items, Para, Quote
from .style import Span

# Characters that start inline markup anywhere in CommonMark/GFM (and & for entities).
_INLINE = re.compile(r"([\\`*_\[\]<>|~&])")
# At the start of a line these make headings, lists, quotes, tables or rules.
_LINE_START = re.compile(r"^(\s*)([#+\-=>]|\d+[.)])")


def escape(text: str) -> str:
    """``text`` made literal for Markdown: it renders exactly as written, never as markup."""
    return _LINE_START.sub(_literal_start, _INLINE.sub(r"\\\1", safe(text)))


def _literal_start(match: re.Match[str]) -> str:
    lead, mark = match.group(1), match.group(2)
    if mark[0].isdigit():  # "1." or "1)" would start a numbered list
        return f"{lead}{mark[:-1]}\\{mark[-1]}"
    return f"{lead}\\{mark}"


def _span(style: str, text: str) -> str:
    core = text.strip()
    if not core:
        return escape(text)
    lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()):]
    if style == "code":
        ticks = "`" * (max((len(r) for r in re.findall(r"`+", core)), default=0) + 1)
        pad = " " if core.startswith("`") or core.endswith("`") else ""
        return f"{lead}{ticks}{pad}{one_line(core)}{pad}{ticks}{trail}"
    marks = {"b": "**", "bad": "**", "warn": "**", "i": "_"}.get(style, "")
    return f"{lead}{marks}{escape(one_line(core))}{marks}{trail}"


def spans(parts: list[Span]) -> str:
    """A line of styled spans (neighbouring asides merged, so markers do not stutter)."""
    merged: list[Span] = []
    for style, text in parts:
        if merged and merged[-1][0] == style == "i":
            merged[-1] = (style, merged[-1][1] + text)
        else:
            merged.append((style, text))
    return "".join(_span(style, text) for style, text in merged)


def _quote(text: str) -> list[str]:
    lines = text.split("\n")
    while lines and not lines[-1].strip():
        lines.pop()
    out = []
    for index, line in enumerate(lines):
        if not line.strip():
            out.append(">")
            continue
        body = escape(line.rstrip())
        indent = len(body) - len(body.lstrip(" \t"))
        # Leading spaces would turn into code blocks; non-breaking ones keep the indentation.
        body = "\u00a0" * indent + body.lstrip(" \t")
        # A line break inside a paragraph must be kept; before a blank line it would show as "\".
        follows = index + 1 < len(lines) and lines[index + 1].strip()
        out.append("> " + body + ("\\" if follows else ""))
    return out


def _diff(block: Diff) -> list[str]:
    body = []
    for op, sentence in lines(block.old, block.new):
        body.append({"=": " ", "-": "-", "+": "+"}[op] + " " + safe(sentence))
    longest = max((len(r) for line in body for r in re.findall(r"`+", line)), default=0)
    fence = "`" * max(3, longest + 1)
    return [fence + "diff", *body, fence]


def write(title: str, blocks: list[Block]) -> str:
    """The whole document."""
    out = [f"# {escape(one_line(title))}", ""]
    for block in blocks:
        if isinstance(block, Heading):
            out += ["#" * block.level + " " + escape(one_line(block.text)), ""]
        elif isinstance(block, Para):
            out += [spans(block.spans), ""]
        elif isinstance(block, Quote):
            out += [*_quote(block.text), ""]
        elif isinstance(block, Diff):
            out += [*_diff(block), ""]
        elif isinstance(block, Items):
            out += [f"- {spans(item)}" for item in block.items] + [""]
    return "\n".join(out).rstrip("\n") + "\n"
