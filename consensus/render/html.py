"""Blocks as one self-contained, printable HTML page: no scripts, no outside resources."""

from __future__ import annotations

from html import escape

from consensus.textdiff import words

from . import one_line, safe
from .document import Block, Diff, Heading, Items, Para, Quote
from .i18n import words as words_of
from .style import Span

_STYLE = """
:root { color-scheme: light; --ink: #1f2328; --muted: #59636e; --line: #d1d9e0;
        --ok: #1a7f37; --warn: #9a6700; --bad: #cf222e; --paper: #ffffff; --tint: #f6f8fa; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--tint); color: var(--ink);
       font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; }
main { max-width: 46rem; margin: 2rem auto; padding: 2rem 2.5rem; background: var(--paper);
       border: 1px solid var(--line); border-radius: 10px; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; line-height: 1.25; }
h2 { font-size: 1.2rem; margin: 2.2rem 0 .8rem; padding-bottom: .3rem; border-bottom: 2px solid var(--line); }
h3 { font-size: 1.05rem; margin: 1.6rem 0 .3rem; }
p { margin: .4rem 0; }
.text, .diff { white-space: pre-wrap; overflow-wrap: anywhere; margin: .6rem 0; padding: .6rem .9rem;
               background: var(--tint); border-left: 4px solid var(--line); border-radius: 0 6px 6px 0; }
.diff del { color: var(--bad); background: #ffebe9; text-decoration: line-through; }
.diff ins { color: var(--ok); background: #dafbe1; text-decoration: none; }
ul { margin: .4rem 0; padding-left: 1.3rem; }
li { margin: .15rem 0; }
code { font: .85em ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: var(--tint);
       border: 1px solid var(--line); border-radius: 4px; padding: 0 .3em; }
.i { color: var(--muted); }
.ok { color: var(--ok); font-weight: 600; }
.warn { color: var(--warn); font-weight: 600; }
.bad { color: var(--bad); font-weight: 600; }
.label { color: var(--muted); font-size: .8rem; margin-bottom: -.4rem; }
@media print {
  body { background: none; font-size: 11pt; }
  main { margin: 0; padding: 0; border: none; max-width: none; }
  h2, h3 { break-after: avoid; }
  .text, .diff { break-inside: avoid; }
}
"""


def _text(text: str) -> str:
    return escape(safe(text), quote=True)


def _spans(parts: list[Span]) -> str:
    out = []
    for style, text in parts:
        body = _text(one_line(text))
        if style == "b":
            out.append(f"<strong>{body}</strong>")
        elif style == "code":
            out.append(f"<code>{body}</code>")
        elif style:
            out.append(f'<span class="{style}">{body}</span>')
        else:
            out.append(body)
    return "".join(out)


def _diff(block: Diff, lang: str) -> str:
    changes = words(block.old, block.new)
    parts = []
    for op, chunk in changes.runs:
        body = _text(chunk)
        parts.append(body if op == "=" else f"<del>{body}</del>" if op == "-" else f"<ins>{body}</ins>")
    label = f'<p class="label">{_text(block.old_label)} → {_text(block.new_label)}</p>'
    note = f'\n<p class="i">{escape(words_of(lang, "coarse_diff"))}</p>' if changes.coarse else ""
    return f'{label}{note}\n<div class="diff">{"".join(parts)}</div>'


def write(title: str, blocks: list[Block], lang: str = "en") -> str:
    """The whole page."""
    body = [f"<h1>{_text(one_line(title))}</h1>"]
    anchors: set[str] = set()
    for block in blocks:
        if isinstance(block, Heading):
            anchor = ""
            if block.anchor and block.anchor not in anchors:  # a decision may appear twice
                anchors.add(block.anchor)
                anchor = f' id="{escape(block.anchor, quote=True)}"'
            body.append(f"<h{block.level}{anchor}>{_text(one_line(block.text))}</h{block.level}>")
        elif isinstance(block, Para):
            body.append(f"<p>{_spans(block.spans)}</p>")
        elif isinstance(block, Quote):
            body.append(f'<div class="text">{_text(block.text)}</div>')
        elif isinstance(block, Diff):
            body.append(_diff(block, lang))
        elif isinstance(block, Items):
            items = "".join(f"<li>{_spans(item)}</li>" for item in block.items)
            body.append(f"<ul>{items}</ul>")
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{escape(lang, quote=True)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_text(one_line(title))}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n<main>\n"
        + "\n".join(body)
        + "\n</main>\n</body>\n</html>\n"
    )
