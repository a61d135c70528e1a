"""What two clones did at once without knowing of each other, united by the merge driver: an
objection an adoption did not see stays open, and a decision replaced twice stays for the group to
choose. Both settle with the ordinary steps."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import NamedTuple

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from consensus import chain, process
from consensus.codec import encode_decision, parse_decision
from consensus.competing import Replacements
from consensus.errors import Refused
from consensus.gitmerge import merge_decision
from consensus.models import Decision
from consensus.replay import replay
from tests.conftest import Invoke
from tests.test_merge import apply  # each clone's steps in time order, as the merge property test makes them

START = dt.datetime(2026, 11, 24, 10, 0, tzinfo=dt.UTC)
PATH = "decisions/abcdefgh.toml"


def act(who: str, minutes: float) -> process.Act:
    return process.Act(who, START + dt.timedelta(minutes=minutes))


def proposal() -> Decision:
    return process.propose("abcdefgh", act("Ayşe", 0), title="T", text="x")


def adopt(decision: Decision, minutes: float, force: bool = False) -> Decision:
    return process.adopt(decision, act("Ayşe", minutes), rule="consent", required=[], review_by=START.date(),
                         force=force, why="we must" if force else None)[0]


def both_ways(ours: Decision, theirs: Decision) -> Decision:
    """The merge, which is the same whichever side pulls."""
    merged, _ = merge_decision(ours, theirs, PATH)
    assert merge_decision(theirs, ours, PATH)[0] == merged
    assert not chain.broken_links(merged)
    again = parse_decision(Path(PATH), encode_decision(merged))  # written and read back, it is the same
    assert again.history == merged.history
    assert [dataclasses.replace(v, state=None) for v in again.versions] == list(merged.versions)
    return merged


# -- an objection the adoption did not see ---------------------------------------------------------


def test_an_objection_raised_before_an_adoption_that_did_not_see_it_stays_open() -> None:
    root = proposal()
    adopted = adopt(process.consent(root, act("Ayşe", 5))[0], 6)
    objected, _ = process.object_(root, act("Bo", 1), reason="Too dear")
    view = replay(both_ways(adopted, objected))
    assert view.status == "active" and view.current_version == 1
    (objection,) = view.overlooked
    assert (objection.number, objection.by, objection.reason, objection.overlooked_by) == (1, "Bo", "Too dear", 1)


def test_an_adoption_records_the_objections_it_saw_and_an_empty_list_says_none() -> None:
    root = proposal()
    adopted = adopt(root, 1)
    assert adopted.history[-1].seen == ()
    assert b"seen = []" in encode_decision(adopted)  # written even when empty: it is not an old adoption
    objected, _ = process.object_(root, act("Bo", 1), reason="No")
    resolved = process.resolve(objected, act("Bo", 2), 1, how="talked")
    seen = adopt(resolved, 3).history[-1].seen
    assert seen == (chain.identity(resolved.history[1], None),)


def test_an_adoption_that_saw_an_objection_and_forced_past_it_overlooked_nothing() -> None:
    objected, _ = process.object_(proposal(), act("Bo", 1), reason="No")
    forced = adopt(objected, 2, force=True)
    view = replay(forced)
    assert view.overlooked == [] and view.current is not None and view.current.unresolved
    with pytest.raises(Refused, match="no open proposal whose objections could be resolved"):
        process.resolve(forced, act("Bo", 3), 1, how="talked")


def test_an_adoption_written_before_adoptions_said_what_they_saw_counts_what_came_before_as_seen() -> None:
    root = proposal()
    adopted = adopt(root, 6)
    old = dataclasses.replace(adopted.history[-1], seen=None)
    legacy = chain.relink(dataclasses.replace(adopted, history=(*adopted.history[:-1], old)))
    objected, _ = process.object_(root, act("Bo", 1), reason="Too dear")
    assert replay(both_ways(legacy, objected)).overlooked == []
    late, _ = process.object_(root, act("Bo", 9), reason="Too late")  # after the adoption: unseen either way
    assert [o.reason for o in replay(both_ways(legacy, late)).overlooked] == ["Too late"]


def test_an_overlooked_objection_is_resolved_by_resolve() -> None:
    root = proposal()
    merged = both_ways(adopt(root, 6), process.object_(root, act("Bo", 1), reason="Too dear")[0])
    resolved = process.resolve(merged, act("Bo", 10), 1, how="A cheaper hall")
    view = replay(resolved)
    assert view.overlooked == [] and view.status == "active"
    assert view.current is not None and view.current.objections[0].resolution == "A cheaper hall"
    with pytest.raises(Refused, match="no open proposal whose objections could be resolved"):
        process.resolve(resolved, act("Bo", 11), 1, how="again")


def test_a_new_version_takes_up_an_overlooked_objection_and_may_resolve_it() -> None:
    root = proposal()
    merged = both_ways(adopt(root, 6), process.object_(root, act("Bo", 1), reason="Too dear")[0])
    blocked = process.amend(merged, act("Ayşe", 10), text="y", title=None, why="shorter")
    view = replay(blocked)
    assert view.open is not None and [(o.number, o.overlooked_by) for o in view.open.unresolved] == [(1, 1)]
    with pytest.raises(Refused, match="objection 1 by Bo is unresolved"):
        adopt(blocked, 11)
    assert process.object_(blocked, act("Chris", 11), reason="also")[1] == 2  # numbers go on in the round
    better = process.amend(merged, act("Ayşe", 10), text="y", title=None, why="cheaper", resolves=[1])
    view = replay(adopt(better, 11))
    assert view.current_version == 2 and view.overlooked == []
    assert view.versions[0].objections[0].resolution == "cheaper"


def test_an_objection_raised_after_an_adoption_it_did_not_see_joins_the_round_open_now() -> None:
    root = proposal()
    a = process.amend(adopt(root, 2), act("Ayşe", 3), text="y", title=None, why="better")
    a, _ = process.object_(a, act("Chris", 4), reason="v2 is too long")  # number 1 in version 2's round
    b, _ = process.object_(root, act("Bo", 5), reason="v1 is too dear")  # number 1 against version 1
    merged, notes = merge_decision(a, b, PATH)
    assert notes == ["abcdefgh: objection 1 by Bo is now objection 2"]
    view = replay(merged)
    assert view.open is not None
    assert [(o.number, o.by, o.overlooked_by) for o in view.open.objections] == [(1, "Chris", None), (2, "Bo", 1)]
    assert merge_decision(b, a, PATH)[0] == merged


def test_a_resolution_from_the_other_side_follows_its_renumbered_objection() -> None:
    root = proposal()
    a = process.amend(adopt(root, 2), act("Ayşe", 3), text="y", title=None, why="better")
    a, _ = process.object_(a, act("Chris", 4), reason="v2 is too long")
    b, _ = process.object_(root, act("Bo", 5), reason="v1 is too dear")
    b = process.resolve(b, act("Bo", 6), 1, how="never mind")
    view = replay(both_ways(a, b))
    assert view.open is not None
    assert [(o.number, o.resolved) for o in view.open.objections] == [(1, False), (2, True)]


def test_objections_raised_at_once_against_a_version_and_its_revision_get_distinct_numbers() -> None:
    root = proposal()
    a = process.amend(root, act("Ayşe", 1), text="y", title=None, why="better")
    a, _ = process.object_(a, act("Ayşe", 3), reason="mine on v2")
    b, _ = process.object_(root, act("Bo", 2), reason="bo on v1")
    view = replay(both_ways(a, b))
    assert view.open is not None
    assert [(o.number, o.by) for o in view.open.objections] == [(1, "Bo"), (2, "Ayşe")]


STEP = st.tuples(st.sampled_from(["object", "resolve", "consent"]), st.sampled_from(["Bo", "Chris", "Dana"]),
                 st.integers(min_value=1, max_value=600))


@given(before=st.lists(STEP, max_size=4), theirs=st.lists(STEP, max_size=8), adopt_at=st.integers(1, 600),
       force=st.booleans())
@settings(max_examples=150, deadline=None)
def test_what_the_adoption_did_not_see_stays_open_whichever_side_pulls(
        before: list[tuple[str, str, int]], theirs: list[tuple[str, str, int]], adopt_at: int, force: bool) -> None:
    """One clone adopts while the other goes on with the round: every objection of the other side
    that is unresolved after the merge is open, and it is what the adoption did not see."""
    root = apply(proposal(), before, 0)
    try:
        ours = adopt(root, 20 + adopt_at * 2 / 60, force=force)  # even seconds, after everything before,
        # and anywhere among what the other side does
    except Refused:
        return  # an objection stood in the way and the adoption was not forced
    yours = apply(root, [(k, p, 600 + s) for k, p, s in theirs], 1)  # odd seconds from 20 minutes on
    merged = both_ways(ours, yours)
    view = replay(merged)
    mine = {chain.identity(e, None) for e in yours.history[len(root.history):] if e.kind == "objected"}
    open_theirs = [o for v in view.versions for o in v.objections
                   if not o.resolved and o.raised is not None and chain.identity(o.raised, None) in mine]
    assert {id(o) for o in view.overlooked} == {id(o) for o in open_theirs}
    assert all(o.overlooked_by == 1 for o in view.overlooked)
    assert view.status == "active"


# -- competing replacements ------------------------------------------------------------------------


class Register(NamedTuple):
    old: Decision
    a: Decision  # adopted on one clone, replacing old
    b: Decision  # adopted on the other, replacing old too


def replaced_twice() -> Register:
    old = adopt(proposal(), 1)
    views = [replay(old)]
    a = process.propose("aaaaaaaa", act("Ayşe", 2), title="A", text="a", replaces=views, why="mine")
    b = process.propose("bbbbbbbb", act("Bo", 3), title="B", text="b", replaces=views, why="mine")
    a, (old_a,) = process.adopt(a, act("Ayşe", 4), rule="consent", required=[], review_by=START.date(), replaced=[old])
    b, (old_b,) = process.adopt(b, act("Bo", 5), rule="consent", required=[], review_by=START.date(), replaced=[old])
    merged, notes = merge_decision(old_a, old_b, PATH)
    assert merge_decision(old_b, old_a, PATH)[0] == merged
    assert notes == ["abcdefgh was replaced on both sides at once, by aaaaaaaa and by bbbbbbbb: both replacements "
                     "are kept and in force — the group chooses one (consensus check and the summary say how)"]
    return Register(merged, a, b)


def competitions(*decisions: Decision) -> list[tuple[str, tuple[str, ...]]]:
    views = {d.id: replay(d) for d in decisions}
    return [(c.replaced, c.in_force) for c in Replacements(views).competitions()]


def test_a_decision_replaced_on_both_sides_is_superseded_by_both() -> None:
    old, a, b = replaced_twice()
    view = replay(old)
    assert (view.status, view.superseded_by, view.successors) == ("superseded", "aaaaaaaa", ("aaaaaaaa", "bbbbbbbb"))
    assert b'also_superseded_by = [\n    "bbbbbbbb",\n]' in encode_decision(old)
    assert competitions(old, a, b) == [("abcdefgh", ("aaaaaaaa", "bbbbbbbb"))]


def test_retiring_one_replacement_settles_it() -> None:
    old, a, b = replaced_twice()
    retired = process.retire(b, act("Bo", 9), why="we keep A")
    assert competitions(old, a, retired) == []


def test_a_decision_that_replaces_both_settles_it_and_one_that_replaces_one_does_not() -> None:
    old, a, b = replaced_twice()
    views = [replay(a), replay(b)]
    both = process.propose("cccccccc", act("Chris", 9), title="C", text="c", replaces=views, why="both")
    both, (a2, b2) = process.adopt(both, act("Chris", 10), rule="consent", required=[], review_by=START.date(),
                                   replaced=[a, b])
    assert competitions(old, a2, b2, both) == []
    one = process.propose("cccccccc", act("Chris", 9), title="C", text="c", replaces=views[:1], why="A, better")
    one, (a3,) = process.adopt(one, act("Chris", 10), rule="consent", required=[], review_by=START.date(), replaced=[a])
    assert competitions(old, a3, b, one) == [("abcdefgh", ("cccccccc", "bbbbbbbb"))]


def test_a_merge_that_kept_one_side_still_shows_both_and_can_be_settled() -> None:
    old = adopt(proposal(), 1)
    b = process.propose("bbbbbbbb", act("Bo", 3), title="B", text="b", replaces=[replay(old)], why="mine")
    b, _ = process.adopt(b, act("Bo", 5), rule="consent", required=[], review_by=START.date(), replaced=[old])
    a = process.propose("aaaaaaaa", act("Ayşe", 2), title="A", text="a", replaces=[replay(old)], why="mine")
    a, (kept,) = process.adopt(a, act("Ayşe", 4), rule="consent", required=[], review_by=START.date(), replaced=[old])
    assert competitions(kept, a, b) == [("abcdefgh", ("aaaaaaaa", "bbbbbbbb"))]  # kept: superseded by A only
    assert competitions(kept, a, process.retire(b, act("Bo", 9), why="we keep A")) == []
    assert competitions(old, b) == [("abcdefgh", ("abcdefgh", "bbbbbbbb"))]  # kept the side before any
    assert competitions(process.retire(old, act("Ayşe", 9), why="B instead"), b) == []


def test_a_replacement_on_one_side_and_a_retirement_on_the_other_keep_both() -> None:
    old = adopt(proposal(), 1)
    retired = process.retire(old, act("Ayşe", 2), why="not needed")
    b = process.propose("bbbbbbbb", act("Bo", 3), title="B", text="b", replaces=[replay(old)], why="mine")
    b, (replaced,) = process.adopt(b, act("Bo", 5), rule="consent", required=[], review_by=START.date(), replaced=[old])
    merged, notes = merge_decision(retired, replaced, PATH)
    assert notes == ["abcdefgh was replaced by bbbbbbbb on one side and retired on the other: both are kept, and "
                     "bbbbbbbb is in force"]
    assert merge_decision(replaced, retired, PATH)[0] == merged
    view = replay(merged)
    assert (view.status, view.successors, view.ended_why) == ("superseded", ("bbbbbbbb",), None)
    assert competitions(merged, b) == []


@given(order=st.permutations(["aaaaaaaa", "bbbbbbbb", "cccccccc"]), minutes=st.lists(
    st.integers(min_value=2, max_value=50), min_size=3, max_size=3, unique=True))
@settings(max_examples=60, deadline=None)
def test_replacements_on_three_clones_merge_to_one_state_in_any_order(order: list[str], minutes: list[int]) -> None:
    old = adopt(proposal(), 1)
    ends = []
    for decision_id, at in zip(["aaaaaaaa", "bbbbbbbb", "cccccccc"], minutes, strict=True):
        ends.append(process.supersede(old, act("Ayşe", at), by=decision_id))
    by_id = dict(zip(["aaaaaaaa", "bbbbbbbb", "cccccccc"], ends, strict=True))
    first, second, third = (by_id[i] for i in order)
    merged = merge_decision(merge_decision(first, second, PATH)[0], third, PATH)[0]
    expected = tuple(i for _, i in sorted(zip(minutes, ["aaaaaaaa", "bbbbbbbb", "cccccccc"], strict=True)))
    assert replay(merged).successors == expected
    other = merge_decision(third, merge_decision(second, first, PATH)[0], PATH)[0]
    assert other == merged


def test_only_what_the_adoption_did_not_see_can_be_resolved_after_it() -> None:
    root, _ = process.object_(proposal(), act("Chris", 1), reason="Seen")
    forced = adopt(root, 6, force=True)  # over objection 1, which it saw
    late, _ = process.object_(root, act("Bo", 7), reason="Not seen")  # objection 2 on the other clone
    merged = both_ways(forced, late)
    assert [o.number for o in replay(merged).overlooked] == [2]
    message = ("abcdefgh was adopted over objection 1 with --force; what can be resolved now are the objections its "
               "adoption did not see: 2")
    with pytest.raises(Refused, match=message):
        process.resolve(merged, act("Bo", 10), 1, how="talked")
    with pytest.raises(Refused, match=message):
        process.amend(merged, act("Bo", 10), text="y", title=None, why="better", resolves=[1])
    assert replay(process.amend(merged, act("Bo", 10), text="y", title=None, why="better", resolves=[2])).overlooked == []


def test_the_summary_names_every_decision_that_replaced_one_on_several_clones(
        run: Invoke, reg: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The summary reads the rows of what changed and of the decisions they name; a row names
    one successor, and a decision replaced on three clones at once has three: each is read, and
    named."""
    later = START.date() + dt.timedelta(days=400)
    old = process.adopt(proposal(), act("Ayşe", 1), rule="consent", required=[], review_by=later)[0]
    replaced = []
    for who, new_id, minutes in (("Ayşe", "aaaaaaaa", 5), ("Bo", "bbbbbbbb", 6), ("Chris", "cccccccc", 50 * 24 * 60)):
        new = process.propose(new_id, act(who, minutes - 1), title=new_id[:1].upper(), text=new_id, why="mine",
                              replaces=[replay(old)])
        new, (was,) = process.adopt(new, act(who, minutes), rule="consent", required=[], review_by=later, replaced=[old])
        if new_id != "cccccccc":  # retired soon after: no two stay in force, so none compete
            new = process.retire(new, act(who, minutes + 10), why="C instead")
        (reg / "decisions" / f"{new_id}.toml").write_bytes(encode_decision(new))
        replaced.append(was)
    merged = both_ways(both_ways(replaced[0], replaced[1]), replaced[2])
    (reg / "decisions" / "abcdefgh.toml").write_bytes(encode_decision(merged))
    # The two first replacements are older than the summary's 30 days; the third is not.
    monkeypatch.setenv("CONSENSUS_NOW", (START + dt.timedelta(days=60)).isoformat())
    said = run("summary", "--format", "md").stdout
    assert "**Superseded by:** A `aaaaaaaa`, B `bbbbbbbb`, C `cccccccc`" in said
