"""A summary or a meeting's minutes in the format asked for: Markdown, HTML, plain text or JSON."""

from __future__ import annotations

from consensus.reports import Minutes, Summary

from . import document, to_json

FORMATS = ("md", "html", "text", "json")


def write(data: Summary | Minutes, format_: str, lang: str) -> str:
    """The whole document."""
    if format_ == "json":
        from consensus import shapes

        return to_json(shapes.summary(data) if isinstance(data, Summary) else shapes.minutes(data)) + "\n"
    title, blocks = document.summary(data, lang) if isinstance(data, Summary) else document.minutes(data, lang)
    if format_ == "html":
        from .html import write as write_html

        return write_html(title, blocks, lang)
    if format_ == "text":
        from .plain import write as write_text

        return write_text(title, blocks)
    from .markdown import write as write_md

    return write_md(title, blocks)
