"""Input chosen to hurt: odd ids, paths, dates, sizes, names and random argument lists."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from consensus.cli import cli
from tests.conftest import Invoke, files


@pytest.mark.parametrize("bad_id", ["../x", "/etc/passwd", ".", "..", "", "\x00", "a\x00b", " ", "decisions/../../x", "~", "*"])
@pytest.mark.parametrize("command", ["show", "history", "diff", "consent", "adopt", "retire"])
def test_hostile_ids_are_refused_without_touching_files(run: Invoke, reg: Path, adopted: str,
                                                        bad_id: str, command: str) -> None:
    before = files(reg)
    extra = ["--why", "x"] if command == "retire" else []
    result = run(command, bad_id, *extra, code=1)
    assert result.stderr.startswith("Error: no decision")
    assert files(reg) == before


@pytest.mark.parametrize("bad", ["0000-00-00", "2027-13-01", "99999-01-01", "-1", "2027-02-29", "\x00", "2027/05/24"])
def test_absurd_dates_are_refused(run: Invoke, reg: Path, adopted: str, bad: str) -> None:
    before = files(reg)
    assert run("review", adopted, "--next", bad, code=1).stderr.startswith("Error: ")
    assert files(reg) == before


@pytest.mark.parametrize("period", ["0d", "9999y", "1x", "", "m", "-3m", "1.5y"])
def test_absurd_periods_are_refused(run: Invoke, reg: Path, propose: Callable[..., str], period: str) -> None:
    decision = propose()
    assert run("adopt", decision, "--review-in", period, code=1).stderr.startswith("Error: ")


def test_extreme_but_valid_dates_work(run: Invoke, reg: Path, propose: Callable[..., str]) -> None:
    decision = propose()
    run("adopt", decision, "--review-by", "9999-12-31")
    run("review", decision, "--next", "0001-01-01")
    assert decision in run("list", "--due", "--json").stdout
    run("check")


def test_nul_bytes_in_paths(run: Invoke, reg: Path) -> None:
    assert run("propose", "T", "--file", "a\x00b", code=1).stderr.startswith("Error: cannot read")
    assert run("-C", "a\x00b", "list", code=1).stderr.startswith("Error: no register at")
    assert run("summary", "-o", "a\x00b", code=1).stderr.startswith("Error: cannot write")


def test_a_megabyte_of_text(run: Invoke, reg: Path, tmp_path: Path) -> None:
    text = ("Everyone may speak. " * 52429)[:1_048_576]
    path = tmp_path / "big.md"
    path.write_text(text, encoding="utf-8")
    decision = run("propose", "Big", "--file", str(path)).stdout.strip()
    assert json.loads(run("show", decision, "--json").stdout)["versions"][0]["text"] == text
    run("check")


def test_thousands_of_versions(run: Invoke, reg: Path, adopted: str) -> None:
    from consensus import chain
    from consensus.codec import encode_decision
    from consensus.models import Event, Version
    from consensus.register import Register

    # Built event by event: the process would replay the whole history at each of 4,000 steps.
    register = Register(reg)
    decision = register.load(adopted)
    at = decision.history[-1].at
    history, versions = list(decision.history), list(decision.versions)
    for n in range(2, 2002):
        versions.append(Version(n, "Meet on Tuesdays", f"Version {n}", "better"))
        history.append(Event(at=at, kind="amended", by="Ayşe", version=n))
        history.append(Event(at=at, kind="adopted", by="Ayşe", version=n, review_by=at.date()))
    decision = chain.relink(dataclasses.replace(decision, versions=tuple(versions), history=tuple(history)))
    register.path(adopted).write_bytes(encode_decision(decision))
    assert json.loads(run("show", adopted, "--json").stdout)["current_version"] == 2001
    run("check")


@pytest.mark.parametrize("name", ["\u202eevil", "A\x1bB", "\u200fRTL", "zero\u200bwidth"])
def test_invisible_characters_in_names_are_refused(run: Invoke, reg: Path, adopted: str, name: str) -> None:
    assert "invisible or control characters" in run("members", "add", name, code=1).stderr


def test_whitespace_in_names_is_tidied(run: Invoke, reg: Path) -> None:
    run("members", "add", "  Jo\t Ann  ")
    assert run("members", "list").stdout.splitlines()[-1] == "Jo Ann"


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        pytest.param('members = "Ayşe"\n', "consensus.toml:1: members: should be a list [ … ]", id="members-string"),
        pytest.param('rule = "majority"\n', "consensus.toml:1: rule: should be 'consent' or 'consensus'", id="bad-rule"),
        pytest.param('review_period = 6\n', "consensus.toml:1: review_period: should be text in quotes", id="period-int"),
        pytest.param('review_period = "soon"\n', "consensus.toml:1: review_period: 'soon' is not a period", id="period-word"),
        pytest.param('format = 99\n', "consensus.toml:1: was written in format 99 by a newer consensus", id="newer-format"),
        pytest.param('colour = "blue"\n', "consensus.toml:1: colour: unknown key", id="unknown-key"),
        pytest.param('name = \n', "consensus.toml:1: is not valid TOML: Invalid value", id="not-toml"),
    ],
)
def test_broken_settings(run: Invoke, reg: Path, adopted: str, settings: str, message: str) -> None:
    (reg / "consensus.toml").write_text(settings, encoding="utf-8")
    before = files(reg)
    result = run("consent", adopted, code=1)
    assert result.stderr.startswith(f"Error: {message}")
    assert result.stderr.count("\n") == 1
    assert files(reg) == before
    listed = run("list", "--json")
    assert json.loads(listed.stdout)[0]["id"] == adopted
    assert listed.stderr.startswith(f"Warning: {message}")
    assert "consensus.toml" in run("check", code=1).stdout


WORDS = st.sampled_from([
    "init", "propose", "amend", "consent", "object", "resolve", "stand-aside", "concern", "adopt",
    "reject", "withdraw", "retire", "review", "list", "show", "history", "diff", "check", "changes",
    "summary", "participation", "graph", "meeting", "start", "end", "members", "add", "remove",
    "--by", "--text", "--why", "--reason", "--how", "--json", "--force", "--review-in", "--review-by",
    "--since", "--as-of", "--status", "--tag", "--replaces", "--format", "--lang", "--version",
    "--next", "--title", "--file", "-", "1", "2", "0", "-1", "6m", "2027-05-24", "md", "html", "de",
    "active", "Ayşe", "Bo", "x", "", "../x", "\x00", "last", "last-meeting", "--help",
])


@pytest.fixture
def fuzz_register(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("fuzz")
    runner = CliRunner()
    runner.invoke(cli, ["-C", str(root), "init", "--member", "Ayşe", "--member", "Bo"], catch_exceptions=False)
    return root


@pytest.mark.slow
@given(args=st.lists(st.one_of(WORDS, st.text(max_size=12)), max_size=8), use_id=st.booleans())
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_random_command_lines_never_crash(fuzz_register: Path, args: list[str], use_id: bool,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    runner = CliRunner()
    monkeypatch.setenv("CONSENSUS_USER", "Ayşe")
    if use_id:
        made = runner.invoke(cli, ["-C", str(fuzz_register), "propose", "T", "--text", "x"], catch_exceptions=False)
        args = [a if a != "x" else made.stdout.strip() for a in args]
    result = runner.invoke(cli, ["-C", str(fuzz_register), *args], catch_exceptions=False, input="")
    assert result.exit_code in (0, 1, 2), result.output
    assert "Traceback" not in result.output
    check = runner.invoke(cli, ["-C", str(fuzz_register), "check"], catch_exceptions=False)
    assert check.exit_code == 0, check.output
