"""A small hand-built story with every analysis layer filled in, for the report tests.

The text is written for these tests; the layers are what the stages would add, placed by
searching the text so the offsets stay right if a sentence is edited.
"""

from __future__ import annotations

import math
import re

from ficlens.document import Metadata, SeriesEntry, Span, Work

PARAGRAPHS = [
    "A/N: Thanks to my beta for the <b>bold</b> edits! Reviews feed the muse.",
    "Chapter One: Low Tide",
    "Mara found the note under the door. It said <script>alert('boo')</script> in red "
    "crayon, which was not funny at all.",
    "\"Who left this?\" she asked.",
    "\"Not me,\" Tobias said, holding up both hands. \"I can't even spell crayon.\"",
    "\"You just did.\"",
    "\"Lucky guess.\" He grinned at her.",
    "The sign over the bakery still read \"Fresh Daily\", though nothing had been fresh "
    "there for years.",
    "~~~",
    "Two weeks later, Tobias sat on the pier and thought about the note.",
    "\"Mara,\" Aunt Iris called from the boat, \"come and help me with these ropes, "
    "and bring the boy.",
    "\"He is useless with knots, but he carries things well.\"",
    "\"I heard that,\" Tobias said.",
    "Chapter Two: High Water",
    "\"I love you, you know,\" Mara told him when the storm had passed.",
    "\"I know.\"",
]


def _find(text: str, needle: str, after: int = 0) -> tuple[int, int]:
    start = text.index(needle, after)
    return start, start + len(needle)


def make_work() -> Work:
    text = "\n\n".join(PARAGRAPHS) + "\n"
    work = Work(text=text, metadata=Metadata(
        title="Tides & <Things>",
        authors=["quillfeather"],
        fandoms=["Harbor Lights (TV)"],
        rating="Teen And Up Audiences",
        warnings=["No Archive Warnings Apply"],
        category=["F/M"],
        relationships=["Mara Lind/Tobias Hale"],
        characters=["Mara Lind", "Tobias Hale", "Iris Lind"],
        additional_tags=["Fluff", "<img src=x onerror=alert(1)>"],
        summary="Someone leaves a note.\nNobody admits it.",
        language="English",
        series=[SeriesEntry("Harbor Tales", 2)],
        word_count=None,
        source_path="/tmp/tides.txt",
    ))
    paragraphs = [_find(text, p) for p in PARAGRAPHS]
    work.add_layer("paragraphs", [Span(s, e) for s, e in paragraphs])
    work.add_layer("notes", [Span(*paragraphs[0], {"kind": "author_note", "position": "start"})])
    work.add_layer("headings", [Span(*paragraphs[1]), Span(*paragraphs[13])])
    work.add_layer("scene_breaks", [Span(*paragraphs[8], {"marker": "~~~"})])
    work.add_layer("chapters", [
        Span(paragraphs[1][0], paragraphs[12][1], {"number": 1, "title": "Low Tide"}),
        Span(paragraphs[13][0], len(text), {"number": 2, "title": "High Water"}),
    ])
    add_tokens(work)
    add_characters(work)
    add_quotes(work, paragraphs)
    add_story_layers(work, paragraphs)
    return work


def add_tokens(work: Work) -> None:
    tokens, sentences = [], []
    for start, end in ((p.start, p.end) for p in work.layer("paragraphs")):
        for match in re.finditer(r"[^.!?]+[.!?\"]*", work.text[start:end]):
            s = start + match.start() + (len(match.group()) - len(match.group().lstrip()))
            e = start + match.end()
            if s < e:
                sentences.append(Span(s, e))
            first = len(tokens)
            for tok in re.finditer(r"\w+|[^\w\s]", work.text[s:e]):
                tokens.append(Span(s + tok.start(), s + tok.end(), {
                    "pos": "X", "tag": "XX", "lemma": tok.group().lower(), "dep": "dep",
                    "head": first, "sent": len(sentences) - 1,
                }))
    work.add_layer("tokens", tokens)
    work.add_layer("sentences", sentences)
    work.add_layer("entities", [Span(*_find(work.text, "Mara"), {"label": "PERSON"})])


def add_characters(work: Work) -> None:
    work.set_table("characters", [
        {"id": "C0", "name": "Mara Lind", "aliases": ["Mara"], "gender": "female",
         "mentions": 5, "on_stage": True},
        {"id": "C1", "name": "Tobias Hale", "aliases": ["Tobias", "the boy"], "gender": "male",
         "mentions": 4, "on_stage": True},
        {"id": "C2", "name": "Iris Lind", "aliases": ["Aunt Iris"], "gender": "female",
         "mentions": 1, "on_stage": True},
    ])
    mentions = []
    for name, char in (("Mara", "C0"), ("Tobias", "C1"), ("Aunt Iris", "C2")):
        for match in re.finditer(re.escape(name), work.text):
            mentions.append(Span(match.start(), match.end(), {"character": char, "kind": "proper"}))
    work.add_layer("mentions", mentions)
    coref = []
    for match in re.finditer(r"\b(she|He|him|her)\b", work.text):
        char = "C0" if match.group() in ("she", "her") else "C1"
        coref.append(Span(match.start(), match.end(),
                          {"character": char, "pronoun": match.group(), "confidence": 0.8}))
    work.add_layer("coref", coref)


