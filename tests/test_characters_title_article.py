"""A name a title opens takes its article in the narration; one "Mr." or "Miss" opens does not."""

from __future__ import annotations

from ficlens.document import Work
from ficlens.pipeline import analyze

STORY = (
    "The Widow Douglas took Tom in. The Widow Douglas was kind to him, and Mr. Jones "
    "laughed at her.\n\n"
    '"Tom," said the Widow Douglas, "wash your face."\n\n'
    "Tom washed his face. The Mr. Jones of the village was a miller, and Mr. Jones said "
    "nothing.\n"
)


def mention_texts() -> list[str]:
    work = analyze(Work(text=STORY), ["nlp", "characters"])
    return [work.span_text(m) for m in work.layer("mentions")]


def test_a_title_takes_its_article_and_a_mister_does_not() -> None:
    texts = mention_texts()
    assert texts.count("The Widow Douglas") == 2 and "the Widow Douglas" in texts
    assert "Mr. Jones" in texts and not any(t.lower().startswith("the mr") for t in texts)
