"""Replaying a decision's history: status, versions and consent rounds follow from the events.

The history is the truth; everything a person sees about a decision is computed here. The
replay is lenient about order (merged histories interleave by time) but strict about structure:
an event that points at a version or objection that does not exist cannot be replayed.

A round can improve: a version amended while it is open is ``revised`` into the next one. The
new version starts its own consents and stand-asides (its text is not what they agreed to), and
takes over the objections and concerns of the one it revises, which stay open until resolved.
An event taken back (``retracted``) counts as if it had not happened; taking back the first
proposal withdraws the decision.

Two clones can act at once, and the merge driver unites what they did. An adoption says which
objections of its round it knew of (``seen``); one it did not know of stays open though the
decision is in force (*overlooked*), and an objection raised against a version that another clone
adopted meanwhile joins the round that is open now, else the version in force. Either must be
resolved like any other: an amendment of the decision carries it into its round. A decision
replaced by two others at once is superseded by both (``successors``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field

from .chain import identity
from .language import _
from .models import Decision, Event, Header, Status, Version, VersionState

_NEEDS_VERSION = frozenset(
    {"proposed", "amended", "consented", "objected", "resolved", "stood_aside",
     "concern_raised", "adopted", "rejected", "withdrawn"}
)
# Objections and concerns stay with the round: one recorded against a version that was revised
# meanwhile (on another clone) joins the version that revised it. Consents and stand-asides do
# not: they were given to a text that is no longer proposed.
_FOLLOWS_REVISION = frozenset({"objected", "resolved", "concern_raised"})
_REQUIRED: dict[str, tuple[str, ...]] = {
    "objected": ("number", "reason"),
    "resolved": ("objection",),
    "stood_aside": (),
    "concern_raised": ("reason",),
    "superseded": ("superseded_by",),
    "retracted": ("retracts",),
}


class ReplayError(Exception):
    """The history cannot be replayed: event ``index`` is structurally wrong."""

    def __init__(self, index: int | None, message: str) -> None:
        self.index = index
        super().__init__(message)


@dataclass
class Remark:
    """A stand-aside or a concern: who, why, when."""

    by: str
    reason: str | None
    at: dt.datetime
    meeting: str | None = None


@dataclass
class Objection:
    """An objection to a version, and how it was resolved."""

    number: int
    by: str
    reason: str
    at: dt.datetime
    meeting: str | None = None
    resolved: bool = False
    resolution: str | None = None
    resolved_by: str | None = None
    resolved_at: dt.datetime | None = None
    raised: Event | None = field(default=None, repr=False)  # the event that raised it
    overlooked_by: int | None = None  # the version whose adoption did not see it (merged in later)


@dataclass
class VersionView:
    """A version with its consent round, as the history tells it."""

    number: int
    title: str
    text: str
    why: str | None
    state: VersionState
    proposed_by: str
    proposed_at: dt.datetime
    meeting: str | None = None
    consents: list[str] = field(default_factory=list)
    stand_asides: list[Remark] = field(default_factory=list)
    objections: list[Objection] = field(default_factory=list)
    concerns: list[Remark] = field(default_factory=list)
    adopted_at: dt.datetime | None = None
    adopted_by: str | None = None
    forced: bool = False
    adopted_why: str | None = None
    closed_at: dt.datetime | None = None
    closed_why: str | None = None
    revised_by: int | None = None  # the version it was improved into during its round
    last_objection: int = 0  # the highest objection number used in its round, taken back or not

    @property
    def unresolved(self) -> list[Objection]:
        """Objections still standing in the way."""
        return [o for o in self.objections if not o.resolved]


@dataclass
class DecisionView:
    """A decision as its history tells it."""

    id: str
    status: Status
    tags: tuple[str, ...]
    replaces: tuple[str, ...]
    versions: list[VersionView]
    history: tuple[Event, ...]
    current_version: int | None = None
    open_version: int | None = None
    superseded_by: str | None = None
    review_by: dt.date | None = None
    source: str | None = None
    successors: tuple[str, ...] = ()  # every decision that superseded it, oldest first (two after a merge)
    ended_at: dt.datetime | None = None
    ended_why: str | None = None
    # What an imported record declared beyond replacement, and its status in its own words.
    amends: tuple[str, ...] = ()
    partly_replaces: tuple[str, ...] = ()
    status_as_written: str | None = None
    taken_back: dict[int, int] = field(default_factory=dict)  # undone: {event's position: its retraction's}

    def version(self, number: int | None) -> VersionView | None:
        """The version with this number, if any."""
        for version in self.versions:
            if version.number == number:
                return version
        return None

    @property
    def current(self) -> VersionView | None:
        """The adopted version in force (for superseded and retired ones: the last in force)."""
        return self.version(self.current_version)

    @property
    def open(self) -> VersionView | None:
        """The open proposal, if there is one."""
        return self.version(self.open_version)

    @property
    def latest(self) -> VersionView:
        """The version people see: the one in force, else the newest."""
        return self.current or self.versions[-1]

    @property
    def title(self) -> str:
        """The title of the version people see."""
        return self.latest.title

    @property
    def created_at(self) -> dt.datetime:
        """When it was first proposed."""
        return self.history[0].at

    @property
    def updated_at(self) -> dt.datetime:
        """When anything last happened to it."""
        return self.history[-1].at

    @property
    def proposed_by(self) -> str:
        """Who proposed it first."""
        return self.history[0].by

    @property
    def overlooked(self) -> list[Objection]:
        """Objections that the adoption in force did not see (they came with a merge) and nobody has
        resolved yet: open, though the decision is in force."""
        if self.status != "active":
            return []
        found: list[Objection] = []
        for version in (self.open, self.current):
            for objection in version.objections if version is not None else ():
                if objection.overlooked_by is not None and not objection.resolved and \
                        all(objection is not other for other in found):
                    found.append(objection)
        return sorted(found, key=lambda o: o.number)

    @property
    def live(self) -> list[Event]:
        """The events that count: neither taken back nor the taking back itself."""
        return [e for i, e in enumerate(self.history) if i not in self.taken_back and e.kind != "retracted"]

    @property
    def undoes(self) -> dict[int, int]:
        """``taken_back`` the other way round: {position of a retraction: the event it took back}."""
        return {retraction: target for target, retraction in self.taken_back.items()}


def taken_back(decision: Decision) -> dict[int, int]:
    """Which events were taken back: {position of the event: position of its retraction}."""
    texts = {v.number: v for v in decision.versions}
    history = decision.history
    known: dict[int, str] = {}  # identities, made only as far back as a search goes

    def identity_at(index: int) -> str:
        if index not in known:
            event = history[index]
            known[index] = identity(event, texts.get(event.version or 0))
        return known[index]

    found: dict[int, int] = {}
    for index, event in enumerate(history):
        if event.kind != "retracted":
            continue
        seen = False  # the newest such event not taken back yet; nearly always the one just before
        for i in range(index - 1, -1, -1):
            if history[i].kind != "retracted" and identity_at(i) == event.retracts:
                seen = True
                if i not in found:
                    found[i] = index
                    break
        else:
            if not seen:
                raise ReplayError(index, _("it takes back an event that is not before it"))
            # else taken back already (two clones undid the same step): once is enough
    return found


def replay(decision: Decision) -> DecisionView:
    """The state a decision's history leads to; ``ReplayError`` if it cannot be replayed."""
    texts: dict[int, Version] = {}
    for version in decision.versions:
        if version.number in texts:
            raise ReplayError(None, _("version {number} is written twice").format(number=version.number))
        texts[version.number] = version
    if not decision.history:
        raise ReplayError(None, _("the history is empty: a decision starts with a proposal"))
    first = decision.history[0]
    if first.kind != "proposed":
        raise ReplayError(0, _("the history starts with '{kind}', not with a proposal").format(kind=first.kind))
    undone = taken_back(decision) if any(e.kind == "retracted" for e in decision.history) else {}

    views: dict[int, VersionView] = {}
    tags: tuple[str, ...] = ()
    replaces: tuple[str, ...] = ()
    source = None
    current: int | None = None
    review_by = None
    endings: list[Event] = []  # superseded or retired since the last adoption
    last_closed: str | None = None
    introduced: set[int] = set()
    raised: dict[int, set[int]] = {}  # by version: the numbers of the objections it holds

    for index, event in enumerate(decision.history):
        kind = event.kind
        for name in _REQUIRED.get(kind, ()):
            if getattr(event, name) is None:
                raise ReplayError(index, _("a '{kind}' event needs '{key}'").format(kind=kind, key=name))
        if kind in ("proposed", "amended") and event.version is not None:
            introduced.add(event.version)
        if index in undone and index != 0:
            continue  # as if it had not happened (a first proposal taken back withdraws, below)
        if kind == "retracted":
            if undone.get(0) == index:
                for other in views.values():
                    if other.state == "open":
                        other.state = "withdrawn"
                        other.closed_at, other.closed_why = event.at, "taken back"
                last_closed = "withdrawn"
            continue
        view = None
        if kind in _NEEDS_VERSION:
            if event.version is None:
                raise ReplayError(index, _("a '{kind}' event needs '{key}'").format(kind=kind, key="version"))
            if kind in ("proposed", "amended"):
                if kind == "proposed" and index != 0:
                    raise ReplayError(index, _("only the first event may be 'proposed'"))
                if event.version in views:
                    raise ReplayError(index, _("version {number} is introduced twice").format(number=event.version))
                text = texts.get(event.version)
                if text is None:
                    raise ReplayError(index, _("version {number} has no text in [[versions]]").format(number=event.version))
                new = VersionView(
                    number=text.number, title=text.title, text=text.text, why=text.why,
                    state="open", proposed_by=event.by, proposed_at=event.at, meeting=event.meeting,
                )
                revised = next((v for v in views.values() if v.state == "open"), None)
                if revised is not None:  # improved during its round: the objections stay open
                    revised.state, revised.revised_by = "revised", new.number
                    new.objections = list(revised.objections)
                    new.concerns = list(revised.concerns)
                    new.last_objection = revised.last_objection
                elif current is not None and not endings:  # a new round takes up what was overlooked
                    new.objections = [o for o in views[current].objections
                                      if o.overlooked_by is not None and not o.resolved]
                    new.last_objection = max((o.number for o in new.objections), default=0)
                views[event.version] = new
                for number in event.resolves or ():
                    objection = next((o for o in new.objections if o.number == number), None)
                    if objection is None:
                        raise ReplayError(index, _("version {number} resolves objection {objection}, which it does not have").format(
                            number=new.number, objection=number))
                    _resolve(objection, new.why, event)
                if kind == "proposed":
                    tags, replaces, source = event.tags or (), event.replaces or (), event.source
                continue
            view = views.get(event.version)
            if view is None:
                raise ReplayError(index, _("version {number} was not proposed before this event").format(number=event.version))
            if kind in _FOLLOWS_REVISION:  # raised against a text improved meanwhile (a merge)
                while view.revised_by is not None:
                    view = views[view.revised_by]

        if kind == "consented" and view:
            _drop(view, event.by)
            view.consents.append(event.by)
        elif kind == "stood_aside" and view:
            _drop(view, event.by)
            view.stand_asides.append(Remark(event.by, event.reason, event.at, event.meeting))
        elif kind == "objected" and view:
            assert event.number is not None and event.reason is not None
            holder, unseen_by = _placed(views, view, current if not endings else None)
            # A set a version: the list asked once an objection made a hostile file of 16,000
            # objections take 9 s to replay (2 MB, pulled).
            numbers = raised.get(holder.number)
            if numbers is None:
                numbers = raised[holder.number] = {o.number for o in holder.objections}
            if event.number in numbers:
                raise ReplayError(index, _("objection {objection} to version {number} is raised twice").format(
                    objection=event.number, number=holder.number))
            if event.by in holder.consents:
                holder.consents.remove(event.by)
            holder.objections.append(
                Objection(event.number, event.by, event.reason, event.at, event.meeting, raised=event,
                          overlooked_by=unseen_by)
            )
            numbers.add(event.number)
            holder.last_objection = max(holder.last_objection, event.number)
        elif kind == "resolved" and view:
            holder = _placed(views, view, current if not endings else None)[0]
            objection = _numbered(view, event.objection) or _numbered(holder, event.objection)
            if objection is None:
                raise ReplayError(index, _("version {number} has no objection {objection} to resolve").format(
                    number=view.number, objection=event.objection))
            _resolve(objection, event.how, event)
        elif kind == "concern_raised" and view:
            view.concerns.append(Remark(event.by, event.reason, event.at, event.meeting))
        elif kind == "adopted" and view:
            previous = views.get(current) if current is not None else None
            if previous is not None and previous is not view:
                previous.state = "replaced"
            view.state = "adopted"
            view.adopted_at, view.adopted_by = event.at, event.by
            view.forced = bool(event.force)
            view.adopted_why = event.why
            if event.seen is not None:
                _mark_unseen(view, frozenset(event.seen))
            current = view.number
            review_by = event.review_by
            endings = []
        elif kind in ("rejected", "withdrawn") and view:
            view.state = "rejected" if kind == "rejected" else "withdrawn"
            view.closed_at, view.closed_why = event.at, event.why
            last_closed = kind
        elif kind in ("superseded", "retired"):
            endings.append(event)
            for other in views.values():
                if other.state == "open":
                    other.state = "withdrawn"
                    other.closed_at, other.closed_why = event.at, kind
        elif kind == "reviewed":
            review_by = event.review_by or review_by

    # Objection numbers are never used twice in a round, not even after one was taken back.
    for event in decision.history:
        if event.kind == "objected" and event.number is not None and event.version in views:
            named: VersionView | None = views[event.version]
            while named is not None:
                named.last_objection = max(named.last_objection, event.number)
                named = views.get(named.revised_by) if named.revised_by is not None else None

    missing = set(texts) - introduced
    if missing:
        raise ReplayError(None, _("version {number} is not introduced by any event").format(number=min(missing)))

    open_versions = [v.number for v in views.values() if v.state == "open"]
    # Replaced by two decisions at once (a merge), or replaced on one clone and retired on
    # another: superseded by each, and a replacement counts over a retirement.
    successors = tuple(dict.fromkeys(e.superseded_by for e in endings if e.superseded_by))
    ended = endings[-1] if endings else None
    status: Status
    if ended is not None:
        status = "superseded" if successors else "retired"
    elif current is not None:
        status = "active"
    elif open_versions:
        status = "proposed"
    else:
        status = "rejected" if last_closed == "rejected" else "withdrawn"
    return DecisionView(
        id=decision.id,
        status=status,
        tags=tags,
        replaces=replaces,
        versions=[views[n] for n in sorted(views)],
        history=decision.history,
        current_version=current,
        open_version=open_versions[-1] if open_versions else None,
        superseded_by=successors[0] if successors else None,
        review_by=review_by if status == "active" else None,
        source=source,
        successors=successors,
        ended_at=ended.at if ended else None,
        ended_why=ended.why if ended else None,
        amends=first.amends or (),
        partly_replaces=first.partly_replaces or (),
        status_as_written=first.status_as_written,
        taken_back=undone,
    )


