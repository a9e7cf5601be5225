"""AO3 downloads whose ``id`` and ``class`` attributes an archiving tool stripped.

Readers who keep their own archive of AO3 downloads often re-save the files with a tool
that drops every attribute (the work URL loses its ``href`` too) and adds ``<meta
name="fic-author">``-style tags of its own. The AO3 reader (:mod:`.ao3`) finds the parts of
a download by class, so such a file would be read as generic HTML: preface, tag list and
stats would land in the story text. The structure is still there and is recognised here by
its content:

* the tag list: a ``dl`` whose ``dt`` labels are AO3's (Rating, Archive Warning, Category,
  Fandom, Relationship, Character, Additional Tags, Language, Stats...; any order, singular
  or plural, any whitespace);
* the preface block holding it (AO3 heads it "Preface"), followed by the chapters block and
  an optional block headed "Afterword";
* in the chapters block, per chapter a small block of a heading, labelled "Chapter Summary"
  / "Chapter Notes" ``blockquote`` s and a "see the end notes" link, then the story block,
  then an optional "Chapter End Notes" block.

The tag list alone is not enough (a page may print a few labels in a ``dl``): the preface
or afterword heading, an AO3 work URL, a Stats line with its word count, or a labelled
summary must back it up. Once recognised, the classes AO3 writes are put back on those
blocks, so the one AO3 reader reads the file and its layers are those of any AO3 download;
the tool's meta tags then fill the fields the download left empty.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ficlens.document import Metadata, Work
from ficlens.ingest.ao3 import NOTE_LABELS, read_ao3
from ficlens.ingest.html_blocks import element_children, next_element, node_text
from ficlens.ingest.labels import label_key, parse_word_count

AO3_TAG_LABELS = frozenset({
    "rating", "archive warning", "category", "fandom", "relationship", "character",
    "additional tag", "language", "stat", "series", "collection",
})
MIN_TAG_LABELS = 3
MIN_OTHER_SIGNS = 2
# a chapter's head block holds short pieces only (the "see the end notes" link line)
MAX_LINK_LINE_CHARS = 120
_PAGE_CLASSES = "#workskin, dl.work"
_WORK_URL = re.compile(r"(?:https?://)?(?:www\.)?archiveofourown\.org/works/\d+", re.IGNORECASE)
_CHAPTER_BYLINE = re.compile(r"chapter\s+by\b", re.IGNORECASE)
_STATS_WORDS = re.compile(r"\bWords:\s*[\d,.\s]+", re.IGNORECASE)
# the archiving tool's meta tags -> Metadata field; the download's own fields come first
META_FIELDS = {
    "fic-author": "authors", "author": "authors",
    "fic-ship": "relationships", "ship": "relationships",
    "fic-rating": "rating", "rating": "rating",
    "fic-word-count": "word_count", "words": "word_count",
    "fic-updated": "updated", "fic-status": "status", "status": "status",
    "summary": "summary",
}
META_EXTRA = {"fic-tags": "Archive tags"}


@dataclass(frozen=True, slots=True)
class _Parts:
    preface: LexborNode
    tags: LexborNode
    chapters: LexborNode
    afterword: LexborNode | None


def looks_like_stripped_ao3(tree: LexborHTMLParser) -> bool:
    return _find_parts(tree) is not None


def read_stripped_ao3(tree: LexborHTMLParser) -> Work:
    parts = _find_parts(tree)
    if parts is None:
        raise ValueError("not an AO3 download: check looks_like_stripped_ao3 first")
    _restore_classes(parts)
    work = read_ao3(tree, "ao3-html")
    meta = work.metadata
    meta.source_url = meta.source_url or _url_in_text(parts.preface)
    _apply_meta_tags(tree, meta)
    return work


# -- recognising the parts ----------------------------------------------------------------
def _find_parts(tree: LexborHTMLParser) -> _Parts | None:
    if tree.css_first(_PAGE_CLASSES) is not None:
        return None  # a work page saved from the browser: ao3_page reads it
    tags = tag_list(tree)
    if tags is None:
        return None
    preface = _preface_block(tags)
    chapters = next_element(preface) if preface is not None else None
    if preface is None or chapters is None or chapters.tag != "div":
        return None
    afterword = next_element(chapters)
    if afterword is not None and _heading_text(afterword) != "afterword":
        afterword = None
    parts = _Parts(preface, tags, chapters, afterword)
    return parts if _other_signs(parts) >= MIN_OTHER_SIGNS else None


def tag_list(tree: LexborHTMLParser) -> LexborNode | None:
    for dl in tree.css("dl"):
        labels = {label_key(node_text(dt)) for dt in dl.css("dt")}
        if len(labels & AO3_TAG_LABELS) >= MIN_TAG_LABELS:
            return dl
    return None


def _preface_block(tags: LexborNode) -> LexborNode | None:
    """The block the tag list sits in: the ancestor headed "Preface", else the first
    ancestor followed by another block (the chapters)."""
    node = tags.parent
    while node is not None and node.tag not in ("body", "html"):
        if _heading_text(node) == "preface" or (
            next_element(node) is not None and next_element(node).tag == "div"
        ):
            return node
        node = node.parent
    return None


def _other_signs(parts: _Parts) -> int:
    preface_text = parts.preface.text(deep=True) or ""
    signs = [
        _heading_text(parts.preface) == "preface",
        parts.afterword is not None,
        _WORK_URL.search(preface_text) is not None or any(
            _WORK_URL.search(a.attributes.get("href") or "") for a in parts.preface.css("a")),
        any(label_key(node_text(dt)) == "stat" and _STATS_WORDS.search(node_text(dd))
            for dt, dd in label_pairs(parts.tags)),
        any(_is_label(p) for p in parts.preface.css("p")),
    ]
    return sum(signs)


def label_pairs(dl: LexborNode) -> list[tuple[LexborNode, LexborNode]]:
    pairs, label = [], None
    for child in element_children(dl):
        if child.tag == "dt":
            label = child
        elif child.tag == "dd" and label is not None:
            pairs.append((label, child))
            label = None
    return pairs


def _heading_text(block: LexborNode) -> str | None:
    """The block's ``h2`` (AO3's "Preface" / "Afterword"; the work's title is an ``h1``)."""
    heading = next((c for c in element_children(block) if c.tag == "h2"), None)
    return node_text(heading).casefold() if heading is not None else None


