"""The table ``list`` prints: plain and fast, since registers can be large (no rich here)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from consensus.rows import Row, is_due

from .style import STATUS_STYLE
from .table import Column, render


def decision_list(
    rows: Sequence[tuple[Row, tuple[int, str] | None]], today: dt.date, *, terminal: bool, colour: bool
) -> str:
    """One decision per line: id, status, title, version, review date, tags."""
    if not rows:
        return "No decisions match.\n"
    columns = [Column("ID", ascii=True), Column("Status", ascii=True), Column("Title", flexible=True),
               Column("Ver", right=True, ascii=True), Column("Review by", ascii=True), Column("Tags", limit=24)]
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
    values = [list(ids), list(statuses), list(titles), versions, [r or "" for r in reviews], list(map(", ".join, tags))]
    styles: list[list[str]] = []
    if colour:
        due = [
            "bold red" if is_due(status, review, today_iso) else ""
            for review, status in zip(reviews, field["status"], strict=True)
        ]
        blank = [""] * len(ids)
        styles = [["bold"] * len(ids), [STATUS_STYLE.get(s, "") for s in values[1]], blank, blank, due, blank]
    return render(columns, values, styles, terminal=terminal, colour=colour)
