"""The local web app: browse a corpus, open a work's report, search, analyse an upload.

Stories are untrusted: every page is rendered by Jinja2 with autoescaping, reports come from
the report module (which escapes all story text), and uploads are size-limited and must be
read by one of ficlens's readers before anything is analysed.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from fastapi import FastAPI, File, Form, HTTPException, Request, UploadFile
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from starlette.concurrency import run_in_threadpool

from ficlens.corpus.search import Filters, search_quotes, search_works
from ficlens.corpus.store import Corpus
from ficlens.errors import FiclensError

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
UPLOAD_SUFFIXES = {".txt", ".text", ".md", ".html", ".htm", ".xhtml", ".epub", ""}


def create_app(db: Path) -> FastAPI:
    corpus = Corpus(db)
    templates = Jinja2Templates(directory=str(resources.files("ficlens.web") / "templates"))
    app = FastAPI(title="ficlens", docs_url=None, redoc_url=None)

    @app.get("/", response_class=HTMLResponse)
    def index(request: Request) -> HTMLResponse:
        works = corpus.query(
            "SELECT id, title, path, authors, words, pairing, category, arc_shape "
            "FROM works ORDER BY id"
        )
        return templates.TemplateResponse(request, "index.html", {"works": works})

    @app.get("/works/{work_id}", response_class=HTMLResponse)
    def work_report(work_id: int) -> HTMLResponse:
        from ficlens.report import render

        try:
            work = corpus.load(work_id)
        except FiclensError as exc:
            raise HTTPException(404, str(exc)) from exc
        return HTMLResponse(render(work, "html"))

    @app.get("/search", response_class=HTMLResponse)
    def search(
        request: Request, q: str = "", quotes: bool = False, speaker: str = "",
        addressee: str = "", character: str = "", pairing: str = "",
    ) -> HTMLResponse:
        filters = Filters(character=character or None, speaker=speaker or None,
                          addressee=addressee or None, pairing=pairing or None)
        in_quotes = quotes or bool(speaker or addressee)
        searched = bool(q or speaker or addressee or character or pairing)
        finder = search_quotes if in_quotes else search_works
        rows = finder(corpus, q, filters, 50) if searched else []
        context = {"rows": rows, "q": q, "quotes": in_quotes, "speaker": speaker,
                   "addressee": addressee, "character": character, "pairing": pairing,
                   "searched": searched}
        return templates.TemplateResponse(request, "search.html", context)

    @app.get("/analyze", response_class=HTMLResponse)
    def analyze_form(request: Request) -> HTMLResponse:
        return templates.TemplateResponse(request, "analyze.html", {"error": None})

    @app.post("/analyze", response_class=HTMLResponse)
    async def analyze_upload(
        request: Request, story: UploadFile | None = File(None), text: str = Form("")
    ) -> HTMLResponse:
        try:
            data, name = await _upload_bytes(story, text)
            # the analysis is CPU-bound: run it off the event loop so other pages still load
            return HTMLResponse(await run_in_threadpool(_analyze, data, name))
        except FiclensError as exc:
            return templates.TemplateResponse(
                request, "analyze.html", {"error": str(exc)}, status_code=400
            )

    @app.get("/api/works")
    def api_works() -> list[dict]:
        return corpus.query("SELECT id, title, authors, words, pairing, arc_shape FROM works")

    @app.get("/api/search")
    def api_search(q: str = "", quotes: bool = False, speaker: str = "",
                   addressee: str = "") -> list[dict]:
        filters = Filters(speaker=speaker or None, addressee=addressee or None)
        finder = search_quotes if quotes or speaker or addressee else search_works
        return finder(corpus, q, filters, 50)

    app.state.corpus = corpus
    return app


async def _upload_bytes(story: UploadFile | None, text: str) -> tuple[bytes, str]:
    from ficlens.errors import InputError

    if story is not None and story.filename:
        if Path(story.filename).suffix.lower() not in UPLOAD_SUFFIXES:
            raise InputError(f"{story.filename}: not a story file (txt, html or epub)")
        data = await story.read(MAX_UPLOAD_BYTES + 1)
        name = story.filename
    else:
        data, name = text.encode("utf-8"), "pasted.txt"
    if len(data) > MAX_UPLOAD_BYTES:
        raise InputError(f"{name}: larger than the {MAX_UPLOAD_BYTES // 2**20} MB upload limit")
    if not data.strip():
        raise InputError("nothing to analyse: choose a file or paste a story")
    return data, name


def _analyze(data: bytes, name: str) -> str:
    from ficlens.ingest import read_bytes
    from ficlens.pipeline import analyze
    from ficlens.report import render

    return render(analyze(read_bytes(data, name)), "html")
