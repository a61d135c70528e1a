"""The merge driver's core as properties: nothing lost, order by time, same result either way."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from consensus import chain, process
from consensus.gitmerge import Clash, merge_decision
from consensus.models import Decision
from consensus.replay import replay

START = dt.datetime(2026, 11, 24, 10, 0, tzinfo=dt.UTC)
PEOPLE = ["Ayşe", "Bo", "Chris", "Dana"]
step = st.tuples(st.sampled_from(["consent", "object", "concern", "aside", "resolve"]),
                 st.sampled_from(PEOPLE), st.integers(min_value=1, max_value=10_000))


def base() -> Decision:
    return process.propose("abcdefgh", process.Act("Ayşe", START), title="T", text="x")


def apply(decision: Decision, steps: list[tuple[str, str, int]], offset: int) -> Decision:
    for kind, person, seconds in sorted(steps, key=lambda s: s[2]):
        act = process.Act(person, START + dt.timedelta(seconds=seconds * 2 + offset))
        if kind == "consent":
            decision, _ = process.consent(decision, act)
        elif kind == "object":
            decision, _ = process.object_(decision, act, reason=f"{person} {seconds}")
        elif kind == "concern":
            decision = process.concern(decision, act, reason=f"{person} {seconds}")
        elif kind == "aside":
            decision = process.stand_aside(decision, act, reason=None)
        else:
            open_ = replay(decision).open
            if open_ and open_.unresolved:
                decision = process.resolve(decision, act, open_.unresolved[0].number, how="talked")
    return decision


@given(ours=st.lists(step, max_size=12), theirs=st.lists(step, max_size=12))
@settings(max_examples=200, deadline=None)
def test_merging_keeps_every_event_and_is_symmetric(ours: list[tuple[str, str, int]],
                                                    theirs: list[tuple[str, str, int]]) -> None:
    root = base()
    mine, yours = apply(root, ours, 0), apply(root, theirs, 1)  # odd and even seconds never tie
    merged, _ = merge_decision(mine, yours, "decisions/abcdefgh.toml")
    other, _ = merge_decision(yours, mine, "decisions/abcdefgh.toml")
    assert merged == other
    assert len(merged.history) == len(mine.history) + len(yours.history) - 1
    assert [e.at for e in merged.history] == sorted(e.at for e in merged.history)
    assert not chain.broken_links(merged)
    view = replay(merged)
    version = view.versions[0]
    assert sorted(o.reason for o in version.objections) == sorted(
        [f"{p} {s}" for k, p, s in ours if k == "object"] + [f"{p} {s}" for k, p, s in theirs if k == "object"]
    )
    assert sorted(o.number for o in version.objections) == list(range(1, len(version.objections) + 1))
    again, _ = merge_decision(merged, mine, "decisions/abcdefgh.toml")
    assert again == merged  # merging what is already in adds nothing


def test_two_adoptions_of_different_amendments_clash() -> None:
    root = base()
    root, _ = process.adopt(root, process.Act("Ayşe", START), rule="consent", required=[], review_by=START.date())
    a = process.amend(root, process.Act("Ayşe", START + dt.timedelta(minutes=1)), text="a", title=None, why="a")
    b = process.amend(root, process.Act("Bo", START + dt.timedelta(minutes=2)), text="b", title=None, why="b")
    with pytest.raises(Clash, match="both sides proposed a different version 2"):
        merge_decision(a, b, "decisions/abcdefgh.toml")


def test_the_same_adoption_on_both_sides_counts_once() -> None:
    root = base()
    a, _ = process.adopt(root, process.Act("Ayşe", START + dt.timedelta(minutes=1)), rule="consent", required=[], review_by=START.date())
    b, _ = process.adopt(root, process.Act("Bo", START + dt.timedelta(minutes=2)), rule="consent", required=[], review_by=START.date())
    merged, notes = merge_decision(a, b, "decisions/abcdefgh.toml")
    assert [e.kind for e in merged.history] == ["proposed", "adopted"]
    assert notes == ["abcdefgh: both sides recorded 'adopted' v1 by Bo at 2026-11-24T10:02:00+00:00; kept it once"]


def test_different_decisions_under_one_id_clash() -> None:
    a = process.propose("abcdefgh", process.Act("Ayşe", START), title="A", text="a")
    b = process.propose("abcdefgh", process.Act("Bo", START), title="B", text="b")
    with pytest.raises(Clash, match="two different decisions got the same id abcdefgh"):
        merge_decision(a, b, "decisions/abcdefgh.toml")
