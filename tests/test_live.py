"""``consensus live``: a whole meeting from standard input, in English and in German, and the
prompt on a real pseudo-terminal (completion, the prefilled amend text, Ctrl-C and resume)."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

import pytest

from .conftest import Invoke, files

MEETING = """\
propose Meet on Wednesdays
We meet on the first Wednesday of the month at 7 pm.

consent Bo, Chris
object Dana: I work late on Wednesdays
amend resolves 1: We start at 7:30
We meet on the first Wednesday of the month at 7:30 pm.

consent all
# Bo brings the keys
adopt review 6m
end
"""


@pytest.fixture
def circle(run: Invoke, reg: Path) -> Path:
    run("members", "add", "Dana")
    return reg


def show(run: Invoke, decision: str) -> dict[str, Any]:
    return json.loads(run("show", decision, "--json").stdout)


def test_a_whole_meeting_from_standard_input(run: Invoke, circle: Path) -> None:
    result = run("live", "--title", "October circle", "--attendee", "Ayşe", "--attendee", "Bo",
                 "--attendee", "Chris", "--attendee", "Dana", input=MEETING)
    lines = result.stdout.splitlines()
    decision = lines[2].split()[1].rstrip(":")
    assert lines == [
        'Started Meeting "October circle" since 19:00 · Ayşe, Bo, Chris, Dana',
        "Type help for the words; propose TITLE to begin.",
        f"Proposed {decision}: Meet on Wednesdays — open for consent",
        f"  [{decision}] Meet on Wednesdays · v1 open · 0 consents · ready to adopt",
        f"Consent to {decision} v1: Bo, Chris (2 consents)",
        f"  [{decision}] Meet on Wednesdays · v1 open · 2 consents · ready to adopt",
        f"Objection 1 to {decision} recorded",
        f"  [{decision}] Meet on Wednesdays · v1 open · 2 consents; 1 objection unresolved · "
        "blocked: objection 1 by Dana is unresolved",
        f"Proposed version 2 of {decision} (revising version 1); resolves objection 1 — open for consent",
        f"  [{decision}] Meet on Wednesdays · v2 open · 0 consents · ready to adopt",
        f"Consent to {decision} v2: Ayşe, Bo, Chris, Dana (4 consents)",
        f"  [{decision}] Meet on Wednesdays · v2 open · 4 consents · ready to adopt",
        "Noted for the minutes.",
        f"  [{decision}] Meet on Wednesdays · v2 open · 4 consents · ready to adopt",
        f"Adopted {decision} v2: Meet on Wednesdays — review by 2027-05-24",
        f"  [{decision}] Meet on Wednesdays · active v2",
        lines[-1],
    ]
    assert lines[-1].startswith('Ended ') and "minutes: \"consensus meeting show" in lines[-1]
    assert result.stderr == ""
    minutes = run("meeting", "show", "last").stdout
    assert "- **Consents:** Ayşe, Bo, Chris and Dana" in minutes
    assert "(resolved: We start at 7:30)" in minutes and "- **Note:** Bo brings the keys" in minutes
    run("check")


def test_a_line_that_cannot_be_carried_out_records_nothing_and_the_session_goes_on(run: Invoke, circle: Path) -> None:
    run("live", input="propose Snacks\nEveryone brings snacks.\n\nquit\n")
    before = files(circle)
    result = run("live", code=1, input="consent Jnoas\nobject Bo\nresolve 7: talked\nfly away\nadopt review soon\n"
                                         "open nothing like it\nconsent Bo\n")
    assert result.stderr.splitlines() == [
        "Error: unknown member 'Jnoas' — members are Ayşe, Bo, Chris, Dana; add them with "
        "\"consensus members add 'Jnoas'\"",
        "Error: object needs its reason after a colon — write object NAME: REASON, e.g. object Chris: "
        "Tuesday is choir night",
        result.stderr.splitlines()[2],
        "Error: 'fly' is not a word of live notes — type help for the words",
        "Error: 'soon' is not a period — write a number and d, w, m or y, e.g. 6m or 90d",
        "Error: no decision in force or proposed matches 'nothing like it' — type list, or give its id",
    ]
    assert result.stderr.splitlines()[2].endswith("has no objection 7 (it has no unresolved objection)")
    decision = json.loads(run("list", "--json").stdout)[0]["id"]
    assert show(run, decision)["versions"][0]["consents"] == ["Bo"]  # the session went on
    after = files(circle)
    changed = {name for name in after if after[name] != before.get(name)}
    assert changed == {f"decisions/{decision}.toml"}  # only the consent that could be carried out


def test_the_text_of_a_refused_step_is_never_read_as_steps(run: Invoke, circle: Path) -> None:
    run("live", input="propose Keys\nBo keeps the keys.\n\nconsent Bo\nquit\n")
    before = files(circle)
    # Each text holds lines that begin with words of live notes: open, list, undo, end.
    result = run("live", code=1, input=(
        "replace kyes: a rota is fairer\nKeys rota\nOpen to all: each month another keeps the keys.\n"
        "Undo last year's rule.\n\n"
        "amend resolves 1: typo\nlist of keepers\nEnd of May: Chris.\n\n"
        "propse Snacks\nundo the snack rule\n\n"
        "status\n"))
    said = result.stderr.splitlines()
    assert [line.split(" — ")[0] for line in said] == [
        "Error: no decision in force or proposed matches 'kyes'",
        "(the 3 lines after it were taken as its text, and not read as steps: Keys rota …)",
        said[2].split(" — ")[0],  # amend read its text before it was refused: nothing left to skip
        "Error: 'propse' is not a word of live notes",
        "(the line after it was taken as its text, and not read as a step: undo the snack rule)",
    ]
    assert "objection 1" in said[2]
    assert "Took back" not in result.stdout and "Open proposals" not in result.stdout
    assert files(circle) == before  # nothing recorded
    assert "Keys" in result.stdout.splitlines()[-2]  # the status line, after the texts: the session went on


def test_what_to_do_instead_is_said_in_the_words_of_live_notes(run: Invoke, circle: Path) -> None:
    result = run("live", code=1, input="undo\npropose Keys\nBo keeps them.\n\nobject Bo: too much\nadopt\n"
                                         "resolve 1: fine\nadopt\nconsent Chris\nadopt review 2027-13-01\n")
    decision = json.loads(run("list", "--json", "--status", "active").stdout)[0]["id"]
    assert result.stderr.splitlines() == [
        "Error: no decision was changed on this machine yet: there is nothing to take back",
        f"Error: cannot adopt {decision}: objection 1 by Bo is unresolved — type resolve 1: HOW (adopting over it "
        'is for "consensus adopt --force --why …")',
        f"Error: {decision} has no open proposal to consent to — propose a change first: amend: WHY, then the "
        "better text",
        "Error: '2027-13-01' is not a review date — write it as YYYY-MM-DD or DD.MM.YYYY, e.g. 2027-05-24 or 24.05.2027",
    ]


def test_nothing_to_read_starts_no_meeting(run: Invoke, circle: Path) -> None:
    before = files(circle)
    assert run("live", input="").stderr == "Nothing to read from standard input, so no meeting was started.\n"
    assert files(circle) == before


def test_did_you_mean_for_names_and_words(run: Invoke, circle: Path) -> None:
    result = run("live", code=1, input="propose T\nx\n\nconsnet Bo\nconsent Dnaa\n")
    assert result.stderr.splitlines() == [
        "Error: 'consnet' is not a word of live notes — did you mean 'consent'? (type help for the words)",
        "Error: unknown member 'Dnaa' — did you mean 'Dana'?",
    ]


SITZUNG = """\
vorschlag Treffen am Mittwoch
Wir treffen uns am ersten Mittwoch im Monat um 19 Uhr.

