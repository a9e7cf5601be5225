"""The corpus at archive scale: slim exact storage, migration, indexed filters, maintained
totals, incremental links, hostile queries and text, concurrent writers."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import textwrap
import zlib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ficlens.cli import app
from ficlens.corpus import codec
from ficlens.corpus.build import link_added, relink
from ficlens.corpus.links import WorkInfo, all_links, load_infos
from ficlens.corpus.schema import MIGRATIONS, SCHEMA_VERSION
from ficlens.corpus.search import Filters, fts_query, search_quotes, search_works
from ficlens.corpus.stats import corpus_stats
from ficlens.corpus.store import Corpus
from ficlens.document import Metadata, Span, Work
from tests.test_corpus import (
    OTHER,
    PART_ONE,
    PART_TWO,
    add_one_pair_under_two_names,
    analysed_work,
)

REPO = Path(__file__).resolve().parent.parent


def tokenised(work: Work) -> Work:
    """The work with a token layer like the nlp stage's (lemmas, heads, a missing attr)."""
    spans = []
    for i, (start, word) in enumerate(_words(work.text)):
        attrs = {"pos": "X", "lemma": word.lower(), "head": max(0, i - 1), "sent": i // 7}
        if i % 5 == 0:
            attrs["lemma"] = "be"
        if i % 11 == 0:
            del attrs["sent"]
        spans.append(Span(start, start + len(word), attrs))
    work.add_layer("tokens", spans)
    return work


def _words(text: str):
    import re

    return [(m.start(), m.group()) for m in re.finditer(r"\S+", text)]


def test_stored_analysis_rebuilds_the_exact_json():
    work = tokenised(analysed_work("Lamp", "Nora", "The lamp is still lit."))
    work.set_table("arc", {"shape": "rise", "points": [0.1, -0.25, 1e-9]})
    blob = codec.encode(work)
    assert codec.decode(work.text, blob).to_json() == work.to_json()


def test_a_work_is_stored_once_and_loads_exactly(tmp_path):
    work = tokenised(analysed_work("Lamp", "Nora", "The lamp is still lit. " * 200))
    with Corpus(tmp_path / "c.db", create=True) as db:
        work_id = db.add(work, "h1")
        assert db.load(work_id).to_json() == work.to_json()
        stored = db.conn.execute("SELECT text FROM quotes").fetchall()
        assert all(row[0] is None or row[0] != "" for row in stored)
        full = len(zlib.compress(work.to_json().encode(), 6))
        blob = db.conn.execute("SELECT length(data) FROM documents").fetchone()
        assert blob[0] < full


def _old_corpus(path: Path, works: list[tuple[Work, str]]) -> None:
    """A database as ficlens 581afa7 wrote it (schema v3, the document a zlib JSON blob)."""
    conn = sqlite3.connect(path, isolation_level=None)
    for number, script in enumerate(MIGRATIONS):
        conn.executescript("BEGIN;" + script + f"PRAGMA user_version = {number + 1}; COMMIT;")
    for work, digest in works:
        conn.execute(
            "INSERT INTO works(content_hash, title, words, fandoms, document) "
            "VALUES (?, ?, ?, ?, ?)",
            (digest, work.metadata.title, work.word_count, json.dumps(work.metadata.fandoms),
             zlib.compress(work.to_json().encode("utf-8"))),
        )
    conn.close()


def test_init_migrates_an_old_corpus_and_other_commands_point_to_it(tmp_path):
    db = tmp_path / "old.db"
    works = [(analysed_work("Lamp Light", "Nora", "The lamp is still lit."), "h1"),
             (analysed_work("Salt", "Maya", "The tide came back."), "h2")]
    _old_corpus(db, works)
    runner = CliRunner()
    refused = runner.invoke(app, ["corpus", "search", str(db), "lamp"])
    assert refused.exit_code != 0 and "corpus init" in str(refused.exception)
    done = runner.invoke(app, ["corpus", "init", str(db)])
    assert done.exit_code == 0, done.output
    assert "migrated from schema v3" in done.output
    with Corpus(db) as corpus:
        assert corpus.query("PRAGMA user_version")[0]["user_version"] == SCHEMA_VERSION
        assert [corpus.load(i).to_json() for i in corpus.work_ids()] == [
            w.to_json() for w, _ in works]
        assert search_works(corpus, "lamp", Filters())[0]["title"] == "Lamp Light"
        assert corpus_stats(corpus)["works"] == 2


def tagged_work(title: str, first: str, fandom: str, relationship: str, character: str,
                rating: str = "Mature") -> Work:
    work = analysed_work(title, first, f"{title} is here.")
    meta = work.metadata
    meta.fandoms = [fandom]
    meta.rating = rating
    meta.relationships = [relationship]
    meta.characters = [character]
    if hasattr(meta, "freeform_tags"):
        meta.freeform_tags = ["Slow Burn"]
    else:  # before the readers' normalised metadata: kept as an extra field
        meta.extra["freeform_tags"] = ["Slow Burn"]
    return work


def test_archive_metadata_is_filterable_and_counted(tmp_path):
    with Corpus(tmp_path / "m.db", create=True) as db:
        db.add(tagged_work("Tide", "Nora", "Harbor Lights", "Eli/Nora", "Nora Quinn"), "a")
        db.add(tagged_work("Ash", "Maya", "Ember Saga", "Maya/Tom", "Tom Reed", "Explicit"), "b")
        db.add(tagged_work("Dune", "Ivy", "Ember Saga", "Ivy/Tom", "Tom Reed"), "c")

        def titles(**options) -> list[str]:
            return sorted(w["title"] for w in search_works(db, "", Filters(**options)))

        assert titles(fandom="ember saga") == ["Ash", "Dune"]
        assert titles(relationship="Eli/Nora") == ["Tide"]
        assert titles(character_tag="tom reed") == ["Ash", "Dune"]
        assert titles(rating="explicit") == ["Ash"]
        assert titles(tag="slow burn") == ["Ash", "Dune", "Tide"]
        assert titles(fandom="Ember Saga", rating="Mature") == ["Dune"]
        stats = corpus_stats(db)
        assert stats["fandoms"][0] == {"value": "Ember Saga", "works": 2}
        assert {"value": "Explicit", "works": 1} in stats["ratings"]
        assert stats["relationship_tags"][0]["works"] == 1
        assert stats["character_tags"][0] == {"value": "Tom Reed", "works": 2}


def test_name_filters_match_a_whole_name_or_any_word_of_it(corpus_of_three):
    db = corpus_of_three
    said = search_quotes(db, "", Filters(speaker="eli brandt", addressee="Nora"))
    assert [r["text"] for r in said] == ["The lamp is still lit."]
    assert search_works(db, "", Filters(character="quinn"))
    assert search_works(db, "", Filters(character="Eli Bra")) == []  # no substring matches
    assert [w["title"] for w in search_works(db, "", Filters(pairing="Nora / Eli"))] == ["Lamp"]


@pytest.fixture
def corpus_of_three(tmp_path):
    with Corpus(tmp_path / "t.db", create=True) as db:
        db.add(analysed_work("Lamp", "Nora", "The lamp is still lit."), "h1")
        db.add(analysed_work("Salt", "Maya", "The tide came back."), "h2")
        db.add(analysed_work("Odd [/i] title", "Ivy", "They were [b]his[/b] book [/i]."), "h3")
        yield db


@pytest.mark.parametrize("query", ['*', '"', '""', "AND", "NEAR(", "-", "^", "'", "(", "*:*",
                                   "col:lamp", "lamp OR", '"unclosed phrase'])
def test_fts_syntax_in_a_query_is_only_words(corpus_of_three, query):
    assert all('"' not in term.strip('"') for term in fts_query(query).split('" "'))
    search_works(corpus_of_three, query, Filters())
    search_quotes(corpus_of_three, query, Filters())


def test_a_phrase_is_matched_as_a_phrase_in_works_and_quotes(corpus_of_three):
    db = corpus_of_three
    assert [w["title"] for w in search_works(db, '"still lit"', Filters())] == ["Lamp"]
    assert search_works(db, '"lit still"', Filters()) == []
    assert [w["title"] for w in search_works(db, '"lamp is" missed', Filters())] == ["Lamp"]
    assert [q["text"] for q in search_quotes(db, '"tide came"', Filters())] == [
        "The tide came back."]
    assert search_quotes(db, '"came tide"', Filters()) == []


def test_a_query_of_punctuation_is_one_error_line(tmp_path):
    db = tmp_path / "c.db"
    with Corpus(db, create=True) as corpus:
        corpus.add(analysed_work("Lamp", "Nora", "The lamp is still lit."), "h1")
    for query in ("*", '"', "***"):
        found = subprocess.run([sys.executable, "-m", "ficlens", "corpus", "search", str(db),
                                "--", query], capture_output=True, text=True, timeout=120)
        assert found.returncode == 2, found.stderr
        assert found.stderr.count("\n") == 1 and "no words to search for" in found.stderr
        assert str(db) in found.stderr and "Traceback" not in found.stderr
    missed = CliRunner().invoke(app, ["corpus", "search", str(db), "candle"])
    assert missed.exit_code == 0 and missed.output.strip() == "no results"


def test_a_query_of_punctuation_finds_nothing(corpus_of_three):
    assert search_works(corpus_of_three, "*", Filters()) == []
    assert search_quotes(corpus_of_three, '" - "', Filters()) == []
    assert search_works(corpus_of_three, "lamp*", Filters())[0]["title"] == "Lamp"


def test_web_search_with_fts_syntax_answers(corpus_of_three):
    from fastapi.testclient import TestClient

    from ficlens.web.app import create_app

    client = TestClient(create_app(corpus_of_three.path), base_url="http://127.0.0.1")
    for query in ("*", '"', "NEAR("):
        page = client.get("/search", params={"q": query})
        assert page.status_code == 200
        assert ('id="wordless"' in page.text) == (query != "NEAR(")
        assert client.get("/api/search", params={"q": query}).json() == []


def test_story_text_and_file_names_print_as_they_are(tmp_path):
    stories = tmp_path / "in"
    stories.mkdir()
    story = ('Mara found the box. "They were [b]his[/b] book," Mara said to Cal. "[/i] stays."'
             " Cal laughed.\n\nThey were his book after all, Cal said.\n")
    (stories / "My fic [draft].txt").write_text(story, encoding="utf-8")
    db = tmp_path / "c.db"
    runner = CliRunner()
    assert runner.invoke(app, ["corpus", "init", str(db)]).exit_code == 0
    added = runner.invoke(app, ["corpus", "add", str(db), str(stories)])
    assert added.exit_code == 0, added.output
    found = runner.invoke(app, ["corpus", "search", str(db), "book"], env={"COLUMNS": "300"})
    assert found.exit_code == 0, found.output
    assert "My fic [draft].txt" in found.output
    assert '[b]his[/b] [book]," Mara' in found.output  # the word kept, the spacing too
    quoted = runner.invoke(app, ["corpus", "search", str(db), "stays", "--quotes"],
                           env={"COLUMNS": "300"})
    assert quoted.exit_code == 0, quoted.output
    assert "[/i] stays." in quoted.output


def _stored_links(db: Corpus) -> list[tuple[int, int, str]]:
    return sorted((r["source"], r["target"], r["kind"]) for r in db.query("SELECT * FROM links"))


def _story(title: str, text: str, notes: str = "", series=None) -> Work:
    work = Work(text=text, metadata=Metadata(title=title, fandoms=["Harbor Lights"],
                                             series=series or []))
    if notes:
        work.text = notes + "\n\n" + text
        work.add_layer("notes", [Span(0, len(notes), {"kind": "author"})])
    work.set_table("pairing_detail", {"ao3": "Eli/Nora"} if "Nora" in text else {})
    return work


def test_incremental_links_equal_a_full_relink_and_the_in_memory_reference(tmp_path):
    repost = PART_ONE.replace("coffee", "tea", 1)
    works = [_story("Lamp Light", PART_ONE), _story("Flour", OTHER),
             _story("After the Lamp", PART_TWO, "A/N: you asked for a second part, so here!"),
             _story("Lamp Light (repost)", repost)]
    with Corpus(tmp_path / "l.db", create=True) as db:
        for i, work in enumerate(works):
            db.add(work, f"w{i}", link=True)
        incremental = _stored_links(db)
        relink(db)
        assert _stored_links(db) == incremental
        infos: list[WorkInfo] = list(load_infos(db.conn, db.work_ids()).values())
        reference = sorted((lk["source"], lk["target"], lk["kind"]) for lk in all_links(infos))
        assert incremental == reference
        assert (1, 3, "sequel") in incremental and (1, 4, "duplicate") in incremental
        assert not any(2 in pair[:2] for pair in incremental)


def test_works_added_without_links_are_linked_later(tmp_path):
    with Corpus(tmp_path / "n.db", create=True) as db:
        first = db.add(_story("Lamp Light", PART_ONE), "a")
        second = db.add(_story("Lamp Light again", PART_ONE + " Again."), "b")
        assert _stored_links(db) == []
        link_added(db, [first, second])
        assert _stored_links(db) == [(1, 2, "duplicate")]


def test_totals_follow_canonical_names(tmp_path):
    from ficlens.corpus.canonical import canonicalise

    with Corpus(tmp_path / "s.db", create=True) as db:
        add_one_pair_under_two_names(db)
        canonicalise(db)
        canonicalise(db)  # twice: totals move once
        stats = corpus_stats(db)
        assert stats["pairings"] == [{"value": "Eli Brandt/Nora Quinn", "works": 2}]
        people = {r["character"]: (r["lines"], r["works"]) for r in stats["characters_by_dialogue"]}
        assert people == {"Eli Brandt": (2, 2), "Nora Quinn": (2, 2)}
        # the same figures computed from the rows
        direct = db.query("SELECT coalesce(canonical, name) AS c, sum(lines) AS l, count(*) AS n "
                          "FROM characters GROUP BY c")
        assert {r["c"]: (r["l"], r["n"]) for r in direct} == people


WRITER = textwrap.dedent("""
    import sys
    from ficlens.corpus.store import Corpus
    import random
    from ficlens.corpus.synthetic import story
    from tests.test_corpus_scale import _story
    text = story(random.Random(5), 400)
    name, start = sys.argv[2], float(sys.argv[3])
    import time
    time.sleep(max(0.0, start - time.time()))
    with Corpus(sys.argv[1]) as db:
        for i in range(3):
            db.add(_story(f"{name} {i}", text + f" {name} copy {i}."), f"{name}{i}", link=True)
""")


def test_two_concurrent_adds_leave_the_links_a_relink_gives(tmp_path):
    import time

    db_path = tmp_path / "both.db"
    Corpus(db_path, create=True).close()
    start = str(time.time() + 2.0)
    runs = [subprocess.Popen([sys.executable, "-c", WRITER, str(db_path), name, start],
                             cwd=REPO, stderr=subprocess.PIPE, text=True) for name in "AB"]
    for run in runs:
        assert run.wait(timeout=120) == 0, run.stderr.read()
    with Corpus(db_path) as db:
        assert db.count("works") == 6
        concurrent = _stored_links(db)
        relink(db)
        assert concurrent == _stored_links(db)
        assert len([lk for lk in concurrent if lk[2] == "duplicate"]) == 15  # every pair


@pytest.mark.parametrize("scan_per_hit", [1, 10**9])
def test_tag_filters_list_the_same_works_looked_up_either_way(tmp_path, monkeypatch,
                                                               scan_per_hit):
    """A works listing tests a tag most works carry work by work, a rare one by listing its
    works first (corpus.search._common_tags); both give the same works."""
    import ficlens.corpus.search as search

    monkeypatch.setattr(search, "SCAN_PER_HIT", scan_per_hit)
    with Corpus(tmp_path / "m.db", create=True) as db:
        db.add(tagged_work("Tide", "Nora", "Harbor Lights", "Eli/Nora", "Nora Quinn"), "a")
        db.add(tagged_work("Ash", "Maya", "Ember Saga", "Maya/Tom", "Tom Reed", "Explicit"), "b")
        db.add(tagged_work("Dune", "Ivy", "Ember Saga", "Ivy/Tom", "Tom Reed"), "c")
        common = search._common_tags(db, Filters(fandom="Ember Saga", rating="Mature"), 20)
        assert common == (set() if scan_per_hit == 1 else {"fandom", "rating"})
        listed = [w["title"] for w in search_works(db, "", Filters(fandom="Ember Saga"))]
        assert listed == ["Ash", "Dune"]
        assert [w["title"] for w in search_works(db, "", Filters(tag="slow burn"))] == [
            "Tide", "Ash", "Dune"]
        assert [w["title"] for w in search_works(
            db, "", Filters(fandom="ember saga", rating="mature"))] == ["Dune"]
