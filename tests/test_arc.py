"""Arc stage: DCT smoothing, shape classification, valence layer and per-character arcs."""

from __future__ import annotations

import re

import numpy as np
import pytest

import ficlens.arc as arc
import ficlens.valence as valence
from ficlens.arc.shapes import SHAPES, classify, template
from ficlens.arc.smoothing import dct_lowpass, rescale
from ficlens.document import Span, Work


def run(work: Work) -> None:
    """The valence stage, then the arc stage that reads its layer."""
    valence.STAGE(work)
    arc.STAGE(work)


def test_dct_keeps_a_constant_level_and_resamples() -> None:
    smooth = dct_lowpass([0.3] * 57)
    assert smooth.shape == (100,)
    assert np.allclose(smooth, 0.3)


def test_dct_removes_high_frequencies_and_keeps_low_ones() -> None:
    x = (np.arange(400) + 0.5) / 400
    slow, fast = np.cos(np.pi * x), 0.8 * np.cos(60 * np.pi * x)
    smooth = dct_lowpass(slow + fast, keep=5, out_len=400)
    assert np.max(np.abs(smooth - slow)) < 1e-9


def test_dct_is_linear_and_handles_short_and_empty_input() -> None:
    a, b = np.random.default_rng(1).normal(size=(2, 80))
    assert np.allclose(dct_lowpass(a + 2 * b), dct_lowpass(a) + 2 * dct_lowpass(b))
    assert dct_lowpass([0.5, -0.5]).shape == (100,)
    assert dct_lowpass([]).size == 0


def test_rescale_spans_minus_one_to_one_and_flat_is_zero() -> None:
    scaled = rescale(np.array([0.1, 0.4, 0.2]))
    assert scaled.min() == -1 and scaled.max() == 1
    assert np.all(rescale(np.full(5, 0.7)) == 0)


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_noisy_sentence_values_of_each_shape_are_classified(shape: str) -> None:
    rng = np.random.default_rng(7)
    raw = np.interp(np.linspace(0, 1, 2000), np.linspace(0, 1, 100), template(shape))
    noisy = 0.3 * raw + rng.normal(0, 0.5, raw.size)  # sentence noise well above the signal
    found, scores = classify(rescale(dct_lowpass(noisy)))
    assert found == shape
    assert set(scores) == set(SHAPES)


def test_flat_arc_has_no_shape() -> None:
    found, scores = classify(np.zeros(100))
    assert found is None and all(v == 0 for v in scores.values())


HAPPY = "Anna laughed with joy. It was a wonderful, lovely morning. Anna loved the sunshine. "
SAD = "Anna wept in despair. It was a terrible, awful night. Anna hated the cold dark. "


def story_work() -> Work:
    note = "A/N: I hate this chapter, sorry! Reviews are wonderful.\n\n"
    text = note + HAPPY * 20 + "\n\n" + SAD * 20
    work = Work(text)
    work.add_layer("notes", [Span(0, len(note) - 2, {"kind": "author_note"})])
    work.set_table("characters", [{"id": "C0", "name": "Anna", "aliases": [], "gender": "female"}])
    work.add_layer(
        "mentions",
        [Span(m.start(), m.end(), {"character": "C0"}) for m in re.finditer("Anna", text)],
    )
    return work


def test_arc_stage_reads_a_fall_as_tragedy_and_skips_notes() -> None:
    work = story_work()
    run(work)
    valence = work.layer("valence")
    assert len(valence) == 120  # 6 sentences x 20 x 2; the note's sentences are left out
    assert all(span.start > work.layer("notes")[0].end for span in valence)
    assert valence[0]["score"] > 0.3 and valence[-1]["score"] < -0.3
    arc = work.tables["arc"]
    assert arc["lexicon"] == "vader" and arc["raw_count"] == 120
    assert len(arc["points"]) == 100 and min(arc["points"]) == -1 and max(arc["points"]) == 1
    assert arc["shape"] == "tragedy"
    assert arc["shape_scores"]["tragedy"] > 0.9


def test_character_arc_follows_the_sentences_about_her() -> None:
    work = story_work()
    run(work)
    anna = work.tables["arc"]["characters"]["C0"]
    assert anna["count"] == 80  # two of the three sentences in each block name her
    assert len(anna["points"]) == 80
    assert anna["points"][0] > 0 > anna["points"][-1]


def test_arc_of_an_empty_story() -> None:
    work = Work("")
    run(work)
    arc = work.tables["arc"]
    assert arc["points"] == [] and arc["shape"] is None and arc["raw_count"] == 0


def test_relationship_warmth_reaches_the_arc_table() -> None:
    import ficlens.coref.readings as referents
    import ficlens.relations as relations

    text = (
        "Anna and Ben laughed together in the lovely sunshine. " * 5
        + "Anna and Ben fought bitterly, hating the awful silence. " * 5
    )
    work = Work(text)
    work.set_table(
        "characters",
        [
            {"id": "C0", "name": "Anna", "aliases": [], "gender": "female"},
            {"id": "C1", "name": "Ben", "aliases": [], "gender": "male"},
        ],
    )
    work.add_layer(
        "mentions",
        [
            Span(m.start(), m.end(), {"character": "C0" if m.group() == "Anna" else "C1"})
            for m in re.finditer("Anna|Ben", text)
        ],
    )
    work.add_layer("quotes", [])
    for stage in (valence.STAGE, referents.STAGE, relations.STAGE, arc.STAGE):
        stage(work)
    warmth = work.tables["arc"]["relationships"]["C0|C1"]
    assert warmth == work.tables["relationships"][0]["warmth"]
    shared = [w for w in warmth if w is not None]  # a stretch with no sentence start is None
    assert len(warmth) == 10 and shared[0] > 0 > shared[-1]


def test_dct_is_scipy_s_orthonormal_dct_to_rounding() -> None:
    fft = pytest.importorskip("scipy.fft")
    rng = np.random.default_rng(3)
    for size, keep, out_len in [(1, 5, 100), (4, 5, 100), (57, 5, 100), (900, 3, 40),
                                (30, 8, 7)]:
        values = rng.normal(size=size)
        kept = max(1, min(keep, size, out_len))
        padded = np.zeros(out_len)
        padded[:kept] = fft.dct(values, type=2, norm="ortho")[:kept]
        expected = fft.idct(padded, type=2, norm="ortho") * np.sqrt(out_len / size)
        assert np.max(np.abs(dct_lowpass(values, keep, out_len) - expected)) < 1e-12
