"""The short lines a command prints for people after it acted: the round so far, what comes next,
what an import did."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # types only: a step need not import the import's code to say what it did
    from consensus.adr_import import Pair, Report
    from consensus.models import Event
    from consensus.queries import NextStep
    from consensus.replay import DecisionView
    from consensus.steps import Done


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"


def round_note(view: DecisionView) -> str:
    """The open proposal's round in a few words: '2 consents; 1 objection unresolved'."""
    version = view.open
    if version is None:
        return ""
    parts = [_count(len(version.consents), "consent")]
    if version.stand_asides:
        parts.append(f"{len(version.stand_asides)} stood aside")
    if version.unresolved:
        parts.append(f"{_count(len(version.unresolved), 'objection')} unresolved")
    return "; ".join(parts)


def next_step(decision_id: str, step: NextStep | None) -> str | None:
    """What to do next with a decision, as a command to type."""
    if step is None:
        return None
    if step.kind == "review":
        return f'Due for review: "consensus review {decision_id}" if it still stands, or amend it.'
    if step.kind == "blocked":
        return f"Blocked: {'; '.join(step.objections)}."
    if step.kind == "waiting":
        return f"Waiting for: {', '.join(step.missing)} (the consensus rule)."
    return f'Ready to adopt: "consensus adopt {decision_id}".'


def import_report(report: Report, dry_run: bool) -> list[str]:
    """What an import did (or would do), for the person who ran it: every note with the file
    behind it."""
    new = report.new
    counts = ", ".join(f"{n} {s}" for s, n in sorted(
        ((s, sum(1 for r in new if r.status == s)) for s in {r.status for r in new}), key=lambda p: (-p[1], p[0])))
    formats = ", ".join(f"{n} {f}" for f, n in sorted(report.formats.items()))
    verb = "Would import" if dry_run else "Imported"
    lines = [f"{verb} {_count(len(new), 'record')} from {report.folder}" + (f" ({formats}): {counts}" if new else "")]
    old = len(report.rows) - len(new)
    if old:
        lines.append(f"Already imported before: {old} (left as they are)")
    supersessions = [p for p in report.pairs if p.kind == "replaces"]
    if supersessions:
        one_sided = sum(1 for p in supersessions if p.declared_by != "both")
        lines.append(f"Supersessions: {len(supersessions)}"
                     + (f" ({one_sided} declared on one side only, recorded on both)" if one_sided else ""))
        lines += [f"  {p.old} → {p.new} ({_declared(p)})" for p in supersessions]
    beyond = [p for p in report.pairs if p.kind != "replaces"]
    if beyond:
        lines.append(f"Partial supersessions and amendments: {len(beyond)}")
        from consensus.adr import RELATION_WORDS

        lines += [f"  {p.old} {RELATION_WORDS[(p.kind, 'by')]} {p.new} ({_declared(p)})" for p in beyond]
    noted = [(r.file, note) for r in report.rows if r.new for note in r.notes]
    if noted:
        lines.append("Kept as written, please confirm:")
        lines += [f"  {file}: {note}" for file, note in noted]
    if report.same_titles:
        lines.append(f"The same title on several records (tell them apart by their ids): {len(report.same_titles)}")
        lines += [f"  '{title}': {', '.join(files)}" for title, files in report.same_titles]
    undated, unstated = set(report.undated), set(report.unstated)
    for heading, files in (
        ("Without a status or a readable date (imported as active, their history starts today)",
         [f for f in report.unstated if f in undated]),
        ("Without a status (imported as active)", [f for f in report.unstated if f not in undated]),
        ("Without a readable date (their history starts today)", [f for f in report.undated if f not in unstated]),
    ):
        if files:
            lines.append(f"{heading}: {len(files)}")
            lines += [f"  {file}" for file in files]
    if report.skipped:
        lines.append("Skipped, not decision records:")
        lines += [f"  {s.path}: {s.reason}" for s in report.skipped]
    return lines


def _declared(pair: Pair) -> str:
    said = f"declared by {pair.declared_by}"
    return f"{said}; found {pair.how}" if pair.how else said


