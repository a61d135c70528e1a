"""Diffs a person can read, of any length: a changed run of words is one deletion then one
insertion, a rewritten paragraph reads old then new, and the time grows with the text."""

from __future__ import annotations

import itertools
import random
import re
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from consensus import textdiff
from consensus.textdiff import lines, unified, words
from tests.conftest import Invoke

OLD = "Everyone brings snacks. We meet at 7 pm.\n\nThe hall is booked by Bo."
NEW = "Snacks rotate by a sign-up list. We meet at 8 pm.\n\nThe hall is booked by Chris, who keeps the keys."
MARKED = ("[-Everyone brings snacks-]{+Snacks rotate by a sign-up list+}. We meet at [-7-]{+8+} pm.\n\n"
          "The hall is booked by [-Bo-]{+Chris, who keeps the keys+}.")

VOCABULARY = ["we", "meet", "every", "week", "in", "the", "hall", "and", "bring", "food", "for", "everyone", "who", "comes", "the", "group", "decides"]


def rewritten(size: int, seed: int) -> str:
    rng = random.Random(seed)
    paragraphs = []
    while sum(map(len, paragraphs)) < size:
        paragraphs.append(" ".join(" ".join(rng.choices(VOCABULARY, k=rng.randint(5, 12))).capitalize() + "."
                                   for _ in range(rng.randint(2, 4))))
    return "\n\n".join(paragraphs)


def marked(old: str, new: str) -> str:
    return "".join(c if op == "=" else f"[-{c}-]" if op == "-" else f"{{+{c}+}}" for op, c in words(old, new).runs)


def test_a_changed_run_of_words_is_one_deletion_then_one_insertion() -> None:
    assert marked("Everyone brings snacks.", "Snacks rotate by a sign-up list.") == \
        "[-Everyone brings snacks-]{+Snacks rotate by a sign-up list+}."
    assert marked(OLD, NEW) == MARKED


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        pytest.param("a b c", "a b c", "a b c", id="same"),
        pytest.param("", "new text", "{+new text+}", id="from-nothing"),
        pytest.param("old text", "", "[-old text-]", id="to-nothing"),
        pytest.param("We meet on Tuesday.", "We meet on Wednesday.", "We meet on [-Tuesday-]{+Wednesday+}.", id="one-word"),
        pytest.param("One two three four five.", "One two 3 four five.", "One two [-three-]{+3+} four five.", id="middle"),
        pytest.param("The cat sat on the mat.", "A dog lay under a rug.",
                     "[-The cat sat on the mat-]{+A dog lay under a rug+}.", id="rewritten-sentence"),
        pytest.param("Para one is old.\n\nPara two is old.", "Para one is new.\n\nPara two is new.",
                     "Para one is [-old-]{+new+}.\n\nPara two is [-old-]{+new+}.", id="two-paragraphs"),
        pytest.param("Alpha beta gamma.\n\nKeep this.", "Delta epsilon zeta eta.\n\nKeep this.",
                     "[-Alpha beta gamma-]{+Delta epsilon zeta eta+}.\n\nKeep this.", id="paragraph-rewritten"),
        pytest.param("- milk\n- bread\n- eggs", "- tea\n- cake\n- jam",
                     "- [-milk\n- bread\n- eggs-]{+tea\n- cake\n- jam+}", id="list-rewritten"),
    ],
)
def test_word_diffs_read_as_a_person_wants(old: str, new: str, expected: str) -> None:
    assert marked(old, new) == expected


texts = st.text(st.sampled_from("ab c\n.,xyz"), max_size=60)


