"""What live notes print: after each line what it recorded and the current decision's round, the
numbered open proposals, the words with an example each, and the status line of the prompt."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from . import notes, one_line

if TYPE_CHECKING:
    from consensus.live import Reply
    from consensus.models import Meeting
    from consensus.queries import NextStep
    from consensus.replay import DecisionView

# The words as the note-taker types them, in the register's language, each with an example.
HELP = {
    "en": [
        ("propose TITLE", "propose Meet on Wednesdays", "then the text, up to an empty line"),
        ("replace ID-OR-WORDS: WHY", "replace tuesdays: choir night", "then a title line and the text"),
        ("open ID-OR-WORDS | open N", "open 2", "make a decision current (N: as list numbers them)"),
        ("consent NAME … | consent all", "consent Ann, Bob", "consent to the current proposal"),
        ("object NAME: REASON", "object Chris: Tuesday is choir night", "prints the objection's number"),
        ("resolve N: HOW", "resolve 1: we start at 7:30", ""),
        ("aside NAME[: REASON]", "aside Bo: no opinion", "stand aside"),
        ("concern NAME: REASON", "concern Dana: the room is small", "guests may raise concerns too"),
        ("amend [resolves N …]: WHY", "amend resolves 1: Wednesdays suit all", "then the better text"),
        ("adopt [review PERIOD-OR-DATE]", "adopt review 6m", ""),
        ("reject: WHY | withdraw: WHY", "reject: not now", ""),
        ("undo", "undo", "take back the last step"),
        ("# NOTE", "# Bo brings the keys", "a note for the minutes"),
        ("list | status | help", "list", "read only; list numbers the open proposals"),
        ("end | quit", "end", "end ends the meeting; quit leaves it open to go on later"),
    ],
    "de": [
        ("vorschlag TITEL", "vorschlag Treffen am Mittwoch", "danach der Text, bis zu einer Leerzeile"),
        ("ersetzen ID-ODER-WORTE: WARUM", "ersetzen dienstag: Chorabend", "danach Titel und Text"),
        ("öffnen ID-ODER-WORTE | öffnen N", "öffnen 2", "eine Entscheidung aufrufen (N: wie liste zählt)"),
        ("zustimmung NAME … | zustimmung alle", "zustimmung Ann, Bob", "zum aktuellen Vorschlag"),
        ("einwand NAME: GRUND", "einwand Chris: Dienstag ist Chorabend", "zeigt die Nummer des Einwands"),
        ("gelöst N: WIE", "gelöst 1: wir beginnen um 19:30", ""),
        ("beiseite NAME[: GRUND]", "beiseite Bo: keine Meinung", "beiseite treten"),
        ("bedenken NAME: GRUND", "bedenken Dana: der Raum ist klein", "auch Gäste dürfen Bedenken äußern"),
        ("ändern [löst N …]: WARUM", "ändern löst 1: Mittwoch passt allen", "danach der bessere Text"),
        ("annehmen [prüfung ZEITRAUM-ODER-DATUM]", "annehmen prüfung 6m", ""),
        ("ablehnen: WARUM | zurückziehen: WARUM", "ablehnen: nicht jetzt", ""),
        ("rückgängig", "rückgängig", "den letzten Schritt zurücknehmen"),
        ("# NOTIZ", "# Bo bringt die Schlüssel", "eine Notiz fürs Protokoll"),
        ("liste | status | hilfe", "liste", "nur lesen; liste nummeriert die offenen Vorschläge"),
        ("ende | quit", "ende", "ende beendet das Treffen; quit lässt es offen"),
    ],
}


def help_lines(language: str) -> list[str]:
    """Every word with one example, in the register's language (English words always work)."""
    rows = HELP.get(language, HELP["en"])
    width = max(len(form) for form, _, _ in rows)
    eg = "z. B." if language == "de" else "e.g."
    lines = [f"  {form.ljust(width)}   {eg} {example}" + (f"   ({what})" if what else "") for form, example, what in rows]
    if language == "de":
        lines.append("  (Englische Wörter gehen auch: propose, consent, object, …)")
    return lines


_WAITS = {"blocked": "blocked: {objections}", "waiting": "waiting for {missing}", "ready": "ready to adopt",
          "review": "due for review"}


def usage(word: str, what: str, language: str) -> str:
    """How to write a line the note-taker got wrong, with the example of its word."""
    english = [form for form, _, _ in HELP["en"]]
    rows = HELP.get(language, HELP["en"])
    index = next((i for i, form in enumerate(english) if form.split()[0] == word or f"| {word}" in form), None)
    if index is None:
        return f"{word} needs {what}"
    form, example, _ = rows[index]
    eg = "z. B." if language == "de" else "e.g."
    return f"{word} needs {what} — write {form}, {eg} {example}"


def round_line(view: DecisionView, step: NextStep | None) -> str:
    """The current decision in one line: its id, title, where its round stands, what it waits for."""
    version = view.open
    parts = [f"  [{view.id}] {one_line(view.title)}"]
    if version is None:
        parts.append(f"{view.status}" + (f" v{view.current_version}" if view.current_version else ""))
    else:
        parts += [f"v{version.number} open", notes.round_note(view)]
    if step is not None:
        parts.append(_WAITS[step.kind].format(missing=", ".join(step.missing), objections="; ".join(step.objections)))
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
            lines.append(notes.amended(done, list(done.decision.history[-1].resolves or ())))
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
            lines.append("No open proposals.")
        for number, row in enumerate(reply.listing, start=1):
            lines.append(f"  {number:>2}  {row.id}  {one_line(row.title)}  (v{row.open_version})")
    elif word == "status" and reply.meeting is not None:
        lines.append(meeting_line(reply.meeting))
    elif word == "note":
        lines.append("Noted for the minutes.")
    elif word == "end" and reply.meeting is not None:
        m = reply.meeting
        lines.append(f'Ended {m.id} "{one_line(m.title)}"; minutes: "consensus meeting show {m.id}" '
                     f"(meetings/{m.id}.toml)")
    elif word == "quit" and reply.meeting is not None:
        lines.append(f'The meeting "{one_line(reply.meeting.title)}" stays open: "consensus live" goes on with it.')
    if reply.view is not None and word not in ("list", "end", "quit", "help"):
        lines.append(round_line(reply.view, reply.next))
    elif word == "status" and reply.view is None:
        lines.append("  No decision is current: propose one, or open one (list shows them).")
    return lines


def meeting_line(meeting: Meeting) -> str:
    """The meeting in one line: its title, who attends, since when."""
    people = ", ".join(meeting.attendees) or "nobody yet"
    guests = f" (guests: {', '.join(meeting.guests)})" if meeting.guests else ""
    return f'Meeting "{one_line(meeting.title)}" since {meeting.started_at:%H:%M} · {people}{guests}'


def toolbar(meeting: Meeting | None, view: DecisionView | None, step: NextStep | None) -> str:
    """The status line under the prompt: the meeting, the current decision and its round."""
    left = f"{one_line(meeting.title)}" if meeting else "no meeting"
    if view is None:
        return f" {left} · no current decision · help for the words"
    return f" {left} ·{round_line(view, step).removeprefix(' ')}"
