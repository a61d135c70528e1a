"""Short decision ids that are easy to say aloud and never collide between clones."""

from __future__ import annotations

import re
from collections.abc import Iterable

from .errors import Ambiguous, NotFound
from .language import N_, _

# 32 symbols: no 0/o and no 1/l, which people misread and mishear.
ALPHABET = "23456789abcdefghijkmnpqrstuvwxyz"
LETTERS = "abcdefghijkmnpqrstuvwxyz"
LENGTH = 8
ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")


def new_id(taken: Iterable[str] = ()) -> str:
    """A fresh random id (first symbol a letter, so it never reads as a number)."""
    import secrets  # only here: it brings hashlib, which reading commands never need

    taken_set = set(taken)
    while True:
        candidate = secrets.choice(LETTERS) + "".join(
            secrets.choice(ALPHABET) for _ in range(LENGTH - 1)
        )
        if candidate not in taken_set:
            return candidate


def is_valid_id(text: str) -> bool:
    """Whether ``text`` may name a file of the register (no paths, no dots)."""
    return bool(ID_PATTERN.fullmatch(text))


_NONE_GIVEN = {
    "decision": N_('no decision id given — run "consensus list" to see them'),
    "meeting": N_('no meeting id given — run "consensus meeting list" to see them'),
}
_NONE_MATCHES = {
    "decision": N_("no decision matches '{prefix}' — run \"consensus list\" to see the ids"),
    "meeting": N_("no meeting matches '{prefix}' — run \"consensus meeting list\" to see the ids"),
}
_WHAT = {"decision": N_("decision"), "meeting": N_("meeting")}


def resolve(prefix: str, ids: Iterable[str], what: str = "decision") -> str:
    """The one id among ``ids`` that ``prefix`` names; refuses unknown and ambiguous ones.
    ``what``: ``decision`` or ``meeting``."""
    wanted = prefix.strip().lower()
    if wanted.endswith(".toml"):
        wanted = wanted.rsplit("/", 1)[-1][: -len(".toml")]
    if not wanted:
        raise NotFound(_(_NONE_GIVEN[what]))
    all_ids = sorted(ids)
    if wanted in all_ids:
        return wanted
    matches = [i for i in all_ids if i.startswith(wanted)]
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise Ambiguous(_(_WHAT[what]), prefix, matches)
    shown = prefix if prefix.isprintable() else repr(prefix)
    raise NotFound(_(_NONE_MATCHES[what]).format(prefix=shown))
