"""Pipeline stage ``portraits``: what each character does, undergoes, owns and is.

BookNLP's ``.book`` file (agent, patient, poss, mod per character), read from spaCy's
dependency parse through every mention the earlier stages tied to a character: names,
pronouns (a quotation's "I" is its speaker) and linked descriptions. See
:mod:`ficlens.portraits.extract` for the rules.

Adds layer ``portraits``: one span per (character, role, word) over the word itself, with
``character``, ``role`` (agent / patient / poss / mod), ``lemma``, ``mention`` ([start, end]
of the mention it came through), ``mention_kind`` (proper / title / nominal / pronoun) and
``in_quote`` (the word is inside a quotation: a speaker describing themself).
"""

from __future__ import annotations

from ficlens.document import Span, Work
from ficlens.portraits.config import DEFAULT, PortraitsConfig
from ficlens.portraits.extract import facts
from ficlens.stage import Stage


def run(work: Work, config: PortraitsConfig = DEFAULT) -> None:
    tokens = work.layer("tokens")
    quotes = work.view("quotes")
    spans = []
    for fact in facts(work, config.min_link_confidence):
        token = tokens[fact.word]
        word = token if (fact.start, fact.end) == (token.start, token.end) else Span(
            fact.start, fact.end)  # a hyphenated compound: its lemma is as written
        spans.append(Span(word.start, word.end, {
            "character": fact.character,
            "role": fact.role,
            "lemma": lemma(work, word, fact.role),
            "mention": [fact.mention.start, fact.mention.end],
            "mention_kind": fact.mention.kind,
            "in_quote": quotes.covers(word.start),
        }))
    work.add_layer("portraits", spans)


def lemma(work: Work, word: Span, role: str) -> str:
    """The verb's or noun's lemma; a describing word as written ("exhausted", not "exhaust")."""
    if role == "mod":
        return work.span_text(word).lower()
    return str(word.get("lemma") or work.span_text(word)).lower()


STAGE = Stage(
    name="portraits",
    summary="what each character does, undergoes, is and has",
    run=run,
    requires=("tokens",),
    reads=("mentions", "nominal_mentions", "coref", "quotes"),
    assigns=("portraits",),
    default=DEFAULT,
)
