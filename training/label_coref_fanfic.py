"""Label third-person pronouns of public fan fiction by hand, for ``ficlens eval coref-fanfic``.

Two steps, run by the person labelling (the story text never enters the project):

``list``: read one chapter out of a local repository snapshot the way ficlens reads it
(:func:`ficlens.ingest.read_path`, the ``segment`` and ``nlp`` stages only, so no coref output
is seen), and print the text of a chosen stretch with every third-person singular personal
pronoun marked in place as ``[N:word]``, N its number in the stretch (they-forms numbered
apart, ``[tN:word]``). The labeller reads it and writes a sheet of comma-separated items
``N CODE`` (``N-M CODE`` for a run; ``tN CODE`` for a they, listed only where one person is
meant) where CODE is a character's code from the cast file, ``other`` (a referent that is
no character: an animal, a thing, a person never on stage) or ``skip`` (pleonastic or not
decidable from the text); ``#`` starts a comment. Pronouns the sheet does not list are left
out (as if skipped).

``build``: add the works of the sheets to ``src/ficlens/eval/coref_fanfic_gold.json`` (a
work already there is replaced; the others are kept): per work the source (repository,
commit, path), the sha256 of the text ficlens reads, its split (``tune``, ``held_out`` or
``held_out_2``, :data:`ficlens.eval.coref_fanfic.SPLITS`), the labelled stretch, the cast
(canonical name and the aliases the text uses) and per pronoun its offsets, the pronoun and
its gold character (or ``other`` / ``skip``).

The cast file (JSON, one entry per work) names the work's source, its split, the stretch to
label (``start``/``end`` offsets, or ``words``: about that many words from ``start``) and
the cast as ``{"CODE": {"name": ..., "aliases": [...]}}``.

    python training/label_coref_fanfic.py list CAST.json WORK > /tmp/sheet-view.txt
    python training/label_coref_fanfic.py build CAST.json SHEETS_DIR
"""

from __future__ import annotations

import argparse
import json
import tempfile
from collections import Counter
from pathlib import Path

from ficlens.eval.check_real import text_hash
from ficlens.eval.coref_fanfic import (
    DEFAULT_GOLD,
    OTHER,
    SKIP,
    SPLITS,
    THEY,
    THIRD_PERSON,
    pronoun_form,
    read_snapshot_work,
)
from ficlens.eval.snapshots import default_mirrors
from ficlens.pipeline import analyze


def pronoun_tokens(text_start: int, text_end: int, tokens,
                   words: frozenset[str] = THIRD_PERSON) -> list[tuple[int, int]]:
    """Offsets of the personal pronouns among ``words`` inside the stretch."""
    return [(t.start, t.end) for t in tokens
            if text_start <= t.start < text_end and t.attrs.get("tag") in {"PRP", "PRP$"}
            and t.attrs.get("text", "").lower() in words]


def _all_marks(work, start: int, end: int) -> dict[str, list[tuple[int, int]]]:
    """he/she forms numbered 0, 1...; they forms apart, numbered t0, t1..."""
    tokens = work.layers["tokens"]
    return {"": pronoun_tokens(start, end, tokens),
            "t": pronoun_tokens(start, end, tokens, THEY)}


def _stretch(text: str, entry: dict) -> tuple[int, int]:
    start = int(entry.get("start", 0))
    if "end" in entry:
        return start, int(entry["end"])
    words, position = 0, start
    limit = int(entry.get("words", 2500))
    while position < len(text) and words < limit:
        nxt = text.find(" ", position + 1)
        position = len(text) if nxt < 0 else nxt
        words += 1
    # end the stretch at a paragraph break so no sentence is cut
    end = text.find("\n", position)
    return start, len(text) if end < 0 else end


def _analysed(entry: dict, mirrors: Path):
    with tempfile.TemporaryDirectory() as scratch:
        work = read_snapshot_work(entry["source"], mirrors, Path(scratch))
    if work is None:
        raise SystemExit(f"{entry['source']['repository']}: no snapshot under {mirrors}")
    analyze(work, stages=["segment", "nlp"])
    for token in work.layers["tokens"]:
        token.attrs["text"] = work.text[token.start:token.end]
    return work


def list_work(cast: dict, name: str, mirrors: Path) -> None:
    entry = cast[name]
    work = _analysed(entry, mirrors)
    start, end = _stretch(work.text, entry)
    marks = _all_marks(work, start, end)
    numbered = sorted((s, e, f"{prefix}{n}") for prefix, spans in marks.items()
                      for n, (s, e) in enumerate(spans))
    pieces, position = [], start
    for s, e, number in numbered:
        pieces.append(work.text[position:s])
        pieces.append(f"[{number}:{work.text[s:e]}]")
        position = e
    pieces.append(work.text[position:end])
    print(f"# {name}: stretch {start}-{end}, {len(marks[''])} he/she and {len(marks['t'])} "
          f"they pronouns, "
          f"codes: {', '.join(entry['cast'])}")
    print("".join(pieces))


