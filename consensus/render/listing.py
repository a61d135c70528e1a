"""The table ``list`` prints: plain and fast, since registers can be large (no rich here)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from consensus.index import Row

from .table import STATUS_STYLE, Column, render


def decision_list(
    rows: Sequence[tuple[Row, tuple[int, str] | None]], today: dt.date, *, terminal: bool, colour: bool
) -> str:
    """One decision per line: id, status, title, version, review date, tags."""
    if not rows:
        return "No decisions match.\n"
    columns = [Column("ID", ascii=True), Column("Status", ascii=True), Column("Title", flexible=True),
               Column("Ver", right=True, ascii=True), Column("Review by", ascii=True), Column("Tags", limit=24)]
    today_iso = today.isoformat()
    statuses, titles, versions = [], [], []
    for row, shown in rows:
        if shown:
            statuses.append("active")
            titles.append(shown[1])
            versions.append(f"v{shown[0]}")
            continue
        statuses.append(row.status)
        titles.append(row.title)
        number, proposed = row.current_version, row.open_version
        versions.append((f"v{number} (+v{proposed})" if number else f"v{proposed}") if proposed
                        else f"v{number}" if number else "")
    ids = [row.id for row, _ in rows]
    reviews = [row.review_by or "" for row, _ in rows]
    values = [ids, statuses, titles, versions, reviews, [", ".join(row.tags) for row, _ in rows]]
    styles: list[list[str]] = []
    if colour:
        due = [
            "bold red" if row.review_by is not None and row.review_by <= today_iso and row.status == "active" else ""
            for row, _ in rows
        ]
        styles = [["bold"] * len(ids), [STATUS_STYLE.get(s, "") for s in statuses], [""] * len(ids),
                  [""] * len(ids), due, [""] * len(ids)]
    return render(columns, values, styles, terminal=terminal, colour=colour)
