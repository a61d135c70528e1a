"""``check``: every file readable, every history intact, every cross-reference mutual; and what
the group must decide because two clones acted at once (an objection an adoption did not see,
competing replacements), which is no fault of any file."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from . import chain, ids, tomlfile
from .codec import parse_checked, read_file
from .competing import Replacements, describe
from .errors import BrokenFile, ConsensusError
from .language import _
from .models import HEADER_KEYS, Decision
from .parallel import map_chunks
from .register import DECISIONS, SETTINGS_FILE, Register
from .replay import DecisionView, header


@dataclass
class Problem:
    """One thing wrong, with the file (relative to the register) and line it is in."""

    file: str
    line: int | None
    message: str
    decide: bool = False  # not a fault: something for the group to decide (check still passes)

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}" if self.line else f"{self.file}: {self.message}"

    def as_json(self) -> dict[str, Any]:
        """The shape of ``check --json``."""
        return {"file": self.file, "line": self.line, "message": self.message}


def _relative(root: Path, path: Path | str) -> str:
    try:
        return Path(path).relative_to(root).as_posix()
    except ValueError:
        return str(path)


def _from_broken(root: Path, exc: BrokenFile) -> list[Problem]:
    return [Problem(_relative(root, e.path), e.line, e.detail) for e in [exc, *exc.more]]


class Facts(NamedTuple):
    """What the cross-file checks need of one decision (small, so workers can send it back)."""

    id: str
    status: str
    current_version: int | None
    superseded_by: str | None
    replaces: tuple[str, ...]
    source: str | None
    meetings: frozenset[str]
    amends: tuple[str, ...] = ()
    partly_replaces: tuple[str, ...] = ()
    successors: tuple[str, ...] = ()


def _check_decisions(root: str, names: list[str]) -> tuple[list[Problem], list[Facts]]:
    """The problems of these decision files, and the facts of the readable ones."""
    top = Path(root)
    problems: list[Problem] = []
    facts: list[Facts] = []
    for name in names:
        path = top / DECISIONS / name
        rel = _relative(top, path)
        if not ids.is_valid_id(name[:-5]):
            problems.append(Problem(rel, None, _("the file name is not a decision id (use lower-case letters and digits)")))
            continue
        try:
            data, _stat = read_file(path)
            decision, view = parse_checked(path, data)
        except BrokenFile as exc:
            problems.extend(_from_broken(top, exc))
            continue
        except ConsensusError as exc:
            problems.append(Problem(rel, None, str(exc)))
            continue
        text = data.decode("utf-8")
        problems.extend(_integrity(rel, text, decision, view))
        problems.extend(_overlooked(rel, text, view))
        facts.append(Facts(
            view.id, view.status, view.current_version, view.superseded_by, view.replaces, view.source,
            frozenset(e.meeting for e in view.history if e.meeting), view.amends, view.partly_replaces,
            view.successors,
        ))
    return problems, facts


def run(register: Register) -> list[Problem]:
    """Every problem in the register; an empty list means all is well."""
    problems: list[Problem] = []
    try:
        register.settings  # noqa: B018 - reading it is the check
    except BrokenFile as exc:
        problems.extend(_from_broken(register.root, exc))
    except ConsensusError as exc:
        problems.append(Problem(SETTINGS_FILE, None, str(exc)))

    facts: dict[str, Facts] = {}
    for found, chunk_facts in map_chunks(_check_decisions, str(register.root), sorted(_listing(register.decisions_dir))):
        problems.extend(found)
        facts.update((f.id, f) for f in chunk_facts)

    meetings: set[str] = set()
    try:
        open_meeting = register.open_meeting()
        if open_meeting:
            meetings.add(open_meeting.id)
    except BrokenFile as exc:
        problems.extend(_from_broken(register.root, exc))
    for name in sorted(_listing(register.meetings_dir)):
        try:
            meetings.add(register.load_meeting(name[:-5], trust_index=False).id)
        except BrokenFile as exc:
            problems.extend(_from_broken(register.root, exc))
    problems.extend(_cross_file(facts, meetings))
    from .committed import lost

    problems.extend(Problem(found.file, None, found.message) for found in lost(register.root, DECISIONS))
    return problems


def _listing(folder: Path) -> list[str]:
    try:
        return [n for n in os.listdir(folder) if n.endswith(".toml") and not n.startswith(".")]
    except FileNotFoundError:
        return []


def _integrity(rel: str, text: str, decision: Decision, view: DecisionView) -> list[Problem]:
    problems = []
    for index, message in chain.broken_links(decision):
        problems.append(Problem(rel, tomlfile.locate(text, ["history", index]), message))
    history = decision.history
    for index in range(1, len(history)):
        # Merged histories are interleaved by time and the process refuses a step dated before
        # the last one, so a history out of order was written with a clock set wrong (or by hand).
        earlier, event = history[index - 1], history[index]
        if event.at < earlier.at:
            problems.append(Problem(
                rel, tomlfile.locate(text, ["history", index]),
                _("event {number} ({kind} by {by}, {at}) is dated before event {before} ({before_kind}, "
                  "{before_at}): the history goes back in time (a clock was set wrong when it was recorded)").format(
                    number=index + 1, kind=event.kind, by=event.by, at=event.at.isoformat(), before=index,
                    before_kind=earlier.kind, before_at=earlier.at.isoformat()),
            ))
    written = decision.written
    if written is not None:
        expected = header(view)
        for key in HEADER_KEYS:
            if key == "head":
                continue  # the file's commitment to its last event: parse_checked holds it to that
            said, truth = getattr(written, key), getattr(expected, key)
            if said != truth:
                problems.append(Problem(
                    rel, tomlfile.locate(text, [key]),
                    _("{key} says {said} but the history says {truth}").format(
                        key=key, said=_show(said), truth=_show(truth)),
                ))
    states = {v.number: v.state for v in view.versions}
    for index, version in enumerate(decision.versions):
        if version.state is not None and version.state != states.get(version.number):
            problems.append(Problem(
                rel, tomlfile.locate(text, ["versions", index, "state"]),
                _("version {number} says state '{said}' but the history says '{truth}'").format(
                    number=version.number, said=version.state, truth=states.get(version.number)),
            ))
    return problems


def _overlooked(rel: str, text: str, view: DecisionView) -> list[Problem]:
    """The objections the adoption in force did not see: open, for the group to settle."""
    found = []
    for o in view.overlooked:
        index = next((i for i, e in enumerate(view.history) if e is o.raised), None)
        found.append(Problem(
            rel, tomlfile.locate(text, ["history", index]) if index is not None else None,
            _('objection {number} by {name} came with a merge: the adoption of version {version} did not see it, '
              'and it is open — resolve it ("consensus resolve {id} {number} --how …") or take it up in a new '
              'version ("consensus amend {id} --resolves {number} …")').format(
                  number=o.number, name=o.by, version=o.overlooked_by, id=view.id),
            decide=True,
        ))
    return found


def _show(value: Any) -> str:
    if value is None or value == ():
        return _("nothing")
    if isinstance(value, tuple):
        return ", ".join(map(str, value))
    text = str(value)
    return f"'{text[:40]}…'" if len(text) > 40 else f"'{text}'"


def _cross_file(facts: dict[str, Facts], meetings: set[str]) -> list[Problem]:
    problems = []
    for fact in facts.values():
        rel = f"decisions/{fact.id}.toml"
        for successor in fact.successors:
            newer = facts.get(successor)
            if newer is None:
                problems.append(Problem(rel, None, _("superseded by {id}, which is not in the register").format(
                    id=successor)))
            elif fact.id not in newer.replaces and not (fact.source and newer.source):
                problems.append(Problem(rel, None, _("superseded by {newer}, but {newer} does not say it replaces {id}").format(
                    newer=newer.id, id=fact.id)))
        # An adopted replacement whose old decision does not name it comes of two clones acting at
        # once: two decisions in force in one place is for the group to decide (below), not a fault.
        problems.extend(Problem(rel, None, _("replaces {id}, which is not in the register").format(id=old_id))
                        for old_id in fact.replaces if old_id not in facts)
        for said, others in ((_("partly replaces {id}, which is not in the register"), fact.partly_replaces),
                             (_("amends {id}, which is not in the register"), fact.amends)):
            problems.extend(Problem(rel, None, said.format(id=other)) for other in others if other not in facts)
        missing = sorted(fact.meetings - meetings)
        if missing:
            problems.append(Problem(
                rel, None,
                _("an event refers to meeting {id}, which is not in meetings/ (if it is still open on another "
                  "machine, end it there and share the file)").format(id=missing[0]),
            ))
    problems.extend(Problem(f"decisions/{c.replaced}.toml", None, describe(c, c.replaced), decide=True)
                    for c in Replacements(facts).competitions())
    return problems
