"""The characters table as attribution reads it: genders, names, name words, narrator."""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cached_property

from ficlens.document import Work
from ficlens.lexicon import CharacterRecord, cast_by_id, pronoun_words, titles
from ficlens.quotes.config import tunables
from ficlens.quotes.detect import Quotation

_FIRST_PERSON_WORD = re.compile(r"\b(?:{})\b".format("|".join(
    "I" if w == "i" else w for w in sorted(pronoun_words(1, number="sg")))))
_DETERMINERS = ("the", "a", "an")
_HONORIFICS = frozenset(form.rstrip(".").lower() for form in titles("honorific"))
# The honorifics that go with a family name ("Mr. Bennet", "Miss Bennet"); others ("Sir",
# "Lady", "Dr.") may go with a first name.
_FAMILY_HONORIFICS = ("miss", "mr", "mrs", "ms")
# A narrator is named mostly inside quotations (others address them), this often at least.


def family_name(name: str, title: str) -> str | None:
    """The last word of ``name`` when it is a surname: after a title (and ``title`` when
    one is wanted: "Mr. Bennet" for a father) or after a first name ("Elizabeth Bennet")."""
    words = name.replace(".", " ").split()
    if len(words) < 2 or not all(w[:1].isupper() for w in words):
        return None
    first = words[0].lower()
    if title and first != title:
        return None
    if not title and first in _HONORIFICS and first not in _FAMILY_HONORIFICS:
        return None
    return words[-1]


def without_determiner(phrase: str) -> str:
    """Lower-cased words of a name or description without a leading article."""
    words = phrase.lower().split()
    if words and words[0] in _DETERMINERS:
        words = words[1:]
    return " ".join(words)


def _sole_owners(owners: dict[str, set[str]]) -> dict[str, str]:
    return {w: next(iter(c)) for w, c in owners.items() if len(c) == 1}


class Cast:
    """Each character's gender and names, and the words that name one character only."""

    def __init__(self, work: Work) -> None:
        self.characters: dict[str, CharacterRecord] = cast_by_id(work)
        self.gender = {cid: c.gender.code for cid, c in self.characters.items()}
        self.names_by_char = {cid: list(c.names) for cid, c in self.characters.items()}

    @cached_property
    def name_word_owners(self) -> dict[str, set[str]]:
        """Lower-cased words of character names, and the characters whose names have them."""
        owners: dict[str, set[str]] = {}
        for cid, names in self.names_by_char.items():
            for name in names:
                for word in name.lower().replace(".", " ").split():
                    if len(word) > 2 and word not in ("the", "and", "mrs", "miss"):
                        owners.setdefault(word, set()).add(cid)
        return owners

    @cached_property
    def name_words(self) -> dict[str, str]:
        """Lower-cased words of character names that belong to one character only."""
        return _sole_owners(self.name_word_owners)

    @cached_property
    def bare_names(self) -> dict[str, str]:
        """One-word names once a determiner is dropped ("The Landlady" -> "landlady"),
        when one character alone has it."""
        owners: dict[str, set[str]] = {}
        for cid, names in self.names_by_char.items():
            for name in names:
                words = without_determiner(name)
                if words and " " not in words:
                    owners.setdefault(words, set()).add(cid)
        return _sole_owners(owners)

    def nominal_owner(self, noun: str) -> str | None:
        """The character a description's head noun names: the only one with that word in
        a name, or the one called just that ("the detective" beside "the detective's
        colleague")."""
        if not noun:
            return None
        return self.name_words.get(noun) or self.bare_names.get(noun)

    def is_full_name(self, character: str, phrase: str) -> bool:
        """Whether ``phrase`` (without its article) is one of ``character``'s names."""
        names = self.names_by_char.get(character, [])
        words = without_determiner(phrase)
        return bool(words) and words in {without_determiner(n) for n in names}

    def narrator(
        self, text: str, speech: list[Quotation], quoted: Mapping[str, int],
        total: Mapping[str, int],
    ) -> str | None:
        """The first-person narrator: flagged in the characters table, or, in a text told
        in the first person, the character named mostly inside quotes (others address
        them); ``quoted`` and ``total`` count each character's mentions."""
        for cid, char in self.characters.items():
            if char.narrator:
                return cid
        if not _told_in_first_person(text, speech):
            return None
        best, best_quoted = None, tunables().narrator_min_quoted
        for cid, count in quoted.items():
            if count >= tunables().narrator_quoted_share * total[cid] and count > best_quoted:
                best, best_quoted = cid, count
        return best


def _narration(text: str, speech: list[Quotation]) -> list[str]:
    narration, last = [], 0
    for q in speech:
        narration.append(text[last : q.start])
        last = q.end
    narration.append(text[last:])
    return narration


def _told_in_first_person(text: str, speech: list[Quotation]) -> bool:
    narration = _narration(text, speech)
    words = _FIRST_PERSON_WORD.findall(" ".join(narration))
    total = sum(len(part.split()) for part in narration)
    return bool(total) and len(words) * 1000 / total >= tunables().first_person_rate
