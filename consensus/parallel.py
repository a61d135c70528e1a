"""Spreading a job over files across every core, for the few jobs that read the whole register;
and running a job that holds much for a while in a process of its own (``apart``).

Parsing TOML is most of the cost of ``check`` and of a first ``list`` on a fresh clone; at ten
thousand files a second core halves the wait. Below ``THRESHOLD`` files, or where processes
cannot be started, the job runs here, in this process.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, TypeVar, cast

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

T = TypeVar("T")
R = TypeVar("R")

THRESHOLD = 1000
LARGEST = 2500  # items in one chunk at most


def map_chunks(job: Callable[[str, list[T]], R], root: str, items: Sequence[T]) -> list[R]:
    """``job(root, chunk)`` for contiguous chunks of ``items``, results in the items' order.

    ``job`` must be a module-level function (it is sent to the workers by name).
    """
    return list(each_chunk(job, root, items))


def each_chunk(job: Callable[[str, list[T]], R], root: str, items: Sequence[T]) -> Iterator[R]:
    """As ``map_chunks``, each result as soon as it is there (and the chunks no larger than
    ``LARGEST``): what a whole register of results would take in memory is never held at once."""
    workers = min(os.cpu_count() or 1, 8)
    if len(items) < THRESHOLD or workers < 2:
        for start in range(0, len(items), LARGEST):
            yield job(root, list(items[start:start + LARGEST]))
        return
    from concurrent.futures.process import BrokenProcessPool

    size = min(-(-len(items) // (workers * 4)), LARGEST)  # a few chunks a worker, so none waits on another
    chunks = [list(items[i:i + size]) for i in range(0, len(items), size)]
    done = 0
    try:
        with _pool(workers) as pool:
            for result in pool.map(job, [root] * len(chunks), chunks):
                done += 1
                yield result
    except (OSError, BrokenProcessPool):  # no processes to be had (a sandbox, a limit), or one died
        for chunk in chunks[done:]:
            yield job(root, chunk)


def _pool(workers: int) -> ProcessPoolExecutor:
    """A pool of ``workers`` processes, forked where that is safe and quick (everything is
    imported already), elsewhere started as is the default; ``OSError`` where none can be had."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from . import language

    context = multiprocessing.get_context("fork") if sys.platform == "linux" else None
    # A forked worker flushes what it inherited when it ends: nothing may be waiting in them.
    sys.stdout.flush()
    sys.stderr.flush()
    return ProcessPoolExecutor(workers, mp_context=context, initializer=_worker_start, initargs=(language.current(),))


def _worker_start(speech: str) -> None:
    # A worker started afresh (not forked) speaks the command's language in what it finds.
    from . import language

    language.use(speech)
    # Ctrl-C is for the command, which stops and says so once; workers finish quietly instead
    # of each printing a traceback.
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


_APART: Callable[[], object] | None = None  # what the process ``apart`` forks makes: it finds it here


def apart(make: Callable[[], R]) -> R:
    """``make()`` in a forked process of its own, for a job that holds much for a while: what it
    held goes with the process, where in this one it would stay in part (Python gives memory back
    to the system only where nothing else lives beside it). Here, where no process can be had, or
    where the one it ran in died; what ``make`` raises there is raised here."""
    global _APART
    if sys.platform != "linux":  # a process started afresh could not be handed ``make``
        return make()
    from concurrent.futures.process import BrokenProcessPool

    _APART = make
    try:
        pool = None
        try:
            pool = _pool(1)
            future = pool.submit(_run_apart)
        except (OSError, BrokenProcessPool):  # no process to be had (a sandbox, a limit)
            if pool is not None:
                pool.shutdown(wait=False)
            return make()
        with pool:
            try:
                return cast(R, future.result())
            except BrokenProcessPool:  # it died (a signal, a limit)
                return make()
    finally:
        _APART = None


def _run_apart() -> object:
    assert _APART is not None
    return _APART()
