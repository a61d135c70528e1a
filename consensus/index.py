"""A local cache so commands need not parse every decision file.

It is a cache, never a second source of truth: each entry carries the stat signature (inode,
size, modification and change times) of the file it was made from, and an entry whose file
changed in any way (edited by hand, rewritten by ``git pull``, deleted) is thrown away and made
again from the file. It also remembers which files were validated, so reading a file it vouches
for skips validation.

It is one SQLite database, ``.consensus/cache.sqlite`` (ignored by git): a row of ``list`` for
each decision, the parsed TOML of the files summaries read (as JSON), the meetings, the settings,
the words a search looks in (an FTS5 index, see ``search``), and what ``check`` verified. One
decision is one indexed row away (a command about one decision reads and writes only its row),
and reading all rows at 100,000 decisions took 0.37–0.50 s against 0.77–1.0 s for the 32 JSON
shards it replaces (measured). A database that cannot be read (damaged, not a database, from an
older layout) is deleted and made again; one that cannot be written is simply not kept.
Everything a command learns is written at its end, in one short transaction.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import json
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import __version__
from .ids import is_valid_id
from .rows import Row
from .storage import Signature, own_or_absent, signature

if TYPE_CHECKING:
    import sqlite3

    from .models import Meeting
    from .replay import DecisionView

FILE = "cache.sqlite"
KEPT_AT_ONCE = 2000
"""Documents waiting to be written at most: a report that reads a year of 100,000 decisions
would otherwise hold them all (5 KB each) until it ends."""
LAYOUT = 8  # bump when a table changes shape: every cache is then made anew
STAMP = f"{LAYOUT} {__version__}"

_TABLES = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS rows (
    id TEXT PRIMARY KEY, ino INTEGER, size INTEGER, mtime INTEGER, ctime INTEGER,
    title TEXT, status TEXT, current_version INTEGER, open_version INTEGER, review_by TEXT,
    tags TEXT, created INTEGER, updated INTEGER, superseded_by TEXT, replaces TEXT, source TEXT,
    timeline TEXT, related TEXT, meetings TEXT, overlooked INTEGER
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS documents (
    id TEXT PRIMARY KEY, ino INTEGER, size INTEGER, mtime INTEGER, ctime INTEGER, body TEXT
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS meetings (
    id TEXT PRIMARY KEY, ino INTEGER, size INTEGER, mtime INTEGER, ctime INTEGER, body TEXT
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS settings (
    name TEXT PRIMARY KEY, ino INTEGER, size INTEGER, mtime INTEGER, ctime INTEGER, body TEXT
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS searched (
    id TEXT PRIMARY KEY, ino INTEGER, size INTEGER, mtime INTEGER, ctime INTEGER,
    number INTEGER UNIQUE, title TEXT
) WITHOUT ROWID;
CREATE VIRTUAL TABLE IF NOT EXISTS words USING fts5(
    text, tokenize = 'trigram case_sensitive 1', detail = none
);
CREATE TABLE IF NOT EXISTS checked (
    name TEXT PRIMARY KEY, ino INTEGER, size INTEGER, mtime INTEGER, ctime INTEGER,
    digest TEXT, facts TEXT
) WITHOUT ROWID;
"""
_ALL_TABLES = ("meta", "rows", "documents", "meetings", "settings", "searched", "words", "checked")


def made_from(made: Sequence[Any] | None, stat: os.stat_result) -> bool:
    """Whether a cached entry (its signature first) was made from the file in the state ``stat``
    describes."""
    try:
        return (
            made is not None and made[2] == stat.st_mtime_ns and made[3] == stat.st_ctime_ns
            and made[1] == stat.st_size and made[0] == stat.st_ino
        )
    except (IndexError, KeyError, TypeError):  # damaged by hand: it vouches for nothing
        return False


ROW = 4  # an entry is the file's signature, then the row


def entry(stat: os.stat_result, row: Row) -> list[Any]:
    """What the cache keeps of a decision file in one state: its signature, then its row."""
    return [*signature(stat), row]


def _tagged(value: object) -> dict[str, str]:
    """TOML's dates and times, which JSON lacks, as one-key objects (a decision's tables never
    have such keys: the schema refuses them)."""
    if isinstance(value, dt.datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, dt.date):
        return {"$date": value.isoformat()}
    raise TypeError(f"{type(value).__name__} is not kept")


