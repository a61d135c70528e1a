"""The coordinator's summary and the minutes, against golden files; changes and participation."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.conftest import Invoke, assert_golden

DATA = Path(__file__).parent / "data" / "golden-register"
FROZEN = "2026-11-24T10:00:00+01:00"


@pytest.fixture
def golden(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the fixed register, the clock frozen at the coordinator's moment."""
    root = tmp_path / "golden-register"
    shutil.copytree(DATA, root)
    monkeypatch.chdir(root)
    monkeypatch.setenv("CONSENSUS_NOW", FROZEN)
    monkeypatch.setenv("CONSENSUS_USER", "Ayşe")
    return root


@pytest.mark.parametrize("lang", ["en", "de"])
@pytest.mark.parametrize("format_", ["md", "text", "json", "html"])
def test_summary_golden(run: Invoke, golden: Path, lang: str, format_: str) -> None:
    result = run("summary", "--format", format_, "--lang", lang)
    assert result.stderr == ""
    suffix = {"md": "md", "text": "txt", "json": "json", "html": "html"}[format_]
    assert_golden(f"summary.{lang}.{suffix}", result.stdout)


@pytest.mark.parametrize("lang", ["en", "de"])
@pytest.mark.parametrize("format_", ["md", "json"])
def test_minutes_golden(run: Invoke, golden: Path, lang: str, format_: str) -> None:
    result = run("meeting", "show", "last", "--format", format_, "--lang", lang)
    assert_golden(f"minutes.{lang}.{'md' if format_ == 'md' else 'json'}", result.stdout)


def test_summary_json_has_every_key(run: Invoke, golden: Path) -> None:
    data = json.loads(run("summary", "--format", "json", "--since", "2026-11-20").stdout)
    assert set(data) >= {"register", "generated_at", "since", "open_proposals", "open_objections",
                         "changes", "due_for_review"}
    assert data["since"] == "2026-11-20T00:00:00+01:00"
    assert data["changes"] == []


def test_summary_default_cut_off_is_the_last_meeting(run: Invoke, golden: Path) -> None:
    data = json.loads(run("summary", "--format", "json").stdout)
    assert data["since"] == "2026-10-27T19:00:00+01:00"
    assert data["since_meeting"] == "ad222222"
    assert [c["kind"] for c in data["changes"]] == ["adopted", "superseded", "rejected", "withdrawn"]
    adopted = data["changes"][0]
    assert adopted["unified"] == (
        "--- ab222222\n+++ ae222222 v1\n@@ -1 +1 @@\n"
        "-We meet on the first Tuesday of the month at 7 pm.\n"
        "+We meet on the first Wednesday of the month at 7:30 pm.\n"
    )
    assert [d["id"] for d in data["due_for_review"]] == ["aa222222"]
    assert data["due_for_review"][0]["concerns"][0]["reason"] == "The hall has no step-free access"


def test_summary_sections_left_out_when_empty(run: Invoke, golden: Path) -> None:
    out = run("summary", "--since", "2026-11-20", "--next-meeting", "2026-11-25").stdout
    assert "## Open proposals" in out
    assert "## Changes since" not in out
    assert "## Due for review" not in out


