"""Reader for FanFicFare's output: its single-file HTML and its EPUB.

FanFicFare writes a title page of ``<b>Label:</b> value`` entries (a ``table.full`` in
HTML, ``body.fff_titlepage`` in EPUB) under an ``<a href=URL>Title</a> by Author`` line,
then one chapter per ``<a name="sectionNNNN"><h2>`` (HTML) or per ``fff_chapter`` file
(EPUB, ``h3.fff_chapter_title``). Chapter notes scraped from the site sit in
``div.fff_chapter_notes.fff_head_notes`` / ``.fff_foot_notes`` as ``<b>Label:</b>`` plus a
blockquote.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ficlens.document import Metadata, Work
from ficlens.errors import InputError
from ficlens.ingest.builder import WorkBuilder
from ficlens.ingest.html_blocks import (
    BLOCK_TAGS,
    HR_MARKER,
    Block,
    blocks_of,
    has_class,
    node_text,
    paragraph_blocks_of,
)
from ficlens.ingest.labels import apply_label

_SECTION_ANCHOR = re.compile(r"^section\d+$")
_NUMBERED_TITLE = re.compile(r"^\d+\.\s+")
# FanFicFare's "Category" is the fandom (its AO3 categories are "AO3 Categories").
FANFICFARE_LABELS = {"Category:": "Fandom:", "Fandoms:": "Fandom:"}


def looks_like_fanficfare_html(html_head: str) -> bool:
    lowered = html_head.lower()
    return ('<table class="full">' in lowered and 'name="section' in lowered) or (
        "fff_chapter" in lowered or "fff_titlepage" in lowered
    )


# -- title page ----------------------------------------------------------------------
def read_title_line(node: LexborNode | None, meta: Metadata) -> None:
    """``<h1|h3><a href=URL>Title</a> by <a>Author</a></h1>``."""
    if node is None:
        return
    links = node.css("a")
    if links:
        meta.title = node_text(links[0])
        meta.source_url = links[0].attributes.get("href") or None
        meta.authors = [node_text(a) for a in links[1:] if node_text(a)]
    if not meta.authors:
        text = node_text(node)
        if " by " in text:
            meta.title = meta.title or text.rsplit(" by ", 1)[0].strip()
            meta.authors = [a.strip() for a in text.rsplit(" by ", 1)[1].split(",") if a.strip()]


def read_label_entries(container: LexborNode, meta: Metadata) -> None:
    """Every ``<b>Label:</b> value`` on the title page, value up to the next label."""
    for bold in container.css("b"):
        label = node_text(bold)
        if not label.endswith(":"):
            continue
        value = _value_after(bold)
        if value:
            apply_label(meta, FANFICFARE_LABELS.get(label, label), value)


def _value_after(bold: LexborNode) -> str:
    """Text after a label: the next table cell, or siblings up to ``<br>``."""
    cell = bold.parent
    if cell is not None and cell.tag == "td":
        nxt = cell.next
        while nxt is not None and nxt.tag != "td":
            nxt = nxt.next
        if nxt is not None:
            return node_text(nxt)
        rest = node_text(cell)
        return rest[len(node_text(bold)):].strip()
    pieces = []
    sibling = bold.next
    while sibling is not None and sibling.tag not in ("br", "b") and sibling.tag not in BLOCK_TAGS:
        pieces.append(sibling.text(deep=True) if sibling.tag != "-text" else sibling.text_content)
        sibling = sibling.next
    return re.sub(r"\s+", " ", "".join(p or "" for p in pieces)).strip()


# -- chapters ------------------------------------------------------------------------
def add_chapter_body(node: LexborNode, builder: WorkBuilder) -> None:
    """Chapter content under ``node``, FanFicFare's head / foot note divs as markup notes."""
    for child in node.iter(include_text=True):
        add_chapter_node(child, builder)


