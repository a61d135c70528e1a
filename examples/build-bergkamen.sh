#!/usr/bin/env bash
# Builds examples/bergkamen with consensus itself, the way the note-taker would have recorded it.
# The dates follow the story of the steering group that became "Bergkamen for all"; the members'
# names are invented. Run from the repository root:  bash examples/build-bergkamen.sh
set -euo pipefail
cd "$(dirname "$0")"
rm -rf bergkamen
export CONSENSUS_DIR=$PWD/bergkamen CONSENSUS_USER=Sabine
at() { export CONSENSUS_NOW="$1"; }
c() { consensus "$@"; }

at 2019-05-09T17:00:00+02:00
consensus -C bergkamen init --name "Bergkamen for all" --lang de --rule consent --review-period 1y \
  --meeting-period 8w --member Sabine --member Aylin --member Jonas --member Fatma --member Marco \
  --member Yusuf --member Lea --member Dimitri

# -- 9 May 2019: the steering group meets for the first time, 30 people in the town hall ----------
at 2019-05-09T17:05:00+02:00
c meeting start --title "Erstes Treffen der Steuerungsgruppe im Rathaus" \
  --attendee Sabine --attendee Aylin --attendee Jonas --attendee Fatma --attendee Marco \
  --attendee Yusuf --attendee Lea --attendee Dimitri >/dev/null
