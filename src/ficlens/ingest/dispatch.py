"""From bytes to a Work: refuse what is not a story, then hand it to the right reader."""

from __future__ import annotations

from pathlib import PurePath
from typing import TYPE_CHECKING

from ficlens.document import Work
from ficlens.errors import InputError
from ficlens.ingest.decode import decode_bytes
from ficlens.ingest.limits import check_size
from ficlens.ingest.mobi_reader import looks_like_mobi
from ficlens.ingest.pdf_reader import looks_like_pdf
from ficlens.ingest.scene_breaks import marker_kind
from ficlens.ingest.sniff import html_flavour, is_zip, looks_like_html

if TYPE_CHECKING:
    from selectolax.lexbor import LexborHTMLParser


def read_story_bytes(data: bytes, name: str = "") -> Work:
    work = _read_any(data, name)
    if _only_break_marks(work.text):
        raise InputError("no story text: the file holds only scene-break marks and whitespace")
    return work


def _only_break_marks(text: str) -> bool:
    """Nothing but scene-break lines (``***``, ``* * *``, ``~~~``, ``<hr>``) and blanks;
    ``all`` stops at the first line of prose, so a story costs one line's test."""
    return all(not line.strip() or marker_kind(line) for line in text.splitlines())


def _read_any(data: bytes, name: str) -> Work:
    check_size(len(data))
    if not data:
        raise InputError("empty file")
    if data.isspace():
        raise InputError("file holds only whitespace")
    suffix = PurePath(name).suffix.lower()
    if looks_like_pdf(data):
        from ficlens.ingest.pdf_reader import read_pdf

        return read_pdf(data)
    if looks_like_mobi(data):
        from ficlens.ingest.mobi_reader import read_mobi

        return read_mobi(data)
    if is_zip(data):
        from ficlens.ingest.epub import read_epub

        return read_epub(data)
    if suffix == ".epub":
        raise InputError("not a valid EPUB: the file is not a zip archive")
    text, encoding = decode_bytes(data)
    if not text.strip():
        raise InputError("file holds only whitespace")
    if looks_like_html(text):
        return _read_html(text)
    from ficlens.ingest.markdown_reader import looks_like_markdown

    if looks_like_markdown(text):
        from ficlens.ingest.markdown_reader import read_markdown

        return read_markdown(text)
    from ficlens.ingest.markdown_plain import looks_like_plain_markdown

    if looks_like_plain_markdown(suffix):
        from ficlens.ingest.markdown_plain import read_plain_markdown

        return read_plain_markdown(text, encoding)
    from ficlens.ingest.text_reader import read_text

    return read_text(text, encoding)


def _read_html(text: str) -> Work:
    from ficlens.ingest.html_blocks import parse_html

    tree = parse_html(text)
    flavour = html_flavour(text)
    stripped = _read_stripped_ao3(tree, flavour)
    if stripped is not None:
        return stripped
    if flavour == "ao3-html":
        from ficlens.ingest.ao3 import read_ao3

        return read_ao3(tree, "ao3-html")
    from ficlens.ingest.ao3_page import looks_like_ao3_page

    if looks_like_ao3_page(tree):
        from ficlens.ingest.ao3_page import read_ao3_page

        return read_ao3_page(tree)
    if flavour == "fanficfare-html":
        from ficlens.ingest.fanficfare import read_fanficfare_html

        return read_fanficfare_html(tree)
    if flavour == "ffnet-html":
        from ficlens.ingest.ffnet import read_ffnet

        return read_ffnet(tree)
    from ficlens.ingest.html_reader import read_generic_html

    return read_generic_html(tree)


def _read_stripped_ao3(tree: LexborHTMLParser, flavour: str) -> Work | None:
    """An AO3 work page or download whose ids and classes were stripped, read once the
    content has shown where they were; None for anything else."""
    from ficlens.ingest.ao3_page_stripped import looks_like_stripped_ao3_page

    if looks_like_stripped_ao3_page(tree):
        from ficlens.ingest.ao3_page_stripped import read_stripped_ao3_page

        return read_stripped_ao3_page(tree)
    from ficlens.ingest.ao3_stripped import looks_like_stripped_ao3

    whole_ao3 = flavour == "ao3-html" and tree.css_first("div.userstuff") is not None
    if not whole_ao3 and looks_like_stripped_ao3(tree):
        from ficlens.ingest.ao3_stripped import read_stripped_ao3

        return read_stripped_ao3(tree)
    return None
