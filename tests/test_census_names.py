"""The census first-name table: a weak gender prior for names the curated list lacks, built
by training/build_census_names.py, never a reason to read a word as a name."""

from __future__ import annotations

import sys
from pathlib import Path

from ficlens import lexicon
from ficlens.characters.names import is_first_name, likely_gender
from ficlens.lexicon import Gender

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "training"))

from build_census_names import gendered, read_list  # noqa: E402


def test_a_census_name_gives_a_prior_but_is_no_first_name() -> None:
    census = lexicon.census_first_names()
    assert census["Willow"] is Gender.FEMALE
    assert likely_gender("Willow") == "F"
    assert not is_first_name("Willow")  # founding a character still needs the text


def test_invented_names_and_names_given_to_both_get_nothing() -> None:
    assert likely_gender("Kelvarn") == ""
    assert "Jordan" not in lexicon.census_first_names()


def test_the_share_decides_and_a_close_name_is_left_out(tmp_path: Path) -> None:
    (tmp_path / "dist.male.first").write_text(
        "JAMES 3.318 3.318 1\nJORDAN 0.100 3.418 2\n", encoding="ascii")
    (tmp_path / "dist.female.first").write_text(
        "MARY 2.629 2.629 1\nJORDAN 0.080 2.709 2\nJAMES 0.010 2.719 3\n", encoding="ascii")
    male = read_list(tmp_path / "dist.male.first")
    female = read_list(tmp_path / "dist.female.first")
    assert gendered(male, female, 0.9) == {"James": "M", "Mary": "F"}
