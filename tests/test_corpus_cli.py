"""``ficlens corpus init/add/search/stats/link`` end to end, on small stories written here."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ficlens.cli import app

PART_ONE = """Low Tide

A/N: Just a little oneshot. Let me know if you want a sequel!

Clara Reyes walked down to the harbour at Gull Point every evening to watch the lighthouse \
come on. Jonah Hale was always there first, mending nets on the slipway.

"You're late," Jonah said.

"The ferry was late," Clara answered. "Blame the ferry."

He laughed and handed her a mug of coffee that had gone cold an hour ago. They sat on the \
harbour wall while the lamp of the lighthouse turned over the water, and Jonah told her he \
was thinking of selling the boat.

"Don't," she said. "Gull Point needs the boat. I need the boat."

Jonah looked at her for a long time and did not answer. The lighthouse turned, and turned.
"""

PART_TWO = """After the Tide

A/N: So many of you asked for a sequel, so here it is. This picks up a month later.

A month after the night on the harbour wall, Jonah Hale still had the boat. Clara Reyes \
came down to the slipway at Gull Point with two mugs of coffee, hot this time.

"You kept it," Clara said.

"You told me to," Jonah said. "Gull Point needs the boat, apparently."

They took the boat out past the lighthouse as the lamp came on, and Clara steered while \
Jonah mended the nets. The harbour lights grew small behind them.

"Ask me again," she said. "The thing you wanted to ask last month."

Jonah smiled and reached into his pocket.
"""

OTHER = """Flour and Frost

The ovens at the corner bakery were lit at four every morning. Ines Moreau kneaded the rye \
dough while her brother Tomas argued with the flour supplier on the phone.

"Tell him we pay on Fridays," Ines said.

"I told him," Tomas said. "He says Fridays are a myth."

By six the queue for croissants reached the tram stop, and the snow had started again. Ines \
sold the last loaf to a girl with a violin case and closed the shutters at noon.
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A corpus built through the CLI from three stories: part one, its sequel, another."""
    root = tmp_path_factory.mktemp("corpus_cli")
    stories = root / "stories"
    stories.mkdir()
    (stories / "a_low_tide.txt").write_text(PART_ONE, encoding="utf-8")
    (stories / "b_flour.txt").write_text(OTHER, encoding="utf-8")
    (stories / "c_after_the_tide.txt").write_text(PART_TWO, encoding="utf-8")
    db = root / "c.db"
    runner = CliRunner()
    init = runner.invoke(app, ["corpus", "init", str(db)])
    first = runner.invoke(app, ["corpus", "add", str(db), str(stories)])
    second = runner.invoke(app, ["corpus", "add", str(db), str(stories)])
    return {"db": db, "runner": runner, "init": init, "first": first, "second": second}


def _name(row: dict) -> str:
    return Path(row["path"]).stem


def _run(built, *args: str):
    result = built["runner"].invoke(app, [*args])
    assert result.exit_code == 0, result.output
    return result


def test_init_and_add_store_every_story(built):
    assert built["init"].exit_code == 0 and "corpus ready" in built["init"].output
    assert built["first"].exit_code == 0, built["first"].output
    assert "added 3, skipped 0" in built["first"].output


def test_adding_again_skips_everything(built):
    assert built["second"].exit_code == 0, built["second"].output
    assert "added 0, skipped 3" in built["second"].output


def test_search_finds_words_and_honours_filters(built):
    db = str(built["db"])
    rows = json.loads(_run(built, "corpus", "search", db, "lighthouse", "--json").output)
    assert sorted(_name(r) for r in rows) == ["a_low_tide", "c_after_the_tide"]
    assert all("[" in r["snippet"] for r in rows)  # the match is marked in the snippet
    phrase = json.loads(_run(built, "corpus", "search", db, '"Fridays are a myth"',
                             "--json").output)
    assert [_name(r) for r in phrase] == ["b_flour"]
    none = json.loads(_run(built, "corpus", "search", db, "lighthouse", "--max-words", "10",
                           "--json").output)
    assert none == []
    table = _run(built, "corpus", "search", db, "croissants").output
    assert "1 result(s)" in table and "b_flour" in table


def test_stats_counts_the_corpus(built):
    data = json.loads(_run(built, "corpus", "stats", str(built["db"]), "--json").output)
    assert data["works"] == 3
    assert 300 < data["words"] < 600
    assert data["links"] == [{"value": "sequel", "n": 1}]
    assert "3 works" in _run(built, "corpus", "stats", str(built["db"])).output


def test_the_analysed_works_portraits_answer_a_character_across_works(built):
    data = json.loads(_run(built, "corpus", "stats", str(built["db"]), "--distinctive",
                           "--character", "clara", "--json").output)
    assert data["works_a"] == 2  # Clara Reyes of the first part and of its sequel
    words = {(row["role"], row["lemma"]) for row in data["a"] + data["b"]}
    assert ("agent", "say") in words
    shown = _run(built, "corpus", "stats", str(built["db"]), "--distinctive", "--gender",
                 "female", "--role", "agent").output
    assert "female: 3 work(s)" in shown  # Clara twice, and Ines of the bakery story


def test_link_finds_the_sequel_and_nothing_else(built):
    output = _run(built, "corpus", "link", str(built["db"])).output
    assert output.splitlines()[0] == "1 links"
    ids = json.loads(_run(built, "corpus", "search", str(built["db"]), "", "--min-words", "1",
                          "--json").output)
    by_name = {_name(r): r["id"] for r in ids}
    line = " ".join(output.splitlines()[1:])
    assert f"sequel: {by_name['a_low_tide']} -> {by_name['c_after_the_tide']}" in line
    assert "author's note: 'sequel'" in line


def test_a_missing_corpus_is_one_line_and_non_zero(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "ficlens", "corpus", "search", str(tmp_path / "none.db"), "x"],
        capture_output=True, text=True,
    )
    assert done.returncode != 0
    assert done.stderr.strip().count("\n") == 0 and "no corpus here" in done.stderr
    assert "Traceback" not in done.stderr
