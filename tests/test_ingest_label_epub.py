# ruff: noqa: E501  (fixture markup is kept as the tools write it)
"""EPUBs from other AO3 download tools (a ``<p>Label: value</p>`` title page, AO3's own
markup for notes and story), and the AO3 download's work end notes; invented stories."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from ficlens.ingest import read_bytes

MAKER = Path(__file__).resolve().parent / "fixtures" / "ingest" / "make_epubs.py"
_spec = importlib.util.spec_from_file_location("make_epubs", MAKER)
make_epubs = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make_epubs)

PAGE = """<?xml version="1.0" encoding="UTF-8"?>
<html xmlns="http://www.w3.org/1999/xhtml"><head><title>{title}</title></head>
<body>{body}</body></html>"""
TITLE_PAGE = """<h3><a href="https://archiveofourown.org/works/6660001">low tide</a> by saltmarsh</h3>
<p>Fandoms: Breakwater (TV)</p>
<p>Status: In-Progress</p>
<p>Published: 2024-02-03</p>
<p>Updated: 2024-02-10</p>
<p>Chapters: 1/2</p>
<p>Words: 210</p>
<p>Relationships: Nell Ives/Marnie "Mags" Coyle</p>
<p>Additional tags: Angst, Hurt/Comfort</p>
<p>Categories: F/F</p>
<p>Rating: Mature</p>
<div>Summary: <p>Nell counts the boats.</p><p>Mags counts Nell.</p></div>"""
NOTES = """<div class="notes module"><h3 class="heading">Notes:</h3>
<p class="jump">(See the end of the work for <a href="#work_endnotes">notes</a>.)</p></div>"""
CHAPTER = """<div id="chapters" role="article"><h3 class="landmark heading" id="work">Work Text:</h3>
<div class="userstuff"><p>The tide went out at four.</p><p>“Again?” Mags asked.</p></div></div>"""
END_NOTES = """<div id="work_endnotes" class="end notes module"><h3 class="heading">Notes:</h3>
<blockquote class="userstuff"><p>Thank you for reading.</p></blockquote></div>"""


def label_epub(tmp_path: Path) -> bytes:
    parts = {"OEBPS/titlepage.html": ("Title page", TITLE_PAGE),
             "OEBPS/notes.html": ("Notes", NOTES),
             "OEBPS/chapter1.html": ("Chapter 1", CHAPTER),
             "OEBPS/endnotes.html": ("End Notes", END_NOTES)}
    files = {name: PAGE.format(title=t, body=b) for name, (t, b) in parts.items()}
    files["toc.ncx"] = make_epubs.NCX.format(first="OEBPS/titlepage.html")
    items = [(f"p{i}", name, "application/xhtml+xml") for i, name in enumerate(parts)]
    metadata = ('    <dc:title>low tide</dc:title>\n    <dc:creator>saltmarsh</dc:creator>\n'
                '    <dc:language>en</dc:language>')
    path = tmp_path / "tool.epub"
    make_epubs.write_epub(path, "package.opf", make_epubs.opf_document(metadata, items), files)
    return path.read_bytes()


def test_label_title_page_is_metadata(tmp_path):
    work = read_bytes(label_epub(tmp_path), "x.epub")
    meta = work.metadata
    assert meta.source_format == "label-epub"
    assert meta.normalized() == {
        "title": "low tide", "authors": ["saltmarsh"], "fandoms": ["Breakwater (TV)"],
        "rating": "Mature", "warnings": [], "categories": ["F/F"],
        "relationships": ['Nell Ives/Marnie "Mags" Coyle'],
        "characters": [], "freeform_tags": ["Angst", "Hurt/Comfort"], "language": "en",
        "words": 210, "chapters": [{"number": 1, "title": None}], "series": [],
        "summary": "Nell counts the boats.\n\nMags counts Nell.",
        "url": "https://archiveofourown.org/works/6660001",
    }
    assert (meta.published, meta.updated, meta.chapter_count) == ("2024-02-03", "2024-02-10",
                                                                   "1/2")


def test_label_epub_text_keeps_story_and_end_notes_only(tmp_path):
    work = read_bytes(label_epub(tmp_path))
    assert work.text == (
        "Summary\n\nNell counts the boats.\n\nMags counts Nell.\n\n"
        "The tide went out at four.\n\n“Again?” Mags asked.\n\nEnd Notes\n\nThank you for reading."
    )
    assert [(s["kind"], s["position"]) for s in work.layer("markup_notes")] == [
        ("summary", "start"), ("end_note", "end")]


DOWNLOAD = """<!DOCTYPE html><html><head><title>Quiet Hours</title></head><body>
<div id="preface"><p class="message"><b>Quiet Hours</b><br/>Posted originally on the
<a href="https://archiveofourown.org/">Archive of Our Own</a> at
<a href="https://archiveofourown.org/works/6660002">https://archiveofourown.org/works/6660002</a>.</p>
<div class="meta"><dl class="tags"><dt>Rating:</dt><dd><a>General Audiences</a></dd></dl>
<h1>Quiet Hours</h1><div class="byline">by <a rel="author" href="/users/lumen">lumen</a></div>
<p>Notes</p><blockquote class="userstuff"><p>For the night shift.</p></blockquote>
<div class="endnote-link">See the end of the work for <a href="#endnotes">more notes</a></div>
</div></div>
<div id="chapters" class="userstuff"><p>The ward was quiet.</p></div>
<div id="afterword"><div id="endnotes"><p>End Notes</p>
<blockquote class="userstuff"><p>Thanks to my beta.</p></blockquote></div>
<p class="message">Please drop by the Archive and comment.</p></div></body></html>"""


def test_ao3_download_keeps_work_notes_and_end_notes():
    work = read_bytes(DOWNLOAD.encode())
    assert work.metadata.source_format == "ao3-html"
    kinds = [(s["kind"], s["position"], work.span_text(s).split("\n\n")[-1])
             for s in work.layer("markup_notes")]
    assert kinds == [("author_note", "start", "For the night shift."),
                     ("end_note", "end", "Thanks to my beta.")]
    assert "Please drop by" not in work.text


def test_ao3_epub_keeps_work_notes_and_end_notes(tmp_path):
    """AO3's own EPUB (calibre's split of the download): the preface's Notes and the
    afterword's div#endnotes survive as notes."""
    preface = make_epubs.AO3_PREFACE.replace(
        "</blockquote>\n</div>\n</div>",
        '</blockquote>\n<p class="calibre7">Notes</p>\n<blockquote class="userstuff">'
        '<p class="calibre7">Written for the frost prompt.</p></blockquote>\n</div>\n</div>', 1)
    afterword = make_epubs.AO3_AFTERWORD.replace(
        '<p class="message">',
        '<div class="calibre" id="endnotes"><p class="calibre7">End Notes</p>'
        '<blockquote class="userstuff"><p class="calibre7">The orchard is real.</p>'
        '</blockquote></div>\n<p class="message">', 1)
    parts = {"s0.xhtml": preface, "s1.xhtml": make_epubs.AO3_CHAPTER_1,
             "s2.xhtml": make_epubs.AO3_CHAPTER_2, "s3.xhtml": afterword}
    files = {name: make_epubs.XHTML.format(title="The Glass Orchard", css="style.css",
                                           body_class="calibre", body=body)
             for name, body in parts.items()}
    files["toc.ncx"] = make_epubs.NCX.format(first="s0.xhtml")
    items = [(f"h{i}", name, "application/xhtml+xml") for i, name in enumerate(parts)]
    metadata = ("    <dc:title>The Glass Orchard</dc:title>\n"
                "    <dc:publisher>Archive of Our Own</dc:publisher>")
    path = tmp_path / "ao3.epub"
    make_epubs.write_epub(path, "content.opf", make_epubs.opf_document(metadata, items), files)
    work = read_bytes(path.read_bytes())
    assert work.metadata.source_format == "ao3-epub"
    notes = [(s["kind"], s["chapter"], work.span_text(s).split("\n\n")[-1])
             for s in work.layer("markup_notes")]
    assert ("author_note", None, "Written for the frost prompt.") in notes
    assert notes[-1] == ("end_note", None, "The orchard is real.")
