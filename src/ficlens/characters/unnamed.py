"""Unnamed characters the text tells by a description ("the healer", "the sheriff").

:mod:`ficlens.characters.nominal` founds one where the description speaks in a quotation's
tag; here the story's other uses of the same definite description ("The healer cleaned the
wound", "the healer's needle") become its mentions too, so that coreference and the speaker
model see it act, and its pronouns give it a gender when its noun gives none ("the healer
... she"). A bare word for age or sex ("the man", "the girl") is left alone: narrators use
it for whoever is on stage. A description the dialogue ties to a named character (its lines
answer lines that call that character by name) is that character's epithet and joins it
(:func:`epithet_owner`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import Protocol

from ficlens.characters.config import tunables
from ficlens.characters.gender import GenderGuess, decide, pronoun_votes
from ficlens.characters.mentions import is_vocative
from ficlens.characters.nominal import AGE_AND_SEX_NOUNS, SPEAKER_DETERMINERS
from ficlens.characters.textview import TextView
from ficlens.document import LayerView


class _Described(Protocol):
    name: str
    kind: str
    mentions: list[tuple[int, int, str]]
    gender: GenderGuess


def extend_unnamed(
    view: TextView, characters: list[_Described], skip: list[tuple[int, int]]
) -> None:
    """Add each nominal character's other uses of its description, read the gender of
    those whose noun gives none from the pronouns after their mentions, and fold into a
    named character the descriptions that are its epithet (:func:`epithet_owner`)."""
    taken = LayerView(sorted((s, e) for c in characters for s, e, _k in c.mentions))
    for character in characters:
        if character.kind != "nominal":
            continue
        pattern = description_pattern(character.name)
        if pattern is None:
            continue
        for match in pattern.finditer(view.text):
            span = match.span()
            if _inside(skip, span) or taken.any_overlap(*span):
                continue
            character.mentions.append((*span, "nominal"))
        character.mentions.sort()
    _gender_from_pronouns(view, characters)
    _fold_epithets(view, characters)


def epithet_owner(
    view: TextView,
    description: _Described,
    named: Sequence[_Described],
    vocatives: LayerView | None = None,
) -> _Described | None:
    """The named character a description stands for, when the dialogue says so: the line
    the description speaks answers one that calls a named character by name ('"I must go,
    Basil," ... "What is that?" said the painter'), for the same character in at least
    ``epithet_min_answers`` of its lines and half of those that answer anyone by name,
    and the genders agree. The healer who answers the wounded man is not him: he never
    calls her by his own name."""
    if vocatives is None:
        vocatives = _vocatives(view, named)
    answered: Counter[int] = Counter()
    for start, _end, _kind in description.mentions:
        owner = _answered(view, vocatives, start)
        if owner is not None:
            answered[owner] += 1
    if not answered:
        return None
    index, count = answered.most_common(1)[0]
    owner = named[index]
    if count < tunables().epithet_min_answers or 2 * count < sum(answered.values()):
        return None
    return owner if _genders_agree(owner, description) else None


def description_pattern(name: str) -> re.Pattern[str] | None:
    """ "the healer" (or the "a healer" who came on new) as "the healer" anywhere, any case
    on the article; None for a bare age or sex word or a role used as a name."""
    words = name.split()
    if len(words) < 2 or words[0].lower() not in SPEAKER_DETERMINERS:
        return None
    described = words[1:]
    if len(described) == 1 and described[0].lower() in AGE_AND_SEX_NOUNS:
        return None
    body = r"\s+".join(re.escape(w) for w in described)
    return re.compile(rf"\b[Tt]he\s+{body}\b(?![-’'][A-Za-z]{{2,}})")


def _fold_epithets(view: TextView, characters: list[_Described]) -> None:
    descriptions = [c for c in characters if c.kind == "nominal"]
    if not descriptions:
        return
    named = [c for c in characters if c.kind == "named" and not getattr(c, "narrator", False)]
    vocatives = _vocatives(view, named)
    for description in descriptions:
        owner = epithet_owner(view, description, named, vocatives)
        if owner is None:
            continue
        owner.mentions.extend((s, e, "title") for s, e, _k in description.mentions)
        owner.mentions.sort()
        characters.remove(description)


def _vocatives(view: TextView, named: Sequence[_Described]) -> LayerView:
    """(start, end, index into ``named``) of every name used to call someone."""
    return LayerView(sorted(
        (s, e, i) for i, c in enumerate(named) for s, e, _k in c.mentions
        if view.in_quote(s) and is_vocative(view, s, e)
    ))


def _answered(view: TextView, vocatives: LayerView, tag: int) -> int | None:
    """Whom the line tagged at ``tag`` answers by name: the one line before it calls."""
    quotes = view.quote_spans
    i = view.quote_index.first_from(tag) - 1
    if i < 1 or view.in_quote(tag) or tag - quotes[i][1] > tunables().tag_gap:
        return None
    before_start, before_end = quotes[i - 1]
    if quotes[i][0] - before_end > tunables().reply_gap:
        return None
    called = {v for _s, _e, v in vocatives.between(before_start, before_end)}
    return called.pop() if len(called) == 1 else None


def _genders_agree(a: _Described, b: _Described) -> bool:
    known = {a.gender.gender, b.gender.gender} - {"U", "N"}
    return len(known) <= 1


def _gender_from_pronouns(view: TextView, characters: Sequence[_Described]) -> None:
    if not any(c.kind == "nominal" and c.gender.gender == "U" for c in characters):
        return
    offsets = [(s, e, i) for i, c in enumerate(characters) for s, e, _k in c.mentions]
    votes = pronoun_votes(view, offsets, len(characters))
    for character, counted in zip(characters, votes, strict=True):
        if character.kind == "nominal" and character.gender.gender == "U":
            character.gender = decide(counted, set(), "")


def _inside(spans: list[tuple[int, int]], span: tuple[int, int]) -> bool:
    return any(s <= span[0] < e for s, e in spans)
