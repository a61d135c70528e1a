"""Importing ADRs faithfully, one class of real-world record at a time (small synthetic records):
code blocks, successors behind broken links and shared numbers, statuses, relations beyond
replacement, titles, dates, and a report that names every file behind every note."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from consensus.adr import parse_date
from consensus.gitmerge import merge_files
from tests.conftest import Invoke


def write(folder: Path, records: dict[str, str]) -> Path:
    folder.mkdir(parents=True)
    for name, text in records.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def record(number: int, title: str, status: str | None, *, date: str = "2024-01-01", body: str = "") -> str:
    """An adr-tools record."""
    section = f"## Status\n\n{status}\n\n" if status is not None else ""
    return f"# {number}. {title}\n\nDate: {date}\n\n{section}## Context\n\nWhy {title}.\n{body}"


def import_folder(run: Invoke, folder: Path) -> tuple[dict[str, dict], dict[str, dict], list[str]]:  # type: ignore[type-arg]
    """(report rows by file, ``show --json`` by file, the report's lines) of importing ``folder``."""
    result = run("import", "adr", str(folder), "--json")
    rows = {r["file"]: r for r in json.loads(result.stdout)}
    shown = {file: json.loads(run("show", row["id"], "--json").stdout) for file, row in rows.items()}
    return rows, shown, result.stderr.replace(str(folder), "<folder>").splitlines()


def section(report: list[str], heading: str) -> list[str]:
    """The indented lines under the report line that starts with ``heading``."""
    start = next(i for i, line in enumerate(report) if line.startswith(heading))
    lines = []
    for line in report[start + 1:]:
        if not line.startswith("  "):
            break
        lines.append(line.strip())
    return lines


def test_code_blocks_hold_examples_not_the_records_own_status_date_or_title(run: Invoke, reg: Path, tmp_path: Path) -> None:
    example = (
        "\nA record may look like this:\n\n```markdown\n---\nstatus: on hold\ndate:\n---\n# 9. Example\n\n"
        "## Status\n\nRejected\n```\n\nOr, indented:\n\n    Status: rejected\n    Date:\n    # 8. Not a heading\n"
    )
    folder = write(tmp_path / "adr", {
        "0001-shows-an-example.md": record(1, "Shows an example", "Accepted", body=example),
        "0002-only-an-example.md": "# 2. Only an example\n\n## Context\n\n~~~\nStatus: rejected\nDate:\n~~~\n",
        "0003-heading-in-code.md": "```sh\n# not the title, a shell comment\n```\n\n# 3. The real title\n\n"
                                   "## Status\n\nProposed\n",
        "0004-madr-example.md": "# Use MADR\n\n## Context and Problem Statement\n\nLike this:\n\n```yaml\n---\n"
                                "status: rejected\ndate: 2020-01-01\n---\n```\n",
    })
    rows, shown, report = import_folder(run, folder)
    assert {f: r["status"] for f, r in rows.items()} == {
        "0001-shows-an-example.md": "active", "0002-only-an-example.md": "active",
        "0003-heading-in-code.md": "proposed", "0004-madr-example.md": "active",
    }
    assert all(r["notes"] == [] for r in rows.values())  # no "date '' cannot be read"
    assert shown["0001-shows-an-example.md"]["history"][0]["at"].startswith("2024-01-01")
    assert shown["0001-shows-an-example.md"]["status_as_written"] == "Accepted"
    assert "status: on hold" in shown["0001-shows-an-example.md"]["versions"][0]["text"]  # the text is kept whole
    assert shown["0003-heading-in-code.md"]["title"] == "The real title"
    assert section(report, "Without a status or a readable date") == [
        "0002-only-an-example.md", "0004-madr-example.md"]
    assert section(report, "Without a readable date") == ["0003-heading-in-code.md"]


def test_successors_behind_broken_links_and_shared_numbers(run: Invoke, reg: Path, tmp_path: Path) -> None:
    folder = write(tmp_path / "adr", {
        # an exact link
        "ADR010-first.md": record(10, "First", "Superseded by [ADR011: Second](ADR011-second.md)"),
        "ADR011-second.md": record(11, "Second", "Accepted"),
        # a link to a file renamed since: its number fits one file
        "ADR040-use-the-api.md": record(40, "Use the API", "Superseded by [ADR045: Remove the API](ADR045-use-the-api.md)"),
        "ADR045-remove-the-api.md": record(45, "Remove the API", "Accepted"),
        # a number two files carry: the one citing the old record wins
        "ADR020-old-cache.md": record(20, "Old cache", "Superseded by ADR025"),
        "ADR025-new-cache.md": record(25, "New cache", "Accepted", body="\nIt drops [the old cache](ADR020-old-cache.md).\n"),
        "ADR025-logging.md": record(25, "Logging", "Accepted"),
        # neither cites it: the closest title wins
        "ADR030-old-queue.md": record(30, "Old queue", "Superseded by [ADR035: Use a broker](ADR035-broker.md)"),
        "ADR035-use-a-broker.md": record(35, "Use a broker", "Accepted"),
        "ADR035-use-a-database.md": record(35, "Use a database", "Accepted"),
        # a shared number and nothing to tell the two apart
        "ADR036-lost.md": record(36, "Lost", "Superseded by ADR035"),
        # a number alone
        "ADR050-plain.md": record(50, "Plain", "Superseded by ADR051"),
        "ADR051-plainer.md": record(51, "Plainer", "Accepted"),
    })
    rows, shown, report = import_folder(run, folder)
    succ = {f: next((g for g, d in shown.items() if d["id"] == s["superseded_by"]), None) for f, s in shown.items()}
    assert {f: s for f, s in succ.items() if s} == {
        "ADR010-first.md": "ADR011-second.md", "ADR040-use-the-api.md": "ADR045-remove-the-api.md",
        "ADR020-old-cache.md": "ADR025-new-cache.md", "ADR030-old-queue.md": "ADR035-use-a-broker.md",
        "ADR050-plain.md": "ADR051-plainer.md",
    }
    assert shown["ADR025-new-cache.md"]["replaces"] == [shown["ADR020-old-cache.md"]["id"]]
    assert rows["ADR036-lost.md"]["status"] == "retired"
    assert section(report, "Supersessions: 5") == [
        "ADR010-first.md → ADR011-second.md (declared by old only)",
        "ADR020-old-cache.md → ADR025-new-cache.md (declared by old only; found by number and citation "
        "('ADR025' fits 2 records; only this one cites ADR020-old-cache.md))",
        "ADR030-old-queue.md → ADR035-use-a-broker.md (declared by old only; found by number and title "
        "('ADR035-broker.md' fits 2 records; this one's title is the closest))",
        "ADR040-use-the-api.md → ADR045-remove-the-api.md (declared by old only; found by number "
        "('ADR045-use-the-api.md' names no file))",
        "ADR050-plain.md → ADR051-plainer.md (declared by old only; found by number alone ('ADR051'))",
    ]
    assert section(report, "Kept as written") == [
        "ADR036-lost.md: superseded by 'ADR035' fits 2 records (ADR035-use-a-broker.md, ADR035-use-a-database.md) "
        "and none of them is told apart by citing this one or by its title: kept as written",
    ]
    assert "ADR035" in shown["ADR036-lost.md"]["history"][-1]["why"]
    run("check")


STATUSES = {  # status as written → (status, the report's note or None)
    "Accepted": ("active", None),
    "Approved": ("active", None),
    "Done": ("active", None),
    "Proposed": ("proposed", None),
    "Draft": ("proposed", "status 'Draft' is imported as proposed"),
    "Pending": ("proposed", "status 'Pending' is imported as proposed"),
    "On hold": ("proposed", "status 'On hold' is imported as proposed"),
    "Incomplete": ("proposed", "status 'Incomplete' is imported as proposed"),
    "WIP": ("proposed", "status 'WIP' is imported as proposed"),
    "In review": ("proposed", "status 'In review' is imported as proposed"),
    "Tabled until spring": ("proposed", "status 'Tabled until spring' is none of ours: imported as proposed"),
    "Not accepted": ("proposed", "status 'Not accepted' is none of ours: imported as proposed"),
    "Accepted or Rejected": ("proposed", "status 'Accepted or Rejected' is unedited template text: imported as proposed"),
    "Rejected": ("rejected", None),
    "Declined": ("rejected", None),
    "Deprecated": ("retired", None),
    "Superseded": ("retired", "status 'Superseded' names no successor: imported as retired"),
}


def test_statuses_map_and_are_kept_as_written(run: Invoke, reg: Path, tmp_path: Path) -> None:
    records = {f"{n:04}-s.md": record(n, f"Status {n}", status) for n, status in enumerate(STATUSES, start=1)}
    records["0100-none.md"] = record(100, "No status", None)
    records["0101-front.md"] = "---\nstatus: on hold\ndate: 2024-01-01\n---\n# Held\n\n## Context and Problem Statement\n\nX.\n"
    rows, shown, report = import_folder(run, write(tmp_path / "adr", records))
    for n, (status, (expected, note)) in enumerate(STATUSES.items(), start=1):
        file = f"{n:04}-s.md"
        assert (rows[file]["status"], rows[file]["notes"]) == (expected, [note] if note else []), status
        assert shown[file]["status_as_written"] == status
    assert rows["0100-none.md"]["status"] == "active" and shown["0100-none.md"]["status_as_written"] is None
    assert section(report, "Without a status (imported as active): 1") == ["0100-none.md"]
    held = shown["0101-front.md"]
    assert (held["status"], held["status_as_written"]) == ("proposed", "on hold")
    assert section(report, "Kept as written")[-1] == "0101-front.md: status 'on hold' is imported as proposed"
    card = run("show", held["id"]).stdout
    assert "│ Status as written: on hold" in card


def test_amendments_and_partial_supersessions(run: Invoke, reg: Path, tmp_path: Path) -> None:
    folder = write(tmp_path / "adr", {
        "0001-base.md": record(1, "Base", "Accepted"),
        "0002-amender.md": record(2, "Amender", "Accepted\n\nAmends [1. Base](0001-base.md)"),
        "0003-old.md": record(3, "Old", "Accepted\n\nAmended by [4. Later](0004-later.md)\n\n"
                                        "Partly superseded by [5. Part](0005-part.md)"),
        "0004-later.md": record(4, "Later", "Accepted"),
        "0005-part.md": record(5, "Part", "Accepted"),
        "0006-partial.md": record(6, "Partial", "Accepted\n\nPartly supersedes [1. Base](0001-base.md)"),
    })
    rows, shown, report = import_folder(run, folder)
    ids = {f: d["id"] for f, d in shown.items()}
    assert {f: r["status"] for f, r in rows.items()} == dict.fromkeys(rows, "active")
    assert all(d["superseded_by"] is None and d["replaces"] == [] for d in shown.values())
    assert {f: (d["amends"], d["partly_replaces"]) for f, d in shown.items() if d["amends"] or d["partly_replaces"]} == {
        "0002-amender.md": ([ids["0001-base.md"]], []),
        "0004-later.md": ([ids["0003-old.md"]], []),
        "0005-part.md": ([], [ids["0003-old.md"]]),
        "0006-partial.md": ([], [ids["0001-base.md"]]),
    }
    assert section(report, "Partial supersessions and amendments: 4") == [
        "0001-base.md partly superseded by 0006-partial.md (declared by new only)",
        "0003-old.md partly superseded by 0005-part.md (declared by old only)",
        "0001-base.md amended by 0002-amender.md (declared by new only)",
        "0003-old.md amended by 0004-later.md (declared by old only)",
    ]
    assert f"│ Amends: {ids['0001-base.md']} Base" in run("show", ids["0002-amender.md"]).stdout
    assert f"│ Partly replaces: {ids['0003-old.md']} Old" in run("show", ids["0005-part.md"]).stdout
    graph = run("graph").stdout
    for old, words, new in (("0001-base.md", "amended by", "0002-amender.md"), ("0003-old.md", "amended by", "0004-later.md"),
                            ("0003-old.md", "partly replaced by", "0005-part.md"),
                            ("0001-base.md", "partly replaced by", "0006-partial.md")):
        assert f"  {ids[old]} -->|{words}| {ids[new]}\n" in graph
    assert f'"{ids["0003-old.md"]}" -> "{ids["0005-part.md"]}" [label="partly replaced by", style=dotted];' in run(
        "graph", "--format", "dot").stdout
    assert ids["0004-later.md"] in run("graph", ids["0003-old.md"]).stdout  # the lineage of one decision
    run("check")
    (reg / "decisions" / f"{ids['0001-base.md']}.toml").unlink()
    problems = run("check", code=1).stdout.splitlines()
    assert f"decisions/{ids['0002-amender.md']}.toml: amends {ids['0001-base.md']}, which is not in the register" in problems
    assert (f"decisions/{ids['0006-partial.md']}.toml: partly replaces {ids['0001-base.md']}, which is not in the register"
            in problems)


def test_what_an_import_declared_survives_a_merge(run: Invoke, reg: Path, tmp_path: Path) -> None:
    folder = write(tmp_path / "adr", {
        "0001-base.md": record(1, "Base", "Accepted"),
        "0002-amender.md": record(2, "Amender", "Accepted (after a long talk)\n\nAmends [1. Base](0001-base.md)"),
    })
    _, shown, _ = import_folder(run, folder)
    decision = shown["0002-amender.md"]["id"]
    path = reg / "decisions" / f"{decision}.toml"
    base = path.read_bytes()
    run("review", decision, "--note", "Still right")
    ours = tmp_path / "ours.toml"
    ours.write_bytes(path.read_bytes())
    path.write_bytes(base)
    run("amend", decision, "--text", "Amended again.", "--why", "Clearer")
    merge_files(ours, path, f"decisions/{decision}.toml")
    path.write_bytes(ours.read_bytes())
    merged = json.loads(run("show", decision, "--json").stdout)
    assert [e["kind"] for e in merged["history"]] == ["proposed", "adopted", "reviewed", "amended"]
    assert merged["amends"] == [shown["0001-base.md"]["id"]]
    assert merged["status_as_written"] == "Accepted (after a long talk)\n\nAmends [1. Base](0001-base.md)"
    run("check")


def test_hand_edits_of_what_an_import_declared_are_found(run: Invoke, reg: Path, tmp_path: Path) -> None:
    folder = write(tmp_path / "adr", {"0001-held.md": record(1, "Held", "On hold")})
    _, shown, _ = import_folder(run, folder)
    path = reg / "decisions" / f"{shown['0001-held.md']['id']}.toml"
    text = path.read_text("utf-8")
    header, history = text.split("[[history]]", 1)
    assert 'status_as_written = "On hold"' in header and 'status_as_written = "On hold"' in history
    edited = header.replace('status_as_written = "On hold"', 'status_as_written = "Accepted"')
    path.write_text(edited + "[[history]]" + history, "utf-8")
    assert run("check", code=1).stdout.endswith("status_as_written says 'Accepted' but the history says 'On hold'\n")
    edited = history.replace('status_as_written = "On hold"', 'status_as_written = "Accepted"')
    path.write_text(header + "[[history]]" + edited, "utf-8")
    assert "event 1 (proposed by Ayşe, 2024-01-01T00:00:00+01:00) does not match its hash" in run("check", code=1).stdout
    path.write_text(text + '\n[[history]]\nat = 2026-11-25T10:00:00+01:00\nkind = "reviewed"\nby = "Bo"\n'
                    'amends = ["abcdefgh"]\nhash = "x"\n', "utf-8")
    problems = run("check", code=1).stdout
    assert problems.endswith(": history[1].amends: only the first event (the proposal) may say this\n")


def test_titles_keep_a_number_that_is_not_the_records(run: Invoke, reg: Path, tmp_path: Path) -> None:
    dotted = write(tmp_path / "dotted", {
        "0001-records.md": record(1, "Record decisions", "Accepted"),
        "0002-git.md": record(2, "Use git", "Accepted"),
        "0003-networking.md": record(3, "Networking Outline", "Accepted"),
        "0033-networking-again.md": record(3, "Networking Outline", "Accepted"),  # the collection's form
        "0030-kubernetes.md": "# 29 Kubernetes clusters\n\n## Status\n\nAccepted\n",  # not its form
        "0004-vision.md": "# 2020 Vision\n\n## Status\n\nAccepted\n",
    })
    _, shown, report = import_folder(run, dotted)
    assert {f: d["title"] for f, d in shown.items()} == {
        "0001-records.md": "Record decisions", "0002-git.md": "Use git", "0003-networking.md": "Networking Outline",
        "0033-networking-again.md": "Networking Outline", "0030-kubernetes.md": "29 Kubernetes clusters",
        "0004-vision.md": "2020 Vision",
    }
    assert section(report, "The same title on several records") == [
        "'Networking Outline': 0003-networking.md, 0033-networking-again.md"]
    bare = write(tmp_path / "bare", {
        "001-records.md": "# 1 Record decisions\n\n## Status\n\nAccepted\n",
        "002-git.md": "# 2 Use git\n\n## Status\n\nAccepted\n",
        "030-kubernetes.md": "# 29 Kubernetes clusters\n\n## Status\n\nAccepted\n",
    })
    _, shown, report = import_folder(run, bare)
    assert shown["030-kubernetes.md"]["title"] == "Kubernetes clusters"
    assert not any(line.startswith("The same title") for line in report)


def test_dates_with_month_names_in_english_and_german(run: Invoke, reg: Path, tmp_path: Path) -> None:
    written = {"15. März 2024": "2024-03-15", "March 15, 2024": "2024-03-15", "1. Dezember 2023": "2023-12-01",
               "3rd of June 2021": "2021-06-03", "Mai 2025": "2025-05-01", "Okt. 7, 2022": "2022-10-07"}
    folder = write(tmp_path / "adr", {f"{n:04}-d.md": record(n, f"D{n}", "Accepted", date=date)
                                      for n, date in enumerate(written, start=1)})
    rows, shown, report = import_folder(run, folder)
    assert [shown[f"{n:04}-d.md"]["history"][0]["at"][:10] for n in range(1, len(written) + 1)] == list(written.values())
    assert all(row["notes"] == [] for row in rows.values())
    assert not any(line.startswith("Without") for line in report)


GERMAN = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
          "November", "Dezember"]
