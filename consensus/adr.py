"""Reading Architecture Decision Records as people really write them (adr-tools and MADR).

One file becomes one ``Record``: title, date, status in our vocabulary, and the supersessions it
declares, with everything that could not be understood kept as the raw wording it was.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

Kind = str  # "accepted", "proposed", "rejected", "deprecated", "superseded", "none", "unknown"

_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_H1 = re.compile(r"^[ \t]{0,3}#(?!#)[ \t]*(.+?)[ \t#]*$", re.M)
_SECTION = re.compile(r"^[ \t]{0,3}(#{2,6})[ \t]*(.+?)[ \t#]*$", re.M)
_FIELD = re.compile(
    r"^[ \t]*(?:[-*+][ \t]+)?(?:\*\*|__)?(status|date|deciders|decision-makers)(?:\*\*|__)?[ \t]*:"
    r"[ \t]*(?:\*\*|__)?[ \t]*(.*?)[ \t]*$",
    re.M | re.I,
)
_NUMBER_IN_NAME = re.compile(r"^(?:adr[-_ ]?)?0*(\d{1,5})(?=[-_. ]|$)", re.I)
_TITLE_NUMBER = re.compile(r"^(?:adr[-_ #]?\s*)?\d{1,5}\s*(?:[.:)\-–—]\s*|\s+)", re.I)
_LINK = re.compile(r"!?\[([^\]]*)\]\(\s*<?([^)>\s]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_ADR_REF = re.compile(r"\badr[\s#_-]*0*(\d{1,5})\b", re.I)
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
_SUPERSEDED_BY = re.compile(r"\b(?:superseded|superceded|replaced)\s*(?:by|with)\b\s*:?", re.I)
_SUPERSEDES = re.compile(r"\b(?:supersedes|supercedes|replaces)\b\s*:?", re.I)
_OTHER_RELATION = re.compile(
    r"\b(?:amend(?:s|ed\s+by)|relates?\s+to|complete[sd]?(?:\s+by)?|complement(?:s|ed\s+by)|"
    r"overrid(?:es|den\s+by)|requires?|reverted\s+by|depends\s+on|extends|see\s+also)\b",
    re.I,
)
_PARTLY = re.compile(r"\b(?:partly|partially|partial(?:ly)?)[\s-]+super[sc]eded\b", re.I)
_BORDERLINE = re.compile(r"\b(?:overrid(?:den|es)|override)\b", re.I)

_KINDS: list[tuple[str, Kind]] = [
    (r"super[sc]eded|replaced", "superseded"),
    (r"deprecated|obsolete|retired|abandoned|no[\s-]+longer[\s-]+relevant|reverted|archived|sunset", "deprecated"),
    (r"rejected|declined|refused|dismissed|won'?t[\s-]+do|wontfix", "rejected"),
    (r"accepted|adopted|approved|agreed|decided|implemented|done|completed?|active|enacted|in[\s-]+effect", "accepted"),
    (r"proposed|proposal|draft(?:ed)?|in[\s-]+review|under[\s-]+review|reviewing|pending|open|"
     r"under[\s-]+discussion|discussing|in[\s-]+progress|wip|on[\s-]+hold|suggested|planned", "proposed"),
]
_KIND_RE = re.compile(r"(?<![\w-])(?:(not|non|never)[\s-]+)?(" + "|".join(p for p, _ in _KINDS) + r")(?![\w])", re.I)
_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9


@dataclass
class Link:
    """A reference to another record: a Markdown link target or an ADR number."""

    target: str | None = None  # a path as written (for links)
    number: int | None = None  # an ADR number (for plain references)
    text: str = ""


@dataclass
class Record:
    """One ADR file as read."""

    path: str  # relative to the imported folder, with forward slashes
    format: str  # "adr-tools" or "madr"
    title: str
    text: str
    number: int | None
    date: dt.date | None
    raw_date: str | None
    kind: Kind
    raw_status: str | None
    superseded_by: list[Link] = field(default_factory=list)
    supersedes: list[Link] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what a person should confirm


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


def classify(status: str) -> tuple[Kind, list[str]]:
    """Our word for a status as written, and notes for anything a person should confirm."""
    cleaned = _clean(status)
    if not cleaned:
        return "none", []
    notes = []
    if _PLACEHOLDER.search(status) or re.search(r"\w\s*\|\s*\w", cleaned):
        return "unknown", [f"status is unedited template text: '{_short(cleaned)}'"]
    if _PARTLY.search(cleaned):
        return "unknown", [f"status '{_short(cleaned)}' says partly superseded: kept as written"]
    if _BORDERLINE.search(cleaned):
        notes.append(f"status '{_short(cleaned)}' says overridden: kept as written, not as a supersession")
        cleaned = _BORDERLINE.split(cleaned)[0]
    for match in _KIND_RE.finditer(cleaned):
        if match.group(1):  # "not implemented", "non accepted": a negation, not a status
            continue
        word = match.group(2).lower()
        for pattern, kind in _KINDS:
            if re.fullmatch(pattern, word, re.I):
                return kind, notes
    return "unknown", [*notes, f"status '{_short(cleaned)}' maps to none of ours: kept as written"]


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def relations(status: str) -> tuple[list[Link], list[Link]]:
    """(superseded by, supersedes) as a status declares them, in either spelling."""
    text = _COMMENT.sub(lambda m: " " * len(m.group(0)), status)
    text = re.sub(r"^([ \t]*)>", lambda m: m.group(1) + " ", text, flags=re.M)
    # Link texts may hold any words ("41. Replace jcloud with S3"): hide them while looking for
    # the relation words, so only the words of the status itself start a relation.
    masked = _LINK.sub(lambda m: "\x00" * len(m.group(0)), text)
    markers = sorted(
        [(m.start(), m.end(), "by") for m in _SUPERSEDED_BY.finditer(masked)]
        + [(m.start(), m.end(), "of") for m in _SUPERSEDES.finditer(masked)]
        + [(m.start(), m.end(), "other") for m in _OTHER_RELATION.finditer(masked)]
    )
    by: list[Link] = []
    of: list[Link] = []
    for index, (start, end, which) in enumerate(markers):
        if which == "other" or _PARTLY.search(masked[max(0, start - 12): end]):
            continue
        limit = markers[index + 1][0] if index + 1 < len(markers) else len(text)
        blank = re.search(r"\n[ \t]*\n", masked[end:limit])
        if blank:
            limit = end + blank.start()
        window = text[end:limit]
        links = [Link(target=m.group(2), text=m.group(1)) for m in _LINK.finditer(window)]
        if not links:
            links = [Link(number=int(m.group(1)), text=m.group(0)) for m in _ADR_REF.finditer(window)]
        if not links:
            plain = re.match(r"\s*\[?#?0*(\d{1,5})\b", window)
            if plain:
                links = [Link(number=int(plain.group(1)), text=plain.group(0).strip())]
        (by if which == "by" else of).extend(links)
    return by, of


def parse_date(raw: Any) -> dt.date | None:
    """A date from every way the corpora write one; None when it cannot be read."""
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    if raw is None:
        return None
    text = _clean(str(raw)).strip().strip(".,")
    candidates = []
    match = re.search(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b", text)
    if match:
        candidates.append((int(match[1]), int(match[2]), int(match[3])))
    match = re.search(r"\b(\d{4})[-/ ]([A-Za-z]{3,9})[-/ ](\d{1,2})\b", text)
    if match and match[2].lower() in _MONTHS:
        candidates.append((int(match[1]), _MONTHS[match[2].lower()], int(match[3])))
    match = re.search(r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{2}|\d{4})\b", text)
    if match:
        year = int(match[3]) + (2000 if len(match[3]) == 2 else 0)
        day, month = int(match[1]), int(match[2])
        if month > 12 >= day:  # written month first, as in the US
            day, month = month, day
        candidates.append((year, month, day))
    match = re.search(r"\b([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b", text)
    if match and match[1].lower() in _MONTHS:
        candidates.append((int(match[3]), _MONTHS[match[1].lower()], int(match[2])))
    match = re.search(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})\b", text)
    if match and match[2].lower() in _MONTHS:
        candidates.append((int(match[3]), _MONTHS[match[2].lower()], int(match[1])))
    match = re.fullmatch(r"([A-Za-z]{3,9})\.?\s+(\d{4})", text)
    if match and match[1].lower() in _MONTHS:
        candidates.append((int(match[2]), _MONTHS[match[1].lower()], 1))
    for year, month, day in candidates:
        try:
            return dt.date(year, month, day)
        except ValueError:
            continue
    return None


def _front_matter(text: str) -> tuple[dict[str, Any] | None, str, str | None]:
    """(front matter, the rest, a problem) — front matter read with a real YAML parser."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return None, text, None
    import yaml

    try:
        data = yaml.safe_load(match.group(1))
    except yaml.YAMLError as exc:
        return None, text[match.end():], f"front matter is not YAML ({str(exc).splitlines()[0]})"
    return (data if isinstance(data, dict) else {}), text[match.end():], None


