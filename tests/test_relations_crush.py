"""Infatuation idioms name a romantic pair when the text spells out whom they are about
(issue 20: a first chapter whose leads never kiss). Invented stories; hand-made layers."""

from __future__ import annotations

from tests.test_relations import Cast, build_work, relation, run


def test_getting_sappy_over_someone_makes_the_pair_romantic() -> None:
    text = (
        "Dov and Ilka argued over the map while Renny packed the tent. "
        '"Left," Dov said. "Right," Ilka said. "Left," Dov said again. '
        "Nobody bothered teasing Renny about getting sappy over Ilka any more."
    )
    cast: Cast = {"C0": ("male", ["Dov"]), "C1": ("female", ["Ilka"]),
                  "C2": ("male", ["Renny"])}
    work = build_work(text, cast, [("C0", "C1"), ("C1", "C0"), ("C0", "C1")])
    run(work)
    assert work.tables["pairing"] == ["C1", "C2"]
    cues = relation(work, "C1", "C2")["types"]
    assert [c["type"] for c in cues] == ["romantic"]


def test_a_crush_needs_its_partner_spelled_out() -> None:
    text = ("Dov and Ilka walked to the market. Dov had a crush on somebody, everyone said. "
            '"Hurry up," Ilka said. "Coming," Dov said.')
    cast: Cast = {"C0": ("male", ["Dov"]), "C1": ("female", ["Ilka"])}
    work = build_work(text, cast, [("C1", "C0"), ("C0", "C1")])
    run(work)
    assert all(t["type"] != "romantic" for t in relation(work, "C0", "C1")["types"])
