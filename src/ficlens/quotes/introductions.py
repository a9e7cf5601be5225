"""Speakers who name themselves: "I'm Abby.", "My name is Peter Pevensie."

A line that gives the speaker's own name is that character's line whatever the tags
around it suggest (tuned on the fan-fiction dev set, where strangers introduce
themselves before the narration ever names them).
"""

from __future__ import annotations

import re

from ficlens.quotes.context import StoryContext
from ficlens.quotes.reader import QuoteInfo

_SELF_NAMING = re.compile(
    r"\b(?:I'm|I’m|I am|[Mm]y name(?:'s|’s| is)|[Cc]all me)[ \t]+")
# Up to this many characters of capitalised words (a title: "King", "Doctor") may stand
# between the self-naming words and the name.
_TITLE_REACH = 12
_TITLE_WORDS = re.compile(r"(?:[A-Z][\w.]*[ \t]+)*")


def self_introduced(ctx: StoryContext, info: QuoteInfo) -> str | None:
    """The character a quotation's speaker names as themself, or None."""
    text = ctx.text
    for start, end in info.quote.parts:
        for match in _SELF_NAMING.finditer(text, start, end):
            for mention in ctx.all_mentions.between(match.end(), end):
                if mention.start - match.end() > _TITLE_REACH:
                    break
                between = text[match.end() : mention.start]
                possessive = text.startswith(("'s", "’s"), mention.end)
                if _TITLE_WORDS.fullmatch(between) and not possessive and not mention.kin:
                    return mention.character
                break
    return None
