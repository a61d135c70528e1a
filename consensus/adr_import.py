"""Importing a folder of ADRs: records become decisions, declared supersessions become lineage."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import posixpath
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlparse

from . import chain, ids, process
from .adr import Link, Record, Skipped, read
from .dates import moment as moment_of
from .errors import ConsensusError
from .models import Decision, Event, Version
from .rows import Row as IndexRow

if TYPE_CHECKING:
    from .errors import BrokenFile
    from .register import Register

STATUS_OF_KIND = {
    "accepted": "active", "none": "active", "unknown": "active", "proposed": "proposed",
    "rejected": "rejected", "deprecated": "retired", "superseded": "superseded",
}


@dataclass
class Row:
    """One record of the report: its file, its decision, its status."""

    file: str
    id: str
    status: str
    new: bool
    notes: list[str] = field(default_factory=list)


@dataclass
class Report:
    """What an import did (or, with --dry-run, would do)."""

    folder: str
    rows: list[Row] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    pairs: list[tuple[str, str, str]] = field(default_factory=list)  # (old file, new file, declared by)
    formats: Counter[str] = field(default_factory=Counter)
    undated: list[str] = field(default_factory=list)

    @property
    def new(self) -> list[Row]:
        """The rows this import adds."""
        return [r for r in self.rows if r.new]


def _slug_id(source: str, taken: set[str]) -> str:
    """The same short id for the same file in every clone, unless that id is taken."""
    digest = hashlib.sha256(f"adr:{source}".encode()).digest()
    value = int.from_bytes(digest[:8], "big")
    first = ids.LETTERS[value % len(ids.LETTERS)]
    value //= len(ids.LETTERS)
    rest = ""
    for _ in range(ids.LENGTH - 1):
        rest += ids.ALPHABET[value % len(ids.ALPHABET)]
        value //= len(ids.ALPHABET)
    candidate = first + rest
    return candidate if candidate not in taken else ids.new_id(taken)


def find_files(folder: Path) -> list[tuple[Path, str]]:
    """Every Markdown file below ``folder`` (hidden folders left out), with its relative path."""
    found = []
    for directory, subdirs, names in os.walk(folder):
        subdirs[:] = sorted(d for d in subdirs if not d.startswith(".") and d != "node_modules")
        for name in sorted(names):
            if name.lower().endswith((".md", ".markdown")) and not name.startswith("."):
                path = Path(directory) / name
                found.append((path, path.relative_to(folder).as_posix()))
    return found


class _Resolver:
    """Finds the record a link or an ADR number points at."""

    def __init__(self, records: dict[str, Record]) -> None:
        self.records = records
        self.by_name: dict[str, list[str]] = {}
        self.by_number: dict[int, list[str]] = {}
        for path, record in records.items():
            name = posixpath.basename(path).lower()
            self.by_name.setdefault(name, []).append(path)
            self.by_name.setdefault(re.sub(r"\.(md|markdown)$", "", name), []).append(path)
            if record.number is not None:
                self.by_number.setdefault(record.number, []).append(path)

    def __call__(self, source: str, link: Link) -> tuple[str | None, str | None]:
        """(the record's path, or None with why)."""
        if link.number is not None:
            found = self.by_number.get(link.number, [])
            if len(found) == 1:
                return found[0], None
            what = "no record has" if not found else f"{len(found)} records share"
            return None, f"'{link.text}': {what} that number"
        target = link.target or ""
        parsed = urlparse(target)
        path = unquote(parsed.path if parsed.scheme or parsed.netloc else target.split("#")[0].split("?")[0])
        if not path:
            return None, f"'{target}' names no file"
        relative = posixpath.normpath(posixpath.join(posixpath.dirname(source), path)).lstrip("./")
        for candidate in (relative, relative + ".md"):
            if candidate in self.records:
                return candidate, None
        matches = self.by_name.get(posixpath.basename(path).lower(), [])
        if len(set(matches)) == 1:
            return matches[0], None
        return None, f"'{target}' is not in the imported folder"


def plan(
    folder: Path,
    *,
    existing: Iterable[IndexRow],
    taken: set[str],
    by: str,
    now: dt.datetime,
    forced: str = "auto",
    progress: Callable[[int, int], None] | None = None,
) -> tuple[list[Decision], list[tuple[str, str, dt.datetime]], Report]:
    """(new decisions, supersessions of decisions imported before as (old id, new id, when),
    the report) for importing ``folder``."""
    if not folder.is_dir():
        raise ConsensusError(f"{folder} is not a folder — give the folder that holds the ADRs")
    files = find_files(folder)
    if not files:
        raise ConsensusError(f"{folder} holds no Markdown files — is it the folder of your ADRs?")
    report = Report(str(folder))
    records: dict[str, Record] = {}
    for index, (file_path, relative) in enumerate(files):
        found = read(file_path, relative, forced)
        if isinstance(found, Skipped):
            report.skipped.append(found)
        else:
            records[relative] = found
            report.formats[found.format] += 1
        if progress:
            progress(index + 1, len(files))

    before = {v.source: v for v in existing if v.source}
    resolve = _Resolver(records)
    successor: dict[str, list[str]] = {}
    declared: dict[tuple[str, str], set[str]] = {}
    notes: dict[str, list[str]] = {path: list(r.notes) for path, r in records.items()}
    dangling: dict[str, str] = {}
    for path, record in records.items():
        for link in record.superseded_by:
            target, why = resolve(path, link)
            if target is None or target == path:
                notes[path].append(f"superseded by {why or 'itself'}: kept as written")
                dangling.setdefault(path, link.target or link.text)
            else:
                declared.setdefault((path, target), set()).add("old")
        for link in record.supersedes:
            target, why = resolve(path, link)
            if target is None or target == path:
                notes[path].append(f"supersedes {why or 'itself'}: kept as written")
            else:
                declared.setdefault((target, path), set()).add("new")
    for (old, new), sides in sorted(declared.items()):
        successor.setdefault(old, []).append(new)
        report.pairs.append((old, new, "both" if len(sides) == 2 else "old only" if "old" in sides else "new only"))
    for old, news in successor.items():
        if len(news) > 1:
            notes[old].append(f"superseded by {len(news)} records ({', '.join(news)}): the first is kept as its successor")

    taken = set(taken)
    id_of: dict[str, str] = {}
    for path in records:
        if path in before:
            id_of[path] = before[path].id
        else:
            id_of[path] = _slug_id(path, taken)
            taken.add(id_of[path])

    def moment(record: Record) -> dt.datetime:
        if record.date is None:
            return now
        return dt.datetime.combine(record.date, dt.time(), tzinfo=now.tzinfo)

    created: list[Decision] = []
    changed: list[tuple[str, str, dt.datetime]] = []
    replaces_of: dict[str, list[str]] = {}
    for old, news in successor.items():
        replaces_of.setdefault(news[0], []).append(old)
    for path, record in records.items():
        old_view = before.get(path)
        status = STATUS_OF_KIND[record.kind]
        if path in successor:
            status = "superseded"
        elif record.kind == "superseded":
            status = "retired"
        if old_view is not None:
            report.rows.append(Row(path, old_view.id, old_view.status, False, notes[path]))
            later = successor.get(path, [])
            if later and old_view.status == "active" and later[0] not in before:
                updated = moment_of(old_view.updated).astimezone(now.tzinfo)
                changed.append((old_view.id, id_of[later[0]], max(moment(records[later[0]]), updated)))
                report.rows[-1].status = "superseded"
            continue
        if record.date is None:
            report.undated.append(path)
        decision = _decision(
            id_of[path], record, status, by, moment(record),
            replaces=[id_of[o] for o in replaces_of.get(path, [])],
            successor=id_of[successor[path][0]] if path in successor else None,
            successor_at=moment(records[successor[path][0]]) if path in successor else None,
            dangling=dangling.get(path),
        )
        created.append(decision)
        report.rows.append(Row(path, decision.id, status, True, notes[path]))
    return created, changed, report


def run(
    register: Register, folder: Path, *, by: str | None, now: dt.datetime, forced: str = "auto",
    dry_run: bool = False, progress: Callable[[int, int], None] | None = None,
) -> tuple[Report, list[BrokenFile]]:
    """Import ``folder`` into the register (or, with ``dry_run``, only say what that would do);
    returns the report and the register's files that could not be read."""
    actor = register.actor_or(by, "import") or "import"
    rows, problems = register.rows()
    created, supersede, report = plan(
        folder, existing=rows, taken=set(register.decision_ids()), by=actor, now=now,
        forced=forced, progress=progress,
    )
    if not dry_run and (created or supersede):
        with register.transaction() as tx:
            for old_id, new_id, at in supersede:
                tx.save(process.supersede(tx.load(old_id), process.Act(actor, at), by=new_id))
            tx.save(*created, new=True)
    return report, problems


def _decision(
    decision_id: str, record: Record, status: str, by: str, at: dt.datetime, *,
    replaces: list[str], successor: str | None, successor_at: dt.datetime | None, dangling: str | None,
) -> Decision:
    decision = Decision(id=decision_id)
    proposed = Event(at=at, kind="proposed", by=by, version=1, tags=("adr",),
                     replaces=tuple(replaces) or None, source=record.path)
    decision = chain.append(decision, proposed, Version(1, record.title or record.path, record.text))
    raw = " ".join((record.raw_status or "").split()) or None
    if status in ("active", "retired", "superseded"):
        decision = chain.append(decision, Event(at=at, kind="adopted", by=by, version=1))
    if status == "rejected":
        decision = chain.append(decision, Event(at=at, kind="rejected", by=by, version=1, why=raw))
    elif status == "retired":
        why = f"{raw} (the successor, {dangling}, is not in the imported folder)" if dangling else raw
        decision = chain.append(decision, Event(at=at, kind="retired", by=by, why=why or "deprecated"))
    elif status == "superseded" and successor is not None:
        when = max(at, successor_at or at)
        decision = chain.append(decision, Event(at=when, kind="superseded", by=by, superseded_by=successor))
    return decision
