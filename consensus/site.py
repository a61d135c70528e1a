"""The register as a website: which pages there are, and what each one holds, as plain data.

Every page is made from replays (the summary, the minutes and participation are the reports of
``reports.py``); ``gather.website`` reads them, the HTML is written by a renderer the command
line hands in (``render/site``), and ``publish.py`` writes only the pages whose content changed. Each page that stands for a
decision or a meeting carries a key: a digest of everything it shows (its decision, the decisions
and meetings it links to, the words and the renderer), so a rebuild after one change makes only
the pages that change shows.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Protocol

from . import reports
from .competing import Competition, Replacements
from .queries import NextStep, next_step, search_text
from .rows import is_due

if TYPE_CHECKING:
    from .models import Meeting, Settings
    from .replay import DecisionView

PARTICIPATION_PERIOD = dt.timedelta(days=365)
ENDED = ("superseded", "retired", "rejected", "withdrawn")


@dataclass(frozen=True)
class Context:
    """What every page shares: whose register, in which language, as of which day; and where the
    summary's changes start (as ``consensus summary`` has them start today)."""

    register: str
    lang: str
    today: dt.date
    base_url: str | None = None
    since: dt.datetime | None = None
    since_meeting: Meeting | None = None


# -- the pages ----------------------------------------------------------------------------


@dataclass
class DecisionPage:
    """One decision with everything it links to."""

    view: DecisionView
    related: dict[str, DecisionView]  # what it replaces and what replaced it, by id
    meetings: dict[str, Meeting]  # the meetings its events were recorded in, by id
    step: NextStep | None
    in_lineage: bool


@dataclass
class Group:
    """Decisions in force under one tag (``tag`` None: those without one)."""

    tag: str | None
    views: list[DecisionView]


@dataclass
class StartPage:
    """What is open, what is due, what is in force by tag, and the rest."""

    proposals: list[reports.OpenProposal]
    due: list[reports.Due]
    in_force: list[Group]
    archive: list[DecisionView]
    tags: list[str]
    count: int


@dataclass
class MeetingListPage:
    """Every ended meeting, newest first, with how many decisions each dealt with."""

    meetings: list[tuple[Meeting, int]]


@dataclass
class MinutesPage:
    """One meeting's minutes."""

    minutes: reports.Minutes


@dataclass
class SummaryPage:
    """The latest pre-meeting summary."""

    summary: reports.Summary


@dataclass
class ParticipationPage:
    """Who took part how: in the last year, and since the register began."""

    since: dt.date
    recent: list[reports.Participant]
    everyone: list[reports.Participant]


@dataclass
class Lineage:
    """Decisions connected by replacements and amendments: ``edges`` run from the old to the new,
    each of a kind: ``replaced`` (in force no more), ``would`` (by a proposal not adopted),
    ``partly`` (replaced in part) or ``amended``."""

    views: list[DecisionView]
    edges: list[tuple[str, str, str]]


@dataclass
class LineagePage:
    """Every lineage in the register, oldest first."""

    lineages: list[Lineage]


@dataclass
class SearchIndex:
    """What the start page's search looks in: per decision its id and its words, folded."""

    entries: list[tuple[str, str]]


@dataclass
class Asset:
    """A file every page uses: the stylesheet or the search script."""

    name: str


Page = (DecisionPage | StartPage | MeetingListPage | MinutesPage | SummaryPage | ParticipationPage
        | LineagePage | SearchIndex | Asset)


@dataclass
class Planned:
    """A file of the site: where it goes, the key of what it shows (None: made on every build,
    then compared), and how to make its data."""

    path: str
    key: str | None
    make: Callable[[], Page]


class Renderer(Protocol):
    """What writes the pages (``render/site``): bytes for a page at a path."""

    @property
    def fingerprint(self) -> str:
        """A digest of the renderer itself: when it changes, every page is made again."""

    @property
    def assets(self) -> Sequence[str]:
        """The names of the files every page uses."""

    def render(self, page: Page, path: str, context: Context) -> bytes:
        """The file's bytes."""


# -- what there is ------------------------------------------------------------------------


def decision_path(decision_id: str) -> str:
    """Where a decision's page lives."""
    return f"decisions/{decision_id}.html"


