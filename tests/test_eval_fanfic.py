"""The fan-fiction harness (``ficlens eval fanfic``) and the rename test, on small invented
stories; the real set in ../shared is only read (re-anchoring), never copied."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ficlens.cli import app
from ficlens.eval.fanfic_gold import FanficQuote, gold_files, read_gold, reanchor
from ficlens.eval.one_to_one import align, name_forms
from ficlens.eval.rename import plan_renaming, shipped_words

STORY = """Notes: a tiny story for the tests. Tags: Marisol Quennell/Tobias Harrowgate.

Marisol Quennell pushed open the door of the lab. "You're late," she said.

"I brought coffee," Tobias said, holding out a cup. "Marisol's favourite."

Dr Harrowgate's sister looked up from the bench. "TOBIAS! Not near the samples."

"Sorry, Edda," Tobias said. Marisol laughed, and the sign on the door still read "Keep Out".

"Fine," Edda said to Tobias. "But Marisol owes me."

She kissed Tobias on the cheek. "Thank you," Marisol whispered.
"""

CHARACTERS = [
    {"id": "Marisol Quennell", "aliases": ["Marisol", "Marisol Quennell"], "descriptions": [],
     "gender": "f", "presence": "on-stage"},
    {"id": "Tobias Harrowgate", "aliases": ["Tobias", "Dr Harrowgate"],
     "descriptions": [], "gender": "m", "presence": "on-stage"},
    {"id": "Edda", "aliases": ["Edda"], "descriptions": ["Dr Harrowgate's sister"],
     "gender": "f", "presence": "on-stage"},
    {"id": "Lab", "aliases": [], "descriptions": ["the lab"], "gender": "unknown",
     "presence": "mentioned", "group": True},
]

# (quote text, speaker, addressee, type); every quotation of STORY in order
LINES = [
    ('"You\'re late,"', "Marisol Quennell", "Tobias Harrowgate", "anaphoric"),
    ('"I brought coffee,"', "Tobias Harrowgate", "Marisol Quennell", "explicit"),
    ('"Marisol\'s favourite."', "Tobias Harrowgate", "Marisol Quennell", "explicit"),
    ('"TOBIAS! Not near the samples."', "Edda", "Tobias Harrowgate", "explicit"),
    ('"Sorry, Edda,"', "Tobias Harrowgate", "Edda", "explicit"),
    ('"Keep Out"', "NOT_SPEECH", None, None),
    ('"Fine,"', "Edda", "Tobias Harrowgate", "explicit"),
    ('"But Marisol owes me."', "Edda", "Tobias Harrowgate", "explicit"),
    ('"Thank you,"', ["Marisol Quennell", "Edda"], "Tobias Harrowgate", "explicit"),
]


def _gold(text: str = STORY) -> dict:
    quotes, at = [], 0
    for quote, speaker, addressee, qtype in LINES:
        start = text.index(quote, at)
        at = start + len(quote)
        quotes.append({"start": start, "end": at, "text": quote, "speaker": speaker,
                       "addressee": addressee, "type": qtype})
    story_start = text.index("Marisol Quennell pushed")
    return {
        "file": "lab.txt", "person": "third", "tense": "past", "characters": CHARACTERS,
        "quotes": quotes, "main_pairing": ["Marisol Quennell", "Tobias Harrowgate"],
        "pov": [{"start": 0, "end": story_start, "pov_character": None},
                {"start": story_start, "end": len(text), "pov_character": "Marisol Quennell"}],
    }


@pytest.fixture
def story_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "fanfic" / "A"
    folder.mkdir(parents=True)
    (folder / "lab.txt").write_text(STORY, encoding="utf-8")
    (folder / "lab.gold.json").write_text(json.dumps(_gold()), encoding="utf-8")
    return tmp_path / "fanfic"


# -- the rename test -------------------------------------------------------------------


def _names(gold: dict) -> list[list[str]]:
    return [[c["id"], *c["aliases"]] for c in gold["characters"]]


def test_rename_keeps_every_gold_offset_consistent():
    gold = _gold()
    renaming = plan_renaming(STORY, _names(gold), "lab")
    for quote in gold["quotes"]:
        start, end = renaming.span(quote["start"], quote["end"])
        assert renaming.text[start:end] == renaming.string(quote["text"])
        assert renaming.text[start] == '"' and renaming.text[end - 1] == '"'
    for pov in gold["pov"]:
        start, end = renaming.span(pov["start"], pov["end"])
        assert renaming.text[start:end] == renaming.string(STORY[pov["start"] : pov["end"]])
    assert renaming.span(0, len(STORY)) == (0, len(renaming.text))


def test_rename_replaces_every_name_form_and_keeps_titles():
    renaming = plan_renaming(STORY, _names(_gold()), "lab")
    for word in ("Marisol", "Quennell", "Tobias", "TOBIAS", "Harrowgate", "Edda"):
        assert not re.search(rf"\b{word}\b", renaming.text), word
    new = renaming.invented
    assert f"{new['Marisol']}'s favourite" in renaming.text  # the possessive follows
    assert new["Tobias"].upper() + "!" in renaming.text  # capitals stay capitals
    assert f"Dr {new['Harrowgate']}'s sister" in renaming.text  # the title stays
    assert "Keep Out" in renaming.text and "the lab" in renaming.text  # not names


def test_invented_names_are_in_no_shipped_list_and_reveal_no_gender():
    from ficlens.characters.names import FIRST_NAMES

    words = shipped_words()
    assert "elizabeth" in words and "coach" in words  # the scan reads the name lists
    assert {n.lower() for n in FIRST_NAMES} <= words
    renaming = plan_renaming(STORY, _names(_gold()), "lab")
    assert renaming.invented
    for old, new in renaming.invented.items():
        assert new.lower() not in words, new
        assert new.lower() not in STORY.lower(), new
        assert new[-1].lower() not in "aeiouy", new  # no "-a" / "-o" ending
        assert old.endswith("s") == new.endswith("s"), (old, new)
    assert len(set(renaming.invented.values())) == len(renaming.invented)


def test_renaming_ignores_gender_and_is_reproducible():
    male = [["Tobias"]]
    story = "Tobias waved. Tobias left."
    first = plan_renaming(story, male, "seed").invented
    assert first == plan_renaming(story, male, "seed").invented


def test_short_forms_stay_short_forms():
    story = "Peyton smiled. \"Hey, Peyt,\" he said. Peyton and Peyt are one girl."
    new = plan_renaming(story, [["Peyton", "Peyt"]], "s").invented
    assert new["Peyton"].startswith(new["Peyt"]) and new["Peyt"] != new["Peyton"]


def test_the_reader_and_common_words_are_not_renamed():
    story = "Old Spock nodded. The old man smiled at you. \"Reader,\" you said to him."
    words = plan_renaming(story, [["Old Spock", "Spock"], ["you", "Reader"]], "s").invented
    assert set(words) == {"Spock"}


# -- re-anchoring ----------------------------------------------------------------------


def _quotes(text: str) -> list[FanficQuote]:
    return [FanficQuote(q["start"], q["end"], q["text"], ["someone"], [], "Implicit")
            for q in _gold(text)["quotes"]]


def test_reanchor_follows_a_changed_text():
    quotes = _quotes(STORY)
    new_text = "Page chrome\n\n" + STORY.replace('"I brought coffee,"', '"I  brought\ncoffee,"')
    new_text = new_text.replace('"Fine,"', '"Fine!"')
    anchored, lost = reanchor(quotes, len(STORY), new_text)
    assert [q.text for q in lost] == ['"Fine,"']
    assert len(anchored) == len(quotes) - 1
    for q in anchored:
        assert new_text[q.start : q.end] == q.text
        assert " ".join(q.text.split()) in {" ".join(x.text.split()) for x in quotes}
    assert [q.start for q in anchored] == sorted(q.start for q in anchored)


def test_reanchor_keeps_repeated_lines_in_order():
    text = '"Yes." A. "No." B. "Yes." C. "Yes."'
    quotes = [FanficQuote(m.start(), m.end(), m.group(0), ["X"], [], "Implicit")
              for m in re.finditer(r'"[^"]+"', text)]
    anchored, lost = reanchor(quotes, len(text), "Header. " + text)
    assert not lost
    assert [q.start - 8 for q in anchored] == [q.start for q in quotes]


# -- one-to-one alignment --------------------------------------------------------------


def test_a_merged_character_is_credited_once():
    predicted = {"P0": name_forms(["Jamie Carter", "Sheriff Carter", "Jamie"]),
                 "P1": name_forms(["the healer"])}
    gold = {"Jamie Carter": name_forms(["Jamie Carter", "Jamie"]),
            "Sheriff Carter": name_forms(["Sheriff Carter", "the sheriff"]),
            "Healer": name_forms(["Healer", "the healer"])}
    shared = Counter({("P0", "Sheriff Carter"): 9, ("P0", "Jamie Carter"): 2})
    to_gold = align(predicted, gold, shared)
    assert to_gold == {"P0": "Sheriff Carter", "P1": "Healer"}  # one gold each


def test_of_two_characters_with_one_name_the_one_with_its_lines_is_aligned():
    predicted = {"P0": name_forms(["Jack"]), "P1": name_forms(["Dr Abbot"]),
                 "P2": name_forms(["the narrator"])}
    gold = {"Jack Abbot": name_forms(["Jack", "Abbot", "Dr Abbot"])}
    shared = Counter({("P0", "Jack Abbot"): 30, ("P1", "Jack Abbot"): 1,
                      ("P2", "Jack Abbot"): 50})
    assert align(predicted, gold, shared) == {"P0": "Jack Abbot"}  # a name beats no name


def test_alignment_uses_shared_lines_for_unnamed_characters():
    predicted = {"P0": name_forms(["the narrator"]), "P1": name_forms(["Lee"])}
    gold = {"Nat": name_forms(["Nat Rome"]), "Lee": name_forms(["Lee"])}
    to_gold = align(predicted, gold, Counter({("P0", "Nat"): 3, ("P1", "Nat"): 1}))
    assert to_gold == {"P0": "Nat", "P1": "Lee"}


# -- the harness -----------------------------------------------------------------------


def test_gold_file_reads_joint_lines_groups_and_not_speech(story_dir: Path):
    gold = read_gold(story_dir / "A" / "lab.gold.json")
    assert gold.story.name == "lab.txt"
    joint = gold.quotes[-1]
    assert joint.speakers == ["Marisol Quennell", "Edda"] and joint.type == "Explicit"
    not_speech = [q for q in gold.quotes if not q.speech]
    assert len(not_speech) == 1 and not_speech[0].addressees == []
    assert [c.id for c in gold.characters if c.group] == ["Lab"]
    assert gold_files(story_dir) == [story_dir / "A" / "lab.gold.json"]


@pytest.mark.slow
def test_harness_scores_an_invented_story(story_dir: Path):
    from ficlens.eval.fanfic import evaluate_work, summarise

    summary = summarise([evaluate_work(story_dir / "A" / "lab.gold.json")])
    e2e = summary["end_to_end"]
    assert e2e["n"] == 8 and e2e["quote_detection_recall"] == 1.0
    assert summary["reanchor_lost"] == 0 and summary["quotes"] == 9
    assert summary["gold_characters"]["accuracy"] >= 0.75
    assert e2e["accuracy"] >= 0.75
    assert summary["not_speech_as_speech"]["n"] == 1
    assert summary["character_recall"]["n"] == 3  # the group is not a character to find
    assert summary["pov_person"] == {"rate": 1.0, "count": 1, "n": 1}
    work = summary["per_work"][0]
    aligned = work["details"]["alignment"]
    assert len(set(aligned.values())) == len(aligned)  # one to one
    renamed = summarise([evaluate_work(story_dir / "A" / "lab.gold.json", rename=True)])
    assert renamed["reanchor_lost"] == 0 and renamed["end_to_end"]["n"] == 8


@pytest.mark.slow
def test_cli_json_and_outcomes(story_dir: Path, tmp_path: Path):
    outcomes = tmp_path / "out.csv"
    result = CliRunner().invoke(app, ["eval", "fanfic", "--data", str(story_dir), "--json",
                                      "--outcomes", str(outcomes)])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert {"end_to_end", "gold_characters", "per_work", "reanchor_lost"} <= set(summary)
    rows = outcomes.read_text(encoding="utf-8").splitlines()
    # header, each speech quotation in both settings, the NOT_SPEECH span once
    assert len(rows) == 1 + 2 * 8 + 1
    assert sum(",NOT_SPEECH,NOT_SPEECH," in row for row in rows) == 1
    assert rows[0].startswith("run,work,setting,start,end,type,gold_speaker")


def test_cli_rejects_a_folder_without_gold(tmp_path: Path):
    from ficlens.errors import InputError

    with pytest.raises(InputError, match="no <stem>.gold.json"):
        gold_files(tmp_path)
    result = CliRunner().invoke(app, ["eval", "fanfic", "--data", str(tmp_path / "none")])
    assert result.exit_code != 0


def test_a_broken_gold_file_is_one_clear_error(tmp_path: Path):
    from ficlens.errors import InputError

    (tmp_path / "x.gold.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError, match="x.gold.json"):
        read_gold(tmp_path / "x.gold.json")


# -- the real set (read only) ----------------------------------------------------------


@pytest.mark.shared
def test_every_real_gold_quote_reanchors_on_the_current_text(fanfic_dir: Path):
    from ficlens.ingest import read_path

    for path in gold_files(fanfic_dir):
        gold = read_gold(path)
        text = read_path(gold.story).text
        anchored, lost = reanchor(gold.quotes, gold.text_length, text)
        assert len(anchored) + len(lost) == len(gold.quotes)
        for quote in anchored:
            assert text[quote.start : quote.end] == quote.text
        assert len(lost) <= len(gold.quotes) // 10, (path.name, len(lost))


def test_a_named_duplicate_does_not_take_another_characters_lines():
    predicted = {"P0": name_forms(["Lieutenant Uhura", "Uhura"]), "P1": name_forms(["Nyota"])}
    gold = {"Uhura": name_forms(["Uhura", "Nyota", "Lieutenant Uhura"]),
            "T'Pau": name_forms(["T'Pau"])}
    to_gold = align(predicted, gold, Counter({("P1", "T'Pau"): 5, ("P0", "Uhura"): 2}))
    assert to_gold == {"P0": "Uhura"}  # P1 is a second Uhura, not T'Pau


def test_alias_purity_reads_unlisted_full_names_and_catches_other_peoples_names():
    from ficlens.eval.fanfic import _GoldNames
    from ficlens.eval.fanfic_gold import FanficCharacter

    def char(cid: str, *aliases: str) -> FanficCharacter:
        return FanficCharacter(cid, list(aliases), [], "M", True)

    names = _GoldNames([char("Cullen", "Cullen", "Curly"), char("Montgomery Scott", "Scotty"),
                        char("Guardian of Forever", "Guardian")])
    assert names.belongs("cullen rutherford", "Cullen")
    assert names.belongs("curly", "Cullen")
    assert not names.belongs("mr scott", "Guardian of Forever")
    assert not names.belongs("scotty", "Cullen")


@pytest.mark.shared
def test_renamed_seed_stories_keep_their_quotations(seeds_dir: Path):
    from ficlens.eval.rename import rename_novel
    from ficlens.eval.seeds import read_annotation, story_novel

    for name, story in read_annotation().items():
        novel = story_novel(seeds_dir, name, story)
        renamed = rename_novel(novel)
        assert len(renamed.quotes) == len(novel.quotes)
        for old, new in zip(novel.quotes, renamed.quotes, strict=True):
            (start, end), (new_start, new_end) = old.spans[0], new.spans[0]
            assert renamed.text[new_start] == novel.text[start]
            assert renamed.text[new_end - 1] == novel.text[end - 1]
        for char in novel.characters:
            for word in char.name.split():
                if word[:1].isupper() and re.search(rf"\b{re.escape(word)}\b", novel.text):
                    assert not re.search(rf"\b{re.escape(word)}\b", renamed.text), word


def test_accuracy_change_per_setting_and_type():
    from ficlens.eval.rename import accuracy_change

    def summary(acc: float, explicit: float | None) -> dict:
        by_type = {"Explicit": {"accuracy": explicit}, "Anaphoric": {"accuracy": acc},
                   "Implicit": {"accuracy": None}}
        return {"end_to_end": {"accuracy": acc, "by_type": by_type},
                "gold_characters": {"unavailable": "not run"}}

    change = accuracy_change(summary(0.9, 1.0), summary(0.75, None))
    assert set(change) == {"end_to_end"}
    assert change["end_to_end"]["change"] == -0.15
    assert change["end_to_end"]["by_type"] == {"Anaphoric": -0.15}
