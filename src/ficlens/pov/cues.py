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

from bisect import bisect_right
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
MIN_COREF_VOTES = 3  # resolved pronouns needed before coref overrides a table gender
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


def character_genders(work: Work) -> dict[str, str]:
    """Gender per character id: the table's, unless the coref layer clearly says otherwise."""
    genders = {c["id"]: gender_of(c) for c in work.tables.get("characters", [])}
    evidence: dict[str, Counter[str]] = {}
    for span in work.layer("coref"):
        character = span.get("character")
        word = str(span.get("pronoun") or work.text[span.start : span.end]).lower()
        gender = (
            "m" if word in lexicon.MALE_PRONOUNS else "f" if word in lexicon.FEMALE_PRONOUNS else ""
        )
        if character in genders and gender:
            evidence.setdefault(character, Counter())[gender] += 1
    for character, votes in evidence.items():
        (gender, n), total = votes.most_common(1)[0], sum(votes.values())
        if total >= MIN_COREF_VOTES and n / total >= 0.75:
            genders[character] = gender
    return genders


class SpanLookup:
    """Which span of a layer covers an offset (layers are sorted and rarely overlap)."""

    def __init__(self, spans: Sequence[Span], attr: str) -> None:
        kept = [s for s in spans if s.get(attr) is not None]
        self.starts = [s.start for s in kept]
        self.spans = kept
        self.attr = attr

    def at(self, offset: int) -> str | None:
        i = bisect_right(self.starts, offset) - 1
        if i >= 0 and offset < self.spans[i].end:
            return self.spans[i].attrs[self.attr]
        return None


class SubjectResolver:
    """Maps a subject token to a character id, by mentions, coref, then gender defaults."""

    def __init__(self, work: Work, sections: Sequence[tuple[int, int]]):
        self.genders = character_genders(work)
        self.mentions = SpanLookup(work.layer("mentions"), "character")
        self.coref = SpanLookup(work.layer("coref"), "character")
        overall = _mention_counts(work, 0, len(work.text))
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
        counts = _mention_counts(work, start, end)
        for character, n in overall.items():
            counts[character] += GLOBAL_PRIOR * n
        return self._by_gender(counts)

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


def _mention_counts(work: Work, start: int, end: int) -> Counter[str]:
    """Named mentions and quote speakers per character in ``start:end``."""
    counts: Counter[str] = Counter()
    for m in work.within("mentions", start, end):
        if m.get("character") is not None:
            counts[m["character"]] += 1
    for q in work.within("quotes", start, end):
        if q.get("speaker"):
            counts[q["speaker"]] += SPEAKER_WEIGHT
    return counts


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


def _candidate(tok: Span, tokens: Sequence[Span]) -> tuple[str, int] | None:
    """(kind, index of the token whose subject owns the cue) when ``tok`` is a cue."""
    attrs = tok.attrs
    lemma = attrs["lemma"].lower()
    if attrs["pos"] == "VERB":
        kind = lexicon.cue_kind(lemma)
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
        candidate = _candidate(tok, tokens)
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
        cues.append(Cue(tok.start, tok.end, character, kind, tok.attrs["lemma"].lower(), weight))
    cues.sort(key=lambda c: c.start)
    return cues


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
