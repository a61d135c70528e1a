"""The hash chain that makes a hand edit of a decision's past visible.

Each event's hash covers its own fields, the text of the version it introduces, and the hash
of the event before it (the first event chains to the decision id). This is evidence against
accidental and casual edits, not a signature: git's history remains the audit trail.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
from typing import Any

from .language import _
from .models import Decision, Event, Version

_TEXT_EVENTS = frozenset({"proposed", "amended"})


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    raise TypeError(f"cannot hash {type(value).__name__}")


_FIELDS = tuple(f.name for f in dataclasses.fields(Event) if f.name != "hash")
# One encoder for every hash (json.dumps would build a new one each call): check hashes
# every event of the register.
_encode = json.JSONEncoder(
    sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=_plain
).encode


def event_hash(previous: str, event: Event, version: Version | None) -> str:
    """The hash of ``event`` following ``previous``; ``version`` is the text it introduces."""
    fields = vars(event)  # a field left at its default (None) may be missing: see tomlfile._event
    payload = {name: value for name in _FIELDS if (value := fields.get(name)) is not None}
    # As _plain would write them, but without a call back from the encoder for each.
    payload["at"] = event.at.isoformat()
    if event.review_by is not None:
        payload["review_by"] = event.review_by.isoformat()
    if event.kind in _TEXT_EVENTS and version is not None:
        payload["text"] = {
            "number": version.number,
            "title": version.title,
            "text": version.text,
            "why": version.why,
        }
    data = _encode([previous, payload])
    return hashlib.sha256(data.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def identity(event: Event, version: Version | None) -> str:
    """What an event is, apart from its place in the chain and the objection numbers a merge may
    have rewritten: the same event has the same identity in every clone, before and after a merge.
    ``undo`` names the event it takes back by it."""
    bare = dataclasses.replace(event, hash="", number=None, objection=None)
    return event_hash("", bare, version)


def _texts(decision: Decision) -> dict[int, Version]:
    return {v.number: v for v in decision.versions}


def append(decision: Decision, event: Event, *new_versions: Version) -> Decision:
    """``decision`` with ``event`` (and the versions it introduces) appended and chained."""
    versions = decision.versions + new_versions
    previous = decision.history[-1].hash if decision.history else decision.id
    texts = {v.number: v for v in versions}
    linked = dataclasses.replace(
        event, hash=event_hash(previous, event, texts.get(event.version or 0))
    )
    return dataclasses.replace(decision, versions=versions, history=(*decision.history, linked))


def relink(decision: Decision) -> Decision:
    """Every hash recomputed: only the merge driver, which unites two histories, may do this."""
    texts = _texts(decision)
    previous = decision.id
    linked = []
    for event in decision.history:
        event = dataclasses.replace(
            event, hash=event_hash(previous, event, texts.get(event.version or 0))
        )
        linked.append(event)
        previous = event.hash
    return dataclasses.replace(decision, history=tuple(linked))


def broken_links(decision: Decision) -> list[tuple[int, str]]:
    """(index, what is wrong) for each event whose hash does not fit its content or place."""
    texts = _texts(decision)
    problems: list[tuple[int, str]] = []
    previous = decision.id
    for index, event in enumerate(decision.history):
        expected = event_hash(previous, event, texts.get(event.version or 0))
        if event.hash != expected:
            problems.append((index, _explain(decision, index, event, previous, texts)))
        previous = event.hash
    return problems


def _explain(
    decision: Decision, index: int, event: Event, previous: str, texts: dict[int, Version]
) -> str:
    what = _("event {number} ({kind} by {by}, {at})").format(
        number=index + 1, kind=event.kind, by=event.by, at=event.at.isoformat())
    if not event.hash:
        return _("{event} has no hash: it was added by hand").format(event=what)
    # Would it fit after another event? Then events were removed or reordered.
    if index > 0 or previous != decision.id:
        for earlier in [decision.id, *(e.hash for e in decision.history)]:
            if earlier != previous and event_hash(
                earlier, event, texts.get(event.version or 0)
            ) == event.hash:
                return _("{event} is out of place: an event before it was removed or reordered").format(event=what)
    if index == 0:
        return (_("{event} does not match its hash: it (or the text of version {version}) was changed by hand")
                if event.kind in _TEXT_EVENTS else
                _("{event} does not match its hash: it was changed by hand")).format(event=what, version=event.version)
    return (_("{event} does not match its hash: it (or the text of version {version}) was changed by hand, or "
              "an event before it was removed")
            if event.kind in _TEXT_EVENTS else
            _("{event} does not match its hash: it was changed by hand, or an event before it was removed")
            ).format(event=what, version=event.version)
