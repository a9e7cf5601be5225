"""Pronoun slips: a subject pronoun where a possessive belongs ("as he chin started to quiver").

A lower-case "he" or "she" directly before a common noun that is the subject of a verb is a
possessive typed wrong. The suggestion follows the coreference of the sentence: the possessive
of the first subject pronoun the coref layer found before it in the sentence (She ... bit her
lip as he chin started -> her chin); without one, the pronoun's own (his, her).
"""

from __future__ import annotations

from collections.abc import Iterator

from ficlens.check.context import CheckContext
from ficlens.check.findings import Finding, Rule
from ficlens.document import Span

CATEGORY = "pronouns"
RULES = (
    Rule("pronouns.possessive", CATEGORY, "error",
         "A subject pronoun before a noun where the possessive belongs (he chin -> her chin)."),
)
POSSESSIVE = {"he": "his", "she": "her"}
GENDER_OF = {"he": "M", "him": "M", "his": "M", "himself": "M",
             "she": "F", "her": "F", "hers": "F", "herself": "F"}
NOUNS = ("NN", "NNS", "NNP")


def check(ctx: CheckContext) -> Iterator[Finding]:
    tokens = ctx.work.layer("tokens")
    for i, token in enumerate(tokens[:-1]):
        word = ctx.work.span_text(token)
        if word not in POSSESSIVE:
            continue
        noun = tokens[i + 1]
        noun_text = ctx.work.span_text(noun)
        if noun.get("tag") not in NOUNS or not noun_text.islower() or noun.start != token.end + 1:
            continue
        if noun.get("dep") not in ("nsubj", "nsubjpass") or token.get("dep") == "nsubj":
            continue
        suggestion = _possessive(ctx, token, word)
        yield Finding("pronouns.possessive", CATEGORY, "error", token.start, token.end,
                      f"'{word} {noun_text}': the possessive, '{suggestion} {noun_text}'?",
                      suggestion, False)


def _possessive(ctx: CheckContext, token: Span, word: str) -> str:
    sentence = next((s for s in ctx.work.layer("sentences")
                     if s.start <= token.start < s.end), None)
    if sentence is None:
        return POSSESSIVE[word]
    subjects = [str(m.get("pronoun", "")).lower() for m in ctx.work.layer("coref")
                if sentence.start <= m.start < token.start]
    subjects = [p for p in subjects if p in POSSESSIVE]
    if subjects:
        return POSSESSIVE[subjects[0]]  # the sentence's subject owns what it does
    return POSSESSIVE[word]
