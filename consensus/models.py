"""The register's data: settings, decisions with their versions and history, meetings.

Plain frozen dataclasses, so reading a file the index already vouches for costs no validation.
``schema.py`` validates untrusted files into these same classes with pydantic; the field
declarations here *are* the file schema.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal, get_args

FORMAT = 1
"""The file format this version of consensus writes (and the newest it reads)."""

Status = Literal["proposed", "active", "superseded", "retired", "rejected", "withdrawn"]
VersionState = Literal["open", "revised", "adopted", "replaced", "rejected", "withdrawn"]
EventKind = Literal[
    "proposed",
    "amended",
    "consented",
    "objected",
    "resolved",
    "stood_aside",
    "concern_raised",
    "adopted",
    "rejected",
    "withdrawn",
    "superseded",
    "retired",
    "reviewed",
    "retracted",
]
Rule = Literal["consent", "consensus"]
Language = Literal["en", "de"]

STATUSES: tuple[str, ...] = get_args(Status)  # vocabulary.STATUSES repeats them for --help
EVENT_KINDS: tuple[str, ...] = get_args(EventKind)

_FORBID = {"extra": "forbid"}


@dataclass(frozen=True)
class Settings:
    """``consensus.toml``: how this register works."""

    __pydantic_config__ = _FORBID

    format: int = field(
        default=FORMAT, metadata={"doc": "File format number; written by `init`, do not edit."}
    )
    name: str = field(
        default="Our decisions",
        metadata={"doc": "The register's name, shown at the top of summaries and minutes."},
    )
    language: Language = field(
        default="en",
        metadata={"doc": "Language of summaries and minutes: `en` or `de` (`--lang` overrides)."},
    )
    rule: Rule = field(
        default="consent",
        metadata={
            "doc": "`consent`: adoption needs no unresolved objection. `consensus`: it also "
            "needs everyone present (or every member, outside a meeting) to consent or "
            "stand aside."
        },
    )
    review_period: str = field(
        default="1y",
        metadata={
            "doc": "How long an adopted decision stands before it is due for review, "
            "like `6m`, `2w`, `1y` or `90d`."
        },
    )
    meeting_period: str = field(
        default="4w",
        metadata={
            "doc": "How often the group meets. The summary lists decisions due before the "
            "next meeting, which it expects this long after today."
        },
    )
    members: tuple[str, ...] = field(
        default=(),
        metadata={
            "doc": "Who belongs to the group. When set, unknown names are refused with a "
            "suggestion, and the `consensus` rule asks all of them."
        },
    )


@dataclass(frozen=True)
class Version:
    """One text of a decision. Its content never changes once written."""

    __pydantic_config__ = _FORBID

    number: int = field(metadata={"doc": "1 for the first proposal, one more for each amendment."})
    title: str = field(metadata={"doc": "The decision's title as this version has it."})
    text: str = field(metadata={"doc": "What is decided, as proposed in this version."})
    why: str | None = field(
        default=None, metadata={"doc": "Why this version is better than what it replaces (amendments, replacements)."}
    )
    state: VersionState | None = field(
        default=None,
        metadata={"doc": "`open`, `revised` (improved into a later version during its round), `adopted`, "
                  "`replaced`, `rejected` or `withdrawn`: written for readers, the history decides (`check` "
                  "compares)."},
    )


@dataclass(frozen=True)
class Event:
    """One entry of a decision's append-only history."""

    __pydantic_config__ = _FORBID

    at: dt.datetime = field(metadata={"doc": "When it happened, with its UTC offset."})
    kind: EventKind = field(
        metadata={"doc": "`proposed`, `amended`, `consented`, `objected`, `resolved`, `stood_aside`, "
                  "`concern_raised`, `adopted`, `rejected`, `withdrawn`, `superseded`, `retired`, `reviewed` "
                  "or `retracted` (an earlier event taken back with `undo`)."}
    )
    by: str = field(metadata={"doc": "Who did it."})
    version: int | None = field(default=None, metadata={"doc": "The version it is about (steps of a consent round)."})
    meeting: str | None = field(default=None, metadata={"doc": "The meeting it happened in, if one was open."})
    tags: tuple[str, ...] | None = field(default=None, metadata={"doc": "`proposed`: the decision's tags."})
    replaces: tuple[str, ...] | None = field(
        default=None, metadata={"doc": "`proposed`: the decisions this one replaces once adopted."}
    )
    amends: tuple[str, ...] | None = field(
        default=None, metadata={"doc": "`proposed`: the decisions this one amends (an imported record's \"Amends\")."}
    )
    partly_replaces: tuple[str, ...] | None = field(
        default=None,
        metadata={"doc": "`proposed`: the decisions this one replaces in part (an imported record's "
                  "\"Partly supersedes\")."},
    )
    source: str | None = field(default=None, metadata={"doc": "`proposed`: the file it was imported from."})
    status_as_written: str | None = field(
        default=None, metadata={"doc": "`proposed`: an imported record's status in its own words."}
    )
    number: int | None = field(default=None, metadata={"doc": "`objected`: the objection's number."})
    objection: int | None = field(default=None, metadata={"doc": "`resolved`: the number of the objection resolved."})
    reason: str | None = field(
        default=None, metadata={"doc": "`objected`, `stood_aside`, `concern_raised`: what the person said."}
    )
    how: str | None = field(default=None, metadata={"doc": "`resolved`: how the objection was resolved."})
    why: str | None = field(
        default=None, metadata={"doc": "`adopted` (with `force`), `rejected`, `withdrawn`, `retired`: why."}
    )
    force: bool | None = field(default=None, metadata={"doc": "`adopted`: adopted over the rule."})
    seen: tuple[str, ...] | None = field(
        default=None,
        metadata={"doc": "`adopted`: the objections of its round that the adoption knew of, each by its content "
                  "(as `retracts` names an event; an empty list: none). One raised elsewhere at the same time "
                  "and merged in later is not among them: it stays open, as not seen by the adoption."},
    )
    review_by: dt.date | None = field(
        default=None, metadata={"doc": "`adopted`, `reviewed`: when the decision is next due for review."}
    )
    note: str | None = field(default=None, metadata={"doc": "`reviewed`: what the review found."})
    superseded_by: str | None = field(default=None, metadata={"doc": "`superseded`: the decision that replaced it."})
    resolves: tuple[int, ...] | None = field(
        default=None, metadata={"doc": "`amended`: the objections this version resolves (its `why` says how)."}
    )
    retracts: str | None = field(
        default=None,
        metadata={"doc": "`retracted`: the event taken back, by its content (the hash of the event without its "
                  "place in the chain), so a merge that re-links the chain keeps pointing at it."},
    )
    hash: str = field(
        default="",
        metadata={"doc": "This event's place in the hash chain: it covers the event, the text it introduces "
                  "and the hash before it (`check` recomputes it)."},
    )


