"""Markdown files without front matter (an author's archive chapter): their markup
characters leave the text, every other character stays where it was, and the segment stage
finds chapters, scene breaks and paragraphs as it does in plain text. A .txt file is never
touched."""

from __future__ import annotations

import pytest

from ficlens.errors import InputError
from ficlens.ingest import read_bytes
from ficlens.ingest.segment import run as segment

STORY = """# Chapter 1: Low Tide

Maren couldn\\'t find the oars. \\"Typical,\\" she said\\-then *laughed*, because **of course**
the boat was _hers_ and nobody else\\'s.

* * *

Later, the harbour was quiet.

# Chapter 2

Tobin waved from the pier. \\[He had been waiting an hour.\\]
"""


def _read(text: str, name: str = "story.md"):
    work = read_bytes(text.encode("utf-8"), name)
    segment(work)
    return work


def _paragraphs(work, kind: str = "text") -> list[str]:
    return [work.text[p.start:p.end] for p in work.layer("paragraphs") if p.get("kind") == kind]


def test_escapes_and_emphasis_leave_the_text():
    work = _read(STORY)
    assert work.metadata.source_format == "markdown"
    assert "Maren couldn't find the oars. \"Typical,\" she said-then laughed, because of course\n" \
        "the boat was hers and nobody else's." in work.text
    assert "[He had been waiting an hour.]" in work.text
    assert "\\" not in work.text and "*" not in work.text.replace("* * *", "")


def test_chapter_headings_and_scene_breaks_as_in_text():
    work = _read(STORY)
    chapters = work.layer("chapters")
    assert [(c.get("number"), c.get("title")) for c in chapters] == [(1, "Low Tide"), (2, None)]
    assert work.text[chapters[0].start:].startswith("Chapter 1: Low Tide")
    assert [work.text[b.start:b.end] for b in work.layer("scene_breaks")] == ["* * *"]


def test_markdown_suffix_without_front_matter_only():
    assert read_bytes(STORY.encode(), "story.markdown").metadata.source_format == "markdown"
    assert read_bytes(STORY.encode(), "STORY.MD").metadata.source_format == "markdown"


@pytest.mark.parametrize("name", ["story.txt", "story", ""])
def test_a_text_file_is_never_touched(name):
    work = read_bytes(STORY.encode("utf-8"), name)
    assert work.metadata.source_format == "text"
    assert work.text == STORY


def test_indented_paragraphs_are_prose_split_at_blank_lines():
    text = ("    Wren tied the boat off. *Again.*\n    Cass rolled her eyes.\n\n"
            "\tThe harbourmaster watched them both.\n\n"
            "        \"Move it,\" he said, \\\"now.\\\"\n")
    work = _read(text)
    assert _paragraphs(work) == ["Wren tied the boat off. Again.", "Cass rolled her eyes.",
                                 "The harbourmaster watched them both.",
                                 "\"Move it,\" he said, \"now.\""]


def test_list_and_number_lines_keep_their_text():
    text = ("The rules were simple:\n\n1. Never sail at night.\n2. Never *ever* sail alone.\n\n"
            "- Wren broke both.\n+ So did Cass.\n")
    work = _read(text)
    assert "1. Never sail at night.\n2. Never ever sail alone." in work.text
    assert "- Wren broke both.\n+ So did Cass." in work.text


def test_block_quote_marks_leave_but_the_words_stay():
    work = _read("The note read:\n\n> *Meet me at the pier.*\n>\n> W.\n\nShe went.\n")
    assert "Meet me at the pier." in work.text and ">" not in work.text
    assert work.text.count("W.") == 1


def test_angle_brackets_and_entities_in_prose_stay():
    text = "She typed <3 and then <sigh> at him. R&amp;R please!\n"
    assert _read(text).text == text


def test_a_line_above_dashes_stays_a_paragraph_above_a_scene_break():
    work = _read("The tide went out\n---\nThe tide came in.\n")
    assert _paragraphs(work) == ["The tide went out", "The tide came in."]
    assert [work.text[b.start:b.end] for b in work.layer("scene_breaks")] == ["---"]


def test_scene_break_lines_stay_as_written():
    text = "Wren left.\n\n*~*~*\n\nCass stayed.\n\n*xXx*\n\nThe end.\n"
    work = _read(text)
    assert work.text == text
    assert len(work.layer("scene_breaks")) == 2


def test_emphasis_is_a_layer_of_outermost_spans():
    work = _read("*They're just **flowers**,* he thought. A sign: **CLOSED**\n")
    assert work.text == "They're just flowers, he thought. A sign: CLOSED\n"
    assert [(work.text[s.start:s.end], s.get("kind")) for s in work.layer("emphasis")] == [
        ("They're just flowers,", "em"), ("CLOSED", "strong")]


