"""What cog writes into ``docs/reference.md`` and ``README.md``, taken from the code itself.

    cog -r -I docs README.md docs/reference.md consensus/_help.py        # regenerate
    cog --check -I docs README.md docs/reference.md consensus/_help.py   # CI: fails when stale

Example output comes from running the real command on ``examples/bergkamen`` at a fixed moment,
so the pages change only when the tool or the example does.
"""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import click

from consensus.cli import cli
from consensus.models import Decision, Event, Header, Meeting, Note, Settings, Version
from consensus.shapes import DOCS

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "bergkamen"
MOMENT = "2026-11-24T09:00:00+01:00"
WIDTH = 80


def commands() -> Iterator[tuple[str, click.Command, click.Context]]:
    """Every visible command and group as (path, command, context), in the order of ``--help``."""

    def walk(command: click.Command, ctx: click.Context) -> Iterator[tuple[str, click.Command, click.Context]]:
        yield ctx.command_path, command, ctx
        if isinstance(command, click.Group):
            for name in command.list_commands(ctx):
                sub = command.get_command(ctx, name)
                if sub is not None and not sub.hidden:
                    yield from walk(sub, sub.make_context(name, [], parent=ctx, resilient_parsing=True))

    # make_context, as click does, so each command's context_settings (-h) apply.
    root = cli.make_context("consensus", [], resilient_parsing=True)
    yield from walk(cli, root)


def help_text(command: click.Command, ctx: click.Context) -> str:
    """The command's ``--help``, exactly as a terminal WIDTH columns wide shows it."""
    # click measures the terminal itself (and COLUMNS wins), so give it the same terminal.
    saved = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = str(WIDTH)
    try:
        return command.get_help(ctx)
    finally:
        if saved is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = saved


def top_help(language: str = "en") -> str:
    """``consensus --help`` in ``language`` (for the fast path in ``consensus/_help.py``). German is
    asked of a fresh process: translating the help changes the commands it is read from."""
    if language == "en":
        _path, command, ctx = next(commands())
        return help_text(command, ctx) + "\n"
    env = {**os.environ, "CONSENSUS_LANG": language, "COLUMNS": str(WIDTH)}
    shown = subprocess.run(
        [sys.executable, "-c", "import sys; sys.argv = ['consensus', '--help']; from consensus.cli import main; main()"],
        env=env, capture_output=True, text=True, check=True,
    )
    return shown.stdout


def command_reference() -> str:
    """A section per command: a heading people can link to, then its ``--help``."""
    parts = []
    for path, command, ctx in commands():
        parts.append(f"### `{path}`\n\n```text\n{help_text(command, ctx)}\n```\n")
    return "\n".join(parts)


def command_index() -> str:
    """One line per command with its short help, linking to its section."""
    lines = []
    for path, command, _ctx in commands():
        if path == "consensus":
            continue
        anchor = path.replace(" ", "-")
        lines.append(f"- [`{path}`](#{anchor}): {command.get_short_help_str(200)}")
    return "\n".join(lines) + "\n"


def settings_reference() -> str:
    """A table of ``consensus.toml``'s keys from the model's own field descriptions."""
    rows = ["| key | default | meaning |", "|---|---|---|"]
    for spec in dataclasses.fields(Settings):
        default = spec.default
        shown = "`[]`" if default == () else f"`{default!r}`".replace("'", '"')
        rows.append(f"| `{spec.name}` | {shown} | {spec.metadata['doc']} |")
    return "\n".join(rows) + "\n"


def json_reference() -> str:
    """A table per ``--json`` shape, from ``consensus/shapes.py``'s DOCS."""
    parts = []
    for name, (where, keys) in DOCS.items():
        rows = [f"### {name.replace('_', ' ')}", "", f"Printed by: {where}.", "", "| key | meaning |", "|---|---|"]
        rows += [f"| `{key}` | {meaning} |" if key != "…" else f"| … | {meaning} |" for key, meaning in keys.items()]
        parts.append("\n".join(rows) + "\n")
    return "\n".join(parts)


def _fields(cls: type, skip: tuple[str, ...] = ()) -> list[str]:
    rows = []
    for spec in dataclasses.fields(cls):
        if spec.name in skip or "doc" not in spec.metadata:
            continue
        rows.append(f"| `{spec.name}` | {spec.metadata['doc']} |")
    return rows


def file_reference() -> str:
    """Every key of decision and meeting files, from the models' own field descriptions."""
    head = ["| key | meaning |", "|---|---|"]
    first = sorted(_fields(Decision, ("versions", "history", "written")), key=lambda row: "`id`" in row)
    decision = [*head, *first, *_fields(Header)]  # as the file has them: format, id, then the header
    parts = [
        "### Decision files: `decisions/<id>.toml`\n\nAt the top, for people reading the file (the history "
        "decides; `check` proves the top says what the history says):\n\n" + "\n".join(decision) + "\n",
        "Then `[[versions]]`, one table per text:\n\n" + "\n".join([*head, *_fields(Version)]) + "\n",
        "Then `[[history]]`, one table per event, oldest first:\n\n" + "\n".join([*head, *_fields(Event)]) + "\n",
        "### Meeting files: `meetings/<id>.toml`\n\n" + "\n".join([*head, *_fields(Meeting)]) + "\n",
        "Each of its `[[notes]]`:\n\n" + "\n".join([*head, *_fields(Note)]) + "\n",
    ]
    return "\n".join(parts)


def live_words() -> str:
    """The words of ``consensus live``, in English and German, each with an example."""
    from consensus.language import in_
    from consensus.render.live import HELP

    def cell(text: str, code: bool = True) -> str:
        escaped = text.replace("|", "\\|")  # GitHub reads \| as a pipe inside a table, code or not
        return f"`{escaped}`" if code and text else escaped

    rows = ["| English | German | example | what it does |", "|---|---|---|---|"]
    for _word, form, example, what in HELP:
        rows.append(f"| {cell(form)} | {cell(in_('de', form))} | {cell(example)} | {cell(what, code=False)} |")
    return "\n".join(rows) + "\n"


def run(*args: str) -> str:
    """The installed command's output on the example register, at the fixed moment."""
    env = {
        **os.environ, "CONSENSUS_NOW": MOMENT, "NO_COLOR": "1", "COLUMNS": str(WIDTH),
        "CONSENSUS_DIR": str(EXAMPLE), "CONSENSUS_USER": "",
    }
    env.pop("FORCE_COLOR", None)
    result = subprocess.run(
        [sys.executable, "-m", "consensus", *args],
        env=env, capture_output=True, text=True, check=True, cwd=ROOT,
    )
    return result.stdout


def example(*args: str, fence: str = "text", lines: int | None = None) -> str:
    """A fenced block: the command line, then what it printed (cut after ``lines`` lines)."""
    output = run(*args).rstrip("\n").splitlines()
    cut = output[:lines] if lines is not None else output
    more = ["…"] if lines is not None and len(output) > lines else []
    if fence == "text":
        body = [f"$ consensus {' '.join(args)}", *cut, *more]
    else:
        body = [*cut, *more]
    return f"```{fence}\n" + "\n".join(body) + "\n```\n"


def excerpt(*args: str, until: str) -> str:
    """Markdown output up to the line starting with ``until``, quoted so that it renders
    inside another page without joining its headings."""
    output = run(*args).rstrip("\n").splitlines()
    cut = next((n for n, line in enumerate(output) if line.startswith(until)), len(output))
    quoted = [f"> {line}".rstrip() for line in output[:cut]]
    while quoted and quoted[-1] == ">":
        quoted.pop()
    return "\n".join(quoted) + "\n>\n> _…_\n"
