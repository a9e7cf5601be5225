"""AO3 work pages saved from the browser and then stripped of their ``id`` / ``class``
attributes (the archiving tools of :mod:`.ao3_stripped` do it to pages too).

:mod:`.ao3_page` finds the parts of otwarchive's work template by class. Without them the
page would be read as generic HTML, site navigation, kudos and comments included. The
template is recognised here by what AO3 prints: the screen-reader heading "Chapter Text"
(or "Work Text:") that opens every story block, and the work's tag list (a ``dl`` of AO3's
labels, as in :mod:`.ao3_stripped`). From the story blocks up: the chapter blocks, the
chapters container, the work skin and its preface (title, byline, "Summary:" / "Notes:"
modules), the afterword's end notes, and the chapter index select. The classes AO3 writes
are put back on them, and :func:`.ao3_page.read_ao3_page` reads the page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ficlens.document import Work
from ficlens.ingest.ao3_page import read_ao3_page
from ficlens.ingest.ao3_stripped import label_pairs, set_attrs, tag_list
from ficlens.ingest.html_blocks import element_children, node_text
from ficlens.ingest.labels import label_key

LANDMARKS = frozenset({"chapter text", "work text"})
MODULES = {"summary": "summary module", "note": "notes module"}  # by label_key
# dt label (label_key) -> the class of its dd on a work page
FIELD_CLASSES = {
    "rating": "rating tags", "archive warning": "warning tags", "category": "category tags",
    "fandom": "fandom tags", "relationship": "relationship tags",
    "character": "character tags", "additional tag": "freeform tags", "language": "language",
    "series": "series", "stat": "stats", "collection": "collections",
}
STAT_CLASSES = {"published": "published", "updated": "status", "completed": "status",
                "word": "words", "chapter": "chapters"}
_CHAPTER_OPTION = re.compile(r"^\d+\.\s")
_CHAPTER_TITLE = re.compile(r"^Chapter\s+\d+", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class _Page:
    tags: LexborNode
    skin: LexborNode
    chapters: LexborNode
    stories: list[LexborNode]
    one_shot: bool


def looks_like_stripped_ao3_page(tree: LexborHTMLParser) -> bool:
    return _find_page(tree) is not None


def read_stripped_ao3_page(tree: LexborHTMLParser) -> Work:
    page = _find_page(tree)
    if page is None:
        raise ValueError("not an AO3 work page: check looks_like_stripped_ao3_page first")
    _restore_classes(page, tree)
    return read_ao3_page(tree)


# -- recognising the template ------------------------------------------------------------------
def _find_page(tree: LexborHTMLParser) -> _Page | None:
    if tree.css_first("#workskin, dl.work, div.userstuff") is not None:
        return None  # classes kept: the readers of classed pages and downloads read it
    stories = [h.parent for h in tree.css("h3") if _is_landmark(h) and h.parent is not None
               and h.parent.tag == "div"]
    tags = tag_list(tree) if stories else None
    if tags is None:
        return None
    one_shot = len(stories) == 1 and not _has_chapter_heading(stories[0])
    blocks = stories if one_shot else [s.parent for s in stories]
    containers = {b.parent.mem_id for b in blocks if b.parent is not None}
    chapters = blocks[0].parent
    if len(containers) != 1 or chapters is None or chapters.parent is None:
        return None
    return _Page(tags, chapters.parent, chapters, stories, one_shot)


def _is_landmark(heading: LexborNode) -> bool:
    return node_text(heading).rstrip(":").strip().casefold() in LANDMARKS


def _has_chapter_heading(story: LexborNode) -> bool:
    """Is the story block inside a chapter block (whose preface has "Chapter N" in h3)?"""
    chapter = story.parent
    if chapter is None:
        return False
    return any(_CHAPTER_TITLE.match(node_text(h)) for h in chapter.css("h3")
               if not _is_landmark(h))


# -- putting the template's classes back -------------------------------------------------------
def _restore_classes(page: _Page, tree: LexborHTMLParser) -> None:
    set_attrs(page.skin, id="workskin")
    set_attrs(page.chapters, id="chapters")
    preface = next((c for c in element_children(page.skin) if c.tag == "div"
                    and c.mem_id != page.chapters.mem_id), None)
    if preface is not None:
        _mark_work_preface(preface)
    for story in page.stories:
        set_attrs(story, "userstuff module")
        for landmark in (h for h in element_children(story) if h.tag == "h3" and _is_landmark(h)):
            set_attrs(landmark, "landmark heading")
        if not page.one_shot and story.parent is not None:
            _mark_chapter(story.parent, story)
    _mark_work_end_notes(page)
    _mark_work_meta(page.tags)
    select = next((s for s in tree.css("select")
                   if any(_CHAPTER_OPTION.match(node_text(o)) for o in s.css("option"))), None)
    if select is not None:
        set_attrs(select, id="selected_id")


def _mark_work_preface(preface: LexborNode) -> None:
    set_attrs(preface, "preface group")
    children = element_children(preface)
    title = next((c for c in children if c.tag == "h2"), None)
    if title is not None:
        set_attrs(title, "title heading")
    byline = next((c for c in children if c.tag == "h3"), None)
    if byline is not None and _module_kind(byline) is None:
        set_attrs(byline, "byline heading")
    _mark_modules(preface, end=False)


def _mark_chapter(chapter: LexborNode, story: LexborNode) -> None:
    set_attrs(chapter, "chapter")
    after_story = False
    for child in element_children(chapter):
        if child.mem_id == story.mem_id:
            after_story = True
        elif child.tag == "div":
            set_attrs(child, "chapter preface group")
            title = next((h for h in element_children(child) if h.tag == "h3"), None)
            if title is not None and not after_story and _module_kind(title) is None:
                set_attrs(title, "title")
            _mark_modules(child, end=after_story)


def _mark_work_end_notes(page: _Page) -> None:
    """The work's end notes: a "Notes:" module after the chapters, in the skin or after it."""
    after = []
    node = page.chapters.next
    while node is not None:
        after.append(node)
        node = node.next
    node = page.skin.next
    while node is not None:
        after.append(node)
        node = node.next
    for block in (n for n in after if n.is_element_node and n.tag == "div"):
        module = next((d for d in block.css("div") if _module_of(d) == "notes module"), None)
        if module is not None:
            set_attrs(module, "end notes module", id="work_endnotes")
            return


