"""Nominal person mentions ("the old woman", "his wife", "a stranger") from the parse in
the ``tokens`` layer.

A mention is a noun phrase whose head noun denotes a person. The person nouns are the heads
of LitBank's nominal person mentions in its training documents (kept when at least half of
their noun uses head such a mention), plus common modern ones and words ending in -man or
-woman. The span follows LitBank's convention: the head's maximal phrase with its modifiers
(articles, adjectives, possessors, prepositional phrases and relative clauses), cut before a
coordination ("the man and his wife" holds two mentions) and without trailing punctuation
or a possessive "'s".
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ficlens.document import Span

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
QUANTIFIERS = frozenset({"no", "any", "every", "some"})
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


class TokenTree:
    """The dependency tree of the ``tokens`` layer, read one sentence at a time."""

    def __init__(self, tokens: Sequence[Span]) -> None:
        self.tokens = tokens
        self.sent = [t.attrs.get("sent", 0) for t in tokens]

    def sentence_range(self, index: int) -> tuple[int, int]:
        sent = self.sent[index]
        return bisect.bisect_left(self.sent, sent), bisect.bisect_right(self.sent, sent)

    def branch_of(self, head: int) -> dict[int, int]:
        """Each token of ``head``'s subtree, mapped to the child of ``head`` it hangs from
        (``head`` itself maps to itself)."""
        first, last = self.sentence_range(head)
        branch = {head: head}
        for index in range(first, last):
            path = [index]
            node = index
            for _ in range(last - first):
                parent = self.tokens[node].attrs.get("head", -1)
                if node == head or parent == node or not first <= parent < last:
                    break
                if parent == head:
                    break
                node = parent
                path.append(node)
            if node == head or self.tokens[node].attrs.get("head", -1) == head:
                for member in path:
                    branch.setdefault(member, node if node != head else head)
        return branch


def phrase_bounds(tree: TokenTree, head: int) -> tuple[int, int]:
    """Token range ``[first, last]`` of the head's phrase, LitBank style."""
    tokens = tree.tokens
    branch = tree.branch_of(head)
    first = min(branch)
    last = head
    ends: dict[int, int] = {}
    for member, child in branch.items():
        ends[child] = max(ends.get(child, member), member)
    for child in sorted(c for c in ends if c > head):
        dep = tokens[child].attrs.get("dep", "")
        if dep in CUT_DEPS:
            break
        if tokens[child].attrs.get("pos") != "PUNCT":
            last = ends[child]
    while last > head and (
        tokens[last].attrs.get("pos") == "PUNCT" or tokens[last].attrs.get("dep") == "case"
    ):
        last -= 1
    while first < head and tokens[first].attrs.get("pos") == "PUNCT":
        first += 1
    return first, last


def _quantified_one(text: str, tokens: Sequence[Span], index: int) -> bool:
    """ "no one", "any one", "every one", "some one": a person, unlike a bare "one"."""
    if index == 0 or tokens[index - 1].attrs.get("head") != index:
        return False
    before = tokens[index - 1]
    return text[before.start : before.end].lower() in QUANTIFIERS


def find_nominals(
    text: str, tokens: Sequence[Span], taken: Iterable[tuple[int, int]] = ()
) -> list[Nominal]:
    """Nominal person mentions in the ``tokens`` layer, in text order.

    Heads inside a ``taken`` span (a name the characters stage already found) are skipped.
    """
    taken_sorted = sorted(taken)
    starts = [s for s, _ in taken_sorted]
    tree = TokenTree(tokens)
    out: list[Nominal] = []
    for index, tok in enumerate(tokens):
        attrs = tok.attrs
        if attrs.get("pos") not in ("NOUN", "PROPN", "PRON", "NUM"):
            continue
        if attrs.get("dep") == "compound":
            continue
        lemma = str(attrs.get("lemma", "")).lower()
        word = text[tok.start : tok.end].lower()
        if word == "one":
            if not _quantified_one(text, tokens, index):
                continue
        elif attrs["pos"] == "PRON" or attrs["pos"] == "NUM":
            if word not in INDEFINITE_PERSONS:
                continue
        elif not is_person_noun(lemma):
            continue
        k = bisect.bisect_right(starts, tok.start) - 1
        if k >= 0 and taken_sorted[k][1] > tok.start:
            continue
        first, last = phrase_bounds(tree, index)
        out.append(Nominal(
            tokens[first].start, tokens[last].end, lemma, noun_gender(lemma),
            attrs.get("tag") in ("NNS", "NNPS"),
        ))
    out.sort(key=lambda n: (n.start, -n.end))
    return out
