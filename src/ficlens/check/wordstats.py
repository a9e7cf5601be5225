"""What the language checks know of English words, from well-kept offline resources.

* pyspellchecker's English word list (inflections included): is this a word?
* wordfreq's Zipf frequencies (log10 of uses per billion words + 9): how common is it?
* symspellpy's bigram counts (Google Books n-grams): how common is this pair of words?
* symspellpy's unigram counts (the same n-grams): how common is the word, on the same scale?
* codespell's list of common misspellings (drawn from Wikipedia's list and code review):
  is this word a known slip, and of what?
* breame's lists of British and American spellings of the same word (colour/color): which
  variety of English is this spelling?
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

MISSPELLING_FILE = "data/dictionary.txt"  # codespell's main list: misspelling->fix, fix,
BIGRAM_FILE = "frequency_bigramdictionary_en_243_342.txt"
UNIGRAM_FILE = "frequency_dictionary_en_82_765.txt"


@lru_cache(maxsize=1)
def dictionary():
    from spellchecker import SpellChecker

    return SpellChecker(distance=1)


def listed(word: str) -> bool:
    return word in dictionary()


@lru_cache(maxsize=65536)
def zipf(word: str) -> float:
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en")


@lru_cache(maxsize=1)
def _bigrams() -> dict[str, int]:
    counts = {}
    path = resources.files("symspellpy").joinpath(BIGRAM_FILE)
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            first, second, count = line.split()
            counts[f"{first} {second}"] = int(count)
    return counts


def bigram_count(first: str, second: str) -> int:
    """Occurrences of the two words in sequence in the n-gram corpus (0 when unlisted)."""
    return _bigrams().get(f"{first.lower()} {second.lower()}", 0)


@lru_cache(maxsize=1)
def _unigrams() -> dict[str, int]:
    counts = {}
    with resources.files("symspellpy").joinpath(UNIGRAM_FILE).open(encoding="utf-8") as handle:
        for line in handle:
            word, count = line.split()
            counts[word] = int(count)
    return counts


def unigram_count(word: str) -> int:
    """Occurrences of the word in the n-gram corpus of :func:`bigram_count` (0 when unlisted)."""
    return _unigrams().get(word.lower(), 0)


@lru_cache(maxsize=1)
def _misspellings() -> dict[str, tuple[str, ...]]:
    fixes = {}
    source = resources.files("codespell_lib").joinpath(MISSPELLING_FILE)
    with source.open(encoding="utf-8") as handle:
        for line in handle:
            wrong, _, right = line.rstrip("\n").partition("->")
            fixes[wrong] = tuple(f.strip() for f in right.split(",") if f.strip())
    return fixes


def common_misspelling(word: str) -> tuple[str, ...]:
    """The corrections codespell lists for ``word``, best first (empty when not listed)."""
    return _misspellings().get(word, ())


@lru_cache(maxsize=1)
def irregular_verb_forms() -> dict[str, str]:
    """Irregular verb forms and their plain form (spat -> spit, lay -> lie): the verb
    exceptions of the spaCy lemmatizer the nlp stage runs."""
    from ficlens.nlp.model import verb_lemma_exceptions

    return {form: lemmas[0] for form, lemmas in verb_lemma_exceptions().items()
            if lemmas and lemmas[0] != form}


@lru_cache(maxsize=1)
def irregular_pasts() -> frozenset[str]:
    """The irregular past and participle forms of :func:`irregular_verb_forms` (spat, lay,
    fled), without its present and -ing forms (is, has, lying)."""
    return frozenset(form for form in irregular_verb_forms()
                     if not form.endswith(("ing", "s")) and form not in ("am", "are")
                     or form == "was")


@lru_cache(maxsize=1)
def spelling_variants() -> tuple[dict[str, str], dict[str, str]]:
    """(American spelling -> British, British -> American), from breame's lists; empty when
    breame is not installed."""
    try:
        from breame.data.spelling_constants import (
            AMERICAN_ENGLISH_SPELLINGS,
            BRITISH_ENGLISH_SPELLINGS,
        )
    except ImportError:
        return {}, {}
    return dict(AMERICAN_ENGLISH_SPELLINGS), dict(BRITISH_ENGLISH_SPELLINGS)