def _revive(table: dict[str, Any]) -> Any:
    if len(table) == 1:
        if "$datetime" in table:
            return dt.datetime.fromisoformat(table["$datetime"])
        if "$date" in table:
            return dt.date.fromisoformat(table["$date"])
    return table


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _row_columns(made: list[Any]) -> tuple[Any, ...]:
    row = made[ROW]
    return (
        row.id, *made[:ROW], row.title, row.status, row.current_version, row.open_version, row.review_by,
        _json(list(row.tags)) if row.tags else "[]", row.created, row.updated, row.superseded_by,
        " ".join(row.replaces), row.source, row.timeline, " ".join(row.related), " ".join(row.meetings),
        row.overlooked,
    )


# The columns of ``rows`` in the order a Row has them, then the signature.
_ROW_COLUMNS = ("id, title, status, current_version, open_version, review_by, tags, created, updated, "
                "superseded_by, replaces, source, timeline, related, meetings, overlooked, ino, size, mtime, ctime")


def _entries(found: list[Any]) -> dict[str, list[Any]]:
    """The entries that lines of ``rows`` (selected as ``_ROW_COLUMNS``) hold. At 100,000 decisions
    every step taken per line shows: the tags of all lines are decoded in one call to the JSON
    decoder, and ids are kept space-separated (an id holds no space)."""
    tags = json.loads("[" + ",".join([line[6] for line in found]) + "]")
    make = tuple.__new__
    known = {}
    for line, tag in zip(found, tags, strict=True):
        if type(line[10]) is not str or type(line[13]) is not str or type(line[14]) is not str \
                or type(line[12]) is not str or type(line[15]) is not int or type(tag) is not list:
            continue  # damaged by hand: made again from the file
        known[line[0]] = [line[16], line[17], line[18], line[19], make(Row, (
            line[0], line[1], line[2], line[3], line[4], line[5], tag, line[7], line[8], line[9],
            line[10].split(), line[11], line[12], line[13].split(), line[14].split(), line[15]))]
    return known


_COMPANIONS = ("", "-wal", "-shm", "-journal")  # the database's file, and those SQLite keeps beside it


def _uri(path: Path, options: str) -> str:
    # nofollow: SQLite opens no symbolic link either, should one appear after the test of links.
    where = str(path).replace("%", "%25").replace("?", "%3f").replace("#", "%23")
    return f"file:{where}?{options}"


def _defensive(db: sqlite3.Connection) -> None:
    """A database from the working tree (a pull may bring one) is read as data, never as code:
    no views or triggers of its own, and, where Python can ask for it (3.12), SQLite's defensive
    mode, which refuses what only a hostile file needs."""
    import sqlite3

    db.execute("PRAGMA trusted_schema = OFF")
    defensive = getattr(sqlite3, "SQLITE_DBCONFIG_DEFENSIVE", None)
    if defensive is not None:
        db.setconfig(defensive, True)  # type: ignore[attr-defined,unused-ignore]


def _file_of(path: Path) -> str:
    """The database file as this machine knows it: its device and inode, which no copy, and no
    file a pull writes in its place, has."""
    stat = os.stat(path)
    return f"{stat.st_dev} {stat.st_ino}"


def _made_here(db: sqlite3.Connection, path: Path) -> None:
    """Refuse (``sqlite3.DatabaseError``; the caller makes the cache anew) a database of our
    schema not made in this very file: one a pull wrote over the cache (git overwrites ignored
    files), whose rows someone else chose. (``_open`` refuses any other schema first: a view or
    trigger of a pulled file runs whenever its table is touched, trusted schema or not, and one
    that counts forever kept every command busy.)"""
    import sqlite3

    made = db.execute("SELECT value FROM meta WHERE key = 'file'").fetchone()
    if made != (_file_of(path),):
        raise sqlite3.DatabaseError("the cache was not made in this file")


@functools.cache
def _schema() -> list[tuple[str, str, str, str | None]]:
    """What ``sqlite_master`` holds of a cache made by this code."""
    import sqlite3

    fresh = sqlite3.connect(":memory:")
    fresh.executescript(_TABLES)
    made = sorted(fresh.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall())
    fresh.close()
    return made


def _own_files(path: Path) -> bool:
    """Whether the database at ``path`` and its companions are each a file of its own, or absent."""
    return all(own_or_absent(f"{path}{suffix}") for suffix in _COMPANIONS)


