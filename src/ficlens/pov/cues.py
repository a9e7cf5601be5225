"""Inner-life cues in narration: who thinks, feels, perceives ("Peyton wondered", "her heart").

One pass over the ``tokens`` layer finds verbs of perception, cognition and emotion, emotion
adjectives after a linking verb, and inner nouns with a possessor ("her heart"), each with the
grammatical subject whose mind it reports. Subjects become characters through the
``mentions`` layer (named mentions), else the scene-default convention that coreference
publishes (:class:`ficlens.coref.readings.SceneDefaults`: the ``coref`` layer or the scene's
default character of the pronoun's gender). First-person "I" with no resolution becomes
:data:`NARRATOR`, settled per scene by the caller.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ficlens.coref.readings import NARRATOR, SceneDefaults
from ficlens.document import LayerView, Span, Work
from ficlens.pov import lexicon

__all__ = ["NARRATOR", "Cue", "PronounCounts", "count_pronouns", "find_cues"]

SUBJECT_DEPS = frozenset(("nsubj", "nsubjpass"))
COORDINATE_DEPS = frozenset(("conj", "parataxis"))
_FREE_INDIRECT_OPENER = re.compile(r"(?:Maybe|Perhaps|God|Of course|Surely)\b")


@dataclass(slots=True)
class Cue:
    start: int
    end: int
    character: str
    kind: str
    lemma: str
    weight: float


@dataclass(slots=True)
class PronounCounts:
    """Offsets of narration pronouns by person, for counting per scene."""

    first: list[int]
    second: list[int]
    third: list[int]


def _cue_heads(tokens: Sequence[Span]) -> tuple[dict[int, int], dict[int, int]]:
    """Subject of each head token, and possessor of each inner noun."""
    subject_of: dict[int, int] = {}
    possessor_of: dict[int, int] = {}
    for i, tok in enumerate(tokens):
        dep = tok.attrs["dep"]
        if dep in SUBJECT_DEPS:
            subject_of.setdefault(tok.attrs["head"], i)
        elif dep == "poss":
            possessor_of.setdefault(tok.attrs["head"], i)
    return subject_of, possessor_of


def _candidate(tok: Span, tokens: Sequence[Span], text: str) -> tuple[str, int] | None:
    """(kind, index of the token whose subject owns the cue) when ``tok`` is a cue."""
    attrs = tok.attrs
    lemma = attrs["lemma"].lower()
    if attrs["pos"] == "VERB":
        kind = lexicon.cue_kind(lexicon.cue_lemma(text[tok.start : tok.end], lemma))
        return (kind, -1) if kind else None
    if lemma in lexicon.EMOTION_ADJECTIVES and attrs["dep"] == "acomp":
        head = attrs["head"]
        if 0 <= head < len(tokens) and tokens[head].attrs["lemma"].lower() in lexicon.LINKING_VERBS:
            return "state", head
    if lemma in lexicon.INNER_NOUNS and attrs["dep"] in SUBJECT_DEPS:
        return "inner", -2
    return None


def _under_other_cue(
    index: int, tokens: Sequence[Span], cue_indices: set[int], max_steps: int
) -> bool:
    """True when the cue sits in a clause another cue embeds ("she knew he felt ..."); a
    coordinated clause ("he wondered, and he felt ...") stands on its own."""
    head = tokens[index].attrs["head"]
    for _ in range(max_steps):
        if head < 0 or head == index or tokens[index].attrs["dep"] in COORDINATE_DEPS:
            return False
        if head in cue_indices:
            return True
        index, head = head, tokens[head].attrs["head"]
    return False


def find_cues(
    work: Work,
    resolver: SceneDefaults,
    excluded: list[LayerView],
    max_ancestor_steps: int,
    free_indirect_reach: int,
) -> list[Cue]:
    """Every inner-life cue in narration, with the character whose mind it reports (a cue
    under another cue within ``max_ancestor_steps`` belongs to the outer mind only)."""
    tokens = work.layer("tokens")
    subject_of, possessor_of = _cue_heads(tokens)
    found: dict[int, tuple[str, int]] = {}
    for i, tok in enumerate(tokens):
        candidate = _candidate(tok, tokens, work.text)
        if candidate and not any(region.covers(tok.start) for region in excluded):
            found[i] = candidate
    verbs = {i for i, (_, owner) in found.items() if owner == -1}
    owned: list[tuple[int, str, Span]] = []
    for i, (kind, owner) in found.items():
        subject = (
            None
            if _under_other_cue(i, tokens, verbs, max_ancestor_steps)
            else _owner(i, owner, tokens, subject_of, possessor_of)
        )
        if subject is not None:
            owned.append((i, kind, tokens[subject]))
    # Named minds first: they tell the resolver where two same-gender characters compete.
    resolver.settle_contests([sub.start for _, _, sub in owned])
    cues: list[Cue] = []
    for i, kind, sub in owned:
        character, trust = resolver.resolve(sub.start, work.text[sub.start : sub.end])
        if character is None:
            continue
        tok = tokens[i]
        weight = lexicon.WEIGHTS[kind] * trust
        lemma = lexicon.cue_lemma(work.text[tok.start : tok.end], tok.attrs["lemma"])
        cues.append(Cue(tok.start, tok.end, character, kind, lemma, weight))
    cues.sort(key=lambda c: c.start)
    return _with_free_indirect(work, cues, excluded, free_indirect_reach)


def _with_free_indirect(
    work: Work, cues: list[Cue], excluded: list[LayerView], reach: int
) -> list[Cue]:
    """Add narration questions and exclamations ("What kind of man did that make him?") as
    free indirect thought of the mind reported just before them (within ``reach`` chars)."""
    by_start = LayerView(cues)
    text = work.text
    extra: list[Cue] = []
    for sentence in work.layer("sentences"):
        if any(region.covers(sentence.start) for region in excluded):
            continue
        last = text[sentence.end - 1]
        opener = _FREE_INDIRECT_OPENER.match(text, sentence.start, sentence.end)
        if last not in "?!" and opener is None:
            continue
        i = by_start.index_at(sentence.start)
        if i < 0 or sentence.start - cues[i].end > reach:
            continue
        owner = cues[i].character
        weight = lexicon.WEIGHTS["free_indirect"]
        extra.append(Cue(sentence.start, sentence.end, owner, "free_indirect", "", weight))
    return sorted(cues + extra, key=lambda c: c.start)


def _owner(
    index: int,
    owner: int,
    tokens: Sequence[Span],
    subject_of: dict[int, int],
    possessor_of: dict[int, int],
) -> int | None:
    if owner == -2:  # inner noun: its possessor
        return possessor_of.get(index)
    verb = index if owner == -1 else owner
    subject = subject_of.get(verb)
    if subject is None and tokens[verb].attrs["dep"] in ("conj", "xcomp", "advcl"):
        subject = subject_of.get(tokens[verb].attrs["head"])
    return subject


def count_pronouns(work: Work, excluded: list[LayerView]) -> PronounCounts:
    """Narration pronouns (outside quotes and notes) by grammatical person."""
    counts = PronounCounts([], [], [])
    for tok in work.layer("tokens"):
        if tok.attrs["pos"] != "PRON":
            continue
        word = work.text[tok.start : tok.end].lower()
        bucket = None
        if word in lexicon.FIRST_PERSON:
            bucket = counts.first
        elif word in lexicon.SECOND_PERSON:
            bucket = counts.second
        elif word in lexicon.THIRD_PERSON:
            bucket = counts.third
        if bucket is not None and not any(region.covers(tok.start) for region in excluded):
            bucket.append(tok.start)
    return counts