def _placed(views: dict[int, VersionView], named: VersionView, in_force: int | None
            ) -> tuple[VersionView, int | None]:
    """Where an objection raised against ``named`` (a version, followed through its revisions)
    belongs, and which adoption did not see it. Against a version that is open, or was closed
    without coming into force: there, seen by nobody's adoption. Against one that came into force
    meanwhile (on another clone: a merge brought it): in the round open now, else with the
    version ``in_force``, as not seen by that version's adoption."""
    if named.state not in ("adopted", "replaced") or in_force is None:
        return named, None
    open_round = next((v for v in views.values() if v.state == "open"), None)
    return open_round or views[in_force], in_force


def placed(view: DecisionView, event: Event) -> tuple[VersionView, VersionView] | None:
    """For an objection or resolution ``event`` that would come next in ``view``'s history: (the
    version it names, followed through revisions; the version whose round would hold it). The
    merge driver numbers objections by it."""
    views = {v.number: v for v in view.versions}
    named = views.get(event.version or 0)
    if named is None:
        return None
    while named.revised_by is not None:
        named = views[named.revised_by]
    return named, _placed(views, named, view.current_version if view.status == "active" else None)[0]


def _numbered(view: VersionView, number: int | None) -> Objection | None:
    return next((o for o in view.objections if o.number == number), None)