zustimmung Bo, Chris
einwand Dana: Mittwochs arbeite ich lange
ändern löst 1: Wir beginnen um 19:30
Wir treffen uns am ersten Mittwoch im Monat um 19:30 Uhr.

zustimmung alle
bedenken Dana: Der Raum ist klein
annehmen prüfung 1y
hilfe
ende
"""


def test_a_german_register_understands_german_words(run: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "kreis"
    run("-C", str(root), "init", "--lang", "de", "--member", "Ayşe", "--member", "Bo", "--member", "Chris",
        "--member", "Dana")
    monkeypatch.chdir(root)
    monkeypatch.setenv("CONSENSUS_USER", "Ayşe")
    result = run("live", "--attendee", "Ayşe", "--attendee", "Bo", "--attendee", "Chris", "--attendee", "Dana",
                 input=SITZUNG)
    assert "  vorschlag TITEL" in result.stdout and "z. B. zustimmung Ann, Bob" in result.stdout
    assert "e.g. consent" not in result.stdout
    decision = json.loads(run("list", "--json").stdout)[0]["id"]
    data = show(run, decision)
    assert (data["status"], data["current_version"], data["review_by"]) == ("active", 2, "2027-11-24")
    assert data["versions"][1]["consents"] == ["Ayşe", "Bo", "Chris", "Dana"]
    assert data["versions"][1]["concerns"] == [{"by": "Dana", "reason": "Der Raum ist klein"}]
    assert data["versions"][1]["objections"][0]["resolution"] == "Wir beginnen um 19:30"


def test_english_words_are_not_german_in_an_english_register(run: Invoke, circle: Path) -> None:
    assert "'zustimmung' is not a word of live notes" in run("live", code=1, input="zustimmung Bo\n").stderr


def test_a_note_taker_who_speaks_german_may_use_german_words_in_an_english_register(
    run: Invoke, circle: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CONSENSUS_LANG", "de")
    said = run("live", "--attendee", "Bo", input="vorschlag Kekse\nAlle bringen Kekse mit.\n\nzustimmung Bo\nhilfe\n")
    assert "v1: Bo (1 Zustimmung)" in said.stdout and "  vorschlag TITEL" in said.stdout
    monkeypatch.setenv("CONSENSUS_LANG", "en")
    assert "e.g. propose Meet on Wednesdays" in run("live", input="help\n").stdout


@pytest.mark.parametrize("width", [40, 80])
@pytest.mark.parametrize("lang", ["en", "de"])
def test_the_words_fit_the_terminal(run: Invoke, circle: Path, monkeypatch: pytest.MonkeyPatch, width: int,
                                    lang: str) -> None:
    monkeypatch.setenv("COLUMNS", str(width))
    monkeypatch.setenv("CONSENSUS_LANG", lang)
    shown = run("live", input="help\n").stdout.splitlines()
    words = [line for line in shown if line.startswith("  ")]  # the table of words, indented
    assert max(map(len, words)) <= width, "\n".join(words)
    assert "(then the text, up to an empty line)" in " ".join(" ".join(words).split()) or lang == "de"


def test_quit_keeps_the_meeting_open_and_live_resumes_with_the_same_current_decision(run: Invoke, circle: Path) -> None:
    first = run("live", "--title", "Long one", input="propose Snacks\nEveryone brings snacks.\n\nquit\n")
    assert first.stdout.splitlines()[-1] == 'The meeting "Long one" stays open: "consensus live" goes on with it.'
    decision = json.loads(run("list", "--json").stdout)[0]["id"]
    second = run("live", input="consent Bo\n")
    assert second.stdout.splitlines()[:2] == ['Resuming Meeting "Long one" since 19:00 · Ayşe', f"Current: {decision} Snacks"]
    assert show(run, decision)["versions"][0]["consents"] == ["Bo"]
    assert json.loads(run("meeting", "list", "--json").stdout)[0]["open"] is True


def test_open_by_number_and_by_words_replace_and_undo(run: Invoke, circle: Path) -> None:
    run("live", input="propose Meet on Tuesdays\nTuesdays at 7.\n\nadopt\npropose Snacks\nEveryone.\n\nquit\n")
    result = run("live", input="list\nopen 1\nundo\nopen tues\nreplace tuesdays: choir night\nMeet on Wednesdays\n"
                               "Wednesdays at 7.\n\nadopt\nend\n")
    out = result.stdout
    assert "   1  " in out and "Snacks" in out
    assert "Took back the proposal of" in out  # open 1 made Snacks current; undo took it back
    rows = {r["title"]: r for r in json.loads(run("list", "--json", "--status", "superseded", "--status", "active",
                                                  "--status", "withdrawn").stdout)}
    assert rows["Snacks"]["status"] == "withdrawn"
    assert rows["Meet on Tuesdays"]["status"] == "superseded"
    assert rows["Meet on Wednesdays"]["status"] == "active"


def test_undo_leaves_the_current_decision_as_it_was(run: Invoke, circle: Path) -> None:
    result = run("live", input="propose Alpha\nA.\n\npropose Beta\nB.\n\nopen alpha\nundo\nconsent Bo\nquit\n")
    assert "Took back the proposal of" in result.stdout  # Beta's, the one last written
    rows = {r["title"]: r for r in json.loads(run("list", "--json", "--status", "proposed", "--status", "withdrawn").stdout)}
    assert rows["Beta"]["status"] == "withdrawn"
    assert show(run, rows["Alpha"]["id"])["versions"][0]["consents"] == ["Bo"]  # Alpha stayed current


def test_undo_takes_back_the_whole_line(run: Invoke, circle: Path) -> None:
    result = run("live", "--attendee", "Ayşe", "--attendee", "Bo", "--attendee", "Chris",
                 input="propose Keys\nBo keeps the keys.\n\nconsent Dana\nconsent all\nundo\nquit\n")
    decision = json.loads(run("list", "--json").stdout)[0]["id"]
    assert f"Took back Ayşe's consent to version 1, Bo's consent to version 1, Chris's consent to version 1 of {decision}" \
        in result.stdout
    assert show(run, decision)["versions"][0]["consents"] == ["Dana"]  # the line before stays
    assert "Took back Dana's consent" in run("live", input="undo\n").stdout  # a new session: one event at a time
    run("check")


def test_a_second_session_sees_the_steps_of_the_first(run: Invoke, circle: Path) -> None:
    from consensus.live import Session, parse
    from consensus.register import Register

    one, two = Session(Register(circle)), Session(Register(circle))
    one.begin(title="Shared", attendees=["Bo"], guests=[])
    two.begin(title=None, attendees=[], guests=[])

    def text(what: str, prefill: str) -> str:
        return "Everyone brings snacks."

    line = parse("propose Snacks", "en")
    assert line is not None
    decision = one.handle(line, text).done.decision.id  # type: ignore[union-attr]
    opened = parse(f"open {decision}", "en")
    assert opened is not None
    two.handle(opened, text)
    consent = parse("consent Bo", "en")
    assert consent is not None
    two.handle(consent, text)
    status = parse("status", "en")
    assert status is not None
    view = one.handle(status, text).view
    assert view is not None and view.open is not None and view.open.consents == ["Bo"]


def test_what_a_line_did_wraps_between_words_on_a_narrow_terminal() -> None:
    from consensus.render.live import fitted

    line = ("  [ijkfx337] Quiet hours · v1 open · 0 consents; 1 objection unresolved · blocked: objection 2 by "
            "Bo is unresolved")
    assert fitted(line, 60) == ["  [ijkfx337] Quiet hours · v1 open · 0 consents; 1 objection",
                                "    unresolved · blocked: objection 2 by Bo is unresolved"]
    assert fitted("Took back objection 2 by Bo of ijkfx337 — ijkfx337 is proposed", 50) == [
        "Took back objection 2 by Bo of ijkfx337 — ijkfx337", "  is proposed"]
    assert fitted(line, None) == [line]  # in a pipe, one line as it is (for grep and replay)


# -- on a terminal --------------------------------------------------------------------------

pexpect = pytest.importorskip("pexpect")


def _spawn(root: Path, *args: str, columns: int = 120) -> Any:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CONSENSUS_") and k not in ("COLUMNS", "LINES")}
    # A pseudo-terminal that answers no cursor-position requests: prompt_toolkit need not ask.
    env.update({"CONSENSUS_USER": "Ayşe", "CONSENSUS_NOW": "2026-11-24T19:00:00+01:00", "TERM": "xterm",
                "NO_COLOR": "1", "HOME": str(root.parent / "home"), "PROMPT_TOOLKIT_NO_CPR": "1"})
    command = str(Path(sys.executable).parent / "consensus")
    return pexpect.spawn(command, ["-C", str(root), "live", *args], env=env, encoding="utf-8", timeout=20,
                         dimensions=(30, columns))


@pytest.mark.parametrize(("typed", "offered"), [
    ("pro", ["propose "]), ("consent ", ["all", "Ayşe", "Bo"]), ("zustimmung ", ["alle", "Ayşe", "Bo"]),
    ("adopt r", ["review"]), ("annehmen pr", ["prüfung"]), ("ändern ", ["löst"]), ("zust", ["zustimmung "]),
])
def test_completion_offers_the_words_of_the_language_typed(typed: str, offered: list[str]) -> None:
    from prompt_toolkit.completion import CompleteEvent
    from prompt_toolkit.document import Document

    from consensus.live import words_for
    from consensus.render.prompt import LiveCompleter

    completer = LiveCompleter(words_for("de"), lambda: ["Ayşe", "Bo"], lambda: [])
    found = [c.text for c in completer.get_completions(Document(typed), CompleteEvent())]
    assert found == offered


@pytest.mark.slow
def test_on_a_terminal_live_asks_for_the_title_who_is_here_and_the_guests(run: Invoke, circle: Path) -> None:
    child = _spawn(circle)
    child.expect_exact("A new meeting: its title")
    child.send("Garden day\r")
    child.expect_exact("Who is here")
    child.send("Ay\t")  # Tab completes a member's name
    child.expect_exact("şe")
    child.send(", B\t")
    child.expect_exact("o")
    child.send("\r")
    child.expect_exact("Guests, if any")
    child.send("Dana\r")  # a member, not a guest: asked again
    child.expect_exact("Error: Dana is a member — name them among who is here")
    child.expect_exact("Guests, if any")
    child.send("Frau Kaya\r")
    child.expect_exact('Started Meeting "Garden day"')
    child.expect_exact("propose TITLE to begin.")
    child.send("quit\r")
    child.expect(pexpect.EOF)
    meeting = json.loads(run("meeting", "list", "--json").stdout)[0]
    assert (meeting["title"], meeting["attendees"], meeting["guests"]) == ("Garden day", ["Ayşe", "Bo"], ["Frau Kaya"])


@pytest.mark.slow
def test_on_a_terminal_names_complete_the_amend_text_is_prefilled_and_ctrl_c_leaves_it_open(
    run: Invoke, circle: Path
) -> None:
    run("live", "--title", "Terminal", input="propose Snacks\nEveryone brings snacks.\n\nquit\n")
    child = _spawn(circle)
    child.expect_exact("Resuming")
    child.expect_exact("]>")
    child.send("conc\t")  # tab completes the word, with the space after it
    child.send("Bo: the cost\r")
    child.expect_exact("concern")
    child.expect_exact("]>")
    child.send("consent Da\t")  # tab completes Dana
    child.expect_exact("na")
    child.send("\r")
    child.expect_exact(": Dana (1 consent)")
    child.expect_exact("]>")
    child.send("amend: Fairer\r")
    child.expect_exact("Everyone brings snacks.")  # the text to improve, prefilled
    child.send("\x15")  # Ctrl-U: clear the line, then type the better text
    child.send("Snacks rotate by a sign-up list.\r\r")
    child.expect_exact("Proposed version 2")
    child.expect_exact("]>")
    child.sendintr()  # Ctrl-C leaves; the meeting stays open
    child.expect_exact("stays open")
    child.expect(pexpect.EOF)
    decision = json.loads(run("list", "--json").stdout)[0]["id"]
    data = show(run, decision)
    assert data["versions"][1]["text"] == "Snacks rotate by a sign-up list."
    assert data["versions"][0]["consents"] == ["Dana"]
    again = _spawn(circle)
    again.expect_exact(f"Current: {decision} Snacks")  # resumed, with the same current decision
    again.expect_exact("]>")
    again.sendeof()
    again.expect(pexpect.EOF)


def test_the_readme_meeting_runs_as_written(run: Invoke, circle: Path) -> None:
    import re
    import shlex

    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    block = re.search(r"## Live notes in a meeting.*?```text\n(.*?)```", readme, re.S)
    assert block is not None
    command, *typed = block.group(1).split("\n")
    args = shlex.split(command.removeprefix("$ "))
    assert args[:2] == ["consensus", "live"]
    result = run(*args[1:], input="\n".join(typed))
    assert result.stderr == ""
    decision = json.loads(run("list", "--json").stdout)[0]["id"]
    data = show(run, decision)
    assert (data["status"], data["current_version"]) == ("active", 2)
    assert data["versions"][1]["consents"] == ["Ayşe", "Bo", "Chris", "Dana"]
    assert f"[{decision}] Snacks at meetings · v2 open · 4 consents · ready to adopt" in result.stdout


@pytest.mark.slow
def test_on_a_narrow_terminal_the_round_wraps_between_words(run: Invoke, circle: Path) -> None:
    run("live", "--title", "Narrow", input="propose Quiet hours\nNo music after ten.\n\nquit\n")
    child = _spawn(circle, columns=50)
    child.expect_exact("]>")
    child.send("object Bo: far too early\r")
    child.expect_exact("recorded")
    child.expect_exact("]>")
    shown = [line for line in child.before.split("\r\n") if line.strip() and "\x1b" not in line]
    assert shown and all(len(line) <= 50 for line in shown), shown
    assert all(line.startswith("    ") for line in shown[1:]), shown  # under the line they go on
    assert "0 consents; 1 objection unresolved · blocked: objection 1 by Bo is unresolved" in " ".join(
        line.strip() for line in shown)
    child.sendeof()
    child.expect(pexpect.EOF)
