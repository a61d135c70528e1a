"""Two clones of a register working at once, merged by real git through the consensus driver."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.e2e import consensus, environment

pytestmark = pytest.mark.slow


def git(*args: str, cwd: Path, code: int | None = 0) -> subprocess.CompletedProcess[str]:
    env = environment(GIT_AUTHOR_NAME="T", GIT_AUTHOR_EMAIL="t@example.org",
                      GIT_COMMITTER_NAME="T", GIT_COMMITTER_EMAIL="t@example.org")
    done = subprocess.run(["git", "-c", "init.defaultBranch=main", "-c", "pull.rebase=false", *args],
                          cwd=cwd, capture_output=True, text=True, env=env, timeout=120, check=False)
    if code is not None:
        assert done.returncode == code, f"git {args}: {done.stdout}\n{done.stderr}"
    return done


def clone(origin: Path, target: Path) -> Path:
    git("clone", "-q", str(origin), str(target), cwd=origin.parent)
    consensus("git-setup", cwd=target)
    return target


def commit(repo: Path, message: str) -> None:
    git("add", "-A", cwd=repo)
    git("commit", "-qm", message, cwd=repo)


def show(repo: Path, decision: str) -> dict:  # type: ignore[type-arg]
    return json.loads(consensus("show", decision, "--json", cwd=repo).stdout)


@pytest.fixture
def clones(tmp_path: Path) -> tuple[Path, Path, dict[str, str]]:
    origin = tmp_path / "origin.git"
    git("init", "-q", "--bare", str(origin), cwd=tmp_path)
    a = tmp_path / "a"
    git("clone", "-q", str(origin), str(a), cwd=tmp_path)
    consensus("init", "--name", "Shared", "--member", "Ayşe", "--member", "Bo", "--member", "Chris", cwd=a)
    setup = consensus("git-setup", cwd=a)
    assert "commit it" in setup.stderr
    env = {"CONSENSUS_USER": "Ayşe", "CONSENSUS_NOW": "2026-11-24T09:00:00+01:00"}  # before the work below
    ids = {}
    for name in ("open", "active", "amend", "replace"):
        ids[name] = consensus("propose", name.title(), "--text", f"The {name} text.", cwd=a, **env).stdout.strip()
        if name != "open":
            consensus("adopt", ids[name], cwd=a, **env)
    commit(a, "a register with four decisions")
    git("push", "-q", "origin", "main", cwd=a)
    b = clone(origin, tmp_path / "b")
    return a, b, ids


def test_concurrent_work_merges_without_conflict(clones: tuple[Path, Path, dict[str, str]]) -> None:
    a, b, ids = clones
    consensus("consent", ids["open"], "--by", "Ayşe", cwd=a, CONSENSUS_NOW="2026-11-24T10:00:00+01:00")
    consensus("object", ids["open"], "--by", "Bo", "--reason", "from a", cwd=a, CONSENSUS_NOW="2026-11-24T10:01:00+01:00")
    consensus("review", ids["active"], "--by", "Ayşe", "--note", "still good", cwd=a)
    new_a = consensus("propose", "From A", "--text", "a", "--by", "Ayşe", cwd=a).stdout.strip()
    commit(a, "work in a")
    git("push", "-q", "origin", "main", cwd=a)

    consensus("consent", ids["open"], "--by", "Chris", cwd=b, CONSENSUS_NOW="2026-11-24T10:00:30+01:00")
    consensus("object", ids["open"], "--by", "Chris", "--reason", "from b", cwd=b, CONSENSUS_NOW="2026-11-24T10:02:00+01:00")
    consensus("concern", ids["active"], "--by", "Bo", "--reason", "watch it", cwd=b)
    consensus("amend", ids["amend"], "--text", "Better.", "--why", "clearer", "--by", "Bo", cwd=b)
    new_b = consensus("propose", "From B", "--text", "b", "--by", "Bo", cwd=b).stdout.strip()
    commit(b, "work in b")

    pulled = git("pull", "-q", "--no-edit", "origin", "main", cwd=b)
    assert "CONFLICT" not in pulled.stdout + pulled.stderr
    assert "objection 1 by Chris is now objection 2" in pulled.stderr
    consensus("check", cwd=b)
    opened = show(b, ids["open"])["versions"][0]
    assert opened["consents"] == ["Ayşe"]  # Chris objected after consenting
    assert [(o["number"], o["by"], o["reason"]) for o in opened["objections"]] == [(1, "Bo", "from a"), (2, "Chris", "from b")]
    active = show(b, ids["active"])
    assert [e["kind"] for e in active["history"]][-2:] in (["reviewed", "concern_raised"], ["concern_raised", "reviewed"])
    assert show(b, ids["amend"])["open_version"] == 2
    listed = {row["id"] for row in json.loads(consensus("list", "--json", cwd=b).stdout)}
    assert {new_a, new_b} <= listed
    consensus("resolve", ids["open"], "2", "--by", "Chris", "--how", "talked it through", cwd=b)
    commit(b, "resolve")
    git("push", "-q", "origin", "main", cwd=b)
    git("pull", "-q", "--no-edit", "origin", "main", cwd=a)
    consensus("check", cwd=a)
    assert show(a, ids["open"]) == show(b, ids["open"])


def test_a_consensus_folder_in_the_pulled_tree_is_never_run_by_the_driver(
    clones: tuple[Path, Path, dict[str, str]]
) -> None:
    """git starts the driver at the top of the work tree: a pulled ``consensus/`` folder there
    must not be imported in place of the installed package."""
    a, b, ids = clones
    planted = a / "consensus"
    planted.mkdir()
    marker = a.parent / "ran"
    for name in ("__init__.py", "__main__.py"):
        (planted / name).write_text(f"open({str(marker)!r}, 'w').write('ran')\n", "utf-8")
    commit(a, "a folder that should never run")
    git("push", "-q", "origin", "main", cwd=a)
    git("pull", "-q", "--no-edit", "origin", "main", cwd=b)  # in b's work tree from now on
    consensus("consent", ids["open"], "--by", "Ayşe", cwd=a, CONSENSUS_NOW="2026-11-24T10:00:00+01:00")
    commit(a, "a consent")
    git("push", "-q", "origin", "main", cwd=a)
    consensus("consent", ids["open"], "--by", "Chris", cwd=b, CONSENSUS_NOW="2026-11-24T10:00:30+01:00")
    commit(b, "a consent")
    pulled = git("pull", "-q", "--no-edit", "origin", "main", cwd=b)
    assert "CONFLICT" not in pulled.stdout + pulled.stderr
    assert (b / "consensus" / "__main__.py").exists()  # beside the driver as git ran it
    assert not marker.exists()
    assert show(b, ids["open"])["versions"][0]["consents"] == ["Ayşe", "Chris"]


def test_this_clones_own_state_that_a_pull_brings_is_refused(clones: tuple[Path, Path, dict[str, str]]) -> None:
    """``.consensus/`` is ignored, and git overwrites ignored files: a meeting, or a "last",
    committed with ``git add -f`` would steer the next step of whoever pulls it."""
    a, b, ids = clones
    consensus("meeting", "start", "--title", "Theirs", "--attendee", "Bo", cwd=a, CONSENSUS_USER="Bo")
    consensus("consent", ids["open"], "--by", "Bo", cwd=a)
    git("add", "-f", ".consensus/meeting.toml", ".consensus/last", cwd=a)
    git("commit", "-qm", "their meeting and their last", cwd=a)
    git("push", "-q", "origin", "main", cwd=a)
    mine = consensus("propose", "Mine", "--text", "Mine.", cwd=b, CONSENSUS_USER="Chris").stdout.strip()
    commit(b, "my proposal")
    git("pull", "-q", "--no-edit", "origin", "main", cwd=b)
    before = {p: p.read_bytes() for p in (b / "decisions").iterdir()}
    for step in (["consent", "last", "--by", "Chris"], ["consent", mine, "--by", "Chris"]):
        refused = consensus(*step, cwd=b, code=1).stderr
        assert refused.startswith("Error: .consensus/") and "is tracked by git" in refused, refused
        assert 'git rm -r --cached .consensus' in refused
    assert {p: p.read_bytes() for p in (b / "decisions").iterdir()} == before
    git("rm", "-r", "-q", "--cached", ".consensus", cwd=b)
    shutil.rmtree(b / ".consensus")
    consensus("consent", mine, "--by", "Chris", cwd=b)
    assert show(b, mine)["versions"][0]["consents"] == ["Chris"]


def test_a_consensus_folder_committed_as_a_link_steers_nothing(clones: tuple[Path, Path, dict[str, str]]) -> None:
    """``.gitignore``'s ``.consensus/`` matches only a folder: a link of that name is committed
    by a plain ``git add -A``, and leads to a folder of the tree whose files git tracks."""
    a, b, ids = clones
    shutil.rmtree(a / ".consensus", ignore_errors=True)
    (a / "theirs").mkdir()
    (a / "theirs" / "last").write_text(ids["open"], "utf-8")
    (a / ".consensus").symlink_to("theirs")
    commit(a, "their folder, and a link to it")
    git("push", "-q", "origin", "main", cwd=a)
    c = b.parent / "c"
    git("clone", "-q", str(a.parent / "origin.git"), str(c), cwd=b.parent)
    mine = consensus("propose", "Mine", "--text", "Mine.", cwd=c, CONSENSUS_USER="Chris").stdout.strip()
    assert (c / "theirs" / "last").read_text("utf-8").strip() == mine  # written through the link
    git("checkout", "-q", "--", "theirs/last", cwd=c)  # as a pull would bring it back
    refused = consensus("consent", "last", "--by", "Chris", cwd=c, code=1).stderr
    assert "is tracked by git" in refused, refused
    assert show(c, ids["open"])["versions"][0]["consents"] == []


def test_two_amendments_of_one_decision_stop_the_merge(clones: tuple[Path, Path, dict[str, str]]) -> None:
    a, b, ids = clones
    for repo, text in ((a, "Text from A."), (b, "Text from B.")):
        consensus("amend", ids["amend"], "--text", text, "--why", "mine", "--by", "Bo", cwd=repo)
        commit(repo, text)
    git("push", "-q", "origin", "main", cwd=a)
    pulled = git("pull", "--no-edit", "origin", "main", cwd=b, code=1)
    assert f"both sides proposed a different version 2 of {ids['amend']}" in pulled.stderr
    assert "'amended' v2 by Bo" in pulled.stderr


def test_git_setup_outside_git(tmp_path: Path) -> None:
    consensus("init", cwd=tmp_path)
    result = consensus("git-setup", cwd=tmp_path, code=1)
    assert result.stderr == f'Error: {tmp_path} is not inside a git repository — run "git init" there first\n'


def test_git_setup_never_writes_through_a_linked_gitattributes(tmp_path: Path) -> None:
    """git checks out a .gitattributes that is a link: git-setup must not append to its target."""
    repo, elsewhere = tmp_path / "repo", tmp_path / "bashrc"
    git("init", "-q", str(repo), cwd=tmp_path)
    consensus("init", "--name", "T", cwd=repo)
    elsewhere.write_text("export PATH\n", "utf-8")
    (repo / ".gitattributes").symlink_to(elsewhere)
    result = consensus("git-setup", cwd=repo, code=1)
    assert result.stderr.startswith("Error: .gitattributes: is a symbolic link")
    assert elsewhere.read_text("utf-8") == "export PATH\n"
    (repo / ".gitattributes").unlink()
    (repo / ".gitattributes").write_bytes(b"\xff\xfe")
    assert consensus("git-setup", cwd=repo, code=1).stderr == "Error: .gitattributes:1: is not UTF-8 text\n"


def test_check_warns_of_a_merge_driver_set_up_by_an_earlier_version(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    git("init", "-q", str(repo), cwd=tmp_path)
    consensus("init", "--name", "T", cwd=repo)
    warning = ('Warning: this clone starts the merge driver as earlier versions did, which can run code a pull '
               'brought — run "consensus git-setup" again\n')
    assert warning not in consensus("check", cwd=repo).stderr  # no driver yet
    git("config", "merge.consensus.driver", "/usr/bin/python3 -m consensus git-merge %O %A %B %P", cwd=repo)
    assert warning in consensus("check", cwd=repo).stderr
    consensus("git-setup", cwd=repo)
    assert warning not in consensus("check", cwd=repo).stderr


def test_git_setup_outside_git_in_a_german_locale(tmp_path: Path) -> None:
    """git speaks the locale's language too; what consensus reads of it must not depend on that."""
    consensus("init", "--lang", "de", cwd=tmp_path)
    result = consensus("git-setup", cwd=tmp_path, code=1, LANG="de_DE.UTF-8", LC_ALL="de_DE.UTF-8")
    assert result.stderr == f'Fehler: {tmp_path} liegt in keinem Git-Repository — führe dort zuerst "git init" aus\n'
    git("init", "-q", cwd=tmp_path)
    done = consensus("git-setup", cwd=tmp_path, LANG="de_DE.UTF-8").stderr
    assert done.startswith("Den Zusammenführungstreiber in .gitattributes eingetragen — committe die Datei")
    assert f"In {tmp_path / '.git' / 'config'} merge.consensus.driver gesetzt" in done


