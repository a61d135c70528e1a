"""Meetings: starting one on this machine, and ending it into ``meetings/`` (or cancelling it)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from . import ids
from .errors import Refused
from .language import _, day, moment, n_
from .members import clean, fold
from .models import Meeting, Note

if TYPE_CHECKING:
    from .register import Register


def start(register: Register, at: dt.datetime, *, title: str | None, attendees: Sequence[str],
          by: str | None, guests: Sequence[str] = ()) -> Meeting:
    """A new meeting in progress; every event recorded from now on carries its id."""
    people = list(dict.fromkeys(register.member(a) for a in attendees))
    visitors = guest_names(register, guests)
    with register.transaction() as tx:
        current = register.open_meeting()
        if current is not None:
            raise Refused(
                _('a meeting is open already: {id} "{title}", started {when} — end it with "consensus meeting end"').format(
                    id=current.id, title=current.title, when=moment(current.started_at))
            )
        starter = register.actor_or(by, None)
        name = (title or "").strip() or _("Meeting {date}").format(date=day(at.date()))
        new = Meeting(
            id=ids.new_id(register.meeting_ids()), started_at=at, title=name,
            attendees=tuple(people), guests=tuple(visitors), started_by=starter,
        )
        tx.save_open_meeting(new)
    return new


def guest_names(register: Register, guests: Sequence[str]) -> list[str]:
    """The guests' names, each once; refused for a member (who attends as one)."""
    visitors: list[str] = []
    for raw in guests:
        guest = clean(raw, _("the guest's name"))
        member = next((m for m in register.settings.members if fold(m) == fold(guest)), None)
        if member is not None:
            raise Refused(_("{name} is a member — list them with --attendee, not --guest").format(name=member),
                          live=_("{name} is a member — name them among who is here").format(name=member))
        if all(fold(guest) != fold(v) for v in visitors):
            visitors.append(guest)
    return visitors


def _current(register: Register) -> Meeting:
    current = register.open_meeting()
    if current is None:
        raise Refused(_('no meeting is open — start one with "consensus meeting start"'))
    return current


def end(register: Register, at: dt.datetime) -> Meeting:
    """The meeting in progress, ended and written to ``meetings/``."""
    with register.transaction() as tx:
        current = _current(register)
        ended = dataclasses.replace(current, ended_at=max(at, current.started_at))
        tx.save_meeting(ended)
        tx.save_open_meeting(None)
    return ended


def note(register: Register, at: dt.datetime, text: str, *, decision: str | None, by: str | None) -> Meeting:
    """A note for the minutes, kept with the meeting in progress."""
    with register.transaction() as tx:
        current = _current(register)
        changed = dataclasses.replace(current, notes=(*current.notes, Note(at, text.strip(), decision, by)))
        tx.save_open_meeting(changed)
    return changed


def recorded(register: Register, meeting: Meeting) -> tuple[int, int]:
    """How many events carry the meeting's id (taken back or not: each names the meeting), and
    how many of them count (``reports.counted_in``). A meeting where none counts recorded
    nothing: its minutes say so, and it is no "last meeting" for summary and changes."""
    rows, _, problems = register.in_meeting(meeting.id)
    views, _ = register.replays([r.id for r in rows], problems)
    from .reports import counted_in

    named = sum(1 for view in views for event in view.history if event.meeting == meeting.id)
    return named, sum(len(counted_in(view, meeting.id)) for view in views)


def cancel(register: Register) -> Meeting:
    """The meeting in progress, ended without a record: only when nothing was recorded in it."""
    with register.transaction() as tx:
        current = _current(register)
        named, count = recorded(register, current)
        if named and not count:
            raise Refused(_(
                'everything recorded in {id} "{title}" was taken back, but the events still name it, so it cannot be '
                'cancelled — end it with "consensus meeting end": its minutes say nothing was recorded, and summary '
                'and changes pass over it').format(id=current.id, title=current.title))
        if count:
            raise Refused(
                n_('{n} event was recorded in {id} "{title}", so it cannot be cancelled — end it with '
                   '"consensus meeting end" (its minutes keep it), after "consensus undo" for a step recorded by '
                   'mistake',
                   '{n} events were recorded in {id} "{title}", so it cannot be cancelled — end it with '
                   '"consensus meeting end" (its minutes keep them), after "consensus undo" for any step recorded '
                   'by mistake', count).format(n=count, id=current.id, title=current.title)
            )
        tx.save_open_meeting(None)
    return current
