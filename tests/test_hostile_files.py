"""Register files chosen to hurt: nested beyond reason, or not files at all. Each is a broken file
like any other: named (with its line), skipped with a warning by readers, reported by check,
refused by writers; never a hang, never an internal error."""

from __future__ import annotations

import os
import shutil
import signal
import socket
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.conftest import Invoke, files

READERS = [["list"], ["summary"], ["changes", "--since", "2020-01-01"], ["participation"]]
DEEP = {
    "arrays": "x = " + "[" * 100_000 + "]" * 100_000,
    "inline-tables": "x = " + "{a = " * 100_000 + "1" + "}" * 100_000,
    "dotted-key": ".".join(["a"] * 100_000) + " = 1",
    "table-header": "[" + ".".join(["a"] * 100_000) + "]",
    "array-of-tables": "[[" + ".".join(["a"] * 100_000) + "]]",
    "arrays-over-lines": "x = [\n" + "[\n" * 100_000 + "]\n" * 100_000 + "]",
}
TOO_DEEP = "is nested too deeply (arrays or tables within each other, or a key of too many parts) to be a register file"


@pytest.fixture(autouse=True)
def _no_hang() -> Iterator[None]:
    """A reader that waits on a FIFO fails the test instead of hanging it."""

    def stop(signum: int, frame: object) -> None:
        raise TimeoutError("a command hung")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(60)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def _append(path: Path, text: str, at_start: bool) -> int:
    """``text`` put into the file; returns the line it starts on."""
    old = path.read_text("utf-8")
    if at_start:
        path.write_text(text + "\n" + old, "utf-8")
        return 1
    path.write_text(old + "\n" + text + "\n", "utf-8")
    return old.count("\n") + 2


def test_records_made_to_slow_the_import_down_take_no_longer_than_others(run: Invoke, reg: Path, tmp_path: Path) -> None:
    # Patterns that tried every end of a long line, or every "[" to the end of the text, took
    # minutes on a record of 200 KB (74 s on 100 KB); the alarm above stops them at 60 s.
    folder = tmp_path / "adr"
    folder.mkdir()
    (folder / "0001-heading.md").write_text("# a" + " " * 200_000 + "b\n\nStatus: accepted\n", "utf-8")
    (folder / "0002-section.md").write_text("# Two\n\n##a" + " " * 200_000 + "b\n\nStatus: accepted\n", "utf-8")
    (folder / "0003-links.md").write_text("# Three\n\n## Status\n\naccepted " + "[" * 200_000 + "\n", "utf-8")
    assert "0003-links.md" in run("import", "adr", str(folder), "--dry-run").stderr


def test_a_long_file_nested_too_deeply_is_named_without_searching_for_its_line(run: Invoke, reg: Path, adopted: str) -> None:
    # Finding the line parses the file again a score of times: 42 s a command for 32 MB.
    path = reg / "decisions" / "deep.toml"
    path.write_text('padding = "' + "x" * (1 << 20) + '"\n' + DEEP["arrays"] + "\n", "utf-8")
    assert run("check", code=1).stdout == f"decisions/deep.toml: {TOO_DEEP}\n"


def test_a_file_of_many_faults_names_the_first_and_counts_the_rest(run: Invoke, reg: Path, adopted: str) -> None:
    # Each fault's line is found by reading the file: 16,000 unknown keys (165 KB) took 106 s.
    path = reg / "decisions" / "keys.toml"
    path.write_text('id = "keys"\n' + "".join(f"k{n} = 1\n" for n in range(5000)), "utf-8")
    said = run("check", code=1).stdout.splitlines()
    assert said[:2] == ["decisions/keys.toml:2: k0: unknown key", "decisions/keys.toml:3: k1: unknown key"]
    assert said[20] == "decisions/keys.toml: and 4980 more problems like these"
    assert adopted in run("list").stdout


