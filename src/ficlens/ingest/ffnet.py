"""Reader for a FanFiction.net story page saved from the browser (one chapter per page).

The page has the fandom in ``#pre_story_links``, the title (``#profile_top b``), the
author (``a[href^="/u/"]``), the summary (``#profile_top div.xcontrast_txt``) and the
``span.xgray`` line: ``Rated: Fiction T - English - Romance/Drama - [A, B] C - Chapters: 3
- Words: 12,345 - Reviews: 45 - Favs: 6 - Follows: 7 - Updated: ... - Published: ... -
Status: Complete - id: 123``. The story is ``#storytext``; the chapter is the selected
option of ``#chap_select``, whose options also list every chapter's title.

The mobile site (m.fanfiction.net) and older saved pages have no ``#profile_top``: the story
is ``#storycontent`` (or ``#storytext``), the header a ``<b>Title</b> by <a href="/u/...">``
line, the info line ``Rated: T, English, Romance & Adventure, Harry P. & Susan P., Words:
...`` (commas and ``&`` for dashes and slashes), the chapter ``Chapter 2: Title`` before
the story or the selected option. Reviews, the review form and navigation are outside the
story element and never read.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ficlens.document import ChapterEntry, Metadata, Work
from ficlens.errors import InputError
from ficlens.ingest.builder import WorkBuilder
from ficlens.ingest.html_blocks import blocks_of, node_text
from ficlens.ingest.labels import apply_label

GENRES = (
    "Adventure", "Angst", "Crime", "Drama", "Family", "Fantasy", "Friendship", "General",
    "Horror", "Humor", "Hurt/Comfort", "Mystery", "Parody", "Poetry", "Romance", "Sci-Fi",
    "Spiritual", "Supernatural", "Suspense", "Tragedy", "Western",
)
_ONE_GENRE = "|".join(map(re.escape, GENRES))
_GENRE_RUN = re.compile(rf"^(?:{_ONE_GENRE})(?:/(?:{_ONE_GENRE}))*$")
_GENRE = re.compile("|".join(re.escape(g) for g in sorted(GENRES, key=len, reverse=True)))
_CHAPTER_OPTION = re.compile(r"^(\d+)\.\s*(.*)$")
_MOBILE_CHAPTER = re.compile(r"Chapter\s+(\d+)(?::\s*([^\n<]+))?")
# the desktop line (" - " between fields), also on older saved pages without #profile_top
_DASHED_INFO = re.compile(r"^Rated:\s*Fiction\s+\S+\s+-\s")
_FANDOM_PATH = re.compile(r"^/(?:anime|book|cartoon|comic|game|misc|movie|play|tv)/[^/]+/?$")


def looks_like_ffnet(html_head: str) -> bool:
    lowered = html_head.lower()
    has_story = "storytext" in lowered or "storycontent" in lowered
    # "fanfiction" also matches the title a saved page keeps ("..., a X fanfic | FanFiction")
    return has_story and ("fanfiction" in lowered or "profile_top" in lowered)


def read_ffnet(tree: LexborHTMLParser) -> Work:
    builder = WorkBuilder(Metadata(source_format="ffnet-html"))
    meta = builder.metadata
    story = tree.css_first("#storytext") or tree.css_first("#storycontent")
    if story is None:
        raise InputError("FanFiction.net page has no #storytext")
    profile = tree.css_first("#profile_top")
    if profile is not None:
        _read_profile(profile, meta)
    else:
        _read_mobile_header(tree, meta)
    fandom = tree.css("#pre_story_links a")
    if fandom:
        meta.fandoms = [node_text(fandom[-1])]
    meta.source_url = _canonical_url(tree, meta)
    meta.chapters = _chapter_list(tree)
    number, title = _selected_chapter(tree)
    if number is None:
        number, title = _mobile_chapter(tree, story)
    builder.start_chapter(title, number=number)
    builder.add_content(blocks_of(story))
    if not builder.has_story_text():
        raise InputError("FanFiction.net page has an empty #storytext")
    return builder.build()


def _read_profile(profile: LexborNode, meta: Metadata) -> None:
    title = profile.css_first("b")
    meta.title = node_text(title) if title else None
    meta.authors = [node_text(a) for a in profile.css('a[href*="/u/"]')][:1]
    summary = next((d for d in profile.css("div") if "xcontrast_txt" in _classes(d)), None)
    meta.summary = node_text(summary) if summary is not None and node_text(summary) else None
    line = profile.css_first("span.xgray")
    if line is not None:
        _read_info_line(line, meta)


def _read_mobile_header(tree: LexborHTMLParser, meta: Metadata) -> None:
    author = tree.css_first('a[href^="/u/"]')
    if author is not None:
        meta.authors = [node_text(author)]
        line = author.parent
        title = line.css_first("b") if line is not None else None
        meta.title = node_text(title) if title is not None else None
    crumbs = [a for a in tree.css("a") if _FANDOM_PATH.match(a.attributes.get("href") or "")]
    if crumbs:
        meta.fandoms = [node_text(crumbs[-1])]
    info = next((n for n in tree.css("div, span, center")
                 if node_text(n).startswith("Rated:") and len(node_text(n)) < 600), None)
    if info is not None and _DASHED_INFO.match(node_text(info)):
        _read_dashed_info(node_text(info), {}, meta, and_joins=True)  # an older desktop page
    elif info is not None:
        _read_mobile_info(node_text(info), meta)


def _read_mobile_info(line: str, meta: Metadata) -> None:
    """``Rated: T, English, Romance & Adventure, Harry P. & Susan P., Words: 1,234, ...``"""
    labelled = re.split(r",\s*(?=[A-Z][a-z]+:\s)", line)
    positional = []
    for part in labelled:
        label, sep, value = part.partition(":")
        if label == "Rated":
            head, *rest = [p.strip() for p in value.split(",")]
            meta.rating = re.sub(r"^Fiction\s+", "", head)
            positional.extend(rest)
        elif sep and label in ("Published", "Updated"):
            apply_label(meta, label, _shown_date(value.strip()) or value.strip())
        elif sep and label == "Status":
            meta.status = value.strip()
        elif sep:
            apply_label(meta, label, value)
    if positional:
        meta.language = positional.pop(0)
    if positional and _GENRE_RUN.match(positional[0].replace(" & ", "/")):
        meta.genres = _GENRE.findall(positional.pop(0))
    if positional:
        _read_characters(", ".join(p.replace(" & ", ", ") for p in positional), meta)
    meta.status = meta.status or "In Progress"


def _chapter_list(tree: LexborHTMLParser) -> list[ChapterEntry]:
    select = tree.css_first("#chap_select") or tree.css_first('select[name="chapter"]')
    if select is None:
        return []
    entries = []
    for option in select.css("option"):
        match = _CHAPTER_OPTION.match(node_text(option))
        if match:
            entries.append(ChapterEntry(int(match.group(1)), match.group(2).strip() or None))
    return entries


def _mobile_chapter(tree: LexborHTMLParser, story: LexborNode) -> tuple[int | None, str | None]:
    """``Chapter 2: Fog`` in the text just before the story element."""
    node = story.prev
    while node is not None:
        match = _MOBILE_CHAPTER.search(node.text(deep=True) or "") if node.tag != "-text" else \
            _MOBILE_CHAPTER.search(node.text_content or "")
        if match:
            return int(match.group(1)), (match.group(2) or "").strip() or None
        node = node.prev
    return None, None


def _classes(node: LexborNode) -> list[str]:
    return (node.attributes.get("class") or "").split()


def _read_info_line(line: LexborNode, meta: Metadata) -> None:
    dates = {node_text(s): s.attributes.get("data-xutime") for s in line.css("span[data-xutime]")}
    _read_dashed_info(node_text(line), dates, meta)


def _read_dashed_info(text: str, dates: dict[str, str | None], meta: Metadata,
                      and_joins: bool = False) -> None:
    """The desktop info line, its fields between `` - ``; ``dates``: shown date -> the
    page's timestamp for it; ``and_joins``: characters joined by `` & `` (older pages)."""
    parts = [p.strip() for p in text.split(" - ") if p.strip()]
    positional = []
    for part in parts:
        label, sep, value = part.partition(":")
        if not sep:
            positional.append(part)
        elif label == "Rated":
            meta.rating = re.sub(r"^Fiction\s+", "", value.strip())
        elif label in ("Published", "Updated"):
            shown = value.strip()
            apply_label(meta, label, _shown_date(shown) or _iso_date(dates.get(shown)) or shown)
        elif label == "Status":
            meta.status = value.strip()
        else:
            apply_label(meta, label, value)
    if positional:
        meta.language = positional.pop(0)
    if positional and _GENRE_RUN.match(positional[0]):
        meta.genres = _GENRE.findall(positional.pop(0))
    if positional:
        characters = " ".join(positional)
        _read_characters(characters.replace(" & ", ", ") if and_joins else characters, meta)
    meta.status = meta.status or "In Progress"


