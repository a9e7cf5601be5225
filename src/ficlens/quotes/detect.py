"""Finding quotations in the text: quote marks paired paragraph by paragraph.

A *piece* is one stretch between an opening and a closing mark (marks included). Pieces of
one paragraph that are separated only by narration (``"Yeah," he laughed, "we can."``) form
one quotation; a speech left open at the end of a paragraph continues when the next
paragraph opens with a mark (the multi-paragraph convention). An opening mark that is never
closed ends at its paragraph's end, so a stray mark cannot swallow the rest of a book.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

DOUBLE_MARKS = '"“”«»„'
SINGLE_MARKS = "'‘’"
_OPENERS = "([{—–-/\u2014"
_ELISIONS = frozenset(
    [
        "em",
        "tis",
        "twas",
        "twere",
        "til",
        "till",
        "cause",
        "bout",
        "round",
        "n",
        "s",
        "ere",
        "neath",
        "gainst",
        "nother",
        "un",
        "im",
    ]
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


def _is_space(ch: str) -> bool:
    return ch == "" or ch.isspace()


def _orientation(text: str, i: int, start: int, end: int) -> str:
    """'open', 'close' or 'either' for the mark at ``text[i]``, from its surroundings."""
    left = text[i - 1] if i > start else ""
    right = text[i + 1] if i + 1 < end else ""
    left_free = _is_space(left) or left in _OPENERS
    right_free = _is_space(right) or right in ".,;:!?)]}—–"
    if left_free and not _is_space(right):
        return "open"
    if right_free and not _is_space(left):
        return "close"
    mark = text[i]
    if mark in "“‘«„":
        return "open"
    if mark in "”’»":
        return "close"
    return "either"


def _single_role(text: str, i: int, start: int, end: int) -> str:
    """For a single-quote glyph: 'open', 'close', 'possessive' (maybe closing) or 'apostrophe'."""
    left = text[i - 1] if i > start else ""
    right = text[i + 1] if i + 1 < end else ""
    if left.isalnum() and right.isalnum():
        return "apostrophe"  # don't, O'Brien
    orient = _orientation(text, i, start, end)
    if orient == "open":
        word = re.match(r"[A-Za-z]+", text[i + 1 : min(end, i + 12)])
        if word and word.group(0).lower() in _ELISIONS and text[i] != "‘":
            return "apostrophe"  # 'em, 'tis, 'cause
        return "open"
    if orient == "close":
        if left in "sS" and re.match(r"\s+[a-z]", text[i + 1 : i + 4]):
            return "possessive"  # the boys' room ... (closing only if nothing better)
        return "close"
    return "apostrophe" if text[i] == "’" else "either"


def _pair_double(text: str, start: int, end: int) -> list[tuple[int, int, bool]]:
    """Pieces (start, end, closed) from the double marks of one paragraph."""
    pieces: list[tuple[int, int, bool]] = []
    open_at: int | None = None
    for i in range(start, end):
        if text[i] not in DOUBLE_MARKS:
            continue
        orient = _orientation(text, i, start, end)
        if open_at is None:
            if orient != "close":
                open_at = i
            continue
        if orient == "open" and i > open_at + 1:
            # An unclosed piece followed by a new opening: recover by closing the old one
            # at the end of its text so the new one starts cleanly.
            pieces.append((open_at, _trim_end(text, open_at, i), False))
            open_at = i
            continue
        pieces.append((open_at, i + 1, True))
        open_at = None
    if open_at is not None:
        pieces.append((open_at, end, False))
    return pieces


def _pair_single(text: str, start: int, end: int) -> list[tuple[int, int, bool]]:
    """Pieces from single marks, telling apostrophes from quote marks."""
    roles = [
        (i, _single_role(text, i, start, end)) for i in range(start, end) if text[i] in SINGLE_MARKS
    ]
    roles = [(i, r) for i, r in roles if r != "apostrophe"]
    pieces: list[tuple[int, int, bool]] = []
    open_at: int | None = None
    for k, (i, role) in enumerate(roles):
        if open_at is None:
            if role in ("open", "either"):
                open_at = i
            continue
        if role == "open":
            continue  # a nested or elided mark; singles rarely recover well by reopening
        if role == "possessive" and any(r in ("close", "either") for _, r in roles[k + 1 :]):
            continue
        pieces.append((open_at, i + 1, True))
        open_at = None
    if open_at is not None:
        pieces.append((open_at, end, False))
    return pieces


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start + 1 and text[end - 1].isspace():
        end -= 1
    return end


def document_style(text: str) -> str:
    """'double' or 'single': which marks this text uses for dialogue."""
    doubles = sum(text.count(m) for m in DOUBLE_MARKS)
    single_opens = len(re.findall(r"(?:^|(?<=\s))[‘'](?=[A-Z])", text))
    return "single" if single_opens > max(doubles, 4) else "double"


def _starts_with_mark(text: str, start: int, end: int, marks: str) -> bool:
    return start < end and text[start] in marks


def _tag_follows(text: str, piece_end: int, para_end: int) -> bool:
    return bool(_SPEECH_TAG_AFTER.match(text[piece_end : min(para_end, piece_end + 60)]))


_LEAD_IN = re.compile(
    r"[.!?;]\s+[^.!?;]*\b(?:said|says|say|asked|replied|cried|answered|spoke|saying|"
    r"reply|answer|declaration|remark|exclaimed|added|began|observed|called)\b[^.!?;]*$",
    re.IGNORECASE,
)
LONG_GAP = 250
# '"...", and Tony would say, "..."' / '"Peyton..." Lucas whispered, and Peyton interrupted.
# "Listen..."': a clause with a subject of its own that leads into the next piece.
_AND_LEAD_IN = re.compile(
    r"\b(?:and|but)\s+(?:\w+\s+){1,3}?(?:would\s+)?(?:said|say|asked|ask|replied|reply|"
    r"cried|answered|exclaimed|added|began|observed|called|interrupted|whispered|shouted|"
    r"continued|returned|retorted|demanded)\b[^.!?;\"“”]*[.,:]?\s*$",
    re.IGNORECASE,
)


def _new_speech_leads_in(text: str, piece_end: int, next_start: int) -> bool:
    """Narration between two pieces that ends one speech and introduces another. A speech
    that ends its sentence ('"... Ask the men." And she replied, "Just now."') lets the
    narration start a new one, which then leads into the next piece."""
    gap = text[piece_end:next_start]
    if len(gap) > LONG_GAP or _LEAD_IN.search(gap) or _AND_LEAD_IN.search(gap):
        return True
    ends_sentence = text[piece_end - 2 : piece_end - 1] in (".", "!", "?")
    return ends_sentence and gap.strip()[:1].isupper() and bool(_LEAD_IN.search("." + gap))


def _group_pieces(
    text: str, pieces: list[tuple[int, int, bool]], para_end: int
) -> list[list[tuple[int, int, bool]]]:
    """Pieces of one paragraph into quotations: split only where a second tag shows a turn."""
    groups: list[list[tuple[int, int, bool]]] = []
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
        if style == "single":
            pieces = _pair_single(text, start, end)
        else:
            pieces = _pair_double(text, start, end)
            if not pieces and _starts_with_mark(text, start, end, "'‘"):
                pieces = _pair_single(text, start, end)
        pieces = [p for p in pieces if p[1] - p[0] > 1]
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


def looks_like_non_speech(text: str, piece: tuple[int, int, bool]) -> bool:
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
