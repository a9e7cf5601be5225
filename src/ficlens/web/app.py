"""The local web app: browse a corpus, open a work's report, search, analyse an upload.

Stories are untrusted: every page is rendered by Jinja2 with autoescaping, reports come from
the report module (which escapes all story text), and uploads are size-limited and analysed
in a worker process under a time, memory and size budget (:mod:`ficlens.web.worker`).
:mod:`ficlens.web.guard` checks Host and Origin, caps request bodies while they stream and
adds the security headers.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.templating import Jinja2Templates
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException as StarletteHTTPException

from ficlens.corpus.search import Filters, has_no_terms, search_quotes, search_works
from ficlens.corpus.store import Corpus
from ficlens.errors import FiclensError, InputError
from ficlens.ingest.limits import describe_size
from ficlens.web.guard import LOOPBACK_HOSTS, BodyTooLarge, Guard, content_security_policy
from ficlens.web.worker import AnalysisPool, AnalysisRefused, Budget

MAX_UPLOAD_BYTES = Budget().upload_bytes
UPLOAD_SUFFIXES = {".txt", ".text", ".md", ".html", ".htm", ".xhtml", ".epub", ""}
FORM_SLACK = 64 * 1024  # multipart boundaries and headers around the story itself


def create_app(
    db: Path, *, allowed_hosts: Iterable[str] = (), budget: Budget | None = None
) -> FastAPI:
    corpus = Corpus(db)
    budget = budget or Budget()
    pool = AnalysisPool(budget)
    templates = Jinja2Templates(directory=str(resources.files("ficlens.web") / "templates"))

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        pool.close()

    app = FastAPI(title="ficlens", docs_url=None, redoc_url=None, openapi_url=None,
                  lifespan=lifespan)

    def error_page(status: int, message: str) -> HTMLResponse:
        page = templates.get_template("error.html").render(status=status, message=message)
        headers = {"Retry-After": "60"} if status == 503 else None
        return HTMLResponse(page, status_code=status, headers=headers)

    def analyze_page(request: Request, status: int, error: str | None) -> Response:
        headers = {"Retry-After": "60"} if status == 503 else None
        return templates.TemplateResponse(request, "analyze.html",
                                          {"error": error, "budget": budget},
                                          status_code=status, headers=headers)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code)
        return error_page(exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": exc.errors()}, status_code=422)
        fields = ", ".join(str(e["loc"][-1]) for e in exc.errors())
        return error_page(400, f"this address is not valid (check: {fields})")

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
        wordless = has_no_terms(q)
        context = {"rows": rows, "q": q, "quotes": in_quotes, "speaker": speaker,
                   "addressee": addressee, "character": character, "pairing": pairing,
                   "searched": searched, "wordless": wordless}
        return templates.TemplateResponse(request, "search.html", context)

    @app.get("/analyze", response_class=HTMLResponse)
    def analyze_form(request: Request) -> Response:
        return analyze_page(request, 200, None)

    @app.post("/analyze", response_class=HTMLResponse)
    async def analyze_upload(request: Request) -> Response:
        try:
            data, name = await _upload_bytes(request, budget)
            return HTMLResponse(await pool.analyze(data, name, request.is_disconnected))
        except BodyTooLarge as exc:
            return analyze_page(request, 413, str(exc))
        except AnalysisRefused as exc:
            return analyze_page(request, exc.status, str(exc))
        except FiclensError as exc:
            return analyze_page(request, 400, str(exc))

    @app.get("/api/works")
    def api_works() -> list[dict]:
        return corpus.query("SELECT id, title, authors, words, pairing, arc_shape FROM works")

    @app.get("/api/search")
    def api_search(q: str = "", quotes: bool = False, speaker: str = "",
                   addressee: str = "") -> list[dict]:
        filters = Filters(speaker=speaker or None, addressee=addressee or None)
        finder = search_quotes if quotes or speaker or addressee else search_works
        return finder(corpus, q, filters, 50)

    @app.get("/api/status")
    def api_status() -> dict:
        return {"analyses_running": pool.running, "max_analyses": budget.slots}

    from ficlens.report.html import asset

    app.add_middleware(
        Guard, allowed_hosts=[*LOOPBACK_HOSTS, *allowed_hosts],
        max_body=budget.upload_bytes + FORM_SLACK, refuse=error_page,
        csp=content_security_policy([asset("report.js")]),
    )
    app.state.corpus = corpus
    app.state.pool = pool
    return app


async def _upload_bytes(request: Request, budget: Budget) -> tuple[bytes, str]:
    """The uploaded file or the pasted text, each held to the same upload limit."""
    limit = budget.upload_bytes
    try:
        # the body is capped by the guard; a part may be as big as the body (url-encoding
        # can triple a paste), so the limit below is the one the user reads
        form = await request.form(max_files=1, max_fields=8, max_part_size=3 * limit + 1)
    except StarletteHTTPException as exc:
        raise InputError(f"the form could not be read ({exc.detail})") from None
    story, text = form.get("story"), form.get("text")
    if isinstance(story, UploadFile) and story.filename:
        name = Path(story.filename).name
        if Path(name).suffix.lower() not in UPLOAD_SUFFIXES:
            raise InputError(f"{name}: not a story file (txt, html or epub)")
        data = await story.read(limit + 1)
    else:
        name, data = "pasted.txt", (text if isinstance(text, str) else "").encode("utf-8")
    if len(data) > limit:
        raise InputError(
            f"{name}: larger than the {describe_size(limit)} upload limit of the web app; "
            "`ficlens analyze FILE` on the command line reads bigger files"
        )
    if not data.strip():
        raise InputError("nothing to analyse: choose a file or paste a story")
    return data, name
