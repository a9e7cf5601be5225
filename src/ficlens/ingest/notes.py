"""Author's notes, disclaimers and framing lines at the start or end of a chapter.

A note is a block of whole paragraphs at the very start or very end of a chapter. Marking
story text as a note is worse than missing a note, so a block must *open* with a clear sign:

* an explicit marker: ``A/N``, ``AN:``, ``Author's note``, ``Note:``, ``Disclaimer``;
* a phrase only notes use: ``I don't own ...``, ``Please review``, ``Reviews make me write
  faster``, ``Thanks for all the reviews``, ``Thanks to my beta``;
* header fields at the top of a work (``Title:``, ``Rating:``, ``Pairing:``, ``Summary:``);
* at the very start of the work only: one short framing paragraph (``This is placed three
  years in the past``, ``Set after season 6``, ``AU``, ``Oneshot``, ``Spoilers for ...``).

A marked block may run on over the next paragraphs while they read as the author talking
(first or second person plus author-talk cues such as "this chapter", "review", "I hope you
enjoy", "my beta") and no scene break or wider blank gap intervenes. Those extra paragraphs
are kept only when the paragraph after them is a clear story start (wider gap, scene break,
dialogue, or third-person narration without "I"); otherwise the note is cut back to its
marked paragraph, since a first-person story would read much like its author.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ficlens.ingest.segment_config import tunables

_QUOTES = "\"“”«»"
_OPENS_WITH_QUOTE = re.compile(r"^[\s*_~(\[]*[\"“”'‘«]")
_QUOTED = re.compile(r"\"[^\"\n]*\"|“[^”\n]*”|«[^»\n]*»")
_DECOR = r"^[\s(\[{*_~<>\-=#|]*"

_MARKERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("author_note", re.compile(
        _DECOR + r"(?:A\s?/\s?N|A\.\s?N\.|authors?['’]?s?\s+notes?)\b", re.IGNORECASE)),
    ("author_note", re.compile(_DECOR + r"AN\s*[:\-–—]")),
    ("author_note", re.compile(_DECOR + r"(?:N\s?/\s?A|notes?)\s*[:\-–—]", re.IGNORECASE)),
    ("disclaimer", re.compile(
        # "I don't own a car" opens first-person stories: the owned thing must be the
        # fandom (a capitalised title) or the characters
        _DECOR + r"(?:disclaimer\b|I\s+own\s+nothing\b|I\s+(?:do\s+not|don['’]?t|dont)\s+own"
        r"\s+(?:anything|any\s+of|the\s+characters|these\s+characters|them\b|(?-i:[A-Z])))",
        re.IGNORECASE)),
    ("review_request", re.compile(
        _DECOR + r"(?:please\s+(?:read\s+and\s+)?review|R\s?&\s?R\b|review\s+please"
        r"|reviews?\s+(?:make|are\s+love|keep|please|would)|leave\s+(?:a\s+)?reviews?"
        r"|let\s+me\s+know\s+what\s+you\s+(?:all\s+)?think)", re.IGNORECASE)),
    ("thanks", re.compile(
        _DECOR + r"(?:thanks|thank\s+you)\b[^.!?\n]{0,60}?\b(?:reviews?|reviewers|reading"
        r"|beta|comments?|kudos|favou?rites?|follows?|alerts?|readers?)\b", re.IGNORECASE)),
    ("summary", re.compile(_DECOR + r"summary\s*:", re.IGNORECASE)),
    ("warning", re.compile(_DECOR + r"warnings?\s*:", re.IGNORECASE)),
)
_HEADER_FIELD = re.compile(
    _DECOR + r"(?:title|author|rating|pairings?|genres?|fandoms?|characters|spoilers"
    r"|word\s*count|words|status|category|timeline|beta(?:\s*reader)?)\s*:"
    r"|the\s+project\s+gutenberg\s+e-?book\b",
    re.IGNORECASE,
)
_FRAMING = re.compile(
    r"^\W*(?:this\s+(?:story\s+|fic\s+|one-?shot\s+|chapter\s+)?(?:is|was)\s+(?:placed|set)\b"
    r"|(?:this\s+(?:story\s+|fic\s+)?)?takes\s+place\b|set\s+(?:after|before|during)\b"
    r"|spoilers?\b|(?-i:AU)\b|alternate\s+universe\b|one-?shot\b|songfic\b|(?:the\s+)?story\s+so\s+far"
    r"|previously\s+(?:on|in)\b)"
    r"|\btakes\s+place\s+(?:after|before|during|right|\w+\s+years)\b"
    r"|\bis\s+set\s+(?:after|before|during)\b",
    re.IGNORECASE,
)
_FIRST_PERSON = re.compile(r"\b(?:I|I['’](?:m|ve|d|ll)|me|my|mine|myself)\b")
_SECOND_PERSON = re.compile(r"\b(?:you|your|you['’](?:re|ll|ve)|y['’]all)\b", re.IGNORECASE)
_THIRD_PERSON = re.compile(r"\b(?:he|she|him|his|her|hers|himself|herself)\b", re.IGNORECASE)
_AUTHOR_CUES = re.compile(
    r"\b(?:this\s+(?:chapter|story|fic|part|one)|one-?shot|two-?shot|fics?|fanfic(?:tion)?"
    r"|fan\s+fiction|review(?:s|ed|ing|ers?)?|readers?|beta(?:s|'d|ed)?|updat(?:e|es|ed|ing)"
    r"|chapters?|enjoy(?:ed)?|I\s+hope|writ(?:e|ing|ten)|wrote|post(?:ed|ing)?"
    r"|author['’]?s\s+note|disclaimer|season\s+\d+|episodes?|spoilers?|canon|AU|OOC|songfic"
    r"|lyrics|feedback|comments|kudos|thanks|thank\s+you|you\s+guys|hint)\b",
    re.IGNORECASE,
)
_NOTE_ONLY_CUES = re.compile(
    r"\b(?:next\s+chapter|last\s+chapter|updat(?:e|es|ed|ing)|reviews?|reviewers|one-?shot"
    r"|fics?|fanfic|beta|readers|author['’]?s\s+note|disclaimer|kudos|cliffhanger)\b",
    re.IGNORECASE,
)
_CHATTY = re.compile(r"(?:!\?|\?!|!!|:\)|;\)|:D|:P|<3|\blol\b|\bhaha|\bhonestly\?|\bxx+\b)",
                     re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?…]")
_END_MARK = re.compile(
    r"^\W*(?:the\s+end|fin|end|tbc|to\s+be\s+continued|end\s+of\s+chapter(?:\s+\w+)?)\W*$",
    re.IGNORECASE,
)


@dataclass(slots=True)
class Paragraph:
    """One story-text paragraph of a chapter, as the note finder sees it."""

    text: str
    blank_lines_before: int
    break_before: bool = False  # a scene break, POV label or heading right before it


@dataclass(slots=True)
class NoteRun:
    first: int  # index of its first paragraph
    last: int  # index of its last paragraph (inclusive)
    kind: str
    confidence: float


# -- what one paragraph says ------------------------------------------------------------
def opening_kind(text: str, at_work_start: bool = False) -> str | None:
    """The note kind a paragraph opening like this starts, or None."""
    for kind, pattern in _MARKERS:
        if pattern.match(text):
            return kind
    if at_work_start and _HEADER_FIELD.match(text):
        return "header"
    return None


def is_framing(text: str) -> bool:
    """A short scene-setting line such as 'This is set two winters before the flood'."""
    return (
        len(text.split()) <= tunables().max_framing_words
        and not any(q in text for q in _QUOTES)
        and _FRAMING.search(text) is not None
    )


def _outside_quotes(text: str) -> str:
    return _QUOTED.sub(" ", text)


def reads_as_author_talk(text: str) -> bool:
    """First/second person with author-talk cues, and more about 'I' than about 'he/she';
    or, with no he/she at all, words only notes use ('Next chapter will be up soon')."""
    if _OPENS_WITH_QUOTE.match(text):
        return False
    plain = _outside_quotes(text)
    persons = len(_FIRST_PERSON.findall(plain)) + len(_SECOND_PERSON.findall(plain))
    cues = len(_AUTHOR_CUES.findall(plain)) + len(_CHATTY.findall(plain))
    third = len(_THIRD_PERSON.findall(plain))
    if persons >= 1 and cues >= 1 and third <= persons + cues:
        return True
    return third == 0 and _NOTE_ONLY_CUES.search(plain) is not None


def reads_as_story(text: str) -> bool:
    """Dialogue, or narration about he/she with no 'I' outside the quotes."""
    if _OPENS_WITH_QUOTE.match(text):
        return True
    plain = _outside_quotes(text)
    return not _FIRST_PERSON.search(plain) and _THIRD_PERSON.search(plain) is not None


def looks_like_title(text: str) -> bool:
    return (
        len(text.split()) <= tunables().max_title_words
        and not _SENTENCE_END.search(text[-1:])
        and not _OPENS_WITH_QUOTE.match(text)
    )


# -- where notes start and end ------------------------------------------------------------
def _confidence(kind: str) -> float:
    return {"framing": 0.7, "review_request": 0.85, "thanks": 0.85, "header": 0.9}.get(kind, 0.95)


def _run_on(paras: Sequence[Paragraph], first: int, usual_gap: int, work_start: bool) -> int:
    """Index of the last paragraph of a marked note starting at ``first``."""
    last = first
    while last + 1 < len(paras) and last - first < tunables().max_continuation:
        nxt = paras[last + 1]
        if nxt.break_before or nxt.blank_lines_before > usual_gap:
            break
        if opening_kind(nxt.text, work_start) or not reads_as_author_talk(nxt.text):
            break
        last += 1
    if last > first and not _clear_story_start(paras, last + 1, usual_gap):
        return first
    return last


def _clear_story_start(paras: Sequence[Paragraph], index: int, usual_gap: int) -> bool:
    if index >= len(paras):
        return True
    para = paras[index]
    return para.break_before or para.blank_lines_before > usual_gap or reads_as_story(para.text)


def _first_candidate(paras: Sequence[Paragraph], work_start: bool) -> int:
    """Skip a title or byline that may stand above an opening note."""
    index = 0
    while (
        index < min(len(paras), 3)
        and looks_like_title(paras[index].text)
        and not opening_kind(paras[index].text, work_start)
    ):
        index += 1
    if index < len(paras) and opening_kind(paras[index].text, work_start):
        return index
    return 0


def leading_notes(
    paras: Sequence[Paragraph], usual_gap: int, work_start: bool = False
) -> list[NoteRun]:
    """Notes at the start of a chapter (``work_start``: the chapter opens the work)."""
    runs: list[NoteRun] = []
    index = _first_candidate(paras, work_start)
    if work_start and index == 0 and paras and is_framing(paras[0].text):
        runs.append(NoteRun(0, 0, "framing", _confidence("framing")))
        index = 1
    while index < len(paras):
        kind = opening_kind(paras[index].text, work_start)
        if kind is None or (index > 0 and paras[index].break_before):
            break
        last = _run_on(paras, index, usual_gap, work_start)
        if kind == "header" and runs and runs[-1].kind == "header" and runs[-1].last == index - 1:
            runs[-1].last = last  # consecutive header fields make one header
        else:
            runs.append(NoteRun(index, last, kind, _confidence(kind)))
        index = last + 1
    return runs


def trailing_notes(paras: Sequence[Paragraph]) -> list[NoteRun]:
    """Notes at the end of a chapter: the marked paragraphs of its note-like tail."""
    end = len(paras)
    while end > 0 and _END_MARK.match(paras[end - 1].text):
        end -= 1  # "The End" / "TBC" after a note belongs to neither
    paras = paras[:end]
    start = len(paras)
    while start > 0 and len(paras) - start <= tunables().max_continuation:
        text = paras[start - 1].text
        if not (opening_kind(text) or reads_as_author_talk(text)):
            break
        start -= 1
    runs: list[NoteRun] = []
    extending = False
    for index in range(start, len(paras)):
        kind = opening_kind(paras[index].text)
        if kind is not None:
            runs.append(NoteRun(index, index, kind, _confidence(kind)))
            extending = True
        elif extending and not paras[index].break_before:
            runs[-1].last = index
        else:
            extending = False
    return runs
