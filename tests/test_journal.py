"""Recovery touches nothing but its own temporaries in the register: a journal that came with a
copy or a ``git pull`` is refused whole, and one this machine wrote is finished from any folder."""

from __future__ import annotations

import json
import os
import signal
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Invoke, files
from tests.e2e import consensus

JOURNAL = Path(".consensus") / "journal.json"
REFUSED = "Error: .consensus/journal.json was not written by consensus for this register on this machine ("


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A precious file outside the register, and a folder beside it."""
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    precious = folder / "precious.txt"
    precious.write_text("keep me", "utf-8")
    return precious


def key_of(reg: Path) -> str:
    """This machine's key (made by a first change of several files, as an adoption that replaces)."""
    path = reg / ".consensus" / "token"
    if not path.exists():
        path.parent.mkdir(exist_ok=True)
        from consensus.storage import machine_key

        machine_key(path, make=True)
    return path.read_text("ascii").strip()


def planted(reg: Path, steps: list[list[str | None]], *, bound: bool = True, **record: object) -> None:
    """A journal as an attacker commits it; ``bound``: even with this register's path and key
    (as if they had learnt both), so that the steps themselves are what is judged."""
    content: dict[str, object] = {"steps": steps}
    if bound:
        content.update({"register": str(reg.resolve()), "key": key_of(reg)})
    content.update(record)
    (reg / JOURNAL).parent.mkdir(exist_ok=True)
    (reg / JOURNAL).write_text(json.dumps(content), "utf-8")


def assert_refused(run: Invoke, reg: Path, outside: Path, before: dict[str, bytes], reason: str) -> None:
    for command in (["list"], ["check"], ["propose", "T", "--text", "x"], ["summary"]):
        result = run(*command, code=1)
        assert result.stderr.startswith(REFUSED), result.stderr
        assert reason in result.stderr
        assert result.stderr.count("\n") == 1
        assert "\x1b" not in result.stderr
    assert outside.read_text("utf-8") == "keep me"
    assert files(reg) == before
    assert (reg / JOURNAL).exists()  # nothing touched, not even the journal


@pytest.mark.parametrize(
    ("steps", "reason"),
    [
        pytest.param(lambda reg, out: [["payload", "../../../../" + str(out)]], "which is not a file of this register", id="relative-up"),
        pytest.param(lambda reg, out: [["payload", str(out)]], "which is not a file of this register", id="absolute-outside"),
        pytest.param(lambda reg, out: [[None, str(out)]], "which is not a file of this register", id="delete-outside"),
        pytest.param(lambda reg, out: [[None, str(reg / "decisions" / ".." / ".." / out.parent.name / out.name)]],
                     "which is not a file of this register", id="dot-dot-inside-path"),
        pytest.param(lambda reg, out: [[None, str(reg / ".gitignore")]], "which is not a file of this register", id="delete-gitignore"),
        pytest.param(lambda reg, out: [[None, str(reg / "decisions" / "notes.md")]], "which is not a file of this register", id="not-a-decision-name"),
        pytest.param(lambda reg, out: [[None, str(reg / ".consensus" / "cache.sqlite")]], "which is not a file of this register", id="index-target"),
        pytest.param(lambda reg, out: [[str(out), str(reg / "decisions" / "abcdefgh.toml")]], "which is not a temporary it made", id="temp-outside"),
        pytest.param(lambda reg, out: [[str(reg / "decisions" / "README.md"), str(reg / "decisions" / "abcdefgh.toml")]],
                     "which is not a temporary it made", id="temp-not-a-temporary"),
        pytest.param(lambda reg, out: [[str(reg / "meetings" / ".abcdefgh.toml.0123abcd.tmp"), str(reg / "decisions" / "abcdefgh.toml")]],
                     "which is not a temporary it made", id="temp-in-another-folder"),
        pytest.param(lambda reg, out: [[str(reg / "decisions" / ".zzzzzzzz.toml.0123abcd.tmp"), str(reg / "decisions" / "abcdefgh.toml")]],
                     "which is not a temporary it made", id="temp-of-another-file"),
        pytest.param(lambda reg, out: [["a", "b", "c"]], "a step of it is not a step", id="three-parts"),
        pytest.param(lambda reg, out: [[None, 7]], "a step of it is not a step", id="number"),
    ],
)
def test_a_journal_that_would_reach_outside_is_refused(run: Invoke, reg: Path, adopted: str, outside: Path,
                                                       steps: Callable[[Path, Path], list[list[str | None]]],
                                                       reason: str) -> None:
    planted(reg, steps(reg, outside))
    before = files(reg)
    assert_refused(run, reg, outside, before, reason)


