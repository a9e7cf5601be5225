"""The coref stage on small stories written for these tests.

The characters and quotes layers are built here by hand (names found by regex, speakers
given), so the tests exercise the coref stage alone on real spaCy parses.
"""

from __future__ import annotations

import re
from types import SimpleNamespace

import numpy as np
import pytest

from ficlens.coref import run
from ficlens.coref.cluster_rules import GenderVotes
from ficlens.coref.link import cluster
from ficlens.coref.mentions import PRON
from ficlens.coref.stage import gather
from ficlens.document import Span, Work
from ficlens.pipeline import analyze


def build(
    text: str,
    characters: dict[str, tuple[str, str]],
    quotes: list[tuple[str | None, str | None]] | None = None,
) -> Work:
    """A parsed work with a ``mentions`` layer for ``{name: (id, gender)}`` and, if given,
    a ``quotes`` layer whose n-th quotation has speaker/addressee ``quotes[n]``."""
    work = Work(text=text)
    analyze(work, ["segment", "nlp"])
    spans = [
        Span(m.start(), m.end(), {"character": cid, "kind": "proper"})
        for name, (cid, _g) in characters.items()
        for m in re.finditer(rf"\b{re.escape(name)}\b", text)
    ]
    work.add_layer("mentions", spans)
    work.set_table("characters", [
        {"id": cid, "name": name, "gender": gender} for name, (cid, gender) in characters.items()
    ])
    if quotes is not None:
        found = list(re.finditer(r"\"[^\"]*\"", text))
        assert len(found) == len(quotes)
        work.add_layer("quotes", [
            Span(m.start(), m.end(), {"speaker": s, "addressee": a, "speech": True})
            for m, (s, a) in zip(found, quotes, strict=True)
        ])
    run(work)
    return work


def resolved(work: Work, before: str, pronoun: str, nth: int = 0) -> str | None:
    """Character of the ``nth`` occurrence of ``pronoun`` right after the text ``before``."""
    anchor = [m.end() for m in re.finditer(re.escape(before), work.text)][nth]
    for span in work.layer("coref"):
        if span.start >= anchor and span["pronoun"] == pronoun:
            return span["character"]
    raise AssertionError(f"no {pronoun!r} after {before!r}")


FIRST_PERSON = (
    "My name is Jess Carter, and I hate hospitals.\n\n"
    "Mark was waiting for me outside the ward. He looked tired.\n\n"
    "\"You came,\" he said.\n\n"
    "\"Of course I came,\" I said. \"You called me.\"\n\n"
    "He smiled at me, and I sat down beside him.\n"
)


def test_first_person_story() -> None:
    work = build(
        FIRST_PERSON,
        {"Jess Carter": ("C0", "F"), "Mark": ("C1", "M")},
        quotes=[("C1", "C0"), ("C0", "C1"), ("C0", "C1")],
    )
    assert resolved(work, "My name is Jess Carter, and ", "i") == "C0"
    assert resolved(work, "waiting for ", "me") == "C0"
    assert resolved(work, "outside the ward. ", "he") == "C1"
    assert resolved(work, '"', "you") == "C0"  # addressee of Mark's line
    assert resolved(work, '"Of course ', "i") == "C0"  # speaker
    assert resolved(work, '"You called ', "me") == "C0"
    assert resolved(work, "He smiled at ", "me") == "C0"
    assert resolved(work, "beside ", "him") == "C1"
    narration_i = [s for s in work.layer("coref") if s["pronoun"] == "i" and not s["in_quote"]]
    assert narration_i and all(s["character"] == "C0" for s in narration_i)


SLASH = (
    "Bram parked the car outside the motel and killed the engine.\n\n"
    "Aldric was already waiting by the door. He had his hands buried in the pockets of "
    "his coat.\n\n"
    "Bram walked over to him and took the key from his fingers. Aldric followed him "
    "inside.\n"
)


def test_slash_story_two_he_leads() -> None:
    work = build(SLASH, {"Bram": ("C0", "M"), "Aldric": ("C1", "M")})
    # both leads are "he": recency and subject continuity pick Aldric here
    assert resolved(work, "waiting by the door. ", "he") == "C1"
    assert resolved(work, "He had ", "his") == "C1"
    # an object pronoun is never the subject of its own verb (binding): not Bram ...
    assert resolved(work, "Bram walked over to ", "him") == "C1"
    # ... nor Aldric, even though every recent "he" is Aldric
    assert resolved(work, "Aldric followed ", "him") == "C0"



