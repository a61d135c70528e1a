"""``check``: every file readable, every history intact, every cross-reference mutual; and what
the group must decide because two clones acted at once (an objection an adoption did not see,
competing replacements), which is no fault of any file.

Incremental unless asked for everything: a file whose stat signature and content digest are
those of a state an earlier check verified whole (and found nothing in, neither a fault nor
something to decide) is not parsed again; its facts for the checks across files are kept with
the digest. Every file is still read and hashed, so a file changed in any way, even with its stat
kept, is parsed again. What the checks across files found is kept too, under a digest of every
decision's facts and every file's signature, the meetings, the language and the version: where
all of these are as they were, it is what they would find again, and the kept facts are not even
decoded (the signatures are this machine's own, so a cache brought by a pull never matches).
What git's last commit holds is compared every time (``committed``), and so are the settings.
"""

from __future__ import annotations

import dataclasses
import os
import stat
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, NamedTuple

from . import chain, ids, schema, tomlfile
from .codec import parse_checked, read_file
from .competing import Replacements, describe
from .errors import BrokenFile, ConsensusError, one_name
from .language import _
from .models import HEADER_KEYS, Decision
from .parallel import each_chunk
from .register import DECISIONS, MEETINGS, SETTINGS_FILE, Register, checked_in
from .replay import DecisionView, header
from .storage import READ_FLAGS, Signature, signature


@dataclass
class Problem:
    """One thing wrong, with the file (relative to the register) and line it is in."""

    file: str
    line: int | None
    message: str
    decide: bool = False  # not a fault: something for the group to decide (check still passes)

    def __str__(self) -> str:
        file = one_name(self.file)
        return f"{file}:{self.line}: {self.message}" if self.line else f"{file}: {self.message}"

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


def _unreadable(root: Path, rel: str, exc: ConsensusError) -> list[Problem]:
    """A file that cannot be read as what it should be: a broken file names its lines."""
    return _from_broken(root, exc) if isinstance(exc, BrokenFile) else [Problem(rel, None, str(exc))]


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


Kept = tuple[str, str, Signature]
"""A file found as an earlier check verified it whole: its name, its facts as JSON, its signature."""
Verified = tuple[str, Signature, str, str]
"""A file found whole: its name (relative to the register), signature, digest and facts as JSON."""


def _as_kept(value: Any) -> str:
    """What a check keeps of a file (a decision's facts, a meeting's id) as JSON: one way only,
    since the key of a whole check is made of these texts."""
    import json

    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _digest(data: bytes) -> str:
    import hashlib

    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _same_files(root: str, folder: str, names: list[str], lookup: bool) -> tuple[list[Kept], list[str]]:
    """The files of ``folder`` that are as an earlier check found them whole (the same signature,
    the same content), with what it kept of them as JSON; and the others, to be parsed. With
    ``lookup``, what the checks found is read from the cache here, for these names only. The few system
    calls of each file and no more: at 100,000 decisions every step taken per file shows."""
    import hashlib

    # Only an id can have been found whole, and ids are ASCII: a name that is not (git checks out
    # any bytes) may not even be text SQLite can take, so it marks no end of the range.
    ids_alike = [n for n in names if n.isascii()] if lookup else []
    if not ids_alike:
        return [], names
    known = checked_in(root, f"{folder}/{ids_alike[0]}", f"{folder}/{ids_alike[-1]}")
    same: list[Kept] = []
    others: list[str] = []
    flags = READ_FLAGS  # as every register file is opened: no FIFO waits, no link leads out
    blake2b, is_regular = hashlib.blake2b, stat.S_ISREG
    where = os.open(os.path.join(root, folder), os.O_RDONLY)
    try:
        for name in names:
            found = known.get(f"{folder}/{name}")
            if found is not None and type(found[2]) is str:  # else damaged by hand: parsed again
                try:
                    fd = os.open(name, flags, dir_fd=where)
                except OSError:
                    others.append(name)
                    continue
                try:
                    now = os.fstat(fd)
                    if is_regular(now.st_mode) and found[0] == (now.st_ino, now.st_size, now.st_mtime_ns,
                                                                 now.st_ctime_ns):
                        data = os.read(fd, now.st_size + 1)
                        if len(data) == now.st_size and blake2b(data, digest_size=16).hexdigest() == found[1]:
                            same.append((name, found[2], found[0]))
                            continue
                except OSError:
                    pass
                finally:
                    os.close(fd)
            others.append(name)
    finally:
        os.close(where)
    return same, others


