"""The note-taker's steps: propose, amend, consent, object, resolve, stand aside, raise a concern,
adopt, reject, withdraw, retire, review. Each parses, takes one step through the core, and says
what it did."""

from __future__ import annotations

import sys

import click

from consensus import dates, process
from consensus.language import _
from consensus.render import notes
from consensus.steps import Done

from .app import App, pass_app
from .options import (
    by_option,
    complete_file,
    complete_ids,
    complete_names,
    id_argument,
    json_option,
    read_text,
)


def _done(app: App, done: Done, json_: bool, message: str | list[str]) -> None:
    """After a step: who joined the meeting, the decision as JSON if asked for, lines for people."""
    if done.late:
        app.say(notes.late(done.late))
    if json_:
        from consensus.shapes import decision as decision_shape

        app.data(decision_shape(done.view))
    for line in [message] if isinstance(message, str) else message:
        app.say(line)


@click.command()
@click.argument("title")
@click.option("--text", help="The proposed text.")
@click.option("--file", metavar="PATH", shell_complete=complete_file, help="Read the text from PATH ('-' for standard input).")
@click.option("--tag", "tags", multiple=True, metavar="TAG", help="A tag (repeat for several).")
@click.option("--replaces", multiple=True, metavar="ID", shell_complete=complete_ids("active"), help="A decision this one replaces (repeat for several).")
@click.option("--why", help="Why it is better than what it replaces (required with --replaces).")
@by_option
@json_option
@pass_app
def propose(app: App, *, title: str, text: str | None, file: str | None, tags: tuple[str, ...],
            replaces: tuple[str, ...], why: str | None, by: str | None, json_: bool) -> None:
    """Propose a new decision; prints its id.

    With neither --text nor --file, and a terminal, $EDITOR opens for the text.

    \b
    Examples:
      consensus propose "Meet on Tuesdays" --text "We meet every Tuesday at 7 pm." --tag meetings
      consensus propose "Meet on Wednesdays" --file new.md --replaces 7kq2 --why "Tuesday is choir night"
    """
    process.require("title", title)
    if replaces:
        process.require("replace", why)
    body = read_text(text, file, about=_("Proposal: {title}").format(title=title))
    done = app.steps.propose(title=title, text=body, tags=tags, replaces=replaces, why=why, by=by)
    if json_:
        _done(app, done, True, notes.proposed(done, open_for_consent=False))
        return
    click.echo(done.decision.id)
    _done(app, done, False, notes.proposed(done))


@click.command()
@id_argument("living")
@click.option("--text", help="The new text.")
@click.option("--file", metavar="PATH", shell_complete=complete_file, help="Read the new text from PATH ('-' for standard input).")
@click.option("--title", help="A new title (default: keep the current one).")
@click.option("--why", help="What makes the new version better (required).")
@click.option("--resolves", "resolves", multiple=True, type=int, metavar="N",
              help="An objection this version resolves; --why says how (repeat for several).")
@by_option
@json_option
@pass_app
def amend(app: App, *, decision_id: str, text: str | None, file: str | None, title: str | None,
          why: str | None, resolves: tuple[int, ...], by: str | None, json_: bool) -> None:
    """Propose a better version of an active decision, or improve the open proposal.

    An open proposal amended during its round is revised: the new version is open for consent
    (consents and stand-asides start again, since its text changed) and its objections stay
    open until resolved, by --resolves or by "consensus resolve". A new version of an active
    decision takes up the objections its adoption did not see (they came with a merge).

    \b
    Examples:
      consensus amend 7kq2 --text "We meet every second Tuesday." --why "Weekly was too often"
      consensus amend 7kq2 --file better.md --why "Wednesdays in even weeks" --resolves 1
    """
    process.require("amend", why)
    if text is None and file is None and title is not None:
        body = None  # only the title changes
    else:
        view = app.register.get(decision_id)[1]
        base = process.base_version(view)
        body = read_text(text, file, template=base.text,
                         about=_("A better version of {id} v{number}: {title}\nSay why it is better with --why.").format(
                             id=view.id, number=base.number, title=base.title))
    done = app.steps.amend(decision_id, text=body, title=title, why=why, resolves=resolves, by=by)
    _done(app, done, json_, notes.amended(done))


