"""The installed command as people and scripts run it: real processes, at the same time."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.e2e import consensus, start

pytestmark = pytest.mark.slow
NAMES = [f"Member {i}" for i in range(10)]


@pytest.fixture
def register(tmp_path: Path) -> Path:
    args = ["init", "--name", "E2E"]
    for name in NAMES:
        args += ["--member", name]
    consensus(*args, cwd=tmp_path)
    return tmp_path


def test_version_help_and_module(register: Path) -> None:
    assert consensus("--version", cwd=register).stdout == "consensus 0.1.0\n"
    assert "Usage: consensus" in consensus("--help", cwd=register).stdout


def test_the_command_leaves_quickly_with_everything_written(tmp_path: Path) -> None:
    """The process ends without tearing down its objects one by one: its output is whole, its
    exit code kept, and a reader that stops early gets no complaint."""
    import subprocess

    from click.testing import CliRunner

    from consensus.cli import cli
    from tests.e2e import COMMAND, environment

    example = Path(__file__).parent.parent / "examples" / "bergkamen"
    now = {"CONSENSUS_NOW": "2026-11-24T09:00:00+01:00"}
    args = ["-C", str(example), "changes", "--since", "2000-01-01", "--json"]
    big = consensus(*args, cwd=tmp_path, **now)
    alike = CliRunner(env={**environment(**now)}).invoke(cli, args)
    assert len(big.stdout) > 20_000 and big.stdout == alike.stdout  # more than any buffer holds, all of it
    assert consensus("show", "nope", cwd=tmp_path, code=1).stderr.startswith("Error: no register")
    # A reader that stops early (| head) gets no complaint on stderr.
    head = subprocess.run(f"'{COMMAND}' -C '{example}' summary | head -c 10", shell=True, capture_output=True,
                          text=True, env=environment(**now), check=True)
    assert (head.stdout, head.stderr) == ("# Bergkame", "")


def test_a_script_captures_the_id(register: Path) -> None:
    decision_id = consensus("propose", "T", "--text", "x", cwd=register,
                            CONSENSUS_USER="Member 0").stdout.strip()
    shown = json.loads(consensus("show", decision_id, "--json", cwd=register).stdout)
    assert shown["id"] == decision_id and shown["status"] == "proposed"


def test_ten_concurrent_consents_are_all_recorded(register: Path) -> None:
    decision_id = consensus("propose", "T", "--text", "x", cwd=register,
                            CONSENSUS_USER="Member 0").stdout.strip()
    processes = [start("consent", decision_id, "--by", name, cwd=register) for name in NAMES]
    for process in processes:
        _, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
    shown = json.loads(consensus("show", decision_id, "--json", cwd=register).stdout)
    assert sorted(shown["versions"][0]["consents"]) == sorted(NAMES)
    assert len(shown["history"]) == 11
    consensus("check", cwd=register)


def test_twenty_mixed_writers_lose_nothing(register: Path) -> None:
    target = consensus("propose", "Shared", "--text", "x", cwd=register,
                       CONSENSUS_USER="Member 0").stdout.strip()
    jobs = []
    for i in range(20):
        name = NAMES[i % 10]
        if i < 8:
            args = ["consent", target, "--by", name]
        elif i < 14:
            args = ["propose", f"New {i}", "--text", f"text {i}", "--by", name]
        else:
            args = ["object", target, "--by", name, "--reason", f"reason {i}"]
        jobs.append((args, start(*args, cwd=register)))
    created = []
    for args, process in jobs:
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0, (args, err)
        if args[0] == "propose":
            created.append(out.strip())
    shown = json.loads(consensus("show", target, "--json", cwd=register).stdout)
    version = shown["versions"][0]
    assert sorted(o["reason"] for o in version["objections"]) == sorted(f"reason {i}" for i in range(14, 20))
    assert sorted(o["number"] for o in version["objections"]) == [1, 2, 3, 4, 5, 6]
    kinds = [e["kind"] for e in shown["history"]]
    assert kinds.count("consented") == 8 and kinds.count("objected") == 6
    listed = {row["id"] for row in json.loads(consensus("list", "--json", cwd=register).stdout)}
    assert set(created) <= listed and len(set(created)) == 6
    consensus("check", cwd=register)


def tutorial_blocks() -> list[str]:
    """The shell blocks of the README's tutorial ("A consent round in five minutes")."""
    import re

    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("## A consent round in five minutes", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.*?)```", section, re.S)


def test_the_readme_tutorial_runs_as_written(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    first, later = tutorial_blocks()[:2]
    env = {k: v for k, v in os.environ.items() if not k.startswith("CONSENSUS_")}
    env.update({"PATH": f"{Path(sys.executable).parent}{os.pathsep}{env['PATH']}", "NO_COLOR": "1",
                "CONSENSUS_NOW": "2026-10-27T19:00:00+01:00", "GIT_CONFIG_NOSYSTEM": "1"})
    script = first + "\nconsensus show $id --json > first.json\n"
    done = subprocess.run(["bash", "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.stderr.count("Error:") == 1, done.stderr  # the adoption the objection blocks, as shown
    assert "Took back Bo's stand-aside from version 2" in done.stderr
    import json

    data = json.loads((tmp_path / "circle" / "first.json").read_text(encoding="utf-8"))
    assert (data["status"], data["current_version"]) == ("active", 2)
    adopted = data["versions"][1]
    assert adopted["consents"] == ["Ayşe", "Bo", "Chris"] and adopted["stand_asides"] == []
    assert adopted["objections"][0]["resolution"] == "Wednesdays suit all of us"
    assert adopted["concerns"] == [{"by": "Dana", "reason": "The café closes at 9"}]
    later_script = "cd circle && export CONSENSUS_USER=Ayşe && id=$(consensus list --json | python3 -c " \
        "'import json,sys; print(json.load(sys.stdin)[0][\"id\"])')\n" + later
    done = subprocess.run(["bash", "-c", later_script], cwd=tmp_path, env=env, capture_output=True, text=True,
                          timeout=120, check=False)
    assert "Error:" not in done.stderr, done.stderr


def test_importing_records(register: Path, tmp_path: Path) -> None:
    folder = tmp_path / "adr"
    folder.mkdir()
    (folder / "0001-old.md").write_text(
        "# 1. Old\n\nDate: 15. März 2024\n\n## Status\n\nOn hold\n\nAmended by [2. New](0002-new.md)\n\n"
        "## Context\n\nAn example:\n\n```\nStatus: rejected\n```\n", "utf-8")
    (folder / "0002-new.md").write_text("# 2. New\n\n## Status\n\nAccepted\n", "utf-8")
    dry = consensus("import", "adr", str(folder), "--dry-run", cwd=register)
    assert dry.stderr.splitlines() == [
        f"Would import 2 records from {folder} (2 adr-tools): 1 active, 1 proposed",
        "Partial supersessions and amendments: 1",
        "  0001-old.md amended by 0002-new.md (declared by old only)",
        "Kept as written, please confirm:",
        "  0001-old.md: status 'On hold' is imported as proposed",
        "Without a readable date (their history starts today): 1",
        "  0002-new.md",
    ]
    old, new = consensus("import", "adr", str(folder), cwd=register).stdout.split()
    shown = json.loads(consensus("show", new, "--json", cwd=register).stdout)
    assert shown["amends"] == [old]
    card = consensus("show", old, cwd=register).stdout
    assert "Status as written: On hold Amended by [2. New](0002-new.md)" in card
    assert f"{old} -->|amended by| {new}" in consensus("graph", cwd=register).stdout
