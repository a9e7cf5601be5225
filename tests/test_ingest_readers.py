"""Readers on the hand-written fixtures in tests/fixtures/ingest: metadata exact, text and
layers checked span by span."""

from __future__ import annotations

from pathlib import Path

import pytest

from ficlens.document import Work
from ficlens.ingest import read_bytes, read_path

INGEST = Path(__file__).resolve().parent / "fixtures" / "ingest"


def meta_of(work: Work) -> dict:
    data = work.metadata.to_dict()
    data.pop("source_path")
    return data


def spans(work: Work, layer: str) -> list[tuple[str, dict]]:
    return [(work.span_text(s), s.attrs) for s in work.layer(layer)]


def blank_metadata(**fields) -> dict:
    base = {
        "title": None, "authors": [], "fandoms": [], "rating": None, "warnings": [],
        "category": [], "relationships": [], "characters": [], "additional_tags": [],
        "genres": [], "summary": None, "language": None, "series": [], "word_count": None,
        "chapter_count": None, "published": None, "updated": None, "status": None,
        "source_url": None, "source_format": None, "extra": {}, "chapters": [],
    }
    base.update(fields)
    return base


def test_ao3_multi_chapter_metadata():
    work = read_path(INGEST / "ao3_multi.html")
    assert meta_of(work) == blank_metadata(
        title="Salt and Signal",
        authors=["wrenfeather"],
        fandoms=["The Lantern Keepers (TV)"],
        rating="Teen And Up Audiences",
        warnings=["Creator Chose Not To Use Archive Warnings", "Major Character Death"],
        category=["F/M"],
        relationships=["Mara Quill/Jonah Reyes"],
        characters=["Mara Quill", "Jonah Reyes", "Old Tam"],
        additional_tags=["Angst", "Lighthouses", "Hurt/Comfort"],
        summary="The lamp fails on the longest night of the year, and Mara has to decide "
        "who she trusts to climb the tower with her.",
        language="English",
        series=[{"name": "The Keeper's Year", "part": 2,
                 "url": "https://archiveofourown.org/series/700001"}],
        word_count=412,
        chapter_count="2/2",
        published="2024-03-02",
        updated="2024-04-11",
        status="Completed",
        source_url="https://archiveofourown.org/works/90000001",
        source_format="ao3-html",
        extra={"Collections": "Seaside Fest 2024"},
        chapters=[{"number": 1, "title": "The Longest Night"}, {"number": 2, "title": None}],
    )
    assert work.metadata.source_path == str(INGEST / "ao3_multi.html")


def test_ao3_multi_chapter_layers():
    work = read_path(INGEST / "ao3_multi.html")
    chapters = spans(work, "chapters")
    assert [a for _, a in chapters] == [
        {"number": 1, "title": "The Longest Night"}, {"number": 2, "title": None}
    ]
    assert chapters[0][0].startswith("Chapter 1: The Longest Night\n\nChapter Summary")
    assert chapters[0][0].endswith("Chapter End Notes\n\nNext chapter: the climb.")
    assert chapters[1][0].endswith("“I trust the rope,” Mara said. Then, quieter: “And you.”")
    assert [t for t, _ in spans(work, "headings")] == ["Chapter 1: The Longest Night", "Chapter 2"]
    notes = [(a["kind"], a["position"], a["chapter"], t.split("\n\n")[1])
             for t, a in spans(work, "markup_notes")]
    assert notes == [
        ("summary", "start", None, "The lamp fails on the longest night of the year, and Mara "
         "has to decide who she trusts to climb the tower with her."),
        ("author_note", "start", None, "Written for Seaside Fest. Thanks to my beta, who knows "
         "too much about fresnel lenses."),
        ("summary", "start", 1, "The lamp goes dark."),
        ("author_note", "start", 1, "This chapter is set two winters before the show."),
        ("end_note", "end", 1, "Next chapter: the climb."),
        ("end_note", "end", None, "Thank you for reading! Comments keep the lamp lit."),
    ]
    assert spans(work, "markup_breaks") == [("* * *", {"source": "hr"})]
    # <br> inside a paragraph stays a line break; paragraphs are one blank line apart.
    assert "“We used the spare wick in October,” he called back.\n“Then bring the one" in work.text
    assert "\n\n\n" not in work.text
    # Nothing from the page chrome leaks into the text.
    assert "drop by the Archive" not in work.text and "Posted originally" not in work.text


def test_ao3_single_chapter_work():
    work = read_path(INGEST / "ao3_oneshot.html")
    assert meta_of(work) == blank_metadata(
        title="Low Tide",
        authors=["pebblegrey", "saltmarsh"],
        fandoms=["The Lantern Keepers (TV)", "Tidewater Chronicles"],
        rating="General Audiences",
        warnings=["No Archive Warnings Apply"],
        category=["Gen", "F/F"],
        relationships=["Ines Varga & Mara Quill", "Ines Varga/Petra Lind"],
        characters=["Ines Varga"],
        language="English",
        word_count=1050,
        chapter_count="1/?",
        published="2023-11-20",
        updated="2023-12-01",
        status="In Progress",
        source_url="https://archiveofourown.org/works/90000002",
        source_format="ao3-html",
        chapters=[{"number": 1, "title": None}],
    )
    assert work.text == (
        "Ines walked out along the causeway while the tide was still going.\n\n"
        "“You'll be cut off,” Mara warned her.\n\n“Only if I'm slow.”"
    )
    assert spans(work, "chapters") == [(work.text, {"number": 1, "title": None})]
    assert work.layer("markup_notes") == []


