"""The register on disk: finding it, reading its files, and changing them safely."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, NamedTuple

from . import ids
from .codec import encode_decision, encode_meeting, encode_settings, language_of, parse_checked, read_file
from .errors import BrokenFile, ConsensusError, NotFound, shown_path
from .index import ROW, Index, checked_between, entry
from .language import _
from .members import fold, match
from .rows import Row
from .storage import Signature, signature

if TYPE_CHECKING:
    from . import storage
    from .models import Decision, Meeting, Settings
    from .replay import DecisionView

# The TOML, schema and replay code is imported where it is used (codec.py does the same): ``list``
# reads none of it when the index is fresh, and at 10,000 decisions every millisecond of it shows.

SETTINGS_FILE = "consensus.toml"
DECISIONS = "decisions"
MEETINGS = "meetings"
STATE = ".consensus"  # local, uncommitted: lock, journal, index, the open meeting
DIR_VARIABLE = "CONSENSUS_DIR"
USER_VARIABLE = "CONSENSUS_USER"
LAST = "last"  # as an id: the decision this machine wrote to last (or the last meeting)
GITIGNORE = "# local state of consensus: lock, index, the open meeting\n.consensus/\n"
JOURNAL = "journal.json"  # in .consensus/: a change of several files, written down before it is made
KEY = "token"  # in .consensus/: the random key that binds a journal to this copy of the register


def _register_file(name: str) -> bool:
    """Whether ``name`` is the name of a decision or meeting file."""
    return name.endswith(".toml") and ids.is_valid_id(name[:-5])


def find_root(explicit: str | None, start: Path | None = None) -> Path:
    """The register's folder: ``-C``, else ``$CONSENSUS_DIR``, else the nearest one upward."""
    chosen = explicit or os.environ.get(DIR_VARIABLE)
    if chosen:
        root = Path(chosen).expanduser()
        if "\x00" not in chosen:
            # Absolute and resolved: whatever is written down (a journal) holds from any folder.
            root = root.resolve()
        if "\x00" in chosen or not (root / SETTINGS_FILE).is_file():
            source = "-C" if explicit else f"${DIR_VARIABLE}"
            raise NotFound(
                _('no register at {path} (from {source}): it has no {file} — create one with '
                  '"consensus -C PATH init"').format(path=repr(chosen), source=source, file=SETTINGS_FILE)
            ) if "\x00" in chosen else NotFound(
                _('no register at {path} (from {source}): it has no {file} — create one with '
                  '"consensus -C {path} init"').format(path=root, source=source, file=SETTINGS_FILE)
            )
        return root
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / SETTINGS_FILE).is_file():
            return folder
    raise NotFound(
        _('no register here: no {file} in {path} or above it — create one with "consensus init", or '
          'point to one with -C PATH').format(file=SETTINGS_FILE, path=here)
    )


def _words(root: str, made: list[tuple[str, Signature]]) -> list[tuple[str, Signature, str, str]]:
    """(id, signature, folded words, folded title) of each readable decision file, for the search
    index; plain values, so that another process can send them back. ``made``: each id with the
    signature of the file its row was made from (a file in that state need not be validated again)."""
    from . import tomlfile
    from .members import fold
    from .queries import search_text
    from .replay import replay

    register = Register(Path(root))
    out = []
    for decision_id, vouched in made:
        path = register.path(decision_id)
        try:
            data, stat = read_file(path)
            if signature(stat) == vouched:
                view = replay(tomlfile.decision_from_document(tomlfile.parse(data, path)))
            else:
                view = parse_checked(path, data)[1]
        except (BrokenFile, NotFound):
            continue  # not listed, so never found
        out.append((decision_id, signature(stat), search_text(view), fold(view.title)))
    return out


def _fresh_rows(root: str, decision_ids: list[str]) -> list[list[Any] | BrokenFile]:
    """The index entry of each file read afresh, or why it cannot be read; plain values, so
    that another process can send them back."""
    from . import schema
    from .storage import read_at

    schema.expect(len(decision_ids))
    folder = Path(root) / DECISIONS
    out: list[list[Any] | BrokenFile] = []
    where = os.open(folder, os.O_RDONLY)
    try:
        for decision_id in decision_ids:
            name = f"{decision_id}.toml"
            path = folder / name
            try:
                data, stat = read_at(where, name, path)
                # Only the row leaves this process: its moments are numbers, so rtoml's time zones may stay.
                _, view = parse_checked(path, data, zones=False)
            except BrokenFile as exc:
                out.append(exc)
                continue
            except FileNotFoundError:
                continue  # deleted while we looked
            out.append(entry(stat, Row.of(view)))
    finally:
        os.close(where)
    return out


