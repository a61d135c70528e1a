"""What each report reads from the register: only the decisions it can be about, picked by their
index rows, then replayed. The reports themselves (``reports.py``) are pure."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection
from typing import TYPE_CHECKING

from . import dates
from .dates import instant
from .errors import BrokenFile, Refused
from .language import _
from .queries import Happening
from .rows import Row, is_due

if TYPE_CHECKING:
    from . import reports, site
    from .competing import Competition
    from .models import Meeting
    from .register import Register
    from .replay import DecisionView
    from .spill import Spill

LAST_MEETING = "last-meeting"
DEFAULT_LOOKBACK = dt.timedelta(days=30)


def day_start(day: dt.date, at: dt.datetime) -> dt.datetime:
    """The first moment of ``day`` in the time zone of ``at``."""
    return dt.datetime.combine(day, dt.time(), tzinfo=at.tzinfo)


def day_after(day: dt.date, at: dt.datetime) -> dt.datetime | None:
    """The first moment after ``day`` in the time zone of ``at``; None after the last day there is."""
    after = dates.day_after(day)
    return day_start(after, at) if after is not None else None


def cutoff(register: Register, since: dt.date | None, now: dt.datetime,
           asked_for_meeting: bool = False) -> tuple[dt.datetime, Meeting | None, list[BrokenFile]]:
    """Where a period starts: the day ``since``, else the start of the last ended meeting in which
    something was recorded, else 30 days back (refused when the last meeting was asked for and
    there is none); and the meeting files that could not be read to find it."""
    if since is not None:
        return day_start(since, now), None, []
    from .meetings import recorded

    ended, problems = register.meetings()
    for meeting in reversed(ended):
        # A meeting where nothing was recorded, or all of it taken back, is no mark.
        if recorded(register, meeting)[1]:
            return meeting.started_at, meeting, problems
    if asked_for_meeting:
        raise Refused(
            _('no meeting in which anything was recorded has ended yet, so there is no "last-meeting" — give '
              '--since DATE')
        )
    return day_start(dates.days_before(now.date(), DEFAULT_LOOKBACK.days), now), None, problems


def summary(register: Register, *, now: dt.datetime, since: dt.datetime, since_meeting: Meeting | None,
            next_meeting: dt.date) -> tuple[reports.Summary, list[BrokenFile]]:
    """The pre-meeting summary, from the decisions that are open, changed since ``since``, due, or
    waiting for the group to settle what two clones did at once."""
    from . import reports

    contested = _contested(register)
    after, due = instant(since), next_meeting.isoformat()
    # The same choice twice: in SQL, to read only those rows, and in Python (rows read afresh).
    views, problems = register.views_matching(
        "open_version IS NOT NULL OR updated >= ? OR (status = 'active' AND review_by <= ?) OR overlooked > 0",
        (after, due),
        lambda r: r.open_version is not None or r.updated >= after or is_due(r.status, r.review_by, due)
        or r.overlooked > 0, also=contested)
    data = reports.summary(views, register.settings, now=now, since=since, since_meeting=since_meeting,
                           next_meeting=next_meeting)
    return data, problems


def _contested(register: Register) -> list[Row]:
    """The rows of the decisions in competing replacements, as the rows tell (the views, read
    next, tell all). Only rows with a replacement can be in one: those, and the decisions they
    say they replace (whose own rows may not say so, where a merge kept one side)."""
    from .competing import Replacements

    nodes = {r.id: r for r in register.rows_where(
        "replaces != '' OR superseded_by IS NOT NULL", (), lambda r: bool(r.replaces or r.superseded_by))[0]}
    nodes.update((r.id, r) for r in register.rows_of(old for r in list(nodes.values()) for old in r.replaces
                                                     if old not in nodes))
    found = set()
    for competition in Replacements(nodes).competitions():
        found.add(competition.replaced)
        found.update(i for line in competition.lines for i in (line[0], *line[1]))
    return [nodes[i] for i in sorted(found) if i in nodes]


def minutes(register: Register, meeting: Meeting) -> tuple[reports.Minutes, list[BrokenFile]]:
    """A meeting's minutes, from the decisions whose events name it (and those they replace or
    are replaced by)."""
    from . import reports

    views, problems = register.views_around(*register.in_meeting(meeting.id))
    return reports.minutes(meeting, views, register.settings), problems


def changes(register: Register, start: dt.datetime, end: dt.datetime | None,
            tell: Callable[[Happening, reports.Change | None], str]) -> tuple[Spill, list[BrokenFile]]:
    """Every event between ``start`` and ``end`` in time order, as ``tell`` tells it given the
    change an adoption made (else None). Each decision is told as it is read and then let go,
    and what was told waits in temporary files past a point: a year of 100,000 decisions held
    whole took 2 GiB."""
    from . import reports
    from .register import around
    from .spill import Spill

    after, before = instant(start), instant(end) if end is not None else None
    # The same choice twice: in SQL, to read only those rows, and in Python (rows read afresh).
    picked, readable, problems = register.rows_where(
        "updated >= ? AND (? IS NULL OR created < ?)", (after, before, before),
        lambda r: r.updated >= after and (before is None or r.created < before))
    # What an adoption replaced, for its change: read twice (here, and below with the rest) rather
    # than held whole; a broken one is said below, in its place.
    replaced = {i for r in picked for i in r.replaces if i in readable}
    everyone = {v.id: reports.texts_in_force(v) for v in register.each_replay(replaced, [])}
    chosen = around(picked, readable)
    del picked, readable
    told = Spill()
    # In time order; at the same time, by decision (they come in the order of their ids), then
    # by place in the history.
    for number, view in enumerate(register.each_replay(chosen, problems)):
        for place, event in enumerate(view.history):
            if event.at >= start and (end is None or event.at < end):
                change = reports.change_of(view, event, everyone) if event.kind == "adopted" else None
                told.add((instant(event.at), number, place), tell(Happening(view, event, place), change))
    return told, problems


def participation(register: Register, start: dt.datetime) -> tuple[list[reports.Participant], list[BrokenFile]]:
    """Who took part how since ``start``."""
    from . import reports

    after = instant(start)
    # Only the decisions with an event since ``start`` count, and each is counted as it is read
    # and let go: 90 days of 100,000 decisions held whole took 451 MB.
    rows, _readable, problems = register.rows_where("updated >= ?", (after,), lambda r: r.updated >= after)
    ended, meeting_problems = register.meetings()
    views = register.each_replay([r.id for r in rows], problems)
    people = reports.participation(views, ended, register.settings.members, start)
    return people, [*problems, *meeting_problems]


def lineage(register: Register, root: str | None) -> tuple[list[DecisionView], list[BrokenFile]]:
    """The decisions in a replacement or amendment: with a ``root``, only those its lineage joins
    (found in the rows, link by link, then replayed); without, all a lineage can hold."""
    # Only the rows that name another decision are read: a lineage is made of them, and of
    # decisions they name (which need only exist).
    rows, readable, problems = register.rows_where(
        "replaces != '' OR related != '' OR superseded_by IS NOT NULL", (),
        lambda r: bool(r.replaces or r.related or r.superseded_by))
    if root is None:
        named = {other for row in rows for other in _named(row)}
        chosen = {row.id for row in rows} | (named & readable)
        # Each kept as far as the graph draws it: every lineage of 100,000 decisions held whole took 434 MB.
        return [_outline(view) for view in register.each_replay(chosen, problems)], problems
    by_id = {row.id: row for row in rows}
    linked: dict[str, set[str]] = {}  # each decision with those that name it
    for row in rows:
        for other in _named(row):
            linked.setdefault(other, set()).add(row.id)
    seen, todo = {root}, [root]
    while todo:
        here = todo.pop()
        found = by_id.get(here)
        for other in (*(_named(found) if found else ()), *linked.get(here, ())):
            if other not in seen and other in readable:
                seen.add(other)
                todo.append(other)
    return register.replays(seen & readable, problems)


def _named(row: Row) -> tuple[str, ...]:
    """The decisions a row names: what it replaces, amends or partly replaces, and its successor."""
    return (*row.replaces, *row.related, *((row.superseded_by,) if row.superseded_by else ()))


def _outline(view: DecisionView) -> DecisionView:
    """As much of ``view`` as the graph of every lineage draws: its links, status and title, and
    its versions' numbers, titles and states; of its history only the first event (its age)."""
    import dataclasses

    from .replay import VersionView

    versions = [VersionView(v.number, v.title, "", None, v.state, v.proposed_by, v.proposed_at) for v in view.versions]
    return dataclasses.replace(view, history=view.history[:1], versions=versions, taken_back={})


