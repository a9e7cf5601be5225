"""The ``emphasis`` layer every reader that sees italics writes (ingest/emphasis.py): AO3's
HTML download, an EPUB, front-matter Markdown, and the check rules that read it. Every
story here is invented."""

from __future__ import annotations

from pathlib import Path

import pytest

from ficlens.document import Work
from ficlens.ingest import read_bytes, read_path
from tests.hostile_inputs import epub

INGEST = Path(__file__).resolve().parent / "fixtures" / "ingest"

STORY = ("Tamsin rowed out past the buoys. She tied the skiff to the old mooring and "
         "waited. Oren swam over with a net. He passed it up and grinned. She hauled it in "
         "slowly. The gulls circled overhead. {} They watched the ferry leave. He laughed "
         "at the gulls. Tamsin laughed too.")
THOUGHT = "He never cared for anything like he cares for the sea."


def emphasis(work: Work) -> list[tuple[str, str]]:
    return [(work.span_text(s), s.get("kind")) for s in work.layer("emphasis")]


def ao3_download(paragraphs: list[str], summary: str = "A quiet day.") -> bytes:
    """A one-shot laid out as AO3's HTML download."""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        "<html><head><title>Slack Water</title></head><body>"
        '<div id="preface"><p class="message"><b>Slack Water</b><br/>Posted originally on the '
        '<a href="https://archiveofourown.org/">Archive of Our Own</a> at '
        '<a href="https://archiveofourown.org/works/90000077">link</a>.</p>'
        '<div class="meta"><h1>Slack Water</h1><div class="byline">by '
        '<a rel="author" href="https://archiveofourown.org/users/tidewrack">tidewrack</a></div>'
        f"<p>Summary</p><blockquote class=\"userstuff\"><p>{summary}</p></blockquote></div></div>"
        f'<div id="chapters" class="userstuff"><div class="userstuff">{body}</div></div>'
        "</body></html>"
    ).encode()


def tense_slips(work: Work, keep_layer: bool = True) -> list[str]:
    from ficlens.check import run_checks
    from ficlens.pipeline import analyze

    if not keep_layer:
        work.layers.pop("emphasis", None)
    analyze(work, ["segment", "nlp"])
    return [work.text[f.start:f.end] for f in run_checks(work, select=["tense"])]


# -- HTML --------------------------------------------------------------------------------
def test_html_italics_and_bold_leave_the_text_and_become_outermost_spans():
    page = ("<html><body><p>She looked at the door. <em>He is late again,</em> she thought."
            "</p><p><i>  so   very </i> tired, and <b>bold <i>nested</i> here</b>.</p>"
            "<p>A sign: <strong>CLOSED</strong><i> </i></p></body></html>")
    work = read_bytes(page.encode(), "page.html")
    bare = read_bytes(page.replace("<em>", "").replace("</em>", "").replace("<i>", "")
                      .replace("</i>", "").replace("<b>", "").replace("</b>", "")
                      .replace("<strong>", "").replace("</strong>", "").encode(), "page.html")
    assert work.text == bare.text  # the markers leave no trace in the text
    assert emphasis(work) == [("He is late again,", "em"), ("so very", "em"),
                              ("bold nested here", "strong"), ("CLOSED", "strong")]
    assert "emphasis" not in bare.layers


def test_italics_over_line_breaks_and_paragraphs_are_cut_at_each_paragraph():
    page = ("<html><body><em><p>First of the letter.</p><p>Second, <b>signed</b>.</p></em>"
            "<p>Plain<br/><i>one line<br>and the next</i> end.</p></body></html>")
    work = read_bytes(page.encode(), "page.html")
    assert emphasis(work) == [("First of the letter.", "em"), ("Second, signed.", "em"),
                              ("one line\nand the next", "em")]


def test_many_and_deeply_nested_italics_are_read():
    many = "<html><body><p>" + "<i>word</i> " * 20_000 + "</p></body></html>"
    assert len(read_bytes(many.encode(), "many.html").layer("emphasis")) == 20_000
    deep = "<html><body><p>" + "<i>deeper " * 1500 + "</i>" * 1500 + "</p></body></html>"
    work = read_bytes(deep.encode(), "deep.html")
    assert [s.get("kind") for s in work.layer("emphasis")] == ["em"]
    assert work.span_text(work.layer("emphasis")[0]).count("deeper") == 1500


def test_ao3_download_marks_italics_in_story_and_notes():
    work = read_bytes(ao3_download(["Tamsin waited. <em>Not again.</em>"],
                                   summary="A <i>very</i> quiet day."), "work.html")
    assert work.metadata.source_format == "ao3-html"
    assert work.metadata.summary == "A very quiet day."
    assert emphasis(work) == [("very", "em"), ("Not again.", "em")]