def _is_label(node: LexborNode) -> bool:
    """A "Summary" / "Chapter Notes" ... paragraph followed by its blockquote."""
    following = next_element(node)
    return (node.tag == "p" and node_text(node).casefold() in NOTE_LABELS
            and following is not None and following.tag == "blockquote")


# -- putting AO3's classes back --------------------------------------------------------------
def _restore_classes(parts: _Parts) -> None:
    set_attrs(parts.preface, id="preface")
    for heading in element_children(parts.preface):
        if heading.tag == "h2":
            set_attrs(heading, "toc-heading")
    tags_block = parts.tags.parent
    if tags_block is not None and tags_block.mem_id != parts.preface.mem_id:
        set_attrs(tags_block, "meta")
        _mark_byline(tags_block)
    set_attrs(parts.tags, "tags")
    set_attrs(parts.chapters, "userstuff", id="chapters")
    for child in element_children(parts.chapters):
        if child.tag == "h2":
            set_attrs(child, "toc-heading")
        elif child.tag == "div":
            _mark_chapter_block(child)
    if parts.afterword is not None:
        set_attrs(parts.afterword, id="afterword")
        for div in parts.afterword.css("div"):
            if any(_is_label(c) for c in element_children(div)):
                set_attrs(div, "meta")


def _mark_byline(meta_block: LexborNode) -> None:
    title = next((c for c in element_children(meta_block) if c.tag == "h1"), None)
    byline = next_element(title) if title is not None else None
    if byline is not None and byline.tag in ("div", "p") and byline.css_first("a") is not None:
        set_attrs(byline, "byline")


def _mark_chapter_block(div: LexborNode) -> None:
    """A chapter's head (heading, summary, notes), its end notes, or its story text."""
    children = element_children(div)
    if not children or not all(_is_head_piece(c) for c in children):
        set_attrs(div, "userstuff")
        return
    headings = [c for c in children if c.tag == "h2"]
    if headings:
        set_attrs(div, "meta group")
        set_attrs(headings[0], "heading")
    elif any(_is_label(c) for c in children):
        set_attrs(div, "meta")
    else:
        set_attrs(div, "userstuff")


def _is_head_piece(node: LexborNode) -> bool:
    if node.tag in ("h2", "blockquote"):
        return True
    if node.tag == "p":  # a label ("Chapter Notes" may head only the end-notes link) or
        text = node_text(node)  # the "Chapter by" line of a chapter by a co-creator
        return text.casefold() in NOTE_LABELS or (
            len(text) <= MAX_LINK_LINE_CHARS and _CHAPTER_BYLINE.match(text) is not None)
    # css() on a node matches the node itself too: only the inner blocks count
    inner = [d for d in node.css("p, blockquote, div") if d.mem_id != node.mem_id]
    return node.tag == "div" and len(node_text(node)) <= MAX_LINK_LINE_CHARS and not inner


def set_attrs(node: LexborNode, classes: str | None = None, id: str | None = None) -> None:  # noqa: A002
    if classes is not None:
        node.attrs["class"] = classes
    if id is not None:
        node.attrs["id"] = id




# -- the archiving tool's own fields -----------------------------------------------------------
def _url_in_text(preface: LexborNode) -> str | None:
    match = _WORK_URL.search(preface.text(deep=True) or "")
    if match is None:
        return None
    url = match.group(0)
    return url if url.lower().startswith("http") else f"https://{url}"


def _apply_meta_tags(tree: LexborHTMLParser, meta: Metadata) -> None:
    for tag in tree.css("meta[name]"):
        name = (tag.attributes.get("name") or "").strip().lower()
        value = re.sub(r"\s+", " ", tag.attributes.get("content") or "").strip()
        if not value:
            continue
        if name in META_EXTRA:
            meta.extra.setdefault(META_EXTRA[name], value)
        elif name in META_FIELDS:
            _fill(meta, META_FIELDS[name], value)


def _fill(meta: Metadata, field_name: str, value: str) -> None:
    """Set a field the download left empty (its own value always wins)."""
    current = getattr(meta, field_name)
    if current:
        return
    if field_name == "word_count":
        meta.word_count = parse_word_count(value)
    elif isinstance(current, list):
        current.append(value)
    else:
        setattr(meta, field_name, value)
