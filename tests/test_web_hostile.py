"""The web app under hostile requests: Host and Origin checks, security headers, body and
upload limits with readable pages, and analyses held to their time, memory and size budget."""

from __future__ import annotations

import asyncio

import pytest
from fastapi.testclient import TestClient

from ficlens.corpus.store import Corpus
from ficlens.web.app import create_app
from ficlens.web.guard import script_hash
from ficlens.web.worker import AnalysisPool, AnalysisRefused, Budget
from tests.hostile_inputs import dialogue, nested_divs, spread_bomb

LOCAL = "http://127.0.0.1"
STORY = '"Is the lamp lit?" Nora asked Eli.\n\n"It is," Eli said.\n'


def make_client(tmp_path, **budget) -> TestClient:
    db = tmp_path / "web.db"
    Corpus(db, create=True).close()
    app = create_app(db, allowed_hosts=["fics.example"], budget=Budget(**budget))
    return TestClient(app, base_url=LOCAL)


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    # one app (and one analysis worker, slow to start) for the tests that share its budget
    with make_client(tmp_path_factory.mktemp("web"), upload_bytes=200_000,
                     text_chars=30_000) as client:
        yield client


@pytest.mark.parametrize("host", ["evil.example", "127.0.0.1.evil.example", "", "[::2]:80"])
def test_a_foreign_host_is_refused(client, host):
    reply = client.get("/api/works", headers={"host": host})
    assert reply.status_code == 400
    assert "--allow-host" in reply.text and "[]" not in reply.text


@pytest.mark.parametrize("host", ["127.0.0.1:8000", "localhost", "LOCALHOST:1", "[::1]:8000",
                                  "fics.example"])
def test_loopback_and_allowed_hosts_are_served(client, host):
    assert client.get("/api/works", headers={"host": host}).status_code == 200


@pytest.mark.parametrize("headers", [
    {"origin": "http://evil.example"},
    {"origin": "http://127.0.0.1:9999"},  # another local site is another origin
    {"origin": "null"},
    {"sec-fetch-site": "cross-site"},
])
def test_a_cross_origin_post_is_refused(client, headers):
    reply = client.post("/analyze", data={"text": STORY}, headers=headers)
    assert reply.status_code == 403
    assert "another site" in reply.text


def test_a_same_origin_post_is_analysed(client):
    reply = client.post("/analyze", data={"text": STORY},
                        headers={"origin": LOCAL, "sec-fetch-site": "same-origin"})
    assert reply.status_code == 200, reply.text[-500:]
    assert "Nora" in reply.text


def test_every_page_carries_the_security_headers(client):
    from ficlens.report.html import asset

    for path in ["/", "/analyze", "/search?q=x", "/works/9", "/api/works"]:
        headers = client.get(path).headers
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["x-frame-options"] == "DENY"
        csp = headers["content-security-policy"]
        assert "frame-ancestors 'none'" in csp and "default-src 'none'" in csp
        # only the report's own script may run, never an inline script from a story
        assert f"script-src {script_hash(asset('report.js'))};" in csp
        assert "unsafe-inline'; form" not in csp


def test_a_body_over_the_limit_is_refused_by_its_length(client):
    reply = client.post("/analyze", content=b"x" * 300_000,
                        headers={"content-type": "multipart/form-data; boundary=b"})
    assert reply.status_code == 413
    assert reply.headers["content-type"].startswith("text/html")
    assert "limit of the web app" in reply.text
    assert "FICLENS_MAX_BYTES" not in reply.text


def test_a_streamed_body_over_the_limit_is_refused(client):
    def chunks():
        yield b'--b\r\nContent-Disposition: form-data; name="story"; filename="a.txt"\r\n\r\n'
        for _ in range(40):
            yield b"word " * 2000

    reply = client.post("/analyze", content=chunks(),
                        headers={"content-type": "multipart/form-data; boundary=b"})
    assert reply.status_code == 413 and "limit of the web app" in reply.text


