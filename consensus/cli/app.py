"""What every command shares: the register, the clock, the two output streams, and the one place
where refusals become an ``Error: …`` line."""

from __future__ import annotations

import datetime as dt
import inspect
import itertools
import os
import sys
from typing import TYPE_CHECKING, Any, NoReturn

import click

from consensus import dates, language
from consensus.errors import ConsensusError
from consensus.language import _

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from consensus.register import Register
    from consensus.steps import Steps

EXIT_OK, EXIT_REFUSED, EXIT_USAGE = 0, 1, 2


def _screen_height() -> int:
    import shutil

    return shutil.get_terminal_size().lines
DEBUG_VARIABLE = "CONSENSUS_DEBUG"


class App:
    """What every command shares: the register, the clock, and the ways to print."""

    def __init__(self, directory: str | None, pager: bool = True) -> None:
        self.directory = directory
        self.pager = pager
        self._register: Register | None = None
        self._recovered = False
        self._now: dt.datetime | None = None

    @property
    def register(self) -> Register:
        """The register the command works on (found once, and any change a killed process left
        half-written finished before anything is read)."""
        if self._register is None:
            from consensus.register import Register, find_root

            self._register = Register(find_root(self.directory))
        if not self._recovered:
            self._recovered = True
            self._register.recover()
        return self._register

    def speak(self) -> None:
        """Choose the language before anything is said: ``$CONSENSUS_LANG``, else the register's
        (if there is one here), else the locale (outside a register, as for ``init``)."""
        chosen = language.from_environment()
        if chosen is None:
            from consensus.register import Register, find_root

            try:
                self._register = Register(find_root(self.directory))
                # Made safe before its settings are read (a refusal is said once the command asks
                # for the register, in the language of the locale).
                self._register.recover()
                self._recovered = True
                chosen = self._register.language
            except ConsensusError:
                chosen = language.from_locale()
        language.use(chosen)

    @property
    def steps(self) -> Steps:
        """The process's steps on this register, at this command's moment."""
        from consensus.steps import Steps

        return Steps(self.register, self.now)

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

    def show(self, text: str | Iterable[str]) -> None:
        """Data for people on stdout, one text or a long one in pieces (never joined in memory);
        paged, as git pages, when it is longer than the terminal. ``$PAGER`` chooses the pager
        (default: less, asked to show colours and to leave at once when all fits: ``LESS=FRX``);
        ``--no-pager`` or ``PAGER=cat`` turn it off."""
        pieces = iter([text] if isinstance(text, str) else text)
        if self.pager and sys.stdout.isatty() and sys.stdin.isatty():
            height, lines, seen = _screen_height(), 0, []
            for piece in pieces:  # only as far as needed to know whether it fits
                seen.append(piece)
                lines += piece.count("\n")
                if lines >= height:
                    os.environ.setdefault("LESS", "FRX")
                    click.echo_via_pager(itertools.chain(seen, pieces), color=True)
                    return
            pieces = iter(seen)
        # A thousand pieces a write: click.echo a piece would cost seconds at 100,000.
        while some := list(itertools.islice(pieces, 1000)):
            # it holds colours only where colours_wanted said so
            click.echo("".join(some), nl=False, color=True)

    def say(self, message: str) -> None:
        """A chatty line for people, on stderr, printed literally."""
        from consensus.render import safe

        click.echo(safe(message), err=True)

    def line(self, text: str) -> None:
        """A line of the command's data on stdout, printed literally."""
        from consensus.render import safe

        click.echo(safe(text))

    def data(self, payload: Any) -> None:
        """JSON on stdout."""
        from consensus.render import to_json

        click.echo(to_json(payload))

    def data_items(self, items: Iterable[str]) -> None:
        """A JSON list on stdout, as ``data`` prints it, of items each made JSON already by
        ``render.json_item``: a long report need not hold all its objects at once."""
        from consensus.render import json_items

        for piece in json_items(items):
            click.echo(piece, nl=False)
        click.echo()

    def warn(self, problems: Sequence[ConsensusError], settings_too: bool = False) -> None:
        """Warnings about files a reading command skipped (it goes on with the rest)."""
        for problem in problems:
            self.say(_("Warning: skipped {problem}").format(problem=problem))
        if settings_too:
            try:
                self.register.check_settings()
            except ConsensusError as exc:
                self.say(_("Warning: {problem}").format(problem=exc))


