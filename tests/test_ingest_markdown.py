"""Markdown stories with YAML front matter, in the shapes authors' archives use: an AO3
backup script's fields, a static site's flat tag list, prefixed personal tags."""

from __future__ import annotations

import pytest

from ficlens.errors import InputError
from ficlens.ingest import read_bytes
from ficlens.ingest.markdown_reader import plain_inline

AO3_BACKUP = """---
ao3_url: https://archiveofourown.org/works/4440001
author: quayside
characters:
- Wren Halley
date: '2019-03-04'
fandom:
- 'Tidewater (TV)'
notes: Written for a "Rivals" prompt.
rating: Teen And Up Audiences
relationship:
- Wren Halley/Cass Moreau
summary: Two captains, one berth.
tags:
- Enemies to Friends
title: The Berth
warnings: No Archive Warnings Apply
---

Wren got to the dock first, *again*, and tied off before Cass could argue.

"You're in my spot," Cass said. "Move the\\-\\- boat."

---

The harbourmaster had opinions about **both** of them.
"""

SITE_TAGS = """---
title: Woodsmoke
date: 2022-01-02T00:00:00Z
imageAlt: A drawing of an axe with the text "Woodsmoke"
description: >
  A cabin, a storm, a stranger.
tags:
  - Mature
  - F/F
  - Pine Hollow (Video Games)
  - Juno (Pine Hollow)/Reader
  - Juno (Pine Hollow)
  - Reader
  - Tobias (Pine Hollow)
  - Slow Burn
  - Hurt/Comfort
---

## Kindling

"Door's open," Juno called.
"""


def test_ao3_backup_front_matter_is_metadata_not_text():
    work = read_bytes(AO3_BACKUP.encode(), "x.txt")
    meta = work.metadata
    assert meta.source_format == "markdown"
    assert meta.normalized() == {
        "title": "The Berth", "authors": ["quayside"], "fandoms": ["Tidewater (TV)"],
        "rating": "Teen And Up Audiences", "warnings": ["No Archive Warnings Apply"],
        "categories": [], "relationships": ["Wren Halley/Cass Moreau"],
        "characters": ["Wren Halley"], "freeform_tags": ["Enemies to Friends"],
        "language": None, "words": None, "chapters": [], "series": [],
        "summary": "Two captains, one berth.", "url": "https://archiveofourown.org/works/4440001",
    }
    assert meta.published == "2019-03-04"
    assert "ao3_url" not in work.text and "rating:" not in work.text


def test_markup_leaves_the_text_and_rules_are_breaks():
    work = read_bytes(AO3_BACKUP.encode())
    assert work.text == (
        "Summary\n\nTwo captains, one berth.\n\nNotes\n\nWritten for a \"Rivals\" prompt.\n\n"
        "Wren got to the dock first, again, and tied off before Cass could argue.\n\n"
        "\"You're in my spot,\" Cass said. \"Move the-- boat.\"\n\n* * *\n\n"
        "The harbourmaster had opinions about both of them."
    )
    assert [s["kind"] for s in work.layer("markup_notes")] == ["summary", "author_note"]
    assert [work.span_text(s) for s in work.layer("markup_breaks")] == ["* * *"]


def test_flat_tag_list_is_sorted_into_ao3_fields():
    work = read_bytes(SITE_TAGS.encode())
    meta = work.metadata.normalized()
    assert meta["rating"] == "Mature"
    assert meta["categories"] == ["F/F"]
    assert meta["fandoms"] == ["Pine Hollow (Video Games)"]
    assert meta["relationships"] == ["Juno (Pine Hollow)/Reader"]
    assert meta["characters"] == ["Juno (Pine Hollow)", "Reader", "Tobias (Pine Hollow)"]
    assert meta["freeform_tags"] == ["Slow Burn", "Hurt/Comfort"]
    assert "Woodsmoke" not in work.text  # the image alt text is front matter, not story


def test_long_section_heading_is_a_chapter():
    story = SITE_TAGS.replace('"Door\'s open," Juno called.', "Rain again. " * 800)
    work = read_bytes(story.encode())
    [chapter] = work.layer("chapters")
    assert chapter.attrs == {"number": 1, "title": "Kindling"}
    assert work.metadata.chapters[0].title == "Kindling"


def test_short_sections_headings_are_scene_breaks():
    story = ("---\ntitle: Lanterns\nauthor: someone\n---\n## Dusk\n\nShe lit the first lamp.\n\n"
             "## Midnight\n\nHe found the last one lit.\n\n## Dawn\n\nNobody blew them out.\n")
    work = read_bytes(story.encode())
    assert [work.span_text(s) for s in work.layer("markup_breaks")] == ["Midnight", "Dawn"]
    assert [work.span_text(s) for s in work.layer("headings")] == ["Dusk"]
    from ficlens.ingest import segment

    segment.run(work)
    assert [work.span_text(s) for s in work.layer("scene_breaks")] == ["Midnight", "Dawn"]


def test_prefixed_personal_tags():
    story = ("---\ntitle: Tea\nauthor: someone\nrating: general\ntags:\n  - c:ethan\n"
             "  - f:sunnydale\n  - p:ethan/rupert\n  - genre:angst\n  - rain\n---\nTea, then.\n")
    meta = read_bytes(story.encode()).metadata
    assert (meta.characters, meta.fandoms, meta.relationships) == (
        ["ethan"], ["sunnydale"], ["ethan/rupert"])
    assert meta.genres == ["angst"] and meta.additional_tags == ["angst", "rain"]


def test_gold_text_cut_from_the_file_reanchors_through_plain_inline():
    assert plain_inline('"Move the\\-\\- boat, *now*."') == '"Move the-- boat, now."'


def test_broken_front_matter_is_one_clear_line():
    with pytest.raises(InputError, match="bad YAML front matter"):
        read_bytes(b"---\ntitle: [unclosed\n---\nStory.\n")


def test_yaml_tags_cannot_build_objects():
    with pytest.raises(InputError):
        read_bytes(b"---\ntitle: !!python/object/apply:os.system ['true']\n---\nStory.\n")


def test_code_span_over_paragraphs_leaves_no_ticks():
    story = "---\ntitle: Letters\n---\n`From: A  \n\nTo: B`\n\n`Dear B, the `tea` is cold.`\n"
    assert read_bytes(story.encode()).text == "From: A\n\nTo: B\n\nDear B, the tea is cold."


def test_yaml_alias_bomb_is_refused():
    bomb = "---\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n" \
           "tags: [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n---\nStory.\n"
    with pytest.raises(InputError, match="aliases"):
        read_bytes(bomb.encode())


def test_deeply_nested_front_matter_is_one_line():
    deep = "---\ntags: " + "[" * 5000 + "]" * 5000 + "\n---\nStory.\n"
    with pytest.raises(InputError, match="front matter"):
        read_bytes(deep.encode())