def test_emphasis_inside_a_word_is_kept_rather_than_joining_words():
    work = _read("It was *wonderful*not at all what she expected, and *so* good.\n")
    assert work.text == "It was wonderful*not at all what she expected, and so good.\n"


def test_a_title_heading_is_a_heading_and_a_later_one_a_scene_break():
    text = "## The Pier\n\nWren waited.\n\n## Dusk\n\nCass came back.\n"
    work = _read(text)
    assert _paragraphs(work, "heading") == ["The Pier"]
    assert [work.text[b.start:b.end] for b in work.layer("scene_breaks")] == ["Dusk"]
    assert _paragraphs(work) == ["Wren waited.", "Cass came back."]


def test_chapter_long_sections_under_plain_headings_are_chapters():
    body = " ".join(["Wren rowed on."] * 600)
    text = f"# Low Tide\n\n{body}\n\n# High Water\n\n{body}\n"
    work = _read(text)
    chapters = work.layer("chapters")
    assert [(c.get("number"), c.get("title")) for c in chapters] == [(1, "Low Tide"),
                                                                     (2, "High Water")]
    assert work.text[chapters[1].start:chapters[1].end].startswith("High Water\n\nWren")


def test_crlf_offsets_and_links_and_code():
    text = "Wren said `hello` to [Cass](https://example.org).\r\n\r\nCass\\'s boat.\r\n"
    work = _read(text)
    assert work.text == "Wren said hello to Cass.\r\n\r\nCass's boat.\r\n"
    assert _paragraphs(work) == ["Wren said hello to Cass.", "Cass's boat."]


def test_a_front_matter_file_still_goes_to_the_front_matter_reader():
    work = read_bytes(b"---\ntitle: The Pier\n---\n\nWren couldn\\'t wait.\n", "a.md")
    assert work.metadata.title == "The Pier"
    assert work.text == "Wren couldn't wait."


@pytest.mark.parametrize("text", ["#\n\n##\n", "[](https://example.org)\n"])
def test_a_file_of_markup_only_is_one_clear_line(text):
    with pytest.raises(InputError, match="only markup"):
        read_bytes(text.encode(), "empty.md")


@pytest.mark.parametrize("text", [
    ">" * 5000 + " deep\n",
    "*" * 50000 + "a" + "_" * 50000 + "\n",
    "[" * 20000 + "x" + "](" * 5000 + "\n",
    "a\x00b *c*\n",
])
def test_hostile_markdown_is_read_or_refused_in_one_line(text):
    try:
        work = read_bytes(text.encode("utf-8"), "hostile.md")
    except InputError as error:
        assert "\n" not in str(error)
        return
    assert work.text.strip()


def test_a_thought_in_italics_keeps_its_tense_once_the_asterisks_are_gone():
    from ficlens.check import run_checks
    from ficlens.pipeline import analyze

    story = ("Tamsin rowed out past the buoys. She tied the skiff to the old mooring and "
             "waited. Oren swam over with a net. He passed it up and grinned. She hauled it in "
             "slowly. The gulls circled overhead. {} They watched the ferry leave. He laughed "
             "at the gulls. Tamsin laughed too.\n")

    def slips(text: str, keep_layer: bool = True) -> list[str]:
        work = read_bytes(text.encode("utf-8"), "story.md")
        if not keep_layer:
            work.layers.pop("emphasis", None)
        analyze(work, ["segment", "nlp"])
        return [work.text[f.start:f.end] for f in run_checks(work, select=["tense"])]

    thought = story.format("*He never cared for anything like he cares for the sea.*")
    assert "*" not in read_bytes(thought.encode("utf-8"), "story.md").text
    assert slips(thought) == []
    assert slips(thought, keep_layer=False) != []  # the layer is what tells the thought
    assert slips(story.format("He had never cared for anything like he cares for the sea.")) \
        == ["cares"]


def test_a_line_set_in_italics_is_a_display_not_speech_missing_its_stop():
    from ficlens.check import run_checks
    from ficlens.pipeline import analyze

    def missing_stops(text: str) -> list[str]:
        work = read_bytes(text.encode("utf-8"), "story.md")
        analyze(work, ["segment", "nlp", "characters", "quotes"])
        return [work.text[f.start:f.end]
                for f in run_checks(work, select=["dialogue.missing-stop"])]

    screen = ("Tamsin turned the radio on.\n\n*\"Now Showing: The Long Harbour\"*\n\n"
              "She sat back and watched.\n")
    assert missing_stops(screen) == []
    assert missing_stops(screen.replace("*\"Now", "\"Now").replace("Harbour\"*", "Harbour\"")) \
        == ['r"']
