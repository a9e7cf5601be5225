"""The AO3 corpus the self-supervised check data learn from at scale, and how it is read.

The public repository VrbeckaD/HarryPotterFanfiction keeps one chapter of each of some 26,000
AO3 Harry Potter works (``downloaded_fullarticles/P_K.txt``, the K-th work listed on index page
``downloaded_articles/P.txt``), by thousands of authors. It is read from its snapshot under
``--mirrors`` (brought by the search tool's ``fetch``); only counts and models made from it
reach the project, never its text.

Left out before anything is learned:

* works that fail the editing rule of ``fan_works.well_edited`` (lower-case "i" in narration,
  words unknown to wordfreq): usage is the label, so the prose must look edited;
* works under ``MIN_WORDS`` words;
* every work whose AO3 id appears in an evaluation or development file (the real-error
  annotation, the fan-fiction set's files) or in ``exclude_ids`` (the works of a precision
  audit drawn from the same repository);
* every work sharing runs of eight words with an evaluation or development text (the
  real-error parts, held-apart ones included, read as ``ficlens eval check`` reads them; the
  fan-fiction set; the sample stories): a repost under another id.
"""

from __future__ import annotations

import hashlib
import html
import re
import subprocess
import tempfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from fan_works import _git, editing_signs, mirror, well_edited  # this folder's

REPOSITORY = "VrbeckaD/HarryPotterFanfiction"
WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*(?:-[A-Za-z]+)*")
LINK = re.compile(r'<li class="work blurb group" id="work_(\d+)"')
ITEM = re.compile(r"downloaded_fullarticles/(\d+)_(\d+)\.txt$")
HEADING = re.compile(r'<h3 class="landmark heading"[^>]*>.*?</h3>', re.S)
BLOCK_END = re.compile(r"(?i)</p>|<br\s*/?>")
TAG = re.compile(r"<[^>]+>")
SHINGLE = 8  # words of a run shared with an evaluation text that marks a repost
REPOST_HITS = 3  # ... sampled runs that must match
SAMPLE_EVERY = 7  # a work's runs are sampled at this stride
MIN_WORDS = 200
BATCH = 500


@dataclass
class Corpus:
    """The kept works of the snapshot, and why the others were left out."""

    commit: str
    left_out: Counter = field(default_factory=Counter)
    ids: list[str] = field(default_factory=list)

    def provenance(self, words: int) -> str:
        reasons = ", ".join(f"{n:,} {reason}" for reason, n in sorted(self.left_out.items()))
        return (f"{len(self.ids):,} works ({words:,} words) of {REPOSITORY}@{self.commit[:10]} "
                f"(AO3, Harry Potter); left out: {reasons}")


def _blobs(repo: Path, shas: list[str]) -> list[str]:
    """The contents of many blobs with one ``git cat-file --batch``."""
    done = subprocess.run(["git", "-C", str(repo), "cat-file", "--batch"],
                          input="\n".join(shas).encode() + b"\n", capture_output=True,
                          check=True).stdout
    contents, at = [], 0
    for _ in shas:
        header_end = done.index(b"\n", at)
        size = int(done[at:header_end].split()[2])
        contents.append(done[header_end + 1 : header_end + 1 + size].decode("utf-8", "replace"))
        at = header_end + 1 + size + 1
    return contents


def prose(raw: str) -> str:
    text = BLOCK_END.sub("\n\n", HEADING.sub("", raw))
    return html.unescape(TAG.sub("", text)).replace("\xa0", " ")


def work_ids(repo: Path) -> dict[str, str]:
    """``downloaded_fullarticles/P_K.txt`` -> the AO3 id of the K-th work on index page P."""
    ids = {}
    for line in _git(repo, "ls-tree", "HEAD", "downloaded_articles/").splitlines():
        path = line.split("\t")[1]
        listed = LINK.findall(_git(repo, "show", f"HEAD:{path}"))
        for k, work in enumerate(listed, start=1):
            ids[f"downloaded_fullarticles/{Path(path).stem}_{k}.txt"] = work
    return ids


def _words(text: str) -> list[str]:
    return [w.lower() for w in WORD.findall(text)]


def _hash(words: list[str]) -> int:
    return int.from_bytes(hashlib.blake2b(" ".join(words).encode(), digest_size=8).digest(),
                          "big")


def _shingles(text: str) -> set[int]:
    words = _words(text)
    return {_hash(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


def evaluation_texts(data: Path, mirrors: Path) -> tuple[list[str], set[str]]:
    """The texts of every real-error work, the fan-fiction set and the sample stories, and
    every AO3 id named in the files that hold or describe them."""
    from ficlens.eval.check_real import _story_path, load_annotation
    from ficlens.ingest import read_path

    texts, ids = [], set()
    annotation = load_annotation()
    ids |= set(re.findall(r"\d{5,9}", str(annotation["works"])))
    with tempfile.TemporaryDirectory() as scratch:
        for name, entry in annotation["works"].items():
            path = _story_path(data.parent, mirrors, name, entry, Path(scratch))
            if path is not None and Path(path).exists():
                texts.append(read_path(path).text)
    for path in sorted([*(data / "fanfic").rglob("*"), *(data.parent / "seeds").rglob("*")]):
        if path.is_file():
            raw = path.read_text(encoding="utf-8", errors="replace")
            texts.append(prose(raw))
            ids |= set(re.findall(r"works/(\d+)", raw))
    return texts, ids


def read_corpus(data: Path, mirrors: Path, exclude_ids: set[str] = frozenset(),
                limit: int = 0) -> tuple[Corpus, Iterator[tuple[str, str]]]:
    """The corpus record (filled as it runs) and an iterator over the kept works: AO3 id and
    prose."""
    repo = mirror(mirrors, REPOSITORY)
    corpus = Corpus(_git(repo, "rev-parse", "HEAD").strip())
    return corpus, _kept(repo, corpus, data, mirrors, set(exclude_ids), limit)


def _kept(repo: Path, corpus: Corpus, data: Path, mirrors: Path, exclude_ids: set[str],
          limit: int) -> Iterator[tuple[str, str]]:
    ids = work_ids(repo)
    evaluation, named = evaluation_texts(data, mirrors)
    excluded = named | exclude_ids
    reposts = set().union(*map(_shingles, evaluation))
    entries = [line.split() for line in _git(repo, "ls-tree", "HEAD",
                                             "downloaded_fullarticles/").splitlines()]
    entries = [(e[2], e[3]) for e in entries if ITEM.search(e[3])]
    if limit:
        entries = entries[:limit]
    for start in range(0, len(entries), BATCH):
        batch = entries[start : start + BATCH]
        for (_sha, path), raw in zip(batch, _blobs(repo, [s for s, _ in batch]), strict=True):
            text = prose(raw)
            reason = _left_out(text, ids.get(path), excluded, reposts)
            if reason:
                corpus.left_out[reason] += 1
                continue
            corpus.ids.append(ids[path])
            yield ids[path], text


def _left_out(text: str, work: str | None, excluded: set[str], reposts: set[int]) -> str:
    if work is None:
        return "works with no id on their index page"
    if work in excluded:
        return "works named by an evaluation or audit file"
    words = _words(text)
    if len(words) < MIN_WORDS:
        return f"works under {MIN_WORDS} words"
    hits = sum(_hash(words[i : i + SHINGLE]) in reposts
               for i in range(0, len(words) - SHINGLE + 1, SAMPLE_EVERY))
    if hits >= REPOST_HITS:
        return "works sharing runs of words with an evaluation text"
    if not well_edited(editing_signs(text)):
        return "works failing the editing rule"
    return ""
