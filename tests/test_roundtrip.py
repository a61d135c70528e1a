"""Any title and text survives the trip through a decision file, exactly."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from consensus import chain, process
from consensus.codec import encode_decision, parse_decision
from consensus.replay import replay

AT = dt.datetime(2026, 11, 24, 19, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))
texts = st.text(st.characters(codec="utf-8"), min_size=1).filter(str.strip)
names = st.text(st.characters(codec="utf-8", exclude_categories=("Cc", "Cf", "Cs", "Co")), min_size=1).filter(str.strip)

NASTY = [
    'He said """hello""" and \'\'\'bye\'\'\'',
    "back\\slash at the end\\",
    "windows\r\nline\r\nends\r\n",
    "\x00\x01\x1b[2J\x7f control",
    "key = \"value\"\n[[history]]\nkind = 'adopted'",
    "emoji 🎉 and rtl \u202e and \u200f marks",
    "\n\nleading and trailing newlines\n\n",
    "trailing quote\"",
    '"""',
]


def roundtrip(title: str, text: str, why: str | None, by: str, tmp: Path) -> None:
    act = process.Act(by=by, at=AT)
    decision = process.propose("abcdefgh", act, title=title, text=text, tags=[title], why=why)
    decision, _ = process.object_(decision, act, reason=text)
    decision = process.resolve(decision, act, 1, how=text)
    decision, _ = process.adopt(decision, act, rule="consent", required=[], review_by=AT.date())
    decision = process.amend(decision, act, text=text + "!", title=title + "?", why=text)
    path = tmp / "abcdefgh.toml"
    path.write_bytes(encode_decision(decision))
    back = parse_decision(path, path.read_bytes())
    view, original = replay(back), replay(decision)
    assert view.versions[0].title == title.strip()
    assert view.versions[0].text == text
    assert view.versions[1].text == text + "!"
    assert view.versions[0].objections[0].reason == text.strip()
    assert view == original
    assert not chain.broken_links(back)


@given(title=texts, text=texts, by=names)
@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_text_round_trips(title: str, text: str, by: str, tmp_path: Path) -> None:
    roundtrip(title, text, text, by, tmp_path)


def test_nasty_texts_round_trip(tmp_path: Path) -> None:
    for text in NASTY:
        roundtrip(text, text, None, "Ayşe", tmp_path)


@given(status=texts, title=texts)
@settings(max_examples=100, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_what_an_import_keeps_round_trips(status: str, title: str, tmp_path: Path) -> None:
    from consensus import tomlfile
    from consensus.models import Decision, Event, Version

    first = Event(at=AT, kind="proposed", by="import", version=1, tags=("adr",), replaces=("bbbbbbbb",),
                  amends=("cccccccc", "dddddddd"), partly_replaces=("eeeeeeee",), source=f"{title}.md",
                  status_as_written=status)
    decision = chain.append(Decision(id="abcdefgh"), first, Version(1, title, status))
    path = tmp_path / "abcdefgh.toml"
    path.write_bytes(encode_decision(decision))
    back = parse_decision(path, path.read_bytes())
    view = replay(back)
    assert (view.amends, view.partly_replaces, view.status_as_written) == (
        ("cccccccc", "dddddddd"), ("eeeeeeee",), status)
    assert view == replay(decision) and not chain.broken_links(back)
    # the index's fast path, which trusts a validated document, makes the very same decision
    assert tomlfile.decision_from_document(tomlfile.parse(path.read_bytes(), path)) == back


def test_an_event_from_a_document_is_the_event_the_file_holds(tmp_path: Path) -> None:
    import dataclasses

    from consensus import tomlfile
    from consensus.models import Event

    act = process.Act(by="Ayşe", at=AT)
    decision = process.propose("abcdefgh", act, title="Title", text="Text", tags=["a"], why=None)
    decision, _ = process.object_(decision, act, reason="No")
    decision, _ = process.adopt(decision, act, rule="consent", required=[], review_by=AT.date(), force=True,
                                why="We must")
    path = tmp_path / "abcdefgh.toml"
    path.write_bytes(encode_decision(decision))
    fast = tomlfile.decision_from_document(tomlfile.parse(path.read_bytes(), path))
    for made, event in zip(fast.history, decision.history, strict=True):
        # The fast path keeps only the keys the file has (an event in a third of the memory);
        # every other field reads its default from the class.
        assert len(vars(made)) < len(dataclasses.fields(Event))
        assert all(getattr(made, f.name) == getattr(event, f.name) for f in dataclasses.fields(Event))
        assert made == event and hash(made) == hash(event)
    assert not chain.broken_links(fast)
    assert chain.identity(fast.history[1], None) == chain.identity(decision.history[1], None)


# -- the index keeps parsed decision files as JSON: they must come back exactly as parsed ----

offsets = st.integers(-23 * 60, 23 * 60).map(lambda m: dt.timezone(dt.timedelta(minutes=m)))
keys = texts.filter(lambda k: not k.startswith("$"))
moments = st.datetimes(timezones=st.none() | offsets)
values = st.recursive(
    st.none() | st.booleans() | st.integers() | texts | moments | st.dates(),
    # (keys like "$date" never occur: the schema refuses every key it does not know)
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=4),
    max_leaves=20,
)


@given(st.dictionaries(keys, values, max_size=6))
def test_a_kept_document_comes_back_as_parsed(document: dict) -> None:  # type: ignore[type-arg]
    import json

    from consensus.index import _revive, _tagged

    kept = json.dumps(document, default=_tagged, ensure_ascii=False)
    back = json.loads(kept, object_hook=_revive)
    assert back == document
    assert json.dumps(back, default=_tagged, ensure_ascii=False) == kept  # offsets and all


def test_every_example_file_comes_back_from_the_index_as_parsed(tmp_path: Path) -> None:
    from consensus import tomlfile
    from consensus.index import Index

    index = Index(tmp_path)
    for path in sorted(Path("examples/bergkamen/decisions").glob("*.toml")):
        stat = path.stat()
        parsed = tomlfile.parse(path.read_bytes(), path)
        index.put_document(path.stem, stat, parsed)
        assert index.document(path.stem, stat) == parsed


# -- list --json writes one decision a line by splitting the C encoder's output between objects

row_values = st.fixed_dictionaries({
    "id": st.text(max_size=8), "title": st.sampled_from(['}, {"id": "x"}', '"}, {\\"id\\": ', "{}"]) | texts,
    "status": st.text(max_size=9), "current_version": st.none() | st.integers(),
    "review_by": st.none() | st.text(max_size=10), "tags": st.lists(texts, max_size=3),
}).map(lambda row: {key: row[key] for key in ("id", "title", "status", "current_version", "review_by", "tags")})


@given(st.lists(row_values, max_size=6))
def test_one_row_a_line_is_the_same_json(rows: list) -> None:  # type: ignore[type-arg]
    import json

    from consensus.render import to_json_rows

    text = to_json_rows(rows)
    assert json.loads(text) == rows
    if rows:
        lines = text.split("\n")
        assert len(lines) == len(rows) + 2  # "[", one line each, "]"
        assert [json.loads(line.strip().rstrip(",")) for line in lines[1:-1]] == rows
