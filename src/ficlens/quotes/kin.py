"""Relatives named through a possessive ("her father", "his wife") and who they are.

"Her father" near Jane "Miss Bennet" is the one man of the story who goes by "Mr. Bennet":
the one character of the noun's gender who shares a surname with someone of the
possessive's gender named just before.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cached_property

from ficlens.lexicon import Gender, KinTerm, kin_terms, pronoun_words
from ficlens.quotes.cast import Cast, family_name
from ficlens.quotes.config import tunables
from ficlens.quotes.mentions import MentionList
from ficlens.quotes.tags import pronoun_gender

# Parents and spouses go by the family's "Mr." and "Mrs."; siblings and children by any
# name with the surname.
_TITLED = ("parent", "spouse")
_SURNAMED = ("sibling", "child")


def _relatives() -> dict[str, KinTerm]:
    """The formal kin words for a man or a woman whose surname the family shares."""
    return {word: term for word, term in kin_terms().items()
            if term.formal and term.gender.is_binary and term.relation in _TITLED + _SURNAMED}


_RELATIVES = _relatives()
# Older usage: "his lady" is his wife.
_LADY = KinTerm("lady", "spouse", Gender.FEMALE, True)
_KIN = {("his", "lady"): _LADY}
# In the narration only parents and spouses, who go by the family's "Mr." and "Mrs."
_KIN_NOUNS = "|".join(
    [w for w, term in _RELATIVES.items() if term.relation in _TITLED] + [_LADY.word])
# "his", "her" (the pronoun table lists "her" once, as an object; "him father" and "hers
# father" never occur, so the object forms do no harm).
_POSSESSIVES = "|".join(
    f"[{w[0].upper()}{w[0]}]{w[1:]}" for gender in (Gender.MALE, Gender.FEMALE)
    for w in sorted(pronoun_words(3, gender, cases=frozenset({"obj", "poss"}))))
_KIN_PHRASE = re.compile(rf"\b(?:{_POSSESSIVES})\s+(?:{_KIN_NOUNS})\b")


def _gender_and_title(term: KinTerm) -> tuple[str, str]:
    """The relative's gender and the title they go by ("" for any)."""
    if term.relation not in _TITLED:
        return term.gender.code, ""
    return term.gender.code, "mr" if term.gender is Gender.MALE else "mrs"


def kin_phrases(text: str) -> Iterator[re.Match[str]]:
    """ "his wife", "her father" ...: the kin phrases the narration names people by."""
    return _KIN_PHRASE.finditer(text)


class Relatives:
    """Who a kin phrase means, from the surnames in the characters' names."""

    def __init__(self, cast: Cast) -> None:
        self.cast = cast

    def relative_at(
        self, offset: int, phrase: str, mentions: MentionList, narrator: str | None,
        reach: int | None = None,
    ) -> str | None:
        """Who "her father" or "his wife" at ``offset`` is: the one character of the noun's
        gender who shares a surname with someone of the possessive's gender named in the
        ``reach`` before it (in ``mentions``), or with the ``narrator`` for "my". A parent
        or spouse goes by "Mr." or "Mrs.", a sister or daughter not by "Mrs."."""
        words = phrase.lower().split()
        if len(words) != 2 or (words[0], words[1]) not in _KIN and words[1] not in _RELATIVES:
            return None
        reach = tunables().owner_reach if reach is None else reach
        owners = self._owners(words[0], offset, mentions, narrator, reach)
        if owners is None:
            return None
        term = _KIN.get((words[0], words[1])) or _RELATIVES[words[1]]
        found = {cid for cid, family in self._family_names[_gender_and_title(term)].items()
                 if any(cid != o and family & self._owner_surnames(o, term) for o in owners)}
        return found.pop() if len(found) == 1 else None

    def _owners(
        self, possessive: str, offset: int, mentions: MentionList, narrator: str | None,
        reach: int,
    ) -> set[str] | None:
        """Who "his"/"her" (the characters of that gender named in the ``reach`` before
        ``offset``) or "my" (the narrator) may be."""
        owner_gender = pronoun_gender(possessive)
        if owner_gender:
            gender = self.cast.gender
            return {m.character for m in mentions.between(max(0, offset - reach), offset)
                    if gender.get(m.character) == owner_gender and not m.kin}
        if possessive == "my" and narrator is not None:
            return {narrator}
        return None

    @cached_property
    def _family_names(self) -> dict[tuple[str, str], dict[str, set[str]]]:
        """Per relative's (gender, title): the surnames each character of that gender goes
        by with that title ("" for any but "Mrs." for a woman: a sister or daughter)."""
        table = {}
        for gender, title in {_gender_and_title(t) for t in (*_RELATIVES.values(), _LADY)}:
            found = {}
            for cid, names in self.cast.names_by_char.items():
                if self.cast.gender.get(cid) != gender:
                    continue
                family = {family_name(n, title) for n in names if not (
                    gender == "f" and not title and n.lower().startswith("mrs"))} - {None}
                if family:
                    found[cid] = family
            table[gender, title] = found
        return table

    @cached_property
    def _surnames(self) -> dict[str, tuple[set[str], set[str]]]:
        """Each character's surnames from names of two or more capitalised words: those
        it was born with and those of a "Mrs." name (a married woman has both)."""
        found = {}
        for cid, names in self.cast.names_by_char.items():
            married = set(filter(None, (family_name(n, "mrs") for n in names)))
            born = set(filter(None, (family_name(n, "") for n in names))) - married
            if born or married:
                found[cid] = (born, married)
        return found

    def _owner_surnames(self, owner: str, relative: KinTerm) -> set[str]:
        """The surnames ``owner``'s ``relative`` may go by: a woman's father or brother has
        the name she was born with, her husband or child the one she married into (a
        man's wife, any of his)."""
        born, married = self._surnames.get(owner, (set(), set()))
        if relative.relation in ("parent", "sibling"):
            return born
        if relative.relation == "child" or relative.gender is Gender.MALE:
            return married or born
        return born | married
