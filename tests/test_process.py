"""The process rules as tables: which steps are allowed when, and what adoption needs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from consensus import process
from consensus.errors import Refused
from consensus.models import Decision
from consensus.replay import replay

AT = dt.datetime(2026, 11, 24, 19, 0, tzinfo=dt.UTC)
REVIEW = dt.date(2027, 11, 24)


def act(by: str = "Ayşe") -> process.Act:
    return process.Act(by=by, at=AT)


def proposed() -> Decision:
    return process.propose("abcdefgh", act(), title="T", text="x")


def adopted() -> Decision:
    decision, _ = process.adopt(proposed(), act(), rule="consent", required=[], review_by=REVIEW)
    return decision


def amended() -> Decision:
    return process.amend(adopted(), act(), text="y", title=None, why="better")


def rejected() -> Decision:
    return process.close(proposed(), act(), "rejected", why=None)


def withdrawn() -> Decision:
    return process.close(proposed(), act(), "withdrawn", why=None)


def retired() -> Decision:
    return process.retire(adopted(), act(), why="over")


def superseded() -> Decision:
    old = adopted()
    new = process.propose("bcdefghi", act(), title="N", text="n", replaces=[replay(old)], why="w")
    _, (old,) = process.adopt(new, act(), rule="consent", required=[], review_by=REVIEW, replaced=[old])
    return old


STATES: dict[str, Callable[[], Decision]] = {
    "proposed": proposed, "active": adopted, "amendment open": amended, "rejected": rejected,
    "withdrawn": withdrawn, "retired": retired, "superseded": superseded,
}
STEPS: dict[str, Callable[[Decision], object]] = {
    "consent": lambda d: process.consent(d, act("Bo")),
    "object": lambda d: process.object_(d, act("Bo"), reason="r"),
    "stand-aside": lambda d: process.stand_aside(d, act("Bo"), reason=None),
    "concern": lambda d: process.concern(d, act("Bo"), reason="r"),
    "adopt": lambda d: process.adopt(d, act(), rule="consent", required=[], review_by=REVIEW),
    "reject": lambda d: process.close(d, act(), "rejected", why=None),
    "withdraw": lambda d: process.close(d, act(), "withdrawn", why=None),
    "amend": lambda d: process.amend(d, act(), text="z", title=None, why="w"),
    "retire": lambda d: process.retire(d, act(), why="w"),
    "review": lambda d: process.review(d, act(), next_review=REVIEW, note=None),
}
# Which step is allowed in which state: everything else is refused.
ALLOWED = {
    "proposed": {"consent", "object", "stand-aside", "concern", "adopt", "reject", "withdraw", "amend"},
    "active": {"concern", "amend", "retire", "review"},
    "amendment open": {"consent", "object", "stand-aside", "concern", "adopt", "reject",
                       "withdraw", "retire", "review", "amend"},
    "rejected": set(),
    "withdrawn": set(),
    "retired": set(),
    "superseded": set(),
}


@pytest.mark.parametrize("state", list(STATES))
@pytest.mark.parametrize("step", list(STEPS))
def test_step_allowed_in_state(state: str, step: str) -> None:
    decision = STATES[state]()
    if step in ALLOWED[state]:
        STEPS[step](decision)
    else:
        with pytest.raises(Refused):
            STEPS[step](decision)


@pytest.mark.parametrize(
    ("rule", "consents", "stand_asides", "objection", "resolved", "required", "ok"),
    [
        pytest.param("consent", [], [], False, False, ["A", "B"], True, id="consent-rule-needs-no-consents"),
        pytest.param("consent", ["A"], [], True, False, [], False, id="objection-blocks-adopt"),
        pytest.param("consent", ["A"], [], True, True, [], True, id="resolved-objection-does-not-block"),
        pytest.param("consensus", ["A"], [], False, False, ["A", "B"], False, id="consensus-needs-everyone"),
        pytest.param("consensus", ["A"], ["B"], False, False, ["A", "B"], True, id="stand-aside-counts"),
        pytest.param("consensus", ["A", "B"], [], True, False, ["A", "B"], False, id="consensus-objection-blocks"),
        pytest.param("consensus", [], [], False, False, [], True, id="nobody-required"),
    ],
)
def test_adoption_rules(rule: str, consents: list[str], stand_asides: list[str], objection: bool,
                        resolved: bool, required: list[str], ok: bool) -> None:
    decision = proposed()
    if objection:
        decision, number = process.object_(decision, act("C"), reason="no")
        if resolved:
            decision = process.resolve(decision, act("C"), number, how="fixed")
    for name in consents:
        decision, _ = process.consent(decision, act(name))
    for name in stand_asides:
        decision = process.stand_aside(decision, act(name), reason=None)
    adopt = lambda: process.adopt(decision, act(), rule=rule, required=required, review_by=REVIEW)  # type: ignore[arg-type]  # noqa: E731
    if ok:
        adopt()
    else:
        with pytest.raises(Refused):
            adopt()
        forced, _ = process.adopt(decision, act(), rule=rule, required=required,  # type: ignore[arg-type]
                                  review_by=REVIEW, force=True, why="urgent")
        assert replay(forced).current and replay(forced).current.forced


def test_superseded_decision_closes_its_open_amendment() -> None:
    old = adopted()
    old = process.amend(old, act(), text="y", title=None, why="better")
    new = process.propose("bcdefghi", act(), title="N", text="n", replaces=[replay(old)], why="w")
    _, (old,) = process.adopt(new, act(), rule="consent", required=[], review_by=REVIEW, replaced=[old])
    view = replay(old)
    assert view.status == "superseded" and view.open is None
    assert [v.state for v in view.versions] == ["adopted", "withdrawn"]


def test_stance_changes_replace_each_other() -> None:
    decision = proposed()
    decision, _ = process.consent(decision, act("B"))
    decision = process.stand_aside(decision, act("B"), reason="tired")
    version = replay(decision).versions[0]
    assert version.consents == [] and [r.by for r in version.stand_asides] == ["B"]
    decision, _ = process.consent(decision, act("B"))
    version = replay(decision).versions[0]
    assert version.consents == ["B"] and version.stand_asides == []


def test_the_vocabulary_for_help_matches_the_models() -> None:
    from consensus import models, vocabulary

    assert vocabulary.STATUSES == models.STATUSES
