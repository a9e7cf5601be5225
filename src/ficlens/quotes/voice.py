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

from collections import Counter

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import CountVectorizer

from ficlens.quotes.config import tunables

# Words and the punctuation that marks a manner of speaking ("--", "!", "?").
TOKEN_PATTERN = r"(?u)\b\w+\b|[!?;]|--|—"


def word_counts(texts: list[str]) -> sparse.csr_matrix | None:
    """Each text's words (and the punctuation of a manner of speaking), counted; None when
    no text has any ("..." and "'" lines only)."""
    vectorizer = CountVectorizer(lowercase=True, token_pattern=TOKEN_PATTERN)
    try:
        return vectorizer.fit_transform(texts).tocsr()
    except ValueError:  # an empty vocabulary
        return None


class VoiceModel:
    """Per-quotation log-likelihoods of its words under each modelled character's voice."""

    def __init__(self, words: sparse.csr_matrix | None, labels: list[str | None]) -> None:
        """``words``: the quotations' word_counts; ``labels``: a speaker or None for each."""
        self.column: dict[str, int] = {}  # modelled character -> its column in loglik
        counts = Counter(label for label in labels if label)
        characters = sorted(c for c, n in counts.items() if n >= tunables().voice_min_lines)
        if words is None or len(characters) < 2:
            return
        self.lengths = np.asarray(words.sum(axis=1)).ravel()
        weights = np.minimum(1.0, tunables().voice_line_words / np.maximum(self.lengths, 1))
        column = {c: j for j, c in enumerate(characters)}
        label_index = np.array([column.get(lab, -1) if lab else -1 for lab in labels])
        labelled = np.flatnonzero(label_index >= 0)
        fold = np.full(len(labels), -1)
        fold[labelled] = np.arange(len(labelled)) % tunables().voice_folds
        self.loglik = np.zeros((len(labels), len(characters)))
        unlabelled = fold < 0
        self.loglik[unlabelled] = words[unlabelled] @ _word_logprobs(
            words, weights, label_index, labelled, len(characters)).T
        for f in range(tunables().voice_folds):
            held = fold == f
            if not held.any():
                continue
            train = labelled[fold[labelled] != f]
            self.loglik[held] = words[held] @ _word_logprobs(
                words, weights, label_index, train, len(characters)).T
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
    words, weights: np.ndarray, label_index: np.ndarray, rows: np.ndarray, n_classes: int
):
    """log P(word | character), one row per character, smoothed, from quotations ``rows``,
    each counting at most LINE_WORDS words: a voice is learned from many lines, and a told
    story of forty paragraphs would otherwise make any speaker it is given sound like it."""
    # One row per character: the weights of its lines, so one product sums their words.
    lines = sparse.csr_matrix(
        (weights[rows], (label_index[rows], rows)), shape=(n_classes, words.shape[0]))
    counts = (lines @ words).toarray() + tunables().voice_smoothing
    return np.log(counts) - np.log(counts.sum(axis=1, keepdims=True))
