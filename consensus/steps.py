"""The note-taker's steps as changes of the register: each one under the register's lock, through
the process, and in the meeting in progress. The command line takes every step through here.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from . import dates, process, queries
from .errors import Refused
from .language import _
from .process import Act
from .replay import DecisionView, replay

if TYPE_CHECKING:
    from .models import Decision, Event, Meeting
    from .register import Register, Transaction

ALL = ("all", "alle")
"""As the name of who acts (consent, stand-aside): everyone who may, see ``Steps.everyone``;
German groups write ``alle``, as in ``consensus live``."""


@dataclass
class Done:
    """What a step recorded: the decision as it is now, and what else it changed."""

    decision: Decision
    late: list[str] = field(default_factory=list)  # added to the attendees of the meeting
    others: list[Decision] = field(default_factory=list)  # other decisions it changed (replaced ones)
    number: int | None = None  # the new objection's number
    added: list[str] = field(default_factory=list)  # consent, stand-aside: who did it now
    again: list[str] = field(default_factory=list)  # consent: who had consented already
    replaced: list[DecisionView] = field(default_factory=list)  # propose: what it would replace
    taken_back: list[Event] = field(default_factory=list)  # undo: the events taken back, oldest first
    appended: int = 0  # how many events it added to the decision

    @cached_property
    def view(self) -> DecisionView:
        """The decision as its history now tells it."""
        return replay(self.decision)


Change = Callable[["Transaction", "Decision | None", "Meeting | None"], Done]


class Steps:
    """Every step of the process, taken on one register at one moment."""

    def __init__(self, register: Register, at: dt.datetime) -> None:
        self.register = register
        self.at = at

    @property
    def today(self) -> dt.date:
        """The day of this moment, where the user is."""
        return self.at.date()

    def review_date(self, review_by: dt.date | None = None, review_in: str | None = None) -> dt.date:
        """When an adopted decision is due for review: the day given, else after the period given,
        else after the register's review period."""
        if review_by is not None:
            return review_by
        return dates.add_period(self.today, self.register.settings.review_period if review_in is None else review_in)

    def _people(self, names: Sequence[str], meeting: Meeting | None, guests_may: bool = False) -> list[str]:
        """Who acts; guests of the meeting only where ``guests_may``."""
        guests = meeting.guests if meeting else ()
        people = self.register.actors(list(names), guests)
        if not guests_may:
            for person in people:
                if person in guests and person not in self.register.settings.members:
                    raise Refused(
                        _("{name} is a guest of this meeting: guests may raise concerns; consent, objections and "
                          "stand-asides are for members").format(name=person)
                    )
        return people

    def _act(self, by: str | None, meeting: Meeting | None, guests_may: bool = False) -> Act:
        (actor,) = self._people([by] if by else [], meeting, guests_may)
        return Act(by=actor, at=self.at, meeting=meeting.id if meeting else None)

    def everyone(self, view: DecisionView, meeting: Meeting | None) -> list[str]:
        """Who ``all`` means for the open proposal: every member attending the meeting (every member
        outside one), but those with an open objection or a stand-aside on it."""
        members = self.register.settings.members
        people = [a for a in meeting.attendees if not members or a in members] if meeting else list(members)
        if not people:
            raise Refused(
                _('"all" means every member present, but there are none — start a meeting with attendees, or '
                  'add members')
            )
        version = view.open
        if version is None:
            return people
        held_back = {o.by for o in version.unresolved} | {r.by for r in version.stand_asides}
        return [p for p in people if p not in held_back]

    def _names(self, by: Sequence[str], view: DecisionView, meeting: Meeting | None) -> list[str]:
        if len(by) == 1 and by[0].strip().lower() in ALL:
            return self.everyone(view, meeting)
        all_alone(by)
        return self._people(by, meeting)

    def _take(self, decision_id: str | None, change: Change) -> Done:
        """Run ``change`` under the lock on the decision as it is on disk now, save what it made,
        and note whoever acted in the meeting as attending it."""
        full_id = self.register.resolve(decision_id) if decision_id is not None else None
        with self.register.transaction() as tx:
            # The moment is read again under the lock: a writer that waited for another must not
            # record its step before the one written meanwhile (the process refuses that).
            self.at = max(self.at, dates.now())
            meeting = self.register.open_meeting()
            before = tx.load(full_id) if full_id is not None else None
            done = change(tx, before, meeting)
            if done.decision is not before:  # a consent given before changes nothing
                done.appended = len(done.decision.history) - (len(before.history) if before is not None else 0)
                tx.save(done.decision, *done.others, new=before is None)
                tx.remember(done.decision.id)
                done.late = _note_attendance(tx, meeting, done.added or [done.decision.history[-1].by])
        return done

    def _one(self, decision_id: str, by: str | None, apply: Callable[[Decision, Act], Decision],
             guests_may: bool = False) -> Done:
        """A step one person takes on one decision."""

        def change(tx: Transaction, decision: Decision | None, meeting: Meeting | None) -> Done:
            assert decision is not None
            return Done(apply(decision, self._act(by, meeting, guests_may)))

        return self._take(decision_id, change)

    # -- the steps ----------------------------------------------------------------------------

    def propose(self, *, title: str, text: str, tags: Sequence[str] = (), replaces: Sequence[str] = (),
                why: str | None = None, by: str | None = None) -> Done:
        """A new decision, open for consent."""

        def change(tx: Transaction, _: Decision | None, meeting: Meeting | None) -> Done:
            act = self._act(by, meeting)
            old = [replay(tx.load(self.register.resolve(prefix))) for prefix in dict.fromkeys(replaces)]
            decision = process.propose(tx.new_id(), act, title=title, text=text, tags=tags, replaces=old, why=why)
            return Done(decision, replaced=old)

        return self._take(None, change)

    def amend(self, decision_id: str, *, text: str | None, title: str | None, why: str | None,
              resolves: Sequence[int] = (), by: str | None = None) -> Done:
        """A better version, open for consent: of an active decision, or of the open proposal."""
        return self._one(decision_id, by, lambda d, act: process.amend(
            d, act, text=text, title=title, why=why, resolves=resolves))

    def consent(self, decision_id: str, by: Sequence[str]) -> Done:
        """Consent of each of ``by`` (or of whoever acts; ``all``: everyone who may) to the open proposal."""

        def change(tx: Transaction, decision: Decision | None, meeting: Meeting | None) -> Done:
            assert decision is not None
            done = Done(decision)
            for person in self._names(by, replay(decision), meeting):
                act = Act(person, self.at, meeting.id if meeting else None)
                done.decision, changed = process.consent(done.decision, act)
                (done.added if changed else done.again).append(person)
            return done

        return self._take(decision_id, change)

    def object(self, decision_id: str, *, reason: str | None, by: str | None = None) -> Done:
        """An objection to the open proposal; ``Done.number`` is its number."""

        def change(tx: Transaction, decision: Decision | None, meeting: Meeting | None) -> Done:
            assert decision is not None
            objected, number = process.object_(decision, self._act(by, meeting), reason=reason or "")
            return Done(objected, number=number)

        return self._take(decision_id, change)

    def resolve(self, decision_id: str, number: int, *, how: str | None, by: str | None = None) -> Done:
        """Objection ``number`` of the open proposal is resolved."""
        return self._one(decision_id, by, lambda d, act: process.resolve(d, act, number, how=how))

    def stand_aside(self, decision_id: str, *, reason: str | None, by: str | None = None) -> Done:
        """A stand-aside from the open proposal (``by`` may be ``all``)."""

        def change(tx: Transaction, decision: Decision | None, meeting: Meeting | None) -> Done:
            assert decision is not None
            done = Done(decision)
            for person in self._names([by] if by else [], replay(decision), meeting):
                act = Act(person, self.at, meeting.id if meeting else None)
                done.decision = process.stand_aside(done.decision, act, reason=reason)
                done.added.append(person)
            return done

        return self._take(decision_id, change)

    def concern(self, decision_id: str, *, reason: str | None, by: str | None = None) -> Done:
        """A concern about the open proposal or the version in force (guests may raise one)."""
        return self._one(decision_id, by, lambda d, act: process.concern(d, act, reason=reason or ""),
                         guests_may=True)

    def adopt(self, decision_id: str, *, review_by: dt.date, force: bool = False, why: str | None = None,
              by: str | None = None) -> Done:
        """The open proposal comes into force; what it replaces is superseded."""

        def change(tx: Transaction, decision: Decision | None, meeting: Meeting | None) -> Done:
            assert decision is not None
            act = self._act(by, meeting)
            view = replay(decision)
            replaced = [tx.load(self.register.resolve(r)) for r in view.replaces] if view.open_version == 1 else []
            adopted, superseded = process.adopt(
                decision, act, rule=self.register.settings.rule,
                required=queries.required(meeting, self.register.settings.members),
                review_by=review_by, replaced=replaced, force=force, why=why,
            )
            return Done(adopted, others=superseded)

        return self._take(decision_id, change)

    def close(self, decision_id: str, kind: str, *, why: str | None, by: str | None = None) -> Done:
        """The open proposal rejected or withdrawn."""
        return self._one(decision_id, by, lambda d, act: process.close(d, act, kind, why=why))

    def retire(self, decision_id: str, *, why: str | None, by: str | None = None) -> Done:
        """An active decision ends without a replacement."""
        return self._one(decision_id, by, lambda d, act: process.retire(d, act, why=why or ""))

    def review(self, decision_id: str, *, next_review: dt.date, note: str | None, by: str | None = None) -> Done:
        """An active decision was reviewed and still stands."""
        return self._one(
            decision_id, by, lambda d, act: process.review(d, act, next_review=next_review, note=note)
        )

    def undo(self, decision_id: str | None, *, why: str | None, by: str | None = None,
             line: tuple[str, tuple[str, ...]] | None = None) -> Done:
        """Take back the newest step of a decision (default: the one this machine wrote to last);
        or, where ``line`` (a decision's id, and the hashes of the events a line of live notes
        recorded) names the newest events that count, all of them, as the line did them at once.
        Taking back an adoption that replaced decisions takes back their replacement too."""

        def change(tx: Transaction, decision: Decision | None, meeting: Meeting | None) -> Done:
            assert decision is not None
            act = self._act(by, meeting, guests_may=True)
            count = 1
            # Looked at under the lock: a step from another terminal meanwhile is not the line's.
            if line is not None and line[0] == decision.id and line[1] \
                    and tuple(e.hash for e in replay(decision).live[-len(line[1]):]) == line[1]:
                count = len(line[1])
            done = Done(decision)
            for _one in range(count):
                done.decision, target = process.retract(done.decision, act, why=why)
                done.taken_back.insert(0, target)
                if target.kind == "adopted" and target.version == 1:
                    for old_id in replay(decision).replaces:
                        old = tx.load(self.register.resolve(old_id))
                        done.others.append(process.retract(old, act, why=why, supersession_by=decision.id)[0])
            return done

        return self._take(decision_id if decision_id is not None else "last", change)


def all_alone(names: Sequence[str]) -> None:
    """Refused: "all" among other names, which it takes in already."""
    if len(names) > 1 and any(n.strip().lower() in ALL for n in names):
        raise Refused(_("'all' names everyone present who may consent — give it alone, or give names without it"))


def _note_attendance(tx: Transaction, meeting: Meeting | None, names: Sequence[str]) -> list[str]:
    """People who act in a meeting were there: latecomers join its attendees (returned); guests
    are listed as guests already."""
    if meeting is None:
        return []
    late = [n for n in dict.fromkeys(names) if n not in meeting.attendees and n not in meeting.guests]
    if late:
        tx.save_open_meeting(dataclasses.replace(meeting, attendees=meeting.attendees + tuple(late)))
    return late
