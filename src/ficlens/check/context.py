"""What every check needs of an analysed work, computed once."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from ficlens.document import LayerView, Span, Work

# A line of a chat, a text message or a script: a sender (in brackets, or one or two words)
# and a colon, then the message (**\\[Wren\\]: See you later Tobin**, "kiyo: omw").
CHAT_LINE = re.compile(r"[*_ ]*(?:\\?\[([^\]\n]{1,30}?)\\?\]|([\w'’]+(?: [\w'’]+)?))"
                       r"[*_ ]*:[*_ ]+(\S[^\n]*?)[*_ ]*$")


@dataclass
class CheckContext:
    work: Work
    related: tuple[Work, ...] = ()  # other parts of the same series, for name spellings
    quotes: list[Span] = field(init=False)
    notes: list[Span] = field(init=False)

    def __post_init__(self) -> None:
        self.quotes = [q for q in self.work.layer("quotes") if q.get("speech", True)]
        self.notes = self.work.layer("notes")
        # A split quote spans its tag too ("Yeah," he laughed, "we can."): narration is
        # what lies outside the quote's pieces, not outside its whole span.
        pieces = [Span(start, end) for q in self.quotes for start, end in self.quote_parts(q)]
        self._quote_view = LayerView(pieces)
        self._note_view = self.work.view("notes")

    @property
    def text(self) -> str:
        return self.work.text

    def in_quote(self, pos: int) -> bool:
        return self._quote_view.covers(pos)

    def in_note(self, pos: int) -> bool:
        return self._note_view.covers(pos)

    def in_emphasis(self, pos: int) -> bool:
        """Inside italics or bold the reader took out of the text (HTML, EPUB and Markdown
        leave their ``<em>`` / ``*`` in the ``emphasis`` layer)."""
        return self.work.view("emphasis").covers(pos)

    def in_narration(self, start: int, end: int) -> bool:
        """True when ``start:end`` is story narration: outside quotes and author's notes."""
        return not (self.in_quote(start) or self.in_quote(end - 1) or self.in_note(start))

    @cached_property
    def _referents(self) -> LayerView:
        """Named mentions and resolved pronouns, by start."""
        spans = [s for s in self.work.layer("mentions") if s.get("character")]
        spans += [s for s in self.work.layer("coref") if s.get("character")]
        spans.sort(key=lambda s: s.start)
        return LayerView(spans)

    def character_at(self, pos: int) -> str | None:
        """The character a mention or resolved pronoun covering ``pos`` refers to."""
        span = self._referents.at(pos)
        return span["character"] if span is not None else None

    def subjects_between(self, start: int, end: int) -> set[str]:
        """The characters named or referred to by a pronoun in ``start:end`` as the subject of
        a verb (the word after the mention is a verb: "Wren said", not "told Wren")."""
        tokens = self.work.view("tokens")
        subjects = set()
        for span in self._referents.between(start, end):
            following = tokens.first_from(span.end)
            if following < len(tokens) and tokens[following].get("pos") in ("VERB", "AUX"):
                subjects.add(span["character"])
        return subjects

    def scene_at(self, pos: int) -> Span | None:
        return self.work.view("scenes").at(pos)

    def paragraph_at(self, pos: int) -> Span | None:
        return self.work.view("paragraphs").at(pos)

    @cached_property
    def characters(self) -> dict[str, dict]:
        return {c["id"]: c for c in self.work.tables.get("characters", [])}

    @cached_property
    def sentence_tokens(self) -> list[list[Span]]:
        """Tokens grouped by sentence index (the ``sent`` attr of the nlp stage)."""
        groups: list[list[Span]] = [[] for _ in self.work.layer("sentences")]
        for token in self.work.layer("tokens"):
            sent = token.get("sent", -1)
            if 0 <= sent < len(groups):
                groups[sent].append(token)
        return groups

    @cached_property
    def prose(self) -> list[Span]:
        """The story's text paragraphs (author's notes and metadata left out)."""
        return [p for p in self.work.layer("paragraphs")
                if p.get("kind", "text") == "text" and not self.in_note(p.start)]

    @cached_property
    def token_words(self) -> list[str]:
        """Each token of the ``tokens`` layer as a lower-case word, curly apostrophes
        straightened ("didn’t" -> "didn't"): what the word rules compare."""
        text = self.text
        return [text[t.start : t.end].lower().replace("’", "'") for t in self.work.layer("tokens")]

    @cached_property
    def token_index(self) -> dict[int, int]:
        """Position in the ``tokens`` layer of the token starting at each offset."""
        return {t.start: i for i, t in enumerate(self.work.layer("tokens"))}

    def quote_parts(self, quote: Span) -> list[tuple[int, int]]:
        return [tuple(p) for p in quote.get("parts") or [[quote.start, quote.end]]]
