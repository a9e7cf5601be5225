"""Fixed phrases with a wrong word in them, and "supposed to" / "used to" written without -d.

* ``all of the sudden`` -> ``all of a sudden``, ``piece of mind`` -> ``peace of mind`` ...: the
  phrases of ``lexicon/data/phrase_slips.tsv``, whose wrong form has no other reading;
* ``she was suppose to`` -> ``supposed to``; ``I got use to it`` -> ``used to``: after a form of
  "be" (or "get"), the participle is meant, and its -d is lost because it is not heard.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ficlens.check.context import CheckContext
from ficlens.check.findings import Finding, Rule
from ficlens.check.tables import fix_for, wrong_forms

CATEGORY = "confusables"
RULES = (
    Rule("confusables.phrase", CATEGORY, "error",
         "A fixed phrase with a sound-alike word in it (piece of mind -> peace of mind)."),
    Rule("confusables.supposed-to", CATEGORY, "error",
         "'Was suppose to', 'got use to': the participle takes its -d (supposed to, used to)."),
    Rule("confusables.its-contraction", CATEGORY, "error",
         "'Its' before a word only 'it is' or 'it has' can precede (its not -> it's not)."),
)
PHRASE_FILE = "phrase_slips.tsv"
_BE = r"(?:am|is|are|was|were|be|been|being|'m|’m|'re|’re|'s|’s)"
_GET = r"(?:get|gets|got|getting|gotten)"
# Words that follow "it's" but never the possessive "its" (which takes a noun or an adjective
# of one: its own, its true nature, its fine print, its kind).
ITS_IS = re.compile(r"\b([Ii])ts (?=(?:not|been|too|so|very|just|really|probably|definitely|"
                    r"gonna|going|getting|gotten|almost|already|always|never|alright|okay|"
                    r"a|an|the|my|your|our|their|nothing|about)\b)")
VERY_NOUN = re.compile(r"very\s+own\b")


def _its_very_noun(ctx: CheckContext, end: int) -> bool:
    """After "its", "very" before a noun (its very skin) or "own" is the adjective."""
    if not ctx.text.startswith("very", end):
        return False
    if VERY_NOUN.match(ctx.text, end):
        return True
    tokens = ctx.work.view("tokens")
    after = tokens.first_from(end + len("very"))
    return after < len(tokens) and tokens[after].get("tag") in ("NN", "NNS")


LOST_D = re.compile(rf"(?:\b{_BE}|(?<=\w){_BE}|\b{_GET})\s+(suppose|use)\s+to\b", re.IGNORECASE)


def check(ctx: CheckContext) -> Iterator[Finding]:
    text = ctx.text
    pattern, fixes = wrong_forms(PHRASE_FILE)
    for match in pattern.finditer(text):
        right = fix_for(match, fixes)
        if match.group()[0].isupper():
            right = right[0].upper() + right[1:]
        yield Finding("confusables.phrase", CATEGORY, "error", match.start(), match.end(),
                      f"The phrase is '{right}'.", right, True)
    for match in ITS_IS.finditer(text):
        if _its_very_noun(ctx, match.end()):
            continue  # "attached to its very skin": "very" is an adjective there
        right = f"{match.group(1)}t's"
        yield Finding("confusables.its-contraction", CATEGORY, "error", match.start(),
                      match.end() - 1,
                      f"Write '{right}' (it is, it has).", right, True)
    for match in LOST_D.finditer(text):
        word = match.group(1)
        yield Finding("confusables.supposed-to", CATEGORY, "error", match.start(1),
                      match.end(1), f"Write '{word}d to'.", word + "d", True)
