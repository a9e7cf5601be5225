"""Distinctive portrait words across a corpus: what sets one character (across works), or the
female characters of a fandom, apart from the others.

Each stored work keeps its portraits as counts, (character, role, lemma) -> n, in the
``portraits`` table (packed per character over the ids of ``portrait_words``; see
schema.py). A question compares two groups of characters:

* ``--character NAME``: the characters of every selected work that NAME names, against every
  other character of those works. Identity across works is by name: a work's character is
  NAME when its name, one of its aliases or its canonical name (``corpus link`` clusters a
  fandom's characters, see ``canonical.py``) is NAME, normalised (case and spacing); a word of
  a name counts when nobody in that work has NAME as a whole name ("Mirela" finds "Mirela
  Vance"). Give ``--fandom`` to keep two fandoms' characters of one name apart: without it
  every work is searched.
* ``--gender F|M|N``: the characters of that gender against those of the other gender
  (female against male, male against female; nonbinary against everyone else).

How the works are combined: within each work, each group's counts are pooled (all its
characters in that work, the roles asked for), then scaled to one common total, the median of
the group's per-work totals: ``weight_w = median_total / total_w``. Every work thus weighs the
same in its group (its words' shares count, not its length), and the group's counts keep the
size of a typical work's, so the prior and the z-scores' variances stay those of real counts. A
novel-length work that says "brood" five hundred times weighs no more than a one-shot that says
"laugh" three times. The groups' combined counts are then compared by the log-odds ratio with an
informative Dirichlet prior (``distinctive.log_odds``, Monroe et al. 2008), the prior being
both groups together.
"""

from __future__ import annotations

import json
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

from ficlens.corpus.distinctive import log_odds
from ficlens.corpus.packing import unpack_counts
from ficlens.corpus.store import Corpus
from ficlens.errors import InputError

ROLES = ("agent", "patient", "poss", "mod")
GENDERS = {"female": "F", "f": "F", "male": "M", "m": "M", "nonbinary": "N", "n": "N"}
OPPOSITE = {"F": ("M",), "M": ("F",), "N": ("F", "M", "U", None)}

Word = tuple[str, str]  # (role, lemma)
Unit = tuple[int, str]  # (work id, character id)


@dataclass(frozen=True, slots=True)
class PortraitQuestion:
    character: str | None = None
    gender: str | None = None
    fandom: str | None = None
    role: str | None = None
    top: int = 15

    def __post_init__(self) -> None:
        if bool(self.character) == bool(self.gender):
            raise InputError("--distinctive needs one of --character NAME or --gender")
        if self.role is not None and self.role not in ROLES:
            raise InputError(f"--role must be one of {', '.join(ROLES)}, not {self.role!r}")
        if self.gender is not None and self.gender.lower() not in GENDERS:
            raise InputError(f"--gender must be female, male or nonbinary, not {self.gender!r}")


def distinctive_portraits(corpus: Corpus, question: PortraitQuestion) -> dict[str, Any]:
    """The words most distinctive of group A (the character or gender asked for) and of
    group B (the rest), with the works each group was found in."""
    rows = _portrait_rows(corpus, question.fandom, question.role)
    if question.character:
        members = _named(corpus, question.character, question.fandom)
        group_of: dict[Unit, bool | None] = {unit: unit in members for unit in rows}
    else:
        gender = GENDERS[question.gender.lower()]
        genders = _genders(corpus, question.fandom)
        group_of = {unit: True if genders.get(unit) == gender
                    else False if genders.get(unit) in OPPOSITE[gender] else None
                    for unit in rows}
    per_work: dict[bool, dict[int, Counter]] = {True: defaultdict(Counter),
                                                 False: defaultdict(Counter)}
    for unit, counts in rows.items():
        group = group_of.get(unit)
        if group is not None:
            per_work[group][unit[0]].update(counts)
    group_a, group_b = combined(per_work[True]), combined(per_work[False])
    scored = log_odds(group_a, group_b)
    top = question.top
    return {
        "question": {"character": question.character, "gender": question.gender,
                     "fandom": question.fandom, "role": question.role},
        "works_a": len(per_work[True]), "works_b": len(per_work[False]),
        "work_weight_a": _median_total(per_work[True]),
        "work_weight_b": _median_total(per_work[False]),
        "a": [_entry(d, per_work[True]) for d in scored[:top] if d.z > 0],
        "b": [_entry(d, per_work[False]) for d in reversed(scored[-top:]) if d.z < 0],
    }


