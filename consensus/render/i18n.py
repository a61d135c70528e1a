"""The words of documents (summaries, minutes, the site): written in English here, translated
from the gettext catalogue into the language each document is asked for."""

from __future__ import annotations

import datetime as dt

from consensus.language import N_, in_, long_day

LANGUAGES = ("en", "de")

_WORDS: dict[str, str] = {
    "summary": N_("Summary before the next meeting"),
    "generated": N_("Generated {date}."),
    "since_meeting": N_("the meeting “{title}” on {date}"),
    "open_proposals": N_("Open proposals"),
    "open_objections": N_("Unresolved objections"),
    "changes": N_("Changes since {since}"),
    "due_for_review": N_("Due for review"),
    "due_intro": N_("Decisions whose review date falls before the next meeting ({date})."),
    "all_quiet": N_("Nothing is open, nothing changed and nothing is due."),
    "new_decision": N_("new decision"),
    "amendment": N_("amendment of version {n}"),
    "version": N_("version {n}"),
    "proposed_by": N_("Proposed by {by} on {date}"),
    "proposer": N_("Proposed by"),
    "why_better": N_("Why it is better"),
    "replaces": N_("Replaces"),
    "superseded_by": N_("Superseded by"),
    "consents": N_("Consents"),
    "none_yet": N_("none yet"),
    "no_consents": N_("no consents recorded"),
    "stood_aside": N_("Stood aside"),
    "objection": N_("Objection {n}"),
    "resolved": N_("resolved"),
    "unresolved": N_("unresolved"),
    "concern": N_("Concern"),
    "ready": N_("Ready to adopt."),
    "blocked": N_("Blocked by objection {numbers}."),
    "blocked_many": N_("Blocked by objections {numbers}."),
    "stale": N_("What it replaces is no longer in force: {ids}."),
    "waiting": N_("Still to be heard: {names}."),
    "raised_by": N_("raised by {by} on {date}"),
    "overlooked": N_("not seen by the adoption of version {n}"),
    "to_choose": N_("Competing replacements"),
    "choose_intro": N_("Replaced twice at once, on two copies of the register. In force in its place:"),
    "choose_how": N_("The group chooses: retire what it does not keep, or adopt one decision that replaces them."),
    "still_in_force": N_("itself still in force (its file does not record the replacement)"),
    "adopted_on_by": N_("adopted on {date} by {by}"),
    "also_replaced": N_("{old} was replaced at the same time by {others} too, on another copy of the register."),
    "step_overlooked": N_("Objection {numbers} came with a merge: the adoption did not see it. It stays open until "
                          "it is resolved or a new version takes it up."),
    "step_overlooked_many": N_("Objections {numbers} came with a merge: the adoption did not see them. They stay open "
                               "until they are resolved or a new version takes them up."),
    "step_choose": N_("Replaced twice at once: in force in its place are {ids}."),
    "step_choose_other": N_("{old}, which it replaces, was replaced twice at once: also in force in its place: {ids}."),
    "adopted": N_("Adopted"),
    "superseded": N_("Superseded"),
    "retired": N_("Retired"),
    "rejected": N_("Rejected"),
    "withdrawn": N_("Withdrawn"),
    "reviewed": N_("Reviewed"),
    "open": N_("Still open"),
    "discussed": N_("Discussed"),
    "on_by": N_("on {date} by {by}"),
    "forced": N_("Adopted over the rule (--force): {why}"),
    "review_by": N_("Review by {date}"),
    "overdue": N_("overdue since {date}"),
    "due_on": N_("due {date}"),
    "no_concerns": N_("No concerns recorded."),
    "coarse_diff": N_("The texts are long: changed lines are shown whole, old then new, not word by word."),
    "text": N_("Text"),
    "minutes": N_("Minutes"),
    "attendees": N_("Attendees"),
    "guests": N_("Guests"),
    "note": N_("Note"),
    "nobody": N_("nobody recorded"),
    "meeting_open": N_("still in progress"),
    "nothing_recorded": N_("Nothing was recorded in this meeting."),
    "why": N_("Why"),
    "next_review": N_("Next review by {date}"),
    "skip": N_("Skip to the content"),
    "site_nav": N_("Pages of the register"),
    "nav_decisions": N_("Decisions"),
    "nav_meetings": N_("Meetings"),
    "nav_summary": N_("Summary"),
    "nav_participation": N_("Participation"),
    "nav_lineage": N_("Lineage"),
    "footer": N_("A register of living decisions, made with consensus. Every decision keeps its history."),
    "as_of": N_("As of {date}"),
    "find": N_("Find decisions"),
    "search": N_("Search"),
    "search_hint": N_("Words from the title, text or tags"),
    "show": N_("Show"),
    "everything": N_("everything"),
    "all_tags": N_("all tags"),
    "tag": N_("Tag"),
    "tags": N_("Tags"),
    "matches_none": N_("No decision matches."),
    "matches": N_("One decision matches."),
    "matches_many": N_("{n} decisions match."),
    "in_force": N_("In force"),
    "by_tag": N_("By tag"),
    "untagged": N_("Without a tag"),
    "archive": N_("Archive"),
    "archive_intro": N_("Decisions that were replaced or ended, and proposals that were not adopted."),
    "nothing_in_force": N_("Nothing is in force yet."),
    "status": N_("Status"),
    "decision_id": N_("Id"),
    "in_force_since": N_("version {n}, since {date}"),
    "review_label": N_("Review by"),
    "ended_on": N_("on {date}"),
    "proposed_on": N_("{by}, on {date}"),
    "first_proposed": N_("Proposed by"),
    "imported_from": N_("Imported from"),
    "due_now": N_("due for review"),
    "see_lineage": N_("see the drawing"),
    "not_in_register": N_("not in the register"),
    "text_in_force": N_("Text in force"),
    "last_text": N_("Last text in force"),
    "proposed_text": N_("Proposed text"),
    "open_proposal": N_("Open proposal: version {n}"),
    "versions": N_("Versions"),
    "text_above": N_("Its text is the one shown above."),
    "version_title": N_("Version {n}: {state}"),
    "state_open": N_("open"),
    "state_adopted": N_("in force"),
    "state_replaced": N_("replaced by a later version"),
    "state_rejected": N_("rejected"),
    "state_withdrawn": N_("withdrawn"),
    "state_revised": N_("improved in its round"),
    "state_ended": N_("last in force"),
    "in_meeting": N_("in the meeting {title}"),
    "diff_from": N_("Changes from {old} to {new}"),
    "diff_legend": N_("Struck through: taken out. Underlined: added."),
    "diff_same": N_("The text did not change."),
    "replaced_texts": N_("the text it replaces"),
    "consent_round": N_("Consent round"),
    "resolved_how": N_("resolved by {by} on {date}: {how}"),
    "resolved_plain": N_("resolved by {by} on {date}"),
    "adopted_on": N_("Adopted on {date} by {by}."),
    "closed_on": N_("{state} on {date}."),
    "timeline": N_("Timeline"),
    "ev_proposed": N_("{by} proposed version {n}"),
    "ev_amended": N_("{by} proposed version {n}"),
    "ev_consented": N_("{by} consented to version {n}"),
    "ev_objected": N_("{by} raised objection {number}"),
    "ev_resolved": N_("{by} resolved objection {number}"),
    "ev_stood_aside": N_("{by} stood aside"),
    "ev_concern_raised": N_("{by} raised a concern"),
    "ev_adopted": N_("{by} adopted version {n}"),
    "ev_rejected": N_("{by} rejected version {n}"),
    "ev_withdrawn": N_("{by} withdrew version {n}"),
    "ev_superseded": N_("replaced by a new decision"),
    "ev_retired": N_("{by} retired the decision"),
    "ev_reviewed": N_("{by} reviewed it: it still stands"),
    "ev_revised": N_("{by} improved the proposal into version {n}"),
    "ev_retracted": N_("{by} took back an earlier step"),
    "taken_back": N_("taken back"),
    "resolves": N_("resolves objection {numbers}"),
    "resolves_many": N_("resolves objections {numbers}"),
    "meetings_title": N_("Meetings"),
    "no_meetings": N_("No meeting has been recorded yet."),
    "meeting_on": N_("Meeting on {date}"),
    "meeting_facts": N_("Present: {people} · Decisions dealt with: {decisions}"),
    "participation_title": N_("Who took part"),
    "participation_intro": N_("Proposals, consents, objections, concerns and stand-asides per person, and the meetings each attended. Everyone should be heard, the quiet ones too."),
    "since_date": N_("Since {date}"),
    "since_start": N_("Since the register began"),
    "person": N_("Person"),
    "col_proposals": N_("Proposals"),
    "col_objections": N_("Objections"),
    "col_concerns": N_("Concerns"),
    "col_meetings": N_("Meetings"),
    "not_heard": N_("not heard"),
    "not_member": N_("not a member"),
    "nobody_yet": N_("Nobody has taken part yet."),
    "lineage_title": N_("What replaced what"),
    "lineage_intro": N_("Each drawing shows decisions that replaced or amended one another, the oldest at the top. An arrow leads from a decision to the one that replaced it; a dashed one to a proposal that would replace it; a dotted one to a decision that replaced it in part or amended it. Below each drawing the same in words."),
    "lineage_none": N_("No decision has replaced another yet."),
    "lineage_drawing": N_("Drawing of the lineage of {title}"),
    "lineage_steps": N_("In words"),
    "replaced_by_line": N_("{old} was replaced by {new}"),
    "would_replace_line": N_("{new} would replace {old}"),
    "partly_line": N_("{old} was partly replaced by {new}"),
    "amended_line": N_("{old} was amended by {new}"),
    "partly_replaces": N_("Partly replaces"),
    "amends": N_("Amends"),
}

