"""Meetings: starting one on this machine, and ending it into ``meetings/``."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from . import ids
from .dates import minute
from .errors import Refused
from .models import Meeting

if TYPE_CHECKING:
    from .register import Register


def start(register: Register, at: dt.datetime, *, title: str | None, attendees: Sequence[str],
          by: str | None) -> Meeting:
    """A new meeting in progress; every event recorded from now on carries its id."""
    people = list(dict.fromkeys(register.member(a) for a in attendees))
    with register.transaction() as tx:
        current = register.open_meeting()
        if current is not None:
            raise Refused(
                f"a meeting is open already: {current.id} \"{current.title}\", started "
                f"{minute(current.started_at)} — end it with \"consensus meeting end\""
            )
        starter = register.actor_or(by, None)
        name = (title or "").strip() or f"Meeting {at.date().isoformat()}"
        new = Meeting(
            id=ids.new_id(register.meeting_ids()), started_at=at, title=name,
            attendees=tuple(people), started_by=starter,
        )
        tx.save_open_meeting(new)
    return new


def end(register: Register, at: dt.datetime) -> Meeting:
    """The meeting in progress, ended and written to ``meetings/``."""
    with register.transaction() as tx:
        current = register.open_meeting()
        if current is None:
            raise Refused('no meeting is open — start one with "consensus meeting start"')
        ended = dataclasses.replace(current, ended_at=max(at, current.started_at))
        tx.save_meeting(ended)
        tx.save_open_meeting(None)
    return ended
