"""Speaker cues read from the text: self-introductions, plural and perception tags."""

from __future__ import annotations

import pytest

from ficlens.document import Work
from ficlens.eval.pdnc_data import GoldCharacter
from ficlens.quotes.detect import find_quotations
from tests.quote_context import story_context

CAST = [
    GoldCharacter(0, "Marnie Vell", ["Marnie Vell", "Marnie"], "F", "main"),
    GoldCharacter(1, "Tobin Ashgrove", ["Tobin Ashgrove", "Tobin"], "M", "main"),
]


_context = story_context


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
        '"Is it bath time?" you heard a man shout towards the cat.\n'
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


def test_a_character_named_only_in_backstory_is_not_the_she_of_a_tag():
    from types import SimpleNamespace

    from ficlens.quotes.config import DEFAULT as QUOTES
    from ficlens.quotes.conversation import _off_stage
    from ficlens.quotes.reader import QuoteInfo
    from ficlens.quotes.tags import Tag

    # E first named at 10 only in a past-perfect clause, A acting in the scene at 40
    first = ({"E": 10, "A": 40}, {"A": 40})
    she = Tag(0, 0, 3, "she", "pronoun", "after", "she")
    line = QuoteInfo(quote=SimpleNamespace(start=100), index=0, tags=[she])
    assert _off_stage(line, ["E", "A", "R"], first).tolist() == [
        QUOTES.wrong_gender_penalty, 0.0, 0.0]
    untagged = QuoteInfo(quote=SimpleNamespace(start=100), index=0, tags=[])
    assert _off_stage(untagged, ["E", "A"], first).tolist() == [0.0, 0.0]
    named = QuoteInfo(quote=SimpleNamespace(start=100), index=0, tags=[she], rule_kind="name")
    assert _off_stage(named, ["E", "A"], first).tolist() == [0.0, 0.0]


def test_a_summary_line_repeating_a_story_line_gets_its_speaker():
    from ficlens.document import Span
    from ficlens.quotes.excerpts import excerpt_spans

    summary = 'Summary\n\n"Your sister?"\n\n"Not that one."\n\n'
    story = 'Chapter 1\n\nIsla waited. “Your sister?” she asked.\n'
    text = summary + story
    paragraphs = [(0, 7), (9, 23), (25, 40), (len(summary), len(summary) + 9),
                  (len(summary) + 11, len(text) - 1)]
    work = Work(text, layers={
        "markup_notes": [Span(0, len(summary) - 2, {"kind": "summary"})],
        "paragraphs": [Span(s, e, {"kind": "note" if s < len(summary) else "text"})
                       for s, e in paragraphs],
    })
    quotes = find_quotations(text, paragraphs[3:])
    spans = [Span(q.start, q.end, {"speech": True, "speaker": "C0", "type": "Anaphoric"})
             for q in quotes]
    excerpts = excerpt_spans(work, list(zip(quotes, spans, strict=True)))
    assert [(text[s.start:s.end], s["speaker"], s["excerpt"]) for s in excerpts] == [
        ('"Your sister?"', "C0", True)]


def test_an_untagged_lines_beat_gives_the_speakers_gender():
    from ficlens.quotes.conversation import _beat_gender

    text = (
        "Marnie and Tobin stood by the gate.\n\n"
        '"My fault," his grin was as warm as his voice.\n\n'
        '"It took a while."\n\n'
        "Her hands were in her pockets.\n"
    )
    ctx = _context(text, CAST)
    assert [_beat_gender(ctx, info) for info in ctx.infos] == ["m", ""]


def test_narration_saying_whose_line_it_is_names_the_speaker():
    from ficlens.quotes.introductions import identified_after

    text = (
        "Marnie and Tobin sat on the floor.\n\n"
        "“Huh.” That’s Marnie. “Solid advice.”\n\n"
        "“April, wasn’t it?”, comes from a pensive Tobin.\n\n"
        "“Think he heard?” The whispered question belongs to Marnie.\n\n"
        "“Late.” It was late.\n"
    )
    ctx = _context(text, CAST)
    assert [identified_after(ctx, info) for info in ctx.infos] == ["C0", "C1", "C0", None]


@pytest.mark.parametrize(("text", "named", "other"), [
    # the object of a pronoun tag
    ("Tobin knocked and a stranger opened the door.\n\n"
     "“You’ve come for dinner?” he asked Tobin.\n", "C1", "C0"),
    # a name inside a pronoun tag's clause
    ("Marnie and Tobin waited in the hall.\n\n"
     "“Wait…” she took a step forward, pulling Marnie’s hand away from the door.\n",
     "C0", "C1"),
])
def test_a_name_a_pronoun_tags_clause_governs_is_not_its_speaker(
    text: str, named: str, other: str,
) -> None:
    from ficlens.quotes.conversation import _tag_objects

    ctx = _context(text, CAST)
    penalty = _tag_objects(ctx, ctx.infos[0], [named, other])
    assert penalty[0] > 0 and penalty[1] == 0


def test_a_name_that_is_the_subject_of_its_own_clause_in_a_tag_is_spared():
    from ficlens.quotes.conversation import _governed_by

    text = "Tobin came in.\n\n“Fine,” he said, knowing that Tobin was right.\n"
    ctx = _context(text, CAST)
    tobin = [i for i, t in enumerate(ctx.tokens) if ctx.text[t.start : t.end] == "Tobin"][1]
    said = next(i for i, t in enumerate(ctx.tokens) if ctx.text[t.start : t.end] == "said")
    assert tobin not in _governed_by(ctx.tokens, said)


def test_the_he_or_she_of_the_narration_leading_into_an_untagged_line_is_its_speaker():
    from ficlens.quotes.conversation import _lead_beat_agreement

    text = (
        "Marnie and Tobin sat on the step.\n\n"
        "Later, she leans against the rail beside Tobin. “Are you cold?”\n\n"
        "Tobin shrugged. “Not really.”\n"
    )
    ctx = _context(text, CAST)
    first, second = (_lead_beat_agreement(ctx, info, ["C0", "C1"]) for info in ctx.infos)
    assert first[0] == 0 and first[1] > 0  # not Tobin: a man, and named in her clause
    assert not second.any()  # a name, not a pronoun, is that sentence's subject