@pytest.mark.parametrize("shape", list(DEEP))
def test_a_deeply_nested_decision_file(run: Invoke, reg: Path, adopted: str, propose: Callable[..., str], shape: str) -> None:
    other = propose("Other", "o")
    path = reg / "decisions" / f"{other}.toml"
    line = _append(path, DEEP[shape], at_start=shape in ("arrays", "dotted-key", "inline-tables", "arrays-over-lines"))
    if shape == "arrays-over-lines":
        line = 401  # where the parser gives up, 400 levels down
    problem = f"decisions/{other}.toml:{line}: {TOO_DEEP}"
    for command in READERS:
        result = run(*command)
        assert f"Warning: skipped {problem}\n" in result.stderr, (command, result.stderr)
    assert adopted in run("list").stdout
    assert run("check", code=1).stdout == problem + "\n"
    for command in (["show", other], ["history", other], ["diff", other], ["consent", other],
                    ["object", other, "--reason", "r"], ["adopt", other], ["reject", other], ["retire", other, "--why", "w"],
                    ["amend", other, "--text", "t", "--why", "w"], ["undo", other]):
        assert run(*command, code=1).stderr == f"Error: {problem}\n", command
    run("show", adopted)


@pytest.mark.parametrize("shape", ["arrays", "dotted-key", "inline-tables"])
def test_a_deeply_nested_settings_file(run: Invoke, reg: Path, adopted: str, shape: str) -> None:
    _append(reg / "consensus.toml", DEEP[shape], at_start=True)
    before = files(reg)
    problem = f"consensus.toml:1: {TOO_DEEP}"
    assert run("list").stderr == f"Warning: {problem}\n"
    assert run("check", code=1).stdout == problem + "\n"
    for command in (["show", adopted], ["summary"], ["consent", adopted], ["members", "add", "Dana"],
                    ["propose", "T", "--text", "x"], ["meeting", "start"]):
        assert run(*command, code=1).stderr == f"Error: {problem}\n", command
    assert files(reg) == before


@pytest.mark.parametrize("shape", ["arrays", "dotted-key", "inline-tables"])
def test_a_deeply_nested_meeting_file(run: Invoke, reg: Path, adopted: str, shape: str) -> None:
    run("meeting", "start")
    ended = run("meeting", "end", "--json").stdout
    import json

    meeting = reg / "meetings" / f"{json.loads(ended)['id']}.toml"
    _append(meeting, DEEP[shape], at_start=True)
    problem = f"meetings/{meeting.name}:1: {TOO_DEEP}"
    for command in (["meeting", "list"], ["participation"]):
        assert f"Warning: skipped {problem}\n" in run(*command).stderr
    assert run("check", code=1).stdout == problem + "\n"


@pytest.mark.parametrize("shape", ["arrays", "dotted-key"])
def test_a_deeply_nested_open_meeting(run: Invoke, reg: Path, adopted: str, shape: str) -> None:
    run("meeting", "start")
    _append(reg / ".consensus" / "meeting.toml", DEEP[shape], at_start=True)
    problem = f".consensus/meeting.toml:1: {TOO_DEEP}"
    assert run("check", code=1).stdout == problem + "\n"
    for command in (["meeting", "list"], ["meeting", "end"], ["consent", adopted], ["propose", "T", "--text", "x"]):
        assert run(*command, code=1).stderr == f"Error: {problem}\n", command


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _socket(path: Path) -> None:
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))  # left bound: a socket file stays until it is removed


def _folder(path: Path) -> None:
    path.mkdir()


def _device(path: Path) -> None:
    path.symlink_to("/dev/zero")  # endless bytes: reading it would never end


def _link_out(path: Path) -> None:
    """A link (git checks them out) to a file of the same kind outside the register."""
    elsewhere = path.parent.parent.parent / "elsewhere"
    elsewhere.mkdir(exist_ok=True)
    secret = elsewhere / path.name
    secret.write_text('title = "SECRET"\n', "utf-8")
    path.symlink_to(secret)


_NOT_REGULAR = " — only regular files are read; remove it"
_LINK = ("is a symbolic link — consensus never reads or writes through a link (it could lead anywhere); "
         "replace it with the file itself, or remove it")
KINDS = {
    "fifo": (_fifo, "is a named pipe (FIFO), not a file" + _NOT_REGULAR),
    "socket": (_socket, "is a socket, not a file" + _NOT_REGULAR),
    "folder": (_folder, "is a folder, not a file" + _NOT_REGULAR),
    "link to a device": (_device, _LINK),  # /dev/zero: endless bytes, were it followed
    "link out of the register": (_link_out, _LINK),
}