@pytest.mark.parametrize("size", [150_000, 250_000])
def test_pastes_get_the_upload_limit_and_a_readable_page(client, size):
    # a paste over 1 MB used to get Starlette's raw JSON; now pastes and files share one limit
    reply = client.post("/analyze", data={"text": "word " * (size // 5)})
    assert reply.headers["content-type"].startswith("text/html")
    assert reply.status_code in (400, 413)
    assert "limit" in reply.text and '{"detail"' not in reply.text
    assert "FICLENS_MAX_BYTES" not in reply.text


def test_a_paste_over_one_megabyte_is_read_under_a_bigger_limit(tmp_path):
    with make_client(tmp_path, upload_bytes=3 * 2**20, text_chars=1_000) as client:
        reply = client.post("/analyze", data={"text": "word " * 300_000})
    assert reply.status_code == 400
    assert "1,500,000 characters, over the 1,000 limit" in reply.text


@pytest.mark.parametrize(("name", "data", "message"), [
    ("spread.epub", spread_bomb(), "hostile EPUB (zip bomb?)"),
    ("deep.html", nested_divs(5000).encode(), "HTML nested more than 2,000 elements deep"),
    ("deep-ok.html", nested_divs(1200, STORY).encode(), None),
    ("blank.txt", b"\x00\x01" * 100, "not a text story"),
], ids=["spread-bomb", "too-deep", "deep", "binary"])
def test_hostile_uploads_get_one_readable_line(client, name, data, message):
    reply = client.post("/analyze", files={"story": (name, data, "application/octet-stream")})
    if message is None:
        assert reply.status_code == 200, reply.text[-400:]
        return
    assert reply.status_code == 400
    assert f"{name}: {message}" in reply.text.replace("&#39;", "'")


def test_an_uploaded_story_is_titled_by_its_file_name(client):
    upload = ("Lamp Night.txt", STORY.encode(), "text/plain")
    reply = client.post("/analyze", files={"story": upload})
    assert "<title>Lamp Night.txt" in reply.text


def test_an_analysis_over_its_time_budget_is_stopped(tmp_path):
    with make_client(tmp_path, seconds=0.05) as client:
        reply = client.post("/analyze", data={"text": dialogue(20, one_paragraph=False)})
    assert reply.status_code == 503
    assert "took longer than the 0.05 s limit" in reply.text
    assert reply.headers["retry-after"]


def run(coroutine):
    """Run a coroutine on a fresh loop in its own thread: an earlier test in the same process
    (Playwright's sync API in the browser tests) may leave a loop running on this one."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


async def never_gone() -> bool:
    return False


async def _busy_then_refused(pool: AnalysisPool) -> AnalysisRefused:
    first = asyncio.create_task(pool.analyze(dialogue(50, True).encode(), "a.txt", never_gone))
    await asyncio.sleep(0.2)
    try:
        await pool.analyze(STORY.encode(), "b.txt", never_gone)
    except AnalysisRefused as exc:
        return exc
    finally:
        first.cancel()
        await asyncio.gather(first, return_exceptions=True)
        pool.close()
    raise AssertionError("a second analysis ran past the cap")


def test_analyses_over_the_cap_are_refused_not_queued():
    refused = run(_busy_then_refused(AnalysisPool(Budget(slots=1))))
    assert refused.status == 503 and "busy" in str(refused)


async def _leaves(pool: AnalysisPool) -> tuple[AnalysisRefused, object]:
    calls = 0

    async def gone_soon() -> bool:
        nonlocal calls
        calls += 1
        return calls > 3

    try:
        await pool.analyze(dialogue(50, True).encode(), "a.txt", gone_soon)
    except AnalysisRefused as exc:
        return exc, pool
    raise AssertionError("the analysis went on after the client left")


def test_the_analysis_is_killed_when_the_client_leaves():
    pool = AnalysisPool(Budget(slots=1))
    refused, _ = run(_leaves(pool))
    assert "went away" in str(refused)
    assert pool.running == 0 and not pool.idle  # the worker was killed, not kept


async def _over_memory(pool: AnalysisPool) -> AnalysisRefused:
    try:
        await pool.analyze(STORY.encode(), "a.txt", never_gone)
    except AnalysisRefused as exc:
        return exc
    finally:
        pool.close()
    raise AssertionError("no memory limit")


def test_an_analysis_over_its_memory_budget_is_stopped():
    refused = run(_over_memory(AnalysisPool(Budget(memory_mb=1))))
    assert "more than the 1 MB memory limit" in str(refused)
