"""Pipeline stage ``quotes``: every quotation, its speaker and addressee.

Adds layer ``quotes`` (one span per quotation including its marks; attrs ``text`` (the
quoted pieces with their marks, joined by a space),
``speech``, ``parts``, ``speaker``, ``addressee``, ``type``, ``confidence``) and layer
``speech_tags`` (attrs ``quote`` = index in ``quotes``, ``verb``, ``subject``, ``kind``,
``position``, ``character``). A quotation of the summary that repeats a story line
(:mod:`ficlens.quotes.excerpts`) carries that line's attrs and ``excerpt`` true.
Speakers are character ids from the ``characters`` table; without one (no characters
stage) every speaker is null.
"""

from __future__ import annotations

from ficlens.document import Span, Work
from ficlens.quotes.attribute import Attribution, attribute, quote_type
from ficlens.quotes.config import DEFAULT, QuotesConfig, tunables
from ficlens.quotes.context import StoryContext
from ficlens.quotes.detect import Quotation, find_quotations
from ficlens.quotes.excerpts import excerpt_spans
from ficlens.quotes.paragraphs import paragraph_bounds
from ficlens.stage import Stage

__all__ = ["STAGE", "QuotesConfig", "analyse_quotes", "run"]


def analyse_quotes(work: Work) -> tuple[list[Quotation], StoryContext, list[Attribution]]:
    """Detect and attribute quotations without writing layers (used by the harness)."""
    paragraphs = paragraph_bounds(work)
    quotations = find_quotations(work.text, paragraphs)
    ctx = StoryContext(work, paragraphs, quotations)
    has_characters = bool(work.tables.get("characters"))
    attributions = attribute(ctx) if has_characters else []
    return quotations, ctx, attributions


def _quote_span(work: Work, quote: Quotation, attribution: Attribution | None) -> Span:
    attrs = {
        "text": quote.text_in(work.text),
        "speech": quote.speech,
        "parts": [[s, e] for s, e in quote.parts],
        "speaker": attribution.speaker if attribution else None,
        "addressee": attribution.addressee if attribution else None,
        "type": attribution.type if attribution else None,
        "confidence": attribution.confidence if attribution else 0.0,
    }
    return Span(quote.start, quote.end, attrs)


def run(work: Work) -> None:
    quotations, ctx, attributions = analyse_quotes(work)
    by_quote = {id(info.quote): k for k, info in enumerate(ctx.infos)}
    spans = []
    tags = []
    story = []
    for quote in quotations:
        k = by_quote.get(id(quote))
        attribution = attributions[k] if k is not None and attributions else None
        span = _quote_span(work, quote, attribution)
        if quote.speech and attribution is None:
            span.attrs["type"] = _type_without_characters(ctx, k)
        spans.append(span)
        story.append((quote, span))
        if k is None:
            continue
        for tag in ctx.infos[k].tags:
            verb = ctx.tokens[tag.verb]
            start, end = min(tag.subject_start, verb.start), max(tag.subject_end, verb.end)
            tags.append(Span(start, end, {
                "quote": span,
                "verb": work.text[verb.start : verb.end],
                "subject": tag.subject_text,
                "kind": tag.kind,
                "position": tag.position,
                "character": tag.character,
            }))
    layer = work.add_layer("quotes", [*spans, *excerpt_spans(work, story)])
    index = {id(span): k for k, span in enumerate(layer)}
    for tag in tags:
        tag.attrs["quote"] = index[id(tag.attrs["quote"])]
    work.add_layer("speech_tags", tags)


def _type_without_characters(ctx: StoryContext, k: int | None) -> str | None:
    return quote_type(ctx.infos[k]) if k is not None else None


STAGE = Stage(
    name="quotes",
    summary="quotations, speakers and addressees",
    run=lambda work, _config: run(work),
    assigns=("quotes", "speech_tags"),
    requires=("tokens", "characters", "mentions"),
    reads=("paragraphs", "chapters", "scene_breaks"),
    default=DEFAULT,
    tunables=tunables,
)
