"""AO3 work pages saved from the browser: otwarchive's work template with the site around
it (header, search tip, navigation, kudos, comments, footer), written here for an invented
story. The chapter view, the full-work view, a page saved through a translating browser
(labels in German, classes unchanged) and the adult-content / log-in interstitials."""

from __future__ import annotations

import pytest

from ficlens.errors import InputError
from ficlens.ingest import read_bytes

ENGLISH = {"rating": "Rating:", "warning": "Archive Warning:", "category": "Category:",
           "fandom": "Fandom:", "relationship": "Relationship:", "character": "Characters:",
           "freeform": "Additional Tags:", "language": "Language:", "series": "Series:",
           "stats": "Stats:", "published": "Published:", "status": "Updated:",
           "words": "Words:", "chapters": "Chapters:", "summary": "Summary:", "notes": "Notes:"}
GERMAN = {"rating": "Einstufung:", "warning": "Archivwarnung:", "category": "Kategorie:",
          "fandom": "Fandom:", "relationship": "Beziehung:", "character": "Figuren:",
          "freeform": "Weitere Tags:", "language": "Sprache:", "series": "Reihe:",
          "stats": "Statistik:", "published": "Veröffentlicht:", "status": "Aktualisiert:",
          "words": "Wörter:", "chapters": "Kapitel:", "summary": "Zusammenfassung:",
          "notes": "Anmerkungen:"}

CHROME_TOP = """<!DOCTYPE html><html lang="en"><head><title>Ferry Lights - Chapter 1 - tidewright
- Harbour Town (TV) [Archive of Our Own]</title></head><body><div id="outer" class="wrapper">
<ul id="skiplinks"><li><a href="#main">Main Content</a></li></ul>
<header id="header" class="region"><h1 class="heading"><a href="/">Archive of Our Own
<sup> beta</sup></a></h1><nav><ul class="primary navigation actions"><li><a href="/menu/fandoms">
Fandoms</a></li><li><a href="/menu/browse">Browse</a></li></ul></nav>
<form class="search" action="/works/search"><fieldset>
<p class="tip">Work Search: tip: "found family" "harbour town"</p>
<input type="text" id="site_search"/></fieldset></form></header>
<div id="inner" class="wrapper"><div id="main" class="works-show region" role="main">
<ul class="work navigation actions"><li class="chapter">
<a href="/works/5550001?view_full_work=true">Entire Work</a></li><li class="chapter"><form>
<select id="selected_id" name="selected_id">
<option selected="selected" value="777001">1. Ferry Lights</option>
<option value="777002">2. Chapter 2</option></select></form></li>
<li class="comments"><a href="#comments">Comments</a></li><li class="share"><a>Share</a></li></ul>
"""
CHROME_BOTTOM = """<div id="feedback" class="feedback"><ul class="actions"><li><a href="#">↑ Top</a>
</li><li><form id="new_kudo"><input type="submit" value="Kudos ♥"/></form></li></ul>
<div id="kudos"><p class="kudos">ferrywatcher, lamp_lover and 12 more users left kudos on this
work!</p></div><div id="comments_placeholder"><h3 class="heading">Comments</h3>
<form id="comment_for_5550001"><textarea>"Post Comment"</textarea></form></div></div>
</div></div><footer id="footer" class="region"><h4 class="landmark heading">Footer</h4>
<ul class="navigation actions"><li><a href="/about">About the Archive</a></li>
<li><a href="/tos">Terms of Service</a></li></ul></footer></div></body></html>"""


def work_meta(labels: dict[str, str]) -> str:
    def tags(cls: str, names: list[str]) -> str:
        items = "".join(f'<li><a class="tag" href="/tags/{n}/works">{n}</a></li>' for n in names)
        return (f'<dt class="{cls} tags">{labels[cls]}</dt><dd class="{cls} tags">'
                f'<ul class="commas">{items}</ul></dd>')

    return (
        '<div class="wrapper"><dl class="work meta group">'
        + tags("rating", ["Teen And Up Audiences"])
        + tags("warning", ["No Archive Warnings Apply"])
        + tags("category", ["F/F", "Gen"])
        + tags("fandom", ["Harbour Town (TV)"])
        + tags("relationship", ["Ada Marsh/Ines Vale", "Ada Marsh &amp; Old Pell"])
        + tags("character", ["Ada Marsh", "Ines Vale", "Old Pell"])
        + tags("freeform", ["Fluff", "Ferries", "Hurt/Comfort"])
        + f'<dt class="language">{labels["language"]}</dt>'
        + '<dd class="language" lang="en">English</dd>'
        + f'<dt class="series">{labels["series"]}</dt><dd class="series"><span class="series">'
        '<a class="previous" href="/works/5550000">← Previous Work</a><span class="position">'
        'Part 3 of <a href="/series/9001">Harbour Nights</a></span></span></dd>'
        + f'<dt class="stats">{labels["stats"]}</dt><dd class="stats"><dl class="stats">'
        f'<dt class="published">{labels["published"]}</dt><dd class="published">2023-05-06</dd>'
        f'<dt class="status">{labels["status"]}</dt><dd class="status">2023-06-01</dd>'
        f'<dt class="words">{labels["words"]}</dt><dd class="words">1,204</dd>'
        f'<dt class="chapters">{labels["chapters"]}</dt><dd class="chapters">2/3</dd>'
        '<dt class="kudos">Kudos:</dt><dd class="kudos">14</dd></dl></dd></dl></div>'
    )


