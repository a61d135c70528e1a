"""The start page: open proposals and what is due first, then what is in force by tag, then the
archive; and a search that narrows all of it (shown only where scripts run)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from consensus.render.i18n import date, words
from consensus.replay import DecisionView
from consensus.reports import OpenProposal
from consensus.site import SEARCH, Brief, Context, StartPage

from .layout import decision_link, esc, fill, line, page, status_badge, tag_anchor

SCRIPT = "search.js"


def _item(path: str, lang: str, view: DecisionView | Brief, note: str = "", badge: bool = False) -> str:
    tags = " ".join(tag_anchor(t) for t in view.tags)
    state = status_badge(lang, view.status) + " " if badge else ""
    extra = f' <span class="note">{note}</span>' if note else ""
    return (f'<li data-id="{esc(view.id)}" data-tags="{esc(tags)}">{state}'
            f'{decision_link(path, view.id, view.title)}{extra}</li>\n')


def _proposal(path: str, lang: str, p: OpenProposal) -> str:
    kind = words(lang, "amendment", n=p.current.number) if p.current else words(lang, "new_decision")
    if p.blocked_by:
        said = ("bad", words(lang, "blocked", count=len(p.blocked_by), numbers=", ".join(str(o.number) for o in p.blocked_by)))
    elif p.missing:
        from consensus.render.i18n import names

        said = ("warn", words(lang, "waiting", names=names(lang, p.missing)))
    else:
        said = ("ok", words(lang, "ready"))
    note = f'{esc(kind)} · <span class="{said[0]}">{line(said[1])}</span>'
    return _item(path, lang, p.view, note)


def _due(path: str, lang: str, due: Brief, today: dt.date) -> str:
    assert due.review_by is not None
    when, overdue = date(lang, due.review_by), due.review_by < today
    said = words(lang, "overdue", date=when) if overdue else words(lang, "due_on", date=when)
    return _item(path, lang, due, f'<span class="{"bad" if overdue else "warn"}">{esc(said)}</span>')


def _section(kind: str, title: str, inner: Iterable[str]) -> Iterator[str]:
    yield (f'<section id="{kind}" class="block" data-kind="{kind}" aria-labelledby="h-{kind}">\n'
           f'<h2 id="h-{kind}">{esc(title)}</h2>\n')
    yield from inner
    yield "</section>\n"


def _listed(items: Iterable[str]) -> Iterator[str]:
    yield '<ul class="list">\n'
    yield from items
    yield "</ul>\n"


def _finder(lang: str, data: StartPage) -> str:
    """The search form; hidden until the script shows it (without scripts it could do nothing)."""
    kinds = [("", words(lang, "everything")), ("open", words(lang, "open_proposals")),
             ("due", words(lang, "due_for_review")), ("active", words(lang, "in_force")),
             ("archive", words(lang, "archive"))]
    options = "".join(f'<option value="{k}">{esc(v)}</option>' for k, v in kinds)
    tags = f'<option value="">{esc(words(lang, "all_tags"))}</option>' + "".join(
        f'<option value="{esc(tag_anchor(t))}">{line(t)}</option>' for t in data.tags)
    said = {"none": words(lang, "matches_none"), "one": words(lang, "matches"),
            "many": words(lang, "matches", count=2, n="{n}")}
    counts = " ".join(f'data-{k}="{esc(v)}"' for k, v in said.items())
    return (
        f'<form id="finder" class="finder" role="search" aria-label="{esc(words(lang, "find"))}" hidden {counts}>\n'
        f'<div class="field wide"><label for="q">{esc(words(lang, "search"))}</label>'
        f'<input id="q" type="search" autocomplete="off" aria-describedby="q-hint">'
        f'<span id="q-hint" class="hint">{esc(words(lang, "search_hint"))}</span></div>\n'
        f'<div class="field"><label for="show">{esc(words(lang, "show"))}</label><select id="show">{options}</select></div>\n'
        f'<div class="field"><label for="tag">{esc(words(lang, "tag"))}</label><select id="tag">{tags}</select></div>\n'
        '<p id="count" class="count" role="status"></p>\n</form>\n'
    )


def render(data: StartPage, path: str, context: Context) -> bytearray:
    """The start page: made piece by piece into the page's buffer, as ``page`` asks for them (the
    start page of 100,000 decisions is 21 MB)."""
    return page(context, path, context.register, _body(data, path, context), section=path, scripts=(SEARCH, SCRIPT))


def _body(data: StartPage, path: str, context: Context) -> Iterator[str]:
    lang = context.lang
    in_force = len({v.id for g in data.in_force for v in g.views})
    glance = " · ".join(f"{esc(words(lang, k))}: {n}" for k, n in (
        ("in_force", in_force), ("open_proposals", len(data.proposals)), ("due_for_review", len(data.due))))
    yield f"<h1>{line(context.register)}</h1>\n"
    yield f'<p class="lead">{fill(lang, "as_of", date=esc(date(lang, context.today)))} · {glance}</p>\n'
    yield _finder(lang, data)
    if data.proposals:
        yield from _section("open", words(lang, "open_proposals"),
                            _listed(_proposal(path, lang, p) for p in data.proposals))
    if data.due:
        yield from _section("due", words(lang, "due_for_review"),
                            _listed(_due(path, lang, d, context.today) for d in data.due))
    if in_force:
        yield from _section("active", words(lang, "in_force"), _groups(data, path, lang))
    else:
        yield from _section("active", words(lang, "in_force"), [f"<p>{esc(words(lang, 'nothing_in_force'))}</p>\n"])
    if data.archive:
        yield from _section("archive", words(lang, "archive"), [
            f'<p class="i">{esc(words(lang, "archive_intro"))}</p>\n',
            *_listed(_item(path, lang, v, badge=True) for v in data.archive)])


def _groups(data: StartPage, path: str, lang: str) -> Iterator[str]:
    """What is in force, by tag: first the tags to jump to, then a list for each."""
    named = [(tag_anchor(g.tag) if g.tag is not None else "untagged",
              line(g.tag) if g.tag is not None else esc(words(lang, "untagged"))) for g in data.in_force]
    jump = " · ".join(f'<a href="#{esc(anchor)}">{title}</a>' for anchor, title in named)
    yield f'<nav class="jump" aria-label="{esc(words(lang, "by_tag"))}"><p>{esc(words(lang, "by_tag"))}: {jump}</p></nav>\n'
    for group, (anchor, title) in zip(data.in_force, named, strict=True):
        yield (f'<section id="{esc(anchor)}" class="group" aria-labelledby="h-{esc(anchor)}">\n'
               f'<h3 id="h-{esc(anchor)}">{title} <span class="n">({len(group.views)})</span></h3>\n')
        yield from _listed(_item(path, lang, v) for v in group.views)
        yield "</section>\n"
