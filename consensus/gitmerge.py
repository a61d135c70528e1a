"""Git as the shared engine: ``git-setup`` and the merge driver for decision and meeting files.

Two clones that worked at the same time each appended events to a decision. The driver keeps
every event of both, interleaves the two new tails by time (each tail keeps its own order),
and re-links the hash chain; only a real contradiction is left to a person. What the two did at
once without knowing of each other stays visible for the group to settle (see ``replay``): an
objection the other side's adoption did not see stays open, and a decision replaced on both
sides by different decisions is superseded by both.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path

from . import chain
from .codec import encode_decision, parse_decision, read_file
from .errors import ConsensusError
from .language import _
from .models import Decision, Event, Version
from .replay import ReplayError, placed, replay

DRIVER = "consensus"
ATTRIBUTES = ("decisions/*.toml merge=consensus", "meetings/*.toml merge=consensus", "consensus.toml merge=consensus")


MOST_RENUMBERED = 100  # objections of one merge that may need a new number: legitimately a handful


class Clash(ConsensusError):
    """Two histories that cannot both be true."""


def _git(root: Path, *args: str) -> str:
    import os
    import subprocess

    # git in English, whatever the user's locale: its words are read below, never shown alone.
    english = {**os.environ, "LC_ALL": "C", "LANGUAGE": "C"}
    try:
        done = subprocess.run(
            ["git", *args], cwd=root, capture_output=True, text=True, timeout=30, check=False, env=english
        )
    except OSError:
        raise ConsensusError(_("git is not installed — install git to share a register")) from None
    if done.returncode != 0:
        raise ConsensusError(
            _('{folder} is not inside a git repository — run "git init" there first').format(folder=root)
            if "not a git repository" in done.stderr
            else _("git {command} failed: {problem}").format(command=" ".join(args), problem=done.stderr.strip())
        )
    return done.stdout.strip()


def setup(root: Path) -> list[str]:
    """Register the merge driver for the register in ``root``; returns what was done."""
    top = Path(_git(root, "rev-parse", "--show-toplevel"))
    from .storage import add_lines

    attributes = root / ".gitattributes"
    done = []
    try:
        added = add_lines(attributes, list(ATTRIBUTES))
    except OSError as exc:
        raise ConsensusError(_("cannot write {file}: {problem}").format(file=attributes, problem=exc.strerror)) from None
    if added:
        done.append(_("Added the merge driver to {file} — commit it, so every clone merges decisions the same way").format(
            file=attributes.relative_to(top) if attributes.is_relative_to(top) else attributes))
    import shlex

    command = " ".join(map(shlex.quote, driver())) + " %O %A %B %P"
    _git(root, "config", f"merge.{DRIVER}.name", "consensus: unite decision histories")
    _git(root, "config", f"merge.{DRIVER}.driver", command)
    done.append(_("Set merge.{driver}.driver in {file} (run git-setup once in every clone)").format(
        driver=DRIVER, file=top / ".git" / "config"))
    return done


def driver() -> list[str]:
    """The command git runs for each file both sides changed, before its four file names.

    git starts it at the top of the work tree, which holds whatever was pulled. ``-P`` keeps that
    folder off the module path: ``python -m consensus`` there would import a ``consensus/``
    folder of the pulled tree before the installed package, and run it. ``-c`` rather than ``-m``
    also spares the module runner (5 to 7 ms a file)."""
    import sys

    return [sys.executable, "-P", "-c", "from consensus.__main__ import main; main()", "git-merge"]


def driver_outdated(root: Path) -> bool:
    """Whether this clone's git config starts the merge driver as earlier versions did, without
    ``-P`` (see ``driver``): then a pull can bring code that the next merge runs."""
    try:
        command = _git(root, "config", "--get", f"merge.{DRIVER}.driver")
    except ConsensusError:  # no git, no repository, no driver: nothing to warn of
        return False
    return bool(command) and " -P " not in f" {command} "


def _key(event: Event, texts: dict[int, Version]) -> str:
    return chain.identity(event, texts.get(event.version or 0))


def _describe(event: Event) -> str:
    version = f" v{event.version}" if event.version is not None else ""
    return _("'{kind}'{version} by {name} at {at}").format(
        kind=event.kind, version=version, name=event.by, at=event.at.isoformat())


def merge_decision(ours: Decision, theirs: Decision, path: str) -> tuple[Decision, list[str]]:
    """Both histories in one, or a ``Clash`` naming the events that contradict each other."""
    how_to = _(' — keep one side with "git checkout --ours {path}" (or --theirs), "git add {path}", '
               "then record what the other side did again with consensus").format(path=path)
    if ours.id != theirs.id:
        raise Clash(_("cannot merge {path}: the two sides are different decisions ({ours}, {theirs})").format(
            path=path, ours=ours.id, theirs=theirs.id) + how_to)
    our_texts = {v.number: v for v in ours.versions}
    their_texts = {v.number: v for v in theirs.versions}
    our_keys = [_key(e, our_texts) for e in ours.history]
    their_keys = [_key(e, their_texts) for e in theirs.history]
    if our_keys[:1] != their_keys[:1]:
        raise Clash(_(
            "cannot merge {path}: two different decisions got the same id {id} (ours starts with {ours}, "
            "theirs with {theirs}) — rename one: copy its text into a new proposal and delete that file"
        ).format(path=path, id=ours.id, ours=_describe(ours.history[0]), theirs=_describe(theirs.history[0])))
    common = 0
    while common < min(len(our_keys), len(their_keys)) and our_keys[common] == their_keys[common]:
        common += 1
    our_tail = list(ours.history[common:])
    seen = set(our_keys[common:])
    their_tail = [e for e, k in zip(theirs.history[common:], their_keys[common:], strict=True) if k not in seen]
    notes: list[str] = []

    versions = dict(our_texts)
    for number, version in their_texts.items():
        mine = versions.get(number)
        if mine is None:
            versions[number] = version
        elif (mine.title, mine.text, mine.why) != (version.title, version.text, version.why):
            ours_event = next((e for e in our_tail if e.version == number and e.kind in ("proposed", "amended")), None)
            theirs_event = next((e for e in their_tail if e.version == number and e.kind in ("proposed", "amended")), None)
            raise Clash(_(
                "cannot merge {path}: both sides proposed a different version {number} of {id} "
                "(ours: {ours}; theirs: {theirs})"
            ).format(path=path, number=number, id=ours.id, ours=_describe(ours_event) if ours_event else "?",
                     theirs=_describe(theirs_event) if theirs_event else "?") + how_to)
    _refuse_contradictions(our_tail, their_tail, path, ours.id, how_to)
    their_tail = _drop_repeats(our_tail, their_tail, notes, ours.id)
    notes.extend(_ended_differently(our_tail, their_tail, ours.id))

    sided: list[tuple[str, Event]] = []
    i = j = 0
    while i < len(our_tail) or j < len(their_tail):
        if j >= len(their_tail) or (i < len(our_tail) and our_tail[i].at <= their_tail[j].at):
            sided.append(("ours", our_tail[i]))
            i += 1
        else:
            sided.append(("theirs", their_tail[j]))
            j += 1
    texts = tuple(versions[n] for n in sorted(versions))
    merged_tail = _renumber_objections(ours.id, texts, list(ours.history[:common]), sided, notes)
    merged = Decision(
        id=ours.id, format=max(ours.format, theirs.format), versions=texts,
        history=tuple(ours.history[:common]) + tuple(merged_tail),
    )
    merged = chain.relink(merged)
    try:
        replay(merged)
    except ReplayError as exc:
        raise Clash(_("cannot merge {path}: the united history does not replay ({problem})").format(
            path=path, problem=exc) + how_to) from None
    return merged, notes


def _renumber_objections(decision_id: str, texts: Sequence[Version], before: Sequence[Event],
                         sided: Sequence[tuple[str, Event]], notes: list[str]) -> list[Event]:
    """Objections raised on both sides at once can have the same number in one round: the later
    one moves up, past every number used in the round it joins and in the version it names (the
    replay of what comes before it says which round that is), and its side's resolutions follow."""
    history = list(before)
    moved: dict[tuple[str, int], int] = {}  # (side, number as that side wrote it): the number now
    # An objection numbered above every number so far cannot clash, and needs no replay: each
    # replay reads the whole history, so a merge of many clashing objections is bounded instead.
    highest = max((e.number or 0 for e in before if e.kind == "objected"), default=0)
    replays = 0
    for side, event in sided:
        if event.kind == "resolved" and event.objection is not None:
            number = moved.get((side, event.objection), event.objection)
            if number != event.objection:
                event = dataclasses.replace(event, objection=number)
        elif event.kind == "objected" and event.number is not None and event.number <= highest:
            replays += 1
            if replays > MOST_RENUMBERED:
                raise Clash(_("cannot merge {path}: more than {most} objections were raised on both sides at once "
                              "— keep one side and record the other's again").format(
                                  path=f"decisions/{decision_id}.toml", most=MOST_RENUMBERED))
            where = placed(replay(_so_far(decision_id, texts, history)), event)
            used = max(where[0].last_objection, where[1].last_objection) if where is not None else 0
            written = event.number
            if written <= used:
                notes.append(_("{id}: objection {number} by {name} is now objection {new}").format(
                    id=decision_id, number=written, name=event.by, new=used + 1))
                event = dataclasses.replace(event, number=used + 1)
            moved[(side, written)] = event.number or written
        if event.kind == "objected":
            highest = max(highest, event.number or 0)
        history.append(event)
    return history[len(before):]