class Decisions(NamedTuple):
    """What a worker found of a range of decision files."""

    problems: list[Problem]
    facts: list[Facts]  # of the files it parsed
    verified: list[Verified]  # the files it found whole now, to be kept
    same: list[str]  # the files as an earlier check found them whole, not parsed again
    kept: str  # what that check kept of them (their facts), as one JSON list in their order
    key: str  # a digest of the facts and signature of every file of the range, in the order of their names


def _check_decisions(root: str, names: list[str], lookup: bool = True) -> Decisions:
    """The problems of these decision files, the facts of those it parsed, the files found whole
    now (to be kept), and those as an earlier check found them (``_same_files``: not parsed
    again, and what was kept of them not even decoded here: where nothing changed, what the
    checks across files found is known by ``key``)."""
    import hashlib

    top = Path(root)
    problems: list[Problem] = []
    same, others = _same_files(root, DECISIONS, names, lookup)
    facts: list[Facts] = []
    told: dict[str, tuple[str, Signature]] = {}  # the facts of each file as they are kept, its signature
    verified: list[Verified] = []
    schema.expect(len(others))
    for name in others:
        path = top / DECISIONS / name
        rel = _relative(top, path)
        if not ids.is_valid_id(name[:-5]):
            problems.append(Problem(rel, None, _("the file name is not a decision id (use lower-case letters and digits)")))
            continue
        try:
            data, stat = read_file(path)
            decision, view = parse_checked(path, data)
        except ConsensusError as exc:
            problems.extend(_unreadable(top, rel, exc))
            continue
        text = data.decode("utf-8")
        found = [*_integrity(rel, text, decision, view), *_overlooked(rel, text, view)]
        problems.extend(found)
        fact = Facts(
            view.id, view.status, view.current_version, view.superseded_by, view.replaces, view.source,
            frozenset(e.meeting for e in view.history if e.meeting), view.amends, view.partly_replaces,
            view.successors,
        )
        facts.append(fact)
        told[name] = (_as_kept(_facts_kept(fact)), signature(stat))
        if not found:  # a file with anything to say, a fault or a thing to decide, is read every time
            verified.append((rel, told[name][1], _digest(data), told[name][0]))
    told.update((name, (text, sig)) for name, text, sig in same)
    # Each file's signature is in the key too: this machine's inodes and times, which no cache
    # brought by a pull (git add -f) can know, so no such cache can say what check finds.
    key = hashlib.blake2b(digest_size=16)
    for name in names:
        fact_text, sig = told.get(name, ("", None))
        key.update(f"{len(name)}:{name}{sig}{len(fact_text)}:{fact_text}".encode("utf-8", "surrogatepass"))
    return Decisions(problems, facts, verified, [f"{DECISIONS}/{name}" for name, _text, _sig in same],
                     "[" + ",".join(text for _name, text, _sig in same) + "]", key.hexdigest())


def _facts_kept(fact: Facts) -> list[Any]:
    """``fact`` as JSON keeps it."""
    return [fact.id, fact.status, fact.current_version, fact.superseded_by, list(fact.replaces), fact.source,
            sorted(fact.meetings), list(fact.amends), list(fact.partly_replaces), list(fact.successors)]


def _facts_of(kept: Any) -> Facts:
    """The facts ``_facts_kept`` kept; ValueError when they are not."""
    try:
        id_, status, current, superseded_by, replaces, source, meetings, amends, partly, successors = kept
        return Facts(id_, status, current, superseded_by, tuple(replaces), source, frozenset(meetings),
                     tuple(amends), tuple(partly), tuple(successors))
    except (TypeError, ValueError):
        raise ValueError("not the facts of a decision") from None


