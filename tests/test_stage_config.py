"""Each stage's tunables live in its frozen config and a config passed to a run is the one
the stage's modules read (``ficlens.stage.Tunables``)."""

import threading
from dataclasses import FrozenInstanceError

import pytest

from ficlens.characters import CharactersConfig
from ficlens.characters.config import tunables as characters_tunables
from ficlens.document import Work
from ficlens.errors import ModelError
from ficlens.ingest import SegmentConfig
from ficlens.nlp import NlpConfig
from ficlens.pipeline import analyze
from ficlens.quotes import QuotesConfig
from ficlens.stage import Tunables

BROKEN_UP = "Mara shut the gate behind her.\n\n* * *\n\nThe rain had stopped by morning.\n"

# An invented first-person story: "I" runs through the narration.
TOLD_BY_I = (
    "I woke before the bells. I dressed in the dark and I went down to the harbour, where "
    "my brother waited with the boat. I had not slept; my hands shook as I untied the rope.\n\n"
    "\u201cYou look terrible,\u201d Tomas said.\n\n"
    "I laughed at that. I told him I had dreamed of the storm again, and he looked away "
    "from me. I took the oars myself and I rowed until my arms burned.\n"
)


def test_a_config_is_frozen():
    with pytest.raises(FrozenInstanceError):
        SegmentConfig().max_marker_length = 3  # type: ignore[misc]


def test_segment_reads_the_config_it_is_given():
    default = analyze(Work(text=BROKEN_UP), ["segment"])
    assert len(default.layer("scene_breaks")) == 1
    strict = analyze(Work(text=BROKEN_UP), ["segment"],
                     configs={"segment": SegmentConfig(max_marker_length=2)})
    assert strict.layer("scene_breaks") == []


def test_characters_reads_the_config_it_is_given():
    found = analyze(Work(text=TOLD_BY_I), ["characters"])
    assert any(c.get("narrator") for c in found.tables["characters"])
    deaf = analyze(Work(text=TOLD_BY_I), ["characters"],
                   configs={"characters": CharactersConfig(first_person_rate=10_000)})
    assert not any(c.get("narrator") for c in deaf.tables["characters"])
    assert characters_tunables() == CharactersConfig()  # the run's config ends with the run


def test_quotes_reads_its_model_folder_from_the_config(tmp_path):
    work = analyze(Work(text=TOLD_BY_I), ["characters"])
    with pytest.raises(ModelError, match="speaker model missing"):
        analyze(work, ["quotes"], configs={"quotes": QuotesConfig(model_dir=tmp_path)})


def test_nlp_reads_its_model_name_from_the_config():
    with pytest.raises(ModelError, match="no_such_model"):
        analyze(Work(text="A line."), ["nlp"], configs={"nlp": NlpConfig(model="no_such_model")})


def test_each_thread_sees_the_config_of_its_own_run():
    slot: Tunables[int] = Tunables("test", 0)
    seen: dict[str, int] = {}
    entered = threading.Barrier(2)

    def run(name: str, value: int) -> None:
        with slot.using(value):
            entered.wait()
            seen[name] = slot()

    threads = [threading.Thread(target=run, args=(n, v)) for n, v in (("a", 1), ("b", 2))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert seen == {"a": 1, "b": 2}
    assert slot() == 0