def combined(per_work: dict[int, Counter]) -> Counter:
    """Each work's counts scaled to the median per-work total, then summed (see the module)."""
    common = _median_total(per_work)
    total: Counter = Counter()
    for counts in per_work.values():
        size = sum(counts.values())
        for word, n in counts.items():
            total[word] += n * common / size
    return total


def _median_total(per_work: dict[int, Counter]) -> float:
    sizes = [sum(counts.values()) for counts in per_work.values()]
    return float(statistics.median(sizes)) if sizes else 0.0


def _entry(d: Any, per_work: dict[int, Counter]) -> dict[str, Any]:
    role, lemma = d.word
    return {"role": role, "lemma": lemma, "z": round(d.z, 3), "delta": round(d.delta, 3),
            "weight_a": round(d.count_a, 2), "weight_b": round(d.count_b, 2),
            "works": sum(1 for counts in per_work.values() if counts[d.word])}


def _in_fandom(fandom: str | None, column: str) -> tuple[str, list[Any]]:
    """The clause keeping the works of a fandom tag (whole or one of its `|` variants)."""
    if not fandom:
        return "", []
    key = fandom.strip().lower()
    return (f" AND {column} IN (SELECT work_id FROM tags WHERE key = ? AND kind = 'fandoms' "
            "UNION SELECT work_id FROM tag_variants WHERE key = ? AND kind = 'fandoms')",
            [key, key])


def _portrait_rows(corpus: Corpus, fandom: str | None,
                   role: str | None) -> dict[Unit, Counter]:
    """Each (work, character)'s counts of the (role, lemma) words asked for."""
    words: dict[int, Word] = {
        word_id: (role_, lemma) for word_id, role_, lemma in corpus.conn.execute(
            "SELECT id, role, lemma FROM portrait_words" + (" WHERE role = ?" if role else ""),
            (role,) if role else ())
    }
    where, params = _in_fandom(fandom, "work_id")
    rows: dict[Unit, Counter] = {}
    for work_id, char_id, blob in corpus.conn.execute(
        "SELECT work_id, char_id, counts FROM portraits WHERE 1" + where, params
    ):
        counts = Counter({words[w]: n for w, n in unpack_counts(blob) if w in words})
        if counts:
            rows[(work_id, char_id)] = counts
    return rows


def _named(corpus: Corpus, name: str, fandom: str | None) -> set[Unit]:
    """The characters NAME names, per work: whole-name matches first (see the module)."""
    key = " ".join(name.split()).lower()
    where, params = _in_fandom(fandom, "m.work_id")
    found: dict[int, list[tuple[str, bool]]] = defaultdict(list)
    for work_id, char_id, own, aliases, canonical in corpus.conn.execute(
        "SELECT m.work_id, m.char_id, c.name, c.aliases, c.canonical FROM names m "
        "JOIN characters c ON c.work_id = m.work_id AND c.char_id = m.char_id "
        "WHERE m.key = ?" + where, [key, *params]
    ):
        wholes = {" ".join(n.split()).lower() for n in [own, canonical, *json.loads(aliases)]
                  if n}
        found[work_id].append((char_id, key in wholes))
    members = set()
    for work_id, candidates in found.items():
        whole = [c for c, is_whole in candidates if is_whole]
        members.update((work_id, c) for c in (whole or [c for c, _ in candidates]))
    return members


def _genders(corpus: Corpus, fandom: str | None) -> dict[Unit, str | None]:
    where, params = _in_fandom(fandom, "work_id")
    return {(w, c): g for w, c, g in corpus.conn.execute(
        "SELECT work_id, char_id, gender FROM characters WHERE 1" + where, params)}

