"""The decision process through the command line: every step, and every refusal."""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Invoke, files


def test_propose_prints_only_the_id(run: Invoke, reg: Path) -> None:
    result = run("propose", "Meet on Tuesdays", "--text", "We meet every Tuesday.")
    decision_id = result.stdout.strip()
    assert len(decision_id) == 8 and decision_id.isalnum()
    assert result.stderr == f"Proposed {decision_id}: Meet on Tuesdays — open for consent\n"
    assert (reg / "decisions" / f"{decision_id}.toml").exists()


def test_propose_json_prints_the_decision(run: Invoke, reg: Path) -> None:
    data = json.loads(run("propose", "T", "--text", "x", "--tag", "a", "--json").stdout)
    assert data["status"] == "proposed"
    assert data["tags"] == ["a"]
    assert data["current_version"] is None
    assert data["versions"][0]["state"] == "open"
    assert data["versions"][0]["proposed_by"] == "Ayşe"
    assert data["history"][0]["at"] == "2026-11-24T19:00:00+01:00"


def test_a_whole_consent_round(run: Invoke, reg: Path, propose: Callable[..., str]) -> None:
    d = propose()
    assert run("consent", d, "--by", "Bo", "--by", "Chris").stderr == (
        f"Consent to {d} v1: Bo, Chris (2 consents)\n"
    )
    assert run("object", d, "--by", "Chris", "--reason", "Choir night").stdout == "1\n"
    refused = run("adopt", d, code=1)
    assert refused.stderr == (
        f"Error: cannot adopt {d}: objection 1 by Chris is unresolved — run "
        f'"consensus resolve {d} 1 --how …", or adopt --force --why …\n'
    )
    run("resolve", d, "1", "--how", "Wednesdays instead", "--by", "Chris")
    run("stand-aside", d, "--by", "Bo", "--reason", "No opinion")
    run("concern", d, "--by", "Chris", "--reason", "Rooms are small")
    assert run("adopt", d, "--review-by", "2027-05-24").stderr == (
        f"Adopted {d} v1: Meet on Tuesdays — review by 2027-05-24\n"
    )
    data = json.loads(run("show", d, "--json").stdout)
    assert data["status"] == "active"
    assert data["review_by"] == "2027-05-24"
    version = data["versions"][0]
    assert version["consents"] == []  # Bo stood aside after consenting; Chris objected
    assert version["objections"] == [
        {"number": 1, "by": "Chris", "reason": "Choir night", "resolved": True,
         "resolution": "Wednesdays instead", "overlooked_by": None}
    ]
    assert version["stand_asides"] == [{"by": "Bo", "reason": "No opinion"}]
    assert version["concerns"] == [{"by": "Chris", "reason": "Rooms are small"}]
    assert version["adopted_at"] == "2026-11-24T19:00:00+01:00"
    kinds = [e["kind"] for e in data["history"]]
    assert kinds == ["proposed", "consented", "consented", "objected", "resolved",
                     "stood_aside", "concern_raised", "adopted"]


def test_objecting_takes_back_a_consent(run: Invoke, reg: Path, propose: Callable[..., str]) -> None:
    d = propose()
    run("consent", d, "--by", "Chris")
    run("object", d, "--by", "Chris", "--reason", "On second thoughts, no")
    assert json.loads(run("show", d, "--json").stdout)["versions"][0]["consents"] == []


def test_consenting_twice_records_once(run: Invoke, reg: Path, propose: Callable[..., str]) -> None:
    d = propose()
    run("consent", d, "--by", "Bo")
    result = run("consent", d, "--by", "Bo", "--by", "Chris")
    assert result.stderr == f"Already consented: Bo\nConsent to {d} v1: Chris (2 consents)\n"
    assert json.loads(run("show", d, "--json").stdout)["versions"][0]["consents"] == ["Bo", "Chris"]


def test_forgiving_member_names(run: Invoke, reg: Path, propose: Callable[..., str]) -> None:
    d = propose()
    run("consent", d, "--by", "ayse", "--by", "CHR", "--by", "bo")
    consents = json.loads(run("show", d, "--json").stdout)["versions"][0]["consents"]
    assert consents == ["Ayşe", "Chris", "Bo"]


def test_unknown_member_gets_a_suggestion(run: Invoke, reg: Path, propose: Callable[..., str]) -> None:
    d = propose()
    before = files(reg)
    result = run("consent", d, "--by", "Aise", code=1)
    assert result.stderr == "Error: unknown member 'Aise' — did you mean 'Ayşe'?\n"
    assert files(reg) == before


