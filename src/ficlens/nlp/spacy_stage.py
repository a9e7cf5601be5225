"""Pipeline stage ``nlp``: tokens, sentences and named entities as stand-off layers.

spaCy runs paragraph by paragraph (from the ``paragraphs`` layer when segmentation has
run), so offsets are shifted back into the whole text. Layers added:

* ``tokens``: one span per non-space token; attrs ``pos``, ``tag``, ``lemma``, ``dep``,
  ``head`` (index of the head token in this layer) and ``sent`` (sentence index);
* ``sentences``: one span per sentence;
* ``entities``: spaCy named entities, attr ``label`` (PERSON, GPE ...).

The parsed spaCy docs stay in ``work.cache["spacy"]`` as ``(offset, Doc)`` pairs, for
stages that want the dependency tree without rebuilding it from the token layer.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ficlens.document import Span, Work
from ficlens.nlp.config import tunables
from ficlens.nlp.model import load_spacy

_BLOCK = re.compile(r"[^\n]+(?:\n[^\n]+)*")  # runs of non-empty lines


def text_blocks(work: Work) -> list[tuple[int, int]]:
    """The stretches of text spaCy should read, as (start, end) offsets."""
    paragraphs = work.layer("paragraphs")
    if paragraphs:
        return [(p.start, p.end) for p in paragraphs]
    return [(m.start(), m.end()) for m in _BLOCK.finditer(work.text)]


def parse(work: Work) -> Iterator[tuple[int, object]]:
    nlp = load_spacy()
    blocks = text_blocks(work)
    texts = (work.text[s:e] for s, e in blocks)
    docs = nlp.pipe(texts, batch_size=tunables().batch_size)
    for (start, _end), doc in zip(blocks, docs, strict=True):
        yield start, doc


def run(work: Work) -> None:
    tokens: list[Span] = []
    sentences: list[Span] = []
    entities: list[Span] = []
    docs = []
    for offset, doc in parse(work):
        docs.append((offset, doc))
        index_of: dict[int, int] = {}
        first = len(tokens)
        for tok in doc:
            if tok.is_space:
                continue
            index_of[tok.i] = len(tokens)
            tokens.append(
                Span(
                    offset + tok.idx,
                    offset + tok.idx + len(tok.text),
                    {
                        "pos": tok.pos_,
                        "tag": tok.tag_,
                        "lemma": tok.lemma_,
                        "dep": tok.dep_,
                        "head": tok.head.i,  # doc-local for now, remapped below
                        "sent": 0,
                    },
                )
            )
        for tok_span in tokens[first:]:
            tok_span.attrs["head"] = index_of.get(tok_span.attrs["head"], -1)
        for sent in doc.sents:
            text = sent.text
            stripped = text.strip()
            if not stripped:
                continue
            lead = len(text) - len(text.lstrip())
            start = offset + sent.start_char + lead
            sentences.append(Span(start, start + len(stripped)))
            sent_no = len(sentences) - 1
            for tok in sent:
                if tok.i in index_of:
                    tokens[index_of[tok.i]].attrs["sent"] = sent_no
        entities.extend(
            Span(offset + ent.start_char, offset + ent.end_char, {"label": ent.label_})
            for ent in doc.ents
        )
    work.add_layer("tokens", tokens)
    work.add_layer("sentences", sentences)
    work.add_layer("entities", entities)
    work.cache["spacy"] = docs
