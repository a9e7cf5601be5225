"""Analyses for the web app, each in a worker process the server can stop at any moment.

A story from a stranger can be slow or huge, so it is never analysed in the server process:
a worker reads it under the upload's size budget (file bytes, bytes an archive inflates to,
characters of story text) and the server waits for the report, killing the worker when the
time or memory budget runs out, when the client goes away, or when the server stops. At most
``slots`` analyses run at once; one more is refused, not queued.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import signal
import threading
import time
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess

import psutil

from ficlens.errors import FiclensError, InputError

POLL_SECONDS = 0.05
START_SECONDS = 120.0  # a fresh worker imports spaCy and loads the models first


class AnalysisRefused(FiclensError):
    """The server cannot run this analysis now (busy, out of time or memory, stopping)."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True, slots=True)
class Budget:
    upload_bytes: int = 5 * 2**20
    expanded_bytes: int = 20 * 2**20
    text_chars: int = 2_000_000
    seconds: float = 120.0
    memory_mb: int = 2048
    slots: int = 2

    @property
    def advice(self) -> str:
        return "the web app's limit; `ficlens analyze FILE` on the command line reads more"


class _Worker:
    def __init__(self, budget: Budget) -> None:
        context = multiprocessing.get_context("spawn")
        self.conn, child_conn = context.Pipe()
        self.process: BaseProcess = context.Process(
            target=serve_jobs, args=(child_conn, budget), daemon=True, name="ficlens-analysis"
        )
        with _children_ignore_sigint():
            self.process.start()
        child_conn.close()
        self.ready = False

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=2)
        self.conn.close()

    def rss_mb(self) -> float:
        try:
            return psutil.Process(self.process.pid).memory_info().rss / 2**20
        except psutil.Error:
            return 0.0


@contextmanager
def _children_ignore_sigint() -> Iterator[None]:
    """Processes started inside ignore SIGINT from their first instruction (an ignored
    signal stays ignored across exec): the server stops its workers itself, and a Ctrl-C
    reaching the terminal's whole process group made each starting worker die with a
    traceback of its own. SIGINT is blocked meanwhile, so one meant for the server waits
    (pending) for the moment the start takes instead of being lost."""
    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread may set handlers; this thread's children keep SIGINT
        return
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        if previous is not None:
            signal.signal(signal.SIGINT, previous)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


class AnalysisPool:
    def __init__(self, budget: Budget) -> None:
        self.budget = budget
        self.idle: list[_Worker] = []
        self.busy: set[_Worker] = set()
        self.closed = False

    @property
    def running(self) -> int:
        return len(self.busy)

    async def analyze(
        self, data: bytes, name: str, gone: Callable[[], Awaitable[bool]]
    ) -> str:
        """The HTML report of ``data``; InputError for a bad story, AnalysisRefused when the
        server is busy or a budget ran out. ``gone()`` tells whether the client left."""
        worker = self._acquire()
        try:
            await self._wait_ready(worker, gone)
            worker.conn.send((data, name))
            reply = await self._wait_reply(worker, gone, self.budget.seconds)
        except BaseException:
            self.busy.discard(worker)
            worker.kill()
            raise
        self.busy.discard(worker)
        if not self.closed:
            self.idle.append(worker)
        return _unpack(reply)

    def close(self) -> None:
        """Kill every worker now (the server is stopping)."""
        self.closed = True
        for worker in [*self.idle, *self.busy]:
            worker.kill()
        self.idle.clear()

    def _acquire(self) -> _Worker:
        if self.closed:
            raise AnalysisRefused("the server is stopping", 503)
        while self.idle:
            worker = self.idle.pop()
            if worker.process.is_alive():
                self.busy.add(worker)
                return worker
            worker.kill()
        if len(self.busy) >= self.budget.slots:
            raise AnalysisRefused(
                f"the server is busy: {len(self.busy)} analyses are running, the most it runs "
                "at once; try again in a minute", 503,
            )
        worker = _Worker(self.budget)
        self.busy.add(worker)
        return worker

    async def _wait_ready(self, worker: _Worker, gone: Callable[[], Awaitable[bool]]) -> None:
        if not worker.ready:
            reply = await self._wait_reply(worker, gone, START_SECONDS)
            if reply != ("ready",):
                raise AnalysisRefused(_unpack_failure(reply), 500)
            worker.ready = True

    async def _wait_reply(
        self, worker: _Worker, gone: Callable[[], Awaitable[bool]], seconds: float
    ) -> tuple:
        deadline = time.monotonic() + seconds
        while True:
            if self.closed:
                raise AnalysisRefused("the server is stopping", 503)
            try:
                if worker.conn.poll():
                    return worker.conn.recv()
            except (EOFError, OSError):
                raise AnalysisRefused(
                    "the analysis stopped unexpectedly (the server may be stopping)", 503
                ) from None
            if not worker.process.is_alive():
                raise AnalysisRefused("the analysis stopped unexpectedly", 500)
            if time.monotonic() > deadline:
                raise AnalysisRefused(
                    f"the analysis took longer than the {seconds:g} s limit: try a shorter "
                    "story, or `ficlens analyze FILE` on the command line", 503,
                )
            if worker.rss_mb() > self.budget.memory_mb:
                raise AnalysisRefused(
                    f"the analysis needed more than the {self.budget.memory_mb:,} MB memory "
                    "limit: try a shorter story, or `ficlens analyze FILE` on the command line",
                    503,
                )
            if await gone():
                raise AnalysisRefused("the client went away", 499)
            await asyncio.sleep(POLL_SECONDS)


def _unpack(reply: tuple) -> str:
    kind, payload = reply
    if kind == "report":
        return payload
    if kind == "input":
        raise InputError(payload)
    raise AnalysisRefused(_unpack_failure(reply), 500)


def _unpack_failure(reply: tuple) -> str:
    detail = reply[1] if len(reply) > 1 else reply
    return f"internal error in the analysis ({detail}); please report it"


def serve_jobs(conn: Connection, budget: Budget) -> None:
    """The worker process: load the pipeline once, then analyse each story it is sent."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # inherited already (_children_ignore_sigint)
    try:
        _load_pipeline()
    except Exception as exc:  # a broken install: the server shows it, not a hang
        conn.send(("bug", f"{type(exc).__name__}: {exc}"))
        return
    conn.send(("ready",))
    while True:
        try:
            data, name = conn.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            return
        conn.send(analyze_story(data, name, budget))


def _load_pipeline() -> None:
    from ficlens.pipeline import select

    for stage in select(None):
        stage.load()


def analyze_story(data: bytes, name: str, budget: Budget) -> tuple[str, str]:
    """``("report", html)``, ``("input", message)`` for a bad story, ``("bug", detail)``."""
    from ficlens.ingest import read_bytes
    from ficlens.ingest.limits import input_budget
    from ficlens.pipeline import analyze
    from ficlens.report import render

    try:
        with input_budget(budget.upload_bytes, budget.expanded_bytes, budget.advice):
            work = read_bytes(data, name)
        if len(work.text) > budget.text_chars:
            raise InputError(
                f"the story is {len(work.text):,} characters, over the "
                f"{budget.text_chars:,} limit ({budget.advice})"
            )
        work.metadata.source_path = name  # the report's title when the story has none
        return "report", render(analyze(work), "html")
    except FiclensError as exc:
        return "input", f"{name}: {exc}"
    except Exception as exc:  # a bug: one line to the page, never the server's traceback
        return "bug", f"{type(exc).__name__}: {exc}"
