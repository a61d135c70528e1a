"""``consensus live``: the note-taker's prompt for a whole meeting."""

from __future__ import annotations

import itertools
import shutil
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import IO, TYPE_CHECKING

import click

from consensus import language
from consensus.errors import ConsensusError
from consensus.language import _, n_

from .app import EXIT_REFUSED, App, pass_app
from .options import by_option, complete_names

if TYPE_CHECKING:
    from consensus.live import Session


@click.command()
@click.option("--title", help="The meeting's title, when a new one starts (asked for on a terminal).")
@click.option("--attendee", "attendees", multiple=True, metavar="NAME", shell_complete=complete_names,
              help="A member who is there (repeat for each; asked for on a terminal).")
@click.option("--guest", "guests", multiple=True, metavar="NAME",
              help="A guest (repeat for each; asked for on a terminal).")
@by_option
@pass_app
def live(app: App, *, title: str | None, attendees: tuple[str, ...], guests: tuple[str, ...], by: str | None) -> None:
    """Take notes live in a meeting: one line, one step, written at once.

    Resumes the meeting in progress, or starts one. A line is a word, its arguments, and after a
    colon any free text ("object Chris: Tuesday is choir night"); "#" starts a note for the
    minutes; "help" lists the words (German ones too, in a German register). Steps are recorded
    as by --by (default: $CONSENSUS_USER, else git's user.name). Ctrl-D, Ctrl-C and "quit" leave
    the meeting open; "end" ends it; Ctrl-C in a text abandons that step. Without a terminal,
    lines are read from standard input and each result is printed; the exit code is then 1 if
    any line was refused, and with nothing to read no meeting is started.

    \b
    Examples:
      consensus live --title "October circle" --attendee Ayşe --attendee Bo
      consensus live < notes.txt
    """
    from consensus.live import TAKES_TEXT, Session, UnknownWord, Usage, parse
    from consensus.meetings import guest_names
    from consensus.render import safe
    from consensus.render.live import fitted, help_lines, meeting_line, reply_lines, stays_open, usage

    session = Session(app.register, by=by)
    terminal = sys.stdin.isatty() and sys.stdout.isatty()

    def width() -> int | None:  # asked at each reply: a terminal may be resized during a meeting
        return shutil.get_terminal_size().columns if terminal else None

    if terminal and app.register.open_meeting() is None and title is None and not attendees:
        title = click.prompt(_("A new meeting: its title"), default="", show_default=False) or None
        attendees = _asked(_("Who is here (names, separated by commas)"), app.register.settings.members,
                           lambda names: [app.register.member(n) for n in names])
        if not guests:  # none to complete: a guest is anyone who is not a member
            guests = _asked(_("Guests, if any (names, separated by commas)"), (),
                            lambda names: guest_names(app.register, names))
    piped = None if terminal else _Piped(sys.stdin)
    # Read ahead only from a file or a pipe: typed lines (live | tee log) come when they come.
    if piped is not None and not sys.stdin.isatty() and app.register.open_meeting() is None and piped.empty():
        app.say(_("Nothing to read from standard input, so no meeting was started."))
        return
    resumed = session.begin(title=title, attendees=list(attendees), guests=list(guests))
    assert session.meeting is not None
    for text in fitted(safe(meeting_line(session.meeting, resumed)), width()):
        click.echo(text)
    resumed_with = session.current_view()
    click.echo(safe(_("Current: {id} {title}").format(id=resumed_with.id, title=resumed_with.title)) if resumed_with
               else _("Type help for the words; propose TITLE to begin."))

    source: _Terminal | _Piped = piped if piped is not None else _Terminal(session)
    refused, left = 0, False
    for raw in source.lines():
        try:
            try:
                line = parse(raw, session.language)
            except UnknownWord as exc:  # "propse Title": its text lines follow all the same
                source.text_follows(exc.close in TAKES_TEXT)
                raise
            if line is None:
                continue  # an empty line where a step is expected does nothing
            source.text_follows(line.word in TAKES_TEXT)
            reply = session.handle(line, source.read_text)
        except Usage as exc:
            refused += 1
            click.echo(safe(_("Error: {message}").format(message=usage(exc, language.current()))), err=True)
            source.skip_text()
            continue
        except ConsensusError as exc:
            refused += 1
            click.echo(safe(_("Error: {message}").format(message=exc.live or exc)), err=True)
            source.skip_text()
            continue
        except KeyboardInterrupt:
            click.echo(_("Cancelled: nothing was recorded."), err=True)
            continue
        columns = width()
        if reply.word == "help":
            shown = [safe(text) for text in help_lines(language.current(), columns or shutil.get_terminal_size().columns)]
        else:
            shown = [part for text in reply_lines(reply, app.today) for part in fitted(safe(text), columns)]
        for text in shown:
            click.echo(text)
        if reply.word in ("end", "quit"):
            left = True
            break
    if not left and session.meeting is not None:
        click.echo(safe(stays_open(session.meeting)))
    if refused and not terminal:
        sys.exit(EXIT_REFUSED)


