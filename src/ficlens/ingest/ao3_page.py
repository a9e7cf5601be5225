"""Reader for AO3 work pages saved from the browser (full work or one chapter).

The page is the whole site: header, navigation, kudos, comments, footer. Only these parts
of otwarchive's work template are read:

* ``dl.work.meta.group``: one ``dt``/``dd`` pair per field, the ``dd`` classed by field
  (``rating tags``, ``warning tags``, ``category tags``, ``fandom tags``, ``relationship
  tags``, ``character tags``, ``freeform tags``, ``language``, ``series``, ``stats`` with
  a nested ``dl.stats`` of ``published`` / ``status`` / ``words`` / ``chapters``). Fields
  are read by class, so a page saved from a translated interface reads the same.
* ``#workskin``: ``div.preface`` (``h2.title``, ``h3.byline``, ``div.summary`` and
  ``div.notes`` modules, each an ``h3.heading`` plus a ``blockquote.userstuff``), then
  ``#chapters``: per chapter a ``div.chapter`` with a ``div.chapter.preface`` (``h3.title``,
  chapter summary and notes), the ``div.userstuff`` story (its ``h3.landmark`` "Chapter
  Text" is a screen-reader label) and a second preface holding ``div.end.notes``; a one-shot
  is a bare ``div.userstuff``. The work's end notes are ``#work_endnotes`` in
  ``div.afterword``, outside the chapters.
* the chapter index ``select#selected_id`` (``1. Title`` options) for the chapter list.

A page without ``#workskin`` that asks to confirm adult content or to log in is the
interstitial AO3 shows instead of the work: refused with one line, never analysed; so is
the "Chapter Index" page (``div.works-navigate``, ``ol.chapter.index``), which holds only
links to the chapters.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ficlens.document import ChapterEntry, Metadata, Work
from ficlens.errors import InputError
from ficlens.ingest.ao3 import work_status
from ficlens.ingest.builder import WorkBuilder
from ficlens.ingest.html_blocks import (
    Block,
    blocks_of,
    element_children,
    has_class,
    node_text,
    paragraph_blocks_of,
)
from ficlens.ingest.labels import apply_label, parse_series, parse_word_count

# dd class -> the label apply_label knows it by
TAG_CLASSES = {
    "rating": "Rating", "warning": "Archive Warning", "category": "Category",
    "fandom": "Fandom", "relationship": "Relationship", "character": "Character",
    "freeform": "Additional Tag",
}
STAT_CLASSES = {"published": "Published", "words": "Words", "chapters": "Chapters"}
WORK_URL = "https://archiveofourown.org/works/{}"
_WORK_ID = re.compile(r"/works/(\d+)")
_CHAPTER_HEADING = re.compile(r"^Chapter\s+\d+\s*:\s*(.+)$", re.IGNORECASE | re.DOTALL)
_CHAPTER_OPTION = re.compile(r"^(\d+)\.\s*(.*)$", re.DOTALL)
_ADULT_LINK = re.compile(r"view_adult=true", re.IGNORECASE)
_LOCKED = re.compile(r"only available to registered users", re.IGNORECASE)


def looks_like_ao3_page(tree: LexborHTMLParser) -> bool:
    """A saved otwarchive work page, or the interstitial shown in its place."""
    if tree.css_first("#workskin") is not None and tree.css_first("#chapters") is not None:
        return True
    return (tree.css_first("dl.work.meta") is not None or is_interstitial(tree)
            or is_chapter_index(tree))


def is_chapter_index(tree: LexborHTMLParser) -> bool:
    """AO3's "Chapter Index" page (``/works/N/navigate``): links to the chapters, no story."""
    return tree.css_first("#workskin") is None and (
        tree.css_first("div.works-navigate") is not None
        or tree.css_first("ol.chapter.index") is not None)


def is_interstitial(tree: LexborHTMLParser) -> bool:
    if tree.css_first("#workskin") is not None:
        return False
    html = tree.html or ""
    archive = "archiveofourown" in html.lower() or tree.css_first("#outer") is not None
    return archive and (_ADULT_LINK.search(html) is not None or _LOCKED.search(html) is not None)