def add_quotes(work: Work, paragraphs: list[tuple[int, int]]) -> None:
    text = work.text
    quotes = []

    def quote(needle: str, speaker, addressee, kind: str, conf: float, after: int = 0,
              parts=None, speech: bool = True) -> None:
        s, e = _find(text, needle, after)
        attrs = {"text": text[s:e], "speaker": speaker, "addressee": addressee, "type": kind,
                 "confidence": conf, "speech": speech}
        if parts:
            attrs["parts"] = [list(_find(text, p, s)) for p in parts]
        quotes.append(Span(s, e, attrs))

    quote('"Who left this?"', "C0", "C1", "Anaphoric", 0.91)
    quote('"Not me," Tobias said, holding up both hands. "I can\'t even spell crayon."',
          "C1", "C0", "Explicit", 0.99, parts=['"Not me,"', '"I can\'t even spell crayon."'])
    quote('"You just did."', "C0", "C1", "Implicit", 0.72)
    quote('"Lucky guess."', "C1", "C0", "Implicit", 0.64)
    quote('"Fresh Daily"', None, None, "Implicit", 0.9, speech=False)
    start = paragraphs[10][0]
    end = paragraphs[11][1]
    quotes.append(Span(start, end, {"text": text[start:end], "speaker": "C2",
                                    "addressee": "C0", "type": "Explicit", "confidence": 0.95,
                                    "speech": True}))
    quote('"I heard that,"', "C1", "C2", "Explicit", 0.98)
    quote('"I love you, you know,"', "C0", "C1", "Explicit", 0.97)
    quote('"I know."', None, "C0", "Implicit", 0.4, after=paragraphs[14][1])
    work.add_layer("quotes", quotes)


def add_story_layers(work: Work, paragraphs: list[tuple[int, int]]) -> None:
    length = len(work.text)
    work.add_layer("scenes", [
        Span(paragraphs[1][0], paragraphs[7][1],
             {"number": 1, "person": "third", "focal": "C0", "mode": "limited",
              "confidence": 0.8}),
        Span(paragraphs[9][0], paragraphs[12][1],
             {"number": 2, "person": "third", "focal": "C1", "mode": "limited",
              "confidence": 0.7}),
        Span(paragraphs[13][0], length,
             {"number": 3, "person": "third", "focal": None, "mode": "omniscient",
              "confidence": 0.5}),
    ])
    cue = _find(work.text, "Two weeks later")
    work.add_layer("time_expressions", [Span(*cue, {"text": "Two weeks later"})])
    work.set_table("timeline", [
        {"kind": "scene", "start": paragraphs[1][0], "end": paragraphs[1][0], "text": "",
         "scene": 1, "days": 0.0, "delta_days": None, "flashback": False, "story_order": 0},
        {"kind": "jump", "start": cue[0], "end": cue[1], "text": "Two weeks later", "scene": 2,
         "days": 14.0, "delta_days": 14.0, "flashback": False, "story_order": 1},
    ])
    work.set_table("pairing", ["C0", "C1"])
    work.set_table("pairing_detail", {"label": "Mara Lind/Tobias Hale", "kind": "romantic",
                                      "category": "F/M"})
    work.set_table("relationships", [{"a": "C0", "b": "C1", "type": "dating", "lines": 6}])
    work.add_layer("valence", [Span(s.start, s.end, {"valence": 0.1})
                               for s in work.layer("sentences")])
    work.set_table("arc", {
        "lexicon": "VADER",
        "points": [math.sin(i / 99 * math.pi * 1.5) * -0.4 + i / 300 for i in range(100)],
        "shape": "man_in_a_hole",
        "characters": {
            "C0": [math.cos(i / 20) * 0.3 for i in range(100)],
            "C1": [0.2 - i / 250 for i in range(100)],
        },
    })


def test_the_hand_built_story_is_consistent():
    work = make_work()
    for quote in work.layer("quotes"):
        assert work.span_text(quote) == quote["text"]
        for start, end in quote.get("parts", []):
            assert quote.start <= start < end <= quote.end
    speakers = {q["speaker"] for q in work.layer("quotes")} - {None}
    assert speakers <= {c["id"] for c in work.tables["characters"]}
    assert all(work.span_text(t).strip() for t in work.layer("tokens"))
