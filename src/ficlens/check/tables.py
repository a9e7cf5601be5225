"""The casing and hyphenation tables learned from unlabelled prose
(``training/train_check_tables.py``), the usage of compounds counted in AO3 fan fiction
(``training/count_compound_usage.py``; their provenance heads each file), and the hand-written
tables of wrong forms and their fixes (``phrase_slips.tsv``, ``split_words.tsv``)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ficlens.lexicon import read_rows

CASING_FILE = "casing.tsv"
HYPHENATION_FILE = "hyphenation.tsv"
HYPHENATED_VERBS_FILE = "hyphenated_verbs.tsv"
DICTIONARY_COMPOUNDS_FILE = "wordnet_compounds.tsv"
COMPOUND_USAGE_FILE = "compound_usage.tsv"


def lexicon_dir() -> Path:
    return Path(str(resources.files("ficlens.lexicon").joinpath("data")))


def _rows(name: str) -> tuple[tuple[str, ...], ...]:
    """The data rows of a lexicon table, without its column names."""
    return read_rows(name)[1:]


@dataclass(frozen=True, slots=True)
class Cased:
    form: str  # "TV", "English"
    cased: int  # uses in that form after a lower-case word
    lower: int  # uses in lower case there


@lru_cache(maxsize=1)
def casing() -> dict[str, Cased]:
    """Lower-cased word -> the form prose writes it in, for words seldom written in lower case."""
    return {key: Cased(form, int(cased), int(lower))
            for key, form, cased, lower, _sources in _rows(CASING_FILE)}


@dataclass(frozen=True, slots=True)
class Hyphenation:
    pairs: dict[tuple[str, str], tuple[int, int]]  # (a, b) -> (a-b uses, "a b" uses)
    # word -> (uses as "word-x", uses alone, how many different x)
    first: dict[str, tuple[int, int, int]]
    second: dict[str, tuple[int, int, int]]  # the same for "x-word"


@lru_cache(maxsize=1)
def hyphenation() -> Hyphenation:
    pairs, first, second = {}, {}, {}
    for kind, words, joined, apart, partners in _rows(HYPHENATION_FILE):
        if kind == "pair":
            a, b = words.split(" ")
            pairs[(a, b)] = (int(joined), int(apart))
        elif kind == "first":
            first[words] = (int(joined), int(apart), int(partners))
        else:
            second[words] = (int(joined), int(apart), int(partners))
    return Hyphenation(pairs, first, second)


@lru_cache(maxsize=4)
def wrong_forms(name: str) -> tuple[re.Pattern[str], dict[str, str]]:
    """The table ``name`` of wrong forms and their fixes (columns wrong, right): one pattern
    finding any wrong form as whole words, in any case and spacing, longest first; and each
    wrong form (lower case, single spaces) -> its fix."""
    fixes = {wrong.lower(): right for wrong, right in _rows(name)}
    alternatives = "|".join(re.escape(w).replace(r"\ ", r"\s+")
                            for w in sorted(fixes, key=len, reverse=True))
    return re.compile(rf"(?<![\w'’-])(?:{alternatives})(?![\w'’-])", re.IGNORECASE), fixes


def fix_for(match: re.Match[str], fixes: dict[str, str]) -> str:
    """The fix of the wrong form ``match`` found, as the table writes it."""
    return fixes[re.sub(r"\s+", " ", match.group().lower())]


@lru_cache(maxsize=1)
def hyphenated_verbs() -> frozenset[tuple[str, str]]:
    """(first half, second half's plain form) of the compound verbs written with a hyphen."""
    return frozenset((first, second) for first, second in _rows(HYPHENATED_VERBS_FILE))


@dataclass(frozen=True, slots=True)
class DictionaryCompounds:
    """The compounds WordNet hyphenates only (``training/build_wordnet_compounds.py``)."""

    # the words of a hyphenated lemma -> (the lemma as written, its parts of speech)
    hyphenated: dict[tuple[str, ...], tuple[str, str]]
    firsts: frozenset[str]  # the first word of each
    longest: int  # the most words in one


@lru_cache(maxsize=1)
def dictionary_compounds() -> DictionaryCompounds:
    hyphenated = {tuple(re.split(r"[- ]", form)): (form, pos)
                  for form, pos in _rows(DICTIONARY_COMPOUNDS_FILE)}
    return DictionaryCompounds(hyphenated, frozenset(words[0] for words in hyphenated),
                               max(map(len, hyphenated)))


@dataclass(frozen=True, slots=True)
class CompoundUsage:
    """How fan fiction writes the pair ``a b``: uses open, hyphenated and closed, the number
    of works each form occurs in, and the open and hyphenated uses before a content word
    (where a compound modifier stands: a late-night snack)."""

    open: int
    hyphenated: int
    closed: int
    open_works: int
    hyphenated_works: int
    closed_works: int
    open_before_word: int
    hyphenated_before_word: int

    @property
    def uses(self) -> int:
        return self.open + self.hyphenated + self.closed


@lru_cache(maxsize=1)
def compound_usage() -> dict[tuple[str, str], CompoundUsage]:
    """(a, b) -> how fan fiction writes the pair, for pairs it ever joins."""
    return {(a, b): CompoundUsage(*map(int, counts))
            for a, b, *counts in _rows(COMPOUND_USAGE_FILE)}
