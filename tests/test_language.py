"""German all the way: the catalogue is complete and compiles, every place in a sentence is kept,
and a German register meets no English word from init to the site."""

from __future__ import annotations

import gettext
import io
import json
import re
import sys
from pathlib import Path

import pytest

from .conftest import Invoke

ROOT = Path(__file__).parent.parent
sys.path.insert(0, str(ROOT / "docs"))
sys.path.insert(0, str(ROOT))

import catalogue  # noqa: E402  (docs/catalogue.py: the words to translate)

import hatch_build  # noqa: E402  (what the build compiles the catalogue with)

PLACE = re.compile(r"\{[^{}]*\}|%\([a-z]+\)s")


def test_every_word_has_its_german() -> None:
    missing = catalogue.missing()
    assert not missing, f"no German for {len(missing)} words, e.g. {missing[:3]} — run python docs/catalogue.py"


# click fills {number_type} with its type's English name ("integer"): the German says "ganze Zahl".
LEFT_OUT = {"{value!r} is not a valid {number_type}.": "{number_type}"}


def test_every_german_sentence_keeps_the_places_of_the_english_one() -> None:
    for message in catalogue.german():
        if not message.id or not message.string:
            continue
        ids = message.id if isinstance(message.id, tuple | list) else (message.id,)
        strings = message.string if isinstance(message.string, tuple | list) else (message.string,)
        for index, text in enumerate(strings):  # German counts as English does: singular, plural
            wanted = sorted(p for p in PLACE.findall(ids[min(index, len(ids) - 1)]) if p != LEFT_OUT.get(ids[0]))
            assert sorted(PLACE.findall(text)) == wanted, (message.id, text)


def test_the_catalogue_compiles_into_what_gettext_reads() -> None:
    entries = hatch_build.parse_po(catalogue.PO.read_text(encoding="utf-8"))
    german = gettext.GNUTranslations(io.BytesIO(hatch_build.compile_mo(entries)))
    assert german.gettext("Usage:") == "Aufruf:"
    assert german.ngettext("{n} consent", "{n} consents", 1) == "{n} Zustimmung"
    assert german.ngettext("{n} consent", "{n} consents", 3) == "{n} Zustimmungen"
    assert german.pgettext("event", "proposed") == "hat vorgeschlagen"
    assert german.gettext("proposed") == "vorgeschlagen"
    assert german.gettext("no such words anywhere") == "no such words anywhere"


def test_the_installed_catalogue_is_the_one_in_the_repository() -> None:
    from consensus.language import DOMAIN, LOCALE_DIR

    entries = hatch_build.parse_po(catalogue.PO.read_text(encoding="utf-8"))
    installed = (LOCALE_DIR / "de" / "LC_MESSAGES" / f"{DOMAIN}.mo").read_bytes()
    assert installed == hatch_build.compile_mo(entries), "reinstall (pip install -e .) to compile the catalogue"


# Words that give English away; none is German, and none is a word of the examples' own texts.
ENGLISH = re.compile(r"\b(the|and|is|are|were|of|to|with|by|not|no|decision|decisions|proposal|consent|"
                     r"objection|meeting|review|adopted|proposed|resolved|Error|Warning|Usage|Options)\b")


def english_words(text: str, allowed: tuple[str, ...]) -> list[str]:
    for phrase in allowed:
        text = text.replace(phrase, " ")
    return ENGLISH.findall(text)


