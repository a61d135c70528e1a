"""``python -m consensus`` and the ``consensus`` command."""

from __future__ import annotations

import sys


def main() -> None:
    """Run the command line; ``--version`` and ``--help`` answer without loading click."""
    if sys.argv[1:] == ["--version"]:
        from . import __version__

        sys.stdout.write(f"consensus {__version__}\n")
        return
    if sys.argv[1:] in (["--help"], ["-h"]):
        import shutil

        # click measures the terminal the same way; narrower ones get click's own wrapping.
        if shutil.get_terminal_size().columns >= 80:
            from ._help import HELP

            sys.stdout.write(HELP)
            return
    import gc

    # A command lives for a moment and makes no reference cycles worth collecting; the cycle
    # collector would only walk the ten thousand rows of a large register again and again.
    gc.disable()
    from .cli import main as cli_main

    cli_main()


if __name__ == "__main__":
    main()
