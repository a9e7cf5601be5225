"""The stand-off document: spans, layers, tables and a lossless JSON round trip."""

import pytest

from ficlens.document import SCHEMA_ID, Metadata, SeriesEntry, Span, Work


def make_work() -> Work:
    text = "“Hi,” Nora said.\r\n\r\nEli laughed — café ☕."
    meta = Metadata(
        title="Test",
        authors=["someone"],
        series=[SeriesEntry(name="Harbor Lights", part=2)],
        extra={"Kudos": "12"},
    )
    work = Work(text=text, metadata=meta)
    work.add_layer("quotes", [Span(0, 5, {"speaker": "C0", "type": "Explicit"})])
    work.add_layer("sentences", [Span(20, len(text)), Span(0, 16)])
    work.add_layer("empty", [])
    work.set_table("characters", [{"id": "C0", "name": "Nora", "aliases": ["Nora"]}])
    work.set_table("pairing", None)
    return work


def test_layers_are_sorted_and_offsets_index_the_original_text():
    work = make_work()
    assert [s.start for s in work.layer("sentences")] == [0, 20]
    assert work.span_text(work.layer("quotes")[0]) == "“Hi,”"
    assert work.layer("missing") == []


def test_json_round_trip_is_lossless():
    work = make_work()
    payload = work.to_json()
    again = Work.from_json(payload)
    assert again.to_json() == payload
    assert again.text == work.text  # \r\n, em dash and emoji untouched
    assert again.layers["empty"] == []
    assert again.tables["characters"][0]["name"] == "Nora"
    assert again.metadata.series[0] == SeriesEntry(name="Harbor Lights", part=2)
    assert again.metadata.extra == {"Kudos": "12"}


def test_serialised_form_has_top_level_layers_and_tables():
    data = make_work().to_dict()
    assert data["schema"] == SCHEMA_ID
    assert data["quotes"] == [{"start": 0, "end": 5, "speaker": "C0", "type": "Explicit"}]
    assert set(data["span_layers"]) == {"quotes", "sentences", "empty"}


def test_bad_spans_and_name_clashes_are_refused():
    work = make_work()
    with pytest.raises(ValueError):
        Span(5, 2)
    with pytest.raises(ValueError):
        work.add_layer("far", [Span(0, len(work.text) + 1)])
    with pytest.raises(ValueError):
        work.add_layer("characters", [])
    with pytest.raises(ValueError):
        work.set_table("quotes", [])
    with pytest.raises(ValueError):
        Work.from_dict({"schema": "other/9", "text": ""})
