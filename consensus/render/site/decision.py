"""A decision's page: its text, status and links first, then every version with its why, its
change from the one before and its consent round, then everything that happened, in order."""

from __future__ import annotations

from consensus.models import Event
from consensus.render.i18n import date, names, words
from consensus.replay import DecisionView, Objection, Remark, VersionView
from consensus.rows import is_due
from consensus.site import LINEAGE, START, Context, DecisionPage, meeting_path

from .blocks import diff, text
from .layout import decision_link, esc, fill, href, line, page, status_badge, tag_anchor


def _day(lang: str, at: object) -> str:
    import datetime as dt

    assert isinstance(at, dt.datetime | dt.date)
    day = at.date() if isinstance(at, dt.datetime) else at
    return f'<time datetime="{day.isoformat()}">{esc(date(lang, day))}</time>'


def _meeting(lang: str, path: str, data: DecisionPage, meeting_id: str | None) -> str:
    """ ", in the meeting X" with a link to its minutes, when the step was taken in one."""
    meeting = data.meetings.get(meeting_id) if meeting_id else None
    if meeting is None:
        return ""
    title = meeting.title or words(lang, "meeting_on", date=date(lang, meeting.started_at.date()))
    link = f'<a href="{href(path, meeting_path(meeting.id))}">{line(title)}</a>'
    return " " + fill(lang, "in_meeting", title=link)


def _facts(lang: str, path: str, data: DecisionPage, context: Context) -> str:
    view = data.view
    rows = [(words(lang, "status"), status_badge(lang, view.status)), (words(lang, "decision_id"), f'<code class="id">{esc(view.id)}</code>')]
    current = view.current
    if current is not None and current.adopted_at is not None and view.status == "active":
        rows.append((words(lang, "in_force"),
                     fill(lang, "in_force_since", n=str(current.number), date=_day(lang, current.adopted_at))))
    if view.review_by is not None:
        due = ""
        if is_due(view.status, view.review_by, context.today):
            due = f' <span class="bad">({esc(words(lang, "due_now"))})</span>'
        rows.append((words(lang, "review_label"), _day(lang, view.review_by) + due))
    if view.ended_at is not None:
        rows.append((words(lang, view.status), _day(lang, view.ended_at)
                     + (f" — {esc(view.ended_why)}" if view.ended_why and view.ended_why not in ("superseded", "retired") else "")))
    if view.replaces:
        rows.append((words(lang, "replaces"), ", ".join(_other(lang, path, data, i) for i in view.replaces)))
    for label, others in (("partly_replaces", view.partly_replaces), ("amends", view.amends)):
        if others:
            rows.append((words(lang, label), ", ".join(_other(lang, path, data, i) for i in others)))
    if view.successors:
        rows.append((words(lang, "superseded_by"), ", ".join(_other(lang, path, data, i) for i in view.successors)))
    if view.tags:  # the start page groups by tag what is in force: only that has a place there
        rows.append((words(lang, "tags"), ", ".join(
            f'<a href="{href(path, START)}#{esc(tag_anchor(t))}">{line(t)}</a>' if view.status == "active" else line(t)
            for t in view.tags)))
    rows.append((words(lang, "first_proposed"), esc(view.proposed_by) + ", " + _day(lang, view.created_at)))
    if view.source:
        rows.append((words(lang, "imported_from"), f"<code>{esc(view.source)}</code>"))
    if data.in_lineage:
        rows.append((words(lang, "nav_lineage"), f'<a href="{href(path, LINEAGE)}#d-{esc(view.id)}">{esc(words(lang, "see_lineage"))}</a>'))
    body = "".join(f"<dt>{esc(k)}</dt><dd>{v}</dd>" for k, v in rows)
    return f'<dl class="facts">{body}</dl>\n'


def _other(lang: str, path: str, data: DecisionPage, decision_id: str) -> str:
    other = data.related.get(decision_id)
    if other is None:
        return f'<code class="id">{esc(decision_id)}</code> ({esc(words(lang, "not_in_register"))})'
    return decision_link(path, other.id, other.title) + " " + status_badge(lang, other.status)


