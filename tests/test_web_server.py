"""`ficlens serve` for real on 127.0.0.1: streamed bodies refused as they arrive, analyses
cancelled when the client leaves, and a prompt stop on SIGTERM with its workers killed."""

from __future__ import annotations

import json
import os
import select
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator

import psutil
import pytest

from ficlens.corpus.store import Corpus
from tests.hostile_inputs import dialogue
from tests.serve_process import START_SECONDS, ServeProcess

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(condition, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out after {seconds} s waiting for {what}")


def get(port: int, path: str) -> tuple[int, bytes]:
    with socket.create_connection(("127.0.0.1", port), timeout=5) as conn:
        conn.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
                     .encode())
        reply = b""
        while chunk := conn.recv(65536):
            reply += chunk
    head, _, body = reply.partition(b"\r\n\r\n")
    return int(head.split()[1]), body


def running(port: int) -> int:
    return json.loads(get(port, "/api/status")[1])["analyses_running"]


def analysis_workers(server: subprocess.Popen) -> list[psutil.Process]:
    children = psutil.Process(server.pid).children(recursive=True)
    return [c for c in children if "spawn_main" in " ".join(_cmdline(c))]


def _cmdline(process: psutil.Process) -> list[str]:
    try:
        return process.cmdline()
    except psutil.Error:
        return []


@pytest.fixture
def server(tmp_path) -> Iterator[tuple[subprocess.Popen, int]]:
    db = tmp_path / "serve.db"
    Corpus(db, create=True).close()
    port = free_port()
    cmd = [sys.executable, "-m", "ficlens", "serve", str(db), "--port", str(port),
           "--max-upload-mb", "1", "--max-analyses", "1"]
    process = subprocess.Popen(cmd, stderr=subprocess.PIPE, env=os.environ.copy())
    try:
        wait_for(lambda: _answers(port), START_SECONDS, "the server to start")
        yield process, port
    finally:
        if process.poll() is None:
            for child in psutil.Process(process.pid).children(recursive=True):
                child.kill()
            process.kill()
        process.wait(timeout=10)


def _answers(port: int) -> bool:
    try:
        return get(port, "/api/status")[0] == 200
    except OSError:
        return False


def start_analysis(port: int) -> socket.socket:
    """POST a story that takes many seconds, leaving the connection open."""
    story = dialogue(150, one_paragraph=True).encode()
    boundary = "ficlensboundary"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\n".encode()
            + story + f"\r\n--{boundary}--\r\n".encode())
    conn = socket.create_connection(("127.0.0.1", port), timeout=5)
    conn.sendall(
        f"POST /analyze HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: {len(body)}\r\n"
        f"Content-Type: multipart/form-data; boundary={boundary}\r\n\r\n".encode() + body
    )
    return conn


def test_a_streamed_body_is_refused_before_it_is_all_sent(server):
    _process, port = server
    conn = socket.create_connection(("127.0.0.1", port), timeout=5)
    conn.sendall(b"POST /analyze HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n"
                 b"Content-Type: multipart/form-data; boundary=x\r\n\r\n")
    part = (b'--x\r\nContent-Disposition: form-data; name="story"; filename="big.txt"\r\n'
            b"Content-Type: text/plain\r\n\r\n")
    conn.sendall(b"%x\r\n%s\r\n" % (len(part), part))
    chunk = b"word " * 13_107
    sent = 0
    reply = b""
    with conn:
        while sent < 200 * 2**20:
            readable, _, _ = select.select([conn], [], [], 0)
            if readable:
                reply = conn.recv(65536)
                break
            try:
                conn.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            except OSError:  # the server closed the connection after answering
                reply = conn.recv(65536)
                break
            sent += len(chunk)
        reply += _rest(conn)
    assert reply.startswith(b"HTTP/1.1 413"), reply[:200]
    assert sent < 20 * 2**20  # refused long before the 200 MB were sent
    assert b"limit of the web app" in reply


def _rest(conn: socket.socket) -> bytes:
    rest = b""
    try:
        while len(rest) < 100_000 and (chunk := conn.recv(65536)):
            rest += chunk
    except OSError:
        pass
    return rest


def test_leaving_cancels_the_analysis_and_sigterm_stops_at_once(server):
    process, port = server
    conn = start_analysis(port)
    wait_for(lambda: running(port) == 1, 30, "the analysis to start")
    assert len(analysis_workers(process)) == 1
    conn.close()
    wait_for(lambda: running(port) == 0, 10, "the analysis to be cancelled")
    wait_for(lambda: not analysis_workers(process), 10, "the worker to be killed")

    conn = start_analysis(port)
    wait_for(lambda: running(port) == 1, 30, "the second analysis to start")
    workers = analysis_workers(process)
    stopped = time.monotonic()
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=10)
    assert time.monotonic() - stopped < 8
    wait_for(lambda: not any(w.is_running() for w in workers), 5, "the worker to be killed")
    conn.close()
    assert b"serving" in process.stderr.read()


@pytest.mark.parametrize("moment", ["building the app", "starting uvicorn"])
@pytest.mark.parametrize("background", [False, True], ids=["foreground", "background"])
def test_sigint_while_the_server_starts_stops_it(tmp_path, moment, background):
    """Started in the background, a server inherits SIGINT ignored; a SIGINT before uvicorn
    took over was then lost and the server ran on for good (left running by a test at load
    12-20). The warning line comes after the imports, before the app is built; the serving
    line just before uvicorn starts."""
    db = tmp_path / "c.db"
    Corpus(db, create=True).close()
    with ServeProcess([str(db), "--host", "0.0.0.0", "--port", "0"], background) as serve:
        serve.line()
        if moment == "starting uvicorn":
            serve.line()
        serve.stop(signal.SIGINT, 20)
        assert serve.process.returncode == 130
        assert serve.rest().endswith("ficlens: interrupted\n")
