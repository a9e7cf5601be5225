"""The quote stage on small stories written for these tests: shapes, tags, speakers."""

from __future__ import annotations

import pytest

from ficlens.document import Work
from ficlens.eval.gold_characters import add_gold_characters
from ficlens.eval.pdnc_data import GoldCharacter
from ficlens.quotes.config import DEFAULT as QUOTES
from ficlens.quotes.detect import find_quotations
from ficlens.quotes.paragraphs import paragraph_bounds
from tests.quote_context import story_context


def quotes_of(text: str) -> list[list[str]]:
    work = Work(text)
    return [
        [text[s:e] for s, e in q.parts]
        for q in find_quotations(text, paragraph_bounds(work))
    ]


def speech_flags(text: str) -> list[tuple[str, bool]]:
    work = Work(text)
    return [
        (text[q.start : q.end], q.speech)
        for q in find_quotations(text, paragraph_bounds(work))
    ]


# -- detection -----------------------------------------------------------------------------
def test_split_quote_is_one_quotation_with_parts():
    text = '"Yeah," he laughed, "we can."\nShe shrugged.\n'
    assert quotes_of(text) == [['"Yeah,"', '"we can."']]


def test_curly_split_quote():
    text = "“Fine,” Mara said. “Then we go tonight.”\n"
    assert quotes_of(text) == [["“Fine,”", "“Then we go tonight.”"]]


def test_two_speakers_in_one_paragraph_stay_apart():
    text = '"Hi," said Tom. "Hello," said Ann.\n'
    assert quotes_of(text) == [['"Hi,"'], ['"Hello,"']]


def test_narration_that_starts_a_new_sentence_leads_into_a_new_speech():
    text = '"When does the ferry leave? Ask the driver." And she replied, "At noon."\n'
    assert quotes_of(text) == [['"When does the ferry leave? Ask the driver."'], ['"At noon."']]
    # a tag inside the sentence still joins the pieces of one speech
    assert len(quotes_of('"Stop!" he cried, "you will wake them."\n')) == 1


def test_a_coordinated_tag_between_pieces_starts_a_new_speech():
    text = '"They have one like that", and Tony would say, "Mine is older."\n'
    assert quotes_of(text) == [['"They have one like that"'], ['"Mine is older."']]


def test_a_second_speaker_cutting_in_starts_a_new_speech():
    text = '"Peyton..." Lucas murmured, and Peyton interrupted. "Wait, I need to leave."\n'
    assert quotes_of(text) == [['"Peyton..."'], ['"Wait, I need to leave."']]


def test_multi_paragraph_speech_continues_without_closing_mark():
    text = (
        '"The first part of a long story.\n'
        '"The second part goes on.\n'
        '"And that is all."\n'
        "Nobody spoke.\n"
    )
    assert quotes_of(text) == [[
        '"The first part of a long story.', '"The second part goes on.', '"And that is all."'
    ]]


def test_single_quotes_and_apostrophes():
    text = (
        "'I don't know,' said Tom. 'The boys' room is upstairs.'\n"
        "It's Tom's hat, and 'tis his.\n"
    )
    assert quotes_of(text) == [["'I don't know,'", "'The boys' room is upstairs.'"]]


def test_british_curly_single_quotes():
    text = "‘Where’s the car?’ asked Jo.\n‘Gone,’ said Ben.\nThey waited.\n"
    assert quotes_of(text) == [["‘Where’s the car?’"], ["‘Gone,’"]]


def test_unbalanced_quote_ends_at_its_paragraph():
    text = (
        '"This one never closes.\n'
        "The narrator goes on about the weather for a while.\n"
        '"Fine," said Kim.\n'
    )
    assert quotes_of(text) == [['"This one never closes.'], ['"Fine,"']]


def test_stray_closing_mark_does_not_crash_or_swallow():
    text = 'He left." Then rain.\n"Hello," she said.\n' + "Plain narration.\n" * 50
    assert quotes_of(text) == [['"Hello,"']]


