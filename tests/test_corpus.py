"""The corpus store: round trip, resumable adds, crash integrity, search, links, stats."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap

import pytest

from ficlens.corpus.canonical import canonical_names
from ficlens.corpus.links import WorkInfo, all_links, make_sketch
from ficlens.corpus.schema import SCHEMA_VERSION
from ficlens.corpus.search import Filters, search_quotes, search_works
from ficlens.corpus.stats import corpus_stats
from ficlens.corpus.store import Corpus, content_hash
from ficlens.document import Metadata, Span, Work
from ficlens.errors import InputError


def analysed_work(title: str, speaker_first: str, body: str) -> Work:
    """A small work with hand-made analysis layers, as the pipeline would leave them."""
    text = f'"I missed you," {speaker_first} said. "{body}" Eli answered.'
    work = Work(text=text, metadata=Metadata(title=title, authors=["tester"], rating="General",
                                             fandoms=["Harbor Lights"], additional_tags=["Fluff"]))
    first_end = text.index(",") + 2
    second_start = text.index('"', first_end + 1)
    second_end = text.index('"', second_start + 1) + 1
    work.add_layer("quotes", [
        Span(0, first_end, {"text": "I missed you,", "speaker": "C0", "addressee": "C1",
                            "type": "Explicit", "confidence": 0.9}),
        Span(second_start, second_end, {"text": body, "speaker": "C1", "addressee": "C0",
                                        "type": "Explicit", "confidence": 0.8}),
    ])
    work.set_table("characters", [
        {"id": "C0", "name": f"{speaker_first} Quinn", "aliases": [speaker_first], "gender": "F",
         "mentions": 3},
        {"id": "C1", "name": "Eli Brandt", "aliases": ["Eli"], "gender": "M", "mentions": 2},
    ])
    work.set_table("pairing", ["C0", "C1"])
    work.set_table("pairing_detail", {"ao3": f"Eli Brandt/{speaker_first} Quinn",
                                      "kind": "romantic", "category": "F/M"})
    return work


@pytest.fixture
def corpus(tmp_path):
    with Corpus(tmp_path / "c.db", create=True) as db:
        db.add(analysed_work("Lamp Light", "Nora", "The lamp is still lit."), "h1")
        db.add(analysed_work("Salt", "Maya", "The tide came back."), "h2")
        yield db


def test_store_round_trip_keeps_the_whole_document(corpus):
    work_id = corpus.work_ids()[0]
    again = corpus.load(work_id)
    original = analysed_work("Lamp Light", "Nora", "The lamp is still lit.")
    assert again.to_json() == original.to_json()
    assert corpus.count("quotes") == 4
    assert corpus.query("PRAGMA journal_mode")[0]["journal_mode"] == "wal"
    assert corpus.query("PRAGMA user_version")[0]["user_version"] == SCHEMA_VERSION


def test_adding_the_same_content_twice_is_skipped(corpus):
    assert corpus.add(analysed_work("Lamp Light", "Nora", "The lamp is still lit."), "h1") is None
    assert corpus.count("works") == 2


def test_opening_a_missing_or_foreign_file_is_a_clear_error(tmp_path):
    with pytest.raises(InputError, match="no corpus here"):
        Corpus(tmp_path / "none.db")
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(InputError, match="not a ficlens corpus"):
        Corpus(junk)


def test_search_filters_speaker_addressee_pairing_tag(corpus):
    lines = search_quotes(corpus, "", Filters(speaker="Eli", addressee="Nora"))
    assert [r["text"] for r in lines] == ["The lamp is still lit."]
    assert search_quotes(corpus, "tide", Filters())[0]["speaker_name"] == "Eli Brandt"
    works = search_works(corpus, "", Filters(pairing="Maya/Eli"))
    assert [w["title"] for w in works] == ["Salt"]
    assert len(search_works(corpus, "", Filters(tag="fluff"))) == 2
    assert search_works(corpus, "lamp", Filters(rating="general"))[0]["title"] == "Lamp Light"
    assert search_works(corpus, "lamp", Filters(min_words=1000)) == []


def test_stats_count_pairings_and_dialogue_share(corpus):
    stats = corpus_stats(corpus)
    assert stats["works"] == 2
    assert {row["value"] for row in stats["pairings"]} == {"Eli Brandt/Nora Quinn",
                                                          "Eli Brandt/Maya Quinn"}
    eli = next(r for r in stats["characters_by_dialogue"] if r["character"] == "Eli Brandt")
    assert eli["lines"] == 2 and eli["dialogue_share"] == 0.5


KILLER = textwrap.dedent("""
    import os, sys
    from ficlens.corpus import store
    from tests.test_corpus import analysed_work
    real = store._insert_children
    calls = {"n": 0}
    def dying(conn, work_id, rows, text):
        calls["n"] += 1
        if calls["n"] == 3:
            conn.execute("INSERT INTO names VALUES (?, ?, ?)", ("x", work_id, "C9"))
            os._exit(9)  # killed in the middle of writing the third work
        real(conn, work_id, rows, text)
    store._insert_children = dying
    with store.Corpus(sys.argv[1], create=True) as db:
        for i in range(5):
            db.add(analysed_work(f"Work {i}", "Nora", f"Line {i}."), f"hash{i}")