def _so_far(decision_id: str, texts: Sequence[Version], history: Sequence[Event]) -> Decision:
    """The decision as far as ``history`` goes, with the texts its events introduced."""
    introduced = {e.version for e in history if e.kind in ("proposed", "amended")}
    return Decision(id=decision_id, versions=tuple(v for v in texts if v.number in introduced),
                    history=tuple(history))


def _refuse_contradictions(ours: Sequence[Event], theirs: Sequence[Event], path: str,
                           decision_id: str, how_to: str) -> None:
    def first(events: Sequence[Event], kinds: set[str]) -> Event | None:
        return next((e for e in events if e.kind in kinds), None)

    our_end, their_end = first(ours, {"superseded", "retired"}), first(theirs, {"superseded", "retired"})
    for ended, other, side in ((our_end, theirs, _("theirs")), (their_end, ours, _("ours"))):
        changed = first(other, {"adopted", "amended"})
        if ended and changed:
            raise Clash(_("cannot merge {path}: one side ended {id} ({ended}) while {side} changed it ({changed})").format(
                path=path, id=decision_id, ended=_describe(ended) + _by(ended), side=side,
                changed=_describe(changed)) + how_to)


def _by(event: Event) -> str:
    return _(", replaced by {id}").format(id=event.superseded_by) if event.superseded_by else ""