def checked_between(folder: Path, first: str, last: str) -> dict[str, tuple[Signature, str, str]]:
    """As ``Index.checked``, for every file named ``first`` to ``last``: for a worker of ``check``,
    on a connection of its own (none may cross a fork), once the command has opened the cache.
    The command then neither reads all of it nor sends it to the workers (at 100,000 decisions
    0.4 s, and 4 MB to pickle). Nothing where the cache cannot be read: those files are parsed."""
    import sqlite3

    path = folder / FILE
    if not _own_files(path):
        return {}
    try:
        db = sqlite3.connect(_uri(path, "mode=ro&nofollow=1"), uri=True, timeout=2.0)
        try:
            _defensive(db)
            found = db.execute("SELECT name, ino, size, mtime, ctime, digest, facts FROM checked "
                               "WHERE name BETWEEN ? AND ?", (first, last)).fetchall()
        finally:
            db.close()
    except (sqlite3.Error, UnicodeError):
        return {}
    return {name: ((ino, size, mtime, ctime), digest, facts) for name, ino, size, mtime, ctime, digest, facts in found}


_OPEN: set[Index] = set()
"""The caches with a connection open in this process (each leaves when it lets it go)."""


def _before_fork() -> None:
    """Let go of every connection before this process forks (workers that read the register):
    SQLite's locks belong to a process, and a worker's own connection would otherwise share the
    state this one's left behind, and take no lock of its own. Each is opened again when asked."""
    for index in list(_OPEN):
        index._close()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(before=_before_fork)


