"""Sorting more than is held at once: what comes back is what went in, in the order of its keys."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from consensus import spill


@given(st.dictionaries(st.tuples(st.integers(-2**62, 2**62), st.integers(0, 9)), st.text(), max_size=60),
       st.integers(1, 7))
def test_texts_come_back_in_the_order_of_their_keys(items: dict[tuple[int, int], str], run: int) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(spill, "RUN", run)  # a run of a few items: most of them go through files
        told = spill.Spill()
        for key, text in items.items():
            told.add(key, text)
        assert told.count == len(items)
        assert list(told) == [items[k] for k in sorted(items)]


def test_the_temporary_files_are_closed_once_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(spill, "RUN", 2)
    told = spill.Spill()
    for n in range(5):
        told.add((-n,), f"text {n}")
    files = list(told._files)
    assert len(files) == 2 and not any(f.closed for f in files)
    assert list(told) == [f"text {n}" for n in range(4, -1, -1)]
    assert all(f.closed for f in files)
