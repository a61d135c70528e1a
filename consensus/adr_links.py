"""Which record a relation in an ADR points at, when links break and numbers repeat.

Real collections rename files after the links to them were written, and reuse numbers. A link is
followed in this order: the file it names; else the record with the number it carries, if only
one has it; else, among the records sharing that number, the one that cites the record declaring
the relation, or failing that the one whose title is closest to the link's words. A plain
number ("Superseded by ADR025") goes the same way from the second step on. Whatever a fallback
found says how, so the import report can name it.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from urllib.parse import unquote, urlparse

from .adr import ADR_REF, NUMBER_IN_NAME, Link, Record, heading_number
from .language import _, n_

_LINK_TARGET = re.compile(r"\]\(\s*<?([^)>\s]+)")
_LINK_TEXT_NUMBER = re.compile(r"\[\s*(?:adr[\s#_-]*)?0*(\d{1,5})\s*[.:)\]-]", re.I)
_CLOSE_ENOUGH = 0.6  # difflib's ratio: "Remove the API" against "Remove the API endpoint" is 0.76
_CLEARLY_CLOSER = 0.1


@dataclass
class Found:
    """Where a link led: a record's path (``how`` says how a fallback found it; None for the
    file the link names), or None and ``why`` not."""

    path: str | None
    how: str | None = None
    why: str | None = None


def _stem(name: str) -> str:
    return re.sub(r"\.(md|markdown)$", "", posixpath.basename(name).lower())


def _similarity(a: str, b: str) -> float:
    # difflib (standard library) is enough for a few titles; no fuzzy-matching dependency needed.
    return SequenceMatcher(None, a.lower(), b.lower()).ratio() if a and b else 0.0


class Resolver:
    """Finds the record a link or an ADR number points at."""

    def __init__(self, records: dict[str, Record]) -> None:
        self.records = records
        self.by_name: dict[str, list[str]] = {}
        self.by_number: dict[int, list[str]] = {}
        self._citations: dict[str, tuple[set[str], set[int]]] = {}
        for path, record in records.items():
            name = posixpath.basename(path).lower()
            self.by_name.setdefault(name, []).append(path)
            self.by_name.setdefault(_stem(name), []).append(path)
            if record.number is not None:
                self.by_number.setdefault(record.number, []).append(path)

    def __call__(self, source: str, link: Link) -> Found:
        """The record ``link`` (written in the record at ``source``) points at."""
        number, broken = link.number, None
        if link.target is not None:
            path, why = self._exact(source, link.target)
            if path == source:
                return Found(None, why=_("itself"))
            if path is not None or why is not None:
                return Found(path, why=why)
            number, broken = self._number_of(link), _("'{link}' names no file").format(link=link.target)
        sharing = self.by_number.get(number, []) if number is not None else []
        candidates = [p for p in sharing if p != source]
        if not candidates:
            if sharing:
                return Found(None, why=_("itself"))
            if broken:
                return Found(None, why=_("'{link}' is not in the imported folder").format(link=link.target))
            return Found(None, why=_("'{link}': no record has that number").format(link=link.text))
        if len(candidates) == 1:
            how = (_("by number ({problem})").format(problem=broken) if broken
                   else _("by number alone ('{link}')").format(link=link.text))
            return Found(candidates[0], how=how)
        return self._choose(source, link, candidates)

    def _exact(self, source: str, target: str) -> tuple[str | None, str | None]:
        """(the file the link names, None) or (None, why there is none) or (None, None) when it
        names a file that is not a record here, so the fallbacks may try."""
        parsed = urlparse(target)
        path = unquote(parsed.path if parsed.scheme or parsed.netloc else target.split("#")[0].split("?")[0])
        if not path:
            return None, _("'{link}' names no file").format(link=target)
        relative = posixpath.normpath(posixpath.join(posixpath.dirname(source), path)).lstrip("./")
        for candidate in (relative, relative + ".md"):
            if candidate in self.records:
                return candidate, None
        matches = set(self.by_name.get(posixpath.basename(path).lower(), []))
        if len(matches) == 1:
            return matches.pop(), None
        return None, None

    def _number_of(self, link: Link) -> int | None:
        """The ADR number a broken link carries: in the file name it names, else in its words."""
        name = posixpath.basename(unquote(urlparse(link.target or "").path))
        found = NUMBER_IN_NAME.match(name)
        if found:
            return int(found.group(1))
        words = ADR_REF.search(link.text)
        if words:
            return int(words.group(1))
        return heading_number(link.text)

    def _choose(self, source: str, link: Link, candidates: list[str]) -> Found:
        """Among records sharing a number: the one that cites ``source``, else the closest title."""
        fits = n_("'{link}' fits {n} records", "'{link}' fits {n} records", len(candidates)).format(
            link=link.shown(), n=len(candidates))
        name, number = _stem(source), self.records[source].number
        for by_name in (True, False):  # a link to its file says more than its number
            citing = [p for p in candidates
                      if (name in self._cited(p)[0] if by_name else number in self._cited(p)[1])]
            if len(citing) == 1:
                return Found(citing[0], how=_("by number and citation ({fits}; only this one cites {file})").format(
                    fits=fits, file=source))
        words = re.sub(r"^\s*(?:adr[\s#_-]*)?\d+\s*[.:)\-–—]?\s*", "", link.text, flags=re.I)
        slug = re.sub(r"^(?:adr[-_ ]?)?\d+[-_ ]*", "", _stem(link.target or "")).replace("-", " ").replace("_", " ")
        scores = sorted(
            ((max(_similarity(words, self.records[p].title), _similarity(slug, self.records[p].title)), p)
             for p in candidates),
            reverse=True,
        )
        best, chosen = scores[0]
        if best >= _CLOSE_ENOUGH and best - scores[1][0] >= _CLEARLY_CLOSER:
            return Found(chosen, how=_("by number and title ({fits}; this one's title is the closest)").format(fits=fits))
        return Found(None, why=_("{fits} ({files}) and none of them is told apart by citing this one or by its "
                                 "title").format(fits=fits, files=", ".join(candidates)))

    def _cited(self, path: str) -> tuple[set[str], set[int]]:
        """The file names and ADR numbers a record's text and status cite."""
        if path not in self._citations:
            record = self.records[path]
            text = f"{record.raw_status or ''}\n{record.text}"
            names = {_stem(unquote(urlparse(t).path)) for t in _LINK_TARGET.findall(text)}
            numbers = {int(n) for n in ADR_REF.findall(text)} | {int(n) for n in _LINK_TEXT_NUMBER.findall(text)}
            self._citations[path] = (names, numbers)
        return self._citations[path]
