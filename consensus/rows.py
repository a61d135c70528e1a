"""A decision in one row of plain values: what ``list`` and the reports pick by, without its file.

The register keeps these rows in its index, so 10,000 of them are made without parsing a single
date: moments are integers (see ``dates.instant``) and days ISO text, which compare as the days do.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from .dates import instant

if TYPE_CHECKING:
    from .replay import DecisionView

Timeline = Sequence[Sequence[Any]]
"""When versions came into force and when the decision ended: ``[day, version, title]`` with the
day in ISO form as the event's own clock saw it, version None for an ending, and title None where
it is the decision's title. A row keeps it as JSON text, read only by ``--as-of``: decoding it
for each of 100,000 rows would cost ``list`` a tenth of a second."""


class Row(NamedTuple):
    """What ``list`` and the reports need to know about a decision without reading its file."""

    id: str
    title: str
    status: str
    current_version: int | None
    open_version: int | None
    review_by: str | None  # the ISO day: ISO days compare as the days do
    tags: Sequence[str]
    created: int  # see ``dates.instant``
    updated: int
    superseded_by: str | None
    replaces: Sequence[str]
    source: str | None
    timeline: str  # the ``Timeline`` as JSON
    related: Sequence[str]  # what it amends or partly replaces: lineage beyond replacement
    meetings: Sequence[str]  # the meetings its events were recorded in (minutes read only these)
    overlooked: int  # open objections that the adoption in force did not see (a merge brought them)

    @classmethod
    def of(cls, view: DecisionView) -> Row:
        """The row of a replayed decision."""
        return cls(
            id=view.id, title=view.title, status=view.status, current_version=view.current_version,
            open_version=view.open_version, review_by=view.review_by.isoformat() if view.review_by else None,
            tags=list(view.tags), created=instant(view.created_at), updated=instant(view.updated_at),
            superseded_by=view.superseded_by, replaces=list(view.replaces), source=view.source,
            timeline=json.dumps(timeline(view), ensure_ascii=False, separators=(",", ":")),
            related=[*view.amends, *view.partly_replaces],
            meetings=sorted({e.meeting for e in view.history if e.meeting}),
            overlooked=len(view.overlooked),
        )

    @property
    def successors(self) -> tuple[str, ...]:
        """The decision that replaced it. A row keeps the first one only: any other says it replaces
        this one, which is how ``competing.Replacements`` finds it."""
        return (self.superseded_by,) if self.superseded_by else ()

    def in_force(self, day: dt.date) -> tuple[int, str] | None:
        """(version, title) in force at the end of ``day``, if the decision was in force then."""
        found = in_force(json.loads(self.timeline), day) if self.timeline != "[]" else None
        return (found[0], found[1] or self.title) if found else None


def timeline(view: DecisionView) -> list[list[Any]]:
    """The decision's ``Timeline``, from its history."""
    out: list[list[Any]] = []
    for event in view.live:
        if event.kind == "adopted":
            version = view.version(event.version)
            title = version.title if version and version.title != view.title else None
            out.append([event.at.date().isoformat(), event.version, title])
        elif event.kind in ("superseded", "retired"):
            out.append([event.at.date().isoformat(), None, None])
    return out


def in_force(line: Timeline, day: dt.date) -> tuple[int, str | None] | None:
    """(version, its title if not the decision's) in force at the end of ``day``, if any: the one
    definition of "in force as of"."""
    found: tuple[int, str | None] | None = None
    until = day.isoformat()
    for on, version, title in line:
        if on > until:
            break
        found = (version, title) if version is not None else None
    return found


def is_due(status: str, review_by: dt.date | str | None, day: dt.date | str) -> bool:
    """Whether a decision is due for review on ``day``: the one definition, for dates and for
    the ISO days of rows alike (give both in the same form)."""
    return status == "active" and review_by is not None and review_by <= day  # type: ignore[operator]
