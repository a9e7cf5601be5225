"""Relations stage on small hand-made stories with hand-made upstream layers."""

from __future__ import annotations

import re

import pytest

import ficlens.coref.readings as referents
import ficlens.relations as relations
import ficlens.valence as valence
from ficlens.coref.readings import binary_gender, read_references
from ficlens.document import Span, Work
from ficlens.relations.pairing import ao3_name, category

Cast = dict[str, tuple[str, list[str]]]


def run(work: Work) -> None:
    """The relations stage and the stages it reads, over the hand-made upstream layers."""
    for stage in (referents.STAGE, valence.STAGE, relations.STAGE):
        stage(work)


def build_work(text: str, cast: Cast, lines: list[tuple[str, str | None]]) -> Work:
    """A Work with the layers the characters and quotes stages would add.

    ``cast`` maps an id to (gender, names, the first being the canonical one); every
    name occurrence becomes a mention; the n-th double-quoted stretch becomes a speech
    quote with the n-th (speaker, addressee) of ``lines``.
    """
    work = Work(text)
    work.set_table(
        "characters",
        [
            {"id": cid, "name": names[0], "aliases": names[1:], "gender": g, "mentions": 0}
            for cid, (g, names) in cast.items()
        ],
    )
    mentions, taken = [], set()
    by_length = sorted(
        ((n, cid) for cid, (_, names) in cast.items() for n in names), key=lambda x: -len(x[0])
    )
    for name, cid in by_length:
        for m in re.finditer(rf"\b{re.escape(name)}\b", text):
            if not taken & set(range(m.start(), m.end())):
                taken |= set(range(m.start(), m.end()))
                mentions.append(Span(m.start(), m.end(), {"character": cid, "kind": "proper"}))
    work.add_layer("mentions", mentions)
    quote_spans = list(re.finditer(r'"[^"]*"', text))
    assert len(quote_spans) == len(lines), "one (speaker, addressee) per quote"
    work.add_layer(
        "quotes",
        [
            Span(m.start(), m.end(), {"speaker": s, "addressee": a, "speech": True})
            for m, (s, a) in zip(quote_spans, lines, strict=True)
        ],
    )
    return work


def relation(work: Work, a: str, b: str) -> dict:
    source, target = sorted((a, b))
    for row in work.tables["relationships"]:
        if (row["source"], row["target"]) == (source, target):
            return row
    raise AssertionError(f"no relationship {a}-{b}")


def types(row: dict) -> set[str]:
    return {t["type"] for t in row["types"]}


ROMANCE = (
    "Keith Scott read the paper at the kitchen table. His wife, Karen, poured the coffee "
    "and went back upstairs.\n\n"
    "Lucas found Peyton by the river.\n\n"
    '"You came," Peyton said.\n\n'
    '"I always come back," Lucas said.\n\n'
    '"Why?"\n\n'
    '"Because I love you."\n\n'
    "Peyton kissed him. They walked home holding hands, and Lucas kissed her again at the "
    "door.\n\n"
    '"Goodnight, Lucas."\n\n'
    '"Goodnight."'
)
ROMANCE_CAST: Cast = {
    "C0": ("male", ["Lucas"]),
    "C1": ("female", ["Peyton"]),
    "C2": ("male", ["Keith Scott", "Keith"]),
    "C3": ("female", ["Karen"]),
}
ROMANCE_LINES = [("C1", "C0"), ("C0", "C1"), ("C1", "C0"), ("C0", "C1"), ("C1", "C0"),
                 ("C0", "C1")]  # fmt: skip


def test_leads_in_love_beat_a_quiet_married_couple() -> None:
    work = build_work(ROMANCE, ROMANCE_CAST, ROMANCE_LINES)
    run(work)
    assert work.tables["pairing"] == ["C0", "C1"]
    detail = work.tables["pairing_detail"]
    assert detail["ao3"] == "Lucas/Peyton"
    assert detail["kind"] == "romantic"
    leads, parents = relation(work, "C0", "C1"), relation(work, "C2", "C3")
    assert {"romantic"} <= types(leads)
    assert types(parents) == {"married"}
    assert leads["romance_score"] > 3 * parents["romance_score"] > 0
    assert leads["lines"] == 6 and leads["exchanges"] == 5
    # the married side couple is too small a share of the romance to change the category
    assert detail["category"] == "F/M"


