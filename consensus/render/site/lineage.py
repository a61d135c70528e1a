"""The lineage page: each group of decisions that replaced one another drawn as inline SVG (the
oldest at the top, an arrow from each decision to what replaced it), and told in words."""

from __future__ import annotations

from consensus.render.i18n import status, words
from consensus.render.table import width_of
from consensus.site import Brief, Context, Lineage, LineagePage, decision_path

from .layout import decision_link, esc, fill, href, line, page

WIDTH, HEIGHT, GAP_X, GAP_Y, PAD = 260, 58, 20, 44, 6
TITLE_CELLS = 27


def _short(text: str, cells: int = TITLE_CELLS) -> str:
    from consensus.render import one_line

    text = one_line(text)
    if width_of(text) <= cells:
        return text
    out, used = "", 0
    for char in text:
        used += width_of(char)
        if used > cells - 1:
            break
        out += char
    return out.rstrip() + "…"


def _layers(group: Lineage) -> list[list[Brief]]:
    """Each decision one layer below the lowest one it replaces."""
    depth = {v.id: 0 for v in group.views}
    for _ in range(len(group.views)):  # longest paths; a cycle (never made by the tool) stops here
        moved = False
        for old, new, _ in group.edges:
            if depth[new] < depth[old] + 1:
                depth[new] = depth[old] + 1
                moved = True
        if not moved:
            break
    layers: list[list[Brief]] = [[] for _ in range(max(depth.values()) + 1)]
    for view in group.views:
        layers[depth[view.id]].append(view)
    return [layer for layer in layers if layer]


def drawing(group: Lineage, number: int, path: str, lang: str) -> str:
    """One lineage as an SVG whose boxes link to the decisions' pages."""
    layers = _layers(group)
    widest = max(len(layer) for layer in layers)
    width = widest * WIDTH + (widest - 1) * GAP_X + 2 * PAD
    height = len(layers) * HEIGHT + (len(layers) - 1) * GAP_Y + 2 * PAD
    where: dict[str, tuple[int, int]] = {}
    for row, layer in enumerate(layers):
        left = (width - (len(layer) * WIDTH + (len(layer) - 1) * GAP_X)) // 2
        for column, view in enumerate(layer):
            where[view.id] = (left + column * (WIDTH + GAP_X), PAD + row * (HEIGHT + GAP_Y))
    marker = f"arrow-{number}"
    out = [f'<svg class="lineage" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="group" '
           f'aria-label="{esc(words(lang, "lineage_drawing", title=group.views[-1].title))}">\n'
           f'<defs><marker id="{marker}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" '
           f'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="tip"/></marker></defs>\n']
    # Where several arrows leave or reach one box, they spread along its edge, in the order of
    # the boxes at their other ends, so that no two arrowheads meet.
    leaving: dict[str, list[str]] = {}
    reaching: dict[str, list[str]] = {}
    for old, new, _ in group.edges:
        leaving.setdefault(old, []).append(new)
        reaching.setdefault(new, []).append(old)
    for ends in (*leaving.values(), *reaching.values()):
        ends.sort(key=lambda i: where[i][0])

    def spread(box: str, ends: list[str], end: str) -> int:
        return where[box][0] + WIDTH * (ends.index(end) + 1) // (len(ends) + 1)

    for old, new, kind in group.edges:
        out.append(f'<line class="edge {kind}" x1="{spread(old, leaving[old], new)}" y1="{where[old][1] + HEIGHT}" '
                   f'x2="{spread(new, reaching[new], old)}" y2="{where[new][1] - 2}" marker-end="url(#{marker})"/>\n')
    for view in group.views:
        x, y = where[view.id]
        out.append(
            f'<a href="{href(path, decision_path(view.id))}" id="d-{esc(view.id)}">'
            f'<title>{line(view.title)}</title>'
            f'<rect class="node s-{esc(view.status)}" x="{x}" y="{y}" width="{WIDTH}" height="{HEIGHT}" rx="6"/>'
            f'<text class="t" x="{x + 10}" y="{y + 24}">{line(_short(view.title))}</text>'
            f'<text class="m" x="{x + 10}" y="{y + 45}">{esc(view.id)} · {esc(status(lang, view.status))}</text></a>\n')
    out.append("</svg>\n")
    return "".join(out)


def _in_words(group: Lineage, path: str, lang: str) -> str:
    by_id = {v.id: v for v in group.views}
    items = []
    for old, new, kind in group.edges:
        a, b = by_id[old], by_id[new]
        key = {"replaced": "replaced_by_line", "would": "would_replace_line", "partly": "partly_line",
               "amended": "amended_line"}[kind]
        items.append(f"<li>{fill(lang, key, old=decision_link(path, a.id, a.title), new=decision_link(path, b.id, b.title))}</li>")
    return f'<ul class="steps">{"".join(items)}</ul>\n'


def render(data: LineagePage, path: str, context: Context) -> bytearray:
    """Every lineage of the register."""
    lang = context.lang
    title = words(lang, "lineage_title")
    body = [f"<h1>{esc(title)}</h1>\n"]
    if not data.lineages:
        body.append(f"<p>{esc(words(lang, 'lineage_none'))}</p>\n")
    else:
        body.append(f'<p class="lead">{esc(words(lang, "lineage_intro"))}</p>\n')
    for number, group in enumerate(data.lineages, 1):
        newest = group.views[-1]
        anchor = f"l-{esc(group.views[0].id)}"
        body.append(f'<section class="lineage" aria-labelledby="{anchor}">\n<h2 id="{anchor}">{line(newest.title)}</h2>\n'
                    f'<div class="drawing">{drawing(group, number, path, lang)}</div>\n'
                    f'<h3>{esc(words(lang, "lineage_steps"))}</h3>\n{_in_words(group, path, lang)}</section>\n')
    return page(context, path, title, body, section=path)
