"""The reports: HTML page (escaping, quotes, sections), terminal text, degraded works."""

from __future__ import annotations

import re
import time
from html import unescape

import pytest
from selectolax.lexbor import LexborHTMLParser
from test_report_story import make_work

from ficlens.document import Span, Work
from ficlens.report import render
from ficlens.report.facts import build, counted
from ficlens.report.text import sparkline


@pytest.fixture()
def work() -> Work:
    return make_work()


def story_text(page: str) -> str:
    """The story article's visible text, without the labels the report adds around it."""
    tree = LexborHTMLParser(page)
    article = tree.css_first("article.story")
    for extra in article.css(".pov, .note-label, .chapter-mark"):
        extra.decompose()
    return article.text(deep=True)


def test_html_is_one_self_contained_file(work):
    page = render(work, "html")
    assert page.startswith("<!DOCTYPE html>")
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "<link" not in page
    assert page.count("<script") == 2  # the JSON data block and the inline script
    assert "default-src 'none'" in page


def test_story_and_metadata_html_are_escaped(work):
    page = render(work, "html")
    assert "<script>alert('boo')</script>" not in page
    assert "&lt;script&gt;alert('boo')&lt;/script&gt;" in page
    assert "<b>bold</b>" not in page and "&lt;b&gt;bold&lt;/b&gt;" in page
    assert "<img" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "<title>Tides &amp; &lt;Things&gt; · ficlens</title>" in page
    tree = LexborHTMLParser(page)
    assert [n.attributes.get("type") for n in tree.css("script")] == ["application/json", None]


def test_hostile_names_cannot_close_the_data_script():
    work = make_work()
    work.tables["characters"][0]["name"] = "</script><script>alert(1)</script>"
    page = render(work, "html")
    assert page.count("<script") == 2
    assert "\\u003c/script>" in page


def test_every_character_of_the_story_is_shown_once(work):
    shown = story_text(render(work, "html"))
    assert re.sub(r"\s+", "", shown) == re.sub(r"\s+", "", work.text)


def test_quotes_carry_speaker_addressee_type_and_confidence(work):
    tree = LexborHTMLParser(render(work, "html"))
    quotes = tree.css("article.story .q")
    speech = [q for q in quotes if "ns" not in q.attributes["class"].split()]
    # one span per part: the split quote has two parts, the two-paragraph speech two blocks
    assert len(speech) == 10
    first = speech[0]
    assert first.text() == '"Who left this?"'
    assert first.attributes["data-s"] == "C0" and first.attributes["data-a"] == "C1"
    assert first.attributes["data-t"] == "Anaphoric" and first.attributes["data-c"] == "0.91"
    tag = [q.text() for q in speech if q.attributes.get("data-s") == "C1"]
    assert '"Not me,"' in tag and '"I can\'t even spell crayon."' in tag
    assert not any("Tobias said" in t for t in tag)
    unknown = [q for q in speech if "data-s" not in q.attributes]
    assert [q.text() for q in unknown] == ['"I know."']
    assert "ku" in unknown[0].attributes["class"]
    assert [q.text() for q in quotes if "ns" in q.attributes["class"].split()] == ['"Fresh Daily"']


def test_colours_follow_the_speaker(work):
    page = render(work, "html")
    facts = build(work)
    tree = LexborHTMLParser(page)
    for quote in tree.css("article.story .q[data-s]"):
        rank = facts.rank[quote.attributes["data-s"]]
        assert f"k{rank}" in quote.attributes["class"].split()
        assert f".q.k{rank}{{--c:{facts.characters[rank].colour}}}" in page


def test_notes_breaks_headings_and_pov_are_set_apart(work):
    tree = LexborHTMLParser(render(work, "html"))
    notes = tree.css("aside.note")
    assert len(notes) == 1 and "Author's note" in notes[0].text()
    assert [b.text().strip() for b in tree.css(".scene-break")] == ["~~~"]
    assert [h.text() for h in tree.css("h3.heading")] == ["Chapter One: Low Tide",
                                                          "Chapter Two: High Water"]
    povs = [p.text(separator=" ") for p in tree.css(".pov")]
    assert povs == ["Scene 1 third · Mara Lind", "Scene 2 third · Tobias Hale",
                    "Scene 3 third · omniscient"]


