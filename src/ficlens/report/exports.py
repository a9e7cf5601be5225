"""BookNLP-style tables and CoNLL-2012 coreference, written from the JSON layers.

BookNLP users read ``<id>.tokens``, ``<id>.entities`` and ``<id>.quotes`` as tab-separated
files with a header row; the same column names are kept here so their scripts keep working.
Character ids become integers (their position in the ``characters`` table) as in BookNLP's
``COREF`` column; ``<id>.characters`` maps them back to ficlens ids and names. Offsets
(``byte_onset``/``byte_offset``) are Python str indices, as BookNLP's are.
"""

from __future__ import annotations

import io
import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

from ficlens.document import LayerView, Span, Work
from ficlens.errors import InputError
from ficlens.report.facts import build, character_rows, is_speech
from ficlens.report.story_html import blocks, quote_parts

TOKEN_COLUMNS = (
    "paragraph_ID", "sentence_ID", "token_ID_within_sentence", "token_ID_within_document",
    "word", "lemma", "byte_onset", "byte_offset", "POS_tag", "fine_POS_tag",
    "dependency_relation", "syntactic_head_ID", "event",
)
ENTITY_COLUMNS = ("COREF", "start_token", "end_token", "prop", "cat", "text")
QUOTE_COLUMNS = ("quote_start", "quote_end", "mention_start", "mention_end", "mention_phrase",
                 "char_id", "quote")
PORTRAIT_COLUMNS = ("char_id", "ficlens_id", "role", "word", "lemma", "token_ID_within_document",
                    "byte_onset", "byte_offset", "mention_start", "mention_end", "mention_kind",
                    "in_quote")
CHARACTER_COLUMNS = ("char_id", "ficlens_id", "name", "aliases", "gender", "mentions", "lines",
                     "on_stage")
PROP = {"proper": "PROP", "title": "PROP", "nominal": "NOM", "pronoun": "PRON"}
CATEGORY = {"PERSON": "PER", "GPE": "GPE", "LOC": "LOC", "FAC": "FAC", "ORG": "ORG",
            "NORP": "ORG"}
SPEAKER_WINDOW = 400  # characters around a quote searched for its speaker's mention


class TokenIndex:
    """Character offsets as BookNLP token ids, through the work's ``tokens`` view."""

    def __init__(self, work: Work) -> None:
        self.view = work.view("tokens")
        if not len(self.view):
            raise InputError("tsv and conll exports need tokens: run the nlp stage too")
        self.tokens = self.view.spans

    def span(self, start: int, end: int) -> tuple[int, int] | None:
        """First and last token (inclusive) overlapping start:end."""
        found = self.view.overlapping(start, end)
        return (found.start, found.stop - 1) if found else None


def numeric_ids(work: Work) -> dict[str, int]:
    return {str(row["id"]): index for index, row in enumerate(character_rows(work))}


def one_line(text: str) -> str:
    return " ".join(text.split())


def tsv(columns: Iterable[str], rows: Iterable[Iterable[object]]) -> str:
    """Tab-separated lines, unquoted like BookNLP's; no value holds a tab or a newline."""
    out = io.StringIO()
    out.write("\t".join(columns) + "\n")
    for row in rows:
        out.write("\t".join(str(value) for value in row) + "\n")
    return out.getvalue()


# -- tokens ---------------------------------------------------------------------------


def token_rows(work: Work, index: TokenIndex) -> Iterator[tuple]:
    paragraphs = LayerView(blocks(work))
    previous_sentence, within = None, 0
    for number, token in enumerate(index.tokens):
        sentence = token.get("sent", 0)
        within = within + 1 if sentence == previous_sentence else 0
        previous_sentence = sentence
        head = token.get("head", -1)
        yield (
            max(paragraphs.index_at(token.start), 0),
            sentence,
            within,
            number,
            work.text[token.start : token.end],
            token.get("lemma", ""),
            token.start,
            token.end,
            token.get("pos", ""),
            token.get("tag", ""),
            token.get("dep", ""),
            head if isinstance(head, int) and head >= 0 else number,
            "O",
        )


# -- entities -------------------------------------------------------------------------


def character_mentions(work: Work) -> list[Span]:
    """Names and titles (``mentions``) and resolved pronouns (``coref``), in text order."""
    found = [m for m in work.layer("mentions") if m.get("character") is not None]
    found += [p for p in work.layer("coref") if p.get("character") is not None]
    return sorted(found, key=lambda s: (s.start, s.end))


