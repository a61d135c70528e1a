"""The ``consensus`` command line: parse, find the register and who acts, one core call, render.

The only module that imports click. Every ``ConsensusError`` becomes one ``Error: …`` line on
stderr and exit code 1; click's own usage errors exit 2.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click

from . import __version__, dates
from .errors import ConsensusError
from .vocabulary import STATUSES

if TYPE_CHECKING:
    from click.shell_completion import CompletionItem
    from rich.console import Console

    from .index import Row
    from .models import Decision, Meeting
    from .process import Act
    from .register import Register, Transaction
    from .replay import DecisionView

EXIT_OK, EXIT_REFUSED, EXIT_USAGE = 0, 1, 2
DEBUG_VARIABLE = "CONSENSUS_DEBUG"
F = TypeVar("F", bound=Callable[..., Any])


class App:
    """What every command shares: the register, the clock and the two consoles."""

    def __init__(self, directory: str | None) -> None:
        self.directory = directory
        self._register: Register | None = None
        self._now: dt.datetime | None = None

    @property
    def register(self) -> Register:
        """The register the command works on (found once)."""
        if self._register is None:
            from .register import Register, find_root

            self._register = Register(find_root(self.directory))
            self._register.recover()
        return self._register

    @property
    def now(self) -> dt.datetime:
        """The one moment this command happens at."""
        if self._now is None:
            self._now = dates.now()
        return self._now

    @property
    def today(self) -> dt.date:
        """Today's date where the user is."""
        return self.now.date()

    def close(self) -> None:
        """At the end of every command: keep what the index learned."""
        if self._register is not None:
            self._register.close()

    def out(self) -> Console:
        """A console on stdout (made when printing, so tests capture it)."""
        from .render.terminal import console

        return console(sys.stdout)

    def err(self) -> Console:
        """A console on stderr for everything that is not the command's data."""
        from .render.terminal import console

        return console(sys.stderr)

    def say(self, message: str) -> None:
        """A chatty line for people, on stderr, printed literally."""
        from .render import safe

        click.echo(safe(message), err=True)

    def data(self, payload: Any) -> None:
        """JSON on stdout."""
        from .render import to_json

        click.echo(to_json(payload))


class ConsensusGroup(click.Group):
    """A group that turns refusals into one ``Error:`` line and suggests commands for typos."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ConsensusError as exc:
            raise click.ClickException(str(exc)) from None
        except BrokenPipeError:
            # The reader went away (``consensus list | head``); that is not an error.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            sys.exit(EXIT_OK)
        except OSError as exc:
            if os.environ.get(DEBUG_VARIABLE):
                raise
            where = f" ({exc.filename})" if exc.filename else ""
            raise click.ClickException(f"{exc.strerror or exc}{where}") from None

    def list_commands(self, ctx: click.Context) -> list[str]:
        # In the order of a decision's life, as the help is read top to bottom.
        return list(self.commands)

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        name = args[0] if args else ""
        if name and name not in self.commands and not name.startswith("-"):
            import difflib

            close = difflib.get_close_matches(name, list(self.commands), n=1, cutoff=0.6)
            if close:
                ctx.fail(f"no command '{name}' — did you mean '{close[0]}'?")
        return super().resolve_command(ctx, args)


pass_app = click.make_pass_decorator(App)


def json_option(f: F) -> F:
    """``--json``: print the data as JSON (the shapes of spec/cli.md)."""
    return click.option("json_", "--json", is_flag=True, help="Print JSON instead of text.")(f)


# -- completion: ids and names from the register the command line points at -------------

_WHICH: dict[str, Callable[[Row], bool]] = {
    "any": lambda row: True,
    "open": lambda row: row.open_version is not None,
    "active": lambda row: row.status == "active",
    "living": lambda row: row.open_version is not None or row.status == "active",
}


def _from_register(ctx: click.Context, read: Callable[[Register], Any]) -> Any:
    """What ``read`` finds in the register the command line points at; None when there is no
    readable register (completion must never complain)."""
    from .register import Register, find_root

    try:
        register = Register(find_root(ctx.find_root().params.get("directory")))
        found = read(register)
        register.close()
        return found
    except (ConsensusError, OSError):
        return None


def _complete_ids(which: str) -> Callable[[click.Context, click.Parameter, str], list[CompletionItem]]:
    """Complete the ids of decisions a command can act on, each with its title."""
    wanted = _WHICH[which]

    def complete(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
        from click.shell_completion import CompletionItem

        rows: list[Row] = _from_register(ctx, lambda register: register.rows()[0]) or []
        start = incomplete.lower()
        return [
            CompletionItem(row.id, help=f"{row.status}: {row.title}")
            for row in sorted(rows, key=lambda row: row.updated, reverse=True)
            if row.id.startswith(start) and wanted(row)
        ]

    return complete


def _complete_names(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """Complete the register's members, forgivingly (``ay`` finds Ayşe)."""
    from click.shell_completion import CompletionItem

    from .members import fold

    names: tuple[str, ...] = _from_register(ctx, lambda register: register.settings.members) or ()
    start = fold(incomplete)
    return [CompletionItem(name) for name in names if fold(name).startswith(start)]


