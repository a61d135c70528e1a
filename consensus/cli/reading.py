"""Reading the register: list, show, history, diff, check."""

from __future__ import annotations

import sys

import click

from consensus import dates
from consensus.errors import ConsensusError
from consensus.language import _, n_
from consensus.vocabulary import STATUSES

from .app import EXIT_REFUSED, App, fail, pass_app
from .options import id_argument, json_option, version_number

# Everything beyond click is imported inside the commands: ``list`` is what people type most, and
# at 10,000 decisions each module it need not load is time they wait.


@click.command("list")
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
    day = dates.parse_date(as_of, "date") if as_of is not None else None
    chosen, problems = app.register.find(
        statuses=statuses, tag=tag, due=app.today if due else None, as_of=day, search=search
    )
    if json_:
        from consensus.render import to_json_rows
        from consensus.shapes import rows as row_shapes

        click.echo(to_json_rows(row_shapes(chosen)))
    else:
        from consensus.render.listing import decision_list
        from consensus.render.table import colours_wanted

        app.show(decision_list(chosen, app.today, terminal=sys.stdout.isatty(), colour=colours_wanted()))
    app.warn(problems, settings_too=True)


@click.command()
@id_argument("any")
@click.option("--version", "number", callback=version_number, metavar="N", help="Show version N (2 or v2) instead of the current one.")
@json_option
@pass_app
def show(app: App, *, decision_id: str, number: int | None, json_: bool) -> None:
    """Show one decision: its text, status, lineage and open proposal."""
    view = app.register.get(decision_id)[1]
    shown = None
    if number is not None:
        shown = view.version(number)
        if shown is None:
            fail(_("{id} has no version {number} (it has {numbers})").format(
                id=view.id, number=number, numbers=", ".join(str(v.number) for v in view.versions)))
    if json_:
        from consensus.shapes import decision as decision_shape

        app.data(decision_shape(view))
        return
    from consensus.gather import competing
    from consensus.queries import next_step, required
    from consensus.render.card import decision as render_decision
    from consensus.render.notes import next_step as next_step_line
    from consensus.render.table import colours_wanted, screen_width

    titles, replaced = {}, []
    lineage = (*view.replaces, *view.successors)
    for other in (*lineage, *view.partly_replaces, *view.amends):
        try:
            other_view = app.register.get(other)[1]
            titles[other] = other_view.title
            if other in lineage:
                replaced.append(other_view)
        except ConsensusError:
            titles[other] = _("(not in the register)")
    register = app.register
    people = required(register.open_meeting(), register.settings.members) if view.open else []
    step = next_step(view, register.settings.rule, people, app.today, replaced,
                     competing(register, view) if lineage else ())
    app.show(render_decision(view, app.today, shown, titles, next_step_line(view.id, step),
                             width=screen_width(), colour=colours_wanted()))


@click.command()
@id_argument("any")
@json_option
@pass_app
def history(app: App, *, decision_id: str, json_: bool) -> None:
    """Show the events of a decision, oldest first."""
    view = app.register.get(decision_id)[1]
    if json_:
        from consensus.shapes import event

        app.data([event(e) for e in view.history])
        return
    from consensus.render.table import colours_wanted, screen_width
    from consensus.render.terminal import history as render_history

    app.show(render_history(view, width=screen_width(), colour=colours_wanted()))


@click.command()
@id_argument("any")
@click.argument("from_", metavar="[FROM", required=False, callback=version_number)
@click.argument("to", metavar="[TO]]", required=False, callback=version_number)
@json_option
@pass_app
def diff(app: App, *, decision_id: str, from_: int | None, to: int | None, json_: bool) -> None:
    """Show how the text changed between two versions (2 or v2).

    Without FROM and TO: the version in force (or the first) against the newest; when the newest
    is in force, the version it replaced; for a decision that replaced others, the text it
    replaced against its own.

    \b
    Examples:
      consensus diff 7kq2
      consensus diff 7kq2 v1 v3
    """
    from consensus import queries

    view = app.register.get(decision_id)[1]
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
    from consensus.render.table import colours_wanted
    from consensus.render.terminal import diff as render_diff

    app.show(render_diff(change, terminal=sys.stdout.isatty(), colour=colours_wanted()))


@click.command()
@click.option("--full", is_flag=True, help="Parse every file again, also those an earlier check found whole "
              "and that have not changed since (by their stat and a digest of their content).")
@json_option
@pass_app
def check(app: App, *, full: bool, json_: bool) -> None:
    """Check every file and the integrity of every history; exit 1 on any problem.

    Every file is read each time; one that an earlier check found whole and that has not changed
    since (the same stat, the same digest of its content) is not parsed again. --full parses them
    all. What two clones did at once without knowing of each other (an objection an adoption did
    not see, a decision replaced twice) is listed as "to decide": no fault, so check still passes.
    """
    from consensus.check import run

    found, count = run(app.register, full=full)
    problems = [p for p in found if not p.decide]
    decide = [p for p in found if p.decide]
    if json_:
        app.data({"ok": not problems, "problems": [p.as_json() for p in problems],
                  "to_decide": [p.as_json() for p in decide]})
    else:
        for problem in problems:
            app.line(str(problem))
        for item in decide:
            where = f"{item.file}:{item.line}" if item.line else item.file
            app.line(_("{where}: to decide: {message}").format(where=where, message=item.message))
        if problems:
            app.say(n_("{n} problem found.", "{n} problems found.", len(problems)).format(n=len(problems)))
        else:
            app.say(n_("All is well: {n} decision checked.", "All is well: {n} decisions checked.", count).format(n=count))
        if decide:
            app.say(n_("{n} thing for the group to decide (above).", "{n} things for the group to decide (above).",
                       len(decide)).format(n=len(decide)))
    from consensus.gitmerge import driver_outdated

    if driver_outdated(app.register.root):
        app.say(_('Warning: this clone starts the merge driver as earlier versions did, which can run code a pull '
                  'brought — run "consensus git-setup" again'))
    if problems:
        sys.exit(EXIT_REFUSED)