def test_scare_quote_and_sign_are_not_speech():
    text = (
        'They called it the "clubhouse" for years.\n'
        'A sign reading "Staff Only" hung on the door.\n'
        '"Get out," she said.\n'
    )
    assert speech_flags(text) == [
        ('"clubhouse"', False), ('"Staff Only"', False), ('"Get out,"', True)
    ]


def test_empty_and_quote_free_text():
    assert quotes_of("") == []
    assert quotes_of("No dialogue here at all.\nNone.\n") == []


# -- attribution ---------------------------------------------------------------------------
STORY = (
    "Lucas walked into the gym. Peyton was already there, drawing.\n"
    '"You\'re late," Peyton said.\n'
    '"Traffic," he said. "Sorry."\n'
    '"Sure it was."\n'
    '"It was! Come on, Peyton, don\'t be like that."\n'
    "She laughed and put the pencil down.\n"
)
CHARACTERS = [
    GoldCharacter(0, "Lucas Scott", ["Lucas"], "M", "major"),
    GoldCharacter(1, "Peyton Sawyer", ["Peyton"], "F", "major"),
]


@pytest.fixture(scope="module")
def analysed() -> Work:
    from ficlens.nlp import spacy_stage
    from ficlens.quotes import run

    work = Work(STORY)
    spacy_stage.run(work)
    add_gold_characters(work, CHARACTERS)
    run(work)
    return work


def test_quote_layer_attributes(analysed: Work):
    quotes = analysed.layer("quotes")
    assert len(quotes) == 4
    for q in quotes:
        assert set(q.attrs) >= {
            "text", "speaker", "addressee", "type", "confidence", "speech", "parts"}
        assert analysed.text[q.start] == '"' and analysed.text[q.end - 1] == '"'
        assert 0.0 <= q["confidence"] <= 1.0


def test_explicit_pronoun_and_untagged_speakers(analysed: Work):
    quotes = analysed.layer("quotes")
    assert [q["type"] for q in quotes] == ["Explicit", "Anaphoric", "Implicit", "Implicit"]
    assert [q["speaker"] for q in quotes] == ["C1", "C0", "C1", "C0"]


def test_vocative_names_the_addressee(analysed: Work):
    last = analysed.layer("quotes")[-1]
    assert last["addressee"] == "C1"


def test_speech_tags_layer(analysed: Work):
    tags = analysed.layer("speech_tags")
    subjects = [(t["subject"], t["kind"]) for t in tags]
    assert ("Peyton", "name") in subjects
    assert ("he", "pronoun") in subjects
    assert all(analysed.layer("quotes")[t["quote"]].start < t.end for t in tags)


def test_without_characters_speakers_are_null():
    from ficlens.nlp import spacy_stage
    from ficlens.quotes import run

    work = Work('"Hi," said Tom.\n')
    spacy_stage.run(work)
    run(work)
    (quote,) = work.layer("quotes")
    assert quote["speaker"] is None and quote["type"] == "Explicit"


# -- conversation decoding -------------------------------------------------------------------
EXCHANGE = (
    "Brooke and Nathan had left an hour ago. Peyton sat on the porch and Lucas came up the "
    "steps.\n"
    '"You came back," Peyton said.\n'
    '"I did," Lucas said.\n'
    '"Why?"\n'
    '"Because I missed this town."\n'
    '"Just the town?"\n'
    '"Not just the town."\n'
    '"Good answer," she said, smiling.\n'
)
EXCHANGE_CHARACTERS = [
    *CHARACTERS,
    GoldCharacter(2, "Brooke Davis", ["Brooke"], "F", "minor"),
    GoldCharacter(3, "Nathan Scott", ["Nathan"], "M", "minor"),
]


@pytest.fixture(scope="module")
def exchange() -> Work:
    from ficlens.nlp import spacy_stage
    from ficlens.quotes import run

    work = Work(EXCHANGE)
    spacy_stage.run(work)
    add_gold_characters(work, EXCHANGE_CHARACTERS)
    run(work)
    return work


