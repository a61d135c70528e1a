"""The coordinator's reports as plain data: the summary, the minutes, changes, participation.

Pure functions over replays; every format (Markdown, HTML, text, JSON) renders the same data.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .models import Event, Meeting, Settings
from .queries import events_between, in_force
from .replay import DecisionView, Objection, Remark, VersionView
from .rows import is_due

OUTCOMES = ("adopted", "superseded", "retired", "rejected", "withdrawn")


@dataclass
class Change:
    """Something that changed what is in force: an adoption (with its text change) or an ending."""

    view: DecisionView
    event: Event
    version: VersionView | None
    old_text: str | None = None  # what the adopted text replaced; None for something new
    old_label: str | None = None
    replaced: list[DecisionView] = field(default_factory=list)
    successor: DecisionView | None = None

    @property
    def kind(self) -> str:
        """adopted, superseded, retired, rejected or withdrawn."""
        return self.event.kind


@dataclass
class OpenProposal:
    """An open proposal with its consent round so far."""

    view: DecisionView
    version: VersionView
    current: VersionView | None  # what it would replace inside the same decision
    replaces: list[DecisionView]
    blocked_by: list[Objection]
    missing: list[str]


@dataclass
class Due:
    """An active decision due for review, with the concerns recorded against it."""

    view: DecisionView
    version: VersionView
    concerns: list[Remark]
    overdue: bool


@dataclass
class Summary:
    """What the coordinator sends before a meeting."""

    register: str
    generated_at: dt.datetime
    since: dt.datetime
    since_meeting: Meeting | None
    next_meeting: dt.date
    open_proposals: list[OpenProposal]
    open_objections: list[tuple[DecisionView, VersionView, Objection]]
    changes: list[Change]
    due_for_review: list[Due]


def _by_id(views: Iterable[DecisionView]) -> dict[str, DecisionView]:
    return {v.id: v for v in views}


def change_of(happening_view: DecisionView, event: Event, everyone: dict[str, DecisionView]) -> Change:
    """The change an adoption or ending made, with the text the adoption replaced."""
    version = happening_view.version(event.version) if event.version is not None else happening_view.current
    change = Change(happening_view, event, version)
    if event.kind == "adopted" and version is not None:
        earlier = [
            v for v in happening_view.versions
            if v.adopted_at is not None and v.number != version.number and v.adopted_at <= event.at
        ]
        if earlier:
            previous = max(earlier, key=lambda v: v.adopted_at or event.at)
            change.old_text = previous.text
            change.old_label = f"{happening_view.id} v{previous.number}"
        elif version.number == 1 and happening_view.replaces:
            change.replaced = [everyone[i] for i in happening_view.replaces if i in everyone]
            texts = []
            for old in change.replaced:
                shown = in_force(old, (event.at - dt.timedelta(seconds=1)).date()) or old.current or old.latest
                texts.append(shown.text)
            if texts:
                change.old_text = "\n\n".join(texts)
                change.old_label = ", ".join(v.id for v in change.replaced)
    elif event.kind == "superseded" and event.superseded_by:
        change.successor = everyone.get(event.superseded_by)
    return change


def changes(
    views: Sequence[DecisionView], since: dt.datetime | None, until: dt.datetime | None,
    kinds: Iterable[str] = OUTCOMES,
) -> list[Change]:
    """Adoptions and endings between ``since`` and ``until``, oldest first."""
    wanted = set(kinds)
    everyone = _by_id(views)
    found = [
        change_of(h.view, h.event, everyone)
        for h in events_between(views, since, until)
        if h.event.kind in wanted
    ]
    # An adoption and the supersession it causes happen at once: the cause reads first.
    found.sort(key=lambda c: (c.event.at, c.kind == "superseded"))
    return found


def open_proposals(
    views: Iterable[DecisionView], settings: Settings, required: Sequence[str]
) -> list[OpenProposal]:
    """Every open proposal, oldest first, with what still stands in its way."""
    from .process import blockers

    everyone = _by_id(views)
    found = []
    for view in everyone.values():
        version = view.open
        if version is None:
            continue
        _, missing = blockers(view, settings.rule, required)
        found.append(OpenProposal(
            view, version, view.current,
            [everyone[i] for i in view.replaces if i in everyone] if version.number == 1 else [],
            version.unresolved, missing,
        ))
    found.sort(key=lambda p: (p.version.proposed_at, p.view.id))
    return found


def due_for_review(views: Iterable[DecisionView], day: dt.date, today: dt.date) -> list[Due]:
    """Active decisions whose review date falls on or before ``day``, soonest first."""
    found = []
    for view in views:
        if not is_due(view.status, view.review_by, day):
            continue
        current = view.current
        assert current is not None and view.review_by is not None
        concerns = list(current.concerns)
        found.append(Due(view, current, concerns, view.review_by < today))
    found.sort(key=lambda d: (d.view.review_by or day, d.view.id))
    return found


def summary(
    views: Sequence[DecisionView], settings: Settings, *, now: dt.datetime, since: dt.datetime,
    since_meeting: Meeting | None, next_meeting: dt.date,
) -> Summary:
    """The pre-meeting summary: open proposals, objections, changes, decisions due."""
    proposals = open_proposals(views, settings, list(settings.members))
    objections = [(p.view, p.version, o) for p in proposals for o in p.version.unresolved]
    return Summary(
        register=settings.name,
        generated_at=now,
        since=since,
        since_meeting=since_meeting,
        next_meeting=next_meeting,
        open_proposals=proposals,
        open_objections=objections,
        changes=changes(views, since, None),
        due_for_review=due_for_review(views, next_meeting, now.date()),
    )


@dataclass
class MinuteItem:
    """One decision as it came up in a meeting: what happened to it there."""

    view: DecisionView
    events: list[Event]
    outcome: str  # adopted, rejected, withdrawn, retired, superseded, reviewed, open, discussed
    version: VersionView | None
    change: Change | None = None


@dataclass
class Minutes:
    """A meeting's minutes, made from the events recorded during it."""

    register: str
    meeting: Meeting
    items: list[MinuteItem]


