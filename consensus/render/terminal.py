"""What people see in a terminal: rich tables and panels, colours only where they help."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import IO, TYPE_CHECKING

from rich import box
from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from consensus.textdiff import words

from . import one_line, safe
from .table import STATUS_STYLE

if TYPE_CHECKING:  # types only: show need not import the reports to draw one decision
    from consensus.models import Meeting
    from consensus.queries import Happening, TextChange
    from consensus.replay import DecisionView, VersionView
    from consensus.reports import Change, Participant

EVENT_WORDS = {
    "proposed": "proposed",
    "amended": "proposed an amendment",
    "consented": "consented",
    "objected": "objected",
    "resolved": "resolved an objection",
    "stood_aside": "stood aside",
    "concern_raised": "raised a concern",
    "adopted": "adopted",
    "rejected": "rejected",
    "withdrawn": "withdrew",
    "superseded": "superseded",
    "retired": "retired",
    "reviewed": "reviewed",
}


def console(file: IO[str] | None = None, stderr: bool = False) -> Console:
    """A console that prints user text literally: no markup, emoji codes or highlighting."""
    return Console(file=file, stderr=stderr, markup=False, emoji=False, highlight=False)


def emit(out: Console, *things: RenderableType, soft_wrap: bool = False) -> None:
    """Print to a terminal as is; into a pipe or file without rich's trailing padding.

    ``soft_wrap`` leaves long lines to the terminal, as log lines should be.
    """
    group = Group(*things)
    if out.is_terminal:
        out.print(group, soft_wrap=soft_wrap)
        return
    with out.capture() as captured:
        out.print(group, soft_wrap=soft_wrap)
    out.file.write("".join(line.rstrip() + "\n" for line in captured.get().splitlines()))


def when(moment: dt.datetime) -> str:
    """A moment as people write it in minutes: 2026-11-24 19:15."""
    return moment.strftime("%Y-%m-%d %H:%M")


def _status(word: str) -> Text:
    return Text(word, style=STATUS_STYLE.get(word, ""))


def _round(version: VersionView) -> list[Text]:
    lines = []
    consents = ", ".join(version.consents) or "nobody yet"
    lines.append(Text.assemble(("Consents: ", "bold"), safe(consents)))
    for remark in version.stand_asides:
        lines.append(Text.assemble(("Stood aside: ", "bold"), safe(remark.by),
                                   safe(f" — {remark.reason}" if remark.reason else "")))
    for o in version.objections:
        line = Text.assemble((f"Objection {o.number}: ", "bold"), safe(f"{o.by} — {o.reason}"))
        if o.resolved:
            line.append(safe(f"  ✓ resolved by {o.resolved_by}" + (f": {o.resolution}" if o.resolution else "")), style="green")
        else:
            line.append("  unresolved", style="bold red")
        lines.append(line)
    for remark in version.concerns:
        lines.append(Text.assemble(("Concern: ", "bold"), safe(f"{remark.by} — {remark.reason}")))
    return lines


def decision(out: Console, view: DecisionView, today: dt.date, shown: VersionView | None = None,
             replaced_titles: dict[str, str] | None = None, next_step: str | None = None) -> None:
    """One decision: what is in force, its lineage, and the open proposal with its round."""
    titles = replaced_titles or {}
    main = shown or view.current or view.latest
    body: list[Text | Padding] = [Text(safe(main.text))]
    facts = Text()

    def fact(label: str, value: str, style: str = "") -> None:
        if facts:
            facts.append("\n")
        facts.append(f"{label}: ", style="bold")
        facts.append(safe(value), style=style)

    if view.tags:
        fact("Tags", ", ".join(view.tags))
    if main.adopted_at:
        fact("Adopted", f"{when(main.adopted_at)} (version {main.number})" + (" — forced: " + (main.adopted_why or "") if main.forced else ""))
    else:
        fact("Proposed", f"{when(main.proposed_at)} by {main.proposed_by}")
    if main.why:
        fact("Why", main.why)
    if view.review_by:
        due = view.review_by <= today
        fact("Review by", view.review_by.isoformat() + (" (due)" if due else ""), "bold red" if due else "")
    for old in view.replaces:
        fact("Replaces", f"{old} {titles.get(old, '')}".rstrip())
    if view.superseded_by:
        fact("Superseded by", f"{view.superseded_by} {titles.get(view.superseded_by, '')}".rstrip())
    if view.status == "retired" and view.ended_why:
        fact("Retired", f"{when(view.ended_at) if view.ended_at else ''} — {view.ended_why}")
    if view.source:
        fact("Imported from", view.source)
    if main is view.current or main.state != "open":
        body.append(Text(""))
        body.append(facts)
    if main.state == "open":
        body.append(Text(""))
        body.append(facts)
        body.extend([Text(""), *_round(main)])
    title = Text.assemble((safe(main.title), "bold"))
    subtitle = Text.assemble(view.id, " · ", _status(view.status), f" · v{main.number}")
    parts: list[RenderableType] = [
        Panel(Group(title, Text(""), *body), title=subtitle, title_align="left",
              box=box.ROUNDED, expand=False, padding=(0, 1))
    ]
    proposal = view.open if view.open is not main else None
    if proposal is not None:
        parts.append(Text.assemble(
            (f"Open proposal: version {proposal.number}", "bold yellow"),
            safe(f" by {proposal.proposed_by}, {when(proposal.proposed_at)}"),
        ))
        if proposal.title != main.title:
            parts.append(Text.assemble(("Title: ", "bold"), safe(proposal.title)))
        if proposal.why:
            parts.append(Text.assemble(("Why it is better: ", "bold"), safe(proposal.why)))
        parts.append(Padding(Text(safe(proposal.text)), (0, 0, 0, 2), expand=False))
        parts.extend(_round(proposal))
    if next_step:
        parts.append(Text(safe(next_step), style="dim"))
    emit(out, *parts)


def history(out: Console, view: DecisionView) -> None:
    """The events of a decision, oldest first, one per line."""
    table = Table(box=None, show_header=False, pad_edge=False)
    table.add_column(no_wrap=True, style="dim")
    table.add_column(no_wrap=True)
    table.add_column()
    for event in view.history:
        what = EVENT_WORDS.get(event.kind, event.kind)
        detail = []
        if event.version is not None:
            detail.append(f"v{event.version}")
        if event.kind == "objected":
            detail.append(f"objection {event.number}: {event.reason}")
        elif event.kind == "resolved":
            detail.append(f"objection {event.objection}" + (f": {event.how}" if event.how else ""))
        elif event.kind == "superseded":
            detail.append(f"by {event.superseded_by}")
        elif event.kind in ("adopted", "reviewed") and event.review_by:
            detail.append(f"review by {event.review_by.isoformat()}")
        for extra in (event.reason if event.kind != "objected" else None, event.why, event.note):
            if extra:
                detail.append(extra)
        if event.force:
            detail.append("FORCED")
        if event.kind == "amended":
            version = view.version(event.version)
            if version and version.why:
                detail.append(version.why)
        line = Text.assemble((safe(event.by), "bold"), " ", (what, STATUS_STYLE.get(event.kind, "")))
        table.add_row(when(event.at), line, safe(" · ".join(detail)))
    emit(out, table)


def diff(out: Console, change: TextChange) -> None:
    """A word-by-word diff: removed words struck through in red, added ones in green.

    Without colour the marks must carry the meaning, so they are git's ``--word-diff`` ones.
    """
    head = Text.assemble(("--- ", "red"), safe(change.old_label), "\n", ("+++ ", "green"),
                         safe(change.new_label))
    if change.old == change.new:
        emit(out, head, Text("(the texts are the same)", style="dim"))
        return
    text = _word_diff(out, change.old, change.new)
    emit(out, head, text)


def meeting_list(out: Console, rows: Sequence[tuple[Meeting, bool]]) -> None:
    """The table ``meeting list`` prints."""
    if not rows:
        emit(out, Text("No meetings yet.", style="dim"))
        return
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False)
    table.add_column("ID", no_wrap=True, style="bold")
    table.add_column("When", no_wrap=True)
    table.add_column("Title", ratio=1)
    table.add_column("Attendees")
    for meeting, is_open in rows:
        end = meeting.ended_at.strftime("%H:%M") if meeting.ended_at else "open"
        table.add_row(
            meeting.id, f"{when(meeting.started_at)}–{end}",
            Text(one_line(meeting.title)) + (Text(" (open)", style="yellow") if is_open else Text("")),
            one_line(", ".join(meeting.attendees)),
        )
    emit(out, table)


def changes(
    out: Console, happened: Sequence[Happening], adoptions: dict[tuple[str, str], Change],
    since: dt.datetime, until: dt.datetime | None,
) -> None:
    """Every event of a period, and under each adoption how its text changed."""
    span = f"since {when(since)}" + (f" until {when(until)}" if until else "")
    if not happened:
        emit(out, Text(f"Nothing happened {span}.", style="dim"))
        return
    emit(out, Text(f"{len(happened)} events {span}", style="bold"))
    for h in happened:
        event = h.event
        what = EVENT_WORDS.get(event.kind, event.kind)
        version = f" v{event.version}" if event.version is not None else ""
        emit(out, Text.assemble(
            (when(event.at), "dim"), "  ", (h.view.id, "bold"), "  ", (safe(event.by), "bold"), " ",
            (what, STATUS_STYLE.get(event.kind, "")), version, " · ", safe(one_line(h.view.title)),
        ), soft_wrap=True)
        found = adoptions.get((h.view.id, event.hash))
        if found is None or found.version is None:
            continue
        if found.old_text is None:
            emit(out, Padding(Text(safe(found.version.text)), (0, 0, 0, 4)))
        else:
            emit(out, Padding(_word_diff(out, found.old_text, found.version.text), (0, 0, 0, 4)))


def _word_diff(out: Console, old: str, new: str) -> Text:
    """Removed words struck through in red, added ones in green; git's word-diff marks without colour."""
    coloured = out.is_terminal and not out.no_color
    text = Text()
    for op, chunk in words(old, new):
        if op == "=":
            text.append(safe(chunk))
        elif coloured:
            text.append(safe(chunk), style="red strike" if op == "-" else "green underline")
        else:
            text.append(f"[-{safe(chunk)}-]" if op == "-" else f"{{+{safe(chunk)}+}}")
    return text


def participation(out: Console, people: Sequence[Participant], since: dt.date) -> None:
    """Who took part how; members not heard in the period stand out."""
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False,
                  title=f"Since {since.isoformat()}", title_justify="left")
    table.add_column("Name", no_wrap=True)
    for heading in ("Proposed", "Consents", "Objected", "Concerns", "Asides", "Meetings"):
        table.add_column(heading, justify="right")
    for p in people:
        name = Text(safe(p.name))
        if p.member and not p.heard:
            name.append(" · not heard", style="bold yellow")
        elif not p.member:
            name.append(" · not a member", style="dim")
        table.add_row(name, str(p.proposals), str(p.consents), str(p.objections), str(p.concerns),
                      str(p.stand_asides), str(p.meetings))
    emit(out, table)
