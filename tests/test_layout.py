"""Long outputs on a screen of any width: what does not fit wraps under a hanging indent, columns
that cannot fit are stacked, and nothing is ever cut short or lost."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from consensus.render.layout import lines, wrap
from consensus.render.table import width_of

from .conftest import Invoke

TEXT = st.text(st.sampled_from("ab cdé  ·\n\t日本"), max_size=60)


@given(TEXT, st.integers(2, 30), st.integers(2, 30))
def test_wrapped_text_keeps_every_word_and_fits(text: str, width: int, rest: int) -> None:
    shown = lines(text, width, rest)
    assert "".join("".join(shown).split()) == "".join(text.split())  # nothing lost, nothing added, in order
    assert all(width_of(line) <= (rest if index else width) for index, line in enumerate(shown))
    assert len(shown) >= text.count("\n") + 1  # its own line breaks kept


@given(st.lists(st.tuples(st.sampled_from(["", "bold", "dim"]), st.text(st.sampled_from("ab cdé ·日"), max_size=20)),
                max_size=5), st.integers(2, 30))
def test_styled_text_wraps_the_same_as_plain(spans: list[tuple[str, str]], width: int) -> None:
    plain = "".join(text for _, text in spans)
    shown = ["".join(text for _, text in line) for line in wrap(spans, width, width)]
    assert shown == lines(plain, width, width) or (len(shown) == 1 and shown[0].rstrip() == plain.rstrip())


def test_a_separator_never_begins_a_line() -> None:
    assert lines("Bo raised a concern v1 · Snacks for all", 22, 22) == ["Bo raised a concern", "v1 · Snacks for all"]


@pytest.fixture
def snacks(run: Invoke, reg: Path) -> str:
    """An objection with a reason too long for a narrow screen, in a meeting with a long title."""
    run("meeting", "start", "--title", "Autumn circle in the community hall, with the neighbours",
        "--attendee", "Bo", "--attendee", "Chris")
    decision = run("propose", "Snacks", "--text", "x").stdout.strip()
    run("object", decision, "--by", "Chris", "--reason", "Not everyone can afford snacks every week")
    run("consent", decision, "--by", "Bo")
    return decision


def test_history_wraps_its_details_in_their_column(run: Invoke, snacks: str) -> None:
    assert run("history", snacks).stdout == (
        "2026-11-24 19:00  Ayşe proposed   v1\n"
        "2026-11-24 19:00  Chris objected  v1 · objection 1: Not everyone can afford\n"
        "                                  snacks every week\n"
        "2026-11-24 19:00  Bo consented    v1\n"
    )


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "2026-11-24 19:00  Ayşe proposed  v1\n"
           "2026-11-24 19:00  Chris objected\n"
           "                  v1 · objection 1: Not\n"
           "                  everyone can afford\n"
           "                  snacks every week\n"
           "2026-11-24 19:00  Bo consented  v1\n"),
    ("de", "24.11.2026 19:00  Ayşe hat vorgeschlagen\n"
           "                  v1\n"
           "24.11.2026 19:00  Chris hat Einwand\n"
           "                  erhoben\n"
           "                  v1 · Einwand 1: Not\n"
           "                  everyone can afford\n"
           "                  snacks every week\n"
           "24.11.2026 19:00  Bo hat zugestimmt  v1\n"),
])
def test_on_a_narrow_screen_history_puts_the_details_under_each_event(
    run: Invoke, snacks: str, monkeypatch: pytest.MonkeyPatch, lang: str, expected: str,
) -> None:
    monkeypatch.setenv("COLUMNS", "40")
    monkeypatch.setenv("CONSENSUS_LANG", lang)
    assert run("history", snacks).stdout == expected


def test_participation_and_meetings_stack_what_no_table_could_fit(
    run: Invoke, snacks: str, monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert run("participation", "--since", "2026-01-01").stdout == (
        "Since 2026-01-01\n"
        "Name    Proposed   Consents   Objected   Concerns   Asides   Meetings\n"
        "─────────────────────────────────────────────────────────────────────\n"
        "Ayşe           1          0          0          0        0          0\n"
        "Bo             0          1          0          0        0          0\n"
        "Chris          0          0          1          0        0          0\n"
    )
    meeting = run("meeting", "list", "--json").stdout.split('"id": "')[1][:8]
    assert run("meeting", "list").stdout == (
        "ID         When                    Title                         Attendees\n"
        f"{'─' * 80}\n"
        f"{meeting}   2026-11-24 19:00–open   Autumn circle in the          Bo, Chris, Ayşe\n"
        "                                   community hall, with the\n"
        "                                   neighbours (open)\n"
    )
    monkeypatch.setenv("COLUMNS", "40")
    assert run("participation", "--since", "2026-01-01").stdout == (
        "Since 2026-01-01\n"
        "Ayşe\n  Proposed 1 · Consents 0 · Objected 0\n  Concerns 0 · Asides 0 · Meetings 0\n"
        "Bo\n  Proposed 0 · Consents 1 · Objected 0\n  Concerns 0 · Asides 0 · Meetings 0\n"
        "Chris\n  Proposed 0 · Consents 0 · Objected 1\n  Concerns 0 · Asides 0 · Meetings 0\n"
    )
    assert run("meeting", "list").stdout == (
        f"{meeting}   2026-11-24 19:00–open\n"
        "  Autumn circle in the community hall,\n"
        "  with the neighbours (open)\n"
        "  Attendees: Bo, Chris, Ayşe\n"
    )


def test_changes_wrap_on_a_terminal_and_stay_one_line_an_event_in_a_pipe(
    run: Invoke, reg: Path, propose: Callable[..., str], monkeypatch: pytest.MonkeyPatch,
) -> None:
    pexpect = pytest.importorskip("pexpect")
    decision = propose("Snacks at every meeting, paid from the common fund")
    monkeypatch.setenv("COLUMNS", "40")
    line = f"2026-11-24 19:00  {decision}  Ayşe proposed v1 · Snacks at every meeting, paid from the common fund"
    assert run("changes", "--since", "2026-11-01").stdout == f"1 event since 2026-11-01 00:00\n{line}\n"
    environment = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    child = pexpect.spawn(str(Path(sys.executable).parent / "consensus"), ["--no-pager", "changes", "--since", "2026-11-01"],
                          env=environment, encoding="utf-8", timeout=20, dimensions=(24, 40))
    child.expect(pexpect.EOF)
    assert child.before.replace("\r\n", "\n") == (
        "1 event since 2026-11-01 00:00\n"
        f"2026-11-24 19:00  {decision}  Ayşe\n"
        "                  proposed v1 · Snacks\n"
        "                  at every meeting, paid\n"
        "                  from the common fund\n"
    )
