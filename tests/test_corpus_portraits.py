"""Portraits in the corpus: stored as counts, migrated into older corpora, and queried for the
words most distinctive of a character across works or of a gender in a fandom."""

from __future__ import annotations

import json
import sqlite3
from collections import Counter

import pytest
from typer.testing import CliRunner

from ficlens.cli import app
from ficlens.corpus.packing import pack_counts, unpack_counts
from ficlens.corpus.portraits import PortraitQuestion, combined, distinctive_portraits
from ficlens.corpus.schema import SCHEMA_VERSION
from ficlens.corpus.search import Filters, search_works
from ficlens.corpus.store import Corpus
from ficlens.document import Metadata, Span, Work
from ficlens.errors import InputError

FANDOM = "霧の港 | Kiri no Minato | Harbor of Mist"

# (character id, name, gender) of every invented work's cast
CAST = [("C0", "Mirela Vance", "F"), ("C1", "Tobin Hale", "M"), ("C2", "Anka Dorn", "F"),
        ("C3", "Ruslan Pike", "M")]


def portrait_work(title: str, words: dict[str, list[tuple[str, str]]],
                  fandom: str = FANDOM, cast: list[tuple[str, str, str]] = CAST) -> Work:
    """A work whose portraits layer gives each character id the (role, lemma) pairs listed,
    each over a word of its own in the text (the words are the lemmas)."""
    pieces, spans, at = [], [], 0
    for char_id, pairs in words.items():
        for role, lemma in pairs:
            spans.append(Span(at, at + len(lemma), {
                "character": char_id, "role": role, "lemma": lemma, "mention": [at, at],
                "mention_kind": "proper", "in_quote": False}))
            pieces.append(lemma)
            at += len(lemma) + 1
    work = Work(text=" ".join(pieces) + ".", metadata=Metadata(title=title, fandoms=[fandom]))
    work.add_layer("portraits", spans)
    work.set_table("characters", [{"id": c, "name": n, "aliases": [n.split()[0]],
                                   "gender": g, "mentions": 1} for c, n, g in cast])
    return work


def mirela_works() -> list[Work]:
    """Mirela laughs in three short works and broods five hundred times in one long one;
    the others of her works mostly walk."""
    short = [portrait_work(f"Short {i}", {
        "C0": [("agent", "laugh")] * 3 + [("agent", "walk")],
        "C1": [("agent", "walk")] * 4 + [("agent", "brood")],
        "C2": [("agent", "walk")] * 3 + [("mod", "tired")],
    }) for i in range(3)]
    long = portrait_work("Long", {
        "C0": [("agent", "brood")] * 500 + [("agent", "laugh")],
        "C1": [("agent", "walk")] * 40 + [("agent", "laugh")] * 2,
        "C3": [("agent", "walk")] * 30 + [("patient", "hit")] * 5,
    })
    return [*short, long]


@pytest.fixture
def corpus(tmp_path):
    with Corpus(tmp_path / "c.db", create=True) as db:
        for i, work in enumerate(mirela_works()):
            db.add(work, f"h{i}")
        yield db


def stored_counts(corpus: Corpus, work_id: int, char_id: str) -> dict[tuple[str, str], int]:
    words = {row["id"]: (row["role"], row["lemma"])
             for row in corpus.query("SELECT id, role, lemma FROM portrait_words")}
    [blob] = corpus.conn.execute("SELECT counts FROM portraits WHERE work_id = ? AND "
                                 "char_id = ?", (work_id, char_id)).fetchone()
    return {words[w]: n for w, n in unpack_counts(blob)}


def test_portraits_are_stored_as_counts_per_character_role_and_lemma(corpus):
    first, *_, long_id = corpus.work_ids()
    assert stored_counts(corpus, first, "C0") == {("agent", "laugh"): 3, ("agent", "walk"): 1}
    assert stored_counts(corpus, first, "C2") == {("agent", "walk"): 3, ("mod", "tired"): 1}
    assert stored_counts(corpus, long_id, "C0") == {("agent", "brood"): 500,
                                                    ("agent", "laugh"): 1}
    assert corpus.count("portrait_words") == 5  # each (role, lemma) once for the corpus


@pytest.mark.parametrize("pairs", [[], [(1, 1)], [(3, 500), (1, 1), (70000, 2)]])
def test_packed_counts_unpack_to_the_sorted_pairs(pairs):
    assert unpack_counts(pack_counts(pairs)) == sorted(pairs)


def test_every_work_weighs_the_median_work_total():
    weights = combined({1: Counter({"brood": 500, "laugh": 500}), 2: Counter({"laugh": 3}),
                        3: Counter({"laugh": 1, "sing": 3})})
    assert weights["brood"] == pytest.approx(2)  # 500 of 1000, scaled to the median 4
    assert weights["laugh"] == pytest.approx(2 + 4 + 1)
    assert weights["sing"] == pytest.approx(3)


def test_one_long_work_does_not_dominate_a_character_across_works(corpus):
    found = distinctive_portraits(corpus, PortraitQuestion(character="Mirela"))
    assert found["works_a"] == 4
    top = found["a"][0]
    assert (top["role"], top["lemma"], top["works"]) == ("agent", "laugh", 4)
    # counted raw, the long work's 500 "brood" would top the list
    broods = [row for row in found["a"] if row["lemma"] == "brood"]
    assert not broods or broods[0]["z"] < top["z"]
    assert any(row["lemma"] == "walk" for row in found["b"])


