"""Two clones acting at once without knowing of each other, merged by real git: an objection an
adoption did not see stays open, and a decision replaced on both sides stays for the group to
choose. Neither stops the merge; each shows in check, show, the summary and the site, in English
and German, and settles with the ordinary steps."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.e2e import consensus
from tests.test_git import clones as clones
from tests.test_git import commit, git, show

pytestmark = pytest.mark.slow

Clones = tuple[Path, Path, dict[str, str]]


def at(time: str) -> dict[str, str]:
    return {"CONSENSUS_NOW": f"2026-11-24T{time}:00+01:00"}


LATER = {"CONSENSUS_NOW": "2026-11-25T09:00:00+01:00"}


def merged_both_ways(a: Path, b: Path) -> None:
    """Merge what ``a`` pushed into ``b``, and what ``b`` did into a copy of ``a``: the register's
    files are the same either way."""
    git("push", "-q", "origin", "main", cwd=a)
    git("push", "-q", "origin", "main:from-b", cwd=b)
    twin = a.parent / f"{a.name}-twin"
    git("clone", "-q", str(a.parent / "origin.git"), str(twin), cwd=a.parent)
    consensus("git-setup", cwd=twin)
    for repo, branch in ((b, "main"), (twin, "from-b")):
        pulled = git("pull", "--no-edit", "origin", branch, cwd=repo)
        assert "CONFLICT" not in pulled.stdout + pulled.stderr
    for path in sorted((b / "decisions").glob("*.toml")):
        assert (twin / "decisions" / path.name).read_bytes() == path.read_bytes(), path.name


def test_an_objection_the_adoption_did_not_see_stays_open_until_resolved(clones: Clones) -> None:
    a, b, ids = clones
    d = ids["open"]
    consensus("meeting", "start", "--title", "Circle", cwd=a, **at("10:04"))
    consensus("consent", d, "--by", "Ayşe", cwd=a, **at("10:05"))
    consensus("adopt", d, "--by", "Ayşe", cwd=a, **at("10:06"))
    consensus("meeting", "end", cwd=a, **at("10:07"))
    commit(a, "adopted in a")
    consensus("object", d, "--by", "Bo", "--reason", "Too dear", cwd=b, **at("10:01"))
    commit(b, "objected in b")
    merged_both_ways(a, b)
    minutes = consensus("meeting", "show", "last", "--format", "md", cwd=b).stdout
    assert "- **Objection 1:** Bo — Too dear **(unresolved)** **· not seen by the adoption of version 1**" in minutes
    german = consensus("meeting", "show", "last", "--format", "md", "--lang", "de", cwd=b).stdout
    assert "**· von der Annahme von Version 1 nicht gesehen**" in german

    checked = consensus("check", cwd=b)
    assert re.fullmatch(
        rf"decisions/{d}\.toml:\d+: to decide: objection 1 by Bo came with a merge: the adoption of version 1 did "
        rf'not see it, and it is open — resolve it \("consensus resolve {d} 1 --how …"\) or take it up in a new '
        rf'version \("consensus amend {d} --resolves 1 …"\)\n', checked.stdout)
    assert checked.stderr == "All is well: 4 decisions checked.\n1 thing for the group to decide (above).\n"
    assert json.loads(consensus("check", "--json", cwd=b).stdout)["to_decide"][0]["file"] == f"decisions/{d}.toml"
    data = show(b, d)
    assert data["status"] == "active"
    assert data["versions"][0]["objections"] == [
        {"number": 1, "by": "Bo", "reason": "Too dear", "resolved": False, "resolution": None, "overlooked_by": 1}]
    card = consensus("show", d, cwd=b).stdout
    assert "│ Adopted: 2026-11-24 10:06 (version 1) — without seeing objection 1" in card
    assert "Objection 1: Bo — Too dear  unresolved · not seen by the adoption of version" in card
    assert 'Open: objection 1 by Bo was not seen by the adoption of version 1 (it came with\na merge)' in card
    summary = consensus("summary", "--since", "2026-11-25", "--format", "md", cwd=b, **LATER).stdout
    assert (f"## Unresolved objections\n\n- Open `{d}` — **Objection 1:** Bo — Too dear _(raised by Bo on 2026-11-24)_ "
            "**· not seen by the adoption of version 1**\n") in summary
    german = consensus("summary", "--since", "2026-11-25", "--format", "md", "--lang", "de", cwd=b, **LATER).stdout
    assert "## Offene Einwände" in german and "**· von der Annahme von Version 1 nicht gesehen**" in german
    assert "ohne Einwand 1 zu sehen" in consensus("show", d, cwd=b, CONSENSUS_LANG="de").stdout
    consensus("site", "-o", "site", cwd=b, **LATER)
    page = (b / "site" / "decisions" / f"{d}.html").read_text("utf-8")
    assert "Objection 1 came with a merge: the adoption did not see it." in page
    assert '<span class="warn">not seen by the adoption of version 1</span>' in page

    resolved = consensus("resolve", d, "1", "--by", "Bo", "--how", "A cheaper hall", cwd=b, **LATER)
    assert resolved.stderr == f"Objection 1 to {d} resolved\n"
    assert consensus("check", cwd=b).stdout == ""
    summary = consensus("summary", "--since", "2026-11-25", "--format", "md", cwd=b, **LATER).stdout
    assert "Unresolved objections" not in summary
    assert show(b, d)["versions"][0]["objections"][0]["resolution"] == "A cheaper hall"


def test_a_new_version_takes_up_an_overlooked_objection(clones: Clones) -> None:
    a, b, ids = clones
    d = ids["open"]
    consensus("adopt", d, "--by", "Ayşe", cwd=a, **at("10:06"))
    commit(a, "adopted in a")
    git("push", "-q", "origin", "main", cwd=a)
    consensus("object", d, "--by", "Bo", "--reason", "Too dear", cwd=b, **at("10:01"))
    commit(b, "objected in b")
    git("pull", "-q", "--no-edit", "origin", "main", cwd=b)
    amended = consensus("amend", d, "--text", "Half the price.", "--why", "cheaper", "--resolves", "1", "--by", "Bo",
                        cwd=b, **LATER)
    assert amended.stderr == f"Proposed version 2 of {d}; resolves objection 1 — open for consent\n"
    consensus("adopt", d, "--by", "Bo", cwd=b, **LATER)
    assert consensus("check", cwd=b).stderr == "All is well: 4 decisions checked.\n"


def test_an_objection_raised_after_an_adoption_it_did_not_see_joins_the_open_round(clones: Clones) -> None:
    a, b, ids = clones
    d = ids["open"]
    consensus("adopt", d, "--by", "Ayşe", cwd=a, **at("10:06"))
    consensus("amend", d, "--text", "Shorter.", "--why", "shorter", "--by", "Ayşe", cwd=a, **at("10:07"))
    consensus("object", d, "--by", "Chris", "--reason", "Too short", cwd=a, **at("10:08"))
    commit(a, "adopted and amended in a")
    consensus("object", d, "--by", "Bo", "--reason", "Too dear", cwd=b, **at("10:09"))
    commit(b, "objected in b")
    git("push", "-q", "origin", "main", cwd=a)
    pulled = git("pull", "-q", "--no-edit", "origin", "main", cwd=b)
    assert f"consensus: {d}: objection 1 by Bo is now objection 2" in pulled.stderr
    data = show(b, d)
    assert [(o["number"], o["by"], o["overlooked_by"]) for o in data["versions"][1]["objections"]] == [
        (1, "Chris", None), (2, "Bo", 1)]
    refused = consensus("adopt", d, "--by", "Ayşe", cwd=b, code=1, **LATER)
    assert "objection 1 by Chris is unresolved; objection 2 by Bo is unresolved" in refused.stderr
    assert "Objection 2: Bo — Too dear  unresolved · not seen by the adoption of version 1" in consensus(
        "show", d, cwd=b).stdout
    consensus("resolve", d, "2", "--by", "Bo", "--how", "fine after all", cwd=b, **LATER)
    assert consensus("check", cwd=b).stdout == ""


def replace_on_both_sides(a: Path, b: Path, old: str) -> tuple[str, str]:
    made = []
    for repo, title, time in ((a, "Replacement A", "10:05"), (b, "Replacement B", "10:06")):
        new = consensus("propose", title, "--text", title, "--replaces", old, "--why", "better", "--by", "Ayşe",
                        cwd=repo, **at(time)).stdout.strip()
        consensus("adopt", new, "--by", "Ayşe", cwd=repo, **at(time))
        commit(repo, title)
        made.append(new)
    return made[0], made[1]


def test_two_replacements_of_one_decision_merge_and_the_group_chooses(clones: Clones) -> None:
    a, b, ids = clones
    old = ids["replace"]
    new_a, new_b = replace_on_both_sides(a, b, old)
    git("push", "-q", "origin", "main", cwd=a)
    pulled = git("pull", "--no-edit", "origin", "main", cwd=b)
    assert "CONFLICT" not in pulled.stdout
    assert (f"consensus: {old} was replaced on both sides at once, by {new_b} and by {new_a}: both replacements are "
            "kept and in force") in pulled.stderr

    checked = consensus("check", cwd=b)
    assert checked.stdout == (
        f"decisions/{old}.toml: to decide: {old} was replaced twice at once, on two clones: {new_a} and {new_b} are "
        f'in force in its place — the group chooses: retire what it does not keep ("consensus retire ID --why …"), '
        f'or adopt one decision that replaces them ("consensus propose … --replaces ID --replaces ID")\n')
    assert checked.stderr == "All is well: 6 decisions checked.\n1 thing for the group to decide (above).\n"
    data = show(b, old)
    assert (data["status"], data["superseded_by"], data["also_superseded_by"]) == ("superseded", new_a, [new_b])
    card = consensus("show", old, cwd=b).stdout
    assert f"│ Superseded by: {new_a} Replacement A" in card and f"│ Superseded by: {new_b} Replacement B" in card
    assert f"{old} was replaced twice at once, on two clones: {new_a} and {new_b} are in\nforce" in card
    assert f"{old}, which {new_b} replaces, was replaced twice at once" in consensus("show", new_b, cwd=b).stdout
    summary = consensus("summary", "--since", "2026-11-25", "--format", "md", cwd=b, **LATER).stdout
    assert ("## Competing replacements\n\n### Replace\n\n"
            f"`{old}` _· superseded ·_ **Replaced twice at once, on two copies of the register. In force in its place:**"
            f"\n\n- Replacement A `{new_a}` _— adopted on 2026-11-24 by Ayşe_\n"
            f"- Replacement B `{new_b}` _— adopted on 2026-11-24 by Ayşe_\n\n"
            "The group chooses: retire what it does not keep, or adopt one decision that replaces them.\n") in summary
    assert json.loads(consensus("summary", "--format", "json", cwd=b, **LATER).stdout)["to_choose"] == [
        {"id": old, "title": "Replace", "status": "superseded", "in_force": [
            {"id": new_a, "title": "Replacement A", "adopted_at": "2026-11-24T10:05:00+01:00", "adopted_by": "Ayşe"},
            {"id": new_b, "title": "Replacement B", "adopted_at": "2026-11-24T10:06:00+01:00", "adopted_by": "Ayşe"}]}]
    german = consensus("summary", "--since", "2026-11-25", "--format", "md", "--lang", "de", cwd=b, **LATER).stdout
    assert "## Konkurrierende Ablösungen" in german and "An ihrer Stelle in Kraft:" in german
    consensus("site", "-o", "site", cwd=b, **LATER)
    page = (b / "site" / "decisions" / f"{old}.html").read_text("utf-8")
    assert f"Replaced twice at once: in force in its place are {new_a} and {new_b}." in page

    consensus("retire", new_b, "--why", "We keep A", "--by", "Bo", cwd=b, **LATER)
    checked = consensus("check", cwd=b)
    assert (checked.stdout, checked.stderr) == ("", "All is well: 6 decisions checked.\n")
    summary = consensus("summary", "--since", "2026-11-25", "--format", "md", cwd=b, **LATER).stdout
    assert "Competing replacements" not in summary


def test_either_pull_gives_the_same_files_and_one_decision_replacing_both_settles_it(clones: Clones) -> None:
    a, b, ids = clones
    old = ids["replace"]
    new_a, new_b = replace_on_both_sides(a, b, old)
    merged_both_ways(a, b)
    both = consensus("propose", "Both", "--text", "Both.", "--replaces", new_a, "--replaces", new_b, "--why", "one rule",
                     "--by", "Chris", cwd=b, **LATER).stdout.strip()
    consensus("adopt", both, "--by", "Chris", cwd=b, **LATER)
    assert consensus("check", cwd=b).stdout == ""


def test_a_merge_that_kept_one_side_can_still_be_settled(clones: Clones) -> None:
    """As consensus advised before: keep one side of the replaced decision's file. Check then
    shows both replacements in force, for the group to choose, and retiring one settles it."""
    a, b, ids = clones
    old = ids["replace"]
    new_a, new_b = replace_on_both_sides(a, b, old)
    git("push", "-q", "origin", "main", cwd=a)
    git("pull", "-q", "--no-edit", "origin", "main", cwd=b)
    git("checkout", "HEAD^1", "--", f"decisions/{old}.toml", cwd=b)  # b's side only: replaced by B alone
    commit(b, "kept our side")
    checked = consensus("check", cwd=b)
    assert checked.stdout.startswith(f"decisions/{old}.toml: to decide: {old} was replaced twice at once")
    assert f"{new_b} and {new_a} are in force" in checked.stdout
    consensus("retire", new_a, "--why", "We keep B", "--by", "Bo", cwd=b, **LATER)
    assert consensus("check", cwd=b).stdout == ""


def test_a_replacement_on_one_side_and_a_retirement_on_the_other_merge(clones: Clones) -> None:
    a, b, ids = clones
    old = ids["replace"]
    consensus("retire", old, "--why", "Not needed", "--by", "Ayşe", cwd=a, **at("10:05"))
    commit(a, "retired in a")
    git("push", "-q", "origin", "main", cwd=a)
    new = consensus("propose", "Newer", "--text", "Newer.", "--replaces", old, "--why", "better", "--by", "Bo",
                    cwd=b, **at("10:06")).stdout.strip()
    consensus("adopt", new, "--by", "Bo", cwd=b, **at("10:06"))
    commit(b, "replaced in b")
    pulled = git("pull", "-q", "--no-edit", "origin", "main", cwd=b)
    assert f"{old} was replaced by {new} on one side and retired on the other: both are kept" in pulled.stderr
    assert show(b, old)["status"] == "superseded"
    assert consensus("check", cwd=b).stdout == ""