def test_untagged_exchange_alternates_between_anchors(exchange: Work):
    speakers = [q["speaker"] for q in exchange.layer("quotes")]
    assert speakers == ["C1", "C0", "C1", "C0", "C1", "C0", "C1"]


def test_viterbi_propagates_turns_from_a_confident_anchor():
    from ficlens.quotes.conversation import NEXT, NO_LINK, _viterbi

    sure, unsure = [("A", -0.01), ("B", -5.0)], [("A", -0.69), ("B", -0.70)]
    path = _viterbi([sure, unsure, unsure, unsure], [NO_LINK, NEXT, NEXT, NEXT])
    assert path == [0, 1, 0, 1]


def test_pronoun_tag_rules_out_the_other_gender():
    from ficlens.quotes.conversation import _gender_agreement
    from ficlens.quotes.reader import QuoteInfo
    from ficlens.quotes.tags import Tag

    class Ctx:
        gender = {"A": "m", "B": "f", "C": ""}

    info = QuoteInfo(quote=None, index=0, tags=[Tag(0, 0, 3, "she", "pronoun", "after", "she")])
    penalty = _gender_agreement(Ctx(), info, ["A", "B", "C"])
    assert penalty.tolist() == [QUOTES.wrong_gender_penalty, 0.0, 0.0]
    # no woman among them, but one of unknown gender: still not the man
    assert _gender_agreement(Ctx(), info, ["A", "C"]).tolist() == [QUOTES.wrong_gender_penalty, 0.0]
    assert _gender_agreement(Ctx(), info, ["A"]).tolist() == [0.0]
    # '"Thank you." Lucas whispered' after 'She said, smiling': the name decides
    info.rule_kind = "name"
    assert _gender_agreement(Ctx(), info, ["A", "B", "C"]).tolist() == [0.0, 0.0, 0.0]


def test_a_speech_of_several_paragraphs_is_not_the_narrators():
    from types import SimpleNamespace

    from ficlens.quotes.conversation import _tag_agreement
    from ficlens.quotes.reader import QuoteInfo

    ctx = SimpleNamespace(narrator="N", gender={"N": "m", "A": "m"},
                          first_person_tag=lambda info: False, narrator_at=lambda offset: "N")
    told = QuoteInfo(quote=SimpleNamespace(paragraph=4, last_paragraph=6, start=0), index=0,
                     tags=[])
    said = QuoteInfo(quote=SimpleNamespace(paragraph=4, last_paragraph=5, start=0), index=1,
                     tags=[])
    assert _tag_agreement(ctx, told, ["N", "A"]).tolist() == [QUOTES.wrong_gender_penalty, 0.0]
    assert _tag_agreement(ctx, said, ["N", "A"]).tolist() == [0.0, 0.0]


def test_a_told_story_broken_off_is_taken_up_by_its_teller():
    from types import SimpleNamespace

    from ficlens.quotes.conversation import _resumed_stories
    from ficlens.quotes.reader import QuoteInfo

    def info(k: int, paragraph: int, paragraphs: int, rule_kind: str = "") -> QuoteInfo:
        quote = SimpleNamespace(paragraph=paragraph, last_paragraph=paragraph + paragraphs - 1,
                                start=paragraph * 100)
        return QuoteInfo(quote=quote, index=k, rule_kind=rule_kind)

    # Small tells a story, Holmes says "Go on," and the next long speech is Small's again;
    # a long speech with a name tag, or one in another scene, keeps its own speaker.
    infos = [info(0, 1, 5), info(1, 7, 1), info(2, 8, 4), info(3, 20, 3, "name"),
             info(4, 40, 3)]
    ctx = SimpleNamespace(infos=infos, scene_start=lambda offset: 0 if offset < 3000 else 3000)
    cands = [["Small", "Holmes"]] * 5
    speakers = ["Small", "Holmes", "Holmes", "Jones", "Holmes"]
    assert _resumed_stories(ctx, cands, speakers) == {2: "Small"}


