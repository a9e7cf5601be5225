"""Inner-life cues in narration: who thinks, feels, perceives ("Peyton wondered", "her heart").

One pass over the ``tokens`` layer finds verbs of perception, cognition and emotion, emotion
adjectives after a linking verb, and inner nouns with a possessor ("her heart"), each with the
grammatical subject whose mind it reports. Subjects become characters through, in order: the
``mentions`` layer (named mentions), the ``coref`` layer (resolved pronouns), and, for a pronoun
nobody resolved, the scene's default character of that gender (most mentioned in the scene,
with the story's leads weighing in: the POV character is the default "she" of a
third-limited scene; same-gender pairs need the coref stage). First-person "I" with no
resolution becomes :data:`NARRATOR`, settled per scene by the caller.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from ficlens.document import Span, Work
from ficlens.pov import lexicon
from ficlens.pov.regions import Intervals

NARRATOR = "@narrator"
SUBJECT_DEPS = frozenset(("nsubj", "nsubjpass"))
# A cue under another cue ("she knew he felt...") belongs to the outer mind only.
MAX_ANCESTOR_STEPS = 4
UNRESOLVED_WEIGHT = 0.7  # gender-default guesses count for less than resolved mentions
SPEAKER_WEIGHT = 2  # a speaker is on stage, a named mention may be absent
UNKNOWN_GENDER_WEIGHT = 0.75  # a character of unknown gender may be the default he or she
MIN_COREF_VOTES = 3  # confident he / she resolutions that make a scene's default he / she
COREF_MIN_CONFIDENCE = 0.5  # less sure resolutions fall back to the scene's default he / she
FREE_INDIRECT_REACH = 300  # characters back to the mind a narration question belongs to
_FREE_INDIRECT_OPENER = re.compile(r"(?:Maybe|Perhaps|God|Of course|Surely)\b")
GLOBAL_PRIOR = 0.5  # weight of a whole-story mention when picking a scene's default he/she


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


def gender_of(entry: dict) -> str:
    """``"m"``, ``"f"`` or ``""`` from a character table entry, whatever spelling it uses."""
    value = str(entry.get("gender") or "").strip().lower()
    if value.startswith(("m", "he")):
        return "m"
    if value.startswith(("f", "she", "w")):
        return "f"
    return ""


def pronoun_gender(work: Work, span: Span) -> str:
    """``"m"`` / ``"f"`` for a he- or she-pronoun span of the coref layer, else ``""``."""
    word = str(span.get("pronoun") or work.text[span.start : span.end]).lower()
    if word in lexicon.MALE_PRONOUNS:
        return "m"
    return "f" if word in lexicon.FEMALE_PRONOUNS else ""


def confident_coref(work: Work) -> list[Span]:
    """Resolved pronouns of the coref layer that the coref stage is fairly sure of."""
    return [
        span
        for span in work.layer("coref")
        if span.get("character") is not None and span.get("confidence", 1.0) >= COREF_MIN_CONFIDENCE
    ]


class SpanLookup:
    """Which span of a layer covers an offset (layers are sorted and rarely overlap)."""

    def __init__(self, spans: Sequence[Span], attr: str) -> None:
        kept = [s for s in spans if s.get(attr) is not None]
        self.starts = [s.start for s in kept]
        self.spans = kept
        self.attr = attr

    def between(self, start: int, end: int) -> list[Span]:
        """Spans starting in ``start:end``."""
        return self.spans[bisect_left(self.starts, start) : bisect_left(self.starts, end)]

    def at(self, offset: int) -> str | None:
        i = bisect_right(self.starts, offset) - 1
        if i >= 0 and offset < self.spans[i].end:
            return self.spans[i].attrs[self.attr]
        return None


class SubjectResolver:
    """Maps a subject token to a character id, by mentions, coref, then gender defaults."""

    def __init__(self, work: Work, sections: Sequence[tuple[int, int]]):
        self.genders = {c["id"]: gender_of(c) for c in work.tables.get("characters", [])}
        self.mentions = SpanLookup(work.layer("mentions"), "character")
        self.coref = SpanLookup(confident_coref(work), "character")
        self.speakers = SpanLookup(work.layer("quotes"), "speaker")
        overall = self._mention_counts(0, len(work.text))
        self.section_starts = [s for s, _ in sections]
        self.defaults = [self._section_defaults(work, s, e, overall) for s, e in sections]
        self.story_defaults = self._by_gender(overall)

    def _by_gender(self, counts: Counter[str]) -> dict[str, str]:
        """The most present character of each gender; one of unknown gender may stand in."""
        defaults: dict[str, str] = {}
        for wanted in ("m", "f"):
            scores = {
                character: n * (1.0 if gender == wanted else UNKNOWN_GENDER_WEIGHT)
                for character, n in counts.items()
                if (gender := self.genders.get(character, "")) in (wanted, "")
            }
            if scores:
                defaults[wanted] = max(scores, key=scores.__getitem__)
        return defaults

    def _section_defaults(
        self, work: Work, start: int, end: int, overall: Counter[str]
    ) -> dict[str, str]:
        # The leads of the whole story weigh in: a POV character is seldom named in her own
        # scene, while the people she thinks about are.
        counts = self._mention_counts(start, end)
        for character, n in overall.items():
            counts[character] += GLOBAL_PRIOR * n
        defaults = self._by_gender(counts)
        # Where the coref stage resolved enough he / she here, its favourite is the default.
        votes: dict[str, Counter[str]] = {"m": Counter(), "f": Counter()}
        for span in self.coref.between(start, end):
            gender = pronoun_gender(work, span)
            if gender:
                votes[gender][span["character"]] += 1
        for gender, counter in votes.items():
            if counter.total() >= MIN_COREF_VOTES:
                defaults[gender] = counter.most_common(1)[0][0]
        return defaults

    def _mention_counts(self, start: int, end: int) -> Counter[str]:
        """Named mentions and quote speakers per character in ``start:end``."""
        counts: Counter[str] = Counter(m["character"] for m in self.mentions.between(start, end))
        for quote in self.speakers.between(start, end):
            counts[quote["speaker"]] += SPEAKER_WEIGHT
        return counts

    def default_for(self, gender: str, offset: int) -> str | None:
        section = bisect_right(self.section_starts, offset) - 1
        defaults = self.defaults[section] if section >= 0 else self.story_defaults
        return defaults.get(gender)

    def resolve(self, start: int, word: str) -> tuple[str | None, float]:
        """The character a subject at ``start`` refers to, and how much to trust it."""
        named = self.mentions.at(start)
        if named is not None:
            return named, 1.0
        resolved = self.coref.at(start)
        if resolved is not None:
            return resolved, 1.0
        word = word.lower()
        if word in lexicon.FIRST_PERSON:
            return NARRATOR, 1.0
        if word in lexicon.MALE_PRONOUNS:
            return self.default_for("m", start), UNRESOLVED_WEIGHT
        if word in lexicon.FEMALE_PRONOUNS:
            return self.default_for("f", start), UNRESOLVED_WEIGHT
        return None, 0.0


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


def _under_other_cue(index: int, tokens: Sequence[Span], cue_indices: set[int]) -> bool:
    head = tokens[index].attrs["head"]
    for _ in range(MAX_ANCESTOR_STEPS):
        if head < 0 or head == index:
            return False
        if head in cue_indices:
            return True
        index, head = head, tokens[head].attrs["head"]
    return False


def find_cues(work: Work, resolver: SubjectResolver, excluded: list[Intervals]) -> list[Cue]:
    """Every inner-life cue in narration, with the character whose mind it reports."""
    tokens = work.layer("tokens")
    subject_of, possessor_of = _cue_heads(tokens)
    found: dict[int, tuple[str, int]] = {}
    for i, tok in enumerate(tokens):
        candidate = _candidate(tok, tokens, work.text)
        if candidate and not any(tok.start in region for region in excluded):
            found[i] = candidate
    verbs = {i for i, (_, owner) in found.items() if owner == -1}
    cues: list[Cue] = []
    for i, (kind, owner) in found.items():
        if _under_other_cue(i, tokens, verbs):
            continue
        subject = _owner(i, owner, tokens, subject_of, possessor_of)
        if subject is None:
            continue
        sub = tokens[subject]
        character, trust = resolver.resolve(sub.start, work.text[sub.start : sub.end])
        if character is None:
            continue
        tok = tokens[i]
        weight = lexicon.WEIGHTS[kind] * trust
        lemma = lexicon.cue_lemma(work.text[tok.start : tok.end], tok.attrs["lemma"])
        cues.append(Cue(tok.start, tok.end, character, kind, lemma, weight))
    cues.sort(key=lambda c: c.start)
    return _with_free_indirect(work, cues, excluded)


def _with_free_indirect(work: Work, cues: list[Cue], excluded: list[Intervals]) -> list[Cue]:
    """Add narration questions and exclamations ("What kind of man did that make him?") as
    free indirect thought of the mind reported just before them."""
    starts = [c.start for c in cues]
    text = work.text
    extra: list[Cue] = []
    for sentence in work.layer("sentences"):
        if any(sentence.start in region for region in excluded):
            continue
        last = text[sentence.end - 1]
        opener = _FREE_INDIRECT_OPENER.match(text, sentence.start, sentence.end)
        if last not in "?!" and opener is None:
            continue
        i = bisect_right(starts, sentence.start) - 1
        if i < 0 or sentence.start - cues[i].end > FREE_INDIRECT_REACH:
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


def count_pronouns(work: Work, excluded: list[Intervals]) -> PronounCounts:
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
        if bucket is not None and not any(tok.start in region for region in excluded):
            bucket.append(tok.start)
    return counts
