"""Reading Architecture Decision Records as people really write them (adr-tools and MADR).

One file becomes one ``Record``: its heading, date, status in our vocabulary (and as written),
and the relations it declares (supersession, partial supersession, amendment), with everything
that could not be understood kept as the raw wording it was.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import Any

from .language import N_, _

Kind = str  # "accepted", "proposed", "rejected", "deprecated", "superseded", "none", "unknown"

_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
# A heading's text is taken to the end of its line, and its closing #s are cut off by ``_atx``: a
# lazy match that left them to the pattern tried every end of a long line (100 KB: 74 s).
_H1 = re.compile(r"^[ \t]{0,3}#(?!#)[ \t]*(.+)$", re.M)
_SECTION = re.compile(r"^[ \t]{0,3}(#{2,6})[ \t]*(.+)$", re.M)
_FIELD = re.compile(
    r"^[ \t]*(?:[-*+][ \t]+)?(?:\*\*|__)?(status|date|deciders|decision-makers)(?:\*\*|__)?[ \t]*:"
    r"[ \t]*(?:\*\*|__)?[ \t]*(.*?)[ \t]*$",
    re.M | re.I,
)
_MAY_HOLD_CODE = re.compile(r"```|~~~|^(?: {4}|\t)", re.M)
NUMBER_IN_NAME = re.compile(r"^(?:adr[-_ ]?)?0*(\d{1,5})(?=[-_. ]|$)", re.I)
_TITLE_NUMBER = re.compile(r"^(?:adr[-_ #]?\s*)?\d{1,5}\s*(?:[.:)\-–—]\s*|\s+)", re.I)
# A link's text holds no bracket: from each "[" the search then stops at the next one ("[[[[…" of
# 20,000 took 3.3 s when it looked to the end every time).
_LINK = re.compile(r"!?\[([^\[\]]*)\]\(\s*<?([^)>\s]+)>?(?:\s+\"[^\"]*\")?\s*\)")
ADR_REF = re.compile(r"\badr[\s#_-]*0*(\d{1,5})\b", re.I)
_PLACEHOLDER = re.compile(
    r"\{[^{}\n]{0,40}\s[^{}\n]{0,40}\}|\[short title[^\]]*\]|\bNUMBER\.\s*TITLE\b|^\s*(?:STATUS|DATE)\s*$|"
    r"\[(?:proposed|accepted)\s*\|[^\]]*\]",
    re.I | re.M,
)
_RECORD_SECTIONS = re.compile(
    r"^(status|context|context and problem statement|decision|decision outcome|decision drivers|"
    r"considered options|consequences|pros and cons of the options)\b",
    re.I,
)
# The words that start a relation, longest first: "partly superseded by" is not "superseded by".
_RELATION = re.compile(
    r"(?P<partly_by>\b(?:partly|partially|partial)[\s-]+(?:super[sc]eded|replaced)\s*(?:by|with)\b)"
    r"|(?P<partly_of>\b(?:partly|partially)[\s-]+(?:supersedes|supercedes|replaces)\b)"
    r"|(?P<by>\b(?:superseded|superceded|replaced)\s*(?:by|with)\b)"
    r"|(?P<of>\b(?:supersedes|supercedes|replaces)\b)"
    r"|(?P<amended_by>\bamended\s+by\b)"
    r"|(?P<amends>\bamends\b)"
    r"|(?P<other>\b(?:relates?\s+to|complete[sd]?(?:\s+by)?|complement(?:s|ed\s+by)|"
    r"overrid(?:es|den\s+by)|requires?|reverted\s+by|depends\s+on|extends|see\s+also)\b)",
    re.I,
)
_RELATION_OF_GROUP = {
    "partly_by": ("partly_replaces", "by"), "partly_of": ("partly_replaces", "of"),
    "by": ("replaces", "by"), "of": ("replaces", "of"),
    "amended_by": ("amends", "by"), "amends": ("amends", "of"),
}
RELATION_WORDS = {  # translated where they are shown
    ("replaces", "by"): N_("superseded by"), ("replaces", "of"): N_("supersedes"),
    ("partly_replaces", "by"): N_("partly superseded by"), ("partly_replaces", "of"): N_("partly supersedes"),
    ("amends", "by"): N_("amended by"), ("amends", "of"): N_("amends"),
}
_PARTLY = re.compile(r"\b(?:partly|partially|partial(?:ly)?)[\s-]+super[sc]eded\b", re.I)
_BORDERLINE = re.compile(r"\b(?:overrid(?:den|es)|override)\b", re.I)

_KINDS: list[tuple[str, Kind]] = [
    (r"super[sc]eded|replaced", "superseded"),
    (r"deprecated|obsolete|retired|abandoned|no[\s-]+longer[\s-]+relevant|reverted|archived|sunset", "deprecated"),
    (r"rejected|declined|refused|dismissed|won'?t[\s-]+do|wontfix", "rejected"),
    (r"accepted|adopted|approved|agreed|decided|implemented|done|completed?|active|enacted|in[\s-]+effect", "accepted"),
    (r"proposed|proposal|draft(?:ed)?|in[\s-]+review|under[\s-]+review|reviewing|pending|open|incomplete|"
     r"under[\s-]+discussion|discussing|in[\s-]+progress|wip|on[\s-]+hold|suggested|planned", "proposed"),
]
_KIND_RE = re.compile(r"(?<![\w-])(?:(not|non|never)[\s-]+)?(" + "|".join(p for p, _ in _KINDS) + r")(?![\w])", re.I)
# Words between two statuses that offer a choice: a template's "Accepted or Rejected" left as it was.
_CHOICE = re.compile(r"\s*(?:\bor\b|\boder\b|/|\|)\s*", re.I)

# Written out rather than taken from ``calendar``, whose names follow the process's locale.
_MONTH_NAMES = {
    1: "january jan januar jänner jän", 2: "february feb februar feber", 3: "march mar märz maerz mär mrz",
    4: "april apr", 5: "may mai", 6: "june jun juni", 7: "july jul juli", 8: "august aug",
    9: "september sep sept", 10: "october oct oktober okt", 11: "november nov",
    12: "december dec dezember dez",
}
_MONTHS = {name: number for number, names in _MONTH_NAMES.items() for name in names.split()}
_WORD = r"[^\W\d_]{3,9}"


@dataclass
class Link:
    """A reference to another record: a Markdown link target or an ADR number."""

    target: str | None = None  # a path as written (for links)
    number: int | None = None  # an ADR number (for plain references)
    text: str = ""

    def shown(self) -> str:
        """The reference as the record wrote it, for a note."""
        return self.target or self.text


@dataclass
class Relation:
    """A relation a record declares: ``side`` "by" when the other record is the newer one
    ("superseded by"), "of" when this one is ("supersedes")."""

    kind: str  # "replaces", "partly_replaces" or "amends"
    side: str
    link: Link

    @property
    def words(self) -> str:
        """The relation as a record words it: 'superseded by', 'amends'…"""
        return _(RELATION_WORDS[(self.kind, self.side)])


@dataclass
class Record:
    """One ADR file as read."""

    path: str  # relative to the imported folder, with forward slashes
    format: str  # "adr-tools" or "madr"
    heading: str  # the title as written, number and all
    title: str  # the heading without the number; the import may judge it again (see strip_number)
    text: str
    number: int | None
    date: dt.date | None
    raw_date: str | None
    kind: Kind
    raw_status: str | None
    relations: list[Relation] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what a person should confirm

    @property
    def status_words(self) -> str:
        """The status on one short line, without its Markdown, for a note."""
        return _short(_clean(self.raw_status or ""))

    @property
    def status_as_written(self) -> str | None:
        """The status as the file words it, without trailing spaces or runs of blank lines."""
        if self.raw_status is None:
            return None
        lines = [line.rstrip() for line in self.raw_status.strip().splitlines()]
        return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)) or None


@dataclass
class Skipped:
    """A file that is not a decision record, and why."""

    path: str
    reason: str


def _clean(text: str) -> str:
    """Status prose without Markdown decoration: quotes, emphasis, code, badges, emoji."""
    text = _COMMENT.sub(" ", text)
    text = re.sub(r"!\[([^\]]*)\]\(([^)]*)\)", lambda m: f" {m.group(1)} {_badge(m.group(2))} ", text)
    text = re.sub(r"^[ \t]*>[ \t]?", "", text, flags=re.M)
    text = re.sub(r"[*_`~]+", "", text)
    text = "".join(
        " " if unicodedata.category(c) in ("So", "Sk", "Cf", "Mn") and c not in "'" else c for c in text
    )
    return re.sub(r"[ \t]+", " ", text).strip()


def _badge(url: str) -> str:
    # shields.io badges carry their words in the path: /badge/status-accepted-green
    match = re.search(r"/badge/([^/?#)]+)", url)
    return match.group(1).replace("-", " ").replace("_", " ") if match else ""


def _kind_of(word: str) -> Kind:
    return next(kind for pattern, kind in _KINDS if re.fullmatch(pattern, word, re.I))


def classify(status: str) -> tuple[Kind, list[str]]:
    """Our word for a status as written, and notes for anything a person should confirm.

    Only what clearly says accepted is put in force; a status that could mean something else is
    imported as proposed, and the note names it as written.
    """
    cleaned = _clean(status)
    if not cleaned:
        return "none", []
    shown = _short(cleaned)
    relation = _RELATION.search(cleaned)  # "On hold. Amended by [2](…)": the note names "On hold."
    own = _short(cleaned[: relation.start()]) if relation and relation.start() else shown
    prose = _LINK.sub(" ", cleaned)  # words in a link's text are not the status's own
    words = [(m, _kind_of(m.group(2))) for m in _KIND_RE.finditer(prose) if not m.group(1)]
    offered = {kind for _, kind in words if kind != "superseded"}
    choice = any(
        a_kind != b_kind and _CHOICE.fullmatch(prose[a.end(): b.start()])
        for (a, a_kind), (b, b_kind) in pairwise(words)
    )
    if _PLACEHOLDER.search(status) or re.search(r"\w\s*\|\s*\w", cleaned) or choice or len(offered) >= 3:
        return "unknown", [_("status '{shown}' is unedited template text: imported as proposed").format(shown=shown)]
    notes = []
    borderline = _BORDERLINE.search(cleaned)
    if borderline:
        notes.append(_("status says '{status}': kept as written, not as a supersession").format(
            status=_short(cleaned[borderline.start():], 90)))
        cleaned = cleaned[: borderline.start()]
    partly = bool(_PARTLY.search(cleaned))
    cleaned = _PARTLY.sub(" ", cleaned)  # what is partly superseded is still partly in force
    for match in _KIND_RE.finditer(cleaned):
        if match.group(1):  # "not implemented", "non accepted": a negation, not a status
            continue
        word = match.group(2)
        kind = _kind_of(word)
        if kind == "proposed" and not re.fullmatch(r"propos(?:ed|al)", word, re.I):
            notes.append(_("status '{status}' is imported as proposed").format(status=own))
        return kind, notes
    if partly:
        return "accepted", notes
    return "unknown", [*notes, _("status '{status}' is none of ours: imported as proposed").format(status=own)]


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def relations(status: str) -> list[Relation]:
    """The relations a status declares (supersession in either spelling, partial supersession,
    amendment), each with the links or ADR numbers that follow its words."""
    text = _COMMENT.sub(lambda m: " " * len(m.group(0)), status)
    text = re.sub(r"^([ \t]*)>", lambda m: m.group(1) + " ", text, flags=re.M)
    # Link texts may hold any words ("41. Replace jcloud with S3"): hide them while looking for
    # the relation words, so only the words of the status itself start a relation.
    masked = _LINK.sub(lambda m: "\x00" * len(m.group(0)), text)
    markers = list(_RELATION.finditer(masked))
    found: list[Relation] = []
    for index, marker in enumerate(markers):
        if marker.lastgroup not in _RELATION_OF_GROUP:
            continue
        kind, side = _RELATION_OF_GROUP[marker.lastgroup]
        end = marker.end()
        limit = markers[index + 1].start() if index + 1 < len(markers) else len(text)
        blank = re.search(r"\n[ \t]*\n", masked[end:limit])
        if blank:
            limit = end + blank.start()
        window = text[end:limit]
        links = [Link(target=m.group(2), text=m.group(1)) for m in _LINK.finditer(window)]
        if not links:
            links = [Link(number=int(m.group(1)), text=m.group(0)) for m in ADR_REF.finditer(window)]
        if not links:
            plain = re.match(r"\s*:?\s*\[?#?0*(\d{1,5})\b", window)
            if plain:
                links = [Link(number=int(plain.group(1)), text=plain.group(0).strip(" :"))]
        found.extend(Relation(kind, side, link) for link in links)
    return found


def parse_date(raw: Any) -> dt.date | None:
    """A date from every way the corpora write one, month names in English or German; None when
    it cannot be read."""
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    if raw is None:
        return None
    text = _clean(unicodedata.normalize("NFC", str(raw))).strip().strip(".,")

    def month(name: str) -> int | None:
        return _MONTHS.get(name.lower())

    candidates: list[tuple[int, int | None, int]] = []
    match = re.search(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b", text)
    if match:
        candidates.append((int(match[1]), int(match[2]), int(match[3])))
    match = re.search(rf"\b(\d{{4}})[-/ ]({_WORD})[-/ ](\d{{1,2}})\b", text)
    if match:
        candidates.append((int(match[1]), month(match[2]), int(match[3])))
    match = re.search(r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{2}|\d{4})\b", text)
    if match:
        year = int(match[3]) + (2000 if len(match[3]) == 2 else 0)
        day, number = int(match[1]), int(match[2])
        if number > 12 >= day:  # written month first, as in the US
            day, number = number, day
        candidates.append((year, number, day))
    match = re.search(rf"(?<!\w)({_WORD})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", text)
    if match:  # March 15, 2024
        candidates.append((int(match[3]), month(match[1]), int(match[2])))
    match = re.search(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\.?\s*(?:of\s+)?({_WORD})\.?,?\s+(\d{{4}})\b", text)
    if match:  # 15 March 2024, 15. März 2024
        candidates.append((int(match[3]), month(match[2]), int(match[1])))
    match = re.fullmatch(rf"({_WORD})\.?\s+(\d{{4}})", text)
    if match:  # May 2025
        candidates.append((int(match[2]), month(match[1]), 1))
    for year, in_year, day in candidates:
        if in_year is None:
            continue
        try:
            return dt.date(year, in_year, day)
        except ValueError:
            continue
    return None


def _front_matter(text: str) -> tuple[dict[str, Any] | None, str, str | None]:
    """(front matter, the rest, a problem) — front matter read with a real YAML parser, and only
    at the very top of the file."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return None, text, None
    import yaml

    try:
        data = yaml.load(match.group(1), Loader=_loader())  # a safe loader, without aliases
    except yaml.YAMLError as exc:
        return None, text[match.end():], _("front matter is not YAML ({problem})").format(problem=str(exc).splitlines()[0])
    except RecursionError:
        return None, text[match.end():], _("front matter is nested too deeply to be read")
    return (data if isinstance(data, dict) else {}), text[match.end():], None


