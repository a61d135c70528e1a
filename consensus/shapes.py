"""The JSON shapes of docs/reference.md, built from replays: what ``--json`` prints."""

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
             "resolution": o.resolution, "overlooked_by": o.overlooked_by}
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
        "also_superseded_by": list(view.successors[1:]),
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
        "ended_at": _iso(m.ended_at), "attendees": list(m.attendees), "guests": list(m.guests),
        "started_by": m.started_by, "open": open_,
        "notes": [{"at": n.at.isoformat(), "text": n.text, "decision": n.decision, "by": n.by} for n in m.notes],
    }


def round_of(v: VersionView) -> JSONDict:
    """A version's consent round, as a summary or the minutes tell it."""
    return {
        "proposed_by": v.proposed_by,
        "consents": list(v.consents),
        "stand_asides": _remarks(v.stand_asides),
        "objections": version(v)["objections"],
        "concerns": _remarks(v.concerns),
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
        out.update(round_of(c.version))
    if c.kind == "superseded":
        out["superseded_by"] = c.event.superseded_by
        out["also_superseded_by"] = [v.id for v in c.also_by]
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
                "ready": p.ready,
                "missing": list(p.missing),
            }
            for p in s.open_proposals
        ],
        "open_objections": [
            {"id": view.id, "title": v.title, "version": v.number, "number": o.number, "by": o.by,
             "reason": o.reason, "at": o.at.isoformat(), "overlooked_by": o.overlooked_by}
            for view, v, o in s.open_objections
        ],
        "to_choose": [
            {"id": c.view.id, "title": c.view.title, "status": c.view.status,
             "in_force": [{"id": v.id, "title": v.title,
                           "adopted_at": _iso(v.current.adopted_at) if v.current else None,
                           "adopted_by": v.current.adopted_by if v.current else None} for v in c.in_force]}
            for c in s.to_choose
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
             "why": item.version.why if item.version else None,
             "unified": change(item.change).get("unified") if item.change else None,
             **round_of(item.version or item.view.latest),
             "events": [event(e) for e in item.events]}
            for item in m.items
        ],
    }


def graph(views: Sequence[DecisionView]) -> JSONDict:
    """The lineage as data: the decisions in it and the links between them (older first)."""
    ids = {v.id for v in views}
    links: list[JSONDict] = []
    for view in views:
        for old in view.replaces:
            if old in ids:
                kind = "replaced" if view.status in ("active", "superseded", "retired") and view.current_version else "would replace"
                links.append({"from": old, "to": view.id, "kind": kind})
        links += [{"from": old, "to": view.id, "kind": "partly replaced"} for old in view.partly_replaces if old in ids]
        links += [{"from": old, "to": view.id, "kind": "amended"} for old in view.amends if old in ids]
    return {
        "decisions": [
            {"id": v.id, "title": v.title, "status": v.status, "current_version": v.current_version,
             "versions": [{"number": x.number, "state": x.state} for x in v.versions]}
            for v in views
        ],
        "links": links,
    }


def participant(p: Participant) -> JSONDict:
    """One person's part in a period."""
    return {
        "name": p.name, "member": p.member, "proposals": p.proposals, "consents": p.consents,
        "objections": p.objections, "concerns": p.concerns, "stand_asides": p.stand_asides,
        "meetings": p.meetings, "heard": p.heard,
    }


