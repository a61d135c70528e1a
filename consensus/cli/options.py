"""Options and arguments several commands share, with shell completion from the register, and
the command line's own input and output: texts from files or the editor, documents to files."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from consensus.errors import ConsensusError
from consensus.language import _

from .app import App, fail

if TYPE_CHECKING:
    from click.shell_completion import CompletionItem

    from consensus.models import Meeting
    from consensus.register import Register
    from consensus.rows import Row

F = TypeVar("F", bound=Callable[..., Any])


def json_option(f: F) -> F:
    """``--json``: print the data as JSON (the shapes of docs/reference.md); where a command has
    ``--format``, the same as ``--format json``."""
    return click.option("json_", "--json", is_flag=True, callback=_english_for_json,
                        help="Print JSON instead of text.")(f)


def _english_for_json(ctx: click.Context, param: click.Parameter, value: bool) -> bool:
    # JSON is an interface: its words (a check's problems, an import's notes) are English in
    # every register, as its keys and values are, and so is any error a script reads beside it.
    if value:
        from consensus import language

        language.use("en")
    return value


def document_options(f: F) -> F:
    """``--format``, ``--lang`` and ``-o`` of the commands that write a document (the summary, minutes)."""
    from consensus.language import LANGUAGES

    f = click.option("-o", "--output", metavar="FILE", shell_complete=complete_file,
                     help="Write to FILE instead of standard output.")(f)
    f = click.option("--lang", type=click.Choice(LANGUAGES), help="Language (default: the register's).")(f)
    return click.option("--format", "format_", type=click.Choice(["md", "html", "text", "json"]), default="md",
                        show_default=True, help="Output format.")(f)


def complete_file(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """Let the shell complete a file's path (the value stays a plain string: a NUL byte or a
    missing file is refused by the command, in its words)."""
    from click.shell_completion import CompletionItem

    return [CompletionItem(incomplete, type="file")]


def complete_folder(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """Let the shell complete a folder's path."""
    from click.shell_completion import CompletionItem

    return [CompletionItem(incomplete, type="dir")]


# -- completion: ids and names from the register the command line points at -------------

_WHICH: dict[str, Callable[[Row], bool]] = {
    "any": lambda row: True,
    "open": lambda row: row.open_version is not None,
    "objected": lambda row: row.open_version is not None or row.overlooked > 0,
    "active": lambda row: row.status == "active",
    "living": lambda row: row.open_version is not None or row.status == "active",
}


def _from_register(ctx: click.Context, read: Callable[[Register], Any]) -> Any:
    """What ``read`` finds in the register the command line points at; None when there is no
    readable register (completion must never complain)."""
    from consensus.register import Register, find_root

    try:
        register = Register(find_root(ctx.find_root().params.get("directory")))
        found = read(register)
        register.close()
        return found
    except (ConsensusError, OSError):
        return None


def complete_ids(which: str) -> Callable[[click.Context, click.Parameter, str], list[CompletionItem]]:
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


def complete_names(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """Complete the register's members, forgivingly (``ay`` finds Ayşe)."""
    from click.shell_completion import CompletionItem

    from consensus.members import fold

    names: tuple[str, ...] = _from_register(ctx, lambda register: register.settings.members) or ()
    start = fold(incomplete)
    return [CompletionItem(name) for name in names if fold(name).startswith(start)]


def complete_meetings(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """Complete ``last`` and the ids of ended meetings, each with its date and title."""
    from click.shell_completion import CompletionItem

    meetings: list[Meeting] = _from_register(ctx, lambda register: register.meetings()[0]) or []
    items = [CompletionItem("last", help=_("the last meeting"))]
    items += [CompletionItem(m.id, help=f"{m.started_at.date().isoformat()} {m.title or ''}".strip()) for m in meetings]
    return [item for item in items if item.value.startswith(incomplete.lower())]


def id_argument(which: str = "any") -> Callable[[F], F]:
    """The ``ID`` argument: any unique prefix of a decision id; completes ``which`` decisions."""
    return click.argument("decision_id", metavar="ID", shell_complete=complete_ids(which))


def version_number(ctx: click.Context, param: click.Parameter, value: str | None) -> int | None:
    """A version number, written ``2`` or ``v2`` (a click callback)."""
    if value is None:
        return None
    text = value.strip().lower().removeprefix("v")
    if not text.isdigit():
        raise click.BadParameter(_("'{value}' is not a version: write it as 2 or v2").format(value=value), ctx, param)
    return int(text)


def by_option(f: F) -> F:
    """``--by NAME``: who does this."""
    return click.option(
        "--by", "by", metavar="NAME", shell_complete=complete_names,
        help="Who does this (default: $CONSENSUS_USER, else git's user.name).",
    )(f)


# -- texts in, documents out --------------------------------------------------------------

SCISSORS = "# ------------------------ >8 ------------------------"


def read_text(text: str | None, file: str | None, *, template: str = "", about: str = "") -> str:
    """The text from ``--text``, ``--file`` (``-`` for stdin) or the editor. In the editor the text
    starts as ``template``; below a scissors line, as git does it, ``about`` says what is asked,
    and that part is left out of the text, whatever it holds."""
    if text is not None and file is not None:
        raise click.UsageError(_("give the text with --text or with --file, not both"))
    if text is not None:
        return text
    if file is not None:
        if file == "-":
            content = sys.stdin.read()
        else:
            try:
                raw = Path(file).expanduser().read_bytes()
            except OSError as exc:
                fail(_("cannot read {path}: {problem} — check the path").format(path=file, problem=exc.strerror))
            except ValueError:  # a NUL byte in the path
                fail(_("cannot read {path}: that is not a possible file name — check the path").format(path=repr(file)))
            try:
                content = raw.decode("utf-8")
            except UnicodeDecodeError:
                fail(_("{path} is not UTF-8 text — save it as UTF-8").format(path=file))
        # Files and editors end with a newline that is not part of the text.
        return content[:-2] if content.endswith("\r\n") else content.removesuffix("\n")
    if sys.stdin.isatty() and sys.stdout.isatty():
        below = _("# Write the text above this line; everything from here on is ignored.")
        lines = "\n".join(f"# {line}" if line else "#" for line in about.splitlines())
        edited = click.edit(f"{template}\n{SCISSORS}\n{below}\n{lines}\n", extension=".md")
        if edited is None:
            fail(_("the editor was closed without saving — nothing was recorded"))
        body = edited.split(SCISSORS)[0].strip("\n")
        if not body.strip():
            fail(_("the text is empty — nothing was recorded"))
        if body == template.strip("\n") and template.strip():
            fail(_("the text was left as it was — nothing was recorded"))
        return body
    fail(_("no text given — pass --text TEXT, --file PATH, or --file - to read standard input"))


def write_output(app: App, content: str, output: str | None, said: str) -> None:
    """A document on stdout, or into the file ``-o`` names (and then ``said``, with its {path})."""
    if output is None or output == "-":
        click.echo(content, nl=False)
        return
    from consensus.storage import write_atomic

    path = Path(output).expanduser()
    try:
        write_atomic(path.resolve(), content.encode("utf-8"))
    except OSError as exc:
        fail(_("cannot write {path}: {problem} — check the folder exists and is writable").format(
            path=output, problem=exc.strerror))
    except ValueError:  # a NUL byte in the path
        fail(_("cannot write {path}: that is not a possible file name").format(path=repr(output)))
    app.say(said.format(path=output))
