"""training/selfsup_speaker.py: masked named-tag lines keep their offsets and labels."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

TRAINING = Path(__file__).resolve().parent.parent / "training"
sys.path.insert(0, str(TRAINING))

import selfsup_speaker as ss  # noqa: E402

STORY = """Mirela Osk walked into the kitchen. Tobin Varr was already there.

"Morning," Mirela said.

"You're late," said Tobin.

"The train was slow," Mirela said. She put her bag down.

Tobin shrugged. "It always is," Tobin muttered.

"Then we leave early tomorrow," Mirela said.
"""


def test_offset_map_and_apply_agree() -> None:
    text = "abc SAID HARRY. xyz"
    edits = [ss.Edit(4, 14, "he said"), ss.Edit(16, 19, "end")]
    new = ss.apply(text, edits)
    assert new == "abc he said. end"
    offsets = ss.OffsetMap(edits)
    assert offsets(0) == 0 and offsets(4) == 4
    assert new[offsets(14)] == "."  # the first character after an edit follows it
    assert offsets(len(text)) == len(new)
    assert offsets.touches(8, 13) and not offsets.touches(0, 3)


def test_pronoun_edit_reorders_an_inverted_tag() -> None:
    from ficlens.document import Span

    text = '"Yes," said Tobin.'
    tag = Span(7, 17, {"subject": "Tobin", "verb": "said"})
    edit = ss._pronoun_edit(text, tag, "he")
    assert ss.apply(text, [edit]) == '"Yes," he said.'
    opening = 'Tobin said, "Yes."'
    tag = Span(0, 10, {"subject": "Tobin", "verb": "said"})
    assert ss.apply(opening, [ss._pronoun_edit(opening, tag, "he")]) == 'He said, "Yes."'


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_masked_story_keeps_labels_on_their_quotations(seed: int) -> None:
    from ficlens.document import Work

    story = ss.masked_story("invented", STORY, None, seed)
    assert story.labels, "the named tags give labels"
    for label in story.labels:
        quoted = " ".join(story.text[s:e] for s, e in label.spans)
        assert quoted.startswith('"') and quoted.rstrip().endswith('"')
        assert label.type in {"Explicit", "Anaphoric", "Implicit"}
    work = Work(text=story.text)
    story.add_characters(work)
    names = {c["id"]: {c["name"], *c.get("aliases", [])} for c in work.tables["characters"]}
    for mention in work.layer("mentions"):
        surface = story.text[mention.start:mention.end]
        assert any(surface in name or name in surface for name in names[mention["character"]])
    for label in story.labels:
        assert label.speaker in names


def test_masking_draws_every_kind() -> None:
    kinds = set()
    for seed in range(12):
        kinds |= {label.type for label in ss.masked_story("invented", STORY, None, seed).labels}
    assert kinds == {"Explicit", "Anaphoric", "Implicit"}


def test_manifest_holds_metadata_only_and_no_dev_source() -> None:
    manifest = json.loads(ss.MANIFEST.read_text(encoding="utf-8"))
    from gather_fanfic_unlabelled import DEV_REPOSITORIES

    assert manifest["works"]
    for entry in manifest["works"]:
        assert entry["repository"] not in DEV_REPOSITORIES
        assert {"file", "commit", "paths", "words", "sha256", "licence"} <= set(entry)
        assert "text" not in entry
