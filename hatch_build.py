"""Build step: compile the gettext catalogues (``.po``, kept in the repository) into the ``.mo``
files the package reads at run time. The compiler is the standard one's logic (CPython's
``Tools/i18n/msgfmt.py``), small enough to keep here, so that building needs nothing more."""

from __future__ import annotations

import ast
import struct
from pathlib import Path
from typing import Any

try:
    from hatchling.builders.hooks.plugin.interface import BuildHookInterface
except ImportError:  # run by hand (python hatch_build.py) or by the tests, outside a build
    BuildHookInterface = object

LOCALE = Path(__file__).parent / "consensus" / "locale"


def parse_po(text: str) -> dict[str, str]:
    """The translations of a ``.po`` file: {msgid (with a plural: "singular\\0plural"): msgstr
    (plural forms joined by "\\0")}. Fuzzy entries and untranslated ones are left out."""
    entries: dict[str, str] = {}
    fields: dict[str, list[str]] = {}
    current: str | None = None
    fuzzy = False

    def finish() -> None:
        nonlocal fields, fuzzy
        if "msgid" in fields:
            msgid = "".join(fields["msgid"])
            if "msgctxt" in fields:  # gettext's way: the context, EOT, then the message
                msgid = "".join(fields["msgctxt"]) + "\x04" + msgid
            if "msgid_plural" in fields:
                msgid += "\0" + "".join(fields["msgid_plural"])
                forms = [fields[k] for k in sorted(k for k in fields if k.startswith("msgstr["))]
                msgstr = "\0".join("".join(f) for f in forms)
            else:
                msgstr = "".join(fields.get("msgstr", []))
            if msgstr.strip("\0") and (not fuzzy or not msgid):
                entries[msgid] = msgstr
        fields, fuzzy = {}, False

    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith("#,") and "fuzzy" in line:
            fuzzy = True
        if not line or line.startswith("#"):
            if not line and fields:
                finish()
            continue
        if line.startswith('"'):
            assert current is not None, f"a string continues nothing: {raw!r}"
            fields[current].append(ast.literal_eval(line))
            continue
        keyword, _, value = line.partition(" ")
        if keyword in ("msgid", "msgctxt") and "msgid" in fields:
            finish()
        current = keyword
        fields[keyword] = [ast.literal_eval(value.strip())]
    finish()
    return entries


def compile_mo(entries: dict[str, str]) -> bytes:
    """The ``.mo`` file of ``entries`` (GNU gettext's format, little-endian)."""
    keys = sorted(entries)
    ids = b"".join(k.encode("utf-8") + b"\0" for k in keys)
    strs = b"".join(entries[k].encode("utf-8") + b"\0" for k in keys)
    count = len(keys)
    key_start = 7 * 4 + 16 * count
    value_start = key_start + len(ids)
    offsets: list[int] = []
    position = 0
    for k in keys:
        size = len(k.encode("utf-8"))
        offsets += [size, key_start + position]
        position += size + 1
    position = 0
    for k in keys:
        size = len(entries[k].encode("utf-8"))
        offsets += [size, value_start + position]
        position += size + 1
    header = struct.pack("<Iiiiiii", 0x950412DE, 0, count, 7 * 4, 7 * 4 + count * 8, 0, 0)
    return header + struct.pack(f"<{len(offsets)}i", *offsets) + ids + strs


def compile_all() -> list[Path]:
    """Every catalogue compiled beside itself; returns the ``.mo`` files."""
    made = []
    for po in sorted(LOCALE.glob("*/LC_MESSAGES/*.po")):
        mo = po.with_suffix(".mo")
        data = compile_mo(parse_po(po.read_text(encoding="utf-8")))
        if not mo.exists() or mo.read_bytes() != data:
            mo.write_bytes(data)
        made.append(mo)
    return made


class CatalogueHook(BuildHookInterface):  # type: ignore[type-arg]
    """Compiles the catalogues for every build, editable ones too."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        root = Path(self.root)
        for mo in compile_all():
            build_data["artifacts"].append(str(mo.relative_to(root)))


if __name__ == "__main__":
    for made in compile_all():
        print(made)
