"""Names the character finder used to miss, and where LitBank starts a name's span.

Each rule is checked on invented evidence or on small texts written for these tests.
"""

from __future__ import annotations

from ficlens.characters import run as find_characters
from ficlens.characters.mentions import FormEvidence, _reads_plural
from ficlens.characters.stage import (
    FOUND,
    REJECT,
    judge_form,
    names_in_full_names,
    short_for_places,
)
from ficlens.characters.textview import TextView
from ficlens.document import Work
from ficlens.pipeline import analyze

PARLOUR = """Old Mr. Hobbleby sat in the parlour. The children were afraid of him.

Jemima sat by the window with her sewing. The young Mr. Hobbleby watched her.

"My dear Jemima," said Mr. Hobbleby, "fetch the tea."

Jemima rose at once. The Colonel came in from the garden, and the Colonel sat down.

"Good evening, Colonel," said Jemima. The Colonel smiled at her and lit his pipe.
"""

LETTER = """TOM

Tom Birkett was late again. He ran the whole way to the mill.

Tom said nothing to the foreman. Tom sat down at his loom and worked till dark.
"""


def evidence(form: str, count: int, **seen: int) -> FormEvidence:
    return FormEvidence(form, count=count, **seen)


def analyzed(text: str) -> Work:
    work = Work(text=text)
    analyze(work, ["nlp"])
    find_characters(work)
    return work


def test_a_first_name_the_text_gives_in_a_full_name_is_a_name_spacy_calls_a_place() -> None:
    # "Carol Milford" once, then "Carol" eleven times, mostly tagged a place by spaCy.
    full = evidence("Carol Milford", 1, person=1)
    carol = evidence("Carol", 11, person=3, other_entity=8, subject=3, vocative=1)
    verdicts = {"Carol Milford": "attach", "Carol": REJECT}
    text_names = names_in_full_names({"Carol Milford": full, "Carol": carol}, verdicts)
    assert "Carol" in text_names
    assert judge_form(carol) == REJECT
    assert judge_form(carol, 0, text_names) == FOUND


def test_a_surname_after_an_honorific_is_a_name_even_at_a_shop() -> None:
    forms = {
        "Mr Verloc": evidence("Mr Verloc", 14, person=10, subject=10),
        "Verloc": evidence("Verloc", 1, other_entity=1, after_place_preposition=1),
    }
    text_names = names_in_full_names(forms, {"Mr Verloc": FOUND, "Verloc": REJECT})
    assert judge_form(forms["Verloc"]) == REJECT
    assert judge_form(forms["Verloc"], 0, text_names) != REJECT


def test_plurals_destinations_and_groups_teach_no_names() -> None:
    forms = {
        "Bengal Fusiliers": evidence("Bengal Fusiliers", 1, person=1, plural=1),
        "Freetown John Clayton": evidence("Freetown John Clayton", 1, person=1,
                                          after_to_or_from=1),
        "Nana Sahib": evidence("Nana Sahib", 1, other_entity=1, subject=1),
    }
    assert not names_in_full_names(forms, dict.fromkeys(forms, "attach"))
    # spaCy's NORP for the bare word keeps it out even when a full name has it.
    morstan = evidence("Morstan", 12, other_entity=12, group=9, subject=4)
    assert judge_form(morstan, 0, frozenset({"Morstan"})) == REJECT


def test_a_common_word_stays_one_beside_a_full_name() -> None:
    # "Jonathan Small" does not make every capitalised "Small" a name.
    small = evidence("Small", 11, person=10, subject=4, initial_only=10)
    assert judge_form(small, 46, frozenset({"Small"})) == REJECT


def test_a_full_name_ending_like_a_place_is_a_person_beside_its_honorific_form() -> None:
    temple = evidence("Charlotte Temple", 3, person=2, other_entity=1)
    assert judge_form(temple) == REJECT
    assert judge_form(temple, 0, frozenset({"Temple"})) != REJECT


def test_an_honorific_surname_ending_in_s_is_one_person() -> None:
    graves = evidence("Mr. Graves", 2, person=2, plural=1, subject=1)
    assert judge_form(graves) == FOUND
    sisters = evidence("Miss Bennets", 4, plural=4)
    assert judge_form(sisters) == REJECT


