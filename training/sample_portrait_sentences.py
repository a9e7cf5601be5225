"""Draw the sentences annotated for ``ficlens eval portraits`` (printed, never stored).

Fan fiction: five sentences per work of ../shared/data/fanfic, drawn with a fixed seed from
the story proper (the gold POV spans with a POV character), among sentences of 40-260
characters that mention a person (a personal pronoun or a gold alias) and carry no Markdown
emphasis marks. LitBank: five sentences from each of four excerpts, drawn the same way. The
annotator then marked every agent, patient, possession and description of a person in each
sentence by reading it; ``src/ficlens/eval/portraits_gold.json`` keeps only offsets, labels
and character names, and a hash of each sentence to find it again.

    python training/sample_portrait_sentences.py --data ../shared/data

``--held-out`` draws two more sentences per fan-fiction work (another seed, none already in
the gold), annotated after the rules were last changed and never used to change them: the
gold's ``fanfic_heldout`` part.

    python training/sample_portrait_sentences.py --data ../shared/data --held-out

``--fresh`` draws two more per work (a third seed, none already in either part), annotated
before the next round of rule changes and never read while making them: the gold's
``fanfic_fresh`` part.

    python training/sample_portrait_sentences.py --data ../shared/data --fresh
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
from pathlib import Path

PER_WORK = 5
LITBANK_EXCERPTS = 4
SEED = 24
HELD_OUT_PER_WORK = 2
HELD_OUT_SEED = 2026
FRESH_SEED = 2027
PERSON = re.compile(r"\b(he|she|they|him|her|his|them|their|i|me|my|you|your|we|us)\b", re.I)
SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+[\"”’]?|$)")


def sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    found = []
    for match in SENTENCE.finditer(text, start, end):
        s, e = match.start(), match.end()
        while s < e and text[s].isspace():
            s += 1
        if 40 <= e - s <= 260 and not re.search(r"[*_#]", text[s:e]):
            found.append((s, e))
    return found


def fanfic(data: Path, per_work: int = PER_WORK, seed: int = SEED,
           taken: frozenset[tuple[str, int]] = frozenset()) -> list[dict]:
    from ficlens.ingest import read_path

    rng = random.Random(seed)
    drawn = []
    for gold_path in sorted(data.glob("fanfic/*/*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        story = next(p for p in gold_path.parent.glob(gold_path.name.replace(".gold.json", ".*"))
                     if not p.name.endswith(".json"))
        text = read_path(story).text
        aliases = {a for c in gold["characters"] for a in [c["id"], *c.get("aliases", [])]}
        source = f"fanfic/{gold_path.parent.name}/{story.name}"
        pool = []
        for span in gold["pov"]:
            if span.get("pov_character") is None:
                continue
            for s, e in sentences(text, span["start"], span["end"]):
                piece = text[s:e]
                if (source, s) not in taken and (
                        PERSON.search(piece) or any(a in piece for a in aliases)):
                    pool.append((s, e))
        for s, e in sorted(rng.sample(pool, min(per_work, len(pool)))):
            drawn.append({"source": source, "start": s, "text": text[s:e]})
    return drawn


def litbank(data: Path) -> list[dict]:
    rng = random.Random(SEED)
    files = sorted((data / "litbank" / "entities" / "tsv").glob("*.tsv"))
    drawn = []
    for path in rng.sample(files, LITBANK_EXCERPTS):
        words = [line.split("\t")[0] for line in path.read_text(encoding="utf-8").splitlines()
                 if line.strip()]
        text = " ".join(words)
        pool = [(s, e) for s, e in sentences(text, 0, len(text)) if PERSON.search(text[s:e])]
        for s, e in sorted(rng.sample(pool, min(PER_WORK, len(pool)))):
            drawn.append({"source": f"litbank/{path.stem}", "start": s, "text": text[s:e]})
    return drawn


def _taken(parts: tuple[str, ...]) -> frozenset[tuple[str, int]]:
    """(source, start) of every sentence already in those parts of the gold."""
    from ficlens.eval.portraits import load_gold

    gold = load_gold()
    return frozenset((source, item["start"]) for part in parts
                     for source, entry in gold[part].items() for item in entry["sentences"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--held-out", action="store_true",
                        help="Draw the held-out fan-fiction sentences instead.")
    parser.add_argument("--fresh", action="store_true",
                        help="Draw the fresh held-out fan-fiction sentences instead.")
    args = parser.parse_args()
    if args.held_out or args.fresh:
        items = fanfic(args.data, HELD_OUT_PER_WORK,
                       FRESH_SEED if args.fresh else HELD_OUT_SEED,
                       _taken(("fanfic", "fanfic_heldout") if args.fresh else ("fanfic",)))
    else:
        items = fanfic(args.data) + litbank(args.data)
    for item in items:
        digest = hashlib.sha1(item["text"].encode("utf-8")).hexdigest()[:16]
        print(f"\n## {item['source']} @{item['start']} len={len(item['text'])} sha1={digest}")
        print(" ".join(f"{w}/{i}" for i, w in enumerate(item["text"].split(" "))))


if __name__ == "__main__":
    main()
