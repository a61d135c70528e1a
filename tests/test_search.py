"""``list --search`` through the text index finds exactly what reading every decision finds."""

from __future__ import annotations

import json
import os
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from consensus.members import _LOOKALIKE, fold
from tests.conftest import Invoke

TEXTS = [
    ("Straßenfest im Sommer", "Wir feiern das Straßenfest am Bürgerhaus; die Übersetzung übernimmt Ayşe.", "Fest"),
    ("Öffnungszeiten", "Das Café öffnet um 9 Uhr. Ærø und Łódź sind Partnerstädte.", "Café"),
    ("Meet on Tuesdays", "We meet every Tuesday at 7 pm in the \"big\" room.", "meetings"),
    ("Kitchen rota", "Everyone cleans the kitchen once a month; ﬁnance pays the soap.", ""),
    ("İstanbul trip", "The youth group travels in May. NAÏVE plans are fine.", "Jugend"),
]
QUERIES = ["fest", "strassenfest", "STRASSE", "übersetzung", "ubersetz", "ayse", "cafe", "aero lodz", "lodz",
           "fi", "finance", "istanbul", "naive", "\"big\"", "big", "7", "pm", "a", "zz", "the room", "kitchen month",
           "fest cafe", "jugend", "meetings", "rota", "", "   ", "%", "_", "\"", "ü", "ß", "ss"]


def old_fold(name: str) -> str:
    """fold as it was written first, one character at a time: the meaning the fast one keeps."""
    decomposed = unicodedata.normalize("NFKD", name.casefold().translate(_LOOKALIKE))
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


@given(st.text())
def test_fold_folds_as_it_always_did(text: str) -> None:
    assert fold(text) == old_fold(text)


@given(st.text(alphabet=st.sampled_from("aäoöuüßsSİıIiøæœłđ \u0301\u0308\u00a8ﬁ\u00a0Ǆ\t")))
def test_fold_folds_accents_and_lookalikes_as_it_always_did(text: str) -> None:
    assert fold(text) == old_fold(text)


@pytest.fixture
def texts(reg: Path, run: Invoke, propose: Callable[..., str]) -> list[str]:
    made = []
    for title, text, tag in TEXTS:
        made.append(propose(title, text, *(["--tag", tag] if tag else [])))
    run("adopt", made[0])
    run("amend", made[0], "--text", "Das Fest zieht in den Park um.", "--why", "mehr Platz")
    return made


def found(run: Invoke, query: str) -> list[str]:
    return [r["id"] for r in json.loads(run("list", "--json", "--search", query).stdout)]


def by_reading(reg: Path, query: str) -> list[str]:
    """What the search found before it had an index: every decision read and replayed."""
    from consensus.register import Register

    register = Register(reg)
    register.search = lambda words: None  # type: ignore[method-assign]
    chosen, _ = register.find(search=query)
    return [row.id for row, _ in chosen]


def test_the_index_finds_what_reading_every_decision_finds(run: Invoke, reg: Path, texts: list[str]) -> None:
    for query in QUERIES:
        assert found(run, query) == by_reading(reg, query), query
    assert found(run, "strassenfest") == [texts[0]]
    assert found(run, "Park") == [texts[0]]  # the open amendment's text
    assert found(run, "fest") == [texts[0]]  # a tag, and a part of a word
    assert found(run, "cafe") == [texts[1]]
    assert found(run, "finance") == [texts[3]]  # the ligature, folded


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.lists(st.one_of(
    st.sampled_from([w for _, text, _ in TEXTS for w in text.split()]),
    st.text(alphabet=st.sampled_from("aeiourstnüößİı\"'%_*()-:^ "), max_size=6),
), max_size=3).map(" ".join))
def test_any_query_finds_what_reading_finds(run: Invoke, reg: Path, texts: list[str], query: str) -> None:
    assert found(run, query) == by_reading(reg, query)


def test_the_index_follows_the_files(run: Invoke, reg: Path, texts: list[str]) -> None:
    assert found(run, "soap") == [texts[3]]
    path = reg / "decisions" / f"{texts[3]}.toml"
    path.write_text(path.read_text("utf-8").replace("soap", "sopa"), "utf-8")  # by hand: check would object
    assert found(run, "soap") == [] and found(run, "sopa") == [texts[3]]
    path.unlink()
    assert found(run, "sopa") == []
    run("reject", texts[4], "--why", "no")
    assert found(run, "istanbul") == []  # no longer listed by default
    assert [r["id"] for r in json.loads(run("list", "--json", "--status", "rejected", "--search", "istanbul").stdout)] \
        == [texts[4]]


def test_a_search_without_a_cache_to_keep_finds_the_same(run: Invoke, reg: Path, texts: list[str]) -> None:
    before = {q: found(run, q) for q in QUERIES[:8]}
    state = reg / ".consensus"
    for name in os.listdir(state):
        if name.startswith("cache.sqlite"):
            os.unlink(state / name)
    (state / "cache.sqlite").mkdir()  # a cache that can be neither read nor made
    assert {q: found(run, q) for q in QUERIES[:8]} == before
