"""A character's gender from honorifics, narration pronouns near its mentions, and its name.

Pronouns count only outside quotations (inside, "he" is usually someone else), and only in
windows (the mention's sentence and the next) where this character is the only one named.
Singular "they" is read as nonbinary only when it clearly dominates: plural "they" is common.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from ficlens import lexicon
from ficlens.characters.textview import TextView

# Third-person pronouns of one person or a "they": M / F / N.
_PRONOUN_GENDER = {
    p.word: p.gender.value
    for p in lexicon.pronouns().values()
    if p.person == 3 and p.group == "personal"
}
_PRONOUN = re.compile(
    r"\b(" + "|".join(sorted(_PRONOUN_GENDER, key=len, reverse=True)) + r")\b", re.IGNORECASE
)
HONORIFIC_CONFIDENCE = 0.95
NAME_PRIOR_VOTES = 3.0
NONBINARY_SHARE = 0.75
NONBINARY_MIN = 3
PRONOUN_DEPS = frozenset({"nsubj", "nsubjpass", "poss"})
MAX_CLIMB = 12
NEXT_SENTENCE_WEIGHT = 0.5  # weaker: in a POV story the next "he" is often the POV one


@dataclass(frozen=True, slots=True)
class GenderGuess:
    gender: str  # M / F / N / U
    confidence: float


def pronoun_votes(
    view: TextView, mentions: Sequence[tuple[int, int, int]], n_characters: int
) -> list[Counter[str]]:
    """Per character, narration pronouns that refer back to it when it is the one named.

    ``mentions`` holds (start, end, character index). A mention that is the subject of its
    clause (or the possessor of that subject: "Margot's eyes filled") votes with the subject,
    possessive and reflexive pronouns of the same clause ("Margot sighed and she shook her
    head") and with the pronouns of the clause opening the next sentence (at half weight), when no
    one else is named.
    """
    pronouns = _narration_pronouns(view)
    named_in: dict[int, set[int]] = defaultdict(set)
    subjects = []
    for start, end, character in mentions:
        if view.in_quote(start):
            continue
        sentence = view.sentence_of(start)
        named_in[sentence].add(character)
        head = view.head_of(start, end)
        if head >= 0 and _is_clause_subject(view, head):
            subjects.append((head, sentence, character))
    votes = [Counter() for _ in range(n_characters)]
    for head, sentence, character in subjects:
        if named_in[sentence] != {character}:
            continue
        clause = _clause_of(view, head)
        votes[character].update(
            g
            for i, g, c in pronouns.get(sentence, ())
            if i > head and _same_clause(view, c, clause)
        )
        if named_in.get(sentence + 1, set()) <= {character}:
            following = pronouns.get(sentence + 1, ())
            opening = [p for p in following if view.tokens[p[0]]["dep"] in ("nsubj", "nsubjpass")]
            if opening:
                _first, gender, clause = opening[0]
                # "They drank it, and they smiled at their reflection": the whole clause.
                same = [p for p in following if p[1] == gender and _same_clause(view, p[2], clause)]
                votes[character][gender] += NEXT_SENTENCE_WEIGHT * len(same)
    return votes


def _narration_pronouns(view: TextView) -> dict[int, list[tuple[int, str, int]]]:
    """Subject, possessive and reflexive pronouns outside quotes, by sentence: (token index,
    gender, clause). Read once per text (kept on the view) however often votes are taken."""
    cached = view.memo.get("narration_pronouns")
    if cached is not None:
        return cached
    pronouns: dict[int, list[tuple[int, str, int]]] = defaultdict(list)
    for match in _PRONOUN.finditer(view.text):
        offset = match.start()
        if view.in_quote(offset):
            continue
        index = view.token_at(offset)
        if index < 0:
            continue
        word = match.group().lower()
        # Object pronouns mostly point at someone else ("Margot had thanked him").
        if view.tokens[index]["dep"] in PRONOUN_DEPS or word.endswith("self"):
            entry = (index, _PRONOUN_GENDER[word], _clause_of(view, index))
            pronouns[view.sentence_of(offset)].append(entry)
    view.memo["narration_pronouns"] = pronouns
    return pronouns


def _is_clause_subject(view: TextView, index: int) -> bool:
    tok = view.tokens[index]
    if tok["dep"] in ("nsubj", "nsubjpass"):
        return True
    owner = tok["head"]
    return tok["dep"] == "poss" and view.tokens[owner]["dep"] in ("nsubj", "nsubjpass")


def _clause_of(view: TextView, index: int) -> int:
    """The verb heading the clause that contains token ``index``."""
    for _ in range(MAX_CLIMB):
        head = view.tokens[index]["head"]
        if head < 0 or head == index:
            return index
        index = head
        if view.tokens[index]["pos"] in ("VERB", "AUX"):
            return index
    return index


def _same_clause(view: TextView, clause: int, subject_clause: int) -> bool:
    """The same clause, or one coordinated with it ("sighed and shook her head")."""
    if clause == subject_clause:
        return True
    tok = view.tokens[clause]
    if tok["dep"] == "conj" and tok["head"] == subject_clause:
        return True
    other = view.tokens[subject_clause]
    return other["dep"] == "conj" and other["head"] == clause


def decide(votes: Counter[str], honorific_genders: set[str], name_gender: str) -> GenderGuess:
    if len(honorific_genders) == 1:
        return GenderGuess(next(iter(honorific_genders)), HONORIFIC_CONFIDENCE)
    binary = Counter({g: float(votes.get(g, 0)) for g in ("M", "F")})
    if name_gender in binary:
        binary[name_gender] += NAME_PRIOR_VOTES
    they = votes.get("N", 0)
    total = sum(binary.values())
    if not name_gender and they >= NONBINARY_MIN and they >= NONBINARY_SHARE * (total + they):
        return GenderGuess("N", round((they + 1) / (total + they + 2), 3))
    if total == 0:
        return GenderGuess("U", 0.0)
    gender, top = binary.most_common(1)[0]
    if top == total - top:
        return GenderGuess("U", 0.5)
    return GenderGuess(gender, round((top + 1) / (total + 2), 3))
