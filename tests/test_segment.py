"""Segmentation on small stories written for these tests and on the bundled sample."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ficlens.document import Span, Work
from ficlens.ingest import chapters, notes, paragraphs, pov_labels, scene_breaks, segment

SAMPLE = Path(__file__).resolve().parent.parent / "src" / "ficlens" / "sample" / "lighthouse.txt"


def segmented(text: str) -> Work:
    work = Work(text=text)
    segment.run(work)
    return work


def fixture_work(fixtures_dir: Path, name: str) -> Work:
    return segmented((fixtures_dir / "segment" / name).read_text(encoding="utf-8"))


def texts(work: Work, layer: str) -> list[str]:
    return [work.span_text(s) for s in work.layer(layer)]


def assert_every_word_in_a_paragraph(work: Work) -> None:
    covered = [False] * len(work.text)
    for para in work.layer("paragraphs"):
        assert work.span_text(para) == work.span_text(para).strip()
        for i in range(para.start, para.end):
            assert not covered[i], "paragraphs overlap"
            covered[i] = True
    for match in re.finditer(r"\S", work.text):
        assert covered[match.start()], f"text at {match.start()} is in no paragraph"


# -- markers and labels --------------------------------------------------------------------
@pytest.mark.parametrize(
    "line",
    ["***", "* * *", "~~~", "xXx", "XxXxX", "-o-o-", "oOo", "OoOoO", "___", "---", "###",
     "~*~", "+++", "=======", "<hr>", "<hr />", "Line Break", "   *****   ", "XXX"],
)
def test_scene_break_markers(line: str) -> None:
    assert scene_breaks.is_marker(line)


@pytest.mark.parametrize(
    "line",
    ["...", "?!", '"..."', "Ooh", "Ooo", "OK", "ox.", "x x x x", "I", "Hello there.", "", ")"],
)
def test_not_scene_break_markers(line: str) -> None:
    assert not scene_breaks.is_marker(line)


@pytest.mark.parametrize(
    ("line", "name"),
    [("Lucas POV", "Lucas"), ("Peyton's POV", "Peyton"), ("POV: Brooke", "Brooke"),
     ("~Nathan's point of view~", "Nathan"), ("Haley's P.O.V.", "Haley"),
     ("*Lucas Scott's POV*", "Lucas Scott"), ("Normal POV", "Normal"), ("James' pov", "James"),
     ("From Brooke's point of view", "Brooke"), ("Lucas & Peyton POV", "Lucas & Peyton")],
)
def test_pov_labels(line: str, name: str) -> None:
    assert pov_labels.pov_label(line) == name


@pytest.mark.parametrize(
    "line", ["He saw it from her point of view.", "POV", "the pov shot", "Her POV", "My pov"]
)
def test_not_pov_labels(line: str) -> None:
    assert pov_labels.pov_label(line) is None


@pytest.mark.parametrize(
    ("line", "level", "number", "title"),
    [("Chapter 1", "chapter", 1, None), ("Chapter One: Title", "chapter", 1, "Title"),
     ("CHAPTER IV", "chapter", 4, None), ("CHAPTER XLIV.", "chapter", 44, None),
     ("Part 2", "part", 2, None), ("BOOK THE FIRST", "part", 1, None),
     ("Chapter 5 - The End", "chapter", 5, "The End"), ("II", "bare", 2, None),
     ("[VIII]", "bare", 8, None)],
)
def test_chapter_headings(line: str, level: str, number: int, title: str | None) -> None:
    found = chapters.heading(line)
    assert found is not None
    assert (found.level, found.number, found.title) == (level, number, title)


@pytest.mark.parametrize(
    "line", ["Chapter one of my life was over.", "Part of me wanted to stay.", "CIVIL", "I am."]
)
def test_not_chapter_headings(line: str) -> None:
    assert chapters.heading(line) is None


# -- paragraphs ----------------------------------------------------------------------------
def test_one_paragraph_per_line_without_blank_lines() -> None:
    work = segmented('"Hi," she said.\nHe waved back at her from the porch.\n"Coming in?"\n')
    assert texts(work, "paragraphs") == [
        '"Hi," she said.', "He waved back at her from the porch.", '"Coming in?"']


def test_hard_wrapped_paragraphs_join_their_lines(fixtures_dir: Path) -> None:
    work = fixture_work(fixtures_dir, "wrapped.txt")
    story = [p for p in work.layer("paragraphs") if p["kind"] == "text"]
    first = next(p for p in story if work.span_text(p).startswith("Old Tamsin"))
    assert work.span_text(first).count("\n") == 2
    assert work.span_text(first).endswith("weather.")
    assert_every_word_in_a_paragraph(work)


def test_layout_detection() -> None:
    wrapped = "word " * 13 + "\n" + "and more words follow " * 3 + "\n" + "end.\n"
    lines = paragraphs.split_lines(wrapped * 3)
    assert paragraphs.is_hard_wrapped(wrapped * 3, lines)
    one_per_line = "She laughed and threw one at him.\nAda watched him sign, one at a time.\n" * 3
    assert not paragraphs.is_hard_wrapped(one_per_line, paragraphs.split_lines(one_per_line))


# -- the bundled sample --------------------------------------------------------------------
def test_sample_story_notes_and_break_exactly() -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    work = segmented(text)
    lines = text.splitlines()
    first_note, last_note = lines[0], [ln for ln in lines if ln.strip()][-1]
    assert first_note.startswith("A/N:") and last_note.startswith("A/N:")
    found = work.layer("notes")
    assert [work.span_text(n) for n in found] == [first_note, last_note]
    assert found[0].start == 0 and found[1].end == text.rindex(last_note) + len(last_note)
    assert [(n["position"], n["source"]) for n in found] == [("start", "heuristic"),
                                                             ("end", "heuristic")]
    assert texts(work, "scene_breaks") == ["~~~"]
    assert work.layer("scene_breaks")[0].start == text.index("\n~~~\n") + 1
    assert work.layer("pov_labels") == []
    assert len(work.layer("chapters")) == 1
    assert_every_word_in_a_paragraph(work)


# -- fixtures ------------------------------------------------------------------------------
def test_chaptered_story(fixtures_dir: Path) -> None:
    work = fixture_work(fixtures_dir, "chaptered.txt")
    assert [(c["number"], c["title"], c["heading"]) for c in work.layer("chapters")] == [
        (1, "The Ferry", "Chapter 1: The Ferry"), (2, None, "Chapter Two")]
    summary = [(n["kind"], n["position"], n["chapter"], work.span_text(n).split("\n")[0][:12])
               for n in work.layer("notes")]
    assert summary == [
        ("header", "start", None, "Title: Paper"),
        ("disclaimer", "start", None, "Disclaimer: "),
        ("author_note", "start", 1, "A/N: Hi ever"),
        ("review_request", "end", 1, "Please revie"),
        ("author_note", "end", 2, "A/N: Thanks "),
    ]
    chapter_one_note = work.layer("notes")[2]
    assert work.span_text(chapter_one_note).endswith("I hope you enjoy it!")  # both paragraphs
    assert work.span_text(work.layer("notes")[-1]).endswith("Next chapter will be up soon.")
    assert [(s["marker"], s["kind"]) for s in work.layer("scene_breaks")] == [
        ("xXx", "ornament"), ("* * *", "symbols")]
    assert [p["name"] for p in work.layer("pov_labels")] == ["Mara", "Theo", "Mara"]
    kinds = {work.span_text(p): p["kind"] for p in work.layer("paragraphs")}
    assert kinds["Mara POV"] == "pov_label"
    assert kinds["Chapter Two"] == "heading"
    assert kinds['"I never catch cold."'] == "text"
    assert_every_word_in_a_paragraph(work)


def test_first_person_story_is_not_swallowed_by_its_note(fixtures_dir: Path) -> None:
    work = fixture_work(fixtures_dir, "first_person.txt")
    assert texts(work, "notes") == ["A/N: Short one today. Enjoy!"]


def test_note_phrases_inside_the_story_are_not_notes(fixtures_dir: Path) -> None:
    work = fixture_work(fixtures_dir, "story_only.txt")
    assert work.layer("notes") == []
    assert work.layer("scene_breaks") == []
    assert {p["kind"] for p in work.layer("paragraphs")} == {"text"}


def test_wrapped_book_chapters_and_titles(fixtures_dir: Path) -> None:
    work = fixture_work(fixtures_dir, "wrapped.txt")
    assert [(c["number"], c["title"]) for c in work.layer("chapters")] == [
        (1, "The Keeper"), (2, "THE LETTER")]
    assert texts(work, "scene_breaks") == ["* * *"]  # the wider blank gap is no break here
    assert work.layer("notes") == []


def test_blank_line_runs_break_scenes_only_before_narration() -> None:
    para = "He walked the long way home that night, past the river."
    text = "\n\n".join([para] * 6) + "\n\n\n\n" + para + "\n\n\n" + '"Wait," she said.\n\n' + para
    work = segmented(text)
    breaks = work.layer("scene_breaks")
    assert len(breaks) == 1
    assert breaks[0]["kind"] == "blank_lines" and breaks[0]["blank_lines"] == 3
    assert work.span_text(breaks[0]) == "\n\n\n"


def test_framing_line_only_at_the_start() -> None:
    story = "She ran to the car and did not look back at the house."
    framing = "Set after season six, before the wedding."
    work = segmented(f"{framing}\n\n{story}\n\n{story}\n")
    assert [(n["kind"], work.span_text(n)) for n in work.layer("notes")] == [("framing", framing)]
    later = segmented(f"{story}\n\n{framing}\n\n{story}\n")
    assert later.layer("notes") == []


def test_note_continuation_needs_a_clear_story_start() -> None:
    marked = "A/N: Thanks for reading!"
    chatty = "I hope you enjoy this chapter, I wrote it on the train."
    ambiguous = "I walked to school alone that day."
    work = segmented(f"{marked}\n\n{chatty}\n\n{ambiguous}\n\n{ambiguous}\n")
    assert texts(work, "notes") == [marked]
    story = "She walked to school alone that day."
    work = segmented(f"{marked}\n\n{chatty}\n\n{story}\n\n{story}\n")
    assert texts(work, "notes") == [f"{marked}\n\n{chatty}"]


def test_reader_layers_are_respected() -> None:
    text = "Notes:\n\nThanks to my beta!\n\nChapter text here.\n\n* * *\n\nMore story text here."
    work = Work(text=text)
    note_end = text.index("\n\nChapter")
    work.add_layer("markup_notes", [Span(0, note_end, {"kind": "author_note",
                                                        "position": "start", "chapter": 1})])
    work.add_layer("chapters", [Span(0, len(text), {"number": 1, "title": "One"})])
    hr = text.index("* * *")
    work.add_layer("markup_breaks", [Span(hr, hr + 5, {"source": "hr"})])
    segment.run(work)
    assert [(n.start, n.end, n["source"]) for n in work.layer("notes")] == [
        (0, note_end, "markup")]
    assert [c["title"] for c in work.layer("chapters")] == ["One"]
    assert [s["source"] for s in work.layer("scene_breaks")] == ["markup"]
    kinds = [p["kind"] for p in work.layer("paragraphs")]
    assert kinds == ["note", "note", "text", "scene_break", "text"]


def test_crlf_text_and_a_title_above_the_note() -> None:
    text = ("Lanterns\r\n\r\nA/N: For my beta, as always.\r\n\r\n"
            "The harbour was quiet when Ada came down.\r\n\r\n~*~\r\n\r\nBen was late.\r\n")
    work = segmented(text)
    assert texts(work, "notes") == ["A/N: For my beta, as always."]
    assert texts(work, "scene_breaks") == ["~*~"]
    assert texts(work, "paragraphs")[0] == "Lanterns"
    assert_every_word_in_a_paragraph(work)


def test_empty_and_whitespace_text() -> None:
    for text in ("", "   \n\n  \n"):
        work = segmented(text)
        assert work.layer("paragraphs") == [] and work.layer("chapters") == []
        assert work.has("notes") and work.has("scene_breaks") and work.has("pov_labels")


def test_layers_survive_json_round_trip(fixtures_dir: Path) -> None:
    work = fixture_work(fixtures_dir, "chaptered.txt")
    again = Work.from_json(work.to_json())
    for name in ("paragraphs", "chapters", "notes", "scene_breaks", "pov_labels"):
        assert [s.to_dict() for s in again.layer(name)] == [s.to_dict() for s in work.layer(name)]


def test_note_helpers_directly() -> None:
    assert notes.opening_kind("A/N: hello") == "author_note"
    assert notes.opening_kind("(AN: hello)") == "author_note"
    assert notes.opening_kind("An old man sat there.") is None
    assert notes.opening_kind("I don't own One Tree Hill.") == "disclaimer"
    assert notes.opening_kind("Reviews make me write faster!") == "review_request"
    assert notes.opening_kind("Thanks to my amazing beta!") == "thanks"
    assert notes.opening_kind("Title: X") is None
    assert notes.opening_kind("Title: X", at_work_start=True) == "header"
    assert notes.is_framing("This is set two winters before the flood.")
    assert not notes.is_framing('"This is placed on the table," he said.')
    assert notes.is_framing("AU. Lucas never left Tree Hill.")
    assert not notes.is_framing("Au revoir was all she wrote on the card.")
    assert not notes.is_framing("The town is set in a valley between two rivers.")
