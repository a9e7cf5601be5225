"""Each character's voice: which speaker a quotation's words sound like, learned per story.

Characters talk in their own ways (Mrs. Bennet's nerves, a policeman's "sir", one
character's "darling" and another's "old boy"). The quotations a name tag attributes are
labelled examples of each voice, so for every story a small multinomial naive Bayes over
the words of those quotations scores, for any quotation, how well its words fit each
character who has enough tagged lines. A labelled quotation is scored by a model fitted
without its own fold, so the score means the same for it as for an untagged one (the
ranker, trained on such scores, must not learn to trust an echo of the tag).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

import numpy as np

from ficlens.quotes.config import tunables

# Words and the punctuation that marks a manner of speaking ("--", "!", "?").
TOKEN_PATTERN = r"(?u)\b\w+\b|[!?;]|--|—"
_TOKEN = re.compile(TOKEN_PATTERN)


@dataclass(frozen=True, slots=True)
class WordCounts:
    """Texts x words counts in compressed sparse rows: row ``i``'s words are
    ``indices[indptr[i]:indptr[i + 1]]`` (columns in the vocabulary's alphabetical order),
    counted ``data[...]`` times. The products below add their terms in the order scipy's
    sparse products do, so the model's scores are the same to the last bit."""

    indptr: np.ndarray
    indices: np.ndarray
    data: np.ndarray
    n_words: int

    @property
    def n_rows(self) -> int:
        return len(self.indptr) - 1

    def row_of_entries(self) -> np.ndarray:
        return np.repeat(np.arange(self.n_rows), np.diff(self.indptr))

    def row_totals(self) -> np.ndarray:
        """Each text's number of words (int64)."""
        running = np.concatenate([[0], np.cumsum(self.data)])
        return running[self.indptr[1:]] - running[self.indptr[:-1]]

    def times(self, dense: np.ndarray, rows: np.ndarray) -> np.ndarray:
        """``counts[rows] @ dense`` for a boolean row mask: each row's terms added in order,
        from zero."""
        row_of = self.row_of_entries()
        keep = rows[row_of]
        out = np.zeros((self.n_rows, dense.shape[1]))
        np.add.at(out, row_of[keep],
                  self.data[keep].astype(np.float64)[:, None] * dense[self.indices[keep]])
        return out[rows]

    def class_sums(self, weights: np.ndarray, classes: np.ndarray, rows: np.ndarray,
                   n_classes: int) -> np.ndarray:
        """A row per class: the sum of its ``rows``' counts, each row's scaled by its weight,
        added in the order of ``rows`` (dense, n_classes x n_words)."""
        starts, ends = self.indptr[rows], self.indptr[rows + 1]
        entries = _ranges(starts, ends)
        per_entry = np.repeat(np.arange(len(rows)), ends - starts)
        out = np.zeros((n_classes, self.n_words))
        np.add.at(out, (classes[per_entry], self.indices[entries]),
                  weights[per_entry] * self.data[entries].astype(np.float64))
        return out


def _ranges(starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """The concatenation of ``range(s, e)`` for each pair."""
    lengths = ends - starts
    if not lengths.sum():
        return np.zeros(0, dtype=np.int64)
    offsets = np.repeat(starts - np.concatenate([[0], np.cumsum(lengths)[:-1]]), lengths)
    return np.arange(lengths.sum()) + offsets


def tokens(text: str) -> list[str]:
    """The words of ``text``, lower-cased, and its punctuation of a manner of speaking."""
    return _TOKEN.findall(text.lower())


def word_counts(texts: list[str]) -> WordCounts | None:
    """Each text's words (and the punctuation of a manner of speaking), counted; None when
    no text has any ("..." and "'" lines only). The matrix scikit-learn's
    ``CountVectorizer(lowercase=True, token_pattern=TOKEN_PATTERN)`` gives, entry for entry
    and in the same order (tests/test_quotes_voice.py)."""
    vocabulary: dict[str, int] = {}  # word -> order of first appearance
    indptr, first_seen, data = [0], [], []
    for text in texts:
        counts: dict[int, int] = {}
        for word in tokens(text):
            column = vocabulary.setdefault(word, len(vocabulary))
            counts[column] = counts.get(column, 0) + 1
        for column in sorted(counts):
            first_seen.append(column)
            data.append(counts[column])
        indptr.append(len(first_seen))
    if not vocabulary:
        return None
    alphabetical = np.empty(len(vocabulary), dtype=np.int64)
    for rank, word in enumerate(sorted(vocabulary)):
        alphabetical[vocabulary[word]] = rank
    return WordCounts(np.asarray(indptr, dtype=np.int64),
                      alphabetical[np.asarray(first_seen, dtype=np.int64)],
                      np.asarray(data, dtype=np.int64), len(vocabulary))


class VoiceModel:
    """Per-quotation log-likelihoods of its words under each modelled character's voice."""

    def __init__(self, words: WordCounts | None, labels: list[str | None]) -> None:
        """``words``: the quotations' word_counts; ``labels``: a speaker or None for each."""
        self.column: dict[str, int] = {}  # modelled character -> its column in loglik
        counts = Counter(label for label in labels if label)
        characters = sorted(c for c, n in counts.items() if n >= tunables().voice_min_lines)
        if words is None or len(characters) < 2:
            return
        self.lengths = words.row_totals()
        weights = np.minimum(1.0, tunables().voice_line_words / np.maximum(self.lengths, 1))
        column = {c: j for j, c in enumerate(characters)}
        label_index = np.array([column.get(lab, -1) if lab else -1 for lab in labels])
        labelled = np.flatnonzero(label_index >= 0)
        fold = np.full(len(labels), -1)
        fold[labelled] = np.arange(len(labelled)) % tunables().voice_folds
        self.loglik = np.zeros((len(labels), len(characters)))
        unlabelled = fold < 0
        self.loglik[unlabelled] = words.times(_word_logprobs(
            words, weights, label_index, labelled, len(characters)).T, unlabelled)
        for f in range(tunables().voice_folds):
            held = fold == f
            if not held.any():
                continue
            train = labelled[fold[labelled] != f]
            self.loglik[held] = words.times(_word_logprobs(
                words, weights, label_index, train, len(characters)).T, held)
        self.column = column

    def scores(self, k: int, cands: list[str]) -> dict[str, float]:
        """For each modelled candidate of quotation ``k``, how much worse its words fit that
        voice than the best-fitting candidate's, per word (0 for the best; no entry for the
        candidates not modelled; empty when fewer than two are). Per word, because naive
        Bayes grows surer with every word: over a told story of forty paragraphs its raw
        odds say nothing but the story's length."""
        modelled = [c for c in cands if c in self.column]
        if len(modelled) < 2 or not self.lengths[k]:
            return {}
        loglik = np.array([self.loglik[k, self.column[c]] for c in modelled])
        margin = (loglik - loglik.max()) / self.lengths[k]
        return dict(zip(modelled, margin.tolist(), strict=True))


def _word_logprobs(
    words: WordCounts, weights: np.ndarray, label_index: np.ndarray, rows: np.ndarray,
    n_classes: int,
) -> np.ndarray:
    """log P(word | character), one row per character, smoothed, from quotations ``rows``,
    each counting at most ``voice_line_words`` words: a voice is learned from many lines, and a
    told story of forty paragraphs would otherwise make any speaker it is given sound like it."""
    counts = words.class_sums(weights[rows], label_index[rows], rows, n_classes)
    counts += tunables().voice_smoothing
    return np.log(counts) - np.log(counts.sum(axis=1, keepdims=True))
