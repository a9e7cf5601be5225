"""Everything attribution looks at around each quotation, gathered in one linear pass.

A StoryContext puts together, for one Work: its paragraphs and tokens, the cast
(``ficlens.quotes.cast``), the character mentions with the relatives named through a
possessive (``mentions``, ``kin``), and for each speech quotation a QuoteInfo filled in by
the quotation reader (``reader``): its tags, whom it names and addresses, and the speaker
the tags alone give.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from functools import cached_property

from ficlens.document import LayerView, Work
from ficlens.quotes.cast import Cast
from ficlens.quotes.detect import Quotation
from ficlens.quotes.epithets import EpithetIndex
from ficlens.quotes.kin import Relatives, kin_phrases
from ficlens.quotes.mentions import Mention, MentionList, MentionMaker
from ficlens.quotes.reader import QuotationReader, QuoteInfo
from ficlens.quotes.tags import FIRST_PERSON, speech_verb_forms
from ficlens.quotes.voice import WordCounts, word_counts

SECOND_PERSON = frozenset({"you"})  # a second-person reader's tags: "you said"

__all__ = ["StoryContext"]


def _scene_starts(work: Work) -> list[int]:
    """Offsets where a scene begins: the story's start, each chapter's, and the end of
    each scene-break marker."""
    starts = {0}
    starts.update(c.start for c in work.layer("chapters"))
    starts.update(b.end for b in work.layer("scene_breaks"))
    return sorted(starts)


class StoryContext:
    """The indexes over one Work that the quotation reader and the features read."""

    def __init__(self, work: Work, paragraphs: list[tuple[int, int]], quotes: list[Quotation]):
        self.work = work
        self.text = work.text
        self.paragraphs = paragraphs
        self.paragraph_view = LayerView(paragraphs)
        self.scene_view = LayerView([(s, s) for s in _scene_starts(work)])
        self.tokens = work.view("tokens")
        self.speech_forms = speech_verb_forms(self.tokens, self.text)
        self.cast = Cast(work)
        self.characters = self.cast.characters
        self.gender = self.cast.gender
        self.relatives = Relatives(self.cast)
        self.speech = [q for q in quotes if q.speech]
        self.speech_view = LayerView(self.speech)
        self._index_mentions(work)
        self.narrator = self.cast.narrator(
            self.text, self.speech, self.quoted_by_char, self.total_by_char)
        self.narrator_words, self.narrates = FIRST_PERSON, ()
        if self.narrator is not None:
            record = self.characters[self.narrator]
            self.narrates = record.narrates
            if record.person == 2:
                self.narrator_words = SECOND_PERSON
        self.infos = [QuoteInfo(q, i) for i, q in enumerate(self.speech)]
        reader = QuotationReader(self)
        for info in self.infos:
            reader.read(info)

    def narrator_at(self, offset: int) -> str | None:
        """The narrator where the narration at ``offset`` is told in their person: a
        first-person chapter of a work told otherwise in the third is not theirs (the
        characters table's ``narrates``; absent, the whole work)."""
        if self.narrator is None:
            return None
        if self.narrates and not any(s <= offset < e for s, e in self.narrates):
            return None
        return self.narrator

    def first_person_tag(self, info: QuoteInfo) -> bool:
        """A tag in the narrator's person: "I said" ("you said" in a reader-insert)."""
        words = self.narrator_words if self.narrator_at(info.quote.start) else FIRST_PERSON
        # "you both chuckled" names the narrator among others: no sign the narrator spoke.
        return any(t.kind == "pronoun" and t.pronoun in words
                   and len(t.subject_text.split()) == 1 for t in info.tags)

    def _index_mentions(self, work: Work) -> None:
        maker = MentionMaker(self.tokens, self.quote_at, self.paragraph_of)
        self.mentions = maker.from_layer(work.layer("mentions"))
        self.all_mentions = MentionList(self.mentions)
        kin = self._kin_mentions(maker)
        if kin:
            self.mentions = sorted([*self.mentions, *kin], key=lambda m: m.start)
            self.all_mentions = MentionList(self.mentions)
        self.narration = MentionList([m for m in self.mentions if m.in_quote < 0])
        self.total_by_char: dict[str, int] = defaultdict(int)
        self.quoted_by_char: dict[str, int] = defaultdict(int)
        # Sorted offsets, counted by bisection: every mention of each character, and the
        # narration's subjects (all of them, and each character's).
        self.starts_by_char: dict[str, list[int]] = defaultdict(list)
        self.subject_starts_by_char: dict[str, list[int]] = defaultdict(list)
        self.subject_starts: list[int] = []
        for m in self.mentions:
            self.total_by_char[m.character] += 1
            self.starts_by_char[m.character].append(m.start)
            if m.in_quote < 0:
                if m.subject:
                    self.subject_starts_by_char[m.character].append(m.start)
                    self.subject_starts.append(m.start)
            else:
                self.quoted_by_char[m.character] += 1
        self.leading_characters = [c for c, _n in Counter(self.total_by_char).most_common()]
        self.epithets = EpithetIndex(
            self.text, [m for m in self.mentions if m.in_quote < 0 and not m.kin])

    def _kin_mentions(self, maker: MentionMaker) -> list[Mention]:
        """ "her father", "his wife" in the narration, as mentions of whoever they are, so
        that a parent only ever called that is a candidate where they speak."""
        found = []
        for match in kin_phrases(self.text):
            start = match.start()
            if self.quote_at(start) >= 0:
                continue
            # Kin phrases in the narration are "his" or "her", never the narrator's "my".
            character = self.relatives.relative_at(
                start, match.group(0), self.all_mentions, narrator=None)
            if character is not None:
                found.append(maker.make(start, match.end(), character, kin=True))
        return found

    # -- where an offset is -------------------------------------------------------------
    def paragraph_of(self, offset: int) -> int:
        return max(0, self.paragraph_view.index_at(offset))

    def paragraph_offsets(self, paragraph: int) -> tuple[float, float]:
        """The offsets [lo, hi) that paragraph_of maps to ``paragraph`` (the first paragraph
        also takes what comes before it; each takes what follows it up to the next)."""
        starts = self.paragraph_view.starts
        lo = starts[paragraph] if paragraph > 0 else -math.inf
        hi = starts[paragraph + 1] if paragraph + 1 < len(starts) else math.inf
        return lo, hi

    def scene_start(self, offset: int) -> int:
        """Where the scene (or chapter) holding ``offset`` begins."""
        k = self.scene_view.index_at(offset)
        return self.scene_view.starts[k] if k >= 0 else 0

    def quote_at(self, offset: int) -> int:
        """Index of the speech quotation containing ``offset``, or -1."""
        k = self.speech_view.index_at(offset)
        if k >= 0 and any(s <= offset < e for s, e in self.speech[k].parts):
            return k
        return -1

    # -- who is named where ---------------------------------------------------------------
    def mentions_between(self, start: int, end: int) -> list[Mention]:
        return self.all_mentions.between(start, end)

    def mention_at(self, start: int, end: int) -> str | None:
        """The character of the last name (not kin phrase) in [start, end)."""
        names = [m for m in self.mentions_between(start, end) if not m.kin]
        return names[-1].character if names else None

    def relative_at(self, offset: int, phrase: str) -> str | None:
        """Who "her father" at ``offset`` is (see ficlens.quotes.kin)."""
        return self.relatives.relative_at(offset, phrase, self.all_mentions, self.narrator)

    def last_narration_mention(self, character: str, offset: int) -> Mention | None:
        """The last mention of ``character`` in the narration starting before ``offset``."""
        return self.narration.last_of(character, 0, self.narration.position(offset))

    def next_narration_mention(self, character: str, offset: int) -> Mention | None:
        """The first mention of ``character`` in the narration starting at ``offset`` or
        after."""
        return self.narration.first_of(
            character, self.narration.position(offset), len(self.narration))

    @cached_property
    def quote_words(self) -> WordCounts | None:
        """The words of each speech quotation, counted once for every pass's voices."""
        return word_counts([quote.text_in(self.text) for quote in self.speech])
