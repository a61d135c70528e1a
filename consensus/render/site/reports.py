"""The pages made of reports: the meetings and their minutes, the latest summary, participation."""

from __future__ import annotations

from consensus.render import document
from consensus.render.document import Para
from consensus.render.i18n import date, words
from consensus.reports import Participant
from consensus.site import Context, MeetingListPage, MinutesPage, ParticipationPage, SummaryPage, meeting_path

from . import blocks
from .layout import esc, fill, href, line, page


def meeting_list(data: MeetingListPage, path: str, context: Context) -> bytearray:
    """Every ended meeting, newest first."""
    lang = context.lang
    items = []
    for meeting, count in data.meetings:
        day = meeting.started_at.date()
        title = meeting.title or words(lang, "meeting_on", date=date(lang, day))
        facts = esc(words(lang, "meeting_facts", people=len(meeting.attendees), decisions=count))
        items.append(f'<li><a href="{href(path, meeting_path(meeting.id))}">{line(title)}</a> '
                     f'<span class="note"><time datetime="{day.isoformat()}">{esc(date(lang, day))}</time> · {facts}</span></li>\n')
    inner = f'<ul class="list">\n{"".join(items)}</ul>\n' if items else f"<p>{esc(words(lang, 'no_meetings'))}</p>\n"
    body = [f"<h1>{esc(words(lang, 'meetings_title'))}</h1>\n", inner]
    return page(context, path, words(lang, "meetings_title"), body, section=path)


def minutes(data: MinutesPage, path: str, context: Context) -> bytearray:
    """One meeting's minutes."""
    lang = context.lang
    title, content = document.minutes(data.minutes, lang)
    known = {item.view.id for item in data.minutes.items}
    known.update(i for item in data.minutes.items for i in [*item.view.replaces, *item.view.successors])
    body = [f"<h1>{line(title)}</h1>\n", blocks.write(lang, path, content, known)]
    from consensus.site import MEETINGS

    return page(context, path, title, body, section=MEETINGS)


def summary(data: SummaryPage, path: str, context: Context) -> bytearray:
    """The latest pre-meeting summary, as ``consensus summary`` writes it today."""
    lang = context.lang
    title, content = document.summary(data.summary, lang)
    # The summary says when it was made; a page made every day says as of which day instead.
    content[0] = Para([("i", words(lang, "as_of", date=date(lang, context.today)))])
    s = data.summary
    known = {p.view.id for p in s.open_proposals} | {c.view.id for c in s.changes} | {d.view.id for d in s.due_for_review}
    known |= {o.id for p in s.open_proposals for o in p.replaces}
    known |= {o.id for c in s.changes for o in c.replaced} | {c.successor.id for c in s.changes if c.successor}
    known |= {o.id for c in s.changes for o in c.also_by} | {view.id for view, _v, _o in s.open_objections}
    known |= {v.id for c in s.to_choose for v in (c.view, *c.in_force)}
    body = [f"<h1>{line(title)}</h1>\n", blocks.write(lang, path, content, known)]
    return page(context, path, title, body, section=path)


def _table(lang: str, caption: str, people: list[Participant], mark_quiet: bool) -> str:
    heads = [words(lang, "person"), words(lang, "col_proposals"), words(lang, "consents"),
             words(lang, "col_objections"), words(lang, "col_concerns"), words(lang, "stood_aside"),
             words(lang, "col_meetings")]
    head = "".join(f'<th scope="col">{esc(h)}</th>' for h in heads)
    rows = []
    for p in sorted(people, key=lambda p: (not p.member, p.name.casefold())):
        notes = []
        if not p.member:
            notes.append(words(lang, "not_member"))
        if mark_quiet and p.member and not p.heard:
            notes.append(words(lang, "not_heard"))
        note = f' <span class="{"bad" if mark_quiet and not p.heard else "note"}">({esc(", ".join(notes))})</span>' if notes else ""
        cells = [p.proposals, p.consents, p.objections, p.concerns, p.stand_asides, p.meetings]
        tds = "".join(f'<td data-label="{esc(h)}">{n}</td>' for h, n in zip(heads[1:], cells, strict=True))
        quiet = ' class="quiet"' if mark_quiet and p.member and not p.heard else ""
        rows.append(f'<tr{quiet}><th scope="row">{line(p.name)}{note}</th>{tds}</tr>\n')
    return (f'<table class="people">\n<caption>{esc(caption)}</caption>\n<thead><tr>{head}</tr></thead>\n'
            f'<tbody>\n{"".join(rows)}</tbody>\n</table>\n')


def participation(data: ParticipationPage, path: str, context: Context) -> bytearray:
    """Who took part how, in the last year and since the register began."""
    lang = context.lang
    title = words(lang, "participation_title")
    body = [f"<h1>{esc(title)}</h1>\n", f'<p class="lead">{esc(words(lang, "participation_intro"))}</p>\n']
    if not data.everyone:
        body.append(f"<p>{esc(words(lang, 'nobody_yet'))}</p>\n")
    else:
        recent = fill(lang, "since_date", date=esc(date(lang, data.since)))
        body.append(f'<section aria-labelledby="recent"><h2 id="recent">{recent}</h2>\n'
                    f'{_table(lang, words(lang, "since_date", date=date(lang, data.since)), data.recent, True)}</section>\n')
        body.append(f'<section aria-labelledby="all"><h2 id="all">{esc(words(lang, "since_start"))}</h2>\n'
                    f'{_table(lang, words(lang, "since_start"), data.everyone, False)}</section>\n')
    return page(context, path, title, body, section=path)