_OUTCOME_ORDER = ("adopted", "superseded", "retired", "rejected", "withdrawn", "reviewed", "open", "discussed")


def minutes(meeting: Meeting, views: Sequence[DecisionView], settings: Settings) -> Minutes:
    """What the meeting did, decision by decision, in the order they came up."""
    everyone = _by_id(views)
    items = []
    for view in views:
        events = [e for e in view.history if e.meeting == meeting.id]
        if not events:
            continue
        kinds = [e.kind for e in events]
        outcome: str | None = next((k for k in _OUTCOME_ORDER[:6] if k in kinds), None)
        if outcome is None:
            touched = {e.version for e in events}
            outcome = "open" if view.open_version in touched else "discussed"
        last_version = next((e.version for e in reversed(events) if e.version is not None), None)
        version = view.version(last_version) if last_version is not None else view.current
        decisive = next((e for e in events if e.kind == outcome), None)
        change = change_of(view, decisive, everyone) if decisive and outcome in OUTCOMES else None
        items.append(MinuteItem(view, events, outcome, version, change))
    items.sort(key=lambda i: (_OUTCOME_ORDER.index(i.outcome), i.events[0].at, i.view.id))
    return Minutes(settings.name, meeting, items)


@dataclass
class Participant:
    """How one person took part in a period."""

    name: str
    member: bool
    proposals: int = 0
    consents: int = 0
    objections: int = 0
    concerns: int = 0
    stand_asides: int = 0
    meetings: int = 0

    @property
    def heard(self) -> bool:
        """Whether they said anything in the period (attending alone is not being heard)."""
        return bool(self.proposals or self.consents or self.objections or self.concerns or self.stand_asides)


_COUNTED = {
    "proposed": "proposals", "amended": "proposals", "consented": "consents",
    "objected": "objections", "concern_raised": "concerns", "stood_aside": "stand_asides",
}


def participation(
    views: Iterable[DecisionView], meetings: Iterable[Meeting], members: Sequence[str],
    since: dt.datetime | None,
) -> list[Participant]:
    """Per person: proposals, consents, objections, concerns, stand-asides, meetings attended."""
    people = {name: Participant(name, True) for name in members}
    for view in views:
        for event in view.history:
            if since is not None and event.at < since:
                continue
            counter = _COUNTED.get(event.kind)
            if counter is None:
                continue
            person = people.setdefault(event.by, Participant(event.by, False))
            setattr(person, counter, getattr(person, counter) + 1)
    for meeting in meetings:
        if since is not None and meeting.started_at < since:
            continue
        for name in meeting.attendees:
            people.setdefault(name, Participant(name, False)).meetings += 1
    return list(people.values())
