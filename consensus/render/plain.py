"""Blocks as plain text, for an e-mail body or a terminal without markup."""

from __future__ import annotations

from consensus.textdiff import lines

from . import one_line, safe
from .document import Block, Diff, Heading, Items, Para, Quote
from .style import Span


def _spans(parts: list[Span]) -> str:
    return "".join(one_line(text) for _, text in parts)


def write(title: str, blocks: list[Block]) -> str:
    """The whole document."""
    heading = one_line(title)
    out = [heading, "=" * len(heading), ""]
    for block in blocks:
        if isinstance(block, Heading):
            text = one_line(block.text)
            if block.level <= 2:
                out += ["", text, "-" * len(text), ""]
            else:
                out += [f"* {text}", ""]
        elif isinstance(block, Para):
            out += [_spans(block.spans), ""]
        elif isinstance(block, Quote):
            out += ["    " + safe(line) if line.strip() else "" for line in block.text.split("\n")] + [""]
        elif isinstance(block, Diff):
            marks = {"=": "    ", "-": "  - ", "+": "  + "}
            out += [marks[op] + safe(sentence) for op, sentence in lines(block.old, block.new)] + [""]
        elif isinstance(block, Items):
            out += [f"  - {_spans(item)}" for item in block.items] + [""]
    return "\n".join(out).rstrip("\n") + "\n"