def competing(register: Register, view: DecisionView) -> list[Competition]:
    """The competing replacements ``view`` takes part in (``show``): read from what it replaced, through
    every generation, and what replaced those, as far as something is in force. A decision whose
    own file does not record a replacement (a merge kept one side) is found from that replacement;
    ``check`` and the summary, which see every decision, find it from both."""
    from .competing import Replacements
    from .errors import ConsensusError

    nodes: dict[str, DecisionView] = {view.id: view}
    todo = [(view.id, True)]  # (decision, whether to look at what it replaced)
    while todo:
        decision_id, back = todo.pop()
        node = nodes[decision_id]
        for other, older in [*((i, True) for i in (node.replaces if back else ())),
                             *((i, False) for i in (node.successors if node.status != "active" or back else ()))]:
            if other in nodes:
                continue
            try:
                nodes[other] = register.get(other)[1]
            except ConsensusError:
                continue
            todo.append((other, older))
    if len(nodes) < 2:
        return []
    return Replacements(nodes).concerning(view.id)


def website(register: Register, renderer: site.Renderer, *, lang: str, base_url: str | None,
            now: dt.datetime) -> tuple[list[site.Planned], site.Context, list[BrokenFile]]:
    """Every page of the register's website (``site.plan``): every decision and meeting is on it,
    and its summary starts where ``consensus summary`` would start today. Every decision is read
    once here, and of each only what the pages about many show is kept (``site.Reading``)."""
    from . import site
    from .parallel import apart
    from .spill import Shelf

    _, readable, problems = register.rows_where("0", (), lambda row: False)  # which can be read, no row
    ended, meeting_problems = register.meetings()
    since, since_meeting, _ = cutoff(register, None, now)  # its meeting problems are among these
    settings = register.settings
    context = site.Context(settings.name, lang, now.date(), base_url, since, since_meeting)
    at, upcoming = site.summary_now(context, settings)

    def summary_page() -> bytes | bytearray:
        told = summary(register, now=at, since=since, since_meeting=since_meeting, next_meeting=upcoming)[0]
        register.index.save()  # what it parsed is kept for the reading below, though made apart
        return renderer.render(site.SummaryPage(told), site.SUMMARY, context)

    # The summary first, and only its bytes kept, made in a process of its own where one can be
    # had: it holds whole the decisions it tells (9,400 of 100,000), and what a process once held
    # stays in its memory, in part, for as long as it lives.
    made = site.Made(Shelf(apart(summary_page)))
    reading = site.Reading(settings, context.today)
    for view in register.each_replay(readable, problems):
        reading.add(view)
    planned = site.plan(reading, ended, context, renderer, _Fetch(register), made)
    return planned, context, [*problems, *meeting_problems]


class _Fetch:
    """Reads decisions again for the website's pages, which ``publish`` makes in forked workers:
    each process reads through a register of its own, since an SQLite connection may not be
    used across a fork."""

    def __init__(self, register: Register) -> None:
        import os

        self._mine = (os.getpid(), register)

    def register(self) -> Register:
        """The register as this process reads it."""
        import os

        from .register import Register

        pid, register = self._mine
        if pid != os.getpid():
            self._mine = (os.getpid(), Register(register.root))
        return self._mine[1]

    def __call__(self, ids: Collection[str]) -> dict[str, DecisionView]:
        """The replays of ``ids`` that can be read, by id."""
        # Not kept in the cache: the workers would all write to it at once.
        return {view.id: view for view in self.register().each_replay(ids, [], keep=False)}
