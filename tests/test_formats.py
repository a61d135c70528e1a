"""Every file carries its format number, and files of earlier formats keep loading."""

from __future__ import annotations

import json
import shutil
import tomllib
from pathlib import Path

import pytest

from tests.conftest import Invoke

FORMAT1 = Path(__file__).parent / "data" / "format1"


@pytest.fixture
def old(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "format1"
    shutil.copytree(FORMAT1, root)
    monkeypatch.chdir(root)
    return root


def test_format_1_register_still_reads_and_checks(run: Invoke, old: Path) -> None:
    run("check")
    rows = json.loads(run("list", "--json", "--status", "active").stdout)
    assert [r["id"] for r in rows] == ["ae222222", "ac222222", "aa222222"]
    shown = json.loads(run("show", "ae222222", "--json").stdout)
    assert shown["replaces"] == ["ab222222"]
    assert shown["versions"][0]["objections"][0]["resolution"] == "We start at 7:30 instead of 7"


def test_format_1_register_can_be_written_to(run: Invoke, old: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONSENSUS_USER", "Bo")
    run("consent", "ah222222")
    run("check")


def test_every_file_says_its_format(run: Invoke, reg: Path, adopted: str) -> None:
    run("meeting", "start")
    run("meeting", "end")
    for path in [reg / "consensus.toml", *reg.glob("decisions/*.toml"), *reg.glob("meetings/*.toml")]:
        assert tomllib.loads(path.read_text("utf-8"))["format"] == 1, path
