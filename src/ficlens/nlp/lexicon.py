"""Person-noun sets in the shape older callers import (``noun_gender`` -> "m"/"f"/"").

The words live in ``ficlens/lexicon/data`` (person_nouns.tsv, titles.tsv ...) and are read
through ``ficlens.lexicon``; new code should import from there. What is left here only
derives the older names from it, for the modules not yet migrated (quotes/).
"""

from __future__ import annotations

from ficlens import lexicon
from ficlens.lexicon import Gender


def _nouns(gender: Gender) -> frozenset[str]:
    return frozenset(w for w, g in lexicon.person_nouns().items() if g is gender)


def _address(gender: Gender) -> frozenset[str]:
    return frozenset(w for w, g in lexicon.titles("address").items() if g is gender)


FEMALE_NOUNS = _nouns(Gender.FEMALE)
MALE_NOUNS = _nouns(Gender.MALE)
FEMALE_TITLES = _address(Gender.FEMALE)
MALE_TITLES = _address(Gender.MALE)
PERSON_NOUNS = frozenset(lexicon.person_nouns())
NOT_PERSON_NOUNS = lexicon.not_person_nouns()
GROUP_PERSON_NOUNS = lexicon.group_person_nouns()
is_person_noun = lexicon.is_person_noun


def noun_gender(word: str) -> str:
    """"m", "f" or "" for a person noun or title ("the old woman", "Mr.", "gentleman's")."""
    return lexicon.noun_gender(word).code
