"""Setting a register up: init, members, importing records, sharing it with git."""

from __future__ import annotations

from pathlib import Path

import click

from consensus import dates
from consensus import language as speech
from consensus.language import _

from .app import App, ConsensusGroup, pass_app
from .options import by_option, complete_folder, complete_names, json_option


@click.command()
@click.option("--name", help="The register's name (default: the folder's name).")
@click.option("--lang", "language", type=click.Choice(speech.LANGUAGES),
              help="The register's language: of its messages, tables, documents and website "
              "(default: the locale's, else en).")
@click.option("--rule", type=click.Choice(["consent", "consensus"]), default="consent", show_default=True,
              help="consent: no unresolved objection; consensus: everyone consents or stands aside.")
@click.option("--review-period", default="1y", show_default=True, metavar="PERIOD",
              help="How long adopted decisions stand before review, like 6m, 2w, 1y, 90d.")
@click.option("--meeting-period", default="4w", show_default=True, metavar="PERIOD",
              help="How often the group meets (the summary looks this far ahead).")
@click.option("--member", "members", multiple=True, metavar="NAME", help="A member (repeat for each).")
@pass_app
def init(app: App, *, name: str | None, language: str | None, rule: str, review_period: str,
         meeting_period: str, members: tuple[str, ...]) -> None:
    """Create a register in the current folder (or in -C PATH).

    Writes consensus.toml, decisions/, meetings/ and a .gitignore for local state. Refuses to
    touch a folder that already holds a register.

    \b
    Example:
      consensus init --name "Bergkamen for all" --lang de --member Ayşe --member Bo
    """
    from consensus.members import distinct
    from consensus.models import Settings
    from consensus.register import init as init_register

    root = Path(app.directory or ".").expanduser().resolve()
    language = language or speech.from_locale()
    for period in (review_period, meeting_period):
        dates.parse_period(period)
    # A folder's name need not be UTF-8 (bytes the system could not decode): the register's name is text.
    folder = root.name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    settings = Settings(
        name=(name or folder).strip() or folder, language=language,  # type: ignore[arg-type]
        rule=rule, review_period=review_period, meeting_period=meeting_period,  # type: ignore[arg-type]
        members=tuple(distinct(members)),
    )
    init_register(root, settings)
    if speech.from_environment() is None:  # from now on this is a register in its language
        speech.use(language)
    app.say(_("Created the register '{name}' in {path}").format(name=settings.name, path=root))
    app.say(_('Next: consensus propose "A title" --text "What we decide"'))


@click.group(cls=ConsensusGroup)
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
        app.line(name)
    if not names:
        app.say(_('No members yet: add them with "consensus members add NAME…"'))


@members.command("add")
@click.argument("names", nargs=-1, required=True, metavar="NAME…")
@pass_app
def members_add(app: App, *, names: tuple[str, ...]) -> None:
    """Add members to the register."""
    from consensus.members import add

    everyone = add(app.register, names)
    app.say(_("Members: {names}").format(names=", ".join(everyone)))


@members.command("remove")
@click.argument("name", metavar="NAME", shell_complete=complete_names)
@pass_app
def members_remove(app: App, *, name: str) -> None:
    """Remove a member (their part in past decisions stays in the history)."""
    from consensus.members import remove

    member, remaining = remove(app.register, name)
    app.say(_("Removed {name}. Members: {names}").format(name=member, names=", ".join(remaining) or _("none")))


@click.group("import", cls=ConsensusGroup)
def import_() -> None:
    """Bring in decisions kept elsewhere."""


@import_.command("adr")
@click.argument("folder", metavar="PATH", shell_complete=complete_folder)
@click.option("--format", "format_", type=click.Choice(["auto", "adr-tools", "madr"]), default="auto",
              show_default=True, help="The records' format (auto: judged per file).")
@click.option("--dry-run", is_flag=True, help="Show what would be imported; write nothing.")
@by_option
@json_option
@pass_app
def import_adr(app: App, *, folder: str, format_: str, dry_run: bool, by: str | None, json_: bool) -> None:
    """Import Architecture Decision Records (adr-tools or MADR) from PATH.

    Each record becomes a decision with its text and date. Accepted, approved or done
    becomes active; rejected or declined, rejected; deprecated, retired; superseded is linked
    to its successor, whichever side says so. Proposed, draft, pending, on hold and any other
    status become proposed, so nothing unclear is put in force; no status at all, active. The
    status as written is kept (show prints it). "Amends" and "partly superseded by" become
    links too. A broken link or a number two records share is followed by number, then by
    which record cites the other, then by title, and the report says how. The report names
    the file behind each note. Importing again adds only new records.

    \b
    Example:
      consensus import adr docs/decisions --dry-run
    """
    from consensus import adr_import
    from consensus.render.notes import import_report
    from consensus.render.progress import progress

    with progress(_("Reading records")) as tick:
        report, problems = adr_import.run(
            app.register, Path(folder).expanduser(), by=by, now=app.now, forced=format_,
            dry_run=dry_run, progress=tick,
        )
    if json_:
        app.data([{"file": r.file, "id": r.id, "status": r.status, "new": r.new, "notes": r.notes}
                  for r in report.rows])
    else:
        for row in report.new:
            click.echo(row.id)
    for line in import_report(report, dry_run):
        app.say(line)
    app.warn(problems)


@click.command("git-setup")
@pass_app
def git_setup(app: App) -> None:
    """Register the merge driver for the register's files in the enclosing git repository.

    Adds .gitattributes lines for decisions/*.toml, meetings/*.toml and consensus.toml (commit
    it) and the driver to this clone's git config (run git-setup once in every clone, and again
    after an upgrade). Then concurrent consents, objections, reviews, amendments and new members
    merge with a plain "git pull".
    """
    from consensus.gitmerge import setup

    for line in setup(app.register.root):
        app.say(line)


@click.command("git-merge", hidden=True)
@click.argument("ancestor", type=click.Path(dir_okay=False))
@click.argument("ours", type=click.Path(dir_okay=False))
@click.argument("theirs", type=click.Path(dir_okay=False))
@click.argument("path")
def git_merge(ancestor: str, ours: str, theirs: str, path: str) -> None:
    """The merge driver git calls (%O %A %B %P); not for people."""
    from consensus.gitmerge import merge_files
    from consensus.render import safe

    for note in merge_files(Path(ours), Path(theirs), path, Path(ancestor)):
        click.echo(safe(f"consensus: {note}"), err=True)
