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
from .language import N_, _
from .models import Decision, Event, Rule, Version
from .replay import DecisionView, VersionView, replay
from .vocabulary import status_word


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
            raise Refused(_(
                "the clock says {now}, but {id} has an event of {then} ({kind} by {by}): a history cannot "
                "go back in time — check this computer's clock (or $CONSENSUS_NOW)"
            ).format(now=event.at.isoformat(), id=decision.id, then=newest.at.isoformat(), kind=newest.kind,
                     by=newest.by))
    return chain.append(decision, event, *new_versions)


# The words a step cannot do without: (what names it, what is missing, what to say). Front ends
# ask ``require`` before they open an editor or look anything up, so a missing word is the first
# thing a person hears about; the steps below ask again, so no way around them records one.
_NEEDED = {
    "amend": N_("amend needs --why: say what makes the new version better"),
    "object": N_("object needs --reason: say what the objection is"),
    "concern": N_("concern needs --reason: say what the concern is"),
    "retire": N_("retire needs --why: say why the decision ends"),
    "resolve": N_("resolve needs --how: say how the objection was resolved"),
    "replace": N_("--replaces needs --why: say why this is better than what it replaces"),
    "force": N_("--force needs --why: say why the rule is set aside; it is recorded"),
    "title": N_("the title is empty — give the decision a title"),
    "text": N_("the text is empty — say what is proposed with --text, --file or the editor"),
}


def require(step: str, value: str | None) -> str:
    """``value`` stripped, or the refusal of ``step`` without it (see ``_NEEDED``)."""
    if value is None or not value.strip():
        raise Refused(_(_NEEDED[step]))
    return value.strip()


def _optional(value: str | None) -> str | None:
    return value.strip() if value and value.strip() else None


_NO_OPEN = {
    "consent": N_("{id} has no open proposal to consent to"),
    "object": N_("{id} has no open proposal to object to"),
    "resolve": N_("{id} has no open proposal whose objections could be resolved"),
    "aside": N_("{id} has no open proposal to stand aside from"),
    "adopt": N_("{id} has no open proposal to adopt"),
    "reject": N_("{id} has no open proposal to reject"),
    "withdraw": N_("{id} has no open proposal to withdraw"),
}


def _open(view: DecisionView, step: str) -> VersionView:
    version = view.open
    if version is not None:
        return version
    said = _(_NO_OPEN[step]).format(id=view.id) + " — "
    if view.status == "active":
        raise Refused(said + _('propose a change first with "consensus amend {id} --text … --why …"').format(id=view.id),
                      live=said + _("propose a change first: amend: WHY, then the better text"))
    raise Refused(said + _("it is {status}").format(status=status_word(view.status)))


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
                _("{id} is {status}, not in force: only a decision in force can be replaced").format(
                    id=old.id, status=status_word(old.status))
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
            _("{id} is {status}: only an active decision or an open proposal can be amended").format(
                id=view.id, status=status_word(view.status))
            + (_(" — amend {other}, which replaced it").format(other=view.superseded_by) if view.superseded_by else "")
        )
    why = require("amend", why)
    base = base_version(view)
    new_title = title.strip() if title is not None and title.strip() else base.title
    if title is not None and not title.strip():
        raise Refused(_("the title is empty — leave out --title to keep the current one"))
    new_text = base.text if text is None else text
    require("text", new_text)
    if new_text == base.text and new_title == base.title:
        raise Refused(
            _("the new version is identical to version {number} — change the text (--text, --file) or the "
              "title (--title)").format(number=base.number)
        )
    numbers = tuple(dict.fromkeys(resolves))
    for number in numbers:
        if _resolvable(view, number) is None:
            raise Refused(_("{id} has no open proposal, so no objection for --resolves to resolve").format(id=view.id))
    number = max(v.number for v in decision.versions) + 1
    event = _event(act, "amended", version=number, resolves=numbers or None)
    return _append(decision, event, Version(number, new_title, new_text, why))


