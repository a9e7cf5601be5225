"""``ficlens serve``: the local web app over a corpus."""

from __future__ import annotations

import ipaddress
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
    _check_free(host, port)
    config = uvicorn.Config(web, host=host, port=port, log_level="warning",
                            timeout_graceful_shutdown=3)
    server = _server(config, web.state.pool)
    shown = f"[{host}]" if ":" in host else host
    err_console.print(f"ficlens: serving {db} at http://{shown}:{port}/ (Ctrl-C to stop)",
                      markup=False)
    server.run()


def _server(config, pool):  # noqa: ANN001, ANN202 - uvicorn is imported lazily
    """uvicorn's server, killing the analysis workers the moment a stop signal arrives, so
    a long analysis never holds the shutdown up."""
    import uvicorn

    class Server(uvicorn.Server):
        def handle_exit(self, sig, frame) -> None:  # noqa: ANN001
            pool.close()
            super().handle_exit(sig, frame)

    return Server(config)


def _check_free(host: str, port: int) -> None:
    """A port in use or a host that is not this machine's is the user's to fix: one line."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host.strip("[]"), port))
        except OSError as exc:
            raise FiclensError(
                f"--host {host} --port {port}: cannot listen there ({exc.strerror or exc})"
            ) from None


def _is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False
