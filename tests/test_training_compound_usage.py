"""The self-supervised counts of the AO3 corpus (training/ao3_corpus.py,
training/count_compound_usage.py) on small invented texts."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "training"))

import count_compound_usage  # noqa: E402
from ao3_corpus import _hash, _left_out, _words, prose  # noqa: E402
from count_compound_usage import count, rows  # noqa: E402

STORIES = [
    "Mara wiped the teardrops away. A teardrop fell on the sill. The tear drops dried.\n"
    "She ate a late-night snack. They had a late night. It was a late night walk.\n",
    "Tobin hid his teardrops. More teardrops came. He ate a late-night meal by the fire.\n",
]


def test_a_pair_is_counted_open_hyphenated_and_closed_with_its_works(monkeypatch) -> None:
    for floor in ("MIN_CLOSED_WORD", "MIN_HALF", "MIN_JOINED"):  # a corpus of two stories
        monkeypatch.setattr(count_compound_usage, floor, 1)
    table = {(a, b): rest for a, b, *rest in rows(count(STORIES))}
    # open, hyphenated, closed, open works, hyphenated works, closed works, open and
    # hyphenated before a content word
    assert table[("tear", "drops")] == [1, 0, 3, 1, 0, 2, 1, 0]  # "tear drops dried"
    assert table[("late", "night")][:2] == [2, 2]
    assert table[("late", "night")][6:] == [1, 2]  # "late night walk"; "-snack", "-meal"


def test_the_corpus_reader_strips_the_page_and_leaves_out_reposts() -> None:
    raw = ('<h3 class="landmark heading" id="work">Work Text:</h3><p>Orla sang &amp; '
           "danced.</p><p>Tobin slept.</p>")
    assert prose(raw).split() == ["Orla", "sang", "&", "danced.", "Tobin", "slept."]
    story = " ".join(["The lantern by the mill door burned low while the river ran on."] * 30)
    words = _words(story)
    reposts = {_hash(words[i : i + 8]) for i in range(len(words) - 7)}
    assert _left_out(story, "123", set(), reposts).startswith("works sharing runs")
    assert _left_out(story, "123", {"123"}, set()).startswith("works named by")
    assert _left_out("Too short.", "123", set(), set()).startswith("works under")