def checked_in(root: str, first: str, last: str) -> dict[str, tuple[Signature, str, str]]:
    """What earlier checks verified of the files (relative to ``root``) named ``first`` to
    ``last``, by their name: for ``check``'s workers, which read it from the cache themselves."""
    return checked_between(Path(root) / STATE, first, last)


class _Looked(NamedTuple):
    """What ``rows_where`` found looking at every file: the ids that can be read, and the files
    that cannot (the rows of those changed since the cache knew them are made afresh, and kept)."""

    readable: set[str]
    problems: list[BrokenFile]


def _within(root: Path, folder: Path) -> None:
    """Refuse a folder of the register that is a link leading out of it, or nowhere (git checks
    links out)."""
    if not folder.is_symlink():
        return
    target = os.path.realpath(folder)  # never raises, even on a loop
    if not os.path.isdir(folder):
        raise ConsensusError(_("{path} is a link that leads to no folder (to {target}) — replace the link with a "
                               "folder").format(path=shown_path(folder), target=target))
    if not Path(target).is_relative_to(os.path.realpath(root)):
        raise ConsensusError(
            _("{path} is a link to {target}, outside the register: consensus never follows links "
              "out of it — replace the link with a folder").format(path=shown_path(folder), target=target)
        )


def around(rows: Sequence[Row], readable: set[str]) -> set[str]:
    """The ids of ``rows`` and of the decisions they replace or are replaced by (of those in
    ``readable``): reports show both sides of a replacement."""
    chosen = {r.id for r in rows}
    for row in rows:
        chosen.update(i for i in (*row.replaces, row.superseded_by) if i and i in readable)
    return chosen


SETTLE_AT = 2000
"""Rows made afresh in one command from which ``rows_where`` writes them to the cache at once and
reads back only those it picks."""


def _id_in(ids: set[str]) -> Callable[[Row], bool]:
    return lambda row: row.id in ids


