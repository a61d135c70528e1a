"""Importing a folder of ADRs: records become decisions, declared relations become lineage."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from . import chain, ids, process
from .adr import RELATION_WORDS, Record, Skipped, heading_form, heading_number, read, strip_number
from .adr_links import Resolver
from .dates import moment as moment_of
from .errors import ConsensusError
from .language import _, n_
from .models import Decision, Event, Version
from .rows import Row as IndexRow

if TYPE_CHECKING:
    from .errors import BrokenFile
    from .register import Register

STATUS_OF_KIND = {
    "accepted": "active", "none": "active", "unknown": "proposed", "proposed": "proposed",
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
class Pair:
    """A relation between two records: ``old`` superseded, partly superseded or amended by
    ``new``; who declared it, and how a fallback found it (None: by the link itself)."""

    kind: str  # "replaces", "partly_replaces" or "amends", as the newer one does to the older
    old: str
    new: str
    declared_by: str  # "both", "old only" or "new only"
    how: str | None = None


@dataclass
class Report:
    """What an import did (or, with --dry-run, would do)."""

    folder: str
    rows: list[Row] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    pairs: list[Pair] = field(default_factory=list)
    formats: Counter[str] = field(default_factory=Counter)
    undated: list[str] = field(default_factory=list)
    unstated: list[str] = field(default_factory=list)  # files that state no status at all
    same_titles: list[tuple[str, list[str]]] = field(default_factory=list)

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
    for _place in range(ids.LENGTH - 1):
        rest += ids.ALPHABET[value % len(ids.ALPHABET)]
        value //= len(ids.ALPHABET)
    candidate = first + rest
    return candidate if candidate not in taken else ids.new_id(taken)


RECORD_LIMIT = 4 * 1024 * 1024  # bytes: an ADR is a page or a few, never megabytes


def _bytes_of(path: Path, relative: str) -> bytes | Skipped:
    """The file's bytes: only a regular file of its own, and not a long one (the folder may be a
    clone of anyone's: a link could lead anywhere, a FIFO hang the import)."""
    from .errors import BrokenFile
    from .storage import read_regular

    try:
        return read_regular(path, limit=RECORD_LIMIT)[0]
    except BrokenFile as exc:
        return Skipped(relative, exc.detail)
    except OSError as exc:
        return Skipped(relative, _("cannot be read ({problem})").format(problem=exc.strerror))


def find_files(folder: Path) -> list[str]:
    """Every Markdown file below ``folder`` (hidden folders left out), by its path relative to it
    (with forward slashes; a path object each would be 40 MB at 100,000 files)."""
    found: list[str] = []
    for directory, subdirs, names in os.walk(folder):
        subdirs[:] = sorted(d for d in subdirs if not d.startswith(".") and d != "node_modules")
        within = Path(directory).relative_to(folder).as_posix()
        prefix = "" if within == "." else within + "/"
        found.extend(prefix + name for name in sorted(names)
                     if name.lower().endswith((".md", ".markdown")) and not name.startswith("."))
    return found


