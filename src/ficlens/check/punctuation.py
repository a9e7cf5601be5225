"""Punctuation a copy editor adds: the comma of direct address, the last full stop of an
abbreviation, the comma before a tag question or a participle after a tag.

* ``"Thanks Mom"`` -> ``"Thanks, Mom"``; ``"I love you Lucas."`` -> ``"I love you, Lucas."``;
  ``"Lucas that is awesome"`` -> ``"Lucas, that is awesome"`` (inside speech only, and only
  for the story's characters, titles and kin words used as names);
* ``L.A`` -> ``L.A.``;
* ``"A classic right?"`` -> ``"A classic, right?"``;
* ``Solas said breaking the silence`` -> ``said, breaking``;
* ``each others'`` -> ``each other's``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cached_property

from ficlens.check.context import CheckContext
from ficlens.check.dialogue import TAG_LEMMAS
from ficlens.check.findings import Finding, Rule
from ficlens.lexicon import kin_terms, titles

CATEGORY = "punctuation"
RULES = (
    Rule("punctuation.vocative", CATEGORY, "error",
         "A name used to address someone is set off by a comma (\"Thanks, Mom\")."),
    Rule("punctuation.abbreviation", CATEGORY, "error",
         "An abbreviation with inner full stops takes its last one too (L.A -> L.A.)."),
    Rule("punctuation.tag-question", CATEGORY, "warning",
         "A tag question is set off by a comma (\"It's late, right?\")."),
    Rule("punctuation.participle-after-tag", CATEGORY, "warning",
         "A participle phrase after a speech tag is set off by a comma (said, smiling)."),
    Rule("punctuation.each-other", CATEGORY, "error",
         "The possessive of 'each other' is 'each other's'."),
)
# Words that lead into a name of address: greetings, thanks, answers, interjections.
LEAD_INS = (r"hey|hi|hello|thanks|thank you|yes|no|yeah|yep|nope|okay|ok|listen|look|sorry|"
            r"bye|goodbye|morning|night|night night|please|oh|come on|wait|see you|love you|"
            r"miss you|welcome|congratulations|cheers|good morning|good night|dear")
# Words after which a name closing the clause can only be the one addressed ("I love you Lucas.").
BEFORE_ADDRESS = r"you|me|us|it|this|that|them|too|now|here|please|we|ya|up"
# Words that can open a sentence spoken to the name before them ("Lucas that is awesome").
AFTER_ADDRESS = (r"that|this|I|I'm|I've|I'll|I'd|you|you're|we|we're|it's|please|don't|"
                 r"what|why|how|where|when|who|listen|look|wait|stop|come|thanks|thank")
# Names that are also auxiliaries opening a question ("Will you come?").
AUXILIARIES = r"will|can|may|might|must|shall|should|would|could|did|do|does|is|are|was"
ABBREVIATION = re.compile(r"\b(?:[A-Z]\.){1,3}[A-Z]\b(?![.\w])")
TAG_QUESTION = re.compile(r"(?<![,\s])(\s+)right\?")
EACH_OTHER = re.compile(r"\beach others['’]?(?=\s)", re.IGNORECASE)
NOT_BEFORE_TAG_QUESTION = frozenset({"all", "turn", "turned", "go", "left", "that", "this", "it",
                                     "is", "was", "be", "you", "me", "him", "her", "them"})
ASPECTUAL = frozenset({"begin", "continue", "keep", "start", "stop", "go", "come"})


class _Addressees:
    """Capitalised words that name someone who can be spoken to."""

    def __init__(self, ctx: CheckContext) -> None:
        self.ctx = ctx

    @cached_property
    def words(self) -> frozenset[str]:
        names = set(titles("title")) | {w.capitalize() for w in kin_terms()}
        names |= {w.capitalize() for w in titles("address")}
        for character in self.ctx.characters.values():
            for alias in [character.get("name", ""), *character.get("aliases", [])]:
                names.update(w for w in re.findall(r"[A-Z][\w'’]+", alias))
        for mention in self.ctx.work.layer("mentions"):
            names.update(re.findall(r"[A-Z][\w'’]+", self.ctx.work.span_text(mention)))
        return frozenset(names | self._proper_nouns())

    def _proper_nouns(self) -> set[str]:
        """Capitalised words tagged proper nouns at least twice away from a sentence start:
        the names the character list may have missed (a pet, a nickname)."""
        counts: dict[str, int] = {}
        tokens = self.ctx.work.layer("tokens")
        for previous, token in zip(tokens, tokens[1:], strict=False):
            word = self.ctx.work.span_text(token)
            if token.get("tag") == "NNP" and word[:1].isupper() and word[1:].islower() \
                    and previous.get("sent") == token.get("sent") \
                    and previous.get("pos") != "PUNCT":
                counts[word] = counts.get(word, 0) + 1
        return {word for word, count in counts.items() if count >= 2}

    @cached_property
    def pattern(self) -> str:
        alternatives = "|".join(sorted(map(re.escape, self.words), key=len, reverse=True))
        return rf"(?:{alternatives})(?:\s(?:{alternatives}))?" if alternatives else r"(?!x)x"


def check(ctx: CheckContext) -> Iterator[Finding]:
    addressees = _Addressees(ctx)
    for quote in ctx.quotes:
        for start, end in ctx.quote_parts(quote):
            yield from _vocatives(ctx, addressees, start, end)
            yield from _tag_questions(ctx, start, end)
    yield from _abbreviations(ctx)
    yield from _participles(ctx)
    for match in EACH_OTHER.finditer(ctx.text):
        yield Finding("punctuation.each-other", CATEGORY, "error", match.start(), match.end(),
                      "Write 'each other's'.", match.group()[:10] + "'s", True)


def _vocatives(ctx: CheckContext, addressees: _Addressees, start: int,
               end: int) -> Iterator[Finding]:
    text, name = ctx.text, addressees.pattern
    patterns = (
        rf"\b(?i:{LEAD_INS})( )(?-i:{name})\b(?![\w'’-])",
        rf"\b(?:{BEFORE_ADDRESS})( )(?:{name})(?=[,.?!…])",
        rf"^[\"“'‘]?(?!(?i:{AUXILIARIES})\b)(?:{name})( )(?:{AFTER_ADDRESS})\b",
    )
    for pattern in patterns:
        for match in re.finditer(pattern, text[start:end]):
            space = start + match.start(1)
            yield Finding("punctuation.vocative", CATEGORY, "error", space - 1, space + 1,
                          "Set off the name of the person spoken to with a comma.",
                          text[space - 1] + ", ", True)


def _tag_questions(ctx: CheckContext, start: int, end: int) -> Iterator[Finding]:
    for match in TAG_QUESTION.finditer(ctx.text, start, end):
        before = re.findall(r"[\w'’]+", ctx.text[max(start, match.start() - 12) : match.start()])
        if not before or before[-1].lower() in NOT_BEFORE_TAG_QUESTION:
            continue
        at = match.start()
        yield Finding("punctuation.tag-question", CATEGORY, "warning", at - 1, at + 1,
                      "Set off the tag question with a comma: ', right?'.",
                      ctx.text[at - 1] + "," + ctx.text[at], True)


def _abbreviations(ctx: CheckContext) -> Iterator[Finding]:
    for match in ABBREVIATION.finditer(ctx.text):
        following = ctx.text[match.end() : match.end() + 1]
        if following and following not in " ,;:\n\"”'’)":
            continue
        yield Finding("punctuation.abbreviation", CATEGORY, "error", match.start(), match.end(),
                      f"Close the abbreviation with a full stop: '{match.group()}.'.",
                      match.group() + ".", True)


def _participles(ctx: CheckContext) -> Iterator[Finding]:
    """'Solas said breaking the silence': a tag verb followed at once by an -ing verb."""
    tokens = ctx.work.layer("tokens")
    for verb, following in zip(tokens, tokens[1:], strict=False):
        lemma = verb.get("lemma", "").lower()
        if lemma not in TAG_LEMMAS or lemma in ASPECTUAL or verb.get("tag") != "VBD":
            continue
        if following.get("tag") != "VBG" or following.start != verb.end + 1:
            continue
        if ctx.in_quote(verb.start):
            continue
        yield Finding("punctuation.participle-after-tag", CATEGORY, "warning", verb.start,
                      following.end, "Put a comma between the tag and the participle.",
                      f"{ctx.work.span_text(verb)}, {ctx.work.span_text(following)}", True)