def entity_rows(work: Work, index: TokenIndex, ids: dict[str, int]) -> list[tuple]:
    rows = []
    next_id = len(ids)
    other_ids: dict[tuple[str, str], int] = {}
    covered = []
    for mention in character_mentions(work):
        tokens = index.span(mention.start, mention.end)
        if tokens is None:
            continue
        prop = "PRON" if "pronoun" in mention else PROP.get(str(mention.get("kind")), "PROP")
        char_id = ids.get(str(mention["character"]))
        if char_id is None:
            continue
        rows.append((char_id, *tokens, prop, "PER", one_line(work.span_text(mention))))
        covered.append(tokens)
    covered_tokens = {t for first, last in covered for t in range(first, last + 1)}
    for entity in work.layer("entities"):
        category = CATEGORY.get(str(entity.get("label")))
        tokens = index.span(entity.start, entity.end)
        if category is None or tokens is None or tokens[0] in covered_tokens:
            continue
        text = one_line(work.span_text(entity))
        key = (category, text.lower())
        if key not in other_ids:
            other_ids[key] = next_id
            next_id += 1
        rows.append((other_ids[key], *tokens, "PROP", category, text))
    rows.sort(key=lambda r: (r[1], r[2]))
    return rows


# -- quotes ---------------------------------------------------------------------------


def quote_rows(work: Work, index: TokenIndex, ids: dict[str, int]) -> list[tuple]:
    mentions: dict[str, list[Span]] = {}
    for mention in character_mentions(work):
        mentions.setdefault(str(mention["character"]), []).append(mention)
    by_character = {character: LayerView(spans) for character, spans in mentions.items()}
    rows = []
    for quote in work.layer("quotes"):
        if not is_speech(quote):
            continue
        tokens = index.span(quote.start, quote.end)
        if tokens is None:
            continue
        speaker = quote.get("speaker")
        mention = speaker_mention(by_character.get(str(speaker), LayerView([])), quote)
        mention_tokens = index.span(mention.start, mention.end) if mention else None
        rows.append((
            *tokens,
            *(mention_tokens or (-1, -1)),
            one_line(work.span_text(mention)) if mention else "",
            ids.get(str(speaker), -1) if speaker is not None else -1,
            one_line(work.span_text(quote)),
        ))
    return rows


def speaker_mention(mentions: LayerView, quote: Span) -> Span | None:
    """The speaker's mention nearest to the quote, outside it, within a short window."""
    best, best_distance = None, None
    parts = quote_parts(quote)
    for mention in mentions.between(quote.start - SPEAKER_WINDOW,
                                    quote.end + SPEAKER_WINDOW + 1):
        if any(start <= mention.start < end for start, end in parts):
            continue
        distance = abs(mention.start - quote.start)
        if best_distance is None or distance < best_distance:
            best, best_distance = mention, distance
    return best


# -- characters -----------------------------------------------------------------------


def character_table(work: Work, ids: dict[str, int]) -> list[tuple]:
    facts = build(work)
    rows = []
    for row in character_rows(work):
        character = facts.by_id.get(str(row["id"]))
        rows.append((
            ids[str(row["id"])],
            row["id"],
            one_line(str(row.get("name") or "")),
            " | ".join(one_line(str(a)) for a in row.get("aliases") or []),
            row.get("gender") or "",
            row.get("mentions") or 0,
            character.lines if character else 0,
            {True: "yes", False: "no"}.get(row.get("on_stage"), ""),
        ))
    return rows


def stem_of(work: Work, folder: Path) -> str:
    source = work.metadata.source_path
    return Path(source).stem if source else folder.name or "story"


def write_tables(work: Work, folder: Path) -> list[Path]:
    """Write the four tables into ``folder`` and return their paths."""
    index = TokenIndex(work)
    if folder.exists() and not folder.is_dir():
        raise InputError(f"{folder} is a file: --format tsv needs a folder for -o")
    folder.mkdir(parents=True, exist_ok=True)
    ids = numeric_ids(work)
    stem = stem_of(work, folder)
    tables = {
        "tokens": (TOKEN_COLUMNS, token_rows(work, index)),
        "entities": (ENTITY_COLUMNS, entity_rows(work, index, ids)),
        "quotes": (QUOTE_COLUMNS, quote_rows(work, index, ids)),
        "characters": (CHARACTER_COLUMNS, character_table(work, ids)),
    }
    if work.has("portraits"):
        tables["portraits"] = (PORTRAIT_COLUMNS, portrait_rows(work, index, ids))
    written = []
    for suffix, (columns, rows) in tables.items():
        path = folder / f"{stem}.{suffix}"
        path.write_text(tsv(columns, rows), encoding="utf-8")
        written.append(path)
    if work.has("portraits"):
        path = folder / f"{stem}.book"
        path.write_text(json.dumps(book(work, index, ids), ensure_ascii=False, indent=1),
                        encoding="utf-8")
        written.append(path)
    return written


# -- portraits: BookNLP's .book ------------------------------------------------------


BOOK_GENDER = {"M": "he/him/his", "F": "she/her", "N": "they/them/their"}
BOOK_MENTION_KINDS = {"proper": "proper", "title": "proper", "nominal": "common",
                      "pronoun": "pronoun"}