def _sections(body: str) -> list[tuple[str, str]]:
    """(heading, content) for each level-2+ heading."""
    found = list(_SECTION.finditer(body))
    return [
        (m.group(2).strip(), body[m.end(): found[i + 1].start() if i + 1 < len(found) else len(body)])
        for i, m in enumerate(found)
    ]


def _strip_number(title: str, number: int | None) -> str:
    """The title without its leading ADR number ("3. Title", "ADR-0003: Title")."""
    match = _TITLE_NUMBER.match(title)
    if match is None:
        return title.strip()
    digits = int(re.sub(r"\D", "", match.group(0)) or -1)
    marked = bool(re.match(r"(?:adr|\d+\s*[.:)])", match.group(0), re.I))
    # "2020 Vision" keeps its number; "3. Title" and a number equal to the file's do not.
    if not marked and digits != number:
        return title.strip()
    return title[match.end():].strip() or title.strip()


def read(path: Path, relative: str, forced: str = "auto") -> Record | Skipped:
    """A record from one file, or why the file is not one."""
    try:
        raw = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        return Skipped(relative, "not UTF-8 text")
    except OSError as exc:
        return Skipped(relative, f"cannot be read ({exc.strerror})")
    text = raw.replace("\r\n", "\n")
    meta, body, problem = _front_matter(text)
    notes = [problem] if problem else []
    # Comments blanked to the same length, so positions in ``visible`` are positions in ``body``.
    visible = _COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), body)
    heading = _H1.search(visible)
    if heading is None:
        title_from_meta = str((meta or {}).get("title") or "").strip()
        if not title_from_meta:
            return Skipped(relative, "no record heading (# Title)")
        title_line, after = title_from_meta, body
    else:
        title_line, after = heading.group(1).strip(), body[heading.end():]
    sections = _sections(visible[heading.end():] if heading else visible)
    fields = {m.group(1).lower(): m.group(2) for m in _FIELD.finditer(visible[: 4000])}
    meta = meta or {}
    status_section = next((content for name, content in sections if re.match(r"status\b", name, re.I)), None)
    looks_like_record = (
        bool(meta.get("status") or meta.get("date")) or status_section is not None or "status" in fields
        or any(_RECORD_SECTIONS.match(name) for name, _ in sections)
        or bool(re.match(r"^\d+\.?\s", title_line))
    )
    if not looks_like_record:
        return Skipped(relative, "no record heading and no record sections (Status, Context, Decision)")
    if _is_template(title_line, visible):
        return Skipped(relative, "a template full of placeholders")

    madr = bool(meta) or "status" in fields or any(
        name.lower().startswith(("context and problem statement", "decision outcome", "considered options"))
        for name, _ in sections
    )
    style = forced if forced != "auto" else ("madr" if madr and status_section is None else "adr-tools")

    raw_status: str | None = None
    if meta.get("status") is not None:
        raw_status = str(meta["status"])
    elif status_section is not None:
        raw_status = status_section.strip()
    elif "status" in fields:
        raw_status = fields["status"]
    kind, status_notes = classify(raw_status) if raw_status is not None else ("none", [])
    notes.extend(status_notes)
    by, of = relations(raw_status) if raw_status else ([], [])
    if kind == "superseded" and not by:
        notes.append(f"status '{_short(_clean(raw_status or ''))}' names no successor: kept as written")
        kind = "unknown"

    raw_date: Any = meta.get("date")
    if raw_date is None:
        raw_date = fields.get("date")
    if raw_date is None:
        match = re.search(r"^[ \t]*(?:\*\*|__)?Date(?:\*\*|__)?:?(?:\*\*|__)?[ \t]*(.+?)[ \t]*$", visible[:3000], re.M | re.I)
        raw_date = match.group(1) if match else None
    date = parse_date(raw_date)
    shown_date = None if raw_date is None else str(raw_date).strip()
    if raw_date is not None and date is None:
        notes.append(f"date '{_short(shown_date or '')}' cannot be read: kept as written")

    number_match = _NUMBER_IN_NAME.match(Path(relative).name)
    content = after.strip("\n")
    prefix = []
    if meta.get("status") is not None and kind == "unknown":
        prefix.append(f"Status (as written): {raw_status}")
    if meta.get("date") is not None and date is None:
        prefix.append(f"Date (as written): {shown_date}")
    if prefix:
        content = "\n".join(prefix) + "\n\n" + content
    return Record(
        path=relative,
        format=style,
        title=_strip_number(_clean_title(title_line), int(number_match.group(1)) if number_match else None),
        text=content or title_line,
        number=int(number_match.group(1)) if number_match else None,
        date=date,
        raw_date=shown_date,
        kind=kind,
        raw_status=raw_status,
        superseded_by=by,
        supersedes=of,
        notes=notes,
    )


def _is_template(title: str, body: str) -> bool:
    """An unfilled template: a placeholder title, or placeholders all over its prose."""
    if _PLACEHOLDER.search(title) or re.fullmatch(r"(?:NUMBER\.?\s*)?TITLE|\{.*\}", title.strip()):
        return True
    prose = re.sub(r"^(```|~~~).*?^\1[^\n]*$", "", body, flags=re.M | re.S)  # code is not prose
    prose = re.sub(r"`[^`\n]*`", "", prose)
    return len(set(_PLACEHOLDER.findall(prose))) >= 3  # distinct ones: {key} in examples is no template


def _clean_title(title: str) -> str:
    return " ".join(title.replace("\t", " ").split())