def test_unknown_member_without_likeness(run: Invoke, reg: Path, propose: Callable[..., str]) -> None:
    d = propose()
    result = run("consent", d, "--by", "Zygmunt", code=1)
    assert result.stderr == (
        "Error: unknown member 'Zygmunt' — members are Ayşe, Bo, Chris; "
        "add them with \"consensus members add 'Zygmunt'\"\n"
    )


def test_amend_and_adopt_supersedes_the_version(run: Invoke, reg: Path, adopted: str) -> None:
    d = adopted
    run("amend", d, "--text", "We meet every Wednesday.", "--why", "Tuesday is choir night")
    data = json.loads(run("show", d, "--json").stdout)
    assert data["current_version"] == 1 and data["open_version"] == 2
    assert data["versions"][1]["why"] == "Tuesday is choir night"
    run("adopt", d)
    data = json.loads(run("show", d, "--json").stdout)
    assert [v["state"] for v in data["versions"]] == ["replaced", "adopted"]
    assert data["current_version"] == 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(["--text", "x"], "Error: amend needs --why: say what makes the new version better\n", id="no-why"),
        pytest.param(["--text", "We meet every Tuesday at 7 pm.", "--why", "same"],
                     "Error: the new version is identical to version 1 — change the text (--text, --file) or the title (--title)\n",
                     id="identical"),
    ],
)
def test_amend_refusals(run: Invoke, reg: Path, adopted: str, args: list[str], message: str) -> None:
    before = files(reg)
    assert run("amend", adopted, *args, code=1).stderr == message
    assert files(reg) == before


def test_replacement_supersedes_the_old_decision(run: Invoke, reg: Path, adopted: str) -> None:
    new = run("propose", "Meet on Wednesdays", "--text", "Wednesdays.", "--replaces", adopted[:4],
              "--why", "Tuesday is choir night").stdout.strip()
    assert json.loads(run("show", new, "--json").stdout)["replaces"] == [adopted]
    assert run("adopt", new).stderr == (
        f"Adopted {new} v1: Meet on Wednesdays — review by 2027-11-24\n{adopted} is superseded by {new}\n"
    )
    old = json.loads(run("show", adopted, "--json").stdout)
    assert old["status"] == "superseded" and old["superseded_by"] == new
    result = run("amend", adopted, "--text", "x", "--why", "y", code=1)
    assert result.stderr == (
        f"Error: {adopted} is superseded: only an active decision or an open proposal can be amended "
        f"— amend {new}, which replaced it\n"
    )
    run("check")


def test_replacement_needs_why(run: Invoke, reg: Path, adopted: str) -> None:
    before = files(reg)
    result = run("propose", "New", "--text", "x", "--replaces", adopted, code=1)
    assert result.stderr == "Error: --replaces needs --why: say why this is better than what it replaces\n"
    assert files(reg) == before


def test_adoption_refused_when_replaced_one_is_gone(run: Invoke, reg: Path, adopted: str) -> None:
    first = run("propose", "A", "--text", "a", "--replaces", adopted, "--why", "w").stdout.strip()
    second = run("propose", "B", "--text", "b", "--replaces", adopted, "--why", "w").stdout.strip()
    run("adopt", first)
    before = files(reg)
    result = run("adopt", second, code=1)
    assert result.stderr == (
        f"Error: cannot adopt {second}: {adopted}, which it replaces, is superseded by {first} — "
        f"reject or withdraw {second}, or propose a replacement of what is in force now\n"
    )
    assert files(reg) == before


def test_force_overrides_and_is_recorded(run: Invoke, reg: Path, propose: Callable[..., str]) -> None:
    d = propose()
    run("object", d, "--by", "Bo", "--reason", "No")
    assert run("adopt", d, "--force", code=1).stderr == (
        "Error: --force needs --why: say why the rule is set aside; it is recorded\n"
    )
    run("adopt", d, "--force", "--why", "The hall must be booked today")
    event = json.loads(run("history", d, "--json").stdout)[-1]
    assert event["kind"] == "adopted" and event["force"] is True
    assert event["why"] == "The hall must be booked today"


