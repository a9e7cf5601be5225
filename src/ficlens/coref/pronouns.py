"""The personal pronouns the coref stage resolves, with their person, gender and number.

A view of ``ficlens.lexicon``'s pronoun table (``lexicon/data/pronouns.tsv``) in the shape
the mention table reads.
"""

from __future__ import annotations

from dataclasses import dataclass

from ficlens import lexicon


@dataclass(frozen=True, slots=True)
class PronounInfo:
    person: int  # 1, 2 or 3
    gender: str  # "m", "f" or "" (any)
    plural: bool | None  # None: singular or plural ("you", singular "they")
    case: str  # "subj", "obj", "poss" or "refl"


_PLURAL = {"sg": False, "pl": True, "either": None}


def _table(groups: frozenset[str]) -> dict[str, PronounInfo]:
    return {
        p.word: PronounInfo(p.person, p.gender.code, _PLURAL[p.number], p.case)
        for p in lexicon.pronouns().values()
        if p.group in groups
    }


# Pronouns of one person, or a singular or plural "they": resolved to characters.
PRONOUNS: dict[str, PronounInfo] = _table(frozenset({"personal"}))

# Pronouns LitBank marks as person mentions that the stage does not resolve to one
# character (groups, archaic forms); the evaluation still has to cluster them.
OTHER_PERSON_PRONOUNS: dict[str, PronounInfo] = _table(
    frozenset({"group", "archaic", "colloquial"})
)

# Subject, object and reflexive pronouns: the pronoun layer's, never the head of a nominal.
PERSONAL_PRONOUNS = lexicon.pronoun_words(
    cases=frozenset({"subj", "obj", "refl"}), groups=frozenset({"personal", "group", "thing"})
)


def pronoun_info(word: str) -> PronounInfo | None:
    """Person/gender/number of a person pronoun, or None for any other word."""
    key = word.lower().replace("’", "'")
    return PRONOUNS.get(key) or OTHER_PERSON_PRONOUNS.get(key)
