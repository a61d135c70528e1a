"""The JSON shapes of spec/cli.md, built from replays: what ``--json`` prints."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from .textdiff import unified

if TYPE_CHECKING:  # types only: list --json and show --json need not import the reports
    from .models import Event, Meeting
    from .replay import DecisionView, Remark, VersionView
    from .reports import Change, Minutes, Participant, Summary
    from .rows import Row

JSONDict = dict[str, Any]


def _iso(value: dt.date | dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def event(e: Event) -> JSONDict:
    """An event: ``at``, ``kind``, ``by``, ``version``, ``meeting``, then its own fields."""
    out: JSONDict = {
        "at": e.at.isoformat(), "kind": e.kind, "by": e.by, "version": e.version,
        "meeting": e.meeting,
    }
    for f in dataclasses.fields(e):
        value = getattr(e, f.name)
        if f.name in out or value is None:
            continue
        if isinstance(value, dt.date):
            value = value.isoformat()
        elif isinstance(value, tuple):
            value = list(value)
        out[f.name] = value
    return out


def version(v: VersionView) -> JSONDict:
    """A version with its consent round."""
    return {
        "number": v.number,
        "title": v.title,
        "text": v.text,
        "state": v.state,
        "proposed_by": v.proposed_by,
        "proposed_at": v.proposed_at.isoformat(),
        "why": v.why,
        "consents": list(v.consents),
        "stand_asides": [{"by": r.by, "reason": r.reason} for r in v.stand_asides],
        "objections": [
            {"number": o.number, "by": o.by, "reason": o.reason, "resolved": o.resolved,
             "resolution": o.resolution}
            for o in v.objections
        ],
        "concerns": [{"by": r.by, "reason": r.reason} for r in v.concerns],
        "adopted_at": _iso(v.adopted_at),
        "meeting": v.meeting,
    }


def decision(view: DecisionView) -> JSONDict:
    """A decision as ``show --json`` prints it."""
    return {
        "id": view.id,
        "title": view.title,
        "status": view.status,
        "tags": list(view.tags),
        "current_version": view.current_version,
        "open_version": view.open_version,
        "replaces": list(view.replaces),
        "superseded_by": view.superseded_by,
        "amends": list(view.amends),
        "partly_replaces": list(view.partly_replaces),
        "review_by": _iso(view.review_by),
        "source": view.source,
        "status_as_written": view.status_as_written,
        "versions": [version(v) for v in view.versions],
        "history": [event(e) for e in view.history],
    }


def rows(chosen: Sequence[tuple[Row, tuple[int, str] | None]]) -> list[JSONDict]:
    """The lines of ``list --json``: each row with (version, title) in force ``--as-of``, if asked."""
    return [
        {
            "id": r.id,
            "title": as_of[1] if as_of else r.title,
            "status": "active" if as_of else r.status,
            "current_version": as_of[0] if as_of else r.current_version,
            "review_by": r.review_by,
            "tags": list(r.tags),
        }
        for r, as_of in chosen
    ]


def _remarks(remarks: list[Remark]) -> list[JSONDict]:
    return [{"by": r.by, "reason": r.reason, "at": r.at.isoformat()} for r in remarks]


def meeting(m: Meeting, open_: bool = False) -> JSONDict:
    """A meeting."""
    return {
        "id": m.id, "title": m.title, "started_at": m.started_at.isoformat(),
        "ended_at": _iso(m.ended_at), "attendees": list(m.attendees), "started_by": m.started_by,
        "open": open_,
    }


def change(c: Change) -> JSONDict:
    """An adoption or ending, as listed in a summary."""
    out: JSONDict = {
        "kind": c.kind, "id": c.view.id, "title": (c.version or c.view.latest).title,
        "at": c.event.at.isoformat(), "by": c.event.by,
        "version": c.version.number if c.version and c.kind != "superseded" else None,
        "why": c.event.why,
    }
    if c.kind == "adopted" and c.version is not None:
        out["text"] = c.version.text
        out["replaces"] = [v.id for v in c.replaced]
        out["unified"] = unified(c.old_text or "", c.version.text, c.old_label or "(nothing)",
                                 f"{c.view.id} v{c.version.number}")
        out["forced"] = c.version.forced and c.version.adopted_at == c.event.at
        out["review_by"] = _iso(c.event.review_by)
    if c.kind == "superseded":
        out["superseded_by"] = c.event.superseded_by
    return out


def summary(s: Summary) -> JSONDict:
    """The pre-meeting summary; every section key is always there."""
    return {
        "format": 1,
        "register": s.register,
        "generated_at": s.generated_at.isoformat(),
        "since": s.since.isoformat(),
        "since_meeting": s.since_meeting.id if s.since_meeting else None,
        "next_meeting": s.next_meeting.isoformat(),
        "open_proposals": [
            {
                "id": p.view.id, "title": p.version.title, "version": p.version.number,
                "amends": p.current.number if p.current else None,
                "replaces": [v.id for v in p.replaces],
                "proposed_by": p.version.proposed_by, "proposed_at": p.version.proposed_at.isoformat(),
                "why": p.version.why, "text": p.version.text,
                "unified": unified(p.current.text, p.version.text, f"{p.view.id} v{p.current.number}",
                                   f"{p.view.id} v{p.version.number}") if p.current else None,
                "consents": list(p.version.consents),
                "stand_asides": _remarks(p.version.stand_asides),
                "objections": version(p.version)["objections"],
                "concerns": _remarks(p.version.concerns),
                "ready": not p.blocked_by and not p.missing,
                "missing": list(p.missing),
            }
            for p in s.open_proposals
        ],
        "open_objections": [
            {"id": view.id, "title": v.title, "version": v.number, "number": o.number, "by": o.by,
             "reason": o.reason, "at": o.at.isoformat()}
            for view, v, o in s.open_objections
        ],
        "changes": [change(c) for c in s.changes],
        "due_for_review": [
            {"id": d.view.id, "title": d.version.title, "version": d.version.number,
             "review_by": _iso(d.view.review_by), "overdue": d.overdue, "text": d.version.text,
             "concerns": _remarks(d.concerns)}
            for d in s.due_for_review
        ],
    }


def minutes(m: Minutes) -> JSONDict:
    """A meeting's minutes: the meeting and, per decision, what happened there."""
    return {
        "register": m.register,
        "meeting": meeting(m.meeting, open_=m.meeting.ended_at is None),
        "decisions": [
            {"id": item.view.id, "title": (item.version or item.view.latest).title,
             "outcome": item.outcome, "status": item.view.status,
             "version": item.version.number if item.version else None,
             "text": (item.version or item.view.latest).text,
             "unified": change(item.change).get("unified") if item.change else None,
             "events": [event(e) for e in item.events]}
            for item in m.items
        ],
    }


def participant(p: Participant) -> JSONDict:
    """One person's part in a period."""
    return {
        "name": p.name, "member": p.member, "proposals": p.proposals, "consents": p.consents,
        "objections": p.objections, "concerns": p.concerns, "stand_asides": p.stand_asides,
        "meetings": p.meetings, "heard": p.heard,
    }
