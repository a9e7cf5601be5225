"""Self-supervised speaker labels from unlabelled fan fiction (issue 20 item 6).

    python training/selfsup_speaker.py --texts /work/unlabelled/texts   # label counts

A quotation whose speech tag names a character ("said Harry", "Harry asked") is a free
label: ficlens's own stages (segment, nlp, characters, quotes) find the tag and the
character its subject mentions. A share of these lines is then *masked* so that the label
teaches the hard cases:

- anaphoric: the name is replaced by the pronoun of the character's gender as the
  characters stage read it ("Harry asked" -> "he asked", "said Harry" -> "he said");
- implicit: a tag that closes its sentence after the quotation is removed
  ('"Fine," Harry said.' -> '"Fine."').

The masked story is a new training text (the source text is never altered in the product);
the characters found on the unmasked text are carried over with their mention offsets
remapped (mentions inside a removed tag are dropped), so the label's character id holds.
Unmasked explicit lines are labels too. Lines without a named tag have no label and are
only context.

The texts come from training/fanfic_unlabelled_sources.json (written by
training/gather_fanfic_unlabelled.py); train_speaker.py takes them with
``--fanfic-selfsup DIR --selfsup-weight W``. None of them is in ../shared/data/fanfic.
"""

from __future__ import annotations

import argparse
import bisect
import copy
import hashlib
import json
import random
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ficlens.document import Span, Work
from ficlens.eval.parse_cache import base_work, run_stages

MANIFEST = Path(__file__).resolve().parent / "fanfic_unlabelled_sources.json"
PRONOUNS = {"M": "he", "F": "she", "male": "he", "female": "she"}  # as either stage writes it
CLOSING_QUOTES = "\"”'’"
QUOTE_MARKS = "\"“”"
MAX_REMOVED_WORDS = 8
# Shares of the named-tag lines turned into each kind of training line.
PRONOUN_SHARE = 0.35
REMOVE_SHARE = 0.25
MASK_SHARE = REMOVE_SHARE + PRONOUN_SHARE


@dataclass(frozen=True)
class Edit:
    """Replace ``text[start:end]`` by ``new``."""

    start: int
    end: int
    new: str


@dataclass(frozen=True)
class Label:
    """One labelled quotation of a masked text: spans (new offsets), speaker id, type."""

    spans: list[tuple[int, int]]
    speaker: str
    type: str


@dataclass
class MaskedStory:
    name: str
    text: str
    add_characters: Callable[[Work], None]
    labels: list[Label]


