"""The beta reader: each rule on small stories written for the purpose.

Layers the rule reads from later stages (quotes, characters, scenes) are built by hand here so
that each rule is tested on its own; tests/test_check_pipeline.py runs the whole thing.
"""

from __future__ import annotations

import re

import pytest

from ficlens.check import RULES, run_checks
from ficlens.check.confusable_model import load_model
from ficlens.check.names import edit_distance, variants
from ficlens.document import Span, Work
from ficlens.eval.check_injected import Edit, apply, choose
from ficlens.pipeline import analyze


def quotes_of(text: str) -> list[Span]:
    """Speech quotes of a text with straight double quotes, one per pair of marks."""
    return [Span(m.start(), m.end(), {"speech": True, "type": "Explicit"})
            for m in re.finditer(r'"[^"\n]*"', text)]


def work_with_quotes(text: str) -> Work:
    work = analyze(Work(text=text), ["segment"])
    work.add_layer("quotes", quotes_of(text))
    return work


def rules_found(work: Work, select=()) -> list[str]:
    return [f.rule for f in run_checks(work, select=select)]


@pytest.mark.parametrize(
    ("text", "rule", "suggestion"),
    [
        ('"Will you marry me?" He asked, kneeling.\n', "dialogue.capitalised-tag", "he"),
        ('"Hello." she said, and waved.\n', "dialogue.period-before-tag", None),
        ('"Hey Nora." She said, smiling.\n', "dialogue.period-before-tag", None),
        ('"Hello", she said.\n', "dialogue.punctuation-outside", ',"'),
        ('"I missed you," she smiled.\n', "dialogue.beat-as-tag", None),
    ],
)
def test_dialogue_punctuation_slips_are_flagged(text, rule, suggestion):
    findings = [f for f in run_checks(work_with_quotes(text)) if f.rule == rule]
    assert len(findings) == 1, run_checks(work_with_quotes(text))
    if suggestion:
        assert findings[0].suggestion == suggestion


def test_correct_dialogue_punctuation_is_left_alone():
    text = (
        '"Will you marry me?" he asked.\n\n"Hello," she said. "It is late."\n\n'
        '"Yeah," he laughed, "we can."\n\n"Go." He looked away.\n\n'
        '"I missed you." She smiled.\n'
    )
    assert rules_found(work_with_quotes(text)) == []


def test_missing_close_quote_but_multi_paragraph_speech_is_fine():
    speech = '"It began in June,\n\n"and it ended in May," Eli said.\n'
    assert "dialogue.missing-close" not in rules_found(work_with_quotes(speech))
    broken = '"It began in June, Eli said.\n\nThe lamp turned.\n'
    assert rules_found(work_with_quotes(broken)) == ["dialogue.missing-close"]


def test_a_quotation_recited_line_by_line_closes_later():
    verse = ("Eli cleared his throat.\n\n“The tide comes in,\n\nThe tide goes out,\n\n"
             "And leaves the sand behind.”\n\nNobody clapped.\n")
    assert "dialogue.missing-close" not in rules_found(work_with_quotes(verse))
    unclosed = ("Eli cleared his throat.\n\n“The tide comes in, he said.\n\n"
                "The lamp turned.\n\n“Go home,” Nora said.\n")
    assert "dialogue.missing-close" in rules_found(work_with_quotes(unclosed))


@pytest.mark.parametrize(
    ("sentence", "written", "expected"),
    [
        ("They're house was the last one on the hill.", "They're", "Their"),
        ("He was taller then his brother by a head.", "then", "than"),
        ("It was the day after Tamsin purposed to Odile.", "purposed", "proposed"),
        ("She waited with baited breath for the letter.", "baited", "bated"),
    ],
)
def test_confusables_in_context(sentence, written, expected):
    findings = run_checks(Work(text=sentence + "\n"), select=["confusables"])
    assert [(sentence[f.start:f.end], f.suggestion) for f in findings] == [(written, expected)]


def test_confusables_leave_correct_usage_alone():
    text = ("Their house stood over there, and they're proud of it. It was taller than the "
            "church, and then it rained. The dog wagged its tail.\n")
    assert run_checks(Work(text=text), select=["confusables"]) == []


