"""Slips of a fast typist that a careful reread catches, each with one clear fix.

* ``it's tail wagged`` -> ``its tail``: "it's" before a noun that a past-tense verb follows
  (the noun is a subject, so "it is" cannot stand before it);
* ``the girl who's brother ran`` -> ``whose brother``: the same with "who's";
* ``didn't phase him``, ``unphased`` -> ``faze``, ``unfazed``: "phase" with a person or thing
  as its object and no particle after it ("phased out", "phased through the wall" are right);
* ``has been seemed``, ``had been died`` -> ``seemed``, ``had died``: "been" before the
  participle of a verb that has no passive;
* ``the second floor corridor`` -> ``second-floor``: an ordinal and a noun of rank or place
  (floor, year, grade, class, person ...) joined before the noun they modify;
* ``criss- crossing`` -> ``criss-crossing``: a hyphen with a space after it inside a word
  that the dictionary writes whole or hyphenated ("pre- and post-war" keeps its space);
* ``the Hartwell's,`` -> ``the Hartwells``: a family's plural written with an apostrophe, a
  surname that is not a common word after "the" and nothing owned after it;
* ``back forth`` -> ``back and forth``: a fixed pair that lost its "and";
* ``want to through there`` -> ``want to go through``: "to" straight before a preposition of
  motion after a verb that takes an infinitive: the verb of motion is missing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ficlens.check.context import CheckContext
from ficlens.check.findings import Finding, Rule
from ficlens.check.vocab import COMMON_NOUN_TAGS, OBJECT_PRONOUNS
from ficlens.check.wordstats import listed
from ficlens.document import Span

RULES = (
    Rule("confusables.its-subject", "confusables", "error",
         "'It's tail wagged': before a noun that a verb follows, the possessive is 'its'."),
    Rule("confusables.their-subject", "confusables", "error",
         "'They're house was': before a noun that a verb follows, the possessive is 'their' "
         "or 'your'."),
    Rule("confusables.whose-subject", "confusables", "error",
         "'Who's sword broke': before a noun that a verb follows, the possessive is 'whose'."),
    Rule("confusables.faze", "confusables", "error",
         "'Didn't phase him': to disturb someone is to 'faze' them (unfazed)."),
    Rule("confusables.been-intransitive", "confusables", "error",
         "'Has been seemed': a verb with no passive takes no 'been' (has seemed, seemed)."),
    Rule("compounds.ordinal", "compounds", "error",
         "'The second floor corridor': an ordinal and its noun before a noun take a hyphen."),
    Rule("compounds.split-hyphen", "compounds", "error",
         "'Criss- crossing': a space after the hyphen inside one word."),
    Rule("punctuation.family-plural", "punctuation", "error",
         "'The Hartwell's,': a family's plural takes no apostrophe (the Hartwells)."),
    Rule("words.lost-and", "words", "error",
         "'Back forth': a fixed pair lost its 'and' (back and forth)."),
    Rule("words.missing-motion-verb", "words", "error",
         "'Want to through there': a verb of motion is missing after 'to' (to go through)."),
)

# "it's" + noun + a verb of its own: the noun is a clause's subject, "it is" cannot precede it
# (spaCy often reads the verb as a participle modifying the noun: "it's tail wagged").
SUBJECT_VERB_TAGS = frozenset({"VBD", "VBN", "VBZ"})
THEIR_OF = {"they": "their", "you": "your"}
WHOSE_VERB_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
INDEFINITE_PRONOUNS = frozenset({"something", "anything", "nothing", "everything", "someone",
                                 "anyone", "everyone", "somebody", "anybody", "everybody"})
PHASE = re.compile(r"\b(un)?(phas)(e|es|ed|ing)\b", re.IGNORECASE)
# "phased out", "phased in", "phased through the wall": the other verb "phase".
PHASE_PARTICLES = frozenset({"out", "in", "into", "through", "over", "back", "away", "between",
                             "from", "off"})
DETERMINERS = frozenset({"the", "a", "an", "his", "her", "their", "my", "your", "our", "its",
                         "this", "that"})
# Verbs with no passive: "been" never comes before their participle.
NO_PASSIVE = re.compile(r"\b(been) (seemed|happened|occurred|existed|belonged|arrived|died|"
                        r"disappeared|vanished|appeared)\b", re.IGNORECASE)
ORDINALS = frozenset({"first", "second", "third", "fourth", "fifth", "sixth", "seventh",
                      "eighth", "ninth", "tenth", "top", "ground"})
# Nouns an ordinal joins to name a rank or a place (second-floor window, first-year students).
RANK_NOUNS = frozenset({"floor", "storey", "story", "year", "grade", "class", "rate", "place",
                        "person", "degree", "century", "hand"})
# The parser reads the rank noun as the next noun's compound, or as an adverbial noun before
# it ("the third year students"); as an object ("in her first year students ...") it is not.
ORDINAL_COMPOUND_DEPS = frozenset({"compound", "npadvmod"})
SPLIT_HYPHEN = re.compile(r"\b([a-z]{2,})- ([a-z]{2,})\b")
# "pre- and post-war", "two- or three-day": a suspended hyphen, the space belongs there.
SUSPENDED = frozenset({"and", "or", "nor", "to", "but"})
FAMILY_PLURAL = re.compile(r"\b([Tt]he) ([A-Z][a-z]{2,})(['’]s)(?=\s*(?:[,.;:!?…]|and\b|or\b))")
# Pairs English writes with "and" only; the bare pair is a lost word.
LOST_AND = re.compile(r"\b(back) (forth)\b|\b(to) (fro)\b|\b(odds) (ends)\b|\b(ups) (downs)\b|"
                      r"\b(pros) (cons)\b|\b(ins) (outs)\b", re.IGNORECASE)
MOTION_GAP = re.compile(r"\b((?:want|wants|wanted|need|needs|needed|have|has|had|going|trying|"
                        r"tried|try|ought|able|about) to) (through|into|onto|across|inside|"
                        r"outside|towards|toward)\b", re.IGNORECASE)


def check(ctx: CheckContext) -> Iterator[Finding]:
    yield from _its_subject(ctx)
    yield from _their_subject(ctx)
    yield from _whose_subject(ctx)
    yield from _faze(ctx)
    for match in NO_PASSIVE.finditer(ctx.text):
        yield Finding("confusables.been-intransitive", "confusables", "error", match.start(1),
                      match.end(2), f"'{match.group(2)}' has no passive: drop 'been'.",
                      match.group(2), False)
    yield from _ordinal(ctx)
    yield from _split_hyphen(ctx)
    for match in FAMILY_PLURAL.finditer(ctx.text):
        if listed(match.group(2).lower()):
            continue  # "the King's": a title's possessive with its noun left out
        right = match.group(2) + "s"
        yield Finding("punctuation.family-plural", "punctuation", "error", match.start(2),
                      match.end(3), f"A family's plural: '{right}'.", right, True)
    for match in LOST_AND.finditer(ctx.text):
        first, second = [g for g in match.groups() if g]
        right = f"{first} and {second}"
        yield Finding("words.lost-and", "words", "error", match.start(), match.end(),
                      f"Write '{right}'.", right, True)
    for match in MOTION_GAP.finditer(ctx.text):
        right = f"{match.group(1)} go {match.group(2)}"
        yield Finding("words.missing-motion-verb", "words", "error", match.start(), match.end(),
                      f"A verb is missing: '{right}'?", right, False)


def _its_subject(ctx: CheckContext) -> Iterator[Finding]:
    tokens = ctx.work.layer("tokens")
    words = ctx.token_words
    for i in range(len(tokens) - 3):
        if words[i] != "it" or words[i + 1] not in ("'s", "’s"):
            continue
        noun, verb = tokens[i + 2], tokens[i + 3]
        if noun.get("tag") in COMMON_NOUN_TAGS and verb.get("tag") in SUBJECT_VERB_TAGS \
                and not _reduced_relative(tokens, words, i + 3):
            right = "Its" if ctx.work.span_text(tokens[i])[0].isupper() else "its"
            yield Finding("confusables.its-subject", "confusables", "error", tokens[i].start,
                          tokens[i + 1].end, f"Possessive: '{right}' (it's = it is).", right,
                          True)


def _their_subject(ctx: CheckContext) -> Iterator[Finding]:
    """"They're house was there", "you're mother called": "they're" or "you're" before a
    common noun and that noun's own verb, as with "it's tail wagged"."""
    tokens = ctx.work.layer("tokens")
    words = ctx.token_words
    for i in range(len(tokens) - 3):
        possessive = THEIR_OF.get(words[i])
        if possessive is None or words[i + 1] not in ("'re", "’re") \
                or tokens[i].end != tokens[i + 1].start:
            continue
        noun, verb = tokens[i + 2], tokens[i + 3]
        if noun.get("tag") in COMMON_NOUN_TAGS and words[i + 2].isalpha() \
                and ctx.text[noun.start : noun.end].islower() \
                and verb.get("tag") in SUBJECT_VERB_TAGS | {"VBP"} \
                and verb.get("pos") in ("VERB", "AUX") \
                and not _reduced_relative(tokens, words, i + 3):
            right = possessive.capitalize() if ctx.work.span_text(tokens[i])[0].isupper() \
                else possessive
            yield Finding("confusables.their-subject", "confusables", "error", tokens[i].start,
                          tokens[i + 1].end, f"Possessive: '{right}' ({words[i]}'re = "
                          f"{words[i]} are).", right, True)


