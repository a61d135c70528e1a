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
    "coarse_diff": {
        "en": "The texts are long: changed lines are shown whole, old then new, not word by word.",
        "de": "Die Texte sind lang: geänderte Zeilen stehen ganz da, erst alt, dann neu, nicht Wort für Wort.",
    },
    "text": {"en": "Text", "de": "Text"},
    "minutes": {"en": "Minutes", "de": "Protokoll"},
    "attendees": {"en": "Attendees", "de": "Anwesend"},
    "guests": {"en": "Guests", "de": "Gäste"},
    "note": {"en": "Note", "de": "Notiz"},
    "nobody": {"en": "nobody recorded", "de": "niemand eingetragen"},
    "meeting_open": {"en": "still in progress", "de": "läuft noch"},
    "nothing_recorded": {
        "en": "Nothing was recorded in this meeting.",
        "de": "In diesem Treffen wurde nichts festgehalten.",
    },
    "why": {"en": "Why", "de": "Begründung"},
    "next_review": {"en": "Next review by {date}", "de": "Nächste Überprüfung bis {date}"},
    # the website (consensus site)
    "skip": {"en": "Skip to the content", "de": "Zum Inhalt springen"},
    "site_nav": {"en": "Pages of the register", "de": "Seiten des Registers"},
    "nav_decisions": {"en": "Decisions", "de": "Entscheidungen"},
    "nav_meetings": {"en": "Meetings", "de": "Treffen"},
    "nav_summary": {"en": "Summary", "de": "Zusammenfassung"},
    "nav_participation": {"en": "Participation", "de": "Beteiligung"},
    "nav_lineage": {"en": "Lineage", "de": "Ablösungen"},
    "footer": {
        "en": "A register of living decisions, made with consensus. Every decision keeps its history.",
        "de": "Ein Register lebendiger Entscheidungen, erstellt mit consensus. Jede Entscheidung behält ihre Geschichte.",
    },
    "as_of": {"en": "As of {date}", "de": "Stand: {date}"},
    "find": {"en": "Find decisions", "de": "Entscheidungen finden"},
    "search": {"en": "Search", "de": "Suchen"},
    "search_hint": {"en": "Words from the title, text or tags", "de": "Wörter aus Titel, Text oder Schlagwörtern"},
    "show": {"en": "Show", "de": "Zeigen"},
    "everything": {"en": "everything", "de": "alles"},
    "all_tags": {"en": "all tags", "de": "alle Schlagwörter"},
    "tag": {"en": "Tag", "de": "Schlagwort"},
    "tags": {"en": "Tags", "de": "Schlagwörter"},
    "matches_none": {"en": "No decision matches.", "de": "Keine Entscheidung passt."},
    "matches": {"en": "One decision matches.", "de": "Eine Entscheidung passt."},
    "matches_many": {"en": "{n} decisions match.", "de": "{n} Entscheidungen passen."},
    "in_force": {"en": "In force", "de": "In Kraft"},
    "by_tag": {"en": "By tag", "de": "Nach Schlagwort"},
    "untagged": {"en": "Without a tag", "de": "Ohne Schlagwort"},
    "archive": {"en": "Archive", "de": "Archiv"},
    "archive_intro": {
        "en": "Decisions that were replaced or ended, and proposals that were not adopted.",
        "de": "Abgelöste und beendete Entscheidungen, und Vorschläge, die nicht angenommen wurden.",
    },
    "nothing_in_force": {"en": "Nothing is in force yet.", "de": "Noch ist nichts in Kraft."},
    "status": {"en": "Status", "de": "Status"},
    "decision_id": {"en": "Id", "de": "Kennung"},
    "in_force_since": {"en": "version {n}, since {date}", "de": "Version {n}, seit {date}"},
    "review_label": {"en": "Review by", "de": "Überprüfung bis"},
    "ended_on": {"en": "on {date}", "de": "am {date}"},
    "proposed_on": {"en": "{by}, on {date}", "de": "{by}, am {date}"},
    "first_proposed": {"en": "Proposed by", "de": "Vorgeschlagen von"},
    "imported_from": {"en": "Imported from", "de": "Übernommen aus"},
    "due_now": {"en": "due for review", "de": "zur Überprüfung fällig"},
    "see_lineage": {"en": "see the drawing", "de": "siehe die Zeichnung"},
    "not_in_register": {"en": "not in the register", "de": "nicht im Register"},
    "text_in_force": {"en": "Text in force", "de": "Geltender Text"},
    "last_text": {"en": "Last text in force", "de": "Zuletzt geltender Text"},
    "proposed_text": {"en": "Proposed text", "de": "Vorgeschlagener Text"},
    "open_proposal": {"en": "Open proposal: version {n}", "de": "Offener Vorschlag: Version {n}"},
    "versions": {"en": "Versions", "de": "Fassungen"},
    "text_above": {"en": "Its text is the one shown above.", "de": "Ihr Text ist der oben gezeigte."},
    "version_title": {"en": "Version {n}: {state}", "de": "Version {n}: {state}"},
    "state_open": {"en": "open", "de": "offen"},
    "state_adopted": {"en": "in force", "de": "in Kraft"},
    "state_replaced": {"en": "replaced by a later version", "de": "durch eine spätere Fassung ersetzt"},
    "state_rejected": {"en": "rejected", "de": "abgelehnt"},
    "state_withdrawn": {"en": "withdrawn", "de": "zurückgezogen"},
    "state_revised": {"en": "improved in its round", "de": "in der Runde verbessert"},
    "state_ended": {"en": "last in force", "de": "zuletzt in Kraft"},
    "in_meeting": {"en": "in the meeting {title}", "de": "im Treffen {title}"},
    "diff_from": {"en": "Changes from {old} to {new}", "de": "Änderungen von {old} zu {new}"},
    "diff_legend": {
        "en": "Struck through: taken out. Underlined: added.",
        "de": "Durchgestrichen: gestrichen. Unterstrichen: hinzugefügt.",
    },
    "diff_same": {"en": "The text did not change.", "de": "Der Text hat sich nicht geändert."},
    "replaced_texts": {"en": "the text it replaces", "de": "den Text, den sie ablöst"},
    "consent_round": {"en": "Consent round", "de": "Zustimmungsrunde"},
    "resolved_how": {"en": "resolved by {by} on {date}: {how}", "de": "ausgeräumt von {by} am {date}: {how}"},
    "resolved_plain": {"en": "resolved by {by} on {date}", "de": "ausgeräumt von {by} am {date}"},
    "adopted_on": {"en": "Adopted on {date} by {by}.", "de": "Angenommen am {date} von {by}."},
    "closed_on": {"en": "{state} on {date}.", "de": "{state} am {date}."},
    "timeline": {"en": "Timeline", "de": "Verlauf"},
    "ev_proposed": {"en": "{by} proposed version {n}", "de": "{by} hat Version {n} vorgeschlagen"},
    "ev_amended": {"en": "{by} proposed version {n}", "de": "{by} hat Version {n} vorgeschlagen"},
    "ev_consented": {"en": "{by} consented to version {n}", "de": "{by} hat Version {n} zugestimmt"},
    "ev_objected": {"en": "{by} raised objection {number}", "de": "{by} hat Einwand {number} erhoben"},
    "ev_resolved": {"en": "{by} resolved objection {number}", "de": "{by} hat Einwand {number} ausgeräumt"},
    "ev_stood_aside": {"en": "{by} stood aside", "de": "{by} ist beiseite getreten"},
    "ev_concern_raised": {"en": "{by} raised a concern", "de": "{by} hat Bedenken geäußert"},
    "ev_adopted": {"en": "{by} adopted version {n}", "de": "{by} hat Version {n} angenommen"},
    "ev_rejected": {"en": "{by} rejected version {n}", "de": "{by} hat Version {n} abgelehnt"},
    "ev_withdrawn": {"en": "{by} withdrew version {n}", "de": "{by} hat Version {n} zurückgezogen"},
    "ev_superseded": {"en": "replaced by a new decision", "de": "durch eine neue Entscheidung abgelöst"},
    "ev_retired": {"en": "{by} retired the decision", "de": "{by} hat die Entscheidung beendet"},
    "ev_reviewed": {"en": "{by} reviewed it: it still stands", "de": "{by} hat sie überprüft: sie gilt weiter"},
    "ev_revised": {"en": "{by} improved the proposal into version {n}", "de": "{by} hat den Vorschlag zu Version {n} verbessert"},
    "ev_retracted": {"en": "{by} took back an earlier step", "de": "{by} hat einen früheren Schritt zurückgenommen"},
    "taken_back": {"en": "taken back", "de": "zurückgenommen"},
    "resolves": {"en": "resolves objection {numbers}", "de": "räumt Einwand {numbers} aus"},
    "resolves_many": {"en": "resolves objections {numbers}", "de": "räumt die Einwände {numbers} aus"},
    "meetings_title": {"en": "Meetings", "de": "Treffen"},
    "no_meetings": {"en": "No meeting has been recorded yet.", "de": "Noch wurde kein Treffen festgehalten."},
    "meeting_on": {"en": "Meeting on {date}", "de": "Treffen am {date}"},
    "meeting_facts": {"en": "Present: {people} · Decisions dealt with: {decisions}", "de": "Anwesend: {people} · Behandelte Entscheidungen: {decisions}"},
    "participation_title": {"en": "Who took part", "de": "Wer sich beteiligt hat"},
    "participation_intro": {
        "en": "Proposals, consents, objections, concerns and stand-asides per person, and the meetings each attended. Everyone should be heard, the quiet ones too.",
        "de": "Vorschläge, Zustimmungen, Einwände, Bedenken und Beiseitetreten je Person, und die Treffen, an denen sie teilnahm. Alle sollen gehört werden, auch die Stillen.",
    },
    "since_date": {"en": "Since {date}", "de": "Seit {date}"},
    "since_start": {"en": "Since the register began", "de": "Seit Beginn des Registers"},
    "person": {"en": "Person", "de": "Person"},
    "col_proposals": {"en": "Proposals", "de": "Vorschläge"},
    "col_objections": {"en": "Objections", "de": "Einwände"},
    "col_concerns": {"en": "Concerns", "de": "Bedenken"},
    "col_meetings": {"en": "Meetings", "de": "Treffen"},
    "not_heard": {"en": "not heard", "de": "nicht gehört"},
    "not_member": {"en": "not a member", "de": "kein Mitglied"},
    "nobody_yet": {"en": "Nobody has taken part yet.", "de": "Noch hat sich niemand beteiligt."},
    "lineage_title": {"en": "What replaced what", "de": "Was was abgelöst hat"},
    "lineage_intro": {
        "en": "Each drawing shows decisions that replaced or amended one another, the oldest at the top. An arrow leads from a decision to the one that replaced it; a dashed one to a proposal that would replace it; a dotted one to a decision that replaced it in part or amended it. Below each drawing the same in words.",
        "de": "Jede Zeichnung zeigt Entscheidungen, die einander abgelöst oder geändert haben, die älteste oben. Ein Pfeil führt von einer Entscheidung zu der, die sie abgelöst hat; ein gestrichelter zu einem Vorschlag, der sie ablösen würde; ein gepunkteter zu einer Entscheidung, die sie teilweise abgelöst oder geändert hat. Unter jeder Zeichnung steht dasselbe in Worten.",
    },
    "lineage_none": {"en": "No decision has replaced another yet.", "de": "Noch hat keine Entscheidung eine andere abgelöst."},
    "lineage_drawing": {"en": "Drawing of the lineage of {title}", "de": "Zeichnung der Ablösungen von {title}"},
    "lineage_steps": {"en": "In words", "de": "In Worten"},
    "replaced_by_line": {"en": "{old} was replaced by {new}", "de": "{old} wurde abgelöst durch {new}"},
    "would_replace_line": {"en": "{new} would replace {old}", "de": "{new} würde {old} ablösen"},
    "partly_line": {"en": "{old} was partly replaced by {new}", "de": "{old} wurde teilweise abgelöst durch {new}"},
    "amended_line": {"en": "{old} was amended by {new}", "de": "{old} wurde geändert durch {new}"},
    "partly_replaces": {"en": "Partly replaces", "de": "Löst teilweise ab"},
    "amends": {"en": "Amends", "de": "Ändert"},
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


def template(lang: str, key: str) -> str:
    """The phrase ``key`` in ``lang`` with its places ({name}) not filled in."""
    return _WORDS[key][lang]


def date(lang: str, day: dt.date) -> str:
    """A date as the language writes it: 2026-11-24, or 24.11.2026."""
    return f"{day.day:02d}.{day.month:02d}.{day.year:04d}" if lang == "de" else day.isoformat()


def moment(lang: str, at: dt.datetime) -> str:
    """A date and time as the language writes it."""
    return f"{date(lang, at.date())}, {at.strftime('%H:%M')}"


def names(lang: str, people: list[str]) -> str:
    """A list of names joined as the language does: A, B and C."""
    if len(people) <= 1:
        return "".join(people)
    return ", ".join(people[:-1]) + (" und " if lang == "de" else " and ") + people[-1]