def _mark_unseen(view: VersionView, seen: frozenset[str]) -> None:
    """An adoption that knew of ``seen``: each unresolved objection of its round that it did not
    know of was overlooked by it; one it knew of was adopted over (``--force``), not overlooked."""
    for objection in view.objections:
        if objection.resolved or objection.raised is None:
            continue
        known = identity(objection.raised, None) in seen
        objection.overlooked_by = None if known else view.number


def _resolve(objection: Objection, how: str | None, event: Event) -> None:
    objection.resolved = True
    objection.resolution = how
    objection.resolved_by = event.by
    objection.resolved_at = event.at


def _drop(view: VersionView, by: str) -> None:
    if by in view.consents:
        view.consents.remove(by)
    view.stand_asides[:] = [r for r in view.stand_asides if r.by != by]


def header(view: DecisionView) -> Header:
    """The header a decision file shows at its top, computed from the replay."""
    return Header(
        title=view.title,
        status=view.status,
        current_version=view.current_version,
        review_by=view.review_by,
        superseded_by=view.superseded_by,
        also_superseded_by=view.successors[1:],
        replaces=view.replaces,
        amends=view.amends,
        partly_replaces=view.partly_replaces,
        tags=view.tags,
        source=view.source,
        status_as_written=view.status_as_written,
        text=view.latest.text,
    )


def with_states(decision: Decision, view: DecisionView) -> Decision:
    """The decision with each version's state written as the replay says, for readers."""
    states = {v.number: v.state for v in view.versions}
    versions = tuple(dataclasses.replace(v, state=states.get(v.number)) for v in decision.versions)
    return dataclasses.replace(decision, versions=versions)
