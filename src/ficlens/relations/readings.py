"""Two readings of who is who: the upstream models' and a reading convention's.

Everything the relations stage counts rests on two noisy decisions made upstream: which
character a pronoun is (the coref layer) and who says a quote (the speaker model). One
misread stretch ("he said" given to a brother named once in a backstory paragraph, forty
lines running) can then outweigh the rest of the story. A reader resolves those pronouns by
convention instead: a character named just before, else the scene's focal character, else
whoever the narration has named most and last.

So the stage reads the story twice and counts every piece of evidence as the mean of the two:

* ``upstream``: names, the coref layer's pronouns (or the fallback of :mod:`references`
  without one) and the quotes layer's speakers and addressees;
* ``convention``: names and pronouns resolved by :func:`references.convention_pronouns`,
  each quote whose speech tag is a pronoun ("he said") given to that pronoun's referent,
  and each line that calls someone by name ("Peyton, you told me...") said to them, and
  not by them.

Where the two agree nothing changes; where they disagree each counts half, so neither model
alone decides.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter, defaultdict
from dataclasses import dataclass

from ficlens.document import Span, Work
from ficlens.pov.regions import quote_parts
from ficlens.relations.references import (
    Ref,
    convention_pronouns,
    focal_lookup,
    named_references,
    quote_person_pronouns,
    references,
    speech_quotes,
)

CACHE_KEY = "relations.readings"
REPLY_GAP = 1500  # chars: a line further than this from the last one is not a reply to it
_THIRD_PERSON_TAG = frozenset({"he", "she"})
_OPENERS = "\"“‘' \n"
# after a name that opens a line: a comma, a dash, dots, or the end of the line
_AFTER_VOCATIVE = re.compile(r"\s*(?:,|\.\.\.|…|-|—|[.!?]?[\"”])")
_CLOSING_VOCATIVE = re.compile(r"\s*[.!?]*[\"”]")


@dataclass(frozen=True, slots=True)
class Reading:
    name: str
    refs: list[Ref]  # sorted by offset
    quotes: list[Span]  # speech quotes, with this reading's speaker and addressee


def both_readings(work: Work) -> list[Reading]:
    """The upstream and the convention reading of the story (cached per work)."""
    cached = work.cache.get(CACHE_KEY)
    if cached is not None:
        return cached
    quotes = speech_quotes(work)
    upstream = Reading("upstream", references(work), quotes)
    pronouns = convention_pronouns(work)
    retold = convention_quotes(work, quotes, pronouns)
    # "I" and "you" inside quotes follow the re-read speakers
    pronouns += quote_person_pronouns(work, retold)
    refs = sorted(named_references(work) + pronouns, key=lambda r: (r.start, r.end))
    found = [upstream, Reading("convention", refs, retold)]
    work.cache[CACHE_KEY] = found
    return found


def convention_quotes(work: Work, quotes: list[Span], pronouns: list[Ref]) -> list[Span]:
    """``quotes`` re-read by convention (see :func:`_conversation_speakers`); the same list
    when nothing changes."""
    tagged = _tag_referents(work, quotes, pronouns)
    speakers: list[object] = [q.get("speaker") for q in quotes]
    addressees: list[object] = [q.get("addressee") for q in quotes]
    called = _vocatives(work, quotes)
    focal_at = focal_lookup(work)
    for conversation in _conversations(quotes):
        _conversation_speakers(conversation, tagged, speakers, addressees)
        for i in conversation:
            if i in called:
                focal = focal_at(quotes[i].start)
                _follow_vocative(conversation, i, called[i], focal, speakers, addressees)
    if all(q.get("speaker") == who for q, who in zip(quotes, speakers, strict=True)):
        return quotes
    retold = []
    for i, quote in enumerate(quotes):
        attrs = dict(quote.attrs)
        attrs["speaker"] = speakers[i]
        attrs["addressee"] = addressees[i] if addressees[i] != speakers[i] else None
        retold.append(Span(quote.start, quote.end, attrs))
    return retold


def _conversations(quotes: list[Span]) -> list[list[int]]:
    """Runs of quote indices, each line within ``REPLY_GAP`` of the one before."""
    runs: list[list[int]] = []
    for i, quote in enumerate(quotes):
        if runs and quote.start - quotes[i - 1].end <= REPLY_GAP:
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs


def _conversation_speakers(
    conversation: list[int], tagged: dict[int, str], speakers: list, addressees: list
) -> None:
    """Re-read one conversation in place. A line tagged "he said" / "she said" goes to the
    tag's referent; the model's other choices in the conversation follow (when its "Nathan"
    is mostly the convention's "Lucas", so are its untagged Nathan lines and the lines
    addressed to Nathan). A re-read is dropped where it would make a line answer its own
    speaker while the model had two people taking turns: in an exchange between two "he"s
    the convention alone cannot tell them apart."""
    votes: dict[object, Counter[str]] = defaultdict(Counter)
    for i in conversation:
        if i in tagged and speakers[i]:  # the model's unattributed lines stay unattributed
            votes[speakers[i]][tagged[i]] += 1
    renamed = {old: count.most_common(1)[0][0] for old, count in votes.items()}
    model = [speakers[i] for i in conversation]
    for k, i in enumerate(conversation):
        who = tagged.get(i) or renamed.get(speakers[i], speakers[i])
        if k and speakers[conversation[k - 1]] == who and model[k - 1] != model[k]:
            who = model[k]
        speakers[i] = who
        addressees[i] = renamed.get(addressees[i], addressees[i])


def _vocatives(work: Work, quotes: list[Span]) -> dict[int, str]:
    """Quote index -> the character a line calls by name at its start or end ("Peyton,
    you told me...", "Thank you, Lucas.")."""
    names = named_references(work)
    starts = [r.start for r in names]
    text = work.text
    found: dict[int, str] = {}
    for i, quote in enumerate(quotes):
        for start, end in quote_parts(quote):
            lo, hi = bisect_left(starts, start), bisect_left(starts, end)
            for ref in names[lo:hi]:
                opens = not text[start : ref.start].strip(_OPENERS)
                closes = _CLOSING_VOCATIVE.match(text, ref.end, end) is not None
                if (opens and _AFTER_VOCATIVE.match(text, ref.end, end)) or (
                    closes and text[start : ref.start].rstrip().endswith(",")
                ):
                    found.setdefault(i, ref.character)
    return found


def _follow_vocative(
    conversation: list[int],
    i: int,
    called: str,
    focal: str | None,
    speakers: list,
    addressees: list,
) -> None:
    """A line that calls someone by name is said to them, not by them: where the speaker is
    the one called, the line goes to the nearest other speaker of the conversation, else to
    the scene's focal character."""
    addressees[i] = called
    if speakers[i] != called:
        return
    near = sorted(conversation, key=lambda j: abs(j - i))
    others = [speakers[j] for j in near if speakers[j] and speakers[j] != called]
    if focal and focal != called:
        others.append(focal)
    speakers[i] = others[0] if others else None


def _tag_referents(work: Work, quotes: list[Span], pronouns: list[Ref]) -> dict[int, str]:
    """Quote index -> the character its pronoun speech tag refers to in ``pronouns``."""
    index = {q.start: i for i, q in enumerate(quotes)}
    all_quotes = work.layer("quotes")
    by_start: dict[int, list[Ref]] = defaultdict(list)
    for ref in pronouns:
        by_start[ref.start].append(ref)
    found: dict[int, str] = {}
    for tag in work.layer("speech_tags"):
        subject = str(tag.get("subject") or "")
        position = tag.get("quote")
        if tag.get("kind") != "pronoun" or subject.lower() not in _THIRD_PERSON_TAG:
            continue
        if not isinstance(position, int) or not 0 <= position < len(all_quotes):
            continue
        quote_index = index.get(all_quotes[position].start)
        at = work.text.find(subject, tag.start, tag.end)
        refs = by_start.get(at, [])
        if quote_index is not None and at >= 0 and refs:
            found[quote_index] = refs[0].character
    return found