@given(old=texts, new=texts)
@settings(max_examples=400, deadline=None)
@example(old="a\n\na", new=" \n\n.")  # two paragraphs rewritten: each reads old, then new
def test_a_word_diff_holds_both_texts_and_never_interleaves(old: str, new: str) -> None:
    runs = words(old, new).runs
    assert "".join(c for op, c in runs if op != "+") == old
    assert "".join(c for op, c in runs if op != "-") == new
    for (op, text), (next_op, _) in itertools.pairwise(runs):
        assert (op, next_op) not in (("=", "="), ("-", "-"), ("+", "+"))
        # New text then old text only where one rewritten paragraph ends and the next begins.
        assert (op, next_op) != ("+", "-") or re.search(r"\n[^\S\n]*\n\s*$", text), runs
    for index, (op, text) in enumerate(runs):
        if op != "=" or index == 0 or index == len(runs) - 1:
            continue
        # An unchanged stretch between two changes stays only where it parts paragraphs, or is
        # longer than what changed on one side of it: never a lone space between changed words.
        before = max(len(t) for o, t in runs[max(0, index - 2):index] if o != "=")
        after = max(len(t) for o, t in runs[index + 1:index + 3] if o != "=")
        assert re.search(r"\n[^\S\n]*\n", text) or len(text) > min(before, after), runs


@given(old=texts, new=texts)
@settings(max_examples=300, deadline=None)
def test_a_sentence_diff_holds_both_texts(old: str, new: str) -> None:
    changes = lines(old, new)
    assert [s for op, s in changes if op != "+"] == textdiff.sentences(old)
    assert [s for op, s in changes if op != "-"] == textdiff.sentences(new)


def _patched(old: str, patch: str) -> str:
    """``old`` with a unified diff applied (enough of patch(1) to prove the diff right)."""
    source = old.splitlines(keepends=True)
    if source and not source[-1].endswith("\n"):
        source[-1] += "\n"
    out, at = [], 0
    body = patch.splitlines(keepends=True)[2:]
    for line in body:
        if line.startswith("@@"):
            start = int(re.match(r"@@ -(\d+)(?:,(\d+))?", line)[1])  # type: ignore[index]
            count = re.match(r"@@ -\d+(?:,(\d+))?", line)[1]  # type: ignore[index]
            first = start - 1 if count != "0" else start
            out.extend(source[at:first])
            at = first
        elif line.startswith(" "):
            assert source[at] == line[1:]
            out.append(line[1:])
            at += 1
        elif line.startswith("-"):
            assert source[at] == line[1:]
            at += 1
        elif line.startswith("+"):
            out.append(line[1:])
    out.extend(source[at:])
    return "".join(out)


@given(old=st.lists(st.sampled_from(["a\n", "b\n", "c\n", "\n", "d\n"]), max_size=30).map("".join),
       new=st.lists(st.sampled_from(["a\n", "b\n", "c\n", "\n", "e\n"]), max_size=30).map("".join))
@settings(max_examples=300, deadline=None)
def test_the_unified_diff_turns_one_text_into_the_other(old: str, new: str) -> None:
    patch = unified(old, new, "a", "b")
    if old == new:
        assert patch == ""
    else:
        assert patch.startswith("--- a\n+++ b\n@@ -")
        assert _patched(old, patch) == new


def test_the_unified_diff_looks_as_difflib_writes_it() -> None:
    assert unified("a\nb\nc\n", "a\nB\nc\n", "x v1", "x v2") == "--- x v1\n+++ x v2\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n"
    assert unified("one", "two", "a", "b") == "--- a\n+++ b\n@@ -1 +1 @@\n-one\n+two\n"
    assert unified("", "new\n", "a", "b") == "--- a\n+++ b\n@@ -0,0 +1 @@\n+new\n"


@pytest.mark.parametrize("size", [11_000, 34_000, 230_000])
def test_rewritten_texts_take_time_in_proportion(size: int) -> None:
    old, new = rewritten(size, 1), rewritten(size, 2)
    started = time.perf_counter()
    changes = words(old, new)
    took = time.perf_counter() - started
    assert took < 0.02 + size / 50_000  # 1.2 s and 12 s before, at 11 KB and 34 KB; minutes at 230 KB
    assert changes.coarse is None
    assert "".join(c for op, c in changes.runs if op != "+") == old