def portrait_rows(work: Work, index: TokenIndex, ids: dict[str, int]) -> list[tuple]:
    rows = []
    for entry in work.layer("portraits"):
        character = str(entry["character"])
        tokens = index.span(entry.start, entry.end)
        mention_start, mention_end = entry.get("mention") or (-1, -1)
        rows.append((
            ids.get(character, -1), character, entry["role"], one_line(work.span_text(entry)),
            entry.get("lemma", ""), tokens[0] if tokens else -1, entry.start, entry.end,
            mention_start, mention_end, entry.get("mention_kind", ""),
            "yes" if entry.get("in_quote") else "no",
        ))
    return rows


def book(work: Work, index: TokenIndex, ids: dict[str, int]) -> dict:
    """BookNLP's ``.book`` JSON: per character its mentions, gender and the words of each
    role as ``{"w": word, "i": token index}``; ``ficlens_id`` links back to the analysis."""
    by_character: dict[str, dict] = {}
    for row in character_rows(work):
        by_character[str(row["id"])] = {
            "id": ids[str(row["id"])],
            "ficlens_id": str(row["id"]),
            "count": int(row.get("mentions") or 0),
            "mentions": {"proper": [], "common": [], "pronoun": []},
            "g": {"argmax": BOOK_GENDER.get(str(row.get("gender"))),
                  "max": row.get("gender_confidence")},
            "agent": [], "patient": [], "mod": [], "poss": [],
        }
    for mention in book_mentions(work):
        entry = by_character.get(str(mention["character"]))
        if entry is not None:
            kind = "pronoun" if "pronoun" in mention else BOOK_MENTION_KINDS.get(
                str(mention.get("kind")), "proper")
            entry["mentions"][kind].append(one_line(work.span_text(mention)))
    for span in work.layer("portraits"):
        entry = by_character.get(str(span["character"]))
        tokens = index.span(span.start, span.end)
        if entry is not None and tokens is not None:
            entry[span["role"]].append({"w": work.span_text(span), "i": tokens[0]})
    for entry in by_character.values():
        entry["mentions"] = {kind: [{"c": count, "n": name} for name, count in
                                    Counter(names).most_common()]
                             for kind, names in entry["mentions"].items()}
    return {"characters": list(by_character.values())}


def book_mentions(work: Work) -> list[Span]:
    return character_mentions(work) + [m for m in work.layer("nominal_mentions")
                                       if m.get("character") is not None]


# -- CoNLL-2012 -----------------------------------------------------------------------


def conll(work: Work) -> str:
    """Character coreference in CoNLL-2012 columns, one sentence per block."""
    if not work.has("coref"):
        raise InputError("conll export needs the coref stage (pronoun coreference), "
                         "which has not run on this work")
    index = TokenIndex(work)
    ids = numeric_ids(work)
    marks: dict[int, list[str]] = {}
    for mention in character_mentions(work):
        tokens = index.span(mention.start, mention.end)
        cluster = ids.get(str(mention["character"]))
        if tokens is None or cluster is None:
            continue
        first, last = tokens
        if index.tokens[first].get("sent") != index.tokens[last].get("sent"):
            continue
        if first == last:
            marks.setdefault(first, []).append(f"({cluster})")
        else:
            marks.setdefault(first, []).append(f"({cluster}")
            marks.setdefault(last, []).append(f"{cluster})")
    speakers = quote_speakers(work, index)
    name = re.sub(r"[^\w.-]+", "_", work.metadata.title or stem_of(work, Path("story")))
    lines = [f"#begin document ({name}); part 000"]
    previous_sentence, within = None, 0
    for number, token in enumerate(index.tokens):
        sentence = token.get("sent", 0)
        if previous_sentence is not None and sentence != previous_sentence:
            lines.append("")
            within = 0
        elif previous_sentence is not None:
            within += 1
        previous_sentence = sentence
        word = work.text[token.start : token.end]
        lines.append("\t".join((
            name, "0", str(within), word, token.get("tag", "") or "-", "-", "-", "-", "-",
            speakers.get(number, "-"), "*", "|".join(marks.get(number, [])) or "-",
        )))
    lines += ["", "#end document", ""]
    return "\n".join(lines)


def quote_speakers(work: Work, index: TokenIndex) -> dict[int, str]:
    """CoNLL's speaker column: the speaking character's name for tokens inside a quote."""
    facts = build(work)
    speakers = {}
    for quote in facts.speech:
        tokens = index.span(quote.start, quote.end)
        if tokens is None or quote.get("speaker") is None:
            continue
        label = facts.name(quote["speaker"]).replace(" ", "_") or "-"
        for number in range(tokens[0], tokens[1] + 1):
            speakers[number] = label
    return speakers
