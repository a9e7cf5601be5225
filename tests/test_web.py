"""The local web app: listing, search, reports and uploads, with story text escaped."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from ficlens.corpus.store import Corpus
from ficlens.web.app import MAX_UPLOAD_BYTES, create_app
from tests.test_corpus import analysed_work

HOSTILE = "<script>alert(1)</script>"


@pytest.fixture
def client(tmp_path):
    db = tmp_path / "web.db"
    with Corpus(db, create=True) as corpus:
        corpus.add(analysed_work("Lamp Light", "Nora", "The lamp is still lit."), "h1")
        corpus.add(analysed_work(f"Evil {HOSTILE}", "Maya", f"Try {HOSTILE} now."), "h2")
    # Host must be a loopback name; the with-block stops the analysis workers afterwards
    with TestClient(create_app(db), base_url="http://127.0.0.1") as client:
        yield client


def test_index_lists_works_with_titles_escaped(client):
    page = client.get("/").text
    assert "Lamp Light" in page
    assert HOSTILE not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_search_quotes_by_speaker_and_addressee(client):
    page = client.get("/search", params={"speaker": "Eli", "addressee": "Nora"}).text
    assert "The lamp is still lit." in page
    assert "1 result" in page
    hostile = client.get("/search", params={"q": "try", "quotes": "true"}).text
    assert HOSTILE not in hostile


def test_api_search_returns_json(client):
    rows = client.get("/api/search", params={"q": "tide lamp"}).json()
    assert rows == []
    rows = client.get("/api/search", params={"q": "lamp", "quotes": True}).json()
    assert rows[0]["speaker_name"] == "Eli Brandt"


def test_work_report_and_missing_work(client):
    assert client.get("/works/999").status_code == 404
    page = client.get("/works/2")
    assert page.status_code == 200
    assert HOSTILE not in page.text


def test_uploads_are_type_checked_and_size_limited(client):
    bad_type = client.post("/analyze", files={"story": ("x.exe", b"MZ\x00\x00", "application/x")})
    assert bad_type.status_code == 400 and "not a story file" in bad_type.text
    too_big = client.post(
        "/analyze", files={"story": ("big.txt", b"a " * (MAX_UPLOAD_BYTES // 2 + 10), "text/plain")}
    )
    assert too_big.status_code == 400 and "upload limit" in too_big.text
    empty = client.post("/analyze", data={"text": "   "})
    assert empty.status_code == 400 and "nothing to analyse" in empty.text


def test_a_pasted_story_is_analysed_into_a_report(client):
    story = f'"Hello," Nora said to Eli. "{HOSTILE}"\n\nEli smiled. "Hi, Nora."\n'
    page = client.post("/analyze", data={"text": story})
    assert page.status_code == 200, page.text[:300]
    assert "Nora" in page.text
    assert HOSTILE not in page.text
