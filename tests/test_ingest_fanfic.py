"""Every file of the fan-fiction development set (../shared/data/fanfic): the reader picked
by content, the metadata each gold file records, and every gold quote still in the text.

Run as a script (``python tests/test_ingest_fanfic.py``) for the per-file table.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from conftest import shared_root  # noqa: E402

from ficlens.document import Metadata  # noqa: E402
from ficlens.ingest import read_path  # noqa: E402
from ficlens.ingest.markdown_reader import plain_inline  # noqa: E402

EXPECTED_FORMATS = {
    "arcane_thank_god_ch1": "ao3-page", "dragon_age_nobody_expects_ch1": "ao3-page",
    "mha_waiting_wishing_ch1": "ao3-page", "the_pitt_sigh_no_more": "label-epub",
    "tlou_the_woodcutter_ch1": "markdown", "B01_logh_those_few": "ao3-html",
    "B02_hp_narnia_fifth_king": "ffnet-html", "B03_btvs_rehabilitated": "markdown",
    "B04_sw_come_together": "markdown", "B05_st_not_all_who_wander": "markdown",
    "B06_dw_magician_painting": "markdown",
}
# gold key -> normalised field
GOLD_FIELDS = {
    "title": "title", "author": "authors", "fandom": "fandoms", "rating": "rating",
    "warnings": "warnings", "archive_warnings": "warnings", "category": "categories",
    "relationship_tags": "relationships", "character_tags": "characters",
    "additional_tags": "freeform_tags", "language": "language", "series": "series",
    "summary": "summary", "words": "words", "chapters": "chapters", "source_url": "url",
    "genres": "genres", "status": "status", "published": "published", "date": "published",
    "updated": "updated", "completed": "updated",
}
_DATE = re.compile(r"(\d{4})-(\d\d)-(\d\d)|(\d{1,2})/(\d{1,2})/(\d{4})")
# Gold files that record a word count the file itself does not state (counted by the
# annotators): compared only where the source prints one.
STATED_WORDS = {"ao3-page", "ao3-html", "ao3-epub", "label-epub", "ffnet-html"}
_REMARK = re.compile(r"\s*\([^()]*\b(?:tag|site owner|FFN category|pairing)\b[^()]*\)")
_PREFIX = re.compile(r"^[a-z]{1,6}:(?=\S)")


def fanfic_files() -> list[tuple[Path, Path]]:
    root = shared_root() / "data" / "fanfic"
    if not root.exists():
        return []
    pairs = []
    for gold in sorted(root.glob("*/*.gold.json")):
        stem = gold.name.removesuffix(".gold.json")
        story = next(p for p in gold.parent.iterdir()
                     if p.name.startswith(stem + ".") and not p.name.endswith(".gold.json"))
        pairs.append((story, gold))
    return pairs


def _norm(value) -> str:
    text = _REMARK.sub("", str(value))
    return re.sub(r"\s+", " ", _PREFIX.sub("", text.strip())).strip().casefold()


def _as_set(value) -> set[str]:
    values = value if isinstance(value, list) else [value]
    return {_norm(v) for v in values if v not in (None, "")}


def compare_field(field: str, gold, ours: dict) -> bool | None:
    """True / False, or None when the gold value describes rather than states the field."""
    mine = ours[field]
    if field == "summary":
        return _summary_matches(str(gold), mine or "")
    if field == "words":
        digits = re.sub(r"\D", "", str(gold if not isinstance(gold, dict) else gold["words"]))
        return mine is not None and int(digits) == mine
    if field == "chapters":
        if isinstance(gold, list):
            return [_norm(g) for g in gold] == [_norm(c["title"] or "") for c in mine]
        return _norm(gold) == _norm(ours["chapter_count"] or "")
    if field in ("published", "updated"):
        return _date(gold) is not None and _date(gold) == _date(mine or "")
    if field == "status":
        return _letters(str(gold)) == _letters(mine or "")
    if field == "series":
        match = re.match(r"Part (\d+) of (.+)", str(gold))
        return bool(match) and any(
            s["part"] == int(match.group(1)) and _norm(s["name"]) == _norm(match.group(2))
            for s in mine
        )
    if field == "authors":
        if "no byline" in str(gold):
            return None
        return _as_set(gold) == _as_set(mine)
    if isinstance(gold, list) or isinstance(mine, list):
        return _as_set(gold) == _as_set(mine)
    return _norm(gold) == _norm(mine or "")


def _date(value) -> tuple[int, int, int] | None:
    """``2021-12-26`` or FFN's ``5/2/2008`` (month first) as (year, month, day)."""
    match = _DATE.search(str(value))
    if match is None:
        return None
    if match.group(1):
        return int(match.group(1)), int(match.group(2)), int(match.group(3))
    return int(match.group(6)), int(match.group(4)), int(match.group(5))