def test_a_temporary_that_is_a_link_is_refused(run: Invoke, reg: Path, adopted: str, outside: Path) -> None:
    temp = reg / "decisions" / f".{adopted}.toml.0123abcd.tmp"
    temp.symlink_to(outside)
    planted(reg, [[str(temp), str(reg / "decisions" / f"{adopted}.toml")]])
    before = files(reg)
    assert_refused(run, reg, outside, before, "is not a file it wrote")


@pytest.mark.parametrize(
    ("record", "bound", "reason"),
    [
        pytest.param({}, False, "it names no register", id="old-format-unbound"),
        pytest.param({"register": "/somewhere/else"}, True, "it names the register '/somewhere/else', not this one", id="other-register"),
        pytest.param({"key": "0" * 32}, True, "it does not carry this machine's key", id="other-key"),
        pytest.param({"key": None}, True, "it does not carry this machine's key", id="no-key"),
    ],
)
def test_a_journal_from_another_machine_is_refused(run: Invoke, reg: Path, adopted: str, outside: Path,
                                                   record: dict[str, object], bound: bool, reason: str) -> None:
    # Steps that would be fine here: only the binding gives the journal away.
    temp = reg / "decisions" / f".{adopted}.toml.0123abcd.tmp"
    temp.write_text("format = 1\n", "utf-8")
    planted(reg, [[str(temp), str(reg / "decisions" / f"{adopted}.toml")]], bound=bound, **record)
    before = files(reg)
    assert_refused(run, reg, outside, before, reason)
    assert temp.exists()


def test_a_journal_without_a_key_on_this_machine_is_refused(run: Invoke, reg: Path, adopted: str, outside: Path) -> None:
    planted(reg, [], bound=False, register=str(reg.resolve()), key="0" * 32)
    assert not (reg / ".consensus" / "token").exists()
    before = files(reg)
    assert_refused(run, reg, outside, before, "it does not carry this machine's key")


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        pytest.param(b"{\"steps\": [[null, ", "it is not a journal", id="torn"),
        pytest.param(b"[" * 100_000 + b"]" * 100_000, "it is not a journal", id="deep"),
        pytest.param(b"\"steps\"", "it is not a journal", id="a-string"),
        pytest.param(b"{\"steps\": {}}", "it is not a journal", id="steps-not-a-list"),
        pytest.param(b"\xff\xfe", "it is not a journal", id="not-text"),
    ],
)
def test_a_journal_that_is_not_one_is_refused(run: Invoke, reg: Path, adopted: str, outside: Path,
                                              content: bytes, reason: str) -> None:
    (reg / JOURNAL).write_bytes(content)
    before = files(reg)
    assert_refused(run, reg, outside, before, reason)


def test_a_journal_that_is_a_fifo_or_a_folder_is_refused(run: Invoke, reg: Path, adopted: str, outside: Path) -> None:
    os.mkfifo(reg / JOURNAL)
    assert_refused(run, reg, outside, files(reg), "is a named pipe (FIFO), not a file")
    (reg / JOURNAL).unlink()
    (reg / JOURNAL).mkdir()
    assert_refused(run, reg, outside, files(reg), "is a folder, not a file")