@dataclass(frozen=True)
class Header:
    """What a decision file says about itself at the top, for people reading it.

    Everything here follows from replaying the history; ``check`` proves that it does.
    """

    __pydantic_config__ = _FORBID

    title: str = field(default="", metadata={"doc": "The title of the version in force (or the newest)."})
    status: Status | None = field(
        default=None,
        metadata={"doc": "`proposed`, `active`, `superseded`, `retired`, `rejected` or `withdrawn`."},
    )
    current_version: int | None = field(default=None, metadata={"doc": "The version in force, if any."})
    review_by: dt.date | None = field(default=None, metadata={"doc": "When an active decision is due for review."})
    superseded_by: str | None = field(default=None, metadata={"doc": "The decision that replaced it."})
    also_superseded_by: tuple[str, ...] = field(
        default=(),
        metadata={"doc": "The other decisions that replaced it at the same time, on other clones (a merge "
                         "keeps every replacement; the group chooses which stays in force)."},
    )
    replaces: tuple[str, ...] = field(default=(), metadata={"doc": "The decisions it replaces."})
    amends: tuple[str, ...] = field(default=(), metadata={"doc": "The decisions it amends."})
    partly_replaces: tuple[str, ...] = field(default=(), metadata={"doc": "The decisions it replaces in part."})
    tags: tuple[str, ...] = field(default=(), metadata={"doc": "Its tags."})
    source: str | None = field(default=None, metadata={"doc": "The file it was imported from."})
    status_as_written: str | None = field(
        default=None, metadata={"doc": "An imported record's status in its own words."}
    )
    text: str | None = field(default=None, metadata={"doc": "The text of the version in force (or the newest)."})
    head: str | None = field(
        default=None,
        metadata={"doc": "The hash of the last event, written by consensus: a history cut short at its end shows "
                         "(files written before it existed lack it)."},
    )


HEADER_KEYS: tuple[str, ...] = tuple(Header.__dataclass_fields__)


@dataclass(frozen=True)
class Decision:
    """A decision as stored: its version texts and its history, the source of truth."""

    __pydantic_config__ = _FORBID

    id: str = field(metadata={"doc": "The decision's id; the file is named after it."})
    versions: tuple[Version, ...] = field(default=(), metadata={"doc": "`[[versions]]`: every text it had."})
    history: tuple[Event, ...] = field(
        default=(), metadata={"doc": "`[[history]]`: every event, oldest first; the truth."}
    )
    format: int = field(default=FORMAT, metadata={"doc": "File format number."})
    written: Header | None = None  # the header as read from the file, if read from one

    def version(self, number: int) -> Version | None:
        """The version with this number, if there is one."""
        for version in self.versions:
            if version.number == number:
                return version
        return None


@dataclass(frozen=True)
class Note:
    """A note for the minutes, taken in a meeting (live notes: a line starting with #)."""

    __pydantic_config__ = _FORBID

    at: dt.datetime = field(metadata={"doc": "When it was taken."})
    text: str = field(metadata={"doc": "What it says."})
    decision: str | None = field(default=None, metadata={"doc": "The decision it is about, if one was current."})
    by: str | None = field(default=None, metadata={"doc": "Who took it."})


@dataclass(frozen=True)
class Meeting:
    """A meeting of the group; events recorded while it is open carry its id."""

    __pydantic_config__ = _FORBID

    id: str = field(metadata={"doc": "The meeting's id; the file is named after it."})
    started_at: dt.datetime = field(metadata={"doc": "When it started, with its UTC offset."})
    title: str = field(default="", metadata={"doc": "What it was."})
    ended_at: dt.datetime | None = field(default=None, metadata={"doc": "When it ended."})
    attendees: tuple[str, ...] = field(default=(), metadata={"doc": "Who was there (members)."})
    guests: tuple[str, ...] = field(
        default=(), metadata={"doc": "Guests: they attend and may raise concerns; consent, objections and "
                              "stand-asides are for members."}
    )
    started_by: str | None = field(default=None, metadata={"doc": "Who started it."})
    notes: tuple[Note, ...] = field(
        default=(), metadata={"doc": "`[[notes]]`: notes for the minutes, each with `at`, `text`, and "
                              "`decision` and `by` where known."}
    )
    format: int = field(default=FORMAT, metadata={"doc": "File format number."})
