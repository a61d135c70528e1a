"""What people read in a terminal: ``history``, ``diff``, ``changes``, ``meeting list`` and
``participation`` (the ``show`` card is drawn in ``card``, ``list``'s table in ``listing``).

Each is built as one string and painted by ``layout``, not printed through rich: rich lays
out and styles one line at a time, which was four fifths of a long ``history`` or ``changes``.
They fit the width they are given by wrapping, under a hanging indent, or by stacking what
would be columns when the columns cannot fit; never by cutting a name or a reason short.
rich is left where it earns its cost: the progress bar, in ``progress``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from consensus.language import N_, NP_, _, day, n_, p_
from consensus.textdiff import words

from . import one_line, safe
from .layout import Painter, cells, lines, wrap
from .notes import taken_back
from .style import STATUS_STYLE, Span, when
from .table import width_of

if TYPE_CHECKING:  # types only: no module is loaded for them
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
NARROWEST = 20
"""The fewest cells a column of reasons, titles or names may get; below, the layout stacks."""
GAP = "   "  # between the columns of a table with headings, as in ``list``


def _event_words() -> dict[str, str]:
    return {kind: p_("event", word) for kind, word in EVENT_WORDS.items()}


def _hang(width: int, offset: int) -> int:
    """The indent of a hanging line: under the column at ``offset`` while it leaves room, else 2."""
    return offset if width - offset >= NARROWEST else 2


def history(view: DecisionView, *, width: int, colour: bool) -> str:
    """The events of a decision, oldest first: when, who did what, and the details (reasons,
    versions, review dates) in a column that wraps; on a narrow screen the details go under
    each event, indented."""
    paint = Painter(colour)
    said = _event_words()
    undone_by = view.undoes
    revisions = {v.revised_by for v in view.versions}
    rows: list[tuple[str, list[Span], str]] = []
    for index, event in enumerate(view.history):
        what = said.get(event.kind, event.kind)
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
        head: list[Span] = [("bold", one_line(event.by)), ("", " "), (STATUS_STYLE.get(event.kind, ""), what)]
        rows.append((when(event.at), head, safe(" · ".join(detail))))
    stamp = max(width_of(at) for at, _, _ in rows) + 2
    heads = max(cells(head) for _, head, _ in rows) + 2
    out: list[str] = []
    if width - stamp - heads >= NARROWEST:  # a table: the details wrap in their own column
        for at, head, notes in rows:
            start = paint.one("dim", at) + "  " + paint(head)
            if not notes:
                out.append(start)
                continue
            pad = " " * (heads - cells(head))
            first, *more = lines(notes, width - stamp - heads)
            out.append(start + pad + first)
            out.extend(" " * (stamp + heads) + line if line else "" for line in more)
    else:  # stacked: who did what after the time, the details under it, both hanging
        indent = _hang(width, stamp)
        for at, head, notes in rows:
            size = stamp + cells(head)
            if size <= width and (not notes or ("\n" not in notes and size + 2 + width_of(notes) <= width)):
                out.append(paint.one("dim", at) + "  " + paint(head) + (f"  {notes}" if notes else ""))
                continue
            opening, *rest = wrap(head, max(width - stamp, 1), width - indent)
            out.append(paint.one("dim", at) + "  " + paint(opening))
            out.extend(" " * indent + paint(line) for line in rest)
            if notes:
                out.extend(" " * indent + line if line else "" for line in lines(notes, width - indent))
    return "\n".join(out) + "\n"


def diff(change: TextChange, *, terminal: bool, colour: bool) -> str:
    """A word-by-word diff: removed words struck through in red, added ones underlined in green.

    Without colour the marks must carry the meaning, so they are git's ``--word-diff`` ones.
    """
    paint = Painter(colour)
    head = (f"{paint.one('red', '--- ')}{safe(change.old_label)}\n"
            f"{paint.one('green', '+++ ')}{safe(change.new_label)}\n")
    if change.old == change.new:
        return head + paint.one("dim", _("(the texts are the same)")) + "\n"
    return head + _body(_word_diff(change.old, change.new, colour), terminal)


def meeting_list(rows: Sequence[tuple[Meeting, bool]], *, width: int, colour: bool) -> str:
    """The meetings, newest first: id, when, title and attendees; the title and attendees wrap
    in their columns, and on a narrow screen go under the id and time."""
    paint = Painter(colour)
    if not rows:
        return paint.one("dim", _("No meetings yet.")) + "\n"
    open_word = _(" (open)")
    ids, times, titles, attendees = [], [], [], []
    for meeting, is_open in rows:
        end = meeting.ended_at.strftime("%H:%M") if meeting.ended_at else _("open")
        ids.append(meeting.id)
        times.append(f"{when(meeting.started_at)}–{end}")
        title: list[Span] = [("", one_line(meeting.title))]
        titles.append([*title, ("yellow", open_word)] if is_open else title)
        attendees.append(one_line(", ".join(meeting.attendees)))
    headings = [_("ID"), _("When"), _("Title"), _("Attendees")]
    id_w = max(map(width_of, [headings[0], *ids]))
    time_w = max(map(width_of, [headings[1], *times]))
    title_w = max([width_of(headings[2]), *map(cells, titles)])
    people_w = max(map(width_of, [headings[3], *attendees]))
    room = width - id_w - time_w - 3 * len(GAP)
    if title_w + people_w > room:
        if room < 2 * NARROWEST:
            return _stacked_meetings(paint, ids, times, titles, attendees, width)
        half = room // 2
        if people_w <= half:
            title_w = room - people_w
        elif title_w <= half:
            people_w = room - title_w
        else:
            title_w, people_w = room - half, half
    sizes = [id_w, time_w, title_w, people_w]
    out = [GAP.join(paint.one("bold", h) + " " * (size - width_of(h)) for h, size in zip(headings, sizes, strict=True)).rstrip(),
           paint.one("dim", "─" * (sum(sizes) + len(GAP) * 3))]
    for meeting_id, at, title, people in zip(ids, times, titles, attendees, strict=True):
        title_lines = wrap(title, title_w)
        people_lines = lines(people, people_w)
        for index in range(max(len(title_lines), len(people_lines))):
            left = (paint.one("bold", meeting_id) + " " * (id_w - width_of(meeting_id)) + GAP + at
                    + " " * (time_w - width_of(at))) if index == 0 else " " * (id_w + len(GAP) + time_w)
            piece = title_lines[index] if index < len(title_lines) else []
            line = (left + GAP + paint(piece) + " " * (title_w - cells(piece)) + GAP
                    + (people_lines[index] if index < len(people_lines) else ""))
            out.append(line.rstrip())
    return "\n".join(out) + "\n"


def _stacked_meetings(paint: Painter, ids: list[str], times: list[str], titles: list[list[Span]],
                      attendees: list[str], width: int) -> str:
    label = _("{label}: ").format(label=_("Attendees"))
    out = []
    for meeting_id, at, title, people in zip(ids, times, titles, attendees, strict=True):
        first, *more = wrap([("bold", meeting_id), ("", GAP + at)], width, width - 2)
        out.append(paint(first))
        out.extend("  " + paint(line) for line in more)
        out.extend("  " + paint(line) for line in wrap(title, width - 2))
        out.extend("  " + line for line in lines(label + people, width - 2))
    return "\n".join(out) + "\n"


def changes(told: Iterable[str], count: int, since: dt.datetime, until: dt.datetime | None, *,
            colour: bool) -> Iterator[str]:
    """The ``count`` events of a period, as ``ChangeTeller`` told each, under a line that counts
    them: in pieces, for ``App.show`` (a year of 100,000 decisions is 40 MB of text)."""
    paint = Painter(colour)
    span = _("since {when}").format(when=when(since)) + (_(" until {when}").format(when=when(until)) if until else "")
    if not count:
        yield paint.one("dim", _("Nothing happened {span}.").format(span=span)) + "\n"
        return
    yield paint.one("bold", n_("{n} event {span}", "{n} events {span}", count).format(n=count, span=span)) + "\n"
    yield from told


class ChangeTeller:
    """One event of ``changes`` a line, and under an adoption how its text changed.

    In a pipe each event stays one line, for ``grep``; on a terminal a long one wraps under
    the decision's id. The texts are left to the terminal to wrap, as git leaves a diff.
    """

    def __init__(self, *, width: int, terminal: bool, colour: bool) -> None:
        self.width, self.terminal, self.colour = width, terminal, colour
        self.paint = Painter(colour)
        self.said = _event_words()
        self.title = ("", "")  # the last decision's id and title: its events come one after another

    def __call__(self, h: Happening, found: Change | None) -> str:
        event, width, paint = h.event, self.width, self.paint
        if self.title[0] != h.view.id:
            self.title = (h.view.id, safe(one_line(h.view.title)))
        title = self.title[1]
        version = f" v{event.version}" if event.version is not None else ""
        spans: list[Span] = [
            ("dim", when(event.at)), ("", "  "), ("bold", h.view.id), ("", "  "), ("bold", one_line(event.by)),
            ("", " "), (STATUS_STYLE.get(event.kind, ""), self.said.get(event.kind, event.kind)),
            ("", f"{version} · {title}"),
        ]
        if h.view.taken_back:  # as history says it: what undo took back, and that it did
            target = h.view.undoes.get(h.place)
            if target is not None:
                what = _("took back {what}").format(what=taken_back(h.view.history[target]))
                spans[6] = (STATUS_STYLE.get(event.kind, ""), safe(what))
            elif h.place in h.view.taken_back:
                spans.append(("dim", " " + _("(taken back)")))
        out = []
        if self.terminal:
            first, *more = wrap(spans, width, width - (indent := _hang(width, cells(spans[:2]))))
            out.append(paint(first) + "\n")
            out.extend(" " * indent + paint(line) + "\n" for line in more)
        else:
            out.append(paint(spans) + "\n")
        if found is not None and found.version is not None:
            if found.old_text is None:
                out.append(_body(safe(found.version.text).split("\n"), self.terminal, indent=4))
            else:
                out.append(_body(_word_diff(found.old_text, found.version.text, self.colour), self.terminal, indent=4))
        return "".join(out)


COARSE = {"lines": N_("(the texts are long: changed lines are shown whole, old then new, not word by word)")}
"""What a diff says when it compared more than words at a time."""
_PAINT = {"-": "\x1b[31;9m", "+": "\x1b[32;4m", "note": "\x1b[2m"}  # red struck through, green underlined, dim


def _word_diff(old: str, new: str, coloured: bool) -> list[str]:
    """The lines of a word diff: removed words struck through in red, added ones underlined in
    green when coloured; git's word-diff marks otherwise. Lines are left to the terminal to
    wrap, as git does."""
    changes = words(old, new)
    pieces = []
    if changes.coarse:
        note = _(COARSE[changes.coarse])
        pieces.append(f"{_PAINT['note']}{note}\x1b[0m\n" if coloured else note + "\n")
    for op, chunk in changes.runs:
        text = safe(chunk)
        if op == "=":
            pieces.append(text)
        elif coloured:  # painted line by line, so that no colour runs on past a line's end
            pieces.append("\n".join(f"{_PAINT[op]}{line}\x1b[0m" if line else "" for line in text.split("\n")))
        else:
            pieces.append(f"[-{text}-]" if op == "-" else f"{{+{text}+}}")
    return "".join(pieces).split("\n")


def _body(body: list[str], terminal: bool, indent: int = 0) -> str:
    """Lines as they are, indented; without trailing spaces when not on a terminal."""
    pad = " " * indent
    if terminal:
        return "".join(f"{pad}{line}\n" if line else "\n" for line in body)
    return "".join(f"{pad}{line}".rstrip() + "\n" for line in body)


PARTICIPATION = (N_("Proposed"), N_("Consents"), N_("Objected"), N_("Concerns"), N_("Asides"), N_("Meetings"))


def participation(people: Sequence[Participant], since: dt.date, *, width: int, colour: bool) -> str:
    """Who took part how; members not heard in the period stand out. A table when it fits the
    width; else each person with their numbers under their name."""
    paint = Painter(colour)
    out = [paint.one("italic", _("Since {date}").format(date=day(since)))]
    headings = [_("Name"), *map(_, PARTICIPATION)]
    names: list[list[Span]] = []
    numbers: list[list[str]] = []
    for p in people:
        name: list[Span] = [("", one_line(p.name))]
        if p.member and not p.heard:
            name.append(("bold yellow", _(" · not heard")))
        elif not p.member:
            name.append(("dim", _(" · not a member")))
        names.append(name)
        numbers.append([str(n) for n in (p.proposals, p.consents, p.objections, p.concerns, p.stand_asides, p.meetings)])
    sizes = [max([width_of(headings[0]), *map(cells, names)])]
    sizes.extend(max([width_of(h), *(len(row[i]) for row in numbers)]) for i, h in enumerate(headings[1:]))
    if sum(sizes) + len(GAP) * (len(sizes) - 1) <= width:
        out.append(GAP.join([paint.one("bold", headings[0]) + " " * (sizes[0] - width_of(headings[0])),
                             *(" " * (size - width_of(h)) + paint.one("bold", h)
                               for h, size in zip(headings[1:], sizes[1:], strict=True))]))
        out.append(paint.one("dim", "─" * (sum(sizes) + len(GAP) * (len(sizes) - 1))))
        for name, row in zip(names, numbers, strict=True):
            out.append(GAP.join([paint(name) + " " * (sizes[0] - cells(name)),
                                 *(n.rjust(size) for n, size in zip(row, sizes[1:], strict=True))]))
        return "\n".join(out) + "\n"
    for name, row in zip(names, numbers, strict=True):
        first, *more = wrap([("bold", text) if style == "" else (style, text) for style, text in name], width, width - 2)
        out.append(paint(first))
        out.extend("  " + paint(line) for line in more)
        line = ""
        for item in (f"{h} {n}" for h, n in zip(headings[1:], row, strict=True)):
            if line and width_of(line) + 3 + width_of(item) > width - 2:
                out.append("  " + line)
                line = ""
            line = f"{line} · {item}" if line else item
        out.append("  " + line)
    return "\n".join(out) + "\n"
