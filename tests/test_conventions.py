"""The conventions of well-made command-line tools: --json everywhere data is printed, paths that
complete as paths, NO_COLOR and FORCE_COLOR the same everywhere, a pager for long output, an
editor template that never ends up in the text."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from .conftest import Invoke, files

pexpect = pytest.importorskip("pexpect")


@pytest.fixture
def story(run: Invoke, reg: Path, propose: Callable[..., str]) -> dict[str, str]:
    old = propose("Meet on Tuesdays", "Tuesdays at 7.")
    run("adopt", old)
    new = run("propose", "Meet on Wednesdays", "--text", "Wednesdays at 7.", "--replaces", old, "--why", "choir").stdout.strip()
    run("meeting", "start", "--title", "Circle")
    run("adopt", new)
    run("meeting", "end")
    return {"old": old, "new": new}


def test_every_command_that_prints_data_takes_json(run: Invoke, story: dict[str, str]) -> None:
    assert json.loads(run("summary", "--json", "--since", "2026-01-01").stdout)["changes"]
    assert json.loads(run("summary", "--json").stdout) == json.loads(run("summary", "--format", "json").stdout)
    assert json.loads(run("meeting", "show", "last", "--json").stdout)["decisions"]
    graph = json.loads(run("graph", "--json").stdout)
    assert sorted(d["id"] for d in graph["decisions"]) == sorted([story["old"], story["new"]])  # same moment: by id
    assert graph["links"] == [{"from": story["old"], "to": story["new"], "kind": "replaced"}]


def test_the_json_of_graph_is_documented(run: Invoke, story: dict[str, str]) -> None:
    from consensus.shapes import DOCS

    graph = json.loads(run("graph", story["new"], "--json").stdout)
    assert set(graph) == set(DOCS["graph"][1])
    assert set(graph["decisions"][0]) == {"id", "title", "status", "current_version", "versions"}


def complete(words: str, **env: str) -> list[tuple[str, str]]:
    """(type, value) of what the shell is offered after ``words``."""
    from click.testing import CliRunner

    from consensus.cli import cli

    typed = words.split()
    current = len(typed) if words.endswith(" ") else len(typed) - 1
    result = CliRunner().invoke(cli, [], prog_name="consensus", catch_exceptions=False, env={
        "_CONSENSUS_COMPLETE": "bash_complete", "COMP_WORDS": words, "COMP_CWORD": str(current), **env})
    return [tuple(line.split(",", 1)) for line in result.stdout.splitlines() if line]  # type: ignore[misc]


@pytest.mark.parametrize(("words", "kind"), [
    ("consensus -C ", "dir"), ("consensus propose T --file ", "file"), ("consensus summary -o ", "file"),
    ("consensus meeting show last -o ", "file"), ("consensus import adr ", "dir"), ("consensus site -o ", "dir"),
])
def test_paths_complete_as_paths(reg: Path, words: str, kind: str) -> None:
    assert complete(words) == [(kind, "")]


def test_a_nul_byte_in_a_path_is_refused_in_words(run: Invoke, reg: Path) -> None:
    assert run("propose", "T", "--file", "a\x00b", code=1).stderr.startswith("Error: cannot read 'a\\x00b'")


@pytest.mark.parametrize(("environment", "coloured"), [
    ({}, False), ({"FORCE_COLOR": "1"}, True), ({"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),
    ({"FORCE_COLOR": "0"}, False),
])
@pytest.mark.parametrize("args", [["list"], ["show", "{new}"], ["history", "{new}"], ["meeting", "list"],
                                  ["participation", "--since", "2026-01-01"], ["changes", "--since", "2026-01-01"],
                                  ["diff", "{new}"]])
def test_no_color_and_force_color_the_same_everywhere(
    run: Invoke, story: dict[str, str], monkeypatch: pytest.MonkeyPatch, environment: dict[str, str],
    coloured: bool, args: list[str],
) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    out = run(*[a.format(**story) for a in args]).stdout
    assert ("\x1b[" in out) == coloured, out


@pytest.mark.parametrize("lang", ["en", "de"])
@pytest.mark.parametrize("width", ["40", "60"])
def test_narrow_terminals_wrap_rather_than_drop(run: Invoke, story: dict[str, str], reg: Path,
                                                monkeypatch: pytest.MonkeyPatch, width: str, lang: str) -> None:
    d = run("propose", "Snacks", "--text", "x").stdout.strip()
    run("object", d, "--by", "Chris", "--reason", "Not everyone can afford snacks every week")
    monkeypatch.setenv("COLUMNS", width)
    monkeypatch.setenv("CONSENSUS_LANG", lang)
    history = run("history", d).stdout
    # the reason whole, its lines hanging under the event (no line starts at the left but a time)
    assert "Not everyone can afford snacks every week" in " ".join(history.split())
    assert all(line[:4] in ("2026", "24.1") or line.startswith(" " * 18) for line in history.splitlines())
    assert max(map(len, history.splitlines())) <= int(width)
    people = run("participation", "--since", "2026-01-01").stdout
    assert "Chris" in people and "…" not in people and max(map(len, people.splitlines())) <= int(width)
    meetings = run("meeting", "list").stdout
    assert "Circle" in meetings and "…" not in meetings and max(map(len, meetings.splitlines())) <= int(width)


def spawn(root: Path, *args: str, rows: int = 10, **env: str) -> Any:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("CONSENSUS_")}
    environment.update({"CONSENSUS_USER": "Ayşe", "CONSENSUS_NOW": "2026-11-24T19:00:00+01:00", "TERM": "xterm",
                        "NO_COLOR": "1", "HOME": str(root.parent / "home"), **env})
    command = str(Path(sys.executable).parent / "consensus")
    return pexpect.spawn(command, ["-C", str(root), *args], env=environment, encoding="utf-8", timeout=20,
                         dimensions=(rows, 100))


@pytest.mark.slow
def test_long_output_on_a_terminal_goes_through_the_pager(run: Invoke, reg: Path, propose: Callable[..., str]) -> None:
    for n in range(20):
        propose(f"Decision {n}", "x")
    paged = reg / "paged.txt"
    child = spawn(reg, "list", PAGER=f"tee {paged}")
    child.expect(pexpect.EOF)
    assert paged.read_text("utf-8").count("Decision ") == 20
    paged.unlink()
    child = spawn(reg, "--no-pager", "list", PAGER=f"tee {paged}")
    child.expect(pexpect.EOF)
    assert not paged.exists()
    child = spawn(reg, "list", rows=40, PAGER=f"tee {paged}")  # it fits: no pager
    child.expect(pexpect.EOF)
    assert not paged.exists()


EDITOR = """import sys
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
open(path + ".seen", "w", encoding="utf-8").write(text)
open(path, "w", encoding="utf-8").write({new} + text)
"""


@pytest.mark.slow
@pytest.mark.parametrize(("written", "recorded"), [
    ('"# A heading\\nWe meet on Tuesdays.\\n"', "# A heading\nWe meet on Tuesdays."),
    ('""', None),
])
def test_the_editor_template_never_ends_up_in_the_text(
    run: Invoke, reg: Path, tmp_path: Path, written: str, recorded: str | None
) -> None:
    editor = tmp_path / "editor.py"
    editor.write_text(EDITOR.format(new=written), encoding="utf-8")
    before = files(reg)
    child = spawn(reg, "propose", "Meet on Tuesdays", EDITOR=f"{sys.executable} {editor}", TMPDIR=str(tmp_path))
    child.expect(pexpect.EOF)
    child.close()
    if recorded is None:
        assert child.exitstatus == 1 and "the text is empty — nothing was recorded" in child.before
        assert files(reg) == before
        return
    (decision,) = json.loads(run("list", "--json").stdout)
    text = json.loads(run("show", decision["id"], "--json").stdout)["versions"][0]["text"]
    assert text == recorded  # a Markdown heading is the proposal's own; the template's lines are gone


@pytest.mark.slow
def test_an_amendment_left_as_it_was_is_refused(run: Invoke, reg: Path, tmp_path: Path, adopted: str) -> None:
    editor = tmp_path / "editor.py"
    editor.write_text(EDITOR.format(new='""'), encoding="utf-8")
    before = files(reg)
    child = spawn(reg, "amend", adopted, "--why", "better", EDITOR=f"{sys.executable} {editor}", TMPDIR=str(tmp_path))
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 1 and "the text was left as it was" in child.before
    assert files(reg) == before
    seen = next(tmp_path.glob("*.seen"))
    assert seen.read_text("utf-8").startswith("We meet every Tuesday at 7 pm.\n# ------------------------ >8")