""")


def test_killing_the_process_mid_batch_leaves_only_whole_works(tmp_path):
    db_path = tmp_path / "killed.db"
    done = subprocess.run([sys.executable, "-c", KILLER, str(db_path)], cwd=str(_repo()),
                          capture_output=True, text=True)
    assert done.returncode == 9, done.stderr
    conn = sqlite3.connect(db_path)
    assert conn.execute("SELECT count(*) FROM works").fetchone()[0] == 2
    orphans = conn.execute(
        "SELECT count(*) FROM names WHERE work_id NOT IN (SELECT id FROM works)"
    ).fetchone()[0]
    assert orphans == 0
    assert conn.execute("SELECT count(*) FROM quotes").fetchone()[0] == 4
    conn.close()
    with Corpus(db_path) as db:  # and the file is still a good corpus to go on with
        assert db.add(analysed_work("Work 2", "Nora", "Line 2."), "hash2") is not None


def _repo():
    from pathlib import Path

    return Path(__file__).resolve().parent.parent


PART_ONE = ("Nora Quinn came back to Gull Point for the lighthouse and the brass lamp her father "
            "polished. Eli waited at the stairs with coffee and the old ring in his pocket. ") * 20
PART_TWO = ("Eli kept the ring. Nora stayed the winter at the lighthouse of Gull Point; the brass "
            "lamp turned every night and the coffee was still terrible. ") * 20
OTHER = ("Maya ran the bakery in the city and argued with the flour supplier about invoices. "
         "Her brother Tom fixed bicycles and never answered his phone. ") * 20


def info(work_id, title, text, notes, pairing, series=()) -> WorkInfo:
    return WorkInfo(work_id, title, pairing, list(series), make_sketch(text, notes))


def sequel_links(works):
    return [link for link in all_links(works) if link["kind"] == "sequel"]


def duplicate_links(works):
    return [link for link in all_links(works) if link["kind"] == "duplicate"]


def test_a_sequel_links_to_its_first_part_and_nothing_else_links():
    works = [
        info(1, "Lamp Light", PART_ONE, "A/N: a oneshot, maybe more.", "Eli/Nora"),
        info(2, "Flour", OTHER, "", "Maya & Tom"),
        info(3, "After the Lamp", PART_TWO,
                   "A/N: you asked for a second part, so here it is!", "Eli/Nora"),
    ]
    links = sequel_links(works)
    assert [(link["source"], link["target"]) for link in links] == [(1, 3)]
    assert any("second part" in e for e in links[0]["evidence"])


def test_series_metadata_alone_makes_a_sequel_and_title_stems_count():
    a = info(1, "Either Way", OTHER, "", None, [{"name": "Tides", "part": 1}])
    b = info(2, "Either Way, Part 2", PART_ONE, "", None, [{"name": "Tides", "part": 2}])
    links = sequel_links([a, b])
    assert links and links[0]["score"] == 1.0
    assert any("title stem" in e for e in links[0]["evidence"])


def test_near_duplicates_are_found_and_distinct_works_are_not():
    repost = PART_ONE.replace("coffee", "tea", 1)
    works = [info(1, "a", PART_ONE, "", None), info(2, "b", repost, "", None),
             info(3, "c", OTHER, "", None)]
    assert [(d["source"], d["target"]) for d in duplicate_links(works)] == [(1, 2)]


def test_characters_are_canonicalised_across_works_of_a_fandom():
    rows = [
        {"work_id": 1, "char_id": "C0", "name": "Lucas Scott", "aliases": ["Lucas", "Luke"]},
        {"work_id": 2, "char_id": "C3", "name": "Luke", "aliases": ["Luke"]},
        {"work_id": 2, "char_id": "C4", "name": "Nathan Scott", "aliases": ["Nathan"]},
        {"work_id": 3, "char_id": "C0", "name": "Lucas Scott", "aliases": ["Mr. Scott"]},
        {"work_id": 3, "char_id": "C1", "name": "Dan Scott", "aliases": ["Mr. Scott"]},
    ]
    names = canonical_names(rows)
    assert names[(2, "C3")] == "Lucas Scott"
    assert names[(3, "C0")] == "Lucas Scott"
    assert names[(2, "C4")] == "Nathan Scott"
    assert names[(3, "C1")] == "Dan Scott"


def test_a_shared_description_does_not_merge_two_characters():
    rows = [
        {"work_id": 1, "char_id": "C0", "name": "Lucas Scott", "aliases": ["the coach"]},
        {"work_id": 2, "char_id": "C0", "name": "Whitey Durham", "aliases": ["the coach"]},
        {"work_id": 2, "char_id": "C1", "name": "the narrator", "aliases": []},
        {"work_id": 3, "char_id": "C0", "name": "the narrator", "aliases": ["Lucas Scott"]},
    ]
    names = canonical_names(rows)
    assert names[(1, "C0")] == "Lucas Scott" and names[(2, "C0")] == "Whitey Durham"
    assert names[(3, "C0")] == "Lucas Scott"  # a narrator others call Lucas Scott is him
    assert names[(2, "C1")] == "the narrator"


def test_content_hash_is_sha256():
    assert content_hash(b"") == (
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    )


def add_one_pair_under_two_names(db: Corpus) -> None:
    """Two works naming one pair differently: "Eli"/"Nora Quinn" and "Eli Brandt"/"Nora"."""
    names = {"a": ("Eli", "Nora Quinn"), "b": ("Eli Brandt", "Nora")}
    for digest, (eli, nora) in names.items():
        work = analysed_work(f"Work {digest}", "Nora", "Hello.")
        work.set_table("characters", [
            {"id": "C0", "name": nora, "aliases": ["Nora"], "gender": "F", "mentions": 3},
            {"id": "C1", "name": eli, "aliases": ["Eli"], "gender": "M", "mentions": 2},
        ])
        work.set_table("pairing_detail", {"ao3": f"{eli}/{nora}", "kind": "romantic"})
        db.add(work, digest)


def test_stats_count_a_pairing_once_under_canonical_names(tmp_path):
    from ficlens.corpus.canonical import canonicalise

    with Corpus(tmp_path / "p.db", create=True) as db:
        add_one_pair_under_two_names(db)
        canonicalise(db)
        assert corpus_stats(db)["pairings"] == [{"value": "Eli Brandt/Nora Quinn", "works": 2}]
