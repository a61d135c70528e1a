"""What members read: list and its filters, show, history and diff."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import Invoke


def at(monkeypatch: pytest.MonkeyPatch, moment: str) -> None:
    monkeypatch.setenv("CONSENSUS_NOW", moment)


@pytest.fixture
def story(run: Invoke, reg: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """A small register with a past: adopted, amended, replaced, rejected, proposed."""
    at(monkeypatch, "2024-01-10T10:00:00+01:00")
    hall = run("propose", "Meet in the town hall", "--text", "We meet in the town hall.", "--tag", "Meetings").stdout.strip()
    run("adopt", hall, "--review-by", "2025-01-10")
    at(monkeypatch, "2024-06-01T10:00:00+02:00")
    run("amend", hall, "--text", "We meet in the town hall, room 2.", "--why", "Room 1 is too small")
    run("adopt", hall, "--review-by", "2026-11-01")
    at(monkeypatch, "2025-03-01T10:00:00+01:00")
    day = run("propose", "Meet on Tuesdays", "--text", "Every Tuesday at 7 pm.", "--tag", "meetings").stdout.strip()
    run("adopt", day, "--review-by", "2026-01-01")
    at(monkeypatch, "2025-09-01T10:00:00+02:00")
    wed = run("propose", "Meet on Wednesdays", "--text", "Every Wednesday at 7 pm.", "--replaces", day,
              "--why", "Tuesday is choir night", "--tag", "meetings").stdout.strip()
    run("adopt", wed, "--review-by", "2027-09-01")
    at(monkeypatch, "2026-02-01T10:00:00+01:00")
    cake = run("propose", "Cake at every meeting", "--text", "Someone brings cake.").stdout.strip()
    run("reject", cake, "--why", "Sugar")
    at(monkeypatch, "2026-11-20T10:00:00+01:00")
    youth = run("propose", "Youth first", "--text", "We start with young people.", "--tag", "focus").stdout.strip()
    at(monkeypatch, "2026-11-24T19:00:00+01:00")
    return {"hall": hall, "day": day, "wed": wed, "cake": cake, "youth": youth}


def ids(run: Invoke, *args: str) -> list[str]:
    return [row["id"] for row in json.loads(run("list", "--json", *args).stdout)]


def test_list_default_hides_the_replaced_and_the_rejected(run: Invoke, story: dict[str, str]) -> None:
    assert ids(run) == [story["youth"], story["wed"], story["hall"]]


@pytest.mark.parametrize(
    ("args", "names"),
    [
        pytest.param(["--status", "superseded"], ["day"], id="status"),
        pytest.param(["--status", "rejected", "--status", "proposed"], ["youth", "cake"], id="statuses"),
        pytest.param(["--tag", "MEETINGS"], ["wed", "hall"], id="tag-any-case"),
        pytest.param(["--due"], ["hall"], id="due"),
        pytest.param(["--search", "room 2"], ["hall"], id="search-words"),
        pytest.param(["--search", "YOUNG"], ["youth"], id="search-case"),
        pytest.param(["--as-of", "2025-06-01"], ["day", "hall"], id="as-of"),
        pytest.param(["--as-of", "2023-01-01"], [], id="as-of-before-everything"),
    ],
)
def test_list_filters(run: Invoke, story: dict[str, str], args: list[str], names: list[str]) -> None:
    assert ids(run, *args) == [story[n] for n in names]


def test_as_of_shows_the_version_then_in_force(run: Invoke, story: dict[str, str]) -> None:
    rows = json.loads(run("list", "--json", "--as-of", "2024-03-01").stdout)
    assert rows == [{"id": story["hall"], "title": "Meet in the town hall", "status": "active",
                     "current_version": 1, "review_by": "2026-11-01", "tags": ["Meetings"]}]


def test_list_table(run: Invoke, story: dict[str, str]) -> None:
    s = story
    assert run("list").stdout == (
        "ID         Status     Title                   Ver   Review by    Tags\n"
        "─────────────────────────────────────────────────────────────────────────\n"
        f"{s['youth']}   proposed   Youth first              v1                focus\n"
        f"{s['wed']}   active     Meet on Wednesdays       v1   2027-09-01   meetings\n"
        f"{s['hall']}   active     Meet in the town hall    v2   2026-11-01   Meetings\n"
    )


def test_show(run: Invoke, story: dict[str, str]) -> None:
    assert run("show", story["wed"]).stdout == (
        f"╭─ {story['wed']} · active · v1 ──────────────╮\n"
        "│ Meet on Wednesdays                    │\n"
        "│                                       │\n"
        "│ Every Wednesday at 7 pm.              │\n"
        "│                                       │\n"
        "│ Tags: meetings                        │\n"
        "│ Adopted: 2025-09-01 10:00 (version 1) │\n"
        "│ Consents: no consents recorded        │\n"
        "│ Why: Tuesday is choir night           │\n"
        "│ Review by: 2027-09-01                 │\n"
        f"│ Replaces: {story['day']} Meet on Tuesdays   │\n"
        "╰───────────────────────────────────────╯\n"
    )


def test_show_open_proposal_with_its_round(run: Invoke, story: dict[str, str]) -> None:
    y = story["youth"]
    run("object", y, "--by", "Bo", "--reason", "What about seniors?")
    run("consent", y, "--by", "Chris")
    assert run("show", y).stdout == (
        f"╭─ {y} · proposed · v1 ────────────────────────╮\n"
        "│ Youth first                                       │\n"
        "│                                                   │\n"
        "│ We start with young people.                       │\n"
        "│                                                   │\n"
        "│ Tags: focus                                       │\n"
        "│ Proposed: 2026-11-20 10:00 by Ayşe                │\n"
        "│                                                   │\n"
        "│ Consents: Chris                                   │\n"
        "│ Objection 1: Bo — What about seniors?  unresolved │\n"
        "╰───────────────────────────────────────────────────╯\n"
        "Blocked: objection 1 by Bo is unresolved.\n"
    )


def test_show_version_and_unknown_version(run: Invoke, story: dict[str, str]) -> None:
    assert "│ We meet in the town hall. " in run("show", story["hall"], "--version", "1").stdout
    assert run("show", story["hall"], "--version", "9", code=1).stderr == (
        f"Error: {story['hall']} has no version 9 (it has 1, 2)\n"
    )


def test_history(run: Invoke, story: dict[str, str]) -> None:
    assert run("history", story["hall"]).stdout == (
        "2024-01-10 10:00  Ayşe proposed               v1\n"
        "2024-01-10 10:00  Ayşe adopted                v1 · review by 2025-01-10\n"
        "2024-06-01 10:00  Ayşe proposed an amendment  v2 · Room 1 is too small\n"
        "2024-06-01 10:00  Ayşe adopted                v2 · review by 2026-11-01\n"
    )


def test_diff_between_adopted_versions(run: Invoke, story: dict[str, str]) -> None:
    h = story["hall"]
    assert run("diff", h).stdout == (
        f"--- {h} v1\n+++ {h} v2\nWe meet in the town hall{{+, room 2+}}.\n"
    )
    assert json.loads(run("diff", h, "1", "2", "--json").stdout) == {
        "id": h, "from": 1, "to": 2, "from_decision": None,
        "unified": f"--- {h} v1\n+++ {h} v2\n@@ -1 +1 @@\n-We meet in the town hall.\n"
                   "+We meet in the town hall, room 2.\n",
    }


def test_diff_from_the_replaced_decision(run: Invoke, story: dict[str, str]) -> None:
    data = json.loads(run("diff", story["wed"], "--json").stdout)
    assert data["from"] is None and data["from_decision"] == story["day"]
    assert "-Every Tuesday at 7 pm.\n+Every Wednesday at 7 pm.\n" in data["unified"]


def test_diff_unknown_version(run: Invoke, story: dict[str, str]) -> None:
    assert run("diff", story["hall"], "3", code=1).stderr == (
        f"Error: {story['hall']} has no version 3 (it has 1, 2)\n"
    )


def test_read_only_commands_warn_about_broken_files(run: Invoke, reg: Path, propose: Callable[..., str]) -> None:
    good = propose()
    (reg / "decisions" / "brokenxx.toml").write_text('title = "unterminated\n', "utf-8")
    result = run("list", "--json")
    assert [row["id"] for row in json.loads(result.stdout)] == [good]
    assert result.stderr == (
        "Warning: skipped decisions/brokenxx.toml:1: is not valid TOML: Illegal character '\\n'\n"
    )
    assert run("show", "brok", code=1).stderr == (
        "Error: decisions/brokenxx.toml:1: is not valid TOML: Illegal character '\\n'\n"
    )
    before = (reg / "decisions" / "brokenxx.toml").read_bytes()
    run("consent", "brok", code=1)
    assert (reg / "decisions" / "brokenxx.toml").read_bytes() == before


def test_in_a_pipe_every_decision_is_one_whole_line(run: Invoke, reg: Path) -> None:
    title = "Share the keys of the community kitchen with every group that books it " * 2
    decision_id = run("propose", title.strip(), "--text", "Keys.", "--tag", "kitchen").stdout.strip()
    lines = run("list").stdout.splitlines()
    assert len(lines) == 3  # heading, rule, the decision: grep and wc -l see one decision a line
    assert lines[2] == f"{decision_id}   proposed   {title.strip()}    v1{' ' * 15}kitchen"
    assert run("list", "--json").stdout.splitlines() == [
        "[",
        f'  {{"id": "{decision_id}", "title": "{title.strip()}", "status": "proposed", "current_version": null, '
        '"review_by": null, "tags": ["kitchen"]}',
        "]",
    ]
    assert run("list", "--json", "--status", "retired").stdout == "[]\n"


def test_on_a_screen_the_table_fits_and_cuts_with_an_ellipsis() -> None:
    from consensus.render.table import Column, render

    columns = [Column("ID"), Column("Title", flexible=True), Column("Tags", limit=6)]
    values = [["ab", "cd"], ["A title " * 10, "日本語のタイトルです"], ["kitchen, keys", ""]]
    styles = [["bold", "bold"], ["", ""], ["", ""]]
    assert render(columns, values, styles, terminal=True, colour=False, width=30) == (
        "ID   Title              Tags\n"
        "──────────────────────────────\n"
        "ab   A title A title…   kitch…\n"
        "cd   日本語のタイト…\n"
    )
    painted = render(columns, [v[:1] for v in values], [s[:1] for s in styles], terminal=True, colour=True, width=30)
    assert "\x1b[1mab\x1b[0m" in painted and "\x1b[2m──" in painted


@given(st.text())
def test_a_text_takes_one_cell_a_character_except_wide_and_combining_ones(text: str) -> None:
    import unicodedata

    from consensus.render.table import width_of

    assert width_of(text) == sum(
        0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text
    )
    assert width_of("Ärger über Straße, Ayşe") == 23 and width_of("e\u0301") == 1 and width_of("日本") == 4


def test_in_colour_each_cell_is_painted_and_padded_outside_its_colour() -> None:
    from consensus.render.table import Column, render

    columns = [Column("ID"), Column("Title", flexible=True), Column("Ver", right=True)]
    values = [["ab", "cd"], ["A long title for a small screen", "Short"], ["v1", "v10"]]
    styles = [["bold", "bold"], ["", "red"], ["", "dim"]]
    assert render(columns, values, styles, terminal=True, colour=True, width=24).splitlines() == [
        "\x1b[1mID\x1b[0m   \x1b[1mTitle\x1b[0m           \x1b[1mVer\x1b[0m",
        "\x1b[2m" + "─" * 24 + "\x1b[0m",
        "\x1b[1mab\x1b[0m   A long title…    v1",
        "\x1b[1mcd\x1b[0m   \x1b[31mShort\x1b[0m           \x1b[2mv10\x1b[0m",
    ]


def test_on_a_narrow_screen_tags_give_way_to_the_title() -> None:
    from consensus.render.table import Column, render

    columns = [Column("ID"), Column("Title", flexible=True), Column("Tags", limit=24)]
    values = [["ab"], ["A title " * 10], ["kitchen, keys, garden, festival"]]
    assert render(columns, values, terminal=True, colour=False, width=40).splitlines()[2] == (
        "ab   A title A ti…   kitchen, keys, gar…"
    )


def test_show_wraps_as_people_read_and_folds_what_no_line_can_hold() -> None:
    from consensus.render.card import wrap

    def lines(text: str, width: int) -> list[str]:
        return ["".join(t for _, t in line).rstrip() for line in wrap([("", text)], width)]

    assert lines("Share the keys of the community kitchen", 12) == ["Share the", "keys of the", "community", "kitchen"]
    assert lines("Donaudampfschifffahrtsgesellschaft ist lang", 10) == [
        "Donaudampf", "schifffahr", "tsgesellsc", "haft ist", "lang"]
    assert lines("日本語のタイトルです", 7) == ["日本語", "のタイ", "トルで", "す"]  # two cells a character
    assert lines("one\n\ntwo", 10) == ["one", "", "two"]


def test_show_card_in_colour_and_on_a_narrow_screen() -> None:
    from consensus.render.card import Painter, panel

    title = [("", "ab12cd34"), ("", " · "), ("green", "active"), ("", " · v2")]
    body = [[("bold", "Title")], [], [("bold", "Objection 1: "), ("", "Bo — too early")]]
    assert panel(title, body, 30, Painter(True)) == [
        "╭─ ab12cd34 · \x1b[32mactive\x1b[0m · v2 ───╮",
        "│ \x1b[1mTitle\x1b[0m                      │",
        "│                            │",
        "│ \x1b[1mObjection 1: \x1b[0mBo — too      │",
        "│ early                      │",
        "╰────────────────────────────╯",
    ]
    assert panel(title, body, 20, Painter(False))[0] == "╭─ ab12cd34 · act ─╮"  # the title is cut to fit


def test_show_fits_the_width_it_is_given(run: Invoke, story: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "30")
    lines = run("show", story["wed"]).stdout.splitlines()
    assert max(map(len, lines)) == 30 and lines[1] == "│ Meet on Wednesdays         │"
