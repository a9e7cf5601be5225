"""Doubled and dropped letters of small words.

* ``the the``, ``to to``: a word typed twice (across a line break too);
* ``neither of the wanted to``, ``all of the could see``: "them" lost its m: a quantifier,
  "of the", then a verb (not a participle used as an adjective: "one of the wanted men").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ficlens.check.context import CheckContext
from ficlens.check.findings import Finding, Rule
from ficlens.check.wordstats import zipf

CATEGORY = "words"
RULES = (
    Rule("words.doubled", CATEGORY, "error", "A common word typed twice in a row (the the)."),
    Rule("words.of-them", CATEGORY, "error",
         "'Neither of the wanted to': a verb after 'of the' needs 'of them'."),
)
QUANTIFIERS = frozenset({"neither", "either", "none", "all", "both", "some", "most", "each",
                         "one", "any", "many", "few", "several", "two", "three"})
VERB_TAGS = frozenset({"VBD", "VBN", "VBZ", "VBP", "MD"})
# after the verb: "to", a plain verb, an object or an adverb, never the noun it would modify
VERB_FOLLOWERS = frozenset({"TO", "VB", "DT", "PRP", "PRP$", "RB", "IN"})
FUNCTION_WORD_ZIPF = 5.5  # the, to, of, and, a, in ...: never doubled on purpose
# The second word must end there: "tell you you're" is not "you" twice.
DOUBLED = re.compile(r"\b([A-Za-z]+)(\s+)(\1)\b(?![’'][A-Za-z])", re.IGNORECASE)
# Words English repeats on purpose: "had had", "that that", "is is" in speech ...
REPEATABLE = frozenset({"had", "that", "is", "do", "no", "yes", "bye", "very", "so", "ha",
                        "now", "go", "come", "please", "knock", "well", "oh", "really", "on",
                        "out", "yeah", "okay", "ok", "wait", "hey", "more", "far", "over",
                        "like"})  # "do you like like him"


def check(ctx: CheckContext) -> Iterator[Finding]:
    yield from _doubled(ctx)
    yield from _of_them(ctx)


def _of_them(ctx: CheckContext) -> Iterator[Finding]:
    tokens = ctx.work.layer("tokens")
    words = [ctx.work.span_text(t).lower() for t in tokens]
    for i in range(2, len(tokens) - 2):
        if words[i] != "the" or words[i - 1] != "of" or words[i - 2] not in QUANTIFIERS:
            continue
        if tokens[i + 1].get("tag") in VERB_TAGS and tokens[i + 2].get("tag") in VERB_FOLLOWERS:
            yield Finding("words.of-them", CATEGORY, "error", tokens[i].start, tokens[i].end,
                          f"'of the {words[i + 1]}' -> 'of them {words[i + 1]}'.", "them", False)


def _doubled(ctx: CheckContext) -> Iterator[Finding]:
    for match in DOUBLED.finditer(ctx.text):
        word = match.group(1)
        if word.lower() in REPEATABLE or "\n\n" in match.group(2):
            continue
        if zipf(word.lower()) < FUNCTION_WORD_ZIPF:
            continue  # "hint hint", "cool cool cool": content words doubled on purpose
        if match.group(1) != match.group(3) and not match.group(3).islower():
            continue  # "Will will": a name and a verb
        yield Finding("words.doubled", CATEGORY, "error", match.start(2), match.end(3),
                      f"'{word}' is written twice.", "", True)
