"""The character finder's rules for names spaCy mislabels, families and the narrator's names.

Each rule is checked on invented evidence (what the text says about a form) or invented form
counts, so no story text is needed.
"""

from __future__ import annotations

from ficlens.characters.cluster import cluster_forms, parse_form
from ficlens.characters.mentions import FormEvidence
from ficlens.characters.stage import (
    ATTACH,
    FOUND,
    REJECT,
    Character,
    canonical_name,
    judge_form,
)


def evidence(form: str, count: int, **seen: int) -> FormEvidence:
    return FormEvidence(form, count=count, **seen)


def test_a_name_spacy_calls_a_place_is_a_person_when_it_acts_and_speaks() -> None:
    # "Quilla said", "Quilla turned": the subject of half its sentences, speaking often.
    quilla = evidence("Quilla", 120, other_entity=120, subject=60, speaker=25)
    assert judge_form(quilla) == FOUND
    # A town is seldom a subject and never speaks.
    town = evidence("Varnholm", 60, other_entity=60, subject=3, after_place_preposition=20)
    assert judge_form(town) == REJECT
    # A people ("the Drevani said") is NORP to spaCy: a group, not a character.
    people = evidence("Drevani", 30, other_entity=30, group=30, subject=15, speaker=5)
    assert judge_form(people) == REJECT


def test_a_few_subject_uses_do_not_make_a_place_a_person() -> None:
    city = evidence("Lorvane", 6, other_entity=6, subject=3)
    assert judge_form(city) == REJECT


def test_a_town_addressed_once_is_still_a_town() -> None:
    town = evidence(
        "Castelmora", 60, other_entity=30, person=25, subject=7, vocative=1,
        after_place_preposition=16, after_to_or_from=13,
    )  # fmt: skip
    assert judge_form(town) == REJECT


def test_a_name_that_looks_plural_but_speaks_alone_is_a_person() -> None:
    babs = evidence("Dabs", 10, person=8, plural=5, subject=6, speaker=6)
    assert judge_form(babs) == FOUND
    family = evidence("Pellows", 10, plural=10, subject=4)
    assert judge_form(family) == REJECT


def test_a_saints_name_inside_a_surname_is_no_place() -> None:
    assert parse_form("Lady St Aubin").single == "St Aubin"
    assert parse_form("Reggie St Aubin").surname == "St Aubin"
    reggie = evidence("Reggie St Aubin", 4, person=4, subject=2, speaker=2)
    assert judge_form(reggie) == FOUND
    assert judge_form(evidence("Maple Street", 5, subject=2)) == REJECT


def test_father_alone_founds_no_character() -> None:
    father = evidence("Father", 24, vocative=13, initial_only=20)
    assert judge_form(father) == ATTACH
    coach = evidence("Coach", 6, vocative=3, subject=1)
    assert judge_form(coach) == FOUND


def test_the_narrators_mr_and_first_name_are_two_people() -> None:
    """A father the narration calls "Mr. Pardle" and his son it calls "Tom"."""
    counts = {"Mr. Pardle": 170, "Tom Pardle": 38, "Thomas Pardle": 14, "Tom": 178}
    narrated = {"Mr. Pardle": 136, "Tom": 86, "Thomas Pardle": 9}
    clusters = {frozenset(c.forms) for c in cluster_forms(counts, set(counts), narrated)}
    assert frozenset({"Tom"}) in clusters
    assert any({"Mr. Pardle", "Thomas Pardle"} <= c for c in clusters)


def test_a_narrators_miss_may_become_her_first_name() -> None:
    """ "Miss Varley" early in the book, "Eleanor" once the heroine knows her: one woman."""
    counts = {"Eleanor Varley": 10, "Miss Varley": 60, "Eleanor": 75}
    narrated = {"Miss Varley": 30, "Eleanor": 35}
    clusters = {frozenset(c.forms) for c in cluster_forms(counts, set(counts), narrated)}
    assert frozenset(counts) in clusters


def test_old_and_poor_are_not_first_names() -> None:
    from ficlens.characters.mentions import collect_forms
    from ficlens.characters.textview import TextView
    from ficlens.document import Work
    from ficlens.pipeline import analyze

    work = Work(text="Old Hobbs came in at noon. Poor Hobbs was very tired after the walk.\n")
    analyze(work, ["nlp"])
    forms = collect_forms(TextView.of(work), [])
    assert "Hobbs" in forms and not {"Old Hobbs", "Poor Hobbs"} & set(forms)


def test_a_first_name_used_only_in_speech_joins_the_mister() -> None:
    """The narrator says "Lucas"; only students say "Mr. Scott": one man."""
    counts = {"Lucas Scott": 10, "Lucas": 300, "Mr. Scott": 12}
    narrated = {"Lucas": 150, "Mr. Scott": 0}
    clusters = {frozenset(c.forms) for c in cluster_forms(counts, set(counts), narrated)}
    assert frozenset({"Lucas Scott", "Lucas", "Mr. Scott"}) in clusters


