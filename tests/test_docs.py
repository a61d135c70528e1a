"""The reference and the tool agree: every command has help and a section; completion works."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from consensus.cli import cli

from .conftest import Invoke

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "docs" / "reference.md"
sys.path.insert(0, str(ROOT / "docs"))

import reference  # noqa: E402  (docs/reference.py, what cog runs)

COMMANDS = list(reference.commands())


def test_the_reference_lists_every_command_there_is() -> None:
    paths = [path for path, _command, _ctx in COMMANDS]
    assert "consensus propose" in paths
    assert "consensus meeting show" in paths
    assert "consensus import adr" in paths
    assert "consensus git-merge" not in paths  # hidden: git calls it, people do not
    assert len(paths) == len(set(paths)) >= 30


@pytest.mark.parametrize(("path", "command", "ctx"), COMMANDS, ids=[p for p, _c, _x in COMMANDS])
def test_every_command_has_help_and_an_up_to_date_section(path: str, command: object, ctx: object) -> None:
    import click

    assert isinstance(command, click.Command) and isinstance(ctx, click.Context)
    assert command.help and len(command.help.strip()) > 20, f"{path} needs a help text"
    assert command.get_short_help_str(), f"{path} needs a first line"
    for param in command.params:
        if isinstance(param, click.Option) and not param.hidden:
            assert param.help, f"{path} {param.opts[0]} needs help"
    text = REFERENCE.read_text(encoding="utf-8")
    assert f"### `{path}`" in text
    assert reference.help_text(command, ctx) in text, (
        f"the reference shows an old --help of {path}: run cog -r -I docs README.md docs/reference.md consensus/_help.py"
    )


def test_the_settings_reference_covers_every_key() -> None:
    import dataclasses

    from consensus.models import Settings

    table = reference.settings_reference()
    for spec in dataclasses.fields(Settings):
        assert f"| `{spec.name}` |" in table
        assert spec.metadata["doc"] in table
    assert table in REFERENCE.read_text(encoding="utf-8")


def complete(words: str) -> list[str]:
    """What the shell would offer after typing ``words`` (the values, not their help)."""
    typed = words.split()
    current = len(typed) if words.endswith(" ") else len(typed) - 1
    result = CliRunner().invoke(
        cli, [], prog_name="consensus", catch_exceptions=False,
        env={"_CONSENSUS_COMPLETE": "bash_complete", "COMP_WORDS": words, "COMP_CWORD": str(current)},
    )
    return [line.split(",", 1)[1] for line in result.stdout.splitlines() if line]


def test_commands_and_options_complete(reg: Path) -> None:
    assert complete("consensus con") == ["consent", "concern"]
    assert "--review-in" in complete("consensus adopt x --rev")


def test_ids_complete_with_only_the_decisions_a_command_can_act_on(
    reg: Path, run: Invoke, propose: Callable[..., str], adopted: str
) -> None:
    proposal = propose("Keys")
    assert complete("consensus consent ") == [proposal]
    assert complete("consensus retire ") == [adopted]
    assert sorted(complete("consensus show ")) == sorted([proposal, adopted])
    start = next(adopted[:n] for n in range(2, 9) if not proposal.startswith(adopted[:n]))  # ids are random
    assert complete(f"consensus show {start}") == [adopted]
    assert complete(f"consensus show {start.upper()}") == [adopted]


def test_member_names_complete_forgivingly(reg: Path) -> None:
    assert complete("consensus consent x --by ") == ["Ayşe", "Bo", "Chris"]
    assert complete("consensus consent x --by ay") == ["Ayşe"]
    assert complete("consensus meeting start --attendee c") == ["Chris"]
    assert complete("consensus members remove B") == ["Bo"]


def test_meetings_complete(reg: Path, run: Invoke) -> None:
    meeting_id = run("meeting", "start", "--title", "Circle").stdout.strip()
    run("meeting", "end")
    assert complete("consensus meeting show ") == ["last", meeting_id]


def test_completion_outside_a_register_offers_nothing_and_says_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert complete("consensus show ") == []
    assert complete("consensus consent x --by ") == []


def test_the_fast_help_is_what_click_prints() -> None:
    from consensus._help import HELP

    assert reference.top_help() == HELP, "run cog -r -I docs consensus/_help.py"


@pytest.mark.parametrize(
    ("columns", "fast", "before"),
    [("80", True, []), ("132", True, []), ("60", False, []), ("80", True, ["-C", "somewhere"]),
     ("80", True, ["--dir=somewhere"]), ("80", True, ["-Csomewhere"])],
)
def test_help_from_the_installed_command(columns: str, fast: bool, before: list[str]) -> None:
    import os
    import subprocess

    from consensus._help import HELP

    env = {**os.environ, "COLUMNS": columns}
    shown = subprocess.run([sys.executable, "-m", "consensus", *before, "--help"], env=env, capture_output=True,
                           text=True, check=True).stdout
    assert (shown == HELP) is fast
    assert shown.startswith("Usage: consensus [OPTIONS] COMMAND [ARGS]...")
    assert "  propose " in shown


def test_every_file_key_and_json_shape_is_in_the_reference() -> None:
    import dataclasses

    from consensus.models import Decision, Event, Header, Meeting, Version

    for cls in (Event, Header, Meeting, Version):
        for spec in dataclasses.fields(cls):
            assert spec.metadata.get("doc"), f"{cls.__name__}.{spec.name} needs a doc for the reference"
    assert all(spec.metadata.get("doc") for spec in dataclasses.fields(Decision) if spec.name != "written")
    text = REFERENCE.read_text(encoding="utf-8")
    assert reference.file_reference() in text
    assert reference.json_reference() in text
