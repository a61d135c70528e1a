"""What every page of the website shares: escaping, relative links, the frame around the content.

Every string from the register is untrusted: it reaches the page only through ``esc`` (or
``line`` for one-line things such as titles), which also makes control characters visible.
Links are relative (``../`` as deep as the page lies), so the site works from ``file://`` and
from any folder of any static host.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from html import escape

from consensus.render import one_line, safe
from consensus.render.i18n import status as status_label
from consensus.render.i18n import template, words
from consensus.site import LINEAGE, MEETINGS, PARTICIPATION, START, SUMMARY, Context, decision_path

_SLUG = re.compile(r"[^a-z0-9]+")


def esc(text: str) -> str:
    """Untrusted text, safe inside HTML (and inside attribute values)."""
    return escape(safe(text), quote=True)


def line(text: str) -> str:
    """Untrusted text on one line (a title, a name), safe inside HTML."""
    return escape(one_line(text), quote=True)


def fill(lang: str, key: str, **html: str) -> str:
    """The phrase ``key`` of the word table, escaped, with pieces of HTML put in its places
    (whoever makes a piece escapes what is untrusted in it)."""
    return esc(template(lang, key)).format(**html)


def root(path: str) -> str:
    """How a page at ``path`` reaches the top of the site."""
    return "../" * path.count("/")


def href(path: str, target: str) -> str:
    """The relative link from the page at ``path`` to ``target`` (a path from the top)."""
    return esc(root(path) + target)


def tag_anchor(tag: str) -> str:
    """The start page's anchor for a tag: readable where the tag allows it, and unique."""
    from consensus.members import fold

    folded = fold(tag)
    slug = _SLUG.sub("-", folded).strip("-")
    if slug != folded:  # something was lost on the way: two tags must not meet in one anchor
        slug = f"{slug}-{hashlib.blake2b(folded.encode(), digest_size=3).hexdigest()}".lstrip("-")
    return f"tag-{slug}"


def status_badge(lang: str, status: str) -> str:
    """A decision's status in words, boxed (its colour only repeats what the words say)."""
    return f'<span class="badge s-{esc(status)}">{esc(status_label(lang, status))}</span>'


def decision_link(path: str, decision_id: str, title: str, known: bool = True) -> str:
    """A decision's title linking to its page, with its id."""
    code = f'<code class="id">{esc(decision_id)}</code>'
    if not known:
        return f"{line(title)} {code}"
    return f'<a href="{href(path, decision_path(decision_id))}">{line(title)}</a> {code}'


_NAV = (("nav_decisions", START), ("nav_meetings", MEETINGS), ("nav_summary", SUMMARY),
        ("nav_participation", PARTICIPATION), ("nav_lineage", LINEAGE))


def page(context: Context, path: str, title: str, body: Iterable[str], *, section: str | None = None,
         scripts: Iterable[str] = ()) -> bytearray:
    """The whole page: head, the register's name and pages, the content (in pieces, as ``body``
    gives them), the footer."""
    lang = context.lang
    top = root(path)
    items = []
    for key, target in _NAV:
        current = ' aria-current="page"' if target == section else ""
        items.append(f'<li><a href="{esc(top + target)}"{current}>{esc(words(lang, key))}</a></li>')
    canonical = ""
    if context.base_url:
        canonical = f'<link rel="canonical" href="{esc(context.base_url.rstrip("/") + "/" + path)}">\n'
    heading = line(title)
    full_title = heading if title == context.register else f"{heading} · {line(context.register)}"
    head = [
        "<!DOCTYPE html>\n",
        f'<html lang="{esc(lang)}">\n<head>\n<meta charset="utf-8">\n',
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
        f"<title>{full_title}</title>\n",
        f'<link rel="stylesheet" href="{esc(top)}style.css">\n',
        canonical,
        "</head>\n<body>\n",
        f'<a class="skip" href="#main">{esc(words(lang, "skip"))}</a>\n',
        '<header class="site">\n',
        f'<p class="register"><a href="{esc(top)}index.html">{line(context.register)}</a></p>\n',
        f'<nav aria-label="{esc(words(lang, "site_nav"))}"><ul>{"".join(items)}</ul></nav>\n',
        "</header>\n",
        '<main id="main" tabindex="-1">\n',
    ]
    foot = [
        "</main>\n",
        f'<footer class="site"><p>{esc(words(lang, "footer"))}</p></footer>\n',
        *(f'<script src="{esc(top + s)}"></script>\n' for s in scripts),
        "</body>\n</html>\n",
    ]
    # One buffer, each piece encoded into it as the body makes it: the start page of 100,000
    # decisions makes 21 MB, and a list of its pieces and their join would hold it twice (and
    # joined as text, one character past Latin-1 anywhere would take two or four bytes each).
    out = bytearray("".join(head).encode("utf-8"))
    for piece in body:
        out += piece.encode("utf-8")
    out += "".join(foot).encode("utf-8")
    return out