def test_long_texts_are_compared_line_by_line_and_say_so(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(textdiff, "WORD_LIMIT", 100)
    changes = words(rewritten(200, 1) + "\nsame line\n", rewritten(200, 2) + "\nsame line\n")
    assert changes.coarse == "lines"
    assert changes.runs[-1] == ("=", "same line\n")


def test_texts_made_to_defeat_the_anchors_are_shown_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(textdiff, "EFFORT", 0)
    monkeypatch.setattr(textdiff, "SMALL", 0)
    old = " ".join(f"w{i}" for i in range(300))
    new = " ".join(f"w{i}" for i in reversed(range(300)))
    changes = words(old, new)
    assert changes.coarse == "lines"
    assert "".join(c for op, c in changes.runs if op != "-") == new


# -- every way a diff is shown -------------------------------------------------------------------


@pytest.fixture
def amended(run: Invoke, reg: Path, propose: Callable[..., str]) -> str:
    decision = propose("Snacks", OLD)
    run("adopt", decision)
    run("amend", decision, "--text", NEW, "--why", "fairer")
    return decision


def test_diff_in_a_pipe(run: Invoke, amended: str) -> None:
    assert run("diff", amended).stdout == f"--- {amended} v1\n+++ {amended} v2\n{MARKED}\n"


def test_diff_on_a_terminal() -> None:
    from consensus.render.terminal import _word_diff

    shown = "\n".join(_word_diff("Everyone brings snacks.", "Snacks rotate by a sign-up list.", coloured=True))
    assert shown == "\x1b[31;9mEveryone brings snacks\x1b[0m\x1b[32;4mSnacks rotate by a sign-up list\x1b[0m."
    painted = _word_diff("a\nb", "c\nd", coloured=True)
    assert painted == ["\x1b[31;9ma\x1b[0m", "\x1b[31;9mb\x1b[0m\x1b[32;4mc\x1b[0m", "\x1b[32;4md\x1b[0m"]


def test_changes_shows_the_adoption_as_a_word_diff(run: Invoke, amended: str) -> None:
    run("adopt", amended)
    out = run("changes").stdout
    indented = "\n".join("    " + line if line else "" for line in MARKED.split("\n"))
    assert indented in out


def test_an_adoption_is_compared_with_what_came_before_it_even_in_the_same_minute(run: Invoke, amended: str) -> None:
    run("adopt", amended)  # every step of this test carries the same minute
    out = run("changes").stdout.split("\n")
    first = out.index(next(line for line in out if "adopted v1" in line))
    assert out[first + 1: first + 4] == ["    Everyone brings snacks. We meet at 7 pm.", "", "    The hall is booked by Bo."]


def test_summary_in_every_format(run: Invoke, amended: str) -> None:
    markdown = run("summary").stdout
    assert ("```diff\n- Everyone brings snacks.\n- We meet at 7 pm.\n+ Snacks rotate by a sign-up list.\n"
            "+ We meet at 8 pm.\n  \n- The hall is booked by Bo.\n+ The hall is booked by Chris, who keeps the keys.\n```") in markdown
    text = run("summary", "--format", "text").stdout
    assert ("  - Everyone brings snacks.\n  - We meet at 7 pm.\n  + Snacks rotate by a sign-up list.\n"
            "  + We meet at 8 pm.\n") in text
    html = run("summary", "--format", "html").stdout
    assert ('<div class="diff"><del>Everyone brings snacks</del><ins>Snacks rotate by a sign-up list</ins>. '
            "We meet at <del>7</del><ins>8</ins> pm.\n\nThe hall is booked by <del>Bo</del>"
            "<ins>Chris, who keeps the keys</ins>.</div>") in html


def test_a_long_diff_says_it_is_coarse(run: Invoke, amended: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(textdiff, "WORD_LIMIT", 10)
    out = run("diff", amended).stdout.splitlines()
    assert out[2] == "(the texts are long: changed lines are shown whole, old then new, not word by word)"
    assert out[3].startswith("[-Everyone brings snacks. We meet at 7 pm.")
    html = run("summary", "--format", "html").stdout
    assert "The texts are long: changed lines are shown whole, old then new, not word by word." in html
    german = run("summary", "--format", "html", "--lang", "de").stdout
    assert "Die Texte sind lang" in german
