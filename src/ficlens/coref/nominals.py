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
from ficlens.nlp.lexicon import is_person_noun, noun_gender

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
            tokens[first].start, tokens[last].end, lemma, noun_gender(lemma) or None,
            attrs.get("tag") in ("NNS", "NNPS"),
        ))
    out.sort(key=lambda n: (n.start, -n.end))
    return out