def _whose_subject(ctx: CheckContext) -> Iterator[Finding]:
    """"The girl who's brother ran": "who's" (who is, who has) before a common noun and the
    noun's own verb: the noun is the subject of a clause, so it is "whose" brother."""
    tokens = ctx.work.layer("tokens")
    words = ctx.token_words
    for i in range(len(tokens) - 3):
        if words[i] != "who" or words[i + 1] != "'s" or tokens[i].end != tokens[i + 1].start:
            continue
        noun, verb = tokens[i + 2], tokens[i + 3]
        if noun.get("tag") in COMMON_NOUN_TAGS and words[i + 2].isalpha() \
                and verb.get("tag") in WHOSE_VERB_TAGS and verb.get("pos") in ("VERB", "AUX") \
                and not _reduced_relative(tokens, words, i + 3):
            right = "Whose" if ctx.work.span_text(tokens[i])[0].isupper() else "whose"
            yield Finding("confusables.whose-subject", "confusables", "error", tokens[i].start,
                          tokens[i + 1].end, f"Possessive: '{right}' (who's = who is).", right,
                          True)


def _reduced_relative(tokens: list[Span], words: list[str], i: int) -> bool:
    """"(It's) work done by hand", "(it's) something called", "(it's) password protected": a
    participle modifies the noun unless it is a regular past with a preposition or particle
    after it, as a verb of motion or action has ("it's tail wagged at the door")."""
    if tokens[i].get("tag") != "VBN":
        return False
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    return (not words[i].endswith("ed") or words[i - 1] in INDEFINITE_PRONOUNS or nxt is None
            or words[i + 1] == "by" or nxt.get("tag") not in ("IN", "RP"))


