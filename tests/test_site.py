"""``consensus site``: the register as a website that a member reads without a terminal.

What a browser does with the pages is in ``test_site_browser.py``; here: which files there are,
what they hold, that every link leads somewhere, that nothing untrusted reaches the page as
markup, and that a rebuild writes only what changed.
"""

from __future__ import annotations

import itertools
import json
import re
import shutil
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import Invoke, files

EXAMPLE = Path(__file__).parent.parent / "examples" / "bergkamen"


@pytest.fixture
def example(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "bergkamen"
    shutil.copytree(EXAMPLE, root)
    monkeypatch.chdir(root)
    return root


class Page(HTMLParser):
    """What a test needs of a page: its links, its ids, its language, its tags."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.links: list[tuple[str, str, dict[str, str | None]]] = []
        self.ids: set[str] = set()
        self.tags: list[str] = []
        self.lang: str | None = None
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.tags.append(tag)
        if tag == "html":
            self.lang = found.get("lang")
        if found.get("id"):
            self.ids.add(found["id"] or "")
        for name in ("href", "src"):
            if found.get(name) is not None:
                self.links.append((tag, found[name] or "", found))


def pages(site: Path) -> dict[str, Page]:
    return {str(p.relative_to(site)): Page(p.read_text("utf-8")) for p in sorted(site.rglob("*.html"))}


def stamps(site: Path) -> dict[str, int]:
    return {str(p.relative_to(site)): p.stat().st_mtime_ns for p in site.rglob("*") if p.is_file()}


def test_the_example_becomes_a_site_with_a_page_for_everything(run: Invoke, example: Path) -> None:
    result = run("site", "-o", "site")
    site = example / "site"
    decisions = sorted(p.stem for p in (example / "decisions").glob("*.toml"))
    meetings = sorted(p.stem for p in (example / "meetings").glob("*.toml"))
    made = sorted(str(p.relative_to(site)) for p in site.rglob("*") if p.is_file())
    assert made == sorted([
        ".consensus-site.json", "index.html", "summary.html", "participation.html", "lineage.html",
        "meetings/index.html", "style.css", "search.js", "search-index.js",
        *(f"decisions/{d}.html" for d in decisions), *(f"meetings/{m}.html" for m in meetings),
    ])
    total = len(made) - 1
    assert result.stderr == f"{total} von {total} Dateien nach site geschrieben; öffne site/index.html in einem Browser.\n"
    assert result.stdout == ""


def test_a_meeting_named_index_keeps_its_minutes_and_the_list_of_meetings(run: Invoke, example: Path) -> None:
    first = sorted((example / "meetings").glob("*.toml"))[0]
    text = first.read_text("utf-8").replace(f'id = "{first.stem}"', 'id = "index"')
    first.unlink()
    (example / "meetings" / "index.toml").write_text(text, "utf-8")
    for path in (example / "decisions").glob("*.toml"):  # the events name it by its new id
        path.write_text(path.read_text("utf-8").replace(f'"{first.stem}"', '"index"'), "utf-8")
    run("site", "-o", "site")
    site = pages(example / "site")
    assert "meetings/index.minutes.html" in site
    assert "../meetings/index.minutes.html" in [href for _, href, _ in site["meetings/index.html"].links]


def test_every_page_has_its_language_landmarks_and_one_h1(run: Invoke, example: Path) -> None:
    run("site", "-o", "de")
    run("site", "-o", "en", "--lang", "en")
    for lang in ("de", "en"):
        for name, page in pages(example / lang).items():
            assert page.lang == lang, name
            assert page.tags.count("h1") == 1 and page.tags.count("main") == 1, name
            assert {"header", "nav", "footer"} <= set(page.tags), name
    german = (example / "de" / "decisions" / "z2rr5miy.html").read_text("utf-8")
    english = (example / "en" / "decisions" / "z2rr5miy.html").read_text("utf-8")
    assert "Geltender Text" in german and "15. Oktober 2028" in german
    assert "Text in force" in english and "2028-10-15" in english and "Geltender" not in english
    blocked = (example / "de" / "decisions" / "xrte4hrc.html").read_text("utf-8")
    assert '<p class="step bad">Blockiert durch Einwand 1.</p>' in blocked


def test_every_link_is_relative_and_leads_to_a_page_and_place_that_exist(run: Invoke, example: Path) -> None:
    run("site", "-o", "site")
    site = example / "site"
    found = pages(site)
    followed = 0
    for name, page in found.items():
        for _tag, link, _attrs in page.links:
            parts = urlsplit(link)
            assert not parts.scheme and not parts.netloc and not link.startswith("/"), (name, link)
            target = (site / name).parent / parts.path if parts.path else site / name
            assert target.resolve().is_file(), (name, link)
            assert target.resolve().is_relative_to(site.resolve()), (name, link)
            if parts.fragment:
                there = found[str(target.resolve().relative_to(site.resolve()))]
                assert parts.fragment in there.ids, (name, link)
            followed += 1
    assert followed > 300
    start = found["index.html"]
    assert ("script", "search-index.js", {"src": "search-index.js"}) in start.links
    lineage = (site / "lineage.html").read_text("utf-8")
    assert lineage.count("<svg") == 1
    assert 'href="decisions/dtuk5h6u.html" id="d-dtuk5h6u"' in lineage
    assert 'href="decisions/z2rr5miy.html" id="d-z2rr5miy"' in lineage


def test_base_url_gives_each_page_its_address_and_bad_ones_are_refused(run: Invoke, example: Path) -> None:
    run("site", "-o", "site", "--base-url", "https://example.org/beschluesse/")
    page = (example / "site" / "decisions" / "z2rr5miy.html").read_text("utf-8")
    assert '<link rel="canonical" href="https://example.org/beschluesse/decisions/z2rr5miy.html">' in page
    for bad in ("example.org", "javascript:alert(1)", "ftp://x/", "https:// x"):
        result = run("site", "-o", "other", "--base-url", bad, code=2)
        assert "ist keine Webadresse" in result.stderr and "Aufruf: cli site [OPTIONEN]" in result.stderr  # the register is German
    assert not (example / "other").exists()


def test_hostile_names_titles_texts_and_tags_reach_no_page_as_markup(
    run: Invoke, reg: Path, propose: Callable[..., str]
) -> None:
    run("members", "add", "<i>Eve</i>")
    hostile = propose('<script>alert("t")</script>', "</div><img src=x onerror=alert(1)>\x1b[31m & more",
                      "--tag", '"><b>tag</b>')
    run("object", hostile, "--by", "<i>Eve</i>", "--reason", "<a href='https://evil.example'>x</a>")
    run("meeting", "start", "--title", "</title><script>bad()</script>")
    run("consent", hostile, "--by", "Bo")
    run("meeting", "end")
    run("site", "-o", "site")
    site = reg / "site"
    everything = "\n".join(p.read_text("utf-8") for p in site.rglob("*") if p.is_file() and p.name != "search-index.js")
    for raw in ("<script>alert", "<img", "<i>Eve", "<b>tag", "<a href='https", "</title><script>", "\x1b"):
        assert raw not in everything
    page = (reg / "site" / "decisions" / f"{hostile}.html").read_text("utf-8")
    assert "&lt;script&gt;alert(&quot;t&quot;)&lt;/script&gt;" in page
    assert "&lt;/div&gt;&lt;img src=x onerror=alert(1)&gt;\\x1b[31m &amp; more" in page
    assert "<script" not in (reg / "site" / "index.html").read_text("utf-8").replace(
        '<script src="search-index.js"></script>', "").replace('<script src="search.js"></script>', "")


def test_a_rebuild_writes_only_what_changed(run: Invoke, example: Path) -> None:
    run("site", "-o", "site")
    site = example / "site"
    before = stamps(site)
    total = len(before) - 1
    assert run("site", "-o", "site").stderr.startswith(f"0 von {total} Dateien")
    assert stamps(site) == before
    run("consent", "xrte4hrc", "--by", "Marco")
    result = run("site", "-o", "site")
    after = stamps(site)
    changed = sorted(name for name in after if after[name] != before.get(name))
    # The decision's page; the summary shows its round, and so do the minutes of the meeting it
    # was proposed in (they show an open proposal's round as it stands); participation counts it.
    # No other decision's page, and no other meeting's.
    assert changed == [".consensus-site.json", "decisions/xrte4hrc.html", "meetings/wk6mmy2f.html",
                       "participation.html", "summary.html"]
    assert result.stderr.startswith(f"4 von {total} Dateien")


def test_a_change_reaches_the_pages_that_link_to_it(run: Invoke, example: Path) -> None:
    run("site", "-o", "site")
    site = example / "site"
    before = stamps(site)
    run("amend", "z2rr5miy", "--by", "Sabine", "--title", "Bergkamen für alle", "--why", "Auf Deutsch",
        "--text", "Aus dem Integrationsmanagement wird Bergkamen für alle.")
    run("adopt", "z2rr5miy", "--by", "Sabine")
    run("site", "-o", "site")
    after = stamps(site)
    changed = {name for name in after if after[name] != before.get(name)}
    # The page it replaced names it, and the minutes of the meetings that dealt with it show it.
    assert {"decisions/z2rr5miy.html", "decisions/dtuk5h6u.html", "index.html", "search-index.js"} <= changed
    assert not any(name.startswith("decisions/") for name in changed - {"decisions/z2rr5miy.html", "decisions/dtuk5h6u.html"})
    assert "Bergkamen für alle" in (site / "decisions" / "z2rr5miy.html").read_text("utf-8")


def test_damaged_or_deleted_pages_are_made_again_and_gone_decisions_removed(run: Invoke, example: Path) -> None:
    run("site", "-o", "site")
    site = example / "site"
    page = site / "decisions" / "z2rr5miy.html"
    good = page.read_bytes()
    page.write_text("defaced", "utf-8")
    (site / "style.css").unlink()
    (site / "CNAME").write_text("decisions.example.org\n", "utf-8")  # a host's file: not ours to touch
    (example / "decisions" / "rkmpm5eh.toml").unlink()
    result = run("site", "-o", "site")
    assert page.read_bytes() == good and (site / "style.css").is_file()
    assert not (site / "decisions" / "rkmpm5eh.html").exists()
    assert (site / "CNAME").read_text("utf-8") == "decisions.example.org\n"
    assert ", 1 entfernt;" in result.stderr


def test_a_folder_of_other_things_or_a_file_is_refused_and_left_alone(run: Invoke, example: Path) -> None:
    before = files(example)
    result = run("site", "-o", ".", code=1)
    assert result.stderr == (  # the example register is German
        "Fehler: . ist nicht leer und enthält keine Website von consensus — gib mit -o einen neuen oder "
        "leeren Ordner an (nichts wurde geschrieben)\n"
    )
    assert run("site", "-o", "consensus.toml", code=1).stderr == (
        "Fehler: consensus.toml ist eine Datei — gib mit -o einen Ordner für die Website an\n")
    assert files(example) == before
    (example / "empty").mkdir()
    run("site", "-o", "empty")


def test_a_damaged_manifest_means_every_page_is_made_again(run: Invoke, example: Path) -> None:
    run("site", "-o", "site")
    (example / "site" / ".consensus-site.json").write_text("{not json", "utf-8")
    assert run("site", "-o", "site").stderr.startswith("0 von ")  # the same bytes: nothing written
    (example / "site" / ".consensus-site.json").write_text("{not json", "utf-8")
    (example / "site" / "index.html").write_text("old", "utf-8")
    assert run("site", "-o", "site").stderr.startswith("1 von ")


def test_an_empty_register_has_a_site_too(run: Invoke, reg: Path) -> None:
    run("site", "-o", "site")
    start = (reg / "site" / "index.html").read_text("utf-8")
    assert "Nothing is in force yet." in start
    assert "No decision has replaced another yet." in (reg / "site" / "lineage.html").read_text("utf-8")
    assert "No meeting has been recorded yet." in (reg / "site" / "meetings" / "index.html").read_text("utf-8")


def test_the_search_index_finds_what_list_search_finds(run: Invoke, example: Path) -> None:
    from consensus.members import fold

    run("site", "-o", "site")
    text = (example / "site" / "search-index.js").read_text("utf-8")
    assert text.startswith("window.consensusSearch = {") and text.endswith("};\n")
    index = json.loads(text[len("window.consensusSearch = "):-2])["words"]
    statuses = []
    for status in ("proposed", "active", "superseded", "retired", "rejected", "withdrawn"):
        statuses += ["--status", status]
    for query in ("café", "CAFES", "jugend", "Straße integration", "zzz"):
        listed = {r["id"] for r in json.loads(run("list", "--json", "--search", query, *statuses).stdout)}
        words = fold(query).split()
        indexed = {i for i, haystack in index.items() if all(w in haystack for w in words)}
        assert indexed == listed, query


@given(st.lists(st.text(st.sampled_from("aäAÄßı \u0301\u00a0\u00a8.Ωœ\n"), max_size=12), min_size=1, max_size=4),
       st.text(st.sampled_from("aäAÄßı\u0301.Ωœss"), min_size=1, max_size=4))
def test_the_index_words_match_as_the_haystack_does(texts: list[str], word: str) -> None:
    """Folding word by word (as the index does, for speed) finds what folding the whole does."""
    import datetime as dt

    from consensus import process
    from consensus.members import fold
    from consensus.queries import haystack, search_text
    from consensus.replay import replay

    at = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    decision = process.propose("aaaaaaaa", process.Act("A", at, None), title="T", text="x " + "\n".join(texts),
                               tags=[], replaces=[], why=None)
    view = replay(decision)
    words = search_text(view)
    folded = fold(word)
    assert (folded in words) == (folded in haystack(view)) or " " in folded


@given(st.text(st.sampled_from("ab .\n\u00e9"), max_size=30), st.text(st.sampled_from("ab .\n\u00e9"), max_size=30))
def test_a_word_diff_gives_back_both_texts(old: str, new: str) -> None:
    from consensus.textdiff import words

    change = words(old, new).runs
    assert "".join(t for op, t in change if op != "+") == old
    assert "".join(t for op, t in change if op != "-") == new
    assert all(a[0] != b[0] for a, b in itertools.pairwise(change))


def test_pages_say_nothing_that_changes_by_the_minute(run: Invoke, example: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    run("site", "-o", "site")
    before = stamps(example / "site")
    monkeypatch.setenv("CONSENSUS_NOW", "2026-11-24T23:59:00+01:00")
    assert run("site", "-o", "site").stderr.startswith("0 von ")
    assert stamps(example / "site") == before
    summary = (example / "site" / "summary.html").read_text("utf-8")
    assert re.search(r"Stand: 24\. November 2026", summary)


@pytest.mark.slow
def test_the_readmes_command_builds_the_examples_site(tmp_path: Path) -> None:
    """The second command of the README, as written, through the installed command."""
    import shlex

    from tests.e2e import consensus

    readme = (EXAMPLE.parent.parent / "README.md").read_text("utf-8")
    command = next(line for line in readme.splitlines() if line.startswith(".venv/bin/consensus -C examples/bergkamen site"))
    shutil.copytree(EXAMPLE, tmp_path / "examples" / "bergkamen")
    done = consensus(*shlex.split(command)[1:], cwd=tmp_path)
    assert done.stderr.startswith("25 von 25 Dateien nach bergkamen-site geschrieben; öffne bergkamen-site/index.html")
    assert '<html lang="de">' in (tmp_path / "bergkamen-site" / "index.html").read_text("utf-8")


def test_pages_made_on_every_core_are_the_pages_made_on_one(run: Invoke, example: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    run("site", "-o", "one")
    monkeypatch.setattr("consensus.parallel.THRESHOLD", 2)  # a large register's path, on a small one
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    assert run("site", "-o", "many").stderr.startswith("25 von 25 Dateien nach many geschrieben")
    one, many = files(example / "one"), files(example / "many")
    one.pop(".consensus-site.json"), many.pop(".consensus-site.json")
    assert one == many


def test_a_decision_falling_due_is_said_so_the_next_day(run: Invoke, reg: Path, propose: Callable[..., str],
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    decision = propose()
    run("adopt", decision, "--review-by", "2026-11-25")
    run("site", "-o", "site")
    page = reg / "site" / "decisions" / f"{decision}.html"
    assert "due for review" not in page.read_text("utf-8")
    monkeypatch.setenv("CONSENSUS_NOW", "2026-11-25T08:00:00+01:00")
    run("site", "-o", "site")
    assert '<span class="bad">(due for review)</span>' in page.read_text("utf-8")


def test_every_event_and_version_state_has_its_words_in_both_languages() -> None:
    from typing import get_args

    from consensus.models import EVENT_KINDS, VersionState
    from consensus.render.i18n import LANGUAGES, words

    for lang in LANGUAGES:
        for kind in EVENT_KINDS:
            assert words(lang, f"ev_{kind}", by="A", n=1, number=1)
        for state in get_args(VersionState):
            assert words(lang, f"state_{state}")


def test_amendments_and_partial_replacements_are_linked_and_drawn(run: Invoke, reg: Path, tmp_path: Path) -> None:
    folder = tmp_path / "adr"
    folder.mkdir()
    records = {
        "0001-base.md": "Accepted",
        "0002-amender.md": "Accepted\n\nAmends [1. Base](0001-base.md)",
        "0003-part.md": "Accepted\n\nPartly replaces [1. Base](0001-base.md)",
    }
    for number, (name, status) in enumerate(records.items(), 1):
        title = name[5:-3].capitalize()
        (folder / name).write_text(f"# {number}. {title}\n\nDate: 2020-01-0{number}\n\n## Status\n\n{status}\n\n"
                                   "## Decision\n\nWe do it.\n", "utf-8")
    run("import", "adr", str(folder))
    ids = {r["title"]: r["id"] for r in json.loads(run("list", "--json").stdout)}
    run("site", "-o", "site")
    amender = (reg / "site" / "decisions" / f"{ids['Amender']}.html").read_text("utf-8")
    assert f'<dt>Amends</dt><dd><a href="../decisions/{ids["Base"]}.html">Base</a>' in amender
    part = (reg / "site" / "decisions" / f"{ids['Part']}.html").read_text("utf-8")
    assert f'<dt>Partly replaces</dt><dd><a href="../decisions/{ids["Base"]}.html">Base</a>' in part
    lineage = (reg / "site" / "lineage.html").read_text("utf-8")
    assert lineage.count("<svg") == 1 and lineage.count('class="edge amended"') == 1
    assert lineage.count('class="edge partly"') == 1 and "was amended by" in lineage


def test_a_manifest_that_came_with_a_clone_removes_nothing_outside_the_folder(run: Invoke, example: Path) -> None:
    """A website kept in git (for GitHub Pages) comes with its manifest: whoever can push wrote it."""
    run("site", "-o", "site")
    victim = example.parent / "victim.txt"
    victim.write_text("keep me", "utf-8")
    manifest = example / "site" / ".consensus-site.json"
    data = json.loads(manifest.read_text("utf-8"))
    for name in (str(victim), "../victim.txt", "decisions/../../victim.txt"):
        data["files"][name] = ["k", "d", 1, 1]
    manifest.write_text(json.dumps(data), "utf-8")
    run("site", "-o", "site")
    assert victim.read_text("utf-8") == "keep me"
    (example / "site" / "x").mkdir()
    manifest.write_text("[" * 200_000, "utf-8")  # deeper than the JSON parser goes: damaged, not a crash
    run("site", "-o", "site")


def test_a_subfolder_of_the_website_that_is_a_link_is_refused(run: Invoke, example: Path) -> None:
    run("site", "-o", "site")
    elsewhere = example.parent / "elsewhere"
    elsewhere.mkdir()
    shutil.rmtree(example / "site" / "decisions")
    (example / "site" / "decisions").symlink_to(elsewhere)
    result = run("site", "-o", "site", code=1)
    assert result.stderr.startswith("Fehler: site/decisions ist ein symbolischer Link")  # the example is German
    assert list(elsewhere.iterdir()) == []


def test_a_manifest_that_is_a_link_is_never_read(run: Invoke, example: Path) -> None:
    run("site", "-o", "site")
    manifest = example / "site" / ".consensus-site.json"
    manifest.unlink()
    manifest.symlink_to("/dev/zero")  # endless bytes, were it read
    run("site", "-o", "site")
    assert not manifest.is_symlink() and json.loads(manifest.read_text("utf-8"))["layout"] == 1


def test_a_decision_gone_while_its_page_waits_is_said_and_the_next_build_makes_the_rest(
        run: Invoke, example: Path) -> None:
    """Every decision is read once, then each page reads its own again when it is made: a pull
    in between (a decision gone) fails that page alone, and what was written is kept."""
    import datetime as dt

    from consensus import gather
    from consensus.errors import ConsensusError
    from consensus.publish import publish
    from consensus.register import Register
    from consensus.render.site import SiteRenderer

    renderer = SiteRenderer()
    now = dt.datetime.now(dt.UTC)
    planned, context, _ = gather.website(Register(example), renderer, lang="de", base_url=None, now=now)
    page = next(p.path for p in planned if p.path.startswith("decisions/"))
    gone = page.removeprefix("decisions/").removesuffix(".html")
    (example / "decisions" / f"{gone}.toml").unlink()
    with pytest.raises(ConsensusError) as caught:
        publish(example / "site", planned, lambda data, path: renderer.render(data, path, context))
    assert str(caught.value) == f"{gone} changed while the website was being made — make it again"
    written = json.loads((example / "site" / ".consensus-site.json").read_text("utf-8"))["files"]
    assert page not in written and "index.html" in written and not (example / "site" / page).exists()
    assert run("site", "-o", "site").stderr.startswith("11 von 24 Dateien nach site geschrieben")  # not 24
    run("site", "-o", "fresh")
    again, fresh = files(example / "site"), files(example / "fresh")
    assert again.pop(".consensus-site.json") and fresh.pop(".consensus-site.json") and again == fresh


def test_a_decision_changed_while_its_page_waits_is_not_kept_under_the_key_of_what_was_read(
        run: Invoke, example: Path) -> None:
    """The page is made from the decision read again: changed since the first reading (and
    changed back later, as a checkout of another branch and back does), it would be kept under
    the key of that reading, and no rebuild would make it again. So it is refused."""
    import datetime as dt

    from consensus import gather
    from consensus.errors import ConsensusError
    from consensus.publish import publish
    from consensus.register import Register
    from consensus.render.site import SiteRenderer

    ids = [r["id"] for r in json.loads(run("list", "--json").stdout) if r["status"] == "active"]
    target = example / "decisions" / f"{ids[0]}.toml"
    before = target.read_bytes()
    renderer = SiteRenderer()
    planned, context, _ = gather.website(Register(example), renderer, lang="de", base_url=None,
                                         now=dt.datetime.now(dt.UTC))
    run("concern", ids[0], "--reason", "Ein ganz neues Bedenken", "--by", "Lea")  # after the reading
    with pytest.raises(ConsensusError, match=f"^{ids[0]} hat sich geändert, während die Website entstand"):
        publish(example / "site", planned, lambda data, path: renderer.render(data, path, context))
    target.write_bytes(before)  # and back
    run("site", "-o", "site")
    run("site", "-o", "fresh")
    again, fresh = files(example / "site"), files(example / "fresh")
    assert again.pop(".consensus-site.json") and fresh.pop(".consensus-site.json") and again == fresh


def test_a_first_build_stopped_half_way_is_taken_up_by_the_next(run: Invoke, example: Path) -> None:
    """Ctrl-C during the first build leaves pages in the folder: the next build is not refused
    as a folder of other things, and makes what the first did not."""
    import datetime as dt

    from consensus import gather
    from consensus.publish import publish
    from consensus.register import Register
    from consensus.render.site import SiteRenderer

    renderer = SiteRenderer()
    planned, context, _ = gather.website(Register(example), renderer, lang="de", base_url=None,
                                         now=dt.datetime.now(dt.UTC))
    made = []

    def render(data: object, path: str) -> bytes | bytearray:
        if len(made) == 5:
            raise KeyboardInterrupt
        made.append(path)
        return renderer.render(data, path, context)  # type: ignore[arg-type]

    with pytest.raises(KeyboardInterrupt):
        publish(example / "site", planned, render)
    assert " von 25 Dateien nach site geschrieben" in run("site", "-o", "site").stderr
    run("site", "-o", "fresh")
    again, fresh = files(example / "site"), files(example / "fresh")
    assert again.pop(".consensus-site.json") and fresh.pop(".consensus-site.json") and again == fresh


def test_a_folder_of_the_last_build_that_is_a_link_is_refused_before_anything_is_written(
        run: Invoke, example: Path, propose: Callable[..., str]) -> None:
    """A manifest that came with a clone names a page in a folder that is now a link: the
    build, which would remove that page, is refused before it writes any page."""
    run("site", "-o", "site")
    manifest = example / "site" / ".consensus-site.json"
    manifest.write_text(manifest.read_text("utf-8").replace('"files":{', '"files":{\n"x/a.html":[null,"00",5,1],', 1),
                        "utf-8")
    elsewhere = example.parent / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "a.html").write_text("theirs", "utf-8")
    (example / "site" / "x").symlink_to(elsewhere)
    before = files(example / "site")
    propose("Neu", "Ein neuer Vorschlag", "--by", "Sabine")  # the start page would change
    assert run("site", "-o", "site", code=1).stderr.startswith("Fehler: site/x ist ein symbolischer Link")
    assert files(example / "site") == before and (elsewhere / "a.html").read_text("utf-8") == "theirs"


def test_a_page_made_on_every_build_that_cannot_be_made_keeps_its_file(run: Invoke, example: Path) -> None:
    import datetime as dt

    from consensus import gather
    from consensus.errors import ConsensusError
    from consensus.publish import publish
    from consensus.register import Register
    from consensus.render.site import SiteRenderer

    run("site", "-o", "site")
    drawn = (example / "site" / "lineage.html").read_bytes()
    renderer = SiteRenderer()
    planned, context, _ = gather.website(Register(example), renderer, lang="de", base_url=None,
                                         now=dt.datetime.now(dt.UTC))

    def render(data: object, path: str) -> bytes | bytearray:
        if path == "lineage.html":
            raise ConsensusError("no lineage this time")
        return renderer.render(data, path, context)  # type: ignore[arg-type]

    with pytest.raises(ConsensusError, match="no lineage this time"):
        publish(example / "site", planned, render)
    assert (example / "site" / "lineage.html").read_bytes() == drawn
