"""Importing real ADR collections (facts from EXPECTED.md) and every quirk the data shows."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Invoke, assert_golden, files

CORPORA = Path(__file__).parent / "data" / "corpora"
STATUS = {"accepted": "active", "proposed": "proposed", "rejected": "rejected", "superseded": "superseded",
          "(none declared)": "active"}


def expected_rows(section: str) -> dict[str, tuple[str | None, str]]:
    """file → (date or None, expected status) from a per-record table of EXPECTED.md."""
    text = (CORPORA / "EXPECTED.md").read_text("utf-8")
    part = text.split(f"## `{section}`")[1].split("\n## ")[0]
    lines = part.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("|") and line.rstrip().endswith("expected status |"))
    rows = {}
    for line in lines[start + 2:]:
        if not line.startswith("|"):
            break
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        files_ = [c for c in cells if re.fullmatch(r"`[^`]+\.md`", c)]
        if not files_ or len(cells) < 4:
            continue
        name = files_[0].strip("`")
        expected = cells[-1]
        dates = [c for c in cells if re.fullmatch(r"\d{4}-\d\d-\d\d", c)]
        if expected.startswith("ambiguous"):
            continue  # EXPECTED.md: rows marked ambiguous are not to be asserted
        word = next((w for w in STATUS if expected.startswith(w)), None)
        assert word is not None, line
        rows[name] = (dates[0] if dates else None, STATUS[word])
    return rows


@pytest.fixture
def imported(run: Invoke, reg: Path) -> Callable:  # type: ignore[type-arg]
    def do(corpus: str) -> dict[str, dict]:  # type: ignore[type-arg]
        rows = json.loads(run("import", "adr", str(CORPORA / corpus), "--json").stdout)
        return {r["file"]: r for r in rows}

    return do


def decisions(run: Invoke) -> dict[str, dict]:  # type: ignore[type-arg]
    rows = json.loads(run("list", "--json", *[a for s in ("active", "proposed", "rejected", "superseded", "retired") for a in ("--status", s)]).stdout)
    shown = [json.loads(run("show", r["id"], "--json").stdout) for r in rows]
    return {d["source"]: d for d in shown}


def test_james_adr_tools(run: Invoke, reg: Path, imported: Callable) -> None:  # type: ignore[type-arg]
    rows = imported("apache-james-project")
    assert len(rows) == 77 and "SOURCE.md" not in rows
    expected = expected_rows("apache/james-project")
    assert len(expected) == 76
    by_source = decisions(run)
    for name, (date, status) in expected.items():
        assert rows[name]["status"] == status, name
        first = by_source[name]["history"][0]
        assert first["at"].startswith(date or "?"), name
    # 0072's "Not-Implemented" (ambiguous in EXPECTED.md) is not clearly accepted: proposed.
    assert Counter(r["status"] for r in rows.values()) == {"active": 66, "proposed": 6, "superseded": 3, "rejected": 2}
    pairs = {(by_source[d["source"]]["source"], by_source_id(by_source, d["superseded_by"]))
             for d in by_source.values() if d["superseded_by"]}
    assert pairs == {
        ("0003-distributed-workqueue.md", "0016-distributed-workqueue.md"),
        ("0014-blobstore-storage-policies.md", "0025-cassandra-blob-store-cache.md"),
        ("0026-removing-configured-additional-mailboxListeners.md", "0035-distributed-listeners-configuration.md"),
    }
    newer = by_source["0025-cassandra-blob-store-cache.md"]
    assert newer["replaces"] == [by_source["0014-blobstore-storage-policies.md"]["id"]]
    assert by_source["0035-distributed-listeners-configuration.md"]["status"] == "proposed"  # as declared
    assert by_source["0003-distributed-workqueue.md"]["title"] == "Distributed WorkQueue"
    assert by_source["0009-java-11-migration.md"]["id"] != by_source["0009-disable-elasticsearch-dynamic-mapping.md"]["id"]
    ambiguous = by_source["0072-postgresql-flags-update-concurrency-control.md"]
    assert ambiguous["status"] == "proposed" and ambiguous["status_as_written"] == "Not-Implemented"
    assert rows["0072-postgresql-flags-update-concurrency-control.md"]["notes"] == [
        "status 'Not-Implemented' is none of ours: imported as proposed"]
    assert "Completes [20. Cassandra Mailbox object consistency]" in by_source["0042-applicative-read-repairs.md"]["versions"][0]["text"]
    assert by_source["0048-cleanup-jmap-uploads.md"]["status"] == "active"  # "Overridden by" is not supersession
    assert_golden("import.apache-james-project.tsv", outcome(by_source))
    run("check")


def by_source_id(by_source: dict[str, dict], decision_id: str) -> str:  # type: ignore[type-arg]
    return next(source for source, d in by_source.items() if d["id"] == decision_id)


def outcome(by_source: dict[str, dict]) -> str:  # type: ignore[type-arg]
    """The import's exact outcome per record, one line each, as a golden file keeps it."""
    file_of = {d["id"]: source for source, d in by_source.items()}
    lines = ["file\tstatus\tdate\ttitle\tsuperseded by\treplaces\tpartly replaces\tamends\tstatus as written"]
    for source in sorted(by_source):
        d = by_source[source]
        lines.append("\t".join([
            source, d["status"], d["history"][0]["at"][:10], d["title"], file_of.get(d["superseded_by"], ""),
            *(" ".join(sorted(file_of[i] for i in d[key])) for key in ("replaces", "partly_replaces", "amends")),
            " ".join((d["status_as_written"] or "—").split()),
        ]))
    return "\n".join(lines) + "\n"