def meeting_path(meeting_id: str) -> str:
    """Where a meeting's minutes live. A meeting named "index" (a pulled file may be) is not
    written over the list of meetings: no id holds a dot, so no other takes its name."""
    return f"meetings/{meeting_id}.html" if meeting_id != "index" else "meetings/index.minutes.html"


START, SUMMARY, PARTICIPATION, LINEAGE, MEETINGS, SEARCH = (
    "index.html", "summary.html", "participation.html", "lineage.html", "meetings/index.html",
    "search-index.js",
)


def lineages(views: Sequence[DecisionView]) -> list[Lineage]:
    """The groups of decisions that replaced or amended one another, each oldest first, the
    groups in the order of their oldest decision."""
    by_id = {v.id: v for v in views}
    parent = {v.id: v.id for v in views}

    def root(i: str) -> str:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    edges: dict[tuple[str, str], str] = {}
    for view in views:
        links = [(old, view.id, "replaced" if by_id.get(old) and view.id in by_id[old].successors else "would")
                 for old in view.replaces]
        links += [(view.id, new, "replaced") for new in view.successors]
        links += [(old, view.id, "partly") for old in view.partly_replaces]
        links += [(old, view.id, "amended") for old in view.amends]
        for old, new, kind in links:
            if old in by_id and new in by_id and old != new:
                edges.setdefault((old, new), kind)
                parent[root(old)] = root(new)
    groups: dict[str, list[DecisionView]] = {}
    for old, new in edges:
        for i in (old, new):
            members = groups.setdefault(root(i), [])
            if by_id[i] not in members:
                members.append(by_id[i])
    found = []
    for members in groups.values():
        members.sort(key=lambda v: (v.created_at, v.id))
        inside = {v.id for v in members}
        found.append(Lineage(members, sorted((a, b, kind) for (a, b), kind in edges.items() if a in inside)))
    found.sort(key=lambda g: (g.views[0].created_at, g.views[0].id))
    return found


def start_page(views: Sequence[DecisionView], settings: Settings, today: dt.date) -> StartPage:
    """The start page: open proposals and what is due first, then what is in force by tag."""
    from .members import fold

    proposals = reports.open_proposals(views, settings, list(settings.members))
    due = reports.due_for_review(views, today, today)
    groups: dict[str | None, list[DecisionView]] = {}
    spelled: dict[str, str] = {}
    for view in views:
        if view.status != "active":
            continue
        for tag in view.tags or (None,):
            key = fold(tag) if tag is not None else None
            if key is not None:
                spelled.setdefault(key, tag)  # type: ignore[arg-type]
            groups.setdefault(key, []).append(view)
    for members in groups.values():
        members.sort(key=lambda v: (fold(v.title), v.id))
    in_force = [Group(spelled[key], groups[key]) for key in sorted(k for k in groups if k is not None)]
    if None in groups:
        in_force.append(Group(None, groups[None]))
    archive = [v for v in views if v.status in ENDED]
    archive.sort(key=lambda v: (v.updated_at, v.id), reverse=True)
    tags = sorted({t for v in views for t in v.tags}, key=lambda t: (fold(t), t))
    return StartPage(proposals, due, in_force, archive, list(dict.fromkeys(tags)), len(views))


def search_index(views: Sequence[DecisionView]) -> SearchIndex:
    """Every decision's words as ``list --search`` looks at them (``queries.search_text``), each
    word once: a query word is found in them exactly when ``list --search`` finds it."""
    return SearchIndex([(view.id, search_text(view)) for view in sorted(views, key=lambda v: v.id)])


