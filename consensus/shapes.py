"""The JSON shapes of spec/cli.md, built from replays: what ``--json`` prints."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from .models import Event
from .replay import DecisionView, VersionView

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
        "review_by": _iso(view.review_by),
        "source": view.source,
        "versions": [version(v) for v in view.versions],
        "history": [event(e) for e in view.history],
    }


def row(view: DecisionView, as_of: VersionView | None = None) -> JSONDict:
    """A line of ``list --json``."""
    shown = as_of or view.current
    return {
        "id": view.id,
        "title": (shown or view.latest).title,
        "status": "active" if as_of else view.status,
        "current_version": shown.number if shown else None,
        "review_by": _iso(view.review_by),
        "tags": list(view.tags),
    }
