"""The register as a website: which pages there are, and what each one holds, as plain data.

Every page is made from replays (the summary, the minutes and participation are the reports of
``reports.py``); the HTML is written by a renderer the command line hands in (``render/site``),
and ``publish.py`` writes only the pages whose content changed. ``gather.website`` reads every
decision once, and of each keeps only a ``Brief`` (``Reading``): what the pages about many
decisions show, and a digest of the rest. A decision's own page, and a meeting's minutes, read
their few decisions again when they are made. Each page that stands for a decision or a meeting
carries a key: a digest of everything it shows (its decision, the decisions and meetings it links
to, the words and the renderer), so a rebuild after one change makes only the pages that change
shows.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sys
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from . import reports
from .competing import Competition, Replacements
from .dates import instant
from .errors import ConsensusError
from .language import _
from .queries import NextStep, next_step, search_text
from .rows import is_due
from .spill import Shelf, Spill

if TYPE_CHECKING:
    from .models import Meeting, Settings
    from .replay import DecisionView

Fetch = Callable[[Collection[str]], "dict[str, DecisionView]"]
"""Reads the replays of decisions by id (those that can be read): in whichever process asks."""

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


@dataclass(frozen=True, slots=True)
class Brief:
    """Of one decision, what the pages about many decisions show (the start page, the lineages)
    and what the rule of competing replacements asks; and a digest of everything its own page
    shows. Of every decision only this much is held at once: their replays, held whole, took
    1.8 GiB for a site of 100,000 decisions."""

    id: str
    title: str
    status: str
    tags: tuple[str, ...]
    created: int  # when it was first proposed, and when anything last happened to it, as ``dates.instant``s
    updated: int  # (held as datetimes, each with a time zone of its own, they took 24 MB at 100,000)
    review_by: dt.date | None
    current_version: int | None
    replaces: tuple[str, ...]
    partly_replaces: tuple[str, ...]
    amends: tuple[str, ...]
    successors: tuple[str, ...]
    source: str | None
    meetings: tuple[str, ...]  # those its events were recorded in, each once
    digest: str

    @classmethod
    def of(cls, view: DecisionView) -> Brief:
        """The brief of ``view``."""
        return cls(view.id, view.title, sys.intern(view.status), tuple(map(sys.intern, view.tags)),
                   instant(view.created_at), instant(view.updated_at), view.review_by,
                   view.current_version, view.replaces, view.partly_replaces, view.amends, view.successors,
                   view.source, tuple(dict.fromkeys(e.meeting for e in view.history if e.meeting)), digest_of(view))

    @property
    def linked(self) -> list[str]:
        """What it replaces, amends or partly replaces, and what replaced it: each once."""
        return list(dict.fromkeys((*self.replaces, *self.partly_replaces, *self.amends, *self.successors)))


def digest_of(view: DecisionView) -> str:
    """A digest of everything a decision's page can show of it."""
    # Everything about a decision follows from its history and its texts.
    return _digest(repr((view.history, [(v.number, v.title, v.text, v.why) for v in view.versions])))


class Reading:
    """What the website needs of every decision, taken from each replay as it is read, which is
    then let go: its brief, its next step, its words for the search, what it counts for in
    participation; and which decisions have an open proposal (the start page shows those whole)."""

    def __init__(self, settings: Settings, today: dt.date) -> None:
        self.settings = settings
        self.required = list(settings.members)  # whose consent a round waits for
        self.today = today
        self.briefs: dict[str, Brief] = {}
        self.steps: dict[str, NextStep] = {}  # as if no replacement competed: those are known at the end
        self.open: list[str] = []
        # Written away as they come (32 MB at 100,000 decisions), read back for the search's page.
        self.words = Spill()
        self.since = today - PARTICIPATION_PERIOD
        self.recent = reports.Tally(settings.members, dt.datetime.combine(self.since, dt.time(), tzinfo=dt.UTC))
        self.everyone = reports.Tally(settings.members, None)

    def add(self, view: DecisionView) -> None:
        """Take what the pages need of ``view``."""
        self.briefs[view.id] = Brief.of(view)
        step = next_step(view, self.settings.rule, self.required, self.today)
        if step is not None:
            self.steps[view.id] = step
        if view.open is not None:
            self.open.append(view.id)
        self.words.add((len(self.briefs),), f"{view.id}\t{search_text(view)}")
        self.recent.add(view)
        self.everyone.add(view)


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
    views: list[Brief]


@dataclass
class StartPage:
    """What is open, what is due (soonest first), what is in force by tag, and the rest."""

    proposals: list[reports.OpenProposal]
    due: list[Brief]
    in_force: list[Group]
    archive: list[Brief]
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

    views: list[Brief]
    edges: list[tuple[str, str, str]]


@dataclass
class LineagePage:
    """Every lineage in the register, oldest first."""

    lineages: list[Lineage]


@dataclass
class SearchIndex:
    """What the start page's search looks in: per decision its id and its words, folded."""

    entries: Iterable[tuple[str, str]]


