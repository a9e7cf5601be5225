"""Style notes, off by default (`--select style`): each says why it might matter.

* a content word repeated within a few words;
* said-bookisms ("ejaculated", "opined") and adverb-laden tags ("said softly");
* filter words that hold the reader at arm's length ("she saw", "he felt");
* the same opening word for three sentences running.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ficlens.check.context import CheckContext
from ficlens.check.findings import Finding, Rule
from ficlens.check.vocab import FILTER_VERBS, SPEECH_VERBS

CATEGORY = "style"
RULES = (
    Rule("style.repeated-word", CATEGORY, "suggestion",
         "The same word twice within a few words reads as an echo.", default=False),
    Rule("style.said-bookism", CATEGORY, "suggestion",
         "A showy speech verb draws the eye from the line itself; 'said' disappears.",
         default=False),
    Rule("style.adverb-tag", CATEGORY, "suggestion",
         "An adverb on a tag tells how a line is said; the line can show it.", default=False),
    Rule("style.filter-word", CATEGORY, "suggestion",
         "'She saw / he felt' filters the scene through a character; show it directly.",
         default=False),
    Rule("style.repeated-opening", CATEGORY, "suggestion",
         "Three sentences in a row open with the same word.", default=False),
)
BOOKISMS = frozenset("""
ejaculated opined retorted chortled interjected expostulated vociferated queried enthused
declaimed intoned quipped averred exclaimed gushed husked husked breathed purred
""".split())
STOPWORDS = frozenset("""
the a an and or but of to in on at for with from by as is was were be been it its he she they
him her his hers them their i me my you your we us our that this these those there then than
not no so if just had has have do did does said says what when where who how all would could
should will can one out up down back over into about like very
""".split())
ECHO_WINDOW = 8
_WORD = re.compile(r"[A-Za-z']+")
_ADVERB_TAG = re.compile(
    r"\b(said|asked|replied|whispered|answered|muttered)\s+(\w+ly)\b|\b(\w+ly)\s+(said|asked)\b"
)


def check(ctx: CheckContext) -> Iterator[Finding]:
    yield from _echoes(ctx)
    yield from _tags(ctx)
    yield from _filters(ctx)
    yield from _openings(ctx)


def _echoes(ctx: CheckContext) -> Iterator[Finding]:
    for para in ctx.work.layer("paragraphs"):
        if ctx.in_note(para.start):
            continue
        recent: list[tuple[str, int]] = []
        for match in _WORD.finditer(ctx.text, para.start, para.end):
            word = match.group().lower()
            if len(word) > 3 and word not in STOPWORDS and not match.group()[0].isupper():
                if any(w == word for w, _ in recent):
                    yield Finding("style.repeated-word", CATEGORY, "suggestion", match.start(),
                                  match.end(), f"'{word}' was used just before: vary or cut one.")
                recent.append((word, match.start()))
            recent = recent[-ECHO_WINDOW:]


def _tags(ctx: CheckContext) -> Iterator[Finding]:
    for match in _WORD.finditer(ctx.text):
        word = match.group().lower()
        if word in BOOKISMS and ctx.in_narration(match.start(), match.end()):
            yield Finding("style.said-bookism", CATEGORY, "suggestion", match.start(),
                          match.end(), f"'{word}' as a speech verb: 'said' is invisible, "
                          "and the line can carry the tone.", "said")
    for match in _ADVERB_TAG.finditer(ctx.text):
        verb = (match.group(1) or match.group(4) or "").lower()
        if verb in SPEECH_VERBS and ctx.in_narration(match.start(), match.end()):
            yield Finding("style.adverb-tag", CATEGORY, "suggestion", match.start(), match.end(),
                          "An adverb on the tag: let the words of the line show how it is said.")


def _filters(ctx: CheckContext) -> Iterator[Finding]:
    pattern = re.compile(r"\b(he|she|they|I)\s+(" + "|".join(sorted(FILTER_VERBS)) + r")\b",
                         re.IGNORECASE)
    for match in pattern.finditer(ctx.text):
        if ctx.in_narration(match.start(), match.end()):
            yield Finding("style.filter-word", CATEGORY, "suggestion", match.start(), match.end(),
                          f"'{match.group()}' filters the scene through a character: show "
                          "what is seen or felt directly.")


def _openings(ctx: CheckContext) -> Iterator[Finding]:
    previous: list[str] = []
    for sentence in ctx.work.layer("sentences"):
        if not ctx.in_narration(sentence.start, sentence.start + 1):
            previous = []
            continue
        first = _WORD.match(ctx.text, sentence.start)
        word = first.group() if first else ""
        previous = (previous + [word])[-3:]
        if len(previous) == 3 and word and len(set(previous)) == 1:
            yield Finding("style.repeated-opening", CATEGORY, "suggestion", sentence.start,
                          sentence.start + len(word),
                          f"Three sentences in a row open with '{word}': vary the rhythm.")
