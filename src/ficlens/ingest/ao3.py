"""Reader for AO3 downloads: the HTML file, and the EPUB built from it (see :mod:`.epub`).

AO3's download page has a preface (``p.message`` with the work URL, ``dl.tags`` read here
by its label text, ``h1`` title, ``div.byline``, "Summary" / "Notes" blocks), then
``div#chapters``: per chapter a ``div.meta.group`` (``h2.heading``, "Chapter Summary",
"Chapter Notes"), a ``div.userstuff`` with the story and an optional end-notes
``div.meta``; a single-chapter work is one bare ``div.userstuff``. The afterword holds the
work's "End Notes". AO3's EPUB is calibre's conversion of that page: classes get a number
(``meta1``) and files are split at chapters, so classes are matched without their digits
and the walk does not rely on ``div#chapters`` being whole.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ficlens.document import Metadata, Work
from ficlens.errors import InputError
from ficlens.ingest.builder import WorkBuilder
from ficlens.ingest.html_blocks import (
    blocks_of,
    has_class,
    next_element,
    node_text,
    paragraph_blocks_of,
)
from ficlens.ingest.labels import apply_label, apply_stats, label_key, parse_series

# note label -> (kind, position, belongs to the current chapter?)
NOTE_LABELS = {
    "summary": ("summary", "start", False),
    "notes": ("author_note", "start", False),
    "chapter summary": ("summary", "start", True),
    "chapter notes": ("author_note", "start", True),
    "chapter end notes": ("end_note", "end", True),
    "end notes": ("end_note", "end", False),
}
TAG_LABELS = {"rating", "archive warning", "category", "fandom", "relationship", "character",
              "additional tag"}
_CHAPTER_TITLE = re.compile(r"^Chapter\s+\d+\s*(?::\s*(.*))?$", re.IGNORECASE | re.DOTALL)


def looks_like_ao3(html_head: str) -> bool:
    lowered = html_head.lower()
    return "archiveofourown.org" in lowered and (
        'id="preface"' in lowered or "posted originally on the" in lowered
    )


def read_ao3(tree: LexborHTMLParser, source_format: str) -> Work:
    builder = WorkBuilder(Metadata(source_format=source_format))
    read_preface(tree, builder.metadata)
    if tree.body is not None:
        _walk(tree.body, builder)
    if not builder.layers.get("chapters") and not builder.in_chapter:
        raise InputError("AO3 download holds no story text (no div.userstuff chapter found)")
    return builder.build()


# -- preface metadata ------------------------------------------------------------------
def read_preface(tree: LexborHTMLParser, meta: Metadata) -> None:
    tags = _tags_list(tree)
    if tags is not None:
        _read_tags(tags, meta)
    title = tree.css_first("#preface h1") or tree.css_first("h1")
    meta.title = node_text(title) if title else _title_from_message(tree)
    meta.authors = _authors(tree)
    meta.source_url = _work_url(tree)
    meta.status = work_status(meta)


def _tags_list(tree: LexborHTMLParser) -> LexborNode | None:
    for dl in tree.css("dl"):
        labels = {label_key(node_text(dt)) for dt in dl.css("dt")}
        if labels & (TAG_LABELS | {"stat"}):
            return dl
    return None


def _read_tags(dl: LexborNode, meta: Metadata) -> None:
    label = None
    for child in dl.iter():
        if child.tag == "dt":
            label = node_text(child)
        elif child.tag == "dd" and label:
            key = label_key(label)
            if key == "stat":
                apply_stats(meta, node_text(child))
            elif key == "series":
                _read_series(child, meta)
            elif key in TAG_LABELS:
                apply_label(meta, label, node_text(child), [node_text(a) for a in child.css("a")])
            else:
                apply_label(meta, label, node_text(child))
            label = None


def _read_series(dd: LexborNode, meta: Metadata) -> None:
    entries = parse_series(node_text(dd))
    links = [a.attributes.get("href") for a in dd.css("a")]
    for entry, url in zip(entries, links, strict=False):
        entry.url = url
    meta.series.extend(entries)


def _title_from_message(tree: LexborHTMLParser) -> str | None:
    bold = tree.css_first("p b")
    return node_text(bold) if bold else None


def _authors(tree: LexborHTMLParser) -> list[str]:
    byline = next((n for n in tree.css("div, p") if has_class(n, "byline")), None)
    if byline is None:
        return []
    links = [node_text(a) for a in byline.css("a") if a.attributes.get("rel") == "author"]
    links = links or [node_text(a) for a in byline.css("a")]
    if links:
        return links
    text = re.sub(r"^by\s+", "", node_text(byline), flags=re.IGNORECASE)
    return [a.strip() for a in re.split(r",\s*|\s+and\s+", text) if a.strip()]


def _work_url(tree: LexborHTMLParser) -> str | None:
    for link in tree.css("a"):
        href = link.attributes.get("href") or ""
        if "archiveofourown.org/works/" in href:
            return href
    return None


def work_status(meta: Metadata) -> str | None:
    """"Completed" when all the chapters AO3 announces are posted ("3/3"), else "In Progress"."""
    match = re.match(r"(\d+)/(\d+|\?)", meta.chapter_count or "")
    if not match:
        return None
    return "Completed" if match.group(1) == match.group(2) else "In Progress"


# -- the walk through preface, chapters and afterword -----------------------------------
def _walk(node: LexborNode, builder: WorkBuilder) -> None:
    for child in node.iter():
        if child.tag == "div" and (has_class(child, "meta") or _is_work_endnotes(child)):
            _read_meta(child, builder)
        elif child.tag == "div" and has_class(child, "userstuff") and not _is_container(child):
            if not builder.in_chapter:
                builder.start_chapter(None)
            builder.add_content(blocks_of(child))
        elif child.tag == "h2" and has_class(child, "heading"):
            _start_chapter(child, builder)
        elif child.tag not in ("dl", "h1", "blockquote", "p"):
            _walk(child, builder)


def _is_work_endnotes(div: LexborNode) -> bool:
    """The afterword's ``div#endnotes`` (no ``meta`` class): the work's end notes."""
    return (div.attributes.get("id") or "") == "endnotes"


def _is_container(div: LexborNode) -> bool:
    # selectolax's css() on a node also matches the node itself: skip it.
    inner = (d for d in div.css("div") if d.mem_id != div.mem_id)
    return any(has_class(d, "userstuff") or has_class(d, "meta") for d in inner)


def _start_chapter(heading: LexborNode, builder: WorkBuilder) -> None:
    text = node_text(heading)
    match = _CHAPTER_TITLE.match(text)
    title = (match.group(1) or None) if match else text
    builder.start_chapter(title.strip() if title else None, heading=text)


def _read_meta(meta: LexborNode, builder: WorkBuilder) -> None:
    """A ``div.meta``: a chapter heading and/or labelled summary and note blocks."""
    heading = next((h for h in meta.css("h2") if not has_class(h, "toc-heading")), None)
    if heading is not None:
        _start_chapter(heading, builder)
    for label_node in meta.css("p"):
        label = node_text(label_node)
        note = NOTE_LABELS.get(label.lower())
        body = next_element(label_node)
        if note is None or body is None or body.tag != "blockquote":
            continue
        kind, position, in_chapter = note
        if not in_chapter and position == "end":
            builder.end_chapter()
        paragraphs = paragraph_blocks_of(body)
        if kind == "summary" and not in_chapter:
            builder.metadata.summary = "\n\n".join(p.text for p in paragraphs) or None
        builder.add_note(kind, position, label, paragraphs)
