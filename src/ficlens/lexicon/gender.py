"""The one gender vocabulary: :class:`Gender` and :func:`parse_gender`.

Every stage that reads a character's gender, a pronoun's or a noun's goes through
``parse_gender``, so the spellings found in tables, gold files and older code ('M', 'm',
'male', 'she', 1 ...) mean the same thing everywhere. The JSON keeps the one-letter values
(``Gender.MALE.value == "M"``).
"""

from __future__ import annotations

from enum import StrEnum

__all__ = ["Gender", "parse_gender"]


class Gender(StrEnum):
    """Grammatical/social gender as the pipeline uses it; the value is the JSON letter."""

    MALE = "M"
    FEMALE = "F"
    NEUTER = "N"  # neuter or plural: "it", "they", a nonbinary character
    UNKNOWN = "U"

    @property
    def is_binary(self) -> bool:
        """True for male and female, the two genders "he" and "she" pick out."""
        return self in (Gender.MALE, Gender.FEMALE)

    @property
    def code(self) -> str:
        """'m', 'f' or '' (the lower-case form several stages compare with)."""
        return {Gender.MALE: "m", Gender.FEMALE: "f"}.get(self, "")

    @property
    def number(self) -> int:
        """1 male, 2 female, 0 otherwise (the numeric code of the coref mention table)."""
        return {Gender.MALE: 1, Gender.FEMALE: 2}.get(self, 0)


_SPELLINGS: dict[str, Gender] = {
    **dict.fromkeys(
        ("m", "male", "man", "masculine", "masc", "he", "him", "his", "boy"), Gender.MALE
    ),
    **dict.fromkeys(
        ("f", "female", "woman", "feminine", "fem", "she", "her", "hers", "girl"), Gender.FEMALE
    ),
    **dict.fromkeys(
        ("n", "neuter", "neutral", "plural", "they", "them", "it", "x", "nonbinary",
         "non-binary", "enby"),
        Gender.NEUTER,
    ),
    **dict.fromkeys(("u", "unknown", "", "none", "?", "0"), Gender.UNKNOWN),
}
_NUMBERS = {0: Gender.UNKNOWN, 1: Gender.MALE, 2: Gender.FEMALE}


def parse_gender(value: object) -> Gender:
    """The :class:`Gender` any spelling in use means: a Gender, 'M'/'m'/'male'/'he',
    'F'/'f'/'female'/'she', 'N'/'they'/'nonbinary', the numeric codes 1 and 2, or None.
    Anything unrecognised is ``Gender.UNKNOWN`` (gender is never guessed from noise)."""
    if isinstance(value, Gender):
        return value
    if isinstance(value, bool):
        return Gender.UNKNOWN
    if isinstance(value, int | float):
        return _NUMBERS.get(int(value), Gender.UNKNOWN)
    if value is None:
        return Gender.UNKNOWN
    word = str(value).strip().lower().replace("/", " ").split(" ")[0].rstrip(".")
    return _SPELLINGS.get(word, Gender.UNKNOWN)
