"""What the declared dependency bounds promise, checked in whatever environment the tests run in."""

from __future__ import annotations

import importlib
import importlib.machinery
import platform

import pytest

from consensus import tomlfile


@pytest.mark.skipif(platform.machine().lower() not in {"x86_64", "amd64", "aarch64", "arm64"},
                    reason="tomli ships compiled wheels for these machines only")
def test_decisions_are_read_by_the_compiled_tomli() -> None:
    """The speed the README claims rests on tomli's compiled parser: tomli 2.2.1 and later (the bound)."""
    module = importlib.import_module(tomlfile.tomli().loads.__module__)
    assert module.__name__ == "tomli._parser"
    assert module.__file__ is not None
    assert module.__file__.endswith(tuple(importlib.machinery.EXTENSION_SUFFIXES)), module.__file__


def test_decisions_are_read_by_rtoml_first() -> None:
    """rtoml reads the files (three times faster than tomli); tomli only says what is wrong."""
    assert tomlfile._fast_loads is not None
    assert tomlfile._fast_loads.__module__.startswith("rtoml")


def test_rtoml_reads_the_files_as_tomli_does() -> None:
    """Equal, and alike down to the repr of their moments' time zones (the website's keys are
    made of reprs; a worker sends results back pickled)."""
    import pickle
    from pathlib import Path

    for path in sorted(Path("examples/bergkamen").rglob("*.toml")):
        data = path.read_bytes()
        fast = tomlfile.parse(data, path)
        assert repr(fast) == repr(tomlfile.tomli().loads(data.decode("utf-8"))), path
        assert pickle.loads(pickle.dumps(fast)) == fast
