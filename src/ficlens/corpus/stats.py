"""Corpus statistics: pairings, dialogue share, POV and arc-shape distributions."""

from __future__ import annotations

from typing import Any

from ficlens.corpus.store import Corpus


def corpus_stats(corpus: Corpus, top: int = 10) -> dict[str, Any]:
    total_lines = corpus.query("SELECT count(*) AS n FROM quotes WHERE speaker IS NOT NULL")[0]["n"]
    characters = corpus.query(
        "SELECT coalesce(canonical, name) AS character, sum(lines) AS lines, "
        "count(DISTINCT work_id) AS works FROM characters "
        "GROUP BY coalesce(canonical, name) ORDER BY lines DESC, works DESC LIMIT ?",
        (top,),
    )
    for row in characters:
        row["dialogue_share"] = round(row["lines"] / total_lines, 4) if total_lines else 0.0
    return {
        "works": corpus.count("works"),
        "words": corpus.query("SELECT coalesce(sum(words), 0) AS n FROM works")[0]["n"],
        "quotes": corpus.count("quotes"),
        "pairings": _counted(corpus, "pairing", top),
        "categories": _counted(corpus, "category", top),
        "arc_shapes": _counted(corpus, "arc_shape", top),
        "characters_by_dialogue": characters,
        "pov_modes": corpus.query(
            "SELECT mode AS value, count(*) AS scenes FROM scenes GROUP BY mode "
            "ORDER BY scenes DESC"
        ),
        "links": corpus.query(
            "SELECT kind AS value, count(*) AS n FROM links GROUP BY kind ORDER BY n DESC"
        ),
    }


def _counted(corpus: Corpus, column: str, top: int) -> list[dict[str, Any]]:
    return corpus.query(
        f"SELECT {column} AS value, count(*) AS works FROM works "  # noqa: S608
        f"WHERE {column} IS NOT NULL GROUP BY {column} ORDER BY works DESC LIMIT ?",
        (top,),
    )
