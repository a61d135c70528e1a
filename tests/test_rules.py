"""Small rules, each in a table: periods, names, ids, lines of a file, ADR statuses and dates."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from consensus import adr, dates, ids, members, tomlfile
from consensus.errors import Ambiguous, ConsensusError, NotFound

ROOT = Path(__file__).parent.parent


@pytest.mark.parametrize(
    ("start", "period", "expected"),
    [
        pytest.param("2026-01-31", "1m", "2026-02-28", id="january-end-to-february"),
        pytest.param("2028-01-31", "1m", "2028-02-29", id="leap-february"),
        pytest.param("2026-03-31", "1m", "2026-04-30", id="thirty-day-month"),
        pytest.param("2026-12-15", "1m", "2027-01-15", id="over-new-year"),
        pytest.param("2028-02-29", "1y", "2029-02-28", id="leap-day-plus-a-year"),
        pytest.param("2026-08-31", "6m", "2027-02-28", id="half-a-year-from-a-month-end"),
        pytest.param("2026-11-24", "2w", "2026-12-08", id="weeks"),
        pytest.param("2026-11-24", "90d", "2027-02-22", id="days"),
        pytest.param("2026-11-24", " 3M ", "2027-02-24", id="spaces-and-capitals"),
    ],
)
def test_add_period(start: str, period: str, expected: str) -> None:
    assert dates.add_period(dt.date.fromisoformat(start), period) == dt.date.fromisoformat(expected)


@pytest.mark.parametrize("period", ["0d", "1x", "", "m", "-3m", "1.5y", "12345d"])
def test_a_period_that_is_none_is_refused(period: str) -> None:
    with pytest.raises(ConsensusError, match="is not a period"):
        dates.parse_period(period)


def test_a_period_beyond_the_calendar_is_refused() -> None:
    with pytest.raises(ConsensusError, match="beyond the year 9999"):
        dates.add_period(dt.date(9999, 6, 1), "1y")


@pytest.mark.parametrize(
    ("typed", "folded"),
    [("Ayşe", "ayse"), ("AYŞE", "ayse"), ("Jürgen", "jurgen"), ("Strauß", "strauss"), ("Søren", "soren"),
     ("Łukasz", "lukasz"), ("  Jo   Ann ", "jo ann"), ("İlkay", "ilkay"), ("Zoë", "zoe")],
)
def test_names_fold_without_case_and_accents(typed: str, folded: str) -> None:
    assert members.fold(typed) == folded


MEMBERS = ["Ayşe", "Bo", "Chris", "Christa", "Jonas"]


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("Ayşe", "Ayşe"), ("ayse", "Ayşe"), ("AYSE", "Ayşe"), ("ay", "Ayşe"), ("bo", "Bo"),
     ("Chris", "Chris"), ("chris", "Chris"), ("christa", "Christa"), ("jon", "Jonas")],
)
def test_member_names_match_forgivingly(typed: str, meant: str) -> None:
    assert members.match(typed, MEMBERS) == meant


@pytest.mark.parametrize(
    ("typed", "error", "message"),
    [
        ("chr", Ambiguous, "member name 'chr' is ambiguous: it could be Chris, Christa — type more of it"),
        ("Jnoas", ConsensusError, "unknown member 'Jnoas' — did you mean 'Jonas'?"),
        ("Zygmunt", ConsensusError, "unknown member 'Zygmunt' — members are Ayşe, Bo, Chris, Christa, Jonas; "
                                    "add them with \"consensus members add 'Zygmunt'\""),
        ("  ", ConsensusError, "the name is empty — type a name"),
    ],
)
def test_member_names_that_match_no_one(typed: str, error: type[Exception], message: str) -> None:
    with pytest.raises(error) as raised:
        members.match(typed, MEMBERS)
    assert str(raised.value) == message


def test_without_members_any_name_is_taken_as_typed() -> None:
    assert members.match(" Anyone  at all ", []) == "Anyone at all"


IDS = ["ab2cd3ef", "ab2xyz45", "k7mn2pqr"]


@pytest.mark.parametrize(
    ("prefix", "meant"),
    [("k", "k7mn2pqr"), ("K7MN", "k7mn2pqr"), ("ab2c", "ab2cd3ef"), ("ab2cd3ef", "ab2cd3ef"),
     ("decisions/ab2x.toml", "ab2xyz45"), (" k7 ", "k7mn2pqr")],
)
def test_an_id_is_found_from_any_unique_prefix(prefix: str, meant: str) -> None:
    assert ids.resolve(prefix, IDS) == meant


@pytest.mark.parametrize(
    ("prefix", "error", "message"),
    [
        ("ab", Ambiguous, "decision 'ab' is ambiguous: it could be ab2cd3ef, ab2xyz45 — type more of it"),
        ("zz", NotFound, "no decision matches 'zz' — run \"consensus list\" to see the ids"),
        ("", NotFound, "no decision id given — run \"consensus list\" to see them"),
    ],
)
def test_an_id_that_names_no_single_decision(prefix: str, error: type[Exception], message: str) -> None:
    with pytest.raises(error) as raised:
        ids.resolve(prefix, IDS)
    assert str(raised.value) == message


FILE = """format = 1
id = "ab2cd3ef"
title = "T"

