"""``ficlens corpus ...``: build, search and summarise a corpus of analysed works."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.progress import Progress
from rich.table import Table
from rich.text import Text

from ficlens.cli.output import console, report_error
from ficlens.errors import InputError

if TYPE_CHECKING:
    from ficlens.corpus.store import Corpus

app = typer.Typer(name="corpus", help="A SQLite corpus of analysed works.", no_args_is_help=True)


def _open(db: Path, create: bool = False) -> Corpus:
    """The corpus (the store's modules imported only by the commands that use them)."""
    from ficlens.corpus.store import Corpus

    return Corpus(db, create=create)


DB_ARG = typer.Argument(..., help="Corpus database file.")


@app.command("init")
def init(db: Path = DB_ARG) -> None:
    """Create an empty corpus (or bring an old one up to the current layout)."""
    with _open(db, create=True) as corpus:
        migrated = corpus.migrated_from
        note = f", migrated from schema v{migrated}" if migrated else ""
        console.print(Text(f"corpus ready: {db} ({corpus.count('works')} works{note})"))


@app.command("add")
def add(
    db: Path = DB_ARG,
    paths: list[Path] = typer.Argument(..., help="Story files or folders."),
    link: bool = typer.Option(True, help="Link the added works (sequels, duplicates, "
                              "characters) with the stored ones."),
) -> None:
    """Analyse and store works; works already stored (same bytes) are skipped."""
    from ficlens.corpus.build import add_paths, refresh_links
    from ficlens.ingest import discover

    files, failures = discover(paths)
    for source, message in failures:
        report_error(source, message)
    with _open(db) as corpus, Progress(console=console, transient=True) as progress:
        task = progress.add_task("adding", total=len(files))
        result = add_paths(corpus, files, lambda _p: progress.advance(task), link=link)
        links = refresh_links(corpus, result.added) if link and result.added else None
    for source, message in result.failed:
        report_error(source, message)
    console.print(
        f"added {len(result.added)}, skipped {len(result.skipped)} already stored, "
        f"failed {len(result.failed) + len(failures)}"
        + (f"; {links} cross-work links" if links is not None else "")
    )
    if result.failed or failures:
        raise typer.Exit(1 if result.added or result.skipped else 2)


@app.command("load")
def load(
    db: Path = DB_ARG,
    dataset: str = typer.Argument(..., help="A `ficlens batch --out` dataset (folder or URL)."),
    link: bool = typer.Option(True, help="Link the loaded works with the stored ones."),
) -> None:
    """Store the works of a batch's Parquet dataset that the corpus does not hold yet."""
    from ficlens.corpus.batch import load_dataset

    with _open(db, create=True) as corpus:
        added = load_dataset(corpus, dataset, link=link)
    console.print(Text(f"{len(added)} works stored in {db}"))


@app.command("link")
def link(db: Path = DB_ARG) -> None:
    """Recompute every canonical character, sequel and near-duplicate link."""
    from ficlens.corpus.build import relink

    with _open(db) as corpus:
        count = relink(corpus)
        rows = corpus.query(
            "SELECT l.kind, l.source, a.title AS source_title, l.target, "
            "b.title AS target_title, l.score, l.evidence FROM links l "
            "JOIN works a ON a.id = l.source JOIN works b ON b.id = l.target"
        )
    console.print(f"{count} links")
    for row in rows:
        console.print(
            f"{row['kind']}: {row['source']} -> {row['target']} (score {row['score']}): "
            + "; ".join(json.loads(row["evidence"])), markup=False
        )


@app.command("search")
def search(
    db: Path = DB_ARG,
    query: str = typer.Argument("", help='Words or "a phrase" (may be empty with filters).'),
    quotes: bool = typer.Option(False, "--quotes", help="Search quotations, not works."),
    character: str | None = typer.Option(None, help="Works with this character."),
    speaker: str | None = typer.Option(None, help="Quotes said by this character."),
    addressee: str | None = typer.Option(None, help="Quotes said to this character."),
    pairing: str | None = typer.Option(None, help='Main pairing, e.g. "Tobin/Mirela".'),
    tag: str | None = typer.Option(None, help="Any AO3 tag (fandom, relationship ...)."),
    fandom: str | None = typer.Option(None, help="Fandom tag of the archive."),
    relationship: str | None = typer.Option(None, help='Relationship tag, e.g. "A/B".'),
    character_tag: str | None = typer.Option(None, help="Character tag of the archive."),
    rating: str | None = typer.Option(None, help="Rating, e.g. Teen And Up Audiences."),
    min_words: int | None = typer.Option(None, min=0, help="At least this many words."),
    max_words: int | None = typer.Option(None, min=0, help="At most this many words."),
    limit: int = typer.Option(20, min=1, help="Most results shown."),
    semantic: bool = typer.Option(
        False, "--semantic", help="Rank works by meaning (run `corpus embed` first)."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Full-text search over stories and quotes, filtered by what the analysis found."""
    from ficlens.corpus.search import Filters, has_no_terms, search_quotes, search_works

    if has_no_terms(query):
        raise InputError(f"{db}: the query {query!r} has no words to search for "
                         "(only punctuation)")
    filters = Filters(character, speaker, addressee, pairing, tag, rating, min_words, max_words,
                      fandom, relationship, character_tag)
    in_quotes = quotes or bool(speaker or addressee)
    if semantic and (in_quotes or filters != Filters() or not query.strip()):
        raise InputError("--semantic takes a query and no quote or filter options")
    with _open(db) as corpus:
        if semantic:
            from ficlens.corpus.semantic import semantic_search

            rows = semantic_search(corpus, query, limit)
        else:
            finder = search_quotes if in_quotes else search_works
            rows = finder(corpus, query, filters, limit)
    if as_json:
        typer.echo(json.dumps(rows, ensure_ascii=False))
        return
    columns = (
        ["work_id", "title", "speaker_name", "addressee_name", "type", "text"]
        if in_quotes else ["id", "title", "words", "pairing", "snippet"]
    )
    if semantic:
        columns.insert(2, "score")
    if not rows:
        console.print("no results")
        return
    table = Table(*columns, title=f"{len(rows)} result(s)")
    for row in rows:
        row["title"] = row.get("title") or Path(row.get("path") or "").name
        # story text and file names are the user's, never rich markup
        table.add_row(*(Text("" if row.get(c) is None else str(row[c])) for c in columns))
    console.print(table)


@app.command("embed")
def embed(db: Path = DB_ARG) -> None:
    """Embed works for semantic search (optional extra `semantic`); already embedded: skipped."""
    from ficlens.corpus.semantic import embed_corpus, load_encoder

    with _open(db) as corpus:
        load_encoder()  # a missing extra is reported before any progress bar
        total = corpus.count("works")
        with Progress(console=console, transient=True) as progress:
            task = progress.add_task("embedding", total=total)
            progress.update(task, completed=total - _unembedded(corpus))
            count = embed_corpus(corpus, lambda _id: progress.advance(task))
    console.print(f"embedded {count} work(s); {total - count} already had vectors")


def _unembedded(corpus: Corpus) -> int:
    return corpus.query(
        "SELECT count(*) AS n FROM works WHERE id NOT IN (SELECT work_id FROM embeddings)"
    )[0]["n"]


@app.command("stats")
def stats(
    db: Path = DB_ARG,
    distinctive: bool = typer.Option(
        False, "--distinctive",
        help="Words most distinctive of a character (--character) or gender (--gender) in "
             "their portraits (what they do, undergo, have, are), against the others.",
    ),
    character: str | None = typer.Option(
        None, help="With --distinctive: the character, by name or alias, across works."),
    gender: str | None = typer.Option(
        None, help="With --distinctive: female, male or nonbinary (against the others)."),
    fandom: str | None = typer.Option(None, help="With --distinctive: only this fandom's works."),
    role: str | None = typer.Option(
        None, help="With --distinctive: agent, patient, poss or mod (default: all)."),
    top: int = typer.Option(15, min=1, help="With --distinctive: words shown per side."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Most common pairings, characters by dialogue share, POV and arc-shape distributions;
    with --distinctive, a character's or a gender's most distinctive portrait words."""
    from ficlens.corpus.stats import COUNTED, corpus_stats

    if distinctive or character or gender or role:
        _distinctive(db, character, gender, fandom, role, top, as_json)
        return
    if fandom:
        raise InputError("--fandom goes with --distinctive")
    with _open(db) as corpus:
        data = corpus_stats(corpus)
    if as_json:
        typer.echo(json.dumps(data, ensure_ascii=False))
        return
    console.print(f"{data['works']} works, {data['words']:,} words, {data['quotes']:,} quotes")
    for key in COUNTED:
        if data[key]:
            table = Table("value", "count", title=key.replace("_", " "))
            for row in data[key]:
                table.add_row(Text(str(row["value"])), str(list(row.values())[1]))
            console.print(table)
    table = Table("character", "lines", "share", "works", title="characters by dialogue")
    for row in data["characters_by_dialogue"]:
        table.add_row(Text(row["character"]), str(row["lines"]),
                      f"{row['dialogue_share']:.1%}", str(row["works"]))
    console.print(table)


def _distinctive(db: Path, character: str | None, gender: str | None, fandom: str | None,
                 role: str | None, top: int, as_json: bool) -> None:
    from ficlens.corpus.portraits import PortraitQuestion, distinctive_portraits

    question = PortraitQuestion(character, gender, fandom, role, top)
    with _open(db) as corpus:
        data = distinctive_portraits(corpus, question)
    if as_json:
        typer.echo(json.dumps(data, ensure_ascii=False))
        return
    subject = character or gender
    others = "other characters" if character else "the other gender"
    console.print(Text(f"{subject}: {data['works_a']} work(s); {others}: {data['works_b']} "
                       "work(s); each work weighs the same in its group (its counts scaled "
                       f"to the group's median per-work total, {data['work_weight_a']:g} and "
                       f"{data['work_weight_b']:g})"))
    for side, title in (("a", subject), ("b", others)):
        table = Table("role", "word", "z", "weight", "works",
                      title=Text(f"most distinctive of {title}"))
        for row in data[side]:
            table.add_row(row["role"], Text(row["lemma"]), f"{row['z']:.2f}",
                          f"{row['weight_' + side]:g}", str(row["works"]))
        console.print(table if data[side] else Text(f"nothing distinctive of {title}"))
