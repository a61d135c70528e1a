"""The merge driver's core as properties: nothing lost, order by time, same result either way."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from consensus import chain, process
from consensus.codec import encode_settings, parse_settings
from consensus.gitmerge import Clash, driver, merge_decision, merge_files
from consensus.models import Decision, Settings
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
    assert [(e.kind, e.by) for e in merged.history] == [("proposed", "Ayşe"), ("adopted", "Ayşe")]
    assert notes == ["abcdefgh: both sides recorded the same step: kept ours, 'adopted' v1 by Ayşe at "
                     "2026-11-24T10:01:00+00:00, and left out theirs, 'adopted' v1 by Bo at 2026-11-24T10:02:00+00:00"]


def _retired(why_a: str, why_b: str) -> tuple[Decision, Decision]:
    root = base()
    root, _ = process.adopt(root, process.Act("Ayşe", START), rule="consent", required=[], review_by=START.date())
    a = process.retire(root, process.Act("Ayşe", START + dt.timedelta(minutes=1)), why=why_a)
    b = process.retire(root, process.Act("Bo", START + dt.timedelta(minutes=2)), why=why_b)
    return a, b


def test_two_retirements_with_different_reasons_keep_both() -> None:
    a, b = _retired("The hall closed", "Nobody came any more")
    for ours, theirs in ((a, b), (b, a)):
        merged, notes = merge_decision(ours, theirs, "decisions/abcdefgh.toml")
        assert [(e.kind, e.why) for e in merged.history[2:]] == [("retired", "The hall closed"), ("retired", "Nobody came any more")]
        assert not chain.broken_links(merged)
        assert replay(merged).status == "retired"
        (note,) = notes
        assert note.startswith("abcdefgh: both sides recorded retired differently: kept both, ")
        assert "(why: The hall closed)" in note and "(why: Nobody came any more)" in note
        assert "kept it once" not in note


def test_two_retirements_with_the_same_reason_count_once() -> None:
    a, b = _retired("The hall closed", "The hall closed")
    merged, notes = merge_decision(a, b, "decisions/abcdefgh.toml")
    assert [(e.kind, e.by) for e in merged.history[2:]] == [("retired", "Ayşe")]
    assert notes == ["abcdefgh: both sides recorded the same step: kept ours, 'retired' by Ayşe at "
                     "2026-11-24T10:01:00+00:00, and left out theirs, 'retired' by Bo at 2026-11-24T10:02:00+00:00"]


@pytest.mark.parametrize("kind", ["rejected", "withdrawn"])
def test_two_closings_with_different_reasons_keep_both(kind: str) -> None:
    root = base()
    a = process.close(root, process.Act("Ayşe", START + dt.timedelta(minutes=1)), kind, why="too dear")
    b = process.close(root, process.Act("Ayşe", START + dt.timedelta(minutes=2)), kind, why="too late")
    merged, notes = merge_decision(a, b, "decisions/abcdefgh.toml")
    assert [e.why for e in merged.history[1:]] == ["too dear", "too late"]
    assert "kept both" in notes[0]


def test_adoptions_that_differ_keep_both() -> None:
    root = base()
    a, _ = process.adopt(root, process.Act("Ayşe", START + dt.timedelta(minutes=1)), rule="consent", required=[],
                         review_by=START.date())
    b, _ = process.adopt(root, process.Act("Bo", START + dt.timedelta(minutes=2)), rule="consent", required=[],
                         review_by=START.date() + dt.timedelta(days=30))
    merged, notes = merge_decision(a, b, "decisions/abcdefgh.toml")
    assert [e.review_by for e in merged.history[1:]] == [START.date(), START.date() + dt.timedelta(days=30)]
    assert replay(merged).review_by == START.date() + dt.timedelta(days=30)
    assert "kept both" in notes[0]


# -- consensus.toml --------------------------------------------------------------------------------


def settings_files(tmp_path: Path, base: Settings, ours: Settings, theirs: Settings) -> tuple[Path, Path, Path]:
    paths = []
    for name, value in (("base", base), ("ours", ours), ("theirs", theirs)):
        path = tmp_path / name
        path.write_bytes(encode_settings(value))
        paths.append(path)
    return paths[0], paths[1], paths[2]


def merged_settings(tmp_path: Path, base: Settings, ours: Settings, theirs: Settings) -> tuple[Settings, list[str]]:
    ancestor, mine, yours = settings_files(tmp_path, base, ours, theirs)
    notes = merge_files(mine, yours, "consensus.toml", ancestor)
    return parse_settings(mine, mine.read_bytes()), notes


PEOPLE_SETTINGS = Settings(name="Group", members=("Ayşe", "Bo", "Chris"))


def test_members_added_on_both_sides_are_all_in(tmp_path: Path) -> None:
    ours = dataclasses.replace(PEOPLE_SETTINGS, members=(*PEOPLE_SETTINGS.members, "Dana"))
    theirs = dataclasses.replace(PEOPLE_SETTINGS, members=(*PEOPLE_SETTINGS.members, "Emre", "dana"))
    result, notes = merged_settings(tmp_path, PEOPLE_SETTINGS, ours, theirs)
    assert result.members == ("Ayşe", "Bo", "Chris", "Dana", "Emre")
    assert notes == ["consensus.toml: members from the other side: Emre"]


def test_a_member_removed_on_one_side_is_out(tmp_path: Path) -> None:
    ours = dataclasses.replace(PEOPLE_SETTINGS, members=("Ayşe", "Chris"))
    theirs = dataclasses.replace(PEOPLE_SETTINGS, members=("Ayşe", "Bo", "Chris", "Dana"), rule="consensus")
    result, notes = merged_settings(tmp_path, PEOPLE_SETTINGS, ours, theirs)
    assert result.members == ("Ayşe", "Chris", "Dana")
    assert result.rule == "consensus"  # changed on one side only
    result, notes = merged_settings(tmp_path, PEOPLE_SETTINGS, theirs, ours)
    assert result.members == ("Ayşe", "Chris", "Dana")
    assert notes == ["consensus.toml: members the other side removed: Bo"]


def test_one_setting_changed_differently_on_both_sides_clashes(tmp_path: Path) -> None:
    ours = dataclasses.replace(PEOPLE_SETTINGS, review_period="6m")
    theirs = dataclasses.replace(PEOPLE_SETTINGS, review_period="2y", members=("Ayşe",))
    ancestor, mine, yours = settings_files(tmp_path, PEOPLE_SETTINGS, ours, theirs)
    before = mine.read_bytes()
    with pytest.raises(Clash, match=r"cannot merge consensus.toml: both sides changed review_period \(ours: '6m', theirs: '2y'\)"):
        merge_files(mine, yours, "consensus.toml", ancestor)
    assert mine.read_bytes() == before
    same = dataclasses.replace(PEOPLE_SETTINGS, review_period="6m")
    assert merged_settings(tmp_path, PEOPLE_SETTINGS, ours, same)[0].review_period == "6m"


def test_settings_added_on_both_sides_without_an_ancestor(tmp_path: Path) -> None:
    ours = Settings(name="A", members=("Ayşe",))
    theirs = Settings(name="A", members=("Bo",))
    ancestor, mine, yours = settings_files(tmp_path, Settings(), ours, theirs)
    ancestor.write_bytes(b"")  # what git hands the driver when both sides added the file
    merge_files(mine, yours, "consensus.toml", ancestor)
    assert parse_settings(mine, mine.read_bytes()).members == ("Ayşe", "Bo")


names = st.lists(st.sampled_from(["Ayşe", "Bo", "Chris", "Dana", "Emre", "Fatma"]), unique=True, max_size=6).map(tuple)


@given(base_members=names, ours=names, theirs=names)
@settings(max_examples=80, deadline=None)
def test_member_lists_merge_as_sets(base_members: tuple[str, ...], ours: tuple[str, ...], theirs: tuple[str, ...]) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        result, _ = merged_settings(Path(folder), Settings(members=base_members), Settings(members=ours),
                                    Settings(members=theirs))
    removed = set(base_members) - (set(ours) & set(theirs))
    assert set(result.members) == (set(ours) | set(theirs)) - removed
    assert len(result.members) == len(set(result.members))


def test_a_merge_of_too_many_clashing_objections_is_left_to_a_person() -> None:
    """Each objection whose number is taken on the other side is placed by a replay of the history
    before it: a hostile pull of thousands would hold git for minutes, so past a hundred the
    driver stops, as for any clash."""
    from consensus.gitmerge import MOST_RENUMBERED

    people = [f"P{n}" for n in range(MOST_RENUMBERED + 1)]
    ours = base()
    theirs = base()
    for n, person in enumerate(people):
        ours, _ = process.object_(ours, process.Act(person, START + dt.timedelta(seconds=2 * n + 1)), reason="o")
        theirs, _ = process.object_(theirs, process.Act(person + "b", START + dt.timedelta(seconds=2 * n + 2)),
                                    reason="t")
    with pytest.raises(Clash, match=f"more than {MOST_RENUMBERED} objections were raised on both sides at once"):
        merge_decision(ours, theirs, "decisions/abcdefgh.toml")
    merged, notes = merge_decision(ours, apply(base(), [("object", "Bo", 1000)], 1), "decisions/abcdefgh.toml")
    assert len(notes) == 1  # one clash: renumbered, as ever
    assert sorted(o.number for o in replay(merged).latest.objections) == list(range(1, MOST_RENUMBERED + 3))


def test_different_decisions_under_one_id_clash() -> None:
    a = process.propose("abcdefgh", process.Act("Ayşe", START), title="A", text="a")
    b = process.propose("abcdefgh", process.Act("Bo", START), title="B", text="b")
    with pytest.raises(Clash, match="two different decisions got the same id abcdefgh"):
        merge_decision(a, b, "decisions/abcdefgh.toml")


def _driver(tmp_path: Path, ours: Decision, theirs: Decision, *python: str) -> tuple[str, str]:
    """git's merge driver on the files of ``ours`` and ``theirs`` in a process of its own: (the
    merged file, the modules it imported)."""
    import subprocess

    from consensus.codec import encode_decision

    files = {}
    for name, decision in (("O", base()), ("A", ours), ("B", theirs)):
        files[name] = tmp_path / f".merge_file_{name}"
        files[name].write_bytes(encode_decision(decision))
    python_, *command = driver()
    done = subprocess.run([python_, "-X", "importtime", *python, *command,
                           str(files["O"]), str(files["A"]), str(files["B"]), "decisions/abcdefgh.toml"],
                          capture_output=True, text=True, check=True, cwd=tmp_path)
    imported = " ".join(line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines() if "|" in line)
    return files["A"].read_text("utf-8"), imported


def test_the_merge_driver_starts_without_click_or_pydantic(tmp_path: Path) -> None:
    """git starts it once for each file both sides changed: what it merges is what merge_decision
    makes, and it loads neither the command line's click nor pydantic for files consensus wrote."""
    from consensus.codec import encode_decision

    ours = apply(base(), [("consent", "Bo", 10), ("concern", "Dana", 20)], 0)
    theirs = apply(base(), [("object", "Chris", 15)], 1)
    merged, imported = _driver(tmp_path, ours, theirs)
    assert merged == encode_decision(merge_decision(ours, theirs, "decisions/abcdefgh.toml")[0]).decode("utf-8")
    assert "consensus.gitmerge" in imported.split()
    for heavy in ("click", "pydantic", "pydantic_core", "rich"):
        assert heavy not in imported.split(), heavy


def test_the_merge_driver_says_why_it_cannot_merge(tmp_path: Path) -> None:
    import subprocess

    from consensus.codec import encode_decision

    files = []
    for name, decision in (("O", base()), ("A", base()), ("B", process.propose("abcdefgh", process.Act("Bo", START),
                                                                                title="Other", text="y"))):
        files.append(tmp_path / name)
        files[-1].write_bytes(encode_decision(decision))
    before = files[1].read_bytes()
    done = subprocess.run([*driver(), *map(str, files), "decisions/abcdefgh.toml"],
                          capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr.startswith("Error: cannot merge decisions/abcdefgh.toml: two different decisions got the same id")
    assert files[1].read_bytes() == before