def test_summary_to_a_file(run: Invoke, golden: Path) -> None:
    result = run("summary", "--format", "html", "-o", "s.html")
    assert result.stdout == ""
    assert result.stderr == "Wrote the summary to s.html\n"
    assert (golden / "s.html").read_text("utf-8").startswith("<!DOCTYPE html>")


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.resources: list[tuple[str, str]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            if name in ("src", "href") or (value and "url(" in value):
                self.resources.append((tag, str(value)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_html_has_no_user_markup_and_no_outside_resource(run: Invoke, golden: Path) -> None:
    run("propose", "<i>Hostile</i>", "--text", "<script>alert('x')</script> & `code`\n<img src=x onerror=alert(1)>")
    page = _Page()
    html = run("summary", "--format", "html", "--since", "2026-01-01").stdout
    page.feed(html)
    assert not {"script", "b", "i", "img"} & set(page.tags)
    assert page.resources == []
    assert "url(" not in html and "@import" not in html
    text = "".join(page.text)
    assert "Use <b>bold</b> & *stars* | [links](x)" in text
    assert "<script>alert('x')</script> & `code`\n<img src=x onerror=alert(1)>" in text
    assert "<i>Hostile</i>" in text


def test_markdown_escapes_user_text(run: Invoke, golden: Path) -> None:
    out = run("summary", "--since", "2026-01-01").stdout
    assert "### Withdrawn: Use \\<b\\>bold\\</b\\> \\& \\*stars\\* \\| \\[links\\](x)" in out
    assert "<b>" not in out and "<script>" not in out


def test_unknown_format_and_language_are_usage_errors(run: Invoke, golden: Path) -> None:
    assert "Invalid value for '--format'" in run("summary", "--format", "pdf", code=2).stderr
    assert "Invalid value for '--lang'" in run("summary", "--lang", "fr", code=2).stderr
    assert run("summary", "--since", "last week", code=1).stderr == (
        "Error: 'last week' is not a date — write it as YYYY-MM-DD or DD.MM.YYYY, e.g. 2027-05-24 or 24.05.2027\n"
    )


def test_changes_lists_every_event_and_adoption_diffs(run: Invoke, golden: Path) -> None:
    entries = json.loads(run("changes", "--since", "2026-10-27", "--until", "2026-10-27", "--json").stdout)
    assert len(entries) == 11
    assert {e["meeting"] for e in entries} == {"ad222222"}
    adoption = next(e for e in entries if e["kind"] == "adopted")
    assert adoption["decision"] == "ae222222"
    assert "+We meet on the first Wednesday of the month at 7:30 pm.\n" in adoption["unified"]
    assert all("unified" not in e for e in entries if e["kind"] != "adopted")
    assert json.loads(run("changes", "--since", "2026-11-20", "--json").stdout) == []


def test_changes_told_through_temporary_files_come_out_the_same(
    run: Invoke, golden: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = ("changes", "--since", "2026-10-01")
    held = run(*asked).stdout, run(*asked, "--json").stdout
    monkeypatch.setattr("consensus.spill.RUN", 3)  # a year of a large register: most events wait in files
    assert (run(*asked).stdout, run(*asked, "--json").stdout) == held
    assert held[0].startswith("18 events since 2026-10-01 00:00\n")


def test_changes_json_is_one_event_a_line(run: Invoke, golden: Path) -> None:
    out = run("changes", "--since", "2026-11-10", "--until", "2026-11-13", "--json").stdout
    lines = out.splitlines()
    assert (lines[0], lines[-1], len(lines)) == ("[", "]", 4 + 2)
    assert lines[1].startswith('  {"decision": "af222222", "title": "Cake at every meeting", '
                               '"at": "2026-11-10T10:00:00+01:00", "kind": "rejected", "by": "Ayşe", "version": 1, ')
    assert [json.loads(line.rstrip(",")) for line in lines[1:-1]] == json.loads(out)


def test_changes_text(run: Invoke, golden: Path) -> None:
    out = run("changes", "--since", "2026-11-10", "--until", "2026-11-13").stdout
    assert out == (
        "4 events since 2026-11-10 00:00 until 2026-11-14 00:00\n"
        "2026-11-10 10:00  af222222  Ayşe rejected v1 · Cake at every meeting\n"
        "2026-11-12 10:00  ag222222  Ayşe proposed v1 · Use <b>bold</b> & *stars* | [links](x)\n"
        "2026-11-12 10:05  ag222222  Emre consented v1 · Use <b>bold</b> & *stars* | [links](x)\n"
        "2026-11-13 10:00  ag222222  Ayşe withdrew v1 · Use <b>bold</b> & *stars* | [links](x)\n"
    )


def test_participation(run: Invoke, golden: Path) -> None:
    data = json.loads(run("participation", "--since", "2026-10-01", "--json").stdout)
    people = {p["name"]: p for p in data["people"]}
    assert people["Dana"] == {"name": "Dana", "member": True, "proposals": 0, "consents": 0,
                              "objections": 1, "concerns": 0, "stand_asides": 0, "meetings": 1,
                              "heard": True}
    assert people["Emre"]["stand_asides"] == 1
    assert people["Emre"]["meetings"] == 1  # standing aside in the meeting put Emre on the list
    quiet = run("participation", "--since", "2026-11-14")
    assert quiet.stderr == "Not heard since 2026-11-14: Bo, Dana, Emre — ask them what they think.\n"
    assert "not heard" in quiet.stdout


def test_meeting_lifecycle(run: Invoke, reg: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert run("meeting", "end", code=1).stderr == (
        'Error: no meeting is open — start one with "consensus meeting start"\n'
    )
    meeting = run("meeting", "start", "--title", "Circle", "--attendee", "ayse").stdout.strip()
    second = run("meeting", "start", code=1)
    assert second.stderr == (
        f'Error: a meeting is open already: {meeting} "Circle", started 2026-11-24 19:00 — '
        'end it with "consensus meeting end"\n'
    )
    decision = run("propose", "T", "--text", "x").stdout.strip()
    run("consent", decision, "--by", "Bo")
    event = json.loads(run("history", decision, "--json").stdout)[-1]
    assert event["meeting"] == meeting
    rows = json.loads(run("meeting", "list", "--json").stdout)
    assert rows[0]["open"] is True and rows[0]["attendees"] == ["Ayşe", "Bo"]
    monkeypatch.setenv("CONSENSUS_NOW", "2026-11-24T20:30:00+01:00")
    assert run("meeting", "end").stderr == (
        f'Ended {meeting} "Circle" after 1 h 30 min; minutes: "consensus meeting show {meeting}"\n'
    )
    assert (reg / "meetings" / f"{meeting}.toml").exists()
    run("check")
    minutes = run("meeting", "show", meeting[:3]).stdout
    assert minutes.startswith("# Minutes: Circle\n\n_Test group · 2026-11-24, 19:00–20:30_\n\n**Attendees:** Ayşe and Bo\n")
    assert run("meeting", "show", "zz", code=1).stderr == (
        "Error: no meeting matches 'zz' — run \"consensus meeting list\" to see the ids\n"
    )


def test_graph(run: Invoke, golden: Path) -> None:
    assert run("graph").stdout == (
        "flowchart LR\n"
        '  ab222222["ab222222 · Meet on Tuesdays<br/>superseded · v1"]\n'
        '  ae222222["ae222222 · Meet on Wednesdays<br/>active · v1"]\n'
        "  ab222222 -->|replaced by| ae222222\n"
        "  classDef active fill:#dafbe1\n"
        "  class ae222222 active\n"
        "  classDef superseded fill:#eeeeee,color:#666666\n"
        "  class ab222222 superseded\n"
    )
    dot = run("graph", "ac2", "--format", "dot").stdout
    assert '"ac222222_v1" [label="v1 · adopted", shape=note];' in dot
    assert '"ac222222_v2" [label="v2 · open", shape=note];' in dot


def test_graph_of_one_decision_follows_its_lineage_both_ways(
    run: Invoke, reg: Path, propose: Callable[..., str]
) -> None:
    first = propose("First", "one")
    run("adopt", first)
    second = propose("Second", "two", "--replaces", first, "--why", "better")
    run("adopt", second)
    third = propose("Third", "three", "--replaces", second, "--why", "better still")  # only it names second
    other_old = propose("Other", "x")
    run("adopt", other_old)
    other_new = propose("Other again", "y", "--replaces", other_old, "--why", "y")
    run("adopt", other_new)
    everything = json.loads(run("graph", "--json").stdout)
    for start in (first, second, third):
        graph = json.loads(run("graph", start, "--json").stdout)
        assert sorted(d["id"] for d in graph["decisions"]) == sorted([first, second, third])
        assert graph["links"] == [link for link in everything["links"] if link["from"] not in (other_old, other_new)]
    assert sorted(d["id"] for d in json.loads(run("graph", other_new, "--json").stdout)["decisions"]) \
        == sorted([other_old, other_new])
