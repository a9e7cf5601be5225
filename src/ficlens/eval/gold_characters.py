"""The ``characters`` table and ``mentions`` layer built from a gold character list.

This stands in for the characters stage in the ``gold_characters`` evaluation setting: it
writes exactly what that stage writes (table ``characters``: ``id``, ``name``, ``aliases``,
``gender``, ``mentions``, ``on_stage``, ``narrator`` and, for a second-person reader,
``person`` and ``narrates``; layer ``mentions``: attrs ``character``, ``kind``), so the quote
stage runs unchanged in both settings. Mentions are the exact occurrences of each name or
alias, longest first, on word boundaries. A character called "Reader" or "Y/N" in a story
the characters stage finds told in the second person is flagged as that stage flags its
Reader (:func:`ficlens.characters.reader_narration`).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

from ficlens.characters import reader_narration
from ficlens.document import Span, Work
from ficlens.eval.pdnc_data import GoldCharacter

_POSSESSIVE = re.compile(r"['’][sS]\b")
_EPITHET = re.compile(r"^(?:Young|Old|Little|Poor) [A-Z]")
_DETERMINER = re.compile(r"^(?:The|A|An|Her|His|My|Our|Their|Your) \w")
_SPACES = re.compile(r"\s+")
GENDERS = {"M": "male", "F": "female"}
_TITLES = re.compile(
    r"^(?:Mr|Mrs|Ms|Miss|Mx|Dr|Sir|Lady|Lord|Madame|Mme|Monsieur|Captain|Colonel|Major|"
    r"Professor|Aunt|Uncle|Mother|Father|Coach|Signora|Signor|Rev|Reverend)\b\.?"
)


_READER_NAMES = frozenset({"reader", "y/n"})  # a reader-insert's protagonist, as annotated


def character_id(gold_id: int) -> str:
    return f"C{gold_id}"


def mention_kind(name: str) -> str:
    if not name[:1].isupper():
        return "nominal"
    if _TITLES.match(name):
        return "title"
    return "proper"


def _name_pattern(names: list[str]) -> re.Pattern[str]:
    ordered = sorted(names, key=len, reverse=True)
    alternatives = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in ordered)
    return re.compile(rf"(?<![\w'’])(?:{alternatives})(?![\w])")


def _name_parts(characters: list[GoldCharacter]) -> dict[str, GoldCharacter]:
    """First and last names of multi-word names ("Bill" of "Bill Gorton"), kept only
    when exactly one character could own them; alias lists are often incomplete."""
    claims: dict[str, set[int]] = {}
    by_id = {c.id: c for c in characters}
    for char in characters:
        for name in char.names:
            words = _TITLES.sub("", name).replace(".", " ").split()
            if len(words) < 2 or not all(w[:1].isupper() for w in words):
                continue
            if _POSSESSIVE.search(name):  # "Thérèse De Vitré'S Father" is not a Thérèse
                continue
            if "," in name:  # "Small, Dark, Brisk Man" describes; its words name no one
                continue
            for word in (words[0], words[-1]):
                if len(word) > 2:
                    claims.setdefault(word, set()).add(char.id)
    return {w: by_id[next(iter(ids))] for w, ids in claims.items() if len(ids) == 1}


def _duplicates(text: str, characters: list[GoldCharacter]) -> dict[int, GoldCharacter]:
    """Entries with no annotated gender whose names are all words of other entries' names
    ("Bounderby" beside "Mr. Bounderby"): each is folded into the claimant whose own names
    occur most often in the text."""
    folded = {}
    for char in characters:
        if char.gender.upper() != "X":
            continue
        claimants = [
            other for other in characters
            if other.id != char.id and other.gender.upper() != "X"
            and all(any(n in other_name.split() for other_name in other.names)
                    for n in char.names)
        ]
        if claimants:
            folded[char.id] = max(
                claimants,
                key=lambda o: sum(text.count(n) for n in o.names if any(
                    w in n.split() for w in char.names)),
            )
    return folded


FULL_NAME_USES = 3  # a full name the text uses this often is how it names someone


def _uses(text: str, name: str) -> int:
    return len(re.findall(rf"(?<![\w'’]){re.escape(name)}(?!\w)", text))


def _first_names_given_away(
    text: str, characters: list[GoldCharacter]
) -> dict[str, GoldCharacter]:
    """A bare first name listed for a character the text mostly calls by surname, when the
    text also names another character by that first name and a surname: the bare name is
    the other's (A Handful of Dust lists "John" for John Beaver, whom the narration calls
    "Beaver"; its bare "John" is John Andrew). The same test the characters stage makes."""
    given: dict[str, GoldCharacter] = {}
    for char in characters:
        for word in char.names:
            if " " in word.strip() or len(word) < 3:
                continue
            surnames = [n.split()[-1] for n in char.names
                        if len(n.split()) == 2 and n.split()[0] == word]
            if not any(_uses(text, s) > _uses(text, word) for s in surnames):
                continue
            others = [o for o in characters if o.id != char.id and word not in o.names
                      and any(n.split()[0] == word and len(n.split()) > 1
                              and _uses(text, n) >= FULL_NAME_USES for n in o.names)]
            if len(others) == 1:
                given[word] = others[0]
    return given


_PARTICLES = re.compile(r"\b(De|Du|Da|Di|Van|Von|La|Le)\b(?= [A-Z])")


def spelling_variants(name: str) -> set[str]:
    """Other spellings of a listed name that the text may use: a lower-case particle
    ("Therese de Vitre"), the accents dropped, or each accented letter lost to a '?' (as
    in the Gutenberg text of A Handful of Dust: "Th?r?se de Vitr?")."""
    forms = {name, _PARTICLES.sub(lambda m: m.group(1).lower(), name)}
    for form in list(forms):
        if not form.isascii():
            folded = unicodedata.normalize("NFKD", form)
            forms.add("".join(c for c in folded if not unicodedata.combining(c)))
            forms.add("".join(c if c.isascii() else "?" for c in form))
    return forms - {name}


_ARTICLE = re.compile(r"^(?:The|A|An|One) \w")


def description_forms(name: str) -> set[str]:
    """How the text writes a description PDNC lists in title case: a long one in lower
    case ("The Reception Clerk": "the reception clerk"), a possessive one with its words
    after the owner in lower case ("Dan'S Friend": "Dan's friend", "vicar's sister")."""
    forms = set()
    if _ARTICLE.match(name) and len(name.split()) >= 3:
        forms.add(name.lower())
    if _POSSESSIVE.search(name):
        owner, _, rest = _POSSESSIVE.sub("'s", name).partition("'s")
        forms.update({f"{owner}'s{rest.lower()}", f"{owner.lower()}'s{rest.lower()}"})
    return forms - {name}


def add_gold_characters(work: Work, characters: list[GoldCharacter]) -> None:
    """Add the ``characters`` table and ``mentions`` layer for ``characters`` to ``work``."""
    folded = _duplicates(work.text, characters)
    by_id = {c.id: c for c in characters}
    characters = [c for c in characters if c.id not in folded]
    owner: dict[str, GoldCharacter] = {}
    for dup_id, target in folded.items():
        for name in by_id[dup_id].names:
            owner[name] = target
    owner.update(_first_names_given_away(work.text, characters))
    for char in characters:
        for name in sorted(char.names):
            if len(name) > 1 and not name.startswith("_") and name != "Narr":
                owner.setdefault(name, char)
    for variant, char in _name_parts(characters).items():
        owner.setdefault(variant, char)
    for name, char in list(owner.items()):
        for variant in spelling_variants(name):
            owner.setdefault(variant, char)
    for char in characters:
        for name in sorted(char.names):
            # PDNC capitalises descriptions ("The Mouse", "Young Thomas"); the text says
            # "the Mouse", "young Thomas" (an epithet only where the text has it so).
            lowered = name[0].lower() + name[1:]
            if _DETERMINER.match(name) or (_EPITHET.match(name) and lowered in work.text):
                owner.setdefault(lowered, char)
            for form in description_forms(name):
                owner.setdefault(form, char)
    mentions: list[Span] = []
    counts: Counter[int] = Counter()
    if owner:
        for match in _name_pattern(list(owner)).finditer(work.text):
            name = _SPACES.sub(" ", match.group(0))
            char = owner.get(name)
            if char is None:
                continue
            counts[char.id] += 1
            mentions.append(
                Span(match.start(), match.end(),
                     {"character": character_id(char.id), "kind": mention_kind(name)})
            )
    table = [
        {
            "id": character_id(char.id),
            "name": char.name,
            "aliases": sorted(n for n in char.names - {char.name} if not n.startswith("_")),
            "gender": GENDERS.get(char.gender.upper()),
            "mentions": counts[char.id],
            "on_stage": counts[char.id] > 0,
            "narrator": any(n.strip("_").lower() == "narr" for n in char.names),
        }
        for char in characters
    ]
    _flag_reader(work, table, characters)
    work.set_table("characters", table)
    work.add_layer("mentions", mentions)


def _flag_reader(work: Work, table: list[dict], characters: list[GoldCharacter]) -> None:
    """The one character called "Reader" or "Y/N", flagged as the narrator in the second
    person when the story is told in it."""
    readers = [row for row, char in zip(table, characters, strict=True)
               if {n.strip("()[] ").lower() for n in char.names} & _READER_NAMES]
    if len(readers) != 1:
        return
    narration = reader_narration(work)
    if narration is not None:
        readers[0].update(narration)
