"""Member names: forgiving matching for a note-taker typing fast, and 'did you mean'."""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Sequence
from typing import TYPE_CHECKING

from .errors import Ambiguous, ConsensusError
from .language import _

if TYPE_CHECKING:
    from .register import Register

_LOOKALIKE = str.maketrans({"ı": "i", "ø": "o", "ł": "l", "đ": "d", "æ": "ae", "œ": "oe", "ß": "ss"})


_LOOKALIKES = re.compile("[" + "".join(chr(c) for c in _LOOKALIKE) + "]")
_MARKS: set[str] = set()  # the combining marks met so far
_LOOKED_AT: set[str] = set()  # every character looked at for being one
_marks = re.compile("(?!)")  # matches any of _MARKS (none yet)


def fold(name: str) -> str:
    """``name`` without case and accents: 'Ayşe' and 'ayse' fold alike.

    Whole texts are folded for a search, so the marks are taken out by one regular expression
    (in C), not character by character: each distinct character is asked once whether it is a
    mark (a search of 10,000 decisions spent 34 of 76 seconds here, one character at a time).
    """
    global _marks
    text = name.casefold()
    if text.isascii():
        return " ".join(text.split())
    if _LOOKALIKES.search(text):
        text = text.translate(_LOOKALIKE)
    decomposed = unicodedata.normalize("NFKD", text)
    if not decomposed.isascii():
        new = set(decomposed) - _LOOKED_AT
        if new:
            _LOOKED_AT.update(new)
            found = {c for c in new if unicodedata.combining(c)}
            if found:
                _MARKS.update(found)
                _marks = re.compile("[" + "".join(map(re.escape, sorted(_MARKS))) + "]")
        decomposed = _marks.sub("", decomposed)
    return " ".join(decomposed.split())


def clean(name: str, what: str | None = None) -> str:
    """A name as typed, trimmed; refused if empty or holding invisible control characters."""
    what = what or _("the name")
    trimmed = " ".join(name.split())
    if not trimmed:
        raise ConsensusError(_("{what} is empty — type a name").format(what=what))
    if any(unicodedata.category(c) in ("Cc", "Cf", "Co", "Cs") for c in trimmed):
        raise ConsensusError(
            _("{what} {name} contains invisible or control characters — type it plainly").format(
                what=what, name=ascii(name))
        )
    return trimmed


def match(name: str, members: Sequence[str], guests: Sequence[str] = ()) -> str:
    """The member (or guest) ``name`` means: exact, then ignoring case and accents, then a unique start."""
    typed = clean(name)
    members = (*members, *(g for g in guests if g not in members)) if members else ()
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
        raise Ambiguous(_("member name"), typed, same or starts)
    by_fold = {fold(m): m for m in members}
    import difflib  # only for a name that did not match: every command reads this module

    close = difflib.get_close_matches(folded, list(by_fold), n=3, cutoff=0.6)
    if close:
        suggestion = _(" or ").join(f"'{by_fold[c]}'" for c in close)
        raise ConsensusError(_("unknown member '{name}' — did you mean {suggestion}?").format(
            name=typed, suggestion=suggestion))
    listed = [m for m in members if m not in guests]
    raise ConsensusError(
        _("unknown member '{name}' — members are {members}; add them with \"consensus members add '{name}'\"").format(
            name=typed, members=", ".join(listed))
        + (_(" (guests of the meeting: {guests})").format(guests=", ".join(guests)) if guests else "")
    )


def distinct(raw: Sequence[str], present: Sequence[str] = ()) -> list[str]:
    """``raw`` names cleaned, refused when one is given twice or is one of ``present`` already."""
    names = list(present)
    for typed in raw:
        name = clean(typed, _("the member name"))
        same = [n for n in names if fold(n) == fold(name)]
        if same:
            if same[0] in present:
                raise ConsensusError(_("'{name}' is a member already (as '{member}') — nothing was changed").format(
                    name=name, member=same[0]))
            raise ConsensusError(_("'{name}' is named twice — give each member once").format(name=name))
        names.append(name)
    return names[len(present):]


def add(register: Register, raw: Sequence[str]) -> tuple[str, ...]:
    """Add members to the register; returns every member now."""
    with register.transaction() as tx:
        settings = register.settings
        members = settings.members + tuple(distinct(raw, settings.members))
        tx.save_settings(dataclasses.replace(settings, members=members))
    return members


def remove(register: Register, name: str) -> tuple[str, tuple[str, ...]]:
    """Remove the member ``name`` means; returns (who, every member left)."""
    with register.transaction() as tx:
        settings = register.settings
        if not settings.members:
            raise ConsensusError(_("the register has no members to remove"))
        member = match(name, settings.members)
        remaining = tuple(m for m in settings.members if m != member)
        tx.save_settings(dataclasses.replace(settings, members=remaining))
    return member, remaining
