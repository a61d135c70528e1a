"""What every presentation shares: styled spans, the colour of each status, and how times read."""

from __future__ import annotations

import datetime as dt

from consensus.language import moment

Span = tuple[str, str]
"""(style, literal text). Styles: "" plain, "b"/"bold", "i" aside, "dim", "code", "ok", "warn",
"bad", and the colours below; each writer (terminal, Markdown, HTML, text) shows them its way."""

STATUS_STYLE = {
    "proposed": "yellow",
    "active": "green",
    "superseded": "dim",
    "retired": "dim",
    "rejected": "red",
    "withdrawn": "dim",
    "open": "yellow",
    "adopted": "green",
    "replaced": "dim",
}
"""The colour of each decision status, version state and event kind of the same name."""

ANSI = {"bold": "1", "dim": "2", "italic": "3", "red": "31", "green": "32", "yellow": "33", "bold red": "1;31", "bold yellow": "1;33"}
"""The terminal's codes for the styles it shows."""


def when(at: dt.datetime) -> str:
    """A moment as people write it in minutes: 2026-11-24 19:15 (in German 24.11.2026 19:15)."""
    return moment(at)