def test_a_first_person_object_may_be_its_own_verbs_subject() -> None:
    # binding keeps "him" from Bram, but "I ... upon me" is one narrator
    text = (
        "I walked to the pier at dawn. I felt the wind so cold upon me that I turned back. "
        "Nobody came near me.\n"
    )
    work = build(text, {})
    chains = {s["chain"] for s in work.layer("coref") if s["pronoun"] in ("i", "me")}
    assert len(chains) == 1

DIALOGUE = (
    "Corin leaned on the counter. Maren did not look up from her sketchbook.\n\n"
    "\"I need you to come to the game,\" he said.\n\n"
    "\"You need a lot of things.\"\n"
)


def test_in_quote_i_and_you_follow_the_quotes_layer() -> None:
    work = build(
        DIALOGUE,
        {"Corin": ("C0", "M"), "Maren": ("C1", "F")},
        quotes=[("C0", "C1"), ("C1", "C0")],
    )
    assert resolved(work, '"', "i") == "C0"
    assert resolved(work, '"I need ', "you") == "C1"
    assert resolved(work, "\n\n\"", "you", nth=1) == "C0"
    assert resolved(work, "from ", "her") == "C1"
    in_quote = {s["pronoun"]: s["in_quote"] for s in work.layer("coref")}
    assert in_quote["i"] is True and in_quote["her"] is False


def test_layer_attributes_and_unresolvable_pronouns() -> None:
    work = build("They said it would rain. She did not believe them.\n", {})
    layer = work.layer("coref")
    assert [s["pronoun"] for s in layer] == ["they", "she", "them"]
    for span in layer:
        assert set(span.attrs) == {
            "pronoun", "character", "confidence", "in_quote", "chain", "person"
        }
        assert span["character"] is None
        assert 0.0 <= span["confidence"] <= 1.0
        assert work.text[span.start : span.end].lower() == span["pronoun"]


def test_a_they_that_neither_refers_back_nor_is_referred_to_is_no_person() -> None:
    work = build("Anna picked the apples. They were ripe and sweet.\n", {"Anna": ("C0", "F")})
    they = next(s for s in work.layer("coref") if s["pronoun"] == "they")
    assert they["person"] is False and they["character"] is None


def test_chapter_numerals_are_not_pronouns() -> None:
    work = build("CHAPTER I\n\nI walked home with Anna.\n", {"Anna": ("C0", "F")})
    starts = [s.start for s in work.layer("coref")]
    assert starts == [work.text.index("I walked")]


def test_a_numeral_opening_a_heading_is_not_a_pronoun() -> None:
    text = "I The Old Family\n\nHalfway down the street I saw Anna. I Will Survive was playing.\n"
    work = build(text, {"Anna": ("C0", "F")})
    starts = [s.start for s in work.layer("coref") if s["pronoun"] == "i"]
    assert starts == [text.index("I saw"), text.index("I Will")]


def test_a_possessor_is_resolved_before_the_phrase_it_opens() -> None:
    # were "her aunt" resolved first and joined Ilse, the possessor "her" could no longer
    # be Ilse (a possessor is never what it possesses), nor could the "she"s after it
    text = "Ilse was tired. She only sighed when her aunt drove away.\n"
    work = build(text, {"Ilse": ("C0", "F")})
    rows, roles = gather(work)
    at = text.index("her aunt")
    opening = [
        (row[1] - row[0], role) for row, role in zip(rows, roles, strict=True) if row[0] == at
    ]
    assert opening == [(3, "pronoun"), (len("her aunt"), "nominal")]
    assert [s["character"] for s in work.layer("coref")] == ["C0", "C0"]


def test_pronouns_in_authors_notes_are_skipped() -> None:
    text = "A/N: I hope you like this chapter!\n\nMaya opened the door. She smiled.\n"
    work = build(text, {"Maya": ("C0", "F")})
    notes = work.layer("notes")
    if not notes:
        pytest.skip("the segment stage marked no author's note here")
    assert all(not n.overlaps(s.start, s.end) for n in notes for s in work.layer("coref"))
    assert resolved(work, "opened the door. ", "she") == "C0"


def test_plural_they_is_not_one_of_the_characters() -> None:
    text = "Mark and Jess walked to the car in silence. They were late again.\n"
    work = build(text, {"Mark": ("C0", "M"), "Jess": ("C1", "F")})
    assert resolved(work, "in silence. ", "they") is None


NOMINALS = (
    "Tom walked up the hill to the farm. The old woman was sitting on the porch, shelling "
    "peas into a bowl.\n\n"
    "She looked up when she heard the gate. The woman did not smile.\n\n"
    "Tom sat down on the step. His wife had sent him with a basket of bread, and he set it "
    "down beside the door.\n"
)


