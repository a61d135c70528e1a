"""Summaries and minutes laid out once, as blocks that each format writes in its own way.

User text never carries markup here: every string is literal, and each writer escapes it for
its format. That is what makes a title full of ``<script>`` or ``**`` safe everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from consensus.models import Event
from consensus.replay import Objection, Remark, VersionView
from consensus.reports import Change, Choice, Due, Minutes, OpenProposal, Summary

from .i18n import date, moment, names, status, words
from .style import Span


@dataclass
class Heading:
    """A heading of level 1 to 3."""

    level: int
    text: str
    anchor: str | None = None


@dataclass
class Para:
    """A paragraph of styled spans."""

    spans: list[Span]


@dataclass
class Quote:
    """A decision's text, shown as written."""

    text: str


@dataclass
class Diff:
    """How a text changed."""

    old: str
    new: str
    old_label: str
    new_label: str


@dataclass
class Items:
    """A bullet list; each item is a line of spans."""

    items: list[list[Span]] = field(default_factory=list)


Block = Heading | Para | Quote | Diff | Items


def _ref(view_id: str, title: str) -> list[Span]:
    return [("", title), ("", " "), ("code", view_id)]


def _remarks(lang: str, label: str, remarks: list[Remark]) -> list[list[Span]]:
    return [
        [("b", f"{label}: "), ("", r.by + (f" — {r.reason}" if r.reason else ""))] for r in remarks
    ]


def _objection(lang: str, o: Objection) -> list[Span]:
    spans: list[Span] = [("b", words(lang, "objection", n=o.number) + ": "), ("", f"{o.by} — {o.reason} ")]
    if o.resolved:
        spans.append(("ok", f"({words(lang, 'resolved')}" + (f": {o.resolution})" if o.resolution else ")")))
    else:
        spans.append(("bad", f"({words(lang, 'unresolved')})"))
    return spans + _overlooked(lang, o)


def _overlooked(lang: str, o: Objection) -> list[Span]:
    """The mark of an objection that an adoption did not see (a merge brought it)."""
    return [("warn", " · " + words(lang, "overlooked", n=o.overlooked_by))] if o.overlooked_by is not None else []


def _proposal(lang: str, p: OpenProposal) -> list[Block]:
    v = p.version
    kind = words(lang, "amendment", n=p.current.number) if p.current else words(lang, "new_decision")
    blocks: list[Block] = [
        Heading(3, v.title, p.view.id),
        Para([("code", p.view.id), ("i", f" · {kind} · {words(lang, 'version', n=v.number)} · "
                                        + words(lang, "proposed_by", by=v.proposed_by, date=date(lang, v.proposed_at.date())))]),
    ]
    if p.replaces:
        blocks.append(Para([("b", words(lang, "replaces") + ": ")] + _join([_ref(o.id, o.title) for o in p.replaces])))
    if v.why:
        blocks.append(Para([("b", words(lang, "why_better") + ": "), ("", v.why)]))
    if p.current is not None:
        blocks.append(Diff(p.current.text, v.text, f"{p.view.id} v{p.current.number}", f"{p.view.id} v{v.number}"))
    else:
        blocks.append(Quote(v.text))
    blocks.append(Items(_round(lang, v)))
    if p.blocked_by or p.stale:
        numbers = [str(o.number) for o in p.blocked_by]
        status: Span = ("bad", words(lang, "blocked", count=len(numbers), numbers=names(lang, numbers))
                        if numbers else words(lang, "stale", ids=names(lang, p.stale)))
    elif p.missing:
        status = ("warn", words(lang, "waiting", names=names(lang, p.missing)))
    else:
        status = ("ok", words(lang, "ready"))
    blocks.append(Para([status]))
    return blocks


def _round(lang: str, v: VersionView, proposer: bool = False) -> list[list[Span]]:
    """A version's consent round: (who proposed it,) who consents (each once), stood aside,
    objected (and how it was resolved), raised a concern. An adopted version without consents
    says so: no round was held."""
    nobody = words(lang, "none_yet") if v.state == "open" else words(lang, "no_consents")
    items: list[list[Span]] = []
    if proposer:
        items.append([("b", words(lang, "proposer") + ": "), ("", v.proposed_by),
                      ("i", f" ({date(lang, v.proposed_at.date())})")])
    items.append([("b", words(lang, "consents") + ": "), ("", names(lang, v.consents) or nobody)])
    items += _remarks(lang, words(lang, "stood_aside"), v.stand_asides)
    items += [_objection(lang, o) for o in v.objections]
    items += _remarks(lang, words(lang, "concern"), v.concerns)
    return items


def _join(parts: list[list[Span]]) -> list[Span]:
    out: list[Span] = []
    for index, part in enumerate(parts):
        if index:
            out.append(("", ", "))
        out.extend(part)
    return out