@click.command()
@id_argument("open")
@click.option("--by", "by", multiple=True, metavar="NAME", shell_complete=complete_names,
              help="Who consents (repeat for several; 'all' or 'alle': every member present but those objecting "
              "or standing aside; default: $CONSENSUS_USER, else git's user.name).")
@json_option
@pass_app
def consent(app: App, *, decision_id: str, by: tuple[str, ...], json_: bool) -> None:
    """Record consent to the open proposal.

    \b
    Examples:
      consensus consent 7kq2 --by Ayşe --by Bo --by Chris
      consensus consent last --by all
    """
    done = app.steps.consent(decision_id, by)
    _done(app, done, json_, notes.consented(done))


@click.command("object")
@id_argument("open")
@click.option("--reason", help="What the objection is (required).")
@by_option
@json_option
@pass_app
def object_(app: App, *, decision_id: str, reason: str | None, by: str | None, json_: bool) -> None:
    """Record an objection to the open proposal; prints its number.

    \b
    Example:
      consensus object 7kq2 --by Chris --reason "Tuesday is choir night"
    """
    process.require("object", reason)
    done = app.steps.object(decision_id, reason=reason, by=by)
    if json_:
        _done(app, done, True, notes.objected(done, hint=False))
        return
    click.echo(done.number)
    _done(app, done, False, notes.objected(done))


@click.command()
@id_argument("objected")
@click.argument("number", type=int, metavar="NUMBER")
@click.option("--how", help="How the objection was resolved (required; asked for on a terminal).")
@by_option
@json_option
@pass_app
def resolve(app: App, *, decision_id: str, number: int, how: str | None, by: str | None, json_: bool) -> None:
    """Mark objection NUMBER of the open proposal resolved.

    An objection that came with a merge, which the adoption of the version in force did not see,
    stays open beside it (check, show and the summary list it) and is resolved the same way.

    \b
    Example:
      consensus resolve 7kq2 1 --how "We meet on Wednesdays in even weeks" --by Chris
    """
    if how is None and sys.stdin.isatty() and sys.stdout.isatty():
        how = click.prompt(_("How was objection {number} resolved?").format(number=number), default="",
                           show_default=False)
    process.require("resolve", how)
    done = app.steps.resolve(decision_id, number, how=how, by=by)
    _done(app, done, json_, notes.resolved(done, number))


@click.command("stand-aside")
@id_argument("open")
@click.option("--reason", help="Why (optional).")
@click.option("--by", "by", metavar="NAME", shell_complete=complete_names,
              help="Who stands aside ('all' or 'alle': every member present; default: $CONSENSUS_USER, else git's user.name).")
@json_option
@pass_app
def stand_aside(app: App, *, decision_id: str, reason: str | None, by: str | None, json_: bool) -> None:
    """Record a stand-aside: not consenting, but not blocking either."""
    done = app.steps.stand_aside(decision_id, reason=reason, by=by)
    _done(app, done, json_, notes.stood_aside(done))


@click.command()
@id_argument("living")
@click.option("--reason", help="What the concern is (required).")
@by_option
@json_option
@pass_app
def concern(app: App, *, decision_id: str, reason: str | None, by: str | None, json_: bool) -> None:
    """Record a concern: it does not block, and comes up again at the decision's review."""
    process.require("concern", reason)
    done = app.steps.concern(decision_id, reason=reason, by=by)
    _done(app, done, json_, notes.concern(done))