class OffsetMap:
    """Old-text offsets to new-text offsets across sorted, non-overlapping edits."""

    def __init__(self, edits: list[Edit]) -> None:
        self.edits = edits
        self.starts = [e.start for e in edits]
        self.shift = [0]
        for e in edits:
            self.shift.append(self.shift[-1] + len(e.new) - (e.end - e.start))

    def touches(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` overlaps an edit that changes its length or words."""
        k = bisect.bisect_right(self.starts, end) - 1
        return k >= 0 and self.edits[k].start < end and start < self.edits[k].end

    def __call__(self, offset: int) -> int:
        k = bisect.bisect_right(self.starts, offset - 1)  # edits starting before offset
        if k and offset < self.edits[k - 1].end:  # inside an edit: clamp to its new end
            e = self.edits[k - 1]
            return min(offset, e.start + len(e.new)) + self.shift[k - 1]
        return offset + self.shift[k]


def apply(text: str, edits: list[Edit]) -> str:
    parts, at = [], 0
    for e in edits:
        parts.append(text[at:e.start])
        parts.append(e.new)
        at = e.end
    parts.append(text[at:])
    return "".join(parts)


def _sentence_initial(text: str, start: int) -> bool:
    before = text[:start].rstrip(" \t")
    return not before or before[-1] in ".!?\n" and before[-1] not in CLOSING_QUOTES


def _pronoun_edit(text: str, tag: Span, pronoun: str) -> Edit:
    """'Harry asked' -> 'he asked'; 'asked Harry' -> 'he asked' (tag = subject + verb)."""
    subject_first = text[tag.start:].startswith(tag["subject"])
    word = pronoun.capitalize() if _sentence_initial(text, tag.start) else pronoun
    if subject_first:
        end = tag.start + len(tag["subject"])
        return Edit(tag.start, end, word)
    return Edit(tag.start, tag.end, f"{word} {tag['verb']}")


def _removal_edits(text: str, quote: Span, tag: Span) -> list[Edit] | None:
    """'"Fine," Harry said quietly.' -> '"Fine."': the narration sentence that holds a tag
    right after the quotation goes, when it ends within the paragraph before any other
    quotation and is short (a tag with its manner, not a scene)."""
    if tag["position"] != "after" or quote.end > tag.start:
        return None
    if text[quote.end:tag.start].strip():
        return None
    end = _sentence_end(text, tag.end)
    if end is None or len(text[quote.end:end].split()) > MAX_REMOVED_WORDS:
        return None
    closing = quote.end - 1
    if closing < 1 or text[closing] not in CLOSING_QUOTES:
        return None
    inner = closing - 1
    removal = Edit(quote.end, end, "")
    if text[inner] == ",":  # '"Fine," Harry said.' -> '"Fine."'
        return [Edit(inner, inner + 1, "."), removal]
    if text[inner] in ".!?":
        return [removal]
    return None


def _sentence_end(text: str, start: int) -> int | None:
    """Just past the full stop (or ! ?) that ends the sentence from ``start``, if it comes
    before the paragraph's end and before any quotation mark."""
    for i in range(start, min(len(text), start + 200)):
        char = text[i]
        if char == "\n" or char in QUOTE_MARKS:
            return None
        if char in ".!?":
            return i + 1
    return None


def _named_tags(work: Work) -> dict[int, Span]:
    """Quote index -> its one tag whose subject is exactly a character's name mention."""
    mention_at = {(m.start, m.end): m["character"] for m in work.layer("mentions")}
    by_quote: dict[int, list[Span]] = {}
    for tag in work.layer("speech_tags"):
        by_quote.setdefault(tag["quote"], []).append(tag)
    named = {}
    for k, tags in by_quote.items():
        if len(tags) != 1 or tags[0]["kind"] != "name" or tags[0]["character"] is None:
            continue
        tag = tags[0]
        subject = tag["subject"]
        start = tag.start if work.text[tag.start:].startswith(subject) else tag.end - len(subject)
        if mention_at.get((start, start + len(subject))) == tag["character"]:
            named[k] = tag
    return named


def mask_story(work: Work, rng: random.Random) -> tuple[list[Edit], list[tuple[Span, str, str]]]:
    """The edits that mask a share of the named-tag lines, and every labelled quotation
    (quote span, speaker id, type as masked)."""
    genders = {c["id"]: c.get("gender") for c in work.tables.get("characters", [])}
    quotes = work.layer("quotes")
    edits: list[Edit] = []
    labels = []
    for k, tag in sorted(_named_tags(work).items()):
        quote, speaker = quotes[k], tag["character"]
        if not quote["speech"]:
            continue
        draw = rng.random()
        new: list[Edit] | None = None
        kind = "Explicit"
        if draw < REMOVE_SHARE:
            new, kind = _removal_edits(work.text, quote, tag), "Implicit"
        if new is None and draw < MASK_SHARE and genders.get(speaker) in PRONOUNS:
            new = [_pronoun_edit(work.text, tag, PRONOUNS[genders[speaker]])]
            kind = "Anaphoric"
        if new is None:
            new, kind = [], "Explicit"
        if new and edits and new[0].start < edits[-1].end:
            new, kind = [], "Explicit"
        edits.extend(new)
        labels.append((quote, speaker, kind))
    return edits, labels


def _carry_characters(work: Work, offsets: OffsetMap) -> Callable[[Work], None]:
    """The characters of the unmasked text, for the masked one: the table as found, the
    mention layer remapped, mentions inside a masked tag dropped (and uncounted)."""
    kept, dropped = [], Counter()
    for m in work.layer("mentions"):
        if offsets.touches(m.start, m.end):
            dropped[m["character"]] += 1
            continue
        kept.append(Span(offsets(m.start), offsets(m.end), dict(m.attrs)))
    table = copy.deepcopy(work.tables.get("characters", []))
    for row in table:
        if isinstance(row.get("mentions"), int):
            row["mentions"] -= dropped[row["id"]]

    def add(masked: Work) -> None:
        masked.set_table("characters", copy.deepcopy(table))
        masked.add_layer("mentions", [Span(s.start, s.end, dict(s.attrs)) for s in kept])

    return add


def masked_story(name: str, text: str, cache: Path | None, seed: int) -> MaskedStory:
    work, _ = base_work(text, cache, reuse_any=True)
    run_stages(work, ("characters", "quotes"))
    digest = int(hashlib.sha256(name.encode()).hexdigest()[:8], 16)
    edits, labelled = mask_story(work, random.Random(seed * 1_000_003 + digest))
    offsets = OffsetMap(edits)
    labels = [
        Label([(offsets(s), offsets(e)) for s, e in quote["parts"]], speaker, kind)
        for quote, speaker, kind in labelled
    ]
    return MaskedStory(name, apply(text, edits), _carry_characters(work, offsets), labels)


def read_manifest(folder: Path) -> list[tuple[str, str]]:
    """(name, text) of every text the manifest lists, checked against its sha256."""
    manifest = json.loads(MANIFEST.read_text(encoding="utf-8"))
    texts = []
    for entry in manifest["works"]:
        path = folder / entry["file"]
        if not path.exists():
            raise SystemExit(f"{path}: missing; run training/gather_fanfic_unlabelled.py")
        text = path.read_text(encoding="utf-8")
        if hashlib.sha256(text.encode("utf-8")).hexdigest() != entry["sha256"]:
            raise SystemExit(f"{path}: not the text the manifest records (sha256 differs)")
        texts.append((entry["file"].removesuffix(".txt"), text))
    return texts


def cache_for(folder: Path) -> Path:
    """Where the parses of the texts in ``folder`` and of their masked versions are kept
    (beside the texts, outside the project)."""
    return folder.resolve().parent / "cache"


def masked_stories(folder: Path, seed: int = 0) -> list[MaskedStory]:
    cache = cache_for(folder)
    return [masked_story(name, text, cache, seed) for name, text in read_manifest(folder)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=Path, required=True)
    args = parser.parse_args(argv)
    totals: Counter[str] = Counter()
    for story in masked_stories(args.texts):
        base_work(story.text, cache_for(args.texts))  # the parse training will read
        counts = Counter(label.type for label in story.labels)
        totals.update(counts)
        print(story.name, dict(counts), file=sys.stderr)
    print(json.dumps(dict(totals)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
