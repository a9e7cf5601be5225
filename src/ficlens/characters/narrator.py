"""The first-person narrator as a character.

In a story told in the first person the narrator speaks and acts as "I", often without ever
being named in the narration; others may call them by name in dialogue ("Why did you call me,
Sam?"). Without a character for them, every "...," I said has no speaker to go to. The
narrator is a named character who is addressed by name in quotations but never acts as the
subject of the narration, or else an unnamed character "the narrator".
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ficlens.characters.mentions import is_vocative
from ficlens.characters.textview import TextView

# Narration "I/me/my/myself" per 1,000 narration words above which a story is told in the
# first person (third-person novels stay under 5; first-person ones run 20 to 60).
FIRST_PERSON_RATE = 12
NARRATOR_NAME = "the narrator"
QUOTED_SHARE = 0.7  # of a named narrator's mentions, the share inside quotations
_FIRST_PERSON = re.compile(r"\b(?:I|me|my|myself)\b")
_WORD = re.compile(r"\S+")
_SUBJECT_DEPS = ("nsubj", "nsubjpass")


def first_person_uses(view: TextView, skip: Sequence[tuple[int, int]] = ()) -> list[
        tuple[int, int]]:
    """The narration I/me/my/myself of a story told in the first person ([] otherwise);
    quotations and ``skip`` (author's notes) are not narration."""
    uses, words, last = [], 0, 0
    text = view.text
    for start, end in sorted([*view.quote_spans, *skip, (len(text), len(text))]):
        if start > last:
            words += len(_WORD.findall(text, last, start))
            uses.extend(m.span() for m in _FIRST_PERSON.finditer(text, last, start))
        last = max(last, end)
    if not words or len(uses) * 1000 / words < FIRST_PERSON_RATE:
        return []
    return uses


def named_narrator(view: TextView, characters: Sequence) -> int | None:
    """Index of the named character who is the narrator: addressed by name in quotations,
    mentioned there mostly, and never the subject of a narration sentence."""
    best, best_vocatives = None, 0
    for index, character in enumerate(characters):
        if character.kind != "named" or not character.mentions:
            continue
        quoted = [m for m in character.mentions if view.in_quote(m[0])]
        if len(quoted) < QUOTED_SHARE * len(character.mentions):
            continue
        if any(_acts(view, m) for m in character.mentions if not view.in_quote(m[0])):
            continue
        vocatives = sum(is_vocative(view, start, end) for start, end, _kind in quoted)
        if vocatives > best_vocatives:
            best, best_vocatives = index, vocatives
    return best


def _acts(view: TextView, mention: tuple[int, int, str]) -> bool:
    return any(view.tokens[i]["dep"] in _SUBJECT_DEPS for i in view.token_range(*mention[:2]))