@click.command()
@id_argument("open")
@click.option("--review-by", metavar="DATE", help="When to review it (YYYY-MM-DD).")
@click.option("--review-in", metavar="PERIOD", help="Review it after PERIOD, like 6m or 1y (default: the register's review period).")
@click.option("--force", is_flag=True, help="Adopt despite the rule (needs --why; it is recorded).")
@click.option("--why", help="Why the rule is set aside (with --force).")
@by_option
@json_option
@pass_app
def adopt(app: App, *, decision_id: str, review_by: str | None, review_in: str | None, force: bool,
          why: str | None, by: str | None, json_: bool) -> None:
    """Put the open proposal in force.

    Under the consent rule, refused while an objection is unresolved; under the consensus
    rule, also until everyone present (or every member, outside a meeting) consented or stood
    aside. Decisions it replaces become superseded.

    \b
    Example:
      consensus adopt 7kq2 --review-in 6m
    """
    if force:
        process.require("force", why)
    if review_by is not None and review_in is not None:
        raise click.UsageError(_("give --review-by or --review-in, not both"))
    steps = app.steps
    review = steps.review_date(dates.parse_date(review_by, "review date") if review_by is not None else None,
                               review_in)
    done = steps.adopt(decision_id, review_by=review, force=force, why=why, by=by)
    _done(app, done, json_, notes.adopted(done, app.today))


def _close(app: App, kind: str, decision_id: str, why: str | None, by: str | None, json_: bool) -> None:
    done = app.steps.close(decision_id, kind, why=why, by=by)
    _done(app, done, json_, notes.closed(done, kind))


@click.command()
@id_argument("open")
@click.option("--why", help="Why it was turned down.")
@by_option
@json_option
@pass_app
def reject(app: App, *, decision_id: str, why: str | None, by: str | None, json_: bool) -> None:
    """Turn down the open proposal."""
    _close(app, "rejected", decision_id, why, by, json_)


@click.command()
@id_argument("open")
@click.option("--why", help="Why it is withdrawn.")
@by_option
@json_option
@pass_app
def withdraw(app: App, *, decision_id: str, why: str | None, by: str | None, json_: bool) -> None:
    """Withdraw the open proposal (only its author can)."""
    _close(app, "withdrawn", decision_id, why, by, json_)


@click.command()
@id_argument("active")
@click.option("--why", help="Why the decision ends (required).")
@by_option
@json_option
@pass_app
def retire(app: App, *, decision_id: str, why: str | None, by: str | None, json_: bool) -> None:
    """End an active decision without a replacement."""
    process.require("retire", why)
    done = app.steps.retire(decision_id, why=why, by=by)
    _done(app, done, json_, notes.retired(done))


@click.command()
@id_argument("active")
@click.option("--next", "next_", metavar="DATE", help="The next review date (default: after the register's review period).")
@click.option("--note", help="What the review found.")
@by_option
@json_option
@pass_app
def review(app: App, *, decision_id: str, next_: str | None, note: str | None, by: str | None, json_: bool) -> None:
    """Record that an active decision was reviewed and still stands."""
    steps = app.steps
    next_review = steps.review_date(dates.parse_date(next_, "review date") if next_ is not None else None)
    done = steps.review(decision_id, next_review=next_review, note=note, by=by)
    _done(app, done, json_, notes.reviewed(done))


@click.command()
@click.argument("decision_id", metavar="[ID]", required=False, shell_complete=complete_ids("any"))
@click.option("--why", help="Why it is taken back (kept in the history).")
@by_option
@json_option
@pass_app
def undo(app: App, *, decision_id: str | None, why: str | None, by: str | None, json_: bool) -> None:
    """Take back the newest step of a decision (default: the one changed last on this machine).

    The step stays in the history, marked as taken back, and counts as if it had not happened;
    undo again to take back the one before. Taking back a new proposal withdraws it; taking
    back an adoption puts back in force what it replaced.

    \b
    Examples:
      consensus undo
      consensus undo 7kq2 --why "Bo did not consent, Bea did"
    """
    done = app.steps.undo(decision_id, why=why, by=by)
    _done(app, done, json_, notes.undone(done))
