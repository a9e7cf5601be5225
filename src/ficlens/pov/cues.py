"""Inner-life cues in narration: who thinks, feels, perceives ("Peyton wondered", "her heart").

One pass over the ``tokens`` layer finds verbs of perception, cognition and emotion, emotion
adjectives after a linking verb, and inner nouns with a possessor ("her heart"), each with the
grammatical subject whose mind it reports. Subjects become characters through the
``mentions`` layer (named mentions), else :class:`SubjectResolver`'s choice between the
``coref`` layer and the scene's default character of the pronoun's gender. First-person "I"
with no resolution becomes :data:`NARRATOR`, settled per scene by the caller.
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
COORDINATE_DEPS = frozenset(("conj", "parataxis"))
UNRESOLVED_WEIGHT = 0.7  # gender-default guesses count for less than resolved mentions
UNKNOWN_GENDER_WEIGHT = 0.75  # a character of unknown gender may be the default he or she
COREF_MIN_CONFIDENCE = 0.5  # coref resolutions less sure than this are ignored
MIN_RIVAL_CUES = 2  # named thoughts / feelings a same-gender rival needs to contest a default
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


@dataclass(frozen=True, slots=True)
class Default:
    """A scene's default character for "he" or "she", and whether a rival makes it unsafe."""

    character: str
    contested: bool


def _count(lookup: SpanLookup, start: int, end: int) -> Counter[str]:
    return Counter(span.attrs[lookup.attr] for span in lookup.between(start, end))


class SubjectResolver:
    """Maps a subject token to a character id: its named mention, else the scene's default
    character for the pronoun's gender, else, where a same-gender rival contests that default,
    the coref stage's resolution.

    In fiction the POV character is the default pronoun of a scene, and on the sample
    stories a coref model errs more often than that convention does (even when it reports a
    confidence of 0.9). Where two same-gender characters share the narration (slash fics) the
    convention cannot decide and the coref stage does.
    """

    def __init__(self, work: Work, sections: Sequence[tuple[int, int]]) -> None:
        self.genders = {c["id"]: gender_of(c) for c in work.tables.get("characters", [])}
        self.mentions = SpanLookup(work.layer("mentions"), "character")
        self.coref = SpanLookup(confident_coref(work), "character")
        overall = _count(self.mentions, 0, len(work.text))
        self.section_starts = [s for s, _ in sections]
        self.sections = list(sections)
        self.defaults = [self._section_defaults(s, e, overall) for s, e in sections]
        self.story_defaults = {
            gender: Default(character, False)
            for gender, character in self._leaders(overall).items()
        }

    def _leaders(self, counts: Counter[str]) -> dict[str, str]:
        """The most present character of each gender; one of unknown gender may stand in."""
        leaders: dict[str, str] = {}
        for wanted in ("m", "f"):
            scores = {
                character: n * (1.0 if gender == wanted else UNKNOWN_GENDER_WEIGHT)
                for character, n in counts.items()
                if (gender := self.genders.get(character, "")) in (wanted, "")
            }
            if scores:
                leaders[wanted] = max(scores, key=scores.__getitem__)
        return leaders

    def _section_defaults(self, start: int, end: int, overall: Counter[str]) -> dict[str, Default]:
        # Mentions count with dialogue included (a POV character is often named only by the
        # others), and the leads of the whole story weigh in. Quote speakers are left out on
        # purpose: a wrong speaker model would otherwise decide whose head every "he" is in.
        counts = _count(self.mentions, start, end)
        for character, n in overall.items():
            counts[character] += GLOBAL_PRIOR * n
        return {gender: Default(c, False) for gender, c in self._leaders(counts).items()}

    def settle_contests(self, subject_starts: Sequence[int]) -> None:
        """Mark a section's default he / she contested where the narration also names another
        character of that gender as a thinking, feeling subject ("Eli wondered"): someone the
        dialogue merely talks about is no rival for the POV."""
        minds: list[Counter[str]] = [Counter() for _ in self.sections]
        for start in subject_starts:
            named = self.mentions.at(start)
            section = bisect_right(self.section_starts, start) - 1
            if named is not None and section >= 0:
                minds[section][named] += 1
        for section, counts in enumerate(minds):
            for gender, default in list(self.defaults[section].items()):
                rivals = [
                    n
                    for character, n in counts.items()
                    if character != default.character
                    and self.genders.get(character, "") in (gender, "")
                ]
                if rivals and max(rivals) >= MIN_RIVAL_CUES:
                    self.defaults[section][gender] = Default(default.character, True)

    def default_for(self, gender: str, offset: int) -> Default | None:
        section = bisect_right(self.section_starts, offset) - 1
        defaults = self.defaults[section] if section >= 0 else self.story_defaults
        return defaults.get(gender)

    def resolve(self, start: int, word: str) -> tuple[str | None, float]:
        """The character a subject at ``start`` refers to, and how much to trust it."""
        named = self.mentions.at(start)
        if named is not None:
            return named, 1.0
        word = word.lower()
        if word in lexicon.PLURAL_PRONOUNS:  # "they both wanted": a shared mind, no one's POV
            return None, 0.0
        gender = (
            "m" if word in lexicon.MALE_PRONOUNS else "f" if word in lexicon.FEMALE_PRONOUNS else ""
        )
        default = self.default_for(gender, start) if gender else None
        resolved = self.coref.at(start)
        if resolved is not None and (default is None or default.contested):
            return resolved, 1.0
        if word in lexicon.FIRST_PERSON:
            return NARRATOR, 1.0
        if default is not None:
            return default.character, UNRESOLVED_WEIGHT
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
    """True when the cue sits in a clause another cue embeds ("she knew he felt ..."); a
    coordinated clause ("he wondered, and he felt ...") stands on its own."""
    head = tokens[index].attrs["head"]
    for _ in range(MAX_ANCESTOR_STEPS):
        if head < 0 or head == index or tokens[index].attrs["dep"] in COORDINATE_DEPS:
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
    owned: list[tuple[int, str, Span]] = []
    for i, (kind, owner) in found.items():
        subject = (
            None
            if _under_other_cue(i, tokens, verbs)
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
