"""``ficlens bench corpus``: add, link, storage and search costs of a corpus as it doubles.

A synthetic corpus of ``--works`` works is built (``corpus.synthetic``: a few generated stories
analysed once, then varied), and at each doubling up to it the bench reports the time to add a
work and to link it (averaged over the works added just before), the bytes stored per work,
the latency of every search form and of ``corpus stats`` (in-process, the median of a few
runs), and the ratio of each figure to the one at half the size: a ratio near 1 means the cost
does not grow with the corpus, near 2 that it grows linearly. Finally one newly generated
story is analysed and added with and without linking, as ``corpus add`` does.
"""

from __future__ import annotations

import json
import statistics
import tempfile
import time
from collections.abc import Callable
from multiprocessing import get_context
from pathlib import Path
from typing import Any

import typer
from rich.table import Table

from ficlens.cli.output import console

app = typer.Typer()

REPEATS = 5
BULK = 500  # works stored per transaction where their cost is not being measured
GENERATORS = 3  # processes generating works while this one stores them
_VARIANTS: Any = None  # the generator, inherited by the process that runs it


def _variant(n: int) -> Any:
    return _VARIANTS.prepared(n)


def _checkpoints(works: int, first: int) -> list[int]:
    points = [works]
    while points[-1] // 2 >= first:
        points.append(points[-1] // 2)
    return sorted(points)


def _median_ms(run: Callable[[], Any]) -> tuple[float, float]:
    """Median wall and CPU milliseconds (on a shared machine the CPU time is the cost; the
    wall time also holds the waits for a core)."""
    run()  # the first run warms the page cache and the statement cache
    walls, cpus = [], []
    for _ in range(REPEATS):
        started, cpu = time.perf_counter(), time.process_time()
        run()
        walls.append((time.perf_counter() - started) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
    return statistics.median(walls), statistics.median(cpus)


def search_forms(corpus: Any) -> dict[str, Callable[[], Any]]:
    """Every search form, with names, tags and words taken from the stored works."""
    from ficlens.corpus.search import Filters, search_quotes, search_works
    from ficlens.corpus.stats import corpus_stats

    sample = corpus.query("SELECT id, pairing, fandoms FROM works WHERE pairing IS NOT NULL "
                          "ORDER BY id LIMIT 1")[0]
    people = corpus.query("SELECT name FROM characters WHERE work_id = ? ORDER BY lines DESC",
                          (sample["id"],))
    speaker, addressee = people[0]["name"], people[-1]["name"]
    tag = corpus.query("SELECT value FROM tags WHERE kind = 'freeform_tags' LIMIT 1")[0]["value"]
    relationship = corpus.query("SELECT value FROM tags WHERE kind = 'relationships' "
                                "LIMIT 1")[0]["value"]
    fandom = sample["fandoms"][0] if sample["fandoms"] else ""
    word = "evening"  # in every synthetic work
    forms: dict[str, tuple[Callable, str, Any]] = {
        "works: word": (search_works, word, Filters()),
        "works: phrase": (search_works, '"came back"', Filters()),
        "works: word + fandom": (search_works, word, Filters(fandom=fandom)),
        "works: character": (search_works, "", Filters(character=speaker)),
        "works: pairing": (search_works, "", Filters(pairing=sample["pairing"])),
        "works: fandom": (search_works, "", Filters(fandom=fandom)),
        "works: tag": (search_works, "", Filters(tag=tag)),
        "works: rating": (search_works, "", Filters(rating="explicit")),
        "works: relationship tag": (search_works, "", Filters(relationship=relationship)),
        "works: character tag": (search_works, "", Filters(character_tag=speaker)),
        "works: words range": (search_works, "", Filters(min_words=2000, max_words=2500)),
        "quotes: word": (search_quotes, "should", Filters()),
        "quotes: phrase": (search_quotes, '"we should"', Filters()),
        "quotes: speaker": (search_quotes, "", Filters(speaker=speaker)),
        "quotes: addressee": (search_quotes, "", Filters(addressee=addressee)),
        "quotes: speaker + addressee": (search_quotes, "",
                                        Filters(speaker=speaker, addressee=addressee)),
        "quotes: word + speaker": (search_quotes, "should", Filters(speaker=speaker)),
    }
    runs: dict[str, Callable[[], Any]] = {
        name: (lambda finder=finder, query=query, f=f: finder(corpus, query, f, 20))
        for name, (finder, query, f) in forms.items()
    }
    runs["stats"] = lambda: corpus_stats(corpus)
    return runs


def _storage_per_work(corpus: Any, works: int) -> float:
    corpus.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    size = corpus.path.stat().st_size
    wal = Path(f"{corpus.path}-wal")
    return (size + (wal.stat().st_size if wal.exists() else 0)) / works


def build_and_measure(db: Path, works: int, words: int, bases: int, first: int,
                      on_checkpoint: Callable[[dict], None], link_all: bool = True) -> list[dict]:
    from ficlens.corpus.links import save_links, stored_links_of
    from ficlens.corpus.store import Corpus
    from ficlens.corpus.synthetic import Variants, analysed_bases

    global _VARIANTS
    _VARIANTS = Variants(analysed_bases(bases, words))
    results = []
    # the works are generated in other processes while this one stores them
    with Corpus(db, create=True) as corpus, get_context("fork").Pool(GENERATORS) as pool:
        added = 0
        for point in _checkpoints(works, first):
            window = max(1, min(500, (point - added) // 2))
            add_times, link_times = [], []
            made = pool.imap(_variant, range(added, point), chunksize=64)
            while added < point:
                measured = point - added <= window
                if not (measured or link_all):  # the bulk: many works a transaction
                    batch = [next(made) for _ in range(min(BULK, point - window - added))]
                    corpus.add_many(batch)
                    added += len(batch)
                    continue
                prepared = next(made)
                clock = [(time.perf_counter(), time.process_time())]
                work_id = corpus.add_prepared(prepared)  # its sketch indexed: linkable later
                clock.append((time.perf_counter(), time.process_time()))
                with corpus.transaction() as conn:
                    save_links(conn, stored_links_of(conn, work_id))
                clock.append((time.perf_counter(), time.process_time()))
                added += 1
                if measured:
                    add_times.append(tuple(b - a for a, b in zip(*clock[:2], strict=True)))
                    link_times.append(tuple(b - a for a, b in zip(*clock[1:], strict=True)))
            corpus.conn.execute("ANALYZE")
            searched = {name: _median_ms(run) for name, run in search_forms(corpus).items()}
            row = {
                "works": point,
                "add_ms_per_work": statistics.mean(t[0] for t in add_times) * 1000,
                "add_cpu_ms_per_work": statistics.mean(t[1] for t in add_times) * 1000,
                "link_ms_per_work": statistics.mean(t[0] for t in link_times) * 1000,
                "link_cpu_ms_per_work": statistics.mean(t[1] for t in link_times) * 1000,
                "bytes_per_work": _storage_per_work(corpus, point),
                "search_ms": {name: wall for name, (wall, _) in searched.items()},
                "search_cpu_ms": {name: cpu for name, (_, cpu) in searched.items()},
            }
            results.append(row)
            on_checkpoint(row)
    return results


def measure_one_add(db: Path, words: int) -> dict[str, float]:
    """A new story analysed and added as ``corpus add`` does, without then with linking."""
    import random

    from ficlens.corpus.build import refresh_links
    from ficlens.corpus.store import Corpus, content_hash
    from ficlens.corpus.synthetic import story
    from ficlens.ingest import read_bytes
    from ficlens.pipeline import analyze

    rng = random.Random(99)
    runs: dict[str, list[float]] = {"no_link": [], "link": []}
    with Corpus(db) as corpus:
        for mode in ("no_link", "link") * 2:  # alternated; the faster of each counts
            data = story(rng, words).encode("utf-8")
            started = time.perf_counter()
            work_id = corpus.add(analyze(read_bytes(data, f"{mode}.txt")), content_hash(data),
                                 link=mode == "link")
            if mode == "link":
                refresh_links(corpus, [work_id])
            runs[mode].append(time.perf_counter() - started)
    timings = {f"add_{mode}_seconds": min(times) for mode, times in runs.items()}
    timings["link_over_no_link"] = timings["add_link_seconds"] / timings["add_no_link_seconds"]
    return timings


def _ratios(results: list[dict]) -> list[dict]:
    """Each figure over the same figure at the checkpoint before (half the works)."""
    ratios = []
    for before, after in zip(results, results[1:], strict=False):
        ratio = {"works": f"{before['works']}->{after['works']}"}
        for key in ("add_ms_per_work", "add_cpu_ms_per_work", "link_ms_per_work",
                    "link_cpu_ms_per_work", "bytes_per_work"):
            ratio[key] = after[key] / before[key]
        for key in ("search_ms", "search_cpu_ms"):
            ratio[key] = {name: after[key][name] / max(before[key][name], 1e-6)
                          for name in after[key]}
        ratios.append(ratio)
    return ratios


@app.command("corpus")
def bench_corpus(
    works: int = typer.Option(2000, "--works", min=1, help="Works in the synthetic corpus."),
    words: int = typer.Option(3000, min=100, help="Words per generated story."),
    bases: int = typer.Option(4, min=1, help="Stories analysed by the pipeline and varied."),
    first: int = typer.Option(250, min=1, help="Smallest checkpoint; the others double it."),
    db: Path | None = typer.Option(None, help="Keep the corpus in this file (default: a "
                                              "temporary one, deleted)."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
    log: Path | None = typer.Option(None, help="Also append each checkpoint to this file as "
                                               "a JSON line, as soon as it is measured."),
    link_all: bool = typer.Option(True, help="Link every work as it is added; --no-link-all "
                                  "links only the works whose cost is measured (the indexes "
                                  "are built for all), for a quicker large build."),
) -> None:
    """Add, link, storage and search costs of a synthetic corpus at each doubling."""
    with tempfile.TemporaryDirectory() as scratch:
        path = db or Path(scratch) / "bench.db"
        if path.exists():
            raise typer.BadParameter(f"{path} exists; give a new file", param_hint="--db")

        def show(row: dict) -> None:
            if log is not None:
                with log.open("a", encoding="utf-8") as handle:
                    handle.write(json.dumps(row) + "\n")
            if not as_json:
                console.print(f"{row['works']} works: add {row['add_ms_per_work']:.2f} ms "
                              f"({row['add_cpu_ms_per_work']:.2f} CPU), link "
                              f"{row['link_ms_per_work']:.2f} ms "
                              f"({row['link_cpu_ms_per_work']:.2f} CPU), "
                              f"{row['bytes_per_work'] / 1024:.1f} KB per work")

        results = build_and_measure(path, works, words, bases, first, show, link_all)
        one_add = measure_one_add(path, words)
    report = {"works": works, "words_per_work": words, "link_all": link_all,
              "checkpoints": results,
              "doubling_ratios": _ratios(results), "one_add": one_add}
    if as_json:
        typer.echo(json.dumps(report))
        return
    _print_report(report)


def _print_report(report: dict) -> None:
    results = report["checkpoints"]
    table = Table("figure", *(str(r["works"]) for r in results), "last doubling",
                  title=f"synthetic corpus, {report['words_per_work']}-word works")
    last = report["doubling_ratios"][-1] if report["doubling_ratios"] else None

    def line(label: str, values: list[float], ratio: float | None, unit: str) -> None:
        table.add_row(label, *(f"{v:.2f}{unit}" for v in values),
                      "" if ratio is None else f"{ratio:.2f}x")

    for key, label, unit in (("add_ms_per_work", "add per work", " ms"),
                             ("add_cpu_ms_per_work", "  CPU", " ms"),
                             ("link_ms_per_work", "link per added work", " ms"),
                             ("link_cpu_ms_per_work", "  CPU", " ms")):
        line(label, [r[key] for r in results], last and last[key], unit)
    line("storage per work", [r["bytes_per_work"] / 1024 for r in results],
         last and last["bytes_per_work"], " KB")
    for name in results[-1]["search_ms"]:
        line(name, [r["search_ms"][name] for r in results], last and last["search_ms"][name],
             " ms")
        line("  CPU", [r["search_cpu_ms"][name] for r in results],
             last and last["search_cpu_ms"][name], " ms")
    console.print(table)
    one = report["one_add"]
    console.print(f"one new story: add {one['add_no_link_seconds']:.2f} s without linking, "
                  f"{one['add_link_seconds']:.2f} s with ({one['link_over_no_link']:.2f}x)")