def test_character_table_network_arc_and_timeline(work):
    tree = LexborHTMLParser(render(work, "html"))
    rows = tree.css("tr.char")
    assert [r.attributes["data-char"] for r in rows] == ["C0", "C1", "C2"]
    assert "Tobias, the boy" in rows[1].text()
    assert "43%" in rows[0].text()
    assert len(tree.css("svg.network g.node")) == 3
    edges = {float(line.attributes["stroke-width"]) for line in tree.css("svg.network line.edge")}
    assert len(edges) > 1  # widths follow the exchange counts
    assert tree.css_first("#arc .shape").text() == "Man in a hole"
    assert [p.attributes["data-char"] for p in tree.css("svg.arc path.carc")] == ["C0", "C1"]
    assert len(tree.css("#arc input[type=checkbox]")) == 2
    assert tree.css("svg.map") and tree.css("svg.time path.time-line")
    cues = tree.css("ol.cues li")
    assert [c.text() for c in cues] == ["Two weeks later +2 weeks · day 14 · 57% in"]


def test_text_summary_is_plain_and_fits_80_columns(work):
    text = render(work, "text")
    assert "\x1b" not in text
    assert max(len(line) for line in text.splitlines()) <= 80
    for expected in ("Tides & <Things>", "Mara Lind", "Aunt Iris", "Explicit 4",
                     "Mara Lind/Tobias Hale", "man in a hole", "Two weeks later",
                     "author note", "Tobias Hale"):
        assert expected in text
    assert sparkline(work.tables["arc"]["points"]) in text


def test_sparkline_spans_low_to_high():
    line = sparkline([0.0, 1.0, 2.0, 3.0], width=4)
    assert line == "▁▃▆█"
    assert sparkline([]) == ""


def test_bare_work_degrades_to_what_exists():
    work = Work(text="Nothing but <em>one</em> paragraph.\n\nAnd a second.")
    page = render(work, "html")
    tree = LexborHTMLParser(page)
    assert [p.text() for p in tree.css("article.story p")] == [
        "Nothing but <em>one</em> paragraph.", "And a second."]
    assert "characters</code> stage has not run" in page
    assert "arc</code> stage has not run" in page
    text = render(work, "text")
    assert "the characters stage has not run" in text and "the arc stage has not run" in text


def test_quotes_without_characters_or_addressees_still_render():
    text = '"Hi," said one. "Hello," said the other. "Bye."'
    work = Work(text=text)
    spans = [Span(m.start(), m.end(), {"speaker": s}) for m, s in
             zip(re.finditer(r'"[^"]*"', text), ["A", "B", "A"], strict=True)]
    work.add_layer("quotes", spans)
    page = render(work, "html")
    tree = LexborHTMLParser(page)
    assert len(tree.css("svg.network g.node")) == 2  # speakers found from the quotes alone
    assert len(tree.css("article.story .q")) == 3
    assert "A" in render(work, "text")


def test_malformed_layers_from_other_stages_do_not_break_the_report():
    work = make_work()
    work.tables["arc"] = {"points": "not a list"}
    work.tables["timeline"] = "odd"
    work.tables["pairing"] = None
    work.layer("quotes")[0].attrs["parts"] = [[5, 2], "x"]
    page = render(work, "html")
    assert "arc</code> stage has not run" in page
    assert render(work, "text")


def test_a_long_novel_renders_quickly():
    base = make_work()
    copies = 1500  # ~220k words
    step = len(base.text)
    work = Work(text=base.text * copies, metadata=base.metadata)
    for name in ("paragraphs", "quotes", "notes", "scene_breaks", "scenes"):
        work.add_layer(name, [
            Span(s.start + i * step, s.end + i * step,
                 {k: v for k, v in s.attrs.items() if k != "parts"})
            for i in range(copies) for s in base.layer(name)
        ])
    for name in ("characters", "arc", "pairing", "pairing_detail"):
        work.set_table(name, base.tables[name])
    started = time.perf_counter()
    page = render(work, "html")
    elapsed = time.perf_counter() - started
    assert work.word_count > 200_000
    assert elapsed < 10, f"{elapsed:.1f} s"
    assert len(page) < 6 * len(work.text)
    tree = LexborHTMLParser(page)
    assert len(tree.css("article.story .chunk.lazy")) > 100  # laid out only when scrolled to
    assert unescape(page).count("Lucky guess.") == copies