def chapter(number: int, title: str | None, body: str, labels: dict[str, str],
            notes: str | None = None, end_notes: str | None = None) -> str:
    link = f'<a href="/works/5550001/chapters/77700{number}">Chapter {number}</a>'
    heading = f'<h3 class="title">{link}{": " + title if title else ""}</h3>'
    notes_html = (f'<div id="notes" class="notes module"><h3 class="heading">{labels["notes"]}'
                  f'</h3><blockquote class="userstuff"><p>{notes}</p></blockquote></div>'
                  if notes else "")
    end_html = (f'<div class="chapter preface group"><div id="chapter_{number}_endnotes" '
                f'class="end notes module"><h3 class="heading">{labels["notes"]}</h3>'
                f'<blockquote class="userstuff"><p>{end_notes}</p></blockquote></div></div>'
                if end_notes else "")
    return (f'<div id="chapter-{number}" class="chapter"><div class="chapter preface group">'
            f'{heading}{notes_html}</div><div class="userstuff module" role="article">'
            f'<h3 class="landmark heading" id="work">Chapter Text</h3>{body}</div>{end_html}</div>')


CHAPTER_ONE = ("<p>The last ferry left at nine, and Ada was always on it.</p>"
               "<p>“You’re late,” Ines said from the rail.</p><p>* * *</p>"
               "<p>By morning the fog had lifted off the water.</p>")
CHAPTER_TWO = "<p>Old Pell counted the lanterns twice.</p><p>“Eleven,” he said. “Again.”</p>"


def work_page(labels: dict[str, str], chapters_html: str, work_end_notes: bool) -> bytes:
    preface = (
        '<div class="preface group"><h2 class="title heading">Ferry Lights</h2>'
        '<h3 class="byline heading"><a rel="author" href="/users/tidewright/pseuds/tidewright">'
        'tidewright</a></h3><div class="summary module"><h3 class="heading">'
        f'{labels["summary"]}</h3><blockquote class="userstuff"><p>Two pilots, one harbour, '
        'and the night the lights went out.</p></blockquote></div></div>'
    )
    afterword = (
        '<div id="work_endnotes" class="end notes module"><h3 class="heading">'
        f'{labels["notes"]}</h3><blockquote class="userstuff"><p>Thanks for reading!</p>'
        '</blockquote></div>' if work_end_notes else ""
    )
    html = (CHROME_TOP + work_meta(labels) + '<div id="workskin">' + preface
            + f'<div id="chapters" role="article">{chapters_html}</div></div>'
            + f'<div class="afterword preface group">{afterword}</div>' + CHROME_BOTTOM)
    return html.encode("utf-8")


def chapter_view(labels: dict[str, str] = ENGLISH) -> bytes:
    return work_page(labels, chapter(1, "Ferry Lights", CHAPTER_ONE, labels,
                                     notes="Set after season two.",
                                     end_notes="Next time: the lighthouse."), False)


def full_view() -> bytes:
    chapters = (chapter(1, "Ferry Lights", CHAPTER_ONE, ENGLISH)
                + chapter(2, None, CHAPTER_TWO, ENGLISH))
    return work_page(ENGLISH, chapters, True)


EXPECTED_META = {
    "title": "Ferry Lights", "authors": ["tidewright"], "fandoms": ["Harbour Town (TV)"],
    "rating": "Teen And Up Audiences", "warnings": ["No Archive Warnings Apply"],
    "categories": ["F/F", "Gen"], "relationships": ["Ada Marsh/Ines Vale", "Ada Marsh & Old Pell"],
    "characters": ["Ada Marsh", "Ines Vale", "Old Pell"],
    "freeform_tags": ["Fluff", "Ferries", "Hurt/Comfort"], "language": "English",
    "words": 1204, "chapters": [{"number": 1, "title": "Ferry Lights"},
                                {"number": 2, "title": None}],
    "series": [{"name": "Harbour Nights", "part": 3,
                "url": "https://archiveofourown.org/series/9001"}],
    "summary": "Two pilots, one harbour, and the night the lights went out.",
    "url": "https://archiveofourown.org/works/5550001",
}


