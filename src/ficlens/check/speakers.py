"""Unclear speakers: too many untagged lines in a row, or a "he said" with two men on stage.

A back-and-forth between two people survives a dozen bare lines (no tag, no action beat);
with three or more speakers the reader is lost much sooner. A pronoun tag is ambiguous when the
line opens its paragraph and two of the people taking part in the conversation share that
pronoun (people only mentioned in the narration are not on stage).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from ficlens.check.context import CheckContext
from ficlens.check.findings import Finding, Rule
from ficlens.document import Span

CATEGORY = "speakers"
RULES = (
    Rule("speakers.untagged-run", CATEGORY, "warning",
         "A long run of untagged lines: the reader loses track of who is speaking.",
         default=False),
    Rule("speakers.ambiguous-pronoun", CATEGORY, "warning",
         "A pronoun tag (he said) where two on-stage characters share that pronoun.",
         default=False),
)
# Both are off unless selected: on fan fiction no rule was tuned on, few of their findings are
# what a copy editor would change (the turn-taking or the beat before the line already says
# who speaks; a shouted exchange runs long on purpose); see docs/check_audit/punct.md.
RUN_TWO_SPEAKERS = 12
RUN_MORE_SPEAKERS = 7
CONVERSATION_GAP = 600  # characters of narration that end a conversation
RECENT_LINES = 8  # a pronoun tag is ambiguous between the people heard in the last few lines
# The commonest tag verbs as written (a pronoun tag is what makes a line ambiguous).
TAG_VERBS = (
    "said|asked|whispered|muttered|murmured|shouted|yelled|replied|answered|exclaimed|"
    "screamed|snapped|stated|responded|demanded|begged|pleaded|insisted|repeated|mumbled|"
    "stammered|stuttered|added|continued|told|hissed|growled|questioned"
)
_TAG_AFTER = re.compile(rf"^\s*(he|she|He|She)\s+(?:{TAG_VERBS})\b")
_TAG_BEFORE = re.compile(rf"\b(He|She|he|she)\s+(?:{TAG_VERBS})\s*[,:]\s*$")
GENDER_OF = {"he": "M", "she": "F"}


def check(ctx: CheckContext) -> Iterator[Finding]:
    yield from _untagged_runs(ctx)
    yield from _ambiguous_pronouns(ctx)


def conversations(quotes: list[Span]) -> Iterator[list[Span]]:
    current: list[Span] = []
    for quote in quotes:
        if current and quote.start - current[-1].end > CONVERSATION_GAP:
            yield current
            current = []
        current.append(quote)
    if current:
        yield current


def _untagged_runs(ctx: CheckContext) -> Iterator[Finding]:
    for talk in conversations(ctx.quotes):
        speakers = {q.get("speaker") for q in talk if q.get("speaker")}
        limit = RUN_TWO_SPEAKERS if len(speakers) <= 2 else RUN_MORE_SPEAKERS
        run = 0
        for quote in talk:
            run = run + 1 if _bare(ctx, quote) else 0
            if run == limit:
                yield Finding("speakers.untagged-run", CATEGORY, "warning", quote.start,
                              quote.end, f"{limit} lines in a row with no speech tag among "
                              f"{max(2, len(speakers))} speakers: remind the reader who speaks.")


def _bare(ctx: CheckContext, quote: Span) -> bool:
    """An untagged line alone in its paragraph: no tag, and no action beat naming anyone."""
    if quote.get("type") != "Implicit":
        return False
    para = ctx.paragraph_at(quote.start)
    if para is None:
        return True
    outside = ctx.text[para.start : quote.start] + ctx.text[quote.end : para.end]
    return not re.search(r"\w{3}", outside)


def participants(talk: list[Span], index: int) -> set[str]:
    """Who has spoken at least twice in this conversation's lines just before ``index``: a
    single stray line is more likely a misattribution than a third person on stage."""
    recent = Counter(q["speaker"] for q in talk[max(0, index - RECENT_LINES) : index]
                     if q.get("speaker"))
    return {who for who, lines in recent.items() if lines >= 2}


def ambiguous_between(
    talk: list[Span], index: int, gender: str, characters: dict[str, dict]
) -> set[str]:
    """The characters a pronoun tag of ``gender`` on line ``index`` could name, when more
    than one. Two people of that gender must be in the conversation, and turn-taking must not
    settle it: right after one of them spoke, the reader takes the line for the other."""
    same = {who for who in participants(talk, index)
            if characters.get(who, {}).get("gender") == gender}
    if len(same) < 2:
        return set()
    previous = talk[index - 1].get("speaker") if index else None
    if previous in same and len(same) == 2:
        return set()
    return same


def _ambiguous_pronouns(ctx: CheckContext) -> Iterator[Finding]:
    for talk in conversations(ctx.quotes):
        for index, quote in enumerate(talk):
            tag = _pronoun_tag(ctx.text, quote, ctx)
            if tag is None:
                continue
            para = ctx.paragraph_at(quote.start)
            if para is not None and ctx.text[para.start : quote.start].strip():
                continue  # a beat or a name before the line already says who is speaking
            start, end, gender = tag
            same = ambiguous_between(talk, index, gender, ctx.characters)
            if same:
                names = " and ".join(sorted(ctx.characters[c]["name"] for c in same)[:3])
                yield Finding("speakers.ambiguous-pronoun", CATEGORY, "warning", start, end,
                              f"'{ctx.text[start:end]}' could be {names}: name the speaker.")


def _pronoun_tag(text: str, quote: Span, ctx: CheckContext) -> tuple[int, int, str] | None:
    for _start, end in ctx.quote_parts(quote):
        match = _TAG_AFTER.match(text[end : end + 60])
        if match:
            word = match.group(1)
            return end + match.start(1), end + match.end(1), GENDER_OF[word.lower()]
    before = text[max(0, quote.start - 60) : quote.start]
    match = _TAG_BEFORE.search(before)
    if match:
        offset = quote.start - len(before)
        return offset + match.start(1), offset + match.end(1), GENDER_OF[match.group(1).lower()]
    return None
