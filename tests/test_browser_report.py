"""The HTML report in a real browser: headless Chromium (Debian's) driven by Playwright.

Skips only when Playwright or a Chromium binary is missing; `.ci/run` installs both.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_report_story import make_work

from ficlens.report import render

pytestmark = pytest.mark.browser

@pytest.fixture(scope="module")
def page_and_requests(tmp_path_factory, chromium_browser):
    report = tmp_path_factory.mktemp("report") / "report.html"
    report.write_text(render(make_work(), "html"), encoding="utf-8")
    requests: list[str] = []
    errors: list[str] = []
    context = chromium_browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.on("request", lambda request: requests.append(request.url))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(report.as_uri(), wait_until="load")
    yield page, requests, errors, report
    context.close()


def test_story_text_renders(page_and_requests):
    page, _, errors, _ = page_and_requests
    article = page.locator("article.story")
    assert article.is_visible()
    assert "Mara found the note" in article.inner_text()
    assert "<script>alert('boo')</script>" in article.inner_text()  # shown, not run
    assert errors == []


def test_hovering_a_quote_shows_its_speaker(page_and_requests):
    page = page_and_requests[0]
    tip = page.locator("#tip")
    page.locator('article.story .q[data-s="C0"]').first.hover()
    page.wait_for_function("document.getElementById('tip').classList.contains('show')")
    text = tip.inner_text()
    assert "Mara Lind" in text and "Tobias Hale" in text and "Anaphoric" in text
    assert "91%" in text
    page.mouse.move(5, 5)
    page.wait_for_function("!document.getElementById('tip').classList.contains('show')")


def test_charts_draw(page_and_requests):
    page = page_and_requests[0]
    for selector in ("svg.network", "svg.arc", "svg.map", "svg.arc path.main-arc",
                     "svg.network circle"):
        box = page.locator(selector).first.bounding_box()
        assert box and box["width"] > 0 and box["height"] > 0, selector


def test_character_arc_toggles(page_and_requests):
    page = page_and_requests[0]
    arc = page.locator('svg.arc path.carc[data-char="C1"]')
    assert arc.evaluate("el => getComputedStyle(el).display") == "none"
    page.locator('#arc input[data-char="C1"]').check()
    assert arc.evaluate("el => getComputedStyle(el).display") != "none"
    assert arc.bounding_box()["width"] > 100
    page.locator('#arc input[data-char="C1"]').uncheck()
    assert arc.evaluate("el => getComputedStyle(el).display") == "none"


def test_clicking_a_character_lights_up_their_lines(page_and_requests):
    page = page_and_requests[0]
    page.locator('tr.char[data-char="C2"]').click()
    assert page.locator("article.story.focusing").count() == 1
    lit = page.locator("article.story .q.lit")
    assert lit.count() == 2 and all(
        s == "C2" for s in lit.evaluate_all("els => els.map(e => e.dataset.s)"))
    page.locator('tr.char[data-char="C2"]').click()
    assert page.locator("article.story.focusing").count() == 0


def test_no_request_leaves_the_page(page_and_requests):
    page, requests, _, report = page_and_requests
    page.mouse.wheel(0, 4000)
    page.wait_for_timeout(100)
    assert requests == [report.as_uri()]


def test_report_file_is_self_contained(page_and_requests):
    report: Path = page_and_requests[3]
    assert report.stat().st_size < 200_000