def test_female_against_male_characters_of_a_fandom_by_a_variant_of_its_tag(corpus):
    found = distinctive_portraits(corpus, PortraitQuestion(gender="female",
                                                           fandom="Harbor of Mist"))
    assert found["works_a"] == 4 and found["works_b"] == 4
    assert found["a"][0]["lemma"] in {"laugh", "tired"}
    assert "walk" in [row["lemma"] for row in found["b"]]
    nothing = distinctive_portraits(corpus, PortraitQuestion(gender="female", fandom="Other"))
    assert nothing["a"] == [] and nothing["works_a"] == 0


def test_a_role_narrows_the_words(corpus):
    found = distinctive_portraits(corpus, PortraitQuestion(gender="male", role="agent"))
    assert found["a"] and found["b"]
    assert {row["role"] for row in found["a"] + found["b"]} == {"agent"}
    assert "tired" not in [row["lemma"] for row in found["b"]]


def test_a_name_prefers_whole_names_in_a_work(tmp_path):
    twins = [("C0", "Ada Hale", "F"), ("C1", "Tobin Hale", "M"), ("C2", "Hale", "M")]
    work = portrait_work("Twins", {"C0": [("agent", "sing")] * 3, "C1": [("agent", "run")] * 3,
                                   "C2": [("agent", "sleep")] * 3}, cast=twins)
    with Corpus(tmp_path / "c.db", create=True) as db:
        db.add(work, "h")
        found = distinctive_portraits(db, PortraitQuestion(character="hale"))
    assert [row["lemma"] for row in found["a"]] in ([], ["sleep"])
    assert "sing" in [row["lemma"] for row in found["b"]]


@pytest.mark.parametrize("question", [
    {}, {"character": "Mirela", "gender": "female"}, {"gender": "plural"},
    {"character": "Mirela", "role": "subject"},
])
def test_a_bad_question_is_one_clear_error(question):
    with pytest.raises(InputError):
        PortraitQuestion(**question)


def test_fandom_search_matches_each_variant_of_a_tag(corpus):
    for variant in ("Kiri no Minato", "harbor of mist", "霧の港", FANDOM):
        assert len(search_works(corpus, "", Filters(fandom=variant))) == 4, variant
    assert search_works(corpus, "", Filters(fandom="Harbor")) == []


def test_the_cli_prints_an_escaped_table_and_json(corpus):
    marked = portrait_work("Marked", {"C0": [("mod", "[bold]odd[/bold]")] * 3})
    corpus.add(marked, "marked")
    runner = CliRunner()
    db = str(corpus.path)
    shown = runner.invoke(app, ["corpus", "stats", db, "--distinctive", "--character",
                                "Mirela Vance"])
    assert shown.exit_code == 0, shown.output
    assert "laugh" in shown.output and "[bold]odd[/bold]" in shown.output
    data = json.loads(runner.invoke(app, ["corpus", "stats", db, "--distinctive", "--gender",
                                          "male", "--json"]).output)
    assert data["question"]["gender"] == "male" and data["a"]
    bad = runner.invoke(app, ["corpus", "stats", db, "--distinctive"])
    assert bad.exit_code != 0 and "--character" in str(bad.exception) + bad.output


def test_init_brings_a_corpus_without_portraits_up_to_date(tmp_path):
    path = tmp_path / "v4.db"
    with Corpus(path, create=True) as db:
        for i, work in enumerate(mirela_works()[:2]):
            db.add(work, f"h{i}")
    conn = sqlite3.connect(path)  # as the slim layout was before portraits (v4)
    conn.executescript("DROP TABLE portraits; DROP TABLE portrait_words; "
                       "DROP TABLE tag_variants; PRAGMA user_version = 4;")
    conn.close()
    runner = CliRunner()
    refused = runner.invoke(app, ["corpus", "stats", str(path)])
    assert refused.exit_code != 0 and "corpus init" in str(refused.exception)
    done = runner.invoke(app, ["corpus", "init", str(path)])
    assert done.exit_code == 0 and "migrated from schema v4" in done.output
    with Corpus(path) as db:
        assert db.query("PRAGMA user_version")[0]["user_version"] == SCHEMA_VERSION
        assert db.count("portraits") == 2 * 3
        assert stored_counts(db, db.work_ids()[0], "C0") == {("agent", "laugh"): 3,
                                                             ("agent", "walk"): 1}
        assert len(search_works(db, "", Filters(fandom="Kiri no Minato"))) == 2


@pytest.mark.parametrize("older_batch", [False, True])
def test_a_batch_dataset_brings_its_portraits_into_the_corpus(tmp_path, older_batch):
    from ficlens.corpus.batch import Dataset, load_dataset, write_work
    from ficlens.corpus.store import prepare

    dataset = Dataset(str(tmp_path / "ds"))
    write_work(dataset, prepare(mirela_works()[0], "d1"), 1.0, 0.5)
    parts = list((tmp_path / "ds" / "portraits").rglob("*.parquet"))
    assert len(parts) == 1
    if older_batch:  # written before the dataset had a portraits table
        parts[0].unlink()
    with Corpus(tmp_path / "c.db", create=True) as db:
        assert load_dataset(db, str(tmp_path / "ds"), link=False) == [1]
        assert stored_counts(db, 1, "C0") == {("agent", "laugh"): 3, ("agent", "walk"): 1}
