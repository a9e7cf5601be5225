"""Reading one speech quotation: its tags, whom it names and addresses, and the speaker
the tags alone give (a named tag, or a pronoun or description resolved from the story).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ficlens.lexicon import noun_gender, titles
from ficlens.quotes.config import tunables
from ficlens.quotes.detect import Quotation
from ficlens.quotes.epithets import head_noun
from ficlens.quotes.mentions import Mention
from ficlens.quotes.tags import (
    Tag,
    dash_tag,
    find_tags,
    pronoun_gender,
    tokens_within,
)

if TYPE_CHECKING:
    from ficlens.quotes.context import StoryContext

# A speech this many paragraphs long is a story told by its speaker: the tags after its
# first paragraph belong to the dialogue it retells ('"Take him," said I.'), not to it.
_LEAD_IN_END = re.compile(r"(?:[:,;]|--|[—–])$")  # narration that runs on into speech
_VOCATIVE_BEFORE = (",", "“", '"', "‘", "'", "dear", "oh", "o", "my", "!", "—", "-")
_VOCATIVE_AFTER = (",", "!", "?", ".", "”", '"', "’", "'", ";", "—", "-")
# A word between punctuation (or after "my dear") and punctuation: "Yes, sir." "Ma'am,"
_ADDRESS_WORD = re.compile(
    r"(?:[,!?;\"“—]\s*|\b(?:[Mm]y|[Dd]ear|[Gg]ood|[Oo]ld|[Yy]oung)\s+)"
    r"([A-Za-z][a-z]*(?:['’]am)?)(?=\s*[,.!?;\"”—])"
)
# The abbreviated honorifics ("Mrs. Long says", "Dr."): a name follows, nobody is addressed.
_NAME_TITLES = frozenset(
    form.rstrip(".").lower() for form in titles("honorific") if form.endswith("."))
_LIST_NEXT = re.compile(r",\s+(?:(?:and|or)\s|[A-Z][a-z]+,)")
_LIST_BEFORE = re.compile(r"\b(?:and|or)\s+$")


@dataclass(slots=True)
class QuoteInfo:
    quote: Quotation
    index: int  # among speech quotations
    tags: list[Tag] = field(default_factory=list)
    inside: list[str] = field(default_factory=list)  # characters mentioned inside
    vocatives: list[str] = field(default_factory=list)
    rule_speaker: str | None = None
    rule_kind: str = ""  # "name", "pronoun", "nominal", ""
    addressed: str = ""  # "m" / "f": gender of whoever "sir", "ma'am", "my boy" addresses
    near_after: list[str] = field(default_factory=list)  # named right after the quotation
    lead_in: list[str] = field(default_factory=list)  # named in the sentence leading in


class QuotationReader:
    """Fills in a QuoteInfo from the story's indexes; quotations are read in order, since
    a pronoun tag looks back at the speakers of the earlier ones."""

    def __init__(self, ctx: StoryContext) -> None:
        self.ctx = ctx
        self.tokens = ctx.tokens
        self.text = ctx.text

    def read(self, info: QuoteInfo) -> None:
        ctx, tokens = self.ctx, self.tokens.spans
        for region, position in self._regions(info):
            info.tags.extend(find_tags(self.tokens, self.text, region, position, ctx.mention_at))
            if not len(region):
                continue
            if position == "after":
                last = tokens[min(region.stop, region.start + tunables().near_after) - 1].end
                info.near_after = [m.character for m in ctx.mentions_between(
                    tokens[region.start].start, last)]
            elif position == "before":
                info.lead_in = [m.character for m in ctx.mentions_between(
                    tokens[region.start].start, tokens[region.stop - 1].end)]
        quote = info.quote
        if not info.tags:
            info.tags.extend(self._dash_tags(info))
        info.addressed = self._addressed_gender(quote)
        for m in ctx.mentions_between(quote.start, quote.end):
            if m.in_quote != info.index:
                continue
            info.inside.append(m.character)
            if self._is_vocative(m):
                info.vocatives.append(m.character)
        self._rule_speaker(info)

    # -- where the tags are ---------------------------------------------------------------
    def _regions(self, info: QuoteInfo) -> list[tuple[range, str]]:
        """The token ranges a tag may sit in: between the pieces, the sentence after the
        quotation (within its paragraph) and the one before it (or the lead-in paragraph)."""
        quote, ctx = info.quote, self.ctx
        told_story = quote.last_paragraph - quote.paragraph + 1 >= tunables().told_story_paragraphs
        regions = []
        first_end = ctx.paragraphs[quote.paragraph][1]
        for (_s, e), (s2, _e) in zip(quote.parts, quote.parts[1:], strict=False):
            if not (told_story and e > first_end):
                regions.append((tokens_within(self.tokens, e, s2), "between"))
        after = tokens_within(self.tokens, quote.end, self._after_limit(info))
        if len(after) and not told_story:
            regions.append((self._first_sentence(after), "after"))
        before = tokens_within(self.tokens, self._before_limit(info), quote.start)
        if len(before):
            regions.append((self._last_sentence(before), "before"))
        elif lead_in := self._lead_in_paragraph(info):
            regions.append((lead_in, "before"))
        return regions

    def _after_limit(self, info: QuoteInfo) -> int:
        """The end of the quotation's last paragraph, or the start of the next quotation."""
        _p_start, p_end = self.ctx.paragraphs[info.quote.last_paragraph]
        speech = self.ctx.speech
        nxt = info.index + 1
        if nxt < len(speech) and speech[nxt].start < p_end:
            return speech[nxt].start
        return p_end

    def _before_limit(self, info: QuoteInfo) -> int:
        """The start of the quotation's paragraph, or the end of the previous quotation."""
        first_start, _ = self.ctx.paragraphs[info.quote.paragraph]
        speech = self.ctx.speech
        if info.index > 0 and speech[info.index - 1].end > first_start:
            return speech[info.index - 1].end
        return first_start

    def _first_sentence(self, tokens: range) -> range:
        """The tokens of ``tokens`` (non-empty) in the sentence of its first one."""
        sent = self.tokens.spans[tokens.start]["sent"]
        stop = tokens.start
        while stop < tokens.stop and self.tokens.spans[stop]["sent"] == sent:
            stop += 1
        return range(tokens.start, stop)

    def _last_sentence(self, tokens: range) -> range:
        """The tokens of ``tokens`` (non-empty) in the sentence of its last one."""
        sent = self.tokens.spans[tokens.stop - 1]["sent"]
        begin = tokens.stop
        while begin > tokens.start and self.tokens.spans[begin - 1]["sent"] == sent:
            begin -= 1
        return range(begin, tokens.stop)

    def _lead_in_paragraph(self, info: QuoteInfo) -> range | None:
        """The last sentence of a narration paragraph that leads into a quotation opening
        the next one ('... laid his hand upon each child, and said:' / '"Louisa!"')."""
        quote, ctx = info.quote, self.ctx
        if quote.paragraph == 0 or ctx.paragraphs[quote.paragraph][0] != quote.start:
            return None
        p_start, p_end = ctx.paragraphs[quote.paragraph - 1]
        if not _LEAD_IN_END.search(self.text, p_start, p_end):
            return None
        if info.index > 0 and ctx.speech[info.index - 1].end > p_start:
            return None  # the paragraph holds speech of its own
        tokens = tokens_within(self.tokens, p_start, p_end)
        return self._last_sentence(tokens) if len(tokens) else None

    def _dash_tags(self, info: QuoteInfo) -> list[Tag]:
        quote = info.quote
        _p_start, p_end = self.ctx.paragraphs[quote.last_paragraph]
        ends = [e for _s, e in quote.parts]
        limits = [s for s, _e in quote.parts[1:]] + [p_end]
        for end, limit in zip(ends, limits, strict=True):
            tag = dash_tag(self.tokens, self.text, end, limit, self.ctx.mention_at,
                           self.ctx.speech_forms)
            if tag is not None:
                return [tag]
        return []

    # -- whom it addresses ----------------------------------------------------------------
    def _addressed_gender(self, quote: Quotation) -> str:
        """The gender of a person noun or title used alone to address someone ("Yes,
        sir." "My dear girl, ..."), when the quotation uses one gender only."""
        genders = {
            noun_gender(match.group(1)).code
            for s, e in quote.parts
            for match in _ADDRESS_WORD.finditer(self.text, s, e)
            if match.group(1).lower() not in _NAME_TITLES
        } - {""}
        return genders.pop() if len(genders) == 1 else ""

    def _is_vocative(self, m: Mention) -> bool:
        text = self.text
        before = text[max(0, m.start - 6) : m.start].rstrip().lower()
        after = text[m.end : m.end + 2].lstrip()
        if not (before.endswith(_VOCATIVE_BEFORE) and after.startswith(_VOCATIVE_AFTER)):
            return False
        # "Abdullah, Akbar, and I": a list of names, not someone addressed.
        return not _LIST_NEXT.match(text, m.end) and not _LIST_BEFORE.search(
            text, max(0, m.start - 8), m.start)

    # -- who the tags say speaks ------------------------------------------------------------
    def _rule_speaker(self, info: QuoteInfo) -> None:
        for tag in sorted(info.tags, key=lambda t: t.position == "before"):
            if tag.kind == "name":
                info.rule_speaker, info.rule_kind = tag.character, "name"
            elif tag.kind == "pronoun":
                info.rule_kind = "pronoun"
                info.rule_speaker = self._pronoun_speaker(info, tag.pronoun)
            else:
                self._nominal_speaker(info, tag)
            return

    def _pronoun_speaker(self, info: QuoteInfo, pronoun: str) -> str | None:
        if pronoun in self.ctx.narrator_words:
            return self.ctx.narrator_at(info.quote.start)
        gender = pronoun_gender(pronoun)
        return self.recent_actor(info, gender) if gender else None

    def _nominal_speaker(self, info: QuoteInfo, tag: Tag) -> None:
        """ "the duchess" for the only Duchess in the story, "her father" for the Mr. who
        shares her surname; a description that is a whole name is a name tag."""
        ctx = self.ctx
        info.rule_kind = "nominal"
        noun = head_noun(tag.subject_text)
        owner = (ctx.cast.nominal_owner(noun)
                 or ctx.relative_at(tag.subject_start, tag.subject_text)
                 or self.recent_namesake(info, noun))
        if owner is None:
            return
        tag.character = owner
        info.rule_speaker = owner
        if ctx.cast.is_full_name(owner, tag.subject_text):  # "said nanny": a name
            tag.kind = info.rule_kind = "name"

    def recent_namesake(
        self, info: QuoteInfo, noun: str, reach: int = tunables().namesake_reach
    ) -> str | None:
        """ "the duchess" where two characters have "Duchess" in their names: the one of
        them named last before the quotation, in its scene."""
        namesakes = self.ctx.cast.name_word_owners.get(noun, set())
        if len(namesakes) < 2:
            return None
        start = info.quote.start
        floor = max(start - reach, self.ctx.scene_start(start))
        for m in reversed(self.ctx.mentions_between(floor, start)):
            if m.character in namesakes and not m.kin:
                return m.character
        return None

    def recent_actor(self, info: QuoteInfo, gender: str) -> str | None:
        """Who a "he said" / "she said" tag most likely means: the latest character of that
        gender to act on stage, as the subject of narration that is not backstory or as the
        speaker of an earlier line; else the latest of that gender named at all."""
        ctx = self.ctx
        offset = info.quote.start
        reach = tunables().actor_reach
        best, best_at = None, -1
        for m in reversed(ctx.mentions_between(max(0, offset - reach), offset)):
            if (m.in_quote < 0 and m.subject and not m.backstory
                    and ctx.gender.get(m.character) == gender):
                best, best_at = m.character, m.start
                break
        for j in range(info.index - 1, -1, -1):
            other = ctx.infos[j]
            if other.quote.start <= max(best_at, offset - reach):
                break
            if other.rule_speaker is not None and ctx.gender.get(other.rule_speaker) == gender:
                best = other.rule_speaker
                break
        return best or self.recent_with_gender(offset, gender, reach)

    def recent_with_gender(
        self, offset: int, gender: str, reach: int = tunables().actor_reach
    ) -> str | None:
        for m in reversed(self.ctx.mentions_between(max(0, offset - reach), offset)):
            if m.in_quote < 0 and not m.backstory and self.ctx.gender.get(m.character) == gender:
                return m.character
        return None
