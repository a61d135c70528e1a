"""Shared fixtures: a throwaway register, a frozen clock, and one way to run the CLI."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from consensus.cli import cli, translated

NOW = "2026-11-24T19:00:00+01:00"
GOLDEN = Path(__file__).parent / "golden"

Invoke = Callable[..., Result]


@pytest.fixture(autouse=True)
def _isolation(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test sees the developer's environment: fixed clock, width, no colour, no git identity."""
    for name in ("CONSENSUS_DIR", "CONSENSUS_USER", "CONSENSUS_DEBUG", "EDITOR", "VISUAL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("CONSENSUS_NOW", NOW)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "no-gitconfig"))
    monkeypatch.setenv("LANG", "C.UTF-8")
    for name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE", "CONSENSUS_LANG"):
        monkeypatch.delenv(name, raising=False)
    from consensus import language

    language.use("en")  # the language is the process's: a German test before must not leak,
    translated(cli)  # nor the German help it gave every command loaded by then


@pytest.fixture
def run() -> Invoke:
    """``run(*args, code=0, input=None)``: the CLI in-process; fails on a traceback or wrong exit code."""

    def invoke(*args: str, code: int = 0, input: str | None = None) -> Result:
        result = CliRunner().invoke(cli, list(args), catch_exceptions=False, input=input)
        assert result.exit_code == code, (
            f"exit {result.exit_code}, wanted {code}\nstdout: {result.stdout}\nstderr: {result.stderr}"
        )
        return result

    return invoke


@pytest.fixture
def reg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run: Invoke) -> Path:
    """A fresh register with three members, the current directory, Ayşe acting."""
    root = tmp_path / "reg"
    root.mkdir()
    monkeypatch.chdir(root)
    run("init", "--name", "Test group", "--member", "Ayşe", "--member", "Bo", "--member", "Chris")
    monkeypatch.setenv("CONSENSUS_USER", "Ayşe")
    return root


@pytest.fixture
def propose(run: Invoke) -> Callable[..., str]:
    """``propose(title="…", text="…", *more_args)``: a new decision's id."""

    def make(title: str = "Meet on Tuesdays", text: str = "We meet every Tuesday at 7 pm.", *more: str) -> str:
        return run("propose", title, "--text", text, *more).stdout.strip()

    return make


@pytest.fixture
def adopted(run: Invoke, propose: Callable[..., str]) -> str:
    """An adopted decision's id."""
    decision_id = propose()
    run("adopt", decision_id)
    return decision_id


def files(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` (but local state) and its content, to prove nothing changed."""
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".consensus" not in p.parts
    }


def assert_golden(name: str, actual: str) -> None:
    """``actual`` is exactly the golden file ``name``; ``UPDATE_GOLDEN=1`` rewrites it instead."""
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(actual, encoding="utf-8")
    assert actual == path.read_text(encoding="utf-8"), f"{name} differs; UPDATE_GOLDEN=1 rewrites it"
