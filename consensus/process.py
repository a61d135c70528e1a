"""The decision process as pure functions: a decision, who acts, when → a new decision.

Nothing here reads the clock, touches a file or prints. Every refusal is a ``Refused`` whose
message says what to do instead.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from . import chain
from .errors import ConsensusError, Refused
from .models import Decision, Event, Rule, Version
from .replay import DecisionView, VersionView, replay


@dataclass(frozen=True)
class Act:
    """Who does something, when, and in which meeting."""

    by: str
    at: dt.datetime
    meeting: str | None = None


def _event(act: Act, kind: str, **fields: object) -> Event:
    return Event(at=act.at, kind=kind, by=act.by, meeting=act.meeting, **fields)  # type: ignore[arg-type]


def _append(decision: Decision, event: Event, *new_versions: Version) -> Decision:
    """``decision`` with ``event`` recorded: refused when the event is dated before the newest
    one already there (a clock set back would otherwise write a consent before its proposal)."""
    if decision.history:
        newest = max(decision.history, key=lambda e: e.at)
        if event.at < newest.at:
            raise Refused(
                f"the clock says {event.at.isoformat()}, but {decision.id} has an event of "
                f"{newest.at.isoformat()} ({newest.kind} by {newest.by}): a history cannot go back in "
                "time — check this computer's clock (or $CONSENSUS_NOW)"
            )
    return chain.append(decision, event, *new_versions)


# The words a step cannot do without: (what names it, what is missing, what to say). Front ends
# ask ``require`` before they open an editor or look anything up, so a missing word is the first
# thing a person hears about; the steps below ask again, so no way around them records one.
_NEEDED = {
    "amend": ("amend", "--why", "say what makes the new version better"),
    "object": ("object", "--reason", "say what the objection is"),
    "concern": ("concern", "--reason", "say what the concern is"),
    "retire": ("retire", "--why", "say why the decision ends"),
    "resolve": ("resolve", "--how", "say how the objection was resolved"),
    "replace": ("--replaces", "--why", "say why this is better than what it replaces"),
    "force": ("--force", "--why", "say why the rule is set aside; it is recorded"),
}
_EMPTY = {
    "title": "give the decision a title",
    "text": "say what is proposed with --text, --file or the editor",
}


def require(step: str, value: str | None) -> str:
    """``value`` stripped, or the refusal of ``step`` without it (see ``_NEEDED``)."""
    if value is None or not value.strip():
        if step in _EMPTY:
            raise Refused(f"the {step} is empty — {_EMPTY[step]}")
        subject, option, hint = _NEEDED[step]
        raise Refused(f"{subject} needs {option}: {hint}")
    return value.strip()


def _optional(value: str | None) -> str | None:
    return value.strip() if value and value.strip() else None


def _open(view: DecisionView, doing: str) -> VersionView:
    version = view.open
    if version is not None:
        return version
    if view.status == "active":
        hint = f'propose a change first with "consensus amend {view.id} --text … --why …"'
    else:
        hint = f"it is {view.status}"
    raise Refused(f"{view.id} has no open proposal to {doing} — {hint}")


def propose(
    decision_id: str,
    act: Act,
    *,
    title: str,
    text: str,
    tags: Sequence[str] = (),
    replaces: Sequence[DecisionView] = (),
    why: str | None = None,
    source: str | None = None,
) -> Decision:
    """A new decision whose version 1 is an open proposal."""
    title = require("title", title)
    require("text", text)
    if replaces:
        why = require("replace", why)
    for old in replaces:
        if old.status != "active":
            raise Refused(
                f"{old.id} is {old.status}, not active: only a decision in force can be replaced"
            )
    clean_tags = tuple(dict.fromkeys(t.strip() for t in tags if t.strip()))
    decision = Decision(id=decision_id)
    event = _event(
        act, "proposed", version=1, tags=clean_tags or None,
        replaces=tuple(old.id for old in replaces) or None, source=source,
    )
    return _append(decision, event, Version(1, title, text, _optional(why)))


def amend(
    decision: Decision, act: Act, *, text: str | None, title: str | None, why: str | None,
    resolves: Sequence[int] = (),
) -> Decision:
    """Version N+1, open for consent: a better version of an active decision, or of the open
    proposal itself (which it revises; ``resolves`` names the objections it resolves, ``why``
    saying how)."""
    view = replay(decision)
    if view.status not in ("active", "proposed"):
        raise Refused(
            f"{view.id} is {view.status}: only an active decision or an open proposal can be amended"
            + (f" — amend {view.superseded_by}, which replaced it" if view.superseded_by else "")
        )
    why = require("amend", why)
    base = base_version(view)
    new_title = title.strip() if title is not None and title.strip() else base.title
    if title is not None and not title.strip():
        raise Refused("the title is empty — leave out --title to keep the current one")
    new_text = base.text if text is None else text
    require("text", new_text)
    if new_text == base.text and new_title == base.title:
        raise Refused(
            f"the new version is identical to version {base.number} — change the text "
            "(--text, --file) or the title (--title)"
        )
    numbers = tuple(dict.fromkeys(resolves))
    if numbers:
        if view.open is None:
            raise Refused(f"{view.id} has no open proposal, so no objection for --resolves to resolve")
        for number in numbers:
            _unresolved(view, view.open, number)
    number = max(v.number for v in decision.versions) + 1
    event = _event(act, "amended", version=number, resolves=numbers or None)
    return _append(decision, event, Version(number, new_title, new_text, why))


def base_version(view: DecisionView) -> VersionView:
    """What an amendment starts from: the open proposal it revises, else the version in force."""
    return view.open or view.latest


def consent(decision: Decision, act: Act) -> tuple[Decision, bool]:
    """``act.by`` consents to the open proposal; False if they already had."""
    view = replay(decision)
    version = _open(view, "consent to")
    if act.by in version.consents:
        return decision, False
    return _append(decision, _event(act, "consented", version=version.number)), True


def object_(decision: Decision, act: Act, *, reason: str) -> tuple[Decision, int]:
    """An objection to the open proposal; returns its number."""
    view = replay(decision)
    version = _open(view, "object to")
    reason = require("object", reason)
    number = max(version.last_objection, *(o.number for o in version.objections), 0) + 1
    event = _event(act, "objected", version=version.number, number=number, reason=reason)
    return _append(decision, event), number


def resolve(decision: Decision, act: Act, number: int, *, how: str | None) -> Decision:
    """Objection ``number`` of the open proposal is resolved, ``how`` says how."""
    view = replay(decision)
    version = _open(view, "resolve objections of")
    _unresolved(view, version, number)
    how = require("resolve", how)
    return _append(
        decision, _event(act, "resolved", version=version.number, objection=number, how=how)
    )


def _unresolved(view: DecisionView, version: VersionView, number: int) -> None:
    """Refuse unless ``number`` is an objection to ``version`` that is still unresolved."""
    objection = next((o for o in version.objections if o.number == number), None)
    if objection is None:
        numbers = ", ".join(str(o.number) for o in version.unresolved)
        listed = f"unresolved: {numbers}" if numbers else "it has no unresolved objection"
        raise Refused(f"version {version.number} of {view.id} has no objection {number} ({listed})")
    if objection.resolved:
        raise Refused(
            f"objection {number} to {view.id} was already resolved by {objection.resolved_by}"
        )


def stand_aside(decision: Decision, act: Act, *, reason: str | None) -> Decision:
    """``act.by`` stands aside: they do not block, and do not consent."""
    view = replay(decision)
    version = _open(view, "stand aside from")
    return _append(
        decision, _event(act, "stood_aside", version=version.number, reason=_optional(reason))
    )


def concern(decision: Decision, act: Act, *, reason: str) -> Decision:
    """A concern about the open proposal, or about the version in force."""
    view = replay(decision)
    target = view.open or (view.current if view.status == "active" else None)
    if target is None:
        raise Refused(f"{view.id} is {view.status}: there is nothing in force or proposed to be concerned about")
    reason = require("concern", reason)
    return _append(
        decision, _event(act, "concern_raised", version=target.number, reason=reason)
    )


def blockers(
    view: DecisionView, rule: Rule, required: Iterable[str], replaced: Sequence[DecisionView] = ()
) -> tuple[list[str], list[str]]:
    """What stands in the way of adopting the open proposal without ``--force``: (notes on
    unresolved objections and on replaced decisions no longer in force, people not yet heard)."""
    version = view.open
    if version is None:
        return [], []
    objections = [f"objection {o.number} by {o.by} is unresolved" for o in version.unresolved]
    if version.number == 1:
        objections += [
            f"{old.id}, which it replaces, is {old.status}" + (f" by {old.superseded_by}" if old.superseded_by else "")
            for old in replaced if old.id in view.replaces and old.status != "active"
        ]
    missing: list[str] = []
    if rule == "consensus":
        heard = set(version.consents) | {r.by for r in version.stand_asides}
        missing = [name for name in required if name not in heard]
    return objections, missing


def adopt(
    decision: Decision,
    act: Act,
    *,
    rule: Rule,
    required: Sequence[str],
    review_by: dt.date,
    replaced: Sequence[Decision] = (),
    force: bool = False,
    why: str | None = None,
) -> tuple[Decision, list[Decision]]:
    """The open proposal comes into force; the decisions it replaces become superseded."""
    view = replay(decision)
    version = _open(view, "adopt")
    if force:
        require("force", why)
    objections, missing = blockers(view, rule, required)
    if (objections or missing) and not force:
        steps = []
        if objections:
            first = version.unresolved[0].number
            steps.append(f'"consensus resolve {view.id} {first} --how …"')
        if missing:
            steps.append(f'"consensus consent {view.id} ' + " ".join(f"--by {_q(n)}" for n in missing) + '"')
        reasons = "; ".join(objections + ([f"not yet heard from {', '.join(missing)} (the consensus rule)"] if missing else []))
        raise Refused(
            f"cannot adopt {view.id}: {reasons} — run {' or '.join(steps)}, or adopt --force --why …"
        )
    superseded: list[Decision] = []
    replaced_by_id = {d.id: d for d in replaced}
    if version.number == 1:
        for old_id in view.replaces:
            old = replaced_by_id.get(old_id)
            if old is None:
                raise ConsensusError(f"{view.id} replaces {old_id}, which is not in the register")
            old_view = replay(old)
            if old_view.status != "active":
                by = f" by {old_view.superseded_by}" if old_view.superseded_by else ""
                raise Refused(
                    f"cannot adopt {view.id}: {old_id}, which it replaces, is {old_view.status}{by} "
                    f"— reject or withdraw {view.id}, or propose a replacement of what is in force now"
                )
            superseded.append(supersede(old, act, by=view.id))
    event = _event(
        act, "adopted", version=version.number, review_by=review_by,
        force=True if force and (objections or missing) else None, why=_optional(why),
    )
    return _append(decision, event), superseded


def _q(name: str) -> str:
    return f"'{name}'" if " " in name or "'" in name else name


def close(decision: Decision, act: Act, kind: str, *, why: str | None) -> Decision:
    """Reject or withdraw the open proposal."""
    view = replay(decision)
    version = _open(view, "reject" if kind == "rejected" else "withdraw")
    if kind == "withdrawn" and act.by != version.proposed_by:
        raise Refused(
            f"only {version.proposed_by}, who proposed version {version.number} of {view.id}, "
            f"can withdraw it — pass --by {_q(version.proposed_by)}, or reject it instead"
        )
    return _append(decision, _event(act, kind, version=version.number, why=_optional(why)))


def retire(decision: Decision, act: Act, *, why: str) -> Decision:
    """End an active decision without a replacement."""
    view = replay(decision)
    if view.status != "active":
        raise Refused(f"{view.id} is {view.status}: only an active decision can be retired")
    why = require("retire", why)
    return _append(decision, _event(act, "retired", why=why))


def review(
    decision: Decision, act: Act, *, next_review: dt.date, note: str | None
) -> Decision:
    """The decision was looked at again and still stands, until ``next_review``."""
    view = replay(decision)
    if view.status != "active":
        raise Refused(f"{view.id} is {view.status}: only an active decision can be reviewed")
    return _append(decision, _event(act, "reviewed", review_by=next_review, note=_optional(note)))


def supersede(decision: Decision, act: Act, *, by: str) -> Decision:
    """``decision`` is replaced by the decision ``by``, which came into force."""
    return _append(decision, _event(act, "superseded", superseded_by=by))


def retract(decision: Decision, act: Act, *, why: str | None,
            supersession_by: str | None = None) -> tuple[Decision, Event]:
    """Take back the newest event that still counts (``undo``); returns the decision and the event
    taken back. Taking back the first proposal withdraws the decision. A replacement is taken back
    only with the adoption that caused it (``supersession_by``: the decision adopted)."""
    view = replay(decision)
    live = [i for i in range(len(decision.history))
            if i not in view.taken_back and decision.history[i].kind != "retracted"]
    target = decision.history[live[-1]]
    if supersession_by is not None and not (target.kind == "superseded" and target.superseded_by == supersession_by):
        raise Refused(
            f"{decision.id} changed after {supersession_by} replaced it, so the adoption of {supersession_by} "
            "cannot be taken back any more — propose a new replacement instead"
        )
    if target.kind == "superseded" and supersession_by is None:
        raise Refused(
            f"the newest step of {view.id} is its replacement by {target.superseded_by} — undo the "
            f'adoption of {target.superseded_by} instead ("consensus undo {target.superseded_by}")'
        )
    texts = {v.number: v for v in decision.versions}
    event = _event(act, "retracted", retracts=chain.identity(target, texts.get(target.version or 0)),
                   why=_optional(why))
    return _append(decision, event), target