def test_sequence_update_matches_full_features(exchange: Work):
    import numpy as np

    from ficlens.quotes.attribute import candidate_rows, with_sequence
    from ficlens.quotes.context import StoryContext

    paragraphs = paragraph_bounds(exchange)
    ctx = StoryContext(exchange, paragraphs, find_quotations(exchange.text, paragraphs))
    cands, matrix, _sizes = candidate_rows(ctx)
    previous = [group[0] if group else None for group in cands]
    full_cands, full, _ = candidate_rows(ctx, previous)
    assert full_cands == cands
    assert np.array_equal(with_sequence(ctx, cands, matrix, previous), full)


_context = story_context


def _tags_of(text: str, characters: list[GoldCharacter]) -> list[list[tuple[str, str]]]:
    return [[(t.subject_text, t.kind) for t in info.tags]
            for info in _context(text, characters).infos]


def test_dash_joined_tags_are_read():
    # "said" is irregular: its past form is read from the story's own tokens ("Lucas said
    # nothing"), the regular ones ("cried") from the speech-verb lexicon.
    text = (
        "Lucas said nothing for a while.\n"
        '"Never"--said Lucas, "not in a hundred years."\n'
        '"Fine,"--cried Peyton, turning away.--"Be that way."\n'
        '"Wait"--said he, "please."\n'
    )
    assert _tags_of(text, CHARACTERS) == [
        [("Lucas", "name")], [("Peyton", "name")], [("he", "pronoun")]]


def test_description_that_is_a_characters_whole_name_is_a_name_tag():
    nanny = [*CHARACTERS, GoldCharacter(2, "Nanny", ["Nanny"], "F", "minor")]
    tags = _tags_of('"Eat up your supper," said nanny.\n', nanny)
    assert tags == [[("nanny", "name")]]


def _tag_characters(text: str, characters: list[GoldCharacter]) -> list[list[str | None]]:
    from ficlens.nlp import spacy_stage
    from ficlens.quotes.context import StoryContext

    work = Work(text)
    spacy_stage.run(work)
    add_gold_characters(work, characters)
    paragraphs = paragraph_bounds(work)
    ctx = StoryContext(work, paragraphs, find_quotations(work.text, paragraphs))
    return [[t.character for t in info.tags] for info in ctx.infos]


def test_name_glued_to_the_next_piece_is_still_the_tag():
    text = '"Mad!" screamed Peyton,--"absolutely mad!"\n'
    assert _tags_of(text, CHARACTERS) == [[("Peyton", "name")]]
    assert _tag_characters(text, CHARACTERS) == [["C1"]]


def test_description_with_an_article_names_the_character_called_so():
    cast = [*CHARACTERS, GoldCharacter(2, "The Landlady", ["The Landlady"], "F", "minor")]
    tags = _tags_of('"She has gone for a walk," said the landlady.\n', cast)
    assert tags == [[("the landlady", "name")]]


def test_shared_title_word_goes_to_the_character_called_just_that():
    cast = [
        *CHARACTERS,
        GoldCharacter(2, "The Detective", ["The Detective"], "M", "minor"),
        GoldCharacter(3, "The Detective Colleague", ["The Detective Colleague"], "M", "minor"),
    ]
    text = '"Good evening," said the senior detective.\n'
    assert _tag_characters(text, cast) == [["C2"]]


def test_a_list_of_names_in_a_quote_is_not_a_vocative():
    from ficlens.nlp import spacy_stage
    from ficlens.quotes.context import StoryContext

    work = Work('"We carried him in, Lucas, Peyton, and I," she said.\n"Peyton, come here."\n')
    spacy_stage.run(work)
    add_gold_characters(work, CHARACTERS)
    paragraphs = paragraph_bounds(work)
    ctx = StoryContext(work, paragraphs, find_quotations(work.text, paragraphs))
    assert [info.vocatives for info in ctx.infos] == [[], ["C1"]]


