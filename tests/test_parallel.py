"""``parallel.apart``: a job in a process of its own, its result or its error brought back."""

from __future__ import annotations

from pathlib import Path

import pytest

from consensus import parallel
from consensus.errors import Ambiguous


def test_a_job_apart_gives_back_its_result() -> None:
    assert parallel.apart(lambda: b"made" * 3) == b"mademademade"


@pytest.mark.parametrize("error", [OSError(5, "the disk went away"), Ambiguous("id", "ab", ["abc", "abd"])])
def test_what_a_job_apart_raises_is_raised_here_and_the_job_runs_once(tmp_path: Path, error: Exception) -> None:
    ran = tmp_path / "ran"

    def make() -> bytes:
        with ran.open("a") as marks:
            marks.write("ran\n")
        raise error

    with pytest.raises(type(error)) as caught:
        parallel.apart(make)
    assert str(caught.value) == str(error)
    assert ran.read_text() == "ran\n"