def _mark_modules(block: LexborNode, end: bool) -> None:
    for div in block.css("div"):
        kind = _module_of(div)
        if kind is not None:
            set_attrs(div, "end notes module" if end and kind == "notes module" else kind)


def _module_of(div: LexborNode) -> str | None:
    """``summary module`` / ``notes module`` for a div of a "Summary:" / "Notes:" heading
    and its blockquote."""
    heading = next((h for h in element_children(div) if h.tag == "h3"), None)
    has_quote = any(c.tag == "blockquote" for c in element_children(div))
    return _module_kind(heading) if heading is not None and has_quote else None


def _module_kind(heading: LexborNode) -> str | None:
    return MODULES.get(label_key(node_text(heading)))


def _mark_work_meta(tags: LexborNode) -> None:
    set_attrs(tags, "work meta group")
    for dt, dd in label_pairs(tags):
        field = FIELD_CLASSES.get(label_key(node_text(dt)))
        if field is None:
            continue
        set_attrs(dd, field)
        if field.endswith(" tags"):
            for link in dd.css("a"):
                set_attrs(link, "tag")
        elif field == "stats":
            nested = next((d for d in dd.css("dl")), None)
            if nested is not None:
                set_attrs(nested, "stats")
                for stat_dt, stat_dd in label_pairs(nested):
                    stat = STAT_CLASSES.get(label_key(node_text(stat_dt)))
                    set_attrs(stat_dd, stat or label_key(node_text(stat_dt)).replace(" ", "-"))
