"""Doubled words: "the the", "to to" (a word typed twice, across a line break too)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ficlens.check.context import CheckContext
from ficlens.check.findings import Finding, Rule
from ficlens.check.wordstats import zipf

CATEGORY = "words"
RULES = (
    Rule("words.doubled", CATEGORY, "error", "A common word typed twice in a row (the the)."),
)
FUNCTION_WORD_ZIPF = 5.5  # the, to, of, and, a, in ...: never doubled on purpose
# The second word must end there: "tell you you're" is not "you" twice.
DOUBLED = re.compile(r"\b([A-Za-z]+)(\s+)(\1)\b(?![’'][A-Za-z])", re.IGNORECASE)
# Words English repeats on purpose: "had had", "that that", "is is" in speech ...
REPEATABLE = frozenset({"had", "that", "is", "do", "no", "yes", "bye", "very", "so", "ha",
                        "now", "go", "come", "please", "knock", "well", "oh", "really", "on",
                        "out", "yeah", "okay", "ok", "wait", "hey", "more", "far", "over",
                        "like"})  # "do you like like him"


def check(ctx: CheckContext) -> Iterator[Finding]:
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