def test_pronouns_keep_a_bare_surname_from_the_wife() -> None:
    counts = {"Hugo Otter": 30, "Mrs Otter": 40, "Otter": 110, "Mr Otter": 20}
    apart = cluster_forms(counts, set(counts))
    # Without pronouns the bare surname is ambiguous (Hugo or Mrs Otter): a character apart.
    assert frozenset({"Otter"}) in {frozenset(c.forms) for c in apart}
    heard = cluster_forms(counts, set(counts), heard_genders={"Otter": "M"})
    forms = {frozenset(c.forms) for c in heard}
    assert frozenset({"Hugo Otter", "Otter", "Mr Otter"}) in forms
    assert frozenset({"Mrs Otter"}) in forms


def test_canonical_name_skips_a_one_off_mister_with_a_first_name() -> None:
    (cluster,) = cluster_forms({"Philip": 250, "Mr. Philip": 1}, {"Philip", "Mr. Philip"})
    assert canonical_name(cluster) == "Philip"
    (cluster,) = cluster_forms({"Mr. Quayle": 280, "Quayle": 20}, {"Mr. Quayle", "Quayle"})
    assert canonical_name(cluster) == "Mr. Quayle"


def test_character_defaults() -> None:
    character = Character("Quilla", ["Quilla"], "named")
    assert character.gender.gender == "U" and not character.mentions


STUDIO = """Mara Quist walked into the barber's shop at noon. Old Jonas Reed was sweeping the floor.

"Sit down," said the barber with a smile. He put his broom away.

"Just a trim," Mara said. She sat down in the big chair.

"You look tired," the old man said. He picked up his scissors.

"Coffee?" the woman behind the counter asked. Mara nodded at her.
"""


def test_age_and_sex_words_are_epithets_but_roles_and_described_people_speak() -> None:
    from ficlens.characters import run as find_characters
    from ficlens.document import Work
    from ficlens.pipeline import analyze

    work = Work(text=STUDIO)
    analyze(work, ["nlp"])
    find_characters(work)
    nominal = {c["name"] for c in work.tables["characters"] if c["kind"] == "nominal"}
    # "the old man" is how the narrator varies Jonas's name: no character of its own.
    assert "the old man" not in nominal
    # "with a smile" tells how the barber spoke, not who he is.
    assert "the barber" in nominal and not any("smile" in name for name in nominal)
    assert "the woman behind the counter" in nominal


def test_gender_prior_for_names_the_list_lacks() -> None:
    from ficlens.characters.names import likely_gender

    assert likely_gender("Rachael") == "F"  # a spelling of Rachel
    assert likely_gender("Perfetta") == "F" and likely_gender("Rosalia") == "F"
    assert likely_gender("Lucas") == "M"  # listed names keep their listed gender
    assert likely_gender("Drummond") == "" and likely_gender("Babs") == ""


def test_a_foreign_title_gives_the_gender() -> None:
    from ficlens.characters.stage import _cluster_gender_hints

    signor = Character("Signor Verdallo", ["Signor Verdallo", "Verdallo"], "named")
    assert _cluster_gender_hints(signor) == ({"M"}, "")


def test_a_hyphenated_pet_name_is_no_prefix() -> None:
    from ficlens.characters.cluster import given_matches

    assert given_matches("Peyt", "Peyton")
    assert not given_matches("John", "Johnny-boy")


def test_a_man_the_narrator_calls_by_surname_is_not_the_narrations_first_name() -> None:
    """ "Beaver" to the narrator, so the narration's "John" is the other John."""
    counts = {"John Beaver": 12, "Beaver": 120, "John Andrew": 20, "John": 100}
    narrated = {"Beaver": 66, "John": 37, "John Andrew": 9, "John Beaver": 2}
    clusters = {frozenset(c.forms) for c in cluster_forms(counts, set(counts), narrated)}
    assert frozenset({"John Andrew", "John"}) in clusters
    assert frozenset({"John Beaver", "Beaver"}) in clusters
    # "Robert" only in dialogue (Robert Cohn, "Cohn" to the narrator): the rule stays out.
    counts = {"Robert Cohn": 15, "Cohn": 300, "Robert Prentiss": 3, "Robert": 40}
    narrated = {"Cohn": 150, "Robert": 2}
    clusters = {frozenset(c.forms) for c in cluster_forms(counts, set(counts), narrated)}
    assert any({"Robert Cohn", "Robert"} <= c for c in clusters)


def test_a_plural_tag_alone_rejects_a_rare_word_but_not_a_name_used_often() -> None:
    # "consuming Glimmers strengthened them": once, tagged plural, nothing else to go on
    glimmers = evidence("Glimmers", 1, unconfirmed_plural=1, subject=1, person_cue=1)
    assert judge_form(glimmers) == REJECT
    # "Tans looked up" six times: tagged plural each time, but no "Tan", no "the Tans"
    tans = evidence("Tans", 6, unconfirmed_plural=6, subject=5, person_cue=2, other_entity=4)
    assert judge_form(tans) == FOUND
    # "the Tans" (a plural the text shows) still makes a family
    family = evidence("Tans", 6, plural=6, subject=5, person_cue=2, other_entity=4)
    assert judge_form(family) == REJECT
