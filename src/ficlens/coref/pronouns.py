"""The personal pronouns the coref stage resolves, with their person, gender and number."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class PronounInfo:
    person: int  # 1, 2 or 3
    gender: str  # "m", "f" or "" (any)
    plural: bool | None  # None: singular or plural ("you", singular "they")
    case: str  # "subj", "obj", "poss" or "refl"


def _table() -> dict[str, PronounInfo]:
    rows = {
        "i": (1, "", False, "subj"),
        "me": (1, "", False, "obj"),
        "my": (1, "", False, "poss"),
        "mine": (1, "", False, "poss"),
        "myself": (1, "", False, "refl"),
        "you": (2, "", None, "subj"),
        "your": (2, "", None, "poss"),
        "yours": (2, "", None, "poss"),
        "yourself": (2, "", False, "refl"),
        "he": (3, "m", False, "subj"),
        "him": (3, "m", False, "obj"),
        "his": (3, "m", False, "poss"),
        "himself": (3, "m", False, "refl"),
        "she": (3, "f", False, "subj"),
        "her": (3, "f", False, "obj"),
        "hers": (3, "f", False, "poss"),
        "herself": (3, "f", False, "refl"),
        "they": (3, "", None, "subj"),
        "them": (3, "", None, "obj"),
        "their": (3, "", None, "poss"),
        "theirs": (3, "", None, "poss"),
        "themselves": (3, "", True, "refl"),
        "themself": (3, "", False, "refl"),
    }
    return {word: PronounInfo(*row) for word, row in rows.items()}


PRONOUNS: dict[str, PronounInfo] = _table()

# Pronouns LitBank marks as person mentions that the stage does not resolve to one
# character (groups, archaic forms); the evaluation still has to cluster them.
OTHER_PERSON_PRONOUNS: dict[str, PronounInfo] = {
    "we": PronounInfo(1, "", True, "subj"),
    "us": PronounInfo(1, "", True, "obj"),
    "our": PronounInfo(1, "", True, "poss"),
    "ourselves": PronounInfo(1, "", True, "refl"),
    "thou": PronounInfo(2, "", False, "subj"),
    "thee": PronounInfo(2, "", False, "obj"),
    "thy": PronounInfo(2, "", False, "poss"),
    "thine": PronounInfo(2, "", False, "poss"),
    "thyself": PronounInfo(2, "", False, "refl"),
    "ye": PronounInfo(2, "", True, "subj"),
    "'em": PronounInfo(3, "", True, "obj"),
}


def pronoun_info(word: str) -> PronounInfo | None:
    """Person/gender/number of a person pronoun, or None for any other word."""
    key = word.lower().replace("’", "'")
    return PRONOUNS.get(key) or OTHER_PERSON_PRONOUNS.get(key)