@cache
def _loader() -> Any:
    """PyYAML's safe loader without aliases: a record's front matter has no use for them, and a
    few lines of them unfold into a billion values (a file from a clone is untrusted)."""
    import yaml

    class NoAliases(yaml.SafeLoader):
        def compose_node(self, parent: Any, index: Any) -> Any:
            if self.check_event(yaml.AliasEvent):
                raise yaml.composer.ComposerError(None, None, "aliases (*name) are not read", None)
            return super().compose_node(parent, index)

    return NoAliases


@cache
def _block_parser() -> Any:
    # markdown-it-py, CommonMark's reference rules in Python: where fenced and indented code
    # blocks begin and end (lists, unclosed fences, tildes) is exactly what it knows. Only the
    # block rules run: the inline ones would cost time and tell nothing here.
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark")
    parser.core.ruler.enableOnly(["normalize", "block"])
    return parser


def hide_code(text: str) -> str:
    """``text`` with its fenced and indented code blocks blanked to spaces, every position kept:
    an example front matter or ``Status:`` line in a code block is not the record's own."""
    if not _MAY_HOLD_CODE.search(text):
        return text
    lines = text.replace("\r", "\n").split("\n")  # as the parser counts lines
    for token in _block_parser().parse("\n".join(lines)):
        if token.type in ("fence", "code_block") and token.map:
            for number in range(*token.map):
                lines[number] = " " * len(lines[number])
    return "\n".join(lines)


