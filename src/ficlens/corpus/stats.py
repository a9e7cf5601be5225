"""Corpus statistics: pairings, dialogue share, POV and arc-shape distributions."""

from __future__ import annotations

from collections import Counter
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
        "pairings": canonical_pairings(corpus, top),
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


def canonical_pairings(corpus: Corpus, top: int) -> list[dict[str, Any]]:
    """Main pairings counted under the characters' canonical names, so that "Lucas/Peyton
    Sawyer" in one work and "Lucas Scott/Peyton" in another count as one pairing."""
    canon = {
        (row["work_id"], row["name"]): row["canonical"] or row["name"]
        for row in corpus.query("SELECT work_id, name, canonical FROM characters")
    }
    counts: Counter[str] = Counter()
    for work in corpus.query("SELECT id, pairing FROM works WHERE pairing IS NOT NULL"):
        separator = " & " if " & " in work["pairing"] else "/"
        sides = [canon.get((work["id"], side), side) for side in work["pairing"].split(separator)]
        counts[separator.join(sorted(sides))] += 1
    return [{"value": value, "works": n} for value, n in counts.most_common(top)]


def _counted(corpus: Corpus, column: str, top: int) -> list[dict[str, Any]]:
    return corpus.query(
        f"SELECT {column} AS value, count(*) AS works FROM works "  # noqa: S608
        f"WHERE {column} IS NOT NULL GROUP BY {column} ORDER BY works DESC LIMIT ?",
        (top,),
    )
