"""Train the confusable-words context model shipped in src/ficlens/models/.

    python training/train_confusables.py --data ../shared/data

Reads the PDNC novels' text (correct, edited prose), collects the contexts in which each
member of each confusable set really occurs, and fits one logistic regression per set. The
novels named in ``ficlens.eval.check_injected.DEV_NOVELS`` are left out: they are the evaluation
prose.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import random
import re
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.linear_model import LogisticRegression

from ficlens.check.confusable_model import CONFUSABLE_SETS, MODEL_FILE, SET_OF, features, tokenize
from ficlens.eval.check_injected import DEV_NOVELS

MAX_PER_WORD = 25_000  # "to" alone occurs ~40k times; more adds time, not accuracy
MIN_FEATURE_COUNT = 2
MIN_WEIGHT = 0.02  # weights this small are dropped from the shipped file
C = 1.0


# Edited 19th-century prose seldom contracts, so "they are" is read as "they're" too: the
# contexts of the full form are real contexts of the contraction.
CONTRACTIONS = {"they are": "they're", "you are": "you're", "it is": "it's",
                "who is": "who's", "we are": "we're"}
_FULL_FORM = re.compile(r"\b(" + "|".join(CONTRACTIONS) + r")\b", re.IGNORECASE)


def contracted(text: str) -> str:
    def swap(match: re.Match) -> str:
        short = CONTRACTIONS[match.group(1).lower()]
        return short.capitalize() if match.group(1)[0].isupper() else short

    return _FULL_FORM.sub(swap, text)


def collect(texts: list[str]) -> dict[str, list[list[str]]]:
    occurrences: dict[str, list[list[str]]] = defaultdict(list)
    for text in texts:
        for version, wanted in ((text, SET_OF), (contracted(text), set(CONTRACTIONS.values()))):
            tokens = tokenize(version)
            for i, token in enumerate(tokens):
                if token.word in wanted:
                    occurrences[token.word].append(features(tokens, i))
    return occurrences


def fit_set(words: tuple[str, ...], occurrences: dict, rng: random.Random) -> dict | None:
    rows, labels = [], []
    for k, word in enumerate(words):
        seen = occurrences.get(word, [])
        sample = rng.sample(seen, MAX_PER_WORD) if len(seen) > MAX_PER_WORD else seen
        rows.extend(sample)
        labels.extend([k] * len(sample))
    priors = {w: len(occurrences.get(w, [])) for w in words}
    if len(set(labels)) < 2:
        return {"words": list(words), "priors": priors, "intercept": [0.0] * len(words),
                "weights": {}}
    counts = Counter(f for row in rows for f in row)
    vocab = sorted(f for f, c in counts.items() if c >= MIN_FEATURE_COUNT)
    index = {f: i for i, f in enumerate(vocab)}
    matrix = _matrix(rows, index)
    model = LogisticRegression(C=C, max_iter=400)
    model.fit(matrix, labels)
    coef, intercept = model.coef_, model.intercept_
    if coef.shape[0] == 1:  # binary: sklearn keeps one row, for class 1
        coef = np.vstack([np.zeros_like(coef[0]), coef[0]])
        intercept = np.array([0.0, intercept[0]])
    columns = {labels_k: k for k, labels_k in enumerate(model.classes_)}
    weights = {}
    for feat, j in index.items():
        row = [0.0] * len(words)
        for k in range(len(words)):
            if k in columns:
                row[k] = round(float(coef[columns[k], j]), 3)
        if max(abs(w) for w in row) >= MIN_WEIGHT:
            weights[feat] = row
    full_intercept = [0.0] * len(words)
    for k, col in columns.items():
        full_intercept[k] = round(float(intercept[col]), 4)
    return {"words": list(words), "priors": priors, "intercept": full_intercept,
            "weights": weights}


def _matrix(rows: list[list[str]], index: dict[str, int]) -> csr_matrix:
    indptr, indices = [0], []
    for row in rows:
        indices.extend(index[f] for f in row if f in index)
        indptr.append(len(indices))
    data = np.ones(len(indices), dtype=np.float32)
    return csr_matrix((data, indices, indptr), shape=(len(rows), len(index)))


def train(texts: list[str], seed: int = 13) -> dict[str, dict]:
    occurrences = collect(texts)
    rng = random.Random(seed)
    return {"|".join(words): fit_set(words, occurrences, rng) for words in CONFUSABLE_SETS}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--out", type=Path,
                        default=Path(__file__).resolve().parent.parent / "src/ficlens/models")
    args = parser.parse_args()
    novels = sorted((args.data / "pdnc" / "data").glob("*/novel_text.txt"))
    training = [p for p in novels if p.parent.name not in DEV_NOVELS]
    texts = [p.read_text(encoding="utf-8") for p in training]
    sets = train(texts)
    meta = {
        "model": "logistic regression per confusable set over context-word features",
        "training_data": "PDNC novel texts (../shared/data/pdnc), dev novels left out; "
                         "full forms (they are, it is ...) also read as contractions",
        "training_novels": [p.parent.name for p in training],
        "held_out_novels": sorted(DEV_NOVELS),
        "training_words": sum(len(t.split()) for t in texts),
        "occurrences": {k: v["priors"] for k, v in sets.items()},
        "trained": dt.date.today().isoformat(),
        "command": "python training/train_confusables.py --data ../shared/data",
        "scores": "see `ficlens eval check --data ../shared/data` (confusables row)",
    }
    args.out.mkdir(parents=True, exist_ok=True)
    target = args.out / MODEL_FILE
    with gzip.open(target, "wt", encoding="utf-8") as handle:
        json.dump({"meta": meta, "sets": sets}, handle, separators=(",", ":"))
    print(f"wrote {target} ({target.stat().st_size / 1e6:.2f} MB) from {meta['training_words']:,} "
          "words")


if __name__ == "__main__":
    main()
