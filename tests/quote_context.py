"""A quote stage's StoryContext for an invented story and a hand-made character list."""

from __future__ import annotations

from ficlens.document import Work
from ficlens.eval.gold_characters import add_gold_characters
from ficlens.eval.pdnc_data import GoldCharacter
from ficlens.quotes.context import StoryContext
from ficlens.quotes.detect import find_quotations
from ficlens.quotes.paragraphs import paragraph_bounds


def story_context(text: str, characters: list[GoldCharacter]) -> StoryContext:
    from ficlens.nlp import spacy_stage

    work = Work(text)
    spacy_stage.run(work)
    add_gold_characters(work, characters)
    paragraphs = paragraph_bounds(work)
    return StoryContext(work, paragraphs, find_quotations(work.text, paragraphs))
