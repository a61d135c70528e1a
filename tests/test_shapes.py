"""Every ``--json`` shape holds exactly the keys docs/reference.md documents (from shapes.DOCS)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from consensus.shapes import DOCS

from .conftest import Invoke

DATA = Path(__file__).parent / "data" / "golden-register"
CONDITIONAL = {"change"}  # keys an adoption or a supersession has and other changes do not


@pytest.fixture
def golden(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "golden-register"
    shutil.copytree(DATA, root)
    monkeypatch.chdir(root)
    monkeypatch.setenv("CONSENSUS_NOW", "2026-11-24T10:00:00+01:00")
    monkeypatch.setenv("CONSENSUS_USER", "Ayşe")
    return root


def keys(shape: str) -> set[str]:
    return set(DOCS[shape][1]) - {"…"}


def holds(shape: str, found: dict[str, Any]) -> None:
    """``found`` has every key of ``shape`` (the conditional ones: only documented keys)."""
    documented = keys(shape)
    if "…" in DOCS[shape][1]:
        assert documented <= set(found), (shape, sorted(documented - set(found)))
    elif shape in CONDITIONAL:
        assert set(found) <= documented, (shape, sorted(set(found) - documented))
    else:
        assert set(found) == documented, (shape, sorted(set(found) ^ documented))


def data(run: Invoke, *args: str) -> Any:
    return json.loads(run(*args).stdout)


def test_decisions_versions_objections_and_events(run: Invoke, golden: Path) -> None:
    rows = data(run, "list", "--json", *[f"--status={s}" for s in ("proposed", "active", "superseded", "retired",
                                                                     "rejected", "withdrawn")])
    assert rows
    seen = set()
    for row in rows:
        holds("row", row)
        decision = data(run, "show", row["id"], "--json")
        holds("decision", decision)
        for version in decision["versions"]:
            holds("version", version)
            for objection in version["objections"]:
                holds("objection", objection)
                seen.add("objection")
            for remark in version["stand_asides"] + version["concerns"]:
                assert set(remark) == {"by", "reason"}
        for event in decision["history"]:
            holds("event", event)
        assert data(run, "history", row["id"], "--json") == decision["history"]
        holds("diff", data(run, "diff", row["id"], "--json"))
    assert seen == {"objection"}


def test_reports(run: Invoke, golden: Path) -> None:
    summary = data(run, "summary", "--format", "json", "--since", "2000-01-01")
    holds("summary", summary)
    for name, shape in (("open_proposals", "open_proposal"), ("changes", "change"), ("due_for_review", "due")):
        assert summary[name], name
        for item in summary[name]:
            holds(shape, item)
    for objection in summary["open_objections"]:
        assert set(objection) == {"id", "title", "version", "number", "by", "reason", "at", "overlooked_by"}
    minutes = data(run, "meeting", "show", "last", "--format", "json")
    holds("minutes", minutes)
    holds("meeting", minutes["meeting"])
    for meeting in data(run, "meeting", "list", "--json"):
        holds("meeting", meeting)
    entries = data(run, "changes", "--since", "2000-01-01", "--json")
    assert entries
    for entry in entries:
        holds("change_entry", entry)
        holds("event", {k: v for k, v in entry.items() if k not in ("decision", "title", "unified")})
    participation = data(run, "participation", "--since", "2000-01-01", "--json")
    holds("participation", participation)
    assert participation["people"]


def test_check_and_import(run: Invoke, golden: Path, tmp_path: Path) -> None:
    holds("check", data(run, "check", "--json"))
    records = tmp_path / "adr"
    records.mkdir()
    (records / "0001-use-adrs.md").write_text("# 1. Use ADRs\n\nDate: 2024-01-02\n\n## Status\n\nAccepted\n",
                                              encoding="utf-8")
    (row,) = data(run, "import", "adr", str(records), "--json")
    holds("import", row)
