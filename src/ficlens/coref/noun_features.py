"""Features of the noun heads that may name a person, for the person-noun detector.

A candidate is a noun (or an adjective used as one: "the sickly") heading a phrase that is
no name the characters stage found and no personal pronoun. Its features are lexical
(how often its lemma, and the last two and three letters of its lemma, head a person
mention in the training documents: ``LexicalTables``), syntactic (tag, dependency,
determiner, possessor, capitalisation; how often its slot, the dependency and the lemma of
its head, "nsubj:say" or "poss:hand", holds a person) and read from the document itself
(the he/she that follows; over all uses of the lemma in the document, the mean and highest
slot rate, so one "the miner said" speaks for every "miner").
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

from ficlens.coref.config import tunables
from ficlens.coref.pronouns import PERSONAL_PRONOUNS
from ficlens.document import LayerView, Span
from ficlens.lexicon import Gender, group_person_nouns, is_person_noun, pronoun_words

NOUN_POS = frozenset({"NOUN", "PROPN"})
# an adjective heads a phrase naming people in these slots when a determiner opens it
ADJ_HEAD_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "appos", "conj"})
PERSONAL = PERSONAL_PRONOUNS
DEP_CODES = {d: i for i, d in enumerate(
    "nsubj nsubjpass dobj pobj poss appos attr conj npadvmod dative ROOT compound".split()
)}
TAG_CODES = {t: i for i, t in enumerate("NN NNS NNP NNPS JJ".split())}
DET_CODES = {"the": 1, "a": 2, "an": 2, "this": 3, "that": 3, "these": 3, "those": 3,
             "some": 4, "any": 4, "no": 4, "every": 4, "each": 4, "another": 4}
HE_SHE = pronoun_words(3, Gender.MALE) | pronoun_words(3, Gender.FEMALE)
IT = pronoun_words(3, groups=frozenset({"thing"}))
THEY = pronoun_words(3, Gender.NEUTER)
THIRD_PERSON = HE_SHE | IT | THEY
FEATURE_NAMES = (
    "lemma_rate", "lemma_uses", "suffix3_rate", "suffix3_uses", "suffix2_rate",
    "slot_rate", "slot_uses", "doc_slot_mean", "doc_slot_max", "doc_count", "doc_he_share",
    "tag", "dep", "determiner", "possessed", "modifiers", "capitalised", "sentence_start",
    "next_pronoun", "plural", "lexicon", "length", "suffix4_rate", "agentive",
    "person_relative", "linked_person", "doc_linked_max", "doc_it_share",
)
AGENT_ENDINGS = ("er", "or", "ar")
# a word tied to the candidate as the same person: "Her husband was a miner", "damsels and
# milkmaids", "Jim, the drummer"
LINK_DEPS = frozenset({"attr", "appos", "conj"})
PERSON_WORDS = frozenset("i he she him her me you we they who whom".split())


@dataclass
class RateTable:
    """Counts of person heads and uses per key, read as a smoothed rate."""

    counts: dict[str, list[int]] = field(default_factory=dict)
    prior: float = 0.05

    def add(self, key: str, person: bool) -> None:
        entry = self.counts.setdefault(key, [0, 0])
        entry[0] += int(person)
        entry[1] += 1

    def rate(self, key: str) -> tuple[float, int]:
        hits, uses = self.counts.get(key, (0, 0))
        smoothing = tunables().rate_smoothing
        return (hits + smoothing * self.prior) / (uses + smoothing), uses

    def never(self, key: str) -> bool:
        """Seen often in training and never as a person."""
        hits, uses = self.counts.get(key, (0, 0))
        return hits == 0 and uses >= tunables().never_person_uses

    def pruned(self, min_uses: int) -> RateTable:
        """Only the keys seen ``min_uses`` times or heading a person at least once."""
        kept = {k: v for k, v in self.counts.items() if v[1] >= min_uses or v[0] > 0}
        return RateTable(kept, self.prior)


@dataclass
class LexicalTables:
    """What the training documents say of lemmas, lemma endings and slots."""

    lemma: RateTable
    suffix3: RateTable
    suffix2: RateTable
    slot: RateTable
    suffix4: RateTable = field(default_factory=RateTable)
    verbs: RateTable = field(default_factory=RateTable)  # verb lemmas (uses only)

    def as_dict(self) -> dict[str, object]:
        return {name: {"prior": t.prior, "counts": t.counts} for name, t in self._tables()}

    def _tables(self) -> list[tuple[str, RateTable]]:
        return [("lemma", self.lemma), ("suffix3", self.suffix3), ("suffix2", self.suffix2),
                ("slot", self.slot), ("suffix4", self.suffix4), ("verbs", self.verbs)]

    def agentive(self, lemma: str) -> bool:
        """An agent noun of a known verb: "miner", "drummer", "seller", "navigator"."""
        if len(lemma) < 5 or not lemma.endswith(AGENT_ENDINGS):
            return False
        stem = lemma[:-2]
        stems = {stem, stem + "e", lemma[:-1]}
        if len(stem) > 2 and stem[-1] == stem[-2]:
            stems.add(stem[:-1])
        return any(s in self.verbs.counts for s in stems)

    @classmethod
    def from_dict(cls, data: dict) -> LexicalTables:
        return cls(**{
            name: RateTable({k: list(v) for k, v in t["counts"].items()}, float(t["prior"]))
            for name, t in data.items()
        })


class DocView:
    """One document's tokens with the words, lemmas and children the features read."""

    def __init__(self, text: str, tokens: Sequence[Span]) -> None:
        self.text = text
        self.tokens = tokens
        # lower-cased words and lemmas, made on first use (most tokens never need them)
        self._lower: list[str | None] = [None] * len(tokens)
        self._lemmas: list[str | None] = [None] * len(tokens)
        attrs = [t.attrs for t in tokens]
        self.cols = {name: [str(a.get(name, "")) for a in attrs]
                     for name in ("pos", "dep", "tag")}
        self.heads = [int(a.get("head", -1)) for a in attrs]
        self.sents = [int(a.get("sent", 0)) for a in attrs]
        self.children: list[list[int]] = [[] for _ in tokens]
        for i, head in enumerate(self.heads):
            if 0 <= head < len(tokens) and head != i:
                self.children[head].append(i)
        self.next_pronoun = self._next_pronouns()
        self.taken: frozenset[int] = frozenset()

    def word(self, i: int) -> str:
        return self.text[self.tokens[i].start : self.tokens[i].end]

    def low(self, i: int) -> str:
        value = self._lower[i]
        if value is None:
            value = self._lower[i] = self.word(i).lower()
        return value

    def lemma(self, i: int) -> str:
        value = self._lemmas[i]
        if value is None:
            value = self._lemmas[i] = str(self.tokens[i].attrs.get("lemma", "")).lower()
        return value

    def mark_taken(self, indices: Iterable[int]) -> None:
        """Tokens inside the names the characters stage found."""
        self.taken = frozenset(indices)

    def known_person(self, i: int) -> bool:
        """A name, a personal pronoun or a person noun of the lexicon."""
        if i in self.taken or self.low(i) in PERSON_WORDS:
            return True
        return self.attr(i, "pos") == "NOUN" and lexicon_person(self.lemma(i))

    def linked_person(self, i: int) -> bool:
        """Tied to a known person by a copula, an apposition or a coordination."""
        head = self.tokens[i].attrs.get("head", -1)
        dep = self.attr(i, "dep")
        near = [k for k in self.children[i] if self.attr(k, "dep") in LINK_DEPS]
        if dep in ("appos", "conj") and 0 <= head < len(self.tokens):
            near.append(head)
        if dep == "attr" and 0 <= head < len(self.tokens):
            near += [k for k in self.children[head] if self.attr(k, "dep") == "nsubj"]
        return any(self.known_person(k) for k in near)

    def person_relative(self, i: int) -> bool:
        return any(self.low(k) in ("who", "whom", "whose")
                   for c in self.children[i] if self.attr(c, "dep") == "relcl"
                   for k in self.children[c])

    def attr(self, i: int, name: str) -> str:
        return self.cols[name][i]

    def slot(self, i: int) -> str:
        head = self.heads[i]
        head_lemma = self.lemma(head) if 0 <= head < len(self.tokens) and head != i else ""
        return f"{self.attr(i, 'dep')}:{head_lemma}"

    def _next_pronouns(self) -> list[int]:
        out = [-1] * len(self.tokens)
        following = -1
        pos = self.cols["pos"]
        for i in range(len(self.tokens) - 1, -1, -1):
            out[i] = following
            if pos[i] == "PRON" and self.low(i) in THIRD_PERSON:
                following = i
        return out