class ConsensusGroup(click.Group):
    """A group that turns refusals into one ``Error:`` line and suggests commands for typos.

    ``lazy`` names commands by ``"module:attribute"`` (in ``consensus.cli``), in the order of a
    decision's life, as the help is read top to bottom: a command imports only its own module,
    so ``list`` never loads the code of the steps that change decisions.
    """

    def __init__(self, *args: Any, lazy: dict[str, str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy = lazy or {}

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.lazy and cmd_name not in self.commands:
            import importlib

            module, attribute = self.lazy[cmd_name].split(":")
            command = getattr(importlib.import_module(f"consensus.cli.{module}"), attribute)
            self.add_command(translated(command), cmd_name)
        return super().get_command(ctx, cmd_name)

    def make_context(self, info_name: str | None, args: list[str], parent: click.Context | None = None,
                     **extra: Any) -> click.Context:
        try:
            return super().make_context(info_name, args, parent, **extra)
        except click.ClickException as exc:  # the command line's own mistakes, in its own words
            raise escaped(exc) from None

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ConsensusError as exc:
            raise escaped(click.ClickException(str(exc))) from None
        except click.ClickException as exc:
            raise escaped(exc) from None
        except BrokenPipeError:
            # The reader went away (``consensus list | head``); that is not an error.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            sys.exit(EXIT_OK)
        except OSError as exc:
            if os.environ.get(DEBUG_VARIABLE):
                raise
            where = f" ({exc.filename})" if exc.filename else ""
            raise escaped(click.ClickException(f"{exc.strerror or exc}{where}")) from None

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(dict.fromkeys([*self.lazy, *self.commands]))

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        name = args[0] if args else ""
        known = self.list_commands(ctx)
        if name and name not in known and not name.startswith("-"):
            import difflib

            close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
            if close:
                ctx.fail(_("no command '{name}' — did you mean '{close}'?").format(name=name, close=close[0]))
        return super().resolve_command(ctx, args)


def escaped(exc: click.ClickException) -> click.ClickException:
    """``exc`` with what it echoes (names, paths, values from files and the environment) unable
    to drive the terminal: every ``Error:`` line passes through here."""
    from consensus.render import safe

    vars(exc)["message"] = safe(exc.message)  # click declares it final; it is what is shown
    return exc


pass_app = click.make_pass_decorator(App)


def translated(command: click.Command) -> click.Command:
    """``command`` with its help, and its options' and subcommands', in the language in use (the
    code writes them in English; the catalogue has them word for word). Called again once the
    register has said its language, it speaks that one: the English is kept aside."""
    speaking = language.current()
    if getattr(command, "_speaking", "en") == speaking:
        return command
    params = [p for p in command.params if (isinstance(p, click.Option) and p.help) or p.metavar]
    english = command.__dict__.setdefault("_english", {
        "help": command.help, "short_help": command.short_help, "options_metavar": command.options_metavar,
        "params": [(p, getattr(p, "help", None), p.metavar) for p in params],
    })
    # The help as written, without the indentation of its docstring (which Python 3.13 strips
    # when it compiles and 3.11 keeps): the catalogue's key is the same under both.
    command.help = _(inspect.cleandoc(english["help"])) if english["help"] else english["help"]
    command.short_help = _(english["short_help"]) if english["short_help"] else english["short_help"]
    for param, help_text, metavar in english["params"]:
        if help_text:
            param.help = _(help_text)
        if metavar:
            param.metavar = _(metavar)
    if english["options_metavar"]:
        command.options_metavar = _("[OPTIONS]")
    if isinstance(command, click.Group):
        command.subcommand_metavar = _("COMMAND [ARGS]...")
    command._speaking = speaking  # type: ignore[attr-defined]
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            translated(sub)
    return command


def fail(message: str) -> NoReturn:
    """Refuse what the command line itself cannot do (read a file it was given, say)."""
    raise ConsensusError(message)
