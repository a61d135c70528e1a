"""Competing replacements: one decision replaced by two others at once, on two clones.

Each adoption was made in good faith where it was made; after the merge both replacements are in
force, and the decision they replaced is superseded by both. That is not an error to repair but a
choice for the group: it stays on the agenda (``check``, ``summary``, ``show``, the site) until
only one line of replacements is in force again, by retiring one, or by adopting a decision that
replaces both. The rule is defined once, here, over anything that knows a decision's id, status,
version in force, successors, what it replaces and where it was imported from: ``check`` asks it of
its facts, the reports of their replays.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from .language import _


class Node(Protocol):
    """What the rule needs to know of a decision."""

    @property
    def id(self) -> str: ...

    @property
    def status(self) -> str: ...

    @property
    def current_version(self) -> int | None: ...

    @property
    def successors(self) -> tuple[str, ...]: ...

    @property
    def replaces(self) -> Sequence[str]: ...

    @property
    def source(self) -> str | None: ...


@dataclass(frozen=True)
class Competition:
    """``replaced`` has more than one line of replacements in force: each line is a decision that
    replaced it (or ``replaced`` itself, still in force) and the decisions in force along it."""

    replaced: str
    lines: tuple[tuple[str, tuple[str, ...]], ...]

    @property
    def in_force(self) -> tuple[str, ...]:
        """Every decision in force in the place of ``replaced``, each once."""
        return tuple(dict.fromkeys(i for _, found in self.lines for i in found))


def _adopted(node: Node) -> bool:
    return node.current_version is not None and node.status in ("active", "superseded", "retired")


class Replacements:
    """The replacements among ``nodes``: who replaced whom, by the replaced decision's history
    and by the replacing decision's word (a merge that kept one side of a file has only the
    second)."""

    def __init__(self, nodes: Mapping[str, Node]) -> None:
        self.nodes = nodes
        self.claims: dict[str, list[str]] = {}
        for node in nodes.values():
            if _adopted(node):
                for old in node.replaces:
                    self.claims.setdefault(old, []).append(node.id)

    def successors(self, decision_id: str) -> list[str]:
        """The decisions that replaced ``decision_id``: those its history names, then the adopted
        ones that say they replace it (two imported records aside, which may say so on one side)."""
        node = self.nodes.get(decision_id)
        named = list(node.successors) if node is not None else []
        for other in sorted(self.claims.get(decision_id, ())):
            claimant = self.nodes[other]
            if other not in named and not (node is not None and node.source and claimant.source):
                named.append(other)
        return named

    def in_force_along(self, decision_id: str, seen: frozenset[str] = frozenset()) -> tuple[str, ...]:
        """The decisions in force on the line that starts at ``decision_id``: itself if it is in
        force, else what is in force along each of its replacements."""
        node = self.nodes.get(decision_id)
        if node is None or decision_id in seen:
            return ()
        if node.status == "active":
            return (decision_id,)
        found: list[str] = []
        for successor in self.successors(decision_id):
            found.extend(self.in_force_along(successor, seen | {decision_id}))
        return tuple(dict.fromkeys(found))

    def competition(self, decision_id: str) -> Competition | None:
        """Whether more than one line of replacements of ``decision_id`` is in force."""
        node = self.nodes.get(decision_id)
        lines = [(s, self.in_force_along(s, frozenset({decision_id}))) for s in self.successors(decision_id)]
        lines = [(s, found) for s, found in lines if found]
        if lines and node is not None and node.status == "active":
            lines.insert(0, (decision_id, (decision_id,)))  # still in force beside its replacement
        if len(lines) < 2 or len({i for _, found in lines for i in found}) < 2:
            return None
        return Competition(decision_id, tuple(lines))

    def competitions(self, among: Iterable[str] | None = None) -> list[Competition]:
        """Every competition (about the decisions ``among``, else all), by the replaced decision's id."""
        candidates = set(among) if among is not None else set(self.nodes)
        found = []
        for decision_id in sorted(candidates):
            node = self.nodes.get(decision_id)
            claims = self.claims.get(decision_id, ())
            if node is None or (not claims and len(node.successors) < 2):
                continue
            if len({*node.successors, *claims}) < (1 if node.status == "active" else 2):
                continue  # one replacement, as usual: no line beside it
            competition = self.competition(decision_id)
            if competition is not None:
                found.append(competition)
        return found

    def concerning(self, decision_id: str) -> list[Competition]:
        """The competitions ``decision_id`` takes part in: as the decision replaced, or as one in
        force in its place (then about each decision it replaces)."""
        about, todo = {decision_id}, [decision_id]
        while todo:  # and everything it replaced, through every generation
            node = self.nodes.get(todo.pop())
            for old in node.replaces if node is not None else ():
                if old not in about:
                    about.add(old)
                    todo.append(old)
        return [c for c in self.competitions(about)
                if c.replaced == decision_id or decision_id in c.in_force]


def describe(competition: Competition, about: str) -> str:
    """The competition in words, as ``about`` (one of the decisions in it) takes part in it, with
    what the group can do."""
    replaced, in_force = competition.replaced, competition.in_force
    others = _and([i for i in in_force if i != about and i != replaced])
    if about == replaced and replaced in in_force:
        said = _("{id} is still in force, and so is {others}, which replaced it (the file of {id} does not "
                 "record it: a merge kept one side)").format(id=replaced, others=others)
    elif about == replaced:
        said = _("{id} was replaced twice at once, on two clones: {others} are in force in its place").format(
            id=replaced, others=others)
    else:
        said = _("{old}, which {id} replaces, was replaced twice at once: in its place, {id} is in force beside "
                 "{others}").format(old=replaced, id=about, others=others)
    return said + _(' — the group chooses: retire what it does not keep ("consensus retire ID --why …"), or adopt '
                    'one decision that replaces them ("consensus propose … --replaces ID --replaces ID")')


def _and(ids: list[str]) -> str:
    return ", ".join(ids[:-1]) + _(" and ") + ids[-1] if len(ids) > 1 else "".join(ids)
