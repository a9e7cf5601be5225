"""Pipeline stage ``nlp``: tokens, sentences and named entities as stand-off layers.

spaCy runs paragraph by paragraph (from the ``paragraphs`` layer when segmentation has
run), so offsets are shifted back into the whole text. Layers added:

* ``tokens``: one span per non-space token; attrs ``pos``, ``tag``, ``lemma``, ``dep``,
  ``head`` (index of the head token in this layer) and ``sent`` (sentence index);
* ``sentences``: one span per sentence;
* ``entities``: spaCy named entities, attr ``label`` (PERSON, GPE ...).

The layers are all that is kept: each spaCy Doc is dropped once read (a Doc with its
tensor costs several times its tokens' layer), and the token attributes are stored
compactly (one copy of each tag, lemma and label string per run; dicts sharing their keys).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

import numpy as np

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


class _TokenAttrs:
    """Makes token attribute dicts that share one key table (CPython keeps the attribute
    names of a class's instances once, and an instance's ``__dict__`` stays such a split
    dict): about half the memory of a dict each, and a plain dict to every reader."""


def _token_attrs(pos: str, tag: str, lemma: str, dep: str, head: int) -> dict:
    holder = _TokenAttrs()
    holder.pos, holder.tag, holder.lemma, holder.dep = pos, tag, lemma, dep
    holder.head, holder.sent = head, 0
    return holder.__dict__


def _string(strings: dict[int, str], vocab_strings, key: int) -> str:  # noqa: ANN001
    """One str object per distinct spaCy string (spaCy decodes a new one on every read)."""
    text = strings.get(key)
    if text is None:
        text = strings[key] = vocab_strings[key]
    return text


def run(work: Work) -> None:
    tokens: list[Span] = []
    sentences: list[Span] = []
    entities: list[Span] = []
    strings: dict[int, str] = {}  # spaCy's string hash -> its str
    for offset, doc in parse(work):
        _add_doc(doc, offset, strings, tokens, sentences, entities)
    work.add_layer("tokens", tokens)
    work.add_layer("sentences", sentences)
    work.add_layer("entities", entities)


@lru_cache(maxsize=1)
def _token_attr_ids() -> list[int]:
    from spacy.attrs import DEP, HEAD, IDX, IS_SPACE, LEMMA, LENGTH, POS, TAG

    return [IDX, LENGTH, POS, TAG, LEMMA, DEP, IS_SPACE, HEAD]


def _add_doc(doc, offset: int, strings: dict[int, str], tokens: list[Span],  # noqa: ANN001
             sentences: list[Span], entities: list[Span]) -> None:
    """Append one parsed block's tokens, sentences and entities (offsets into the work)."""
    index_of: dict[int, int] = {}
    first = len(tokens)
    # One array read per block instead of a Token object and eight attribute reads per token.
    values = doc.to_array(_token_attr_ids())
    signed = values.view(np.int64)  # HEAD is an offset from the token, stored unsigned
    vocab_strings = doc.vocab.strings
    for i, (idx, length, pos, tag, lemma, dep, is_space) in enumerate(
        values[:, :7].tolist()
    ):
        if is_space:
            continue
        index_of[i] = len(tokens)
        start = offset + idx
        tokens.append(Span(start, start + length, _token_attrs(
            _string(strings, vocab_strings, pos),
            _string(strings, vocab_strings, tag),
            _string(strings, vocab_strings, lemma),
            _string(strings, vocab_strings, dep),
            i,  # doc-local for now, remapped below
        )))
    heads = signed[:, 7].tolist()
    for tok_span in tokens[first:]:
        local = tok_span.attrs["head"]
        tok_span.attrs["head"] = index_of.get(local + heads[local], -1)
    doc_text = doc.text  # built anew from the tokens on every read of doc.text
    for sent in doc.sents:
        text = doc_text[sent.start_char : sent.end_char]  # sent.text, without a Token each
        stripped = text.strip()
        if not stripped:
            continue
        lead = len(text) - len(text.lstrip())
        start = offset + sent.start_char + lead
        sentences.append(Span(start, start + len(stripped)))
        sent_no = len(sentences) - 1
        for i in range(sent.start, sent.end):
            if i in index_of:
                tokens[index_of[i]].attrs["sent"] = sent_no
    entities.extend(
        Span(offset + ent.start_char, offset + ent.end_char,
             {"label": _string(strings, doc.vocab.strings, ent.label)})
        for ent in doc.ents
    )
