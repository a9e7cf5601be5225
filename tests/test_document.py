"""The stand-off document: spans, layers, tables and a lossless JSON round trip."""

import pytest

from ficlens.document import SCHEMA_ID, LayerView, Metadata, SeriesEntry, Span, Work


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


def test_layer_view_looks_spans_up_by_offset() -> None:
    from ficlens.document import LayerView, Span, Work

    work = Work(text="aa bb cc dd")
    work.add_layer("tokens", [Span(0, 2), Span(3, 5), Span(6, 8), Span(9, 11)])
    view = work.view("tokens")
    assert view.at(3) is work.layer("tokens")[1]
    assert view.at(2) is None and view.index_at(2) == 0 and view.index_at(-1) == -1
    assert [s.start for s in view.between(3, 9)] == [3, 6]
    assert view.count_between(0, 100) == 4
    assert view.overlapping(4, 7) == range(1, 3)
    assert view.index_of(work.layer("tokens")[2]) == 2
    assert view.first_after(3) == 2 and view.first_from(3) == 1
    assert work.view("tokens") is view  # built once
    assert len(work.view("missing")) == 0
    pairs = LayerView([(0, 4), (10, 12)])
    assert pairs.at(11) == (10, 12) and pairs.covers(5) is False


def test_layer_view_is_rebuilt_when_the_layer_changes() -> None:
    from ficlens.document import Span, Work

    work = Work(text="aa bb cc")
    work.add_layer("tokens", [Span(0, 2)])
    first = work.view("tokens")
    work.layer("tokens").append(Span(3, 5))
    second = work.view("tokens")
    assert second is not first and second.at(4) is not None
    work.layers["tokens"] = [Span(6, 8)]
    assert work.view("tokens").at(7) is not None and work.view("tokens").at(4) is None
    work.layer("tokens")[0].start = 5
    work.invalidate_view("tokens")
    assert work.view("tokens").at(5) is not None


def test_layer_view_sorts_a_layer_out_of_order() -> None:
    from ficlens.document import Span, Work

    work = Work(text="aa bb cc dd")
    work.layers["odd"] = [Span(6, 8), Span(0, 2), Span(3, 5)]
    view = work.view("odd")
    assert [s.start for s in view] == [0, 3, 6] and view.at(7).start == 6
    assert [s.start for s in work.within("odd", 0, 5)] == [0, 3]


def test_any_overlap_sees_a_long_span_that_starts_far_back():
    # A note around two headings: the blocks after the headings are still inside the note.
    view = LayerView([(0, 100), (10, 20), (30, 40)])
    assert view.any_overlap(50, 60)
    assert not LayerView([(0, 10), (10, 20), (30, 40)]).any_overlap(20, 30)
    spans = [(0, 100), (10, 20), (30, 40), (120, 130)]
    view = LayerView(spans)
    for start in range(0, 140, 5):
        for end in range(start + 1, 145, 7):
            expected = any(s < end and start < e for s, e in spans)
            assert view.any_overlap(start, end) == expected, (start, end)
    assert not LayerView([]).any_overlap(0, 10)
