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


@pytest.mark.parametrize("where", ["opening", "writing"])
def test_without_room_for_temporary_files_the_rest_is_held(monkeypatch: pytest.MonkeyPatch, where: str) -> None:
    import tempfile

    monkeypatch.setattr(spill, "RUN", 2)
    made = tempfile.TemporaryFile
    full = OSError(28, "No space left on device")

    def no_room() -> object:
        if where == "opening":
            raise full
        file = made()
        file.write = lambda data: (_ for _ in ()).throw(full)  # type: ignore[method-assign]
        return file

    told = spill.Spill()
    told.add((3,), "three")
    told.add((1,), "one")  # a first run goes to a file: there is room still
    monkeypatch.setattr(tempfile, "TemporaryFile", no_room)
    for n in (5, 2, 4):
        told.add((n,), str(n))
    assert told._held and len(told._files) == 1
    assert list(told) == ["one", "2", "three", "4", "5"]


def test_the_texts_come_back_whole_wherever_their_files_stand(monkeypatch: pytest.MonkeyPatch) -> None:
    """A forked worker that read the temporary files shares where each stands: read again here
    (the worker died, its chunk is made again), they are read from their start."""
    monkeypatch.setattr(spill, "RUN", 2)
    told = spill.Spill()
    for n in range(5):
        told.add((n,), str(n))
    for file in told._files:
        file.seek(0, 2)
    assert list(told) == ["0", "1", "2", "3", "4"]