def nominal(work: Work, phrase: str) -> Span:
    for span in work.layer("nominal_mentions"):
        if work.text[span.start : span.end] == phrase:
            return span
    raise AssertionError(f"no nominal mention {phrase!r}")


def test_nominal_mentions_link_to_their_pronouns_and_repeats() -> None:
    work = build(NOMINALS, {"Tom": ("C0", "M")})
    old_woman = nominal(work, "The old woman")
    assert old_woman["gender"] == "f" and old_woman["character"] is None
    # "she" and the repeated "the woman" join the old woman's chain, not Tom's
    she = next(s for s in work.layer("coref") if s["pronoun"] == "she")
    assert she["character"] is None and she["chain"] == old_woman["chain"]
    assert nominal(work, "The woman")["chain"] == old_woman["chain"]
    # "his wife" is somebody else than the "he" of her sentence (and than Tom)
    wife = nominal(work, "His wife")
    he = next(s for s in work.layer("coref") if s["pronoun"] == "he")
    assert he["character"] == "C0"
    assert wife["gender"] == "f" and wife["character"] != "C0"
    assert wife["chain"] not in (he["chain"], old_woman["chain"])
    for span in work.layer("nominal_mentions"):
        assert set(span.attrs) == {"text", "gender", "character", "confidence", "in_quote",
                                   "chain"}
        assert 0.0 <= span["confidence"] <= 1.0


def test_nominal_phrases_follow_litbank_boundaries() -> None:
    text = (
        "The doctor and his young wife arrived at noon. A stranger who had followed them "
        "waited at the prince's gate.\n"
    )
    work = build(text, {})
    phrases = {work.text[s.start : s.end] for s in work.layer("nominal_mentions")}
    assert {"The doctor", "his young wife", "A stranger who had followed them",
            "the prince"} <= phrases


def test_we_and_us_are_a_group_never_one_character() -> None:
    text = "Anna met Ben at the station. We took the last train home, she told us later.\n"
    work = build(text, {"Anna": ("C0", "F"), "Ben": ("C1", "M")})
    group = [s for s in work.layer("coref") if s["pronoun"] in ("we", "us")]
    assert [s["pronoun"] for s in group] == ["we", "us"]
    assert all(s["character"] is None for s in group)


def test_nominal_boundaries_leave_out_adverbs_around_the_phrase() -> None:
    text = (
        "She had never met such a patient man. Even the prince waited, and a child here "
        "would have cried.\n"
    )
    work = build(text, {})
    phrases = {work.text[s.start : s.end] for s in work.layer("nominal_mentions")}
    # LitBank keeps predeterminers ("such a man", "all the boys") inside the phrase
    assert {"such a patient man", "the prince", "a child"} <= phrases


def test_a_comma_sets_a_clause_off_the_nominal_phrase() -> None:
    text = (
        "The captain, who had sailed for years, spoke to somebody else. "
        "The sailor, in a low voice, said no.\n"
    )
    work = build(text, {})
    phrases = {work.text[s.start : s.end] for s in work.layer("nominal_mentions")}
    # LitBank keeps a person's relative clause even after a comma (its maximal span), but
    # not a phrase a comma sets off
    assert {"The captain, who had sailed for years", "somebody else", "The sailor"} <= phrases


def test_nobody_and_everyone_refer_to_no_one_in_particular() -> None:
    text = "Nobody came. Nobody called. Everyone was asleep and everyone dreamt.\n"
    work = build(text, {})
    chains = [s.get("chain") for s in work.layer("nominal_mentions")]
    assert len(chains) == 4 and len(set(chains)) == 4


def test_quantities_of_people_count_and_abstract_senses_do_not() -> None:
    text = (
        "A party of men rode past. In her youth she had known the rest of them, "
        "and her figure was still slight.\n"
    )
    work = build(text, {})
    phrases = {work.text[s.start : s.end] for s in work.layer("nominal_mentions")}
    assert {"A party of men", "the rest of them"} <= phrases
    assert "her youth" not in phrases and "her figure" not in phrases


def test_people_described_by_who_or_counted_of_people_are_nominal_mentions() -> None:
    text = (
        "The dealer who sold Nora the lamp had gone. Some of them said he had left town, "
        "and those who knew him best said nothing.\n"
    )
    work = build(text, {"Nora": ("C0", "F")})
    phrases = {work.text[s.start : s.end] for s in work.layer("nominal_mentions")}
    assert "The dealer who sold Nora the lamp" in phrases
    assert "Some of them" in phrases
    assert any(p.startswith("those who") for p in phrases)
    assert not any(p.startswith("the lamp") for p in phrases)


