"""A clock set wrong, or at the edge of the calendar: a history never goes back in time, and no
date is too early or too late to be shown."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from consensus import process
from consensus.cli import cli
from consensus.errors import Refused
from tests.conftest import Invoke, files

LATER = "2026-11-24T19:00:00+01:00"
EARLIER = "2026-11-24T18:59:59+01:00"


@pytest.mark.parametrize(
    "step",
    [
        ["consent", "{id}"], ["object", "{id}", "--reason", "no"], ["stand-aside", "{id}"],
        ["concern", "{id}", "--reason", "hm"], ["adopt", "{id}"], ["reject", "{id}"], ["withdraw", "{id}"],
    ],
)
@pytest.mark.parametrize("earlier", [EARLIER, "2020-01-01T00:00:00+01:00", "2026-11-24T17:59:59Z",
                                     "0001-01-01T00:00:00+00:00"])
def test_a_step_dated_before_the_newest_event_is_refused(run: Invoke, reg: Path, propose: Callable[..., str],
                                                          monkeypatch: pytest.MonkeyPatch, step: list[str],
                                                          earlier: str) -> None:
    decision = propose()  # at LATER
    before = files(reg)
    monkeypatch.setenv("CONSENSUS_NOW", earlier)
    result = run(*[a.format(id=decision) for a in step], code=1)
    shown = dt.datetime.fromisoformat(earlier).isoformat()
    assert result.stderr == (
        f"Error: the clock says {shown}, but {decision} has an event of 2026-11-24T19:00:00+01:00 "
        "(proposed by Ayşe): a history cannot go back in time — check this computer's clock (or $CONSENSUS_NOW)\n"
    )
    assert files(reg) == before


@pytest.mark.parametrize("step", [["amend", "{id}", "--text", "new", "--why", "w"], ["retire", "{id}", "--why", "w"],
                                  ["review", "{id}"]])
def test_steps_on_an_active_decision_keep_time_too(run: Invoke, reg: Path, adopted: str,
                                                   monkeypatch: pytest.MonkeyPatch, step: list[str]) -> None:
    monkeypatch.setenv("CONSENSUS_NOW", EARLIER)
    assert "a history cannot go back in time" in run(*[a.format(id=adopted) for a in step], code=1).stderr


def test_a_replacement_is_refused_when_the_old_decision_is_newer(run: Invoke, reg: Path, adopted: str,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONSENSUS_NOW", "2026-11-25T10:00:00+01:00")
    run("review", adopted)
    monkeypatch.setenv("CONSENSUS_NOW", "2026-11-25T09:00:00+01:00")
    new = run("propose", "New", "--text", "n", "--replaces", adopted, "--why", "w").stdout.strip()
    before = files(reg)
    result = run("adopt", new, code=1)
    assert f"but {adopted} has an event of 2026-11-25T10:00:00+01:00 (reviewed by Ayşe)" in result.stderr
    assert files(reg) == before


def test_the_same_moment_and_other_time_zones_are_not_earlier(run: Invoke, reg: Path, propose: Callable[..., str],
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    decision = propose()
    run("consent", decision, "--by", "Bo")  # the same second
    monkeypatch.setenv("CONSENSUS_NOW", "2026-11-24T18:00:30Z")  # 19:00:30 in +01:00
    run("consent", decision, "--by", "Chris")


def test_the_rule_is_the_process_s() -> None:
    start = dt.datetime(2026, 11, 24, 10, 0, tzinfo=dt.UTC)
    decision = process.propose("abcdefgh", process.Act("Ayşe", start), title="T", text="x")
    with pytest.raises(Refused, match="a history cannot go back in time"):
        process.consent(decision, process.Act("Bo", start - dt.timedelta(seconds=1)))


def test_check_finds_a_history_out_of_order(run: Invoke, reg: Path, propose: Callable[..., str]) -> None:
    decision = propose()
    run("consent", decision, "--by", "Bo")
    path = reg / "decisions" / f"{decision}.toml"
    # As a clock set back would have written it, chain and all (the process refuses this now).
    from consensus import chain
    from consensus.codec import encode_decision, parse_decision

    stored = parse_decision(path, path.read_bytes())
    import dataclasses

    moved = dataclasses.replace(stored.history[1], at=dt.datetime(2020, 1, 1, 12, 0, tzinfo=dt.UTC))
    path.write_bytes(encode_decision(chain.relink(dataclasses.replace(stored, history=(stored.history[0], moved)))))
    result = run("check", "--json", code=1)
    (problem,) = json.loads(result.stdout)["problems"]
    assert problem["file"] == f"decisions/{decision}.toml"
    assert problem["message"] == (
        "event 2 (consented by Bo, 2020-01-01T12:00:00+00:00) is dated before event 1 (proposed, "
        "2026-11-24T19:00:00+01:00): the history goes back in time (a clock was set wrong when it was recorded)"
    )
    lines = path.read_text("utf-8").splitlines()
    assert lines[problem["line"] - 1] == "[[history]]"
    assert [n for n, line in enumerate(lines, 1) if line == "[[history]]"][1] == problem["line"]


# -- the edges of the calendar ---------------------------------------------------------------------

EDGES = ["0001-01-01T00:00:00+01:00", "0001-01-01T00:00:00-12:00", "0001-01-01", "0001-01-01T00:00:00+00:00",
         "9999-12-31T23:59:59+14:00", "9999-12-31T23:59:59-12:00", "9999-12-31"]
READING = [
    ["list"], ["list", "--due"], ["list", "--as-of", "0001-01-01"], ["list", "--as-of", "9999-12-31"],
    ["show", "{id}"], ["history", "{id}"], ["diff", "{id}"], ["check"],
    ["summary"], ["summary", "--format", "html"], ["summary", "--format", "text", "--lang", "de"],
    ["summary", "--since", "0001-01-01", "--next-meeting", "9999-12-31"], ["summary", "--format", "json"],
    ["changes"], ["changes", "--until", "9999-12-31"], ["changes", "--since", "0001-01-01", "--until", "9999-12-31"],
    ["changes", "--since", "9999-12-31"], ["changes", "--until", "0001-01-01"], ["changes", "--json"],
    ["participation"], ["participation", "--since", "0001-01-01"], ["participation", "--since", "9999-12-31"],
    ["meeting", "list"], ["meeting", "show", "last"], ["meeting", "show", "last", "--lang", "de", "--format", "text"],
    ["graph"],
]


@pytest.mark.parametrize("now", EDGES)
def test_every_command_at_the_edges_of_the_calendar(reg: Path, monkeypatch: pytest.MonkeyPatch, now: str) -> None:
    monkeypatch.setenv("CONSENSUS_NOW", now)
    runner = CliRunner()

    def invoke(*args: str) -> str:
        result = runner.invoke(cli, list(args), catch_exceptions=False)
        assert result.exit_code in (0, 1), (args, result.output)
        assert "internal error" not in result.stderr, (args, result.stderr)
        return result.stdout + result.stderr

    made = runner.invoke(cli, ["propose", "T", "--text", "x"], catch_exceptions=False)
    assert made.exit_code == 0, made.output
    decision = made.stdout.strip()
    for step in (["meeting", "start"], ["consent", decision, "--by", "Bo"], ["adopt", decision, "--review-in", "1d"],
                 ["adopt", decision], ["review", decision, "--next", "9999-12-31"], ["meeting", "end"]):
        invoke(*step)
    shown = []
    for command in READING:
        shown.append(invoke(*[a.format(id=decision) for a in command]))
    everything = "\n".join(shown)
    # Years with four digits, as ISO writes them: never "1-01-01", never "01.01.1".
    assert not re.search(r"(?<![\d-])1-01-01|01\.01\.1(?!\d)", everything)
    if now.startswith("0001"):
        assert "0001-01-01" in everything or "9999-12-31" in everything
