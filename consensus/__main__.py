"""``python -m consensus`` and the ``consensus`` command."""

from __future__ import annotations

import os
import sys


def _without_dir(args: list[str]) -> list[str]:
    """``args`` without a leading ``-C PATH`` (or ``--dir``): it changes nothing about the help."""
    while args[:1] in (["-C"], ["--dir"]) and len(args) > 1:
        args = args[2:]
    while args and (args[0].startswith("--dir=") or (args[0].startswith("-C") and len(args[0]) > 2)):
        args = args[1:]
    return args


def main() -> None:
    """Run the command line; ``--version``, ``--help`` and git's merge driver answer without
    loading click."""
    if len(sys.argv) == 6 and sys.argv[1] == "git-merge":
        _merge(*sys.argv[2:])  # returns only when the files cannot be merged: the command says why
    if sys.argv[1:] == ["--version"]:
        from . import __version__

        sys.stdout.write(f"consensus {__version__}\n")
        return
    if _without_dir(sys.argv[1:]) in (["--help"], ["-h"]):
        import shutil

        # click measures the terminal the same way; narrower ones get click's own wrapping.
        if shutil.get_terminal_size().columns >= 80:
            from . import _help
            from .language import from_environment, from_locale

            german = (from_environment() or from_locale()) == "de"
            sys.stdout.write(_help.HELP_DE if german else _help.HELP)
            return
    import gc

    # A command lives for a moment and makes no reference cycles worth collecting; the cycle
    # collector would only walk the ten thousand rows of a large register again and again.
    gc.disable()
    from .cli import main as cli_main

    try:
        cli_main()
    except SystemExit as exc:
        _leave(exc.code)
    _leave(0)


def _merge(ancestor: str, ours: str, theirs: str, path: str) -> None:
    """What git's merge driver does (``git-merge %O %A %B %P``), for each file of a pull that both
    sides changed: without click (nor pydantic, for files consensus wrote), as git starts it once a
    file. Where the files cannot be merged, nothing was written: the command line, which git then
    runs below, says why in its words."""
    from pathlib import Path

    from . import language
    from .errors import ConsensusError
    from .gitmerge import merge_files, spoken

    language.use(spoken(path))
    try:
        notes = merge_files(Path(ours), Path(theirs), path, Path(ancestor))
    except (ConsensusError, OSError):
        return
    from .render import safe

    for note in notes:
        sys.stderr.write(safe(f"consensus: {note}") + "\n")
    _leave(0)


def _leave(code: object) -> None:
    """End the process at once. The interpreter would free everything object by object first
    (tens of milliseconds after a list of 10,000 decisions); the kernel frees it all in one go.
    Every file the command wrote is closed by now; only the standard streams need flushing.

    What ``os._exit`` gives up: ``atexit`` hooks, ``finally`` blocks still pending in other
    threads, and flushing of any stream but the two below. consensus registers no hook and
    starts no thread; a library that did would lose its hook here."""
    if code is None:
        code = 0
    elif not isinstance(code, int):
        sys.stderr.write(f"{code}\n")
        code = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a reader that went away, a stream already closed
            code = code or 1
    os._exit(code)


if __name__ == "__main__":
    main()