def test_a_vocative_in_a_quote_is_its_addressee() -> None:
    text = (
        "Ellen found Sam on the porch after dark, staring at the road.\n\n"
        "\"Come inside, son,\" she said.\n"
    )
    work = build(text, {"Ellen": ("C0", "F"), "Sam": ("C1", "M")}, quotes=[("C0", "C1")])
    assert nominal(work, "son")["character"] == "C1"
    assert nominal(work, "son")["in_quote"] is True


def test_a_possessor_is_never_the_person_it_possesses() -> None:
    text = (
        "Ellen came home late. Her daughter was asleep on the sofa, and Ellen covered her "
        "with a blanket.\n"
    )
    work = build(text, {"Ellen": ("C0", "F")})
    daughter = nominal(work, "Her daughter")
    possessor = next(s for s in work.layer("coref") if s["pronoun"] == "her")
    assert possessor["character"] == "C0"
    assert daughter["character"] != "C0" and daughter["chain"] != possessor["chain"]


THIRD_LIMITED = (
    "Maren pulled her hood up against the rain and walked faster. She could still hear "
    "the argument in her head.\n\n"
    "At the corner she passed Mrs. Daley's bakery, where the old baker was pulling down "
    "the shutters. Maren did not stop. She wanted to be home before Corin called.\n\n"
    "She let herself in, dropped her bag and sat on the stairs in the dark.\n"
)


def test_the_focal_character_is_the_default_she_of_a_third_limited_scene() -> None:
    work = build(
        THIRD_LIMITED,
        {"Maren": ("C0", "F"), "Mrs. Daley": ("C1", "F"), "Corin": ("C2", "M")},
    )
    assert resolved(work, "At the corner ", "she") == "C0"
    assert resolved(work, "Maren did not stop. ", "she") == "C0"
    assert resolved(work, "before Corin called.\n\n", "she") == "C0"
    assert resolved(work, "dropped ", "her") == "C0"


def test_a_guess_from_the_quotes_stage_gives_way_to_a_surer_ranker() -> None:
    from ficlens.coref.link import cluster

    fixed = ["C0", "C1", "C1", "C0"]
    shares = {2: {0: 0.9, 1: 0.1}, 3: {1: 0.8, 0: 0.2}}
    # mention 2 was given C1 with confidence 0.5: the ranker's 0.9 for C0 wins
    # mention 3 was given C0 with confidence 0.95: the ranker's 0.8 for C1 does not
    labels = cluster(4, {}, float("-inf"), fixed, overrule=({2: 0.5, 3: 0.95}, shares))
    assert labels == ["C0", "C1", "C0", "C0"]


def test_each_anaphor_is_also_scored_against_having_no_antecedent() -> None:
    import numpy as np

    from ficlens.coref.features import ANAPHOR_COLUMNS, FEATURE_NAMES, dummy_features
    from ficlens.coref.mentions import build_table

    work = Work(text="Tom came in. He sat down.\n")
    analyze(work, ["segment", "nlp"])
    table = build_table([(0, 3, "proper", "m", "C0"), (13, 15, "pron", None, None)],
                        work.text, work.layer("tokens"), [])
    rows = dummy_features(table, np.array([1]))
    values = dict(zip(FEATURE_NAMES, rows[0].tolist(), strict=True))
    assert values["is_dummy"] == 1.0 and values["a_kind"] == 0.0
    assert all(values[name] == -1.0 for name in FEATURE_NAMES if name not in ANAPHOR_COLUMNS)


def test_the_narrations_you_addresses_the_reader_not_a_character() -> None:
    text = (
        "Tom walked into the town. He was tired, and he was hungry. He sat down by the well "
        "and he looked at the houses. He was alone. He had walked for days, and his feet "
        "hurt him. You would have pitied him. He drank. You know how it is.\n"
    )
    work = build(text, {"Tom": ("C0", "m")})
    yous = [s for s in work.layer("coref") if s.get("pronoun") == "you"]
    assert len(yous) == 2 and yous[0].get("chain") != yous[1].get("chain")


def test_a_story_told_in_the_second_person_keeps_you_as_one_entity() -> None:
    text = "You open the door. You look at the room, and you sit down. Then you sleep.\n"
    work = build(text, {})
    chains = {s.get("chain") for s in work.layer("coref") if s.get("pronoun") == "you"}
    assert len(chains) == 1