@dataclass
class Made:
    """A page made ahead, kept as its bytes until it is written."""

    shelf: Shelf


@dataclass
class Asset:
    """A file every page uses: the stylesheet or the search script."""

    name: str


Page = (DecisionPage | StartPage | MeetingListPage | MinutesPage | SummaryPage | ParticipationPage
        | LineagePage | SearchIndex | Made | Asset)


@dataclass(slots=True)
class Planned:
    """A file of the site: where it goes, the key of what it shows (None: made on every build,
    then compared), and how to make its data: ``maker(of)``. One maker serves every page of a
    kind, each page naming its own decision or meeting in ``of``: 105,000 pages held a closure
    each, 30 MB at 100,000 decisions."""

    path: str
    key: str | None
    maker: Callable[[str], Page]
    of: str = ""

    def make(self) -> Page:
        """The page's data."""
        return self.maker(self.of)


class Renderer(Protocol):
    """What writes the pages (``render/site``): bytes for a page at a path."""

    @property
    def fingerprint(self) -> str:
        """A digest of the renderer itself: when it changes, every page is made again."""

    @property
    def assets(self) -> Sequence[str]:
        """The names of the files every page uses."""

    def render(self, page: Page, path: str, context: Context) -> bytes | bytearray:
        """The file's bytes (a large page's made into one growing buffer, never copied)."""


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


def lineages(views: Sequence[Brief]) -> list[Lineage]:
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
    groups: dict[str, list[Brief]] = {}
    for old, new in edges:
        for i in (old, new):
            members = groups.setdefault(root(i), [])
            if by_id[i] not in members:
                members.append(by_id[i])
    found = []
    for members in groups.values():
        members.sort(key=lambda v: (v.created, v.id))
        inside = {v.id for v in members}
        found.append(Lineage(members, sorted((a, b, kind) for (a, b), kind in edges.items() if a in inside)))
    found.sort(key=lambda g: (g.views[0].created, g.views[0].id))
    return found


def start_page(briefs: Sequence[Brief], proposals: list[reports.OpenProposal], today: dt.date) -> StartPage:
    """The start page: open proposals and what is due first, then what is in force by tag."""
    from .members import fold

    groups: dict[str | None, list[Brief]] = {}
    spelled: dict[str, str] = {}
    for brief in briefs:
        if brief.status != "active":
            continue
        for tag in brief.tags or (None,):
            key = fold(tag) if tag is not None else None
            if key is not None:
                spelled.setdefault(key, tag)  # type: ignore[arg-type]
            groups.setdefault(key, []).append(brief)
    for members in groups.values():
        members.sort(key=lambda v: (fold(v.title), v.id))
    in_force = [Group(spelled[key], groups[key]) for key in sorted(k for k in groups if k is not None)]
    if None in groups:
        in_force.append(Group(None, groups[None]))
    archive = [v for v in briefs if v.status in ENDED]
    archive.sort(key=lambda v: (v.updated, v.id), reverse=True)
    tags = sorted({t for v in briefs for t in v.tags}, key=lambda t: (fold(t), t))
    return StartPage(proposals, reports.soonest_due(briefs, today), in_force, archive, list(dict.fromkeys(tags)),
                     len(briefs))


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def plan(reading: Reading, meetings: Sequence[Meeting], context: Context, renderer: Renderer, fetch: Fetch,
         summary: Page) -> list[Planned]:
    """Every file of the site, each with the key of what it shows and how to make it: the pages
    of one decision or meeting read theirs again (``fetch``) when they are made. ``summary``: the
    summary page, made ahead."""
    settings, briefs = reading.settings, reading.briefs
    # Not the day: what a page shows of it (due, the next step) is in the page's own key.
    base = repr((renderer.fingerprint, context.register, context.lang, context.base_url, settings))
    every = list(briefs.values())
    pages = _Pages(reading, meetings, {v.id for lineage in lineages(every) for v in lineage.views},
                   _steps(reading, fetch), fetch)
    planned: list[Planned] = []
    decision, minutes = pages.decision, pages.minutes
    for brief in every:
        others, met, step = pages.around(brief)
        due = is_due(brief.status, brief.review_by, context.today)  # the page says so: a new day may change it
        key = _key(base, "decision", brief.digest, [briefs[o].digest for o in others], list(met.values()), step, due,
                   brief.id in pages.drawn)
        planned.append(Planned(decision_path(brief.id), key, decision, brief.id))
    for meeting in meetings:
        key = _key(base, "minutes", meeting, sorted(briefs[i].digest for i in pages.in_minutes(meeting.id)))
        planned.append(Planned(meeting_path(meeting.id), key, minutes, meeting.id))

    newest_first = sorted(meetings, key=lambda m: m.started_at, reverse=True)
    proposals = reports.open_proposals(_read(fetch, {*reading.open, *(
        i for o in reading.open for i in briefs[o].replaces if i in briefs)}).values(), settings, reading.required)
    participation = ParticipationPage(reading.since, reading.recent.people(meetings), reading.everyone.people(meetings))
    words = SearchIndex(_entries(reading.words))
    planned += [
        Planned(START, None, lambda _: start_page(every, proposals, context.today)),
        Planned(MEETINGS, None, lambda _: MeetingListPage([(m, len(pages.in_meeting.get(m.id, []))) for m in newest_first])),
        Planned(SUMMARY, None, lambda _: summary),
        Planned(PARTICIPATION, None, lambda _: participation),
        Planned(LINEAGE, None, lambda _: LineagePage(lineages(every))),
        Planned(SEARCH, None, lambda _: words),
    ]
    planned += [Planned(name, None, Asset, name) for name in renderer.assets]
    return planned


