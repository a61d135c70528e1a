"""Live notes: one line, one step, for the note-taker of a meeting.

A line is a word, then its arguments (names, numbers, ids or words of a title: no colons), then
after the first colon any free text; a line starting with ``#`` is a note for the minutes. A step
that needs a decision's text reads it from the lines that follow, up to an empty line (``Session``
asks its ``read_text``). Every step goes through ``steps.Steps`` as the commands do: under the
lock, atomic, on disk before the next line. There is always a *current* decision: the one last
proposed or opened; it is kept in ``.consensus/live.json`` so a session can be resumed.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from . import dates, meetings, process, queries
from .errors import ConsensusError, NotFound, Refused
from .language import _
from .members import fold
from .steps import ALL, Done, Steps, all_alone
from .vocabulary import status_word

if TYPE_CHECKING:
    from .models import Meeting
    from .queries import NextStep
    from .register import Register
    from .replay import DecisionView
    from .rows import Row

# Every word in English; a German register also understands these (with or without umlauts).
WORDS = ("propose", "replace", "open", "consent", "object", "resolve", "aside", "concern", "amend", "adopt",
         "reject", "withdraw", "undo", "list", "status", "help", "end", "quit")
GERMAN = {
    "vorschlag": "propose", "ersetzen": "replace", "öffnen": "open", "oeffnen": "open",
    "zustimmung": "consent", "einwand": "object", "gelöst": "resolve", "geloest": "resolve",
    "beiseite": "aside", "bedenken": "concern", "ändern": "amend", "aendern": "amend", "annehmen": "adopt",
    "ablehnen": "reject", "zurückziehen": "withdraw", "zurueckziehen": "withdraw", "rückgängig": "undo",
    "rueckgaengig": "undo", "liste": "list", "hilfe": "help", "ende": "end",
}
# Within a line: "resolves 1 2" after amend, "review 6m" after adopt.
RESOLVES = ("resolves", "löst", "loest")
REVIEW = ("review", "überprüfung", "ueberpruefung", "prüfung", "pruefung")
NOTE = "note"
TAKES_TEXT = frozenset({"propose", "replace", "amend"})
"""The words whose text follows on the next lines, up to an empty line: lines that belong to the
step even when it is refused, and are never read as steps."""
STATE_FILE = "live.json"


class UnknownWord(Refused):
    """A line whose first word is none of ours; ``close``: the word it was probably meant as."""

    def __init__(self, message: str, close: str | None) -> None:
        super().__init__(message)
        self.close = close


class Usage(Refused):
    """A line that lacks what its word needs: the front end shows how to write it (``word``)."""

    def __init__(self, word: str, what: str, typed: str | None = None) -> None:
        self.word = word
        self.what = what
        self.typed = typed or word
        super().__init__(_("{word} needs {what}").format(word=self.typed, what=what))


def _text(line: Line, what: str | None = None) -> str:
    """The free text after the colon, which the step cannot do without."""
    if not line.text or not line.text.strip():
        raise Usage(line.word, what or _("its reason after a colon"), line.typed)
    return line.text.strip()


@dataclass
class Line:
    """One line as typed: its word (in English), its arguments, and the free text after a colon."""

    word: str
    args: str = ""
    text: str | None = None
    typed: str = ""


def words_for(language: str) -> dict[str, str]:
    """Every word a register in ``language`` understands, to its English word."""
    known = {word: word for word in WORDS}
    if language == "de":
        known.update(GERMAN)
    return known


def parse(raw: str, language: str) -> Line | None:
    """The line ``raw`` means; None for an empty one. Refused when its first word is none of ours."""
    stripped = raw.strip()
    if not stripped:
        return None
    if stripped.startswith("#"):
        return Line(NOTE, text=stripped[1:].strip(), typed="#")
    head, colon, rest = stripped.partition(":")
    typed, __, args = head.strip().partition(" ")
    known = words_for(language)
    word = known.get(typed.lower()) or known.get(fold(typed))
    if word is None:
        import difflib

        close = difflib.get_close_matches(typed.lower(), list(known), n=1, cutoff=0.6)
        hint = (_("did you mean '{word}'? (type help for the words)").format(word=close[0]) if close
                else _("type help for the words"))
        raise UnknownWord(_("'{typed}' is not a word of live notes — {hint}").format(typed=typed, hint=hint),
                          known[close[0]] if close else None)
    if word == "propose":  # the whole rest of the line is the title, colons and all
        return Line(word, args=stripped[len(typed):].strip(), typed=typed)
    return Line(word, args=args.strip(), text=rest.strip() if colon else None, typed=typed)


@dataclass
class Reply:
    """What a line did: its word, the step it recorded, and what the note-taker should see."""

    word: str
    done: Done | None = None
    view: DecisionView | None = None  # the current decision, as it is after the line
    listing: list[Row] = field(default_factory=list)  # list: the open proposals, numbered from 1
    meeting: Meeting | None = None
    text: str | None = None  # a note taken
    next: NextStep | None = None  # what the current decision waits for


ReadText = Callable[[str, str], str | None]
"""``read_text(what, prefill)``: the lines of a text, up to an empty line (None or "": none)."""


class Session:
    """A note-taker's session on one register, in one meeting."""

    def __init__(self, register: Register, now: Callable[[], dt.datetime] = dates.now, by: str | None = None) -> None:
        self.register = register
        self.now = now
        self.by = by  # who records the steps that name no one (propose, amend, adopt …)
        self.current: str | None = None
        self.listed: list[str] = []
        self.meeting: Meeting | None = None
        # What each line of this session recorded, newest last: the decision, and its events' hashes.
        self.lines: list[tuple[str, tuple[str, ...]]] = []

    @property
    def language(self) -> str:
        """Which words it understands besides the English ones: those of the language the note-taker
        speaks, else the register's (a German register takes German words from anyone)."""
        from . import language

        spoken = language.current()
        return spoken if spoken != "en" else self.register.settings.language

    # -- the meeting ---------------------------------------------------------------------------

    def begin(self, *, title: str | None, attendees: list[str], guests: list[str]) -> bool:
        """Resume the meeting in progress (True), or start one (False)."""
        open_meeting = self.register.open_meeting()
        if open_meeting is not None:
            self.meeting = open_meeting
            self.current = self._saved_current(open_meeting.id)
            return True
        self.meeting = meetings.start(self.register, self.now(), title=title, attendees=attendees, by=self.by,
                                      guests=guests)
        self._save_state()
        return False

    def _saved_current(self, meeting_id: str) -> str | None:
        from .storage import read_regular

        try:
            # Never through a link, never long: a pull may bring a file of its name.
            self.register.own(self.register.state_dir / STATE_FILE)
            state = json.loads(read_regular(self.register.state_dir / STATE_FILE, limit=4096)[0])
            current = state["current"] if state.get("meeting") == meeting_id else None
            return self.register.resolve(current) if isinstance(current, str) else None
        except (OSError, ValueError, TypeError, KeyError, AttributeError, RecursionError, ConsensusError):
            return None  # a state that cannot be read is a session that starts afresh

    def _save_state(self) -> None:
        from .storage import write_atomic

        state = {"meeting": self.meeting.id if self.meeting else None, "current": self.current}
        with contextlib.suppress(OSError):  # only a convenience for resuming
            write_atomic(self.register.state_dir / STATE_FILE, json.dumps(state).encode(), durable=False)

    # -- one line ------------------------------------------------------------------------------

    def refresh(self) -> None:
        """See what others changed since the last line (another terminal, a pull)."""
        self.register.refresh()
        self.meeting = self.register.open_meeting()

    def handle(self, line: Line, read_text: ReadText) -> Reply:
        """Carry out one line; a ``ConsensusError`` means nothing was recorded."""
        self.refresh()
        if self.meeting is None and line.word not in ("help", "quit", "list", "status"):
            raise Refused(_('the meeting has ended (in another terminal?) — type quit, then "consensus live" for a '
                            'new one'))
        handler = getattr(self, f"_{line.word}")
        reply: Reply = handler(line, read_text)
        if reply.view is None and self.current is not None and line.word not in ("help", "quit", "end"):
            reply.view = self._view(self.current)
        if reply.view is not None:
            reply.next = self.next_step(reply.view)
        self._save_state()
        self.register.close()
        return reply

    def next_step(self, view: DecisionView) -> NextStep | None:
        """What ``view`` waits for, as ``show`` says it."""
        replaced = []
        if view.open_version == 1:
            for old in view.replaces:
                with contextlib.suppress(ConsensusError):
                    replaced.append(self._view(old))
        settings = self.register.settings
        return queries.next_step(view, settings.rule, queries.required(self.meeting, settings.members),
                                 self.now().date(), replaced)

    @property
    def steps(self) -> Steps:
        return Steps(self.register, self.now())

    def _view(self, decision_id: str) -> DecisionView:
        return self.register.get(decision_id)[1]

    def current_view(self) -> DecisionView | None:
        """The current decision as it is on disk now (None if there is none, or it is gone)."""
        if self.current is None:
            return None
        try:
            return self._view(self.current)
        except ConsensusError:
            return None

    def _need_current(self) -> str:
        if self.current is None:
            raise Refused(_('no decision is current — propose one, or "open" one (type list to see them)'))
        return self.current

    def _names(self, args: str) -> list[str]:
        """The people ``args`` names: comma-separated, or space-separated where no name has a space."""
        chunks = [c.strip() for c in args.split(",") if c.strip()] if args.strip() else []
        if not chunks:
            raise Refused(_("whose? — name them after the word, e.g. consent Ann, Bob (or consent all)"))
        all_alone(chunks)
        guests = self.meeting.guests if self.meeting else ()
        out: list[str] = []
        for chunk in chunks:
            try:
                out.append(self.register.member(chunk, guests))  # "Alle Hoekstra" is one name
            except ConsensusError:
                if " " not in chunk:
                    raise
                all_alone(chunk.split())
                out.extend(self.register.member(part, guests) for part in chunk.split())
        return out

    def _one_name(self, args: str) -> str:
        names = self._names(args)
        if len(names) != 1:
            raise Refused(_("one name, please: {names} are {n}").format(names=", ".join(names), n=len(names)))
        return names[0]

    def _step(self, word: str, done: Done) -> Reply:
        self.current = done.decision.id
        if done.appended:
            self.lines.append((done.decision.id, tuple(e.hash for e in done.decision.history[-done.appended:])))
        return Reply(word, done=done, view=done.view)

    # -- the words -----------------------------------------------------------------------------

    def _propose(self, line: Line, read_text: ReadText) -> Reply:
        process.require("title", line.args)
        text = read_text("text", "")
        if not text:
            raise Refused(_("the text is empty — type it on the lines after the title, then an empty line"))
        return self._step("propose", self.steps.propose(title=line.args, text=text, by=self.by))

    def _replace(self, line: Line, read_text: ReadText) -> Reply:
        old = self._find(line.args, "replace")
        why = _text(line, _("why it is better, after a colon"))
        title = (read_text("title", "") or "").strip()
        process.require("title", title)
        text = read_text("text", self._view(old).latest.text)
        if not text:
            raise Refused(_("the text is empty — type it on the lines after the title, then an empty line"))
        return self._step("replace", self.steps.propose(title=title, text=text, replaces=[old], why=why, by=self.by))

    def _open(self, line: Line, read_text: ReadText) -> Reply:
        args = line.args.strip()
        if args.isdigit():
            listed = self.listed or [row.id for row in self._open_proposals()]
            number = int(args)
            if not 1 <= number <= len(listed):
                raise Refused(_("there is no number {number} — type list to see the open proposals").format(
                    number=number))
            self.current = listed[number - 1]
        else:
            self.current = self._find(args, "open")
        return Reply("open")

    def _find(self, wanted: str, word: str) -> str:
        """The decision an id or words of its title name (living ones: open or active)."""
        wanted = wanted.strip()
        if not wanted:
            raise Refused(_("which decision? — {word} ID, or {word} and words of its title").format(word=word))
        try:
            return self.register.resolve(wanted)
        except NotFound:
            pass
        rows = [r for r in self.register.rows()[0] if r.open_version is not None or r.status == "active"]
        words = fold(wanted).split()
        found = [r for r in rows if all(w in fold(r.title) for w in words)]
        if len(found) == 1:
            return found[0].id
        if found:
            shown = "; ".join(f"{r.id} {r.title}" for r in found[:5]) + (" …" if len(found) > 5 else "")
            raise Refused(_("'{wanted}' could be {shown} — type more of it, or the id").format(wanted=wanted, shown=shown))
        raise Refused(_("no decision in force or proposed matches '{wanted}' — type list, or give its id").format(
            wanted=wanted))

    def _consent(self, line: Line, read_text: ReadText) -> Reply:
        decision = self._need_current()
        names = ["all"] if line.args.strip().lower() in ALL else self._names(line.args)
        return self._step("consent", self.steps.consent(decision, names))

    def _object(self, line: Line, read_text: ReadText) -> Reply:
        decision = self._need_current()
        reason = _text(line)
        return self._step("object", self.steps.object(decision, reason=reason, by=self._one_name(line.args)))

    def _resolve(self, line: Line, read_text: ReadText) -> Reply:
        decision = self._need_current()
        if not line.args.strip().isdigit():
            raise Usage("resolve", _("the objection's number"), line.typed)
        how = _text(line, _("how it was resolved, after a colon"))
        return self._step("resolve", self.steps.resolve(decision, int(line.args), how=how, by=self.by))

    def _aside(self, line: Line, read_text: ReadText) -> Reply:
        decision = self._need_current()
        by = "all" if line.args.strip().lower() in ALL else self._one_name(line.args)
        return self._step("aside", self.steps.stand_aside(decision, reason=line.text, by=by))

    def _concern(self, line: Line, read_text: ReadText) -> Reply:
        decision = self._need_current()
        reason = _text(line)
        return self._step("concern", self.steps.concern(decision, reason=reason, by=self._one_name(line.args)))

    def _amend(self, line: Line, read_text: ReadText) -> Reply:
        decision = self._need_current()
        resolves = _numbers_after(line, RESOLVES)
        why = _text(line, _("why it is better, after a colon"))
        view = self._view(decision)
        if view.status not in ("active", "proposed"):
            raise Refused(_("{id} is {status}: only an active decision or an open proposal can be amended").format(
                id=view.id, status=status_word(view.status)))
        text = read_text("text", process.base_version(view).text)
        if not text:
            raise Refused(_("the text is empty — nothing was recorded"))
        return self._step("amend", self.steps.amend(decision, text=text, title=None, why=why, resolves=resolves,
                                                    by=self.by))

    def _adopt(self, line: Line, read_text: ReadText) -> Reply:
        decision = self._need_current()
        steps = self.steps
        review = None
        args = line.args.split()
        if args:
            if args[0].lower() not in REVIEW or len(args) != 2:
                raise Usage("adopt", _("nothing, or review and a period or date"), line.typed)
            when = args[1]
            try:
                review = steps.review_date(dates.parse_date(when, "review date"))
            except ConsensusError:
                if any(mark in when for mark in "-."):  # meant as a date ("2027-13-01"): say what is wrong with it
                    raise
                review = steps.review_date(review_in=when)
        return self._step("adopt", steps.adopt(decision, review_by=review or steps.review_date(), by=self.by))

    def _reject(self, line: Line, read_text: ReadText) -> Reply:
        return self._step("reject", self.steps.close(self._need_current(), "rejected", why=line.text, by=self.by))

    def _withdraw(self, line: Line, read_text: ReadText) -> Reply:
        decision = self._need_current()
        view = self._view(decision)
        proposer = view.open.proposed_by if view.open else None  # the note-taker records what they did
        return self._step("withdraw", self.steps.close(decision, "withdrawn", why=line.text, by=proposer))

    def _undo(self, line: Line, read_text: ReadText) -> Reply:
        # One line, one step: "consent all" is taken back whole, where its events are still the
        # newest that count of the decision last written (none came after them from elsewhere).
        latest = self.lines[-1] if self.lines else None
        done = self.steps.undo(None, why=line.text, by=self.by, line=latest)
        if latest is not None and (done.decision.id, tuple(e.hash for e in done.taken_back)) == latest:
            self.lines.pop()
        # The decision last written, which stays what it was: current is the one last proposed or opened.
        return Reply("undo", done=done, view=done.view)

    def _list(self, line: Line, read_text: ReadText) -> Reply:
        listing = self._open_proposals()
        self.listed = [row.id for row in listing]
        return Reply("list", listing=listing)

    def _open_proposals(self) -> list[Row]:
        rows = [r for r in self.register.rows()[0] if r.open_version is not None]
        return sorted(rows, key=lambda r: (r.created, r.id))

    def _status(self, line: Line, read_text: ReadText) -> Reply:
        return Reply("status", meeting=self.meeting)

    def _help(self, line: Line, read_text: ReadText) -> Reply:
        return Reply("help")

    def _end(self, line: Line, read_text: ReadText) -> Reply:
        ended = meetings.end(self.register, self.now())
        self.meeting, self.current = None, None
        return Reply("end", meeting=ended)

    def _quit(self, line: Line, read_text: ReadText) -> Reply:
        return Reply("quit", meeting=self.meeting)

    def _note(self, line: Line, read_text: ReadText) -> Reply:
        if not line.text:
            raise Refused(_("the note is empty — type it after the #"))
        by = self.register.actor_or(self.by, None)
        meetings.note(self.register, self.now(), line.text, decision=self.current, by=by)
        return Reply(NOTE, text=line.text)


def _numbers_after(line: Line, keywords: tuple[str, ...]) -> list[int]:
    """The numbers in the arguments after one of ``keywords`` ("resolves 1 2"); none without one."""
    parts = line.args.split()
    if not parts:
        return []
    if parts[0].lower() not in keywords or not all(p.isdigit() for p in parts[1:]) or len(parts) < 2:
        raise Usage(line.word, _("the numbers of the objections it resolves, after resolves"), line.typed)
    return [int(p) for p in parts[1:]]