def _check_meetings(root: str, names: list[str], lookup: bool = True
                    ) -> tuple[list[Problem], list[str], list[Verified], list[str]]:
    """As ``_check_decisions``, for meeting files: their problems, the ids of the readable ones."""
    from .codec import parse_meeting

    top = Path(root)
    problems: list[Problem] = []
    same, names = _same_files(root, MEETINGS, names, lookup)
    found: list[str] = []
    unchanged: list[str] = []
    kept = _decoded_list("[" + ",".join(text for _name, text, _sig in same) + "]", len(same))
    for (name, _text, _sig), meeting_id in zip(same, kept, strict=True):
        if isinstance(meeting_id, str):
            found.append(meeting_id)
            unchanged.append(f"{MEETINGS}/{name}")
        else:  # kept by an older check, or damaged: parsed again
            names.append(name)
    names.sort()
    verified: list[Verified] = []
    for name in names:
        path = top / MEETINGS / name
        rel = _relative(top, path)
        try:
            data, stat = read_file(path)
            meeting = parse_meeting(path, data)
            if meeting.id != name[:-5]:
                raise BrokenFile(path, _("id: the file says '{id}' but is named '{name}'").format(
                    id=meeting.id, name=name[:-5]))
        except ConsensusError as exc:
            problems.extend(_unreadable(top, rel, exc))
            continue
        found.append(meeting.id)
        verified.append((rel, signature(stat), _digest(data), _as_kept(meeting.id)))
    return problems, found, verified, unchanged


class Checked(NamedTuple):
    """What ``run`` found: every problem (none means all is well), and how many decisions it read."""

    problems: list[Problem]
    decisions: int


def run(register: Register, full: bool = False) -> Checked:
    """Every problem in the register, and the number of decisions that could be read. ``full``:
    parse every file, even those an earlier check found whole in the state they are in."""
    problems: list[Problem] = []
    # The workers read what earlier checks found from the cache, once this command has opened it
    # (which makes it anew where it is damaged or of another version).
    lookup = not full and register.index.db() is not None
    verified: list[Verified] = []
    unchanged: list[str] = []  # found as an earlier check found them whole
    root = str(register.root)
    import hashlib

    key = hashlib.blake2b(digest_size=16)  # of all the checks across files read, as it is here
    local = False  # whether the key holds something of this machine's (see _check_decisions)
    try:
        data, stat = read_file(register.root / SETTINGS_FILE)
        key.update(str(signature(stat)).encode())
        local = True
        settings = register.index.checked(SETTINGS_FILE) if lookup else None
        if settings is not None and settings[0] == signature(stat) and settings[1] == _digest(data):
            unchanged.append(SETTINGS_FILE)
        else:
            from .codec import parse_settings

            parse_settings(register.root / SETTINGS_FILE, data)
            verified.append((SETTINGS_FILE, signature(stat), _digest(data), _as_kept(None)))
    except BrokenFile as exc:
        problems.extend(_from_broken(register.root, exc))
    except ConsensusError as exc:
        problems.append(Problem(SETTINGS_FILE, None, str(exc)))

    parsed: list[Facts] = []
    kept: list[tuple[list[str], str]] = []  # files not parsed, and their facts as one JSON list
    decisions = sorted(_listing(register.decisions_dir))
    for found in each_chunk(partial(_check_decisions, lookup=lookup), root, decisions):
        problems.extend(found.problems)
        parsed.extend(found.facts)
        verified.extend(found.verified)
        unchanged.extend(found.same)
        kept.append((found.same, found.kept))
        key.update(found.key.encode())

    meetings: set[str] = set()
    try:
        open_meeting = register.open_meeting()
        if open_meeting:
            meetings.add(open_meeting.id)
    except BrokenFile as exc:
        problems.extend(_from_broken(register.root, exc))
    ended = sorted(_listing(register.meetings_dir))
    for said, meeting_ids, chunk_verified, same in each_chunk(partial(_check_meetings, lookup=lookup), root, ended):
        problems.extend(said)
        meetings.update(meeting_ids)
        verified.extend(chunk_verified)
        unchanged.extend(same)
    from . import __version__, language

    key.update(_as_kept([__version__, language.current(), sorted(meetings)]).encode("utf-8", "surrogatepass"))
    # Where every file's facts (and the meetings, the language) are as the last check found
    # them, so is what it found across files: the 100,000 facts need not even be decoded.
    known = register.index.verdict() if lookup and local else None
    across = _problems_in(known[1]) if known is not None and known[0] == key.hexdigest() else None
    count = len(parsed) + sum(len(same) for same, _text in kept)
    if across is None:
        facts = {fact.id: fact for fact in parsed}
        damaged = _kept_facts(kept, facts)
        if damaged:  # kept facts damaged by hand (the files are whole): those files are parsed
            again = _check_decisions(root, sorted(n.removeprefix(DECISIONS + "/") for n in damaged), lookup=False)
            problems.extend(again.problems)
            facts.update((fact.id, fact) for fact in again.facts)
            verified.extend(again.verified)
            unchanged = [name for name in unchanged if name not in damaged]
        # In the order of the ids, however many were parsed or kept (check and check --full agree).
        across = _cross_file(dict(sorted(facts.items())), meetings)
        count = len(facts)
        if local and not damaged:
            register.index.put_verdict(key.hexdigest(), _as_kept([dataclasses.astuple(p) for p in across]))
    # What was found whole now or before is remembered; anything else (gone, or found wrong) not.
    register.index.put_checked(verified, unchanged)
    problems.sort(key=_order)
    problems.extend(across)
    from .committed import lost

    problems.extend(Problem(found.file, None, found.message) for found in lost(register.root, DECISIONS))
    return Checked(problems, count)


