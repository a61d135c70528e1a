"""A writer killed at any moment leaves every file as before or as after, never half-written."""

from __future__ import annotations

import json
import random
import signal
import time
from pathlib import Path

import pytest

from tests.e2e import consensus, start

pytestmark = pytest.mark.slow
FAILPOINTS = ["single-temporary-written", "temporary-written", "journal-written", "file-replaced", "journal-applied"]


@pytest.fixture
def register(tmp_path: Path) -> Path:
    consensus("init", "--member", "Ayşe", "--member", "Bo", cwd=tmp_path)
    return tmp_path


def show(register: Path, decision_id: str) -> dict:  # type: ignore[type-arg]
    return json.loads(consensus("show", decision_id, "--json", cwd=register).stdout)


def no_leftovers(register: Path) -> None:
    left = [p.name for p in register.rglob("*") if p.name.endswith(".tmp") or p.name == "journal.json"]
    assert left == [], left


@pytest.mark.parametrize("failpoint", FAILPOINTS)
def test_a_replacement_killed_mid_write_is_all_or_nothing(register: Path, failpoint: str) -> None:
    env = {"CONSENSUS_USER": "Ayşe"}
    old = consensus("propose", "Old", "--text", "old", cwd=register, **env).stdout.strip()
    consensus("adopt", old, cwd=register, **env)
    new = consensus("propose", "New", "--text", "new", "--replaces", old, "--why", "better",
                    cwd=register, **env).stdout.strip()
    died = consensus("adopt", new, cwd=register, code=None, CONSENSUS_FAILPOINT=failpoint, **env)
    assert died.returncode == -signal.SIGKILL
    consensus("check", cwd=register)  # finishes or forgets the half-done change first
    old_status, new_status = show(register, old)["status"], show(register, new)["status"]
    if failpoint in ("single-temporary-written", "temporary-written"):
        assert (old_status, new_status) == ("active", "proposed")  # as before
    else:
        assert (old_status, new_status) == ("superseded", "active")  # as after
    consensus("consent", new, cwd=register, code=None, **env)  # the next writer is not blocked
    no_leftovers(register)


@pytest.mark.parametrize("failpoint", ["temporary-written", "journal-written", "file-replaced"])
def test_an_import_killed_mid_write_is_all_or_nothing(register: Path, failpoint: str,
                                                      tmp_path_factory: pytest.TempPathFactory) -> None:
    """An import writes each new decision to a temporary as it makes it (so 100,000 records are
    never all in memory): killed before its journal, none of them stays; after it, all."""
    adrs = tmp_path_factory.mktemp("adr")
    for number in range(1, 31):
        (adrs / f"{number:04d}-record-{number}.md").write_text(
            f"# {number}. Record {number}\n\nDate: 2024-01-02\n\n## Status\n\nAccepted\n\n## Decision\n\nText {number}.\n",
            encoding="utf-8")
    died = consensus("import", "adr", str(adrs), cwd=register, code=None, CONSENSUS_USER="Ayşe",
                     CONSENSUS_FAILPOINT=failpoint)
    assert died.returncode == -signal.SIGKILL
    consensus("check", cwd=register)  # finishes or forgets the half-done import first
    listed = json.loads(consensus("list", "--json", cwd=register).stdout)
    assert len(listed) == (0 if failpoint == "temporary-written" else 30)
    consensus("propose", "Next", "--text", "n", cwd=register, CONSENSUS_USER="Ayşe")  # the next write cleans up
    no_leftovers(register)


def test_single_file_write_killed_before_rename_leaves_the_old_file(register: Path) -> None:
    env = {"CONSENSUS_USER": "Ayşe"}
    decision = consensus("propose", "T", "--text", "x", cwd=register, **env).stdout.strip()
    before = (register / "decisions" / f"{decision}.toml").read_bytes()
    died = consensus("consent", decision, "--by", "Bo", cwd=register, code=None,
                     CONSENSUS_FAILPOINT="single-temporary-written", **env)
    assert died.returncode == -signal.SIGKILL
    assert (register / "decisions" / f"{decision}.toml").read_bytes() == before
    assert any(p.name.endswith(".tmp") for p in (register / "decisions").iterdir())
    consensus("check", cwd=register)  # a leftover temporary is no problem for check
    consensus("consent", decision, "--by", "Bo", cwd=register, **env)  # and the next write cleans it
    no_leftovers(register)


def test_writers_killed_at_random_moments(register: Path) -> None:
    """Kill many writers at random moments; the register stays valid and keeps every finished command."""
    rng = random.Random(20261124)
    env = {"CONSENSUS_USER": "Ayşe"}
    big = register.parent / "big.md"
    big.write_text("A long text that makes writing take a while. " * 20000, encoding="utf-8")
    head = consensus("propose", "Chain 0", "--text", "v0", cwd=register, **env).stdout.strip()
    consensus("adopt", head, cwd=register, **env)
    pending = consensus("propose", "Open all along", "--text", "x", cwd=register, **env).stdout.strip()
    finished: list[tuple[str, str]] = []  # what must be there: (kind, id, or who consented)
    started = time.monotonic()
    kills = 0
    for round_ in range(40):
        kind = rng.choice(["propose", "replace", "consent"])
        if kind == "propose":
            args = ["propose", f"Big {round_}", "--file", str(big)]
        elif kind == "replace":
            args = ["propose", f"Chain {round_}", "--text", f"v{round_}", "--replaces", head, "--why", "newer"]
        else:
            who = rng.choice(["Ayşe", "Bo"])
            args = ["consent", pending, "--by", who]
        process = start(*args, cwd=register, **env)
        time.sleep(rng.uniform(0.0, 0.35))
        process.send_signal(signal.SIGKILL)
        out, _ = process.communicate()
        if process.returncode == 0:
            finished.append((kind, who if kind == "consent" else out.strip()))
            if kind == "replace":
                new = out.strip()
                adopted = consensus("adopt", new, cwd=register, **env)
                assert adopted.returncode == 0
                head = new
        else:
            kills += 1
        consensus("check", cwd=register)
    assert kills >= 10, "the random kills should land during most commands"
    consents = show(register, pending)["versions"][0]["consents"]
    for kind, what in finished:
        if kind == "consent":
            assert what in consents
        else:
            assert show(register, what)["id"] == what
    assert show(register, head)["status"] == "active"
    assert time.monotonic() - started < 600
    consensus("consent", head, cwd=register, code=None, **env)  # the next writer cleans up after the killed
    no_leftovers(register)
