"""Register files chosen to hurt: nested beyond reason, or not files at all. Each is a broken file
like any other: named (with its line), skipped with a warning by readers, reported by check,
refused by writers; never a hang, never an internal error."""

from __future__ import annotations

import os
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


KINDS = {
    "fifo": (_fifo, "is a named pipe (FIFO), not a file"),
    "socket": (_socket, "is a socket, not a file"),
    "folder": (_folder, "is a folder, not a file"),
    "device": (_device, "is a device, not a file"),
}


@pytest.mark.parametrize("kind", list(KINDS))
def test_a_decision_that_is_not_a_file(run: Invoke, reg: Path, adopted: str, kind: str) -> None:
    make, said = KINDS[kind]
    make(reg / "decisions" / "abcdefgh.toml")
    problem = f"decisions/abcdefgh.toml: {said} — only regular files are read; remove it"
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
    problem = f"meetings/abcdefgh.toml: {said} — only regular files are read; remove it"
    for command in (["meeting", "list"], ["participation"], ["summary"]):
        assert f"Warning: skipped {problem}\n" in run(*command).stderr, command
    assert run("check", code=1).stdout == problem + "\n"
    assert run("meeting", "show", "abcdefgh", code=1).stderr == f"Error: {problem}\n"


@pytest.mark.parametrize("kind", ["fifo", "folder", "device"])
def test_an_open_meeting_that_is_not_a_file(run: Invoke, reg: Path, adopted: str, kind: str) -> None:
    make, said = KINDS[kind]
    (reg / ".consensus").mkdir(exist_ok=True)
    make(reg / ".consensus" / "meeting.toml")
    problem = f".consensus/meeting.toml: {said} — only regular files are read; remove it"
    assert run("check", code=1).stdout == problem + "\n"
    for command in (["meeting", "list"], ["consent", adopted]):
        assert run(*command, code=1).stderr == f"Error: {problem}\n"
