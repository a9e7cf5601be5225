"""Learn the beta reader's casing and hyphenation tables from unlabelled prose.

    python training/train_check_tables.py --data ../shared/data --mirrors /work/.mirror

Self-supervised, like the confusables model: in correct-enough prose the way a word is written
is the label. Sources: the training fan works of ``fan_works.FAN_WORKS`` (public
repository snapshots; the unlabelled fan fiction of ``fanfic_unlabelled_sources.json`` is a
subset of them) and the PDNC novels that are not injected-error novels. The works held apart
there are left out here too. No evaluation work (../shared/data/fanfic, the sample stories)
is read.

Two tables, written to ``src/ficlens/lexicon/data`` with a provenance header:

* ``casing.tsv``: words written in capitals or title case where the sentence does not ask for
  it ("TV", "English", "Monday"): key, form, cased count, lower-case count, sources;
* ``hyphenation.tsv`` (fan works only): how often a pair of words is joined by a hyphen and
  how often it is written apart ("pair" rows), and how often a word is the second or first half of a
  hyphenated compound ("second"/"first" rows: "-eyed", "-wrenching", "self-").
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
from collections import Counter, defaultdict
from pathlib import Path

from fan_works import training_works  # this folder's

from ficlens.check.tables import CASING_FILE, HYPHENATION_FILE, lexicon_dir
from ficlens.eval.check_injected import DEV_NOVELS

WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*(?:-[A-Za-z]+)*")
# Casing: a form is listed when it is written cased at least this often, in this many sources,
# and in lower case at most this share of the time (occurrences after a lower-case word only).
CASED_MIN = 4
CASED_SOURCES = 4
LOWER_SHARE_MAX = 0.1
# A cased form followed by a capitalised word more often than this is a title (Colonel Brandon).
TITLE_SHARE_MAX = 0.3
TITLE_USE = "\ttitle"  # the pseudo-source counting uses before a capitalised word
# Hyphenation: rows kept when the hyphenated form was seen this often.
PAIR_MIN = 2
HALF_MIN = 3


def _sources(data: Path, mirrors: Path) -> list[tuple[str, str]]:
    """One source per fandom (its works joined) and per novel: a fandom's own names, written in
    capitals by every one of its many works, are no general casing fact, so the sources a form
    must be seen in are independent ones."""
    by_fandom: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for work, text, source in training_works(mirrors):
        if work.held_apart or not source["editing"]["kept"]:
            continue
        where = f"{source['repository']}:{source['folder']}@{source['commit'][:10]}"
        by_fandom[work.fandom].append((where, text))
    named = [(f"{fandom} ({', '.join(w for w, _ in works)})", "\n\n".join(t for _, t in works))
             for fandom, works in by_fandom.items()]
    for path in sorted((data / "pdnc" / "data").glob("*/novel_text.txt")):
        if path.parent.name not in DEV_NOVELS:
            named.append((f"PDNC:{path.parent.name}", path.read_text(encoding="utf-8")))
    return named


def _shape(word: str) -> str:
    if word.islower():
        return "lower"
    if word.isupper():
        return "upper" if len(word) > 1 else "single"
    return "title" if word[0].isupper() and word[1:].islower() else "mixed"


def count_casing(texts: list[tuple[str, str]]) -> dict[str, dict[str, Counter]]:
    """Per lower-cased word, per source: its forms after a lower-case word on the same line
    (not at a sentence start, not inside a heading or a shouted run)."""
    forms: dict[str, dict[str, Counter]] = defaultdict(lambda: defaultdict(Counter))
    for name, text in texts:
        for line in text.splitlines():
            words = list(WORD.finditer(line))
            for before, match in zip(words, words[1:], strict=False):
                gap = line[before.end() : match.start()]
                if gap != " " or not before.group().islower() or "-" in match.group():
                    continue
                after = line[match.end() : match.end() + 1]
                word = match.group()
                if (after and after in "'’") or _shape(word) == "single":
                    continue
                forms[word.lower()][name][word] += 1
                following = line[match.end() + 1 : match.end() + 2]
                if following.isupper() and line[match.end()] == " ":
                    forms[word.lower()][TITLE_USE][word] += 1
    return forms


def casing_rows(forms: dict[str, dict[str, Counter]]) -> list[tuple]:
    """A word is listed when one cased form dominates overall and in enough sources, and no
    source writes it mostly in lower case (Crouch is a name in one fandom, a verb elsewhere)."""
    rows = []
    for key, by_source in forms.items():
        titles = by_source.pop(TITLE_USE, Counter())
        counter: Counter = sum(by_source.values(), Counter())
        lower = counter.get(key, 0)
        cased = [(n, f) for f, n in counter.items() if f != key]
        if not cased:
            continue
        count, form = max(cased)
        total = sum(counter.values())
        voting = [c[form] > c.get(key, 0) for c in by_source.values()]
        lower_sources = sum(c.get(key, 0) >= max(2, c[form]) for c in by_source.values())
        if titles[form] > TITLE_SHARE_MAX * count:
            continue  # Colonel Brandon, Minister Fudge: a title, a common noun without a name
        if (count >= CASED_MIN and lower <= LOWER_SHARE_MAX * total and lower_sources == 0
                and sum(voting) >= CASED_SOURCES and count >= 0.8 * (total - lower)):
            rows.append((key, form, count, lower, sum(voting)))
    return sorted(rows)


def count_hyphenation(texts: list[tuple[str, str]]) -> tuple[Counter, Counter,
                                                             dict[str, Counter],
                                                             dict[str, Counter]]:
    """Hyphenated pairs, the same pairs written apart, and each word's uses as a half of a
    hyphenated compound against its open uses where a compound could have stood: a first half
    followed by a word ("self conscious"), a second half preceded by one ("blue eyed"); "his
    future self." is a noun of its own, no compound written open."""
    hyphenated: Counter = Counter()
    alone: dict[str, Counter] = {"first": Counter(), "second": Counter()}
    for _name, text in texts:
        for line in text.splitlines():
            words = list(WORD.finditer(line))
            for k in range(len(words)):
                _count_word(line, words, k, hyphenated, alone)
    open_pairs: Counter = Counter()
    wanted = set(hyphenated)
    for _name, text in texts:
        words = [m.group() for m in WORD.finditer(text.lower())]
        for a, b in zip(words, words[1:], strict=False):
            if (a, b) in wanted:
                open_pairs[(a, b)] += 1
    halves: dict[str, Counter] = {"first": Counter(), "second": Counter()}
    for (a, b), n in hyphenated.items():
        halves["first"][a] += n
        halves["second"][b] += n
    return hyphenated, open_pairs, alone, halves


