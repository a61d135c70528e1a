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
    cells = []
    for row, shown in rows:
        status = "active" if shown else row.status
        number = shown[0] if shown else row.current_version
        version = f"v{number}" if number else ""
        if row.open_version and not shown:
            version += f" (+v{row.open_version})" if number else f"v{row.open_version}"
        review = row.review_by
        due = review is not None and review <= today and row.status == "active"
        cells.append((
            (row.id, "bold"), (status, STATUS_STYLE.get(status, "")), (shown[1] if shown else row.title, ""),
            (version, ""), (review.isoformat() if review else "", "bold red" if due else ""),
            (", ".join(row.tags), ""),
        ))
    return render(columns, cells, terminal=terminal, colour=colour)
