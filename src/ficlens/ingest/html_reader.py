"""Any other HTML page: its readable paragraphs, chapters at ``h1``-``h3`` headings."""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from ficlens.document import Metadata, Work
from ficlens.errors import InputError
from ficlens.ingest.builder import WorkBuilder
from ficlens.ingest.html_blocks import blocks_of, node_text


def read_generic_html(tree: LexborHTMLParser) -> Work:
    title = tree.css_first("title")
    builder = WorkBuilder(Metadata(title=node_text(title) if title else None, source_format="html"))
    blocks = blocks_of(tree.body)
    if not any(not b.is_break for b in blocks):
        raise InputError("HTML page holds no readable text")
    builder.add_content(blocks)
    return builder.build()