def _complete_meetings(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """Complete ``last`` and the ids of ended meetings, each with its date and title."""
    from click.shell_completion import CompletionItem

    meetings: list[Meeting] = _from_register(ctx, lambda register: register.meetings()[0]) or []
    items = [CompletionItem("last", help="the last meeting")]
    items += [CompletionItem(m.id, help=f"{m.started_at:%Y-%m-%d} {m.title or ''}".strip()) for m in meetings]
    return [item for item in items if item.value.startswith(incomplete.lower())]


def id_argument(which: str = "any") -> Callable[[F], F]:
    """The ``ID`` argument: any unique prefix of a decision id; completes ``which`` decisions."""
    return click.argument("decision_id", metavar="ID", shell_complete=_complete_ids(which))


def by_option(f: F) -> F:
    """``--by NAME``: who does this."""
    return click.option(
        "--by", "by", metavar="NAME", shell_complete=_complete_names,
        help="Who does this (default: $CONSENSUS_USER, else git's user.name).",
    )(f)


def _fail(message: str) -> NoReturn:
    raise ConsensusError(message)


@click.group(cls=ConsensusGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "-C", "--dir", "directory", metavar="PATH",
    help="Work on the register in PATH (default: $CONSENSUS_DIR, else the nearest folder "
    "upward that holds consensus.toml).",
)
@click.version_option(__version__, "--version", prog_name="consensus", message="%(prog)s %(version)s")
@click.pass_context
def cli(ctx: click.Context, directory: str | None) -> None:
    """Keep a register of living decisions: this, or something better.

    A decision stays valid until a better proposal replaces it. Every decision keeps the
    history of how it came to be: who proposed it, who consented, who objected and how the
    objection was resolved, what changed and why.

    \b
    A consent round:
      id=$(consensus propose "Meet on Tuesdays" --text "We meet every Tuesday at 7 pm.")
      consensus consent $id --by Ayşe --by Bo
      consensus object $id --by Chris --reason "Tuesday is choir night"
      consensus resolve $id 1 --how "Wednesdays in even weeks" --by Chris
      consensus adopt $id --review-in 6m
    """
    ctx.obj = App(directory)
    ctx.call_on_close(ctx.obj.close)


# -- helpers ------------------------------------------------------------------------------


def _act(app: App, by: str | None, meeting: Meeting | None = None) -> Act:
    from .process import Act

    (actor,) = app.register.actors([by] if by else [])
    return Act(by=actor, at=app.now, meeting=meeting.id if meeting else None)


@contextmanager
def _changing(app: App) -> Iterator[tuple[Transaction, Meeting | None]]:
    """A locked transaction, and the meeting in progress (whose id every event carries)."""
    with app.register.transaction() as tx:
        yield tx, app.register.open_meeting()


def _note_attendance(tx: Transaction, meeting: Meeting | None, names: Sequence[str], app: App) -> None:
    """People who act in a meeting were there: add latecomers to the attendees."""
    import dataclasses

    if meeting is None:
        return
    late = [n for n in names if n not in meeting.attendees]
    if late:
        tx.save_open_meeting(dataclasses.replace(meeting, attendees=meeting.attendees + tuple(late)))
        app.say(f"Added to the attendees of the meeting: {', '.join(late)}")


def _done(app: App, decision: Decision, json_: bool, message: str) -> None:
    """After a change: the decision as JSON if asked for, and a line for people."""
    from .replay import replay

    if json_:
        from .shapes import decision as decision_shape

        app.data(decision_shape(replay(decision)))
    app.say(message)


def _read_text(
    text: str | None, file: str | None, *, template: str = "", required: bool = True
) -> str | None:
    """The text from ``--text``, ``--file`` (``-`` for stdin) or the editor."""
    if text is not None and file is not None:
        raise click.UsageError("give the text with --text or with --file, not both")
    if text is not None:
        return text
    if file is not None:
        if file == "-":
            content = sys.stdin.read()
        else:
            try:
                from pathlib import Path

                raw = Path(file).expanduser().read_bytes()
            except OSError as exc:
                _fail(f"cannot read {file}: {exc.strerror} — check the path")
            except ValueError:  # a NUL byte in the path
                _fail(f"cannot read {file!r}: that is not a possible file name — check the path")
            try:
                content = raw.decode("utf-8")
            except UnicodeDecodeError:
                _fail(f"{file} is not UTF-8 text — save it as UTF-8")
        # Files and editors end with a newline that is not part of the text.
        return content[:-2] if content.endswith("\r\n") else content.removesuffix("\n")
    if not required:
        return None
    if sys.stdin.isatty() and sys.stdout.isatty():
        edited = click.edit(template + _SCISSORS, extension=".md")
        if edited is None:
            _fail("the editor was closed without saving — nothing was recorded")
        body = edited.split(_SCISSORS.strip("\n"))[0].strip("\n")
        if not body.strip():
            _fail("the text is empty — nothing was recorded")
        return body
    _fail("no text given — pass --text TEXT, --file PATH, or --file - to read standard input")


_SCISSORS = (
    "\n# ------------------------ >8 ------------------------\n"
    "# Write the text above this line; everything from here on is ignored.\n"
)


def _review_date(app: App, review_by: str | None, review_in: str | None) -> dt.date:
    if review_by is not None and review_in is not None:
        raise click.UsageError("give --review-by or --review-in, not both")
    if review_by is not None:
        return dates.parse_date(review_by, "review date")
    return dates.add_period(app.today, app.register.settings.review_period if review_in is None else review_in)


def _round_note(view: DecisionView) -> str:
    version = view.open
    if version is None:
        return ""
    parts = [f"{len(version.consents)} consent{'s' if len(version.consents) != 1 else ''}"]
    if version.stand_asides:
        parts.append(f"{len(version.stand_asides)} stood aside")
    if version.unresolved:
        parts.append(f"{len(version.unresolved)} objection{'s' if len(version.unresolved) != 1 else ''} unresolved")
    return "; ".join(parts)


def _required_people(app: App, meeting: Meeting | None) -> list[str]:
    if meeting is not None and meeting.attendees:
        return list(meeting.attendees)
    return list(app.register.settings.members)


def _next_step(app: App, view: DecisionView) -> str | None:
    if view.open is None:
        if view.status == "active" and view.review_by and view.review_by <= app.today:
            return f'Due for review: "consensus review {view.id}" if it still stands, or amend it.'
        return None
    from .process import blockers  # not before: it brings hashlib, which reading needs not

    meeting = app.register.open_meeting()
    objections, missing = blockers(view, app.register.settings.rule, _required_people(app, meeting))
    if objections:
        return f"Blocked: {'; '.join(objections)}."
    if missing:
        return f"Waiting for: {', '.join(missing)} (the consensus rule)."
    return f'Ready to adopt: "consensus adopt {view.id}".'


# -- the register -------------------------------------------------------------------------


@cli.command()
@click.option("--name", help="The register's name (default: the folder's name).")
@click.option("--lang", "language", type=click.Choice(["en", "de"]), default="en", show_default=True,
              help="Language of summaries and minutes.")
@click.option("--rule", type=click.Choice(["consent", "consensus"]), default="consent", show_default=True,
              help="consent: no unresolved objection; consensus: everyone consents or stands aside.")
@click.option("--review-period", default="1y", show_default=True, metavar="PERIOD",
              help="How long adopted decisions stand before review, like 6m, 2w, 1y, 90d.")
@click.option("--meeting-period", default="4w", show_default=True, metavar="PERIOD",
              help="How often the group meets (the summary looks this far ahead).")
@click.option("--member", "members", multiple=True, metavar="NAME", help="A member (repeat for each).")
@pass_app
def init(app: App, *, name: str | None, language: str, rule: str, review_period: str,
         meeting_period: str, members: tuple[str, ...]) -> None:
    """Create a register in the current folder (or in -C PATH).

    Writes consensus.toml, decisions/, meetings/ and a .gitignore for local state. Refuses to
    touch a folder that already holds a register.

    \b
    Example:
      consensus init --name "Bergkamen for all" --lang de --member Ayşe --member Bo
    """
    from pathlib import Path

    from .members import clean, fold
    from .models import Settings
    from .register import init as init_register

    root = Path(app.directory or ".").expanduser().resolve()
    for period in (review_period, meeting_period):
        dates.parse_period(period)
    names: list[str] = []
    for raw in members:
        member = clean(raw, "member name")
        if any(fold(member) == fold(n) for n in names):
            _fail(f"'{member}' is named twice — give each member once")
        names.append(member)
    settings = Settings(
        name=(name or root.name).strip() or root.name, language=language,  # type: ignore[arg-type]
        rule=rule, review_period=review_period, meeting_period=meeting_period,  # type: ignore[arg-type]
        members=tuple(names),
    )
    init_register(root, settings)
    app.say(f"Created the register '{settings.name}' in {root}")
    app.say('Next: consensus propose "A title" --text "What we decide"')


@cli.group(cls=ConsensusGroup)
def members() -> None:
    """The register's members: list, add and remove them."""


@members.command("list")
@json_option
@pass_app
def members_list(app: App, *, json_: bool) -> None:
    """List the members, one per line."""
    names = list(app.register.settings.members)
    if json_:
        app.data(names)
        return
    for name in names:
        click.echo(name)
    if not names:
        app.say('No members yet: add them with "consensus members add NAME…"')


@members.command("add")
@click.argument("names", nargs=-1, required=True, metavar="NAME…")
@pass_app
def members_add(app: App, *, names: tuple[str, ...]) -> None:
    """Add members to the register."""
    import dataclasses

    from .members import clean, fold

    with app.register.transaction() as tx:
        settings = app.register.settings
        current = list(settings.members)
        for raw in names:
            name = clean(raw, "member name")
            same = [m for m in current if fold(m) == fold(name)]
            if same:
                _fail(f"'{name}' is a member already (as '{same[0]}') — nothing was changed")
            current.append(name)
        tx.save_settings(dataclasses.replace(settings, members=tuple(current)))
    app.say(f"Members: {', '.join(current)}")


@members.command("remove")
@click.argument("name", metavar="NAME", shell_complete=_complete_names)
@pass_app
def members_remove(app: App, *, name: str) -> None:
    """Remove a member (their part in past decisions stays in the history)."""
    import dataclasses

    with app.register.transaction() as tx:
        settings = app.register.settings
        if not settings.members:
            _fail("the register has no members to remove")
        member = app.register.member(name)
        remaining = tuple(m for m in settings.members if m != member)
        tx.save_settings(dataclasses.replace(settings, members=remaining))
    app.say(f"Removed {member}. Members: {', '.join(remaining) or 'none'}")


# -- the process --------------------------------------------------------------------------


@cli.command()
@click.argument("title")
@click.option("--text", help="The proposed text.")
@click.option("--file", metavar="PATH", help="Read the text from PATH ('-' for standard input).")
@click.option("--tag", "tags", multiple=True, metavar="TAG", help="A tag (repeat for several).")
@click.option("--replaces", multiple=True, metavar="ID", shell_complete=_complete_ids("active"), help="A decision this one replaces (repeat for several).")
@click.option("--why", help="Why it is better than what it replaces (required with --replaces).")
@by_option
@json_option
@pass_app
def propose(app: App, *, title: str, text: str | None, file: str | None, tags: tuple[str, ...],
            replaces: tuple[str, ...], why: str | None, by: str | None, json_: bool) -> None:
    """Propose a new decision; prints its id.

    With neither --text nor --file, and a terminal, $EDITOR opens for the text.

    \b
    Examples:
      consensus propose "Meet on Tuesdays" --text "We meet every Tuesday at 7 pm." --tag meetings
      consensus propose "Meet on Wednesdays" --file new.md --replaces 7kq2 --why "Tuesday is choir night"
    """
    from . import process
    from .replay import replay

    if not title.strip():
        _fail("the title is empty — give the decision a title")
    if replaces and not (why and why.strip()):
        _fail("--replaces needs --why: say why this is better than what it replaces")
    body = _read_text(text, file, template=f"\n# Proposal: {title}\n")
    assert body is not None
    with _changing(app) as (tx, meeting):
        act = _act(app, by, meeting)
        old = [replay(tx.load(app.register.resolve(prefix))) for prefix in dict.fromkeys(replaces)]
        decision = process.propose(
            tx.new_id(), act, title=title, text=body, tags=tags, replaces=old, why=why
        )
        tx.save(decision, new=True)
        _note_attendance(tx, meeting, [act.by], app)
    if json_:
        _done(app, decision, True, f"Proposed {decision.id}: {title.strip()}")
        return
    click.echo(decision.id)
    replaced = f" (replaces {', '.join(v.id for v in old)})" if old else ""
    app.say(f"Proposed {decision.id}: {title.strip()}{replaced} — open for consent")


@cli.command()
@id_argument("active")
@click.option("--text", help="The new text.")
@click.option("--file", metavar="PATH", help="Read the new text from PATH ('-' for standard input).")
@click.option("--title", help="A new title (default: keep the current one).")
@click.option("--why", help="What makes the new version better (required).")
@by_option
@json_option
@pass_app
def amend(app: App, *, decision_id: str, text: str | None, file: str | None, title: str | None,
          why: str | None, by: str | None, json_: bool) -> None:
    """Propose a better version of an active decision.

    \b
    Example:
      consensus amend 7kq2 --text "We meet every second Tuesday." --why "Weekly was too often"
    """
    from . import process
    from .replay import replay

    if not (why and why.strip()):
        _fail("amend needs --why: say what makes the new version better")
    full_id = app.register.resolve(decision_id)
    if text is None and file is None and title is not None:
        body = None  # only the title changes
    else:
        current = replay(app.register.load(full_id)).latest
        body = _read_text(text, file, template=current.text + "\n")
    with _changing(app) as (tx, meeting):
        act = _act(app, by, meeting)
        decision = process.amend(tx.load(full_id), act, text=body, title=title, why=why)
        tx.save(decision)
        _note_attendance(tx, meeting, [act.by], app)
    view = replay(decision)
    _done(app, decision, json_, f"Proposed version {view.open_version} of {view.id} — open for consent")


@cli.command()
@id_argument("open")
@click.option("--by", "by", multiple=True, metavar="NAME", shell_complete=_complete_names,
              help="Who consents (repeat for several; default: $CONSENSUS_USER, else git's user.name).")
@json_option
@pass_app
def consent(app: App, *, decision_id: str, by: tuple[str, ...], json_: bool) -> None:
    """Record consent to the open proposal.

    \b
    Example:
      consensus consent 7kq2 --by Ayşe --by Bo --by Chris
    """
    from . import process
    from .replay import replay

    full_id = app.register.resolve(decision_id)
    with _changing(app) as (tx, meeting):
        people = app.register.actors(by)
        decision = tx.load(full_id)
        added: list[str] = []
        again: list[str] = []
        for person in people:
            act = process.Act(person, app.now, meeting.id if meeting else None)
            decision, changed = process.consent(decision, act)
            (added if changed else again).append(person)
        if added:
            tx.save(decision)
            _note_attendance(tx, meeting, added, app)
    view = replay(decision)
    if again:
        app.say(f"Already consented: {', '.join(again)}")
    message = f"Consent to {view.id} v{view.open_version}: {', '.join(added)}" if added else "Nothing new recorded"
    _done(app, decision, json_, f"{message} ({_round_note(view)})")


@cli.command("object")
@id_argument("open")
@click.option("--reason", help="What the objection is (required).")
@by_option
@json_option
@pass_app
def object_(app: App, *, decision_id: str, reason: str | None, by: str | None, json_: bool) -> None:
    """Record an objection to the open proposal; prints its number.

    \b
    Example:
      consensus object 7kq2 --by Chris --reason "Tuesday is choir night"
    """
    from . import process

    if not (reason and reason.strip()):
        _fail("object needs --reason: say what the objection is")
    full_id = app.register.resolve(decision_id)
    with _changing(app) as (tx, meeting):
        act = _act(app, by, meeting)
        decision, number = process.object_(tx.load(full_id), act, reason=reason)
        tx.save(decision)
        _note_attendance(tx, meeting, [act.by], app)
    if json_:
        _done(app, decision, True, f"Objection {number} to {full_id} recorded")
        return
    click.echo(number)
    app.say(f'Objection {number} to {full_id} recorded — when it is resolved: consensus resolve {full_id} {number} --how …')


@cli.command()
@id_argument("open")
@click.argument("number", type=int, metavar="NUMBER")
@click.option("--how", help="How the objection was resolved.")
@by_option
@json_option
@pass_app
def resolve(app: App, *, decision_id: str, number: int, how: str | None, by: str | None, json_: bool) -> None:
    """Mark objection NUMBER of the open proposal resolved.

    \b
    Example:
      consensus resolve 7kq2 1 --how "We meet on Wednesdays in even weeks" --by Chris
    """
    from . import process
    from .replay import replay

    full_id = app.register.resolve(decision_id)
    with _changing(app) as (tx, meeting):
        act = _act(app, by, meeting)
        decision = process.resolve(tx.load(full_id), act, number, how=how)
        tx.save(decision)
        _note_attendance(tx, meeting, [act.by], app)
    _done(app, decision, json_, f"Objection {number} to {full_id} resolved ({_round_note(replay(decision))})")


@cli.command("stand-aside")
@id_argument("open")
@click.option("--reason", help="Why (optional).")
@by_option
@json_option
@pass_app
def stand_aside(app: App, *, decision_id: str, reason: str | None, by: str | None, json_: bool) -> None:
    """Record a stand-aside: not consenting, but not blocking either."""
    from . import process

    full_id = app.register.resolve(decision_id)
    with _changing(app) as (tx, meeting):
        act = _act(app, by, meeting)
        decision = process.stand_aside(tx.load(full_id), act, reason=reason)
        tx.save(decision)
        _note_attendance(tx, meeting, [act.by], app)
    _done(app, decision, json_, f"{act.by} stands aside from {full_id}")


@cli.command()
@id_argument("living")
@click.option("--reason", help="What the concern is (required).")
@by_option
@json_option
@pass_app
def concern(app: App, *, decision_id: str, reason: str | None, by: str | None, json_: bool) -> None:
    """Record a concern: it does not block, and comes up again at the decision's review."""
    from . import process

    if not (reason and reason.strip()):
        _fail("concern needs --reason: say what the concern is")
    full_id = app.register.resolve(decision_id)
    with _changing(app) as (tx, meeting):
        act = _act(app, by, meeting)
        decision = process.concern(tx.load(full_id), act, reason=reason)
        tx.save(decision)
        _note_attendance(tx, meeting, [act.by], app)
    _done(app, decision, json_, f"Concern about {full_id} recorded; it will come up at the review")


@cli.command()
@id_argument("open")
@click.option("--review-by", metavar="DATE", help="When to review it (YYYY-MM-DD).")
@click.option("--review-in", metavar="PERIOD", help="Review it after PERIOD, like 6m or 1y (default: the register's review period).")
@click.option("--force", is_flag=True, help="Adopt despite the rule (needs --why; it is recorded).")
@click.option("--why", help="Why the rule is set aside (with --force).")
@by_option
@json_option
@pass_app
def adopt(app: App, *, decision_id: str, review_by: str | None, review_in: str | None, force: bool,
          why: str | None, by: str | None, json_: bool) -> None:
    """Put the open proposal in force.

    Under the consent rule, refused while an objection is unresolved; under the consensus
    rule, also until everyone present (or every member, outside a meeting) consented or stood
    aside. Decisions it replaces become superseded.

    \b
    Example:
      consensus adopt 7kq2 --review-in 6m
    """
    from . import process
    from .replay import replay

    if force and not (why and why.strip()):
        _fail("--force needs --why: say why the rule is set aside; it is recorded")
    review = _review_date(app, review_by, review_in)
    full_id = app.register.resolve(decision_id)
    with _changing(app) as (tx, meeting):
        act = _act(app, by, meeting)
        decision = tx.load(full_id)
        view = replay(decision)
        replaced = [tx.load(app.register.resolve(r)) for r in view.replaces] if view.open_version == 1 else []
        decision, superseded = process.adopt(
            decision, act, rule=app.register.settings.rule,
            required=_required_people(app, meeting), review_by=review, replaced=replaced,
            force=force, why=why,
        )
        tx.save(decision, *superseded)
        _note_attendance(tx, meeting, [act.by], app)
    view = replay(decision)
    lines = [f"Adopted {view.id} v{view.current_version}: {view.title} — review by {review.isoformat()}"]
    if review < app.today:
        lines.append("The review date has passed: the decision is due for review now.")
    for old in superseded:
        lines.append(f"{old.id} is superseded by {view.id}")
    if view.current and view.current.forced:
        lines.append("Adopted with --force; the reason is recorded.")
    _done(app, decision, json_, "\n".join(lines))


def _close(app: App, kind: str, decision_id: str, why: str | None, by: str | None, json_: bool) -> None:
    from . import process
    from .replay import replay

    full_id = app.register.resolve(decision_id)
    with _changing(app) as (tx, meeting):
        act = _act(app, by, meeting)
        decision = process.close(tx.load(full_id), act, kind, why=why)
        tx.save(decision)
    view = replay(decision)
    word = "Rejected" if kind == "rejected" else "Withdrew"
    _done(app, decision, json_, f"{word} the proposal of {full_id} — {full_id} is {view.status}")


@cli.command()
@id_argument("open")
@click.option("--why", help="Why it was turned down.")
@by_option
@json_option
@pass_app
def reject(app: App, *, decision_id: str, why: str | None, by: str | None, json_: bool) -> None:
    """Turn down the open proposal."""
    _close(app, "rejected", decision_id, why, by, json_)


@cli.command()
@id_argument("open")
@click.option("--why", help="Why it is withdrawn.")
@by_option
@json_option
@pass_app
def withdraw(app: App, *, decision_id: str, why: str | None, by: str | None, json_: bool) -> None:
    """Withdraw the open proposal (only its author can)."""
    _close(app, "withdrawn", decision_id, why, by, json_)


@cli.command()
@id_argument("active")
@click.option("--why", help="Why the decision ends (required).")
@by_option
@json_option
@pass_app
def retire(app: App, *, decision_id: str, why: str | None, by: str | None, json_: bool) -> None:
    """End an active decision without a replacement."""
    from . import process

    if not (why and why.strip()):
        _fail("retire needs --why: say why the decision ends")
    full_id = app.register.resolve(decision_id)
    with _changing(app) as (tx, meeting):
        act = _act(app, by, meeting)
        decision = process.retire(tx.load(full_id), act, why=why)
        tx.save(decision)
    _done(app, decision, json_, f"Retired {full_id}")


@cli.command()
@id_argument("active")
@click.option("--next", "next_", metavar="DATE", help="The next review date (default: after the register's review period).")
@click.option("--note", help="What the review found.")
@by_option
@json_option
@pass_app
def review(app: App, *, decision_id: str, next_: str | None, note: str | None, by: str | None, json_: bool) -> None:
    """Record that an active decision was reviewed and still stands."""
    from . import process

    full_id = app.register.resolve(decision_id)
    next_review = (
        dates.parse_date(next_, "review date") if next_ is not None
        else dates.add_period(app.today, app.register.settings.review_period)
    )
    with _changing(app) as (tx, meeting):
        act = _act(app, by, meeting)
        decision = process.review(tx.load(full_id), act, next_review=next_review, note=note)
        tx.save(decision)
    _done(app, decision, json_, f"Reviewed {full_id}; next review by {next_review.isoformat()}")


# -- reading ------------------------------------------------------------------------------


def _warn(app: App, problems: Sequence[ConsensusError], settings_too: bool = False) -> None:
    for problem in problems:
        app.say(f"Warning: skipped {problem}")
    if settings_too:
        try:
            app.register.check_settings()
        except ConsensusError as exc:
            app.say(f"Warning: {exc}")


@cli.command("list")
@click.option("--status", "statuses", multiple=True, type=click.Choice(STATUSES),
              help="Only decisions with this status (repeat for several; default: all but "
              "superseded, rejected and withdrawn).")
@click.option("--tag", metavar="TAG", help="Only decisions with this tag.")
@click.option("--due", is_flag=True, help="Only decisions due for review.")
@click.option("--search", metavar="TEXT", help="Only decisions whose title, text or tags hold every word of TEXT.")
@click.option("--as-of", "as_of", metavar="DATE", help="The decisions in force on DATE, each with its version then.")
@json_option
@pass_app
def list_(app: App, *, statuses: tuple[str, ...], tag: str | None, due: bool, search: str | None,
          as_of: str | None, json_: bool) -> None:
    """List decisions, newest first.

    \b
    Examples:
      consensus list --status proposed
      consensus list --as-of 2024-01-01 --tag meetings
    """
    from .queries import mentions, select

    day = dates.parse_date(as_of, "date") if as_of is not None else None
    rows, problems = app.register.rows()
    chosen = select(rows, statuses=statuses, tag=tag, due=app.today if due else None, as_of=day)
    if search:
        from .replay import replay

        kept = []
        for row, shown in chosen:
            try:
                if mentions(replay(app.register.load(row.id)), search):
                    kept.append((row, shown))
            except ConsensusError:
                continue
        chosen = kept
    if json_:
        from .render import to_json_rows
        from .shapes import rows as row_shapes

        click.echo(to_json_rows(row_shapes(chosen)))
    else:
        from .render.listing import decision_list
        from .render.table import colours_wanted

        click.echo(decision_list(chosen, app.today, terminal=sys.stdout.isatty(), colour=colours_wanted()), nl=False)
    _warn(app, problems, settings_too=True)


@cli.command()
@id_argument("any")
@click.option("--version", "number", type=int, metavar="N", help="Show version N instead of the current one.")
@json_option
@pass_app
def show(app: App, *, decision_id: str, number: int | None, json_: bool) -> None:
    """Show one decision: its text, status, lineage and open proposal."""
    _, view = app.register.get(decision_id)
    shown = None
    if number is not None:
        shown = view.version(number)
        if shown is None:
            _fail(f"{view.id} has no version {number} (it has {', '.join(str(v.number) for v in view.versions)})")
    if json_:
        from .shapes import decision as decision_shape

        app.data(decision_shape(view))
        return
    from .render.card import decision as render_decision
    from .render.table import colours_wanted, screen_width

    titles = {}
    for other in (*view.replaces, *([view.superseded_by] if view.superseded_by else [])):
        try:
            _, other_view = app.register.get(other)
            titles[other] = other_view.title
        except ConsensusError:
            titles[other] = "(not in the register)"
    click.echo(render_decision(view, app.today, shown, titles, _next_step(app, view), width=screen_width(),
                               colour=colours_wanted()), nl=False)


@cli.command()
@id_argument("any")
@json_option
@pass_app
def history(app: App, *, decision_id: str, json_: bool) -> None:
    """Show the events of a decision, oldest first."""
    _, view = app.register.get(decision_id)
    if json_:
        from .shapes import event

        app.data([event(e) for e in view.history])
        return
    from .render.terminal import history as render_history

    render_history(app.out(), view)


@cli.command()
@id_argument("any")
@click.argument("from_", metavar="[FROM", required=False, type=int)
@click.argument("to", metavar="[TO]]", required=False, type=int)
@json_option
@pass_app
def diff(app: App, *, decision_id: str, from_: int | None, to: int | None, json_: bool) -> None:
    """Show how the text changed between two versions.

    Without FROM and TO: the current text against the open proposal, else the previous
    adopted version against the current one, else (for a decision that replaced others) the
    text it replaced against its own.
    """
    from . import queries

    _, view = app.register.get(decision_id)
    replaced = []
    if from_ is None:
        for old in view.replaces:
            try:
                replaced.append(app.register.get(old)[1])
            except ConsensusError:
                continue
    change = queries.diff(view, from_, to, replaced)
    if json_:
        app.data({
            "id": view.id, "from": change.from_version, "to": change.to_version,
            "from_decision": change.from_decision, "unified": change.unified,
        })
        return
    from .render.terminal import diff as render_diff

    render_diff(app.out(), change)


@cli.command()
@json_option
@pass_app
def check(app: App, *, json_: bool) -> None:
    """Check every file and the integrity of every history; exit 1 on any problem."""
    from .check import run

    problems = run(app.register)
    if json_:
        app.data({"ok": not problems, "problems": [p.as_json() for p in problems]})
    else:
        for problem in problems:
            click.echo(str(problem))
        count = len(app.register.decision_ids())
        if problems:
            app.say(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} found.")
        else:
            app.say(f"All is well: {count} decision{'s' if count != 1 else ''} checked.")
    if problems:
        sys.exit(EXIT_REFUSED)


# -- meetings and reports -----------------------------------------------------------------


def _day_start(app: App, day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), tzinfo=app.now.tzinfo)


