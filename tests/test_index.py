"""The local index is a cache: whatever happens to the files, list and summary tell their truth."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Invoke


def listed(run: Invoke) -> dict[str, dict]:  # type: ignore[type-arg]
    return {r["id"]: r for r in json.loads(run("list", "--json", "--status", "active", "--status", "proposed").stdout)}


@pytest.fixture
def indexed(run: Invoke, reg: Path, propose: Callable[..., str]) -> list[str]:
    ids = [propose(f"Decision {n}", f"Text {n}") for n in range(3)]
    run("adopt", ids[0])
    listed(run)  # builds the index
    assert cache(reg).is_file()
    return ids


def cache(reg: Path) -> Path:
    return reg / ".consensus" / "cache.sqlite"


def sql(reg: Path, *statements: str) -> list[tuple]:  # type: ignore[type-arg]
    """Run statements on the cache as another program would (the last one's rows)."""
    db = sqlite3.connect(cache(reg), isolation_level=None)
    try:
        found: list[tuple] = []  # type: ignore[type-arg]
        for statement in statements:
            found = db.execute(statement).fetchall()
        return found
    finally:
        db.close()


def test_a_hand_edit_of_the_same_size_is_seen(run: Invoke, reg: Path, indexed: list[str]) -> None:
    path = reg / "decisions" / f"{indexed[1]}.toml"
    text = path.read_text("utf-8")
    edited = text.replace('title = "Decision 1"', 'title = "Decisive 1"')
    assert len(edited) == len(text)
    stat = path.stat()
    with open(path, "r+", encoding="utf-8") as handle:  # in place: same inode, same size
        handle.write(edited)
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # even the same modification time
    assert listed(run)[indexed[1]]["title"] == "Decisive 1"
    result = run("check", code=1)  # and check still sees the edit did not come from the history
    assert "event 1 (proposed by Ayşe, 2026-11-24T19:00:00+01:00) does not match its hash" in result.stdout


def test_a_deleted_file_disappears(run: Invoke, reg: Path, indexed: list[str]) -> None:
    (reg / "decisions" / f"{indexed[2]}.toml").unlink()
    assert indexed[2] not in listed(run)
    assert run("show", indexed[2], code=1).stderr.startswith("Error: no decision matches")


def test_a_file_broken_after_indexing_is_reported(run: Invoke, reg: Path, indexed: list[str]) -> None:
    (reg / "decisions" / f"{indexed[1]}.toml").write_text("title = \n", "utf-8")
    result = run("list", "--json")
    assert indexed[1] not in {r["id"] for r in json.loads(result.stdout)}
    assert result.stderr.startswith(f"Warning: skipped decisions/{indexed[1]}.toml:1: is not valid TOML")
    summary = run("summary")
    assert f"decisions/{indexed[1]}.toml:1" in summary.stderr


def test_changes_by_another_process_are_seen(run: Invoke, reg: Path, indexed: list[str]) -> None:
    # Another copy of the register changes a file, and it is copied over (as git would).
    other = reg.parent / "other"
    subprocess.run(["cp", "-r", str(reg), str(other)], check=True)
    run("-C", str(other), "consent", indexed[1], "--by", "Bo")
    run("-C", str(other), "adopt", indexed[1])
    data = (other / "decisions" / f"{indexed[1]}.toml").read_bytes()
    (reg / "decisions" / f"{indexed[1]}.toml").write_bytes(data)
    assert listed(run)[indexed[1]]["status"] == "active"
    assert "Decision 1" in run("summary", "--since", "2026-01-01").stdout


def test_minutes_and_a_lineage_see_files_changed_since_the_cache_was_made(
    run: Invoke, reg: Path, indexed: list[str]
) -> None:
    """``meeting show`` and ``graph ID`` read from the cache only the rows they need, but look at
    every file first: what another copy wrote (as a pull would) is seen, and what is gone is not."""
    other = reg.parent / "other"
    subprocess.run(["cp", "-r", str(reg), str(other)], check=True)
    run("-C", str(other), "meeting", "start")
    run("-C", str(other), "consent", indexed[1], "--by", "Bo")
    run("-C", str(other), "meeting", "end")
    new = run("-C", str(other), "propose", "Better", "--text", "b", "--replaces", indexed[0], "--why", "w").stdout.strip()
    (meeting,) = (other / "meetings").glob("*.toml")
    assert indexed[1] not in run("graph", indexed[0], "--json").stdout  # the cache is made, without them
    run("meeting", "list")
    for copied in (meeting, other / "decisions" / f"{indexed[1]}.toml", other / "decisions" / f"{new}.toml"):
        (reg / copied.parent.name / copied.name).write_bytes(copied.read_bytes())
    assert "Decision 1" in run("meeting", "show", "last").stdout
    assert new in {d["id"] for d in json.loads(run("graph", indexed[0], "--json").stdout)["decisions"]}
    (reg / "decisions" / f"{new}.toml").unlink()
    assert new not in run("graph", indexed[0], "--json").stdout
    (reg / "decisions" / f"{indexed[1]}.toml").write_text("title = \n", "utf-8")
    shown = run("meeting", "show", "last")
    assert "Decision 1" not in shown.stdout
    assert shown.stderr.count(f"decisions/{indexed[1]}.toml:1") == 1  # said once, though its old row names the meeting


def test_a_new_file_appears(run: Invoke, reg: Path, indexed: list[str]) -> None:
    other = reg.parent / "other"
    subprocess.run(["cp", "-r", str(reg), str(other)], check=True)
    new = run("-C", str(other), "propose", "From elsewhere", "--text", "x").stdout.strip()
    (reg / "decisions" / f"{new}.toml").write_bytes((other / "decisions" / f"{new}.toml").read_bytes())
    assert listed(run)[new]["title"] == "From elsewhere"


def test_files_that_are_not_decisions_are_never_listed(run: Invoke, reg: Path, indexed: list[str]) -> None:
    folder = reg / "decisions"
    (folder / "Not An Id.toml").write_text('title = "stray"\n', "utf-8")
    (folder / f".{indexed[0]}.toml").write_text('title = "hidden"\n', "utf-8")  # an editor's copy
    (folder / f"{indexed[1]}.toml.orig").write_bytes((folder / f"{indexed[1]}.toml").read_bytes())
    for _ in range(2):  # once as the index learns the folder, once from it
        result = run("list", "--json")
        assert sorted(r["id"] for r in json.loads(result.stdout)) == sorted(indexed)
        assert result.stderr == ""


@pytest.mark.parametrize("damage", ["garbage", "truncated", "empty", "folder"])
def test_a_broken_index_is_rebuilt(run: Invoke, reg: Path, indexed: list[str], damage: str) -> None:
    first = listed(run)
    path = cache(reg)
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    if damage == "garbage":
        path.write_bytes(b"{not a database" * 100)
    elif damage == "truncated":
        data = path.read_bytes()
        path.write_bytes(data[:len(data) // 3] + b"\xff" * 4096)
    elif damage == "empty":
        path.write_bytes(b"")
    else:
        path.unlink()
        path.mkdir()
    assert listed(run) == first
    assert "Decision 1" in run("summary").stdout
    assert run("meeting", "list").exit_code == 0
    if damage != "folder":
        assert sql(reg, "SELECT count(*) FROM rows") == [(3,)]  # made again


@pytest.mark.parametrize("damage", [
    "UPDATE rows SET title = 5, tags = '{not json', replaces = 7, timeline = 'x'",
    "UPDATE rows SET ino = 'x', size = NULL",
    "DROP TABLE rows",
    "UPDATE meta SET value = 'another layout'",
    "UPDATE documents SET body = '{not json'",
    "UPDATE meetings SET body = '[1, 2]'",
])
def test_an_index_damaged_inside_is_rebuilt(run: Invoke, reg: Path, indexed: list[str], damage: str) -> None:
    run("meeting", "start")
    run("meeting", "end")
    first, summary = listed(run), run("summary").stdout
    sql(reg, damage)
    assert listed(run) == first
    assert run("summary").stdout == summary
    assert run("meeting", "list").exit_code == 0


@pytest.mark.parametrize("hostile", [
    # A view or trigger of a pulled cache runs whenever its table is touched (trusted schema or
    # not): this one only leaves a mark; one that counts forever would hang every command.
    "CREATE TRIGGER mark AFTER INSERT ON rows BEGIN INSERT OR REPLACE INTO meta VALUES ('mark', 'ran'); END",
    "CREATE VIEW spin AS WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT x FROM c",
    "UPDATE meta SET value = '1 2' WHERE key = 'file'",  # a cache made in another file, as a pull writes one
])
def test_a_cache_this_code_did_not_make_in_this_file_is_made_anew(
        run: Invoke, reg: Path, indexed: list[str], hostile: str) -> None:
    first = listed(run)
    sql(reg, hostile)
    (reg / "decisions" / f"{indexed[1]}.toml").touch()  # a row to write again
    assert listed(run) == first
    assert sql(reg, "SELECT type, name FROM sqlite_master WHERE type IN ('view', 'trigger')") == []
    assert sql(reg, "SELECT value FROM meta WHERE key = 'mark'") == []


def test_the_index_never_vouches_for_an_edited_file(run: Invoke, reg: Path, indexed: list[str]) -> None:
    path = reg / "decisions" / f"{indexed[0]}.toml"
    path.write_text(path.read_text("utf-8").replace('kind = "adopted"', 'kind = "bogus"'), "utf-8")
    assert run("show", indexed[0], code=1).stderr.startswith(f"Error: decisions/{indexed[0]}.toml:")


@pytest.mark.slow
def test_git_pull_that_changes_files(tmp_path: Path) -> None:
    from tests.e2e import consensus

    def git(*args: str, cwd: Path) -> None:
        subprocess.run(["git", "-c", "user.name=T", "-c", "user.email=t@e", "-c", "init.defaultBranch=main",
                        "-c", "pull.rebase=false", *args], cwd=cwd, check=True, capture_output=True)

    origin, a, b = tmp_path / "origin.git", tmp_path / "a", tmp_path / "b"
    git("init", "-q", "--bare", str(origin), cwd=tmp_path)
    git("clone", "-q", str(origin), str(a), cwd=tmp_path)
    consensus("init", "--member", "Ayşe", "--member", "Bo", cwd=a)
    decision = consensus("propose", "T", "--text", "x", cwd=a, CONSENSUS_USER="Ayşe").stdout.strip()
    git("add", "-A", cwd=a)
    git("commit", "-qm", "one", cwd=a)
    git("push", "-q", "origin", "main", cwd=a)
    git("clone", "-q", str(origin), str(b), cwd=tmp_path)
    assert json.loads(consensus("list", "--json", cwd=b).stdout)[0]["status"] == "proposed"  # b's index
    consensus("adopt", decision, cwd=a, CONSENSUS_USER="Ayşe")
    git("commit", "-qam", "two", cwd=a)
    git("push", "-q", "origin", "main", cwd=a)
    git("pull", "-q", "origin", "main", cwd=b)
    assert json.loads(consensus("list", "--json", cwd=b).stdout)[0]["status"] == "active"


def test_a_hand_edited_meeting_is_seen(run: Invoke, reg: Path) -> None:
    meeting_id = run("meeting", "start", "--title", "Circle").stdout.strip()
    run("meeting", "end")
    assert "Circle" in run("meeting", "list").stdout  # now the index knows the meeting
    path = reg / "meetings" / f"{meeting_id}.toml"
    path.write_text(path.read_text("utf-8").replace('"Circle"', '"Square"'), "utf-8")
    assert "Square" in run("meeting", "list").stdout
    path.write_text("title = \n", "utf-8")
    result = run("meeting", "list")
    assert "Square" not in result.stdout
    assert f"meetings/{meeting_id}.toml:1: is not valid TOML" in result.stderr


def test_many_files_are_read_on_every_core_with_the_same_result(
    run: Invoke, reg: Path, propose: Callable[..., str], monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = [propose(f"Decision {n}", f"Text {n}") for n in range(6)]
    run("adopt", ids[0])
    run("adopt", ids[1])
    broken, tampered = reg / "decisions" / f"{ids[2]}.toml", reg / "decisions" / f"{ids[3]}.toml"
    broken.write_text("title = \n", "utf-8")
    tampered.write_text(tampered.read_text("utf-8").replace("Text 3", "Text three"), "utf-8")
    alone_list, alone_check = run("list", "--json"), run("check", code=1)
    import concurrent.futures

    pools = []
    real_pool = concurrent.futures.ProcessPoolExecutor
    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", lambda *a, **k: pools.append(a) or real_pool(*a, **k))
    monkeypatch.setattr("consensus.parallel.THRESHOLD", 2)
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    cache(reg).unlink()
    shared_list, shared_check = run("list", "--json"), run("check", code=1)
    assert (shared_list.stdout, shared_list.stderr) == (alone_list.stdout, alone_list.stderr)
    assert (shared_check.stdout, shared_check.stderr) == (alone_check.stdout, alone_check.stderr)
    assert "Text three" not in shared_check.stdout and f"decisions/{ids[3]}.toml" in shared_check.stdout
    assert f"decisions/{ids[2]}.toml:1" in shared_list.stderr
    assert len(pools) == 2  # list and check each used worker processes


def documents(reg: Path) -> set[str]:
    return {i for (i,) in sql(reg, "SELECT id FROM documents")}


def test_a_long_report_writes_what_it_keeps_as_it_goes(
    run: Invoke, reg: Path, indexed: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from consensus.index import Index

    monkeypatch.setattr("consensus.index.KEPT_AT_ONCE", 2)
    waiting = []
    keep = Index.put_document

    def counted(self: Index, *args: object) -> None:
        keep(self, *args)  # type: ignore[arg-type]
        waiting.append(len(self._documents))

    monkeypatch.setattr(Index, "put_document", counted)
    run("changes", "--since", "2026-01-01")
    assert len(waiting) == 3 and max(waiting) == 1  # two written at once, the third at the end
    assert documents(reg) == set(indexed)


def test_rows_made_afresh_are_written_at_once_and_read_back_as_picked(
    run: Invoke, reg: Path, indexed: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = [("summary",), ("graph", indexed[0]), ("list",)]
    told = [run(*command).stdout for command in asked]
    settled = []
    monkeypatch.setattr("consensus.register.SETTLE_AT", 1)  # a fresh clone of a large register
    from consensus.index import Index

    settle = Index.settle
    monkeypatch.setattr(Index, "settle", lambda self: settled.append(len(self._rows_put)) or settle(self))
    for command, before in zip(asked, told, strict=True):
        cache(reg).unlink()
        assert run(*command).stdout == before
    assert settled == [3, 3]  # summary and graph wrote the rows they made and read back those they picked
    assert len(sql(reg, "SELECT id FROM rows")) == 3


def test_a_cache_too_busy_to_write_is_tried_once_a_command(
    run: Invoke, reg: Path, indexed: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import contextlib

    from consensus.index import Index

    tried = []

    @contextlib.contextmanager
    def busy(db: sqlite3.Connection) -> Any:
        tried.append(1)
        raise sqlite3.OperationalError("database is locked")  # after SQLite's own 2 s of waiting
        yield

    sql(reg, "DELETE FROM documents")
    monkeypatch.setattr("consensus.index.KEPT_AT_ONCE", 1)
    free = Index.__dict__["_writing"]
    monkeypatch.setattr(Index, "_writing", staticmethod(busy))
    before = run("changes", "--since", "2026-01-01").stdout
    assert len(tried) == 1  # not once a document: each try waits
    monkeypatch.setattr(Index, "_writing", free)
    assert run("changes", "--since", "2026-01-01").stdout == before
    assert documents(reg) == set(indexed)  # kept by the next command


def test_rows_read_while_the_cache_is_busy_are_all_read_again(
    run: Invoke, reg: Path, indexed: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from consensus.index import Index

    told = run("graph", indexed[0]).stdout, run("summary").stdout
    query = Index._query

    def busy_for_narrow_reads(self: Index, statement: str, args: Any = ()) -> list[Any]:
        if " FROM rows WHERE " in statement:
            self._unread = True  # as _query does when SQLite says "database is locked"
            return []
        return query(self, statement, args)

    monkeypatch.setattr(Index, "_query", busy_for_narrow_reads)
    assert (run("graph", indexed[0]).stdout, run("summary").stdout) == told  # not "nothing there"


def test_a_summary_keeps_parsed_files_and_never_trusts_them_after_an_edit(
    run: Invoke, reg: Path, indexed: list[str]
) -> None:
    assert "Text 1" in run("summary").stdout
    assert indexed[1] in documents(reg)  # the summary kept what it parsed
    path = reg / "decisions" / f"{indexed[1]}.toml"
    text = path.read_text("utf-8")
    edited = text.replace('text = "Text 1"', 'text = "Txet 1"')
    assert len(edited) == len(text)
    stat = path.stat()
    with open(path, "r+", encoding="utf-8") as handle:  # in place: same inode, same size, same time
        handle.write(edited)
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    summary = run("summary").stdout
    assert "Txet 1" in summary and "Text 1" not in summary


def test_a_damaged_kept_document_is_ignored(run: Invoke, reg: Path, indexed: list[str]) -> None:
    first = run("summary").stdout
    sql(reg, f"UPDATE documents SET body = '{{\"id\": \"wrong\"}}', ino = 1 WHERE id = '{indexed[0]}'",
        f"UPDATE documents SET body = '{{not json' WHERE id != '{indexed[0]}'")
    assert run("summary").stdout == first


def test_a_deleted_decision_takes_its_kept_document_along(run: Invoke, reg: Path, indexed: list[str]) -> None:
    run("summary")
    assert indexed[2] in documents(reg)
    (reg / "decisions" / f"{indexed[2]}.toml").unlink()
    listed(run)
    assert indexed[2] not in documents(reg)


def test_list_orders_by_the_moment_of_proposal_across_time_zones(
    run: Invoke, reg: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 10:30 in Berlin (08:30 UTC) came before 10:00 in London (09:00 UTC): newest first.
    monkeypatch.setenv("CONSENSUS_NOW", "2026-06-01T10:30:00+02:00")
    berlin = run("propose", "Berlin", "--text", "x").stdout.strip()
    monkeypatch.setenv("CONSENSUS_NOW", "2026-06-01T10:00:00+01:00")
    london = run("propose", "London", "--text", "x").stdout.strip()
    assert [r["id"] for r in json.loads(run("list", "--json").stdout)] == [london, berlin]


@pytest.mark.parametrize("companion", ["", "-wal", "-shm"])
def test_a_cache_linked_to_a_file_outside_is_never_written_through(run: Invoke, reg: Path, indexed: list[str],
                                                                    tmp_path: Path, companion: str) -> None:
    """A symbolic link committed as the cache (git add -f) must not have SQLite change what it points to."""
    outside = tmp_path / "precious.db"
    db = sqlite3.connect(outside)
    db.execute("CREATE TABLE settings (key, value)")
    db.execute("INSERT INTO settings VALUES ('a', 'precious')")
    db.commit()
    db.close()
    before = outside.read_bytes()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{cache(reg)}{suffix}").unlink(missing_ok=True)
    Path(f"{cache(reg)}{companion}").symlink_to(outside)
    nowhere = tmp_path / "nowhere.db"
    if companion:  # and the cache itself pointing at a file that does not exist yet
        cache(reg).symlink_to(nowhere)
    assert set(listed(run)) == set(indexed)
    run("consent", indexed[1], "--by", "Bo")
    assert set(listed(run)) == set(indexed)
    assert outside.read_bytes() == before
    assert not nowhere.exists()
    assert cache(reg).is_file() and not cache(reg).is_symlink()  # made anew, as the register's own file


def test_only_own_files_are_written_by_name(tmp_path: Path) -> None:
    from consensus.storage import own_or_absent

    (tmp_path / "file").write_text("x")
    (tmp_path / "link").symlink_to(tmp_path / "file")
    os.link(tmp_path / "file", tmp_path / "second-name")
    assert own_or_absent(tmp_path / "missing")
    assert not own_or_absent(tmp_path / "link")
    assert not own_or_absent(tmp_path / "file")  # two names: the other may be anywhere
    (tmp_path / "second-name").unlink()
    assert own_or_absent(tmp_path / "file")
    (tmp_path / "folder").mkdir()
    assert not own_or_absent(tmp_path / "folder")


def test_a_file_deleted_and_another_added_leave_no_row_behind(run: Invoke, reg: Path, indexed: list[str]) -> None:
    """As many files as the cache knows, but not the same ones: the gone one's row must not be read."""
    run("meeting", "start")
    run("consent", indexed[1], "--by", "Bo")
    run("meeting", "end")
    assert "Decision 1" in run("meeting", "show", "last").stdout
    assert json.loads(run("summary", "--json").stdout)["since_meeting"] is not None
    other = reg.parent / "other"
    subprocess.run(["cp", "-r", str(reg), str(other)], check=True)
    new = run("-C", str(other), "propose", "From elsewhere", "--text", "x").stdout.strip()
    (reg / "decisions" / f"{indexed[1]}.toml").unlink()
    (reg / "decisions" / f"{new}.toml").write_bytes((other / "decisions" / f"{new}.toml").read_bytes())
    # Its one decision gone, the meeting recorded nothing that is still here: no mark for a period.
    assert json.loads(run("summary", "--json").stdout)["since_meeting"] is None
    assert "Decision 1" not in run("meeting", "show", "last").stdout


def test_a_row_damaged_by_hand_never_hides_a_decision(run: Invoke, reg: Path, indexed: list[str]) -> None:
    assert "Decision 2" in run("summary").stdout
    sql(reg, "UPDATE rows SET tags = '['")  # every row, its signature intact
    assert "Decision 2" in run("summary").stdout


def test_rows_made_earlier_in_a_command_are_among_those_picked(run: Invoke, reg: Path, indexed: list[str]) -> None:
    from consensus.register import Register

    run("meeting", "start")
    run("consent", indexed[1], "--by", "Bo")
    register = Register(reg)
    meeting = register.open_meeting()
    assert meeting is not None
    register.load(indexed[1], trust_index=False)  # made afresh, and kept for the end of the command
    assert [r.id for r in register.in_meeting(meeting.id)[0]] == [indexed[1]]


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork here")
def test_no_connection_to_the_cache_crosses_a_fork(reg: Path, indexed: list[str]) -> None:
    """SQLite's locks belong to a process: a forked worker (the website's pages, a first read of
    a clone) must open the cache anew, not share what the parent's connection left behind. Every
    connection is let go before a fork, and the parent opens it again when it next asks."""
    from consensus.register import Register

    register = Register(reg)
    assert {r.id for r in register.rows()[0]} >= set(indexed)
    assert register.index._db is not None
    child = os.fork()
    if child == 0:  # the worker: it inherited no open connection, and reads the cache on its own
        fresh = Register(reg)
        os._exit(0 if register.index._db is None and fresh.index.vouches(indexed[0], os.stat(fresh.path(indexed[0])))
                 else 1)
    assert os.waitpid(child, 0)[1] == 0
    assert register.index._db is None
    assert register.index.vouches(indexed[0], os.stat(register.path(indexed[0])))
