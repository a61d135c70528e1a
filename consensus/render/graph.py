"""The lineage of decisions as a mermaid or Graphviz dot graph: replacements, partial
replacements and amendments."""

from __future__ import annotations

import re
from collections.abc import Sequence

from consensus.language import _
from consensus.replay import DecisionView
from consensus.vocabulary import state_word, status_word

from . import one_line

_MERMAID_SPECIAL = re.compile(r'[#"<>`&{}\[\]|]')


def _mermaid_label(text: str) -> str:
    # Mermaid reads #code; as an entity, so every special becomes its numeric code.
    return _MERMAID_SPECIAL.sub(lambda m: f"#{ord(m.group())};", one_line(text))


def _dot_label(text: str) -> str:
    return one_line(text).replace("\\", "\\\\").replace('"', '\\"')


def _short(text: str, limit: int = 48) -> str:
    text = one_line(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _beyond_replacement(view: DecisionView) -> list[tuple[str, str]]:
    """(older decision, how this one relates to it) for what it partly replaces or amends."""
    return ([(old, _("partly replaced by")) for old in view.partly_replaces]
            + [(old, _("amended by")) for old in view.amends])


def mermaid(views: Sequence[DecisionView], versions: bool = False) -> str:
    """A ``flowchart`` for mermaid, which renders inside Markdown on git hosts."""
    by_id = {v.id: v for v in views}
    out = ["flowchart LR"]
    for view in views:
        label = f"{view.id} · {_short(view.title)}"
        if versions and len(view.versions) > 1:
            out.append(f'  subgraph {view.id}["{_mermaid_label(label)}"]')
            for v in view.versions:
                out.append(f'    {view.id}_v{v.number}["v{v.number} · {_mermaid_label(state_word(v.state))}"]')
            chain = " --> ".join(f"{view.id}_v{v.number}" for v in view.versions)
            out.append(f"    {chain}")
            out.append("  end")
        else:
            number = f" · v{view.latest.number}" if len(view.versions) > 1 or view.current else ""
            out.append(f'  {view.id}["{_mermaid_label(label)}<br/>{_mermaid_label(status_word(view.status))}{number}"]')
    for view in views:
        for new in view.successors:
            if new in by_id:
                out.append(f"  {view.id} -->|{_mermaid_label(_('replaced by'))}| {new}")
        for old in view.replaces:
            old_view = by_id.get(old)
            if old_view is not None and view.id not in old_view.successors:
                words = _("replaced by") if view.status == "active" else _("would be replaced by")
                out.append(f"  {old} -.->|{_mermaid_label(words)}| {view.id}")
        for old, words in _beyond_replacement(view):
            if old in by_id:
                out.append(f"  {old} -->|{_mermaid_label(words)}| {view.id}")
    styles = {"superseded": "fill:#eeeeee,color:#666666", "retired": "fill:#eeeeee,color:#666666",
              "proposed": "fill:#fff8c5", "active": "fill:#dafbe1", "rejected": "fill:#ffebe9",
              "withdrawn": "fill:#eeeeee,color:#666666"}
    used = sorted({v.status for v in views})
    for status in used:
        out.append(f"  classDef {status} {styles[status]}")
        members = ",".join(v.id for v in views if v.status == status and not (versions and len(v.versions) > 1))
        if members:
            out.append(f"  class {members} {status}")
    return "\n".join(out) + "\n"


def dot(views: Sequence[DecisionView], versions: bool = False) -> str:
    """A Graphviz ``digraph``."""
    by_id = {v.id: v for v in views}
    colours = {"active": "#dafbe1", "proposed": "#fff8c5", "rejected": "#ffebe9"}
    out = ["digraph lineage {", "  rankdir=LR;", '  node [shape=box, style="rounded,filled", fillcolor="#eeeeee"];']
    for view in views:
        state = status_word(view.status) + (f" · v{view.current.number}" if view.current else "")
        label = _dot_label(f"{view.id} · {_short(view.title)}") + "\\n" + _dot_label(state)
        out.append(f'  "{view.id}" [label="{label}", fillcolor="{colours.get(view.status, "#eeeeee")}"];')
        if versions and len(view.versions) > 1:
            for v in view.versions:
                out.append(f'  "{view.id}_v{v.number}" [label="v{v.number} · {_dot_label(state_word(v.state))}", shape=note];')
            chain = " -> ".join(f'"{view.id}_v{v.number}"' for v in view.versions)
            out.append(f'  "{view.id}" -> {chain} [style=dotted, arrowhead=none];')
    for view in views:
        for new in view.successors:
            if new in by_id:
                out.append(f'  "{view.id}" -> "{new}" [label="{_dot_label(_("replaced by"))}"];')
        for old in view.replaces:
            old_view = by_id.get(old)
            if old_view is not None and view.id not in old_view.successors:
                out.append(f'  "{old}" -> "{view.id}" [label="{_dot_label(_("would be replaced by"))}", style=dashed];')
        for old, words in _beyond_replacement(view):
            if old in by_id:
                out.append(f'  "{old}" -> "{view.id}" [label="{_dot_label(words)}", style=dotted];')
    out.append("}")
    return "\n".join(out) + "\n"


def lineage(views: Sequence[DecisionView], root: str | None) -> list[DecisionView]:
    """The decisions connected to ``root`` by replacements and amendments; without a root, every
    connected one."""
    by_id = {v.id: v for v in views}
    neighbours: dict[str, set[str]] = {v.id: set() for v in views}
    for view in views:
        for other in [*view.replaces, *view.partly_replaces, *view.amends, *view.successors]:
            if other in by_id:
                neighbours[view.id].add(other)
                neighbours[other].add(view.id)
    if root is None:
        chosen = [v for v in views if neighbours[v.id]]
    else:
        seen, todo = {root}, [root]
        while todo:
            for other in neighbours[todo.pop()]:
                if other not in seen:
                    seen.add(other)
                    todo.append(other)
        chosen = [v for v in views if v.id in seen]
    return sorted(chosen, key=lambda v: (v.created_at, v.id))
