"""Unnamed speakers: "the woman behind the counter said" makes "the woman" a character.

A noun phrase with "the", "this" or "that", one with "a" that brings somebody new ("said a
little girl"), or a bare role used as a name ("said nanny"), that is the subject of a speech
verb right next to a quotation, read from the dependency layer. Phrases with the same head
noun and adjectives ("the old woman") are one nominal character.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ficlens.characters.config import tunables
from ficlens.characters.names import HONORIFICS, SPEECH_VERBS, TITLES
from ficlens.characters.textview import TextView
from ficlens.document import Span
from ficlens.lexicon import kin_terms, noun_gender, person_nouns

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


@dataclass
class NominalSpeaker:
    key: str
    gender: str
    spans: list[tuple[int, int]] = field(default_factory=list)
    names: Counter[str] = field(default_factory=Counter)


def find_nominal_speakers(view: TextView) -> list[NominalSpeaker]:
    speakers: dict[str, NominalSpeaker] = {}
    for index, tok in enumerate(view.tokens):
        if tok["dep"] not in ("nsubj", "dobj") or not _is_person_noun(view, tok):
            continue
        verb = _speech_verb(view, index)
        if verb < 0:
            continue
        if view.in_quote(tok.start) or not view.near_quote(view.tokens[verb].start):
            continue
        found = _definite_phrase(view, index, verb)
        if found is None:
            continue
        key, start, end = found
        speaker = _referred_back(view, speakers, found)
        if speaker is None:
            if tok["dep"] == "dobj" or _is_epithet(view, index, found):
                continue
            speaker = speakers.get(key)
        if speaker is None:
            speaker = speakers[key] = NominalSpeaker(key, _noun_gender(tok["lemma"]))
        speaker.spans.append((start, end))
        speaker.names[_as_name(view.text[start:end])] += 1
    return list(speakers.values())


def _referred_back(
    view: TextView, speakers: dict[str, NominalSpeaker], found: tuple[str, int, int]
) -> NominalSpeaker | None:
    """ "the girl" after "said a little girl": a bare definite noun names the one speaker
    with that noun who came on as somebody new ("a ...") and spoke just before. After "the
    fat detective", "the detective" may be the named detective the narrator describes."""
    key, start, _end = found
    if " " in key or _word(view, view.token_at(start)) not in DEFINITE:
        return None
    recent = [
        speaker
        for speaker in speakers.values()
        if speaker.key.endswith(f" {key}")
        and start - speaker.spans[-1][1] <= tunables().recent_speaker
        and _came_on_new(view, speaker)
    ]
    return recent[0] if len(recent) == 1 else None


def _came_on_new(view: TextView, speaker: NominalSpeaker) -> bool:
    first = view.token_at(speaker.spans[0][0])
    return first >= 0 and _word(view, first) in INDEFINITE


def _speech_verb(view: TextView, noun: int) -> int:
    """The speech verb the noun is the speaker of, or -1: its verb ("the waiter said"), a
    verb conjoined to it ("the junior clerk brightened and said"), or, for an object
    spaCy misreads in an inverted tag, the verb right after a quotation (', " remarked the
    passenger')."""
    verb = view.tokens[noun]["head"]
    if not 0 <= verb < len(view.tokens):
        return -1
    if view.tokens[noun]["dep"] == "dobj":
        return verb if _is_speech(view, verb) and _after_quotation(view, verb) else -1
    if _is_speech(view, verb):
        return verb
    return next((i for i in _conjoined(view, verb) if _is_speech(view, i)), -1)


def _after_quotation(view: TextView, verb: int) -> bool:
    before = view.text[max(view.tokens[verb].start - 3, 0) : view.tokens[verb].start]
    return before.rstrip().endswith(('"', "”"))


def _is_speech(view: TextView, index: int) -> bool:
    return view.tokens[index]["lemma"] in SPEECH_VERBS


def _conjoined(view: TextView, verb: int) -> list[int]:
    """Verbs conjoined to ``verb`` in its sentence, after it."""
    sent = view.tokens[verb]["sent"]
    found = []
    for index in range(verb + 1, min(verb + tunables().max_conj_reach, len(view.tokens))):
        tok = view.tokens[index]
        if tok["sent"] != sent:
            break
        if tok["dep"] == "conj" and tok["head"] == verb and tok["pos"] == "VERB":
            found.append(index)
    return found


def _definite_phrase(view: TextView, noun: int, verb: int) -> tuple[str, int, int] | None:
    """(key, start, end) of the subject phrase when it names a person with a determiner
    (or as a bare role)."""
    lemma = view.tokens[noun]["lemma"].lower()
    if not _names_a_person(lemma):
        return None
    dependents = _dependents_around(view, noun, verb)
    det = [i for i in dependents if view.tokens[i]["dep"] == "det"]
    det = det or _owner(view, noun, dependents)
    if not det and _is_role_name(view, noun, dependents):
        tok = view.tokens[noun]
        return lemma, tok.start, tok.end  # "said nanny": a role used as a name
    if not det or (_word(view, det[0]) not in SPEAKER_DETERMINERS
                   and view.tokens[det[0]]["tag"] != "PRP$"):
        return None
    # "the Kiramman butler" is a named family's; "her advisor at Berkley" is still a role
    if any(view.tokens[i]["pos"] == "PROPN" for i in dependents if i < noun):
        return None
    modifiers = [
        _word(view, i) for i in dependents if i < noun and view.tokens[i]["dep"] in MODIFIER_DEPS
    ]
    key = " ".join([*modifiers, lemma])
    first, last = min(dependents), max(dependents)
    if view.tokens[det[0]]["tag"] == "PRP$" and last == noun:
        return None  # "my companion said", "his hostess said": someone already on stage
    return key, view.tokens[first].start, view.tokens[last].end


def _owner(view: TextView, noun: int, dependents: list[int]) -> list[int]:
    """ "her advisor at Berkley had said": a possessive pronoun before a role noun names
    someone as a determiner does when words after the noun single them out (the caller
    checks); not a relative ("his father said"), who is often a named character the text
    links by other means (:mod:`ficlens.characters.unnamed`)."""
    if view.tokens[noun]["lemma"].lower() in kin_terms():
        return []
    return [i for i in dependents
            if view.tokens[i]["dep"] == "poss" and view.tokens[i]["tag"] == "PRP$"]


def _is_role_name(view: TextView, noun: int, dependents: list[int]) -> bool:
    """A bare singular role noun with nothing before it ("said nanny", "nurse said")."""
    tok = view.tokens[noun]
    return (tok["tag"] in ("NN", "NNP") and dependents == [noun]
            and tok["lemma"].lower() in person_nouns()
            and tok["lemma"].lower() not in AGE_AND_SEX_NOUNS)


def _is_person_noun(view: TextView, tok: Span) -> bool:
    """A common noun, or a capitalised role the text uses as a name ("said Baby", "the
    Clown said"), which spaCy tags a proper noun; real names and titles ("the young Lord",
    "said Father") are the named stage's."""
    if tok["pos"] == "NOUN":
        return True
    word = view.text[tok.start : tok.end]
    return (tok["pos"] == "PROPN" and word[:1].isupper() and word.lower() in person_nouns()
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
    limit = noun + 1 if verb < noun else min(len(view.tokens), noun + tunables().max_phrase)
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
    return lemma in person_nouns() or lemma.endswith(PERSON_SUFFIXES)


def _reaches(view: TextView, index: int, target: int) -> bool:
    for _ in range(tunables().max_phrase):
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
    return noun_gender(lemma).value