def _faze(ctx: CheckContext) -> Iterator[Finding]:
    text = ctx.text
    for match in PHASE.finditer(text):
        after = text[match.end():match.end() + 40].split()
        nxt = after[0].strip(".,;:!?\"'”’…").lower() if after else ""
        unfazed = bool(match.group(1))
        if not unfazed:
            if nxt in OBJECT_PRONOUNS:
                rest = after[1:2]
            elif nxt in DETERMINERS and len(after) > 1:
                rest = after[2:3]
            else:
                continue
            if rest and rest[0].strip(".,;:!?\"'”’…").lower() in PHASE_PARTICLES:
                continue
        word = match.group()
        right = word.replace(match.group(2), "faz" if match.group(2).islower() else "Faz", 1)
        yield Finding("confusables.faze", "confusables", "error", match.start(), match.end(),
                      f"To disturb is to faze: '{right}'.", right, True)


def _ordinal(ctx: CheckContext) -> Iterator[Finding]:
    tokens = ctx.work.layer("tokens")
    words = ctx.token_words
    for i in range(len(tokens) - 2):
        if words[i] not in ORDINALS or words[i + 1] not in RANK_NOUNS:
            continue
        rank, head = tokens[i + 1], tokens[i + 2]
        if head.get("tag") not in COMMON_NOUN_TAGS or rank.get("dep") not in ORDINAL_COMPOUND_DEPS \
                or ctx.text[tokens[i].end:rank.start] != " ":
            continue
        right = f"{ctx.work.span_text(tokens[i])}-{ctx.work.span_text(rank)}"
        yield Finding("compounds.ordinal", "compounds", "error", tokens[i].start, rank.end,
                      f"A compound modifier before '{words[i + 2]}': '{right}'.", right, True)


def _split_hyphen(ctx: CheckContext) -> Iterator[Finding]:
    for match in SPLIT_HYPHEN.finditer(ctx.text):
        first, second = match.group(1), match.group(2)
        if second in SUSPENDED or second.startswith(first) or ctx.in_quote(match.start()):
            continue  # a suspended hyphen, a stammer ("wh- what"), a cut-off line of speech
        if not (listed(first + second) or listed(f"{first}-{second}")):
            continue
        right = f"{first}-{second}"
        yield Finding("compounds.split-hyphen", "compounds", "error", match.start(),
                      match.end(), f"One word: '{right}'.", right, True)
