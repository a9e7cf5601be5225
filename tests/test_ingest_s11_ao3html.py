"""AO3 downloads whose id/class attributes an archiving tool stripped are read as AO3
downloads (recognised by content); files of nothing but scene-break marks are refused.

Every page here is invented for the test."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from ficlens.cli import app
from ficlens.errors import InputError
from ficlens.ingest import read_bytes

TAGS = {
    "Rating": "General Audiences",
    "Archive Warning": "No Archive Warnings Apply",
    "Category": "F/M",
    "Fandom": "Lantern Keepers (Web Series)",
    "Relationships": "Orla Finch/Tamsin Reed",
    "Characters": "Orla Finch, Tamsin Reed",
    "Additional Tags": "Lighthouses, Fluff",
    "Language": "English",
}
STATS = "Published: 2023-04-01\n     Words: 1,234\n     Chapters: 2/2"


def _dl(order: list[str], classed: bool) -> str:
    tag_class = ' class="tag"' if classed else ""
    rows = []
    for label in order:
        links = ", ".join(f"<a{tag_class}>{t.strip()}</a>" for t in TAGS[label].split(","))
        rows.append(f"<dt>\n   {label}:\n  </dt><dd>{links}</dd>")
    rows.append(f"<dt>Stats:</dt><dd>\n  {STATS}\n </dd>")
    dl_class = ' class="tags"' if classed else ""
    return f"<dl{dl_class}>{''.join(rows)}</dl>"


def _chapter(number: int, title: str, body: str, classed: bool, end_notes: bool) -> str:
    c = (lambda name: f' class="{name}"') if classed else (lambda name: "")
    head = (f"<div{c('meta group')}><h2{c('heading')}>Chapter {number}: {title}</h2>"
            f"<p>Chapter by Wren</p>"
            f"<p>Chapter Notes</p><blockquote{c('userstuff')}><p>Thanks, readers.</p></blockquote>"
            + (f"<div{c('endnote-link')}>(See the end of the chapter for <a>more notes</a>.)</div>"
               if end_notes else "")
            + "</div>")
    story = f"<div{c('userstuff')}>{body}</div>"
    tail = (f"<div{c('meta')}><p>Chapter End Notes</p><blockquote{c('userstuff')}>"
            "<p>More soon.</p></blockquote></div>") if end_notes else ""
    return head + story + tail


def ao3_download(classed: bool = False, order: list[str] | None = None,
                 chapters: bool = True) -> str:
    """An AO3 HTML download of an invented work; ``classed=False`` drops every id and class
    (and the link's href) as the archiving tools do, and adds their meta tags."""
    c = (lambda name: f' class="{name}"') if classed else (lambda name: "")
    i = (lambda name: f' id="{name}"') if classed else (lambda name: "")
    href = ' href="https://archiveofourown.org/works/4242"' if classed else ""
    meta_tags = "" if classed else (
        '<meta name="fic-author" content="Wren"/><meta name="fic-ship" content="Orla/Tamsin"/>'
        '<meta name="fic-word-count" content="999"/><meta name="fic-tags" content="cozy"/>')
    stories = [
        "<p>Orla climbed the stairs of the lighthouse.</p><hr/><p>“Hello,” said Tamsin.</p>",
        "<p>The lamp turned all night.</p><p>Morning came grey.</p>",
    ]
    if chapters:
        body = "".join(_chapter(n, f"Part {n}", s, classed, end_notes=n == 1)
                       for n, s in enumerate(stories, 1))
    else:
        body = f"<h2{c('toc-heading')}>The Keeper</h2><div{c('userstuff')}>{stories[0]}</div>"
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"/><title>The Keeper</title>
{meta_tags}</head><body>
<div{i('preface')}>
  <h2{c('toc-heading')}>
     Preface
  </h2>
  <p{c('message')}><b>The Keeper</b><br/><a{href}>https://archiveofourown.org/works/4242</a>.</p>
  <div{c('meta')}>{_dl(order or list(TAGS), classed)}
    <h1>The Keeper</h1>
    <div{c('byline')}><a>Wren</a></div>
    <p>Summary</p><blockquote{c('userstuff')}><p>Two keepers, one lamp.</p></blockquote>
    <p>Notes</p><blockquote{c('userstuff')}><p>Written for a prompt.</p></blockquote>
  </div>
</div>
<div{i('chapters')}{c('userstuff')}>{body}</div>
<div{i('afterword')}>
  <h2{c('toc-heading')}>Afterword</h2>
  <div{c('meta')}><div{i('endnotes')}><p>End Notes</p>
    <blockquote{c('userstuff')}><p>Thank you for reading.</p></blockquote></div></div>
  <p{c('message')}>Please drop by the archive and comment.</p>
</div></body></html>"""


def _layers(work) -> dict:
    return {name: [(s.start, s.end, s.attrs) for s in spans] for name, spans in work.layers.items()}


def test_stripped_download_reads_as_the_classed_one():
    classed = read_bytes(ao3_download(classed=True).encode(), "keeper.html")
    stripped = read_bytes(ao3_download(classed=False).encode(), "keeper.html")
    assert classed.metadata.source_format == stripped.metadata.source_format == "ao3-html"
    assert stripped.text == classed.text
    assert _layers(stripped) == _layers(classed)
    assert stripped.metadata.normalized() == classed.metadata.normalized()


def test_story_text_holds_no_preface_and_metadata_comes_from_the_tag_list():
    work = read_bytes(ao3_download().encode(), "keeper.html")
    meta = work.metadata
    assert "Rating:" not in work.text and "Preface" not in work.text
    assert "Afterword" not in work.text
    assert (meta.title, meta.authors, meta.rating) == ("The Keeper", ["Wren"], "General Audiences")
    assert meta.fandoms == ["Lantern Keepers (Web Series)"]
    assert meta.relationships == ["Orla Finch/Tamsin Reed"]  # the download wins over fic-ship
    assert meta.characters == ["Orla Finch", "Tamsin Reed"]
    assert meta.additional_tags == ["Lighthouses", "Fluff"]
    assert (meta.word_count, meta.chapter_count, meta.status) == (1234, "2/2", "Completed")
    assert meta.source_url == "https://archiveofourown.org/works/4242"
    assert meta.extra["Archive tags"] == "cozy"
    chapters = work.layer("chapters")
    titles = [(c.attrs["number"], c.attrs["title"]) for c in chapters]
    assert titles == [(1, "Part 1"), (2, "Part 2")]
    story = " ".join(work.span_text(c) for c in chapters)
    assert "Orla climbed the stairs" in story and "Morning came grey." in story
    assert "Two keepers" not in story
    notes = [(n.attrs["kind"], n.attrs["label"], n.attrs["chapter"])
             for n in work.layer("markup_notes")]
    assert notes == [
        ("summary", "Summary", None), ("author_note", "Notes", None),
        ("author_note", "Chapter Notes", 1), ("end_note", "Chapter End Notes", 1),
        ("author_note", "Chapter Notes", 2), ("end_note", "End Notes", None),
    ]
    assert meta.summary == "Two keepers, one lamp."
    assert [work.span_text(b) for b in work.layer("markup_breaks")] == ["* * *"]


def test_one_shot_and_labels_in_any_order_with_whitespace():
    order = list(reversed(TAGS))
    work = read_bytes(ao3_download(order=order, chapters=False).encode(), "keeper.html")
    assert work.metadata.source_format == "ao3-html"
    assert work.metadata.characters == ["Orla Finch", "Tamsin Reed"]
    [chapter] = work.layer("chapters")
    assert work.span_text(chapter).startswith("Orla climbed the stairs")
    assert "The Keeper" not in work.span_text(chapter)  # the one-shot's title heading


def test_meta_tags_fill_only_what_the_download_leaves_empty():
    page = ao3_download()
    page = re.sub(r"<div>\s*<a>Wren</a>\s*</div>", "", page)  # no byline
    work = read_bytes(page.encode(), "keeper.html")
    assert work.metadata.authors == ["Wren"]  # from fic-author
    assert work.metadata.word_count == 1234  # the Stats line, not fic-word-count


def test_a_story_block_opening_with_a_heading_stays_story():
    page = ao3_download(chapters=False).replace(
        "<div><p>Orla climbed", "<div><h2>Night One</h2><p>Orla climbed", 1)
    work = read_bytes(page.encode(), "keeper.html")
    [chapter] = work.layer("chapters")
    assert work.span_text(chapter).startswith("Night One\n\nOrla climbed")


GENERIC_WITH_PREFACE = """<html><head><title>My Garden Book</title></head><body>
<div><h2>Preface</h2><p>This book began as notes.</p>
<dl><dt>Rating:</dt><dd>five stars</dd><dt>Language:</dt><dd>English</dd>
<dt>Category:</dt><dd>gardening</dd></dl></div>
<div><h2>Spring</h2><p>Plant the peas early.</p></div></body></html>"""


def test_a_preface_heading_and_a_few_labels_are_not_enough():
    work = read_bytes(GENERIC_WITH_PREFACE.encode(), "garden.html")
    assert work.metadata.source_format == "html"
    assert "This book began as notes." in work.text


def test_an_ao3_tag_list_alone_is_not_enough():
    page = (f"<html><body><div>{_dl(list(TAGS), classed=False).replace('Words:', 'Size:')}"
            "</div><div><p>Some page text.</p></div></body></html>")
    work = read_bytes(page.encode(), "page.html")
    assert work.metadata.source_format == "html"


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b"***\n\n* * *\n   \n~~~\n", "marks.txt"),
        (b"\n\n   * * *   \n\n", "one_mark.md"),
        (b"<html><body><p>***</p><hr/><p>~~~</p></body></html>", "marks.html"),
    ],
)
def test_only_scene_break_marks_is_no_story(data, name):
    with pytest.raises(InputError, match="^no story text: the file holds only scene-break marks"):
        read_bytes(data, name)


def test_scene_break_marks_file_is_one_line_and_exit_2(tmp_path):
    story = tmp_path / "breaks.txt"
    story.write_text("* * *\n\n~~~\n")
    result = CliRunner().invoke(app, ["analyze", str(story)])
    assert result.exit_code == 2
    assert result.output.strip().count("\n") == 0
    assert "breaks.txt: no story text" in result.output


def test_a_story_with_scene_breaks_still_reads():
    work = read_bytes(b"***\n\nShe woke.\n\n* * *\n\nHe slept.\n", "story.txt")
    assert "She woke." in work.text


CHAPTER_INDEX = """<!DOCTYPE html><html><head><title>Navigate Work | Archive of Our Own</title>
</head><body><div id="outer"><div id="main" class="works-navigate region" role="main">
<h2 class="heading">Chapter Index for <a href="/works/4242">The Keeper</a> by Wren</h2>
<ol class="chapter index group" role="navigation">
<li><a href="/works/4242/chapters/1">1. Low Tide</a> <span>(2023-04-01)</span></li>
<li><a href="/works/4242/chapters/2">2. High Tide</a> <span>(2023-04-08)</span></li>
</ol></div></div></body></html>"""


def test_the_chapter_index_page_is_refused_with_one_line():
    with pytest.raises(InputError, match="^AO3 page is the chapter index, not the work"):
        read_bytes(CHAPTER_INDEX.encode(), "navigate.html")


def test_classes_kept_but_ids_and_work_link_gone_still_reads_as_ao3():
    page = re.sub(r' id="[^"]*"', "", ao3_download(classed=True))
    page = page.replace("https://archiveofourown.org/works/4242", "")
    work = read_bytes(page.encode(), "keeper.html")
    classed = read_bytes(ao3_download(classed=True).encode(), "keeper.html")
    assert work.metadata.source_format == "ao3-html"
    assert work.text == classed.text
    assert _layers(work) == _layers(classed)


def test_a_work_titled_preface_is_still_read():
    page = ao3_download().replace("<h1>The Keeper</h1>", "<h1>Preface</h1>")
    work = read_bytes(page.encode(), "preface.html")
    assert (work.metadata.source_format, work.metadata.title) == ("ao3-html", "Preface")
