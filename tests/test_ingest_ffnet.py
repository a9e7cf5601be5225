# ruff: noqa: E501  (page markup kept one element a line, as the site writes it)
"""FanFiction.net pages: the mobile / older layout, decorative divider lines as scene
breaks, and a closing "Please review!" as an author's note, on invented stories."""

from __future__ import annotations

from ficlens.ingest import read_bytes, segment

MOBILE = """<html><head><title>Quiet Quay Chapter 2: Nets, a harbour town fanfic | FanFiction</title></head>
<body><div id=top><a href='/'>FanFiction</a></div>
<div id=content><center><b>Quiet Quay</b> by <a href='/u/5500001/'>netmender</a></center>
<div align=center>&#187; <a href="/tv/">TV</a> &#187; <a href="/tv/Harbour-Town/">Harbour Town</a></div>
<div class=gray>Rated: T, English, Romance &amp; Drama, Ada M. &amp; Ines V., Words: 3,410, Chapters: 4, Reviews: 12, Updated: 3/4/2014, Published: 1/2/2014</div>
<div>Chapter 2: Nets</div>
<div class='storycontent' id='storycontent'><p>The nets were wet again.</p><p>o0o0o0o</p><p>Ines mended them by lamplight.</p>
<p>A/N: Please review! Reviews make me write faster.</p></div>
<div align=center><a href='/s/6600001/3/'>Next &#187;</a> <a href='/r/6600001/'>Review</a></div>
<form id=review_form><textarea>Type your review</textarea></form></div></body></html>"""


def test_mobile_layout_metadata():
    work = read_bytes(MOBILE.encode(), "page.html")
    meta = work.metadata
    assert meta.source_format == "ffnet-html"
    assert (meta.title, meta.authors, meta.fandoms) == ("Quiet Quay", ["netmender"], ["Harbour Town"])
    assert (meta.rating, meta.language, meta.genres) == ("T", "English", ["Romance", "Drama"])
    assert meta.characters == ["Ada M.", "Ines V."]
    assert (meta.word_count, meta.chapter_count) == (3410, "4")
    assert (meta.published, meta.updated) == ("2014-01-02", "2014-03-04")
    assert [s.attrs for s in work.layer("chapters")] == [{"number": 2, "title": "Nets"}]


def test_mobile_text_is_the_story_only_with_divider_and_review_note():
    work = read_bytes(MOBILE.encode())
    assert work.text == ("The nets were wet again.\n\no0o0o0o\n\nInes mended them by lamplight."
                         "\n\nA/N: Please review! Reviews make me write faster.")
    segment.run(work)
    assert [work.span_text(s) for s in work.layer("scene_breaks")] == ["o0o0o0o"]
    [note] = work.layer("notes")
    assert work.span_text(note).startswith("A/N: Please review!")
    assert note["position"] == "end"


def test_review_prompt_alone_is_a_note():
    page = MOBILE.replace("A/N: Please review! Reviews make me write faster.", "Please review!")
    work = read_bytes(page.encode())
    segment.run(work)
    assert [work.span_text(s) for s in work.layer("notes")] == ["Please review!"]
