"""The blocks of summaries and minutes (``render/document.py``) as part of a website page, where
every decision they name links to its own page; and the word-by-word diff every page shows."""

from __future__ import annotations

from collections.abc import Iterable

from consensus.render.document import Block, Diff, Heading, Items, Para, Quote
from consensus.render.i18n import words
from consensus.render.style import Span
from consensus.site import decision_path

from .layout import esc, href, line


def diff(lang: str, old: str, new: str, label: str) -> str:
    """How a text changed, word by word: deletions struck through, insertions underlined (and
    coloured, which only repeats what the lines say), with a legend that says so."""
    from consensus.textdiff import words as word_diff

    parts = []
    changed = False
    for op, chunk in word_diff(old, new):
        body = esc(chunk)
        if op == "=":
            parts.append(body)
        else:
            changed = True
            parts.append(f"<del>{body}</del>" if op == "-" else f"<ins>{body}</ins>")
    legend = esc(words(lang, "diff_legend") if changed else words(lang, "diff_same"))
    return (f'<div class="change"><p class="label">{esc(label)} <span class="legend">{legend}</span></p>\n'
            f'<div class="diff">{"".join(parts)}</div></div>\n')


def text(body: str) -> str:
    """A decision's text as written (its line breaks kept)."""
    return f'<div class="text">{esc(body)}</div>\n'


def _spans(path: str, spans: list[Span], known: set[str]) -> str:
    out = []
    for style, part in spans:
        body = line(part)
        if style == "code":
            code = f'<code class="id">{body}</code>'
            out.append(f'<a href="{href(path, decision_path(part))}">{code}</a>' if part in known else code)
        elif style == "b":
            out.append(f"<strong>{body}</strong>")
        elif style in ("ok", "warn", "bad", "i"):
            out.append(f'<span class="{style}">{body}</span>')
        else:
            out.append(body)
    return "".join(out)


def write(lang: str, path: str, blocks: Iterable[Block], known: set[str]) -> str:
    """The blocks as HTML; a heading about a decision links to the decision's page."""
    out = []
    anchors: set[str] = set()
    for block in blocks:
        if isinstance(block, Heading):
            level = block.level
            attribute = ""
            content = line(block.text)
            if block.anchor and block.anchor not in anchors:  # a decision may come up twice
                anchors.add(block.anchor)
                attribute = f' id="{esc(block.anchor)}"'
            if block.anchor in known:
                content = f'<a href="{href(path, decision_path(block.anchor or ""))}">{content}</a>'
            out.append(f"<h{level}{attribute}>{content}</h{level}>\n")
        elif isinstance(block, Para):
            out.append(f"<p>{_spans(path, block.spans, known)}</p>\n")
        elif isinstance(block, Quote):
            out.append(text(block.text))
        elif isinstance(block, Diff):
            label = words(lang, "diff_from", old=block.old_label, new=block.new_label)
            out.append(diff(lang, block.old, block.new, label))
        elif isinstance(block, Items):
            items = "".join(f"<li>{_spans(path, item, known)}</li>" for item in block.items)
            out.append(f"<ul>{items}</ul>\n")
    return "".join(out)