def _cutoff(app: App, since: str | None) -> tuple[dt.datetime, Meeting | None]:
    """``--since``: a date, or ``last-meeting`` (the default): the start of the last ended meeting."""
    if since is not None and since.strip().lower() != "last-meeting":
        return _day_start(app, dates.parse_date(since, "date")), None
    ended, _ = app.register.meetings()
    if ended:
        return ended[-1].started_at, ended[-1]
    if since is not None:
        _fail('no meeting has ended yet, so there is no "last-meeting" — give --since DATE')
    return _day_start(app, app.today - dt.timedelta(days=30)), None


def _write_output(app: App, content: str, output: str | None, what: str) -> None:
    if output is None or output == "-":
        click.echo(content, nl=False)
        return
    from pathlib import Path

    from .storage import write_atomic

    path = Path(output).expanduser()
    try:
        write_atomic(path.resolve(), content.encode("utf-8"))
    except OSError as exc:
        _fail(f"cannot write {output}: {exc.strerror} — check the folder exists and is writable")
    except ValueError:  # a NUL byte in the path
        _fail(f"cannot write {output!r}: that is not a possible file name")
    app.say(f"Wrote the {what} to {output}")


@cli.group(cls=ConsensusGroup)
def meeting() -> None:
    """Meetings: while one is open, every event recorded carries its id."""