def test_consensus_rule_needs_everyone(run: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    run("init", "--rule", "consensus", "--member", "Ayşe", "--member", "Bo")
    monkeypatch.setenv("CONSENSUS_USER", "Ayşe")
    d = run("propose", "T", "--text", "x").stdout.strip()
    run("consent", d)
    result = run("adopt", d, code=1)
    assert result.stderr == (
        f"Error: cannot adopt {d}: not yet heard from Bo (the consensus rule) — run "
        f'"consensus consent {d} --by Bo", or adopt --force --why …\n'
    )
    run("stand-aside", d, "--by", "Bo")
    run("adopt", d)


def test_reject_and_withdraw(run: Invoke, reg: Path, propose: Callable[..., str]) -> None:
    a, b = propose("A", "a"), propose("B", "b")
    run("reject", a, "--why", "Not now")
    assert json.loads(run("show", a, "--json").stdout)["status"] == "rejected"
    assert run("withdraw", b, "--by", "Bo", code=1).stderr == (
        f"Error: only Ayşe, who proposed version 1 of {b}, can withdraw it — pass --by Ayşe, "
        "or reject it instead\n"
    )
    run("withdraw", b)
    assert json.loads(run("show", b, "--json").stdout)["status"] == "withdrawn"
    assert run("consent", b, code=1).stderr == f"Error: {b} has no open proposal to consent to — it is withdrawn\n"


def test_retire_and_review(run: Invoke, reg: Path, adopted: str) -> None:
    assert run("retire", adopted, code=1).stderr == "Error: retire needs --why: say why the decision ends\n"
    run("review", adopted, "--next", "2028-01-31", "--note", "Still good")
    assert json.loads(run("show", adopted, "--json").stdout)["review_by"] == "2028-01-31"
    run("retire", adopted, "--why", "The hall closed")
    data = json.loads(run("show", adopted, "--json").stdout)
    assert data["status"] == "retired" and data["review_by"] is None
    assert run("review", adopted, code=1).stderr == (
        f"Error: {adopted} is retired: only an active decision can be reviewed\n"
    )


def test_consent_without_open_proposal_says_what_to_do(run: Invoke, reg: Path, adopted: str) -> None:
    assert run("consent", adopted, code=1).stderr == (
        f'Error: {adopted} has no open proposal to consent to — propose a change first with '
        f'"consensus amend {adopted} --text … --why …"\n'
    )


def test_resolve_unknown_objection(run: Invoke, reg: Path, propose: Callable[..., str]) -> None:
    d = propose()
    run("object", d, "--by", "Bo", "--reason", "r")
    assert run("resolve", d, "7", "--how", "talked", code=1).stderr == (
        f"Error: version 1 of {d} has no objection 7 (unresolved: 1)\n"
    )
    run("resolve", d, "1", "--how", "talked")
    assert run("resolve", d, "1", "--how", "again", code=1).stderr == (
        f"Error: objection 1 to {d} was already resolved by Ayşe\n"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(["propose", "  ", "--text", "x"], "Error: the title is empty — give the decision a title\n", id="empty-title"),
        pytest.param(["propose", "T", "--text", ""], "Error: the text is empty — say what is proposed with --text, --file or the editor\n", id="empty-text"),
        pytest.param(["propose", "T"], "Error: no text given — pass --text TEXT, --file PATH, or --file - to read standard input\n", id="no-text"),
        pytest.param(["propose", "T", "--file", "missing.md"], "Error: cannot read missing.md: No such file or directory — check the path\n", id="missing-file"),
        pytest.param(["show", "zz"], "Error: no decision matches 'zz' — run \"consensus list\" to see the ids\n", id="unknown-id"),
        pytest.param(["show", ""], "Error: no decision id given — run \"consensus list\" to see them\n", id="empty-id"),
        pytest.param(["show", "../x"], "Error: no decision matches '../x' — run \"consensus list\" to see the ids\n", id="path-id"),
        pytest.param(["adopt", "zz", "--review-by", "2027-02-30"], "Error: '2027-02-30' is not a review date — write it as YYYY-MM-DD or DD.MM.YYYY, e.g. 2027-05-24 or 24.05.2027\n", id="bad-date"),
        pytest.param(["list", "--as-of", "yesterday"], "Error: 'yesterday' is not a date — write it as YYYY-MM-DD or DD.MM.YYYY, e.g. 2027-05-24 or 24.05.2027\n", id="bad-as-of"),
        pytest.param(["object", "zz"], "Error: object needs --reason: say what the objection is\n", id="no-reason"),
    ],
)
def test_refusals_change_nothing(run: Invoke, reg: Path, args: list[str], message: str) -> None:
    before = files(reg)
    assert run(*args, code=1).stderr == message
    assert files(reg) == before


def test_ambiguous_prefix_lists_candidates(run: Invoke, reg: Path, propose: Callable[..., str]) -> None:
    ids = sorted(propose(f"T{i}", "x") for i in range(40))
    for a, b in itertools.pairwise(ids):
        if a[0] == b[0]:
            result = run("show", a[0], code=1)
            assert result.stderr.startswith(f"Error: decision '{a[0]}' is ambiguous: it could be ")
            assert a in result.stderr and b in result.stderr
            return
    pytest.skip("no two ids share a first letter")  # pragma: no cover - 40 ids in 24 letters


