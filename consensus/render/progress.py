"""A progress bar on a terminal, for long work (``import adr``): the one place rich earns its
cost, redrawing a line in place as the work goes on. Everything else is plain text we lay out
and paint ourselves (``layout``), which a long listing needs to be fast."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from .table import colours_wanted, screen_width


@contextmanager
def progress(what: str) -> Iterator[Callable[[int, int], None] | None]:
    """A progress bar on standard error while it is a terminal; nothing elsewhere. Colours as
    ``colours_wanted`` says (NO_COLOR: no styles at all)."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress

    colour = colours_wanted(sys.stderr)
    console = Console(file=sys.stderr, markup=False, emoji=False, highlight=False, force_terminal=True,
                      color_system="standard" if colour else None, width=screen_width(), no_color=not colour)
    with Progress(console=console, transient=True) as bar:
        task = bar.add_task(what, total=None)

        def tick(done: int, total: int) -> None:
            if total >= 50:
                bar.update(task, completed=done, total=total)

        yield tick
