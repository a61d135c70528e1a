"""The consent round improves in the meeting: revise, resolve by amending, undo, guests, minutes
that tell each decision once (shared/spec/meetings.md, above "Live notes")."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from consensus import process
from consensus.errors import ConsensusError
from consensus.models import Decision
from consensus.replay import DecisionView, replay

from .conftest import Invoke, files


def show(run: Invoke, decision: str) -> dict[str, Any]:
    return json.loads(run("show", decision, "--json").stdout)


@pytest.fixture
def six(run: Invoke, reg: Path) -> Path:
    """The register with Ann, Bob and Dee too: a six-person meeting."""
    run("members", "add", "Ann", "Bob", "Dee")
    return reg


def test_the_round_of_the_issue_gives_minutes_with_version_two_told_once(run: Invoke, six: Path) -> None:
    run("meeting", "start", "--title", "Circle", "--attendee", "Bob", "--attendee", "Ann")
    d = run("propose", "Snacks", "--text", "Everyone brings snacks.").stdout.strip()
    run("consent", d, "--by", "Bob")
    run("adopt", d)
    run("amend", d, "--text", "Snacks rotate by a sign-up list.", "--why", "Fairer for everyone")
    run("consent", d, "--by", "Bob", "--by", "Ann")
    run("adopt", d)
    run("meeting", "end")
    minutes = run("meeting", "show", "last").stdout
    assert minutes.count(f"`{d}`") == 1, "each decision is told once"
    assert f"`{d}` _· version 2 · on 2026-11-24 by Ayşe_" in minutes
    assert "**Why it is better:** Fairer for everyone" in minutes
    assert "```diff\n- Everyone brings snacks.\n+ Snacks rotate by a sign-up list.\n```" in minutes
    assert "- **Consents:** Bob and Ann\n" in minutes
    data = json.loads(run("meeting", "show", "last", "--format", "json").stdout)
    (item,) = data["decisions"]
    assert (item["version"], item["text"], item["why"]) == (2, "Snacks rotate by a sign-up list.", "Fairer for everyone")
    assert item["consents"] == ["Bob", "Ann"] and item["proposed_by"] == "Ayşe"
    assert item["unified"].startswith(f"--- {d} v1\n+++ {d} v2\n")


def test_an_open_proposal_is_revised_and_its_objection_resolved_by_the_new_version(
    run: Invoke, reg: Path, propose: Callable[..., str]
) -> None:
    d = propose()
    run("consent", d, "--by", "Bo")
    assert run("object", d, "--by", "Chris", "--reason", "Tuesday is choir night").stdout == "1\n"
    result = run("amend", d, "--text", "We meet every Wednesday at 7 pm.", "--why", "Wednesdays suit everyone",
                 "--resolves", "1")
    assert result.stderr == f"Proposed version 2 of {d} (revising version 1); resolves objection 1 — open for consent\n"
    data = show(run, d)
    assert data["status"] == "proposed" and data["open_version"] == 2
    first, second = data["versions"]
    assert (first["state"], second["state"]) == ("revised", "open")
    assert first["consents"] == ["Bo"] and second["consents"] == []  # consents were given to the old text
    card = run("show", d, "--version", "1").stdout
    assert f"{d} · proposed · v1 revised" in card and "Consents: Bo" in card  # the earlier version, its own round
    assert second["objections"] == [{"number": 1, "by": "Chris", "reason": "Tuesday is choir night",
                                     "resolved": True, "resolution": "Wednesdays suit everyone",
                                     "overlooked_by": None}]
    assert "Ready to adopt" in run("show", d).stdout
    run("adopt", d)
    assert show(run, d)["versions"][1]["state"] == "adopted"
    run("check")


def test_a_revision_after_one_taken_back_says_what_it_revises_and_each_number_once(
    run: Invoke, reg: Path, propose: Callable[..., str]
) -> None:
    d = propose()
    run("object", d, "--by", "Chris", "--reason", "choir night")
    assert run("amend", d, "--text", "Wednesdays.", "--why", "w", "--resolves", "1", "--resolves", "1").stderr == (
        f"Proposed version 2 of {d} (revising version 1); resolves objection 1 — open for consent\n")
    run("undo")
    assert run("amend", d, "--text", "Thursdays.", "--why", "t").stderr == (
        f"Proposed version 3 of {d} (revising version 1) — open for consent\n")  # 2 stays the one taken back


def test_objections_stay_open_through_a_revision_and_keep_counting(
    run: Invoke, reg: Path, propose: Callable[..., str]
) -> None:
    d = propose()
    run("object", d, "--by", "Chris", "--reason", "Too early")
    run("amend", d, "--text", "We meet at 8 pm.", "--why", "Later")
    assert run("adopt", d, code=1).stderr.startswith(f"Error: cannot adopt {d}: objection 1 by Chris is unresolved")
    assert run("object", d, "--by", "Bo", "--reason", "Too late now").stdout == "2\n"
    run("resolve", d, "1", "--how", "8 pm is fine after all", "--by", "Chris")
    versions = show(run, d)["versions"]
    assert [o["number"] for o in versions[1]["objections"]] == [1, 2]
    assert [o["resolved"] for o in versions[1]["objections"]] == [True, False]


def test_amend_refuses_to_resolve_what_is_not_open(run: Invoke, reg: Path, adopted: str) -> None:
    before = files(reg)
    assert run("amend", adopted, "--text", "x", "--why", "y", "--resolves", "1", code=1).stderr == (
        f"Error: {adopted} has no open proposal, so no objection for --resolves to resolve\n"
    )
    assert files(reg) == before


def test_resolve_needs_how(run: Invoke, reg: Path, propose: Callable[..., str]) -> None:
    d = propose()
    run("object", d, "--by", "Bo", "--reason", "r")
    before = files(reg)
    assert run("resolve", d, "1", code=1).stderr == "Error: resolve needs --how: say how the objection was resolved\n"
    assert files(reg) == before


def test_diff_without_versions_compares_in_force_with_newest_and_versions_read_v2(
    run: Invoke, reg: Path, adopted: str
) -> None:
    run("amend", adopted, "--text", "We meet every Wednesday.", "--why", "choir")
    run("amend", adopted, "--text", "We meet every Thursday.", "--why", "even better")
    data = json.loads(run("diff", adopted, "--json").stdout)
    assert (data["from"], data["to"]) == (1, 3)
    assert json.loads(run("diff", adopted, "v2", "V3", "--json").stdout)["from"] == 2
    assert json.loads(run("show", adopted, "--version", "v2", "--json").stdout)["id"] == adopted
    assert run("diff", adopted, "vx", code=2).stderr.endswith("'vx' is not a version: write it as 2 or v2\n")


def test_a_round_that_was_not_held_is_visible(run: Invoke, reg: Path, adopted: str) -> None:
    assert "│ Consents: no consents recorded" in run("show", adopted).stdout
    summary = run("summary", "--since", "2026-01-01").stdout
    assert "- **Consents:** no consents recorded" in summary


def test_ready_to_adopt_only_when_adopt_would_pass(run: Invoke, reg: Path, adopted: str) -> None:
    first = run("propose", "A", "--text", "a", "--replaces", adopted, "--why", "w").stdout.strip()
    second = run("propose", "B", "--text", "b", "--replaces", adopted, "--why", "w").stdout.strip()
    run("adopt", first)
    assert "Ready to adopt" not in run("show", second).stdout
    assert f"Blocked: {adopted}, which it replaces, is superseded by {first}." in run("show", second).stdout
    summary = json.loads(run("summary", "--format", "json", "--since", "2026-01-01").stdout)
    (proposal,) = [p for p in summary["open_proposals"] if p["id"] == second]
    assert proposal["ready"] is False
    run("adopt", second, code=1)


# -- undo --------------------------------------------------------------------------------


def state(view: DecisionView) -> Any:
    """What a decision is, apart from its history: as a person sees it."""
    return (
        view.status, view.current_version, view.open_version, view.review_by, view.superseded_by,
        [(v.number, v.state, v.text, v.consents, [(r.by, r.reason) for r in v.stand_asides],
          [(o.number, o.by, o.resolved, o.resolution) for o in v.objections],
          [(r.by, r.reason) for r in v.concerns]) for v in view.versions],
    )


STEPS = {
    "consent": ["consent", "{d}", "--by", "Bo"],
    "objection": ["object", "{d}", "--by", "Chris", "--reason", "no"],
    "concern": ["concern", "{d}", "--by", "Chris", "--reason", "hmm"],
    "stand-aside": ["stand-aside", "{d}", "--by", "Bo"],
    "amend": ["amend", "{d}", "--text", "Better.", "--why", "clearer"],
    "adopt": ["adopt", "{d}"],
    "reject": ["reject", "{d}"],
}


@pytest.mark.parametrize("kind", [*STEPS, "resolve", "propose"])
def test_undo_takes_back_every_kind_of_step(run: Invoke, reg: Path, propose: Callable[..., str], kind: str) -> None:
    d = propose()
    if kind == "resolve":
        run("object", d, "--by", "Chris", "--reason", "no")
        args = ["resolve", d, "1", "--how", "talked"]
    elif kind == "propose":
        args = []
    else:
        args = [a.format(d=d) for a in STEPS[kind]]
    before = show(run, d)
    if args:
        run(*args)
    result = run("undo")
    after = show(run, d)
    if kind == "propose":
        assert after["status"] == "withdrawn"
        assert result.stderr == f"Took back the proposal of {d} — {d} is withdrawn\n"
    else:
        keys = ("status", "current_version", "open_version", "review_by")
        assert {k: after[k] for k in keys} == {k: before[k] for k in keys}
        assert [(v["state"], v["consents"], v["objections"], v["concerns"], v["stand_asides"])
                for v in after["versions"]] == [
            (v["state"], v["consents"], v["objections"], v["concerns"], v["stand_asides"]) for v in before["versions"]]
    assert after["history"][-1]["kind"] == "retracted"
    history = run("history", d).stdout
    assert "took back" in history
    assert after["history"][-1]["retracts"] and len(after["history"]) == len(before["history"]) + (2 if args else 1)
    run("check")


def test_undo_again_takes_back_the_step_before(run: Invoke, reg: Path, propose: Callable[..., str]) -> None:
    d = propose()
    run("consent", d, "--by", "Bo")
    run("consent", d, "--by", "Chris")
    assert run("undo", "--why", "wrong name").stderr == f"Took back Chris's consent to version 1 of {d} — {d} is proposed\n"
    assert run("undo", d).stderr == f"Took back Bo's consent to version 1 of {d} — {d} is proposed\n"
    assert show(run, d)["versions"][0]["consents"] == []
    run("consent", "last", "--by", "Bo")
    assert show(run, d)["versions"][0]["consents"] == ["Bo"]


def test_undo_past_a_withdrawn_proposal_says_nothing_is_left(run: Invoke, reg: Path, propose: Callable[..., str]) -> None:
    d = propose()
    run("undo", d)
    before = files(reg)
    assert run("undo", d, code=1).stderr == (
        f"Error: {d} has nothing left to take back: its proposal was taken back, which withdrew it "
        "— propose it again if that was a slip\n")
    assert files(reg) == before


def test_changes_say_what_was_taken_back_as_history_does(run: Invoke, reg: Path, propose: Callable[..., str],
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    d = propose()
    run("consent", d, "--by", "Bo")
    run("undo")
    lines = [line.split("  ", 2)[2] for line in run("changes", "--since", "2000-01-01").stdout.splitlines()[1:]]
    assert lines == ["Ayşe proposed v1 · Meet on Tuesdays", "Bo consented v1 · Meet on Tuesdays (taken back)",
                     "Ayşe took back Bo's consent to version 1 · Meet on Tuesdays"]
    monkeypatch.setenv("CONSENSUS_LANG", "de")
    assert run("changes", "--since", "2000-01-01").stdout.splitlines()[-1].endswith(
        "Ayşe hat die Zustimmung von Bo zu Version 1 zurückgenommen · Meet on Tuesdays")


def test_undoing_an_adoption_puts_back_in_force_what_it_replaced(run: Invoke, reg: Path, adopted: str) -> None:
    new = run("propose", "Wednesdays", "--text", "w", "--replaces", adopted, "--why", "choir").stdout.strip()
    run("adopt", new)
    assert show(run, adopted)["status"] == "superseded"
    before = files(reg)
    assert run("undo", adopted, code=1).stderr == (
        f"Error: the newest step of {adopted} is its replacement by {new} — undo the adoption of {new} "
        f'instead ("consensus undo {new}")\n'
    )
    assert files(reg) == before
    assert run("undo", new).stderr == f"Took back the adoption of version 1 of {new} — {new} is proposed\n{adopted} is in force again\n"
    assert show(run, adopted)["status"] == "active" and show(run, new)["status"] == "proposed"
    run("check")
    run("adopt", new)
    assert show(run, adopted)["superseded_by"] == new


def test_undo_with_nothing_written_here_says_what_to_do(run: Invoke, reg: Path) -> None:
    assert run("undo", code=1).stderr == 'Error: no decision was changed on this machine yet, so there is no "last" — give an id\n'


# -- meetings: cancel, guests, all, the last one ------------------------------------------


def test_a_meeting_started_by_mistake_is_cancelled(run: Invoke, reg: Path, propose: Callable[..., str]) -> None:
    before = files(reg)
    meeting = run("meeting", "start", "--title", "Oops").stdout.strip()
    assert run("meeting", "cancel").stderr == f'Cancelled {meeting} "Oops": nothing was recorded in it, and no record of it is kept\n'
    assert files(reg) == before
    assert json.loads(run("meeting", "list", "--json").stdout) == []


def test_a_meeting_with_steps_in_it_is_not_cancelled(run: Invoke, reg: Path, propose: Callable[..., str]) -> None:
    meeting = run("meeting", "start", "--title", "Real").stdout.strip()
    d = propose()
    run("consent", d, "--by", "Bo")
    assert run("meeting", "cancel", code=1).stderr == (
        f'Error: 2 events were recorded in {meeting} "Real", so it cannot be cancelled — end it with '
        '"consensus meeting end" (its minutes keep them), after "consensus undo" for any step recorded by mistake\n'
    )


def test_a_meeting_whose_steps_were_all_taken_back_recorded_nothing(
        run: Invoke, reg: Path, propose: Callable[..., str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONSENSUS_NOW", "2026-11-20T19:00:00+01:00")
    run("meeting", "start", "--title", "Real")
    d = propose()
    run("adopt", d)
    run("meeting", "end")
    monkeypatch.setenv("CONSENSUS_NOW", "2026-11-24T19:00:00+01:00")
    meeting = run("meeting", "start", "--title", "Slip").stdout.strip()
    run("consent", propose(), "--by", "Bo")
    run("undo")
    assert run("meeting", "cancel", code=1).stderr == (
        f'Error: 1 event was recorded in {meeting} "Slip", so it cannot be cancelled — end it with '
        '"consensus meeting end" (its minutes keep it), after "consensus undo" for a step recorded by mistake\n')
    run("undo")
    before = files(reg)
    assert run("meeting", "cancel", code=1).stderr == (
        f'Error: everything recorded in {meeting} "Slip" was taken back, but the events still name it, so it '
        'cannot be cancelled — end it with "consensus meeting end": its minutes say nothing was recorded, and '
        'summary and changes pass over it\n')
    assert files(reg) == before
    run("meeting", "end")
    assert "Nothing was recorded in this meeting." in run("meeting", "show", "last").stdout
    data = json.loads(run("summary", "--format", "json").stdout)
    assert data["since"] == "2026-11-20T19:00:00+01:00"  # from "Real", not from "Slip"
    run("check")


def test_taking_back_an_earlier_step_in_a_meeting_is_a_step_of_that_meeting(
        run: Invoke, reg: Path, propose: Callable[..., str]) -> None:
    d = propose()
    run("adopt", d)
    meeting = run("meeting", "start", "--title", "Second thoughts").stdout.strip()
    run("undo", d)
    assert run("meeting", "cancel", code=1).stderr.startswith(f'Error: 1 event was recorded in {meeting} "Second thoughts"')
    run("meeting", "end")
    minutes = run("meeting", "show", "last").stdout
    assert "- Ayşe took back an earlier step" in minutes and "Nothing was recorded" not in minutes
    assert json.loads(run("summary", "--format", "json").stdout)["since_meeting"] == meeting


def test_an_empty_meeting_is_not_the_last_meeting(run: Invoke, reg: Path, propose: Callable[..., str],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONSENSUS_NOW", "2026-11-20T19:00:00+01:00")
    run("meeting", "start", "--title", "Real")
    d = propose()
    run("adopt", d)
    monkeypatch.setenv("CONSENSUS_NOW", "2026-11-20T21:00:00+01:00")
    run("meeting", "end")
    monkeypatch.setenv("CONSENSUS_NOW", "2026-11-24T19:00:00+01:00")
    run("meeting", "start", "--title", "Empty")
    run("meeting", "end")
    data = json.loads(run("summary", "--format", "json").stdout)
    assert data["since"] == "2026-11-20T19:00:00+01:00"
    assert [c["id"] for c in data["changes"]] == [d]
    assert "Changes since the meeting “Real”" in run("summary").stdout
    assert json.loads(run("changes", "--since", "last-meeting", "--json").stdout)


def test_guests_raise_concerns_but_do_not_consent(run: Invoke, reg: Path, propose: Callable[..., str]) -> None:
    run("-C", str(reg / "c"), "init", "--rule", "consensus", "--member", "Ayşe", "--member", "Bo")
    consensus = reg / "c"
    run("-C", str(consensus), "meeting", "start", "--attendee", "Ayşe", "--attendee", "Bo", "--guest", "Frau Kaya")
    d = run("-C", str(consensus), "propose", "T", "--text", "x", "--by", "Ayşe").stdout.strip()
    run("-C", str(consensus), "concern", d, "--by", "frau kaya", "--reason", "Think of the neighbours")
    before = files(consensus)
    assert run("-C", str(consensus), "consent", d, "--by", "Frau Kaya", code=1).stderr == (
        "Error: Frau Kaya is a guest of this meeting: guests may raise concerns; consent, objections and "
        "stand-asides are for members\n"
    )
    assert files(consensus) == before
    run("-C", str(consensus), "consent", d, "--by", "all")
    data = json.loads(run("-C", str(consensus), "show", d, "--json").stdout)
    assert data["versions"][0]["consents"] == ["Ayşe", "Bo"]  # the guest is not asked, nor counted
    assert data["versions"][0]["concerns"] == [{"by": "Frau Kaya", "reason": "Think of the neighbours"}]
    run("-C", str(consensus), "adopt", d, "--by", "Ayşe")
    run("-C", str(consensus), "meeting", "end")
    minutes = run("-C", str(consensus), "meeting", "show", "last").stdout
    assert "**Attendees:** Ayşe and Bo" in minutes and "**Guests:** Frau Kaya" in minutes


def test_a_member_is_no_guest(run: Invoke, reg: Path) -> None:
    assert run("meeting", "start", "--guest", "bo", code=1).stderr == "Error: Bo is a member — list them with --attendee, not --guest\n"


def test_all_consents_for_everyone_present_but_those_objecting_or_standing_aside(
    run: Invoke, six: Path, propose: Callable[..., str]
) -> None:
    run("meeting", "start", "--attendee", "Ann", "--attendee", "Bob", "--attendee", "Dee", "--attendee", "Chris")
    d = propose()
    run("object", d, "--by", "Dee", "--reason", "no")
    run("stand-aside", d, "--by", "Chris")
    # Ayşe proposed in the meeting, so she attends it too.
    assert run("consent", "last", "--by", "all").stderr == (
        f"Consent to {d} v1: Ann, Bob, Ayşe (3 consents; 1 stood aside; 1 objection unresolved)\n"
    )


def test_all_stands_alone_and_an_unknown_name_is_told_apart_from_the_guests(
        run: Invoke, reg: Path, propose: Callable[..., str]) -> None:
    run("meeting", "start", "--attendee", "Bo", "--guest", "Frau Kaya")
    d = propose()
    before = files(reg)
    said = "'all' names everyone present who may consent — give it alone, or give names without it"
    assert run("consent", d, "--by", "all", "--by", "Bo", code=1).stderr == f"Error: {said}\n"
    assert run("live", code=1, input=f"open {d}\nconsent all, Bo\nconsent Bo all\n").stderr.splitlines() == [f"Error: {said}"] * 2

    assert run("consent", d, "--by", "Zed", code=1).stderr == (
        "Error: unknown member 'Zed' — members are Ayşe, Bo, Chris; add them with \"consensus members add 'Zed'\" "
        "(guests of the meeting: Frau Kaya)\n")
    assert files(reg) == before
    run("members", "add", "Alle Hoekstra")
    run("live", input=f"open {d}\nconsent Alle Hoekstra\n")  # a name with the word in it is a name
    assert show(run, d)["versions"][0]["consents"] == ["Alle Hoekstra"]


def test_all_outside_a_meeting_means_every_member(run: Invoke, reg: Path, propose: Callable[..., str]) -> None:
    d = propose()
    run("stand-aside", d, "--by", "all")
    assert [r["by"] for r in show(run, d)["versions"][0]["stand_asides"]] == ["Ayşe", "Bo", "Chris"]


def test_dates_are_read_the_german_way_too(run: Invoke, reg: Path, propose: Callable[..., str]) -> None:
    d = propose()
    run("adopt", d, "--review-by", "24.05.2027")
    assert show(run, d)["review_by"] == "2027-05-24"
    assert json.loads(run("list", "--as-of", "30.11.2026", "--json").stdout)[0]["id"] == d


# -- undo as a property: any steps, then undo the last, is as before it ---------------------

AT = dt.datetime(2026, 11, 24, 19, 0, tzinfo=dt.UTC)
PEOPLE = ["Ayşe", "Bo", "Chris"]


def _step(decision: Decision, kind: str, who: str, n: int) -> Decision:
    act = process.Act(who, AT + dt.timedelta(minutes=n))
    view = replay(decision)
    if kind == "consent":
        return process.consent(decision, act)[0]
    if kind == "object":
        return process.object_(decision, act, reason=f"r{n}")[0]
    if kind == "resolve":
        open_ = view.open
        number = open_.unresolved[0].number if open_ and open_.unresolved else 1
        return process.resolve(decision, act, number, how="h")
    if kind == "aside":
        return process.stand_aside(decision, act, reason=None)
    if kind == "concern":
        return process.concern(decision, act, reason=f"c{n}")
    if kind == "amend":
        return process.amend(decision, act, text=f"text {n}", title=None, why="better")
    if kind == "adopt":
        return process.adopt(decision, act, rule="consent", required=[], review_by=AT.date())[0]
    if kind == "reject":
        return process.close(decision, act, "rejected", why=None)
    return process.retire(decision, act, why="over")


@given(st.lists(st.tuples(st.sampled_from(["consent", "object", "resolve", "aside", "concern", "amend", "adopt",
                                           "reject", "retire"]), st.sampled_from(PEOPLE)), max_size=14))
@settings(max_examples=150, deadline=None)
def test_undo_of_the_last_step_replays_to_the_state_before_it(steps: list[tuple[str, str]]) -> None:
    decision = process.propose("abcdefgh", process.Act("Ayşe", AT), title="T", text="x")
    for n, (kind, who) in enumerate(steps, start=1):
        try:
            after = _step(decision, kind, who, n)
        except ConsensusError:
            continue  # a step the process does not allow now
        if after is decision:
            continue  # a consent given before: nothing was recorded
        undone, _ = process.retract(after, process.Act("Ayşe", AT + dt.timedelta(minutes=n, seconds=30)), why=None)
        assert state(replay(undone)) == state(replay(decision))
        decision = after


@pytest.mark.parametrize("carried", [False, True], ids=["in its round", "carried into a revision"])
def test_an_objection_number_raised_twice_in_a_round_does_not_replay(carried: bool) -> None:
    """Numbers are looked up in a set a version (a list walk made a hostile file of 16,000
    objections take 9 s): what counts as taken must stay exactly what it was."""
    import dataclasses

    from consensus import chain
    from consensus.models import Event
    from consensus.replay import ReplayError, replay

    start = dt.datetime(2026, 11, 24, 10, 0, tzinfo=dt.UTC)
    decision = process.propose("abcdefgh", process.Act("Ayşe", start), title="T", text="x")
    decision, _ = process.object_(decision, process.Act("Bo", start + dt.timedelta(minutes=1)), reason="no")
    if carried:
        decision = process.amend(decision, process.Act("Ayşe", start + dt.timedelta(minutes=2)), text="y", title=None,
                                 why="w")
    version = 2 if carried else 1
    again = Event(at=start + dt.timedelta(minutes=3), kind="objected", by="Chris", version=version, number=1,
                  reason="also no", hash="")
    replay(decision)
    with pytest.raises(ReplayError, match=f"objection 1 to version {version} is raised twice"):
        replay(chain.relink(dataclasses.replace(decision, history=(*decision.history, again))))
    fine = dataclasses.replace(again, number=2)
    assert [o.number for o in replay(chain.relink(dataclasses.replace(
        decision, history=(*decision.history, fine)))).latest.objections] == [1, 2]
