"""Unnamed speakers: "the woman behind the counter said" makes "the woman" a character.

A noun phrase with "the", "this" or "that", one with "a" that brings somebody new ("said a
little girl"), or a bare role used as a name ("said nanny"), that is the subject of a speech
verb right next to a quotation, read from the dependency layer. Phrases with the same head
noun and adjectives ("the old woman") are one nominal character.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ficlens.characters.names import HONORIFICS, SPEECH_VERBS, TITLES
from ficlens.characters.textview import TextView
from ficlens.document import Span
from ficlens.nlp.lexicon import PERSON_NOUNS, noun_gender

DEFINITE = frozenset({"the", "this", "that"})
INDEFINITE = frozenset({"a", "an"})  # "said a little girl": somebody new
SPEAKER_DETERMINERS = DEFINITE | INDEFINITE
NOT_PEOPLE = frozenset(
    """
    voice sound radio phone telephone television tv letter note sign paper book door wind
    silence crowd room group message text email screen speaker intercom machine computer card
    headline article clock bell music song words word look face eyes expression smile answer
    question reply thing something way other one rest story narrator water corner number
    matter order floor mirror color colour tower weather dinner summer winter silver thunder
    shoulder finger river chamber paper letter manner murmur whisper laughter silence moment
    event argument comment movement instrument element statement judgment document ornament
    """.split()
)
AGE_AND_SEX_NOUNS = frozenset(
    "man woman lad lass girl boy gentleman lady youth fellow person child kid".split()
)
PERSON_SUFFIXES = ("er", "or", "ist", "ian", "ant", "ent", "ess", "man", "woman")
MODIFIER_DEPS = frozenset({"amod", "compound", "nmod"})
MAX_PHRASE = 8


@dataclass
class NominalSpeaker:
    key: str
    gender: str
    spans: list[tuple[int, int]] = field(default_factory=list)
    names: Counter[str] = field(default_factory=Counter)


def find_nominal_speakers(view: TextView) -> list[NominalSpeaker]:
    speakers: dict[str, NominalSpeaker] = {}
    for index, tok in enumerate(view.tokens):
        if tok["dep"] != "nsubj" or not _is_person_noun(view, tok):
            continue
        verb = tok["head"]
        if not 0 <= verb < len(view.tokens) or view.tokens[verb]["lemma"] not in SPEECH_VERBS:
            continue
        if view.in_quote(tok.start) or not view.near_quote(view.tokens[verb].start):
            continue
        found = _definite_phrase(view, index, verb)
        if found is None or _is_epithet(view, index, found):
            continue
        key, start, end = found
        speaker = speakers.get(key)
        if speaker is None:
            speaker = speakers[key] = NominalSpeaker(key, _noun_gender(tok["lemma"]))
        speaker.spans.append((start, end))
        speaker.names[_as_name(view.text[start:end])] += 1
    return list(speakers.values())


def _definite_phrase(view: TextView, noun: int, verb: int) -> tuple[str, int, int] | None:
    """(key, start, end) of the subject phrase when it names a person with a determiner
    (or as a bare role)."""
    lemma = view.tokens[noun]["lemma"].lower()
    if not _names_a_person(lemma):
        return None
    dependents = _dependents_around(view, noun, verb)
    det = [i for i in dependents if view.tokens[i]["dep"] == "det"]
    if not det and _is_role_name(view, noun, dependents):
        tok = view.tokens[noun]
        return lemma, tok.start, tok.end  # "said nanny": a role used as a name
    if not det or _word(view, det[0]) not in SPEAKER_DETERMINERS:
        return None
    if any(view.tokens[i]["pos"] == "PROPN" for i in dependents if i != noun):
        return None
    modifiers = [
        _word(view, i) for i in dependents if i < noun and view.tokens[i]["dep"] in MODIFIER_DEPS
    ]
    key = " ".join([*modifiers, lemma])
    first, last = min(dependents), max(dependents)
    return key, view.tokens[first].start, view.tokens[last].end


def _is_role_name(view: TextView, noun: int, dependents: list[int]) -> bool:
    """A bare singular role noun with nothing before it ("said nanny", "nurse said")."""
    tok = view.tokens[noun]
    return (tok["tag"] in ("NN", "NNP") and dependents == [noun]
            and tok["lemma"].lower() in PERSON_NOUNS - AGE_AND_SEX_NOUNS)


def _is_person_noun(view: TextView, tok: Span) -> bool:
    """A common noun, or a capitalised role the text uses as a name ("said Baby", "the
    Clown said"), which spaCy tags a proper noun; real names and titles ("the young Lord",
    "said Father") are the named stage's."""
    if tok["pos"] == "NOUN":
        return True
    word = view.text[tok.start : tok.end]
    return (tok["pos"] == "PROPN" and word[:1].isupper() and word.lower() in PERSON_NOUNS
            and word not in TITLES and word not in HONORIFICS)


def _is_epithet(view: TextView, noun: int, found: tuple[str, int, int]) -> bool:
    """ "the lad", "the old gentleman", "the younger man": words for age and sex alone, with
    nothing after the noun to single someone out, are how a narrator varies the name of
    someone already on stage; "the woman behind the counter" is somebody new."""
    _key, start, end = found
    if view.tokens[noun].end < end:
        return False  # "the woman behind the counter", "the man who drove the cab"
    if _word(view, view.token_at(start)) in INDEFINITE:
        return False  # "said a little girl": somebody new
    return view.tokens[noun]["lemma"].lower() in AGE_AND_SEX_NOUNS


def _dependents_around(view: TextView, noun: int, verb: int) -> list[int]:
    """The noun and the contiguous tokens whose head chain reaches it (its phrase)."""
    inside = {noun}
    left = noun
    while left - 1 >= 0 and view.tokens[left - 1]["head"] in inside and left - 1 != verb:
        left -= 1
        inside.add(left)
    right = noun
    # After the verb ("said the old gentleman with a bow") what follows the noun tells how
    # it was said; before it ("the woman behind the counter asked") it tells who.
    limit = noun + 1 if verb < noun else min(len(view.tokens), noun + MAX_PHRASE)
    while right + 1 < limit and right + 1 != verb:
        if view.tokens[right + 1]["pos"] == "PUNCT" or not _reaches(view, right + 1, noun):
            break
        right += 1
        inside.add(right)
    return sorted(inside)


def _names_a_person(lemma: str) -> bool:
    """A rough person-noun test: known role words, or agent-like endings ("the undertaker")."""
    if lemma in NOT_PEOPLE or not lemma.isalpha():
        return False
    return lemma in PERSON_NOUNS or lemma.endswith(PERSON_SUFFIXES)


def _reaches(view: TextView, index: int, target: int) -> bool:
    for _ in range(MAX_PHRASE):
        index = view.tokens[index]["head"]
        if index == target:
            return True
        if index < 0:
            return False
    return False


def _word(view: TextView, index: int) -> str:
    tok = view.tokens[index]
    return view.text[tok.start : tok.end].lower()


def _as_name(phrase: str) -> str:
    """ "The woman" opening a sentence is "the woman"; "Baby" stays a name."""
    phrase = " ".join(phrase.split())
    first = phrase.split(" ", 1)[0]
    if first.lower() in SPEAKER_DETERMINERS:
        return first.lower() + phrase[len(first):]
    return phrase


def _noun_gender(lemma: str) -> str:
    return noun_gender(lemma).upper() or "U"
