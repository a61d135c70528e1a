"""Dates, periods and the one clock of the program."""

from __future__ import annotations

import datetime as dt
import os
import re

from .errors import ConsensusError
from .language import N_, _

NOW_VARIABLE = "CONSENSUS_NOW"
# Only in the sentence below, whose German says "ist kein Datum": its translations carry the "kein".
_A_DATE = {"date": N_("a date"), "review date": N_("a review date")}
_DOTTED = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
_PERIOD = re.compile(r"\s*(\d{1,4})\s*([dwmy])\s*", re.IGNORECASE)


def now() -> dt.datetime:
    """The current time, aware and to the second.

    ``$CONSENSUS_NOW`` (an ISO date or date-time) overrides the clock, as ``GIT_COMMITTER_DATE``
    does for git: for recording a meeting after the fact and for reproducible examples.
    """
    fixed = os.environ.get(NOW_VARIABLE)
    if fixed:
        try:
            value = dt.datetime.fromisoformat(fixed.strip())
        except ValueError:
            raise ConsensusError(
                _("${variable} is '{value}', which is not a date or time — use e.g. 2027-05-24T18:30:00+02:00, "
                  "or unset it").format(variable=NOW_VARIABLE, value=fixed)
            ) from None
        if value.tzinfo is None:
            try:
                value = value.astimezone()
            except (OverflowError, ValueError):  # at the edge of the calendar: today's offset
                value = value.replace(tzinfo=dt.datetime.now().astimezone().tzinfo)
        return value.replace(microsecond=0)
    return dt.datetime.now().astimezone().replace(microsecond=0)


def minute(at: dt.datetime) -> str:
    """A moment as people write it in minutes: 2026-11-24 19:15, with four-digit years (the C
    library's strftime writes the year 1 as "1")."""
    return f"{at.date().isoformat()} {at:%H:%M}"


def parse_date(text: str, what: str = "date") -> dt.date:
    """A date written as 2027-05-24 or as 24.05.2027, or a refusal that says how to write one."""
    written = text.strip() if isinstance(text, str) else ""
    try:
        found = _DOTTED.fullmatch(written)
        if found:
            return dt.date(int(found[3]), int(found[2]), int(found[1]))
        return dt.date.fromisoformat(written)
    except ValueError:
        raise ConsensusError(
            _("'{text}' is not {what} — write it as YYYY-MM-DD or DD.MM.YYYY, e.g. 2027-05-24 or 24.05.2027").format(
                text=text, what=_(_A_DATE.get(what, what)))
        ) from None


def parse_period(text: str) -> tuple[int, str]:
    """A period such as ``6m``, ``2w``, ``1y`` or ``90d`` as (count, unit letter)."""
    match = _PERIOD.fullmatch(text or "")
    if not match or int(match.group(1)) == 0:
        raise ConsensusError(
            _("'{text}' is not a period — write a number and d, w, m or y, e.g. 6m or 90d").format(text=text)
        )
    return int(match.group(1)), match.group(2).lower()


def add_period(start: dt.date, period: str) -> dt.date:
    """``start`` moved forward by ``period``; month ends are clamped (31 Jan + 1m = 28/29 Feb)."""
    count, unit = parse_period(period)
    try:
        if unit == "d":
            return start + dt.timedelta(days=count)
        if unit == "w":
            return start + dt.timedelta(weeks=count)
        import calendar

        months = count * (12 if unit == "y" else 1)
        year, month0 = divmod(start.month - 1 + months, 12)
        year += start.year
        day = min(start.day, calendar.monthrange(year, month0 + 1)[1])
        return dt.date(year, month0 + 1, day)
    except (OverflowError, ValueError):
        raise ConsensusError(
            _("{start} plus {period} lies beyond the year 9999 — use a shorter period").format(
                start=start.isoformat(), period=period)
        ) from None


def days_before(day: dt.date, count: int) -> dt.date:
    """``day`` less ``count`` days, or the first day there is (a clock set to the year 1)."""
    try:
        return day - dt.timedelta(days=count)
    except OverflowError:
        return dt.date.min


def day_after(day: dt.date) -> dt.date | None:
    """The day after ``day``; None after the last day there is (9999-12-31)."""
    return None if day == dt.date.max else day + dt.timedelta(days=1)


_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_MICROSECOND = dt.timedelta(microseconds=1)


def instant(at: dt.datetime) -> int:
    """``at`` as microseconds since the epoch: rows compare and sort by numbers, since a list of
    10,000 cannot afford to parse and compare aware datetimes."""
    if at.tzinfo is None:
        at = at.astimezone()
    return (at - _EPOCH) // _MICROSECOND


def moment(value: int) -> dt.datetime:
    """The UTC moment an ``instant`` stands for."""
    return _EPOCH + dt.timedelta(microseconds=value)
