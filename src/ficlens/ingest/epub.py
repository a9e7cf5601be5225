"""EPUB files: checked for hostile archives, then read as AO3 or FanFicFare output.

The archive is opened with :func:`ficlens.ingest.safe_zip.open_zip` (size, ratio, member
count and member names checked) before ebooklib reads it. The spine documents decide
the flavour: FanFicFare marks its pages (``fff_titlepage`` / ``fff_chapter``) and names
itself in the OPF; AO3's EPUB is calibre's conversion of its HTML download, published by
"Archive of Our Own". Any other EPUB is read chapter by chapter from its spine.
"""

from __future__ import annotations

import io
import warnings

from selectolax.lexbor import LexborHTMLParser

from ficlens.document import Metadata, Work
from ficlens.errors import InputError
from ficlens.ingest.ao3 import read_ao3
from ficlens.ingest.builder import WorkBuilder
from ficlens.ingest.decode import decode_bytes
from ficlens.ingest.fanficfare import read_fanficfare_epub
from ficlens.ingest.html_blocks import blocks_of, node_text, parse_html
from ficlens.ingest.label_epub import read_label_epub, title_page_index
from ficlens.ingest.safe_zip import open_zip

AO3_PUBLISHER = "archive of our own"


def read_epub(data: bytes) -> Work:
    archive = open_zip(data)
    names = set(archive.namelist())
    if "META-INF/container.xml" not in names:
        raise InputError("not an EPUB: the zip archive has no META-INF/container.xml")
    book = _load_book(data)
    documents = _spine_documents(book)
    meta = _opf_metadata(book)
    if _is_fanficfare(book, documents):
        return read_fanficfare_epub(documents, meta)
    if AO3_PUBLISHER in (_dc(book, "publisher") or "").lower() or _has_ao3_preface(documents):
        work = read_ao3(_merge_bodies(documents), "ao3-epub")
        _fill_missing(work.metadata, meta)
        return work
    title_index = title_page_index(documents)
    if title_index is not None:
        return read_label_epub(documents, title_index, meta)
    return _read_generic(documents, meta)


def _load_book(data: bytes):
    from ebooklib import epub

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return epub.read_epub(io.BytesIO(data), options={"ignore_ncx": True})
    except InputError:
        raise
    except Exception as exc:  # ebooklib raises KeyError, lxml and zip errors alike
        raise InputError(f"corrupt EPUB: {type(exc).__name__}: {exc}".rstrip(": ")) from None


def _spine_documents(book) -> list[LexborHTMLParser]:
    documents = []
    for idref, _linear in book.spine:
        item = book.get_item_with_id(idref)
        if item is None:
            continue
        try:
            # item.content is the member as stored; get_content() rebuilds the page and
            # drops <head> and the body's class, which FanFicFare's pages are known by.
            html, _encoding = decode_bytes(item.content)
        except InputError:
            continue
        documents.append(parse_html(html))
    if not documents:
        raise InputError("EPUB holds no readable chapters (empty spine)")
    return documents


def _dc(book, name: str) -> str | None:
    values = book.get_metadata("DC", name)
    return values[0][0].strip() if values and values[0][0] else None


def _opf_metadata(book) -> Metadata:
    meta = Metadata(title=_dc(book, "title"), language=_dc(book, "language"))
    meta.authors = [v[0].strip() for v in book.get_metadata("DC", "creator") if v[0]]
    description = _dc(book, "description")
    if description:
        meta.summary = node_text(parse_html(description).body) or None
    source = _dc(book, "source")
    meta.source_url = source if source and source.startswith("http") else None
    return meta


def _is_fanficfare(book, documents: list[LexborHTMLParser]) -> bool:
    contributors = " ".join(v[0] or "" for v in book.get_metadata("DC", "contributor"))
    if "fanficfare" in contributors.lower():
        return True
    return any(
        doc.body is not None and "fff_" in (doc.body.attributes.get("class") or "")
        for doc in documents
    )


def _has_ao3_preface(documents: list[LexborHTMLParser]) -> bool:
    return any(
        doc.css_first("#preface") is not None and "archiveofourown.org" in (doc.html or "")
        for doc in documents
    )


def _merge_bodies(documents: list[LexborHTMLParser]) -> LexborHTMLParser:
    """One HTML tree from calibre's split files, in spine order."""
    bodies = [doc.body.inner_html for doc in documents if doc.body is not None]
    return parse_html("<html><body>" + "\n".join(bodies) + "</body></html>")


def _fill_missing(meta: Metadata, opf: Metadata) -> None:
    meta.title = meta.title or opf.title
    meta.authors = meta.authors or opf.authors
    meta.summary = meta.summary or opf.summary
    meta.language = meta.language or opf.language


def _read_generic(documents: list[LexborHTMLParser], meta: Metadata) -> Work:
    builder = WorkBuilder(meta)
    meta.source_format = "epub"
    for doc in documents:
        blocks = blocks_of(doc.body)
        if not blocks:
            continue
        heading = doc.css_first("h1, h2, h3")
        title = node_text(heading) if heading is not None else None
        builder.start_chapter(title)
        builder.add_content(blocks)
    if not builder.has_story_text():
        raise InputError("EPUB holds no story text")
    return builder.build()