at 2019-05-09T17:30:00+02:00
im=$(c propose "Wir bauen ein Integrationsmanagement auf" --tag grundlage --text "Die Steuerungsgruppe baut für Bergkamen ein Integrationsmanagement auf, das auf Dauer trägt.

Zuerst sammeln wir, wer sich in der Stadt schon für Integration einsetzt und welche Sichtweisen dabei noch fehlen.")
c consent "$im" --by Aylin --by Jonas --by Fatma --by Marco --by Yusuf --by Lea --by Dimitri >/dev/null
at 2019-05-09T17:45:00+02:00
c adopt "$im" --review-in 1y >/dev/null

at 2019-05-09T18:00:00+02:00
iv=$(c propose "Wir fragen die Stadt, was Integration bedeutet" --by Jonas --tag interviews --text "Wir führen Interviews mit Menschen aus Bergkamen über das, was Integration gelingen lässt, und über die Bedingungen dafür.

Jedes Interview beginnt mit derselben Frage: Was verstehen Sie unter Integration?")
c consent "$iv" --by Sabine --by Aylin --by Marco >/dev/null
at 2019-05-09T18:10:00+02:00
n=$(c object "$iv" --by Fatma --reason "Wenn wir nur Hauptamtliche fragen, hören wir wieder nur die Stimmen, die ohnehin gehört werden.")
at 2019-05-09T18:25:00+02:00
c resolve "$iv" "$n" --by Fatma --how "Wir fragen ausdrücklich auch Ehrenamtliche, Nachbarschaften und Menschen, die in keinem Verein und keiner Gemeinde aktiv sind. Der Text wird beim nächsten Treffen entsprechend ergänzt." >/dev/null
c consent "$iv" --by Fatma --by Yusuf --by Lea --by Dimitri >/dev/null
at 2019-05-09T18:30:00+02:00
c adopt "$iv" --review-in 6m >/dev/null
at 2019-05-09T19:00:00+02:00
c meeting end >/dev/null

# -- Autumn 2019: 50 interviews later -----------------------------------------------------------
at 2019-10-17T17:00:00+02:00
c meeting start --title "Auswertung der 50 Interviews" --attendee Sabine --attendee Aylin \
  --attendee Jonas --attendee Fatma --attendee Marco --attendee Lea >/dev/null
at 2019-10-17T17:10:00+02:00
c amend "$iv" --by Jonas --why "Setzt die Lösung von Fatmas Einwand in den Text um: gefragt werden nicht nur Fachleute." --text "Wir führen Interviews mit Menschen aus Bergkamen über das, was Integration gelingen lässt, und über die Bedingungen dafür. Wir fragen Hauptamtliche und Ehrenamtliche, Nachbarschaften, den Nachwuchs in Vereinen und ausdrücklich auch Menschen, die in keiner Selbstorganisation und keiner Gemeinde aktiv sind.

Jedes Interview beginnt mit derselben Frage: Was verstehen Sie unter Integration?" >/dev/null
c consent "$iv" --by Sabine --by Fatma --by Marco --by Lea >/dev/null
at 2019-10-17T17:20:00+02:00
c adopt "$iv" --review-in 1y >/dev/null

at 2019-10-17T17:40:00+02:00
ra=$(c propose "Raum für persönliche Erfahrungen" --by Aylin --tag haltung --text "In unseren Treffen ist Platz für das, was Menschen selbst erlebt haben, auch für Erfahrungen mit Rassismus und Diskriminierung.

Wir nicken solche Erzählungen nicht ab. Wir hören zu, fragen nach und nehmen uns Zeit für die Zwischentöne, auch wenn das Treffen dadurch länger dauert.")
c consent "$ra" --by Sabine --by Jonas --by Fatma --by Marco --by Lea >/dev/null
at 2019-10-17T17:55:00+02:00
c adopt "$ra" --review-in 2y >/dev/null

at 2019-10-17T18:10:00+02:00
zi=$(c propose "Unsere drei Ziele" --by Sabine --tag ziele --text "Die Interviews zeigen: Es geht um mehr als Integration. Es geht um das Miteinander in einer vielfältigen Stadt. Daraus folgen unsere Ziele:

1. Die ganze Stadtgesellschaft beteiligt sich aktiv.
2. Wir leben auf Augenhöhe zusammen.
3. Im Miteinander wird Vielfalt geschätzt und der Reichtum an Erfahrungen sichtbar.

Beteiligt werden wirklich alle, unabhängig von Alter, Herkunft, Erfahrungen, Werten und Ansichten. Die einzige Grenze ist das demokratische Miteinander.")
c consent "$zi" --by Aylin --by Jonas --by Fatma --by Lea >/dev/null
c stand-aside "$zi" --by Marco --reason "Ich trage die Ziele mit, halte aber einen eigenen Namen dafür noch für verfrüht." >/dev/null
at 2019-10-17T18:20:00+02:00
c concern "$zi" --by Fatma --reason "Die Ziele sind sehr allgemein. Wir sollten bei der Überprüfung sagen können, woran wir merken, dass wir ihnen näher kommen." >/dev/null
at 2019-10-17T18:30:00+02:00
c adopt "$zi" --review-by 2026-12-01 >/dev/null
at 2019-10-17T19:00:00+02:00
c meeting end >/dev/null

# -- Early 2020: who is "everyone"? ---------------------------------------------------------------
at 2020-02-13T17:00:00+01:00
c meeting start --title "Wer sind eigentlich alle?" --attendee Sabine --attendee Aylin \
  --attendee Jonas --attendee Yusuf --attendee Lea --attendee Dimitri >/dev/null
at 2020-02-13T17:20:00+01:00
fo=$(c propose "Wir beginnen mit denen, die wir am wenigsten erreichen" --by Yusuf --tag zielgruppen --text "Wenn wir alle erreichen wollen, müssen wir wissen, wer alle sind: Hauptamtliche, Ehrenamtliche, die Nachbarschaften, der Nachwuchs in den Vereinen, Menschen außerhalb von Selbstorganisationen und Gemeinden und viele mehr.

Wir ordnen diese Gruppen nach drei Stufen der Erreichbarkeit. Unsere Arbeit beginnt bei den Gruppen, die bisher am wenigsten erreicht werden, damit auch sie den Wert einer vielfältigen Gesellschaft erleben und mittragen.")
c consent "$fo" --by Sabine --by Aylin --by Jonas --by Lea --by Dimitri >/dev/null
at 2020-02-13T17:40:00+01:00
c adopt "$fo" --review-in 2y >/dev/null
at 2020-02-13T18:00:00+01:00
jk=$(c propose "Eine Jugendkonferenz als nächster Schritt" --by Lea --tag jugend --text "Unter den wenig erreichten Gruppen beginnen wir mit den Jugendlichen. Als nächstes Format planen wir deshalb eine Jugendkonferenz, für und mit Jugendlichen.")
c consent "$jk" --by Sabine --by Aylin --by Jonas --by Yusuf --by Dimitri >/dev/null
at 2020-02-13T18:10:00+01:00
c adopt "$jk" --review-in 1y >/dev/null
at 2020-02-13T18:30:00+01:00
c meeting end >/dev/null

# -- The planning conference with the young people: a name for all of it ------------------------
at 2021-09-23T17:00:00+02:00
c meeting start --title "Planungskonferenz mit Jugendlichen" --attendee Sabine --attendee Aylin \
  --attendee Jonas --attendee Fatma --attendee Marco --attendee Yusuf --attendee Lea >/dev/null
at 2021-09-23T17:30:00+02:00
bfa=$(c propose "Bergkamen for all" --by Lea --tag grundlage --replaces "$im" --why "Integration greift zu kurz für das, worum es uns geht: das Miteinander aller. Den Namen haben wir gemeinsam mit den Jugendlichen gefunden." --text "Aus dem Integrationsmanagement wird Bergkamen for all: ein Netzwerk für ein lebendiges, wertschätzendes und dialogorientiertes Miteinander aller in Bergkamen.

Die Steuerungsgruppe heißt von nun an Bergkamen for all-Team.")
c consent "$bfa" --by Sabine --by Aylin --by Jonas --by Fatma --by Marco --by Yusuf >/dev/null
at 2021-09-23T17:50:00+02:00
c adopt "$bfa" --review-in 2y >/dev/null
at 2021-09-23T18:00:00+02:00
fm=$(c propose "Für die Menschen, mit den Menschen" --by Aylin --tag haltung --text "Bei allem, was wir mit Jugendlichen planen, setzen wir ihnen keine Grenzen. Das Team versteht sich als Dienstleister, der die jungen Menschen unterstützt und stärkt; entscheiden und gestalten sollen sie selbst.")
c consent "$fm" --by Sabine --by Jonas --by Fatma --by Lea >/dev/null
at 2021-09-23T18:10:00+02:00
c adopt "$fm" --review-in 3y >/dev/null
c retire "$jk" --why "Die Jugendkonferenz hat stattgefunden; die Jugendlichen gestalten die nächsten Formate selbst." >/dev/null
at 2021-09-23T18:30:00+02:00
c meeting end >/dev/null

# -- Four years on: the principles the group lived by, written down --------------------------------
at 2023-05-11T17:00:00+02:00
c meeting start --title "Vier Jahre Bergkamen for all" --attendee Sabine --attendee Aylin \
  --attendee Jonas --attendee Fatma --attendee Yusuf --attendee Lea --attendee Dimitri >/dev/null
at 2023-05-11T17:20:00+02:00
pr=$(c propose "Unsere Arbeitsprinzipien" --by Sabine --tag haltung --text "Was wir im Kleinen gelebt haben, schreiben wir auf, damit es auch im Großen trägt:

- Zuerst Gemeinschaft bilden.
- Einander auf Augenhöhe begegnen.
- Der Gruppe und dem Prozess vertrauen.
- Wertschätzend miteinander umgehen.
- Lösungsorientiert denken und handeln.
- Offen sein für Neues.
- Dem Fluss folgen: „This or something better“. Alles gilt so lange, bis etwas Besseres gefunden ist.")
c consent "$pr" --by Aylin --by Jonas --by Fatma --by Yusuf --by Lea --by Dimitri >/dev/null
at 2023-05-11T17:40:00+02:00
c adopt "$pr" --review-in 3y >/dev/null
at 2023-05-11T17:50:00+02:00
c review "$fo" --by Yusuf --next 2025-05-11 --note "Die Jugendlichen waren der richtige Anfang; als nächste Gruppe nehmen wir die Nachbarschaften in den Blick." >/dev/null
at 2023-05-11T18:30:00+02:00
c meeting end >/dev/null

# -- Autumn 2026: the latest meeting, and what came after it --------------------------------------
at 2026-10-15T17:00:00+02:00
c meeting start --title "Herbsttreffen 2026" --attendee Sabine --attendee Aylin --attendee Jonas \
  --attendee Fatma --attendee Marco --attendee Lea >/dev/null
at 2026-10-15T17:20:00+02:00
c amend "$bfa" --by Marco --why "Das Team ist offen für alle, die mitmachen wollen; so steht es jetzt auch im Text." --text "Aus dem Integrationsmanagement wird Bergkamen for all: ein Netzwerk für ein lebendiges, wertschätzendes und dialogorientiertes Miteinander aller in Bergkamen.

Die Steuerungsgruppe heißt von nun an Bergkamen for all-Team. Das Team ist offen: Wer mitmachen will, ist willkommen, ob für ein Treffen oder für Jahre." >/dev/null
c consent "$bfa" --by Sabine --by Aylin --by Jonas --by Lea >/dev/null
at 2026-10-15T17:30:00+02:00
c adopt "$bfa" --review-in 2y >/dev/null
at 2026-10-15T17:45:00+02:00
nb=$(c propose "Nachbarschaftscafés in allen Stadtteilen" --by Fatma --tag nachbarschaften --text "Als nächste wenig erreichte Gruppe gehen wir auf die Nachbarschaften zu: In jedem Stadtteil laden wir einmal im Vierteljahr zu einem Nachbarschaftscafé ein, vorbereitet mit Menschen, die dort wohnen.")
c consent "$nb" --by Sabine --by Aylin --by Lea >/dev/null
at 2026-10-15T17:55:00+02:00
c object "$nb" --by Jonas --reason "Für alle Stadtteile fehlen uns Leute. Lieber in zwei Stadtteilen anfangen und lernen." >/dev/null
at 2026-10-15T18:30:00+02:00
c meeting end >/dev/null

at 2026-11-02T10:00:00+01:00
rg=$(c propose "Unsere Entscheidungen stehen in einem Register" --by Marco --tag arbeitsweise --text "Wir halten fest, was wir beschlossen haben, warum, und was es ersetzt hat: in einem gemeinsamen Register, das alle lesen können. Vor jedem Treffen verschickt die Koordination eine Zusammenfassung daraus.")
c consent "$rg" --by Sabine --by Aylin --by Fatma --by Lea >/dev/null
at 2026-11-05T10:00:00+01:00
c adopt "$rg" --review-in 1y >/dev/null

unset CONSENSUS_NOW
c check
echo "built examples/bergkamen" >&2
