"""Typed loaders for the shipped word lists in ``lexicon/data`` (each file's header says
where it came from). The lists are immutable package data, so each is read once per
process (``lru_cache``) and handed out as frozensets and read-only mappings."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from types import MappingProxyType

from ficlens.lexicon.gender import Gender, parse_gender

__all__ = [
    "KinTerm",
    "Pronoun",
    "body_parts",
    "census_first_names",
    "first_names",
    "group_person_nouns",
    "is_person_noun",
    "kin_terms",
    "nicknames",
    "not_names",
    "not_person_nouns",
    "noun_gender",
    "person_nouns",
    "place_words",
    "pronoun",
    "pronoun_words",
    "pronouns",
    "read_rows",
    "speech_verb_forms",
    "speech_verbs",
    "titles",
    "unisex_names",
]


def read_rows(name: str) -> tuple[tuple[str, ...], ...]:
    """The tab-separated rows of data file ``name`` (``#`` header lines and blanks skipped)."""
    text = resources.files("ficlens.lexicon").joinpath("data", name).read_text("utf-8")
    return tuple(
        tuple(line.split("\t"))
        for line in text.splitlines()
        if line.strip() and not line.startswith("#")
    )


def _words(name: str) -> frozenset[str]:
    return frozenset(row[0] for row in read_rows(name))


# -- pronouns ---------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Pronoun:
    word: str
    person: int  # 1, 2 or 3
    gender: Gender  # MALE / FEMALE; NEUTER for it and they; UNKNOWN for I and you
    number: str  # "sg", "pl" or "either"
    case: str  # "subj", "obj", "poss" or "refl"
    group: str  # "personal", "group", "archaic", "colloquial" or "thing"


@lru_cache(maxsize=1)
def pronouns() -> Mapping[str, Pronoun]:
    """Every pronoun in ``pronouns.tsv`` by lower-case word, in file order."""
    table = {
        word: Pronoun(word, int(person), parse_gender(gender), number, case, group)
        for word, person, gender, number, case, group in read_rows("pronouns.tsv")
    }
    return MappingProxyType(table)


def pronoun(word: str) -> Pronoun | None:
    """The pronoun ``word`` is (any case, curly apostrophe allowed), or None."""
    return pronouns().get(word.lower().replace("’", "'"))


@lru_cache(maxsize=64)
def pronoun_words(
    person: int | None = None,
    gender: Gender | None = None,
    cases: frozenset[str] | None = None,
    groups: frozenset[str] | None = frozenset({"personal"}),
    number: str | None = None,
) -> frozenset[str]:
    """The pronouns matching every given filter: ``pronoun_words(3, Gender.FEMALE)`` is
    she/her/hers/herself. ``groups=None`` takes every group (default: personal only)."""
    return frozenset(
        p.word
        for p in pronouns().values()
        if (person is None or p.person == person)
        and (gender is None or p.gender is gender)
        and (cases is None or p.case in cases)
        and (groups is None or p.group in groups)
        and (number is None or p.number == number)
    )


# -- person nouns, titles, kin ------------------------------------------------------------
@lru_cache(maxsize=1)
def person_nouns() -> Mapping[str, Gender]:
    """Common nouns for people and the gender each marks (UNKNOWN: none)."""
    return MappingProxyType({w: parse_gender(g) for w, g in read_rows("person_nouns.tsv")})


@lru_cache(maxsize=1)
def not_person_nouns() -> frozenset[str]:
    return _words("not_person_nouns.txt")


@lru_cache(maxsize=1)
def group_person_nouns() -> frozenset[str]:
    return _words("group_person_nouns.txt")


@lru_cache(maxsize=8)
def titles(role: str) -> Mapping[str, Gender]:
    """Forms of one role of ``titles.tsv`` ("honorific", "title" or "address") and the
    gender each implies (UNKNOWN: none)."""
    rows = read_rows("titles.tsv")
    found = {form: parse_gender(gender) for form, gender, kind in rows if kind == role}
    if not found:
        raise ValueError(f"no titles of role {role!r}")
    return MappingProxyType(found)


@lru_cache(maxsize=16384)  # called per noun token by several stages
def noun_gender(word: str) -> Gender:
    """The gender a person noun or title marks ("the old woman", "Mr.", "gentleman's");
    UNKNOWN for any other word. A word ending in -woman is female, one longer than five
    letters ending in -man or -men male, unless it is listed as not a person noun."""
    word = word.lower().rstrip(".")
    for suffix in ("'s", "’s"):
        word = word.removesuffix(suffix)
    listed = person_nouns().get(word) or titles("address").get(word)
    if listed is not None and listed.is_binary:
        return listed
    if word in not_person_nouns():
        return Gender.UNKNOWN
    if word.endswith(("woman", "women")):
        return Gender.FEMALE
    if len(word) > 5 and word.endswith(("man", "men")):
        return Gender.MALE
    return Gender.UNKNOWN


@lru_cache(maxsize=16384)
def is_person_noun(lemma: str) -> bool:
    """A noun that names a person ("clerk", "policewoman"), not a thing that ends like one."""
    lemma = lemma.lower()
    if lemma in not_person_nouns():
        return False
    return lemma in person_nouns() or noun_gender(lemma).is_binary


@dataclass(frozen=True, slots=True)
class KinTerm:
    word: str
    relation: str  # what the referent is to the possessor: parent, child, sibling, spouse ...
    gender: Gender
    formal: bool  # False for mom, dad, grandpa ...


@lru_cache(maxsize=1)
def kin_terms() -> Mapping[str, KinTerm]:
    """Kin and partner words by word (``kin.tsv``)."""
    return MappingProxyType(
        {
            word: KinTerm(word, relation, parse_gender(gender), register == "formal")
            for word, relation, gender, register in read_rows("kin.tsv")
        }
    )


# -- names ----------------------------------------------------------------------------
@lru_cache(maxsize=1)
def first_names() -> Mapping[str, Gender]:
    """First names with the gender they usually mark (unisex names are not here)."""
    return MappingProxyType({n: parse_gender(g) for n, g in read_rows("first_names.tsv")})


@lru_cache(maxsize=1)
def census_first_names() -> Mapping[str, Gender]:
    """The 1990 US Census's gender for about 5,000 first names (``census_first_names.tsv``):
    only a prior for a character's gender, never a reason to read a word as a name."""
    return MappingProxyType(
        {n: parse_gender(g) for n, g in read_rows("census_first_names.tsv")})


@lru_cache(maxsize=1)
def unisex_names() -> frozenset[str]:
    return _words("unisex_names.txt")


@lru_cache(maxsize=1)
def nicknames() -> Mapping[str, tuple[str, ...]]:
    """Nickname -> the full first names it shortens (several when ambiguous)."""
    return MappingProxyType(
        {nick: tuple(full.split(",")) for nick, full in read_rows("nicknames.tsv")}
    )


@lru_cache(maxsize=1)
def body_parts() -> frozenset[str]:
    """Parts of a body and things only people have (``body_parts.txt``): "X's hands" says X
    is someone."""
    return _words("body_parts.txt")


@lru_cache(maxsize=1)
def not_names() -> frozenset[str]:
    """Capitalised words that look like names but are not people."""
    return _words("not_names.txt")


@lru_cache(maxsize=1)
def place_words() -> frozenset[str]:
    """Last words of multi-word names that mark a place or an institution."""
    return _words("place_words.txt")


@lru_cache(maxsize=4)
def speech_verbs(tier: str | None = None) -> frozenset[str]:
    """Lemmas of verbs of saying; ``tier="core"`` gives only the most frequent ones."""
    return frozenset(row[0] for row in read_rows("speech_verbs.tsv")
                     if tier is None or row[1] == tier)


@lru_cache(maxsize=1)
def speech_verb_forms() -> frozenset[str]:
    """Every verb of saying as written in a tag: the lemma, its -s form and its past forms
    (said, asked, begged, replied), for rules that read words without a parse."""
    forms: set[str] = set()
    for row in read_rows("speech_verbs.tsv"):
        lemma = row[0]
        pasts = row[2].split() if len(row) > 2 else [_regular_past(lemma)]
        forms.update([lemma, _third_person(lemma), *pasts])
    return frozenset(forms)


def _third_person(lemma: str) -> str:
    if lemma.endswith(("s", "sh", "ch", "x", "z", "o")):
        return lemma + "es"
    if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        return lemma[:-1] + "ies"
    return lemma + "s"


def _regular_past(lemma: str) -> str:
    if lemma.endswith("e"):
        return lemma + "d"
    if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        return lemma[:-1] + "ied"
    if re.fullmatch(r"(?:qu|[^aeiou])*[aeiou][^aeiouwxy]", lemma):
        return lemma + lemma[-1] + "ed"  # one syllable ending in one vowel and a consonant
    return lemma + "ed"
