"""Member names: forgiving matching for a note-taker typing fast, and 'did you mean'."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from .errors import Ambiguous, ConsensusError

_LOOKALIKE = str.maketrans({"ı": "i", "ø": "o", "ł": "l", "đ": "d", "æ": "ae", "œ": "oe", "ß": "ss"})


def fold(name: str) -> str:
    """``name`` without case and accents: 'Ayşe' and 'ayse' fold alike."""
    decomposed = unicodedata.normalize("NFKD", name.casefold().translate(_LOOKALIKE))
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


def clean(name: str, what: str = "name") -> str:
    """A name as typed, trimmed; refused if empty or holding invisible control characters."""
    trimmed = " ".join(name.split())
    if not trimmed:
        raise ConsensusError(f"the {what} is empty — type a name")
    if any(unicodedata.category(c) in ("Cc", "Cf", "Co", "Cs") for c in trimmed):
        raise ConsensusError(
            f"the {what} {name!a} contains invisible or control characters — type it plainly"
        )
    return trimmed


def match(name: str, members: Sequence[str]) -> str:
    """The member ``name`` means: exact, then ignoring case and accents, then a unique start."""
    typed = clean(name)
    if not members or typed in members:
        return typed
    folded = fold(typed)
    same = [m for m in members if fold(m) == folded]
    if len(same) == 1:
        return same[0]
    starts = [m for m in members if fold(m).startswith(folded)] if len(folded) >= 2 else []
    if len(starts) == 1:
        return starts[0]
    if len(same) > 1 or len(starts) > 1:
        raise Ambiguous("member name", typed, same or starts)
    by_fold = {fold(m): m for m in members}
    import difflib  # only for a name that did not match: every command reads this module

    close = difflib.get_close_matches(folded, list(by_fold), n=3, cutoff=0.6)
    if close:
        suggestion = " or ".join(f"'{by_fold[c]}'" for c in close)
        raise ConsensusError(f"unknown member '{typed}' — did you mean {suggestion}?")
    raise ConsensusError(
        f"unknown member '{typed}' — members are {', '.join(members)}; "
        f"add them with \"consensus members add '{typed}'\""
    )