def test_kiss_with_pronouns_resolves_by_gender_salience() -> None:
    work = build_work(ROMANCE, ROMANCE_CAST, ROMANCE_LINES)
    run(work)
    kisses = [t for t in relation(work, "C0", "C1")["types"] if t["type"] == "romantic"]
    assert kisses[0]["count"] >= 3  # "I love you", two kisses, holding hands
    start, end = kisses[0]["evidence"]
    assert work.text[start:end] == "I love you"


def test_i_love_you_without_addressee_goes_to_the_other_speaker() -> None:
    lines = [(s, None) for s, _ in ROMANCE_LINES]
    work = build_work(ROMANCE, ROMANCE_CAST, lines)
    run(work)
    cues = {t["cue"] for t in relation(work, "C0", "C1")["types"]}
    assert "I love you" in cues


PLATONIC = (
    "Maya dropped her bag on Jess's bed.\n\n"
    '"You look terrible," Jess said.\n\n'
    '"Thanks. Chemistry test."\n\n'
    '"Want help?"\n\n'
    '"Always. You are the best."\n\n'
    "Maya and Jess had been best friends since kindergarten, and they studied until "
    "midnight.\n\n"
    '"Same time tomorrow?" Maya asked.\n\n'
    '"Obviously."'
)
PLATONIC_CAST: Cast = {"C0": ("female", ["Maya"]), "C1": ("female", ["Jess"])}
PLATONIC_LINES = [("C1", "C0"), ("C0", "C1"), ("C1", "C0"), ("C0", "C1"), ("C0", "C1"),
                  ("C1", "C0")]  # fmt: skip


def test_platonic_friendship_is_tagged_with_ampersand_and_gen() -> None:
    work = build_work(PLATONIC, PLATONIC_CAST, PLATONIC_LINES)
    run(work)
    detail = work.tables["pairing_detail"]
    assert detail["kind"] == "platonic"
    assert detail["ao3"] == "Jess & Maya"
    assert detail["category"] == "Gen"
    assert types(relation(work, "C0", "C1")) == {"friends"}
    assert relation(work, "C0", "C1")["romance_score"] == 0


SLASH = (
    "Ethan waited outside the station. Marco came out with two coffees.\n\n"
    '"You remembered," Ethan said.\n\n'
    '"I always remember," Marco said.\n\n'
    "Ethan took his hand. He kissed him, slow, in front of everyone.\n\n"
    '"I love you," Marco said.\n\n'
    '"I know."'
)
SLASH_CAST: Cast = {"C0": ("male", ["Ethan"]), "C1": ("male", ["Marco"])}
SLASH_LINES = [("C0", "C1"), ("C1", "C0"), ("C1", "C0"), ("C0", "C1")]


def test_slash_pair_is_m_m() -> None:
    work = build_work(SLASH, SLASH_CAST, SLASH_LINES)
    run(work)
    detail = work.tables["pairing_detail"]
    assert detail["ao3"] == "Ethan/Marco"
    assert detail["category"] == "M/M"
    kinds = {t["type"]: t["count"] for t in relation(work, "C0", "C1")["types"]}
    assert kinds["romantic"] >= 3  # hand, the "he kissed him" kiss, "I love you"


FAMILY = (
    "Lucas's mom, Karen, met him at the door. Karen kissed Lucas on the forehead.\n\n"
    '"You are late," Karen said.\n\n'
    '"Sorry, Mom."'
)


def test_parent_cue_has_direction_and_blocks_romance() -> None:
    cast: Cast = {"C0": ("male", ["Lucas"]), "C3": ("female", ["Karen"])}
    work = build_work(FAMILY, cast, [("C3", "C0"), ("C0", "C3")])
    run(work)
    row = relation(work, "C0", "C3")
    assert "child" in types(row)  # sorted pair (C0, C3): C0 is Karen's child
    assert row["romance_score"] == 0
    assert work.tables["pairing_detail"]["kind"] == "platonic"


