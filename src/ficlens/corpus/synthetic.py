"""Synthetic corpora for ``ficlens bench corpus``: many distinct works, analysed once.

A few stories are generated from templates and invented words (no story of any data set is
used), each analysed once by the full pipeline. Every further work is a variant of one of
them: its words are replaced by other invented words of the same length and its characters
renamed with names of the same length, so every offset of the analysis still holds and the
variant gets its own vocabulary, shingles and names, with the analysis blob of its base.
Each variant gets archive metadata (fandom, rating, relationship, character and freeform
tags); every 50th work re-posts the one before it and every 100th continues it in a series,
so that the link detection has something to find.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, replace

import numpy as np

from ficlens.corpus.links import make_sketch
from ficlens.corpus.rows import portrait_rows, rows_from_work
from ficlens.corpus.store import PreparedWork, content_hash, prepare
from ficlens.document import Metadata, Span, Work

CONSONANTS = "bdfgklmnprstvz"
VOWELS = "aeiou"
WORD = re.compile(r"\b[A-Za-z]{3,}\b")
SAID = ("said", "asked", "whispered", "answered")
KEEP = frozenset({*SAID, "the", "and", "with", "was", "should", "before", "came", "back",
                  "evening"})


def pseudo_word(rng: random.Random, length: int) -> str:
    letters = [rng.choice(CONSONANTS if i % 2 == 0 else VOWELS) for i in range(length)]
    return "".join(letters)


def pseudo_name(rng: random.Random, length: int) -> str:
    return pseudo_word(rng, length).capitalize()


def story(rng: random.Random, words: int) -> str:
    """An invented story of about ``words`` words: narration and attributed dialogue among
    four characters with full names."""
    people = [(pseudo_name(rng, rng.randint(4, 6)), pseudo_name(rng, rng.randint(5, 7)))
              for _ in range(4)]
    nouns = [pseudo_word(rng, rng.randint(4, 8)) for _ in range(300)]
    verbs = [pseudo_word(rng, rng.randint(4, 7)) for _ in range(120)]
    paragraphs, count = [], 0
    first, last = people[0]
    paragraphs.append(f"{first} {last} came back to the {rng.choice(nouns)} in the evening.")
    while count < words:
        speaker, listener = rng.sample(people, 2)
        noun, other, verb = rng.choice(nouns), rng.choice(nouns), rng.choice(verbs)
        if rng.random() < 0.55:
            line = (f'"We should {verb} the {noun} before the {other}," {speaker[0]} '
                    f"{rng.choice(SAID)} {listener[0]}. \"The {rng.choice(nouns)} is "
                    f'{rng.choice(verbs)}ed."')
        else:
            line = (f"{speaker[0]} {verb}ed the {noun} by the {other}, and {listener[0]} "
                    f"{rng.choice(verbs)}ed the {rng.choice(nouns)} with the "
                    f"{rng.choice(nouns)}. The {rng.choice(nouns)} was {rng.choice(nouns)}.")
        paragraphs.append(line)
        count += len(line.split())
    return "\n\n".join(paragraphs) + "\n"


@dataclass
class Base:
    """An analysed generated story and what its variants reuse."""

    work: Work
    analysis: bytes
    names: list[str]  # every word of every character name
    name_spots: list[tuple[int, int, str]]  # where those names are in the text
    free_spots: np.ndarray  # (start, end) of the other words a variant may respell
    portraits: list[dict]  # the portrait rows, the same for every variant (names aside)


def analysed_bases(count: int, words: int, seed: int = 7) -> list[Base]:
    from ficlens.ingest import read_bytes
    from ficlens.pipeline import analyze

    rng = random.Random(seed)
    bases = []
    for i in range(count):
        work = analyze(read_bytes(story(rng, words).encode("utf-8"), f"base-{i}.txt"))
        names = {w for c in work.tables.get("characters", [])
                 for n in [c["name"], *c.get("aliases", [])] for w in n.split() if w.isalpha()}
        if not work.text.isascii():  # a variant respells it byte for byte
            raise ValueError("a generated story must be ASCII")
        prepared = prepare(work, f"base-{i}")
        spots = [(m.start(), m.end(), m.group()) for m in WORD.finditer(work.text)]
        free = [(a, b) for a, b, w in spots
                if w not in names and w[0].islower() and w not in KEEP]
        bases.append(Base(work, prepared.analysis, sorted(names),
                          [s for s in spots if s[2] in names],
                          np.array(free, dtype=np.int64).reshape(-1, 2),
                          portrait_rows(work)))
    return bases


class Variants:
    """The n-th synthetic work, deterministic in ``n`` and the seed."""

    def __init__(self, bases: list[Base], seed: int = 11, fandoms: int = 40) -> None:
        self.bases = bases
        self.seed = seed
        rng = random.Random(seed)
        self.fandoms = [f"{pseudo_name(rng, 6)} {pseudo_name(rng, 5)}" for _ in range(fandoms)]
        self.tags = [f"{pseudo_word(rng, 5)} {pseudo_word(rng, 4)}" for _ in range(200)]
        self.ratings = ["General Audiences", "Teen And Up Audiences", "Mature", "Explicit",
                        "Not Rated"]
        self.previous: PreparedWork | None = None
        self.spellings = {n: [pseudo_word(rng, n) for _ in range(400)] for n in range(3, 40)}
        # each fandom's cast: a few names of each length, shared by its works as canon is
        self.cast = {f: {n: [pseudo_name(rng, n) for _ in range(4)] for n in range(1, 30)}
                     for f in self.fandoms}

    def prepared(self, n: int) -> PreparedWork:
        if n % 50 == 49 and self.previous is not None:
            return self._repost(self.previous)
        rng = random.Random(self.seed * 1_000_003 + n)
        base = self.bases[n % len(self.bases)]
        fandom = self._fandom(rng)
        renames = {name: rng.choice(self.cast[fandom][len(name)]) for name in base.names}
        text = _respelled(base, renames, np.random.default_rng(rng.getrandbits(64)),
                          self.spellings)
        work = _variant(base.work, text, renames)
        work.metadata = self._metadata(rng, n, work, fandom)
        work.layers.pop("portraits", None)  # the base's rows, not counted again for each variant
        rows = replace(rows_from_work(work), portraits=base.portraits)
        prepared = PreparedWork(content_hash(text.encode("utf-8")), rows, text,
                                base.analysis, make_sketch(text))
        self.previous = prepared
        return prepared

    @staticmethod
    def _repost(original: PreparedWork) -> PreparedWork:
        """The work before, re-posted with one word changed (same length: offsets hold)."""
        text = original.text.replace(" the ", " ten ", 1)
        rows = replace(original.rows, work={**original.rows.work,
                                            "title": f"{original.rows.work['title']} (repost)"})
        return PreparedWork(content_hash(text.encode("utf-8")), rows, text, original.analysis,
                            make_sketch(text))

    def _fandom(self, rng: random.Random) -> str:
        """Fandoms of very different sizes (Pareto), as in an archive."""
        return self.fandoms[min(int(rng.paretovariate(1.2)) - 1, len(self.fandoms) - 1)]

    def _metadata(self, rng: random.Random, n: int, work: Work, fandom: str) -> Metadata:
        names = [c["name"] for c in work.tables.get("characters", [])][:4]
        values = {
            "title": f"{pseudo_name(rng, 5)} {pseudo_word(rng, 6)}",
            "authors": [pseudo_name(rng, 7)], "fandoms": [fandom],
            "rating": rng.choice(self.ratings),
            "relationships": ["/".join(names[:2])] if len(names) > 1 else [],
            "characters": names, "freeform_tags": rng.sample(self.tags, 3),
            "source_path": f"synthetic-{n:06d}.txt",
        }
        if n % 100 in (98, 99):  # a two-part series
            values["series"] = [{"name": f"series {n // 100}", "part": n % 100 - 97}]
        return _metadata(values)


def _metadata(values: dict) -> Metadata:
    """Metadata from plain values, whichever fields this version of ``Metadata`` has (a
    field it lacks is kept as an extra by ``from_dict``)."""
    try:
        return Metadata.from_dict(values)
    except TypeError:  # a series entry of another shape
        return Metadata.from_dict({k: v for k, v in values.items() if k != "series"})


def _respelled(base: Base, renames: dict[str, str], rng: np.random.Generator,
               spellings: dict[int, list[str]]) -> str:
    """Names renamed and about a third of the other words replaced, every length kept: the
    new words are written over the base's bytes (the story is ASCII), in whole arrays."""
    free = base.free_spots[rng.random(len(base.free_spots)) < 0.35]
    picks = rng.integers(0, min(len(v) for v in spellings.values()), size=len(free))
    news = [spellings[end - start][pick]
            for (start, end), pick in zip(free.tolist(), picks.tolist(), strict=True)]
    news += [renames[word] for _start, _end, word in base.name_spots]
    starts = np.concatenate([free[:, 0], [s for s, _e, _w in base.name_spots]]).astype(np.int64)
    lengths = np.fromiter(map(len, news), dtype=np.int64, count=len(news))
    # every byte position the new words cover, in the order of their letters
    positions = np.repeat(starts - np.cumsum(lengths) + lengths, lengths) + np.arange(
        lengths.sum())
    letters = np.frombuffer(base.work.text.encode("ascii"), dtype=np.uint8).copy()
    letters[positions] = np.frombuffer("".join(news).encode("ascii"), dtype=np.uint8)
    return letters.tobytes().decode("ascii")


def _variant(base: Work, text: str, renames: dict[str, str]) -> Work:
    """The base's analysis over the variant's text: names renamed, quote texts re-read."""
    def renamed(name: str) -> str:
        return " ".join(renames.get(w, w) for w in name.split(" "))

    work = Work(text=text, layers=dict(base.layers), tables=dict(base.tables))
    work.layers["quotes"] = [
        Span(q.start, q.end, {**q.attrs, "text": text[q.start:q.end]}
             if q.get("text") == base.text[q.start:q.end] else dict(q.attrs))
        for q in base.layer("quotes")
    ]
    work.tables["characters"] = [
        {**c, "name": renamed(c["name"]), "aliases": [renamed(a) for a in c.get("aliases", [])]}
        for c in base.tables.get("characters", [])
    ]
    detail = dict(base.tables.get("pairing_detail") or {})
    if detail.get("ao3"):
        detail["ao3"] = "/".join(renamed(side) for side in detail["ao3"].split("/"))
    work.tables["pairing_detail"] = detail
    return work
