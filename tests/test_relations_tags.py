"""The AO3 relationship tag audit beside the text's pairing (issue 20)."""

from __future__ import annotations

from ficlens.relations.tags import audit, resolve, tag_kind, tag_names, tagged_pairing

CAST = {
    "C0": {"name": "Wren Halloway", "aliases": ["Wren"], "mentions": 40},
    "C1": {"name": "Osric", "aliases": ["Osric"], "mentions": 30},
    "C2": {"name": "Pell", "aliases": ["Pell", "Mr. Pell"], "mentions": 8},
}


def test_slash_is_romantic_and_ampersand_platonic() -> None:
    assert tag_kind("Wren/Osric") == "romantic"
    assert tag_kind("Wren & Osric") == "platonic"
    assert tag_kind("Wren") is None
    assert tag_names("Ash & Birch & Cole") == ["Ash", "Birch", "Cole"]


def test_tag_names_match_characters_by_shared_words_case_and_fandom_aside() -> None:
    assert resolve("Wren Halloway (Some Fandom)", CAST) == "C0"
    assert resolve("osric", CAST) == "C1"
    assert resolve("Tarn | Osric", CAST) == "C1"
    assert resolve("Female Tarn", CAST) is None


def test_each_tag_is_the_main_pairing_a_background_one_or_absent() -> None:
    tags = ["Osric/Wren Halloway", "Pell & Wren", "Osric/Pell", "Wren/Tarn"]
    rows = audit(tags, CAST, ("C0", "C1"), {("C0", "C1"), ("C0", "C2")})
    assert [r["status"] for r in rows] == ["main", "background", "absent", "absent"]
    assert rows[3]["characters"] == ["C0", None]
    assert tagged_pairing(rows) == ("C0", "C1")


def test_the_tagged_pairing_skips_platonic_and_unmatched_tags() -> None:
    rows = audit(["Pell & Wren", "Wren/Tarn", "Pell/Osric"], CAST, None, set())
    assert tagged_pairing(rows) == ("C1", "C2")
