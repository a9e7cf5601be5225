"""Relation types from what the text says: "his wife", "her brother", kisses, "I love you".

Four kinds of cue:

* **role phrases**, a possessor and a kin or partner noun ("his wife", "Tobin's mom",
  "her ex-boyfriend"): the possessor is the character the possessive refers to in the
  reading (:mod:`readings`; "my"/"your" inside a speech quote are its speaker/addressee)
  and the role-holder is the character named in apposition ("his wife, Wren", but not
  "her father, Denham made no comment"), before a copula ("Wren was his wife") or tagged
  as the phrase itself by the mentions layer; an unnamed "his wife" pairs nobody;
* **touch events** ("kissed", "held her hand"): the two characters referred to nearest the
  cue in its sentence, one before it (its likely subject: not the object of a preposition)
  and one after it when possible; a kiss on the cheek, hand or forehead is a ``peck``;
* **status events** ("in love with", "married to", "engaged to", "dating", "broke up
  with", "best friends"): only with the partner spelled out after the cue or as "A and B"
  before it;
* **declarations** in a speech quote ("I love you", "marry me", "kiss me", "babe"): its
  speaker and addressee (or, without an addressee, the other speaker of the neighbouring
  line), weighted by the quote attribution's confidence.

A ``parent`` / ``child`` type reads along the sorted pair: ``parent`` means the first id is
the parent of the second. Each cue keeps its offsets so a reader can check it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ficlens.coref.readings import QuoteIndex, Ref, quote_parts
from ficlens.document import LayerView, Span, Work
from ficlens.lexicon import kin_terms
from ficlens.relations.interactions import Pair, pair_of
from ficlens.relations.readings import Reading

# role noun -> (relation type, gender of the role-holder or None)
ROLES: dict[str, tuple[str, str | None]] = {
    "wife": ("married", "F"), "husband": ("married", "M"),
    "fiancee": ("engaged", "F"), "fiancée": ("engaged", "F"),
    "fiance": ("engaged", "M"), "fiancé": ("engaged", "M"),
    "girlfriend": ("dating", "F"), "boyfriend": ("dating", "M"),
    "ex-girlfriend": ("exes", "F"), "ex-wife": ("exes", "F"), "ex-fiancée": ("exes", "F"),
    "ex-boyfriend": ("exes", "M"), "ex-husband": ("exes", "M"), "ex-fiancé": ("exes", "M"),
    "ex": ("exes", None), "lover": ("romantic", None),
    "brother": ("siblings", "M"), "sister": ("siblings", "F"), "twin": ("siblings", None),
    "mom": ("parent", "F"), "mother": ("parent", "F"), "mum": ("parent", "F"),
    "mommy": ("parent", "F"), "dad": ("parent", "M"), "father": ("parent", "M"),
    "daddy": ("parent", "M"),
    "son": ("child", "M"), "daughter": ("child", "F"),
    "friend": ("friends", None),
    "colleague": ("colleagues", None), "coworker": ("colleagues", None),
    "co-worker": ("colleagues", None), "boss": ("colleagues", None),
    "teammate": ("colleagues", None), "assistant": ("colleagues", None),
}  # fmt: skip
_MODIFIERS = (
    r"new|own|little|big|older|younger|baby|late|future|soon-to-be|beautiful|lovely|current"
    r"|former|old|best|dear|closest|oldest|twin|step|half|pregnant"
)
_ROLE_PHRASE = re.compile(
    r"(?P<owner>\b(?:[Hh]is|[Hh]er|[Mm]y|[Yy]our)\b|\b[A-Z][\w-]*(?:'s|’s))\s+"
    rf"(?P<mods>(?:(?:{_MODIFIERS})[\s-]+){{0,2}})"
    r"(?P<role>" + "|".join(sorted(map(re.escape, ROLES), key=len, reverse=True)) + r")\b"
)
# Events whose two participants are whoever is referred to nearest, in the same sentence:
# pattern -> (relation type, cue kind).
TOUCH_EVENTS: list[tuple[re.Pattern[str], str, str]] = [
    (re.compile(r"\bkiss(?:es|ed|ing)?\b(?!\s+me\b)", re.I), "romantic", "kiss"),
    (
        re.compile(
            r"\b(?:hold|holds|held|holding|took|takes|taking|grabbed|squeezed|laced|lacing"
            r"|intertwined)\s+(?:\w+\s+)?hands?\b",
            re.I,
        ),
        "romantic",
        "hands",
    ),
]
# Status events need their partner spelled out ("married to Wren", "Corin and Wren got
# married", "in love with him"): "she was married to another man" or "is she in love with
# anyone?" must not pair her with whoever is nearby.
STATUS_EVENTS: list[tuple[re.Pattern[str], str, str]] = [
    (re.compile(r"\bin love with\b|\bfell for\b|\bfalling for\b", re.I), "romantic", "in_love"),
    # infatuation idioms, the partner after them: "a crush on him", "getting sappy over Bo"
    (
        re.compile(
            r"\b(?:(?:a |the )?crush on|sappy (?:over|about)|pin(?:e|es|ed|ing) (?:for|after|over)"
            r"|(?:swoon|moon)(?:s|ed|ing)? over|smitten with|head over heels (?:for|with)"
            r"|sweet on|heart eyes (?:at|for)|(?:has|had|have|having) a thing for)\b",
            re.I,
        ),
        "romantic",
        "crush",
    ),
    # "married" / "wed" state a fact; "marry" and "marrying" are plans or wishes ("she thinks
    # you're coming back to marry me"), not a marriage.
    (re.compile(r"\b(?:married|wed)(?:\s+to)?\b", re.I), "married", "married"),
    (re.compile(r"\b(?:engaged|proposed)(?:\s+to)?\b", re.I), "engaged", "proposal"),
    (
        re.compile(r"\b(?:dating|dated|went out with|going out with|goes out with)\b", re.I),
        "dating",
        "dating",
    ),
    (
        re.compile(r"\b(?:broke up|breaking up|break up)\s+with\b|\bdivorc(?:ed|ing)\b", re.I),
        "exes",
        "breakup",
    ),
    (re.compile(r"\bbest friends(?:\s+with)?\b", re.I), "friends", "friends"),
]
# Said in a speech quote, from its speaker to its addressee.
DECLARATIONS: list[tuple[re.Pattern[str], str, str]] = [
    (
        re.compile(r"\bI love you\b|\bI'm in love with you\b|\bI am in love with you\b", re.I),
        "romantic",
        "i_love_you",
    ),
    # a proposal asks: "Will you marry me?", "Marry me?"
    (re.compile(r"\b(?:(?:will|would|won't) you\s+)?marry me\s*\?", re.I), "engaged", "proposal"),
    (re.compile(r"\bkiss me\b", re.I), "romantic", "kiss"),
    (
        re.compile(r"\b(?:my love|sweetheart|darling|babe|honey)\b", re.I),
        "romantic",
        "endearment",
    ),
]
# Parent and child words of the kin lexicon, said as a name: set off by punctuation or
# opening or closing the quotation ("Mom, where are you?", "Come here, son.").
_PARENT_AND_CHILD_WORDS = {
    word: term.relation
    for word, term in kin_terms().items()
    if term.relation in ("parent", "child")
}
_KIN_ADDRESS = re.compile(
    r"(?:^|(?<=[,.!?;:“\"—–]))\s*(?P<word>"
    + "|".join(sorted(_PARENT_AND_CHILD_WORDS, key=len, reverse=True))
    + r")\b(?=\s*(?:[,.!?;:”\"—–]|$))",
    re.I,
)
_POSSESSIVES = frozenset({"his", "my", "your", "their"})
_PREPOSITIONS = frozenset(
    {"to", "with", "at", "for", "from", "of", "by", "about", "on", "into", "towards", "than"}
)
# from a subject to its verb: "'s", auxiliaries and adverbs only
_STRAIGHT_INTO = re.compile(
    r"^(?:'s|’s)?\s+(?:(?:being|was|is|were|are|had|has|have|been|so|much|very|still|not"
    r"|never|already|really|completely|madly|deeply|finally|just|also|then)\s+)*"
    r"(?:kiss|in love|fell|falling|married|marry|marrying|engaged|proposed|dating|dated|went"
    r"|going|goes|broke|break|best|held|hold|took|take|grabbed|squeezed|laced|intertwined)",
    re.I,
)
_LAST_WORD = re.compile(r"(\w+)\W*$")
_PECK = re.compile(
    r"\s+(?:\w+\s+){0,3}?(?:on\s+)?(?:the\s+|his\s+|her\s+|my\s+|your\s+)?"
    r"(?:cheek|hand|forehead|brow|head|hair|temple)s?\b",
    re.I,
)
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_OBJECT_GAP = re.compile(r"^\s*(?:to\s+|with\s+)?$")
_AND = re.compile(r"^\s*(?:and|&)\s*$")
_AUXILIARIES = re.compile(r"^[\s,]*(?:[a-z]+\s+){0,3}$")
_COPULA_GAP = re.compile(
    r"^[\s,]*(?:(?:is|was|had been|has been|became|'s)\s+(?:now\s+|still\s+|also\s+)?)?$"
)


@dataclass(frozen=True, slots=True)
class Cue:
    pair: Pair
    type: str
    start: int
    end: int
    cue: str
    kind: str  # what was seen: "kiss", "i_love_you", "role:wife" ...
    confidence: float = 1.0  # for declarations, the quote attribution's confidence


def find_cues(
    work: Work,
    sentences: list[tuple[int, int]],
    reading: Reading,
    matches: CueMatches,
    gender: dict[str, str | None],
    reply_gap: int,
) -> list[Cue]:
    """Every cue, its participants as ``reading`` resolves them (``gender``: 'M', 'F' or
    None per character id)."""
    context = _Context(work, reading, sentences, matches, gender, reply_gap)
    cues = _role_cues(context)
    taken = sorted((c.start, c.end) for c in cues)
    cues += _event_cues(context, taken)
    cues += _declaration_cues(context)
    cues += _kin_address_cues(context)
    return cues


class _Context:
    """The shared look-ups: references by offset, the sentence of an offset, quotes."""

    def __init__(
        self,
        work: Work,
        reading: Reading,
        sentences: list[tuple[int, int]],
        matches: CueMatches,
        gender: dict[str, str | None],
        reply_gap: int,
    ) -> None:
        self.work = work
        self.reply_gap = reply_gap
        self.matches = matches
        self.refs = LayerView(reading.refs)
        self.sentences = LayerView(sentences)
        self.gender = gender
        self.quotes = QuoteIndex(reading.quotes)
        self._subjects: set[int] | None = None

    def sentence_at(self, offset: int) -> tuple[int, int]:
        sentence = self.sentences.at(offset)
        return sentence if sentence is not None else (offset, offset)

    def refs_between(self, start: int, end: int) -> list[Ref]:
        return list(self.refs.between(start, end))

    def is_subject(self, offset: int) -> bool:
        """Whether the parse makes the word at ``offset`` a clause subject: a name after a
        comma that starts a new clause is no apposition."""
        if self._subjects is None:
            self._subjects = {
                t.start for t in self.work.layer("tokens") if t.attrs.get("dep") in _SUBJECTS
            }
        return offset in self._subjects

    def ref_at(self, start: int, end: int) -> str | None:
        for ref in self.refs_between(start, end):
            if ref.start == start or ref.end == end:
                return ref.character
        return None


def _role_cues(ctx: _Context) -> list[Cue]:
    cues = []
    for match in ctx.matches.roles:
        role = match["role"].lower()
        rel_type, holder_gender = ROLES[role]
        if rel_type in ("married", "engaged", "dating") and re.search(r"former|old", match["mods"]):
            rel_type = "exes"
        owner = _owner(ctx, match)
        if owner is None:
            continue
        holder = _role_holder(ctx, match, owner, holder_gender)
        if holder is None or holder == owner:
            continue
        pair = pair_of(owner, holder)
        if rel_type in ("parent", "child"):
            holder_is_parent = rel_type == "parent"
            first_is_parent = (pair[0] == holder) == holder_is_parent
            rel_type = "parent" if first_is_parent else "child"
        cues.append(Cue(pair, rel_type, match.start(), match.end(), match.group(), f"role:{role}"))
    return cues


def _owner(ctx: _Context, match: re.Match[str]) -> str | None:
    word = match["owner"].lower()
    start, end = match.span("owner")
    if word.endswith(("'s", "’s")):
        return ctx.ref_at(start, end - 2)
    resolved = ctx.ref_at(start, end)
    quote = ctx.quotes.at(start)
    if resolved is None and quote is not None and word in ("my", "your"):
        return quote.get("speaker" if word == "my" else "addressee")
    return resolved


def _role_holder(ctx: _Context, match: re.Match[str], owner: str, gender: str | None) -> str | None:
    role_start, role_end = match.span("role")
    for ref in ctx.refs_between(match.start(), role_end):
        if ref.character != owner and ref.end > role_start:  # e.g. a nominal "his wife"
            return ref.character
    after = ctx.refs_between(match.end(), match.end() + 4)
    if (
        after
        and after[0].kind == "name"
        and not ctx.is_subject(after[0].start)  # "her father, Denham made no comment"
        and _fits(ctx, after[0].character, owner, gender)
    ):
        return after[0].character
    sent_start, _ = ctx.sentence_at(match.start())
    before = [r for r in ctx.refs_between(sent_start, match.start()) if r.end <= match.start()]
    if before and before[-1].kind == "name":
        gap = ctx.work.text[before[-1].end : match.start()]
        if _COPULA_GAP.match(gap) and _fits(ctx, before[-1].character, owner, gender):
            return before[-1].character
    return None


def _fits(ctx: _Context, character: str, owner: str, gender: str | None) -> bool:
    if character == owner:
        return False
    actual = ctx.gender.get(character)
    return gender is None or actual is None or actual == gender


def _event_cues(ctx: _Context, taken: list[tuple[int, int]]) -> list[Cue]:
    phrases = LayerView(taken)
    cues = []
    for touch, rel_type, kind, match in ctx.matches.events:
        if _inside_taken(phrases, match.start(), match.end()):
            continue
        participants = _participants if touch else _partners
        pair = participants(ctx, match.start(), match.end())
        if pair is not None:
            seen = _peck_or(kind, ctx.work.text, match.end())
            cues.append(Cue(pair, rel_type, match.start(), match.end(), match.group(), seen))
    return cues


@dataclass(frozen=True, slots=True)
class CueMatches:
    """Where the cue patterns match the text, found once for both readings."""

    roles: list[re.Match[str]]
    events: list[tuple[bool, str, str, re.Match[str]]]  # (touch?, type, kind, match)


def cue_matches(work: Work) -> CueMatches:
    events = [
        (events is TOUCH_EVENTS, rel_type, kind, match)
        for events in (TOUCH_EVENTS, STATUS_EVENTS)
        for pattern, rel_type, kind in events
        for match in pattern.finditer(work.text)
    ]
    return CueMatches(list(_ROLE_PHRASE.finditer(work.text)), events)


def _peck_or(kind: str, text: str, end: int) -> str:
    """``peck`` for a kiss on the cheek, hand or forehead (friends and family do that)."""
    if kind == "kiss" and _PECK.match(text, end, end + 40):
        return "peck"
    return kind


def _partners(ctx: _Context, start: int, end: int) -> Pair | None:
    """Subject and spelled-out partner of a status event, or the "A and B" before it."""
    sent_start, sent_end = ctx.sentence_at(start)
    refs = ctx.refs_between(sent_start, sent_end)
    before = [r for r in refs if r.end <= start]
    after = [r for r in refs if r.start >= end]
    text = ctx.work.text
    if before and after and _OBJECT_GAP.match(text[end : after[0].start]):
        subject = _subject(ctx, before)
        if subject != after[0].character:
            return pair_of(subject, after[0].character)
    if len(before) >= 2:
        first, second = before[-2], before[-1]
        if (
            _AND.match(text[first.end : second.start])
            and _AUXILIARIES.match(text[second.end : start])
            and first.character != second.character
        ):
            return pair_of(first.character, second.character)
    return None


def _subject(ctx: _Context, before: list[Ref]) -> str:
    """The nearest reference before a cue that can be its subject: not the object of a
    preposition ("grateful to Mrs. Weston, and in love with...") nor a possessive, unless
    it leads straight into the cue ("Mr. Elton's marrying Harriet", "his being in love")."""
    gap = ctx.work.text[before[-1].end : before[-1].end + 80]
    if _STRAIGHT_INTO.match(gap):
        return before[-1].character
    for ref in reversed(before):
        word = ctx.work.text[ref.start : ref.end].lower()
        preceding = _LAST_WORD.search(ctx.work.text, max(0, ref.start - 12), ref.start)
        if word in _POSSESSIVES or (preceding and preceding.group(1).lower() in _PREPOSITIONS):
            continue
        return ref.character
    return before[-1].character


def _inside_taken(phrases: LayerView, start: int, end: int) -> bool:
    """Whether start:end overlaps a role phrase (role phrases do not overlap each other)."""
    i = phrases.first_from(end) - 1  # the last phrase starting before ``end``
    return i >= 0 and start < phrases.ends[i]


def _participants(ctx: _Context, start: int, end: int) -> Pair | None:
    """The two characters nearest the cue in its sentence, one on each side if possible."""
    sent_start, sent_end = ctx.sentence_at(start)
    refs = ctx.refs_between(sent_start, sent_end)
    before = [r for r in refs if r.end <= start]
    after = [r.character for r in refs if r.start >= end]
    if before and after:
        subject = _subject(ctx, before)
        objects = [c for c in after if c != subject]
        if objects:
            return pair_of(subject, objects[0])
    nearest = sorted(refs, key=lambda r: min(abs(r.start - end), abs(r.end - start)))
    distinct = list(dict.fromkeys(r.character for r in nearest))
    if len(distinct) == 1:
        # "Ethan took his hand": one kisses or holds someone else, the last other on stage
        earlier = ctx.refs_between(max(0, sent_start - ctx.reply_gap), sent_start)
        others = [r.character for r in reversed(earlier) if r.character != distinct[0]]
        distinct += others[:1]
    return pair_of(distinct[0], distinct[1]) if len(distinct) >= 2 else None


def _spoken_to(ctx: _Context) -> Iterator[tuple[Span, str, str]]:
    """Each quotation with its speaker and the one it is said to (its addressee, or the
    partner of its exchange), when those are two characters."""
    quotes = ctx.quotes.quotes
    for i, quote in enumerate(quotes):
        speaker = quote.get("speaker")
        addressee = quote.get("addressee") or _turn_partner(quotes, i, ctx.reply_gap)
        if speaker and addressee and addressee != speaker:
            yield quote, str(speaker), str(addressee)


def _declaration_cues(ctx: _Context) -> list[Cue]:
    cues = []
    for quote, speaker, addressee in _spoken_to(ctx):
        pair = pair_of(speaker, addressee)
        confidence = float(quote.get("confidence") or 1.0)
        for pattern, rel_type, kind in DECLARATIONS:
            match = _first_in_pieces(ctx.work.text, pattern, quote)
            if match is not None:
                cues.append(Cue(pair, rel_type, match.start(), match.end(), match.group(),
                                kind, confidence))  # fmt: skip
    return cues


def _kin_address_cues(ctx: _Context) -> list[Cue]:
    """ "Night, Mom.": a parent or child word said to someone as a name makes the speaker and
    the addressee family (issue 20: a mother's goodbye kiss is no romance)."""
    cues = []
    for quote, speaker, addressee in _spoken_to(ctx):
        found = _kin_address(ctx.work.text, quote)
        if found is None:
            continue
        start, end = found
        word = ctx.work.text[start:end]
        pair = pair_of(speaker, addressee)
        addressee_is_parent = _PARENT_AND_CHILD_WORDS[word.lower()] == "parent"
        first_is_parent = (pair[0] == addressee) == addressee_is_parent
        confidence = float(quote.get("confidence") or 1.0)
        cues.append(Cue(pair, "parent" if first_is_parent else "child", start, end, word,
                        "address", confidence))  # fmt: skip
    return cues


def _kin_address(text: str, quote: Span) -> tuple[int, int] | None:
    """Where the quote's own words call someone by a parent or child word."""
    for start, end in quote_parts(quote):
        match = _KIN_ADDRESS.search(text[start:end])
        if match is not None:
            return start + match.start("word"), start + match.end("word")
    return None


def _first_in_pieces(text: str, pattern: re.Pattern[str], quote: Span) -> re.Match[str] | None:
    """The first match inside the quote's own words, not its speech tag."""
    for start, end in quote_parts(quote):
        match = pattern.search(text, start, end)
        if match is not None:
            return match
    return None


def _turn_partner(quotes: list[Span], i: int, reply_gap: int) -> str | None:
    """The other speaker of the neighbouring line, when the quote names no addressee."""
    speaker = quotes[i].get("speaker")
    for j in (i - 1, i + 1):
        if 0 <= j < len(quotes) and abs(quotes[j].start - quotes[i].start) <= reply_gap:
            other = quotes[j].get("speaker")
            if other and other != speaker:
                return str(other)
    return None