def _letters(text: str) -> str:
    return re.sub(r"[\W_]+", "", text).casefold()


def _summary_matches(gold: str, mine: str) -> bool:
    """Exact up to spacing and punctuation; a gold value that describes the summary
    ("a quoted excerpt ("...") then "...""), or elides with "...", by its quoted pieces."""
    if "quoted" in gold or "front-matter" in gold or "dialogue" in gold:
        pieces = [p for p in re.findall(r"[\"“]([^\"”]+)[\"”]", gold) if len(p) >= 12]
    else:
        pieces = [gold]
    fragments = [f for p in pieces for f in re.split(r"\.\.\.|…", p) if _letters(f)]
    return bool(mine) and all(_letters(f) in _letters(mine) for f in fragments)


def compare(meta: Metadata, gold_meta: dict) -> tuple[list[str], list[str]]:
    ours = {**meta.normalized(), "genres": meta.genres, "status": meta.status,
            "published": meta.published, "updated": meta.updated,
            "chapter_count": meta.chapter_count}
    stats = gold_meta.get("stats")
    if isinstance(stats, dict):
        gold_meta = {**gold_meta, **{k: v for k, v in stats.items() if k != "chapters"}}
    matched, missed = [], []
    for key, value in gold_meta.items():
        field = GOLD_FIELDS.get(key)
        if field is None or (field == "words" and meta.source_format not in STATED_WORDS):
            continue
        verdict = compare_field(field, value, ours)
        if verdict is not None:
            (matched if verdict else missed).append(key)
    return matched, missed


def lost_quotes(text: str, gold: dict) -> tuple[list[dict], list[dict]]:
    """Gold quotes whose text is gone: (lost speech or page text, NOT_SPEECH chrome)."""
    lost, chrome = [], []
    for quote in gold["quotes"]:
        if quote["text"] in text or plain_inline(quote["text"]) in text:
            continue
        (chrome if quote["speaker"] == "NOT_SPEECH" else lost).append(quote)
    return lost, chrome


def rows() -> list[dict]:
    table = []
    for story, gold_path in fanfic_files():
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        work = read_path(story)
        matched, missed = compare(work.metadata, gold["metadata"])
        lost, chrome = lost_quotes(work.text, gold)
        table.append({"file": story.name, "stem": gold_path.name.removesuffix(".gold.json"),
                      "format": work.metadata.source_format, "matched": matched,
                      "missed": missed, "quotes": len(gold["quotes"]), "lost": lost,
                      "chrome": chrome})
    return table


@pytest.fixture(scope="module")
def table() -> list[dict]:
    found = rows()
    if not found:
        pytest.skip(f"fan-fiction set not found under {shared_root() / 'data' / 'fanfic'}")
    return found


@pytest.mark.shared
def test_each_file_gets_its_own_reader(table):
    assert {r["stem"]: r["format"] for r in table} == {
        stem: fmt for stem, fmt in EXPECTED_FORMATS.items() if stem in {r["stem"] for r in table}
    }


@pytest.mark.shared
def test_metadata_the_files_state_is_read(table):
    missed = {r["file"]: r["missed"] for r in table if r["missed"]}
    assert missed == {}


@pytest.mark.shared
def test_no_gold_quote_is_lost(table):
    lost = {r["file"]: [q["text"][:40] for q in r["lost"]] for r in table if r["lost"]}
    assert lost == {}


if __name__ == "__main__":
    print("| file | source_format | metadata matched | missed | quotes | lost | NOT_SPEECH gone |")
    print("|---|---|---|---|---|---|---|")
    for r in rows():
        print(f"| {r['file']} | {r['format']} | {len(r['matched'])} | "
              f"{', '.join(r['missed']) or '-'} | {r['quotes']} | {len(r['lost'])} | "
              f"{len(r['chrome'])} |")
        for q in r["lost"]:
            print(f"    LOST {q['speaker']}: {q['text'][:60]!r}")
        for q in r["chrome"]:
            print(f"    chrome gone: {q['text'][:60]!r}")
