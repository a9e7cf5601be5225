"""Finding quotations in the text: quote marks paired paragraph by paragraph.

The marks themselves are paired by the one quote-mark scanner, ``ficlens.text.quotemarks``
(a *piece* is one stretch between an opening and a closing mark, marks included). Pieces of
one paragraph that are separated only by narration (``"Yeah," he laughed, "we can."``) form
one quotation; a speech left open at the end of a paragraph continues when the next
paragraph opens with a mark (the multi-paragraph convention).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ficlens.quotes.config import tunables
from ficlens.text.quotemarks import (
    DOUBLE_MARKS,
    SINGLE_MARKS,
    Piece,
    document_style,
    paragraph_pieces,
)

_SPEECH_TAG_AFTER = re.compile(
    r"^[\s,;:—–-]*(?:\w+\s+){0,3}?(?:said|says|asked|replied|cried|answered|exclaimed|"
    r"whispered|shouted|called|muttered|murmured|added|continued|returned|observed|"
    r"remarked|repeated|laughed|sighed|snapped|yelled|told|began|went on|inquired|"
    r"enquired|retorted|rejoined|responded|demanded|interrupted|explained|declared)\b",
    re.IGNORECASE,
)


@dataclass(slots=True)
class Quotation:
    """A quotation found in the text: its pieces (marks included) and what kind it is."""

    parts: list[tuple[int, int]]
    closed: bool = True
    speech: bool = True
    paragraph: int = 0  # index of the paragraph holding the first piece
    last_paragraph: int = 0
    style: str = "double"
    notes: list[str] = field(default_factory=list)

    @property
    def start(self) -> int:
        return self.parts[0][0]

    @property
    def end(self) -> int:
        return self.parts[-1][1]

    def text_in(self, text: str) -> str:
        """Its pieces (marks included) joined by a space, the narration between left out."""
        return " ".join(text[start:end] for start, end in self.parts)


def _starts_with_mark(text: str, start: int, end: int, marks: str) -> bool:
    return start < end and text[start] in marks


def _tag_follows(text: str, piece_end: int, para_end: int) -> bool:
    return bool(_SPEECH_TAG_AFTER.match(text[piece_end : min(para_end, piece_end + 60)]))


_LEAD_IN = re.compile(
    r"[.!?;]\s+[^.!?;]*\b(?:said|says|say|asked|replied|cried|answered|spoke|saying|"
    r"reply|answer|declaration|remark|exclaimed|added|began|observed|called)\b[^.!?;]*$",
    re.IGNORECASE,
)
# '"...", and Tony would say, "..."' / '"Wait..." Tomas whispered, and Margot interrupted.
# "Listen..."': a clause with a subject of its own that leads into the next piece.
_AND_LEAD_IN = re.compile(
    r"\b(?:and|but)\s+(?:\w+\s+){1,3}?(?:would\s+)?(?:said|say|asked|ask|replied|reply|"
    r"cried|answered|exclaimed|added|began|observed|called|interrupted|whispered|shouted|"
    r"continued|returned|retorted|demanded)\b[^.!?;\"“”]*[.,:]?\s*$",
    re.IGNORECASE,
)


def _new_speech_leads_in(text: str, piece_end: int, next_start: int) -> bool:
    """Narration between two pieces that ends one speech and introduces another. A speech
    that ends its sentence ('"... Ask the cook." And he replied, "Not yet."') lets the
    narration start a new one, which then leads into the next piece."""
    gap = text[piece_end:next_start]
    if len(gap) > tunables().long_gap or _LEAD_IN.search(gap) or _AND_LEAD_IN.search(gap):
        return True
    ends_sentence = text[piece_end - 2 : piece_end - 1] in (".", "!", "?")
    return ends_sentence and gap.strip()[:1].isupper() and bool(_LEAD_IN.search("." + gap))


def _group_pieces(
    text: str, pieces: list[Piece], para_end: int
) -> list[list[Piece]]:
    """Pieces of one paragraph into quotations: split only where a second tag shows a turn."""
    groups: list[list[Piece]] = []
    group_has_tag = False
    for piece in pieces:
        tagged = _tag_follows(text, piece[1], para_end)
        if groups and _new_speech_leads_in(text, groups[-1][-1][1], piece[0]):
            groups.append([piece])
            group_has_tag = tagged
            continue
        if groups and not (group_has_tag and tagged):
            groups[-1].append(piece)
        else:
            groups.append([piece])
            group_has_tag = False
        group_has_tag = group_has_tag or tagged
    return groups


def find_quotations(text: str, paragraphs: list[tuple[int, int]]) -> list[Quotation]:
    """Every quotation in ``text``, in order."""
    style = document_style(text)
    marks = SINGLE_MARKS if style == "single" else DOUBLE_MARKS
    quotations: list[Quotation] = []
    pending: Quotation | None = None  # a speech left open at its paragraph's end
    for p_index, (start, end) in enumerate(paragraphs):
        pieces = paragraph_pieces(text, start, end, style)
        if pending is not None:
            continues = (
                pieces
                and pieces[0][0] == start
                and _starts_with_mark(text, start, end, marks + "'‘")
            )
            if continues:
                first = pieces.pop(0)
                pending.parts.append((first[0], first[1]))
                pending.last_paragraph = p_index
                pending.closed = first[2]
                if first[2] or pieces:
                    pending = None
            else:
                pending = None
        scare = [p for p in pieces if looks_like_non_speech(text, p)]
        speech = [p for p in pieces if p not in scare]
        for piece in scare:
            quotations.append(
                Quotation([piece[:2]], speech=False, paragraph=p_index, last_paragraph=p_index)
            )
        for group in _group_pieces(text, speech, end):
            quote = Quotation(
                parts=[(s, e) for s, e, _ in group],
                closed=group[-1][2],
                paragraph=p_index,
                last_paragraph=p_index,
                style=style,
            )
            quotations.append(quote)
            if not quote.closed:
                pending = quote
    quotations.sort(key=lambda q: q.start)
    return quotations


_TERMINAL = ".!?,;:…—–-"


def looks_like_non_speech(text: str, piece: Piece) -> bool:
    """Scare quotes, titles, signs: short, mid-sentence, untagged, no closing punctuation."""
    start, end, closed = piece
    if not closed:
        return False
    inner = text[start + 1 : end - 1].strip()
    if not inner or len(inner.split()) > 5 or inner[-1] in _TERMINAL:
        return False
    before = text[max(0, start - 40) : start].rstrip()
    if not before or not before[-1].isalnum():
        return False  # after , or : or at a paragraph start, it is someone speaking
    if re.search(r"\b(?:said|says|say|asked|cried|called|shouted|whispered)$", before):
        return False
    return not _SPEECH_TAG_AFTER.match(text[end : end + 60])