def _ended_differently(ours: Sequence[Event], theirs: Sequence[Event], decision_id: str) -> list[str]:
    """What a person should know when the two sides ended a decision in different ways: both
    endings are kept, and a replacement on each side leaves two decisions in force in its place."""
    replaced = list(dict.fromkeys(e.superseded_by for e in (*ours, *theirs) if e.kind == "superseded" and e.superseded_by))
    retired = any(e.kind == "retired" for e in (*ours, *theirs))
    if len(replaced) > 1:
        return [_("{id} was replaced on both sides at once, by {new}: both replacements are kept and in force "
                  "— the group chooses one (consensus check and the summary say how)").format(
                      id=decision_id, new=_(" and by ").join(replaced))]
    if replaced and retired and any(e.kind == "superseded" for e in theirs) != any(e.kind == "superseded" for e in ours):
        return [_("{id} was replaced by {new} on one side and retired on the other: both are kept, and {new} is "
                  "in force").format(id=decision_id, new=replaced[0])]
    return []


def _drop_repeats(ours: Sequence[Event], theirs: Sequence[Event], notes: list[str], decision_id: str) -> list[Event]:
    """The same step taken on both sides (one proposal adopted twice, a retirement twice) counts
    once; but where the two say something different (a reason, a review date, --force), both
    stay, so that nothing either side recorded is lost."""
    once = {"adopted", "retired", "superseded", "rejected", "withdrawn"}
    done = {(e.kind, e.version, e.superseded_by): e for e in ours if e.kind in once}
    out = []
    for event in theirs:
        mine = done.get((event.kind, event.version, event.superseded_by)) if event.kind in once else None
        if mine is None:
            out.append(event)
        elif _said(mine) == _said(event):
            notes.append(_("{id}: both sides recorded the same step: kept ours, {ours}, and left out theirs, {theirs}").format(
                id=decision_id, ours=_describe(mine), theirs=_describe(event)))
        else:
            notes.append(_("{id}: both sides recorded {kind} differently: kept both, {ours} and {theirs}").format(
                id=decision_id, kind=event.kind, ours=_describe(mine) + _why(mine), theirs=_describe(event) + _why(event)))
            out.append(event)
    return out


