"""The short lines a command prints for people after it acted: the round so far, what comes next,
what an import did."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # types only: a step need not import the import's code to say what it did
    from consensus.adr_import import Pair, Report
    from consensus.models import Event
    from consensus.queries import NextStep
    from consensus.replay import DecisionView


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
