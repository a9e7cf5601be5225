"""What every report shows, computed once from whatever layers a Work has.

The analysis stages are optional from the report's point of view: each accessor returns an
empty value when its layer or table is missing, so the HTML page, the terminal summary and
the exports can all leave a section out instead of failing.
"""

from __future__ import annotations

import colorsys
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ficlens.document import Span, Work

PALETTE = (
    "#4e79a7", "#e15759", "#59a14f", "#f28e2b", "#b07aa1", "#76b7b2",
    "#edc948", "#ff9da7", "#9c755f", "#6b8e23", "#d37295", "#499894",
)
UNKNOWN_COLOUR = "#8a8a8a"
TYPES = ("Explicit", "Anaphoric", "Implicit")
GENDERS = {"M": "male", "F": "female", "N": "neutral", "X": "nonbinary", "U": None,
           "unknown": None}


@dataclass
class Character:
    id: str
    name: str
    aliases: list[str]
    gender: str | None
    mentions: int
    on_stage: bool | None
    lines: int = 0
    words_spoken: int = 0
    share: float = 0.0
    colour: str = UNKNOWN_COLOUR


@dataclass
class Facts:
    """The numbers and lists the reports are made of."""

    characters: list[Character] = field(default_factory=list)
    by_id: dict[str, Character] = field(default_factory=dict)
    rank: dict[str, int] = field(default_factory=dict)
    speech: list[Span] = field(default_factory=list)
    quote_types: Counter = field(default_factory=Counter)
    exchanges: Counter = field(default_factory=Counter)
    relations: list[dict[str, Any]] = field(default_factory=list)
    basis: str = "exchanges"
    non_speech: int = 0

    def name(self, char_id: Any) -> str:
        if char_id is None:
            return "unknown"
        found = self.by_id.get(str(char_id))
        return found.name if found else str(char_id)

    def colour(self, char_id: Any) -> str:
        found = self.by_id.get(str(char_id)) if char_id is not None else None
        return found.colour if found else UNKNOWN_COLOUR


def counted(number: int, noun: str, plural: str | None = None) -> str:
    """``1 scene``, ``2 scenes``: a count with its noun in the right number."""
    return f"{number:,} {noun if number == 1 else plural or noun + 's'}"


def display_title(work: Work) -> str:
    """The work's title, else its file name."""
    meta = work.metadata
    if meta.title:
        return meta.title
    return (meta.source_path or "Untitled story").replace("\\", "/").rsplit("/", 1)[-1]


def is_speech(quote: Span) -> bool:
    return quote.get("speech", True) is not False


def character_rows(work: Work) -> list[dict[str, Any]]:
    rows = work.tables.get("characters") or []
    return [r for r in rows if isinstance(r, dict) and "id" in r]


def build(work: Work) -> Facts:
    facts = Facts()
    quotes = work.layer("quotes")
    facts.speech = [q for q in quotes if is_speech(q)]
    facts.non_speech = len(quotes) - len(facts.speech)
    facts.quote_types = Counter(str(q.get("type") or "unknown") for q in facts.speech)
    lines = Counter(str(q["speaker"]) for q in facts.speech if q.get("speaker") is not None)
    words = Counter()
    for quote in facts.speech:
        if quote.get("speaker") is not None:
            words[str(quote["speaker"])] += len(work.text[quote.start : quote.end].split())
    attributed = sum(lines.values())
    for row in character_rows(work):
        char_id = str(row["id"])
        facts.characters.append(
            Character(
                id=char_id,
                name=str(row.get("name") or char_id),
                aliases=[str(a) for a in row.get("aliases") or [] if a != row.get("name")],
                gender=GENDERS.get(str(row.get("gender")), row.get("gender")),
                mentions=int(row.get("mentions") or 0),
                on_stage=row.get("on_stage"),
                lines=lines[char_id],
                words_spoken=words[char_id],
                share=lines[char_id] / attributed if attributed else 0.0,
            )
        )
    known = {c.id for c in facts.characters}
    for char_id, count in lines.items():  # speakers the character table does not list
        if char_id not in known:
            facts.characters.append(
                Character(char_id, char_id, [], None, 0, None, count, words[char_id],
                          count / attributed)
            )
    facts.characters.sort(key=lambda c: (-c.lines, -c.mentions, c.name))
    for index, character in enumerate(facts.characters):
        character.colour = colour_for(index)
    facts.by_id = {c.id: c for c in facts.characters}
    facts.rank = {c.id: index for index, c in enumerate(facts.characters)}
    facts.relations = relationship_rows(work)
    facts.exchanges, facts.basis = network_edges(facts)
    return facts


