"""The readers bound what hostile input costs: total inflated size and nesting depth."""

from __future__ import annotations

import time

import pytest

from ficlens.errors import InputError
from ficlens.ingest import read_bytes
from ficlens.ingest.html_blocks import MAX_DEPTH
from ficlens.ingest.limits import input_budget
from tests.hostile_inputs import epub, nested_divs, spread_bomb


def test_a_bomb_spread_over_many_small_members_is_refused():
    bomb = spread_bomb()
    assert len(bomb) < 500_000
    started = time.perf_counter()
    with pytest.raises(InputError, match=r"^hostile EPUB \(zip bomb\?\): 6\d members inflate"):
        read_bytes(bomb, "spread.epub")
    assert time.perf_counter() - started < 1.0


def test_the_budget_bounds_what_an_archive_inflates_to():
    story = epub(["<p>" + " ".join(f"Nora walked to door {i}." for i in range(3000)) + "</p>"])
    assert read_bytes(story, "a.epub").text
    with (
        input_budget(10_000_000, 20_000, "the web app's limit"),
        pytest.raises(InputError, match=r"^EPUB content \(uncompressed\) is .* limit \(the web"),
    ):
        read_bytes(story, "a.epub")


def test_deep_but_sane_nesting_is_read():
    work = read_bytes(nested_divs(1200).encode(), "deep.html")
    assert work.text.strip() == "Hello there, said Nora."


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 100_000])
def test_absurd_nesting_is_refused_quickly(depth):
    started = time.perf_counter()
    with pytest.raises(InputError, match=f"^HTML nested more than {MAX_DEPTH:,} elements deep"):
        read_bytes(nested_divs(depth).encode(), "deep.html")
    assert time.perf_counter() - started < 2.0


def test_absurd_nesting_inside_an_epub_is_refused():
    with pytest.raises(InputError, match="^HTML nested more than"):
        read_bytes(epub([nested_divs(MAX_DEPTH + 5)]), "deep.epub")


def test_unclosed_inline_tags_are_not_counted_as_nesting():
    html = "<html><body><p>" + "<b>bold " * (MAX_DEPTH + 100) + "</p></body></html>"
    assert "bold" in read_bytes(html.encode(), "inline.html").text