def test_a_possessive_belongs_to_whom_the_coref_layer_says() -> None:
    text = (
        "Keith and Dan argued in the shop. Dan left. His wife noticed the mud on the floor "
        "when Keith came home."
    )
    cast: Cast = {
        "C0": ("male", ["Keith"]), "C1": ("male", ["Dan"]), "C2": ("female", ["Karen"]),
    }  # fmt: skip
    work = build_work(text, cast, [])
    his = text.index("His")
    wife = text.index("His wife")
    work.layers["mentions"].append(Span(wife, wife + 8, {"character": "C2", "kind": "nominal"}))
    work.add_layer("coref", [Span(his, his + 3, {"character": "C0", "pronoun": "His"})])
    run(work)
    # coref says Keith's wife (though Dan was named last): the coref layer decides
    assert "married" in types(relation(work, "C0", "C2"))
    assert not any(
        "married" in types(r) for r in work.tables["relationships"]
        if {r["source"], r["target"]} == {"C1", "C2"}
    )


def test_possessive_without_coref_falls_back_to_nearest_same_gender() -> None:
    text = "Keith and Dan argued in the shop. Dan left. His wife, Karen, was waiting outside."
    cast: Cast = {
        "C0": ("male", ["Keith"]), "C1": ("male", ["Dan"]), "C2": ("female", ["Karen"]),
    }  # fmt: skip
    work = build_work(text, cast, [])
    run(work)
    assert "married" in types(relation(work, "C1", "C2"))


def test_no_characters_gives_no_pairing() -> None:
    work = Work("It rained all day. Nobody came.")
    run(work)
    assert work.tables["relationships"] == []
    assert work.tables["pairing"] is None
    assert work.tables["pairing_detail"]["category"] == "Gen"


def test_ao3_name_prefers_full_plain_name() -> None:
    char = {"id": "C0", "name": "Lucas", "aliases": ["Luke", "Mr. Scott", "Lucas Scott"]}
    assert ao3_name(char) == "Lucas Scott"


@pytest.mark.parametrize(
    ("genders", "expected"),
    [
        ({"a": "F", "b": "M"}, "F/M"),
        ({"a": "M", "b": "M"}, "M/M"),
        ({"a": "F", "b": "F"}, "F/F"),
        ({"a": None, "b": "F"}, "Other"),
    ],
)
def test_category_from_genders(genders: dict, expected: str) -> None:
    assert category([("a", "b")], genders) == expected


def test_category_multi_and_gen() -> None:
    genders = {"a": "F", "b": "M", "c": "M"}
    assert category([("a", "b"), ("b", "c")], genders) == "Multi"
    assert category([], genders) == "Gen"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("male", "M"),
        ("Female", "F"),
        ("she/her", "F"),
        ("he", "M"),
        ("unknown", None),
        (None, None),
    ],  # fmt: skip
)
def test_binary_gender(value: str | None, expected: str | None) -> None:
    assert binary_gender(value) == expected


def test_gender_unknown_in_table_is_taken_from_coref_pronouns() -> None:
    text = "Sam waved. She smiled. She laughed. Her coat was red. Ben kissed Sam."
    cast: Cast = {"C0": ("U", ["Sam"]), "C1": ("male", ["Ben"])}
    work = build_work(text, cast, [])
    coref = [
        Span(m.start(), m.end(), {"character": "C0", "pronoun": m.group()})
        for m in re.finditer(r"\b(?:She|Her)\b", text)
    ]
    work.add_layer("coref", coref)
    run(work)
    assert work.tables["pairing_detail"]["category"] == "F/M"


def test_in_love_needs_its_partner_spelled_out() -> None:
    text = (
        "Nora and Kit walked to school. Nora was in love with somebody, everyone said. "
        "Kit was in love with Nora."
    )
    cast: Cast = {"C0": ("female", ["Nora"]), "C1": ("male", ["Kit"])}
    work = build_work(text, cast, [])
    run(work)
    cues = relation(work, "C0", "C1")["types"]
    assert [(c["type"], c["count"]) for c in cues] == [("romantic", 1)]
    start, _ = cues[0]["evidence"]
    assert start == text.index("in love with Nora")


def test_a_kiss_on_the_cheek_weighs_less_than_a_kiss() -> None:
    cast: Cast = {"C0": ("female", ["Nora"]), "C1": ("male", ["Kit"])}
    peck = build_work("Nora kissed Kit on the cheek.", cast, [])
    kiss = build_work("Nora kissed Kit.", cast, [])
    run(peck)
    run(kiss)
    assert (
        0
        < relation(peck, "C0", "C1")["romance_score"]
        < relation(kiss, "C0", "C1")["romance_score"]
    )