def _read_characters(text: str, meta: Metadata) -> None:
    """``[Tobin V., Maren V.] Wren K.``: brackets are pairings."""
    for group in re.findall(r"\[([^\]]+)\]", text):
        names = [n.strip() for n in group.split(",") if n.strip()]
        meta.relationships.append("/".join(names))
        meta.characters.extend(names)
    rest = re.sub(r"\[[^\]]*\]", ",", text)
    meta.characters.extend(n.strip() for n in rest.split(",") if n.strip())


def _shown_date(text: str) -> str | None:
    """The date as the page shows it (the reader's local day): ``10/31/2015``, ``Mar 7, 2012``.
    ``Mar 7`` (this year, no year shown) is left to the timestamp."""
    for fmt in ("%m/%d/%Y", "%b %d, %Y", "%B %d, %Y", "%m-%d-%y"):
        try:
            return datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    return None


def _iso_date(xutime: str | None) -> str | None:
    if not xutime or not xutime.isdigit():
        return None
    return datetime.fromtimestamp(int(xutime), tz=UTC).date().isoformat()


def _canonical_url(tree: LexborHTMLParser, meta: Metadata) -> str | None:
    link = tree.css_first('link[rel="canonical"]')
    href = link.attributes.get("href") if link is not None else None
    if href:
        return "https:" + href if href.startswith("//") else href
    story_id = meta.extra.get("id")
    return f"https://www.fanfiction.net/s/{story_id}/" if story_id else None


def _selected_chapter(tree: LexborHTMLParser) -> tuple[int | None, str | None]:
    select = tree.css_first("#chap_select")
    if select is None:
        return None, None
    option = select.css_first("option[selected]") or select.css_first("option")
    match = _CHAPTER_OPTION.match(node_text(option)) if option is not None else None
    if not match:
        return None, None
    return int(match.group(1)), match.group(2).strip() or None
