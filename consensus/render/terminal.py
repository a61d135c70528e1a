"""What people see in a terminal: rich tables, colours only where they help (``show``'s card is
in ``card``, drawn without rich)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import IO, TYPE_CHECKING

from rich import box
from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from consensus.language import N_, NP_, _, day, n_, p_
from consensus.textdiff import words

from . import one_line, safe
from .notes import taken_back
from .style import STATUS_STYLE, when
from .table import colours_wanted, screen_width

if TYPE_CHECKING:  # types only: show need not import the reports to draw one decision
    from consensus.models import Meeting
    from consensus.queries import Happening, TextChange
    from consensus.replay import DecisionView
    from consensus.reports import Change, Participant

EVENT_WORDS = {  # each translated as p_("event", …)
    "proposed": NP_("event", "proposed"),
    "amended": NP_("event", "proposed an amendment"),
    "consented": NP_("event", "consented"),
    "objected": NP_("event", "objected"),
    "resolved": NP_("event", "resolved an objection"),
    "stood_aside": NP_("event", "stood aside"),
    "concern_raised": NP_("event", "raised a concern"),
    "adopted": NP_("event", "adopted"),
    "rejected": NP_("event", "rejected"),
    "withdrawn": NP_("event", "withdrew"),
    "superseded": NP_("event", "superseded"),
    "retired": NP_("event", "retired"),
    "reviewed": NP_("event", "reviewed"),
    "retracted": NP_("event", "took back"),
}


def console(file: IO[str], like: IO[str] | None = None) -> Console:
    """A console that prints user text literally (no markup, emoji codes or highlighting), writing
    to ``file`` as to the stream ``like``: its width when it is a terminal, and colours where
    ``colours_wanted`` says (NO_COLOR: no styles at all, not even bold; FORCE_COLOR: colours in a
    pipe too)."""
    stream = like or file
    terminal = hasattr(stream, "isatty") and stream.isatty()
    colour = colours_wanted(stream)
    return Console(file=file, markup=False, emoji=False, highlight=False, force_terminal=terminal or colour,
                   color_system="standard" if colour else None, width=screen_width(),
                   no_color=not colour)


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


def history(out: Console, view: DecisionView) -> None:
    """The events of a decision, oldest first, one per line."""
    table = Table(box=None, show_header=False, pad_edge=False)
    table.add_column(no_wrap=True, style="dim")
    table.add_column(no_wrap=True)
    table.add_column()
    undone_by = {retraction: target for target, retraction in view.taken_back.items()}
    revisions = {v.revised_by for v in view.versions}
    for index, event in enumerate(view.history):
        what = p_("event", EVENT_WORDS.get(event.kind, event.kind))
        if event.kind == "amended" and event.version in revisions:
            what = _("revised the proposal")
        detail = []
        if index in undone_by:
            detail.append(taken_back(view.history[undone_by[index]]))
        if event.version is not None:
            detail.append(f"v{event.version}")
        if event.kind == "objected":
            detail.append(_("objection {number}: {reason}").format(number=event.number, reason=event.reason))
        elif event.kind == "resolved":
            detail.append(_("objection {number}").format(number=event.objection) + (f": {event.how}" if event.how else ""))
        elif event.kind == "superseded":
            detail.append(_("by {other}").format(other=event.superseded_by))
        elif event.kind in ("adopted", "reviewed") and event.review_by:
            detail.append(_("review by {date}").format(date=day(event.review_by)))
        for extra in (event.reason if event.kind != "objected" else None, event.why, event.note):
            if extra:
                detail.append(extra)
        if event.force:
            detail.append(_("FORCED"))
        if event.resolves:
            detail.append(n_("resolves objection {numbers}", "resolves objections {numbers}", len(event.resolves)).format(
                numbers=", ".join(map(str, event.resolves))))
        if event.kind == "amended":
            version = view.version(event.version)
            if version and version.why:
                detail.append(version.why)
        if index in view.taken_back:
            detail.append(_("(taken back)"))
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
        emit(out, head, Text(_("(the texts are the same)"), style="dim"))
        return
    text = _word_diff(out, change.old, change.new)
    emit(out, head, text)


def meeting_list(out: Console, rows: Sequence[tuple[Meeting, bool]]) -> None:
    """The table ``meeting list`` prints."""
    if not rows:
        emit(out, Text(_("No meetings yet."), style="dim"))
        return
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False)
    table.add_column(_("ID"), no_wrap=True, style="bold")
    table.add_column(_("When"), no_wrap=True)
    table.add_column(_("Title"), ratio=1)
    table.add_column(_("Attendees"))
    for meeting, is_open in rows:
        end = meeting.ended_at.strftime("%H:%M") if meeting.ended_at else _("open")
        table.add_row(
            meeting.id, f"{when(meeting.started_at)}–{end}",
            Text(one_line(meeting.title)) + (Text(_(" (open)"), style="yellow") if is_open else Text("")),
            one_line(", ".join(meeting.attendees)),
        )
    emit(out, table)


def changes(
    out: Console, happened: Sequence[Happening], adoptions: dict[tuple[str, str], Change],
    since: dt.datetime, until: dt.datetime | None,
) -> None:
    """Every event of a period, and under each adoption how its text changed."""
    span = _("since {when}").format(when=when(since)) + (_(" until {when}").format(when=when(until)) if until else "")
    if not happened:
        emit(out, Text(_("Nothing happened {span}.").format(span=span), style="dim"))
        return
    emit(out, Text(n_("{n} event {span}", "{n} events {span}", len(happened)).format(n=len(happened), span=span),
                   style="bold"))
    for h in happened:
        event = h.event
        what = p_("event", EVENT_WORDS.get(event.kind, event.kind))
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
                  title=_("Since {date}").format(date=day(since)), title_justify="left")
    table.add_column(_("Name"), no_wrap=True)
    for heading in (N_("Proposed"), N_("Consents"), N_("Objected"), N_("Concerns"), N_("Asides"), N_("Meetings")):
        table.add_column(_(heading), justify="right")
    for p in people:
        name = Text(safe(p.name))
        if p.member and not p.heard:
            name.append(_(" · not heard"), style="bold yellow")
        elif not p.member:
            name.append(_(" · not a member"), style="dim")
        table.add_row(name, str(p.proposals), str(p.consents), str(p.objections), str(p.concerns),
                      str(p.stand_asides), str(p.meetings))
    emit(out, table)


@contextmanager
def progress(out: Console, what: str) -> Iterator[Callable[[int, int], None] | None]:
    """A progress bar on a terminal (for long work); nothing elsewhere."""
    if not out.is_terminal:
        yield None
        return
    from rich.progress import Progress

    with Progress(console=out, transient=True) as bar:
        task = bar.add_task(what, total=None)

        def tick(done: int, total: int) -> None:
            if total >= 50:
                bar.update(task, completed=done, total=total)

        yield tick