def test_confusables_model_records_its_training():
    _models, meta = load_model()
    assert meta["training_words"] > 1_000_000
    assert meta["fan_fiction_training_words"] > 1_000_000
    assert set(meta["held_out_novels"]).isdisjoint(meta["training_novels"])
    splits = {(w["repository"], w["folder"]): w["split"] for w in meta["fan_fiction"]}
    assert "held apart" in splits.values() and "training" in splits.values()
    score = meta["scores"]["held_apart_fan_fiction"]
    assert score["hits"] + score["false_alarms"] > 0 and score["precision"] >= 0.95


@pytest.mark.parametrize(("sentence", "written", "expected"), [
    ("I think your going to love it here.", "your", "you're"),
    ("She was a lot younger then her sister.", "then", "than"),
    ("Its a nice day for a walk.", "Its", "It's"),
])
def test_modern_confusables_inside_and_outside_dialogue(sentence, written, expected):
    for text in (sentence, f'Odile turned. "{sentence}" Odile said.'):
        work = analyze(Work(text=text + "\n"), ["segment", "nlp", "characters", "quotes"])
        findings = run_checks(work, select=["confusables.context"])
        assert [(text[f.start:f.end], f.suggestion) for f in findings] == [(written, expected)]


def test_confusables_read_a_dash_as_the_end_of_a_clause():
    text = '"Is this too\u2013 stop me if it is," she said. It was quiet again.\n'
    assert run_checks(Work(text=text), select=["confusables.context"]) == []


def names_work(text: str) -> Work:
    work = Work(text=text)
    work.set_table("characters", [
        {"id": "C0", "name": "Lindsey Strauss", "aliases": ["Lindsey", "Lindsay"], "gender": "F"},
        {"id": "C1", "name": "Lucas Scott", "aliases": ["Lucas", "Luke"], "gender": "M"},
    ])
    return work


def test_a_name_spelled_two_ways_is_flagged_at_the_rare_spelling():
    text = "Lindsey smiled. " * 5 + "Later Lindsay left. Lucas and Luke are one man.\n"
    findings = run_checks(names_work(text), select=["names"])
    assert [(text[f.start:f.end], f.suggestion) for f in findings] == [("Lindsay", "Lindsey")]


def test_names_across_a_series_count_together():
    part_two = Work(text="Lindsay came home.\n")
    part_two.set_table("characters", [{"id": "C0", "name": "Lindsay", "aliases": []}])
    part_one = names_work("Lindsey smiled. " * 6)
    findings = run_checks(part_two, select=["names"], related=[part_one])
    assert [f.suggestion for f in findings] == ["Lindsey"]


def test_name_variant_rules():
    assert edit_distance("lindsay", "lindsey") == 1
    assert edit_distance("ab", "ba") == 1
    assert variants("Lindsay", "Lindsey")
    assert not variants("Peyt", "Peyton")  # a nickname, not a misspelling
    assert not variants("Mary", "Gary")
    assert variants("Marla", "Marle")  # five letters: still compared
    assert not variants("Tova", "Tovi")  # short names one edit apart are often two names
    assert not variants("Kael", "Kaen")


PAST_STORY = (
    "Nora walked to the lighthouse. She climbed the stairs and found the lamp cold. "
    "Eli waited at the top with two mugs. He handed her one and smiled. She drank it slowly. "
    "The wind rattled the glass. She knew he had never loved her like he loves the sea. "
    "They watched the boats come in. He laughed at her joke. Nora laughed too.\n"
)


def test_present_tense_slip_in_past_narration():
    work = analyze(Work(text=PAST_STORY), ["segment", "nlp"])
    findings = run_checks(work, select=["tense"])
    assert [PAST_STORY[f.start:f.end] for f in findings] == ["loves"]


@pytest.mark.parametrize("sentence", [
    "Nobody wanted the old coats. Otherwise they’d go to waste in the snow.",
    "The gull cried, letting Nora know she should hurry up.",
])
def test_a_bare_infinitive_is_not_a_present_tense_slip(sentence):
    text = PAST_STORY.replace("The wind rattled the glass. ", sentence + " ")
    work = analyze(Work(text=text), ["segment", "nlp"])
    slips = [text[f.start:f.end] for f in run_checks(work, select=["tense.present-in-past"])]
    assert slips == ["loves"]


def test_person_slip_in_a_third_person_scene():
    text = PAST_STORY.replace("They watched the boats come in.", "I watched the boats come in.")
    work = analyze(Work(text=text), ["segment", "nlp"])
    work.add_layer("scenes", [Span(0, len(text), {"person": "third", "mode": "third_limited"})])
    assert "tense.person-slip" in [f.rule for f in run_checks(work, select=["tense"])]