def test_a_journal_linked_to_a_file_elsewhere_is_judged_by_what_it_says(run: Invoke, reg: Path, adopted: str,
                                                                       outside: Path) -> None:
    outside.write_text(json.dumps({"steps": [[None, str(outside)]]}), "utf-8")
    (reg / JOURNAL).symlink_to(outside)
    before = files(reg)
    for command in (["list"], ["propose", "T", "--text", "x"]):
        assert run(*command, code=1).stderr.startswith(REFUSED)
    assert outside.exists()
    assert files(reg) == before


def test_deleting_a_refused_journal_lets_work_go_on(run: Invoke, reg: Path, adopted: str, outside: Path) -> None:
    planted(reg, [["payload", str(outside)]])
    run("list", code=1)
    (reg / JOURNAL).unlink()
    run("consent", adopted, code=1)  # refused by the process, but the register is usable again
    run("check")


@pytest.mark.parametrize("folder", [".consensus", "decisions", "meetings"])
def test_a_register_folder_that_links_outside_is_refused(run: Invoke, reg: Path, tmp_path: Path, folder: str) -> None:
    import shutil

    target = tmp_path / "target"
    if (reg / folder).exists():
        shutil.move(reg / folder, target)
    else:
        target.mkdir()
    (reg / folder).symlink_to(target)
    before = {p.name for p in target.rglob("*")}
    for command in (["list"], ["propose", "T", "--text", "x"], ["meeting", "start"]):
        result = run(*command, code=1)
        assert result.stderr == (
            f"Error: {folder} is a link to {target}, outside the register: consensus never follows "
            "links out of it — replace the link with a folder\n"
        )
    assert {p.name for p in target.rglob("*")} == before


def test_a_register_folder_that_links_inside_is_followed(run: Invoke, reg: Path) -> None:
    (reg / "meetings").rename(reg / "kept-meetings")
    (reg / "meetings").symlink_to(reg / "kept-meetings")
    run("meeting", "start")
    run("meeting", "end")
    assert len(list((reg / "kept-meetings").glob("*.toml"))) == 1


def test_only_the_registers_own_temporaries_are_cleaned(run: Invoke, reg: Path, adopted: str, outside: Path) -> None:
    """A writer removes what killed writers left: temporaries named as it names them, beside a
    file of the register's own, and nothing else."""
    run("list")
    ours = [
        reg / "decisions" / f".{adopted}.toml.0123abcd.tmp",
        reg / "decisions" / ".zzzzzzzz.toml.ab_cd9z1.tmp",  # as the tempfile module named them before
        reg / "meetings" / ".abcdefgh.toml.0123abcd.tmp",
        reg / ".consensus" / ".meeting.toml.0123abcd.tmp",
        reg / ".consensus" / ".journal.json.0123abcd.tmp",
        reg / ".consensus" / ".token.0123abcd.tmp",
        reg / ".consensus" / ".live.json.0123abcd.tmp",  # .consensus/ is the tool's own: any temporary there
        reg / ".consensus" / ".last.0123abcd.tmp",
        reg / ".consensus.toml.0123abcd.tmp",
    ]
    theirs = [
        reg / ".notes.tmp",
        reg / "decisions" / ".README.md.0123abcd.tmp",
        reg / "decisions" / f".{adopted}.toml.tmp",
        reg / "decisions" / f".{adopted}.toml.0123abcd.tmp.bak",
        reg / "decisions" / f"{adopted}.toml.0123abcd.tmp",
        reg / ".gitignore.0123abcd.tmp",
        reg / ".consensus" / ".lock.tmp",
    ]
    for path in ours + theirs:
        path.write_text("left behind", "utf-8")
    folder_like_a_temporary = reg / "decisions" / ".abcdefgh.toml.0123abcd.tmp.d"
    folder_like_a_temporary.mkdir()
    link = reg / "decisions" / ".abcdefgg.toml.0123abcd.tmp"
    link.symlink_to(outside)
    (reg / ".consensus" / "lock").write_bytes(b"writing\n")  # as a writer killed while writing leaves it
    run("consent", adopted, code=1)  # any writer, even one the process refuses
    assert (reg / ".consensus" / "lock").read_bytes() == b""
    assert [p.name for p in ours if p.exists()] == []
    assert [p.name for p in theirs if not p.exists()] == []
    assert folder_like_a_temporary.is_dir()
    assert link.is_symlink()
    assert outside.read_text("utf-8") == "keep me"


