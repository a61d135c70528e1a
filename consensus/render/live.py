"""What live notes print: after each line what it recorded and the current decision's round, the
numbered open proposals, the words with an example each, and the status line of the prompt."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from consensus.language import N_, _, in_
from consensus.vocabulary import status_word

from . import notes, one_line

if TYPE_CHECKING:
    from consensus.live import Reply, Usage
    from consensus.models import Meeting
    from consensus.queries import NextStep
    from consensus.replay import DecisionView

# The words as the note-taker types them, each with an example: in English here, in the register's
# language from the catalogue (where a German register finds "vorschlag TITEL").
HELP = [
    ("propose", N_("propose TITLE"), N_("propose Meet on Wednesdays"), N_("then the text, up to an empty line")),
    ("replace", N_("replace ID-OR-WORDS: WHY"), N_("replace tuesdays: choir night"),
     N_("then a title line and the text")),
    ("open", N_("open ID-OR-WORDS | open N"), N_("open 2"), N_("make a decision current (N: as list numbers them)")),
    ("consent", N_("consent NAME … | consent all"), N_("consent Ann, Bob"), N_("consent to the current proposal")),
    ("object", N_("object NAME: REASON"), N_("object Chris: Tuesday is choir night"),
     N_("prints the objection's number")),
    ("resolve", N_("resolve N: HOW"), N_("resolve 1: we start at 7:30"), ""),
    ("aside", N_("aside NAME[: REASON]"), N_("aside Bo: no opinion"), N_("stand aside")),
    ("concern", N_("concern NAME: REASON"), N_("concern Dana: the room is small"), N_("guests may raise concerns too")),
    ("amend", N_("amend [resolves N …]: WHY"), N_("amend resolves 1: Wednesdays suit all"), N_("then the better text")),
    ("adopt", N_("adopt [review PERIOD-OR-DATE]"), N_("adopt review 6m"), ""),
    ("reject", N_("reject: WHY | withdraw: WHY"), N_("reject: not now"), ""),
    ("undo", N_("undo"), N_("undo"), N_("take back the last line, all it recorded")),
    ("note", N_("# NOTE"), N_("# Bo brings the keys"), N_("a note for the minutes")),
    ("list", N_("list | status | help"), N_("list"), N_("read only; list numbers the open proposals")),
    ("end", N_("end | quit"), N_("end"), N_("end ends the meeting; quit leaves it open to go on later")),
]


def help_lines(language: str, width: int = 80) -> list[str]:
    """Every word with one example, in the register's language (English words always work),
    wrapped to ``width`` columns under their word; on a narrow screen the example goes below it."""
    from .layout import lines as wrapped
    from .table import width_of

    rows = [(in_(language, form), in_(language, example), in_(language, what) if what else "")
            for _word, form, example, what in HELP]
    widest = max(width_of(form) for form, _example, _what in rows)
    eg = in_(language, "e.g.")
    beside = width - (2 + widest + 3) >= 30
    indent = " " * (2 + widest + 3 if beside else 6)
    out = []
    for form, example, what in rows:
        detail = wrapped(f"{eg} {example}" + (f"   ({what})" if what else ""), width - len(indent))
        if beside:
            out += ["  " + form + " " * (widest - width_of(form) + 3) + detail[0], *(indent + w for w in detail[1:])]
        else:
            out += [f"  {form}", *(indent + w for w in detail)]
    if language != "en":
        out += ["  " + w for w in wrapped(in_(language, "(English words work too: propose, consent, object, …)"), width - 2)]
    return out


def fitted(text: str, width: int | None) -> list[str]:
    """A line of the live mode as a terminal ``width`` columns wide shows it: broken between words,
    what follows indented two further than the line (None: as it is, for a pipe)."""
    if width is None:
        return [text]
    from .layout import lines as wrapped

    indent = len(text) - len(text.lstrip(" ")) + 2
    first, *rest = wrapped(text, width, max(width - indent, 20))
    return [first, *(" " * indent + line for line in rest)]


def usage(problem: Usage, language: str) -> str:
    """How to write a line the note-taker got wrong, with the example of its word."""
    row = next((r for r in HELP if r[0] == problem.word), None)
    if row is None:
        return str(problem)
    _word, form, example, _what = row
    return _("{word} needs {what} — write {form}, e.g. {example}").format(
        word=problem.typed, what=problem.what, form=in_(language, form), example=in_(language, example))


_WAITS = {"blocked": N_("blocked: {objections}"), "waiting": N_("waiting for {missing}"),
          "ready": N_("ready to adopt"), "review": N_("due for review"), "overlooked": N_("open: {objections}"),
          "choose": N_("replaced twice: the group chooses")}


def round_line(view: DecisionView, step: NextStep | None) -> str:
    """The current decision in one line: its id, title, where its round stands, what it waits for."""
    version = view.open
    parts = [f"  [{view.id}] {one_line(view.title)}"]
    if version is None:
        parts.append(status_word(view.status) + (f" v{view.current_version}" if view.current_version else ""))
    else:
        parts += [_("v{number} open").format(number=version.number), notes.round_note(view)]
    if step is not None:
        parts.append(_(_WAITS[step.kind]).format(missing=", ".join(step.missing), objections="; ".join(step.objections)))
    return " · ".join(parts)


def reply_lines(reply: Reply, today: dt.date) -> list[str]:
    """What a line did, for the note-taker: what it recorded, then the current decision's round."""
    done, word = reply.done, reply.word
    lines: list[str] = []
    if done is not None:
        if done.late:
            lines.append(notes.late(done.late))
        if word in ("propose", "replace"):
            lines.append(notes.proposed(done))
        elif word == "amend":
            lines.append(notes.amended(done))
        elif word == "consent":
            lines.extend(notes.consented(done))
        elif word == "object":
            lines.append(notes.objected(done, hint=False))
        elif word == "resolve":
            lines.append(notes.resolved(done, done.decision.history[-1].objection or 0))
        elif word == "aside":
            lines.append(notes.stood_aside(done))
        elif word == "concern":
            lines.append(notes.concern(done))
        elif word == "adopt":
            lines.extend(notes.adopted(done, today))
        elif word in ("reject", "withdraw"):
            lines.append(notes.closed(done, "rejected" if word == "reject" else "withdrawn"))
        elif word == "undo":
            lines.extend(notes.undone(done))
    elif word == "list":
        if not reply.listing:
            lines.append(_("No open proposals."))
        for number, row in enumerate(reply.listing, start=1):
            lines.append(f"  {number:>2}  {row.id}  {one_line(row.title)}  (v{row.open_version})")
    elif word == "status" and reply.meeting is not None:
        lines.append(meeting_line(reply.meeting))
    elif word == "note":
        lines.append(_("Noted for the minutes."))
    elif word == "end" and reply.meeting is not None:
        m = reply.meeting
        lines.append(_('Ended {id} "{title}"; minutes: "consensus meeting show {id}" (meetings/{id}.toml)').format(
            id=m.id, title=one_line(m.title)))
    elif word == "quit" and reply.meeting is not None:
        lines.append(stays_open(reply.meeting))
    if reply.view is not None and word not in ("list", "end", "quit", "help"):
        lines.append(round_line(reply.view, reply.next))
    elif word == "status" and reply.view is None:
        lines.append("  " + _("No decision is current: propose one, or open one (list shows them)."))
    return lines


def stays_open(meeting: Meeting) -> str:
    """What leaving a live session says."""
    return _('The meeting "{title}" stays open: "consensus live" goes on with it.').format(title=one_line(meeting.title))


def meeting_line(meeting: Meeting, resumed: bool | None = None) -> str:
    """The meeting in one line: its title, who attends, since when (and whether it goes on)."""
    people = ", ".join(meeting.attendees) or _("nobody yet")
    guests = _(" (guests: {names})").format(names=", ".join(meeting.guests)) if meeting.guests else ""
    line = _('Meeting "{title}" since {time} · {people}{guests}').format(
        title=one_line(meeting.title), time=f"{meeting.started_at:%H:%M}", people=people, guests=guests)
    if resumed is None:
        return line
    return (_("Resuming {meeting}") if resumed else _("Started {meeting}")).format(meeting=line)


def toolbar(meeting: Meeting | None, view: DecisionView | None, step: NextStep | None) -> str:
    """The status line under the prompt: the meeting, the current decision and its round."""
    left = one_line(meeting.title) if meeting else _("no meeting")
    if view is None:
        return " " + _("{meeting} · no current decision · help for the words").format(meeting=left)
    return f" {left} ·{round_line(view, step).removeprefix(' ')}"

