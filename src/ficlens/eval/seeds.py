"""Speaker attribution on fan fiction: the seed stories, annotated by hand.

The annotation (``seed_speakers.json`` beside this module) holds, per story file, the
characters with the names the text uses and every speech quotation as str offsets with
its speaker, addressee and PDNC-style type (a span two people speak is scored part by
part); it holds no story text, which stays in the seeds folder. Scoring is the PDNC
harness's (:func:`ficlens.eval.pdnc.score_both_settings`): ``gold_characters`` gives the
annotated character list to the quote stage, ``end_to_end`` lets ficlens find the
characters and matches them by name.
"""

from __future__ import annotations

import json
from pathlib import Path

from ficlens.errors import InputError
from ficlens.eval.gold_characters import add_gold_characters
from ficlens.eval.parse_cache import base_work
from ficlens.eval.pdnc import NovelResult, gold_quotations, score_both_settings, summarise
from ficlens.eval.pdnc_data import GoldCharacter, GoldQuote, Novel
from ficlens.eval.rename import rename_novel

ANNOTATION = Path(__file__).with_name("seed_speakers.json")
QUOTE_MARKS = ('"', "“")


def read_annotation(path: Path = ANNOTATION) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))["stories"]
    except (OSError, ValueError, KeyError) as exc:
        raise InputError(f"{path}: not a seed speaker annotation ({exc})") from exc


def story_novel(folder: Path, name: str, story: dict) -> Novel:
    """One annotated story as a PDNC-shaped :class:`Novel` (ids follow the character list)."""
    path = folder / name
    if not path.is_file():
        raise InputError(f"{path}: annotated story not found in {folder}")
    text = path.read_text(encoding="utf-8")
    if any(text[q["start"] : q["start"] + 1] not in QUOTE_MARKS for q in story["quotes"]):
        raise InputError(f"{path}: the annotation's offsets do not match this text")
    characters = []
    ids = {}
    for number, (main, entry) in enumerate(story["characters"].items()):
        aliases = entry["aliases"] if isinstance(entry, dict) else entry
        gender = entry.get("gender", "U") if isinstance(entry, dict) else "U"
        characters.append(GoldCharacter(number, main, list(aliases), gender, "annotated"))
        ids[main] = number
    quotes = [
        GoldQuote(q["id"], [(q["start"], q["end"])], ids.get(q.get("speaker") or ""),
                  [ids[q["addressee"]]] if q.get("addressee") in ids else [], q.get("type") or "")
        for q in _scored_quotes(story["quotes"])
        if q.get("speaker") in ids  # not speech, or no one can tell: not scored
    ]
    return Novel(name, text, characters, quotes)


def _scored_quotes(quotes: list[dict]) -> list[dict]:
    """The annotated quotations, a span whose parts two people speak counted part by part
    ('"Maren..." Tobin whispered, and Maren interrupted. "Listen..."')."""
    scored = []
    for q in quotes:
        parts = q.get("parts") or []
        if len({p.get("speaker") for p in parts}) > 1:
            scored.extend({"id": f"{q['id']}.{n}", **p} for n, p in enumerate(parts, 1))
        else:
            scored.append(q)
    return scored


def evaluate(folder: Path, annotation: Path = ANNOTATION, cache_dir: Path | None = None,
             rename: bool = False) -> dict:
    """Both settings on every annotated story; with ``rename``, on the stories with every
    character renamed to invented names (:mod:`ficlens.eval.rename`)."""
    stories = read_annotation(annotation)
    results = []
    for name, story in sorted(stories.items()):
        novel = story_novel(folder, name, story)
        if rename:
            novel = rename_novel(novel)
        result = NovelResult(name, novel.words)
        base, _stages = base_work(novel.text, cache_dir, seconds=result.seconds)
        results.append(score_both_settings(
            result, base,
            lambda work, novel=novel: add_gold_characters(work, novel.characters),
            lambda names_of, novel=novel: gold_quotations(novel, names_of),
        ))
    summary = summarise(results)
    summary["annotation"] = str(annotation)
    return summary