def test_text_from_stdin_and_file(run: Invoke, reg: Path, tmp_path: Path) -> None:
    d = run("propose", "T", "--file", "-", input="Line one\nLine two\n").stdout.strip()
    assert json.loads(run("show", d, "--json").stdout)["versions"][0]["text"] == "Line one\nLine two"
    path = tmp_path / "text.md"
    path.write_text("From a file\n", encoding="utf-8")
    d = run("propose", "T", "--file", str(path)).stdout.strip()
    assert json.loads(run("show", d, "--json").stdout)["versions"][0]["text"] == "From a file"


def test_usage_errors_exit_2(run: Invoke, reg: Path) -> None:
    assert "No such option" in run("adopt", "x", "--revew-by", "x", code=2).stderr
    assert "did you mean 'propose'" in run("propse", code=2).stderr


def test_no_register_found(run: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("list", code=1)
    assert result.stderr == (
        f"Error: no register here: no consensus.toml in {tmp_path} or above it — create one "
        'with "consensus init", or point to one with -C PATH\n'
    )


def test_register_found_by_option_env_and_upward(run: Invoke, reg: Path, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch, adopted: str) -> None:
    sub = reg / "decisions"
    monkeypatch.chdir(sub)
    assert adopted in run("list", "--json").stdout
    monkeypatch.chdir(tmp_path)
    assert adopted in run("-C", str(reg), "list", "--json").stdout
    monkeypatch.setenv("CONSENSUS_DIR", str(reg))
    assert adopted in run("list", "--json").stdout


def test_no_actor_known(run: Invoke, reg: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CONSENSUS_USER")
    result = run("propose", "T", "--text", "x", code=1)
    assert result.stderr == (
        "Error: who is acting? pass --by NAME, or set CONSENSUS_USER (or git's user.name)\n"
    )


def test_init_refuses_an_existing_register(run: Invoke, reg: Path) -> None:
    before = files(reg)
    result = run("init", code=1)
    assert result.stderr == (
        f"Error: {reg / 'consensus.toml'} exists already: this is a register — nothing was changed\n"
    )
    assert files(reg) == before


def test_init_writes_settings_and_gitignore(run: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "new"
    run("-C", str(target), "init", "--name", "Circle", "--lang", "de", "--rule", "consensus",
        "--review-period", "6m", "--member", "Ayşe")
    assert (target / "consensus.toml").read_text("utf-8") == (
        'format = 1\nname = "Circle"\nlanguage = "de"\nrule = "consensus"\n'
        'review_period = "6m"\nmeeting_period = "4w"\nmembers = [\n    "Ayşe",\n]\n'
    )
    assert ".consensus/" in (target / ".gitignore").read_text("utf-8")
    assert (target / "decisions").is_dir() and (target / "meetings").is_dir()


def test_init_never_writes_through_a_linked_gitignore(run: Invoke, tmp_path: Path) -> None:
    """A clone may hold a .gitignore that is a link (git checks links out) to a file elsewhere."""
    target, elsewhere = tmp_path / "new", tmp_path / "bashrc"
    target.mkdir()
    elsewhere.write_text("export PATH\n", "utf-8")
    (target / ".gitignore").symlink_to(elsewhere)
    result = run("-C", str(target), "init", "--name", "Circle", code=1)
    assert result.stderr.startswith("Error: ")
    assert ".gitignore: is a symbolic link" in result.stderr
    assert elsewhere.read_text("utf-8") == "export PATH\n"
    (target / ".gitignore").unlink()
    (target / ".gitignore").write_text("node_modules/", "utf-8")  # no line break at its end
    run("-C", str(target), "init", "--name", "Circle")
    assert (target / ".gitignore").read_text("utf-8") == (
        "node_modules/\n# local state of consensus: lock, index, the open meeting\n.consensus/\n")


def test_members(run: Invoke, reg: Path) -> None:
    assert run("members", "list").stdout == "Ayşe\nBo\nChris\n"
    run("members", "add", "Dana", "Emre")
    assert run("members", "add", "dana", code=1).stderr == (
        "Error: 'dana' is a member already (as 'Dana') — nothing was changed\n"
    )
    run("members", "remove", "emre")
    assert json.loads(run("members", "list", "--json").stdout) == ["Ayşe", "Bo", "Chris", "Dana"]
    assert run("members", "add", "Bad\x1bName", code=1).stderr == (
        "Error: the member name 'Bad\\x1bName' contains invisible or control characters — type it plainly\n"
    )
