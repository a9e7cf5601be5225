"""Dialogue quoted in a work's summary: an excerpt of a scene the story tells.

AO3 summaries often open with a few lines of the chapter's dialogue. The summary is no
story text (no characters are read from it), but its lines are the story's own: a
quotation there that repeats a story quotation word for word is given that quotation's
speaker, addressee and type (found on the fan-fiction dev set, where two of eleven
summaries quote the chapter).
"""

from __future__ import annotations

from ficlens.document import Span, Work
from ficlens.quotes.detect import Quotation, find_quotations

SUMMARY = "summary"


def _summary_paragraphs(work: Work) -> list[tuple[int, int]]:
    summaries = [(s.start, s.end) for s in work.layer("markup_notes") if s.get("kind") == SUMMARY]
    if not summaries:
        return []
    return [(p.start, p.end) for p in work.layer("paragraphs")
            if any(s <= p.start and p.end <= e for s, e in summaries)]


_MARKS = str.maketrans({"“": None, "”": None, '"': None, "’": "'", "‘": "'"})


def _key(text: str) -> str:
    """The words of a quotation, whatever its marks (the summary may be typed apart)."""
    return " ".join(text.translate(_MARKS).split())


def excerpt_spans(work: Work, story: list[tuple[Quotation, Span]]) -> list[Span]:
    """Quotation spans for the summary's speech that repeats a story quotation, with the
    attributes of that quotation's span (and ``excerpt`` true); ``story``: each story
    quotation with its span."""
    paragraphs = _summary_paragraphs(work)
    if not paragraphs:
        return []
    by_text: dict[str, Span] = {}
    for quote, span in story:
        if quote.speech:
            by_text.setdefault(_key(quote.text_in(work.text)), span)
    spans = []
    for quote in find_quotations(work.text, paragraphs):
        source = by_text.get(_key(quote.text_in(work.text))) if quote.speech else None
        if source is None:
            continue
        attrs = dict(source.attrs) | {
            "text": quote.text_in(work.text),
            "parts": [[s, e] for s, e in quote.parts],
            "excerpt": True,
        }
        spans.append(Span(quote.start, quote.end, attrs))
    return spans