STATUS = {
    "proposed": N_("proposed"),
    "active": N_("in force"),
    "superseded": N_("superseded"),
    "retired": N_("retired"),
    "rejected": N_("rejected"),
    "withdrawn": N_("withdrawn"),
}
"""How documents name each status (the catalogue has them in German)."""


def words(lang: str, key: str, count: int | None = None, **values: object) -> str:
    """The phrase ``key`` in ``lang``, with ``values`` filled in; with ``count`` other than one,
    the phrase ``key_many`` where there is one."""
    if count is not None and count != 1 and f"{key}_many" in _WORDS:
        key = f"{key}_many"
    return in_(lang, _WORDS[key]).format(**values)


def template(lang: str, key: str) -> str:
    """The phrase ``key`` in ``lang`` with its places ({name}) not filled in."""
    return in_(lang, _WORDS[key])


def status(lang: str, value: str) -> str:
    """A decision's status as documents name it ("in force", "abgelöst")."""
    return in_(lang, STATUS.get(value, value))


def date(lang: str, day: dt.date) -> str:
    """A date as documents write it: 2026-11-24, or in German 24. November 2026."""
    return long_day(day, lang) if lang == "de" else day.isoformat()


def moment(lang: str, at: dt.datetime) -> str:
    """A date and time as documents write them."""
    return f"{date(lang, at.date())}, {at.strftime('%H:%M')}"


def names(lang: str, people: list[str]) -> str:
    """A list of names joined as the language does: A, B and C."""
    if len(people) <= 1:
        return "".join(people)
    return ", ".join(people[:-1]) + in_(lang, " and ") + people[-1]