def slot_deps(view: DocView, i: int) -> bool:
    """Tokens whose slot tells of animacy: nouns, pronouns and names in any slot."""
    return view.attr(i, "pos") in ("NOUN", "PROPN", "PRON")


def candidates(
    view: DocView, taken: Iterable[tuple[int, int]] = (), tables: LexicalTables | None = None,
    lexicon: bool = True,
) -> list[int]:
    """Indices of the tokens that may head a nominal person mention (with ``tables``: less
    the lemmas the training documents never saw naming a person; ``lexicon``: with the
    person nouns the lexicon knows, which teach the classifier what a person's context
    looks like)."""
    view.mark_taken(_inside(view, taken))
    out = []
    pos_col, dep_col = view.cols["pos"], view.cols["dep"]
    min_length = tunables().min_noun_length
    for i in range(len(view.tokens)):
        pos, dep = pos_col[i], dep_col[i]
        if pos not in NOUN_POS and pos != "ADJ" or dep == "compound" or i in view.taken:
            continue
        word = view.low(i)
        if len(word) < min_length or word in PERSONAL or not word[:1].isalpha():
            continue
        if pos == "ADJ" and not (dep in ADJ_HEAD_DEPS and _determiner(view, i)):
            continue
        lemma = view.lemma(i)
        if (not lexicon and lexicon_person(lemma)) or (tables and tables.lemma.never(lemma)):
            continue
        out.append(i)
    return out


