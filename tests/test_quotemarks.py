"""The one quote-mark scanner (``ficlens.text.quotemarks``)."""

from __future__ import annotations

import pytest

from ficlens.text.quotemarks import (
    blank_line_paragraphs,
    document_style,
    opening_marks_paired,
    paragraph_pieces,
    quoted_regions,
)


def _quoted(text: str) -> list[str]:
    return [text[s:e] for s, e in quoted_regions(text)]


def test_straight_and_curly_double_marks() -> None:
    text = 'Nell waved. "Over here," she called, “quick!”\n\nNobody came.'
    assert _quoted(text) == ['"Over here,"', "“quick!”"]


def test_guillemets_and_low_marks() -> None:
    assert _quoted("Il dit : «Viens ici», puis partit.") == ["«Viens ici»"]
    assert _quoted("Sie rief: „Komm her“ und ging.") == ["„Komm her“"]


def test_single_quote_dialogue_keeps_apostrophes_apart() -> None:
    text = (
        "'Don't go,' said Tam.\n\n'Why not?' asked Ori.\n\n'It's late.'\n\n"
        "'Fine, I'll stay with 'em.'\n\n'Good.'"
    )
    assert document_style(text) == "single"
    assert _quoted(text)[:2] == ["'Don't go,'", "'Why not?'"]
    assert "'Fine, I'll stay with 'em.'" in _quoted(text)


def test_an_unclosed_mark_stops_at_its_paragraph() -> None:
    text = '"Wait, she said.\n\nThe next paragraph is narration.'
    (start, end), = quoted_regions(text)
    assert text[start:end] == '"Wait, she said.'
    pieces = paragraph_pieces(text, 0, 16, "double")
    assert pieces == [(0, 16, False)]


def test_paragraphs_can_be_given_or_found_at_blank_lines() -> None:
    text = 'One "a" line.\n  \nTwo "b" line.'
    assert blank_line_paragraphs(text) == [(0, 13), (17, 30)]
    assert quoted_regions(text, [(0, 13)]) == [(4, 7)]
    assert _quoted(text) == ['"a"', '"b"']


def test_characters_and_coref_read_the_same_regions() -> None:
    from ficlens.characters.textview import TextView
    from ficlens.coref.regions import quote_regions
    from ficlens.document import Work

    text = "'Come in,' said Tam.\n\n'Not yet,' Ori said.\n\n'Now?'\n\n'Now.'\n\n'Fine.'"
    work = Work(text=text)
    view = TextView(text, [], [])
    assert view.quote_spans == quote_regions(work) == quoted_regions(text)
    assert view.in_quote(text.index("Come")) and not view.in_quote(text.index("said"))
    guillemets = TextView("Il dit «Viens» et sourit.", [], [])
    assert guillemets.in_quote(9) and not guillemets.in_quote(16)


@pytest.mark.parametrize(("body", "paired"), [
    ("“ Who is there? “ he called.", True),  # opening marks used to close, in pairs
    ("“Who is there?” he called.", False),  # a proper closing mark
    ("“Who is there? he called.", False),  # one mark: left open
])
def test_opening_marks_paired(body, paired) -> None:
    assert opening_marks_paired(body) is paired
