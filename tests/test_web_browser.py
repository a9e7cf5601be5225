"""The web app in a real browser: `ficlens serve`'s app on 127.0.0.1, driven by Playwright in
headless Chromium (Debian's). Browse works, search, open a report, upload a story, and check
that a story's ``<script>`` stays text.

Skips only when Playwright or a Chromium binary is missing; `.ci/run` installs both.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import pytest

from ficlens.corpus.store import Corpus
from tests.test_corpus import analysed_work

pytestmark = pytest.mark.browser

CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
HOSTILE = "<script>alert('gotcha')</script>"
UPLOAD = f"""Mira Castell found the letter under the bakery door on a Tuesday.

"Who left this?" Mira asked.

"No idea," her brother Tomas said. "It was there when I opened up."

She read it twice. It said only {HOSTILE} and a time: midnight, by the old mill.

* * *

At midnight the mill was dark. Tomas held the lamp while Mira waited, and nobody came.
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[str]:
    """`ficlens serve DB`'s app on a free local port, stopped after the tests."""
    import uvicorn

    from ficlens.web.app import create_app

    db = tmp_path_factory.mktemp("web_browser") / "web.db"
    with Corpus(db, create=True) as corpus:
        corpus.add(analysed_work("Lamp Light", "Nora", "The lamp is still lit."), "h1")
        corpus.add(analysed_work("Salt and Tide", "Maya", "The tide came back."), "h2")
    port = free_port()
    config = uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning")
    instance = uvicorn.Server(config)
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not instance.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            pytest.fail("the web app did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        instance.should_exit = True
        thread.join(timeout=10)


@pytest.fixture
def page(chromium_browser):
    """A fresh page that records dialogs (none may open) and page errors."""
    context = chromium_browser.new_context()
    tab = context.new_page()
    tab.dialogs = []
    tab.errors = []
    tab.on("dialog", lambda dialog: (tab.dialogs.append(dialog.message), dialog.dismiss()))
    tab.on("pageerror", lambda error: tab.errors.append(str(error)))
    tab.set_default_timeout(20_000)
    yield tab
    context.close()


def test_the_works_list_shows_every_work(page, server):
    page.goto(server + "/")
    rows = page.locator("#works tr")
    assert rows.count() == 3  # header + two works
    assert page.locator("h1").inner_text() == "2 works"
    assert page.get_by_role("link", name="Salt and Tide").is_visible()


def test_search_by_words_then_open_the_work(page, server):
    page.goto(server + "/")
    page.get_by_role("link", name="Search").click()
    page.get_by_label("query").fill("tide")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url("**/search?**")
    results = page.locator("#results")
    assert "1 result" in page.locator("h2").inner_text()
    assert "Salt and Tide" in results.inner_text()
    results.get_by_role("link", name="Salt and Tide").click()
    page.wait_for_url("**/works/2")
    assert page.locator("header.work h1").inner_text() == "Salt and Tide"
    assert "The tide came back." in page.locator("#story").inner_text()


def test_search_lines_by_speaker_and_addressee(page, server):
    page.goto(server + "/search")
    page.get_by_label("speaker").fill("Eli")
    page.get_by_label("addressee").fill("Maya")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url("**/search?**")
    assert page.locator("#results").inner_text().count("The tide came back.") == 1
    assert "1 result" in page.locator("h2").inner_text()


def test_an_uploaded_story_is_analysed_and_its_script_stays_text(page, server, tmp_path):
    story = tmp_path / "letter.txt"
    story.write_text(UPLOAD, encoding="utf-8")
    page.goto(server + "/")
    page.get_by_role("link", name="Analyse a story").click()
    page.set_input_files("input[name=story]", str(story))
    # the first analysis in the server loads spaCy and the models: allow for a busy machine
    page.get_by_role("button", name="Analyse").click(no_wait_after=True)
    page.wait_for_selector("#story", timeout=120_000)
    story_text = page.locator("#story").inner_text()
    assert "found the letter under the bakery door" in story_text
    assert HOSTILE in story_text  # shown as text, not run
    assert page.locator("#story script").count() == 0
    assert "sentences" in page.locator("footer").inner_text()  # the analysis layers are there
    assert page.dialogs == [] and page.errors == []


def test_a_wrong_file_type_is_refused_with_a_message(page, server, tmp_path):
    binary = tmp_path / "tool.exe"
    binary.write_bytes(b"MZ\x90\x00" * 64)
    page.goto(server + "/analyze")
    page.set_input_files("input[name=story]", str(binary))
    page.get_by_role("button", name="Analyse").click()
    assert "not a story file" in page.locator("#error").inner_text()