def test_jabref_madr(run: Invoke, reg: Path, imported: Callable) -> None:  # type: ignore[type-arg]
    folder = str(CORPORA / "JabRef-jabref")
    report = run("import", "adr", folder, "--dry-run").stderr
    assert_golden("import.JabRef-jabref.report.txt", report.replace(folder, "<folder>"))
    rows = imported("JabRef-jabref")
    assert len(rows) == 70
    expected = expected_rows("JabRef/jabref")
    by_source = decisions(run)
    for name, (date, status) in expected.items():
        assert rows[name]["status"] == status, name
        if date:
            assert by_source[name]["history"][0]["at"].startswith(date), name
    dated = {name for name, d in by_source.items() if d["history"][0]["at"].startswith(("2025", "2026-05"))}
    assert dated == {"0047-use-references-heading-in-citations-tab.md", "0049-hardcode-fieldnames.md",
                     "0061-jabsrv-reload-via-mtime-polling.md"}
    old, new = by_source["0045-use-input-flag-always-for-input-files.md"], by_source["0057-allow-positional-input-file-argument.md"]
    assert old["status"] == "superseded" and old["superseded_by"] == new["id"] and new["replaces"] == [old["id"]]
    assert Counter(r["status"] for r in rows.values()) == {"active": 69, "superseded": 1}
    assert by_source["0038-use-entryId-for-bibentries.md"]["title"] == "Use `BibEntry.getId` for BibEntries at Indexing"
    assert "0024-use-#-as-indicator-for-BibTeX-string-constants.md" in rows
    text = by_source["0047-use-references-heading-in-citations-tab.md"]["versions"][0]["text"]
    assert text.startswith("## Context and Problem Statement")
    assert_golden("import.JabRef-jabref.tsv", outcome(by_source))
    run("check")


def test_second_import_adds_nothing_and_dry_run_writes_nothing(run: Invoke, reg: Path) -> None:
    folder = str(CORPORA / "apache-james-project")
    before = files(reg)
    dry = run("import", "adr", folder, "--dry-run")
    assert files(reg) == before
    assert_golden("import.apache-james-project.report.txt", dry.stderr.replace(folder, "<folder>"))
    assert len(dry.stdout.split()) == 77
    first = run("import", "adr", folder)
    assert sorted(first.stdout.split()) == sorted(dry.stdout.split())  # the same ids: made from the files
    after = files(reg)
    again = run("import", "adr", folder)
    assert again.stdout == ""
    assert again.stderr.splitlines()[:2] == [f"Imported 0 records from {folder}", "Already imported before: 77 (left as they are)"]
    assert files(reg) == after


