"""Nominal person mentions ("the old woman", "his wife", "a stranger") from the parse in
the ``tokens`` layer.

A mention is a noun phrase whose head noun denotes a person. The person nouns are the heads
of LitBank's nominal person mentions in its training documents (kept when at least half of
their noun uses head such a mention), plus common modern ones and words ending in -man or
-woman; a quantity "of" people ("a party of men", "the rest of them") counts too, and a
person noun in an abstract sense ("in her youth", "into the coach") does not. The span
follows LitBank's convention: the head's maximal phrase with its modifiers (predeterminers,
articles, adjectives, possessors, prepositional phrases and relative clauses), cut before a
coordination ("the man and his wife" holds two mentions), before a phrase a comma sets off
("the captain, in a low voice"; a "who" clause stays: "the captain, who had sailed for
years", and so does a "with" or "of" phrase: "a tall man, with shifty eyes"), before a
participle or infinitive ("no one listening", "no one to talk to") and without trailing
punctuation or a possessive "'s".
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ficlens.coref.pronouns import PERSONAL_PRONOUNS
from ficlens.document import LayerView, Span
from ficlens.lexicon import group_person_nouns, is_person_noun, noun_gender

# indefinite pronouns LitBank annotates as nominal person mentions
INDEFINITE_PERSONS = frozenset(
    "nobody somebody someone anyone everyone everybody anybody no-one".split()
)
QUANTIFIERS = frozenset({"no", "any", "every", "some"})
CUT_DEPS = frozenset({"cc", "conj", "case", "appos"})
# left dependents that are not part of the phrase: "even the prince", "what a fool"; LitBank
# keeps predeterminers ("such a man", "all the men")
LEFT_OUTSIDE_DEPS = frozenset({"advmod", "cc", "intj", "mark", "preconj", "punct"})
LEFT_OUTSIDE_WORDS = frozenset({"what", "how"})
# right dependents that are not part of the phrase: "a child here", "the men later" (but
# "someone else" is one phrase)
RIGHT_OUTSIDE_DEPS = frozenset({"advmod", "npadvmod"})
# prepositional phrases LitBank mostly leaves out of the phrase: "her sister on the bank",
# "a fool for ... " stays in less often than not ("the man at the gate" is kept)
RIGHT_OUTSIDE_PREPOSITIONS = frozenset({"on", "by", "among", "about", "without", "near", "to"})
# right dependents a comma sets off: "the man, in a low voice", "the man, kind as ever"
COMMA_CUT_DEPS = frozenset({"relcl", "acl", "prep", "amod"})
SEPARATORS = frozenset({",", ";", "--", "—", "–", "("})
PERSON_RELATIVES = frozenset({"who", "whom", "whose"})
# relative clauses LitBank keeps even when a comma sets them off: "an officer, whom she ..."
KEPT_AFTER_COMMA = frozenset({"who", "whom", "whose"})
# and prepositional phrases that describe the person: "a tall man, with shifty eyes"
PREPOSITIONS_KEPT_AFTER_COMMA = frozenset({"with", "of"})
# participles that name the person stay in the phrase ("a man named Jim"); other clauses
# hanging from the head ("no one listening", "his daughter employed in ...") are left out
NAMING_VERBS = frozenset({"named", "called"})
# nouns for a quantity or a part, people when "of" people follows: "a party of men", "the
# rest of them", "none of us", "the sort of man who ..."
QUANTITY_NOUNS = frozenset(
    """rest party number body company band group class army tribe score hundred thousand
    dozen couple pair host multitude troop throng mob set handful majority none sort kind
    race generation lot other others most""".split()
)
# "that of Mademoiselle", "those of a white man": a thing of someone's, not a person
STAND_IN_PRONOUNS = frozenset({"that", "those", "this", "these"})
# abstract senses of person nouns: "in her youth", "our acquaintance", "her figure"
ABSTRACT_WHEN_POSSESSED = frozenset({"youth", "acquaintance", "figure"})
# "the coach": the vehicle when one gets into, onto or out of it
VEHICLE_NOUNS = frozenset({"coach"})
PLACE_PREPOSITIONS = frozenset({"in", "into", "on", "onto", "from", "of", "inside", "by"})
PLURAL_PEOPLE = frozenset({"them", "us", "you", "whom"})
# personal pronouns are the pronoun layer's: never nominal heads
PERSONAL = PERSONAL_PRONOUNS


@dataclass(frozen=True, slots=True)
class Nominal:
    start: int
    end: int
    head: str  # lemma of the head noun
    gender: str | None  # "m", "f" or None
    plural: bool


class TokenTree:
    """The dependency tree of the ``tokens`` layer, read one sentence at a time."""

    def __init__(self, tokens: Sequence[Span]) -> None:
        self.tokens = tokens
        self.sent = [t.attrs.get("sent", 0) for t in tokens]
        self._children: dict[int, dict[int, list[int]]] = {}  # per sentence, made on demand

    def sentence_range(self, index: int) -> tuple[int, int]:
        sent = self.sent[index]
        return bisect.bisect_left(self.sent, sent), bisect.bisect_right(self.sent, sent)

    def sentence_children(self, first: int, last: int) -> dict[int, list[int]]:
        """The dependents of each token of the sentence ``first:last`` within it."""
        children = self._children.get(first)
        if children is None:
            children = self._children[first] = {}
            for index in range(first, last):
                parent = self.tokens[index].attrs.get("head", -1)
                if parent != index and first <= parent < last:
                    children.setdefault(parent, []).append(index)
        return children

    def branch_of(self, head: int) -> dict[int, int]:
        """Each token of ``head``'s subtree, mapped to the child of ``head`` it hangs from
        (``head`` itself maps to itself)."""
        first, last = self.sentence_range(head)
        children = self.sentence_children(first, last)
        branch = {head: head}
        for child in children.get(head, ()):
            stack = [child]
            while stack:
                node = stack.pop()
                if node not in branch:
                    branch[node] = child
                    stack.extend(children.get(node, ()))
        return branch


def _subtrees(tree: TokenTree, head: int) -> dict[int, tuple[int, int]]:
    """Each child of ``head`` with the first and last token of its subtree."""
    bounds: dict[int, tuple[int, int]] = {}
    for member, child in tree.branch_of(head).items():
        if child != head:
            low, high = bounds.get(child, (member, member))
            bounds[child] = (min(low, member), max(high, member))
    return bounds


def _word(tree: TokenTree, index: int, text: str) -> str:
    tok = tree.tokens[index]
    return text[tok.start : tok.end].lower()


def _right_end(tree: TokenTree, head: int, bounds: dict[int, tuple[int, int]], text: str) -> int:
    """Last token of the phrase: right dependents up to a coordination, an apposition or an
    adverb, and up to a comma that sets off a clause or a phrase ("the man, who ...")."""
    tokens = tree.tokens
    last = head
    for child in sorted(c for c in bounds if c > head):
        attrs = tokens[child].attrs
        dep = attrs.get("dep", "")
        if attrs.get("pos") == "PUNCT":
            continue
        word = _word(tree, child, text)
        if dep in CUT_DEPS or (dep in RIGHT_OUTSIDE_DEPS and word != "else"):
            break
        if dep == "prep" and word in RIGHT_OUTSIDE_PREPOSITIONS:
            break
        if _clause_outside(tree, child, bounds[child][0], text):
            break
        between = range(last + 1, bounds[child][0])
        opener = _word(tree, bounds[child][0], text)
        if (
            dep in COMMA_CUT_DEPS
            and any(_word(tree, k, text) in SEPARATORS for k in between)
            and not (dep == "relcl" and opener in KEPT_AFTER_COMMA)
            and not (dep == "prep" and opener in PREPOSITIONS_KEPT_AFTER_COMMA)
        ):
            break
        last = max(last, bounds[child][1])
    return last


def _clause_outside(tree: TokenTree, child: int, first: int, text: str) -> bool:
    """A clause hanging from the head that LitBank leaves out: a participle or infinitive
    ("no one listening", "no one to talk to"), unless it names the person ("a man named")."""
    dep = tree.tokens[child].attrs.get("dep", "")
    if dep == "acl":
        return _word(tree, child, text) not in NAMING_VERBS
    return dep == "relcl" and _word(tree, first, text) == "to"


LISTED_MODIFIER_DEPS = frozenset({"amod", "conj", "punct"})


def _after_left_comma(tree: TokenTree, first: int, head: int, text: str) -> int:
    """Start after a comma left of the head that does not part adjectives ("Bankers,
    merchants", "your labour, lad"), unlike "a tall, loosely built man"."""
    for index in range(head - 1, first, -1):
        before = tree.tokens[index - 1].attrs
        if _word(tree, index, text) == "," and (
            before.get("pos") not in ("ADJ", "ADV", "PUNCT")
            or before.get("dep") not in LISTED_MODIFIER_DEPS
        ):
            return index + 1
    return first


def phrase_bounds(tree: TokenTree, head: int, text: str = "") -> tuple[int, int]:
    """Token range ``[first, last]`` of the head's phrase, LitBank style."""
    tokens = tree.tokens
    bounds = _subtrees(tree, head)
    first = min([head, *(low for low, _ in bounds.values())])
    last = _right_end(tree, head, bounds, text) if text else head
    for child in sorted(c for c in bounds if c < head):
        dep = tokens[child].attrs.get("dep", "")
        if dep not in LEFT_OUTSIDE_DEPS and _word(tree, child, text) not in LEFT_OUTSIDE_WORDS:
            break
        first = bounds[child][1] + 1
    if text:
        first = _after_left_comma(tree, first, head, text)
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


def has_person_relative(text: str, tokens: Sequence[Span], index: int) -> bool:
    """A noun a "who" clause describes is a person, whatever the noun ("the dealer who")."""
    for child in range(index + 1, min(index + 4, len(tokens))):
        word = text[tokens[child].start : tokens[child].end].lower()
        if word in PERSON_RELATIVES:
            return tokens[child].attrs.get("dep") in ("nsubj", "nsubjpass", "dobj", "poss", "pobj")
        if tokens[child].attrs.get("pos") not in ("PUNCT", "ADV"):
            return False
    return False


def of_people(text: str, tokens: Sequence[Span], index: int) -> bool:
    """A quantity of people: "some of them", "one of the men", "two of us"."""
    children = [i for i in range(index + 1, min(index + 3, len(tokens)))
                if tokens[i].attrs.get("head") == index]
    if not children or text[tokens[children[0]].start : tokens[children[0]].end].lower() != "of":
        return False
    of = children[0]
    for grand in range(of + 1, min(of + 6, len(tokens))):
        attrs = tokens[grand].attrs
        if attrs.get("head") == of and attrs.get("dep") == "pobj":
            word = text[tokens[grand].start : tokens[grand].end].lower()
            lemma = str(attrs.get("lemma", "")).lower()
            return word in PLURAL_PEOPLE or is_person_noun(lemma) or lemma in group_person_nouns()
    return False


def _is_person_head(
    text: str, tokens: Sequence[Span], index: int, word: str, lemma: str,
    nouns: frozenset[str] = frozenset(),
) -> bool:
    """Whether a noun, pronoun or number heads a phrase naming a person (``nouns``: more
    person nouns, such as the ones learnt with the coref model)."""
    if word == "one" or tokens[index].attrs["pos"] in ("PRON", "NUM"):
        return (
            word in INDEFINITE_PERSONS
            or (word == "one" and _quantified_one(text, tokens, index))
            or (word not in PERSONAL and has_person_relative(text, tokens, index))
            or (word not in PERSONAL | STAND_IN_PRONOUNS and of_people(text, tokens, index))
        )
    if lemma in QUANTITY_NOUNS and of_people(text, tokens, index):
        return True
    if not (is_person_noun(lemma) or lemma in group_person_nouns() or lemma in nouns):
        return has_person_relative(text, tokens, index)
    return not _other_sense(text, tokens, index, lemma)


def _other_sense(text: str, tokens: Sequence[Span], index: int, lemma: str) -> bool:
    """A person noun used for a thing: "in her youth", "into the coach"."""
    attrs = tokens[index].attrs
    if lemma in ABSTRACT_WHEN_POSSESSED and attrs.get("tag") == "NN":
        return not any(
            tokens[k].attrs.get("head") == index and tokens[k].attrs.get("dep") == "det"
            and text[tokens[k].start : tokens[k].end].lower() in ("a", "an", "the")
            for k in range(max(0, index - 4), index)
        )
    if lemma in VEHICLE_NOUNS and attrs.get("dep") == "pobj":
        head = tokens[attrs.get("head", index)]
        return text[head.start : head.end].lower() in PLACE_PREPOSITIONS
    return False


def find_nominals(
    text: str, tokens: Sequence[Span], taken: Iterable[tuple[int, int]] = (),
    nouns: frozenset[str] = frozenset(), heads: frozenset[int] = frozenset(),
) -> list[Nominal]:
    """Nominal person mentions in the ``tokens`` layer, in text order.

    Heads inside a ``taken`` span (a name the characters stage already found) are skipped;
    ``nouns`` are person nouns beside the lexicon's (lemmas, lower-cased) and ``heads`` the
    indices of tokens known to head a person mention (the person-noun detector's).
    """
    taken_view = LayerView(sorted(taken))
    tree = TokenTree(tokens)
    out: list[Nominal] = []
    for index, tok in enumerate(tokens):
        attrs = tok.attrs
        if attrs.get("pos") not in ("NOUN", "PROPN", "PRON", "NUM") and index not in heads:
            continue
        if attrs.get("dep") == "compound":
            continue
        lemma = str(attrs.get("lemma", "")).lower()
        word = text[tok.start : tok.end].lower()
        if index not in heads and not _is_person_head(text, tokens, index, word, lemma, nouns):
            continue
        if taken_view.covers(tok.start):
            continue
        first, last = phrase_bounds(tree, index, text)
        out.append(Nominal(
            tokens[first].start, tokens[last].end, lemma, noun_gender(lemma).code or None,
            attrs.get("tag") in ("NNS", "NNPS"),
        ))
    out.sort(key=lambda n: (n.start, -n.end))
    return out
