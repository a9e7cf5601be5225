"""The benchmark keeps each mode's fastest run, measured alternately."""

from __future__ import annotations

from pathlib import Path

from ficlens import bench


def test_modes_alternate_and_the_fastest_run_of_each_counts(monkeypatch):
    order = []
    seconds = iter([2.0, 3.0, 1.5, 4.0, 2.5, 3.5])

    def fake_measure(mode: str, path: Path, stages: str | None = None) -> bench.Measurement:
        order.append(mode)
        return bench.Measurement(mode, 1000, next(seconds), 100.0 + len(order))

    monkeypatch.setattr(bench, "measure", fake_measure)
    best = bench.measure_modes(Path("story.txt"), repeat=3)
    assert order == ["spacy", "full"] * 3
    assert best["spacy"].seconds == 1.5 and best["full"].seconds == 3.0
    assert best["full"].peak_mb == 106.0  # the highest peak of its runs


def test_the_fastest_full_run_keeps_its_own_parse_time(monkeypatch):
    runs = iter([(2.0, None), (3.0, 2.0), (1.5, None), (2.8, 2.1)])

    def fake_measure(mode: str, path: Path, stages: str | None = None) -> bench.Measurement:
        seconds, parse = next(runs)
        return bench.Measurement(mode, 1000, seconds, 100.0, parse)

    monkeypatch.setattr(bench, "measure", fake_measure)
    best = bench.measure_modes(Path("story.txt"), repeat=2)
    assert (best["full"].seconds, best["full"].parse_seconds) == (2.8, 2.1)
    assert best["spacy"].parse_seconds is None