def test_narration_paragraph_leading_into_a_speech_is_its_tag():
    text = "Lucas turned to her and said:\n\"Stay.\"\nLucas sat down.\n\"Why?\"\n"
    assert _tags_of(text, CHARACTERS) == [[("Lucas", "name")], []]


def test_the_subject_of_coordinated_verbs_is_the_first_verbs_subject():
    text = (
        "Out of breath, Lucas ran to the gate where the two runaways stood "
        "shivering, put his coat around each of them, and said:\n\"Peyton! Brooke!\"\n"
    )
    assert _tag_characters(text, CHARACTERS) == [["C0"]]


def test_a_clause_opened_by_and_after_a_quotation_is_not_its_tag():
    text = 'Lucas said, "I have thought of something", and Peyton asked him questions.\n'
    assert _tag_characters(text, CHARACTERS) == [["C0"]]


def test_the_object_of_a_preposition_is_not_a_tags_subject():
    text = 'She sighed and, turning to Lucas, said, "Stay."\n'
    assert [kind for _subject, kind in _tags_of(text, CHARACTERS)[0]] != ["name"]


def test_first_person_tag_with_a_glued_full_stop():
    from ficlens.quotes.tags import FIRST_PERSON

    tags = _tags_of('"Take him away," said I.\nThe men closed in.\n', CHARACTERS)
    assert len(tags[0]) == 1 and tags[0][0][1] == "pronoun"
    assert tags[0][0][0].rstrip(".").lower() in FIRST_PERSON


def test_turns_count_paragraphs_and_anchor_named_speakers(exchange: Work):
    from ficlens.quotes.context import StoryContext
    from ficlens.quotes.exchanges import turns_and_anchors

    paragraphs = paragraph_bounds(exchange)
    ctx = StoryContext(exchange, paragraphs, find_quotations(exchange.text, paragraphs))
    turns, anchors = turns_and_anchors(ctx)
    assert [t for _run, t in turns] == [0, 1, 2, 3, 4, 5, 6]
    assert anchors[0][:2] == [(0, 0, "C1"), (1, 1, "C0")]


def test_sir_and_maam_say_who_is_addressed():
    from ficlens.nlp import spacy_stage
    from ficlens.quotes.context import StoryContext

    text = '"Yes, sir," said Peyton.\n"Thank you, ma\'am."\n"Mrs. Long says it is so."\n'
    work = Work(text)
    spacy_stage.run(work)
    add_gold_characters(work, CHARACTERS)
    paragraphs = paragraph_bounds(work)
    ctx = StoryContext(work, paragraphs, find_quotations(work.text, paragraphs))
    assert [info.addressed for info in ctx.infos] == ["m", "f", ""]


def test_exchange_features_count_tagged_lines_and_talked_about(exchange: Work):
    from ficlens.quotes.context import StoryContext
    from ficlens.quotes.features import FEATURES, FeatureBuilder

    paragraphs = paragraph_bounds(exchange)
    ctx = StoryContext(exchange, paragraphs, find_quotations(exchange.text, paragraphs))
    builder = FeatureBuilder(ctx)
    assert set(builder.tables.tagged_lines) == {"C0", "C1"}
    cands, rows = builder.rows(ctx.infos[2])
    setup = dict(zip(cands, (row[FEATURES.index("setup_count")] for row in rows), strict=True))
    assert setup["C1"] >= 1 and setup["C0"] >= 1  # both named in the opening narration


# -- backstory and stuck runs ------------------------------------------------------------------
BACKSTORY = (
    "Peyton waited on the bench. Lucas sat down beside her.\n"
    '"Hi," she said.\n'
    '"Hi," he said.\n'
    "He had read the letter twice. Brooke had simply shrugged, Haley shot him a glance, "
    "and Nathan smiled at his brother.\n"
    '"What are you doing here?" she asked.\n'
    '"Business," he said.\n'
)
BACKSTORY_CHARACTERS = [
    *EXCHANGE_CHARACTERS,
    GoldCharacter(4, "Haley James", ["Haley"], "F", "minor"),
]



