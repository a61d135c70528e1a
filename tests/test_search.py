"""``list --search``: folding texts as it always has."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from consensus.members import _LOOKALIKE, fold


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
