"""The coordinator's reports: changes, the pre-meeting summary, participation, the lineage graph."""

from __future__ import annotations

import datetime as dt
import sys
from typing import TYPE_CHECKING

import click

from consensus import dates, gather, language
from consensus.language import _, day

from .app import App, pass_app
from .options import complete_ids, document_options, json_option, write_output

if TYPE_CHECKING:
    from consensus.errors import BrokenFile
    from consensus.models import Meeting
    from consensus.queries import Happening
    from consensus.reports import Change


def _since(app: App, since: str | None) -> tuple[dt.datetime, Meeting | None, list[BrokenFile]]:
    """``--since``: a date, or ``last-meeting`` (the default): the start of the last ended meeting;
    and the meeting files that could not be read to find it."""
    asked = since is not None and since.strip().lower() == gather.LAST_MEETING
    day = dates.parse_date(since, "date") if since is not None and not asked else None
    return gather.cutoff(app.register, day, app.now, asked_for_meeting=asked)


@click.command()
@click.option("--since", metavar="DATE|last-meeting", help="From DATE, or from the start of the last meeting (default; without one: 30 days back).")
@click.option("--until", metavar="DATE", help="Up to and including DATE (default: now).")
@json_option
@pass_app
def changes(app: App, *, since: str | None, until: str | None, json_: bool) -> None:
    """Every event in the register in a period, with the text changes of adoptions."""
    start, _, skipped = _since(app, since)
    end = gather.day_after(dates.parse_date(until, "date"), app.now) if until is not None else None
    if json_:
        from consensus.render import json_item
        from consensus.shapes import change, event

        def entry(h: Happening, found: Change | None) -> str:
            shape = {"decision": h.view.id, "title": h.view.title, **event(h.event)}
            if found is not None:
                shape["unified"] = change(found)["unified"]
            return json_item(shape)

        told, problems = gather.changes(app.register, start, end, entry)
        app.data_items(told)
    else:
        from consensus.render.table import colours_wanted, screen_width
        from consensus.render.terminal import ChangeTeller
        from consensus.render.terminal import changes as render_changes

        colour = colours_wanted()
        told, problems = gather.changes(app.register, start, end, ChangeTeller(
            width=screen_width(), terminal=sys.stdout.isatty(), colour=colour))
        app.show(render_changes(told, told.count, start, end, colour=colour))
    problems = [*skipped, *problems]
    app.warn(problems)


@click.command()
@click.option("--since", metavar="DATE|last-meeting", help="Changes from DATE, or since the start of the last meeting (default; without one: 30 days back).")
@click.option("--next-meeting", "next_meeting", metavar="DATE", help="When the next meeting is, for what falls due before it (default: today plus the register's meeting period).")
@document_options
@json_option
@pass_app
def summary(app: App, *, since: str | None, next_meeting: str | None, format_: str, lang: str | None,
            output: str | None, json_: bool) -> None:
    """The summary to send before a meeting.

    Open proposals with their consent round so far, unresolved objections, what changed since
    the last meeting (with the text changes), and decisions due for review before the next
    meeting with the concerns recorded against them.

    \b
    Examples:
      consensus summary > summary.md
      consensus summary --format html --lang de -o zusammenfassung.html
    """
    from consensus.render.report import write

    start, since_meeting, skipped = _since(app, since)
    settings = app.register.settings
    upcoming = (
        dates.parse_date(next_meeting, "date") if next_meeting is not None
        else dates.add_period(app.today, settings.meeting_period)
    )
    data, problems = gather.summary(app.register, now=app.now, since=start, since_meeting=since_meeting,
                                    next_meeting=upcoming)
    problems = [*skipped, *problems]
    format_ = "json" if json_ else format_
    write_output(app, write(data, format_, lang or language.current()), output, _("Wrote the summary to {path}"))
    app.warn(problems)


@click.command()
@click.option("--since", metavar="DATE", help="From DATE (default: 90 days back).")
@json_option
@pass_app
def participation(app: App, *, since: str | None, json_: bool) -> None:
    """Who took part how: proposals, consents, objections, concerns, stand-asides, meetings.

    Members not heard in the period stand out: everyone should be reached, the quiet ones too.
    """
    first = dates.parse_date(since, "date") if since is not None else dates.days_before(app.today, 90)
    start = gather.day_start(first, app.now)
    people, problems = gather.participation(app.register, start)
    if json_:
        from consensus.shapes import participant

        app.data({"since": start.isoformat(), "people": [participant(p) for p in people]})
    else:
        from consensus.render.table import colours_wanted, screen_width
        from consensus.render.terminal import participation as render_participation

        app.show(render_participation(people, start.date(), width=screen_width(), colour=colours_wanted()))
        quiet = [p.name for p in people if p.member and not p.heard]
        if quiet:
            app.say(_("Not heard since {date}: {names} — ask them what they think.").format(
                date=day(start.date()), names=", ".join(quiet)))
    app.warn(problems)


@click.command()
@click.argument("decision_id", metavar="[ID]", required=False, shell_complete=complete_ids("any"))
@click.option("--format", "format_", type=click.Choice(["mermaid", "dot"]), default="mermaid",
              show_default=True, help="mermaid (renders in Markdown on git hosts) or Graphviz dot.")
@json_option
@pass_app
def graph(app: App, *, decision_id: str | None, format_: str, json_: bool) -> None:
    """The lineage of decisions: what replaced, partly replaced or amended what, and (for one
    decision) its versions.

    \b
    Examples:
      consensus graph > lineage.mmd
      consensus graph 7kq2 --format dot | dot -Tsvg > 7kq2.svg
    """
    from consensus.render.graph import dot, lineage, mermaid

    root = app.register.resolve(decision_id) if decision_id else None
    views, problems = gather.lineage(app.register, root)
    chosen = lineage(views, root)
    if json_:
        from consensus.shapes import graph as graph_shape

        app.data(graph_shape(chosen))
        return
    if not chosen:
        app.say(_("No decision replaces another yet; the graph is empty."))
    draw = mermaid if format_ == "mermaid" else dot
    click.echo(draw(chosen, versions=root is not None), nl=False)
    app.warn(problems)