def _atx(text: str) -> str:
    """A heading's text without the #s that may close it ("## Status ##")."""
    return text.rstrip(" \t#").strip() or text.strip()


def _sections(body: str) -> list[tuple[str, str]]:
    """(heading, content) for each level-2+ heading."""
    found = list(_SECTION.finditer(body))
    return [
        (_atx(m.group(2)), body[m.end(): found[i + 1].start() if i + 1 < len(found) else len(body)])
        for i, m in enumerate(found)
    ]


def heading_form(heading: str) -> str | None:
    """How a heading writes its number ("n.", "adr-n:", "n"), or None if it starts with none."""
    match = _TITLE_NUMBER.match(heading)
    if match is None:
        return None
    return re.sub(r"\d+", "n", " ".join(match.group(0).lower().split()))


def heading_number(heading: str) -> int | None:
    """The number a heading starts with, if any."""
    match = _TITLE_NUMBER.match(heading)
    return int(re.sub(r"\D", "", match.group(0))) if match else None


def strip_number(heading: str, number: int | None, usual: str | None) -> str:
    """The title without its leading ADR number ("3. Title", "ADR-0003: Title"): only where the
    number is the file's, or the heading writes it as the collection usually does (``usual``, a
    ``heading_form``). "2020 Vision" keeps its number."""
    match = _TITLE_NUMBER.match(heading)
    if match is None:
        return heading.strip()
    if heading_number(heading) != number and heading_form(heading) != usual:
        return heading.strip()
    return heading[match.end():].strip() or heading.strip()