def _read_sheet(path: Path) -> dict[tuple[str, int], str]:
    labels: dict[tuple[str, int], str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        for item in line.split(","):
            numbers, code = item.split()
            prefix = "t" if numbers.startswith("t") else ""
            first, _, last = numbers.removeprefix(prefix).partition("-")
            last = last.removeprefix(prefix) or first
            for number in range(int(first), int(last) + 1):
                labels[(prefix, number)] = code
    return labels


def _gender(name: str, pronouns: list[dict]) -> str:
    """M or F from the series of most of the character's labelled he/she pronouns, else U."""
    series = Counter(pronoun_form(p["pronoun"]) for p in pronouns if p["gold"] == name)
    he, she = series["he"], series["she"]
    return "M" if he > she else "F" if she > he else "U"


def build(cast: dict, sheets: Path, mirrors: Path, out: Path, about: str) -> None:
    works = json.loads(out.read_text(encoding="utf-8"))["works"] if out.is_file() else {}
    for name, entry in cast.items():
        sheet = sheets / f"{name}.txt"
        if not sheet.is_file():
            continue
        if entry.get("split") not in SPLITS:
            raise SystemExit(f"{name}: split {entry.get('split')!r} is none of {SPLITS}")
        work = _analysed(entry, mirrors)
        start, end = _stretch(work.text, entry)
        marks = _all_marks(work, start, end)
        labels = _read_sheet(sheet)
        pronouns = []
        for (prefix, number), code in sorted(labels.items(),
                                             key=lambda item: marks[item[0][0]][item[0][1]]):
            if code not in entry["cast"] and code not in {OTHER, SKIP}:
                raise SystemExit(f"{sheet}: pronoun {number} has unknown code {code!r}")
            s, e = marks[prefix][number]
            pronouns.append({"start": s, "end": e, "pronoun": work.text[s:e].lower(),
                             "gold": entry["cast"][code]["name"] if code in entry["cast"]
                             else code})
        works[name] = {
            "source": entry["source"], "sha256": text_hash(work.text),
            "fandom": entry.get("fandom"), "narration": entry.get("narration"),
            "split": entry["split"], "stretch": {"start": start, "end": end},
            "characters": [{"name": c["name"], "aliases": c.get("aliases", []),
                            "gender": _gender(c["name"], pronouns)}
                           for c in entry["cast"].values()],
            "pronouns": pronouns,
        }
        print(f"{name}: {len(pronouns)} labelled of {len(marks[''])} he/she pronouns "
              f"(and singular they among {len(marks['t'])} they forms)")
    out.write_text(json.dumps({"about": about, "works": works}, indent=1, ensure_ascii=False)
                   + "\n", encoding="utf-8")


ABOUT = (
    "Third-person singular personal pronouns of public fan fiction, labelled by hand with the "
    "character they refer to: every he/him/his/himself and she/her/hers/herself of a stretch (one "
    "chapter or section, about 2,000-2,500 words) of each work, and they/them/their where one "
    "person is meant (a they of a group or a thing is not listed). Made with "
    "training/label_coref_fanfic.py: the text is read as ficlens reads it (read_path, then only the"
    " segment and nlp stages, for token boundaries; the coref output was never looked at), every "
    "pronoun is marked in place, and the labeller reads the stretch and names each pronoun's "
    "character; then every place where the label changes was read again. 'other': a referent that "
    "is no character of the cast (a person unnamed or never on stage, an animal, a portrait); "
    "'skip': not decidable from the text (left out of the scores). The works were chosen for "
    "different fandoms and narrations (second-person reader-inserts; two female leads alone; two "
    "male leads; a character called he and they; a present-tense one); when they were labelled, no "
    "ficlens rule, table or model had been trained or tuned on them. Each work has a split: 'tune'"
    " (the works whose misses were read while changing rules), 'held_out' (no rule read their "
    "misses; training scripts use them out of fold), 'held_out_2' (a second held-out set of works "
    "added later: no rule reads them and no training script trains on them; "
    "ficlens.eval.coref_fanfic.labelled_works leaves them out unless asked). The texts are read "
    "from their repository snapshots (source: repository, commit, path); sha256 is the hash of "
    "the text ficlens reads. Only offsets, labels and the names the "
    "texts use are stored here, never story text. A character's gender is the series of most of its"
    " labelled he/she pronouns (M, F; U where it has none). One annotator per work (an AI engineer "
    "session of the project), no adjudication: expect a few errors."
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("step", choices=("list", "build"))
    parser.add_argument("cast", type=Path)
    parser.add_argument("target", help="list: the work's key in the cast; build: sheets folder")
    parser.add_argument("--mirrors", type=Path, default=None)
    parser.add_argument("--out", type=Path, default=DEFAULT_GOLD)
    args = parser.parse_args()
    cast = json.loads(args.cast.read_text(encoding="utf-8"))
    mirrors = args.mirrors or default_mirrors()
    if args.step == "list":
        list_work(cast, args.target, mirrors)
    else:
        build(cast, Path(args.target), mirrors, args.out, ABOUT)


if __name__ == "__main__":
    main()