ENGLISH = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"]


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2999, 12, 31)), st.integers(0, 5))
def test_any_date_written_with_a_month_name_reads_back(day: dt.date, form: int) -> None:
    german, english = GERMAN[day.month - 1], ENGLISH[day.month - 1]
    written = [f"{day.day}. {german} {day.year}", f"{day.day}.{german} {day.year}", f"{english} {day.day}, {day.year}",
               f"{day.day} {english} {day.year}", f"{english[:3]} {day.day} {day.year}",
               f"{day.year}-{english[:3]}-{day.day:02}"][form]
    assert parse_date(written) == day, written


def test_a_later_import_links_to_decisions_imported_before(run: Invoke, reg: Path, tmp_path: Path) -> None:
    folder = write(tmp_path / "adr", {"0002-new.md": record(2, "New", "Accepted"), "0003-base.md": record(3, "Base", "Accepted")})
    import_folder(run, folder)
    (folder / "0001-old.md").write_text(record(1, "Old", "Accepted\n\nAmended by [2. New](0002-new.md)"), "utf-8")
    (folder / "0004-amender.md").write_text(record(4, "Amender", "Accepted\n\nAmends [3. Base](0003-base.md)"), "utf-8")
    rows, shown, _ = import_folder(run, folder)
    assert rows["0001-old.md"]["notes"] == ["amended by 0002-new.md, imported before: its decision cannot record it now"]
    assert shown["0004-amender.md"]["amends"] == [shown["0003-base.md"]["id"]]
    run("check")
