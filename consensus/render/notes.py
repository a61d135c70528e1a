"""The short lines a command prints for people after it acted: the round so far, what comes next,
what an import did."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from consensus.errors import one_name
from consensus.language import N_, _, day, n_
from consensus.vocabulary import status_word

if TYPE_CHECKING:  # types only: a step need not import the import's code to say what it did
    from consensus.adr_import import Pair, Report
    from consensus.models import Event
    from consensus.queries import NextStep
    from consensus.replay import DecisionView
    from consensus.steps import Done


def round_note(view: DecisionView) -> str:
    """The open proposal's round in a few words: '2 consents; 1 objection unresolved'."""
    version = view.open
    if version is None:
        return ""
    consents = len(version.consents)
    parts = [n_("{n} consent", "{n} consents", consents).format(n=consents)]
    if version.stand_asides:
        parts.append(_("{n} stood aside").format(n=len(version.stand_asides)))
    if version.unresolved:
        count = len(version.unresolved)
        parts.append(n_("{n} objection unresolved", "{n} objections unresolved", count).format(n=count))
    return "; ".join(parts)


def next_step(decision_id: str, step: NextStep | None) -> str | None:
    """What to do next with a decision, as a command to type."""
    if step is None:
        return None
    if step.kind == "review":
        return _('Due for review: "consensus review {id}" if it still stands, or amend it.').format(id=decision_id)
    if step.kind == "blocked":
        return _("Blocked: {reasons}.").format(reasons="; ".join(step.objections))
    if step.kind == "waiting":
        return _("Waiting for: {names} (the consensus rule).").format(names=", ".join(step.missing))
    if step.kind == "overlooked":
        return _('Open: {reasons} (it came with a merge) — resolve it ("consensus resolve {id} {number} --how …") '
                 'or take it up in a new version ("consensus amend {id} --resolves {number} …").').format(
                     reasons="; ".join(step.objections), id=decision_id, number=step.numbers[0])
    if step.kind == "choose":
        from consensus.competing import describe

        return " ".join(describe(c, decision_id) + "." for c in step.competing)
    return _('Ready to adopt: "consensus adopt {id}".').format(id=decision_id)


def import_report(report: Report, dry_run: bool) -> list[str]:
    """What an import did (or would do), for the person who ran it: every note with the file
    behind it (its name on one line, whatever it holds: the folder may be anyone's clone)."""
    new = report.new
    counts = ", ".join(f"{n} {status_word(s)}" for s, n in sorted(
        ((s, sum(1 for r in new if r.status == s)) for s in {r.status for r in new}), key=lambda p: (-p[1], p[0])))
    formats = ", ".join(f"{n} {f}" for f, n in sorted(report.formats.items()))
    verb = (n_("Would import {n} record from {folder}", "Would import {n} records from {folder}", len(new)) if dry_run
            else n_("Imported {n} record from {folder}", "Imported {n} records from {folder}", len(new)))
    lines = [verb.format(n=len(new), folder=report.folder) + (f" ({formats}): {counts}" if new else "")]
    old = len(report.rows) - len(new)
    if old:
        lines.append(_("Already imported before: {n} (left as they are)").format(n=old))
    supersessions = [p for p in report.pairs if p.kind == "replaces"]
    if supersessions:
        one_sided = sum(1 for p in supersessions if p.declared_by != "both")
        lines.append(_("Supersessions: {n}").format(n=len(supersessions))
                     + (_(" ({n} declared on one side only, recorded on both)").format(n=one_sided) if one_sided else ""))
        lines += [f"  {p.old} → {p.new} ({_declared(p)})" for p in supersessions]
    beyond = [p for p in report.pairs if p.kind != "replaces"]
    if beyond:
        lines.append(_("Partial supersessions and amendments: {n}").format(n=len(beyond)))
        from consensus.adr import RELATION_WORDS

        lines += [f"  {p.old} {_(RELATION_WORDS[(p.kind, 'by')])} {p.new} ({_declared(p)})" for p in beyond]
    noted = [(r.file, note) for r in report.rows if r.new for note in r.notes]
    if noted:
        lines.append(_("Kept as written, please confirm:"))
        lines += [f"  {one_name(file)}: {note}" for file, note in noted]
    if report.same_titles:
        lines.append(_("The same title on several records (tell them apart by their ids): {n}").format(
            n=len(report.same_titles)))
        lines += [f"  '{title}': {', '.join(map(one_name, files))}" for title, files in report.same_titles]
    undated, unstated = set(report.undated), set(report.unstated)
    for heading, files in (
        (_("Without a status or a readable date (imported as active, their history starts today)"),
         [f for f in report.unstated if f in undated]),
        (_("Without a status (imported as active)"), [f for f in report.unstated if f not in undated]),
        (_("Without a readable date (their history starts today)"), [f for f in report.undated if f not in unstated]),
    ):
        if files:
            lines.append(f"{heading}: {len(files)}")
            lines += [f"  {one_name(file)}" for file in files]
    if report.skipped:
        lines.append(_("Skipped, not decision records:"))
        lines += [f"  {one_name(s.path)}: {s.reason}" for s in report.skipped]
    return lines


_DECLARED = {"both": N_("declared by both"), "old only": N_("declared by old only"),
             "new only": N_("declared by new only")}


def _declared(pair: Pair) -> str:
    said = _(_DECLARED.get(pair.declared_by, pair.declared_by))
    return _("{said}; found {how}").format(said=said, how=pair.how) if pair.how else said