@meeting.command("start")
@click.option("--title", help="What the meeting is (default: 'Meeting' and the date).")
@click.option("--attendee", "attendees", multiple=True, metavar="NAME", shell_complete=_complete_names, help="Who is there (repeat for each).")
@by_option
@json_option
@pass_app
def meeting_start(app: App, *, title: str | None, attendees: tuple[str, ...], by: str | None, json_: bool) -> None:
    """Start a meeting; prints its id.

    \b
    Example:
      consensus meeting start --title "Steering group" --attendee Ayşe --attendee Bo
    """
    from . import ids
    from .models import Meeting
    from .shapes import meeting as meeting_shape

    people = list(dict.fromkeys(app.register.member(a) for a in attendees))
    with app.register.transaction() as tx:
        current = app.register.open_meeting()
        if current is not None:
            _fail(
                f"a meeting is open already: {current.id} \"{current.title}\", started "
                f"{current.started_at:%Y-%m-%d %H:%M} — end it with \"consensus meeting end\""
            )
        try:
            starter: str | None = app.register.actors([by] if by else [])[0]
        except ConsensusError:
            if by:
                raise
            starter = None
        name = (title or "").strip() or f"Meeting {app.today.isoformat()}"
        new = Meeting(
            id=ids.new_id(app.register.meeting_ids()), started_at=app.now, title=name,
            attendees=tuple(people), started_by=starter,
        )
        tx.save_open_meeting(new)
    if json_:
        app.data(meeting_shape(new, open_=True))
    else:
        click.echo(new.id)
    app.say(f"Started {new.id} \"{name}\" — every event recorded now belongs to it; "
            'end it with "consensus meeting end"')


