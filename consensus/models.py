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
VersionState = Literal["open", "adopted", "replaced", "rejected", "withdrawn"]
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

    number: int
    title: str
    text: str
    why: str | None = None
    state: VersionState | None = None  # written for readers; the replay decides


@dataclass(frozen=True)
class Event:
    """One entry of a decision's append-only history."""

    __pydantic_config__ = _FORBID

    at: dt.datetime
    kind: EventKind
    by: str
    version: int | None = None
    meeting: str | None = None
    tags: tuple[str, ...] | None = None
    replaces: tuple[str, ...] | None = None
    amends: tuple[str, ...] | None = field(
        default=None, metadata={"doc": "On `proposed` only: the decisions this one amends (from an import)."}
    )
    partly_replaces: tuple[str, ...] | None = field(
        default=None,
        metadata={"doc": "On `proposed` only: the decisions this one replaces in part (from an import)."},
    )
    source: str | None = None
    status_as_written: str | None = field(
        default=None,
        metadata={"doc": "On `proposed` only: an imported record's status in its own words."},
    )
    number: int | None = None
    objection: int | None = None
    reason: str | None = None
    how: str | None = None
    why: str | None = None
    force: bool | None = None
    review_by: dt.date | None = None
    note: str | None = None
    superseded_by: str | None = None
    hash: str = ""


@dataclass(frozen=True)
class Header:
    """What a decision file says about itself at the top, for people reading it.

    Everything here follows from replaying the history; ``check`` proves that it does.
    """

    __pydantic_config__ = _FORBID

    title: str = ""
    status: Status | None = None
    current_version: int | None = None
    review_by: dt.date | None = None
    superseded_by: str | None = None
    replaces: tuple[str, ...] = ()
    amends: tuple[str, ...] = ()
    partly_replaces: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    source: str | None = None
    status_as_written: str | None = None
    text: str | None = None


HEADER_KEYS: tuple[str, ...] = tuple(Header.__dataclass_fields__)


@dataclass(frozen=True)
class Decision:
    """A decision as stored: its version texts and its history, the source of truth."""

    __pydantic_config__ = _FORBID

    id: str
    versions: tuple[Version, ...] = ()
    history: tuple[Event, ...] = ()
    format: int = FORMAT
    written: Header | None = None  # the header as read from the file, if read from one

    def version(self, number: int) -> Version | None:
        """The version with this number, if there is one."""
        for version in self.versions:
            if version.number == number:
                return version
        return None


@dataclass(frozen=True)
class Meeting:
    """A meeting of the group; events recorded while it is open carry its id."""

    __pydantic_config__ = _FORBID

    id: str
    started_at: dt.datetime
    title: str = ""
    ended_at: dt.datetime | None = None
    attendees: tuple[str, ...] = ()
    started_by: str | None = None
    format: int = FORMAT
