"""``show``: one decision as a card, drawn without rich.

``show`` is what a note-taker types most in a meeting; importing rich would cost it a third of
its time. The card looks as rich drew it (a rounded panel, wrapped the same way: greedy, words
longer than a line folded), so people and scripts see no difference.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from itertools import pairwise
from typing import TYPE_CHECKING

from consensus.language import _, day, n_
from consensus.vocabulary import state_word, status_word

from . import safe
from .layout import Painter, breaks
from .style import STATUS_STYLE, Span, when
from .table import width_of

if TYPE_CHECKING:
    from consensus.replay import DecisionView, Objection, VersionView

Paragraph = list[Span]  # styled text that wraps; may hold line breaks


def _expand_tabs(paragraph: Paragraph) -> Paragraph:
    column, out = 0, []
    for style, text in paragraph:
        pieces = []
        for char in text:
            if char == "\t":
                pieces.append(" " * (8 - column % 8))
                column += 8 - column % 8
            else:
                pieces.append(char)
                column = 0 if char == "\n" else column + 1
        out.append((style, "".join(pieces)))
    return out


def wrap(paragraph: Paragraph, width: int) -> list[Paragraph]:
    """The lines ``paragraph`` takes at ``width`` cells, each still styled."""
    if any("\t" in text for text, _ in paragraph):
        paragraph = _expand_tabs(paragraph)
    plain = "".join(text for _, text in paragraph)
    styles = [style for style, text in paragraph for _ in text]
    lines: list[Paragraph] = []
    offset = 0
    for line in plain.split("\n"):
        cuts = [0, *breaks(line, width), len(line)]
        for start, end in pairwise(cuts):
            piece: Paragraph = []
            for index in range(start, end):
                if piece and piece[-1][0] == styles[offset + index]:
                    piece[-1] = (piece[-1][0], piece[-1][1] + line[index])
                else:
                    piece.append((styles[offset + index], line[index]))
            lines.append(_trim(piece, width))
        offset += len(line) + 1
    return lines


def _trim(line: Paragraph, width: int) -> Paragraph:
    """Without the spaces at its end that would overflow ``width`` (they are where it broke)."""
    while line and _cells(line) > width and line[-1][1].endswith(" "):
        style, text = line[-1]
        line[-1] = (style, text[:-1])
        if not line[-1][1]:
            line.pop()
    return line


def _crop(line: Paragraph, width: int) -> Paragraph:
    out: Paragraph = []
    used = 0
    for style, text in line:
        kept = ""
        for char in text:
            used += width_of(char)
            if used > width:
                return [*out, (style, kept)]
            kept += char
        out.append((style, kept))
    return out


def _cells(line: Paragraph) -> int:
    return width_of("".join(text for _, text in line))


def panel(title: Paragraph, body: Sequence[Paragraph], width: int, paint: Painter) -> list[str]:
    """A rounded box around ``body``, ``title`` in its top edge, as narrow as its content allows."""
    natural = max((width_of(line) for paragraph in body for line in "".join(t for _, t in paragraph).split("\n")),
                  default=0)
    heading = _cells(title) + 2  # a space either side
    inner = min(max(min(natural + 2, width - 2), heading + 2), width - 2)
    room = inner - 2
    if heading > inner - 2:  # a title wider than the screen is cut
        title = _crop(title, inner - 4)
        heading = _cells(title) + 2
    out = ["╭─ " + paint(title) + " " + "─" * (inner - 2 - heading) + "─╮"]
    for paragraph in body:
        for line in wrap(paragraph, room):
            out.append("│ " + paint(line) + " " * (room - _cells(line)) + " │")
    out.append("╰" + "─" * inner + "╯")
    return out


def _round(version: VersionView) -> list[Paragraph]:
    lines: list[Paragraph] = [[("bold", _("Consents: ")), ("", safe(", ".join(version.consents) or _("nobody yet")))]]
    for remark in version.stand_asides:
        lines.append([("bold", _("Stood aside: ")),
                      ("", safe(remark.by + (f" — {remark.reason}" if remark.reason else "")))])
    lines += [_objection(o) for o in version.objections]
    for remark in version.concerns:
        lines.append([("bold", _("Concern: ")), ("", safe(f"{remark.by} — {remark.reason}"))])
    return lines


def _objection(o: Objection) -> Paragraph:
    line: Paragraph = [("bold", _("Objection {number}: ").format(number=o.number)), ("", safe(f"{o.by} — {o.reason}"))]
    if o.resolved:
        resolved = _("  ✓ resolved by {name}").format(name=o.resolved_by)
        line.append(("green", safe(resolved + (f": {o.resolution}" if o.resolution else ""))))
    else:
        line.append(("bold red", _("  unresolved")))
    if o.overlooked_by is not None:
        line.append(("yellow", _(" · not seen by the adoption of version {number}").format(number=o.overlooked_by)))
    return line


def decision(view: DecisionView, today: dt.date, shown: VersionView | None = None,
             replaced_titles: dict[str, str] | None = None, next_step: str | None = None, *,
             width: int, colour: bool) -> str:
    """One decision: what is in force, its lineage, and the open proposal with its round."""
    titles = replaced_titles or {}
    paint = Painter(colour)
    main = shown or view.current or view.latest
    earlier = shown is not None and shown is not view.current and shown is not view.open  # show --version N
    facts: Paragraph = []

    def fact(label: str, value: str, style: str = "") -> None:
        if facts:
            facts.append(("", "\n"))
        facts.extend([("bold", _("{label}: ").format(label=label)), (style, safe(value))])

    if view.tags:
        fact(_("Tags"), ", ".join(view.tags))
    overlooked = view.overlooked if main is view.current else []
    if main.adopted_at:
        adopted = _("{when} (version {number})").format(when=when(main.adopted_at), number=main.number)
        if main.forced:
            adopted += _(" — forced: {why}").format(why=main.adopted_why or "")
        if overlooked:
            adopted += n_(" — without seeing objection {numbers}", " — without seeing objections {numbers}",
                          len(overlooked)).format(numbers=", ".join(str(o.number) for o in overlooked))
        fact(_("Adopted"), adopted, "bold yellow" if overlooked else "")
    else:
        fact(_("Proposed"), _("{when} by {name}").format(when=when(main.proposed_at), name=main.proposed_by))
    if main.adopted_at and not earlier:  # an earlier version shows its whole round below
        fact(_("Consents"), ", ".join(main.consents) or _("no consents recorded"))
    if main.why:
        fact(_("Why"), main.why)
    if view.review_by and not earlier:
        due = view.review_by <= today
        fact(_("Review by"), day(view.review_by) + (_(" (due)") if due else ""), "bold red" if due else "")
    for label, others in ((_("Replaces"), view.replaces), (_("Partly replaces"), view.partly_replaces),
                          (_("Amends"), view.amends)):
        for old in others:
            fact(label, f"{old} {titles.get(old, '')}".rstrip())
    for successor in view.successors:
        fact(_("Superseded by"), f"{successor} {titles.get(successor, '')}".rstrip())
    if view.status == "retired" and view.ended_why:
        fact(_("Retired"), f"{when(view.ended_at) if view.ended_at else ''} — {view.ended_why}")
    if view.source:
        fact(_("Imported from"), view.source)
    if view.status_as_written:
        fact(_("Status as written"), " ".join(view.status_as_written.split()))
    body: list[Paragraph] = [[("bold", safe(main.title))], [], [("", safe(main.text))], [], facts]
    if main.state == "open" or earlier:  # an earlier version: its own round, as it was
        body.extend([[], *_round(main)])
    elif overlooked and view.open is None:  # the next round takes them up; until then, here
        body.extend([[], *(_objection(o) for o in overlooked)])
    title: Paragraph = [("", view.id), ("", " · "), (STATUS_STYLE.get(view.status, ""), status_word(view.status)),
                        ("", f" · v{main.number}" + (f" {state_word(main.state)}" if earlier else ""))]
    out = panel(title, body, width, paint)
    after: list[Paragraph] = []
    proposal = view.open if view.open is not main else None
    if proposal is not None:
        after.append([("bold yellow", _("Open proposal: version {number}").format(number=proposal.number)),
                      ("", safe(_(" by {name}, {when}").format(name=proposal.proposed_by, when=when(proposal.proposed_at))))])
        if proposal.title != main.title:
            after.append([("bold", _("Title: ")), ("", safe(proposal.title))])
        if proposal.why:
            after.append([("bold", _("Why it is better: ")), ("", safe(proposal.why))])
        after.extend([[("", "  ")] + line for line in wrap([("", safe(proposal.text))], max(width - 2, 1))])
        after.extend(_round(proposal))
    if next_step:
        after.append([("dim", safe(next_step))])
    for paragraph in after:
        out.extend(paint(line).rstrip() for line in wrap(paragraph, width))
    return "\n".join(out) + "\n"