class Register:
    """A register folder: ``consensus.toml``, ``decisions/``, ``meetings/``."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        root = self.root
        self.decisions_dir = root / DECISIONS
        self.meetings_dir = root / MEETINGS
        self.state_dir = root / STATE
        self._tracked: dict[Path, bool] = {}  # whether git tracks a state file (``own``), asked once
        self._settings: Settings | None = None
        self._rows: tuple[list[Row], list[BrokenFile]] | None = None
        self._looked: _Looked | None = None  # the files looked at for rows_where, in this command
        self.index = Index(self.state_dir)

    # -- settings and people -------------------------------------------------------------

    @property
    def settings(self) -> Settings:
        """``consensus.toml``, validated (or as validated before, if it did not change)."""
        if self._settings is None:
            path = self.root / SETTINGS_FILE
            data, stat = read_file(path)
            known = self.index.settings(stat)
            if known is not None:
                from .models import Settings

                values: dict[str, Any] = {k: tuple(v) if isinstance(v, list) else v for k, v in known.items()}
                self._settings = Settings(**values)
            else:
                self._settings = self._validated_settings(path, data, stat)
        return self._settings

    @property
    def language(self) -> str:
        """The register's language, without building its settings when the index knows them
        (``list`` reads no more than it must)."""
        if self._settings is None:
            with contextlib.suppress(ConsensusError, OSError):
                known = self.index.settings(os.stat(self.root / SETTINGS_FILE))
                if known is not None:
                    return str(known.get("language", "en"))
        try:
            return self.settings.language
        except ConsensusError:
            # A broken consensus.toml is reported where it is read, in the language it asks for
            # if it still says one, else the locale's.
            from . import language

            return language_of(self.root / SETTINGS_FILE) or language.from_locale()

    def check_settings(self) -> None:
        """Raise if ``consensus.toml`` is broken: ``list`` only warns about it, and when the index
        validated this state of the file it need not build the settings (nor import their code)."""
        if self._settings is None:
            path = self.root / SETTINGS_FILE
            data, stat = read_file(path)
            if self.index.settings(stat) is None:
                self._settings = self._validated_settings(path, data, stat)

    def _validated_settings(self, path: Path, data: bytes, stat: os.stat_result) -> Settings:
        """The settings in ``data``, validated, and remembered in the index for this state of the file."""
        from . import tomlfile
        from .codec import parse_settings

        settings = parse_settings(path, data)
        self.index.put_settings(stat, tomlfile.settings_document(settings))
        return settings

    def member(self, name: str, guests: Sequence[str] = ()) -> str:
        """The member (or guest of the meeting) ``name`` means; any name, when the register lists
        no members."""
        return match(name, self.settings.members, guests)

    def actors(self, names: Sequence[str], guests: Sequence[str] = ()) -> list[str]:
        """Who acts: the ``--by`` names, else ``$CONSENSUS_USER``, else git's user.name; members,
        or ``guests`` of the meeting in progress."""
        if names:
            return list(dict.fromkeys(self.member(n, guests) for n in names))
        default = os.environ.get(USER_VARIABLE) or self._git_user()
        if not default:
            raise ConsensusError(
                _("who is acting? pass --by NAME, or set CONSENSUS_USER (or git's user.name)")
            )
        self.settings  # noqa: B018 - a broken settings file is said, not blamed on the name
        try:
            return [self.member(default, guests)]
        except ConsensusError as exc:
            source = f"${USER_VARIABLE}" if os.environ.get(USER_VARIABLE) else _("git's user.name")
            raise ConsensusError(_("{problem} (the name came from {source}; pass --by NAME)").format(
                problem=exc, source=source)) from None

    def actor_or(self, by: str | None, fallback: str | None) -> str | None:
        """Who acts, as ``actors`` finds one; ``fallback`` where no name was given and none is known
        (a meeting may start, and records be imported, before anyone says who they are)."""
        self.settings  # noqa: B018 - a broken settings file is said, not taken for a missing name
        try:
            return self.actors([by] if by else [])[0]
        except ConsensusError:
            if by:
                raise
            return fallback

    def _git_user(self) -> str | None:
        import subprocess

        try:
            done = subprocess.run(
                ["git", "config", "user.name"], cwd=self.root, capture_output=True,
                text=True, timeout=5, check=False,
            )
        except (OSError, subprocess.SubprocessError):
            return None
        return done.stdout.strip() or None

    # -- decisions --------------------------------------------------------------------------

    def path(self, decision_id: str) -> Path:
        """Where the decision with this (valid) id lives."""
        if not ids.is_valid_id(decision_id):
            raise NotFound(_("'{id}' is not a decision id").format(id=decision_id))
        return self.decisions_dir / f"{decision_id}.toml"

    def decision_ids(self) -> list[str]:
        """Every decision id, from the file names (nothing is parsed)."""
        try:
            names = os.listdir(self.decisions_dir)
        except FileNotFoundError:
            return []
        return [n[:-5] for n in names if n.endswith(".toml") and ids.is_valid_id(n[:-5])]

    @property
    def last_path(self) -> Path:
        """The local file that remembers the decision this machine wrote to last."""
        return self.state_dir / "last"

    def own(self, path: Path) -> None:
        """Refuse this clone's own state file ``path`` (the meeting in progress, the decision
        written last, a live session) when git tracks it: someone committed it (``git add -f``, or
        ``.consensus`` as a link to a folder of theirs), and a pull then writes it with their
        meeting, or their decision for "last". Asked once a command for each file."""
        from .storage import tracked

        known = self._tracked.get(path)
        if known is None:
            known = self._tracked[path] = tracked(path)
        if known:
            raise ConsensusError(_(
                "{file} is tracked by git, so a pull can write it, yet it is this clone's own (someone committed it): "
                "nothing was done — it is not yours: take it out of git with \"git rm -r --cached {folder}\", delete "
                "{folder}, and commit").format(file=path.relative_to(self.root), folder=STATE))

    def resolve(self, prefix: str) -> str:
        """The full id of the decision ``prefix`` names; ``last``: the one this machine wrote to last."""
        wanted = prefix.strip().lower()
        if wanted == LAST:
            from .storage import read_regular

            if self.last_path.exists():
                self.own(self.last_path)
            try:
                # Never through a link, and nothing but an id is taken from it, or shown: git
                # overwrites an ignored file when a pull brings one of that name.
                wanted = read_regular(self.last_path, limit=64)[0].decode("ascii").strip()
            except (OSError, UnicodeDecodeError, ConsensusError):
                wanted = ""
            if not ids.is_valid_id(wanted):
                raise NotFound(_('no decision was changed on this machine yet, so there is no "last" — give an id'),
                               live=_("no decision was changed on this machine yet: there is nothing to take back"))
            if not (self.decisions_dir / f"{wanted}.toml").is_file():
                raise NotFound(_('"last" was {id}, which is not in the register any more — give an id').format(
                    id=repr(wanted)))
            return wanted
        if ids.is_valid_id(wanted) and (self.decisions_dir / f"{wanted}.toml").is_file():
            return wanted  # a whole id, as scripts pass it: no need to list ten thousand files
        return ids.resolve(prefix, self.decision_ids())

    def load(self, decision_id: str, trust_index: bool = True, keep: bool = False) -> Decision:
        """The decision stored under ``decision_id``; validated unless the index vouches for it.

        ``keep``: also keep its parsed TOML in the index, for commands that read many files
        again and again (summaries); a command about to change the file gains nothing by it.
        """
        from . import tomlfile

        path = self.path(decision_id)
        if trust_index:
            with contextlib.suppress(OSError):
                stat = os.stat(path)
                if self.index.vouches(decision_id, stat):
                    document = self.index.document(decision_id, stat)
                    if document is not None:
                        return tomlfile.decision_from_document(document)
        data, stat = read_file(path)
        if trust_index and self.index.vouches(decision_id, stat):
            document = tomlfile.parse(data, path)
            if keep:
                self.index.put_document(decision_id, stat, document)
            return tomlfile.decision_from_document(document)
        decision, view = parse_checked(path, data)
        self.index.put(decision_id, stat, view)
        return decision

    def rows(self) -> tuple[list[Row], list[BrokenFile]]:
        """What ``list`` shows of every decision, from the index where it is fresh (looked at once
        a command, until it writes)."""
        if self._rows is None:
            self._rows = self._survey()
        return list(self._rows[0]), list(self._rows[1])

    def _survey(self) -> tuple[list[Row], list[BrokenFile]]:
        rows, stale, _ = self.index.survey(self.decisions_dir)
        fresh, problems = self._read(stale)
        return [*rows, *fresh], problems

    def _read(self, stale: list[str]) -> tuple[list[Row], list[BrokenFile]]:
        """The rows of the files the index does not vouch for (all of them, on a fresh clone), read
        on every core and kept; and the files that cannot be read."""
        rows: list[Row] = []
        problems: list[BrokenFile] = []
        if stale:
            from .parallel import map_chunks

            for chunk in map_chunks(_fresh_rows, str(self.root), stale):
                for fresh in chunk:
                    if isinstance(fresh, BrokenFile):
                        problems.append(fresh)
                    else:
                        self.index.put_entry(fresh)
                        rows.append(fresh[ROW])
        problems.sort(key=lambda p: p.path)
        return rows, problems

    def rows_where(self, condition: str, args: Sequence[Any], wanted: Callable[[Row], bool]
                   ) -> tuple[list[Row], set[str], list[BrokenFile]]:
        """The rows ``wanted`` picks, where SQL ``condition`` picks at least those from the cache;
        the ids of every decision that can be read; and the files that cannot. For the commands
        about a few decisions among many (the minutes of one meeting, one lineage, a summary):
        every file is still looked at, once a command (a pull may have changed any), but only
        the rows picked are read."""
        if self._rows is None and self._looked is None:
            stale, present = self.index.stale(self.decisions_dir)
            problems = self._read(stale)[1]
            if len(stale) >= SETTLE_AT:  # most made afresh (a fresh clone): few are wanted here
                self.index.settle()
            self._looked = _Looked(set(present).difference(Path(p.path).stem for p in problems), problems)
        rows = self.index.rows_where(condition, args) if self._rows is None else None
        if rows is None or self._looked is None:  # every row read already, or the cache cannot be trusted
            every, problems = self.rows()
            return [r for r in every if wanted(r)], {r.id for r in every}, problems
        readable = self._looked.readable
        return [r for r in rows if r.id in readable and wanted(r)], readable, list(self._looked.problems)

    def find(
        self, *, statuses: Sequence[str] = (), tag: str | None = None, due: dt.date | None = None,
        as_of: dt.date | None = None, search: str | None = None,
    ) -> tuple[list[tuple[Row, tuple[int, str] | None]], list[BrokenFile]]:
        """What ``list`` shows (see ``queries.select``), with only the decisions that mention every
        word of ``search``; and the files that could not be read."""
        from .queries import mentions, select

        rows, problems = self.rows()
        chosen = select(rows, statuses=statuses, tag=tag, due=due, as_of=as_of)
        words = fold(search).split() if search else []
        found = self.search(words) if words else None
        if found is not None:
            chosen = [(row, shown) for row, shown in chosen if row.id in found]
        elif search:
            from .replay import replay

            kept = []
            for row, shown in chosen:
                try:
                    if mentions(replay(self.load(row.id)), search):
                        kept.append((row, shown))
                except ConsensusError:
                    continue
            chosen = kept
        return chosen, problems

    def search(self, words: Sequence[str]) -> set[str] | None:
        """The ids of the decisions whose title, text or tags hold every one of the folded
        ``words``, from the search index (first brought up to date with the files); None when
        there is no index to be had."""
        rows, _ = self.rows()
        searched = self.index.searched()
        if searched is None:
            return None
        stale = []
        for row in rows:
            vouched = self.index.signature_of(row.id)
            if vouched is not None and searched.get(row.id) != vouched:
                stale.append((row.id, vouched))
        if stale:
            from .parallel import each_chunk

            for made in each_chunk(_words, str(self.root), stale):
                if not self.index.put_words(made):
                    return None
        return self.index.search(words)

    def views_where(self, wanted: Callable[[Row], bool]) -> tuple[list[DecisionView], list[BrokenFile]]:
        """The replays of the decisions whose rows ``wanted`` picks, and of those they replace
        or are replaced by (reports show both sides of a replacement)."""
        rows, problems = self.rows()
        return self.views_around([r for r in rows if wanted(r)], {r.id for r in rows}, problems)

    def views_matching(self, condition: str, args: Sequence[Any], wanted: Callable[[Row], bool],
                       also: Sequence[Row] = ()) -> tuple[list[DecisionView], list[BrokenFile]]:
        """As ``views_where``, reading only the rows SQL ``condition`` picks (``rows_where``);
        and the decisions of the rows ``also`` (picked otherwise), with their neighbours too."""
        rows, readable, problems = self.rows_where(condition, args, wanted)
        return self.views_around([*rows, *also], readable, problems)

    def views_around(self, rows: Sequence[Row], readable: set[str], problems: list[BrokenFile]
                     ) -> tuple[list[DecisionView], list[BrokenFile]]:
        """The replays of the decisions of ``rows`` and of those they replace or are replaced by,
        as far as they can be read; ``problems`` with the files among them that cannot."""
        chosen = around(rows, readable)
        views = self.replays(chosen, problems)[0]
        # A row names one successor; a decision replaced on several clones at once has more.
        more = {i for view in views for i in view.successors if i in readable} - chosen
        if more:
            views = sorted([*views, *self.replays(more, problems)[0]], key=lambda view: view.id)
        return views, problems

    def in_meeting(self, meeting_id: str) -> tuple[list[Row], set[str], list[BrokenFile]]:
        """The rows of the decisions with an event recorded in the meeting ``meeting_id``, as
        ``rows_where`` gives them."""
        # instr finds the id inside the space-separated list; the test in Python asks for it whole.
        return self.rows_where("instr(meetings, ?) > 0", (meeting_id,), lambda r: meeting_id in r.meetings)

    def rows_of(self, wanted: Iterable[str]) -> list[Row]:
        """The rows of the decisions ``wanted``, by id (those that can be read), as ``rows_where``."""
        wanted = sorted(set(wanted))
        found: list[Row] = []
        for start in range(0, len(wanted), 500):  # SQLite takes a few hundred parameters at once
            some = wanted[start:start + 500]
            found.extend(self.rows_where(f"id IN ({','.join('?' * len(some))})", some, _id_in(set(some)))[0])
        return found

    def replays(self, chosen: Iterable[str], problems: list[BrokenFile]) -> tuple[list[DecisionView], list[BrokenFile]]:
        """The replays of the decisions ``chosen``, by id; ``problems`` with the files among them
        that cannot be read."""
        return list(self.each_replay(chosen, problems)), problems

    def each_replay(self, chosen: Iterable[str], problems: list[BrokenFile], keep: bool = True
                    ) -> Iterator[DecisionView]:
        """As ``replays``, one at a time: a report over a year of 100,000 decisions need not hold
        them all. ``keep``: as for ``load``."""
        from .replay import replay

        # In this process: sending replays back from workers costs about what making them does.
        chosen = sorted(chosen)
        for number, decision_id in enumerate(chosen):
            if number % 500 == 0:  # a few hundred at a time: a site of 100,000 needs them all, not at once
                self.index.prefetch(chosen[number:number + 500])
            try:
                decision = self.load(decision_id, keep=keep)
                self.index.let_go(decision_id)
                yield replay(decision)
            except BrokenFile as exc:
                problems.append(exc)
            except NotFound:
                continue  # deleted while we looked

    def close(self) -> None:
        """Keep what this command learned in the index."""
        self.index.close()

    def refresh(self) -> None:
        """Forget what was read of the settings and rows: others may have changed them (a session
        that lasts a meeting asks at every line)."""
        self._settings = None
        self._rows = None
        self._looked = None
        self._tracked = {}  # a pull meanwhile may have brought a state file

    def get(self, prefix: str) -> tuple[Decision, DecisionView]:
        """The decision ``prefix`` names, with its replay."""
        from .replay import replay

        decision = self.load(self.resolve(prefix))
        return decision, replay(decision)

    # -- meetings ---------------------------------------------------------------------------

    @property
    def open_meeting_path(self) -> Path:
        """The local, uncommitted file of the meeting in progress."""
        return self.state_dir / "meeting.toml"

    def open_meeting(self) -> Meeting | None:
        """The meeting in progress on this machine, if any."""
        from .codec import parse_meeting

        path = self.open_meeting_path
        if not path.exists():
            return None
        self.own(path)
        data, _stat = read_file(path)
        return parse_meeting(path, data)

    def meeting_ids(self) -> list[str]:
        """Every ended meeting's id."""
        try:
            names = os.listdir(self.meetings_dir)
        except FileNotFoundError:
            return []
        return [n[:-5] for n in names if n.endswith(".toml") and ids.is_valid_id(n[:-5])]

    def load_meeting(self, meeting_id: str, trust_index: bool = True) -> Meeting:
        """The ended meeting ``meeting_id`` (from the index when it vouches for the file)."""
        from .codec import parse_meeting

        path = self.meetings_dir / f"{meeting_id}.toml"
        if trust_index:
            with contextlib.suppress(OSError):
                known = self.index.meeting(meeting_id, os.stat(path))
                if known is not None:
                    return known
        data, stat = read_file(path)
        meeting = parse_meeting(path, data)
        if meeting.id != meeting_id:
            raise BrokenFile(path, _("id: the file says '{id}' but is named '{name}'").format(
                id=meeting.id, name=meeting_id))
        self.index.put_meeting(stat, meeting)
        return meeting

    def meetings(self, trust_index: bool = True) -> tuple[list[Meeting], list[BrokenFile]]:
        """Every ended meeting, oldest first, and a problem for each unreadable file."""
        found, problems = [], []
        present = self.meeting_ids()
        for meeting_id in present:
            try:
                found.append(self.load_meeting(meeting_id, trust_index))
            except BrokenFile as exc:
                problems.append(exc)
            except NotFound:
                continue  # deleted while we looked
        self.index.forget_meetings(present)
        found.sort(key=lambda m: m.started_at)
        return found, problems

    def resolve_meeting(self, prefix: str) -> Meeting:
        """The meeting ``prefix`` names; ``last`` is the newest ended one."""
        open_meeting = self.open_meeting()
        if prefix.strip().lower() == "last":
            ended, _problems = self.meetings()
            if not ended:
                raise NotFound(_('no meeting has ended yet — start one with "consensus meeting start"'))
            return ended[-1]
        known = self.meeting_ids() + ([open_meeting.id] if open_meeting else [])
        meeting_id = ids.resolve(prefix, known, "meeting")
        if open_meeting and meeting_id == open_meeting.id:
            return open_meeting
        return self.load_meeting(meeting_id)

    # -- writing ----------------------------------------------------------------------------

    @property
    def journal(self) -> Path:
        """Where a change of several files is written down before it is made."""
        return self.state_dir / JOURNAL

    def recover(self) -> None:
        """Before anyone reads: refuse folders that lead out of the register, and finish a change
        that a killed process left half-written (a journal from elsewhere is refused)."""
        from .storage import ForeignJournal

        for folder in (self.state_dir, self.decisions_dir, self.meetings_dir):
            _within(self.root, folder)
        if os.path.lexists(self.journal):
            try:
                with self.transaction():
                    pass  # entering the transaction finishes the journal
            except ForeignJournal:
                raise
            except (ConsensusError, OSError):
                pass  # a register this user cannot write to: reading it is all that is left

    def owned(self, temporaries: bool = False) -> dict[Path, Callable[[str], bool]]:
        """Each folder the register writes to, with the test of which names there are its files
        (``temporaries``: also the files a temporary may stand in for, the caches among them)."""
        owned: dict[Path, Callable[[str], bool]] = {
            self.root: SETTINGS_FILE.__eq__,
            self.decisions_dir: _register_file,
            self.meetings_dir: _register_file,
            # .consensus/ is the tool's own: any file there may have been written through a temporary.
            self.state_dir: (lambda name: True) if temporaries else "meeting.toml".__eq__,
        }
        if temporaries:
            owned.update(self.index.owned())
        return owned

    def transaction(self) -> Transaction:
        """Lock the register; changes staged in the block are written together at its end."""
        return Transaction(self)