def plan(
    folder: Path,
    *,
    existing: Iterable[IndexRow],
    taken: set[str],
    by: str,
    now: dt.datetime,
    forced: str = "auto",
    progress: Callable[[int, int], None] | None = None,
) -> tuple[ToMake, list[tuple[str, str, dt.datetime]], Report]:
    """(the makers of the new decisions, supersessions of decisions imported before as (old id, new id, when),
    the report) for importing ``folder``."""
    if not folder.is_dir():
        raise ConsensusError(_("{folder} is not a folder — give the folder that holds the ADRs").format(folder=folder))
    files = find_files(folder)
    if not files:
        raise ConsensusError(_("{folder} holds no Markdown files — is it the folder of your ADRs?").format(folder=folder))
    report = Report(str(folder))
    records: dict[str, Record] = {}
    for index, relative in enumerate(files):
        data = _bytes_of(folder / relative, relative)
        found = data if isinstance(data, Skipped) else read(data, relative, forced)
        if isinstance(found, Skipped):
            report.skipped.append(found)
        else:
            records[relative] = found
            report.formats[found.format] += 1
        if progress:
            progress(index + 1, len(files))
    _judge_titles(records)

    before = {v.source: v for v in existing if v.source}
    notes: dict[str, list[str]] = {path: list(r.notes) for path, r in records.items()}
    report.pairs, dangling = _relations(records, notes)
    successor: dict[str, list[str]] = {}
    beyond: dict[tuple[str, str], list[str]] = {}  # (newer file, "amends"…) → the older files
    for pair in report.pairs:
        if pair.kind == "replaces":
            successor.setdefault(pair.old, []).append(pair.new)
        else:
            beyond.setdefault((pair.new, pair.kind), []).append(pair.old)
    for old, news in successor.items():
        if len(news) > 1:
            notes[old].append(n_("superseded by {n} records ({files}): the first is kept as its successor",
                                  "superseded by {n} records ({files}): the first is kept as its successor",
                                  len(news)).format(n=len(news), files=", ".join(news)))
    report.same_titles = _same_titles(records, before)

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

    changed: list[tuple[str, str, dt.datetime]] = []
    replaces_of: dict[str, list[str]] = {}
    for old, news in successor.items():
        replaces_of.setdefault(news[0], []).append(old)
    successor_at = {old: moment(records[news[0]]) for old, news in successor.items()}

    # Each new decision is made only when it is written (see Transaction.save_new): made here,
    # 100,000 of them would be held at once, each event a dictionary of eighteen fields. What
    # each needs is looked up then, in maps all share (a maker of its own took 600 bytes a record).
    def make(path: str, record: Record, status: str) -> Decision:
        return _decision(
            id_of[path], record, status, by, moment(record),
            replaces=[id_of[o] for o in replaces_of.get(path, [])],
            amends=[id_of[o] for o in beyond.get((path, "amends"), [])],
            partly_replaces=[id_of[o] for o in beyond.get((path, "partly_replaces"), [])],
            successor=id_of[successor[path][0]] if path in successor else None,
            successor_at=successor_at.get(path), dangling=dangling.get(path),
        )

    created = ToMake(make)
    for path, record in records.items():
        old_view = before.get(path)
        status = STATUS_OF_KIND[record.kind]
        if path in successor:
            status = "superseded"
        elif record.kind == "superseded":
            status = "retired"
            if path not in dangling:
                notes[path].append(_("status '{status}' names no successor: imported as retired").format(
                    status=record.status_words))
        if old_view is not None:
            report.rows.append(Row(path, old_view.id, old_view.status, False, notes[path]))
            later = successor.get(path, [])
            if later and old_view.status == "active" and later[0] not in before:
                updated = moment_of(old_view.updated).astimezone(now.tzinfo)
                changed.append((old_view.id, id_of[later[0]], max(moment(records[later[0]]), updated)))
                report.rows[-1].status = "superseded"
            for kind in ("partly_replaces", "amends"):
                for older in beyond.get((path, kind), []):
                    if older not in before:  # a decision's first event, which says so, is written
                        notes[older].append(_("{relation} {file}, imported before: its decision cannot record it now")
                                            .format(relation=_(RELATION_WORDS[(kind, "by")]), file=path))
            continue
        if record.date is None:
            report.undated.append(path)
        if record.kind == "none":
            report.unstated.append(path)
        created.items.append((path, record, status))
        report.rows.append(Row(path, id_of[path], status, True, notes[path]))
    return created, changed, report


def _judge_titles(records: dict[str, Record]) -> None:
    """Each record's title without its number where the number is the file's, or is written as
    the collection's headings usually write theirs (the form most headings carrying their own
    file's number take)."""
    forms = Counter(
        heading_form(r.heading) for r in records.values()
        if r.number is not None and heading_number(r.heading) == r.number
    )
    usual = forms.most_common(1)[0][0] if forms else None
    for record in records.values():
        record.title = strip_number(record.heading, record.number, usual)


