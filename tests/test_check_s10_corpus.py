"""The wider self-supervised corpus of the check tables and the confusables model (issue 23):
how each kind of source file is read as prose, the editing rule that keeps poorly edited works
out, and the casing table counting a fandom once however many of its works are read.
All texts here are invented."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "training"))

import fan_works as fw  # noqa: E402
import train_check_tables as tct  # noqa: E402


def test_html_chapters_become_paragraphs_without_markup() -> None:
    prose = fw.html_prose("<div><h1>Tide</h1><p>Mara &amp; Tobin ran.</p>"
                          "<p>It was <em>late</em>.<br>Too late.</p></div>")
    assert "<" not in prose and "Mara & Tobin ran." in prose
    assert "It was late.\nToo late." in prose


def test_latex_chapters_keep_their_words_and_lose_their_commands() -> None:
    raw = ("\\chapter{A Title}\n\\lettrine{T}{he} lamp was \\emph{very} bright, said "
           "Mrs~Vell. % a note to the typesetter\n``Quite,'' said Orin---and left.")
    prose = fw.latex_prose(raw)
    assert prose.startswith("\nThe lamp was very bright, said Mrs Vell.")
    assert "“Quite,” said Orin—and left." in prose
    assert "\\" not in prose and "typesetter" not in prose and "A Title" not in prose


def test_javascript_data_files_give_their_chapter_texts() -> None:
    raw = ("export const chapters = [{ id: 1, content: `Kell ran.\n      "
           "<i>Faster,</i> he thought.`, title: \"x\" }];")
    assert fw.js_prose(raw) == "Kell ran.\nFaster, he thought."


def test_the_editing_rule_counts_lower_case_i_in_narration_only() -> None:
    careless = "when i got home i made tea and i sat by the window. " * 20
    styled = '"i dunno," Pell said, and the others laughed at the tiny voice. ' * 20
    assert not fw.well_edited(fw.editing_signs(careless))
    assert fw.well_edited(fw.editing_signs(styled))


def test_the_editing_rule_notices_words_no_dictionary_knows() -> None:
    typos = "She walkd to teh door and openned it slowely, then smild at him. " * 20
    clean = "She walked to the door and opened it slowly, then smiled at him. " * 20
    assert fw.editing_signs(typos)["unknown"] > fw.MAX_UNKNOWN
    assert fw.well_edited(fw.editing_signs(clean))


def test_a_byline_picks_an_authors_pages_once() -> None:
    pages = [("a.md", "-> Tale One <-\n-> By Quill-anon <-\n\nText."),
             ("b.md", "-> Tale Two <-\nby quill anon\n\nMore text."),
             ("c.md", "-> Tale One <-\n-> By Quill-anon <-\n\nText."),  # the same page again
             ("d.md", "-> By Other-anon <-\n\nText by Quill-anon's friend.")]
    kept = fw._signed(pages, r"(?im)^[#>*\s-]*by quill[- ]?anon\b")
    assert [path for path, _ in kept] == ["a.md", "b.md"]


def _work(fandom: str) -> fw.FanWork:
    return fw.FanWork("someone/stories", f"works/{fandom}", fandom)


def _source(n: int) -> dict:
    return {"repository": "someone/stories", "folder": f"w{n}", "commit": "0" * 40,
            "editing": {"kept": True}}


TEXT = "The ship sailed past Quorrin at dawn, and they sang of Quorrin all night.\n" * 3


@pytest.mark.parametrize(("fandoms", "listed"), [
    (["Tidefall"] * 5, False),  # one fandom's many works: its own name, not a casing fact
    (["Tidefall", "Emberline", "Glasswood", "Stormreach", "Ashgrove"], True),
])
def test_casing_needs_the_form_in_independent_fandoms(monkeypatch, tmp_path, fandoms,
                                                      listed) -> None:
    works = [(_work(f), TEXT, _source(n)) for n, f in enumerate(fandoms)]
    monkeypatch.setattr(tct, "training_works", lambda _mirrors: works)
    sources = tct._sources(tmp_path, tmp_path)
    assert len(sources) == len(set(fandoms))
    rows = tct.casing_rows(tct.count_casing(sources))
    assert ("quorrin" in {row[0] for row in rows}) is listed


def test_thinning_keeps_a_confusable_sets_balance(monkeypatch) -> None:
    import random

    import train_confusables as tc

    monkeypatch.setattr(tc, "MAX_PER_WORD", 10)
    sources = {"fanfic": {"to": [["L1=a"]] * 40, "too": [["L1=b"]] * 8}, "pdnc": {}}
    capped = [len(tc._sampled(sources, w, random.Random(1), None)) for w in ("to", "too")]
    thinned = [len(tc._sampled(sources, w, random.Random(1), 10 / 40)) for w in ("to", "too")]
    assert capped == [10, 8]  # each word capped on its own: 'too' over-represented
    assert thinned == [10, 2]  # one rate for the set: prose's 5 to 1 kept


def _cased_words(text: str) -> list[tuple[str, str | None]]:
    from ficlens.check import run_checks
    from ficlens.document import Work
    from ficlens.pipeline import analyze

    work = analyze(Work(text=text), ["segment", "nlp", "characters", "quotes", "coref"])
    return [(text[f.start:f.end], f.suggestion)
            for f in run_checks(work, select=["capitalisation.cased-word"])]


def test_common_nouns_one_fandom_capitalises_are_left_alone() -> None:
    # the table learned from two works of one fandom had Lily and Tom
    assert _cased_words("The pond was full of lily pads and the old tom cat slept.") == []


def test_a_form_many_fandoms_capitalise_is_flagged() -> None:
    assert _cased_words("Her accent sounded british to him.") == [("british", "British")]
