"""The import contracts in pyproject.toml name every module, so a new one cannot slip past them."""

from __future__ import annotations

import pkgutil
import tomllib
from pathlib import Path

import consensus

ROOT = Path(__file__).parent.parent
CONTRACTS = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]["contracts"]
MODULES = {f"consensus.{m.name}" for m in pkgutil.iter_modules(consensus.__path__)} - {"consensus.__main__", "consensus._help"}


def contract(name: str) -> dict[str, object]:
    return next(c for c in CONTRACTS if c["name"].startswith(name))


def test_every_module_but_the_command_line_is_kept_from_click() -> None:
    sources = set(contract("Only the command line imports click")["source_modules"])  # type: ignore[arg-type]
    assert sources == MODULES - {"consensus.cli"}


def test_every_module_but_rendering_is_kept_from_rich() -> None:
    sources = set(contract("rich and prompt_toolkit")["source_modules"])  # type: ignore[arg-type]
    assert sources == MODULES - {"consensus.render"}


def test_every_module_has_its_layer() -> None:
    layers = contract("One way down")["layers"]
    placed = {name.strip() for layer in layers for name in layer.split("|")}  # type: ignore[union-attr]
    assert placed == MODULES