def read(data: bytes, relative: str, forced: str = "auto") -> Record | Skipped:
    """A record from one file's bytes, or why the file is not one."""
    try:
        raw = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return Skipped(relative, _("not UTF-8 text"))
    text = raw.replace("\r\n", "\n")
    meta, body, problem = _front_matter(text)
    notes = [problem] if problem else []
    # Comments and code blanked to the same length, so positions in ``visible`` are positions
    # in ``body``: headings, fields and sections are looked for only in the record's own prose.
    visible = hide_code(_COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), body))
    heading = _H1.search(visible)
    if heading is None:
        title_from_meta = str((meta or {}).get("title") or "").strip()
        if not title_from_meta:
            return Skipped(relative, _("no record heading (# Title)"))
        title_line, after = title_from_meta, body
    else:
        title_line, after = _atx(heading.group(1)), body[heading.end():]
    sections = _sections(visible[heading.end():] if heading else visible)
    fields: dict[str, str] = {}
    for found in _FIELD.finditer(visible[: 4000]):
        if found.group(2):
            fields.setdefault(found.group(1).lower(), found.group(2))
    meta = meta or {}
    status_section = next((content for name, content in sections if re.match(r"status\b", name, re.I)), None)
    looks_like_record = (
        bool(meta.get("status") or meta.get("date")) or status_section is not None or "status" in fields
        or any(_RECORD_SECTIONS.match(name) for name, _ in sections)
        or bool(re.match(r"^\d+\.?\s", title_line))
    )
    if not looks_like_record:
        return Skipped(relative, _("no record heading and no record sections (Status, Context, Decision)"))
    if _is_template(title_line, visible):
        return Skipped(relative, _("a template full of placeholders"))

    madr = bool(meta) or "status" in fields or any(
        name.lower().startswith(("context and problem statement", "decision outcome", "considered options"))
        for name, _ in sections
    )
    style = forced if forced != "auto" else ("madr" if madr and status_section is None else "adr-tools")

    raw_status: str | None = None
    if meta.get("status") is not None:
        raw_status = str(meta["status"])
    elif status_section is not None and status_section.strip():
        raw_status = status_section.strip()
    elif "status" in fields:
        raw_status = fields["status"]
    kind, status_notes = classify(raw_status) if raw_status is not None else ("none", [])
    notes.extend(status_notes)

    raw_date: Any = meta.get("date")
    if raw_date is None:
        raw_date = fields.get("date")
    if raw_date is None:
        match = re.search(r"^[ \t]*(?:\*\*|__)?Date(?:\*\*|__)?:?(?:\*\*|__)?[ \t]*(.+?)[ \t]*$", visible[:3000], re.M | re.I)
        raw_date = match.group(1) if match else None
    date = parse_date(raw_date)
    shown_date = None if raw_date is None else str(raw_date).strip()
    if raw_date is not None and date is None:
        notes.append(_("date '{date}' cannot be read: kept as written").format(date=_short(shown_date or "")))

    number_match = NUMBER_IN_NAME.match(Path(relative).name)
    number = int(number_match.group(1)) if number_match else None
    content = after.strip("\n")
    if meta.get("date") is not None and date is None:  # front matter is not kept in the text
        content = _("Date (as written): {date}").format(date=shown_date) + f"\n\n{content}"
    heading_text = _clean_title(title_line)
    return Record(
        path=relative,
        format=style,
        heading=heading_text,
        title=strip_number(heading_text, number, None),
        text=content or title_line,
        number=number,
        date=date,
        raw_date=shown_date,
        kind=kind,
        raw_status=raw_status,
        relations=relations(raw_status) if raw_status else [],
        notes=notes,
    )


def _is_template(title: str, body: str) -> bool:
    """An unfilled template: a placeholder title, or placeholders all over its prose (``body``
    with its code already blanked)."""
    if _PLACEHOLDER.search(title) or re.fullmatch(r"(?:NUMBER\.?\s*)?TITLE|\{.*\}", title.strip()):
        return True
    prose = re.sub(r"`[^`\n]*`", "", body)
    return len(set(_PLACEHOLDER.findall(prose))) >= 3  # distinct ones: {key} in examples is no template


def _clean_title(title: str) -> str:
    return " ".join(title.replace("\t", " ").split())