def test_import_refusals(run: Invoke, reg: Path, tmp_path: Path) -> None:
    assert run("import", "adr", str(tmp_path / "nope"), code=1).stderr == (
        f"Error: {tmp_path / 'nope'} is not a folder — give the folder that holds the ADRs\n"
    )
    (tmp_path / "empty").mkdir()
    assert run("import", "adr", str(tmp_path / "empty"), code=1).stderr == (
        f"Error: {tmp_path / 'empty'} holds no Markdown files — is it the folder of your ADRs?\n"
    )
    assert "Invalid value for '--format'" in run("import", "adr", str(tmp_path), "--format", "x", code=2).stderr


QUIRKS = {
    "0001-record-architecture-decisions.md": "# 1. Record architecture decisions\n\nDate: 2018-02-01\n\n## Status\n\nAccepted\n\n## Context\n\nWe need to record decisions.\n",
    "0002-use-pull-request-templates.md": "#2. Use pull request templates\n\nDate: 01/03/2018\n\n## Status\n\n✅ Accepted.\n\n## Decision\n\nWe use them.\n",
    "0003-old-way.md": "# 3. Old way\n\nDate: Dec 19, 2022\n\n## Status\n\nAccepted\n\nSuperseded by [4. New way](./0004-new-way)\n\n## Decision\n\nOld.\n",
    "0004-new-way.md": "# 4. New way\n\nDate: 2022-04-7\n\n## Status\n\n> `ACCEPTED`\n\n## Decision\n\nNew.\n",
    "0005-one-sided.md": "# 5. One sided\n\n**Date:** May 2025\n\n## Status\n\n![status](https://img.shields.io/badge/status-accepted-green)\n\n## Decision\n\nA.\n",
    "0006-replacer.md": "# 6. Replacer\n\nDate: 2023-13-10\n\n## Status\n\nProposed\n\nSupercedes ADR005\n\n## Decision\n\nB.\n",
    "0007-amends.md": "# 7. Amends\n\nDate: 2020-Nov-09\n\n## Status\n\nAccepted\n\nAmends [6. Replacer](0006-replacer.md)\n\nRelates to ADR#0004\n\n## Decision\n\nC.\n",
    "0008-partly.md": "# 8. Partly\n\nDate: 2020-07-01 (or thereabouts)\n\n## Status\n\nPartly superseded by [9](0009-github.md)\n\n## Decision\n\nD.\n",
    "0009-github.md": "# 9. GitHub links\n\nDate: 2020-09-31\n\n## Status\n\nDeprecated, no-longer-relevant\n\nSuperseded by [later](https://github.com/org/repo/blob/main/docs/adr/0010-madr-list.md)\n\n## Decision\n\nE.\n",
    "0010-madr-list.md": "# Use a MADR list\n\n* Status: accepted\n* Deciders: Ayşe, Bo\n* Date: 13/03/21\n\n## Context and Problem Statement\n\nF.\n",
    "0011-madr-front.md": "---\nstatus: \"superseded by ADR-0012\"\ndate: 2024-02-29\nnav_order: 0011\n---\n<!-- a comment -->\n# Front matter\n\n## Context and Problem Statement\n\nG.\n",
    "0012-madr-front.md": "---\nstatus: 'accepted; supersedes ADR-0011'\n---\n\n# Front matter again\n\n## Context and Problem Statement\n\nH.\n",
    "0013-on-hold.md": "# 13. On hold\n\n## Status\n\nOn hold\n\n## Context\n\nI.\n",
    "0014-no-status.md": "# 14. No status at all\n\n## Context\n\nJ.\n",
    "0015-dangling.md": "# 15. Dangling\n\n## Status\n\nSuperseded by [99. Gone](0099-gone.md)\n\n## Context\n\nK.\n",
    "0016-weird.md": "# 16. Weird status\n\n## Status\n\nTabled until spring\n\n## Context\n\nL.\n",
    "20210304-date-named.md": "# Date named\n\n## Status\n\nRejected\n\n## Context\n\nM.\n",
    "0016-duplicate-number.md": "# 16. Duplicate number\n\n## Status\n\nAccepted\n\n## Context\n\nN.\n",
    "README.md": "# Architecture decisions\n\n* [1. Record](0001-record-architecture-decisions.md)\n",
    "index.md": "# Index\n\nSee the list.\n",
    "template.md": "# {short title of solved problem and solution}\n\n* Status: {proposed | rejected | accepted}\n* Date: {YYYY-MM-DD when the decision was last updated}\n\n## Context and Problem Statement\n\n{Describe the context and problem statement}\n",
    "adr-template.md": "# NUMBER. TITLE\n\nDate: DATE\n\n## Status\n\nSTATUS\n\n## Context\n\nThe issue motivating this decision.\n",
}