def test_ao3_download_italic_thought_in_present_tense_is_no_tense_slip():
    thought = read_bytes(ao3_download([STORY.format(f"<em>{THOUGHT}</em>")]), "work.html")
    assert emphasis(thought) == [(THOUGHT, "em")]
    assert tense_slips(thought) == []
    unmarked = read_bytes(ao3_download([STORY.format(f"<em>{THOUGHT}</em>")]), "work.html")
    assert tense_slips(unmarked, keep_layer=False) == ["cares"]  # the layer tells the thought


def test_every_html_reader_fixture_writes_a_consistent_layer():
    for path in sorted(INGEST.glob("*.*")):
        if path.suffix not in (".html", ".epub"):
            continue
        work = read_path(path)
        spans = work.layer("emphasis")
        for before, after in zip(spans, spans[1:], strict=False):
            assert before.end <= after.start, path.name
        for span in spans:
            text = work.span_text(span)
            assert text and text == text.strip() and "\n\n" not in text, path.name
            assert span.get("kind") in ("em", "strong"), path.name


# -- EPUB --------------------------------------------------------------------------------
def test_epub_italic_thought_is_a_span_and_no_tense_slip():
    chapter = f"<h1>One</h1><p>{STORY.format(f'<i>{THOUGHT}</i>')}</p>"
    work = read_bytes(epub([chapter]), "story.epub")
    assert work.metadata.source_format == "epub"
    assert "<i>" not in work.text
    assert emphasis(work) == [(THOUGHT, "em")]
    assert tense_slips(work) == []


# -- front-matter Markdown ----------------------------------------------------------------
FRONT = "---\ntitle: Slack Water\nsummary: A *very* quiet day.\n---\n\n"


def test_front_matter_markdown_marks_italics_in_story_and_notes():
    work = read_bytes((FRONT + "Tamsin waited. *Not **again**.*\n\n`A letter, **signed**\n"
                       ).encode(), "story.md")
    assert work.metadata.source_format == "markdown"
    assert emphasis(work) == [("very", "em"), ("Not again.", "em"), ("signed", "strong")]
    assert "A letter, signed" in work.text and "`" not in work.text


def test_front_matter_markdown_italic_thought_is_no_tense_slip():
    work = read_bytes((FRONT + STORY.format(f"*{THOUGHT}*") + "\n").encode(), "story.md")
    assert emphasis(work)[-1] == (THOUGHT, "em")
    assert tense_slips(work) == []


def test_front_matter_markdown_inline_html_italics_count_too():
    work = read_bytes((FRONT + "<p>Tamsin waited. <em>Not again.</em></p>\n").encode(),
                      "story.md")
    assert ("Not again.", "em") in emphasis(work)


@pytest.mark.parametrize("reader_input", ["plain.md", "front.md"])
def test_both_markdown_readers_write_the_same_spans(reader_input):
    body = "Tamsin waited. *Not **again**,* she thought. **CLOSED**\n"
    text = (FRONT if reader_input == "front.md" else "") + body
    work = read_bytes(text.encode(), "story.md")
    assert emphasis(work)[-2:] == [("Not again,", "em"), ("CLOSED", "strong")]


def test_the_layer_validates_against_the_schema():
    from ficlens.schema import validation_errors

    work = read_bytes(ao3_download(["Tamsin waited. <em>Not again.</em>"]), "work.html")
    document = work.to_dict()
    assert "emphasis" in document["span_layers"]
    assert validation_errors(document) == []
    document["emphasis"][0]["kind"] = "underline"
    assert validation_errors(document) != []


def test_ffnet_page_marks_its_bold_note():
    work = read_path(INGEST / "ffnet.html")
    assert work.metadata.source_format == "ffnet-html"
    assert emphasis(work) == [("A/N: Thank you for all the reviews! This one is short.",
                               "strong")]


def test_fanficfare_chapter_italics_as_bare_children_and_in_notes():
    page = (INGEST / "fanficfare.html").read_text(encoding="utf-8")
    marked = (page.replace("<p>The vellum cost more than the ship.</p>",
                           "<i>The vellum cost more than the ship.</i>")
              .replace('"Worth it," Odile', '<em>"Worth it,"</em> Odile')
              .replace("Reviews are lovely.", "Reviews are <b>lovely</b>."))
    work = read_bytes(marked.encode(), "story.html")
    assert work.metadata.source_format == "fanficfare-html"
    assert work.text == read_path(INGEST / "fanficfare.html").text
    assert emphasis(work) == [("The vellum cost more than the ship.", "em"),
                              ('"Worth it,"', "em"), ("lovely", "strong")]