def _count_word(line: str, words: list[re.Match], k: int, hyphenated: Counter,
                alone: dict[str, Counter]) -> None:
    word = words[k].group()
    if not word.islower():
        return
    parts = word.split("-")
    if len(parts) == 2 and all(len(p) > 1 for p in parts):
        hyphenated[(parts[0], parts[1])] += 1
    elif len(parts) == 1:
        if k + 1 < len(words) and _spaced_lower(line, words[k], words[k + 1]):
            alone["first"][word] += 1
        if k > 0 and _spaced_lower(line, words[k - 1], words[k]):
            alone["second"][word] += 1


def _spaced_lower(line: str, left: re.Match, right: re.Match) -> bool:
    """Two lower-case words one space apart: where a compound could have been written."""
    return line[left.end() : right.start()] == " " and left.group().islower() \
        and right.group().islower()


def hyphenation_rows(hyphenated: Counter, open_pairs: Counter, alone: dict[str, Counter],
                     halves: dict[str, Counter]) -> list[tuple]:
    rows = [("pair", f"{a} {b}", n, open_pairs[(a, b)], 1)
            for (a, b), n in hyphenated.items() if n >= PAIR_MIN]
    partners = {"first": Counter(a for a, _b in hyphenated),
                "second": Counter(b for _a, b in hyphenated)}
    for kind in ("first", "second"):
        rows += [(kind, w, n, alone[kind][w], partners[kind][w])
                 for w, n in halves[kind].items() if n >= HALF_MIN]
    return sorted(rows)


def write_table(path: Path, header: list[str], columns: str, rows: list[tuple]) -> None:
    lines = [f"# {h}" for h in header] + [columns]
    lines += ["\t".join(str(v) for v in row) for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--mirrors", type=Path, default=Path("/work/.mirror"))
    parser.add_argument("--out", type=Path, default=lexicon_dir())
    args = parser.parse_args()
    texts = _sources(args.data, args.mirrors)
    words = sum(len(t.split()) for _, t in texts)
    provenance = [
        f"Learned by training/train_check_tables.py on {dt.date.today().isoformat()} from "
        f"{words:,} words of unlabelled prose (self-supervised: the form as written).",
        "Sources: " + "; ".join(name for name, _ in texts) + ".",
        "Fan works: public repository snapshots listed in fan_works.FAN_WORKS (its "
        "held-apart works left out); novels: PDNC, its injected-error novels left out. No "
        "evaluation work was read.",
    ]
    casing = casing_rows(count_casing(texts))
    write_table(args.out / CASING_FILE, [*provenance,
                f"A form is listed when written so >= {CASED_MIN} times after a lower-case word "
                f"in >= {CASED_SOURCES} sources (a fandom or a novel each; mostly so in each), "
                f"in lower case <= {LOWER_SHARE_MAX:.0%} of the time and mostly so in no source."],
                "key\tform\tcased\tlower\tsources", casing)
    # Hyphenation from the fan fiction only: the novels hyphenate as their century did
    # (to-day, drawing-room, tea-cup).
    hyphenation = hyphenation_rows(*count_hyphenation(
        [(name, text) for name, text in texts if not name.startswith("PDNC:")]))
    write_table(args.out / HYPHENATION_FILE, [*provenance,
                "Hyphenation counts are from the fan works only (the novels hyphenate as their "
                "century did: to-day, tea-cup).",
                "pair: 'a b' written 'a-b' (hyphenated) and 'a b' (open) so often; first/second:"
                " the word as the first/second half of a hyphenated compound (hyphenated), on its "
                "own where a compound could have stood, i.e. with a lower-case word after/before it"
                " (open), and with how many different other halves (partners). Kept from "
                f"{PAIR_MIN} (pairs) / {HALF_MIN} (halves) hyphenated uses."],
                "kind\twords\thyphenated\topen\tpartners", hyphenation)
    print(f"{words:,} words; {len(casing)} casing rows, {len(hyphenation)} hyphenation rows")


if __name__ == "__main__":
    main()
