"""What one use of a name says about its bearer being a person, read from the grammar
around it (issue 20, issue 24: names used once or twice in a drabble).

A name a list does not know, used once, is a person when the text treats it as one: it is
spoken to ("T'Pol,"), it speaks ("Dara insisted"), it owns a body part or a relative
("Willow's hands", "Ilse's brother"), it stands beside a person noun ("Mora, one of the
mechanics"), or it is the subject or object of a verb and a "he"/"she" follows before any
other name ("Kestrel slams the door and drops her bag"). A place or a nation (spaCy's
GPE / LOC / FAC / NORP) gets no credit from a pronoun: "Paris was lovely. She ..." says
nothing about Paris.
"""

from __future__ import annotations

from functools import lru_cache

from ficlens.characters.textview import TextView
from ficlens.lexicon import Gender, body_parts, is_person_noun, kin_terms, pronoun_words

PERSON_ROLES = frozenset({"nsubj", "nsubjpass", "dobj", "dative", "conj"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC", "NORP"})
PERSON_PREPOSITIONS = frozenset({"with", "to", "for"})


@lru_cache(maxsize=1)
def _object_pronouns() -> frozenset[str]:
    """him, her, me, you ("you" is listed once, as a subject)."""
    return (pronoun_words(cases=frozenset({"obj"})) - pronoun_words(gender=Gender.NEUTER)
            | pronoun_words(2, cases=frozenset({"subj"})))


@lru_cache(maxsize=1)
def _gendered_pronouns() -> frozenset[str]:
    return pronoun_words(3, Gender.MALE) | pronoun_words(3, Gender.FEMALE)


def person_cue(view: TextView, start: int, end: int) -> bool:
    """Does this use of the name at ``start:end`` treat its bearer as a person?"""
    head = view.head_of(start, end)
    if head < 0:
        return False
    if view.tokens[head]["tag"] not in ("NNP", "NNPS") or _determined(view, head):
        return False  # "I’ll" opening a line, "any Grogwater": no name, whatever follows
    label = view.entity_label_at.get(head)
    return (
        (label == "PERSON" and _person_role(view, head))
        or _owns_person_thing(view, head)
        or _beside_person_noun(view, head)
        or (_acts_on_person(view, head) and not view.in_quote(view.tokens[head].start))
        or (label not in PLACE_LABELS and _pronoun_follows(view, head))
    )


def _determined(view: TextView, head: int) -> bool:
    """A determiner on the name ("any Grogwater", "the Tardis"): a thing or a role."""
    start = max(0, head - 4)
    return any(view.tokens[i]["head"] == head and view.tokens[i]["dep"] == "det"
               for i in range(start, head))


def _person_role(view: TextView, head: int) -> bool:
    """Subject, object, apposition, or the object of "with", "to", "for" ("works with
    Mora"); not "of Surrey"."""
    tok = view.tokens[head]
    if tok["dep"] in PERSON_ROLES | {"appos"}:
        return True
    governor = tok["head"]
    return (tok["dep"] == "pobj" and 0 <= governor < len(view.tokens)
            and _word(view, governor).lower() in PERSON_PREPOSITIONS)


def _owns_person_thing(view: TextView, head: int) -> bool:
    """ "Willow's hands", "Ilse's brother"."""
    tok = view.tokens[head]
    if tok["dep"] != "poss" or not 0 <= tok["head"] < len(view.tokens):
        return False
    owned = view.tokens[tok["head"]]["lemma"].lower()
    word = _word(view, tok["head"]).lower()
    return word in body_parts() or owned in body_parts() or owned in kin_terms() or (
        is_person_noun(owned))


def _acts_on_person(view: TextView, head: int) -> bool:
    """ "Dapple hit you", "Pell kissed her": in the narration, the subject of a verb whose
    object is a person pronoun (a place or a brand seldom does something to someone)."""
    tok = view.tokens[head]
    if tok["dep"] != "nsubj":
        return False
    objects = _children(view, tok["head"], "dobj")
    return any(_word(view, o).lower() in _object_pronouns() for o in objects)


def _beside_person_noun(view: TextView, head: int) -> bool:
    """ "Mora, one of the mechanics", "Tobin, the blacksmith": an apposition that is a person
    noun, or "one of" person nouns."""
    for index in _children(view, head, "appos"):
        if is_person_noun(view.tokens[index]["lemma"]):
            return True
        for prep in _children(view, index, "prep"):
            if any(is_person_noun(view.tokens[o]["lemma"]) for o in _children(view, prep, "pobj")):
                return True
    return False


def _pronoun_follows(view: TextView, head: int) -> bool:
    """The name is the subject or object of a verb and a "he"/"she"/"his"/"her" comes after
    it in the same sentence or the next, before any other proper noun."""
    tok = view.tokens[head]
    if tok["dep"] not in PERSON_ROLES:
        return False
    sentence = tok["sent"]
    for index in range(head + 1, len(view.tokens)):
        other = view.tokens[index]
        if other["sent"] > sentence + 1:
            return False
        if _word(view, index).lower() in _gendered_pronouns():
            return True
        if other["tag"] in ("NNP", "NNPS") and other["head"] != head:
            return False
    return False


def _children(view: TextView, head: int, dep: str) -> list[int]:
    """Tokens of ``head``'s sentence after it (an appositive, an object sit close) attached
    to it by ``dep``."""
    found = []
    if not 0 <= head < len(view.tokens):
        return found
    sentence = view.tokens[head]["sent"]
    for index in range(head + 1, min(head + 12, len(view.tokens))):
        tok = view.tokens[index]
        if tok["sent"] != sentence:
            break
        if tok["head"] == head and tok["dep"] == dep:
            found.append(index)
    return found


def _word(view: TextView, index: int) -> str:
    tok = view.tokens[index]
    return view.text[tok.start : tok.end]