def test_chapter_view_metadata_by_field_class():
    work = read_bytes(chapter_view(), "page.html")
    assert work.metadata.source_format == "ao3-page"
    assert work.metadata.normalized() == EXPECTED_META
    assert (work.metadata.published, work.metadata.updated) == ("2023-05-06", "2023-06-01")
    assert work.metadata.chapter_count == "2/3"
    assert work.metadata.status == "In Progress"


def test_chapter_view_text_holds_no_site_chrome():
    work = read_bytes(chapter_view(), "page.html")
    for chrome in ("Work Search", "Kudos", "Comments", "Terms of Service", "Entire Work",
                   "Chapter Text", "left kudos", "Post Comment", "found family"):
        assert chrome not in work.text
    assert work.text == (
        "Summary\n\nTwo pilots, one harbour, and the night the lights went out.\n\n"
        "Chapter 1: Ferry Lights\n\nChapter Notes\n\nSet after season two.\n\n"
        "The last ferry left at nine, and Ada was always on it.\n\n"
        "“You’re late,” Ines said from the rail.\n\n* * *\n\n"
        "By morning the fog had lifted off the water.\n\n"
        "Chapter End Notes\n\nNext time: the lighthouse."
    )
    notes = [(s["kind"], s["chapter"], work.span_text(s).split("\n\n")[-1])
             for s in work.layer("markup_notes")]
    assert notes == [
        ("summary", None, "Two pilots, one harbour, and the night the lights went out."),
        ("author_note", 1, "Set after season two."),
        ("end_note", 1, "Next time: the lighthouse."),
    ]
    [chapter_span] = work.layer("chapters")
    assert chapter_span.attrs == {"number": 1, "title": "Ferry Lights"}
    assert work.span_text(chapter_span).startswith("Chapter 1: Ferry Lights")


def test_full_work_view_has_every_chapter_and_the_work_end_notes():
    work = read_bytes(full_view())
    assert [s.attrs for s in work.layer("chapters")] == [
        {"number": 1, "title": "Ferry Lights"}, {"number": 2, "title": None}]
    assert work.text.endswith("“Eleven,” he said. “Again.”\n\nEnd Notes\n\nThanks for reading!")
    end = work.layer("markup_notes")[-1]
    assert (end["kind"], end["position"], end["chapter"]) == ("end_note", "end", None)


def test_page_saved_from_a_translated_interface_reads_the_same():
    german = read_bytes(chapter_view(GERMAN))
    assert german.metadata.normalized() == EXPECTED_META
    assert (german.metadata.published, german.metadata.updated) == ("2023-05-06", "2023-06-01")
    assert german.metadata.extra == {}
    assert "The last ferry left at nine" in german.text


ADULT = (CHROME_TOP.split('<ul class="work navigation')[0]
         + '<p class="caution">This work could have adult content. If you continue, you have '
         'agreed that you are willing to see such content.</p><ul class="actions"><li>'
         '<a href="/works/5550001?view_adult=true">Yes, Continue</a></li><li><a href="/">'
         'No, Go Back</a></li></ul>' + CHROME_BOTTOM)
LOCKED = (CHROME_TOP.split('<ul class="work navigation')[0]
          + '<p class="notice">This work is only available to registered users of the Archive. '
          'If you already have an Archive of Our Own account, log in now.</p>'
          '<form id="new_user_session"><input type="text" name="user[login]"/></form>'
          + CHROME_BOTTOM)


@pytest.mark.parametrize(("page", "says"), [(ADULT, "adult-content warning"),
                                            (LOCKED, "registered users")])
def test_interstitial_is_refused_with_one_line(page, says):
    with pytest.raises(InputError) as raised:
        read_bytes(page.encode("utf-8"), "work.html")
    message = str(raised.value)
    assert says in message and "\n" not in message


def test_one_shot_page_has_its_userstuff_straight_in_chapters():
    body = ('<div class="userstuff"><h3 class="landmark heading" id="work">Work Text:</h3>'
            + CHAPTER_TWO + "</div>")
    page = work_page(ENGLISH, body, True).replace(b"2/3", b"1/1")
    work = read_bytes(page)
    assert work.text == ("Summary\n\nTwo pilots, one harbour, and the night the lights went out."
                         "\n\nOld Pell counted the lanterns twice.\n\n“Eleven,” he said. "
                         "“Again.”\n\nEnd Notes\n\nThanks for reading!")
    assert [s.attrs for s in work.layer("chapters")] == [{"number": 1, "title": None}]
    assert work.metadata.status == "Completed"