class _Keys:
    """The digests pages are keyed by: of the site as a whole, of a decision, of a meeting."""

    def __init__(self, base: str) -> None:
        self.base = base
        self._decisions: dict[str, str] = {}

    def decision(self, view: DecisionView) -> str:
        known = self._decisions.get(view.id)
        if known is None:
            # Everything about a decision follows from its history and its texts.
            content = (view.history, [(v.number, v.title, v.text, v.why) for v in view.versions])
            known = self._decisions[view.id] = _digest(repr(content))
        return known

    def page(self, *parts: object) -> str:
        return _digest(repr((self.base, *parts)))


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def plan(
    views: Sequence[DecisionView], meetings: Sequence[Meeting], settings: Settings, context: Context,
    renderer: Renderer,
) -> list[Planned]:
    """Every file of the site, each with the key of what it shows and how to make it."""
    by_id = {v.id: v for v in views}
    meetings_by_id = {m.id: m for m in meetings}
    # Not the day: what a page shows of it (due, the next step) is in the page's own key.
    keys = _Keys(repr((renderer.fingerprint, context.register, context.lang, context.base_url, settings)))
    in_meeting: dict[str, list[DecisionView]] = {}
    for view in views:
        for meeting_id in dict.fromkeys(e.meeting for e in view.history if e.meeting):
            in_meeting.setdefault(meeting_id, []).append(view)
    drawn = {v.id for lineage in lineages(views) for v in lineage.views}
    required = list(settings.members)
    competing: dict[str, list[Competition]] = {}
    for competition in Replacements(by_id).competitions():
        for i in dict.fromkeys((competition.replaced, *competition.in_force)):
            competing.setdefault(i, []).append(competition)

    def related(view: DecisionView) -> dict[str, DecisionView]:
        ids = [*view.replaces, *view.partly_replaces, *view.amends, *view.successors]
        return {i: by_id[i] for i in ids if i in by_id}

    planned: list[Planned] = []
    for view in views:
        others = related(view)
        met = {i: meetings_by_id[i] for i in dict.fromkeys(e.meeting for e in view.history if e.meeting)
               if i in meetings_by_id}
        step = next_step(view, settings.rule, required, context.today, competing=competing.get(view.id, ()))
        due = is_due(view.status, view.review_by, context.today)  # the page says so: a new day may change it
        key = keys.page("decision", keys.decision(view), [keys.decision(o) for o in others.values()],
                        list(met.values()), step, due, view.id in drawn)

        def make(view: DecisionView = view, others: dict[str, DecisionView] = others,
                 met: dict[str, Meeting] = met, step: NextStep | None = step) -> Page:
            return DecisionPage(view, others, met, step, view.id in drawn)

        planned.append(Planned(decision_path(view.id), key, make))

    for meeting in meetings:
        involved = in_meeting.get(meeting.id, [])
        linked = {o.id: o for v in involved for o in related(v).values()}
        linked.update({v.id: v for v in involved})
        key = keys.page("minutes", meeting, sorted(keys.decision(v) for v in linked.values()))

        def make_minutes(meeting: Meeting = meeting, linked: dict[str, DecisionView] = linked) -> Page:
            return MinutesPage(reports.minutes(meeting, [linked[i] for i in sorted(linked)], settings))

        planned.append(Planned(meeting_path(meeting.id), key, make_minutes))

    newest_first = sorted(meetings, key=lambda m: m.started_at, reverse=True)
    planned += [
        Planned(START, None, lambda: start_page(views, settings, context.today)),
        Planned(MEETINGS, None, lambda: MeetingListPage([(m, len(in_meeting.get(m.id, []))) for m in newest_first])),
        Planned(SUMMARY, None, lambda: SummaryPage(_summary(views, settings, context))),
        Planned(PARTICIPATION, None, lambda: _participation(views, meetings, settings, context.today)),
        Planned(LINEAGE, None, lambda: LineagePage(lineages(views))),
        Planned(SEARCH, None, lambda: search_index(views)),
    ]
    planned += [Planned(name, None, partial(Asset, name)) for name in renderer.assets]
    return planned


def _summary(views: Sequence[DecisionView], settings: Settings, context: Context) -> reports.Summary:
    """The summary as ``consensus summary`` makes it today: since the last meeting, for the next."""
    from .dates import add_period

    # The day, not the moment: the page then changes when the register does, not every minute.
    start_of_day = dt.datetime.combine(context.today, dt.time(), tzinfo=dt.UTC)
    upcoming = add_period(context.today, settings.meeting_period)
    return reports.summary(views, settings, now=start_of_day, since=context.since or start_of_day,
                           since_meeting=context.since_meeting, next_meeting=upcoming)


def _participation(views: Sequence[DecisionView], meetings: Sequence[Meeting], settings: Settings,
                   today: dt.date) -> ParticipationPage:
    day = today - PARTICIPATION_PERIOD
    since = dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC)
    recent = reports.participation(views, meetings, settings.members, since)
    everyone = reports.participation(views, meetings, settings.members, None)
    return ParticipationPage(day, recent, everyone)