@pytest.mark.parametrize("kind", list(KINDS))
def test_a_decision_that_is_not_a_file(run: Invoke, reg: Path, adopted: str, kind: str) -> None:
    make, said = KINDS[kind]
    make(reg / "decisions" / "abcdefgh.toml")
    problem = f"decisions/abcdefgh.toml: {said}"
    for command in READERS:
        assert f"Warning: skipped {problem}\n" in run(*command).stderr, command
    assert run("check", code=1).stdout == problem + "\n"
    for command in (["show", "abcdefgh"], ["history", "abcdefgh"], ["consent", "abcdefgh"]):
        assert run(*command, code=1).stderr == f"Error: {problem}\n"
    run("show", adopted)
    run("review", adopted)


@pytest.mark.parametrize("kind", list(KINDS))
def test_a_meeting_that_is_not_a_file(run: Invoke, reg: Path, adopted: str, kind: str) -> None:
    make, said = KINDS[kind]
    make(reg / "meetings" / "abcdefgh.toml")
    problem = f"meetings/abcdefgh.toml: {said}"
    for command in (["meeting", "list"], ["participation"], ["summary"]):
        assert f"Warning: skipped {problem}\n" in run(*command).stderr, command
    assert run("check", code=1).stdout == problem + "\n"
    assert run("meeting", "show", "abcdefgh", code=1).stderr == f"Error: {problem}\n"


@pytest.mark.parametrize("kind", ["fifo", "folder", "link to a device"])
def test_an_open_meeting_that_is_not_a_file(run: Invoke, reg: Path, adopted: str, kind: str) -> None:
    make, said = KINDS[kind]
    (reg / ".consensus").mkdir(exist_ok=True)
    make(reg / ".consensus" / "meeting.toml")
    problem = f".consensus/meeting.toml: {said}"
    assert run("check", code=1).stdout == problem + "\n"
    for command in (["meeting", "list"], ["consent", adopted]):
        assert run(*command, code=1).stderr == f"Error: {problem}\n"


# -- what a pull can bring besides register files: links, long files, names ------------------------


def test_settings_that_are_a_link_are_never_read(run: Invoke, reg: Path, adopted: str) -> None:
    other = reg.parent / "other.toml"
    other.write_text('name = "Someone else"\nmembers = ["Alice-Secret"]\n', "utf-8")
    (reg / "consensus.toml").unlink()
    (reg / "consensus.toml").symlink_to(other)
    result = run("members", "list", code=1)
    assert "Alice-Secret" not in result.stdout + result.stderr
    assert result.stderr.startswith("Error: consensus.toml: is a symbolic link")


@pytest.mark.parametrize("content", ["link", "garbage"])
def test_last_never_shows_what_its_file_holds(run: Invoke, reg: Path, adopted: str, content: str) -> None:
    """git writes over an ignored file when a pull brings one of its name: ``.consensus/last``
    may be anything, or a link to anything."""
    secret = reg.parent / "id_rsa"
    secret.write_text("-----BEGIN OPENSSH PRIVATE KEY-----\n", "utf-8")
    last = reg / ".consensus" / "last"
    last.unlink(missing_ok=True)
    if content == "link":
        last.symlink_to(secret)
    else:
        last.write_text("-----BEGIN OPENSSH PRIVATE KEY-----\n", "utf-8")
    assert run("show", "last", code=1).stderr == (
        'Error: no decision was changed on this machine yet, so there is no "last" — give an id\n')
    assert secret.read_text("utf-8").startswith("-----BEGIN")


