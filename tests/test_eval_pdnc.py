"""The PDNC harness on the smallest PDNC novel in ../shared (skipped where absent)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ficlens.cli import app
from ficlens.eval.pdnc_data import novel_folders, read_novel

pytestmark = [pytest.mark.shared, pytest.mark.slow]


def smallest_novel(pdnc_dir: Path) -> str:
    folders = novel_folders(pdnc_dir)
    return min(folders, key=lambda p: (p / "novel_text.txt").stat().st_size).name


def test_reader_resolves_gold_speakers(pdnc_dir: Path):
    novel = read_novel(pdnc_dir / smallest_novel(pdnc_dir))
    assert novel.quotes and novel.characters
    assert all(q.speaker is not None for q in novel.quotes)
    for q in novel.quotes[:50]:
        for start, end in q.spans:
            assert 0 <= start < end <= len(novel.text)


def test_eval_pdnc_json_on_one_novel(pdnc_dir: Path, tmp_path: Path):
    name = smallest_novel(pdnc_dir)
    outcomes = tmp_path / "outcomes.csv"
    result = CliRunner().invoke(
        app, ["eval", "pdnc", "--data", str(pdnc_dir), "--novels", name, "--json",
              "--outcomes", str(outcomes)]
    )
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    gold = summary["gold_characters"]
    assert gold["n"] == len(read_novel(pdnc_dir / name).quotes)
    assert gold["quote_detection_recall"] > 0.95
    assert gold["accuracy"] > 0.6
    assert set(gold["by_type"]) == {"Explicit", "Anaphoric", "Implicit"}
    assert gold["by_type"]["Explicit"]["accuracy"] > 0.8
    e2e = summary["end_to_end"]
    assert 0.0 <= e2e["accuracy"] <= e2e["lenient"]["accuracy"] <= 1.0
    assert gold["accuracy"] == gold["lenient"]["accuracy"]  # ids: one-to-one already
    assert summary["words_per_second"] > 0
    assert summary["timed_stages"] == ["segment", "nlp", "characters", "quotes"]
    assert [n["novel"] for n in summary["per_novel"]] == [name]
    _check_outcomes(outcomes, summary, name)


def _check_outcomes(path: Path, summary: dict, name: str) -> None:
    """The outcomes table holds every gold quotation once per setting, and its right/wrong
    column adds up to the accuracies the summary reports."""
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    settings = ["gold_characters", "end_to_end"]
    assert len(rows) == sum(summary[s]["n"] for s in settings)
    for setting in settings:
        mine = [r for r in rows if r["setting"] == setting]
        assert {r["novel"] for r in mine} == {name}
        right = sum(r["right"] == "True" for r in mine)
        assert round(right / len(mine), 4) == summary[setting]["accuracy"]
        lenient = sum(r["right_lenient"] == "True" for r in mine)
        assert round(lenient / len(mine), 4) == summary[setting]["lenient"]["accuracy"]
        assert all(r["right_lenient"] == "True" for r in mine if r["right"] == "True")
        assert all(r["gold_speaker"] for r in mine)
        assert all(r["right"] == "False" or r["found"] == "True" for r in mine)
        assert all(int(r["start"]) < int(r["end"]) for r in mine)


def test_eval_pdnc_rejects_unknown_novel(pdnc_dir: Path, tmp_path: Path):
    from ficlens.cli import main  # noqa: F401  (the error path is the CLI's)

    result = CliRunner().invoke(
        app, ["eval", "pdnc", "--data", str(pdnc_dir), "--novels", "NoSuchNovel"]
    )
    assert result.exit_code != 0
    assert "NoSuchNovel" in str(result.exception) or "NoSuchNovel" in result.output


def _gold_mentions(text: str, characters) -> list[tuple[str, str]]:
    from ficlens.document import Work
    from ficlens.eval.gold_characters import add_gold_characters

    work = Work(text)
    add_gold_characters(work, characters)
    names = {c["id"]: c["name"] for c in work.tables["characters"]}
    return [(text[m.start:m.end], names[m["character"]]) for m in work.layer("mentions")]


def test_gold_names_led_by_an_epithet_match_their_lower_case_form():
    from ficlens.eval.pdnc_data import GoldCharacter

    cast = [GoldCharacter(0, "Thomas Gradgrind", ["Mr. Gradgrind"], "M", "major"),
            GoldCharacter(1, "Young Thomas", ["Young Thomas", "Tom"], "M", "major")]
    text = "said the unnatural young Thomas Gradgrind to Mr. Gradgrind."
    assert _gold_mentions(text, cast)[0] == ("young Thomas", "Young Thomas")


def test_a_possessive_description_claims_no_name_parts():
    from ficlens.eval.pdnc_data import GoldCharacter

    cast = [GoldCharacter(0, "Therese De Vitre", ["Therese De Vitre"], "F", "major"),
            GoldCharacter(1, "Therese De Vitre'S Father", ["Therese De Vitre'S Father"], "M",
                          "minor")]
    assert _gold_mentions("said Therese.", cast) == [("Therese", "Therese De Vitre")]


def test_listed_descriptions_match_as_the_text_writes_them():
    from ficlens.eval.pdnc_data import GoldCharacter

    # PDNC title-cases descriptions; the narration has them in lower case.
    cast = [GoldCharacter(0, "The Reception Clerk", ["The Reception Clerk"], "M", "minor"),
            GoldCharacter(1, "Dan'S Friend", ["Dan'S Friend"], "M", "minor"),
            GoldCharacter(2, "Dan", ["Dan"], "M", "minor")]
    text = "It was a surprise to the reception clerk. Dan's friend laughed, and Dan did not."
    assert _gold_mentions(text, cast) == [
        ("the reception clerk", "The Reception Clerk"), ("Dan's friend", "Dan'S Friend"),
        ("Dan", "Dan")]


def test_the_words_of_a_listed_description_name_no_one():
    from ficlens.eval.pdnc_data import GoldCharacter

    # "Small, Dark, Brisk Man" is a coachman; "Small" is Jonathan Small.
    cast = [GoldCharacter(0, "Wooden-Legged Man", ["Jonathan Small"], "M", "major"),
            GoldCharacter(1, "A Small, Dark, Brisk Man", ["Small, Dark, Brisk Man"], "M",
                          "minor")]
    text = '"Down by the old pier," said Small, quietly. Jonathan Small grinned.'
    assert _gold_mentions(text, cast) == [
        ("Small", "Wooden-Legged Man"), ("Jonathan Small", "Wooden-Legged Man")]


def test_a_bare_first_name_goes_to_the_character_the_text_calls_by_it():
    from ficlens.eval.pdnc_data import GoldCharacter

    # The list gives "John" to John Beaver, whom the text calls "Beaver"; "John" alone is
    # the boy, John Andrew.
    cast = [GoldCharacter(0, "John Beaver", ["John", "John Beaver", "Beaver"], "M", "major"),
            GoldCharacter(1, "John Andrew", ["John Andrew"], "M", "major")]
    text = ("John Andrew rode out. Beaver was in London. Beaver telephoned. Beaver dined. "
            "Beaver slept. Beaver woke. John Andrew fell. John Andrew laughed. John said no.")
    found = _gold_mentions(text, cast)
    assert ("John", "John Andrew") in found and ("Beaver", "John Beaver") in found
    # where the text calls him "John" more than "Beaver", the list stands
    text = "John Andrew rode out. John Andrew fell. John Andrew ran. John Beaver and John said."
    assert ("John", "John Beaver") in _gold_mentions(text, cast)


def test_eval_pdnc_refuses_an_outcomes_file_it_cannot_write_before_running(tmp_path: Path):
    result = CliRunner().invoke(
        app, ["eval", "pdnc", "--data", str(tmp_path), "--outcomes",
              str(tmp_path / "no-such-folder" / "outcomes.csv")])
    assert result.exit_code != 0
    assert "no-such-folder" in str(result.exception)