def test_members_added_on_both_sides_merge(clones: tuple[Path, Path, dict[str, str]]) -> None:
    a, b, _ = clones
    assert "consensus.toml merge=consensus" in (a / ".gitattributes").read_text("utf-8").splitlines()
    consensus("members", "add", "Dana", cwd=a)
    commit(a, "Dana joins")
    git("push", "-q", "origin", "main", cwd=a)
    consensus("members", "add", "Emre", cwd=b)
    consensus("members", "remove", "Chris", cwd=b)
    commit(b, "Emre joins, Chris leaves")
    pulled = git("pull", "-q", "--no-edit", "origin", "main", cwd=b)
    assert "CONFLICT" not in pulled.stdout + pulled.stderr
    assert "consensus: consensus.toml: members from the other side: Dana" in pulled.stderr
    assert "<<<<<<<" not in (b / "consensus.toml").read_text("utf-8")
    assert consensus("members", "list", cwd=b).stdout == "Ayşe\nBo\nEmre\nDana\n"
    consensus("check", cwd=b)


def test_both_sides_retiring_keeps_both_reasons(clones: tuple[Path, Path, dict[str, str]]) -> None:
    a, b, ids = clones
    consensus("retire", ids["active"], "--why", "The hall closed", "--by", "Ayşe", cwd=a)
    commit(a, "retired in a")
    git("push", "-q", "origin", "main", cwd=a)
    consensus("retire", ids["active"], "--why", "Nobody came", "--by", "Bo", cwd=b)
    commit(b, "retired in b")
    pulled = git("pull", "-q", "--no-edit", "origin", "main", cwd=b)
    assert "kept both" in pulled.stderr and "kept it once" not in pulled.stderr
    history = show(b, ids["active"])["history"]
    assert sorted(e.get("why") for e in history if e["kind"] == "retired") == ["Nobody came", "The hall closed"]
    consensus("check", cwd=b)