@meeting.command("end")
@json_option
@pass_app
def meeting_end(app: App, *, json_: bool) -> None:
    """End the open meeting and write it to meetings/."""
    import dataclasses

    from .shapes import meeting as meeting_shape

    with app.register.transaction() as tx:
        current = app.register.open_meeting()
        if current is None:
            _fail('no meeting is open — start one with "consensus meeting start"')
        ended = dataclasses.replace(current, ended_at=max(app.now, current.started_at))
        tx.save_meeting(ended)
        tx.save_open_meeting(None)
    if json_:
        app.data(meeting_shape(ended))
    minutes = int((ended.ended_at - ended.started_at).total_seconds() // 60)  # type: ignore[operator]
    app.say(f"Ended {ended.id} \"{ended.title}\" after {minutes // 60} h {minutes % 60:02d} min; "
            f'minutes: "consensus meeting show {ended.id}"')


@meeting.command("list")
@json_option
@pass_app
def meeting_list(app: App, *, json_: bool) -> None:
    """List meetings, the newest first."""
    from .shapes import meeting as meeting_shape

    ended, problems = app.register.meetings()
    current = app.register.open_meeting()
    rows = [(m, False) for m in reversed(ended)]
    if current is not None:
        rows.insert(0, (current, True))
    if json_:
        app.data([meeting_shape(m, open_=is_open) for m, is_open in rows])
    else:
        from .render.terminal import meeting_list as render_meetings

        render_meetings(app.out(), rows)
    _warn(app, problems)


@meeting.command("show")
@click.argument("meeting_id", metavar="ID", shell_complete=_complete_meetings)
@click.option("--format", "format_", type=click.Choice(["md", "html", "text", "json"]), default="md",
              show_default=True, help="Output format.")
@click.option("--lang", type=click.Choice(["en", "de"]), help="Language (default: the register's).")
@click.option("-o", "--output", metavar="FILE", help="Write to FILE instead of standard output.")
@pass_app
def meeting_show(app: App, *, meeting_id: str, format_: str, lang: str | None, output: str | None) -> None:
    """Show a meeting's minutes (ID may be 'last').

    Who attended, every proposal dealt with, consents, objections and how they were resolved,
    and what was adopted, replaced or retired, with the texts.
    """
    from . import reports

    found = app.register.resolve_meeting(meeting_id)
    from .index import instant

    started = instant(found.started_at)
    views, problems = app.register.views_where(lambda r: r.updated >= started)
    data = reports.minutes(found, views, app.register.settings)
    language = lang or app.register.settings.language
    _write_output(app, _report(data, format_, language, "minutes"), output, "minutes")
    _warn(app, problems)


def _report(data: Any, format_: str, lang: str, kind: str) -> str:
    from .render import document, to_json

    if format_ == "json":
        from . import shapes

        return to_json(shapes.summary(data) if kind == "summary" else shapes.minutes(data)) + "\n"
    title, blocks = document.summary(data, lang) if kind == "summary" else document.minutes(data, lang)
    if format_ == "html":
        from .render.html import write as write_html

        return write_html(title, blocks, lang)
    if format_ == "text":
        from .render.plain import write as write_text

        return write_text(title, blocks)
    from .render.markdown import write as write_md

    return write_md(title, blocks)


@cli.command()
@click.option("--since", metavar="DATE|last-meeting", help="From DATE, or from the start of the last meeting (default; without one: 30 days back).")
@click.option("--until", metavar="DATE", help="Up to and including DATE (default: now).")
@json_option
@pass_app
def changes(app: App, *, since: str | None, until: str | None, json_: bool) -> None:
    """Every event in the register in a period, with the text changes of adoptions."""
    from . import reports
    from .queries import events_between

    start, _ = _cutoff(app, since)
    end = _day_start(app, dates.parse_date(until, "date") + dt.timedelta(days=1)) if until is not None else None
    from .index import instant

    after, before = instant(start), instant(end) if end is not None else None
    views, problems = app.register.views_where(
        lambda r: r.updated >= after and (before is None or r.created < before))
    happened = events_between(views, start, end)
    everyone = {v.id: v for v in views}
    adoptions = {
        (h.view.id, h.event.hash): reports.change_of(h.view, h.event, everyone)
        for h in happened if h.event.kind == "adopted"
    }
    if json_:
        from .shapes import change, event

        entries = []
        for h in happened:
            entry = {"decision": h.view.id, "title": h.view.title, **event(h.event)}
            found = adoptions.get((h.view.id, h.event.hash))
            if found is not None:
                entry["unified"] = change(found)["unified"]
            entries.append(entry)
        app.data(entries)
    else:
        from .render.terminal import changes as render_changes

        render_changes(app.out(), happened, adoptions, start, end)
    _warn(app, problems)


@cli.command()
@click.option("--since", metavar="DATE|last-meeting", help="Changes from DATE, or since the start of the last meeting (default; without one: 30 days back).")
@click.option("--next-meeting", "next_meeting", metavar="DATE", help="When the next meeting is, for what falls due before it (default: today plus the register's meeting period).")
@click.option("--format", "format_", type=click.Choice(["md", "html", "json", "text"]), default="md",
              show_default=True, help="Output format.")
@click.option("--lang", type=click.Choice(["en", "de"]), help="Language (default: the register's).")
@click.option("-o", "--output", metavar="FILE", help="Write to FILE instead of standard output.")
@pass_app
def summary(app: App, *, since: str | None, next_meeting: str | None, format_: str, lang: str | None,
            output: str | None) -> None:
    """The summary to send before a meeting.

    Open proposals with their consent round so far, unresolved objections, what changed since
    the last meeting (with the text changes), and decisions due for review before the next
    meeting with the concerns recorded against them.

    \b
    Examples:
      consensus summary > summary.md
      consensus summary --format html --lang de -o zusammenfassung.html
    """
    from . import reports

    start, since_meeting = _cutoff(app, since)
    settings = app.register.settings
    upcoming = (
        dates.parse_date(next_meeting, "date") if next_meeting is not None
        else dates.add_period(app.today, settings.meeting_period)
    )
    from .index import instant

    after, due = instant(start), upcoming.isoformat()
    views, problems = app.register.views_where(
        lambda r: r.open_version is not None or r.updated >= after
        or (r.status == "active" and r.review_by is not None and r.review_by <= due))
    data = reports.summary(views, settings, now=app.now, since=start, since_meeting=since_meeting,
                           next_meeting=upcoming)
    _write_output(app, _report(data, format_, lang or settings.language, "summary"), output, "summary")
    _warn(app, problems)


@cli.command()
@click.option("--since", metavar="DATE", help="From DATE (default: 90 days back).")
@json_option
@pass_app
def participation(app: App, *, since: str | None, json_: bool) -> None:
    """Who took part how: proposals, consents, objections, concerns, stand-asides, meetings.

    Members not heard in the period stand out: everyone should be reached, the quiet ones too.
    """
    from .reports import participation as count

    start = _day_start(app, dates.parse_date(since, "date") if since is not None else app.today - dt.timedelta(days=90))
    from .index import instant

    after = instant(start)
    views, problems = app.register.views_where(lambda r: r.updated >= after)
    ended, meeting_problems = app.register.meetings()
    people = count(views, ended, app.register.settings.members, start)
    if json_:
        from .shapes import participant

        app.data({"since": start.isoformat(), "people": [participant(p) for p in people]})
    else:
        from .render.terminal import participation as render_participation

        render_participation(app.out(), people, start.date())
        quiet = [p.name for p in people if p.member and not p.heard]
        if quiet:
            app.say(f"Not heard since {start.date().isoformat()}: {', '.join(quiet)} — ask them what they think.")
    _warn(app, [*problems, *meeting_problems])


@cli.command()
@click.argument("decision_id", metavar="[ID]", required=False, shell_complete=_complete_ids("any"))
@click.option("--format", "format_", type=click.Choice(["mermaid", "dot"]), default="mermaid",
              show_default=True, help="mermaid (renders in Markdown on git hosts) or Graphviz dot.")
@pass_app
def graph(app: App, *, decision_id: str | None, format_: str) -> None:
    """The lineage of decisions: what replaced what, and (for one decision) its versions.

    \b
    Examples:
      consensus graph > lineage.mmd
      consensus graph 7kq2 --format dot | dot -Tsvg > 7kq2.svg
    """
    from .render.graph import dot, lineage, mermaid

    root = app.register.resolve(decision_id) if decision_id else None
    # Only decisions in a replacement (and the one asked about) can be in a lineage.
    views, problems = app.register.views_where(lambda r: bool(r.replaces or r.superseded_by) or r.id == root)
    chosen = lineage(views, root)
    if not chosen:
        app.say("No decision replaces another yet; the graph is empty.")
    draw = mermaid if format_ == "mermaid" else dot
    click.echo(draw(chosen, versions=root is not None), nl=False)
    _warn(app, problems)


# -- importing ----------------------------------------------------------------------------


@cli.group("import", cls=ConsensusGroup)
def import_() -> None:
    """Bring in decisions kept elsewhere."""


@import_.command("adr")
@click.argument("folder", metavar="PATH")
@click.option("--format", "format_", type=click.Choice(["auto", "adr-tools", "madr"]), default="auto",
              show_default=True, help="The records' format (auto: judged per file).")
@click.option("--dry-run", is_flag=True, help="Show what would be imported; write nothing.")
@by_option
@json_option
@pass_app
def import_adr(app: App, *, folder: str, format_: str, dry_run: bool, by: str | None, json_: bool) -> None:
    """Import Architecture Decision Records (adr-tools or MADR) from PATH.

    Each record becomes a decision: its text, its date, its status (accepted → active,
    proposed, rejected, deprecated → retired, superseded with its successor) and the
    supersessions it declares, on either side. Importing again adds only new records.

    \b
    Example:
      consensus import adr docs/decisions --dry-run
    """
    from pathlib import Path

    from . import adr_import, chain
    from .models import Event

    root = Path(folder).expanduser()
    try:
        actor = app.register.actors([by] if by else [])[0]
    except ConsensusError:
        if by:
            raise
        actor = "import"
    rows, problems = app.register.rows()
    with _progress(app, "Reading records") as tick:
        created, supersede, report = adr_import.plan(
            root, existing=rows, taken=set(app.register.decision_ids()), by=actor, now=app.now,
            forced=format_, progress=tick,
        )
    if not dry_run and (created or supersede):
        with app.register.transaction() as tx:
            for old_id, new_id, at in supersede:
                old = tx.load(old_id)
                tx.save(chain.append(old, Event(at=at, kind="superseded", by=actor, superseded_by=new_id)))
            tx.save(*created, new=True)
    if json_:
        app.data([{"file": r.file, "id": r.id, "status": r.status, "new": r.new, "notes": r.notes}
                  for r in report.rows])
    else:
        for row in report.new:
            click.echo(row.id)
    for line in _import_report(report, dry_run):
        app.say(line)
    _warn(app, problems)


def _import_report(report: Any, dry_run: bool) -> list[str]:
    new = report.new
    counts = ", ".join(f"{n} {s}" for s, n in sorted(
        ((s, sum(1 for r in new if r.status == s)) for s in {r.status for r in new}), key=lambda p: -p[1]))
    formats = ", ".join(f"{n} {f}" for f, n in sorted(report.formats.items()))
    verb = "Would import" if dry_run else "Imported"
    lines = [f"{verb} {len(new)} record{'s' if len(new) != 1 else ''} from {report.folder}"
             + (f" ({formats}): {counts}" if new else "")]
    old = len(report.rows) - len(new)
    if old:
        lines.append(f"Already imported before: {old} (left as they are)")
    if report.pairs:
        one_sided = sum(1 for p in report.pairs if p[2] != "both")
        lines.append(f"Supersessions: {len(report.pairs)}"
                     + (f" ({one_sided} declared on one side only, recorded on both)" if one_sided else ""))
        lines += [f"  {old_file} → {new_file} (declared by {who})" for old_file, new_file, who in report.pairs]
    noted = [(r.file, note) for r in report.rows if r.new for note in r.notes]
    if noted:
        lines.append("Kept as written, please confirm:")
        lines += [f"  {file}: {note}" for file, note in noted]
    if report.undated:
        lines.append(f"Without a readable date (their history starts today): {len(report.undated)}")
    if report.skipped:
        lines.append("Skipped, not decision records:")
        lines += [f"  {s.path}: {s.reason}" for s in report.skipped]
    return lines


@contextmanager
def _progress(app: App, what: str) -> Iterator[Callable[[int, int], None] | None]:
    """A progress bar on a terminal (for long work); nothing elsewhere."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.progress import Progress

    with Progress(console=app.err(), transient=True) as bar:
        task = bar.add_task(what, total=None)

        def tick(done: int, total: int) -> None:
            if total >= 50:
                bar.update(task, completed=done, total=total)

        yield tick


# -- sharing with git ---------------------------------------------------------------------


@cli.command("git-setup")
@pass_app
def git_setup(app: App) -> None:
    """Register the merge driver for decision files in the enclosing git repository.

    Adds a .gitattributes line for decisions/*.toml and meetings/*.toml (commit it) and the
    driver to this clone's git config (run git-setup once in every clone). Then concurrent
    consents, objections, reviews and amendments merge with a plain "git pull".
    """
    from .gitmerge import setup

    for line in setup(app.register.root):
        app.say(line.capitalize() if line[:1].islower() else line)


@cli.command("git-merge", hidden=True)
@click.argument("ancestor", type=click.Path(dir_okay=False))
@click.argument("ours", type=click.Path(dir_okay=False))
@click.argument("theirs", type=click.Path(dir_okay=False))
@click.argument("path")
def git_merge(ancestor: str, ours: str, theirs: str, path: str) -> None:
    """The merge driver git calls (%O %A %B %P); not for people."""
    from pathlib import Path

    from .gitmerge import merge_files

    for note in merge_files(Path(ancestor), Path(ours), Path(theirs), path):
        click.echo(f"consensus: {note}", err=True)


def main() -> None:
    """Entry point: run the CLI, and never show a user a traceback."""
    try:
        cli.main(prog_name="consensus")
    except Exception as exc:
        if os.environ.get(DEBUG_VARIABLE):
            raise
        # A bug, not a refusal: say so in one line instead of a traceback.
        click.echo(
            f"Error: internal error ({type(exc).__name__}: {exc}) — this is a bug in consensus; "
            f"run again with {DEBUG_VARIABLE}=1 to see where, and please report it",
            err=True,
        )
        sys.exit(EXIT_REFUSED)