def test_a_file_too_long_to_be_a_register_file(run: Invoke, reg: Path, adopted: str,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("consensus.storage.FILE_LIMIT", 4096)  # 32 MiB, as a test can afford to make it
    path = reg / "decisions" / "abcdefgh.toml"
    path.write_text("x = 1\n" * 1000, "utf-8")
    problem = "decisions/abcdefgh.toml: is 6000 bytes long, too long to be what it should be"
    assert f"Warning: skipped {problem}\n" in run("list").stderr
    assert run("show", "abcdefgh", code=1).stderr == f"Error: {problem}\n"


def test_a_name_with_a_line_break_cannot_make_a_line_of_its_own(run: Invoke, reg: Path, adopted: str) -> None:
    (reg / "decisions" / "x\nz.toml").write_text("title = \n", "utf-8")
    found = run("check", code=1).stdout
    assert found == "decisions/x\\x0az.toml: the file name is not a decision id (use lower-case letters and digits)\n"


def test_a_history_too_long_for_any_group_is_refused(run: Invoke, reg: Path, adopted: str) -> None:
    import dataclasses

    from consensus import chain, process
    from consensus.codec import encode_decision, parse_decision
    from consensus.schema import MOST_EVENTS

    path = reg / "decisions" / f"{adopted}.toml"
    decision = parse_decision(path, path.read_bytes())
    concern = process.concern(decision, process.Act("Bo", decision.history[-1].at), reason="again").history[-1]
    more = tuple(dataclasses.replace(concern, reason=f"{n}") for n in range(MOST_EVENTS))
    path.write_bytes(encode_decision(chain.relink(dataclasses.replace(decision, history=decision.history + more))))
    error = run("show", adopted, code=1).stderr
    assert error.startswith(f"Error: decisions/{adopted}.toml:")
    assert f"holds {MOST_EVENTS + len(decision.history)} events, and a decision holds at most {MOST_EVENTS}" in error


def test_a_name_that_is_not_text_does_not_stop_an_incremental_check(run: Invoke, reg: Path, adopted: str) -> None:
    """git checks out any bytes as a name; SQLite takes only text."""
    run("check")
    os.close(os.open(os.path.join(bytes(reg / "decisions"), b"zz\xff.toml"), os.O_CREAT | os.O_WRONLY))
    found = run("check", code=1).stdout
    assert found == "decisions/zz\\udcff.toml: the file name is not a decision id (use lower-case letters and digits)\n"


def test_a_link_that_leads_nowhere_is_one_error(run: Invoke, reg: Path, adopted: str) -> None:
    shutil.rmtree(reg / "meetings")
    (reg / "meetings").symlink_to("meetings")  # a loop
    said = f"Error: meetings is a link that leads to no folder (to {reg / 'meetings'}) — replace the link with a folder\n"
    for command in (["list"], ["show", adopted], ["consent", adopted]):
        assert run(*command, code=1).stderr == said, command


def test_check_in_git_never_reads_a_committed_file_that_became_a_fifo(run: Invoke, reg: Path, adopted: str) -> None:
    """``check`` compares the working files with the last commit: a FIFO in a file's place must
    not make it wait (the alarm of this module fails the test if it does)."""
    import subprocess

    env = {**os.environ, "GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@e", "GIT_COMMITTER_NAME": "T",
           "GIT_COMMITTER_EMAIL": "t@e"}
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "c"]):
        subprocess.run(["git", *args], cwd=reg, check=True, env=env, capture_output=True)
    path = reg / "decisions" / f"{adopted}.toml"
    path.unlink()
    os.mkfifo(path)
    assert f"decisions/{adopted}.toml: is a named pipe (FIFO), not a file" in run("check", code=1).stdout


def test_a_folder_or_an_argument_that_is_not_utf8_gives_an_error_not_a_traceback(tmp_path: Path) -> None:
    from tests.e2e import consensus

    folder = os.fsdecode(os.path.join(bytes(tmp_path), b"gruppe\xff"))
    os.mkdir(folder)
    assert consensus("init", cwd=Path(folder)).stderr.startswith("Created the register 'gruppe\ufffd'")
    other = tmp_path / "other"
    other.mkdir()
    refused = consensus("init", "--name", os.fsdecode(b"x\xff"), cwd=other, code=1).stderr
    assert refused == "Error: the input holds bytes that are not UTF-8 text — check the terminal's or file's encoding\n"
    assert list(other.iterdir()) == []  # nothing made
    refused = consensus("meeting", "start", "--title", os.fsdecode(b"x\xff"), cwd=Path(folder), code=1,
                        CONSENSUS_USER="Ann").stderr
    assert refused.startswith("Error: the input holds bytes that are not UTF-8")
