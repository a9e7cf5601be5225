"""Read-only lookups over the nlp layers: token at an offset, sentence of an offset, quotes.

Built once per work from the ``tokens`` / ``sentences`` / ``entities`` layers (so the stage
also works on a Work reloaded from JSON, where no spaCy Doc exists) and queried through
``LayerView`` indexes (the Work's own views when built with :meth:`TextView.of`).
"""

from __future__ import annotations

from dataclasses import InitVar, dataclass, field

from ficlens.document import LayerView, Span, Work
from ficlens.text.quotemarks import quoted_regions


@dataclass
class TextView:
    text: str
    tokens: list[Span]
    sentences: list[Span]
    token_index: LayerView = field(init=False)
    sentence_index: LayerView = field(init=False)
    quote_spans: list[tuple[int, int]] = field(init=False)
    quote_index: LayerView = field(init=False)
    entity_label_at: dict[int, str] = field(init=False)
    memo: dict[str, object] = field(init=False, repr=False)  # results other passes reuse
    # the indexes of ``tokens`` and ``sentences`` when the caller has them (the Work's)
    indexes: InitVar[tuple[LayerView, LayerView] | None] = None

    @classmethod
    def of(cls, work: Work) -> TextView:
        view = cls(work.text, work.layer("tokens"), work.layer("sentences"),
                   (work.view("tokens"), work.view("sentences")))
        view.entity_label_at = {}
        for ent in work.layer("entities"):
            for index in view.token_range(ent.start, ent.end):
                view.entity_label_at[index] = ent["label"]
        return view

    def __post_init__(self, indexes: tuple[LayerView, LayerView] | None) -> None:
        self.token_index, self.sentence_index = indexes or (
            LayerView(self.tokens), LayerView(self.sentences))
        self.quote_spans = quoted_regions(self.text)  # bounded by blank lines
        self.quote_index = LayerView(self.quote_spans)
        self.memo = {}

    # -- tokens -----------------------------------------------------------------------
    def token_at(self, offset: int) -> int:
        """Index of the token covering ``offset`` (or the last one before it), -1 if none."""
        return self.token_index.index_at(offset)

    def token_range(self, start: int, end: int) -> range:
        return self.token_index.overlapping(start, end)

    def head_of(self, start: int, end: int) -> int:
        """The syntactic head of the tokens in ``start:end`` (the one whose head is outside)."""
        indices = self.token_range(start, end)
        for index in indices:
            head = self.tokens[index]["head"]
            if head not in indices:
                return index
        return indices[-1] if indices else -1

    def is_sentence_initial(self, index: int) -> bool:
        """True for the first word of a sentence, ignoring opening quotes and dashes."""
        tok = self.tokens[index]
        sent = tok["sent"]
        for prev in range(index - 1, max(index - 4, -1), -1):
            other = self.tokens[prev]
            if other["sent"] != sent:
                return True
            if other["pos"] != "PUNCT":
                return False
        return index == 0 or self.tokens[max(index - 4, 0)]["sent"] != sent

    # -- sentences and quotes ------------------------------------------------------------
    def sentence_of(self, offset: int) -> int:
        return max(self.sentence_index.index_at(offset), 0)

    def in_quote(self, offset: int) -> bool:
        return self.quote_index.covers(offset)

    def near_quote(self, offset: int, reach: int = 30) -> bool:
        """True when a quotation ends or starts within ``reach`` characters of ``offset``."""
        index = self.quote_index.first_after(offset)
        if index < len(self.quote_spans) and self.quote_spans[index][0] - offset <= reach:
            return True
        return index > 0 and offset - self.quote_spans[index - 1][1] <= reach
