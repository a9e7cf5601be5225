"""Everything attribution looks at around each quotation, gathered in one linear pass.

For each speech quotation: its speech tags (resolved to a character when the tag names
one), the characters mentioned inside it and those addressed by name (vocatives), the
characters acting in the narration of its paragraph, and the rule-based speaker a tag
gives (named tag, or a pronoun tag resolved by gender and recency).
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from scipy import sparse

from ficlens.document import Span, Work
from ficlens.nlp.lexicon import noun_gender
from ficlens.quotes.detect import Quotation
from ficlens.quotes.epithets import EpithetIndex, head_noun
from ficlens.quotes.mentions import Mention, MentionList
from ficlens.quotes.tags import (
    FEMALE,
    FIRST_PERSON,
    MALE,
    SUBJECT_DEPS,
    Tag,
    TokenIndex,
    dash_tag,
    find_tags,
)
from ficlens.quotes.voice import word_counts

FIRST_PERSON_RATE = 12  # I/me/my per 1000 narration words in first-person texts
_FIRST_PERSON_WORD = re.compile(r"\b(?:I|me|my|myself)\b")
# A speech this many paragraphs long is a story told by its speaker: the tags after its
# first paragraph belong to the dialogue it retells ('"Take him," said I.'), not to it.
TOLD_STORY_PARAGRAPHS = 3
NEAR_AFTER = 8  # tokens after a quotation where a name is part of its tag ("was Mary's reply")
_LEAD_IN_END = re.compile(r"(?:[:,;]|--|[—–])$")  # narration that runs on into speech
_VOCATIVE_BEFORE = (",", "“", '"', "‘", "'", "dear", "oh", "o", "my", "!", "—", "-")
# A word between punctuation (or after "my dear") and punctuation: "Yes, sir." "Ma'am,"
_ADDRESS_WORD = re.compile(
    r"(?:[,!?;\"“—]\s*|\b(?:[Mm]y|[Dd]ear|[Gg]ood|[Oo]ld|[Yy]oung)\s+)"
    r"([A-Za-z][a-z]*(?:['’]am)?)(?=\s*[,.!?;\"”—])"
)
_NAME_TITLES = frozenset({"mr", "mrs", "ms", "dr"})  # "Mrs. Long says": a name follows
_LIST_NEXT = re.compile(r",\s+(?:(?:and|or)\s|[A-Z][a-z]+,)")
_LIST_BEFORE = re.compile(r"\b(?:and|or)\s+$")
_VOCATIVE_AFTER = (",", "!", "?", ".", "”", '"', "’", "'", ";", "—", "-")


def normalise_gender(value: object) -> str:
    """'m', 'f' or '' from whatever the characters table says (male, M, he, ...)."""
    text = str(value or "").strip().lower()
    if text in ("m", "male", "man", "he", "masculine"):
        return "m"
    if text in ("f", "female", "woman", "she", "feminine"):
        return "f"
    return ""


def pronoun_gender(word: str) -> str:
    if word in MALE:
        return "m"
    if word in FEMALE:
        return "f"
    return ""


_DETERMINERS = ("the", "a", "an")


def pluperfect_verbs(tokens: list[Span]) -> set[int]:
    """Token indices of verbs in the past perfect ("had nodded") and of verbs conjoined to
    one ("..., Haley threw him a look"): narration of what happened before the scene, whose
    actors need not be on stage."""
    found: set[int] = set()
    for tok in tokens:
        head = tok["head"]
        if (tok["dep"] == "aux" and tok["lemma"] == "have" and tok["tag"] == "VBD"
                and 0 <= head < len(tokens) and tokens[head]["tag"] == "VBN"):
            found.add(head)
    # "Brooke had nodded, Haley threw him a look": the parser often hangs the first clause
    # of such a list on the next as a complement; the list keeps its tense.
    for i in sorted(found):
        head = tokens[i]["head"]
        if (tokens[i]["dep"] in ("ccomp", "parataxis") and i < head < len(tokens)
                and tokens[head]["tag"] == "VBD"):
            found.add(head)
    for i, tok in enumerate(tokens):
        if tok["dep"] == "conj" and tok["head"] in found and tok["tag"] in ("VBD", "VBN"):
            found.add(i)
    return found


def _clause_verb(tokens: list[Span], i: int, reach: int = 6) -> int:
    """The verb whose clause token ``i`` belongs to (up the dependency heads), or -1."""
    for _step in range(reach):
        if tokens[i]["pos"] in ("VERB", "AUX"):
            return i
        head = tokens[i]["head"]
        if head == i or not 0 <= head < len(tokens):
            return -1
        i = head
    return -1


# A relative's gender and, for parents and spouses, the title they go by ("her mother" is a
# Mrs.); "" means any name with the surname will do.
_RELATIVES = {
    "father": ("m", "mr"), "mother": ("f", "mrs"), "husband": ("m", "mr"), "wife": ("f", "mrs"),
    "brother": ("m", ""), "sister": ("f", ""), "son": ("m", ""), "daughter": ("f", ""),
}
# Older usage: "his lady" is his wife.
_KIN = {("his", "lady"): ("f", "mrs")}
# In the narration only parents and spouses, who go by the family's "Mr." and "Mrs."
_KIN_NOUNS = "|".join(["father", "mother", "husband", "wife", "lady"])
_KIN_PHRASE = re.compile(rf"\b(?:[Hh]is|[Hh]er)\s+(?:{_KIN_NOUNS})\b")
_TITLE_WORDS = frozenset({"mr", "mrs", "miss", "ms", "dr", "sir", "lady", "lord"})


def _family_name(name: str, title: str) -> str | None:
    """The last word of ``name`` when it is a surname: after a title (and ``title`` when
    one is wanted: "Mr. Bennet" for a father) or after a first name ("Elizabeth Bennet")."""
    words = name.replace(".", " ").split()
    if len(words) < 2 or not all(w[:1].isupper() for w in words):
        return None
    first = words[0].lower()
    if title and first != title:
        return None
    if not title and first in _TITLE_WORDS and first not in ("miss", "mr", "mrs", "ms"):
        return None
    return words[-1]


def _without_determiner(phrase: str) -> str:
    """Lower-cased words of a name or description without a leading article."""
    words = phrase.lower().split()
    if words and words[0] in _DETERMINERS:
        words = words[1:]
    return " ".join(words)


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


def _scene_starts(work: Work) -> list[int]:
    """Offsets where a scene begins: the story's start, each chapter's, and the end of
    each scene-break marker."""
    starts = {0}
    starts.update(c.start for c in work.layer("chapters"))
    starts.update(b.end for b in work.layer("scene_breaks"))
    return sorted(starts)


class StoryContext:
    """Indexes over one Work that the features read: paragraphs, tokens, mentions."""

    def __init__(self, work: Work, paragraphs: list[tuple[int, int]], quotes: list[Quotation]):
        self.work = work
        self.text = work.text
        self.paragraphs = paragraphs
        self.para_starts = [s for s, _ in paragraphs]
        self.tokens = TokenIndex(work.layer("tokens"))
        self.characters = {c["id"]: c for c in work.tables.get("characters", [])}
        self.gender = {cid: normalise_gender(c.get("gender")) for cid, c in self.characters.items()}
        self.speech = [q for q in quotes if q.speech]
        self.quote_starts = [q.start for q in self.speech]
        self.mentions = self._mentions(work.layer("mentions"))
        self.all_mentions = MentionList(self.mentions)
        kin = self._kin_mentions()
        if kin:
            self.mentions = sorted([*self.mentions, *kin], key=lambda m: m.start)
            self.all_mentions = MentionList(self.mentions)
        self.narration = MentionList([m for m in self.mentions if m.in_quote < 0])
        self.narration_by_char: dict[str, list[Mention]] = defaultdict(list)
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
                self.narration_by_char[m.character].append(m)
                if m.subject:
                    self.subject_starts_by_char[m.character].append(m.start)
                    self.subject_starts.append(m.start)
            else:
                self.quoted_by_char[m.character] += 1
        self.leading_characters = [c for c, _n in Counter(self.total_by_char).most_common()]
        self.narration_starts = {
            c: [m.start for m in ms] for c, ms in self.narration_by_char.items()
        }
        self.epithets = EpithetIndex(
            self.text, [m for m in self.mentions if m.in_quote < 0 and not m.kin])
        self.name_words = self._name_words()
        self.bare_names = self._bare_names()
        self.narrator = self._narrator()
        self.scene_starts = _scene_starts(work)
        self.infos = [QuoteInfo(q, i) for i, q in enumerate(self.speech)]
        for info in self.infos:
            self._read_quote(info)

    # -- indexes ------------------------------------------------------------------------
    def paragraph_of(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self.para_starts, offset) - 1)

    def scene_start(self, offset: int) -> int:
        """Where the scene (or chapter) holding ``offset`` begins."""
        k = bisect.bisect_right(self.scene_starts, offset) - 1
        return self.scene_starts[k] if k >= 0 else 0

    def quote_at(self, offset: int) -> int:
        """Index of the speech quotation containing ``offset``, or -1."""
        k = bisect.bisect_right(self.quote_starts, offset) - 1
        if k >= 0 and any(s <= offset < e for s, e in self.speech[k].parts):
            return k
        return -1

    def _mentions(self, layer: list[Span]) -> list[Mention]:
        return [self._mention(span.start, span.end, span.get("character"))
                for span in layer if span.get("character") is not None]

    @cached_property
    def _backstory_verbs(self) -> set[int]:
        return pluperfect_verbs(self.tokens.tokens)

    def _mention(self, start: int, end: int, character: str, kin: bool = False) -> Mention:
        tokens = self.tokens
        in_quote = self.quote_at(start)
        subject = backstory = False
        if in_quote < 0:
            inside = tokens.between(start, end)
            subject = any(tokens.tokens[i]["dep"] in SUBJECT_DEPS for i in inside)
            backstory = bool(inside) and _clause_verb(tokens.tokens, inside[-1]) in (
                self._backstory_verbs)
        return Mention(start, end, character, self.paragraph_of(start), in_quote, subject,
                       backstory, kin)

    def mentions_between(self, start: int, end: int) -> list[Mention]:
        return self.all_mentions.between(start, end)

    def paragraph_offsets(self, paragraph: int) -> tuple[float, float]:
        """The offsets [lo, hi) that paragraph_of maps to ``paragraph`` (the first paragraph
        also takes what comes before it; each takes what follows it up to the next)."""
        lo = self.para_starts[paragraph] if paragraph > 0 else -math.inf
        hi = (self.para_starts[paragraph + 1] if paragraph + 1 < len(self.para_starts)
              else math.inf)
        return lo, hi

    def mention_at(self, start: int, end: int) -> str | None:
        found = self.mentions_between(start, end)
        names = [m for m in found if not m.kin]
        return names[-1].character if names else None

    # -- per quotation ------------------------------------------------------------------
    def _regions(self, info: QuoteInfo) -> list[tuple[range, str]]:
        quote = info.quote
        p_start, p_end = self.paragraphs[quote.last_paragraph]
        nxt = info.index + 1
        limit = p_end
        if nxt < len(self.speech) and self.speech[nxt].start < p_end:
            limit = self.speech[nxt].start
        regions = []
        told_story = quote.last_paragraph - quote.paragraph + 1 >= TOLD_STORY_PARAGRAPHS
        first_end = self.paragraphs[quote.paragraph][1]
        for (_s, e), (s2, _e) in zip(quote.parts, quote.parts[1:], strict=False):
            if not (told_story and e > first_end):
                regions.append((self.tokens.between(e, s2), "between"))
        after = self.tokens.between(quote.end, limit)
        if len(after) and not told_story:
            sent = self.tokens.tokens[after.start]["sent"]
            stop = after.start
            while stop < after.stop and self.tokens.tokens[stop]["sent"] == sent:
                stop += 1
            regions.append((range(after.start, stop), "after"))
        first_start, _ = self.paragraphs[quote.paragraph]
        prev_end = first_start
        if info.index > 0 and self.speech[info.index - 1].end > first_start:
            prev_end = self.speech[info.index - 1].end
        before = self.tokens.between(prev_end, quote.start)
        if len(before):
            regions.append((self._last_sentence(before), "before"))
        elif lead_in := self._lead_in_paragraph(info):
            regions.append((lead_in, "before"))
        return regions

    def _last_sentence(self, tokens: range) -> range:
        """The tokens of ``tokens`` (non-empty) in the sentence of its last one."""
        sent = self.tokens.tokens[tokens.stop - 1]["sent"]
        begin = tokens.stop
        while begin > tokens.start and self.tokens.tokens[begin - 1]["sent"] == sent:
            begin -= 1
        return range(begin, tokens.stop)

    def _lead_in_paragraph(self, info: QuoteInfo) -> range | None:
        """The last sentence of a narration paragraph that leads into a quotation opening
        the next one ('... laid his hand upon each child, and said:' / '"Louisa!"')."""
        quote = info.quote
        if quote.paragraph == 0 or self.paragraphs[quote.paragraph][0] != quote.start:
            return None
        p_start, p_end = self.paragraphs[quote.paragraph - 1]
        if not _LEAD_IN_END.search(self.text, p_start, p_end):
            return None
        if info.index > 0 and self.speech[info.index - 1].end > p_start:
            return None  # the paragraph holds speech of its own
        tokens = self.tokens.between(p_start, p_end)
        return self._last_sentence(tokens) if len(tokens) else None

    def _read_quote(self, info: QuoteInfo) -> None:
        tokens = self.tokens.tokens
        for region, position in self._regions(info):
            info.tags.extend(find_tags(self.tokens, self.text, region, position, self.mention_at))
            if not len(region):
                continue
            if position == "after":
                last = tokens[min(region.stop, region.start + NEAR_AFTER) - 1].end
                info.near_after = [m.character for m in self.mentions_between(
                    tokens[region.start].start, last)]
            elif position == "before":
                info.lead_in = [m.character for m in self.mentions_between(
                    tokens[region.start].start, tokens[region.stop - 1].end)]
        quote = info.quote
        if not info.tags:
            info.tags.extend(self._dash_tags(info))
        info.addressed = self._addressed_gender(quote)
        for m in self.mentions_between(quote.start, quote.end):
            if m.in_quote != info.index:
                continue
            info.inside.append(m.character)
            if self._is_vocative(m):
                info.vocatives.append(m.character)
        self._rule_speaker(info)

    def _dash_tags(self, info: QuoteInfo) -> list[Tag]:
        quote = info.quote
        _p_start, p_end = self.paragraphs[quote.last_paragraph]
        ends = [e for _s, e in quote.parts]
        limits = [s for s, _e in quote.parts[1:]] + [p_end]
        for end, limit in zip(ends, limits, strict=True):
            tag = dash_tag(self.tokens, self.text, end, limit, self.mention_at)
            if tag is not None:
                return [tag]
        return []

    def _name_words(self) -> dict[str, str]:
        """Lower-cased words of character names that belong to one character only."""
        return {w: next(iter(c)) for w, c in self._name_word_owners.items() if len(c) == 1}

    @cached_property
    def _name_word_owners(self) -> dict[str, set[str]]:
        """Lower-cased words of character names, and the characters whose names have them."""
        owners: dict[str, set[str]] = {}
        for cid, names in self._names_by_char.items():
            for name in names:
                for word in name.lower().replace(".", " ").split():
                    if len(word) > 2 and word not in ("the", "and", "mrs", "miss"):
                        owners.setdefault(word, set()).add(cid)
        return owners

    def _bare_names(self) -> dict[str, str]:
        """One-word names once a determiner is dropped ("The Landlady" -> "landlady"),
        when one character alone has it."""
        owners: dict[str, set[str]] = {}
        for cid, names in self._names_by_char.items():
            for name in names:
                words = _without_determiner(name)
                if words and " " not in words:
                    owners.setdefault(words, set()).add(cid)
        return {w: next(iter(c)) for w, c in owners.items() if len(c) == 1}

    def _narrator(self) -> str | None:
        """The first-person narrator: flagged in the characters table, or, in a text told
        in the first person, the character named mostly inside quotes (others address them)."""
        for cid, char in self.characters.items():
            if char.get("narrator"):
                return cid
        narration, last = [], 0
        for q in self.speech:
            narration.append(self.text[last : q.start])
            last = q.end
        narration.append(self.text[last:])
        words = _FIRST_PERSON_WORD.findall(" ".join(narration))
        total = sum(len(part.split()) for part in narration)
        if not total or len(words) * 1000 / total < FIRST_PERSON_RATE:
            return None
        best, best_quoted = None, 4
        for cid, quoted in self.quoted_by_char.items():
            if quoted >= 0.7 * self.total_by_char[cid] and quoted > best_quoted:
                best, best_quoted = cid, quoted
        return best

    def _addressed_gender(self, quote: Quotation) -> str:
        """The gender of a person noun or title used alone to address someone ("Yes,
        sir." "My dear girl, ..."), when the quotation uses one gender only."""
        genders = {
            noun_gender(match.group(1))
            for s, e in quote.parts
            for match in _ADDRESS_WORD.finditer(self.text, s, e)
            if match.group(1).lower() not in _NAME_TITLES
        } - {""}
        return genders.pop() if len(genders) == 1 else ""

    def _is_vocative(self, m: Mention) -> bool:
        before = self.text[max(0, m.start - 6) : m.start].rstrip().lower()
        after = self.text[m.end : m.end + 2].lstrip()
        if not (before.endswith(_VOCATIVE_BEFORE) and after.startswith(_VOCATIVE_AFTER)):
            return False
        # "Abdullah, Akbar, and I": a list of names, not someone addressed.
        return not _LIST_NEXT.match(self.text, m.end) and not _LIST_BEFORE.search(
            self.text, max(0, m.start - 8), m.start)

    def _rule_speaker(self, info: QuoteInfo) -> None:
        for tag in sorted(info.tags, key=lambda t: t.position == "before"):
            if tag.kind == "name":
                info.rule_speaker, info.rule_kind = tag.character, "name"
                return
            if tag.kind == "pronoun":
                info.rule_kind = "pronoun"
                if tag.pronoun in FIRST_PERSON:
                    info.rule_speaker = self.narrator
                    return
                gender = pronoun_gender(tag.pronoun)
                if gender:
                    info.rule_speaker = self.recent_actor(info, gender)
                return
            info.rule_kind = "nominal"
            noun = head_noun(tag.subject_text)
            owner = (self.nominal_owner(noun)
                     or self.relative_at(tag.subject_start, tag.subject_text)
                     or self.recent_namesake(info, noun))
            if owner is not None:  # "the duchess" for the only Duchess in the story
                tag.character = owner
                info.rule_speaker = owner
                if self._is_full_name(owner, tag.subject_text):  # "said nanny": a name
                    tag.kind = info.rule_kind = "name"
            return

    def nominal_owner(self, noun: str) -> str | None:
        """The character a description's head noun names: the only one with that word in
        a name, or the one called just that ("the detective" beside "the detective's
        colleague")."""
        if not noun:
            return None
        return self.name_words.get(noun) or self.bare_names.get(noun)

    def recent_namesake(self, info: QuoteInfo, noun: str, reach: int = 5000) -> str | None:
        """ "the duchess" where two characters have "Duchess" in their names: the one of
        them named last before the quotation, in its scene."""
        namesakes = self._name_word_owners.get(noun, set())
        if len(namesakes) < 2:
            return None
        start = info.quote.start
        floor = max(start - reach, self.scene_start(start))
        for m in reversed(self.mentions_between(floor, start)):
            if m.character in namesakes and not m.kin:
                return m.character
        return None

    def relative_at(self, offset: int, phrase: str, reach: int = 3000) -> str | None:
        """Who "her father" or "his wife" at ``offset`` is: the one character of the noun's
        gender who shares a surname with someone of the possessive's gender named in the
        ``reach`` before it (Jane "Miss Bennet": "her father" is Mr. Bennet). A parent or
        spouse goes by "Mr." or "Mrs.", a sister or daughter not by "Mrs."."""
        words = phrase.lower().split()
        if len(words) != 2 or (words[0], words[1]) not in _KIN and words[1] not in _RELATIVES:
            return None
        owner_gender = pronoun_gender(words[0])
        if owner_gender:
            owners = {m.character for m in self.mentions_between(max(0, offset - reach), offset)
                      if self.gender.get(m.character) == owner_gender and not m.kin}
        elif words[0] == "my" and self.narrator is not None:
            owners = {self.narrator}
        else:
            return None
        gender, title = _KIN.get((words[0], words[1])) or _RELATIVES[words[1]]
        found = {cid for cid, family in self._family_names[gender, title].items()
                 if any(cid != o and family & self._owner_surnames(o, words[1]) for o in owners)}
        return found.pop() if len(found) == 1 else None

    @cached_property
    def _family_names(self) -> dict[tuple[str, str], dict[str, set[str]]]:
        """Per relative's (gender, title): the surnames each character of that gender goes
        by with that title ("" for any but "Mrs." for a woman: a sister or daughter)."""
        table = {}
        for gender, title in {*_RELATIVES.values(), *_KIN.values()}:
            found = {}
            for cid, names in self._names_by_char.items():
                if self.gender.get(cid) != gender:
                    continue
                family = {_family_name(n, title) for n in names if not (
                    gender == "f" and not title and n.lower().startswith("mrs"))} - {None}
                if family:
                    found[cid] = family
            table[gender, title] = found
        return table

    def _kin_mentions(self) -> list[Mention]:
        """ "her father", "his wife" in the narration, as mentions of whoever they are, so
        that a parent only ever called that is a candidate where they speak."""
        found = []
        for match in _KIN_PHRASE.finditer(self.text):
            start = match.start()
            if self.quote_at(start) >= 0:
                continue
            character = self.relative_at(start, match.group(0))
            if character is not None:
                found.append(self._mention(start, match.end(), character, kin=True))
        return found

    @cached_property
    def _names_by_char(self) -> dict[str, list[str]]:
        return {cid: [c.get("name") or "", *(c.get("aliases") or [])]
                for cid, c in self.characters.items()}

    @cached_property
    def _surnames(self) -> dict[str, tuple[set[str], set[str]]]:
        """Each character's surnames from names of two or more capitalised words: those
        it was born with and those of a "Mrs." name (a married woman has both)."""
        found = {}
        for cid, names in self._names_by_char.items():
            married = set(filter(None, (_family_name(n, "mrs") for n in names)))
            born = set(filter(None, (_family_name(n, "") for n in names))) - married
            if born or married:
                found[cid] = (born, married)
        return found

    def _owner_surnames(self, owner: str, relative: str) -> set[str]:
        """The surnames ``owner``'s ``relative`` may go by: a woman's father or brother has
        the name she was born with, her husband or child the one she married into."""
        born, married = self._surnames.get(owner, (set(), set()))
        if relative in ("father", "mother", "brother", "sister"):
            return born
        if relative in ("husband", "son", "daughter"):
            return married or born
        return born | married

    def _is_full_name(self, character: str, phrase: str) -> bool:
        names = self._names_by_char.get(character, [])
        words = _without_determiner(phrase)
        return bool(words) and words in {_without_determiner(n) for n in names}

    def recent_actor(self, info: QuoteInfo, gender: str, reach: int = 4000) -> str | None:
        """Who a "he said" / "she said" tag most likely means: the latest character of that
        gender to act on stage, as the subject of narration that is not backstory or as the
        speaker of an earlier line; else the latest of that gender named at all."""
        offset = info.quote.start
        best, best_at = None, -1
        for m in reversed(self.mentions_between(max(0, offset - reach), offset)):
            if (m.in_quote < 0 and m.subject and not m.backstory
                    and self.gender.get(m.character) == gender):
                best, best_at = m.character, m.start
                break
        for j in range(info.index - 1, -1, -1):
            other = self.infos[j]
            if other.quote.start <= max(best_at, offset - reach):
                break
            if other.rule_speaker is not None and self.gender.get(other.rule_speaker) == gender:
                best = other.rule_speaker
                break
        return best or self.recent_with_gender(offset, gender, reach)

    def recent_with_gender(self, offset: int, gender: str, reach: int = 4000) -> str | None:
        for m in reversed(self.mentions_between(max(0, offset - reach), offset)):
            if m.in_quote < 0 and not m.backstory and self.gender.get(m.character) == gender:
                return m.character
        return None

    def last_narration_mention(self, character: str, offset: int) -> Mention | None:
        starts = self.narration_starts.get(character)
        if not starts:
            return None
        k = bisect.bisect_left(starts, offset) - 1
        return self.narration_by_char[character][k] if k >= 0 else None

    def next_narration_mention(self, character: str, offset: int) -> Mention | None:
        starts = self.narration_starts.get(character)
        if not starts:
            return None
        k = bisect.bisect_left(starts, offset)
        return self.narration_by_char[character][k] if k < len(starts) else None

    def is_first_person_tag(self, info: QuoteInfo) -> bool:
        return any(t.kind == "pronoun" and t.pronoun in FIRST_PERSON for t in info.tags)

    @cached_property
    def quote_words(self) -> sparse.csr_matrix | None:
        """The words of each speech quotation, counted once for every pass's voices."""
        return word_counts([quote.text_in(self.text) for quote in self.speech])