def test_ao3_epub_calibre_layout():
    work = read_path(INGEST / "ao3_work.epub")
    assert meta_of(work) == blank_metadata(
        title="The Glass Orchard",
        authors=["quincefield"],
        fandoms=["Orchard Street (Web Series)"],
        rating="Mature",
        warnings=["No Archive Warnings Apply"],
        category=["M/M"],
        relationships=["Felix Amari/Teo Lindqvist"],
        characters=["Felix Amari", "Teo Lindqvist"],
        additional_tags=["Slow Burn", "Gardening"],
        summary="Two rival gardeners, one greenhouse, and a frost warning.",
        language="English",
        word_count=321,
        chapter_count="2/3",
        published="2022-09-09",
        updated="2022-10-01",
        status="In Progress",
        source_url="https://archiveofourown.org/works/90000005",
        source_format="ao3-epub",
        chapters=[{"number": 1, "title": "Frost Warning"}, {"number": 2, "title": "Glass"}],
    )
    assert [a for _, a in spans(work, "chapters")] == [
        {"number": 1, "title": "Frost Warning"}, {"number": 2, "title": "Glass"}
    ]
    assert [(a["kind"], a["chapter"], a["label"]) for _, a in spans(work, "markup_notes")] == [
        ("summary", None, "Summary"),
        ("author_note", 1, "Chapter Notes"),
        ("summary", 2, "Chapter Summary"),
        ("end_note", 2, "Chapter End Notes"),
    ]
    assert '"You\'re in my greenhouse," Felix said.' in work.text
    assert "Afterword" not in work.text and "Preface" not in work.text


def test_fanficfare_epub():
    work = read_path(INGEST / "fanficfare.epub")
    assert meta_of(work) == blank_metadata(
        title="Paper Boats",
        authors=["driftwoodink"],
        fandoms=["Orchard Street (Web Series)"],
        rating="General Audiences",
        warnings=["No Archive Warnings Apply"],
        category=["Gen"],
        relationships=["Nell Ashby & Rafi Okoro"],
        characters=["Nell Ashby", "Rafi Okoro"],
        additional_tags=["Friendship", "Rain"],
        summary="Nell folds boats from old maps; Rafi races them.",
        language="English",
        series=[{"name": "River Stories", "part": 3, "url": None}],
        word_count=1234,
        chapter_count="2",
        published="2021-04-01",
        updated="2021-04-15",
        status="Completed",
        source_url="https://archiveofourown.org/works/90000006",
        source_format="fanficfare-epub",
        chapters=[{"number": 1, "title": "Gutters"}, {"number": 2, "title": "The Weir"}],
        extra={"Packaged": "2024-06-02 08:30:00", "Kudos": "88"},
    )
    assert [a for _, a in spans(work, "chapters")] == [
        {"number": 1, "title": "Gutters"}, {"number": 2, "title": "The Weir"}
    ]
    assert [(t, a) for t, a in spans(work, "markup_notes")] == [
        ("Author's Note\n\nThis is set the summer after the first story.",
         {"kind": "author_note", "position": "start", "chapter": 1, "label": "Author's Note"}),
        ("Summary for the Chapter\n\nA race to the weir.",
         {"kind": "summary", "position": "start", "chapter": 2,
          "label": "Summary for the Chapter"}),
        ("Notes for the Chapter\n\nThanks for reading!",
         {"kind": "end_note", "position": "end", "chapter": 2, "label": "Notes for the Chapter"}),
    ]
    assert work.text.startswith("1. Gutters\n\nAuthor's Note\n\n")


def test_fanficfare_html():
    work = read_path(INGEST / "fanficfare.html")
    assert meta_of(work) == blank_metadata(
        title="The Cartographer's Apprentice",
        authors=["inkwellwitch"],
        fandoms=["Northwind Saga"],
        rating="Fiction K+",
        relationships=["Odile B./Caspar W."],
        characters=["Odile B.", "Caspar W."],
        genres=["Adventure", "Friendship"],
        summary="Odile can draw any coast she has seen. The trouble is the one she hasn't.",
        language="English",
        word_count=2345,
        chapter_count="2",
        published="2019-06-14",
        updated="2019-08-02",
        status="In-Progress",
        source_url="https://www.fanfiction.net/s/99000003/1/The-Cartographer-s-Apprentice",
        source_format="fanficfare-html",
        chapters=[{"number": 1, "title": "Ink"}, {"number": 2, "title": "Vellum"}],
        extra={"Packaged": "2024-05-01 10:12:44", "Publisher": "www.fanfiction.net"},
    )
    assert [a for _, a in spans(work, "chapters")] == [
        {"number": 1, "title": "Ink"}, {"number": 2, "title": "Vellum"}
    ]
    assert [(a["kind"], a["chapter"]) for _, a in spans(work, "markup_notes")] == [
        ("author_note", 1), ("end_note", 2)
    ]
    assert "Table of Contents" not in work.text
    assert "\n\n~o~\n\n" in work.text


