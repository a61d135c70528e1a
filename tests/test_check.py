"""``check``: every hand edit of the past is found, with its file, line and event."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Invoke


@pytest.fixture
def decision(run: Invoke, reg: Path, propose: Callable[..., str]) -> Path:
    d = propose("Meet on Tuesdays", "We meet every Tuesday.\nIn the hall.")
    run("consent", d, "--by", "Bo")
    run("object", d, "--by", "Chris", "--reason", "Choir night")
    run("resolve", d, "1", "--by", "Chris", "--how", "Later start")
    run("adopt", d)
    return reg / "decisions" / f"{d}.toml"


def problems(run: Invoke) -> list[dict]:  # type: ignore[type-arg]
    result = run("check", "--json", code=1)
    data = json.loads(result.stdout)
    assert data["ok"] is False
    return data["problems"]  # type: ignore[no-any-return]


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, count), "utf-8")


def test_a_clean_register_passes(run: Invoke, decision: Path) -> None:
    result = run("check")
    assert result.stdout == ""
    assert result.stderr == "All is well: 1 decision checked.\n"
    assert json.loads(run("check", "--json").stdout) == {"ok": True, "problems": [], "to_decide": []}


def test_a_changed_text_is_found(run: Invoke, decision: Path) -> None:
    text = decision.read_text("utf-8")
    # Change the version's text (not the readable copy at the top).
    start = text.index("[[versions]]")
    decision.write_text(text[:start] + text[start:].replace("Tuesday", "Friday", 1), "utf-8")
    found = problems(run)
    rel = f"decisions/{decision.name}"
    assert found[0]["file"] == rel
    assert "event 1 (proposed by Ayşe" in found[0]["message"]
    assert found[0]["message"].endswith("does not match its hash: it (or the text of version 1) was changed by hand")
    assert found[0]["line"] == _line_of(decision, "[[history]]", 1)


def test_a_changed_name_in_a_consent_is_found(run: Invoke, decision: Path) -> None:
    edit(decision, 'by = "Bo"', 'by = "Dana"')
    (problem,) = problems(run)
    assert problem["message"] == (
        "event 2 (consented by Dana, 2026-11-24T19:00:00+01:00) does not match its hash: it was "
        "changed by hand, or an event before it was removed"
    )
    assert problem["line"] == _line_of(decision, "[[history]]", 2)


def test_a_removed_event_is_found(run: Invoke, decision: Path) -> None:
    text = decision.read_text("utf-8")
    blocks = text.split("\n[[history]]\n")
    decision.write_text("\n[[history]]\n".join(blocks[:2] + blocks[3:]), "utf-8")  # drop the consent
    messages = [p["message"] for p in problems(run)]
    assert messages == [
        "event 2 (objected by Chris, 2026-11-24T19:00:00+01:00) does not match its hash: it was "
        "changed by hand, or an event before it was removed"
    ]


def test_reordered_events_are_found(run: Invoke, decision: Path) -> None:
    text = decision.read_text("utf-8")
    blocks = text.split("\n[[history]]\n")
    blocks[2], blocks[3] = blocks[3], blocks[2]
    decision.write_text("\n[[history]]\n".join(blocks), "utf-8")
    messages = [p["message"] for p in problems(run)]
    assert any("out of place" in m for m in messages)


def test_a_changed_status_is_found(run: Invoke, decision: Path) -> None:
    edit(decision, 'status = "active"', 'status = "retired"')
    (problem,) = problems(run)
    assert problem == {"file": f"decisions/{decision.name}", "line": 4,
                       "message": "status says 'retired' but the history says 'active'"}


def test_a_file_that_does_not_validate_is_named_with_its_line(run: Invoke, decision: Path) -> None:
    edit(decision, 'kind = "consented"', 'kind = "applauded"')
    (problem,) = problems(run)
    assert problem["line"] == _line_of(decision, 'kind = "applauded"', 1)
    assert problem["message"].startswith("history[1].kind: should be 'proposed', 'amended'")
    assert problem["message"].endswith("'reviewed' or 'retracted'")


def test_an_event_for_a_missing_version(run: Invoke, decision: Path) -> None:
    edit(decision, "version = 1\nhash", "version = 7\nhash")
    found = problems(run)
    assert found[0]["message"] == "history: version 7 has no text in [[versions]]"


def test_naive_times_are_refused(run: Invoke, decision: Path) -> None:
    text = decision.read_text("utf-8")
    decision.write_text(re.sub(r"(at = \d{4}-\d\d-\d\d \d\d:\d\d:\d\d)\+01:00", r"\1", text, count=1), "utf-8")
    (problem,) = problems(run)
    assert problem["message"] == "history[0].at: 2026-11-24T19:00:00 has no UTC offset — add one, e.g. +01:00"


def test_cross_file_facts(run: Invoke, reg: Path, adopted: str) -> None:
    new = run("propose", "New", "--text", "n", "--replaces", adopted, "--why", "w").stdout.strip()
    run("adopt", new)
    (reg / "decisions" / f"{new}.toml").unlink()
    messages = [p["message"] for p in problems(run)]
    assert messages == [f"superseded by {new}, which is not in the register"]


def test_events_of_unknown_meetings(run: Invoke, reg: Path) -> None:
    run("meeting", "start")
    d = run("propose", "T", "--text", "x").stdout.strip()
    run("check")  # the open meeting exists here
    (reg / ".consensus" / "meeting.toml").unlink()
    (problem,) = problems(run)
    assert problem["file"] == f"decisions/{d}.toml"
    assert "refers to meeting" in problem["message"]


def test_temporary_files_are_no_problem(run: Invoke, decision: Path) -> None:
    (decision.parent / f".{decision.name}.abc123.tmp").write_text("half a file", "utf-8")
    run("check")


def test_a_file_name_that_is_not_an_id(run: Invoke, decision: Path) -> None:
    (decision.parent / "Not An Id.toml").write_text("", "utf-8")
    (problem,) = problems(run)
    assert problem["file"] == "decisions/Not An Id.toml"


def _line_of(path: Path, marker: str, occurrence: int) -> int:
    seen = 0
    for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
        if line.startswith(marker):
            seen += 1
            if seen == occurrence:
                return number
    raise AssertionError(marker)


# -- a history cut short ------------------------------------------------------------------------


def _cut(path: Path, keep: int, head: str | None = "keep") -> None:
    """The file with only its first ``keep`` events; ``head``: "keep" leaves the header's head as
    it was, "fit" rewrites it to the new last event (as someone covering their tracks would),
    None removes it (as in files written before it existed)."""
    text = path.read_text("utf-8")
    blocks = text.split("\n[[history]]\n")
    cut = "\n[[history]]\n".join(blocks[: keep + 1])
    if head == "fit":
        last = re.findall(r'^hash = "([0-9a-f]+)"', cut, re.MULTILINE)[-1]
        cut = re.sub(r'^head = "[0-9a-f]+"', f'head = "{last}"', cut, flags=re.MULTILINE)
    elif head is None:
        cut = re.sub(r'^head = "[0-9a-f]+"\n', "", cut, flags=re.MULTILINE)
    path.write_text(cut.rstrip("\n") + "\n", "utf-8")


def test_the_header_names_the_last_event(decision: Path) -> None:
    text = decision.read_text("utf-8")
    hashes = re.findall(r'^hash = "([0-9a-f]+)"', text, re.MULTILINE)
    assert re.search(rf'^head = "{hashes[-1]}"$', text, re.MULTILINE)


def test_a_history_cut_short_is_a_broken_file(run: Invoke, decision: Path) -> None:
    _cut(decision, 3)  # proposed, consented, objected: the resolution and the adoption are gone
    rel = f"decisions/{decision.name}"
    head = re.findall(r'^head = "([0-9a-f]+)"', decision.read_text("utf-8"), re.MULTILINE)[0]
    (problem,) = problems(run)
    assert problem == {
        "file": rel, "line": _line_of(decision, "head = ", 1),
        "message": "head: the history ends with event 3 (objected by Chris, 2026-11-24T19:00:00+01:00), "
                   f"but the file was written with a later last event ({head}): events at its end were removed "
                   "— restore them from git (git log -p on the file shows them)",
    }
    assert run("show", decision.stem, code=1).stderr.startswith(f"Error: {rel}:")
    before = decision.read_bytes()
    assert run("adopt", decision.stem, "--force", "--why", "x", code=1).stderr.startswith(f"Error: {rel}:")
    assert decision.read_bytes() == before  # a write never covers the cut up
    assert f"Warning: skipped {rel}:" in run("list").stderr


def test_events_added_after_the_head(run: Invoke, decision: Path) -> None:
    text = decision.read_text("utf-8")
    hashes = re.findall(r'^hash = "([0-9a-f]+)"', text, re.MULTILINE)
    decision.write_text(re.sub(r'^head = "[0-9a-f]+"', f'head = "{hashes[2]}"', text, flags=re.MULTILINE), "utf-8")
    (problem,) = problems(run)
    assert problem["message"] == (
        "head: the file was written with event 3 last, but its history goes on to event 5: events were "
        "added after it by hand — remove them and record them with consensus"
    )


def test_a_file_without_a_head_reads_and_checks_as_before(run: Invoke, decision: Path) -> None:
    _cut(decision, 5, head=None)
    assert "head" not in decision.read_text("utf-8")
    run("check")
    run("show", decision.stem)
    run("review", decision.stem)  # and the next write gives it one
    assert "\nhead = " in decision.read_text("utf-8")
    run("check")


def git(repo: Path, *args: str) -> str:
    import subprocess

    done = subprocess.run(["git", "-c", "user.name=T", "-c", "user.email=t@example.org", "-c", "init.defaultBranch=main",
                           *args], cwd=repo, capture_output=True, text=True, check=True)
    return done.stdout


@pytest.mark.parametrize("head", ["fit", None])
def test_events_lost_since_the_last_commit_are_found(run: Invoke, reg: Path, decision: Path, head: str | None) -> None:
    git(reg, "init", "-q")
    git(reg, "add", "-A")
    git(reg, "commit", "-qm", "the register")
    run("check")  # nothing differs from HEAD
    _cut(decision, 3, head=head)  # the cut covered up: the file alone cannot tell
    rel = f"decisions/{decision.name}"
    found = problems(run)  # the header, still saying active, is found out too
    assert found[-1] == {
        "file": rel, "line": None,
        "message": "the last commit (HEAD) has events this file lacks (events 4, 5 there, the first: resolved by "
                   f'Chris, 2026-11-24T19:00:00+01:00): a history only grows — "git diff HEAD -- {rel}" shows what was removed',
    }
    git(reg, "checkout", "--", rel)
    run("check")


def test_appending_and_merging_since_the_last_commit_is_no_loss(run: Invoke, reg: Path, decision: Path,
                                                                propose: Callable[..., str]) -> None:
    git(reg, "init", "-q")
    git(reg, "add", "-A")
    git(reg, "commit", "-qm", "the register")
    run("review", decision.stem)
    other = propose()
    (reg / "decisions" / f"{other}.toml").unlink()  # never committed: nothing to lose
    run("check")


def test_a_deleted_decision_file_is_found(run: Invoke, reg: Path, decision: Path) -> None:
    git(reg, "init", "-q")
    git(reg, "add", "-A")
    git(reg, "commit", "-qm", "the register")
    decision.unlink()
    rel = f"decisions/{decision.name}"
    (problem,) = problems(run)
    assert problem["message"] == (
        f'was deleted, but the last commit (HEAD) has its history of 5 events: a decision is never deleted — '
        f'restore it with "git checkout HEAD -- {rel}"'
    )
    git(reg, "rm", "-q", rel)
    git(reg, "commit", "-qm", "deleted on purpose")
    run("check")  # once committed, the commit is the record of it


def test_a_register_in_a_subfolder_of_the_repository(run: Invoke, reg: Path, decision: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    top = reg.parent
    git(top, "init", "-q")
    git(top, "add", "-A")
    git(top, "commit", "-qm", "the register")
    _cut(decision, 4, head="fit")
    monkeypatch.chdir(top)
    result = run("-C", "reg", "check", "--json", code=1)
    problem = json.loads(result.stdout)["problems"][-1]
    assert problem["file"] == f"decisions/{decision.name}"
    assert "(event 5 there, the first: adopted by Ayşe" in problem["message"]


# -- incremental: what an earlier check found whole is not parsed again, unless it changed --------


def checked(reg: Path, *statements: str, args: tuple[object, ...] = ()) -> list[tuple]:  # type: ignore[type-arg]
    import sqlite3

    db = sqlite3.connect(reg / ".consensus" / "cache.sqlite", isolation_level=None)
    try:
        found: list[tuple] = []  # type: ignore[type-arg]
        for statement in statements:
            found = db.execute(statement, args if "?" in statement else ()).fetchall()
        return found
    finally:
        db.close()


def test_check_remembers_what_it_found_whole(run: Invoke, reg: Path, decision: Path) -> None:
    run("meeting", "start")
    run("meeting", "end")
    run("check")
    names = {name for (name,) in checked(reg, "SELECT name FROM checked")}
    meeting = next((reg / "meetings").glob("*.toml")).name
    assert names == {"consensus.toml", f"decisions/{decision.name}", f"meetings/{meeting}"}
    edit(decision, 'by = "Bo"', 'by = "Dana"')  # found again, once changed
    assert problems(run)[0]["file"] == f"decisions/{decision.name}"
    assert f"decisions/{decision.name}" not in {name for (name,) in checked(reg, "SELECT name FROM checked")}
    assert problems(run)[0]["file"] == f"decisions/{decision.name}"  # and every time after


def test_a_file_changed_without_its_stat_changing_is_found_by_its_content(
    run: Invoke, reg: Path, decision: Path
) -> None:
    run("check")
    edit(decision, 'by = "Bo"', 'by = "Dana"')
    stat = decision.stat()
    # As if the earlier check had seen this very stat (a change that kept inode, size and times).
    checked(reg, "UPDATE checked SET ino = ?, size = ?, mtime = ?, ctime = ? WHERE name LIKE 'decisions/%'",
            args=(stat.st_ino, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns))
    assert problems(run)[0]["file"] == f"decisions/{decision.name}"


def test_check_full_parses_every_file_again(run: Invoke, reg: Path, decision: Path) -> None:
    import hashlib

    run("check")
    edit(decision, 'by = "Bo"', 'by = "Dana"')
    stat = decision.stat()
    # A cache that says the tampered state was found whole (written by hand: consensus never would).
    checked(reg, "UPDATE checked SET ino = ?, size = ?, mtime = ?, ctime = ?, digest = ? WHERE name LIKE 'decisions/%'",
            args=(stat.st_ino, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns,
                  hashlib.blake2b(decision.read_bytes(), digest_size=16).hexdigest()))
    run("check")  # trusted: the same stat and the same content as the state it remembers
    found = json.loads(run("check", "--full", "--json", code=1).stdout)["problems"]
    assert found[0]["file"] == f"decisions/{decision.name}"
    assert problems(run)[0]["file"] == f"decisions/{decision.name}"  # --full forgot the lie


@pytest.mark.parametrize("workers", [False, True], ids=["here", "in workers"])
def test_an_incremental_check_says_what_a_full_one_says(run: Invoke, reg: Path, adopted: str,
                                                         propose: Callable[..., str], workers: bool,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    if workers:  # a large register's path, where each worker reads what earlier checks found
        monkeypatch.setattr("consensus.parallel.THRESHOLD", 2)
        monkeypatch.setattr("consensus.parallel.LARGEST", 2)
        monkeypatch.setattr("os.cpu_count", lambda: 2)
    new = propose("New", "n", "--replaces", adopted, "--why", "w")
    run("adopt", new)
    run("meeting", "start")
    in_meeting = propose("In a meeting", "m")
    run("meeting", "end")
    broken = propose("Broken", "b")
    (reg / "decisions" / f"{broken}.toml").write_text("title = \n", "utf-8")
    full = run("check", "--full", code=1)
    assert run("check", code=1).stdout == full.stdout  # facts from what was remembered
    (reg / "decisions" / f"{new}.toml").unlink()
    for meeting in (reg / "meetings").glob("*.toml"):
        meeting.unlink()
    again = run("check", code=1)
    assert again.stdout == run("check", "--full", code=1).stdout
    assert f"superseded by {new}, which is not in the register" in again.stdout
    assert f"decisions/{in_meeting}.toml: an event refers to meeting" in again.stdout
    checked(reg, "UPDATE checked SET facts = '[1, 2]'")  # damaged: looked at again
    assert run("check", code=1).stdout == again.stdout


def test_what_was_found_across_files_is_found_again_only_where_anything_changed(
    run: Invoke, reg: Path, adopted: str, propose: Callable[..., str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import consensus.check

    crossed: list[int] = []
    real = consensus.check._cross_file
    monkeypatch.setattr(consensus.check, "_cross_file", lambda *args: crossed.append(1) or real(*args))
    new = propose("New", "n", "--replaces", adopted, "--why", "w")
    run("adopt", new)
    run("meeting", "start")
    propose("In a meeting", "m")
    run("meeting", "end")
    replacement = reg / "decisions" / f"{new}.toml"
    kept = replacement.read_bytes()
    replacement.unlink()
    first = run("check", code=1).stdout
    assert f"superseded by {new}, which is not in the register" in first
    assert (run("check", code=1).stdout, len(crossed)) == (first, 1)  # nothing changed: nothing found anew
    monkeypatch.setenv("CONSENSUS_LANG", "de")
    assert f"abgelöst durch {new}" in run("check", code=1).stdout and len(crossed) == 2  # in other words
    monkeypatch.delenv("CONSENSUS_LANG")
    checked(reg, "UPDATE meta SET value = '[1' WHERE key = 'verdict'")  # damaged by hand: found anew
    assert (run("check", code=1).stdout, len(crossed)) == (first, 3)
    replacement.write_bytes(kept)
    assert run("check").stdout == "" and len(crossed) == 4
    for meeting in (reg / "meetings").glob("*.toml"):  # the facts of the decisions stay the same
        meeting.unlink()
    assert "an event refers to meeting" in run("check", code=1).stdout


def test_kept_facts_that_are_not_text_are_found_again(run: Invoke, reg: Path, decision: Path) -> None:
    run("check")
    checked(reg, "UPDATE checked SET facts = NULL WHERE name LIKE 'decisions/%'")  # damaged by hand
    assert run("check").stderr == "All is well: 1 decision checked.\n"
    assert run("check").stderr == "All is well: 1 decision checked.\n"


def test_a_cache_brought_from_elsewhere_cannot_say_what_check_finds(
    run: Invoke, reg: Path, adopted: str, propose: Callable[..., str], tmp_path: Path
) -> None:
    import shutil

    new = propose("New", "n", "--replaces", adopted, "--why", "w")
    run("adopt", new)
    (reg / "decisions" / f"{new}.toml").unlink()
    assert "which is not in the register" in run("check", code=1).stdout
    # Someone who can push runs check on the same files, makes its verdict say "nothing", and
    # commits the cache (git add -f): a clone has the same files, with its own inodes and times.
    checked(reg, "UPDATE meta SET value = json_array(json_extract(value, '$[0]'), '[]') WHERE key = 'verdict'")
    clone = tmp_path / "clone"
    shutil.copytree(reg, clone)
    assert "which is not in the register" in run("-C", str(clone), "check", code=1).stdout


def test_a_file_replaced_by_a_named_pipe_after_a_check_is_found(run: Invoke, reg: Path, decision: Path) -> None:
    import os

    run("check")
    decision.unlink()
    os.mkfifo(decision)
    (problem,) = problems(run)
    assert problem["file"] == f"decisions/{decision.name}"
    assert "named pipe" in problem["message"]


def test_settings_changed_after_a_check_are_checked(run: Invoke, reg: Path, decision: Path) -> None:
    run("check")
    (reg / "consensus.toml").write_text('rule = "unanimity"\n', "utf-8")
    assert problems(run)[0]["file"] == "consensus.toml"


def test_what_earlier_checks_found_is_read_by_name_range_and_never_through_a_link(
    run: Invoke, reg: Path, decision: Path
) -> None:
    import hashlib

    from consensus.register import checked_in

    run("check")
    found = checked_in(str(reg), "decisions/", "decisions/~")
    assert list(found) == [f"decisions/{decision.name}"]  # the settings and meetings are not in the range
    (signature, digest, facts), stat = found[f"decisions/{decision.name}"], decision.stat()
    assert signature == (stat.st_ino, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns)
    assert digest == hashlib.blake2b(decision.read_bytes(), digest_size=16).hexdigest()
    assert json.loads(facts)[0] == decision.stem
    cache = reg / ".consensus" / "cache.sqlite"
    elsewhere = reg.parent / "elsewhere.sqlite"
    cache.rename(elsewhere)
    cache.symlink_to(elsewhere)
    assert checked_in(str(reg), "decisions/", "decisions/~") == {}