def network_edges(facts: Facts) -> tuple[Counter, str]:
    """Edge weights for the network and what they count (see ``BASIS``)."""
    found = relation_exchanges(facts.relations)
    if found:
        return found, "exchanges"
    if any(q.get("addressee") for q in facts.speech if q.get("speaker") is not None):
        return count_exchanges(facts.speech), "addressed"
    found = count_exchanges(facts.speech)
    if found:
        return found, "turns"
    return co_presence(facts.relations), "co-presence"


BASIS = {
    "exchanges": "Line width: exchanges, a line by one answered directly by the other.",
    "addressed": "Line width: lines one speaks to the other.",
    "turns": "Line width: turns, a line by one followed by a line by the other.",
    "co-presence": "No dialogue attributed yet: line width shows shared scenes and mentions "
    "of each other.",
}


def co_presence(rows: list[dict[str, Any]]) -> Counter:
    pairs: Counter = Counter()
    for row in rows:
        weight = sum(row.get(k) or 0 for k in ("co_scenes", "mentions")
                     if isinstance(row.get(k), int))
        if weight > 0 and row["source"] != row["target"]:
            pairs[tuple(sorted((str(row["source"]), str(row["target"]))))] += weight
    return pairs


def relationship_rows(work: Work) -> list[dict[str, Any]]:
    """The relations stage's pairs that name two characters, strongest first as given."""
    rows = work.tables.get("relationships")
    if not isinstance(rows, list):
        return []
    return [r for r in rows if isinstance(r, dict) and r.get("source") and r.get("target")]


def relation_exchanges(rows: list[dict[str, Any]]) -> Counter:
    """Turn exchanges per pair as the relations stage counted them (empty if it did not)."""
    pairs: Counter = Counter()
    for row in rows:
        count = row.get("exchanges")
        if isinstance(count, int) and count > 0 and row["source"] != row["target"]:
            pairs[tuple(sorted((str(row["source"]), str(row["target"]))))] += count
    return pairs


def colour_for(index: int) -> str:
    """A stable colour for the index-th character: the palette, then golden-angle hues."""
    if index < len(PALETTE):
        return PALETTE[index]
    red, green, blue = colorsys.hls_to_rgb((index * 0.381966) % 1.0, 0.52, 0.45)
    return f"#{round(red * 255):02x}{round(green * 255):02x}{round(blue * 255):02x}"


def count_exchanges(speech: list[Span]) -> Counter:
    """Lines between each unordered pair of characters.

    A line counts toward (speaker, addressee) when the addressee is known; without any
    addressees at all, consecutive lines by two different speakers count as one exchange.
    """
    pairs: Counter = Counter()
    with_addressee = [q for q in speech if q.get("speaker") is not None and q.get("addressee")]
    if with_addressee:
        for quote in with_addressee:
            a, b = str(quote["speaker"]), str(quote["addressee"])
            if a != b:
                pairs[tuple(sorted((a, b)))] += 1
        return pairs
    previous = None
    for quote in speech:
        speaker = quote.get("speaker")
        if speaker is not None and previous is not None and str(speaker) != previous:
            pairs[tuple(sorted((previous, str(speaker))))] += 1
        previous = str(speaker) if speaker is not None else None
    return pairs


# -- tables from the later stages, read defensively ------------------------------------


def arc_table(work: Work) -> dict[str, Any] | None:
    arc = work.tables.get("arc")
    if not isinstance(arc, dict):
        return None
    points = numbers(arc.get("points"))
    if len(points) < 2:
        return None
    return {**arc, "points": points, "characters": character_arcs(arc.get("characters"))}


