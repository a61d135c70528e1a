"""The short lines a command prints for people after it acted: the round so far, what comes next,
what an import did."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # types only: a step need not import the import's code to say what it did
    from consensus.adr_import import Report
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
    """What an import did (or would do), for the person who ran it."""
    new = report.new
    counts = ", ".join(f"{n} {s}" for s, n in sorted(
        ((s, sum(1 for r in new if r.status == s)) for s in {r.status for r in new}), key=lambda p: -p[1]))
    formats = ", ".join(f"{n} {f}" for f, n in sorted(report.formats.items()))
    verb = "Would import" if dry_run else "Imported"
    lines = [f"{verb} {_count(len(new), 'record')} from {report.folder}" + (f" ({formats}): {counts}" if new else "")]
    old = len(report.rows) - len(new)
    if old:
        lines.append(f"Already imported before: {old} (left as they are)")
    if report.pairs:
        one_sided = sum(1 for p in report.pairs if p[2] != "both")
        lines.append(f"Supersessions: {len(report.pairs)}"
                     + (f" ({one_sided} declared on one side only, recorded on both)" if one_sided else ""))
        lines += [f"  {old_file} → {new_file} (declared by {who})" for old_file, new_file, who in report.pairs]
    noted = [(r.file, note) for r in report.rows if r.new for note in r.notes]
    if noted:
        lines.append("Kept as written, please confirm:")
        lines += [f"  {file}: {note}" for file, note in noted]
    if report.undated:
        lines.append(f"Without a readable date (their history starts today): {len(report.undated)}")
    if report.skipped:
        lines.append("Skipped, not decision records:")
        lines += [f"  {s.path}: {s.reason}" for s in report.skipped]
    return lines


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
