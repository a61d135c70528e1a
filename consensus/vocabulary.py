"""The words of the process, importable without loading the models (``--help`` needs them)."""

from __future__ import annotations

from .language import N_, _

STATUSES = ("proposed", "active", "superseded", "retired", "rejected", "withdrawn")

_STATUS_WORDS = {
    "proposed": N_("proposed"), "active": N_("active"), "superseded": N_("superseded"),
    "retired": N_("retired"), "rejected": N_("rejected"), "withdrawn": N_("withdrawn"),
}


def status_word(status: str) -> str:
    """A decision's status as people say it, in the language in use."""
    return _(_STATUS_WORDS.get(status, status))


_STATE_WORDS = {
    "open": N_("open"), "revised": N_("revised"), "adopted": N_("adopted"), "replaced": N_("replaced"),
    "rejected": N_("rejected"), "withdrawn": N_("withdrawn"),
}


def state_word(state: str) -> str:
    """A version's state as people say it, in the language in use."""
    return _(_STATE_WORDS.get(state, state))
