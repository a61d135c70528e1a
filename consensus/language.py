"""The language people read: English, or German from the gettext catalogue.

Every word the tool prints to a person is written in English in the code, marked with ``_()``
(or ``n_()`` where it has a plural, ``N_()`` where it is translated later), and translated from
``consensus/locale/<lang>/LC_MESSAGES/consensus.mo``. That file is compiled from the ``.po``
catalogue in the repository when the package is built (``hatch_build.py``); Babel, which
extracts and updates the catalogue, is a tool for developers and never imported here.

The language: ``--lang`` where a command has it, else ``$CONSENSUS_LANG``, else the register's
``language``, else the locale (``LC_ALL``, ``LC_MESSAGES``, ``LANG``), else English.
"""

from __future__ import annotations

import datetime as dt
import os
from functools import cache
from pathlib import Path
from typing import Protocol

DOMAIN = "consensus"
LANGUAGES = ("en", "de")
LANG_VARIABLE = "CONSENSUS_LANG"
LOCALE_DIR = Path(__file__).parent / "locale"


class Catalog(Protocol):
    """What the code asks of a language's catalogue."""

    def gettext(self, message: str, /) -> str: ...

    def ngettext(self, singular: str, plural: str, n: int, /) -> str: ...

    def pgettext(self, context: str, message: str, /) -> str: ...


class _English:
    """The words as the code writes them: nothing to look up."""

    def gettext(self, message: str, /) -> str:
        return message

    def ngettext(self, singular: str, plural: str, n: int, /) -> str:
        return singular if n == 1 else plural

    def pgettext(self, context: str, message: str, /) -> str:
        return message


ENGLISH = _English()
_active: list[tuple[str, Catalog]] = [("en", ENGLISH)]


def chosen(language: str | None) -> str:
    """``language`` if it is one we speak; English otherwise."""
    return language if language in LANGUAGES else "en"


@cache
def catalog(language: str) -> Catalog:
    """The catalogue of ``language`` (English needs none)."""
    if language == "en":
        return ENGLISH
    import gettext as stdlib

    try:
        with open(LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.mo", "rb") as handle:
            return stdlib.GNUTranslations(handle)
    except OSError:  # a checkout that was never built: the words stay English
        return ENGLISH


def from_environment() -> str | None:
    """The language ``$CONSENSUS_LANG`` asks for, if any."""
    asked = os.environ.get(LANG_VARIABLE, "").strip().lower()
    return asked[:2] if asked else None


def from_locale() -> str:
    """The language of the user's locale: German for ``de_*``, else English."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "")
        if value:
            return "de" if value.lower().startswith("de") else "en"
    return "en"


def use(language: str) -> None:
    """Speak ``language`` from now on (in this process), click's own words included."""
    language = chosen(language)
    _active[0] = (language, catalog(language))
    if language != "en" or os.environ.get("LANGUAGE") in LANGUAGES:
        _bind_click(language)  # and back to English, once the register says so


def _bind_click(language: str) -> None:
    # click marks its words with the standard library's gettext, under the default domain:
    # point that domain at our catalogue, which carries German for click's words too.
    import gettext as stdlib

    stdlib.bindtextdomain(DOMAIN, str(LOCALE_DIR))
    stdlib.textdomain(DOMAIN)
    os.environ["LANGUAGE"] = language


def current() -> str:
    """The language in use."""
    return _active[0][0]


def _(message: str) -> str:
    """``message`` in the language in use."""
    return _active[0][1].gettext(message)


def n_(singular: str, plural: str, n: int) -> str:
    """The singular or plural form for ``n``, as the language in use counts."""
    return _active[0][1].ngettext(singular, plural, n)


def p_(context: str, message: str) -> str:
    """``message`` in the language in use, as meant in ``context`` (one English word can be two
    German ones: the status "proposed" is "vorgeschlagen", the event "proposed" is "hat
    vorgeschlagen")."""
    return _active[0][1].pgettext(context, message)


def N_(message: str) -> str:
    """Mark ``message`` for the catalogue; it is translated where it is used."""
    return message


def NP_(context: str, message: str) -> str:
    """Mark ``message`` for the catalogue in ``context``; translated where used, with ``p_``."""
    return message


def in_(language: str, message: str) -> str:
    """``message`` in ``language``, whatever the language in use (documents have their own)."""
    return catalog(chosen(language)).gettext(message)


def n_in(language: str, singular: str, plural: str, n: int) -> str:
    """``n_`` in ``language``."""
    return catalog(chosen(language)).ngettext(singular, plural, n)



def day(value: dt.date, language: str | None = None) -> str:
    """A date as the language writes it in tables and messages: 2026-12-01, or 01.12.2026."""
    # Not strftime: the C library writes the year 1 as "1", and years have four digits (0001).
    return f"{value.day:02d}.{value.month:02d}.{value.year:04d}" if (language or current()) == "de" else value.isoformat()


def moment(value: dt.datetime, language: str | None = None) -> str:
    """A date and time as the language writes it: 2026-12-01 19:30, or 01.12.2026 19:30."""
    return f"{day(value.date(), language)} {value.hour:02d}:{value.minute:02d}"  # not strftime: a long report has thousands


MONTHS = (N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"), N_("July"),
          N_("August"), N_("September"), N_("October"), N_("November"), N_("December"))


def long_day(value: dt.date, language: str) -> str:
    """A date as documents write it: 1 December 2026, or 1. Dezember 2026."""
    month = in_(language, MONTHS[value.month - 1])
    return f"{value.day}. {month} {value.year:04d}" if language == "de" else f"{value.day} {month} {value.year:04d}"
