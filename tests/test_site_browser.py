"""The website in a real browser: Chromium driven by Playwright, checked by axe-core.

Needs the ``site-tests`` extra (``pip install -e ".[site-tests]"``) and Chromium from the
system's packages (``apt-get install chromium``; browsers cannot be downloaded here). Without
them these tests are skipped and say why; with ``CONSENSUS_REQUIRE_BROWSER=1`` (as CI sets it)
a missing browser fails them instead, so CI cannot pass without having run them.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e import consensus

pytestmark = pytest.mark.slow

EXAMPLE = Path(__file__).parent.parent / "examples" / "bergkamen"
CHROMIUM = os.environ.get("CONSENSUS_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
PAGE_TYPES = {
    "start": "index.html",
    "decision": "decisions/z2rr5miy.html",
    "decision with an open proposal": "decisions/xrte4hrc.html",
    "meetings": "meetings/index.html",
    "minutes": "meetings/nzsa2euf.html",
    "summary": "summary.html",
    "participation": "participation.html",
    "lineage": "lineage.html",
}


def _unavailable(reason: str) -> None:
    if os.environ.get("CONSENSUS_REQUIRE_BROWSER") == "1":
        pytest.fail(f"the browser tests must run here (CONSENSUS_REQUIRE_BROWSER=1), but {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example's website, built by the installed command at the README's moment."""
    root = tmp_path_factory.mktemp("site") / "bergkamen"
    shutil.copytree(EXAMPLE, root)
    consensus("site", "-o", "site", cwd=root, CONSENSUS_NOW="2026-11-24T09:00:00+01:00")
    return root / "site"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable('Playwright is not installed: pip install -e ".[site-tests]"')
    if not Path(CHROMIUM).exists():
        _unavailable(f"there is no Chromium at {CHROMIUM}: apt-get install chromium")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1000, "height": 1400})
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    opened.on("requestfailed", lambda request: errors.append(f"failed: {request.url}"))
    opened.consensus_errors = errors
    yield opened
    context.close()
    assert errors == []  # no script error, and nothing asked for that is not there


def test_from_the_start_page_to_a_decision_and_back(page: Any, site: Path) -> None:
    page.goto((site / "index.html").as_uri())
    assert page.locator("h1").inner_text() == "Bergkamen for all"
    page.locator("#active").get_by_role("link", name="Unsere drei Ziele").click()
    assert page.url.endswith("/decisions/iqbtcdnm.html")
    assert page.locator("h1").inner_text() == "Unsere drei Ziele"
    assert page.get_by_role("heading", name="Zustimmungsrunde").count() >= 1
    page.go_back()
    assert page.url.endswith("/index.html")
    assert page.locator("h1").inner_text() == "Bergkamen for all"


def _shown(page: Any) -> list[str]:
    return page.eval_on_selector_all(
        "li[data-id]", "items => [...new Set(items.filter(i => i.offsetParent !== null).map(i => i.dataset.id))]")


def test_the_search_narrows_the_list_as_one_types(page: Any, site: Path) -> None:
    page.goto((site / "index.html").as_uri())
    everything = _shown(page)
    assert len(everything) == 11
    page.get_by_label("Suchen").fill("cafes")  # no accent, no capital: Nachbarschaftscafés
    page.wait_for_function("document.getElementById('count').textContent !== ''")
    assert _shown(page) == ["xrte4hrc"]
    assert page.locator("#count").inner_text() == "Eine Entscheidung passt."
    assert page.locator("#active").is_hidden() and page.locator("#open").is_visible()
    page.get_by_label("Suchen").fill("")
    page.get_by_label("Zeigen").select_option("archive")
    assert set(_shown(page)) == {"dtuk5h6u", "wsi6effz"}
    page.get_by_label("Zeigen").select_option("")
    page.get_by_label("Schlagwort", exact=True).select_option(label="haltung")
    assert set(_shown(page)) == {"pbf3c498", "nby55pds", "tncuunff"}
    page.get_by_label("Suchen").fill("zzzz")
    page.wait_for_function("document.getElementById('count').textContent.startsWith('Keine')")
    assert _shown(page) == []


def test_without_scripts_everything_is_there_and_no_dead_search_shows(browser: Any, site: Path) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto((site / "index.html").as_uri())
    assert page.locator("#finder").is_hidden()
    assert len(_shown(page)) == 11
    context.close()


def test_the_lineage_drawing_links_to_the_decisions(page: Any, site: Path) -> None:
    page.goto((site / "lineage.html").as_uri())
    drawing = page.locator("svg.lineage")
    assert drawing.count() == 1
    page.locator("svg a#d-dtuk5h6u").click()
    assert page.url.endswith("/decisions/dtuk5h6u.html")
    page.get_by_role("link", name="siehe die Zeichnung").click()
    assert page.url.endswith("/lineage.html#d-dtuk5h6u")
    page.locator("svg a#d-z2rr5miy").click()
    assert page.locator("h1").inner_text() == "Bergkamen for all"


@pytest.mark.parametrize("kind", list(PAGE_TYPES))
def test_a_phone_never_scrolls_sideways(browser: Any, site: Path, kind: str) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 800})
    page = context.new_page()
    page.goto((site / PAGE_TYPES[kind]).as_uri())
    widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    context.close()
    assert widths[0] <= widths[1] == 360


def test_print_keeps_headings_with_their_text_and_marks_changes_without_colour(page: Any, site: Path) -> None:
    page.goto((site / "decisions" / "z2rr5miy.html").as_uri())
    page.emulate_media(media="print")
    style = page.evaluate("""() => {
        const css = (selector, property) => getComputedStyle(document.querySelector(selector))[property];
        return {nav: css("header.site nav", "display"), h2: css("h2", "breakAfter"), h3: css("h3", "breakAfter"),
                ins: css("ins", "textDecorationLine"), del: css("del", "textDecorationLine"),
                insColour: css("ins", "color")};
    }""")
    assert style == {"nav": "none", "h2": "avoid", "h3": "avoid", "ins": "underline", "del": "line-through",
                     "insColour": "rgb(0, 0, 0)"}
    assert page.pdf(format="A4").startswith(b"%PDF")


@pytest.mark.parametrize("kind", list(PAGE_TYPES))
def test_no_page_type_has_an_accessibility_violation(page: Any, site: Path, kind: str) -> None:
    try:
        from axe_playwright_python.sync_playwright import Axe
    except ImportError:
        _unavailable('axe-playwright-python is not installed: pip install -e ".[site-tests]"')
    page.goto((site / PAGE_TYPES[kind]).as_uri())
    results = Axe().run(page)
    del page.consensus_errors[:]  # axe reads the stylesheet again itself, which file:// refuses it
    assert results.violations_count == 0, results.generate_report()
    page.keyboard.press("Tab")  # the first stop is the way past the navigation, and it shows
    assert page.evaluate("document.activeElement.className") == "skip"
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") == "solid"