def test_past_perfect_list_is_backstory():
    ctx = _context(BACKSTORY, BACKSTORY_CHARACTERS)
    backstory = {ctx.text[m.start : m.end]: m.backstory for m in ctx.mentions}
    assert backstory["Brooke"] and backstory["Haley"] and backstory["Nathan"]
    assert not backstory["Peyton"] and not backstory["Lucas"]


def test_pronoun_tag_means_who_acts_on_stage_not_who_is_remembered():
    ctx = _context(BACKSTORY, BACKSTORY_CHARACTERS)
    assert [info.rule_speaker for info in ctx.infos] == ["C1", "C0", "C1", "C0"]


def test_an_exchange_never_stays_with_one_speaker():
    """A ranker that prefers one speaker for every untagged line must still alternate:
    A, A, A earns no alternation bonus, only A, B, A does."""
    from ficlens.quotes.conversation import NEXT, NO_LINK, _viterbi

    line = [("A", -0.4), ("B", -1.7)]
    path = _viterbi([line] * 6, [NO_LINK] + [NEXT] * 5)
    assert all(path[t] != path[t - 1] for t in range(2, 6)), path


def test_exchange_run_profile(exchange: Work):
    from ficlens.quotes.context import StoryContext
    from ficlens.quotes.features import FeatureBuilder

    paragraphs = paragraph_bounds(exchange)
    ctx = StoryContext(exchange, paragraphs, find_quotations(exchange.text, paragraphs))
    previous = ["C1", "C0", "C1", "C0", "C1", "C0", "C1"]
    builder = FeatureBuilder(ctx, previous)
    profile = builder.tables.exchanges.profile(0)
    assert profile.gender_share("f") == 1.0  # the one pronoun tag says "she"
    # Inside the exchange only the two name tags are narration: "Peyton said", "Lucas said".
    assert profile.narration == {"C1": 1, "C0": 1} and profile.vocatives == {}


def test_scene_features_start_afresh_after_a_scene_break():
    from ficlens.document import Span
    from ficlens.nlp import spacy_stage
    from ficlens.quotes.context import StoryContext
    from ficlens.quotes.features import FEATURES, FeatureBuilder

    text = ('Lucas sat down.\n\n"Hi," said Lucas.\n\n* * *\n\n'
            'Peyton ran in.\n\n"Hey," said Peyton.\n')
    work = Work(text)
    spacy_stage.run(work)
    add_gold_characters(work, CHARACTERS)
    marker = text.index("* * *")
    work.add_layer("scene_breaks", [Span(marker, marker + 5, {})])
    paragraphs = paragraph_bounds(work)
    ctx = StoryContext(work, paragraphs, find_quotations(text, paragraphs))
    assert ctx.scene_start(text.index("Peyton ran")) == marker + 5
    assert ctx.scene_start(text.index("Lucas sat")) == 0
    builder = FeatureBuilder(ctx)
    cands, rows = builder.rows(ctx.infos[1])
    by_cand = {c: dict(zip(FEATURES, row, strict=True)) for c, row in zip(cands, rows, strict=True)}
    lucas, peyton = (c["id"] for c in work.tables["characters"][:2])
    assert by_cand[lucas]["scene_count"] == 0.0  # named only before the break
    assert by_cand[peyton]["scene_count"] > 0.0
    assert by_cand[peyton]["scene_quotes"] == 0.0  # the scene's first quotation


def test_a_relative_named_through_a_possessive_is_the_tag_subject():
    text = (
        '"What a strange question," said Peyton.\n\n'
        '"Peyton," returned her father, "it is a plain one."\n'
    )
    assert _tags_of(text, CHARACTERS)[1] == [("her father", "nominal")]


def test_speaker_model_is_an_ensemble_of_seeds():
    from ficlens.quotes.model import PASS1, PASS2, load_speaker_model, member_files

    for which in (PASS1, PASS2):
        model, names = load_speaker_model(which)
        assert len(member_files(which)) == len(model.boosters) > 1
        assert set(names) <= set(__import__("ficlens.quotes.features").quotes.features.FEATURES)


