"""Characters canonicalised across the works of a fandom (Tob in one work = Tobin Hale in
another).

Within one fandom, two characters of different works are the same person when they share a
full name, or share a first name or nickname that no other character of the fandom uses. Each
cluster is named by its most common full name.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from ficlens.corpus.store import Corpus

Key = tuple[int, str]  # (work id, character id)
HONORIFICS = {"mr.", "mrs.", "miss", "ms.", "dr.", "mr", "mrs", "ms", "dr", "coach"}


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[Key, Key] = {}

    def find(self, key: Key) -> Key:
        self.parent.setdefault(key, key)
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def union(self, a: Key, b: Key) -> None:
        self.parent[self.find(a)] = self.find(b)


DETERMINERS = ("the ", "a ", "an ")


def _names(row: dict) -> set[str]:
    """A character's names; descriptions ("the narrator", "the woman behind the counter")
    name someone only within their own work."""
    names = {n.strip().lower() for n in [row["name"], *row["aliases"]] if n.strip()}
    return {n for n in names if not n.startswith(DETERMINERS)}


def _is_full_name(name: str) -> bool:
    parts = name.split()
    return len(parts) >= 2 and parts[0] not in HONORIFICS


def canonical_names(rows: list[dict]) -> dict[Key, str]:
    """Rows of one fandom (work_id, char_id, name, aliases, gender) -> canonical name per key."""
    sets = {(r["work_id"], r["char_id"]): _names(r) for r in rows}
    owners: dict[str, set[Key]] = defaultdict(set)
    for key, names in sets.items():
        for name in names:
            owners[name].add(key)
    groups = _UnionFind()
    for name, keys in owners.items():
        works = {k[0] for k in keys}
        distinct_in_a_work = len(keys) > len(works)  # two characters of one work share it
        if len(keys) < 2 or distinct_in_a_work:
            continue
        if _is_full_name(name) or _unique_short_name(name, keys, sets):
            first, *rest = sorted(keys)
            for key in rest:
                groups.union(first, key)
    clusters: dict[Key, list[Key]] = defaultdict(list)
    for key in sets:
        clusters[groups.find(key)].append(key)
    result: dict[Key, str] = {}
    by_key = {(r["work_id"], r["char_id"]): r for r in rows}
    for members in clusters.values():
        label = _cluster_label([by_key[k] for k in members])
        result.update({k: label for k in members})
    return result


def _unique_short_name(name: str, keys: set[Key], sets: dict[Key, set[str]]) -> bool:
    """A short name links works only when the characters holding it agree on a full name or
    hold no conflicting full name (Tob vs Tobin Hale: fine; two different Hales: not)."""
    if name in HONORIFICS or name.startswith(tuple(HONORIFICS)):
        return False
    full = [{n for n in sets[k] if _is_full_name(n)} for k in keys]
    named = [f for f in full if f]
    return all(named[0] & f for f in named[1:]) if named else True


def _cluster_label(rows: list[dict]) -> str:
    counts = Counter(r["name"] for r in rows if _is_full_name(r["name"].lower()))
    if not counts:
        counts = Counter(r["name"] for r in rows)
    return counts.most_common(1)[0][0]


def canonicalise(corpus: Corpus, fandoms: set[str] | None = None) -> int:
    """Set ``characters.canonical`` for the characters of ``fandoms`` (all when None), and
    each of their works' pairing under canonical names; returns the cluster count.

    The rows are read inside the write transaction, so two processes canonicalising at once
    each see the other's finished work."""
    from ficlens.corpus.store import canonical_pairing, write_canonical

    first_fandom = "coalesce(json_extract(w.fandoms, '$[0]'), '(no fandom)')"
    sql = ("SELECT c.work_id, c.char_id, c.name, c.aliases, " + first_fandom + " AS fandom "
           "FROM characters c JOIN works w ON w.id = c.work_id")
    params: list[str] = []
    if fandoms is not None:
        if not fandoms:
            return 0
        sql += f" WHERE {first_fandom} IN ({','.join('?' * len(fandoms))})"
        params = sorted(fandoms)
    names: dict[Key, str] = {}
    with corpus.transaction() as conn:
        rows = [_decoded(dict(r)) for r in conn.execute(sql, params)]
        by_fandom: dict[str, list[dict]] = defaultdict(list)
        for row in rows:
            by_fandom[row["fandom"]].append(row)
        for fandom_rows in by_fandom.values():
            names.update(canonical_names(fandom_rows))
        write_canonical(conn, names)
        _write_pairings(conn, rows, names, canonical_pairing)
    return len(set(names.values()))


def _decoded(row: dict) -> dict:
    import json

    row["aliases"] = json.loads(row["aliases"])
    return row


def _write_pairings(conn, rows: list[dict], names: dict[Key, str], label_of) -> None:
    by_work: dict[int, dict[str, str]] = defaultdict(dict)
    for row in rows:
        by_work[row["work_id"]][row["name"]] = names.get((row["work_id"], row["char_id"]),
                                                         row["name"])
    for work_id, canon in by_work.items():
        found = conn.execute("SELECT pairing, canonical_pairing FROM works WHERE id = ?",
                             (work_id,)).fetchone()
        label = label_of(found[0], canon)
        if label != found[1]:
            conn.execute("UPDATE works SET canonical_pairing = ? WHERE id = ?", (label, work_id))
