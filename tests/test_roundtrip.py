"""Any title and text survives the trip through a decision file, exactly."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from consensus import chain, process
from consensus.register import encode_decision, parse_decision
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