def taken_back(event: Event) -> str:
    """What an event was, as the thing ``undo`` took back: 'Bo's consent to version 2'."""
    v = f" {event.version}" if event.version is not None else ""
    return {
        "proposed": "the proposal",
        "amended": f"version{v}",
        "consented": f"{event.by}'s consent to version{v}",
        "objected": f"objection {event.number} by {event.by}",
        "resolved": f"the resolution of objection {event.objection}",
        "stood_aside": f"{event.by}'s stand-aside from version{v}",
        "concern_raised": f"{event.by}'s concern",
        "adopted": f"the adoption of version{v}",
        "rejected": f"the rejection of version{v}",
        "withdrawn": f"the withdrawal of version{v}",
        "superseded": f"the replacement by {event.superseded_by}",
        "retired": "the retirement",
        "reviewed": "the review",
    }.get(event.kind, event.kind)


# -- what a step did, in the words the command line and live notes share ---------------------


def late(names: list[str]) -> str:
    """People who acted in the meeting and are now among its attendees."""
    return f"Added to the attendees of the meeting: {', '.join(names)}"


def proposed(done: Done, open_for_consent: bool = True) -> str:
    """A new decision."""
    title = done.view.title
    replaced = f" (replaces {', '.join(v.id for v in done.replaced)})" if done.replaced else ""
    return f"Proposed {done.decision.id}: {title}{replaced}" + (" — open for consent" if open_for_consent else "")


def amended(done: Done, resolves: Sequence[int]) -> str:
    """A better version, open for consent."""
    view = done.view
    revised = view.version((view.open_version or 0) - 1)
    what = f"Proposed version {view.open_version} of {view.id}"
    if revised is not None and revised.state == "revised":
        what += f" (revising version {revised.number})"
    resolved = f"; resolves objection {', '.join(map(str, resolves))}" if resolves else ""
    return f"{what}{resolved} — open for consent"


def consented(done: Done) -> list[str]:
    """Consents given now, and those given before."""
    view = done.view
    lines = [f"Already consented: {', '.join(done.again)}"] if done.again else []
    given = f"Consent to {view.id} v{view.open_version}: {', '.join(done.added)}" if done.added else "Nothing new recorded"
    return [*lines, f"{given} ({round_note(view)})"]


def objected(done: Done, hint: bool = True) -> str:
    """An objection, with its number."""
    decision_id, number = done.decision.id, done.number
    then = f" — when it is resolved: consensus resolve {decision_id} {number} --how …" if hint else ""
    return f"Objection {number} to {decision_id} recorded{then}"


def resolved(done: Done, number: int) -> str:
    """An objection resolved."""
    return f"Objection {number} to {done.decision.id} resolved ({round_note(done.view)})"


def stood_aside(done: Done) -> str:
    """Stand-asides given now."""
    who = ", ".join(done.added) or "Nobody"
    return f"{who} {'stand' if len(done.added) != 1 else 'stands'} aside from {done.decision.id}"


def concern(done: Done) -> str:
    """A concern."""
    return f"Concern about {done.decision.id} recorded; it will come up at the review"


def adopted(done: Done, today: dt.date) -> list[str]:
    """An adoption, and what it superseded."""
    view = done.view
    review = view.review_by
    lines = [f"Adopted {view.id} v{view.current_version}: {view.title}"
             + (f" — review by {review.isoformat()}" if review else "")]
    if review is not None and review < today:
        lines.append("The review date has passed: the decision is due for review now.")
    lines += [f"{old.id} is superseded by {view.id}" for old in done.others]
    if view.current and view.current.forced:
        lines.append("Adopted with --force; the reason is recorded.")
    return lines


def closed(done: Done, kind: str) -> str:
    """A proposal rejected or withdrawn."""
    word = "Rejected" if kind == "rejected" else "Withdrew"
    decision_id = done.decision.id
    return f"{word} the proposal of {decision_id} — {decision_id} is {done.view.status}"


def retired(done: Done) -> str:
    """A decision ended."""
    return f"Retired {done.decision.id}"


def reviewed(done: Done) -> str:
    """A decision reviewed."""
    review = done.view.review_by
    return f"Reviewed {done.decision.id}; next review by {review.isoformat() if review else '—'}"


def undone(done: Done) -> list[str]:
    """A step taken back, and what is in force again."""
    assert done.taken_back is not None
    decision_id = done.decision.id
    lines = [f"Took back {taken_back(done.taken_back)} of {decision_id} — {decision_id} is {done.view.status}"]
    return lines + [f"{other.id} is in force again" for other in done.others]
