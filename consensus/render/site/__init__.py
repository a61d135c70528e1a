"""The register's website as HTML: one module per kind of page, one stylesheet, one small script.

Plain HTML that reads fully without scripts, relative links only, nothing from elsewhere (no
fonts, scripts or images from the network), every page in the register's language or the one
asked for. The search on the start page is the only script: it reads ``search-index.js``, a
JSON index wrapped in one assignment, since browsers refuse to fetch a plain JSON file from
``file://``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from importlib import resources

from consensus.language import LOCALE_DIR
from consensus.site import (
    Asset,
    Context,
    DecisionPage,
    LineagePage,
    Made,
    MeetingListPage,
    MinutesPage,
    Page,
    ParticipationPage,
    SearchIndex,
    StartPage,
    SummaryPage,
)

from . import decision, lineage, reports, start  # before the workers are forked: each would import them

ASSETS = ("style.css", "search.js")
_MODULES = ("__init__.py", "layout.py", "blocks.py", "decision.py", "start.py", "reports.py", "lineage.py")


def _own(name: str) -> bytes:
    return resources.files(__package__).joinpath(name).read_bytes()


def search_index(data: SearchIndex) -> bytearray:
    """The words of every decision, as JSON in one assignment the start page's script reads.
    Made entry by entry into one buffer: 100,000 decisions have 32 MB of words, and a whole dict,
    its JSON and its bytes, or even a list of the entries' bytes and their join, would be held
    at once."""
    out = bytearray(b'window.consensusSearch = {"format":1,"words":{')
    for number, (decision_id, text) in enumerate(data.entries):
        out += f'{"," if number else ""}{_string(decision_id)}:{_string(text)}'.encode()
    out += b"}};\n"
    return out


_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def _string(text: str) -> str:
    # JSON allows these two line ends inside strings; older JavaScript does not.
    return _JSON(text).replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


class SiteRenderer:
    """Writes every page of the website (see ``consensus.site.Renderer``)."""

    def __init__(self) -> None:
        digest = hashlib.blake2b(digest_size=16)
        for name in (*_MODULES, *ASSETS):
            digest.update(_own(name))
        for shared in ("i18n.py", "document.py", "__init__.py", "table.py"):  # words, blocks, escaping
            digest.update(resources.files("consensus.render").joinpath(shared).read_bytes())
        # The words themselves: a new translation makes new pages.
        for catalogue in sorted(LOCALE_DIR.glob("*/LC_MESSAGES/*.mo")):
            digest.update(catalogue.read_bytes())
        self._fingerprint = digest.hexdigest()

    @property
    def fingerprint(self) -> str:
        """A digest of this package's code, words and assets."""
        return self._fingerprint

    @property
    def assets(self) -> Sequence[str]:
        """The stylesheet and the search script."""
        return ASSETS

    def render(self, page: Page, path: str, context: Context) -> bytes | bytearray:
        """The bytes of the file at ``path``."""
        if isinstance(page, DecisionPage):
            return decision.render(page, path, context)
        if isinstance(page, StartPage):
            return start.render(page, path, context)
        if isinstance(page, MinutesPage):
            return reports.minutes(page, path, context)
        if isinstance(page, MeetingListPage):
            return reports.meeting_list(page, path, context)
        if isinstance(page, SummaryPage):
            return reports.summary(page, path, context)
        if isinstance(page, ParticipationPage):
            return reports.participation(page, path, context)
        if isinstance(page, LineagePage):
            return lineage.render(page, path, context)
        if isinstance(page, SearchIndex):
            return search_index(page)
        if isinstance(page, Made):
            return page.shelf.read()
        assert isinstance(page, Asset)
        return _own(page.name)