def test_a_tag_subject_may_take_the_speaker_the_quotes_stage_gave_the_line() -> None:
    from dataclasses import replace

    from ficlens.coref.config import DEFAULT

    text = (
        "Bram and Aldric sat by the fire. Aldric poked the logs with a stick.\n\n"
        "\"It's late,\" he said.\n"
    )
    cast = {"Bram": ("C0", "M"), "Aldric": ("C1", "M")}
    work = build(text, cast, [("C0", "C1")])
    tag = text.index("he said")
    work.add_layer("speech_tags", [Span(tag, tag + len("he said"), {
        "quote": 0, "verb": "said", "subject": "he", "kind": "pronoun"})])
    run(work)  # on by default
    assert resolved(work, "late,\" ", "he") == "C0"
    run(work, replace(DEFAULT, tag_speaker_confidence=0.0))  # off: the ranker alone
    assert resolved(work, "late,\" ", "he") == "C1"


def test_a_role_given_with_as_belongs_to_the_named_character() -> None:
    work = build(
        "Mara paced the hall. She had named Tobin as her guardian, and she regretted it. "
        "Oswin, as the king, chose Della as his heir.",
        {"Mara": ("C0", "F"), "Tobin": ("C1", "M"), "Oswin": ("C2", "M"), "Della": ("C3", "F")},
    )
    roles = {work.text[s.start : s.end]: s["character"] for s in work.layer("nominal_mentions")}
    assert roles["her guardian"] == "C1"  # the object named before the "as" phrase
    assert roles["the king"] == "C2"  # no object before it: the subject
    assert roles["his heir"] == "C3"
    assert resolved(work, "and ", "she") == "C0"


def test_a_subject_she_takes_the_character_named_since_an_unnamed_epithet() -> None:
    work = build(
        "Tomas watched the small girl in the red coat.\n\n"
        "Climbing the wall was nothing she had not done before. What Nell was trying to work "
        "out was why the gate had closed. She wondered about it. She shot her rope at the post.",
        {"Tomas": ("C0", "M"), "Nell": ("C1", "F")},
    )
    assert resolved(work, "was nothing ", "she") is None  # before the name: the epithet's
    assert resolved(work, "had closed. ", "she") == "C1"
    assert resolved(work, "about it. ", "she") == "C1"


def test_a_he_does_not_join_an_entity_its_she_pronouns_made_a_woman() -> None:
    # mentions 0-3: "she" x4 chained; mention 4: a "he" whose best candidate is the last "she"
    genders = [2, 2, 2, 2, 1]
    table = SimpleNamespace(kind=np.full(5, PRON), person=np.full(5, 3), gender=np.array(genders))
    ranked = {1: [(0, 1.0)], 2: [(1, 1.0)], 3: [(2, 1.0)], 4: [(3, 2.0), (0, 1.0)]}
    votes = GenderVotes(table)
    labels = cluster(5, ranked, 0.0, agrees=votes.agrees, taken=votes.taken)
    assert labels[:4] == ["new-0"] * 4
    assert labels[4] == "new-4"  # every candidate is of the woman's entity
    two_votes = {1: [(0, 1.0)], 2: [(1, 2.0)]}
    votes = GenderVotes(SimpleNamespace(kind=table.kind[:3], person=table.person[:3],
                                        gender=np.array([2, 2, 1])))
    assert cluster(3, two_votes, 0.0, agrees=votes.agrees, taken=votes.taken)[2] == "new-0"


def test_a_he_in_a_quote_is_not_its_speaker() -> None:
    work = build(
        'Tom waved at Sam across the yard. Then Tom sat down with Ann. "He looks tired," Tom '
        'said. "I think he works too hard."',
        {"Tom": ("C0", "M"), "Sam": ("C1", "M"), "Ann": ("C2", "F")},
        quotes=[("C0", "C2"), ("C0", "C2")],
    )
    assert resolved(work, 'Ann. "', "he") == "C1"
    assert resolved(work, "I think ", "he") == "C1"
    assert resolved(work, 'said. "', "i") == "C0"


def test_a_person_noun_a_name_modifies_is_that_character() -> None:
    work = build(
        "Nell frowned at the map. \"So this Marlo guy steals the power plant, and nobody "
        "stops him?\"",
        {"Nell": ("C0", "F"), "Marlo": ("C1", "M")},
        quotes=[("C0", None)],
    )
    roles = {work.text[s.start : s.end]: s["character"] for s in work.layer("nominal_mentions")}
    assert roles["this Marlo guy"] == "C1"
    assert resolved(work, "nobody stops ", "him") == "C1"
