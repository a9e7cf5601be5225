"""Build lexicon/data/wordnet_compounds.tsv: the compounds WordNet 3.0 hyphenates, only.

    apt-get download wordnet-base && dpkg-deb -x wordnet-base_*.deb /tmp/wn
    python training/build_wordnet_compounds.py --wordnet /tmp/wn/usr/share/wordnet

WordNet lists a lemma in one spelling: closed ("teardrop"), hyphenated ("once-over",
"one-night stand") or open ("punk rock"). A hyphenated compound is kept when its parts are
lower-case letters, WordNet never capitalises it (not "A-one") and has no other spelling of the
same parts (no "make-up" beside "makeup"), so the table says how the dictionary writes it,
never a guess. (Closed words were tried as evidence for ``compounds.closed`` and did not make
it precise enough to run by default: on unlabelled fan fiction 2 of 4 findings were right.)

The WordNet licence asks that its notice travel with every copy: it heads the table.
"""

from __future__ import annotations

import argparse
import re
from collections import defaultdict
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "ficlens" / "lexicon" / "data" \
    / "wordnet_compounds.tsv"
DATA_FILES = {"n": "data.noun", "a": "data.adj", "v": "data.verb", "r": "data.adv"}
MARKER = re.compile(r"\((?:a|p|ip)\)$")  # an adjective's place: (a) before a noun, (p) after
PART = re.compile(r"[a-z]+")


def lemmas(folder: Path) -> dict[str, set[str]]:
    """Lemma as WordNet writes it (underscores for spaces) -> its parts of speech; lemmas
    WordNet ever capitalises ("A-one", "Al-Qaeda") are names, not compounds, and left out."""
    found: dict[str, set[str]] = defaultdict(set)
    capitalised = set()
    for pos, name in DATA_FILES.items():
        for line in (folder / name).read_text(encoding="latin-1").splitlines():
            if line.startswith(" "):
                continue
            fields = line.split(" ")
            for word in fields[4 : 4 + 2 * int(fields[3], 16) : 2]:
                word = MARKER.sub("", word)
                if word.islower():
                    found[word].add(pos)
                else:
                    capitalised.add(word.lower())
    return {word: pos for word, pos in found.items() if word not in capitalised}


def notice(folder: Path) -> list[str]:
    """The licence notice WordNet prints at the head of its data files."""
    lines = []
    for line in (folder / "data.noun").read_text(encoding="latin-1").splitlines():
        if not line.startswith("  "):
            break
        lines.append(re.sub(r"^\s+\d+\s?", "", line).rstrip())
    return lines


def hyphenated_rows(found: dict[str, set[str]]) -> list[tuple[str, str]]:
    rows = []
    for lemma, pos in found.items():
        parts = re.split(r"[-_]", lemma)
        if "-" not in lemma or not all(PART.fullmatch(p) for p in parts):
            continue
        others = {"_".join(parts), "".join(parts), "-".join(parts)} - {lemma}
        if others & found.keys():
            continue  # WordNet also writes it open, closed or hyphenated throughout
        rows.append((lemma.replace("_", " "), "".join(sorted(pos))))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wordnet", type=Path, required=True,
                        help="WordNet 3.0 dict folder (index.noun, data.noun ...)")
    args = parser.parse_args()
    found = lemmas(args.wordnet)
    rows = sorted(hyphenated_rows(found))
    head = [
        "# Compounds WordNet 3.0 writes with hyphens and in no other way",
        "# (training/build_wordnet_compounds.py). form: the lemma, with spaces where WordNet",
        "# writes words apart; pos: n noun, a adjective, v verb, r adverb.",
        "# Source: WordNet 3.0 (Princeton University), Debian package wordnet-base 1:3.0-37.",
        "# Its licence notice follows, as the licence requires.",
        *(f"# {line}".rstrip() for line in notice(args.wordnet)),
        "form\tpos",
    ]
    OUT.write_text("\n".join(head + ["\t".join(r) for r in rows]) + "\n", encoding="utf-8")
    print(f"{len(rows)} rows -> {OUT}")


if __name__ == "__main__":
    main()
