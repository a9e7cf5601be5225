"""``ficlens serve``: the local web app over a corpus."""

from __future__ import annotations

import ipaddress
import os
import signal
import socket
from pathlib import Path

import typer

from ficlens.cli.output import err_console
from ficlens.errors import FiclensError

app = typer.Typer()



@app.command()
def serve(
    db: Path = typer.Argument(..., help="Corpus database file."),
    host: str = typer.Option("127.0.0.1", help="Address to bind (local only by default)."),
    port: int = typer.Option(8000, min=0, max=65535, help="Port."),
    allow_host: list[str] = typer.Option(
        [], "--allow-host", help="Another name the server may be reached by (Host header); "
        "loopback names are always allowed."
    ),
    max_analyses: int = typer.Option(2, min=1, help="Analyses running at once; more are refused."),
    timeout: float = typer.Option(120.0, min=1.0, help="Seconds one analysis may take."),
    max_upload_mb: int = typer.Option(5, min=1, help="Largest upload or paste, in MB."),
    max_chars: int = typer.Option(
        2_000_000, min=1000, help="Most characters of story text one upload may hold."
    ),
    max_memory_mb: int = typer.Option(2048, min=256, help="Memory one analysis may use (MB)."),
) -> None:
    """Browse works, open reports, search, and analyse uploaded stories in a browser."""
    _stop_at_once_outside_uvicorn()
    import uvicorn

    from ficlens.web.app import create_app
    from ficlens.web.worker import Budget

    if not _is_loopback(host):
        err_console.print(
            f"ficlens: warning: --host {host} makes the server reachable from other machines; "
            "it has no login and runs analyses for anyone who can reach it "
            "(add --allow-host NAME for the names they will use)", markup=False,
        )
    budget = Budget(upload_bytes=max_upload_mb * 2**20, expanded_bytes=4 * max_upload_mb * 2**20,
                    text_chars=max_chars, seconds=timeout, memory_mb=max_memory_mb,
                    slots=max_analyses)
    web = create_app(db, allowed_hosts=allow_host, budget=budget)
    listener = _listen(host, port)
    config = uvicorn.Config(web, host=host, port=port, log_level="warning",
                            timeout_graceful_shutdown=3)
    server = _server(config, web.state.pool)
    shown = f"[{host}]" if ":" in host else host
    err_console.print(f"ficlens: serving {db} at http://{shown}:{listener.getsockname()[1]}/ "
                      "(Ctrl-C to stop)", markup=False)
    server.run(sockets=[listener])


STOP_SIGNALS = {signal.SIGINT: "interrupted", signal.SIGTERM: "terminated"}


def _stop_at_once_outside_uvicorn() -> None:
    """SIGINT or SIGTERM ends the process at once whenever uvicorn is not handling them:
    from the command's first moment until uvicorn takes over (nothing is running yet that
    needs stopping, and an exception raised into the imports could be swallowed or reworded
    by a library on the way: pydantic turns one into an error of its own), and again when
    uvicorn, having shut down and killed the analysis workers, hands the signal back (the
    interpreter's own teardown took over a second on a loaded machine).

    Installed whatever the inherited disposition: a server started in the background
    inherits SIGINT ignored, and a SIGINT during start-up was then lost and the server ran
    on for good."""
    for stop in STOP_SIGNALS:
        signal.signal(stop, _exit_now)


def _exit_now(signum: int, _frame: object) -> None:
    os.write(2, f"ficlens: {STOP_SIGNALS.get(signum, 'stopped')}\n".encode())
    os._exit(128 + signum)


def _server(config, pool):  # noqa: ANN001, ANN202 - uvicorn is imported lazily
    """uvicorn's server, killing the analysis workers the moment a stop signal arrives, so
    a long analysis never holds the shutdown up."""
    import uvicorn

    class Server(uvicorn.Server):
        def handle_exit(self, sig, frame) -> None:  # noqa: ANN001
            pool.close()
            super().handle_exit(sig, frame)

    return Server(config)


def _listen(host: str, port: int) -> socket.socket:
    """The server's socket, bound here so that the address printed is the one served (with
    ``--port 0``, the port the system chose); a port in use or a host that is not this
    machine's is the user's to fix: one line."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    listener = socket.socket(family, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        listener.bind((host.strip("[]"), port))
    except OSError as exc:
        listener.close()
        raise FiclensError(
            f"--host {host} --port {port}: cannot listen there ({exc.strerror or exc})"
        ) from None
    return listener


def _is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False
