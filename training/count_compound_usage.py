"""Count how modern fan fiction writes two-word compounds: open, hyphenated or closed.

    python training/count_compound_usage.py --data ../shared/data --mirrors /work/.mirror \
        [--exclude-ids FILE]

Self-supervised, like the casing and hyphenation tables of ``train_check_tables.py``: in prose
that is edited well enough, the way most writers write a pair is the label. The source is the
AO3 corpus of ``ao3_corpus.py`` (what it is, and which works it leaves out: every evaluation
and development work, reposts of them, the works named in ``--exclude-ids``, one AO3 id per
line, and prose that fails the editing rule); only counts reach the project.

Counted, over lower-case words only (a capital is a name or a sentence start): for each pair
``a b`` that some work writes as ``a-b`` or as the one word ``ab``, how often the pair is
written open (one space apart), hyphenated and closed, and in how many works each form occurs.
Written to ``src/ficlens/lexicon/data/compound_usage.tsv``, rows whose hyphenated and closed
forms together occur at least ``MIN_JOINED`` times.
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections import Counter
from pathlib import Path

from ao3_corpus import WORD, read_corpus  # this folder's

MIN_CLOSED_WORD = 5  # a closed word is split into halves when seen this often
MIN_HALF = 20  # ... into two halves each seen on its own this often
MIN_HALF_LENGTH = 3
MIN_JOINED = 5  # a pair is written out when joined (hyphen or closed) this often
OUT = Path(__file__).resolve().parents[1] / "src" / "ficlens" / "lexicon" / "data" \
    / "compound_usage.tsv"


def count(texts: list[str]) -> tuple[Counter, Counter, Counter, Counter]:
    """Lower-case word counts, the works each word occurs in, and the open pairs."""
    words: Counter = Counter()
    works: Counter = Counter()
    for text in texts:
        seen = [w for w in WORD.findall(text) if w.islower()]
        words.update(seen)
        works.update(set(seen))
    candidates = _candidates(words)
    open_pairs: Counter = Counter()
    open_works: Counter = Counter()
    for text in texts:
        found: Counter = Counter()
        for line in text.splitlines():
            matches = list(WORD.finditer(line))
            for left, right in zip(matches, matches[1:], strict=False):
                pair = (left.group(), right.group())
                if pair in candidates and line[left.end() : right.start()] == " ":
                    found[pair] += 1
        open_pairs.update(found)
        open_works.update(set(found))
    return words, works, open_pairs, open_works


def _candidates(words: Counter) -> set[tuple[str, str]]:
    pairs = set()
    for word, n in words.items():
        parts = word.split("-")
        if len(parts) == 2 and all(p.isalpha() for p in parts):
            pairs.add((parts[0], parts[1]))
        elif len(parts) == 1 and word.isalpha() and n >= MIN_CLOSED_WORD:
            for i in range(MIN_HALF_LENGTH, len(word) - MIN_HALF_LENGTH + 1):
                a, b = word[:i], word[i:]
                if words[a] >= MIN_HALF and words[b] >= MIN_HALF:
                    pairs.add((a, b))
    return pairs


def rows(words: Counter, works: Counter, open_pairs: Counter,
         open_works: Counter) -> list[tuple]:
    found = []
    for a, b in _candidates(words):
        hyphenated, closed = words[f"{a}-{b}"], words[a + b]
        if hyphenated + closed < MIN_JOINED:
            continue
        found.append((a, b, open_pairs[(a, b)], hyphenated, closed, open_works[(a, b)],
                      works[f"{a}-{b}"], works[a + b]))
    return sorted(found)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--mirrors", type=Path, required=True)
    parser.add_argument("--exclude-ids", type=Path)
    parser.add_argument("--limit", type=int, default=0, help="read only this many works")
    args = parser.parse_args()
    exclude = set(args.exclude_ids.read_text().split()) if args.exclude_ids else set()
    corpus, texts = read_corpus(args.data, args.mirrors, exclude, args.limit)
    kept = list(texts)
    words, works, open_pairs, open_works = count(kept)
    table = rows(words, works, open_pairs, open_works)
    total = sum(len(WORD.findall(t)) for t in kept)
    header = [
        f"Counted by training/count_compound_usage.py on {dt.date.today()} from "
        + corpus.provenance(total) + ". No evaluation or development work was read.",
        "a b: the two halves; open, hyphenated, closed: how often lower-case prose writes "
        "'a b', 'a-b', 'ab'; the *_works columns: in how many works.",
        f"Rows: pairs whose hyphenated and closed forms occur {MIN_JOINED} times or more.",
    ]
    lines = [f"# {h}" for h in header]
    lines.append("a\tb\topen\thyphenated\tclosed\topen_works\thyphenated_works\tclosed_works")
    lines += ["\t".join(map(str, row)) for row in table]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(kept)} works, {total} words, {len(table)} rows; left out {dict(corpus.left_out)}")


if __name__ == "__main__":
    main()