def add_chapter_node(child: LexborNode, builder: WorkBuilder) -> None:
    if child.tag == "-text":
        text = re.sub(r"\s+", " ", child.text_content or "").strip()
        if text:
            builder.add_block(text)
    elif child.tag == "div" and has_class(child, "fff_chapter_notes"):
        _add_fff_note(child, builder)
    elif child.tag == "h3" and has_class(child, "fff_chapter_title"):
        return
    elif child.tag == "div" and _holds_notes(child):
        add_chapter_body(child, builder)
    elif child.tag == "hr":
        builder.add_content([Block(HR_MARKER, is_break=True)])
    elif child.is_element_node:
        builder.add_content(blocks_of(child))


def _holds_notes(div: LexborNode) -> bool:
    return any(has_class(d, "fff_chapter_notes") for d in div.css("div") if d.mem_id != div.mem_id)


def _add_fff_note(div: LexborNode, builder: WorkBuilder) -> None:
    foot = has_class(div, "fff_foot_notes")
    bold = div.css_first("b")
    label = node_text(bold).rstrip(":").strip() if bold else None
    quote = div.css_first("blockquote")
    body = paragraph_blocks_of(quote) if quote else [
        p for p in paragraph_blocks_of(div) if p.text != (node_text(bold) if bold else None)
    ]
    if not body:
        return
    if foot:
        kind, position = "end_note", "end"
    else:
        kind = "summary" if label and "summary" in label.lower() else "author_note"
        position = "start"
    builder.add_note(kind, position, label, body)


# -- the two containers ------------------------------------------------------------------
def read_fanficfare_html(tree: LexborHTMLParser) -> Work:
    builder = WorkBuilder(Metadata(source_format="fanficfare-html"))
    body = tree.body
    if body is None:
        raise InputError("FanFicFare HTML has no body")
    read_title_line(body.css_first("h1"), builder.metadata)
    table = body.css_first("table.full")
    if table is not None:
        read_label_entries(table, builder.metadata)
    heading: LexborNode | None = None
    chunk: list[LexborNode] = []
    for child in body.iter(include_text=True):
        anchor_heading = _section_heading(child)
        if anchor_heading is not None:
            _flush_chapter(heading, chunk, builder)
            heading, chunk = anchor_heading, []
        elif heading is not None:
            chunk.append(child)
    _flush_chapter(heading, chunk, builder)
    if not builder.has_story_text():
        raise InputError("FanFicFare HTML holds no chapter text")
    return builder.build()


def _section_heading(node: LexborNode) -> LexborNode | None:
    if node.tag == "a" and _SECTION_ANCHOR.match(node.attributes.get("name") or ""):
        return node.css_first("h2") or node
    return None


def _flush_chapter(heading: LexborNode | None, nodes: list[LexborNode], b: WorkBuilder) -> None:
    if heading is None:
        return
    heading_text = node_text(heading)
    b.start_chapter(_NUMBERED_TITLE.sub("", heading_text) or None, heading=heading_text or None)
    for node in nodes:
        add_chapter_node(node, b)


def read_fanficfare_epub(documents: list[LexborHTMLParser], meta: Metadata) -> Work:
    """FanFicFare EPUB: spine documents in order; ``meta`` already holds the OPF fields."""
    builder = WorkBuilder(meta)
    meta.source_format = "fanficfare-epub"
    for doc in documents:
        body = doc.body
        if body is None:
            continue
        if has_class(body, "fff_titlepage"):
            read_title_line(body.css_first("h3"), meta)
            read_label_entries(body, meta)
        elif has_class(body, "fff_chapter"):
            title_node = body.css_first("h3.fff_chapter_title") or body.css_first("h2, h3")
            heading = node_text(title_node) if title_node else None
            title = _NUMBERED_TITLE.sub("", heading) if heading else None
            builder.start_chapter(title or None, heading=heading)
            add_chapter_body(body, builder)
    if not builder.has_story_text():
        raise InputError("FanFicFare EPUB holds no chapter text")
    return builder.build()
