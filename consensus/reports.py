"""The coordinator's reports as plain data: the summary, the minutes, changes, participation.

Pure functions over replays; every format (Markdown, HTML, text, JSON) renders the same data.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol, TypeVar

from .models import Event, Meeting, Settings
from .replay import DecisionView, Objection, Remark, VersionView
from .rows import is_due


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
    also_by: list[DecisionView] = field(default_factory=list)  # replaced at once by these too (a merge)

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
    stale: list[str] = field(default_factory=list)  # what it replaces that is no longer in force

    @property
    def ready(self) -> bool:
        """Whether ``adopt`` would pass without ``--force``."""
        return not (self.blocked_by or self.missing or self.stale)


@dataclass
class Due:
    """An active decision due for review, with the concerns recorded against it."""

    view: DecisionView
    version: VersionView
    concerns: list[Remark]
    overdue: bool


@dataclass
class Choice:
    """A decision replaced twice at once (on two clones), and the decisions in force in its place
    (itself among them when its file kept no record of a replacement): the group chooses."""

    view: DecisionView
    in_force: list[DecisionView]


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
    to_choose: list[Choice] = field(default_factory=list)


def _by_id(views: Iterable[DecisionView]) -> dict[str, DecisionView]:
    return {v.id: v for v in views}


def in_force_before(view: DecisionView, moment: dt.datetime) -> VersionView | None:
    """The version of ``view`` that was in force just before ``moment``, if one was."""
    number: int | None = None
    for event in view.live:
        if event.at >= moment:
            break
        if event.kind == "adopted":
            number = event.version
        elif event.kind in ("superseded", "retired"):
            number = None
    return view.version(number)


def texts_in_force(view: DecisionView) -> DecisionView:
    """As much of ``view`` as ``change_of`` reads of a decision another one replaced: its id and
    which text was in force when (a report over a year of 100,000 decisions keeps thousands)."""
    from .replay import VersionView

    live = tuple(e for e in view.live if e.kind in ("adopted", "superseded", "retired"))
    wanted = {e.version for e in live} | {view.current_version, view.versions[-1].number}
    versions = [VersionView(v.number, v.title, v.text, None, v.state, v.proposed_by, v.proposed_at)
                for v in view.versions if v.number in wanted]
    return dataclasses.replace(view, history=live, versions=versions, taken_back={})


def _adopted_before(view: DecisionView, event: Event) -> VersionView | None:
    """The other version adopted last before ``event`` in the history: by its place there, not
    by its time (two steps may carry the same minute, and the later one comes after)."""
    live = list(view.live)
    place = next((i for i, e in enumerate(live) if e == event), None)
    earlier = live[:place] if place is not None else [e for e in live if e.at < event.at]
    numbers = [e.version for e in earlier if e.kind == "adopted" and e.version != event.version]
    return view.version(numbers[-1]) if numbers else None


def first_of_round(view: DecisionView, version: VersionView) -> VersionView:
    """The version that ``version`` improved on during its round (through any revisions)."""
    earlier = {v.revised_by: v for v in view.versions if v.revised_by is not None}
    while version.number in earlier:
        version = earlier[version.number]
    return version


def change_of(view: DecisionView, event: Event, everyone: dict[str, DecisionView],
              since: dt.datetime | None = None) -> Change:
    """The change an adoption or ending made. For an adoption, the text it changed: what was in
    force at ``since`` (the start of a meeting or a period), else the version adopted before it,
    else the decisions it replaced, else the text first proposed in its round."""
    version = view.version(event.version) if event.version is not None else view.current
    change = Change(view, event, version)
    if event.kind == "adopted" and version is not None:
        base = in_force_before(view, since) if since is not None else None
        if base is None or base is version:
            base = _adopted_before(view, event)
        if base is None and version.number == 1 and view.replaces:
            change.replaced = [everyone[i] for i in view.replaces if i in everyone]
            texts = [(in_force_before(old, event.at) or old.current or old.latest).text for old in change.replaced]
            if texts:
                change.old_text = "\n\n".join(texts)
                change.old_label = ", ".join(v.id for v in change.replaced)
            return change
        if base is None:
            first = first_of_round(view, version)
            base = first if first is not version else None
        if base is not None:
            change.old_text = base.text
            change.old_label = f"{view.id} v{base.number}"
    elif event.kind == "superseded" and event.superseded_by:
        change.successor = everyone.get(event.superseded_by)
        change.also_by = [everyone[i] for i in view.successors if i != event.superseded_by and i in everyone]
    return change


def final_outcome(events: Iterable[Event]) -> Event | None:
    """What a stretch of a decision's events came to: its ending, else its last adoption, else its
    last rejection or withdrawal (a decision is told once, in its state at the end)."""
    ending = adoption = closing = None
    for event in events:
        if event.kind in ("superseded", "retired"):
            ending = event
        elif event.kind == "adopted":
            adoption = event
        elif event.kind in ("rejected", "withdrawn"):
            closing = event
    return ending or adoption or closing


def changes(
    views: Sequence[DecisionView], since: dt.datetime | None, until: dt.datetime | None,
) -> list[Change]:
    """What came into force or ended between ``since`` and ``until``: each decision once, in its
    state at the end, oldest first."""
    everyone = _by_id(views)
    found = []
    for view in views:
        outcome = final_outcome(
            e for e in view.live if (since is None or e.at >= since) and (until is None or e.at < until)
        )
        if outcome is not None:
            found.append(change_of(view, outcome, everyone, since))
    # An adoption and the supersession it causes happen at once: the cause reads first.
    found.sort(key=lambda c: (c.event.at, c.kind == "superseded", c.view.id))
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
        replaces = [everyone[i] for i in view.replaces if i in everyone] if version.number == 1 else []
        _, missing = blockers(view, settings.rule, required)
        stale = [old.id for old in replaces if old.status != "active"]
        found.append(OpenProposal(view, version, view.current, replaces, version.unresolved, missing, stale))
    found.sort(key=lambda p: (p.version.proposed_at, p.view.id))
    return found


def due_for_review(views: Iterable[DecisionView], day: dt.date, today: dt.date) -> list[Due]:
    """Active decisions whose review date falls on or before ``day``, soonest first."""
    found = []
    for view in soonest_due(views, day):
        current = view.current
        assert current is not None and view.review_by is not None
        found.append(Due(view, current, list(current.concerns), view.review_by < today))
    return found


class _Reviewed(Protocol):
    @property
    def id(self) -> str: ...

    @property
    def status(self) -> str: ...

    @property
    def review_by(self) -> dt.date | None: ...


R = TypeVar("R", bound=_Reviewed)


def soonest_due(decisions: Iterable[R], day: dt.date) -> list[R]:
    """Those of ``decisions`` due for review on or before ``day``, soonest first."""
    found = [d for d in decisions if is_due(d.status, d.review_by, day)]
    found.sort(key=lambda d: (d.review_by or day, d.id))
    return found


def summary(
    views: Sequence[DecisionView], settings: Settings, *, now: dt.datetime, since: dt.datetime,
    since_meeting: Meeting | None, next_meeting: dt.date,
) -> Summary:
    """The pre-meeting summary: open proposals, objections, changes, decisions due."""
    proposals = open_proposals(views, settings, list(settings.members))
    objections = [(p.view, p.version, o) for p in proposals for o in p.version.unresolved]
    objections += [(view, view.current, o) for view in views if view.open is None and view.current is not None
                   for o in view.overlooked]
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
        to_choose=to_choose(views),
    )


def to_choose(views: Sequence[DecisionView]) -> list[Choice]:
    """Every decision replaced twice at once among ``views``, with what is in force in its place."""
    from .competing import Replacements

    everyone = _by_id(views)
    return [Choice(everyone[c.replaced], [everyone[i] for i in c.in_force])
            for c in Replacements(everyone).competitions()]


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


def counted_in(view: DecisionView, meeting_id: str) -> list[Event]:
    """The events of ``view`` that the meeting ``meeting_id`` recorded and that count: none taken
    back, nor the taking back of a slip made in it; the taking back of a step of another meeting
    (or of none) is a step of this one."""
    undone = view.undoes
    return [e for i, e in enumerate(view.history) if e.meeting == meeting_id and (
        (e.kind != "retracted" and i not in view.taken_back)
        or (i in undone and view.history[undone[i]].meeting != meeting_id))]


def minutes(meeting: Meeting, views: Sequence[DecisionView], settings: Settings) -> Minutes:
    """What the meeting did, decision by decision, each once and in its state at the end of the
    meeting; steps taken back count as never taken."""
    everyone = _by_id(views)
    items = []
    for view in views:
        events = counted_in(view, meeting.id)
        if not events:
            continue
        decisive = final_outcome(events)
        change = None
        outcome: str
        if decisive is not None:
            outcome = decisive.kind
            change = change_of(view, decisive, everyone, meeting.started_at)
            version = change.version
        else:
            touched = {e.version for e in events if e.version is not None}
            outcome = ("reviewed" if any(e.kind == "reviewed" for e in events)
                       else "open" if view.open_version in touched else "discussed")
            last_version = next((e.version for e in reversed(events) if e.version is not None), None)
            version = view.version(last_version) if last_version is not None else view.current
            if outcome == "open":
                version = view.open
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
    tally = Tally(members, since)
    for view in views:
        tally.add(view)
    return tally.people(meetings)


class Tally:
    """``participation`` counted decision by decision, as each is read (the website counts two
    periods in one reading of the register)."""

    def __init__(self, members: Sequence[str], since: dt.datetime | None) -> None:
        self.since = since
        self._people = {name: Participant(name, True) for name in members}

    def add(self, view: DecisionView) -> None:
        """Count what ``view``'s events in the period were."""
        people, since = self._people, self.since
        for event in view.live:
            if since is not None and event.at < since:
                continue
            counter = _COUNTED.get(event.kind)
            if counter is None:
                continue
            person = people.setdefault(event.by, Participant(event.by, False))
            setattr(person, counter, getattr(person, counter) + 1)

    def people(self, meetings: Iterable[Meeting]) -> list[Participant]:
        """Everyone counted, with the ``meetings`` of the period each attended (once: it counts them in)."""
        people, since = self._people, self.since
        for meeting in meetings:
            if since is not None and meeting.started_at < since:
                continue
            for name in meeting.attendees:
                people.setdefault(name, Participant(name, False)).meetings += 1
        return list(people.values())
