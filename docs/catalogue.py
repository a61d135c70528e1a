"""The gettext catalogue: every word the tool prints, to be translated (a tool for developers).

    python docs/catalogue.py            # extract the words, update consensus/locale/de/.../consensus.po
    python docs/catalogue.py --check    # exit 1 when a word has no German translation

The words come from three places: the ``_()``, ``n_()``, ``N_()``, ``in_()`` and ``n_in()`` calls in
the code; the help of every command and option (click stores it as written in the code); and
click's own words (``Usage:``, ``Options:``, its errors). Babel extracts and merges them; it is
needed only here, never at run time.
"""

from __future__ import annotations

import inspect
import sys
from collections.abc import Iterator
from pathlib import Path

import click
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "consensus"
PO = PACKAGE / "locale" / "de" / "LC_MESSAGES" / "consensus.po"
KEYWORDS = {"_": None, "N_": None, "n_": (1, 2), "in_": (2,), "n_in": (2, 3), "p_": ((1, "c"), 2),
            "NP_": ((1, "c"), 2)}
CLICK_KEYWORDS = {"_": None, "ngettext": (1, 2)}
Message = str | tuple[str, str]
Key = tuple[Message, str | None]  # a message and its context


# click's words that a user of consensus can meet (not those of its test runner or Windows console).
CLICK_MODULES = ("core.py", "exceptions.py", "types.py", "parser.py", "decorators.py", "formatting.py", "termui.py",
                 "_termui_impl.py")


def _extracted(folder: Path, keywords: dict[str, object], prefix: str,
               only: tuple[str, ...] = ()) -> Iterator[tuple[Key, str]]:
    for filename, lineno, message, _comments, context in extract_from_dir(
        str(folder), keywords=keywords, comment_tags=(), method_map=[("**.py", "python")],
    ):
        if only and filename not in only:
            continue
        if isinstance(message, tuple):
            message = tuple(m for m in message if m)  # type: ignore[assignment]
            if len(message) == 1:
                message = message[0]
        if message:
            yield (message, context), f"{prefix}/{filename}:{lineno}"


# The words of click 8.3.0, the lowest release pyproject.toml allows (CI runs the tests with it),
# that later releases changed: a user with that click meets them, so they are translated too,
# whichever click this catalogue is extracted from. ("short_help" and "required" are what Babel
# takes from click 8.3.0's code; never shown as such.)
CLICK_8_3_0 = ("{text} {deprecated_message}", "No such option: {name}", "Error: The value you entered was invalid.",
               "Error: {e.message}", "required", "short_help")


def _older_click() -> Iterator[tuple[Key, str]]:
    for message in CLICK_8_3_0:
        yield (message, None), "click 8.3.0"


def _help_texts() -> Iterator[tuple[Key, str]]:
    sys.path.insert(0, str(ROOT / "docs"))
    import reference  # docs/reference.py walks every command

    yield ("[OPTIONS]", None), "click usage"
    yield ("COMMAND [ARGS]...", None), "click usage"
    for path, command, _ctx in reference.commands():
        if command.help:  # as the command line looks it up: without the docstring's indentation
            yield (inspect.cleandoc(command.help), None), path
        if command.short_help:
            yield (command.short_help, None), path
        for param in command.params:
            if isinstance(param, click.Option) and param.help:
                yield (param.help, None), f"{path} {param.opts[0]}"
            if param.metavar:
                yield (param.metavar, None), f"{path} {param.name}"


def messages() -> dict[Key, list[str]]:
    """Every word to translate (with its context), and where it comes from."""
    found: dict[Key, list[str]] = {}
    sources = [
        _extracted(PACKAGE, KEYWORDS, "consensus"),
        _help_texts(),
        _extracted(Path(click.__file__).parent, CLICK_KEYWORDS, "click", CLICK_MODULES),
        _older_click(),
    ]
    for source in sources:
        for message, where in source:
            found.setdefault(message, []).append(where)
    return found


def template() -> Catalog:
    """The catalogue of every word, untranslated."""
    catalog = Catalog(project="consensus", domain="consensus", charset="utf-8")
    for (message, context), places in messages().items():
        catalog.add(message, locations=[(p.split(":")[0], 0) for p in places[:3]], context=context)
    return catalog


def german() -> Catalog:
    """The German catalogue as it is in the repository."""
    with open(PO, "rb") as handle:
        return read_po(handle, locale="de", domain="consensus")


def missing() -> list[Key]:
    """The words that have no German translation yet (or only a fuzzy one)."""
    known = german()
    out = []
    for message, context in messages():
        entry = known.get(message, context=context)
        text = entry.string if entry is not None else None
        done = all(text) if isinstance(text, tuple | list) else bool(text)
        if entry is None or not done or entry.fuzzy:
            out.append((message, context))
    return out


def update() -> None:
    """Bring the German catalogue up to date with the code: new words in, old ones out."""
    if PO.exists():
        catalog = german()
    else:
        PO.parent.mkdir(parents=True, exist_ok=True)
        catalog = Catalog(locale="de", project="consensus", domain="consensus", charset="utf-8")
    catalog.update(template(), no_fuzzy_matching=True)
    catalog.obsolete.clear()
    with open(PO, "wb") as handle:
        write_po(handle, catalog, width=100, omit_header=False, sort_output=False, include_previous=False)


if __name__ == "__main__":
    if sys.argv[1:] == ["--check"]:
        left = missing()
        for message, context in left:
            sys.stdout.write(f"no German for: {message!r}" + (f" (as {context})" if context else "") + "\n")
        sys.exit(1 if left else 0)
    update()
    sys.stdout.write(f"{PO.relative_to(ROOT)}: {len(missing())} words without German\n")