def test_a_german_register_speaks_german_from_init_to_the_site(
    run: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "kreis"
    monkeypatch.setenv("LANG", "de_DE.UTF-8")  # outside a register the locale decides
    said = [run("-C", str(root), "init", "--name", "Kreis", "--lang", "de", "--member", "Ayşe", "--member", "Bo",
                "--member", "Chris").stderr]
    monkeypatch.setenv("LANG", "C.UTF-8")  # inside it, the register does
    monkeypatch.chdir(root)
    monkeypatch.setenv("CONSENSUS_USER", "Ayşe")
    d = run("propose", "Treffen am Mittwoch", "--text", "Wir treffen uns mittwochs um 19 Uhr.", "--tag", "treffen").stdout.strip()
    steps = [
        ("meeting", "start", "--title", "Herbsttreffen", "--attendee", "Ayşe", "--attendee", "Bo", "--guest", "Frau Kaya"),
        ("consent", d, "--by", "Bo"),
        ("object", d, "--by", "Chris", "--reason", "Mittwochs singe ich"),
        ("amend", d, "--text", "Wir treffen uns mittwochs um 20 Uhr.", "--why", "Später passt allen", "--resolves", "1"),
        ("consent", d, "--by", "all"),
        ("concern", d, "--by", "Frau Kaya", "--reason", "Der Raum ist klein"),
        ("stand-aside", d, "--by", "Chris"),
        ("undo",),
        ("adopt", d, "--review-in", "6m"),
        ("meeting", "end"),
        ("show", d), ("history", d), ("diff", d), ("list",), ("list", "--as-of", "24.11.2026"),
        ("meeting", "list"), ("meeting", "show", "last"), ("changes", "--since", "01.11.2026"), ("summary",),
        ("summary", "--format", "text"), ("participation",), ("check",), ("graph", d), ("members", "list"),
    ]
    for args in steps:
        result = run(*args)
        said += [result.stdout, result.stderr]
    refusals = [("consent", "zz"), ("adopt", d), ("retire", d), ("show", d, "--version", "9"), ("list", "--as-of", "gestern"),
                ("meeting", "end"), ("consent", d, "--by", "Zygmunt")]
    for args in refusals:
        result = run(*args, code=1)
        assert result.stderr.startswith("Fehler: "), result.stderr
        said.append(result.stderr)
    run("site", "-o", "site")
    said += [page.read_text("utf-8") for page in (root / "site").rglob("*.html")]
    # What the group wrote stays as written; ids, commands and option names are no words.
    allowed = (str(tmp_path), "consensus meeting", "consensus ", "--how", "--why", "--force", "--by", "--since", "--text", "--file", "--title",
               "--reason", "--resolves", "Frau Kaya", "last-meeting")
    lines = [line.strip() for text in said for line in re.sub(r"<[^>]+>", " ", text).splitlines()
             if english_words(line, allowed)]
    assert not lines, "English in a German register:\n" + "\n".join(lines[:20])


def test_the_fast_help_in_german_is_what_click_prints() -> None:
    import os
    import subprocess

    from consensus._help import HELP_DE

    env = {**os.environ, "COLUMNS": "80", "CONSENSUS_LANG": "de"}
    shown = subprocess.run([sys.executable, "-m", "consensus", "--help"], env=env, capture_output=True, text=True,
                           check=True).stdout
    assert shown == HELP_DE and shown.startswith("Aufruf: consensus [OPTIONEN] BEFEHL")
    slow = subprocess.run([sys.executable, "-c", "import sys; sys.argv=['consensus','--help']; "
                           "from consensus.cli import main; main()"], env=env, capture_output=True, text=True,
                          check=False).stdout
    assert slow == HELP_DE


@pytest.mark.parametrize(("environment", "register", "expected"), [
    ({"CONSENSUS_LANG": "de"}, "en", "Zustimmung"),
    ({"CONSENSUS_LANG": "en"}, "de", "Consent"),
    ({"LANG": "de_DE.UTF-8"}, "en", "Consent"),  # in a register, its language comes before the locale
    ({}, "de", "Zustimmung"),
])
def test_which_language(run: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, environment: dict[str, str],
                        register: str, expected: str) -> None:
    root = tmp_path / "r"
    run("-C", str(root), "init", "--lang", register)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("CONSENSUS_USER", "Ayşe")
    d = run("-C", str(root), "propose", "T", "--text", "x").stdout.strip()
    assert run("-C", str(root), "consent", d).stderr.startswith(expected)
    assert json.loads(run("-C", str(root), "show", d, "--json").stdout)["status"] == "proposed"  # JSON stays English


def test_broken_files_and_imported_records_are_explained_in_german(
    run: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "kreis"
    run("-C", str(root), "init", "--lang", "de", "--member", "Ayşe")
    monkeypatch.chdir(root)
    monkeypatch.setenv("CONSENSUS_USER", "Ayşe")
    adrs = tmp_path / "adr"
    adrs.mkdir()
    (adrs / "0001-use-postgres.md").write_text(
        "# 1. Use Postgres\n\nDate: someday\n\n## Status\n\nOn hold\n\n## Decision\n\nPostgres.\n", "utf-8")
    (adrs / "0002-notes.md").write_text("Just notes, no record.\n", "utf-8")
    imported = run("import", "adr", str(adrs))
    said = imported.stdout + imported.stderr
    assert "Status „On hold“ wird als Vorschlag übernommen" in said
    assert "Datum „someday“ ist nicht lesbar: so übernommen, wie es dasteht" in said
    allowed = (str(tmp_path), "0001-use-postgres.md", "0002-notes.md", "Use Postgres", "On hold", "Status, Context, Decision")
    assert not [line for line in said.splitlines() if english_words(line, allowed)], said
    (root / "consensus.toml").write_text('language = "de"\nrule = "majority"\n', "utf-8")
    assert run("list").stderr == "Warnung: consensus.toml:2: rule: sollte 'consent' oder 'consensus' sein\n"
    assert run("propose", "T", "--text", "x", code=1).stderr == (
        "Fehler: consensus.toml:2: rule: sollte 'consent' oder 'consensus' sein\n")
    (root / "consensus.toml").write_text('language = "de"\nmembers = [[[1]]]\n', "utf-8")
    (problem,) = json.loads(run("check", "--json", code=1).stdout)["problems"]  # JSON stays English
    assert problem["message"] == "members[0]: should be text in quotes", problem


@pytest.mark.slow
def test_the_readme_german_example_meets_no_english_word(tmp_path: Path) -> None:
    import os
    import subprocess

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Auf Deutsch", 1)[1].split("\n## ", 1)[0]
    (script,) = re.findall(r"```sh\n(.*?)```", section, re.S)
    env = {k: v for k, v in os.environ.items() if not k.startswith("CONSENSUS_")}
    env.update({"PATH": f"{Path(sys.executable).parent}{os.pathsep}{env['PATH']}", "NO_COLOR": "1",
                "LANG": "C.UTF-8", "CONSENSUS_NOW": "2026-11-26T19:00:00+01:00", "GIT_CONFIG_NOSYSTEM": "1"})
    done = subprocess.run(["bash", "-e", "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    root = tmp_path / "kreis"
    said = [done.stdout, done.stderr, (root / "zusammenfassung.md").read_text("utf-8")]
    said += [page.read_text("utf-8") for page in (root / "webseite").rglob("*.html")]
    assert "Treffen am Donnerstag" in done.stdout and "Zustimmungen: Ayşe, Bo, Chris" in done.stdout
    allowed = (str(tmp_path), "consensus meeting", "consensus ")
    lines = [line.strip() for text in said for line in re.sub(r"<[^>]+>", " ", text).splitlines()
             if english_words(line, allowed)]
    assert not lines, "English in the README's German example:\n" + "\n".join(lines[:20])


@pytest.mark.parametrize(("register", "locale", "usage"), [
    ("en", "de_DE.UTF-8", "Usage: consensus adopt [OPTIONS] ID"),
    ("de", "C.UTF-8", "Aufruf: consensus adopt [OPTIONEN] ID"),
])
def test_a_commands_help_and_usage_speak_the_registers_language(tmp_path: Path, register: str, locale: str,
                                                               usage: str) -> None:
    from .e2e import consensus

    consensus("init", "--lang", register, cwd=tmp_path)
    assert consensus("adopt", "--help", cwd=tmp_path, LANG=locale, LANGUAGE="").stdout.startswith(usage + "\n")
    assert consensus("adopt", cwd=tmp_path, code=2, LANG=locale, LANGUAGE="").stderr.startswith(usage + "\n")
