"""AO3 work pages saved from the browser and then stripped of every attribute read as the
pages with their classes do (ficlens.ingest.ao3_page_stripped). The pages are the invented
ones of tests/test_ingest_ao3_page.py, stripped here."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

from ficlens.ingest import read_bytes

_PAGES = Path(__file__).resolve().parent / "test_ingest_ao3_page.py"
_spec = importlib.util.spec_from_file_location("ao3_page_builders", _PAGES)
pages = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(pages)
_ATTRIBUTES = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)\s+[^<>]*?(/?)>")


def stripped(page: bytes) -> bytes:
    """The page with every attribute gone, as an archiving tool leaves it."""
    return _ATTRIBUTES.sub(lambda m: f"<{m.group(1)}{m.group(2)}>", page.decode()).encode()


def _layers(work) -> dict:
    return {name: [(s.start, s.end, s.attrs) for s in spans] for name, spans in work.layers.items()}


def _same_reading(page: bytes) -> None:
    classed, bare = read_bytes(page, "work.html"), read_bytes(stripped(page), "work.html")
    assert bare.metadata.source_format == "ao3-page"
    assert bare.text == classed.text
    assert _layers(bare) == _layers(classed)
    want, got = classed.metadata.normalized(), bare.metadata.normalized()
    for lost in ("url", "series"):  # links lose their href: no work or series URL
        want.pop(lost), got.pop(lost)
    assert got == want


def test_full_work_view_stripped_reads_the_same():
    _same_reading(pages.full_view())


def test_chapter_view_stripped_reads_the_same():
    _same_reading(pages.chapter_view())


def test_one_shot_page_stripped_reads_the_same():
    body = ('<div class="userstuff"><h3 class="landmark heading" id="work">Work Text:</h3>'
            + pages.CHAPTER_TWO + "</div>")
    _same_reading(pages.work_page(pages.ENGLISH, body, True).replace(b"2/3", b"1/1"))


def test_stripped_page_text_holds_no_site_chrome():
    work = read_bytes(stripped(pages.full_view()), "work.html")
    assert "Kudos" not in work.text and "Terms of Service" not in work.text
    assert work.metadata.series[0].name == "Harbour Nights"
    assert work.metadata.characters == ["Ada Marsh", "Ines Vale", "Old Pell"]


def test_a_page_with_a_chapter_text_heading_but_no_tag_list_is_generic():
    page = ("<html><body><div><h3>Chapter Text</h3><p>Words of a blog post.</p></div>"
            "</body></html>")
    assert read_bytes(page.encode(), "blog.html").metadata.source_format == "html"
