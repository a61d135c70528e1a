"""The ``consensus`` command line: parse, one call into the core, render.

The only package that imports click. Commands live in modules by task (``steps``, ``reading``,
``meetings``, ``reports``, ``setup``) and are loaded only when called. Every ``ConsensusError``
becomes one ``Error: …`` line on stderr and exit code 1; click's own usage errors exit 2.
"""

from __future__ import annotations

import os
import sys

import click

from consensus import __version__, language

from .app import DEBUG_VARIABLE, EXIT_REFUSED, App, ConsensusGroup, translated
from .options import complete_folder

COMMANDS = {
    "init": "setup:init",
    "members": "setup:members",
    "propose": "steps:propose",
    "amend": "steps:amend",
    "consent": "steps:consent",
    "object": "steps:object_",
    "resolve": "steps:resolve",
    "stand-aside": "steps:stand_aside",
    "concern": "steps:concern",
    "adopt": "steps:adopt",
    "reject": "steps:reject",
    "withdraw": "steps:withdraw",
    "retire": "steps:retire",
    "review": "steps:review",
    "undo": "steps:undo",
    "list": "reading:list_",
    "show": "reading:show",
    "history": "reading:history",
    "diff": "reading:diff",
    "check": "reading:check",
    "meeting": "meetings:meeting",
    "live": "live:live",
    "changes": "reports:changes",
    "summary": "reports:summary",
    "participation": "reports:participation",
    "graph": "reports:graph",
    "site": "site:site",
    "import": "setup:import_",
    "git-setup": "setup:git_setup",
    "git-merge": "setup:git_merge",
}
"""Every command, in the order of a decision's life (as ``--help`` lists them): its module and name."""


@click.group(cls=ConsensusGroup, lazy=COMMANDS, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "-C", "--dir", "directory", metavar="PATH", shell_complete=complete_folder,
    help="Work on the register in PATH (default: $CONSENSUS_DIR, else the nearest folder "
    "upward that holds consensus.toml).",
)
@click.option("--no-pager", is_flag=True, help="Do not page long output on a terminal (as with PAGER=cat).")
@click.version_option(__version__, "--version", prog_name="consensus", message="%(prog)s %(version)s")
@click.pass_context
def cli(ctx: click.Context, directory: str | None, no_pager: bool) -> None:
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
    ctx.obj = App(directory, pager=not no_pager)
    ctx.obj.speak()
    translated(ctx.command)  # the command chosen already, in the register's language now
    ctx.call_on_close(ctx.obj.close)


def main() -> None:
    """Entry point: run the CLI, and never show a user a traceback."""
    language.use(language.from_environment() or language.from_locale())
    translated(cli)
    try:
        cli.main(prog_name="consensus")
    except Exception as exc:
        if os.environ.get(DEBUG_VARIABLE):
            raise
        from consensus.render import safe

        # A bug, not a refusal: say so in one line instead of a traceback.
        click.echo(
            language._("Error: internal error ({kind}: {problem}) — this is a bug in consensus; run again with "
                       "{variable}=1 to see where, and please report it").format(
                kind=type(exc).__name__, problem=safe(str(exc)), variable=DEBUG_VARIABLE),
            err=True,
        )
        sys.exit(EXIT_REFUSED)
