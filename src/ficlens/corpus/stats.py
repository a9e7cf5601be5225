"""Corpus statistics: pairings, dialogue share, POV and arc-shape distributions, and the
archive's fandoms, ratings, relationship and character tags.

Everything is read from ``totals``, which triggers keep up to date as works are stored and
characters canonicalised, so the cost does not grow with the corpus.
"""

from __future__ import annotations

from typing import Any

from ficlens.corpus.store import Corpus

# section of the report -> (kind in totals, column name of the count)
COUNTED = {
    "pairings": ("canonical_pairing", "works"),
    "categories": ("category", "works"),
    "arc_shapes": ("arc_shape", "works"),
    "pov_modes": ("pov_mode", "scenes"),
    "links": ("link", "n"),
    "fandoms": ("tag:fandoms", "works"),
    "ratings": ("tag:rating", "works"),
    "relationship_tags": ("tag:relationships", "works"),
    "character_tags": ("tag:characters", "works"),
    "freeform_tags": ("tag:freeform_tags", "works"),
}


def corpus_stats(corpus: Corpus, top: int = 10) -> dict[str, Any]:
    works, words = corpus.total("corpus", "works")
    quotes, lines = corpus.total("corpus", "quotes")
    characters = corpus.query(
        "SELECT value AS character, lines, n AS works FROM totals WHERE kind = 'character' "
        "AND n > 0 ORDER BY lines DESC, n DESC LIMIT ?", (top,),
    )
    for row in characters:
        row["dialogue_share"] = round(row["lines"] / lines, 4) if lines else 0.0
    data: dict[str, Any] = {"works": works, "words": words, "quotes": quotes}
    for section, (kind, label) in COUNTED.items():
        data[section] = corpus.query(
            f"SELECT value, n AS {label} FROM totals WHERE kind = ? AND n > 0 "  # noqa: S608
            "ORDER BY n DESC, value LIMIT ?", (kind, top),
        )
    data["characters_by_dialogue"] = characters
    return data