def test_ffnet_saved_page():
    work = read_path(INGEST / "ffnet.html")
    assert meta_of(work) == blank_metadata(
        title="Second Harbour",
        authors=["tidecaller"],
        fandoms=["Lantern Keepers"],
        rating="T",
        relationships=["Mara Q./Jonah R."],
        characters=["Mara Q.", "Jonah R.", "Old Tam"],
        genres=["Hurt/Comfort", "Romance"],
        summary="Mara leaves the lighthouse for a season. The sea has other plans. "
        "Sequel to First Light.",
        language="English",
        word_count=5210,
        chapter_count="3",
        published="2012-01-01",
        updated="2012-03-07",
        status="Complete",
        source_url="https://www.fanfiction.net/s/99000004/2/Second-Harbour",
        source_format="ffnet-html",
        chapters=[{"number": 1, "title": "Departure"}, {"number": 2, "title": "Fog"},
                  {"number": 3, "title": "Return"}],
        extra={"Reviews": "27", "Favs": "14", "Follows": "22", "id": "99000004"},
    )
    assert spans(work, "chapters") == [(work.text, {"number": 2, "title": "Fog"})]
    assert work.text.startswith("A/N: Thank you for all the reviews! This one is short.\n\n")
    assert work.text.endswith("Old Tam rang the bell every minute until noon.")


@pytest.mark.parametrize(
    ("fixture", "fmt"),
    [("ao3_multi.html", "ao3-html"), ("fanficfare.html", "fanficfare-html"),
     ("ffnet.html", "ffnet-html"), ("ao3_work.epub", "ao3-epub"),
     ("fanficfare.epub", "fanficfare-epub")],
)
def test_reader_chosen_by_content_not_extension(fixture, fmt):
    data = (INGEST / fixture).read_bytes()
    assert read_bytes(data, "story.txt").metadata.source_format == fmt
    assert read_bytes(data, "noextension").metadata.source_format == fmt


def test_plain_text_that_mentions_html_is_still_text():
    text = "She typed <b>bold</b> into the chat.\n\n\"Why?\" he asked.\n"
    work = read_bytes(text.encode(), "story.html")
    assert work.metadata.source_format == "text"
    assert work.text == text


def test_generic_html_page():
    page = b"<html><head><title>A Walk</title></head><body><p>One.</p><hr><p>Two.</p></body></html>"
    work = read_bytes(page, "walk.htm")
    assert work.metadata.source_format == "html"
    assert work.metadata.title == "A Walk"
    assert work.text == "One.\n\n* * *\n\nTwo."


def test_spans_point_at_the_text_they_describe():
    for fixture in ("ao3_multi.html", "fanficfare.epub", "ao3_work.epub"):
        work = read_path(INGEST / fixture)
        for span in work.layer("headings"):
            assert work.span_text(span).strip() == work.span_text(span)
        for span in work.layer("markup_notes"):
            assert work.span_text(span).startswith(span["label"])


def test_other_epub_is_read_chapter_by_chapter(tmp_path: Path):
    from ebooklib import epub

    book = epub.EpubBook()
    book.set_identifier("ficlens-test-1")
    book.set_title("Harbour Notes")
    book.set_language("en")
    book.add_author("A. Keeper")
    pages = []
    for number, (title, line) in enumerate(
        [("One", "The bell rang twice."), ("Two", "Nobody answered it.")], start=1
    ):
        page = epub.EpubHtml(title=title, file_name=f"ch{number}.xhtml", lang="en")
        page.content = f"<h1>{title}</h1><p>{line}</p>"
        book.add_item(page)
        pages.append(page)
    book.add_item(epub.EpubNcx())
    book.add_item(epub.EpubNav())
    book.spine = pages
    path = tmp_path / "harbour.epub"
    epub.write_epub(str(path), book)
    work = read_path(path)
    assert (work.metadata.source_format, work.metadata.title, work.metadata.authors) == (
        "epub", "Harbour Notes", ["A. Keeper"]
    )
    assert work.text == "One\n\nThe bell rang twice.\n\nTwo\n\nNobody answered it."
    assert [a for _, a in spans(work, "chapters")] == [
        {"number": 1, "title": "One"}, {"number": 2, "title": "Two"}
    ]


def test_series_labels():
    from ficlens.ingest.labels import parse_series

    two = parse_series("Part 2 of Harbour, Part 10 of Tides, Part 1")
    assert [(s.name, s.part) for s in two] == [("Harbour", 2), ("Tides, Part 1", 10)]
    assert [(s.name, s.part) for s in parse_series("River Stories [3]")] == [("River Stories", 3)]
    assert [(s.name, s.part) for s in parse_series("Loose Ends")] == [("Loose Ends", None)]
