"""Speakers who name themselves: "I'm Abby.", "My name is Peter Pevensie."

A line that gives the speaker's own name is that character's line whatever the tags
around it suggest (tuned on the fan-fiction dev set, where strangers introduce
themselves before the narration ever names them).
"""

from __future__ import annotations

import re

from ficlens.quotes.config import tunables
from ficlens.quotes.context import StoryContext
from ficlens.quotes.reader import QuoteInfo

_SELF_NAMING = re.compile(
    r"\b(?:I'm|I’m|I am|[Mm]y name(?:'s|’s| is)|[Cc]all me)[ \t]+")
_TITLE_WORDS = re.compile(r"(?:[A-Z][\w.]*[ \t]+)*")


def self_introduced(ctx: StoryContext, info: QuoteInfo) -> str | None:
    """The character a quotation's speaker names as themself, or None."""
    text = ctx.text
    for start, end in info.quote.parts:
        for match in _SELF_NAMING.finditer(text, start, end):
            for mention in ctx.all_mentions.between(match.end(), end):
                if mention.start - match.end() > tunables().title_reach:
                    break
                between = text[match.end() : mention.start]
                possessive = text.startswith(("'s", "’s"), mention.end)
                if _TITLE_WORDS.fullmatch(between) and not possessive and not mention.kin:
                    return mention.character
                break
    return None


# Narration right after a line that says whose it is: '"Huh." That's Jirou.', 'The
# whispered question belongs to Ashido.', '"April 20th?", comes from a pensive Jirou.'
_IDENTIFYING = re.compile(
    r"[ \t,.;:—–-]*(?:(?:That|This|It)(?:['’]s| is| was)"
    r"|[^.!?\n]*?\b(?:belongs[ \t]+to|belonged[ \t]+to|comes[ \t]+from|came[ \t]+from))"
    r"[ \t]+(?:[a-z]+[ \t]+){0,2}")


def identified_after(ctx: StoryContext, info: QuoteInfo) -> str | None:
    """The character the narration right after a piece of the line names as its
    speaker ("That's Jirou."), or None."""
    text = ctx.text
    paragraph_end = ctx.paragraphs[info.quote.last_paragraph][1]
    for _start, end in info.quote.parts:
        limit = min(paragraph_end, text.find("\n", end) % (len(text) + 1))
        match = _IDENTIFYING.match(text, end, limit)
        if match is None:
            continue
        for mention in ctx.all_mentions.between(match.end(), limit):
            if mention.start == match.end() and not mention.kin:
                return mention.character
            break
    return None