@pytest.fixture
def quirks(tmp_path: Path) -> Path:
    folder = tmp_path / "adr"
    folder.mkdir()
    for name, text in QUIRKS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_every_quirk(run: Invoke, reg: Path, quirks: Path) -> None:
    result = run("import", "adr", str(quirks), "--json")
    rows = {r["file"]: r for r in json.loads(result.stdout)}
    assert sorted(set(QUIRKS) - set(rows)) == ["README.md", "adr-template.md", "index.md", "template.md"]
    status = {name: row["status"] for name, row in rows.items()}
    assert status == {
        "0001-record-architecture-decisions.md": "active",
        "0002-use-pull-request-templates.md": "active",
        "0003-old-way.md": "superseded",
        "0004-new-way.md": "active",
        "0005-one-sided.md": "superseded",
        "0006-replacer.md": "proposed",
        "0007-amends.md": "active",
        "0008-partly.md": "active",
        "0009-github.md": "superseded",
        "0010-madr-list.md": "active",
        "0011-madr-front.md": "superseded",
        "0012-madr-front.md": "active",
        "0013-on-hold.md": "proposed",
        "0014-no-status.md": "active",
        "0015-dangling.md": "retired",
        "0016-weird.md": "proposed",
        "20210304-date-named.md": "rejected",
        "0016-duplicate-number.md": "active",
    }
    shown = decisions(run)
    first = {name: d["history"][0]["at"][:10] for name, d in shown.items()}
    assert first["0001-record-architecture-decisions.md"] == "2018-02-01"
    assert first["0002-use-pull-request-templates.md"] == "2018-03-01"
    assert first["0003-old-way.md"] == "2022-12-19"
    assert first["0004-new-way.md"] == "2022-04-07"
    assert first["0005-one-sided.md"] == "2025-05-01"
    assert first["0007-amends.md"] == "2020-11-09"
    assert first["0008-partly.md"] == "2020-07-01"
    assert first["0010-madr-list.md"] == "2021-03-13"
    assert first["0011-madr-front.md"] == "2024-02-29"
    assert first["0006-replacer.md"] == first["0009-github.md"] == "2026-11-24"  # unreadable: the import day
    assert shown["0002-use-pull-request-templates.md"]["title"] == "Use pull request templates"
    assert shown["0010-madr-list.md"]["title"] == "Use a MADR list"
    assert shown["0005-one-sided.md"]["superseded_by"] == shown["0006-replacer.md"]["id"]
    assert shown["0006-replacer.md"]["replaces"] == [shown["0005-one-sided.md"]["id"]]
    assert shown["0003-old-way.md"]["superseded_by"] == shown["0004-new-way.md"]["id"]
    assert shown["0009-github.md"]["superseded_by"] == shown["0010-madr-list.md"]["id"]
    assert shown["0011-madr-front.md"]["superseded_by"] == shown["0012-madr-front.md"]["id"]
    assert shown["0007-amends.md"]["superseded_by"] is None and "Amends [6. Replacer]" in shown["0007-amends.md"]["versions"][0]["text"]
    assert shown["0008-partly.md"]["superseded_by"] is None
    assert shown["0009-github.md"]["partly_replaces"] == [shown["0008-partly.md"]["id"]]
    assert shown["0007-amends.md"]["amends"] == [shown["0006-replacer.md"]["id"]]
    assert "not in the imported folder" in shown["0015-dangling.md"]["history"][-1]["why"]
    report = result.stderr
    for expected in (
        "Skipped, not decision records:",
        "  README.md: no record heading and no record sections (Status, Context, Decision)",
        "  template.md: a template full of placeholders",
        "  adr-template.md: a template full of placeholders",
        "  0006-replacer.md: date '2023-13-10' cannot be read: kept as written",
        "  0015-dangling.md: superseded by '0099-gone.md' is not in the imported folder: kept as written",
        "  0016-weird.md: status 'Tabled until spring' is none of ours: imported as proposed",
        "  0013-on-hold.md: status 'On hold' is imported as proposed",
        "  0008-partly.md partly superseded by 0009-github.md (declared by old only)",
        "  0006-replacer.md amended by 0007-amends.md (declared by new only)",
        "  0005-one-sided.md → 0006-replacer.md (declared by new only; found by number alone ('ADR005'))",
    ):
        assert expected in report.splitlines(), expected
    run("check")