def character_arcs(value: Any) -> dict[str, list[float]]:
    """Per-character arcs as ``{id: points}``, from a dict or a list of records."""
    arcs: dict[str, list[float]] = {}
    if isinstance(value, dict):
        items = value.items()
    elif isinstance(value, list):
        items = (
            (r.get("id", r.get("character")), r.get("points", r.get("arc")))
            for r in value
            if isinstance(r, dict)
        )
    else:
        return arcs
    for char_id, points in items:
        if isinstance(points, dict):
            points = points.get("points", points.get("arc"))
        cleaned = numbers(points)
        if char_id is not None and len(cleaned) >= 2:
            arcs[str(char_id)] = cleaned
    return arcs


def numbers(value: Any) -> list[float]:
    if not isinstance(value, list):
        return []
    out = []
    for item in value:
        if isinstance(item, bool) or not isinstance(item, int | float):
            return []
        out.append(float(item))
    return out


def pairing(work: Work, facts: Facts) -> dict[str, Any] | None:
    """Main pairing as ``{label, ids, kind, category}``, or None when not analysed."""
    ids = work.tables.get("pairing")
    detail = work.tables.get("pairing_detail")
    detail = detail if isinstance(detail, dict) else {}
    ids = [str(i) for i in ids] if isinstance(ids, list) else []
    label = detail.get("label") or detail.get("ao3")
    if not label and len(ids) == 2:
        label = "/".join(facts.name(i) for i in ids)
    if not label:
        return None
    return {
        "label": str(label),
        "ids": ids,
        "kind": detail.get("kind"),
        "category": detail.get("category"),
    }


def scene_pov(scene: Span, facts: Facts) -> str:
    """A short description of a scene's point of view, e.g. ``third · Maren``."""
    person = scene.get("person")
    focal = scene.get("focal")
    parts = []
    if person:
        parts.append(str(person))
    if focal is not None:
        parts.append(facts.name(focal))
    elif scene.get("mode"):
        parts.append(str(scene["mode"]))
    return " · ".join(parts) or "unknown"


def span_label(work: Work, span: Span, limit: int = 60) -> str:
    """A span's text on one line, shortened to ``limit`` characters."""
    text = " ".join(work.text[span.start : span.end].split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def timeline_entries(work: Work) -> list[dict]:
    """Rows of the ``timeline`` table that carry a text offset and a story day, in order."""
    rows = work.tables.get("timeline")
    if not isinstance(rows, list):
        return []
    good = [
        r for r in rows
        if isinstance(r, dict)
        and isinstance(r.get("start"), int)
        and isinstance(r.get("days"), int | float)
        and not isinstance(r.get("days"), bool)
    ]
    return sorted(good, key=lambda r: r["start"])


def human_days(days: float) -> str:
    """A span of story time in words: ``3 days``, ``2 weeks``, ``5 months``, ``1 year``."""
    size = abs(days)
    if size < 1:
        return "same day"
    if size >= 360:
        amount, unit = round(size / 365.25) or 1, "year"
    elif 7 <= size < 58 and round(size) % 7 == 0:
        amount, unit = round(size / 7), "week"
    elif size >= 29.5:
        amount, unit = round(size / 30.44), "month"
    else:
        amount, unit = round(size), "day"
    return f"{amount} {unit}{'s' * (amount != 1)}"


def cue_notes(row: dict, length: int) -> str:
    """How far a timeline cue moves the story, e.g. ``+1 week · day 7 · 9% in``."""
    notes = []
    delta = row.get("delta_days")
    if isinstance(delta, int | float) and abs(delta) >= 1:
        notes.append(("+" if delta > 0 else "−") + human_days(delta))
    notes.append(f"day {row['days']:,.0f}" if row["days"] else "opening day")
    if row.get("flashback"):
        notes.append("flashback")
    notes.append(f"{row['start'] / max(length, 1):.0%} in")
    return " · ".join(notes)