def base_version(view: DecisionView) -> VersionView:
    """What an amendment starts from: the open proposal it revises, else the version in force."""
    return view.open or view.latest


def consent(decision: Decision, act: Act) -> tuple[Decision, bool]:
    """``act.by`` consents to the open proposal; False if they already had."""
    view = replay(decision)
    version = _open(view, "consent")
    if act.by in version.consents:
        return decision, False
    return _append(decision, _event(act, "consented", version=version.number)), True


def object_(decision: Decision, act: Act, *, reason: str) -> tuple[Decision, int]:
    """An objection to the open proposal; returns its number."""
    view = replay(decision)
    version = _open(view, "object")
    reason = require("object", reason)
    number = max(version.last_objection, *(o.number for o in version.objections), 0) + 1
    event = _event(act, "objected", version=version.number, number=number, reason=reason)
    return _append(decision, event), number


def _resolvable(view: DecisionView, number: int) -> VersionView | None:
    """The version whose objection ``number`` can be resolved now: the open proposal's; else, for
    a decision in force, one that its adoption did not see (a new version takes it up). None when
    there is neither; refused when ``number`` is not among them."""
    if view.open is not None:
        _unresolved(view, view.open, number)
        return view.open
    if not view.overlooked or view.current is None:
        return None
    _unresolved(view, view.current, number)
    if not any(o.number == number for o in view.overlooked):
        numbers = ", ".join(str(o.number) for o in view.overlooked)
        raise Refused(_("{id} was adopted over objection {number} with --force; what can be resolved now are the "
                        "objections its adoption did not see: {numbers}").format(
                            number=number, id=view.id, numbers=numbers))
    return view.current


def resolve(decision: Decision, act: Act, number: int, *, how: str | None) -> Decision:
    """Objection ``number`` of the open proposal is resolved, ``how`` says how; or one that the
    adoption in force did not see."""
    view = replay(decision)
    version = _resolvable(view, number) or _open(view, "resolve")
    how = require("resolve", how)
    return _append(
        decision, _event(act, "resolved", version=version.number, objection=number, how=how)
    )


def _unresolved(view: DecisionView, version: VersionView, number: int) -> None:
    """Refuse unless ``number`` is an objection to ``version`` that is still unresolved."""
    objection = next((o for o in version.objections if o.number == number), None)
    if objection is None:
        numbers = ", ".join(str(o.number) for o in version.unresolved)
        listed = _("unresolved: {numbers}").format(numbers=numbers) if numbers else _("it has no unresolved objection")
        raise Refused(_("version {version} of {id} has no objection {number} ({listed})").format(
            version=version.number, id=view.id, number=number, listed=listed))
    if objection.resolved:
        raise Refused(_("objection {number} to {id} was already resolved by {name}").format(
            number=number, id=view.id, name=objection.resolved_by))


def stand_aside(decision: Decision, act: Act, *, reason: str | None) -> Decision:
    """``act.by`` stands aside: they do not block, and do not consent."""
    view = replay(decision)
    version = _open(view, "aside")
    return _append(
        decision, _event(act, "stood_aside", version=version.number, reason=_optional(reason))
    )