class Transaction:
    """Reads under the write lock and all-or-nothing writes at the end of the block."""

    def __init__(self, register: Register) -> None:
        self.register = register
        self.changes: dict[Path, bytes | storage.Written | None] = {}
        self.saved: dict[str, Decision] = {}
        self.streamed: dict[str, Row] = {}  # new decisions written as temporaries already, with their rows
        self.last: str | None = None
        self._context: contextlib.AbstractContextManager[storage.Lock] | None = None
        self._lock: storage.Lock | None = None

    def __enter__(self) -> Transaction:
        from . import storage  # only commands that write pay for it

        reg = self.register
        self._context = storage.locked(reg.state_dir / "lock")
        self._lock = lock = self._context.__enter__()
        try:
            leftovers = reg.owned(temporaries=True)
            # The folders of decisions and meetings are looked through only after a writer was
            # stopped (the lock says so, or its journal is there): they hold a file a decision.
            interrupted = lock.interrupted or os.path.lexists(reg.journal)
            if not interrupted:
                for folder in (reg.decisions_dir, reg.meetings_dir):
                    leftovers.pop(folder, None)
            storage.recover(reg.journal, register=reg.root, key=reg.state_dir / KEY,
                            targets=reg.owned(), leftovers=leftovers)
            if interrupted:
                lock.settled()
        except BaseException:
            self._context.__exit__(None, None, None)
            raise
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        from . import storage

        try:
            if kind is None and (self.changes or self.last is not None):
                assert self._lock is not None
                with self._lock.writing():
                    self._write()
            elif self.streamed:  # the block failed: what it wrote ahead goes
                for change in self.changes.values():
                    if isinstance(change, storage.Written):
                        with contextlib.suppress(OSError):
                            os.unlink(change)
                assert self._lock is not None
                self._lock.settled()
        finally:
            if self._context is not None:
                self._context.__exit__(kind, exc, tb)

    def _write(self) -> None:
        from . import storage
        from .replay import replay

        reg = self.register
        if self.changes:
            reg._rows = reg._looked = None
            storage.commit(reg.journal, self.changes, register=reg.root, key=reg.state_dir / KEY)
            for decision in self.saved.values():
                # What we just wrote we know to be valid: the index may vouch for it.
                with contextlib.suppress(OSError):
                    stat = os.stat(reg.path(decision.id))
                    reg.index.put(decision.id, stat, replay(decision))
            for decision_id, row in self.streamed.items():
                with contextlib.suppress(OSError):
                    reg.index.put_entry(entry(os.stat(reg.path(decision_id)), row))
        if self.last is not None:
            with contextlib.suppress(OSError):
                storage.write_atomic(reg.last_path, self.last.encode() + b"\n", durable=False)

    def load(self, decision_id: str) -> Decision:
        """The decision as it is on disk now, read under the lock."""
        return self.register.load(decision_id)

    def new_id(self) -> str:
        """A decision id no file uses yet (asked of the file system, id by id: listing 100,000
        ids to pick one cost ``propose`` 180 ms)."""
        while True:
            candidate = ids.new_id()
            if not os.path.lexists(self.register.path(candidate)):
                return candidate

    def save(self, *decisions: Decision, new: bool = False) -> None:
        """Stage decisions to be written; ``new`` ones must not exist yet."""
        for decision in decisions:
            path = self.register.path(decision.id)
            if new and path.exists():
                raise ConsensusError(_("a decision {id} exists already").format(id=decision.id))
            self.changes[path] = encode_decision(decision)
            self.saved[decision.id] = decision

    def save_new(self, decisions: Iterable[Decision]) -> None:
        """Stage new decisions (none may exist yet), each written to a temporary as it comes and
        then let go: an import of 100,000 records would otherwise hold every decision and every
        file's bytes at once (570 MiB, the issue measured)."""
        from . import storage
        from .replay import replay

        assert self._lock is not None
        for decision in decisions:
            path = self.register.path(decision.id)
            if os.path.lexists(path) or path in self.changes:
                # Ids are chosen before the lock is taken: another writer (an import run twice at
                # once) took this one meanwhile. Nothing of this one is written.
                raise ConsensusError(_("a decision {id} was written meanwhile by another command — nothing was "
                                       "changed; run this again").format(id=decision.id))
            data = encode_decision(decision)
            self._lock.mark()
            self.changes[path] = storage.Written(storage.write_temp(path.parent.resolve() / path.name, data))
            self.streamed[decision.id] = Row.of(replay(decision))

    def save_meeting(self, meeting: Meeting) -> None:
        """Stage an ended meeting's file."""
        self.changes[self.register.meetings_dir / f"{meeting.id}.toml"] = encode_meeting(meeting)

    def save_open_meeting(self, meeting: Meeting | None) -> None:
        """Stage the local open-meeting state (None: there is none any more)."""
        self.changes[self.register.open_meeting_path] = None if meeting is None else encode_meeting(meeting)

    def remember(self, decision_id: str) -> None:
        """Note, once the changes are written, the decision written to last (what ``last`` and
        ``undo`` mean). A convenience, so it is written apart from them, without waiting for the disk."""
        self.last = decision_id

    def save_settings(self, settings: Settings) -> None:
        """Stage ``consensus.toml``."""
        self.changes[self.register.root / SETTINGS_FILE] = encode_settings(settings)
        self.register._settings = settings


