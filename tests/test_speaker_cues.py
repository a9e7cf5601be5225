"""Speaker cues read from the text: self-introductions, plural and perception tags."""

from __future__ import annotations

from ficlens.document import Work
from ficlens.eval.gold_characters import add_gold_characters
from ficlens.eval.pdnc_data import GoldCharacter
from ficlens.quotes.detect import find_quotations
from ficlens.quotes.paragraphs import paragraph_bounds

CAST = [
    GoldCharacter(0, "Marnie Vell", ["Marnie Vell", "Marnie"], "F", "main"),
    GoldCharacter(1, "Tobin Ashgrove", ["Tobin Ashgrove", "Tobin"], "M", "main"),
]


def _context(text: str, characters: list[GoldCharacter]):
    from ficlens.nlp import spacy_stage
    from ficlens.quotes.context import StoryContext

    work = Work(text)
    spacy_stage.run(work)
    add_gold_characters(work, characters)
    paragraphs = paragraph_bounds(work)
    return StoryContext(work, paragraphs, find_quotations(work.text, paragraphs))


def test_a_speaker_who_gives_their_name_is_that_character():
    from ficlens.quotes.introductions import self_introduced

    text = (
        "Tobin Ashgrove waited by the gate while the stranger came up the path.\n\n"
        '"Sorry about the dog," she said. "I\'m Marnie, by the way."\n\n'
        '"I\'m Marnie\'s brother," Tobin said.\n\n'
        '"My name is Doctor Tobin Ashgrove," he said.\n'
    )
    ctx = _context(text, CAST)
    found = [self_introduced(ctx, info) for info in ctx.infos]
    assert found == ["C0", None, "C1"]  # the first two pieces are one quotation


def test_hearing_a_line_is_not_a_tag_of_the_hearer():
    from ficlens.quotes.tags import PERCEPTION_LEMMAS

    text = (
        "You walked up to the cabin in the sleet.\n\n"
        '"Is it dinner time?" you heard a woman call towards the dog.\n'
    )
    ctx = _context(text, CAST)
    assert "hear" in PERCEPTION_LEMMAS
    assert all(t.subject_text.lower() != "you" for t in ctx.infos[0].tags)


def test_the_narrator_among_others_is_no_first_person_tag():
    text = (
        "I walked Marnie home after the film.\n\n"
        '"It was awful," we both laughed.\n\n'
        '"It was awful," I laughed.\n'
    )
    ctx = _context(text, CAST)
    assert [ctx.first_person_tag(info) for info in ctx.infos] == [False, True]
