"""The words of the process, importable without loading the models (``--help`` needs them)."""

from __future__ import annotations

STATUSES = ("proposed", "active", "superseded", "retired", "rejected", "withdrawn")