def concern(decision: Decision, act: Act, *, reason: str) -> Decision:
    """A concern about the open proposal, or about the version in force."""
    view = replay(decision)
    target = view.open or (view.current if view.status == "active" else None)
    if target is None:
        raise Refused(_("{id} is {status}: there is nothing in force or proposed to be concerned about").format(
            id=view.id, status=status_word(view.status)))
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
    objections = [_("objection {number} by {name} is unresolved").format(number=o.number, name=o.by)
                  for o in version.unresolved]
    if version.number == 1:
        objections += [
            _("{id}, which it replaces, is {status}").format(id=old.id, status=status_word(old.status))
            + (_(" by {other}").format(other=old.superseded_by) if old.superseded_by else "")
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
        steps, lines = [], []
        if objections:
            first = version.unresolved[0].number
            steps.append(f'"consensus resolve {view.id} {first} --how …"')
            lines.append(_("resolve {number}: HOW").format(number=first))
        if missing:
            steps.append(f'"consensus consent {view.id} ' + " ".join(f"--by {_q(n)}" for n in missing) + '"')
            lines.append(_("consent {names}").format(names=", ".join(missing)))
        unheard = [_("not yet heard from {names} (the consensus rule)").format(names=", ".join(missing))]
        reasons = "; ".join(objections + (unheard if missing else []))
        raise Refused(
            _("cannot adopt {id}: {reasons} — run {steps}, or adopt --force --why …").format(
                id=view.id, reasons=reasons, steps=_(" or ").join(steps)),
            live=_('cannot adopt {id}: {reasons} — type {lines} (adopting over it is for "consensus adopt --force '
                   '--why …")').format(id=view.id, reasons=reasons, lines=_(" or ").join(lines)),
        )
    superseded: list[Decision] = []
    replaced_by_id = {d.id: d for d in replaced}
    if version.number == 1:
        for old_id in view.replaces:
            old = replaced_by_id.get(old_id)
            if old is None:
                raise ConsensusError(_("{id} replaces {other}, which is not in the register").format(
                    id=view.id, other=old_id))
            old_view = replay(old)
            if old_view.status != "active":
                by = _(" by {other}").format(other=old_view.superseded_by) if old_view.superseded_by else ""
                raise Refused(
                    _("cannot adopt {id}: {other}, which it replaces, is {status}{by} — reject or withdraw {id}, "
                      "or propose a replacement of what is in force now").format(
                        id=view.id, other=old_id, status=status_word(old_view.status), by=by)
                )
            superseded.append(supersede(old, act, by=view.id))
    event = _event(
        act, "adopted", version=version.number, review_by=review_by,
        force=True if force and (objections or missing) else None, why=_optional(why),
        seen=tuple(chain.identity(o.raised, None) for o in version.objections if o.raised is not None),
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
            _("only {name}, who proposed version {version} of {id}, can withdraw it — pass --by {quoted}, or "
              "reject it instead").format(name=version.proposed_by, version=version.number, id=view.id,
                                          quoted=_q(version.proposed_by))
        )
    return _append(decision, _event(act, kind, version=version.number, why=_optional(why)))


def retire(decision: Decision, act: Act, *, why: str) -> Decision:
    """End an active decision without a replacement."""
    view = replay(decision)
    if view.status != "active":
        raise Refused(_("{id} is {status}: only an active decision can be retired").format(
            id=view.id, status=status_word(view.status)))
    why = require("retire", why)
    return _append(decision, _event(act, "retired", why=why))


def review(
    decision: Decision, act: Act, *, next_review: dt.date, note: str | None
) -> Decision:
    """The decision was looked at again and still stands, until ``next_review``."""
    view = replay(decision)
    if view.status != "active":
        raise Refused(_("{id} is {status}: only an active decision can be reviewed").format(
            id=view.id, status=status_word(view.status)))
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
    if not live:  # its proposal was taken back already: nothing of it counts any more
        raise Refused(_("{id} has nothing left to take back: its proposal was taken back, which withdrew it "
                        "— propose it again if that was a slip").format(id=view.id))
    target = decision.history[live[-1]]
    if supersession_by is not None and not (target.kind == "superseded" and target.superseded_by == supersession_by):
        raise Refused(
            _("{id} changed after {other} replaced it, so the adoption of {other} cannot be taken back any "
              "more — propose a new replacement instead").format(id=decision.id, other=supersession_by)
        )
    if target.kind == "superseded" and supersession_by is None:
        raise Refused(
            _('the newest step of {id} is its replacement by {other} — undo the adoption of {other} instead '
              '("consensus undo {other}")').format(id=view.id, other=target.superseded_by)
        )
    texts = {v.number: v for v in decision.versions}
    event = _event(act, "retracted", retracts=chain.identity(target, texts.get(target.version or 0)),
                   why=_optional(why))
    return _append(decision, event), target
