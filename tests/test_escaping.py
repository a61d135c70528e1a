"""Nothing from outside drives the terminal: control characters and direction marks in files,
file names, paths and the environment are shown escaped, wherever they are printed."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from consensus.cli import cli
from consensus.render import safe, to_json
from tests.conftest import Invoke

# Each with how it is shown: C0, DEL, C1 (CSI), the Unicode separators, and every mark that
# reorders text on a terminal.
CHARACTERS = {
    "\x1b": "\\x1b", "\x07": "\\x07", "\x08": "\\x08", "\r": "\\x0d", "\x7f": "\\x7f", "\x9b": "\\x9b",
    "\u2028": "\\u2028", "\u202a": "\\u202a", "\u202b": "\\u202b", "\u202c": "\\u202c", "\u202d": "\\u202d",
    "\u202e": "\\u202e", "\u2066": "\\u2066", "\u2067": "\\u2067", "\u2068": "\\u2068", "\u2069": "\\u2069",
    "\u200e": "\\u200e", "\u200f": "\\u200f", "\u061c": "\\u061c",
}
RAW = re.compile("[" + "".join(c for c in CHARACTERS) + "]")
IDS = [f"U+{ord(c):04X}" for c in CHARACTERS]


def clean(result: object) -> str:
    """Everything the command printed, which must hold none of the raw characters."""
    stdout, stderr = result.stdout, result.stderr  # type: ignore[attr-defined]
    assert not RAW.search(stdout), repr(stdout)
    assert not RAW.search(stderr), repr(stderr)
    return str(stdout + stderr)


def invoke(*args: str, **env: str) -> object:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False, env=env or None)
    assert result.exit_code in (0, 1, 2), result.output
    return result


@pytest.mark.parametrize(("char", "shown"), list(CHARACTERS.items()), ids=IDS)
def test_a_key_of_a_file(run: Invoke, reg: Path, adopted: str, char: str, shown: str) -> None:
    path = reg / "decisions" / f"{adopted}.toml"
    key = json.dumps(f"evil{char}]0;PWNED\x07")
    path.write_text(f"{key} = 1\n" + path.read_text("utf-8"), "utf-8")
    for args in (["check"], ["list"], ["show", adopted], ["summary"], ["history", adopted], ["consent", adopted]):
        assert f"evil{shown}]0;PWNED\\x07" in clean(invoke(*args)), args


@pytest.mark.parametrize(("char", "shown"), list(CHARACTERS.items()), ids=IDS)
def test_a_file_name(run: Invoke, reg: Path, adopted: str, char: str, shown: str) -> None:
    (reg / "decisions" / f"x{char}[2J.toml").write_text("", "utf-8")
    (reg / "meetings" / f"m{char}.toml").write_text("", "utf-8")
    printed = clean(invoke("check"))
    assert f"decisions/x{shown}[2J.toml" in printed
    assert f"meetings/m{shown}.toml" in printed
    clean(invoke("list"))
    clean(invoke("meeting", "list"))


@pytest.mark.parametrize(("char", "shown"), list(CHARACTERS.items()), ids=IDS)
def test_values_in_a_file(run: Invoke, reg: Path, adopted: str, char: str, shown: str) -> None:
    path = reg / "decisions" / f"{adopted}.toml"
    text = path.read_text("utf-8")
    path.write_text(text.replace(f'id = "{adopted}"', f'id = "ab{json.dumps(char)[1:-1]}cd"'), "utf-8")
    assert f"id: 'ab{shown}cd' is not a valid id" in clean(invoke("show", adopted))
    assert f"id: 'ab{shown}cd' is not a valid id" in clean(invoke("check"))
    assert f"id: 'ab{shown}cd' is not a valid id" in clean(invoke("list"))


@pytest.mark.parametrize(("char", "shown"), list(CHARACTERS.items()), ids=IDS)
def test_titles_names_and_texts(run: Invoke, reg: Path, char: str, shown: str, propose: Callable[..., str]) -> None:
    decision = propose(f"A{char}title", f"A{char}text")
    run("object", decision, "--reason", f"no{char}way")
    run("resolve", decision, "1", "--how", f"so{char}be it")
    settings = reg / "consensus.toml"
    settings.write_text(settings.read_text("utf-8").replace('"Chris"', json.dumps(f"Ch{char}ris")), "utf-8")
    for args in (["list"], ["show", decision], ["history", decision], ["summary"], ["summary", "--format", "text"],
                 ["summary", "--format", "html"], ["changes"], ["participation"], ["members", "list"], ["participation", "--json"],
                 ["graph", decision], ["list", "--json"], ["show", decision, "--json"], ["summary", "--format", "json"],
                 ["adopt", decision], ["check"]):
        printed = clean(invoke(*args))
        if args[0] in ("list", "show") and "--json" not in args:
            assert f"A{shown}title" in printed, args
    assert f"Ch{shown}ris" in clean(invoke("members", "list"))
    rows = json.loads(invoke("list", "--json").stdout)  # type: ignore[attr-defined]
    assert rows[0]["title"] == f"A{char}title"  # escaped for the terminal, the same data


@pytest.mark.parametrize(("char", "shown"), list(CHARACTERS.items()), ids=IDS)
def test_paths_and_the_environment_in_error_lines(reg: Path, char: str, shown: str) -> None:
    assert f"no register at {reg / f'in{shown}valid'}" in clean(invoke("-C", str(reg / f"in{char}valid"), "list"))
    assert f"no register at {reg / f'in{shown}valid'}" in clean(invoke("list", CONSENSUS_DIR=str(reg / f"in{char}valid")))
    assert f"$CONSENSUS_NOW is '20{shown}26'" in clean(invoke("list", CONSENSUS_NOW=f"20{char}26"))
    clean(invoke("consent", "x", CONSENSUS_USER=f"Ay{char}şe"))
    assert f"cannot read in{shown}valid.md" in clean(invoke("propose", "T", "--file", f"in{char}valid.md"))
    printed = clean(invoke("show", f"a{char}b"))
    assert f"no decision matches 'a{shown}b'" in printed


@pytest.mark.parametrize(("char", "shown"), list(CHARACTERS.items()), ids=IDS)
def test_the_command_lines_own_mistakes(reg: Path, char: str, shown: str) -> None:
    # Shown escaped (click writes some of them as Python does, \r for a carriage return).
    for args in ([f"li{char}st"], ["list", f"--st{char}atus"], ["list", "--status", f"act{char}ive"],
                 ["meeting", f"st{char}art"], ["show", "x", "--version", f"v{char}"]):
        printed = clean(invoke(*args))
        assert shown in printed or repr(char)[1:-1] in printed, args


def test_a_refusal_with_names_from_the_register(run: Invoke, reg: Path, propose: Callable[..., str]) -> None:
    settings = reg / "consensus.toml"
    settings.write_text(settings.read_text("utf-8").replace('rule = "consent"', 'rule = "consensus"')
                        .replace('"Chris"', json.dumps("\u202eChris\x1b[2J")), "utf-8")
    decision = propose()
    result = invoke("adopt", decision)
    assert "\\u202eChris\\x1b[2J" in clean(result)


@given(st.text())
def test_json_keeps_the_data_and_shows_no_raw_control(text: str) -> None:
    printed = to_json({"title": text})
    assert json.loads(printed) == {"title": text}
    assert not RAW.search(printed)
    assert not re.search(r"[\x00-\x08\x0b-\x1f]", printed)


@given(st.text())
def test_safe_leaves_nothing_that_moves_the_cursor_or_the_text(text: str) -> None:
    shown = safe(text)
    assert not RAW.search(shown)
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", shown)