class Index:
    """The cache of one register: read where asked, written at the end of the command."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.path = folder / FILE
        self._db: sqlite3.Connection | None = None
        self._broken = False
        self._unread = False  # a query found the database busy: what it read cannot stand for all
        self._unwritable = False  # a write failed: no more are tried in this command (each waits)
        self._rows: dict[str, list[Any]] = {}  # entries read or made by this command
        self._rows_put: dict[str, list[Any]] = {}
        self._gone: set[str] = set()
        self._documents: dict[str, tuple[Signature, str]] = {}
        self._fetched: dict[str, tuple[Any, ...]] = {}  # documents read ahead (prefetch), until taken
        self._meetings: dict[str, list[Any]] | None = None
        self._meetings_put: dict[str, list[Any]] = {}
        self._meetings_gone: set[str] = set()
        self._settings: tuple[Signature, str] | None = None
        self._later: list[Callable[[sqlite3.Connection], None]] = []

    # -- the database ---------------------------------------------------------------------

    def db(self, create: bool = False) -> sqlite3.Connection | None:
        """The open database (made when ``create``, when there is none yet); None when there is
        none, or it cannot be had."""
        if self._db is None and not self._broken:
            if not create and not os.path.isfile(self.path):
                return None
            try:
                self._db = self._open()
            except Exception as exc:  # noqa: BLE001 - a cache that cannot be had is not kept
                import sqlite3

                if isinstance(exc, sqlite3.OperationalError) and ("locked" in str(exc) or "busy" in str(exc)):
                    # Another command holds it (a first build at 100,000 decisions takes a while):
                    # this one goes on without it, and deletes nothing under the other's feet.
                    self._broken = True
                    self._close()
                    return None
                self._discard()
                try:
                    self._db = self._open()
                except Exception:  # noqa: BLE001
                    self._broken = True
                    self._close()
            if self._db is not None:
                _OPEN.add(self)
        return self._db

    def _open(self) -> sqlite3.Connection:
        import sqlite3

        self.folder.mkdir(parents=True, exist_ok=True)
        self._refuse_links()
        db = sqlite3.connect(_uri(self.path, "nofollow=1"), uri=True, timeout=2.0, isolation_level=None,
                             check_same_thread=False)
        self._db = db
        _defensive(db)
        # Nothing of the file is read before its schema is known to be ours: a pulled one's
        # generated columns or views run as soon as a value is read.
        made = sorted(db.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall())
        if made and made != _schema():
            raise sqlite3.DatabaseError("the cache's schema is not consensus's")
        stamp = db.execute("SELECT value FROM meta WHERE key = 'stamp'").fetchone() if made else None
        if stamp == (STAMP,):
            _made_here(db, self.path)
        else:
            import shutil

            # The JSON index of versions before 0.2 (its documents/ held a file a decision).
            shutil.rmtree(self.folder / "index", ignore_errors=True)
            db.execute("PRAGMA journal_mode = WAL")  # readers never wait for a writer
            with self._writing(db):
                for table in _ALL_TABLES:
                    db.execute(f"DROP TABLE IF EXISTS {table}")
                db.executescript("BEGIN IMMEDIATE;" + _TABLES)
                db.execute("INSERT OR REPLACE INTO meta VALUES ('stamp', ?)", (STAMP,))
                db.execute("INSERT OR REPLACE INTO meta VALUES ('file', ?)", (_file_of(self.path),))
        db.execute("PRAGMA synchronous = NORMAL")  # a cache: a power cut may lose its newest entries
        return db

    def _refuse_links(self) -> None:
        """The database and its companions must be this register's own regular files. A symbolic
        link committed in their place (``git add -f``) would have SQLite write, and drop tables,
        wherever it points, outside the register: it is refused, and ``db`` deletes the link
        (never what it points to) and makes the cache anew."""
        if not _own_files(self.path):
            raise OSError(f"{self.path} or one beside it is not a file of its own")

    @staticmethod
    @contextlib.contextmanager
    def _writing(db: sqlite3.Connection) -> Iterator[None]:
        if not db.in_transaction:
            db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")

    def _discard(self) -> None:
        """Delete a database that cannot be read: it is made again from the files."""
        self._close()
        for suffix in _COMPANIONS:
            with contextlib.suppress(OSError):
                os.unlink(f"{self.path}{suffix}")

    def _close(self) -> None:
        if self._db is not None:
            with contextlib.suppress(Exception):
                self._db.close()
            self._db = None
        _OPEN.discard(self)

    def _query(self, sql: str, args: Sequence[Any] = ()) -> list[Any]:
        """The rows ``sql`` selects; none where there is no database. A database that turns out
        damaged is deleted (and this command goes on without it)."""
        import sqlite3

        db = self.db()
        if db is None:
            return []
        try:
            return db.execute(sql, args).fetchall()
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                self._unread = True  # an answer of nothing, not "there is nothing"
                return []
            self._broken = True
            self._discard()
            return []
        except sqlite3.Error:
            self._broken = True
            self._discard()
            return []

    def owned(self) -> dict[Path, Callable[[str], bool]]:
        """The cache's folders, each with the test of which names there are its files (none: SQLite
        writes in place, under its own journal)."""
        return {}

    def close(self) -> None:
        """Write what this command learned, and let the database go (a live session goes on and
        opens it again at its next line, when a database busy now may be free)."""
        self.save()
        self._close()
        self._unread = self._unwritable = False

    def save(self) -> None:
        """Write what this command learned, in one transaction; a cache that cannot be written is
        simply not kept. Rows go to SQLite as they are made (generators, not lists): 100,000 of
        them made at once were 100 MB more at the end of a first command."""
        if not (self._rows_put or self._gone or self._documents or self._meetings_put or self._meetings_gone
                or self._settings or self._later):
            return
        self._write(self._put_all)
        self._rows_put.clear()
        self._gone.clear()
        self._documents.clear()
        self._meetings_put.clear()
        self._meetings_gone.clear()
        self._settings = None
        self._later.clear()

    def settle(self) -> None:
        """Write the rows made so far, and let them go from memory where that worked: the
        commands that then ask for a few rows (``rows_where``) read those back. A first command
        after a clone makes 100,000 (130 MB) and may need a few hundred."""
        if self._rows_put and self._write(self._put_rows):
            for decision_id in self._rows_put:
                self._rows.pop(decision_id, None)
            self._rows_put.clear()

    def _write(self, write: Callable[[sqlite3.Connection], None]) -> bool:
        """``write`` in a transaction of its own; whether it was written."""
        import sqlite3

        db = self.db(create=True) if not self._unwritable else None
        if db is None:
            self._unwritable = True
            return False
        try:
            with self._writing(db):
                write(db)
        except (sqlite3.Error, OSError, ValueError, TypeError):
            # Busy beyond the timeout, a full disk, a read-only folder: not kept this time, and
            # not tried again (a report that writes as it goes would wait the timeout each time).
            self._unwritable = True
            return False
        return True

    def _put_rows(self, db: sqlite3.Connection) -> None:
        db.executemany("INSERT OR REPLACE INTO rows VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                       (_row_columns(made) for made in self._rows_put.values()))

    def _put_all(self, db: sqlite3.Connection) -> None:
        if self._gone:
            gone = [(i,) for i in self._gone]
            db.executemany("DELETE FROM rows WHERE id = ?", gone)
            db.executemany("DELETE FROM documents WHERE id = ?", gone)
            db.executemany("DELETE FROM words WHERE rowid = (SELECT number FROM searched WHERE id = ?)", gone)
            db.executemany("DELETE FROM searched WHERE id = ?", gone)
        if self._rows_put:
            self._put_rows(db)
        if self._documents:
            self._put_documents(db)
        if self._meetings_gone:
            db.executemany("DELETE FROM meetings WHERE id = ?", [(i,) for i in self._meetings_gone])
        if self._meetings_put:
            db.executemany("INSERT OR REPLACE INTO meetings VALUES (?,?,?,?,?,?)",
                           ((i, *made[:4], _json(made[4:])) for i, made in self._meetings_put.items()))
        if self._settings is not None:
            db.execute("INSERT OR REPLACE INTO settings VALUES ('settings',?,?,?,?,?)",
                       (*self._settings[0], self._settings[1]))
        for later in self._later:
            later(db)

    def later(self, write: Callable[[sqlite3.Connection], None]) -> None:
        """Run ``write`` in the transaction that ends the command (the search index, check)."""
        self._later.append(write)

    # -- decisions ------------------------------------------------------------------------

    def entries(self) -> dict[str, list[Any]]:
        """Every decision's entry, its signature first (``list`` wants them all)."""
        try:
            known = _entries(self._query(f"SELECT {_ROW_COLUMNS} FROM rows"))
        except (ValueError, TypeError, IndexError, RecursionError):  # damaged by hand: all made again
            known = {}
        self._with_pending(known)
        self._rows.update(known)
        return known

    def _with_pending(self, known: dict[str, Any]) -> None:
        """``known`` (entries of the database, or their signatures) with what this command made
        or found gone since, not yet written."""
        known.update(self._rows_put)
        for decision_id in self._gone:
            known.pop(decision_id, None)

    def _entry(self, decision_id: str) -> list[Any] | None:
        if decision_id in self._rows:
            return self._rows[decision_id]
        try:
            made = _entries(self._query(f"SELECT {_ROW_COLUMNS} FROM rows WHERE id = ?", (decision_id,))).get(decision_id)
        except (ValueError, TypeError, IndexError, RecursionError):  # damaged by hand
            return None
        if made is not None:
            self._rows[decision_id] = made
        return made

    def vouches(self, decision_id: str, stat: os.stat_result) -> bool:
        """Whether the file in this exact state was validated before."""
        try:
            return made_from(self._entry(decision_id), stat)
        except (ValueError, TypeError):  # a row damaged by hand
            return False

    def put(self, decision_id: str, stat: os.stat_result, view: DecisionView) -> None:
        """Remember the file in this state, and its row."""
        self.put_entry(entry(stat, Row.of(view)))

    def put_entry(self, made: list[Any]) -> None:
        """Remember an entry as ``entry`` made it."""
        decision_id = made[ROW].id
        self._rows[decision_id] = self._rows_put[decision_id] = made
        self._gone.discard(decision_id)

    def let_go(self, decision_id: str) -> None:
        """Stop holding what was read of a decision's row (it is read again when asked): a report
        that reads 100,000 decisions one by one held 120 MB of rows it had done with."""
        if decision_id not in self._rows_put:
            self._rows.pop(decision_id, None)

    def forget(self, gone: Iterable[str]) -> None:
        """Drop what is kept of decisions whose files are gone."""
        for decision_id in gone:
            self._gone.add(decision_id)
            self._rows.pop(decision_id, None)
            self._rows_put.pop(decision_id, None)
            self._documents.pop(decision_id, None)

    # A decision's parsed TOML, kept as JSON: a summary reads a thousand files, and the JSON
    # parser is quicker than the TOML one. Kept only for files the cache vouches for.

    def prefetch(self, decision_ids: Sequence[str]) -> None:
        """Read the kept documents of ``decision_ids`` now, a few hundred in one query, for
        ``document`` to take: a summary of 9,400 decisions spent 0.6 s on one query each. What
        was read ahead and not taken is let go."""
        self._fetched.clear()
        for start in range(0, len(decision_ids), 500):
            some = decision_ids[start:start + 500]
            for line in self._query(f"SELECT id, ino, size, mtime, ctime, body FROM documents WHERE id IN "
                                    f"({','.join('?' * len(some))})", some):
                self._fetched[line[0]] = line[1:]

    def document(self, decision_id: str, stat: os.stat_result) -> dict[str, Any] | None:
        """The parsed TOML of the file in this exact state, if remembered."""
        pending = self._documents.get(decision_id)
        fetched = self._fetched.pop(decision_id, None)
        found = [(*pending[0], pending[1])] if pending is not None else [fetched] if fetched is not None else \
            self._query("SELECT ino, size, mtime, ctime, body FROM documents WHERE id = ?", (decision_id,))
        if not found or not made_from(found[0], stat):
            return None
        try:
            kept = json.loads(found[0][4], object_hook=_revive)
        except (ValueError, TypeError, RecursionError):
            return None
        return kept if isinstance(kept, dict) else None

    def put_document(self, decision_id: str, stat: os.stat_result, document: dict[str, Any]) -> None:
        """Remember the parsed TOML of the file in this state."""
        if self._unwritable:
            return
        with contextlib.suppress(TypeError, ValueError):
            self._documents[decision_id] = (signature(stat), json.dumps(
                document, default=_tagged, ensure_ascii=False, separators=(",", ":")))
        if len(self._documents) >= KEPT_AT_ONCE:
            self._write(self._put_documents)
            self._documents.clear()  # written, or not kept this time

    def _put_documents(self, db: sqlite3.Connection) -> None:
        db.executemany("INSERT OR REPLACE INTO documents VALUES (?,?,?,?,?,?)",
                       ((i, *sig, body) for i, (sig, body) in self._documents.items()))

    # -- settings and meetings ------------------------------------------------------------

    def settings(self, stat: os.stat_result) -> dict[str, Any] | None:
        """The validated settings of ``consensus.toml`` in this exact state, if remembered."""
        if self._settings is not None and made_from(self._settings[0], stat):
            return json.loads(self._settings[1])  # type: ignore[no-any-return]
        found = self._query("SELECT ino, size, mtime, ctime, body FROM settings WHERE name = 'settings'")
        if found and made_from(found[0], stat):
            with contextlib.suppress(ValueError, TypeError):
                kept = json.loads(found[0][4])
                if isinstance(kept, dict):
                    return kept
        return None

    def put_settings(self, stat: os.stat_result, settings: dict[str, Any]) -> None:
        """Remember validated settings for this state of ``consensus.toml``."""
        self._settings = (signature(stat), _json(settings))

    def _meeting_entries(self) -> dict[str, list[Any]]:
        if self._meetings is None:
            self._meetings = {}
            for found in self._query("SELECT * FROM meetings"):
                with contextlib.suppress(ValueError, TypeError):
                    self._meetings[found[0]] = [*found[1:5], *json.loads(found[5])]
        return self._meetings

    def meeting(self, meeting_id: str, stat: os.stat_result) -> Meeting | None:
        """The validated meeting of the file in this exact state, if remembered."""
        made = self._meeting_entries().get(meeting_id)
        if not made_from(made, stat):
            return None
        assert made is not None
        from .models import Meeting, Note

        try:
            started, title, ended, attendees, guests, started_by, format_, notes = made[4:]
            return Meeting(
                id=meeting_id, started_at=dt.datetime.fromisoformat(started), title=title,
                ended_at=dt.datetime.fromisoformat(ended) if ended else None,
                attendees=tuple(attendees), guests=tuple(guests), started_by=started_by, format=format_,
                notes=tuple(Note(dt.datetime.fromisoformat(at), text, decision, by) for at, text, decision, by in notes),
            )
        except (ValueError, TypeError):
            return None

    def put_meeting(self, stat: os.stat_result, meeting: Meeting) -> None:
        """Remember a validated meeting file in this state."""
        self._meeting_entries()[meeting.id] = self._meetings_put[meeting.id] = [
            *signature(stat), meeting.started_at.isoformat(), meeting.title,
            meeting.ended_at.isoformat() if meeting.ended_at else None,
            list(meeting.attendees), list(meeting.guests), meeting.started_by, meeting.format,
            [[n.at.isoformat(), n.text, n.decision, n.by] for n in meeting.notes],
        ]

    def forget_meetings(self, keep: Iterable[str]) -> None:
        """Drop the entries of meetings whose files are gone."""
        entries = self._meeting_entries()
        gone = set(entries) - set(keep)
        for meeting_id in gone:
            del entries[meeting_id]
            self._meetings_put.pop(meeting_id, None)
        self._meetings_gone |= gone

    # -- the survey -----------------------------------------------------------------------

    def survey(self, folder: Path) -> tuple[list[Row], list[str], list[str]]:
        """Look at every decision file in ``folder``: the rows of those the cache's entries were
        made from as they are now, the ids of the others (changed, or new), and every id present.
        Entries of files that are gone are dropped."""
        known = self.entries()
        fresh, stale, present = self._look(folder, known)
        return [known[i][ROW] for i in fresh], stale, present

    def stale(self, folder: Path) -> tuple[list[str], list[str]]:
        """As ``survey``, without the rows: the ids of the files the cache holds no entry of as
        they are now, and every id present. For the commands that then ask the cache for a few
        rows (``rows_where``): reading a signature costs a tenth of reading a row."""
        try:
            known: dict[str, Any] = {line[0]: line[1:] for line in
                                     self._query("SELECT id, ino, size, mtime, ctime FROM rows")}
        except (ValueError, TypeError, IndexError):  # damaged by hand: all made again
            known = {}
        self._with_pending(known)
        _fresh, stale, present = self._look(folder, known)
        return stale, present

    def rows_where(self, condition: str, args: Sequence[Any] = ()) -> list[Row] | None:
        """The rows the cache holds that SQL ``condition`` picks, and every row this command made
        (which the caller tests itself); None where the cache cannot be trusted for them (a line
        damaged by hand, a database gone bad): the caller then reads every row."""
        lines = self._query(f"SELECT {_ROW_COLUMNS} FROM rows WHERE {condition}", args)
        if self._broken or self._unread:
            return None
        try:
            found = _entries(lines)
        except (ValueError, TypeError, IndexError, RecursionError):  # damaged by hand
            return None
        if len(found) != len(lines):  # a line damaged by hand, which the survey vouched for by its signature
            return None
        for decision_id, made in found.items():
            self._rows.setdefault(decision_id, made)
        return [*(made[ROW] for decision_id, made in found.items()
                  if decision_id not in self._gone and decision_id not in self._rows_put),
                *(made[ROW] for made in self._rows_put.values())]

    def _look(self, folder: Path, known: dict[str, Any]) -> tuple[list[str], list[str], list[str]]:
        """The ids of the files in ``folder`` whose signature is the one ``known`` has, of the
        others, and of all. One loop, since at 100,000 files each step taken per file shows in
        ``list``'s time."""
        try:
            names = os.listdir(folder)
        except FileNotFoundError:
            self.forget(list(known))
            return [], [], []
        fresh: list[str] = []
        stale, present = [], []
        kept = 0  # files present that the cache holds an entry of
        stat, get = os.stat, known.get
        # Relative to the open folder: the kernel then need not walk the whole path 100,000 times.
        where = os.open(folder, os.O_RDONLY) if stat in os.supports_dir_fd else None
        try:
            for name in names:
                if not name.endswith(".toml"):
                    continue
                decision_id = name[:-5]
                made = get(decision_id)
                if made is None and (name[0] == "." or not is_valid_id(decision_id)):
                    continue
                try:
                    now = stat(name, dir_fd=where) if where is not None else stat(folder / name)
                except FileNotFoundError:
                    continue  # deleted while we looked
                present.append(decision_id)
                if made is not None:
                    kept += 1
                    if made[2] == now.st_mtime_ns and made[3] == now.st_ctime_ns \
                            and made[1] == now.st_size and made[0] == now.st_ino:
                        fresh.append(decision_id)
                        continue
                stale.append(decision_id)
        finally:
            if where is not None:
                os.close(where)
        if kept != len(known):  # some the cache holds are gone (one deleted and one added: as many)
            self.forget(set(known) - set(present))
        return fresh, stale, present

    # -- the words a search looks in --------------------------------------------------------
    # SQLite's FTS5 with its trigram tokenizer finds any three or more characters inside the
    # words, as ``list --search`` always has (a part of a word, "fest" in "Straßenfest"). It
    # holds each decision's text folded as ``queries.haystack`` folds it; a word is looked up by
    # its trigrams and then confirmed with ``instr``, so the answer is exactly the old search's.
    # detail=none keeps no positions: at 100,000 decisions the index took 160 MB instead of 367
    # and was built in half the time (measured), and the confirmation makes positions needless.

    def checked(self, name: str) -> tuple[Signature, str, str] | None:
        """What an earlier check verified of the file ``name`` (relative to the register): its
        signature, its content's digest and its facts as JSON. (Of the many decision files,
        ``check``'s workers ask ``checked_between`` themselves.)"""
        found = self._query("SELECT ino, size, mtime, ctime, digest, facts FROM checked WHERE name = ?", (name,))
        return ((found[0][0], found[0][1], found[0][2], found[0][3]), found[0][4], found[0][5]) if found else None

    def put_checked(self, verified: Sequence[tuple[str, Signature, str, str]], unchanged: Sequence[str]) -> None:
        """Remember the files a check found whole now (``verified``, with their facts as JSON) and
        before (``unchanged``, as the table has them); forget every other (gone, or found wrong)."""
        def write(db: sqlite3.Connection) -> None:
            db.executemany("INSERT OR REPLACE INTO checked VALUES (?,?,?,?,?,?,?)",
                           ((name, *sig, digest, facts) for name, sig, digest, facts in verified))
            # Each file kept is in the table now, once: as many rows as that, and none is to go.
            if db.execute("SELECT count(*) FROM checked").fetchone() != (len(verified) + len(unchanged),):
                keep = {*unchanged, *(name for name, *_ in verified)}
                gone = [(name,) for (name,) in db.execute("SELECT name FROM checked") if name not in keep]
                db.executemany("DELETE FROM checked WHERE name = ?", gone)

        self.later(write)

    def verdict(self) -> tuple[str, str] | None:
        """What the last check found across files, and the key of all it was found from."""
        found = self._query("SELECT value FROM meta WHERE key = 'verdict'")
        try:
            key, problems = json.loads(found[0][0]) if found else (None, None)
        except (ValueError, TypeError, RecursionError):
            return None
        return (key, problems) if isinstance(key, str) and isinstance(problems, str) else None

    def put_verdict(self, key: str, problems: str) -> None:
        """Remember what a check found across files (as JSON), under the key of all it read."""
        def write(db: sqlite3.Connection) -> None:
            db.execute("INSERT OR REPLACE INTO meta VALUES ('verdict', ?)", (_json([key, problems]),))

        self.later(write)

    def signature_of(self, decision_id: str) -> Signature | None:
        """The signature of the file as this command's survey found it, if it did."""
        made = self._rows.get(decision_id)
        return (made[0], made[1], made[2], made[3]) if made is not None else None

    def searched(self) -> dict[str, tuple[Any, ...]] | None:
        """The signature of the file each decision's words were taken from; None without a
        database to keep them in."""
        if self.db(create=True) is None:
            return None
        found = self._query("SELECT id, ino, size, mtime, ctime FROM searched")
        if self._broken:
            return None
        return {line[0]: tuple(line[1:]) for line in found}

    def put_words(self, made: Sequence[tuple[str, Signature, str, str]]) -> bool:
        """Keep (id, signature, folded text, folded title) of decisions, at once (a search is
        about to ask); whether they were kept."""
        import sqlite3

        db = self.db(create=True)
        if db is None:
            return False
        try:
            with self._writing(db):
                ids = [m[0] for m in made]
                old: list[Any] = []
                for start in range(0, len(ids), 500):  # SQLite takes so many values in one statement
                    part = ids[start:start + 500]
                    old += db.execute(f"SELECT number FROM searched WHERE id IN ({','.join('?' * len(part))})",
                                      part).fetchall()
                db.executemany("DELETE FROM words WHERE rowid = ?", old)
                first = db.execute("SELECT coalesce(max(number), 0) + 1 FROM searched").fetchone()[0]
                db.executemany("INSERT INTO words (rowid, text) VALUES (?, ?)",
                               ((first + k, m[2]) for k, m in enumerate(made)))
                db.executemany("INSERT OR REPLACE INTO searched VALUES (?,?,?,?,?,?,?)",
                               ((m[0], *m[1], first + k, m[3]) for k, m in enumerate(made)))
        except (sqlite3.Error, OSError):
            return False
        return True

    def search(self, words: Sequence[str]) -> set[str] | None:
        """The ids of the decisions whose folded text holds every one of the (folded) ``words``;
        None when the database cannot answer."""
        import sqlite3

        db = self.db()
        if db is None:
            return None
        grams = sorted({w[i:i + 3] for w in words for i in range(len(w) - 2)})
        where = ["words MATCH ?"] if grams else []
        args: list[str] = [" AND ".join('"' + g.replace('"', '""') + '"' for g in grams)] if grams else []
        for word in words:
            where.append("instr(text, ?) > 0")
            args.append(word)
        try:
            found = db.execute(
                "SELECT id FROM searched WHERE number IN (SELECT rowid FROM words WHERE "
                + " AND ".join(where) + ")", args).fetchall()
        except sqlite3.Error:
            return None
        return {line[0] for line in found}