def test_a_candidate_model_is_read_from_its_own_folder(tmp_path, exchange: Work):
    """A candidate ensemble in another folder is scored without touching the shipped one:
    one member copied alone is a one-booster ensemble, and an empty folder is an error
    naming it."""
    import shutil

    from ficlens.errors import ModelError
    from ficlens.quotes.attribute import attribute
    from ficlens.quotes.context import StoryContext
    from ficlens.quotes.model import PASS1, PASS2, load_speaker_model, model_file

    for which in (PASS1, PASS2):
        shutil.copy(model_file(which), tmp_path / model_file(which).name)
    candidate, _names = load_speaker_model(PASS2, tmp_path)
    shipped, _names = load_speaker_model(PASS2)
    assert len(candidate.boosters) == 1 < len(shipped.boosters)
    paragraphs = paragraph_bounds(exchange)
    ctx = StoryContext(exchange, paragraphs, find_quotations(exchange.text, paragraphs))
    assert len(attribute(ctx, tmp_path)) == len(ctx.infos)
    with pytest.raises(ModelError, match=str(tmp_path / "empty")):
        load_speaker_model(PASS2, tmp_path / "empty")


def test_a_told_story_keeps_its_tellers_tags_only():
    # A speech of many paragraphs retells other dialogue: "said I" in its third paragraph is
    # the teller's own story, not a tag of the speech.
    text = (
        '"Go on," said Lucas.\n\n'
        '"Well, it was a long night, and I was cold.\n\n'
        '"We waited by the gate until the lantern went out.\n\n'
        '"Then we heard them, " Take him to the guard", said I. The men closed in.\n'
    )
    tags = _tags_of(text, CHARACTERS)
    assert tags[0] == [("Lucas", "name")]
    assert tags[1] == []



def test_a_description_tag_rules_out_the_other_gender():
    from types import SimpleNamespace

    from ficlens.quotes.conversation import _gender_agreement
    from ficlens.quotes.reader import QuoteInfo
    from ficlens.quotes.tags import Tag

    ctx = SimpleNamespace(gender={"A": "m", "B": "f"})
    uncle = QuoteInfo(quote=None, index=0, tags=[
        Tag(0, 0, 9, "her uncle", "nominal", "after")])
    assert _gender_agreement(ctx, uncle, ["A", "B"]).tolist() == [0.0, QUOTES.wrong_gender_penalty]


# -- relatives: "her father" is the Mr. who shares her surname ---------------------------------
FAMILY = (
    "Jane Bennet came down to breakfast. Mrs. Long had called, and Mr. Collins was in the "
    "garden.\n"
    '"You are late, my dear," cried her father.\n'
    '"She is never late," said her mother.\n'
    '"Not by much," returned his wife\'s friend.\n'
)
FAMILY_CHARACTERS = [
    GoldCharacter(0, "Jane Bennet", ["Jane", "Miss Bennet"], "F", "major"),
    GoldCharacter(1, "Mr. Bennet", [], "M", "major"),
    GoldCharacter(2, "Mrs. Bennet", [], "F", "major"),
    GoldCharacter(3, "Mrs. Long", [], "F", "minor"),
    GoldCharacter(4, "Mr. Collins", [], "M", "minor"),
]


def test_her_father_is_the_mr_who_shares_her_surname():
    ctx = _context(FAMILY, FAMILY_CHARACTERS)
    # "his wife's friend" names no one the story can pin down: left to the decoder
    assert [info.rule_speaker for info in ctx.infos] == ["C1", "C2", None]


def _kin_mentions(text: str, characters: list[GoldCharacter]) -> list[tuple[str, str]]:
    ctx = _context(text, characters)
    return [(ctx.text[m.start : m.end], m.character) for m in ctx.mentions if m.kin]


