"""Name knowledge the character finder relies on: honorifics, titles, nicknames, first
names, and the rules that read a gender from a first name.

The word lists are data files of ``ficlens/lexicon/data`` (each with its source); here they
are read into the shapes this package uses, genders as the letters "M" / "F" / "N" with
"" for none.
"""

from __future__ import annotations

from collections.abc import Mapping

from ficlens import lexicon
from ficlens.characters.config import tunables
from ficlens.lexicon import Gender


def _letters(table: Mapping[str, Gender]) -> dict[str, str]:
    return {word: "" if g is Gender.UNKNOWN else g.value for word, g in table.items()}


# Honorific -> gender it implies ("" when it implies none).
HONORIFICS: dict[str, str] = _letters(lexicon.titles("honorific"))
# Titles that also work as a bare name ("Coach", "Captain") once tied to one character.
TITLES: dict[str, str] = _letters(lexicon.titles("title"))
# Words that open a compound rank, a title only before one: "Rear Admiral", "Vice Admiral".
RANK_PREFIXES: frozenset[str] = frozenset(lexicon.titles("prefix"))
# Nickname -> the full first names it shortens (several when it is ambiguous).
NICKNAMES: Mapping[str, tuple[str, ...]] = lexicon.nicknames()
# First names -> gender ("M", "F"); names used for both are in UNISEX_NAMES only.
FIRST_NAMES: dict[str, str] = _letters(lexicon.first_names())
# Used for both genders: a name, but no gender prior (pronouns decide).
UNISEX_NAMES: frozenset[str] = lexicon.unisex_names()


def gender_of_name(word: str | None) -> str:
    """ "M" / "F" from the list, nicknames through their full names (Robbie -> Robert); else ""."""
    if word in FIRST_NAMES:
        return FIRST_NAMES[word]
    if word in UNISEX_NAMES:
        return ""
    genders = {FIRST_NAMES.get(full, "") for full in NICKNAMES.get(word or "", ())}
    return genders.pop() if len(genders) == 1 else ""


FEMININE_ENDINGS = ("etta", "ette", "ita", "ina", "ella", "issa", "ia")


def likely_gender(word: str | None) -> str:
    """A weaker guess for names the list lacks: a spelling variant one letter longer than a
    listed name ("Rachael", "Hannah"), the census's gender for the name ("Ellie"), or an
    ending English and Romance names give girls ("Rosetta", "Lilia", "Marisa"). Only a
    prior: pronouns can outvote it."""
    known = gender_of_name(word)
    if known or not word or word in UNISEX_NAMES:
        return known
    long_enough = len(word) >= tunables().min_variant_length
    if long_enough:
        variants = {word[:i] + word[i + 1 :] for i in range(1, len(word))}
        genders = {FIRST_NAMES[v] for v in variants if v in FIRST_NAMES}
        if len(genders) == 1:
            return genders.pop()
    census = lexicon.census_first_names().get(word)
    if census is not None:
        return census.value
    return "F" if long_enough and word.lower().endswith(FEMININE_ENDINGS) else ""


def is_first_name(word: str | None) -> bool:
    return word in FIRST_NAMES or word in UNISEX_NAMES or word in NICKNAMES


# Capitalised words that look like names but are not people (interjections, deities, days).
NOT_NAMES: frozenset[str] = lexicon.not_names()
# Last words of multi-word names that mark a place or an institution, not a person.
PLACE_WORDS: frozenset[str] = lexicon.place_words()
SPEECH_VERBS: frozenset[str] = lexicon.speech_verbs()