_TAKEN_BACK = {
    "proposed": N_("the proposal"),
    "amended": N_("version {version}"),
    "consented": N_("{name}'s consent to version {version}"),
    "objected": N_("objection {number} by {name}"),
    "resolved": N_("the resolution of objection {objection}"),
    "stood_aside": N_("{name}'s stand-aside from version {version}"),
    "concern_raised": N_("{name}'s concern"),
    "adopted": N_("the adoption of version {version}"),
    "rejected": N_("the rejection of version {version}"),
    "withdrawn": N_("the withdrawal of version {version}"),
    "superseded": N_("the replacement by {other}"),
    "retired": N_("the retirement"),
    "reviewed": N_("the review"),
}


def taken_back(event: Event) -> str:
    """What an event was, as the thing ``undo`` took back: 'Bo's consent to version 2'."""
    template = _TAKEN_BACK.get(event.kind)
    if template is None:
        return event.kind
    return _(template).format(version=event.version, name=event.by, number=event.number,
                              objection=event.objection, other=event.superseded_by)


# -- what a step did, in the words the command line and live notes share ---------------------


def late(names: list[str]) -> str:
    """People who acted in the meeting and are now among its attendees."""
    return _("Added to the attendees of the meeting: {names}").format(names=", ".join(names))


def proposed(done: Done, open_for_consent: bool = True) -> str:
    """A new decision."""
    what = _("Proposed {id}: {title}").format(id=done.decision.id, title=done.view.title)
    if done.replaced:
        what += _(" (replaces {ids})").format(ids=", ".join(v.id for v in done.replaced))
    return what + (_(" — open for consent") if open_for_consent else "")


def amended(done: Done) -> str:
    """A better version, open for consent."""
    view = done.view
    # The one it improved on (not always the number before: a version taken back keeps its number).
    revised = next((v for v in view.versions if v.revised_by is not None and v.revised_by == view.open_version), None)
    what = _("Proposed version {number} of {id}").format(number=view.open_version, id=view.id)
    if revised is not None:
        what += _(" (revising version {number})").format(number=revised.number)
    resolves = done.decision.history[-1].resolves  # as recorded: each number once
    if resolves:
        what += n_("; resolves objection {numbers}", "; resolves objections {numbers}", len(resolves)).format(
            numbers=", ".join(map(str, resolves)))
    return what + _(" — open for consent")


def consented(done: Done) -> list[str]:
    """Consents given now, and those given before."""
    view = done.view
    lines = [_("Already consented: {names}").format(names=", ".join(done.again))] if done.again else []
    given = (_("Consent to {id} v{number}: {names}").format(id=view.id, number=view.open_version,
                                                           names=", ".join(done.added))
             if done.added else _("Nothing new recorded"))
    return [*lines, f"{given} ({round_note(view)})"]


def objected(done: Done, hint: bool = True) -> str:
    """An objection, with its number."""
    decision_id, number = done.decision.id, done.number
    said = _("Objection {number} to {id} recorded").format(number=number, id=decision_id)
    if hint:
        said += _(" — when it is resolved: consensus resolve {id} {number} --how …").format(id=decision_id, number=number)
    return said


def resolved(done: Done, number: int) -> str:
    """An objection resolved (of the open proposal, with its round so far; or one the adoption in
    force did not see, which has no round)."""
    so_far = round_note(done.view)
    if not so_far:
        return _("Objection {number} to {id} resolved").format(number=number, id=done.decision.id)
    return _("Objection {number} to {id} resolved ({round})").format(number=number, id=done.decision.id,
                                                                    round=so_far)


def stood_aside(done: Done) -> str:
    """Stand-asides given now."""
    if not done.added:
        return _("Nobody stands aside from {id}").format(id=done.decision.id)
    return n_("{names} stands aside from {id}", "{names} stand aside from {id}", len(done.added)).format(
        names=", ".join(done.added), id=done.decision.id)


def concern(done: Done) -> str:
    """A concern."""
    return _("Concern about {id} recorded; it will come up at the review").format(id=done.decision.id)


def adopted(done: Done, today: dt.date) -> list[str]:
    """An adoption, and what it superseded."""
    view = done.view
    review = view.review_by
    said = _("Adopted {id} v{number}: {title}").format(id=view.id, number=view.current_version, title=view.title)
    lines = [said + (_(" — review by {date}").format(date=day(review)) if review else "")]
    if review is not None and review < today:
        lines.append(_("The review date has passed: the decision is due for review now."))
    lines += [_("{old} is superseded by {new}").format(old=old.id, new=view.id) for old in done.others]
    if view.current and view.current.forced:
        lines.append(_("Adopted with --force; the reason is recorded."))
    return lines


def closed(done: Done, kind: str) -> str:
    """A proposal rejected or withdrawn."""
    decision_id, status = done.decision.id, status_word(done.view.status)
    if kind == "rejected":
        return _("Rejected the proposal of {id} — {id} is {status}").format(id=decision_id, status=status)
    return _("Withdrew the proposal of {id} — {id} is {status}").format(id=decision_id, status=status)


def retired(done: Done) -> str:
    """A decision ended."""
    return _("Retired {id}").format(id=done.decision.id)


def reviewed(done: Done) -> str:
    """A decision reviewed."""
    review = done.view.review_by
    return _("Reviewed {id}; next review by {date}").format(id=done.decision.id, date=day(review) if review else "—")


def undone(done: Done) -> list[str]:
    """A step taken back, and what is in force again."""
    assert done.taken_back
    decision_id = done.decision.id
    lines = [_("Took back {what} of {id} — {id} is {status}").format(
        what=", ".join(taken_back(event) for event in done.taken_back), id=decision_id,
        status=status_word(done.view.status))]
    return lines + [_("{id} is in force again").format(id=other.id) for other in done.others]