def test_the_endgame_couple_beats_the_early_rival() -> None:
    filler = "The term went on and the rain kept falling on the town. " * 30
    text = (
        "Nora kissed Kit behind the gym. "
        + filler
        + "Nora kissed Sam at the station, and at the end of the summer Sam kissed Nora again."
    )
    cast: Cast = {
        "C0": ("female", ["Nora"]), "C1": ("male", ["Kit"]), "C2": ("male", ["Sam"]),
    }  # fmt: skip
    work = build_work(text, cast, [])
    run(work)
    assert work.tables["pairing"] == ["C0", "C2"]


def test_endearment_in_dialogue_is_a_romantic_cue() -> None:
    text = '"Morning, babe," Kit said.\n\n"Morning," Nora said.'
    cast: Cast = {"C0": ("female", ["Nora"]), "C1": ("male", ["Kit"])}
    work = build_work(text, cast, [("C1", "C0"), ("C0", "C1")])
    run(work)
    assert work.tables["pairing_detail"]["kind"] == "romantic"
    assert relation(work, "C0", "C1")["types"][0]["cue"] == "babe"


def test_fallback_pronouns_default_to_the_focal_character() -> None:
    text = (
        "Brooke left the party early. "
        + "The music went on for hours. " * 12
        + "Lucas found her on the pier. He kissed her."
    )
    cast: Cast = {
        "C0": ("male", ["Lucas"]), "C1": ("female", ["Peyton"]), "C2": ("female", ["Brooke"]),
    }  # fmt: skip
    work = build_work(text, cast, [])
    work.add_layer("scenes", [Span(0, len(text), {"number": 1, "focal": "C1"})])
    referents.run(work)
    hers = [r.character for r in read_references(work) if work.text[r.start : r.end] == "her"]
    assert hers == ["C1", "C1"]  # Brooke was named long ago; the scene follows Peyton


def test_fallback_pronouns_prefer_a_character_just_named() -> None:
    text = "Brooke walked in. She waved."
    cast: Cast = {"C1": ("female", ["Peyton"]), "C2": ("female", ["Brooke"])}
    work = build_work(text, cast, [])
    work.add_layer("scenes", [Span(0, len(text), {"number": 1, "focal": "C1"})])
    referents.run(work)
    assert [r.character for r in read_references(work) if r.kind == "pronoun"] == ["C2"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nora and Kit got engaged in June.", "engaged"),
        ("Kit proposed to Nora on the beach.", "engaged"),
        ("Nora married Kit in the spring.", "married"),
        ("Kit broke up with Nora.", "exes"),
    ],
)
def test_status_events_with_their_partner_spelled_out(text: str, expected: str) -> None:
    cast: Cast = {"C0": ("female", ["Nora"]), "C1": ("male", ["Kit"])}
    work = build_work(text, cast, [])
    run(work)
    assert types(relation(work, "C0", "C1")) == {expected}


def test_status_event_without_a_partner_pairs_nobody() -> None:
    text = "Nora watched Kit across the room. She was married to another man."
    cast: Cast = {"C0": ("female", ["Nora"]), "C1": ("male", ["Kit"])}
    work = build_work(text, cast, [])
    run(work)
    assert types(relation(work, "C0", "C1")) == set()


def test_first_person_narrator_owns_my_in_narration() -> None:
    text = "Kit came home at six. My wife, Nora, was already asleep."
    cast: Cast = {"C0": ("female", ["Nora"]), "C1": ("male", ["Kit"]), "C2": ("male", ["Sam"])}
    work = build_work(text, cast, [])
    work.add_layer("scenes", [Span(0, len(text), {"number": 1, "focal": "C2", "person": "first"})])
    run(work)
    assert types(relation(work, "C0", "C2")) == {"married"}


def test_one_family_cue_does_not_erase_a_romance() -> None:
    # "her father, Ralph made..." misread as an apposition once; kisses and vows all along
    text = (
        "Kate kissed Ralph at the gate. Ralph kissed Kate in the rain. Kate kissed Ralph "
        "again in the hall, and Ralph kissed Kate goodbye. Kate told him of her father, "
        "Ralph listened."
    )
    cast: Cast = {"C0": ("female", ["Kate"]), "C1": ("male", ["Ralph"])}
    work = build_work(text, cast, [])
    run(work)
    row = relation(work, "C0", "C1")
    assert {"romantic", "parent"} <= types(row) or {"romantic", "child"} <= types(row)
    assert row["romance_score"] > 0
    assert work.tables["pairing_detail"]["kind"] == "romantic"