def _same_titles(records: dict[str, Record], before: dict[str, IndexRow]) -> list[tuple[str, list[str]]]:
    """(title, files) for each title that more than one record has, where one of them is new."""
    groups: dict[str, list[str]] = {}
    for path, record in records.items():
        groups.setdefault(" ".join(record.title.casefold().split()), []).append(path)
    return [(records[paths[0]].title, paths) for paths in groups.values()
            if len(paths) > 1 and any(p not in before for p in paths)]


_PAIR_ORDER = {"replaces": 0, "partly_replaces": 1, "amends": 2}


def _relations(records: dict[str, Record], notes: dict[str, list[str]]) -> tuple[list[Pair], dict[str, str]]:
    """The pairs the records declare, on either side, and for each record whose successor could
    not be found, the link as written. What cannot be followed becomes a note."""
    resolve = Resolver(records)
    declared: dict[tuple[str, str, str], dict[str, str | None]] = {}
    dangling: dict[str, str] = {}
    for path, record in records.items():
        for relation in record.relations:
            found = resolve(path, relation.link)
            if found.path is None:
                notes[path].append(_("{relation} {why}: kept as written").format(relation=relation.words, why=found.why))
                if (relation.kind, relation.side) == ("replaces", "by"):
                    dangling.setdefault(path, relation.link.shown())
                continue
            old, new = (path, found.path) if relation.side == "by" else (found.path, path)
            declared.setdefault((relation.kind, old, new), {})["old" if relation.side == "by" else "new"] = found.how
    pairs = []
    for (kind, old, new), sides in sorted(declared.items(), key=lambda i: (_PAIR_ORDER[i[0][0]], *i[0][1:])):
        if kind != "replaces" and ("replaces", old, new) in declared:
            continue  # superseded outright: a partial supersession or amendment adds nothing
        who = "both" if len(sides) == 2 else f"{next(iter(sides))} only"
        how = None if None in sides.values() else sides.get("old") or sides.get("new")
        pairs.append(Pair(kind, old, new, who, how))
    return pairs, dangling


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
            tx.save_new(iter(created))
    return report, problems


class ToMake:
    """The new decisions of an import, each made as it is taken (and its record let go then)."""

    def __init__(self, make: Callable[[str, Record, str], Decision]) -> None:
        self.make = make
        self.items: list[tuple[str, Record, str]] = []  # (file, its record, the status it gets)

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self) -> Iterator[Decision]:
        self.items.reverse()
        while self.items:
            yield self.make(*self.items.pop())


def _decision(
    decision_id: str, record: Record, status: str, by: str, at: dt.datetime, *,
    replaces: list[str], amends: list[str], partly_replaces: list[str],
    successor: str | None, successor_at: dt.datetime | None, dangling: str | None,
) -> Decision:
    decision = Decision(id=decision_id)
    proposed = Event(at=at, kind="proposed", by=by, version=1, tags=("adr",),
                     replaces=tuple(replaces) or None, amends=tuple(amends) or None,
                     partly_replaces=tuple(partly_replaces) or None, source=record.path,
                     status_as_written=record.status_as_written)
    decision = chain.append(decision, proposed, Version(1, record.title or record.path, record.text))
    raw = " ".join((record.raw_status or "").split()) or None
    if status in ("active", "retired", "superseded"):
        decision = chain.append(decision, Event(at=at, kind="adopted", by=by, version=1))
    if status == "rejected":
        decision = chain.append(decision, Event(at=at, kind="rejected", by=by, version=1, why=raw))
    elif status == "retired":
        why = _("{status} (the successor, {link}, is not in the imported folder)").format(
            status=raw, link=dangling) if dangling else raw
        decision = chain.append(decision, Event(at=at, kind="retired", by=by, why=why or "deprecated"))
    elif status == "superseded" and successor is not None:
        when = max(at, successor_at or at)
        decision = chain.append(decision, Event(at=when, kind="superseded", by=by, superseded_by=successor))
    return decision