def _step(lang: str, data: DecisionPage) -> str:
    step = data.step
    if step is None:
        return ""
    if step.kind == "blocked":  # the step's own words are the command line's; the numbers say it here
        numbers = [str(o.number) for o in data.view.open.unresolved] if data.view.open else []
        said = ("bad", words(lang, "blocked", count=len(numbers), numbers=", ".join(numbers)))
    elif step.kind == "waiting":
        said = ("warn", words(lang, "waiting", names=names(lang, step.missing)))
    elif step.kind == "ready":
        said = ("ok", words(lang, "ready"))
    elif step.kind == "overlooked":
        numbers = [str(n) for n in step.numbers]
        said = ("warn", words(lang, "step_overlooked", count=len(numbers), numbers=names(lang, numbers)))
    elif step.kind == "choose":
        parts = []
        for c in step.competing:
            others = names(lang, [i for i in c.in_force if i != data.view.id])
            parts.append(words(lang, "step_choose", ids=others) if c.replaced == data.view.id
                         else words(lang, "step_choose_other", old=c.replaced, ids=others))
        said = ("warn", " ".join([*parts, words(lang, "choose_how")]))
    else:
        return ""
    return f'<p class="step {said[0]}">{esc(said[1])}</p>\n'


def _remark(lang: str, label: str, remark: Remark) -> str:
    reason = f" — {esc(remark.reason)}" if remark.reason else ""
    return f"<li><strong>{esc(label)}:</strong> {line(remark.by)}{reason} ({_day(lang, remark.at)})</li>"


def _objection(lang: str, o: Objection) -> str:
    head = f"<strong>{esc(words(lang, 'objection', n=o.number))}:</strong> {line(o.by)} — {esc(o.reason)} ({_day(lang, o.at)})"
    if o.resolved:
        by, when = o.resolved_by or "", date(lang, (o.resolved_at or o.at).date())
        said = (words(lang, "resolved_how", by=by, date=when, how=o.resolution) if o.resolution
                else words(lang, "resolved_plain", by=by, date=when))
        state = f'<span class="ok">{esc(said)}</span>'
    else:
        state = f'<span class="bad">{esc(words(lang, "unresolved"))}</span>'
    if o.overlooked_by is not None:
        state += f' · <span class="warn">{esc(words(lang, "overlooked", n=o.overlooked_by))}</span>'
    return f"<li>{head}<br>{state}</li>"


def _round(lang: str, v: VersionView) -> str:
    items = [f"<li><strong>{esc(words(lang, 'consents'))}:</strong> "
             f"{line(names(lang, v.consents)) or esc(words(lang, 'none_yet'))}</li>"]
    items += [_remark(lang, words(lang, "stood_aside"), r) for r in v.stand_asides]
    items += [_objection(lang, o) for o in v.objections]
    items += [_remark(lang, words(lang, "concern"), r) for r in v.concerns]
    return f'<h4>{esc(words(lang, "consent_round"))}</h4>\n<ul class="round">{"".join(items)}</ul>\n'


def _state(lang: str, view: DecisionView, v: VersionView) -> str:
    if v.state == "adopted" and view.status != "active":
        return words(lang, "state_ended")
    return words(lang, f"state_{v.state}")


def _version(lang: str, path: str, data: DecisionPage, v: VersionView, before: VersionView | None) -> str:
    view = data.view
    out = [f'<section class="version" aria-labelledby="v{v.number}">\n'
           f'<h3 id="v{v.number}">{esc(words(lang, "version_title", n=v.number, state=_state(lang, view, v)))}</h3>\n']
    if v.title != view.title:
        out.append(f'<p class="vtitle">{line(v.title)}</p>\n')
    proposed = fill(lang, "proposed_by", by=line(v.proposed_by), date=_day(lang, v.proposed_at))
    out.append(f'<p class="i">{proposed}{_meeting(lang, path, data, v.meeting)}.</p>\n')
    if v.why:
        out.append(f'<p><strong>{esc(words(lang, "why_better"))}:</strong> {esc(v.why)}</p>\n')
    if before is not None:
        label = words(lang, "diff_from", old=words(lang, "version", n=before.number), new=words(lang, "version", n=v.number))
        out.append(diff(lang, before.text, v.text, label))
    elif v.number == 1 and view.replaces and any(i in data.related for i in view.replaces):
        replaced = [data.related[i] for i in view.replaces if i in data.related]
        old = "\n\n".join((r.current or r.latest).text for r in replaced)
        label = words(lang, "diff_from", old=", ".join(r.id for r in replaced), new=words(lang, "version", n=v.number))
        out.append(diff(lang, old, v.text, label))
    elif v is (view.current or view.latest):  # shown in full at the top of the page
        out.append(f'<p class="i">{esc(words(lang, "text_above"))}</p>\n')
    else:
        out.append(text(v.text))
    out.append(_round(lang, v))
    if v.adopted_at is not None:
        said = fill(lang, "adopted_on", date=_day(lang, v.adopted_at), by=line(v.adopted_by or ""))
        out.append(f"<p>{said}</p>\n")
        if v.forced:
            out.append(f'<p class="bad">{esc(words(lang, "forced", why=v.adopted_why or ""))}</p>\n')
    elif v.closed_at is not None and v.state in ("rejected", "withdrawn"):
        said = fill(lang, "closed_on", state=esc(words(lang, v.state)), date=_day(lang, v.closed_at))
        # The replay's own reasons (an ending, a retraction) are said in words here, not its English.
        why = v.closed_why if v.closed_why not in (None, "superseded", "retired", "taken back") else None
        if v.closed_why == "taken back":
            why = words(lang, "taken_back")
        out.append(f"<p>{said}" + (f" {esc(why)}" if why else "") + "</p>\n")
    out.append("</section>\n")
    return "".join(out)