def _inside(view: DocView, taken: Iterable[tuple[int, int]]) -> list[int]:
    """Indices of the tokens that start inside a ``taken`` span."""
    index = LayerView(view.tokens)
    out: list[int] = []
    for start, end in taken:
        out.extend(index.indices_between(start, end))
    return out


def _determiner(view: DocView, i: int) -> int:
    for child in view.children[i]:
        if child < i and view.attr(child, "dep") in ("det", "predet"):
            return DET_CODES.get(view.low(child), 5)
        if child < i and view.attr(child, "dep") == "poss":
            return 6
    return 0


def _pronoun_code(view: DocView, i: int) -> int:
    j = view.next_pronoun[i]
    if j < 0 or j - i > tunables().next_pronoun_window:
        return 0
    if view.tokens[j].attrs.get("sent", 0) - view.tokens[i].attrs.get("sent", 0) > 1:
        return 0
    word = view.low(j)
    return 1 if word in HE_SHE else 2 if word in IT else 3


def _suffix_keys(lemma: str) -> tuple[str, str]:
    return lemma[-3:], lemma[-2:]


def token_rows(view: DocView, indices: Sequence[int], tables: LexicalTables) -> np.ndarray:
    """The feature matrix of ``indices`` (columns: ``FEATURE_NAMES``)."""
    slots = [tables.slot.rate(view.slot(i)) for i in indices]
    lemmas = [view.lemma(i) for i in indices]
    by_lemma: dict[str, list[int]] = defaultdict(list)
    for row, lemma in enumerate(lemmas):
        by_lemma[lemma].append(row)
    linked = [view.linked_person(i) for i in indices]
    pronouns = [_pronoun_code(view, i) for i in indices]
    doc: dict[str, tuple[float, ...]] = {}
    for lemma, rows in by_lemma.items():
        rates = [slots[r][0] for r in rows]
        doc[lemma] = (
            sum(rates) / len(rates), max(rates), len(rows),
            sum(pronouns[r] == 1 for r in rows) / len(rows),
            max(linked[r] for r in rows), sum(pronouns[r] == 2 for r in rows) / len(rows),
        )
    # what depends on the lemma alone, once per lemma (a lemma heads many candidates)
    by_word = {lemma: _lemma_columns(tables, lemma, doc[lemma]) for lemma in by_lemma}
    rows = []
    for row, i in enumerate(indices):
        lexical, document, lemma_tail = by_word[lemmas[row]]
        slot = slots[row]
        rows.append([
            *lexical, slot[0], math.log1p(slot[1]), *document,
            *_token_columns(view, i, pronouns[row]), *lemma_tail,
            view.person_relative(i), linked[row], *doc[lemmas[row]][4:],
        ])
    # one conversion of the Python rows (a row written into the array costs more)
    return np.array(rows, dtype=np.float32).reshape(len(indices), len(FEATURE_NAMES))