def test_narration_adjectives_and_a_title_article_join_the_name_span() -> None:
    work = analyzed(PARLOUR)
    spans = [work.text[m.start : m.end] for m in work.layer("mentions")]
    assert "The young Mr. Hobbleby" in spans
    assert "the Colonel" in spans
    # In a quotation the address is the name alone: "My dear Jemima".
    assert "Jemima" in spans and "My dear Jemima" not in spans and "dear Jemima" not in spans
    hobbleby = next(c for c in work.tables["characters"] if c["name"] == "Mr. Hobbleby")
    assert "The young Mr. Hobbleby" not in hobbleby["aliases"]  # aliases stay names


def test_a_name_in_capitals_is_the_character_it_spells() -> None:
    work = analyzed(LETTER)
    tom = next(c for c in work.tables["characters"] if c["name"] == "Tom Birkett")
    heading = work.text.index("TOM")
    owner = {m.start: m["character"] for m in work.layer("mentions")}
    assert owner.get(heading) == tom["id"]
    assert "TOM" not in tom["aliases"]


def test_a_word_mostly_inside_a_place_name_is_that_place() -> None:
    forms = {
        "Blodgett College": evidence("Blodgett College", 3, other_entity=3),
        "Blodgett": evidence("Blodgett", 3, person=2, subject=1),
        "Howard Street": evidence("Howard Street", 2, other_entity=2),
        "Howard": evidence("Howard", 1, person=1),
    }
    assert short_for_places(forms) == ["Blodgett"]


GATE = """The farmer went down the lane to the farm. Billy Gower was waiting at the gate.

The boys waved to him, and Old Billy waved back. Billy smiled and opened the gate.
"""


def test_an_old_or_young_before_a_name_joins_its_span() -> None:
    work = analyzed(GATE)
    spans = [work.text[m.start : m.end] for m in work.layer("mentions")]
    assert "Old Billy" in spans


MARKET = """The Tinker came up the road with his cart. The Tinker stopped at the well.

"Water for my donkey," the Tinker said to Nell. Nell filled the bucket for him.

The Tinker thanked her and went on. The Tinker sang as he walked away.
"""


def test_a_capitalised_role_keeps_its_article_in_the_span() -> None:
    work = analyzed(MARKET)
    tinker = next(c for c in work.tables["characters"] if c["name"] == "the Tinker")
    spans = {
        work.text[m.start : m.end] for m in work.layer("mentions") if m["character"] == tinker["id"]
    }
    assert spans and spans <= {"The Tinker", "the Tinker"}


ONE_NAMED_TANS = (
    "Tans looked at the door of the inn. Rain drummed on the roof.\n\n"
    "Later Tans turned away from the window, and Mira watched him go. "
    "Tans shrugged. \"Nothing out there,\" he said.\n\n"
    "Mira laughed. Tans sat down beside her, and for a while neither of them spoke.\n"
)


def test_a_name_ending_in_s_that_spacy_reads_as_a_plural_is_one_person() -> None:
    """spaCy tags "Tans" a plural proper noun; nothing in the text makes it one (no
    "Tan" beside it, no "the Tans"), so it is the man who shrugs and speaks."""
    work = analyzed(ONE_NAMED_TANS)
    assert "Tans" in {c["name"] for c in work.tables["characters"]}


def test_plural_only_where_the_text_shows_a_plural() -> None:
    """A word spaCy tags plural is a plural beside its singular ("Kan" ... "Kans") or after
    a plural determiner ("the Tans"), not on its own ("Tans shrugged")."""
    text = "Mira was a Kan by birth. Kans were cheering. Then the Tans left, and Tans shrugged."
    view = TextView.of(analyzed(text))
    first = {word: view.token_at(text.rindex(word)) for word in ("Kans", "Tans")}
    assert _reads_plural(view, "Kans", first["Kans"])
    assert _reads_plural(view, "Tans", view.token_at(text.index("Tans")))
    assert not _reads_plural(view, "Tans", first["Tans"])
