"""Gather the unlabelled fan fiction used by training/selfsup_speaker.py.

    python training/gather_fanfic_unlabelled.py --mirrors /work/.mirror --out /work/unlabelled

Reads stories from local git snapshots of public repositories (``MIRRORS/owner+name/repo``,
bare git directories), writes them as plain-text training texts of about ``--chunk-words``
words (consecutive chapters or scenes of one work) to OUT, and writes the manifest
training/fanfic_unlabelled_sources.json (metadata only: repository, commit, paths, licence,
words, sha256 of each text). The texts stay outside the project; never commit them.

Every source is a fan's own writing; none is one of the works in ../shared/data/fanfic or
comes from a repository those were taken from (their READMEs list them), so the fan-fiction
development set stays held out.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

MANIFEST = Path(__file__).resolve().parent / "fanfic_unlabelled_sources.json"
# Repositories the development set was taken from: never a source here.
DEV_REPOSITORIES = {
    "wordsandpics/Ao3-epub-metadata", "lestigres/lestigres-writing", "FujoWebDev/AO3.js",
    "Tubring25/ao3-api-node", "chiefaccelerators/horseradish-road",
    "AerialAbhorsen/ff_scrape", "antennapedia/antennapedia.com", "thedeadparrot/ao3backup",
}
FORBIDDEN = re.compile(
    r"one tree hill|lucas scott|peyton sawyer|brooke davis|nathan scott|haley james|tree hill",
    re.IGNORECASE)


@dataclass(frozen=True)
class Work:
    """One fan work in a repository: its chapter files, in reading order."""

    repository: str
    folder: str
    author: str
    fandom: str
    licence: str
    max_words: int


WORKS = (
    Work("nolongerhuman1945/fan-archive", "public/stories/ao3-24410095", "dragonfly117",
         "Harry Potter", "none stated for the stories (repository code: MIT)", 50_000),
    Work("nolongerhuman1945/fan-archive", "public/stories/ao3-1085412",
         "CatsAreCool (Rachel500)", "Harry Potter",
         "none stated for the stories (repository code: MIT)", 50_000),
    Work("nolongerhuman1945/fan-archive", "public/stories/ao3-21373585", "MizuTori",
         "My Hero Academia", "none stated for the stories (repository code: MIT)", 50_000),
    Work("nolongerhuman1945/fan-archive", "public/stories/ao3-37137298", "wwLemon",
         "My Hero Academia / Stardew Valley", "none stated for the stories (repository code: MIT)",
         50_000),
    Work("sflavelle/writing", "Begin Again", "N448 (sflavelle)", "Splatoon", "none stated",
         50_000),
    Work("sflavelle/writing", "Splintering Realities (Multiversal Crossover Thing)",
         "N448 (sflavelle)", "multiversal crossover (games)", "none stated", 25_000),
)


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True,
                          text=True).stdout


def _natural_key(path: str) -> list:
    return [int(p) if p.isdigit() else p for p in re.split(r"(\d+)", path)]


def _chapter_files(repo: Path, work: Work) -> list[str]:
    files = _git(repo, "ls-tree", "-r", "--name-only", "HEAD", "--", work.folder).splitlines()
    chapters = [f for f in files if f.endswith(".md") and "/Resources/" not in f
                and not f.endswith("part-header.md")]
    return sorted(chapters, key=_natural_key)


def _chunks(texts: list[tuple[str, str]], budget: int, size: int) -> list[list[tuple[str, str]]]:
    """Consecutive chapters grouped into chunks of about ``size`` words, ``budget`` in all."""
    chunks: list[list[tuple[str, str]]] = [[]]
    total = words = 0
    for path, text in texts:
        n = len(text.split())
        if total + n > budget and total:
            break
        if words >= size:
            chunks.append([])
            words = 0
        chunks[-1].append((path, text))
        words += n
        total += n
    return [c for c in chunks if c]


def gather(mirrors: Path, out: Path, chunk_words: int) -> list[dict]:
    out.mkdir(parents=True, exist_ok=True)
    entries = []
    for work in WORKS:
        if work.repository in DEV_REPOSITORIES:
            raise SystemExit(f"{work.repository}: a development-set repository")
        repo = mirrors / work.repository.replace("/", "+") / "repo"
        commit = _git(repo, "rev-parse", "HEAD").strip()
        texts = [(f, _git(repo, "show", f"HEAD:{f}")) for f in _chapter_files(repo, work)]
        if any(FORBIDDEN.search(t) for _, t in texts):
            print(f"{work.repository}/{work.folder}: mentions a forbidden fandom, skipped")
            continue
        stem = re.sub(r"\W+", "_", f"{work.repository.split('/')[1]}_{work.folder.split('/')[-1]}")
        for k, chunk in enumerate(_chunks(texts, work.max_words, chunk_words)):
            text = "\n\n".join(t.strip() for _, t in chunk) + "\n"
            name = f"{stem}_{k:02d}.txt"
            (out / name).write_text(text, encoding="utf-8")
            entries.append({
                "file": name, "repository": work.repository, "commit": commit,
                "paths": [p for p, _ in chunk], "author": work.author, "fandom": work.fandom,
                "licence": work.licence, "words": len(text.split()),
                "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
            })
    return entries


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mirrors", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--chunk-words", type=int, default=8_000)
    args = parser.parse_args(argv)
    entries = gather(args.mirrors, args.out, args.chunk_words)
    manifest = {
        "note": "Unlabelled fan fiction for self-supervised speaker training "
                "(training/selfsup_speaker.py). Metadata only: the texts are kept outside "
                "the project and never committed. Written by "
                "training/gather_fanfic_unlabelled.py.",
        "excluded_repositories": sorted(DEV_REPOSITORIES),
        "works": entries,
        "words": sum(e["words"] for e in entries),
    }
    MANIFEST.write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    print(f"{len(entries)} texts, {manifest['words']} words -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