def test_a_german_register_hears_the_merge_in_german(tmp_path: Path) -> None:
    """git starts the driver once a file, without the command line: it still speaks the register's language."""
    origin = tmp_path / "origin.git"
    git("init", "-q", "--bare", str(origin), cwd=tmp_path)
    a = tmp_path / "a"
    git("clone", "-q", str(origin), str(a), cwd=tmp_path)
    consensus("init", "--lang", "de", "--member", "Ayşe", "--member", "Bo", cwd=a)
    consensus("git-setup", cwd=a)
    decision = consensus("propose", "Regel", "--text", "Alt.", "--by", "Ayşe", cwd=a,
                         CONSENSUS_NOW="2026-11-24T09:00:00+01:00").stdout.strip()
    commit(a, "start")
    git("push", "-q", "origin", "main", cwd=a)
    b = clone(origin, tmp_path / "b")
    consensus("members", "add", "Dana", cwd=a)
    consensus("object", decision, "--by", "Bo", "--reason", "aus a", cwd=a, CONSENSUS_NOW="2026-11-24T10:00:00+01:00")
    commit(a, "a")
    git("push", "-q", "origin", "main", cwd=a)
    consensus("members", "add", "Emre", cwd=b)
    consensus("object", decision, "--by", "Ayşe", "--reason", "aus b", cwd=b, CONSENSUS_NOW="2026-11-24T10:01:00+01:00")
    commit(b, "b")
    pulled = git("pull", "-q", "--no-edit", "origin", "main", cwd=b)
    assert "consensus: consensus.toml: Mitglieder von der anderen Seite: Dana\n" in pulled.stderr
    assert f"consensus: {decision}: Einwand 1 von Ayşe ist jetzt Einwand 2\n" in pulled.stderr

    for repo, text in ((a, "Von A."), (b, "Von B.")):
        if repo is a:
            git("pull", "-q", "--no-edit", "origin", "main", cwd=a)
        consensus("amend", decision, "--text", text, "--why", "besser", "--by", "Bo", cwd=repo)
        commit(repo, text)
        if repo is a:
            git("push", "-q", "origin", "main", cwd=a)
    git("push", "-q", "origin", "main", cwd=b, code=None)
    stopped = git("pull", "--no-edit", "origin", "main", cwd=b, code=1)
    assert f"beide Seiten haben eine andere Version 2 von {decision} vorgeschlagen" in stopped.stderr