def _kept_facts(kept: list[tuple[list[str], str]], facts: dict[str, Facts]) -> set[str]:
    """The facts earlier checks kept, decoded into ``facts``; the files whose kept facts are not
    facts (damaged by hand)."""
    damaged: set[str] = set()
    for names, text in kept:
        for name, fact in zip(names, _decoded_list(text, len(names)), strict=True):
            try:
                made = _facts_of(fact)
            except ValueError:
                damaged.add(name)
                continue
            facts[made.id] = made
    return damaged


def _problems_in(text: str) -> list[Problem] | None:
    """The problems a verdict kept; None where they are not (damaged by hand: found again)."""
    import json

    try:
        found = [Problem(file, line, message, decide) for file, line, message, decide in json.loads(text)]
    except (ValueError, TypeError, RecursionError):
        return None
    if all(isinstance(p.file, str) and isinstance(p.line, int | None) and isinstance(p.message, str)
           and isinstance(p.decide, bool) for p in found):
        return found
    return None


def _decoded_list(text: str, count: int) -> list[Any]:
    """The JSON list ``text`` of ``count`` items; where it is not one (damaged by hand), as many
    Nones: those files are parsed again."""
    import json

    try:
        found = json.loads(text)
    except (ValueError, TypeError, RecursionError):
        return [None] * count
    return found if isinstance(found, list) and len(found) == count else [None] * count


def _order(problem: Problem) -> tuple[bool, bool]:
    """Problems of files in the order check has always said them: the settings, decisions, meetings."""
    return (problem.file != SETTINGS_FILE, problem.file.startswith(MEETINGS + "/"))


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
    # Each message looked up once, not once a decision, and nothing made for a decision with
    # nothing to say: at 100,000 decisions this loop took 1.6 s, most of it that.
    absent = _("superseded by {id}, which is not in the register")
    unsaid = _("superseded by {newer}, but {newer} does not say it replaces {id}")
    missing_old = _("replaces {id}, which is not in the register")
    partly_missing = _("partly replaces {id}, which is not in the register")
    amends_missing = _("amends {id}, which is not in the register")
    unknown_meeting = _("an event refers to meeting {id}, which is not in meetings/ (if it is still open on another "
                        "machine, end it there and share the file)")
    for fact in facts.values():
        for successor in fact.successors:
            newer = facts.get(successor)
            if newer is None:
                problems.append(Problem(f"decisions/{fact.id}.toml", None, absent.format(id=successor)))
            elif fact.id not in newer.replaces and not (fact.source and newer.source):
                problems.append(Problem(f"decisions/{fact.id}.toml", None, unsaid.format(newer=newer.id, id=fact.id)))
        # An adopted replacement whose old decision does not name it comes of two clones acting at
        # once: two decisions in force in one place is for the group to decide (below), not a fault.
        if fact.replaces or fact.partly_replaces or fact.amends:
            for said, others in ((missing_old, fact.replaces), (partly_missing, fact.partly_replaces),
                                 (amends_missing, fact.amends)):
                for other in others:
                    if other not in facts:
                        problems.append(Problem(f"decisions/{fact.id}.toml", None, said.format(id=other)))
        if fact.meetings and not fact.meetings <= meetings:
            problems.append(Problem(f"decisions/{fact.id}.toml", None,
                                    unknown_meeting.format(id=min(fact.meetings - meetings))))
    problems.extend(Problem(f"decisions/{c.replaced}.toml", None, describe(c, c.replaced), decide=True)
                    for c in Replacements(facts).competitions())
    return problems
