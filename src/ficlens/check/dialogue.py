"""Dialogue punctuation: how a line of speech meets its tag.

* ``"...marry me?" He asked`` -> ``he asked`` (a tag after ? ! , or … stays lower case);
* ``"Hello." she said`` -> ``"Hello," she said`` (a tag takes a comma, not a full stop);
* ``"Hello", she said`` -> ``"Hello," she said`` (the comma goes inside the marks);
* ``"Hello," she smiled`` -> ``"Hello." She smiled.`` (smiling is not a way of speaking);
* a paragraph that opens a quotation and never closes it, unless the next paragraph opens
  with a quotation mark (the convention for a speech running over several paragraphs).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ficlens.check.context import CheckContext
from ficlens.check.findings import Finding, Rule
from ficlens.check.vocab import ACTION_BEATS

CATEGORY = "dialogue"
RULES = (
    Rule("dialogue.capitalised-tag", CATEGORY, "error",
         "A speech tag after a line ending in ? ! , or … starts in lower case."),
    Rule("dialogue.period-before-tag", CATEGORY, "error",
         "A line followed by its speech tag ends with a comma, not a full stop."),
    Rule("dialogue.punctuation-outside", CATEGORY, "warning",
         "The comma or full stop ending a line of speech belongs inside the quotation marks."),
    Rule("dialogue.beat-as-tag", CATEGORY, "warning",
         "An action (smiled, nodded ...) punctuated as if it were a way of speaking."),
    Rule("dialogue.missing-close", CATEGORY, "error",
         "A quotation opened in a paragraph is never closed, and no speech continues after it."),
)

# Verbs that only ever introduce speech, so a capital after ? or ! before them is a slip.
TAG_VERBS = (
    "said|asked|whispered|muttered|murmured|shouted|yelled|replied|answered|exclaimed|"
    "screamed|snapped|stated|responded|demanded|begged|pleaded|insisted|repeated|mumbled|"
    "stammered|stuttered|added|continued|told|hissed|growled|questioned"
)
CLOSERS = "\"”’'"
OPENERS = "\"“‘'"
# Between a line and its tag: spaces, or one line break of a hard-wrapped text, never the
# blank line that starts a new paragraph.
_GAP = r"(?:[ \t]+|[ \t]*\n[ \t]*)"
_CAPITAL_TAG = re.compile(rf"{_GAP}(He|She|They|I|We|You|It)\s+(?:{TAG_VERBS})\b")
_WHO = r"he|she|they|I|we|you|He|She|They|We|You|[A-Z][a-z]+(?: [A-Z][a-z]+)?"
_PERIOD_TAG = re.compile(rf"{_GAP}({_WHO})\s+(?:{TAG_VERBS})\b")
_OUTSIDE = re.compile(rf"^([,.]){_GAP}(he|she|they|I|we|you|[A-Z][a-z]+)\s+(\w+)")
_BEAT = re.compile(rf"{_GAP}(he|she|they|I|we|you|[A-Z][a-z]+)\s+(\w+)")


def check(ctx: CheckContext) -> Iterator[Finding]:
    for quote in ctx.quotes:
        for start, end in ctx.quote_parts(quote):
            yield from _after_part(ctx.text, start, end)
    yield from _unclosed(ctx)


def _after_part(text: str, start: int, end: int) -> Iterator[Finding]:
    inner = text[start:end].rstrip()
    if len(inner) < 3 or inner[-1] not in CLOSERS:
        return
    last = inner[-2]
    after = text[end : end + 80]
    ends_open = last in "?!," or inner[:-1].endswith(("...", "…"))
    if ends_open:
        yield from _capitalised(after, end)
    elif last == ".":
        yield from _period_tag(text, start, end, after)
    elif last.isalpha():
        yield from _outside(after, end, inner)
    if last == ",":
        yield from _beat(text, end, after)


def _capitalised(after: str, end: int) -> Iterator[Finding]:
    match = _CAPITAL_TAG.match(after)
    if match and match.group(1) != "I":
        word = match.group(1)
        yield Finding("dialogue.capitalised-tag", CATEGORY, "error", end + match.start(1),
                      end + match.end(1),
                      f"The tag continues the sentence: write '{word.lower()}', not '{word}'.",
                      word.lower())


def _period_tag(text: str, start: int, end: int, after: str) -> Iterator[Finding]:
    match = _PERIOD_TAG.match(after)
    if not match or text[start:end].count(".") > 3:
        return
    word = match.group(1)
    pronoun = word.lower() if word.lower() in {"he", "she", "they", "we", "you"} else word
    period = end - 2
    yield Finding("dialogue.period-before-tag", CATEGORY, "error", period, end + match.end(1),
                  "A line followed by its tag ends with a comma: "
                  f'"…,{text[end - 1]} {pronoun} …".',
                  f",{text[end - 1]}{after[: match.start(1)]}{pronoun}")


def _outside(after: str, end: int, inner: str) -> Iterator[Finding]:
    match = _OUTSIDE.match(after)
    if match and match.group(3).lower() in TAG_VERBS.split("|"):
        mark = match.group(1)
        yield Finding("dialogue.punctuation-outside", CATEGORY, "warning", end - 1, end + 1,
                      f"Put the '{mark}' inside the closing quotation mark.",
                      f"{mark}{inner[-1]}")


def _beat(text: str, end: int, after: str) -> Iterator[Finding]:
    match = _BEAT.match(after)
    if not match or match.group(2).lower() not in ACTION_BEATS:
        return
    who, verb = match.group(1), match.group(2)
    capital = who if who == "I" else who[0].upper() + who[1:]
    yield Finding("dialogue.beat-as-tag", CATEGORY, "warning", end - 2, end + match.end(2),
                  f"'{verb}' is an action, not a way of speaking: end the line with a full stop "
                  "and make the action its own sentence.",
                  f".{text[end - 1]} {capital} {verb}")


def _unclosed(ctx: CheckContext) -> Iterator[Finding]:
    paragraphs = [p for p in ctx.work.layer("paragraphs") if p.get("kind", "text") == "text"]
    text = ctx.text
    for i, para in enumerate(paragraphs):
        if ctx.in_note(para.start):
            continue
        body = text[para.start : para.end]
        opened = _open_position(body)
        if opened is None:
            continue
        following = text[paragraphs[i + 1].start] if i + 1 < len(paragraphs) else ""
        if following in OPENERS:
            continue  # a speech running on into the next paragraph
        yield Finding("dialogue.missing-close", CATEGORY, "error", para.start + opened,
                      para.start + opened + 1,
                      "This quotation is never closed: add the closing mark where the speech "
                      "ends.")


def _open_position(body: str) -> int | None:
    """Offset of a quotation mark left open at the end of the paragraph, if any."""
    curly_open = [m.start() for m in re.finditer("“", body)]
    if curly_open and body.count("“") > body.count("”"):
        return curly_open[-1]
    straight = [m.start() for m in re.finditer('"', body)]
    if len(straight) % 2 == 1:
        return straight[-1]
    return None