def test_a_letter_in_the_narration_may_say_i():
    letter = "Dear Nora, as you may know, I watched the boats come in last week."
    text = PAST_STORY.replace("They watched the boats come in.", "\n\n" + letter + "\n\n")
    work = analyze(Work(text=text), ["segment", "nlp"])
    work.add_layer("scenes", [Span(0, len(text), {"person": "third", "mode": "third_limited"})])
    assert "tense.person-slip" not in [f.rule for f in run_checks(work, select=["tense"])]


HOP_STORY = (
    "Nora stood at the window. She wondered why Eli had come back. She remembered the ferry. "
    "Eli set down the mugs. He knew she was still angry. "
    "Nora turned away. She wanted the winter to be over.\n"
)


def pov_work(text: str) -> Work:
    work = analyze(Work(text=text), ["segment", "nlp"])
    work.set_table("characters", [{"id": "C0", "name": "Nora", "gender": "F"},
                                  {"id": "C1", "name": "Eli", "gender": "M"}])
    mentions, coref = [], []
    for m in re.finditer(r"\b(Nora|Eli|She|she|He|he)\b", text):
        who = "C0" if m.group() in ("Nora", "She", "she") else "C1"
        (mentions if m.group()[0] in "NE" else coref).append(
            Span(m.start(), m.end(), {"character": who}))
    work.add_layer("mentions", mentions)
    work.add_layer("coref", coref)
    work.add_layer("scenes", [Span(0, len(text), {"mode": "third_limited", "focal": "C0",
                                                  "person": "third"})])
    return work


def test_head_hopping_in_a_third_limited_scene():
    findings = run_checks(pov_work(HOP_STORY), select=["pov"])
    assert [HOP_STORY[f.start:f.end] for f in findings] == ["He knew"]
    # a craft note rather than a copy edit: only when asked for
    assert "pov.head-hop" not in [f.rule for f in run_checks(pov_work(HOP_STORY))]


def test_omniscient_narration_is_not_head_hopping():
    text = HOP_STORY + "Eli wondered about the lamp. He hoped it would hold. He feared the storm.\n"
    assert run_checks(pov_work(text), select=["pov"]) == []


def test_focal_character_thoughts_are_not_head_hops():
    text = ("Nora stood at the window. She knew Eli was sorry. She could tell he knew it too. "
            "She hoped he would stay. She wanted him to.\n")
    assert run_checks(pov_work(text), select=["pov"]) == []


def conversation(lines: int, tagged: set[int]) -> Work:
    text = "".join(f'"Line {i}."\n\n' for i in range(lines))
    work = analyze(Work(text=text), ["segment"])
    quotes = quotes_of(text)
    for i, quote in enumerate(quotes):
        quote.attrs.update(type="Explicit" if i in tagged else "Implicit",
                           speaker="C0" if i % 2 else "C1")
    work.add_layer("quotes", quotes)
    work.set_table("characters", [{"id": "C0", "name": "Nora"}, {"id": "C1", "name": "Eli"}])
    return work


def test_a_long_run_of_untagged_lines_is_flagged_once():
    assert rules_found(conversation(16, {0}), ["speakers"]) == ["speakers.untagged-run"]
    assert rules_found(conversation(16, {0, 8}), ["speakers"]) == []


def test_pronoun_tag_with_two_men_in_the_conversation():
    text = ('"We are late," Eli said.\n\n"Not yet," Tom said.\n\n"We are," Eli said.\n\n'
            '"Fine," Tom said.\n\n"Nora is waiting," she said.\n\n"Then run," he said.\n')
    work = work_with_quotes(text)
    work.set_table("characters", [{"id": "C0", "name": "Eli", "gender": "M"},
                                  {"id": "C1", "name": "Tom", "gender": "M"},
                                  {"id": "C2", "name": "Nora", "gender": "F"}])
    speakers = ["C0", "C1", "C0", "C1", "C2", "C0"]
    for quote, speaker in zip(work.layer("quotes"), speakers, strict=True):
        quote.attrs["speaker"] = speaker
    findings = run_checks(work, select=["speakers"])
    assert [(f.rule, text[f.start:f.end]) for f in findings] == [
        ("speakers.ambiguous-pronoun", "he")]