def change(lang: str, c: Change, level: int = 3, say_kind: bool = True) -> list[Block]:
    """One adoption or ending, told once: an adoption with the version adopted, why it is better,
    the text change it made, and its consent round."""
    title = c.version.title if c.version else c.view.title
    when = words(lang, "on_by", date=date(lang, c.event.at.date()), by=c.event.by)
    version_label = ([("i", f" · {words(lang, 'version', n=c.version.number)}")]
                     if c.version and c.kind != "superseded" else [])
    blocks: list[Block] = [
        Heading(level, f"{words(lang, c.kind)}: {title}" if say_kind else title, c.view.id),
        Para([("code", c.view.id), *version_label, ("i", f" · {when}")]),
    ]
    if c.kind == "adopted" and c.version is not None:
        v = c.version
        if v.adopted_at == c.event.at and v.forced:
            blocks.append(Para([("bad", words(lang, "forced", why=v.adopted_why or ""))]))
        if c.replaced:
            blocks.append(Para([("b", words(lang, "replaces") + ": ")] + _join([_ref(o.id, o.title) for o in c.replaced])))
            blocks += [Para([("warn", words(lang, "also_replaced", old=old.id,
                                            others=names(lang, [i for i in old.successors if i != c.view.id])))])
                       for old in c.replaced if any(i != c.view.id for i in old.successors)]
        if v.why:
            blocks.append(Para([("b", words(lang, "why_better") + ": "), ("", v.why)]))
        if c.old_text is not None:
            blocks.append(Diff(c.old_text, v.text, c.old_label or "", f"{c.view.id} v{v.number}"))
        else:
            blocks.append(Quote(v.text))
        if c.event.review_by:
            blocks.append(Para([("i", words(lang, "review_by", date=date(lang, c.event.review_by)))]))
        blocks.append(Items(_round(lang, v, proposer=True)))
    elif c.kind == "superseded" and c.successor is not None:
        blocks.append(Para([("b", words(lang, "superseded_by") + ": ")]
                           + _join([_ref(o.id, o.title) for o in sorted(
                               (c.successor, *c.also_by), key=lambda o: c.view.successors.index(o.id))])))
    elif c.event.why:
        blocks.append(Para([("b", words(lang, "why") + ": "), ("", c.event.why)]))
    return blocks


def _due(lang: str, d: Due) -> list[Block]:
    assert d.view.review_by is not None
    when = date(lang, d.view.review_by)
    state: Span = ("bad", words(lang, "overdue", date=when)) if d.overdue else ("warn", words(lang, "due_on", date=when))
    blocks: list[Block] = [
        Heading(3, d.version.title, d.view.id),
        Para([("code", d.view.id), ("i", f" · {words(lang, 'version', n=d.version.number)} · "), state]),
        Quote(d.version.text),
    ]
    if d.concerns:
        blocks.append(Items([
            [("b", words(lang, "concern") + ": "),
             ("", f"{r.by} — {r.reason} "), ("i", f"({date(lang, r.at.date())})")]
            for r in d.concerns
        ]))
    else:
        blocks.append(Para([("i", words(lang, "no_concerns"))]))
    return blocks


def _choice(lang: str, c: Choice) -> list[Block]:
    """A decision replaced twice at once, what is in force in its place, and what the group can do."""
    view = c.view
    items = []
    for other in c.in_force:
        line = _ref(other.id, other.title)
        current = other.current
        if other is view:
            line.append(("i", " — " + words(lang, "still_in_force")))
        elif current is not None and current.adopted_at is not None:
            line.append(("i", " — " + words(lang, "adopted_on_by", date=date(lang, current.adopted_at.date()),
                                              by=current.adopted_by or "")))
        items.append(line)
    return [
        Heading(3, view.title, view.id),
        Para([("code", view.id), ("i", f" · {status(lang, view.status)} · "), ("warn", words(lang, "choose_intro"))]),
        Items(items),
        Para([("", words(lang, "choose_how"))]),
    ]


def since_text(lang: str, s: Summary) -> str:
    """The cut-off as words: a meeting and its date, or a date."""
    if s.since_meeting is not None:
        return words(lang, "since_meeting", title=s.since_meeting.title, date=date(lang, s.since.date()))
    return date(lang, s.since.date())