# What every key of every shape means: docs/reference.md is generated from this, and a test runs
# every command with --json and holds its output to it.
DOCS: dict[str, tuple[str, dict[str, str]]] = {
    "decision": ("`show --json`, and every step with `--json`", {
        "id": "The decision's id.",
        "title": "The title of the version in force (or the newest).",
        "status": "`proposed`, `active`, `superseded`, `retired`, `rejected` or `withdrawn`.",
        "tags": "Its tags.",
        "current_version": "The number of the version in force, or null.",
        "open_version": "The number of the open proposal, or null.",
        "replaces": "The ids of the decisions it replaces (once adopted).",
        "superseded_by": "The id of the decision that replaced it (the first, if several did), or null.",
        "also_superseded_by": "The ids of the other decisions that replaced it at the same time, on other clones "
                              "(the group chooses which stays; usually empty).",
        "amends": "The ids of the decisions it amends (an imported record's \"Amends\").",
        "partly_replaces": "The ids of the decisions it replaces in part (an imported record's \"Partly supersedes\").",
        "review_by": "When an active decision is due for review (a date), or null.",
        "source": "The file it was imported from, or null.",
        "status_as_written": "An imported record's status in its own words, or null.",
        "versions": "Every version, oldest first (see *version*).",
        "history": "Every event, oldest first (see *event*).",
    }),
    "version": ("the `versions` of a decision", {
        "number": "1 for the first proposal, one more for each amendment.",
        "title": "Its title.",
        "text": "Its text.",
        "state": "`open`, `revised` (improved into a later version during its round), `adopted` (in force), "
                 "`replaced`, `rejected` or `withdrawn`.",
        "proposed_by": "Who proposed it.",
        "proposed_at": "When (date and time with offset).",
        "why": "Why it is better than what it replaces, or null.",
        "consents": "Who consents to it, each name once.",
        "stand_asides": "Who stood aside: `by`, `reason` (or null).",
        "objections": "Objections to it (see *objection*).",
        "concerns": "Concerns about it: `by`, `reason`.",
        "adopted_at": "When it came into force, or null.",
        "meeting": "The meeting it was proposed in, or null.",
    }),
    "objection": ("the `objections` of a version", {
        "number": "Its number, counted from 1 in each round (a version revised during its round passes its "
                  "objections on to the next, which keeps their numbers).",
        "by": "Who objected.",
        "reason": "Why.",
        "resolved": "Whether it was resolved.",
        "resolution": "How it was resolved, or null.",
        "overlooked_by": "The version whose adoption did not see it (it came with a merge), or null.",
    }),
    "event": ("the `history` of a decision; `history --json`", {
        "at": "When (date and time with offset).",
        "kind": "What happened (see the file key `kind` below).",
        "by": "Who did it.",
        "version": "The version it is about, or null.",
        "meeting": "The meeting it happened in, or null.",
        "…": "Then the kind's own keys, as in the file (`number`, `reason`, `how`, `why`, `review_by`, "
             "`superseded_by`, `hash` …): only those it has.",
    }),
    "row": ("`list --json`, one per decision", {
        "id": "The decision's id.",
        "title": "Its title (with `--as-of`: the title then).",
        "status": "Its status (with `--as-of`: `active`, as it was then).",
        "current_version": "The version in force (with `--as-of`: then), or null.",
        "review_by": "When it is due for review, or null.",
        "tags": "Its tags.",
    }),
    "diff": ("`diff --json`", {
        "id": "The decision's id.",
        "from": "The version compared from, or null (the text it replaced, or nothing).",
        "to": "The version compared to.",
        "from_decision": "When the text compared from is another decision's (one this replaced): its id.",
        "unified": "A unified diff of the two texts.",
    }),
    "check": ("`check --json`", {
        "ok": "Whether all is well.",
        "problems": "Each problem: `file` (relative to the register), `line` (or null), `message`.",
        "to_decide": "What the group must decide, which is no fault of a file (an objection an adoption did not "
                     "see, a decision replaced twice at once), in the same shape.",
    }),
    "change_entry": ("`changes --json`, one per event", {
        "decision": "The decision's id.",
        "title": "Its title.",
        "…": "Then the event's keys (see *event*); an adoption also has `unified`, the diff of its text "
             "against what was in force before.",
    }),
    "meeting": ("`meeting start|end|list --json`", {
        "id": "The meeting's id.",
        "title": "What it was.",
        "started_at": "When it started.",
        "ended_at": "When it ended, or null.",
        "attendees": "Members who were there.",
        "guests": "Guests who were there.",
        "notes": "Notes for the minutes: `at`, `text`, `decision` (the one current then, or null), `by`.",
        "started_by": "Who started it, or null.",
        "open": "Whether it is still in progress (on this machine).",
    }),
    "summary": ("`summary --format json`", {
        "format": "1: the version of this shape.",
        "register": "The register's name.",
        "generated_at": "When the summary was made.",
        "since": "Where its period starts.",
        "since_meeting": "The meeting it starts at, or null.",
        "next_meeting": "The day it expects the next meeting (a date).",
        "open_proposals": "Every open proposal with its round so far (see *open proposal*).",
        "open_objections": "Every unresolved objection: `id`, `title`, `version`, `number`, `by`, `reason`, `at`, "
                           "`overlooked_by` (the version in force whose adoption did not see it, or null).",
        "changes": "What came into force or ended in the period (see *change*).",
        "due_for_review": "Active decisions due before the next meeting (see *due*).",
        "to_choose": "Competing replacements: each decision replaced twice at once (`id`, `title`, `status`) and "
                     "`in_force`, the decisions in force in its place (`id`, `title`, `adopted_at`, `adopted_by`).",
    }),
    "open_proposal": ("the `open_proposals` of a summary", {
        "id": "The decision's id.",
        "title": "The proposal's title.",
        "version": "The proposal's version number.",
        "amends": "The version in force that it would replace, or null (a new decision).",
        "replaces": "The ids of other decisions it would replace.",
        "proposed_by": "Who proposed it.",
        "proposed_at": "When.",
        "why": "Why it is better, or null.",
        "text": "Its text.",
        "unified": "For an amendment: the diff against the version in force; else null.",
        "consents": "Who consents, each once.",
        "stand_asides": "Who stood aside: `by`, `reason`, `at`.",
        "objections": "Its objections (see *objection*).",
        "concerns": "Concerns: `by`, `reason`, `at`.",
        "ready": "Whether `adopt` would pass without `--force`.",
        "missing": "Who must still be heard under the `consensus` rule.",
    }),
    "change": ("the `changes` of a summary", {
        "kind": "`adopted`, `superseded`, `retired`, `rejected` or `withdrawn`.",
        "id": "The decision's id.",
        "title": "Its title.",
        "at": "When.",
        "by": "Who.",
        "version": "The version adopted (or closed), or null.",
        "why": "Why (for endings, and adoptions over the rule), or null.",
        "text": "Adoptions: the text now in force.",
        "proposed_by": "Adoptions: who proposed the version adopted.",
        "consents": "Adoptions: who consents to the version adopted, each once (empty: no consents recorded).",
        "stand_asides": "Adoptions: who stood aside from it: `by`, `reason`, `at`.",
        "objections": "Adoptions: its objections, each with how it was resolved (see *objection*).",
        "concerns": "Adoptions: concerns about it: `by`, `reason`, `at`.",
        "replaces": "Adoptions: the ids of the decisions it replaced.",
        "unified": "Adoptions: the diff against the text in force before (in the decisions it replaced, for a new "
                   "one); for a new decision improved during its round, against the text first proposed.",
        "forced": "Adoptions: whether it was adopted over the rule.",
        "review_by": "Adoptions: when it is due for review.",
        "superseded_by": "Supersessions: the id of the decision that replaced it.",
        "also_superseded_by": "Supersessions: the ids of the others that replaced it at the same time (a merge).",
    }),
    "due": ("the `due_for_review` of a summary", {
        "id": "The decision's id.",
        "title": "Its title.",
        "version": "The version in force.",
        "review_by": "When it is due.",
        "overdue": "Whether that day has passed.",
        "text": "The text in force.",
        "concerns": "Concerns recorded against it: `by`, `reason`, `at`.",
    }),
    "minutes": ("`meeting show ID --format json`", {
        "register": "The register's name.",
        "meeting": "The meeting (see *meeting*).",
        "decisions": "Each decision dealt with, once, as the meeting left it: `id`, `title`, `outcome` "
                     "(`adopted`, `superseded`, `retired`, `rejected`, `withdrawn`, `reviewed`, `open` or "
                     "`discussed`), `status`, `version`, `text`, `why`, `unified` (the diff against the text in "
                     "force when the meeting began, else against the version adopted before it in the meeting, "
                     "else, for a new decision improved during its round, against the text first proposed in "
                     "it), `proposed_by`, `consents`, `stand_asides`, `objections`, `concerns` (the "
                     "version's round), `events` (the steps recorded in the meeting that count).",
    }),
    "participation": ("`participation --json`", {
        "since": "Where the period starts.",
        "people": "Per person: `name`, `member`, `proposals`, `consents`, `objections`, `concerns`, "
                  "`stand_asides`, `meetings`, `heard` (whether they said anything).",
    }),
    "graph": ("`graph --json`", {
        "decisions": "The decisions in the lineage, oldest first: `id`, `title`, `status`, `current_version`, "
                     "`versions` (each `number` and `state`).",
        "links": "Each link, from the older decision to the newer: `from`, `to`, `kind` (`replaced`, "
                 "`would replace` for a proposal, `partly replaced` or `amended`).",
    }),
    "import": ("`import adr --json`, one per record", {
        "file": "The record's file, relative to the imported folder.",
        "id": "The decision it became (or was already).",
        "status": "The decision's status.",
        "new": "Whether this import added it.",
        "notes": "What a person should confirm about it.",
    }),
}