def test_a_later_record_supersedes_one_imported_before(run: Invoke, reg: Path, tmp_path: Path) -> None:
    folder = tmp_path / "adr"
    folder.mkdir()
    (folder / "0001-first.md").write_text("# 1. First\n\nDate: 2020-01-01\n\n## Status\n\nAccepted\n", "utf-8")
    (first,) = run("import", "adr", str(folder)).stdout.split()
    (folder / "0002-second.md").write_text(
        "# 2. Second\n\nDate: 2021-01-01\n\n## Status\n\nAccepted\n\nSupersedes [1. First](0001-first.md)\n", "utf-8")
    (second,) = run("import", "adr", str(folder)).stdout.split()
    old = json.loads(run("show", first, "--json").stdout)
    assert old["status"] == "superseded" and old["superseded_by"] == second
    assert json.loads(run("show", second, "--json").stdout)["replaces"] == [first]
    run("check")


def test_records_that_are_links_or_hostile_yaml_are_skipped(run: Invoke, reg: Path, tmp_path: Path) -> None:
    """The folder of ADRs may be a clone of anyone's: no link is followed out of it, and front
    matter cannot unfold into a billion values."""
    folder = tmp_path / "adr"
    folder.mkdir()
    secret = tmp_path / "private-notes.md"
    secret.write_text("# Secret\n\nhunter2\n", "utf-8")
    (folder / "0001-link.md").symlink_to(secret)
    (folder / "0002-stdin.md").symlink_to("/dev/stdin")
    bomb = "---\na: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + n)}: &{chr(98 + n)} [*{chr(97 + n)}, *{chr(97 + n)}, *{chr(97 + n)}, *{chr(97 + n)}]\n"
        for n in range(8)) + "title: *i\n---\n# Bomb\n\n## Status\n\nAccepted\n"
    (folder / "0003-bomb.md").write_text(bomb, "utf-8")
    (folder / "0004-deep.md").write_text("---\nx: " + "[" * 5000 + "]" * 5000 + "\n---\n# Deep\n\n## Status\n\nAccepted\n",
                                         "utf-8")
    result = run("import", "adr", str(folder))
    assert "hunter2" not in result.stdout + result.stderr
    assert "0001-link.md: is a symbolic link" in result.stderr
    assert "0002-stdin.md: is a symbolic link" in result.stderr
    assert "0003-bomb.md: front matter is not YAML (aliases (*name) are not read)" in result.stderr
    assert "0004-deep.md: front matter is nested too deeply to be read" in result.stderr
    titles = {row["title"] for row in json.loads(run("list", "--json").stdout)}
    assert titles == {"Bomb", "Deep"}


def test_a_file_name_with_a_line_break_stays_on_its_line(run: Invoke, reg: Path, tmp_path: Path) -> None:
    folder = tmp_path / "adr"
    folder.mkdir()
    (folder / "0001-a\nb.md").write_text("nothing here\n", "utf-8")
    (folder / "0002-real.md").write_text("# 2. Real\n\n## Status\n\nAccepted\n", "utf-8")
    report = run("import", "adr", str(folder)).stderr
    assert "  0001-a\\x0ab.md: no record heading" in report
