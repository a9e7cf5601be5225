"""Reading LitBank's coreference annotation (``coref/tsv``) into character offsets.

Each document's text is tokenised, one sentence per line, tokens separated by single
spaces; mentions give ``sentence, token`` positions (end token inclusive). Only the
document's own files are read; nothing is copied anywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ficlens.errors import InputError

# LitBank excerpts that open a PDNC novel; kept on one side of any split.
PDNC_OVERLAP = frozenset(
    {"11", "45", "105", "158", "160", "174", "208", "541", "730", "1245", "1342", "1695",
     "2641", "2891", "5230"}
)


@dataclass(frozen=True, slots=True)
class GoldMention:
    start: int
    end: int
    category: str  # PER, FAC, GPE ...
    kind: str  # PROP, NOM or PRON
    entity: str


@dataclass
class LitBankDoc:
    doc_id: str  # Gutenberg id, e.g. "105"
    name: str
    text: str
    mentions: list[GoldMention]

    def person_mentions(self) -> list[GoldMention]:
        return [m for m in self.mentions if m.category == "PER"]


def _token_offsets(text: str) -> list[list[tuple[int, int]]]:
    offsets: list[list[tuple[int, int]]] = []
    pos = 0
    for line in text.split("\n"):
        row = []
        cursor = pos
        for token in line.split(" "):
            row.append((cursor, cursor + len(token)))
            cursor += len(token) + 1
        offsets.append(row)
        pos += len(line) + 1
    return offsets


def read_document(ann_path: Path) -> LitBankDoc:
    text_path = ann_path.with_suffix(".txt")
    text = text_path.read_text(encoding="utf-8")
    offsets = _token_offsets(text)
    spans: dict[str, tuple[int, int, str, str]] = {}
    entity_of: dict[str, str] = {}
    for line in ann_path.read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if fields[0] == "MENTION":
            _, tid, s_sent, s_tok, e_sent, e_tok, _surface, cat, kind = fields[:9]
            start = offsets[int(s_sent)][int(s_tok)][0]
            end = offsets[int(e_sent)][int(e_tok)][1]
            spans[tid] = (start, end, cat, kind)
        elif fields[0] == "COREF":
            entity_of[fields[1]] = fields[2]
    mentions = [
        GoldMention(start, end, cat, kind, entity_of.get(tid, f"singleton-{tid}"))
        for tid, (start, end, cat, kind) in spans.items()
    ]
    mentions.sort(key=lambda m: (m.start, -m.end))
    name = ann_path.name.removesuffix("_brat.ann")
    return LitBankDoc(doc_id=name.split("_", 1)[0], name=name, text=text, mentions=mentions)


def coref_dir(data: Path) -> Path:
    """``DIR/coref/tsv`` (DIR = LitBank root), or DIR itself when it holds the .ann files."""
    for candidate in (data / "coref" / "tsv", data):
        if candidate.is_dir() and any(candidate.glob("*_brat.ann")):
            return candidate
    raise InputError(f"no LitBank coreference files (coref/tsv/*_brat.ann) under {data}")


def read_corpus(data: Path, doc_ids: set[str] | None = None) -> list[LitBankDoc]:
    if not data.exists():
        raise InputError(f"LitBank directory not found: {data}")
    docs = [read_document(p) for p in sorted(coref_dir(data).glob("*_brat.ann"))]
    if doc_ids is not None:
        docs = [d for d in docs if d.doc_id in doc_ids]
    return docs


def split_ids(doc_ids: list[str], every: int = 5) -> tuple[set[str], set[str]]:
    """(train, dev) by document: every ``every``-th non-PDNC document is held out for dev.

    PDNC-overlap excerpts always train, since the PDNC novels they open are used for
    training too.
    """
    ordered = sorted(doc_ids, key=int)
    eligible = [d for d in ordered if d not in PDNC_OVERLAP]
    dev = set(eligible[::every])
    return set(ordered) - dev, dev