def init(root: Path, settings: Settings) -> Register:
    """A new register in ``root``; refuses to touch an existing one."""
    from . import storage

    if (root / SETTINGS_FILE).exists():
        raise ConsensusError(
            _("{path} exists already: this is a register — nothing was changed").format(path=root / SETTINGS_FILE)
        )
    for sub in (DECISIONS, MEETINGS):
        _within(root, root / sub)
        if (root / sub).exists() and any((root / sub).iterdir()):
            raise ConsensusError(
                _("{path} exists and is not empty — choose another folder with -C").format(path=root / sub)
            )
    settings_file = encode_settings(settings)  # before anything is made: it may be refused
    try:
        root.mkdir(parents=True, exist_ok=True)
        # First, as it may be refused (a link): then nothing else was made.
        storage.add_lines(root / ".gitignore", GITIGNORE.splitlines(), unless=".consensus/")
        for sub in (DECISIONS, MEETINGS):
            (root / sub).mkdir(exist_ok=True)
            keep = root / sub / ".gitkeep"
            if not keep.exists():
                keep.write_bytes(b"")
        storage.write_atomic(root / SETTINGS_FILE, settings_file)
    except OSError as exc:
        raise ConsensusError(_("cannot create a register in {path}: {problem}").format(
            path=root, problem=exc.strerror)) from None
    return Register(root)
