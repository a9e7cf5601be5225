"""Nominal person mentions ("the old woman", "his wife", "a stranger") from the spaCy parse.

A mention is a noun phrase whose head noun denotes a person. The person nouns are the heads
of LitBank's nominal person mentions in its training documents (kept when at least half of
their noun uses head such a mention), plus common modern ones and words ending in -man or
-woman. The span follows LitBank's convention: the head's maximal phrase with its modifiers
(articles, adjectives, possessors, prepositional phrases and relative clauses), cut before a
coordination ("the man and his wife" holds two mentions) and without trailing punctuation
or a possessive "'s".
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

PERSON_NOUNS = frozenset(
    # heads of nominal person mentions in LitBank's training documents
    "admiral admirer adventurer ancestor angel antagonist architect aristo artist astronomer "
    "attendant auctioneer aunt author baby baronet beadle beggar belle bidder bishop boy bride "
    "brother bystander captain celebrity chief child citizen classmate clergyman clerk coachman "
    "colonist combatant comer commander companion comrade cook corporal correspondent cottager "
    "counsel courtier cousin creature criminal critic culprit customer dame dandy daughter "
    "deity descendant devil doctor driver duke emperor enemy engineer excellency family farmer "
    "farrier father feller fellow financier foe folk follower fool forefather friend gardener "
    "gatekeeper general gentleman girl governess grandfather grandmother grandson guard guest "
    "guide heir heiress herder hero heroine host hunter huntsman husband husbandman individual "
    "inhabitant instructor intruder judge keeper king knight lad lady ladyship lawyer leader "
    "lieutenant lover lunatic magistrate maid maiden mamma man master mate matron member "
    "merchant missionary mistress mortal mother musician native neighbour nephew newcomer "
    "niece nobleman novelist nurse observer offender officer orphan overseer owner pagan "
    "painter papa parent parson passenger patient peasant people person personage philosopher "
    "physician player poet porter practitioner priest prince prisoner professor proprietor "
    "prospector pupil queen reader receiver reformer registrar relative reporter reveller "
    "rider rival royalist ruler sailor savage scholar seaman sergeant servant settler shepherd "
    "sir sister sitter skipper slave soldier solicitor son specialist squire statesman "
    "stranger student successor sufferer suitor surgeon tailor teacher thief tourist trader "
    "traitor traveller tutor uncle valet victim villager visitor waggoner waiter wanderer ward "
    "warrior wearer weaver widow widower wife witness wizard woman workman writer "
    # common in present-day fiction
    "mom mum dad daddy mommy grandma grandpa granny kid guy girlfriend boyfriend fiance "
    "fiancee fiancé fiancée teammate partner roommate boss detective agent cop waitress "
    "bartender receptionist neighbor landlady landlord butler housekeeper colleague sibling "
    "twin toddler teenager teen youngster princess duchess countess sheriff pilot manager "
    "assistant groom bridegroom lass gal dude stepmother stepfather stepsister stepbrother "
    "girl-friend babysitter coach nanny".split()
)
NOT_PERSON = frozenset({"human", "woman-hood", "talisman", "caiman", "shaman's"})
PERSON_SUFFIXES = ("man", "woman")
FEMALE_NOUNS = frozenset(
    "aunt belle bride dame daughter governess grandmother heiress heroine lady ladyship maid "
    "maiden mamma matron mistress mother niece nurse queen sister widow wife woman mom mum "
    "mommy grandma granny girlfriend fiancee fiancée waitress landlady housekeeper princess "
    "duchess countess lass gal stepmother stepsister nanny girl".split()
)
MALE_NOUNS = frozenset(
    "baronet boy brother clergyman coachman duke emperor father fellow gentleman grandfather "
    "grandson husband husbandman king knight lad man nephew nobleman papa parson priest "
    "prince seaman sir son squire statesman uncle valet waiter widower workman dad daddy "
    "grandpa boyfriend fiance fiancé landlord butler groom bridegroom dude stepfather "
    "stepbrother".split()
)
# indefinite pronouns LitBank annotates as nominal person mentions
INDEFINITE_PERSONS = frozenset(
    "nobody somebody someone anyone everyone everybody anybody no-one".split()
)
CUT_DEPS = frozenset({"cc", "conj", "case", "appos"})


@dataclass(frozen=True, slots=True)
class Nominal:
    start: int
    end: int
    head: str  # lemma of the head noun
    gender: str | None  # "m", "f" or None
    plural: bool


def is_person_noun(lemma: str) -> bool:
    if lemma in PERSON_NOUNS:
        return True
    return lemma.endswith(PERSON_SUFFIXES) and len(lemma) > 5 and lemma not in NOT_PERSON


def noun_gender(lemma: str) -> str | None:
    if lemma in FEMALE_NOUNS or lemma.endswith("woman"):
        return "f"
    if lemma in MALE_NOUNS or (lemma.endswith("man") and len(lemma) > 5):
        return "m"
    return None


def phrase_bounds(head) -> tuple[int, int]:  # noqa: ANN001 - a spaCy Token
    """Token range ``[first, last]`` of the head's phrase, LitBank style."""
    first = head.left_edge.i
    last = head.i
    for child in head.rights:
        if child.dep_ in CUT_DEPS:
            break
        if not child.is_punct:
            last = child.right_edge.i
    doc = head.doc
    while last > head.i and (doc[last].is_punct or doc[last].dep_ == "case"):
        last -= 1
    while first < head.i and doc[first].is_punct:
        first += 1
    return first, last


def find_nominals(
    docs: Sequence[tuple[int, object]], taken: Iterable[tuple[int, int]] = ()
) -> list[Nominal]:
    """Nominal person mentions in the parsed ``(offset, Doc)`` pairs, in text order.

    Heads inside a ``taken`` span (a name the characters stage already found) are skipped.
    """
    from spacy.attrs import LEMMA, LOWER, POS  # spaCy is loaded whenever parsed docs exist

    taken_sorted = sorted(taken)
    starts = np.array([s for s, _ in taken_sorted], dtype=np.int64)
    ends = np.array([e for _, e in taken_sorted], dtype=np.int64)
    out: list[Nominal] = []
    for offset, doc in docs:
        if len(doc) == 0:
            continue
        strings = doc.vocab.strings
        nouns = [strings["NOUN"], strings["PROPN"]]
        arr = doc.to_array([POS, LEMMA, LOWER])
        indefinite = np.isin(arr[:, 2], [strings[w] for w in INDEFINITE_PERSONS])
        for index in np.flatnonzero(np.isin(arr[:, 0], nouns) | indefinite).tolist():
            lemma = strings[int(arr[index, 1])].lower()
            if not (indefinite[index] or is_person_noun(lemma)):
                continue
            head = doc[index]
            if head.dep_ == "compound":
                continue
            pos = offset + head.idx
            k = int(np.searchsorted(starts, pos, side="right")) - 1
            if k >= 0 and ends[k] > pos:
                continue
            first, last = phrase_bounds(head)
            out.append(Nominal(
                offset + doc[first].idx, offset + doc[last].idx + len(doc[last].text), lemma,
                noun_gender(lemma), head.tag_ in ("NNS", "NNPS"),
            ))
    out.sort(key=lambda n: (n.start, -n.end))
    return out
