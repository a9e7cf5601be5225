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


def _text(strings: dict[int, str], obj, key: int, attr: str) -> str:  # noqa: ANN001
    """One str object per distinct spaCy string (spaCy decodes a new one on every read)."""
    text = strings.get(key)
    if text is None:
        text = strings[key] = getattr(obj, attr)
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


def _add_doc(doc, offset: int, strings: dict[int, str], tokens: list[Span],  # noqa: ANN001
             sentences: list[Span], entities: list[Span]) -> None:
    """Append one parsed block's tokens, sentences and entities (offsets into the work)."""
    index_of: dict[int, int] = {}
    first = len(tokens)
    for tok in doc:
        if tok.is_space:
            continue
        index_of[tok.i] = len(tokens)
        start = offset + tok.idx
        tokens.append(Span(start, start + len(tok), _token_attrs(
            tok.pos_,
            _text(strings, tok, tok.tag, "tag_"),
            _text(strings, tok, tok.lemma, "lemma_"),
            _text(strings, tok, tok.dep, "dep_"),
            tok.head.i,  # doc-local for now, remapped below
        )))
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
        for i in range(sent.start, sent.end):
            if i in index_of:
                tokens[index_of[i]].attrs["sent"] = sent_no
    entities.extend(
        Span(offset + ent.start_char, offset + ent.end_char,
             {"label": _text(strings, ent, ent.label, "label_")})
        for ent in doc.ents
    )
