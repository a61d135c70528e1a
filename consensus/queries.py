"""Read-only questions about the register: in force when, due when, what changed, who took part."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .errors import ConsensusError
from .language import _
from .members import fold
from .rows import is_due

if TYPE_CHECKING:
    from .competing import Competition
    from .models import Event, Meeting, Rule
    from .replay import DecisionView, VersionView
    from .rows import Row

HIDDEN_BY_DEFAULT = frozenset({"superseded", "rejected", "withdrawn"})


@dataclass
class NextStep:
    """What a decision waits for: ``choose`` (it takes part in ``competing`` replacements: the
    group chooses), ``review`` (it is due), ``blocked`` (by ``objections``, or by what it replaces
    being no longer in force), ``overlooked`` (in force, with ``objections`` its adoption did not
    see), ``waiting`` (for ``missing`` people, the consensus rule) or ``ready`` to adopt (``adopt``
    would pass without ``--force``)."""

    kind: str
    objections: list[str]
    missing: list[str]
    competing: list[Competition] = field(default_factory=list)
    numbers: list[int] = field(default_factory=list)  # ``overlooked``: the objections' numbers


def required(meeting: Meeting | None, members: Sequence[str]) -> list[str]:
    """Who must be heard under the consensus rule: who attends the meeting, else every member."""
    if meeting is not None and meeting.attendees:
        return list(meeting.attendees)
    return list(members)


def next_step(view: DecisionView, rule: Rule, required: Sequence[str], today: dt.date,
              replaced: Sequence[DecisionView] = (), competing: Sequence[Competition] = ()) -> NextStep | None:
    """The next step a decision waits for, if any (``replaced``: the decisions it would replace;
    ``competing``: the competing replacements it takes part in, which come first)."""
    if competing:
        return NextStep("choose", [], [], list(competing))
    if view.open is None:
        if view.overlooked:
            return NextStep("overlooked", [
                _("objection {number} by {name} was not seen by the adoption of version {version}").format(
                    number=o.number, name=o.by, version=o.overlooked_by) for o in view.overlooked], [],
                numbers=[o.number for o in view.overlooked])
        return NextStep("review", [], []) if is_due(view.status, view.review_by, today) else None
    from .process import blockers  # not before: it brings hashlib, which reading needs not

    objections, missing = blockers(view, rule, required, replaced)
    if objections:
        return NextStep("blocked", objections, missing)
    if missing:
        return NextStep("waiting", [], missing)
    return NextStep("ready", [], [])


def haystack(view: DecisionView, fold: Callable[[str], str] = fold) -> str:
    """What a search looks in: every title, text and tag of the decision, folded (no case, no
    accents). The website's search index holds the same words, so both searches find the same."""
    return fold(" ".join([*(v.title + "\n" + v.text for v in view.versions), *view.tags]))


_FOLDED: dict[str, str] = {}  # a register repeats its words: each is folded once a process


def search_text(view: DecisionView) -> str:
    """The words of ``haystack``, each once (in the order they first come): a query word, which
    holds no space, is found in them exactly when it is found in the haystack. What the search
    index and the website's search keep."""
    folded = _FOLDED
    words = []
    for word in dict.fromkeys(haystack(view, fold=str).split()):
        done = folded.get(word)
        if done is None:
            done = folded[word] = fold(word)
        words.append(done)
    return " ".join(dict.fromkeys(" ".join(words).split()))


def mentions(view: DecisionView, words: str) -> bool:
    """Whether every word of ``words`` appears in the title, a text or a tag (any case, accents)."""
    found = haystack(view)
    return all(w in found for w in fold(words).split())


def select(
    found: Iterable[Row],
    *,
    statuses: Sequence[str] = (),
    tag: str | None = None,
    due: dt.date | None = None,
    as_of: dt.date | None = None,
) -> list[tuple[Row, tuple[int, str] | None]]:
    """The decisions ``list`` shows, newest first, each with (version, title) in force ``as_of``."""
    chosen: list[tuple[Row, tuple[int, str] | None]] = []
    wanted_tag = fold(tag) if tag else None
    until = due.isoformat() if due is not None else None
    for row in found:
        shown: tuple[int, str] | None = None
        if as_of is not None:
            shown = row.in_force(as_of)
            if shown is None:
                continue
        elif statuses:
            if row.status not in statuses:
                continue
        elif row.status in HIDDEN_BY_DEFAULT:
            continue
        if wanted_tag is not None and wanted_tag not in {fold(t) for t in row.tags}:
            continue
        if until is not None and not is_due(row.status, row.review_by, until):
            continue
        chosen.append((row, shown))
    # Two stable sorts on plain values are what a key of tuples costs 10,000 tuples to do.
    chosen.sort(key=lambda pair: pair[0].id, reverse=True)
    chosen.sort(key=lambda pair: pair[0].created, reverse=True)
    return chosen


@dataclass
class TextChange:
    """Two texts to compare, and what they are."""

    id: str
    old: str
    new: str
    old_label: str
    new_label: str
    from_version: int | None
    to_version: int | None
    from_decision: str | None = None

    @property
    def unified(self) -> str:
        """The unified diff of the two texts."""
        from . import textdiff

        return textdiff.unified(self.old, self.new, self.old_label, self.new_label)


def _label(view: DecisionView, version: VersionView) -> str:
    return f"{view.id} v{version.number}"


def diff(
    view: DecisionView,
    from_number: int | None = None,
    to_number: int | None = None,
    replaced: Sequence[DecisionView] = (),
) -> TextChange:
    """What ``diff`` compares: the versions asked for (to the newest, when only one is), else the
    version in force (or the first) against the newest; when the newest is in force, what it
    replaced: the version adopted before it, or the decisions it replaced."""
    newest = view.versions[-1]
    if from_number is not None:
        old = view.version(from_number)
        if old is None:
            raise ConsensusError(_no_version(view, from_number))
        new = view.version(to_number) if to_number is not None else newest
        if new is None:
            raise ConsensusError(_no_version(view, to_number))
        return _between(view, old, new)
    for base in (view.current, _previous_adopted(view, newest), view.versions[0]):
        if base is not None and base is not newest:
            return _between(view, base, newest)
    if replaced:
        old_text = "\n\n".join(r.latest.text for r in replaced)
        label = ", ".join(f"{r.id} v{r.latest.number}" for r in replaced)
        return TextChange(
            view.id, old_text, newest.text, label, _label(view, newest),
            None, newest.number, from_decision=replaced[0].id,
        )
    return TextChange(view.id, "", newest.text, "(nothing)", _label(view, newest), None, newest.number)


def _between(view: DecisionView, old: VersionView, new: VersionView) -> TextChange:
    return TextChange(
        view.id, old.text, new.text, _label(view, old), _label(view, new), old.number, new.number
    )


def _previous_adopted(view: DecisionView, target: VersionView) -> VersionView | None:
    adopted = [v for v in view.versions if v.adopted_at is not None and v.number < target.number]
    return adopted[-1] if adopted else None


def _no_version(view: DecisionView, number: int | None) -> str:
    numbers = ", ".join(str(v.number) for v in view.versions)
    return _("{id} has no version {number} (it has {numbers})").format(id=view.id, number=number, numbers=numbers)


@dataclass
class Happening:
    """An event of some decision, for lists of what happened across the register."""

    view: DecisionView
    event: Event
    place: int  # its place in the decision's history: what took it back, or what it took back
