"""``ficlens bench corpus`` on a tiny synthetic corpus: the generator keeps every offset, and
each checkpoint reports every figure with its doubling ratio (timings are not asserted)."""

from __future__ import annotations

from ficlens.cli.bench_corpus import _checkpoints, _ratios, build_and_measure
from ficlens.corpus.synthetic import Variants, analysed_bases


def test_variants_are_distinct_works_whose_analysis_still_fits_their_text():
    variants = Variants(analysed_bases(1, 150))
    made = [variants.prepared(n) for n in range(60)]
    assert len({p.digest for p in made}) == 60
    for prepared in made:
        for quote in prepared.rows.quotes:
            assert 0 <= quote["start"] < quote["end"] <= len(prepared.text)
        assert prepared.rows.tags  # archive metadata: fandom, rating, tags
    assert made[49].text.replace(" ten ", " the ", 1) == made[48].text  # a re-post


def test_each_checkpoint_reports_costs_and_doubling_ratios(tmp_path):
    seen = []
    results = build_and_measure(tmp_path / "b.db", 40, 150, 1, 10, seen.append, link_all=False)
    assert [r["works"] for r in results] == _checkpoints(40, 10) == [10, 20, 40]
    assert seen == results
    for row in results:
        assert row["bytes_per_work"] > 0 and row["add_cpu_ms_per_work"] >= 0
        assert "quotes: speaker + addressee" in row["search_ms"] and "stats" in row["search_ms"]
    ratios = _ratios(results)
    assert [r["works"] for r in ratios] == ["10->20", "20->40"]
    assert set(ratios[0]["search_ms"]) == set(results[0]["search_ms"])
