"""Punctuation a copy editor adds: the comma of direct address, the last full stop of an
abbreviation, the comma before a tag question or a participle after a tag.

* ``"Thanks Mom"`` -> ``"Thanks, Mom"``; ``"I love you Lucas."`` -> ``"I love you, Lucas."``;
  ``"Lucas that is awesome"`` -> ``"Lucas, that is awesome"`` (inside speech only, and only
  for the story's characters, titles and kin words used as names);
* ``"Did you finish the map Wren?"`` -> ``map, Wren?`` when the quotes stage found
  the line addressed to the character so named;
* ``"No I don't"`` -> ``"No, I don't"`` (an interjection opening a line of speech);
* ``your's``, ``its'`` -> ``yours``, ``its``; ``"Lets go"`` -> ``"Let's go"``;
* ``Links sword`` -> ``Link's sword`` (a character's name plus s before a noun);
* ``"Are you okay."`` -> ``"Are you okay?"`` (a spoken question opening with its verb);
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
    Rule("punctuation.interjection", CATEGORY, "error",
         "An interjection opening a line of speech is set off by a comma (\"No, I don't\")."),
    Rule("punctuation.apostrophe", CATEGORY, "error",
         "Possessive pronouns take no apostrophe (yours, its); 'let's' (let us) takes one."),
    Rule("punctuation.name-possessive", CATEGORY, "error",
         "A character's name in the possessive takes an apostrophe (Links sword -> Link's)."),
    Rule("punctuation.question-mark", CATEGORY, "error",
         "A spoken question that opens with its verb ends with a question mark."),
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
INTERJECTION = re.compile(
    r"(?:^[\"“'‘]?|[.?!…]\s+)((?:Yes|No|Yeah|Yep|Nope|Well|Okay|OK|Ok|Sure|Oh|Ah|Um|Uh|Hmm))"
    r"( )(?:I|I'm|I’m|I'll|I’ll|I've|I’ve|I'd|I’d|you|we|he|she|they|it's|it’s|that's|that’s"
    r"|there's|there’s)\b")
# Words after which a name is not the one addressed (to Peyton, with Lucas, the Lucas I knew).
NOT_BEFORE_ADDRESS = frozenset({"ADP", "DET", "PART", "CCONJ", "SCONJ", "AUX", "PRON"})
POSSESSIVE_APOSTROPHE = re.compile(r"\b((?i:your|their|her|our))['’]s\b|\b((?i:its))['’](?![\w'’])")
LETS = re.compile(r"(?:^[\"“]?|[.!?,]\s+)((?i:lets)) (?=(?:go|get|do|see|talk|just|not|try|"
                  r"find|make|move|eat|start|hope|be|have|leave|head|call)\b)")
NOUN_TAGS = frozenset({"NN", "NNS"})
# A spoken sentence opening with an auxiliary and a subject pronoun (a yes/no question), or a
# question word, an auxiliary and a subject, that ends with a full stop. Not "Will you ...":
# often a command; not "Do it", "Have it out": imperatives.
QUESTION = re.compile(
    r"(?:^[\"“]?|(?<=[.?!…]\s))((?:(?:What|Where|Why|How|Who|When|Which)\s+)?"
    r"(?:(?:Are|Is|Was|Were|Does|Did|Can|Could|Would|Has|Should)\s+(?:you|he|she|they|we|I|it)"
    r"|(?:Do|Have|Had|Shall)\s+(?:you|he|she|they|we|I))"
    r"\b[^.?!…\"”\n]{0,80}?)(\.)(?=\s*(?:[\"”]|$|[A-Z]))")
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
            yield from _addressed(ctx, quote, start, end)
            yield from _interjections(ctx, start, end)
            yield from _tag_questions(ctx, start, end)
            yield from _questions(ctx, start, end)
            yield from _lets(ctx, start, end)
    yield from _abbreviations(ctx)
    yield from _name_possessives(ctx, addressees)
    yield from _possessive_apostrophes(ctx)
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


def _addressed(ctx: CheckContext, quote, start: int, end: int) -> Iterator[Finding]:
    """A name closing a spoken sentence without a comma, where the line is addressed to the
    character of that name (and not spoken by them): "... to say Peyton?"."""
    addressee = ctx.characters.get(quote.get("addressee") or "")
    if addressee is None or quote.get("addressee") == quote.get("speaker"):
        return
    aliases = [addressee.get("name", ""), *addressee.get("aliases", [])]
    honorifics = {t.rstrip(".") for t in titles("honorific")}
    names = {w for alias in aliases for w in re.findall(r"[A-Z][\w'’]+", alias)} - honorifics
    particles = {w for alias in aliases for w in re.findall(r"\b[a-z][\w'’]*", alias)}
    if not names:
        return
    alternatives = "|".join(map(re.escape, sorted(names, key=len, reverse=True)))
    pattern = (rf"(?<![\w'’])[a-z][\w'’]*( )(?:{alternatives})(?:\s(?:{alternatives}))?"
               r"(?=[.?!…])")
    for match in re.finditer(pattern, ctx.text[start:end]):
        space = start + match.start(1)
        before = _word_start(ctx.text, space)
        if ctx.text[before:space] in particles:
            continue  # part of the name: von Musel
        index = ctx.token_index.get(before)
        if index is None or ctx.work.layer("tokens")[index].get("pos") in NOT_BEFORE_ADDRESS:
            continue
        yield Finding("punctuation.vocative", CATEGORY, "error", space - 1, space + 1,
                      "Set off the name of the person spoken to with a comma.",
                      ctx.text[space - 1] + ", ", True)


def _word_start(text: str, end: int) -> int:
    start = end
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "'’"):
        start -= 1
    return start


def _interjections(ctx: CheckContext, start: int, end: int) -> Iterator[Finding]:
    for match in INTERJECTION.finditer(ctx.text[start:end]):
        space = start + match.start(2)
        yield Finding("punctuation.interjection", CATEGORY, "error", space - 1, space + 1,
                      f"Set off '{match.group(1)}' with a comma.", ctx.text[space - 1] + ", ",
                      True)


def _possessive_apostrophes(ctx: CheckContext) -> Iterator[Finding]:
    for match in POSSESSIVE_APOSTROPHE.finditer(ctx.text):
        if match.group(1):
            fixed = match.group(1) + "s"
            yield Finding("punctuation.apostrophe", CATEGORY, "error", match.start(),
                          match.end(), f"No apostrophe in a possessive pronoun: '{fixed}'.",
                          fixed, True)
        else:  # its' is "its" or "it's": the writer knows which
            yield Finding("punctuation.apostrophe", CATEGORY, "error", match.start(),
                          match.end(), "Write 'its' (of it) or 'it's' (it is).")


def _lets(ctx: CheckContext, start: int, end: int) -> Iterator[Finding]:
    for match in LETS.finditer(ctx.text[start:end]):
        fixed = match.group(1)[:3] + "'s"
        yield Finding("punctuation.apostrophe", CATEGORY, "error", start + match.start(1),
                      start + match.end(1), f"'Let us' is written '{fixed}'.", fixed, True)


def _name_possessives(ctx: CheckContext, addressees: _Addressees) -> Iterator[Finding]:
    """"Links sword": a name of the story plus s, itself no name or word, before a noun."""
    names = {w for w in addressees.words if len(w) > 2}
    tokens = ctx.work.layer("tokens")
    for token, following in zip(tokens, tokens[1:], strict=False):
        word = ctx.work.span_text(token)
        if not word.endswith("s") or word[:-1] not in names or word in names:
            continue
        if following.get("tag") not in NOUN_TAGS or not ctx.work.span_text(following).islower():
            continue
        yield Finding("punctuation.name-possessive", CATEGORY, "error", token.start, token.end,
                      f"Write '{word[:-1]}'s'.", f"{word[:-1]}'s", True)


def _questions(ctx: CheckContext, start: int, end: int) -> Iterator[Finding]:
    for match in QUESTION.finditer(ctx.text[start:end]):
        stop = start + match.start(2)
        if ctx.text[stop - 1 : stop] == "." or ctx.text[stop + 1 : stop + 2] == ".":
            continue  # an ellipsis
        if re.search(r"\b[A-Z][a-z]{0,3}$", ctx.text[start:stop]):
            continue  # an abbreviation: Mrs. Pontellier
        yield Finding("punctuation.question-mark", CATEGORY, "error", stop, stop + 1,
                      "A question ends with a question mark.", "?", False)


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