def read_ao3_page(tree: LexborHTMLParser) -> Work:
    if is_chapter_index(tree):
        raise InputError("AO3 page is the chapter index, not the work: save the 'Entire "
                         "Work' view (or a chapter) and read that")
    if is_interstitial(tree):
        html = tree.html or ""
        if _LOCKED.search(html):
            raise InputError("AO3 page is the log-in notice, not the work: the work is "
                             "restricted to registered users; save it while logged in")
        raise InputError("AO3 page is the adult-content warning, not the work: save the page "
                         "after 'Proceed' (or the 'Entire Work' view) and read that")
    skin = tree.css_first("#workskin")
    if skin is None:
        raise InputError("AO3 work page has no #workskin (the story is missing from the page)")
    builder = WorkBuilder(Metadata(source_format="ao3-page"))
    meta = builder.metadata
    work_meta = tree.css_first("dl.work.meta")
    if work_meta is not None:
        _read_work_meta(work_meta, meta)
    _read_preface(skin.css_first("div.preface"), builder)
    chapters = skin.css_first("#chapters")
    if chapters is not None:
        _read_chapters(chapters, builder)
    builder.end_chapter()
    afterword = tree.css_first("#work_endnotes")
    if afterword is not None:
        _add_module_note(afterword, builder, "end_note", "end", "End Notes")
    meta.chapters = _chapter_index(tree)
    meta.source_url = _work_url(tree)
    meta.status = work_status(meta)
    if not builder.has_story_text() or not builder.layers.get("chapters"):
        raise InputError("AO3 work page holds no story text (no div.userstuff in #chapters)")
    return builder.build()


# -- dl.work.meta ---------------------------------------------------------------------------
def _read_work_meta(dl: LexborNode, meta: Metadata) -> None:
    for dd in dl.css("dd"):
        if dd.parent is not None and has_class(dd.parent, "stats") and dd.parent.tag == "dl":
            continue  # the nested stats list, read with its "stats" dd below
        field = _field_class(dd)
        if field in TAG_CLASSES:
            tags = [node_text(a) for a in dd.css("a.tag")] or [node_text(dd)]
            apply_label(meta, TAG_CLASSES[field], node_text(dd), tags)
        elif field == "language":
            meta.language = node_text(dd) or None
        elif field == "series":
            _read_series(dd, meta)
        elif field == "stats":
            _read_stats(dd, meta)
        elif field == "collections":
            meta.extra["Collections"] = node_text(dd)


def _field_class(dd: LexborNode) -> str | None:
    classes = (dd.attributes.get("class") or "").split()
    return classes[0] if classes else None


def _read_series(dd: LexborNode, meta: Metadata) -> None:
    for position in dd.css("span.position") or [dd]:
        entries = parse_series(node_text(position))
        links = [a.attributes.get("href") for a in position.css("a")]
        for entry, url in zip(entries, links, strict=False):
            entry.url = _absolute(url)
        meta.series.extend(entries)


def _read_stats(dd: LexborNode, meta: Metadata) -> None:
    for stat in dd.css("dd"):
        field = _field_class(stat)
        value = node_text(stat)
        if field == "status":  # labelled "Completed:" or "Updated:": the last update either way
            meta.updated = value or None
        elif field == "words":
            meta.word_count = parse_word_count(value)
        elif field == "chapters":
            meta.chapter_count = value or None
        elif field in STAT_CLASSES:
            apply_label(meta, STAT_CLASSES[field], value)


def _absolute(href: str | None) -> str | None:
    if href and href.startswith("/"):
        return "https://archiveofourown.org" + href
    return href


def _work_url(tree: LexborHTMLParser) -> str | None:
    for link in tree.css("#workskin a, li.chapter a, ul.work a, link[rel=canonical]"):
        match = _WORK_ID.search(link.attributes.get("href") or "")
        if match:
            return WORK_URL.format(match.group(1))
    return None


