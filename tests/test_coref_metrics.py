"""MUC, B-cubed and CEAF-e on the worked example of Pradhan et al. (2014), by hand."""

from __future__ import annotations

import pytest

from ficlens.eval.coref_metrics import Accumulator, b_cubed, ceaf_e, muc, score

KEY = [{"a", "b", "c"}, {"d", "e", "f", "g"}]
RESPONSE = [{"a", "b"}, {"c", "d"}, {"f", "g", "h", "i"}]


def test_muc_by_hand() -> None:
    # key {a,b,c} is cut into {a,b},{c}: 3-2 = 1; {d,e,f,g} into {d},{e},{f,g}: 4-3 = 1 -> 2/5
    # response {a,b}: 2-1 = 1; {c,d}: 2-2 = 0; {f,g,h,i} into {f,g},{h},{i}: 4-3 = 1 -> 2/5
    result = muc(KEY, RESPONSE)
    assert result.recall == pytest.approx(2 / 5)
    assert result.precision == pytest.approx(2 / 5)


def test_b_cubed_by_hand() -> None:
    # recall per key mention: a,b 2/3; c 1/3; d 1/4; e 0; f,g 2/4 -> (5/3 + 5/4) / 7
    # precision per response mention: a,b 1; c,d 1/2; f,g 2/4; h,i 0 -> 4 / 8
    result = b_cubed(KEY, RESPONSE)
    assert result.recall == pytest.approx((5 / 3 + 5 / 4) / 7)
    assert result.precision == pytest.approx(0.5)


def test_ceaf_e_by_hand() -> None:
    # best alignment: {a,b,c}-{a,b}: 2*2/5 = 0.8; {d,e,f,g}-{f,g,h,i}: 2*2/8 = 0.5
    result = ceaf_e(KEY, RESPONSE)
    assert result.recall == pytest.approx(1.3 / 2)
    assert result.precision == pytest.approx(1.3 / 3)


def test_average_and_perfect_response() -> None:
    scores = score(KEY, RESPONSE)
    expected = (muc(KEY, RESPONSE).f1 + b_cubed(KEY, RESPONSE).f1 + ceaf_e(KEY, RESPONSE).f1) / 3
    assert scores.average_f1 == pytest.approx(expected)
    perfect = score(KEY, KEY)
    assert perfect.muc.f1 == perfect.b3.f1 == perfect.ceaf_e.f1 == pytest.approx(1.0)


def test_accumulator_pools_documents() -> None:
    acc = Accumulator()
    acc.add(KEY, RESPONSE)
    acc.add([{"x", "y"}], [{"x"}, {"y"}])
    pooled = acc.result()
    # MUC recall: (2 + 0) / (5 + 1); precision: (2 + 0) / (5 + 0)
    assert pooled.muc.recall == pytest.approx(2 / 6)
    assert pooled.muc.precision == pytest.approx(2 / 5)
    # B3 recall: (35/12 + 1/2 + 1/2) / (7 + 2)
    assert pooled.b3.recall == pytest.approx((35 / 12 + 1) / 9)