class _Pages:
    """Makes the page of a decision or a meeting when it is asked for, from the decisions it
    shows read again: a site of 100,000 decisions plans 105,000 pages, and what each needs is
    found here, not held in each plan."""

    def __init__(self, reading: Reading, meetings: Sequence[Meeting], drawn: set[str], steps: dict[str, NextStep],
                 fetch: Fetch) -> None:
        self.briefs, self.settings, self.drawn, self.steps, self.fetch = (
            reading.briefs, reading.settings, drawn, steps, fetch)
        self.meetings = {m.id: m for m in meetings}
        self.in_meeting: dict[str, list[str]] = {}
        for brief in self.briefs.values():
            for meeting_id in brief.meetings:
                self.in_meeting.setdefault(meeting_id, []).append(brief.id)

    def linked(self, brief: Brief) -> list[str]:
        """The decisions in the register that ``brief`` links to."""
        return [i for i in brief.linked if i in self.briefs]

    def around(self, brief: Brief) -> tuple[list[str], dict[str, Meeting], NextStep | None]:
        """The decisions a decision's page links to, the meetings it names, and its next step."""
        return (self.linked(brief), {i: self.meetings[i] for i in brief.meetings if i in self.meetings},
                self.steps.get(brief.id))

    def decision(self, decision_id: str) -> Page:
        """The page of a decision."""
        others, met, step = self.around(self.briefs[decision_id])
        views = _read(self.fetch, [decision_id, *others], self.briefs)
        return DecisionPage(views[decision_id], {i: views[i] for i in others}, met, step, decision_id in self.drawn)

    def in_minutes(self, meeting_id: str) -> list[str]:
        """The decisions a meeting's minutes show: those it dealt with, and those they link to."""
        involved = self.in_meeting.get(meeting_id, [])
        return sorted({*involved, *(o for i in involved for o in self.linked(self.briefs[i]))})

    def minutes(self, meeting_id: str) -> Page:
        """The page of a meeting."""
        shown = self.in_minutes(meeting_id)
        views = _read(self.fetch, shown, self.briefs)
        return MinutesPage(reports.minutes(self.meetings[meeting_id], [views[i] for i in shown], self.settings))


def _entries(words: Iterable[str]) -> Iterator[tuple[str, str]]:
    """Each decision's id and words, as ``Reading.add`` wrote them: the two with a tab between."""
    for line in words:
        decision_id, _tab, text = line.partition("\t")
        yield decision_id, text


def _key(base: str, *parts: object) -> str:
    return _digest(repr((base, *parts)))


def _steps(reading: Reading, fetch: Fetch) -> dict[str, NextStep]:
    """Each decision's next step: competing replacements, known only now that every decision was
    read, come first (their decisions are read again)."""
    competing: dict[str, list[Competition]] = {}
    for competition in Replacements(reading.briefs).competitions():
        for i in dict.fromkeys((competition.replaced, *competition.in_force)):
            competing.setdefault(i, []).append(competition)
    steps = dict(reading.steps)
    settings = reading.settings
    for view in _read(fetch, competing, reading.briefs).values():
        step = next_step(view, settings.rule, reading.required, reading.today, competing=competing[view.id])
        assert step is not None  # a decision in a competition waits for the group to choose
        steps[view.id] = step
    return steps


def _read(fetch: Fetch, ids: Collection[str], briefs: dict[str, Brief] | None = None) -> dict[str, DecisionView]:
    """The replays of ``ids``, all of them: one that went since the register was read means the
    register changed while the website was made; so does one that no longer has the digest of
    its brief (``briefs``), under which its page would be kept."""
    views = fetch(ids)
    changed = sorted(set(ids) - set(views))
    if briefs is not None:
        changed += sorted(i for i, view in views.items() if digest_of(view) != briefs[i].digest)
    if changed:
        raise ConsensusError(_("{id} changed while the website was being made — make it again").format(id=changed[0]))
    return views


def summary_now(context: Context, settings: Settings) -> tuple[dt.datetime, dt.date]:
    """The moment the website's summary is made at, and the day of the next meeting it prepares:
    the day, not the moment, so the page changes when the register does, not every minute."""
    from .dates import add_period

    return dt.datetime.combine(context.today, dt.time(), tzinfo=dt.UTC), add_period(context.today, settings.meeting_period)
