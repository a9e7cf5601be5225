"""The mention index answers a long stretch by character positions exactly as a scan would."""

from __future__ import annotations

import random

from ficlens.quotes.mentions import Mention, MentionList


def _mentions(n: int, characters: str, seed: int = 3) -> list[Mention]:
    rng = random.Random(seed)
    return [Mention(10 * k, 10 * k + 4, rng.choice(characters), 0, -1, rng.random() < 0.3)
            for k in range(n)]


def test_first_and_latest_appearances_match_a_scan_on_long_stretches():
    mentions = _mentions(2000, "ABCDEFG")
    index = MentionList(mentions)
    for lo, hi in ((0, 2000), (5, 1500), (100, 130), (1990, 2000), (700, 700)):
        stretch = mentions[lo:hi]
        assert index.first_appearances(lo, hi) == list(dict.fromkeys(m.character for m in stretch))
        latest = list(dict.fromkeys(m.character for m in reversed(stretch)))
        assert index.latest_appearances(lo, hi, 4) == latest[:4]


def test_a_character_named_once_far_back_is_found_without_scanning():
    mentions = _mentions(500, "AB")
    mentions[3].character = "Z"
    index = MentionList(mentions)
    assert index.latest_appearances(0, 500, 3)[-1] == "Z"
    assert index.last_of("Z", 0, 500) is mentions[3]
    assert index.count("Z", 4, 500) == 0 and index.count("Z", 0, 4) == 1


def test_subject_queries_read_only_subject_mentions():
    mentions = _mentions(200, "AB")
    index = MentionList(mentions)
    subjects_of_a = [k for k, m in enumerate(mentions) if m.subject and m.character == "A"]
    assert index.has_subject("A", subjects_of_a[0], subjects_of_a[0] + 1)
    before = mentions[subjects_of_a[1]].end
    assert index.subject_ending_by("A", 0, 200, before)
    assert not index.subject_ending_by("A", 0, 200, mentions[subjects_of_a[0]].end - 1)
