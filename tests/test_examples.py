"""Every example register stays valid, and tells its story."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import Invoke

EXAMPLES = sorted(p.parent for p in (Path(__file__).parent.parent / "examples").glob("*/consensus.toml"))


@pytest.fixture(params=EXAMPLES, ids=[p.name for p in EXAMPLES])
def example(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / request.param.name
    shutil.copytree(request.param, root)
    monkeypatch.chdir(root)
    return root


def test_examples_exist() -> None:
    assert [p.name for p in EXAMPLES] == ["bergkamen"]


def test_every_example_checks_clean(run: Invoke, example: Path) -> None:
    assert run("check").stderr.startswith("Alles in Ordnung:")  # the example register is German


def test_every_example_summarises_in_every_format(run: Invoke, example: Path) -> None:
    data = json.loads(run("summary", "--format", "json").stdout)
    assert data["register"]
    sections = [key for key in ("open_proposals", "open_objections", "changes", "due_for_review") if data[key]]
    assert sections, "an example should have something to summarise"
    heading = {"open_proposals": ("Open proposals", "Offene Vorschläge"),
               "open_objections": ("Unresolved objections", "Offene Einwände"),
               "changes": ("Changes since", "Änderungen seit"),
               "due_for_review": ("Due for review", "Zur Überprüfung fällig")}
    markdown = run("summary", "--format", "md").stdout
    assert markdown.startswith(f"# {data['register']}: ")
    text = run("summary", "--format", "text").stdout.splitlines()
    assert text[0].startswith(f"{data['register']}: ") and set(text[1]) == {"="}
    html = run("summary", "--format", "html").stdout
    assert html.startswith("<!DOCTYPE html>") and html.rstrip().endswith("</html>")
    for key in sections:
        assert any(f"## {word}" in markdown for word in heading[key]), key
        assert any(word in "\n".join(text) for word in heading[key]), key
        assert any(f"<h2>{word}" in html for word in heading[key]), key


def test_bergkamen_tells_the_story(run: Invoke, example: Path) -> None:
    if example.name != "bergkamen":
        pytest.skip("only the Bergkamen register")
    decisions = [json.loads(run("show", row["id"], "--json").stdout)
                 for row in json.loads(run("list", "--json", "--status", "active", "--status", "superseded",
                                           "--status", "proposed", "--status", "retired").stdout)]
    by_title = {d["title"]: d for d in decisions}
    old, new = by_title["Wir bauen ein Integrationsmanagement auf"], by_title["Bergkamen for all"]
    assert old["status"] == "superseded" and old["superseded_by"] == new["id"]
    assert new["replaces"] == [old["id"]] and new["versions"][1]["why"]
    interviews = by_title["Wir fragen die Stadt, was Integration bedeutet"]["versions"][0]
    assert interviews["objections"][0]["resolved"] is True
    goals = by_title["Unsere drei Ziele"]["versions"][0]
    assert goals["concerns"] and goals["stand_asides"]
    meetings = json.loads(run("meeting", "list", "--json").stdout)
    assert meetings[-1]["title"] == "Erstes Treffen der Steuerungsgruppe im Rathaus"
    assert meetings[-1]["started_at"].startswith("2019-05-09")
    assert json.loads(run("-C", str(example), "summary", "--format", "json").stdout)["register"] == "Bergkamen for all"