[[versions]]
number = 1
text = "x"

[[history]]
at = 2026-11-24T19:00:00+01:00
kind = "proposed"

[[history]]
at = 2026-11-24T19:05:00+01:00
kind = "consented"
by = "Bo"
"""


@pytest.mark.parametrize(
    ("loc", "line"),
    [
        (["id"], 2), (["title"], 3), (["versions", 0], 5), (["versions", 0, "text"], 7),
        (["history", 0], 9), (["history", 1], 13), (["history", 1, "by"], 16), (["history", 1, "at"], 14),
        (["history", 7], None), (["nowhere"], None),
    ],
)
def test_a_location_in_a_file_is_found_at_its_line(loc: list[str | int], line: int | None) -> None:
    assert tomlfile.locate(FILE, loc) == line


@pytest.mark.parametrize(
    ("status", "kind"),
    [
        ("Accepted", "accepted"), ("**ACCEPTED** ✅", "accepted"), ("approved", "accepted"),
        ("Proposed", "proposed"), ("Draft", "proposed"), ("Rejected", "rejected"), ("Declined", "rejected"),
        ("Deprecated", "deprecated"), ("Superseded by [3](0003-x.md)", "superseded"),
        ("Superceded by ADR 4", "superseded"), ("", "none"),
    ],
)
def test_adr_statuses_as_people_write_them(status: str, kind: str) -> None:
    assert adr.classify(status)[0] == kind


@pytest.mark.parametrize(
    ("written", "day"),
    [
        ("2024-03-15", "2024-03-15"), ("2024-3-5", "2024-03-05"), ("March 15, 2024", "2024-03-15"),
        ("15 March 2024", "2024-03-15"), ("Mar 15th, 2024", "2024-03-15"), ("15.03.2024", "2024-03-15"),
        ("03/15/2024", "2024-03-15"), ("2024/Mar/15", "2024-03-15"), ("March 2024", "2024-03-01"),
        (dt.date(2024, 3, 15), "2024-03-15"), ("soon", None), ("2024-02-30", None), (None, None),
    ],
)
def test_adr_dates_as_people_write_them(written: object, day: str | None) -> None:
    found = adr.parse_date(written)
    assert (found.isoformat() if found else None) == day


DECISION_FILES = sorted(
    [*ROOT.glob("examples/*/decisions/*.toml"), *ROOT.glob("tests/data/*/decisions/*.toml")]
)


@pytest.mark.parametrize("path", DECISION_FILES, ids=[f"{p.parent.parent.name}/{p.name}" for p in DECISION_FILES])
def test_the_fast_path_reads_a_file_as_validation_does(path: Path) -> None:
    """A file the index vouches for is read without validation (``tomlfile.decision_from_document``
    fills its events directly): it must give exactly what validation gives."""
    from consensus.codec import parse_decision

    data = path.read_bytes()
    assert tomlfile.decision_from_document(tomlfile.parse(data, path)) == parse_decision(path, data)


def test_there_are_example_files_for_the_fast_path() -> None:
    assert len(DECISION_FILES) >= 10


@pytest.mark.parametrize(
    ("names", "found"),
    [
        ([".ab2cd3ef.toml.k2j3ab_9.tmp", "ab2cd3ef.toml", ".gitkeep"], [".ab2cd3ef.toml.k2j3ab_9.tmp"]),
        (["x.tmp", ".tmp.not", ".a.tmp", ".b.0123abcd.tmp", ".c.0123abcd.tmp.d"], [".b.0123abcd.tmp"]),
        ([], []),
    ],
)
def test_the_temporaries_of_a_killed_writer_are_found(names: list[str], found: list[str]) -> None:
    from consensus.storage import temporaries

    assert temporaries(names) == found