def _said(event: Event) -> tuple[object, ...]:
    return event.why, event.force, event.review_by, event.note


def _why(event: Event) -> str:
    return _(" (why: {why})").format(why=event.why) if event.why else ""


def spoken(path: str) -> str:
    """The language to say what the driver did in, for a file ``path`` as git names it (from the
    top of the work tree, where git starts the driver): as the command line chooses it,
    ``$CONSENSUS_LANG``, else the language of the register the file is in, else the locale's."""
    from . import language
    from .codec import language_of

    asked = language.from_environment()
    if asked:
        return language.chosen(asked)
    name = Path(path)
    root = name.parent if name.name == "consensus.toml" else name.parent.parent
    return language_of(root / "consensus.toml") or language.from_locale()


def merge_files(ours: Path, theirs: Path, path: str, ancestor: Path | None = None) -> list[str]:
    """What git's merge driver does: write the union into ``ours``; ``Clash`` if there is none."""
    from .storage import write_atomic

    name = Path(path)
    if name.name == "consensus.toml":
        return _merge_settings(ancestor, ours, theirs, path)
    if name.parent.name == "meetings":
        return _merge_meeting(ours, theirs, path)
    try:
        our = parse_decision(name, read_file(ours)[0])
        their = parse_decision(name, read_file(theirs)[0])
    except ConsensusError as exc:
        raise Clash(_("cannot merge {path}: {problem} — repair the file, then merge again").format(
            path=path, problem=exc)) from None
    merged, notes = merge_decision(our, their, path)
    write_atomic(ours, encode_decision(merged))
    return notes


def _merge_settings(ancestor: Path | None, ours: Path, theirs: Path, path: str) -> list[str]:
    """``consensus.toml`` of both sides in one: the members of both (who was added on either
    side is in, who was removed on either side is out), and each other setting as the side that
    changed it has it; both changing one setting differently is a ``Clash``."""
    from .codec import encode_settings, parse_settings
    from .members import fold
    from .models import Settings
    from .storage import write_atomic

    name = Path(path)
    try:
        base = parse_settings(name, read_file(ancestor)[0]) if ancestor is not None else Settings()
        mine, yours = parse_settings(name, read_file(ours)[0]), parse_settings(name, read_file(theirs)[0])
    except (ConsensusError, OSError) as exc:
        raise Clash(_("cannot merge {path}: {problem} — repair the file, then merge again").format(
            path=path, problem=exc)) from None
    merged: dict[str, object] = {}
    for key in (f.name for f in dataclasses.fields(Settings)):
        if key == "members":
            continue
        old, our, their = getattr(base, key), getattr(mine, key), getattr(yours, key)
        if our == their or their == old:
            merged[key] = our
        elif our == old:
            merged[key] = their
        else:
            raise Clash(_(
                'cannot merge {path}: both sides changed {key} (ours: {ours}, theirs: {theirs}) — keep one with '
                '"git checkout --ours {path}" (or --theirs), set {key} as the group wants, and "git add {path}"'
            ).format(path=path, key=key, ours=repr(our), theirs=repr(their)))
    removed = {fold(n) for n in base.members} - ({fold(n) for n in mine.members} & {fold(n) for n in yours.members})
    members: dict[str, str] = {}
    for member in (*mine.members, *yours.members):
        if fold(member) not in removed:
            members.setdefault(fold(member), member)
    result = Settings(**merged, members=tuple(members.values()))  # type: ignore[arg-type]
    write_atomic(ours, encode_settings(result))
    notes = []
    added = [m for m in result.members if fold(m) not in {fold(n) for n in mine.members}]
    if added:
        notes.append(_("{path}: members from the other side: {names}").format(path=path, names=", ".join(added)))
    gone = [m for m in mine.members if fold(m) in removed]
    if gone:
        notes.append(_("{path}: members the other side removed: {names}").format(path=path, names=", ".join(gone)))
    return notes


def _merge_meeting(ours: Path, theirs: Path, path: str) -> list[str]:
    if read_file(ours)[0] != read_file(theirs)[0]:
        raise Clash(_(
            'cannot merge {path}: the meeting was recorded differently on both sides — keep one with '
            '"git checkout --ours {path}" (or --theirs) and "git add {path}"'
        ).format(path=path))
    return []
