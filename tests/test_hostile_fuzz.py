"""Random and mutated stories (text, HTML, EPUB) through the readers and the whole pipeline:
nothing but the project's own error may come out, and no input may hang.

The budget is fixed for CI (a few dozen examples, derandomised so a run is repeatable);
``HYPOTHESIS_PROFILE=fuzz`` runs many more, randomly.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ficlens.errors import FiclensError
from ficlens.ingest import read_bytes
from tests.hostile_inputs import epub

settings.register_profile(
    "ci", max_examples=40, deadline=None, derandomize=True, database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile("fuzz", max_examples=2000, deadline=None, database=None)
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")
settings.load_profile(PROFILE)
PIPELINE_EXAMPLES = 25 if PROFILE == "ci" else 400  # each runs spaCy and every stage

READ_SECONDS = 10
ANALYSE_SECONDS = 60  # generous: the machine running CI may be shared


@contextmanager
def time_limit(seconds: int) -> Iterator[None]:
    """Fail, rather than hang the suite, when one example runs too long."""

    def expired(_signum, _frame):
        raise TimeoutError(f"no answer after {seconds} s: a hang")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


NAMES = st.sampled_from(["Nora", "Eli", "Maya", "Mr. Hale", "she", "I", "you", "Jonah Brandt"])
PUNCT = st.sampled_from(list("\"'“”‘’«»—–-…,.!?;:()[]*_~/\\<>&#") + ["\u200b", "\u00a0", "\t"])
WORDS = st.sampled_from(["said", "asked", "the", "lamp", "was", "lit", "and", "whispered", "to",
                         "him", "her", "my", "Chapter 1", "* * *", "POV", "A/N:"])
TOKENS = st.one_of(NAMES, PUNCT, WORDS, st.just(" "), st.just("\n"), st.just("\n\n"),
                   st.text(max_size=4))
STORY_TEXT = st.lists(TOKENS, max_size=120).map(" ".join)

TAGS = st.sampled_from(["p", "div", "span", "i", "b", "br", "hr", "blockquote", "h2", "li",
                        "ul", "script", "style", "table", "td", "a", "!--", "html", "body"])


@st.composite
def html_pages(draw) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 40))):
        kind = draw(st.integers(0, 3))
        tag = draw(TAGS)
        if kind == 0:
            parts.append(f"<{tag}>")
        elif kind == 1:
            parts.append(f"</{tag}>")
        elif kind == 2:
            parts.append(draw(STORY_TEXT))
        else:
            attrs = draw(st.sampled_from(['class="userstuff"', 'id="chapters"', 'class="meta"',
                                          'id="preface"', 'class="fff_chapter"', "x=<", "&amp;"]))
            parts.append(f"<{tag} {attrs}>")
    return "<html><body>" + "".join(parts)


def mutate(data: bytes, draw) -> bytes:
    """Flip, drop or duplicate a few bytes, or cut the file short."""
    data = bytearray(data)
    for _ in range(draw(st.integers(0, 4))):
        if not data:
            break
        at = draw(st.integers(0, len(data) - 1))
        action = draw(st.integers(0, 3))
        if action == 0:
            data[at] = draw(st.integers(0, 255))
        elif action == 1:
            del data[at]
        elif action == 2:
            data[at:at] = data[at : at + draw(st.integers(1, 64))]
        else:
            del data[at:]
    return bytes(data)


@st.composite
def story_files(draw) -> tuple[bytes, str]:
    kind = draw(st.sampled_from(["text", "bytes", "html", "epub", "mutated-epub", "mutated-html"]))
    if kind == "text":
        encoding = draw(st.sampled_from(["utf-8", "utf-16", "latin-1", "cp1252"]))
        return draw(STORY_TEXT).encode(encoding, errors="replace"), "story.txt"
    if kind == "bytes":
        return draw(st.binary(max_size=2000)), draw(st.sampled_from(["x.txt", "x.epub", "x"]))
    if kind in ("html", "mutated-html"):
        page = draw(html_pages()).encode("utf-8")
        return (mutate(page, draw) if kind == "mutated-html" else page), "story.html"
    chapters = draw(st.lists(html_pages(), min_size=1, max_size=3))
    archive = epub(chapters, title=draw(STORY_TEXT.map(lambda t: t[:40].replace("<", ""))))
    return (mutate(archive, draw) if kind == "mutated-epub" else archive), "story.epub"


@given(story_files())
def test_readers_give_a_work_or_the_projects_error(file):
    data, name = file
    with time_limit(READ_SECONDS):
        try:
            work = read_bytes(data, name)
        except FiclensError as exc:
            assert str(exc) and "\n" not in str(exc)  # one line for the user
            return
    assert isinstance(work.text, str)


@pytest.fixture(scope="module")
def loaded_pipeline() -> None:
    """spaCy and the models load once, outside any example's time limit."""
    from ficlens.pipeline import analyze

    analyze(read_bytes(b'"Ready?" Nora asked.\n', "warm.txt"))


@pytest.mark.slow
@settings(max_examples=PIPELINE_EXAMPLES)
@given(story_files())
def test_the_whole_pipeline_never_breaks_on_a_readable_story(loaded_pipeline, file):
    from ficlens.pipeline import analyze
    from ficlens.report import render

    data, name = file
    try:
        work = read_bytes(data, name)
    except FiclensError:
        return
    with time_limit(ANALYSE_SECONDS):
        try:
            render(analyze(work), "json")
        except FiclensError:
            return
