"""EPUBs made by other AO3 download tools: a title page of ``<p>Label: value</p>`` lines.

Such a tool writes its own title page (``<h3><a href=WORK>Title</a> by Author</h3>`` then
``Fandoms: ...``, ``Rating: ...``, ``Relationships: ...``, ``Words: ...``, a ``Summary:``
block) and copies AO3's own markup for the rest: ``div.notes.module`` (its ``p.jump``
"see the end of the work" line is navigation), the story in ``div.userstuff`` under an
``h3.landmark`` ("Work Text:", a screen-reader label) and ``#work_endnotes``.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ficlens.document import Metadata, Work
from ficlens.errors import InputError
from ficlens.ingest.builder import WorkBuilder
from ficlens.ingest.fanficfare import read_title_line
from ficlens.ingest.html_blocks import (
    blocks_of,
    has_class,
    node_text,
    paragraph_blocks_of,
    paragraphs_of,
)
from ficlens.ingest.labels import LIST_FIELDS, TEXT_FIELDS, apply_label, label_key

MIN_LABELS = 3  # label lines that make a page a title page
_LABEL_LINE = re.compile(r"^([A-Z][A-Za-z ]{1,30}):\s*(.*)$", re.DOTALL)
KNOWN_LABELS = set(LIST_FIELDS) | set(TEXT_FIELDS) | {"word", "series", "categories", "tag"}


def title_page_index(documents: list[LexborHTMLParser]) -> int | None:
    """The spine position of a ``Label: value`` title page, if any of the first two is one."""
    for index, doc in enumerate(documents[:2]):
        if doc.body is not None and len(_label_lines(doc.body)) >= MIN_LABELS:
            return index
    return None


def _label_lines(body: LexborNode) -> list[tuple[LexborNode, str, str]]:
    found = []
    for node in body.css("p, div"):
        if node.parent is not None and node.parent.tag == "div" and node.tag == "p" and \
                _LABEL_LINE.match(node_text(node.parent)):
            continue  # a paragraph of a "Summary:" block
        match = _LABEL_LINE.match(node_text(node))
        if match and label_key(match.group(1)) in KNOWN_LABELS:
            found.append((node, match.group(1), match.group(2)))
    return found


def read_label_epub(documents: list[LexborHTMLParser], title_index: int, meta: Metadata) -> Work:
    builder = WorkBuilder(meta)
    meta.source_format = "label-epub"
    _read_title_page(documents[title_index].body, builder)
    for doc in documents[title_index + 1:]:
        if doc.body is not None:
            _read_document(doc, builder)
    builder.end_chapter()
    if not builder.has_story_text() or not builder.layers.get("chapters"):
        raise InputError("EPUB title page found, but no story text (no div.userstuff)")
    return builder.build()


def _read_title_page(body: LexborNode, builder: WorkBuilder) -> None:
    meta = builder.metadata
    read_title_line(body.css_first("h1, h2, h3"), meta)
    for node, label, value in _label_lines(body):
        if label_key(label) in ("summary", "description"):
            paragraphs = paragraphs_of(node) or [value]
            paragraphs[0] = _LABEL_LINE.sub(r"\2", paragraphs[0]).strip()
            paragraphs = [p for p in paragraphs if p]
            meta.summary = "\n\n".join(paragraphs) or None
            builder.add_note("summary", "start", "Summary", paragraphs)
        else:
            apply_label(meta, label, value)


def _read_document(doc: LexborHTMLParser, builder: WorkBuilder) -> None:
    body = doc.body
    for module in body.css("div"):
        if not has_class(module, "module"):
            continue
        quote = module.css_first("blockquote")
        paragraphs = paragraph_blocks_of(quote) if quote is not None else []
        if not paragraphs:
            continue
        if has_class(module, "end"):
            if (module.attributes.get("id") or "") == "work_endnotes":
                builder.end_chapter()
            builder.add_note("end_note", "end", "End Notes", paragraphs)
        else:
            builder.add_note("author_note", "start", "Notes", paragraphs)
    stories = [d for d in body.css("div") if has_class(d, "userstuff")]
    if not stories:
        return
    title = doc.css_first("head title")
    heading = node_text(title) if title is not None else None
    builder.start_chapter(_chapter_title(heading), heading=None)
    for story in stories:
        for landmark in story.css("h3.landmark"):
            landmark.decompose()
        builder.add_content(blocks_of(story))


def _chapter_title(heading: str | None) -> str | None:
    if not heading:
        return None
    match = re.match(r"^Chapter\s+\d+\s*(?::\s*(.+))?$", heading, re.IGNORECASE)
    return (match.group(1) or None) if match else heading