def test_people_only_mentioned_in_narration_are_not_on_stage():
    text = ('Brooke had nodded and Haley had frowned, years ago.\n\n"Hi," Lucas said.\n\n'
            '"What are you doing here?" she asked.\n')
    work = work_with_quotes(text)
    work.set_table("characters", [{"id": "C0", "name": "Brooke", "gender": "F"},
                                  {"id": "C1", "name": "Haley", "gender": "F"},
                                  {"id": "C2", "name": "Lucas", "gender": "M"},
                                  {"id": "C3", "name": "Peyton", "gender": "F"}])
    work.add_layer("mentions", [Span(0, 6, {"character": "C0"}), Span(19, 24, {"character": "C1"})])
    for quote, speaker in zip(work.layer("quotes"), ["C2", "C3"], strict=True):
        quote.attrs["speaker"] = speaker
    assert run_checks(work, select=["speakers"]) == []


def test_style_rules_are_off_by_default_and_explain_themselves():
    text = '"Go," she ejaculated. "Now," he said softly.\n'
    work = work_with_quotes(text)
    assert rules_found(work) == []
    found = rules_found(work, ["style"])
    assert "style.said-bookism" in found and "style.adverb-tag" in found
    assert all(RULES[r].description for r in found)


def test_select_and_ignore_take_rules_or_categories():
    text = '"Hello." she said. They\'re house was there.\n'
    work = work_with_quotes(text)
    # confusables.context is on by default (session 14); its category or its id selects it
    assert set(rules_found(work)) == {"dialogue.period-before-tag", "confusables.context"}
    assert rules_found(work, ["confusables"]) == ["confusables.context"]
    assert [f.rule for f in run_checks(work, select=["confusables.context", "dialogue"],
                                       ignore=["dialogue"])] == ["confusables.context"]


def test_error_injection_keeps_windows_on_the_edited_text():
    text = "aaa bbb ccc ddd"
    edits = [Edit(4, 7, "BBBBB", (0, 5), "x"), Edit(12, 15, "D", (0, 1), "y")]
    new, windows = apply(text, edits)
    assert new == "aaa BBBBB ccc D"
    assert [new[s:e] for s, e in windows] == ["BBBBB", "D"]
    import random

    spaced = choose([Edit(i, i + 1, "", (0, 1), "z") for i in range(0, 2000, 100)], 5,
                    random.Random(1), spacing=400)
    starts = [e.start for e in spaced]
    assert all(b - a > 400 for a, b in zip(starts, starts[1:], strict=False))


@pytest.mark.shared
def test_eval_check_harness_on_one_novel(pdnc_dir):
    import json
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "ficlens", "eval", "check", "--data", str(pdnc_dir),
         "--novels", "TheAwakening", "--words", "2500", "--errors", "injected", "--json"],
        capture_output=True, text=True, timeout=600,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)["injected"]
    assert result["novels"] == ["TheAwakening"] and result["words"] >= 2500
    assert set(result["by_category"]) == {"dialogue", "confusables", "names", "pov", "tense",
                                          "speakers", "style"}
    assert result["overall"]["injected"] > 10
    assert 0.0 <= result["overall"]["precision"] <= 1.0


@pytest.mark.parametrize(
    "sentence",
    [
        "They lay together for a while and listened to the rain.",  # past of lie
        "Julian insisted she accompany him to the city.",  # mandative subjunctive
        "God knows he wanted to say it.",  # idiom
    ],
)
def test_past_lookalikes_subjunctives_and_idioms_are_not_tense_slips(sentence):
    text = PAST_STORY.replace("The wind rattled the glass. ", sentence + " ")
    text = text.replace("like he loves the sea", "like he loved the sea")
    work = analyze(Work(text=text), ["segment", "nlp"])
    assert run_checks(work, select=["tense"]) == []


def test_a_capitalised_common_word_is_not_a_misspelt_name():
    text = "Luke laughed. " * 5 + "Like when we were young. Luke smiled.\n"
    work = analyze(Work(text=text), ["segment", "nlp"])
    work.set_table("characters", [{"id": "C0", "name": "Luke", "aliases": ["Luke"]}])
    assert run_checks(work, select=["names"]) == []


def test_a_question_the_focal_character_asks_is_not_a_head_hop():
    text = HOP_STORY.replace("He knew she was still angry.",
                             "She wondered if he ever loved her.")
    assert run_checks(pov_work(text), select=["pov"]) == []


def test_a_tag_never_crosses_a_paragraph_break():
    text = '"Should I take it that you trust her?"\n\nHe answered at once, "As much as I can."\n'
    assert rules_found(work_with_quotes(text), ["dialogue"]) == []