def test_pov_labels_and_blank_line_breaks_are_marked():
    text = "Lucas POV\n\nHe ran.\n\n\n\n\nShe waited."
    work = Work(text=text)
    work.add_layer("paragraphs", [Span(0, 9), Span(11, 18), Span(23, 34)])
    work.add_layer("pov_labels", [Span(0, 9, {"name": "Lucas"})])
    work.add_layer("scene_breaks", [Span(18, 23, {"marker": ""})])
    tree = LexborHTMLParser(render(work, "html"))
    assert tree.css_first("p.pov-label").text() == "Lucas POV"
    assert [b.text() for b in tree.css(".scene-break")] == ["⁂"]
    assert [p.text() for p in tree.css("article.story p")][1:] == ["He ran.", "She waited."]


def test_typeset_line_wrapping_is_reflowed_but_authors_breaks_are_kept():
    line = "The tide came in slowly over the flats, grey and patient as ever it was."
    wrapped = Work(text="\n\n".join("\n".join([line] * 3) for _ in range(12)))
    poem = Work(text="\n\n".join("Low tide,\nhigh tide,\nno tide at all." for _ in range(12)))
    assert 'class="story wrapped"' in render(wrapped, "html")
    assert 'class="story"' in render(poem, "html")


def test_chapter_heading_lines_become_headings():
    text = "CHAPTER I\n\nIt began.\n\nCHAPTER II\n\nIt went on."
    work = Work(text=text)
    work.add_layer("chapters", [Span(0, 20, {"number": 1, "heading": "CHAPTER I"}),
                                Span(22, len(text), {"number": 2, "heading": "CHAPTER II"})])
    tree = LexborHTMLParser(render(work, "html"))
    assert [h.text() for h in tree.css("h3.heading")] == ["CHAPTER I", "CHAPTER II"]
    assert not tree.css(".chapter-mark")


def test_text_summary_shows_brackets_in_names_and_tags_as_they_are():
    work = make_work()
    work.metadata.additional_tags.append("[/b] not [red]markup[/red]")
    work.tables["characters"][0]["name"] = "Mara [/i] Lind"
    text = render(work, "text")
    assert "[/b] not [red]markup[/red]" in text
    assert "Mara [/i] Lind" in text


def test_long_character_lists_fold_after_twenty():
    work = Work(text="Nothing happens.")
    work.set_table("characters", [{"id": f"C{i}", "name": f"Person {i}", "aliases": [],
                                   "mentions": 30 - i} for i in range(25)])
    tree = LexborHTMLParser(render(work, "html"))
    assert len(tree.css("table.chars tbody:not(.more) tr.char")) == 20
    hidden = tree.css_first("tbody.more")
    assert "hidden" in hidden.attributes and len(hidden.css("tr.char")) == 5
    assert tree.css_first(".more-btn").text() == "Show 5 more"


def test_arc_toggles_list_the_main_characters_first():
    work = make_work()
    extra = {f"X{i}": [0.1 * i] * 100 for i in range(15)}
    work.tables["arc"]["characters"] = {**extra, "C1": [0.2] * 100, "C0": [0.1] * 100}
    tree = LexborHTMLParser(render(work, "html"))
    toggles = [i.attributes["data-char"] for i in tree.css("#arc input[type=checkbox]")]
    assert toggles[:2] == ["C0", "C1"] and len(toggles) == 12


def test_counts_in_the_summary_agree_with_their_nouns(work):
    text = render(work, "text")
    assert "3 scenes" in text
    assert "Point of view (3 scenes)" in text
    work.add_layer("scenes", work.layer("scenes")[:1])
    one = render(work, "text")
    assert "1 scene" in one and "1 scenes" not in one
    assert counted(1, "change") == "1 change"
    assert counted(0, "change") == "0 changes"
    assert counted(2_000, "person", "people") == "2,000 people"


def test_timeline_and_dialogue_counts_agree_with_their_nouns(work):
    text = render(work, "text")
    assert "1 time cue)" in text and "time cues)" not in text
    assert "lines of dialogue" in text