def _event(lang: str, path: str, data: DecisionPage, index: int, e: Event, revisions: set[int | None]) -> str:
    number = e.number if e.number is not None else e.objection
    kind = "revised" if e.kind == "amended" and e.version in revisions else e.kind
    said = fill(lang, f"ev_{kind}", by=line(e.by), n=str(e.version), number=str(number))
    if e.resolves:
        numbers = ", ".join(map(str, e.resolves))
        said += " · " + esc(words(lang, "resolves", count=len(e.resolves), numbers=numbers))
    if index in data.view.taken_back:
        said = f'<span class="undone">{said}</span> ({esc(words(lang, "taken_back"))})'
    detail = e.reason or e.how or e.why or e.note
    if e.kind == "superseded" and e.superseded_by:
        detail = None
        said += ": " + _other(lang, path, data, e.superseded_by)
    if e.kind in ("adopted", "reviewed") and e.review_by:
        said += " · " + esc(words(lang, "next_review", date=date(lang, e.review_by)))
    extra = f" — {esc(detail)}" if detail and detail not in ("superseded", "retired") else ""
    met = _meeting(lang, path, data, e.meeting)
    return f"<li>{_day(lang, e.at)} · {said}{extra}{' ·' + met if met else ''}</li>"


def render(data: DecisionPage, path: str, context: Context) -> bytearray:
    """The decision's page."""
    lang, view = context.lang, data.view
    body = [f"<h1>{line(view.title)}</h1>\n", _facts(lang, path, data, context), _step(lang, data)]
    shown = view.current or view.latest
    heading = ("text_in_force" if view.status == "active" else "last_text" if view.current else "proposed_text")
    body.append(f'<section aria-labelledby="text"><h2 id="text">{esc(words(lang, heading))}</h2>\n{text(shown.text)}</section>\n')
    if view.open is not None and view.current is not None:
        proposal = view.open
        body.append(f'<section aria-labelledby="open"><h2 id="open">{esc(words(lang, "open_proposal", n=proposal.number))}</h2>\n')
        if proposal.why:
            body.append(f'<p><strong>{esc(words(lang, "why_better"))}:</strong> {esc(proposal.why)}</p>\n')
        label = words(lang, "diff_from", old=words(lang, "version", n=view.current.number),
                      new=words(lang, "version", n=proposal.number))
        body.append(diff(lang, view.current.text, proposal.text, label) + "</section>\n")
    body.append(f'<section aria-labelledby="versions"><h2 id="versions">{esc(words(lang, "versions"))}</h2>\n')
    for index in range(len(view.versions) - 1, -1, -1):
        before = view.versions[index - 1] if index else None
        body.append(_version(lang, path, data, view.versions[index], before))
    body.append("</section>\n")
    revisions = {v.revised_by for v in view.versions}
    events = "".join(_event(lang, path, data, i, e, revisions) for i, e in enumerate(view.history))
    body.append(f'<section aria-labelledby="timeline"><h2 id="timeline">{esc(words(lang, "timeline"))}</h2>\n'
                f'<ol class="timeline">{events}</ol></section>\n')
    return page(context, path, view.title, body)