def _lemma_columns(tables: LexicalTables, lemma: str, doc: tuple[float, ...]
                   ) -> tuple[list[float], list[float], list[float]]:
    """A lemma's columns: the training rates of it and its endings, the document's use of
    it, and the lexicon's word on it (in ``FEATURE_NAMES`` order, around the token's)."""
    s3, s2 = _suffix_keys(lemma)
    lemma_rate, lemma_uses = tables.lemma.rate(lemma)
    s3_rate, s3_uses = tables.suffix3.rate(s3)
    lexical = [lemma_rate, math.log1p(lemma_uses), s3_rate, math.log1p(s3_uses),
               tables.suffix2.rate(s2)[0]]
    document = [doc[0], doc[1], math.log1p(doc[2]), doc[3]]
    tail = [lexicon_person(lemma), len(lemma), tables.suffix4.rate(lemma[-4:])[0],
            tables.agentive(lemma)]
    return lexical, document, tail


def _token_columns(view: DocView, i: int, pronoun: int) -> list[float]:
    """The token's own columns: tag, dependency, determiner, dependents, capital, place
    in the sentence, the pronoun that follows (``pronoun``: ``_pronoun_code``), number."""
    tag = view.attr(i, "tag")
    kids = view.children[i]
    return [
        TAG_CODES.get(tag, len(TAG_CODES)), DEP_CODES.get(view.attr(i, "dep"), len(DEP_CODES)),
        _determiner(view, i),
        any(view.attr(k, "dep") == "poss" for k in kids),
        sum(view.attr(k, "dep") in ("amod", "compound") for k in kids),
        view.word(i)[:1].isupper(), _sentence_start(view, i), pronoun,
        tag in ("NNS", "NNPS"),
    ]


def lexicon_person(lemma: str) -> bool:
    return is_person_noun(lemma) or lemma in group_person_nouns()


def _sentence_start(view: DocView, i: int) -> bool:
    sent = view.tokens[i].attrs.get("sent", 0)
    return i == 0 or view.tokens[i - 1].attrs.get("sent", 0) != sent


def count_into(
    tables: LexicalTables, view: DocView, persons: frozenset[int],
    taken: Iterable[tuple[int, int]] = (),
) -> None:
    """Add one training document to the tables: ``persons`` are the indices of the tokens
    heading a gold person mention."""
    for i in candidates(view, taken):
        lemma = view.lemma(i)
        s3, s2 = _suffix_keys(lemma)
        person = i in persons
        tables.lemma.add(lemma, person)
        tables.suffix3.add(s3, person)
        tables.suffix2.add(s2, person)
        tables.suffix4.add(lemma[-4:], person)
    for i in range(len(view.tokens)):
        if slot_deps(view, i):
            tables.slot.add(view.slot(i), i in persons)
        if view.attr(i, "pos") == "VERB":
            tables.verbs.add(view.lemma(i), False)


def empty_tables() -> LexicalTables:
    return LexicalTables(RateTable(), RateTable(), RateTable(), RateTable(prior=0.3),
                         RateTable(), RateTable())