def summary(s: Summary, lang: str) -> tuple[str, list[Block]]:
    """The summary's title and blocks; sections without content are left out."""
    title = f"{s.register}: {words(lang, 'summary')}"
    blocks: list[Block] = [Para([("i", words(lang, "generated", date=moment(lang, s.generated_at)))])]
    if s.open_proposals:
        blocks.append(Heading(2, words(lang, "open_proposals")))
        for p in s.open_proposals:
            blocks.extend(_proposal(lang, p))
    if s.open_objections:
        blocks.append(Heading(2, words(lang, "open_objections")))
        blocks.append(Items([
            _ref(view.id, version.title) + [("", " — "), ("b", words(lang, "objection", n=o.number) + ": "),
                                             ("", f"{o.by} — {o.reason} "),
                                             ("i", f"({words(lang, 'raised_by', by=o.by, date=date(lang, o.at.date()))})")]
            + _overlooked(lang, o)
            for view, version, o in s.open_objections
        ]))
    if s.to_choose:
        blocks.append(Heading(2, words(lang, "to_choose")))
        for choice in s.to_choose:
            blocks.extend(_choice(lang, choice))
    if s.changes:
        blocks.append(Heading(2, words(lang, "changes", since=since_text(lang, s))))
        for c in s.changes:
            blocks.extend(change(lang, c))
    if s.due_for_review:
        blocks.append(Heading(2, words(lang, "due_for_review")))
        blocks.append(Para([("i", words(lang, "due_intro", date=date(lang, s.next_meeting)))]))
        for d in s.due_for_review:
            blocks.extend(_due(lang, d))
    if len(blocks) == 1:
        blocks.append(Para([("", words(lang, "all_quiet"))]))
    return title, blocks


def minutes(m: Minutes, lang: str) -> tuple[str, list[Block]]:
    """A meeting's minutes: who came, and each decision it dealt with, once, as it ended."""
    meeting = m.meeting
    title = f"{words(lang, 'minutes')}: {meeting.title}"
    end = meeting.ended_at.strftime("%H:%M") if meeting.ended_at else words(lang, "meeting_open")
    blocks: list[Block] = [
        Para([("i", f"{m.register} · {moment(lang, meeting.started_at)}–{end}")]),
        Para([("b", words(lang, "attendees") + ": "),
              ("", names(lang, list(meeting.attendees)) or words(lang, "nobody"))]),
    ]
    if meeting.guests:
        blocks.append(Para([("b", words(lang, "guests") + ": "), ("", names(lang, list(meeting.guests)))]))
    shown = {item.view.id for item in m.items}
    loose = [n for n in meeting.notes if n.decision not in shown]
    if loose:
        blocks.append(Items([[("b", words(lang, "note") + ": "), ("", n.text)] for n in loose]))
    section = None
    for item in m.items:
        if item.outcome != section:
            section = item.outcome
            blocks.append(Heading(2, words(lang, item.outcome)))
        taken = [[("b", words(lang, "note") + ": "), ("", n.text)] for n in meeting.notes if n.decision == item.view.id]
        if item.change is not None:
            blocks.extend(change(lang, item.change, level=3, say_kind=False))
            if taken:
                blocks.append(Items(taken))
            continue
        version = item.version or item.view.latest
        in_force = item.view.current if item.view.current is not version else None
        if item.outcome == "open":
            kind = words(lang, "amendment", n=in_force.number) if in_force else words(lang, "new_decision")
        else:
            kind = status(lang, item.view.status)
        blocks.append(Heading(3, version.title, item.view.id))
        blocks.append(Para([("code", item.view.id),
                            ("i", f" · {words(lang, 'version', n=version.number)} · {kind}")]))
        if item.outcome == "open":
            blocks.append(Para([("i", words(lang, "proposed_by", by=version.proposed_by,
                                            date=date(lang, version.proposed_at.date())))]))
            if version.why:
                blocks.append(Para([("b", words(lang, "why_better") + ": "), ("", version.why)]))
            if in_force is not None:
                blocks.append(Diff(in_force.text, version.text, f"{item.view.id} v{in_force.number}",
                                   f"{item.view.id} v{version.number}"))
            else:
                blocks.append(Quote(version.text))
            blocks.append(Items(_round(lang, version)))
        else:
            blocks.extend(_meeting_notes(lang, item.events))
        if taken:
            blocks.append(Items(taken))
    if not m.items and not meeting.notes:
        blocks.append(Para([("", words(lang, "nothing_recorded"))]))
    return title, blocks


def _meeting_notes(lang: str, events: list[Event]) -> list[Block]:
    """What the meeting said about a decision it did not change: concerns, reviews, steps of
    before taken back."""
    items: list[list[Span]] = []
    for e in events:
        if e.kind == "concern_raised":
            items.append([("b", words(lang, "concern") + ": "), ("", f"{e.by} — {e.reason}")])
        elif e.kind == "retracted":  # of a step recorded before the meeting (a slip in it is no step)
            items.append([("", words(lang, "ev_retracted", by=e.by))])
        elif e.kind == "reviewed":
            line: list[Span] = [("b", words(lang, "reviewed") + ": "), ("", e.by)]
            if e.review_by:
                line.append(("i", " · " + words(lang, "next_review", date=date(lang, e.review_by))))
            if e.note:
                line.append(("", f" — {e.note}"))
            items.append(line)
    return [Items(items)] if items else []
