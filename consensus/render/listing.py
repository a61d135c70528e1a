"""The table ``list`` prints: plain and fast, since registers can be large (no rich here)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from consensus.language import _
from consensus.language import current as language_in_use
from consensus.rows import Row, is_due
from consensus.vocabulary import status_word

from .style import STATUS_STYLE
from .table import Column, render


def decision_list(
    rows: Sequence[tuple[Row, tuple[int, str] | None]], today: dt.date, *, terminal: bool, colour: bool
) -> str:
    """One decision per line: id, status, title, version, review date, tags."""
    if not rows:
        return _("No decisions match.") + "\n"
    english = language_in_use() == "en"
    columns = [Column(_("ID"), ascii=True), Column(_("Status"), ascii=english), Column(_("Title"), flexible=True),
               Column(_("Ver"), right=True, ascii=True), Column(_("Review by"), ascii=True),
               Column(_("Tags"), limit=24)]
    today_iso = today.isoformat()
    # Column by column, transposed in C: a long listing is ten thousand rows.
    chosen, shown = zip(*rows, strict=True)
    field = dict(zip(Row._fields, zip(*chosen, strict=True), strict=True))
    ids, titles, statuses, reviews = field["id"], field["title"], field["status"], field["review_by"]
    current, proposed, tags = field["current_version"], field["open_version"], field["tags"]
    labels: dict[tuple[int | None, int | None], str] = {}
    for pair in set(zip(current, proposed, strict=True)):
        number, open_ = pair
        labels[pair] = ((f"v{number} (+v{open_})" if number else f"v{open_}") if open_
                        else f"v{number}" if number else "")
    versions = [labels[pair] for pair in zip(current, proposed, strict=True)]
    if any(shown):  # --as-of: what was in force then, as it was then
        titles = tuple(s[1] if s else t for s, t in zip(shown, titles, strict=True))
        statuses = tuple("active" if s else status for s, status in zip(shown, statuses, strict=True))
        versions = [f"v{s[0]}" if s else v for s, v in zip(shown, versions, strict=True)]
    review_days = [r or "" for r in reviews]
    status_cells = list(statuses)
    if not english:  # words and dates as the language writes them, each looked up once
        said = {s: status_word(s) for s in set(statuses)}
        status_cells = [said[s] for s in statuses]
        review_days = [f"{r[8:10]}.{r[5:7]}.{r[:4]}" if r else "" for r in review_days]
    values = [list(ids), status_cells, list(titles), versions, review_days, list(map(", ".join, tags))]
    styles: list[list[str]] = []
    if colour:
        due = [
            "bold red" if is_due(status, review, today_iso) else ""
            for review, status in zip(reviews, field["status"], strict=True)
        ]
        blank = [""] * len(ids)
        styles = [["bold"] * len(ids), [STATUS_STYLE.get(s, "") for s in statuses], blank, blank, due, blank]
    return render(columns, values, styles, terminal=terminal, colour=colour)
