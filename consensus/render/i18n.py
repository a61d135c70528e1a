"""The words of summaries and minutes, in English and German."""

from __future__ import annotations

import datetime as dt

LANGUAGES = ("en", "de")

_WORDS: dict[str, dict[str, str]] = {
    "summary": {"en": "Summary before the next meeting", "de": "Zusammenfassung vor dem nächsten Treffen"},
    "generated": {"en": "Generated {date}.", "de": "Erstellt am {date}."},
    "since_meeting": {"en": "the meeting “{title}” on {date}", "de": "dem Treffen „{title}“ am {date}"},
    "open_proposals": {"en": "Open proposals", "de": "Offene Vorschläge"},
    "open_objections": {"en": "Unresolved objections", "de": "Offene Einwände"},
    "changes": {"en": "Changes since {since}", "de": "Änderungen seit {since}"},
    "due_for_review": {"en": "Due for review", "de": "Zur Überprüfung fällig"},
    "due_intro": {
        "en": "Decisions whose review date falls before the next meeting ({date}).",
        "de": "Entscheidungen, deren Überprüfung vor dem nächsten Treffen ({date}) ansteht.",
    },
    "all_quiet": {
        "en": "Nothing is open, nothing changed and nothing is due.",
        "de": "Nichts ist offen, nichts hat sich geändert, nichts ist fällig.",
    },
    "new_decision": {"en": "new decision", "de": "neue Entscheidung"},
    "amendment": {"en": "amendment of version {n}", "de": "Änderung von Version {n}"},
    "version": {"en": "version {n}", "de": "Version {n}"},
    "proposed_by": {"en": "Proposed by {by} on {date}", "de": "Vorgeschlagen von {by} am {date}"},
    "proposer": {"en": "Proposed by", "de": "Vorgeschlagen von"},
    "why_better": {"en": "Why it is better", "de": "Warum es besser ist"},
    "replaces": {"en": "Replaces", "de": "Löst ab"},
    "superseded_by": {"en": "Superseded by", "de": "Abgelöst durch"},
    "consents": {"en": "Consents", "de": "Zustimmungen"},
    "none_yet": {"en": "none yet", "de": "noch keine"},
    "no_consents": {"en": "no consents recorded", "de": "keine Zustimmung festgehalten"},
    "stood_aside": {"en": "Stood aside", "de": "Beiseite getreten"},
    "objection": {"en": "Objection {n}", "de": "Einwand {n}"},
    "resolved": {"en": "resolved", "de": "ausgeräumt"},
    "unresolved": {"en": "unresolved", "de": "offen"},
    "concern": {"en": "Concern", "de": "Bedenken"},
    "ready": {"en": "Ready to adopt.", "de": "Bereit zur Annahme."},
    "blocked": {"en": "Blocked by objection {numbers}.", "de": "Blockiert durch Einwand {numbers}."},
    "blocked_many": {"en": "Blocked by objections {numbers}.", "de": "Blockiert durch die Einwände {numbers}."},
    "stale": {"en": "What it replaces is no longer in force: {ids}.",
              "de": "Was er ablösen soll, ist nicht mehr in Kraft: {ids}."},
    "waiting": {"en": "Still to be heard: {names}.", "de": "Noch nicht gehört: {names}."},
    "raised_by": {"en": "raised by {by} on {date}", "de": "erhoben von {by} am {date}"},
    "adopted": {"en": "Adopted", "de": "Angenommen"},
    "superseded": {"en": "Superseded", "de": "Abgelöst"},
    "retired": {"en": "Retired", "de": "Beendet"},
    "rejected": {"en": "Rejected", "de": "Abgelehnt"},
    "withdrawn": {"en": "Withdrawn", "de": "Zurückgezogen"},
    "reviewed": {"en": "Reviewed", "de": "Überprüft"},
    "open": {"en": "Still open", "de": "Weiter offen"},
    "discussed": {"en": "Discussed", "de": "Besprochen"},
    "on_by": {"en": "on {date} by {by}", "de": "am {date} von {by}"},
    "forced": {"en": "Adopted over the rule (--force): {why}", "de": "Gegen die Regel angenommen (--force): {why}"},
    "review_by": {"en": "Review by {date}", "de": "Überprüfung bis {date}"},
    "overdue": {"en": "overdue since {date}", "de": "überfällig seit {date}"},
    "due_on": {"en": "due {date}", "de": "fällig am {date}"},
    "no_concerns": {"en": "No concerns recorded.", "de": "Keine Bedenken festgehalten."},
    "text": {"en": "Text", "de": "Text"},
    "minutes": {"en": "Minutes", "de": "Protokoll"},
    "attendees": {"en": "Attendees", "de": "Anwesend"},
    "guests": {"en": "Guests", "de": "Gäste"},
    "nobody": {"en": "nobody recorded", "de": "niemand eingetragen"},
    "meeting_open": {"en": "still in progress", "de": "läuft noch"},
    "nothing_recorded": {
        "en": "Nothing was recorded in this meeting.",
        "de": "In diesem Treffen wurde nichts festgehalten.",
    },
    "why": {"en": "Why", "de": "Begründung"},
    "next_review": {"en": "Next review by {date}", "de": "Nächste Überprüfung bis {date}"},
}

STATUS = {
    "en": {"proposed": "proposed", "active": "in force", "superseded": "superseded",
           "retired": "retired", "rejected": "rejected", "withdrawn": "withdrawn"},
    "de": {"proposed": "vorgeschlagen", "active": "in Kraft", "superseded": "abgelöst",
           "retired": "beendet", "rejected": "abgelehnt", "withdrawn": "zurückgezogen"},
}


def words(lang: str, key: str, count: int | None = None, **values: object) -> str:
    """The phrase ``key`` in ``lang``, with ``values`` filled in; with ``count`` other than one,
    the phrase ``key_many`` where there is one."""
    if count is not None and count != 1 and f"{key}_many" in _WORDS:
        key = f"{key}_many"
    return _WORDS[key][lang].format(**values)


def date(lang: str, day: dt.date) -> str:
    """A date as the language writes it: 2026-11-24, or 24.11.2026."""
    return day.strftime("%d.%m.%Y") if lang == "de" else day.isoformat()


def moment(lang: str, at: dt.datetime) -> str:
    """A date and time as the language writes it."""
    return f"{date(lang, at.date())}, {at.strftime('%H:%M')}"


def names(lang: str, people: list[str]) -> str:
    """A list of names joined as the language does: A, B and C."""
    if len(people) <= 1:
        return "".join(people)
    return ", ".join(people[:-1]) + (" und " if lang == "de" else " and ") + people[-1]