def _asked(question: str, names: Sequence[str], read: Callable[[list[str]], list[str]]) -> tuple[str, ...]:
    """Names separated by commas, as ``read`` takes them, Tab completing ``names``; asked again
    after a typo, which is said with a suggestion, as any other line."""
    from consensus.render import safe
    from consensus.render.prompt import ask_names

    while True:
        try:
            typed = ask_names(question, names)
        except (EOFError, KeyboardInterrupt):
            raise click.Abort() from None
        try:
            return tuple(read([n.strip() for n in typed.split(",") if n.strip()]))
        except ConsensusError as exc:
            click.echo(safe(_("Error: {message}").format(message=exc.live or exc)), err=True)


class _Piped:
    """Lines from standard input; a text is the lines that follow, up to an empty one."""

    def __init__(self, stream: IO[str]) -> None:
        self._lines: Iterator[str] = (raw.rstrip("\r\n") for raw in stream)
        self._in_text = False  # lines of the step's text (up to an empty line) not read yet

    def lines(self) -> Iterator[str]:
        yield from self._lines

    def empty(self) -> bool:
        """Whether there is no line at all to read (``live < /dev/null``)."""
        first = next(self._lines, None)
        if first is None:
            return True
        self._lines = itertools.chain([first], self._lines)
        return False

    def text_follows(self, follows: bool) -> None:
        """Whether the line just read is a step whose text is on the lines after it."""
        self._in_text = follows

    def read_text(self, what: str, prefill: str) -> str | None:
        taken = []
        for raw in self._lines:
            if not raw.strip():
                self._in_text = False
                break
            taken.append(raw)
            if what == "title":
                break
        else:
            self._in_text = False
        return "\n".join(taken)

    def skip_text(self) -> None:
        """After a refused step, the rest of its text: a line of it that begins with a word of
        live notes ("Open to all", "End of May") must not be carried out. Said, with the first of
        them, so that a step taken for text by mistake is seen."""
        if self._in_text:
            from consensus.render import safe

            skipped = (self.read_text("text", "") or "").split("\n")
            if skipped != [""]:
                click.echo(safe(n_("(the line after it was taken as its text, and not read as a step: {first})",
                                   "(the {n} lines after it were taken as its text, and not read as steps: {first} …)",
                                   len(skipped)).format(n=len(skipped), first=skipped[0])), err=True)


class _Terminal:
    """Lines from the prompt (prompt_toolkit, in render/prompt.py); Ctrl-D and Ctrl-C leave."""

    def __init__(self, session: Session) -> None:
        from consensus.live import words_for
        from consensus.render.live import toolbar
        from consensus.render.prompt import LiveCompleter, LivePrompt
        from consensus.storage import own_or_absent

        self.session = session
        register = session.register

        def names() -> list[str]:
            meeting = session.meeting
            present = list(meeting.attendees) if meeting else []
            return [*present, *(m for m in register.settings.members if m not in present),
                    *(meeting.guests if meeting else ())]

        def decisions() -> list[tuple[str, str]]:
            rows = register.rows()[0]
            return [(r.id, r.title) for r in rows if r.open_version is not None or r.status == "active"]

        def status() -> str:
            view = session.current_view()
            return toolbar(session.meeting, view, session.next_step(view) if view else None)

        completer = LiveCompleter(words_for(session.language), names, decisions)
        history = register.state_dir / "live-history"
        # The lines typed are appended to it by name: never through a link to elsewhere.
        self.prompt = LivePrompt(history if own_or_absent(history) else None, completer, status)

    def lines(self) -> Iterator[str]:
        while True:
            try:
                yield self.prompt.line(f"[{self.session.current}]> " if self.session.current else "> ")
            except (EOFError, KeyboardInterrupt):
                return

    def read_text(self, what: str, prefill: str) -> str | None:
        return self.prompt.text(what, prefill)

    def text_follows(self, follows: bool) -> None:
        """On a terminal a step asks for its text itself, after it was found possible."""

    def skip_text(self) -> None:
        """Nothing was asked for: nothing to skip."""
