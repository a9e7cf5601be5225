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
written open (one space apart), hyphenated and closed, and in how many works each form occurs;
and how often it is written open and hyphenated before a content word, where a compound
modifier stands.
Written to ``src/ficlens/lexicon/data/compound_usage.tsv``, rows whose hyphenated and closed
forms together occur at least ``MIN_JOINED`` times.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ao3_corpus import REPOSITORY, WORD, read_corpus  # this folder's
from spacy.lang.en.stop_words import STOP_WORDS

MIN_CLOSED_WORD = 5  # a closed word is split into halves when seen this often
MIN_HALF = 20  # ... into two halves each seen on its own this often
MIN_HALF_LENGTH = 3
MIN_JOINED = 5  # a pair is written out when joined (hyphen or closed) this often
OUT = Path(__file__).resolve().parents[1] / "src" / "ficlens" / "lexicon" / "data" \
    / "compound_usage.tsv"


@dataclass
class Counts:
    words: Counter = field(default_factory=Counter)  # lower-case words, hyphenated ones too
    works: Counter = field(default_factory=Counter)  # ... the works each occurs in
    before_word: Counter = field(default_factory=Counter)  # ... uses before a content word
    open_pairs: Counter = field(default_factory=Counter)
    open_works: Counter = field(default_factory=Counter)
    open_before_word: Counter = field(default_factory=Counter)


def _lines(text: str) -> Iterator[tuple[str, list[re.Match]]]:
    for line in text.splitlines():
        yield line, list(WORD.finditer(line))


def _before_word(line: str, matches: list[re.Match], k: int) -> bool:
    """The word after the k-th is a lower-case content word one space on: where a compound
    modifier stands (a late-night snack), not a noun of its own (a late night)."""
    if k + 1 >= len(matches) or line[matches[k].end() : matches[k + 1].start()] != " ":
        return False
    following = matches[k + 1].group()
    return following.islower() and following not in STOP_WORDS


def count(texts: list[str]) -> Counts:
    """Lower-case word counts, the works each word occurs in, and the open pairs, each also
    before a content word."""
    counts = Counts()
    for text in texts:
        seen = set()
        for line, matches in _lines(text):
            for k, match in enumerate(matches):
                word = match.group()
                if not word.islower():
                    continue
                counts.words[word] += 1
                seen.add(word)
                if "-" in word and _before_word(line, matches, k):
                    counts.before_word[word] += 1
        counts.works.update(seen)
    candidates = _candidates(counts.words)
    for text in texts:
        found: Counter = Counter()
        for line, matches in _lines(text):
            for k in range(len(matches) - 1):
                pair = (matches[k].group(), matches[k + 1].group())
                if pair in candidates and line[matches[k].end() : matches[k + 1].start()] == " ":
                    found[pair] += 1
                    if _before_word(line, matches, k + 1):
                        counts.open_before_word[pair] += 1
        counts.open_pairs.update(found)
        counts.open_works.update(set(found))
    return counts


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


def rows(counts: Counts) -> list[tuple]:
    found = []
    for a, b in _candidates(counts.words):
        hyphenated, closed = f"{a}-{b}", a + b
        if counts.words[hyphenated] + counts.words[closed] < MIN_JOINED:
            continue
        found.append((a, b, counts.open_pairs[(a, b)], counts.words[hyphenated],
                      counts.words[closed], counts.open_works[(a, b)], counts.works[hyphenated],
                      counts.works[closed], counts.open_before_word[(a, b)],
                      counts.before_word[hyphenated]))
    return sorted(found)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--mirrors", type=Path, required=True)
    parser.add_argument("--exclude-ids", type=Path)
    parser.add_argument("--limit", type=int, default=0, help="read only this many works")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    exclude = set(args.exclude_ids.read_text().split()) if args.exclude_ids else set()
    corpus, texts = read_corpus(args.data, args.mirrors, exclude, args.limit)
    kept = [text for _work, text in texts]
    table = rows(count(kept))
    total = sum(len(WORD.findall(t)) for t in kept)
    header = [
        f"Source: the AO3 works kept in the public repository {REPOSITORY} (read by "
        "training/ao3_corpus.py; counts only).",
        f"Counted by training/count_compound_usage.py on {dt.date.today()} from "
        + corpus.provenance(total) + ". No evaluation or development work was read.",
        "a b: the two halves; open, hyphenated, closed: how often lower-case prose writes "
        "'a b', 'a-b', 'ab'; the *_works columns: in how many works; *_before_word: open "
        "and hyphenated uses before a lower-case word spaCy lists as no stop word (where a "
        "compound modifier stands: a late-night snack).",
        f"Rows: pairs whose hyphenated and closed forms occur {MIN_JOINED} times or more.",
    ]
    lines = [f"# {h}" for h in header]
    lines.append("a\tb\topen\thyphenated\tclosed\topen_works\thyphenated_works\tclosed_works"
                 "\topen_before_word\thyphenated_before_word")
    lines += ["\t".join(map(str, row)) for row in table]
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(kept)} works, {total} words, {len(table)} rows; left out {dict(corpus.left_out)}")


if __name__ == "__main__":
    main()