# -- #workskin ------------------------------------------------------------------------------
def _read_preface(preface: LexborNode | None, builder: WorkBuilder) -> None:
    if preface is None:
        return
    meta = builder.metadata
    title = preface.css_first("h2.title")
    meta.title = node_text(title) if title is not None else None
    byline = preface.css_first("h3.byline")
    if byline is not None:
        authors = [node_text(a) for a in byline.css('a[rel="author"]')]
        meta.authors = authors or [a for a in re.split(r",\s*", node_text(byline)) if a]
    summary = _module(preface, "summary")
    if summary is not None:
        meta.summary = "\n\n".join(p.text for p in _note_body(summary)) or None
        _add_module_note(summary, builder, "summary", "start", "Summary")
    notes = _module(preface, "notes")
    if notes is not None:
        _add_module_note(notes, builder, "author_note", "start", "Notes")


def _module(preface: LexborNode, name: str) -> LexborNode | None:
    return next((d for d in preface.css("div") if has_class(d, name) and has_class(d, "module")
                 and not has_class(d, "end")), None)


def _note_body(module: LexborNode) -> list[Block]:
    quote = module.css_first("blockquote")
    return paragraph_blocks_of(quote) if quote is not None else []


def _add_module_note(
    module: LexborNode, builder: WorkBuilder, kind: str, position: str, label: str
) -> None:
    body = _note_body(module)
    if body:
        builder.add_note(kind, position, label, body)


def _read_chapters(chapters: LexborNode, builder: WorkBuilder) -> None:
    parts = [c for c in element_children(chapters) if c.tag == "div" and has_class(c, "chapter")]
    if not parts:  # a one-shot: #chapters holds the userstuff itself
        builder.start_chapter(None, number=1)
        _add_story(chapters, builder)
        return
    for index, chapter in enumerate(parts, 1):
        _read_chapter(chapter, builder, index)


def _read_chapter(chapter: LexborNode, builder: WorkBuilder, index: int) -> None:
    number = _chapter_number(chapter) or index
    prefaces = [c for c in element_children(chapter) if c.tag == "div" and has_class(c, "preface")]
    heading = next((p.css_first("h3.title") for p in prefaces if p.css_first("h3.title")), None)
    heading_text = node_text(heading) if heading is not None else f"Chapter {number}"
    match = _CHAPTER_HEADING.match(heading_text)
    builder.start_chapter(match.group(1).strip() if match else None, heading=heading_text,
                          number=number)
    for child in element_children(chapter):
        if child.tag != "div":
            continue
        if has_class(child, "preface"):
            _read_chapter_preface(child, builder)
        elif has_class(child, "userstuff"):
            builder.add_content(_story_blocks(child))


def _chapter_number(chapter: LexborNode) -> int | None:
    match = re.match(r"chapter-(\d+)$", chapter.attributes.get("id") or "")
    return int(match.group(1)) if match else None


def _read_chapter_preface(preface: LexborNode, builder: WorkBuilder) -> None:
    for module in preface.css("div"):
        if not has_class(module, "module"):
            continue
        if has_class(module, "end"):
            _add_module_note(module, builder, "end_note", "end", "Chapter End Notes")
        elif has_class(module, "summary"):
            _add_module_note(module, builder, "summary", "start", "Chapter Summary")
        elif has_class(module, "notes"):
            _add_module_note(module, builder, "author_note", "start", "Chapter Notes")


def _add_story(container: LexborNode, builder: WorkBuilder) -> None:
    for stuff in container.css("div.userstuff"):
        builder.add_content(_story_blocks(stuff))


def _story_blocks(userstuff: LexborNode):
    for landmark in userstuff.css("h3.landmark"):
        landmark.decompose()
    return blocks_of(userstuff)



def _chapter_index(tree: LexborHTMLParser) -> list[ChapterEntry]:
    select = tree.css_first("#selected_id")
    if select is not None:
        entries = []
        for option in select.css("option"):
            match = _CHAPTER_OPTION.match(node_text(option))
            if match:
                number, title = int(match.group(1)), match.group(2).strip()
                default = title.lower() == f"chapter {number}"  # AO3's name for an untitled one
                entries.append(ChapterEntry(number, None if default or not title else title))
        if entries:
            return entries
    return []  # no index: WorkBuilder.build lists the chapters the page holds
