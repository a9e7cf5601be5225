"""``ficlens serve``: the local web app over a corpus."""

from __future__ import annotations

from pathlib import Path

import typer

app = typer.Typer()



@app.command()
def serve(
    db: Path = typer.Argument(..., help="Corpus database file."),
    host: str = typer.Option("127.0.0.1", help="Address to bind (local only by default)."),
    port: int = typer.Option(8000, help="Port."),
) -> None:
    """Browse works, open reports, search, and analyse uploaded stories in a browser."""
    import uvicorn

    from ficlens.web.app import create_app

    uvicorn.run(create_app(db), host=host, port=port, log_level="warning")