def test_a_parent_in_the_narration_is_a_mention_and_a_candidate():
    from ficlens.quotes.features import candidates

    text = ("Jane Bennet went to the library, where her father sat reading.\n"
            '"Come in, child. Is it true?"\n')
    ctx = _context(text, FAMILY_CHARACTERS)
    assert [(ctx.text[m.start : m.end], m.character) for m in ctx.mentions if m.kin] == [
        ("her father", "C1")]
    assert "C1" in candidates(ctx, ctx.infos[0])
    assert ctx.mention_at(0, len(text)) == "C0"  # a name tag is never a "her father"


MARRIED = [
    GoldCharacter(0, "Louisa Bounderby", ["Louisa", "Mrs. Bounderby", "Louisa Gradgrind"], "F",
                  "major"),
    GoldCharacter(1, "Josiah Bounderby", ["Mr. Bounderby"], "M", "major"),
    GoldCharacter(2, "Thomas Gradgrind", ["Mr. Gradgrind"], "M", "major"),
]


def test_a_married_womans_father_has_the_name_she_was_born_with():
    text = ("Louisa sat down. Her father came in; her husband did not.\n"
            '"Well?" he asked.\n')
    assert _kin_mentions(text, MARRIED) == [("Her father", "C2"), ("her husband", "C1")]


def test_his_lady_is_his_wife_and_her_sister_is_no_mrs():
    text = ('Mr. Bennet looked up. "My dear," said his lady.\n'
            'Jane Bennet frowned. "Hush," said her sister.\n')
    ctx = _context(text, FAMILY_CHARACTERS)
    # "her sister" could be any Bennet girl; Mrs. Bennet, a "Mrs.", is none of them
    assert [info.rule_speaker for info in ctx.infos] == ["C2", None]
    assert _kin_mentions(text, FAMILY_CHARACTERS) == [("his lady", "C2")]


def test_a_noun_the_parser_takes_for_an_adjective_is_the_tags_subject():
    cast = [GoldCharacter(0, "Mr. James Harthouse", ["The Stranger"], "M", "major"),
            GoldCharacter(1, "Mrs. Sparsit", [], "F", "major")]
    text = ('Mrs. Sparsit looked up.\n"Excuse my curiosity," pursued the stranger, fluttering '
            'over her eyebrows, "but you know the family."\n')
    assert _tags_of(text, cast) == [[("the stranger", "name")]]


def test_a_title_two_characters_share_is_the_one_named_last():
    cast = [GoldCharacter(0, "Duchess Of Harley", [], "F", "minor"),
            GoldCharacter(1, "Duchess Of Monmouth", ["Gladys"], "F", "major"),
            GoldCharacter(2, "Lord Henry", [], "M", "major")]
    text = ("The Duchess of Harley came in with Lord Henry.\n"
            '"How late it is," warbled the duchess.\n'
            "\n* * *\n\n"
            "Gladys sat with Lord Henry in the conservatory.\n"
            '"Late again," said the duchess.\n')
    assert [info.rule_speaker for info in _context(text, cast).infos] == ["C0", "C1"]


def test_the_one_a_tag_addresses_can_own_the_relative():
    cast = [*MARRIED, GoldCharacter(3, "Mrs. Gradgrind", [], "F", "major")]
    text = 'The door opened.\n"Mrs. Gradgrind," said her husband, "what do you mean?"\n'
    assert [info.rule_speaker for info in _context(text, cast).infos] == ["C2"]



def test_sequence_update_in_place_matches_full_features(exchange: Work):
    import numpy as np

    from ficlens.quotes.attribute import candidate_rows, with_sequence
    from ficlens.quotes.context import StoryContext

    paragraphs = paragraph_bounds(exchange)
    ctx = StoryContext(exchange, paragraphs, find_quotations(exchange.text, paragraphs))
    cands, matrix, _sizes = candidate_rows(ctx)
    previous = [group[-1] if group else None for group in cands]
    _, full, _ = candidate_rows(ctx, previous)
    assert with_sequence(ctx, cands, matrix, previous, in_place=True) is matrix
    assert np.array_equal(matrix, full)
