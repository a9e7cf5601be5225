"""The scaling bench: generated stories of the asked sizes, ratios per doubling of length,
a series stopped at its first run over the time limit."""

from __future__ import annotations

from pathlib import Path

import pytest

from ficlens import bench_scaling
from ficlens.bench_scaling import Series, dialogue, doubling_ratio, prose


def test_generated_stories_have_the_asked_size_and_shape():
    one = dialogue(25, one_paragraph=True)
    many = dialogue(25, one_paragraph=False)
    assert 25_000 <= len(one) < 26_000 and "\n\n" not in one.strip()
    assert many.count("\n\n") > 100
    words = len(prose(10_000).split())
    assert 10_000 <= words < 10_200
    assert prose(10_000) == prose(10_000)  # the same text every run


@pytest.mark.parametrize(("seconds_b", "factor", "expected"), [
    (2.0, 2, 2.0), (4.0, 2, 4.0), (5.0, 5, 2.0), (16.0, 4, 4.0),
])
def test_doubling_ratio_is_per_doubling_of_length(seconds_b, factor, expected):
    assert doubling_ratio(1000, 1.0, 1000 * factor, seconds_b) == pytest.approx(expected)


def test_series_report_ratios_and_stop_at_the_time_limit(monkeypatch):
    def fake_child(mode: str, path: Path, stages=None, timeout=None) -> dict:
        size = int(path.stem.split("-")[1])
        if size >= 400:
            raise TimeoutError("too slow")
        quotes = size * size / 100  # a quadratic stage
        return {"words": size * 10, "seconds": size / 10 + quotes,
                "stages": {"nlp": size / 10, "quotes": quotes}, "peak_mb": 1.0}

    monkeypatch.setattr(bench_scaling, "run_child", fake_child)
    chosen = [Series("s", "KB", (100, 200, 400, 800), lambda n: "x")]
    runs = list(bench_scaling.run_series(chosen, max_seconds=5))
    assert [r.size for r in runs] == [100, 200, 400]  # 800 is never tried
    assert runs[0].ratio is None and runs[2].seconds is None
    assert runs[1].stage_ratios["nlp"] == pytest.approx(2.0)
    assert runs[1].stage_ratios["quotes"] == pytest.approx(4.0)


def test_the_command_prints_a_table_a_series_and_the_worst_ratio(monkeypatch):
    from typer.testing import CliRunner

    from ficlens.cli import app

    def fake_child(mode: str, path: Path, stages=None, timeout=None) -> dict:
        size = int(path.stem.split("-")[1])
        return {"words": size, "seconds": size / 1000, "stages": {"nlp": size / 1000},
                "peak_mb": 1.0}

    monkeypatch.setattr(bench_scaling, "run_child", fake_child)
    result = CliRunner().invoke(app, ["bench", "scaling", "--quick"])
    assert result.exit_code == 0, result.output
    assert "dialogue, one paragraph: CPU seconds" in result.output
    assert "prose: CPU seconds" in result.output
    assert "worst doubling ratio 2.00 (within the target of 2.3)" in result.output


def test_full_collections_are_timed_apart_from_the_stage_that_drew_them():
    import gc

    from ficlens.bench import FullCollections, _time_stages

    class Stage:
        def __init__(self, name, run):
            self.name, self._run = name, run

        def load(self):
            return self._run

    callbacks = list(gc.callbacks)
    with FullCollections() as young_only:
        gc.collect(0)
    assert young_only.seconds == 0.0
    heap = [[i] for i in range(200_000)]  # something for a full collection to walk
    timed = _time_stages(None, [Stage("allocates", lambda _w: gc.collect()),
                                Stage("idle", lambda _w: None)])
    del heap
    assert set(timed["stages"]) == {"allocates", "idle", "gc"}
    assert timed["stages"]["gc"] > 0
    assert timed["seconds"] == pytest.approx(sum(timed["stages"].values()))
    assert gc.callbacks == callbacks  # the clock is taken off again