def test_a_journal_names_the_register_and_its_files_absolutely(reg: Path, adopted: str, propose: Callable[..., str],
                                                                run: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    from consensus import storage
    from consensus.register import Register

    seen: dict[str, object] = {}
    real = storage._apply

    def keep(journal: Path, steps: list[list[str | None]]) -> None:
        seen.update(json.loads(journal.read_bytes()))
        real(journal, steps)

    monkeypatch.setattr(storage, "_apply", keep)
    new = propose("New", "n", "--replaces", adopted, "--why", "better")
    monkeypatch.chdir(reg.parent)
    run("-C", reg.name, "adopt", new)
    register = Register(reg)
    assert seen["register"] == str(reg.resolve())
    assert seen["key"] == (reg / ".consensus" / "token").read_text("ascii").strip()
    targets = sorted(step[1] for step in seen["steps"])  # type: ignore[attr-defined]
    assert targets == sorted(str(register.path(i)) for i in (adopted, new))
    assert all(Path(step[0]).is_absolute() for step in seen["steps"])  # type: ignore[attr-defined]


@pytest.mark.slow
@pytest.mark.parametrize("how", ["-C", "CONSENSUS_DIR"])
def test_a_crash_under_a_relative_path_is_finished_from_inside(tmp_path: Path, how: str) -> None:
    reg = tmp_path / "group" / "reg"
    reg.mkdir(parents=True)
    consensus("init", cwd=reg)
    env = {"CONSENSUS_USER": "Ayşe"}
    old = consensus("propose", "Old", "--text", "old", cwd=reg, **env).stdout.strip()
    consensus("adopt", old, cwd=reg, **env)
    new = consensus("propose", "New", "--text", "new", "--replaces", old, "--why", "better", cwd=reg, **env).stdout.strip()
    relative = os.path.join("group", "reg")
    where = ["-C", relative] if how == "-C" else []
    extra = {"CONSENSUS_DIR": relative} if how == "CONSENSUS_DIR" else {}
    died = consensus(*where, "adopt", new, cwd=tmp_path, code=None, CONSENSUS_FAILPOINT="journal-written", **env, **extra)
    assert died.returncode == -signal.SIGKILL
    assert (reg / JOURNAL).exists()
    shown = json.loads(consensus("show", new, "--json", cwd=reg / "decisions").stdout)  # from elsewhere
    assert shown["status"] == "active"
    assert not (reg / JOURNAL).exists()
    consensus("check", cwd=reg)
    consensus("consent", new, cwd=reg, code=1, **env)
    assert [p.name for p in reg.rglob("*") if p.name.endswith(".tmp")] == []


def test_a_journal_and_key_that_git_tracks_are_refused(run: Invoke, reg: Path, adopted: str, outside: Path) -> None:
    """git writes over an ignored file when a pull brings one of its name: a pushed key and a
    journal bound to this very register (its path guessed) are still not this machine's."""
    import subprocess

    temp = reg / "decisions" / f".{adopted}.toml.0123abcd.tmp"
    temp.write_text("format = 1\n", "utf-8")
    planted(reg, [[str(temp), str(reg / "decisions" / f"{adopted}.toml")]])
    env = {**os.environ, "GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@e", "GIT_COMMITTER_NAME": "T",
           "GIT_COMMITTER_EMAIL": "t@e"}
    for args in (["init", "-q"], ["add", "-f", ".consensus/token", str(JOURNAL)]):
        subprocess.run(["git", *args], cwd=reg, check=True, env=env, capture_output=True)
    before = files(reg)
    assert_refused(run, reg, outside, before, "git tracks .consensus/token, so it came with a clone or a pull")
