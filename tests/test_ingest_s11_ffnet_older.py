# ruff: noqa: E501  (page markup kept one element a line, as the site writes it)
"""A FanFiction.net desktop page saved before the ``#profile_top`` layout (about 2012): the
info line has the desktop form (`` - `` between fields, dates mm-dd-yy, characters joined
by ``&``) in a header of the older kind. Invented story."""

from __future__ import annotations

from ficlens.ingest import read_bytes

OLDER_DESKTOP = """<html><head><title>Salt Roads Chapter 1, a harbour town fanfic | FanFiction</title></head>
<body><div id=top><a href='/'>FanFiction.Net</a></div>
<div id=content_wrapper><div id=pre_story_links><a href="/tv/">TV</a> &#187; <a href="/tv/Harbour-Town/">Harbour Town</a></div>
<table id=gui_table1><tr><td><b>Salt Roads</b> By: <a href='/u/7700001/'>brinewalker</a>
<div>Rated: <a href='#'>Fiction K+</a> - English - Adventure/Humor - Ada M. &amp; Old P. - Chapters: 2 - Words: 1,520 - Reviews: 3 - Updated: 02-09-12 - Published: 01-15-12 - id: 7700001</div>
</td></tr></table>
<select id=chap_select><option value=1 selected>1. Low Tide</option><option value=2>2. High Tide</option></select>
<div class='storytext' id='storytext'><p>The road ran white with salt.</p><p>Ada walked it anyway.</p></div>
</div></body></html>"""


def test_older_desktop_info_line_is_read_field_by_field():
    work = read_bytes(OLDER_DESKTOP.encode(), "page.html")
    meta = work.metadata
    assert meta.source_format == "ffnet-html"
    assert (meta.title, meta.authors, meta.fandoms) == ("Salt Roads", ["brinewalker"], ["Harbour Town"])
    assert (meta.rating, meta.language, meta.genres) == ("K+", "English", ["Adventure", "Humor"])
    assert meta.characters == ["Ada M.", "Old P."]
    assert (meta.word_count, meta.chapter_count) == (1520, "2")
    assert (meta.published, meta.updated) == ("2012-01-15", "2012-02-09")
    assert work.text == "The road ran white with salt.\n\nAda walked it anyway."
    assert [s.attrs for s in work.layer("chapters")] == [{"number": 1, "title": "Low Tide"}]
