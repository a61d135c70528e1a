"""Meetings: start, end, list, and the minutes of one."""

from __future__ import annotations

import click

from consensus import language, meetings
from consensus.language import _
from consensus.shapes import meeting as meeting_shape

from .app import App, ConsensusGroup, pass_app
from .options import by_option, complete_meetings, complete_names, document_options, json_option, write_output


@click.group(cls=ConsensusGroup)
def meeting() -> None:
    """Meetings: while one is open, every event recorded carries its id."""


@meeting.command("start")
@click.option("--title", help="What the meeting is (default: 'Meeting' and the date).")
@click.option("--attendee", "attendees", multiple=True, metavar="NAME", shell_complete=complete_names, help="A member who is there (repeat for each).")
@click.option("--guest", "guests", multiple=True, metavar="NAME",
              help="A guest (repeat for each): guests may raise concerns; consent, objections and "
              "stand-asides are for members.")
@by_option
@json_option
@pass_app
def meeting_start(app: App, *, title: str | None, attendees: tuple[str, ...], guests: tuple[str, ...],
                  by: str | None, json_: bool) -> None:
    """Start a meeting; prints its id.

    \b
    Example:
      consensus meeting start --title "Steering group" --attendee Ayşe --attendee Bo --guest "Frau Kaya"
    """
    new = meetings.start(app.register, app.now, title=title, attendees=attendees, by=by, guests=guests)
    if json_:
        app.data(meeting_shape(new, open_=True))
    else:
        click.echo(new.id)
    app.say(_('Started {id} "{title}" — every event recorded now belongs to it; end it with '
              '"consensus meeting end"').format(id=new.id, title=new.title))


@meeting.command("end")
@json_option
@pass_app
def meeting_end(app: App, *, json_: bool) -> None:
    """End the open meeting and write it to meetings/."""
    ended = meetings.end(app.register, app.now)
    if json_:
        app.data(meeting_shape(ended))
    minutes = int((ended.ended_at - ended.started_at).total_seconds() // 60)  # type: ignore[operator]
    app.say(_('Ended {id} "{title}" after {hours} h {minutes:02d} min; minutes: "consensus meeting show {id}"').format(
        id=ended.id, title=ended.title, hours=minutes // 60, minutes=minutes % 60))


@meeting.command("cancel")
@pass_app
def meeting_cancel(app: App) -> None:
    """End the open meeting without a record, when nothing was recorded in it (one started by mistake)."""
    cancelled = meetings.cancel(app.register)
    app.say(_('Cancelled {id} "{title}": nothing was recorded in it, and no record of it is kept').format(
        id=cancelled.id, title=cancelled.title))


@meeting.command("list")
@json_option
@pass_app
def meeting_list(app: App, *, json_: bool) -> None:
    """List meetings, the newest first."""
    ended, problems = app.register.meetings()
    current = app.register.open_meeting()
    rows = [(m, False) for m in reversed(ended)]
    if current is not None:
        rows.insert(0, (current, True))
    if json_:
        app.data([meeting_shape(m, open_=is_open) for m, is_open in rows])
    else:
        from consensus.render.table import colours_wanted, screen_width
        from consensus.render.terminal import meeting_list as render_meetings

        app.show(render_meetings(rows, width=screen_width(), colour=colours_wanted()))
    app.warn(problems)


@meeting.command("show")
@click.argument("meeting_id", metavar="ID", shell_complete=complete_meetings)
@document_options
@json_option
@pass_app
def meeting_show(app: App, *, meeting_id: str, format_: str, lang: str | None, output: str | None,
                 json_: bool) -> None:
    """Show a meeting's minutes (ID may be 'last').

    Who attended, every proposal dealt with, consents, objections and how they were resolved,
    and what was adopted, replaced or retired, with the texts.
    """
    from consensus import gather

    data, problems = gather.minutes(app.register, app.register.resolve_meeting(meeting_id))
    chosen = lang or language.current()
    from consensus.render.report import write

    write_output(app, write(data, "json" if json_ else format_, chosen), output, _("Wrote the minutes to {path}"))
    app.warn(problems)
